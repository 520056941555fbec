// The axios request interceptor. It signs the request axios will send, not
// the one the caller described: it runs axios's transformRequest itself
// (objects become JSON, URLSearchParams a form string, ...), turns the result
// into a string or bytes it can hash (FormData encoded by the platform,
// Blobs and streams read), and pins the final URL (baseURL + url + params).
// It then sets config.data to exactly what it hashed and clears
// transformRequest, so no adapter (http, xhr, fetch) changes the body or the
// URL afterwards.
// axios itself is never imported: everything comes from the config.

import { sign, sha256Async, SigV4Error } from './core.js'
import { integrationOptions, attemptOptions, payloadHashFor } from './integration.js'
import { formDataBody, readAll, isStreamBody, hashBlob, UNSIGNED } from './body.js'
import { sendableHeaders, baseHref, isBrowser } from './browser.js'
import { createClock, skewOffset } from './retry.js'
import { axiosUri } from './axios-url.js'
import { encoder } from './arena.js'
import { resolveHref } from './request.js'
import { utf8Decode } from './text.js'

// Kept on the config so that a retried config (axios-retry, or our skew
// retry) is recognised: its URL and body are already final, and the
// signature headers we added are replaced, not signed.
const MARK = 'sigv4Signed'
const SIGNATURE_HEADERS = ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']

function optionError (message) {
  return new SigV4Error('ERR_OPTION', message)
}

function isAxiosHeaders (h) {
  return h != null && ['get', 'set', 'has', 'delete', 'normalize', 'toJSON']
    .every((m) => typeof h[m] === 'function')
}

function resolveFull (full) {
  if (typeof full !== 'string' || full === '') throw new SigV4Error('ERR_URL', 'the axios request has no url')
  try {
    return resolveHref(full, baseHref())
  } catch {
    throw new SigV4Error('ERR_URL', 'the axios request URL (baseURL + url) is not an absolute http(s) URL')
  }
}

// transformData() as dispatchRequest runs it.
function runTransforms (config, headers) {
  let data = config.data
  const fns = config.transformRequest
  const list = fns === undefined || fns === null ? [] : Array.isArray(fns) ? fns : [fns]
  for (const fn of list) data = fn.call(config, data, headers.normalize(), undefined)
  headers.normalize()
  return data
}

const viewToArrayBuffer = (v) => v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)

/**
 * The transformed data as something every adapter sends unchanged (a
 * string or an ArrayBuffer), its hash, and the content-type it implies.
 */
async function finalBody (data, headers, unsignedStreams) {
  const contentType = headers.get('content-type')
  if (data === undefined || data === null) return { data, hash: await sha256Async('') }
  if (typeof data === 'string') {
    const bytes = encoder.encode(data)
    // XHR rewrites a non-UTF-8 charset in the content-type of a string
    // body (and sends UTF-8); bytes are sent with the header untouched.
    const sendBytes = /;\s*charset=(?!"?utf-8"?\s*(;|$))/i.test(contentType || '')
    return { data: sendBytes ? viewToArrayBuffer(bytes) : data, hash: await sha256Async(bytes) }
  }
  if (data instanceof ArrayBuffer) {
    const copy = data.slice(0)
    return { data: copy, hash: await sha256Async(new Uint8Array(copy)) }
  }
  if (ArrayBuffer.isView(data)) {
    const copy = viewToArrayBuffer(data)
    return { data: copy, hash: await sha256Async(new Uint8Array(copy)) }
  }
  if (typeof URLSearchParams === 'function' && data instanceof URLSearchParams) {
    const s = data.toString()
    return { data: s, hash: await sha256Async(encoder.encode(s)), contentType: 'application/x-www-form-urlencoded;charset=utf-8' }
  }
  if (typeof FormData === 'function' && data instanceof FormData) {
    // The body's own boundary wins over one in a content-type set before.
    const { blob, contentType: ct } = await formDataBody(data)
    const bytes = new Uint8Array(await blob.arrayBuffer())
    return { data: bytes.buffer, hash: await sha256Async(bytes), contentType: ct, force: true }
  }
  if (typeof Blob === 'function' && data instanceof Blob) {
    return { data: await data.arrayBuffer(), hash: await hashBlob(data), contentType: data.type || undefined }
  }
  // The form-data package (what axios uses for multipart in Node).
  if (typeof data.getHeaders === 'function' && typeof data.getBoundary === 'function') {
    const ct = data.getHeaders()['content-type']
    const bytes = await readAll(data)
    return { data: viewToArrayBuffer(bytes), hash: await sha256Async(bytes), contentType: ct, force: true }
  }
  if (isStreamBody(data)) {
    if (unsignedStreams) return { data, hash: UNSIGNED }
    const bytes = await readAll(data)
    return { data: viewToArrayBuffer(bytes), hash: await sha256Async(bytes) }
  }
  throw new SigV4Error('ERR_BODY', `cannot sign axios data of type ${Object.prototype.toString.call(data).slice(8, -1)} after transformRequest: it must become a string, ArrayBuffer, Buffer, Blob, FormData, URLSearchParams or stream`)
}

function headerEntries (headers) {
  const out = []
  const json = headers.toJSON()
  for (const name of Object.keys(json)) {
    const v = json[name]
    if (Array.isArray(v)) for (const x of v) out.push([name, String(x)])
    else out.push([name, String(v)])
  }
  return out
}

async function signConfig (config, opts, clock, getUri) {
  const headers = config.headers
  if (!isAxiosHeaders(headers)) {
    throw optionError('config.headers is not axios\'s AxiosHeaders: use the interceptor through axios (axios.interceptors.request.use) with axios 1.x')
  }
  if (config.auth) {
    throw optionError('config.auth makes axios send a Basic Authorization header in place of the signature: remove it')
  }
  const previous = config[MARK]
  if (previous) for (const name of previous.added) headers.delete(name)
  const method = String(config.method || 'get').toLowerCase()

  // The URL, once; a retried config already carries it.
  const href = previous && previous.url === config.url
    ? previous.url
    : resolveFull(getUri ? getUri(config) : axiosUri(config))

  // The body: transformed once, then pinned as what was hashed.
  const data = previous ? config.data : runTransforms(config, headers)
  if (isBrowser() && (method === 'get' || method === 'head') && data !== undefined && data !== null && data !== '') {
    throw new SigV4Error('ERR_BODY', `browsers do not send a body with ${method.toUpperCase()} (XHR drops it, fetch refuses it): use POST, or move the data to params`)
  }
  const body = await finalBody(data, headers, opts.unsignedStreams)
  if (body.contentType && (body.force || !headers.has('content-type'))) headers.set('Content-Type', body.contentType)
  // The default dispatchRequest adds after the transforms.
  if (['post', 'put', 'patch'].includes(method)) {
    headers.set('Content-Type', 'application/x-www-form-urlencoded', false)
  }
  const payloadHash = payloadHashFor(body.hash, headers.get('x-amz-content-sha256'))
  const hadContentSha = headers.has('x-amz-content-sha256')

  const credentials = await opts.getCredentials()
  // axios sends every method uppercased (its adapters call toUpperCase()).
  const signed = sign({ method: method.toUpperCase(), url: href, headers: sendableHeaders(headerEntries(headers)) },
    attemptOptions(opts.signOptions, credentials, payloadHash, clock))

  const added = []
  for (const name of SIGNATURE_HEADERS) {
    if (signed.headers[name] === undefined) continue
    headers.set(name, signed.headers[name])
    if (name !== 'x-amz-content-sha256' || !hadContentSha) added.push(name)
  }
  // The URL as signed: its query re-encoded where '+' or '%' were ambiguous.
  config.url = signed.url
  config.baseURL = undefined
  config.params = undefined
  config.allowAbsoluteUrls = true
  config.data = body.data
  config.transformRequest = []
  config[MARK] = { url: signed.url, added, skewRetried: Boolean(previous && previous.skewRetried) }
  return config
}

function interceptorFor (options, what, getUri) {
  const opts = integrationOptions(options, what)
  if (opts.fetch !== undefined || opts.retries !== undefined) {
    throw optionError(`${what}: fetch and retries are createSignedFetch options; with axios use an axios retry interceptor (each retry is signed anew)`)
  }
  if (opts.streaming) {
    throw optionError(`${what}: streaming is a createSignedFetch option; with axios, sign the upload with signChunked() and send its headers and body`)
  }
  const clock = createClock()
  const interceptor = (config) => signConfig(config, opts, clock, getUri)
  return { interceptor, clock }
}

/** For axios.interceptors.request.use(...). */
export function sigv4Interceptor (options) {
  return interceptorFor(options, 'sigv4Interceptor').interceptor
}

// ---------------------------------------------------------------------------
// Clock skew, for addSigv4Interceptor: a response-error interceptor that
// learns the server's clock from a skew 403 and retries once.

function responseText (response) {
  const h = response.headers || {}
  const get = (n) => (typeof h.get === 'function' ? h.get(n) : h[n])
  let data = response.data
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    data = utf8Decode(data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
  } else if (data !== null && typeof data === 'object') {
    try {
      data = JSON.stringify(data)
    } catch {
      data = ''
    }
  }
  return { text: `${get('x-amzn-errortype') || ''} ${get('x-amz-error-code') || ''} ${data ?? ''}`, date: get('date') }
}

/**
 * Installs the signing interceptor on an axios instance (using the
 * instance's own getUri()), plus a response interceptor that corrects for
 * clock skew once per request. Returns the request interceptor's id.
 */
export function addSigv4Interceptor (instance, options) {
  if (!instance || !instance.interceptors || typeof instance.request !== 'function') {
    throw optionError('addSigv4Interceptor(instance, options): instance must be an axios instance')
  }
  const getUri = typeof instance.getUri === 'function' ? (config) => instance.getUri(config) : undefined
  const { interceptor, clock } = interceptorFor(options, 'addSigv4Interceptor', getUri)
  const fixedDate = options.signingDate !== undefined && options.signingDate !== null
  const id = instance.interceptors.request.use(interceptor)
  instance.interceptors.response.use(undefined, (error) => {
    const config = error && error.config
    const response = error && error.response
    const mark = config && config[MARK]
    if (!response || !mark || mark.skewRetried || fixedDate) throw error
    const { text, date } = responseText(response)
    const offset = skewOffset(response.status, text, date, clock)
    if (offset === undefined) throw error
    clock.offsetMs = offset
    mark.skewRetried = true
    return instance.request(config)
  })
  return id
}
