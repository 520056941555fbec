import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AwsV4Signer } from 'aws4fetch'
import { inferScope } from '../../js/infer.js'

// [host or full URL, expected service, expected region] — service null means
// inferScope must return null.
const CASES = [
  // API Gateway
  ['abc123.execute-api.us-east-2.amazonaws.com', 'execute-api', 'us-east-2'],
  ['abc123.execute-api.cn-northwest-1.amazonaws.com.cn', 'execute-api', 'cn-northwest-1'],
  ['vpce-0abc-xyz.execute-api.us-east-1.vpce.amazonaws.com', 'execute-api', 'us-east-1'],
  // S3: virtual-hosted, path-style, dual-stack, accelerate, legacy dash-region
  ['bucket.s3.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['my.dotted.bucket.s3.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['bucket.s3.amazonaws.com', 's3', 'us-east-1'],
  ['s3.amazonaws.com', 's3', 'us-east-1'],
  ['s3.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['bucket.s3.dualstack.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['s3.dualstack.ap-southeast-2.amazonaws.com', 's3', 'ap-southeast-2'],
  ['bucket.s3-accelerate.amazonaws.com', 's3', 'us-east-1'],
  ['bucket.s3-accelerate.dualstack.amazonaws.com', 's3', 'us-east-1'],
  ['s3-eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['bucket.s3-eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['s3-external-1.amazonaws.com', 's3', 'us-east-1'],
  ['bucket.s3-external-1.amazonaws.com', 's3', 'us-east-1'],
  ['s3-fips.us-east-1.amazonaws.com', 's3', 'us-east-1'],
  ['bucket.s3-fips.dualstack.us-gov-west-1.amazonaws.com', 's3', 'us-gov-west-1'],
  ['s3-fips-us-gov-west-1.amazonaws.com', 's3', 'us-gov-west-1'],
  ['s3.cn-north-1.amazonaws.com.cn', 's3', 'cn-north-1'],
  ['bucket.s3.dualstack.cn-northwest-1.amazonaws.com.cn', 's3', 'cn-northwest-1'],
  ['vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com', 's3', 'us-east-1'],
  ['bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com', 's3', 'us-east-1'],
  // S3 access points, control, Object Lambda, Outposts, Express
  ['myap-123456789012.s3-accesspoint.us-west-2.amazonaws.com', 's3', 'us-west-2'],
  ['myap-123456789012.s3-accesspoint.dualstack.us-west-2.amazonaws.com', 's3', 'us-west-2'],
  ['myap-123456789012.s3-accesspoint-fips.us-east-1.amazonaws.com', 's3', 'us-east-1'],
  ['123456789012.s3-control.us-west-2.amazonaws.com', 's3', 'us-west-2'],
  ['myolap-123456789012.s3-object-lambda.us-west-2.amazonaws.com', 's3-object-lambda', 'us-west-2'],
  ['myaccesspoint-123456789012.op-01234567890123456.s3-outposts.us-west-2.amazonaws.com', 's3-outposts', 'us-west-2'],
  ['bucket--usw2-az1--x-s3.s3express-usw2-az1.us-west-2.amazonaws.com', 's3express', 'us-west-2'],
  ['s3express-control.us-west-2.amazonaws.com', 's3express', 'us-west-2'],
  // Not signable S3 hosts: website endpoints
  ['bucket.s3-website-us-east-1.amazonaws.com', null],
  ['bucket.s3-website.eu-central-1.amazonaws.com', null],
  // SigV4a only (region set '*'): multi-region access points, CloudFront
  // KeyValueStore, EventBridge global endpoints
  ['mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com', 's3', '*', 'v4a'],
  ['123456789012.cloudfront-kvs.global.api.aws', 'cloudfront-keyvaluestore', '*', 'v4a'],
  ['abcde.veo.endpoint.events.amazonaws.com', 'events', '*', 'v4a'],
  ['mrap.accesspoint.s3-global.amazonaws.com', null],
  ['12345.cloudfront-kvs.global.api.aws', null],
  // Lambda
  ['xyz.lambda-url.us-east-1.on.aws', 'lambda', 'us-east-1'],
  ['lambda.eu-central-1.amazonaws.com', 'lambda', 'eu-central-1'],
  ['foo.on.aws', null],
  // OpenSearch / OpenSearch Serverless
  ['search-domain-abc123.us-west-2.es.amazonaws.com', 'es', 'us-west-2'],
  ['vpc-domain-abc123.eu-west-1.es.amazonaws.com', 'es', 'eu-west-1'],
  ['es.us-west-2.amazonaws.com', 'es', 'us-west-2'],
  ['abc123.us-east-1.aoss.amazonaws.com', 'aoss', 'us-east-1'],
  // IoT (follows aws4fetch: control plane signs as execute-api)
  ['iot.us-east-1.amazonaws.com', 'execute-api', 'us-east-1'],
  ['a1b2c3d4e5f6g7-ats.iot.us-east-1.amazonaws.com', 'iotdata', 'us-east-1'],
  ['https://a1b2c3d4e5f6g7-ats.iot.us-east-1.amazonaws.com/mqtt', 'iotdevicegateway', 'us-east-1'],
  ['data-ats.iot.eu-west-1.amazonaws.com', 'iotdata', 'eu-west-1'],
  ['data.jobs.iot.us-east-1.amazonaws.com', 'iot-jobs-data', 'us-east-1'],
  ['abc.credentials.iot.us-east-1.amazonaws.com', null],
  // Endpoint prefix != signing name
  ['email.us-east-1.amazonaws.com', 'ses', 'us-east-1'],
  ['us-east-1.queue.amazonaws.com', 'sqs', 'us-east-1'],
  ['queue.amazonaws.com', 'sqs', 'us-east-1'],
  ['bedrock-runtime.us-east-1.amazonaws.com', 'bedrock', 'us-east-1'],
  ['git-codecommit.us-east-2.amazonaws.com', 'codecommit', 'us-east-2'],
  ['runtime.sagemaker.us-east-1.amazonaws.com', 'sagemaker', 'us-east-1'],
  ['streams.dynamodb.us-east-1.amazonaws.com', 'dynamodb', 'us-east-1'],
  // Global services
  ['iam.amazonaws.com', 'iam', 'us-east-1'],
  ['sts.amazonaws.com', 'sts', 'us-east-1'],
  ['sts.amazonaws.com.', 'sts', 'us-east-1'],
  ['route53.amazonaws.com', 'route53', 'us-east-1'],
  ['cloudfront.amazonaws.com', 'cloudfront', 'us-east-1'],
  ['iam.us-gov.amazonaws.com', 'iam', 'us-gov-west-1'],
  ['route53.amazonaws.com.cn', 'route53', 'cn-northwest-1'],
  ['iam.amazonaws.com.cn', null],
  // Generic regional, FIPS, GovCloud, China
  ['sqs.eu-central-1.amazonaws.com', 'sqs', 'eu-central-1'],
  ['dynamodb.us-west-2.amazonaws.com', 'dynamodb', 'us-west-2'],
  ['dynamodb-fips.us-gov-west-1.amazonaws.com', 'dynamodb', 'us-gov-west-1'],
  ['sqs-fips.us-east-1.amazonaws.com', 'sqs', 'us-east-1'],
  ['iam-fips.amazonaws.com', 'iam', 'us-east-1'],
  ['ec2.us-gov-east-1.amazonaws.com', 'ec2', 'us-gov-east-1'],
  ['vpce-0abc-xyz.sqs.us-east-1.vpce.amazonaws.com', 'sqs', 'us-east-1'],
  ['kinesis.cn-north-1.amazonaws.com.cn', 'kinesis', 'cn-north-1'],
  ['STS.US-WEST-2.AMAZONAWS.COM', 'sts', 'us-west-2'],
  // Dual-stack api.aws and other partitions
  ['ec2.us-east-1.api.aws', 'ec2', 'us-east-1'],
  ['lambda-fips.us-gov-west-1.api.aws', 'lambda', 'us-gov-west-1'],
  ['lambda.cn-north-1.api.amazonwebservices.com.cn', 'lambda', 'cn-north-1'],
  ['kms.eusc-de-east-1.amazonaws.eu', 'kms', 'eusc-de-east-1'],
  ['ec2.us-iso-east-1.c2s.ic.gov', 'ec2', 'us-iso-east-1'],
  ['s3.us-isob-east-1.sc2s.sgov.gov', 's3', 'us-isob-east-1'],
  ['sts.api.aws', null],
  // AWS-compatible object stores
  ['0123456789abcdef.r2.cloudflarestorage.com', 's3', 'auto'],
  ['bucket.0123456789abcdef.eu.r2.cloudflarestorage.com', 's3', 'auto'],
  ['s3.us-west-004.backblazeb2.com', 's3', 'us-west-004'],
  ['bucket.s3.eu-central-003.backblazeb2.com', 's3', 'eu-central-003'],
  ['f004.backblazeb2.com', null],
  // Not AWS
  ['example.com', null],
  ['localhost', null],
  ['http://localhost:4566/', null],
  ['127.0.0.1', null],
  ['http://127.0.0.1:8080/x', null],
  ['[::1]', null],
  ['amazonaws.com', null],
  ['us-east-1.amazonaws.com', null],
  ['evil-amazonaws.com', null],
  ['s3.amazonaws.com.evil.com', null],
  ['ec2-1-2-3-4.compute-1.amazonaws.com', null],
  ['ec2-54-1-2-3.us-west-2.compute.amazonaws.com', null],
  ['name-123.us-east-1.elb.amazonaws.com', null],
  ['mydb.abc123.us-east-1.rds.amazonaws.com', null],
  ['abc.execute-api.amazonaws.com', null],
]

const toUrl = (h) => new URL(h.includes('://') ? h : `https://${h}/`)

test('table has at least 40 hosts', () => {
  assert.ok(CASES.length >= 40, `only ${CASES.length} cases`)
})

for (const [host, service, region, v4a] of CASES) {
  test(`inferScope ${host}`, () => {
    const got = inferScope(toUrl(host))
    const want = service === null ? null : v4a ? { service, region, v4a: true } : { service, region }
    assert.deepEqual(got, want, `host ${host}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`)
  })
}

test('accepts a URL string as well as a URL object', () => {
  assert.deepEqual(inferScope('https://sqs.us-east-1.amazonaws.com/123/q'), { service: 'sqs', region: 'us-east-1' })
})

test('port, path and query do not affect the result (except IoT /mqtt)', () => {
  const u = new URL('https://bucket.s3.eu-west-1.amazonaws.com:8443/a/b?x=1')
  assert.deepEqual(inferScope(u), { service: 's3', region: 'eu-west-1' })
})

// Where aws4fetch confidently infers a scope, we must agree, except for these
// deliberate divergences (aws4fetch is wrong or guesses for these hosts).
const AWS4FETCH_DIVERGENCES = new Set([
  'bucket.s3-eu-west-1.amazonaws.com',          // aws4fetch: bucket/s3-eu-west-1
  'bucket.s3-external-1.amazonaws.com',         // aws4fetch: bucket/s3-external-1
  'myap-123456789012.s3-accesspoint.us-west-2.amazonaws.com', // aws4fetch: s3-accesspoint
  'myap-123456789012.s3-accesspoint.dualstack.us-west-2.amazonaws.com',
  'myap-123456789012.s3-accesspoint-fips.us-east-1.amazonaws.com',
  '123456789012.s3-control.us-west-2.amazonaws.com', // signing name is s3
  'bucket--usw2-az1--x-s3.s3express-usw2-az1.us-west-2.amazonaws.com', // signing name s3express
  's3express-control.us-west-2.amazonaws.com',
  'bedrock-runtime.us-east-1.amazonaws.com',    // signing name bedrock
  'route53.amazonaws.com.cn',                   // aws4fetch defaults to us-east-1
  'iam.amazonaws.com.cn',                       // not a real endpoint; aws4fetch: us-east-1
  'vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com', // aws4fetch: vpce/us-east-1
  'bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com',
  'vpce-0abc-xyz.sqs.us-east-1.vpce.amazonaws.com',
  'vpce-0abc-xyz.execute-api.us-east-1.vpce.amazonaws.com',
  'bucket.s3-website.eu-central-1.amazonaws.com', // not SigV4-signable
  'abc.credentials.iot.us-east-1.amazonaws.com',  // aws4fetch guesses iotdata
  'ec2-54-1-2-3.us-west-2.compute.amazonaws.com', // aws4fetch guesses compute
  'name-123.us-east-1.elb.amazonaws.com',         // aws4fetch guesses elb
  'mydb.abc123.us-east-1.rds.amazonaws.com',      // aws4fetch guesses rds
  'abc.execute-api.amazonaws.com',                // aws4fetch: abc/us-east-1
  'us-east-1.amazonaws.com',                      // aws4fetch: us-east-1/us-east-1
])

test('agrees with aws4fetch guessServiceRegion wherever aws4fetch is confident', () => {
  let compared = 0
  for (const [host] of CASES) {
    const url = toUrl(host).href
    const s = new AwsV4Signer({ url, accessKeyId: 'AKID', secretAccessKey: 'SECRET' })
    // aws4fetch falls back to region us-east-1 and service '' when it cannot tell.
    if (!s.service || !/^[a-z]{2,4}(-[a-z]+)+-\d+$|^auto$|^[a-z]{2}-[a-z]+-\d{3}$/.test(s.region)) continue
    if (AWS4FETCH_DIVERGENCES.has(host)) continue
    compared++
    assert.deepEqual(inferScope(new URL(url)), { service: s.service, region: s.region },
      `host ${host}: aws4fetch says ${s.service}/${s.region}`)
  }
  assert.ok(compared >= 40, `only ${compared} hosts compared with aws4fetch`)
})
