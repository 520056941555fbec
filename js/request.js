// Input shaping: the caller's request and options checked and turned into
// the plain values one signing call needs (strings, bytes, flag bits). No
// canonicalisation here: that is the C side's.

import { F, MAX_LIST, RULES } from './abi.js'
import { fail } from './errors.js'

const STANDARD_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']

export function normalizeMethod (m) {
  if (m === undefined || m === null) return 'GET'
  if (typeof m !== 'string') fail('ERR_METHOD')
  // fetch upper-cases these six, and only these (not PATCH).
  const up = m.toUpperCase()
  return STANDARD_METHODS.includes(up) ? up : m
}

/** A URL string or object parsed, and what signing reads from it. */
export function parseNew (input) {
  if (typeof input !== 'string' && !(input instanceof URL)) {
    fail('ERR_URL', 'request.url must be an absolute URL string or a URL object')
  }
  let url
  try {
    url = new URL(input)
  } catch {
    fail('ERR_URL', 'request.url is not a valid absolute URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('ERR_URL', `only http: and https: URLs can be signed, not ${url.protocol}`)
  }
  if (url.username || url.password) {
    fail('ERR_URL', 'URLs with user:password@ cannot be signed (fetch refuses them too)')
  }
  return { url, host: url.host, path: url.pathname, query: url.search.slice(1) }
}

/** Headers in any accepted form as [name, value] pairs, duplicates kept. */
export function headerEntries (headers) {
  if (headers === undefined || headers === null) return []
  const out = []
  const add = (name, value) => {
    if (typeof name !== 'string') fail('ERR_HEADER_NAME', 'header names must be strings')
    if (Array.isArray(value)) {
      for (const v of value) out.push([name, String(v)])
    } else if (value !== undefined) {
      out.push([name, String(value)])
    }
  }
  if (typeof headers[Symbol.iterator] === 'function') {
    // Headers, Map, or [[name, value], ...]
    for (const pair of headers) {
      if (!pair || typeof pair !== 'object' || pair.length !== 2) {
        fail('ERR_HEADER_NAME', 'header arrays must hold [name, value] pairs')
      }
      add(pair[0], pair[1])
    }
  } else if (typeof headers === 'object') {
    for (const name of Object.keys(headers)) add(name, headers[name])
  } else {
    fail('ERR_HEADER_NAME', 'headers must be an object, a Headers or an array of [name, value] pairs')
  }
  return out
}

export const EMPTY = new Uint8Array(0)

/** A body (not a string) as a view of its bytes, without a copy. */
export function bodyBytes (body) {
  if (body === undefined || body === null) return EMPTY
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  if (typeof SharedArrayBuffer === 'function' && body instanceof SharedArrayBuffer) return new Uint8Array(body)
  const kind = Object.prototype.toString.call(body).slice(8, -1)
  fail('ERR_BODY', `sign() hashes string, ArrayBuffer and ArrayBufferView bodies; got ${kind}. For Blob, FormData, URLSearchParams and streams use createSignedFetch(), or pass options.payloadHash or options.unsignedPayload`)
}

export function credentialsOf (options) {
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
  return { accessKeyId, secretAccessKey, sessionToken: sessionToken || '' }
}

/** signingDate (default now) as Unix seconds. */
export function secondsOf (date) {
  if (date === undefined || date === null) return Math.floor(Date.now() / 1000)
  let d = date
  if (typeof d === 'string' || typeof d === 'number') d = new Date(d)
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    fail('ERR_DATE', 'signingDate must be a valid Date, ISO string or millisecond timestamp')
  }
  return Math.floor(d.getTime() / 1000)
}

const NO_NAMES = Object.freeze([])
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

const S3_PRESET = F.SINGLE_ENCODE | F.DOUBLE_ENCODE | F.NORMALIZE | F.NO_NORMALIZE |
  F.CONTENT_SHA256 | F.NO_CONTENT_SHA256

/** The options as flag bits (abi.js F); the call adds PRESIGN itself. */
export function flagsOf (options) {
  let f = 0
  if (options.s3 !== undefined && options.s3 !== null) {
    // S3's rules or the others', for the path and the payload header.
    f |= (options.s3 ? RULES.S3 : RULES.DEFAULT) & S3_PRESET
  }
  // Explicit finer options win over the s3 preset.
  if (options.normalizePath !== undefined) {
    f &= ~(F.NORMALIZE | F.NO_NORMALIZE)
    f |= pair(options.normalizePath, F.NORMALIZE, F.NO_NORMALIZE)
  }
  if (options.doubleEncodePath !== undefined) {
    f &= ~(F.SINGLE_ENCODE | F.DOUBLE_ENCODE)
    f |= pair(options.doubleEncodePath, F.DOUBLE_ENCODE, F.SINGLE_ENCODE)
  }
  if (options.signContentSha256 !== undefined) {
    f &= ~(F.CONTENT_SHA256 | F.NO_CONTENT_SHA256)
    f |= pair(options.signContentSha256, F.CONTENT_SHA256, F.NO_CONTENT_SHA256)
  }
  // Unset: the service's default (C's table: IoT's MQTT-over-WebSocket
  // endpoint, iotdevicegateway, wants the token outside the signature).
  f |= pair(options.appendSessionToken, F.TOKEN_AFTER, F.TOKEN_SIGNED)
  if (options.s3ExpressSession) f |= F.S3_SESSION_TOKEN
  if (options.queryFormEncoded) f |= F.QUERY_FORM
  if (options.signAllHeaders) f |= F.SIGN_ALL_HEADERS
  if (options.signOnlyHeaders) f |= F.SIGN_LISTED_ONLY
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
