// Node-side helpers shared by the runtime tests: the verify server, finding
// a runtime's binary, running it, and checking what it reports against what
// the server itself saw.

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { SignatureV4 } from '@smithy/signature-v4'
import { Hash } from '@smithy/hash-node'
import { EventStreamCodec } from '@smithy/eventstream-codec'
import { startVerifyServer } from '../../js/support/verify-server.mjs'
import {
  CREDENTIALS, REGION, RESULT_MARKER, EVENT_SEED, EVENT_DATES, expectedScenarios, expectedUploads, expectedVerify, eventMessages, uploadData,
} from './scenario.mjs'
import { read, parseRequest } from '../../js/support/vectors.mjs'
import { root, packedProject, runDir } from './packed.mjs'

export const RUN_TIMEOUT_MS = 90_000

export function startServer () {
  return startVerifyServer({ credentials: CREDENTIALS, region: REGION, cors: true })
}

/**
 * The runtime's executable, or why the test is skipped. Outside CI a missing
 * runtime is a skip with the reason; in CI (CI set) it is a failure.
 */
export function findRuntime (path, what) {
  if (existsSync(path)) return { path, skip: false }
  const why = `${what} not found at ${path} (installed by scripts/setup.sh)`
  if (process.env.CI) return { path, skip: false, missing: why }
  return { path, skip: `${why}: skipped outside CI` }
}

export const binPath = (name) => join(root, 'node_modules', '.bin', name)

/** Run a command; resolve { stdout, stderr } on exit 0, reject with both otherwise. */
export function run (cmd, args, { cwd, env, timeout = RUN_TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout)
    child.on('error', (e) => { clearTimeout(timer); reject(e) })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve({ stdout, stderr })
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-4000)}`))
    })
  })
}

/** The JSON line the scenario entry printed. */
export function resultFrom (stdout) {
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER))
  assert.ok(line, `no result line in the output:\n${stdout.slice(-4000)}`)
  return JSON.parse(line.slice(RESULT_MARKER.length))
}

const TAMPER_REASONS = ['SignatureDoesNotMatch', 'XAmzContentSHA256Mismatch']
const UPLOAD_SHA256 = createHash('sha256').update(uploadData()).digest('hex')

/**
 * Every scenario answered 200 as signed and 403 once tampered, and the
 * server's own log agrees: for each scenario's path exactly one request
 * verified and one refused, and no other request arrived. Uploads: the
 * server decoded the data whose hash Node computes (and so did the runtime,
 * with crypto.subtle), in the expected mode, and refused each change for
 * its own reason. Paths in otherPaths are another check's.
 */
export function checkResults (results, server, axiosAdapters, { v4a = true, otherPaths = [] } = {}) {
  assert.deepEqual(results.map((r) => r.name), expectedScenarios(axiosAdapters, { v4a }))
  const uploads = new Map(expectedUploads({ v4a }).map((u) => [u.name, u]))
  for (const r of results) {
    assert.equal(r.signed.status, 200, `${r.name}: signed request refused: ${JSON.stringify(r.signed)}`)
    const upload = uploads.get(r.name)
    if (upload) {
      assert.equal(r.signed.payloadMode, upload.payloadMode, r.name)
      assert.equal(r.signed.decodedLength, 200_003, r.name)
      assert.equal(r.signed.decodedSha256, UPLOAD_SHA256, `${r.name}: the server decoded other bytes`)
      assert.equal(r.sha256, UPLOAD_SHA256, `${r.name}: crypto.subtle's hash of the data`)
      assert.deepEqual(r.tampered.map((t) => [t.how, t.status, t.reason]), Object.entries(upload.tampers).map(([how, reason]) => [how, 403, reason]),
        `${r.name}: ${JSON.stringify(r.tampered)}`)
      continue
    }
    assert.equal(r.tampered.status, 403, `${r.name}: tampered request not refused: ${JSON.stringify(r.tampered)}`)
    assert.ok(TAMPER_REASONS.includes(r.tampered.reason), `${r.name}: refused for the wrong reason: ${JSON.stringify(r.tampered)}`)
  }
  const byPath = new Map()
  for (const q of server.requests) {
    const path = q.path.split('?')[0]
    byPath.set(path, [...(byPath.get(path) || []), q])
  }
  for (const r of results) {
    const seen = byPath.get(r.path) || []
    const tampered = [r.tampered].flat()
    const upload = uploads.get(r.name)
    assert.deepEqual(seen.map((q) => [q.status, q.status === 200 ? null : q.reason]), [[200, null], ...tampered.map((t) => [403, t.reason])],
      `${r.name}: the server saw ${JSON.stringify(seen.map((q) => [q.method, q.path, q.status, q.reason]))}`)
    if (upload) {
      assert.equal(seen[0].decodedSha256, UPLOAD_SHA256, r.name)
      assert.equal(seen[0].payloadMode, upload.payloadMode, r.name)
    }
    byPath.delete(r.path)
  }
  for (const p of otherPaths) byPath.delete(p)
  assert.deepEqual([...byPath.keys()], [], 'requests the scenarios did not account for')
}

const sha256 = Hash.bind(null, 'sha256')
const theirCodec = new EventStreamCodec((b) => new TextDecoder().decode(b), (s) => new TextEncoder().encode(s))

/**
 * The runtime's event signatures (runStreamingChecks' events) are those of
 * @smithy/signature-v4's signMessage, message by message, and each signed
 * message decodes (@smithy/eventstream-codec) to its :date, its signature
 * and the inner message as smithy encodes it.
 */
export async function checkEvents (events) {
  assert.ok(events && !events.error, `event signing failed: ${JSON.stringify(events)}`)
  const theirs = new SignatureV4({ credentials: CREDENTIALS, region: REGION, service: 'transcribe', sha256 })
  const inner = [...eventMessages().map((m) => theirCodec.encode(m)), new Uint8Array(0)]
  let prior = EVENT_SEED
  const expected = []
  for (const [i, body] of inner.entries()) {
    const date = new Date(EVENT_DATES[i])
    const { signature } = await theirs.signMessage({ message: { headers: { ':date': { type: 'timestamp', value: date } }, body }, priorSignature: prior },
      { signingDate: date })
    expected.push(signature)
    prior = signature
    const m = theirCodec.decode(Buffer.from(events.messages[i], 'hex'))
    assert.equal(Buffer.from(m.headers[':chunk-signature'].value).toString('hex'), signature, `message ${i}`)
    assert.equal(m.headers[':date'].value.getTime(), date.getTime(), `message ${i}`)
    assert.deepEqual(Buffer.from(m.body), Buffer.from(body), `message ${i}`)
  }
  assert.deepEqual(events.signatures, expected)
}

/**
 * runStreamingChecks' report: the events, and the stream probe checked by
 * `probe(streamProbe, requestsTheServerSaw)` where the runtime has one (it
 * must not otherwise). The paths the server saw for it.
 */
export async function checkStreaming (streaming, server, { probe } = {}) {
  await checkEvents(streaming.events)
  if (!probe) {
    assert.equal(streaming.streamProbe, undefined)
    return []
  }
  const p = streaming.streamProbe
  probe(p, server.requests.filter((q) => q.path === p.path))
  return [p.path]
}

// Published signed requests (aws-c-auth's suite, vectors README §2), each
// by headers and presigned, that every runtime's verify() must accept.
const VERIFY_VECTORS = [['aws-c-auth/v4', 'get-vanilla-with-session-token'], ['aws-c-auth/v4a', 'get-vanilla']]

/**
 * The vectors handed to runVerifyChecks (config.vectors): the request as
 * received, verify()'s options (the suite's key, scope and date) and the
 * claims a valid result must make.
 */
export function verifyVectors () {
  return VERIFY_VECTORS.flatMap(([dir, name]) => {
    const ctx = JSON.parse(read(dir, name, 'context.json'))
    const credentials = { accessKeyId: ctx.credentials.access_key_id, secretAccessKey: ctx.credentials.secret_access_key, sessionToken: ctx.credentials.token }
    return ['header', 'query'].map((mode) => {
      const r = parseRequest(read(dir, name, `${mode}-signed-request.txt`))
      const host = r.headers.find(([n]) => n.toLowerCase() === 'host')[1].trim()
      return {
        name: `vector ${dir}/${name} (${mode})`,
        v4a: dir.endsWith('v4a'),
        request: { method: r.method, url: `https://${host}/`, path: r.target, headers: r.headers, body: r.body },
        options: { credentials, region: ctx.region, service: ctx.service, now: Date.parse(ctx.timestamp), normalizePath: ctx.normalize },
        claims: { accessKeyId: credentials.accessKeyId, presigned: mode === 'query', sessionToken: credentials.sessionToken ?? null },
      }
    })
  })
}

/**
 * runVerifyChecks' report: every case and vector answered as documented
 * (expectedVerify; a vector 'valid'), with the claims expected, in order;
 * nothing refused accepted. Returns the counts.
 */
export function checkVerify (report, vectors, { v4a = true } = {}) {
  assert.ok(report && Array.isArray(report.cases), `no verify report: ${JSON.stringify(report)}`)
  const expected = [
    ...expectedVerify({ v4a }),
    ...vectors.filter((v) => v4a || !v.v4a).map(({ name, claims }) => ({ name, expect: 'valid', claims })),
  ]
  const accepts = (answer) => /^(valid|200)\b/.test(answer)
  const accepted = report.cases.filter((c, i) => expected[i] && !accepts(expected[i].expect) && accepts(c.got))
  assert.deepEqual(accepted.map((c) => c.name), [], 'refusals accepted')
  assert.deepEqual(report.cases.map(({ name, got, claims }) => ({ name, got, ...(claims && { claims }) })),
    expected.map(({ name, expect, claims }) => ({ name, got: expect, ...(claims && { claims }) })))
  const counts = { cases: expected.length, valid: expected.filter((e) => e.expect === 'valid').length, refused: expected.filter((e) => e.expect.startsWith('ERR_')).length }
  assert.deepEqual(report.counts, counts)
  return counts
}

/**
 * The scenarios in a runtime started as a command on an entry file of
 * tests/runtimes/support/entries/: command(entryPath, configJson) gives
 * [executable, args]; probe checks a stream probe (checkStreaming). Checks
 * the results and returns what the entry reported.
 */
export async function scenariosInChild ({ label, entry, axiosAdapters, command, env, probe }) {
  const dir = runDir(packedProject(), label, [entry])
  const server = await startServer()
  try {
    const vectors = verifyVectors()
    const config = JSON.stringify({ base: server.url, label, axiosAdapters, vectors })
    const [cmd, args] = command(join(dir, entry), config)
    const out = resultFrom((await run(cmd, args, { cwd: dir, env })).stdout)
    const otherPaths = await checkStreaming(out.streaming, server, { probe })
    checkResults(out.results, server, axiosAdapters, { otherPaths })
    out.verifyCounts = checkVerify(out.verify, vectors)
    rmSync(dir, { recursive: true, force: true }) // kept when something failed, to look at
    return out
  } finally {
    await server.close()
  }
}
