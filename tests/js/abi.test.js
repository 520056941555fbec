// The wasm call ABI exercised by hand, from wasm/ABI.md alone (not through
// js/core.js): the shim must refuse descriptors that do not fit, and the
// output must be where the document says.
import test from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createHash, createHmac } from 'node:crypto'

const header = readFileSync(new URL('../../src/sigv4.h', import.meta.url), 'utf8')
const code = (name) => Number(new RegExp(`#define SIGV4_${name}\\s+(-\\d+)`).exec(header)[1])

const wasmBytes = readFileSync(new URL('../../dist/sigv4.wasm', import.meta.url))
const { exports: x } = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), {})
const base = x.sigv4w_arena()
const size = x.sigv4w_arena_size()
const u8 = new Uint8Array(x.memory.buffer, base, size)
const u32 = new Uint32Array(x.memory.buffer, base, size >>> 2)

const MAGIC = 0x53563403
const OUT_HEADER = 624 // ABI.md, output table
const HEAD = 80
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'

// A GET of https://example.amazonaws.com/ at 2015-08-30T12:36:00Z with the
// output at `out`; returns sigv4w_sign's result.
function call (out, { magic = MAGIC } = {}) {
  u8.fill(0)
  u32[0] = magic
  u32[4] = 1440938160 // seconds, low word; high word 0
  let pos = 256
  const put = (word, s) => {
    const b = Buffer.from(s, 'utf8')
    u8.set(b, pos)
    u32[word] = pos
    u32[word + 1] = b.length
    pos += b.length
  }
  put(6, 'GET')
  put(8, '/')
  put(10, '')
  put(12, 'AKIDEXAMPLE')
  put(14, SECRET)
  put(18, 'us-east-1')
  put(20, 'service')
  pos = (pos + 3) & ~3
  const table = pos
  pos += 16
  u32[28] = table
  u32[29] = 1
  put(table >>> 2, 'host')
  put((table >>> 2) + 2, 'example.amazonaws.com')
  u32[34] = out
  return x.sigv4w_sign()
}

test('a call laid out by ABI.md signs, with X-Amz-Date and the body hash right before the result', () => {
  const out = 4096
  assert.equal(call(out), 0)
  const resultOff = u32[(out + 16) >>> 2]
  const resultLen = u32[out >>> 2]
  const ascii = (off, len) => Buffer.from(u8.subarray(off, off + len)).toString('latin1')
  assert.equal(ascii(resultOff - HEAD, 16), '20150830T123600Z')
  const emptyHash = createHash('sha256').update('').digest('hex')
  assert.equal(ascii(resultOff - HEAD + 16, 64), emptyHash)
  // The signature, recomputed with node:crypto from the SigV4 definition.
  const creq = ['GET', '/', '', 'host:example.amazonaws.com', 'x-amz-date:20150830T123600Z', '', 'host;x-amz-date', emptyHash].join('\n')
  const sts = ['AWS4-HMAC-SHA256', '20150830T123600Z', '20150830/us-east-1/service/aws4_request', createHash('sha256').update(creq).digest('hex')].join('\n')
  let k = `AWS4${SECRET}`
  for (const part of ['20150830', 'us-east-1', 'service', 'aws4_request']) k = createHmac('sha256', k).update(part).digest()
  const signature = createHmac('sha256', k).update(sts).digest('hex')
  assert.equal(ascii(resultOff, resultLen),
    `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`)
})

test('descriptors that do not fit are refused, and the module stays usable', () => {
  assert.equal(call(4096, { magic: 0x53563402 }), code('ERR_ABI'), 'the previous ABI version')
  assert.equal(call(size - OUT_HEADER + 8), code('ERR_ABI'), 'no room for the output header')
  // Room for the header but not for the 80-byte head before the result:
  // unsigned arithmetic must not wrap into a huge capacity here.
  for (const spare of [0, 8, 40, 72]) {
    assert.equal(call(size - OUT_HEADER - spare), code('ERR_SCRATCH'), `${spare} bytes after the header`)
  }
  assert.equal(call(4096), 0)
})
