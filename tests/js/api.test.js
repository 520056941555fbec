// The public API's shapes and behaviour, with independent oracles
// (node:crypto for hashes and keys, @smithy/signature-v4 for signatures).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash, createHmac } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'
import { HttpRequest } from '@smithy/protocol-http'
import { readFileSync } from 'node:fs'
import { Hash } from '@smithy/hash-node'
import { init, sign, presign, explain, createSigner, sha256, sha256Async, createSha256, SigV4Error } from '../../js/index.js'
import { _useNativeHash } from '../../js/core.js'

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const base = { credentials, region: 'us-east-1', service: 'service', signingDate: '2015-08-30T12:36:00Z' }
const URL0 = 'https://example.amazonaws.com/'

function sig (signed) {
  return signed.headers.authorization.slice(-64)
}

async function smithySign (req, { service = 'service', region = 'us-east-1', creds = credentials, date = '2015-08-30T12:36:00Z', s3 = false } = {}) {
  const url = new URL(req.url)
  const signer = new SignatureV4({ credentials: creds, region, service, sha256: Hash.bind(null, 'sha256'), uriEscapePath: !s3, applyChecksum: s3 })
  const headers = { host: url.host }
  for (const [n, v] of Object.entries(req.headers || {})) headers[n] = v
  const query = {}
  for (const [k, v] of url.searchParams) query[k] = k in query ? [].concat(query[k], v) : v
  const r = await signer.sign(new HttpRequest({ method: req.method || 'GET', protocol: url.protocol, hostname: url.hostname, path: url.pathname, query, headers, body: req.body }), { signingDate: new Date(date) })
  return r.headers.authorization.slice(-64)
}

test('init is memoised and idempotent', async () => {
  const a = init()
  const b = init()
  await a
  await b
  await init()
})

test('init() compiles synchronously, and asynchronously where a host refuses that', async () => {
  const wasmBytes = readFileSync(new URL('../../dist/sigv4.wasm', import.meta.url))
  const opts = { credentials, region: 'us-east-1', service: 'service', signingDate: '2015-08-30T12:36:00Z' }
  const want = sign({ url: URL0 }, opts).headers.authorization
  // A fresh copy of the glue (its own module state), on a host whose
  // synchronous WebAssembly.Module throws as a browser's main thread may.
  const fresh = await import(`../../js/core.js?refuse-sync=${Date.now()}`)
  const { init: freshInit } = fresh.makeLoader(() => wasmBytes)
  const Module = WebAssembly.Module
  let refused = 0
  WebAssembly.Module = function () {
    refused++
    throw new RangeError('WebAssembly.Module is disallowed on the main thread')
  }
  try {
    await freshInit()
  } finally {
    WebAssembly.Module = Module
  }
  assert.equal(refused, 1)
  assert.equal(fresh.sign({ url: URL0 }, opts).headers.authorization, want)
  // With a synchronous compile allowed, init() is done without the async path.
  const fresh2 = await import(`../../js/core.js?sync=${Date.now()}`)
  const loader2 = fresh2.makeLoader(() => wasmBytes)
  const p = loader2.init()
  assert.equal(fresh2.sign({ url: URL0 }, opts).headers.authorization, want, 'usable before the promise settles')
  await p
})

test('without a Buffer (browsers, Deno, workers) the output is read the same', async () => {
  const wasmBytes = readFileSync(new URL('../../dist/sigv4.wasm', import.meta.url))
  // Header bytes above 0x7F reach explain()'s canonical request as such.
  const request = { method: 'POST', url: URL0 + 'a%20b?x=1&y', headers: { 'x-latin': 'caf\u00e9 \u00ff' }, body: 'hello' }
  const options = { ...base, credentials: { ...credentials, sessionToken: 'tok' } }
  const fresh = await import(`../../js/core.js?no-buffer=${Date.now()}`)
  const B = globalThis.Buffer
  globalThis.Buffer = undefined
  try {
    fresh.makeLoader(() => wasmBytes).initSync()
  } finally {
    globalThis.Buffer = B
  }
  assert.deepEqual(fresh.sign(request, options), sign(request, options))
  assert.deepEqual(fresh.explain(request, options), explain(request, options))
  assert.equal(fresh.presign(request, options), presign(request, options))
  // The node:crypto lookup (js/hash.js) is shared by every copy of the glue.
  fresh._useNativeHash(false)
  try {
    assert.equal(fresh.sha256('abc'), sha256('abc'))
  } finally {
    fresh._useNativeHash(true)
  }
  assert.match(explain(request, options).canonicalRequest, /\nx-latin:caf\u00e9 \u00ff\n/)
})

test('createSigner: signers of their own sign as the functions do, whatever was signed before', () => {
  const a = createSigner()
  const b = createSigner()
  const rotated = { ...base, credentials: { ...credentials, secretAccessKey: 'another/secret' } }
  const request = { method: 'POST', url: URL0 + 'p?q=1', headers: { 'x-a': '1' }, body: 'hi' }
  // Interleaved: a cached key, URL or token of one signer never reaches another's call.
  for (const options of [base, rotated, base, { ...rotated, credentials: { ...rotated.credentials, sessionToken: 'tok' } }]) {
    const want = sign(request, options)
    assert.deepEqual(a.sign(request, options), want)
    assert.deepEqual(b.sign(request, options), want)
    assert.equal(a.presign(request, options), presign(request, options))
    assert.deepEqual(b.explain(request, options), explain(request, options))
  }
  assert.notEqual(sig(sign(request, base)), sig(sign(request, rotated)))
  assert.throws(() => a.sign({ url: 'ftp://x/' }, base), { code: 'ERR_URL' })
})

test('header forms: object, Headers, pairs, Map give the same signature', () => {
  const forms = [
    { 'Content-Type': 'application/json', 'X-Custom': 'a' },
    new Headers({ 'Content-Type': 'application/json', 'X-Custom': 'a' }),
    [['content-type', 'application/json'], ['x-custom', 'a']],
    new Map([['content-type', 'application/json'], ['x-custom', 'a']]),
  ]
  const sigs = forms.map((headers) => sig(sign({ url: URL0, headers }, base)))
  assert.equal(new Set(sigs).size, 1)
})

test('duplicate headers: pairs keep both values, objects with arrays too', () => {
  const pairs = sign({ url: URL0, headers: [['x-a', '1'], ['X-A', '2']] }, base)
  const arrays = sign({ url: URL0, headers: { 'x-a': ['1', '2'] } }, base)
  assert.equal(sig(pairs), sig(arrays))
  assert.equal(pairs.headers['x-a'], '1,2')
  const why = explain({ url: URL0, headers: [['x-a', '1'], ['X-A', '2']] }, base)
  assert.match(why.canonicalRequest, /\nx-a:1,2\n/)
})

test('returned headers: lowercase, no host, the signer\'s own added', () => {
  const signed = sign({ method: 'POST', url: 'https://abc.execute-api.us-east-2.amazonaws.com/prod/events', headers: { 'Content-Type': 'application/json', Host: 'abc.execute-api.us-east-2.amazonaws.com' }, body: '{"date":"today"}' },
    { credentials: { ...credentials, sessionToken: 'TOKEN' }, signingDate: '2015-08-30T12:36:00Z' })
  assert.deepEqual(Object.keys(signed.headers).sort(), ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token'])
  assert.equal(signed.headers['x-amz-security-token'], 'TOKEN')
  assert.equal(signed.headers['x-amz-date'], '20150830T123600Z')
  assert.match(signed.headers.authorization, /Credential=AKIDEXAMPLE\/20150830\/us-east-2\/execute-api\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/)
  assert.equal(signed.method, 'POST')
  assert.equal(signed.body, '{"date":"today"}')
})

test('S3: x-amz-content-sha256 is added and equals the body hash', () => {
  const body = 'Welcome to Amazon S3.'
  const signed = sign({ method: 'PUT', url: 'https://examplebucket.s3.amazonaws.com/test$file.text', body }, { credentials, signingDate: '2013-05-24T00:00:00Z' })
  assert.equal(signed.headers['x-amz-content-sha256'], createHash('sha256').update(body).digest('hex'))
  assert.match(signed.headers.authorization, /\/us-east-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date,/)
})

test('each call signs its own session token (the last one\'s bytes are reused only for the same token)', () => {
  const tokens = ['A'.repeat(400), 'B'.repeat(400), '', 'A'.repeat(400), 'A'.repeat(399) + 'C', 'tok/en+=']
  for (const sessionToken of tokens) {
    const options = { ...base, credentials: { ...credentials, sessionToken } }
    const why = explain({ url: URL0 }, options)
    const line = why.canonicalRequest.split('\n').find((l) => l.startsWith('x-amz-security-token:'))
    assert.equal(line, sessionToken ? `x-amz-security-token:${sessionToken}` : undefined)
    assert.equal(sign({ url: URL0 }, options).headers['x-amz-security-token'], sessionToken || undefined)
  }
  // A token that cannot go on the wire is refused, and the next call works.
  assert.throws(() => sign({ url: URL0 }, { ...base, credentials: { ...credentials, sessionToken: 'tök' } }), { code: 'ERR_TOKEN' })
  assert.match(explain({ url: URL0 }, { ...base, credentials: { ...credentials, sessionToken: 'tok' } }).canonicalRequest, /\nx-amz-security-token:tok\n/)
})

test('a host header must match the URL', () => {
  assert.throws(() => sign({ url: URL0, headers: { host: 'evil.example' } }, base), { code: 'ERR_HOST' })
})

test('methods are normalised as fetch does; a lowercase patch, which fetch sends as written, is refused', () => {
  assert.equal(sign({ method: 'get', url: URL0 }, base).method, 'GET')
  assert.equal(sig(sign({ method: 'delete', url: URL0 }, base)), sig(sign({ method: 'DELETE', url: URL0 }, base)))
  assert.equal(sign({ method: 'PATCH', url: URL0 }, base).method, 'PATCH')
  assert.equal(sign({ method: 'MKCOL', url: URL0 }, base).method, 'MKCOL')
  for (const method of ['patch', 'Patch']) {
    assert.throws(() => sign({ method, url: URL0 }, base),
      (e) => e.code === 'ERR_METHOD' && e.message.includes(`"${method}"`) && e.message.includes('write "PATCH"'))
  }
})

test('body types hash the same bytes the same way', () => {
  const text = 'héllo wörld'
  const bytes = new TextEncoder().encode(text)
  const forms = [text, bytes, bytes.buffer, new DataView(bytes.buffer), Buffer.from(text)]
  const sigs = forms.map((body) => sig(sign({ method: 'POST', url: URL0, body }, base)))
  assert.equal(new Set(sigs).size, 1)
  const why = explain({ method: 'POST', url: URL0, body: text }, base)
  assert.ok(why.canonicalRequest.endsWith(createHash('sha256').update(text).digest('hex')))
})

// Node has node:crypto, so the library hashes large inputs with it; each
// hash test also runs with the wasm doing all the hashing, as in browsers.
const bothHashes = (name, fn) => {
  test(`${name} (native hash for large inputs)`, fn)
  test(`${name} (wasm hash only)`, () => {
    _useNativeHash(false)
    try {
      fn()
    } finally {
      _useNativeHash(true)
    }
  })
}

bothHashes('bodies of every size are hashed right (node:crypto agrees)', () => {
  for (const size of [1, 255, 256, 1023, 1024, 65535, 65536, 65537, 1 << 20, 3 * 65536 + 17]) {
    const body = new Uint8Array(size)
    for (let i = 0; i < size; i++) body[i] = (i * 31 + 7) & 255
    const signed = sign({ method: 'PUT', url: URL0, body }, { ...base, signContentSha256: true })
    assert.equal(signed.headers['x-amz-content-sha256'], createHash('sha256').update(body).digest('hex'), `size ${size}`)
    assert.equal(sha256(body), createHash('sha256').update(body).digest('hex'), `size ${size}`)
  }
})

bothHashes('string bodies are hashed as UTF-8 at every size (node:crypto agrees)', () => {
  // The wasm path encodes strings in windows of 21845 UTF-16 units: pairs
  // that straddle a window edge, lone surrogates (U+FFFD, as TextEncoder
  // and node:crypto make them) and 3-byte characters throughout.
  const W = 21845
  const texts = ['', 'a', 'é'.repeat(255), '\ud800'.repeat(256), '✓'.repeat(1023), 'x'.repeat(1024)]
  for (const len of [W - 1, W, W + 1, 2 * W, 3 * W + 5]) {
    for (const at of [W - 2, W - 1, W, 2 * W - 1]) {
      if (at + 2 > len) continue
      texts.push('é'.repeat(at) + '😀' + '✓'.repeat(len - at - 2))
    }
  }
  texts.push('\ud800' + 'a'.repeat(W - 1) + '\ud83d', 'b'.repeat(W - 1) + '\udc00\ud800')
  for (const text of texts) {
    const want = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex')
    const label = `length ${text.length}`
    assert.equal(sha256(text), want, label)
    assert.equal(createSha256().update(text.slice(0, 7)).update(text.slice(7)).digest(), want, label)
    const signed = sign({ method: 'POST', url: URL0, body: text }, { ...base, signContentSha256: true })
    assert.equal(signed.headers['x-amz-content-sha256'], want, label)
  }
})

test('sha256Async agrees with node:crypto on both sides of its thresholds', async () => {
  for (const on of [true, false]) {
    _useNativeHash(on)
    try {
      for (const size of [0, 1000, 65535, 65536, 300000]) {
        const body = new Uint8Array(size).fill(size & 255)
        assert.equal(await sha256Async(body), createHash('sha256').update(body).digest('hex'), `size ${size}`)
      }
      assert.equal(await sha256Async('✓'), createHash('sha256').update('✓').digest('hex'))
    } finally {
      _useNativeHash(true)
    }
  }
})

bothHashes('sha256 and createSha256 agree with node:crypto, interleaved', () => {
  const a = createSha256()
  const b = createSha256()
  const ha = createHash('sha256')
  const hb = createHash('sha256')
  for (let i = 0; i < 50; i++) {
    const chunk = new Uint8Array(i * 997 % 70000).fill(i)
    a.update(chunk)
    ha.update(chunk)
    if (i % 3 === 0) {
      b.update(`chunk ${i} ✓`)
      hb.update(`chunk ${i} ✓`)
      sign({ url: URL0 }, base) // signing in between does not disturb them
    }
  }
  assert.equal(a.digest(), ha.digest('hex'))
  assert.equal(b.digest(), hb.digest('hex'))
  assert.equal(sha256(''), createHash('sha256').digest('hex'))
})

test('unsupported bodies are refused, not signed as something else', () => {
  for (const body of [new Blob(['x']), new URLSearchParams('a=1'), new FormData(), new ReadableStream(), 42, {}]) {
    assert.throws(() => sign({ method: 'POST', url: URL0, body }, base), { code: 'ERR_BODY' })
  }
  // ... unless the caller says what to sign.
  const s = sign({ method: 'POST', url: URL0, body: new Blob(['x']) }, { ...base, unsignedPayload: true })
  assert.match(explain({ method: 'POST', url: URL0 }, { ...base, unsignedPayload: true }).canonicalRequest, /\nUNSIGNED-PAYLOAD$/)
  assert.ok(s.headers.authorization)
})

test('signingDate: Date, ISO string and milliseconds agree; default is now', () => {
  const d = new Date('2015-08-30T12:36:00Z')
  const a = sig(sign({ url: URL0 }, { ...base, signingDate: d }))
  assert.equal(sig(sign({ url: URL0 }, { ...base, signingDate: d.toISOString() })), a)
  assert.equal(sig(sign({ url: URL0 }, { ...base, signingDate: d.getTime() })), a)
  const now = sign({ url: URL0 }, { ...base, signingDate: undefined }).headers['x-amz-date']
  const ms = Date.parse(`${now.slice(0, 4)}-${now.slice(4, 6)}-${now.slice(6, 8)}T${now.slice(9, 11)}:${now.slice(11, 13)}:${now.slice(13, 15)}Z`)
  assert.ok(Math.abs(ms - Date.now()) < 5000)
})

test('region and service are inferred from the host; explicit wins; unknown is an error', () => {
  const s = sign({ url: 'https://bucket.s3.eu-west-1.amazonaws.com/key' }, { credentials })
  assert.match(s.headers.authorization, /\/eu-west-1\/s3\/aws4_request/)
  const e = sign({ url: 'https://bucket.s3.eu-west-1.amazonaws.com/key' }, { credentials, region: 'us-west-2', service: 'sqs' })
  assert.match(e.headers.authorization, /\/us-west-2\/sqs\/aws4_request/)
  assert.throws(() => sign({ url: 'https://example.com/' }, { credentials }), (err) => err.code === 'ERR_INFER' && /example\.com/.test(err.message))
})

test('a cached key is never reused for another secret with the same key id', async () => {
  const other = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'a-completely-different-secret' }
  const first = sig(sign({ url: URL0 }, base))
  const second = sig(sign({ url: URL0 }, { ...base, credentials: other }))
  assert.notEqual(first, second)
  assert.equal(second, await smithySign({ url: URL0 }, { creds: other }))
  assert.equal(sig(sign({ url: URL0 }, base)), first)
})

test('signatures agree with @smithy/signature-v4 on typical requests', async () => {
  const cases = [
    { method: 'GET', url: 'https://example.amazonaws.com/path/to/thing?b=2&a=1&a=0' },
    { method: 'POST', url: 'https://example.amazonaws.com/items', headers: { 'content-type': 'application/json', 'x-amz-meta-x': ' spaced   out ' }, body: '{"a":1}' },
    { method: 'PUT', url: 'https://example.amazonaws.com/a%20b/%E1%88%B4', body: new Uint8Array([1, 2, 3]) },
  ]
  for (const c of cases) {
    assert.equal(sig(sign(c, base)), await smithySign(c), c.url)
  }
})

test('presign: expiry bounds, token placement, IoT', () => {
  const creds = { ...credentials, sessionToken: 'tok/en+=' }
  const url = presign({ url: URL0 }, { ...base, credentials: creds, expiresIn: 60 })
  assert.match(url, /X-Amz-Expires=60&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/)
  const iot = presign({ url: 'wss://x/' === '' ? '' : 'https://abc-ats.iot.us-east-1.amazonaws.com/mqtt' }, { credentials: creds, signingDate: base.signingDate, service: 'iotdevicegateway', region: 'us-east-1' })
  assert.match(iot, /X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}&X-Amz-Security-Token=tok%2Fen%2B%3D$/)
  for (const expiresIn of [0, 604801, NaN, 1.5, '60', -1]) {
    assert.throws(() => presign({ url: URL0 }, { ...base, expiresIn }), { code: 'ERR_EXPIRES' }, String(expiresIn))
  }
  assert.ok(presign({ url: URL0 }, { ...base, expiresIn: 604800 }))
  // S3 presigned URLs sign UNSIGNED-PAYLOAD; others the body hash.
  assert.match(explain({ url: 'https://b.s3.amazonaws.com/k' }, { credentials, presign: true }).canonicalRequest, /\nUNSIGNED-PAYLOAD$/)
})

test('bad input: clear SigV4Error, and the module keeps working', () => {
  const bad = [
    [{ url: 'not a url' }, base, 'ERR_URL'],
    [{ url: '/relative/path' }, base, 'ERR_URL'],
    [{ url: 'ftp://example.amazonaws.com/' }, base, 'ERR_URL'],
    [{ url: 'https://user:pass@example.amazonaws.com/' }, base, 'ERR_URL'],
    [{ url: 42 }, base, 'ERR_URL'],
    [{ url: URL0 }, { ...base, credentials: undefined }, 'ERR_CREDENTIALS'],
    [{ url: URL0 }, { ...base, credentials: { accessKeyId: 'A', secretAccessKey: '' } }, 'ERR_CREDENTIALS'],
    [{ url: URL0 }, { ...base, credentials: { accessKeyId: 'A', secretAccessKey: 12345 } }, 'ERR_CREDENTIALS'],
    [{ url: URL0 }, { ...base, region: 'us-east-1\n' }, 'ERR_REGION'],
    [{ url: URL0 }, { ...base, service: 'exec/ute' }, 'ERR_SERVICE'],
    [{ url: URL0 }, { ...base, signingDate: 'yesterday' }, 'ERR_DATE'],
    [{ url: URL0 }, { ...base, signingDate: new Date(NaN) }, 'ERR_DATE'],
    [{ url: URL0, headers: { 'x-a': 'a\nb' } }, base, 'ERR_HEADER_VALUE'],
    [{ url: URL0, headers: { 'x-a': 'a\0b' } }, base, 'ERR_HEADER_VALUE'],
    [{ url: URL0, headers: { 'x-a': '\u0101' } }, base, 'ERR_HEADER_VALUE'],
    [{ url: URL0, headers: { 'bad name': 'v' } }, base, 'ERR_HEADER_NAME'],
    [{ url: URL0, headers: { 'na:me': 'v' } }, base, 'ERR_HEADER_NAME'],
    [{ url: URL0, headers: { 'nämé': 'v' } }, base, 'ERR_HEADER_NAME'],
    [{ url: URL0, headers: { 'x-amz-date': '20150830T123600Z' } }, base, 'ERR_HEADER_RESERVED'],
  ]
  for (const [req, opts, code] of bad) {
    assert.throws(() => sign(req, opts), (e) => {
      assert.ok(e instanceof SigV4Error, `${code}: ${e}`)
      assert.equal(e.code, code)
      assert.ok(!e.message.includes(credentials.secretAccessKey))
      return true
    })
    assert.equal(sig(sign({ url: URL0 }, base)), '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31')
  }
})

test('a request too large for the fixed memory is a clear error, then signing goes on', () => {
  const huge = 'v'.repeat(2 * 1024 * 1024)
  assert.throws(() => sign({ url: URL0, headers: { 'x-big': huge } }, base), { code: 'ERR_SCRATCH' })
  const many = []
  for (let i = 0; i < 10000; i++) many.push([`x-h${i}`, 'v'])
  assert.throws(() => sign({ url: URL0, headers: many }, base), (e) => e instanceof SigV4Error)
  assert.equal(sig(sign({ url: URL0 }, base)), '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31')
  // Large but reasonable requests work: 300 headers, a 100 KB query.
  const h = []
  for (let i = 0; i < 300; i++) h.push([`x-amz-meta-h${i}`, `value ${i}`])
  assert.ok(sign({ url: URL0, headers: h }, base).headers.authorization)
  const q = Array.from({ length: 5000 }, (_, i) => `k${i}=v${i}`).join('&')
  assert.ok(q.length > 50000)
  assert.ok(presign({ url: `${URL0}?${q}` }, base).length > q.length)
})
