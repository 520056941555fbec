// aws-chunked uploads and event-stream signatures, written again from AWS's
// documentation (tests/vectors/README.md sections 4-7, s3-doc-examples.json)
// with node:crypto, node:zlib and aws-crt's checksums only, as the tests'
// independent reference: nothing here comes from js/.
//
//   string-to-sign builders (seed, chunk, trailer, event), HMAC and ECDSA
//   signatures, the trailer checksums, an aws-chunked encoder with the
//   framing lengths, and a strict decoder that verifies every signature and
//   the checksum and refuses anything else with a ChunkedError whose
//   `reason` is one of REASONS.
//
// Modes: 'signed' (STREAMING-<ALG>-PAYLOAD), 'signed-trailer'
// (STREAMING-<ALG>-PAYLOAD-TRAILER), 'unsigned-trailer'
// (STREAMING-UNSIGNED-PAYLOAD-TRAILER). ALG is V4 or V4A.
//
// Keys: { signingKey } (V4, the HMAC chain's last key) or { privateKey }
// to sign and { publicKey } to verify (V4A, node:crypto KeyObjects);
// streamingKeys() makes them from credentials.
//
// Trailers are [name, value] pairs. Their canonical form (what the trailer
// signature covers) is "name:value\n" per trailer, as canonical headers are
// written: in the order of their lower-case names, values trimmed and runs
// of spaces made one. AWS's documentation shows one trailer only; this is
// what AWS's own C signer does with several (aws-c-auth, aws_signing.c:
// s_build_canonical_request_trailing_headers canonicalizes the trailers
// with s_canonicalize_headers, which sorts by lower-case name).
import { createHash, createHmac, createPublicKey, sign as ecSign, timingSafeEqual, verify as ecVerify } from 'node:crypto'
import { crc32 } from 'node:zlib'
import crt from 'aws-crt'
import { sigv4aPrivateKey } from './sigv4a-kdf.mjs'
import { keyChain } from './secrets.mjs'
import { EMPTY_SHA256 } from './gen.mjs'

export const V4 = 'AWS4-HMAC-SHA256'
export const V4A = 'AWS4-ECDSA-P256-SHA256'
export { EMPTY_SHA256 }

// mode -> does it sign chunks, does it end with trailers
const MODE_TABLE = {
  signed: { signed: true, trailer: false },
  'signed-trailer': { signed: true, trailer: true },
  'unsigned-trailer': { signed: false, trailer: true },
}
export const MODES = Object.keys(MODE_TABLE)

// On the wire a chunk or trailer signature has a fixed length: V4's HMAC is
// 64 hex digits; V4A's DER signature (70 to 72 bytes) is right-padded with
// '*' to 144 characters, as aws-c-auth does, so lengths are known in advance.
const WIRE_SIGNATURE_LENGTH = { [V4]: 64, [V4A]: 144 }
const CHUNK_SIGNATURE = ';chunk-signature='
const TRAILER_SIGNATURE = 'x-amz-trailer-signature'
const CHECKSUM_PREFIX = 'x-amz-checksum-'
// The longest chunk header line or trailer line the decoder reads.
const MAX_LINE = 4096

/** The reasons a decoded body is refused (ChunkedError#reason). */
export const REASONS = Object.freeze({
  malformed: 'MalformedChunk', // framing: size, extension, CRLF, bytes after the end
  incomplete: 'IncompleteBody', // the body ends before the last CRLF
  chunkSignature: 'ChunkSignatureMismatch',
  chunkSize: 'InvalidChunkSizeError', // a chunk but the last is not chunkSize, or the last is longer
  trailer: 'MalformedTrailerError', // trailer lines, names other than x-amz-trailer's, unknown checksum
  trailerSignatureMissing: 'TrailerSignatureMissing',
  trailerSignature: 'TrailerSignatureMismatch',
  checksum: 'BadChecksum',
  decodedLength: 'DecodedLengthMismatch',
})

export class ChunkedError extends Error {
  constructor (reason, message) {
    super(`${reason}: ${message}`)
    this.name = 'ChunkedError'
    this.reason = reason
  }
}
const fail = (reason, message) => { throw new ChunkedError(reason, message) }

const sha256hex = (data) => createHash('sha256').update(data).digest('hex')
const bytes = (data) => (typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength))

function modeOf (mode) {
  const m = MODE_TABLE[mode]
  if (!m) throw new TypeError(`mode must be one of ${MODES.join(', ')}: ${mode}`)
  return m
}
function checkAlgorithm (algorithm) {
  if (algorithm !== V4 && algorithm !== V4A) throw new TypeError(`algorithm must be ${V4} or ${V4A}: ${algorithm}`)
}

// ------------------------------------------------------------ markers, keys

/** The x-amz-content-sha256 value of a mode. */
export function payloadMarker (mode, algorithm = V4) {
  if (!modeOf(mode).signed) return 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'
  checkAlgorithm(algorithm)
  return `STREAMING-${algorithm}-PAYLOAD${modeOf(mode).trailer ? '-TRAILER' : ''}`
}

/** { mode, algorithm } of an x-amz-content-sha256 value, or null when it is none of the aws-chunked ones. */
export function parsePayloadMarker (marker) {
  for (const mode of MODES) {
    for (const algorithm of [V4, V4A]) {
      if (payloadMarker(mode, algorithm) === marker) return { mode, algorithm: modeOf(mode).signed ? algorithm : null }
    }
  }
  return null
}

/** The credential scope: date/region/service/aws4_request (V4A: no region). */
export function credentialScope (algorithm, amzDate, region, service) {
  checkAlgorithm(algorithm)
  const d = amzDate.slice(0, 8)
  return algorithm === V4A ? `${d}/${service}/aws4_request` : `${d}/${region}/${service}/aws4_request`
}

/** The V4 signing key: HMAC chain "AWS4"+secret, date, region, service, "aws4_request". */
export function signingKey (secretAccessKey, amzDate, region, service) {
  return keyChain(secretAccessKey, amzDate.slice(0, 8), region, service).kSigning
}

/** Keys for signString/verifyString, encodeChunked and decodeChunked. */
export function streamingKeys (algorithm, { accessKeyId, secretAccessKey }, amzDate, region, service) {
  checkAlgorithm(algorithm)
  if (algorithm === V4) return { signingKey: signingKey(secretAccessKey, amzDate, region, service) }
  const privateKey = sigv4aPrivateKey(accessKeyId, secretAccessKey)
  return { privateKey, publicKey: createPublicKey(privateKey) }
}

// ------------------------------------------------------------ strings to sign

/** The seed (request) string to sign. */
export function requestStringToSign (algorithm, amzDate, scope, canonicalRequest) {
  return [algorithm, amzDate, scope, sha256hex(canonicalRequest)].join('\n')
}

/** <ALG>-PAYLOAD, date, scope, previous signature (unpadded), sha256(""), sha256(chunk). */
export function chunkStringToSign ({ algorithm = V4, amzDate, scope, previous, chunk }) {
  return [`${algorithm}-PAYLOAD`, amzDate, scope, unpadSignature(previous), EMPTY_SHA256, sha256hex(bytes(chunk))].join('\n')
}

/** "name:value\n" for each trailer by lower-case name (values trimmed, runs of spaces one). */
export function canonicalTrailers (trailers) {
  return trailers
    .map(([n, v]) => [n.toLowerCase(), String(v).trim().replace(/[ \t]+/g, ' ')])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([n, v]) => `${n}:${v}\n`).join('')
}

/** <ALG>-TRAILER, date, scope, the final chunk's signature (unpadded), sha256(canonical trailers). */
export function trailerStringToSign ({ algorithm = V4, amzDate, scope, previous, trailers }) {
  return [`${algorithm}-TRAILER`, amzDate, scope, unpadSignature(previous), sha256hex(canonicalTrailers(trailers))].join('\n')
}

/** The encoded event-stream ':date' header: 05 ':date' 08 int64-BE milliseconds. */
export function encodeDateHeader (ms) {
  const b = Buffer.alloc(15)
  b[0] = 5
  b.write(':date', 1, 'latin1')
  b[6] = 8
  b.writeBigInt64BE(BigInt(ms), 7)
  return b
}

/** AWS4-HMAC-SHA256-PAYLOAD, date, scope, previous, sha256(encoded :date), sha256(payload). */
export function eventStringToSign ({ amzDate, scope, previous = '', dateMs, payload }) {
  return [`${V4}-PAYLOAD`, amzDate, scope, previous, sha256hex(encodeDateHeader(dateMs)), sha256hex(bytes(payload))].join('\n')
}

// ------------------------------------------------------------ signatures

/** Hex signature of a string to sign: V4 HMAC with keys.signingKey, V4A DER ECDSA with keys.privateKey. */
export function signString (algorithm, keys, stringToSign) {
  checkAlgorithm(algorithm)
  if (algorithm === V4) return createHmac('sha256', keys.signingKey).update(stringToSign).digest('hex')
  return ecSign('sha256', Buffer.from(stringToSign), { key: keys.privateKey, dsaEncoding: 'der' }).toString('hex')
}

/** Whether `signature` (hex, V4A padding allowed) signs `stringToSign`. */
export function verifyString (algorithm, keys, stringToSign, signature) {
  checkAlgorithm(algorithm)
  const sig = unpadSignature(signature)
  if (algorithm === V4) {
    const want = Buffer.from(signString(V4, keys, stringToSign))
    const got = Buffer.from(sig)
    return got.length === want.length && timingSafeEqual(got, want)
  }
  const key = keys.publicKey ?? createPublicKey(keys.privateKey)
  try {
    return /^(?:[0-9a-f]{2})+$/.test(sig) && ecVerify('sha256', Buffer.from(stringToSign), { key, dsaEncoding: 'der' }, Buffer.from(sig, 'hex'))
  } catch { return false }
}

/** A signature as sent in a chunk or trailer: V4A right-padded with '*' to 144 characters. */
export function padSignature (signature, algorithm) {
  return algorithm === V4A ? signature.padEnd(WIRE_SIGNATURE_LENGTH[V4A], '*') : signature
}

/** A wire signature without its '*' padding (what the next string to sign uses). */
export function unpadSignature (signature) {
  return signature.replace(/\*+$/, '')
}

// ------------------------------------------------------------ checksums

// algorithm -> big-endian digest bytes
const CHECKSUMS = {
  crc32: (d) => u32(crc32(d)),
  crc32c: (d) => u32(crt.checksums.crc32c(d)),
  crc64nvme: (d) => { const v = crt.checksums.crc64nvme(d); return Buffer.from(v.buffer, v.byteOffset, v.byteLength) },
  sha1: (d) => createHash('sha1').update(d).digest(),
  sha256: (d) => createHash('sha256').update(d).digest(),
}
const DIGEST_BYTES = { crc32: 4, crc32c: 4, crc64nvme: 8, sha1: 20, sha256: 32 }
export const CHECKSUM_ALGORITHMS = Object.keys(CHECKSUMS)
function u32 (n) { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b }

function checksumFn (algorithm) {
  const f = CHECKSUMS[algorithm]
  if (!f) throw new TypeError(`checksum must be one of ${CHECKSUM_ALGORITHMS.join(', ')}: ${algorithm}`)
  return f
}

/** base64 of the big-endian digest of `data`. */
export function checksum (algorithm, data) {
  return checksumFn(algorithm)(bytes(data)).toString('base64')
}

/** The trailer (and header) name of a checksum: x-amz-checksum-<algorithm>. */
export function checksumTrailerName (algorithm) {
  checksumFn(algorithm)
  return CHECKSUM_PREFIX + algorithm
}

/** Characters in a checksum's base64 value. */
export function checksumLength (algorithm) {
  checksumFn(algorithm)
  return 4 * Math.ceil(DIGEST_BYTES[algorithm] / 3)
}

// ------------------------------------------------------------ framing

// [[name, valueLength], ...] from 'crc32c' | [name, valueLength] | [[name, valueLength], ...]
function trailerShapes (trailer) {
  if (trailer === undefined) return []
  if (typeof trailer === 'string') return [[checksumTrailerName(trailer), checksumLength(trailer)]]
  if (typeof trailer[0] === 'string') return [trailer]
  return trailer
}

/**
 * Bytes of the aws-chunked body of `decodedLength` bytes in chunks of
 * `chunkSize`. trailer: a checksum algorithm name, one [name, valueLength],
 * or a list of them (trailer modes only).
 */
export function encodedLength (decodedLength, chunkSize, { mode = 'signed', algorithm = V4, trailer } = {}) {
  const m = modeOf(mode)
  if (m.signed) checkAlgorithm(algorithm)
  const sig = m.signed ? WIRE_SIGNATURE_LENGTH[algorithm] : 0
  const head = (size) => size.toString(16).length + (m.signed ? CHUNK_SIGNATURE.length + sig : 0) + 2
  const full = Math.floor(decodedLength / chunkSize)
  const rest = decodedLength % chunkSize
  let n = full * (head(chunkSize) + chunkSize + 2) + (rest ? head(rest) + rest + 2 : 0) + head(0)
  const shapes = trailerShapes(trailer)
  if (!m.trailer && shapes.length) throw new TypeError(`mode ${mode} has no trailer`)
  if (m.trailer) {
    for (const [name, valueLength] of shapes) n += name.length + 1 + valueLength + 2
    if (m.signed) n += TRAILER_SIGNATURE.length + 1 + sig + 2
  }
  return n + 2
}

/** Chunk sizes of a body: every one chunkSize, the last one the rest (none for 0 bytes). */
export function chunkSizes (decodedLength, chunkSize) {
  const sizes = []
  for (let left = decodedLength; left > 0; left -= chunkSize) sizes.push(Math.min(left, chunkSize))
  return sizes
}

/**
 * The aws-chunked body of `data`.
 * @param {Uint8Array|string} data
 * @param {{ mode?, algorithm?, chunkSize?: number, amzDate: string, scope: string,
 *   seedSignature: string, signingKey?, privateKey?,
 *   trailers?: [string, string][], checksum?: string,
 *   split?: number[] }} options  checksum adds its x-amz-checksum-* trailer
 *   computed over data, after `trailers`; split overrides the chunk sizes
 *   (tests of the decoder's chunk-size rule).
 * @returns {{ body: Buffer, chunkSignatures: string[], trailerSignature?: string,
 *   trailers: [string, string][], chunkSizes: number[] }} signatures unpadded;
 *   chunkSignatures ends with the final (empty) chunk's.
 */
export function encodeChunked (data, {
  mode = 'signed', algorithm = V4, chunkSize = 65536, amzDate, scope, seedSignature,
  signingKey: key, privateKey, trailers = [], checksum: checksumAlgorithm, split,
} = {}) {
  const m = modeOf(mode)
  if (m.signed) checkAlgorithm(algorithm)
  const buf = bytes(data)
  const all = trailers.map(([n, v]) => [n.toLowerCase(), String(v).trim()])
  if (checksumAlgorithm) all.push([checksumTrailerName(checksumAlgorithm), checksum(checksumAlgorithm, buf)])
  if (!m.trailer && all.length) throw new TypeError(`mode ${mode} has no trailer`)
  const sizes = split ?? chunkSizes(buf.length, chunkSize)
  if (sizes.some((s) => !(s > 0)) || sizes.reduce((a, b) => a + b, 0) !== buf.length) {
    throw new TypeError('split must be positive sizes adding up to the data length')
  }
  const keys = { signingKey: key, privateKey }
  const parts = []
  const chunkSignatures = []
  let previous = m.signed ? unpadSignature(seedSignature) : undefined
  let off = 0
  for (const size of [...sizes, 0]) {
    const chunk = buf.subarray(off, off + size)
    off += size
    let head = size.toString(16)
    if (m.signed) {
      previous = signString(algorithm, keys, chunkStringToSign({ algorithm, amzDate, scope, previous, chunk }))
      chunkSignatures.push(previous)
      head += CHUNK_SIGNATURE + padSignature(previous, algorithm)
    }
    parts.push(Buffer.from(`${head}\r\n`))
    if (size) parts.push(chunk, Buffer.from('\r\n'))
  }
  let trailerSignature
  if (m.trailer) {
    for (const [n, v] of all) parts.push(Buffer.from(`${n}:${v}\r\n`))
    if (m.signed) {
      trailerSignature = signString(algorithm, keys, trailerStringToSign({ algorithm, amzDate, scope, previous, trailers: all }))
      parts.push(Buffer.from(`${TRAILER_SIGNATURE}:${padSignature(trailerSignature, algorithm)}\r\n`))
    }
  }
  parts.push(Buffer.from('\r\n'))
  return { body: Buffer.concat(parts), chunkSignatures, trailerSignature, trailers: all, chunkSizes: sizes }
}

// A wire signature's shape: V4 64 lower-case hex digits; V4A lower-case hex
// DER (even length) padded with '*' to exactly 144 characters.
function wellFormedSignature (algorithm, sig) {
  if (algorithm === V4) return /^[0-9a-f]{64}$/.test(sig)
  return sig.length === WIRE_SIGNATURE_LENGTH[V4A] && /^(?:[0-9a-f]{2}){8,}\**$/.test(sig)
}

/**
 * Parses an aws-chunked body strictly and verifies it; throws ChunkedError.
 * @param {Uint8Array} received the framed bytes as received
 * @param {{ mode?, algorithm?, amzDate: string, scope: string, seedSignature: string,
 *   signingKey?, publicKey?, privateKey?, trailerNames?: string[],
 *   decodedLength?: number, chunkSize?: number }} options
 *   trailerNames: x-amz-trailer's names (exactly these trailers must come);
 *   decodedLength: x-amz-decoded-content-length; chunkSize: every chunk but
 *   the last must be this size (default: the first chunk's size).
 * @returns {{ decoded: Buffer, trailers: [string, string][], chunkSizes: number[],
 *   chunkSignatures: string[], trailerSignature?: string }} chunkSizes: the
 *   data chunks (not the final empty one); signatures unpadded.
 */
export function decodeChunked (received, {
  mode = 'signed', algorithm = V4, amzDate, scope, seedSignature,
  signingKey: key, publicKey, privateKey, trailerNames = [], decodedLength, chunkSize,
} = {}) {
  const body = bytes(received)
  const m = modeOf(mode)
  if (m.signed) checkAlgorithm(algorithm)
  if (!m.trailer && trailerNames.length) fail(REASONS.trailer, `mode ${mode} has no trailers, x-amz-trailer names ${trailerNames}`)
  const keys = { signingKey: key, publicKey, privateKey }
  let pos = 0
  // One CRLF-terminated line (without it), as text.
  const line = (what) => {
    const end = body.indexOf('\r\n', pos)
    if ((end < 0 ? body.length : end) - pos > MAX_LINE) fail(REASONS.malformed, `${what} at byte ${pos} is longer than ${MAX_LINE} bytes`)
    if (end < 0) fail(REASONS.incomplete, `the body ends inside ${what} at byte ${pos}`)
    const text = body.toString('utf8', pos, end)
    if (/[\r\n]/.test(text)) fail(REASONS.malformed, `${what} at byte ${pos} has a bare CR or LF (lines end with CRLF)`)
    pos = end + 2
    return text
  }

  const pieces = []
  const sizes = []
  const chunkSignatures = []
  let previous = m.signed ? unpadSignature(seedSignature) : undefined
  let total = 0
  for (;;) {
    const at = pos
    const header = line('a chunk header')
    const semi = header.indexOf(';')
    const sizeText = semi < 0 ? header : header.slice(0, semi)
    if (!/^[0-9a-fA-F]{1,13}$/.test(sizeText)) fail(REASONS.malformed, `chunk size at byte ${at} is not hex: ${JSON.stringify(sizeText)}`)
    if (/[A-F]/.test(sizeText)) fail(REASONS.malformed, `chunk size at byte ${at} has upper-case hex: ${sizeText}`)
    if (sizeText.length > 1 && sizeText[0] === '0') fail(REASONS.malformed, `chunk size at byte ${at} has leading zeros: ${sizeText}`)
    const size = parseInt(sizeText, 16)
    let signature
    if (m.signed) {
      const ext = semi < 0 ? '' : header.slice(semi)
      if (!ext.startsWith(CHUNK_SIGNATURE)) fail(REASONS.malformed, `chunk at byte ${at} has no ${CHUNK_SIGNATURE.slice(1)}`)
      signature = ext.slice(CHUNK_SIGNATURE.length)
      if (!wellFormedSignature(algorithm, signature)) fail(REASONS.malformed, `chunk at byte ${at} has a malformed signature: ${signature}`)
    } else if (semi >= 0) {
      fail(REASONS.malformed, `unsigned chunk at byte ${at} has an extension: ${header.slice(semi)}`)
    }
    const chunk = body.subarray(pos, pos + size)
    if (size) {
      if (chunk.length < size) fail(REASONS.incomplete, `chunk at byte ${at} declares ${size} bytes, ${chunk.length} follow`)
      pos += size
      if (body.length - pos < 2) fail(REASONS.incomplete, `the body ends after the data of the chunk at byte ${at}`)
      if (body[pos] !== 13 || body[pos + 1] !== 10) fail(REASONS.malformed, `the data of the chunk at byte ${at} is not followed by CRLF`)
      pos += 2
    }
    if (m.signed) {
      if (!verifyString(algorithm, keys, chunkStringToSign({ algorithm, amzDate, scope, previous, chunk }), signature)) {
        fail(REASONS.chunkSignature, `chunk ${chunkSignatures.length} (${size} bytes, at byte ${at})`)
      }
      previous = unpadSignature(signature)
      chunkSignatures.push(previous)
    }
    if (!size) break
    total += size
    if (decodedLength !== undefined && total > decodedLength) {
      fail(REASONS.decodedLength, `more than the ${decodedLength} bytes of x-amz-decoded-content-length`)
    }
    pieces.push(chunk)
    sizes.push(size)
  }

  const trailers = []
  let trailerSignature
  if (m.trailer) {
    for (let text; (text = line('a trailer line')) !== '';) {
      const colon = text.indexOf(':')
      if (colon <= 0) fail(REASONS.trailer, `trailer line without a name: ${JSON.stringify(text)}`)
      const name = text.slice(0, colon).toLowerCase()
      const value = text.slice(colon + 1).trim()
      if (trailerSignature !== undefined) fail(REASONS.trailer, `${name} after ${TRAILER_SIGNATURE}`)
      if (name === TRAILER_SIGNATURE) {
        if (!m.signed) fail(REASONS.trailer, `${TRAILER_SIGNATURE} in an unsigned body`)
        if (!wellFormedSignature(algorithm, value)) fail(REASONS.trailer, `malformed ${TRAILER_SIGNATURE}: ${value}`)
        trailerSignature = value
      } else {
        if (trailers.some(([n]) => n === name)) fail(REASONS.trailer, `trailer ${name} sent twice`)
        trailers.push([name, value])
      }
    }
    const want = trailerNames.map((n) => n.trim().toLowerCase()).sort().join(',')
    const got = trailers.map(([n]) => n).sort().join(',')
    if (want !== got) fail(REASONS.trailer, `x-amz-trailer names [${want}], the body has [${got}]`)
    if (m.signed) {
      if (trailerSignature === undefined) fail(REASONS.trailerSignatureMissing, `no ${TRAILER_SIGNATURE}`)
      if (!verifyString(algorithm, keys, trailerStringToSign({ algorithm, amzDate, scope, previous, trailers }), trailerSignature)) {
        fail(REASONS.trailerSignature, `the ${TRAILER_SIGNATURE} does not sign [${got}]`)
      }
      trailerSignature = unpadSignature(trailerSignature)
    }
  } else if (line('the final CRLF') !== '') {
    fail(REASONS.malformed, 'the final chunk is not followed by an empty line')
  }
  if (pos !== body.length) fail(REASONS.malformed, `${body.length - pos} bytes after the end of the body`)

  if (decodedLength !== undefined && total !== decodedLength) {
    fail(REASONS.decodedLength, `${total} bytes decoded, x-amz-decoded-content-length is ${decodedLength}`)
  }
  const expected = chunkSize ?? sizes[0]
  sizes.forEach((s, i) => {
    if (i < sizes.length - 1 ? s !== expected : s > expected) {
      fail(REASONS.chunkSize, `chunk ${i} has ${s} bytes; every chunk but the last must have ${expected}, the last at most that`)
    }
  })
  const decoded = Buffer.concat(pieces)
  for (const [name, value] of trailers) {
    if (!name.startsWith(CHECKSUM_PREFIX)) continue
    const algo = name.slice(CHECKSUM_PREFIX.length)
    if (!CHECKSUMS[algo]) fail(REASONS.trailer, `unknown checksum ${name}`)
    const actual = checksum(algo, decoded)
    if (actual !== value) fail(REASONS.checksum, `${name} is ${value}, the decoded body's is ${actual}`)
  }
  return { decoded, trailers, chunkSizes: sizes, chunkSignatures, trailerSignature }
}
