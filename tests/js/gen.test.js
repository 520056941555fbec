import { test } from 'node:test'
import assert from 'node:assert/strict'
import { SignatureV4, getCanonicalQuery, getCanonicalHeaders } from '@smithy/signature-v4'
import { Hash } from '@smithy/hash-node'
import { makeRng, genRequest, toSmithyRequest } from './support/gen.mjs'
import { parseRawQuery, percentDecode } from './support/rawquery.mjs'
import { inferScope } from '../../js/infer.js'

const Sha256 = Hash.bind(null, 'sha256')
const N = 1000
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'])
const many = (seed, n = N) => {
  const rng = makeRng(seed)
  return Array.from({ length: n }, () => genRequest(rng))
}
const REQS = many(20240601)

// ------------------------------------------------------------------ PRNG

test('makeRng: deterministic, in range, helpers inclusive', () => {
  const a = makeRng(99)
  const b = makeRng(99)
  const xs = Array.from({ length: 1000 }, () => a())
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()))
  assert.ok(xs.every((x) => x >= 0 && x < 1))
  assert.notDeepEqual(xs.slice(0, 10), Array.from({ length: 10 }, makeRng(100)))
  const r = makeRng('seed-as-string')
  const ints = new Set(Array.from({ length: 500 }, () => r.int(3, 5)))
  assert.deepEqual([...ints].sort(), [3, 4, 5])
  assert.deepEqual(Array.from({ length: 5 }, makeRng('x')), Array.from({ length: 5 }, makeRng('x')))
})

// ------------------------------------------------------------- generator

test('same seed -> same requests; different seed -> different requests', () => {
  assert.deepEqual(many(20240601, 200), REQS.slice(0, 200))
  assert.notDeepEqual(many(20240602, 50), REQS.slice(0, 50))
})

test(`${N} generated requests all parse with new URL and serialise stably`, () => {
  for (const [i, r] of REQS.entries()) {
    let u
    assert.doesNotThrow(() => { u = new URL(r.url); }, `#${i} ${r.url}`)
    assert.equal(u.href, r.url, `#${i} not in WHATWG serialised form`)
    assert.equal(u.protocol, 'https:')
  }
})

test('shape: methods, services, hosts consistent with inferScope, bodies', () => {
  for (const [i, r] of REQS.entries()) {
    const msg = `#${i} ${r.method} ${r.url}`
    assert.ok(METHODS.has(r.method), msg)
    assert.deepEqual(inferScope(new URL(r.url)), { service: r.service, region: r.region }, msg)
    assert.ok(r.body === null || typeof r.body === 'string' || r.body instanceof Uint8Array, msg)
    if (r.body != null) assert.ok(r.body.length <= 3000, msg)
    if (r.method === 'GET' || r.method === 'HEAD') assert.ok(!r.body, `${msg}: body on ${r.method}`)
    if (typeof r.body === 'string') assert.match(r.body, /^[\x20-\x7e\u0080-\u{10ffff}]*$/u, msg)
  }
})

test('paths: no dot-segments, no //; S3 paths only unreserved, / and uppercase %XX', () => {
  for (const [i, r] of REQS.entries()) {
    const p = new URL(r.url).pathname
    const msg = `#${i} ${r.service} ${p}`
    assert.ok(p.startsWith('/'), msg)
    assert.ok(!p.includes('//'), msg)
    for (const seg of p.split('/')) assert.ok(!/^(?:\.|%2e){1,2}$/i.test(seg), msg)
    if (r.service === 's3') assert.match(p, /^(?:\/(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*)+$/, msg)
    // every %XX in the path must decode to valid UTF-8
    assert.doesNotThrow(() => decodeURIComponent(p), msg)
  }
})

test('headers: ASCII-printable values (plus spaces/tabs), names from the pools', () => {
  for (const [i, r] of REQS.entries()) {
    assert.ok(Array.isArray(r.headers) && r.headers.length <= 9, `#${i}`)
    for (const [name, value] of r.headers) {
      assert.match(name, /^(content-type|content-language|accept|x-amz-meta-[a-z0-9]+|x-custom-[a-z0-9]+|user-agent|x-amzn-trace-id|cache-control|expect)$/i, `#${i} ${name}`)
      assert.match(value, /^[\x20-\x7e\t]*$/, `#${i} ${name}: ${JSON.stringify(value)}`)
    }
  }
})

test('coverage: the generator exercises every feature it promises', () => {
  const count = (pred) => REQS.filter(pred).length
  const urls = REQS.map((r) => new URL(r.url))
  const has = {
    s3: count((r) => r.service === 's3'),
    port: urls.filter((u) => u.port).length,
    valueless: urls.filter((u) => u.search.slice(1).split('&').some((p) => p && !p.includes('='))).length,
    emptyValue: urls.filter((u) => /(?:^\?|&)[^&=]+=(?:&|$)/.test(u.search)).length,
    repeatedKey: REQS.filter((r) => Object.values(parseRawQuery(new URL(r.url).search.slice(1))).some(Array.isArray)).length,
    plus: urls.filter((u) => u.search.includes('+')).length,
    pct20: urls.filter((u) => u.search.includes('%20')).length,
    lowerHexPath: urls.filter((u) => /%(?:[0-9][a-f]|[a-f][0-9a-f])/.test(u.pathname)).length,
    reservedPath: urls.filter((u) => /[!$&'()*+,;=:@]/.test(u.pathname)).length,
    unicodePath: urls.filter((u) => /%F0%9F/.test(u.pathname)).length,
    dupHeaderCase: count((r) => {
      const lower = r.headers.map(([n]) => n.toLowerCase())
      return r.headers.some(([n], i) => lower.indexOf(n.toLowerCase()) !== i && r.headers[lower.indexOf(n.toLowerCase())][0] !== n)
    }),
    tabs: count((r) => r.headers.some(([, v]) => v.includes('\t'))),
    emptyHeader: count((r) => r.headers.some(([, v]) => v === '')),
    unsignable: count((r) => r.headers.some(([n]) => /^(user-agent|x-amzn-trace-id|cache-control|expect)$/i.test(n))),
    bytes: count((r) => r.body instanceof Uint8Array),
    json: count((r) => typeof r.body === 'string' && r.body.startsWith('{')),
    nullBody: count((r) => r.body === null),
    emptyBody: count((r) => r.body === ''),
    lambdaUrl: count((r) => r.url.includes('.lambda-url.')),
    china: count((r) => r.region.startsWith('cn-')),
    trailingSlash: urls.filter((u) => u.pathname.length > 1 && u.pathname.endsWith('/')).length,
  }
  if (process.env.GEN_STATS) console.log(has)
  for (const [k, v] of Object.entries(has)) assert.ok(v >= 10, `feature ${k} seen only ${v} times in ${N}`)
  assert.ok(has.s3 > N * 0.14 && has.s3 < N * 0.26, `s3 share ${has.s3}/${N}`)
  for (const m of METHODS) assert.ok(count((r) => r.method === m) > 50, `method ${m}`)
})

// -------------------------------------------------------- toSmithyRequest

test(`toSmithyRequest + smithy signs all ${N} requests without throwing`, async () => {
  const signingDate = new Date('2024-06-01T12:34:56Z')
  for (const [i, r] of REQS.entries()) {
    const signer = new SignatureV4({
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      region: r.region, service: r.service, sha256: Sha256,
      uriEscapePath: r.service !== 's3', applyChecksum: false,
    })
    const req = toSmithyRequest(r)
    const signed = await signer.sign(req, { signingDate })
    const m = /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240601\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(signed.headers.authorization)
    assert.ok(m, `#${i} ${signed.headers.authorization}`)
    assert.deepEqual([m[1], m[2]], [r.region, r.service])
    const expected = [...new Set(r.headers.map(([n]) => n.toLowerCase())
      .filter((n) => !/^(user-agent|x-amzn-trace-id|cache-control|expect)$/.test(n))
      .concat(['host', 'x-amz-date']))].sort()
    assert.equal(m[3], expected.join(';'), `#${i} signed headers`)
  }
})

test('toSmithyRequest: wire path verbatim, host with port, body as given', () => {
  const body = new Uint8Array([1, 2, 3])
  const s = toSmithyRequest({ method: 'PUT', url: 'https://sqs.us-east-1.amazonaws.com:8443/a%20b/%c3%a9!/', headers: [], body })
  assert.equal(s.path, '/a%20b/%c3%a9!/')
  assert.equal(s.headers.host, 'sqs.us-east-1.amazonaws.com:8443')
  assert.equal(s.hostname, 'sqs.us-east-1.amazonaws.com')
  assert.equal(s.port, 8443)
  assert.equal(s.body, body)
  assert.equal(toSmithyRequest({ method: 'GET', url: 'https://iam.amazonaws.com/', headers: [], body: null }).body, undefined)
})

test('toSmithyRequest: "?acl" canonicalises to "acl=" (smithy drops null-valued keys)', () => {
  const s = toSmithyRequest({ method: 'GET', url: 'https://b.s3.amazonaws.com/?acl', headers: [], body: null })
  assert.deepEqual({ ...s.query }, { acl: '' })
  assert.equal(getCanonicalQuery(s), 'acl=')
  // The smithy behaviour that forces this choice:
  assert.equal(getCanonicalQuery({ query: { acl: null } }), '')
  assert.equal(getCanonicalQuery({ query: { a: [null, 'v'] } }), 'a=null&a=v')
})

test('toSmithyRequest: query decoding rules (+ a space by default or literal, %20, repeats, case of hex)', () => {
  const url = 'https://sqs.us-east-1.amazonaws.com/?b=2&a=x+y&b=1&c=%20&d=%2b%2B&e&e=&f=%C3%A9&k%3D=v%26'
  const literal = toSmithyRequest({ method: 'GET', url, headers: [], body: null }, { queryForm: false })
  assert.deepEqual({ ...literal.query }, { b: ['2', '1'], a: 'x+y', c: ' ', d: '++', e: ['', ''], f: 'é', 'k=': 'v&' })
  assert.equal(getCanonicalQuery(literal), 'a=x%2By&b=1&b=2&c=%20&d=%2B%2B&e=&e=&f=%C3%A9&k%3D=v%26')
  const form = toSmithyRequest({ method: 'GET', url, headers: [], body: null })
  assert.deepEqual({ ...form.query }, { ...literal.query, a: 'x y' })
  assert.equal(getCanonicalQuery(form), 'a=x%20y&b=1&b=2&c=%20&d=%2B%2B&e=&e=&f=%C3%A9&k%3D=v%26')
})

test('toSmithyRequest: duplicate headers trimmed, joined with "," in order; whitespace collapsed by smithy', () => {
  const s = toSmithyRequest({ method: 'GET', url: 'https://sqs.us-east-1.amazonaws.com/', body: null, headers: [
    ['X-Dup', ' b '], ['x-dup', 'a'], ['X-DUP', '\tc\t'], ['x-ws', ' \t a \t\t b  c '], ['x-empty', ''], ['x-blank', ' \t '],
  ] })
  assert.equal(s.headers['x-dup'], 'b,a,c')
  const canon = getCanonicalHeaders(s)
  assert.equal(canon['x-dup'], 'b,a,c')
  assert.equal(canon['x-ws'], 'a b c')
  assert.equal(canon['x-empty'], '')
  assert.equal(canon['x-blank'], '')
  // Raw (untrimmed) joining would leave a space before the comma:
  const raw = toSmithyRequest({ method: 'GET', url: 'https://sqs.us-east-1.amazonaws.com/', body: null,
    headers: [['x-dup', 'a '], ['x-dup', ' b']] }, { trimDuplicates: false })
  assert.equal(getCanonicalHeaders(raw)['x-dup'], 'a , b')
  // smithy on its own does not merge case-variant names: the later key in sort order wins.
  assert.deepEqual(getCanonicalHeaders({ headers: { 'X-A': '1', 'x-a': '2' } }), { 'x-a': '2' })
})

test('smithy canonical path: double-encoded and normalised for non-S3, verbatim for S3', () => {
  const creds = { accessKeyId: 'A', secretAccessKey: 'S' }
  const path = (service, p) => new SignatureV4({ credentials: creds, region: 'us-east-1', service, sha256: Sha256,
    uriEscapePath: service !== 's3' }).createCanonicalRequest({ method: 'GET', path: p, query: {} }, {}, 'X').split('\n')[1]
  assert.equal(path('sqs', '/a%20b/!/é'), '/a%2520b/%21/%C3%A9')
  assert.equal(path('sqs', '/a//b/./c/../d/'), '/a/b/d/')
  assert.equal(path('s3', '/a%20b//./c'), '/a%20b//./c')
})

test('rawquery: percentDecode keeps invalid escapes, decodes either hex case, U+FFFD for bad UTF-8', () => {
  assert.equal(percentDecode('a%zz%4'), 'a%zz%4')
  assert.equal(percentDecode('%41%6a%6A'), 'Ajj')
  assert.equal(percentDecode('%E2%82%AC€'), '€€')
  assert.equal(percentDecode('%E9'), '\ufffd')
  assert.deepEqual({ ...parseRawQuery('&&a=1&&=x&X-Amz-Signature=s', { exclude: (k) => k === 'X-Amz-Signature' }) },
    { a: '1', '': 'x' })
})
