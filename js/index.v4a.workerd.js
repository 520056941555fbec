// sigv4-wasm/v4a for Cloudflare Workers (workerd): Workers refuse to
// compile wasm bytes at run time, so sigv4a.wasm is imported as a module
// and bound by the host, as in index.workerd.js.
import wasmModule from '../dist/sigv4a.wasm'
import { makeLoader, setAutoInit, setV4aModule } from './core.js'

export const { init, initSync } = makeLoader(() => wasmModule)
setAutoInit(() => initSync())
setV4aModule(() => wasmModule)

export { sign, presign, explain, createSigner, sha256, sha256Async, createSha256, publicKey, signChunked, encodedLength, SigV4Error } from './core.js'
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
