// Where the CLI's credentials come from, first match wins: the flags
// (--access-key-id and --secret-access-key), --profile (fromIni), the
// environment (fromEnv), the default profile (AWS_PROFILE or "default").
// Every secret found is handed to output.js, which never prints it.

import { fromEnv, fromIni } from 'sigv4-wasm/node'
import { SigV4Error } from 'sigv4-wasm/v4a'
import { usage, CliError, EXIT, isSigV4Error } from './exit.js'
import { hideSecret } from './output.js'

export const CREDENTIALS_HELP = 'Credentials: --access-key-id with --secret-access-key, else --profile NAME, else\n' +
  'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the profile AWS_PROFILE\n' +
  'or "default" of ~/.aws/credentials and ~/.aws/config (static and session keys).'

/**
 * The credentials the flags, environment or profile give. `optional`:
 * null when there are none (explain works without), instead of an error.
 */
export async function resolveCredentials (v, { optional = false } = {}) {
  if ((v.accessKeyId === undefined) !== (v.secretAccessKey === undefined)) {
    usage('--access-key-id and --secret-access-key go together')
  }
  let c
  try {
    if (v.accessKeyId !== undefined) {
      c = { accessKeyId: v.accessKeyId, secretAccessKey: v.secretAccessKey }
    } else if (v.profile !== undefined) {
      c = await fromIni({ profile: v.profile })()
    } else if (process.env.AWS_ACCESS_KEY_ID || process.env.AWS_SECRET_ACCESS_KEY) {
      c = await fromEnv()()
    } else {
      c = await fromIni()().catch((e) => {
        if (optional) return null
        throw new CliError(EXIT.SIGNING, `ERR_CREDENTIALS: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile (${e.message})`)
      })
    }
  } catch (e) {
    if (isSigV4Error(e)) throw new CliError(EXIT.SIGNING, `${e.code}: ${e.message}`)
    throw e
  }
  if (c) {
    if (v.sessionToken !== undefined) c.sessionToken = v.sessionToken
    hideSecret(c.secretAccessKey)
  }
  return c
}
