import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { createHash, randomBytes } from 'node:crypto'
import aws4 from 'aws4'
import { SignatureV4 } from '@smithy/signature-v4'
import { HttpRequest } from '@smithy/protocol-http'
import { Hash } from '@smithy/hash-node'
import { startVerifyServer } from './support/verify-server.mjs'

const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const TEMP = { accessKeyId: 'ASIAEXAMPLETEMP', secretAccessKey: 'tempSecretKey/123+abc', sessionToken: 'FQoGZXIvYXdzEXAMPLE//token+with/chars=' }
const KEYS = new Map([[CREDS.accessKeyId, CREDS], [TEMP.accessKeyId, TEMP]])

let srv
before(async () => {
  srv = await startVerifyServer({ credentials: (akid) => KEYS.get(akid) ?? null })
})
after(async () => {
  await srv.close()
})

const hostOf = () => `127.0.0.1:${srv.port}`

// Sign with aws4 (an independent implementation) and send with fetch. aws4
// sets Host itself (fetch ignores a caller's Host and sends url.host, which is
// the same value); the Content-Length it adds matches what fetch sends.
function signAws4 (opts, creds = CREDS) {
  return aws4.sign({ host: hostOf(), region: 'us-east-1', service: 'execute-api', ...opts,
    headers: { ...(opts.headers || {}) } }, creds)
}
async function sendFetch (signed, { body = signed.body, path = signed.path, headerChanges = {} } = {}) {
  const headers = Object.fromEntries(Object.entries(signed.headers)
    .filter(([k]) => k.toLowerCase() !== 'host')
    .map(([k, v]) => [k, String(v)]))
  Object.assign(headers, headerChanges)
  const res = await fetch(`http://${hostOf()}${path}`, { method: signed.method || 'GET', headers, body })
  const text = await res.text()
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null }
}

// Send with node:http, which allows duplicate header lines and exact control.
function sendRaw ({ method = 'GET', path, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, method, path }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null })
      })
    })
    req.on('error', reject)
    for (const [k, v] of Object.entries(headers)) req.setHeader(k, v)
    req.end(body)
  })
}

const sha256 = (b) => createHash('sha256').update(b).digest('hex')
const ok = (r, what) => assert.equal(r.status, 200, `${what}: ${JSON.stringify(r.json)}`)
const rejected = (r, reason, what) => {
  assert.equal(r.status, 403, `${what}: expected 403, got ${r.status} ${JSON.stringify(r.json)}`)
  assert.equal(r.json.ok, false)
  if (reason) assert.equal(r.json.reason, reason, `${what}: ${JSON.stringify(r.json)}`)
}

// ---------------------------------------------------------------- accepted

test('aws4: GET with a query (repeated keys, valueless key, spaces, unicode path)', async () => {
  const s = signAws4({ method: 'GET', path: '/things/a b/ü/x!y?b=2&a=1&a=0&empty=&flag&sp=x y&tilde=~&star=*' })
  const r = await sendFetch(s)
  ok(r, 'GET')
  assert.equal(r.json.method, 'GET')
  assert.deepEqual(r.json.signedHeaders, ['host', 'x-amz-date'])
  assert.match(r.json.path, /^\/things\/a%20b\/%C3%BC\/x!y\?/)
})

test('aws4: POST JSON with a session token', async () => {
  const body = JSON.stringify({ hello: 'wörld', n: [1, 2, 3] })
  const s = signAws4({ method: 'POST', path: '/prod/items', body, headers: { 'Content-Type': 'application/json' } }, TEMP)
  assert.ok(s.headers['X-Amz-Security-Token'], 'aws4 adds the token header')
  const r = await sendFetch(s)
  ok(r, 'POST')
  assert.deepEqual(r.json.signedHeaders,
    ['content-length', 'content-type', 'host', 'x-amz-date', 'x-amz-security-token'])
})

test('aws4: PUT binary to an S3 path with x-amz-content-sha256', async () => {
  const body = randomBytes(1500)
  const s = signAws4({ service: 's3', region: 'eu-west-1', method: 'PUT', path: '/bucket/dir/key name~_1.bin',
    body, headers: { 'Content-Type': 'application/octet-stream', 'x-amz-meta-note': '  two   spaces ' } })
  assert.equal(s.headers['X-Amz-Content-Sha256'], sha256(body))
  const r = await sendFetch(s)
  ok(r, 'PUT')
  assert.ok(r.json.signedHeaders.includes('x-amz-content-sha256'))
  assert.ok(r.json.signedHeaders.includes('x-amz-meta-note'))
})

test('raw reserved characters in an S3 path are canonicalised as S3 does: aws4 (which emulates S3) verifies, a verbatim signature does not', async () => {
  // aws4 sends "(1)!" raw (encodeURI leaves them) and canonicalises them as
  // "%281%29%21", as S3 does with what it receives.
  const s = signAws4({ service: 's3', method: 'GET', path: '/bucket/key(1)!.txt' })
  ok(await sendFetch(s), 'aws4')
  assert.match(srv.requests.at(-1).canonicalRequest, /^GET\n\/bucket\/key%281%29%21\.txt\n/)
  // smithy with uriEscapePath=false signs the wire path verbatim.
  const req = new HttpRequest({ method: 'GET', hostname: '127.0.0.1', port: srv.port, path: '/bucket/key(1)!.txt', headers: { host: hostOf() } })
  const signed = await smithy('s3').sign(req)
  rejected(await sendRaw({ path: '/bucket/key(1)!.txt', headers: signed.headers }), 'SignatureDoesNotMatch', 'verbatim')
})

test('aws4: PUT to S3 with UNSIGNED-PAYLOAD', async () => {
  const s = signAws4({ service: 's3', method: 'PUT', path: '/bucket/k', body: 'data',
    headers: { 'Content-Type': 'text/plain', 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' } })
  ok(await sendFetch(s), 'PUT unsigned payload')
})

test('aws4: presigned S3 GET (signQuery)', async () => {
  const s = signAws4({ service: 's3', region: 'us-west-2', method: 'GET', path: '/bucket/photos/cat pic.jpg?versionId=3',
    signQuery: true })
  assert.match(s.path, /X-Amz-Signature=[0-9a-f]{64}/)
  const r = await sendFetch(s)
  ok(r, 'presigned GET')
  assert.equal(r.json.presigned, true)
  assert.deepEqual(r.json.signedHeaders, ['host'])
})

test('aws4: presigned GET with a session token', async () => {
  const s = signAws4({ service: 's3', path: '/bucket/key', signQuery: true }, TEMP)
  assert.match(s.path, /X-Amz-Security-Token=/)
  ok(await sendFetch(s), 'presigned with token')
})

test('aws4: HEAD and DELETE', async () => {
  const h = await sendFetch(signAws4({ method: 'HEAD', path: '/bucket/obj', service: 's3' }))
  assert.equal(h.status, 200)
  assert.equal(h.headers.get('x-verify-ok'), 'true')
  ok(await sendFetch(signAws4({ method: 'DELETE', path: '/items/42' })), 'DELETE')
})

// Requests signed by smithy's public sign()/presign() (an independent
// signer) must verify.
const Sha256 = Hash.bind(null, 'sha256')
const smithy = (service, creds = CREDS) => new SignatureV4({ credentials: creds, region: 'ap-southeast-2', service,
  sha256: Sha256, uriEscapePath: service !== 's3', applyChecksum: false })
const qs = (q) => Object.entries(q).flatMap(([k, v]) => [].concat(v).map((x) =>
  `${encodeURIComponent(k)}=${encodeURIComponent(x)}`)).join('&')

test('smithy sign(): duplicate header lines, inner whitespace, reserved chars in path', async () => {
  const path = "/p/a%20b/!$'()*+,;=:@"
  const query = { 'k y': ['2', '1'], acl: '', 'é': 'ü+' }
  const signed = await smithy('execute-api', TEMP).sign(new HttpRequest({
    method: 'POST', hostname: '127.0.0.1', port: srv.port, path, query, body: 'hi',
    headers: { host: hostOf(), 'x-dup': 'a,b', 'x-ws': 'a   b\t c', 'content-type': 'text/plain' },
  }))
  // Two separate x-dup lines on the wire; the verifier joins them with ','.
  const headers = { ...signed.headers, 'x-dup': ['a', ' b'] }
  const r = await sendRaw({ method: 'POST', path: `${path}?${qs(query)}`, headers, body: 'hi' })
  ok(r, 'smithy sign')
  assert.deepEqual(r.json.signedHeaders,
    ['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-dup', 'x-ws'])
})

test('smithy presign() for S3 with x-amz-content-sha256 UNSIGNED-PAYLOAD', async () => {
  const req = new HttpRequest({ method: 'GET', hostname: '127.0.0.1', port: srv.port, path: '/bucket/a%20b.txt',
    query: { 'response-content-type': 'text/plain' }, headers: { host: hostOf() } })
  const p = await smithy('s3').presign(req, { expiresIn: 600 })
  // smithy hashes the (empty) body for presign unless told otherwise; S3's
  // presigner sends UNSIGNED-PAYLOAD, which is what the verifier assumes for S3.
  const p2 = await smithy('s3').presign(new HttpRequest({ ...req, headers: { host: hostOf(),
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }), { expiresIn: 600, unhoistableHeaders: new Set(['x-amz-content-sha256']) })
  assert.equal(p2.query['X-Amz-SignedHeaders'], 'host;x-amz-content-sha256')
  const r = await sendRaw({ path: `${p2.path}?${qs(p2.query)}`, headers: p2.headers })
  ok(r, 'smithy presign')
  // Without the header, smithy signed sha256('') where S3 expects UNSIGNED-PAYLOAD.
  const r1 = await sendRaw({ path: `${p.path}?${qs(p.query)}`, headers: p.headers })
  rejected(r1, 'SignatureDoesNotMatch', 'smithy presign hashing the empty body')
})

test('credentials as an object, and region/service pinning', async () => {
  const pinned = await startVerifyServer({ credentials: CREDS, region: 'us-east-1', service: 'execute-api' })
  try {
    const go = (opts) => {
      const s = aws4.sign({ host: `127.0.0.1:${pinned.port}`, path: '/x', region: 'us-east-1', service: 'execute-api', ...opts }, CREDS)
      return fetch(`${pinned.url}${s.path}`, { headers: { authorization: s.headers.Authorization, 'x-amz-date': s.headers['X-Amz-Date'] } })
    }
    assert.equal((await go({})).status, 200)
    const bad = await go({ region: 'eu-west-1' })
    assert.equal(bad.status, 403)
    assert.equal((await bad.json()).reason, 'AuthorizationHeaderMalformed')
    assert.equal(pinned.requests.length, 2)
    assert.equal(pinned.requests[0].ok, true)
    assert.equal(pinned.requests[1].ok, false)
  } finally {
    await pinned.close()
  }
})

test('requests are summarised', async () => {
  const before = srv.requests.length
  await sendFetch(signAws4({ path: '/summary?x=1' }))
  const s = srv.requests.at(-1)
  assert.equal(srv.requests.length, before + 1)
  assert.equal(s.method, 'GET')
  assert.equal(s.path, '/summary?x=1')
  assert.equal(s.status, 200)
  assert.equal(s.service, 'execute-api')
  assert.match(s.canonicalRequest, /^GET\n\/summary\nx=1\nhost:127\.0\.0\.1:\d+\n/)
})

// ---------------------------------------------------------------- rejected

test('tampered: JSON body changed after signing (same length)', async () => {
  const body = '{"amount":100}'
  const s = signAws4({ method: 'POST', path: '/pay', body, headers: { 'Content-Type': 'application/json' } })
  ok(await sendFetch(s), 'control')
  rejected(await sendFetch(s, { body: '{"amount":900}' }), 'SignatureDoesNotMatch', 'body changed')
})

test('tampered: S3 body changed after signing -> XAmzContentSHA256Mismatch', async () => {
  const body = Buffer.from('original content')
  const s = signAws4({ service: 's3', method: 'PUT', path: '/bucket/k', body, headers: { 'Content-Type': 'text/plain' } })
  rejected(await sendFetch(s, { body: Buffer.from('modified content') }), 'XAmzContentSHA256Mismatch', 'S3 body changed')
})

test('tampered: a signed header changed', async () => {
  const s = signAws4({ method: 'POST', path: '/x', body: 'a=1', headers: { 'Content-Type': 'text/plain', 'X-Custom': 'one' } })
  rejected(await sendFetch(s, { headerChanges: { 'X-Custom': 'two' } }), 'SignatureDoesNotMatch', 'x-custom changed')
  rejected(await sendFetch(s, { headerChanges: { 'Content-Type': 'text/html' } }), 'SignatureDoesNotMatch', 'content-type changed')
})

test('tampered: a query parameter added or changed', async () => {
  const s = signAws4({ path: '/list?limit=10' })
  rejected(await sendFetch(s, { path: `${s.path}&admin=true` }), 'SignatureDoesNotMatch', 'param added')
  rejected(await sendFetch(s, { path: s.path.replace('limit=10', 'limit=11') }), 'SignatureDoesNotMatch', 'param changed')
  rejected(await sendFetch(s, { path: s.path.replace('/list', '/List') }), 'SignatureDoesNotMatch', 'path changed')
})

test('tampered: presigned URL with a parameter added / path changed', async () => {
  const s = signAws4({ service: 's3', path: '/bucket/key', signQuery: true })
  rejected(await sendFetch(s, { path: `${s.path}&x-id=GetObject` }), 'SignatureDoesNotMatch', 'presigned param added')
  rejected(await sendFetch(s, { path: s.path.replace('/key', '/key2') }), 'SignatureDoesNotMatch', 'presigned path changed')
})

test('presigned URL past X-Amz-Date + X-Amz-Expires', async () => {
  const s = signAws4({ service: 's3', path: '/bucket/key?X-Amz-Expires=60&X-Amz-Date=20200101T000000Z', signQuery: true })
  const expired = await sendFetch(s)
  rejected(expired, 'AccessDenied', 'expired against the real clock')
  assert.equal(expired.json.code, 'ERR_EXPIRED')
  // With a controllable clock: valid up to and including date + expires.
  let clock = Date.UTC(2020, 0, 1, 0, 1, 0)
  const frozen = await startVerifyServer({ credentials: CREDS, now: () => clock })
  try {
    const s2 = aws4.sign({ host: `127.0.0.1:${frozen.port}`, service: 's3', region: 'us-east-1',
      path: '/bucket/key?X-Amz-Expires=60&X-Amz-Date=20200101T000000Z', signQuery: true }, CREDS)
    assert.equal((await fetch(`${frozen.url}${s2.path}`)).status, 200, 'at expiry')
    clock += 1000
    const late = await fetch(`${frozen.url}${s2.path}`)
    assert.equal(late.status, 403, 'one second late')
    assert.equal((await late.json()).code, 'ERR_EXPIRED')
  } finally {
    await frozen.close()
  }
})

test('wrong secret, unknown key, missing auth, missing/wrong token', async () => {
  const s = signAws4({ path: '/x' }, { ...CREDS, secretAccessKey: 'not-the-secret' })
  const wrong = await sendFetch(s)
  rejected(wrong, 'SignatureDoesNotMatch', 'wrong secret')
  assert.match(wrong.json.expected.canonicalRequest, /^GET\n\/x\n\nhost:/)
  assert.match(wrong.json.expected.stringToSign, /^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/execute-api\/aws4_request\n[0-9a-f]{64}$/)
  rejected(await sendFetch(signAws4({ path: '/x' }, { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' })),
    'InvalidAccessKeyId', 'unknown key')
  const unsigned = await sendRaw({ path: '/x' })
  rejected(unsigned, 'AccessDenied', 'no auth')
  assert.equal(unsigned.json.code, 'ERR_NOT_SIGNED')
  const noToken = signAws4({ path: '/x' }, { accessKeyId: TEMP.accessKeyId, secretAccessKey: TEMP.secretAccessKey })
  rejected(await sendFetch(noToken), 'InvalidToken', 'temp creds without token')
  const badToken = signAws4({ path: '/x' }, { ...TEMP, sessionToken: 'other' })
  rejected(await sendFetch(badToken), 'InvalidToken', 'wrong token')
})

test('signed header missing on the wire is reported', async () => {
  const s = signAws4({ path: '/x', headers: { 'X-Extra': 'v' } })
  const headers = { authorization: s.headers.Authorization, 'x-amz-date': s.headers['X-Amz-Date'] }
  ok(await sendRaw({ path: s.path, headers: { ...headers, 'x-extra': 'v' } }), 'control')
  const r = await sendRaw({ path: s.path, headers })
  rejected(r, 'AuthorizationHeaderMalformed', 'x-extra missing')
  assert.equal(r.json.code, 'ERR_SIGNED_HEADERS')
  assert.deepEqual(r.json.missingSignedHeaders, ['x-extra'])
})

test('fetch joins duplicate headers with ", " on one line, so "a,b"-signed duplicates fail via fetch', async () => {
  const signed = await smithy('execute-api').sign(new HttpRequest({
    method: 'GET', hostname: '127.0.0.1', port: srv.port, path: '/dup',
    headers: { host: hostOf(), 'x-dup': 'a,b' },
  }))
  const viaRaw = await sendRaw({ path: '/dup', headers: { ...signed.headers, 'x-dup': ['a', 'b'] } })
  ok(viaRaw, 'two header lines')
  const h = new Headers(signed.headers)
  h.delete('x-dup')
  h.append('x-dup', 'a')
  h.append('x-dup', 'b')
  const viaFetch = await fetch(`${srv.url}/dup`, { headers: h })
  assert.equal(viaFetch.status, 403, 'fetch sends "x-dup: a, b"')
})

// Generated requests (tests/js/support/gen.mjs), signed by smithy from
// toSmithyRequest(), sent with every header line exactly as generated
// (duplicates, case, whitespace): the verifier, which rebuilds the request
// from the wire, must agree. This ties gen's wire model to the verifier's.
test('generated requests signed via toSmithyRequest verify over the wire', async () => {
  const { makeRng, genRequest, toSmithyRequest } = await import('./support/gen.mjs')
  const rng = makeRng(7)
  const failures = []
  for (let i = 0; i < 300; i++) {
    const g = genRequest(rng)
    const u = new URL(g.url)
    const r = { ...g, url: `https://${hostOf()}${u.pathname}${u.search}` }
    const signer = new SignatureV4({ credentials: CREDS, region: g.region, service: g.service, sha256: Sha256,
      uriEscapePath: g.service !== 's3', applyChecksum: false })
    const signed = await signer.sign(toSmithyRequest(r)) // a query's + read as a space, as verify() does
    const raw = ['host', hostOf(), 'authorization', signed.headers.authorization, 'x-amz-date', signed.headers['x-amz-date']]
    for (const [n, v] of g.headers) raw.push(n, v)
    const body = g.body == null ? undefined : Buffer.from(g.body)
    if (body) raw.push('content-length', String(body.length))
    const res = await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: srv.port, method: g.method, path: `${u.pathname}${u.search}`,
        headers: raw, setHost: false }, (resp) => {
        const chunks = []
        resp.on('data', (c) => chunks.push(c))
        resp.on('end', () => resolve({ status: resp.statusCode, text: Buffer.concat(chunks).toString() }))
      })
      req.on('error', reject)
      req.end(body)
    })
    if (res.status !== 200) failures.push(`#${i} ${g.method} ${g.url} -> ${res.status} ${res.text.slice(0, 300)}`)
  }
  assert.deepEqual(failures, [])
})

test('cors: preflights are answered unverified and unlogged; real requests are still verified', async () => {
  const plain = await sendRaw({ method: 'OPTIONS', path: '/p', headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'PUT' } })
  assert.equal(plain.status, 403, 'without cors an OPTIONS is an unsigned request')
  const c = await startVerifyServer({ credentials: CREDS, cors: true })
  try {
    const pre = await fetch(`${c.url}/p`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:1',
      'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,x-amz-date' } })
    assert.equal(pre.status, 204)
    assert.equal(pre.headers.get('access-control-allow-methods'), 'PUT')
    assert.equal(pre.headers.get('access-control-allow-headers'), 'authorization,x-amz-date')
    assert.equal(c.requests.length, 0)
    const unsigned = await fetch(`${c.url}/p`, { headers: { origin: 'http://127.0.0.1:1' } })
    assert.equal(unsigned.status, 403)
    assert.equal(unsigned.headers.get('access-control-allow-origin'), '*')
    assert.match(unsigned.headers.get('access-control-expose-headers'), /x-verify-reason/)
    assert.equal(c.requests.length, 1)
  } finally {
    await c.close()
  }
})
