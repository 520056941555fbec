// An S3 POST upload from headless Chromium: a page holds a plain HTML form
// (multipart/form-data) whose hidden fields presignPost() wrote, a file is
// chosen and the form submitted; the loopback endpoint it posts to parses
// the multipart body (undici's Request.formData(), not ours) and checks it
// with verifyPost(). Then the same with a file too large for the policy.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchChromium, skipWithoutChromium } from './chromium.mjs'
import { presignPost, verifyPost } from '../../js/index.js'

const credentials = { accessKeyId: 'AKIDPOSTBROWSER', secretAccessKey: 'post/browser+secret', sessionToken: 'post-browser-token' }
const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

function startEndpoint () {
  const uploads = []
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${server.address().port}`
    if (req.method === 'GET') {
      // The form, presigned for this endpoint (path-style: /<bucket>).
      const { url, fields } = presignPost({
        url: `${base}/uploads`,
        key: 'users/42/${filename}',
        conditions: [['content-length-range', 1, 4096], ['starts-with', '$Content-Type', 'text/']],
        fields: { 'x-amz-meta-origin': 'chromium' },
      }, { credentials, region: 'eu-west-1' })
      const hidden = Object.entries(fields).map(([n, v]) => `<input type="hidden" name="${escape(n)}" value="${escape(v)}">`).join('\n')
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><meta charset="utf-8"><form method="post" action="${url}" enctype="multipart/form-data">
${hidden}
<input type="hidden" name="Content-Type" value="text/plain">
<input type="file" name="file">
<button>Upload</button></form>`)
      return
    }
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      const form = await new Request(`${base}${req.url}`, { method: 'POST', headers: { 'content-type': req.headers['content-type'] }, body }).formData()
      const result = await verifyPost(form, {
        credentials: async (id) => (id === credentials.accessKeyId ? credentials : null),
        region: 'eu-west-1',
        bucket: req.url.slice(1),
      })
      const file = form.get('file')
      uploads.push({ result, type: req.headers['content-type'], text: result.valid ? await file.text() : null })
      // A page to land on (a 204, S3's default, leaves the browser where it was).
      res.writeHead(result.valid ? 200 : 403, { 'content-type': 'text/plain' })
      res.end(result.valid ? 'uploaded' : result.code)
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, uploads, close: () => server.close() })))
}

test('Chromium posts a file with an HTML form; verifyPost accepts it, and refuses one too large', { skip: skipWithoutChromium }, async () => {
  const endpoint = await startEndpoint()
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-wasm-post-'))
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    const small = join(dir, 'notes é.txt')
    writeFileSync(small, 'uploaded by a form\n')
    const large = join(dir, 'large.txt')
    writeFileSync(large, 'x'.repeat(5000))
    const landed = []
    for (const file of [small, large]) {
      await page.goto(endpoint.url)
      await page.setInputFiles('input[type=file]', file)
      await Promise.all([page.waitForNavigation(), page.click('button')])
      landed.push(await page.textContent('body'))
    }
    assert.deepEqual(landed, ['uploaded', 'ERR_POLICY_CONDITION'])
    const [ok, tooLarge] = endpoint.uploads
    assert.match(ok.type, /^multipart\/form-data; boundary=/)
    assert.equal(ok.result.valid, true, JSON.stringify(ok.result))
    assert.equal(ok.result.key, 'users/42/notes é.txt')
    assert.equal(ok.result.bucket, 'uploads')
    assert.equal(ok.result.sessionToken, credentials.sessionToken)
    assert.equal(ok.result.fields['x-amz-meta-origin'], 'chromium')
    assert.equal(ok.text, 'uploaded by a form\n')
    assert.equal(tooLarge.result.valid, false)
    assert.equal(tooLarge.result.code, 'ERR_POLICY_CONDITION')
    assert.match(tooLarge.result.message, /content-length-range/)
  } finally {
    await browser.close()
    endpoint.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
