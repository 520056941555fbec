// Order statistics for benchmark samples. Pure functions, no host APIs, so
// the same code summarises Node and Chromium runs.

// Linear-interpolated quantile (p in [0, 1]) of an unsorted array.
export function quantile (values, p) {
  if (values.length === 0) return NaN
  const s = [...values].sort((x, y) => x - y)
  const i = (s.length - 1) * p
  const lo = Math.floor(i)
  const hi = Math.ceil(i)
  return s[lo] + (s[hi] - s[lo]) * (i - lo)
}

export const median = (values) => quantile(values, 0.5)

export function summary (values) {
  return { median: median(values), p25: quantile(values, 0.25), p75: quantile(values, 0.75) }
}

// Ratio of two cases timed in the same rounds: the median of the per-round
// ratios a[i] / b[i]. Pairing by round cancels slow drifts of the machine
// (another process starting a build) that a ratio of medians would keep.
export function pairedRatio (a, b) {
  const n = Math.min(a.length, b.length)
  const r = []
  for (let i = 0; i < n; i++) r.push(a[i] / b[i])
  return summary(r)
}

// Small seeded PRNG (xorshift32): shuffles and fixture bytes are reproducible
// from the seed recorded in the results.
export function xorshift32 (seed) {
  let x = (seed >>> 0) || 0x9e3779b9
  return () => {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    return x
  }
}

// Fisher-Yates with the given generator (sort(() => Math.random() - 0.5) is biased).
export function shuffle (items, next) {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = next() % (i + 1)
    const t = a[i]
    a[i] = a[j]
    a[j] = t
  }
  return a
}
