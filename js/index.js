// Default entry: the module travels inside this file (one character per
// byte), so Node, browsers and every bundler load it with no configuration.
import wasmText from '../dist/sigv4-inline.js'
import { makeLoader, setAutoInit } from './core.js'

function bytes () {
  // Node and Bun decode it natively, much faster than the loop below
  // (cold start; docs/PERFORMANCE.md).
  const B = globalThis.Buffer
  if (typeof B === 'function' && typeof B.from === 'function') return B.from(wasmText, 'latin1')
  const out = new Uint8Array(wasmText.length)
  for (let i = 0; i < wasmText.length; i++) out[i] = wasmText.charCodeAt(i)
  return out
}

export const { init, initSync } = makeLoader(bytes)
// The first synchronous call loads the module itself where hosts allow a
// synchronous compile (Node, workers, small modules on browser main threads).
setAutoInit(() => initSync())
export { sign, presign, explain, createSigner, sha256, sha256Async, createSha256, SigV4Error } from './core.js'
// fetch and axios integrations, and credential providers.
export { createSignedFetch } from './fetch.js'
export { sigv4Interceptor, addSigv4Interceptor } from './axios.js'
export { cachedCredentials } from './credentials.js'
