// npm run ab -- A.wasm B.wasm [A-js-dir B-js-dir]: is B faster than A?
// Two builds of the module (and optionally two copies of js/) signing the
// bench's requests (a) and (b) in one process, in alternating batches, so
// that the machine's swings (this VM's speed moves by half from one minute
// to the next) hit both alike. Prints the medians and the median of the
// per-round ratios B/A; below 1 means B is faster. Each side gets its own
// copy of the glue under build/ab/, so the two never share module state.
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { prepare, requestById } from './lib/fixtures.mjs'
import { oursSync } from './lib/signers.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const [wasmA, wasmB, jsA = join(root, 'js'), jsB = join(root, 'js')] = process.argv.slice(2)
if (!wasmA || !wasmB) {
  console.error('usage: npm run ab -- A.wasm B.wasm [A-js-dir B-js-dir]')
  process.exit(2)
}

const sides = []
for (const [name, wasm, js] of [['A', wasmA, jsA], ['B', wasmB, jsB]]) {
  const dir = join(root, 'build/ab', name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  cpSync(resolve(js), join(dir, 'js'), { recursive: true })
  cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true }) // what js/index.js imports
  const api = await import(pathToFileURL(join(dir, 'js/index.js')).href)
  api.initSync(readFileSync(resolve(wasm)))
  sides.push({ name, ours: oursSync(api) })
}

const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1]
for (const id of ['a', 'b']) {
  const r = prepare(requestById(id))
  const [a, b] = sides.map((s) => s.ours.sign(r))
  if (a !== b) throw new Error(`(${id}): A and B sign differently:\n${a}\n${b}`)
  for (const s of sides) for (let i = 0; i < 20000; i++) s.ours.sign(r)
  const times = [[], []]
  for (let round = 0; round < 21; round++) {
    for (const i of round % 2 ? [1, 0] : [0, 1]) {
      const n = 5000
      const t0 = performance.now()
      for (let k = 0; k < n; k++) sides[i].ours.sign(r)
      times[i].push(((performance.now() - t0) * 1e3) / n)
    }
  }
  const ratio = median(times[1].map((t, k) => t / times[0][k]))
  console.log(`(${id})  A ${median(times[0]).toFixed(2)} us  B ${median(times[1]).toFixed(2)} us  B/A ${ratio.toFixed(3)}`)
}
