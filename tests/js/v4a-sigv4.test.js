// sigv4-wasm/v4a signs plain SigV4 too, through sigv4a.wasm (where the
// C core's sigv4a_sign takes either key, src/sigv4.h): held to what the
// default entry is held to. The aws-c-auth v4 suite and the S3
// documentation examples byte for byte, and generated requests equal to
// @smithy/signature-v4's, headers and presigned, as differential.test.js
// checks the default entry.
import test from 'node:test'
import assert from 'node:assert/strict'
import * as v4a from '../../js/index.v4a.js'
import { suiteCases, s3DocCases, runCase, checkCase } from './support/suite-cases.mjs'
import { generatedCases, signedBy, smithyDisagreements } from './support/smithy.mjs'

const COUNT = 500
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE//token+with/slashes=',
}
const signingDate = new Date('2026-12-03T09:41:27Z')

for (const [label, cases, count] of [['aws-c-auth v4', suiteCases('aws-c-auth/v4'), 76], ['s3 docs', s3DocCases(), 7]]) {
  test(`sigv4-wasm/v4a, SigV4: ${label}, all ${count} cases byte for byte`, () => {
    assert.equal(cases.length, count)
    for (const c of cases) checkCase(assert, c, runCase(v4a, c))
  })
}

test(`sigv4-wasm/v4a, SigV4: ${COUNT} generated requests each way equal smithy's`, async () => {
  const describe = ({ request }) => `\n${request.method} ${request.url}`
  const signed = (c) => signedBy({ sign: v4a.sign, presign: v4a.presign }, c)
  for (const mode of ['header', 'query']) {
    const cases = generatedCases(`sigv4-wasm/v4a SigV4 ${mode}`, COUNT, { credentials, signingDate, modes: [mode] })
    assert.equal(cases.length, COUNT)
    assert.deepEqual(await smithyDisagreements(cases, signed, { describe }), [], mode)
  }
})
