// Credentials for the integrations: a static object or an async provider,
// cached until shortly before it expires. Every signature takes one
// snapshot, so a provider that rotates keys (or mutates the object it
// returned) can never pair one key id with another key's secret.

import { SigV4Error } from './core.js'
import { expirationMs } from './request.js'

const DEFAULT_MARGIN_MS = 5 * 60 * 1000
const CACHED = /* @__PURE__ */ Symbol('sigv4.cachedCredentials')

function credentialsError (message) {
  return new SigV4Error('ERR_CREDENTIALS', message)
}

// A frozen copy taken in one synchronous step. Messages name the field,
// never its value.
export function snapshotCredentials (c, where = 'credentials') {
  if (!c || typeof c !== 'object') {
    throw credentialsError(`${where} must be an object with accessKeyId and secretAccessKey`)
  }
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = c
  if (typeof accessKeyId !== 'string' || accessKeyId === '') {
    throw credentialsError(`${where}.accessKeyId must be a non-empty string`)
  }
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') {
    throw credentialsError(`${where}.secretAccessKey must be a non-empty string`)
  }
  if (sessionToken !== undefined && sessionToken !== null && typeof sessionToken !== 'string') {
    throw credentialsError(`${where}.sessionToken must be a string when given`)
  }
  const out = { accessKeyId, secretAccessKey }
  if (sessionToken) out.sessionToken = sessionToken
  const expiresAt = expirationMs(expiration, where)
  if (expiresAt !== Infinity) out.expiration = new Date(expiresAt)
  return Object.freeze(out)
}

const isExpired = (c) => c.expiration !== undefined && c.expiration.getTime() <= Date.now()

function expiredError (c) {
  const ago = Math.round((Date.now() - c.expiration.getTime()) / 1000)
  return new SigV4Error('ERR_CREDENTIALS_EXPIRED', `the credential provider returned credentials that expired at ${c.expiration.toISOString()} (${ago} s ago), twice: renew them at their source (aws sso login, the role, the environment)`)
}

/**
 * Wraps an async provider: one call at a time (concurrent callers share the
 * pending refresh), the answer kept until `expiration - marginMs`. Short-lived
 * credentials (lifetime under twice the margin) are refreshed halfway
 * through their remaining life instead, so they are not fetched for every call.
 */
export function cachedCredentials (provider, { marginMs = DEFAULT_MARGIN_MS } = {}) {
  if (typeof provider !== 'function') {
    throw credentialsError('cachedCredentials(provider): provider must be a function returning credentials (or a promise of them)')
  }
  if (typeof marginMs !== 'number' || !(marginMs >= 0)) {
    throw new SigV4Error('ERR_OPTION', 'marginMs must be a number of milliseconds >= 0')
  }
  let current = null // { credentials, refreshAt }
  let pending = null

  const fetchOnce = async () => snapshotCredentials(await provider(), 'the credential provider\'s result')

  function refresh () {
    pending = (async () => {
      try {
        const fetchedAt = Date.now()
        let c = await fetchOnce()
        // Already expired: ask once more, then refuse to sign with them.
        if (isExpired(c)) c = await fetchOnce()
        if (isExpired(c)) throw expiredError(c)
        const expiresAt = c.expiration ? c.expiration.getTime() : Infinity
        const margin = Math.min(marginMs, Math.max(0, (expiresAt - fetchedAt) / 2))
        current = { credentials: c, refreshAt: expiresAt - margin }
        return c
      } finally {
        pending = null
      }
    })()
    return pending
  }

  async function getCredentials () {
    if (current && Date.now() < current.refreshAt) return current.credentials
    return pending || refresh()
  }
  getCredentials[CACHED] = true
  /** Forget the cached credentials: the next call asks the provider. */
  getCredentials.invalidate = () => {
    current = null
  }
  return getCredentials
}

/**
 * Normalises `options.credentials` into `() => Promise<snapshot>`. Static
 * objects are read (and checked) on every call, so rotating them in place
 * between requests works too.
 */
export function credentialSource (credentials) {
  if (typeof credentials === 'function') {
    return credentials[CACHED] ? credentials : cachedCredentials(credentials)
  }
  snapshotCredentials(credentials, 'options.credentials') // fail fast on a bad object
  // Expired static credentials are refused by sign() itself.
  return async () => snapshotCredentials(credentials, 'options.credentials')
}
