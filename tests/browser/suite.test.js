// The AWS suite cases in headless Chromium (Debian's package, driven by
// playwright-core), from the packed package served on loopback: the same
// cases and checks as tests/js/suite.test.js.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname, normalize, extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium, skipWithoutChromium } from './chromium.mjs'
import { suiteCases, s3DocCases, smithyTsCases, checkCase } from '../js/support/suite-cases.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.json': 'application/json' }

function unpackPackage () {
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-wasm-browser-'))
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const file = JSON.parse(out.slice(out.indexOf('['))).at(0).filename
  execFileSync('tar', ['-xzf', join(dir, file), '-C', dir])
  return dir // the package is in dir/package
}

function serve (dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname))
    const file = join(dir, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' })
    res.end(readFileSync(file))
  })
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)))
}

test('AWS suite in headless Chromium', { skip: skipWithoutChromium }, async () => {
  const dir = unpackPackage()
  const server = await serve(dir)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    const base = `http://127.0.0.1:${server.address().port}`
    await page.goto(`${base}/package/package.json`)
    const cases = [
      ...suiteCases('aws-c-auth/v4'),
      ...suiteCases('smithy-kotlin/aws-signing-test-suite/v4'),
      ...s3DocCases(),
      ...smithyTsCases(),
    ]
    assert.equal(cases.length, 111)
    const results = await page.evaluate(async ({ cases, entry }) => {
      const api = await import(entry)
      await api.init()
      return cases.map((c) => {
        try {
          const why = api.explain(c.request, c.options)
          const out = { canonicalRequest: why.canonicalRequest, stringToSign: why.stringToSign, signature: why.signature }
          if (c.mode === 'header') out.headers = api.sign(c.request, c.options).headers
          else out.url = api.presign(c.request, c.options)
          return out
        } catch (e) {
          return { error: `${e.code}: ${e.message}` }
        }
      })
    }, { cases, entry: `${base}/package/dist/index.mjs` })
    const ua = await page.evaluate(() => navigator.userAgent)
    assert.match(ua, /Chrome\//)
    cases.forEach((c, i) => {
      assert.equal(results[i].error, undefined, c.name)
      checkCase(assert, c, results[i])
    })
  } finally {
    await browser.close()
    server.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
