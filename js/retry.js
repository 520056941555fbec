// Retrying signed requests: which answers are worth another attempt, how
// long to wait (full-jitter exponential backoff), and clock skew - a 403
// saying our clock is off, and the offset the server's Date header gives.

import { SigV4Error } from './core.js'

const DEFAULTS = { limit: 0, baseDelayMs: 100, maxDelayMs: 20000 }

/** `retries`: a count, or { limit, baseDelayMs, maxDelayMs }. */
export function retryPolicy (retries) {
  if (retries === undefined || retries === null || retries === false) return { ...DEFAULTS }
  const r = typeof retries === 'number' ? { limit: retries } : retries
  if (typeof r !== 'object') throw new SigV4Error('ERR_OPTION', 'retries must be a number or { limit, baseDelayMs, maxDelayMs }')
  const policy = { ...DEFAULTS, ...r }
  for (const k of ['limit', 'baseDelayMs', 'maxDelayMs']) {
    if (typeof policy[k] !== 'number' || !(policy[k] >= 0) || !Number.isFinite(policy[k])) {
      throw new SigV4Error('ERR_OPTION', `retries.${k} must be a finite number >= 0`)
    }
  }
  if (!Number.isInteger(policy.limit)) throw new SigV4Error('ERR_OPTION', 'retries (the limit) must be an integer')
  return policy
}

export const isRetryableStatus = (status) => status === 429 || status >= 500

/** Full jitter: uniform in [0, min(max, base * 2^attempt)). */
export function backoffMs (policy, attempt, retryAfter) {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  const jitter = Math.random() * cap
  // A server's Retry-After is honoured, within maxDelayMs.
  const after = retryAfterMs(retryAfter)
  return after === undefined ? jitter : Math.min(policy.maxDelayMs, Math.max(jitter, after))
}

function retryAfterMs (value) {
  if (value === undefined || value === null || value === '') return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const t = Date.parse(value)
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now())
}

export function sleep (ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(signal.reason)
    const done = () => {
      if (signal) signal.removeEventListener('abort', onAbort)
      resolve()
    }
    const timer = setTimeout(done, ms)
    function onAbort () {
      clearTimeout(timer)
      reject(signal.reason)
    }
    if (signal) signal.addEventListener('abort', onAbort, { once: true })
  })
}

export function isAbort (error, signal) {
  if (signal && signal.aborted) return true
  return error != null && (error.name === 'AbortError' || error.name === 'TimeoutError')
}

// ---------------------------------------------------------------------------
// Clock skew

// Error codes and messages AWS uses when X-Amz-Date is too far from its clock.
const SKEW_WORDS = /RequestTimeTooSkewed|RequestExpired|RequestInTheFuture|Signature expired|Signature not yet current|time too skewed/i
// Generic signature errors: skew only if the Date header says so.
const SIGNATURE_WORDS = /InvalidSignatureException|SignatureDoesNotMatch|AuthFailure/
const SKEW_THRESHOLD_MS = 5 * 60 * 1000

/** A clock for signing: the local one plus an offset learnt from a server. */
export function createClock () {
  return {
    offsetMs: 0,
    now () {
      return new Date(Date.now() + this.offsetMs)
    },
  }
}

/**
 * For a 400/403 answer: the clock offset to adopt (server time - local
 * time, ms) when the answer says the request time was skewed, else
 * undefined. `text` is the error body and error-type headers.
 */
export function skewOffset (status, text, dateHeader, clock) {
  if (status !== 403 && status !== 400) return undefined
  const serverMs = dateHeader ? Date.parse(dateHeader) : NaN
  if (Number.isNaN(serverMs)) return undefined
  const offset = serverMs - Date.now()
  if (SKEW_WORDS.test(text)) return offset
  if (SIGNATURE_WORDS.test(text) && Math.abs(offset - clock.offsetMs) >= SKEW_THRESHOLD_MS) return offset
  return undefined
}
