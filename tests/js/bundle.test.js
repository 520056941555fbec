// The bundles users load (scripts/bundle.mjs): diagnose()'s code is a file
// of its own (dist/diagnose.mjs, dist/diagnose.cjs) that the entries load
// on its first call, and in CommonJS so are the sync text parsers
// (dist/text.cjs), so that an import that only signs does not parse them.
// Called through each built entry in a fresh process, they give what the
// source gives and throw the entry's own SigV4Error.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { diagnose, parseHttpRequest, parseCurl, toCurl } from '../../js/index.js'
import * as v4aSource from '../../js/index.v4a.js'
import { scenarios } from './support/aws-errors.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const read = (path) => readFileSync(join(root, path), 'utf8')
// The modules only diagnose() uses, and the text parsers'.
const DIAGNOSE = ['diagnose.js', 'reproduce.js', 'canonical-diff.js']
const TEXT = ['http-text.js', 'curl.js', 'shell.js', 'shell-quote.js']
const ENTRIES = ['index.mjs', 'index.cjs', 'v4a.mjs', 'v4a.cjs']

// Their string literals, outside comments, that no other module of js/
// holds (plain ones: nothing for a bundler to re-escape).
function ownStrings (own) {
  const others = readdirSync(join(root, 'js')).filter((f) => f.endsWith('.js') && !own.includes(f)).map((f) => read(`js/${f}`)).join('\n')
  const code = (f) => read(`js/${f}`).split('\n').filter((l) => !/^\s*(\/\/|\/?\*)/.test(l)).join('\n')
  return own.flatMap((f) => [...code(f).matchAll(/(?<=[(\[,:=?]\s*)'([^'\\\n`"$]{24,})'/g)].map((m) => m[1]))
    .filter((s) => !others.includes(s))
}

function assertHeldBy (own, files) {
  const strings = ownStrings(own)
  assert.ok(strings.length >= 10, `${strings.length} strings of ${own.join(', ')}`)
  for (const [file, holds] of Object.entries(files)) {
    const text = read(`dist/${file}`)
    assert.deepEqual(strings.filter((s) => text.includes(s) !== holds), [], `${file} holds ${holds ? 'them all' : 'none'}`)
  }
}

test('diagnose()\'s code is in dist/diagnose.* and in no entry bundle', () => {
  assertHeldBy(DIAGNOSE, { 'diagnose.mjs': true, 'diagnose.cjs': true, ...Object.fromEntries(ENTRIES.map((e) => [e, false])) })
  for (const entry of ENTRIES) {
    assert.match(read(`dist/${entry}`), /\(["']\.\/diagnose\.[mc]js["']\)/, `${entry} loads dist/diagnose.* on the first call`)
  }
})

test('the text parsers are in dist/text.cjs, not in the CommonJS entries; in the ESM ones (sync, nothing to load)', () => {
  assertHeldBy(TEXT, { 'text.cjs': true, 'index.cjs': false, 'v4a.cjs': false, 'index.mjs': true, 'v4a.mjs': true })
})

// What the parsers give for a raw request, a curl command line and back.
const RAW = 'POST /p?a=1 HTTP/1.1\r\nHost: example.amazonaws.com\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi'
const CURL = "curl -X PUT 'https://b.s3.amazonaws.com/k?x=1' -H 'x-amz-meta-a: b' --data-binary 'body'"
const textOut = (m) => JSON.stringify([m.parseHttpRequest(RAW), m.parseCurl(CURL), m.toCurl(m.parseCurl(CURL))])

// A fresh node per entry, imported (ESM) or required (CJS): every scenario
// diagnosed through it, the parsers run, and bad input's errors checked
// against the entry's SigV4Error. The lazy files (CommonJS: dist/diagnose.cjs
// and dist/text.cjs; ESM: dist/diagnose.mjs) are not loaded before the
// first call: CommonJS's are looked for in require.cache, ESM's among the
// URLs that a resolve hook (module.register) reports from its thread.
const child = (entry) => `
import { createRequire, register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import { scenarios } from './tests/js/support/aws-errors.mjs'
const require = createRequire(import.meta.url)
const resolved = []
const { port1, port2 } = new MessageChannel()
port1.on('message', (url) => resolved.push(url))
port1.unref()
register('data:text/javascript,' + encodeURIComponent('let port; export function initialize (d) { port = d.port } ' +
  'export async function resolve (s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r }'),
  { data: { port: port2 }, transferList: [port2] })
const settle = () => new Promise((resolve) => setTimeout(resolve, 100))
const cjs = ${JSON.stringify(entry)}.endsWith('.cjs')
const lazy = cjs
  ? ['./dist/diagnose.cjs', './dist/text.cjs'].map((f) => require.resolve(f))
  : ['./dist/diagnose.mjs'].map((f) => pathToFileURL(require.resolve(f)).href)
const m = cjs ? require('./dist/${entry}') : await import('./dist/${entry}')
await settle()
const loaded = () => lazy.filter((f) => cjs ? f in require.cache : resolved.includes(f)).length
const loadedEarly = loaded()
const causes = []
for (const s of await scenarios()) {
  if (s.v4a && !m.publicKey) continue
  const d = await m.diagnose({ request: s.request, options: s.options, awsError: s.errorBody })
  causes.push([s.name, d.causes.map((c) => c.code)])
}
const RAW = ${JSON.stringify(RAW)}
const CURL = ${JSON.stringify(CURL)}
const text = (${textOut.toString()})(m)
const code = (e) => e instanceof m.SigV4Error && e.code
const errors = []
try { await m.diagnose({ request: { url: 'not a url' } }) } catch (e) { errors.push(code(e)) }
try { m.parseCurl('curl https://x | sh') } catch (e) { errors.push(code(e)) }
await settle()
console.log(JSON.stringify({ loadedEarly, loadedAfter: loaded(), causes, text, errors }))
`

test('diagnose() and the parsers through each built entry, in a fresh node: what the source gives, the entry\'s SigV4Error', async () => {
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
      loadedEarly: 0, loadedAfter: entry.endsWith('.cjs') ? 2 : 1, causes: want[entry.startsWith('v4a') ? 'v4a' : 'v4'], text: textOut({ parseHttpRequest, parseCurl, toCurl }), errors: ['ERR_URL', 'ERR_CURL'],
    }, entry)
  }
})

// An app that only signs, bundled and minified from the package's one-file
// entry (dist/index.mjs, what bundlers resolve) and from js/: the modules
// the js/ bundle leaves out (package.json sideEffects: false drops whole
// modules) are in neither. In one file there are no modules to drop, only
// statements: a table built by calls, a BigInt computed, an offset summed
// from a variable, a value made with `new` stays in every app unless it is
// written so that the bundler can see it does nothing.
test('an app that only signs, bundled from dist/index.mjs, carries no code of the modules it does not use', async () => {
  const { build } = await import('esbuild')
  const app = (from) => `import { init, sign } from '${from}'\nawait init()\nglobalThis.out = sign({ url: 'https://example.amazonaws.com/' }, { credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, region: 'us-east-1', service: 'x' })\n`
  const bundle = async (from) => {
    const r = await build({ stdin: { contents: app(from), resolveDir: root, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, metafile: true, logLevel: 'silent' })
    const [out] = Object.values(r.metafile.outputs)
    return { text: r.outputFiles[0].text, inputs: Object.keys(out.inputs).filter((p) => out.inputs[p].bytesInOutput > 0) }
  }
  const source = await bundle('./js/index.js')
  const pkg = await bundle('./dist/index.mjs')
  const used = source.inputs.filter((p) => p.startsWith('js/')).map((p) => p.slice(3))
  const unused = readdirSync(join(root, 'js')).filter((f) => f.endsWith('.js') && !used.includes(f) && !f.startsWith('index.'))
  assert.ok(unused.length >= 15 && ['curl.js', 'stream.js', 'eventstream.js', 'verify.js'].every((f) => unused.includes(f)), unused.join())
  // (Less those the embedded module holds too: C's own constants.)
  const wasm = read('dist/sigv4-inline.js')
  const strings = ownStrings(unused).filter((s) => !wasm.includes(s))
  assert.ok(strings.length >= 50, `${strings.length} strings of ${unused.join(', ')}`)
  assert.deepEqual(strings.filter((s) => source.text.includes(s)), [], 'the js/ bundle')
  assert.deepEqual(strings.filter((s) => pkg.text.includes(s)), [], 'the dist/index.mjs bundle')
  // What strings cannot show (numbers, names minified away): within 1% of the js/ bundle.
  assert.ok(pkg.text.length <= source.text.length * 1.01, `${pkg.text.length} B against ${source.text.length} B`)
})
