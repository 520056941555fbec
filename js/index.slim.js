// sigv4-wasm/slim: the default entry's API without the module inside, for
// apps that serve sigv4.wasm as a file of its own (Vite's `?url`, a CDN).
// `await init(url)` loads it; `await init()` fetches the copy next to this
// package's files, which bundlers that follow `new URL(path, import.meta.url)`
// (Vite, webpack 5, Parcel) emit as an asset. Nothing loads by itself: a
// call before init() throws ERR_NOT_INITIALIZED.
import { makeLoader } from './core.js'

export const { init, initSync } = makeLoader(() => new URL('../dist/sigv4.wasm', import.meta.url), { embedded: false })
export { sign, presign, explain, createSigner, sha256, sha256Async, createSha256, signChunked, encodedLength, SigV4Error } from './core.js'
export { checksum, createChecksum, createEventSigner, createEventStreamCodec, presignPost, verifyPost } from './core.js'
// The receiving side: verify incoming requests.
export { verify, withVerification, verifyMiddleware, getVerification, awsErrorResponse } from './core.js'
// Why AWS refused a signature: read its error body, compare, name the cause.
export { diagnose, parseAwsError } from './core.js'
// fetch and axios integrations, and credential providers.
export { createSignedFetch } from './fetch.js'
export { sigv4Interceptor, addSigv4Interceptor } from './axios.js'
export { cachedCredentials } from './credentials.js'
// Requests as text: raw HTTP and curl command lines.
export { parseHttpRequest, parseCurl, toCurl } from './http-text.js'
