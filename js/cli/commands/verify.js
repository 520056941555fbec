// sigv4-wasm verify: does a raw HTTP request (a file, or stdin) carry a
// valid signature for the server's key, and if not, why not.

import * as lib from 'sigv4-wasm/v4a'
import { CREDENTIALS, seconds } from '../args.js'
import { usage, EXIT } from '../exit.js'
import { readInput } from '../body.js'
import { resolveCredentials } from '../credentials.js'
import { out, colorsFor } from '../output.js'

export const spec = {
  name: 'verify',
  usage: 'verify [FILE|-] [options]',
  summary: 'check the signature of a raw HTTP request (the server\'s side)',
  positionals: 1,
  options: [
    { flags: ['--scheme'], key: 'scheme', value: 'https|http', help: 'the scheme it was received on (default https)' },
    { flags: ['--region'], key: 'region', value: 'REGION', help: 'the region(s) this endpoint serves, comma-separated (default: any)' },
    { flags: ['--service'], key: 'service', value: 'NAME', help: 'the signing name(s) it serves, comma-separated (default: any)' },
    { flags: ['--max-skew'], key: 'maxSkew', value: 'SECONDS', help: 'X-Amz-Date within this of now (default 900, S3\'s)' },
    { flags: ['--now'], key: 'now', value: 'DATE', help: 'the server\'s clock (default: now), for a request captured earlier' },
    { flags: ['--allow-unsigned-payload'], key: 'allowUnsigned', help: 'accept UNSIGNED-PAYLOAD signed by headers' },
    ...CREDENTIALS,
  ],
  notes: 'FILE holds the request as received: request line, headers, blank line, body (Content-Length\n' +
    'or chunked); `sigv4-wasm request --dry-run` prints one. The credentials are the server\'s key\n' +
    '(the key the request claims to be signed with). Prints "valid" (exit 0) or the code and why\n' +
    'not (exit 5).',
  examples: [
    'sigv4-wasm verify captured.http --service execute-api',
    'sigv4-wasm request --dry-run -d hello https://abc123.execute-api.us-east-1.amazonaws.com/prod/x | sigv4-wasm verify',
  ],
  run,
}

const list = (s) => (s === undefined ? '*' : s.split(',').map((x) => x.trim()).filter(Boolean))

async function run ({ values: v, positionals: [file] }) {
  if (v.scheme !== undefined && v.scheme !== 'http' && v.scheme !== 'https') usage('--scheme is https or http')
  const now = v.now === undefined ? undefined : Date.parse(v.now)
  if (Number.isNaN(now)) usage(`--now takes a date (ISO 8601), not ${JSON.stringify(v.now)}`)
  const input = file ?? '-'
  if (input === '-' && process.stdin.isTTY) usage('verify reads the request from FILE or stdin: give a FILE, or pipe one in')
  const text = await readInput(input)
  const credentials = await resolveCredentials(v)
  const request = lib.parseHttpRequest(text, { scheme: v.scheme ?? 'https' })
  const options = {
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, ...credentials.sessionToken && { sessionToken: credentials.sessionToken } },
    region: list(v.region),
    service: list(v.service),
    debug: true,
  }
  if (v.maxSkew !== undefined) options.maxSkewSeconds = seconds(v.maxSkew, '--max-skew')
  if (now !== undefined) options.now = now
  if (v.allowUnsigned) options.allowUnsignedPayload = true
  const r = await lib.verify(request, options)
  const { body, sessionToken, ...shown } = r
  if (v.json) {
    out.json(shown)
  } else {
    const c = colorsFor(process.stdout)
    if (r.valid) {
      out.line(`${c.green('valid')}: ${r.algorithm} signature by ${r.accessKeyId} for ${r.region ?? r.regionSet}/${r.service}${r.presigned ? ' (presigned URL)' : ''}, signed at ${r.signedAt.toISOString()}`)
      out.line(`signed headers: ${r.signedHeaders.join(';')}; payload ${r.payload}`)
    } else {
      out.line(`${c.red('not valid')}: ${r.code}: ${r.message}`)
      if (r.canonicalRequest) {
        out.line(c.dim('\nthe canonical request this key signs for it:'))
        out.line(r.canonicalRequest)
        out.line(c.dim('\nthe string to sign:'))
        out.line(r.stringToSign)
      }
    }
  }
  return r.valid ? EXIT.OK : EXIT.NOT_VALID
}
