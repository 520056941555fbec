// withVerification (fetch-style handlers) and verifyMiddleware (Node http,
// Express-style): requests signed by sign() reach the handler with their
// body and the result; tampered ones get a 403 naming the code, or the
// caller's answer; awsErrorResponse() speaks S3's XML and the JSON
// protocols' shape.
import test from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { sign, presign, signChunked, withVerification, verifyMiddleware, getVerification, awsErrorResponse, verify } from '../../js/index.js'
import { listenLoopback } from './support/loopback.mjs'

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const options = { credentials: async (akid) => akid === credentials.accessKeyId ? credentials : null, region: 'us-east-1', service: 'execute-api' }

test('withVerification: the handler runs for verified requests only, with the verified body', async () => {
  const seen = []
  const handler = withVerification(async (request, env) => {
    seen.push([await request.text(), getVerification(request).accessKeyId, env])
    return new Response('ok')
  }, options)
  const url = 'https://abc.execute-api.us-east-1.amazonaws.com/prod/items'
  const s = sign({ method: 'POST', url, body: '{"a":1}', headers: { 'content-type': 'application/json' } }, { credentials })
  const ok = await handler(new Request(s.url, { method: 'POST', headers: s.headers, body: '{"a":1}' }), 'env')
  assert.equal(ok.status, 200)
  assert.deepEqual(seen, [['{"a":1}', credentials.accessKeyId, 'env']])
  const tampered = await handler(new Request(s.url, { method: 'POST', headers: s.headers, body: '{"a":2}' }), 'env')
  assert.equal(tampered.status, 403)
  assert.match(await tampered.text(), /^ERR_SIGNATURE_MISMATCH: /)
  assert.equal(seen.length, 1)
  const custom = withVerification(() => new Response('never'), {
    ...options, onFailure: (result) => new Response(result.code, { status: 401 }),
  })
  const refused = await custom(new Request(url))
  assert.equal(refused.status, 401)
  assert.equal(await refused.text(), 'ERR_NOT_SIGNED')
})

test('withVerification: an aws-chunked upload reaches the handler decoded', async () => {
  const data = new Uint8Array(20_000).map((_, i) => i & 0xff)
  const s = await signChunked({ method: 'PUT', url: 'https://b.s3.us-east-1.amazonaws.com/k', body: data }, { credentials, chunkSize: 8192 })
  const raw = new Uint8Array(await new Response(s.body).arrayBuffer())
  let got
  const handler = withVerification(async (request) => {
    got = new Uint8Array(await request.arrayBuffer())
    return new Response('ok')
  }, { ...options, service: 's3' })
  const answer = await handler(new Request(s.url, { method: 'PUT', headers: s.headers, body: raw }))
  assert.equal(answer.status, 200, await answer.clone().text())
  assert.deepEqual(got, data)
})

test('verifyMiddleware: Node http with the raw target, headers and body; Express-style raw bodies', async (t) => {
  const mw = verifyMiddleware(options)
  const handled = []
  const server = http.createServer((req, res) => mw(req, res, () => {
    handled.push([req.sigv4.accessKeyId, Buffer.from(req.rawBody).toString()])
    res.end('ok')
  }))
  const srv = await listenLoopback(server)
  t.after(() => srv.close())
  const base = srv.url
  // Signed for the host the client names (an API behind a proxy would
  // forward it); Node's fetch sends that host header as given.
  const host = new URL(base).host
  const url = `http://${host}/prod/a/./b?x=1&y=%20`
  const s = sign({ method: 'PUT', url: `http://${host}/`, path: '/prod/a/./b?x=1&y=%20', body: 'hello' }, { credentials, region: 'us-east-1', service: 'execute-api' })
  // fetch would rewrite the dot segment: send the target verbatim.
  const status = await new Promise((resolve, reject) => {
    const req = http.request(`${base}/prod/a/./b?x=1&y=%20`, { method: 'PUT', headers: s.headers }, (res) => { res.resume(); resolve(res.statusCode) })
    req.on('error', reject)
    req.end('hello')
  })
  assert.equal(status, 200)
  assert.deepEqual(handled, [[credentials.accessKeyId, 'hello']])
  const bad = await fetch(url, { method: 'PUT', headers: s.headers, body: 'hellO' })
  assert.equal(bad.status, 403)
  assert.match(await bad.text(), /^ERR_SIGNATURE_MISMATCH: /)
  // A body parser that left bytes is fine; one that parsed JSON is refused.
  const req = { method: 'GET', url: '/prod/p', rawHeaders: ['Host', 'h.example'], headers: { host: 'h.example' }, body: { parsed: true } }
  const errors = []
  await new Promise((resolve) => mw(req, {}, (e) => { errors.push(e); resolve() }))
  assert.equal(errors[0].code, 'ERR_BODY')
})

test('awsErrorResponse: S3 XML and JSON protocol errors for refusals', async () => {
  const url = presign({ url: 'https://b.s3.us-east-1.amazonaws.com/k' }, { credentials, signingDate: new Date('2020-01-01T00:00:00Z'), expiresIn: 60 })
  const expired = await verify({ method: 'GET', url }, { ...options, service: 's3' })
  assert.equal(expired.code, 'ERR_EXPIRED')
  const xml = awsErrorResponse(expired)
  assert.equal(xml.status, 403)
  assert.match(xml.body, /<Error><Code>AccessDenied<\/Code><Message>the presigned URL has expired/)
  const wrong = await verify({ method: 'GET', url: url.replace('X-Amz-Signature=', 'X-Amz-Signature=0') }, { ...options, service: 's3' })
  assert.equal(wrong.code, 'ERR_AUTH')
  const json = awsErrorResponse(wrong, { format: 'json' })
  assert.equal(json.status, 400)
  assert.deepEqual(JSON.parse(json.body), { __type: 'IncompleteSignatureException', message: wrong.message })
  assert.throws(() => awsErrorResponse({ valid: true }), { code: 'ERR_OPTION' })
})
