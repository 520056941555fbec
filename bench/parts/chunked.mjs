// Issue 15's two numbers for signChunked() in Node.
//
// Speed: 64 MiB in 64 KiB pieces (a ReadableStream of views of one
// buffer) encoded through signChunked() and read to the end, against
// node:crypto hashing the same pieces one by one (what signing each chunk
// cannot do without). Extra rows: the crc32c trailer, an unsigned upload
// with the CRC32 trailer, and node:crypto hashing the pieces read from the
// same kind of stream. Before timing, each upload's bytes must decode
// under the tests' independent decoder (every chunk and trailer signature
// recomputed with node:crypto, the checksum with aws-crt): one that does
// not is reported and left out.
//
// Memory: 1 GiB made on the fly in 64 KiB pieces and uploaded through
// signChunked(), in a child process per run (bench/chunked/child.mjs):
// peak RSS above a post-warm-up baseline, for chunk sizes of 64 KiB and
// 1 MiB, read and dropped or sent to a loopback socket, and the source
// alone for comparison.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { signChunked } from '../../js/index.js'
import * as R from '../../tests/js/support/streaming-reference.mjs'
import { CREDENTIALS, SIGNING_DATE, AMZ_DATE, KiB, MiB, patternBytes } from '../lib/fixtures.mjs'
import { measure } from '../lib/harness.mjs'
import { median, pairedRatio } from '../lib/stats.mjs'
import { settingsFor } from '../lib/settings.mjs'
import { textTable, time, iqr, ratio, mbps, sig } from '../lib/format.mjs'
import { rssBudget } from '../lib/targets.mjs'

export const PIECE = 64 * KiB
export const CHUNK_SIZE = 64 * KiB // signChunked's default
const REGION = 'us-east-1'
const URL_ = 'https://examplebucket.s3.amazonaws.com/uploads/chunked.bin'

// The uploads timed: signChunked() options and what the reference decoder
// is told about them.
export const UPLOADS = [
  { key: 'ours', name: 'signChunked, signed, no trailer', options: {}, mode: 'signed' },
  { key: 'ours-crc32c', name: 'signChunked, signed, crc32c trailer', options: { checksum: 'crc32c' }, mode: 'signed-trailer', checksum: 'crc32c' },
  { key: 'ours-unsigned', name: 'signChunked, unsigned, crc32 trailer', options: { payload: 'unsigned', checksum: 'crc32' }, mode: 'unsigned-trailer', checksum: 'crc32' },
]

// A ReadableStream of `data` in pieces of PIECE bytes (views, no copies).
function streamOf (data) {
  let at = 0
  return new ReadableStream({
    pull (controller) {
      if (at >= data.length) return controller.close()
      controller.enqueue(data.subarray(at, at + PIECE))
      at += PIECE
    },
  }, { highWaterMark: 0 })
}

/** signChunked() over `data` as a stream; resolves to the signed request. */
export function upload (data, options) {
  return signChunked({ method: 'PUT', url: URL_, body: streamOf(data), contentLength: data.length },
    { credentials: CREDENTIALS, region: REGION, service: 's3', signingDate: SIGNING_DATE, chunkSize: CHUNK_SIZE, ...options })
}

// Reads a stream to the end; the byte count.
async function drain (stream) {
  const reader = stream.getReader()
  let n = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return n
    n += value.length
  }
}

async function collect (stream) {
  const parts = []
  for await (const p of stream) parts.push(p)
  return Buffer.concat(parts)
}

/**
 * The gate: `u`'s upload of `data` decodes under the reference decoder,
 * every signature and the checksum verified, to `data`. Returns
 * { ok, error? }.
 */
export async function checkUpload (data, u, sign = upload) {
  try {
    const out = await sign(data, u.options)
    const body = await collect(out.body)
    if (body.length !== Number(out.headers['content-length'])) throw new Error(`${body.length} bytes sent, content-length says ${out.headers['content-length']}`)
    const decoded = R.decodeChunked(body, {
      mode: u.mode, algorithm: R.V4, amzDate: AMZ_DATE, scope: R.credentialScope(R.V4, AMZ_DATE, REGION, 's3'),
      seedSignature: /Signature=([0-9a-f]{64})/.exec(out.headers.authorization)?.[1],
      ...R.streamingKeys(R.V4, CREDENTIALS, AMZ_DATE, REGION, 's3'),
      trailerNames: u.checksum ? [R.checksumTrailerName(u.checksum)] : [], decodedLength: data.length, chunkSize: CHUNK_SIZE,
    })
    if (!decoded.decoded.equals(data)) throw new Error('decoded to other bytes')
    return { ok: true }
  } catch (e) {
    return { ok: false, error: e.message }
  }
}

export async function runChunked (ctx) {
  const speed = await runSpeed(ctx)
  const memory = await runMemory(ctx)
  return { speed, memory, chunk_size: CHUNK_SIZE, rss_budget: rssBudget(CHUNK_SIZE) }
}

async function runSpeed (ctx) {
  const { log } = ctx
  const bytes = (ctx.quick ? 16 : 64) * MiB
  const data = patternBytes(bytes, 0x5a5a0015)
  const gate = []
  for (const u of UPLOADS) gate.push({ key: u.key, name: u.name, ...await checkUpload(data, u) })
  log(`signChunked, ${bytes / MiB} MiB in ${PIECE / KiB} KiB pieces, ${CHUNK_SIZE / KiB} KiB chunks: ${gate.filter((g) => g.ok).length}/${gate.length} decode under the reference decoder`)
  for (const g of gate.filter((x) => !x.ok)) log(`  NO  ${g.name}: ${g.error} -> not timed`)

  const hashPieces = () => {
    let d
    for (let at = 0; at < bytes; at += PIECE) d = createHash('sha256').update(data.subarray(at, at + PIECE)).digest()
    return d
  }
  const hashStream = async () => {
    const reader = streamOf(data).getReader()
    let d
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return d
      d = createHash('sha256').update(value).digest()
    }
  }
  const cases = [
    ...UPLOADS.filter((u) => gate.find((g) => g.key === u.key).ok)
      .map((u) => ({ key: u.key, name: u.name, async: true, fn: async () => drain((await upload(data, u.options)).body) })),
    { key: 'hash-only', name: 'node:crypto createHash per piece', fn: hashPieces },
    { key: 'hash-stream', name: 'node:crypto createHash per piece, read from the stream', async: true, fn: hashStream },
  ]
  const settings = settingsFor(bytes, ctx)
  const results = await measure(cases, { ...settings, seed: ctx.seed })
  results.forEach((x, i) => { x.key = cases[i].key })
  const ref = results.find((x) => x.key === 'hash-only')
  for (const x of results) x.speed_vs_hash = pairedRatio(ref.samples, x.samples).median
  log(textTable(['', 'MB/s', 'median', 'IQR', 'speed ÷ hash'],
    results.map((x) => [x.name, mbps(bytes, x.median_ns), time(x.median_ns), iqr(x.p25_ns, x.p75_ns), ratio(x.speed_vs_hash)]),
    ['l', 'r', 'r', 'r', 'r']))
  log('')
  return { bytes, piece: PIECE, chunk_size: CHUNK_SIZE, settings, gate, requests: [{ id: 'upload', cases: results }] }
}

// The memory runs: [chunk size, source, sink]. The target is judged on
// the first two: a source that reuses its pieces allocates nothing, so
// what the RSS gains is signChunked's own. With new pieces (as a file or
// network stream gives them) the RSS also holds the pieces V8 has not
// collected yet: the last run is that source read alone.
export const MEMORY_RUNS = [
  [64 * KiB, 'reused', 'discard'],
  [MiB, 'reused', 'discard'],
  [64 * KiB, 'fresh', 'discard'],
  [64 * KiB, 'fresh', 'socket'],
  [MiB, 'fresh', 'discard'],
  [64 * KiB, 'fresh-alone', 'discard'],
]
export const JUDGED = (r) => r.source === 'reused'

/** One child run: its JSON line; `port` is the discarding server's, for a socket sink. */
export async function memoryRun (root, size, chunkSize, source, sink, port) {
  const { stdout } = await promisify(execFile)(process.execPath,
    ['--expose-gc', join(root, 'bench/chunked/child.mjs'), String(size), String(chunkSize), source, sink === 'socket' ? String(port) : 'discard'],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split('\n').pop())
}

// A loopback server that counts and drops what it is sent. closed(n)
// waits for n connections to have closed and gives their byte counts, in
// the order they closed.
export async function discardServer () {
  const counts = []
  const server = createServer((socket) => {
    let n = 0
    socket.on('data', (d) => { n += d.length })
    socket.on('close', () => counts.push(n))
    socket.on('error', () => {})
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: server.address().port,
    async closed (n) {
      for (let i = 0; counts.length < n && i < 200; i++) await new Promise((resolve) => setTimeout(resolve, 10))
      return [...counts]
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

async function runMemory (ctx) {
  const { log, root } = ctx
  const size = ctx.quick ? 64 * MiB : 1024 * MiB
  const repeats = ctx.quick ? 1 : 3
  log(`signChunked, ${size / MiB} MiB made on the fly in ${PIECE / KiB} KiB pieces, a child process per run, ${repeats} of each ...`)
  const server = await discardServer()
  let connections = 0
  const results = []
  try {
    for (const [chunkSize, source, sink] of MEMORY_RUNS) {
      const runs = []
      for (let i = 0; i < repeats; i++) {
        const r = await memoryRun(root, size, chunkSize, source, sink, server.port)
        // All of the upload was sent, and for a socket all of it arrived.
        r.complete = r.sent === r.content_length
        if (sink === 'socket') {
          connections += 2 // the warm-up's and the measured one
          r.complete &&= (await server.closed(connections)).at(-1) === r.sent
        }
        r.peak_rss_growth = r.peak_rss_growth_kernel ?? r.peak_rss_growth_sampled
        runs.push(r)
      }
      const growth = runs.map((r) => r.peak_rss_growth)
      results.push({
        chunk_size: chunkSize, source, sink, judged: JUDGED({ source }), budget: source === 'fresh-alone' ? null : rssBudget(chunkSize),
        complete: runs.every((r) => r.complete), growth_median: median(growth), growth_max: Math.max(...growth),
        mb_per_s: median(runs.map((r) => r.mb_per_s)), runs,
      })
    }
  } finally {
    await server.close()
  }
  const m = (b) => sig(b / MiB)
  log(textTable(['chunk size', 'source', 'sink', 'MB/s', 'complete', 'peak RSS growth, median', 'max', 'budget'],
    results.map((r) => [`${r.chunk_size / KiB} KiB`, r.source, r.sink, sig(r.mb_per_s), r.complete ? 'yes' : 'NO',
      `${m(r.growth_median)} MiB`, `${m(r.growth_max)} MiB`, r.budget === null ? '–' : `${m(r.budget)} MiB${r.judged ? ' (judged)' : ''}`]),
    ['r', 'l', 'l', 'r', 'l', 'r', 'r', 'r']))
  log('  (peak: the kernel\'s VmHWM, reset after a 64 MiB warm-up and two GCs; growth over the RSS then)\n')
  return { size, piece: PIECE, repeats, results }
}

