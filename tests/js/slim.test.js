// sigv4-wasm/slim (js/index.slim.js): the API without the module inside.
// Each case runs in a fresh process, because the glue holds one instance.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'

const run = promisify(execFile)
const entry = new URL('../../js/index.slim.js', import.meta.url).href
const wasmFile = fileURLToPath(new URL('../../dist/sigv4.wasm', import.meta.url))
// aws-sig-v4-test-suite get-vanilla: its signature.
const VANILLA = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'

async function inChild (body, env = {}) {
  const script = `import * as api from ${JSON.stringify(entry)}
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const vanilla = () => api.sign({ method: 'GET', url: 'https://example.amazonaws.com/' },
  { credentials, region: 'us-east-1', service: 'service', signingDate: '2015-08-30T12:36:00Z' }).headers.authorization.slice(-64)
const codeOf = async (f) => { try { await f(); return 'no error' } catch (e) { return e.code + ': ' + e.message } }
const out = []
${body}
console.log(JSON.stringify(out))`
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' })
  return JSON.parse(stdout)
}

test('nothing loads by itself: sign() and initSync() before init() are ERR_NOT_INITIALIZED', async () => {
  const [signErr, syncErr] = await inChild('out.push(await codeOf(vanilla), await codeOf(() => api.initSync()))')
  assert.match(signErr, /^ERR_NOT_INITIALIZED: call "await init\(\)"/)
  assert.match(syncErr, /^ERR_NOT_INITIALIZED: this entry has no module inside/)
})

test('init() loads the package\'s own sigv4.wasm (a file: URL, read from disk in Node)', async () => {
  assert.deepEqual(await inChild('await api.init(); out.push(vanilla())'), [VANILLA])
})

test('initSync(bytes) and init(module) work as in the default entry', async () => {
  const bytes = `(await import('node:fs')).readFileSync(${JSON.stringify(wasmFile)})`
  assert.deepEqual(await inChild(`api.initSync(${bytes}); out.push(vanilla())`), [VANILLA])
  assert.deepEqual(await inChild(`await api.init(new WebAssembly.Module(${bytes})); out.push(vanilla())`), [VANILLA])
})

test('init(url) fetches the module; a failed fetch is ERR_NOT_INITIALIZED and a later init() can still succeed', async () => {
  const wasm = readFileSync(wasmFile)
  const server = createServer((req, res) => {
    if (req.url === '/sigv4.wasm') {
      res.writeHead(200, { 'content-type': 'application/wasm' })
      res.end(wasm)
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  try {
    const out = await inChild(`
out.push(await codeOf(() => api.init(process.env.BASE + '/missing.wasm')))
out.push(await codeOf(vanilla))
await api.init(new URL('/sigv4.wasm', process.env.BASE))
out.push(vanilla())`, { BASE: base })
    assert.match(out[0], /^ERR_NOT_INITIALIZED: could not load the module from http:\/\/127\.0\.0\.1:\d+\/missing\.wasm: HTTP 404$/)
    assert.match(out[1], /^ERR_NOT_INITIALIZED/)
    assert.equal(out[2], VANILLA)
  } finally {
    server.close()
  }
})
