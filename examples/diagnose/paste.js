// The pasted request read as a person means it: a curl command line, or an
// HTTP request as people copy one (curl -v's "> " lines, no blank line
// after the headers of a GET, a body with no Content-Length), made into the
// exact text the package's strict parser takes.
import { parseHttpRequest, parseCurl } from 'sigv4-wasm'

// A curl command line starts with the word curl (a pasted shell prompt too).
export const isCurl = (text) => /^\s*(\$\s*)?curl\s/.test(text)

function httpText (text) {
  text = text.replace(/^\s+/, '')
  // curl -v: the request is the "> " lines (the "< " response and "* " notes aside).
  if (/^[>*] /.test(text)) {
    text = text.split('\n').filter((l) => l.startsWith('>')).map((l) => l.replace(/^> ?/, '')).join('\n')
  }
  const end = /\r?\n\r?\n/.exec(text)
  if (!end) return `${text.replace(/\s+$/, '')}\n\n` // headers only
  const head = text.slice(0, end.index)
  const body = text.slice(end.index + end[0].length)
  if (!body || /^(content-length|transfer-encoding)\s*:/im.test(head)) return text
  // No length given: the body is the rest of the text.
  return `${head}\nContent-Length: ${new TextEncoder().encode(body).length}\n\n${body}`
}

/** { request } for diagnose(), and what a curl line says beside it ({ curl }). */
export function readPasted (text) {
  if (isCurl(text)) {
    const curl = parseCurl(text.trim().replace(/^\$\s*/, ''))
    return { request: { method: curl.method, url: curl.url, headers: curl.headers, body: curl.body }, curl }
  }
  const r = parseHttpRequest(httpText(text), { scheme: 'https' })
  return { request: { method: r.method, url: r.url, path: r.path, headers: r.headers, body: r.body } }
}
