// Requests as text: a raw HTTP/1.1 request (what a server received, or a
// capture) read into the { method, url, path, headers, body } that sign(),
// verify() and explain() take. The curl side (parseCurl, toCurl) is
// js/curl.js, exported from here too.

import { fail } from './errors.js'
import { encoder } from './arena.js'
import { EMPTY, concatBytes } from './request.js'
import { textOrBytes } from './text.js'

export { parseCurl, toCurl } from './curl.js'

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const VERSION = /^HTTP\/\d\.\d$/
// Limits that keep hostile text from costing more than its own size.
const MAX_HEAD_LINES = 10000
const MAX_CHUNK_HEX = 12

const malformed = (message) => fail('ERR_HTTP', message)

// Bytes as text, each byte one character (headers are bytes on the wire).
function latin1 (bytes, from, to) {
  let s = ''
  for (let i = from; i < to; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(to, i + 8192)))
  return s
}

// A header value as the text it is: UTF-8 when its bytes are, else latin1.
function valueText (bytes, from, to) {
  const v = textOrBytes(bytes.subarray(from, to))
  return typeof v === 'string' ? v : latin1(bytes, from, to)
}

// The end of the line starting at i (the index of its LF, or the length),
// and where the next line starts.
function lineAt (bytes, i) {
  let lf = bytes.indexOf(10, i)
  if (lf < 0) lf = bytes.length
  const end = lf > i && bytes[lf - 1] === 13 ? lf - 1 : lf
  return [end, lf + 1]
}

/**
 * A raw HTTP/1.1 request (text or bytes): request line, header lines (CRLF
 * or LF; obsolete folded lines joined with a space), a blank line, and the
 * body Content-Length gives (or decoded from chunked transfer coding).
 * `path` is the request target as sent; `url` is scheme://host + target
 * (an absolute-form target is its own URL). Throws SigV4Error: ERR_HTTP
 * (framing), ERR_METHOD, ERR_PATH, ERR_HEADER_NAME, ERR_HEADER_VALUE,
 * ERR_HOST, ERR_URL.
 */
export function parseHttpRequest (input, { scheme = 'https' } = {}) {
  let bytes
  if (typeof input === 'string') bytes = encoder.encode(input)
  else if (input instanceof Uint8Array) bytes = input
  else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input)
  else fail('ERR_HTTP', 'parseHttpRequest() takes the request as a string, a Uint8Array or an ArrayBuffer')
  if (scheme !== 'https' && scheme !== 'http') fail('ERR_OPTION', 'parseHttpRequest(): scheme must be "https" or "http"')

  // Empty lines before the request line are skipped (RFC 9112 2.2).
  let at = 0
  let end
  let next
  do {
    if (at >= bytes.length) malformed('there is no request line: the text is empty')
    ;[end, next] = lineAt(bytes, at)
    if (end > at) break
    at = next
  } while (true)
  const requestLine = latin1(bytes, at, end)
  const parts = requestLine.split(' ')
  if (parts.length !== 3 || !VERSION.test(parts[2])) {
    malformed(`the first line is not "METHOD target HTTP/1.1": ${JSON.stringify(requestLine.slice(0, 80))}`)
  }
  const [method, target] = parts
  if (!TOKEN.test(method)) fail('ERR_METHOD', `the method ${JSON.stringify(method.slice(0, 40))} is not an HTTP token`)

  const headers = []
  at = next
  for (let lines = 0; ; lines++) {
    if (at >= bytes.length) malformed('the headers do not end with a blank line')
    if (lines > MAX_HEAD_LINES) malformed(`more than ${MAX_HEAD_LINES} header lines`)
    ;[end, next] = lineAt(bytes, at)
    if (end === at) { at = next; break }
    if (bytes[at] === 32 || bytes[at] === 9) {
      // obs-fold: a continuation of the previous value (RFC 9112 5.2).
      if (!headers.length) malformed('the first header line starts with a space')
      const last = headers[headers.length - 1]
      last[1] = `${last[1]} ${valueText(bytes, at, end).trim()}`.trim()
    } else {
      const colon = bytes.indexOf(58, at)
      if (colon < 0 || colon >= end) fail('ERR_HEADER_NAME', `a header line has no colon: ${JSON.stringify(latin1(bytes, at, Math.min(end, at + 80)))}`)
      const name = latin1(bytes, at, colon)
      if (!TOKEN.test(name)) fail('ERR_HEADER_NAME', `the header name ${JSON.stringify(name.slice(0, 80))} is not an HTTP token (a space before the colon?)`)
      const value = valueText(bytes, colon + 1, end).replace(/^[ \t]+|[ \t]+$/g, '')
      if (/[\0\r\n]/.test(value)) fail('ERR_HEADER_VALUE', `the ${name} header holds NUL or a bare CR`)
      headers.push([name, value])
    }
    at = next
  }

  const { url, path } = urlOf(target, headers, scheme)
  return { method, url, path, headers, body: bodyOf(bytes, at, headers) }
}

function headerValues (headers, name) {
  return headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v)
}

// origin-form ("/p?q") with the Host header, or absolute-form
// ("https://host/p?q"); the path as sent, never re-encoded.
function urlOf (target, headers, scheme) {
  const hosts = headerValues(headers, 'host')
  if (hosts.length > 1) fail('ERR_HOST', 'the request has more than one Host header')
  let origin
  let path
  const absolute = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(target)
  if (absolute) {
    origin = `${absolute[1].toLowerCase()}://${absolute[2]}`
    path = absolute[3] || '/'
  } else if (target[0] === '/') {
    if (!hosts.length || hosts[0] === '') fail('ERR_HOST', 'the request has no Host header (needed with a target like "/path")')
    origin = `${scheme}://${hosts[0]}`
    path = target
  } else {
    fail('ERR_PATH', `the request target ${JSON.stringify(target.slice(0, 80))} is neither "/path" nor "http(s)://host/path"`)
  }
  let url
  try {
    url = new URL(origin + path).href
  } catch {
    fail('ERR_URL', `${JSON.stringify((origin + path).slice(0, 120))} is not a valid URL`)
  }
  return { url, path }
}

// The body framing says (RFC 9112 6): chunked, Content-Length, or none.
function bodyOf (bytes, at, headers) {
  const te = headerValues(headers, 'transfer-encoding')
  const cl = headerValues(headers, 'content-length')
  const rest = bytes.length - at
  // Bytes past the body: an editor's final newline is not a second request.
  const trailing = (from) => {
    for (let i = from; i < bytes.length; i++) {
      if (bytes[i] !== 10 && bytes[i] !== 13) malformed(`${bytes.length - from} bytes follow the body: is Content-Length right?`)
    }
  }
  if (te.length) {
    if (cl.length) malformed('the request has both Transfer-Encoding and Content-Length (a request smuggling pattern): keep one')
    const codings = te.join(',').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
    if (codings.length !== 1 || codings[0] !== 'chunked') {
      malformed(`Transfer-Encoding ${JSON.stringify(te.join(', '))} is not supported: only "chunked" is decoded`)
    }
    return unchunk(bytes, at, trailing)
  }
  if (cl.length) {
    const values = new Set(cl.join(',').split(',').map((s) => s.trim()))
    const [value] = values
    if (values.size !== 1 || !/^\d{1,15}$/.test(value)) malformed(`Content-Length ${JSON.stringify(cl.join(', '))} is not one decimal length`)
    const length = Number(value)
    if (length > rest) malformed(`Content-Length is ${length} but only ${rest} bytes follow the headers`)
    trailing(at + length)
    return bytes.slice(at, at + length)
  }
  trailing(at)
  return EMPTY
}

// Chunked transfer coding (RFC 9112 7.1): hex size, extensions ignored, data,
// CRLF; a zero size, then no trailer fields (they are not signed headers
// anyone sends).
function unchunk (bytes, at, trailing) {
  const pieces = []
  for (;;) {
    if (at >= bytes.length) malformed('the chunked body ends before its last (zero-size) chunk')
    const [end, next] = lineAt(bytes, at)
    const line = latin1(bytes, at, end)
    const m = /^([0-9a-fA-F]+)[ \t]*(;.*)?$/.exec(line)
    if (!m || m[1].length > MAX_CHUNK_HEX) malformed(`a chunk size line is not hex digits: ${JSON.stringify(line.slice(0, 40))}`)
    const size = parseInt(m[1], 16)
    if (size === 0) {
      const [tEnd, tNext] = lineAt(bytes, next)
      if (tEnd !== next) malformed('the chunked body has trailer fields: they are not supported')
      trailing(Math.min(tNext, bytes.length))
      break
    }
    if (next + size > bytes.length) malformed(`a chunk of ${size} bytes runs past the end of the text`)
    pieces.push(bytes.subarray(next, next + size))
    const [dEnd, dNext] = lineAt(bytes, next + size)
    if (dEnd !== next + size) malformed(`chunk data is not followed by a line end (is the chunk size ${size} right?)`)
    at = dNext
  }
  return concatBytes(pieces)
}
