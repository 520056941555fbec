// Secret hygiene for SigV4a (sigv4-wasm/v4a): after signing, presigning,
// explaining, publicKey() and a refused call, neither the secret nor the
// KDF's key ("AWS4A" + secret, its HMAC pad states), its output k0 nor the
// private key d (bytes, hex, 32-bit words) is anywhere in the module's
// memory. Its own process: the memory helper must see the instance made.
import { memoryForTests } from './support/memory.mjs'
import test from 'node:test'
import assert from 'node:assert/strict'
import { sign, presign, explain, publicKey } from '../../js/index.v4a.js'
import { secretNeedles, findNeedles } from './support/secrets.mjs'
import { sigv4aKeys } from './support/sigv4a-kdf.mjs'

const V4A = 'AWS4-ECDSA-P256-SHA256'

test('no SigV4a secret, KDF key or private key in wasm memory after each call', () => {
  const credentials = { accessKeyId: 'AKIDMEMORYV4A', secretAccessKey: 'v4aSECRETwJalrXUtnFEMI/K7MDENG+bPxRfiCYEX' }
  const keys = sigv4aKeys(credentials.accessKeyId, credentials.secretAccessKey)
  const needles = secretNeedles(credentials.secretAccessKey, keys)
  const options = { credentials, service: 's3', algorithm: V4A, regionSet: '*', signingDate: '2026-12-02T10:00:00Z' }
  const url = 'https://example.amazonaws.com/k'
  const mem = () => Buffer.from(memoryForTests())
  const calls = [
    ['publicKey', () => publicKey(credentials)],
    ['sign (key derived)', () => sign({ method: 'POST', url, body: 'x' }, options)],
    ['sign (cached key)', () => sign({ method: 'POST', url, body: 'x' }, options)],
    ['presign', () => presign({ url }, options)],
    ['explain', () => explain({ url }, options)],
    ['a refused region set', () => assert.throws(() => sign({ url }, { ...options, regionSet: 'a,,b' }))],
    ['a refused header', () => assert.throws(() => sign({ url, headers: { 'x-a': 'a\nb' } }, { ...options, signingDate: '2026-12-03T10:00:00Z' }))],
  ]
  for (const [what, call] of calls) {
    call()
    assert.deepEqual(findNeedles(mem(), needles), [], `after ${what}: found in wasm memory`)
  }
  // The search finds what it looks for (d and k0 differ in the last bits).
  const planted = Buffer.concat([Buffer.alloc(64), keys.d, Buffer.alloc(64)])
  assert.ok(findNeedles(planted, needles).some((f) => f.startsWith('d at ')))
  const words = Buffer.from(keys.kSecretA.subarray(0, 32))
  words.swap32()
  assert.ok(findNeedles(words, needles).some((f) => f.startsWith('kSecretA (u32 words)')))
})
