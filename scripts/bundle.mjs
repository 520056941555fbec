// bundle.mjs: the entries users load, each bundled into one file (js/ is
// the source): one file to read and parse instead of a dozen makes a cold
// import in Node faster (docs/PERFORMANCE.md). js/core.js imports
// js/diagnose.js (bundlers drop it from apps that never call diagnose());
// here that module is a file of its own (dist/diagnose.mjs,
// dist/diagnose.cjs) that the entries load on diagnose()'s first call, so
// that an app that only signs does not parse it at import
// (bench/README.md, cold start). That file holds its own copies of the
// constants and pure functions it imports; what throws or depends on the
// entry's state comes from the entry in diagnose()'s `lib` (js/core.js).
// The sync text parsers can load late only in CommonJS (below); the ESM
// entries keep them.
import { build } from 'esbuild'

// minifySyntax: js/abi.js's constants (and sums of them) go in as numbers.
// An app bundling one of these files cannot do that itself: in one file
// they are variables like any other. Names and layout stay as written.
// Statements that would still look like work to a bundler are written in
// js/ so that it sees they do nothing (tests/js/bundle.test.js).
const common = { bundle: true, platform: 'neutral', logLevel: 'warning', minifySyntax: true }

// The entries' import of js/diagnose.js replaced by a diagnoseWith() that
// imports the file of that format on its first call; in CommonJS a
// require() (dynamic-import marked unsupported), which any CommonJS loader
// resolves, Jest's without ESM support included.
const lazyFile = (ext) => ({
  name: 'lazy-diagnose',
  setup (b) {
    b.onResolve({ filter: /^\.\/diagnose\.js$/ }, () => ({ path: 'diagnose-stub', namespace: 'lazy' }))
    b.onResolve({ filter: /^\.\/diagnose\.(?:mjs|cjs)$/ }, (a) => ({ path: a.path, external: true }))
    b.onLoad({ filter: /^diagnose-stub$/, namespace: 'lazy' }, () => ({
      contents: `export async function diagnoseWith (lib, input) {\n  return (await import('./diagnose.${ext}')).diagnoseWith(lib, input)\n}\n`,
      loader: 'js',
    }))
  },
})

// CommonJS can also load code synchronously on first use: the entries'
// text parsers (js/http-text.js, sync) come from dist/text.cjs, required
// on the first call. That file's js/errors.js is the entry's, handed over
// on each call (index.cjs and v4a.cjs share the file, each with its own
// SigV4Error), so that what it throws is the SigV4Error callers catch.
const TEXT_EXPORTS = ['parseHttpRequest', 'parseCurl', 'toCurl']
const textStub = `import * as errors from './errors.js'
function text () {
  const t = require('./text.cjs')
  t.useErrors(errors)
  return t
}
${TEXT_EXPORTS.map((name) => `export const ${name} = (...args) => text().${name}(...args)`).join('\n')}
`
const lazyText = {
  name: 'lazy-text',
  setup (b) {
    b.onResolve({ filter: /^\.\/http-text\.js$/ }, (a) => (/index[.\w]*\.js$/.test(a.importer) ? { path: 'text-stub', namespace: 'lazy' } : undefined))
    b.onResolve({ filter: /^\.\/text\.cjs$/ }, (a) => ({ path: a.path, external: true }))
    b.onLoad({ filter: /^text-stub$/, namespace: 'lazy' }, () => ({ contents: textStub, resolveDir: 'js', loader: 'js' }))
  },
}
// dist/text.cjs: the parsers, and useErrors() in place of js/errors.js.
const textFile = {
  name: 'text-file',
  setup (b) {
    b.onResolve({ filter: /^\.\/errors\.js$/ }, () => ({ path: 'errors', namespace: 'lazy' }))
    b.onLoad({ filter: /^errors$/, namespace: 'lazy' }, () => ({
      contents: 'export let SigV4Error, fail, failC\nexport function useErrors (e) { ({ SigV4Error, fail, failC } = e) }\n', loader: 'js',
    }))
  },
}

// The receiving modules' embeddings (dist/sigv4-verify-inline.js,
// dist/sigv4a-verify-inline.js), which the entries import on verify()'s
// first call, stay files of their own beside the bundles: the ESM bundles
// import them as they are, the CommonJS ones require a CommonJS copy
// (dist/sigv4-verify-inline.cjs, ...), so that an app that only signs does
// not parse them at import.
const VERIFY_INLINE = ['sigv4-verify-inline', 'sigv4a-verify-inline']
const lazyVerify = (ext) => ({
  name: 'lazy-verify',
  setup (b) {
    b.onResolve({ filter: /^\.\.\/dist\/sigv4a?-verify-inline\.js$/ }, (a) =>
      ({ path: `./${a.path.slice('../dist/'.length, -'.js'.length)}.${ext === 'mjs' ? 'js' : 'cjs'}`, external: true }))
  },
})

const formats = [
  { format: 'esm', ext: 'mjs' },
  { format: 'cjs', ext: 'cjs', supported: { 'dynamic-import': false } },
]
const entries = [
  { in: 'js/index.js', out: 'index' },
  // sigv4-wasm/v4a: the same, with sigv4a.wasm inside.
  { in: 'js/index.v4a.js', out: 'v4a' },
]

await Promise.all([...formats.flatMap(({ format, ext, supported }) => [
  ...entries.map((e) => build({
    ...common, format, supported, entryPoints: [e.in], outfile: `dist/${e.out}.${ext}`,
    plugins: format === 'cjs' ? [lazyFile(ext), lazyText, lazyVerify(ext)] : [lazyFile(ext), lazyVerify(ext)],
  })),
  build({ ...common, format, entryPoints: ['js/diagnose.js'], outfile: `dist/diagnose.${ext}` }),
]), ...VERIFY_INLINE.map((name) => build({
  ...common, format: 'cjs', entryPoints: [`dist/${name}.js`], outfile: `dist/${name}.cjs`,
})), build({
  ...common, format: 'cjs', outfile: 'dist/text.cjs', plugins: [textFile],
  stdin: { contents: `export { ${TEXT_EXPORTS.join(', ')} } from './http-text.js'\nexport { useErrors } from './errors.js'\n`, resolveDir: 'js' },
})])
