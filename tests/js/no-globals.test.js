// The glue's fallbacks for hosts without TextEncoder and TextDecoder
// (Hermes): fresh copies of the modules, loaded while those globals are
// gone, against Node's native ones on the same input. The whole path runs
// in Hermes itself in hermes.test.js.
import test from 'node:test'
import assert from 'node:assert/strict'
import { makeRng } from './support/gen.mjs'

async function withoutTextCodecs (load) {
  const saved = { TextEncoder: globalThis.TextEncoder, TextDecoder: globalThis.TextDecoder }
  delete globalThis.TextEncoder
  delete globalThis.TextDecoder
  try {
    return await load()
  } finally {
    Object.assign(globalThis, saved)
  }
}

// Strings of every UTF-8 length, surrogate pairs, and lone surrogates.
function randomText (rng) {
  const chars = ['a', 'Z', '~', '\x00', '\x7f', '\x80', 'é', '\u07ff', '\u0800', 'ሴ', '\uffff', '😀', '\ud800', '\udfff', '\udbff\udfff', ' ']
  let s = ''
  for (let n = rng.int(0, 80); n > 0; n--) s += rng.pick(chars)
  return s
}

test('without TextEncoder: utf8.js, handed to arena.js as sigv4-wasm/js does, encodes as TextEncoder does (encode, and encodeInto into short buffers)', async () => {
  const arena = await withoutTextCodecs(() => import('../../js/arena.js?no-text-codecs'))
  assert.equal(arena.encoder, null, 'no encoder of its own: the entries for other hosts do not carry one')
  arena.useEncoder((await import('../../js/utf8.js')).utf8Encoder)
  const { encoder } = arena
  assert.notEqual(encoder.constructor, TextEncoder)
  const native = new TextEncoder()
  const rng = makeRng('sigv4-wasm no-globals')
  for (let i = 0; i < 2000; i++) {
    const s = randomText(rng)
    assert.deepEqual(encoder.encode(s), native.encode(s), JSON.stringify(s))
    const room = rng.int(0, 3 * s.length)
    const a = new Uint8Array(room)
    const b = new Uint8Array(room)
    assert.deepEqual(encoder.encodeInto(s, a), native.encodeInto(s, b), JSON.stringify(s))
    assert.deepEqual(a, b)
  }
})

test('without TextDecoder: event stream header strings decode as the fatal decoder does, and refuse what it refuses', async () => {
  // (The arena the copy shares is loaded first, with the host's encoder: decoding is what is tested.)
  await import('../../js/arena.js')
  const es = await withoutTextCodecs(() => import('../../js/eventstream.js?no-text-codecs'))
  const native = await import('../../js/eventstream.js')
  const { crc32 } = await import('node:zlib')
  const rng = makeRng('sigv4-wasm no-globals decode')
  const good = native.createEventStreamCodec(crc32).encode({ headers: { ':event-type': 'a\ufeffé😀' }, payload: '' })
  assert.deepEqual(es.createEventStreamCodec(crc32).decode(good).headers, native.createEventStreamCodec(crc32).decode(good).headers)
  const seen = new Set()
  for (let i = 0; i < 500; i++) {
    const bytes = Array.from({ length: rng.int(1, 6) }, () => rng.pick([0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f]))
    const frame = Uint8Array.from(good)
    // The header's value, replaced (same length) where it fits.
    const at = frame.indexOf(0x61)
    frame.set(bytes, at)
    new DataView(frame.buffer).setUint32(frame.length - 4, crc32(frame.subarray(0, frame.length - 4)))
    const fix = (codec) => {
      try {
        return codec.createEventStreamCodec(crc32).decode(frame).headers
      } catch (e) {
        return e.code
      }
    }
    const theirs = fix(native)
    assert.deepEqual(fix(es), theirs, JSON.stringify(bytes))
    seen.add(typeof theirs === 'string' ? theirs : 'decoded')
  }
  assert.deepEqual([...seen].sort(), ['ERR_EVENT_HEADER', 'decoded'])
})

test('without TextDecoder, btoa and atob: utf8.js\'s, handed to text.js as sigv4-wasm/js does, decode as TextDecoder does (fatal or not) and base64 as btoa and atob do', async () => {
  const { textFallback } = await import('../../js/utf8.js')
  const rng = makeRng('sigv4-wasm no-globals text')
  // Bytes weighted to the edges of UTF-8: BOM, lead bytes, continuation bounds.
  const edges = [0xef, 0xbb, 0xbf, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0x80, 0xbf, 0xa0, 0x9f, 0x8f, 0x90, 0xc1, 0xc2, 0x41, 0x00, 0xff]
  for (let i = 0; i < 5000; i++) {
    const bytes = Uint8Array.from({ length: rng.int(0, 40) }, () => (rng.chance(0.6) ? rng.pick(edges) : rng.int(0, 255)))
    for (const fatal of [false, true]) {
      const decoded = (d) => { try { return d() } catch (e) { return e instanceof TypeError ? 'TypeError' : e } }
      assert.equal(decoded(() => textFallback.decode(bytes, fatal)), decoded(() => new TextDecoder('utf-8', { fatal }).decode(bytes)), `${fatal} ${[...bytes]}`)
    }
    const binary = String.fromCharCode(...bytes)
    assert.equal(textFallback.btoa(binary), btoa(binary))
    assert.equal(textFallback.atob(btoa(binary)), binary)
  }
  // text.js uses them only where the host has none.
  const saved = { TextDecoder: globalThis.TextDecoder, btoa: globalThis.btoa, atob: globalThis.atob }
  const text = await import('../../js/text.js')
  text.useText(textFallback)
  delete globalThis.TextDecoder
  delete globalThis.btoa
  delete globalThis.atob
  try {
    assert.equal(text.utf8Decode(Uint8Array.of(0xef, 0xbb, 0xbf, 0xc3, 0xa9)), 'é')
    assert.throws(() => text.utf8Decode(Uint8Array.of(0xc3), true), TypeError)
    assert.equal(text.toBase64(Uint8Array.of(1, 2, 3, 4)), 'AQIDBA==')
    assert.deepEqual(text.fromBase64('AQIDBA=='), Uint8Array.of(1, 2, 3, 4))
  } finally {
    Object.assign(globalThis, saved)
  }
})

test('a TextEncoder with encode() only (React Native\'s usual polyfills) is only copied through: sigv4-wasm/js hands in its own', async () => {
  const saved = globalThis.TextEncoder
  globalThis.TextEncoder = class { encode (s) { return new saved().encode(s) } }
  let arena
  try {
    arena = await import('../../js/arena.js?encode-only')
  } finally {
    globalThis.TextEncoder = saved
  }
  assert.equal(arena.encoder.byCopy, true)
  const { utf8Encoder } = await import('../../js/utf8.js')
  arena.useEncoder(utf8Encoder)
  assert.equal(arena.encoder, utf8Encoder)
  const out = new Uint8Array(8)
  assert.deepEqual(arena.encoder.encodeInto('añb', out), { read: 3, written: 4 })
})

test('a TextEncoder without encodeInto (Safari before 14.1): the default entry signs long and non-ASCII strings as smithy does', async () => {
  const { execFileSync } = await import('node:child_process')
  const { smithyAuthorization } = await import('./support/smithy.mjs')
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 't'.repeat(300) }
  const signingDate = '2026-12-03T10:00:00Z'
  const request = { method: 'POST', url: `https://abc.execute-api.us-east-1.amazonaws.com/prod/${'p'.repeat(60)}?q=${'v'.repeat(60)}`, headers: { 'x-long': 'h'.repeat(80) }, body: 'é😀'.repeat(30) + 'a'.repeat(60) }
  const options = { credentials, region: 'us-east-1', service: 'execute-api', signingDate }
  const child = `delete TextEncoder.prototype.encodeInto
const { sign } = await import(${JSON.stringify(new URL('../../js/index.js', import.meta.url).href)})
const options = ${JSON.stringify(options)}
const out = []
for (let i = 0; i < 2; i++) out.push(sign(${JSON.stringify(request)}, options).headers.authorization)
console.log(JSON.stringify(out))`
  const got = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' }))
  const want = await smithyAuthorization({ ...request, headers: Object.entries(request.headers) }, { ...options, signingDate: new Date(signingDate) })
  assert.deepEqual(got, [want, want])
})
