// Event-stream messages (application/vnd.amazon.eventstream: Transcribe
// streaming, Bedrock, Lex, Rekognition, S3 SelectObjectContent): encoding,
// decoding, and splitting a byte stream into messages. The CRC-32 is given
// by the caller (the wasm one, node:zlib's, ...).
//
// A message on the wire:
//   total length u32 | headers length u32 | CRC-32 of those 8 bytes u32 |
//   headers | payload | CRC-32 of everything before it u32
// A header: name length u8 | name (UTF-8) | type u8 | value (big-endian;
// binary and string with a u16 length before the bytes).
//
// Header values are { type, value } as @smithy/eventstream-codec has them,
// except that a long is a bigint (smithy: an Int64 of 8 bytes). Decoded
// values and payloads are copies; an encoded message is a new buffer.

/**
 * @typedef {{ type: 'boolean', value: boolean }
 *   | { type: 'byte' | 'short' | 'integer', value: number }
 *   | { type: 'long', value: bigint }
 *   | { type: 'binary', value: Uint8Array }
 *   | { type: 'string', value: string }
 *   | { type: 'timestamp', value: Date }
 *   | { type: 'uuid', value: string }} EventHeaderValue
 *   What decode() gives. encode() also takes a long as a safe-integer number,
 *   binary as any ArrayBuffer or view, a uuid in either case, and these
 *   shorthands: string -> string, boolean -> boolean, bigint -> long,
 *   Date -> timestamp, ArrayBuffer or view -> binary (a number has no
 *   shorthand: say which width).
 * @typedef {EventHeaderValue | string | boolean | bigint | Date | ArrayBuffer | ArrayBufferView} EventHeaderInput
 * @typedef {{ headers: Record<string, EventHeaderValue>, payload: Uint8Array }} EventMessage
 *   Header names in wire order, except that names which are array indices
 *   ("0", "17") come first, as in any JS object.
 * @typedef {{ headers?: Record<string, EventHeaderInput> | Iterable<[string, EventHeaderInput]>,
 *   payload?: ArrayBuffer | ArrayBufferView | string }} EventMessageInput
 *   A string payload is sent as UTF-8; no payload is an empty one.
 * @typedef {{ push(bytes: ArrayBuffer | ArrayBufferView): EventMessage[], end(): void }} EventStreamDecoder
 *   push() returns the messages that the bytes complete, in order. A bad
 *   message after good ones in the same push is reported by the next call
 *   (push or end), so no good message is lost; after an error every call
 *   throws it. end() throws when the stream stopped inside a message.
 * @typedef {{
 *   encode(message: EventMessageInput): Uint8Array,
 *   encodeHeaders(headers: EventMessageInput['headers']): Uint8Array,
 *   decode(bytes: ArrayBuffer | ArrayBufferView): EventMessage,
 *   decoder(): EventStreamDecoder,
 *   decodeStream(source: ReadableStream<Uint8Array> | AsyncIterable<ArrayBuffer | ArrayBufferView>
 *     | Iterable<ArrayBuffer | ArrayBufferView>): AsyncGenerator<EventMessage, void, undefined>,
 * }} EventStreamCodec
 *   Errors are SigV4Error with code ERR_EVENT_CRC (a checksum does not
 *   match), ERR_EVENT_FRAME (lengths, limits, truncation), ERR_EVENT_HEADER
 *   (a header name, type or value) or ERR_EVENT_PAYLOAD (the message or its
 *   payload is not of a usable type).
 */

import { SigV4Error, fail } from './errors.js'
import { encoder } from './arena.js'

// Limits of AWS's event-stream implementation (aws-c-event-stream) and the
// smithy specification (name 1..255 bytes, values up to 2^15-1 bytes).
export const MAX_MESSAGE = 16 * 1024 * 1024
export const MAX_HEADERS = 128 * 1024
export const MAX_NAME = 255
export const MAX_VALUE = 32767

const PRELUDE = 12 // total length, headers length, prelude CRC
const OVERHEAD = PRELUDE + 4 // and the message CRC

// The header types by their wire code; a boolean's value is its code (0
// true, 1 false).
const TYPES = ['boolean', 'boolean', 'byte', 'short', 'integer', 'long', 'binary', 'string', 'timestamp', 'uuid']
// Bytes of the fixed-size values.
const FIXED = { byte: 1, short: 2, integer: 4, long: 8, timestamp: 8, uuid: 16 }
const INT_RANGE = { byte: 0x80, short: 0x8000, integer: 0x80000000 }
// -(2n ** 63n) and 2n ** 63n - 1n, written out: a bundle of the whole
// package drops an unused literal, not an expression that could throw.
const INT64_MIN = -9223372036854775808n
const INT64_MAX = 9223372036854775807n
const DATE_MAX = 8.64e15 // the largest |time value| of a Date, in ms
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// Spelled without \p{Cs}, which Hermes (React Native) cannot compile.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

// fatal: bytes that are not UTF-8 are refused, not replaced; ignoreBOM: a
// leading U+FEFF is kept, so a value survives decode and encode unchanged.
// Hermes has no TextDecoder: there decodeURIComponent, which refuses what
// is not UTF-8 too (RFC 3629: no overlong forms, no surrogates). Made on
// first use.
let textDecoder = null
const utf8Decode = (bytes) => (textDecoder ??= typeof TextDecoder === 'function'
  ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  : { decode: (b) => decodeURIComponent(Array.from(b, (x) => (x < 16 ? '%0' : '%') + x.toString(16)).join('')) }).decode(bytes)

const describe = (x) => x === null ? 'null'
  : Array.isArray(x) ? 'an array'
    : typeof x === 'object' ? (x.constructor?.name || 'an object') : typeof x

// A plain Uint8Array over the same bytes (a Buffer's slice() would not copy).
function toBytes (x) {
  if (x instanceof Uint8Array && x.constructor === Uint8Array) return x
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength)
  if (x instanceof ArrayBuffer) return new Uint8Array(x)
  return null
}

function utf8 (s, what) {
  if (LONE_SURROGATE.test(s)) fail('ERR_EVENT_HEADER', `${what} has a lone surrogate (not UTF-8)`)
  return encoder.encode(s)
}

// --- encoding

// [type, value] of a header as given, checked.
function typed (name, v) {
  if (typeof v === 'string') return ['string', v]
  if (typeof v === 'boolean') return ['boolean', v]
  if (typeof v === 'bigint') return ['long', v]
  if (v instanceof Date) return ['timestamp', v]
  if (toBytes(v)) return ['binary', v]
  if (typeof v === 'number') {
    fail('ERR_EVENT_HEADER', `header ${name}: a number needs its type, e.g. { type: 'integer', value: ${v} }`)
  }
  if (v === null || typeof v !== 'object' || !TYPES.includes(v.type)) {
    const got = describe(v) + (v?.type !== undefined ? ` of type ${String(v.type)}` : '')
    fail('ERR_EVENT_HEADER', `header ${name}: expected { type, value } with type one of ${[...new Set(TYPES)].join(', ')}, ` +
      `or a string, boolean, bigint, Date or bytes; got ${got}`)
  }
  return [v.type, v.value]
}

// The value's bytes after its type byte, checked against its type.
function valueBytes (name, type, v) {
  const got = typeof v === 'number' || typeof v === 'bigint' ? v : describe(v)
  const bad = (what) => fail('ERR_EVENT_HEADER', `header ${name}: a ${type} value must be ${what}; got ${got}`)
  if (type === 'boolean') {
    if (typeof v !== 'boolean') bad('true or false')
    return null
  }
  if (type === 'binary' || type === 'string') {
    if (type === 'string' && typeof v !== 'string') bad('a string')
    const bytes = type === 'string' ? utf8(v, `header ${name}`) : toBytes(v)
    if (bytes === null) bad('an ArrayBuffer or a view of one')
    if (bytes.length > MAX_VALUE) fail('ERR_EVENT_HEADER', `header ${name}: a ${type} value is at most ${MAX_VALUE} bytes; got ${bytes.length}`)
    const out = new Uint8Array(2 + bytes.length)
    new DataView(out.buffer).setUint16(0, bytes.length)
    out.set(bytes, 2)
    return out
  }
  const out = new Uint8Array(FIXED[type])
  const view = new DataView(out.buffer)
  if (type in INT_RANGE) {
    const r = INT_RANGE[type]
    if (!Number.isInteger(v) || v < -r || v >= r) bad(`an integer from ${-r} to ${r - 1}`)
    if (type === 'byte') view.setInt8(0, v)
    else if (type === 'short') view.setInt16(0, v)
    else view.setInt32(0, v)
  } else if (type === 'long') {
    if (!(typeof v === 'bigint' || Number.isSafeInteger(v)) || BigInt(v) < INT64_MIN || BigInt(v) > INT64_MAX) {
      bad('a bigint from -(2n ** 63n) to 2n ** 63n - 1n, or a safe integer')
    }
    view.setBigInt64(0, BigInt(v))
  } else if (type === 'timestamp') {
    if (!(v instanceof Date) || Number.isNaN(v.getTime())) bad('a valid Date')
    view.setBigInt64(0, BigInt(v.getTime()))
  } else { // uuid
    if (typeof v !== 'string' || !UUID.test(v)) bad('a UUID as 8-4-4-4-12 hex digits')
    const hex = v.replace(/-/g, '')
    for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  }
  return out
}

function headerEntries (headers) {
  if (headers === undefined || headers === null) return []
  if (typeof headers !== 'object') fail('ERR_EVENT_HEADER', `headers must be an object or [name, value] pairs; got ${describe(headers)}`)
  if (typeof headers[Symbol.iterator] !== 'function') return Object.entries(headers)
  return Array.from(headers, (pair) => {
    if (!Array.isArray(pair) || pair.length !== 2) fail('ERR_EVENT_HEADER', `headers as a list must hold [name, value] pairs; got ${describe(pair)}`)
    return pair
  })
}

function encodeHeaders (headers) {
  const parts = []
  const seen = new Set()
  let size = 0
  for (const [name, given] of headerEntries(headers)) {
    if (typeof name !== 'string') fail('ERR_EVENT_HEADER', `a header name must be a string; got ${describe(name)}`)
    const nameBytes = utf8(name, `header name ${JSON.stringify(name)}`)
    if (nameBytes.length < 1 || nameBytes.length > MAX_NAME) {
      fail('ERR_EVENT_HEADER', `a header name is 1 to ${MAX_NAME} bytes of UTF-8; ${JSON.stringify(name.slice(0, 40))} is ${nameBytes.length}`)
    }
    if (seen.has(name)) fail('ERR_EVENT_HEADER', `header ${name} is given twice`)
    seen.add(name)
    const [type, value] = typed(name, given)
    const bytes = valueBytes(name, type, value)
    const code = type === 'boolean' ? (value ? 0 : 1) : TYPES.indexOf(type)
    parts.push(nameBytes, code, bytes)
    size += 2 + nameBytes.length + (bytes ? bytes.length : 0)
  }
  if (size > MAX_HEADERS) fail('ERR_EVENT_FRAME', `the headers of a message are at most ${MAX_HEADERS} bytes encoded; these are ${size}`)
  const out = new Uint8Array(size)
  let pos = 0
  for (let i = 0; i < parts.length; i += 3) {
    out[pos++] = parts[i].length
    out.set(parts[i], pos)
    pos += parts[i].length
    out[pos++] = parts[i + 1]
    if (parts[i + 2]) {
      out.set(parts[i + 2], pos)
      pos += parts[i + 2].length
    }
  }
  return out
}

// --- decoding

// Reads and checks a header section; the names are checked for
// duplicates and set as own properties (a "__proto__" header is data).
function decodeHeaders (bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headers = {}
  let pos = 0
  const need = (n, what) => {
    if (pos + n > bytes.length) fail('ERR_EVENT_HEADER', `the header section ends inside ${what} (byte ${pos} of ${bytes.length})`)
  }
  const text = (n, what) => {
    need(n, what)
    try {
      return utf8Decode(bytes.subarray(pos, pos += n))
    } catch {
      fail('ERR_EVENT_HEADER', `${what} is not UTF-8`)
    }
  }
  while (pos < bytes.length) {
    const nameLength = bytes[pos++]
    if (nameLength === 0) fail('ERR_EVENT_HEADER', `a header with an empty name (byte ${pos - 1} of the header section)`)
    const name = text(nameLength, 'a header name')
    need(1, `header ${name}`)
    const code = bytes[pos++]
    const type = TYPES[code]
    if (type === undefined) fail('ERR_EVENT_HEADER', `header ${name} has type ${code}, which is not an event-stream type (0 to 9)`)
    let value
    if (type === 'boolean') {
      value = code === 0
    } else if (type === 'binary' || type === 'string') {
      need(2, `header ${name}`)
      const n = view.getUint16(pos)
      pos += 2
      if (type === 'string') {
        value = text(n, `header ${name}`)
      } else {
        need(n, `header ${name}`)
        value = bytes.slice(pos, pos += n)
      }
    } else {
      need(FIXED[type], `header ${name}`)
      if (type === 'byte') value = view.getInt8(pos)
      else if (type === 'short') value = view.getInt16(pos)
      else if (type === 'integer') value = view.getInt32(pos)
      else if (type === 'long') value = view.getBigInt64(pos)
      else if (type === 'timestamp') {
        const ms = Number(view.getBigInt64(pos))
        if (Math.abs(ms) > DATE_MAX) fail('ERR_EVENT_HEADER', `header ${name}: timestamp ${view.getBigInt64(pos)} ms is beyond what a Date holds`)
        value = new Date(ms)
      } else {
        const hex = Array.from(bytes.subarray(pos, pos + 16), (b) => b.toString(16).padStart(2, '0')).join('')
        value = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
      }
      pos += FIXED[type]
    }
    if (Object.hasOwn(headers, name)) fail('ERR_EVENT_HEADER', `header ${name} appears twice in one message`)
    Object.defineProperty(headers, name, { value: { type, value }, enumerable: true, writable: true, configurable: true })
  }
  return headers
}

/**
 * Creates the codec; `crc32(bytes)` returns the CRC-32 (IEEE) of bytes.
 * @param {(bytes: Uint8Array) => number} crc32
 * @returns {EventStreamCodec}
 */
export function createEventStreamCodec (crc32) {
  if (typeof crc32 !== 'function') fail('ERR_EVENT_CRC', `createEventStreamCodec() takes a crc32(bytes) function; got ${describe(crc32)}`)
  const crc = (bytes) => crc32(bytes) >>> 0

  function encode (message) {
    if (message === null || typeof message !== 'object') fail('ERR_EVENT_PAYLOAD', `encode() takes { headers, payload }; got ${describe(message)}`)
    const payload = message.payload ?? new Uint8Array(0)
    const body = typeof payload === 'string' ? encoder.encode(payload) : toBytes(payload)
    if (body === null) fail('ERR_EVENT_PAYLOAD', `a payload is a string, an ArrayBuffer or a view of one; got ${describe(payload)}`)
    const headers = encodeHeaders(message.headers)
    const total = OVERHEAD + headers.length + body.length
    if (total > MAX_MESSAGE) fail('ERR_EVENT_FRAME', `a message is at most ${MAX_MESSAGE} bytes encoded; this one is ${total}`)
    const out = new Uint8Array(total)
    const view = new DataView(out.buffer)
    view.setUint32(0, total)
    view.setUint32(4, headers.length)
    view.setUint32(8, crc(out.subarray(0, 8)))
    out.set(headers, PRELUDE)
    out.set(body, PRELUDE + headers.length)
    view.setUint32(total - 4, crc(out.subarray(0, total - 4)))
    return out
  }

  // Checks a prelude (12 bytes at `at`) and returns the message's total length.
  function prelude (bytes, at) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, PRELUDE)
    if (crc(bytes.subarray(at, at + 8)) !== view.getUint32(8)) {
      fail('ERR_EVENT_CRC', 'the prelude CRC of an event-stream message does not match: the stream is corrupt or not an event stream')
    }
    const total = view.getUint32(0)
    const headers = view.getUint32(4)
    if (total < OVERHEAD || total > MAX_MESSAGE) fail('ERR_EVENT_FRAME', `an event-stream message is ${OVERHEAD} to ${MAX_MESSAGE} bytes; this one says ${total}`)
    if (headers > MAX_HEADERS || headers > total - OVERHEAD) {
      fail('ERR_EVENT_FRAME', `the headers of an event-stream message are at most ${Math.min(MAX_HEADERS, total - OVERHEAD)} bytes here; this one says ${headers}`)
    }
    return total
  }

  // One whole message whose prelude has been checked.
  function decodeChecked (bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const end = bytes.length - 4
    if (crc(bytes.subarray(0, end)) !== view.getUint32(end)) fail('ERR_EVENT_CRC', 'the message CRC of an event-stream message does not match: the message is corrupt')
    const headersEnd = PRELUDE + view.getUint32(4)
    return { headers: decodeHeaders(bytes.subarray(PRELUDE, headersEnd)), payload: bytes.slice(headersEnd, end) }
  }

  function input (bytes, what) {
    const b = toBytes(bytes)
    if (b === null) fail('ERR_EVENT_FRAME', `${what} takes bytes (an ArrayBuffer or a view of one); got ${describe(bytes)}`)
    return b
  }

  function decode (bytes) {
    const b = input(bytes, 'decode()')
    if (b.length < PRELUDE) fail('ERR_EVENT_FRAME', `an event-stream message is at least ${OVERHEAD} bytes; got ${b.length}`)
    const total = prelude(b, 0)
    if (total !== b.length) fail('ERR_EVENT_FRAME', `the message says it is ${total} bytes; got ${b.length} (decode() takes exactly one message: use decoder() for a stream)`)
    return decodeChecked(b)
  }

  function decoder () {
    const head = new Uint8Array(PRELUDE) // a prelude split between pushes
    let headLength = 0
    let message = null // the message being assembled, its prelude checked
    let filled = 0
    let error = null

    // Takes messages from `data` into `out` until it ends inside one, whose
    // start it keeps (copied: the caller may reuse its buffer).
    function take (data, out) {
      let pos = 0
      while (pos < data.length) {
        if (message === null) {
          if (headLength === 0 && data.length - pos >= PRELUDE) {
            const total = prelude(data, pos)
            if (data.length - pos >= total) {
              out.push(decodeChecked(data.subarray(pos, pos + total)))
              pos += total
              continue
            }
            message = new Uint8Array(total)
          } else {
            const n = Math.min(PRELUDE - headLength, data.length - pos)
            head.set(data.subarray(pos, pos + n), headLength)
            headLength += n
            pos += n
            if (headLength < PRELUDE) break
            message = new Uint8Array(prelude(head, 0))
            message.set(head)
            filled = PRELUDE
            headLength = 0
          }
        }
        const n = Math.min(message.length - filled, data.length - pos)
        message.set(data.subarray(pos, pos + n), filled)
        filled += n
        pos += n
        if (filled === message.length) {
          const whole = message
          message = null
          filled = 0
          out.push(decodeChecked(whole))
        }
      }
    }

    return {
      push (bytes) {
        if (error) throw error
        const data = input(bytes, 'push()')
        const out = []
        try {
          take(data, out)
        } catch (e) {
          error = e
          if (out.length === 0) throw e
        }
        return out
      },
      end () {
        if (error) throw error
        const held = message ? filled : headLength
        if (held > 0) {
          error = new SigV4Error('ERR_EVENT_FRAME', `the event stream ended inside a message (${held} of ${message ? message.length : 'at least ' + OVERHEAD} bytes)`)
          throw error
        }
      },
    }
  }

  async function * chunksOf (source) {
    if (typeof source?.getReader !== 'function') {
      if (typeof source?.[Symbol.asyncIterator] !== 'function' && (typeof source?.[Symbol.iterator] !== 'function' || typeof source === 'string')) {
        fail('ERR_EVENT_FRAME', `decodeStream() takes a ReadableStream or an (async) iterable of byte chunks; got ${describe(source)}`)
      }
      yield * source
      return
    }
    const reader = source.getReader()
    let done = false
    try {
      for (;;) {
        const r = await reader.read()
        if (r.done) break
        yield r.value
      }
      done = true
    } finally {
      // Stopped early (the caller broke off, or a message was bad): the
      // rest is not wanted.
      if (!done) await reader.cancel().catch(() => {})
      reader.releaseLock()
    }
  }

  async function * decodeStream (source) {
    const d = decoder()
    for await (const chunk of chunksOf(source)) {
      for (const m of d.push(chunk)) yield m
    }
    d.end()
  }

  return { encode, encodeHeaders, decode, decoder, decodeStream }
}
