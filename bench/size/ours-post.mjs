// One-request app: sigv4-wasm, default entry, that also writes an S3 POST
// policy (presignPost): what presignPost adds to an app that signs.
import { init, sign, presignPost } from '../../js/index.js'

export default async function signOne (r) {
  await init()
  const options = { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate }
  globalThis.postFields = presignPost({ url: 'https://bucket.s3.amazonaws.com/', key: 'k' }, options).fields
  const signed = sign({ method: r.method, url: r.url, headers: r.headers, body: r.body }, options)
  return signed.headers.authorization
}
