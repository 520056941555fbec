// Every aws-c-auth v4 case (header and query mode), the smithy-kotlin
// encoding cases and the S3 documentation examples (with the seed requests
// of the chunked ones), through the public JS API, starting from the parsed
// requests: canonical request, string to sign and signature byte-exact; the
// signed request compared as aws-c-auth does (headers as a multiset, query
// as a set). smithy-typescript's fixture checks the Authorization of its
// pre-parsed, map-style requests. tests/browser runs the same cases in
// Chromium.
import test from 'node:test'
import assert from 'node:assert/strict'
import * as api from '../../js/index.js'
import { suiteCases, s3DocCases, smithyTsCases, runCase, checkCase } from './support/suite-cases.mjs'

const sets = {
  'aws-c-auth v4': [suiteCases('aws-c-auth/v4'), 76],
  'smithy-kotlin': [suiteCases('smithy-kotlin/aws-signing-test-suite/v4'), 4],
  's3 docs': [s3DocCases(), 7],
  'smithy-typescript': [smithyTsCases(), 24],
}

for (const [label, [cases, count]] of Object.entries(sets)) {
  test(`${label}: all ${count} cases are there`, () => assert.equal(cases.length, count))
  for (const c of cases) {
    test(c.name, () => checkCase(assert, c, runCase(api, c)))
  }
}
