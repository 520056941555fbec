// The four requests of issue 5 and the credentials they are signed with.
// No host APIs beyond TextEncoder, so Node and the Chromium page build the
// same bytes. Every library is configured to sign exactly `signedHeaders`.
import { xorshift32 } from './stats.mjs'

export const CREDENTIALS = Object.freeze({
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
})

// An STS-shaped session token (base64 alphabet, about the usual length).
export const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIEXAMPLE' +
  base64ish(270, 0x5e55)

export const SIGNING_DATE = new Date('2013-05-24T00:00:00Z')
export const AMZ_DATE = '20130524T000000Z'

export const KiB = 1024
export const MiB = 1024 * 1024

export const REQUESTS = [
  {
    id: 'a',
    label: '(a) S3 GET, no body',
    method: 'GET',
    host: 'examplebucket.s3.amazonaws.com',
    path: '/test.txt',
    region: 'us-east-1',
    service: 's3',
    signedHeaders: 'host;x-amz-content-sha256;x-amz-date',
  },
  {
    id: 'b',
    label: '(b) execute-api POST, 1 KiB JSON, session token',
    method: 'POST',
    host: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
    path: '/prod/items',
    region: 'us-east-1',
    service: 'execute-api',
    contentType: 'application/json',
    sessionToken: true,
    jsonBytes: KiB,
    signedHeaders: 'content-type;host;x-amz-date;x-amz-security-token',
  },
  {
    id: 'c',
    label: '(c) S3 PUT, 1 MiB',
    method: 'PUT',
    host: 'examplebucket.s3.amazonaws.com',
    path: '/uploads/object-1m.bin',
    region: 'us-east-1',
    service: 's3',
    bodyBytes: MiB,
    signedHeaders: 'host;x-amz-content-sha256;x-amz-date',
  },
  {
    id: 'd',
    label: '(d) S3 PUT, 16 MiB',
    method: 'PUT',
    host: 'examplebucket.s3.amazonaws.com',
    path: '/uploads/object-16m.bin',
    region: 'us-east-1',
    service: 's3',
    bodyBytes: 16 * MiB,
    signedHeaders: 'host;x-amz-content-sha256;x-amz-date',
  },
]

export const requestById = (id) => {
  const r = REQUESTS.find((x) => x.id === id)
  if (!r) throw new Error(`no request "${id}"`)
  return r
}

function base64ish (n, seed) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const next = xorshift32(seed)
  let s = ''
  for (let i = 0; i < n; i++) s += alphabet[next() & 63]
  return s + '=='
}

// Deterministic, incompressible bytes (hash speed does not depend on them,
// but a body of zeros would flatter any size measurement).
export function patternBytes (n, seed = 0x51637634) {
  const words = new Uint32Array(Math.ceil(n / 4))
  const next = xorshift32(seed)
  for (let i = 0; i < words.length; i++) words[i] = next()
  return new Uint8Array(words.buffer, 0, n)
}

// A JSON document of exactly n UTF-8 bytes (ASCII only).
export function jsonBody (n) {
  const doc = { id: 'item-0001', type: 'order', created: '2013-05-24T00:00:00Z', tags: ['bench', 'sigv4'], note: '' }
  const base = JSON.stringify(doc).length
  if (n < base) throw new Error(`jsonBody: ${n} < ${base}`)
  doc.note = base64ish(n - base - 2, 0x4a53).replace(/[+/]/g, 'x')
  const s = JSON.stringify(doc)
  if (s.length !== n) throw new Error(`jsonBody: built ${s.length} bytes, wanted ${n}`)
  return s
}

// The request ready to sign: URL, body, credentials, plus everything a
// signer needs. Bodies are built once per process.
const built = new Map()
export function prepare (fixture) {
  if (built.has(fixture.id)) return built.get(fixture.id)
  let body
  if (fixture.jsonBytes) body = jsonBody(fixture.jsonBytes)
  else if (fixture.bodyBytes) body = patternBytes(fixture.bodyBytes)
  const credentials = fixture.sessionToken ? { ...CREDENTIALS, sessionToken: SESSION_TOKEN } : { ...CREDENTIALS }
  const r = {
    ...fixture,
    url: `https://${fixture.host}${fixture.path}`,
    body,
    bodyLength: body === undefined ? 0 : typeof body === 'string' ? body.length : body.byteLength,
    credentials,
    signingDate: SIGNING_DATE,
    amzDate: AMZ_DATE,
  }
  built.set(fixture.id, r)
  return r
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
export function toHex (bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let s = ''
  for (let i = 0; i < u8.length; i++) s += HEX[u8[i]]
  return s
}
