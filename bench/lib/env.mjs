// What the numbers were measured on and with.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'

function git (root, args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}

function cpuFlags () {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8')
    return /^flags\s*:.*\bsha_ni\b/m.test(info)
  } catch {
    return null
  }
}

// More runnable work than CPUs: every timing is stretched by preemption.
export const busy = (env) => Array.isArray(env.loadavg_at_start) && env.loadavg_at_start[0] > env.cpus

export function environment (root) {
  const wasm = join(root, 'dist/sigv4.wasm')
  const bytes = existsSync(wasm) ? readFileSync(wasm) : null
  const status = git(root, ['status', '--porcelain', '--', 'js', 'src', 'wasm'])
  return {
    node: process.version,
    v8: process.versions.v8,
    openssl: process.versions.openssl,
    cpu: cpus()[0]?.model || null,
    cpus: cpus().length,
    sha_ni: cpuFlags(),
    memory_gib: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    commit: git(root, ['rev-parse', '--short=12', 'HEAD']),
    library_modified: status === null ? null : status.length > 0,
    wasm_bytes: bytes ? bytes.length : null,
    wasm_sha256: bytes ? createHash('sha256').update(bytes).digest('hex') : null,
    loadavg_at_start: loadavg().map((x) => Math.round(x * 100) / 100),
  }
}
