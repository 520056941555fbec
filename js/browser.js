// What browsers do differently. They silently drop some headers from
// scripted requests (fetch, XHR): the Fetch standard's forbidden
// request-header names. Signing one that is then not sent would be a
// certain 403, so in browsers they are left unsigned (the browser drops or
// rewrites them anyway); servers, Deno, Bun and Workers send what they are
// given. And they resolve relative URLs against the page.

const FORBIDDEN = /* @__PURE__ */ new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers',
  'access-control-request-method', 'connection', 'content-length', 'cookie',
  'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive', 'origin', 'referer',
  'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
])

export function isBrowser () {
  return typeof document !== 'undefined' || typeof importScripts === 'function'
}

export function isForbiddenHeader (name) {
  const n = name.toLowerCase()
  return FORBIDDEN.has(n) || n.startsWith('proxy-') || n.startsWith('sec-')
}

/**
 * [name, value] pairs minus those a browser would not send (in a browser).
 * `host` stays: sign() checks it against the URL everywhere (ERR_HOST when
 * they differ) and never returns it.
 */
export function sendableHeaders (entries, browser = isBrowser()) {
  return browser ? entries.filter(([name]) => name.toLowerCase() === 'host' || !isForbiddenHeader(name)) : entries
}

/** The page's URL, against which fetch and axios resolve relative URLs. */
export function baseHref () {
  try {
    return globalThis.location ? globalThis.location.href : undefined
  } catch {
    return undefined // hosts where reading location throws (no --location)
  }
}
