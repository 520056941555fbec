// The JS build (sigv4-wasm/js: the same C compiled to plain JavaScript by
// wasm2js) against what React Native apps use today: @smithy/signature-v4
// with @aws-crypto/sha256-js. In Node with its JIT, requests (a) and (b);
// in Hermes 0.12 (React Native's engine, no JIT), request (a), bundled as
// Metro bundles an app (tests/js/support/hermes.mjs) and timed there by the
// same harness, with Date.now() (Hermes has no performance.now()). Cases
// interleaved; each signature checked equal to Node's reference first.
import * as nowasm from '../../js/index.nowasm.js'
import { REQUESTS, prepare } from '../lib/fixtures.mjs'
import { jsBuildSigners } from '../lib/nowasm.mjs'
import { checkEquivalence, formatEquivalence } from '../lib/equivalence.mjs'
import { settingsFor } from '../lib/settings.mjs'
import { timeCases, relativeTo, printCases } from './sign.mjs'
import { runInHermes, hermesMissing, hermesVersion } from '../../tests/js/support/hermes.mjs'

const HERMES_BATCH_MS = 100 // Date.now() ticks in ms: 1 % of a batch at most

export async function runNowasm (ctx) {
  const signers = jsBuildSigners(nowasm)
  const requests = []
  for (const fixture of REQUESTS.filter((f) => f.id === 'a' || f.id === 'b')) {
    const r = prepare(fixture)
    const eq = await checkEquivalence(signers, r, { referenceKey: 'smithy-js' })
    ctx.log(formatEquivalence(eq, r.label))
    const cases = signers
      .filter((s) => eq.rows.find((x) => x.key === s.key).same)
      .map((s) => ({ key: s.key, name: s.name, async: s.async, fn: () => s.sign(r) }))
    const results = await timeCases(ctx, cases, settingsFor(r.bodyLength, ctx))
    requests.push({ id: r.id, label: r.label, equivalence: eq, cases: results })
  }
  const a = requests.find((x) => x.id === 'a')
  return { requests, hermes: await timeHermes(ctx, prepare(REQUESTS.find((f) => f.id === 'a')), a.equivalence.reference) }
}

// Request r timed in Hermes; { engine, requests } as the Node cases are.
async function timeHermes (ctx, r, expected) {
  if (hermesMissing) {
    ctx.log(`Hermes: not run (${hermesMissing})\n`)
    return { skipped: hermesMissing }
  }
  const engine = hermesVersion()
  const base = settingsFor(r.bodyLength, ctx)
  const settings = { ...base, batchMs: Math.max(base.batchMs, HERMES_BATCH_MS) }
  const input = { id: r.id, expected, settings, seed: ctx.seed }
  const source = `import * as api from 'sigv4-wasm'
import { timeInHermes } from './bench/lib/nowasm.mjs'
import { hashingBreakdown } from './bench/lib/hermes-blocks.mjs'
timeInHermes(api, ${JSON.stringify(input)}, hashingBreakdown).then((o) => print(JSON.stringify(o)), (e) => print(JSON.stringify({ error: String(e && e.stack || e) })))
`
  ctx.log(`${engine}: ${r.label}, timing ${settings.rounds} rounds of ${settings.batchMs} ms batches ...`)
  const { signatures, results, hashing, error } = JSON.parse(await runInHermes('bench-nowasm', source))
  if (error) throw new Error(`in Hermes: ${error}`)
  const names = Object.fromEntries(jsBuildSigners(nowasm).map((s) => [s.key, s.name]))
  const hermesSigners = Object.entries(signatures).map(([key, out]) => ({
    key, name: `${names[key]} (Hermes)`, sign: async () => { if (out.error) throw new Error(out.error); return out },
  }))
  const eq = await checkEquivalence(hermesSigners, r, { expected })
  ctx.log(formatEquivalence(eq, `${r.label} in ${engine}`))
  const timed = results.map((x) => x.key)
  const same = eq.rows.filter((x) => x.same).map((x) => x.key)
  if (timed.join() !== same.join()) throw new Error(`Hermes timed ${timed.join()} but signed alike ${same.join()}`)
  relativeTo(results, 'ours')
  printCases(ctx.log, results)
  const split = hashingSplit(results, hashing)
  for (const x of split) ctx.log(`  ${x.name}: ${x.blocks} SHA-256 blocks at ${(x.blockNs / 1000).toFixed(1)} µs = ${(x.hashingNs / 1000).toFixed(0)} µs of ${(x.signatureNs / 1000).toFixed(0)} µs`)
  ctx.log('')
  return { engine, clock: 'Date.now()', requests: [{ id: r.id, label: r.label, settings, equivalence: eq, cases: results }], split }
}

// Each timed signer's signature split into its SHA-256 blocks and the rest.
function hashingSplit (results, hashing) {
  return results.filter((c) => hashing[c.key]).map((c) => {
    const { blockNs, blocks } = hashing[c.key]
    return { key: c.key, name: c.name, signatureNs: c.median_ns, blockNs, blocks, hashingNs: blocks * blockNs, restNs: c.median_ns - blocks * blockNs }
  })
}
