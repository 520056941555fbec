// The signing bench inside headless Chromium (bundled by parts/browser.mjs):
// ours (sync sign, and the async path sha256Async + sign({payloadHash})),
// aws4fetch and smithy with both @aws-crypto hashes, and for bodies
// crypto.subtle.digest alone. Same fixtures, harness and equivalence check
// as in Node; the reference signatures come from Node's run.
import * as api from '../../js/index.js'
import * as apiV4a from '../../js/index.v4a.js'
import { SignatureV4a } from '@smithy/signature-v4a'
import { HttpRequest } from '@smithy/protocol-http'
import { Sha256 as Sha256Browser } from '@aws-crypto/sha256-browser'
import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js'
import { REQUESTS, prepare } from '../lib/fixtures.mjs'
import { aws4fetchSigner } from '../lib/signers-aws4fetch.mjs'
import { smithySigner, oursSync, oursAsync } from '../lib/signers.mjs'
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

// A DER ECDSA signature (hex) as WebCrypto's raw r || s.
function derToRaw (hex) {
  const der = Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16))
  const out = new Uint8Array(64)
  let i = 2
  for (const at of [0, 32]) {
    const len = der[i + 1]
    let v = der.subarray(i + 2, i + 2 + len)
    while (v.length > 32 && v[0] === 0) v = v.subarray(1)
    out.set(v, at + 32 - v.length)
    i += 2 + len
  }
  return out
}

// SigV4a header signing (bench/parts/v4a.mjs, in the page): ours against
// @smithy/signature-v4a, after checking with WebCrypto that smithy's
// signature verifies over our string to sign under our public key.
globalThis.runV4a = async function runV4a ({ url, signingDate, settings, seed }) {
  const r = prepare(REQUESTS.find((f) => f.id === 'a'))
  const date = new Date(signingDate)
  const options = { credentials: r.credentials, signingDate: date, algorithm: 'AWS4-ECDSA-P256-SHA256', regionSet: '*' }
  const ours = () => apiV4a.sign({ method: 'GET', url }, options).headers.authorization
  const smithy = new SignatureV4a({ credentials: r.credentials, region: '*', service: 's3', sha256: Sha256Js, uriEscapePath: false, applyChecksum: true })
  const u = new URL(url)
  const theirs = async () => (await smithy.sign(new HttpRequest({
    method: 'GET', protocol: 'https:', hostname: u.hostname, path: u.pathname, headers: { host: u.hostname },
  }), { signingDate: date })).headers.authorization
  const why = apiV4a.explain({ method: 'GET', url }, options)
  const point = Uint8Array.from(apiV4a.publicKey(r.credentials).match(/../g), (h) => parseInt(h, 16))
  const key = await crypto.subtle.importKey('raw', point, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'])
  const same = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key,
    derToRaw(/Signature=([0-9a-f]+)/.exec(await theirs())[1]), new TextEncoder().encode(why.stringToSign))
  const cases = [{ key: 'ours', name: 'sigv4-wasm/v4a', fn: ours }]
  if (same) cases.push({ key: 'smithy-v4a', name: '@smithy/signature-v4a (pure JS P-256)', async: true, fn: theirs })
  const results = await measure(cases, { ...settings, seed })
  results.forEach((x, i) => { x.key = cases[i].key })
  return { same, cases: results }
}
