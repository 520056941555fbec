// S3 POST policies: browser uploads by HTML form. presignPost() writes the
// policy and the form fields that carry it, as @aws-sdk/s3-presigned-post
// does; verifyPost() checks a form received, as S3 does. The signature is
// the C core's: HMAC-SHA256 with the signing key over the policy's base64
// (sigv4w_stream, kind STRING). SigV4 only: there is no SigV4a POST.
// A file of its own, so that an app that only signs does not carry it.

import { EXPIRES_MAX, ALG_HMAC_SHA256_NAME } from './abi.js'
import { fail } from './errors.js'
import { encoder } from './arena.js'
import { signText, signingKey } from './hmac.js'
import { secondsOf, nameChecker, AMZ_DATE } from './request.js'
import { toBase64, fromBase64, utf8Decode } from './text.js'

const checkParams = /* @__PURE__ */ nameChecker(['url', 'key', 'conditions', 'fields', 'expiresIn', 'bucket'], 'presignPost() field')
const checkPresignOptions = /* @__PURE__ */ nameChecker(['credentials', 'region', 'service', 'signingDate'], 'presignPost() option')
const checkVerifyOptions = /* @__PURE__ */ nameChecker(['credentials', 'region', 'service', 'now', 'maxSkewSeconds', 'bucket', 'contentLength', 'filename'], 'verifyPost() option')
// Form fields S3 asks no condition for.
const UNCOVERED = /^(?:policy|x-amz-signature|file|x-ignore-.*)$/
// Fields presignPost() sets: a caller's would contradict them.
const OWN_FIELDS = /^(?:bucket|key|policy|file|x-amz-(?:algorithm|credential|date|security-token|signature))$/i
const DAY = /^(\d{4})(\d\d)(\d\d)$/
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z$/
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
// Characters C accepts in an access key id (SIGV4_ERR_ACCESS_KEY).
const ACCESS_KEY = /^[\x21-\x2b\x2d\x2e\x30-\x7e]+$/
// S3 takes a POST form of at most 20 KB besides the file: a policy is less.
const POLICY_MAX = 20480
// A key that ends with it is a prefix: S3 puts the file's name there.
const FILENAME = '${filename}'
// The operators of a condition written as an array (presignPost checks
// them; isCondition, for verifyPost, the values as well).
const OPERATORS = /^(?:eq|starts-with|content-length-range)$/

/**
 * The URL and form fields of a POST upload (an HTML form, or FormData with
 * the file last). `signer` is a Signer (js/signer.js).
 */
export function presignPostWith (signer, params, options) {
  if (!params || !options) fail('ERR_OPTION', 'presignPost({ url, key }, { credentials })')
  checkParams(params)
  checkPresignOptions(options)
  const url = signer.parsedUrl(params.url).url
  const { key, conditions = [], fields = {}, expiresIn = 3600, bucket = bucketOf(url) } = params
  if (!key || typeof key !== 'string' || !bucket || typeof bucket !== 'string') fail('ERR_OPTION', 'key and bucket (read from url, or params.bucket) must be non-empty strings')
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > EXPIRES_MAX) fail('ERR_EXPIRES')
  // Each condition's shape and operator; S3 (and verifyPost) refuse the rest
  // of what makes a condition invalid. (The SDK checks none of it.)
  if (!Array.isArray(conditions) || !conditions.every((c) => Array.isArray(c) ? c.length === 3 && OPERATORS.test(c[0]) : c && typeof c === 'object')) {
    fail('ERR_POLICY', 'a condition is {"field": "value"}, [op, "$field", "value"] or ["content-length-range", min, max]')
  }
  if (Object.entries(fields).some(([name, value]) => OWN_FIELDS.test(name) || typeof value !== 'string')) {
    fail('ERR_OPTION', 'fields: strings, and none that presignPost() sets')
  }
  const seconds = secondsOf(options.signingDate)
  const scope = { ...options, service: options.service || 's3', signingDate: seconds * 1000 }
  // SigV4a hosts (inferred from the URL) take no POST policy.
  if (signer.signsV4a(params.url, scope)) fail('ERR_INFER', 'pass options.region (SigV4a hosts take no POST policy)')
  // The signer's own call on the URL infers the region as sign() does and
  // derives (or finds) the key; its Authorization header carries the
  // credential scope the C core wrote.
  const seed = signer.signSeed({ url: params.url }, scope)
  const { sessionToken } = options.credentials
  const out = {
    ...fields,
    bucket,
    'X-Amz-Algorithm': ALG_HMAC_SHA256_NAME,
    'X-Amz-Credential': /Credential=([^,]+)/.exec(seed.signed.headers.authorization)[1],
    'X-Amz-Date': seed.amzDate,
    ...sessionToken && { 'X-Amz-Security-Token': sessionToken },
  }
  // The conditions as the SDK writes them: the caller's, one per field,
  // then the key's (a prefix when the file's name completes it), each once.
  const set = new Set([...conditions, ...Object.entries(out).map(([name, value]) => ({ [name]: value })),
    key.endsWith(FILENAME) ? ['starts-with', '$key', key.slice(0, -FILENAME.length)] : { key }].map((c) => JSON.stringify(c)))
  const expiration = new Date((seconds + expiresIn) * 1000).toISOString().replace('.000', '')
  const policy = toBase64(encoder.encode(`{"expiration":"${expiration}","conditions":[${[...set]}]}`))
  return { url: url.href, fields: { ...out, key, Policy: policy, 'X-Amz-Signature': signText(signer, seed.key, policy) } }
}

const refuse = (code, message) => ({ valid: false, code, message })

/**
 * Whether a POST upload's form fields carry a valid policy signature and
 * meet its conditions: { valid: true, ... } or { valid: false, code,
 * message }. Throws only for the caller's own mistakes (options).
 */
export async function verifyPostWith (signer, fields, options) {
  if (!options || typeof options !== 'object') fail('ERR_OPTION', 'verifyPost(fields, options): options with credentials and region are required')
  checkVerifyOptions(options)
  const { credentials, maxSkewSeconds = 900, bucket } = options
  if (typeof credentials !== 'function') fail('ERR_CREDENTIALS', 'options.credentials must be a function of the access key id: async (accessKeyId) => ({ secretAccessKey, sessionToken }) or null')
  const regions = listOf(options.region, 'region')
  const services = listOf(options.service === undefined ? 's3' : options.service, 'service')
  const now = options.now === undefined ? Date.now() : +options.now
  if (!Number.isFinite(now)) fail('ERR_OPTION', 'options.now must be a Date or milliseconds')
  if (!Number.isInteger(maxSkewSeconds) || maxSkewSeconds < 0) fail('ERR_OPTION', 'options.maxSkewSeconds must be a non-negative integer')
  if (bucket !== undefined && typeof bucket !== 'string') fail('ERR_OPTION', 'options.bucket must be a string')

  if (!fields || typeof fields !== 'object') fail('ERR_OPTION', 'verifyPost(fields, options): fields must be the form\'s fields (an object, FormData, URLSearchParams or [name, value] pairs)')
  const form = formOf(fields)
  if (form.refused) return form.refused
  const file = form.file
  let { contentLength = file && file.size, filename = file && file.name } = options
  if (contentLength !== undefined && !Number.isSafeInteger(contentLength)) fail('ERR_OPTION', 'options.contentLength must be the file\'s size in bytes')
  // Only what follows the last slash or backslash names the file.
  filename = String(filename || '').replace(/^.*[/\\]/, '')
  const text = form.text
  const policy = text.get('policy')
  const signature = text.get('x-amz-signature')
  if (policy === undefined && signature === undefined) return refuse('ERR_NOT_SIGNED', 'the form has no policy and no x-amz-signature')
  for (const name of ['policy', 'x-amz-signature', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date']) {
    if (text.get(name) === undefined) return refuse('ERR_AUTH', `the form has no ${name} field`)
  }
  if (text.get('x-amz-algorithm') !== ALG_HMAC_SHA256_NAME) return refuse('ERR_AUTH', `x-amz-algorithm is not ${ALG_HMAC_SHA256_NAME} (POST policies are signed with SigV4)`)

  // <access key>/<YYYYMMDD>/<region>/<service>/aws4_request
  const parts = text.get('x-amz-credential').split('/')
  const [accessKeyId, day, region, service, terminator] = parts
  if (parts.length !== 5 || !ACCESS_KEY.test(accessKeyId) || !validDay(day) || terminator !== 'aws4_request') {
    return refuse('ERR_CREDENTIAL', 'x-amz-credential is not <access key>/<date>/<region>/<service>/aws4_request')
  }
  if (!regions.includes(region)) return refuse('ERR_WRONG_REGION', `the credential's region "${region}" is not one this endpoint accepts`)
  if (!services.includes(service)) return refuse('ERR_WRONG_SERVICE', `the credential's service "${service}" is not one this endpoint accepts`)
  const amzDate = text.get('x-amz-date')
  const seconds = amzSeconds(amzDate)
  if (seconds === null) return refuse('ERR_AUTH', 'x-amz-date is not a YYYYMMDDTHHMMSSZ date')
  if (amzDate.slice(0, 8) !== day) return refuse('ERR_SCOPE_DATE', 'the credential\'s date is not the date of x-amz-date')
  if (seconds * 1000 > now + maxSkewSeconds * 1000) return refuse('ERR_NOT_YET_VALID', 'x-amz-date is further in the future than maxSkewSeconds')

  const found = await credentials(accessKeyId)
  if (found === null || found === undefined) return refuse('ERR_UNKNOWN_KEY', 'the access key is not one this endpoint knows')
  const token = text.get('x-amz-security-token')
  if ((found.sessionToken || undefined) !== token) {
    return refuse('ERR_SESSION_TOKEN', token === undefined ? 'the form has no x-amz-security-token and this access key needs one' : 'x-amz-security-token is not this access key\'s session token')
  }
  if (policy.length > POLICY_MAX) return refuse('ERR_POLICY', `the policy is longer than ${POLICY_MAX} characters`)
  const { key } = signingKey(signer, { accessKeyId, secretAccessKey: found.secretAccessKey }, region, service, seconds)
  if (!sameText(signText(signer, key, policy), signature)) {
    return refuse('ERR_SIGNATURE_MISMATCH', 'the signature is not the one of this policy and key')
  }

  // Signed: now the policy can be read.
  const doc = policyOf(policy)
  if (!doc) return refuse('ERR_POLICY', 'the policy is not base64 of a JSON object with an expiration and a conditions array as S3 reads it')
  const expiresAt = Date.parse(doc.expiration)
  if (Math.floor(now / 1000) * 1000 > expiresAt) return refuse('ERR_EXPIRED', `the policy expired at ${doc.expiration}`)

  // ${filename} stands for the file's name in every field.
  const values = new Map()
  for (const [name, value] of text) values.set(name, value.split(FILENAME).join(filename))
  const formBucket = values.get('bucket')
  if (bucket !== undefined && formBucket !== undefined && formBucket !== bucket) {
    return refuse('ERR_POLICY_CONDITION', 'the form\'s bucket field is not this endpoint\'s bucket')
  }
  values.set('bucket', bucket === undefined ? formBucket : bucket)
  if (values.get('key') === undefined) return refuse('ERR_POLICY_CONDITION', 'the form has no key field')
  const covered = new Set()
  for (const [op, name, value] of doc.conditions) {
    if (op === 'range') {
      if (contentLength === undefined) return refuse('ERR_POLICY_CONDITION', 'content-length-range: the file\'s size is unknown (options.contentLength)')
      if (contentLength < name || contentLength > value) return refuse('ERR_POLICY_CONDITION', `content-length-range: the file's ${contentLength} bytes are outside ${name} to ${value}`)
      continue
    }
    covered.add(name)
    const v = values.get(name)
    if (v === undefined) return refuse('ERR_POLICY_CONDITION', `the policy names field "${name}", which the form does not have`)
    if (op === 'eq' ? v !== value : !v.startsWith(value)) {
      return refuse('ERR_POLICY_CONDITION', `field "${name}" does not meet the policy's ${op === 'eq' ? 'exact match' : 'starts-with'} condition`)
    }
  }
  const out = {}
  for (const name of text.keys()) {
    if (UNCOVERED.test(name)) continue
    if (!covered.has(name)) return refuse('ERR_POLICY_CONDITION', `form field "${name}" is not covered by a condition of the policy`)
    out[name] = values.get(name)
  }
  return {
    valid: true,
    accessKeyId,
    region,
    service,
    bucket: values.get('bucket'),
    key: values.get('key'),
    fields: out,
    sessionToken: token,
    expiresAt: new Date(expiresAt),
  }
}

// Two strings compared in time that depends on their lengths only.
function sameText (a, b) {
  let diff = a.length ^ b.length
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ (i < b.length ? b.charCodeAt(i) : 0)
  return diff === 0
}

// The bucket of a POST URL: the labels before the last S3 label of its
// host (virtual-hosted, with no path), or else its path's one segment
// (path-style); '' when there is none. (Bucket names need no percent-decoding: a-z 0-9 . -)
function bucketOf (url) {
  const path = url.pathname.slice(1).replace(/\/$/, '')
  const host = /^(.+)\.s3(?:-[^.]*)?\.(?!.*\.s3[.-])/.exec(url.hostname)
  return host ? (path ? '' : host[1]) : path.includes('/') ? '' : path
}

// Whether a policy entry is a condition S3 reads: {"field": "value", ...},
// ["eq" or "starts-with", "$field", "value"] or ["content-length-range",
// min, max].
function isCondition (c) {
  if (!Array.isArray(c)) {
    const values = typeof c === 'object' && c !== null ? Object.values(c) : []
    return values.length > 0 && values.every((v) => typeof v === 'string')
  }
  const [op, a, b] = c
  return c.length === 3 && OPERATORS.test(op) && (op === 'content-length-range'
    ? Number.isSafeInteger(a) && Number.isSafeInteger(b) && a >= 0 && a <= b
    : typeof a === 'string' && /^\$./.test(a) && typeof b === 'string')
}

// The signed policy read: { expiration, conditions }, or null.
function policyOf (policy) {
  let doc
  try {
    if (!BASE64.test(policy)) return null
    doc = JSON.parse(utf8Decode(fromBase64(policy), true))
  } catch {
    return null
  }
  if (!doc || typeof doc !== 'object' || typeof doc.expiration !== 'string' || !ISO.test(doc.expiration) ||
    Number.isNaN(Date.parse(doc.expiration)) || !Array.isArray(doc.conditions)) return null
  // Each as [op, name, value] (op 'eq' or 'starts-with', name the field's
  // in lowercase) or ['range', min, max].
  const conditions = []
  for (const c of doc.conditions) {
    if (!isCondition(c)) return null
    if (!Array.isArray(c)) {
      for (const [name, value] of Object.entries(c)) conditions.push(['eq', name.toLowerCase(), value])
    } else {
      conditions.push(c[0] === 'content-length-range' ? ['range', c[1], c[2]] : [c[0], c[1].slice(1).toLowerCase(), c[2]])
    }
  }
  return { expiration: doc.expiration, conditions }
}

// A form as { text: Map(lowercase name -> value), file }: a plain object,
// FormData, URLSearchParams, a Map or [name, value] pairs; or { refused }.
function formOf (fields) {
  const text = new Map()
  let file
  for (const [name, value] of entriesOf(fields)) {
    const lower = String(name).toLowerCase()
    if (text.has(lower) || (lower === 'file' && file !== undefined)) return { refused: refuse('ERR_AUTH', `form field "${lower}" appears more than once`) }
    if (lower === 'file') file = value
    else if (typeof value === 'string') text.set(lower, value)
    else return { refused: refuse('ERR_AUTH', `form field "${lower}" is not text`) }
  }
  return { text, file: typeof file === 'object' && file !== null ? file : undefined }
}

function entriesOf (fields) {
  return typeof fields[Symbol.iterator] === 'function' ? [...fields] : Object.entries(fields)
}

// options.region or options.service: a string or an array of them.
function listOf (value, what) {
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || !list.length || !list.every((v) => typeof v === 'string' && v !== '')) {
    fail(what === 'region' ? 'ERR_REGION' : 'ERR_SERVICE', `options.${what} must be the ${what} (or an array of them) this endpoint accepts`)
  }
  return list
}

function validDay (day) {
  const m = DAY.exec(day || '')
  if (!m) return false
  const d = new Date(Date.UTC(+m[1], m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === m[2] - 1 && d.getUTCDate() === +m[3]
}

// X-Amz-Date as Unix seconds, or null.
function amzSeconds (amzDate) {
  const m = AMZ_DATE.exec(amzDate)
  if (!m || !validDay(amzDate.slice(0, 8)) || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) return null
  return Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000
}
