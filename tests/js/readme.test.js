// The README's code samples, as written: every fenced js and ts block is
// extracted, type-checked with tsc --strict, and run in Node against the
// loopback verify server (which checks what it receives with verify()),
// so a sample that drifts from the API fails here.
//
// Each sample runs in its own process, from build/readme/ inside this
// package, so its `import ... from 'sigv4-wasm'` resolves to the package
// itself (the built dist/ and the exports map, as users get them). What the
// README leaves to the reader comes from tests/js/support/readme-harness.mjs:
// the credentials and other free variables, and a network in which AWS host
// names reach the verify server (and Cognito's a fake identity pool). The
// samples get no other help: no imports added, nothing rewritten.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { transformSync } from 'esbuild'
import { startVerifyServer } from './support/verify-server.mjs'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const dir = join(root, 'build', 'readme')
const support = fileURLToPath(new URL('./support/', import.meta.url))

// What each sample sends, by the heading it sits under; a sample added,
// removed or changed to send more or less changes this list.
const EXPECTED = [
  ['Quick start', 1],
  ['`sigv4-wasm/slim`: the module as a file of its own', 0],
  ['`sigv4-wasm/slim`: the module as a file of its own', 0],
  ['`diagnose({ request, options, awsError })`: why AWS answered 403', 0],
  ['`checksum(algorithm, data)`, `createChecksum(algorithm)`', 1],
  ['`createSignedFetch(options)` → `signedFetch(input, init)`', 1],
  ['axios: `sigv4Interceptor(options)`, `addSigv4Interceptor(instance, options)`', 1],
  ['Credentials', 0],
  ['Credentials', 0],
  ['API Gateway with Cognito identity-pool credentials (browsers)', 1],
  ['S3: presigned GET and PUT, and signed uploads', 3],
  ['S3: streamed uploads (aws-chunked), any size, in constant memory', 2],
  ['Verifying incoming requests: `verify(request, options)`', 0],
  ['S3: browser uploads with a POST policy', 0],
  ['Event streams: Transcribe streaming, Bedrock, Lex', 0],
  ['SigV4a: S3 Multi-Region Access Points and other multi-region endpoints', 0],
  ['Lambda function URL (IAM auth)', 1],
  ['OpenSearch', 2],
  ['Cloudflare Workers', 1],
]

const README_CREDS = { accessKeyId: 'ASIAREADMEEXAMPLE', secretAccessKey: 'readme/Secret+Key', sessionToken: 'readme-session-token' }
const WORKER_CREDS = { accessKeyId: 'AKIAREADMEWORKER', secretAccessKey: 'worker/Secret+Key' }
const COGNITO_CREDS = { accessKeyId: 'ASIAREADMECOGNITO', secretAccessKey: 'cognito/Secret+Key', sessionToken: 'cognito-token' }
const KNOWN = [README_CREDS, WORKER_CREDS, COGNITO_CREDS]

/** The README's fenced js/ts blocks with the heading each sits under. */
export function readmeBlocks (text) {
  const blocks = []
  let heading = ''
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{1,6} (.*)$/.exec(lines[i])
    if (h) heading = h[1]
    const open = /^```(\w*)$/.exec(lines[i])
    if (!open) continue
    const end = lines.indexOf('```', i + 1)
    if (['js', 'ts', 'javascript', 'typescript', 'mjs'].includes(open[1])) {
      blocks.push({ heading, lang: open[1].startsWith('t') ? 'ts' : 'js', line: i + 1, code: lines.slice(i + 1, end).join('\n') })
    }
    i = end
  }
  return blocks
}

// A Cognito identity pool as the SDK's fromCognitoIdentityPool sees it.
function startFakeCognito () {
  const seen = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => { body += c })
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'])
      seen.push(target)
      res.setHeader('content-type', 'application/x-amz-json-1.1')
      if (target.endsWith('.GetId')) {
        res.end(JSON.stringify({ IdentityId: 'us-east-2:readme-identity' }))
      } else {
        res.end(JSON.stringify({
          IdentityId: 'us-east-2:readme-identity',
          Credentials: {
            AccessKeyId: COGNITO_CREDS.accessKeyId, SecretKey: COGNITO_CREDS.secretAccessKey,
            SessionToken: COGNITO_CREDS.sessionToken, Expiration: Math.floor(Date.now() / 1000) + 3600,
          },
        }))
      }
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}`, seen, close: () => server.close() })))
}

const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'))
const files = blocks.map((b, i) => join(dir, `sample-${String(i + 1).padStart(2, '0')}.${b.lang === 'ts' ? 'mts' : 'mjs'}`))

test.before(() => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  blocks.forEach((b, i) => writeFileSync(files[i], `${b.code}\n`))
})

test('the README\'s samples are the ones this test knows', () => {
  assert.deepEqual(blocks.map((b) => b.heading), EXPECTED.map(([h]) => h))
})

test('every README sample type-checks with tsc --strict', async () => {
  // What the README leaves to the reader, declared.
  writeFileSync(join(dir, 'globals.d.ts'), `import type { Credentials } from 'sigv4-wasm'
declare global {
  var credentials: Credentials
  var accessKeyId: string
  var secretAccessKey: string
  var sessionToken: string
  var idToken: string
  var file: Blob
}
export {}
`)
  // A script, not a module, so that it declares the ambient module (as
  // vite/client's types do).
  writeFileSync(join(dir, 'vite-url.d.ts'), "declare module '*?url' { const url: string; export default url }\n")
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true,
      allowJs: true, checkJs: true, skipLibCheck: true, lib: ['es2022', 'dom', 'dom.iterable'], types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
    },
    files: ['globals.d.ts', 'vite-url.d.ts', ...files.map((f) => f.slice(dir.length + 1))],
  }))
  try {
    await run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' })
  } catch (e) {
    assert.fail(`tsc --strict:\n${e.stdout}${e.stderr}`)
  }
})

test('every README sample runs, and every request it sends verifies', async (t) => {
  const srv = await startVerifyServer({
    credentials: (akid) => KNOWN.find((c) => c.accessKeyId === akid) || null,
    forwardedHost: true,
  })
  const cognito = await startFakeCognito()
  const env = {
    ...process.env,
    README_CREDENTIALS: JSON.stringify(README_CREDS),
    README_WORKER_ENV: JSON.stringify({ AWS_ACCESS_KEY_ID: WORKER_CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: WORKER_CREDS.secretAccessKey }),
    VERIFY_URL: srv.url,
    AWS_ACCESS_KEY_ID: README_CREDS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: README_CREDS.secretAccessKey,
    AWS_SESSION_TOKEN: README_CREDS.sessionToken,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY: cognito.url,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_CONFIG_FILE: join(dir, 'no-config'),
  }
  try {
    const sent = []
    for (const [i, b] of blocks.entries()) {
      let file = files[i]
      if (b.lang === 'ts') {
        file = file.replace(/\.mts$/, '.ts.mjs')
        writeFileSync(file, transformSync(readFileSync(files[i], 'utf8'), { loader: 'ts', format: 'esm' }).code)
      }
      const before = srv.requests.length
      try {
        await run(process.execPath, ['--import', join(support, 'readme-harness.mjs'), join(support, 'readme-run.mjs'), file],
          { cwd: dir, env, encoding: 'utf8', timeout: 60_000 })
      } catch (e) {
        assert.fail(`README line ${b.line} (${b.heading}) failed:\n${e.stderr || e.message}`)
      }
      const mine = srv.requests.slice(before)
      for (const r of mine) {
        assert.ok(r.ok, `README line ${b.line} (${b.heading}): ${r.method} ${r.path} refused: ${r.reason} ${r.message}`)
      }
      sent.push([b.heading, mine.length])
    }
    assert.deepEqual(sent, EXPECTED)
    // The Cognito sample really took its credentials from the identity pool.
    assert.deepEqual(cognito.seen, ['AWSCognitoIdentityService.GetId', 'AWSCognitoIdentityService.GetCredentialsForIdentity'])
    assert.ok(srv.requests.some((r) => r.accessKeyId === COGNITO_CREDS.accessKeyId || JSON.stringify(r).includes(COGNITO_CREDS.accessKeyId)))
    t.diagnostic(`${blocks.length} samples, ${srv.requests.length} requests verified`)
  } finally {
    await srv.close()
    cognito.close()
  }
})
