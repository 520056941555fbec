// sigv4-wasm/js: the default entry's API on the same module compiled to
// plain JavaScript (binaryen's wasm2js: dist/sigv4-wasm2js.js), for hosts
// that have no WebAssembly or refuse to compile it: React Native on Hermes,
// node --jitless, iOS Lockdown Mode, pages whose Content-Security-Policy
// lacks 'wasm-unsafe-eval'. Metro picks it for 'sigv4-wasm' itself (the
// "react-native" export condition). Nothing to load: the first call makes
// the instance; init() and initSync() are there for the same API.
import instantiate from '../dist/sigv4-wasm2js.js'
import instantiateVerify from '../dist/sigv4-verify-wasm2js.js'
import { makeJsLoader, setAutoInit, verifierOn, withVerificationBy, verifyMiddlewareBy } from './core.js'
import { lazyInstance } from './load.js'
import { setUrlParser } from './request.js'
import { parseUrl } from './url.js'
import { useEncoder } from './arena.js'
import { utf8Encoder, textFallback } from './utf8.js'
import { useText } from './text.js'

export const { init, initSync } = makeJsLoader(instantiate)
setAutoInit(() => initSync())
// React Native's URL has no pathname nor search (Hermes alone, no URL),
// and Hermes has no TextEncoder, TextDecoder, btoa nor atob.
setUrlParser(parseUrl)
useEncoder(utf8Encoder)
useText(textFallback)
export { sign, presign, explain, createSigner, sha256, sha256Async, createSha256, signChunked, encodedLength, SigV4Error } from './core.js'
export { checksum, createChecksum, createEventSigner, createEventStreamCodec, presignPost, verifyPost } from './core.js'
// The receiving side: verify incoming requests, on the module's receiving
// half (dist/sigv4-verify-wasm2js.js), made on the first verify(): an app
// that only signs does not carry it.
export const verify = /* @__PURE__ */ verifierOn(/* @__PURE__ */ lazyInstance(() => instantiateVerify))
export const withVerification = (handler, options) => withVerificationBy(verify, handler, options)
export const verifyMiddleware = (options) => verifyMiddlewareBy(verify, options)
export { getVerification, awsErrorResponse } from './core.js'
export { diagnose, parseAwsError } from './core.js'
// fetch and axios integrations, and credential providers.
export { createSignedFetch } from './fetch.js'
export { sigv4Interceptor, addSigv4Interceptor } from './axios.js'
export { cachedCredentials } from './credentials.js'
// Requests as text: raw HTTP and curl command lines.
export { parseHttpRequest, parseCurl, toCurl } from './http-text.js'
