// The benchmark's precondition, as a correctness check (never a timing):
// configured as bench/lib/signers*.mjs configures them, sigv4-wasm, smithy
// (node:crypto and sha256-js hashing), aws4 and aws4fetch produce the same
// Authorization header for the bench's four requests; and the check that
// keeps a differing signer out of the timing does notice a difference;
// and --update-readme writes each generated block where it belongs; the
// chunked part's gate and its memory child work.
import test from 'node:test'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { REQUESTS, prepare } from '../../bench/lib/fixtures.mjs'
import { nodeSigners, REFERENCE_KEY } from '../../bench/lib/signers-node.mjs'
import { checkEquivalence } from '../../bench/lib/equivalence.mjs'
import { renderHeadline, renderSummary, updateReadmes } from '../../bench/lib/summary.mjs'
import { UPLOADS, upload, checkUpload, memoryRun, discardServer } from '../../bench/parts/chunked.mjs'
import { patternBytes } from '../../bench/lib/fixtures.mjs'
import { ourBlocks } from '../../bench/lib/nowasm.mjs'
import { ourRequest, ourOptions } from '../../bench/lib/signers.mjs'
import { buildNamedModules } from '../../bench/lib/profile-build.mjs'

const signers = nodeSigners()

test('the bench line-up has ours and every peer', () => {
  assert.deepEqual(signers.map((s) => s.key).sort(),
    ['aws4', 'aws4fetch', 'ours', 'ours-async', 'smithy-js', 'smithy-node'])
})

for (const fixture of REQUESTS) {
  test(`${fixture.label}: every library signs it identically`, async () => {
    const r = prepare(fixture)
    const eq = await checkEquivalence(signers, r, { referenceKey: REFERENCE_KEY })
    assert.equal(eq.signedHeaders, fixture.signedHeaders)
    assert.match(eq.reference, /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20130524\/us-east-1\/[\w-]+\/aws4_request, SignedHeaders=[\w;-]+, Signature=[0-9a-f]{64}$/)
    for (const row of eq.rows) assert.ok(row.same, `${row.name}: ${row.error || row.authorization}`)
  })
}

test('a signer that differs or throws is flagged, not timed', async () => {
  const r = prepare(REQUESTS[0])
  const ours = signers.find((s) => s.key === 'ours')
  const otherSecret = {
    key: 'other-secret', name: 'ours, other secret',
    sign: (req) => ours.sign({ ...req, credentials: { ...req.credentials, secretAccessKey: 'not-the-secret' } }),
  }
  const broken = { key: 'broken', name: 'throws', sign: () => { throw new Error('boom') } }
  const eq = await checkEquivalence([...signers, otherSecret, broken], r, { referenceKey: REFERENCE_KEY })
  const row = (k) => eq.rows.find((x) => x.key === k)
  assert.equal(row('ours').same, true)
  assert.equal(row('other-secret').same, false)
  assert.equal(row('broken').same, false)
  assert.equal(row('broken').error, 'boom')
})

test('a reference that signed another header set stops the bench', async () => {
  const r = { ...prepare(REQUESTS[0]), signedHeaders: 'host;x-amz-date' }
  await assert.rejects(checkEquivalence(signers, r, { referenceKey: REFERENCE_KEY }), /reference signed "host;x-amz-content-sha256;x-amz-date"/)
})

test("the Hermes split's count of our SHA-256 blocks is the converted module's own", async () => {
  // A copy of the /js entry on the named build's converted modules, its
  // compression function counting the blocks it is given.
  const named = buildNamedModules()
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-blocks-'))
  try {
    cpSync(new URL('../../js', import.meta.url), join(dir, 'js'), { recursive: true })
    mkdirSync(join(dir, 'dist'))
    for (const f of ['sigv4-wasm2js.js', 'sigv4-verify-wasm2js.js']) cpSync(join(named, f), join(dir, 'dist', f))
    const file = join(dir, 'dist/sigv4-wasm2js.js')
    const source = readFileSync(file, 'utf8')
    const counting = source.replace(/\bfunction rounds\(\$\d+, \$\d+, (\$\d+)\) \{/, (m, len) => `${m} globalThis.blocksHashed += ${len} >>> 6;`)
    assert.notEqual(counting, source, 'no rounds($0, $1, $2) in the converted module: update this test')
    writeFileSync(file, counting)
    const api = await import(join(dir, 'js/index.nowasm.js'))
    // The requests without a body (the split is of (a)).
    const requests = REQUESTS.map(prepare).filter((r) => r.body === undefined || r.body.length === 0)
    assert.ok(requests.length > 0)
    for (const r of requests) {
      globalThis.blocksHashed = 0
      api.sign(ourRequest(r), ourOptions(r)) // derives and caches the key
      globalThis.blocksHashed = 0
      api.sign(ourRequest(r), ourOptions(r))
      assert.equal(globalThis.blocksHashed, ourBlocks(api, r), r.label)
    }
  } finally {
    delete globalThis.blocksHashed
    rmSync(dir, { recursive: true, force: true })
  }
})

test('npm run profile builds the named module and splits a signature by function', () => {
  // Not a timing: only that the tool runs, keeps the C names and groups them.
  const out = execFileSync(process.execPath, ['bench/profile.mjs', 'a', '--calls=3000'],
    { cwd: new URL('../..', import.meta.url), encoding: 'utf8' })
  assert.match(out, /request \(a\), 3000 signatures/)
  for (const group of ['wasm: SHA-256 (BearSSL)', 'wasm: canonical request, shim', 'JS glue and V8 builtins']) {
    assert.ok(out.includes(group), `${group} missing:\n${out}`)
  }
  assert.match(out, /wasm {2}(rounds|br_sha2small_round|sigv4_br_sha256_update|sigv4w_sign)\b/, 'C function names are kept')
})

test('npm run ab compares two builds, loaded in both orders, and refuses builds that sign differently', () => {
  const run = (...args) => execFileSync(process.execPath, ['bench/ab.mjs', ...args],
    { cwd: new URL('../..', import.meta.url), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const out = run('dist/sigv4.wasm', 'dist/sigv4.wasm')
  assert.match(out, /^\(a\) {2}A [\d.]+ us {2}B [\d.]+ us {2}B\/A [\d.]+$/m)
  assert.match(out, /^\(b\) {2}A [\d.]+ us {2}B [\d.]+ us {2}B\/A [\d.]+$/m)
  assert.equal(out.match(/^ +B\/A with A loaded first [\d.]+, with B loaded first [\d.]+$/gm).length, 2)
  // A copy of the glue that signs with another secret: refused, not timed.
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-ab-'))
  try {
    cpSync(new URL('../../js', import.meta.url), join(dir, 'js'), { recursive: true })
    const shaping = join(dir, 'js/request.js')
    const source = readFileSync(shaping, 'utf8')
    const broken = source.replace('return { accessKeyId, secretAccessKey,', "return { accessKeyId, secretAccessKey: secretAccessKey + 'x',")
    assert.notEqual(broken, source, 'the mutation no longer applies: update this test')
    writeFileSync(shaping, broken)
    assert.throws(() => run('dist/sigv4.wasm', 'dist/sigv4.wasm', 'js', join(dir, 'js')), /sign differently/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('--update-readme writes the full tables to bench/README.md and the targets table to README.md', () => {
  const results = JSON.parse(readFileSync(new URL('../../bench/results/results.json', import.meta.url), 'utf8'))
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-readme-'))
  const block = (name) => `before\n<!-- bench:${name}:start (generated by npm run bench -- --update-readme) -->\nSTALE BLOCK\n<!-- bench:${name}:end -->\nafter\n`
  try {
    mkdirSync(join(dir, 'bench'))
    writeFileSync(join(dir, 'README.md'), block('headline'))
    writeFileSync(join(dir, 'bench/README.md'), block('results'))
    updateReadmes(dir, results)
    const top = readFileSync(join(dir, 'README.md'), 'utf8')
    const full = readFileSync(join(dir, 'bench/README.md'), 'utf8')
    assert.ok(top.includes(renderHeadline(results)) && !top.includes('STALE BLOCK'), top)
    assert.ok(full.includes(renderSummary(results)) && !full.includes('STALE BLOCK'), full)
    assert.match(top, /^before\n[^]*\| what \| target \| measured \| verdict \|[^]*<!-- bench:headline:end -->\nafter\n$/)
    assert.ok(!top.includes('Signing latency'), 'README.md gets the targets table only')
    // A file without its markers: an error, and neither file is written.
    writeFileSync(join(dir, 'README.md'), 'no markers\n')
    writeFileSync(join(dir, 'bench/README.md'), block('results'))
    assert.throws(() => updateReadmes(dir, results), /README\.md: no <!-- bench:headline:start/)
    assert.equal(readFileSync(join(dir, 'bench/README.md'), 'utf8'), block('results'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the chunked part times only uploads the reference decoder accepts', async () => {
  const data = patternBytes(300000, 15)
  for (const u of UPLOADS) assert.deepEqual(await checkUpload(data, u), { ok: true }, u.name)
  // One data byte changed on the way: refused.
  const tampered = async (bytes, options) => {
    const out = await upload(bytes, options)
    let done = false
    const body = out.body.pipeThrough(new TransformStream({
      transform (piece, controller) {
        if (!done && piece.length > 1000) {
          piece = piece.slice()
          piece[500] ^= 1
          done = true
        }
        controller.enqueue(piece)
      },
    }))
    return { ...out, body }
  }
  const r = await checkUpload(data, UPLOADS[0], tampered)
  assert.equal(r.ok, false)
  assert.match(r.error, /signature/i)
})

test('the chunked memory child uploads the whole body, to a socket too, and reports its peak RSS', async () => {
  const root = new URL('../..', import.meta.url).pathname
  const server = await discardServer()
  try {
    const r = await memoryRun(root, 8 * 1024 * 1024, 65536, 'fresh', 'socket', server.port)
    assert.equal(r.sent, r.content_length)
    assert.ok(r.content_length > 8 * 1024 * 1024, String(r.content_length))
    assert.equal((await server.closed(2)).at(-1), r.sent, 'the server got every byte')
    for (const k of ['baseline_rss', 'peak_rss_growth_sampled', 'ms']) assert.ok(Number.isFinite(r[k]), `${k}: ${r[k]}`)
  } finally {
    await server.close()
  }
  const alone = await memoryRun(root, 4 * 1024 * 1024, 65536, 'fresh-alone', 'discard')
  assert.equal(alone.sent, 4 * 1024 * 1024)
})
