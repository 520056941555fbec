// SHA-256 of bodies: the host's native hash where a synchronous one exists
// (node:crypto in Node, Deno and Bun: much faster than the wasm on large
// inputs where the CPU has SHA instructions), else the wasm, in chunks
// through the arena (wasm/ABI.md). The pieces are shared with the
// checksums (js/checksum.js). Functions taking `w` use the instance
// given; those taking `ready` get it only when they need the wasm.

import { HASH_STATE_BYTES } from './abi.js'
import { fail } from './errors.js'
import { ascii, encoder } from './arena.js'
import { bodyBytes, concatBytes } from './request.js'

// The wasm hashes large inputs in chunks of this size.
export const CHUNK = 64 * 1024

// node:crypto is reached without an import, so browsers and bundlers never
// see it, and only when first needed: loading it costs cold start that a
// request without a large body need not pay.
let native = null // null: not looked up yet; undefined: none
// Below this many bytes node:crypto's per-call cost is more than hashing the
// body in the wasm, inside the signing call: 256 with the one-shot
// crypto.hash (Node >= 20.12), 1024 with createHash's three calls.
const NATIVE_FLOOR = 256
let NATIVE_MIN = NATIVE_FLOOR
let digest = null
export function nativeCrypto () {
  if (native === null) {
    try {
      native = globalThis.process?.getBuiltinModule?.('node:crypto')
    } catch {
      native = undefined
    }
    const c = native
    if (c && typeof c.hash === 'function') {
      digest = (name, data, encoding) => c.hash(name, data, encoding)
    } else if (c) {
      digest = (name, data, encoding) => c.createHash(name).update(data).digest(encoding)
      NATIVE_MIN = 1024
    }
  }
  return native
}

/** node:crypto's `name` digest of a string (as UTF-8) or bytes; node:crypto must exist. */
export function nativeDigest (name, data, encoding) {
  nativeCrypto()
  return digest(name, data, encoding)
}

/** Whether node:crypto hashes `length` bytes faster than the signing call. */
// The floor first: a body below it never makes us load node:crypto.
export function nativeFor (length) {
  return length >= NATIVE_FLOOR && nativeCrypto() !== undefined && length >= NATIVE_MIN
}

// For tests: run the wasm hash paths on a host that has node:crypto.
export function _useNativeHash (on) {
  native = on ? null : undefined
}
// crypto.subtle answers asynchronously, at a cost per call: worth it from here.
const SUBTLE_MIN = CHUNK

const STATE = 0 // hash state at arena offset 0 (the descriptor is rewritten later)
const STATE_SIZE = HASH_STATE_BYTES

// The wasm SHA-256 whose state is at STATE, its input at STATE_SIZE.
const sha256Init = (w) => w.x.sigv4w_sha256_init(STATE)
const sha256Update = (w, len) => w.x.sigv4w_sha256_update(STATE, STATE_SIZE, len)

function wasmHex (w) {
  w.x.sigv4w_sha256_hex(STATE, STATE_SIZE)
  const hex = ascii(w, STATE_SIZE, 64)
  w.u8.fill(0, 0, STATE_SIZE + 64)
  return hex
}

// What the hash functions take: like a body, but "no data" is a mistake
// here, not the empty string (a missing argument must not hash as '').
// `what` names the functions for the message.
export function hashInput (data, what = 'sha256() and createSha256().update()') {
  if (data === undefined || data === null) {
    fail('ERR_BODY', `${what} take a string, ArrayBuffer or ArrayBufferView; got ${data}`)
  }
  return typeof data === 'string' ? data : bodyBytes(data)
}

// Strings are hashed as UTF-8 without a copy of them as bytes: node:crypto
// takes them as they are, the wasm gets them through encodeInto in windows
// that always fit a chunk (at most 3 bytes per UTF-16 unit).
export const TEXT_WINDOW = Math.floor(CHUNK / 3)

/** Whether a body of n bytes is hashed before the signing or verifying call (natively where that wins) rather than inside it. */
export const hashedApart = (n) => n > CHUNK || nativeFor(n)

/**
 * Feeds a string (as UTF-8) or bytes to a wasm digest: each chunk is
 * copied to arena offset `at` and update(w, length) called; the copies are
 * wiped after.
 */
export function feedInput (w, data, at, update) {
  if (typeof data !== 'string') {
    for (let i = 0; i < data.length; i += CHUNK) {
      const chunk = data.subarray(i, Math.min(data.length, i + CHUNK))
      w.u8.set(chunk, at)
      update(w, chunk.length)
    }
    w.u8.fill(0, at, at + Math.min(data.length, CHUNK))
    return
  }
  const dest = w.u8.subarray(at, at + CHUNK)
  for (let i = 0; i < data.length;) {
    let end = Math.min(data.length, i + TEXT_WINDOW)
    // Never split a surrogate pair between two windows.
    const last = data.charCodeAt(end - 1)
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--
    const { written } = encoder.encodeInto(i === 0 && end === data.length ? data : data.slice(i, end), dest)
    update(w, written)
    i = end
  }
  w.u8.fill(0, at, at + CHUNK)
}

/** A string (as UTF-8) or bytes, as hex: by node:crypto where it wins, else by the wasm. */
export function hashHex (w, data) {
  if (nativeFor(data.length)) return nativeDigest('sha256', data, 'hex')
  sha256Init(w)
  feedInput(w, data, STATE_SIZE, sha256Update)
  return wasmHex(w)
}

/** An incremental node:crypto hash (node:crypto must exist), its digest in `encoding`. */
export function nativeIncremental (name, encoding, what) {
  const h = nativeCrypto().createHash(name)
  return {
    update (data) {
      h.update(hashInput(data, what)) // strings as UTF-8, node:crypto's default
      return this
    },
    digest: () => h.copy().digest(encoding),
  }
}

/**
 * An incremental wasm digest that keeps its state (`size` bytes, at arena
 * offset 0 during a call, its input right after) in JS between updates, so
 * several can run at once (async readers) without disturbing each other
 * or signing. init(w) starts it, update(w, length) adds input, digest(w)
 * returns the result and wipes the arena.
 */
export function wasmIncremental (ready, { size, init, update, digest, what }) {
  const state = new Uint8Array(size)
  let started = false
  // The state is JS's only once an update saved it: a digest() before
  // any update starts from a fresh one, and leaves none.
  const load = (w) => {
    if (started) w.u8.set(state, STATE)
    else init(w)
  }
  return {
    update (data) {
      const input = hashInput(data, what)
      const w = ready()
      load(w)
      feedInput(w, input, size, update)
      state.set(w.u8.subarray(STATE, STATE + size))
      started = true
      w.u8.fill(0, STATE, STATE + size)
      return this
    },
    digest () {
      const w = ready()
      load(w)
      return digest(w)
    },
  }
}

// An incremental SHA-256, hex.
export function createSha256 (ready) {
  if (nativeCrypto()) return nativeIncremental('sha256', 'hex')
  return wasmIncremental(ready, { size: STATE_SIZE, init: sha256Init, update: sha256Update, digest: wasmHex })
}

/** Bytes as lowercase hex. */
export function hex (bytes) {
  let s = ''
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16)
  return s
}

/** Hex as bytes (a digest's). */
export function unhex (hexText) {
  const out = new Uint8Array(hexText.length >>> 1)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hexText.substr(2 * i, 2), 16)
  return out
}

/**
 * The raw 32-byte SHA-256 of bytes, or of a list of pieces taken as one (a
 * chunk of a streamed body): by node:crypto where there is one (the pieces
 * fed in turn), crypto.subtle for large inputs elsewhere (unless `sync`),
 * else the wasm. A promise only in the crypto.subtle case.
 */
export function sha256Bytes (ready, bytes, sync = false) {
  const c = nativeCrypto()
  if (Array.isArray(bytes)) {
    if (c && bytes.length !== 1) {
      const h = c.createHash('sha256')
      for (const piece of bytes) h.update(piece)
      return h.digest()
    }
    bytes = bytes.length === 1 ? bytes[0] : concatBytes(bytes)
  }
  if (c) return typeof c.hash === 'function' ? c.hash('sha256', bytes, 'buffer') : c.createHash('sha256').update(bytes).digest()
  const subtle = globalThis.crypto?.subtle
  if (!sync && bytes.length >= SUBTLE_MIN && subtle) return subtle.digest('SHA-256', bytes).then((d) => new Uint8Array(d))
  return unhex(hashHex(ready(), bytes))
}

// The same digest without blocking: the integrations (fetch, axios) hash
// whole in-memory bodies through this. Where no synchronous native hash
// exists (browsers, workers), large inputs go to crypto.subtle.
export async function sha256Async (ready, data) {
  const subtle = globalThis.crypto?.subtle
  const input = hashInput(data)
  if (input.length >= SUBTLE_MIN && subtle && !nativeCrypto()) {
    const bytes = typeof input === 'string' ? encoder.encode(input) : input
    return hex(new Uint8Array(await subtle.digest('SHA-256', bytes)))
  }
  return hashHex(ready(), input)
}
