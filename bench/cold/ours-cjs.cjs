'use strict'
// sigv4-wasm, CommonJS entry (dist/index.cjs): require + init + first signature.
const { performance, request: r, done } = require('./common.cjs')

const t0 = performance.now()
const { init, sign } = require('../../dist/index.cjs')
const t1 = performance.now()
init().then(() => {
  const t2 = performance.now()
  const out = sign({ method: r.method, url: r.url }, { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate })
  const t3 = performance.now()
  done({ load_ms: t1 - t0, init_ms: t2 - t1, sign_ms: t3 - t2 }, out.headers.authorization)
})
