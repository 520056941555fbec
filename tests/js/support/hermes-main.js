// The program tests/js/hermes.test.js bundles for Hermes: signs each case
// given with sigv4-wasm (resolved with the react-native condition, as Metro
// does: sigv4-wasm/js) and returns what it produced as JSON. Plain data in
// and out: bodies that are bytes come as { bytes: [...] }.
import * as api from 'sigv4-wasm'

const body = (b) => (b && typeof b === 'object' && Array.isArray(b.bytes) ? new Uint8Array(b.bytes) : b)

// Metro bundles whole modules (no tree shaking): every export is reached
// here, so that every module's top level runs in Hermes as it would there.
export const exported = Object.keys(api).sort()

export function run (cases) {
  return JSON.stringify(cases.map(({ request, options, mode }) => {
    const req = { ...request, body: body(request.body) }
    try {
      if (mode === 'explain') {
        const why = api.explain(req, options)
        return { canonicalRequest: why.canonicalRequest, stringToSign: why.stringToSign, signature: why.signature }
      }
      if (mode === 'header') return { headers: api.sign(req, options).headers }
      return { url: api.presign(req, options) }
    } catch (e) {
      return { error: `${e.name} ${e.code || ''}: ${e.message}` }
    }
  }))
}
