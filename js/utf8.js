// UTF-8 and base64 for hosts without TextEncoder, TextDecoder, btoa and
// atob (Hermes): what the glue uses of them, as they behave. The
// sigv4-wasm/js entry hands them to js/arena.js (useEncoder) and js/text.js
// (useText); the other entries never load them.

// TextEncoder's encodeInto: as much of s as fits, as UTF-8 (a lone
// surrogate as U+FFFD); { read, written }.
function encodeInto (s, u8) {
  let i = 0
  let n = 0
  for (; i < s.length; i++) {
    let c = s.charCodeAt(i)
    let units = 1
    if (c >= 0xd800 && c < 0xe000) {
      const d = s.charCodeAt(i + 1)
      if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + d - 0xdc00
        units = 2
      } else {
        c = 0xfffd
      }
    }
    const len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
    if (n + len > u8.length) break
    // Lead byte: 0xxxxxxx, 110xxxxx, 1110xxxx or 11110xxx; then 10xxxxxx.
    u8[n++] = len === 1 ? c : ((0xff00 >> len) & 0xff) | (c >> (6 * (len - 1)))
    for (let k = len - 2; k >= 0; k--) u8[n++] = 0x80 | ((c >> (6 * k)) & 0x3f)
    i += units - 1
  }
  return { read: i, written: n }
}

function encode (s) {
  const out = new Uint8Array(3 * s.length) // a UTF-16 unit is at most 3 bytes
  return out.slice(0, encodeInto(s, out).written)
}

/** TextEncoder's encode and encodeInto, in JS. */
export const utf8Encoder = { encode, encodeInto }

// TextDecoder's decode (WHATWG Encoding, UTF-8): a leading BOM dropped, each
// maximal invalid subsequence one U+FFFD, or with fatal a TypeError.
function decode (bytes, fatal) {
  const units = []
  let cp = 0
  let need = 0
  let lower = 0x80
  let upper = 0xbf
  const bad = () => {
    if (fatal) throw new TypeError('The encoded data was not valid for encoding utf-8')
    units.push(0xfffd)
  }
  for (let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; i < bytes.length; i++) {
    const b = bytes[i]
    if (need === 0) {
      if (b < 0x80) units.push(b)
      else if (b >= 0xc2 && b <= 0xdf) [need, cp] = [1, b & 0x1f]
      else if (b >= 0xe0 && b <= 0xef) [need, cp, lower, upper] = [2, b & 0xf, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf]
      else if (b >= 0xf0 && b <= 0xf4) [need, cp, lower, upper] = [3, b & 0x7, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf]
      else bad()
    } else if (b < lower || b > upper) {
      // The sequence ends here; this byte starts afresh.
      [need, lower, upper] = [0, 0x80, 0xbf]
      bad()
      i--
    } else {
      [cp, lower, upper] = [(cp << 6) | (b & 0x3f), 0x80, 0xbf]
      if (--need === 0) units.push(...(cp < 0x10000 ? [cp] : [0xd7c0 + (cp >> 10), 0xdc00 + (cp & 0x3ff)]))
    }
  }
  if (need) bad()
  let s = ''
  for (let i = 0; i < units.length; i += 4096) s += String.fromCharCode.apply(null, units.slice(i, i + 4096))
  return s
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

// btoa: a binary string (chars below U+0100) as padded base64.
function btoa (binary) {
  let out = ''
  for (let i = 0; i < binary.length; i += 3) {
    const n = (binary.charCodeAt(i) << 16) | ((binary.charCodeAt(i + 1) || 0) << 8) | (binary.charCodeAt(i + 2) || 0)
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] +
      (i + 1 < binary.length ? ALPHABET[(n >> 6) & 63] : '=') + (i + 2 < binary.length ? ALPHABET[n & 63] : '=')
  }
  return out
}

// atob of padded base64 (the callers check it first): a binary string.
function atob (s) {
  let out = ''
  for (let i = 0; i < s.length; i += 4) {
    const n = (ALPHABET.indexOf(s[i]) << 18) | (ALPHABET.indexOf(s[i + 1]) << 12) |
      ((ALPHABET.indexOf(s[i + 2]) & 63) << 6) | (ALPHABET.indexOf(s[i + 3]) & 63)
    out += String.fromCharCode(n >> 16) + (s[i + 2] === '=' ? '' : String.fromCharCode((n >> 8) & 255)) +
      (s[i + 3] === '=' ? '' : String.fromCharCode(n & 255))
  }
  return out
}

/** TextDecoder's decode, btoa and atob, in JS. */
export const textFallback = { decode, btoa, atob }
