// Hosts without WebAssembly, or that refuse to compile it: the default
// entry throws ERR_NO_WASM naming 'sigv4-wasm/js', which signs there with
// the module compiled to JavaScript. `node --jitless` has no WebAssembly:
// support/jitless.mjs runs there (the aws-c-auth v4 suite and generated
// requests against smithy). A Content-Security-Policy refusal is simulated
// here with the errors browsers raise.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const request = { method: 'GET', url: 'https://example.amazonaws.com/' }
const options = { credentials, region: 'us-east-1', service: 'service', signingDate: '2015-08-30T12:36:00Z' }
// aws-c-auth's get-vanilla (tests/vectors).
const VANILLA = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'
const noWasm = (e) => e.name === 'SigV4Error' && e.code === 'ERR_NO_WASM' && e.message.includes("'sigv4-wasm/js'")

test('node --jitless: ERR_NO_WASM from the default entry; sigv4-wasm/js passes the suite and matches smithy', async () => {
  // Without the runner's context the child reports in text, not to this runner.
  const env = { ...process.env }
  delete env.NODE_TEST_CONTEXT
  const { stdout } = await promisify(execFile)(process.execPath,
    ['--jitless', '--test-reporter=tap', join(root, 'tests/js/support/jitless.mjs')],
    { cwd: root, env, encoding: 'utf8', maxBuffer: 16 << 20 }).catch((e) => assert.fail(`${e.stdout}${e.stderr}`))
  assert.match(stdout, /^# pass 4$/m)
  assert.match(stdout, /^# fail 0$/m)
})

// What browsers raise when a page's CSP lacks 'wasm-unsafe-eval': Safari an
// EvalError, Chromium and Firefox a CompileError that says so.
class CompileError extends Error {
  name = 'CompileError'
}
const refusals = {
  'EvalError (Safari)': () => new EvalError("Refused to create a WebAssembly object because 'unsafe-eval' or 'wasm-unsafe-eval' is not an allowed source of script"),
  'CompileError (Chromium)': () => new CompileError("WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive"),
  'CompileError (Firefox)': () => new CompileError('call to WebAssembly.Module() blocked by CSP'),
}

for (const [label, refusal] of Object.entries(refusals)) {
  test(`a refused compile, ${label}: sign() and init() are ERR_NO_WASM`, async () => {
    const real = globalThis.WebAssembly
    const refuse = function () { throw refusal() }
    globalThis.WebAssembly = { Module: refuse, Instance: refuse, instantiate: async () => refuse(), compile: async () => refuse() }
    try {
      // A copy of the entry of its own, loaded while compiling is refused.
      const def = await import(`../../dist/index.mjs?${encodeURIComponent(label)}`)
      assert.throws(() => def.sign(request, options), noWasm)
      await assert.rejects(def.init(), noWasm)
    } finally {
      globalThis.WebAssembly = real
    }
  })
}

test('a module that does not compile is its CompileError, not ERR_NO_WASM', async () => {
  const slim = await import('../../js/index.slim.js')
  assert.throws(() => slim.initSync(new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9])), (e) => e instanceof WebAssembly.CompileError)
})

test('sigv4-wasm/js signs where there is WebAssembly too, and has no v4a', async () => {
  const js = await import('sigv4-wasm/js')
  await js.init()
  assert.equal(js.sign(request, options).headers.authorization.slice(-64), VANILLA)
  assert.throws(() => js.sign(request, { ...options, algorithm: 'AWS4-ECDSA-P256-SHA256' }), (e) => e.code === 'ERR_V4A_ENTRY')
})

test('sigv4-wasm/js exports exactly what the default entry exports (the same API)', async () => {
  const js = Object.keys(await import('../../js/index.nowasm.js')).sort()
  const wasm = Object.keys(await import('../../js/index.js')).sort()
  assert.deepEqual(js, wasm)
})
