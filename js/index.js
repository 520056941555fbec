// Default entry: the module travels inside this file (one character per
// byte), so Node, browsers and every bundler load it with no configuration.
import { text, mask } from '../dist/sigv4-inline.js'
import { makeLoader, setAutoInit, verifierOn, withVerificationBy, verifyMiddlewareBy } from './core.js'
import { textBytes, lazyInstance } from './load.js'

export const { init, initSync } = makeLoader(() => textBytes(text, mask))
// The first synchronous call loads the module itself where hosts allow a
// synchronous compile (Node, workers, small modules on browser main threads).
setAutoInit(() => initSync())
export { sign, presign, explain, createSigner, sha256, sha256Async, createSha256, signChunked, encodedLength, SigV4Error } from './core.js'
export { checksum, createChecksum, createEventSigner, createEventStreamCodec, presignPost, verifyPost } from './core.js'
// The receiving side: verify incoming requests, on a module of its own
// (dist/sigv4-verify.wasm), imported by the first verify(): an app that only
// signs does not carry it, nor parse it at import (bundlers that split code
// make it a chunk of its own).
export const verify = /* @__PURE__ */ verifierOn(/* @__PURE__ */ lazyInstance(() => import('../dist/sigv4-verify-inline.js').then((m) => textBytes(m.text, m.mask))))
export const withVerification = (handler, options) => withVerificationBy(verify, handler, options)
export const verifyMiddleware = (options) => verifyMiddlewareBy(verify, options)
export { getVerification, awsErrorResponse } from './core.js'
// Why AWS refused a signature: read its error body, compare, name the cause.
export { diagnose, parseAwsError } from './core.js'
// fetch and axios integrations, and credential providers.
export { createSignedFetch } from './fetch.js'
export { sigv4Interceptor, addSigv4Interceptor } from './axios.js'
export { cachedCredentials } from './credentials.js'
// Requests as text: raw HTTP and curl command lines.
export { parseHttpRequest, parseCurl, toCurl } from './http-text.js'
