// sigv4-wasm/slim: the default entry's API without the module inside, for
// apps that serve sigv4.wasm as a file of its own (Vite's `?url`, a CDN).
// `await init(url)` loads it; `await init()` fetches the copy next to this
// package's files, which bundlers that follow `new URL(path, import.meta.url)`
// (Vite, webpack 5, Parcel) emit as an asset. Nothing loads by itself: a
// call before init() throws ERR_NOT_INITIALIZED.
import { makeLoader, verifierOn, withVerificationBy, verifyMiddlewareBy } from './core.js'
import { lazyInstance } from './load.js'

export const { init, initSync } = makeLoader(() => new URL('../dist/sigv4.wasm', import.meta.url), { embedded: false })
export { sign, presign, explain, createSigner, sha256, sha256Async, createSha256, signChunked, encodedLength, SigV4Error } from './core.js'
export { checksum, createChecksum, createEventSigner, createEventStreamCodec, presignPost, verifyPost } from './core.js'
// The receiving side: verify incoming requests, on a module of its own,
// fetched by the first verify() from beside this package's files
// (dist/sigv4-verify.wasm, which bundlers emit as they do sigv4.wasm).
export const verify = /* @__PURE__ */ verifierOn(/* @__PURE__ */ lazyInstance(() => new URL('../dist/sigv4-verify.wasm', import.meta.url)))
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
