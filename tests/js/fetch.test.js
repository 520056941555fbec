// createSignedFetch end to end: every body type fetch accepts, sent to the
// loopback verify server (which checks what it received with verify()), a
// tampered request refused, retries with a fresh signature per attempt,
// clock skew learnt from the server's Date header, and rotating credentials
// under concurrency.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { createSignedFetch, cachedCredentials, SigV4Error } from '../../js/index.js'
import { startVerifyServer } from './support/verify-server.mjs'
import { startFrontServer } from './support/front-server.mjs'
import { oneShotKeys } from './support/one-shot-keys.mjs'

const CREDS = { accessKeyId: 'AKIDFETCHTEST', secretAccessKey: 'fetch/secret+KEY', sessionToken: 'session-token-1' }
const SCOPE = { region: 'eu-west-1', service: 'execute-api' }

let srv
test.before(async () => {
  srv = await startVerifyServer({ credentials: CREDS, ...SCOPE })
})
test.after(() => srv.close())

const signedFetch = () => createSignedFetch({ credentials: CREDS, ...SCOPE })

async function verified (res, what) {
  const json = await res.json()
  assert.equal(res.status, 200, `${what}: ${JSON.stringify(json)}`)
  return json
}

function lastRequest () {
  return srv.requests.at(-1)
}

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex')

function streamOf (...chunks) {
  return new ReadableStream({
    start (c) {
      for (const x of chunks) c.enqueue(x)
      c.close()
    },
  })
}

// ------------------------------------------------------------ body types

const big = new Uint8Array(300 * 1024).map((_, i) => (i * 7) & 0xff)
const form = new FormData()
form.append('name', 'line one\nline two\rthree')
form.append('we"ird\nname', 'v')
form.append('file', new File(['file body ✓'], 'notes "1".txt', { type: 'text/plain' }))
form.append('blob', new Blob([big.subarray(0, 1000)]))

const BODIES = [
  ['string', () => 'héllo wörld ✓', 'text/plain;charset=UTF-8'],
  ['empty string', () => '', 'text/plain;charset=UTF-8'],
  ['ArrayBuffer', () => big.buffer.slice(0, 5000), undefined],
  ['Uint8Array subarray', () => big.subarray(100, 70000), undefined],
  ['Float64Array', () => new Float64Array([1.5, -2, Math.PI]), undefined],
  ['DataView', () => new DataView(big.buffer, 10, 20), undefined],
  ['Node Buffer', () => Buffer.from('buffer body'), undefined],
  ['large Uint8Array (hashed in chunks)', () => big, undefined],
  ['Blob with type', () => new Blob(['blob ', big.subarray(0, 200000)], { type: 'application/x-thing' }), 'application/x-thing'],
  ['Blob without type', () => new Blob(['plain blob']), undefined],
  ['File', () => new File(['file content'], 'a.txt', { type: 'text/plain' }), 'text/plain'],
  ['URLSearchParams', () => new URLSearchParams({ q: 'a b&c', n: 'é' }), 'application/x-www-form-urlencoded;charset=UTF-8'],
  ['FormData', () => form, /^multipart\/form-data; ?boundary=\S+$/],
  ['ReadableStream', () => streamOf(new Uint8Array([1, 2, 3]), big.subarray(0, 100000)), undefined],
  ['async iterable', () => (async function * () { yield new Uint8Array([9, 8]); yield new Uint8Array([7]) })(), undefined],
]

for (const [name, make, contentType] of BODIES) {
  test(`body: ${name} is hashed, sent as those bytes, and verifies`, async () => {
    const res = await signedFetch()(`${srv.url}/bodies/${encodeURIComponent(name)}?x=1`, { method: 'PUT', body: make() })
    const json = await verified(res, name)
    const seen = lastRequest()
    const sentType = seen.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1]
    if (contentType instanceof RegExp) assert.match(sentType, contentType)
    else assert.equal(sentType, contentType)
    // A content-type fetch would add is signed, not left to chance.
    assert.equal(json.signedHeaders.includes('content-type'), contentType !== undefined)
  })
}

test('a body the verifier saw equals the bytes of the original (FormData: same parts)', async () => {
  const res = await signedFetch()(`${srv.url}/echo`, { method: 'POST', body: form })
  await verified(res, 'FormData')
  // The verifier checked the hash of what arrived; the multipart body
  // itself is compared with undici's own serialisation in body.test.js.
  assert.ok(lastRequest().bodyLength > 1000)
})

test('FormData: the content-type sent names the boundary of the body sent', async () => {
  let sent
  const capture = createSignedFetch({ credentials: CREDS, ...SCOPE, fetch: async (url, init) => { sent = init; return new Response('') } })
  await capture(`${srv.url}/form`, { method: 'POST', body: form })
  const parsed = await new Response(sent.body, { headers: { 'content-type': sent.headers['content-type'] } }).formData()
  assert.equal(await parsed.get('file').text(), 'file body ✓')
  assert.equal(parsed.get('file').name, 'notes "1".txt')
  assert.equal((await parsed.get('blob').arrayBuffer()).byteLength, 1000)
})

test('Request input: URL, method, headers and body come from the Request', async () => {
  const req = new Request(`${srv.url}/req?a=1`, { method: 'POST', body: 'from a Request', headers: { 'x-custom': 'yes' } })
  const json = await verified(await signedFetch()(req), 'Request')
  assert.equal(json.method, 'POST')
  assert.ok(json.signedHeaders.includes('x-custom'))
  assert.ok(json.signedHeaders.includes('content-type'))
  assert.equal(lastRequest().bodyLength, 'from a Request'.length)
})

test('Request input with init overriding body and headers', async () => {
  const req = new Request(`${srv.url}/req2`, { method: 'PUT', body: 'old', headers: { 'x-old': '1' } })
  const json = await verified(await signedFetch()(req, { body: new Uint8Array([1, 2, 3, 4]), headers: { 'x-new': '2' } }), 'Request+init')
  assert.ok(json.signedHeaders.includes('x-new'))
  assert.ok(!json.signedHeaders.includes('x-old'))
  assert.equal(lastRequest().bodyLength, 4)
})

test('Request input: a POST without a body, and a Request whose body was already read', async () => {
  await verified(await signedFetch()(new Request(`${srv.url}/empty-post`, { method: 'POST' })), 'POST without body')
  assert.equal(lastRequest().bodyLength, 0)
  const used = new Request(`${srv.url}/used`, { method: 'POST', body: 'x' })
  await used.text()
  await assert.rejects(signedFetch()(used), TypeError)
})

test('URL objects, Headers objects, repeated header values, lowercase methods', async () => {
  const h = new Headers([['x-a', 'one'], ['x-a', 'two'], ['x-b', '  spaced   value ']])
  const json = await verified(await signedFetch()(new URL(`${srv.url}/h/a%20b?z=1&a=2`), { method: 'post', headers: h, body: '{}' }), 'headers')
  assert.equal(json.method, 'POST')
  assert.ok(json.signedHeaders.includes('x-a') && json.signedHeaders.includes('x-b'))
})

test('S3: x-amz-content-sha256 carries the body hash', async () => {
  const s3 = await startVerifyServer({ credentials: CREDS, service: 's3' })
  try {
    const f = createSignedFetch({ credentials: CREDS, region: 'us-east-1', service: 's3' })
    const body = big.subarray(0, 123456)
    await verified(await f(`${s3.url}/bucket/key name.bin`, { method: 'PUT', body }), 'S3 PUT')
    const sent = s3.requests[0].headers.find(([n]) => n === 'x-amz-content-sha256')[1]
    assert.equal(sent, sha(body))
  } finally {
    await s3.close()
  }
})

test('unsignedStreams: a stream is sent as read, signed UNSIGNED-PAYLOAD', async () => {
  const f = createSignedFetch({ credentials: CREDS, ...SCOPE, unsignedStreams: true })
  const json = await verified(await f(`${srv.url}/stream`, { method: 'PUT', body: streamOf(new Uint8Array([1, 2, 3])) }), 'unsigned stream')
  assert.ok(json.signedHeaders.includes('x-amz-content-sha256'))
  assert.equal(lastRequest().headers.find(([n]) => n === 'x-amz-content-sha256')[1], 'UNSIGNED-PAYLOAD')
  assert.equal(lastRequest().bodyLength, 3)
  // Other bodies are still hashed.
  await verified(await f(`${srv.url}/stream`, { method: 'PUT', body: 'not a stream' }), 'string')
  assert.equal(lastRequest().headers.find(([n]) => n === 'x-amz-content-sha256'), undefined)
})

test('unsignedStreams: a Request\'s streamed body is sent as it is read', async () => {
  const f = createSignedFetch({ credentials: CREDS, ...SCOPE, unsignedStreams: true })
  const req = new Request(`${srv.url}/req-stream`, { method: 'PUT', body: streamOf(new Uint8Array([4, 5])), duplex: 'half' })
  await verified(await f(req), 'Request stream')
  assert.equal(lastRequest().headers.find(([n]) => n === 'x-amz-content-sha256')[1], 'UNSIGNED-PAYLOAD')
  assert.equal(lastRequest().bodyLength, 2)
})

test('an explicit x-amz-content-sha256: UNSIGNED-PAYLOAD header is honoured; a wrong hex one is replaced', async () => {
  const f = signedFetch()
  await verified(await f(`${srv.url}/u`, { method: 'PUT', body: 'abc', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }), 'explicit unsigned')
  assert.equal(lastRequest().headers.find(([n]) => n === 'x-amz-content-sha256')[1], 'UNSIGNED-PAYLOAD')
  await verified(await f(`${srv.url}/u`, { method: 'PUT', body: 'abc', headers: { 'x-amz-content-sha256': '0'.repeat(64) } }), 'wrong hash replaced')
  assert.equal(lastRequest().headers.find(([n]) => n === 'x-amz-content-sha256')[1], sha('abc'))
})

// ------------------------------------------------------------ tampering

function tamperingFetch (change) {
  return (input, init) => {
    const next = change({ ...init, headers: new Headers(init.headers) })
    return fetch(input, next)
  }
}

test('a request changed after signing is refused (403): body, header, same-length body', async () => {
  const cases = [
    ['body replaced', (i) => ({ ...i, body: 'tampered' })],
    ['same-length body', (i) => ({ ...i, body: new TextEncoder().encode('{"amount":900}') })],
    ['signed header changed', (i) => { i.headers.set('x-custom', 'two'); return i }],
    ['content-type changed', (i) => { i.headers.set('content-type', 'text/html'); return i }],
  ]
  for (const [what, change] of cases) {
    const f = createSignedFetch({ credentials: CREDS, ...SCOPE, fetch: tamperingFetch(change) })
    const res = await f(`${srv.url}/pay`, { method: 'POST', body: '{"amount":100}', headers: { 'x-custom': 'one', 'content-type': 'application/json' } })
    assert.equal(res.status, 403, what)
    assert.equal((await res.json()).reason, 'SignatureDoesNotMatch', what)
  }
  // The same requests untouched verify.
  const f = createSignedFetch({ credentials: CREDS, ...SCOPE, fetch: tamperingFetch((i) => i) })
  await verified(await f(`${srv.url}/pay`, { method: 'POST', body: '{"amount":100}', headers: { 'x-custom': 'one' } }), 'control')
})

test('wrong credentials are refused', async () => {
  const f = createSignedFetch({ credentials: { ...CREDS, secretAccessKey: 'other' }, ...SCOPE })
  assert.equal((await f(`${srv.url}/x`)).status, 403)
})

// ------------------------------------------------------------ errors

test('bad input: clear SigV4Errors, nothing sent', async () => {
  const before = srv.requests.length
  const f = signedFetch()
  await assert.rejects(f(`${srv.url}/x`, { method: 'POST', body: { a: 1 } }), (e) => e instanceof SigV4Error && e.code === 'ERR_BODY' && /JSON\.stringify/.test(e.message))
  await assert.rejects(f(`${srv.url}/x`, { method: 'POST', body: 42 }), { code: 'ERR_BODY' })
  await assert.rejects(f(`${srv.url}/x`, { method: 'get', body: 'x' }), (e) => e.code === 'ERR_BODY' && /GET request cannot have a body/.test(e.message))
  await assert.rejects(f('not a url'), { code: 'ERR_URL' })
  await assert.rejects(f('ftp://example.com/x'), { code: 'ERR_URL' })
  await assert.rejects(f(`${srv.url}/x`, { headers: { authorization: 'mine' } }), { code: 'ERR_HEADER_RESERVED' })
  await assert.rejects(f(`${srv.url}/x`, { method: 'POST', body: streamOf('text chunk') }), { code: 'ERR_BODY' })
  assert.equal(srv.requests.length, before)
  assert.throws(() => createSignedFetch({}), { code: 'ERR_CREDENTIALS' })
  assert.throws(() => createSignedFetch({ credentials: { accessKeyId: 'A' } }), (e) => e.code === 'ERR_CREDENTIALS' && /secretAccessKey/.test(e.message))
  assert.throws(() => createSignedFetch({ credentials: CREDS, payloadHash: 'UNSIGNED-PAYLOAD' }), { code: 'ERR_OPTION' })
  assert.throws(() => createSignedFetch({ credentials: CREDS, fetch: 'no' }), { code: 'ERR_OPTION' })
  assert.throws(() => createSignedFetch({ credentials: CREDS, retries: -1 }), { code: 'ERR_OPTION' })
  // Still usable afterwards.
  await verified(await f(`${srv.url}/after-errors`), 'after errors')
})

test('globalThis.fetch is looked up at call time', async () => {
  const f = signedFetch()
  const original = globalThis.fetch
  let calls = 0
  globalThis.fetch = (...args) => {
    calls++
    return original(...args)
  }
  try {
    await verified(await f(`${srv.url}/late`), 'late-bound fetch')
  } finally {
    globalThis.fetch = original
  }
  assert.equal(calls, 1)
})

// ------------------------------------------------------------ retries

test('retries: 5xx and 429 are retried, each attempt signed anew, the body sent each time', async () => {
  const front = await startFrontServer(srv, { fail: (n) => [503, 429, 500][n] || 0 })
  try {
    // Every attempt signs with a new key: each signature is provably fresh.
    const { provider, lookup } = oneShotKeys('AKIDRETRY')
    const verifier = await startVerifyServer({ credentials: lookup })
    const front2 = await startFrontServer(verifier, { fail: (i) => [503, 429, 500][i] || 0 })
    try {
      const f = createSignedFetch({ credentials: cachedCredentials(provider, { marginMs: 0 }), ...SCOPE, retries: { limit: 3, baseDelayMs: 5 } })
      const res = await f(`${front2.url}/flaky`, { method: 'POST', body: big.subarray(0, 70000) })
      assert.equal(res.status, 200)
      assert.deepEqual(front2.attempts.map((a) => a.status), [503, 429, 500, 200])
      assert.deepEqual(front2.attempts.map((a) => a.verifierStatus), [200, 200, 200, 200], 'every attempt verified')
      const keys = verifier.requests.map((r) => r.accessKeyId)
      assert.equal(new Set(keys).size, 4, `a new signature per attempt: ${keys}`)
      assert.ok(verifier.requests.every((r) => r.bodyLength === 70000))
    } finally {
      await front2.close()
      await verifier.close()
    }
    // Without retries the first failure is returned as it is.
    const once = createSignedFetch({ credentials: CREDS, ...SCOPE })
    assert.equal((await once(`${front.url}/flaky`)).status, 503)
  } finally {
    await front.close()
  }
})

test('retries: the limit is respected and 4xx is not retried', async () => {
  const always = await startFrontServer(srv, { fail: () => 502 })
  const forbidden = await startFrontServer(srv, { fail: () => 404 })
  try {
    const f = createSignedFetch({ credentials: CREDS, ...SCOPE, retries: { limit: 2, baseDelayMs: 1 } })
    assert.equal((await f(`${always.url}/x`)).status, 502)
    assert.equal(always.attempts.length, 3)
    assert.equal((await f(`${forbidden.url}/x`)).status, 404)
    assert.equal(forbidden.attempts.length, 1)
  } finally {
    await always.close()
    await forbidden.close()
  }
})

test('retries: network errors are retried; an abort is not', async () => {
  let calls = 0
  const flakyFetch = (input, init) => {
    calls++
    if (calls === 1) return Promise.reject(new TypeError('fetch failed'))
    return fetch(input, init)
  }
  const f = createSignedFetch({ credentials: CREDS, ...SCOPE, fetch: flakyFetch, retries: { limit: 1, baseDelayMs: 1 } })
  await verified(await f(`${srv.url}/net`, { method: 'PUT', body: 'x' }), 'after a network error')
  assert.equal(calls, 2)

  calls = 0
  const ac = new AbortController()
  const abortingFetch = () => {
    calls++
    ac.abort()
    return Promise.reject(new DOMException('aborted', 'AbortError'))
  }
  const g = createSignedFetch({ credentials: CREDS, ...SCOPE, fetch: abortingFetch, retries: 3 })
  await assert.rejects(g(`${srv.url}/abort`, { signal: ac.signal }), { name: 'AbortError' })
  assert.equal(calls, 1)
})

// ------------------------------------------------------------ clock skew

test('clock skew: a RequestTimeTooSkewed 403 teaches the offset, one retry, and it is reused', async () => {
  const HOUR = 3600 * 1000
  const skewed = await startVerifyServer({ credentials: CREDS, ...SCOPE, now: () => Date.now() + HOUR, maxSkewSeconds: 300 })
  try {
    const f = signedFetch()
    assert.equal(f.clockOffsetMs, 0)
    await verified(await f(`${skewed.url}/skew`, { method: 'POST', body: 'payload' }), 'after skew correction')
    assert.deepEqual(skewed.requests.map((r) => r.status), [403, 200])
    assert.equal(skewed.requests[0].reason, 'RequestTimeTooSkewed')
    assert.ok(Math.abs(f.clockOffsetMs - HOUR) < 5000, `offset ${f.clockOffsetMs}`)
    await verified(await f(`${skewed.url}/skew2`), 'offset reused')
    assert.deepEqual(skewed.requests.map((r) => r.status), [403, 200, 200], 'no 403 the second time')
    // A fresh signed fetch has its own clock.
    assert.equal((await signedFetch()(`${skewed.url}/other`)).status, 200)
    assert.deepEqual(skewed.requests.slice(3).map((r) => r.status), [403, 200])
  } finally {
    await skewed.close()
  }
})

test('clock skew: only one retry, and other 403s are returned as they are', async () => {
  // The server's clock keeps moving away: the retry fails too, and is not repeated.
  let shift = 3600 * 1000
  const drifting = await startVerifyServer({ credentials: CREDS, ...SCOPE, now: () => Date.now() + (shift *= 2), maxSkewSeconds: 300 })
  try {
    const res = await signedFetch()(`${drifting.url}/drift`)
    assert.equal(res.status, 403)
    assert.equal(drifting.requests.length, 2)
  } finally {
    await drifting.close()
  }
  const before = srv.requests.length
  const f = createSignedFetch({ credentials: { ...CREDS, secretAccessKey: 'wrong' }, ...SCOPE })
  assert.equal((await f(`${srv.url}/denied`)).status, 403)
  assert.equal(srv.requests.length, before + 1, 'a signature mismatch with a correct clock is not retried')
  assert.equal(f.clockOffsetMs, 0)
})

// ------------------------------------------------------------ credentials

test('rotating provider under concurrency: every request signed with one consistent credential set', async () => {
  // The provider rotates keys by mutating ONE shared object in two steps
  // with a pause between them (rotations never overlap, so what it returns
  // is always whole). A signature that read the object during a pause -
  // through a reference kept from an earlier call - would pair the new key
  // id with the old secret and fail verification.
  const issued = new Map()
  const shared = {}
  let generation = 0
  let rotation = Promise.resolve()
  const rotate = () => {
    rotation = rotation.then(async () => {
      generation++
      shared.accessKeyId = `AKIDROT${generation}`
      await new Promise((r) => setTimeout(r, 4))
      shared.secretAccessKey = `secret-${generation}`
      shared.sessionToken = `token-${generation}`
      shared.expiration = new Date(Date.now() + 25)
      issued.set(shared.accessKeyId, { accessKeyId: shared.accessKeyId, secretAccessKey: shared.secretAccessKey, sessionToken: shared.sessionToken })
      return shared
    })
    return rotation
  }
  let calls = 0
  const provider = () => {
    calls++
    return rotate()
  }
  const verifier = await startVerifyServer({ credentials: (akid) => issued.get(akid) ?? null })
  try {
    const f = createSignedFetch({ credentials: cachedCredentials(provider, { marginMs: 0 }), ...SCOPE })
    const results = []
    for (let wave = 0; wave < 6; wave++) {
      // Requests start 0..15 ms apart, and a rotation starts at 3 ms, so
      // some are signed while the shared object is half rotated.
      setTimeout(() => rotate(), 3)
      const batch = Array.from({ length: 16 }, (_, i) => new Promise((r) => setTimeout(r, i)).then(() =>
        f(`${verifier.url}/c/${wave}/${i}`, { method: 'POST', body: `wave ${wave} request ${i}` })).then((r) => r.status))
      results.push(...await Promise.all(batch))
      await new Promise((r) => setTimeout(r, 30))
    }
    assert.deepEqual(results, results.map(() => 200), JSON.stringify(verifier.requests.filter((r) => !r.ok).map((r) => r.reason)))
    assert.ok(calls >= 6, `the provider was asked again after expiry (${calls} calls)`)
    assert.ok(calls < results.length, `concurrent requests shared refreshes (${calls} calls for ${results.length})`)
    assert.ok(new Set(verifier.requests.map((r) => r.accessKeyId)).size >= 6)
  } finally {
    await verifier.close()
  }
})

test('a provider is cached: static credentials need no provider call per request', async () => {
  let calls = 0
  const f = createSignedFetch({ credentials: async () => { calls++; return CREDS }, ...SCOPE })
  await Promise.all([1, 2, 3, 4, 5].map((i) => f(`${srv.url}/cached/${i}`).then((r) => verified(r, 'cached'))))
  await verified(await f(`${srv.url}/cached/6`), 'cached')
  assert.equal(calls, 1)
})

test('a failing provider rejects the request with its error, and the next request asks again', async () => {
  let calls = 0
  const f = createSignedFetch({
    credentials: async () => {
      if (calls++ === 0) throw new Error('metadata service unavailable')
      return CREDS
    },
    ...SCOPE,
  })
  await assert.rejects(f(`${srv.url}/p`), /metadata service unavailable/)
  await verified(await f(`${srv.url}/p`), 'second try')
  assert.equal(calls, 2)
})

test('in a browser, headers the browser would drop are left unsigned (elsewhere they are signed)', async () => {
  const { sendableHeaders } = await import('../../js/browser.js')
  const entries = [['content-type', 'a'], ['content-length', '3'], ['date', 'x'], ['Sec-Fetch-Mode', 'cors'], ['proxy-x', '1'], ['x-amz-meta', 'm']]
  assert.deepEqual(sendableHeaders(entries, true), [['content-type', 'a'], ['x-amz-meta', 'm']])
  assert.deepEqual(sendableHeaders(entries, false), entries)
  assert.deepEqual(sendableHeaders(entries), entries, 'Node is not a browser')
})
