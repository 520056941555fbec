// checksum() and createChecksum() (js/checksum.js over the C core's
// src/checksum.c), and the internal crc32() of the event-stream codec:
// - published values: the CRC catalogue's check values, FIPS 180's SHA-1
//   examples, S3's trailer example (tests/vectors/s3-doc-examples.json);
// - generated inputs against independent implementations: aws-crt's
//   checksums (AWS's C library: crc32, crc32c, crc64nvme), node:zlib's
//   crc32 and node:crypto (sha1, sha256), one-shot and split at random
//   points, with node:crypto in use for SHA and with the wasm doing all;
// - unknown algorithms (ERR_CHECKSUM), missing input, and the module still
//   in use after an error; several incremental checksums at once.
// SIGV4_CHECKSUM_SEED and SIGV4_CHECKSUM_COUNT change the run.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { crc32 as zlibCrc32 } from 'node:zlib'
import crt from 'aws-crt'
import { checksum, createChecksum, createSha256, sign, SigV4Error } from '../../js/index.js'
import { ready, _useNativeHash } from '../../js/core.js'
import { crc32 } from '../../js/checksum.js'
import { CHECKSUM, C_CODES, C_MESSAGES } from '../../js/abi.js'
import { makeRng } from './support/gen.mjs'
import { read } from './support/vectors.mjs'

const SEED = process.env.SIGV4_CHECKSUM_SEED || 'sigv4-wasm checksums'
const COUNT = Number(process.env.SIGV4_CHECKSUM_COUNT || 1000)
const ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256']

// The independent implementations, each as base64 of bytes.
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b.toString('base64') }
const { checksums } = crt
const REFERENCE = {
  crc32: (b) => u32(checksums.crc32(b)),
  crc32c: (b) => u32(checksums.crc32c(b)),
  crc64nvme: (b) => { const v = checksums.crc64nvme(b); return Buffer.from(v.buffer, v.byteOffset, 8).toString('base64') },
  sha1: (b) => createHash('sha1').update(b).digest('base64'),
  sha256: (b) => createHash('sha256').update(b).digest('base64'),
}
const hex = (b64) => Buffer.from(b64, 'base64').toString('hex')

// Each test runs twice: node:crypto doing SHA where it wins, and the wasm
// doing everything (as in browsers).
const bothPaths = (name, fn) => {
  test(`${name} (node:crypto for SHA)`, fn)
  test(`${name} (wasm only)`, async () => {
    _useNativeHash(false)
    try {
      await fn()
    } finally {
      _useNativeHash(true)
    }
  })
}

bothPaths('known answers: check values, FIPS 180 SHA-1, empty input', () => {
  const KNOWN = [
    ['crc32', '123456789', 'cbf43926'],
    ['crc32c', '123456789', 'e3069283'],
    ['crc64nvme', '123456789', 'ae8b14860a799888'],
    ['sha1', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['sha1', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
    ['sha1', '', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['sha256', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['crc32', '', '00000000'],
    ['crc32c', '', '00000000'],
    ['crc64nvme', '', '0000000000000000'],
    ['sha256', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ]
  for (const [algorithm, text, want] of KNOWN) {
    const label = `${algorithm}(${JSON.stringify(text)})`
    assert.equal(hex(checksum(algorithm, text)), want, label)
    assert.equal(hex(checksum(algorithm, new TextEncoder().encode(text))), want, label)
    assert.equal(hex(createChecksum(algorithm).update(text).digest()), want, label)
    assert.equal(hex(createChecksum(algorithm).digest()), hex(checksum(algorithm, '')), `${algorithm}: no update is empty input`)
  }
  // A million 'a' (FIPS 180-2 A.3), large enough for node:crypto.
  assert.equal(hex(checksum('sha1', 'a'.repeat(1e6))), '34aa973cd4c4daa4f61eeb2bdbad27316534016f')
  // The SDKs' upper-case names.
  assert.equal(checksum('CRC32C', '123456789'), checksum('crc32c', '123456789'))
  assert.equal(checksum('Sha256', 'abc'), checksum('sha256', 'abc'))
})

bothPaths('S3\'s trailer example: x-amz-checksum-crc32c of 66560 bytes of \'a\'', () => {
  const example = JSON.parse(read('s3-doc-examples.json')).examples.find((e) => e.name === 'chunked-put-object-with-trailer')
  const [name, value] = example.request.trailers[0]
  assert.equal(name, 'x-amz-checksum-crc32c')
  assert.equal(example.request.decoded_body, "66560 bytes of 'a'")
  const body = new Uint8Array(66560).fill(0x61)
  assert.equal(checksum('crc32c', body), value)
  // As the example's chunks go: 65536 bytes, then 1024.
  assert.equal(createChecksum('crc32c').update(body.subarray(0, 65536)).update(body.subarray(65536)).digest(), value)
})

// Random bytes, half of the inputs short (the CRCs' 16-byte steps and
// SHA's 64-byte blocks), the rest up to 200000 bytes; the same bytes in
// every form the API takes.
function randomBytes (rng) {
  const r = rng()
  const len = r < 0.3 ? rng.int(0, 70) : r < 0.5 ? rng.int(0, 4200) : rng.int(0, 200000)
  const bytes = new Uint8Array(len)
  for (let i = 0; i < len; i += 4) {
    const v = (rng() * 4294967296) >>> 0
    for (let k = 0; k < 4 && i + k < len; k++) bytes[i + k] = v >>> (8 * k)
  }
  return bytes
}

function asForm (rng, bytes) {
  switch (rng.int(0, 4)) {
    case 0: return bytes
    case 1: return bytes.slice().buffer
    case 2: return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    case 3: return Buffer.from(bytes)
    default: { // the bytes at an odd offset of a larger buffer
      const big = new Uint8Array(bytes.length + 3)
      big.set(bytes, 3)
      return big.subarray(3)
    }
  }
}

// Ascending split points for the incremental form.
function cuts (rng, len) {
  const n = rng.int(0, 4)
  const at = [0]
  for (let i = 0; i < n; i++) at.push(rng.int(0, len))
  at.push(len)
  return at.sort((a, b) => a - b)
}

test(`${COUNT} random inputs: aws-crt, node:zlib and node:crypto agree, one-shot and split (seed "${SEED}")`, () => {
  const rng = makeRng(SEED)
  let compared = 0
  try {
    for (let n = 0; n < COUNT; n++) {
      // Every other input with node:crypto out of the way.
      _useNativeHash(n % 2 === 0)
      const bytes = randomBytes(rng)
      for (const algorithm of ALGORITHMS) {
        const want = REFERENCE[algorithm](bytes)
        const label = `input ${n} (${bytes.length} bytes), ${algorithm}`
        assert.equal(checksum(algorithm, asForm(rng, bytes)), want, label)
        const at = cuts(rng, bytes.length)
        const c = createChecksum(algorithm)
        for (let i = 1; i < at.length; i++) c.update(asForm(rng, bytes.subarray(at[i - 1], at[i])))
        assert.equal(c.digest(), want, `${label}, split at ${at.slice(1, -1)}`)
        compared += 2
      }
      assert.equal(checksum('crc32', bytes), u32(zlibCrc32(bytes)), `input ${n}: node:zlib`)
    }
  } finally {
    _useNativeHash(true)
  }
  assert.equal(compared, COUNT * ALGORITHMS.length * 2)
})

// Text with every UTF-8 length, pairs that straddle the wasm's 21845-unit
// windows, and lone surrogates (U+FFFD, as TextEncoder and Buffer make them).
bothPaths('strings are checksummed as UTF-8', () => {
  const W = 21845
  const texts = ['héllo wörld', '中文 ✓ 😀', '\ud800', 'a\udc00b', 'é'.repeat(W) + '😀' + 'x'.repeat(W),
    'x'.repeat(W - 1) + '😀' + 'y', '✓'.repeat(3 * W + 5)]
  for (const text of texts) {
    const bytes = Buffer.from(text, 'utf8')
    for (const algorithm of ALGORITHMS) {
      const want = REFERENCE[algorithm](bytes)
      const label = `${algorithm}, ${text.length} units`
      assert.equal(checksum(algorithm, text), want, label)
      assert.equal(createChecksum(algorithm).update(text.slice(0, 3)).update(text.slice(3)).digest(), want, label)
    }
  }
})

bothPaths('digest() does not end a checksum, and several run at once beside signing', () => {
  const rng = makeRng(`${SEED} interleaved`)
  const parts = Array.from({ length: 6 }, () => randomBytes(rng))
  const all = Buffer.concat(parts)
  const running = ALGORITHMS.flatMap((a) => [[a, createChecksum(a)], [a, createChecksum(a)]])
  const hash = createSha256()
  // A digest before any data: the empty input's, and the state goes on.
  for (const [algorithm, c] of running) assert.equal(c.digest(), REFERENCE[algorithm](Buffer.alloc(0)), algorithm)
  assert.equal(hash.digest(), createHash('sha256').digest('hex'))
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
  for (let i = 0; i < parts.length; i++) {
    for (const [algorithm, c] of running) {
      c.update(parts[i])
      assert.equal(c.digest(), REFERENCE[algorithm](Buffer.concat(parts.slice(0, i + 1))), `${algorithm} after part ${i}`)
    }
    hash.update(parts[i])
    sign({ method: 'PUT', url: 'https://b.s3.amazonaws.com/k', body: parts[i] }, { credentials, signingDate: '2015-08-30T12:36:00Z' })
  }
  for (const [algorithm, c] of running) assert.equal(c.digest(), REFERENCE[algorithm](all), algorithm)
  assert.equal(hash.digest(), createHash('sha256').update(all).digest('hex'))
})

bothPaths('unknown algorithms are ERR_CHECKSUM; missing input is ERR_BODY; the module goes on', () => {
  const errno = -C_CODES.indexOf('ERR_CHECKSUM')
  const isChecksumError = (e) => e instanceof SigV4Error && e.code === 'ERR_CHECKSUM' && e.errno === errno &&
    e.message === C_MESSAGES.ERR_CHECKSUM
  for (const bad of ['md5', 'crc', 'crc32 ', 'sha-256', '', undefined, null, 32, {}, '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    assert.throws(() => checksum(bad, 'x'), isChecksumError, String(bad))
    assert.throws(() => createChecksum(bad), isChecksumError, String(bad))
    assert.equal(checksum('crc32c', '123456789'), '4waSgw==', `usable after ${String(bad)}`)
  }
  // The message lists exactly the algorithms there are.
  assert.equal(C_MESSAGES.ERR_CHECKSUM, `checksum must be one of ${Object.keys(CHECKSUM).join(', ')}`)
  assert.deepEqual(Object.keys(CHECKSUM), ALGORITHMS)
  for (const algorithm of ALGORITHMS) {
    for (const missing of [undefined, null]) {
      assert.throws(() => checksum(algorithm, missing), (e) => e instanceof SigV4Error && e.code === 'ERR_BODY' && /checksum\(\)/.test(e.message))
      const c = createChecksum(algorithm).update('ab')
      assert.throws(() => c.update(missing), (e) => e instanceof SigV4Error && e.code === 'ERR_BODY')
      assert.throws(() => c.update(123), (e) => e instanceof SigV4Error && e.code === 'ERR_BODY')
      // Its state is untouched.
      assert.equal(c.update('c').digest(), REFERENCE[algorithm](Buffer.from('abc')), algorithm)
    }
  }
})

test('crc32(w, bytes), for the event-stream codec: an unsigned number, node:zlib\'s', () => {
  const w = ready()
  const rng = makeRng(`${SEED} crc32`)
  for (const len of [0, 1, 8, 12, 15, 16, 17, 65535, 65536, 65537, 200000]) {
    const data = new Uint8Array(len).map(() => rng.int(0, 255))
    assert.equal(crc32(w, data), zlibCrc32(data), `${len} bytes`)
  }
  assert.equal(crc32(w, new TextEncoder().encode('123456789')), 0xcbf43926)
  // A result with the top bit set is still positive (0xd202ef8d).
  assert.equal(crc32(w, new Uint8Array(1)), zlibCrc32(new Uint8Array(1)))
  assert.ok(crc32(w, new Uint8Array(1)) > 0x7fffffff)
  // Nothing of the call is left in the arena: state, input, digest.
  w.u8.fill(0, 0, 4096)
  crc32(w, new Uint8Array(100).fill(0xa5))
  assert.ok(w.u8.subarray(0, 4096).every((b) => b === 0))
})

test('the wasm exports refuse what does not fit', () => {
  const { x, u8 } = ready()
  const errno = (name) => -C_CODES.indexOf(name)
  assert.equal(x.sigv4w_checksum_init(0, ALGORITHMS.length), errno('ERR_CHECKSUM'))
  assert.equal(x.sigv4w_checksum_init(0, 0xffffffff), errno('ERR_CHECKSUM'))
  // A state that init refused is refused by digest and base64.
  assert.equal(x.sigv4w_checksum_digest(0, 256), errno('ERR_CHECKSUM'))
  assert.equal(x.sigv4w_checksum_base64(0, 256), errno('ERR_CHECKSUM'))
  assert.equal(x.sigv4w_checksum_init(4, 0), errno('ERR_ABI'), 'a state not 8-aligned')
  assert.equal(x.sigv4w_checksum_init(u8.length - 8, 0), errno('ERR_ABI'), 'a state past the arena')
  assert.equal(x.sigv4w_checksum_init(0, CHECKSUM.sha1), 0)
  assert.equal(x.sigv4w_checksum_update(0, u8.length - 4, 8), errno('ERR_ABI'), 'input past the arena')
  assert.equal(x.sigv4w_checksum_base64(0, u8.length - 43), errno('ERR_ABI'), 'no room for 44 bytes')
  assert.equal(x.sigv4w_checksum_base64(0, 256), 28)
  u8.fill(0, 0, 512)
  assert.equal(checksum('crc64nvme', '123456789'), 'rosUhgp5mIg=')
})
