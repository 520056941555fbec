// The signing options the scope flags give (args.js SCOPE): region,
// service, SigV4a, S3 rules, the date. What a flag leaves out the library
// infers from the host, as sign() does.

import { usage } from './exit.js'

const ALGORITHMS = { v4: 'AWS4-HMAC-SHA256', v4a: 'AWS4-ECDSA-P256-SHA256', 'AWS4-HMAC-SHA256': 'AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256': 'AWS4-ECDSA-P256-SHA256' }

export function signOptions (v, credentials) {
  const o = {}
  if (credentials) o.credentials = credentials
  if (v.region !== undefined) o.region = v.region
  if (v.service !== undefined) o.service = v.service
  if (v.algorithm !== undefined) {
    if (!Object.hasOwn(ALGORITHMS, v.algorithm)) usage(`--algorithm is v4 or v4a, not ${JSON.stringify(v.algorithm)}`)
    o.algorithm = ALGORITHMS[v.algorithm]
  }
  if (v.regionSet !== undefined) {
    o.regionSet = v.regionSet.split(',').map((r) => r.trim()).filter(Boolean)
    o.algorithm ??= ALGORITHMS.v4a
    if (o.algorithm !== ALGORITHMS.v4a) usage('--region-set is for SigV4a (--algorithm v4a)')
  }
  if (v.s3 !== undefined) o.s3 = v.s3
  if (v.date !== undefined) o.signingDate = v.date
  return o
}
