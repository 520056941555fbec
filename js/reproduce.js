// The mistakes signers make, each as a change to the canonical request (or
// string to sign) AWS computed. Signing each changed text with the
// caller's credentials and comparing with the signature that was sent
// finds the one the signer made: not a guess, a reproduction.

import { toBase64, utf8Decode } from './text.js'
import { EMPTY_HASH } from './body.js'
import { unhex } from './hash.js'

const decodeOnce = (path) => path.replace(/%25([0-9A-Fa-f]{2})/g, '%$1')
function decodeAll (text) {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

// Where the canonical request keeps what (lines of a well-formed one).
const PATH = 1
const QUERY = 2
const headerLines = (lines) => lines.slice(3, lines.indexOf('', 3))
const withLine = (lines, at, text) => (lines[at] === text ? null : lines.map((l, i) => (i === at ? text : l)))
// The last line, a hash, written each wrong way.
const hashMisspelt = (lines) => hashSpellings(lines[lines.length - 1]).map((h) => withLine(lines, lines.length - 1, h))

/**
 * The mistakes, most common first: { code, title, detail, change(lines,
 * ctx) -> changed lines or null (the mistake changes nothing here), or
 * changes(lines, ctx) -> several candidates, or toSignChanges(lines) ->
 * candidates for the string to sign's lines (a mistake made after the
 * canonical request) }.
 * ctx: { rawPath, rawQuery (minus X-Amz-Signature), sentHeaders (lowercase
 * name -> value as sent), queryInSentOrder() (canonical pairs in the order
 * sent, or null) }.
 */
const MISTAKES = [
  {
    code: 'PATH_ENCODED_ONCE',
    title: 'The path was percent-encoded once; this service signs it encoded twice',
    detail: 'Every service but S3 signs the path percent-encoded a second time (a space is %20 in the URL and %2520 in the canonical request). The signer used the URL\'s path as it is, as for S3.',
    change: (lines) => withLine(lines, PATH, decodeOnce(lines[PATH])),
  },
  {
    code: 'PATH_ENCODED_TWICE',
    title: 'The path was percent-encoded twice; S3 signs it encoded once',
    detail: 'S3 signs the path as it is sent (encoded once); the signer encoded it again, as for other services.',
    change: (lines) => (lines[PATH].includes('%') ? withLine(lines, PATH, lines[PATH].replace(/%/g, '%25')) : null),
  },
  {
    code: 'PATH_NOT_ENCODED',
    title: 'The path was signed without percent-encoding',
    detail: 'The canonical request holds the path percent-encoded (RFC 3986: only A-Z a-z 0-9 - _ . ~ and / stay as they are); the signer used it decoded.',
    change: (lines) => withLine(lines, PATH, decodeAll(decodeOnce(lines[PATH]))),
  },
  {
    code: 'PATH_NOT_NORMALIZED',
    title: 'The path was signed as written, not normalised',
    detail: 'Every service but S3 signs the path with "." and ".." segments resolved and repeated slashes kept as they are; the signer used the path exactly as written.',
    change: (lines, ctx) => withLine(lines, PATH, ctx.rawPath),
  },
  {
    code: 'QUERY_NOT_SORTED',
    title: 'The query parameters were signed in the order written, not sorted',
    detail: 'The canonical query string sorts the parameters by name (then value), by character code; the signer kept them in the order of the URL.',
    change: (lines, ctx) => {
      const pairs = ctx.queryInSentOrder()
      return pairs ? withLine(lines, QUERY, pairs.join('&')) : null
    },
  },
  {
    code: 'QUERY_NOT_ENCODED',
    title: 'The query string was signed as written, not encoded',
    detail: 'Each name and value in the canonical query string is percent-encoded (RFC 3986: "/" as %2F, a space as %20, "=" in a value as %3D); the signer used them as written in the URL (in its order, or sorted).',
    changes: (lines, ctx) => [ctx.rawQuery, ctx.rawQuery.split('&').sort().join('&')].map((q) => withLine(lines, QUERY, q)),
  },
  {
    code: 'QUERY_SPACE_AS_PLUS',
    title: 'Spaces in the query were signed as "+"',
    detail: 'The canonical query string encodes a space as %20 (form encoding\'s "+" is not used); the signer wrote "+".',
    change: (lines) => withLine(lines, QUERY, lines[QUERY].replace(/%20/g, '+')),
  },
  {
    code: 'QUERY_ENCODED_TWICE',
    title: 'The query was percent-encoded twice',
    detail: 'Names and values are encoded once in the canonical query string; the signer encoded text that was already encoded.',
    change: (lines) => withLine(lines, QUERY, lines[QUERY].replace(/%/g, '%25')),
  },
  {
    code: 'HEADER_NOT_TRIMMED',
    title: 'Header values were signed untrimmed',
    detail: 'Canonical header values have leading and trailing spaces removed and inner runs of spaces made one; the signer used them as sent.',
    change: (lines, ctx) => {
      const changed = lines.map((line, i) => {
        if (i < 3 || !headerLines(lines).includes(line)) return line
        const name = line.slice(0, line.indexOf(':'))
        return ctx.sentHeaders.has(name) ? `${name}:${ctx.sentHeaders.get(name)}` : line
      })
      return changed.some((l, i) => l !== lines[i]) ? changed : null
    },
  },
  {
    code: 'HOST_PORT',
    title: 'The host was signed with a different port than the one sent',
    detail: 'The host header is signed as sent: with the port only when the URL has one that is not the scheme\'s default.',
    change: (lines) => {
      const at = lines.findIndex((l, i) => i > 2 && l.startsWith('host:'))
      if (at < 0) return null
      const host = lines[at]
      return withLine(lines, at, /:\d+$/.test(host.slice(5)) ? host.replace(/:\d+$/, '') : `${host}:443`)
    },
  },
  {
    code: 'HEADERS_NO_NEWLINE',
    title: 'The canonical headers were signed without their final newline',
    detail: 'Each canonical header line ends with a newline, so a blank line separates the headers from the signed header names; the signer left it out.',
    change: (lines) => {
      const blank = lines.indexOf('', 3)
      return blank < 0 ? null : lines.filter((_, i) => i !== blank)
    },
  },
  {
    code: 'BODY_CHANGED',
    title: 'The body was signed empty and sent with content',
    detail: 'The signature covers the hash of an empty body: the body was set after signing (an HTTP client that serialises it later, or a body added by a wrapper).',
    change: (lines) => withLine(lines, lines.length - 1, EMPTY_HASH),
  },
  {
    code: 'UNSIGNED_PAYLOAD',
    title: 'The body was signed as UNSIGNED-PAYLOAD, which this request may not use',
    detail: 'UNSIGNED-PAYLOAD is accepted by S3 (and presigned URLs); other services need the body\'s SHA-256.',
    change: (lines) => withLine(lines, lines.length - 1, 'UNSIGNED-PAYLOAD'),
  },
  {
    code: 'HASH_ENCODING',
    title: 'The body\'s hash was written in the wrong encoding',
    detail: 'Hashes in SigV4 are lowercase hexadecimal. The signer wrote the digest another way (base64, upper case, or the raw digest decoded as UTF-8, as digest(\'utf-8\') does).',
    changes: hashMisspelt,
  },
  {
    code: 'HASH_ENCODING',
    title: 'The canonical request\'s hash was written in the wrong encoding',
    detail: 'The string to sign ends with the canonical request\'s SHA-256 in lowercase hexadecimal; the signer wrote it another way (base64, upper case, or the raw digest as UTF-8).',
    toSignChanges: hashMisspelt,
  },
]

/** The ways a lowercase-hex hash gets written wrongly. */
function hashSpellings (hex) {
  if (!/^[0-9a-f]{64}$/.test(hex)) return []
  const bytes = unhex(hex)
  return [hex.toUpperCase(), toBase64(bytes), utf8Decode(bytes)]
}

/**
 * The first mistake whose canonical request, signed, gives the signature
 * sent: { mistake, canonicalRequest, stringToSign } or null.
 * `stringToSign` is AWS's (its last line the canonical request's hash);
 * `matches(stringToSign)` says whether it was the one signed; `sha256(text)`
 * gives hex.
 */
export function reproduce ({ canonicalRequest, stringToSign, matches, sha256, ctx }) {
  const lines = canonicalRequest.split('\n')
  const toSignLines = stringToSign.split('\n')
  const head = toSignLines.slice(0, -1)
  for (const mistake of MISTAKES) {
    const late = mistake.toSignChanges !== undefined
    const candidates = late ? mistake.toSignChanges(toSignLines)
      : mistake.changes ? mistake.changes(lines, ctx) : [mistake.change(lines, ctx)]
    for (const candidate of candidates) {
      if (candidate === null) continue
      const text = late ? canonicalRequest : candidate.join('\n')
      const toSign = late ? candidate.join('\n') : [...head, sha256(text)].join('\n')
      if (matches(toSign)) return { mistake, canonicalRequest: text, stringToSign: toSign }
    }
  }
  return null
}
