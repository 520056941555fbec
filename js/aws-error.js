// The error bodies AWS answers a refused signature with, read into one
// shape: S3's XML (<Error> with <CanonicalRequest>, <StringToSign>,
// <SignatureProvided>), the query services' XML (<ErrorResponse><Error>,
// EC2's <Response><Errors><Error>), the JSON services' and API Gateway's
// JSON ({"__type", "message"}, {"message"}), or the bare message text. The
// JSON and query services put what they computed in the message: "The
// Canonical String for this request should have been '...' The
// String-to-Sign should have been '...'".

import { utf8Decode } from './text.js'

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const CANONICAL_IN_MESSAGE = /The Canonical String for this request should have been\s*\n'([\s\S]*?)'\s*\n\s*\nThe String-to-Sign should have been\s*\n'([\s\S]*?)'\s*$/
// "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T125100Z - 15 min.)"
// "Signature not yet current: 20150830T123600Z is still later than 20150830T124100Z (20150830T122600Z + 15 min.)"
const SKEW_IN_MESSAGE = /Signature (expired|not yet current): (\d{8}T\d{6}Z) is (?:now earlier|still later) than \d{8}T\d{6}Z \((\d{8}T\d{6}Z) ([+-]) (\d+) min\.\)/
const EXPECTED_REGION = /expecting '([^']+)'/
const EXPECTED_SERVICE = /scoped to correct service: '([^']+)'/
const WRONG_REGION = /the region '([^']+)' is wrong|valid region, not '([^']+)'/
// parseAwsError()'s fields after format, in its order, each with the XML
// element it is read from (null: read from the message only). S3's
// <...Bytes> elements, where it sends them, win over the text ones.
const FIELDS = {
  code: 'Code', message: 'Message', canonicalRequest: 'CanonicalRequest', stringToSign: 'StringToSign',
  signatureProvided: 'SignatureProvided', accessKeyId: 'AWSAccessKeyId', requestTime: 'RequestTime',
  serverTime: 'ServerTime', maxSkewMs: 'MaxAllowedSkewMilliseconds', expires: 'Expires', expectedRegion: 'Region',
  expectedService: null, signedRegion: null,
  clientContentSha256: 'ClientComputedContentSHA256', serverContentSha256: 'S3ComputedContentSHA256',
}
const BYTES_FIELDS = ['canonicalRequest', 'stringToSign']

function unescapeXml (text) {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (all, hex, dec, name) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(+dec) : ENTITIES[name] ?? all)
}

// The text of the first <name> element (XML without attributes on it).
function element (xml, name) {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)
  return m ? unescapeXml(m[1]) : null
}

// S3's <CanonicalRequestBytes>: the bytes as spaced hex, exact where the
// text element may have had its whitespace or line ends changed.
function fromHexBytes (spaced) {
  if (!spaced || !/^[0-9a-f]{2}(?:\s+[0-9a-f]{2})*$/i.test(spaced.trim())) return null
  const bytes = Uint8Array.from(spaced.trim().split(/\s+/), (h) => parseInt(h, 16))
  try {
    return utf8Decode(bytes, true)
  } catch {
    return null
  }
}

function fromXml (xml) {
  const s3 = /^(?:<\?xml[^>]*\?>\s*)?<Error>/.test(xml)
  const out = { format: s3 ? 's3-xml' : 'xml' }
  for (const [field, name] of Object.entries(FIELDS)) {
    if (name !== null) out[field] = (BYTES_FIELDS.includes(field) ? fromHexBytes(element(xml, `${name}Bytes`)) : null) ?? element(xml, name)
  }
  return out
}

function fromJson (text) {
  let body
  try {
    body = JSON.parse(text)
  } catch {
    return null
  }
  if (!body || typeof body !== 'object') return null
  const inner = body.Error && typeof body.Error === 'object' ? body.Error : body
  const type = inner.__type ?? inner.code ?? inner.Code ?? body.__type ?? null
  const message = inner.message ?? inner.Message ?? body.message ?? body.Message ?? null
  return {
    format: 'json',
    code: typeof type === 'string' ? type.slice(type.lastIndexOf('#') + 1).split(':')[0] : null,
    message: typeof message === 'string' ? message : null,
  }
}

const compactTime = (iso) => iso.replace(/[-:]|\.\d+/g, '')
const minutes = (n) => String(n * 60000)

/**
 * What an AWS error body says: { format: 's3-xml' | 'xml' | 'json' | 'text',
 * code, message, canonicalRequest, stringToSign, signatureProvided,
 * accessKeyId, requestTime and serverTime (as X-Amz-Date writes them),
 * maxSkewMs, expires, expectedRegion, expectedService, signedRegion,
 * clientContentSha256, serverContentSha256 }, null where the body does not
 * say. A whole HTTP response (status line and headers first) is read too.
 */
export function parseAwsError (text) {
  if (typeof text !== 'string') text = utf8Decode(text)
  let body = text.replace(/^\uFEFF/, '').trim()
  const response = /^HTTP\/[\d.]+ \d{3}[^\n]*\n([\s\S]*?)\r?\n\r?\n/.exec(body)
  const typeHeader = response && /^x-amzn-errortype:\s*([^:\r\n]+)/im.exec(response[1])
  if (response) body = body.slice(response[0].length).trim()
  const out = (body[0] === '<' && fromXml(body)) || (body[0] === '{' && fromJson(body)) ||
    { format: 'text', code: null, message: body || null }
  const e = { format: out.format }
  for (const field of Object.keys(FIELDS)) e[field] = out[field] ?? null
  if (e.code === null && typeHeader) e.code = typeHeader[1].trim()
  const message = e.message ?? ''
  const computed = CANONICAL_IN_MESSAGE.exec(message)
  if (computed && e.canonicalRequest === null) {
    e.canonicalRequest = computed[1]
    e.stringToSign = computed[2]
    e.message = message.slice(0, computed.index).trim()
  }
  const skew = SKEW_IN_MESSAGE.exec(message)
  if (skew) {
    e.requestTime = skew[2]
    e.serverTime = skew[3]
    e.maxSkewMs = minutes(+skew[5])
    e.code = e.code ?? (skew[1] === 'expired' ? 'SignatureExpired' : 'SignatureNotYetCurrent')
  }
  if (e.serverTime && /-/.test(e.serverTime)) e.serverTime = compactTime(e.serverTime)
  if (e.expires && /-/.test(e.expires)) e.expires = compactTime(e.expires)
  const region = EXPECTED_REGION.exec(message)
  if (region && region[1]) e.expectedRegion = region[1]
  const wrong = WRONG_REGION.exec(message)
  if (wrong) e.signedRegion = wrong[1] ?? wrong[2]
  const service = EXPECTED_SERVICE.exec(message)
  if (service) e.expectedService = service[1]
  return e
}
