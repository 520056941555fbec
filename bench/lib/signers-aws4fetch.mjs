// aws4fetch as the bench signs with it (the header set: signers.mjs): allHeaders
// when there is a content-type (otherwise it is never signed); for S3 the
// caller hashes the body with WebCrypto inside the timed call, since
// aws4fetch would sign UNSIGNED-PAYLOAD. Returns the Authorization value.
import { AwsV4Signer } from 'aws4fetch'
import { AMZ_DATE, toHex } from './fixtures.mjs'

const EMPTY = new Uint8Array(0)
const encoder = new TextEncoder()

export function aws4fetchSigner (subtle = globalThis.crypto.subtle) {
  const cache = new Map() // one key cache across signs, as AwsClient keeps
  return {
    key: 'aws4fetch',
    name: 'aws4fetch (WebCrypto)',
    async: true,
    sign: async (r) => {
      const headers = {}
      if (r.contentType) headers['content-type'] = r.contentType
      if (r.service === 's3') {
        const bytes = r.body === undefined ? EMPTY : typeof r.body === 'string' ? encoder.encode(r.body) : r.body
        headers['x-amz-content-sha256'] = toHex(await subtle.digest('SHA-256', bytes))
      }
      const signer = new AwsV4Signer({
        url: r.url, method: r.method, headers, body: r.body,
        ...r.credentials, service: r.service, region: r.region,
        datetime: AMZ_DATE, cache, allHeaders: Boolean(r.contentType),
      })
      return (await signer.sign()).headers.get('authorization')
    },
  }
}
