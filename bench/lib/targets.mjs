// The issue's performance targets, judged from one run's results. Ratios are
// medians of per-round ratios between cases timed in the same rounds.
import { pairedRatio } from './stats.mjs'

const MiB = 1024 * 1024
export const BUNDLE_BUDGET = 10000 // issue 13's "≤ 10 KB" min+gzip, KB = 1000 B as its 8.2 KB / 2.7 KB
export const COLD_BUDGET = 1.0 // issue 13: a cold start no slower than aws4's
export const HEAP_BUDGET = 8 * MiB // "a few MiB"
export const V4A_ENTRY_BUDGET = 8000 // issue 14: "adds ≤ 8 KB min+gzip over the default entry"
export const POST_BUDGET = 1000 // issue 16: "presignPost adds ≤ 1 KB min+gzip to an app that already signs"
export const CHUNKED_SPEED = 0.8 // issue 15: signChunked ≥ 0.8× the speed of node:crypto hashing the bytes
export const VERIFY_COST = 1.2 // issue 16: verifying a signed GET costs ≤ 1.2× signing it
export const JS_BUILD_BUDGET = 20000 // issue 18: sigv4-wasm/js for a sign() app ≤ 20 KB min+gzip
export const JS_BUILD_SPEED = 2 // issue 18: the JS build signs a GET ≥ 2× faster than smithy + sha256-js
/** Issue 15's peak RSS budget of a 1 GiB upload: 2 × chunkSize + 4 MiB. */
export const rssBudget = (chunkSize) => 2 * chunkSize + 4 * MiB

const x2 = (v) => `${v.toFixed(2)}×`

function caseOf (part, requestId, key) {
  const req = part?.requests?.find((r) => r.id === requestId)
  return req?.cases.find((c) => c.key === key)
}

// How many times faster ours is than `peer` (peer time / our time).
function speedup (part, requestId, peer, ours = 'ours') {
  const p = caseOf(part, requestId, peer)
  const o = caseOf(part, requestId, ours)
  if (!p || !o) return { missing: !o ? ours : peer }
  return { value: pairedRatio(p.samples, o.samples).median }
}

// Our time as a multiple of `ref`'s.
function slowdown (part, requestId, ref, ours = 'ours') {
  const r = caseOf(part, requestId, ref)
  const o = caseOf(part, requestId, ours)
  if (!r || !o) return { missing: !o ? ours : ref }
  return { value: pairedRatio(o.samples, r.samples).median }
}

// checks: [{ label, got: { value } | { missing }, ok: (v) => bool }]
function judge (checks) {
  const missing = checks.find((c) => c.got.missing)
  if (missing) return { met: false, measured: `${missing.label}: "${missing.got.missing}" was not timed (signature differed or failed)` }
  return {
    met: checks.every((c) => c.ok(c.got.value)),
    measured: checks.map((c) => `${c.label} ${c.fmt ? c.fmt(c.got.value) : x2(c.got.value)}`).join('; '),
    values: Object.fromEntries(checks.map((c) => [c.label, c.got.value])),
  }
}

const DEFINITIONS = [
  {
    id: 'node-get', part: 'sign', what: '(a) GET, Node', target: '≥ 2× faster than aws4 and ≥ 4× faster than smithy+node:crypto',
    eval: (p) => judge([
      { label: 'vs aws4', got: speedup(p, 'a', 'aws4'), ok: (v) => v >= 2 },
      { label: 'vs smithy+node:crypto', got: speedup(p, 'a', 'smithy-node'), ok: (v) => v >= 4 },
    ]),
  },
  {
    id: 'node-post', part: 'sign', what: '(b) POST 1 KiB, Node', target: '≥ 1.5× faster than aws4',
    eval: (p) => judge([{ label: 'vs aws4', got: speedup(p, 'b', 'aws4'), ok: (v) => v >= 1.5 }]),
  },
  {
    id: 'node-bodies', part: 'sign', what: '(c), (d) in Node', target: '≤ 1.1× the time node:crypto alone takes to hash the body',
    eval: (p) => judge([
      { label: '(c) 1 MiB', got: slowdown(p, 'c', 'hash-only'), ok: (v) => v <= 1.1 },
      { label: '(d) 16 MiB', got: slowdown(p, 'd', 'hash-only'), ok: (v) => v <= 1.1 },
    ]),
  },
  {
    id: 'chromium-sync', part: 'browser', what: '(a), (b) in Chromium, sync API', target: '≥ 10× faster than aws4fetch',
    eval: (p) => judge([
      { label: '(a)', got: speedup(p, 'a', 'aws4fetch'), ok: (v) => v >= 10 },
      { label: '(b)', got: speedup(p, 'b', 'aws4fetch'), ok: (v) => v >= 10 },
    ]),
  },
  {
    id: 'chromium-async', part: 'browser', what: 'large bodies on the async path in Chromium', target: '≤ 1.2× the time of crypto.subtle.digest alone',
    eval: (p) => judge([
      { label: '1 MiB', got: slowdown(p, 'c', 'subtle-only', 'ours-async'), ok: (v) => v <= 1.2 },
      { label: '16 MiB', got: slowdown(p, 'd', 'subtle-only', 'ours-async'), ok: (v) => v <= 1.2 },
    ]),
  },
  {
    id: 'wasm-sha', part: 'sha', what: 'wasm SHA-256 at 1 MiB (the exports, no JS shortcut)', target: '≥ 0.85× native BearSSL, ≥ 2.5× @aws-crypto/sha256-js',
    eval: (p) => {
      const size = p.sizes.find((s) => s.bytes === MiB)
      const part = size && { requests: [{ id: 'm', cases: size.cases }] }
      return judge([
        { label: 'vs native BearSSL', got: speedup(part, 'm', 'native', 'wasm-raw'), ok: (v) => v >= 0.85 },
        { label: 'vs sha256-js', got: speedup(part, 'm', 'sha256-js', 'wasm-raw'), ok: (v) => v >= 2.5 },
      ])
    },
  },
  {
    id: 'v4a-node', part: 'v4a', what: 'SigV4a header signature, cached key, Node', target: '≥ 2× faster than @smithy/signature-v4a',
    eval: (p) => judge([{ label: 'vs @smithy/signature-v4a', got: speedup(p, 'a', 'smithy-v4a'), ok: (v) => v >= 2 }]),
  },
  {
    id: 'v4a-chromium', part: 'browser', what: 'SigV4a header signature, cached key, Chromium', target: '≥ 2× faster than @smithy/signature-v4a',
    eval: (p) => judge([{ label: 'vs @smithy/signature-v4a', got: speedup(p, 'v4a', 'smithy-v4a'), ok: (v) => v >= 2 }]),
  },
  {
    id: 'v4a-entry', part: 'size', what: 'sigv4-wasm/v4a over the default entry, min+gzip', target: `≤ ${V4A_ENTRY_BUDGET} B more`,
    eval: (p) => {
      const ours = p.bundles.find((b) => b.key === 'ours')
      const v4a = p.bundles.find((b) => b.key === 'ours-v4a')
      if (!ours?.gzip || !v4a?.gzip) return { met: false, measured: 'a bundle did not build' }
      const more = v4a.gzip - ours.gzip
      return { met: more <= V4A_ENTRY_BUDGET && v4a.same, measured: `${more} B more (${v4a.gzip} B against ${ours.gzip} B)${v4a.same ? '' : '; its SigV4 signature differed'}`, values: { more } }
    },
  },
  {
    id: 'post-size', part: 'size', what: 'presignPost in an app that signs, min+gzip', target: `≤ ${POST_BUDGET} B more`,
    eval: (p) => {
      const ours = p.bundles.find((b) => b.key === 'ours')
      const post = p.bundles.find((b) => b.key === 'ours-post')
      if (!ours?.gzip || !post?.gzip) return { met: false, measured: 'a bundle did not build' }
      const more = post.gzip - ours.gzip
      return { met: more <= POST_BUDGET && post.same, measured: `${more} B more (${post.gzip} B against ${ours.gzip} B)${post.same ? '' : '; its signature differed'}`, values: { more } }
    },
  },
  {
    id: 'js-size', part: 'size', what: 'sigv4-wasm/js for a sign() app, min+gzip', target: `≤ ${JS_BUILD_BUDGET} B`,
    eval: (p) => {
      const js = p.bundles.find((b) => b.key === 'ours-js')
      if (!js?.gzip) return { met: false, measured: `did not build: ${js?.error}` }
      return { met: js.gzip <= JS_BUILD_BUDGET && js.same, measured: `${js.gzip} B gzip (${js.raw} B raw)${js.same ? '' : '; its signature differed'}`, values: { gzip: js.gzip } }
    },
  },
  {
    id: 'js-node', part: 'nowasm', what: 'sigv4-wasm/js, (a) GET, Node (JIT)', target: `≥ ${JS_BUILD_SPEED}× faster than smithy + @aws-crypto/sha256-js`,
    eval: (p) => judge([{ label: 'vs smithy+sha256-js', got: speedup(p, 'a', 'smithy-js'), ok: (v) => v >= JS_BUILD_SPEED }]),
  },
  {
    id: 'js-hermes', part: 'nowasm', what: 'sigv4-wasm/js, (a) GET, Hermes (React Native)', target: `≥ ${JS_BUILD_SPEED}× faster than smithy + @aws-crypto/sha256-js`,
    eval: (p) => (p.hermes?.skipped ? { met: null, measured: `Hermes not run: ${p.hermes.skipped}` }
      : judge([{ label: `vs smithy+sha256-js in ${p.hermes?.engine}`, got: speedup(p.hermes, 'a', 'smithy-js'), ok: (v) => v >= JS_BUILD_SPEED }])),
  },
  {
    id: 'bundle', part: 'size', what: 'default browser entry (glue + wasm), min+gzip', target: `≤ ${BUNDLE_BUDGET} B (smithy 8.2 KB, aws4fetch 2.7 KB)`,
    eval: (p) => {
      const ours = p.bundles.find((b) => b.key === 'ours')
      if (!ours || !ours.gzip) return { met: false, measured: `did not build: ${ours?.error}` }
      if (!ours.same) return { met: false, measured: `${ours.gzip} B, but the bundle did not produce the reference signature` }
      const rel = (k) => { const b = p.bundles.find((x) => x.key === k); return b?.gzip ? `, ${(ours.gzip / b.gzip).toFixed(2)}× ${k}` : '' }
      return { met: ours.gzip <= BUNDLE_BUDGET, measured: `${ours.gzip} B gzip (${ours.raw} B raw)${rel('smithy-browser')}${rel('aws4fetch')}`, values: { gzip: ours.gzip } }
    },
  },
  {
    id: 'cold', part: 'cold', what: 'cold start, Node', target: `≤ ${COLD_BUDGET}× aws4's`,
    eval: (p) => {
      const get = (k) => p.cases.find((c) => c.key === k)
      const esm = get('ours-esm')
      const cjs = get('ours-cjs')
      if (!esm?.runs || !get('aws4')?.runs) return { met: false, measured: 'ours (ESM) or aws4 was not timed' }
      const cjsText = cjs?.runs ? `; CommonJS ${x2(cjs.total_vs_aws4)}` : ''
      return {
        met: esm.total_vs_aws4 <= COLD_BUDGET,
        measured: `ESM default entry ${x2(esm.total_vs_aws4)} aws4's time (${esm.total_ms.median.toFixed(1)} vs ${get('aws4').total_ms.median.toFixed(1)} ms)${cjsText}`,
        values: { esm: esm.total_vs_aws4, cjs: cjs?.total_vs_aws4 },
      }
    },
  },
  {
    id: 'gib', part: 'gib', what: '1 GiB body from a Blob or stream', target: `wasm memory fixed; JS heap ≤ ${HEAP_BUDGET / MiB} MiB above baseline`,
    eval: (p) => {
      const rs = p.results
      const bad = rs.filter((r) => !r.same)
      if (bad.length) return { met: false, measured: `wrong digest for ${bad.map((r) => r.kind).join(', ')}` }
      const fixed = rs.every((r) => r.wasm_memory_after === r.wasm_memory_before)
      const heap = Math.max(...rs.map((r) => r.peak_growth.heapUsed))
      const size = p.size === 1024 * MiB ? '1 GiB' : `${p.size / MiB} MiB (quick)`
      return {
        met: p.size >= 1024 * MiB ? fixed && heap <= HEAP_BUDGET : null, // a quick run's 64 MiB judges nothing
        measured: `${size}: wasm memory ${fixed ? 'unchanged' : 'GREW'}; peak heap +${(heap / MiB).toFixed(2)} MiB`,
        values: { heap_peak_growth: heap, wasm_fixed: fixed },
      }
    },
  },
  {
    id: 'chunked-speed', part: 'chunked', what: 'signChunked encoding in Node, signed, 64 KiB chunks', target: `≥ ${CHUNKED_SPEED}× the speed of hashing the same bytes with node:crypto`,
    eval: (p) => {
      const t = judge([{ label: 'signed', got: speedup(p.speed, 'upload', 'hash-only'), ok: (v) => v >= CHUNKED_SPEED }])
      // Not judged: the trailers' cost, for the record.
      const more = [['ours-crc32c', 'crc32c trailer'], ['ours-unsigned', 'unsigned + crc32']]
        .map(([k, label]) => [label, speedup(p.speed, 'upload', 'hash-only', k)]).filter(([, v]) => !v.missing)
      return more.length ? { ...t, measured: `${t.measured} (${more.map(([label, v]) => `${label} ${x2(v.value)}`).join('; ')})` } : t
    },
  },
  {
    id: 'chunked-rss', part: 'chunked', what: '1 GiB through signChunked in Node, 64 KiB and 1 MiB chunks', target: 'peak RSS growth ≤ 2 × chunkSize + 4 MiB',
    eval: (p) => {
      const rs = p.memory.results
      const mib = (b) => `${(b / MiB).toFixed(1)}`
      const size = (r) => (r.chunk_size >= MiB ? `${r.chunk_size / MiB} MiB` : `${r.chunk_size / 1024} KiB`)
      if (rs.some((r) => !r.complete)) return { met: false, measured: 'an upload was not sent whole' }
      const judged = rs.filter((r) => r.judged)
      const own = judged.map((r) => `${size(r)} +${mib(r.growth_max)} MiB (≤ ${mib(rssBudget(r.chunk_size))})`).join(', ')
      const fresh = rs.filter((r) => r.source === 'fresh').map((r) => `${size(r)}${r.sink === 'socket' ? ' to a socket' : ''} +${mib(r.growth_max)}`).join(', ')
      const alone = rs.find((r) => r.source === 'fresh-alone')
      return {
        met: p.memory.size >= 1024 * MiB ? judged.every((r) => r.growth_max <= rssBudget(r.chunk_size)) : null, // a quick run judges nothing
        measured: `${p.memory.size >= 1024 * MiB ? '' : `${p.memory.size / MiB} MiB (quick): `}own (source reusing its pieces), worst of ${p.memory.repeats}: ${own}; ` +
          `new pieces: ${fresh} MiB${alone ? `; the source alone +${mib(alone.growth_max)} MiB` : ''}`,
        values: Object.fromEntries(judged.map((r) => [`own_${r.chunk_size}`, r.growth_max])),
      }
    },
  },
  {
    id: 'verify-get', part: 'verify', what: 'verify() of a signed S3 GET in Node, key cached', target: `≤ ${VERIFY_COST}× the time of sign() of it`,
    eval: (p) => {
      const t = judge([{ label: 'verify ÷ sign', got: slowdown(p, 'a', 'sign'), ok: (v) => v <= VERIFY_COST }])
      const post = slowdown(p, 'b', 'sign')
      return post.missing ? t : { ...t, measured: `${t.measured} (the 1 KiB POST with a session token: ${x2(post.value)})` }
    },
  },
]

export function evaluateTargets (parts) {
  return DEFINITIONS.map((d) => {
    const p = parts[d.part]
    const base = { id: d.id, what: d.what, target: d.target, part: d.part }
    if (!p || p.error) return { ...base, met: null, measured: p?.error ? `part failed: ${p.error}` : 'not run' }
    try {
      return { ...base, ...d.eval(p.data) }
    } catch (e) {
      return { ...base, met: false, measured: `cannot judge: ${e.message}` }
    }
  })
}

export const verdict = (t) => (t.met === null ? (t.measured === 'not run' ? 'not run' : 'not judged') : t.met ? 'met' : 'NOT met')
