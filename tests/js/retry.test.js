// js/retry.js on its own: the backoff bounds, Retry-After, and which
// answers count as clock skew.
import test from 'node:test'
import assert from 'node:assert/strict'
import { retryPolicy, backoffMs, isRetryableStatus, skewOffset, createClock, sleep } from '../../js/retry.js'

test('full jitter: every delay is in [0, min(max, base * 2^attempt))', () => {
  const policy = retryPolicy({ limit: 10, baseDelayMs: 100, maxDelayMs: 1000 })
  for (let attempt = 0; attempt < 8; attempt++) {
    const cap = Math.min(1000, 100 * 2 ** attempt)
    const delays = Array.from({ length: 200 }, () => backoffMs(policy, attempt))
    assert.ok(delays.every((d) => d >= 0 && d < cap), `attempt ${attempt}`)
    assert.ok(Math.max(...delays) > cap / 2, 'spread over the range, not a fixed delay')
  }
})

test('Retry-After (seconds or a date) is a floor, capped by maxDelayMs', () => {
  const policy = retryPolicy({ limit: 1, baseDelayMs: 10, maxDelayMs: 5000 })
  assert.ok(backoffMs(policy, 0, '2') >= 2000)
  assert.equal(backoffMs(policy, 0, '60'), 5000)
  const soon = new Date(Date.now() + 3000).toUTCString()
  assert.ok(backoffMs(policy, 0, soon) > 1000)
  assert.ok(backoffMs(policy, 0, 'garbage') < 10)
})

test('policies: numbers, objects, and clear errors', () => {
  assert.equal(retryPolicy(undefined).limit, 0)
  assert.equal(retryPolicy(3).limit, 3)
  assert.deepEqual(retryPolicy({ limit: 2, maxDelayMs: 50 }), { limit: 2, baseDelayMs: 100, maxDelayMs: 50 })
  for (const bad of [-1, 1.5, 'x', { limit: Infinity }, { baseDelayMs: -5 }, { limit: NaN }]) {
    assert.throws(() => retryPolicy(bad), { code: 'ERR_OPTION' }, JSON.stringify(bad))
  }
  assert.deepEqual([429, 500, 503, 599, 400, 403, 404, 200].map(isRetryableStatus),
    [true, true, true, true, false, false, false, false])
})

test('clock skew: explicit messages, or a signature error with a Date 5+ minutes away', () => {
  const clock = createClock()
  const hourAhead = new Date(Date.now() + 3600e3).toUTCString()
  const near = new Date(Date.now() + 60e3).toUTCString()
  const cases = [
    [403, '<Code>RequestTimeTooSkewed</Code>', hourAhead, true],
    [403, '{"message":"Signature expired: 20240101T000000Z is now earlier than ..."}', hourAhead, true],
    [403, '{"message":"Signature not yet current: ..."}', hourAhead, true],
    [400, 'RequestExpired', near, true],
    [403, 'InvalidSignatureException The request signature we calculated does not match', hourAhead, true],
    [403, 'InvalidSignatureException The request signature we calculated does not match', near, false],
    [403, 'AccessDenied', hourAhead, false],
    [500, 'RequestTimeTooSkewed', hourAhead, false],
    [403, 'RequestTimeTooSkewed', undefined, false],
    [403, 'RequestTimeTooSkewed', 'not a date', false],
  ]
  for (const [status, text, date, skewed] of cases) {
    const offset = skewOffset(status, text, date, clock)
    assert.equal(offset !== undefined, skewed, `${status} ${text} ${date}`)
    if (skewed) assert.ok(Math.abs(offset - (Date.parse(date) - Date.now())) < 1000)
  }
  clock.offsetMs = 3600e3
  assert.ok(Math.abs(clock.now().getTime() - Date.now() - 3600e3) < 1000)
  // Already corrected by about that much: a generic signature error is not skew.
  assert.equal(skewOffset(403, 'SignatureDoesNotMatch', hourAhead, clock), undefined)
})

test('sleep: resolves, and rejects at once when aborted', async () => {
  await sleep(1)
  const ac = new AbortController()
  const p = sleep(10000, ac.signal)
  ac.abort(new Error('stop'))
  await assert.rejects(p, /stop/)
})
