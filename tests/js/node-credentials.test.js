// sigv4-wasm/node: fromEnv and fromIni against temporary files and a
// temporary environment (this file runs in its own process).
import test from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fromEnv, fromIni } from '../../js/node.js'
// What users import: sigv4-wasm/node throws the package's SigV4Error.
import { SigV4Error, createSignedFetch } from 'sigv4-wasm'
import { startVerifyServer } from './support/verify-server.mjs'

const SECRET = 'iniSecret/Key+1234567890abcdefghij'
const ENV_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'HOME']
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
let dir

test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sigv4-creds-'))
  for (const k of ENV_KEYS) delete process.env[k]
  process.env.HOME = dir // never the real ~/.aws
})
test.afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  }
})

function noSecret (e) {
  assert.ok(e instanceof SigV4Error, String(e))
  assert.equal(e.code, 'ERR_CREDENTIALS')
  assert.ok(!e.message.includes(SECRET), e.message)
  return true
}

test('fromEnv: keys, token and expiration, read when called', async () => {
  const provider = fromEnv()
  await assert.rejects(provider(), (e) => noSecret(e) && /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set/.test(e.message))
  process.env.AWS_ACCESS_KEY_ID = 'AKIDENV'
  await assert.rejects(provider(), (e) => noSecret(e) && /AWS_SECRET_ACCESS_KEY is not set/.test(e.message))
  process.env.AWS_SECRET_ACCESS_KEY = SECRET
  assert.deepEqual(await provider(), { accessKeyId: 'AKIDENV', secretAccessKey: SECRET })
  process.env.AWS_SESSION_TOKEN = 'envtoken'
  process.env.AWS_CREDENTIAL_EXPIRATION = '2030-01-02T03:04:05Z'
  assert.deepEqual(await provider(), { accessKeyId: 'AKIDENV', secretAccessKey: SECRET, sessionToken: 'envtoken',
    expiration: new Date('2030-01-02T03:04:05Z') })
  process.env.AWS_CREDENTIAL_EXPIRATION = 'soon'
  await assert.rejects(provider(), (e) => noSecret(e) && /AWS_CREDENTIAL_EXPIRATION/.test(e.message))
})

const CREDENTIALS_FILE = `
# comment
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = ${SECRET}

[dev]
aws_access_key_id=AKIDDEV
aws_secret_access_key=${SECRET}dev
aws_session_token = tokenDEV==
  ; indented comment
[assumer]
role_arn = arn:aws:iam::123456789012:role/x
source_profile = default
`

const CONFIG_FILE = `
[default]
region = eu-west-1
[profile cfgonly]
region = us-east-2
aws_access_key_id = AKIDCFG
aws_secret_access_key = ${SECRET}cfg
s3 =
  max_concurrent_requests = 20
  aws_access_key_id = NOT-THIS-ONE
[profile dev]
aws_access_key_id = AKIDOVERRIDDEN
[profile sso]
sso_session = my-sso
[profile partial]
aws_access_key_id = AKIDPARTIAL
`

function writeAws (credentials = CREDENTIALS_FILE, config = CONFIG_FILE) {
  mkdirSync(join(dir, '.aws'))
  if (credentials !== null) writeFileSync(join(dir, '.aws', 'credentials'), credentials)
  if (config !== null) writeFileSync(join(dir, '.aws', 'config'), config)
}

test('fromIni: the default profile from ~/.aws/credentials', async () => {
  writeAws()
  assert.deepEqual(await fromIni()(), { accessKeyId: 'AKIDDEFAULT', secretAccessKey: SECRET })
})

test('fromIni: options.profile and AWS_PROFILE; session tokens; the credentials file wins over config', async () => {
  writeAws()
  assert.deepEqual(await fromIni({ profile: 'dev' })(), { accessKeyId: 'AKIDDEV', secretAccessKey: `${SECRET}dev`, sessionToken: 'tokenDEV==' })
  process.env.AWS_PROFILE = 'dev'
  assert.equal((await fromIni()()).accessKeyId, 'AKIDDEV')
  assert.equal((await fromIni({ profile: 'default' })()).accessKeyId, 'AKIDDEFAULT', 'the option wins over AWS_PROFILE')
})

test('fromIni: [profile x] sections in the config file; sub-sections skipped', async () => {
  writeAws()
  assert.deepEqual(await fromIni({ profile: 'cfgonly' })(), { accessKeyId: 'AKIDCFG', secretAccessKey: `${SECRET}cfg` })
})

test('fromIni: explicit paths, AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE', async () => {
  const c = join(dir, 'my-creds')
  const f = join(dir, 'my-config')
  writeFileSync(c, '[x]\naws_access_key_id = AKIDX\naws_secret_access_key = sx\n')
  writeFileSync(f, '[profile y]\naws_access_key_id = AKIDY\naws_secret_access_key = sy\n')
  assert.equal((await fromIni({ profile: 'x', filepath: c })()).accessKeyId, 'AKIDX')
  assert.equal((await fromIni({ profile: 'y', configFilepath: f })()).accessKeyId, 'AKIDY')
  process.env.AWS_SHARED_CREDENTIALS_FILE = c
  process.env.AWS_CONFIG_FILE = f
  assert.equal((await fromIni({ profile: 'x' })()).accessKeyId, 'AKIDX')
  assert.equal((await fromIni({ profile: 'y' })()).accessKeyId, 'AKIDY')
})

test('fromIni: missing files, unknown profiles, SDK-only profiles and partial keys are clear errors', async () => {
  await assert.rejects(fromIni()(), (e) => noSecret(e) && /profile "default" not found/.test(e.message))
  writeAws()
  await assert.rejects(fromIni({ profile: 'nope' })(), (e) => noSecret(e) && /profile "nope" not found/.test(e.message))
  await assert.rejects(fromIni({ profile: 'assumer' })(), (e) => noSecret(e) && /role_arn.*AWS SDK/.test(e.message))
  await assert.rejects(fromIni({ profile: 'sso' })(), (e) => noSecret(e) && /sso_session/.test(e.message))
  await assert.rejects(fromIni({ profile: 'partial' })(), (e) => noSecret(e) && /no aws_secret_access_key/.test(e.message))
  assert.throws(() => fromIni('dev'), { code: 'ERR_OPTION' })
})

test('fromIni as a signed fetch\'s credentials: the profile\'s keys sign a verified request', async () => {
  writeAws()
  const srv = await startVerifyServer({ credentials: { accessKeyId: 'AKIDDEV', secretAccessKey: `${SECRET}dev`, sessionToken: 'tokenDEV==' } })
  try {
    const f = createSignedFetch({ credentials: fromIni({ profile: 'dev' }), region: 'us-east-1', service: 'execute-api' })
    const res = await f(`${srv.url}/ini`, { method: 'POST', body: 'x' })
    assert.equal(res.status, 200, JSON.stringify(await res.clone().json()))
  } finally {
    await srv.close()
  }
})
