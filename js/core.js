// sigv4-wasm: the JS side of the boundary. It shapes input (URL, headers,
// body, credentials) into the arena, makes one call, and reads the answer.
// It never canonicalises anything: the C core is the single source of truth.
// The arena layout is wasm/ABI.md.

import { inferScope } from './infer.js'

// ---------------------------------------------------------------------------
// Errors

// Mirrors src/sigv4.h (tests/js/errors.test.js checks it): C code -> name.
const C_CODES = [
  'OK', 'ERR_PARAM', 'ERR_SPACE', 'ERR_SCRATCH', 'ERR_DATE', 'ERR_KEY_SCOPE',
  'ERR_METHOD', 'ERR_PATH', 'ERR_HEADER_NAME', 'ERR_HEADER_VALUE',
  'ERR_HEADER_RESERVED', 'ERR_HOST', 'ERR_QUERY', 'ERR_QUERY_RESERVED',
  'ERR_EXPIRES', 'ERR_PAYLOAD_HASH', 'ERR_ACCESS_KEY', 'ERR_SECRET',
  'ERR_TOKEN', 'ERR_REGION', 'ERR_SERVICE', 'ERR_ABI',
]

const MESSAGES = {
  ERR_PARAM: 'invalid argument: contradictory options',
  ERR_SPACE: 'the signed output does not fit the signer\'s fixed 1 MiB memory',
  ERR_SCRATCH: 'request too large for the signer\'s fixed 1 MiB memory (headers, URL and small body together)',
  ERR_DATE: 'signingDate must be a valid date between 1970 and 9999',
  ERR_KEY_SCOPE: 'internal error: signing key scope does not match the date',
  ERR_METHOD: 'method must be a non-empty HTTP token such as GET or POST',
  ERR_PATH: 'the request path must start with "/" and must not contain NUL, CR or LF',
  ERR_HEADER_NAME: 'a header name is empty or contains characters not allowed in HTTP header names (spaces, colons, non-ASCII...)',
  ERR_HEADER_VALUE: 'a header value contains NUL or a line break (CR/LF) that is not a folded continuation line',
  ERR_HEADER_RESERVED: 'the request already has a header the signer sets itself (authorization, x-amz-date, x-amz-security-token, x-amz-region-set): remove it',
  ERR_HOST: 'the host header must match the URL\'s host (it is taken from the URL)',
  ERR_QUERY: 'the query contains NUL, CR or LF',
  ERR_QUERY_RESERVED: 'the URL already has a parameter the signer sets (X-Amz-Signature, X-Amz-Credential, X-Amz-Date, ...): is it already signed?',
  ERR_EXPIRES: 'expiresIn must be an integer number of seconds from 1 to 604800 (7 days)',
  ERR_PAYLOAD_HASH: 'payloadHash must be 64 lowercase hex digits, UNSIGNED-PAYLOAD or a STREAMING-* marker',
  ERR_ACCESS_KEY: 'credentials.accessKeyId must be printable ASCII without spaces, "/" or ","',
  ERR_SECRET: 'credentials.secretAccessKey must be a non-empty string',
  ERR_TOKEN: 'credentials.sessionToken must be printable ASCII',
  ERR_REGION: 'region must be 1-63 characters of A-Z a-z 0-9 . _ * -',
  ERR_SERVICE: 'service must be 1-63 characters of A-Z a-z 0-9 . _ -',
  ERR_ABI: 'internal error: the JS glue and the wasm module do not match',
}

export class SigV4Error extends Error {
  constructor (code, message, errno) {
    super(message)
    this.name = 'SigV4Error'
    this.code = code
    if (errno !== undefined) this.errno = errno
  }
}

function fail (code, message) {
  throw new SigV4Error(code, message || MESSAGES[code] || code)
}

function failC (rc) {
  const code = C_CODES[-rc] || 'ERR_UNKNOWN'
  throw new SigV4Error(code, MESSAGES[code] || `signing failed (${rc})`, rc)
}

// ---------------------------------------------------------------------------
// Loading. One instance per module load; memory is fixed, so the views made
// here never detach.

let wasm = null
let initPromise = null

function attach (instance) {
  const x = instance.exports
  const base = x.sigv4w_arena()
  const size = x.sigv4w_arena_size()
  // Node's and Bun's Buffer over the same bytes: it makes one-byte strings
  // from them at half TextDecoder's cost (70 against 150-190 ns for a
  // GET's 270 bytes of output).
  const B = globalThis.Buffer
  wasm = {
    x,
    u8: new Uint8Array(x.memory.buffer, base, size),
    u32: new Uint32Array(x.memory.buffer, base, size >>> 2),
    bytes: typeof B === 'function' && typeof B.from === 'function' ? B.from(x.memory.buffer, base, size) : null,
    size,
  }
}

function isModule (src) {
  return typeof WebAssembly.Module === 'function' && src instanceof WebAssembly.Module
}

async function instantiateAsync (src) {
  src = await src
  if (src && typeof src.arrayBuffer === 'function' && !ArrayBuffer.isView(src)) {
    src = await src.arrayBuffer() // a Response
  }
  if (isModule(src)) return WebAssembly.instantiate(src, {})
  const { instance } = await WebAssembly.instantiate(src, {})
  return instance
}

export function makeLoader (defaultSource) {
  async function init (source) {
    if (wasm) return
    if (source === undefined && !initPromise) {
      // The module that comes with the package is small enough to compile
      // synchronously everywhere (that is what the first sign() does when
      // init() was not awaited); in Node this saves the 1.5-2 ms that the
      // asynchronous compile's round trip through the event loop costs.
      try {
        initSync()
        return
      } catch {
        // e.g. a host that allows only asynchronous compiles: below
      }
    }
    if (!initPromise) {
      initPromise = instantiateAsync(source === undefined ? defaultSource() : source)
        .then(attach, (e) => {
          initPromise = null
          throw e
        })
    }
    return initPromise
  }
  function initSync (source) {
    if (wasm) return
    const src = source === undefined ? defaultSource() : source
    const mod = isModule(src) ? src : new WebAssembly.Module(src)
    attach(new WebAssembly.Instance(mod, {}))
  }
  return { init, initSync }
}

let autoInit = null
export function setAutoInit (fn) {
  autoInit = fn
}

function ready () {
  if (!wasm) {
    try {
      if (autoInit) autoInit()
    } catch (e) {
      fail('ERR_NOT_INITIALIZED', `call "await init()" before signing (synchronous load failed: ${e.message})`)
    }
    if (!wasm) fail('ERR_NOT_INITIALIZED', 'call "await init()" before signing')
  }
  return wasm
}

// ---------------------------------------------------------------------------
// The arena (wasm/ABI.md)

const MAGIC = 0x53563403
const D = {
  FLAGS: 1, EXPIRES: 2, OPTIONS: 3, TIME_LO: 4, TIME_HI: 5, METHOD: 6, PATH: 8,
  QUERY: 10, AKID: 12, SECRET: 14, TOKEN: 16, REGION: 18, SERVICE: 20,
  PAYLOAD: 22, BODY: 24, CACHED_KEY: 26, HEADERS: 28, SIGNED: 30,
  UNSIGNED: 32, OUTPUT: 34,
}
const STRINGS_START = 256
const OUT = {
  RESULT_LEN: 0, CREQ_LEN: 4, STS_LEN: 8, KEY_NEW: 12, RESULT_OFF: 16,
  CREQ_OFF: 20, STS: 32, KEY: 352, HEADER: 624, HEAD_BYTES: 80,
}
// A cached key: the C key struct (key, HMAC pads, scope) + the key id.
const KEY_BYTES = 264
const OPT_CAPTURE = 1
// The C side's header table (ABI.md); more is a request too large to sign.
const MAX_HEADERS = 4096
// The wasm hashes large inputs in chunks of this size.
const CHUNK = 64 * 1024

export const F = {
  PRESIGN: 0x1, SINGLE_ENCODE: 0x2, DOUBLE_ENCODE: 0x4, NORMALIZE: 0x8,
  NO_NORMALIZE: 0x10, CONTENT_SHA256: 0x20, NO_CONTENT_SHA256: 0x40,
  TOKEN_AFTER: 0x80, QUERY_FORM: 0x100, SIGN_ALL_HEADERS: 0x200,
  SIGN_LISTED_ONLY: 0x400,
}

const encoder = new TextEncoder()

// ---------------------------------------------------------------------------
// Writing one call into the arena: the descriptor, then the header and
// name-list tables, the strings, the secret, the body and the cached key,
// then the output (ABI.md).

// Strings go in one by one, ASCII by a plain loop: that is what nearly
// every string of a request is, and a loop beats encodeInto's binding
// (Chromium: 150 ns against 2 us for a GET's strings; Node: a little
// faster too). A string with other characters is rewritten whole: as
// UTF-8 (kind UTF8: URL parts, credentials, scope) or, for header names
// and values, as bytes (HTTP sends them as latin1; kind is then the error
// code for a character above U+00FF). Its (offset, length) go to the
// descriptor words at `slot`.
const UTF8 = 'UTF8'
function putString (u8, u32, pos, limit, slot, s, kind) {
  let end = putAscii(u8, pos, limit, s)
  if (end < 0) end = kind === UTF8 ? putUtf8(u8, pos, limit, s) : putLatin1(u8, pos, limit, s, kind)
  u32[slot] = pos
  u32[slot + 1] = end - pos
  return end
}

// The string's bytes if it is all ASCII, and the end; else -1.
function putAscii (u8, pos, limit, s) {
  if (s.length > limit - pos) fail('ERR_SCRATCH')
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0x7f) return -1
    u8[pos + i] = c
  }
  return pos + s.length
}

function putUtf8 (u8, pos, limit, s) {
  const r = encoder.encodeInto(s, u8.subarray(pos, limit))
  if (r.read < s.length) fail('ERR_SCRATCH')
  return pos + r.written
}

// Characters above U+00FF cannot go on the wire in a header at all.
function putLatin1 (u8, pos, limit, s, code) {
  if (s.length > limit - pos) fail('ERR_SCRATCH')
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0xff) {
      fail(code, `a header ${code === 'ERR_HEADER_NAME' ? 'name' : 'value'} contains a character above U+00FF, which HTTP cannot carry (encode it first, e.g. with encodeURIComponent)`)
    }
    u8[pos + i] = c
  }
  return pos + s.length
}

// The session token (330 to over 1000 characters from STS) is the same on
// every call with the same credentials: its bytes are kept, and copied.
// It is no secret from the wire: every request carries it in a header.
let tokenText = ''
let tokenBytes = new Uint8Array(0)
function putToken (u8, u32, pos, limit, token) {
  if (token !== tokenText) {
    tokenBytes = encoder.encode(token)
    tokenText = token
  }
  return putBytes(u8, u32, pos, limit, D.TOKEN, tokenBytes)
}

function putBytes (u8, u32, pos, limit, word, bytes) {
  if (bytes.length > limit - pos) fail('ERR_SCRATCH')
  u8.set(bytes, pos)
  u32[word] = pos
  u32[word + 1] = bytes.length
  return pos + bytes.length
}

// ---------------------------------------------------------------------------
// Input shaping

const STANDARD_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']

function normalizeMethod (m) {
  if (m === undefined || m === null) return 'GET'
  if (typeof m !== 'string') fail('ERR_METHOD')
  // fetch upper-cases these six, and only these (not PATCH).
  const up = m.toUpperCase()
  return STANDARD_METHODS.includes(up) ? up : m
}

// The last URL strings parsed, with what was read from them: AWS's JSON
// APIs (DynamoDB, SQS, Lambda, ...) send every request to one URL, and
// parsing one costs 0.7 us in Chromium, a tenth of a signature. Nothing
// here changes a URL object it holds.
const parsedUrls = new Map()

function parseUrl (request) {
  const input = request.url
  let parsed = typeof input === 'string' ? parsedUrls.get(input) : undefined
  if (parsed === undefined) {
    parsed = parseNew(input)
    if (typeof input === 'string') {
      if (parsedUrls.size >= KEY_CACHE_MAX) parsedUrls.delete(parsedUrls.keys().next().value)
      parsedUrls.set(input, parsed)
    }
  }
  let { url, host, path, query } = parsed
  // The request target exactly as an HTTP client that does not parse URLs
  // sends it (Node's http.request): kept byte for byte.
  if (request.path !== undefined) {
    if (typeof request.path !== 'string') fail('ERR_PATH')
    const q = request.path.indexOf('?')
    path = q < 0 ? request.path : request.path.slice(0, q)
    query = q < 0 ? '' : request.path.slice(q + 1)
  }
  return { url, host, path, query }
}

function parseNew (input) {
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

function headerEntries (headers) {
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

function bodyBytes (body) {
  if (body === undefined || body === null) return EMPTY
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  if (typeof SharedArrayBuffer === 'function' && body instanceof SharedArrayBuffer) return new Uint8Array(body)
  const kind = Object.prototype.toString.call(body).slice(8, -1)
  fail('ERR_BODY', `sign() hashes string, ArrayBuffer and ArrayBufferView bodies; got ${kind}. For Blob, FormData, URLSearchParams and streams use createSignedFetch(), or pass options.payloadHash or options.unsignedPayload`)
}
const EMPTY = new Uint8Array(0)

function credentialsOf (options) {
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

function secondsOf (date) {
  if (date === undefined || date === null) return Math.floor(Date.now() / 1000)
  let d = date
  if (typeof d === 'string' || typeof d === 'number') d = new Date(d)
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    fail('ERR_DATE', 'signingDate must be a valid Date, ISO string or millisecond timestamp')
  }
  return Math.floor(d.getTime() / 1000)
}

const NO_NAMES = Object.freeze([])
function nameList (list, option) {
  if (list === undefined || list === null) return NO_NAMES
  if (typeof list === 'string' || typeof list[Symbol.iterator] !== 'function') {
    fail('ERR_OPTION', `options.${option} must be an array (or Set) of header names`)
  }
  const names = [...list]
  if (names.length > 256) fail('ERR_OPTION', 'at most 256 header names per list')
  for (const n of names) {
    if (typeof n !== 'string') fail('ERR_OPTION', `options.${option} must hold strings`)
  }
  return names
}

function pair (value, on, off) {
  if (value === undefined || value === null) return 0
  return value ? on : off
}

function flagsOf (options, service) {
  let f = 0
  if (options.s3 !== undefined && options.s3 !== null) {
    f |= options.s3
      ? F.SINGLE_ENCODE | F.NO_NORMALIZE | F.CONTENT_SHA256
      : F.DOUBLE_ENCODE | F.NORMALIZE | F.NO_CONTENT_SHA256
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
  // IoT's MQTT-over-WebSocket endpoint wants the token outside the signature.
  const after = options.appendSessionToken ?? service === 'iotdevicegateway'
  if (after) f |= F.TOKEN_AFTER
  if (options.queryFormEncoded) f |= F.QUERY_FORM
  if (options.signAllHeaders) f |= F.SIGN_ALL_HEADERS
  if (options.signOnlyHeaders) f |= F.SIGN_LISTED_ONLY
  return f
}

const S3_SERVICES = ['s3', 's3-express', 's3-outposts', 's3-object-lambda']

// ---------------------------------------------------------------------------
// The key cache: akid|date|region|service -> the C key struct + key id.
// The key id is a hash of the secret made by the C side; a cached key is
// used only when the id of the secret passed with the call matches it, so a
// rotated secret can never be signed with a stale key. No plaintext secret
// is kept anywhere here.

const keyCache = new Map()
const KEY_CACHE_MAX = 64

// The cache key of the last call, reused while its parts stay the same.
let lastKey = { akid: '', day: -1, region: '', service: '', key: '' }
function keyCacheKey (akid, day, region, service) {
  const k = lastKey
  if (k.akid !== akid || k.day !== day || k.region !== region || k.service !== service) {
    lastKey = { akid, day, region, service, key: `${akid}\n${day}\n${region}\n${service}` }
  }
  return lastKey.key
}

// Inference is a dozen regular expressions: remember the last hosts.
const inferred = new Map()
function inferCached (url) {
  const host = url.hostname
  let guess = inferred.get(host)
  if (guess === undefined) {
    guess = inferScope(url)
    if (inferred.size >= KEY_CACHE_MAX) inferred.delete(inferred.keys().next().value)
    inferred.set(host, guess)
  }
  return guess
}

// ---------------------------------------------------------------------------
// One signing call

// The headers sign() returns, as they will be sent: one line per name.
// Repeated ones are joined as C signs them (each value trimmed, then ','),
// so that the receiver, which trims and folds that one line, reads what was
// signed. Own properties only: "constructor" and "__proto__" are header
// names too.
const OWS = /^[ \t]+|[ \t]+$/g
function addHeader (out, lower, value) {
  if (Object.hasOwn(out, lower)) {
    out[lower] = `${out[lower].replace(OWS, '')},${value.replace(OWS, '')}`
  } else if (lower === '__proto__') {
    Object.defineProperty(out, lower, { value, enumerable: true, writable: true, configurable: true })
  } else {
    out[lower] = value
  }
}

function run (request, options, mode) {
  if (!request || typeof request !== 'object') fail('ERR_URL', 'request must be an object with a url')
  if (!options || typeof options !== 'object') fail('ERR_CREDENTIALS', 'options with credentials are required')
  const w = ready()
  const { u8, u32, x } = w
  const method = normalizeMethod(request.method)
  const { url, host, path, query } = parseUrl(request)
  const creds = credentialsOf(options)
  let { region, service } = options
  if (!region || !service) {
    const guess = inferCached(url)
    if (!guess) {
      fail('ERR_INFER', `cannot tell the AWS region and service from host "${url.hostname}": pass options.region and options.service`)
    }
    region = region || guess.region
    service = service || guess.service
  }
  if (typeof region !== 'string') fail('ERR_REGION')
  if (typeof service !== 'string') fail('ERR_SERVICE')
  const seconds = secondsOf(options.signingDate)

  let flags = flagsOf(options, service)
  let payloadHash = options.payloadHash
  if (payloadHash !== undefined && typeof payloadHash !== 'string') fail('ERR_PAYLOAD_HASH')
  if (options.unsignedPayload) payloadHash = 'UNSIGNED-PAYLOAD'

  // Headers: host comes from the URL; a caller's x-amz-content-sha256 is the
  // payload hash (then signed and sent); everything else goes to C as is.
  const given = headerEntries(request.headers)
  const names = ['host']
  const values = [host]
  const outHeaders = {}
  for (const [name, value] of given) {
    const lower = name.toLowerCase()
    if (lower === 'host') {
      if (value.trim().toLowerCase() !== host.toLowerCase()) fail('ERR_HOST')
      continue
    }
    if (lower === 'x-amz-content-sha256') {
      if (payloadHash === undefined) payloadHash = value.trim()
      flags = (flags & ~F.NO_CONTENT_SHA256) | F.CONTENT_SHA256
      continue
    }
    names.push(name)
    values.push(value)
    addHeader(outHeaders, lower, value)
  }

  const presign = mode === 'presign' || (mode === 'explain' && options.presign)
  let expires = 0
  if (presign) {
    flags |= F.PRESIGN
    expires = options.expiresIn === undefined ? 3600 : options.expiresIn
    if (!Number.isInteger(expires) || expires < 1 || expires > 604800) fail('ERR_EXPIRES')
    // Presigned URLs are fetched by someone else: S3 never signs the body.
    if (payloadHash === undefined && S3_SERVICES.includes(service)) payloadHash = 'UNSIGNED-PAYLOAD'
  }

  let body = EMPTY
  // A string body small enough to travel with the call is encoded straight
  // into the arena: TextEncoder.encode's fresh array costs more than the
  // hash in Chromium (12 us for 1 KiB).
  let bodyText = ''
  const text = request.body
  if (payloadHash === undefined && typeof text === 'string') {
    if (text.length > TEXT_WINDOW || nativeFor(text.length)) {
      payloadHash = hashHex(w, text)
    } else {
      bodyText = text
    }
  } else if (payloadHash === undefined) {
    body = bodyBytes(request.body)
    // Bodies up to the size where another hash wins travel with the call.
    if (body.length > CHUNK || nativeFor(body.length)) {
      payloadHash = hashHex(w, body)
      body = EMPTY
    }
  }

  // Write the call.
  const signedNames = options.signOnlyHeaders
    ? nameList(options.signOnlyHeaders, 'signOnlyHeaders')
    : nameList(options.signableHeaders, 'signableHeaders')
  const unsignedNames = nameList(options.unsignableHeaders, 'unsignableHeaders')
  const limit = w.size - OUT.HEADER - 4096
  u32.fill(0, 0, STRINGS_START >>> 2)
  u32[0] = MAGIC
  u32[D.FLAGS] = flags
  u32[D.EXPIRES] = expires
  u32[D.OPTIONS] = mode === 'explain' ? OPT_CAPTURE : 0
  u32[D.TIME_LO] = seconds >>> 0
  u32[D.TIME_HI] = Math.floor(seconds / 4294967296) >>> 0
  const nh = names.length
  if (nh > MAX_HEADERS) fail('ERR_SCRATCH', `at most ${MAX_HEADERS} headers (host included) fit the signer's fixed memory`)
  const htab = STRINGS_START >>> 2
  const stab = htab + 4 * nh
  const utab = stab + 2 * signedNames.length
  let pos = (utab + 2 * unsignedNames.length) * 4
  if (pos > limit) fail('ERR_SCRATCH')
  u32[D.HEADERS] = htab * 4
  u32[D.HEADERS + 1] = nh
  u32[D.SIGNED] = stab * 4
  u32[D.SIGNED + 1] = signedNames.length
  u32[D.UNSIGNED] = utab * 4
  u32[D.UNSIGNED + 1] = unsignedNames.length

  pos = putString(u8, u32, pos, limit, D.METHOD, method, UTF8)
  pos = putString(u8, u32, pos, limit, D.PATH, path, UTF8)
  pos = putString(u8, u32, pos, limit, D.QUERY, query, UTF8)
  pos = putString(u8, u32, pos, limit, D.AKID, creds.accessKeyId, UTF8)
  pos = putToken(u8, u32, pos, limit, creds.sessionToken)
  pos = putString(u8, u32, pos, limit, D.REGION, region, UTF8)
  pos = putString(u8, u32, pos, limit, D.SERVICE, service, UTF8)
  if (payloadHash !== undefined) pos = putString(u8, u32, pos, limit, D.PAYLOAD, payloadHash, UTF8)
  for (let i = 0; i < nh; i++) pos = putString(u8, u32, pos, limit, htab + 4 * i, names[i], 'ERR_HEADER_NAME')
  for (let i = 0; i < signedNames.length; i++) pos = putString(u8, u32, pos, limit, stab + 2 * i, signedNames[i], 'ERR_HEADER_NAME')
  for (let i = 0; i < unsignedNames.length; i++) pos = putString(u8, u32, pos, limit, utab + 2 * i, unsignedNames[i], 'ERR_HEADER_NAME')
  for (let i = 0; i < nh; i++) pos = putString(u8, u32, pos, limit, htab + 4 * i + 2, values[i], 'ERR_HEADER_VALUE')
  const cacheKey = keyCacheKey(creds.accessKeyId, Math.floor(seconds / 86400), region, service)
  const cached = keyCache.get(cacheKey)
  // The secret, written by itself (no string built from it stays in the
  // JS heap): C wipes it once read; if writing fails here, the catch does.
  const secretAt = pos
  try {
    pos = putString(u8, u32, pos, limit, D.SECRET, creds.secretAccessKey, UTF8)
    if (bodyText) {
      pos = putString(u8, u32, pos, limit, D.BODY, bodyText, UTF8)
    } else if (body.length) {
      pos = putBytes(u8, u32, pos, limit, D.BODY, body)
    }
    if (cached) pos = putBytes(u8, u32, pos, limit, D.CACHED_KEY, cached)
  } catch (e) {
    // ERR_SCRATCH after (part of) the secret went in: C never sees it, so
    // C cannot wipe it.
    u8.fill(0, secretAt, limit)
    throw e
  }
  const out = (pos + 7) & ~7
  u32[D.OUTPUT] = out

  const rc = x.sigv4w_sign()
  const o = out >>> 2
  let result
  try {
    if (rc !== 0) failC(rc)
    if (u32[o + (OUT.KEY_NEW >>> 2)] === 1) {
      if (keyCache.size >= KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value)
      keyCache.set(cacheKey, u8.slice(out + OUT.KEY, out + OUT.KEY + KEY_BYTES))
    }
    // X-Amz-Date and the payload hash C computed come right before the
    // result: one decode for all three (a decode costs 0.3 us in Chromium).
    const head = u32[o + (OUT.RESULT_OFF >>> 2)] - OUT.HEAD_BYTES
    const all = ascii(w, head, OUT.HEAD_BYTES + u32[o + (OUT.RESULT_LEN >>> 2)])
    result = {
      amzDate: all.slice(0, 16),
      payloadHash: payloadHash === undefined ? all.slice(16, OUT.HEAD_BYTES) : payloadHash,
      output: all.slice(OUT.HEAD_BYTES),
    }
    if (mode === 'explain') {
      const creqLen = u32[o + (OUT.CREQ_LEN >>> 2)]
      const stsLen = u32[o + (OUT.STS_LEN >>> 2)]
      result.canonicalRequest = bytesToString(w, u32[o + (OUT.CREQ_OFF >>> 2)], creqLen)
      result.stringToSign = bytesToString(w, out + OUT.STS, stsLen)
    }
  } finally {
    // Secret and keys: the C side wiped what it read; wipe the rest.
    u8.fill(0, 0, out + OUT.HEADER)
  }
  result.url = url
  result.path = path
  result.method = method
  result.headers = outHeaders
  result.token = creds.sessionToken
  result.flags = flags
  return result
}

// The signer's own output (Authorization value, presigned query, dates,
// hashes) is ASCII: read as latin1 by a Buffer where there is one, else by
// the UTF-8 decoder, the fastest of the rest.
const decoder = new TextDecoder()
function ascii (w, off, len) {
  if (w.bytes) return w.bytes.toString('latin1', off, off + len)
  return decoder.decode(w.u8.subarray(off, off + len))
}

// A canonical request may hold header bytes above 0x7F: one char per byte.
function bytesToString (w, off, len) {
  if (w.bytes) return w.bytes.toString('latin1', off, off + len)
  let s = ''
  for (let i = 0; i < len; i += 4096) {
    s += String.fromCharCode.apply(null, w.u8.subarray(off + i, off + Math.min(len, i + 4096)))
  }
  return s
}

// ---------------------------------------------------------------------------
// SHA-256 of bodies: the host's native hash where a synchronous one exists
// (node:crypto in Node, Deno and Bun: with SHA-NI about ten times the
// wasm's speed on large inputs), else the wasm, in chunks through the arena.

// Reached without an import, so browsers and bundlers never see it, and
// only when first needed: loading node:crypto costs milliseconds of cold
// start that a request without a large body need not pay.
let native = null // null: not looked up yet; undefined: none
// Below this many bytes node:crypto's per-call cost is more than hashing the
// body in the wasm, inside the signing call: 256 with the one-shot
// crypto.hash (Node >= 20.12), 1024 with createHash's three calls.
const NATIVE_FLOOR = 256
let NATIVE_MIN = NATIVE_FLOOR
let nativeHex = null
function nativeCrypto () {
  if (native === null) {
    try {
      native = globalThis.process?.getBuiltinModule?.('node:crypto')
    } catch {
      native = undefined
    }
    const c = native
    if (c && typeof c.hash === 'function') {
      nativeHex = (data) => c.hash('sha256', data, 'hex')
    } else if (c) {
      nativeHex = (data) => c.createHash('sha256').update(data).digest('hex')
      NATIVE_MIN = 1024
    }
  }
  return native
}
// The floor first: a body below it never makes us load node:crypto.
function nativeFor (length) {
  return length >= NATIVE_FLOOR && nativeCrypto() !== undefined && length >= NATIVE_MIN
}

// For tests: run the wasm hash paths on a host that has node:crypto.
export function _useNativeHash (on) {
  native = on ? null : undefined
}
// crypto.subtle answers asynchronously, at a cost per call: worth it from here.
const SUBTLE_MIN = CHUNK

const STATE = 0 // hash state at arena offset 0 (the descriptor is rewritten later)
const STATE_SIZE = 128

// Feed bytes to the wasm hash whose state is at STATE, then wipe the copy.
function feed (w, bytes) {
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.subarray(i, Math.min(bytes.length, i + CHUNK))
    w.u8.set(chunk, STATE_SIZE)
    w.x.sigv4w_sha256_update(STATE, STATE_SIZE, chunk.length)
  }
  w.u8.fill(0, STATE_SIZE, STATE_SIZE + Math.min(bytes.length, CHUNK))
}

function wasmHex (w) {
  w.x.sigv4w_sha256_hex(STATE, STATE_SIZE)
  const hex = ascii(w, STATE_SIZE, 64)
  w.u8.fill(0, 0, STATE_SIZE + 64)
  return hex
}

// What the hash functions take: like a body, but "no data" is a mistake
// here, not the empty string (a missing argument must not hash as '').
function hashInput (data) {
  if (data === undefined || data === null) {
    fail('ERR_BODY', `sha256() and createSha256().update() take a string, ArrayBuffer or ArrayBufferView; got ${data}`)
  }
  return typeof data === 'string' ? data : bodyBytes(data)
}

// Strings are hashed as UTF-8 without a copy of them as bytes: node:crypto
// takes them as they are, the wasm gets them through encodeInto in windows
// that always fit a chunk (at most 3 bytes per UTF-16 unit).
const TEXT_WINDOW = Math.floor(CHUNK / 3)

function feedText (w, s) {
  const dest = w.u8.subarray(STATE_SIZE, STATE_SIZE + CHUNK)
  for (let i = 0; i < s.length;) {
    let end = Math.min(s.length, i + TEXT_WINDOW)
    // Never split a surrogate pair between two windows.
    const last = s.charCodeAt(end - 1)
    if (end < s.length && last >= 0xd800 && last <= 0xdbff) end--
    const { written } = encoder.encodeInto(i === 0 && end === s.length ? s : s.slice(i, end), dest)
    w.x.sigv4w_sha256_update(STATE, STATE_SIZE, written)
    i = end
  }
  w.u8.fill(0, STATE_SIZE, STATE_SIZE + CHUNK)
}

// A string (as UTF-8) or bytes, as hex: by node:crypto where it wins,
// else by the wasm in chunks.
function hashHex (w, data) {
  if (nativeFor(data.length)) return nativeHex(data)
  w.x.sigv4w_sha256_init(STATE)
  feedInput(w, data)
  return wasmHex(w)
}

function feedInput (w, data) {
  if (typeof data === 'string') feedText(w, data)
  else feed(w, data)
}

// An incremental hasher. A wasm one keeps its state in JS between updates,
// so several can run at once (async readers) without disturbing each other
// or signing.
export function createSha256 () {
  if (nativeCrypto()) {
    const h = nativeCrypto().createHash('sha256')
    return {
      update (data) {
        h.update(hashInput(data)) // strings as UTF-8, node:crypto's default
        return this
      },
      digest: () => h.copy().digest('hex'),
    }
  }
  const state = new Uint8Array(STATE_SIZE)
  let started = false
  const load = (w) => {
    if (started) w.u8.set(state, STATE)
    else w.x.sigv4w_sha256_init(STATE)
    started = true
  }
  return {
    update (data) {
      const input = hashInput(data)
      const w = ready()
      load(w)
      feedInput(w, input)
      state.set(w.u8.subarray(STATE, STATE + STATE_SIZE))
      w.u8.fill(0, STATE, STATE + STATE_SIZE)
      return this
    },
    digest () {
      const w = ready()
      load(w)
      return wasmHex(w)
    },
  }
}

export function sha256 (data) {
  return hashHex(ready(), hashInput(data))
}

function hex (bytes) {
  let s = ''
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16)
  return s
}

// The same digest without blocking: the integrations (fetch, axios) hash
// whole in-memory bodies through this. Where no synchronous native hash
// exists (browsers, workers), large inputs go to crypto.subtle.
export async function sha256Async (data) {
  const subtle = globalThis.crypto?.subtle
  const input = hashInput(data)
  if (input.length >= SUBTLE_MIN && subtle && !nativeCrypto()) {
    const bytes = typeof input === 'string' ? encoder.encode(input) : input
    return hex(new Uint8Array(await subtle.digest('SHA-256', bytes)))
  }
  return hashHex(ready(), input)
}

// ---------------------------------------------------------------------------
// Public API

export function sign (request, options) {
  const r = run(request, options, 'sign')
  const headers = r.headers
  headers.authorization = r.output
  headers['x-amz-date'] = r.amzDate
  if (r.token) headers['x-amz-security-token'] = r.token
  // Signed headers are sorted and host always precedes it, x-amz-date follows.
  if (r.output.includes(';x-amz-content-sha256;')) {
    headers['x-amz-content-sha256'] = r.payloadHash
  }
  const out = { method: r.method, url: r.url.href, headers }
  if (request.body !== undefined) out.body = request.body
  return out
}

function presignedUrl (r) {
  return `${r.url.origin}${r.path}?${r.output}`
}

export function presign (request, options) {
  return presignedUrl(run(request, options, 'presign'))
}

export function explain (request, options) {
  const r = run(request, options, 'explain')
  const presigned = (r.flags & F.PRESIGN) !== 0
  const lines = r.canonicalRequest.split('\n')
  const out = {
    canonicalRequest: r.canonicalRequest,
    stringToSign: r.stringToSign,
    signedHeaders: lines[lines.length - 2],
    signature: presigned
      ? /X-Amz-Signature=([0-9a-f]{64})/.exec(r.output)[1]
      : r.output.slice(-64),
  }
  if (presigned) out.url = presignedUrl(r)
  else out.authorization = r.output
  return out
}
