// Sending a signed request with node:http(s): the path exactly as signed,
// the headers as signed (Node adds Host from the URL, which is what was
// signed), and the body as bytes or a stream.

import http from 'node:http'
import https from 'node:https'
import { Readable } from 'node:stream'
import { CliError, EXIT } from './exit.js'

/**
 * Sends { method, url, headers, body } (body: bytes, a Node stream or a
 * web ReadableStream; `onBytes` counts what is written). Resolves to the
 * IncomingMessage (status, rawHeaders, the body as a stream).
 */
export function send ({ method, url, headers, body }, { onBytes } = {}) {
  const u = new URL(url)
  const mod = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : null
  if (!mod) throw new CliError(EXIT.USAGE, `only http and https URLs can be sent, not ${u.protocol}`)
  return new Promise((resolve, reject) => {
    const req = mod.request({
      method,
      hostname: u.hostname.replace(/^\[|\]$/g, ''),
      port: u.port || undefined,
      path: u.pathname + u.search,
      headers,
    }, resolve)
    req.on('error', (e) => reject(new CliError(EXIT.FAILURE, `${method} ${u.origin}: ${e.code || e.message}`)))
    if (body === undefined || body === null) { req.end(); return }
    if (body instanceof Uint8Array) { req.end(body); onBytes?.(body.length); return }
    const stream = body instanceof Readable ? body : Readable.fromWeb(body)
    stream.on('data', (c) => onBytes?.(c.length))
    stream.on('error', (e) => req.destroy(new CliError(EXIT.FAILURE, `reading the body: ${e.message}`)))
    stream.pipe(req)
  })
}
