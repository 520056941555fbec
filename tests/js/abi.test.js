// The wasm call ABI exercised by hand, through the generated layout
// (js/abi.js, from wasm/abi.h) but not through the glue: the shim must
// refuse descriptors that do not fit, and the output must be where the
// table says. The signature is recomputed here from the SigV4 definition.
import test from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createHash, createHmac } from 'node:crypto'
import * as abi from '../../js/abi.js'
import { MAGIC, STRINGS_START, C_CODES, D_MAGIC, D_FLAGS, D_EXPIRES, D_TIME_LO, D_METHOD, D_PATH, D_QUERY, D_AKID, D_SECRET, D_REGION, D_SERVICE, D_HEADERS, D_OUTPUT, HEAD_BYTES, HEAD_DATE, HEAD_PAYLOAD_HASH, F_DOUBLE_ENCODE, F_NORMALIZE, F_NO_CONTENT_SHA256, F_TOKEN_SIGNED, F_PRESIGN, F_SINGLE_ENCODE, F_UNSIGNED_PRESIGN, OUT_HEADER } from '../../js/abi.js'

const code = (name) => -C_CODES.indexOf(name)

const wasmBytes = readFileSync(new URL('../../dist/sigv4.wasm', import.meta.url))
const { exports: x } = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), {})
const base = x.sigv4w_arena()
const size = x.sigv4w_arena_size()
const u8 = new Uint8Array(x.memory.buffer, base, size)
const u32 = new Uint32Array(x.memory.buffer, base, size >>> 2)

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'

// A GET of https://example.amazonaws.com/ at 2015-08-30T12:36:00Z with the
// output at `out`; returns the operation's result.
function call (out, { magic = MAGIC, op = 'sigv4w_sign', service = 'service', flags = 0 } = {}) {
  u8.fill(0)
  u32[D_MAGIC] = magic
  u32[D_FLAGS] = flags
  u32[D_EXPIRES] = 60
  u32[D_TIME_LO] = 1440938160 // seconds, low word; high word 0
  let pos = STRINGS_START
  const put = (word, s) => {
    const b = Buffer.from(s, 'utf8')
    u8.set(b, pos)
    u32[word] = pos
    u32[word + 1] = b.length
    pos += b.length
  }
  put(D_METHOD, 'GET')
  put(D_PATH, '/')
  put(D_QUERY, '')
  put(D_AKID, 'AKIDEXAMPLE')
  put(D_SECRET, SECRET)
  put(D_REGION, 'us-east-1')
  put(D_SERVICE, service)
  pos = (pos + 3) & ~3
  const table = pos
  pos += 16
  u32[D_HEADERS] = table
  u32[D_HEADERS + 1] = 1
  put(table >>> 2, 'host')
  put((table >>> 2) + 2, 'example.amazonaws.com')
  u32[D_OUTPUT] = out
  return x[op]()
}

const word = (out, field) => u32[(out + abi[`OUT_${field}`]) >>> 2]
const ascii = (off, len) => Buffer.from(u8.subarray(off, off + len)).toString('latin1')

test('a call laid out by the table signs, with X-Amz-Date, the payload hash and the policy in the output', () => {
  const out = 4096
  assert.equal(call(out), 0)
  const resultOff = word(out, 'RESULT_OFF')
  const head = resultOff - HEAD_BYTES
  assert.equal(ascii(head + HEAD_DATE, 16), '20150830T123600Z')
  const emptyHash = createHash('sha256').update('').digest('hex')
  assert.equal(word(out, 'PAYLOAD_LEN'), 64)
  assert.equal(ascii(head + HEAD_PAYLOAD_HASH, 64), emptyHash)
  assert.equal(word(out, 'POLICY'), F_DOUBLE_ENCODE | F_NORMALIZE | F_NO_CONTENT_SHA256 | F_TOKEN_SIGNED)
  // The signature, recomputed with node:crypto from the SigV4 definition.
  const creq = ['GET', '/', '', 'host:example.amazonaws.com', 'x-amz-date:20150830T123600Z', '', 'host;x-amz-date', emptyHash].join('\n')
  const sts = ['AWS4-HMAC-SHA256', '20150830T123600Z', '20150830/us-east-1/service/aws4_request', createHash('sha256').update(creq).digest('hex')].join('\n')
  let k = `AWS4${SECRET}`
  for (const part of ['20150830', 'us-east-1', 'service', 'aws4_request']) k = createHmac('sha256', k).update(part).digest()
  const signature = createHmac('sha256', k).update(sts).digest('hex')
  assert.equal(ascii(resultOff, word(out, 'RESULT_LEN')),
    `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`)
})

test('sigv4w_presign presigns; S3 presigns UNSIGNED-PAYLOAD; a PRESIGN flag alone does not', () => {
  const out = 4096
  assert.equal(call(out, { op: 'sigv4w_presign', service: 's3' }), 0)
  const head = word(out, 'RESULT_OFF') - HEAD_BYTES
  assert.equal(ascii(head + HEAD_PAYLOAD_HASH, word(out, 'PAYLOAD_LEN')), 'UNSIGNED-PAYLOAD')
  assert.equal(word(out, 'POLICY') & (F_PRESIGN | F_SINGLE_ENCODE | F_UNSIGNED_PRESIGN), F_PRESIGN | F_SINGLE_ENCODE | F_UNSIGNED_PRESIGN)
  assert.match(ascii(word(out, 'RESULT_OFF'), word(out, 'RESULT_LEN')), /^X-Amz-Algorithm=AWS4-HMAC-SHA256&.*&X-Amz-Signature=[0-9a-f]{64}$/)
  assert.equal(call(out, { flags: F_PRESIGN }), 0)
  assert.match(ascii(word(out, 'RESULT_OFF'), word(out, 'RESULT_LEN')), /^AWS4-HMAC-SHA256 Credential=/)
})

test('descriptors that do not fit are refused, and the module stays usable', () => {
  assert.equal(call(4096, { magic: MAGIC - 1 }), code('ERR_ABI'), 'the previous ABI version')
  assert.equal(call(size - OUT_HEADER + 8), code('ERR_ABI'), 'no room for the output header')
  // Room for the header but not for the head before the result: unsigned
  // arithmetic must not wrap into a huge capacity here.
  for (const spare of [0, 8, 40, HEAD_BYTES - 8]) {
    assert.equal(call(size - OUT_HEADER - spare), code('ERR_SCRATCH'), `${spare} bytes after the header`)
  }
  assert.equal(call(4096, { flags: 0x8000 }), code('ERR_PARAM'), 'a bit that is no flag')
  assert.equal(call(4096), 0)
})
