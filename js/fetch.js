// createSignedFetch: fetch's signature, signing exactly what it sends. The
// body is read once and turned into bytes or a Blob (js/body.js); its hash
// is signed and those same bytes are sent, on every attempt.

import { sign, SigV4Error } from './core.js'
import { integrationOptions, attemptOptions, payloadHashFor } from './integration.js'
import { prepareBody } from './body.js'
import { sendableHeaders, baseHref } from './browser.js'
import { retryPolicy, isRetryableStatus, backoffMs, sleep, isAbort, createClock, skewOffset } from './retry.js'

function optionError (message) {
  return new SigV4Error('ERR_OPTION', message)
}

function resolveUrl (input) {
  const s = input instanceof URL ? input.href : String(input)
  const base = baseHref()
  try {
    return new URL(s, base).href
  } catch {
    throw new SigV4Error('ERR_URL', 'the URL given to the signed fetch is not a valid absolute URL')
  }
}

// What fetch(input, init) would send, read once.
async function describe (input, init, unsignedStreams) {
  if (init !== undefined && init !== null && typeof init !== 'object') {
    throw optionError('the second argument of the signed fetch must be an init object')
  }
  const i = init || {}
  const request = typeof Request === 'function' && input instanceof Request ? input : null
  const url = request ? request.url : resolveUrl(input)
  const method = i.method !== undefined ? i.method : request ? request.method : 'GET'
  const headers = new Headers(i.headers !== undefined ? i.headers : request ? request.headers : undefined)
  let body = i.body
  if (body === undefined && request && !/^(GET|HEAD)$/.test(request.method)) {
    // Read through arrayBuffer(): some browsers have no Request.body, and an
    // unread body must never ride along unsigned.
    body = unsignedStreams && request.body ? request.body : new Uint8Array(await request.arrayBuffer())
  }
  return { request, url, method, headers, body, init: i }
}

function discard (response) {
  if (response.body && !response.bodyUsed) response.body.cancel().catch(() => {})
}

async function errorText (response) {
  const types = ['x-amzn-errortype', 'x-amz-error-code'].map((h) => response.headers.get(h) || '').join(' ')
  if (!response.body) return types
  try {
    return `${types} ${await response.clone().text()}`
  } catch {
    return types
  }
}

export function createSignedFetch (options) {
  const opts = integrationOptions(options, 'createSignedFetch')
  if (opts.fetch !== undefined && typeof opts.fetch !== 'function') {
    throw optionError('createSignedFetch: options.fetch must be a fetch function')
  }
  const policy = retryPolicy(opts.retries)
  const clock = createClock()

  async function signedFetch (input, init) {
    const baseFetch = opts.fetch || globalThis.fetch
    if (typeof baseFetch !== 'function') throw optionError('no fetch available: pass options.fetch')
    const req = await describe(input, init, opts.unsignedStreams)
    if (req.body !== undefined && req.body !== null && /^(GET|HEAD)$/i.test(req.method)) {
      throw new SigV4Error('ERR_BODY', `a ${req.method.toUpperCase()} request cannot have a body (fetch refuses it): use POST, or move the data to the query`)
    }
    const prepared = await prepareBody(req.body, { unsignedStreams: opts.unsignedStreams })
    if (prepared.contentType && !req.headers.has('content-type')) req.headers.set('content-type', prepared.contentType)
    const payloadHash = payloadHashFor(prepared.payloadHash, req.headers.get('x-amz-content-sha256'))
    const headerList = sendableHeaders([...req.headers])
    const signal = req.init.signal || (req.request && req.request.signal) || undefined
    // A stream sent as it is read cannot be sent twice.
    const replayable = !prepared.stream

    async function attempt () {
      const credentials = await opts.getCredentials()
      const signed = sign({ method: req.method, url: req.url, headers: headerList },
        attemptOptions(opts.signOptions, credentials, payloadHash, clock))
      const sendInit = { ...req.init, method: signed.method, headers: signed.headers, body: prepared.body }
      if (prepared.stream) sendInit.duplex = 'half'
      return req.request ? baseFetch(new Request(req.request, sendInit)) : baseFetch(signed.url, sendInit)
    }

    let retried = 0
    let skewRetried = false
    for (;;) {
      let response
      try {
        response = await attempt()
      } catch (e) {
        if (!replayable || retried >= policy.limit || e instanceof SigV4Error || isAbort(e, signal)) throw e
        await sleep(backoffMs(policy, retried++), signal)
        continue
      }
      if (replayable && !skewRetried && opts.signOptions.signingDate == null &&
          (response.status === 403 || response.status === 400)) {
        const offset = skewOffset(response.status, await errorText(response), response.headers.get('date'), clock)
        if (offset !== undefined) {
          clock.offsetMs = offset
          skewRetried = true
          discard(response)
          continue
        }
      }
      if (replayable && retried < policy.limit && isRetryableStatus(response.status)) {
        const delay = backoffMs(policy, retried++, response.headers.get('retry-after'))
        discard(response)
        await sleep(delay, signal)
        continue
      }
      return response
    }
  }

  Object.defineProperty(signedFetch, 'clockOffsetMs', {
    get: () => clock.offsetMs,
    enumerable: true,
  })
  return signedFetch
}
