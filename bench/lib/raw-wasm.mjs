// SHA-256 straight from dist/sigv4.wasm's exports, instantiated here, with
// no JS-side shortcut: whatever js/core.js does for big inputs (a native
// hash, say), this is the wasm's own speed. Same calls as the glue makes
// (wasm/ABI.md): state at arena offset 0, data copied in 64 KiB chunks.
const STATE = 0
const DATA = 128 // the state takes 128 bytes
const CHUNK = 64 * 1024

export function rawWasmSha256 (wasmBytes) {
  const { exports: x } = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), {})
  const arena = new Uint8Array(x.memory.buffer, x.sigv4w_arena(), x.sigv4w_arena_size())
  const check = (rc, what) => {
    if (rc !== 0) throw new Error(`${what} returned ${rc}`)
  }
  function sha256Hex (data) {
    check(x.sigv4w_sha256_init(STATE), 'sigv4w_sha256_init')
    for (let i = 0; i < data.length; i += CHUNK) {
      const chunk = data.subarray(i, Math.min(data.length, i + CHUNK))
      arena.set(chunk, DATA)
      check(x.sigv4w_sha256_update(STATE, DATA, chunk.length), 'sigv4w_sha256_update')
    }
    check(x.sigv4w_sha256_hex(STATE, DATA), 'sigv4w_sha256_hex')
    return String.fromCharCode.apply(null, arena.subarray(DATA, DATA + 64))
  }
  return { sha256Hex, memory: x.memory }
}
