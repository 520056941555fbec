// UTF-8 encoding for hosts without TextEncoder (Hermes): the two methods
// the glue uses, as TextEncoder has them. The sigv4-wasm/js entry hands it
// to js/arena.js (useEncoder); the other entries never load it.

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
