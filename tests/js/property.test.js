// Property tests (fast-check, issue 6). Over generated requests — any
// method token, unicode and reserved characters and stray '%' in paths and
// queries, repeated and valueless query keys, headers in any case with
// duplicates, unsignable names and whitespace, string bodies with lone
// surrogates, binary bodies, bodies hashed before the call, long and unicode
// secrets, session tokens, any region and service, dates from 1970 to 9999,
// header policies:
//   1. our Authorization and presigned signature equal @smithy/signature-v4's
//      configured to the same policy;
//   2. signing is deterministic for a fixed date, and presign and header
//      signing imply the same canonical request (explain() with and without
//      presign: true), whose string to sign and signature node:crypto
//      recomputes.
// SIGV4_PROP_RUNS (default 10000) runs per property; SIGV4_PROP_SEED fixes
// the seed (default fixed; "random" for a new one, printed on failure with
// the shrunk counterexample).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash, createHmac } from 'node:crypto'
import http from 'node:http'
import fc from 'fast-check'
import { sign, presign, explain } from '../../js/index.js'
import { uriEncode } from './support/gen.mjs'
import { S3_SERVICES, smithyAuthorization, smithyPresignSignature } from './support/smithy.mjs'
import { keyChain } from './support/secrets.mjs'
import { startVerifyServer } from './support/verify-server.mjs'

const RUNS = Number(process.env.SIGV4_PROP_RUNS || 10000)
const SEED = process.env.SIGV4_PROP_SEED === 'random' ? Date.now() : Number(process.env.SIGV4_PROP_SEED || 6062026)

// ---------------------------------------------------------------------------
// Arbitraries

const chars = (s) => fc.constantFrom(...s)
const UNRESERVED = chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~')
const oneChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
const pctEscape = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }).map((b) => `%${b.toString(16).padStart(2, '0')}`),
  fc.tuple(oneChar, fc.boolean()).map(([c, upper]) => {
    const e = encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16)}`)
    return upper ? e : e.toLowerCase()
  }),
)

// Path segments as a client writes them; the URL parser makes the wire form.
const pathSegment = fc.string({
  unit: fc.oneof(
    { arbitrary: UNRESERVED, weight: 8 }, { arbitrary: chars("!$&'()*+,;=:@"), weight: 2 },
    { arbitrary: chars(' %"<>\\^`{|}#?[]'), weight: 1 }, { arbitrary: pctEscape, weight: 2 }, { arbitrary: oneChar, weight: 2 }),
  maxLength: 8,
})
// S3 keys are arbitrary text on the wire as the SDK sends it: uriEncode().
const s3Segment = fc.string({ unit: fc.oneof({ arbitrary: UNRESERVED, weight: 4 }, { arbitrary: oneChar, weight: 1 }), maxLength: 10 })
  .map(uriEncode).filter((s) => s !== '.' && s !== '..')

const queryText = (extra) => fc.string({
  unit: fc.oneof(
    { arbitrary: UNRESERVED, weight: 8 }, { arbitrary: chars(`!$'()*,;:@/?+ %${extra}`), weight: 2 },
    { arbitrary: pctEscape, weight: 2 }, { arbitrary: chars(['%26', '%3D', '%2B', '%23', '%25', '%20']), weight: 1 },
    { arbitrary: oneChar, weight: 1 }),
  maxLength: 8,
})
const queryKey = fc.oneof({ arbitrary: queryText(''), weight: 4 }, { arbitrary: chars(['acl', 'uploads', 'a', 'A', 'b', '%41']), weight: 1 })
  .filter((k) => !/^x-amz-/i.test(k))
// Escapes must decode to UTF-8 (a stray '%' is fine): smithy takes the
// query as decoded strings, so it cannot express '%AA' (we keep the byte).
const decodesToUtf8 = (q) => {
  try {
    decodeURIComponent(q.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'))
    return true
  } catch {
    return false
  }
}
const query = fc.array(fc.tuple(queryKey, fc.option(queryText('='), { nil: null, freq: 5 })), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&'))
  .filter(decodesToUtf8)

// The signer sets these itself (or, for date, smithy drops it): not inputs.
const NOT_INPUT = ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-region-set', 'host', 'x-amz-content-sha256', 'date']
const UNSIGNABLE = ['user-agent', 'x-amzn-trace-id', 'cache-control', 'expect', 'from', 'connection', 'keep-alive', 'max-forwards',
  'pragma', 'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'proxy-x', 'sec-fetch-mode', 'Sec-CH-UA']
const SIGNABLE = ['content-type', 'Content-Type', 'accept', 'x-amz-meta-a', 'X-Amz-Meta-A', 'x-custom', 'range', 'content-md5']
const headerName = fc.oneof(chars(SIGNABLE), chars(UNSIGNABLE), fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,20}$/))
  .filter((n) => !NOT_INPUT.includes(n.toLowerCase()))
const headerValue = fc.string({
  unit: fc.oneof({ arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), weight: 8 },
    { arbitrary: chars(' \t'), weight: 3 }, { arbitrary: chars('\v\f\x01\x1f\x7f'), weight: 1 }),
  maxLength: 24,
})
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 })

const body = fc.oneof(
  { arbitrary: fc.constantFrom(null, ''), weight: 2 },
  { arbitrary: fc.string({ unit: fc.oneof(oneChar, chars(['\ud800', '\udfff'])), maxLength: 300 }), weight: 3 },
  { arbitrary: fc.uint8Array({ maxLength: 3000 }).map((a) => a.subarray(Math.min(1, a.length))), weight: 3 },
  // Past the size at which the glue hashes bodies before the call.
  { arbitrary: fc.integer({ min: 1000, max: 140_000 }).map((n) => new Uint8Array(n).map((_, i) => (i * 31) >>> 3)), weight: 1 },
)

const credentials = fc.record({
  accessKeyId: fc.oneof(chars(['AKIDEXAMPLE', 'AKIAIOSFODNN7EXAMPLE']), fc.stringMatching(/^[A-Z0-9]{1,32}$/)),
  // Some longer than an HMAC block (the key chain hashes those first).
  secretAccessKey: fc.oneof(chars(['wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', 'another-secret']),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 100 })),
  sessionToken: fc.option(fc.stringMatching(/^[!-~]{1,100}$/), { nil: undefined }),
}, { requiredKeys: ['accessKeyId', 'secretAccessKey'] })

const scope = fc.oneof(
  fc.record({ service: chars(S3_SERVICES), s3: fc.constant(true) }),
  fc.record({
    service: fc.oneof(chars(['execute-api', 'sqs', 'es']), fc.stringMatching(/^[A-Za-z0-9._-]{1,63}$/))
      .filter((s) => !S3_SERVICES.includes(s) && s !== 'iotdevicegateway'),
    s3: fc.constant(false),
  }),
).chain((s) => fc.record({
  service: fc.constant(s.service),
  s3: fc.constant(s.s3),
  region: fc.oneof(chars(['us-east-1', 'eu-west-1']), fc.stringMatching(/^[A-Za-z0-9._*-]{1,63}$/)),
  signContentSha256: s.s3 ? fc.constant(true) : fc.boolean(),
}))

const signingDate = fc.oneof(chars([new Date('2026-11-23T09:41:27Z'), new Date('2015-08-30T12:36:00Z')]),
  fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }))

// A caller's x-amz-content-sha256 header is the payload hash (signed).
const contentSha = fc.option(fc.oneof(fc.constant('UNSIGNED-PAYLOAD'), fc.stringMatching(/^[0-9a-f]{64}$/)), { nil: undefined, freq: 8 })

const request = fc.record({
  method: fc.oneof(chars(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']), fc.stringMatching(/^[A-Z][A-Z0-9!#$%&'*+.^_`|~-]{0,11}$/)),
  origin: fc.tuple(chars(['https', 'http']), fc.domain(), fc.option(fc.integer({ min: 1, max: 65535 }))),
  scope,
  segments: fc.array(pathSegment, { maxLength: 5 }),
  s3Segments: fc.array(s3Segment, { maxLength: 4 }),
  trailingSlash: fc.boolean(),
  query,
  headers,
  contentSha,
  body,
  credentials,
  signingDate,
  signableHeaders: fc.subarray(['user-agent', 'cache-control', 'expect', 'proxy-x', 'sec-fetch-mode']),
  unsignableHeaders: fc.subarray(['content-type', 'x-custom', 'accept', 'x-amz-meta-a']),
  expiresIn: fc.integer({ min: 1, max: 604800 }),
}).map((g) => {
  const [scheme, host, port] = g.origin
  const url = new URL(`${scheme}://${host}${port === null ? '' : `:${port}`}`)
  const segs = g.scope.s3 ? g.s3Segments : g.segments
  url.pathname = `/${segs.join('/')}${segs.length && g.trailingSlash ? '/' : ''}`
  if (g.query) url.search = `?${g.query}`
  const hs = g.contentSha === undefined ? g.headers : [...g.headers, ['x-amz-content-sha256', g.contentSha]]
  return {
    req: { method: g.method, url: url.href, headers: hs, body: g.body },
    policy: {
      credentials: g.credentials, region: g.scope.region, service: g.scope.service, signingDate: g.signingDate,
      s3: g.scope.s3, signContentSha256: g.scope.signContentSha256,
      signableHeaders: g.signableHeaders, unsignableHeaders: g.unsignableHeaders, expiresIn: g.expiresIn,
    },
  }
})

// The same policy in our options.
function ours ({ credentials, region, service, signingDate, s3, signContentSha256, signableHeaders, unsignableHeaders, expiresIn }) {
  return { credentials, region, service, signingDate, s3, signContentSha256, signableHeaders, unsignableHeaders, expiresIn }
}

const bodyHash = (body) => createHash('sha256').update(body ?? '').digest('hex')

function show ({ req, policy }) {
  let creq
  try {
    creq = explain(req, ours(policy)).canonicalRequest
  } catch (e) {
    creq = `(explain threw ${e})`
  }
  return `\n${req.method} ${req.url}\nheaders ${JSON.stringify(req.headers)}\nbody ${typeof req.body} ${req.body?.length ?? ''}\n` +
    `policy ${JSON.stringify({ ...policy, credentials: { ...policy.credentials } })}\nour canonical request:\n${creq}`
}

const params = { numRuns: RUNS, seed: SEED, includeErrorInReport: true }

// ---------------------------------------------------------------------------
// Regressions fast-check found, shrunk, with the wire as the oracle: a
// loopback server re-verifies what arrives (support/verify-server.mjs).
// Sent with node:http: Node's fetch cannot send a header named __proto__.

function send (url, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, (res) => {
      let text = ''
      res.on('data', (c) => { text += c })
      res.on('end', () => resolve({ status: res.statusCode, text }))
    })
    req.on('error', reject)
    for (const name of Object.keys(headers)) req.setHeader(name, headers[name])
    req.end()
  })
}

test('regression: headers named __proto__ or constructor, and repeated headers with spaces, arrive as signed', async () => {
  const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
  const srv = await startVerifyServer({ credentials: creds })
  try {
    for (const headers of [
      [['__proto__', 'v']], // seed 138750546: signed, but missing from signed.headers
      [['constructor', 'v']], // returned as "function Object() { [native code] },v"
      [['x-a', ' a '], ['X-A', ' b  c ']], // returned " a , b  c ": received as "a , b c", signed "a,b c"
    ]) {
      const signed = sign({ url: `${srv.url}/r`, headers }, { credentials: creds, region: 'us-east-1', service: 'execute-api' })
      assert.ok(Object.hasOwn(signed.headers, headers[0][0].toLowerCase()), `${headers[0][0]} is in signed.headers`)
      const res = await send(signed.url, signed.headers)
      assert.equal(res.status, 200, `${JSON.stringify(headers)}: ${res.text}`)
    }
  } finally {
    await srv.close()
  }
})

// ---------------------------------------------------------------------------
// 1. Equal to smithy

test(`${RUNS} generated requests: Authorization and presigned signature equal smithy's (seed ${SEED})`, async () => {
  await fc.assert(fc.asyncProperty(request, async (c) => {
    const { req, policy } = c
    const mine = sign(req, ours(policy)).headers.authorization
    const theirs = await smithyAuthorization(req, policy)
    assert.equal(mine, theirs, `Authorization differs:${show(c)}`)
    // Presigned: every header stays a signed header; the body hash is
    // signed (for S3 given explicitly: its presigned URLs default to
    // UNSIGNED-PAYLOAD); a caller's x-amz-content-sha256 is not presign input.
    const preq = { ...req, headers: req.headers.filter(([n]) => n.toLowerCase() !== 'x-amz-content-sha256') }
    const popts = { ...ours(policy), payloadHash: policy.s3 ? bodyHash(req.body) : undefined }
    const url = presign(preq, popts)
    assert.equal(new URL(url).searchParams.get('X-Amz-Signature'), await smithyPresignSignature(preq, policy),
      `presigned signature differs:${show({ req: preq, policy })}`)
  }), params)
})

// ---------------------------------------------------------------------------
// 2. Deterministic; presign and header signing agree

// The query parameters presigning adds to the canonical query.
const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-Security-Token', 'X-Amz-SignedHeaders']
// The headers header signing adds that presigning moves to the query or drops.
const MOVED_HEADERS = ['x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']

const trimAll = (v) => v.replace(/[ \t]+/g, ' ').replace(/^ | $/g, '')

function parseCanonical (creq) {
  const lines = creq.split('\n')
  const blank = lines.indexOf('', 3)
  return {
    method: lines[0],
    path: lines[1],
    query: lines[2] === '' ? [] : lines[2].split('&'),
    headers: lines.slice(3, blank),
    signedHeaders: lines[blank + 1],
    payload: lines[blank + 2],
    lineCount: lines.length,
    blank,
  }
}

function checkExplained (x, keys, label) {
  const creq = parseCanonical(x.canonicalRequest)
  assert.equal(creq.lineCount, creq.blank + 3, `${label}: canonical request shape`)
  assert.equal(creq.signedHeaders, creq.headers.map((h) => h.slice(0, h.indexOf(':'))).join(';'), `${label}: signed headers = canonical header names`)
  const sts = x.stringToSign.split('\n')
  assert.equal(sts[0], 'AWS4-HMAC-SHA256', label)
  assert.equal(sts[3], createHash('sha256').update(Buffer.from(x.canonicalRequest, 'latin1')).digest('hex'), `${label}: hash of the canonical request`)
  assert.equal(x.signature, createHmac('sha256', keys.kSigning).update(x.stringToSign).digest('hex'), `${label}: HMAC(kSigning, string to sign)`)
  return { creq, sts }
}

test(`${RUNS} generated requests: deterministic; presign and header signing imply the same canonical request (seed ${SEED})`, async () => {
  let other = null
  await fc.assert(fc.property(request, (c) => {
    const { req, policy } = c
    const opts = ours(policy)
    const first = sign(req, opts)
    // Another signature in between (another key, another arena content).
    if (other) sign(other.req, ours(other.policy))
    other = c
    assert.deepEqual(sign(req, opts), first, `sign is not deterministic:${show(c)}`)
    assert.equal(presign(req, opts), presign(req, opts), `presign is not deterministic:${show(c)}`)

    const seconds = Math.floor(policy.signingDate.getTime() / 1000)
    const day = new Date(seconds * 1000).toISOString().slice(0, 10).replace(/-/g, '')
    const keys = keyChain(policy.credentials.secretAccessKey, day, policy.region, policy.service)
    const h = explain(req, opts)
    const p = explain(req, { ...opts, presign: true })
    assert.equal(h.authorization, first.headers.authorization, `explain's Authorization is sign's:${show(c)}`)
    const { creq: hc, sts: hs } = checkExplained(h, keys, `header signing${show(c)}`)
    const { creq: pc, sts: ps } = checkExplained(p, keys, `presign${show(c)}`)

    assert.equal(pc.method, hc.method)
    assert.equal(pc.path, hc.path, `same canonical path:${show(c)}`)
    assert.deepEqual(pc.query.filter((kv) => !PRESIGN_PARAMS.includes(kv.slice(0, kv.indexOf('=')))), hc.query, `same canonical query but presign's own:${show(c)}`)
    assert.deepEqual(pc.headers, hc.headers.filter((kv) => !MOVED_HEADERS.includes(kv.slice(0, kv.indexOf(':')))), `same canonical headers but the moved ones:${show(c)}`)
    assert.deepEqual(hs.slice(0, 3), ps.slice(0, 3), 'same date and scope')

    // What sign() returns, sent one line per name, is what was signed: each
    // signed header is there, and the receiver's trim and fold of that line
    // gives the canonical value.
    for (const line of hc.headers) {
      const name = line.slice(0, line.indexOf(':'))
      if (name === 'host') continue
      assert.ok(Object.hasOwn(first.headers, name), `${name} is signed but not in signed.headers:${show(c)}`)
      assert.equal(trimAll(first.headers[name]), line.slice(name.length + 1), `signed.headers['${name}'] is not what was signed:${show(c)}`)
    }

    // Payload: the caller's hash, else the body's; presigned S3 URLs sign
    // UNSIGNED-PAYLOAD unless a hash was given.
    const given = req.headers.find(([n]) => n.toLowerCase() === 'x-amz-content-sha256')?.[1]
    assert.equal(hc.payload, given ?? bodyHash(req.body), 'header signing payload hash')
    assert.equal(pc.payload, given ?? (S3_SERVICES.includes(policy.service) ? 'UNSIGNED-PAYLOAD' : bodyHash(req.body)), 'presign payload hash')

    // The presigned URL carries what the canonical query says.
    const q = new URL(p.url).searchParams
    assert.equal(q.get('X-Amz-Date'), first.headers['x-amz-date'])
    assert.equal(q.get('X-Amz-Credential'), /Credential=([^,]+),/.exec(first.headers.authorization)[1])
    assert.equal(q.get('X-Amz-SignedHeaders'), pc.signedHeaders)
    assert.equal(q.get('X-Amz-Expires'), String(policy.expiresIn))
    assert.equal(q.get('X-Amz-Signature'), p.signature)
  }), params)
})
