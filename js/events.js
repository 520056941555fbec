// Signed event streams (Transcribe streaming, Bedrock bidirectional
// streams, Lex, Rekognition streaming): each message sent is wrapped in a
// message whose headers carry its :date and a :chunk-signature chained to
// the previous one (the first to the signature of the request that opened
// the stream), and the stream ends with an empty signed message. The
// string to sign is the C core's (sigv4w_stream, kind EVENT).

import { fail } from './errors.js'
import { sha256Bytes, unhex } from './hash.js'
import { secondsOf, credentialsOf, nameChecker } from './request.js'
import { ChunkSigner } from './stream.js'
import { signingKey } from './hmac.js'

const EVENT_OPTIONS = ['credentials', 'region', 'service', 'seedSignature', 'signingDate']
const checkOptions = /* @__PURE__ */ nameChecker(EVENT_OPTIONS, 'createEventSigner() option')
const SEED = /^[0-9a-f]{64}$/
const EMPTY = /* @__PURE__ */ new Uint8Array(0)

/**
 * An event signer for one stream: sign(message, date) returns the signed
 * message's bytes to send, end(date) the empty signed message that closes
 * the stream. `signer` is a Signer (js/signer.js), `codec` an event-stream
 * codec (js/eventstream.js).
 */
export function createEventSignerWith (signer, codec, options) {
  if (!options || typeof options !== 'object') fail('ERR_CREDENTIALS', 'createEventSigner(options): options with credentials, region, service and seedSignature are required')
  checkOptions(options)
  const { region, service, seedSignature } = options
  if (typeof region !== 'string' || region === '') fail('ERR_REGION')
  if (typeof service !== 'string' || service === '') fail('ERR_SERVICE')
  if (typeof seedSignature !== 'string' || !SEED.test(seedSignature)) {
    fail('ERR_PREVIOUS', 'seedSignature must be the 64 lowercase hex digits of the signature of the request that opened the stream (its Authorization header or X-Amz-Signature)')
  }
  credentialsOf(options, secondsOf(options.signingDate))
  const chain = new ChunkSigner(() => signer.ready(), { key: null, amzDate: '', seed: seedSignature })
  let day = -1
  let ended = false

  // The key of the message's day, found or derived by an ordinary signing
  // call (which checks a cached key against the secret): a stream may
  // outlive the day it started on.
  function keyFor (seconds) {
    const d = Math.floor(seconds / 86400)
    if (d !== day) {
      chain.wipe()
      chain.key = signingKey(signer, options.credentials, region, service, seconds).key
      day = d
    }
  }

  function signBytes (inner, date) {
    if (ended) fail('ERR_EVENT_ENDED', 'the event stream has ended: end() sent its last message')
    // :date has whole seconds, as the signature's X-Amz-Date.
    const seconds = secondsOf(date === undefined ? options.signingDate : date)
    const ms = seconds * 1000
    keyFor(seconds)
    chain.amzDate = new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '')
    const hash = sha256Bytes(() => signer.ready(), inner, true)
    const signature = chain.event(hash, ms)
    return codec.encode({
      headers: { ':date': { type: 'timestamp', value: new Date(ms) }, ':chunk-signature': { type: 'binary', value: unhex(signature) } },
      payload: inner,
    })
  }

  return {
    /**
     * The signed message carrying `message` (an encoded event-stream
     * message, or { headers, payload } to encode), signed at `date`
     * (default: now, or options.signingDate).
     */
    sign (message, date) {
      const inner = message instanceof Uint8Array ? message : codec.encode(message)
      return signBytes(inner, date)
    },
    /** The empty signed message that ends the stream. */
    end (date) {
      const out = signBytes(EMPTY, date)
      ended = true
      chain.wipe()
      return out
    },
    /** The last signature made (the seed before the first message). */
    get signature () {
      return chain.previous
    },
  }
}
