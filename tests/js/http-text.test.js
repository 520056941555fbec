// parseHttpRequest, parseCurl and toCurl (js/http-text.js, js/curl.js)
// against independent readers and writers: what node:http (llhttp) reads
// from the same bytes, what /usr/bin/curl actually sends for a command
// line, and requests signed by aws4 that verify() accepts once parsed.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { randomBytes } from 'node:crypto'
import aws4 from 'aws4'
import { parseHttpRequest, parseCurl, toCurl, verify, SigV4Error } from '../../js/index.js'
import { startRawCapture, nodeParse } from './support/raw-capture.mjs'

const run = promisify(execFile)
const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }

let cap
before(async () => { cap = await startRawCapture() })
after(async () => { await cap.close() })

// The bytes of the next request the capture endpoint receives from send().
async function captured (send) {
  const n = cap.requests.length
  await send()
  assert.equal(cap.requests.length, n + 1, 'one request captured')
  return cap.requests[n]
}

function nodeRequest (options, write) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: cap.port, ...options }, (res) => { res.resume(); res.on('end', resolve) })
    req.on('error', reject)
    write(req)
  })
}

async function sameAsNode (bytes) {
  const ours = parseHttpRequest(bytes, { scheme: 'http' })
  const node = await nodeParse(bytes)
  assert.equal(ours.method, node.method)
  assert.equal(ours.path, node.url)
  assert.deepEqual(ours.headers, node.headers)
  assert.deepEqual(Buffer.from(ours.body), node.body)
  assert.equal(ours.url, new URL(`http://127.0.0.1:${cap.port}${node.url}`).href)
  return ours
}

test('parseHttpRequest reads real requests as node:http does', async () => {
  const cases = [
    () => nodeRequest({ method: 'POST', path: '/a%2Fb/../c?x=1&y=%20&x=0', headers: [['Host', `127.0.0.1:${cap.port}`], ['X-Dup', 'one'], ['X-Dup', ' two '], ['Content-Type', 'text/plain']] },
      (req) => req.end('héllo\r\n\r\nbody')),
    () => nodeRequest({ method: 'PUT', path: '/chunked', headers: { 'transfer-encoding': 'chunked' } },
      (req) => { req.write(randomBytes(3000)); req.write('x'); req.end(Buffer.alloc(0)) }),
    () => fetch(`${cap.url}/fetch?q=a+b`, { headers: { 'x-amz-meta-n': 'v' } }).then((r) => r.text()),
    () => fetch(`${cap.url}/stream`, { method: 'POST', duplex: 'half',
      body: new ReadableStream({ start (c) { c.enqueue(new Uint8Array([0, 1, 2])); c.enqueue(new Uint8Array(70000)); c.close() } }) }).then((r) => r.text()),
    () => nodeRequest({ method: 'DELETE', path: '/' }, (req) => req.end()),
  ]
  for (const send of cases) await sameAsNode(await captured(send))
})

test('parseHttpRequest: LF line ends, absolute-form targets, folded lines, leading blank lines', () => {
  const crlf = parseHttpRequest('POST /p?a=1 HTTP/1.1\r\nHost: h.example\r\nX-A:  v  \r\nContent-Length: 2\r\n\r\nok')
  const lf = parseHttpRequest('\r\nPOST /p?a=1 HTTP/1.1\nHost: h.example\nX-A:  v  \nContent-Length: 2\n\nok\n')
  assert.deepEqual(lf, crlf)
  assert.equal(crlf.url, 'https://h.example/p?a=1')
  const abs = parseHttpRequest('GET http://h.example:8080/a%2f..%2Fb?x HTTP/1.1\r\n\r\n')
  assert.equal(abs.url, 'http://h.example:8080/a%2f..%2Fb?x')
  assert.equal(abs.path, '/a%2f..%2Fb?x')
  const folded = parseHttpRequest('GET / HTTP/1.1\r\nHost: h\r\nX-F: a\r\n  b\r\n\tc\r\n\r\n')
  assert.deepEqual(folded.headers[1], ['X-F', 'a b c'])
  assert.deepEqual(parseHttpRequest(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: h\r\nX-U: ünï\r\n\r\n')).headers[1], ['X-U', 'ünï'])
})

test('parseHttpRequest refuses malformed text with a SigV4Error and a stable code', () => {
  const cases = [
    ['', 'ERR_HTTP'],
    ['hello', 'ERR_HTTP'],
    ['GET / HTTP/1.1\r\nHost: h\r\n', 'ERR_HTTP'],
    ['GET /\r\nHost: h\r\n\r\n', 'ERR_HTTP'],
    ['G(T / HTTP/1.1\r\nHost: h\r\n\r\n', 'ERR_METHOD'],
    ['GET / HTTP/1.1\r\n\r\n', 'ERR_HOST'],
    ['GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 'ERR_HOST'],
    ['GET * HTTP/1.1\r\nHost: h\r\n\r\n', 'ERR_PATH'],
    ['GET / HTTP/1.1\r\nHost : h\r\n\r\n', 'ERR_HEADER_NAME'],
    ['GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n', 'ERR_HEADER_NAME'],
    ['GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n', 'ERR_HEADER_VALUE'],
    ['POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\nabc', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nab', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\n\r\nbody without length', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffff\r\n', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n', 'ERR_HTTP'],
    ['POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-T: 1\r\n\r\n', 'ERR_HTTP'],
    ['GET / HTTP/1.1\r\nHost: bad host\r\n\r\n', 'ERR_URL'],
  ]
  for (const [text, code] of cases) {
    assert.throws(() => parseHttpRequest(text), (e) => e instanceof SigV4Error && e.code === code, JSON.stringify(text))
  }
  assert.throws(() => parseHttpRequest(42), (e) => e instanceof SigV4Error && e.code === 'ERR_HTTP')
})

test('parseHttpRequest on mutated and random bytes: a result or a SigV4Error, never a crash', () => {
  const base = Buffer.from('POST /p?a=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nX: y\r\n\r\n3\r\nabc\r\n0\r\n\r\n')
  const alphabet = Buffer.from('\r\n :0f;\0\t/?%aH')
  for (let i = 0; i < 3000; i++) {
    const b = Buffer.from(i % 5 === 0 ? randomBytes(i % 200) : base)
    for (let k = 0; k < 1 + (i % 4); k++) b[(i * 7919 + k * 104729) % b.length || 0] = alphabet[(i + k) % alphabet.length]
    const cut = i % 3 === 0 ? b.subarray(0, i % b.length) : b
    try {
      const r = parseHttpRequest(cut)
      assert.ok(r.body instanceof Uint8Array)
    } catch (e) {
      assert.ok(e instanceof SigV4Error, `${e && e.stack}`)
    }
  }
})

test('a request signed by aws4, received raw and parsed, verifies; a changed body does not', async () => {
  const opts = aws4.sign({ host: `127.0.0.1:${cap.port}`, method: 'POST', path: '/items/a%20b?z=1&a=2', service: 'execute-api', region: 'us-east-1',
    body: '{"n":1}', headers: { 'content-type': 'application/json' } }, CREDS)
  const bytes = await captured(() => nodeRequest({ method: 'POST', path: opts.path, headers: opts.headers }, (req) => req.end(opts.body)))
  const req = parseHttpRequest(bytes, { scheme: 'http' })
  const options = { credentials: () => CREDS, region: 'us-east-1', service: 'execute-api', maxSkewSeconds: 0x7fffffff }
  assert.equal((await verify(req, options)).valid, true)
  const changed = parseHttpRequest(Buffer.from(bytes.toString('latin1').replace('{"n":1}', '{"n":2}'), 'latin1'), { scheme: 'http' })
  const v = await verify(changed, options)
  assert.equal(v.valid, false)
  assert.equal(v.code, 'ERR_SIGNATURE_MISMATCH')
})

// What curl adds by itself, besides what a command line says.
const CURL_OWN = ['host', 'user-agent', 'accept', 'content-length', 'expect', 'accept-encoding']

// Run `line` with bash ($'...' is bash's; URL placeholder replaced) and compare what curl sent
// with what parseCurl says it sends.
async function curlSendsWhatParseCurlSays (line) {
  const full = line.replaceAll('URL', cap.url)
  const bytes = await captured(() => run('bash', ['-c', full]))
  const sent = parseHttpRequest(bytes, { scheme: 'http' })
  const said = parseCurl(full)
  assert.equal(said.method, sent.method, full)
  assert.equal(said.url, cap.url + sent.path, full)
  const lower = (hs) => hs.map(([n, v]) => [n.toLowerCase(), v])
  const sentHeaders = lower(sent.headers)
  for (const h of lower(said.headers)) assert.ok(sentHeaders.some(([n, v]) => n === h[0] && v === h[1]), `${full}: ${h}`)
  for (const [n] of sentHeaders) assert.ok(CURL_OWN.includes(n) || said.headers.some(([m]) => m.toLowerCase() === n), `${full}: curl sent ${n}`)
  const body = said.body === undefined ? new Uint8Array(0) : typeof said.body === 'string' ? new TextEncoder().encode(said.body) : said.body
  assert.deepEqual(Buffer.from(sent.body), Buffer.from(body), full)
  return said
}

test('parseCurl reads command lines as /usr/bin/curl sends them', async () => {
  const lines = [
    "curl -sS -X PUT -H 'X-A: 1' -H \"X-B: two \\\"words\\\"\" --data-binary 'a b\nc' 'URL/p?q=1'",
    'curl -s -d x=1 -d "y=2" URL/form',
    "curl -s -H 'Content-Type:' --data-raw '@notafile' URL/raw",
    "curl -s -G -d a=1 --data-urlencode 'b=x y&z' URL/get",
    'curl -s -I URL/head',
    "curl -s --data-binary $'\\x01\\xff\\n\\'q' URL/bin",
    "curl -s \\\n  -XPATCH \\\n  -H 'Empty;' \\\n  URL/multi",
    "curl -s -A 'agent/1' -e http://ref.example/ -r 0-9 -b 'a=b' --compressed URL/x # a comment",
    'curl -s -u user:pa:ss URL/basic',
    "curl -s --json '{\"a\":1}' URL/json",
    "printf 'A\\000B%%\\n' | curl -s --data-binary @- URL/piped",
    "curl -s -X POST --url 'URL/q?b=2&a=1' -H 'x-amz-date: 20240101T000000Z'",
  ]
  for (const line of lines) await curlSendsWhatParseCurlSays(line)
})

test('parseCurl: SigV4 settings, credentials and the session token', () => {
  const r = parseCurl("curl --aws-sigv4 'aws:amz:eu-west-1:s3' --user 'AKID:se/cret' -H 'x-amz-security-token: TOKEN' https://b.s3.eu-west-1.amazonaws.com/k")
  assert.deepEqual(r, {
    method: 'GET', url: 'https://b.s3.eu-west-1.amazonaws.com/k', headers: [],
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'se/cret', sessionToken: 'TOKEN' }, region: 'eu-west-1', service: 's3',
  })
  assert.deepEqual(parseCurl('curl --aws-sigv4 aws:amz example.com').url, 'http://example.com')
})

test('parseCurl refuses what it cannot know, with ERR_CURL', () => {
  for (const line of [
    'curl', 'curl a b', 'curl -Z x', 'curl --frobnicate x', 'curl -F a=b x', 'curl -T f x', 'curl -d @file x', 'curl -H @h x',
    "curl 'x", 'curl "x', 'curl $URL', 'curl "$URL"', 'curl `echo x`', 'curl x; rm -rf /', 'curl x && curl y', 'curl x > out',
    'curl -u key x', 'curl --aws-sigv4 goog x', 'curl -X', 'cat f | curl --data-binary @- x', "printf '%s' a | curl x",
    'curl x\\', 'a | b | c', "curl -H $'\\xff: x' x",
  ]) {
    assert.throws(() => parseCurl(line), (e) => e instanceof SigV4Error && e.code === 'ERR_CURL', line)
  }
  for (let i = 0; i < 2000; i++) {
    const chars = '\'"\\$ -dXH@|;\n`x:=a'
    let s = 'curl '
    for (let k = 0; k < 1 + (i % 30); k++) s += chars[(i * 31 + k * 17 + (i >> 3) * k) % chars.length]
    try { parseCurl(s) } catch (e) { assert.ok(e instanceof SigV4Error && e.code === 'ERR_CURL', `${s}: ${e && e.stack}`) }
  }
})

test('toCurl -> parseCurl round-trips, and /usr/bin/curl sends exactly the request', async () => {
  const requests = [
    { method: 'GET', url: 'URL/plain?b=2&a=1', headers: [['x-amz-date', '20240101T000000Z'], ['authorization', 'AWS4-HMAC-SHA256 Credential=A/x, SignedHeaders=host, Signature=ab']] },
    { method: 'PUT', url: 'URL/k/a%2Fb/../c/./d?x=[1]&y={2}', headers: [['content-type', "it's/text"], ['x-empty', '']], body: 'line 1\nline \'2\' $HOME `x` \\' },
    { method: 'POST', url: 'URL/bin', headers: [], body: new Uint8Array([0, 1, 255, 37, 39, 92, 10, 200]) },
    { method: 'DELETE', url: 'URL/d', headers: [['x-a', 'b']], body: '@not-a-file' },
    { method: 'HEAD', url: 'URL/h', headers: [] },
    { method: 'PATCH', url: 'URL/p', headers: [['content-type', 'application/json']], body: '{"a":1}' },
  ]
  for (const r of requests) {
    const req = { ...r, url: r.url.replace('URL', cap.url) }
    const line = toCurl(req)
    const back = parseCurl(line)
    const bytes = (b) => (b === undefined ? Buffer.alloc(0) : Buffer.from(typeof b === 'string' ? new TextEncoder().encode(b) : b))
    assert.equal(back.method, req.method, line)
    assert.equal(back.url, req.url, line)
    assert.deepEqual(back.headers, req.headers, line)
    assert.deepEqual(bytes(back.body), bytes(req.body), line)
    const sent = parseHttpRequest(await captured(() => run('sh', ['-c', line + ' -s'])), { scheme: 'http' })
    assert.equal(sent.method, req.method, line)
    assert.equal(sent.path, req.url.slice(cap.url.length), line)
    for (const h of req.headers) assert.ok(sent.headers.some(([n, v]) => n === h[0] && v === h[1]), `${line}: ${h}`)
    assert.ok(req.headers.some(([n]) => n === 'content-type') || !sent.headers.some(([n]) => n.toLowerCase() === 'content-type'), line)
    assert.deepEqual(Buffer.from(sent.body), bytes(req.body), line)
  }
  assert.equal(toCurl({ method: 'PUT', url: 'https://h/k', body: 'x' }, { bodyFile: "my file's.bin" }),
    "curl -X PUT -H Content-Type: --data-binary '@my file'\\''s.bin' https://h/k")
})
