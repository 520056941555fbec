// cachedCredentials: caching until expiration minus a margin, one shared
// refresh for concurrent callers, frozen snapshots, errors that never
// contain the secret.
import test from 'node:test'
import assert from 'node:assert/strict'
import { cachedCredentials, SigV4Error } from '../../js/index.js'
import { credentialSource } from '../../js/credentials.js'

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function countingProvider (make) {
  const p = async () => {
    p.calls++
    await sleep(5)
    return make(p.calls)
  }
  p.calls = 0
  return p
}

test('concurrent callers share one refresh', async () => {
  const provider = countingProvider((n) => ({ accessKeyId: `AKID${n}`, secretAccessKey: SECRET }))
  const get = cachedCredentials(provider)
  const all = await Promise.all(Array.from({ length: 25 }, () => get()))
  assert.equal(provider.calls, 1)
  assert.ok(all.every((c) => c === all[0]))
  assert.equal((await get()).accessKeyId, 'AKID1')
  assert.equal(provider.calls, 1, 'no expiration: cached for good')
})

test('refreshed marginMs before expiration, not before', async () => {
  let now = Date.now()
  const provider = countingProvider((n) => ({ accessKeyId: `AKID${n}`, secretAccessKey: SECRET, expiration: new Date(now + 10 * 60000) }))
  const get = cachedCredentials(provider, { marginMs: 60000 })
  const realNow = Date.now
  try {
    Date.now = () => now
    assert.equal((await get()).accessKeyId, 'AKID1')
    now += 8 * 60000 // 2 minutes left: still outside the 1 minute margin
    assert.equal((await get()).accessKeyId, 'AKID1')
    now += 61000 // 59 s left: inside the margin
    assert.equal((await get()).accessKeyId, 'AKID2')
    assert.equal(provider.calls, 2)
  } finally {
    Date.now = realNow
  }
})

test('short-lived credentials are refreshed halfway, not on every call', async () => {
  let now = Date.now()
  const provider = countingProvider((n) => ({ accessKeyId: `AKID${n}`, secretAccessKey: SECRET, expiration: now + 60000 }))
  const get = cachedCredentials(provider, { marginMs: 5 * 60000 })
  const realNow = Date.now
  try {
    Date.now = () => now
    await get()
    now += 20000
    await get()
    assert.equal(provider.calls, 1, 'a minute-long credential is not refreshed after 20 s')
    now += 15000
    await get()
    assert.equal(provider.calls, 2, 'but is after 35 s')
  } finally {
    Date.now = realNow
  }
})

test('snapshots are frozen copies: mutating what the provider returned changes nothing', async () => {
  const shared = { accessKeyId: 'AKIDSNAP', secretAccessKey: SECRET, sessionToken: 'tok', extra: 'dropped' }
  const get = cachedCredentials(async () => shared)
  const c = await get()
  shared.accessKeyId = 'AKIDCHANGED'
  shared.secretAccessKey = 'changed'
  assert.deepEqual({ ...(await get()) }, { accessKeyId: 'AKIDSNAP', secretAccessKey: SECRET, sessionToken: 'tok' })
  assert.ok(Object.isFrozen(c))
})

test('a failed refresh is not cached; invalidate() forces a refresh', async () => {
  let fail = true
  const provider = countingProvider((n) => {
    if (fail) throw new Error('provider down')
    return { accessKeyId: `AKID${n}`, secretAccessKey: SECRET }
  })
  const get = cachedCredentials(provider)
  await assert.rejects(Promise.all([get(), get()]), /provider down/)
  assert.equal(provider.calls, 1, 'concurrent callers shared the failing call')
  fail = false
  assert.equal((await get()).accessKeyId, 'AKID2')
  get.invalidate()
  assert.equal((await get()).accessKeyId, 'AKID3')
})

test('bad provider results are ERR_CREDENTIALS without the secret in the message', async () => {
  const results = [
    null,
    { accessKeyId: 'AKID' },
    { accessKeyId: '', secretAccessKey: SECRET },
    { accessKeyId: 'AKID', secretAccessKey: SECRET, sessionToken: 42 },
    { accessKeyId: 'AKID', secretAccessKey: SECRET, expiration: 'not a date' },
  ]
  for (const r of results) {
    await assert.rejects(cachedCredentials(async () => r)(), (e) => {
      assert.ok(e instanceof SigV4Error)
      assert.equal(e.code, 'ERR_CREDENTIALS')
      assert.ok(!e.message.includes(SECRET))
      return true
    })
  }
  assert.throws(() => cachedCredentials('nope'), { code: 'ERR_CREDENTIALS' })
  assert.throws(() => cachedCredentials(async () => ({}), { marginMs: -1 }), { code: 'ERR_OPTION' })
})

test('credentialSource: static objects are checked up front and read per call; providers are wrapped once', async () => {
  assert.throws(() => credentialSource({ accessKeyId: 'A', secretAccessKey: '' }), { code: 'ERR_CREDENTIALS' })
  const creds = { accessKeyId: 'AKIDSTATIC', secretAccessKey: SECRET }
  const get = credentialSource(creds)
  assert.equal((await get()).accessKeyId, 'AKIDSTATIC')
  creds.accessKeyId = 'AKIDROTATED'
  assert.equal((await get()).accessKeyId, 'AKIDROTATED')
  const cached = cachedCredentials(async () => creds)
  assert.equal(credentialSource(cached), cached)
})
