// Signing latency in Node: the four requests, every library, interleaved.
import { REQUESTS, prepare } from '../lib/fixtures.mjs'
import { nodeSigners, nodeHashOnly, REFERENCE_KEY } from '../lib/signers-node.mjs'
import { checkEquivalence, formatEquivalence } from '../lib/equivalence.mjs'
import { measure } from '../lib/harness.mjs'
import { pairedRatio } from '../lib/stats.mjs'
import { textTable, time, iqr, ratio, sig } from '../lib/format.mjs'
import { settingsFor } from '../lib/settings.mjs'

// Every case's time relative to ours, per round: > 1 means slower than ours.
export function relativeTo (results, key) {
  const base = results.find((x) => x.key === key)
  for (const x of results) x.vs_ours = base ? pairedRatio(x.samples, base.samples).median : null
}

export function printCases (log, results, { bytes } = {}) {
  const rows = results.map((x) => [
    x.name, time(x.median_ns), iqr(x.p25_ns, x.p75_ns),
    bytes ? `${sig((bytes / x.median_ns) * 1e3)} MB/s` : sig(1e9 / x.median_ns),
    ratio(x.vs_ours),
  ])
  log(textTable(['', 'median', 'IQR', bytes ? 'throughput' : 'ops/s', 'time ÷ ours'], rows, ['l', 'r', 'r', 'r', 'r']))
}

/** Times cases ({ key, name, fn, async? }) interleaved, prints them; the results. */
export async function timeCases (ctx, cases, settings) {
  ctx.log(`  timing ${cases.length} cases, ${settings.rounds} rounds ...`)
  const results = await measure(cases, { ...settings, seed: ctx.seed })
  results.forEach((x, i) => { x.key = cases[i].key })
  relativeTo(results, 'ours')
  printCases(ctx.log, results)
  ctx.log('')
  return results
}

export async function runSign (ctx) {
  const { log } = ctx
  const signers = nodeSigners()
  const hashOnly = nodeHashOnly()
  const requests = []
  for (const fixture of REQUESTS) {
    const r = prepare(fixture)
    const eq = await checkEquivalence(signers, r, { referenceKey: REFERENCE_KEY })
    log(formatEquivalence(eq, r.label))
    const cases = signers
      .filter((s) => eq.rows.find((x) => x.key === s.key).same)
      .map((s) => ({ key: s.key, name: s.name, async: s.async, fn: () => s.sign(r) }))
    if (r.body !== undefined) cases.push({ key: hashOnly.key, name: hashOnly.name, fn: () => hashOnly.fn(r) })
    const settings = settingsFor(r.bodyLength, ctx)
    const results = await timeCases(ctx, cases, settings)
    requests.push({ id: r.id, label: r.label, body_bytes: r.bodyLength, settings, equivalence: eq, cases: results })
  }
  return { requests }
}
