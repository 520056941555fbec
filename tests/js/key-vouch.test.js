// The key cache's vouched path (js/signer.js secretIds, OPT_KEY_VOUCHED): a
// credentials object that still holds the secret C last hashed for it signs
// with its cached key without sending the secret to C again. Every call is
// watched at the wasm boundary (did the secret go in?) and every signature
// is checked against @smithy/signature-v4, never against our own output.
// Its own process: the export is wrapped when the glue creates the instance.
import test from 'node:test'
import assert from 'node:assert/strict'
import { OPT_KEY_VOUCHED, D_OPTIONS, D_SECRET, D_CACHED_KEY } from '../../js/abi.js'
import { hookInstances } from './support/instances.mjs'

const calls = []
let tamper = null
// Each call's descriptor, read before the export runs; the instance with
// its sign, presign and verify exports wrapped so.
function spied (inst) {
  const x = inst.exports
  const wrapped = (name) => () => {
    const u32 = new Uint32Array(x.memory.buffer, x.sigv4w_arena(), 64)
    calls.push({
      op: name,
      vouched: (u32[D_OPTIONS] & OPT_KEY_VOUCHED) !== 0,
      secretLength: u32[D_SECRET + 1],
      cachedLength: u32[D_CACHED_KEY + 1],
    })
    if (tamper) tamper(new Uint8Array(x.memory.buffer, x.sigv4w_arena()), u32)
    return x[name]()
  }
  const exports = { ...x }
  for (const name of ['sigv4w_sign', 'sigv4w_presign', 'sigv4w_verify']) if (x[name]) exports[name] = wrapped(name)
  return { exports }
}
hookInstances(spied)

const { sign, presign, verify, SigV4Error } = await import('../../js/index.js')
const { smithyAuthorization } = await import('./support/smithy.mjs')

const signingDate = new Date('2015-08-30T12:36:00Z')
const URL0 = 'https://example.amazonaws.com/vouch'
const SECRET_A = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const SECRET_B = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'
let serial = 0

function scope () {
  serial++
  return { region: `xx-vouch-${serial}`, service: 'service', signingDate }
}

async function expected (secret, opts, akid = 'AKIDVOUCH') {
  return smithyAuthorization({ method: 'GET', url: URL0, headers: [], body: null },
    { ...opts, credentials: { accessKeyId: akid, secretAccessKey: secret } })
}

function lastCall () {
  return calls[calls.length - 1]
}

test('a reused credentials object: the first call sends the secret, the next ones are vouched for, all correct', async () => {
  const opts = scope()
  const credentials = { accessKeyId: 'AKIDVOUCH', secretAccessKey: SECRET_A }
  const want = await expected(SECRET_A, opts)
  for (let i = 0; i < 3; i++) {
    assert.equal(sign({ url: URL0 }, { ...opts, credentials }).headers.authorization, want)
    const c = lastCall()
    if (i === 0) {
      assert.deepEqual([c.vouched, c.secretLength > 0, c.cachedLength], [false, true, 0])
    } else {
      assert.deepEqual([c.vouched, c.secretLength, c.cachedLength > 0], [true, 0, true], `call ${i}`)
    }
  }
  // presign uses the same cache.
  const url = new URL(presign({ url: URL0 }, { ...opts, credentials }))
  assert.equal(lastCall().vouched, true)
  assert.equal(url.searchParams.get('X-Amz-Credential'), `AKIDVOUCH/20150830/${opts.region}/service/aws4_request`)
})

test('a secret changed in place is sent, not vouched for, and signs with the new secret', async () => {
  const opts = scope()
  const credentials = { accessKeyId: 'AKIDVOUCH', secretAccessKey: SECRET_A }
  const wantA = await expected(SECRET_A, opts)
  const wantB = await expected(SECRET_B, opts)
  assert.notEqual(wantA, wantB)
  sign({ url: URL0 }, { ...opts, credentials })
  sign({ url: URL0 }, { ...opts, credentials })
  assert.equal(lastCall().vouched, true)
  for (const [secret, want] of [[SECRET_B, wantB], [SECRET_A, wantA], [SECRET_B, wantB]]) {
    credentials.secretAccessKey = secret
    assert.equal(sign({ url: URL0 }, { ...opts, credentials }).headers.authorization, want)
    assert.deepEqual([lastCall().vouched, lastCall().secretLength], [false, secret.length], 'the changed secret goes to C')
    assert.equal(sign({ url: URL0 }, { ...opts, credentials }).headers.authorization, want)
    assert.equal(lastCall().vouched, true, 'then the object is vouched for again')
  }
  // Another string with the same characters is the same secret.
  credentials.secretAccessKey = [...SECRET_B].join('')
  assert.equal(sign({ url: URL0 }, { ...opts, credentials }).headers.authorization, wantB)
  assert.equal(lastCall().vouched, true)
})

test('credentials objects made call by call: each signs correctly, whether vouched for or not', async () => {
  const opts = scope()
  const want = await expected(SECRET_A, opts)
  let vouched = 0
  for (let i = 0; i < 20; i++) {
    const credentials = { accessKeyId: 'AKIDVOUCH', secretAccessKey: SECRET_A }
    for (let j = 0; j < 2; j++) {
      assert.equal(sign({ url: URL0 }, { ...opts, credentials }).headers.authorization, want)
      const c = lastCall()
      assert.equal(c.secretLength, c.vouched ? 0 : SECRET_A.length)
      if (c.vouched) vouched++
    }
  }
  // The first few objects are remembered (their second call is vouched
  // for); the rest are not, so an app making objects call by call does not
  // fill a WeakMap.
  assert.ok(vouched > 0 && vouched < 20, `${vouched} of 20 second calls vouched for`)
  // An object that was never remembered still signs with another secret.
  const other = { accessKeyId: 'AKIDVOUCH', secretAccessKey: SECRET_B }
  assert.equal(sign({ url: URL0 }, { ...opts, credentials: other }).headers.authorization, await expected(SECRET_B, opts))
})

test('C refuses a vouched key of another scope (ERR_ABI), and the signer stays usable', async () => {
  const opts = scope()
  const credentials = { accessKeyId: 'AKIDVOUCH', secretAccessKey: SECRET_A }
  const want = await expected(SECRET_A, opts)
  sign({ url: URL0 }, { ...opts, credentials })
  // The cached key's date (its scope) changed on the way in: C must not
  // sign with it on JS's word alone. The date follows the key (32 bytes)
  // and its two HMAC pad states (32 each) in sigv4_key (src/sigv4.h).
  tamper = (u8, u32) => {
    if (u32[D_OPTIONS] & OPT_KEY_VOUCHED) u8[u32[D_CACHED_KEY] + 96 + 7] ^= 1
  }
  try {
    assert.throws(() => sign({ url: URL0 }, { ...opts, credentials }), (e) => e instanceof SigV4Error && e.code === 'ERR_ABI')
  } finally {
    tamper = null
  }
  assert.equal(lastCall().vouched, true)
  assert.equal(sign({ url: URL0 }, { ...opts, credentials }).headers.authorization, want)
  // Vouched for, but no cached key with it: C has nothing to sign with.
  tamper = (u8, u32) => {
    if (u32[D_OPTIONS] & OPT_KEY_VOUCHED) u32[D_CACHED_KEY + 1] = 0
  }
  try {
    assert.throws(() => sign({ url: URL0 }, { ...opts, credentials }), (e) => e instanceof SigV4Error && e.code === 'ERR_SECRET')
  } finally {
    tamper = null
  }
  assert.equal(sign({ url: URL0 }, { ...opts, credentials }).headers.authorization, want)
})

test('verify: a server\'s credentials object is vouched for too, and a secret changed in place is used', async () => {
  const opts = scope()
  const client = { accessKeyId: 'AKIDVOUCH', secretAccessKey: SECRET_A }
  const server = { accessKeyId: 'AKIDVOUCH', secretAccessKey: SECRET_A }
  const check = { credentials: () => server, region: opts.region, service: opts.service, now: signingDate }
  const signed = sign({ url: URL0 }, { ...opts, credentials: client })
  const vouchedRuns = []
  for (let i = 0; i < 3; i++) {
    const result = await verify({ method: 'GET', url: signed.url, headers: signed.headers }, check)
    assert.equal(result.valid, true, result.message)
    vouchedRuns.push(calls.filter((c) => c.op === 'sigv4w_verify').pop().vouched)
  }
  assert.deepEqual(vouchedRuns.slice(1), [true, true])
  server.secretAccessKey = SECRET_B
  const refused = await verify({ method: 'GET', url: signed.url, headers: signed.headers }, check)
  assert.equal(refused.code, 'ERR_SIGNATURE_MISMATCH')
  assert.equal(calls.filter((c) => c.op === 'sigv4w_verify').pop().vouched, false)
})
