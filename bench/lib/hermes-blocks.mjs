// Where a signature's time goes in Hermes (bundled into the nowasm part's
// Hermes program only: it reaches into @aws-crypto/sha256-js's module
// build, which Node cannot import). For each signer: the cost of one
// SHA-256 block, timed as the difference between hashing 17 blocks and 1
// (1,079 and 55 bytes, over 16), and the blocks one signature of the
// request hashes: smithy's counted, by wrapping sha256-js's block
// function; ours computed (lib/nowasm.mjs ourBlocks).
import { Sha256 } from '@aws-crypto/sha256-js'
import { RawSha256 } from '@aws-crypto/sha256-js/build/module/RawSha256.js'
import { measure } from './harness.mjs'
import { blocksOf, ourBlocks } from './nowasm.mjs'

const SHORT = 55 // one block with its padding
const LONG = 55 + 16 * 64 // seventeen

/**
 * { ours: { blockNs, blocks }, 'smithy-js': { blockNs, blocks } } for
 * request r, signed once by each of `signers` (jsBuildSigners's).
 */
export async function hashingBreakdown (api, r, signers, settings) {
  const hashBuffer = RawSha256.prototype.hashBuffer
  let counted = 0
  RawSha256.prototype.hashBuffer = function () {
    counted++
    return hashBuffer.call(this)
  }
  try {
    await signers.find((s) => s.key === 'smithy-js').sign(r)
  } finally {
    RawSha256.prototype.hashBuffer = hashBuffer
  }
  if (counted === 0) throw new Error('smithy hashed no block through the RawSha256 this bundle wraps')
  const input = { short: new Uint8Array(SHORT), long: new Uint8Array(LONG) }
  const js = (bytes) => () => {
    const h = new Sha256()
    h.update(bytes)
    return h.digestSync()
  }
  const cases = [
    { name: 'ours short', fn: () => api.sha256(input.short) },
    { name: 'ours long', fn: () => api.sha256(input.long) },
    { name: 'sha256-js short', fn: js(input.short) },
    { name: 'sha256-js long', fn: js(input.long) },
  ]
  const [a, b, c, d] = await measure(cases, settings)
  const per = (x, y) => (y.median_ns - x.median_ns) / (blocksOf(LONG) - blocksOf(SHORT))
  return { ours: { blockNs: per(a, b), blocks: ourBlocks(api, r) }, 'smithy-js': { blockNs: per(c, d), blocks: counted } }
}
