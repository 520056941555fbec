// The 403 diagnosis page (examples/diagnose) in headless Chromium, built by
// scripts/build-diagnose.sh and opened from file:// as a person opens it.
// For scenarios of tests/js/support/aws-errors.mjs (a request a mistaken
// signer sent, and the error body AWS answers it with), the request is
// pasted as raw HTTP (exact, as people paste it, as curl -v shows it) and
// as a curl command line, with the error body and the credentials. The
// page must name the scenario's cause, show AWS's side as AWS computed it
// (the scenario's, from @smithy/signature-v4), mark the line the mistake
// changed, and make no network request.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { launchChromium, skipWithoutChromium } from './chromium.mjs'
import { scenarios } from '../js/support/aws-errors.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

// The canonical-request line each mistake changes (none where AWS's error
// body does not say what it computed).
const CHANGED_LINE = {
  'body-changed': 'payload hash',
  'path-encoded-once': 'path',
  'query-unsorted': 'query',
  'wrong-date': null,
}

const text = (body) => (typeof body === 'string' ? body : Buffer.from(body).toString('latin1'))

/**
 * The request as the HTTP/1.1 text a capture shows (LF line ends, as a
 * textarea keeps them); `loose`, as people paste one: no Content-Length,
 * and nothing after a GET's last header.
 */
function rawHttp ({ method, url, headers, body }, loose = false) {
  const [, host, target] = /^[a-z]+:\/\/([^/?#]*)(.*)$/i.exec(url)
  const lines = [`${method} ${target.startsWith('/') ? target : `/${target}`} HTTP/1.1`, `Host: ${host}`]
  for (const [name, value] of headers) lines.push(`${name}: ${value}`)
  if (body === undefined) return `${lines.join('\n')}${loose ? '' : '\n\n'}`
  if (!loose && !headers.some(([n]) => n.toLowerCase() === 'content-length')) {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`)
  }
  return `${lines.join('\n')}\n\n${text(body)}`
}

/** What `curl -v` prints of a request with no body: its lines after "> ", among others. */
const curlVerbose = (request) =>
  `* Connected to host port 443\n${rawHttp(request).trimEnd().replace(/^/gm, '> ')}\n>\n< HTTP/1.1 403 Forbidden\n`

/** The request as a curl command line, one option a line, as people paste them. */
function curlLine ({ method, url, headers, body }) {
  const quote = (s) => `'${s.replace(/'/g, "'\\''")}'`
  const words = ['curl']
  if (method !== (body === undefined ? 'GET' : 'POST')) words.push(`-X ${method}`)
  words.push(quote(url))
  for (const [name, value] of headers) words.push(`-H ${quote(`${name}: ${value}`)}`)
  if (body !== undefined) words.push(`--data-binary ${quote(text(body))}`)
  return words.join(' \\\n  ')
}

// What the page shows after a diagnosis.
function readResult () {
  const rows = (id) => Array.from(document.querySelectorAll(`#${id} tbody tr`), (tr) => {
    const cells = Array.from(tr.querySelectorAll('td'))
    return {
      kind: tr.dataset.kind,
      label: tr.dataset.label,
      cells: cells.map((td) => (td.classList.contains('absent') ? null : td.textContent)),
      marks: cells.map((td) => Array.from(td.querySelectorAll('mark'), (m) => m.textContent)),
    }
  })
  return {
    problem: document.getElementById('problem').textContent,
    shown: !document.getElementById('result').hidden,
    causes: Array.from(document.querySelectorAll('#causes li'), (li) => ({
      code: li.dataset.code, title: li.querySelector('h3').textContent, detail: li.querySelector('p').textContent,
    })),
    columns: Array.from(document.querySelectorAll('#canonical-request thead th'), (th) => th.textContent),
    canonicalRequest: rows('canonical-request'),
    stringToSign: rows('string-to-sign'),
  }
}

// AWS's side as the page shows it: the AWS column of the lines AWS has.
const awsColumn = (rows) => rows.filter((r) => r.kind !== 'ours-only').map((r) => r.cells[0]).join('\n')

test('the diagnosis page names the cause and marks the line, offline', { skip: skipWithoutChromium }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-wasm-diagnose-'))
  const browser = await launchChromium()
  try {
    execFileSync('bash', [join(root, 'scripts/build-diagnose.sh'), dir], { stdio: 'inherit' })
    const all = await scenarios()
    const cases = Object.keys(CHANGED_LINE).map((name) => all.find((s) => s.name === name))
    assert.equal(cases.filter(Boolean).length, cases.length, 'every scenario named here exists')

    const page = await browser.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    const loaded = []
    const afterLoad = []
    let requests = loaded
    page.on('request', (r) => requests.push(r.url()))
    const index = pathToFileURL(join(dir, 'index.html')).href
    await page.goto(index)
    await page.waitForSelector('body[data-ready="true"]')
    // Loading reads the page's own three files and nothing else.
    assert.deepEqual(loaded.sort(), ['index.html', 'main.js', 'style.css'].map((f) => pathToFileURL(join(dir, f)).href))
    requests = afterLoad
    // The page says so, where credentials are typed.
    assert.match(await page.textContent('#private'), /Nothing leaves this page.*no network request is made/s)

    let n = 0
    for (const s of cases) {
      const forms = [['raw HTTP', rawHttp(s.request)], ['raw HTTP, loosely', rawHttp(s.request, true)], ['curl', curlLine(s.request)]]
      if (s.request.body === undefined) forms.push(['curl -v output', curlVerbose(s.request)])
      for (const [form, pasted] of forms) {
        await t.test(`${s.name} as ${form}`, async () => {
          await page.fill('#request', pasted)
          await page.fill('#error', s.errorBody)
          await page.fill('#access-key-id', s.options.credentials.accessKeyId)
          await page.fill('#secret-access-key', s.options.credentials.secretAccessKey)
          await page.fill('#session-token', s.options.credentials.sessionToken || '')
          await page.fill('#region', s.options.region || '')
          await page.fill('#service', s.options.service || '')
          assert.equal(await page.textContent('#request-kind'), form === 'curl' ? 'Read as a curl command line.' : 'Read as a raw HTTP request.')
          await page.click('#run')
          await page.waitForFunction(() => !document.getElementById('result').hidden || document.getElementById('problem').textContent)
          const r = await page.evaluate(readResult)
          assert.equal(r.problem, '')
          assert.ok(r.shown)
          assert.equal(r.causes[0]?.code, s.cause, JSON.stringify(r.causes))
          assert.ok(r.causes[0].title.length > 10 && r.causes[0].detail.length > 20, JSON.stringify(r.causes[0]))
          const line = CHANGED_LINE[s.name]
          if (!line) return
          // AWS's column is what AWS computed, line for line.
          assert.equal(r.columns[1], 'AWS computed')
          assert.equal(awsColumn(r.canonicalRequest), s.aws.canonicalRequest)
          assert.equal(awsColumn(r.stringToSign), s.aws.stringToSign)
          // The changed line is marked, its differing characters highlighted.
          const marked = r.canonicalRequest.filter((row) => row.kind !== 'same')
          assert.ok(marked.some((row) => row.label === line), `${line} in ${JSON.stringify(marked.map((row) => row.label))}`)
          const changed = marked.find((row) => row.label === line)
          assert.equal(changed.kind, 'changed')
          assert.notEqual(changed.cells[0], changed.cells[1])
          assert.ok(changed.marks[0].length === 1 && changed.marks[1].length === 1, JSON.stringify(changed))
          assert.ok(changed.marks[0][0] !== changed.marks[1][0], JSON.stringify(changed.marks))
          n++
        })
      }
    }
    assert.equal(n, 11)
    assert.deepEqual(afterLoad, [], 'no network request while diagnosing')
    assert.deepEqual(errors, [])
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
