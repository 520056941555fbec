// Run by tests/js/nowasm.test.js as `node --jitless` (V8 without a JIT has
// no WebAssembly): the default entry refuses with ERR_NO_WASM, and
// sigv4-wasm/js (the module compiled to JavaScript) signs every aws-c-auth
// v4 case and generated requests exactly as @smithy/signature-v4 does.
// Both entries are imported by the package's name, as users import them.
// SIGV4_JITLESS_COUNT: how many generated requests.
import test from 'node:test'
import assert from 'node:assert/strict'
import { suiteCases, runCase, checkCase } from './suite-cases.mjs'
import { generatedCases, signedBy, smithyDisagreements } from './smithy.mjs'

const COUNT = Number(process.env.SIGV4_JITLESS_COUNT || 300)
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const request = { method: 'GET', url: 'https://example.amazonaws.com/' }
const options = { credentials, region: 'us-east-1', service: 'service', signingDate: '2015-08-30T12:36:00Z' }
const noWasm = (e) => e.name === 'SigV4Error' && e.code === 'ERR_NO_WASM' && e.message.includes("'sigv4-wasm/js'")

test('this host has no WebAssembly', () => {
  assert.equal(typeof WebAssembly, 'undefined')
})

test("the default entry: sign() and init() are ERR_NO_WASM, naming 'sigv4-wasm/js'", async () => {
  const def = await import('sigv4-wasm')
  assert.throws(() => def.sign(request, options), noWasm)
  await assert.rejects(def.init(), noWasm)
})

test('sigv4-wasm/js: the aws-c-auth v4 suite', async () => {
  const api = await import('sigv4-wasm/js')
  const cases = suiteCases('aws-c-auth/v4')
  assert.equal(cases.length, 76)
  for (const c of cases) checkCase(assert, c, runCase(api, c))
})

test(`sigv4-wasm/js: ${COUNT} generated requests signed and presigned as smithy does`, async () => {
  const api = await import('sigv4-wasm/js')
  const cases = generatedCases('sigv4-wasm jitless', COUNT, { credentials, signingDate: new Date('2026-11-23T09:41:27Z') })
  assert.deepEqual(await smithyDisagreements(cases, (c) => signedBy(api, c)), [])
})
