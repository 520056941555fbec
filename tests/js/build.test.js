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
import { textBytes } from '../../js/load.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const wasmPath = join(root, 'dist/sigv4.wasm')

test('the modules import nothing and export only ours: the rows of the ABI table', async () => {
  const { EXPORTS, EXPORTS_V4A } = await import('../../js/abi.js')
  assert.ok(EXPORTS.includes('sigv4w_sign') && EXPORTS.includes('sigv4w_presign'))
  assert.deepEqual(EXPORTS_V4A, ['sigv4w_public_key', 'sigv4w_verify_v4a'])
  for (const [file, exports] of [['sigv4.wasm', EXPORTS], ['sigv4a.wasm', [...EXPORTS, ...EXPORTS_V4A]]]) {
    const mod = new WebAssembly.Module(readFileSync(join(root, 'dist', file)))
    assert.deepEqual(WebAssembly.Module.imports(mod), [], file)
    assert.deepEqual(WebAssembly.Module.exports(mod).map((e) => e.name).sort(), ['memory', ...exports].sort(), file)
    const mem = WebAssembly.Module.exports(mod).find((e) => e.name === 'memory')
    assert.equal(mem.kind, 'memory')
  }
})

test('sigv4.wasm has no elliptic-curve code: SigV4a stays in sigv4a.wasm', () => {
  // ECDSA and the SigV4a KDF keep P-256's order n as bytes (src/ecdsa.c).
  const v4 = readFileSync(wasmPath)
  const v4a = readFileSync(join(root, 'dist/sigv4a.wasm'))
  const order = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex')
  assert.ok(v4a.includes(order) && !v4.includes(order))
  assert.ok(v4a.length > v4.length + 10000, `${v4a.length} against ${v4.length} bytes`)
})

test('js/abi.js and wasm/ABI.md are what the C tables generate', () => {
  // The build runs the same check; this one fails a test run too.
  execFileSync(process.execPath, [join(root, 'wasm/gen.mjs'), '--check'], { stdio: 'pipe' })
})

test('the embedded copies are the same modules', async () => {
  for (const name of ['sigv4', 'sigv4a']) {
    const { default: text, mask } = await import(`../../dist/${name}-inline.js`)
    const wasm = readFileSync(join(root, `dist/${name}.wasm`))
    // Both ways of decoding (js/load.js): a Buffer's, and the loop of hosts without one.
    assert.deepEqual(textBytes(text, mask), wasm)
    // (a length that leaves a tail after the words)
    assert.deepEqual(textBytes(text.slice(0, -3), mask), wasm.subarray(0, -3))
    const B = globalThis.Buffer
    let looped
    try {
      globalThis.Buffer = undefined
      looped = textBytes(text, mask)
    } finally {
      globalThis.Buffer = B
    }
    assert.ok(!(looped instanceof B))
    assert.deepEqual(B.from(looped), wasm)
    assert.ok(/^[\x20-\x7e\n]*$/.test(readFileSync(join(root, `dist/${name}-inline.js`), 'latin1')), 'the embedding is pure ASCII')
  }
})

// sigv4-wasm/js: sigv4.wasm converted by wasm2js (wasm/wasm2js.mjs) in two
// halves, the signing side and the receiving side (verify() only).
test('the JS build has sigv4.wasm\'s exports in its two halves, and each instantiate() its own memory', async () => {
  const { EXPORTS, EXPORTS_SIGN, EXPORTS_VERIFY } = await import('../../js/abi.js')
  assert.deepEqual([...new Set([...EXPORTS_SIGN, ...EXPORTS_VERIFY])].sort(), [...EXPORTS].sort())
  assert.ok(!EXPORTS_SIGN.includes('sigv4w_verify') && EXPORTS_VERIFY.includes('sigv4w_verify') && !EXPORTS_VERIFY.includes('sigv4w_sign'))
  const wasm = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {}).exports
  for (const [file, exports] of [['sigv4-wasm2js.js', EXPORTS_SIGN], ['sigv4-verify-wasm2js.js', EXPORTS_VERIFY]]) {
    const { default: instantiate } = await import(`../../dist/${file}`)
    const a = instantiate().exports
    const b = instantiate().exports
    assert.deepEqual(Object.keys(a).sort(), ['memory', ...exports].sort(), file)
    assert.equal(a.memory.buffer.byteLength, wasm.memory.buffer.byteLength)
    assert.equal(a.sigv4w_arena_size(), wasm.sigv4w_arena_size())
    assert.notEqual(a.memory.buffer, b.memory.buffer)
  }
})

test('two clean builds give identical bytes', () => {
  const first = readFileSync(wasmPath)
  const firstV4a = readFileSync(join(root, 'dist/sigv4a.wasm'))
  const firstJs = ['sigv4-wasm2js.js', 'sigv4-verify-wasm2js.js'].map((f) => [f, readFileSync(join(root, 'dist', f))])
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-wasm-repro-'))
  try {
    // Built elsewhere and written elsewhere: the tests running beside this
    // one keep reading dist/ undisturbed.
    execFileSync('cmake', ['--preset', 'wasm', '-B', join(dir, 'build'), `-DSIGV4W_DIST=${join(dir, 'dist')}`], { cwd: root, stdio: 'ignore' })
    execFileSync('cmake', ['--build', join(dir, 'build')], { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } })
    assert.ok(first.equals(readFileSync(join(dir, 'dist/sigv4.wasm'))), 'a clean build in another directory gave different bytes')
    assert.ok(firstV4a.equals(readFileSync(join(dir, 'dist/sigv4a.wasm'))), 'sigv4a.wasm: a clean build gave different bytes')
    for (const [f, bytes] of firstJs) assert.ok(bytes.equals(readFileSync(join(dir, 'dist', f))), `${f}: a clean build gave different bytes`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
