// One process per run (node --expose-gc): hash a big Blob (a sparse file
// opened with fs.openAsBlob) and a big ReadableStream of fresh 1 MiB chunks
// with createSha256(), watching the module's memory and this process's heap
// and RSS. Prints one JSON line. argv[2] = size in bytes.
import { mkdtempSync, openAsBlob, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { init, createSha256 } from '../../js/index.js'
import { hookInstances } from '../../tests/js/support/instances.mjs'

const SIZE = Number(process.argv[2])
const MiB = 1024 * 1024
if (!(SIZE > 0) || SIZE % MiB !== 0) throw new Error('size must be a positive multiple of 1 MiB')
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc')

// See the module's memory: keep the instance the glue creates.
let instance = null
hookInstances((made) => (instance = made))
await init()
if (!instance) throw new Error('the glue did not instantiate through WebAssembly.Instance/instantiate: cannot watch its memory')
const memory = instance.exports.memory

function settle () {
  globalThis.gc()
  globalThis.gc()
  return process.memoryUsage()
}

async function measure (kind, makeChunks) {
  const base = settle()
  const wasmBefore = memory.buffer.byteLength
  const peak = { heapUsed: 0, rss: 0, external: 0, arrayBuffers: 0 }
  const look = () => {
    const m = process.memoryUsage()
    for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k] - base[k])
  }
  const h = createSha256()
  let bytes = 0
  let chunks = 0
  const t0 = performance.now()
  for await (const chunk of makeChunks()) {
    h.update(chunk)
    bytes += chunk.byteLength
    if (++chunks % 16 === 0) look()
  }
  const digest = h.digest()
  const ms = performance.now() - t0
  look()
  const wasmAfter = memory.buffer.byteLength
  const after = settle()
  return {
    kind, bytes, chunks, ms, mb_per_s: bytes / ms / 1e3, digest,
    wasm_memory_before: wasmBefore, wasm_memory_after: wasmAfter,
    baseline: { heapUsed: base.heapUsed, rss: base.rss },
    peak_growth: peak,
    heap_growth_after_gc: after.heapUsed - base.heapUsed,
  }
}

async function nodeDigest (chunks) {
  const h = createHash('sha256')
  for await (const c of chunks()) h.update(c)
  return h.digest('hex')
}

const dir = mkdtempSync(join(tmpdir(), 'sigv4-bench-gib-'))
try {
  const file = join(dir, 'zeros.bin')
  writeFileSync(file, '')
  truncateSync(file, SIZE) // sparse: no disk space, reads as zeros
  const blob = await openAsBlob(file)
  const blobChunks = () => blob.stream()
  function streamChunks () {
    let sent = 0
    return new ReadableStream({
      pull (controller) {
        if (sent >= SIZE) {
          controller.close()
          return
        }
        const c = new Uint8Array(MiB) // a fresh chunk each time, as a network stream gives
        c.fill((sent / MiB) & 0xff)
        controller.enqueue(c)
        sent += MiB
      },
    })
  }
  const results = []
  for (const [kind, chunks] of [['Blob (fs.openAsBlob)', blobChunks], ['ReadableStream (1 MiB chunks)', streamChunks]]) {
    const r = await measure(kind, chunks)
    r.expected = await nodeDigest(chunks)
    r.same = r.digest === r.expected
    results.push(r)
  }
  process.stdout.write(JSON.stringify({ size: SIZE, node: process.version, results }) + '\n')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
