// signChunked(): aws-chunked uploads signed chunk by chunk.
// - S3's two streaming examples, byte for byte;
// - differential, generated bodies, chunk sizes, sources and modes: every
//   upload decodes under the independent reference decoder
//   (support/streaming-reference.mjs: node:crypto, every chunk and trailer
//   signature recomputed and compared, the checksum recomputed with
//   aws-crt and node:crypto), and every chunk and trailer signature equals
//   @smithy/signature-v4's signature of the documented string to sign;
// - SigV4a chunks verify under the credential's public key;
// - encodedLength() is the length of what is produced, and the reference's;
// - a body longer or shorter than contentLength is an error before the
//   final chunk is signed; backpressure: the source is read at most one
//   chunk ahead of the reader;
// - uploads over loopback to the verifying endpoint, with signChunked and
//   fetch, and with createSignedFetch({ streaming }).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { SignatureV4 } from '@smithy/signature-v4'
import { Hash } from '@smithy/hash-node'
import { signChunked, encodedLength, createSignedFetch, SigV4Error } from '../../js/index.v4a.js'
import { _useNativeHash } from '../../js/core.js'
import * as R from './support/streaming-reference.mjs'
import { makeRng } from './support/gen.mjs'
import { read } from './support/vectors.mjs'
import { startVerifyServer } from './support/verify-server.mjs'

const CREDS = { accessKeyId: 'AKIDCHUNKED', secretAccessKey: 'chunked/Secret+Key0123' }
const DATE = '2024-02-29T23:59:59Z'
const AMZ = '20240229T235959Z'
const REGION = 'eu-west-1'
const RUNS = Number(process.env.SIGV4_CHUNKED_RUNS || 1000)
const sha256 = (b) => createHash('sha256').update(b).digest('hex')

async function collect (stream) {
  const parts = []
  for await (const p of stream) parts.push(Buffer.from(p))
  return Buffer.concat(parts)
}

// The body as each kind of source signChunked() reads, in pieces of
// random sizes.
function source (kind, data, rng) {
  const pieces = []
  for (let i = 0; i < data.length;) {
    const n = Math.min(data.length - i, 1 + Math.floor(rng() * 40000))
    pieces.push(data.subarray(i, i + n))
    i += n
  }
  if (kind === 'bytes') return data
  if (kind === 'blob') return new Blob([data])
  if (kind === 'readable') return Readable.from(pieces.map((p) => Buffer.from(p)))
  if (kind === 'iterable') return (async function * () { yield * pieces })()
  return new ReadableStream({
    pull (c) {
      if (pieces.length) c.enqueue(pieces.shift())
      else c.close()
    },
  })
}

const smithy = new SignatureV4({ credentials: CREDS, region: REGION, service: 's3', sha256: Hash.bind(null, 'sha256') })

test('S3 streaming examples: seed, chunk signatures, framing and length', async () => {
  const { examples } = JSON.parse(read('s3-doc-examples.json'))
  const ex = examples.find((e) => e.name === 'chunked-put-object')
  const out = await signChunked({
    method: 'PUT', url: `https://${ex.request.host}${ex.request.path}`,
    headers: { 'x-amz-storage-class': 'REDUCED_REDUNDANCY' }, body: new Uint8Array(66560).fill(97),
  }, {
    credentials: { accessKeyId: ex.credentials.access_key_id, secretAccessKey: ex.credentials.secret_access_key },
    signingDate: ex.timestamp,
  })
  assert.equal(out.headers.authorization, ex.expected.authorization)
  assert.equal(out.headers['content-length'], String(ex.expected.encoded_content_length))
  const body = await collect(out.body)
  assert.equal(body.length, ex.expected.encoded_content_length)
  const lines = body.toString('latin1').split('\r\n').filter((l) => l.includes('chunk-signature'))
  assert.deepEqual(lines, ex.expected.chunks.map((c) => c.chunk_header))
})

test('S3 streaming example with a trailer: CRC32C, trailer signature, 66946 bytes', async () => {
  const { examples } = JSON.parse(read('s3-doc-examples.json'))
  const ex = examples.find((e) => e.name === 'chunked-put-object-with-trailer')
  const out = await signChunked({
    method: 'PUT', url: `https://${ex.request.host}${ex.request.path}`,
    headers: { 'x-amz-storage-class': 'REDUCED_REDUNDANCY' }, body: new Uint8Array(66560).fill(97),
  }, {
    credentials: { accessKeyId: ex.credentials.access_key_id, secretAccessKey: ex.credentials.secret_access_key },
    signingDate: ex.timestamp, checksum: 'crc32c',
    // The example leaves content-length unsigned.
    unsignableHeaders: ['content-length'],
  })
  assert.equal(out.headers.authorization, ex.expected.authorization)
  assert.equal(out.headers['x-amz-trailer'], 'x-amz-checksum-crc32c')
  const body = await collect(out.body)
  assert.equal(body.length, 66946)
  assert.equal(out.headers['content-length'], '66946')
  const text = body.toString('latin1')
  assert.deepEqual(text.split('\r\n').filter((l) => l.includes('chunk-signature')), ex.expected.chunks.map((c) => c.chunk_header))
  assert.ok(text.endsWith(ex.expected.trailer.wire_bytes_after_final_chunk))
})

// One generated upload: signed by us, decoded and checked by the reference,
// each signature compared with smithy's over the documented string to sign.
async function differential (rng, { algorithm, mode, checksum }) {
  const length = rng() < 0.1 ? Math.floor(rng() * 3) : Math.floor(rng() * 200000)
  const chunkSize = 8192 + Math.floor(rng() * 40000)
  const data = Buffer.from(Array.from({ length }, () => Math.floor(rng() * 256)))
  const kind = ['bytes', 'blob', 'readable', 'iterable', 'stream'][Math.floor(rng() * 5)]
  const out = await signChunked({ method: 'PUT', url: 'https://bucket.s3.eu-west-1.amazonaws.com/key', body: source(kind, data, rng), contentLength: length }, {
    credentials: CREDS, signingDate: DATE, chunkSize, checksum, payload: mode === 'unsigned-trailer' ? 'unsigned' : 'signed',
    algorithm, ...(algorithm === R.V4A ? { regionSet: REGION } : {}),
  })
  const body = await collect(out.body)
  const what = `${algorithm} ${mode} ${checksum} ${kind} length ${length} chunk ${chunkSize}`
  assert.equal(body.length, Number(out.headers['content-length']), what)
  assert.equal(out.headers['x-amz-content-sha256'], R.payloadMarker(mode, algorithm), what)
  assert.equal(encodedLength(length, chunkSize, { payload: mode === 'unsigned-trailer' ? 'unsigned' : 'signed', checksum, algorithm }), body.length, what)
  assert.equal(R.encodedLength(length, chunkSize, { mode, algorithm, trailer: checksum }), body.length, what)
  const scope = R.credentialScope(algorithm, AMZ, REGION, 's3')
  const seedSignature = /Signature=([0-9a-f]+)/.exec(out.headers.authorization)[1]
  const keys = R.streamingKeys(algorithm, CREDS, AMZ, REGION, 's3')
  const decoded = R.decodeChunked(body, {
    mode, algorithm, amzDate: AMZ, scope, seedSignature, ...keys,
    trailerNames: checksum ? [R.checksumTrailerName(checksum)] : [], decodedLength: length, chunkSize,
  })
  assert.ok(decoded.decoded.equals(data), what)
  if (algorithm === R.V4 && mode !== 'unsigned-trailer') {
    let previous = seedSignature
    const sizes = [...decoded.chunkSizes, 0]
    let at = 0
    for (const [i, size] of sizes.entries()) {
      const sts = R.chunkStringToSign({ algorithm, amzDate: AMZ, scope, previous, chunk: data.subarray(at, at + size) })
      const theirs = Buffer.from(await smithy.sign(sts, { signingDate: DATE })).toString()
      assert.equal(decoded.chunkSignatures[i], theirs, `${what}: chunk ${i}`)
      previous = theirs
      at += size
    }
    if (checksum) {
      const sts = R.trailerStringToSign({ algorithm, amzDate: AMZ, scope, previous, trailers: decoded.trailers })
      assert.equal(decoded.trailerSignature, await smithy.sign(sts, { signingDate: DATE }), `${what}: trailer`)
    }
  }
}

test(`differential: ${RUNS} SigV4 uploads, every mode and checksum, against the reference decoder and smithy`, async () => {
  const rng = makeRng(0x5eed15)
  const checksums = [undefined, ...R.CHECKSUM_ALGORITHMS]
  for (let i = 0; i < RUNS; i++) {
    const mode = R.MODES[i % R.MODES.length]
    const checksum = mode === 'signed' ? undefined : checksums[1 + (i % (checksums.length - 1))]
    await differential(rng, { algorithm: R.V4, mode, checksum })
  }
})

test('differential: SigV4a uploads (chunk and trailer signatures verify under the public key)', async () => {
  const rng = makeRng(0x5eed4a)
  for (let i = 0; i < Math.max(30, RUNS / 20); i++) {
    const mode = R.MODES[i % R.MODES.length]
    await differential(rng, { algorithm: R.V4A, mode, checksum: mode === 'signed' ? undefined : 'crc64nvme' })
  }
})

test('a host that takes only SigV4a (a Multi-Region Access Point) frames for SigV4a by itself', async () => {
  const data = Buffer.alloc(20000, 3)
  const out = await signChunked({ method: 'PUT', url: 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/k', body: data },
    { credentials: CREDS, signingDate: DATE, chunkSize: 8192, checksum: 'crc32' })
  assert.equal(out.headers['x-amz-content-sha256'], R.payloadMarker('signed-trailer', R.V4A))
  assert.equal(out.headers['x-amz-region-set'], '*')
  const body = await collect(out.body)
  assert.equal(body.length, Number(out.headers['content-length']))
  const seedSignature = /Signature=([0-9a-f]+)/.exec(out.headers.authorization)[1]
  const decoded = R.decodeChunked(body, {
    mode: 'signed-trailer', algorithm: R.V4A, amzDate: AMZ, scope: R.credentialScope(R.V4A, AMZ, '*', 's3'), seedSignature,
    ...R.streamingKeys(R.V4A, CREDS, AMZ, '*', 's3'), trailerNames: ['x-amz-checksum-crc32'], decodedLength: data.length, chunkSize: 8192,
  })
  assert.ok(decoded.decoded.equals(data))
})

test('differential without node:crypto: chunks hashed as browsers hash them (the wasm, crypto.subtle)', async () => {
  const rng = makeRng(0x5eedb0)
  _useNativeHash(false)
  try {
    for (let i = 0; i < Math.max(30, RUNS / 20); i++) {
      const mode = R.MODES[i % R.MODES.length]
      await differential(rng, { algorithm: R.V4, mode, checksum: mode === 'signed' ? undefined : 'sha256' })
    }
  } finally {
    _useNativeHash(true)
  }
})

// The pieces go out as they are given: a source that changes a buffer it
// has yielded and yields it again would change what was signed.
test('a source that yields a buffer again is an error before it is signed; pieces sharing a pool are not', async () => {
  const opts = { credentials: CREDS, signingDate: DATE, chunkSize: 65536 }
  const req = (body, contentLength) => ({ method: 'PUT', url: 'https://b.s3.us-east-1.amazonaws.com/k', body, contentLength })
  for (const pieceSize of [4096, 65536, 100000]) {
    const buf = new Uint8Array(pieceSize)
    const total = 4 * 65536
    let at = 0
    const src = new ReadableStream({
      pull (c) {
        if (at >= total) return c.close()
        const n = Math.min(pieceSize, total - at)
        buf.fill(at & 255)
        at += n
        c.enqueue(buf.subarray(0, n))
      },
    }, { highWaterMark: 0 })
    const out = await signChunked(req(src, total), opts)
    await assert.rejects(collect(out.body), (e) => e instanceof SigV4Error && e.code === 'ERR_BODY' && /already yielded/.test(e.message), `pieces of ${pieceSize}`)
  }
  // Small Buffers share Node's pool: one ArrayBuffer, different bytes.
  const words = Array.from({ length: 5000 }, (_, i) => Buffer.from(`w${i},`))
  assert.ok(words[0].buffer === words[1].buffer, 'pooled')
  const data = Buffer.concat(words)
  const out = await signChunked(req(Readable.from(words), data.length), opts)
  const body = await collect(out.body)
  const decoded = R.decodeChunked(body, {
    mode: 'signed', amzDate: AMZ, scope: R.credentialScope(R.V4, AMZ, 'us-east-1', 's3'),
    seedSignature: /Signature=([0-9a-f]+)/.exec(out.headers.authorization)[1], ...R.streamingKeys(R.V4, CREDS, AMZ, 'us-east-1', 's3'),
    decodedLength: data.length, chunkSize: 65536,
  })
  assert.ok(decoded.decoded.equals(data))
})

test('a body longer or shorter than contentLength fails before the final chunk', async () => {
  for (const [given, declared] of [[100000, 99999], [100000, 100001], [0, 1], [70000, 65536]]) {
    const out = await signChunked({ method: 'PUT', url: 'https://b.s3.us-east-1.amazonaws.com/k', body: Readable.from([Buffer.alloc(given)]), contentLength: declared },
      { credentials: CREDS, signingDate: DATE })
    const seen = []
    await assert.rejects(async () => {
      for await (const p of out.body) seen.push(Buffer.from(p).toString('latin1'))
    }, (e) => e instanceof SigV4Error && e.code === 'ERR_BODY_LENGTH', `${given} vs ${declared}`)
    assert.ok(!seen.some((p) => p.startsWith('0;chunk-signature=')), 'no final chunk')
  }
})

test('bad options are SigV4Errors with codes', async () => {
  const req = { method: 'PUT', url: 'https://b.s3.us-east-1.amazonaws.com/k', body: 'abc' }
  const opts = { credentials: CREDS }
  const cases = [
    [{ chunkSize: 8191 }, 'ERR_CHUNK_SIZE'], [{ chunkSize: 2 ** 24 + 1 }, 'ERR_CHUNK_SIZE'], [{ chunkSize: 1.5 }, 'ERR_CHUNK_SIZE'],
    [{ payload: 'none' }, 'ERR_OPTION'], [{ payload: 'unsigned', checksum: null }, 'ERR_OPTION'],
    [{ checksum: 'md5' }, 'ERR_CHECKSUM'], [{ chunksize: 65536 }, 'ERR_OPTION'], [{ expiresIn: 60 }, 'ERR_OPTION'],
  ]
  for (const [extra, code] of cases) {
    await assert.rejects(signChunked(req, { ...opts, ...extra }), (e) => e instanceof SigV4Error && e.code === code, JSON.stringify(extra))
  }
  await assert.rejects(signChunked({ ...req, body: Readable.from(['x']) }, opts), (e) => e.code === 'ERR_CHUNK_SIZE' && /contentLength/.test(e.message))
  // Still usable.
  const out = await signChunked(req, opts)
  assert.equal((await collect(out.body)).length, Number(out.headers['content-length']))
})

test('backpressure: the source is read at most one chunk ahead of the reader', async () => {
  let produced = 0
  const total = 64 * 65536
  const src = new ReadableStream({
    pull (c) {
      if (produced >= total) return c.close()
      produced += 4096
      c.enqueue(Buffer.alloc(4096))
    },
  }, { highWaterMark: 0 })
  const out = await signChunked({ method: 'PUT', url: 'https://b.s3.us-east-1.amazonaws.com/k', body: src, contentLength: total },
    { credentials: CREDS, signingDate: DATE, chunkSize: 65536 })
  const reader = out.body.getReader()
  let consumed = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    consumed += value.length
    assert.ok(produced <= consumed + 2 * 65536 + 4096, `read ${produced} with ${consumed} taken`)
  }
  assert.equal(produced, total)
})

test('where the host has FixedLengthStream (Workers), the body goes through one of the encoded length', async () => {
  const made = []
  // Workers' class: an identity transform whose readable side has a length.
  globalThis.FixedLengthStream = class extends TransformStream {
    constructor (length) {
      super()
      made.push(length)
    }
  }
  try {
    const data = Buffer.alloc(70000, 7)
    const signed = await signChunked({ method: 'PUT', url: 'https://b.s3.us-east-1.amazonaws.com/k', body: Readable.from([data]), contentLength: data.length },
      { credentials: CREDS, signingDate: DATE, checksum: 'crc32' })
    assert.ok(signed.body instanceof ReadableStream)
    assert.deepEqual(made, [Number(signed.headers['content-length'])])
    assert.equal((await collect(signed.body)).length, made[0])
  } finally {
    delete globalThis.FixedLengthStream
  }
})

test('uploads reach the verifying endpoint intact: signChunked + fetch, and createSignedFetch({ streaming })', async () => {
  const srv = await startVerifyServer({ credentials: CREDS, region: REGION, service: 's3' })
  try {
    const data = Buffer.from(Array.from({ length: 300001 }, (_, i) => (i * 7) & 255))
    for (const [payload, checksum] of [['signed', undefined], ['signed', 'crc32c'], ['unsigned', 'sha256']]) {
      const url = `http://127.0.0.1:${srv.port}/bucket/key`
      const out = await signChunked({ method: 'PUT', url, body: Readable.from([data]), contentLength: data.length, headers: { 'content-type': 'application/octet-stream' } },
        { credentials: CREDS, region: REGION, service: 's3', payload, checksum })
      const res = await fetch(out.url, { method: out.method, headers: out.headers, body: out.body, duplex: 'half' })
      const json = await res.json()
      assert.equal(res.status, 200, JSON.stringify(json))
      assert.equal(json.decodedSha256, sha256(data))
    }
    for (const streaming of ['signed', 'unsigned-trailer']) {
      const signedFetch = createSignedFetch({ credentials: CREDS, region: REGION, service: 's3', streaming, checksum: 'crc32' })
      const res = await signedFetch(`http://127.0.0.1:${srv.port}/bucket/key2`, {
        method: 'PUT', body: Readable.toWeb(Readable.from([data.subarray(0, 100000), data.subarray(100000)])),
        headers: { 'content-length': String(data.length) },
      })
      const json = await res.json()
      assert.equal(res.status, 200, JSON.stringify(json))
      assert.equal(json.decodedSha256, sha256(data))
      assert.equal(json.payloadMode, streaming === 'signed' ? 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER' : 'STREAMING-UNSIGNED-PAYLOAD-TRAILER')
    }
    // A caller's own content-encoding stays, aws-chunked after it.
    const gz = gzipSync(data)
    const out = await signChunked({ method: 'PUT', url: `http://127.0.0.1:${srv.port}/bucket/gz`, body: gz, headers: { 'Content-Encoding': 'gzip' } },
      { credentials: CREDS, region: REGION, service: 's3', checksum: 'crc32' })
    assert.equal(out.headers['content-encoding'], 'gzip,aws-chunked')
    const res = await fetch(out.url, { method: out.method, headers: out.headers, body: out.body, duplex: 'half' })
    const json = await res.json()
    assert.equal(res.status, 200, JSON.stringify(json))
    assert.equal(json.decodedSha256, sha256(gz))
    // A stream with no length is refused before anything is sent.
    const signedFetch = createSignedFetch({ credentials: CREDS, region: REGION, service: 's3', streaming: 'signed' })
    await assert.rejects(signedFetch(`http://127.0.0.1:${srv.port}/b/k`, { method: 'PUT', body: Readable.toWeb(Readable.from([data])) }),
      (e) => e.code === 'ERR_BODY_LENGTH')
  } finally {
    await srv.close()
  }
})
