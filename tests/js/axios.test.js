// The axios interceptor in Node, through axios's http adapter (and its
// fetch adapter): every request goes to the loopback verify server, which
// checks what arrived with verify(). Covers baseURL, params and
// paramsSerializer, transformRequest, every body kind axios accepts, retries
// (each re-signed), clock skew, and a request tampered after signing.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import axios from 'axios'
import { sigv4Interceptor, addSigv4Interceptor, cachedCredentials, SigV4Error } from '../../js/index.js'
import { startVerifyServer } from './support/verify-server.mjs'
import { startFrontServer } from './support/front-server.mjs'
import { oneShotKeys } from './support/one-shot-keys.mjs'

const CREDS = { accessKeyId: 'AKIDAXIOSTEST', secretAccessKey: 'axios/secret+KEY', sessionToken: 'axios-token' }
const SCOPE = { region: 'ap-south-1', service: 'execute-api' }
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex')

let srv
test.before(async () => {
  srv = await startVerifyServer({ credentials: CREDS, ...SCOPE })
})
test.after(() => srv.close())

function client (config = {}, options = {}) {
  const instance = axios.create({ validateStatus: () => true, ...config })
  instance.interceptors.request.use(sigv4Interceptor({ credentials: CREDS, ...SCOPE, ...options }))
  return instance
}

function verified (res, what) {
  assert.equal(res.status, 200, `${what}: ${JSON.stringify(res.data)}`)
  return res.data
}

const last = () => srv.requests.at(-1)
const sentHeader = (name) => last().headers.find(([n]) => n.toLowerCase() === name)?.[1]

for (const adapter of ['http', 'fetch']) {
  test(`[${adapter}] baseURL + url + instance and request params, default serializer`, async () => {
    const ax = client({ adapter, baseURL: `${srv.url}/api/v1/`, params: { key: 'instance default', list: [1, 2] } })
    const config = { params: { q: 'a b:c$d,e', nested: { deep: ['x', 'y'], when: new Date(Date.UTC(2020, 0, 2)) }, skip: null, flag: true } }
    const expected = ax.getUri({ url: '/items/a b', ...config })
    const res = await ax.get('/items/a b', config)
    const json = verified(res, 'params')
    // axios writes spaces as '+'; what is sent is its URL with the query
    // percent-encoded as it was signed, so no server can read '+' otherwise.
    const sent = new URL(`${srv.url}${json.path}`)
    assert.equal(sent.pathname, new URL(expected).pathname)
    assert.deepEqual([...sent.searchParams], [...new URL(expected).searchParams])
    assert.match(json.path, /^\/api\/v1\/items\/a%20b\?key=instance%20default&list%5B%5D=1&list%5B%5D=2&q=a%20b%3Ac%24d%2Ce/)
    assert.ok(!json.path.includes('+'))
  })

  test(`[${adapter}] a paramsSerializer function and an encode option`, async () => {
    const serialize = (params) => Object.keys(params).sort().map((k) => `${k}=${encodeURIComponent(params[k]).replace(/%20/g, '%20')}`).join('&')
    const ax = client({ adapter, baseURL: srv.url, paramsSerializer: serialize })
    verified(await ax.get('/ser', { params: { z: 'last one', a: 'first' } }), 'serialize')
    assert.equal(last().path, '/ser?a=first&z=last%20one')
    const enc = client({ adapter, baseURL: srv.url, paramsSerializer: { encode: (v) => encodeURIComponent(v).toUpperCase() } })
    verified(await enc.get('/enc', { params: { k: 'é x' } }), 'encode')
    assert.equal(last().path, '/enc?K=%C3%A9%20X')
  })

  test(`[${adapter}] JSON object body: content-type application/json signed`, async () => {
    const data = { amount: 100, note: 'naïve ✓', list: [1, { a: null }] }
    const json = verified(await client({ adapter }).post(`${srv.url}/json`, data), 'json')
    assert.ok(json.signedHeaders.includes('content-type'))
    assert.equal(sentHeader('content-type'), 'application/json')
    assert.equal(last().bodyLength, Buffer.byteLength(JSON.stringify(data)))
  })

  test(`[${adapter}] URLSearchParams, string, Buffer, ArrayBuffer, Uint8Array, Blob bodies`, async () => {
    const ax = client({ adapter, baseURL: srv.url })
    const u8 = new Uint8Array([10, 20, 30, 40, 50])
    const cases = [
      ['URLSearchParams', new URLSearchParams({ a: 'b c', d: 'é' }), 'application/x-www-form-urlencoded;charset=utf-8', 'a=b+c&d=%C3%A9'.length],
      ['string', 'plain string ✓', 'application/x-www-form-urlencoded', Buffer.byteLength('plain string ✓')],
      ['string with content-type', ['<x/>', { headers: { 'Content-Type': 'application/xml' } }], 'application/xml', 4],
      // Sent as UTF-8 bytes (XHR would rewrite this charset on a string body).
      ['string with a latin1 charset', ['é', { headers: { 'Content-Type': 'text/plain; charset=iso-8859-1' } }], 'text/plain; charset=iso-8859-1', 2],
      ['Buffer', Buffer.from('buffer body'), 'application/x-www-form-urlencoded', 11],
      ['ArrayBuffer', u8.buffer.slice(1, 4), 'application/x-www-form-urlencoded', 3],
      // axios sends a view's whole underlying buffer: what it sends is what is signed.
      ['Uint8Array view', u8.subarray(1, 3), 'application/x-www-form-urlencoded', 5],
      ['Blob', new Blob(['blob data'], { type: 'application/octet-stream' }), 'application/octet-stream', 9],
    ]
    for (const [what, data, contentType, length] of cases) {
      const [body, extra] = Array.isArray(data) ? data : [data, {}]
      const json = verified(await ax.put('/body', body, extra), what)
      assert.equal(sentHeader('content-type'), contentType, what)
      assert.ok(json.signedHeaders.includes('content-type'), what)
      assert.equal(last().bodyLength, length, what)
    }
  })

  test(`[${adapter}] FormData: encoded here by the platform, its boundary sent, every byte signed`, async () => {
    const form = new FormData()
    form.append('field', 'value\nwith newline')
    form.append('file', new File(['file content'], 'a.txt', { type: 'text/plain' }))
    let sent
    const send = axios.getAdapter(adapter)
    const ax = client({ adapter: (config) => { sent = config; return send(config) }, baseURL: srv.url })
    const json = verified(await ax.post('/form', form), 'FormData')
    assert.match(sentHeader('content-type'), /^multipart\/form-data; ?boundary=\S+$/)
    assert.ok(json.signedHeaders.includes('content-type'))
    const parse = () => new Response(sent.data, { headers: { 'content-type': sentHeader('content-type') } }).formData()
    assert.equal(await (await parse()).get('file').text(), 'file content')
    // A content-type set before with another boundary gives way to the body's.
    verified(await ax.post('/form', form, { headers: { 'Content-Type': 'multipart/form-data; boundary=MyOwnBoundary1234' } }), 'own boundary')
    assert.doesNotMatch(sentHeader('content-type'), /MyOwnBoundary1234/)
    assert.equal((await parse()).get('field'), 'value\r\nwith newline')
  })

  test(`[${adapter}] transformRequest: the transformed body and the headers it sets are signed`, async () => {
    const ax = client({
      adapter,
      baseURL: srv.url,
      transformRequest: [
        ...axios.defaults.transformRequest,
        function (data, headers) {
          headers.set('X-Transformed', 'yes')
          return data.replace('secret', 'redacted')
        },
      ],
    })
    const json = verified(await ax.post('/t', { text: 'secret stuff' }), 'transformRequest')
    assert.ok(json.signedHeaders.includes('x-transformed'))
    assert.equal(last().bodyLength, JSON.stringify({ text: 'redacted stuff' }).length)
  })
}

test('[http] streams and the form-data package (axios\'s multipart in Node)', async () => {
  const ax = client({ baseURL: srv.url })
  const json = verified(await ax.put('/stream', Readable.from([Buffer.from('chunk one '), Buffer.from('chunk two')])), 'Node stream')
  assert.equal(last().bodyLength, 19)
  assert.ok(json.signedHeaders.includes('host'))
  verified(await ax.postForm('/postform', { name: 'x', n: 1, buf: Buffer.from('bytes') }), 'postForm object')
  assert.match(sentHeader('content-type'), /^multipart\/form-data; boundary=-+[0-9a-f]+$/)
  verified(await ax.post('/webstream', new ReadableStream({ start (c) { c.enqueue(new Uint8Array([1, 2])); c.close() } })), 'web stream')
  assert.equal(last().bodyLength, 2)
})

test('[http] S3: x-amz-content-sha256 is the hash of the bytes axios sends', async () => {
  const s3 = await startVerifyServer({ credentials: CREDS, service: 's3' })
  try {
    const ax = axios.create({ baseURL: s3.url, validateStatus: () => true })
    ax.interceptors.request.use(sigv4Interceptor({ credentials: CREDS, region: 'us-east-1', service: 's3' }))
    verified(await ax.put('/bucket/key.json', { a: 1 }), 'S3 PUT')
    assert.equal(s3.requests[0].headers.find(([n]) => n === 'x-amz-content-sha256')[1], sha('{"a":1}'))
  } finally {
    await s3.close()
  }
})

test('GET, DELETE and HEAD without bodies; headers from a later-registered interceptor are signed', async () => {
  const ax = client({ baseURL: srv.url })
  // axios runs request interceptors last-registered first: this one runs before ours.
  ax.interceptors.request.use((config) => {
    config.headers.set('X-Added-Later', 'by another interceptor')
    return config
  })
  const json = verified(await ax.get('/g'), 'GET')
  assert.ok(json.signedHeaders.includes('x-added-later'))
  assert.ok(json.signedHeaders.includes('accept'))
  verified(await ax.delete('/d'), 'DELETE')
  assert.equal((await ax.head('/h')).status, 200)
})

test('[http] GET with a body (Node sends it, e.g. OpenSearch _search) is signed', async () => {
  const json = verified(await client({ baseURL: srv.url }).request({ method: 'get', url: '/_search', data: { query: { match_all: {} } } }), 'GET body')
  assert.equal(last().bodyLength, JSON.stringify({ query: { match_all: {} } }).length)
  assert.ok(json.signedHeaders.includes('content-type'))
})

test('as in a browser: GET bodies refused, forbidden headers left unsigned', async () => {
  globalThis.document = {}
  try {
    const ax = client({ baseURL: srv.url })
    await assert.rejects(ax.request({ method: 'get', url: '/x', data: 'body' }), { code: 'ERR_BODY' })
    const json = verified(await ax.post('/y', 'data', { headers: { DNT: '1', 'X-Mine': '1' } }), 'browser-like')
    assert.ok(!json.signedHeaders.includes('dnt'))
    assert.ok(json.signedHeaders.includes('x-mine'))
  } finally {
    delete globalThis.document
  }
})

test('a request tampered after signing (in the adapter) gets a 403', async () => {
  const http = axios.getAdapter('http')
  const tamper = (change) => (config) => http(change(config))
  const cases = [
    ['body', (c) => ({ ...c, data: '{"amount":900}' })],
    ['header', (c) => { c.headers.set('x-custom', 'two'); return c }],
    ['url', (c) => ({ ...c, url: c.url.replace('/pay', '/PAY') })],
  ]
  for (const [what, change] of cases) {
    const ax = client({ baseURL: srv.url, adapter: tamper(change), headers: { 'X-Custom': 'one' } })
    const res = await ax.post('/pay', { amount: 100 })
    assert.equal(res.status, 403, what)
    assert.equal(res.data.reason, 'SignatureDoesNotMatch', what)
  }
  const control = client({ baseURL: srv.url, adapter: tamper((c) => c), headers: { 'X-Custom': 'one' } })
  verified(await control.post('/pay', { amount: 100 }), 'control')
})

test('retries re-sign: a retried config (as axios-retry sends it) gets a fresh signature each time', async () => {
  // Every attempt signs with a new key: each signature is provably fresh.
  const { provider, lookup } = oneShotKeys('AKIDAXRETRY')
  const verifier = await startVerifyServer({ credentials: lookup })
  const front = await startFrontServer(verifier, { fail: (i) => (i < 2 ? 503 : 0) })
  try {
    const ax = axios.create({ baseURL: `${front.url}/base`, params: { fixed: 'p' } })
    ax.interceptors.request.use(sigv4Interceptor({ credentials: cachedCredentials(provider, { marginMs: 0 }), ...SCOPE }))
    // What axios-retry does: send error.config again through the instance.
    ax.interceptors.response.use(undefined, (error) => {
      if (error.response && error.response.status === 503) return ax(error.config)
      throw error
    })
    const form = new FormData()
    form.append('f', 'v')
    const res = await ax.post('/r', form, { params: { q: 1 } })
    assert.equal(res.status, 200)
    assert.deepEqual(front.attempts.map((a) => a.verifierStatus), [200, 200, 200], 'every attempt verified')
    assert.equal(new Set(verifier.requests.map((r) => r.accessKeyId)).size, 3)
    // The same URL (no params appended twice) and the same body each time.
    assert.deepEqual(verifier.requests.map((r) => r.path), ['/base/r?fixed=p&q=1', '/base/r?fixed=p&q=1', '/base/r?fixed=p&q=1'])
    assert.equal(new Set(verifier.requests.map((r) => r.bodyLength)).size, 1)
  } finally {
    await front.close()
    await verifier.close()
  }
})

test('addSigv4Interceptor: clock skew learnt from the 403, one retry, reused; returns the interceptor id', async () => {
  const HOUR = 3600 * 1000
  const skewed = await startVerifyServer({ credentials: CREDS, ...SCOPE, now: () => Date.now() - HOUR, maxSkewSeconds: 300 })
  try {
    const ax = axios.create({ baseURL: skewed.url })
    const id = addSigv4Interceptor(ax, { credentials: CREDS, ...SCOPE })
    assert.equal(typeof id, 'number')
    verified(await ax.post('/skew', { a: 1 }, { params: { p: 1 } }), 'after skew')
    assert.deepEqual(skewed.requests.map((r) => r.status), [403, 200])
    assert.deepEqual(skewed.requests.map((r) => r.path), ['/skew?p=1', '/skew?p=1'])
    verified(await ax.get('/again'), 'offset reused')
    assert.deepEqual(skewed.requests.map((r) => r.status), [403, 200, 200])
    // Ejected: requests go unsigned.
    ax.interceptors.request.eject(id)
    const res = await ax.get('/unsigned', { validateStatus: () => true })
    assert.equal(res.data.code, 'ERR_NOT_SIGNED')
  } finally {
    await skewed.close()
  }
})

test('addSigv4Interceptor uses the instance\'s getUri (custom param visitor); sigv4Interceptor refuses it clearly', async () => {
  const visitor = function (value, key, path, helpers) {
    this.append(`${key}_x`, String(value))
    return false
  }
  const ax = axios.create({ baseURL: srv.url, paramsSerializer: { visitor }, validateStatus: () => true })
  addSigv4Interceptor(ax, { credentials: CREDS, ...SCOPE })
  verified(await ax.get('/v', { params: { a: 1 } }), 'visitor')
  assert.equal(last().path, '/v?a_x=1')
  const plain = client({ baseURL: srv.url, paramsSerializer: { visitor } })
  await assert.rejects(plain.get('/v', { params: { a: 1 } }), (e) => e instanceof SigV4Error && e.code === 'ERR_OPTION')
})

test('bad configurations are clear errors, nothing is sent', async () => {
  const before = srv.requests.length
  const ax = client({ baseURL: srv.url })
  await assert.rejects(ax.get('/a', { auth: { username: 'u', password: 'p' } }), { code: 'ERR_OPTION' })
  await assert.rejects(ax.post('/a', { a: 1 }, { transformRequest: [] }), { code: 'ERR_BODY' })
  await assert.rejects(ax.get('/a', { headers: { Authorization: 'Bearer x' } }), { code: 'ERR_HEADER_RESERVED' })
  await assert.rejects(client().get('/relative-without-base'), { code: 'ERR_URL' })
  assert.equal(srv.requests.length, before)
  assert.throws(() => sigv4Interceptor({}), { code: 'ERR_CREDENTIALS' })
  assert.throws(() => sigv4Interceptor({ credentials: CREDS, retries: 3 }), { code: 'ERR_OPTION' })
  assert.throws(() => addSigv4Interceptor({}, { credentials: CREDS }), { code: 'ERR_OPTION' })
  verified(await ax.get('/after-errors'), 'still works')
})
