// Headless Chromium (Debian's package, driven by playwright-core): a page
// built with Vite from the packed package, as an app would build it, served
// by `vite preview` on one loopback port and signing requests to the verify
// server on another, so every signed request also goes through a real CORS
// preflight. fetch, and axios with its xhr and fetch adapters.
import test from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build, preview, version as viteVersion } from 'vite'
import { chromium } from 'playwright-core'
import { packedProject, runDir } from './support/packed.mjs'
import { checkResults, checkStreaming, checkVerify, findRuntime, startServer, verifyVectors } from './support/host.mjs'

const ADAPTERS = ['xhr', 'fetch']
const browserBinary = findRuntime(process.env.CHROMIUM_PATH || '/usr/bin/chromium', 'chromium')

async function buildPage (dir, pages) {
  const output = await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    build: { outDir: 'dist', emptyOutDir: true, rollupOptions: { input: pages.map((p) => join(dir, p)) } },
  })
  const chunks = [output].flat().flatMap((o) => o.output)
  return {
    modules: chunks.flatMap((chunk) => chunk.moduleIds || []),
    assets: chunks.filter((c) => c.type === 'asset').map((c) => c.fileName),
    js: chunks.filter((c) => c.type === 'chunk').map((c) => c.code.length).reduce((a, b) => a + b, 0),
  }
}

// A ReadableStream request body: Chromium sends one over HTTP/2 or later
// only, which a plain-HTTP origin cannot negotiate (no TLS, no ALPN): the
// request fails with net::ERR_ALPN_NEGOTIATION_FAILED before a byte is
// sent. The verify server is plain HTTP/1.1, so the pages send aws-chunked
// bodies as bytes; the probe must fail so, and reach nothing.
function streamProbe (p, seen, failed) {
  assert.deepEqual(seen, [], 'the stream probe reached the server')
  assert.deepEqual([p.status, p.error], [0, 'TypeError: Failed to fetch'])
  assert.deepEqual(failed.filter(([, path]) => path === p.path), [['PUT', p.path, 'net::ERR_ALPN_NEGOTIATION_FAILED']])
}

// Serves the built pages, opens each in Chromium and runs its scenarios
// against the verify server; returns what each page reported.
async function runPages (t, dir, pages, { v4a = true } = {}) {
  const site = await preview({ root: dir, configFile: false, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, strictPort: false } })
  const server = await startServer()
  const browser = await chromium.launch({
    executablePath: browserBinary.path,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const reports = []
  const vectors = verifyVectors()
  try {
    t.diagnostic(`chromium ${browser.version()}, vite ${viteVersion}`)
    for (const name of pages) {
      const page = await browser.newPage()
      const pageErrors = []
      page.on('pageerror', (e) => pageErrors.push(String(e)))
      const failed = []
      page.on('requestfailed', (r) => failed.push([r.method(), new URL(r.url()).pathname, r.failure()?.errorText]))
      await page.goto(new URL(name, site.resolvedUrls.local[0]).href)
      await page.waitForFunction(() => typeof window.runScenarios === 'function')
      const out = await page.evaluate((config) => window.runScenarios(config), { base: server.url, label: 'chromium', axiosAdapters: ADAPTERS, vectors })
      assert.match(out.runtime.userAgent, /Chrome\//)
      assert.notEqual(new URL(page.url()).port, String(server.port), 'the page and the API are different origins')
      const otherPaths = await checkStreaming(out.streaming, server, { probe: (p, seen) => streamProbe(p, seen, failed) })
      checkResults(out.results, server, ADAPTERS, { v4a, otherPaths })
      const verifyCounts = checkVerify(out.verify, vectors, { v4a })
      server.requests.length = 0
      assert.deepEqual(pageErrors, [], name)
      t.diagnostic(`${name} ran: ${out.results.map((r) => r.name).join(', ')}`)
      t.diagnostic(`${name} verify: ${JSON.stringify(verifyCounts)}`)
      reports.push(out)
      await page.close()
    }
    rmSync(dir, { recursive: true, force: true })
  } finally {
    await browser.close()
    await server.close()
    await new Promise((resolve) => site.httpServer.close(resolve))
  }
  return reports
}

test('Chromium: a Vite-built page signs with fetch and axios (xhr, fetch adapters); tampered copies are refused; verify() checks requests in the page', { skip: browserBinary.skip, timeout: 180_000 }, async (t) => {
  if (browserBinary.missing) assert.fail(browserBinary.missing)
  const project = packedProject()
  const dir = runDir(project, 'chromium', ['browser.js', 'index.html'])
  const { modules } = await buildPage(dir, ['index.html'])
  // The page uses the installed tarball's default entry (wasm inlined).
  const entry = join(project.dir, 'node_modules/sigv4-wasm/dist/index.mjs')
  assert.ok(modules.includes(entry), `${entry} is not in the bundle: ${modules.join(', ')}`)
  assert.ok(existsSync(join(dir, 'dist', 'index.html')))
  await runPages(t, dir, ['index.html'])
})

test('Chromium: sigv4-wasm/slim with the module as a file of its own, loaded by init(url) and by init(); verify() too', { skip: browserBinary.skip, timeout: 180_000 }, async (t) => {
  if (browserBinary.missing) assert.fail(browserBinary.missing)
  const project = packedProject()
  const dir = runDir(project, 'chromium-slim', ['slim.html', 'slim.js'])
  const { modules, assets, js } = await buildPage(dir, ['slim.html'])
  const pkg = join(project.dir, 'node_modules/sigv4-wasm')
  assert.ok(modules.includes(join(pkg, 'js/index.slim.js')), `the slim entry is not in the bundle: ${modules.join(', ')}`)
  const embedding = modules.filter((m) => m.startsWith(join(pkg, 'dist/')) && !/\.wasm(\?|$)/.test(m))
  assert.deepEqual(embedding, [], 'nothing with the module inside is bundled')
  const wasm = assets.filter((a) => a.endsWith('.wasm'))
  // The signing module, and the receiving one that verify() fetches.
  assert.ok(wasm.some((a) => /\/sigv4-[^/]*\.wasm$/.test(a) && !a.includes('sigv4-verify')) && wasm.some((a) => a.includes('/sigv4-verify')),
    `Vite emitted both modules as assets: ${assets.join(', ')}`)
  t.diagnostic(`slim pages: ${js} B of JS, assets ${assets.join(', ')}`)
  const reports = await runPages(t, dir, ['slim.html?load=url', 'slim.html?load=auto'], { v4a: false })
  assert.deepEqual(reports.map((r) => [r.runtime.load, r.runtime.beforeInit]),
    [['url', 'ERR_NOT_INITIALIZED'], ['auto', 'ERR_NOT_INITIALIZED']])
})
