// A page whose Content-Security-Policy is `script-src 'self'` (no
// 'wasm-unsafe-eval': Chromium refuses to compile WebAssembly there), in
// headless Chromium. Its one script (bundled by esbuild, served by the page's
// own loopback server) imports both entries: the default one must throw
// ERR_NO_WASM naming 'sigv4-wasm/js'; sigv4-wasm/js must sign requests that
// the loopback verify endpoint (verify(), in Node) accepts as sent by fetch.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { launchChromium, skipWithoutChromium } from './chromium.mjs'
import { startVerifyServer } from '../js/support/verify-server.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const credentials = { accessKeyId: 'AKIDCSPPAGE', secretAccessKey: 'csp/page+secret', sessionToken: 'csp-page-token' }
const CSP = "script-src 'self'"

// The page's script: results go to window.results (read by the test).
const PAGE_SCRIPT = `
import * as wasm from 'sigv4-wasm'
import * as js from 'sigv4-wasm/js'

async function main (endpoint, credentials) {
  const out = { wasm: {}, signed: [] }
  const options = { credentials, region: 'eu-west-1', service: 'execute-api' }
  const caught = (f) => { try { f(); return null } catch (e) { return { name: e.name, code: e.code, message: e.message } } }
  out.wasm.sign = caught(() => wasm.sign({ url: endpoint + '/x' }, options))
  out.wasm.init = await wasm.init().then(() => null, (e) => ({ name: e.name, code: e.code, message: e.message }))
  out.webAssembly = typeof WebAssembly
  const requests = [
    { method: 'GET', url: endpoint + '/items?b=2&a=1&a=0' },
    { method: 'GET', url: endpoint + '/caf%C3%A9/d%C3%A9j%C3%A0 vu/x+y?q=caf\u00e9&empty=&sp=a%20b' },
    { method: 'POST', url: endpoint + '/items', headers: { 'content-type': 'application/json', 'X-Custom': ' two  spaces ' }, body: '{"name":"caf\u00e9 \u2603"}' },
    { method: 'PUT', url: endpoint + '/bytes', body: new Uint8Array([0, 1, 2, 255, 254, 10]) },
    { method: 'DELETE', url: endpoint + '/items/42?force=true' },
  ]
  for (const r of requests) {
    const s = js.sign(r, options)
    const res = await fetch(s.url, { method: s.method, headers: s.headers, body: s.body })
    out.signed.push({ method: r.method, status: res.status, answer: await res.json() })
  }
  // A presigned GET, and createSignedFetch as an app uses it.
  const url = js.presign({ url: endpoint + '/presigned?x=1' }, { ...options, expiresIn: 300 })
  const pres = await fetch(url)
  out.signed.push({ method: 'presign', status: pres.status, answer: await pres.json() })
  const signedFetch = js.createSignedFetch(options)
  const sf = await signedFetch(endpoint + '/fetched', { method: 'PATCH', body: 'patched' })
  out.signed.push({ method: 'createSignedFetch', status: sf.status, answer: await sf.json() })
  return out
}

main(window.ENDPOINT, window.CREDENTIALS).then((r) => { window.results = r }, (e) => { window.results = { failed: String(e && e.stack || e) } })
`

async function bundle () {
  const { outputFiles } = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: root },
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'silent',
  })
  return outputFiles[0].text
}

// The page: its settings in a JSON script element (data, not script), read
// by a small same-origin script, then the bundle.
function servePage (script, settings) {
  const server = createServer((req, res) => {
    const headers = { 'content-security-policy': CSP }
    if (req.url === '/') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><meta charset="utf-8"><title>csp</title>
<script type="application/json" id="settings">${JSON.stringify(settings).replace(/</g, '\\u003c')}</script>
<script src="/settings.js"></script><script src="/app.js"></script>`)
    } else if (req.url === '/settings.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' })
      res.end(`const s = JSON.parse(document.getElementById('settings').textContent); window.ENDPOINT = s.endpoint; window.CREDENTIALS = s.credentials`)
    } else if (req.url === '/app.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' })
      res.end(script)
    } else {
      res.writeHead(404).end()
    }
  })
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)))
}

test("Chromium, CSP script-src 'self': the default entry is ERR_NO_WASM, sigv4-wasm/js signs what verify() accepts", { skip: skipWithoutChromium }, async () => {
  const endpoint = await startVerifyServer({ credentials, region: 'eu-west-1', service: 'execute-api', cors: true })
  const server = await servePage(await bundle(), { endpoint: endpoint.url.replace(/\/$/, ''), credentials })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${server.address().port}/`)
    await page.waitForFunction(() => window.results !== undefined, null, { timeout: 30_000 })
    const out = await page.evaluate(() => window.results)
    assert.equal(out.failed, undefined, out.failed)
    // WebAssembly is there; the policy refuses to compile it.
    assert.equal(out.webAssembly, 'object')
    for (const e of [out.wasm.sign, out.wasm.init]) {
      assert.equal(e?.name, 'SigV4Error', JSON.stringify(e))
      assert.equal(e.code, 'ERR_NO_WASM')
      assert.match(e.message, /'sigv4-wasm\/js'/)
      // Refused by the policy, as Chromium says it.
      assert.match(e.message, /Content Security [Pp]olicy/)
    }
    assert.deepEqual(out.signed.map((s) => s.method), ['GET', 'GET', 'POST', 'PUT', 'DELETE', 'presign', 'createSignedFetch'])
    for (const s of out.signed) assert.equal(s.status, 200, `${s.method}: ${JSON.stringify(s.answer)}`)
    // The endpoint saw every request, each verified as it came.
    assert.equal(endpoint.requests.filter((r) => r.ok).length, out.signed.length)
    assert.equal(endpoint.requests.find((r) => r.method === 'GET' && r.path.startsWith('/caf')).path,
      '/caf%C3%A9/d%C3%A9j%C3%A0%20vu/x+y?q=caf%C3%A9&empty=&sp=a%20b')
  } finally {
    await browser.close()
    server.close()
    await endpoint.close()
  }
})
