// sigv4-wasm in Hermes, React Native's engine (npm hermes-engine-cli, its
// Linux binary): a program bundled as Metro bundles it for React Native
// (the react-native export condition, so sigv4-wasm/js; modern syntax
// lowered: esbuild to ES2016, then Babel's class transform, since Hermes
// 0.12 has no classes or async functions) signs the aws-c-auth v4 suite and
// generated requests. The suite's published values, and for the generated
// requests @smithy/signature-v4 and this package in Node, must agree with
// what Hermes prints.
// SIGV4_HERMES_PRELUDE: a file run before the program (polyfills, say, to
// see what breaks next); SIGV4_HERMES_COUNT: how many generated requests.
import test from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sign, presign } from '../../js/index.js'
import { suiteCases, checkCase } from './support/suite-cases.mjs'
import { generatedCases, signedBy, smithyDisagreements, smithyAuthorization } from './support/smithy.mjs'
import { runInHermes as run, hermesMissing } from './support/hermes.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const COUNT = Number(process.env.SIGV4_HERMES_COUNT || 300)
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const signingDate = new Date('2026-11-23T09:41:27Z')
const skip = hermesMissing
// React Native's URL as it is (Libraries/Blob/URL.js): it keeps the string,
// has href and toString, and throws for the parts it does not implement.
const RN_URL = `globalThis.URL = (function () {
  function URL (url, base) { this._url = base ? String(base).replace(/\\/$/, '') + '/' + String(url).replace(/^\\//, '') : String(url) }
  Object.defineProperty(URL.prototype, 'href', { get: function () { return this._url } })
  URL.prototype.toString = function () { return this._url };
  ['pathname', 'search', 'hash', 'host', 'hostname', 'origin', 'port', 'protocol'].forEach(function (p) {
    Object.defineProperty(URL.prototype, p, { get: function () { throw new Error('URL.' + p + ' is not implemented') } })
  })
  return URL
})()`

// Bytes as plain data for the program.
const plain = (body) => (body instanceof Uint8Array ? { bytes: [...body] } : body)

async function runInHermes (cases, hostPrelude = '') {
  const main = join(root, 'tests/js/support/hermes-main.js')
  const prelude = process.env.SIGV4_HERMES_PRELUDE ? readFileSync(process.env.SIGV4_HERMES_PRELUDE, 'utf8') + '\n' : ''
  const source = `import { run, exported } from ${JSON.stringify(main)}\nrun(${JSON.stringify(cases)}).then((out) => print(exported.length > 0 && out))\n`
  return JSON.parse(await run('program', source, { prelude: hostPrelude + '\n' + prelude }).catch((e) => assert.fail(e.message)))
}

for (const [label, hostPrelude] of [['no URL at all', ''], ["React Native's partial URL", RN_URL]]) {
  test(`Hermes (${label}): the aws-c-auth v4 suite and generated requests through sigv4-wasm/js`, { skip }, async () => {
    const suite = suiteCases('aws-c-auth/v4')
    assert.equal(suite.length, 76)
    const cases = []
    for (const c of suite) {
      const request = { ...c.request, body: plain(c.request.body) }
      cases.push({ request, options: c.options, mode: 'explain' }, { request, options: c.options, mode: c.mode })
    }
    const generated = generatedCases('sigv4-wasm hermes', COUNT, { credentials, signingDate: signingDate.toISOString() })
    cases.push(...generated.map((c) => ({ ...c, request: { ...c.request, body: plain(c.request.body) } })))
    const out = await runInHermes(cases, hostPrelude)
    assert.equal(out.length, cases.length)
    const errors = out.filter((o) => o.error).map((o) => o.error)
    assert.deepEqual([...new Set(errors)], [])

    suite.forEach((c, i) => checkCase(assert, c, { ...out[2 * i], ...out[2 * i + 1] }))
    // What Hermes signed: as smithy signs, and as this package signs in Node.
    const hermes = (c, i) => {
      const o = out[2 * suite.length + i]
      return c.mode === 'header' ? o.headers.authorization : o.url
    }
    assert.deepEqual(await smithyDisagreements(generated, hermes, { label: 'hermes' }), [])
    const notAsNode = generated.map((c, i) => ({ hermes: hermes(c, i), node: signedBy({ sign, presign }, c) })).filter((r) => r.hermes !== r.node)
    assert.deepEqual(notAsNode.slice(0, 3), [])
  })
}

// React Native's Headers (whatwg-fetch), the part createSignedFetch uses:
// Hermes alone has no fetch API, React Native has.
const RN_HEADERS = `globalThis.Headers = (function () {
  function Headers (init) {
    var self = this; this._map = {}
    if (init && typeof init[Symbol.iterator] === 'function') { for (var p of init) self.append(p[0], p[1]) }
    else if (init) Object.keys(init).forEach(function (k) { self.append(k, init[k]) })
  }
  Headers.prototype.append = function (k, v) { k = String(k).toLowerCase(); this._map[k] = k in this._map ? this._map[k] + ', ' + v : String(v) }
  Headers.prototype.set = function (k, v) { this._map[String(k).toLowerCase()] = String(v) }
  Headers.prototype.get = function (k) { k = String(k).toLowerCase(); return k in this._map ? this._map[k] : null }
  Headers.prototype.has = function (k) { return String(k).toLowerCase() in this._map }
  Headers.prototype[Symbol.iterator] = function () { var m = this._map; return Object.keys(m).sort().map(function (k) { return [k, m[k]] })[Symbol.iterator]() }
  return Headers
})()`

test('Hermes (no URL, no TextDecoder, btoa, atob): presignPost, verify, diagnose and createSignedFetch through sigv4-wasm/js', { skip }, async () => {
  const { verify: verifyNode } = await import('../../js/index.js')
  const { sdkPresign } = await import('./support/sdk-post.mjs')
  const { scenarios } = await import('./support/aws-errors.mjs')
  const options = { credentials: { ...credentials, sessionToken: 'token/+=' }, region: 'eu-west-1', signingDate: signingDate.toISOString() }
  const params = { url: 'https://bucket1.s3.eu-west-1.amazonaws.com/', key: 'k/ü ${filename}', conditions: [['starts-with', '$Content-Type', 'image/']], fields: { acl: 'private' }, expiresIn: 3600 }
  const get = { method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/a%20b/c?z=1&a=%C3%A9', headers: { 'x-amz-meta-x': 'y' } }
  const post = { method: 'POST', url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/items?b=2&a=1', headers: { 'content-type': 'application/json' }, body: '{"a":"é"}' }
  const scenario = (await scenarios()).find((s) => s.name === 'query-unsorted')
  const cases = [
    { request: { ...params, extra: { 'Content-Type': 'image/png' } }, options, mode: 'post' },
    { request: get, options: { ...options, region: 'us-east-1', service: 's3' }, mode: 'verify' },
    { request: { ...scenario.request, body: plain(scenario.request.body) }, options: scenario.options, mode: 'diagnose', awsError: scenario.errorBody },
    { request: post, options: { credentials, region: 'us-east-1', service: 'execute-api', signingDate: signingDate.toISOString() }, mode: 'fetch' },
  ]
  const [postOut, verifyOut, diagnoseOut, fetchOut] = await runInHermes(cases, RN_HEADERS)

  // presignPost: the url and fields @aws-sdk/s3-presigned-post makes of the
  // same inputs at the same time, and verifyPost accepts them.
  const sdk = await sdkPresign({ region: options.region, credentials: options.credentials, ms: signingDate.getTime(),
    bucket: 'bucket1', key: params.key, conditions: params.conditions, fields: params.fields, expiresIn: params.expiresIn })
  assert.deepEqual({ url: postOut.url, fields: Object.entries(postOut.fields) }, { url: sdk.url, fields: Object.entries(sdk.fields) }, JSON.stringify(postOut))
  assert.equal(postOut.valid, true, JSON.stringify(postOut))
  // verify() of a request Hermes signed.
  assert.deepEqual(verifyOut, { valid: true, accessKeyId: credentials.accessKeyId }, JSON.stringify(verifyOut))
  // diagnose(): the scenario's cause, and the canonical request AWS computed.
  assert.equal(diagnoseOut.causes?.[0], scenario.cause, JSON.stringify(diagnoseOut))
  assert.deepEqual(diagnoseOut.diff.filter((k) => k !== 'same'), ['changed'])
  // createSignedFetch: the stub got the request as @smithy/signature-v4
  // signs it.
  assert.equal(fetchOut.status, 200, JSON.stringify(fetchOut))
  const [sent] = fetchOut.sent
  assert.equal(sent.url, post.url)
  assert.equal(sent.headers.authorization, await smithyAuthorization({ ...post, headers: Object.entries(post.headers) },
    { credentials, region: 'us-east-1', service: 'execute-api', signingDate }))
  assert.equal((await verifyNode({ method: 'POST', url: sent.url, headers: sent.headers, body: post.body }, { credentials, region: 'us-east-1', service: 'execute-api', now: signingDate })).valid, true)
})
