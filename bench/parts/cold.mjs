// Cold start: a fresh `node` per measurement doing import + init + first
// signature of request (a). Libraries take turns in a shuffled order every
// round, so a busy moment of the machine hits all of them; per-round ratios
// pair them. Each child's signature is checked against the reference.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { prepare, requestById } from '../lib/fixtures.mjs'
import { nodeSigners, REFERENCE_KEY } from '../lib/signers-node.mjs'
import { shuffle, summary, pairedRatio, xorshift32 } from '../lib/stats.mjs'
import { textTable, sig, ratio } from '../lib/format.mjs'

export const COLD_CASES = [
  { key: 'noop', name: 'node, nothing loaded (baseline)', script: 'noop.cjs' },
  { key: 'ours-esm', name: 'sigv4-wasm, ESM default entry', script: 'ours-esm.mjs' },
  { key: 'ours-cjs', name: 'sigv4-wasm, CommonJS (dist/index.cjs)', script: 'ours-cjs.cjs' },
  { key: 'aws4', name: 'aws4', script: 'aws4.cjs' },
  { key: 'aws4fetch', name: 'aws4fetch', script: 'aws4fetch.cjs' },
  { key: 'smithy-node', name: 'smithy + node:crypto (hash-node)', script: 'smithy.cjs', args: ['node'] },
  { key: 'smithy-js', name: 'smithy + @aws-crypto/sha256-js', script: 'smithy.cjs', args: ['js'] },
]

function runChild (root, c, payload) {
  const t0 = performance.now()
  const out = execFileSync(process.execPath, [join(root, 'bench/cold', c.script), payload, ...(c.args || [])],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const wall = performance.now() - t0
  return { ...JSON.parse(out.trim().split('\n').pop()), wall_ms: wall }
}

export async function runCold (ctx) {
  const { log, root } = ctx
  const runs = ctx.coldRuns || (ctx.quick ? 5 : 15)
  const r = prepare(requestById('a'))
  const reference = await nodeSigners().find((s) => s.key === REFERENCE_KEY).sign(r)
  const payload = JSON.stringify({
    method: r.method, url: r.url, host: r.host, path: r.path, region: r.region, service: r.service,
    credentials: r.credentials, signingDate: r.signingDate.toISOString(), amzDate: r.amzDate,
  })
  // One untimed run each: checks the signature and warms the file cache.
  const cases = []
  for (const c of COLD_CASES) {
    let first
    try {
      first = runChild(root, c, payload)
    } catch (e) {
      first = { error: String(e.stderr || e.message).trim().split('\n').slice(-3).join(' ') }
    }
    const same = c.key === 'noop' ? !first.error : first.authorization === reference
    log(`  ${same ? 'ok ' : 'NO '} ${c.name.padEnd(40)} ${same ? (c.key === 'noop' ? 'runs' : 'SAME signature') : `${first.error || first.authorization} -> not timed`}`)
    cases.push({ ...c, same, samples: [] })
  }
  const timed = cases.filter((c) => c.same)
  const next = xorshift32(ctx.seed)
  log(`  ${runs} fresh processes per library, interleaved ...`)
  for (let i = 0; i < runs; i++) {
    for (const c of shuffle(timed, next)) c.samples.push(runChild(root, c, payload))
  }
  const col = (c, k) => c.samples.map((s) => s[k] ?? 0)
  const aws4 = timed.find((c) => c.key === 'aws4')
  const noop = timed.find((c) => c.key === 'noop')
  const results = cases.map((c) => {
    const res = { key: c.key, name: c.name, same: c.same, runs: c.samples.length }
    if (!c.samples.length) return res
    for (const k of ['load_ms', 'init_ms', 'sign_ms', 'total_ms', 'since_process_start_ms', 'wall_ms']) {
      if (c.samples[0][k] !== undefined) res[k] = summary(col(c, k))
    }
    res.total_samples = col(c, 'total_ms')
    res.wall_samples = col(c, 'wall_ms')
    if (aws4) res.total_vs_aws4 = pairedRatio(res.total_samples, col(aws4, 'total_ms')).median
    if (noop) res.wall_over_noop_ms = summary(c.samples.map((s, i) => s.wall_ms - noop.samples[i].wall_ms)).median
    return res
  })
  log(textTable(['', 'load', 'init', 'first sign', 'total', 'IQR total', '÷ aws4', 'process wall', 'wall − noop'],
    results.filter((x) => x.runs).map((x) => [
      x.name, sig(x.load_ms?.median), sig(x.init_ms?.median), sig(x.sign_ms?.median), `${sig(x.total_ms.median)} ms`,
      `${sig(x.total_ms.p25)}–${sig(x.total_ms.p75)}`, x.key === 'noop' ? '' : ratio(x.total_vs_aws4),
      `${sig(x.wall_ms.median)} ms`, x.key === 'noop' ? '' : sig(x.wall_over_noop_ms),
    ]), ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']))
  log('  (ms, medians; load/init/sign/total measured inside the child, wall = spawn to exit in the parent)\n')
  return { runs, request: r.id, reference_signature: reference.slice(-64), cases: results }
}
