// Secret hygiene: after signing, presigning, explaining and verifying, and after every
// kind of error a call can stop at, neither the secret nor any key of its
// chain (kDate, kRegion, kService, kSigning, their HMAC pad states) is
// anywhere in the module's memory; the JS key cache holds no secret.
// Its own process: the memory helper must see the instance being created.
import { memoryForTests, instancesForTests } from './support/memory.mjs'
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { sign, presign, explain, signChunked, createEventSigner, verify, SigV4Error } from '../../js/index.js'
import { keyChain, secretNeedles, findNeedles } from './support/secrets.mjs'
import { smithyAuthorization } from './support/smithy.mjs'

// What the glue stores in Maps: the key cache is one (not exported, so it
// is watched from here rather than opened up by a test hook in core.js).
const mapWrites = []
const mapSet = Map.prototype.set
Map.prototype.set = function (key, value) {
  if (value?.bytes instanceof Uint8Array) mapWrites.push({ key, value: Buffer.from(value.bytes) })
  return mapSet.call(this, key, value)
}

const signingDate = new Date('2015-08-30T12:36:00Z')
const DAY = '20150830'
const URL0 = 'https://example.amazonaws.com/'

let serial = 0
// A fresh secret and scope per scenario: its needles are its own, and the
// first call derives the key (no cached key yet).
function scenario (service = 'service') {
  serial++
  const secret = `SECRET${serial}wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY`
  const region = `xx-test-${serial}`
  const credentials = { accessKeyId: `AKIDMEMORY${serial}`, secretAccessKey: secret, sessionToken: `token${serial}` }
  const needles = secretNeedles(secret, keyChain(secret, DAY, region, service))
  return { secret, region, service, credentials, needles, options: { credentials, region, service, signingDate } }
}

function assertClean (needles, after) {
  const found = findNeedles(Buffer.from(memoryForTests()), needles)
  assert.deepEqual(found, [], `after ${after}: found in wasm memory`)
}

test('the memory search finds what it looks for (positive control)', () => {
  const s = scenario()
  const keys = keyChain(s.secret, DAY, s.region, s.service)
  const planted = Buffer.concat([Buffer.alloc(100), keys.kSigning.subarray(0, 20), Buffer.alloc(100)])
  assert.deepEqual(findNeedles(planted, s.needles).map((f) => f.split(' at ')[0]), ['kSigning'])
  const words = Buffer.from(keys.kService)
  words.swap32()
  assert.match(findNeedles(Buffer.concat([Buffer.alloc(7), words]), s.needles).join(), /kService \(u32 words\)/)
  assert.match(findNeedles(Buffer.from(`xx${s.secret.slice(5, 30)}xx`), s.needles).join(), /secret/)
})

test('no secret or key in wasm memory after sign, presign and explain', () => {
  const s = scenario()
  const calls = [
    ['sign (key derived)', () => sign({ method: 'POST', url: URL0, body: 'x' }, s.options)],
    ['sign (cached key)', () => sign({ method: 'POST', url: URL0, body: 'x' }, s.options)],
    ['sign, body hashed in the call', () => sign({ method: 'PUT', url: URL0, body: 'b'.repeat(900) }, s.options)],
    ['sign, body hashed before', () => sign({ method: 'PUT', url: URL0, body: new Uint8Array(200_000).fill(7) }, s.options)],
    ['presign', () => presign({ url: URL0 }, s.options)],
    ['explain', () => explain({ url: URL0, headers: { 'x-a': 'b' } }, s.options)],
    ['explain presign', () => explain({ url: URL0 }, { ...s.options, presign: true })],
    ['sign, unsigned payload', () => sign({ url: URL0 }, { ...s.options, unsignedPayload: true })],
  ]
  for (const [name, fn] of calls) {
    fn()
    assertClean(s.needles, name)
  }
  const s3 = scenario('s3')
  sign({ method: 'PUT', url: 'https://bucket.s3.amazonaws.com/key', body: 'data' }, s3.options)
  presign({ url: 'https://bucket.s3.amazonaws.com/key' }, s3.options)
  assertClean(s3.needles, 'S3 sign and presign')
})

test('a rotated secret (same access key id and scope) leaves neither secret behind', async () => {
  const s = scenario()
  sign({ url: URL0 }, s.options)
  const rotated = { ...s.credentials, secretAccessKey: `${s.secret}-rotated` }
  const signed = sign({ url: URL0 }, { ...s.options, credentials: rotated })
  assert.equal(signed.headers.authorization, await smithyAuthorization({ method: 'GET', url: URL0, headers: [], body: null }, { ...s.options, credentials: rotated }))
  assertClean([...s.needles, ...secretNeedles(rotated.secretAccessKey, keyChain(rotated.secretAccessKey, DAY, s.region, s.service))], 'rotation')
})

// Errors at every stage of a call: in JS before the secret is written, in
// JS after it was (the arena overflows late), in C before and after the key
// is derived, and in C's output. Each runs twice: with no cached key (C
// derives one) and with the scope's key cached (JS hands C the cached key).
const midCall = [
  ['ERR_HEADER_VALUE', 'a value above U+00FF late in the list (JS)', (u) => ({ url: u, headers: [...hdrs(50), ['x-z', 'ሴ']] })],
  ['ERR_OPTION', 'a bad header-name list (JS)', (u) => ({ url: u }), { signableHeaders: [1] }],
  ['ERR_BODY', 'an unsupported body (JS)', (u) => ({ method: 'POST', url: u, body: new Blob(['x']) })],
  ['ERR_HEADER_VALUE', 'a line break late in the list (C)', (u) => ({ url: u, headers: [...hdrs(50), ['x-z', 'a\r\nb']] })],
  ['ERR_HEADER_NAME', 'a bad header name late in the list (C)', (u) => ({ url: u, headers: [...hdrs(50), ['x z', 'v']] })],
  ['ERR_HEADER_RESERVED', 'an authorization header (C)', (u) => ({ url: u, headers: { Authorization: 'AWS4-HMAC-SHA256 x' } })],
  ['ERR_QUERY_RESERVED', 'an already presigned URL (C)', (u) => ({ url: `${u}?X-Amz-Signature=00` })],
  ['ERR_PATH', 'a line break in the raw path (C)', (u) => ({ url: u, path: '/a\nb' })],
  ['ERR_METHOD', 'a method with a space (C)', (u) => ({ method: 'GE T', url: u })],
  ['ERR_PAYLOAD_HASH', 'a bad payload hash (C)', (u) => ({ url: u }), { payloadHash: 'nope' }],
  ['ERR_TOKEN', 'a session token with a line break (C)', (u) => ({ url: u }), (s) => ({ credentials: { ...s.credentials, sessionToken: 'a\nb' } })],
  ['ERR_ACCESS_KEY', 'an access key id with a slash (C)', (u) => ({ url: u }), (s) => ({ credentials: { ...s.credentials, accessKeyId: 'AK/ID' } })],
  ['ERR_EXPIRES', 'expiresIn out of range (JS, presign)', (u) => ({ url: u }), { expiresIn: 604801 }, 'presign'],
  ['ERR_SCRATCH', 'a query too large for the scratch space (C, after the key)', (u) => ({ url: `${u}?${'&'.repeat(300_000)}` })],
  ['ERR_SPACE', 'a canonical request too large to capture (C, explain)', (u) => ({ url: u, headers: { 'x-big': 'v'.repeat(1_000_000) } }), {}, 'explain'],
]

function hdrs (n) {
  return Array.from({ length: n }, (_, i) => [`x-h${i}`, `v${i}`])
}

const apis = { sign, presign, explain }

test('no secret or key in wasm memory after an error at any stage of a call', () => {
  for (const [code, what, request, extra = {}, api = 'sign'] of midCall) {
    const s = scenario()
    const options = { ...s.options, ...(typeof extra === 'function' ? extra(s) : extra) }
    for (const cache of ['no cached key', 'cached key']) {
      if (cache === 'cached key') sign({ url: URL0 }, s.options)
      assert.throws(() => apis[api](request(URL0), options), (e) => e instanceof SigV4Error && e.code === code, `${what}: ${code}`)
      assertClean(s.needles, `${code}: ${what}, ${cache}`)
    }
  }
})

// The secret goes into the arena after the request's strings, the body and
// the cached key after it: a request that fills the arena to within a few
// hundred bytes overflows there, in JS, after the secret was written. The
// sizes step across that point (where they stop signing).
test('no secret in wasm memory after the arena overflows just after the secret', () => {
  const s = scenario()
  const needles = s.needles.filter((n) => /^(secret|kSecret|kSigning)/.test(n.label))
  sign({ url: URL0 }, s.options) // a cached key to write after the secret
  const arena = 1 << 20
  const outcomes = new Set()
  for (let fill = arena - 8000; fill < arena; fill += 150) {
    const request = { method: 'PUT', url: URL0, headers: { 'x-fill': 'v'.repeat(fill) }, body: 'b'.repeat(600) }
    try {
      sign(request, s.options)
      outcomes.add('signed')
    } catch (e) {
      assert.ok(e instanceof SigV4Error && e.code === 'ERR_SCRATCH', `${fill}: ${e}`)
      outcomes.add(e.code)
    }
    assertClean(needles, `a ${fill}-byte header value`)
  }
  assert.deepEqual([...outcomes], ['signed', 'ERR_SCRATCH'])
})

test('the key cache is keyed by scope, guarded by a hash of the secret, and holds no secret', () => {
  const s = scenario()
  mapWrites.length = 0
  sign({ url: URL0 }, s.options)
  const entries = mapWrites.filter((w) => typeof w.key === 'string' && w.key.includes(s.credentials.accessKeyId))
  assert.equal(entries.length, 1, 'one cache entry for the new scope')
  const [{ key, value }] = entries
  assert.ok(!key.includes(s.secret), 'the cache key holds the secret')
  assert.ok(key.includes(s.region) && key.includes(s.service), `cache key ${JSON.stringify(key)} names the scope`)
  // The entry is key material for this scope (kSigning, its pad states) and
  // the id of the secret: SHA-256 over a label and the secret (ABI.md).
  const found = findNeedles(value, s.needles).map((f) => f.split(' at ')[0])
  assert.ok(found.includes('kSigning') && found.includes('kSigning ipad state') && found.includes('kSigning opad state'), found.join())
  assert.deepEqual(found.filter((f) => !f.startsWith('kSigning')), [], 'the entry holds the secret or an earlier key of the chain')
  const id = createHash('sha256').update('sigv4w-kid\0').update(s.secret).digest()
  assert.ok(value.includes(id), 'the entry carries the hash of the secret it was made from')
  // The same scope and access key id with another secret: a new entry with another id.
  mapWrites.length = 0
  sign({ url: URL0 }, { ...s.options, credentials: { ...s.credentials, secretAccessKey: 'another secret' } })
  const again = mapWrites.filter((w) => w.key === key)
  assert.equal(again.length, 1)
  assert.ok(!again[0].value.includes(id))
})

test('no secret or key in wasm memory during and after a streamed upload and an event stream', async () => {
  const s = scenario('s3')
  const body = new Uint8Array(150000).fill(7)
  for (const [payload, checksum] of [['signed', undefined], ['signed', 'crc32c'], ['unsigned', 'crc32']]) {
    const out = await signChunked({ method: 'PUT', url: 'https://b.s3.amazonaws.com/k', body }, { ...s.options, payload, checksum })
    assertClean(s.needles, `signChunked (${payload})`)
    const reader = out.body.getReader()
    for (;;) {
      const { done } = await reader.read()
      // After every chunk signed: the key struct went through the arena.
      assertClean(s.needles, `a chunk of a ${payload} upload`)
      if (done) break
    }
  }
  // A failed stream (too short) wipes too.
  const short = await signChunked({ method: 'PUT', url: 'https://b.s3.amazonaws.com/k', body: new Uint8Array(10), contentLength: 11 }, s.options)
  await assert.rejects(short.body.getReader().read(), (e) => e instanceof SigV4Error)
  assertClean(s.needles, 'a body shorter than contentLength')
  const events = createEventSigner({ ...s.options, seedSignature: 'a'.repeat(64) })
  events.sign(new Uint8Array(3000).fill(1), signingDate)
  assertClean(s.needles, 'an event signed')
  events.end(signingDate)
  assertClean(s.needles, 'an event stream ended')
})

// The receiving side: verify() derives (or finds) the key of the claimed
// scope from the secret its lookup gives, and wipes as signing does, in
// every outcome: valid, a mismatch (the key is kept), refused before the
// secret is asked for, with the canonical request captured (debug), and an
// aws-chunked body checked chunk by chunk with a copy of the key.
test('no secret or key in wasm memory after verify(), whatever its verdict', async () => {
  const before = instancesForTests()
  for (const service of ['service', 's3']) {
    const s = scenario(service)
    const url = service === 's3' ? 'https://b.s3.amazonaws.com/k' : URL0
    const check = { credentials: () => s.credentials, region: s.region, service, now: signingDate }
    const signed = sign({ method: 'PUT', url, body: 'data' }, s.options)
    const received = { method: 'PUT', url: signed.url, headers: signed.headers, body: 'data' }
    const cases = [
      ['valid, key derived', received, check, true],
      ['valid, key cached', received, check, true],
      ['signature mismatch', { ...received, body: 'other' }, check, false],
      ['debug capture', received, { ...check, debug: true }, true],
      ['refused before the lookup (skew)', received, { ...check, now: signingDate.getTime() + 3600_000 }, false],
      ['presigned', { method: 'GET', url: presign({ url }, s.options), headers: {} }, check, true],
    ]
    // Another secret's key for the same scope in the cache: verify() derives
    // the key anew, except where the case says it is cached.
    const other = { ...s.options, credentials: { ...s.credentials, secretAccessKey: `${s.secret}-other` } }
    for (const [what, request, options, valid] of cases) {
      if (what !== 'valid, key cached') sign({ url }, other)
      const result = await verify(request, options)
      assert.equal(result.valid, valid, `${service}: ${what}: ${result.code}`)
      assertClean(s.needles, `verify(): ${service}, ${what}`)
    }
  }
  // The receiving module's instance is one of those searched.
  assert.equal(instancesForTests(), before + 1)
  const s = scenario('s3')
  const out = await signChunked({ method: 'PUT', url: 'https://b.s3.amazonaws.com/k', body: new Uint8Array(70000).fill(3) }, s.options)
  const body = new Uint8Array(await new Response(out.body).arrayBuffer())
  const result = await verify({ method: 'PUT', url: out.url, headers: out.headers, body },
    { credentials: () => s.credentials, region: s.region, service: 's3', now: signingDate })
  assert.equal(result.valid, true, result.code)
  assertClean(s.needles, 'verify() of an aws-chunked body')
})
