// Secret hygiene for SigV4a (sigv4-wasm/v4a): after signing, presigning,
// explaining, publicKey(), a refused call and verify() (which derives the
// key in its own module, sigv4a-verify.wasm), neither the secret nor the
// KDF's key ("AWS4A" + secret, its HMAC pad states), its output k0 nor the
// private key d (bytes, hex, 32-bit words, BearSSL's 31-bit words) nor
// the ECDSA nonce k of the signature just made (which gives d away) is
// anywhere in the modules' memory. Its own process: the memory helper
// must see the instances made.
import { memoryForTests, instancesForTests } from './support/memory.mjs'
import test from 'node:test'
import assert from 'node:assert/strict'
import { createECDH } from 'node:crypto'
import { sign, presign, explain, publicKey, verify } from '../../js/index.v4a.js'
import { secretNeedles, findNeedles } from './support/secrets.mjs'
import { sigv4aKeys, sigv4aNonce, i31Words } from './support/sigv4a-kdf.mjs'

const V4A = 'AWS4-ECDSA-P256-SHA256'

test('no SigV4a secret, KDF key or private key in wasm memory after each call', () => {
  const credentials = { accessKeyId: 'AKIDMEMORYV4A', secretAccessKey: 'v4aSECRETwJalrXUtnFEMI/K7MDENG+bPxRfiCYEX' }
  const keys = sigv4aKeys(credentials.accessKeyId, credentials.secretAccessKey)
  const needles = secretNeedles(credentials.secretAccessKey, { ...keys, 'd i31': i31Words(keys.d) })
  const options = { credentials, service: 's3', algorithm: V4A, regionSet: '*', signingDate: '2026-12-02T10:00:00Z' }
  const url = 'https://example.amazonaws.com/k'
  const mem = () => Buffer.from(memoryForTests())
  // The nonce of a call's signature: from the string to sign that explain()
  // reports for the same inputs (explain signs too, and wipes as sign does),
  // checked against that signature (r is the X coordinate of kG, mod n,
  // nearly always X itself); the call must then give the same signature.
  const nonceOf = (signature, stringToSign) => {
    const k = sigv4aNonce(keys.d, stringToSign)
    const der = Buffer.from(signature, 'hex')
    const r = der.subarray(4, 4 + der[3]).subarray(der[3] - 32 > 0 ? der[3] - 32 : 0)
    const ecdh = createECDH('prime256v1')
    ecdh.setPrivateKey(k)
    assert.equal(ecdh.getPublicKey().subarray(1, 33).toString('hex'), r.toString('hex').padStart(64, '0'))
    return k
  }
  const nonceNeedles = (request, opts) => {
    const e = explain(request, opts)
    const k = nonceOf(e.signature, e.stringToSign)
    const needles = secretNeedles(credentials.secretAccessKey, { k, 'k i31': i31Words(k) }).filter((n) => n.label.startsWith('k'))
    return Object.assign(needles, { signature: e.signature })
  }
  const signatureOf = (out) => typeof out === 'string' ? new URL(out).searchParams.get('X-Amz-Signature')
    : out.signature || /Signature=([0-9a-f]+)$/.exec(out.headers.authorization)[1]
  const post = { method: 'POST', url, body: 'x' }
  const calls = [
    ['publicKey', () => publicKey(credentials)],
    ['sign (key derived)', () => sign(post, options), () => nonceNeedles(post, options)],
    ['sign (cached key)', () => sign(post, options), () => nonceNeedles(post, options)],
    ['presign', () => presign({ url }, options), () => nonceNeedles({ url }, { ...options, presign: true })],
    ['explain', () => explain({ url }, options), () => nonceNeedles({ url }, options)],
    ['a refused region set', () => assert.throws(() => sign({ url }, { ...options, regionSet: 'a,,b' }))],
    ['a refused header', () => assert.throws(() => sign({ url, headers: { 'x-a': 'a\nb' } }, { ...options, signingDate: '2026-12-03T10:00:00Z' }))],
  ]
  // The memory is copied right after the call; the nonce's needles are
  // computed after that (explain() signs too: before the call, it would
  // derive the key the first call is to derive).
  for (const [what, call, nonceAfter] of calls) {
    const out = call()
    const memory = mem()
    const nonce = nonceAfter ? nonceAfter() : []
    if (nonce.signature) assert.equal(signatureOf(out), nonce.signature, `${what}: the signature whose nonce is looked for`)
    assert.deepEqual(findNeedles(memory, [...needles, ...nonce]), [], `after ${what}: found in wasm memory`)
  }
  // The search finds what it looks for (d and k0 differ in the last bits).
  const planted = Buffer.concat([Buffer.alloc(64), keys.d, Buffer.alloc(64)])
  assert.ok(findNeedles(planted, needles).some((f) => f.startsWith('d at ')))
  assert.ok(findNeedles(Buffer.concat([Buffer.alloc(9), i31Words(keys.d)]), needles).some((f) => f.startsWith('d i31 at ')))
  const words = Buffer.from(keys.kSecretA.subarray(0, 32))
  words.swap32()
  assert.ok(findNeedles(words, needles).some((f) => f.startsWith('kSecretA (u32 words)')))
})

test('no SigV4a secret, KDF key or private key in wasm memory after verify()', async () => {
  const credentials = { accessKeyId: 'AKIDMEMORYV4AVERIFY', secretAccessKey: 'v4aVERIFYwJalrXUtnFEMI/K7MDENG+bPxRfiCYEX' }
  const keys = sigv4aKeys(credentials.accessKeyId, credentials.secretAccessKey)
  const needles = secretNeedles(credentials.secretAccessKey, { ...keys, 'd i31': i31Words(keys.d) })
  const signingDate = '2026-12-02T10:00:00Z'
  const url = 'https://x.mrap.accesspoint.s3-global.amazonaws.com/k'
  const signed = sign({ method: 'PUT', url, body: 'data' }, { credentials, signingDate })
  const received = { method: 'PUT', url: signed.url, headers: signed.headers, body: 'data' }
  const check = { credentials: () => credentials, region: '*', service: 's3', now: new Date(signingDate) }
  const before = instancesForTests()
  for (const [what, request, valid] of [['valid', received, true], ['a changed body', { ...received, body: 'other' }, false]]) {
    const result = await verify(request, check)
    assert.equal(result.valid, valid, `${what}: ${result.code}`)
    assert.deepEqual(findNeedles(Buffer.from(memoryForTests()), needles), [], `after verify(), ${what}: found in wasm memory`)
  }
  // The receiving module's instance is one of those searched.
  assert.equal(instancesForTests(), before + 1)
})
