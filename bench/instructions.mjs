// node bench/instructions.mjs verify|sign a|b N [--part=js|wasm]:
// N verify() or sign() calls of the bench's request (a) or (b), after the
// same warm-up (20,000 of each), for counting instructions, which the
// machine's load does not change (bench/README.md, issue 16):
//
//   valgrind --tool=cachegrind --cache-sim=no --smc-check=all \
//     node --single-threaded bench/instructions.mjs verify a 100000
//
// less the count with N = 0 (the same arguments otherwise), divided by N.
// --single-threaded keeps V8's compiler and collector off other threads:
// without it two runs of the same N differ by up to a third; with it,
// whole calls still vary by a few thousand instructions a call (when the
// collector runs), the two parts below less. --part=js replaces the wasm
// exports by stubs that replay the memory a real call left (the glue
// alone, plus an 8 KB copy); --part=wasm calls the bare export on the
// memory the glue laid out (the wasm alone, plus the same copy). sign()
// runs on the signing module's instance, verify() on the receiving
// module's: each export is wrapped where the glue makes its instance.
import { readFileSync } from 'node:fs'
import { hookInstances } from '../tests/js/support/instances.mjs'
import { sign, verify, initSync } from '../js/index.js'
import { prepare, requestById } from './lib/fixtures.mjs'

const args = process.argv.slice(2)
const [what, id, count] = args.filter((a) => !a.startsWith('--'))
const part = (args.find((a) => a.startsWith('--part=')) || '').slice(7)
const n = Number(count)
if (!['verify', 'sign'].includes(what) || !['a', 'b'].includes(id) || !(n >= 0) || !['', 'js', 'wasm'].includes(part)) {
  console.error('usage: node bench/instructions.mjs verify|sign a|b N [--part=js|wasm]')
  process.exit(2)
}

// Each export as the glue calls it: the real one, one recording the memory
// around a real call, or one replaying that call's memory without running
// it. The glue looks its exports up on the object returned here, so the
// mode is set by putting one of those on it.
const SPAN = 8192
const EXPORT = { verify: 'sigv4w_verify', sign: 'sigv4w_sign' }
const calls = {}
hookInstances((instance) => {
  const exports = { ...instance.exports }
  const u8 = () => new Uint8Array(instance.exports.memory.buffer)
  for (const name of Object.values(EXPORT)) {
    const real = instance.exports[name]
    if (!real) continue
    const c = calls[name] = { real, u8 }
    c.record = () => {
      c.before = u8().slice(0, SPAN)
      c.rc = real()
      c.after = u8().slice(0, SPAN)
      return c.rc
    }
    c.replay = () => {
      u8().set(c.after)
      return c.rc
    }
    c.use = (mode) => { exports[name] = c[mode] }
    c.use('real')
  }
  return { exports }
})
initSync(readFileSync(new URL('../dist/sigv4.wasm', import.meta.url)))

// The verify bench's pair (parts/verify.mjs).
const r = prepare(requestById(id))
const request = { method: r.method, url: r.url, headers: r.contentType ? { 'content-type': r.contentType } : {}, body: r.body }
const options = { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate }
const signed = sign(request, options)
const received = { method: r.method, url: signed.url, headers: signed.headers, body: r.body }
const check = { credentials: () => r.credentials, region: r.region, service: r.service, now: r.signingDate }
if (!(await verify(received, check)).valid) throw new Error(`${r.label} does not verify`)

// One real call of each, its memory kept before and after.
for (const c of Object.values(calls)) c.use('record')
sign(request, options)
await verify(received, check)
for (const name of Object.values(EXPORT)) {
  if (!calls[name] || !calls[name].after) throw new Error(`${name} was not called on a hooked instance`)
  calls[name].use(part === 'js' ? 'replay' : 'real')
}

let sink
if (part === 'wasm') {
  const c = calls[EXPORT[what]]
  const u8 = c.u8()
  for (let i = 0; i < 20000 + n; i++) { u8.set(c.before); sink = c.real() }
} else {
  for (let i = 0; i < 20000; i++) {
    sink = await verify(received, check)
    sink = sign(request, options)
  }
  if (what === 'verify') for (let i = 0; i < n; i++) sink = await verify(received, check)
  if (what === 'sign') for (let i = 0; i < n; i++) sink = sign(request, options)
}
if (sink === null) console.log('unreachable: keeps the results alive')
