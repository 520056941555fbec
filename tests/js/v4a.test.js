// SigV4a through the JS API (sigv4-wasm/v4a, js/index.v4a.js):
// - the aws-c-auth v4a suite, header and query: canonical request and
//   string to sign byte for byte, our signature and the suite's verifying
//   (node:crypto) under the case's public key, which publicKey() gives;
// - generated requests against two independent signers: AWS's own C
//   implementation (aws-crt: its signature verifies over our string to
//   sign, with node:crypto and with our own verifier, and its verifier
//   accepts our canonical request and signature) and @smithy/signature-v4a
//   (its signature verifies, both ways, over our string to sign, so its
//   canonical request is ours);
// - the default entry refuses SigV4a with ERR_V4A_ENTRY (in a child
//   process: this one has the v4a entry loaded).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash, createPublicKey, verify as ecVerify } from 'node:crypto'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import crt from 'aws-crt'
import { SignatureV4a } from '@smithy/signature-v4a'
import { Sha256 } from '@aws-crypto/sha256-js'
import { sign, presign, explain, publicKey } from '../../js/index.v4a.js'
import { ready } from '../../js/core.js'
import { verifyV4aSignature } from '../../js/signer.js'
import { suiteInput } from './support/suite-cases.mjs'
import { read, listCases, exists } from './support/vectors.mjs'
import { makeRng, genRequest, toSmithyRequest } from './support/gen.mjs'

const V4A = 'AWS4-ECDSA-P256-SHA256'
const DIR = 'aws-c-auth/v4a'
const sha = (s) => createHash('sha256').update(s).digest('hex')

function keyOf (pointHex) {
  const p = Buffer.from(pointHex, 'hex')
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: p.subarray(1, 33).toString('base64url'), y: p.subarray(33).toString('base64url') }, format: 'jwk' })
}
const verifies = (key, sts, sigHex) => ecVerify('sha256', Buffer.from(sts), { key, dsaEncoding: 'der' }, Buffer.from(sigHex, 'hex'))
// Our own verifier (the C core's sigv4a_verify, in sigv4a.wasm).
const oursVerifies = (pointHex, sts, sigHex) => verifyV4aSignature(ready(true), pointHex, sts, sigHex)

const cases = listCases(DIR).filter((c) => exists(DIR, c, 'header-canonical-request.txt'))

test('aws-c-auth v4a: all 38 complete cases are there', () => assert.equal(cases.length, 38))

for (const name of cases) {
  for (const mode of ['header', 'query']) {
    test(`${DIR} ${name} (${mode})`, () => {
      const { request, options, ctx } = suiteInput(DIR, name, mode)
      const opts = { ...options, algorithm: V4A, regionSet: ctx.region }
      const pk = JSON.parse(read(DIR, name, 'public-key.json'))
      const point = `04${pk.X}${pk.Y}`
      assert.equal(publicKey(opts.credentials), point)
      const why = explain(request, opts)
      assert.equal(why.canonicalRequest, read(DIR, name, `${mode}-canonical-request.txt`))
      assert.equal(why.stringToSign, read(DIR, name, `${mode}-string-to-sign.txt`))
      const key = keyOf(point)
      assert.ok(verifies(key, why.stringToSign, why.signature), 'our signature verifies')
      const suiteSig = read(DIR, name, `${mode}-signature.txt`).trim()
      assert.ok(verifies(key, why.stringToSign, suiteSig), "the suite's signature verifies")
      assert.ok(oursVerifies(point, why.stringToSign, suiteSig), "the suite's signature verifies with our verifier")
      assert.ok(oursVerifies(point, why.stringToSign, why.signature), 'ours verifies with our verifier')
      assert.ok(!oursVerifies(point, why.stringToSign.replace('\n', '\r'), suiteSig), 'a changed string to sign does not')
      if (mode === 'header') {
        const signed = sign(request, opts)
        assert.equal(signed.headers['x-amz-region-set'], ctx.region)
        assert.equal(signed.headers.authorization, why.authorization)
        assert.match(signed.headers.authorization, new RegExp(`^${V4A} Credential=${opts.credentials.accessKeyId}/\\d{8}/${ctx.service}/aws4_request, `))
      } else {
        const url = new URL(presign(request, opts))
        assert.equal(url.searchParams.get('X-Amz-Region-Set'), ctx.region)
        assert.equal(url.searchParams.get('X-Amz-Signature'), why.signature)
      }
    })
  }
}

// Generated requests in the shape both oracles take: no body hashing
// questions (the payload hash is given), the header policy aws-c-auth
// has (it signs every header but user-agent, x-amzn-trace-id and expect).
function generated (seed, count) {
  const rng = makeRng(seed)
  const out = []
  while (out.length < count) {
    const { region, service, ...req } = genRequest(rng)
    const body = req.body ?? ''
    const regionSet = [region, '*', `${region},us-west-2`][out.length % 3]
    const s3 = service === 's3'
    out.push({
      req: { ...req, body },
      options: {
        credentials: { accessKeyId: 'AKIDV4ADIFF', secretAccessKey: `secret/${out.length % 5}+key` },
        service, algorithm: V4A, regionSet, signingDate: new Date(Date.UTC(2026, 11, 2, 10, 0, out.length % 60)),
        payloadHash: sha(body), signContentSha256: false, queryFormEncoded: false,
        signAllHeaders: true, unsignableHeaders: ['user-agent', 'x-amzn-trace-id', 'expect'],
        normalizePath: !s3, doubleEncodePath: !s3,
      },
      s3,
    })
  }
  return out
}

function crtRequest (r) {
  const u = new URL(r.req.url)
  const headers = new crt.http.HttpHeaders([['host', u.host], ...r.req.headers])
  return new crt.http.HttpRequest(r.req.method, `${u.pathname}${u.search}`, headers)
}

function crtConfig (r, signatureType = crt.auth.AwsSignatureType.HttpRequestViaHeaders) {
  const c = r.options.credentials
  return {
    algorithm: crt.auth.AwsSigningAlgorithm.SigV4Asymmetric,
    signature_type: signatureType,
    provider: crt.auth.AwsCredentialsProvider.newStatic(c.accessKeyId, c.secretAccessKey),
    region: r.options.regionSet,
    service: r.options.service,
    date: r.options.signingDate,
    use_double_uri_encode: !r.s3,
    should_normalize_uri_path: !r.s3,
    signed_body_value: r.options.payloadHash,
    signed_body_header: crt.auth.AwsSignedBodyHeaderType.None,
    expiration_in_seconds: 900,
  }
}

test('1,000 generated requests: aws-crt (aws-c-auth) and sigv4-wasm accept each other\'s SigV4a signatures', async (t) => {
  const failures = []
  const rs = generated('v4a aws-crt', 1000)
  let refused = 0
  for (const [i, r] of rs.entries()) {
    const why = explain(r.req, r.options)
    const point = publicKey(r.options.credentials)
    const x = point.slice(2, 66)
    const y = point.slice(66)
    // Theirs over our string to sign. aws-c-http's URI parser refuses
    // some generated paths ("/@v:/..." is read as an authority): counted.
    let signed
    try {
      signed = await crt.auth.aws_sign_request(crtRequest(r), crtConfig(r))
    } catch (e) {
      if (!/MALFORMED_INPUT_STRING/.test(e.message)) throw e
      refused++
      continue
    }
    const auth = signed.headers.get('authorization')
    const theirSig = /Signature=([0-9a-f]+)/.exec(auth)[1]
    const oursPrefix = why.authorization.slice(0, why.authorization.indexOf('Signature='))
    const ok1 = auth.startsWith(oursPrefix) && verifies(keyOf(point), why.stringToSign, theirSig) &&
      oursVerifies(point, why.stringToSign, theirSig)
    // Ours, checked by aws-c-auth's verifier against its own canonical request.
    let ok2
    try {
      ok2 = crt.auth.aws_verify_sigv4a_signing(crtRequest(r), crtConfig(r), why.canonicalRequest, why.signature, x, y)
    } catch (e) {
      ok2 = e.message // a canonical request that is not aws-c-auth's
    }
    if ((!ok1 || ok2 !== true) && failures.length < 3) {
      failures.push(`#${i} ${r.req.method} ${r.req.url} ${JSON.stringify(r.req.headers)}\ntheirs ${auth}\nours   ${why.authorization}\n${why.canonicalRequest}\n(their signature over our string to sign: ${ok1}; ours in their verifier: ${ok2})`)
    }
  }
  assert.deepEqual(failures, [])
  t.diagnostic(`${rs.length - refused} compared, ${refused} refused by aws-crt's URI parser`)
  assert.ok(refused < rs.length / 10, `aws-crt refused ${refused} of ${rs.length}`)
})

test('1,000 generated requests: @smithy/signature-v4a signs the canonical request sigv4-wasm signs', async () => {
  const failures = []
  const rs = generated('v4a smithy', 1000)
  for (const [i, r] of rs.entries()) {
    const signer = new SignatureV4a({
      credentials: r.options.credentials, region: r.options.regionSet, service: r.options.service, sha256: Sha256,
      uriEscapePath: !r.s3, applyChecksum: false,
    })
    // smithy's header policy is the SDK's, which is ours by default.
    const { signAllHeaders, unsignableHeaders, ...sdkPolicy } = r.options
    const why = explain(r.req, sdkPolicy)
    const signed = await signer.sign(toSmithyRequest(r.req, { queryForm: false }), { signingDate: r.options.signingDate })
    const auth = signed.headers.authorization
    const theirSig = /Signature=([0-9a-f]+)/.exec(auth)[1]
    const point = publicKey(r.options.credentials)
    const ok = verifies(keyOf(point), why.stringToSign, theirSig) && oursVerifies(point, why.stringToSign, theirSig) &&
      auth.slice(0, auth.indexOf('Signature=')) === why.authorization.slice(0, why.authorization.indexOf('Signature='))
    if (!ok && failures.length < 3) failures.push(`#${i} ${r.req.method} ${r.req.url}\ntheirs ${auth}\nours   ${why.authorization}\n${why.canonicalRequest}`)
  }
  assert.deepEqual(failures, [])
})

test('hosts that accept only SigV4a select it; the default entry refuses SigV4a with ERR_V4A_ENTRY', async () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }
  for (const [url, service] of [
    ['https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/key', 's3'],
    ['https://123456789012.cloudfront-kvs.global.api.aws/key-value-stores/kvs', 'cloudfront-keyvaluestore'],
    ['https://abcde.veo.endpoint.events.amazonaws.com/', 'events'],
  ]) {
    const auth = sign({ url }, { credentials }).headers.authorization
    assert.match(auth, new RegExp(`^${V4A} Credential=AKIDEXAMPLE/\\d{8}/${service}/aws4_request, SignedHeaders=host;`))
    assert.equal(sign({ url }, { credentials }).headers['x-amz-region-set'], '*')
  }
  const script = `
import { sign, presign } from ${JSON.stringify(new URL('../../js/index.js', import.meta.url).href)}
const credentials = { accessKeyId: 'A', secretAccessKey: 'S' }
const out = []
for (const call of [
  () => sign({ url: 'https://example.amazonaws.com/' }, { credentials, region: 'us-east-1', service: 's3', algorithm: '${V4A}' }),
  () => presign({ url: 'https://x.mrap.accesspoint.s3-global.amazonaws.com/k' }, { credentials }),
]) { try { call(); out.push('signed') } catch (e) { out.push(e.code + ': ' + e.message) } }
out.push(sign({ url: 'https://example.amazonaws.com/' }, { credentials, region: 'us-east-1', service: 's3' }).headers.authorization.slice(0, 16))
console.log(JSON.stringify(out))`
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  const [a, b, v4] = JSON.parse(stdout)
  for (const x of [a, b]) assert.match(x, /^ERR_V4A_ENTRY: SigV4a \(AWS4-ECDSA-P256-SHA256\) is in the entry "sigv4-wasm\/v4a"/)
  assert.equal(v4, 'AWS4-HMAC-SHA256')
})

test('SigV4a options: regionSet as a list, refusals', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }
  const base = { credentials, region: 'us-east-1', service: 'service', signingDate: '2026-12-02T10:00:00Z' }
  const r = { url: 'https://example.amazonaws.com/' }
  assert.equal(sign(r, { ...base, algorithm: V4A, regionSet: ['us-east-1', 'eu-west-1'] }).headers['x-amz-region-set'], 'us-east-1,eu-west-1')
  assert.equal(sign(r, { ...base, algorithm: V4A }).headers['x-amz-region-set'], '*')
  // Deterministic (RFC 6979): the same request signs the same way.
  assert.equal(sign(r, { ...base, algorithm: V4A }).headers.authorization, sign(r, { ...base, algorithm: V4A }).headers.authorization)
  assert.throws(() => sign(r, { ...base, regionSet: '*' }), (e) => e.code === 'ERR_OPTION' && /regionSet is for SigV4a/.test(e.message))
  assert.throws(() => sign(r, { ...base, algorithm: 'AWS4-HMAC-SHA512' }), (e) => e.code === 'ERR_OPTION')
  for (const regionSet of ['', 'us-east-1,', 'a b', []]) {
    assert.throws(() => sign(r, { ...base, algorithm: V4A, regionSet }), (e) => e.code === 'ERR_REGION_SET', JSON.stringify(regionSet))
  }
  // SigV4 from the same entry is unchanged.
  assert.match(sign(r, base).headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261202\/us-east-1\/service\/aws4_request/)
})
