// sigv4-wasm presign: a presigned URL anyone can use until it expires.

import * as lib from 'sigv4-wasm/v4a'
import { SCOPE, CREDENTIALS, seconds } from '../args.js'
import { usage, EXIT } from '../exit.js'
import { resolveCredentials } from '../credentials.js'
import { signOptions } from '../scope.js'
import { headerPairs } from '../headers.js'
import { out } from '../output.js'

const DEFAULT_EXPIRES = 900

export const spec = {
  name: 'presign',
  usage: 'presign URL [options]',
  summary: 'print a presigned URL',
  positionals: 1,
  options: [
    { flags: ['-X', '--request'], key: 'method', value: 'METHOD', help: 'the method the URL is for (default GET)' },
    { flags: ['-H', '--header'], key: 'headers', value: "'NAME: VALUE'", repeat: true, help: 'a header the user of the URL must send, signed (repeatable)' },
    { flags: ['--expires'], key: 'expires', value: 'SECONDS', help: `seconds the URL is valid, 1 to 604800 (default ${DEFAULT_EXPIRES})` },
    ...SCOPE,
    ...CREDENTIALS,
  ],
  notes: 'The URL carries the access key id, the signature and any session token (X-Amz-Security-Token),\n' +
    'never the secret key: whoever has it can make that one request until it expires.',
  examples: [
    'sigv4-wasm presign https://bucket.s3.eu-west-1.amazonaws.com/report.pdf',
    'sigv4-wasm presign -X PUT --expires 300 https://bucket.s3.eu-west-1.amazonaws.com/uploads/new.bin',
  ],
  run,
}

async function run ({ values: v, positionals: [url] }) {
  if (!url) usage('presign needs a URL (see sigv4-wasm presign --help)')
  const expiresIn = v.expires === undefined ? DEFAULT_EXPIRES : seconds(v.expires, '--expires')
  const credentials = await resolveCredentials(v)
  const options = { ...signOptions(v, credentials), expiresIn }
  const signed = lib.presign({ method: v.method ?? 'GET', url, headers: headerPairs(v.headers) }, options)
  if (v.json) {
    const start = options.signingDate === undefined ? Date.now() : Date.parse(new URL(signed).searchParams.get('X-Amz-Date').replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'))
    out.json({ url: signed, method: v.method ?? 'GET', expiresIn, expiresAt: new Date(Math.floor(start / 1000) * 1000 + expiresIn * 1000).toISOString() })
  } else {
    out.line(signed)
  }
  return EXIT.OK
}
