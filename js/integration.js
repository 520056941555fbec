// What createSignedFetch and the axios interceptor share: option handling
// (theirs vs sign()'s), credentials, and the sign() options of one attempt.

import { SigV4Error } from './core.js'
import { credentialSource } from './credentials.js'
import { nameChecker, SIGN_OPTIONS } from './request.js'

// presign() options have no meaning for a signed request.
const PRESIGN_ONLY = 'presigned URLs come from presign(); a signed fetch or axios request is signed by its headers'
const checkIntegrationOptions = /* @__PURE__ */ nameChecker(
  /* @__PURE__ */ SIGN_OPTIONS.filter((n) => n !== 'expiresIn' && n !== 'presign').concat(['fetch', 'retries',
    'unsignedStreams', 'streaming', 'chunkSize', 'checksum']),
  (what) => `${what} option`, { expiresIn: PRESIGN_ONLY, presign: PRESIGN_ONLY })

const HEX64 = /^[0-9a-f]{64}$/
// options.streaming: chunks signed, or sent unsigned with a checksum trailer.
const STREAMING_MODES = ['signed', 'unsigned-trailer']

/** Splits options into ours and sign()'s. */
export function integrationOptions (options, what) {
  if (!options || typeof options !== 'object') {
    throw new SigV4Error('ERR_CREDENTIALS', `${what}(options): options with credentials are required`)
  }
  checkIntegrationOptions(options, what)
  const { credentials, fetch, retries, unsignedStreams, streaming, chunkSize, checksum, ...signOptions } = options
  if (credentials === undefined || credentials === null) {
    throw new SigV4Error('ERR_CREDENTIALS', `${what}: options.credentials is required (an object or an async provider)`)
  }
  if (signOptions.payloadHash !== undefined) {
    throw new SigV4Error('ERR_OPTION', `${what}: payloadHash cannot be fixed for every request; the body of each request is hashed (use unsignedPayload to sign UNSIGNED-PAYLOAD)`)
  }
  if (streaming !== undefined && !STREAMING_MODES.includes(streaming)) {
    throw new SigV4Error('ERR_OPTION', `${what}: streaming must be ${STREAMING_MODES.map((m) => `"${m}"`).join(' or ')}, not ${JSON.stringify(streaming)}`)
  }
  if ((chunkSize !== undefined || checksum !== undefined) && streaming === undefined) {
    throw new SigV4Error('ERR_OPTION', `${what}: chunkSize and checksum are for streamed uploads: set streaming too`)
  }
  return {
    // Stream bodies sent aws-chunked (js/stream.js) instead of read whole.
    streaming: streaming === undefined ? null : { payload: STREAMING_MODES.indexOf(streaming) === 0 ? 'signed' : 'unsigned', chunkSize, checksum },
    getCredentials: credentialSource(credentials),
    fetch,
    retries,
    unsignedStreams: Boolean(unsignedStreams),
    signOptions,
  }
}

/**
 * sign() options for one attempt: the body's hash (or an explicit
 * UNSIGNED-PAYLOAD / STREAMING-* from an x-amz-content-sha256 header),
 * and the clock corrected for skew.
 */
export function attemptOptions (signOptions, credentials, payloadHash, clock) {
  const out = { ...signOptions, credentials, payloadHash }
  const unsigned = signOptions.unsignedPayload || !HEX64.test(payloadHash)
  // AWS learns that the payload is unsigned from this header alone.
  if (unsigned && signOptions.signContentSha256 === undefined) out.signContentSha256 = true
  if (signOptions.signingDate === undefined || signOptions.signingDate === null) out.signingDate = clock.now()
  return out
}

/** The payload hash: the body's, unless the caller sent a non-hex x-amz-content-sha256. */
export function payloadHashFor (bodyHash, headerValue) {
  if (headerValue === undefined || headerValue === null) return bodyHash
  const v = String(headerValue).trim()
  return /^[0-9a-fA-F]{64}$/.test(v) ? bodyHash : v
}
