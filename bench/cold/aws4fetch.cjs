'use strict'
// aws4fetch: require + first signature; the S3 payload hash comes from
// WebCrypto, as in bench/lib/signers.mjs.
const { performance, request: r, done } = require('./common.cjs')

const t0 = performance.now()
const { AwsV4Signer } = require('aws4fetch')
const t1 = performance.now()
crypto.subtle.digest('SHA-256', new Uint8Array(0)).then((d) => {
  const headers = { 'x-amz-content-sha256': Buffer.from(d).toString('hex') }
  return new AwsV4Signer({
    url: r.url, method: r.method, headers, ...r.credentials, service: r.service, region: r.region, datetime: r.amzDate,
  }).sign()
}).then((out) => {
  const t2 = performance.now()
  done({ load_ms: t1 - t0, sign_ms: t2 - t1 }, out.headers.get('authorization'))
})
