// Input shaping: the caller's request and options checked and turned into
// the plain values one signing call needs (strings, bytes, flag bits). No
// canonicalisation here: that is the C side's.

import { MAX_LIST, F_SINGLE_ENCODE, F_DOUBLE_ENCODE, F_NORMALIZE, F_NO_NORMALIZE, F_CONTENT_SHA256, F_NO_CONTENT_SHA256, RULES_S3, RULES_DEFAULT, F_TOKEN_AFTER, F_TOKEN_SIGNED, F_S3_SESSION_TOKEN, F_QUERY_FORM, F_SIGN_ALL_HEADERS, F_SIGN_LISTED_ONLY } from './abi.js'
import { fail } from './errors.js'
import { encoder } from './arena.js'

const STANDARD_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']

// The names each call accepts; anything else is a mistake worth an error
// (TypeScript users get it from the types, JS users only from here).
export const REQUEST_FIELDS = ['method', 'url', 'headers', 'body', 'path']
// sign(), presign() and explain() take the same names, so that one options
// object serves all three (sign() has no use for expiresIn and presign).
export const SIGN_OPTIONS = ['credentials', 'region', 'service', 'signingDate', 's3', 'normalizePath',
  'doubleEncodePath', 'signContentSha256', 'unsignedPayload', 'payloadHash', 'queryFormEncoded',
  'appendSessionToken', 's3ExpressSession', 'signableHeaders', 'unsignableHeaders', 'signAllHeaders',
  'signOnlyHeaders', 'expiresIn', 'presign', 'algorithm', 'regionSet']
// Names users try that no call takes, with what to do instead.
export const NAME_HINTS = {
  region_set: 'the option is regionSet', regions: 'the option is regionSet (SigV4a)',
}

// Levenshtein distance, letters compared without case.
function distance (a, b) {
  a = a.toLowerCase()
  b = b.toLowerCase()
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    row = next
  }
  return row[b.length]
}

/** The known name closest to `name`, if one is close enough to be meant. */
export function closestName (name, known) {
  let best = null
  let bestD = Infinity
  for (const k of known) {
    // Close enough: a third of the longer name may differ ("retry" is
    // three edits from "retries").
    const d = distance(name, k)
    if (d < bestD && d <= Math.max(2, Math.ceil(Math.max(name.length, k.length) / 3))) {
      best = k
      bestD = d
    }
  }
  return best
}

/**
 * A checker for the names of an object: it throws ERR_OPTION for a name
 * that `known` does not list, naming the closest known one. The message
 * calls the object `what` (or what(arg), arg being the checker's second
 * argument); `elsewhere` maps names known to another call to a hint about
 * where they belong.
 */
export function nameChecker (known, what, elsewhere) {
  const ok = Object.create(null)
  for (const k of known) ok[k] = true
  return function check (obj, arg) {
    // for-in allocates nothing (this runs on every signature); what it
    // finds on a prototype (a Request's getters) is not the caller's to name.
    for (const name in obj) {
      if (ok[name] === true || !Object.hasOwn(obj, name)) continue
      const hint = (elsewhere && Object.hasOwn(elsewhere, name) && elsewhere[name]) || (Object.hasOwn(NAME_HINTS, name) && NAME_HINTS[name])
      const near = hint ? null : closestName(name, known)
      const whatText = typeof what === 'function' ? what(arg) : what
      fail('ERR_OPTION', `"${name}" is not a ${whatText}${hint ? `: ${hint}` : near ? `: did you mean "${near}"?` : ` (known: ${known.join(', ')})`}`)
    }
  }
}

export function normalizeMethod (m) {
  if (m === undefined || m === null) return 'GET'
  if (typeof m !== 'string') fail('ERR_METHOD')
  // fetch upper-cases these six, and only these (not PATCH).
  const up = m.toUpperCase()
  if (STANDARD_METHODS.includes(up)) return up
  if (up === 'PATCH' && m !== up) {
    fail('ERR_METHOD', `method "${m}" would go out as written: fetch uppercases only DELETE, GET, HEAD, OPTIONS, POST and PUT, and servers answer 400 to "${m}" (in browsers, a CORS error): write "PATCH"`)
  }
  return m
}

// WebSocket URLs (Transcribe streaming) can only be presigned: a browser's
// WebSocket sends no headers of the caller's.
const SIGNABLE_PROTOCOLS = ['https:', 'http:', 'wss:', 'ws:']
const isWebSocket = (url) => url.protocol === 'wss:' || url.protocol === 'ws:'

// The host's URL where it is complete. React Native's has no pathname nor
// search, and Hermes alone has no URL at all: there sigv4-wasm/js's parser
// (js/url.js, given by setUrlParser) reads the same parts.
// Chosen at the first call: parse(s, base) -> URL-like, or null (no way).
let fallbackParser = null
let parse
export function setUrlParser (p) {
  fallbackParser = p
  parse = undefined
}
function urlParse () {
  if (parse === undefined) {
    let complete = false
    try {
      const u = new URL('http://h/p?q#f')
      complete = u.pathname === '/p' && u.search === '?q' && u.hash === '#f' && u.origin === 'http://h'
    } catch {}
    // React Native has no location: without the host's URL, s is absolute.
    parse = complete ? (s, base) => new URL(s, base) : fallbackParser
  }
  return parse
}

/** s resolved against base (a page's location, or undefined) as fetch resolves it: its href. */
export function resolveHref (s, base) {
  const p = urlParse() || fail('ERR_URL', "this host's URL cannot resolve a URL: import from 'sigv4-wasm/js', which parses it itself")
  return p(s, base).href
}

/** A URL string or object parsed, and what signing reads from it. */
export function parseNew (input) {
  if (typeof input !== 'string' && !(typeof URL === 'function' && input instanceof URL)) {
    fail('ERR_URL', 'request.url must be an absolute URL string or a URL object')
  }
  const p = urlParse() || fail('ERR_URL', "this host's URL cannot read a URL's path and query: import from 'sigv4-wasm/js', which parses them itself")
  let url
  try {
    url = p(typeof input === 'string' ? input : input.href)
  } catch (e) {
    // (js/url.js says why where the host's URL says only that.)
    fail('ERR_URL', `request.url is not a valid absolute URL${p !== fallbackParser || e.message === 'Invalid URL' ? '' : `: ${e.message}`}`)
  }
  if (!SIGNABLE_PROTOCOLS.includes(url.protocol)) {
    fail('ERR_URL', `only http: and https: URLs can be signed (and wss: and ws: presigned), not ${url.protocol}`)
  }
  if (url.username || url.password) {
    fail('ERR_URL', 'URLs with user:password@ cannot be signed (fetch refuses them too)')
  }
  return { url, href: url.href, host: url.host, path: url.pathname, query: url.search.slice(1), webSocket: isWebSocket(url) }
}

/** Headers in any accepted form as [name, value] pairs, duplicates kept. */
export function headerEntries (headers) {
  const { names, values } = headerLists(headers)
  return names.map((name, i) => [name, values[i]])
}

/**
 * Headers (a Headers, a Map, [[name, value], ...] or a plain object; an
 * array value is one header per element, undefined none) as two lists,
 * names and values, in order: what sign() and verify() read.
 */
export function headerLists (headers) {
  const names = []
  const values = []
  const add = (name, value) => {
    if (typeof name !== 'string') fail('ERR_HEADER_NAME', 'header names must be strings')
    if (Array.isArray(value)) {
      for (const v of value) {
        names.push(name)
        values.push(String(v))
      }
    } else if (value !== undefined) {
      names.push(name)
      values.push(String(value))
    }
  }
  if (headers === undefined || headers === null) return { names, values }
  if (typeof headers[Symbol.iterator] === 'function') {
    // Headers, Map, or [[name, value], ...]
    for (const pair of headers) {
      if (!pair || typeof pair !== 'object' || pair.length !== 2) {
        fail('ERR_HEADER_NAME', 'header arrays must hold [name, value] pairs')
      }
      add(pair[0], pair[1])
    }
  } else if (typeof headers === 'object') {
    for (const name in headers) if (Object.hasOwn(headers, name)) add(name, headers[name])
  } else {
    fail('ERR_HEADER_NAME', 'headers must be an object, a Headers or an array of [name, value] pairs')
  }
  return { names, values }
}

export const EMPTY = /* @__PURE__ */ new Uint8Array(0)

/** A piece a body stream yielded, as bytes (a string as UTF-8), without a copy. */
export function chunkBytes (chunk) {
  if (chunk instanceof Uint8Array) return chunk
  if (typeof chunk === 'string') return encoder.encode(chunk)
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk)
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  fail('ERR_BODY', `a body stream yielded a ${Object.prototype.toString.call(chunk).slice(8, -1)} chunk: streams must yield bytes (Uint8Array)`)
}

/** Byte arrays joined into a new one (total: their length, if known). */
export function concatBytes (pieces, total = pieces.reduce((n, p) => n + p.length, 0)) {
  const out = new Uint8Array(total)
  let at = 0
  for (const p of pieces) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** A body (not a string) as a view of its bytes, without a copy. */
export function bodyBytes (body) {
  if (body === undefined || body === null) return EMPTY
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  if (typeof SharedArrayBuffer === 'function' && body instanceof SharedArrayBuffer) return new Uint8Array(body)
  const kind = Object.prototype.toString.call(body).slice(8, -1)
  fail('ERR_BODY', `sign() hashes string, ArrayBuffer and ArrayBufferView bodies; got ${kind}. For Blob, FormData, URLSearchParams and streams use createSignedFetch(), or pass options.payloadHash or options.unsignedPayload`)
}

export function credentialsOf (options, seconds) {
  const c = options.credentials
  if (!c || typeof c !== 'object') {
    fail('ERR_CREDENTIALS', 'options.credentials must be an object with accessKeyId and secretAccessKey')
  }
  const { accessKeyId, secretAccessKey, sessionToken } = c
  if (typeof accessKeyId !== 'string' || accessKeyId === '') {
    fail('ERR_CREDENTIALS', 'credentials.accessKeyId must be a non-empty string')
  }
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') {
    fail('ERR_CREDENTIALS', 'credentials.secretAccessKey must be a non-empty string')
  }
  if (sessionToken !== undefined && sessionToken !== null && typeof sessionToken !== 'string') {
    fail('ERR_CREDENTIALS', 'credentials.sessionToken must be a string when given')
  }
  // Credentials that say when they expire (providers' `expiration`) are
  // not used past it: AWS would refuse the signature anyway.
  if (c.expiration !== undefined && c.expiration !== null) {
    const ms = expirationMs(c.expiration, 'credentials')
    if (ms <= seconds * 1000) {
      fail('ERR_CREDENTIALS_EXPIRED', `the credentials expired at ${new Date(ms).toISOString()}, before the signing time ${new Date(seconds * 1000).toISOString()}: renew them (or use a provider with cachedCredentials, which does)`)
    }
  }
  return { accessKeyId, secretAccessKey, sessionToken: sessionToken || '', source: c }
}

// A string date says which time zone it is in: Z, an offset, or GMT / UTC.
const ZONED = /(?:\d(?:Z|[+-]\d\d:?\d\d)|\b(?:GMT|UTC|UT)(?:[+-]\d{4})?)\s*$/i
const DATE_ONLY = /^\d{4}-\d\d-\d\d$/ // UTC midnight, by the standard
// X-Amz-Date's form, its six fields captured.
export const AMZ_DATE = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/
// Below this a number is no millisecond timestamp of our time (it would be
// before March 1973) but, almost surely, seconds.
const MS_FLOOR = 1e11

/** A credential's expiration as milliseconds (Infinity: none); ERR_CREDENTIALS if unreadable. */
export function expirationMs (expiration, where) {
  if (expiration === undefined || expiration === null) return Infinity
  const ms = expiration instanceof Date ? expiration.getTime() : new Date(expiration).getTime()
  if (Number.isNaN(ms)) fail('ERR_CREDENTIALS', `${where}.expiration must be a Date, an ISO string or milliseconds`)
  return ms
}

/** signingDate (default now) as Unix seconds. */
export function secondsOf (date) {
  if (date === undefined || date === null) return Math.floor(Date.now() / 1000)
  let d = date
  if (typeof d === 'number') {
    if (d < MS_FLOOR) {
      fail('ERR_DATE', `signingDate ${d} is not a millisecond timestamp of our time${d > 0 ? ' (seconds since 1970?)' : ''}: pass milliseconds as Date.now() gives them, or a Date`)
    }
    d = new Date(d)
  } else if (typeof d === 'string') {
    // The usual form first: an ISO string in UTC ("...Z") parses as it is.
    const ms = d.endsWith('Z') ? Date.parse(d) : NaN
    const amz = Number.isNaN(ms) && AMZ_DATE.exec(d)
    if (amz) {
      d = new Date(Date.UTC(+amz[1], amz[2] - 1, +amz[3], +amz[4], +amz[5], +amz[6]))
    } else {
      if (Number.isNaN(ms) && !ZONED.test(d) && !DATE_ONLY.test(d)) {
        fail('ERR_DATE', `signingDate "${d}" has no time zone, so it would be read in this machine's zone: end it with Z or an offset ("2026-12-02T10:00:00Z")`)
      }
      d = new Date(Number.isNaN(ms) ? d : ms)
    }
  }
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    fail('ERR_DATE', 'signingDate must be a valid Date, an ISO 8601 string with a time zone, or a millisecond timestamp')
  }
  return Math.floor(d.getTime() / 1000)
}

const NO_NAMES = /* @__PURE__ */ Object.freeze([])
/** A header-name option (array or Set of strings) as an array. */
export function nameList (list, option) {
  if (list === undefined || list === null) return NO_NAMES
  if (typeof list === 'string' || typeof list[Symbol.iterator] !== 'function') {
    fail('ERR_OPTION', `options.${option} must be an array (or Set) of header names`)
  }
  const names = [...list]
  if (names.length > MAX_LIST) fail('ERR_OPTION', `at most ${MAX_LIST} header names per list`)
  for (const n of names) {
    if (typeof n !== 'string') fail('ERR_OPTION', `options.${option} must hold strings`)
  }
  return names
}

function pair (value, on, off) {
  if (value === undefined || value === null) return 0
  return value ? on : off
}

const S3_PRESET = F_SINGLE_ENCODE | F_DOUBLE_ENCODE | F_NORMALIZE | F_NO_NORMALIZE |
  F_CONTENT_SHA256 | F_NO_CONTENT_SHA256

/** The options as flag bits (abi.js F_*); the call adds PRESIGN itself. */
export function flagsOf (options) {
  let f = 0
  if (options.s3 !== undefined && options.s3 !== null) {
    // S3's rules or the others', for the path and the payload header.
    f |= (options.s3 ? RULES_S3 : RULES_DEFAULT) & S3_PRESET
  }
  // Explicit finer options win over the s3 preset.
  if (options.normalizePath !== undefined) {
    f &= ~(F_NORMALIZE | F_NO_NORMALIZE)
    f |= pair(options.normalizePath, F_NORMALIZE, F_NO_NORMALIZE)
  }
  if (options.doubleEncodePath !== undefined) {
    f &= ~(F_SINGLE_ENCODE | F_DOUBLE_ENCODE)
    f |= pair(options.doubleEncodePath, F_DOUBLE_ENCODE, F_SINGLE_ENCODE)
  }
  if (options.signContentSha256 !== undefined) {
    f &= ~(F_CONTENT_SHA256 | F_NO_CONTENT_SHA256)
    f |= pair(options.signContentSha256, F_CONTENT_SHA256, F_NO_CONTENT_SHA256)
  }
  // Unset: the service's default (C's table: IoT's MQTT-over-WebSocket
  // endpoint, iotdevicegateway, wants the token outside the signature).
  f |= pair(options.appendSessionToken, F_TOKEN_AFTER, F_TOKEN_SIGNED)
  if (options.s3ExpressSession) f |= F_S3_SESSION_TOKEN
  // '+' in a query is a space, as URLSearchParams and axios write it
  // (WHATWG's application/x-www-form-urlencoded), unless told otherwise.
  if (options.queryFormEncoded !== false) f |= F_QUERY_FORM
  if (options.signAllHeaders) f |= F_SIGN_ALL_HEADERS
  if (options.signOnlyHeaders) f |= F_SIGN_LISTED_ONLY
  return f
}

// The headers sign() returns, as they will be sent: one line per name.
// Repeated ones are joined as C signs them (each value trimmed, then ','),
// so that the receiver, which trims and folds that one line, reads what was
// signed. Own properties only: "constructor" and "__proto__" are header
// names too.
const OWS = /^[ \t]+|[ \t]+$/g
export function addHeader (out, lower, value) {
  if (Object.hasOwn(out, lower)) {
    out[lower] = `${out[lower].replace(OWS, '')},${value.replace(OWS, '')}`
  } else if (lower === '__proto__') {
    Object.defineProperty(out, lower, { value, enumerable: true, writable: true, configurable: true })
  } else {
    out[lower] = value
  }
}
