// The URL axios 1.x sends for a (merged) request config, computed without
// axios: baseURL + url (buildFullPath), then params serialised by the
// config's paramsSerializer or, without one, by axios's default rules
// (AxiosURLSearchParams over toFormData's default visitor: nested keys as
// a[b], flat arrays as a[]=, null/undefined skipped, Dates as ISO strings,
// "{}"-suffixed keys as JSON) and appended (buildURL). Checked against
// axios.getUri() in tests/js/axios-url.test.js. addSigv4Interceptor() uses
// the instance's own getUri() instead.

import { SigV4Error } from './core.js'

const isAbsolute = (url) => /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url)

function urlError (message) {
  return new SigV4Error('ERR_URL', message)
}

function combine (baseURL, relativeURL) {
  if (!relativeURL) return baseURL
  return baseURL.replace(/\/+$/, '') + '/' + relativeURL.replace(/^\/+/, '')
}

export function fullPath (baseURL, url, allowAbsoluteUrls) {
  for (const u of [url, baseURL]) {
    // axios refuses "http:host" (no "//") rather than guess what it means.
    if (typeof u === 'string' && /^[\s\0-\x1f]*https?:(?!\/\/)/i.test(u)) {
      throw urlError('an axios URL starts with "http:" or "https:" without "//"')
    }
  }
  if (baseURL && (!isAbsolute(url) || allowAbsoluteUrls === false)) return combine(baseURL, url)
  return url
}

// buildURL's encoder: encodeURIComponent, then ":", "$", "," kept and "%20" as "+".
function defaultEncode (value) {
  return encodeURIComponent(value)
    .replace(/%3A/gi, ':')
    .replace(/%24/g, '$')
    .replace(/%2C/gi, ',')
    .replace(/%20/g, '+')
}

// AxiosURLSearchParams's encoder, handed to a custom `encode` as its second argument.
function formEncode (value) {
  const map = { '!': '%21', "'": '%27', '(': '%28', ')': '%29', '~': '%7E', '%20': '+' }
  return encodeURIComponent(value).replace(/[!'()~]|%20/g, (m) => map[m])
}

function isPlainObject (v) {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  if (proto !== null && proto !== Object.prototype && Object.getPrototypeOf(proto) !== null) return false
  if (proto === null || proto === Object.prototype) {
    return !Object.prototype.hasOwnProperty.call(v, Symbol.toStringTag) &&
      !Object.prototype.hasOwnProperty.call(v, Symbol.iterator)
  }
  return true
}

const isVisitable = (v) => isPlainObject(v) || Array.isArray(v)
const isBuffer = (v) => v != null && v.constructor != null &&
  typeof v.constructor.isBuffer === 'function' && v.constructor.isBuffer(v)
const removeBrackets = (key) => (String(key).endsWith('[]') ? String(key).slice(0, -2) : key)

function renderKey (path, key, dots) {
  if (!path) return key
  return path.concat(key)
    .map((token, i) => {
      token = removeBrackets(token)
      return !dots && i ? `[${token}]` : token
    })
    .join(dots ? '.' : '')
}

function convertValue (value) {
  if (value === null) return ''
  if (Object.prototype.toString.call(value) === '[object Date]') return value.toISOString()
  if (value === true || value === false) return String(value)
  return value
}

function each (obj, fn) {
  if (Array.isArray(obj)) obj.forEach(fn)
  else if (!isBuffer(obj)) for (const k of Object.keys(obj)) fn(obj[k], k)
}

// toFormData(params) with the default visitor, collecting [key, value] pairs.
function paramPairs (params, options) {
  const option = (name, fallback) => (options && options[name] !== undefined ? options[name] : fallback)
  if (option('visitor') !== undefined) {
    throw new SigV4Error('ERR_OPTION', 'paramsSerializer.visitor: install the interceptor with addSigv4Interceptor(instance, options) so the instance\'s own getUri() serialises the params')
  }
  const metaTokens = option('metaTokens', true)
  const dots = option('dots', false)
  const indexes = option('indexes', false)
  const pairs = []
  const stack = []

  function visit (value, key, path) {
    if (value && !path && typeof value === 'object') {
      if (String(key).endsWith('{}')) {
        pairs.push([renderKey(path, metaTokens ? key : key.slice(0, -2), dots), JSON.stringify(value)])
        return false
      }
      const flat = Array.isArray(value) && !value.some(isVisitable)
      if (flat || (String(key).endsWith('[]') && Array.isArray(value))) {
        key = removeBrackets(key)
        value.forEach((el, index) => {
          if (el === undefined || el === null) return
          const name = indexes === true ? renderKey([key], index, dots) : indexes === null ? key : `${key}[]`
          pairs.push([name, convertValue(el)])
        })
        return false
      }
    }
    if (isVisitable(value)) return true
    pairs.push([renderKey(path, key, dots), convertValue(value)])
    return false
  }

  function build (value, path) {
    if (value === undefined) return
    if (stack.includes(value)) throw new SigV4Error('ERR_URL', 'axios params contain a circular reference')
    stack.push(value)
    each(value, (el, key) => {
      if (el === undefined || el === null) return
      if (visit(el, typeof key === 'string' ? key.trim() : key, path) === true) {
        build(el, path ? path.concat(key) : [key])
      }
    })
    stack.pop()
  }

  if (params === null || typeof params !== 'object') throw new SigV4Error('ERR_URL', 'axios params must be an object')
  build(params)
  return pairs
}

export function serializeParams (params, serializer) {
  const options = typeof serializer === 'function' ? { serialize: serializer } : serializer
  if (options && typeof options.serialize === 'function') return options.serialize(params, options)
  if (params instanceof URLSearchParams) return params.toString()
  const custom = options && typeof options.encode === 'function' ? options.encode : null
  const encode = custom ? (v) => custom(v, formEncode) : defaultEncode
  return paramPairs(params, options).map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')
}

/** axios.getUri(config) for a config axios has already merged. */
export function axiosUri (config) {
  let url = fullPath(config.baseURL, config.url, config.allowAbsoluteUrls)
  if (!config.params) return url
  url = url || ''
  const query = serializeParams(config.params, config.paramsSerializer)
  if (query) {
    const hash = url.indexOf('#')
    if (hash !== -1) url = url.slice(0, hash)
    url += (url.indexOf('?') === -1 ? '?' : '&') + query
  }
  return url
}
