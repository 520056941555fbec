// npm run ab -- A.wasm B.wasm [A-js-dir B-js-dir] [--fresh-credentials]:
// is B faster than A?
// Two builds of the module (and optionally two copies of js/) signing the
// bench's requests (a) and (b) in one process, in alternating batches, so
// that the machine's swings (this VM's speed moves by half from one minute
// to the next) hit both alike. Each side gets its own copy of the glue
// under build/ab/, so the two never share module state.
//
// It runs twice, in two fresh processes: once loading A first, once B,
// because the load order alone can show a difference of several per cent
// that is not there (docs/PERFORMANCE.md). Prints, per request, the
// medians and the geometric mean of the two runs' median per-round ratios
// B/A (below 1 means B is faster), then each run's ratio; when they fall
// on both sides of 1, it is noise. --fresh-credentials passes a new
// credentials object with every call (as an app that builds its options
// call by call does), instead of the same one.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { prepare, requestById } from './lib/fixtures.mjs'
import { oursSync } from './lib/signers.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const fresh = args.includes('--fresh-credentials')
const [wasmA, wasmB, jsA = join(root, 'js'), jsB = join(root, 'js')] = args.filter((a) => !a.startsWith('--'))
if (!wasmA || !wasmB) {
  console.error('usage: npm run ab -- A.wasm B.wasm [A-js-dir B-js-dir] [--fresh-credentials]')
  process.exit(2)
}
const REQUESTS = ['a', 'b']
const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1]

if (process.env.SIGV4_AB_FIRST) {
  await child(process.env.SIGV4_AB_FIRST)
} else {
  parent()
}

function parent () {
  for (const [name, js] of [['A', jsA], ['B', jsB]]) {
    const dir = join(root, 'build/ab', name)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    cpSync(resolve(js), join(dir, 'js'), { recursive: true })
    cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true }) // what js/index.js imports
  }
  const runs = []
  for (const first of ['A', 'B']) {
    try {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...args], {
        env: { ...process.env, SIGV4_AB_FIRST: first },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      runs.push({ first, result: JSON.parse(out) })
    } catch {
      process.exit(1) // the child said why on stderr
    }
  }
  for (const id of REQUESTS) {
    const [x, y] = runs.map((r) => r.result[id])
    const a = (x.a + y.a) / 2
    const b = (x.b + y.b) / 2
    const ratio = Math.sqrt(x.ratio * y.ratio)
    console.log(`(${id})  A ${a.toFixed(2)} us  B ${b.toFixed(2)} us  B/A ${ratio.toFixed(3)}`)
    console.log(`     B/A with A loaded first ${x.ratio.toFixed(3)}, with B loaded first ${y.ratio.toFixed(3)}`)
  }
}

async function child (first) {
  const order = first === 'A' ? [['A', wasmA], ['B', wasmB]] : [['B', wasmB], ['A', wasmA]]
  const loaded = {}
  for (const [name, wasm] of order) {
    const api = await import(pathToFileURL(join(root, 'build/ab', name, 'js/index.js')).href)
    api.initSync(readFileSync(resolve(wasm)))
    const ours = oursSync(api)
    loaded[name] = fresh ? { sign: (r) => ours.sign({ ...r, credentials: { ...r.credentials } }) } : ours
  }
  const sides = [loaded.A, loaded.B]
  const result = {}
  for (const id of REQUESTS) {
    const r = prepare(requestById(id))
    const [a, b] = sides.map((s) => s.sign(r))
    if (a !== b) {
      console.error(`(${id}): A and B sign differently:\n${a}\n${b}`)
      process.exit(1)
    }
    for (const s of sides) for (let i = 0; i < 20000; i++) s.sign(r)
    const times = [[], []]
    for (let round = 0; round < 21; round++) {
      for (const i of round % 2 ? [1, 0] : [0, 1]) {
        const n = 5000
        const t0 = performance.now()
        for (let k = 0; k < n; k++) sides[i].sign(r)
        times[i].push(((performance.now() - t0) * 1e3) / n)
      }
    }
    result[id] = {
      a: median(times[0]),
      b: median(times[1]),
      ratio: median(times[1].map((t, k) => t / times[0][k])),
    }
  }
  process.stdout.write(JSON.stringify(result))
}
