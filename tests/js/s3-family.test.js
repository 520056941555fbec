// S3 and its relatives sign by S3's rules (the path as sent, encoded once,
// not normalised; x-amz-content-sha256 signed), whatever host they are
// reached by. The services and hosts are written out here, not read from
// the signer's own table (SIGV4_SERVICES in src/sigv4.h): a wrong name
// there (it once said "s3-express" for S3 Express's "s3express") must fail
// this test, not be copied into it. smithy, configured as the AWS SDK's S3
// client configures it, is the independent oracle.
import test from 'node:test'
import assert from 'node:assert/strict'
import { sign, presign, explain } from '../../js/index.js'
import { inferScope } from '../../js/infer.js'
import { smithySigner } from './support/smithy.mjs'
import { toSmithyRequest } from './support/gen.mjs'

// Signing names that take S3's rules (the AWS SDK's S3, S3 Control, S3
// Express, S3 Outposts and S3 Object Lambda clients).
const S3_FAMILY = ['s3', 's3express', 's3-outposts', 's3-object-lambda']

// Every kind of host inferScope maps to one of them.
const HOSTS = [
  ['s3.amazonaws.com', 's3'],
  ['bucket.s3.amazonaws.com', 's3'],
  ['bucket.s3.eu-west-1.amazonaws.com', 's3'],
  ['bucket.s3.dualstack.eu-west-1.amazonaws.com', 's3'],
  ['bucket.s3-accelerate.amazonaws.com', 's3'],
  ['s3-eu-west-1.amazonaws.com', 's3'],
  ['s3-external-1.amazonaws.com', 's3'],
  ['s3-fips.us-east-1.amazonaws.com', 's3'],
  ['s3-fips-us-gov-west-1.amazonaws.com', 's3'],
  ['s3.cn-north-1.amazonaws.com.cn', 's3'],
  ['bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com', 's3'],
  ['myap-123456789012.s3-accesspoint.us-west-2.amazonaws.com', 's3'],
  ['123456789012.s3-control.us-west-2.amazonaws.com', 's3'],
  ['myolap-123456789012.s3-object-lambda.us-west-2.amazonaws.com', 's3-object-lambda'],
  ['myaccesspoint-123456789012.op-01234567890123456.s3-outposts.us-west-2.amazonaws.com', 's3-outposts'],
  ['bucket--usw2-az1--x-s3.s3express-usw2-az1.us-west-2.amazonaws.com', 's3express'],
  ['s3express-control.us-west-2.amazonaws.com', 's3express'],
  ['account.r2.cloudflarestorage.com', 's3'],
  ['bucket.s3.us-west-004.backblazeb2.com', 's3'],
]

// smithy's presigned signature over UNSIGNED-PAYLOAD, as the AWS SDK's S3
// presigner gets it: the marker given as x-amz-content-sha256, neither
// hoisted into the query nor signed.
async function smithyPresigned (signer, url, headers = []) {
  const req = toSmithyRequest({ method: 'GET', url, headers: [...headers, ['x-amz-content-sha256', 'UNSIGNED-PAYLOAD']] })
  const keep = new Set(['x-amz-content-sha256'])
  const signed = await signer.presign(req, { signingDate, expiresIn: 3600, unhoistableHeaders: keep, unsignableHeaders: keep })
  return signed.query['X-Amz-Signature']
}

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const signingDate = new Date('2026-12-02T10:00:00Z')
// The URL parser keeps '//' and '%20' as they are: S3 signs them as they
// are, other services collapse '//' and encode '%' again.
const PATH = '/a%20b//c'

for (const [host, service] of HOSTS) {
  test(`${host} signs as ${service} with S3's rules`, async () => {
    const url = `https://${host}${PATH}`
    const scope = inferScope(url)
    assert.equal(scope.service, service)
    assert.ok(S3_FAMILY.includes(scope.service))
    const req = { method: 'PUT', url, body: 'hello' }
    const creq = explain(req, { credentials, signingDate }).canonicalRequest.split('\n')
    assert.equal(creq[1], PATH, 'the path as sent: not normalised, not encoded again')
    assert.match(creq.at(-2), /(^|;)x-amz-content-sha256(;|$)/)
    const ours = sign(req, { credentials, signingDate })
    const smithyReq = toSmithyRequest({ method: 'PUT', url, headers: [], body: 'hello' })
    const theirs = await smithySigner({ credentials, ...scope, s3: true }).sign(smithyReq, { signingDate })
    assert.equal(ours.headers.authorization, theirs.headers.authorization)
    assert.equal(ours.headers['x-amz-content-sha256'], theirs.headers['x-amz-content-sha256'])
    // Presigned: UNSIGNED-PAYLOAD, as S3 signs presigned URLs.
    const url2 = new URL(presign({ method: 'GET', url }, { credentials, signingDate }))
    assert.equal(url2.searchParams.get('X-Amz-Signature'), await smithyPresigned(smithySigner({ credentials, ...scope, s3: true }), url))
  })
}

test('a service outside the S3 family keeps the default rules', () => {
  const req = { method: 'GET', url: `https://example.amazonaws.com${PATH}` }
  for (const service of ['execute-api', 's3-express', 'S3X']) {
    const creq = explain(req, { credentials, signingDate, region: 'us-east-1', service }).canonicalRequest.split('\n')
    assert.equal(creq[1], '/a%2520b/c', `${service}: normalised, encoded twice`)
    assert.doesNotMatch(creq.at(-2), /x-amz-content-sha256/)
  }
})

// S3 Express session auth: the token CreateSession returns goes in
// x-amz-s3session-token (X-Amz-S3session-Token when presigning), never in
// x-amz-security-token. The AWS SDK's S3 Express signer does exactly this
// on top of smithy's SignatureV4: the token as that header or query
// parameter, the credentials without it.
const session = { accessKeyId: 'ASIASESSIONEXAMPLE', secretAccessKey: 'c2Vzc2lvbi1zZWNyZXQtZXhhbXBsZQ', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/session+token=' }
const { sessionToken, ...noToken } = session
const express = 'https://bucket--usw2-az1--x-s3.s3express-usw2-az1.us-west-2.amazonaws.com/key%20one'

test('S3 Express session token: signed as x-amz-s3session-token', async () => {
  const ours = sign({ method: 'GET', url: express }, { credentials: session, signingDate, s3ExpressSession: true })
  assert.equal(ours.headers['x-amz-s3session-token'], sessionToken)
  assert.equal(ours.headers['x-amz-security-token'], undefined)
  assert.match(ours.headers.authorization, /SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-s3session-token,/)
  const smithyReq = toSmithyRequest({ method: 'GET', url: express, headers: [['x-amz-s3session-token', sessionToken]] })
  const theirs = await smithySigner({ credentials: noToken, region: 'us-west-2', service: 's3express', s3: true }).sign(smithyReq, { signingDate })
  assert.equal(ours.headers.authorization, theirs.headers.authorization)
})

test('S3 Express session token: presigned as X-Amz-S3session-Token', async () => {
  const url = new URL(presign({ method: 'GET', url: express }, { credentials: session, signingDate, s3ExpressSession: true }))
  assert.equal(url.searchParams.get('X-Amz-S3session-Token'), sessionToken)
  assert.equal(url.searchParams.get('X-Amz-Security-Token'), null)
  const signer = smithySigner({ credentials: noToken, region: 'us-west-2', service: 's3express', s3: true })
  const theirs = await smithyPresigned(signer, `${express}?X-Amz-S3session-Token=${encodeURIComponent(sessionToken)}`)
  assert.equal(url.searchParams.get('X-Amz-Signature'), theirs)
})

test('S3 Express session token: a header or parameter of that name given too is refused', () => {
  const options = { credentials: session, signingDate, s3ExpressSession: true }
  assert.throws(() => sign({ url: express, headers: { 'X-Amz-S3session-Token': 'x' } }, options), { code: 'ERR_HEADER_RESERVED' })
  assert.throws(() => presign({ url: `${express}?x-amz-s3session-token=x` }, options), { code: 'ERR_QUERY_RESERVED' })
  // Without the option it is an ordinary header, signed as given.
  const plain = sign({ url: express, headers: { 'x-amz-s3session-token': 'x' } }, { credentials: noToken, signingDate })
  assert.match(plain.headers.authorization, /;x-amz-s3session-token,/)
})
