// Signers that run in Node and in browsers, each configured to sign the
// same header set as the others (each request's signedHeaders in
// fixtures.mjs; the equivalence gate checks every signature):
// - smithy: what the S3 client does (uriEscapePath off, applyChecksum on)
//   for S3, neither for other services;
// - aws4fetch (signers-aws4fetch.mjs, apart: it needs TextEncoder, which
//   Hermes, where the nowasm part runs smithy, lacks);
// - ours: defaults. Our policy already signs the set above.
// Each signer returns the Authorization header value.
import { SignatureV4 } from '@smithy/signature-v4'

export function smithySigner (key, name, Sha256) {
  const byService = new Map()
  const signerFor = (r) => {
    let s = byService.get(r.service)
    if (!s) {
      const s3 = r.service === 's3'
      s = new SignatureV4({
        credentials: r.credentials, region: r.region, service: r.service, sha256: Sha256,
        uriEscapePath: !s3, applyChecksum: s3,
      })
      byService.set(r.service, s)
    }
    return s
  }
  return {
    key,
    name,
    async: true,
    sign: async (r) => {
      const headers = { host: r.host }
      if (r.contentType) headers['content-type'] = r.contentType
      const out = await signerFor(r).sign(
        { method: r.method, protocol: 'https:', hostname: r.host, path: r.path, query: {}, headers, body: r.body },
        { signingDate: r.signingDate })
      return out.headers.authorization
    },
  }
}

export function ourRequest (r) {
  const req = { method: r.method, url: r.url }
  if (r.contentType) req.headers = { 'content-type': r.contentType }
  if (r.body !== undefined) req.body = r.body
  return req
}

export function ourOptions (r) {
  return { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate }
}

// api: the package's exports ({ sign, sha256Async }).
export function oursSync (api) {
  return {
    key: 'ours',
    name: 'sigv4-wasm sign()',
    async: false,
    sign: (r) => api.sign(ourRequest(r), ourOptions(r)).headers.authorization,
  }
}

// The async path for bodies: the integrations hash with sha256Async and
// sign the digest, so big bodies can go to the host's native hash.
export function oursAsync (api) {
  return {
    key: 'ours-async',
    name: 'sigv4-wasm sha256Async() + sign({payloadHash})',
    async: true,
    sign: async (r) => {
      const payloadHash = await api.sha256Async(r.body === undefined ? '' : r.body)
      return api.sign(ourRequest(r), { ...ourOptions(r), payloadHash }).headers.authorization
    },
  }
}
