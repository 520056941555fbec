// One-request app: sigv4-wasm/js, the module compiled to plain JavaScript
// (for hosts without WebAssembly: React Native, strict CSP, JIT-less).
import { init, sign } from '../../js/index.nowasm.js'

export default async function signOne (r) {
  await init()
  const signed = sign({ method: r.method, url: r.url, headers: r.headers, body: r.body },
    { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate })
  return signed.headers.authorization
}
