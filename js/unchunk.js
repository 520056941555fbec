// Verifying an aws-chunked body as it arrives: the C decoder
// (sigv4w_unchunk_init / sigv4w_unchunk_feed, wasm/ABI.md) checks the
// framing, each chunk's signature chained from the seed, the trailers and
// their signature, the checksum and the decoded length, and fails on the
// first bad chunk. Its state lives here between calls (as hash states do),
// in the arena only during a call. Data comes out as views of the input,
// a chunk's only once its signature has verified; the body as a whole is
// valid only when the input ended without an error.

import { UNCHUNK_STATE_BYTES, UNCHUNK_CHUNK, UNCHUNK_END, KEY_BYTES, TRAILERS_MAX, ALG_ECDSA_P256 } from './abi.js'
import { fail, failC } from './errors.js'
import { putText } from './arena.js'
import { CHUNK } from './hash.js'
import { chunkBytes } from './request.js'

// Arena layout of a call: the state, the feed's output record (3 words,
// 16 bytes), then the input (a window of the body, or init's strings).
// Each offset a sum of imported constants and numbers, which a bundle
// folds into a number (as in stream.js).
const STATE = 0
const OUT = UNCHUNK_STATE_BYTES
const IN = UNCHUNK_STATE_BYTES + 16
// Init's inputs, from IN: the key struct (240 bytes), X-Amz-Date (16), the
// seed (160), the table of trailer names (8 entries of 16 bytes) and
// their text (4096).
const AT_KEY = IN
const AT_DATE = UNCHUNK_STATE_BYTES + 16 + 240
const AT_SEED = UNCHUNK_STATE_BYTES + 16 + 240 + 16
const AT_TABLE = UNCHUNK_STATE_BYTES + 16 + 240 + 16 + 160
const AT_TEXT = UNCHUNK_STATE_BYTES + 16 + 240 + 16 + 160 + 128
const AT_END = UNCHUNK_STATE_BYTES + 16 + 240 + 16 + 160 + 128 + 4096

/**
 * A verifier of one aws-chunked body. `ready` gives the wasm instance;
 * `key` is the seed request's signing-key struct (signer.signSeed()'s, as
 * ChunkSigner takes it; null for STREAMING-UNSIGNED-PAYLOAD-TRAILER),
 * `amzDate` and `seed` its X-Amz-Date and signature, `decodedLength`
 * x-amz-decoded-content-length, `trailers` the names in x-amz-trailer.
 * The key bytes stay the caller's; the state's copy is wiped when the body
 * ends or fails. Returns { update(bytes) -> the data pieces verified,
 * end(), transformStream(), decode(source) }.
 */
export function createChunkedVerifier (ready, { key = null, amzDate = '', seed = '', decodedLength, trailers = [] } = {}) {
  if (!Number.isSafeInteger(decodedLength) || decodedLength < 0) {
    fail('ERR_DECODED_LENGTH', `decodedLength must be x-amz-decoded-content-length, a non-negative safe integer, not ${decodedLength}`)
  }
  if (key !== null && (!(key instanceof Uint8Array) || key.length < KEY_BYTES)) {
    fail('ERR_KEY_ALGORITHM', `key must be a signing-key struct of ${KEY_BYTES} bytes (signSeed()'s), or null for an unsigned upload`)
  }
  // The module that verifies SigV4a has P-256; sigv4.wasm states fit it too.
  const v4a = key !== null && key[KEY_BYTES - 1] === ALG_ECDSA_P256
  if (key !== null) key = key.subarray(0, KEY_BYTES)
  const state = new Uint8Array(UNCHUNK_STATE_BYTES)
  let status = 0 // UNCHUNK_END when done; a SigV4Error once failed
  let pending = [] // data of the chunk whose signature is not checked yet

  // One call with the state in the arena; the arena wiped after.
  function call (fn) {
    const w = ready(v4a)
    let end = IN
    try {
      w.u8.set(state, STATE)
      const [rc, upTo] = fn(w)
      end = upTo
      state.set(w.u8.subarray(STATE, STATE + UNCHUNK_STATE_BYTES))
      return rc
    } finally {
      w.u8.fill(0, 0, Math.max(end, AT_END))
    }
  }

  function check (rc) {
    if (rc < 0) {
      state.fill(0)
      pending = []
      try {
        failC(rc)
      } catch (e) {
        status = e
        throw e
      }
    }
    return rc
  }

  check(call((w) => {
    const { u8, u32 } = w
    if (key) u8.set(key, AT_KEY)
    putText(u8, AT_DATE, AT_SEED, amzDate)
    const seedLen = putText(u8, AT_SEED, AT_TABLE, seed) - AT_SEED
    if (trailers.length > TRAILERS_MAX) fail('ERR_TRAILER')
    let pos = AT_TEXT
    trailers.forEach((name, i) => {
      u32[(AT_TABLE >>> 2) + 2 * i] = pos
      pos = putText(u8, pos, AT_END, String(name))
      u32[(AT_TABLE >>> 2) + 2 * i + 1] = pos - u32[(AT_TABLE >>> 2) + 2 * i]
    })
    return [w.x.sigv4w_unchunk_init(STATE, key ? AT_KEY : 0, AT_DATE, AT_SEED, seedLen,
      decodedLength >>> 0, Math.floor(decodedLength / 4294967296) >>> 0, AT_TABLE, trailers.length), AT_END]
  }))

  function failed () {
    if (status instanceof Error) throw status
  }

  // One feed call over a window of at most CHUNK bytes: [rc, used,
  // offset of the data in the window, its length].
  function feed (piece, end) {
    let record
    const rc = check(call((w) => {
      w.u8.set(piece, IN)
      const rc = w.x.sigv4w_unchunk_feed(STATE, IN, piece.length, end, OUT)
      const o = OUT >>> 2
      record = [w.u32[o], w.u32[o + 1] - IN, w.u32[o + 2]]
      return [rc, IN + piece.length]
    }))
    return [rc, ...record]
  }

  /** The next bytes of the body: the data of the chunks they complete (views of `bytes`). */
  function update (bytes) {
    failed()
    bytes = chunkBytes(bytes)
    const out = []
    for (let at = 0; at < bytes.length;) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + CHUNK))
      const [rc, used, off, len] = feed(piece, 0)
      if (len > 0) pending.push(piece.subarray(off, off + len))
      if (rc === UNCHUNK_CHUNK || rc === UNCHUNK_END) {
        out.push(...pending)
        pending = []
      }
      if (rc === UNCHUNK_END) status = UNCHUNK_END
      at += used
    }
    return out
  }

  /** The input has ended: throws unless the body ended with it, verified. */
  function end () {
    failed()
    if (status !== UNCHUNK_END) feed(new Uint8Array(0), 1)
  }

  /** The same as a TransformStream: bytes in, verified data out; errors on the first bad chunk. */
  function transformStream () {
    return new TransformStream({
      transform (bytes, controller) {
        for (const piece of update(bytes)) controller.enqueue(piece)
      },
      flush: end,
    })
  }

  /** The decoded data of an async iterable of bytes, chunk by chunk; throws SigV4Error on the first bad one. */
  async function * decode (source) {
    for await (const bytes of source) yield * update(bytes)
    end()
  }

  return { update, end, transformStream, decode }
}
