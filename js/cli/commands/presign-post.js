// sigv4-wasm presign-post: the URL and form fields of an S3 POST upload
// (a browser form, or curl -F), with its policy's conditions.

import * as lib from 'sigv4-wasm/v4a'
import { CREDENTIALS, SCOPE, seconds } from '../args.js'
import { usage, EXIT } from '../exit.js'
import { resolveCredentials } from '../credentials.js'
import { out } from '../output.js'
import { shellQuote } from '../../shell-quote.js'

export const spec = {
  name: 'presign-post',
  usage: 'presign-post BUCKET-URL --key KEY [options]',
  summary: 'print the URL and form fields of an S3 POST upload',
  positionals: 1,
  options: [
    { flags: ['--key'], key: 'key', value: 'KEY', help: 'the object key; ending with ${filename}: a prefix the file name completes' },
    { flags: ['--bucket'], key: 'bucket', value: 'NAME', help: 'the bucket, when the URL does not name it' },
    { flags: ['--field'], key: 'fields', value: 'NAME=VALUE', repeat: true, help: 'a form field to send, signed as an exact match (acl, Content-Type, x-amz-meta-*...)' },
    { flags: ['--starts-with'], key: 'startsWith', value: 'NAME=PREFIX', repeat: true, help: 'a condition: the form field NAME must start with PREFIX' },
    { flags: ['--content-length-range'], key: 'range', value: 'MIN-MAX', help: 'a condition: the file is MIN to MAX bytes' },
    { flags: ['--expires'], key: 'expires', value: 'SECONDS', help: 'seconds the policy is valid, 1 to 604800 (default 3600)' },
    { flags: ['--curl'], key: 'curl', help: 'print a curl -F command line that uploads FILE (see --file)' },
    { flags: ['--file'], key: 'file', value: 'PATH', help: 'with --curl: the file to upload (default: FILE, to replace)' },
    ...SCOPE.filter((o) => o.key === 'region' || o.key === 'date'),
    ...CREDENTIALS,
  ],
  notes: 'The fields carry the access key id, the policy, its signature and any session token\n' +
    '(X-Amz-Security-Token), never the secret key.',
  examples: [
    "sigv4-wasm presign-post https://bucket.s3.eu-west-1.amazonaws.com/ --key 'uploads/${filename}' --content-length-range 1-10485760",
    'sigv4-wasm presign-post https://bucket.s3.eu-west-1.amazonaws.com/ --key a.txt --field Content-Type=text/plain --curl --file a.txt',
  ],
  run,
}

function pair (text, flag) {
  const eq = text.indexOf('=')
  if (eq <= 0) usage(`${flag} takes NAME=VALUE, not ${JSON.stringify(text)}`)
  return [text.slice(0, eq), text.slice(eq + 1)]
}

async function run ({ values: v, positionals: [url] }) {
  if (!url) usage('presign-post needs the bucket\'s URL (see sigv4-wasm presign-post --help)')
  if (v.key === undefined) usage('presign-post needs --key KEY')
  const conditions = []
  for (const s of v.startsWith ?? []) {
    const [name, prefix] = pair(s, '--starts-with')
    conditions.push(['starts-with', name.startsWith('$') ? name : `$${name}`, prefix])
  }
  if (v.range !== undefined) {
    const m = /^(\d+)[-,](\d+)$/.exec(v.range)
    if (!m) usage(`--content-length-range takes MIN-MAX (bytes), not ${JSON.stringify(v.range)}`)
    conditions.push(['content-length-range', Number(m[1]), Number(m[2])])
  }
  const params = { url, key: v.key, fields: Object.fromEntries((v.fields ?? []).map((f) => pair(f, '--field'))), conditions }
  if (v.bucket !== undefined) params.bucket = v.bucket
  if (v.expires !== undefined) params.expiresIn = seconds(v.expires, '--expires')
  const credentials = await resolveCredentials(v)
  const options = { credentials }
  if (v.region !== undefined) options.region = v.region
  if (v.date !== undefined) options.signingDate = v.date
  const post = lib.presignPost(params, options)
  if (v.curl) {
    const form = Object.entries(post.fields).map(([n, val]) => `--form-string ${shellQuote(`${n}=${val}`)}`)
    out.line(['curl', ...form, '-F', shellQuote(`file=@${v.file ?? 'FILE'}`), shellQuote(post.url)].join(' '))
  } else if (v.json) {
    out.json(post)
  } else {
    out.line(`POST ${post.url}`)
    for (const [n, val] of Object.entries(post.fields)) out.line(`${n}: ${val}`)
    out.line('file: (the file, last)')
  }
  return EXIT.OK
}
