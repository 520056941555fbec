// One-request app: sigv4-wasm, default entry (the module inside as a string).
import { init, sign } from '../../js/index.js'

export default async function signOne (r) {
  await init()
  const signed = sign({ method: r.method, url: r.url, headers: r.headers, body: r.body },
    { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate })
  return signed.headers.authorization
}
