// The loopback verifier's aws-chunked path (support/verify-server.mjs:
// verify() and the reference decoder both): the seed request is signed by
// @smithy/signature-v4 (and -v4a), the body framed and signed by
// support/streaming-reference.mjs, sent with node:http and with fetch (a
// Buffer, and a stream with duplex: 'half'). Good uploads arrive with the
// decoded bytes' hash; damaged ones are refused (403) with the reference
// decoder's reason, and by verify() too (code) unless said otherwise.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { SignatureV4 } from '@smithy/signature-v4'
import { SignatureV4a } from '@smithy/signature-v4a'
import { HttpRequest } from '@smithy/protocol-http'
import { Hash } from '@smithy/hash-node'
import * as R from './support/streaming-reference.mjs'
import { startVerifyServer } from './support/verify-server.mjs'

const CREDS = { accessKeyId: 'AKIDCHUNKED', secretAccessKey: 'chunked/Secret+Key0123' }
const DATE = new Date('2024-02-29T23:59:59Z')
const AMZ = '20240229T235959Z'
const REGION = 'eu-west-1'
const sha256 = (b) => createHash('sha256').update(b).digest('hex')
const bytesOf = (n, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + (i >> 8)) & 255))

let srv
before(async () => { srv = await startVerifyServer({ credentials: CREDS, region: REGION, service: 's3', keepDecoded: true }) })
after(async () => { await srv.close() })

/**
 * A signed aws-chunked PUT: { headers, body, seed, encoded }.
 * headers: extra or replaced headers before signing (undefined removes one);
 * decodedLength: the declared length (default the data's); tamper(body, encoded) -> body.
 */
async function prepare ({
  mode = 'signed', algorithm = R.V4, data = bytesOf(150000), chunkSize = 65536, checksum, trailers,
  headers: extra = {}, decodedLength = data.length, secret = CREDS.secretAccessKey, tamper,
}) {
  const trailerNames = [...(trailers ?? []).map(([n]) => n), ...(checksum ? [R.checksumTrailerName(checksum)] : [])]
  const headers = {
    host: `127.0.0.1:${srv.port}`,
    'content-encoding': 'aws-chunked',
    'x-amz-content-sha256': R.payloadMarker(mode, algorithm),
    'x-amz-decoded-content-length': String(decodedLength),
    ...(trailerNames.length ? { 'x-amz-trailer': trailerNames.join(',') } : {}),
    ...extra,
  }
  for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k]
  const request = new HttpRequest({ method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', port: srv.port, path: '/bucket/key', headers })
  const Signer = algorithm === R.V4A ? SignatureV4a : SignatureV4
  const signer = new Signer({
    credentials: { ...CREDS, secretAccessKey: secret }, region: REGION, service: 's3',
    sha256: Hash.bind(null, 'sha256'), uriEscapePath: false, applyChecksum: false,
  })
  const signed = await signer.sign(request, { signingDate: DATE })
  const seed = /Signature=([0-9a-f]+)/.exec(signed.headers.authorization)[1]
  const keys = R.streamingKeys(algorithm, CREDS, AMZ, REGION, 's3')
  const encoded = R.encodeChunked(data, {
    mode, algorithm, chunkSize, amzDate: AMZ, scope: R.credentialScope(algorithm, AMZ, REGION, 's3'),
    seedSignature: seed, ...keys, checksum, trailers,
  })
  const outHeaders = { ...signed.headers }
  delete outHeaders.host
  return { headers: outHeaders, body: tamper ? tamper(encoded.body, encoded) : encoded.body, data, encoded }
}

function sendHttp ({ headers, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, method: 'PUT', path: '/bucket/key', headers: { ...headers, 'content-length': body.length } }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(Buffer.concat(chunks).toString()) }))
    })
    req.on('error', reject)
    // In uneven writes, as a streaming client would.
    for (let i = 0; i < body.length; i += 7777) req.write(body.subarray(i, i + 7777))
    req.end()
  })
}

async function sendFetch ({ headers, body }, { stream = false } = {}) {
  let payload = body
  if (stream) {
    let i = 0
    payload = new ReadableStream({
      pull (c) {
        if (i >= body.length) return c.close()
        c.enqueue(new Uint8Array(body.subarray(i, i + 10000)))
        i += 10000
      },
    })
  }
  const res = await fetch(`${srv.url}/bucket/key`, { method: 'PUT', headers, body: payload, ...(stream ? { duplex: 'half' } : {}) })
  return { status: res.status, json: await res.json() }
}

const ok = (r, what) => assert.equal(r.status, 200, `${what}: ${JSON.stringify(r.json)}`)
const refused = (r, reason, what) => {
  assert.equal(r.status, 403, `${what}: expected 403, got ${r.status} ${JSON.stringify(r.json)}`)
  assert.equal(r.json.reason, reason, `${what}: ${JSON.stringify(r.json)}`)
}

const VARIANTS = [
  { mode: 'signed', algorithm: R.V4 },
  { mode: 'signed', algorithm: R.V4A },
  { mode: 'signed-trailer', algorithm: R.V4, checksum: 'crc32c' },
  { mode: 'signed-trailer', algorithm: R.V4A, checksum: 'crc64nvme' },
  { mode: 'unsigned-trailer', algorithm: R.V4, checksum: 'crc32' },
  { mode: 'unsigned-trailer', algorithm: R.V4, checksum: 'sha1' },
  { mode: 'signed-trailer', algorithm: R.V4, checksum: 'sha256', trailers: [['x-amz-meta-note', 'hello']] },
]
const label = (v) => `${v.mode} ${v.algorithm === R.V4A ? 'v4a' : 'v4'}${v.checksum ? ` ${v.checksum}` : ''}`

for (const v of VARIANTS) {
  test(`accepted: ${label(v)}, node:http, fetch with a Buffer and with a stream`, async () => {
    for (const [via, send] of [['http', sendHttp], ['fetch', sendFetch], ['fetch stream', (p) => sendFetch(p, { stream: true })]]) {
      const p = await prepare(v)
      const before = srv.requests.length
      const r = await send(p)
      ok(r, via)
      assert.equal(r.json.payloadMode, R.payloadMarker(v.mode, v.algorithm))
      assert.equal(r.json.decodedLength, p.data.length)
      assert.equal(r.json.decodedSha256, sha256(p.data))
      assert.deepEqual(r.json.chunkSizes, [65536, 65536, 150000 - 131072])
      assert.equal(r.json.chunkCount, 3)
      assert.deepEqual(r.json.trailers, p.encoded.trailers)
      assert.deepEqual(r.json.contentEncoding, [])
      assert.equal(srv.requests.length, before + 1)
      const s = srv.requests.at(-1)
      assert.equal(s.ok, true)
      assert.equal(s.bodyLength, R.encodedLength(p.data.length, 65536, { mode: v.mode, algorithm: v.algorithm, trailer: p.encoded.trailers.map(([n, x]) => [n, x.length]) }))
      assert.ok(s.decoded.equals(p.data), `${via}: the decoded bytes are the data`)
      const framing = s.headers.find(([n]) => /^(content-length|transfer-encoding)$/i.test(n))
      assert.deepEqual(framing, via === 'fetch stream' ? ['transfer-encoding', 'chunked'] : ['content-length', String(s.bodyLength)])
      assert.equal(s.decodedSha256, sha256(p.data))
    }
  })
}

test('accepted: an empty body, a one-byte body, and small chunks', async () => {
  for (const [data, chunkSize] of [[Buffer.alloc(0), 65536], [Buffer.from('x'), 65536], [bytesOf(9000), 8192]]) {
    for (const v of VARIANTS.slice(0, 5)) {
      const r = await sendHttp(await prepare({ ...v, data, chunkSize }))
      ok(r, `${label(v)} ${data.length}`)
      assert.equal(r.json.decodedSha256, sha256(data))
      assert.deepEqual(r.json.chunkSizes, R.chunkSizes(data.length, chunkSize))
    }
  }
})

test("accepted: the caller's own content-encoding before aws-chunked (a real gzip body)", async () => {
  const data = gzipSync(Buffer.from('hello aws-chunked '.repeat(5000)))
  const r = await sendFetch(await prepare({ mode: 'signed-trailer', data, checksum: 'crc32c', headers: { 'content-encoding': 'gzip,aws-chunked' } }), { stream: true })
  ok(r, 'gzip,aws-chunked')
  assert.deepEqual(r.json.contentEncoding, ['gzip'])
  assert.equal(r.json.decodedSha256, sha256(data))
})

// ------------------------------------------------------------ refused

// Where a chunk's frame begins and ends (a well-formed body).
function frame (body, index) {
  let pos = 0
  for (let i = 0; ; i++) {
    const end = body.indexOf('\r\n', pos)
    const size = parseInt(body.toString('latin1', pos, end).split(';')[0], 16)
    const next = size ? end + 4 + size : end + 2
    if (i === index) return { start: pos, data: end + 2, end: next }
    pos = next
  }
}
const flipAt = (at) => (b) => { const c = Buffer.from(b); c[at(b)] ^= 0x20; return c }
const cut = (b, f) => Buffer.concat([b.subarray(0, f.start), b.subarray(f.end)])

const REFUSED = [
  ['a flipped byte in chunk 0', {}, 'ChunkSignatureMismatch', { tamper: flipAt((b) => frame(b, 0).data + 5) }],
  ['a flipped byte in the last chunk', {}, 'ChunkSignatureMismatch', { tamper: flipAt((b) => frame(b, 2).data + 100) }],
  ['a flipped byte, v4a', { algorithm: R.V4A }, 'ChunkSignatureMismatch', { tamper: flipAt((b) => frame(b, 1).data) }],
  ['a flipped byte, unsigned', { mode: 'unsigned-trailer', checksum: 'crc32c' }, 'BadChecksum', { tamper: flipAt((b) => frame(b, 1).data) }],
  ['a dropped chunk', {}, 'ChunkSignatureMismatch', { tamper: (b) => cut(b, frame(b, 1)) }],
  ['a dropped chunk, unsigned', { mode: 'unsigned-trailer', checksum: 'crc32' }, 'DecodedLengthMismatch', { tamper: (b) => cut(b, frame(b, 1)) }],
  ['two chunks swapped', { mode: 'signed-trailer', checksum: 'crc32c' }, 'ChunkSignatureMismatch', {
    tamper: (b) => { const f0 = frame(b, 0); const f1 = frame(b, 1); return Buffer.concat([b.subarray(f1.start, f1.end), b.subarray(f0.start, f0.end), b.subarray(f1.end)]) },
  }],
  ['a truncated body', {}, 'IncompleteBody', { tamper: (b) => b.subarray(0, b.length - 3) }],
  ['bytes after the end', {}, 'MalformedChunk', { tamper: (b) => Buffer.concat([b, Buffer.from('0\r\n')]) }],
  ['upper-case hex', {}, 'MalformedChunk', { data: bytesOf(100), chunkSize: 26, tamper: (b) => Buffer.concat([Buffer.from('1A'), b.subarray(2)]) }],
  ['a wrong checksum, signed', { mode: 'signed-trailer' }, 'BadChecksum', { trailers: [['x-amz-checksum-crc32c', 'AAAAAA==']] }],
  ['a changed trailer value', { mode: 'signed-trailer', checksum: 'crc32c' }, 'TrailerSignatureMismatch', {
    tamper: (b, e) => Buffer.from(b.toString('latin1').replace(`:${e.trailers[0][1]}\r\n`, ':AAAAAA==\r\n'), 'latin1'),
  }],
  ['a missing trailer signature', { mode: 'signed-trailer', checksum: 'crc32c' }, 'TrailerSignatureMissing', {
    tamper: (b) => Buffer.from(b.toString('latin1').replace(/x-amz-trailer-signature:[^\r]*\r\n/, ''), 'latin1'),
  }],
  ['a changed trailer signature, v4a', { mode: 'signed-trailer', algorithm: R.V4A, checksum: 'crc32c' }, 'TrailerSignatureMismatch', {
    tamper: (b) => Buffer.from(b.toString('latin1').replace(/(x-amz-trailer-signature:[0-9a-f]{9})([0-9a-f])/, (_, a, c) => a + (c === '0' ? '1' : '0')), 'latin1'),
  }],
  ['x-amz-trailer naming another checksum', { mode: 'signed-trailer', checksum: 'crc32c' }, 'MalformedTrailerError', { headers: { 'x-amz-trailer': 'x-amz-checksum-crc32' } }],
  ['a declared length one too many', {}, 'DecodedLengthMismatch', { decodedLength: 150001 }],
  ['a declared length one too few', { mode: 'unsigned-trailer', checksum: 'crc32' }, 'DecodedLengthMismatch', { decodedLength: 149999 }],
  ['no x-amz-decoded-content-length', {}, 'MissingDecodedContentLength', { headers: { 'x-amz-decoded-content-length': undefined } }],
  ['no aws-chunked content-encoding', {}, 'InvalidContentEncoding', { headers: { 'content-encoding': 'gzip' } }],
  ['no content-encoding', { mode: 'unsigned-trailer', checksum: 'crc32' }, 'InvalidContentEncoding', { headers: { 'content-encoding': undefined } }],
  ['a V4A payload under a V4 signature', {}, 'AuthorizationHeaderMalformed', { headers: { 'x-amz-content-sha256': R.payloadMarker('signed', R.V4A) } }],
  ['a seed signed with another secret', {}, 'SignatureDoesNotMatch', { secret: 'another' }],
]

for (const [what, variant, reason, extra] of REFUSED) {
  test(`refused (${reason}): ${what}`, async () => {
    const p = await prepare({ ...variant, ...extra })
    refused(await sendHttp(p), reason, `${what} (http)`)
    refused(await sendFetch(p, { stream: true }), reason, `${what} (fetch stream)`)
    const s = srv.requests.at(-1)
    assert.equal(s.ok, false)
    assert.equal(s.reason, reason)
    assert.ok(s.code, 'verify() refuses it too')
  })
}

test('STREAMING-AWS4-HMAC-SHA256-EVENTS is refused: verify() does not check event streams', async () => {
  const p = await prepare({ headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-EVENTS', 'content-encoding': undefined, 'x-amz-decoded-content-length': undefined }, tamper: () => Buffer.from('not aws-chunked') })
  const r = await sendHttp(p)
  assert.equal(r.status, 403)
  assert.equal(r.json.code, 'ERR_UNSIGNED_PAYLOAD')
  assert.equal(srv.requests.at(-1).payloadMode, undefined)
})
