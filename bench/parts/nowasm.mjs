// The JS build (sigv4-wasm/js: the same C compiled to plain JavaScript by
// wasm2js) in Node with its JIT, against what React Native apps use today:
// @smithy/signature-v4 with @aws-crypto/sha256-js. Requests (a) and (b),
// interleaved, each signature checked equal to the reference first.
import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js'
import * as nowasm from '../../js/index.nowasm.js'
import { REQUESTS, prepare } from '../lib/fixtures.mjs'
import { oursSync, smithySigner } from '../lib/signers.mjs'
import { checkEquivalence, formatEquivalence } from '../lib/equivalence.mjs'
import { settingsFor } from '../lib/settings.mjs'
import { timeCases } from './sign.mjs'

export async function runNowasm (ctx) {
  const signers = [
    { ...oursSync(nowasm), name: 'sigv4-wasm/js sign()' },
    smithySigner('smithy-js', 'smithy + @aws-crypto/sha256-js', Sha256Js),
  ]
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
  return { requests }
}
