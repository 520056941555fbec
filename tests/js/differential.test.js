// Differential test: generated requests (random methods; paths with
// reserved, unicode and percent characters; repeated and valueless query
// keys; duplicate and whitespace-laden headers; bodies) signed by us and by
// @smithy/signature-v4 configured to the same policy must give the same
// Authorization header, and the same presigned signature.
// SIGV4_DIFF_SEED and SIGV4_DIFF_COUNT change the run (default: fixed).
import test from 'node:test'
import assert from 'node:assert/strict'
import { sign, presign, explain } from '../../js/index.js'
import { S3_SERVICES as S3, generatedCases, signedBy, smithyDisagreements } from './support/smithy.mjs'

const SEED = process.env.SIGV4_DIFF_SEED || 'sigv4-wasm differential'
const COUNT = Number(process.env.SIGV4_DIFF_COUNT || 1500)
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE//token+with/slashes=',
}
const signingDate = new Date('2026-11-23T09:41:27Z')

// The case, and the canonical request sigv4-wasm makes of it.
function describe ({ mode, request, options }) {
  return `\n${request.method} ${request.url}\nheaders ${JSON.stringify(request.headers)}\nbody ${typeof request.body}\n` +
    `our canonical request:\n${explain(request, { ...options, presign: mode === 'query' }).canonicalRequest}`
}
const signed = (c) => signedBy({ sign, presign }, c)

test(`${COUNT} generated requests: Authorization equals smithy's (seed "${SEED}")`, async () => {
  const cases = generatedCases(SEED, COUNT, { credentials, signingDate, modes: ['header'] })
  assert.deepEqual(await smithyDisagreements(cases, signed, { describe }), [])
  // The generator really produced the variety it promises.
  const s3 = cases.filter((c) => S3.includes(c.options.service)).length
  const withQuery = cases.filter((c) => new URL(c.request.url).search.length > 1).length
  const withBody = cases.filter((c) => c.request.body != null && c.request.body.length > 0).length
  assert.ok(s3 > COUNT / 10 && withQuery > COUNT / 2 && withBody > COUNT / 5, `${s3} s3, ${withQuery} with query, ${withBody} with body`)
})

test(`${COUNT} generated requests: presigned signature equals smithy's`, async () => {
  const cases = generatedCases(`${SEED} presign`, COUNT, { credentials, signingDate, modes: ['query'] })
  assert.deepEqual(await smithyDisagreements(cases, signed, { describe }), [])
})
