// @smithy/signature-v4 (what the AWS SDK signs with), configured to the
// policy sigv4-wasm applies, as the independent oracle of the differential,
// hostile-input and property tests. Requests are in the shape genRequest()
// makes ({ method, url, headers: [[name, value], ...], body }) and go
// through toSmithyRequest() (gen.mjs), which holds the wire-form rules.
import { SignatureV4 } from '@smithy/signature-v4'
import { Hash } from '@smithy/hash-node'
import { toSmithyRequest, makeRng, genRequest, EMPTY_SHA256 } from './gen.mjs'

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


/**
 * `count` requests from genRequest() under `seed`, as cases to compare with
 * smithy: { mode: 'header', request, options } to sign, and { mode:
 * 'query', ... } (the request without its body) to presign for 900 s; one
 * of each per request, or only the `modes` asked for. Every third case
 * reads '+' in the query as a plus, the others as a space. Presigned cases
 * give the empty body's hash, which smithy signs (S3's presigned URLs
 * otherwise sign UNSIGNED-PAYLOAD).
 */
export function generatedCases (seed, count, { credentials, signingDate, modes = ['header', 'query'] }) {
  const rng = makeRng(seed)
  const cases = []
  for (let i = 0; i < count; i++) {
    const { region, service, ...request } = genRequest(rng)
    const options = { credentials, region, service, signingDate, queryFormEncoded: i % 3 !== 0 }
    if (modes.includes('header')) cases.push({ mode: 'header', request, options })
    if (modes.includes('query')) cases.push({ mode: 'query', request: { ...request, body: null }, options: { ...options, expiresIn: 900, payloadHash: EMPTY_SHA256 } })
  }
  return cases
}

/** What a sigv4-wasm entry (`api`: { sign, presign }) makes of a case: the Authorization header, or the presigned URL. */
export const signedBy = (api, { mode, request, options }) =>
  mode === 'header' ? api.sign(request, options).headers.authorization : api.presign(request, options)

/**
 * The cases where `ours(c, i)` (what signedBy() gives) signs otherwise than
 * smithy, described (`describe(c)` adds to the case's number), at most `max`.
 */
export async function smithyDisagreements (cases, ours, { max = 3, label = 'ours', describe = (c) => ` ${c.mode} ${c.request.method} ${c.request.url}` } = {}) {
  const failures = []
  for (const [i, c] of cases.entries()) {
    const value = ours(c, i)
    const [got, theirs] = c.mode === 'header'
      ? [value, await smithyAuthorization(c.request, c.options)]
      : [/[?&]X-Amz-Signature=([0-9a-f]{64})/.exec(value)?.[1], await smithyPresignSignature(c.request, c.options)]
    if (got !== theirs && failures.length < max) failures.push(`#${i}${describe(c)}\n${label.padEnd(6)} ${value}\nsmithy ${theirs}`)
  }
  return failures
}
