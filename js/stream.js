// aws-chunked uploads: a body sent as it is read, in chunks that each carry
// a signature chained to the one before (the first to the request's own),
// optionally ending with a checksum in a signed trailer. The strings to
// sign and the framing are the C core's (sigv4w_stream, wasm/ABI.md); this
// file reads the body, hashes each chunk and hands it out as a
// ReadableStream that pulls the next chunk only when the previous one has
// been taken (backpressure: memory stays at about one chunk).

import { STRINGS_START, UNSIGNED, ALG_NAMES, STREAM_CHUNK, STREAM_TRAILER, STREAM_EVENT, SOUT_BYTES, SOUT_SIG_LEN, SOUT_FRAME_LEN, SOUT_SIGNATURE, ALG_ECDSA_P256, ALG_HMAC_SHA256 } from './abi.js'
import { fail, failC, SigV4Error } from './errors.js'
import { putText, ascii, encoder } from './arena.js'
import { sha256Bytes } from './hash.js'
import { headerEntries, nameChecker, SIGN_OPTIONS, chunkBytes, concatBytes } from './request.js'

export const DEFAULT_CHUNK_SIZE = 64 * 1024
const PAYLOAD_MODES = ['signed', 'unsigned']
// What the seed request's options may hold besides the signing options.
// (Marked pure so that a bundle that takes only streamCall drops them.)
const checkOptionNames = /* @__PURE__ */ nameChecker(/* @__PURE__ */ SIGN_OPTIONS
  .filter((n) => !['expiresIn', 'presign', 'payloadHash', 'unsignedPayload'].includes(n))
  .concat(['chunkSize', 'checksum', 'payload']), 'signChunked() option')
const checkRequestFields = /* @__PURE__ */ nameChecker(['method', 'url', 'headers', 'body', 'contentLength', 'path'], 'signChunked() request field')
// Headers this file sets from the options: a caller's copy would disagree.
const OWNED = ['content-length', 'x-amz-decoded-content-length', 'x-amz-trailer', 'transfer-encoding']
const CRLF = /* @__PURE__ */ new Uint8Array([13, 10])
const NO_HASH = /* @__PURE__ */ new Uint8Array(32) // what an unsigned chunk's frame is given
// A chunk made of pieces smaller than this on average is copied into one
// buffer: handing many small pieces on costs their reader more than that.
const MIN_PIECE = 4096

// Arena layout of one sigv4w_stream call, from STRINGS_START: the key
// struct (240 bytes), X-Amz-Date (16), the previous signature (160), the
// hash (32), the trailer table (16 entries of 8 bytes) and its strings
// (4096), then the output record. Each offset a sum from STRINGS_START,
// which a bundle folds into a number (an offset computed from another
// stays a variable that every bundle of the package keeps).
const AT_KEY = STRINGS_START
const AT_DATE = STRINGS_START + 240
const AT_PREV = STRINGS_START + 240 + 16
const AT_HASH = STRINGS_START + 240 + 16 + 160
const AT_TABLE = STRINGS_START + 240 + 16 + 160 + 32
const AT_TEXT = STRINGS_START + 240 + 16 + 160 + 32 + 128
const AT_OUT = STRINGS_START + 240 + 16 + 160 + 32 + 128 + 4096

/**
 * The signatures and frames of one streamed body: `ready` gives the wasm
 * instance, `key` the signing key struct (null for an unsigned upload),
 * `amzDate` and `seed` the request's X-Amz-Date and signature.
 */
export class ChunkSigner {
  constructor (ready, { key, amzDate, seed }) {
    this.ready = ready
    this.key = key
    this.amzDate = amzDate
    this.previous = seed
  }

  /** The header line of a chunk whose data hashes to `hash` (32 bytes). */
  chunk (hash, size) {
    return this.call(STREAM_CHUNK, (w) => {
      w.u8.set(hash, AT_HASH)
      return [AT_HASH, 0, size, 0]
    })
  }

  /** What follows the final chunk's header: the trailers ([[name, value]]) and their signature. */
  trailer (trailers) {
    return this.call(STREAM_TRAILER, (w) => [AT_TABLE, writeTable(w, trailers), 0, 0])
  }

  /**
   * Sign an event-stream message whose encoded bytes hash to `hash`, its
   * :date header `ms`: the signature, hex (also the next one's previous).
   */
  event (hash, ms) {
    this.call(STREAM_EVENT, (w) => {
      w.u8.set(hash, AT_HASH)
      return [AT_HASH, 0, ms % 4294967296, Math.floor(ms / 4294967296)]
    })
    return this.previous
  }

  // One sigv4w_stream call (streamCall): the frame comes back, the
  // signature is kept as the next one's previous.
  call (kind, input) {
    const [signature, frame] = streamCall(this.ready(), kind, this.key, this.amzDate, this.previous, input)
    if (signature) this.previous = signature
    return frame
  }

  /** Forget the key (the stream has ended or failed). */
  wipe () {
    if (this.key) this.key.fill(0)
    this.key = null
  }
}

/**
 * One sigv4w_stream call on the instance `w`: `key` is the signing key
 * struct (null: no signature), `amzDate` and `previous` what the string to
 * sign chains from; `input(w)` writes what the kind reads and returns
 * [data, count, arg_lo, arg_hi]. Returns [signature (hex, '' for none),
 * frame (bytes)]. The arena is wiped either way.
 */
export function streamCall (w, kind, key, amzDate, previous, input) {
  const { u8, u32 } = w
  let end = AT_OUT + SOUT_BYTES
  try {
    if (key) {
      u8.set(key, AT_KEY)
      putText(u8, AT_DATE, AT_PREV, amzDate)
    }
    const prevLen = putText(u8, AT_PREV, AT_HASH, previous) - AT_PREV
    const [data, count, argLo, argHi] = input(w)
    const rc = w.x.sigv4w_stream(kind, key ? AT_KEY : 0, AT_DATE, AT_PREV, prevLen, data, count, argLo, argHi, AT_OUT)
    if (rc !== 0) failC(rc)
    const o = AT_OUT >>> 2
    const sigLen = u32[o + (SOUT_SIG_LEN >>> 2)]
    const frameLen = u32[o + (SOUT_FRAME_LEN >>> 2)]
    end += frameLen
    return [sigLen ? ascii(w, AT_OUT + SOUT_SIGNATURE, sigLen) : '', u8.slice(AT_OUT + SOUT_BYTES, end)]
  } finally {
    u8.fill(0, 0, end)
  }
}

// Trailers as a table of 4 words an entry (name offset, length, value
// offset, length) at AT_TABLE, their text from AT_TEXT; the entry count.
function writeTable (w, trailers) {
  let pos = AT_TEXT
  const t = AT_TABLE >>> 2
  trailers.forEach(([name, value], i) => {
    w.u32[t + 4 * i] = pos
    pos = putText(w.u8, pos, AT_OUT, name)
    w.u32[t + 4 * i + 1] = pos - w.u32[t + 4 * i]
    w.u32[t + 4 * i + 2] = pos
    pos = putText(w.u8, pos, AT_OUT, value)
    w.u32[t + 4 * i + 3] = pos - w.u32[t + 4 * i + 2]
  })
  return trailers.length
}

/**
 * How a body is framed: { signed, algorithm (an ALG_* id or UNSIGNED), checksum (a
 * createChecksum() or null), trailerName }, options checked.
 */
export function framing (createChecksum, chunkSize, payload = 'signed', checksumName, v4a) {
  checkChunkSize(chunkSize)
  if (!PAYLOAD_MODES.includes(payload)) fail('ERR_OPTION', `payload must be "signed" or "unsigned", not ${JSON.stringify(payload)}`)
  const signed = payload === 'signed'
  // An unsigned upload carries its integrity in the trailer: CRC32 unless
  // asked otherwise, as the AWS SDKs do.
  if (checksumName === undefined) checksumName = signed ? null : 'crc32'
  if (checksumName === null && !signed) fail('ERR_OPTION', 'an unsigned upload needs a checksum (its trailer is what S3 checks)')
  const checksum = checksumName === null ? null : createChecksum(checksumName)
  return {
    signed,
    algorithm: signed ? (v4a ? ALG_ECDSA_P256 : ALG_HMAC_SHA256) : UNSIGNED,
    checksum,
    trailerName: checksum ? `x-amz-checksum-${checksumName.toLowerCase()}` : null,
  }
}

/**
 * Content-Length of the aws-chunked body (sigv4w_chunked_length): the
 * trailer's value has the length of any of the checksum's values.
 */
export function encodedLengthWith (w, decodedLength, chunkSize, algorithm, trailerName, checksum) {
  checkLength(decodedLength)
  const { u32 } = w
  try {
    const count = writeTable(w, trailerName ? [[trailerName, checksum.digest()]] : [])
    const rc = w.x.sigv4w_chunked_length(decodedLength >>> 0, Math.floor(decodedLength / 4294967296) >>> 0,
      chunkSize >>> 0, algorithm, AT_TABLE, count, AT_OUT)
    if (rc !== 0) failC(rc)
    return u32[AT_OUT >>> 2] + u32[(AT_OUT >>> 2) + 1] * 4294967296
  } finally {
    w.u8.fill(0, 0, AT_OUT + 8)
  }
}

function checkChunkSize (chunkSize) {
  if (!Number.isSafeInteger(chunkSize)) fail('ERR_CHUNK_SIZE')
  return chunkSize
}

function checkLength (n) {
  if (!Number.isSafeInteger(n) || n < 0) fail('ERR_CHUNK_SIZE', `contentLength must be the body's length in bytes (a non-negative safe integer), not ${n}`)
  return n
}

/** The body's length when it says it, else undefined. */
function knownLength (body) {
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body.byteLength
  if (typeof Blob === 'function' && body instanceof Blob) return body.size
  return undefined
}

/** The body's bytes, piece by piece, whatever it is. */
async function * pieces (body) {
  if (body === undefined || body === null) return
  if (typeof body === 'string') {
    yield encoder.encode(body)
  } else if (body instanceof ArrayBuffer) {
    yield new Uint8Array(body)
  } else if (ArrayBuffer.isView(body)) {
    yield new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  } else if (typeof body.getReader === 'function' || typeof body[Symbol.asyncIterator] === 'function' ||
    (typeof Blob === 'function' && body instanceof Blob)) {
    const source = typeof body.stream === 'function' ? body.stream() : body
    if (typeof source[Symbol.asyncIterator] === 'function') {
      for await (const piece of source) yield chunkBytes(piece)
    } else {
      const reader = source.getReader()
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          yield chunkBytes(value)
        }
      } finally {
        reader.releaseLock()
      }
    }
  } else {
    fail('ERR_BODY', 'signChunked() reads a ReadableStream, an async iterable of bytes (a Node Readable), a Blob, bytes or a string')
  }
}

/**
 * Sign a request whose body is sent aws-chunked (S3 PutObject, UploadPart).
 * `signer` is a Signer (js/signer.js), `createChecksum` the one of
 * js/checksum.js bound to the instance (js/core.js). Returns { method, url, headers, body }, body a
 * ReadableStream of the encoded bytes.
 */
export async function signChunkedWith (signer, createChecksum, request, options) {
  if (!request || typeof request !== 'object') fail('ERR_URL', 'request must be an object with a url')
  if (!options || typeof options !== 'object') fail('ERR_CREDENTIALS', 'options with credentials are required')
  checkRequestFields(request)
  checkOptionNames(options)
  const { chunkSize = DEFAULT_CHUNK_SIZE, payload, checksum: checksumOption, ...signOptions } = options
  const v4a = signer.signsV4a(request.url, signOptions)
  const { signed, algorithm, checksum, trailerName } = framing(createChecksum, chunkSize, payload, checksumOption, v4a)

  // A string is sent as UTF-8: encoded once, here.
  const body = typeof request.body === 'string' ? encoder.encode(request.body) : request.body
  const contentLength = checkLength(request.contentLength ?? knownLength(body))

  // The caller's headers, less those this sets; its content-encoding is
  // kept, aws-chunked after it.
  const headers = []
  let encoding = ''
  for (const [name, value] of headerEntries(request.headers)) {
    const lower = name.toLowerCase()
    if (lower === 'content-encoding') encoding = encoding ? `${encoding},${value}` : value
    else if (!OWNED.includes(lower)) headers.push([name, value])
  }
  const wireLength = encodedLengthWith(signer.ready(v4a), contentLength, chunkSize, algorithm, trailerName, checksum)
  headers.push(['content-encoding', encoding ? `${encoding},aws-chunked` : 'aws-chunked'])
  headers.push(['x-amz-decoded-content-length', String(contentLength)])
  headers.push(['content-length', String(wireLength)])
  if (trailerName) headers.push(['x-amz-trailer', trailerName])
  const marker = signed
    ? `STREAMING-${ALG_NAMES[v4a ? ALG_ECDSA_P256 : ALG_HMAC_SHA256]}-PAYLOAD${trailerName ? '-TRAILER' : ''}`
    : 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'
  // x-amz-content-sha256 names the mode: sent for every service.
  const seed = signer.signSeed({ method: request.method, url: request.url, path: request.path, headers },
    { ...signOptions, payloadHash: marker, signContentSha256: true })
  const chunks = new ChunkSigner(() => signer.ready(seed.v4a), {
    key: signed ? seed.key : null, amzDate: seed.amzDate, seed: seed.signature,
  })
  if (!signed) seed.key.fill(0)
  const out = { method: seed.signed.method, url: seed.signed.url, headers: seed.signed.headers }
  out.body = withLength(chunkedStream(signer, chunks, pieces(body), { chunkSize, contentLength, checksum, trailerName }), wireLength)
  return out
}

// Workers (workerd) send a ReadableStream request body chunked and drop
// the content-length given with it, which is signed here. The readable side
// of their FixedLengthStream carries the length: sent with Content-Length,
// still as it is read (and an error if the byte count differs).
function withLength (stream, length) {
  const Fixed = globalThis.FixedLengthStream
  return typeof Fixed === 'function' ? stream.pipeThrough(new Fixed(length)) : stream
}

// The encoded body: chunks of exactly chunkSize (the last shorter), the
// final empty chunk and the trailer block, produced one chunk per pull. A
// chunk's data goes out as views of the source's pieces, not copies (a
// stream's pieces are its reader's): no chunk buffer is filled, unless the
// pieces are small, so memory stays at the pieces of about one chunk. A
// source that yields memory it yielded before has changed pieces held
// here or not yet sent: an error, never a wrong upload.
function chunkedStream (signer, chunks, source, { chunkSize, contentLength, checksum, trailerName }) {
  const ready = () => signer.ready()
  const signed = chunks.key !== null // an unsigned upload's chunks need no hash
  let taken = 0 // bytes put in chunks
  let total = 0 // bytes read from the source
  let ended = false
  let carry = null // the part of a piece that did not fit the last chunk
  let parts = [] // views of the source's pieces: the chunk being made
  let sent = [] // and the last one handed on
  // Their buffers: a piece whose buffer is in neither (nearly all) needs no
  // range test, so a chunk of many small pieces costs no pieces² scan.
  let partBuffers = new Set()
  let sentBuffers = new Set()

  const overlaps = (piece, views) => piece.length > 0 && views.some((v) => v.buffer === piece.buffer &&
    v.byteOffset < piece.byteOffset + piece.length && piece.byteOffset < v.byteOffset + v.length)

  // The next chunk's data, up to chunkSize from carry and the source, as a
  // list of pieces; empty at the end.
  async function nextChunk () {
    // Past contentLength, room for one byte: any byte more is an error.
    const size = Math.min(chunkSize, Math.max(contentLength - taken, 1))
    let fill = 0
    while (fill < size && !ended) {
      let piece = carry
      carry = null
      if (!piece) {
        const r = await source.next()
        if (r.done) {
          ended = true
          break
        }
        piece = r.value
        total += piece.length
        if (total > contentLength) fail('ERR_BODY_LENGTH', `the body is longer than contentLength (${contentLength} bytes): nothing past it was signed`)
        if ((partBuffers.has(piece.buffer) && overlaps(piece, parts)) || (sentBuffers.has(piece.buffer) && overlaps(piece, sent))) fail('ERR_BODY', 'the body yielded memory it had already yielded (a reused buffer): signChunked sends the pieces it is given as they are, so each must be new; copy a reused buffer before yielding it')
      }
      const n = Math.min(piece.length, size - fill)
      if (n) {
        parts.push(new Uint8Array(piece.buffer, piece.byteOffset, n))
        partBuffers.add(piece.buffer)
      }
      fill += n
      if (n < piece.length) carry = piece.subarray(n)
    }
    if (ended && total < contentLength) fail('ERR_BODY_LENGTH', `the body ended after ${total} of contentLength's ${contentLength} bytes: the final chunk was not signed`)
    taken += fill
    const join = parts.length > 1 && fill < parts.length * MIN_PIECE
    const data = join ? [concatBytes(parts)] : parts
    sent = join ? [] : parts
    sentBuffers = join ? new Set() : partBuffers
    parts = []
    partBuffers = new Set()
    return data
  }

  async function frame (data) {
    const hash = signed ? await sha256Bytes(ready, data) : NO_HASH
    let size = 0
    for (const p of data) {
      if (checksum) checksum.update(p)
      size += p.length
    }
    return chunks.chunk(hash, size)
  }

  let done = false
  return new ReadableStream({
    async pull (controller) {
      try {
        if (done) return
        const data = await nextChunk()
        if (data.length) {
          controller.enqueue(await frame(data))
          for (const p of data) controller.enqueue(p)
          controller.enqueue(CRLF)
          if (!ended || carry) return
        }
        if (!ended) return
        // The final chunk, then the trailer block.
        controller.enqueue(await frame([]))
        controller.enqueue(chunks.trailer(trailerName ? [[trailerName, checksum.digest()]] : []))
        done = true
        chunks.wipe()
        controller.close()
      } catch (e) {
        chunks.wipe()
        source.return?.()
        throw e instanceof SigV4Error ? e : new SigV4Error('ERR_BODY', `reading the body failed: ${e && e.message}`)
      }
    },
    cancel () {
      chunks.wipe()
      return source.return?.()
    },
  }, { highWaterMark: 0 })
}
