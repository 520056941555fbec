// @smithy/signature-v4 (what the AWS SDK signs with), configured to the
// policy sigv4-wasm applies, as the independent oracle of the differential,
// hostile-input and property tests. Requests are in the shape genRequest()
// makes ({ method, url, headers: [[name, value], ...], body }) and go
// through toSmithyRequest() (gen.mjs), which holds the wire-form rules.
import { SignatureV4 } from '@smithy/signature-v4'
import { Hash } from '@smithy/hash-node'
import { toSmithyRequest } from './gen.mjs'

// Written out here, not read from the signer's table: S3 Express signs as
// 's3express' (its IAM actions are s3express:*).
export const S3_SERVICES = ['s3', 's3express', 's3-outposts', 's3-object-lambda']

/**
 * S3 rules (path used as sent, x-amz-content-sha256 added) for S3 services,
 * or when `s3` / `signContentSha256` say so; the others double-encode and
 * normalise the path.
 */
export function smithySigner ({ credentials, region, service, s3 = S3_SERVICES.includes(service), signContentSha256 = s3 }) {
  return new SignatureV4({
    credentials, region, service,
    sha256: Hash.bind(null, 'sha256'), uriEscapePath: !s3, applyChecksum: signContentSha256,
  })
}

function nameSet (names) {
  return names === undefined ? undefined : new Set(names.map((n) => n.toLowerCase()))
}

/**
 * smithy's Authorization header for `req`.
 * @param {object} req genRequest() shape
 * @param {{ credentials, region, service, signingDate, s3?, signContentSha256?,
 *   signableHeaders?: string[], unsignableHeaders?: string[], queryFormEncoded? }} policy
 */
export async function smithyAuthorization (req, policy) {
  const signed = await smithySigner(policy).sign(toSmithyRequest(req, { queryForm: policy.queryFormEncoded !== false }), {
    signingDate: policy.signingDate,
    signableHeaders: nameSet(policy.signableHeaders),
    unsignableHeaders: nameSet(policy.unsignableHeaders),
  })
  return signed.headers.authorization
}

/**
 * smithy's presigned X-Amz-Signature for `req`. Every header stays a signed
 * header (smithy would move x-amz-* ones into the query; sigv4-wasm signs
 * them as headers). The payload hash is the body's: callers give sigv4-wasm
 * the same hash for S3, whose presigned URLs otherwise sign UNSIGNED-PAYLOAD.
 */
export async function smithyPresignSignature (req, policy) {
  const sreq = toSmithyRequest(req, { queryForm: policy.queryFormEncoded !== false })
  const signed = await smithySigner(policy).presign(sreq, {
    signingDate: policy.signingDate,
    expiresIn: policy.expiresIn,
    signableHeaders: nameSet(policy.signableHeaders),
    unsignableHeaders: nameSet(policy.unsignableHeaders),
    unhoistableHeaders: new Set(Object.keys(sreq.headers)),
  })
  return signed.query['X-Amz-Signature']
}
