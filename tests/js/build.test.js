// The wasm build: imports nothing, exports exactly our functions (the
// build checks this too), and is reproducible: a second clean build in
// another directory gives the same bytes.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const wasmPath = join(root, 'dist/sigv4.wasm')

test('the module imports nothing and exports only ours: the rows of the ABI table', async () => {
  const { EXPORTS } = await import('../../js/abi.js')
  assert.ok(EXPORTS.includes('sigv4w_sign') && EXPORTS.includes('sigv4w_presign'))
  const mod = new WebAssembly.Module(readFileSync(wasmPath))
  assert.deepEqual(WebAssembly.Module.imports(mod), [])
  assert.deepEqual(WebAssembly.Module.exports(mod).map((e) => e.name).sort(), ['memory', ...EXPORTS].sort())
  const mem = WebAssembly.Module.exports(mod).find((e) => e.name === 'memory')
  assert.equal(mem.kind, 'memory')
})

test('js/abi.js and wasm/ABI.md are what the C tables generate', () => {
  // The build runs the same check; this one fails a test run too.
  execFileSync(process.execPath, [join(root, 'wasm/gen.mjs'), '--check'], { stdio: 'pipe' })
})

test('the embedded copy is the same module', async () => {
  const { default: text } = await import('../../dist/sigv4-inline.js')
  assert.deepEqual(Buffer.from(text, 'latin1'), readFileSync(wasmPath))
  assert.ok(/^[\x20-\x7e\n]*$/.test(readFileSync(join(root, 'dist/sigv4-inline.js'), 'latin1')), 'the embedding is pure ASCII')
})

test('two clean builds give identical bytes', () => {
  const first = readFileSync(wasmPath)
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-wasm-repro-'))
  try {
    // Built elsewhere and written elsewhere: the tests running beside this
    // one keep reading dist/ undisturbed.
    execFileSync('cmake', ['--preset', 'wasm', '-B', join(dir, 'build'), `-DSIGV4W_DIST=${join(dir, 'dist')}`], { cwd: root, stdio: 'ignore' })
    execFileSync('cmake', ['--build', join(dir, 'build')], { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } })
    assert.ok(first.equals(readFileSync(join(dir, 'dist/sigv4.wasm'))), 'a clean build in another directory gave different bytes')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
