// An independent SigV4 verifier listening on loopback, for end-to-end tests.
//
// Every request is checked against a signature recomputed by
// @smithy/signature-v4 from the request exactly as it arrived on the wire:
// the raw request-target from req.url (no normalisation), req.rawHeaders
// (duplicates kept, in order) and the whole body.
//
// Why smithy's building blocks rather than signer.sign()/presign(): the public
// entry points rewrite the request before canonicalising it — signRequest()
// deletes any `date` header and injects x-amz-date / x-amz-security-token,
// presign() hoists x-amz-* headers into the query and overwrites
// X-Amz-Expires — so they cannot reproduce an arbitrary signed header set.
// We instead call the same pieces those methods use (getCanonicalHeaders with
// signableHeaders = SignedHeaders, getPayloadHash, createCanonicalRequest,
// createStringToSign, getSignature); the tests check that requests signed with
// smithy's public sign()/presign() verify.
//
//   const srv = await startVerifyServer({ credentials: { accessKeyId, secretAccessKey } })
//   await fetch(srv.url + '/path', ...)   // -> 200 {ok:true,...} or 403 {ok:false, reason,...}
//   srv.requests  // summaries, one per request
//   await srv.close()
//
// Options:
//   credentials     {accessKeyId, secretAccessKey, sessionToken?}, or
//                   (accessKeyId) => creds | null (may be async)
//   region, service if given, the credential scope must name them
//   maxSkewSeconds  header-signed requests: reject when X-Amz-Date is further
//                   than this from the server clock (default: no check)
//   now             () => epoch ms, the server clock (default Date.now); it
//                   is also the Date header of every answer
//   pathMode        'wire' (default): the path handed to smithy is the raw
//                   path as received. 'strict': each segment is first
//                   percent-decoded and re-encoded with the SigV4 UriEncode
//                   (everything but A-Za-z0-9-._~ as uppercase %XX), which is
//                   what S3 (and, before double-encoding, other services)
//                   appears to do with reserved characters sent raw, e.g. a
//                   raw "(" is canonicalised as "%28". Both modes agree when
//                   the wire path is already strictly encoded.
//   forwardedHost   true: a request's x-forwarded-host header is its host
//                   (clients routed here from an AWS host name; the README
//                   samples test)
//   cors            true: answer browsers' CORS preflights (OPTIONS with
//                   Access-Control-Request-Method; never verified nor logged)
//                   and let any origin read the answers, as an API Gateway
//                   with CORS enabled does, for pages on another loopback port
//   keepDecoded     true: aws-chunked summaries keep the decoded bytes
//                   (summary.decoded, a Buffer)
//
// aws-chunked uploads (x-amz-content-sha256 STREAMING-<ALG>-PAYLOAD,
// ...-PAYLOAD-TRAILER or STREAMING-UNSIGNED-PAYLOAD-TRAILER): after the
// seed signature, content-encoding must include aws-chunked, and the body
// is decoded and verified by support/streaming-reference.mjs (every chunk
// signature, the trailer names x-amz-trailer gives, the trailer signature,
// the checksum, x-amz-decoded-content-length); a failure is a 403 with the
// decoder's reason. The answer and the summary then have payloadMode,
// decodedLength, decodedSha256, chunkSizes (data chunks), chunkCount,
// trailers ([[name, value]]) and contentEncoding (the others, in order).

import http from 'node:http'
import { createHash, timingSafeEqual, verify as ecVerify } from 'node:crypto'
import { SignatureV4, getCanonicalHeaders, getPayloadHash } from '@smithy/signature-v4'
import { HttpRequest } from '@smithy/protocol-http'
import { Hash } from '@smithy/hash-node'
import { parseRawQuery, percentDecode } from './rawquery.mjs'
import { sigv4aPublicKey } from './sigv4a-kdf.mjs'
import { ChunkedError, decodeChunked, parsePayloadMarker, signingKey } from './streaming-reference.mjs'
import { listenLoopback } from './loopback.mjs'

// @smithy/hash-node exports Hash(algorithm, secret?), not a Sha256 class; this
// is how the AWS SDK's Node runtime config builds its sha256 constructor.
const Sha256 = Hash.bind(null, 'sha256')

const ALGORITHM = 'AWS4-HMAC-SHA256'
// SigV4a: an ECDSA signature over the same canonical request, verified with
// the public key derived from the secret (support/sigv4a-kdf.mjs); its
// credential scope has no region, the region set is x-amz-region-set.
const V4A = 'AWS4-ECDSA-P256-SHA256'
const S3_SERVICES = new Set(['s3', 's3express', 's3-outposts', 's3-object-lambda'])
const MAX_EXPIRES = 7 * 24 * 3600
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true })
// What an aws-chunked upload's answer reports (see verifyChunked).
const CHUNKED_FIELDS = ['payloadMode', 'decodedLength', 'decodedSha256', 'chunkSizes', 'chunkCount', 'trailers', 'contentEncoding']

const sha256hex = (buf) => createHash('sha256').update(buf).digest('hex')
const trimOws = (s) => s.replace(/^[ \t]+|[ \t]+$/g, '')
const uriEncode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
const strictPath = (p) => p.split('/').map((seg) => uriEncode(percentDecode(seg))).join('/')

// Node decodes header bytes as latin1; recover UTF-8 text when that is what was sent.
function wireText (s) {
  if (!/[^\x00-\x7f]/.test(s)) return s
  try { return fatalUtf8.decode(Buffer.from(s, 'latin1')); } catch { return s; }
}

function amzDateFromHttpDate (v) {
  const t = v === undefined ? NaN : Date.parse(v)
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace(/[-:]|\.\d{3}/g, '')
}

const amzDateToMs = (d) => Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8),
  +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15))

class Reject extends Error {
  constructor(reason, message, extra) {
    super(message || reason)
    this.reason = reason
    this.extra = extra
  }
}

function parseAuthorization (value) {
  const m = /^(?:AWS4-HMAC-SHA256|AWS4-ECDSA-P256-SHA256)[ \t]+(.*)$/.exec(value)
  if (!m) throw new Reject('AuthorizationHeaderMalformed', `unsupported or malformed Authorization: ${value}`)
  const parts = Object.create(null)
  for (const p of m[1].split(',')) {
    const t = p.trim()
    const eq = t.indexOf('=')
    if (eq > 0) parts[t.slice(0, eq)] = t.slice(eq + 1)
  }
  if (!parts.Credential || !parts.SignedHeaders || !parts.Signature) {
    throw new Reject('AuthorizationHeaderMalformed', 'Authorization needs Credential, SignedHeaders and Signature')
  }
  return { credential: parts.Credential, signedHeaders: parts.SignedHeaders, signature: parts.Signature }
}

async function verify (req, body, cfg) {
  const target = req.url
  const qi = target.indexOf('?')
  const rawPath = qi < 0 ? target : target.slice(0, qi)
  const rawQuery = qi < 0 ? '' : target.slice(qi + 1)

  const wire = new Map() // lower-case name -> [values as received]
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase()
    if (!wire.has(name)) wire.set(name, [])
    wire.get(name).push(wireText(req.rawHeaders[i + 1]))
  }
  // A client that reached us in place of the real host says which one.
  if (cfg.forwardedHost && wire.has('x-forwarded-host')) {
    wire.set('host', wire.get('x-forwarded-host'))
    wire.delete('x-forwarded-host')
  }
  // Duplicates: each value trimmed, joined with ',' in order of arrival.
  const header = (n) => (wire.has(n) ? wire.get(n).map(trimOws).join(',') : undefined)

  const fullQuery = parseRawQuery(rawQuery)
  const qparam = (k) => {
    const v = fullQuery[k]
    if (Array.isArray(v)) throw new Reject('AuthorizationQueryParametersError', `${k} given more than once`)
    return v
  }

  const out = { presigned: false }
  let auth
  let amzDate
  const authz = header('authorization')
  if (authz !== undefined) {
    auth = parseAuthorization(authz)
    amzDate = header('x-amz-date') ?? amzDateFromHttpDate(header('date'))
  } else if (qparam('X-Amz-Algorithm') !== undefined) {
    out.presigned = true
    if (qparam('X-Amz-Algorithm') !== ALGORITHM && qparam('X-Amz-Algorithm') !== V4A) {
      throw new Reject('AuthorizationQueryParametersError', `X-Amz-Algorithm must be ${ALGORITHM} or ${V4A}`)
    }
    auth = {
      credential: qparam('X-Amz-Credential'),
      signedHeaders: qparam('X-Amz-SignedHeaders'),
      signature: qparam('X-Amz-Signature'),
    }
    amzDate = qparam('X-Amz-Date')
    out.expires = qparam('X-Amz-Expires')
    for (const [k, v] of Object.entries({ ...auth, amzDate, expires: out.expires })) {
      if (v === undefined) throw new Reject('AuthorizationQueryParametersError', `missing ${k}`)
    }
  } else {
    throw new Reject('MissingAuthenticationToken', 'no Authorization header and no X-Amz-Algorithm query parameter')
  }

  out.algorithm = out.presigned ? qparam('X-Amz-Algorithm') : authz.slice(0, authz.search(/[ \t]/))
  const v4a = out.algorithm === V4A
  const cred = auth.credential.split('/')
  if (cred.length !== (v4a ? 4 : 5) || cred[cred.length - 1] !== 'aws4_request') {
    throw new Reject('AuthorizationHeaderMalformed', `malformed Credential: ${auth.credential}`)
  }
  const accessKeyId = cred[0]
  const shortDate = cred[1]
  const service = cred[cred.length - 2]
  // SigV4a signs for a region set: this endpoint's region must be in it.
  const regionSet = v4a ? (out.presigned ? qparam('X-Amz-Region-Set') : header('x-amz-region-set')) : undefined
  if (v4a && regionSet === undefined) throw new Reject('AuthorizationHeaderMalformed', 'SigV4a without a region set')
  const region = !v4a ? cred[2]
    : cfg.region && (regionSet === '*' || regionSet.split(',').includes(cfg.region)) ? cfg.region : regionSet
  Object.assign(out, { accessKeyId, region, service, signedHeaders: auth.signedHeaders.split(';') })

  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw new Reject('AuthorizationHeaderMalformed', `missing or malformed X-Amz-Date: ${amzDate}`)
  }
  if (amzDate.slice(0, 8) !== shortDate) {
    throw new Reject('AuthorizationHeaderMalformed', `credential scope date ${shortDate} != X-Amz-Date ${amzDate}`)
  }
  if (cfg.region && region !== cfg.region) {
    throw new Reject('AuthorizationHeaderMalformed', `the region '${region}' is wrong; expecting '${cfg.region}'`)
  }
  if (cfg.service && service !== cfg.service) {
    throw new Reject('AuthorizationHeaderMalformed', `the service '${service}' is wrong; expecting '${cfg.service}'`)
  }

  const creds = await cfg.lookup(accessKeyId)
  if (!creds) throw new Reject('InvalidAccessKeyId', `unknown access key ${accessKeyId}`)
  const token = out.presigned ? qparam('X-Amz-Security-Token') : header('x-amz-security-token')
  if ((creds.sessionToken ?? undefined) !== token) {
    throw new Reject('InvalidToken', token === undefined ? 'session token missing' : 'session token invalid')
  }

  const signedAt = amzDateToMs(amzDate)
  if (out.presigned) {
    if (!/^\d+$/.test(out.expires) || +out.expires > MAX_EXPIRES) {
      throw new Reject('AuthorizationQueryParametersError', `X-Amz-Expires must be 0..${MAX_EXPIRES}`)
    }
    if (cfg.now() > signedAt + Number(out.expires) * 1000) throw new Reject('Request has expired')
  } else if (cfg.maxSkewSeconds != null && Math.abs(cfg.now() - signedAt) > cfg.maxSkewSeconds * 1000) {
    throw new Reject('RequestTimeTooSkewed')
  }

  const contentSha = header('x-amz-content-sha256')
  if (contentSha !== undefined && /^[0-9a-fA-F]{64}$/.test(contentSha) && contentSha !== sha256hex(body)) {
    throw new Reject('XAmzContentSHA256Mismatch', 'x-amz-content-sha256 does not match the body received')
  }

  const names = out.signedHeaders
  if ([...new Set(names)].sort().join(';') !== auth.signedHeaders || names.some((n) => n !== n.toLowerCase() || !n)) {
    throw new Reject('AuthorizationHeaderMalformed', `SignedHeaders must be lower-case, sorted and unique: ${auth.signedHeaders}`)
  }
  if (!names.includes('host')) throw new Reject('AuthorizationHeaderMalformed', 'host must be a signed header')

  // The request smithy canonicalises: only the signed headers, as received
  // (no prototype: "__proto__" is a header name too).
  const headers = Object.create(null)
  const missing = []
  for (const n of names) {
    const v = header(n)
    if (v === undefined) missing.push(n)
    else headers[n] = v
  }
  const [, hostname, port] = /^(.*?)(?::(\d+))?$/.exec(header('host') || '')
  const request = new HttpRequest({
    method: req.method,
    protocol: 'http:',
    hostname,
    port: port === undefined ? undefined : Number(port),
    path: cfg.pathMode === 'strict' ? strictPath(rawPath) : rawPath,
    query: parseRawQuery(rawQuery, { exclude: out.presigned ? (k) => k === 'X-Amz-Signature' : undefined }),
    headers,
    body,
  })

  let payloadHash
  if (contentSha !== undefined) payloadHash = contentSha
  else if (out.presigned && S3_SERVICES.has(service)) payloadHash = 'UNSIGNED-PAYLOAD'
  else payloadHash = await getPayloadHash({ headers: {}, body }, Sha256)

  const signer = new SignatureV4({
    credentials: creds,
    region,
    service,
    sha256: Sha256,
    uriEscapePath: !S3_SERVICES.has(service),
    applyChecksum: false,
  })
  const scope = v4a ? `${shortDate}/${service}/aws4_request` : `${shortDate}/${region}/${service}/aws4_request`
  const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(names))
  const canonicalRequest = signer.createCanonicalRequest(request, canonicalHeaders, payloadHash)
  const stringToSign = await signer.createStringToSign(amzDate, scope, canonicalRequest, out.algorithm)
  out.canonicalRequest = canonicalRequest
  let same
  let signature
  if (v4a) {
    signature = '(an ECDSA signature by the key of this secret)'
    same = /^[0-9a-f]+$/.test(auth.signature) && ecVerify('sha256', Buffer.from(stringToSign),
      { key: sigv4aPublicKey(accessKeyId, creds.secretAccessKey), dsaEncoding: 'der' }, Buffer.from(auth.signature, 'hex'))
  } else {
    signature = await signer.getSignature(amzDate, scope,
      signer.getSigningKey(creds, region, shortDate, service), canonicalRequest)
    const a = Buffer.from(signature)
    const b = Buffer.from(String(auth.signature))
    same = a.length === b.length ? timingSafeEqual(a, b) : (timingSafeEqual(a, a), false)
  }
  if (!same) {
    throw new Reject('SignatureDoesNotMatch', 'the signature computed from the received request differs', {
      expected: { canonicalRequest, stringToSign, signature },
      received: { signature: auth.signature },
      ...(missing.length ? { missingSignedHeaders: missing } : {}),
    })
  }
  const streaming = contentSha === undefined ? null : parsePayloadMarker(contentSha)
  if (streaming) {
    Object.assign(out, verifyChunked(body, header, streaming, {
      algorithm: out.algorithm, amzDate, scope, seedSignature: auth.signature,
      keys: v4a ? { publicKey: sigv4aPublicKey(accessKeyId, creds.secretAccessKey) }
        : { signingKey: signingKey(creds.secretAccessKey, amzDate, region, service) },
    }))
    out.payloadMode = contentSha
  }
  return out
}

// The aws-chunked body of a request whose seed signature verified.
function verifyChunked (body, header, { mode, algorithm }, seed) {
  if (algorithm && algorithm !== seed.algorithm) {
    throw new Reject('AuthorizationHeaderMalformed', `a ${algorithm} payload under a ${seed.algorithm} signature`)
  }
  const encodings = (header('content-encoding') ?? '').split(',').map((e) => e.trim().toLowerCase())
  if (!encodings.includes('aws-chunked')) {
    throw new Reject('InvalidContentEncoding', `content-encoding must include aws-chunked: ${header('content-encoding')}`)
  }
  const declared = header('x-amz-decoded-content-length')
  if (!/^\d+$/.test(declared ?? '')) {
    throw new Reject('MissingDecodedContentLength', `x-amz-decoded-content-length must be a decimal length: ${declared}`)
  }
  const trailerNames = (header('x-amz-trailer') ?? '').split(',').map((n) => n.trim()).filter(Boolean)
  let d
  try {
    d = decodeChunked(body, {
      mode, algorithm: seed.algorithm, amzDate: seed.amzDate, scope: seed.scope, seedSignature: seed.seedSignature,
      ...seed.keys, trailerNames, decodedLength: Number(declared),
    })
  } catch (e) {
    if (e instanceof ChunkedError) throw new Reject(e.reason, e.message)
    throw e
  }
  return {
    decodedLength: d.decoded.length,
    decodedSha256: sha256hex(d.decoded),
    chunkSizes: d.chunkSizes,
    chunkCount: d.chunkSizes.length,
    trailers: d.trailers,
    contentEncoding: encodings.filter((e) => e !== 'aws-chunked'),
    decoded: d.decoded,
  }
}

/**
 * @param {{
 *   credentials: {accessKeyId: string, secretAccessKey: string, sessionToken?: string}
 *     | ((accessKeyId: string) => any),
 *   region?: string, service?: string, maxSkewSeconds?: number, now?: () => number,
 *   pathMode?: 'wire' | 'strict', cors?: boolean, forwardedHost?: boolean, keepDecoded?: boolean,
 * }} options
 */
export async function startVerifyServer ({
  credentials, region, service, maxSkewSeconds = null, now = Date.now, pathMode = 'wire', cors = false,
  forwardedHost = false, keepDecoded = false,
} = {}) {
  if (!credentials) throw new TypeError('credentials are required')
  const lookup = typeof credentials === 'function'
    ? credentials
    : (akid) => (akid === credentials.accessKeyId ? credentials : null)
  if (pathMode !== 'wire' && pathMode !== 'strict') throw new TypeError(`pathMode must be 'wire' or 'strict'`)
  const cfg = { lookup, region, service, maxSkewSeconds, now, pathMode, forwardedHost }
  const requests = []

  const server = http.createServer((req, res) => {
    if (cors) {
      res.setHeader('access-control-allow-origin', '*')
      res.setHeader('access-control-expose-headers', 'x-verify-ok, x-verify-reason')
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.writeHead(204, {
          'access-control-allow-methods': req.headers['access-control-request-method'],
          'access-control-allow-headers': req.headers['access-control-request-headers'] || '',
          'access-control-max-age': '600',
        })
        res.end()
        return
      }
    }
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      const summary = {
        method: req.method,
        path: req.url,
        headers: [...req.rawHeaders].reduce((acc, v, i, all) => (i % 2 ? acc : [...acc, [v, all[i + 1]]]), []),
        bodyLength: body.length,
        bodySha256: createHash('sha256').update(body).digest('hex'),
      }
      let status
      let payload
      try {
        const { decoded, ...info } = await verify(req, body, cfg)
        status = 200
        payload = { ok: true, method: req.method, path: req.url, signedHeaders: info.signedHeaders,
          service: info.service, region: info.region, presigned: info.presigned }
        if (info.payloadMode) {
          for (const k of CHUNKED_FIELDS) payload[k] = info[k]
          if (keepDecoded) summary.decoded = decoded
        }
        Object.assign(summary, info)
      } catch (e) {
        status = e instanceof Reject ? 403 : 500
        const reason = e instanceof Reject ? e.reason : 'VerifierError'
        payload = { ok: false, reason, message: e.message, ...(e.extra || {}) }
        if (!payload.expected) payload.expected = {}
        Object.assign(summary, { reason, message: e.message, ...(e.extra || {}) })
      }
      summary.status = status
      summary.ok = status === 200
      requests.push(summary)
      const text = JSON.stringify(payload)
      res.writeHead(status, {
        // The server's clock, as AWS reports it (clients correct skew from it).
        date: new Date(cfg.now()).toUTCString(),
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'x-verify-ok': String(status === 200),
        'x-verify-reason': encodeURIComponent(payload.reason || 'ok'),
      })
      res.end(req.method === 'HEAD' ? undefined : text)
    })
  })

  return { ...await listenLoopback(server), requests }
}
