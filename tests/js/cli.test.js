// The sigv4-wasm command line (js/cli/), run as a subprocess against the
// loopback verifying endpoint (support/verify-server.mjs, which checks
// every request with verify() as it arrived), plain fetch, /usr/bin/curl,
// verifyPost, and diagnose()'s scenarios (support/aws-errors.mjs).
// Every output of every run is kept and searched for the secret at the end.

import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFile } from 'node:child_process'
import { createServer } from 'node:http'
import { promisify } from 'node:util'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes, createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { verifyPost, toCurl } from '../../js/index.js'
import { startVerifyServer } from './support/verify-server.mjs'
import { startRawCapture } from './support/raw-capture.mjs'
import { scenarios, smithyComputes } from './support/aws-errors.mjs'
import { EXIT } from '../../js/cli/exit.js'
import { colorsFor } from '../../js/cli/output.js'

const BIN = fileURLToPath(new URL('../../js/cli/main.js', import.meta.url))
const CREDS = { accessKeyId: 'AKIDCLITEST', secretAccessKey: 'cli/Secret+Key/never-printed' }
const SCOPE = ['--region', 'us-east-1', '--service', 'execute-api']
const S3 = ['--region', 'us-east-1', '--service', 's3']
const sh = promisify(execFile)

let srv
let cap
let dir
const outputs = []
// Secrets given to the CLI (the scenarios' too): none may be printed.
const secrets = new Set([CREDS.secretAccessKey, 'another-secret'])

before(async () => {
  srv = await startVerifyServer({ credentials: CREDS })
  cap = await startRawCapture()
  dir = mkdtempSync(join(tmpdir(), 'sigv4-cli-'))
})
after(async () => {
  await srv.close()
  await cap.close()
  rmSync(dir, { recursive: true, force: true })
})

const baseEnv = () => {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey, HOME: dir }
  delete env.AWS_SESSION_TOKEN
  delete env.AWS_PROFILE
  delete env.FORCE_COLOR
  return env
}

/** Runs the CLI: { code, stdout (Buffer), out (text), err }. */
function cli (args, { env = baseEnv(), input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    const o = []
    const e = []
    child.stdout.on('data', (c) => o.push(c))
    child.stderr.on('data', (c) => e.push(c))
    child.on('error', reject)
    child.on('close', (code) => {
      const r = { code, stdout: Buffer.concat(o), out: Buffer.concat(o).toString('utf8'), err: Buffer.concat(e).toString('utf8') }
      outputs.push({ args, ...r })
      resolve(r)
    })
    child.stdin.end(input)
  })
}

const file = (name, data) => {
  const p = join(dir, name)
  writeFileSync(p, data)
  return p
}

const lastSeen = () => srv.requests.at(-1)

test('request: GET with a query, -i prints status and headers', async () => {
  const r = await cli(['request', '-i', `${srv.url}/items/a%20b?z=1&a=2`, ...SCOPE])
  assert.equal(r.code, EXIT.OK, r.err)
  assert.match(r.out, /^HTTP\/1\.1 200 OK\r?\n/)
  assert.match(r.out, /\ncontent-type: application\/json\n/)
  assert.equal(JSON.parse(r.out.split('\n\n')[1]).ok, true)
  assert.equal(lastSeen().ok, true)
  assert.equal(lastSeen().path, '/items/a%20b?z=1&a=2')
})

test('request: POST -d @file sends the file\'s bytes; --json', async () => {
  const data = '{"name": "x"}\n\n'
  const p = file('body.json', data)
  const r = await cli(['request', '--json', '-H', 'content-type: application/json', '-d', `@${p}`, `${srv.url}/post`, ...SCOPE])
  assert.equal(r.code, EXIT.OK, r.err)
  const doc = JSON.parse(r.out)
  assert.equal(doc.status, 200)
  assert.equal(JSON.parse(doc.body).method, 'POST')
  assert.equal(lastSeen().bodySha256, createHash('sha256').update(data).digest('hex'))
  assert.deepEqual(lastSeen().signedHeaders, ['content-type', 'host', 'x-amz-date'])
})

test('request: a binary -T upload, read whole and streamed (S3 aws-chunked; others hashed first)', async () => {
  const data = randomBytes(200_000)
  const p = file('upload.bin', data)
  const sha = createHash('sha256').update(data).digest('hex')
  let r = await cli(['request', '-T', p, `${srv.url}/bucket/key.bin`, ...S3])
  assert.equal(r.code, EXIT.OK, r.err)
  assert.equal(lastSeen().method, 'PUT')
  assert.equal(lastSeen().bodySha256, sha)
  r = await cli(['request', '--stream', '-T', p, `${srv.url}/bucket/key.bin`, ...S3])
  assert.equal(r.code, EXIT.OK, r.err)
  assert.equal(lastSeen().payloadMode, 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD')
  assert.equal(lastSeen().decodedSha256, sha)
  assert.equal(r.err, '', 'no progress bar when stderr is not a terminal')
  r = await cli(['request', '--stream', '-T', p, `${srv.url}/upload`, ...SCOPE])
  assert.equal(r.code, EXIT.OK, r.err)
  assert.equal(lastSeen().bodySha256, sha)
  assert.ok(lastSeen().signedHeaders.includes('content-length'))
})

test('request -T on a terminal: a progress bar on stderr, colours on the status line (util-linux script gives the pty)', async () => {
  const data = randomBytes(300_000)
  const p = file('tty.bin', data)
  const quote = (a) => `'${a.replace(/'/g, "'\\''")}'`
  const command = [process.execPath, BIN, 'request', '-i', '--stream', '-T', p, `${srv.url}/bucket/tty.bin`, ...S3].map(quote).join(' ')
  const { stdout } = await sh('script', ['-qefc', command, '/dev/null'], { env: baseEnv() })
  outputs.push({ args: ['(pty)', command], stdout: Buffer.from(stdout), out: stdout, err: '' })
  assert.match(stdout, /PUT .*tty\.bin \[#{30}\] 100% /, 'the bar reaches 100%')
  assert.match(stdout, /\x1b\[32mHTTP\/1\.1 200 OK\x1b\[39m/, 'a green status line')
  assert.equal(lastSeen().decodedSha256, createHash('sha256').update(data).digest('hex'))
  const plain = await sh('script', ['-qefc', command, '/dev/null'], { env: { ...baseEnv(), NO_COLOR: '1' } })
  assert.doesNotMatch(plain.stdout, /\x1b\[3\d/, 'NO_COLOR: no colours, even on a terminal')
})

test('request: a refused signature is diagnosed on the spot, from AWS\'s answer', async () => {
  // An endpoint that answers as API Gateway does: what it computed for the
  // request, by smithy, holding another secret or having received another body.
  let answer = ''
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(403, { 'content-type': 'application/json' }).end(answer))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const url = `http://127.0.0.1:${server.address().port}/prod/items`
    const body = '{"item":1}'
    const policy = { credentials: CREDS, region: 'us-east-1', service: 'execute-api', signingDate: new Date('2026-12-03T15:36:00Z') }
    const computed = async (b) => {
      const aws = await smithyComputes({ method: 'POST', url, headers: [['content-type', 'application/json']], body: b }, policy)
      return JSON.stringify({ message: `The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n'${aws.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${aws.stringToSign}'\n` })
    }
    const args = ['request', '-d', body, '-H', 'content-type: application/json', '--date', '20261203T153600Z', url, ...SCOPE]
    for (const [received, cause] of [[body, 'WRONG_SECRET'], ['{"item": 1}', 'BODY_CHANGED']]) {
      answer = await computed(received)
      const r = await cli(args)
      assert.equal(r.code, EXIT.HTTP, r.err)
      assert.match(r.err, /^HTTP 403 Forbidden$/m)
      assert.match(r.err, new RegExp(`Likely cause: .+ \\[${cause}\\]`), r.err)
    }
  } finally {
    server.close()
  }
})

test('presign: the URL, fetched with no credentials, gets a 200; --json says when it expires', async () => {
  for (const args of [['presign', `${srv.url}/shared/report.pdf?v=1`, ...S3], ['presign', '-X', 'PUT', '--expires', '60', `${srv.url}/up`, ...S3]]) {
    const r = await cli(args)
    assert.equal(r.code, EXIT.OK, r.err)
    const url = r.out.trim()
    assert.match(url, /X-Amz-Signature=[0-9a-f]{64}/)
    const res = await fetch(url, { method: args.includes('PUT') ? 'PUT' : 'GET', body: args.includes('PUT') ? 'x' : undefined })
    assert.equal(res.status, 200, await res.text())
    assert.equal(lastSeen().presigned, true)
  }
  const r = await cli(['presign', '--json', '--date', '2026-12-03T10:00:00Z', '--expires', '900', `${srv.url}/k`, ...S3])
  const doc = JSON.parse(r.out)
  assert.equal(doc.expiresAt, '2026-12-03T10:15:00.000Z')
  assert.match(doc.url, /X-Amz-Expires=900/)
})

test('request --dry-run prints raw HTTP that verify accepts; --curl prints a line curl sends with a 200', async () => {
  const dry = await cli(['request', '--dry-run', '-H', 'x-custom: 1', '-d', 'hello=world', `${srv.url}/dry?q=1`, ...SCOPE])
  assert.equal(dry.code, EXIT.OK, dry.err)
  assert.match(dry.out, /^POST \/dry\?q=1 HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\n/)
  assert.ok(dry.out.endsWith('\r\n\r\nhello=world'))
  const n = srv.requests.length
  const v = await cli(['verify', '--scheme', 'http'], { input: dry.stdout })
  assert.equal(v.code, EXIT.OK, v.out + v.err)
  assert.match(v.out, /^valid: AWS4-HMAC-SHA256 signature by AKIDCLITEST for us-east-1\/execute-api/)
  assert.equal(srv.requests.length, n, '--dry-run sends nothing')

  const p = file('curl-body.bin', randomBytes(5000))
  for (const args of [['-d', `@${p}`], ['-X', 'PUT', '-d', 'it\'s "quoted" $HOME'], ['-H', 'x-a: b c']]) {
    const c = await cli(['request', '--curl', ...args, `${srv.url}/curl/a%2Fb?b=2&a=1`, ...SCOPE])
    assert.equal(c.code, EXIT.OK, c.err)
    assert.match(c.out, /^curl /)
    const { stdout } = await sh('sh', ['-c', `${c.out.trim()} -sS -w '\\n%{http_code}'`])
    assert.equal(stdout.split('\n').at(-1), '200', `${c.out}\n${stdout}`)
    assert.equal(lastSeen().ok, true)
  }
})

test('presign-post: fields verifyPost accepts, and a curl -F form upload carrying them', async () => {
  const args = ['presign-post', `${srv.url}/`, '--bucket', 'uploads', '--key', 'in/${filename}', '--field', 'Content-Type=text/plain',
    '--starts-with', 'x-amz-meta-tag=ok', '--content-length-range', '1-100', '--region', 'us-east-1']
  const r = await cli([...args, '--json'])
  assert.equal(r.code, EXIT.OK, r.err)
  const post = JSON.parse(r.out)
  const options = { credentials: (id) => (id === CREDS.accessKeyId ? CREDS : null), region: ['us-east-1'], contentLength: 5 }
  const ok = await verifyPost({ ...post.fields, 'x-amz-meta-tag': 'ok-1', key: 'in/a.txt' }, options)
  assert.equal(ok.valid, true, ok.message)
  assert.equal((await verifyPost({ ...post.fields, 'x-amz-meta-tag': 'no', key: 'in/a.txt' }, options)).valid, false)

  const c = await cli([...args, '--curl', '--file', file('a.txt', 'hello')])
  const line = c.out.trim().replace(post.url, `${cap.url}/`).replace(/ -F ('?)file=@/, ' -F x-amz-meta-tag=ok-2 -F $1file=@')
  const n = cap.requests.length
  await sh('sh', ['-c', `${line} -s`])
  const raw = cap.requests[n].toString('latin1')
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'))
  const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': /content-type: (.*)/i.exec(head)[1] },
    body: Buffer.from(raw.slice(raw.indexOf('\r\n\r\n') + 4), 'latin1') }).formData()
  assert.equal(await form.get('file').text(), 'hello')
  const v = await verifyPost(form, options)
  assert.equal(v.valid, true, v.message)
  assert.equal(v.key, 'in/a.txt')
})

test('verify: a valid request, a tampered body, a tampered header; --json', async () => {
  const dry = await cli(['request', '--dry-run', '-H', 'x-custom: one', '-d', 'payload', `${srv.url}/v`, ...SCOPE])
  const raw = dry.stdout.toString('latin1')
  const p = file('req.http', raw)
  let r = await cli(['verify', p, '--scheme', 'http', '--service', 'execute-api'])
  assert.equal(r.code, EXIT.OK, r.out + r.err)
  r = await cli(['verify', file('body.http', raw.replace(/payload$/, 'pAyload')), '--scheme', 'http'])
  assert.equal(r.code, EXIT.NOT_VALID)
  assert.match(r.out, /^not valid: ERR_SIGNATURE_MISMATCH: /)
  assert.match(r.out, /the canonical request this key signs for it:\nPOST\n\/v\n/)
  r = await cli(['verify', '--json', file('header.http', raw.replace('x-custom: one', 'x-custom: two')), '--scheme', 'http'])
  assert.equal(r.code, EXIT.NOT_VALID)
  const doc = JSON.parse(r.out)
  assert.equal(doc.valid, false)
  assert.equal(doc.code, 'ERR_SIGNATURE_MISMATCH')
  r = await cli(['verify', p, '--scheme', 'http', '--service', 's3'])
  assert.equal(r.code, EXIT.NOT_VALID)
  assert.match(r.out, /ERR_WRONG_SERVICE/)
  r = await cli(['verify', file('bad.http', 'GET / HTTP/1.1\r\n\r\n')])
  assert.equal(r.code, EXIT.SIGNING)
  assert.match(r.err, /^sigv4-wasm: ERR_HOST: /)
})

test('exit codes: an HTTP error, a signing error, a network error', async () => {
  const env = { ...baseEnv(), AWS_SECRET_ACCESS_KEY: 'another-secret' }
  let r = await cli(['request', `${srv.url}/x`, ...SCOPE], { env })
  assert.equal(r.code, EXIT.HTTP)
  assert.match(r.out, /"reason":"SignatureDoesNotMatch"/)
  r = await cli(['request', `${srv.url}/x`, '--region', 'bad region', '--service', 'execute-api'])
  assert.equal(r.code, EXIT.SIGNING)
  assert.match(r.err, /^sigv4-wasm: ERR_REGION: /)
  r = await cli(['request', 'https://example.invalid-host-name.test/x'])
  assert.equal(r.code, EXIT.SIGNING, 'no region or service to infer')
  const env2 = baseEnv()
  delete env2.AWS_ACCESS_KEY_ID
  delete env2.AWS_SECRET_ACCESS_KEY
  r = await cli(['request', `${srv.url}/x`, ...SCOPE], { env: env2 })
  assert.equal(r.code, EXIT.SIGNING)
  assert.match(r.err, /no credentials/)
  r = await cli(['request', 'http://127.0.0.1:1/x', ...SCOPE])
  assert.equal(r.code, EXIT.FAILURE)
  assert.match(r.err, /ECONNREFUSED/)
})

test('credentials from --profile (fromIni) and from flags', async () => {
  file('creds.ini', `[ci]\naws_access_key_id = ${CREDS.accessKeyId}\naws_secret_access_key = ${CREDS.secretAccessKey}\n`)
  const env = { ...baseEnv(), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'creds.ini') }
  delete env.AWS_ACCESS_KEY_ID
  delete env.AWS_SECRET_ACCESS_KEY
  let r = await cli(['request', '--profile', 'ci', `${srv.url}/profile`, ...SCOPE], { env })
  assert.equal(r.code, EXIT.OK, r.err)
  r = await cli(['request', '--access-key-id', CREDS.accessKeyId, '--secret-access-key', CREDS.secretAccessKey, `${srv.url}/flags`, ...SCOPE], { env })
  assert.equal(r.code, EXIT.OK, r.err)
  r = await cli(['request', '--profile', 'nope', `${srv.url}/x`, ...SCOPE], { env })
  assert.equal(r.code, EXIT.SIGNING)
  assert.match(r.err, /profile "nope" not found/)
})

const COMMANDS = ['request', 'presign', 'presign-post', 'verify', 'explain']

test('--help for every command, and for the whole', async () => {
  for (const name of COMMANDS) {
    for (const args of [[name, '--help'], [name, '-h'], ['help', name]]) {
      const r = await cli(args)
      assert.equal(r.code, EXIT.OK, args.join(' '))
      assert.match(r.out, new RegExp(`^Usage: sigv4-wasm ${name} `))
      assert.match(r.out, /\nOptions:\n/)
      assert.match(r.out, /\nExit codes:\n {2}0 {2}success/)
    }
  }
  const r = await cli(['--help'])
  assert.equal(r.code, EXIT.OK)
  for (const name of COMMANDS) assert.match(r.out, new RegExp(`\\n {2}${name} `))
  for (const [k, code] of Object.entries(EXIT)) assert.match(r.out, new RegExp(`\\n {2}${code} {2}\\S`), k)
  assert.equal((await cli([])).code, EXIT.USAGE)
})

test('usage errors: one line on stderr, exit 2, no stack trace', async () => {
  for (const args of [
    ['request'], ['request', '--bogus', `${srv.url}/x`], ['request', '-X'], ['frobnicate'], ['request', 'a', 'b'],
    ['request', '-d', 'x', '-T', 'f', `${srv.url}/x`], ['presign', '--expires', 'soon', `${srv.url}/x`], ['presign-post', `${srv.url}/`],
    ['request', '--algorithm', 'v5', `${srv.url}/x`, ...SCOPE], ['request', '-H', 'no colon', `${srv.url}/x`, ...SCOPE],
    ['explain'], ['verify', '--scheme', 'ftp', 'f'], ['request', '--json=1', `${srv.url}/x`],
  ]) {
    const r = await cli(args)
    assert.equal(r.code, EXIT.USAGE, `${args.join(' ')}: ${r.err}`)
    assert.equal(r.out, '', args.join(' '))
    assert.match(r.err, /^sigv4-wasm: [^\n]+\n$/, args.join(' '))
    assert.doesNotMatch(r.err, /\bat .*:\d+:\d+/)
  }
})

test('no escape codes off a terminal or with NO_COLOR; colours on a terminal', async () => {
  const runs = [
    await cli(['request', '-i', `${srv.url}/x`, ...SCOPE]),
    await cli(['request', '-i', `${srv.url}/x`, ...SCOPE], { env: { ...baseEnv(), NO_COLOR: '1' } }),
    await cli(['verify', file('nc.http', 'GET / HTTP/1.1\r\nHost: h\r\n\r\n')]),
    await cli(['--help'], { env: { ...baseEnv(), NO_COLOR: '1' } }),
  ]
  for (const r of runs) assert.ok(!r.out.includes('\x1b') && !r.err.includes('\x1b'))
  const saved = process.env.NO_COLOR
  try {
    delete process.env.NO_COLOR
    assert.equal(colorsFor({ isTTY: true }).red('x'), '\x1b[31mx\x1b[39m')
    assert.equal(colorsFor({ isTTY: false }).red('x'), 'x')
    process.env.NO_COLOR = '1'
    assert.equal(colorsFor({ isTTY: true }).red('x'), 'x')
  } finally {
    if (saved === undefined) delete process.env.NO_COLOR
    else process.env.NO_COLOR = saved
  }
})

// A scenario's request as raw HTTP, as it went on the wire.
function rawHttp (req) {
  const m = /^[a-z]+:\/\/([^/?#]+)(.*)$/i.exec(req.url)
  const body = req.body === undefined ? '' : req.body
  const lines = [`${req.method} ${m[2] || '/'} HTTP/1.1`, `Host: ${m[1]}`, ...req.headers.map(([n, v]) => `${n}: ${v}`)]
  if (body !== '') lines.push(`Content-Length: ${Buffer.byteLength(body)}`)
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

test('explain names the cause of every diagnose() scenario (raw HTTP, flags and --json, a curl command line)', async () => {
  const list = await scenarios()
  assert.ok(list.length >= 4)
  for (const s of list) {
    const env = { ...baseEnv(), AWS_ACCESS_KEY_ID: s.options.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: s.options.credentials.secretAccessKey }
    secrets.add(s.options.credentials.secretAccessKey)
    const scope = [...s.options.region ? ['--region', s.options.region] : [], ...s.options.service ? ['--service', s.options.service] : []]
    const error = file(`${s.name}.err`, s.errorBody)
    const byFile = ['explain', '--request', file(`${s.name}.http`, rawHttp(s.request)), '--aws-error', error, ...scope]
    const byFlags = ['explain', s.request.url, '-X', s.request.method, ...s.request.headers.flatMap(([n, v]) => ['-H', `${n}: ${v}`]),
      ...s.request.body !== undefined ? ['-d', s.request.body] : [], '--aws-error', '-', ...scope]
    const text = await cli(byFile, { env })
    assert.equal(text.code, EXIT.OK, `${s.name}: ${text.err}`)
    assert.match(text.out, new RegExp(`^Likely cause: .*\\[${s.cause}\\]`), `${s.name}:\n${text.out}`)
    const json = await cli([...byFlags, '--json'], { env, input: s.errorBody })
    assert.equal(json.code, EXIT.OK, `${s.name}: ${json.err}`)
    assert.equal(JSON.parse(json.out).causes[0].code, s.cause, s.name)
    // The curl command line that sent it, as --request.
    const curl = await cli(['explain', '--request', file(`${s.name}.curl`, toCurl(s.request)), '--aws-error', error, '--json', ...scope], { env })
    assert.equal(curl.code, EXIT.OK, `${s.name}: ${curl.err}`)
    assert.equal(JSON.parse(curl.out).causes[0].code, s.cause, `${s.name} as curl`)
  }
})

test('explain shows the differing line of AWS\'s canonical request against ours', async () => {
  const s = (await scenarios()).find((x) => x.name === 'path-encoded-once')
  const env = { ...baseEnv(), AWS_ACCESS_KEY_ID: s.options.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: s.options.credentials.secretAccessKey }
  const r = await cli(['explain', '--request', file('peo.http', rawHttp(s.request)), '--aws-error', file('peo.err', s.errorBody), '--region', 'us-east-1', '--service', 'execute-api'], { env })
  const lines = r.out.split('\n')
  const aws = lines.findIndex((l) => l.startsWith('- /prod/files/my%2520report%252B2026.pdf'))
  assert.ok(aws > 0, r.out)
  assert.match(lines[aws], /\(path: AWS\)$/)
  assert.match(lines[aws + 1], /^ {18}\^+$/)
  assert.match(lines[aws + 2], /^\+ \/prod\/files\/my%20report%2B2026\.pdf +\(path: ours\)$/)
  assert.ok(lines.some((l) => l.startsWith('  GET ')), 'same lines shown plain')
  const ours = await cli(['explain', 'https://sts.amazonaws.com/?Version=2011-06-15&Action=GetCallerIdentity', '--date', '2026-12-03T00:00:00Z'])
  assert.equal(ours.code, EXIT.OK, ours.err)
  assert.match(ours.out, /^Canonical request \(sigv4-wasm\):\nGET\n\/\nAction=GetCallerIdentity&Version=2011-06-15\nhost:sts\.amazonaws\.com\n/)
  assert.match(ours.out, /\nString to sign:\nAWS4-HMAC-SHA256\n20261203T000000Z\n20261203\/us-east-1\/sts\/aws4_request\n/)
})

// Last, over what every test above ran (alone, with --test-name-pattern, it has nothing to read).
test('the secret key appears in no output of any run', () => {
  assert.ok(outputs.length > 50)
  for (const o of outputs) {
    for (const secret of secrets) {
      assert.ok(!o.stdout.includes(secret) && !o.err.includes(secret), `${o.args.join(' ')} printed the secret`)
    }
  }
})
