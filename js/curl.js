// curl command lines: read one (what people paste with a 403) into the
// request curl would send, and write one that sends a given request's
// bytes. Only what changes the request is read; options that change
// nothing on the wire are skipped; the rest are refused by name.

import { fail } from './errors.js'
import { encoder } from './arena.js'
import { headerEntries, bodyBytes, concatBytes } from './request.js'
import { shellWords, shellQuote, refuse } from './shell.js'
import { toBase64, textOrBytes } from './text.js'

// printf's one-character escapes (\ooo octal is read apart).
const PRINTF_ESCAPES = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34, "'": 39 }

// Every option parseCurl knows: what it does, whether it takes a value.
// Short and long names of one option share one entry. Built by a call
// marked pure, so that a bundle of the whole package (dist/index.mjs)
// drops it from apps that never parse a curl command.
const OPTIONS = /* @__PURE__ */ (() => {
  const options = {}
  const define = (names, spec) => {
    for (const n of names.split(' ')) options[n] = spec
  }
  define('-X --request', { value: true, act: 'method' })
  define('-H --header', { value: true, act: 'header' })
  define('-d --data --data-ascii', { value: true, act: 'data', file: true })
  define('--data-binary', { value: true, act: 'data', file: true, binary: true })
  define('--data-raw', { value: true, act: 'data' })
  define('--data-urlencode', { value: true, act: 'urlencode' })
  define('--json', { value: true, act: 'json', file: true, binary: true })
  define('--url', { value: true, act: 'url' })
  define('-u --user', { value: true, act: 'user' })
  define('--aws-sigv4', { value: true, act: 'sigv4' })
  define('-A --user-agent', { value: true, act: 'set', header: 'User-Agent' })
  define('-e --referer', { value: true, act: 'set', header: 'Referer' })
  define('-r --range', { value: true, act: 'range' })
  define('-b --cookie', { value: true, act: 'cookie' })
  define('-I --head', { act: 'head' })
  define('-G --get', { act: 'get' })
  // Options that change nothing parseCurl reports (output, TLS, timing...).
  define('-o --output -m --max-time --connect-timeout -w --write-out --retry --retry-delay --retry-max-time ' +
    '--resolve --connect-to --cacert --capath -E --cert --key --cert-type --key-type -x --proxy -U --proxy-user ' +
    '--limit-rate --max-redirs -c --cookie-jar --interface -D --dump-header --trace --trace-ascii --stderr ' +
    '-y --speed-time -Y --speed-limit --max-filesize --dns-servers --noproxy --proto --proto-redir ' +
    '--local-port --keepalive-time --expect100-timeout --unix-socket --abstract-unix-socket --ciphers ' +
    '--tls-max --pinnedpubkey --output-dir --create-file-mode', { value: true })
  define('-s --silent -S --show-error -v --verbose -k --insecure -L --location -i --include --compressed ' +
    '-f --fail --fail-with-body -# --progress-bar --http1.1 --http2 --http2-prior-knowledge --http3 ' +
    '-g --globoff --path-as-is --no-progress-meter -N --no-buffer -O --remote-name -J --remote-header-name ' +
    '--no-keepalive --tcp-nodelay -q --disable --raw --location-trusted --no-sessionid --tlsv1.2 --tlsv1.3 ' +
    '-4 -6 --ipv4 --ipv6 --retry-all-errors --retry-connrefused --create-dirs -R --remote-time -n --netrc ' +
    '--styled-output --no-styled-output --ssl-no-revoke --http0.9 --no-alpn --no-npn', {})
  const REFUSED = {
    '-F': 'a multipart form\'s boundary is random, so its bytes are not known: give the body with --data-binary',
    '-T': 'an upload reads a file: give the body with --data-binary',
    '-K': 'a config file holds more options', '-:': 'several requests in one line: give one',
    '-0': 'HTTP/1.0 changes the request', '--variable': 'variables need curl to expand them',
  }
  for (const [names, why] of [['-F --form --form-string', '-F'], ['-T --upload-file', '-T'], ['-K --config', '-K'],
    ['-: --next', '-:'], ['-0 --http1.0', '-0'], ['--variable --expand-url --expand-header --expand-data', '--variable']]) {
    define(names, { refuse: REFUSED[why] })
  }
  return options
})()

/**
 * A curl command line (POSIX shell words; a leading `curl`, and a
 * `printf '...' |` feeding `--data-binary @-`, allowed) as the request
 * curl sends: { method, url, headers: [name, value][], body?, credentials?,
 * region?, service? }. credentials come from -u KEY:SECRET with
 * --aws-sigv4 (and the x-amz-security-token header, moved into them);
 * without --aws-sigv4, -u is the Basic authorization header curl sends.
 * Throws SigV4Error ERR_CURL for what it cannot know.
 */
export function parseCurl (commandLine) {
  const commands = shellWords(commandLine)
  let stdin = null
  if (commands.length === 2) stdin = printfOutput(commands[0])
  else if (commands.length > 2) refuse('the command line is a pipe of more than two commands')
  const words = commands[commands.length - 1]
  if (words[0] === 'curl') words.shift()
  const s = { method: null, urls: [], headers: [], removed: new Set(), data: [], json: false, head: false, get: false }
  let onlyUrls = false
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (typeof w !== 'string') refuse('a word other than a body is not UTF-8 text')
    if (onlyUrls || w[0] !== '-' || w === '-') { s.urls.push(w); continue }
    if (w === '--') { onlyUrls = true; continue }
    if (w.startsWith('--')) {
      const spec = OPTIONS[w] || (w.startsWith('--no-') && OPTIONS['--' + w.slice(5)] && !OPTIONS['--' + w.slice(5)].value ? {} : null)
      if (!spec) refuse(`curl option ${w} is unknown here: remove it if it does not change the request`)
      if (spec.value && i + 1 >= words.length) refuse(`curl option ${w} needs a value`)
      apply(s, w, spec, spec.value ? words[++i] : undefined, stdin)
      continue
    }
    // Short options cluster ("-sSX POST", "-XPOST"); one taking a value
    // takes the rest of the word, or the next word.
    for (let j = 1; j < w.length; j++) {
      const name = '-' + w[j]
      const spec = OPTIONS[name]
      if (!spec) refuse(`curl option ${name} is unknown here: remove it if it does not change the request`)
      if (spec.value) {
        let value = w.slice(j + 1)
        if (value === '') {
          if (i + 1 >= words.length) refuse(`curl option ${name} needs a value`)
          value = words[++i]
        }
        apply(s, name, spec, value, stdin)
        break
      }
      apply(s, name, spec, undefined, stdin)
    }
  }
  return requestOf(s)
}

function text (value, option) {
  if (typeof value !== 'string') refuse(`the value of ${option} is not UTF-8 text`)
  return value
}

function apply (s, option, spec, value, stdin) {
  if (spec.refuse) refuse(`curl option ${option} is not supported: ${spec.refuse}`)
  switch (spec.act) {
    case 'method': s.method = text(value, option); break
    case 'header': header(s, text(value, option)); break
    case 'set': s.headers.push([spec.header, text(value, option)]); break
    case 'range': s.headers.push(['Range', `bytes=${text(value, option)}`]); break
    case 'cookie':
      if (!text(value, option).includes('=')) refuse(`${option} ${value}: a cookie file is not read; give the cookies as name=value`)
      s.headers.push(['Cookie', value])
      break
    case 'url': s.urls.push(text(value, option)); break
    case 'user': s.user = text(value, option); break
    case 'sigv4': s.sigv4 = text(value, option); break
    case 'head': s.head = true; break
    case 'get': s.get = true; break
    case 'json': s.json = true // fall through: the data itself
    case 'data': s.data.push(dataOf(option, spec, value, stdin)); break
    case 'urlencode': s.data.push(encoder.encode(urlencoded(text(value, option), option))); break
    default: // no effect on the request
  }
}

// -H: "Name: value" adds, "Name:" removes a header curl would add,
// "Name;" adds it empty.
function header (s, line) {
  if (line[0] === '@') refuse(`-H ${line}: headers from a file are not read; give each with -H`)
  const colon = line.indexOf(':')
  const semi = line.indexOf(';')
  if (colon < 0 && semi > 0 && line.slice(semi + 1).trim() === '') {
    s.headers.push([line.slice(0, semi).trim(), ''])
    return
  }
  if (colon <= 0) refuse(`-H ${JSON.stringify(line)} is not "Name: value"`)
  const name = line.slice(0, colon).trim()
  const value = line.slice(colon + 1).trim()
  if (value === '') s.removed.add(name.toLowerCase())
  else s.headers.push([name, value])
}

function dataOf (option, spec, value, stdin) {
  if (spec.file && typeof value === 'string' && value[0] === '@') {
    if (value === '@-' && stdin) return stdin
    refuse(`${option} ${value}: files are not read here; give the data itself (or printf '...' | curl ... ${option} @-)`)
  }
  return typeof value === 'string' ? encoder.encode(value) : value
}

// curl's --data-urlencode forms: content, =content, name=content; all but
// A-Z a-z 0-9 - . _ ~ percent-encoded, a space as '+'.
function urlencoded (value, option) {
  const at = value.indexOf('@')
  const eq = value.indexOf('=')
  if (at >= 0 && (eq < 0 || at < eq)) refuse(`${option} ${value}: files are not read here; give the content itself`)
  const escape = (v) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+')
  if (eq < 0) return escape(value)
  return (eq === 0 ? '' : value.slice(0, eq) + '=') + escape(value.slice(eq + 1))
}

// `printf 'FORMAT'` feeding curl: the bytes it writes (escapes and %%).
function printfOutput (words) {
  if (words.length !== 2 || words[0] !== 'printf' || typeof words[1] !== 'string') {
    refuse('a pipe into curl is read only from printf \'...\' (one format argument)')
  }
  const f = words[1]
  const out = []
  for (let i = 0; i < f.length;) {
    const c = f[i]
    if (c === '%') {
      if (f[i + 1] !== '%') refuse('printf\'s format may hold %% only, no conversions')
      out.push(encoder.encode('%')); i += 2; continue
    }
    if (c === '\\') {
      const m = /^[0-7]{1,3}/.exec(f.slice(i + 1, i + 4))
      if (m) { out.push(Uint8Array.of(parseInt(m[0], 8) & 0xff)); i += 1 + m[0].length; continue }
      if (Object.hasOwn(PRINTF_ESCAPES, f[i + 1])) { out.push(Uint8Array.of(PRINTF_ESCAPES[f[i + 1]])); i += 2; continue }
      refuse(`printf escape \\${f[i + 1] || ''} is not supported`)
    }
    let j = i
    while (j < f.length && f[j] !== '%' && f[j] !== '\\') j++
    out.push(encoder.encode(f.slice(i, j)))
    i = j
  }
  return concatBytes(out)
}

// curl's SigV4 option: "aws:amz[:REGION[:SERVICE]]".
function sigv4Scope (value) {
  const [p1, p2, region, service, ...more] = value.split(':')
  if (!p1 || more.length) refuse(`--aws-sigv4 ${JSON.stringify(value)} is not "aws:amz:REGION:SERVICE"`)
  if (p1.toLowerCase() !== 'aws' || (p2 !== undefined && p2.toLowerCase() !== 'amz')) {
    refuse(`--aws-sigv4 ${JSON.stringify(value)}: only the AWS provider (aws:amz) signs AWS's way`)
  }
  return { region: region || undefined, service: service || undefined }
}

function requestOf (s) {
  if (s.urls.length === 0) refuse('the command line has no URL')
  if (s.urls.length > 1) refuse(`the command line has ${s.urls.length} URLs: give one`)
  let url = s.urls[0]
  // curl's guess for a URL without a scheme.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = 'http://' + url
  const pieces = []
  s.data.forEach((d, k) => { if (k) pieces.push(encoder.encode('&')); pieces.push(d) })
  const data = s.data.length ? concatBytes(pieces) : null
  const method = s.method || (s.head ? 'HEAD' : data && !s.get ? 'POST' : 'GET')
  let body
  const text = data && textOrBytes(data)
  if (data && s.get) {
    if (typeof text !== 'string') refuse('-G data is not UTF-8 text')
    url += (url.includes('?') ? '&' : '?') + text
  } else if (data) {
    body = text
  }
  const headers = s.headers.slice()
  const has = (name) => headers.some(([n]) => n.toLowerCase() === name)
  const defaults = []
  if (body !== undefined && s.json) defaults.push(['Content-Type', 'application/json'], ['Accept', 'application/json'])
  if (body !== undefined) defaults.push(['Content-Type', 'application/x-www-form-urlencoded'])
  for (const [n, v] of defaults) if (!has(n.toLowerCase()) && !s.removed.has(n.toLowerCase())) headers.push([n, v])
  const out = { method, url, headers }
  if (body !== undefined) out.body = body
  if (s.user !== undefined) {
    const colon = s.user.indexOf(':')
    if (colon < 0) refuse('-u without ":SECRET" makes curl ask for it: give -u KEY:SECRET')
    if (s.sigv4 === undefined) {
      headers.push(['Authorization', 'Basic ' + toBase64(encoder.encode(s.user))])
    } else {
      out.credentials = { accessKeyId: s.user.slice(0, colon), secretAccessKey: s.user.slice(colon + 1) }
      const token = headers.findIndex(([n]) => n.toLowerCase() === 'x-amz-security-token')
      if (token >= 0) out.credentials.sessionToken = headers.splice(token, 1)[0][1]
    }
  }
  if (s.sigv4 !== undefined) {
    const { region, service } = sigv4Scope(s.sigv4)
    if (region) out.region = region
    if (service) out.service = service
  }
  return out
}

// ---------------------------------------------------------------------------

const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/
const GLOB = /[[\]{}]/

/**
 * A curl command line (POSIX sh quoting) that sends exactly this request:
 * the URL as given (--path-as-is and -g where curl would change it), every
 * header (an empty value as "Name;"), no Content-Type curl would add, and
 * the body with --data-binary (binary bytes through printf '\ooo' | curl
 * ... @-), or from `options.bodyFile` (--data-binary @file).
 */
export function toCurl (request, options = {}) {
  if (!request || typeof request !== 'object') fail('ERR_OPTION', 'toCurl(request): request must be an object')
  const { method = 'GET', headers, body, path } = request
  let url = request.url instanceof URL ? request.url.href : request.url
  if (typeof url !== 'string') fail('ERR_URL', 'toCurl(): request.url must be a URL string or a URL object')
  if (path !== undefined) url = new URL(url).origin + path
  const m = String(method)
  const bytes = typeof body === 'string' ? encoder.encode(body) : bodyBytes(body)
  const hasBody = options.bodyFile !== undefined || bytes.length > 0
  const args = ['curl']
  const pre = []
  const target = url.replace(/^[a-z]+:\/\/[^/?#]*/i, '')
  if (DOT_SEGMENT.test(target.split('?')[0])) args.push('--path-as-is')
  if (GLOB.test(url)) args.push('-g')
  if (m === 'HEAD' && !hasBody) args.push('-I')
  else if (hasBody ? m !== 'POST' : m !== 'GET') args.push('-X', shellQuote(m))
  const entries = headerEntries(headers)
  for (const [name, value] of entries) args.push('-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`))
  if (hasBody && !entries.some(([n]) => n.toLowerCase() === 'content-type')) args.push('-H', shellQuote('Content-Type:'))
  if (options.bodyFile !== undefined) {
    args.push('--data-binary', shellQuote('@' + options.bodyFile))
  } else if (hasBody) {
    const t = textOrBytes(bytes)
    if (typeof t === 'string' && !/[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(t)) {
      args.push(t[0] === '@' ? '--data-raw' : '--data-binary', shellQuote(t))
    } else {
      pre.push('printf', printfFormat(bytes), '|')
      args.push('--data-binary', '@-')
    }
  }
  args.push(shellQuote(url))
  return [...pre, ...args].join(' ')
}

// Bytes as a printf format: printable ASCII as is, the rest as \ooo.
function printfFormat (bytes) {
  let f = ''
  for (const b of bytes) {
    const c = String.fromCharCode(b)
    if (b >= 0x20 && b < 0x7f && c !== "'" && c !== '\\' && c !== '%') f += c
    else if (c === '%') f += '%%'
    else f += '\\' + b.toString(8).padStart(3, '0')
  }
  return `'${f}'`
}
