// sigv4-wasm/v4a for Cloudflare Workers (workerd): Workers refuse to
// compile wasm bytes at run time, so sigv4a.wasm is imported as a module
// and bound by the host, as in index.workerd.js.
import wasmModule from '../dist/sigv4a.wasm'
import verifyModule from '../dist/sigv4a-verify.wasm'
import { makeLoader, setAutoInit, setV4aModule, verifierOn, withVerificationBy, verifyMiddlewareBy } from './core.js'
import { lazyInstance } from './load.js'

export const { init, initSync } = makeLoader(() => wasmModule)
setAutoInit(() => initSync())
setV4aModule(() => wasmModule)

export { sign, presign, explain, createSigner, sha256, sha256Async, createSha256, publicKey, signChunked, encodedLength, SigV4Error } from './core.js'
export { checksum, createChecksum, createEventSigner, createEventStreamCodec, presignPost, verifyPost } from './core.js'
// The receiving side: verify incoming requests, SigV4 and SigV4a, on a
// module of its own (dist/sigv4a-verify.wasm), instantiated
// (asynchronously) by the first verify(). Bundlers keep the import (they
// cannot see into it), so a Worker uploads it too.
export const verify = /* @__PURE__ */ verifierOn(/* @__PURE__ */ lazyInstance(() => verifyModule), true)
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
