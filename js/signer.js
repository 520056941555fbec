// A signer: sign, presign and explain, and the caches they keep between
// calls. One call is describe (check and shape the input) -> write (lay it
// out in the arena) -> call (sigv4w_sign or sigv4w_presign) -> read (the
// output, then wipe), as wasm/ABI.md sets out.

import { MAGIC, STRINGS_START, KEY_BYTES, CACHED_KEY_BYTES, OPT_CAPTURE, OPT_KEY_VOUCHED, MAX_HEADERS, EXPIRES_MAX, ALG_NAMES, F_S3_SESSION_TOKEN, F_CONTENT_SHA256, F_NO_CONTENT_SHA256, OUT_HEADER, D_MAGIC, D_FLAGS, D_EXPIRES, D_OPTIONS, D_TIME_LO, D_TIME_HI, D_ALGORITHM, ALG_ECDSA_P256, ALG_HMAC_SHA256, D_HEADERS, D_SIGNED, D_UNSIGNED, D_METHOD, D_PATH, D_QUERY, D_AKID, D_TOKEN, D_REGION, D_SERVICE, D_REGION_SET, D_PAYLOAD, D_BODY_HASH, D_SECRET, D_BODY, D_CACHED_KEY, D_OUTPUT, OUT_POLICY, OUT_RESULT_OFF, HEAD_BYTES, OUT_RESULT_LEN, HEAD_DATE, HEAD_PAYLOAD_HASH, OUT_PAYLOAD_LEN, OUT_CREQ_LEN, OUT_STS_LEN, OUT_CREQ_OFF, OUT_STS, OUT_KEY_NEW, OUT_KEY_ID, OUT_KEY, ALG_ECDSA_P256_NAME, ALG_HMAC_SHA256_NAME } from './abi.js'
import { fail, failC } from './errors.js'
import { UTF8, encoder, putString, putText, putBytes, ascii, bytesToString } from './arena.js'
import { TEXT_WINDOW, nativeFor, hashedApart, hashHex, hex } from './hash.js'
import {
  normalizeMethod, parseNew, headerLists, bodyBytes, EMPTY, credentialsOf, secondsOf,
  nameList, flagsOf, addHeader, nameChecker, REQUEST_FIELDS, SIGN_OPTIONS,
} from './request.js'
import { inferScope } from './infer.js'

// Entries per cache (keys, URLs, inferred hosts); the oldest goes first.
const CACHE_MAX = 64
// Credentials objects whose secret's id is kept (secretIds) per cached key.
const SOURCES_PER_KEY = 4
// Room kept after the output header for the scratch and the result.
const OUTPUT_RESERVE = 4096
// Presigned WebSocket URLs: the default expiry, and Transcribe streaming's
// longest.
const WEBSOCKET_EXPIRES_MAX = 300
// An uncompressed P-256 point: 04 || X || Y.
const PUBLIC_KEY_BYTES = 65
const checkRequestFields = /* @__PURE__ */ nameChecker(REQUEST_FIELDS, 'request field')
const checkOptionNames = /* @__PURE__ */ nameChecker(SIGN_OPTIONS, (mode) => `${mode}() option`)
// A query servers may read otherwise than it was signed: a '+' (a space or
// a plus?) or a '%' that does not start an escape.
const AMBIGUOUS_QUERY = /\+|%(?![0-9A-Fa-f]{2})/

export class Signer {
  /** `ready` returns the loaded instance (load.js), loading it if it can. */
  constructor (ready) {
    this.ready = ready
    // The key cache: akid|day|region|service -> { bytes: the C key struct
    // and the id of its secret, id: that id as a string, sources: how many
    // credentials objects secretIds holds it for }. The id is a
    // hash of the secret made by the C side; a cached key is used only when
    // the id of the call's secret matches it, so a rotated secret can never
    // be signed with a stale key.
    this.keyCache = new Map()
    // Credentials objects -> { secret, id }: the secret the object held
    // when C last hashed it, and that id. While the object still holds the
    // same secret string, its id is known, and a cached key with that id
    // is vouched for (OPT_KEY_VOUCHED): the secret need not go to C to be
    // hashed again. A WeakMap, so that a secret is kept no longer than the
    // object that holds it, or until the next call finds it replaced.
    this.secretIds = new WeakMap()
    // The cache key of the last call, reused while its parts stay the same.
    this.lastKey = { akid: '', day: -1, region: '', service: '', key: '' }
    // The last URL strings parsed, with what was read from them: AWS's JSON
    // APIs (DynamoDB, SQS, Lambda, ...) send every request to one URL, and
    // parsing one costs a noticeable part of a signature. Nothing here
    // changes a URL object it holds.
    this.parsedUrls = new Map()
    // Inference is a dozen regular expressions: the last hosts' answers.
    this.inferred = new Map()
    // The session token (hundreds to thousands of characters from STS) is
    // the same on every call with the same credentials: its bytes are kept,
    // and copied. It is no secret from the wire: every request carries it.
    this.tokenText = ''
    this.tokenBytes = EMPTY
  }

  sign (request, options, r = this.run(request, options, 'sign')) {
    const headers = r.headers
    headers.authorization = r.output
    headers['x-amz-date'] = r.amzDate
    if (r.token) headers[r.policy & F_S3_SESSION_TOKEN ? 'x-amz-s3session-token' : 'x-amz-security-token'] = r.token
    if (r.policy & F_CONTENT_SHA256) headers['x-amz-content-sha256'] = r.payloadHash
    if (r.v4a) headers['x-amz-region-set'] = r.regionSet
    const out = { method: r.method, url: this.sentUrl(r), headers }
    if (request.body !== undefined) out.body = request.body
    return out
  }

  /**
   * sign(), and what a streamed body's signatures chain from (js/stream.js):
   * the seed signature, X-Amz-Date, and a copy of the signing key struct
   * (as secret as the key: the caller wipes it when the stream ends).
   */
  signSeed (request, options) {
    const r = this.run(request, options, 'sign')
    const signed = this.sign(request, options, r)
    return {
      signed,
      v4a: r.v4a,
      amzDate: r.amzDate,
      signature: headerSignature(r.output),
      key: this.keyCache.get(r.cacheKey).bytes.slice(0, KEY_BYTES),
    }
  }

  /** Whether `options` sign `url` with SigV4a: asked for, or the host takes nothing else. */
  signsV4a (url, options) {
    const guess = !options.region || !options.service ? this.inferScope(this.parsedUrl(url).url) : null
    return algorithmOf(options, guess !== null && guess.v4a === true, options.region).v4a
  }

  presign (request, options) {
    return presignedUrl(this.run(request, options, 'presign'))
  }

  explain (request, options) {
    const r = this.run(request, options, 'explain')
    const presigned = r.presign
    const lines = r.canonicalRequest.split('\n')
    const out = {
      canonicalRequest: r.canonicalRequest,
      stringToSign: r.stringToSign,
      signedHeaders: lines[lines.length - 2],
      signature: presigned
        ? /X-Amz-Signature=([0-9a-f]+)/.exec(r.output)[1]
        : headerSignature(r.output),
    }
    if (presigned) out.url = presignedUrl(r)
    else out.authorization = r.output
    return out
  }

  // One signing call; returns the call, its output read into it.
  run (request, options, mode) {
    if (!request || typeof request !== 'object') fail('ERR_URL', 'request must be an object with a url')
    if (!options || typeof options !== 'object') fail('ERR_CREDENTIALS', 'options with credentials are required')
    checkRequestFields(request)
    checkOptionNames(options, mode)
    let w = this.ready()
    const c = this.describe(w, request, options, mode)
    if (c.v4a && !w.v4a) w = this.ready(true)
    const out = this.write(w, c)
    return this.read(w, c, out, c.presign ? w.x.sigv4w_presign() : w.x.sigv4w_sign())
  }

  // The call as plain values, every input checked. `w` is used only to hash
  // a body too large to travel with the call.
  describe (w, request, options, mode) {
    const method = normalizeMethod(request.method)
    const parsed = this.parsedUrl(request.url)
    const url = parsed.url
    const host = parsed.host
    let path = parsed.path
    let query = parsed.query
    // The request target exactly as an HTTP client that does not parse URLs
    // sends it (Node's http.request): kept byte for byte.
    const rawPath = request.path !== undefined
    if (rawPath) {
      if (typeof request.path !== 'string') fail('ERR_PATH')
      const q = request.path.indexOf('?')
      path = q < 0 ? request.path : request.path.slice(0, q)
      query = q < 0 ? '' : request.path.slice(q + 1)
    }
    let { region, service } = options
    let inferredV4a = false
    if (!region || !service) {
      const guess = this.inferScope(url)
      if (!guess) {
        const missing = [!region && 'region', !service && 'service']
        if (missing[0] && missing[1]) missing.splice(1, 0, 'and')
        const what = missing.filter(Boolean).join(' ')
        const given = region === '' || service === '' ? ` (an empty ${region === '' ? 'region' : 'service'} counts as none)` : ''
        fail('ERR_INFER', `cannot tell the AWS ${what} from host "${url.hostname}": pass options.${what.replace(' and ', ' and options.')}${given}`)
      }
      region = region || guess.region
      service = service || guess.service
      inferredV4a = guess.v4a === true
    }
    const { v4a, regionSet } = algorithmOf(options, inferredV4a, region)
    if (typeof region !== 'string') fail('ERR_REGION')
    if (typeof service !== 'string') fail('ERR_SERVICE')
    const seconds = secondsOf(options.signingDate)
    const creds = credentialsOf(options, seconds)

    let flags = flagsOf(options)
    let payloadHash = options.payloadHash
    if (payloadHash !== undefined && typeof payloadHash !== 'string') fail('ERR_PAYLOAD_HASH')
    if (options.unsignedPayload) payloadHash = 'UNSIGNED-PAYLOAD'

    // Headers: host comes from the URL; a caller's x-amz-content-sha256 is the
    // payload hash (then signed and sent); everything else goes to C as is.
    const given = headerLists(request.headers)
    const names = ['host']
    const values = [host]
    const headers = {}
    for (let i = 0; i < given.names.length; i++) {
      const name = given.names[i]
      const value = given.values[i]
      const lower = name.toLowerCase()
      if (lower === 'host') {
        if (value.trim().toLowerCase() !== host.toLowerCase()) {
          fail('ERR_HOST', `the host header "${value.trim()}" differs from the URL's host "${host}": the host is signed from the URL and sent by the HTTP client, so drop the header or change the URL`)
        }
        continue
      }
      if (lower === 'x-amz-content-sha256') {
        if (payloadHash === undefined) payloadHash = value.trim()
        flags = (flags & ~F_NO_CONTENT_SHA256) | F_CONTENT_SHA256
        continue
      }
      names.push(name)
      values.push(value)
      addHeader(headers, lower, value)
    }

    const presign = mode === 'presign' || (mode === 'explain' && options.presign)
    const webSocket = parsed.webSocket
    if (webSocket && !presign) fail('ERR_URL', `a ${url.protocol} URL is presigned, not signed by headers (a WebSocket handshake carries none of yours): use presign()`)
    let expires = 0
    if (presign) {
      expires = options.expiresIn === undefined ? (webSocket ? WEBSOCKET_EXPIRES_MAX : 3600) : options.expiresIn
      if (!Number.isInteger(expires) || expires < 1 || expires > EXPIRES_MAX) fail('ERR_EXPIRES')
      if (webSocket && service === 'transcribe' && expires > WEBSOCKET_EXPIRES_MAX) {
        fail('ERR_EXPIRES', `Transcribe streaming refuses presigned WebSocket URLs that last more than ${WEBSOCKET_EXPIRES_MAX} seconds: expiresIn must be 1 to ${WEBSOCKET_EXPIRES_MAX}`)
      }
    }

    // Without a payload hash, C signs the body's hash (or what the service's
    // policy says: UNSIGNED-PAYLOAD for S3's presigned URLs): small bodies
    // travel with the call, larger ones are hashed here first.
    let bodyHash = ''
    let body = EMPTY
    // A string body small enough to travel with the call is encoded straight
    // into the arena: TextEncoder.encode's fresh array would cost more than
    // the hash.
    let bodyText = ''
    const text = request.body
    if (payloadHash === undefined && typeof text === 'string') {
      if (text.length > TEXT_WINDOW || nativeFor(text.length)) {
        bodyHash = hashHex(w, text)
      } else {
        bodyText = text
      }
    } else if (payloadHash === undefined) {
      body = bodyBytes(request.body)
      // Bodies up to the size where another hash wins travel with the call.
      if (hashedApart(body.length)) {
        bodyHash = hashHex(w, body)
        body = EMPTY
      }
    }

    const signedNames = options.signOnlyHeaders
      ? nameList(options.signOnlyHeaders, 'signOnlyHeaders')
      : nameList(options.signableHeaders, 'signableHeaders')
    const unsignedNames = nameList(options.unsignableHeaders, 'unsignableHeaders')

    return {
      method,
      url,
      href: parsed.href,
      path,
      query,
      rawPath,
      v4a,
      regionSet,
      creds,
      region,
      service,
      seconds,
      flags,
      presign,
      expires,
      capture: mode === 'explain',
      payloadHash,
      bodyHash,
      bodyText,
      body,
      names,
      values,
      signedNames,
      unsignedNames,
      // Set by write: the key cache entry this call uses or fills, whether
      // the secret stayed out of the call (OPT_KEY_VOUCHED), and whether
      // secretIds holds another secret for the credentials object.
      cacheKey: '',
      vouched: false,
      stale: false,
      // Set by read.
      policy: 0,
      amzDate: '',
      output: '',
      canonicalRequest: '',
      stringToSign: '',
      // What sign() returns with the signature's own headers added.
      headers,
      token: creds.sessionToken,
    }
  }

  // The descriptor, then the header and name-list tables, the strings, the
  // secret, the body and the cached key; returns the output offset.
  write (w, c) {
    const { u8, u32 } = w
    const { names, values, signedNames, unsignedNames, creds, seconds } = c
    const limit = w.size - OUT_HEADER - OUTPUT_RESERVE
    u32.fill(0, 0, STRINGS_START >>> 2)
    u32[D_MAGIC] = MAGIC
    u32[D_FLAGS] = c.flags
    u32[D_EXPIRES] = c.expires
    u32[D_OPTIONS] = (c.capture ? OPT_CAPTURE : 0) | (c.options || 0)
    u32[D_TIME_LO] = seconds >>> 0
    u32[D_TIME_HI] = Math.floor(seconds / 4294967296) >>> 0
    u32[D_ALGORITHM] = c.v4a ? ALG_ECDSA_P256 : ALG_HMAC_SHA256
    const nh = names.length
    if (nh > MAX_HEADERS) fail('ERR_SCRATCH', `at most ${MAX_HEADERS} headers (host included) fit the signer's fixed memory`)
    const htab = STRINGS_START >>> 2
    const stab = htab + 4 * nh
    const utab = stab + 2 * signedNames.length
    let pos = (utab + 2 * unsignedNames.length) * 4
    if (pos > limit) fail('ERR_SCRATCH')
    u32[D_HEADERS] = htab * 4
    u32[D_HEADERS + 1] = nh
    u32[D_SIGNED] = stab * 4
    u32[D_SIGNED + 1] = signedNames.length
    u32[D_UNSIGNED] = utab * 4
    u32[D_UNSIGNED + 1] = unsignedNames.length

    pos = putString(u8, u32, pos, limit, D_METHOD, c.method, UTF8)
    pos = putString(u8, u32, pos, limit, D_PATH, c.path, UTF8)
    pos = putString(u8, u32, pos, limit, D_QUERY, c.query, UTF8)
    pos = putString(u8, u32, pos, limit, D_AKID, creds.accessKeyId, UTF8)
    const token = creds.sessionToken
    if (token !== this.tokenText) {
      this.tokenBytes = encoder.encode(token)
      this.tokenText = token
    }
    pos = putBytes(u8, u32, pos, limit, D_TOKEN, this.tokenBytes)
    pos = putString(u8, u32, pos, limit, D_REGION, c.region, UTF8)
    pos = putString(u8, u32, pos, limit, D_SERVICE, c.service, UTF8)
    if (c.v4a) pos = putString(u8, u32, pos, limit, D_REGION_SET, c.regionSet, UTF8)
    if (c.payloadHash !== undefined) pos = putString(u8, u32, pos, limit, D_PAYLOAD, c.payloadHash, UTF8)
    if (c.bodyHash) pos = putString(u8, u32, pos, limit, D_BODY_HASH, c.bodyHash, UTF8)
    for (let i = 0; i < nh; i++) pos = putString(u8, u32, pos, limit, htab + 4 * i, names[i], 'ERR_HEADER_NAME')
    for (let i = 0; i < signedNames.length; i++) pos = putString(u8, u32, pos, limit, stab + 2 * i, signedNames[i], 'ERR_HEADER_NAME')
    for (let i = 0; i < unsignedNames.length; i++) pos = putString(u8, u32, pos, limit, utab + 2 * i, unsignedNames[i], 'ERR_HEADER_NAME')
    for (let i = 0; i < nh; i++) pos = putString(u8, u32, pos, limit, htab + 4 * i + 2, values[i], 'ERR_HEADER_VALUE')
    // SigV4a keys have no region: one per access key, day and service.
    const day = c.keyDay === undefined ? Math.floor(seconds / 86400) : c.keyDay
    const cacheKey = this.keyCacheKey(creds.accessKeyId, day, c.v4a ? '' : c.region, c.service)
    c.cacheKey = cacheKey
    const cached = this.keyCache.get(cacheKey)
    const known = cached === undefined ? undefined : this.secretIds.get(creds.source)
    c.vouched = known !== undefined && known.secret === creds.secretAccessKey && known.id === cached.id
    c.stale = known !== undefined && !c.vouched
    // The secret, written by itself (no string built from it stays in the
    // JS heap): C wipes it once read; if writing fails here, the catch does.
    const secretAt = pos
    try {
      if (c.vouched) u32[D_OPTIONS] |= OPT_KEY_VOUCHED
      else pos = putString(u8, u32, pos, limit, D_SECRET, creds.secretAccessKey, UTF8)
      if (c.bodyText) {
        pos = putString(u8, u32, pos, limit, D_BODY, c.bodyText, UTF8)
      } else if (c.body.length) {
        pos = putBytes(u8, u32, pos, limit, D_BODY, c.body)
      }
      if (cached) pos = putBytes(u8, u32, pos, limit, D_CACHED_KEY, cached.bytes)
    } catch (e) {
      // ERR_SCRATCH after (part of) the secret went in: C never sees it, so
      // C cannot wipe it.
      u8.fill(0, secretAt, limit)
      throw e
    }
    const out = (pos + 7) & ~7
    u32[D_OUTPUT] = out
    return out
  }

  // The result of sigv4w_sign (rc) and its output at `out`, read into the
  // call; a new key goes to the cache. The arena is wiped either way.
  read (w, c, out, rc) {
    const { u8, u32 } = w
    const o = out >>> 2
    try {
      if (rc !== 0) failC(rc)
      this.keepNewKey(w, c, out)
      // The policy C followed; X-Amz-Date and the payload hash it signed come
      // right before the result: one decode for all three.
      c.policy = u32[o + (OUT_POLICY >>> 2)]
      const head = u32[o + (OUT_RESULT_OFF >>> 2)] - HEAD_BYTES
      const all = ascii(w, head, HEAD_BYTES + u32[o + (OUT_RESULT_LEN >>> 2)])
      c.amzDate = all.slice(HEAD_DATE, HEAD_PAYLOAD_HASH)
      c.payloadHash = all.slice(HEAD_PAYLOAD_HASH, HEAD_PAYLOAD_HASH + u32[o + (OUT_PAYLOAD_LEN >>> 2)])
      c.output = all.slice(HEAD_BYTES)
      if (c.capture) {
        const creqLen = u32[o + (OUT_CREQ_LEN >>> 2)]
        const stsLen = u32[o + (OUT_STS_LEN >>> 2)]
        c.canonicalRequest = bytesToString(w, u32[o + (OUT_CREQ_OFF >>> 2)], creqLen)
        c.stringToSign = bytesToString(w, out + OUT_STS, stsLen)
      }
    } finally {
      // Secret and keys: the C side wiped what it read; wipe the rest.
      u8.fill(0, 0, out + OUT_HEADER)
    }
    return c
  }

  // A key C derived in this call (the output says so) goes to the cache;
  // the id C made of the call's secret goes to secretIds for the
  // credentials object that derived the key, and for the first few others
  // that use it (not for every one: an app that makes credentials objects
  // call by call would pay a WeakMap entry a call, for nothing).
  keepNewKey (w, c, out) {
    const { source, secretAccessKey } = c.creds
    if (c.vouched || !secretAccessKey) return
    const isNew = w.u32[(out + OUT_KEY_NEW) >>> 2] === 1
    const entry = isNew ? null : this.keyCache.get(c.cacheKey)
    if (!isNew && (entry === undefined || entry.sources >= SOURCES_PER_KEY)) {
      // What secretIds holds for the object is a secret it no longer holds.
      if (c.stale) this.secretIds.delete(source)
      return
    }
    const id = bytesToString(w, out + OUT_KEY_ID, CACHED_KEY_BYTES - KEY_BYTES)
    if (source) this.secretIds.set(source, { secret: secretAccessKey, id })
    if (!isNew) {
      entry.sources++
      return
    }
    const keyCache = this.keyCache
    if (keyCache.size >= CACHE_MAX) keyCache.delete(keyCache.keys().next().value)
    keyCache.set(c.cacheKey, { bytes: w.u8.slice(out + OUT_KEY, out + OUT_KEY + CACHED_KEY_BYTES), id, sources: 1 })
  }

  // The URL to send: as given, unless its query has a '+' or a '%' that is
  // not an escape, which servers read in more than one way. Then the query
  // goes out as it was signed (sigv4_query_wire: %20, %2B, %25), in its
  // order. A raw request.path is the caller's to send as it is.
  sentUrl (c) {
    const href = c.href
    const query = c.query
    if (query === '' || c.rawPath || !AMBIGUOUS_QUERY.test(query)) return href
    const w = this.ready()
    const { u8 } = w
    const at = STRINGS_START
    const len = putText(u8, at, w.size, query) - at
    const out = at + len
    try {
      if (3 * len > w.size - out) fail('ERR_SCRATCH')
      const n = w.x.sigv4w_query_wire(at, len, c.policy, out)
      if (n < 0) failC(n)
      const { search, hash } = c.url
      return `${href.slice(0, href.length - search.length - hash.length)}?${ascii(w, out, n)}${hash}`
    } finally {
      u8.fill(0, 0, out + 3 * len)
    }
  }

  // Parsed URL strings are kept (see parsedUrls); URL objects are parsed anew.
  parsedUrl (input) {
    const cache = this.parsedUrls
    let parsed = typeof input === 'string' ? cache.get(input) : undefined
    if (parsed === undefined) {
      parsed = parseNew(input)
      if (typeof input === 'string') {
        if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value)
        cache.set(input, parsed)
      }
    }
    return parsed
  }

  keyCacheKey (akid, day, region, service) {
    const k = this.lastKey
    if (k.akid !== akid || k.day !== day || k.region !== region || k.service !== service) {
      this.lastKey = { akid, day, region, service, key: `${akid}\n${day}\n${region}\n${service}` }
    }
    return this.lastKey.key
  }

  inferScope (url) {
    const host = url.hostname
    let guess = this.inferred.get(host)
    if (guess === undefined) {
      guess = inferScope(url)
      if (this.inferred.size >= CACHE_MAX) this.inferred.delete(this.inferred.keys().next().value)
      this.inferred.set(host, guess)
    }
    return guess
  }
}

// options.algorithm and options.regionSet: SigV4a when asked for, or when
// the host accepts nothing else (unless asked otherwise); its region set
// '*' by default, or a list. { v4a, regionSet }.
function algorithmOf (options, inferredV4a, region) {
  const { algorithm, regionSet } = options
  if (algorithm !== undefined && !ALG_NAMES.includes(algorithm)) {
    fail('ERR_OPTION', `algorithm must be "${ALG_HMAC_SHA256_NAME}" (SigV4) or "${ALG_ECDSA_P256_NAME}" (SigV4a), not ${JSON.stringify(algorithm)}`)
  }
  const v4a = algorithm === undefined ? inferredV4a : algorithm === ALG_ECDSA_P256_NAME
  if (!v4a) {
    if (regionSet !== undefined) fail('ERR_OPTION', `regionSet is for SigV4a: pass algorithm: "${ALG_ECDSA_P256_NAME}" too`)
    return { v4a, regionSet: '' }
  }
  if (regionSet === undefined) return { v4a, regionSet: inferredV4a ? region : '*' }
  const set = typeof regionSet === 'string' ? regionSet : Array.isArray(regionSet) ? regionSet.join(',') : null
  if (set === null || set === '') fail('ERR_REGION_SET')
  return { v4a, regionSet: set }
}

/** The SigV4a public key of credentials, hex (sigv4a.wasm's instance w). */
export function publicKeyHex (w, credentials) {
  const creds = credentialsOf({ credentials }, 0)
  const { u8, size } = w
  const at = STRINGS_START
  const akidEnd = putText(u8, at, size, creds.accessKeyId)
  const out = akidEnd
  const secretAt = out + PUBLIC_KEY_BYTES
  let end = secretAt
  try {
    end = putText(u8, secretAt, size, creds.secretAccessKey)
    const rc = w.x.sigv4w_public_key(at, akidEnd - at, secretAt, end - secretAt, out)
    if (rc !== 0) failC(rc)
    return hex(u8.subarray(out, out + PUBLIC_KEY_BYTES))
  } finally {
    u8.fill(0, 0, end)
  }
}

/**
 * Whether sigHex is a SigV4a signature by the key pointHex (04 || X || Y)
 * over stringToSign: the C core's verifier (sigv4a_verify), as diagnose()
 * checks what a SigV4a signer signed, and the tests.
 */
export function verifyV4aSignature (w, pointHex, stringToSign, sigHex) {
  const { u8, size } = w
  const key = STRINGS_START
  for (let i = 0; i < PUBLIC_KEY_BYTES; i++) u8[key + i] = parseInt(pointHex.slice(2 * i, 2 * i + 2), 16)
  const sts = key + PUBLIC_KEY_BYTES
  const sig = putText(u8, sts, size, stringToSign)
  const end = putText(u8, sig, size, sigHex)
  try {
    return w.x.sigv4w_verify_v4a(key, sts, sig - sts, sig, end - sig) === 0
  } finally {
    u8.fill(0, 0, end)
  }
}

// The signature at the end of an Authorization value.
function headerSignature (authorization) {
  return authorization.slice(authorization.lastIndexOf('Signature=') + 10)
}

function presignedUrl (c) {
  return `${c.url.origin}${c.path}?${c.output}`
}
