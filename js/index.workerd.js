// Cloudflare Workers (workerd) entry: Workers refuse to compile wasm bytes
// at run time, so the module is imported as a module and bound by the host.
import wasmModule from '../dist/sigv4.wasm'
import verifyModule from '../dist/sigv4-verify.wasm'
import { makeLoader, setAutoInit, verifierOn, withVerificationBy, verifyMiddlewareBy } from './core.js'
import { lazyInstance } from './load.js'

export const { init, initSync } = makeLoader(() => wasmModule)
setAutoInit(() => initSync())
export { sign, presign, explain, createSigner, sha256, sha256Async, createSha256, signChunked, encodedLength, SigV4Error } from './core.js'
export { checksum, createChecksum, createEventSigner, createEventStreamCodec, presignPost, verifyPost } from './core.js'
// The receiving side: verify incoming requests, on a module of its own
// (dist/sigv4-verify.wasm), instantiated (asynchronously) by the first
// verify(). Bundlers keep the import (they cannot see into it), so a Worker
// uploads it too.
export const verify = /* @__PURE__ */ verifierOn(/* @__PURE__ */ lazyInstance(() => verifyModule))
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
