// Shared by verify-server.mjs and gen.mjs: turn a raw (wire) query string into
// the decoded object @smithy/signature-v4 canonicalises.
//
// Rules: split on '&' (empty pieces dropped), key/value split at the first '=';
// valid %XX sequences are decoded (then the bytes read as UTF-8), an invalid
// '%' is kept literally; '+' is a literal '+', or with { form: true } a
// space (WHATWG's application/x-www-form-urlencoded reading); a key
// seen more than once becomes an array of its values, in order; a key with no
// '=' ("?acl") gets the value '' — smithy silently DROPS keys whose value is
// null/undefined, so '' is what makes "?acl" canonicalise to "acl=".

const utf8 = new TextDecoder('utf-8') // non-fatal: invalid UTF-8 -> U+FFFD
const enc = new TextEncoder()

/** Decode %XX escapes (either hex case); everything else passes through. */
export function percentDecode (s) {
  if (!s.includes('%')) return s
  const bytes = []
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      const cp = s.codePointAt(i)
      if (cp > 0xffff) i++
      bytes.push(...enc.encode(String.fromCodePoint(cp)))
    }
  }
  return utf8.decode(Uint8Array.from(bytes))
}

/**
 * @param {string} raw query without the leading '?'
 * @param {{ exclude?: (key: string) => boolean, form?: boolean }} [opts]
 * @returns {Record<string, string | string[]>} (null-prototype object)
 */
export function parseRawQuery (raw, { exclude, form = false } = {}) {
  const query = Object.create(null)
  if (!raw) return query
  for (let piece of raw.split('&')) {
    if (piece === '') continue
    if (form) piece = piece.replaceAll('+', ' ')
    const eq = piece.indexOf('=')
    const key = percentDecode(eq < 0 ? piece : piece.slice(0, eq))
    const value = eq < 0 ? '' : percentDecode(piece.slice(eq + 1))
    if (exclude && exclude(key)) continue
    const prev = query[key]
    if (prev === undefined) query[key] = value
    else if (Array.isArray(prev)) prev.push(value)
    else query[key] = [prev, value]
  }
  return query
}
