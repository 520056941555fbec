// Test-only access to the modules' memory: capture each instance when the
// glue creates it (the signing module's, and the receiving module's that
// verify() makes). Import this before the first signature in a process.
import { hookInstances } from './instances.mjs'

const captured = []
hookInstances((instance) => {
  captured.push(instance)
  return instance
})

/** How many instances were captured. */
export function instancesForTests () {
  return captured.length
}

/** Every captured instance's memory, one after the other. */
export function memoryForTests () {
  if (!captured.length) throw new Error('instance not captured: import support/memory.mjs before signing, in its own process')
  return Buffer.concat(captured.map((i) => new Uint8Array(i.exports.memory.buffer)))
}
