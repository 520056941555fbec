// Why AWS refused a signature, in words: diagnose() reads the error body
// AWS returned (js/aws-error.js), computes what sigv4-wasm signs for the
// request as it was sent, compares the two line by line
// (js/canonical-diff.js), and, given the credentials, finds the mistake
// that reproduces the signature the sender computed (js/reproduce.js).
// Nothing leaves the process: no request is made.

import { parseAwsError } from './aws-error.js'
import { diffSigning } from './canonical-diff.js'
import { reproduce } from './reproduce.js'
import { ALG_ECDSA_P256_NAME } from './abi.js'
import { EMPTY_HASH } from './body.js'
import { DEFAULT_MAX_SKEW_SECONDS } from './verify.js'
import { AMZ_DATE } from './request.js'

// A SigV4 credential scope, as a string to sign's third line has it.
const SCOPE = /^(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request$/
const HOUR = 3600e3
// Headers the signer sets itself: read from the request, never passed on.
const SIGNER_HEADERS = new Set(['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-region-set'])
const PRESIGN_PARAMS = /^X-Amz-(?:Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Security-Token|Region-Set)=/i
const FALLBACK_SECRET = 'sigv4-wasm-diagnose-without-secret'

const cause = (code, title, detail) => ({ code, title, detail })

function msOfAmzDate (text) {
  const m = AMZ_DATE.exec(text ?? '')
  return m ? Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null
}

const hours = (ms) => `${Math.round(ms / 6e4) / 60} hours`
const minutesText = (ms) => (Math.abs(ms) >= 2 * HOUR ? hours(Math.abs(ms)) : `${Math.round(Math.abs(ms) / 6e4)} minutes`)

// The signature the request carries: Authorization header or presigned query.
function sentSignature (url, headers) {
  const auth = headers.get('authorization')
  if (auth) {
    const m = /^(\S+)\s+(.*)$/.exec(auth.trim())
    const fields = Object.fromEntries((m ? m[2] : '').split(/,\s*/).map((f) => {
      const eq = f.indexOf('=')
      return [f.slice(0, eq).trim(), f.slice(eq + 1).trim()]
    }))
    return scopeOf({
      presigned: false, algorithm: m && m[1], credential: fields.Credential, signedHeaders: fields.SignedHeaders,
      signature: fields.Signature, amzDate: headers.get('x-amz-date'), token: headers.get('x-amz-security-token'),
    })
  }
  const q = queryParams(url.search)
  if (!q.has('X-Amz-Signature')) return null
  return scopeOf({
    presigned: true, algorithm: q.get('X-Amz-Algorithm'), credential: q.get('X-Amz-Credential'),
    signedHeaders: q.get('X-Amz-SignedHeaders'), signature: q.get('X-Amz-Signature'), amzDate: q.get('X-Amz-Date'),
    token: q.get('X-Amz-Security-Token'), expires: q.get('X-Amz-Expires'), regionSet: q.get('X-Amz-Region-Set'),
  })
}

// A query's parameters as URLSearchParams reads them: the first value of
// each name, '+' a space, percent-decoded (Hermes has no URLSearchParams).
function queryParams (search) {
  const params = new Map()
  for (const pair of search.slice(1).split('&')) {
    const eq = pair.includes('=') ? pair.indexOf('=') : pair.length
    const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)].map(formDecoded)
    if (pair && !params.has(name)) params.set(name, value)
  }
  return params
}
function formDecoded (s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

function scopeOf (sent) {
  const parts = (sent.credential ?? '').split('/')
  const v4a = sent.algorithm === ALG_ECDSA_P256_NAME
  const [accessKeyId, day, region, service] = v4a ? [parts[0], parts[1], null, parts[2]] : parts
  return { ...sent, accessKeyId, day, region, service, v4a, signedHeaders: sent.signedHeaders ? sent.signedHeaders.split(';') : null }
}

// The URL without the presigned parameters, every other byte as written.
function withoutPresignParams (url) {
  const q = url.indexOf('?')
  if (q < 0) return url
  const kept = url.slice(q + 1).split('&').filter((p) => !PRESIGN_PARAMS.test(p))
  return kept.length ? `${url.slice(0, q)}?${kept.join('&')}` : url.slice(0, q)
}

const rawPathOf = (request) => request.path?.split('?')[0] ?? (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(request.url)?.[1] || '/')
const rawQueryOf = (request) => {
  const target = request.path ?? request.url
  const q = target.indexOf('?')
  return q < 0 ? '' : target.slice(q + 1).split('#')[0].split('&').filter((p) => !/^X-Amz-Signature=/i.test(p)).join('&')
}

/**
 * What sigv4-wasm computes for the request as sent, at the date it was
 * sent, signing the headers it signed: { canonicalRequest, stringToSign,
 * signature, region, service, scopeKnown } (scopeKnown: region and service
 * came from the caller or the host, not from the signature being examined).
 */
function computeOurs (lib, request, options, sent, e, headers, entries) {
  const v4a = sent?.v4a || options.algorithm === ALG_ECDSA_P256_NAME
  const awsLines = e?.stringToSign?.split('\n') ?? []
  const awsScope = (awsLines[2] ?? '').split('/')
  const date = msOfAmzDate(sent?.amzDate) ?? msOfAmzDate(awsLines[1]) ?? options.signingDate
  const signed = sent?.signedHeaders ?? e?.canonicalRequest?.split('\n').reverse()[1]?.split(';') ?? null
  const given = typeof options.credentials?.secretAccessKey === 'string' ? options.credentials : null
  const credentials = {
    accessKeyId: given?.accessKeyId ?? sent?.accessKeyId ?? e?.accessKeyId ?? 'AKIDEXAMPLE',
    secretAccessKey: given?.secretAccessKey ?? FALLBACK_SECRET,
  }
  const token = given?.sessionToken ?? sent?.token
  if (token) credentials.sessionToken = token
  const passed = entries.filter(([name]) => !SIGNER_HEADERS.has(name.toLowerCase()))
  const regionSet = sent?.regionSet ?? headers.get('x-amz-region-set')
  const explainOptions = {
    ...options,
    credentials,
    signingDate: date,
    ...signed && { signOnlyHeaders: signed.filter((n) => !SIGNER_HEADERS.has(n) && n !== 'host') },
    ...sent?.presigned && { presign: true, expiresIn: Number(sent.expires) || 900 },
    ...v4a && { algorithm: ALG_ECDSA_P256_NAME, ...regionSet && !options.regionSet && { regionSet } },
  }
  const req = {
    method: request.method, url: sent?.presigned ? withoutPresignParams(request.url) : request.url,
    headers: passed, body: request.body,
    ...request.path !== undefined && { path: sent?.presigned ? withoutPresignParams(request.path) : request.path },
  }
  let scopeKnown = true
  let r
  try {
    r = lib.explain(req, explainOptions)
  } catch (err) {
    if (err?.code !== 'ERR_INFER') throw err
    // A host that names no region or service: take the signature's scope.
    scopeKnown = false
    const region = options.region ?? sent?.region ?? awsScope[1]
    const service = options.service ?? sent?.service ?? awsScope[v4a ? 1 : 2]
    if (!service) lib.fail('ERR_INFER', 'pass options.region and options.service: neither the host nor the signature names them')
    r = lib.explain(req, { ...explainOptions, region: region ?? 'us-east-1', service })
  }
  const scope = r.stringToSign.split('\n')[2].split('/')
  return { ...r, v4a, region: v4a ? null : scope[1], service: scope[v4a ? 1 : 2], scopeKnown, credentials, given: given !== null }
}

// ---------------------------------------------------------------------------
// Causes AWS's error says outright.

function causesFromError (e, sent, ours, body) {
  const out = []
  const code = e.code ?? ''
  const message = e.message ?? ''
  const requestMs = msOfAmzDate(e.requestTime) ?? msOfAmzDate(sent?.amzDate)
  const serverMs = msOfAmzDate(e.serverTime)
  if (/RequestTimeTooSkewed|SignatureExpired|SignatureNotYetCurrent|Signature expired|Signature not yet current/i.test(code + ' ' + message) && requestMs !== null && serverMs !== null) {
    out.push(skewCause(serverMs - requestMs, Number(e.maxSkewMs) || DEFAULT_MAX_SKEW_SECONDS * 1000))
  }
  if (/Request has expired/i.test(message)) {
    out.push(cause('EXPIRED', 'The presigned URL has expired',
      `It was valid until ${e.expires ?? 'X-Amz-Date + X-Amz-Expires'}${e.serverTime ? `; AWS's clock said ${e.serverTime}` : ''}. Presign it again, with a longer expiresIn if needed (at most 7 days; less with temporary credentials, which end with their session).`))
  }
  if (/ISO-?8601|basic format|X-Amz-Date/i.test(message) && !/Date is not the same/i.test(message)) {
    out.push(cause('DATE_FORMAT', 'The date is not in the format SigV4 uses',
      `X-Amz-Date must be UTC in ISO 8601 basic format, YYYYMMDD'T'HHMMSS'Z' (for example 20150830T123600Z): no dashes, colons or milliseconds.${sent?.amzDate ? ` This request sent "${sent.amzDate}".` : ''}`))
  }
  if (/Date is not the same as X-Amz-Date|Invalid credential date/i.test(message)) {
    out.push(cause('SCOPE_DATE', 'The date in the credential scope is not the date of X-Amz-Date',
      'The scope\'s date (Credential=KEY/YYYYMMDD/...) must be the UTC day of X-Amz-Date. A signer that takes the day from local time, or reads the clock twice around midnight, gets this wrong.'))
  }
  if (e.expectedRegion || /region '[^']*' is wrong|valid region/i.test(message)) {
    const signedFor = e.signedRegion ?? sent?.region
    out.push(cause('WRONG_REGION', 'The signature is for the wrong region',
      `${signedFor ? `It was signed for ${signedFor}` : 'It was signed for another region'}${e.expectedRegion ? `; this endpoint is in ${e.expectedRegion}` : ''}. Sign with region: '${e.expectedRegion ?? 'the endpoint\'s region'}' (for S3, the bucket's region).`))
  }
  if (e.expectedService) {
    out.push(cause('WRONG_SERVICE', 'The signature is for the wrong service',
      `It was signed for ${sent?.service ?? 'another service'}; this endpoint expects "${e.expectedService}". Sign with service: '${e.expectedService}' (the signing name, which is not always the host's first label: execute-api for API Gateway, es for OpenSearch, lambda for function URLs).`))
  }
  if (/XAmzContentSHA256Mismatch/.test(code)) out.push(bodyHashCause(e, body, ours))
  if (/InvalidAccessKeyId|UnrecognizedClient|InvalidClientTokenId/.test(code)) {
    out.push(cause('UNKNOWN_KEY', 'AWS does not know this access key (or its session token)',
      'The access key id does not exist in this account or partition, was deleted, or is temporary and sent without its session token (X-Amz-Security-Token). Check which credentials the signer actually used.'))
  }
  if (/ExpiredToken|expired/i.test(code) && /token/i.test(code + message)) {
    out.push(cause('EXPIRED_TOKEN', 'The temporary credentials have expired',
      'The session token is past its expiration: fetch new credentials (a credentials provider that refreshes, such as cachedCredentials(), does this before they expire).'))
  }
  if (/InvalidToken/.test(code)) {
    out.push(cause('INVALID_TOKEN', 'The session token is not valid for this access key',
      'X-Amz-Security-Token must be the token issued with this temporary access key id, sent unchanged.'))
  }
  if (/Missing Authentication Token|MissingAuthenticationToken/i.test(code + message)) {
    out.push(cause('NOT_SIGNED', 'AWS found no signature (or no such resource)',
      'The request has no Authorization header or X-Amz-Signature, or they were removed on the way. API Gateway also answers this for a path or method that does not exist.'))
  }
  return out
}

function skewCause (deltaMs, maxSkewMs) {
  const near = (target) => Math.abs(Math.abs(deltaMs) - target) <= maxSkewMs
  if (near(12 * HOUR)) {
    return cause('DATE_FORMAT', 'The time was written with a 12-hour clock',
      `The request's X-Amz-Date is ${hours(Math.abs(deltaMs))} ${deltaMs > 0 ? 'behind' : 'ahead of'} AWS's clock: a date format with "hh" (12-hour) instead of "HH" (24-hour) writes 15:36 as 03:36. Write the date as YYYYMMDD'T'HHmmss'Z' in UTC (new Date().toISOString() without "-", ":" and milliseconds).`)
  }
  const off = Math.abs(deltaMs)
  const rem = off % (HOUR / 2)
  if (off >= HOUR - 2 * 60e3 && (rem <= 2 * 60e3 || HOUR / 2 - rem <= 2 * 60e3)) {
    return cause('DATE_TIMEZONE', 'The time was written in local time, not UTC',
      `X-Amz-Date is ${hours(Math.abs(deltaMs))} ${deltaMs > 0 ? 'behind' : 'ahead of'} AWS's clock, a whole number of hours: a time zone offset. X-Amz-Date is UTC, ending in Z.`)
  }
  return cause('CLOCK_SKEW', `The clock that signed is ${minutesText(deltaMs)} ${deltaMs > 0 ? 'slow' : 'fast'}`,
    `AWS accepts a signature within ${Math.round(maxSkewMs / 6e4)} minutes of its own clock. Correct the machine's clock (NTP), or sign with signingDate set from the Date header of an AWS response.`)
}

function bodyHashCause (e, body, ours) {
  const got = e.serverContentSha256
  const what = got === EMPTY_HASH ? ' AWS received an empty body.' : ''
  const described = body !== undefined && ours.payloadHash === e.clientContentSha256
    ? ' The hash that was signed is the hash of the body you describe here, so the body sent was another one.' : ''
  return cause('BODY_CHANGED', 'The body AWS received is not the body that was signed',
    `x-amz-content-sha256 says ${e.clientContentSha256 ?? 'one hash'}, the body AWS received hashes to ${got ?? 'another'}.${what}${described} Sign the exact bytes that are sent: serialise JSON once, before signing, and send that string; do not let the HTTP client transform the body after signing.`)
}

// ---------------------------------------------------------------------------
// Causes the two canonical requests show: the request AWS received is not
// the request described.

function causesFromDiff (diff, ours) {
  const out = []
  for (const line of diff.canonicalRequest) {
    if (line.kind === 'same') continue
    const [kind, name] = line.label.split(' ')
    if (line.label === 'payload hash') {
      out.push(cause('BODY_CHANGED', 'The body AWS received is not the body that was signed',
        `AWS hashed the body it received to ${line.aws}; the body described here hashes to ${line.ours}. Sign the exact bytes that are sent: an HTTP client that serialises the body again (axios with an object, a JSON body re-stringified), a compression step, or a changed line ending changes them.`))
    } else if (kind === 'header' && name === 'host') {
      out.push(cause('HOST_CHANGED', 'The Host AWS received is not the host that was signed',
        `Signed: ${line.ours ?? '(none)'}; received: ${line.aws ?? '(none)'}. A proxy, a custom domain or a redirect sent the request to another host: sign for the host AWS receives.`))
    } else if (kind === 'header' && line.kind === 'ours-only') {
      out.push(cause('HEADER_MISSING', `A signed header did not reach AWS: ${name}`,
        `${name} is in SignedHeaders but AWS received no such header. A proxy or the HTTP runtime dropped it (browsers refuse to send some headers). Sign only headers that are sent as they are.`))
    } else if (kind === 'header' && line.kind === 'aws-only') {
      out.push(cause('HEADER_NOT_DESCRIBED', `AWS received a signed header the request here does not have: ${name}`,
        `${line.aws}: add it to the request described here, or it cannot be compared.`))
    } else if (kind === 'header') {
      out.push(cause('HEADER_CHANGED', `A signed header changed after signing: ${name}`,
        `Signed: "${line.ours}"; AWS received: "${line.aws}". Something between the signer and AWS rewrote it (fetch sets content-type for a string body; proxies rewrite some headers). Set the header before signing to the value that is sent, or do not sign it.`))
    } else if (line.label === 'path') {
      out.push(cause('PATH_CHANGED', 'The path AWS received is not the path that was signed',
        `Signed: ${line.ours}; AWS computed: ${line.aws}. The HTTP client or a proxy rewrote it (dot segments, a trailing slash, percent-encoding added or removed). Sign the path exactly as it is sent.`))
    } else if (line.label === 'query') {
      out.push(cause('QUERY_CHANGED', 'The query AWS received is not the query that was signed',
        `Signed: ${line.ours}; AWS computed: ${line.aws}. Parameters were added, removed or re-encoded after signing.`))
    } else if (line.label === 'method') {
      out.push(cause('METHOD_CHANGED', 'The method AWS received is not the one signed',
        `Signed ${line.ours}, AWS received ${line.aws} (a redirect turns POST into GET; some clients send HEAD).`))
    } else if (line.label === 'signed headers') {
      out.push(cause('SIGNED_HEADERS', 'The signed header list differs',
        `Signed: ${line.ours}; AWS: ${line.aws}.`))
    }
  }
  const scope = diff.stringToSign.find((l) => l.label === 'scope' && l.kind === 'changed')
  if (scope && ours.scopeKnown) {
    const [, awsRegion, awsService] = scope.aws.split('/')
    if (awsRegion !== ours.region && !ours.v4a) {
      out.push(cause('WRONG_REGION', 'The signature is for the wrong region',
        `It was signed for ${awsRegion}; this endpoint is in ${ours.region}. Sign with region: '${ours.region}'.`))
    }
    if (awsService !== ours.service) {
      out.push(cause('WRONG_SERVICE', 'The signature is for the wrong service',
        `It was signed for ${awsService}; this endpoint's signing name is ${ours.service}. Sign with service: '${ours.service}'.`))
    }
  }
  return out
}

function dedupe (causes) {
  const seen = new Set()
  return causes.filter((c) => !seen.has(c.code) && seen.add(c.code))
}

/**
 * Why AWS refused the request's signature. `lib`: { explain, sha256,
 * sign(stringToSign, credentials, region, service, dayMs) -> hex,
 * publicKey(credentials) -> hex, verifyV4a(publicKeyHex, stringToSign,
 * signatureHex) -> boolean, and the entry's parseNew, headerEntries
 * (js/request.js) and fail (js/errors.js) }: what throws comes from the
 * entry, so its errors are the SigV4Error callers catch even where this
 * module is a file of its own, loaded on the first call (dist/diagnose.*).
 * Returns { causes, aws, ours, expected, signatures, diff } (index.d.ts).
 */
export async function diagnoseWith (lib, input) {
  if (!input || typeof input !== 'object' || !input.request) lib.fail('ERR_OPTION', 'diagnose({ request, options, awsError })')
  // Credentials as createSignedFetch() takes them: an object or a provider.
  const options = { ...input.options }
  if (typeof options.credentials === 'function') options.credentials = await options.credentials()
  // As sign() parses it (js/url.js where the host's URL is missing or partial).
  const { url } = lib.parseNew(input.request.url)
  // The URL as text from here on: a URL object is read as its href.
  const request = { ...input.request, url: String(input.request.url) }
  const entries = lib.headerEntries(request.headers)
  const headers = new Map(entries.map(([n, v]) => [n.toLowerCase(), v]))
  const e = typeof input.awsError === 'string' || input.awsError instanceof Uint8Array
    ? parseAwsError(input.awsError) : input.awsError ?? null
  // The request target as sent: a raw `path` (sign()'s) is what was on the wire.
  let target = url
  if (typeof request.path === 'string') {
    try {
      target = lib.parseNew(url.origin + (request.path.startsWith('/') ? '' : '/') + request.path).url
    } catch {
      lib.fail('ERR_PATH')
    }
  }
  const sent = sentSignature(target, headers)
  const ours = computeOurs(lib, request, options, sent, e, headers, entries)
  ours.payloadHash = ours.canonicalRequest.slice(ours.canonicalRequest.lastIndexOf('\n') + 1)
  const expected = { canonicalRequest: ours.canonicalRequest, stringToSign: ours.stringToSign, label: 'sigv4-wasm' }
  const aws = e?.canonicalRequest && e?.stringToSign ? { canonicalRequest: e.canonicalRequest, stringToSign: e.stringToSign } : null
  const causes = e ? causesFromError(e, sent, ours, request.body) : []

  // The signature sent, and the mistake that reproduces it.
  const provided = (e?.signatureProvided ?? sent?.signature ?? '').toLowerCase() || null
  const canSign = ours.given && provided !== null
  const mismatch = e !== null && /SignatureDoesNotMatch|does not match the signature/i.test(`${e.code} ${e.message}`)
  const base = aws ?? (sent ? { canonicalRequest: ours.canonicalRequest, stringToSign: withScope(ours.stringToSign, sent) } : null)
  let shown = expected
  let signatures = { provided, expected: null }
  const check = canSign && base && signatureCheck(lib, ours, provided, base.stringToSign)
  if (check) {
    signatures = { provided, expected: check.expected }
    const asDescribed = aws && check.matches(withScope(ours.stringToSign, sent ?? {}))
    if (check.matches(base.stringToSign) && mismatch) {
      causes.push(cause('WRONG_SECRET', 'The signature is right for the secret key given here: AWS holds another one',
        'The request was signed correctly with the secret access key you gave, and AWS computed the same canonical request, so AWS checked it against a different secret: the access key id and secret are not a pair (a rotated key, a secret from another profile or account, or credentials for another partition).'))
    } else if (mismatch && !asDescribed) {
      const found = reproduce({
        canonicalRequest: base.canonicalRequest, stringToSign: base.stringToSign, matches: check.matches, sha256: lib.sha256,
        ctx: {
          rawPath: rawPathOf(request), rawQuery: rawQueryOf(request), sentHeaders: headers,
          queryInSentOrder: () => queryInSentOrder(lib, request, ours),
        },
      })
      if (found) {
        causes.push(cause(found.mistake.code, found.mistake.title, found.mistake.detail))
        shown = { canonicalRequest: found.canonicalRequest, stringToSign: found.stringToSign, label: 'your signer (reconstructed)' }
      }
    }
  }
  const diff = aws ? diffSigning(aws, shown) : { canonicalRequest: [], stringToSign: [] }
  if (aws && shown === expected) causes.push(...causesFromDiff(diff, ours))
  if (e && causes.length === 0) causes.push(unknownCause(aws, canSign, ours.given))
  return { causes: dedupe(causes), aws, ours: shown, expected, signatures, diff, error: e }
}

/**
 * Whether a string to sign, signed with the credentials given, gives the
 * signature sent: { matches(stringToSign), expected } or null (a scope that
 * names no key). SigV4: HMAC with the key of the scope `stringToSign`
 * names (expected: the signature it gets). SigV4a: the ECDSA signature
 * verified with the credentials' public key (expected: null, ECDSA
 * signatures differ from signer to signer).
 */
function signatureCheck (lib, ours, provided, stringToSign) {
  const scope = (stringToSign.split('\n')[2] ?? '').split('/')
  if (ours.v4a) {
    if (scope.length !== 3 || !/^[0-9a-f]+$/.test(provided)) return null
    const key = lib.publicKey(ours.credentials)
    return { matches: (text) => lib.verifyV4a(key, text, provided), expected: null }
  }
  const m = SCOPE.exec(scope.join('/'))
  if (!m) return null
  const [, day, region, service] = m
  const dayMs = msOfAmzDate(`${day}T000000Z`)
  const sign = (text) => lib.sign(text, ours.credentials, region, service, dayMs)
  return { matches: (text) => sign(text) === provided, expected: sign(stringToSign) }
}

// A string to sign with the date and scope the sender used.
function withScope (stringToSign, sent) {
  const lines = stringToSign.split('\n')
  if (sent.amzDate) lines[1] = sent.amzDate
  if (sent.credential) lines[2] = sent.credential.split('/').slice(1).join('/')
  return lines.join('\n')
}

// The canonical query's pairs in the order the URL has them (null if that
// is the sorted order): each pair canonicalised alone by the signer.
function queryInSentOrder (lib, request, ours) {
  const raw = rawQueryOf(request)
  if (!raw) return null
  const base = request.url.split('?')[0]
  const pairs = raw.split('&').filter((p) => p && !PRESIGN_PARAMS.test(p)).map((pair) =>
    lib.explain({ url: `${base}?${pair}` }, { credentials: ours.credentials, region: ours.region ?? 'us-east-1', service: ours.service, signingDate: Date.UTC(2020, 0, 1) }).canonicalRequest.split('\n')[2])
  const sorted = [...pairs].sort()
  return pairs.join('&') === sorted.join('&') ? null : pairs
}

function unknownCause (aws, canSign, given) {
  if (!aws) return cause('UNKNOWN', 'The error names no cause sigv4-wasm recognises', 'Compare the canonical request below with the one the signer built.')
  if (!given) {
    return cause('UNKNOWN', 'AWS computed the same canonical request as sigv4-wasm: the signer built another one',
      'The request reached AWS as described here. Give the credentials (they stay here) to find which mistake reproduces the signature that was sent.')
  }
  return cause('UNKNOWN', 'AWS computed the same canonical request as sigv4-wasm, and no common mistake reproduces the signature sent',
    canSign
      ? 'Either the secret key the signer used differs from the one given here, or the signer differs in a way not recognised: print its canonical request and compare it with AWS\'s below.'
      : 'No signature to compare was found (no Authorization header, X-Amz-Signature or <SignatureProvided>): add the Authorization header that was sent to the request.')
}
