// One-request app: sigv4-wasm glue only, the .wasm shipped as a separate
// asset (esbuild --loader:.wasm=file) and fetched by init().
import wasmUrl from '../../dist/sigv4.wasm'
import { init, sign } from '../../js/index.workerd.js'

export default async function signOne (r, wasm) {
  await init(wasm || fetch(new URL(wasmUrl, import.meta.url)))
  const signed = sign({ method: r.method, url: r.url, headers: r.headers, body: r.body },
    { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate })
  return signed.headers.authorization
}
