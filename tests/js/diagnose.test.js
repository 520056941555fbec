// diagnose() and parseAwsError(): requests signed with known mistakes and
// the error bodies AWS answers them with (tests/js/support/aws-errors.mjs;
// AWS's side computed by @smithy/signature-v4, the mistakes by hand), in
// each format AWS uses. The cause named must be the mistake made.
import test from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { diagnose, parseAwsError, explain, SigV4Error } from '../../js/index.js'
import * as v4aEntry from '../../js/index.v4a.js'
import { reproduce } from '../../js/reproduce.js'
import { scenarios, smithyComputes, CREDENTIALS, SIGNING_DATE } from './support/aws-errors.mjs'
import { smithySigner } from './support/smithy.mjs'
import { toSmithyRequest } from './support/gen.mjs'

const list = await scenarios()
// SigV4a is diagnosed by the entry that signs it.
const diagnoseFor = (s) => (s.v4a ? v4aEntry.diagnose : diagnose)

for (const s of list) {
  test(`${s.name} (${s.format}): names ${s.cause} first`, async () => {
    const d = await diagnoseFor(s)({ request: s.request, options: s.options, awsError: s.errorBody })
    assert.equal(d.causes[0]?.code, s.cause, JSON.stringify(d.causes, null, 1))
    for (const c of d.causes) {
      assert.ok(c.title.length > 10 && c.detail.length > 20, c.code)
      assert.ok(!JSON.stringify(c).includes(CREDENTIALS.secretAccessKey))
    }
    assert.equal(d.error.format, s.format)
  })
}

test('the same causes when the request target is given raw (path, as sign() takes it)', async () => {
  for (const s of list) {
    const origin = new URL(s.request.url).origin
    const request = { ...s.request, url: `${origin}/`, path: s.request.url.slice(origin.length) }
    const d = await diagnoseFor(s)({ request, options: s.options, awsError: s.errorBody })
    assert.equal(d.causes[0]?.code, s.cause, s.name)
  }
})

test('parseAwsError reads what AWS computed, in every format that carries it', () => {
  const carrying = list.filter((s) => s.aws)
  assert.ok(carrying.length >= 5)
  for (const s of carrying) {
    const e = parseAwsError(s.errorBody)
    assert.equal(e.canonicalRequest, s.aws.canonicalRequest, s.name)
    assert.equal(e.stringToSign, s.aws.stringToSign, s.name)
    assert.ok(e.code === 'SignatureDoesNotMatch' || e.code === null, `${s.name}: ${e.code}`)
    assert.match(e.message, /does not match/)
    assert.ok(!e.message.includes('Canonical String'), 'the computed texts are taken out of the message')
  }
})

test('parseAwsError: S3 bytes elements win over a text element whose line ends were changed', () => {
  const s = list.find((x) => x.name === 'query-unsorted')
  const mangled = s.errorBody.replace(/<CanonicalRequest>[\s\S]*?<\/CanonicalRequest>/, (m) => m.replace(/\n/g, '\r\n'))
  const e = parseAwsError(mangled)
  assert.equal(e.canonicalRequest, s.aws.canonicalRequest)
  assert.equal(e.signatureProvided.length, 64)
  assert.equal(e.accessKeyId, CREDENTIALS.accessKeyId)
})

test('parseAwsError: a whole HTTP response, its error type in a header', () => {
  const e = parseAwsError('HTTP/1.1 403 Forbidden\r\nx-amzn-ErrorType: InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/\r\ncontent-type: application/json\r\n\r\n{"message":"Signature expired: 20261203T033600Z is now earlier than 20261203T152100Z (20261203T153600Z - 15 min.)"}')
  assert.equal(e.code, 'InvalidSignatureException')
  assert.equal(e.requestTime, '20261203T033600Z')
  assert.equal(e.serverTime, '20261203T153600Z')
  assert.equal(e.maxSkewMs, String(15 * 60e3))
})

test('parseAwsError: skew and region facts, and text it does not know', () => {
  const ahead = parseAwsError('{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"Signature not yet current: 20261203T163600Z is still later than 20261203T155100Z (20261203T153600Z + 15 min.)"}')
  assert.deepEqual([ahead.requestTime, ahead.serverTime], ['20261203T163600Z', '20261203T153600Z'])
  const region = parseAwsError('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region &apos;us-east-1&apos; is wrong; expecting &apos;eu-west-1&apos;</Message><Region>eu-west-1</Region></Error>')
  assert.deepEqual([region.format, region.expectedRegion, region.signedRegion], ['s3-xml', 'eu-west-1', 'us-east-1'])
  const service = parseAwsError('{"message":"Credential should be scoped to correct service: \'execute-api\'. "}')
  assert.equal(service.expectedService, 'execute-api')
  const text = parseAwsError('Forbidden')
  assert.deepEqual([text.format, text.code, text.message, text.canonicalRequest], ['text', null, 'Forbidden', null])
})

test('a reconstructed signer is shown against AWS, the differing line marked', async () => {
  for (const [name, label] of [['path-encoded-once', 'path'], ['query-unsorted', 'query'], ['query-not-encoded', 'query']]) {
    const s = list.find((x) => x.name === name)
    const d = await diagnose({ request: s.request, options: s.options, awsError: s.errorBody })
    assert.equal(d.ours.label, 'your signer (reconstructed)')
    const changed = d.diff.canonicalRequest.filter((l) => l.kind !== 'same')
    assert.deepEqual(changed.map((l) => l.label), [label], name)
    const [line] = changed
    assert.ok(line.span.aws[0] < line.span.aws[1] && line.span.ours[0] <= line.span.ours[1])
    assert.equal(line.aws.slice(0, line.span.aws[0]), line.ours.slice(0, line.span.ours[0]), 'the same before the span')
    assert.deepEqual(d.diff.stringToSign.filter((l) => l.kind !== 'same').map((l) => l.label), ['canonical request hash'])
    // What sigv4-wasm signs for the request is what AWS computed.
    assert.equal(d.expected.canonicalRequest, s.aws.canonicalRequest)
  }
})

test('reproduce: a hash written as base64 or in upper case, the body\'s in the canonical request or the canonical request\'s in the string to sign', () => {
  const hex = (text) => createHash('sha256').update(text).digest('hex')
  const canonicalRequest = `GET\n/\n\nhost:example.com\n\nhost\n${hex('')}`
  const stringToSign = `AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n${hex(canonicalRequest)}`
  const ctx = { rawPath: '/', rawQuery: '', sentHeaders: new Map(), queryInSentOrder: () => null }
  const reproduced = (sent) => reproduce({ canonicalRequest, stringToSign, matches: (text) => text === sent, sha256: hex, ctx })

  const upper = canonicalRequest.replace(hex(''), hex('').toUpperCase())
  const body = reproduced(stringToSign.replace(hex(canonicalRequest), hex(upper)))
  assert.deepEqual([body.mistake.code, body.canonicalRequest], ['HASH_ENCODING', upper])
  assert.match(body.mistake.title, /body's hash/)

  const base64 = stringToSign.replace(hex(canonicalRequest), Buffer.from(hex(canonicalRequest), 'hex').toString('base64'))
  const late = reproduced(base64)
  assert.deepEqual([late.mistake.code, late.canonicalRequest, late.stringToSign], ['HASH_ENCODING', canonicalRequest, base64])
  assert.match(late.mistake.title, /canonical request's hash/)
  assert.equal(reproduced(`${stringToSign}x`), null)
})

test('what sigv4-wasm computes for a request as sent equals what smithy computes, headers and presigned', async () => {
  for (const s of list.filter((x) => x.aws && x.name !== 'body-changed' && x.name !== 'header-changed')) {
    const d = await diagnoseFor(s)({ request: s.request, options: s.options })
    assert.equal(d.expected.canonicalRequest, s.aws.canonicalRequest, s.name)
    assert.deepEqual(d.causes, [])
    assert.equal(d.aws, null)
  }
  // (Not S3: S3 signs a presigned URL's payload as UNSIGNED-PAYLOAD, smithy alone the body's hash.)
  const url = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/a%20b/../c.txt?versionId=3&a=%2F'
  const options = { credentials: CREDENTIALS, region: 'eu-west-1', service: 'execute-api', signingDate: SIGNING_DATE }
  const signer = smithySigner(options)
  let canonicalRequest
  const create = signer.createCanonicalRequest.bind(signer)
  signer.createCanonicalRequest = (...a) => (canonicalRequest = create(...a))
  const presigned = await signer.presign(toSmithyRequest({ method: 'GET', url, headers: [] }), { signingDate: SIGNING_DATE, expiresIn: 600 })
  const query = Object.entries(presigned.query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
  const d = await diagnose({ request: { method: 'GET', url: `${url.split('?')[0]}?${query}` }, options: { credentials: CREDENTIALS } })
  assert.equal(d.expected.canonicalRequest, canonicalRequest)
})

// (That the default entry alone refuses SigV4a with ERR_V4A_ENTRY is
// v4a.test.js's, in a process of its own.)
test('SigV4a: each candidate is verified with the credentials\' public key', async () => {
  const s = list.find((x) => x.v4a)
  const d = await v4aEntry.diagnose({ request: s.request, options: s.options, awsError: s.errorBody })
  assert.equal(d.ours.label, 'your signer (reconstructed)')
  assert.deepEqual(d.diff.canonicalRequest.filter((l) => l.kind !== 'same').map((l) => l.label), ['query'])
  assert.equal(d.signatures.expected, null, 'no expected ECDSA signature: they differ from signer to signer')
  // Another key pair reproduces nothing.
  const other = await v4aEntry.diagnose({ request: s.request, options: { credentials: { ...s.options.credentials, secretAccessKey: 'another-secret' } }, awsError: s.errorBody })
  assert.equal(other.causes[0].code, 'UNKNOWN')
})

test('without credentials: what the texts show is still named; a reproduction is asked for', async () => {
  const body = list.find((x) => x.name === 'body-changed')
  const d1 = await diagnose({ request: body.request, awsError: body.errorBody, options: {} })
  assert.equal(d1.causes[0].code, 'BODY_CHANGED')
  const path = list.find((x) => x.name === 'path-encoded-once')
  const d2 = await diagnose({ request: path.request, awsError: path.errorBody })
  assert.equal(d2.causes[0].code, 'UNKNOWN')
  assert.match(d2.causes[0].detail, /credentials/)
  assert.equal(d2.signatures.expected, null)
  const d3 = await diagnose({ request: path.request, awsError: path.errorBody, options: { credentials: { accessKeyId: CREDENTIALS.accessKeyId } } })
  assert.equal(d3.causes[0].code, 'UNKNOWN', 'an access key id alone is no credentials')
  // A provider, as createSignedFetch() takes one.
  const d4 = await diagnose({ request: path.request, awsError: path.errorBody, options: { credentials: async () => CREDENTIALS } })
  assert.equal(d4.causes[0].code, 'PATH_ENCODED_ONCE')
})

test('a signature from the wrong scope: the region the host names is the one that counts', async () => {
  const url = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items'
  const req = { method: 'GET', url, headers: [] }
  const theirs = await smithyComputes(req, { credentials: CREDENTIALS, region: 'us-east-1', service: 'execute-api', signingDate: SIGNING_DATE })
  const aws = theirs // AWS computes with the scope the request claims
  const request = { ...req, headers: Object.entries(theirs.headers).filter(([n]) => n !== 'host') }
  const awsError = JSON.stringify({ message: `The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n'${aws.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${aws.stringToSign}'\n` })
  const d = await diagnose({ request, options: { credentials: CREDENTIALS }, awsError })
  assert.ok(d.causes.some((c) => c.code === 'WRONG_REGION' && /eu-west-1/.test(c.detail)), JSON.stringify(d.causes))
})

test('no error body: ours only, as explain() gives it', async () => {
  const request = { method: 'POST', url: 'https://sqs.us-east-2.amazonaws.com/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=ListQueues' }
  const options = { credentials: CREDENTIALS, signingDate: SIGNING_DATE }
  const d = await diagnose({ request, options })
  const e = explain(request, options)
  assert.equal(d.expected.canonicalRequest, e.canonicalRequest)
  assert.equal(d.expected.stringToSign, e.stringToSign)
  assert.deepEqual([d.causes, d.aws, d.error], [[], null, null])
})

test('bad input is a SigV4Error; any error body text is read, as written', async () => {
  await assert.rejects(diagnose(), SigV4Error)
  await assert.rejects(diagnose({ request: { url: 'not a url' } }), (e) => e instanceof SigV4Error && e.code === 'ERR_URL')
  const request = list[0].request
  // Anything at all is read without throwing (parseAwsError has no error of
  // its own), as one of its formats.
  fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('<Error>', '{"message":')), (text) => {
    assert.ok(['s3-xml', 'xml', 'json', 'text'].includes(parseAwsError(text).format))
  }), { numRuns: 500 })
  // Bytes that are not hex: the text element is read instead.
  assert.equal(parseAwsError('<Error><Code>X</Code><CanonicalRequest>a&amp;b</CanonicalRequest><CanonicalRequestBytes>zz</CanonicalRequestBytes></Error>').canonicalRequest, 'a&b')
  // Any canonical request AWS may print comes back as printed (XML-escaped in
  // the body), and a signature cannot be right for a text it was not made from.
  const xml = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  await fc.assert(fc.asyncProperty(fc.string({ minLength: 1 }), async (text) => {
    const d = await diagnose({ request, options: { credentials: CREDENTIALS }, awsError: `<Error><Code>SignatureDoesNotMatch</Code><CanonicalRequest>${xml(text)}</CanonicalRequest><StringToSign>AWS4-HMAC-SHA256\n${xml(text)}</StringToSign></Error>` })
    assert.equal(d.error.canonicalRequest, text)
    assert.ok(d.causes.length >= 1 && d.causes.every((c) => c.code !== 'WRONG_SECRET'), JSON.stringify(d.causes))
  }), { numRuns: 200 })
})
