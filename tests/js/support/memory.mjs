// Test-only access to the modules' memory: capture each instance when the
// glue creates it (the signing module's, and the receiving module's that
// verify() makes). Import this before the first signature in a process.
const captured = []
const Original = WebAssembly.Instance
WebAssembly.Instance = function (mod, imports) {
  const inst = new Original(mod, imports)
  captured.push(inst)
  return inst
}
WebAssembly.Instance.prototype = Original.prototype
// The receiving modules imported or fetched are compiled asynchronously.
const instantiate = WebAssembly.instantiate
WebAssembly.instantiate = async function (source, imports) {
  const out = await instantiate.call(WebAssembly, source, imports)
  captured.push(out instanceof Original ? out : out.instance)
  return out
}

/** How many instances were captured. */
export function instancesForTests () {
  return captured.length
}

/** Every captured instance's memory, one after the other. */
export function memoryForTests () {
  if (!captured.length) throw new Error('instance not captured: import support/memory.mjs before signing, in its own process')
  return Buffer.concat(captured.map((i) => new Uint8Array(i.exports.memory.buffer)))
}
