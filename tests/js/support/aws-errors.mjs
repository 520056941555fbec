// Requests signed with a known mistake, and the error body AWS answers
// each with, for diagnose(), the CLI's explain and the diagnosis page.
//
//   const list = await scenarios()
//   // [{ name, format, request, options, errorBody, cause, aws?, v4a? }]
//
// `request` is the request as its sender knows it (what its code signed,
// the Authorization header it sent included); `errorBody` is what AWS
// returns, written from the documented formats (S3's XML error with
// <CanonicalRequest> and its bytes, the query services' <ErrorResponse>,
// JSON services' {"__type", "message"}, API Gateway's {"message"}), with
// what AWS computed from the request it received. AWS's side is computed
// by @smithy/signature-v4 (the AWS SDK's signer) and the mistaken signers
// by hand with node:crypto: nothing comes from sigv4-wasm. `cause` is the
// code diagnose() must name first.
import { createHash, createHmac, sign as ecdsaSign } from 'node:crypto'
import { SignatureV4a } from '@smithy/signature-v4a'
import { Hash } from '@smithy/hash-node'
import { sigv4aPrivateKey } from './sigv4a-kdf.mjs'
import { smithySigner } from './smithy.mjs'
import { toSmithyRequest } from './gen.mjs'

export const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
export const SIGNING_DATE = new Date(Date.UTC(2026, 11, 3, 15, 36, 0))

const hex = (data) => createHash('sha256').update(data).digest('hex')
const hmac = (key, text) => createHmac('sha256', key).update(text).digest()
const amzDateOf = (date) => date.toISOString().replace(/[-:]|\.\d+/g, '')

/** What smithy computes for `req` (genRequest shape): canonical request, string to sign, Authorization. */
export async function smithyComputes (req, policy, signer = smithySigner(policy)) {
  const seen = {}
  const canonical = signer.createCanonicalRequest.bind(signer)
  signer.createCanonicalRequest = (...a) => (seen.canonicalRequest = canonical(...a))
  const toSign = signer.createStringToSign.bind(signer)
  signer.createStringToSign = async (...a) => (seen.stringToSign = await toSign(...a))
  const signed = await signer.sign(toSmithyRequest(req), { signingDate: policy.signingDate })
  return { ...seen, authorization: signed.headers.authorization, headers: signed.headers }
}

/** The signature and Authorization a signer that built `canonicalRequest` sends. */
function signedBy (canonicalRequest, { accessKeyId, secretAccessKey }, amzDate, region, service) {
  const day = amzDate.slice(0, 8)
  const scope = `${day}/${region}/${service}/aws4_request`
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${hex(canonicalRequest)}`
  let key = hmac(`AWS4${secretAccessKey}`, day)
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part)
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex')
  const signedHeaders = canonicalRequest.split('\n').at(-2)
  return { signature, authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` }
}

// The request as sent: its headers, with what the signer added.
function sent (req, computed) {
  const headers = Object.entries(computed.headers).filter(([name]) => name !== 'host')
  return { method: req.method, url: req.url, headers, ...req.body !== undefined && { body: req.body } }
}

const pick = ({ canonicalRequest, stringToSign }) => ({ canonicalRequest, stringToSign })

const withAuthorization = (request, authorization) => ({
  ...request, headers: [...request.headers.filter(([n]) => n !== 'authorization'), ['authorization', authorization]],
})

// ---------------------------------------------------------------------------
// The formats (documented: S3 error responses; the query API's
// ErrorResponse; JSON protocols' __type/message; API Gateway's message).

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const spacedHex = (text) => Array.from(Buffer.from(text), (b) => b.toString(16).padStart(2, '0')).join(' ')
const MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
const MISMATCH_LONG = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
const computedText = (aws) => `\n\nThe Canonical String for this request should have been\n'${aws.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${aws.stringToSign}'\n`

function s3Error (code, message, fields) {
  const inner = Object.entries(fields).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${inner}<RequestId>4442587FB7D0A2F9</RequestId><HostId>Zm9vYmFyYmF6</HostId></Error>`
}

function s3Mismatch (aws, provided) {
  return s3Error('SignatureDoesNotMatch', MISMATCH, {
    AWSAccessKeyId: CREDENTIALS.accessKeyId,
    StringToSign: aws.stringToSign,
    SignatureProvided: provided,
    StringToSignBytes: spacedHex(aws.stringToSign),
    CanonicalRequest: aws.canonicalRequest,
    CanonicalRequestBytes: spacedHex(aws.canonicalRequest),
  })
}

const apiGatewayMismatch = (aws) => JSON.stringify({ message: MISMATCH_LONG + computedText(aws) })
const jsonServiceError = (type, message) => JSON.stringify({ __type: `com.amazon.coral.service#${type}`, message })
const queryServiceError = (code, message) =>
  `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${code}</Code>\n    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>9d7c2a5e-8f3e-4b1a-a2b0-6f1e2c3d4e5f</RequestId>\n</ErrorResponse>\n`

// ---------------------------------------------------------------------------

const apiGateway = { credentials: CREDENTIALS, region: 'us-east-1', service: 'execute-api', signingDate: SIGNING_DATE }
const s3 = { credentials: CREDENTIALS, region: 'us-east-1', service: 's3', signingDate: SIGNING_DATE }
const options = ({ region, service }) => ({ credentials: CREDENTIALS, region, service })

// The signer hashed one body, the client sent another (axios serialised
// the object again; a JSON body pretty-printed after signing).
async function bodyChanged () {
  const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items'
  const signedBody = '{"name":"report","size":3}'
  const received = '{"name": "report", "size": 3}'
  const req = { method: 'POST', url, headers: [['content-type', 'application/json']], body: signedBody }
  const theirs = await smithyComputes(req, apiGateway)
  const aws = await smithyComputes({ ...req, body: received }, apiGateway)
  return { name: 'body-changed', format: 'json', request: sent(req, theirs), options: options(apiGateway), errorBody: apiGatewayMismatch(aws), cause: 'BODY_CHANGED', aws: pick(aws) }
}

// S3 compares x-amz-content-sha256 with the body it received.
async function bodyChangedS3 () {
  const url = 'https://examplebucket.s3.us-east-1.amazonaws.com/notes/today.txt'
  const req = { method: 'PUT', url, headers: [['content-type', 'text/plain']], body: 'first draft\n' }
  const theirs = await smithyComputes(req, s3)
  const errorBody = s3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
    ClientComputedContentSHA256: hex('first draft\n'), S3ComputedContentSHA256: hex('first draft\r\n'),
  })
  return { name: 'body-changed-s3', format: 's3-xml', request: sent(req, theirs), options: options(s3), errorBody, cause: 'BODY_CHANGED' }
}

// A signer that percent-encodes the path once, as for S3, signing for API
// Gateway (which encodes it twice).
async function pathEncodedOnce () {
  const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/files/my%20report%2B2026.pdf'
  const req = { method: 'GET', url, headers: [] }
  const theirs = await smithyComputes(req, { ...apiGateway, s3: true, signContentSha256: false })
  const aws = await smithyComputes(req, apiGateway)
  return { name: 'path-encoded-once', format: 'json', request: sent(req, theirs), options: options(apiGateway), errorBody: apiGatewayMismatch(aws), cause: 'PATH_ENCODED_ONCE', aws: pick(aws) }
}

// A signer that keeps the query in the order written.
async function queryUnsorted () {
  const url = 'https://examplebucket.s3.us-east-1.amazonaws.com/?prefix=photos%2F2026&list-type=2&max-keys=50'
  const req = { method: 'GET', url, headers: [] }
  const aws = await smithyComputes(req, s3)
  const lines = aws.canonicalRequest.split('\n')
  lines[2] = 'prefix=photos%2F2026&list-type=2&max-keys=50'
  const theirs = signedBy(lines.join('\n'), CREDENTIALS, amzDateOf(SIGNING_DATE), 'us-east-1', 's3')
  const request = withAuthorization(sent(req, aws), theirs.authorization)
  return { name: 'query-unsorted', format: 's3-xml', request, options: options(s3), errorBody: s3Mismatch(aws, theirs.signature), cause: 'QUERY_NOT_SORTED', aws: pick(aws) }
}

// A signer that puts the query in the canonical request as written,
// unencoded (IAM's query API).
async function queryNotEncoded () {
  const url = 'https://iam.amazonaws.com/?Action=ListUsers&PathPrefix=/division_abc/subdivision_xyz/&Version=2010-05-08'
  const iam = { credentials: CREDENTIALS, region: 'us-east-1', service: 'iam', signingDate: SIGNING_DATE }
  const req = { method: 'GET', url, headers: [] }
  const aws = await smithyComputes(req, iam)
  const lines = aws.canonicalRequest.split('\n')
  lines[2] = 'Action=ListUsers&PathPrefix=/division_abc/subdivision_xyz/&Version=2010-05-08'
  const theirs = signedBy(lines.join('\n'), CREDENTIALS, amzDateOf(SIGNING_DATE), 'us-east-1', 'iam')
  const request = withAuthorization(sent(req, aws), theirs.authorization)
  return { name: 'query-not-encoded', format: 'xml', request, options: options(iam), errorBody: queryServiceError('SignatureDoesNotMatch', MISMATCH_LONG + computedText(aws)), cause: 'QUERY_NOT_ENCODED', aws: pick(aws) }
}

// A date written with a 12-hour clock ('hh'): at 15:36 the request says
// 03:36, twelve hours in the past.
async function twelveHourClock () {
  const url = 'https://dynamodb.us-east-1.amazonaws.com/'
  const ddb = { credentials: CREDENTIALS, region: 'us-east-1', service: 'dynamodb' }
  const wrong = new Date(SIGNING_DATE.getTime() - 12 * 3600e3)
  const req = { method: 'POST', url, headers: [['content-type', 'application/x-amz-json-1.0'], ['x-amz-target', 'DynamoDB_20120810.ListTables']], body: '{}' }
  const theirs = await smithyComputes(req, { ...ddb, signingDate: wrong })
  const limit = amzDateOf(new Date(SIGNING_DATE.getTime() - 15 * 60e3))
  const message = `Signature expired: ${amzDateOf(wrong)} is now earlier than ${limit} (${amzDateOf(SIGNING_DATE)} - 15 min.)`
  return { name: 'wrong-date', format: 'json', request: sent(req, theirs), options: options(ddb), errorBody: jsonServiceError('InvalidSignatureException', message), cause: 'DATE_FORMAT' }
}

// A request whose X-Amz-Date is `behindMs` behind AWS's clock, and S3's
// answer: 12 hours is a 12-hour clock ('hh'), 40 minutes a clock that is
// simply wrong.
async function s3Skewed (name, behindMs, cause) {
  const url = 'https://examplebucket.s3.us-east-1.amazonaws.com/report.csv'
  const wrong = new Date(SIGNING_DATE.getTime() - behindMs)
  const req = { method: 'GET', url, headers: [] }
  const theirs = await smithyComputes(req, { ...s3, signingDate: wrong })
  const errorBody = s3Error('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
    RequestTime: amzDateOf(wrong), ServerTime: SIGNING_DATE.toISOString().replace('.000', ''), MaxAllowedSkewMilliseconds: '900000',
  })
  return { name, format: 's3-xml', request: sent(req, theirs), options: options(s3), errorBody, cause }
}

// Signed for us-east-1, the bucket is in eu-west-1.
async function wrongRegion () {
  const url = 'https://examplebucket.s3.eu-west-1.amazonaws.com/report.csv'
  const req = { method: 'GET', url, headers: [] }
  const theirs = await smithyComputes(req, s3)
  const errorBody = s3Error('AuthorizationHeaderMalformed', "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'", { Region: 'eu-west-1' })
  return { name: 'wrong-region', format: 's3-xml', request: sent(req, theirs), options: { credentials: CREDENTIALS }, errorBody, cause: 'WRONG_REGION' }
}

// fetch sent a content-type other than the one signed.
async function headerChanged () {
  const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/notes'
  const req = { method: 'POST', url, headers: [['content-type', 'application/json']], body: 'hello' }
  const theirs = await smithyComputes(req, apiGateway)
  const aws = await smithyComputes({ ...req, headers: [['content-type', 'text/plain;charset=UTF-8']] }, apiGateway)
  return { name: 'header-changed', format: 'json', request: sent(req, theirs), options: options(apiGateway), errorBody: apiGatewayMismatch(aws), cause: 'HEADER_CHANGED', aws: pick(aws) }
}

// Everything right but the secret: AWS holds another one for this key.
async function wrongSecret () {
  const url = 'https://examplebucket.s3.us-east-1.amazonaws.com/report.csv'
  const req = { method: 'GET', url, headers: [] }
  const aws = await smithyComputes(req, s3)
  const provided = /Signature=([0-9a-f]{64})/.exec(aws.authorization)[1]
  return { name: 'wrong-secret', format: 's3-xml', request: sent(req, aws), options: options(s3), errorBody: s3Mismatch(aws, provided), cause: 'WRONG_SECRET', aws: pick(aws) }
}

// A presigned URL used after it expired (S3 says so in an AccessDenied).
async function presignedExpired () {
  const url = 'https://examplebucket.s3.us-east-1.amazonaws.com/shared/photo.jpg'
  const signer = smithySigner(s3)
  const presigned = await signer.presign(toSmithyRequest({ method: 'GET', url, headers: [] }), { signingDate: SIGNING_DATE, expiresIn: 900 })
  const query = Object.entries(presigned.query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
  const errorBody = s3Error('AccessDenied', 'Request has expired', {
    'X-Amz-Expires': '900', Expires: '2026-12-03T15:51:00Z', ServerTime: '2026-12-03T17:02:11Z',
  })
  return { name: 'presigned-expired', format: 's3-xml', request: { method: 'GET', url: `${url}?${query}`, headers: [] }, options: options(s3), errorBody, cause: 'EXPIRED' }
}

// SigV4a (an S3 Multi-Region Access Point): a signer that keeps the query
// in the order written; the ECDSA signature by node:crypto with the key
// sigv4a-kdf.mjs derives.
async function v4aQueryUnsorted () {
  const url = 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/?prefix=logs%2F&list-type=2'
  const req = { method: 'GET', url, headers: [] }
  const smithy = new SignatureV4a({ credentials: CREDENTIALS, region: '*', service: 's3', sha256: Hash.bind(null, 'sha256'), uriEscapePath: false, applyChecksum: true })
  const aws = await smithyComputes(req, { signingDate: SIGNING_DATE }, smithy)
  const lines = aws.canonicalRequest.split('\n')
  lines[2] = 'prefix=logs%2F&list-type=2'
  const amzDate = amzDateOf(SIGNING_DATE)
  const scope = `${amzDate.slice(0, 8)}/s3/aws4_request`
  const stringToSign = `AWS4-ECDSA-P256-SHA256\n${amzDate}\n${scope}\n${hex(lines.join('\n'))}`
  const signature = ecdsaSign('sha256', Buffer.from(stringToSign), sigv4aPrivateKey(CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey)).toString('hex')
  const authorization = `AWS4-ECDSA-P256-SHA256 Credential=${CREDENTIALS.accessKeyId}/${scope}, SignedHeaders=${lines.at(-2)}, Signature=${signature}`
  const request = withAuthorization(sent(req, aws), authorization)
  return { name: 'v4a-query-unsorted', format: 's3-xml', request, options: { credentials: CREDENTIALS }, errorBody: s3Mismatch(aws, signature), cause: 'QUERY_NOT_SORTED', aws: pick(aws), v4a: true }
}

/** Every scenario, in a fixed order. */
export async function scenarios () {
  return Promise.all([bodyChanged(), bodyChangedS3(), pathEncodedOnce(), queryUnsorted(), queryNotEncoded(),
    twelveHourClock(), s3Skewed('wrong-date-s3', 12 * 3600e3, 'DATE_FORMAT'), s3Skewed('clock-skew', 40 * 60e3, 'CLOCK_SKEW'), wrongRegion(), headerChanged(), wrongSecret(), presignedExpired(), v4aQueryUnsorted()])
}
