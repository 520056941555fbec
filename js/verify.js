// Verifying received requests. The C core parses what the signature claims
// and checks it all (sigv4w_verify, wasm/ABI.md "Verifying a request"):
// this file reads the request and its body, asks the caller for the secret
// of the claimed access key, and checks what only the caller knows (the
// regions and services it serves, its session tokens). One wasm call per
// request; a second, without the secret, only to name what is wrong with a
// request refused before it (so that a malformed request is always called
// malformed, whatever else is wrong with it).

import { OPT_UNSIGNED_PAYLOAD, OPT_STREAMING, KEY_BYTES, ALG_NAMES, C_CODES, C_MESSAGES, OUT_CREQ_OFF, OUT_CREQ_LEN, OUT_RESULT_LEN, OUT_RESULT_OFF, OUT_STS, OUT_STS_LEN, OUT_HEADER, CLAIMS_WORDS, CLAIMS_ACCESS_KEY_ID, CLAIMS_DATE, CLAIMS_REGION, CLAIMS_SERVICE, CLAIMS_AMZ_DATE, CLAIMS_SIGNED_HEADERS, CLAIMS_SIGNATURE, CLAIMS_SESSION_TOKEN, CLAIMS_REGION_SET, CLAIMS_CONTENT_SHA256, CLAIMS_TIME_HI, CLAIMS_TIME_LO, CLAIMS_PRESIGNED, CLAIMS_ALGORITHM, CLAIMS_EXPIRES, CLAIMS_POLICY, F_UNSIGNED_PRESIGN, ALG_ECDSA_P256_NAME } from './abi.js'
import { createChunkedVerifier } from './unchunk.js'
import { SigV4Error, fail } from './errors.js'
import { bytesToString, encoder } from './arena.js'
import { hashHex, hashedApart } from './hash.js'
import { headerLists, bodyBytes, normalizeMethod, nameChecker, flagsOf, EMPTY, concatBytes } from './request.js'
import { isBlob, isStreamBody, readAll } from './body.js'

const VERIFY_OPTIONS = ['credentials', 'region', 'service', 'now', 'maxSkewSeconds', 'allowUnsignedPayload',
  'debug', 's3', 'normalizePath', 'doubleEncodePath', 'queryFormEncoded', 'appendSessionToken', 's3ExpressSession']
const checkOptionNames = /* @__PURE__ */ nameChecker(VERIFY_OPTIONS, 'verify() option')
const checkRequestFields = /* @__PURE__ */ nameChecker(['method', 'url', 'headers', 'body', 'path'], 'verify() request field')
// S3's window: a request signed by headers is accepted this long either
// side of the server's clock, and a presigned URL this long before its date.
export const DEFAULT_MAX_SKEW_SECONDS = 900
const CREDENTIAL_PARAM = /(?:^|&)X-Amz-Credential=([^&]*)/i
const ALGORITHM_PARAM = /(?:^|&)X-Amz-Algorithm=([^&]*)/i
// The name lists sign() takes: verify() signs what the claims name.
const NO_NAMES = /* @__PURE__ */ Object.freeze([])
const V4A_ENTRY = 'SigV4a (AWS4-ECDSA-P256-SHA256) is verified by the entry "sigv4-wasm/v4a": import verify from it instead of "sigv4-wasm" (it verifies SigV4 too)'

/**
 * Verify a received request (js/index.d.ts `verify`) on a receiving side
 * { signer, instance, v4a }: the signer's caches, and `instance()`, the
 * wasm instance that verifies (wasm/ABI.md "Verifying a request"), or the
 * promise of it while it loads: the entry's receiving module, which checks
 * SigV4a signatures too when v4a. Resolves to { valid: true, ... } or
 * { valid: false, code, message }; rejects only for the caller's own
 * mistakes (bad options, a request that is no request). It waits only for
 * what it must (a module still loading, a body still to read, an async
 * lookup).
 */
export function verifyWith (side, request, options) {
  try {
    const o = verifyOptions(options)
    // The receiving side's module, imported or fetched on the first call.
    const loading = side.instance()
    if (typeof loading.then === 'function') return loading.then(() => verifyWith(side, request, options))
    const r = receivedRequest(request)
    if (r.body instanceof Promise) return r.body.then((body) => verifyReceived(side, { ...r, body }, o))
    return verifyReceived(side, r, o)
  } catch (e) {
    return Promise.reject(e)
  }
}

// verify() on a request already read: { method, path, query, names, values, body }.
function verifyReceived (side, r, o) {
  let quick = quickClaims(r)
  // Claims the loose reading missed (a parameter name percent-encoded, say)
  // are read strictly by C; the malformed are refused with C's code.
  if (!quick) {
    const parsed = parseOnly(side, r, o, quick)
    if (!parsed.claims) return Promise.resolve(parsed.refusal)
    quick = claimsOf(parsed.claims)
  }
  if (quick.v4a && !side.v4a) return Promise.resolve(refuse(side, r, o, quick, 'ERR_V4A_ENTRY', V4A_ENTRY))
  const scope = scopeRefusal(quick, o)
  if (scope) return Promise.resolve(refuse(side, r, o, quick, scope[0], scope[1]))
  let creds
  try {
    creds = o.credentials(quick.accessKeyId)
  } catch (e) {
    throw lookupError(e)
  }
  if (creds && typeof creds.then === 'function') {
    return creds.then((c) => checkWith(side, r, o, quick, c), (e) => { throw lookupError(e) })
  }
  return Promise.resolve(checkWith(side, r, o, quick, creds))
}

// A refusal for what JS checks, unless the strict parse has an earlier
// one: one code per request, whichever check would have caught it.
function refuse (side, r, o, quick, code, message) {
  const parsed = parseOnly(side, r, o, quick)
  return parsed.claims ? refused(parsed.claims, code, message) : parsed.refusal
}

// The claims and time checked without a secret: { claims } when they hold,
// else { refusal }. Never a verdict of valid.
function parseOnly (side, r, o, quick) {
  const [rc, claims] = call(side, r, o, null, quick)
  return rc === 0 ? { claims } : { refusal: refusal(rc, claims) }
}

// What quickClaims() gives, from claims C parsed.
function claimsOf (claims) {
  return {
    accessKeyId: claims.accessKeyId,
    v4a: claims.algorithm === ALG_ECDSA_P256_NAME,
    date: claims.signedAt.toISOString().slice(0, 10).replace(/-/g, ''),
    region: claims.region || '',
    service: claims.service,
  }
}

function lookupError (e) {
  return new SigV4Error('ERR_CREDENTIALS', `options.credentials threw for an access key: ${e && e.message}`)
}

// The signature checked with the secret the lookup gave.
function checkWith (side, r, o, quick, creds) {
  if (creds === null || creds === undefined) return refuse(side, r, o, quick, 'ERR_UNKNOWN_KEY', 'the access key is not one this endpoint knows')
  if (typeof creds !== 'object' || typeof creds.secretAccessKey !== 'string' || creds.secretAccessKey === '') {
    fail('ERR_CREDENTIALS', 'options.credentials must return { secretAccessKey, sessionToken? } or null')
  }
  const [rc, claims, cacheKey] = call(side, r, o, creds, quick)
  if (rc !== 0) return refusal(rc, claims)
  if (claims.accessKeyId !== quick.accessKeyId) return refused(claims, 'ERR_AUTH', C_MESSAGES.ERR_AUTH)
  if (claims.regionSet) {
    const refusedSet = regionSetRefusal(claims.regionSet, o)
    if (refusedSet) return refused(claims, refusedSet[0], refusedSet[1])
  }
  const token = creds.sessionToken || ''
  if (token !== (claims.sessionToken || '')) {
    return refused(claims, 'ERR_SESSION_TOKEN', token ? 'the request does not carry the session token of its access key' : 'the request carries a session token its access key does not have')
  }
  if (claims.payload === 'streaming') return unchunked(side, r, claims, cacheKey)
  claims.valid = true
  return claims
}

// An aws-chunked body (STREAMING-* payload) decoded, every chunk's and the
// trailer's signature checked from the request's own: the result's body is
// the data. Event streams are not aws-chunked: refused, not guessed at.
function unchunked (side, r, claims, cacheKey) {
  const header = (name) => {
    const i = r.names.findIndex((n) => n.toLowerCase() === name)
    return i < 0 ? undefined : r.values[i].trim()
  }
  const marker = header('x-amz-content-sha256')
  if (marker.endsWith('-EVENTS')) {
    return refused(claims, 'ERR_UNSIGNED_PAYLOAD', 'an event-stream body (STREAMING-*-EVENTS) is signed message by message: verify() does not check it')
  }
  // S3 decodes the body only when it says it is aws-chunked.
  const encoding = header('content-encoding')
  if (!encoding || !encoding.split(',').some((e) => e.trim().toLowerCase() === 'aws-chunked')) {
    return refused(claims, 'ERR_CHUNK', 'a STREAMING-* payload is sent with content-encoding: aws-chunked')
  }
  const length = header('x-amz-decoded-content-length')
  if (length === undefined || !/^\d{1,16}$/.test(length)) {
    return refused(claims, 'ERR_DECODED_LENGTH', 'an aws-chunked body needs x-amz-decoded-content-length, a decimal number of bytes')
  }
  const trailer = header('x-amz-trailer')
  const unsigned = marker === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'
  const key = unsigned ? null : side.signer.keyCache.get(cacheKey).bytes.slice(0, KEY_BYTES)
  try {
    const verifier = createChunkedVerifier(side.instance, {
      key,
      amzDate: claims.signedAt.toISOString().replace(/[-:]|\.\d{3}/g, ''),
      seed: claims.signature,
      decodedLength: Number(length),
      trailers: trailer ? trailer.split(',').map((t) => t.trim()) : [],
    })
    const pieces = verifier.update(r.body)
    verifier.end()
    return { ...claims, valid: true, body: concatBytes(pieces) }
  } catch (e) {
    if (!(e instanceof SigV4Error)) throw e
    return refused(claims, e.code, e.message)
  } finally {
    if (key) key.fill(0)
  }
}


function refusal (rc, claims) {
  const code = C_CODES[-rc] || 'ERR_UNKNOWN'
  return refused(claims, code, C_MESSAGES[code] || code)
}

function verifyOptions (options) {
  if (!options || typeof options !== 'object') fail('ERR_OPTION', 'verify(request, options): options with credentials, region and service are required')
  checkOptionNames(options)
  const { credentials, region, service, now, maxSkewSeconds } = options
  let lookup = credentials
  if (credentials && typeof credentials === 'object') {
    // One credential: its secret for its access key only.
    lookup = (akid) => akid === credentials.accessKeyId ? credentials : null
  } else if (typeof credentials !== 'function') {
    fail('ERR_CREDENTIALS', 'options.credentials must be a function (accessKeyId) => ({ secretAccessKey, sessionToken }) or null, or one { accessKeyId, secretAccessKey } object')
  }
  const skew = maxSkewSeconds === undefined ? DEFAULT_MAX_SKEW_SECONDS : maxSkewSeconds
  if (!Number.isInteger(skew) || skew < 0 || skew > 0x7fffffff) fail('ERR_OPTION', 'maxSkewSeconds must be a whole number of seconds')
  const ms = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now
  if (typeof ms !== 'number' || !Number.isFinite(ms)) fail('ERR_OPTION', 'options.now must be a Date or milliseconds')
  return {
    credentials: lookup,
    regions: accepted(region, 'region'),
    services: accepted(service, 'service'),
    seconds: Math.floor(ms / 1000),
    skew,
    flags: flagsOf(options),
    allowUnsigned: options.allowUnsignedPayload === true,
    debug: options.debug === true,
  }
}

// The values an endpoint accepts: a string or an array of them; '*' is any.
function accepted (value, name) {
  if (typeof value === 'string' && value !== '') return value === '*' ? null : [value]
  const list = Array.isArray(value) ? value : null
  if (!list || list.length === 0 || list.some((v) => typeof v !== 'string' || v === '')) {
    fail('ERR_OPTION', `options.${name} must say which ${name}s this endpoint accepts: a string or an array of them ('*' for any)`)
  }
  return list.includes('*') ? null : list
}

// The request as received. Its URL is split, not parsed: new URL() would
// rewrite dot segments and some escapes. A raw `path` (the request target
// as it came) wins over the URL's. The body may still be a promise.
function receivedRequest (request) {
  if (!request || typeof request !== 'object') fail('ERR_URL', 'verify(request): request must be a fetch Request or { method, url, headers, body, path }')
  const isFetchRequest = typeof Request === 'function' && request instanceof Request
  if (!isFetchRequest) checkRequestFields(request)
  const url = splitUrl(typeof request.url === 'string' ? request.url : String(request.url && request.url.href))
  if (!url) fail('ERR_URL', 'request.url must be the absolute URL the request was sent to')
  let target = url.target || '/'
  if (!isFetchRequest && request.path !== undefined) {
    if (typeof request.path !== 'string' || request.path[0] !== '/') fail('ERR_PATH', 'request.path must be the request target as received, starting with "/"')
    target = request.path
  }
  const q = target.indexOf('?')
  const { names, values } = headerLists(request.headers)
  let host = false
  for (let i = 0; i < names.length && !host; i++) host = names[i].length === 4 && names[i].toLowerCase() === 'host'
  // fetch's Request has no host header: the URL's host is what was sent.
  if (!host) {
    names.push('host')
    values.push(url.host)
  }
  return {
    method: normalizeMethod(request.method),
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    names,
    values,
    body: isFetchRequest ? request.arrayBuffer().then((b) => new Uint8Array(b)) : bodyOf(request.body),
  }
}

// scheme://[userinfo@]host[target][#fragment] as { host, target }, or null:
// the scheme a letter then letters, digits, '+', '-' or '.'; the host what
// follows the first '@' (if any) up to '/', '?' or '#'; the target what
// follows it up to '#'. By hand: a regular expression costs a noticeable
// part of a verification.
function splitUrl (s) {
  const colon = s.indexOf(':')
  if (colon < 1 || s.charCodeAt(colon + 1) !== 0x2f || s.charCodeAt(colon + 2) !== 0x2f) return null
  for (let i = 0; i < colon; i++) {
    const c = s.charCodeAt(i)
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
    if (!letter && (i === 0 || !((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e))) return null
  }
  const start = colon + 3
  const hash = s.indexOf('#', start)
  let end = hash < 0 ? s.length : hash
  const slash = s.indexOf('/', start)
  if (slash >= 0 && slash < end) end = slash
  const question = s.indexOf('?', start)
  if (question >= 0 && question < end) end = question
  const at = s.indexOf('@', start)
  return { host: s.slice(at >= 0 && at < end ? at + 1 : start, end), target: s.slice(end, hash < 0 ? s.length : hash) }
}

// The body's bytes, or a promise of them.
function bodyOf (body) {
  if (typeof body === 'string') return encoder.encode(body)
  if (isBlob(body)) return body.arrayBuffer().then((b) => new Uint8Array(b))
  if (isStreamBody(body)) return readAll(body)
  return bodyBytes(body)
}

// The claimed access key and scope, read loosely to look up the secret; the
// C core reads them strictly, and refuses a request whose claims are not
// these.
function quickClaims (r) {
  let alg, credential
  const { names, values } = r
  let i = 0
  while (i < names.length && !(names[i].length === 13 && names[i].toLowerCase() === 'authorization')) i++
  if (i < names.length) {
    const v = values[i]
    alg = v.slice(0, v.indexOf(' '))
    const at = v.indexOf('Credential=') + 11
    if (at >= 11) {
      const end = v.indexOf(',', at)
      credential = v.slice(at, end < 0 ? v.length : end)
    }
  } else {
    alg = decoded((ALGORITHM_PARAM.exec(r.query) || [])[1])
    credential = decoded((CREDENTIAL_PARAM.exec(r.query) || [])[1])
  }
  if (!credential || !ALG_NAMES.includes(alg)) return null
  // <akid>/<date>/<region>/<service>/aws4_request (SigV4a: no region).
  const v4a = alg === ALG_ECDSA_P256_NAME
  const a = credential.indexOf('/')
  const b = credential.indexOf('/', a + 1)
  const c = credential.indexOf('/', b + 1)
  const d = credential.indexOf('/', c + 1)
  const last = v4a ? c : d
  if (a < 0 || b < 0 || c < 0 || last < 0 || credential.indexOf('/', last + 1) >= 0) return null
  return {
    accessKeyId: credential.slice(0, a),
    v4a,
    date: credential.slice(a + 1, b),
    region: v4a ? '' : credential.slice(b + 1, c),
    service: v4a ? credential.slice(b + 1, c) : credential.slice(c + 1, d),
  }
}

// s.split(separator), without String.prototype.split's cost on a string
// met once (it is fast only for a string it split before).
function splitList (s, separator) {
  const out = []
  let at = 0
  for (let i = s.indexOf(separator); i >= 0; i = s.indexOf(separator, at)) {
    out.push(s.slice(at, i))
    at = i + 1
  }
  out.push(s.slice(at))
  return out
}

function decoded (s) {
  if (s === undefined) return undefined
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

// Why the claimed scope is not one this endpoint serves, or null. SigV4a
// names no region: its region set must include one the endpoint serves.
function scopeRefusal (quick, o) {
  if (o.services && !o.services.includes(quick.service)) {
    return ['ERR_WRONG_SERVICE', `the request is signed for service "${quick.service}", which this endpoint does not serve`]
  }
  if (o.regions && !quick.v4a && !o.regions.includes(quick.region)) {
    return ['ERR_WRONG_REGION', `the request is signed for region "${quick.region}", which this endpoint does not serve`]
  }
  return null
}

function regionSetRefusal (regionSet, o) {
  if (!o.regions) return null
  const set = regionSet.split(',')
  const covers = (pattern, region) => pattern === region ||
    (pattern.endsWith('*') && region.startsWith(pattern.slice(0, -1)))
  if (o.regions.some((region) => set.some((p) => covers(p, region)))) return null
  return ['ERR_WRONG_REGION', `the request's region set "${regionSet}" includes no region this endpoint serves`]
}

// One sigv4w_verify call; without creds it checks the claims and the time
// only. [C's result code, the claims read].
function call (side, r, o, creds, quick) {
  // Claims of either algorithm parse in either module; checking a SigV4a
  // signature takes sigv4a-verify.wasm.
  const w = side.instance()
  let bodyHash = ''
  let body = EMPTY
  if (creds) {
    // As sign() does: hashed here where node:crypto is faster than the
    // wasm, else travels with the call up to a size that fits.
    if (hashedApart(r.body.length)) bodyHash = hashHex(w, r.body)
    else body = r.body
  }
  const c = {
    method: r.method,
    path: r.path,
    query: r.query,
    names: r.names,
    values: r.values,
    signedNames: NO_NAMES,
    unsignedNames: NO_NAMES,
    creds: { accessKeyId: quick ? quick.accessKeyId : '', secretAccessKey: creds ? creds.secretAccessKey : '', sessionToken: '', source: creds },
    seconds: o.seconds,
    keyDay: quick ? dayOf(quick.date) : 0,
    flags: o.flags,
    expires: o.skew,
    capture: o.debug && !!creds,
    // STREAMING-* payloads are checked here, chunk by chunk.
    options: (o.allowUnsigned ? OPT_UNSIGNED_PAYLOAD : 0) | OPT_STREAMING,
    v4a: !!(quick && quick.v4a),
    region: quick ? quick.region : '',
    service: quick ? quick.service : '',
    regionSet: '',
    payloadHash: undefined,
    bodyHash,
    bodyText: '',
    body,
    cacheKey: '',
    vouched: false,
    stale: false,
  }
  const out = side.signer.write(w, c)
  const rc = w.x.sigv4w_verify()
  const { u8, u32 } = w
  let res
  const o4 = out >>> 2
  try {
    const recLen = u32[o4 + (OUT_RESULT_LEN >>> 2)]
    res = recLen ? readClaims(w, u32[o4 + (OUT_RESULT_OFF >>> 2)], recLen, r.body) : {}
    // A key derived for a signature that did not match is still the key
    // of its scope: kept.
    if (rc === 0 || C_CODES[-rc] === 'ERR_SIGNATURE_MISMATCH') side.signer.keepNewKey(w, c, out)
    if (c.capture) {
      res.canonicalRequest = bytesToString(w, u32[o4 + (OUT_CREQ_OFF >>> 2)], u32[o4 + (OUT_CREQ_LEN >>> 2)])
      res.stringToSign = bytesToString(w, out + OUT_STS, u32[o4 + (OUT_STS_LEN >>> 2)])
    }
  } finally {
    // As after signing: the secret and the keys are below the output
    // header's end; the claims, the scratch and a captured canonical
    // request after it are the request's own bytes.
    u8.fill(0, 0, out + OUT_HEADER)
  }
  return [rc, res, c.cacheKey]
}

// The day number of a credential's date (the key cache's), the last one
// kept: a server sees the same date all day.
let lastDay = ['', 0]
function dayOf (yyyymmdd) {
  if (lastDay[0] !== yyyymmdd) {
    const t = Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8))
    lastDay = [yyyymmdd, Number.isNaN(t) ? 0 : t / 86400000]
  }
  return lastDay[1]
}

// The claims record (abi.js CLAIMS_*) as the result's fields: its strings,
// which follow it in the record's order, decoded at once.
function readClaims (w, rec, len, body) {
  const u32 = w.u32
  const at = rec >>> 2
  const text = bytesToString(w, rec + CLAIMS_WORDS * 4, len - CLAIMS_WORDS * 4)
  let pos = 0
  const next = (field) => text.slice(pos, (pos += u32[at + field]))
  const accessKeyId = next(CLAIMS_ACCESS_KEY_ID)
  next(CLAIMS_DATE)
  const region = next(CLAIMS_REGION)
  const service = next(CLAIMS_SERVICE)
  next(CLAIMS_AMZ_DATE)
  const signedHeaders = next(CLAIMS_SIGNED_HEADERS)
  const signature = next(CLAIMS_SIGNATURE)
  const sessionToken = next(CLAIMS_SESSION_TOKEN)
  const regionSet = next(CLAIMS_REGION_SET)
  const contentSha256 = next(CLAIMS_CONTENT_SHA256)
  const ms = (u32[at + CLAIMS_TIME_HI] * 4294967296 + u32[at + CLAIMS_TIME_LO]) * 1000
  const presigned = u32[at + CLAIMS_PRESIGNED] === 1
  // The result as it will be returned: valid only once every check passed.
  return {
    valid: false,
    accessKeyId,
    algorithm: ALG_NAMES[u32[at + CLAIMS_ALGORITHM]],
    region: region || undefined,
    service,
    signedHeaders: splitList(signedHeaders, ';'),
    signature,
    presigned,
    signedAt: new Date(ms),
    expiresAt: presigned ? new Date(ms + u32[at + CLAIMS_EXPIRES] * 1000) : undefined,
    sessionToken: sessionToken || undefined,
    regionSet: regionSet || undefined,
    payload: payloadKind(contentSha256, presigned && (u32[at + CLAIMS_POLICY] & F_UNSIGNED_PRESIGN) !== 0),
    body,
  }
}

// What the signature covers of the body: 'signed' (its hash), 'unsigned',
// or 'streaming' (aws-chunked, each chunk signed).
function payloadKind (contentSha256, unsignedPresign) {
  if (contentSha256.startsWith('STREAMING-')) return 'streaming'
  if (contentSha256 === 'UNSIGNED-PAYLOAD') return 'unsigned'
  return unsignedPresign && contentSha256 === '' ? 'unsigned' : 'signed'
}

// A refusal: { valid: false, code, message } first, then the claims that
// were read, without the body.
function refused (claims, code, message) {
  const { valid, body, ...rest } = claims
  return { valid: false, code, message, ...rest }
}
