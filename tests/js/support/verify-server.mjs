// A SigV4 verifying endpoint on loopback, for end-to-end tests: every
// request is checked by our verify() as it arrived on the wire (the raw
// request target from req.url, req.rawHeaders with duplicates in order, the
// whole body). That verify() accepts what independent signers send is
// shown by tests/js/clients.test.js (AWS CLI, boto3, s3cmd, curl, the AWS
// SDK for JS) and tests/js/verify.test.js (the published vectors).
//
//   const srv = await startVerifyServer({ credentials: { accessKeyId, secretAccessKey } })
//   await fetch(srv.url + '/path', ...)   // -> 200 {ok:true,...} or 403 {ok:false, reason, code, ...}
//   srv.requests  // summaries, one per request
//   await srv.close()
//
// A refusal's `reason` is the <Code> S3 would answer (awsErrorResponse():
// SignatureDoesNotMatch, XAmzContentSHA256Mismatch, RequestTimeTooSkewed,
// InvalidAccessKeyId, InvalidToken, AuthorizationHeaderMalformed,
// AccessDenied, ...) or the aws-chunked decoder's reason; `code` is
// verify()'s (ERR_*); expected: { canonicalRequest, stringToSign } is
// verify()'s debug output when it got that far, missingSignedHeaders the
// signed names the request does not have.
//
// Options:
//   credentials     {accessKeyId, secretAccessKey, sessionToken?}, or
//                   (accessKeyId) => creds | null (may be async)
//   region, service if given, the credential scope must name them
//   maxSkewSeconds  header-signed requests: reject when X-Amz-Date is further
//                   than this from the server clock (default: no check)
//   now             () => epoch ms, the server clock (default Date.now); it
//                   is also the Date header of every answer
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
// verify() decodes and checks the body too; the reference's decoding is a
// second, independent check: a request is accepted only when both accept
// it and their data agree (a 500 otherwise), and refused with the
// reference's reason when it refuses (`code` is verify()'s, if it refused).

import http from 'node:http'
import { createHash } from 'node:crypto'
import { verify, awsErrorResponse } from '../../../js/index.v4a.js'
import { ChunkedError, credentialScope, decodeChunked, parsePayloadMarker, streamingKeys } from './streaming-reference.mjs'
import { listenLoopback } from './loopback.mjs'
import { rawHeaderPairs } from './wire.mjs'

// What an aws-chunked upload's answer reports (see verifyChunked).
const CHUNKED_FIELDS = ['payloadMode', 'decodedLength', 'decodedSha256', 'chunkSizes', 'chunkCount', 'trailers', 'contentEncoding']
// No maxSkewSeconds: no clock check (verify()'s widest window).
const NO_SKEW_CHECK = 0x7fffffff

const sha256hex = (buf) => createHash('sha256').update(buf).digest('hex')
const trimOws = (s) => s.replace(/^[ \t]+|[ \t]+$/g, '')
const amzDateOf = (date) => date.toISOString().replace(/[-:]|\.\d{3}/g, '')
// verify()'s refusals of an aws-chunked body (its request verified).
const BODY_CODES = ['ERR_CHUNK', 'ERR_CHUNK_SIGNATURE', 'ERR_DECODED_LENGTH', 'ERR_CHECKSUM_MISMATCH', 'ERR_TRAILER']

class Reject extends Error {
  constructor(reason, message, extra) {
    super(message || reason)
    this.reason = reason
    this.extra = extra
  }
}

// A verify() refusal as the answer gives it: S3's code, verify()'s code.
function refusal (v, header) {
  const reason = /<Code>([^<]*)<\/Code>/.exec(awsErrorResponse(v).body)[1]
  const extra = { code: v.code }
  if (v.canonicalRequest) extra.expected = { canonicalRequest: v.canonicalRequest, stringToSign: v.stringToSign }
  // The claims of a request refused for its SignedHeaders do not name them.
  const signed = v.signedHeaders || ((/SignedHeaders=([^,\s]*)/.exec(header('authorization') || '') || [])[1] || '').split(';')
  const missing = signed.filter((n) => n && header(n) === undefined)
  if (missing.length) extra.missingSignedHeaders = missing
  return new Reject(reason, v.message, extra)
}

async function check (req, body, cfg) {
  let headers = rawHeaderPairs(req.rawHeaders)
  const named = (n) => headers.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v)
  // A client that reached us in place of the real host says which one.
  const forwarded = named('x-forwarded-host')
  if (cfg.forwardedHost && forwarded.length) {
    headers = headers.filter(([k]) => !['host', 'x-forwarded-host'].includes(k.toLowerCase()))
      .concat(forwarded.map((v) => ['host', v]))
  }
  // Duplicates: each value trimmed, joined with ',' in order of arrival.
  const header = (n) => {
    const v = named(n)
    return v.length ? v.map(trimOws).join(',') : undefined
  }

  let creds = null
  const v = await verify({ method: req.method, url: `http://${header('host') || 'localhost'}${req.url}`, path: req.url, headers, body }, {
    credentials: async (akid) => (creds = (await cfg.lookup(akid)) ?? null),
    region: cfg.region ?? '*',
    service: cfg.service ?? '*',
    now: cfg.now(),
    maxSkewSeconds: cfg.maxSkewSeconds ?? NO_SKEW_CHECK,
    allowUnsignedPayload: true,
    debug: true,
  })
  const streaming = parsePayloadMarker(header('x-amz-content-sha256') ?? '')
  const bodyRefused = !v.valid && streaming && BODY_CODES.includes(v.code)
  if (!v.valid && !bodyRefused) throw refusal(v, header)
  const amzDate = amzDateOf(v.signedAt)
  const out = {
    presigned: v.presigned,
    algorithm: v.algorithm,
    accessKeyId: v.accessKeyId,
    region: v.region ?? v.regionSet,
    service: v.service,
    signedHeaders: v.signedHeaders,
    canonicalRequest: v.canonicalRequest,
  }
  if (streaming) {
    let chunked
    try {
      chunked = verifyChunked(body, header, streaming, {
        algorithm: v.algorithm,
        amzDate,
        scope: credentialScope(v.algorithm, amzDate, v.region, v.service),
        seedSignature: v.signature,
        keys: streamingKeys(v.algorithm, { accessKeyId: v.accessKeyId, secretAccessKey: creds.secretAccessKey }, amzDate, v.region, v.service),
      })
    } catch (e) {
      if (e instanceof Reject && bodyRefused) e.extra = { ...e.extra, code: v.code }
      throw e
    }
    if (bodyRefused) throw refusal(v, header)
    if (Buffer.compare(Buffer.from(v.body), chunked.decoded) !== 0) throw new Error('verify() and the reference decoded different data')
    Object.assign(out, chunked, { payloadMode: header('x-amz-content-sha256') })
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
 *   cors?: boolean, forwardedHost?: boolean, keepDecoded?: boolean,
 * }} options
 */
export async function startVerifyServer ({
  credentials, region, service, maxSkewSeconds = null, now = Date.now, cors = false,
  forwardedHost = false, keepDecoded = false,
} = {}) {
  if (!credentials) throw new TypeError('credentials are required')
  const lookup = typeof credentials === 'function'
    ? credentials
    : (akid) => (akid === credentials.accessKeyId ? credentials : null)
  const cfg = { lookup, region, service, maxSkewSeconds, now, forwardedHost }
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
        const { decoded, ...info } = await check(req, body, cfg)
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
