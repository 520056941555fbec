// Loading the wasm module. Each copy of the glue (js/core.js) holds one
// instance, made here by createWasmHost(); its memory is fixed (wasm/ABI.md),
// so the views made once never detach.

import { fail } from './errors.js'

/** An embedded module (one character per byte, each XORed with mask:
 * wasm/embed.mjs) as bytes. */
export function textBytes (text, mask) {
  // Node and Bun decode it natively, much faster than the loop below
  // (cold start; docs/PERFORMANCE.md); the mask then goes four bytes at a
  // time (a Buffer this large has its own, aligned memory).
  const B = globalThis.Buffer
  if (typeof B === 'function' && typeof B.from === 'function') {
    const out = B.from(text, 'latin1')
    const words = out.byteOffset % 4 ? 0 : out.length >> 5 << 3
    const w = new Int32Array(out.buffer, out.byteOffset, words)
    const m = mask * 0x01010101
    for (let i = 0; i < words; i += 8) {
      w[i] ^= m; w[i + 1] ^= m; w[i + 2] ^= m; w[i + 3] ^= m
      w[i + 4] ^= m; w[i + 5] ^= m; w[i + 6] ^= m; w[i + 7] ^= m
    }
    for (let i = words * 4; i < out.length; i++) out[i] ^= mask
    return out
  }
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) ^ mask
  return out
}

function isModule (src) {
  return typeof WebAssembly.Module === 'function' && src instanceof WebAssembly.Module
}

// Hosts without WebAssembly (Hermes, node --jitless, iOS Lockdown Mode), and
// pages whose Content-Security-Policy lacks 'wasm-unsafe-eval' (compiling is
// refused: an EvalError in Safari, a CompileError saying so elsewhere), get
// ERR_NO_WASM: the same API runs there from sigv4-wasm/js.
function noWasm (why) {
  fail('ERR_NO_WASM', `this host cannot run WebAssembly (${why}): import from 'sigv4-wasm/js' instead, the same API on the module compiled to plain JavaScript`)
}

function needWasm () {
  if (typeof WebAssembly !== 'object' || WebAssembly === null) noWasm('there is no WebAssembly object')
}

function refused (e) {
  if (e instanceof EvalError) return true
  return e?.name === 'CompileError' && /refused|blocked|CSP|unsafe-eval|security policy/i.test(e.message)
}

function instanceSync (src) {
  needWasm()
  try {
    return new WebAssembly.Instance(isModule(src) ? src : new WebAssembly.Module(src), {})
  } catch (e) {
    if (refused(e)) noWasm(e.message)
    throw e
  }
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
  needWasm()
  src = await src
  if (typeof src === 'string' || src instanceof URL) src = await fetchModule(src)
  if (src && typeof src.arrayBuffer === 'function' && !ArrayBuffer.isView(src)) {
    src = await src.arrayBuffer() // a Response
  }
  try {
    if (isModule(src)) return await WebAssembly.instantiate(src, {})
    const { instance } = await WebAssembly.instantiate(src, {})
    return instance
  } catch (e) {
    if (refused(e)) noWasm(e.message)
    throw e
  }
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
    // sigv4a.wasm signs SigV4a too; sigv4.wasm has no elliptic curves.
    v4a: typeof x.sigv4w_public_key === 'function',
    u8: new Uint8Array(x.memory.buffer, base, size),
    u32: new Uint32Array(x.memory.buffer, base, size >>> 2),
    bytes: typeof B === 'function' && typeof B.from === 'function' ? B.from(x.memory.buffer, base, size) : null,
    size,
  }
}

/**
 * The instance of a module made on first use: an entry's receiving side
 * (verifierOn in core.js). source() gives the JS build's instantiate
 * function (called there and then), or what instantiateAsync() takes: the
 * module's URL, bytes, WebAssembly.Module or a promise of one (a dynamic
 * import). Until that one is ready, a call returns the promise of it.
 */
export function lazyInstance (source) {
  let wasm = null
  let pending = null
  return function instance () {
    if (wasm || pending) return wasm || pending
    const src = source()
    if (typeof src === 'function') return (wasm = attach(src()))
    pending = instantiateAsync(src).then((i) => (wasm = attach(i)), (e) => {
      pending = null
      throw e
    })
    return pending
  }
}

/**
 * The slot for one instance: ready() returns it (loading it through the
 * auto-init hook on first use), makeLoader() makes an entry's init and
 * initSync for it, setAutoInit() sets that hook. ready(true) wants SigV4a:
 * when the instance is sigv4.wasm, the sigv4a.wasm that the v4a entry
 * registered (setV4aModule) replaces it (it does everything sigv4.wasm
 * does; hash states and cached keys live in JS and fit both); without one,
 * ERR_V4A_ENTRY.
 */
export function createWasmHost () {
  let wasm = null
  let initPromise = null
  let autoInit = null
  let v4aModule = null

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
      wasm = attach(instanceSync(source === undefined ? defaultSource() : source))
    }
    return { init, initSync }
  }

  // The same for the module compiled to plain JavaScript (sigv4-wasm/js):
  // instantiate() returns what a WebAssembly.Instance would, synchronously
  // and on any host, so there is nothing to fetch and no source to take.
  function makeJsLoader (instantiate) {
    function initSync () {
      if (!wasm) wasm = attach(instantiate())
    }
    async function init () {
      initSync()
    }
    return { init, initSync }
  }

  function setAutoInit (fn) {
    autoInit = fn
  }

  function setV4aModule (source) {
    v4aModule = source
  }

  function ready (v4a) {
    if (v4a && !(wasm && wasm.v4a)) {
      if (!v4aModule) {
        fail('ERR_V4A_ENTRY', 'SigV4a (AWS4-ECDSA-P256-SHA256) is in the entry "sigv4-wasm/v4a": import sign, presign, createSignedFetch... from it instead of "sigv4-wasm" (it signs SigV4 too)')
      }
      wasm = attach(instanceSync(v4aModule()))
    }
    if (!wasm) {
      try {
        if (autoInit) autoInit()
      } catch (e) {
        if (e?.code === 'ERR_NO_WASM') throw e
        fail('ERR_NOT_INITIALIZED', `call "await init()" before signing (synchronous load failed: ${e.message})`)
      }
      if (!wasm) fail('ERR_NOT_INITIALIZED', 'call "await init()" before signing')
    }
    return wasm
  }

  return { makeLoader, makeJsLoader, setAutoInit, setV4aModule, ready }
}
