// Loading the wasm module. Each copy of the glue (js/core.js) holds one
// instance, made here by createWasmHost(); its memory is fixed (wasm/ABI.md),
// so the views made once never detach.

import { fail } from './errors.js'

function isModule (src) {
  return typeof WebAssembly.Module === 'function' && src instanceof WebAssembly.Module
}

// A URL (string or URL object) is fetched; a file: URL is read where fetch
// cannot (Node).
async function fetchModule (url) {
  url = new URL(url, globalThis.location?.href)
  const fs = url.protocol === 'file:' && globalThis.process?.getBuiltinModule?.('node:fs')
  if (fs) return fs.readFileSync(url)
  const res = await fetch(url)
  if (!res.ok) fail('ERR_NOT_INITIALIZED', `could not load the module from ${url}: HTTP ${res.status}`)
  return res
}

async function instantiateAsync (src) {
  src = await src
  if (typeof src === 'string' || src instanceof URL) src = await fetchModule(src)
  if (src && typeof src.arrayBuffer === 'function' && !ArrayBuffer.isView(src)) {
    src = await src.arrayBuffer() // a Response
  }
  if (isModule(src)) return WebAssembly.instantiate(src, {})
  const { instance } = await WebAssembly.instantiate(src, {})
  return instance
}

// What the glue works with: the exports and views over the arena.
function attach (instance) {
  const x = instance.exports
  const base = x.sigv4w_arena()
  const size = x.sigv4w_arena_size()
  // Node's and Bun's Buffer over the same bytes: it makes one-byte strings
  // from them faster than TextDecoder does.
  const B = globalThis.Buffer
  return {
    x,
    u8: new Uint8Array(x.memory.buffer, base, size),
    u32: new Uint32Array(x.memory.buffer, base, size >>> 2),
    bytes: typeof B === 'function' && typeof B.from === 'function' ? B.from(x.memory.buffer, base, size) : null,
    size,
  }
}

/**
 * The slot for one instance: ready() returns it (loading it through the
 * auto-init hook on first use), makeLoader() makes an entry's init and
 * initSync for it, setAutoInit() sets that hook.
 */
export function createWasmHost () {
  let wasm = null
  let initPromise = null
  let autoInit = null

  // defaultSource: the module's bytes or WebAssembly.Module where the entry
  // carries it (then a first call may load it synchronously), else its URL.
  function makeLoader (defaultSource, { embedded = true } = {}) {
    async function init (source) {
      if (wasm) return
      if (source === undefined && embedded && !initPromise) {
        // The module that comes with the package is small enough to compile
        // synchronously everywhere (that is what the first sign() does when
        // init() was not awaited), which spares the asynchronous compile's
        // round trip through the event loop.
        try {
          initSync()
          return
        } catch {
          // e.g. a host that allows only asynchronous compiles: below
        }
      }
      if (!initPromise) {
        initPromise = instantiateAsync(source === undefined ? defaultSource() : source)
          .then((instance) => {
            wasm = attach(instance)
          }, (e) => {
            initPromise = null
            throw e
          })
      }
      return initPromise
    }
    function initSync (source) {
      if (wasm) return
      if (source === undefined && !embedded) {
        fail('ERR_NOT_INITIALIZED', 'this entry has no module inside: pass initSync() its bytes or a WebAssembly.Module, or call "await init()"')
      }
      const src = source === undefined ? defaultSource() : source
      const mod = isModule(src) ? src : new WebAssembly.Module(src)
      wasm = attach(new WebAssembly.Instance(mod, {}))
    }
    return { init, initSync }
  }

  function setAutoInit (fn) {
    autoInit = fn
  }

  function ready () {
    if (!wasm) {
      try {
        if (autoInit) autoInit()
      } catch (e) {
        fail('ERR_NOT_INITIALIZED', `call "await init()" before signing (synchronous load failed: ${e.message})`)
      }
      if (!wasm) fail('ERR_NOT_INITIALIZED', 'call "await init()" before signing')
    }
    return wasm
  }

  return { makeLoader, setAutoInit, ready }
}
