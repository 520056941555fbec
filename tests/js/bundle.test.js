// The bundles users load (scripts/bundle.mjs): diagnose()'s code is a file
// of its own (dist/diagnose.mjs, dist/diagnose.cjs) that the entries load
// on its first call, so that an import that only signs does not parse it.
// Called through each built entry in a fresh process, diagnose() names the
// causes the source does and throws the entry's own SigV4Error.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { diagnose } from '../../js/index.js'
import * as v4aSource from '../../js/index.v4a.js'
import { scenarios } from './support/aws-errors.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const read = (path) => readFileSync(join(root, path), 'utf8')
// The modules only diagnose() uses.
const OWN = ['diagnose.js', 'reproduce.js', 'canonical-diff.js']
const ENTRIES = ['index.mjs', 'index.cjs', 'v4a.mjs', 'v4a.cjs']

// Their string literals, outside comments, that no other module of js/
// holds (plain ones: nothing for a bundler to re-escape).
function ownStrings () {
  const others = readdirSync(join(root, 'js')).filter((f) => f.endsWith('.js') && !OWN.includes(f)).map((f) => read(`js/${f}`)).join('\n')
  const code = (f) => read(`js/${f}`).split('\n').filter((l) => !/^\s*(\/\/|\/?\*)/.test(l)).join('\n')
  return OWN.flatMap((f) => [...code(f).matchAll(/(?<=[(\[,:=?]\s*)'([^'\\\n`"$]{24,})'/g)].map((m) => m[1]))
    .filter((s) => !others.includes(s))
}

test('diagnose()\'s code is in dist/diagnose.* and in no entry bundle', () => {
  const strings = ownStrings()
  assert.ok(strings.length >= 10, `${strings.length} strings of diagnose's own`)
  for (const lazy of ['diagnose.mjs', 'diagnose.cjs']) {
    const text = read(`dist/${lazy}`)
    assert.deepEqual(strings.filter((s) => !text.includes(s)), [], `${lazy} holds them all`)
  }
  for (const entry of ENTRIES) {
    const text = read(`dist/${entry}`)
    assert.deepEqual(strings.filter((s) => text.includes(s)), [], `${entry} holds none`)
    assert.match(text, /\(["']\.\/diagnose\.[mc]js["']\)/, `${entry} loads dist/diagnose.* on the first call`)
  }
})

// A fresh node per entry, imported (ESM) or required (CJS): every scenario
// diagnosed through it, and a bad request's error checked against the
// entry's SigV4Error. CommonJS: dist/diagnose.cjs is not loaded before
// the first call.
const child = (entry) => `
import { createRequire } from 'node:module'
import { scenarios } from './tests/js/support/aws-errors.mjs'
const require = createRequire(import.meta.url)
const lazyCjs = require.resolve('./dist/diagnose.cjs')
const cjs = ${JSON.stringify(entry)}.endsWith('.cjs')
const m = cjs ? require('./dist/${entry}') : await import('./dist/${entry}')
const loadedEarly = cjs && lazyCjs in require.cache
const causes = []
for (const s of await scenarios()) {
  if (s.v4a && !m.publicKey) continue
  const d = await m.diagnose({ request: s.request, options: s.options, awsError: s.errorBody })
  causes.push([s.name, d.causes.map((c) => c.code)])
}
let error = null
try { await m.diagnose({ request: { url: 'not a url' } }) } catch (e) { error = e instanceof m.SigV4Error && e.code }
console.log(JSON.stringify({ loadedEarly, loadedAfter: !cjs || lazyCjs in require.cache, causes, error }))
`

test('diagnose() through each built entry, in a fresh node: the causes the source names, the entry\'s SigV4Error', async () => {
  const list = await scenarios()
  const expected = async (v4a) => {
    const causes = []
    for (const s of list) {
      if (s.v4a && !v4a) continue
      const d = await (s.v4a ? v4aSource : { diagnose }).diagnose({ request: s.request, options: s.options, awsError: s.errorBody })
      assert.equal(d.causes[0]?.code, s.cause, s.name)
      causes.push([s.name, d.causes.map((c) => c.code)])
    }
    return causes
  }
  const want = { v4: await expected(false), v4a: await expected(true) }
  for (const entry of ENTRIES) {
    const got = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child(entry)], { cwd: root, encoding: 'utf8' }))
    assert.deepEqual(got, {
      loadedEarly: false, loadedAfter: true, causes: want[entry.startsWith('v4a') ? 'v4a' : 'v4'], error: 'ERR_URL',
    }, entry)
  }
})
