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
    'LICENSE', 'README.md', 'dist/index.cjs', 'dist/node.cjs', 'dist/sigv4-inline.js', 'dist/sigv4.wasm',
    'js/axios-url.js', 'js/axios.js', 'js/body.js',
    'js/core.js', 'js/credentials.js', 'js/fetch.js', 'js/forbidden.js',
    'js/index.d.ts', 'js/index.js', 'js/index.workerd.js', 'js/infer.js', 'js/integration.js',
    'js/node.d.ts', 'js/node.js', 'js/retry.js', 'package.json',
  ])
})

test('ESM import works', () => {
  writeFileSync(join(dir, 'esm.mjs'), `import { sign } from 'sigv4-wasm'\n${usage}`)
  assert.equal(execFileSync('node', ['esm.mjs'], { cwd: dir, encoding: 'utf8' }).trim(), VANILLA)
})

test('CJS require works', () => {
  writeFileSync(join(dir, 'cjs.cjs'), `const { sign } = require('sigv4-wasm')\n${usage}`)
  assert.equal(execFileSync('node', ['cjs.cjs'], { cwd: dir, encoding: 'utf8' }).trim(), VANILLA)
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
  assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'workerd', 'import', 'require', 'default'])
})

test('types check with tsc --noEmit', () => {
  writeFileSync(join(dir, 'usage.ts'), `
import { init, sign, presign, explain, sha256, createSha256, SigV4Error, type SignedRequest } from 'sigv4-wasm'
await init()
const credentials = { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T' }
const s: SignedRequest = sign({ method: 'POST', url: new URL('https://abc.execute-api.us-east-2.amazonaws.com/prod/events'),
  headers: [['content-type', 'application/json']], body: new Uint8Array(2) },
  { credentials, signingDate: new Date(), signableHeaders: new Set(['user-agent']) })
const auth: string = s.headers.authorization
const url: string = presign({ url: 'https://b.s3.eu-west-1.amazonaws.com/k' }, { credentials, expiresIn: 900 })
const why = explain({ url }, { credentials, region: 'us-east-1', service: 's3', presign: true })
const line: string = why.canonicalRequest + why.stringToSign + why.signedHeaders + why.signature
const h: string = sha256('x') + createSha256().update(new Uint8Array(1)).digest()
try { sign({ url: 'x' }, { credentials }) } catch (e) { if (e instanceof SigV4Error) { const c: string = e.code } }
// @ts-expect-error: credentials are required
sign({ url: 'https://x' }, {})
export { auth, line, h }
`)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, lib: ['es2022', 'dom'], skipLibCheck: false, types: [] },
    files: ['usage.ts'],
  }))
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' })
})
