// Verifying in Node: verify() of a signed request against sign() of the
// same request, on (a) the S3 GET and (b) the execute-api POST with a
// session token, each with its key cached. verify() is async (it awaits
// the credentials lookup); sign() is not.
import { sign, verify } from '../../js/index.js'
import { prepare, requestById } from '../lib/fixtures.mjs'
import { settingsFor } from '../lib/settings.mjs'
import { timeCases } from './sign.mjs'

export async function runVerify (ctx) {
  const requests = []
  for (const id of ['a', 'b']) {
    const r = prepare(requestById(id))
    const request = { method: r.method, url: r.url, headers: r.contentType ? { 'content-type': r.contentType } : {}, body: r.body }
    const options = { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate }
    const signed = sign(request, options)
    const received = { method: r.method, url: signed.url, headers: signed.headers, body: r.body }
    const creds = r.credentials
    const check = { credentials: () => creds, region: r.region, service: r.service, now: r.signingDate }
    const first = await verify(received, check)
    if (!first.valid) throw new Error(`${r.label}: the signed request does not verify: ${first.code}`)
    ctx.log(`  ${r.label}: verifies`)
    const cases = [
      { key: 'ours', name: 'verify()', async: true, fn: () => verify(received, check) },
      { key: 'sign', name: 'sign() of the same request', fn: () => sign(request, options) },
    ]
    const results = await timeCases(ctx, cases, settingsFor(r.bodyLength, ctx))
    requests.push({ id, label: r.label, cases: results })
  }
  return { requests }
}
