// createChunkedVerifier() (js/unchunk.js): aws-chunked bodies verified as
// they arrive.
// - what signChunked() sends, SigV4 and SigV4a, signed and unsigned, with
//   each checksum, decodes to the data in random pieces (update, decode,
//   transformStream);
// - what the independent reference encoder sends (support/streaming-
//   reference.mjs: node:crypto HMAC, node:crypto ECDSA with random nonces,
//   aws-crt's CRCs) decodes too;
// - S3's documented example as signChunked() frames it;
// - tampered copies (a data byte, a size digit, a signature digit, a CRLF,
//   the trailer, cut short, a byte after the end, another decoded length
//   or seed) fail with their code and release no data of the bad chunk;
// - a failed verifier stays failed; its state is wiped.
import test from 'node:test'
import assert from 'node:assert/strict'
import { signChunked, SigV4Error } from '../../js/index.v4a.js'
import { createSigner } from '../../js/core.js'
import { createChunkedVerifier } from '../../js/unchunk.js'
import { lazyInstance, textBytes } from '../../js/load.js'
import { text as verifyText, mask as verifyMask } from '../../dist/sigv4a-verify-inline.js'
import * as R from './support/streaming-reference.mjs'
import { makeRng } from './support/gen.mjs'
import { read } from './support/vectors.mjs'

const CREDS = { accessKeyId: 'AKIDUNCHUNK', secretAccessKey: 'unchunk/Secret+Key0123' }
const DATE = '2024-02-29T23:59:59Z'
const AMZ = '20240229T235959Z'
const REGION = 'eu-west-1'
const URL_ = 'https://bucket.s3.eu-west-1.amazonaws.com/key'
const RUNS = Number(process.env.SIGV4_UNCHUNK_RUNS || 60)
// The receiving module that verify() in sigv4-wasm/v4a decodes with,
// loaded first, as verify() does.
const ready = lazyInstance(() => textBytes(verifyText, verifyMask))
await ready()

async function collect (stream) {
  const parts = []
  for await (const p of stream) parts.push(Buffer.from(p))
  return Buffer.concat(parts)
}

// The signing key struct of a scope (it depends on nothing else), as
// signChunked's seed request has it.
function keyFor (algorithm, creds = CREDS, signingDate = DATE, url = URL_) {
  return createSigner().signSeed({ method: 'GET', url }, {
    credentials: creds, signingDate, algorithm, ...(algorithm === R.V4A ? { regionSet: REGION } : {}),
  }).key
}

function pieces (body, rng, max) {
  const out = []
  for (let i = 0; i < body.length;) {
    const n = Math.min(body.length - i, 1 + Math.floor(rng() * max))
    out.push(body.subarray(i, i + n))
    i += n
  }
  return out
}

// Decoded in pieces with update() and end().
function decodeAll (opts, parts) {
  const v = createChunkedVerifier(ready, opts)
  const out = []
  for (const p of parts) out.push(...v.update(p).map((d) => Buffer.from(d)))
  v.end()
  return Buffer.concat(out)
}

// What signChunked() sends, and what its verifier is given.
async function signed (data, { algorithm = R.V4, payload = 'signed', checksum, chunkSize = 8192 }) {
  const out = await signChunked({ method: 'PUT', url: URL_, body: data }, {
    credentials: CREDS, signingDate: DATE, chunkSize, payload, ...(checksum !== undefined ? { checksum } : {}),
    algorithm, ...(algorithm === R.V4A ? { regionSet: REGION } : {}),
  })
  const body = await collect(out.body)
  const trailer = out.headers['x-amz-trailer']
  return {
    body,
    opts: {
      key: payload === 'signed' ? keyFor(algorithm) : null,
      amzDate: out.headers['x-amz-date'],
      seed: /Signature=([0-9a-f]+)/.exec(out.headers.authorization)[1],
      decodedLength: Number(out.headers['x-amz-decoded-content-length']),
      trailers: trailer ? trailer.split(',') : [],
    },
  }
}

const CASES = [
  { algorithm: R.V4 }, { algorithm: R.V4, checksum: 'crc32' }, { algorithm: R.V4, checksum: 'sha256' },
  { algorithm: R.V4A }, { algorithm: R.V4A, checksum: 'crc32c' },
  { payload: 'unsigned' }, { payload: 'unsigned', checksum: 'crc64nvme' }, { payload: 'unsigned', checksum: 'sha1' },
]

test('signChunked bodies decode in random pieces: SigV4, SigV4a, unsigned, checksums', async () => {
  const rng = makeRng(16)
  for (let run = 0; run < RUNS; run++) {
    const c = CASES[run % CASES.length]
    const length = rng() < 0.1 ? Math.floor(rng() * 3) : Math.floor(rng() * (c.algorithm === R.V4A ? 40000 : 120000))
    const data = Buffer.from(Array.from({ length }, () => Math.floor(rng() * 256)))
    const chunkSize = 8192 + Math.floor(rng() * 30000)
    const { body, opts } = await signed(data, { ...c, chunkSize })
    const what = `${JSON.stringify(c)} length ${length} chunk ${chunkSize}`
    assert.ok(decodeAll(opts, pieces(body, rng, run % 2 ? 50 : 70000)).equals(data), what)
    assert.ok(decodeAll(opts, [body]).equals(data), what)
  }
})

test('reference-encoded bodies (node:crypto, random ECDSA nonces) decode', () => {
  const rng = makeRng(17)
  for (const [algorithm, mode, checksum] of [[R.V4, 'signed', undefined], [R.V4, 'signed-trailer', 'crc32c'],
    [R.V4A, 'signed', undefined], [R.V4A, 'signed-trailer', 'sha256'], [undefined, 'unsigned-trailer', 'crc32']]) {
    const data = Buffer.from(Array.from({ length: 30000 }, () => Math.floor(rng() * 256)))
    const alg = algorithm ?? R.V4
    const scope = R.credentialScope(alg, AMZ, REGION, 's3')
    const seedSignature = R.signString(alg, R.streamingKeys(alg, CREDS, AMZ, REGION, 's3'), 'seed')
    const { body } = R.encodeChunked(data, {
      mode, algorithm: alg, chunkSize: 9000, amzDate: AMZ, scope, seedSignature,
      ...R.streamingKeys(alg, CREDS, AMZ, REGION, 's3'), checksum,
    })
    const opts = {
      key: mode === 'unsigned-trailer' ? null : keyFor(alg),
      amzDate: AMZ, seed: seedSignature, decodedLength: data.length,
      trailers: checksum ? [R.checksumTrailerName(checksum)] : [],
    }
    assert.ok(decodeAll(opts, pieces(body, rng, 5000)).equals(data), `${alg} ${mode}`)
    const bad = Buffer.from(body)
    bad[body.indexOf('\r\n') + 2 + 100] ^= 1
    assert.throws(() => decodeAll(opts, [bad]), { code: mode === 'unsigned-trailer' ? 'ERR_CHECKSUM_MISMATCH' : 'ERR_CHUNK_SIGNATURE' })
  }
})

test('S3 streaming example with a trailer, as signChunked frames it', async () => {
  const { examples } = JSON.parse(read('s3-doc-examples.json'))
  const ex = examples.find((e) => e.name === 'chunked-put-object-with-trailer')
  const url = `https://${ex.request.host}${ex.request.path}`
  const creds = { accessKeyId: ex.credentials.access_key_id, secretAccessKey: ex.credentials.secret_access_key }
  const out = await signChunked({ method: 'PUT', url, headers: { 'x-amz-storage-class': 'REDUCED_REDUNDANCY' }, body: new Uint8Array(66560).fill(97) }, {
    credentials: creds, signingDate: ex.timestamp, checksum: 'crc32c', unsignableHeaders: ['content-length'],
  })
  const body = await collect(out.body)
  const opts = {
    key: keyFor(R.V4, creds, ex.timestamp, url), amzDate: '20130524T000000Z', seed: ex.expected.seed_signature,
    decodedLength: 66560, trailers: ['x-amz-checksum-crc32c'],
  }
  assert.ok(decodeAll(opts, [body]).equals(Buffer.alloc(66560, 97)))
  // Its published trailer bytes are what came.
  assert.ok(body.toString('latin1').endsWith(ex.expected.trailer.wire_bytes_after_final_chunk))
})

test('tampered bodies fail with their code, and release no data of the bad chunk', async () => {
  const data = Buffer.alloc(20000, 7)
  const { body, opts } = await signed(data, { checksum: 'crc32', chunkSize: 8192 })
  const text = body.toString('latin1')
  const h2 = text.indexOf('2000;', 10)
  const trailer = text.indexOf('x-amz-checksum-crc32:')
  const tsig = text.indexOf('x-amz-trailer-signature:')
  const cases = [
    [100, 'ERR_CHUNK_SIGNATURE'], // a data byte
    [0, 'ERR_CHUNK', 'g'], // a size digit
    [3, 'ERR_CHUNK_SIGNATURE', '1'], // the size one more: the CR is data
    [30, 'ERR_CHUNK_SIGNATURE'], // a signature digit
    [h2 - 2, 'ERR_CHUNK', ' '], // the CRLF after the data
    [trailer + 3, 'ERR_TRAILER'], // the trailer's name
    [trailer + 22, 'ERR_CHUNK_SIGNATURE'], // its value (signed)
    [tsig + 30, 'ERR_CHUNK_SIGNATURE'], // the trailer signature
    [body.length - 1, 'ERR_CHUNK', ' '], // the last LF
  ]
  for (const [at, code, c] of cases) {
    const bad = Buffer.from(body)
    bad[at] = c ? c.charCodeAt(0) : bad[at] ^ 1
    const v = createChunkedVerifier(ready, opts)
    const got = []
    assert.throws(() => {
      for (const p of pieces(bad, makeRng(at), 3000)) got.push(...v.update(p))
      v.end()
    }, (e) => e instanceof SigV4Error && e.code === code, `byte ${at}: ${code}`)
    // Data comes out only from chunks that verified, before the bad one.
    const released = got.reduce((n, p) => n + p.length, 0)
    assert.ok([0, 8192, 16384, 20000].includes(released) && released <= at && (at > h2 || released === 0),
      `byte ${at}: ${released} bytes released`)
    // Failed for good.
    assert.throws(() => v.update(Buffer.from('0')), { code })
    assert.throws(() => v.end(), { code })
  }
  assert.throws(() => decodeAll(opts, [body.subarray(0, body.length - 1)]), { code: 'ERR_CHUNK' })
  assert.throws(() => decodeAll(opts, [body, Buffer.from('x')]), { code: 'ERR_CHUNK' })
  assert.throws(() => decodeAll({ ...opts, decodedLength: 19999 }, [body]), { code: 'ERR_DECODED_LENGTH' })
  assert.throws(() => decodeAll({ ...opts, seed: 'a'.repeat(64) }, [body]), { code: 'ERR_CHUNK_SIGNATURE' })
  assert.throws(() => decodeAll({ ...opts, trailers: [] }, [body]), { code: 'ERR_TRAILER' })
  assert.throws(() => decodeAll({ ...opts, key: keyFor(R.V4, { ...CREDS, secretAccessKey: 'other' }) }, [body]), { code: 'ERR_CHUNK_SIGNATURE' })
  assert.throws(() => createChunkedVerifier(ready, { ...opts, decodedLength: -1 }), { code: 'ERR_DECODED_LENGTH' })
  assert.throws(() => createChunkedVerifier(ready, { ...opts, trailers: ['x-amz-checksum-md5'] }), { code: 'ERR_CHECKSUM' })
  assert.throws(() => createChunkedVerifier(ready, { ...opts, key: null, trailers: [] }), { code: 'ERR_TRAILER' })
})

test('decode() and transformStream(); the caller\'s key is left as it was', async () => {
  const data = Buffer.from(Array.from({ length: 50000 }, (_, i) => i & 255))
  const { body, opts } = await signed(data, { algorithm: R.V4A, checksum: 'crc32' })
  const key = Buffer.from(opts.key)
  const parts = pieces(body, makeRng(3), 7000)
  const out = []
  for await (const p of createChunkedVerifier(ready, opts).decode((async function * () { yield * parts })())) out.push(Buffer.from(p))
  assert.ok(Buffer.concat(out).equals(data))
  assert.ok(key.equals(opts.key))
  const readable = new ReadableStream({
    pull (c) {
      if (parts.length) c.enqueue(parts.shift())
      else c.close()
    },
  })
  assert.ok((await collect(readable.pipeThrough(createChunkedVerifier(ready, opts).transformStream()))).equals(data))
  // A body cut short: the stream errors.
  const cut = new ReadableStream({
    start (c) {
      c.enqueue(body.subarray(0, 30000))
      c.close()
    },
  })
  await assert.rejects(collect(cut.pipeThrough(createChunkedVerifier(ready, opts).transformStream())), { code: 'ERR_CHUNK' })
})
