'use strict'
// @smithy/signature-v4: require + first signature. argv[3] picks the hash:
// "node" (@smithy/hash-node, as the SDK in Node) or "js" (@aws-crypto/sha256-js).
const { performance, request: r, done } = require('./common.cjs')

const t0 = performance.now()
const { SignatureV4 } = require('@smithy/signature-v4')
const sha256 = process.argv[3] === 'js'
  ? require('@aws-crypto/sha256-js').Sha256
  : require('@smithy/hash-node').Hash.bind(null, 'sha256')
const t1 = performance.now()
new SignatureV4({ credentials: r.credentials, region: r.region, service: r.service, sha256, uriEscapePath: false, applyChecksum: true })
  .sign({ method: r.method, protocol: 'https:', hostname: r.host, path: r.path, query: {}, headers: { host: r.host } }, { signingDate: r.signingDate })
  .then((out) => {
    const t2 = performance.now()
    done({ load_ms: t1 - t0, sign_ms: t2 - t1 }, out.headers.authorization)
  })
