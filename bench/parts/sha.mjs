// SHA-256 throughput at 1 KiB, 64 KiB, 1 MiB and 16 MiB: ours (the package's
// sha256, and the wasm exports called directly), node:crypto, WebCrypto,
// @aws-crypto/sha256-js, hash-wasm, and native BearSSL (gcc -O2) run as a
// child process that times itself between our batches. Then one line for
// the checksums: checksum('crc32c') of 16 MiB against aws-crt's.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js'
import { createSHA256 } from 'hash-wasm'
import crt from 'aws-crt'
import { checksum, sha256 } from '../../js/index.js'
import { KiB, MiB, patternBytes, toHex } from '../lib/fixtures.mjs'
import { rawWasmSha256 } from '../lib/raw-wasm.mjs'
import { measure } from '../lib/harness.mjs'
import { pairedRatio } from '../lib/stats.mjs'
import { textTable, time, iqr, ratio, mbps } from '../lib/format.mjs'
import { buildNativeTimer, runNativeTimer } from './native.mjs'
import { settingsFor } from '../lib/settings.mjs'

export const SHA_SIZES = [
  { label: '1 KiB', bytes: KiB },
  { label: '64 KiB', bytes: 64 * KiB },
  { label: '1 MiB', bytes: MiB },
  { label: '16 MiB', bytes: 16 * MiB },
]

export async function runSha (ctx) {
  const { log, root } = ctx
  const native = buildNativeTimer(root)
  const raw = rawWasmSha256(readFileSync(join(root, 'dist/sigv4.wasm')))
  const hw = await createSHA256()
  const subtle = globalThis.crypto.subtle
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-bench-sha-'))
  const sizes = []
  try {
    for (const size of SHA_SIZES) {
      const data = patternBytes(size.bytes, 0x5a5a0000 + size.bytes)
      const file = join(dir, `data-${size.bytes}.bin`)
      writeFileSync(file, data)
      const impls = [
        { key: 'ours', name: 'sigv4-wasm sha256() (package)', fn: () => sha256(data) },
        { key: 'wasm-raw', name: 'sigv4.wasm exports, called directly', fn: () => raw.sha256Hex(data) },
        { key: 'native', name: 'native BearSSL, gcc -O2 (child process)', sample: (n) => runNativeTimer(native, file, n).ns, hex: () => runNativeTimer(native, file, 1).hex },
        { key: 'node', name: 'node:crypto createHash', fn: () => createHash('sha256').update(data).digest() },
        { key: 'webcrypto', name: 'WebCrypto subtle.digest', async: true, fn: () => subtle.digest('SHA-256', data) },
        { key: 'sha256-js', name: '@aws-crypto/sha256-js', async: true, fn: () => { const h = new Sha256Js(); h.update(data); return h.digest() } },
        { key: 'hash-wasm', name: 'hash-wasm (reused hasher)', fn: () => { hw.init(); hw.update(data); return hw.digest('binary') } },
      ]
      // Same digest from everyone first.
      const expected = createHash('sha256').update(data).digest('hex')
      const checks = []
      for (const c of impls) {
        let hex
        try {
          const v = c.hex ? c.hex() : await c.fn()
          hex = typeof v === 'string' ? v : toHex(v)
        } catch (e) {
          hex = `error: ${e.message}`
        }
        checks.push({ key: c.key, name: c.name, same: hex === expected, digest: hex })
      }
      const bad = checks.filter((c) => !c.same)
      log(`SHA-256 ${size.label}: ${impls.length - bad.length}/${impls.length} give the node:crypto digest ${expected.slice(0, 16)}…`)
      for (const b of bad) log(`  NO  ${b.name}: ${b.digest} -> not timed`)
      const cases = impls.filter((c) => checks.find((x) => x.key === c.key).same)
      const settings = settingsFor(size.bytes, ctx)
      const results = await measure(cases, { ...settings, seed: ctx.seed })
      results.forEach((x, i) => { x.key = cases[i].key })
      const by = (k) => results.find((x) => x.key === k)
      for (const x of results) {
        // speed relative to: > 1 means faster than the reference.
        x.speed_vs_native = by('native') ? pairedRatio(by('native').samples, x.samples).median : null
        x.speed_vs_wasm = by('wasm-raw') ? pairedRatio(by('wasm-raw').samples, x.samples).median : null
      }
      log(textTable(['', 'MB/s', 'median', 'IQR', 'speed ÷ native', 'speed ÷ wasm'],
        results.map((x) => [x.name, mbps(size.bytes, x.median_ns), time(x.median_ns), iqr(x.p25_ns, x.p75_ns), ratio(x.speed_vs_native), ratio(x.speed_vs_wasm)]),
        ['l', 'r', 'r', 'r', 'r', 'r']))
      log('')
      sizes.push({ label: size.label, bytes: size.bytes, settings, digests: checks, cases: results })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return { sizes, checksum: await runChecksum(ctx) }
}

// x-amz-checksum-crc32c of 16 MiB: the package's checksum() (the wasm's
// table-driven CRC) against aws-crt (AWS's C library: the CPU's CRC32
// instruction where there is one), after both give the same value.
async function runChecksum (ctx) {
  const bytes = 16 * MiB
  const data = patternBytes(bytes, 0x5a5a0c5c)
  const want = Buffer.alloc(4)
  want.writeUInt32BE(crt.checksums.crc32c(data))
  if (checksum('crc32c', data) !== want.toString('base64')) throw new Error("checksum('crc32c') differs from aws-crt's")
  const cases = [
    { key: 'ours', name: "sigv4-wasm checksum('crc32c')", fn: () => checksum('crc32c', data) },
    { key: 'aws-crt', name: 'aws-crt checksums.crc32c (native)', fn: () => crt.checksums.crc32c(data) },
  ]
  const results = await measure(cases, { ...settingsFor(bytes, ctx), seed: ctx.seed })
  results.forEach((x, i) => { x.key = cases[i].key })
  ctx.log('CRC32C, 16 MiB:')
  ctx.log(textTable(['', 'MB/s', 'median', 'IQR'],
    results.map((x) => [x.name, mbps(bytes, x.median_ns), time(x.median_ns), iqr(x.p25_ns, x.p75_ns)]), ['l', 'r', 'r', 'r']))
  return { bytes, cases: results }
}
