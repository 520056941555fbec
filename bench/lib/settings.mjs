// Rounds and batch lengths of the timed parts (sign, sha, browser).

// Small requests: many short batches, so that on a shared machine most
// batches run between two preemptions and the median is the unpreempted
// speed. Bigger bodies: fewer, longer batches (one 16 MiB signature with
// sha256-js takes longer than a whole batch of a small request).
export function settingsFor (bodyLength, { quick, rounds }) {
  const big = bodyLength >= 8 * 1024 * 1024
  const mid = bodyLength >= 512 * 1024
  const s = quick
    ? { rounds: 5, batchMs: big ? 60 : mid ? 30 : 10, warmupMs: big ? 200 : mid ? 100 : 50 }
    : { rounds: big ? 11 : mid ? 21 : 41, batchMs: big ? 250 : mid ? 60 : 15, warmupMs: big ? 1000 : mid ? 500 : 300 }
  if (rounds) s.rounds = rounds
  return s
}
