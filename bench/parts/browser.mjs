// The signing bench in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core): bench/browser/page.mjs bundled by esbuild, served on
// loopback with cross-origin isolation (performance.now() at 5 µs instead of
// 100 µs), driven from here.
import { createServer } from 'node:http'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { REQUESTS, prepare, requestById } from '../lib/fixtures.mjs'
import { V4A_HOST } from './v4a.mjs'
import { nodeSigners, REFERENCE_KEY } from '../lib/signers-node.mjs'
import { formatEquivalence } from '../lib/equivalence.mjs'
import { relativeTo, printCases } from './sign.mjs'
import { settingsFor } from '../lib/settings.mjs'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

function serve (dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript' }
  const server = createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.slice(1) || 'index.html'
    const file = join(dir, name)
    if (!/^[\w.-]+$/.test(name) || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'content-type': types[name.slice(name.lastIndexOf('.'))] || 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    })
    res.end(readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

export async function runBrowser (ctx) {
  const { log, root } = ctx
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`)
  const dir = join(root, 'build/bench/browser')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  await build({
    entryPoints: [join(root, 'bench/browser/page.mjs')], outfile: join(dir, 'page.js'),
    bundle: true, platform: 'browser', format: 'esm', target: 'es2022', logLevel: 'warning',
  })
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>sigv4-wasm bench</title><link rel="icon" href="data:,"><script type="module" src="page.js"></script>\n')

  // References from Node (smithy + node:crypto), so the page is checked
  // against an independent environment too.
  const ref = nodeSigners().find((s) => s.key === REFERENCE_KEY)
  const expected = {}
  const settings = {}
  for (const f of REQUESTS) {
    const r = prepare(f)
    expected[r.id] = await ref.sign(r)
    settings[r.id] = settingsFor(r.bodyLength, ctx)
  }

  const server = await serve(dir)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-renderer-backgrounding', '--disable-background-timer-throttling'],
  })
  try {
    const page = await browser.newPage()
    page.on('console', (m) => log(`  [chromium] ${m.text()}`))
    page.on('pageerror', (e) => log(`  [chromium error] ${e.message}`))
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`)
    await page.waitForFunction(() => typeof globalThis.runBench === 'function')
    const out = await page.evaluate((cfg) => globalThis.runBench(cfg), { expected, settings, seed: ctx.seed })
    log(`  ${out.userAgent}; crossOriginIsolated=${out.crossOriginIsolated}`)
    for (const req of out.requests) {
      log(formatEquivalence(req.equivalence, `Chromium ${req.label}`))
      relativeTo(req.cases, 'ours')
      printCases(log, req.cases)
      log('')
    }
    // SigV4a, as the v4a part does in Node.
    const v4a = await page.evaluate((cfg) => globalThis.runV4a(cfg), {
      url: `https://${V4A_HOST}${prepare(requestById('a')).path}`, signingDate: prepare(requestById('a')).signingDate.toISOString(),
      settings: { ...settingsFor(0, ctx), batchMs: 60 }, seed: ctx.seed,
    })
    log(`Chromium (a) GET ${V4A_HOST}, SigV4a: @smithy/signature-v4a ${v4a.same ? 'signs the same canonical request' : 'DIFFERS'}`)
    relativeTo(v4a.cases, 'ours')
    printCases(log, v4a.cases)
    log('')
    out.requests.push({ id: 'v4a', label: `(a) GET ${V4A_HOST}, SigV4a`, same: v4a.same, cases: v4a.cases })
    return { chromium: out.userAgent, cross_origin_isolated: out.crossOriginIsolated, requests: out.requests }
  } finally {
    await browser.close()
    server.close()
  }
}
