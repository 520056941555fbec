// S3 POST policies: presignPost() and verifyPost().
// - the S3 documentation's POST example: its policy and signature verify
//   (our HMAC over its base64 policy is the documented signature);
// - differential: generated uploads (keys with spaces and unicode,
//   ${filename}, conditions, session tokens, regions, virtual-hosted and
//   path-style URLs) give the fields @aws-sdk/s3-presigned-post gives for
//   the same inputs and date, name for name and in order;
// - verifyPost accepts what both write, and refuses each tampering and
//   malformed form below with its code (policies signed by node:crypto
//   where the point is what is inside them);
// - presignPost's input errors.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { sdkPresign } from './support/sdk-post.mjs'
import { presignPost, verifyPost, SigV4Error } from '../../js/index.js'
import { makeRng } from './support/gen.mjs'
import { read } from './support/vectors.mjs'

const RUNS = Number(process.env.SIGV4_POST_RUNS || 150)
const FILENAME = '${filename}'
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'sa-east-1', 'ca-central-1']
const UNICODE = ['é', 'ü', 'ß', 'ሴ', '中', '😀', ' ', '+', '%', '&', '"', '\\', '/', '~', '=']
const lookup = (...known) => async (id) => known.find((c) => c.accessKeyId === id) || null

// S3's signature of a policy, by node:crypto: HMAC-SHA256 chain to the
// signing key, then over the policy's base64.
function nodeSignature (secret, day, region, service, policy) {
  let k = `AWS4${secret}`
  for (const part of [day, region, service, 'aws4_request']) k = createHmac('sha256', k).update(part).digest()
  return createHmac('sha256', k).update(policy).digest('hex')
}

test('the S3 documentation\'s POST example: its signature is ours over its policy, and the form verifies', async () => {
  const doc = JSON.parse(read('s3-doc-examples.json')).examples.find((e) => e.kind === 'POST policy')
  const { request: req, expected } = doc
  const creds = { accessKeyId: doc.credentials.access_key_id, secretAccessKey: doc.credentials.secret_access_key }
  assert.equal(Buffer.from(req.policy_json_utf8).toString('base64'), expected.policy_base64)
  assert.equal(nodeSignature(creds.secretAccessKey, '20151229', doc.region, doc.service, expected.policy_base64), expected.signature)
  const fields = [...req.form_fields, ['Policy', expected.policy_base64], ['X-Amz-Signature', expected.signature]]
  const options = { credentials: lookup(creds), region: doc.region, bucket: 'sigv4examplebucket', now: Date.parse(doc.timestamp), filename: 'C:\\photos\\cat.jpg' }
  const result = await verifyPost(fields, options)
  assert.equal(result.valid, true, JSON.stringify(result))
  assert.equal(result.key, 'user/user1/cat.jpg')
  assert.equal(result.accessKeyId, creds.accessKeyId)
  assert.equal(result.expiresAt.toISOString(), '2015-12-30T12:00:00.000Z')
  assert.equal(result.fields['content-type'], 'image/jpeg')
  // One digit of the documented signature changed.
  const flipped = fields.map(([n, v]) => [n, n === 'X-Amz-Signature' ? `${v.slice(0, -1)}${v.endsWith('e') ? 'f' : 'e'}` : v])
  assert.equal((await verifyPost(flipped, options)).code, 'ERR_SIGNATURE_MISMATCH')
})

// One generated upload: presignPost's and the SDK's inputs, and the form
// fields a browser adds to meet the conditions.
function genUpload (rng, i) {
  const region = rng.pick(REGIONS)
  const bucket = `b${i}-${Math.floor(rng() * 1e9).toString(36)}`
  let key = `k${i}/`
  for (let n = rng.int(0, 6); n > 0; n--) key += rng.chance(0.4) ? rng.pick(UNICODE) : String.fromCharCode(rng.int(0x21, 0x7e))
  if (rng.chance(0.4)) key += FILENAME
  const conditions = []
  const extra = {}
  if (rng.chance(0.6)) conditions.push(['content-length-range', rng.int(0, 10), rng.int(10, 1e7)])
  if (rng.chance(0.5)) {
    conditions.push(['starts-with', '$Content-Type', rng.pick(['image/', 'text/', ''])])
    extra['Content-Type'] = `${conditions.at(-1)[2]}x${rng.pick(UNICODE)}`
  }
  if (rng.chance(0.3)) {
    conditions.push(['eq', '$x-amz-meta-note', `n ${rng.pick(UNICODE)}`])
    extra['x-amz-meta-note'] = conditions.at(-1)[2]
  }
  if (rng.chance(0.3)) {
    conditions.push({ 'x-amz-storage-class': 'STANDARD_IA' })
    extra['x-amz-storage-class'] = 'STANDARD_IA'
  }
  if (rng.chance(0.2)) conditions.push(['starts-with', '$success_action_redirect', ''])
  const fields = {}
  if (rng.chance(0.5)) fields.acl = rng.pick(['private', 'public-read', 'bucket-owner-full-control'])
  if (rng.chance(0.4)) fields['x-amz-meta-user'] = `u${rng.pick(UNICODE)}${rng.pick(UNICODE)}`
  if (rng.chance(0.3)) fields.success_action_status = '201'
  if (conditions.some((c) => c[1] === '$success_action_redirect')) extra.success_action_redirect = 'https://example.com/done?x=1'
  const credentials = { accessKeyId: `AKID${i}`, secretAccessKey: `secret/${i}+${rng.pick(UNICODE)}` }
  if (rng.chance(0.5)) credentials.sessionToken = `token-${i}-${'x'.repeat(rng.int(1, 400))}`
  const pathStyle = rng.chance(0.3)
  const url = pathStyle ? `https://s3.${region}.amazonaws.com/${bucket}` : `https://${bucket}.s3.${region}.amazonaws.com/`
  // Any millisecond between 2015 and 2034: the SDK drops them, as S3's dates have none.
  const ms = Date.UTC(2015, 0, 1) + Math.floor(rng() * 20 * 365.25 * 86400e3)
  const expiresIn = rng.pick([1, 60, 3600, 86400, 604800])
  const length = conditions.find((c) => c[0] === 'content-length-range')?.[1] ?? 5
  return { region, bucket, key, conditions, fields, extra, credentials, pathStyle, url, ms, expiresIn, length }
}

test(`differential: presignPost's url and fields are @aws-sdk/s3-presigned-post's (${RUNS} generated uploads), and both verify`, async () => {
  const rng = makeRng('presignPost')
  let tokens = 0
  let prefixes = 0
  for (let i = 0; i < RUNS; i++) {
    const u = genUpload(rng, i)
    const ours = presignPost({ url: u.url, key: u.key, conditions: u.conditions, fields: u.fields, expiresIn: u.expiresIn },
      { credentials: u.credentials, signingDate: u.ms })
    const theirs = await sdkPresign(u)
    const what = `case ${i}: ${JSON.stringify({ ...u, credentials: undefined })}`
    assert.equal(ours.url, theirs.url, what)
    assert.deepEqual(Object.entries(ours.fields), Object.entries(theirs.fields), what)
    tokens += u.credentials.sessionToken ? 1 : 0
    prefixes += u.key.endsWith(FILENAME) ? 1 : 0
    const form = [...Object.entries(theirs.fields), ...Object.entries(u.extra)]
    const result = await verifyPost(form, {
      credentials: lookup(u.credentials), region: u.region, now: u.ms + 1000, contentLength: u.length, filename: 'a b/é.txt',
    })
    assert.equal(result.valid, true, `${what}: ${result.message}`)
    assert.equal(result.key, u.key.split(FILENAME).join('é.txt'))
    assert.equal(result.bucket, u.bucket)
  }
  assert.ok(tokens > RUNS / 4 && prefixes > RUNS / 5, `${tokens} with session tokens, ${prefixes} with \${filename}`)
})

// A signed form to tamper with, and the options that accept it.
const CREDS = { accessKeyId: 'AKIDPOSTTEST', secretAccessKey: 'post/test+secret', sessionToken: 'the-session-token' }
const SIGNED_AT = Date.UTC(2026, 1, 3, 4, 5, 6)
function signedForm (over = {}, signOver = {}) {
  const { url, fields } = presignPost({
    url: 'https://uploads.s3.eu-west-1.amazonaws.com/',
    key: `users/7/${FILENAME}`,
    conditions: [['content-length-range', 10, 1000], ['starts-with', '$Content-Type', 'image/'], { acl: 'private' }],
    fields: { acl: 'private' },
    expiresIn: 600,
    ...over,
  }, { credentials: CREDS, signingDate: SIGNED_AT, ...signOver })
  return { url, fields: { ...fields, 'Content-Type': 'image/png' } }
}
const ACCEPT = { credentials: lookup(CREDS), region: 'eu-west-1', now: SIGNED_AT + 5000, contentLength: 100, filename: 'cat.png', bucket: 'uploads' }

// A form whose policy is `doc` (JSON text, or a string taken as the base64
// itself), signed by node:crypto with CREDS for eu-west-1.
function nodeSignedForm (doc) {
  const { fields } = signedForm()
  const policy = typeof doc === 'string' && !doc.startsWith('{') ? doc : Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)).toString('base64')
  return { ...fields, Policy: policy, 'X-Amz-Signature': nodeSignature(CREDS.secretAccessKey, '20260203', 'eu-west-1', 's3', policy) }
}
const decoded = (fields) => JSON.parse(Buffer.from(fields.Policy, 'base64').toString())

test('verifyPost accepts a signed form, with the fields S3 would store', async () => {
  const { fields } = signedForm()
  const result = await verifyPost(fields, ACCEPT)
  assert.deepEqual(result, {
    valid: true,
    accessKeyId: CREDS.accessKeyId,
    region: 'eu-west-1',
    service: 's3',
    bucket: 'uploads',
    key: 'users/7/cat.png',
    fields: {
      acl: 'private',
      bucket: 'uploads',
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-credential': `${CREDS.accessKeyId}/20260203/eu-west-1/s3/aws4_request`,
      'x-amz-date': '20260203T040506Z',
      'x-amz-security-token': CREDS.sessionToken,
      key: 'users/7/cat.png',
      'content-type': 'image/png',
    },
    sessionToken: CREDS.sessionToken,
    expiresAt: new Date(SIGNED_AT - 6000 + 600000 + 6000),
  })
  // FormData with the file: its size and name come from it.
  const form = new FormData()
  for (const [n, v] of Object.entries(fields)) form.append(n, v)
  form.append('x-ignore-tracking', 'anything')
  form.append('file', new Blob(['x'.repeat(50)]), 'dir\\dog.png')
  const { contentLength, filename, ...rest } = ACCEPT
  const viaForm = await verifyPost(form, rest)
  assert.equal(viaForm.valid, true, viaForm.message)
  assert.equal(viaForm.key, 'users/7/dog.png')
  // Valid through the second of its expiration, refused from the next.
  assert.equal((await verifyPost(fields, { ...ACCEPT, now: SIGNED_AT + 600999 })).valid, true)
  // An endpoint that accepts several regions and services.
  assert.equal((await verifyPost(fields, { ...ACCEPT, region: ['us-east-1', 'eu-west-1'], service: ['s3', 's3-object-lambda'] })).valid, true)
})

// Each case: what is done to the signed form (or options), the code, and
// what the message must name.
const REFUSED = [
  ['policy changed (a later expiration)', (f) => { f.Policy = Buffer.from(JSON.stringify({ ...decoded(f), expiration: '2030-01-01T00:00:00Z' })).toString('base64') }, 'ERR_SIGNATURE_MISMATCH'],
  ['policy changed (a condition dropped)', (f) => { const d = decoded(f); d.conditions.shift(); f.Policy = Buffer.from(JSON.stringify(d)).toString('base64') }, 'ERR_SIGNATURE_MISMATCH'],
  ['signature: one digit changed', (f) => { f['X-Amz-Signature'] = f['X-Amz-Signature'].replace(/^./, (c) => (c === '0' ? '1' : '0')) }, 'ERR_SIGNATURE_MISMATCH'],
  ['signature upper-cased', (f) => { f['X-Amz-Signature'] = f['X-Amz-Signature'].toUpperCase() }, 'ERR_SIGNATURE_MISMATCH'],
  ['signature truncated', (f) => { f['X-Amz-Signature'] = f['X-Amz-Signature'].slice(0, 63) }, 'ERR_SIGNATURE_MISMATCH'],
  ['signature empty', (f) => { f['X-Amz-Signature'] = '' }, 'ERR_SIGNATURE_MISMATCH'],
  ['signed with another secret', (f) => Object.assign(f, signedForm({}, { credentials: { ...CREDS, secretAccessKey: 'other' } }).fields), 'ERR_SIGNATURE_MISMATCH'],
  ['expired', null, 'ERR_EXPIRED', { now: SIGNED_AT + 601000 }],
  ['x-amz-date further ahead than the skew', null, 'ERR_NOT_YET_VALID', { now: SIGNED_AT - 901000 }],
  ['wrong region', null, 'ERR_WRONG_REGION', { region: 'us-east-1' }, /eu-west-1/],
  ['wrong service', (f) => Object.assign(f, signedForm({}, { service: 'execute-api' }).fields), 'ERR_WRONG_SERVICE', {}, /execute-api/],
  ['unknown access key', null, 'ERR_UNKNOWN_KEY', { credentials: async () => null }],
  ['session token missing', (f) => { delete f['X-Amz-Security-Token'] }, 'ERR_SESSION_TOKEN'],
  ['session token of another session', (f) => { f['X-Amz-Security-Token'] = 'stolen' }, 'ERR_SESSION_TOKEN'],
  ['credential with four parts', (f) => { f['X-Amz-Credential'] = `${CREDS.accessKeyId}/20260203/eu-west-1/s3` }, 'ERR_CREDENTIAL'],
  ['credential not ending aws4_request', (f) => { f['X-Amz-Credential'] = `${CREDS.accessKeyId}/20260203/eu-west-1/s3/aws4_requests` }, 'ERR_CREDENTIAL'],
  ['credential date not a date', (f) => { f['X-Amz-Credential'] = `${CREDS.accessKeyId}/20260230/eu-west-1/s3/aws4_request` }, 'ERR_CREDENTIAL'],
  ['x-amz-date of another day than the credential', (f) => { f['X-Amz-Date'] = '20260204T040506Z' }, 'ERR_SCOPE_DATE'],
  ['x-amz-date changed within the day (its condition fails)', (f) => { f['X-Amz-Date'] = '20260203T040507Z' }, 'ERR_POLICY_CONDITION', {}, /x-amz-date/],
  ['x-amz-date malformed', (f) => { f['X-Amz-Date'] = '2026-02-03T04:05:06Z' }, 'ERR_AUTH'],
  ['SigV4a algorithm', (f) => { f['X-Amz-Algorithm'] = 'AWS4-ECDSA-P256-SHA256' }, 'ERR_AUTH'],
  ['no signature', (f) => { delete f['X-Amz-Signature'] }, 'ERR_AUTH', {}, /x-amz-signature/],
  ['no policy, no signature', (f) => { delete f['X-Amz-Signature']; delete f.Policy }, 'ERR_NOT_SIGNED'],
  ['a field twice (names differ in case)', (f) => { f.ACL = 'public-read' }, 'ERR_AUTH', {}, /acl/],
  ['a field not text', (f) => { f.acl = new Blob(['private']) }, 'ERR_AUTH', {}, /acl/],
  ['Content-Type outside its starts-with', (f) => { f['Content-Type'] = 'text/html' }, 'ERR_POLICY_CONDITION', {}, /content-type/],
  ['exact-match field changed', (f) => { f.acl = 'public-read' }, 'ERR_POLICY_CONDITION', {}, /acl/],
  ['key outside its prefix', (f) => { f.key = 'users/8/cat.png' }, 'ERR_POLICY_CONDITION', {}, /key/],
  ['a field no condition covers', (f) => { f['x-amz-website-redirect-location'] = '/evil' }, 'ERR_POLICY_CONDITION', {}, /x-amz-website-redirect-location/],
  ['a condition\'s field missing', (f) => { delete f['Content-Type'] }, 'ERR_POLICY_CONDITION', {}, /content-type/],
  ['no key field', (f) => { delete f.key }, 'ERR_POLICY_CONDITION', {}, /key/],
  ['file larger than content-length-range', null, 'ERR_POLICY_CONDITION', { contentLength: 1001 }, /content-length-range/],
  ['file smaller than content-length-range', null, 'ERR_POLICY_CONDITION', { contentLength: 9 }, /content-length-range/],
  ['file size unknown', null, 'ERR_POLICY_CONDITION', { contentLength: undefined }, /content-length-range/],
  ['another bucket than the endpoint\'s', null, 'ERR_POLICY_CONDITION', { bucket: 'other' }, /bucket/],
  ['policy: base64 of something else, signed', (f) => Object.assign(f, nodeSignedForm('not json')), 'ERR_POLICY'],
  ['policy: not base64, signed', (f) => Object.assign(f, nodeSignedForm('e30*')), 'ERR_POLICY'],
  ['policy: no expiration, signed', (f) => Object.assign(f, nodeSignedForm({ conditions: [] })), 'ERR_POLICY'],
  ['policy: expiration not ISO 8601 UTC, signed', (f) => Object.assign(f, nodeSignedForm({ expiration: '2030-01-01 00:00', conditions: [] })), 'ERR_POLICY'],
  ['policy: unknown operator, signed', (f) => Object.assign(f, nodeSignedForm({ expiration: '2030-01-01T00:00:00Z', conditions: [['ends-with', '$key', 'x']] })), 'ERR_POLICY'],
  ['policy: range of strings, signed', (f) => Object.assign(f, nodeSignedForm({ expiration: '2030-01-01T00:00:00Z', conditions: [['content-length-range', '1', '9']] })), 'ERR_POLICY'],
  ['policy: range with its minimum above its maximum, signed', (f) => Object.assign(f, nodeSignedForm({ expiration: '2030-01-01T00:00:00Z', conditions: [['content-length-range', 9, 1]] })), 'ERR_POLICY'],
  ['policy: field without $, signed', (f) => Object.assign(f, nodeSignedForm({ expiration: '2030-01-01T00:00:00Z', conditions: [['eq', 'key', 'x']] })), 'ERR_POLICY'],
  ['policy: empty conditions, signed (its fields are not covered)', (f) => Object.assign(f, nodeSignedForm({ expiration: '2030-01-01T00:00:00Z', conditions: [] })), 'ERR_POLICY_CONDITION'],
]

// presignPost checks each condition's shape and operator, as S3 reads them;
// what its values say (a range's bounds, a field's $) S3 checks at upload,
// and so does verifyPost.
test('presignPost writes the values of a condition as given; verifyPost refuses a policy S3 would', async () => {
  const { fields } = signedForm({ conditions: [['content-length-range', 1000, 10], ['eq', 'key', 'x']] })
  assert.deepEqual(decoded(fields).conditions.slice(0, 2), [['content-length-range', 1000, 10], ['eq', 'key', 'x']])
  assert.equal((await verifyPost(fields, ACCEPT)).code, 'ERR_POLICY')
})

test(`verifyPost refuses ${REFUSED.length} tampered or malformed forms, each with its code`, async () => {
  const seen = new Set()
  for (const [what, change, code, options = {}, names] of REFUSED) {
    const { fields } = signedForm()
    if (change) change(fields)
    const result = await verifyPost(fields, { ...ACCEPT, ...options })
    assert.equal(result.valid, false, what)
    assert.equal(result.code, code, `${what}: ${result.message}`)
    if (names) assert.match(result.message, names, what)
    assert.ok(!result.message.includes(CREDS.secretAccessKey), what)
    assert.deepEqual(Object.keys(result), ['valid', 'code', 'message'], what)
    seen.add(code)
  }
  assert.equal(seen.size, 13)
})

test('presignPost: its input errors', () => {
  const credentials = { accessKeyId: 'A', secretAccessKey: 'S' }
  const cases = [
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/' }, { credentials }, 'ERR_OPTION', /key/],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', Expires: 60 }, { credentials }, 'ERR_OPTION', /expiresIn/],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k' }, { credentials, expiresIn: 60 }, 'ERR_OPTION', /expiresIn/],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', expiresIn: 604801 }, { credentials }, 'ERR_EXPIRES'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', expiresIn: 0 }, { credentials }, 'ERR_EXPIRES'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', conditions: [['ends-with', '$key', 'x']] }, { credentials }, 'ERR_POLICY'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', conditions: [['content-length-range', 10]] }, { credentials }, 'ERR_POLICY'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', conditions: [null] }, { credentials }, 'ERR_POLICY'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', conditions: { acl: 'private' } }, { credentials }, 'ERR_POLICY'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', fields: { Policy: 'x' } }, { credentials }, 'ERR_OPTION'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', fields: { 'x-amz-date': '20260101T000000Z' } }, { credentials }, 'ERR_OPTION'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k', fields: { 'success_action_status': 201 } }, { credentials }, 'ERR_OPTION'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/k', key: 'k' }, { credentials }, 'ERR_OPTION', /bucket/],
    [{ url: 'http://localhost:9000/b', key: 'k' }, { credentials }, 'ERR_INFER', /region/],
    [{ url: 'https://x.mrap.accesspoint.s3-global.amazonaws.com/', key: 'k' }, { credentials }, 'ERR_INFER', /SigV4a/],
    [{ url: 'not a url', key: 'k' }, { credentials }, 'ERR_URL'],
    [{ url: 'https://b.s3.eu-west-1.amazonaws.com/', key: 'k' }, {}, 'ERR_CREDENTIALS'],
  ]
  for (const [params, options, code, names] of cases) {
    assert.throws(() => presignPost(params, options), (e) => e instanceof SigV4Error && e.code === code && (!names || names.test(e.message)),
      JSON.stringify(params))
  }
  // A host that says nothing of its region, with one given; the bucket as given.
  const own = presignPost({ url: 'http://localhost:9000/', bucket: 'b', key: 'k' }, { credentials, region: 'auto', signingDate: SIGNED_AT })
  assert.equal(own.fields.bucket, 'b')
  assert.equal(own.fields['X-Amz-Credential'], 'A/20260203/auto/s3/aws4_request')
})
