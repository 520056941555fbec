// npm run profile -- [a|b] [--calls=N] [--verify]: where one signature's
// (or with --verify, one verify()'s, of the request signed) time goes in
// Node. Builds the module with its function names kept (preset
// wasm-profile, build/wasm-profile/dist; dist/ is not touched), signs
// request (a) or (b) of the bench in a loop under V8's sampling profiler,
// and prints self time per function, grouped: BearSSL's SHA-256, the rest
// of the wasm, the JS glue, GC. The profiler inflates the times; what they
// are for is the split.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Session } from 'node:inspector/promises'
import { initSync, sign, verify } from '../js/index.js'
import { prepare, requestById } from './lib/fixtures.mjs'
import { oursSync } from './lib/signers.mjs'
import { buildNamedModules } from './lib/profile-build.mjs'

const args = process.argv.slice(2)
const which = args.find((a) => !a.startsWith('--')) || 'a'
const calls = Number((args.find((a) => a.startsWith('--calls=')) || '--calls=200000').slice(8))
const verifying = args.includes('--verify')
if (!['a', 'b'].includes(which) || !(calls > 0) || args.some((a) => a.startsWith('--') && !a.startsWith('--calls=') && a !== '--verify')) {
  console.error('usage: npm run profile -- [a|b] [--calls=N] [--verify]')
  process.exit(2)
}

initSync(readFileSync(join(buildNamedModules(), 'sigv4.wasm')))

// The bench's own request and call, so the profile is of what it times
// (parts/sign.mjs; parts/verify.mjs with --verify).
const r = prepare(requestById(which))
const ours = oursSync({ sign })
let once = () => ours.sign(r)
if (verifying) {
  const request = { method: r.method, url: r.url, headers: r.contentType ? { 'content-type': r.contentType } : {}, body: r.body }
  const signed = sign(request, { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate })
  const received = { method: r.method, url: signed.url, headers: signed.headers, body: r.body }
  const check = { credentials: () => r.credentials, region: r.region, service: r.service, now: r.signingDate }
  if (!(await verify(received, check)).valid) throw new Error(`${r.label} does not verify`)
  once = () => verify(received, check)
}
for (let i = 0; i < 20000; i++) verifying ? await once() : once() // warm: tiered up, key cached

const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 100 })
await session.post('Profiler.start')
const t0 = performance.now()
for (let i = 0; i < calls; i++) verifying ? await once() : once()
const wall = performance.now() - t0
const { profile } = await session.post('Profiler.stop')
session.disconnect()

// Self time per function; wasm functions carry their C names.
const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map()
for (let i = 0; i < profile.samples.length; i++) {
  const frame = nodes.get(profile.samples[i]).callFrame
  const isWasm = frame.url.startsWith('wasm://') || /^[0-9a-f]{8}$/.test(frame.url) || frame.functionName.startsWith('wasm-function')
  const key = `${isWasm ? 'wasm' : 'js'}\t${frame.functionName || '(anonymous)'}`
  self.set(key, (self.get(key) || 0) + (profile.timeDeltas[i] || 0))
}
const SHA = /^(rounds|br_sha2small_round|sigv4_br_sha256_update|sigv4_br_sha256_out|br_range_dec32be|br_range_enc32be|br_enc32be|br_sha224_update|br_sha256_out|sha2small_out)$/
const group = (key) => {
  const [kind, name] = key.split('\t')
  if (name === '(garbage collector)') return 'GC'
  if (name === '(program)' || name === '(idle)') return 'V8 / other'
  if (kind === 'wasm') return SHA.test(name) ? 'wasm: SHA-256 (BearSSL)' : 'wasm: canonical request, shim'
  return 'JS glue and V8 builtins'
}
const us = (microseconds) => (microseconds / calls).toFixed(2)
const groups = new Map()
for (const [key, t] of self) groups.set(group(key), (groups.get(group(key)) || 0) + t)
console.log(`request (${which}), ${calls} ${verifying ? 'verify() calls' : 'signatures'}: ${((wall * 1e3) / calls).toFixed(2)} us each with the profiler on\n`)
for (const [g, t] of [...groups].sort((p, q) => q[1] - p[1])) console.log(`  ${us(t).padStart(6)} us  ${g}`)
console.log('\ntop functions (self time per signature):')
for (const [key, t] of [...self].sort((p, q) => q[1] - p[1]).slice(0, 25)) {
  const [kind, name] = key.split('\t')
  console.log(`  ${us(t).padStart(6)} us  ${kind.padEnd(4)}  ${name}`)
}
