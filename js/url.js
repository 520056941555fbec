// An absolute URL read as WHATWG's URL reads it, for hosts whose URL is
// missing (Hermes) or partial (React Native's has no pathname nor search):
// the parts signing reads (protocol, userinfo, host, port, path, query,
// fragment, origin, href), for the schemes it signs (http, https, ws, wss).
// Where the standard would map a host name (IDNA: non-ASCII names), this
// refuses instead: pass the punycode (xn--) form. Anything invalid throws a
// TypeError, as new URL() does.

import { encoder } from './arena.js'

const DEFAULT_PORTS = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' }
// The percent-encode sets (WHATWG URL, 1.3) for the path, a special
// scheme's query, the userinfo and the fragment; a surrogate pair is one character.
const PATH_SET = /[\ud800-\udbff][\udc00-\udfff]|[\x00-\x20"#<>?`{}\x7f-\uffff]/g
const QUERY_SET = /[\ud800-\udbff][\udc00-\udfff]|[\x00-\x20"#<>'\x7f-\uffff]/g
const USERINFO_SET = /[\ud800-\udbff][\udc00-\udfff]|[\x00-\x20"#<>?`{}/:;=@[\\\]^|\x7f-\uffff]/g
const FRAGMENT_SET = /[\ud800-\udbff][\udc00-\udfff]|[\x00-\x20"<>`\x7f-\uffff]/g
const FORBIDDEN_DOMAIN = /[\x00-\x20#%/:<>?@[\\\]^|\x7f]/
const SINGLE_DOT = /^(?:\.|%2e)$/i
const DOUBLE_DOT = /^(?:\.|%2e){2}$/i

const invalid = () => { throw new TypeError('Invalid URL') }
const hex2 = (b) => (b < 16 ? '%0' : '%') + b.toString(16).toUpperCase()

function percentEncode (s, set) {
  return s.replace(set, (ch) => {
    let out = ''
    for (const b of encoder.encode(ch)) out += hex2(b)
    return out
  })
}

/** The parts of an absolute URL string, named as a URL object names them. */
export function parseUrl (input) {
  const s = String(input).replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').replace(/[\t\n\r]/g, '')
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(s)
  if (!scheme) invalid()
  const protocol = scheme[0].toLowerCase()
  const none = { protocol, username: '', password: '', host: '', hostname: '', port: '', pathname: '', search: '', hash: '', origin: 'null', href: s }
  // Other schemes are not signed: their protocol is all the caller reads.
  if (!Object.hasOwn(DEFAULT_PORTS, protocol)) return none

  // Special schemes: any run of slashes (either way) before the authority.
  let rest = s.slice(protocol.length).replace(/^[/\\]*/, '')
  const hashAt = rest.indexOf('#')
  const fragment = hashAt < 0 ? null : rest.slice(hashAt + 1)
  if (hashAt >= 0) rest = rest.slice(0, hashAt)
  const queryAt = rest.indexOf('?')
  const query = queryAt < 0 ? null : rest.slice(queryAt + 1)
  if (queryAt >= 0) rest = rest.slice(0, queryAt)
  const pathAt = rest.search(/[/\\]/)
  let authority = pathAt < 0 ? rest : rest.slice(0, pathAt)
  const path = pathAt < 0 ? '' : rest.slice(pathAt)

  let username = ''
  let password = ''
  const at = authority.lastIndexOf('@')
  if (at >= 0) {
    const colon = authority.indexOf(':')
    const userEnd = colon >= 0 && colon < at ? colon : at
    username = percentEncode(authority.slice(0, userEnd), USERINFO_SET)
    password = percentEncode(authority.slice(userEnd + 1, at), USERINFO_SET)
    authority = authority.slice(at + 1)
  }
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority)
  const hostname = parseHost(hostPort[1])
  let port = hostPort[2] || ''
  if (!/^\d*$/.test(port)) invalid()
  if (port !== '') {
    if (+port > 65535) invalid()
    port = String(+port)
    if (port === DEFAULT_PORTS[protocol]) port = ''
  }
  const host = port ? `${hostname}:${port}` : hostname
  const pathname = parsePath(path)
  const search = query ? `?${percentEncode(query, QUERY_SET)}` : ''
  const hash = fragment ? `#${percentEncode(fragment, FRAGMENT_SET)}` : ''
  const origin = `${protocol}//${host}`
  const userinfo = username || password ? `${username}${password ? `:${password}` : ''}@` : ''
  const href = `${protocol}//${userinfo}${host}${pathname}${query === null ? '' : search || '?'}${fragment === null ? '' : hash || '#'}`
  return { protocol, username, password, host, hostname, port, pathname, search, hash, origin, href }
}

// The path's segments with the dot segments applied, each percent-encoded.
function parsePath (path) {
  const segments = path === '' ? [''] : path.slice(1).split(/[/\\]/)
  const out = []
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1
    if (DOUBLE_DOT.test(seg)) {
      out.pop()
      if (last) out.push('')
    } else if (SINGLE_DOT.test(seg)) {
      if (last) out.push('')
    } else {
      out.push(percentEncode(seg, PATH_SET))
    }
  })
  return `/${out.join('/')}`
}

function parseHost (raw) {
  if (raw.startsWith('[')) {
    if (!raw.endsWith(']')) invalid()
    return `[${ipv6Text(ipv6(raw.slice(1, -1)))}]`
  }
  const decoded = raw.replace(/%([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
  if (/[^\x00-\x7f]/.test(decoded)) {
    throw new TypeError('a host name that is not ASCII is mapped by IDNA, which this URL parser does not do: pass its punycode (xn--) form')
  }
  const name = decoded.toLowerCase()
  if (name === '' || FORBIDDEN_DOMAIN.test(name)) invalid()
  // A name whose last label is a number is an IPv4 address (WHATWG 3.5).
  const labels = name.split('.')
  if (labels[labels.length - 1] === '' && labels.length > 1) labels.pop()
  if (!/^(?:\d+|0x[0-9a-f]*)$/.test(labels[labels.length - 1])) return name
  if (labels.length > 4) invalid()
  const parts = labels.map((l) => {
    const m = /^(?:0x([0-9a-f]*)|(0[0-7]+)|(0|[1-9]\d*))$/.exec(l)
    if (!m) invalid()
    return m[1] !== undefined ? (m[1] === '' ? 0 : parseInt(m[1], 16)) : m[2] !== undefined ? parseInt(m[2], 8) : +m[3]
  })
  const lastPart = parts.pop()
  if (parts.some((p) => p > 255) || lastPart >= 256 ** (4 - parts.length)) invalid()
  let address = lastPart
  parts.forEach((p, i) => { address += p * 256 ** (3 - i) })
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')
}

// WHATWG's IPv6 parser (3.5): eight 16-bit pieces.
function ipv6 (s) {
  const a = [0, 0, 0, 0, 0, 0, 0, 0]
  let i = 0
  let p = 0
  let compress = null
  const isHex = (c) => c !== undefined && /[0-9a-fA-F]/.test(c)
  const isDigit = (c) => c !== undefined && c >= '0' && c <= '9'
  if (s[0] === ':') {
    if (s[1] !== ':') invalid()
    p = 2
    compress = ++i
  }
  while (p < s.length) {
    if (i === 8) invalid()
    if (s[p] === ':') {
      if (compress !== null) invalid()
      p++
      compress = ++i
      continue
    }
    let value = 0
    let length = 0
    while (length < 4 && isHex(s[p])) {
      value = value * 16 + parseInt(s[p++], 16)
      length++
    }
    if (s[p] === '.') {
      // An IPv4 address in the last two pieces.
      if (length === 0 || i > 6) invalid()
      p -= length
      let seen = 0
      while (p < s.length) {
        if (seen > 0) {
          if (s[p] !== '.' || seen >= 4) invalid()
          p++
        }
        if (!isDigit(s[p])) invalid()
        let piece = null
        while (isDigit(s[p])) {
          const n = +s[p++]
          if (piece === 0) invalid()
          piece = piece === null ? n : piece * 10 + n
          if (piece > 255) invalid()
        }
        a[i] = a[i] * 256 + piece
        if (++seen === 2 || seen === 4) i++
      }
      if (seen !== 4) invalid()
      break
    }
    if (s[p] === ':') {
      if (++p >= s.length) invalid()
    } else if (p < s.length) {
      invalid()
    }
    a[i++] = value
  }
  if (compress !== null) {
    let swaps = i - compress
    for (i = 7; i !== 0 && swaps > 0; i--, swaps--) {
      const t = a[compress + swaps - 1]
      a[compress + swaps - 1] = a[i]
      a[i] = t
    }
  } else if (i !== 8) {
    invalid()
  }
  return a
}

// Lower-case hex pieces, the first longest run of two or more zeros as '::'.
function ipv6Text (a) {
  let best = -1
  let bestLen = 1
  for (let i = 0; i < 8;) {
    let j = i
    while (j < 8 && a[j] === 0) j++
    if (j - i > bestLen) {
      best = i
      bestLen = j - i
    }
    i = j === i ? i + 1 : j
  }
  let out = ''
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      out += i === 0 ? '::' : ':'
      i += bestLen - 1
      continue
    }
    out += a[i].toString(16) + (i < 7 ? ':' : '')
  }
  return out
}
