// One-request app: sigv4-wasm/slim, the entry without the module inside;
// the .wasm ships as a separate asset (esbuild --loader:.wasm=file, as
// Vite's `?url`) and init(url) fetches it.
import wasmUrl from '../../dist/sigv4.wasm'
import { init, sign } from '../../js/index.slim.js'

export default async function signOne (r, wasm) {
  await init(wasm || new URL(wasmUrl, import.meta.url))
  const signed = sign({ method: r.method, url: r.url, headers: r.headers, body: r.body },
    { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate })
  return signed.headers.authorization
}
