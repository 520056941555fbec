// The package as users get it: `npm pack`, installed into a fresh project,
// imported as ESM, required as CJS, type-checked with tsc, and the
// workerd entry loaded the way Workers load it (a WebAssembly.Module).
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mask } from '../../dist/sigv4-inline.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const VANILLA = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'
const usage = `
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const signed = sign({ method: 'GET', url: 'https://example.amazonaws.com/' },
  { credentials, region: 'us-east-1', service: 'service', signingDate: '2015-08-30T12:36:00Z' })
console.log(signed.headers.authorization.slice(-64))
`

let dir
let tarball

test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sigv4-wasm-pack-'))
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const info = JSON.parse(out.slice(out.indexOf('[')))[0]
  tarball = join(dir, info.filename)
  test.files = info.files.map((f) => f.path).sort()
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir, stdio: 'ignore' })
})

test.after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('the tarball holds only what users need', () => {
  assert.deepEqual(test.files, [
    'LICENSE', 'README.md', 'dist/diagnose.cjs', 'dist/diagnose.mjs', 'dist/index.cjs', 'dist/index.d.cts', 'dist/index.mjs', 'dist/index.v4a.d.cts', 'dist/node.cjs', 'dist/node.d.cts', 'dist/sigv4-verify-inline.cjs', 'dist/sigv4-verify-inline.js', 'dist/sigv4-verify-wasm2js.js', 'dist/sigv4-verify.wasm', 'dist/sigv4-wasm2js.js', 'dist/sigv4.wasm',
    'dist/sigv4a-verify-inline.cjs', 'dist/sigv4a-verify-inline.js', 'dist/sigv4a-verify.wasm', 'dist/sigv4a.wasm', 'dist/text.cjs', 'dist/v4a.cjs', 'dist/v4a.mjs',
    'js/abi.js', 'js/arena.js', 'js/aws-error.js', 'js/axios-url.js', 'js/axios.js', 'js/body.js',
    'js/browser.js', 'js/canonical-diff.js', 'js/checksum.js', 'js/cli/args.js', 'js/cli/body.js', 'js/cli/commands/explain.js', 'js/cli/commands/presign-post.js', 'js/cli/commands/presign.js',
    'js/cli/commands/request.js', 'js/cli/commands/verify.js', 'js/cli/credentials.js', 'js/cli/diff-view.js', 'js/cli/exit.js', 'js/cli/headers.js', 'js/cli/help.js',
    'js/cli/main.js', 'js/cli/output.js', 'js/cli/scope.js', 'js/cli/send.js', 'js/core.js', 'js/credentials.js', 'js/curl.js', 'js/diagnose.js', 'js/errors.js', 'js/events.js', 'js/eventstream.js', 'js/fetch.js', 'js/hash.js', 'js/hmac.js', 'js/http-text.js',
    'js/index.d.ts', 'js/index.nowasm.js', 'js/index.slim.js', 'js/index.v4a.d.ts', 'js/index.v4a.workerd.js', 'js/index.workerd.js', 'js/infer.js', 'js/integration.js',
    'js/load.js', 'js/middleware.js', 'js/node.d.ts', 'js/node.js', 'js/post.js', 'js/reproduce.js', 'js/request.js', 'js/retry.js', 'js/shell-quote.js', 'js/shell.js', 'js/signer.js', 'js/stream.js', 'js/text.js', 'js/unchunk.js', 'js/url.js', 'js/utf8.js', 'js/verify.js', 'package.json',
  ])
})

test('ESM import works', () => {
  writeFileSync(join(dir, 'esm.mjs'), `import { sign } from 'sigv4-wasm'\n${usage}`)
  assert.equal(execFileSync('node', ['esm.mjs'], { cwd: dir, encoding: 'utf8' }).trim(), VANILLA)
})

// Each form users load carries the module once: the ESM and CJS entries
// embed it, sigv4.wasm is it, and nothing else in the tarball holds a copy.
test('the tarball carries each module once per form', () => {
  // Runs of printable bytes that no quoting changes and the glue's sources
  // do not hold show wherever a module is embedded, however a bundler
  // escapes it: for each module, its three longest that it holds once and
  // the modules named `not` lack (a module shares much code with the
  // others: sigv4a.wasm with sigv4.wasm, each verify module with its signing
  // one). A file holds a copy when it holds each of them exactly once.
  // (The runs of the bytes as embedded: each XORed with the embedding's mask.)
  const glue = test.files.filter((f) => f.startsWith('js/')).map((f) => readFileSync(join(root, f), 'latin1')).join('')
  const masked = new Map()
  const bytes = (name) => masked.get(name) ?? masked.set(name,
    Buffer.from(readFileSync(join(root, 'dist', name)).map((b) => b ^ mask)).toString('latin1')).get(name)
  const markers = (name, not) => {
    const runs = bytes(name).match(/[\x20-\x7e]+/g).map((r) => r.replace(/["'\\`$]/g, '\n').split('\n')).flat()
      .filter((r) => bytes(name).split(r).length === 2 && !glue.includes(r) && !not.some((n) => bytes(n).includes(r)))
    const m = [...new Set(runs)].sort((a, b) => b.length - a.length).slice(0, 3)
    assert.ok(m.length === 3 && m[2].length >= 8, `${name}: runs long enough to be telling: ${JSON.stringify(m)}`)
    return m
  }
  const pkgDir = join(dir, 'node_modules/sigv4-wasm')
  const holders = (ms) => test.files.filter((f) => !f.endsWith('.wasm') &&
    ms.every((m) => readFileSync(join(pkgDir, f), 'latin1').split(m).length === 2))
  const all = ['sigv4.wasm', 'sigv4a.wasm', 'sigv4-verify.wasm', 'sigv4a-verify.wasm']
  const others = (name) => all.filter((n) => n !== name)
  for (const [name, files] of [
    ['sigv4.wasm', ['dist/index.cjs', 'dist/index.mjs']],
    // The receiving modules in files of their own, which verify() imports.
    ['sigv4-verify.wasm', ['dist/sigv4-verify-inline.cjs', 'dist/sigv4-verify-inline.js']],
    ['sigv4a.wasm', ['dist/v4a.cjs', 'dist/v4a.mjs']],
    ['sigv4a-verify.wasm', ['dist/sigv4a-verify-inline.cjs', 'dist/sigv4a-verify-inline.js']],
  ]) assert.deepEqual(holders(markers(name, others(name))), files, name)
})

// sigv4-wasm/v4a from the packed package, as ESM and CJS: SigV4a header
// signing and the public key of the aws-c-auth suite's credentials.
test('sigv4-wasm/v4a signs SigV4a as ESM and CJS', () => {
  const body = `
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const s = v4a.sign({ url: 'https://x.mrap.accesspoint.s3-global.amazonaws.com/k' }, { credentials })
console.log(s.headers.authorization.slice(0, 22), s.headers['x-amz-region-set'], v4a.publicKey(credentials).slice(0, 20))`
  writeFileSync(join(dir, 'v4a.mjs'), `import * as v4a from 'sigv4-wasm/v4a'\n${body}`)
  writeFileSync(join(dir, 'v4a.cjs'), `const v4a = require('sigv4-wasm/v4a')\n${body}`)
  for (const f of ['v4a.mjs', 'v4a.cjs']) {
    assert.equal(execFileSync('node', [f], { cwd: dir, encoding: 'utf8' }).trim(), 'AWS4-ECDSA-P256-SHA256 * 04b6618f6a65740a99e6', f)
  }
})

test('the sigv4-wasm command (package.json bin) runs from the installed package', () => {
  const out = execFileSync(join(dir, 'node_modules/.bin/sigv4-wasm'), ['explain', 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15', '--date', '2026-12-03T00:00:00Z'],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: dir, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } })
  assert.match(out, /^Canonical request \(sigv4-wasm\):\nGET\n\/\nAction=GetCallerIdentity&Version=2011-06-15\nhost:sts.amazonaws.com\n/)
})

test('sigv4-wasm/slim loads the sigv4.wasm beside it', () => {
  writeFileSync(join(dir, 'slim.mjs'), `import { init, sign } from 'sigv4-wasm/slim'\nawait init()\n${usage}`)
  assert.equal(execFileSync('node', ['slim.mjs'], { cwd: dir, encoding: 'utf8' }).trim(), VANILLA)
})

test('sigv4-wasm/js, and sigv4-wasm under the react-native condition, sign without WebAssembly', () => {
  writeFileSync(join(dir, 'nowasm.mjs'), `import { sign } from 'sigv4-wasm/js'\n${usage}`)
  writeFileSync(join(dir, 'rn.mjs'), `import { sign } from 'sigv4-wasm'\n${usage}`)
  const env = { ...process.env }
  delete env.NODE_TEST_CONTEXT
  for (const args of [['nowasm.mjs'], ['--conditions=react-native', 'rn.mjs']]) {
    assert.equal(execFileSync('node', ['--jitless', ...args], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(), VANILLA, args.join(' '))
  }
})

test('CJS require works', () => {
  writeFileSync(join(dir, 'cjs.cjs'), `const { sign } = require('sigv4-wasm')\n${usage}`)
  assert.equal(execFileSync('node', ['cjs.cjs'], { cwd: dir, encoding: 'utf8' }).trim(), VANILLA)
})

// The integrations from the packed package, as ESM and as CJS: a signed
// fetch and axios (the repo's copy, an optional peer the consumer lacks)
// against the loopback verify server, and sigv4-wasm/node throwing the
// main entry's SigV4Error class in each module system.
const INTEGRATIONS_SCRIPT = `
const credentials = { accessKeyId: 'AKIDPACK', secretAccessKey: 'pack/secret', sessionToken: 'pack-token' }
const scope = { region: 'us-east-1', service: 'execute-api' }
const axios = createRequire(process.env.ROOT + '/package.json')('axios')
const signedFetch = createSignedFetch({ credentials, ...scope })
const res = await signedFetch(process.env.VERIFY_URL + '/fetch?x=1', { method: 'POST', body: JSON.stringify({ a: 1 }) })
const ax = axios.create({ baseURL: process.env.VERIFY_URL, validateStatus: () => true })
addSigv4Interceptor(ax, { credentials: cachedCredentials(async () => credentials), ...scope })
const viaAxios = await ax.post('/axios', { b: 2 }, { params: { p: 'q r' } })
const plain = axios.create({ baseURL: process.env.VERIFY_URL, validateStatus: () => true })
plain.interceptors.request.use(sigv4Interceptor({ credentials, ...scope }))
const viaPlain = await plain.put('/plain', Buffer.from('bytes'))
let sameClass = false
try { await fromEnv()() } catch (e) { sameClass = e instanceof SigV4Error && e.code === 'ERR_CREDENTIALS' }
console.log([res.status, viaAxios.status, viaPlain.status, sameClass, typeof fromIni({})].join(' '))
`

test('ESM and CJS: createSignedFetch, the axios interceptors and sigv4-wasm/node from the packed package', async () => {
  const { startVerifyServer } = await import('./support/verify-server.mjs')
  const { promisify } = await import('node:util')
  const { execFile } = await import('node:child_process')
  const run = promisify(execFile)
  const srv = await startVerifyServer({ credentials: { accessKeyId: 'AKIDPACK', secretAccessKey: 'pack/secret', sessionToken: 'pack-token' } })
  try {
    writeFileSync(join(dir, 'int.mjs'), `import { createRequire } from 'node:module'
import { createSignedFetch, sigv4Interceptor, addSigv4Interceptor, cachedCredentials, SigV4Error } from 'sigv4-wasm'
import { fromEnv, fromIni } from 'sigv4-wasm/node'
${INTEGRATIONS_SCRIPT}`)
    writeFileSync(join(dir, 'int.cjs'), `const { createRequire } = require('node:module')
const { createSignedFetch, sigv4Interceptor, addSigv4Interceptor, cachedCredentials, SigV4Error } = require('sigv4-wasm')
const { fromEnv, fromIni } = require('sigv4-wasm/node')
;(async () => {${INTEGRATIONS_SCRIPT}})().catch((e) => { console.error(e); process.exit(1) })`)
    const env = { ...process.env, ROOT: root, VERIFY_URL: srv.url }
    delete env.AWS_ACCESS_KEY_ID
    for (const script of ['int.mjs', 'int.cjs']) {
      const { stdout } = await run('node', [script], { cwd: dir, env, encoding: 'utf8' })
      assert.equal(stdout.trim(), '200 200 200 true function', script)
    }
    assert.equal(srv.requests.length, 6)
    assert.ok(srv.requests.every((r) => r.ok))
  } finally {
    await srv.close()
  }
})

test('the workerd entry signs with a precompiled module', () => {
  // Workers bind `import mod from './x.wasm'` to a WebAssembly.Module;
  // a loader hook does the same here.
  writeFileSync(join(dir, 'wasm-loader.mjs'), `
import { readFileSync } from 'node:fs'
export async function load (url, context, next) {
  if (url.endsWith('.wasm')) {
    const b64 = readFileSync(new URL(url)).toString('base64')
    return { format: 'module', shortCircuit: true, source: 'export default new WebAssembly.Module(Uint8Array.from(atob(' + JSON.stringify(b64) + '), c => c.charCodeAt(0)))' }
  }
  return next(url, context)
}`)
  writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module'\nregister('./wasm-loader.mjs', import.meta.url)\n")
  writeFileSync(join(dir, 'workerd.mjs'), `import { sign } from 'sigv4-wasm/js/index.workerd.js'\n${usage}`.replace("'sigv4-wasm/js/index.workerd.js'", "'./node_modules/sigv4-wasm/js/index.workerd.js'"))
  assert.equal(execFileSync('node', ['--import', './register.mjs', 'workerd.mjs'], { cwd: dir, encoding: 'utf8' }).trim(), VANILLA)
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules/sigv4-wasm/package.json'), 'utf8'))
  assert.deepEqual(Object.keys(pkg.exports['.']), ['workerd', 'react-native', 'import', 'require', 'default'])
})

test('types check with tsc --noEmit', () => {
  writeFileSync(join(dir, 'usage.ts'), `
import { init, sign, presign, explain, createSigner, sha256, createSha256, checksum, createChecksum, signChunked, encodedLength, createEventSigner, createEventStreamCodec, presignPost, verifyPost, SigV4Error, type SignedRequest, type Signer } from 'sigv4-wasm'
import * as slim from 'sigv4-wasm/slim'
import * as nowasm from 'sigv4-wasm/js'
import { publicKey } from 'sigv4-wasm/v4a'
const pub: string = publicKey({ accessKeyId: 'A', secretAccessKey: 'S' })
const viaJs: string = nowasm.sign({ url: 'https://x' }, { credentials: { accessKeyId: 'A', secretAccessKey: 'S' } }).headers.authorization
sign({ url: 'https://x' }, { credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, algorithm: 'AWS4-ECDSA-P256-SHA256', regionSet: ['us-east-1', 'eu-west-1'] })
// @ts-expect-error: not an algorithm
sign({ url: 'https://x' }, { credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, algorithm: 'AWS4-HMAC-SHA512' })
await init()
await slim.init(new URL('https://cdn.example/sigv4.wasm'))
await slim.init('/assets/sigv4.wasm')
const credentials = { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T' }
const s: SignedRequest = sign({ method: 'POST', url: new URL('https://abc.execute-api.us-east-2.amazonaws.com/prod/events'),
  headers: [['content-type', 'application/json']], body: new Uint8Array(2) },
  { credentials, signingDate: new Date(), signableHeaders: new Set(['user-agent']) })
const auth: string = s.headers.authorization
const url: string = presign({ url: 'https://b.s3.eu-west-1.amazonaws.com/k' }, { credentials, expiresIn: 900 })
const why = explain({ url }, { credentials, region: 'us-east-1', service: 's3', presign: true })
const line: string = why.canonicalRequest + why.stringToSign + why.signedHeaders + why.signature
const h: string = sha256('x') + createSha256().update(new Uint8Array(1)).digest()
const ck: string = checksum('crc32c', 'x') + checksum('CRC64NVME', new ArrayBuffer(1)) + createChecksum('sha1').update('x').update(new Uint8Array(1)).digest()
// @ts-expect-error: not a checksum algorithm
checksum('md5', 'x')
const upload = await signChunked({ method: 'PUT', url: 'https://b.s3.eu-west-1.amazonaws.com/k', body: new Blob(['x']) },
  { credentials, chunkSize: 65536, checksum: 'crc32c', payload: 'signed' })
const uploadBody: ReadableStream<Uint8Array> = upload.body
const wire: number = encodedLength(1e9, 65536, { payload: 'unsigned', checksum: 'crc64nvme' })
// @ts-expect-error: not a payload mode
signChunked({ url: 'https://x', body: 'x' }, { credentials, payload: 'streaming' })
const codec = createEventStreamCodec()
const events = createEventSigner({ credentials, region: 'us-east-1', service: 'transcribe', seedSignature: 'a'.repeat(64) })
const frame: Uint8Array = events.sign(codec.encode({ headers: { ':event-type': 'AudioEvent', n: { type: 'integer', value: 1 } }, payload: new Uint8Array(2) }))
const kind: string = codec.decode(events.end(new Date())).headers[':date'].type + events.signature
const signer: Signer = createSigner()
const again: string = signer.presign({ url: 'https://b.s3.eu-west-1.amazonaws.com/k' }, { credentials })
try { sign({ url: 'x' }, { credentials }) } catch (e) { if (e instanceof SigV4Error) { const c: string = e.code } }
// @ts-expect-error: credentials are required
sign({ url: 'https://x' }, {})
const post = presignPost({ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'u/\${filename}', expiresIn: 600,
  conditions: [['content-length-range', 1, 1e6], ['starts-with', '$Content-Type', 'image/'], { acl: 'private' }], fields: { acl: 'private' } }, { credentials })
const postSignature: string = post.fields['X-Amz-Signature'] + post.url
// @ts-expect-error: not a condition
presignPost({ url: 'https://x', key: 'k', conditions: [['ends-with', '$key', 'x']] }, { credentials })
const checked = await verifyPost(new FormData(), { credentials: async (id: string) => (id === 'A' ? { secretAccessKey: 'S' } : null), region: ['eu-west-1'], now: new Date() })
const postKey: string = checked.valid ? checked.key : checked.code
export { auth, line, h, ck, again, pub, viaJs, uploadBody, wire, frame, kind, postSignature, postKey }
`)
  writeFileSync(join(dir, 'integrations.ts'), INTEGRATIONS_USAGE)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, lib: ['es2022', 'dom'], skipLibCheck: false, types: [],
      // axios is an optional peer, not installed in the consumer: its types come from ours.
      paths: { axios: [join(root, 'node_modules/axios/index.d.cts')] } },
    files: ['usage.ts', 'integrations.ts'],
  }))
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' })
})

// CommonJS consumers in TypeScript: `import x = require()` in a .cts file,
// and require() in a checked .cjs file, under each resolution mode users
// pick. The types must be the real ones (not any): a wrong call must fail.
const CJS_USAGE = `
import v4 = require('sigv4-wasm')
import node = require('sigv4-wasm/node')
const signed = v4.sign({ url: 'https://b.s3.eu-west-1.amazonaws.com/k' }, { credentials: { accessKeyId: 'A', secretAccessKey: 'S' } })
const auth: string = signed.headers.authorization
const provider: v4.CredentialProvider = node.fromEnv()
const f: v4.SignedFetch = v4.createSignedFetch({ credentials: provider })
try { v4.presign({ url: 'x' }, { credentials: { accessKeyId: 'A', secretAccessKey: 'S' } }) } catch (e) { if (e instanceof v4.SigV4Error) { const c: string = e.code } }
// @ts-expect-error: credentials are required
v4.sign({ url: 'https://x' }, {})
// @ts-expect-error: sign returns an object, not a string
const wrong: string = v4.sign({ url: 'https://x' }, { credentials: { accessKeyId: 'A', secretAccessKey: 'S' } })
export { auth, f, wrong }
`
const CJS_JS_USAGE = `
const { sign, createSignedFetch } = require('sigv4-wasm')
const { fromIni } = require('sigv4-wasm/node')
/** @type {string} */
const auth = sign({ url: 'https://b.s3.eu-west-1.amazonaws.com/k' }, { credentials: { accessKeyId: 'A', secretAccessKey: 'S' } }).headers.authorization
createSignedFetch({ credentials: fromIni({ profile: 'dev' }) })
// @ts-expect-error: credentials are required
sign({ url: 'https://x' }, {})
module.exports = { auth }
`

for (const [mode, module] of [['node16', 'node16'], ['nodenext', 'nodenext'], ['bundler', 'preserve']]) {
  test(`types for CommonJS consumers check under moduleResolution ${mode}`, () => {
    const sub = join(dir, `cjs-${mode}`)
    execFileSync('mkdir', ['-p', sub])
    writeFileSync(join(sub, 'usage.cts'), CJS_USAGE)
    const files = ['usage.cts']
    if (mode !== 'bundler') {
      writeFileSync(join(sub, 'usage.cjs'), CJS_JS_USAGE)
      files.push('usage.cjs')
    }
    writeFileSync(join(sub, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', module, moduleResolution: mode, strict: true, noEmit: true, allowJs: true, checkJs: true,
        lib: ['es2022', 'dom'], types: ['node'], typeRoots: [join(root, 'node_modules/@types')], skipLibCheck: false },
      files,
    }))
    try {
      execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: sub, encoding: 'utf8' })
    } catch (e) {
      assert.fail(`tsc (${mode}):\n${e.stdout}${e.stderr}`)
    }
  })
}

// The fetch / axios / credentials API, as a TypeScript user writes it.
const INTEGRATIONS_USAGE = `
import axios from 'axios'
import { createSignedFetch, sigv4Interceptor, addSigv4Interceptor, cachedCredentials, type SignedFetch,
  type CredentialProvider } from 'sigv4-wasm'
import { fromEnv, fromIni } from 'sigv4-wasm/node'
const provider: CredentialProvider = async () => ({ accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', expiration: new Date() })
const cached = cachedCredentials(provider, { marginMs: 60000 })
cached.invalidate()
const signedFetch: SignedFetch = createSignedFetch({ credentials: cached, region: 'us-east-1', service: 'execute-api',
  retries: { limit: 3, baseDelayMs: 50 }, unsignedStreams: false, fetch: globalThis.fetch, signableHeaders: ['user-agent'] })
async function go (): Promise<number> {
  const res: Response = await signedFetch(new Request('https://x.execute-api.us-east-1.amazonaws.com/p'), { method: 'POST', body: new FormData() })
  const offset: number = signedFetch.clockOffsetMs
  const fromStatic = createSignedFetch({ credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, retries: 2 })
  await fromStatic('https://b.s3.amazonaws.com/k', { method: 'PUT', body: new Blob(['x']) })
  const c = await cached()
  return res.status + offset + c.accessKeyId.length
}
const instance = axios.create({ baseURL: 'https://x.execute-api.us-east-1.amazonaws.com/prod' })
instance.interceptors.request.use(sigv4Interceptor({ credentials: fromIni({ profile: 'dev' }) }))
axios.interceptors.request.use(sigv4Interceptor({ credentials: fromEnv(), region: 'us-east-1', service: 'execute-api' }))
const id: number = addSigv4Interceptor(instance, { credentials: provider, s3: false })
instance.interceptors.request.eject(id)
// @ts-expect-error: payloadHash is per request, not an integration option
createSignedFetch({ credentials: provider, payloadHash: 'UNSIGNED-PAYLOAD' })
// @ts-expect-error: credentials are required
sigv4Interceptor({ region: 'us-east-1' })
const streamed: SignedFetch = createSignedFetch({ credentials: provider, streaming: 'unsigned-trailer', chunkSize: 1 << 20, checksum: 'crc64nvme' })
// @ts-expect-error: streaming is a createSignedFetch option
sigv4Interceptor({ credentials: provider, streaming: 'signed' })
export { go, streamed }
`
