// 1 GiB bodies: a Blob and a ReadableStream hashed chunk by chunk with
// createSha256(), in a child process of their own (bench/gib/child.mjs) so the
// heap and RSS it reports belong to this work alone.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { textTable, sig } from '../lib/format.mjs'
import { HEAP_BUDGET } from '../lib/targets.mjs'

const MiB = 1024 * 1024

export async function runGib (ctx) {
  const { log, root } = ctx
  const size = ctx.quick ? 64 * MiB : 1024 * MiB
  log(`  hashing ${size / MiB} MiB twice (Blob, ReadableStream) in a child process ...`)
  const out = execFileSync(process.execPath, ['--expose-gc', join(root, 'bench/gib/child.mjs'), String(size)],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 })
  const data = JSON.parse(out.trim().split('\n').pop())
  const m = (b) => sig(b / MiB)
  log(textTable(['source', 'time', 'MB/s', 'digest = node:crypto', 'wasm memory before → after', 'peak heap growth', 'peak RSS growth', 'peak ArrayBuffer growth'],
    data.results.map((r) => [r.kind, `${sig(r.ms / 1e3)} s`, sig(r.mb_per_s), r.same ? 'yes' : `NO ${r.digest}`,
      `${m(r.wasm_memory_before)} → ${m(r.wasm_memory_after)} MiB`, `${m(r.peak_growth.heapUsed)} MiB`, `${m(r.peak_growth.rss)} MiB`, `${m(r.peak_growth.arrayBuffers)} MiB`]),
    ['l', 'r', 'r', 'l', 'r', 'r', 'r', 'r']))
  log(`  (growth above a post-GC baseline taken just before each run; heap budget ${m(HEAP_BUDGET)} MiB)\n`)
  return { ...data, heap_budget: HEAP_BUDGET }
}
