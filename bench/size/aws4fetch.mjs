// One-request app: aws4fetch's AwsV4Signer (WebCrypto).
import { AwsV4Signer } from 'aws4fetch'

export default async function signOne (r) {
  const signer = new AwsV4Signer({ url: r.url, method: r.method, headers: r.headers, body: r.body, ...r.credentials,
    region: r.region, service: r.service, datetime: r.amzDate, allHeaders: true })
  return (await signer.sign()).headers.get('authorization')
}
