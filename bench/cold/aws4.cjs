'use strict'
// aws4: require + first signature (configured as in bench/lib/signers-node.mjs).
const { performance, request: r, done } = require('./common.cjs')

const t0 = performance.now()
const aws4 = require('aws4')
const t1 = performance.now()
const out = aws4.sign({
  host: r.host, path: r.path, method: r.method, service: r.service, region: r.region,
  headers: { 'X-Amz-Date': r.amzDate }, extraHeadersToIgnore: { 'content-length': true, 'content-type': true },
}, r.credentials)
const t2 = performance.now()
done({ load_ms: t1 - t0, sign_ms: t2 - t1 }, out.headers.Authorization)
