// node bench/instructions.mjs verify|sign a|b N [--part=js|wasm]:
// N verify() or sign() calls of the bench's request (a) or (b), after the
// same warm-up (20,000 of each), for counting instructions, which the
// machine's load does not change (bench/README.md, issue 16):
//
//   valgrind --tool=cachegrind --cache-sim=no --smc-check=all \
//     node bench/instructions.mjs verify a 40000
//
// less the count with N = 0 (the same arguments otherwise), divided by N. --part=js replaces the wasm
// exports by stubs that replay the memory a real call left (the glue
// alone, plus an 8 KB copy); --part=wasm calls the bare export on the
// memory the glue laid out (the wasm alone, plus the same copy).
import { readFileSync } from 'node:fs'
import { sign, verify, initSync } from '../js/index.js'
import { ready } from '../js/core.js'
import { prepare, requestById } from './lib/fixtures.mjs'

const args = process.argv.slice(2)
const [what, id, count] = args.filter((a) => !a.startsWith('--'))
const part = (args.find((a) => a.startsWith('--part=')) || '').slice(7)
const n = Number(count)
if (!['verify', 'sign'].includes(what) || !['a', 'b'].includes(id) || !(n >= 0) || !['', 'js', 'wasm'].includes(part)) {
  console.error('usage: node bench/instructions.mjs verify|sign a|b N [--part=js|wasm]')
  process.exit(2)
}
initSync(readFileSync(new URL('../dist/sigv4.wasm', import.meta.url)))

// The verify bench's pair (parts/verify.mjs).
const r = prepare(requestById(id))
const request = { method: r.method, url: r.url, headers: r.contentType ? { 'content-type': r.contentType } : {}, body: r.body }
const options = { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate }
const signed = sign(request, options)
const received = { method: r.method, url: signed.url, headers: signed.headers, body: r.body }
const check = { credentials: () => r.credentials, region: r.region, service: r.service, now: r.signingDate }
if (!(await verify(received, check)).valid) throw new Error(`${r.label} does not verify`)

// One real call of each export, its memory kept before and after.
const w = ready()
const exports = w.x
const SPAN = 8192
const EXPORT = { verify: 'sigv4w_verify', sign: 'sigv4w_sign' }
const before = {}
const after = {}
w.x = { ...exports }
for (const name of Object.values(EXPORT)) {
  w.x[name] = () => {
    before[name] = w.u8.slice(0, SPAN)
    const rc = exports[name]()
    after[name] = [rc, w.u8.slice(0, SPAN)]
    return rc
  }
}
sign(request, options)
await verify(received, check)
w.x = exports

let sink
if (part === 'wasm') {
  const name = EXPORT[what]
  const laid = before[name]
  for (let i = 0; i < 20000 + n; i++) { w.u8.set(laid); sink = exports[name]() }
} else {
  if (part === 'js') {
    w.x = { ...exports }
    for (const name of Object.values(EXPORT)) w.x[name] = () => { w.u8.set(after[name][1]); return after[name][0] }
  }
  for (let i = 0; i < 20000; i++) {
    sink = await verify(received, check)
    sink = sign(request, options)
  }
  if (what === 'verify') for (let i = 0; i < n; i++) sink = await verify(received, check)
  if (what === 'sign') for (let i = 0; i < n; i++) sink = sign(request, options)
}
if (sink === null) console.log('unreachable: keeps the results alive')
