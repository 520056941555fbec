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
import { makeRng, genRequest } from './support/gen.mjs'
import { smithyAuthorization, smithyPresignSignature } from './support/smithy.mjs'
import { runInHermes as run, hermesMissing } from './support/hermes.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const COUNT = Number(process.env.SIGV4_HERMES_COUNT || 300)
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
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
  const source = `import { run, exported } from ${JSON.stringify(main)}\nprint(exported.length > 0 && run(${JSON.stringify(cases)}))\n`
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
    const rng = makeRng('sigv4-wasm hermes')
    const generated = []
    for (let i = 0; i < COUNT; i++) {
      const { region, service, ...req } = genRequest(rng)
      const policy = { credentials, region, service, signingDate: signingDate.toISOString(), queryFormEncoded: i % 3 !== 0 }
      const presigned = { ...policy, expiresIn: 900, payloadHash: EMPTY }
      const query = { ...req, body: null }
      generated.push({ req, policy, query, presigned })
      cases.push({ request: { ...req, body: plain(req.body) }, options: policy, mode: 'header' },
        { request: query, options: presigned, mode: 'query' })
    }
    const out = await runInHermes(cases, hostPrelude)
    assert.equal(out.length, cases.length)
    const errors = out.filter((o) => o.error).map((o) => o.error)
    assert.deepEqual([...new Set(errors)], [])

    suite.forEach((c, i) => checkCase(assert, c, { ...out[2 * i], ...out[2 * i + 1] }))
    const failures = []
    for (const [i, { req, policy, query, presigned }] of generated.entries()) {
      const [header, url] = out.slice(2 * (suite.length + i), 2 * (suite.length + i) + 2)
      const options = { ...policy, signingDate }
      const theirs = await smithyAuthorization(req, options)
      if (header.headers.authorization !== theirs || sign(req, options).headers.authorization !== theirs) {
        failures.push(`#${i} ${req.method} ${req.url}\nhermes ${header.headers.authorization}\nsmithy ${theirs}`)
      }
      const presignOptions = { ...presigned, signingDate }
      const theirsQ = await smithyPresignSignature(query, presignOptions)
      const hermesQ = /[?&]X-Amz-Signature=([0-9a-f]{64})/.exec(url.url)?.[1]
      if (hermesQ !== theirsQ || url.url !== presign(query, presignOptions)) {
        failures.push(`#${i} presigned ${req.method} ${req.url}\nhermes ${url.url}\nsmithy ${theirsQ}`)
      }
    }
    assert.deepEqual(failures.slice(0, 3), [])
  })
}
