// results.json -> Markdown (bench/results/summary.md and, on request, the
// generated blocks of bench/README.md and README.md) and the terminal's
// target table.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { markdownTable, textTable, time, sig, ratio } from './format.mjs'
import { verdict } from './targets.mjs'
import { busy } from './env.mjs'

const MiB = 1024 * 1024

// Rows = libraries (in first-seen order), columns = requests.
function byLibrary (requests, cell) {
  const keys = []
  for (const r of requests) for (const c of r.cases) if (!keys.some((k) => k.key === c.key)) keys.push({ key: c.key, name: c.name })
  return keys.map((k) => [k.name, ...requests.map((r) => {
    const c = r.cases.find((x) => x.key === k.key)
    return c ? cell(c, r) : '–'
  })])
}

const shortLabel = (r) => r.label.replace(/,.*$/, '').replace(/^\((\w)\) /, '($1) ') + (r.body_bytes ? ` ${r.body_bytes >= MiB ? `${r.body_bytes / MiB} MiB` : `${r.body_bytes / 1024} KiB`}` : '')

export function targetRows (targets) {
  return targets.map((t) => [t.what, t.target, t.measured, verdict(t)])
}

export function printTargets (log, targets) {
  log(textTable(['target', 'wanted', 'measured', ''], targetRows(targets), ['l', 'l', 'l', 'l']))
}

// A one-line account of where and when the run was made.
function provenance (results) {
  const e = results.env || {}
  const p = results.parts
  const browser = p.browser && !p.browser.error ? p.browser.data.chromium.match(/HeadlessChrome\/[\d.]+/)?.[0] || 'Chromium' : null
  return `${e.cpu} (${e.cpus} vCPU${e.sha_ni ? ', SHA-NI' : ''}), Node ${e.node}${browser ? `, ${browser}` : ''}, ` +
    `commit ${e.commit}${e.library_modified ? ' with local changes to js/src/wasm' : ''}`
}

export function renderSummary (results) {
  const e = results.env || {}
  const p = results.parts
  const ok = (k) => p[k] && !p[k].error
  const out = []
  out.push(`Measured ${results.generated}${results.quick ? ' in **quick mode** (indicative only)' : ''} on ${provenance(results)}, dist/sigv4.wasm ${e.wasm_bytes} B; ` +
    `load average at start ${(e.loadavg_at_start || []).join(' / ')}. Medians of interleaved, shuffled rounds; ratios are medians of per-round ratios.` +
    (busy(e) ? ' **The machine was busy (load above its CPU count): times are inflated and noisy; compare ratios, and re-run when quiet.**' : ''))
  out.push('', '**Targets (issues 5 and 13 to 18)**', '', markdownTable(['what', 'target', 'measured', 'verdict'], targetRows(results.targets)))
  for (const [k, title] of [['sign', 'Signing latency, Node (median per signature)'], ['browser', 'Signing latency, headless Chromium'], ['v4a', 'SigV4a signing latency, Node'], ['nowasm', 'sigv4-wasm/js (no WebAssembly) signing latency, Node with its JIT']]) {
    if (!ok(k)) continue
    const reqs = p[k].data.requests
    out.push('', `**${title}**`, '', markdownTable(['', ...reqs.map(shortLabel)], byLibrary(reqs, (c) => time(c.median_ns)), ['l', ...reqs.map(() => 'r')]))
  }
  const hermes = ok('nowasm') && p.nowasm.data.hermes
  if (hermes && hermes.split) {
    out.push('', `**sigv4-wasm/js in ${hermes.engine} (React Native), ${shortLabel(hermes.requests[0])}: the signature, its SHA-256 blocks and the rest**`, '',
      markdownTable(['', 'signature', 'SHA-256 block', 'blocks', 'hashing', 'the rest'],
        hermes.split.map((x) => [x.name, time(x.signatureNs), time(x.blockNs), x.blocks, time(x.hashingNs), time(x.restNs)]), ['l', 'r', 'r', 'r', 'r', 'r']))
  }
  if (ok('sha')) {
    const sizes = p.sha.data.sizes
    const reqs = sizes.map((s) => ({ ...s, cases: s.cases }))
    out.push('', '**SHA-256 throughput, Node (MB/s, 1 MB = 10^6 B)**', '',
      markdownTable(['', ...sizes.map((s) => s.label)], byLibrary(reqs, (c, s) => sig((s.bytes / c.median_ns) * 1e3)), ['l', ...sizes.map(() => 'r')]))
  }
  if (ok('cold')) {
    const d = p.cold.data
    out.push('', `**Cold start, Node: fresh process, import + init + first signature (ms, median of ${d.runs})**`, '',
      markdownTable(['', 'load', 'init', 'first signature', 'total', '÷ aws4'],
        d.cases.filter((c) => c.key !== 'noop').map((c) => c.runs
          ? [c.name, sig(c.load_ms?.median), sig(c.init_ms?.median), sig(c.sign_ms?.median), sig(c.total_ms.median), ratio(c.total_vs_aws4)]
          : [c.name, '–', '–', '–', 'signature differed', '–']), ['l', 'r', 'r', 'r', 'r', 'r']))
  }
  if (ok('size')) {
    const rows = []
    for (const b of p.size.data.bundles) {
      rows.push([b.name, b.raw ?? '–', b.gzip ?? (b.error || '–')])
      if (b.asset) rows.push([`  + ${b.asset.file}, fetched`, b.asset.raw, b.asset.gzip])
    }
    out.push('', '**Browser bundle: one-request app, esbuild --bundle --minify --format=esm --target=es2022 (bytes)**', '',
      markdownTable(['', 'raw', 'gzip -9'], rows, ['l', 'r', 'r']))
  }
  if (ok('gib')) {
    const d = p.gib.data
    out.push('', `**${d.size >= 1024 * MiB ? `${d.size / (1024 * MiB)} GiB` : `${d.size / MiB} MiB`} body through createSha256()**`, '',
      markdownTable(['source', 'time', 'MB/s', 'wasm memory before → after', 'peak heap growth', 'peak RSS growth'],
        d.results.map((r) => [r.kind, `${sig(r.ms / 1e3)} s`, sig(r.mb_per_s), `${r.wasm_memory_before / MiB} → ${r.wasm_memory_after / MiB} MiB`,
          `${sig(r.peak_growth.heapUsed / MiB)} MiB`, `${sig(r.peak_growth.rss / MiB)} MiB`]), ['l', 'r', 'r', 'r', 'r', 'r']))
  }
  if (ok('chunked')) out.push('', ...renderChunked(p.chunked.data))
  return out.join('\n') + '\n'
}

// signChunked's speed and memory tables.
function renderChunked (d) {
  const size = (b) => (b >= MiB ? `${b / MiB} MiB` : `${b / 1024} KiB`)
  const s = d.speed
  const m = d.memory
  const source = { fresh: 'new pieces', reused: 'reused pieces', 'fresh-alone': 'new pieces, no signChunked' }
  return [
    `**signChunked in Node: ${size(s.bytes)} in ${size(s.piece)} pieces, ${size(s.chunk_size)} chunks, read to the end**`, '',
    markdownTable(['', 'MB/s', 'median', 'speed ÷ node:crypto hash'],
      s.requests[0].cases.map((c) => [c.name, sig((s.bytes / c.median_ns) * 1e3), time(c.median_ns), ratio(c.speed_vs_hash)]), ['l', 'r', 'r', 'r']),
    '', `**${size(m.size)} made on the fly through signChunked in Node: peak RSS growth (${m.repeats} runs each)**`, '',
    markdownTable(['chunk size', 'source', 'sink', 'MB/s', 'median', 'max', 'budget'],
      m.results.map((r) => [size(r.chunk_size), source[r.source] || r.source, r.sink, sig(r.mb_per_s), `${sig(r.growth_median / MiB)} MiB`, `${sig(r.growth_max / MiB)} MiB`,
        r.budget === null ? '–' : `${sig(r.budget / MiB)} MiB${r.judged ? ' (judged)' : ''}`]), ['r', 'l', 'l', 'r', 'r', 'r', 'r']),
  ]
}

// The README's part: the targets, met or not, with the key ratios.
export function renderHeadline (results) {
  return `Measured ${results.generated.slice(0, 10)}${results.quick ? ' in **quick mode** (indicative only)' : ''} on ${provenance(results)}.` +
    (busy(results.env || {}) ? ' **The machine was busy: re-run when quiet.**' : '') + '\n\n' +
    markdownTable(['what', 'target', 'measured', 'verdict'], targetRows(results.targets)) + '\n'
}

// Generated blocks: bench/README.md holds the whole summary, README.md the
// headline. Each sits between its two markers, which must be there.
const BLOCKS = [
  { file: 'bench/README.md', name: 'results', render: renderSummary },
  { file: 'README.md', name: 'headline', render: renderHeadline },
]
const markers = (name) => [`<!-- bench:${name}:start (generated by npm run bench -- --update-readme) -->`, `<!-- bench:${name}:end -->`]

export function replaceBlock (text, name, markdown) {
  const [start, end] = markers(name)
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`no ${start} … ${end} block to replace`)
  return text.slice(0, a + start.length) + '\n' + markdown + text.slice(b)
}

// Both files are checked before either is written. Returns the files.
export function updateReadmes (root, results) {
  const out = BLOCKS.map((b) => {
    const file = join(root, b.file)
    try {
      return { file, text: replaceBlock(readFileSync(file, 'utf8'), b.name, b.render(results)) }
    } catch (e) {
      throw new Error(`${file}: ${e.message}`)
    }
  })
  for (const { file, text } of out) writeFileSync(file, text)
  return out.map((o) => o.file)
}
