// One-request app: aws4. It needs Node's crypto, url and querystring.
import aws4 from 'aws4'

export default async function signOne (r) {
  const signed = aws4.sign({ host: r.host, path: r.path, method: r.method, region: r.region, service: r.service,
    headers: { ...r.headers, 'X-Amz-Date': r.amzDate }, body: r.body, extraHeadersToIgnore: { 'content-length': true } }, r.credentials)
  return signed.headers.Authorization
}
