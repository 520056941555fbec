// verify(): every signed request of the AWS suites and the S3 documentation
// verifies; requests signed by @smithy/signature-v4 (an independent signer)
// and by sign()/presign() verify; tampered and malformed requests do not,
// each with its code (the negative corpus below, each traced to a rule or a
// verifier bug). tests/js/verify-nowasm.test.js runs it all again on
// sigv4-wasm/js (SIGV4_VERIFY_ENTRY=js).
import test from 'node:test'
import assert from 'node:assert/strict'
const entry = process.env.SIGV4_VERIFY_ENTRY === 'js' ? '../../js/index.nowasm.js' : '../../js/index.js'
const { sign, presign, verify, signChunked } = await import(entry)
import * as v4a from '../../js/index.v4a.js'
import { read, exists, listCases, parseRequest } from './support/vectors.mjs'
import { s3DocCases } from './support/suite-cases.mjs'
import { makeRng, genRequest, toSmithyRequest, uriEncode } from './support/gen.mjs'
import { smithySigner } from './support/smithy.mjs'

const COUNT = Number(process.env.SIGV4_DIFF_COUNT || 400)
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const lookup = (creds) => async (akid) => akid === creds.accessKeyId ? creds : null
const signingDate = new Date('2026-11-23T09:41:27Z')
const now = signingDate.getTime()

// A suite's signed request as received: the target verbatim, every header.
function received (text) {
  const r = parseRequest(text)
  const host = r.headers.find(([n]) => n.toLowerCase() === 'host')[1].trim()
  return { method: r.method, url: `https://${host}/`, path: r.target, headers: r.headers, body: r.body }
}

for (const [dir, entry] of [['aws-c-auth/v4', verify], ['aws-c-auth/v4a', v4a.verify]]) {
  test(`${dir}: every signed request verifies, headers and presigned`, async () => {
    let n = 0
    for (const name of listCases(dir)) {
      const ctx = JSON.parse(read(dir, name, 'context.json'))
      const creds = {
        accessKeyId: ctx.credentials.access_key_id,
        secretAccessKey: ctx.credentials.secret_access_key,
        sessionToken: ctx.credentials.token,
      }
      for (const mode of ['header', 'query']) {
        if (!exists(dir, name, `${mode}-signed-request.txt`)) continue
        const r = await entry(received(read(dir, name, `${mode}-signed-request.txt`)), {
          credentials: lookup(creds),
          region: ctx.region,
          service: ctx.service,
          now: new Date(ctx.timestamp),
          normalizePath: ctx.normalize,
          appendSessionToken: !!ctx.omit_session_token,
        })
        assert.equal(r.valid, true, `${name} ${mode}: ${r.code} ${r.message}`)
        assert.equal(r.presigned, mode === 'query')
        assert.equal(r.accessKeyId, creds.accessKeyId)
        n++
      }
    }
    assert.ok(n >= 76, `${n} signed requests`)
  })
}

test('S3 documentation examples (headers and presigned) verify', async () => {
  let n = 0
  for (const c of s3DocCases().filter((c) => !c.name.includes('seed request'))) {
    const creds = c.options.credentials
    const request = c.mode === 'query'
      ? { method: c.request.method, url: c.url, headers: c.request.headers }
      : {
          ...c.request,
          headers: [...c.request.headers, ['x-amz-date', c.stringToSign.split('\n')[1]], ['authorization', c.authorization]],
        }
    const r = await verify(request, { credentials: lookup(creds), region: 'us-east-1', service: 's3', now: new Date(c.options.signingDate) })
    assert.equal(r.valid, true, `${c.name}: ${r.code} ${r.message}`)
    n++
  }
  assert.ok(n >= 4, `${n} examples`)
})

test('the S3 documentation\'s aws-chunked upload verifies, body and all', async () => {
  const e = JSON.parse(read('s3-doc-examples.json')).examples.find((x) => x.name === 'chunked-put-object')
  const text = new TextEncoder()
  const pieces = e.expected.chunks.flatMap((c) => [text.encode(`${c.chunk_header}\r\n`), new Uint8Array(c.size).fill(0x61), text.encode('\r\n')])
  const body = new Uint8Array(await new Blob(pieces).arrayBuffer())
  assert.equal(body.length, e.expected.encoded_content_length)
  const request = {
    method: e.request.method,
    url: `https://${e.request.host}${e.request.path}`,
    headers: [...e.request.headers, ['Authorization', e.expected.authorization]],
    body,
  }
  const options = { credentials: lookup({ accessKeyId: e.credentials.access_key_id, secretAccessKey: e.credentials.secret_access_key }), region: 'us-east-1', service: 's3', now: new Date(e.timestamp) }
  const r = await verify(request, options)
  assert.equal(r.valid, true, `${r.code} ${r.message}`)
  assert.equal(r.body.length, 66560)
  assert.ok(r.body.every((b) => b === 0x61))
  body[body.length - 40] ^= 1 // a digit of the final chunk's signature
  assert.equal((await verify(request, options)).code, 'ERR_CHUNK_SIGNATURE')
})

// The wire form of a request smithy signed: its path, its query (each
// decoded key and value RFC 3986-encoded, as the AWS SDK sends them), its
// headers.
function smithyWire (url, signed) {
  const query = Object.entries(signed.query).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((x) => `${uriEncode(k)}=${uriEncode(x ?? '')}`)).join('&')
  return { method: signed.method, url: `${url.origin}${signed.path}${query ? '?' + query : ''}`, headers: Object.entries(signed.headers) }
}

test(`${COUNT} generated requests signed by smithy verify (headers and presigned); changed, they do not`, async () => {
  const rng = makeRng('sigv4-wasm verify differential')
  const counts = { header: 0, query: 0, s3: 0 }
  for (let i = 0; i < COUNT; i++) {
    const { region, service, ...req } = genRequest(rng)
    const policy = { credentials, region, service }
    const sreq = toSmithyRequest(req)
    const url = new URL(req.url)
    const presigned = i % 2 === 1
    const unhoistableHeaders = new Set(Object.keys(sreq.headers))
    // S3's presigner: the payload UNSIGNED-PAYLOAD, said by a header that
    // smithy moves into the query.
    if (presigned && service === 's3') sreq.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD'
    const signed = presigned
      ? await smithySigner(policy).presign(sreq, { signingDate, expiresIn: 600, unhoistableHeaders })
      : await smithySigner(policy).sign(sreq, { signingDate })
    const wire = { ...smithyWire(url, signed), body: req.body }
    const options = { credentials: lookup(credentials), region, service, now }
    const r = await verify(wire, options)
    assert.equal(r.valid, true, `#${i} ${req.method} ${wire.url}: ${r.code} ${r.message}`)
    counts[presigned ? 'query' : 'header']++
    if (service === 's3') counts.s3++
    // The method changed: no longer what was signed.
    const other = wire.method === 'PATCH' ? 'PUT' : 'PATCH'
    const changed = await verify({ ...wire, method: other }, options)
    assert.equal(changed.code, 'ERR_SIGNATURE_MISMATCH', `#${i} method changed`)
  }
  assert.ok(counts.header > COUNT / 3 && counts.query > COUNT / 3 && counts.s3 > COUNT / 10, JSON.stringify(counts))
})

test(`${COUNT} generated requests signed by sign() and presign() verify`, async () => {
  const rng = makeRng('sigv4-wasm verify round trip')
  for (let i = 0; i < COUNT; i++) {
    const { region, service, ...req } = genRequest(rng)
    const token = i % 3 === 0 ? { sessionToken: 'FwoGZXIvYXdzEXAMPLE//token+with/slashes=' } : {}
    const creds = { ...credentials, ...token }
    const options = { credentials: creds, region, service, signingDate }
    const check = { credentials: lookup(creds), region, service, now }
    const s = sign(req, options)
    const r = await verify({ ...s, body: req.body }, check)
    assert.equal(r.valid, true, `#${i} sign ${req.method} ${req.url}: ${r.code} ${r.message}`)
    assert.equal(r.sessionToken, token.sessionToken)
    const url = presign(req, { ...options, expiresIn: 900 })
    const p = await verify({ method: req.method, url, headers: req.headers, body: req.body }, check)
    assert.equal(p.valid, true, `#${i} presign ${req.method} ${url}: ${p.code} ${p.message}`)
    assert.equal(p.expiresAt.getTime(), Math.floor(now / 1000) * 1000 + 900_000)
  }
})

test('the raw request target is honoured: new URL() would rewrite dot segments', async () => {
  const req = { method: 'GET', url: 'https://b.s3.us-east-1.amazonaws.com/', path: '/a/./b/../c' }
  const s = sign(req, { credentials, signingDate })
  const options = { credentials: lookup(credentials), region: 'us-east-1', service: 's3', now }
  assert.equal((await verify({ ...req, headers: s.headers }, options)).valid, true)
  // A URL string is split, not parsed: its target stays as it came.
  const raw = 'https://b.s3.us-east-1.amazonaws.com/a/./b/../c'
  assert.equal((await verify({ method: 'GET', url: raw, headers: s.headers }, options)).valid, true)
  // A URL object has been normalised to /a/c: not what was signed.
  const viaUrl = await verify({ method: 'GET', url: new URL(raw), headers: s.headers }, options)
  assert.equal(viaUrl.code, 'ERR_SIGNATURE_MISMATCH')
})

test('a fetch Request verifies, its body read once and handed back', async () => {
  const s = sign({ method: 'PUT', url: 'https://b.s3.us-east-1.amazonaws.com/k', body: 'data' }, { credentials, signingDate })
  const r = await verify(new Request(s.url, { method: 'PUT', headers: s.headers, body: 'data' }),
    { credentials: lookup(credentials), region: 'us-east-1', service: 's3', now })
  assert.equal(r.valid, true, r.message)
  assert.equal(new TextDecoder().decode(r.body), 'data')
})

test('SigV4a: verifies in sigv4-wasm/v4a, headers and presigned; the region set must cover the endpoint', async () => {
  const url = 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/k'
  const s = v4a.sign({ method: 'GET', url }, { credentials, signingDate, regionSet: ['eu-west-1', 'us-*'] })
  const options = { credentials: lookup(credentials), region: 'us-east-1', service: 's3', now }
  const r = await v4a.verify({ method: 'GET', url, headers: s.headers }, options)
  assert.equal(r.valid, true, r.message)
  assert.equal(r.regionSet, 'eu-west-1,us-*')
  assert.equal(r.algorithm, 'AWS4-ECDSA-P256-SHA256')
  const elsewhere = await v4a.verify({ method: 'GET', url, headers: s.headers }, { ...options, region: 'ap-south-1' })
  assert.equal(elsewhere.code, 'ERR_WRONG_REGION')
  const p = v4a.presign({ url }, { credentials, signingDate, algorithm: 'AWS4-ECDSA-P256-SHA256', expiresIn: 60 })
  assert.equal((await v4a.verify({ method: 'GET', url: p }, options)).valid, true)
})

test('the default entry (no P-256) answers a SigV4a request with ERR_V4A_ENTRY, sigv4-wasm/v4a loaded or not', async () => {
  // This process has loaded sigv4a.wasm (v4a.sign above): the default
  // entry's verify() still checks on its own module, which has no P-256.
  const url = 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/k'
  const s = v4a.sign({ method: 'GET', url }, { credentials, signingDate })
  const r = await verify({ method: 'GET', url, headers: s.headers }, { credentials: lookup(credentials), region: '*', service: 's3', now })
  assert.deepEqual([r.valid, r.code], [false, 'ERR_V4A_ENTRY'])
  assert.match(r.message, /"sigv4-wasm\/v4a": import verify from it/)
  assert.equal((await v4a.verify({ method: 'GET', url, headers: s.headers }, { credentials: lookup(credentials), region: '*', service: 's3', now })).valid, true)
})

test('options are checked: what the endpoint serves must be said', async () => {
  const req = { method: 'GET', url: 'https://example.com/' }
  await assert.rejects(verify(req, { credentials: lookup(credentials), service: 's3' }), { code: 'ERR_OPTION' })
  await assert.rejects(verify(req, { credentials: 'x', region: '*', service: '*' }), { code: 'ERR_CREDENTIALS' })
  await assert.rejects(verify(req, { credentials: lookup(credentials), region: '*', service: '*', maxSkew: 1 }), { code: 'ERR_OPTION' })
  await assert.rejects(verify(req, { credentials: lookup(credentials), region: '*', service: '*', maxSkewSeconds: -1 }), { code: 'ERR_OPTION' })
  await assert.rejects(verify(null, { credentials: lookup(credentials), region: '*', service: '*' }), { code: 'ERR_URL' })
})

test('the URL is split as sent: any scheme, userinfo and fragment dropped, the host its own', async () => {
  const host = 'bucket.s3.us-east-1.amazonaws.com'
  const signed = sign({ url: `https://${host}/a/b.txt?x=1&y` }, { credentials, region: 'us-east-1', service: 's3', signingDate })
  const opts = { credentials: lookup(credentials), region: 'us-east-1', service: 's3', now }
  const at = (url) => verify({ method: 'GET', url, headers: signed.headers }, opts)
  for (const url of [`https://${host}/a/b.txt?x=1&y`, `HTTPS://user:pw@${host}/a/b.txt?x=1&y#f/?@`, `web+a.b-c://${host}/a/b.txt?x=1&y`]) {
    assert.equal((await at(url)).valid, true, url)
  }
  // Another host (after a second '@'), path or query: another request.
  for (const url of [`https://u@v@${host}/a/b.txt?x=1&y`, `https://${host}/a/b.txt#?x=1&y`, `https://${host}?/a/b.txt?x=1&y`]) {
    assert.equal((await at(url)).code, 'ERR_SIGNATURE_MISMATCH', url)
  }
  for (const url of [`1https://${host}/`, `https:/${host}/`, `ht_tp://${host}/`, `://${host}/`, host]) {
    await assert.rejects(at(url), { code: 'ERR_URL' }, url)
  }
})

// ---------------------------------------------------------------------------
// The negative corpus: each case starts from a request that verifies, is
// changed in one way, and must be refused with its code.

const HOST = 'bucket.s3.us-east-1.amazonaws.com'
const BASE = `https://${HOST}/photos/cat.jpg`
const serve = { credentials: lookup(credentials), region: 'us-east-1', service: 's3', now }

function signedPut (extra = {}, opts = {}) {
  const req = { method: 'PUT', url: `${BASE}?tagging`, headers: { 'content-type': 'image/jpeg', ...extra }, body: 'meow' }
  const s = sign(req, { credentials, signingDate, ...opts })
  return { method: 'PUT', url: s.url, headers: { ...s.headers }, body: 'meow' }
}

function presigned (opts = {}, method = 'GET') {
  return { method, url: presign({ method, url: BASE }, { credentials, signingDate, expiresIn: 3600, ...opts }) }
}

// Replace `from` in the URL's query or in one header.
const inUrl = (r, from, to) => ({ ...r, url: r.url.replace(from, to) })
const inAuth = (r, from, to) => ({ ...r, headers: { ...r.headers, authorization: r.headers.authorization.replace(from, to) } })

const negative = [
  // Unsigned x-amz-* headers on a presigned URL: an unsigned
  // x-amz-copy-source turned a presigned PUT into a copy run as the signer.
  ['presigned PUT with an unsigned x-amz-copy-source', 'ERR_UNSIGNED_HEADER',
    () => ({ ...presigned({}, 'PUT'), headers: { 'x-amz-copy-source': '/other/secret.txt' } })],
  ['presigned GET with an unsigned x-amz-acl', 'ERR_UNSIGNED_HEADER',
    () => ({ ...presigned(), headers: { 'x-amz-acl': 'public-read' } })],
  // S3 refuses x-amz-* headers that are not signed (HeadersNotSigned).
  ['header-signed PUT with an unsigned x-amz-meta-*', 'ERR_UNSIGNED_HEADER',
    () => { const r = signedPut(); r.headers['x-amz-meta-owner'] = 'mallory'; return r }],
  // The session token must be signed (unless IoT-style appendSessionToken).
  ['session token sent but not signed', 'ERR_UNSIGNED_HEADER',
    () => { const r = signedPut(); r.headers['x-amz-security-token'] = 'FwoGZXIvYXdzEXAMPLE'; return r }],
  // x-amz-content-sha256 trusted instead of hashing the body.
  ['body changed, x-amz-content-sha256 kept', 'ERR_BODY_CHANGED',
    () => ({ ...signedPut(), body: 'woof' })],
  ['body changed and x-amz-content-sha256 recomputed to match it', 'ERR_SIGNATURE_MISMATCH',
    () => { const r = signedPut(); r.body = 'woof'; r.headers['x-amz-content-sha256'] = sha('woof'); return r }],
  // UNSIGNED-PAYLOAD by headers: only where the endpoint allows it.
  ['UNSIGNED-PAYLOAD by headers, not allowed', 'ERR_UNSIGNED_PAYLOAD',
    () => signedPut({}, { unsignedPayload: true })],
  // Expiry: refused from the second after X-Amz-Date + X-Amz-Expires.
  ['presigned URL one second past its expiry', 'ERR_EXPIRED',
    () => presigned({ signingDate: new Date(now - 3601_000) })],
  ['presigned URL dated in the future beyond the skew', 'ERR_NOT_YET_VALID',
    () => presigned({ signingDate: new Date(now + 901_000) })],
  // Expiry checked only when the client chose to send it.
  ['presigned URL without X-Amz-Expires', 'ERR_AUTH',
    () => inUrl(presigned(), /&X-Amz-Expires=\d+/, '')],
  ['X-Amz-Expires=0', 'ERR_EXPIRES', () => inUrl(presigned(), /X-Amz-Expires=\d+/, 'X-Amz-Expires=0')],
  ['X-Amz-Expires=604801 (over 7 days)', 'ERR_EXPIRES', () => inUrl(presigned(), /X-Amz-Expires=\d+/, 'X-Amz-Expires=604801')],
  ['X-Amz-Expires with a sign', 'ERR_EXPIRES', () => inUrl(presigned(), /X-Amz-Expires=\d+/, 'X-Amz-Expires=%2B60')],
  // Clock skew: S3 allows 15 minutes.
  ['header-signed request 16 minutes old', 'ERR_SKEW', () => signedPut({}, { signingDate: new Date(now - 960_000) })],
  ['header-signed request 16 minutes ahead', 'ERR_SKEW', () => signedPut({}, { signingDate: new Date(now + 960_000) })],
  // The credential scope: region, service, date.
  ['signed for another region', 'ERR_WRONG_REGION', () => signedPut({}, { region: 'eu-west-1' })],
  ['signed for another service', 'ERR_WRONG_SERVICE', () => signedPut({}, { service: 'execute-api' })],
  ['scope date is not X-Amz-Date\'s', 'ERR_SCOPE_DATE', () => inAuth(signedPut(), '/20261123/', '/20261122/')],
  ['credential without aws4_request', 'ERR_CREDENTIAL', () => inAuth(signedPut(), '/aws4_request', '/aws4_reqest')],
  ['credential with a part missing', 'ERR_CREDENTIAL', () => inAuth(signedPut(), '/us-east-1/s3/', '/s3/')],
  // SignedHeaders: sorted, lowercase, unique, with host, each present.
  ['SignedHeaders with a duplicate', 'ERR_SIGNED_HEADERS', () => inAuth(signedPut(), 'SignedHeaders=content-type;host', 'SignedHeaders=content-type;host;host')],
  ['SignedHeaders unsorted', 'ERR_SIGNED_HEADERS', () => inAuth(signedPut(), 'SignedHeaders=content-type;host', 'SignedHeaders=host;content-type')],
  ['SignedHeaders without host', 'ERR_SIGNED_HEADERS', () => inAuth(signedPut(), 'content-type;host;', 'content-type;')],
  ['SignedHeaders upper-cased', 'ERR_SIGNED_HEADERS', () => inAuth(signedPut(), 'content-type;host', 'Content-Type;host')],
  ['a signed header missing from the request', 'ERR_SIGNED_HEADERS', () => { const r = signedPut(); delete r.headers['content-type']; return r }],
  ['presigned X-Amz-SignedHeaders unsorted', 'ERR_SIGNED_HEADERS',
    () => inUrl(presigned(), 'X-Amz-SignedHeaders=host', 'X-Amz-SignedHeaders=x-amz-date%3Bhost')],
  // Changes after signing.
  ['a query parameter added', 'ERR_SIGNATURE_MISMATCH', () => inUrl(signedPut(), '?tagging', '?tagging&versionId=1')],
  ['a query parameter added to a presigned URL', 'ERR_SIGNATURE_MISMATCH', () => inUrl(presigned(), '?', '?response-content-type=text%2Fhtml&')],
  ['a signed header\'s value changed', 'ERR_SIGNATURE_MISMATCH', () => { const r = signedPut(); r.headers['content-type'] = 'text/html'; return r }],
  ['the path changed', 'ERR_SIGNATURE_MISMATCH', () => inUrl(signedPut(), '/photos/cat.jpg', '/photos/dog.jpg')],
  ['the method changed', 'ERR_SIGNATURE_MISMATCH', () => ({ ...signedPut(), method: 'POST' })],
  ['signed with another secret', 'ERR_SIGNATURE_MISMATCH', () => { const r = sign({ url: BASE }, { credentials: { ...credentials, secretAccessKey: 'not-the-secret' }, signingDate }); return { url: r.url, headers: r.headers } }],
  // The signature itself: compared exactly, never with !== on a prefix.
  ['signature truncated', 'ERR_AUTH', () => inAuth(signedPut(), /[0-9a-f]{2}$/, '')],
  ['signature upper-cased', 'ERR_AUTH', () => inAuth(signedPut(), /Signature=([0-9a-f]+)$/, (m, s) => `Signature=${s.toUpperCase()}`)],
  ['presigned signature upper-cased', 'ERR_AUTH', () => inUrl(presigned(), /X-Amz-Signature=([0-9a-f]+)/, (m, s) => `X-Amz-Signature=${s.toUpperCase()}`)],
  // Claims JS cannot read loosely (a name percent-encoded) are C's to read:
  // never taken as valid without the signature checked.
  ['parameter names percent-encoded, the signature changed', 'ERR_SIGNATURE_MISMATCH',
    () => inUrl(inUrl(presigned(), 'X-Amz-Credential=', 'X%2DAmz%2DCredential='), /([0-9a-f])$/, (m, d) => d === '0' ? '1' : '0')],
  ['the presigned signature\'s last digit changed', 'ERR_SIGNATURE_MISMATCH', () => inUrl(presigned(), /([0-9a-f])$/, (m, d) => d === '0' ? '1' : '0')],
  // One signature per request, each part once.
  ['a second Authorization header', 'ERR_AUTH', () => { const r = signedPut(); r.headers = [...Object.entries(r.headers), ['Authorization', r.headers.authorization]]; return r }],
  ['both an Authorization header and X-Amz-Signature', 'ERR_AUTH', () => { const p = presigned(); return { ...p, headers: signedPut().headers } }],
  ['X-Amz-Signature twice', 'ERR_AUTH', () => inUrl(presigned(), /(X-Amz-Signature=[0-9a-f]+)/, '$1&$1')],
  ['Signature= twice in Authorization', 'ERR_AUTH', () => inAuth(signedPut(), /(Signature=[0-9a-f]+)$/, '$1, $1')],
  ['unknown algorithm', 'ERR_AUTH', () => inAuth(signedPut(), 'AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1')],
  ['header-signed without x-amz-date', 'ERR_AUTH', () => { const r = signedPut(); delete r.headers['x-amz-date']; return r }],
  // Mocks that never verify at all accept these.
  ['not signed at all', 'ERR_NOT_SIGNED', () => ({ method: 'GET', url: BASE })],
  ['an access key the endpoint does not know', 'ERR_UNKNOWN_KEY', () => { const r = sign({ url: BASE }, { credentials: { ...credentials, accessKeyId: 'AKIAUNKNOWN' }, signingDate }); return { url: r.url, headers: r.headers } }],
]

function sha (text) {
  // x-amz-content-sha256 of a string, from our signer's own header.
  return sign({ method: 'PUT', url: BASE, body: text }, { credentials, signingDate }).headers['x-amz-content-sha256']
}

test(`negative corpus: ${negative.length} tampered or malformed requests, 0 accepted`, async () => {
  assert.ok(negative.length >= 30)
  assert.equal((await verify(signedPut(), serve)).valid, true, 'the base request verifies')
  assert.equal((await verify(presigned(), serve)).valid, true, 'the base URL verifies')
  let accepted = 0
  for (const [name, code, make] of negative) {
    const r = await verify(make(), serve)
    if (r.valid) accepted++
    assert.equal(r.valid, false, `${name}: accepted`)
    assert.equal(r.code, code, `${name}: ${r.message}`)
    assert.ok(!r.message.includes(credentials.secretAccessKey))
  }
  assert.equal(accepted, 0)
})

test('X-Amz-* parameter names percent-encoded still verify (C reads them)', async () => {
  const url = presigned().url.replace('X-Amz-Credential=', 'X%2DAmz%2DCredential=').replace('X-Amz-Algorithm=', 'X-Amz%2DAlgorithm=')
  const r = await verify({ method: 'GET', url }, serve)
  assert.equal(r.valid, true, r.message)
  assert.equal(r.accessKeyId, credentials.accessKeyId)
})

test('session tokens: the credentials\' token must be the request\'s; IoT appends it unsigned', async () => {
  const creds = { ...credentials, sessionToken: 'FwoGZXIvYXdzEXAMPLE' }
  const s = sign({ url: BASE }, { credentials: creds, signingDate })
  assert.equal((await verify({ url: s.url, headers: s.headers }, { ...serve, credentials: lookup(creds) })).valid, true)
  const other = await verify({ url: s.url, headers: s.headers }, { ...serve, credentials: lookup({ ...creds, sessionToken: 'another' }) })
  assert.deepEqual([other.valid, other.code, other.body], [false, 'ERR_SESSION_TOKEN', undefined])
  const none = await verify({ url: s.url, headers: s.headers }, { ...serve, credentials: lookup(credentials) })
  assert.deepEqual([none.valid, none.code], [false, 'ERR_SESSION_TOKEN'])
  const iot = presign({ url: 'wss://abc-ats.iot.us-east-1.amazonaws.com/mqtt' }, { credentials: creds, signingDate })
  const r = await verify({ method: 'GET', url: iot }, { credentials: lookup(creds), region: 'us-east-1', service: 'iotdevicegateway', now })
  assert.equal(r.valid, true, r.message)
  assert.equal(r.sessionToken, creds.sessionToken)
})

test('allowUnsignedPayload accepts UNSIGNED-PAYLOAD by headers; debug shows our canonical request', async () => {
  const r = await verify(signedPut({}, { unsignedPayload: true }), { ...serve, allowUnsignedPayload: true })
  assert.equal(r.valid, true, r.message)
  assert.equal(r.payload, 'unsigned')
  const bad = await verify({ ...signedPut(), method: 'POST' }, { ...serve, debug: true })
  assert.equal(bad.code, 'ERR_SIGNATURE_MISMATCH')
  assert.match(bad.canonicalRequest, /^POST\n\/photos\/cat.jpg\ntagging=\n/)
  assert.match(bad.stringToSign, /^AWS4-HMAC-SHA256\n20261123T094127Z\n20261123\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/)
})

// aws-chunked bodies, as signChunked() sends them (itself checked against
// an independent decoder and smithy in chunked.test.js): decoded, each chunk
// checked; a changed byte anywhere is refused.
async function chunkedUpload (api, options) {
  const data = new Uint8Array(40_000).map((_, i) => (i * 7 + (i >> 9)) & 0xff)
  const s = await api.signChunked({ method: 'PUT', url: BASE, body: data }, { credentials, signingDate, chunkSize: 16384, ...options })
  const body = new Uint8Array(await new Response(s.body).arrayBuffer())
  return { data, request: { method: 'PUT', url: s.url, headers: s.headers, body } }
}

for (const [name, api, options, code] of [
  ['signed', { signChunked, verify }, {}, 'ERR_CHUNK_SIGNATURE'],
  ['signed, crc32c trailer', { signChunked, verify }, { checksum: 'crc32c' }, 'ERR_CHUNK_SIGNATURE'],
  ['unsigned, crc64nvme trailer', { signChunked, verify }, { payload: 'unsigned', checksum: 'crc64nvme' }, 'ERR_CHECKSUM_MISMATCH'],
  ['SigV4a, sha256 trailer', v4a, { algorithm: 'AWS4-ECDSA-P256-SHA256', checksum: 'sha256' }, 'ERR_CHUNK_SIGNATURE'],
]) {
  test(`aws-chunked upload (${name}): decoded and verified; a changed byte is refused`, async () => {
    const { data, request } = await chunkedUpload(api, options)
    const serveAll = { ...serve, allowUnsignedPayload: options.payload === 'unsigned' }
    const r = await api.verify(request, serveAll)
    assert.equal(r.valid, true, `${r.code} ${r.message}`)
    assert.equal(r.payload, 'streaming')
    assert.deepEqual(r.body, data)
    // A data byte in the second chunk.
    const body = request.body.slice()
    body[body.length >> 1] ^= 1
    const bad = await api.verify({ ...request, body }, serveAll)
    assert.equal(bad.code, code)
    // Cut short: the final chunk missing.
    const cut = await api.verify({ ...request, body: request.body.subarray(0, request.body.length - 100) }, serveAll)
    assert.equal(cut.valid, false)
    assert.match(cut.code, /^ERR_(CHUNK|TRAILER|DECODED_LENGTH|CHUNK_SIGNATURE)$/)
    if (options.payload === 'unsigned') {
      assert.equal((await api.verify(request, serve)).code, 'ERR_UNSIGNED_PAYLOAD', 'unsigned chunks need allowUnsignedPayload')
    }
  })
}
