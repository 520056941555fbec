// A loopback server in front of the verify server, for retry tests: it
// forwards every request byte for byte (raw headers, host included, so the
// signature still covers what arrived) and, for the attempts `fail` picks,
// answers with its own status instead of the verifier's.
//
//   const front = await startFrontServer(verifier, { fail: (n) => (n < 2 ? 503 : 0) })
//   front.url, front.attempts (verifier status per attempt), await front.close()

import http from 'node:http'
import { listenLoopback } from './loopback.mjs'

export async function startFrontServer (target, { fail = () => 0, headers = {} } = {}) {
  const attempts = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const n = attempts.length
      const entry = { verifierStatus: undefined, status: undefined }
      attempts.push(entry)
      const raw = []
      for (let i = 0; i < req.rawHeaders.length; i += 2) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1])
      const fwd = http.request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url,
        headers: raw, setHost: false }, (answer) => {
        const body = []
        answer.on('data', (c) => body.push(c))
        answer.on('end', () => {
          entry.verifierStatus = answer.statusCode
          const status = fail(n, req)
          if (status) {
            entry.status = status
            res.writeHead(status, { 'content-type': 'text/plain', ...headers })
            res.end('injected failure')
          } else {
            entry.status = answer.statusCode
            res.writeHead(answer.statusCode, answer.headers)
            res.end(Buffer.concat(body))
          }
        })
      })
      fwd.on('error', (e) => {
        res.writeHead(502)
        res.end(String(e))
      })
      fwd.end(Buffer.concat(chunks))
    })
  })
  return { ...await listenLoopback(server), attempts }
}
