// Test-only access to the module's memory: capture the instance when the
// glue creates it. Import this before the first signature in a process.
let captured = null
const Original = WebAssembly.Instance
WebAssembly.Instance = function (mod, imports) {
  const inst = new Original(mod, imports)
  captured = inst
  return inst
}
WebAssembly.Instance.prototype = Original.prototype

export function memoryForTests () {
  if (!captured) throw new Error('instance not captured: import support/memory.mjs before signing, in its own process')
  return new Uint8Array(captured.exports.memory.buffer)
}
