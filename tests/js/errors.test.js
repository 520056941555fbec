// The JS error codes mirror the C core's: same names, same numbers.
import test from 'node:test'
import assert from 'node:assert/strict'
import { sign, SigV4Error } from '../../js/index.js'
// Generated from SIGV4_ERRORS in src/sigv4.h (the build checks it is current).
import { C_CODES, C_MESSAGES } from '../../js/abi.js'

const cCodes = C_CODES.slice(1).map((name, i) => [name, -(i + 1)])

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const base = { credentials, region: 'us-east-1', service: 'service', signingDate: '2015-08-30T12:36:00Z' }

test('sigv4.h defines a contiguous list of codes, each with a message', () => {
  assert.ok(cCodes.length >= 20)
  for (const [name] of cCodes) {
    assert.match(name, /^ERR_[A-Z_]+$/)
    assert.ok(C_MESSAGES[name].length > 20, name)
  }
})

// Provoke C errors through the API and check name and number agree.
const provoke = {
  ERR_METHOD: [{ method: 'GE T', url: 'https://example.amazonaws.com/' }, base],
  ERR_HEADER_NAME: [{ url: 'https://example.amazonaws.com/', headers: [['x y', '1']] }, base],
  ERR_HEADER_VALUE: [{ url: 'https://example.amazonaws.com/', headers: { x: 'a\r\nb' } }, base],
  ERR_HEADER_RESERVED: [{ url: 'https://example.amazonaws.com/', headers: { Authorization: 'x' } }, base],
  ERR_QUERY_RESERVED: [{ url: 'https://example.amazonaws.com/?X-Amz-Signature=1' }, base],
  ERR_PAYLOAD_HASH: [{ url: 'https://example.amazonaws.com/' }, { ...base, payloadHash: 'utf-8' }],
  ERR_ACCESS_KEY: [{ url: 'https://example.amazonaws.com/' }, { ...base, credentials: { ...credentials, accessKeyId: 'A B' } }],
  ERR_TOKEN: [{ url: 'https://example.amazonaws.com/' }, { ...base, credentials: { ...credentials, sessionToken: 'a\nb' } }],
  ERR_REGION: [{ url: 'https://example.amazonaws.com/' }, { ...base, region: 'us/east' }],
  ERR_SERVICE: [{ url: 'https://example.amazonaws.com/' }, { ...base, service: 'a b' }],
  ERR_DATE: [{ url: 'https://example.amazonaws.com/' }, { ...base, signingDate: '1969-12-31T23:59:59Z' }],
  ERR_PARAM: [{ url: 'https://example.amazonaws.com/' }, { ...base, signAllHeaders: true, signOnlyHeaders: ['x'] }],
}

for (const [code, [request, options]] of Object.entries(provoke)) {
  test(`C error ${code} reaches JS with its name and number`, () => {
    const entry = cCodes.find(([n]) => n === code)
    assert.ok(entry, `${code} is in sigv4.h`)
    assert.throws(() => sign(request, options), (e) => {
      assert.ok(e instanceof SigV4Error)
      assert.equal(e.name, 'SigV4Error')
      assert.equal(e.code, code)
      assert.equal(e.errno, entry[1])
      assert.ok(e.message.length > 20)
      return true
    })
  })
}

test('the hash functions refuse a missing input instead of hashing nothing', async () => {
  const { sha256, sha256Async, createSha256 } = await import('../../js/index.js')
  const { _useNativeHash } = await import('../../js/core.js')
  for (const native of [true, false]) {
    _useNativeHash(native)
    try {
      for (const missing of [undefined, null]) {
        assert.throws(() => sha256(missing), (e) => e instanceof SigV4Error && e.code === 'ERR_BODY')
        await assert.rejects(sha256Async(missing), (e) => e instanceof SigV4Error && e.code === 'ERR_BODY')
        const h = createSha256()
        assert.throws(() => h.update(missing), (e) => e instanceof SigV4Error && e.code === 'ERR_BODY')
        // The hasher is still usable and its state untouched.
        assert.equal(h.update('abc').digest(), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
      }
      assert.equal(sha256(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    } finally {
      _useNativeHash(true)
    }
  }
})
