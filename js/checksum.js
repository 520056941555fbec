// The checksums of S3's x-amz-checksum-* headers and trailers (crc32,
// crc32c, crc64nvme, sha1, sha256: SIGV4_CHECKSUMS in src/sigv4.h), as the
// base64 that S3 sends. The CRCs are always the wasm's; SHA-1 and SHA-256
// node:crypto's where it exists and wins (SHA instructions), else the
// wasm's too. Input handling and the incremental forms are js/hash.js's.

import { CHECKSUM, CHECKSUM_STATE_BYTES, CHECKSUM_BASE64_MAX, C_CODES } from './abi.js'
import { failC } from './errors.js'
import { ascii } from './arena.js'
import {
  feedInput, hashInput, nativeCrypto, nativeDigest, nativeFor, nativeIncremental, wasmIncremental,
} from './hash.js'

// During a call: the state at arena offset 0, input and output after it.
const STATE = 0
const DATA = CHECKSUM_STATE_BYTES
const WHAT = 'checksum() and createChecksum().update()'

// The id of an algorithm's name, in any case (the SDKs write 'CRC32').
function algorithmId (algorithm) {
  const name = typeof algorithm === 'string' ? algorithm.toLowerCase() : ''
  if (!Object.hasOwn(CHECKSUM, name)) failC(-C_CODES.indexOf('ERR_CHECKSUM'))
  return CHECKSUM[name]
}

// node:crypto's name for an algorithm it has, by id.
const nativeName = (id) => id === CHECKSUM.sha1 ? 'sha1' : id === CHECKSUM.sha256 ? 'sha256' : undefined

const update = (w, len) => w.x.sigv4w_checksum_update(STATE, DATA, len)

function base64 (w) {
  const n = w.x.sigv4w_checksum_base64(STATE, DATA)
  const value = n > 0 ? ascii(w, DATA, n) : ''
  w.u8.fill(0, STATE, DATA + CHECKSUM_BASE64_MAX)
  if (n < 0) failC(n)
  return value
}

/** The checksum of a string (as UTF-8) or bytes, as base64. */
export function checksum (ready, algorithm, data) {
  const id = algorithmId(algorithm)
  const input = hashInput(data, WHAT)
  const native = nativeName(id)
  if (native && nativeFor(input.length)) return nativeDigest(native, input, 'base64')
  const w = ready()
  w.x.sigv4w_checksum_init(STATE, id)
  feedInput(w, input, DATA, update)
  return base64(w)
}

/** An incremental checksum: update(data) (chainable), digest() as base64 (more updates may follow). */
export function createChecksum (ready, algorithm) {
  const id = algorithmId(algorithm)
  const native = nativeName(id)
  if (native && nativeCrypto()) return nativeIncremental(native, 'base64', WHAT)
  return wasmIncremental(ready, {
    size: CHECKSUM_STATE_BYTES,
    init: (w) => w.x.sigv4w_checksum_init(STATE, id),
    update,
    digest: base64,
    what: WHAT,
  })
}

/**
 * The CRC32 of a Uint8Array, as an unsigned 32-bit number, for the event
 * stream codec: w is the instance (ready()). It uses the arena from offset
 * 0, so it must not run between writing a descriptor and its call.
 */
export function crc32 (w, bytes) {
  w.x.sigv4w_checksum_init(STATE, CHECKSUM.crc32)
  feedInput(w, bytes, DATA, update)
  w.x.sigv4w_checksum_digest(STATE, DATA)
  const u = w.u8
  const value = (u[DATA] << 24 | u[DATA + 1] << 16 | u[DATA + 2] << 8 | u[DATA + 3]) >>> 0
  u.fill(0, STATE, DATA + 4)
  return value
}
