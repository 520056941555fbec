// Interleaved timing harness, shared by Node and Chromium.
//
// Every case is warmed up and calibrated to a batch of about `batchMs`, then
// `rounds` rounds run every case once each, in a fresh shuffled order per
// round. A sample is the mean time per operation of one batch, so a case has
// one sample per round and cases timed in the same round can be paired
// (stats.pairedRatio). Async cases are awaited one at a time: what is measured
// is the latency a caller sees, not throughput with many in flight.
//
// A case is { name, fn, async? } or, for code that times itself (a native
// child process), { name, sample: async (n) => nsPerOp }.
import { summary, shuffle, xorshift32 } from './stats.mjs'

// ms; sub-µs in Node, 5 µs in an isolated page, 1 ms in Hermes (no performance)
const now = typeof performance === 'object' ? () => performance.now() : () => Date.now()

// Results go here so the optimiser cannot drop the work.
export const sink = { last: undefined }

async function batch (c, n) {
  if (c.sample) return c.sample(n)
  const t0 = now()
  if (c.async) for (let i = 0; i < n; i++) sink.last = await c.fn()
  else for (let i = 0; i < n; i++) sink.last = c.fn()
  return ((now() - t0) * 1e6) / n
}

async function calibrate (c, { batchMs, warmupMs }) {
  if (c.sample) {
    // Self-timed: trust its own per-op figure (spawning is not part of it).
    let best = Infinity
    for (let i = 0; i < 3; i++) best = Math.min(best, await c.sample(1))
    return Math.max(1, Math.round((batchMs * 1e6) / best))
  }
  // Warm up: at least three calls (the first compiles, the second tiers up).
  let n = 0
  const t0 = now()
  while (now() - t0 < warmupMs || n < 3) {
    await batch(c, 1)
    n++
  }
  // Then size the batch on warm code: double it until it takes a quarter
  // of the target (early calls are slow and would make batches too short).
  for (let k = 1; ; k *= 2) {
    const t1 = now()
    await batch(c, k)
    const dt = now() - t1
    if (dt >= batchMs / 4 || k >= 1 << 24) return Math.max(1, Math.round((k * batchMs) / Math.max(dt, 1e-3)))
  }
}

export async function measure (cases, { rounds = 15, batchMs = 40, warmupMs = 200, seed = 1, onRound } = {}) {
  const next = xorshift32(seed)
  const state = cases.map((c) => ({ c, n: 0, samples: [] }))
  for (const s of state) s.n = s.c.batch || await calibrate(s.c, { batchMs, warmupMs })
  for (let r = 0; r < rounds; r++) {
    for (const s of shuffle(state, next)) s.samples.push(await batch(s.c, s.n))
    if (onRound) onRound(r + 1, rounds)
  }
  return state.map(({ c, n, samples }) => {
    const st = summary(samples)
    return { name: c.name, n, rounds, median_ns: st.median, p25_ns: st.p25, p75_ns: st.p75, min_ns: Math.min(...samples), samples }
  })
}
