// Test-only: every wasm instance the glue makes goes through onInstance(),
// which returns what the glue gets instead (the instance itself, or one
// with wrapped exports). Both ways the glue makes them: new
// WebAssembly.Instance (a module compiled synchronously), and
// WebAssembly.instantiate (the receiving modules that the first verify()
// imports or fetches). Call it before the first call in a process.
export function hookInstances (onInstance) {
  const Original = WebAssembly.Instance
  WebAssembly.Instance = function (mod, imports) {
    return onInstance(new Original(mod, imports))
  }
  WebAssembly.Instance.prototype = Original.prototype
  const instantiate = WebAssembly.instantiate
  WebAssembly.instantiate = async function (source, imports) {
    const out = await instantiate.call(WebAssembly, source, imports)
    return out instanceof Original ? onInstance(out) : { module: out.module, instance: onInstance(out.instance) }
  }
}
