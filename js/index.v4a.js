// sigv4-wasm/v4a: the whole API, SigV4 and SigV4a (AWS4-ECDSA-P256-SHA256,
// for S3 Multi-Region Access Points and other multi-region endpoints), with
// sigv4a.wasm inside: the default entry's module plus BearSSL's P-256.
// Select SigV4a with options.algorithm and options.regionSet, or let the
// host say so (Multi-Region Access Points, CloudFront KeyValueStore,
// EventBridge global endpoints).
import { text, mask } from '../dist/sigv4a-inline.js'
import { makeLoader, setAutoInit, setV4aModule, verifierOn, withVerificationBy, verifyMiddlewareBy } from './core.js'
import { textBytes, lazyInstance } from './load.js'

const bytes = () => textBytes(text, mask)

export const { init, initSync } = makeLoader(bytes)
setAutoInit(() => initSync())
setV4aModule(bytes)

export { sign, presign, explain, createSigner, sha256, sha256Async, createSha256, publicKey, signChunked, encodedLength, SigV4Error } from './core.js'
export { checksum, createChecksum, createEventSigner, createEventStreamCodec, presignPost, verifyPost } from './core.js'
// The receiving side: verify incoming requests, SigV4 and SigV4a, on a
// module of its own (dist/sigv4a-verify.wasm), imported by the first
// verify(): an app that only signs does not carry it, nor parse it at import.
export const verify = /* @__PURE__ */ verifierOn(/* @__PURE__ */ lazyInstance(() => import('../dist/sigv4a-verify-inline.js').then((m) => textBytes(m.text, m.mask))), true)
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
