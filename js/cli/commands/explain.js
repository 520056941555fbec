// sigv4-wasm explain: why AWS refused a signature. Reads the request (a
// URL and flags, or a raw HTTP file) and AWS's error body, and prints the
// likely causes and AWS's canonical request and string to sign against
// ours, line by line. Without --aws-error: ours only.

import * as lib from 'sigv4-wasm/v4a'
import { REQUEST, SCOPE, CREDENTIALS } from '../args.js'
import { usage, EXIT } from '../exit.js'
import { resolveCredentials } from '../credentials.js'
import { signOptions } from '../scope.js'
import { headerPairs } from '../headers.js'
import { dataBody, readInput } from '../body.js'
import { diffLines } from '../diff-view.js'
import { out, colorsFor } from '../output.js'

export const spec = {
  name: 'explain',
  usage: 'explain URL [request options] [--aws-error FILE|-]   or   explain --request FILE [--aws-error FILE|-]',
  summary: 'say why AWS refused a signature (diff AWS\'s canonical request against ours)',
  positionals: 1,
  options: [
    { flags: ['--aws-error'], key: 'awsError', value: 'FILE|-', help: 'the error body AWS returned (S3 XML, query-service XML, JSON services, API Gateway)' },
    { flags: ['--request'], key: 'requestFile', value: 'FILE|-', help: 'the request as sent: raw HTTP (request line, headers, blank line, body) or the curl command line that sent it' },
    { flags: ['--scheme'], key: 'scheme', value: 'https|http', help: 'with --request: the scheme it was sent on (default https)' },
    ...REQUEST.map((o) => (o.key === 'method' ? { ...o, flags: ['-X'] } : o)),
    ...SCOPE,
    ...CREDENTIALS,
  ],
  notes: 'Give the request as it was sent, with the Authorization (or X-Amz-Signature) and X-Amz-Date it\n' +
    'carried: -H for each header, or --request FILE. With credentials (optional here) the signing\n' +
    'mistake that reproduces the signature sent is looked for. Nothing is sent anywhere.',
  examples: [
    "sigv4-wasm explain https://bucket.s3.us-east-1.amazonaws.com/?prefix=a&list-type=2 -H 'x-amz-date: 20261203T153600Z' -H 'authorization: AWS4-HMAC-SHA256 Credential=...' --aws-error error.xml",
    'sigv4-wasm explain --request sent.http --aws-error - < error.xml',
    "sigv4-wasm explain 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15'",
  ],
  run,
}

async function run ({ values, positionals: [url] }) {
  let v = values
  if (!url && v.requestFile === undefined) usage('explain needs a URL or --request FILE (see sigv4-wasm explain --help)')
  if (url && v.requestFile !== undefined) usage('explain takes a URL or --request FILE, not both')
  if (v.awsError === '-' && v.requestFile === '-') usage('--request and --aws-error cannot both read stdin')
  let request
  if (v.requestFile !== undefined) {
    if (v.method || v.headers || v.data) usage('-X, -H and -d describe a request given by URL, not --request FILE')
    const bytes = await readInput(v.requestFile)
    const text = new TextDecoder().decode(bytes)
    if (/^\s*(\$\s*)?curl\s/.test(text)) {
      // A curl command line (what was run): its --user and --aws-sigv4 count as flags.
      const curl = lib.parseCurl(text.trim().replace(/^\$\s*/, ''))
      request = { method: curl.method, url: curl.url, headers: curl.headers, ...curl.body !== undefined && { body: curl.body } }
      v = { ...v, region: v.region ?? curl.region, service: v.service ?? curl.service }
      if (curl.credentials && v.accessKeyId === undefined) v = { ...v, ...curl.credentials }
    } else {
      const { method, url: parsedUrl, path, headers, body } = lib.parseHttpRequest(bytes, { scheme: v.scheme ?? 'https' })
      // The target exactly as sent (`path`): a URL would resolve its dot segments.
      request = { method, url: parsedUrl, path, headers, ...body.length && { body } }
    }
  } else {
    const body = v.data ? (await dataBody(v.data)).bytes : undefined
    request = { method: v.method ?? (body ? 'POST' : 'GET'), url, headers: headerPairs(v.headers), ...body && { body } }
  }
  const awsError = v.awsError === undefined ? undefined : new TextDecoder().decode(await readInput(v.awsError))
  const credentials = await resolveCredentials(v, { optional: true })
  const options = signOptions(v, credentials)
  const d = await lib.diagnose({ request, options, ...awsError !== undefined && { awsError } })
  if (v.json) {
    out.json(d)
    return EXIT.OK
  }
  const c = colorsFor(process.stdout)
  if (awsError !== undefined) {
    d.causes.forEach((cause, i) => {
      out.line(`${c.bold(i === 0 ? 'Likely cause' : 'Also possible')}: ${c.yellow(cause.title)} ${c.dim(`[${cause.code}]`)}`)
      out.line(wrap(cause.detail, 2))
      out.line()
    })
  }
  if (d.aws) {
    out.line(c.bold(`Canonical request: ${c.red('- AWS computed')}, ${c.green(`+ ${d.ours.label}`)}`))
    for (const line of diffLines(d.diff.canonicalRequest, c)) out.line(line)
    out.line()
    out.line(c.bold('String to sign:'))
    for (const line of diffLines(d.diff.stringToSign, c)) out.line(line)
  } else {
    if (awsError !== undefined) out.line(c.dim('(the error body does not say what AWS computed: ours only)\n'))
    out.line(c.bold(`Canonical request (${d.ours.label}):`))
    out.line(d.ours.canonicalRequest)
    out.line()
    out.line(c.bold('String to sign:'))
    out.line(d.ours.stringToSign)
  }
  if (d.signatures?.provided || d.signatures?.expected) {
    out.line()
    if (d.signatures.provided) out.line(`signature sent:     ${d.signatures.provided}`)
    if (d.signatures.expected) out.line(`signature expected: ${d.signatures.expected}`)
  }
  return EXIT.OK
}

// A paragraph wrapped at 78 columns, indented.
function wrap (text, indent) {
  const pad = ' '.repeat(indent)
  const lines = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > 78 - indent) { lines.push(pad + line); line = word } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(pad + line)
  return lines.join('\n')
}
