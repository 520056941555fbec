// What the nowasm part times, in Node and in Hermes alike: sigv4-wasm/js
// (api: its exports) against what React Native apps use today,
// @smithy/signature-v4 with @aws-crypto/sha256-js.
import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js'
import { oursSync, smithySigner, ourRequest, ourOptions } from './signers.mjs'
import { prepare, requestById } from './fixtures.mjs'
import { measure } from './harness.mjs'
import { utf8Encoder } from '../../js/utf8.js'

export const jsBuildSigners = (api) => [
  { ...oursSync(api), name: 'sigv4-wasm/js sign()' },
  smithySigner('smithy-js', 'smithy + @aws-crypto/sha256-js', Sha256Js),
]

/** SHA-256 blocks of a message of `bytes` bytes, with its padding. */
export const blocksOf = (bytes) => Math.ceil((bytes + 9) / 64)

/**
 * The SHA-256 blocks one signature of request r, which has no body, hashes
 * after the first (key cached), from the lengths explain() gives, as the
 * core hashes them: the canonical request whole, the string to sign after
 * HMAC's cached inner pad, the outer hash after its cached outer pad. The
 * key comes from the cache and the empty body's hash is a constant
 * (bench-smoke.test.js checks this count against the converted module's).
 */
export function ourBlocks (api, r) {
  if (r.body !== undefined && r.body.length !== 0) throw new Error(`${r.label}: ourBlocks counts requests without a body`)
  const { canonicalRequest, stringToSign } = api.explain(ourRequest(r), ourOptions(r))
  return blocksOf(canonicalRequest.length) + blocksOf(64 + stringToSign.length) - 1 + blocksOf(64 + 32) - 1
}

/**
 * Inside Hermes (bench/parts/nowasm.mjs bundles it): signs request `id`
 * once with each signer, then times, interleaved, those whose signature is
 * `expected` (Node's reference). { signatures: { key: string | { error } },
 * results: measure()'s, each with its key, hashing: what `breakdown`
 * (lib/hermes-blocks.mjs) says of the signers' SHA-256 }.
 */
export async function timeInHermes (api, { id, expected, settings, seed }, breakdown) {
  // smithy encodes with TextEncoder, which Hermes 0.12 lacks: apps add a
  // polyfill with encode() (fast-text-encoding and the like). Installed
  // here, after sigv4-wasm/js has loaded (it has its own encoder).
  if (typeof TextEncoder === 'undefined') {
    globalThis.TextEncoder = function TextEncoder () {}
    globalThis.TextEncoder.prototype.encode = utf8Encoder.encode
  }
  const r = prepare(requestById(id))
  const signers = jsBuildSigners(api)
  const signatures = {}
  for (const s of signers) {
    try {
      signatures[s.key] = await s.sign(r)
    } catch (e) {
      signatures[s.key] = { error: String(e && e.message || e) }
    }
  }
  const cases = signers.filter((s) => signatures[s.key] === expected)
    .map((s) => ({ key: s.key, name: s.name, async: s.async, fn: () => s.sign(r) }))
  const results = await measure(cases, { ...settings, seed })
  results.forEach((x, i) => { x.key = cases[i].key })
  return { signatures, results, hashing: await breakdown(api, r, signers, { ...settings, seed }) }
}
