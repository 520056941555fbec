// One process per run (node --expose-gc): a body made on the fly in 64 KiB
// pieces, uploaded through signChunked() and read to the end, with this
// process's RSS watched. Prints one JSON line.
//
//   node --expose-gc bench/chunked/child.mjs SIZE CHUNK_SIZE SOURCE SINK
//
// SOURCE: 'fresh' (a new piece each time, as a file or network stream
// gives), 'reused' (32 pieces over and over: what remains is signChunked's
// own memory; safe only with SINK discard: each output is dropped before
// the source is read again), 'fresh-alone' (the fresh source read and dropped,
// no signChunked: the source's share). SINK: 'discard', or a loopback port
// whose server discards.
import { readFileSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { connect } from 'node:net'
import { init, signChunked } from '../../js/index.js'

const [size, chunkSize] = process.argv.slice(2, 4).map(Number)
const MiB = 1024 * 1024
const [sourceKind, sinkArg] = process.argv.slice(4, 6)
const PIECE = 64 * 1024
const WARMUP = Math.min(64 * MiB, size)
if (!(size > 0) || size % PIECE !== 0 || !(chunkSize > 0)) throw new Error('size must be a positive multiple of 64 KiB')
if (!['fresh', 'reused', 'fresh-alone'].includes(sourceKind)) throw new Error(`unknown source ${sourceKind}`)
if (sourceKind === 'reused' && sinkArg !== 'discard') throw new Error('a reused source is only safe with a discarding sink')
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc')
await init()

function source (bytes) {
  const ring = sourceKind === 'reused' ? Array.from({ length: 32 }, () => new Uint8Array(PIECE)) : null
  let sent = 0
  return new ReadableStream({
    pull (controller) {
      if (sent >= bytes) return controller.close()
      const n = sent / PIECE
      const piece = ring ? ring[n % ring.length] : new Uint8Array(PIECE)
      piece.fill(n & 0xff)
      sent += PIECE
      controller.enqueue(piece)
    },
  }, { highWaterMark: 0 })
}

async function body (bytes) {
  if (sourceKind === 'fresh-alone') return { stream: source(bytes), length: bytes }
  const out = await signChunked({ method: 'PUT', url: 'https://examplebucket.s3.amazonaws.com/uploads/big.bin', body: source(bytes), contentLength: bytes },
    { credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, region: 'us-east-1', service: 's3', chunkSize })
  return { stream: out.body, length: Number(out.headers['content-length']) }
}

// The kernel's high-water mark of this process's RSS, reset by writing 5
// to clear_refs (Linux): the true peak, between the samples too.
const hwm = () => Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024
function resetHwm () {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

let peak = 0
async function upload (bytes, watch) {
  const { stream, length } = await body(bytes)
  const socket = sinkArg === 'discard' ? null : connect(Number(sinkArg), '127.0.0.1')
  if (socket) await once(socket, 'connect')
  const reader = stream.getReader()
  let sent = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    sent += value.length
    if (socket && !socket.write(value)) await once(socket, 'drain')
    if (watch && value.length >= 4096) peak = Math.max(peak, process.memoryUsage.rss())
  }
  if (socket) {
    socket.end()
    await once(socket, 'close')
  }
  return { sent, length }
}

await upload(WARMUP, false) // compiled, the module and the heap at their working size (64 MiB, or the size if less)
globalThis.gc()
globalThis.gc()
const base = process.memoryUsage()
const hwmReset = resetHwm()
const t0 = performance.now()
const { sent, length } = await upload(size, true)
const ms = performance.now() - t0
const end = process.memoryUsage()
peak = Math.max(peak, end.rss)
const kernelPeak = hwmReset ? hwm() : null
process.stdout.write(JSON.stringify({
  size, chunk_size: chunkSize, piece: PIECE, source: sourceKind, sink: sinkArg === 'discard' ? 'discard' : 'socket',
  sent, content_length: length, ms, mb_per_s: size / ms / 1e3,
  baseline_rss: base.rss,
  peak_rss_growth_sampled: peak - base.rss,
  peak_rss_growth_kernel: kernelPeak === null ? null : kernelPeak - base.rss,
  heap_growth: end.heapUsed - base.heapUsed,
}) + '\n')
