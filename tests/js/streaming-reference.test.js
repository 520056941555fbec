// The aws-chunked and event-signing reference (support/streaming-reference.mjs)
// checked before anything is checked against it:
// - it reproduces the published vectors: the S3 documentation's chunked and
//   trailer uploads, aws-c-auth's chunked (V4 and V4A) and event vectors,
//   smithy-typescript's and smithy-rs' event vectors;
// - its chunk, trailer and event signatures equal @smithy/signature-v4's
//   (signString over the same strings to sign, signEvent) on random inputs;
// - its decoder takes back what its encoder makes, in every mode, and
//   refuses each kind of damage with its own reason.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'
import { Hash } from '@smithy/hash-node'
import * as R from './support/streaming-reference.mjs'
import { publicKeyFromXY, sigv4aPublicKey } from './support/sigv4a-kdf.mjs'
import { read } from './support/vectors.mjs'
import { makeRng } from './support/gen.mjs'

const sha = (s) => createHash('sha256').update(s).digest('hex')
const S3DOC = Object.fromEntries(JSON.parse(read('s3-doc-examples.json')).examples.map((e) => [e.name, e]))
const CHUNKED = JSON.parse(read('aws-c-auth/extra/chunked-signing.json'))
const AMZ = '20130524T000000Z'
const DOC_CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const DOC_BODY = Buffer.alloc(66560, 'a')
const credsOf = (c) => ({ accessKeyId: c.access_key_id, secretAccessKey: c.secret_access_key })
const msOf = (amzDate) => Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'))

// ------------------------------------------------------------ published vectors

// A vector's seed (request) signature from its canonical request, checked.
function checkedSeed (v, amzDate, canonicalRequest, stringToSign, signature) {
  const scope = R.credentialScope(R.V4, amzDate, v.region, v.service)
  const keys = R.streamingKeys(R.V4, credsOf(v.credentials), amzDate, v.region, v.service)
  const sts = R.requestStringToSign(R.V4, amzDate, scope, canonicalRequest)
  assert.equal(sts, stringToSign)
  const seed = R.signString(R.V4, keys, sts)
  assert.equal(seed, signature)
  return { scope, keys, seed }
}

for (const [name, mode, trailer] of [['chunked-put-object', 'signed'], ['chunked-put-object-with-trailer', 'signed-trailer', 'crc32c']]) {
  test(`S3 documentation: ${name}`, () => {
    const ex = S3DOC[name]
    const x = ex.expected
    const marker = ex.request.headers.find(([n]) => n === 'x-amz-content-sha256')[1]
    assert.deepEqual(R.parsePayloadMarker(marker), { mode, algorithm: R.V4 })
    assert.equal(R.payloadMarker(mode), marker)
    const { scope, keys, seed } = checkedSeed(ex, AMZ, x.canonical_request, x.string_to_sign, x.seed_signature)

    const e = R.encodeChunked(DOC_BODY, { mode, amzDate: AMZ, scope, seedSignature: seed, ...keys, checksum: trailer })
    assert.deepEqual(e.chunkSignatures, x.chunks.map((c) => c.signature))
    assert.deepEqual(e.chunkSizes, [65536, 1024])
    let previous = seed
    let off = 0
    for (const c of x.chunks) {
      const chunk = DOC_BODY.subarray(off, off + c.size)
      off += c.size
      assert.equal(R.chunkStringToSign({ amzDate: AMZ, scope, previous, chunk }), c.string_to_sign)
      assert.ok(e.body.includes(`${c.chunk_header}\r\n`), c.chunk_header)
      previous = c.signature
    }
    const length = mode === 'signed' ? x.encoded_content_length : 66946
    assert.equal(e.body.length, length)
    assert.equal(R.encodedLength(66560, 65536, { mode, trailer }), length)
    if (trailer) {
      const t = x.trailer
      assert.deepEqual(e.trailers, ex.request.trailers)
      assert.equal(R.checksum('crc32c', DOC_BODY), 'sOO8/Q==')
      assert.equal(R.canonicalTrailers(e.trailers), t.canonical_trailers)
      assert.equal(R.trailerStringToSign({ amzDate: AMZ, scope, previous, trailers: e.trailers }), t.string_to_sign)
      assert.equal(e.trailerSignature, t.signature)
      assert.ok(e.body.subarray(-t.wire_bytes_after_final_chunk.length).equals(Buffer.from(t.wire_bytes_after_final_chunk)))
    } else {
      const end = Buffer.from(`${x.chunks[2].chunk_header}\r\n\r\n`)
      assert.ok(e.body.subarray(-end.length).equals(end))
    }
    const d = R.decodeChunked(e.body, {
      mode, amzDate: AMZ, scope, seedSignature: seed, ...keys, decodedLength: 66560, chunkSize: 65536,
      trailerNames: trailer ? ['x-amz-checksum-crc32c'] : [],
    })
    assert.ok(d.decoded.equals(DOC_BODY))
    assert.deepEqual(d.chunkSizes, [65536, 1024])
    assert.deepEqual(d.chunkSignatures, e.chunkSignatures)
  })
}

test('aws-c-auth chunked-signing: V4 chunks and the three trailing headers (df5735bd...)', () => {
  const v = CHUNKED.sigv4_chunked
  const t = CHUNKED.sigv4_trailing_headers
  const scope = R.credentialScope(R.V4, AMZ, CHUNKED.common.region, CHUNKED.common.service)
  const keys = R.streamingKeys(R.V4, credsOf(CHUNKED.common.credentials), AMZ, CHUNKED.common.region, CHUNKED.common.service)
  assert.equal(R.canonicalTrailers(t.trailing_headers), t.canonical_trailers)
  assert.equal(sha(t.canonical_trailers), t.canonical_trailers_sha256)
  const previous = v.chunk_signatures[2]
  assert.equal(R.trailerStringToSign({ amzDate: AMZ, scope, previous, trailers: t.trailing_headers }), t.string_to_sign)
  assert.equal(R.signString(R.V4, keys, t.string_to_sign), t.trailing_headers_signature)
  // The same through the encoder: chunk signatures do not depend on the mode.
  const e = R.encodeChunked(DOC_BODY, { mode: 'signed-trailer', amzDate: AMZ, scope, seedSignature: v.seed_signature, ...keys, trailers: t.trailing_headers })
  assert.deepEqual(e.chunkSignatures, v.chunk_signatures)
  assert.equal(e.trailerSignature, t.trailing_headers_signature)
  const d = R.decodeChunked(e.body, { mode: 'signed-trailer', amzDate: AMZ, scope, seedSignature: v.seed_signature, ...keys, trailerNames: ['first', 'second', 'third'], decodedLength: 66560 })
  assert.deepEqual(d.trailers, t.trailing_headers)
})

for (const [part, mode] of [['sigv4a_chunked', 'signed'], ['sigv4a_trailing_headers', 'signed-trailer']]) {
  test(`aws-c-auth chunked-signing: ${part} signed with the derived key, verified with the published key`, () => {
    const v = CHUNKED[part]
    const pub = CHUNKED.sigv4a_chunked.verification_public_key
    const publicKey = publicKeyFromXY(pub.X, pub.Y)
    const jwk = sigv4aPublicKey(DOC_CREDS.accessKeyId, DOC_CREDS.secretAccessKey).export({ format: 'jwk' })
    assert.deepEqual([Buffer.from(jwk.x, 'base64url').toString('hex'), Buffer.from(jwk.y, 'base64url').toString('hex')], [pub.X, pub.Y])
    assert.equal(v.signed_body_value, R.payloadMarker(mode, R.V4A))
    const scope = R.credentialScope(R.V4A, AMZ, 'us-east-1', 's3')
    assert.equal(scope, '20130524/s3/aws4_request')
    const sts = R.requestStringToSign(R.V4A, AMZ, scope, v.expected_canonical_request)
    assert.equal(sts, v.expected_string_to_sign)
    const { privateKey } = R.streamingKeys(R.V4A, DOC_CREDS, AMZ, 'us-east-1', 's3')
    const seed = R.signString(R.V4A, { privateKey }, sts)
    assert.ok(R.verifyString(R.V4A, { publicKey }, sts, seed))

    const trailers = mode === 'signed' ? [] : CHUNKED.sigv4_trailing_headers.trailing_headers
    const e = R.encodeChunked(DOC_BODY, { mode, algorithm: R.V4A, amzDate: AMZ, scope, seedSignature: seed, privateKey, trailers })
    const trailer = trailers.map(([n, val]) => [n, val.length])
    assert.equal(e.body.length, R.encodedLength(66560, 65536, { mode, algorithm: R.V4A, trailer }))
    const wire = [...e.body.toString('latin1').matchAll(/(?:chunk-signature=|x-amz-trailer-signature:)([^\r]*)\r\n/g)].map((m) => m[1])
    assert.equal(wire.length, 3 + (mode === 'signed' ? 0 : 1))
    for (const w of wire) assert.match(w, /^[0-9a-f]{140,144}\**$/, 'padded with * to 144')
    for (const w of wire) assert.equal(w.length, 144)
    // Each chunk string to sign is the published template with the previous (trimmed) signature.
    const template = CHUNKED.sigv4a_chunked.chunk_string_to_sign_template
    let previous = seed
    e.chunkSignatures.forEach((sig, i) => {
      const chunkSts = template.replace('{previous signature, DER hex with \'*\' padding trimmed}', previous).replace('{sha256(chunk)}', CHUNKED.sigv4a_chunked.chunk_sha256[i])
      assert.ok(R.verifyString(R.V4A, { publicKey }, chunkSts, sig), `chunk ${i}`)
      previous = sig
    })
    if (mode !== 'signed') {
      const trailerSts = v.trailer_string_to_sign_template.replace('{final chunk signature, trimmed}', previous)
      assert.ok(R.verifyString(R.V4A, { publicKey }, trailerSts, e.trailerSignature))
    }
    const d = R.decodeChunked(e.body, { mode, algorithm: R.V4A, amzDate: AMZ, scope, seedSignature: seed, publicKey, trailerNames: trailers.map(([n]) => n), decodedLength: 66560 })
    assert.ok(d.decoded.equals(DOC_BODY))
  })
}

test('aws-c-auth event-signing: the seed and the four event signatures', () => {
  const v = JSON.parse(read('aws-c-auth/extra/event-signing.json'))
  const init = v.initial_request
  const amz = '19810116T063000Z'
  assert.equal(msOf(amz), Date.parse(init.timestamp))
  let previous = checkedSeed(v, amz, init.expected_canonical_request, init.expected_string_to_sign, init.expected_signature).seed
  for (const ev of v.events) {
    const dateMs = msOf(ev.signing_time)
    assert.equal(R.encodeDateHeader(dateMs).toString('hex'), ev.encoded_date_header_hex)
    const evSts = R.eventStringToSign({ amzDate: ev.signing_time, scope: R.credentialScope(R.V4, ev.signing_time, v.region, v.service), previous, dateMs, payload: ev.payload_bytes })
    assert.equal(evSts, ev.expected_string_to_sign)
    previous = R.signString(R.V4, R.streamingKeys(R.V4, credsOf(v.credentials), ev.signing_time, v.region, v.service), evSts)
    assert.equal(previous, ev.expected_signature)
  }
})

test('smithy-typescript event-signing: empty prior signature, :date unlike the signing date', () => {
  const v = JSON.parse(read('smithy-typescript/event-signing.json'))
  const headers = Buffer.from(v.event.encoded_headers_hex, 'hex')
  const dateMs = Number(headers.readBigInt64BE(7))
  assert.equal(dateMs, 1546045446000)
  assert.ok(R.encodeDateHeader(dateMs).equals(headers))
  const scope = R.credentialScope(R.V4, AMZ, v.region, v.service)
  const sts = R.eventStringToSign({ amzDate: AMZ, scope, previous: v.prior_signature, dateMs, payload: v.event.payload_utf8 })
  assert.equal(sts, v.expected_string_to_sign)
  assert.equal(R.signString(R.V4, R.streamingKeys(R.V4, credsOf(v.credentials), AMZ, v.region, v.service), sts), v.expected_signature)
  const s = v.string_signing_vector
  assert.equal(R.signString(R.V4, { signingKey: R.signingKey(s.credentials.secret_access_key, s.date, s.region, s.service) }, s.string_to_sign), s.expected_signature)
})

test('smithy-rs event-stream: the string to sign over a real encoded message', () => {
  const v = JSON.parse(read('smithy-rs/event-stream.json'))
  const amz = '19731129T213309Z'
  const dateMs = 123456789 * 1000
  assert.equal(R.encodeDateHeader(dateMs).toString('hex'), v.encoded_date_header_hex)
  const previous = sha('last message sts')
  assert.equal(v.prior_signature, `sha256_hex('last message sts') = ${previous}`)
  const sts = R.eventStringToSign({ amzDate: amz, scope: R.credentialScope(R.V4, amz, v.region, v.service), previous, dateMs, payload: Buffer.from(v.message.encoded_message_hex, 'hex') })
  assert.equal(sts, v.expected_string_to_sign)
})

test('checksums: the check values of "123456789" and the S3 example', () => {
  const want = {
    crc32: 'cbf43926', crc32c: 'e3069283', crc64nvme: 'ae8b14860a799888',
    sha1: 'f7c3bc1d808e04732adf679965ccc34ca7ae3441',
    sha256: '15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225',
  }
  assert.deepEqual(R.CHECKSUM_ALGORITHMS, Object.keys(want))
  for (const [a, hex] of Object.entries(want)) {
    assert.equal(R.checksum(a, '123456789'), Buffer.from(hex, 'hex').toString('base64'), a)
    assert.equal(R.checksum(a, '').length, R.checksumLength(a), a)
    assert.equal(R.checksumTrailerName(a), `x-amz-checksum-${a}`)
  }
  assert.equal(Buffer.from(R.checksum('crc32c', DOC_BODY), 'base64').toString('hex'), 'b0e3bcfd')
  assert.throws(() => R.checksum('md5', ''), TypeError)
})

// ------------------------------------------------------------ against @smithy/signature-v4

const smithyOf = (creds, region, service) => new SignatureV4({ credentials: creds, region, service, sha256: Hash.bind(null, 'sha256') })

test('300 random chunk, trailer and event signatures equal @smithy/signature-v4 signString / signEvent', async () => {
  const rng = makeRng('streaming-reference vs smithy')
  const word = (n, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-') => Array.from({ length: n }, () => rng.pick(alphabet)).join('')
  const randomBytes = (n) => Buffer.from(Array.from({ length: n }, () => rng.int(0, 255)))
  for (let i = 0; i < 300; i++) {
    const creds = { accessKeyId: `AKID${word(12).toUpperCase()}`, secretAccessKey: word(rng.int(1, 60), 'ABCxyz019/+=') }
    const region = rng.pick(['us-east-1', 'eu-west-3', 'ap-south-2', word(rng.int(1, 20))])
    const service = rng.pick(['s3', 's3express', 'transcribe', word(rng.int(1, 20))])
    const ms = rng.int(0, 253402300799) * 1000
    const amzDate = new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '')
    const signingDate = new Date(ms)
    const scope = R.credentialScope(R.V4, amzDate, region, service)
    const keys = R.streamingKeys(R.V4, creds, amzDate, region, service)
    const smithy = smithyOf(creds, region, service)
    const previous = sha(randomBytes(8))
    const chunk = randomBytes(rng.pick([0, 1, rng.int(2, 5000)]))
    const chunkSts = R.chunkStringToSign({ amzDate, scope, previous, chunk })
    assert.equal(R.signString(R.V4, keys, chunkSts), await smithy.sign(chunkSts, { signingDate }), `chunk ${i}`)
    const trailers = Array.from({ length: rng.int(0, 3) }, () => [`x-${word(rng.int(1, 12))}`, word(rng.int(0, 30), 'abcXYZ019+/= ')])
    const trailerSts = R.trailerStringToSign({ amzDate, scope, previous, trailers })
    assert.equal(R.signString(R.V4, keys, trailerSts), await smithy.sign(trailerSts, { signingDate }), `trailer ${i}`)
    const dateMs = rng.int(0, 2 ** 45)
    const payload = randomBytes(rng.int(0, 300))
    const priorSignature = rng.chance(0.1) ? '' : previous
    const eventSts = R.eventStringToSign({ amzDate, scope, previous: priorSignature, dateMs, payload })
    const theirs = await smithy.sign({ headers: new Uint8Array(R.encodeDateHeader(dateMs)), payload: new Uint8Array(payload) }, { signingDate, priorSignature })
    assert.equal(R.signString(R.V4, keys, eventSts), theirs, `event ${i}`)
  }
})

// ------------------------------------------------------------ the decoder

const SMALL = { accessKeyId: 'AKIDSTREAMING', secretAccessKey: 'stream/secret+key' }
const SMALL_AMZ = '20240229T235959Z'

function setup (mode, algorithm = R.V4) {
  const scope = R.credentialScope(algorithm, SMALL_AMZ, 'eu-west-1', 's3')
  const keys = R.streamingKeys(algorithm, SMALL, SMALL_AMZ, 'eu-west-1', 's3')
  const seedSignature = R.signString(algorithm, keys, R.requestStringToSign(algorithm, SMALL_AMZ, scope, `seed ${mode}`))
  const common = { mode, algorithm, amzDate: SMALL_AMZ, scope, seedSignature }
  return {
    encode: (data, o = {}) => R.encodeChunked(data, { ...common, ...keys, ...o }),
    // The verifier knows only the public key (V4A) or the signing key (V4).
    decode: (body, o = {}) => R.decodeChunked(body, { ...common, signingKey: keys.signingKey, publicKey: keys.publicKey, ...o }),
  }
}
const data = (n, seed = n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) & 255))
const VARIANTS = [
  ['signed', R.V4], ['signed', R.V4A], ['signed-trailer', R.V4], ['signed-trailer', R.V4A], ['unsigned-trailer', R.V4],
]

test('decoder: every mode round-trips, with each checksum, at every size around the chunk size', () => {
  let n = 0
  for (const [mode, algorithm] of VARIANTS) {
    const { encode, decode } = setup(mode, algorithm)
    const checksums = mode === 'signed' ? [undefined] : [undefined, ...R.CHECKSUM_ALGORITHMS]
    for (const chunkSize of [1, 26, 8192]) {
      for (const size of [0, 1, chunkSize - 1, chunkSize, chunkSize + 1, 3 * chunkSize + 5].filter((s) => s >= 0)) {
        for (const checksum of checksums) {
          const body = data(size)
          const e = encode(body, { chunkSize, checksum })
          const trailerNames = checksum ? [R.checksumTrailerName(checksum)] : []
          assert.equal(e.body.length, R.encodedLength(size, chunkSize, { mode, algorithm, trailer: checksum }), `${mode} ${algorithm} ${size}/${chunkSize} ${checksum}`)
          const d = decode(e.body, { decodedLength: size, chunkSize, trailerNames })
          assert.ok(d.decoded.equals(body))
          assert.deepEqual(d.chunkSizes, R.chunkSizes(size, chunkSize))
          assert.deepEqual(d.trailers, e.trailers)
          n++
        }
      }
    }
  }
  assert.ok(n > 200, `${n} round trips`)
})

test('decoder: several trailers, a caller-named trailer and a checksum, signed and unsigned', () => {
  for (const [mode, algorithm] of VARIANTS.filter(([m]) => m !== 'signed')) {
    const { encode, decode } = setup(mode, algorithm)
    const trailers = [['x-amz-meta-a', 'one'], ['Other', '  two words ']]
    const e = encode(data(1000), { chunkSize: 300, trailers, checksum: 'sha256' })
    assert.equal(e.body.length, R.encodedLength(1000, 300, { mode, algorithm, trailer: e.trailers.map(([n, v]) => [n, v.length]) }))
    const d = decode(e.body, { trailerNames: ['x-amz-checksum-sha256', 'x-amz-meta-a', 'other'], decodedLength: 1000 })
    assert.deepEqual(d.trailers, [['x-amz-meta-a', 'one'], ['other', 'two words'], ['x-amz-checksum-sha256', R.checksum('sha256', data(1000))]])
  }
})

// Where each chunk's frame starts and its data starts, in a well-formed body.
function frames (body) {
  const out = []
  let pos = 0
  for (;;) {
    const end = body.indexOf('\r\n', pos)
    const size = parseInt(body.toString('latin1', pos, end).split(';')[0], 16)
    out.push({ start: pos, data: end + 2, size, end: size ? end + 4 + size : end + 2 })
    if (!size) return out
    pos = end + 4 + size
  }
}
const splice = (buf, at, remove, insert = '') => Buffer.concat([buf.subarray(0, at), Buffer.from(insert), buf.subarray(at + remove)])
const flip = (buf, at) => { const b = Buffer.from(buf); b[at] ^= 1; return b }
function refuses (fn, reason, what) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof R.ChunkedError, `${what}: ${e}`)
    assert.equal(e.reason, reason, `${what}: ${e.message}`)
    return true
  })
}

test('decoder: the reasons are distinct', () => {
  assert.equal(new Set(Object.values(R.REASONS)).size, Object.keys(R.REASONS).length)
})

for (const [mode, algorithm] of VARIANTS) {
  const signed = mode !== 'unsigned-trailer'
  const trailer = mode !== 'signed'
  test(`decoder refuses damage: ${mode} ${algorithm}`, () => {
    const { encode, decode } = setup(mode, algorithm)
    const body = data(100)
    const opts = { chunkSize: 26, checksum: trailer ? 'crc32c' : undefined }
    const e = encode(body, opts)
    const expect = { decodedLength: 100, chunkSize: 26, trailerNames: trailer ? ['x-amz-checksum-crc32c'] : [] }
    const dec = (b, o) => decode(b, { ...expect, ...o })
    dec(e.body)
    const f = frames(e.body)
    assert.deepEqual(f.map((x) => x.size), [26, 26, 26, 22, 0])
    const dataChange = signed ? R.REASONS.chunkSignature : R.REASONS.checksum

    // A flipped bit in every data byte of every chunk.
    for (const fr of f) for (let i = 0; i < fr.size; i++) refuses(() => dec(flip(e.body, fr.data + i)), dataChange, `flip ${fr.data + i}`)
    // A dropped chunk; two chunks swapped.
    for (let i = 0; i < 4; i++) {
      const dropped = splice(e.body, f[i].start, f[i].end - f[i].start)
      refuses(() => dec(dropped), signed ? R.REASONS.chunkSignature : R.REASONS.decodedLength, `drop ${i}`)
    }
    const swapped = Buffer.concat([e.body.subarray(0, f[0].start), e.body.subarray(f[1].start, f[1].end), e.body.subarray(f[0].start, f[0].end), e.body.subarray(f[1].end)])
    refuses(() => dec(swapped), signed ? R.REASONS.chunkSignature : R.REASONS.checksum, 'swap')
    // Every truncation.
    for (let n = 0; n < e.body.length; n++) refuses(() => dec(e.body.subarray(0, n)), R.REASONS.incomplete, `truncated to ${n}`)

    // Framing: upper-case hex, leading zeros, bare LF, missing CRLF after data, bytes after the end.
    refuses(() => dec(splice(e.body, 0, 2, '1A')), R.REASONS.malformed, 'upper-case')
    refuses(() => dec(splice(e.body, 0, 0, '0')), R.REASONS.malformed, 'leading zero')
    refuses(() => dec(splice(e.body, 0, 2, 'x1a')), R.REASONS.malformed, 'not hex')
    refuses(() => dec(splice(e.body, f[0].data - 2, 1)), R.REASONS.malformed, 'header ends in LF')
    refuses(() => dec(splice(e.body, f[0].data + 26, 1)), R.REASONS.malformed, 'data ends in LF')
    refuses(() => dec(splice(e.body, f[0].data + 26, 2)), R.REASONS.malformed, 'data without CRLF')
    refuses(() => dec(splice(e.body, e.body.length - 2, 2)), R.REASONS.incomplete, 'no final CRLF')
    refuses(() => dec(Buffer.concat([e.body, Buffer.from('x')])), R.REASONS.malformed, 'a byte after the end')
    refuses(() => dec(Buffer.concat([e.body, Buffer.from('\r\n')])), R.REASONS.malformed, 'CRLF after the end')
    // Lengths.
    refuses(() => dec(e.body, { decodedLength: 101 }), R.REASONS.decodedLength, 'decoded length +1')
    refuses(() => dec(e.body, { decodedLength: 99 }), R.REASONS.decodedLength, 'decoded length -1')
    refuses(() => dec(encode(body, { ...opts, split: [26, 20, 26, 28] }).body), R.REASONS.chunkSize, 'short middle chunk')
    refuses(() => dec(encode(body, { ...opts, split: [26, 26, 26, 22] }).body, { chunkSize: 32 }), R.REASONS.chunkSize, 'chunk size not the expected')
    refuses(() => dec(encode(body, { ...opts, chunkSize: 30 }).body, { chunkSize: 26 }), R.REASONS.chunkSize, 'larger chunks')

    if (signed) {
      // The chain: a wrong seed, a wrong key, the final chunk's signature.
      refuses(() => dec(e.body, { seedSignature: e.chunkSignatures[0] }), R.REASONS.chunkSignature, 'wrong seed')
      const other = R.streamingKeys(algorithm, { ...SMALL, secretAccessKey: 'other' }, SMALL_AMZ, 'eu-west-1', 's3')
      refuses(() => dec(e.body, { signingKey: other.signingKey, publicKey: other.publicKey }), R.REASONS.chunkSignature, 'wrong key')
      refuses(() => dec(e.body, { amzDate: '20240229T235958Z' }), R.REASONS.chunkSignature, 'wrong date')
      const finalSig = f[4].start + 2 + ';chunk-signature='.length - 1
      refuses(() => dec(splice(e.body, finalSig, 1, e.body[finalSig] === 0x30 ? '1' : '0')), R.REASONS.chunkSignature, 'final signature')
      refuses(() => dec(splice(e.body, f[0].start + 2, ';chunk-signature='.length, ';chunk-signaturE=')), R.REASONS.malformed, 'extension name')
      refuses(() => dec(splice(e.body, f[0].start + 2, 1, ':')), R.REASONS.malformed, 'extension separator')
      if (algorithm === R.V4A) {
        // V4A signatures not exactly 144 characters are refused.
        for (const fr of f) {
          const at = fr.start + fr.size.toString(16).length + ';chunk-signature='.length
          const sig = e.body.toString('latin1', at, (fr.size ? fr.data : fr.end) - 2)
          assert.equal(sig.length, 144)
          const bad = [sig.replace(/\*+$/, ''), sig.slice(0, -1), `${sig}*`, sig.replace(/\*/g, '0')]
          for (const b of bad.filter((x) => x !== sig)) refuses(() => dec(splice(e.body, at, sig.length, b)), b.length === 144 ? R.REASONS.chunkSignature : R.REASONS.malformed, `padding ${b}`)
        }
      }
    } else {
      refuses(() => dec(splice(e.body, f[0].data - 2, 0, ';chunk-signature=00')), R.REASONS.malformed, 'an extension in an unsigned chunk')
    }

    if (trailer) {
      const after = f[4].end
      const tail = e.body.toString('latin1', after)
      const value = R.checksum('crc32c', body)
      assert.equal(tail, `x-amz-checksum-crc32c:${value}\r\n${signed ? `x-amz-trailer-signature:${R.padSignature(e.trailerSignature, algorithm)}\r\n` : ''}\r\n`)
      const withTail = (t) => Buffer.concat([e.body.subarray(0, after), Buffer.from(t)])
      // A wrong value on the wire: the signature catches it when there is one.
      const wrong = tail.replace(value, R.checksum('crc32c', 'x'))
      refuses(() => dec(withTail(wrong)), signed ? R.REASONS.trailerSignature : R.REASONS.checksum, 'changed checksum')
      // A wrong checksum, correctly signed.
      refuses(() => dec(encode(body, { chunkSize: 26, trailers: [['x-amz-checksum-crc32c', R.checksum('crc32c', 'x')]] }).body), R.REASONS.checksum, 'signed wrong checksum')
      refuses(() => dec(encode(body, { chunkSize: 26, trailers: [['x-amz-checksum-md5', 'AAAA']] }).body, { trailerNames: ['x-amz-checksum-md5'] }), R.REASONS.trailer, 'unknown checksum')
      // Missing, other and extra trailers.
      const noTrailer = tail.replace(/^x-amz-checksum-crc32c:[^\r]*\r\n/, '')
      refuses(() => dec(withTail(noTrailer)), R.REASONS.trailer, 'trailer missing')
      refuses(() => dec(e.body, { trailerNames: ['x-amz-checksum-crc32'] }), R.REASONS.trailer, 'other trailer expected')
      refuses(() => dec(e.body, { trailerNames: [] }), R.REASONS.trailer, 'no trailer expected')
      refuses(() => dec(withTail(`x-amz-checksum-crc32c:${value}\r\n${tail}`)), R.REASONS.trailer, 'trailer twice')
      refuses(() => dec(withTail(`no-colon\r\n${tail}`)), R.REASONS.trailer, 'trailer without colon')
      refuses(() => dec(withTail(tail.replace(/\r\n\r\n$/, '\r\n'))), R.REASONS.incomplete, 'no blank line')
      if (signed) {
        const sigLine = /x-amz-trailer-signature:[^\r]*\r\n/
        refuses(() => dec(withTail(tail.replace(sigLine, ''))), R.REASONS.trailerSignatureMissing, 'signature missing')
        refuses(() => dec(withTail(tail.replace(/(x-amz-trailer-signature:)(.)/, (_, a, c) => a + (c === '0' ? '1' : '0')))), R.REASONS.trailerSignature, 'signature changed')
        refuses(() => dec(withTail(tail.replace(/(x-amz-trailer-signature:)./, '$1Z'))), R.REASONS.trailer, 'signature malformed')
        refuses(() => dec(withTail(tail.replace(/\r\n\r\n$/, '\r\nx-late:1\r\n\r\n'))), R.REASONS.trailer, 'trailer after the signature')
      } else {
        refuses(() => dec(withTail(tail.replace(/\r\n$/, `x-amz-trailer-signature:${'0'.repeat(64)}\r\n\r\n`))), R.REASONS.trailer, 'signature in unsigned')
      }
    } else {
      refuses(() => dec(e.body, { trailerNames: ['x-amz-checksum-crc32c'] }), R.REASONS.trailer, 'x-amz-trailer without a trailer mode')
      refuses(() => dec(splice(e.body, e.body.length - 2, 0, 'x:1\r\n')), R.REASONS.malformed, 'a trailer in a mode without')
    }
  })
}
