// npm run bench: sigv4-wasm against the signers users would pick instead.
// Parts: size, cold, sign, sha, browser, gib, v4a, chunked, verify, nowasm
// (bench/parts/*.mjs). Writes results.json and summary.md, and prints every
// table plus the issues' targets, met or not. `--help` for the options.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseOptions, PARTS, USAGE } from './lib/options.mjs'
import { environment, busy } from './lib/env.mjs'
import { evaluateTargets } from './lib/targets.mjs'
import { renderSummary, printTargets, updateReadmes } from './lib/summary.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const log = (s = '') => console.log(s)

let opts
try {
  opts = parseOptions(process.argv.slice(2))
} catch (e) {
  console.error(e.message)
  process.exit(2)
}
if (opts.help) {
  log(USAGE)
  process.exit(0)
}

if (opts.build) {
  // The numbers must be of the current sources, never of a stale dist/.
  for (const script of ['scripts/setup.sh', 'scripts/build.sh']) {
    execFileSync('bash', [join(root, script)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  }
}
if (!existsSync(join(root, 'dist/sigv4.wasm'))) {
  console.error('dist/sigv4.wasm is missing: run without --no-build (or bash scripts/build.sh)')
  process.exit(2)
}

// Parts load lazily: a part's dependencies (playwright, esbuild) are only
// needed when it runs.
const RUNNERS = {
  size: async (ctx) => (await import('./parts/size.mjs')).runSize(ctx),
  cold: async (ctx) => (await import('./parts/cold.mjs')).runCold(ctx),
  sign: async (ctx) => (await import('./parts/sign.mjs')).runSign(ctx),
  sha: async (ctx) => (await import('./parts/sha.mjs')).runSha(ctx),
  browser: async (ctx) => (await import('./parts/browser.mjs')).runBrowser(ctx),
  gib: async (ctx) => (await import('./parts/gib.mjs')).runGib(ctx),
  v4a: async (ctx) => (await import('./parts/v4a.mjs')).runV4a(ctx),
  chunked: async (ctx) => (await import('./parts/chunked.mjs')).runChunked(ctx),
  verify: async (ctx) => (await import('./parts/verify.mjs')).runVerify(ctx),
  nowasm: async (ctx) => (await import('./parts/nowasm.mjs')).runNowasm(ctx),
}

// Each part runs in a process of its own (this script again, told which
// part by SIGV4_BENCH_PART and where to write its data): one part's heap,
// JIT and GC state must not weigh on the next. In one process, parts that
// came after the others read lower (the SHA and signChunked parts by 5-30%).
// The child gets its part, the run's settings (SIGV4_BENCH_CTX) and a file
// for its data or its error.
const child = process.env.SIGV4_BENCH_PART
if (child) {
  const out = process.env.SIGV4_BENCH_DATA
  try {
    const data = await RUNNERS[child]({ root, log, ...JSON.parse(process.env.SIGV4_BENCH_CTX) })
    writeFileSync(out, JSON.stringify({ data }))
  } catch (e) {
    writeFileSync(out, JSON.stringify({ error: String(e.stack || e) }))
  }
  process.exit(0)
}

// A part's data, from a child process; its error is thrown here.
function runPart (part, ctx) {
  const file = join(root, 'build/bench', `part-${part}.json`)
  mkdirSync(dirname(file), { recursive: true })
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--no-build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SIGV4_BENCH_PART: part, SIGV4_BENCH_DATA: file, SIGV4_BENCH_CTX: JSON.stringify(ctx) },
  })
  const { data, error } = JSON.parse(readFileSync(file, 'utf8'))
  if (error) throw new Error(error)
  return data
}

const outDir = opts.out ? resolve(opts.out) : join(root, opts.quick ? 'build/bench/quick' : 'bench/results')
const resultsFile = join(outDir, 'results.json')
const seed = opts.seed ?? ((Date.now() ^ (process.pid << 16)) >>> 0)
const env = environment(root)

// A run of some parts updates those parts of the existing results (each
// part keeps its own date); a run of all parts starts afresh.
let results = { schema: 1, parts: {} }
const partial = opts.parts.length < PARTS.length
if (partial && existsSync(resultsFile)) {
  const old = JSON.parse(readFileSync(resultsFile, 'utf8'))
  if (old.schema === 1 && Boolean(old.quick) === opts.quick) results = old
}
Object.assign(results, { generated: new Date().toISOString(), quick: opts.quick, env })

log(`sigv4-wasm bench: ${opts.parts.join(', ')}${opts.quick ? ' (quick)' : ''}; seed ${seed}; load average ${env.loadavg_at_start.join(' ')}`)
log(`${env.cpu} ×${env.cpus}, Node ${env.node}, commit ${env.commit}${env.library_modified ? ' (js/src/wasm modified)' : ''}`)
if (busy(env)) log(`WARNING: load average ${env.loadavg_at_start[0]} on ${env.cpus} CPUs: other work is running, the numbers will be noisy`)
let failed = false
for (const part of opts.parts) {
  log(`\n== ${part} ${'='.repeat(70 - part.length)}`)
  const started = new Date().toISOString()
  const before = loadavg()[0]
  try {
    const data = runPart(part, { quick: opts.quick, rounds: opts.rounds, coldRuns: opts.coldRuns, seed })
    results.parts[part] = { at: started, commit: env.commit, wasm_sha256: env.wasm_sha256, quick: opts.quick, seed, loadavg: [before, loadavg()[0]].map((x) => Math.round(x * 100) / 100), data }
  } catch (e) {
    failed = true
    log(`  FAILED: ${e.stack || e}`)
    results.parts[part] = { at: started, error: String(e.message || e) }
  }
}

results.targets = evaluateTargets(results.parts)
log(`\n== targets ${'='.repeat(62)}`)
printTargets(log, results.targets)

mkdirSync(outDir, { recursive: true })
const json = JSON.stringify(results, (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v), 1)
  .replace(/\[[\d.,\se+-]+\]/g, (list) => list.replace(/\s+/g, '')) // sample lists on one line
writeFileSync(resultsFile, json + '\n')
const summary = renderSummary(results)
writeFileSync(join(outDir, 'summary.md'), summary)
log(`\nwrote ${resultsFile} and summary.md`)
if (opts.updateReadme) {
  const files = updateReadmes(root, results)
  log(`updated the generated blocks of ${files.map((f) => relative(root, f)).join(' and ')}`)
}
process.exit(failed ? 1 : 0)
