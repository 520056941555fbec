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
  const { EXPORTS, EXPORTS_VERIFY, EXPORTS_V4A } = await import('../../js/abi.js')
  assert.ok(EXPORTS.includes('sigv4w_sign') && EXPORTS.includes('sigv4w_presign') && !EXPORTS.includes('sigv4w_verify'))
  assert.ok(EXPORTS_VERIFY.includes('sigv4w_verify') && !EXPORTS_VERIFY.includes('sigv4w_sign'))
  assert.deepEqual(EXPORTS_V4A, ['sigv4w_public_key', 'sigv4w_verify_v4a'])
  for (const [file, exports] of [['sigv4.wasm', EXPORTS], ['sigv4a.wasm', [...EXPORTS, ...EXPORTS_V4A]],
    ['sigv4-verify.wasm', EXPORTS_VERIFY], ['sigv4a-verify.wasm', EXPORTS_VERIFY]]) {
    const mod = new WebAssembly.Module(readFileSync(join(root, 'dist', file)))
    assert.deepEqual(WebAssembly.Module.imports(mod), [], file)
    assert.deepEqual(WebAssembly.Module.exports(mod).map((e) => e.name).sort(), ['memory', ...exports].sort(), file)
    const mem = WebAssembly.Module.exports(mod).find((e) => e.name === 'memory')
    assert.equal(mem.kind, 'memory')
  }
})

test('sigv4.wasm and sigv4-verify.wasm have no elliptic-curve code: SigV4a stays in sigv4a*.wasm', () => {
  // ECDSA and the SigV4a KDF keep P-256's order n as bytes (src/ecdsa.c).
  const order = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex')
  for (const [v4, v4a] of [['sigv4.wasm', 'sigv4a.wasm'], ['sigv4-verify.wasm', 'sigv4a-verify.wasm']]) {
    const a = readFileSync(join(root, 'dist', v4))
    const b = readFileSync(join(root, 'dist', v4a))
    assert.ok(b.includes(order) && !a.includes(order), `${v4a} has P-256's order, ${v4} does not`)
    assert.ok(b.length > a.length + 10000, `${v4a}: ${b.length} against ${a.length} bytes`)
  }
})

test('js/abi.js and wasm/ABI.md are what the C tables generate', () => {
  // The build runs the same check; this one fails a test run too.
  execFileSync(process.execPath, [join(root, 'wasm/gen.mjs'), '--check'], { stdio: 'pipe' })
})

test('the embedded copies are the same modules', async () => {
  for (const name of ['sigv4', 'sigv4a', 'sigv4-verify', 'sigv4a-verify']) {
    const { text, mask } = await import(`../../dist/${name}-inline.js`)
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

// sigv4-wasm/js: sigv4.wasm and sigv4-verify.wasm converted by wasm2js
// (wasm/wasm2js.mjs).
test('the JS build has the modules\' exports, and each instantiate() its own memory', async () => {
  const { EXPORTS, EXPORTS_VERIFY } = await import('../../js/abi.js')
  const wasm = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {}).exports
  for (const [file, exports] of [['sigv4-wasm2js.js', EXPORTS], ['sigv4-verify-wasm2js.js', EXPORTS_VERIFY]]) {
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
  const modules = ['sigv4.wasm', 'sigv4a.wasm', 'sigv4-verify.wasm', 'sigv4a-verify.wasm', 'sigv4-wasm2js.js', 'sigv4-verify-wasm2js.js']
  const first = modules.map((f) => [f, readFileSync(join(root, 'dist', f))])
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-wasm-repro-'))
  try {
    // Built elsewhere and written elsewhere: the tests running beside this
    // one keep reading dist/ undisturbed.
    execFileSync('cmake', ['--preset', 'wasm', '-B', join(dir, 'build'), `-DSIGV4W_DIST=${join(dir, 'dist')}`], { cwd: root, stdio: 'ignore' })
    execFileSync('cmake', ['--build', join(dir, 'build')], { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } })
    for (const [f, bytes] of first) assert.ok(bytes.equals(readFileSync(join(dir, 'dist', f))), `${f}: a clean build in another directory gave different bytes`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
