// createSignedFetch: fetch's signature, signing exactly what it sends. The
// body is read once and turned into bytes or a Blob (js/body.js); its hash
// is signed and those same bytes are sent, on every attempt.

import { sign, signChunked, SigV4Error } from './core.js'
import { integrationOptions, attemptOptions, payloadHashFor } from './integration.js'
import { prepareBody, isStreamBody, isBlob } from './body.js'
import { sendableHeaders, baseHref } from './browser.js'
import { resolveHref } from './request.js'
import { retryPolicy, isRetryableStatus, backoffMs, sleep, isAbort, createClock, skewOffset } from './retry.js'

// A body that options.streaming sends aws-chunked: streams and Blobs.
function isStreamingBody (input, init) {
  const body = init && init.body
  return body !== undefined && body !== null && (isStreamBody(body) || isBlob(body))
}

function optionError (message) {
  return new SigV4Error('ERR_OPTION', message)
}

function resolveUrl (input) {
  const s = typeof URL === 'function' && input instanceof URL ? input.href : String(input)
  try {
    return resolveHref(s, baseHref())
  } catch {
    throw new SigV4Error('ERR_URL', 'the URL given to the signed fetch is not a valid absolute URL')
  }
}

// What fetch(input, init) would send, read at call time as fetch reads it:
// synchronously, so that changing the URL, headers or body after the call
// changes nothing that is sent. The body is prepared (copied, or extracted
// from FormData) before the caller gets control back.
function describe (input, init, unsignedStreams) {
  if (init !== undefined && init !== null && typeof init !== 'object') {
    throw optionError('the second argument of the signed fetch must be an init object')
  }
  const i = init || {}
  const request = typeof Request === 'function' && input instanceof Request ? input : null
  const url = request ? request.url : resolveUrl(input)
  const method = i.method !== undefined ? i.method : request ? request.method : 'GET'
  const headers = new Headers(i.headers !== undefined ? i.headers : request ? request.headers : undefined)
  let body = i.body
  if (body !== undefined && body !== null && /^(GET|HEAD)$/i.test(method)) {
    throw new SigV4Error('ERR_BODY', `a ${String(method).toUpperCase()} request cannot have a body (fetch refuses it): use POST, or move the data to the query`)
  }
  let prepared
  if (body === undefined && request && !/^(GET|HEAD)$/.test(request.method)) {
    // A Request's body is fixed already. Read through arrayBuffer(): some
    // browsers have no Request.body, and an unread body must never ride
    // along unsigned.
    prepared = unsignedStreams && request.body
      ? prepareBody(request.body, { unsignedStreams })
      : request.arrayBuffer().then((b) => prepareBody(new Uint8Array(b)))
  } else {
    prepared = prepareBody(body, { unsignedStreams })
  }
  // Rejections are awaited by the caller; until then, not unhandled.
  prepared.catch(() => {})
  return { request, url, method, headers, prepared, init: i }
}

// A Request sent again to another URL (the query re-encoded as signed) with
// everything else it carries.
function requestTo (url, request, init) {
  const copy = { ...init }
  for (const k of ['cache', 'credentials', 'integrity', 'keepalive', 'redirect', 'referrer', 'referrerPolicy', 'signal']) {
    if (copy[k] === undefined && request[k] !== undefined) copy[k] = request[k]
  }
  if (copy.mode === undefined && request.mode !== 'navigate') copy.mode = request.mode
  return new Request(url, copy)
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
    if (opts.streaming && isStreamingBody(input, init)) return streamed(baseFetch, input, init)
    const req = describe(input, init, opts.unsignedStreams)
    const prepared = await req.prepared
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
      if (!req.request) return baseFetch(signed.url, sendInit)
      return baseFetch(signed.url === req.url ? new Request(req.request, sendInit) : requestTo(signed.url, req.request, sendInit))
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

  // A stream or Blob body sent aws-chunked as it is read: one attempt (a
  // stream cannot be sent twice), its length from content-length (or the
  // Blob's size).
  async function streamed (baseFetch, input, init) {
    if (typeof Request === 'function' && input instanceof Request) {
      throw optionError('streaming: pass the URL and an init with the body, not a Request')
    }
    const i = init || {}
    const headers = new Headers(i.headers)
    const given = headers.get('content-length')
    headers.delete('content-length')
    const contentLength = given === null ? undefined : Number(given)
    if (contentLength === undefined && !isBlob(i.body)) {
      throw new SigV4Error('ERR_BODY_LENGTH', 'streaming a body needs its length: set a content-length header (the bytes the stream will yield)')
    }
    const credentials = await opts.getCredentials()
    const signOptions = attemptOptions(opts.signOptions, credentials, undefined, clock)
    delete signOptions.payloadHash
    delete signOptions.signContentSha256
    const signed = await signChunked({ method: i.method, url: resolveUrl(input), headers: sendableHeaders([...headers]), body: i.body, contentLength },
      { ...signOptions, ...opts.streaming })
    return baseFetch(signed.url, { ...i, method: signed.method, headers: signed.headers, body: signed.body, duplex: 'half' })
  }

  Object.defineProperty(signedFetch, 'clockOffsetMs', {
    get: () => clock.offsetMs,
    enumerable: true,
  })
  return signedFetch
}
