// verify() in front of a server: a wrapper for fetch-style handlers
// (Workers, Deno, Bun, Hono's app.fetch) and a Node http / Express-style
// middleware, each reading the body once; and AWS-style error answers for
// those who want them (the default answer is a plain 403 naming the code).

import { fail } from './errors.js'
import { readAll } from './body.js'

const verified = /* @__PURE__ */ new WeakMap()

/**
 * The verify() result of a request a withVerification() handler was given
 * (undefined for any other request).
 */
export function getVerification (request) {
  return verified.get(request)
}

/**
 * A fetch-style handler `(request, ...rest) => Response` that runs only for
 * requests that verify: it gets a copy of the request with the body that
 * was verified (getVerification(request) has the result). Others get
 * options.onFailure(result, request) or a 403.
 */
export function withVerificationBy (verify, handler, options) {
  if (typeof handler !== 'function') fail('ERR_OPTION', 'withVerification(handler, options): handler must be a function (request, ...rest) => Response')
  const { onFailure, ...verifyOptions } = options || {}
  return async (request, ...rest) => {
    const body = hasBody(request.method) ? new Uint8Array(await request.arrayBuffer()) : undefined
    const result = await verify({ method: request.method, url: request.url, headers: request.headers, body }, verifyOptions)
    if (!result.valid) return onFailure ? onFailure(result, request) : plainRefusal(result)
    // An aws-chunked body goes on decoded: the data, as S3 stores it.
    const copy = new Request(request, body === undefined ? {} : { body: result.body })
    verified.set(copy, result)
    return handler(copy, ...rest)
  }
}

/**
 * (req, res, next) for Node's http server and Express-style frameworks:
 * the raw request target and headers, the body read once (or taken from
 * req.body when a body parser left bytes there); on success req.sigv4 is
 * the result and req.rawBody the body verified (aws-chunked: its data),
 * then next(); on failure
 * options.onFailure(result, req, res), or a 403.
 */
export function verifyMiddlewareBy (verify, options) {
  const { onFailure, ...verifyOptions } = options || {}
  return (req, res, next) => {
    readNodeBody(req).then(async (body) => {
      const host = req.headers.host || 'localhost'
      const headers = []
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]])
      const result = await verify({ method: req.method, url: `http://${host}${req.url}`, path: req.originalUrl || req.url, headers, body }, verifyOptions)
      if (!result.valid) {
        if (onFailure) return onFailure(result, req, res)
        res.writeHead(403, TEXT)
        res.end(refusalText(result))
        return
      }
      req.sigv4 = result
      // An aws-chunked body: the data, decoded (result.body either way).
      req.rawBody = result.body
      next()
    }).catch(next)
  }
}

function hasBody (method) {
  return method !== 'GET' && method !== 'HEAD'
}

async function readNodeBody (req) {
  const given = req.rawBody !== undefined ? req.rawBody : req.body
  if (given instanceof Uint8Array || typeof given === 'string') return given
  if (given !== undefined && given !== null && typeof given === 'object' && Object.keys(given).length) {
    fail('ERR_BODY', 'req.body was parsed before verification: mount the verifier before body parsers, or use express.raw() so that the bytes that were signed are the bytes checked')
  }
  return readAll(req)
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' }
const refusalText = (result) => `${result.code}: ${result.message}\n`

function plainRefusal (result) {
  return new Response(refusalText(result), { status: 403, headers: TEXT })
}

// What AWS answers for each refusal: [S3's <Code>, the JSON protocols'
// __type]; S3 says 400 for a malformed signature or a wrong body hash, 403
// for the rest.
const MALFORMED = ['AuthorizationHeaderMalformed', 'IncompleteSignatureException']
const AWS_CODES = {
  ERR_NOT_SIGNED: ['AccessDenied', 'MissingAuthenticationTokenException'],
  ERR_AUTH: MALFORMED,
  ERR_CREDENTIAL: MALFORMED,
  ERR_SIGNED_HEADERS: MALFORMED,
  ERR_SCOPE_DATE: MALFORMED,
  ERR_EXPIRES: MALFORMED,
  ERR_WRONG_REGION: MALFORMED,
  ERR_WRONG_SERVICE: MALFORMED,
  ERR_UNKNOWN_KEY: ['InvalidAccessKeyId', 'UnrecognizedClientException'],
  ERR_SIGNATURE_MISMATCH: ['SignatureDoesNotMatch', 'InvalidSignatureException'],
  ERR_SKEW: ['RequestTimeTooSkewed', 'InvalidSignatureException'],
  ERR_BODY_CHANGED: ['XAmzContentSHA256Mismatch', 'InvalidSignatureException'],
  ERR_SESSION_TOKEN: ['InvalidToken', 'UnrecognizedClientException'],
  ERR_PAYLOAD_HASH: MALFORMED,
  ERR_CHUNK_SIGNATURE: ['SignatureDoesNotMatch', 'InvalidSignatureException'],
  ERR_CHECKSUM_MISMATCH: ['BadDigest', 'InvalidSignatureException'],
  ERR_CHUNK: ['IncompleteBody', 'SerializationException'],
  ERR_DECODED_LENGTH: ['IncompleteBody', 'SerializationException'],
}
const BAD_REQUEST = ['AuthorizationHeaderMalformed', 'XAmzContentSHA256Mismatch', 'BadDigest', 'IncompleteBody']

/**
 * An AWS-style error answer for a refusal: S3's XML (<Error><Code>...) or
 * the JSON protocols' {"__type", "message"}, as { status, headers, body }.
 */
export function awsErrorResponse (result, { format = 'xml' } = {}) {
  if (!result || result.valid !== false) fail('ERR_OPTION', 'awsErrorResponse(result): result must be a refusal from verify()')
  const [s3Code, jsonType] = AWS_CODES[result.code] || ['AccessDenied', 'AccessDeniedException']
  const status = BAD_REQUEST.includes(s3Code) ? 400 : 403
  if (format === 'json') {
    return { status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ __type: jsonType, message: result.message }) }
  }
  if (format !== 'xml') fail('ERR_OPTION', 'awsErrorResponse(): format must be "xml" or "json"')
  const escape = (text) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${s3Code}</Code><Message>${escape(result.message)}</Message></Error>`,
  }
}
