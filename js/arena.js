// Bytes in and out of the arena (wasm/ABI.md): strings and bytes written at
// a position with their (offset, length) put in descriptor or table words,
// and the signer's output read back as strings. Every writer checks the
// room left up to `limit` and fails with ERR_SCRATCH past it.

import { fail } from './errors.js'

// Hermes (React Native) has neither TextEncoder nor TextDecoder. There the
// sigv4-wasm/js entry hands in js/utf8.js's encoder (useEncoder), so that
// the entries for other hosts do not carry it, and ascii() reads bytes as
// bytesToString() does. Everywhere else, the native ones; a TextEncoder
// with encode() only (Safari before 14.1; React Native's usual polyfills,
// which the /js entry replaces) gets encodeInto by a copy.
export let encoder = typeof TextEncoder !== 'function' ? null
  : typeof TextEncoder.prototype.encodeInto === 'function' ? new TextEncoder() : byCopy(new TextEncoder())
const decoder = typeof TextDecoder === 'function' ? new TextDecoder() : null

/** The UTF-8 encoder where the host has no TextEncoder with encodeInto ({ encode, encodeInto }). */
export function useEncoder (fallback) {
  if (encoder === null || encoder.byCopy) encoder = fallback
}

// encodeInto over encode(): all or nothing (putUtf8 refuses a partial write anyway).
function byCopy (native) {
  return {
    byCopy: true,
    encode: (s) => native.encode(s),
    encodeInto (s, into) {
      const bytes = native.encode(s)
      if (bytes.length > into.length) return { read: 0, written: 0 }
      into.set(bytes)
      return { read: s.length, written: bytes.length }
    },
  }
}

// Strings go in one by one, ASCII by a plain loop: that is what nearly
// every string of a request is, and a loop beats encodeInto's binding for
// strings this short (in Chromium by far). A string with other characters
// is rewritten whole: as UTF-8 (kind UTF8: URL parts, credentials, scope)
// or, for header names and values, as bytes (HTTP sends them as latin1;
// kind is then the error code for a character above U+00FF). Its (offset,
// length) go to the words at `slot`.
export const UTF8 = 'UTF8'
export function putString (u8, u32, pos, limit, slot, s, kind) {
  let end = putAscii(u8, pos, limit, s)
  if (end < 0) end = kind === UTF8 ? putUtf8(u8, pos, limit, s) : putLatin1(u8, pos, limit, s, kind)
  u32[slot] = pos
  u32[slot + 1] = end - pos
  return end
}

/** A string as UTF-8 at pos, for exports that take (offset, length) as arguments; its end. */
export function putText (u8, pos, limit, s) {
  const end = putAscii(u8, pos, limit, s)
  return end < 0 ? putUtf8(u8, pos, limit, s) : end
}

// From this length encodeInto's native copy beats the loop (an
// Authorization header, a session token); the bench's sign and verify
// parts measure both sides of it.
const LONG = 48

// The string's bytes if it is all ASCII, and the end; else -1.
function putAscii (u8, pos, limit, s) {
  if (s.length > limit - pos) fail('ERR_SCRATCH')
  if (s.length >= LONG && encoder !== null) {
    // UTF-8 of ASCII is one byte a character: more bytes mean it was not.
    const r = encoder.encodeInto(s, u8.subarray(pos, limit))
    return r.read === s.length && r.written === s.length ? pos + s.length : -1
  }
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

export function putBytes (u8, u32, pos, limit, word, bytes) {
  if (bytes.length > limit - pos) fail('ERR_SCRATCH')
  u8.set(bytes, pos)
  u32[word] = pos
  u32[word + 1] = bytes.length
  return pos + bytes.length
}

// The signer's own output (Authorization value, presigned query, dates,
// hashes) is ASCII: read as latin1 by a Buffer where there is one, else by
// the UTF-8 decoder, the fastest of the rest (without one, as latin1).
export function ascii (w, off, len) {
  if (w.bytes) return w.bytes.toString('latin1', off, off + len)
  return decoder ? decoder.decode(w.u8.subarray(off, off + len)) : bytesToString(w, off, len)
}

// A canonical request may hold header bytes above 0x7F: one char per byte.
export function bytesToString (w, off, len) {
  if (w.bytes) return w.bytes.toString('latin1', off, off + len)
  let s = ''
  for (let i = 0; i < len; i += 4096) {
    s += String.fromCharCode.apply(null, w.u8.subarray(off + i, off + Math.min(len, i + 4096)))
  }
  return s
}
