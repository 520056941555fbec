// UTF-8 decoding and base64 through the host's TextDecoder, btoa and atob.
// Hermes (React Native) has none of them: there the sigv4-wasm/js entry
// hands in js/utf8.js's (useText), so that the other entries do not carry
// them. Used by presignPost/verifyPost and the diagnosis.

let fallback = null
/** Decoding and base64 for hosts without them ({ decode, btoa, atob }). */
export function useText (f) {
  fallback = f
}

/** Bytes as UTF-8, a leading BOM dropped; fatal: invalid bytes throw instead of becoming U+FFFD. */
const decoders = [] // [lenient, fatal], made on first use
export function utf8Decode (bytes, fatal = false) {
  if (typeof TextDecoder !== 'function') return fallback.decode(bytes, fatal)
  decoders[+fatal] ??= new TextDecoder('utf-8', { fatal })
  return decoders[+fatal].decode(bytes)
}

/** Bytes as text when they are UTF-8, else the bytes. */
export function textOrBytes (bytes) {
  try {
    return utf8Decode(bytes, true)
  } catch {
    return bytes
  }
}

/** Bytes as base64. */
export function toBase64 (bytes) {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return (typeof btoa === 'function' ? globalThis : fallback).btoa(binary)
}

/** Padded base64 (checked by the caller) as bytes. */
export function fromBase64 (s) {
  const binary = typeof atob === 'function' ? atob(s) : fallback.atob(s)
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}
