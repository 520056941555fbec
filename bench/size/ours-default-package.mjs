// One-request app: sigv4-wasm's default entry as a bundler resolves the
// package ("import" condition: dist/index.mjs, one pre-bundled file), not
// the js/ source the other rows bundle.
import { init, sign } from '../../dist/index.mjs'

export default async function signOne (r) {
  await init()
  const signed = sign({ method: r.method, url: r.url, headers: r.headers, body: r.body },
    { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate })
  return signed.headers.authorization
}
