// What a first-time user trips on (issue 19): '+' in queries, a body changed
// after the call, dates without a zone or in seconds, expired credentials,
// a lowercase patch, misspelt option names, a foreign host header, and the
// ERR_INFER message. Signed requests go to the loopback verify server,
// which checks what it received with verify().
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import axios from 'axios'
import {
  sign, presign, explain, createSignedFetch, cachedCredentials, addSigv4Interceptor, sigv4Interceptor,
} from '../../js/index.js'
import { sendableHeaders } from '../../js/browser.js'
import { startVerifyServer } from './support/verify-server.mjs'

const CREDS = { accessKeyId: 'AKIDFIRSTUSE', secretAccessKey: 'first/use+secret', sessionToken: 'first-token' }
const SCOPE = { region: 'us-east-1', service: 'execute-api' }
const base = { credentials: CREDS, ...SCOPE, signingDate: '2026-12-02T10:00:00Z' }
const URL0 = 'https://abc.execute-api.us-east-1.amazonaws.com/prod/items'
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex')
const codeIs = (code, ...parts) => (e) => e.code === code && parts.every((p) => e.message.includes(p))

let srv
test.before(async () => {
  srv = await startVerifyServer({ credentials: CREDS, ...SCOPE })
})
test.after(() => srv.close())
const last = () => srv.requests.at(-1)

// ---------------------------------------------------------------------------
// '+' in the query

test("'+' is a space by default (URLSearchParams, axios); the URL returned carries %20 and %2B, as signed", () => {
  const params = new URLSearchParams({ q: 'a b+c', k: 'x' })
  const url = `${URL0}?${params}` // q=a+b%2Bc&k=x
  const signed = sign({ url }, base)
  assert.equal(signed.url, `${URL0}?q=a%20b%2Bc&k=x`)
  assert.match(explain({ url }, base).canonicalRequest, /\nk=x&q=a%20b%2Bc\n/)
  // The URL sent signs as the URL given: same signature either way.
  assert.equal(sign({ url: signed.url }, base).headers.authorization, signed.headers.authorization)
  // queryFormEncoded: false reads '+' as a plus, and sends %2B.
  const plus = sign({ url }, { ...base, queryFormEncoded: false })
  assert.equal(plus.url, `${URL0}?q=a%2Bb%2Bc&k=x`)
  assert.match(explain({ url }, { ...base, queryFormEncoded: false }).canonicalRequest, /\nk=x&q=a%2Bb%2Bc\n/)
})

test('a query with nothing ambiguous is returned as given; a stray % goes out as %25; the fragment stays', () => {
  for (const q of ['', '?a=1&b=%2F&c=%20', '?acl', '?x=a:b$c,d']) {
    assert.equal(sign({ url: `${URL0}${q}` }, base).url, new URL(`${URL0}${q}`).href)
  }
  assert.equal(sign({ url: `${URL0}?p=100%&q=%zz#top` }, base).url, `${URL0}?p=100%25&q=%25zz#top`)
  assert.equal(sign({ url: `${URL0}?b=2+2&&a` }, base).url, `${URL0}?b=2%202&a`)
})

test('presigned URLs follow the same rule', () => {
  const url = presign({ url: `${URL0}?q=a+b%2Bc` }, { ...base, expiresIn: 60 })
  assert.match(url, /\?X-Amz-Algorithm=.*&q=a%20b%2Bc&X-Amz-Signature=/)
  assert.ok(!new URL(url).search.includes('+'))
})

test("createSignedFetch and the axios interceptor send the query as signed; the server verifies it", async () => {
  const signedFetch = createSignedFetch({ credentials: CREDS, ...SCOPE })
  const query = new URLSearchParams({ q: 'a b+c' })
  for (const input of [`${srv.url}/plus?${query}`, new Request(`${srv.url}/plus-req?${query}`, { headers: { 'x-a': '1' } })]) {
    const res = await signedFetch(input)
    assert.equal(res.status, 200, JSON.stringify(await res.json()))
    assert.match(last().path, /^\/plus(-req)?\?q=a%20b%2Bc$/)
  }
  const ax = axios.create({ baseURL: srv.url, validateStatus: () => true })
  addSigv4Interceptor(ax, { credentials: CREDS, ...SCOPE })
  const res = await ax.get('/axios-plus', { params: { q: 'a b+c' } })
  assert.equal(res.status, 200, JSON.stringify(res.data))
  assert.equal(last().path, '/axios-plus?q=a%20b%2Bc')
})

// ---------------------------------------------------------------------------
// The body is read when the call is made

test('a body changed right after signedFetch() is called is sent as it was at the call', async () => {
  const signedFetch = createSignedFetch({ credentials: CREDS, ...SCOPE })
  const u8 = new TextEncoder().encode('original body')
  const want = sha(u8)
  const sending = signedFetch(`${srv.url}/copy`, { method: 'POST', body: u8 })
  u8[0] = 79
  assert.equal((await sending).status, 200)
  assert.equal(last().bodySha256, want)

  const params = new URLSearchParams({ a: '1' })
  const form = new FormData()
  form.append('a', '1')
  const sendingParams = signedFetch(`${srv.url}/copy-params`, { method: 'POST', body: params })
  params.set('a', 'changed')
  assert.equal((await sendingParams).status, 200)
  assert.equal(last().bodySha256, sha('a=1'))
  // The form as it was: what goes to fetch, parsed back.
  let sent
  const capture = createSignedFetch({ credentials: CREDS, ...SCOPE, fetch: async (url, init) => { sent = init; return new Response('') } })
  const sendingForm = capture(`${srv.url}/copy-form`, { method: 'POST', body: form })
  form.append('b', 'added later')
  await sendingForm
  const parsed = await new Response(sent.body, { headers: { 'content-type': sent.headers['content-type'] } }).formData()
  assert.deepEqual([...parsed.keys()], ['a'])
})

// ---------------------------------------------------------------------------
// Dates

test('signingDate without a time zone, or in seconds, is ERR_DATE saying so; zoned forms are accepted', () => {
  assert.throws(() => sign({ url: URL0 }, { ...base, signingDate: '2026-12-02 10:00:00' }), codeIs('ERR_DATE', 'no time zone', '2026-12-02 10:00:00'))
  assert.throws(() => sign({ url: URL0 }, { ...base, signingDate: '2026-12-02T10:00:00' }), codeIs('ERR_DATE', 'no time zone'))
  assert.throws(() => sign({ url: URL0 }, { ...base, signingDate: 1764669600 }), codeIs('ERR_DATE', 'seconds', 'milliseconds'))
  assert.throws(() => sign({ url: URL0 }, { ...base, signingDate: 0 }), codeIs('ERR_DATE', 'millisecond'))
  const want = sign({ url: URL0 }, base).headers.authorization
  for (const signingDate of ['2026-12-02T10:00:00Z', '2026-12-02T11:00:00+01:00', '2026-12-02T10:00:00.000Z',
    'Wed, 02 Dec 2026 10:00:00 GMT', '20261202T100000Z', Date.UTC(2026, 11, 2, 10), new Date(Date.UTC(2026, 11, 2, 10))]) {
    assert.equal(sign({ url: URL0 }, { ...base, signingDate }).headers.authorization, want, String(signingDate))
  }
  assert.match(sign({ url: URL0 }, { ...base, signingDate: '2026-12-02' }).headers['x-amz-date'], /^20261202T000000Z$/)
})

// ---------------------------------------------------------------------------
// Expired credentials

test('credentials whose expiration has passed are refused by sign() and the integrations', async () => {
  const expired = { ...CREDS, expiration: new Date(Date.now() - 60_000) }
  assert.throws(() => sign({ url: URL0 }, { ...SCOPE, credentials: expired }), codeIs('ERR_CREDENTIALS_EXPIRED', 'expired at'))
  // Valid at the signing time given: signed.
  assert.ok(sign({ url: URL0 }, { ...SCOPE, credentials: expired, signingDate: new Date(Date.now() - 120_000) }).headers.authorization)
  await assert.rejects(createSignedFetch({ credentials: expired, ...SCOPE })(`${srv.url}/expired`), codeIs('ERR_CREDENTIALS_EXPIRED', 'expired at'))
})

test('a provider that returns expired credentials is asked once more, then the call fails', async () => {
  let calls = 0
  const stale = cachedCredentials(async () => {
    calls++
    return { ...CREDS, expiration: new Date(Date.now() - 1000) }
  })
  const signedFetch = createSignedFetch({ credentials: stale, ...SCOPE })
  await assert.rejects(signedFetch(`${srv.url}/stale`), codeIs('ERR_CREDENTIALS_EXPIRED', 'twice'))
  assert.equal(calls, 2)
  let n = 0
  const recovers = async () => ({ ...CREDS, expiration: new Date(Date.now() + (n++ === 0 ? -1000 : 3600_000)) })
  const res = await createSignedFetch({ credentials: recovers, ...SCOPE })(`${srv.url}/recovers`)
  assert.equal(res.status, 200)
  assert.equal(n, 2)
  const ax = axios.create({ baseURL: srv.url, validateStatus: () => true })
  ax.interceptors.request.use(sigv4Interceptor({ credentials: async () => ({ ...CREDS, expiration: 0 }), ...SCOPE }))
  await assert.rejects(ax.get('/axios-stale'), codeIs('ERR_CREDENTIALS_EXPIRED'))
})

// ---------------------------------------------------------------------------
// Methods, option names, host, inference

test('a lowercase patch is refused with the reason (fetch sends it as written); axios signs what it sends', async () => {
  assert.throws(() => sign({ method: 'patch', url: URL0 }, base), codeIs('ERR_METHOD', '"patch"', 'PATCH'))
  const ax = axios.create({ baseURL: srv.url, validateStatus: () => true })
  addSigv4Interceptor(ax, { credentials: CREDS, ...SCOPE })
  const res = await ax.patch('/axios-patch', { a: 1 }) // axios keeps 'patch' in its config and sends PATCH
  assert.equal(res.status, 200, JSON.stringify(res.data))
  assert.equal(last().method, 'PATCH')
})

test('misspelt option and request field names are ERR_OPTION naming the closest known one', async () => {
  const cases = [
    [() => presign({ url: URL0 }, { ...base, expires: 900 }), '"expires"', 'did you mean "expiresIn"'],
    [() => sign({ url: URL0 }, { ...base, regoin: 'eu-west-1' }), '"regoin"', '"region"'],
    [() => sign({ url: URL0, header: { a: '1' } }, base), '"header" is not a request field', '"headers"'],
    [() => explain({ url: URL0, bdy: 'x' }, base), '"bdy"', '"body"'],
    [() => sign({ url: URL0 }, { ...base, region_set: '*' }), '"region_set"', 'regionSet'],
    [() => sign({ url: URL0 }, { ...base, toString: 1 }), '"toString" is not a sign() option (known: credentials'],
    [() => createSignedFetch({ credentials: CREDS, retry: 2 }), 'createSignedFetch option', '"retries"'],
    [() => sigv4Interceptor({ credentials: CREDS, servce: 's3' }), 'sigv4Interceptor option', '"service"'],
    [() => createSignedFetch({ credentials: CREDS, expiresIn: 60 }), 'presigned URLs come from presign()'],
  ]
  for (const [call, ...parts] of cases) assert.throws(call, codeIs('ERR_OPTION', ...parts), parts[0])
  // One options object serves sign, presign and explain.
  const shared = { ...base, expiresIn: 60, presign: true }
  assert.ok(sign({ url: URL0 }, shared).headers.authorization)
  assert.ok(presign({ url: URL0 }, shared))
  assert.ok(explain({ url: URL0 }, shared).url)
})

test('a host header that differs from the URL is ERR_HOST naming both, in Node and in browsers alike', async () => {
  const check = (e) => codeIs('ERR_HOST', '"evil.example"', '"abc.execute-api.us-east-1.amazonaws.com"')(e)
  assert.throws(() => sign({ url: URL0, headers: { host: 'evil.example' } }, base), check)
  assert.ok(sign({ url: URL0, headers: { Host: 'ABC.execute-api.us-east-1.amazonaws.com' } }, base))
  // In a browser the integrations drop the headers browsers never send,
  // but not host: sign() must still see it to refuse a foreign one.
  const entries = [['Host', 'evil.example'], ['Cookie', 'c'], ['x-a', '1']]
  assert.deepEqual(sendableHeaders(entries, true), [['Host', 'evil.example'], ['x-a', '1']])
  await assert.rejects(createSignedFetch({ credentials: CREDS, ...SCOPE })(URL0, { headers: { host: 'evil.example' } }), check)
})

test('ERR_INFER names what is missing', () => {
  const url = 'https://api.example.com/x'
  assert.throws(() => sign({ url }, { credentials: CREDS }), codeIs('ERR_INFER', 'region and service', 'options.region and options.service'))
  assert.throws(() => sign({ url }, { credentials: CREDS, region: 'eu-west-1' }), (e) => e.code === 'ERR_INFER' && /pass options\.service$/.test(e.message))
  assert.throws(() => sign({ url }, { credentials: CREDS, region: '', service: 'x' }), codeIs('ERR_INFER', 'pass options.region', 'an empty region counts as none'))
})
