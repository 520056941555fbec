// A loopback TCP endpoint that records each request's raw bytes as they
// came on the wire (one request per connection), answers 200 (and 100
// Continue to Expect), and replays bytes into node:http to read them with
// Node's own parser (llhttp): the independent reading parseHttpRequest()
// is compared against.
//
//   const cap = await startRawCapture()
//   await fetch(cap.url + '/x')      // cap.requests[0]: a Buffer
//   const seen = await nodeParse(bytes)  // { method, url, rawHeaders, body }

import net from 'node:net'
import http from 'node:http'
import { listenLoopback } from './loopback.mjs'

// Enough framing to know when a request has ended: the head, then
// Content-Length bytes or chunks up to the zero-size one.
function complete (buf) {
  const head = buf.indexOf('\r\n\r\n')
  if (head < 0) return false
  const text = buf.subarray(0, head).toString('latin1')
  const body = buf.subarray(head + 4)
  if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(text)) return /(^|\r\n)0(;[^\r]*)?\r\n(?:[^\r]+\r\n)*\r\n$/.test(body.toString('latin1'))
  const cl = /\r\ncontent-length:\s*(\d+)/i.exec(text)
  return body.length >= (cl ? Number(cl[1]) : 0)
}

export async function startRawCapture () {
  const requests = []
  const sockets = new Set()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    let buf = Buffer.alloc(0)
    let continued = false
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d])
      const head = buf.indexOf('\r\n\r\n')
      if (head >= 0 && !continued && /\r\nexpect:\s*100-continue/i.test(buf.subarray(0, head).toString('latin1'))) {
        continued = true
        socket.write('HTTP/1.1 100 Continue\r\n\r\n')
      }
      if (complete(buf)) {
        requests.push(buf)
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok')
      }
    })
  })
  const srv = await listenLoopback(server)
  return {
    ...srv,
    requests,
    close () {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** Bytes read by node:http: { method, url, rawHeaders pairs, body }. */
export async function nodeParse (bytes) {
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      server.emit('parsed', { method: req.method, url: req.url, headers: pairs(req.rawHeaders), body: Buffer.concat(chunks) })
      res.end()
    })
  })
  const parsed = new Promise((resolve, reject) => {
    server.once('parsed', resolve)
    server.on('clientError', (e) => reject(e))
  })
  const { port, close } = await listenLoopback(server)
  const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes))
  socket.on('error', () => {})
  try {
    return await parsed
  } finally {
    socket.destroy()
    await close()
  }
}

function pairs (raw) {
  const out = []
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], raw[i + 1]])
  return out
}
