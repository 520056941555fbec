// bundle.mjs: the entries users load, each bundled into one file (js/ is
// the source): one file to read and parse instead of a dozen makes a cold
// import in Node faster (docs/PERFORMANCE.md). diagnose() imports
// js/diagnose.js on its first call; here that module is a file of its own
// (dist/diagnose.mjs, dist/diagnose.cjs) that the entries load then, so
// that an app that only signs does not parse it at import
// (bench/README.md, cold start). That file holds its own copies of the
// constants and pure functions it imports; what throws or depends on the
// entry's state comes from the entry in diagnose()'s `lib` (js/core.js).
import { build } from 'esbuild'

const common = { bundle: true, platform: 'neutral', logLevel: 'warning' }

// The entries' import('./diagnose.js') left as an import of the file of
// that format; in CommonJS a require() (dynamic-import marked unsupported),
// which any CommonJS loader resolves, Jest's without ESM support included.
const lazyFile = (ext) => ({
  name: 'lazy-diagnose',
  setup (b) {
    b.onResolve({ filter: /^\.\/diagnose\.js$/ }, () => ({ path: `./diagnose.${ext}`, external: true }))
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

await Promise.all(formats.flatMap(({ format, ext, supported }) => [
  ...entries.map((e) => build({
    ...common, format, supported, entryPoints: [e.in], outfile: `dist/${e.out}.${ext}`, plugins: [lazyFile(ext)],
  })),
  build({ ...common, format, entryPoints: ['js/diagnose.js'], outfile: `dist/diagnose.${ext}` }),
]))
