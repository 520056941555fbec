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
import { checkResults, findRuntime, startServer } from './support/host.mjs'

const ADAPTERS = ['xhr', 'fetch']
const browserBinary = findRuntime(process.env.CHROMIUM_PATH || '/usr/bin/chromium', 'chromium')

async function buildPage (dir) {
  const output = await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    build: { outDir: 'dist', emptyOutDir: true },
  })
  return [output].flat().flatMap((o) => o.output).flatMap((chunk) => chunk.moduleIds || [])
}

test('Chromium: a Vite-built page signs with fetch and axios (xhr, fetch adapters); tampered copies are refused', { skip: browserBinary.skip, timeout: 180_000 }, async (t) => {
  if (browserBinary.missing) assert.fail(browserBinary.missing)
  const project = packedProject()
  const dir = runDir(project, 'chromium', ['browser.js', 'index.html'])
  const bundled = await buildPage(dir)
  // The page uses the installed tarball's default entry (wasm inlined).
  const entry = join(project.dir, 'node_modules/sigv4-wasm/dist/index.mjs')
  assert.ok(bundled.includes(entry), `${entry} is not in the bundle: ${bundled.join(', ')}`)
  assert.ok(existsSync(join(dir, 'dist', 'index.html')))

  const site = await preview({ root: dir, configFile: false, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, strictPort: false } })
  const server = await startServer()
  const browser = await chromium.launch({
    executablePath: browserBinary.path,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    t.diagnostic(`chromium ${browser.version()}, vite ${viteVersion}`)
    const page = await browser.newPage()
    const pageErrors = []
    page.on('pageerror', (e) => pageErrors.push(String(e)))
    await page.goto(site.resolvedUrls.local[0])
    await page.waitForFunction(() => typeof window.runScenarios === 'function')
    const out = await page.evaluate((config) => window.runScenarios(config), { base: server.url, label: 'chromium', axiosAdapters: ADAPTERS })
    assert.match(out.runtime.userAgent, /Chrome\//)
    assert.notEqual(new URL(page.url()).port, String(server.port), 'the page and the API are different origins')
    checkResults(out.results, server, ADAPTERS)
    assert.deepEqual(pageErrors, [])
    t.diagnostic(`ran: ${out.results.map((r) => r.name).join(', ')}`)
    rmSync(dir, { recursive: true, force: true })
  } finally {
    await browser.close()
    await server.close()
    await new Promise((resolve) => site.httpServer.close(resolve))
  }
})
