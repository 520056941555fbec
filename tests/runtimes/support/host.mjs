// Node-side helpers shared by the runtime tests: the verify server, finding
// a runtime's binary, running it, and checking what it reports against what
// the server itself saw.

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { startVerifyServer } from '../../js/support/verify-server.mjs'
import { CREDENTIALS, REGION, RESULT_MARKER, expectedScenarios } from './scenario.mjs'
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

/**
 * Every scenario answered 200 as signed and 403 once tampered, and the
 * server's own log agrees: for each scenario's path exactly one request
 * verified and one refused, and no other request arrived.
 */
export function checkResults (results, server, axiosAdapters, { v4a = true } = {}) {
  assert.deepEqual(results.map((r) => r.name), expectedScenarios(axiosAdapters, { v4a }))
  for (const r of results) {
    assert.equal(r.signed.status, 200, `${r.name}: signed request refused: ${JSON.stringify(r.signed)}`)
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
    assert.deepEqual(seen.map((q) => q.status), [200, 403], `${r.name}: the server saw ${JSON.stringify(seen.map((q) => [q.method, q.path, q.status, q.reason]))}`)
    byPath.delete(r.path)
  }
  assert.deepEqual([...byPath.keys()], [], 'requests the scenarios did not account for')
}

/**
 * The scenarios in a runtime started as a command on an entry file of
 * tests/runtimes/support/entries/: command(entryPath, configJson) gives
 * [executable, args]. Checks the results and returns what the entry reported.
 */
export async function scenariosInChild ({ label, entry, axiosAdapters, command, env }) {
  const dir = runDir(packedProject(), label, [entry])
  const server = await startServer()
  try {
    const config = JSON.stringify({ base: server.url, label, axiosAdapters })
    const [cmd, args] = command(join(dir, entry), config)
    const out = resultFrom((await run(cmd, args, { cwd: dir, env })).stdout)
    checkResults(out.results, server, axiosAdapters)
    rmSync(dir, { recursive: true, force: true }) // kept when something failed, to look at
    return out
  } finally {
    await server.close()
  }
}
