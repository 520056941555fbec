// Hostile input through the public API (issue 6). Every case either throws
// a SigV4Error with the exact code, or — where the input is valid after
// all — signs exactly as @smithy/signature-v4 does under the same policy.
// Never another exception (a TypeError, a wasm RuntimeError), and after each
// case a normal signature and a normal presigned URL still equal smithy's.
// No thrown error carries the secret or any key derived from it, in any
// form an error is usually printed or logged in.
import test from 'node:test'
import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import { sign, presign, explain, sha256, SigV4Error } from '../../js/index.js'
import { smithyAuthorization, smithyPresignSignature } from './support/smithy.mjs'
import { keyChain, findInText } from './support/secrets.mjs'

const SECRET = 'hostile/SECRET+wJalrXUtnFEMI/K7MDENG/bPxRfiCY'
const credentials = { accessKeyId: 'AKIDHOSTILE', secretAccessKey: SECRET, sessionToken: 'hostile-session/token+=' }
const signingDate = new Date('2026-11-23T09:41:27Z')
const region = 'us-east-1'
const service = 'execute-api'
const base = { credentials, region, service, signingDate }
const HOST = 'https://abc123defg.execute-api.us-east-1.amazonaws.com'
const URL0 = `${HOST}/prod/items`
const KEYS = keyChain(SECRET, '20261123', region, service)

// ---------------------------------------------------------------------------
// The cases. { name, request, options (over base), code } for errors;
// `valid: true` when the input must sign as smithy signs it. `apis` says
// which calls get it (default: sign, presign, explain; presign-only options
// go to presign and explain with presign: true).

const ALL = ['sign', 'presign', 'explain']
const PRESIGN = ['presign', 'explain-presign']
const cases = []
const add = (group, name, request, options, code, apis = ALL) =>
  cases.push({ group, name, request, options, code, apis })
const valid = (group, name, request, options = {}, apis = ['sign']) =>
  cases.push({ group, name, request, options, valid: true, apis })

// Invalid and relative URLs.
for (const url of ['not a url', '', '/relative/path', 'relative/path', '//abc.example.com/path', 'https://',
  'https://[::1', 'http://exa mple.com/', 'https://example.com:99999/', 'https://exa%zzmple.com/']) {
  add('url', `invalid or relative URL ${JSON.stringify(url)}`, { url }, {}, 'ERR_URL')
}
for (const url of [42, null, undefined, {}, ['https://example.com/'], { href: URL0 }]) {
  add('url', `URL of type ${inspect(url)}`, { url }, {}, 'ERR_URL')
}
add('url', 'request is not an object', null, {}, 'ERR_URL')
add('url', 'request is a string', URL0, {}, 'ERR_URL')
valid('url', 'upper-case scheme HTTPS: (the URL parser lowercases it)', { url: URL0.replace('https', 'HTTPS') })

// Non-http(s) schemes.
for (const url of ['ftp://abc.example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hi',
  'blob:https://abc.example.com/1234', 'mailto:a@example.com', 'gopher://abc.example.com/']) {
  add('scheme', `scheme of ${url}`, { url }, {}, 'ERR_URL')
}
// WebSocket URLs are presigned (Transcribe streaming), never signed by headers.
for (const url of ['ws://abc.example.com/', 'wss://abc.example.com/mqtt']) {
  add('scheme', `scheme of ${url}, signed by headers`, { url }, {}, 'ERR_URL', ['sign', 'explain'])
}
add('scheme', 'a URL object with another scheme', { url: new URL('ftp://abc.example.com/x') }, {}, 'ERR_URL')

// Userinfo.
for (const url of ['https://user:pass@abc.example.com/', 'https://user@abc.example.com/', 'https://:pass@abc.example.com/',
  `https://AKIDHOSTILE:${encodeURIComponent(SECRET)}@abc.example.com/`]) {
  add('userinfo', `userinfo in ${url.replace(encodeURIComponent(SECRET), '<secret>')}`, { url }, {}, 'ERR_URL')
}

// Header names with spaces, colons, non-ASCII (and other non-token bytes).
for (const name of ['bad name', ' x-lead', 'x-trail ', 'na:me', ':authority', 'x\ty', '', 'nämé', 'x-中文', 'x-\u{1F600}',
  'x-\ud800', 'x-\udfff', 'x\0', 'x\n', 'x\r\ny', '(x)', 'x;y', 'x"', 'x,y', 'x/y', 'x=y', 'x@y', '\u00ff']) {
  add('header-name', `header name ${JSON.stringify(name)}`, { url: URL0, headers: [['x-ok', '1'], [name, 'v']] }, {}, 'ERR_HEADER_NAME')
}
for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
  valid('header-name', `header name ${name} (an Object.prototype property)`, { url: URL0, headers: [[name, 'v']] })
}
add('header-name', 'header name in an object', { url: URL0, headers: { 'x y': 'v' } }, {}, 'ERR_HEADER_NAME')
add('header-name', 'header name in a Map', { url: URL0, headers: new Map([['x:y', 'v']]) }, {}, 'ERR_HEADER_NAME')
add('header-name', 'a header pair that is not a pair', { url: URL0, headers: [['x-a']] }, {}, 'ERR_HEADER_NAME')
add('header-name', 'headers that are a string', { url: URL0, headers: 'x-a: 1' }, {}, 'ERR_HEADER_NAME')
add('header-name', 'a header name that is not a string', { url: URL0, headers: [[42, 'v']] }, {}, 'ERR_HEADER_NAME')

// CR, LF or NUL in header values (a folded continuation line is valid).
for (const value of ['a\rb', 'a\nb', 'a\r\nb', 'a\0b', '\0', 'a\r\n', '\r\n', 'a\n\nb', 'a\r\rb', '\n',
  'v\r\nX-Injected: yes', 'v\r\n\r\nGET / HTTP/1.1']) {
  add('header-value', `header value ${JSON.stringify(value)}`, { url: URL0, headers: [['x-ok', '1'], ['x-bad', value]] }, {}, 'ERR_HEADER_VALUE')
}
const late = Array.from({ length: 100 }, (_, i) => [`x-h${i}`, `v${i}`])
add('header-value', 'a NUL in the last of 101 header values', { url: URL0, headers: [...late, ['x-last', 'a\0']] }, {}, 'ERR_HEADER_VALUE')
add('header-value', 'a value above U+00FF (HTTP cannot carry it)', { url: URL0, headers: { 'x-a': 'ሴ' } }, {}, 'ERR_HEADER_VALUE')
add('header-value', 'a value whose toString gives a line break', { url: URL0, headers: { 'x-a': { toString: () => 'a\nb' } } }, {}, 'ERR_HEADER_VALUE')
for (const value of ['a\r\n b', 'a\r\n\tb', 'a\n b', '\r\n b']) {
  valid('header-value', `folded header value ${JSON.stringify(value)}`, { url: URL0, headers: [['x-folded', value]] })
}

// Sizes: 10,000 headers, a 1 MB header value, a 100 KB query string.
const many = Array.from({ length: 10000 }, (_, i) => [`x-h${i}`, `v${i}`])
add('size', '10,000 headers', { url: URL0, headers: many }, {}, 'ERR_SCRATCH')
valid('size', '4,095 headers (the most that fit, with host)', { url: URL0, headers: many.slice(0, 4095) })
// 1 MB fits the 1 MiB arena; explain() also needs room for a copy of the
// canonical request, and 1 MiB does not fit at all.
const oneMB = 'v '.repeat(500_000)
valid('size', 'a 1 MB header value', { url: URL0, headers: { 'x-big': oneMB } }, {}, ['sign', 'presign'])
valid('size', 'a 1 MB header value and a body', { method: 'PUT', url: URL0, headers: { 'x-big': oneMB }, body: 'b'.repeat(500) })
add('size', 'a 1 MB header value, explained', { url: URL0, headers: { 'x-big': oneMB } }, {}, 'ERR_SPACE', ['explain', 'explain-presign'])
add('size', 'a 1 MiB header value', { url: URL0, headers: { 'x-big': 'v'.repeat(1 << 20) } }, {}, 'ERR_SCRATCH')
const bigQuery = Array.from({ length: 4500 }, (_, i) => `k${i % 1500}=v%20${i}+%E2%82%AC`).join('&')
valid('size', 'a 100 KB query string', { url: `${URL0}?${bigQuery}` }, {}, ['sign', 'presign'])

// Lone UTF-16 surrogates (a string JS allows but no encoding can carry).
valid('surrogate', 'lone surrogates in the URL path and query (the URL parser makes them U+FFFD)',
  { url: `${URL0}/a\ud800b/\udc00?q=\udbff&\udfff=x` }, {}, ['sign', 'presign'])
valid('surrogate', 'a lone surrogate in a string body (UTF-8 encoding makes it U+FFFD)', { method: 'POST', url: URL0, body: 'x\ud800y' })
valid('surrogate', 'a lone surrogate in the secret (UTF-8 encoding makes it U+FFFD, as smithy does)', { url: URL0 },
  { credentials: { ...credentials, secretAccessKey: `${SECRET}\ud800` } })
add('surrogate', 'a lone surrogate in a header value', { url: URL0, headers: { 'x-a': 'a\ud800' } }, {}, 'ERR_HEADER_VALUE')
add('surrogate', 'a lone surrogate in a header name', { url: URL0, headers: { 'x-\udc00': 'a' } }, {}, 'ERR_HEADER_NAME')
add('surrogate', 'a lone surrogate in the access key id', { url: URL0 }, { credentials: { ...credentials, accessKeyId: 'AKID\ud800' } }, 'ERR_ACCESS_KEY')
add('surrogate', 'a lone surrogate in the session token', { url: URL0 }, { credentials: { ...credentials, sessionToken: 'tok\udfff' } }, 'ERR_TOKEN')
add('surrogate', 'a lone surrogate in the region', { url: URL0 }, { region: 'us-east-1\ud800' }, 'ERR_REGION')
add('surrogate', 'a lone surrogate in the service', { url: URL0 }, { service: '\udc00execute-api' }, 'ERR_SERVICE')
add('surrogate', 'a lone surrogate in the method', { method: 'GET\ud800', url: URL0 }, {}, 'ERR_METHOD')
add('surrogate', 'a lone surrogate in payloadHash', { url: URL0 }, { payloadHash: `${'0'.repeat(63)}\ud800` }, 'ERR_PAYLOAD_HASH')
add('surrogate', 'a lone surrogate in signingDate', { url: URL0 }, { signingDate: '2026-11-23\ud800' }, 'ERR_DATE')

// Unsupported body types (services whose presigned URLs sign the body hash
// it, so presign refuses them too).
for (const [kind, body] of [['Blob', new Blob(['x'])], ['ReadableStream', new ReadableStream()], ['FormData', new FormData()],
  ['URLSearchParams', new URLSearchParams('a=1')], ['number', 42], ['plain object', { a: 1 }], ['array', [1, 2]],
  ['boolean', true], ['bigint', 1n], ['function', () => 'x'], ['Promise', Promise.resolve('x')]]) {
  add('body', `a body of type ${kind}`, { method: 'POST', url: URL0, body }, {}, 'ERR_BODY')
}

// Missing or empty credentials; a secret that is not a string.
for (const [what, options] of [
  ['no options', undefined], ['null options', null], ['options without credentials', { credentials: undefined }],
  ['null credentials', { credentials: null }], ['credentials as a string', { credentials: `AKIDHOSTILE:${SECRET}` }],
  ['empty credentials object', { credentials: {} }],
  ['empty access key id', { credentials: { ...credentials, accessKeyId: '' } }],
  ['missing access key id', { credentials: { secretAccessKey: SECRET } }],
  ['empty secret', { credentials: { ...credentials, secretAccessKey: '' } }],
  ['missing secret', { credentials: { accessKeyId: 'AKIDHOSTILE' } }],
  ['non-string access key id', { credentials: { ...credentials, accessKeyId: 1234 } }],
  ['non-string session token', { credentials: { ...credentials, sessionToken: { token: 'x' } } }],
]) {
  const opts = options === undefined || options === null ? options : { ...base, ...options }
  cases.push({ group: 'credentials', name: what, request: { url: URL0 }, options: opts, replaceOptions: true, code: 'ERR_CREDENTIALS', apis: ALL })
}
for (const [kind, secret] of [['number', 12345], ['null', null], ['boolean', true], ['Buffer of the secret', Buffer.from(SECRET)],
  ['Uint8Array', new Uint8Array(40)], ['String object', new String(SECRET)], ['array', [SECRET]], ['object', { toString: () => SECRET }],
  ['symbol', Symbol(SECRET)], ['bigint', 12345n], ['function', () => SECRET]]) {
  add('credentials', `a secret that is a ${kind}`, { url: URL0 }, { credentials: { ...credentials, secretAccessKey: secret } }, 'ERR_CREDENTIALS')
}

// Region or service with "/", spaces or newlines (or otherwise not a scope part).
for (const bad of ['us/east-1', 'us east-1', 'us-east-1\n', '\nus-east-1', 'us-east-1\r', ' us-east-1', 'us-east-1 ', 'us\teast',
  'us\0east', 'a'.repeat(64), 'us:east', 'us,east', 'ü-east-1']) {
  add('scope', `region ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 8)}... (${bad.length})` : bad)}`, { url: URL0 }, { region: bad }, 'ERR_REGION')
  add('scope', `service ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 8)}... (${bad.length})` : bad)}`, { url: URL0 },
    { service: bad.replace('us', 'ex') }, 'ERR_SERVICE')
}
add('scope', 'region of type number', { url: URL0 }, { region: 1 }, 'ERR_REGION')
add('scope', 'service of type object', { url: URL0 }, { service: { s: 'x' } }, 'ERR_SERVICE')

// expiresIn.
for (const expiresIn of [0, 604801, NaN, 1.5, '60', -1, Infinity, -Infinity, null, 1e21, 2 ** 32 + 60, '3600', true]) {
  add('expires', `expiresIn ${inspect(expiresIn)}`, { url: URL0 }, { expiresIn }, 'ERR_EXPIRES', PRESIGN)
}
valid('expires', 'expiresIn 1 (the least)', { url: URL0 }, { expiresIn: 1 }, ['presign'])
valid('expires', 'expiresIn 604800 (the most: 7 days)', { url: URL0 }, { expiresIn: 604800 }, ['presign'])

// An invalid signingDate.
for (const d of ['yesterday', '', '2026-13-45', '2026-11-23T25:00:00Z', new Date(NaN), NaN, Infinity, -Infinity, 8.64e15 + 1,
  -1, '1969-12-31T23:59:59Z', new Date('+010000-01-01T00:00:00Z'), {}, true, [], Symbol('now')]) {
  add('date', `signingDate ${inspect(d)}`, { url: URL0 }, { signingDate: d }, 'ERR_DATE')
}
valid('date', 'signingDate 0 (1970-01-01, the first)', { url: URL0 }, { signingDate: new Date(0) })
valid('date', 'signingDate 9999-12-31T23:59:59Z (the last)', { url: URL0 }, { signingDate: new Date('9999-12-31T23:59:59Z') })

// sha256 on what it cannot hash.
for (const [kind, data] of [['number', 42], ['plain object', { a: 1 }], ['Blob', new Blob(['x'])],
  ['ReadableStream', new ReadableStream()], ['boolean', false], ['symbol', Symbol('x')]]) {
  cases.push({ group: 'sha256', name: `sha256 of a ${kind}`, sha256: data, code: 'ERR_BODY', apis: ['sha256'] })
}

// ---------------------------------------------------------------------------
// Running them

function call (api, c) {
  const options = c.replaceOptions ? c.options : { ...base, ...c.options }
  switch (api) {
    case 'sign': return sign(c.request, options)
    case 'presign': return presign(c.request, options)
    case 'explain': return explain(c.request, options)
    case 'explain-presign': return explain(c.request, { ...options, presign: true })
    case 'sha256': return sha256(c.sha256)
  }
  throw new Error(`unknown api ${api}`)
}

function thrown (fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  return null
}

// Every way an error tends to be shown or logged.
function errorTexts (err) {
  const props = {}
  for (const k of Object.getOwnPropertyNames(err)) props[k] = err[k]
  return [
    String(err), err.message, err.stack, JSON.stringify(err), JSON.stringify(props),
    inspect(err, { showHidden: true, depth: null }),
  ].filter((t) => typeof t === 'string')
}

function assertNoSecretIn (err, c) {
  const found = new Set()
  for (const text of errorTexts(err)) {
    for (const f of findInText(text, SECRET, KEYS)) found.add(f)
  }
  assert.deepEqual([...found], [], `${c.name}: the error shows ${[...found].join(', ')}`)
}

// The normal request after each case, and smithy's answers for it.
const normal = { method: 'POST', url: `${URL0}?b=2&a=1`, headers: [['content-type', 'application/json']], body: '{"n":1}' }
const normalPolicy = { ...base, expiresIn: 900 }
let expected = null

async function stillSigns (after) {
  const ours = sign(normal, base).headers.authorization
  assert.equal(ours, expected.authorization, `after ${after}: a normal signature differs from smithy's`)
  const url = presign(normal, normalPolicy)
  assert.equal(new URL(url).searchParams.get('X-Amz-Signature'), expected.presigned, `after ${after}: a normal presigned URL differs`)
}

function asGenRequest (request) {
  const headers = request.headers === undefined ? [] : Array.isArray(request.headers) ? request.headers : Object.entries(request.headers)
  return { method: request.method || 'GET', url: request.url, headers, body: request.body ?? null }
}

test.before(async () => {
  expected = {
    authorization: await smithyAuthorization(normal, base),
    presigned: await smithyPresignSignature(normal, normalPolicy),
  }
})

const groups = [...new Set(cases.map((c) => c.group))]
for (const group of groups) {
  test(`hostile input: ${group}`, async (t) => {
    for (const c of cases.filter((x) => x.group === group)) {
      for (const api of c.apis) {
        const label = `${c.name} [${api}]`
        if (c.valid) {
          await checkValid(c, api, label)
        } else {
          const err = thrown(() => call(api, c))
          assert.ok(err, `${label}: no error`)
          assert.ok(err instanceof SigV4Error, `${label}: threw ${err?.name}: ${err?.message}, not a SigV4Error`)
          assert.equal(err.code, c.code, `${label}: ${err.message}`)
          assertNoSecretIn(err, c)
        }
        await stillSigns(label)
      }
    }
  })
}

async function checkValid (c, api, label) {
  const req = asGenRequest(c.request)
  const options = { ...base, ...c.options }
  const policy = { ...options, signingDate: new Date(options.signingDate) }
  if (api === 'sign') {
    assert.equal(sign(c.request, options).headers.authorization, await smithyAuthorization(req, policy), label)
  } else {
    const ours = new URL(presign(c.request, options)).searchParams.get('X-Amz-Signature')
    assert.equal(ours, await smithyPresignSignature(req, { ...policy, expiresIn: options.expiresIn ?? 3600 }), label)
  }
}

test('the cases cover every hostile input of issue 6', (t) => {
  const counts = Object.fromEntries(groups.map((g) => [g, cases.filter((c) => c.group === g).length]))
  for (const g of ['url', 'scheme', 'userinfo', 'header-name', 'header-value', 'size', 'surrogate', 'body', 'credentials', 'scope', 'expires', 'date']) {
    assert.ok(counts[g] >= 3, `${g}: ${counts[g]} cases`)
  }
  const checks = cases.reduce((n, c) => n + c.apis.length, 0)
  assert.ok(bigQuery.length >= 100_000, `${bigQuery.length}`)
  t.diagnostic(`${cases.length} hostile-input cases (${cases.filter((c) => c.valid).length} valid inputs), ${checks} calls`)
})
