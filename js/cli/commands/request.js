// sigv4-wasm request: sign a request, send it, print the response (or,
// with --dry-run / --curl, print what would be sent).

import { writeFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import * as lib from 'sigv4-wasm/v4a'
import { REQUEST, SCOPE, CREDENTIALS } from '../args.js'
import { usage, fileError, EXIT } from '../exit.js'
import { resolveCredentials } from '../credentials.js'
import { signOptions } from '../scope.js'
import { headerPairs } from '../headers.js'
import { dataBody, uploadFile, STREAM_THRESHOLD } from '../body.js'
import { send } from '../send.js'
import { out, err, progressBar, colorsFor } from '../output.js'

export const spec = {
  name: 'request',
  usage: 'request URL [options]',
  summary: 'send a signed request and print the response',
  positionals: 1,
  options: [
    ...REQUEST,
    { flags: ['-T', '--upload-file'], key: 'upload', value: 'FILE', help: `upload FILE (- for stdin) as the body (default method PUT); streamed from ${STREAM_THRESHOLD / 1048576} MiB` },
    { flags: ['--stream'], key: 'stream', help: '-T: stream the file whatever its size (S3: aws-chunked; others: hashed first, then sent)' },
    { flags: ['--no-stream'], key: 'stream', set: false, help: '-T: read the file whole whatever its size' },
    { flags: ['-i', '--include'], key: 'include', help: 'print the response status and headers before the body' },
    { flags: ['-o', '--output'], key: 'output', value: 'FILE', help: 'write the response body to FILE' },
    { flags: ['--dry-run'], key: 'dryRun', help: 'print the signed request (raw HTTP) instead of sending it' },
    { flags: ['--curl'], key: 'curl', help: 'print an equivalent curl command line instead of sending' },
    ...SCOPE,
    ...CREDENTIALS,
  ],
  notes: 'The secret key is never printed. --dry-run and --curl print the request as it would be sent:\n' +
    'its Authorization header (access key id and signature) and, with session credentials, its\n' +
    'x-amz-security-token, so treat their output as you would the session token itself.',
  examples: [
    'sigv4-wasm request https://abc123.execute-api.us-east-1.amazonaws.com/prod/items',
    "sigv4-wasm request -X POST -H 'content-type: application/json' -d @item.json https://abc123.execute-api.us-east-1.amazonaws.com/prod/items",
    'sigv4-wasm request -T photo.jpg https://bucket.s3.eu-west-1.amazonaws.com/photos/photo.jpg',
    "sigv4-wasm request --curl 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15'",
  ],
  run,
}

async function run ({ values: v, positionals: [url] }) {
  if (!url) usage('request needs a URL (see sigv4-wasm request --help)')
  if (v.data && v.upload) usage('-d and -T are two bodies: give one')
  if (v.dryRun && v.curl) usage('--dry-run and --curl: give one')
  const credentials = await resolveCredentials(v)
  const options = signOptions(v, credentials)
  const headers = headerPairs(v.headers)
  const method = v.method ?? (v.upload ? 'PUT' : v.data ? 'POST' : 'GET')
  let body
  let bodyFile
  let upload
  if (v.data) ({ bytes: body, file: bodyFile } = await dataBody(v.data))
  if (v.upload) {
    upload = await uploadFile(v.upload, v.stream)
    body = upload.bytes
    bodyFile = upload.file
  }
  const printOnly = v.dryRun || v.curl
  let signed
  let streamed = false
  if (upload && !upload.bytes) {
    // aws-chunked is S3's: the signer follows S3's rules when it signs x-amz-content-sha256.
    const s3Rules = lib.explain({ method, url, headers }, { ...options, payloadHash: 'UNSIGNED-PAYLOAD' })
      .signedHeaders.split(';').includes('x-amz-content-sha256')
    if (!printOnly && s3Rules) {
      signed = await lib.signChunked({ method, url, headers, body: Readable.toWeb(upload.open()), contentLength: upload.size }, options)
    } else {
      const payloadHash = await hashFile(upload)
      signed = lib.sign({ method, url, headers: [...headers, ['content-length', String(upload.size)]] }, { ...options, payloadHash })
      signed.body = printOnly ? undefined : upload.open()
    }
    streamed = true
  } else {
    signed = lib.sign({ method, url, headers, body }, options)
    signed.body = body
  }

  if (v.curl) {
    out.line(lib.toCurl({ method: signed.method, url: signed.url, headers: signed.headers, body: signed.body }, bodyFile !== undefined ? { bodyFile } : {}))
    return EXIT.OK
  }
  if (v.dryRun) return dryRun(signed, v, streamed ? upload.size : undefined)

  const bar = streamed ? progressBar(Number(signed.headers['content-length'] ?? upload.size), `PUT ${upload.file}`) : null
  const res = await send(signed, { onBytes: bar ? (n) => bar.add(n) : undefined })
  bar?.done()
  // What was sent, for diagnose() if AWS refuses the signature (a streamed body is not kept).
  const sent = streamed ? null : { method: signed.method, url: signed.url, headers: signed.headers, ...body && { body } }
  return response(res, v, sent, options)
}

async function hashFile (upload) {
  const h = lib.createSha256()
  const bar = progressBar(upload.size, `hashing ${upload.file}`)
  for await (const chunk of upload.open()) { h.update(chunk); bar.add(chunk.length) }
  bar.done()
  return h.digest()
}

// The request as raw HTTP/1.1 (what `sigv4-wasm verify` reads).
function dryRun (signed, v, streamedSize) {
  const u = new URL(signed.url)
  const length = streamedSize ?? signed.body?.length ?? 0
  const headers = [['host', u.host], ...Object.entries(signed.headers)]
  if ((length > 0 || signed.body) && !headers.some(([n]) => n === 'content-length')) headers.push(['content-length', String(length)])
  if (v.json) {
    out.json({ method: signed.method, url: signed.url, headers, bodyLength: length })
    return EXIT.OK
  }
  out.write(`${signed.method} ${u.pathname}${u.search} HTTP/1.1\r\n${headers.map(([n, val]) => `${n}: ${val}\r\n`).join('')}\r\n`)
  if (streamedSize !== undefined) err.line(`(the ${streamedSize}-byte body of ${v.upload} is not printed)`)
  else if (signed.body?.length) out.bytes(signed.body)
  return EXIT.OK
}

async function response (res, v, sent, options) {
  const chunks = []
  for await (const c of res) chunks.push(c)
  const body = Buffer.concat(chunks)
  const headers = []
  for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]])
  if (v.output !== undefined) {
    try { await writeFile(v.output, body) } catch (e) { throw fileError('write', v.output, e) }
  }
  if (v.json) {
    const doc = { status: res.statusCode, statusText: res.statusMessage, headers }
    const text = new TextDecoder('utf-8', { fatal: true })
    if (v.output === undefined) {
      try { doc.body = text.decode(body) } catch { doc.bodyBase64 = body.toString('base64') }
    }
    out.json(doc)
  } else {
    if (v.include) {
      const c = colorsFor(process.stdout)
      const status = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`
      out.line(res.statusCode >= 400 ? c.red(status) : c.green(status))
      for (const [n, val] of headers) out.line(`${c.cyan(n)}: ${val}`)
      out.line()
    }
    if (v.output === undefined) out.bytes(body)
  }
  if (res.statusCode >= 400) {
    if (!v.include && !v.json) err.line(`HTTP ${res.statusCode} ${res.statusMessage}`)
    if (SIGNATURE_REFUSED.test(body.toString('utf8'))) await whyRefused(sent, options, body)
    return EXIT.HTTP
  }
  return EXIT.OK
}

// The error bodies in which AWS says it computed another signature, or
// that the request's time or credential scope is wrong.
const SIGNATURE_REFUSED = /SignatureDoesNotMatch|signature we calculated does not match|Canonical String for this request|RequestTimeTooSkewed|Signature expired|Signature not yet current|AuthorizationHeaderMalformed|XAmzContentSHA256Mismatch|Credential should be scoped/i

// The likely cause of a refused signature, on stderr: diagnose() with the
// request as it was sent and AWS's answer.
async function whyRefused (sent, options, body) {
  const hint = 'sigv4-wasm explain URL ... --aws-error FILE (with the response body saved) shows the whole comparison'
  if (!sent) {
    err.line(`AWS refused the signature; ${hint}`)
    return
  }
  const [cause] = (await lib.diagnose({ request: sent, options, awsError: body })).causes
  const c = colorsFor(process.stderr)
  err.line(`${c.bold('AWS refused the signature. Likely cause')}: ${c.yellow(cause.title)} [${cause.code}]`)
  err.line(`  ${cause.detail}`)
  err.line(hint)
}
