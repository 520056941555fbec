// The signing bench inside headless Chromium (bundled by parts/browser.mjs):
// ours (sync sign, and the async path sha256Async + sign({payloadHash})),
// aws4fetch and smithy with both @aws-crypto hashes, and for bodies
// crypto.subtle.digest alone. Same fixtures, harness and equivalence check
// as in Node; the reference signatures come from Node's run.
import * as api from '../../js/index.js'
import { Sha256 as Sha256Browser } from '@aws-crypto/sha256-browser'
import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js'
import { REQUESTS, prepare } from '../lib/fixtures.mjs'
import { smithySigner, aws4fetchSigner, oursSync, oursAsync } from '../lib/signers.mjs'
import { checkEquivalence } from '../lib/equivalence.mjs'
import { measure } from '../lib/harness.mjs'

globalThis.runBench = async function runBench ({ expected, settings, seed }) {
  await api.init()
  const signers = [
    oursSync(api),
    oursAsync(api),
    smithySigner('smithy-browser', 'smithy + @aws-crypto/sha256-browser', Sha256Browser),
    smithySigner('smithy-js', 'smithy + @aws-crypto/sha256-js', Sha256Js),
    aws4fetchSigner(),
  ]
  const requests = []
  for (const fixture of REQUESTS) {
    const r = prepare(fixture)
    const eq = await checkEquivalence(signers, r, { expected: expected[r.id] })
    const cases = signers
      .filter((s) => eq.rows.find((x) => x.key === s.key).same)
      .map((s) => ({ key: s.key, name: s.name, async: s.async, fn: () => s.sign(r) }))
    if (r.bodyLength >= 1024 * 1024) {
      cases.push({ key: 'subtle-only', name: 'crypto.subtle.digest of the body alone', async: true, fn: () => crypto.subtle.digest('SHA-256', r.body) })
    }
    console.log(`${r.label}: ${eq.rows.filter((x) => x.same).length}/${eq.rows.length} signers give the reference signature; timing ${cases.length} cases`)
    const results = await measure(cases, { ...settings[r.id], seed })
    results.forEach((x, i) => { x.key = cases[i].key })
    requests.push({ id: r.id, label: r.label, body_bytes: r.bodyLength, settings: settings[r.id], equivalence: eq, cases: results })
  }
  return { userAgent: navigator.userAgent, crossOriginIsolated: globalThis.crossOriginIsolated === true, requests }
}
