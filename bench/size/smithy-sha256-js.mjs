// One-request app: @smithy/signature-v4 with @aws-crypto/sha256-js.
import { SignatureV4 } from '@smithy/signature-v4'
import { Sha256 } from '@aws-crypto/sha256-js'

export default async function signOne (r) {
  const signer = new SignatureV4({ credentials: r.credentials, region: r.region, service: r.service, sha256: Sha256, applyChecksum: false })
  const signed = await signer.sign({ method: r.method, protocol: 'https:', hostname: r.host, path: r.path, query: {}, headers: { host: r.host, ...r.headers }, body: r.body },
    { signingDate: r.signingDate })
  return signed.headers.authorization
}
