// SigV4a header signing in Node: sigv4-wasm/v4a against @smithy/signature-v4a
// (the AWS SDK for JavaScript's SigV4a signer) on request (a), a GET to an S3
// Multi-Region Access Point, each with its key cached (ours: the signer's
// key cache; smithy's: its own). ECDSA signatures differ between signers
// (the nonce), so the equivalence check is that smithy's signature verifies
// over our string to sign under our public key: the same canonical request.
import { createPublicKey, verify } from 'node:crypto'
import { SignatureV4a } from '@smithy/signature-v4a'
import { HttpRequest } from '@smithy/protocol-http'
import { Sha256 } from '@aws-crypto/sha256-js'
import { sign, explain, publicKey } from '../../js/index.v4a.js'
import { prepare, requestById } from '../lib/fixtures.mjs'
import { settingsFor } from '../lib/settings.mjs'
import { timeCases } from './sign.mjs'

const V4A = 'AWS4-ECDSA-P256-SHA256'
export const V4A_HOST = 'mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com'

export async function runV4a (ctx) {
  const { log } = ctx
  const r = prepare(requestById('a'))
  const url = `https://${V4A_HOST}${r.path}`
  const options = { credentials: r.credentials, signingDate: r.signingDate, algorithm: V4A, regionSet: '*' }
  const ours = () => sign({ method: 'GET', url }, options).headers.authorization
  const smithy = new SignatureV4a({ credentials: r.credentials, region: '*', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: true })
  const u = new URL(url)
  const theirs = async () => (await smithy.sign(new HttpRequest({
    method: 'GET', protocol: 'https:', hostname: u.hostname, path: u.pathname, headers: { host: u.hostname },
  }), { signingDate: r.signingDate })).headers.authorization

  // The same canonical request: smithy's signature verifies over ours.
  const why = explain({ method: 'GET', url }, options)
  const point = Buffer.from(publicKey(r.credentials), 'hex')
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, format: 'jwk' })
  const theirAuth = await theirs()
  const same = verify('sha256', Buffer.from(why.stringToSign), { key, dsaEncoding: 'der' }, Buffer.from(/Signature=([0-9a-f]+)/.exec(theirAuth)[1], 'hex'))
  log(`  ${V4A_HOST}: @smithy/signature-v4a ${same ? 'signs the same canonical request' : 'DIFFERS'}`)
  const cases = [{ key: 'ours', name: 'sigv4-wasm/v4a', fn: ours }]
  if (same) cases.push({ key: 'smithy-v4a', name: '@smithy/signature-v4a (pure JS P-256)', async: true, fn: theirs })
  const settings = { ...settingsFor(0, ctx), batchMs: 60 }
  const results = await timeCases(ctx, cases, settings)
  return { requests: [{ id: 'a', label: `(a) GET ${V4A_HOST}, SigV4a`, same, settings, cases: results }] }
}
