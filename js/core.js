// sigv4-wasm: the JS side of the boundary. It shapes input (URL, headers,
// body, credentials) into the arena, makes one call, and reads the answer.
// It never canonicalises anything: the C core is the single source of truth.
// The arena layout is wasm/ABI.md (js/abi.js).
//
// This file is what the entries import: this copy of the glue's one wasm
// instance (js/load.js), a default signer (js/signer.js) behind the free
// functions, and the hash and checksum functions (js/hash.js,
// js/checksum.js) bound to the instance.

import { createWasmHost } from './load.js'
import { diagnoseWith } from './diagnose.js'
import { headerEntries, parseNew } from './request.js'
import { fail } from './errors.js'
import { Signer, publicKeyHex, verifyV4aSignature } from './signer.js'
import { signChunkedWith, encodedLengthWith, framing, DEFAULT_CHUNK_SIZE } from './stream.js'
import { signText, signingKey } from './hmac.js'
import { createEventSignerWith } from './events.js'
import { verifyWith } from './verify.js'
import { presignPostWith, verifyPostWith } from './post.js'
import { createEventStreamCodec as codecWith } from './eventstream.js'
import { ALG_ECDSA_P256_NAME } from './abi.js'
import {
  sha256Async as sha256AsyncWith, createSha256 as createSha256With, hashHex, hashInput,
} from './hash.js'
import { checksum as checksumWith, createChecksum as createChecksumWith, crc32 } from './checksum.js'

export { SigV4Error } from './errors.js'
export { _useNativeHash } from './hash.js'
export { getVerification, awsErrorResponse, withVerificationBy, verifyMiddlewareBy } from './middleware.js'
export { parseAwsError } from './aws-error.js'

const { makeLoader, makeJsLoader, setAutoInit, setV4aModule, ready } = createWasmHost()
export { makeLoader, makeJsLoader, setAutoInit, setV4aModule, ready }

const signer = new Signer(ready)

/** A signer with its own caches (signing keys, URLs, inferred scopes, token bytes). */
export function createSigner () {
  return new Signer(ready)
}

export function sign (request, options) {
  return signer.sign(request, options)
}

export function presign (request, options) {
  return signer.presign(request, options)
}

export function explain (request, options) {
  return signer.explain(request, options)
}

export function sha256 (data) {
  return hashHex(ready(), hashInput(data))
}

export function sha256Async (data) {
  return sha256AsyncWith(ready, data)
}

export function createSha256 () {
  return createSha256With(ready)
}

/** S3's x-amz-checksum-* value (base64) of a string (UTF-8) or bytes. */
export function checksum (algorithm, data) {
  return checksumWith(ready, algorithm, data)
}

export function createChecksum (algorithm) {
  return createChecksumWith(ready, algorithm)
}

/** The SigV4a public key of credentials, hex (the v4a entries export it). */
export function publicKey (credentials) {
  return publicKeyHex(ready(true), credentials)
}

/** Sign a request whose body is sent aws-chunked as it is read (js/stream.js). */
export function signChunked (request, options) {
  return signChunkedWith(signer, createChecksum, request, options)
}

/** Content-Length of an aws-chunked body of decodedLength bytes. */
export function encodedLength (decodedLength, chunkSize = DEFAULT_CHUNK_SIZE, options = {}) {
  const { payload, checksum, algorithm } = options
  const v4a = algorithm === ALG_ECDSA_P256_NAME
  const f = framing(createChecksum, chunkSize, payload, checksum, v4a)
  return encodedLengthWith(ready(v4a), decodedLength, chunkSize, f.algorithm, f.trailerName, f.checksum)
}

/** An event-stream codec (js/eventstream.js) with the wasm's CRC-32. */
export function createEventStreamCodec () {
  return codecWith((bytes) => crc32(ready(), bytes))
}

/** A signer of one event stream's messages (js/events.js). */
export function createEventSigner (options) {
  return createEventSignerWith(signer, createEventStreamCodec(), options)
}

/**
 * An entry's verify(), checking on `verifyInstance()`, its receiving
 * module (with P-256 when v4a): only verify() reaches it, so that an app
 * that only signs does not carry it. Each entry exports its own verify()
 * and the middleware over it one by one: bundlers drop a function export
 * nothing imports, not a destructured export of several.
 */
export function verifierOn (verifyInstance, v4a = false) {
  const side = { signer, instance: verifyInstance, v4a }
  return function verify (request, options) {
    return verifyWith(side, request, options)
  }
}

/** The URL and form fields of an S3 POST upload (js/post.js). */
export function presignPost (params, options) {
  return presignPostWith(signer, params, options)
}

/** Whether a POST upload's form meets its signed policy (js/post.js). */
export function verifyPost (fields, options) {
  return verifyPostWith(signer, fields, options)
}

/**
 * Why AWS refused a request's signature (js/diagnose.js). Bundlers leave it
 * out of apps that never call it; the entries in dist/ load it on the first
 * call (scripts/bundle.mjs), so that an app that only signs does not parse
 * it at import.
 */
export async function diagnose (input) {
  return diagnoseWith({
    explain,
    sha256,
    sign: (stringToSign, credentials, region, service, dayMs) =>
      signText(signer, signingKey(signer, credentials, region, service, dayMs / 1000).key, stringToSign),
    publicKey,
    verifyV4a: (keyHex, stringToSign, signatureHex) => verifyV4aSignature(ready(true), keyHex, stringToSign, signatureHex),
    parseNew,
    headerEntries,
    fail,
  }, input)
}
