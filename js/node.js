// Node-only credential providers (the `sigv4-wasm/node` entry), with no AWS
// SDK: the standard environment variables, and static or session keys from
// the shared ~/.aws/credentials and ~/.aws/config files. Profiles that need
// an SDK (assume-role, SSO, credential_process, web identity) are refused
// with a message that says so. Errors name variables, files and profiles,
// never values.

import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
// The package's own entry, so errors are the same SigV4Error class users
// import (ESM and CJS builds each get their own).
import { SigV4Error } from 'sigv4-wasm'

function credentialsError (message) {
  return new SigV4Error('ERR_CREDENTIALS', message)
}

function expirationOf (value, where) {
  if (!value) return undefined
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) throw credentialsError(`${where} is not a valid date`)
  return d
}

/** A provider reading AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION. */
export function fromEnv () {
  return async function fromEnvProvider () {
    const env = process.env
    const missing = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].filter((k) => !env[k])
    if (missing.length) throw credentialsError(`fromEnv(): ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`)
    const out = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
    if (env.AWS_SESSION_TOKEN) out.sessionToken = env.AWS_SESSION_TOKEN
    const expiration = expirationOf(env.AWS_CREDENTIAL_EXPIRATION, 'AWS_CREDENTIAL_EXPIRATION')
    if (expiration) out.expiration = expiration
    return out
  }
}

// ---------------------------------------------------------------------------
// The shared config files: INI with "[section]" headers, "key = value"
// lines, "#" / ";" comment lines, and indented sub-sections (e.g. "s3 =")
// whose lines are skipped.

function parseIni (text) {
  const sections = Object.create(null)
  let current = null
  let inSubSection = false
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line[0] === '#' || line[0] === ';') continue
    const header = /^\[([^[\]]+)\]\s*(?:[#;].*)?$/.exec(line)
    if (header) {
      const name = header[1].trim()
      current = sections[name] || (sections[name] = Object.create(null))
      inSubSection = false
      continue
    }
    const eq = line.indexOf('=')
    if (!current || eq <= 0) continue
    const indented = raw !== raw.trimStart()
    if (inSubSection && indented) continue
    inSubSection = false
    const key = line.slice(0, eq).trim()
    const value = line.slice(eq + 1).trim()
    if (value === '') inSubSection = true
    else current[key] = value
  }
  return sections
}

function home () {
  return process.env.HOME || process.env.USERPROFILE || homedir()
}

function expandHome (path) {
  return path.startsWith('~/') || path === '~' ? join(home(), path.slice(1)) : path
}

async function readOptional (path) {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    if (e.code === 'ENOENT') return null
    throw credentialsError(`cannot read ${path} (${e.code || 'error'})`)
  }
}

// Config files name profiles "[profile x]" (and "[default]"); credentials
// files name them "[x]".
function configProfiles (sections) {
  const out = Object.create(null)
  for (const name of Object.keys(sections)) {
    const m = /^profile\s+(.+)$/.exec(name)
    if (m) out[m[1].trim()] = { ...out[m[1].trim()], ...sections[name] }
    else if (name === 'default') out.default = { ...sections[name], ...out.default }
  }
  return out
}

const NEEDS_SDK = {
  role_arn: 'assume-role (role_arn)',
  credential_process: 'credential_process',
  sso_session: 'IAM Identity Center (sso_session)',
  sso_start_url: 'IAM Identity Center (sso_start_url)',
  web_identity_token_file: 'web identity (web_identity_token_file)',
  credential_source: 'credential_source',
}

/**
 * A provider reading a profile (options.profile, else AWS_PROFILE, else
 * "default") from the credentials file (options.filepath, else
 * AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials) and the config
 * file (options.configFilepath, else AWS_CONFIG_FILE, else ~/.aws/config).
 * The credentials file wins where both set a key.
 */
export function fromIni (options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new SigV4Error('ERR_OPTION', 'fromIni(options): options must be an object')
  }
  return async function fromIniProvider () {
    const env = process.env
    const profile = options.profile || env.AWS_PROFILE || 'default'
    const credentialsPath = expandHome(options.filepath || env.AWS_SHARED_CREDENTIALS_FILE || join(home(), '.aws', 'credentials'))
    const configPath = expandHome(options.configFilepath || env.AWS_CONFIG_FILE || join(home(), '.aws', 'config'))
    const [credentialsText, configText] = await Promise.all([readOptional(credentialsPath), readOptional(configPath)])
    const fromCredentials = credentialsText === null ? undefined : parseIni(credentialsText)[profile]
    const fromConfig = configText === null ? undefined : configProfiles(parseIni(configText))[profile]
    if (!fromCredentials && !fromConfig) {
      throw credentialsError(`fromIni(): profile "${profile}" not found in ${credentialsPath} or ${configPath}`)
    }
    const p = { ...fromConfig, ...fromCredentials }
    if (p.aws_access_key_id && p.aws_secret_access_key) {
      const out = { accessKeyId: p.aws_access_key_id, secretAccessKey: p.aws_secret_access_key }
      if (p.aws_session_token) out.sessionToken = p.aws_session_token
      const expiration = expirationOf(p.aws_credential_expiration, `aws_credential_expiration in profile "${profile}"`)
      if (expiration) out.expiration = expiration
      return out
    }
    const needs = Object.keys(NEEDS_SDK).find((k) => p[k])
    if (needs) {
      throw credentialsError(`fromIni(): profile "${profile}" uses ${NEEDS_SDK[needs]}, which needs the AWS SDK: pass its provider (e.g. fromIni from @aws-sdk/credential-providers) as credentials`)
    }
    const missing = ['aws_access_key_id', 'aws_secret_access_key'].filter((k) => !p[k])
    throw credentialsError(`fromIni(): profile "${profile}" has no ${missing.join(' or ')}`)
  }
}
