// The event-stream codec (js/eventstream.js) against @smithy/eventstream-codec
// (what the AWS SDK uses, with its own CRC-32) on generated messages, the
// smithy-rs vector, frames built here with node:zlib's CRC-32, and a stream
// split at random places. SIGV4_EVENT_SEED and SIGV4_EVENT_COUNT change the
// run (default: fixed).
import test from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import { EventStreamCodec, Int64 } from '@smithy/eventstream-codec'
import { toUtf8, fromUtf8 } from '@smithy/util-utf8'
import { createEventStreamCodec, MAX_MESSAGE, MAX_HEADERS, MAX_NAME, MAX_VALUE } from '../../js/eventstream.js'
import { SigV4Error } from '../../js/errors.js'
import { makeRng } from './support/gen.mjs'

const SEED = process.env.SIGV4_EVENT_SEED || 'sigv4-wasm event stream'
const COUNT = Number(process.env.SIGV4_EVENT_COUNT || 1200)

const codec = createEventStreamCodec(crc32)
const smithy = new EventStreamCodec(toUtf8, fromUtf8)
const vector = JSON.parse(readFileSync(new URL('../vectors/smithy-rs/event-stream.json', import.meta.url), 'utf8'))

const hex = (b) => Buffer.from(b).toString('hex')
const bytes = (h) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'))
const refused = (code) => (e) => e instanceof SigV4Error && e.code === code && e.message.length > 20

// --- smithy's shape: { headers, body }, a long as an Int64 of 8 bytes

function longBytes (v) {
  const b = new Uint8Array(8)
  new DataView(b.buffer).setBigInt64(0, v)
  return b
}

function toSmithy ({ headers, payload }) {
  const out = {}
  for (const [name, h] of Object.entries(headers)) {
    out[name] = h.type === 'long' ? { type: 'long', value: new Int64(longBytes(h.value)) } : h
  }
  return { headers: out, body: payload }
}

function fromSmithy ({ headers, body }) {
  const out = {}
  for (const [name, { type, value }] of Object.entries(headers)) {
    if (type === 'long') out[name] = { type, value: new DataView(value.bytes.buffer, value.bytes.byteOffset, 8).getBigInt64(0) }
    else if (type === 'binary') out[name] = { type, value: new Uint8Array(value) }
    else out[name] = { type, value }
  }
  return { headers: out, payload: new Uint8Array(body) }
}

// --- generated messages, in the shape decode() gives

const TEXT = ['a', 'Z', '0', '-', ':', ' ', 'é', 'ß', 'Ω', 'ሴ', '中', '\u{feff}', '😀', '🚀', '\0', '\n']
const utf8Length = (s) => Buffer.byteLength(s, 'utf8')

function text (rng, maxBytes) {
  let s = ''
  for (let n = rng.int(0, maxBytes); n > 0;) {
    const c = rng.chance(0.6) ? String.fromCharCode(rng.int(0x20, 0x7e)) : rng.pick(TEXT)
    if (utf8Length(c) > n) break
    s += c
    n -= utf8Length(c)
  }
  return s
}

function randomBytes (rng, n) {
  const b = new Uint8Array(n)
  for (let i = 0; i < n; i += 4) {
    const x = Math.floor(rng() * 2 ** 32)
    b[i] = x; b[i + 1] = x >>> 8; b[i + 2] = x >>> 16; b[i + 3] = x >>> 24
  }
  return b.subarray(0, n)
}

const signed = (rng, bits) => rng.chance(0.1)
  ? rng.pick([-(2 ** (bits - 1)), 2 ** (bits - 1) - 1, 0, -1])
  : rng.int(-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)

// The ten wire types: boolean true and false count apart.
const WIRE = ['true', 'false', 'byte', 'short', 'integer', 'long', 'binary', 'string', 'timestamp', 'uuid']

function valueOf (rng, wire) {
  const size = () => rng.chance(0.04) ? rng.int(1000, MAX_VALUE) : rng.int(0, 40)
  switch (wire) {
    case 'true': return { type: 'boolean', value: true }
    case 'false': return { type: 'boolean', value: false }
    case 'byte': return { type: wire, value: signed(rng, 8) }
    case 'short': return { type: wire, value: signed(rng, 16) }
    case 'integer': return { type: wire, value: signed(rng, 32) }
    case 'long': return {
      type: wire,
      value: rng.chance(0.1) ? rng.pick([-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n]) : BigInt.asIntN(64, BigInt(hex(randomBytes(rng, 8)).replace(/^/, '0x'))),
    }
    case 'binary': return { type: wire, value: randomBytes(rng, size()) }
    case 'string': return { type: wire, value: text(rng, size()) }
    case 'timestamp': return { type: wire, value: new Date(rng.chance(0.1) ? rng.pick([-8.64e15, 8.64e15, 0]) : Math.round((rng() * 2 - 1) * 8.64e15)) }
    case 'uuid': return { type: wire, value: hex(randomBytes(rng, 16)).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-') }
  }
}

function payloadOf (rng) {
  const r = rng()
  const n = r < 0.05 ? rng.pick([0, 100000]) : r < 0.35 ? rng.int(0, 100) : r < 0.75 ? rng.int(0, 5000) : rng.int(0, 100000)
  return randomBytes(rng, n)
}

function genMessage (rng, counts, { payload = payloadOf(rng) } = {}) {
  const headers = {}
  let size = 0
  for (let n = rng.int(0, 12); n > 0; n--) {
    const name = rng.chance(0.05) ? text(rng, MAX_NAME) || 'n' : rng.pick([':event-type', ':message-type', ':content-type', '']) + text(rng, 20) || 'x'
    const wire = rng.pick(WIRE)
    const h = valueOf(rng, wire)
    const bytes = 4 + utf8Length(name) + (h.type === 'binary' ? h.value.length : h.type === 'string' ? utf8Length(h.value) : 16)
    if (Object.hasOwn(headers, name) || name === '__proto__' || size + bytes > MAX_HEADERS) continue
    headers[name] = h
    size += bytes
    if (counts) counts[wire]++
  }
  return { headers, payload }
}

// The same message as encode() may be given it: typed values, shorthands,
// [name, value] pairs, a string payload.
function asInput (rng, { headers, payload }) {
  const shorthand = rng.chance(0.5)
  const entries = Object.entries(headers).map(([name, h]) =>
    [name, shorthand && ['string', 'boolean', 'long', 'timestamp', 'binary'].includes(h.type) ? h.value : h])
  let p = payload
  if (rng.chance(0.2)) {
    const s = text(rng, 200)
    p = s
    payload = fromUtf8(s)
  }
  return [{ headers: rng.chance(0.5) ? entries : Object.fromEntries(entries), payload: p }, { headers, payload: new Uint8Array(payload) }]
}

test(`${COUNT} generated messages: encoded byte for byte as smithy, and each decodes the other's (seed "${SEED}")`, () => {
  const rng = makeRng(SEED)
  const counts = Object.fromEntries(WIRE.map((w) => [w, 0]))
  let payloadBytes = 0
  let large = 0
  for (let i = 0; i < COUNT; i++) {
    const [input, expected] = asInput(rng, genMessage(rng, counts))
    const ours = codec.encode(input)
    const theirs = smithy.encode(toSmithy(expected))
    if (!Buffer.from(ours).equals(Buffer.from(theirs))) {
      assert.fail(`#${i}: encodings differ\nheaders ${Object.keys(expected.headers)}\nours   ${hex(ours).slice(0, 400)}\nsmithy ${hex(theirs).slice(0, 400)}`)
    }
    assert.deepStrictEqual(codec.decode(theirs), expected, `#${i}: our decoding of smithy's bytes`)
    assert.deepStrictEqual(fromSmithy(smithy.decode(ours)), expected, `#${i}: smithy's decoding of our bytes`)
    payloadBytes += expected.payload.length
    if (expected.payload.length > 50000) large++
  }
  for (const w of WIRE) assert.ok(counts[w] >= 200, `${w} headers: ${counts[w]}`)
  assert.ok(large > 50 && payloadBytes > COUNT * 10000, `payloads: ${payloadBytes} bytes, ${large} over 50 kB`)
})

test('the smithy-rs message encodes byte for byte and decodes to its header and payload', () => {
  const m = vector.message
  assert.deepEqual(m.headers, [['some-header', 'string', 'value']])
  const want = m.encoded_message_hex
  const payload = m.payload_utf8
  assert.equal(hex(codec.encode({ headers: { 'some-header': 'value' }, payload })), want)
  assert.equal(hex(codec.encode({ headers: [['some-header', { type: 'string', value: 'value' }]], payload: fromUtf8(payload) })), want)
  assert.deepStrictEqual(codec.decode(bytes(want)), { headers: { 'some-header': { type: 'string', value: 'value' } }, payload: new Uint8Array(fromUtf8(payload)) })
  // The :date header whose bytes the event signature hashes (1973-11-29T21:33:09Z).
  assert.equal(hex(codec.encodeHeaders({ ':date': new Date(123456789000) })), vector.encoded_date_header_hex)
})

test('each header type on the wire, written out by hand from the specification', () => {
  const cases = [
    [{ type: 'boolean', value: true }, '00'],
    [false, '01'],
    [{ type: 'byte', value: -2 }, '02fe'],
    [{ type: 'short', value: -32768 }, '038000'],
    [{ type: 'integer', value: 0x12345678 }, '0412345678'],
    [{ type: 'long', value: -2n }, '05fffffffffffffffe'],
    [{ type: 'long', value: 2 ** 53 - 1 }, '05001fffffffffffff'],
    [new Uint8Array([1, 2, 3]), '060003010203'],
    [{ type: 'binary', value: new Uint16Array([0x0201]) }, '0600020102'],
    ['é', '070002c3a9'],
    [{ type: 'timestamp', value: new Date(-1) }, '08ffffffffffffffff'],
    [{ type: 'uuid', value: '01234567-89ab-cdef-0123-456789ABCDEF' }, '090123456789abcdef0123456789abcdef'],
  ]
  for (const [value, wire] of cases) {
    assert.equal(hex(codec.encodeHeaders({ h: value })), `0168${wire}`, wire)
  }
  assert.equal(hex(codec.encodeHeaders([['a', 1n], ['b', true]])), '0161050000000000000001' + '016200')
})

// --- refusals

// A frame with CRCs computed here (node:zlib), lengths overridable.
function frame (headerHex, payload = new Uint8Array(0), { total, headersLength } = {}) {
  const h = bytes(headerHex)
  const out = new Uint8Array(16 + h.length + payload.length)
  const v = new DataView(out.buffer)
  v.setUint32(0, total ?? out.length)
  v.setUint32(4, headersLength ?? h.length)
  v.setUint32(8, crc32(out.subarray(0, 8)))
  out.set(h, 12)
  out.set(payload, 12 + h.length)
  v.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)))
  return out
}

test('decode() refuses corrupt, truncated, oversized and malformed messages', () => {
  const good = codec.encode({ headers: { ':event-type': 'Records', n: { type: 'integer', value: 7 } }, payload: 'some payload' })
  const headersEnd = 12 + new DataView(good.buffer).getUint32(4)
  assert.equal(hex(frame(hex(good.subarray(12, headersEnd)), good.subarray(headersEnd, good.length - 4))), hex(good))
  const flipped = (i) => { const b = good.slice(); b[i] ^= 1; return b }
  for (let i = 0; i < good.length; i++) {
    // A changed length is caught by the prelude CRC, anything after it by the message CRC.
    assert.throws(() => codec.decode(flipped(i)), refused('ERR_EVENT_CRC'), `byte ${i} changed`)
  }
  assert.throws(() => codec.decode(flipped(8)), /prelude CRC/)
  assert.throws(() => codec.decode(flipped(good.length - 1)), /message CRC/)
  for (let n = 0; n < good.length; n++) {
    assert.throws(() => codec.decode(good.subarray(0, n)), refused('ERR_EVENT_FRAME'), `first ${n} bytes`)
  }
  assert.throws(() => codec.decode(Buffer.concat([good, good])), refused('ERR_EVENT_FRAME'))
  assert.throws(() => codec.decode('0000'), refused('ERR_EVENT_FRAME'))

  // Valid CRCs over wrong lengths: the lengths must be refused themselves,
  // by the decoder as soon as it has the prelude.
  const cases = [
    ['total length 15', frame('', undefined, { total: 15 })],
    ['total length over 16 MiB', frame('', undefined, { total: MAX_MESSAGE + 1 })],
    ['total length 0xffffffff', frame('', undefined, { total: 2 ** 32 - 1 })],
    ['headers over 128 KiB', frame('', undefined, { total: MAX_MESSAGE, headersLength: MAX_HEADERS + 1 })],
    ['headers past the payload', frame('016100', fromUtf8('x'), { headersLength: 5 })],
  ]
  for (const [what, b] of cases) {
    assert.throws(() => codec.decode(b), refused('ERR_EVENT_FRAME'), what)
    assert.throws(() => codec.decoder().push(b.subarray(0, 12)), refused('ERR_EVENT_FRAME'), `${what}, from its prelude alone`)
  }

  const headerCases = [
    ['type 10', '01610a'], ['type 255', '0161ff'], ['an empty name', '0000'],
    ['a name past the section', '05616263'], ['no type byte', '0161'],
    ['a short value cut short', '01610300'], ['a uuid cut short', '016109' + '00'.repeat(15)],
    ['a string longer than the section', '016107000561'], ['a binary length cut short', '01610600'],
    ['a name that is not UTF-8', '02c328' + '00'], ['a string that is not UTF-8', '0161070001ff'],
    ['a name given twice', '016100' + '016101'],
    ['a timestamp beyond a Date', '016108' + '001eb208c2dc0001'],
  ]
  for (const [what, h] of headerCases) {
    assert.throws(() => codec.decode(frame(h)), refused('ERR_EVENT_HEADER'), what)
  }
  // The largest timestamp a Date holds is accepted (smithy reads it the same).
  const max = frame('016108' + '001eb208c2dc0000')
  assert.equal(codec.decode(max).headers.a.value.getTime(), 8.64e15)
  assert.equal(smithy.decode(max).headers.a.value.getTime(), 8.64e15)
  // "__proto__" is a header like any other.
  const proto = codec.decode(frame('095f5f70726f746f5f5f00'))
  assert.deepStrictEqual(Object.keys(proto.headers), ['__proto__'])
  assert.equal(Object.getPrototypeOf(proto.headers), Object.prototype)
})

test('encode() refuses values that do not fit their type, and messages over the limits', () => {
  const header = (value, name = 'h') => () => codec.encode({ headers: [[name, value]] })
  const cases = [
    [header(1), 'a number without a type'],
    [header(null), 'null'], [header({ type: 'float', value: 1 }), 'an unknown type'],
    [header({ type: 'toString', value: 1 }), 'an inherited property name as a type'],
    [header({ type: 'byte', value: 128 }), 'byte 128'], [header({ type: 'byte', value: 1.5 }), 'byte 1.5'],
    [header({ type: 'short', value: -32769 }), 'short -32769'], [header({ type: 'integer', value: 2 ** 31 }), 'integer 2^31'],
    [header({ type: 'integer', value: '1' }), 'integer "1"'],
    [header({ type: 'long', value: 2n ** 63n }), 'long 2^63'], [header({ type: 'long', value: 2 ** 53 }), 'long 2^53 as a number'],
    [header({ type: 'boolean', value: 1 }), 'boolean 1'], [header({ type: 'string', value: 1 }), 'string 1'],
    [header({ type: 'binary', value: [1] }), 'binary as an array'],
    [header(new Uint8Array(MAX_VALUE + 1)), 'binary of 32768 bytes'],
    [header('é'.repeat(16384)), 'a string of 32768 bytes'], [header('\ud800'), 'a lone surrogate'],
    [header(new Date(NaN)), 'an invalid Date'], [header({ type: 'timestamp', value: 0 }), 'a timestamp as a number'],
    [header({ type: 'uuid', value: '0123456789abcdef0123456789abcdef' }), 'a uuid without dashes'],
    [header({ type: 'uuid', value: '01234567-89ab-cdef-0123-456789abcdeg' }), 'a uuid with a non-hex digit'],
    [header('v', ''), 'an empty name'], [header('v', 'n'.repeat(MAX_NAME + 1)), 'a name of 256 bytes'],
    [header('v', 'a\udc00'), 'a name with a lone surrogate'],
    [() => codec.encode({ headers: [['a', 'v'], ['a', 'w']] }), 'a name twice'],
    [() => codec.encode({ headers: [['a']] }), 'a pair without a value'],
    [() => codec.encode({ headers: [[1, 'v']] }), 'a name that is a number'],
    [() => codec.encode({ headers: 'a: v' }), 'headers as a string'],
  ]
  for (const [f, what] of cases) assert.throws(f, refused('ERR_EVENT_HEADER'), what)

  // At the limits: a 255-byte name, 32767-byte values, 128 KiB of headers, a 16 MiB message.
  const full = [['a', new Uint8Array(MAX_VALUE)], ['b', 'x'.repeat(MAX_VALUE)], ['c', new Uint8Array(MAX_VALUE)]]
  const rest = MAX_HEADERS - 3 * (4 + 1 + MAX_VALUE) - (4 + MAX_NAME)
  const limit = [...full, ['é'.repeat(127) + 'n', new Uint8Array(rest)]]
  const m = codec.encode({ headers: limit })
  assert.equal(new DataView(m.buffer).getUint32(4), MAX_HEADERS)
  assert.equal(hex(m), hex(smithy.encode({ headers: Object.fromEntries(limit.map(([n, v]) => [n, { type: typeof v === 'string' ? 'string' : 'binary', value: v }])), body: new Uint8Array(0) })))
  assert.equal(Object.keys(codec.decode(m).headers).length, 4)
  assert.throws(() => codec.encode({ headers: [...full, ['é'.repeat(127) + 'n', new Uint8Array(rest + 1)]] }), refused('ERR_EVENT_FRAME'))
  const big = codec.encode({ payload: new Uint8Array(MAX_MESSAGE - 16) })
  assert.equal(big.length, MAX_MESSAGE)
  assert.equal(codec.decode(big).payload.length, MAX_MESSAGE - 16)
  assert.throws(() => codec.encode({ payload: new Uint8Array(MAX_MESSAGE - 15) }), refused('ERR_EVENT_FRAME'))

  for (const bad of [null, 'x', 1]) assert.throws(() => codec.encode(bad), refused('ERR_EVENT_PAYLOAD'))
  for (const payload of [1, {}, [1, 2], new Blob(['x'])]) assert.throws(() => codec.encode({ payload }), refused('ERR_EVENT_PAYLOAD'))
  assert.equal(hex(codec.encode({})), hex(codec.encode({ headers: [], payload: null })))
  assert.throws(() => createEventStreamCodec(), refused('ERR_EVENT_CRC'))
  // A CRC function that answers signed 32-bit numbers works the same.
  const signedCrc = createEventStreamCodec((b) => crc32(b) | 0)
  assert.equal(hex(signedCrc.encode({ headers: { 'some-header': 'value' }, payload: 'test payload' })), vector.message.encoded_message_hex)
  assert.ok(signedCrc.decode(bytes(vector.message.encoded_message_hex)))
})

// --- a stream split anywhere

function genStream (seed, n, maxPayload) {
  const rng = makeRng(seed)
  const messages = Array.from({ length: n }, () => genMessage(rng, null, { payload: randomBytes(rng, rng.int(0, maxPayload)) }))
  const encoded = messages.map((m) => smithy.encode(toSmithy(m)))
  return { messages, stream: Buffer.concat(encoded), encoded }
}

function* pieces (stream, sizeOf) {
  for (let pos = 0; pos < stream.length;) {
    const n = Math.min(sizeOf(pos), stream.length - pos)
    yield stream.subarray(pos, pos + n)
    pos += n
  }
}

function pushAll (chunks, { reuse = false } = {}) {
  const d = codec.decoder()
  const out = []
  const buffer = new Uint8Array(1 << 20)
  for (const c of chunks) {
    // reuse: one buffer for every chunk, overwritten after each push.
    const given = reuse ? buffer.subarray(0, c.length) : c
    if (reuse) given.set(c)
    out.push(...d.push(given))
    if (reuse) given.fill(0xa5)
  }
  d.end()
  return out
}

test('the incremental decoder gives the same messages wherever the stream is split', () => {
  const { messages, stream } = genStream('split', 300, 40000)
  const rng = makeRng('split points')
  assert.deepStrictEqual(pushAll([stream]), messages)
  for (let round = 0; round < 12; round++) {
    const max = rng.pick([16, 200, 5000, 70000])
    assert.deepStrictEqual(pushAll(pieces(stream, () => rng.int(1, max)), { reuse: round % 2 === 1 }), messages, `round ${round}, chunks up to ${max}`)
  }
  // Every split offset inside a prelude and just around it, one byte at a time.
  const small = genStream('small', 40, 100)
  assert.deepStrictEqual(pushAll(pieces(small.stream, () => 1), { reuse: true }), small.messages)
  for (let k = 1; k <= 17; k++) assert.deepStrictEqual(pushAll(pieces(small.stream, () => k)), small.messages, `chunks of ${k}`)
  // Messages back to back with their boundaries as chunk boundaries.
  assert.deepStrictEqual(pushAll(small.encoded), small.messages)
  assert.deepStrictEqual(pushAll([new Uint8Array(0), ...small.encoded, new Uint8Array(0)]), small.messages)
})

test('the incremental decoder reports errors in stream order, and keeps reporting them', () => {
  const { messages, encoded } = genStream('errors', 3, 50)
  const bad = encoded[2].slice()
  bad[bad.length - 1] ^= 0x80
  const d = codec.decoder()
  // The good messages before a bad one in the same chunk are not lost.
  assert.deepStrictEqual(d.push(Buffer.concat([encoded[0], encoded[1], bad])), messages.slice(0, 2))
  assert.throws(() => d.push(encoded[0]), refused('ERR_EVENT_CRC'))
  assert.throws(() => d.end(), refused('ERR_EVENT_CRC'))
  // A bad first message throws at once.
  assert.throws(() => codec.decoder().push(bad), refused('ERR_EVENT_CRC'))
  // A stream that stops inside a message or a prelude.
  for (const cut of [1, 11, 12, 13, encoded[0].length - 1]) {
    const t = codec.decoder()
    assert.deepStrictEqual(t.push(Buffer.concat([encoded[1], encoded[0].subarray(0, cut)])), [messages[1]])
    assert.throws(() => t.end(), (e) => refused('ERR_EVENT_FRAME')(e) && /ended inside a message/.test(e.message), `cut at ${cut}`)
    assert.throws(() => t.push(encoded[0]), refused('ERR_EVENT_FRAME'))
  }
  assert.throws(() => codec.decoder().push('text'), refused('ERR_EVENT_FRAME'))
})

function readable (chunks, onCancel) {
  const it = chunks[Symbol.iterator]()
  return new ReadableStream({
    pull (c) {
      const r = it.next()
      if (r.done) c.close()
      else c.enqueue(r.value)
    },
    cancel: onCancel,
  })
}

async function collect (iterable) {
  const out = []
  for await (const m of iterable) out.push(m)
  return out
}

test('decodeStream() reads a ReadableStream or an (async) iterable of chunks', async () => {
  const { messages, stream, encoded } = genStream('streams', 60, 3000)
  const rng = makeRng('stream chunks')
  const chunks = [...pieces(stream, () => rng.int(1, 4000))]
  assert.deepStrictEqual(await collect(codec.decodeStream(readable(chunks))), messages)
  assert.deepStrictEqual(await collect(codec.decodeStream((async function * () { yield * chunks })())), messages)
  assert.deepStrictEqual(await collect(codec.decodeStream(chunks.map((c) => c.buffer.slice(c.byteOffset, c.byteOffset + c.length)))), messages)

  // Breaking off cancels the stream (a response body is not read to its end).
  let cancelled = 0
  for await (const m of codec.decodeStream(readable(chunks, () => { cancelled++ }))) {
    assert.deepStrictEqual(m, messages[0])
    break
  }
  assert.equal(cancelled, 1)
  // So does a bad message, after the good ones before it.
  const bad = encoded[1].slice()
  bad[20] ^= 1
  const seen = []
  await assert.rejects(async () => {
    for await (const m of codec.decodeStream(readable([encoded[0], bad, encoded[2]], () => { cancelled++ }))) seen.push(m)
  }, refused('ERR_EVENT_CRC'))
  assert.deepStrictEqual(seen, [messages[0]])
  assert.equal(cancelled, 2)
  await assert.rejects(collect(codec.decodeStream([stream.subarray(0, stream.length - 1)])), refused('ERR_EVENT_FRAME'))
  for (const bad of [undefined, 'bytes', 42]) await assert.rejects(collect(codec.decodeStream(bad)), refused('ERR_EVENT_FRAME'))
})
