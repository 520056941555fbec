// The program tests/js/hermes.test.js bundles for Hermes: signs each case
// given with sigv4-wasm (resolved with the react-native condition, as Metro
// does: sigv4-wasm/js) and returns what it produced as JSON. Plain data in
// and out: bodies that are bytes come as { bytes: [...] }.
import * as api from 'sigv4-wasm'

const body = (b) => (b && typeof b === 'object' && Array.isArray(b.bytes) ? new Uint8Array(b.bytes) : b)

// Metro bundles whole modules (no tree shaking): every export is reached
// here, so that every module's top level runs in Hermes as it would there.
export const exported = Object.keys(api).sort()

export async function run (cases) {
  const out = []
  for (const c of cases) {
    try {
      out.push(await runCase(c))
    } catch (e) {
      out.push({ error: `${e.name} ${e.code || ''}: ${e.message}` })
    }
  }
  return JSON.stringify(out)
}

// The receiving side's options: credentials as a lookup, the clock at the signing date.
const receiving = ({ signingDate, credentials, ...options }) =>
  ({ ...options, credentials: async (id) => (id === credentials.accessKeyId ? credentials : null), now: Date.parse(signingDate) })

async function runCase ({ request, options, mode, awsError }) {
  const req = request && { ...request, body: body(request.body) }
  if (mode === 'explain') {
    const why = api.explain(req, options)
    return { canonicalRequest: why.canonicalRequest, stringToSign: why.stringToSign, signature: why.signature }
  }
  if (mode === 'header') return { headers: api.sign(req, options).headers }
  if (mode === 'query') return { url: api.presign(req, options) }
  if (mode === 'post') {
    const { extra, ...params } = request
    const post = api.presignPost(params, options)
    const check = await api.verifyPost({ ...post.fields, ...extra }, receiving(options))
    return { url: post.url, fields: post.fields, valid: check.valid, code: check.code }
  }
  if (mode === 'verify') {
    const signed = api.sign(req, options)
    const v = await api.verify({ ...signed, body: req.body }, receiving(options))
    return { valid: v.valid, code: v.code, accessKeyId: v.accessKeyId }
  }
  if (mode === 'diagnose') {
    const d = await api.diagnose({ request: req, options, awsError })
    return { causes: d.causes.map((c) => c.code), ours: d.ours.canonicalRequest, diff: d.diff.canonicalRequest.map((l) => l.kind) }
  }
  if (mode === 'fetch') {
    const sent = []
    const fetch = async (url, init) => {
      sent.push({ url, method: init.method, headers: init.headers })
      return { status: 200, ok: true, headers: { get: () => null } }
    }
    const signedFetch = api.createSignedFetch({ ...options, fetch })
    const response = await signedFetch(req.url, { method: req.method, headers: req.headers, body: req.body })
    return { status: response.status, sent }
  }
  throw new Error(`mode ${mode}`)
}
