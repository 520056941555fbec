// One-request app: sigv4-wasm/v4a (sigv4a.wasm inside as a string), signing the same SigV4 request.
import { init, sign } from '../../js/index.v4a.js'

export default async function signOne (r) {
  await init()
  const signed = sign({ method: r.method, url: r.url, headers: r.headers, body: r.body },
    { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate })
  return signed.headers.authorization
}
