// Deterministic random request generator for differential tests.
//
//   const rng = makeRng(42)
//   const req = genRequest(rng)          // { method, url, headers, body, service, region }
//   const smithyReq = toSmithyRequest(req)
//   await new SignatureV4({ ..., service: req.service, region: req.region,
//     uriEscapePath: req.service !== 's3', applyChecksum: false }).sign(smithyReq, { signingDate })
//
// `url` is the WHATWG serialisation (what fetch puts on the wire); `headers`
// is an ordered list of [name, value] pairs that may contain the same name
// more than once (in different case) and values with surrounding/inner
// spaces and tabs.

import { HttpRequest } from '@smithy/protocol-http'
import { parseRawQuery } from './rawquery.mjs'

/** mulberry32. Returns rng() -> [0,1) with helpers int(lo, hi), pick(arr), chance(p). */
export function makeRng (seed) {
  let a = typeof seed === 'string'
    ? [...seed].reduce((h, c) => Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0, 0x811c9dc5)
    : seed >>> 0
  const rng = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  rng.int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)) // inclusive
  rng.pick = (arr) => arr[Math.floor(rng() * arr.length)]
  rng.chance = (p) => rng() < p
  return rng
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']
const SERVICES = ['execute-api', 'lambda', 'es', 'sqs', 'dynamodb', 'iam']
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1',
  'sa-east-1', 'ca-central-1', 'us-gov-west-1', 'cn-north-1']
const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'
const RESERVED = "!$&'()*+,;=:@"
const UNICODE = ['é', 'ü', 'ß', 'ሴ', '中', '😀', '🚀', 'Ω']
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
const UNSIGNABLE = [['user-agent', 'aws-sdk-js/3.0 os/linux'], ['x-amzn-trace-id', 'Root=1-5759e988-bd862e3fe1be46a994272793'],
  ['cache-control', 'no-cache'], ['expect', '100-continue']]

const hex2 = (n, upper) => { const h = n.toString(16).padStart(2, '0'); return upper ? h.toUpperCase() : h; }
const utf8Bytes = (s) => [...new TextEncoder().encode(s)]
/** SigV4 UriEncode: everything except unreserved as uppercase %XX (what the AWS SDK sends for S3 keys). */
// SHA-256 of nothing, hex: the payload hash of an empty body.
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
export const uriEncode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${hex2(c.charCodeAt(0), true)}`)

function word (rng, min, max, alphabet = LOWER_ALNUM) {
  let s = ''
  for (let n = rng.int(min, max); n > 0; n--) s += rng.pick(alphabet)
  return s
}

// A valid percent-encoding: of a printable ASCII char or of a whole UTF-8
// character, in random hex case (so it always decodes to valid UTF-8).
function pctToken (rng) {
  const bytes = rng.chance(0.7) ? [rng.int(0x20, 0x7e)] : utf8Bytes(rng.pick(UNICODE))
  const upper = rng.chance(0.5)
  return bytes.map((b) => `%${hex2(b, upper)}`).join('')
}

function pathSegment (rng) {
  for (;;) {
    let seg = ''
    for (let n = rng.int(1, 8); n > 0; n--) {
      const r = rng()
      if (r < 0.45) seg += rng.pick(UNRESERVED)
      else if (r < 0.65) seg += rng.pick(RESERVED)
      else if (r < 0.72) seg += ' '
      else if (r < 0.9) seg += pctToken(rng)
      else seg += rng.pick(UNICODE)
    }
    // No dot-segments: WHATWG URL (and most signers) would normalise them,
    // including the %2e spellings.
    if (!/^(?:\.|%2e){1,2}$/i.test(seg)) return seg
  }
}

// S3: the decoded key segment is arbitrary text; the wire form is what the
// SDK sends — unreserved characters plus uppercase %XX.
function s3Segment (rng) {
  for (;;) {
    let key = ''
    for (let n = rng.int(1, 10); n > 0; n--) {
      const r = rng()
      if (r < 0.6) key += rng.pick(UNRESERVED)
      else if (r < 0.75) key += rng.pick(RESERVED)
      else if (r < 0.85) key += ' '
      else if (r < 0.9) key += rng.pick('%#?"<>[]{}|\\^`')
      else key += rng.pick(UNICODE)
    }
    if (key !== '.' && key !== '..') return uriEncode(key)
  }
}

function queryPart (rng, isKey) {
  let s = ''
  for (let n = rng.int(1, 6); n > 0; n--) {
    const r = rng()
    if (r < 0.4) s += rng.pick(UNRESERVED)
    else if (r < 0.55) s += rng.pick(isKey ? "!$'()*,;:@/?" : "!$'()*,;:@/?=")
    else if (r < 0.62) s += '%20'
    else if (r < 0.7) s += '+'
    else if (r < 0.78) s += rng.pick(UNICODE)
    else s += rng.chance(0.3) ? rng.pick(['%26', '%3D', '%2B', '%23', '%25', '%3d', '%2b']) : pctToken(rng)
  }
  return s
}

function genQuery (rng) {
  const params = []
  const keys = []
  for (let n = rng.int(0, 6); n > 0; n--) {
    const key = keys.length && rng.chance(0.25) ? rng.pick(keys) : rng.chance(0.15) ? rng.pick(['acl', 'uploads', 'versioning', 'tagging']) : queryPart(rng, true)
    keys.push(key)
    const r = rng()
    if (r < 0.15) params.push(key)                 // valueless: ?acl
    else if (r < 0.3) params.push(`${key}=`)       // empty value
    else params.push(`${key}=${queryPart(rng, false)}`)
  }
  return params.join('&')
}

function genHeaders (rng) {
  const headers = []
  const names = []
  const ws = () => {
    let s = ''
    for (let n = rng.int(1, 3); n > 0; n--) s += rng.pick([' ', '\t'])
    return s
  }
  const value = () => {
    const r = rng()
    if (r < 0.1) return ''
    if (r < 0.15) return ws()
    let v = rng.chance(0.3) ? ws() : ''
    for (let w = rng.int(1, 4); w > 0; w--) {
      for (let n = rng.int(1, 8); n > 0; n--) v += String.fromCharCode(rng.int(0x21, 0x7e))
      if (w > 1) v += rng.chance(0.5) ? ' ' : ws()
    }
    return v + (rng.chance(0.3) ? ws() : '')
  }
  const mixCase = (s) => [...s].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c)).join('')
  for (let n = rng.int(0, 8); n > 0; n--) {
    let name
    const r = rng()
    if (names.length && r < 0.2) name = mixCase(rng.pick(names))  // same name, other case
    else if (r < 0.35) name = rng.pick(['content-type', 'Content-Type', 'content-language', 'accept'])
    else if (r < 0.65) name = `x-amz-meta-${word(rng, 1, 8)}`
    else name = `x-custom-${word(rng, 1, 8)}`
    if (rng.chance(0.3)) name = mixCase(name)
    names.push(name)
    headers.push([name, value()])
  }
  if (rng.chance(0.25)) {
    const [n, v] = rng.pick(UNSIGNABLE)
    headers.splice(rng.int(0, headers.length), 0, [rng.chance(0.3) ? mixCase(n) : n, v])
  }
  return headers
}

function genBody (rng, method) {
  if (method === 'GET' || method === 'HEAD') return rng.chance(0.5) ? null : '' // fetch forbids bodies here
  const r = rng()
  if (r < 0.2) return null
  if (r < 0.3) return ''
  if (r < 0.55) {
    let s = ''
    for (let n = rng.int(1, 3000); n > 0; n--) s += String.fromCharCode(rng.int(0x20, 0x7e))
    return s
  }
  if (r < 0.8) {
    const obj = {}
    for (let n = rng.int(0, 6); n > 0; n--) obj[word(rng, 1, 8)] = rng.chance(0.5) ? rng.int(-1e6, 1e6) : `${word(rng, 0, 12)}${rng.pick(UNICODE)}`
    return JSON.stringify(obj)
  }
  const bytes = new Uint8Array(rng.int(0, 3000))
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255)
  return bytes
}

function genHost (rng, service, region) {
  const dom = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
  switch (service) {
    case 'execute-api': return `${word(rng, 10, 10)}.execute-api.${region}.${dom}`
    case 'lambda':
      return dom === 'amazonaws.com' && !region.startsWith('us-gov') && rng.chance(0.5)
        ? `${word(rng, 32, 32)}.lambda-url.${region}.on.aws`
        : `lambda.${region}.${dom}`
    case 'es': return `search-${word(rng, 3, 10)}-${word(rng, 26, 26)}.${region}.es.${dom}`
    case 'iam': return 'iam.amazonaws.com'
    default: return `${service}.${region}.${dom}`
  }
}

/**
 * @param {ReturnType<typeof makeRng>} rng
 * @param {{ s3Ratio?: number, portRatio?: number }} [opts]
 */
export function genRequest (rng, { s3Ratio = 0.2, portRatio = 0.15 } = {}) {
  const method = rng.pick(METHODS)
  const service = rng.chance(s3Ratio) ? 's3' : rng.pick(SERVICES)
  const region = service === 'iam' ? 'us-east-1' : rng.pick(REGIONS)

  let host
  const segs = []
  if (service === 's3') {
    const bucket = `${word(rng, 1, 1, 'abcdefghijklmnopqrstuvwxyz')}${word(rng, 2, 12, `${LOWER_ALNUM}-`)}${word(rng, 1, 1)}`
    const dom = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
    const style = rng.int(0, 2)
    if (style === 0) segs.push(bucket)              // path-style
    host = style === 0 ? `s3.${region}.${dom}`
      : style === 1 && region === 'us-east-1' ? `${bucket}.s3.amazonaws.com`
        : `${bucket}.s3.${region}.${dom}`
    for (let n = rng.int(0, 4); n > 0; n--) segs.push(s3Segment(rng))
  } else {
    host = genHost(rng, service, region)
    for (let n = rng.int(0, 5); n > 0; n--) segs.push(pathSegment(rng))
  }
  let path = `/${segs.join('/')}`
  if (segs.length && rng.chance(0.15)) path += '/'
  const port = rng.chance(portRatio) ? `:${rng.pick([8443, 4443, 8080, rng.int(1024, 65535)])}` : ''

  const url = new URL(`https://${host}${port}`)
  url.pathname = path
  const query = genQuery(rng)
  if (query) url.search = `?${query}`
  const href = query || !rng.chance(0.02) ? url.href : `${url.href}?` // rarely a bare '?'

  return { method, url: href, headers: genHeaders(rng), body: genBody(rng, method), service, region }
}

/**
 * The request as smithy should see it, built from its wire form:
 * - path: new URL(url).pathname, verbatim (smithy double-encodes it for non-S3);
 * - query: decoded from url.search by parseRawQuery ('+' a space, as
 *   sigv4-wasm reads it by default, or a literal plus with queryForm false;
 *   repeated keys -> arrays, valueless keys -> '' because smithy drops null
 *   values);
 * - headers: names lower-cased, duplicates joined with ',' in order, each
 *   value trimmed of spaces/tabs first (smithy only collapses the joined
 *   string, so "a " + " b" would otherwise canonicalise as "a , b"); smithy
 *   itself does NOT merge case-variant duplicates (X-A and x-a -> last wins);
 * - host header = url.host (includes a non-default port).
 */
export function toSmithyRequest (req, { trimDuplicates = true, queryForm = true } = {}) {
  const u = new URL(req.url)
  const joined = new Map()
  for (const [name, value] of req.headers) {
    const k = name.toLowerCase()
    if (k === 'host') continue
    const v = trimDuplicates ? value.replace(/^[ \t]+|[ \t]+$/g, '') : value
    joined.set(k, joined.has(k) ? `${joined.get(k)},${v}` : v)
  }
  joined.set('host', u.host)
  // Own properties, "__proto__" included (an assignment would drop it).
  const headers = Object.fromEntries(joined)
  return new HttpRequest({
    method: req.method,
    protocol: u.protocol,
    hostname: u.hostname,
    port: u.port ? Number(u.port) : undefined,
    path: u.pathname,
    query: parseRawQuery(u.search.slice(1), { form: queryForm }),
    headers,
    body: req.body ?? undefined,
  })
}
