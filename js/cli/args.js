// Command-line parsing: each command lists its options (a flag, the key it
// sets, its value's name, whether it repeats, its help line); the parser
// reads argv by that list. Option groups several commands share are here.

import { usage } from './exit.js'

// Options every command has.
export const COMMON = [
  { flags: ['--json'], key: 'json', help: 'print a JSON document (for scripts)' },
  { flags: ['-h', '--help'], key: 'help', help: 'show this help' },
]

// Where credentials come from (credentials.js).
export const CREDENTIALS = [
  { flags: ['--profile'], key: 'profile', value: 'NAME', help: 'read credentials from this profile of ~/.aws/credentials and ~/.aws/config' },
  { flags: ['--access-key-id'], key: 'accessKeyId', value: 'ID', help: 'access key id (else AWS_ACCESS_KEY_ID)' },
  { flags: ['--secret-access-key'], key: 'secretAccessKey', value: 'KEY', help: 'secret key (else AWS_SECRET_ACCESS_KEY; a flag shows in ps and shell history)' },
  { flags: ['--session-token'], key: 'sessionToken', value: 'TOKEN', help: 'session token (else AWS_SESSION_TOKEN)' },
]

// The credential scope and signing rules (scope.js).
export const SCOPE = [
  { flags: ['--region'], key: 'region', value: 'REGION', help: 'signing region (default: from the host name)' },
  { flags: ['--service'], key: 'service', value: 'NAME', help: 'signing name (default: from the host name)' },
  { flags: ['--region-set'], key: 'regionSet', value: 'R1,R2', help: 'SigV4a: the regions the signature is valid in (selects SigV4a)' },
  { flags: ['--algorithm'], key: 'algorithm', value: 'ALG', help: 'v4 (AWS4-HMAC-SHA256) or v4a (AWS4-ECDSA-P256-SHA256); default: from the host' },
  { flags: ['--s3'], key: 's3', help: 'S3 rules (path encoded once, x-amz-content-sha256); default: on for S3 hosts' },
  { flags: ['--no-s3'], key: 's3', set: false, help: 'the other services\' rules' },
  { flags: ['--date'], key: 'date', value: 'DATE', help: 'signing date (ISO 8601 or 20261203T153600Z; default: now)' },
]

// A request as flags (request, explain).
export const REQUEST = [
  { flags: ['-X', '--request'], key: 'method', value: 'METHOD', help: 'method (default GET; POST with -d, PUT with -T)' },
  { flags: ['-H', '--header'], key: 'headers', value: "'NAME: VALUE'", repeat: true, help: 'a header to send and sign (repeatable)' },
  { flags: ['-d', '--data'], key: 'data', value: 'DATA', repeat: true, help: 'body: DATA, @FILE or @- (stdin), sent as is; several are joined with &' },
]

/**
 * argv read by `options` (and COMMON): { values, positionals }. Throws a
 * usage error for an unknown flag, a missing value, or too many
 * positionals (more than maxPositionals).
 */
export function parseArgs (argv, options, maxPositionals, command) {
  const all = [...options, ...COMMON]
  const byFlag = new Map()
  for (const o of all) for (const f of o.flags) byFlag.set(f, o)
  const values = {}
  const positionals = []
  const see = `(see sigv4-wasm ${command} --help)`
  const set = (o, value) => {
    if (o.repeat) (values[o.key] ||= []).push(value)
    else values[o.key] = value
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break }
    if (a.length < 2 || a[0] !== '-') { positionals.push(a); continue }
    let flag = a
    let inline
    const eq = a.indexOf('=')
    if (a.startsWith('--') && eq > 0) { flag = a.slice(0, eq); inline = a.slice(eq + 1) }
    // -XPUT: a short flag with its value attached.
    if (!a.startsWith('--') && a.length > 2 && byFlag.get(a.slice(0, 2))?.value) { flag = a.slice(0, 2); inline = a.slice(2) }
    const o = byFlag.get(flag)
    if (!o) usage(`unknown option ${flag} ${see}`)
    if (!o.value) {
      if (inline !== undefined) usage(`${flag} takes no value ${see}`)
      set(o, o.set ?? true)
      continue
    }
    if (inline === undefined) {
      if (i + 1 >= argv.length) usage(`${flag} needs a value: ${flag} ${o.value}`)
      inline = argv[++i]
    }
    set(o, inline)
  }
  if (!values.help && positionals.length > maxPositionals) {
    usage(`unexpected argument ${JSON.stringify(positionals[maxPositionals])} ${see}`)
  }
  return { values, positionals }
}

/** A whole number of seconds from a flag, or a usage error. */
export function seconds (value, flag) {
  if (!/^\d+$/.test(value)) usage(`${flag} takes a whole number of seconds, not ${JSON.stringify(value)}`)
  return Number(value)
}
