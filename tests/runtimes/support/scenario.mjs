// The scenario set every runtime runs against the loopback verify server
// (tests/js/support/verify-server.mjs), which re-signs each request with
// @smithy/signature-v4 and answers 200 or 403.
//
// This file imports nothing: each runtime's entry hands in the package it
// loaded (ESM, CJS, workerd entry, Vite bundle), its fetch and axios, so the
// very same code runs in Node, Chromium, workerd, Deno and Bun. It returns
// plain JSON; the node:test file of each runtime checks it against the
// server's own log.
//
// Requests are signed by the package's own integrations: createSignedFetch,
// and sigv4Interceptor / addSigv4Interceptor for axios; presign() for the
// presigned GET. Each scenario is sent twice: as signed (expect 200), then
// with one thing changed after signing (expect 403). The change is made in
// the transport, below the signer: the `fetch` handed to createSignedFetch,
// the adapter axios calls after its interceptors.

export const CREDENTIALS = Object.freeze({
  accessKeyId: 'ASIARUNTIMESEXAMPLE',
  secretAccessKey: 'runtimeSecret/Example+Key0123456789abcdef',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//session+token/with=chars',
})
export const REGION = 'us-east-1'
export const RESULT_MARKER = 'SIGV4_RUNTIME_RESULT '

// A body that is not UTF-8 and larger than the signer's 64 KiB inline
// limit, so it is hashed in chunks.
function binaryBody () {
  const out = new Uint8Array(100_003)
  for (let i = 0; i < out.length; i++) out[i] = (i * 151 + (i >>> 8)) & 0xff
  return out
}

// A form with a text field and a file: its multipart bytes come from the
// runtime's own encoder (new Response(form)), boundary and all.
function formBody (label) {
  const form = new FormData()
  form.append('runtime', label)
  form.append('note', 'naïve café ☕\nline two')
  form.append('file', new Blob(['file body ✓'], { type: 'text/plain' }), 'notes "1".txt')
  return form
}

const flipFirstByte = (bytes) => {
  const out = bytes.slice()
  out[0] ^= 0x01
  return out
}

// fetch scenarios: what to hand signedFetch (a URL, a string, a Request
// holding the body), which service signs, and the change made to the request
// on the wire for the tampered copy.
function fetchScenarios (label) {
  const json = JSON.stringify({ runtime: label, note: 'naïve café ☕', n: [1, 2, 3] })
  return [
    {
      name: 'fetch GET',
      input: 'URL',
      service: 'execute-api',
      path: `/rt/${label}/fetch/get/caf%C3%A9`,
      query: '?list=y&list=x&b=2&a=1',
      init: { headers: { 'x-scenario': 'get', accept: 'application/json' } },
      tamper: (r) => ({ ...r, url: r.url.replace('a=1', 'a=3') }),
    },
    {
      name: 'fetch POST-JSON',
      input: 'string',
      service: 'execute-api',
      path: `/rt/${label}/fetch/post-json`,
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: json },
      tamper: (r) => ({ ...r, body: new TextEncoder().encode(json.replace('café', 'cafe')) }),
    },
    {
      name: 'fetch PUT binary',
      input: 'Request',
      service: 's3',
      path: `/rt/${label}/bucket/fetch/object.bin`,
      init: { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: binaryBody() },
      tamper: (r) => ({ ...r, body: flipFirstByte(r.body) }),
    },
    {
      name: 'fetch POST FormData',
      input: 'URL',
      service: 'execute-api',
      path: `/rt/${label}/fetch/post-form`,
      init: { method: 'POST', body: formBody(label) },
      tamper: (r) => ({ ...r, body: flipFirstByte(r.body) }),
    },
  ]
}

// SigV4a (sigv4-wasm/v4a, region set '*'): a GET and a JSON POST through
// createSignedFetch, as the first two fetch scenarios.
function v4aScenarios (label) {
  return fetchScenarios(`${label}/v4a`).slice(0, 2).map((s) => ({ ...s, name: `SigV4a ${s.name}` }))
}

function axiosScenarios (label, adapter) {
  const dir = `/rt/${label}/axios-${adapter}`
  return [
    {
      name: `axios(${adapter}) GET params`,
      service: 'execute-api',
      path: `${dir}/items`,
      config: { method: 'get', params: { q: 'a b&c', n: 1, list: ['x', 'y'] }, headers: { 'x-scenario': 'get' } },
    },
    {
      name: `axios(${adapter}) POST-JSON`,
      service: 'execute-api',
      path: `${dir}/post-json`,
      config: { method: 'post', data: { runtime: label, adapter, note: 'naïve ☕' }, headers: { 'x-scenario': 'post' } },
    },
    {
      name: `axios(${adapter}) PUT binary`,
      service: 's3',
      path: `/rt/${label}/bucket/axios-${adapter}/object.bin`,
      config: { method: 'put', data: binaryBody(), headers: { 'content-type': 'application/octet-stream', 'x-scenario': 'put' } },
    },
    {
      name: `axios(${adapter}) POST FormData`,
      service: 'execute-api',
      path: `${dir}/post-form`,
      config: { method: 'post', data: formBody(label), headers: { 'x-scenario': 'form' } },
    },
  ]
}

// ---------------------------------------------------------------------------

// An axios instance signed by the package's interceptor, installed either of
// the two documented ways.
function signedAxios (deps, signOptions, { viaHelper }) {
  const instance = deps.axios.create({ validateStatus: () => true })
  if (viaHelper) deps.api.addSigv4Interceptor(instance, signOptions)
  else instance.interceptors.request.use(deps.api.sigv4Interceptor(signOptions))
  return instance
}

// ---------------------------------------------------------------------------
// Transports that change the request after it was signed.

function tamperingFetch (fetch, tamper) {
  return async (input, init) => {
    const req = new Request(input, init)
    const body = req.method === 'GET' || req.method === 'HEAD' ? null : new Uint8Array(await req.arrayBuffer())
    const t = tamper({ url: req.url, method: req.method, headers: new Headers(req.headers), body })
    return fetch(t.url, { method: t.method, headers: t.headers, body: t.body })
  }
}

function tamperingAdapter (axios, name) {
  const adapter = axios.getAdapter(name)
  return (config) => {
    config.headers.set('x-scenario', 'tampered')
    return adapter(config)
  }
}

// ---------------------------------------------------------------------------

async function outcome (res) {
  const text = await res.text()
  let reason = null
  try { reason = JSON.parse(text).reason ?? null } catch { reason = `unparsable answer: ${text.slice(0, 200)}` }
  return { status: res.status, reason }
}

async function axiosOutcome (res) {
  return { status: res.status, reason: res.data && typeof res.data === 'object' ? res.data.reason ?? null : String(res.data).slice(0, 200) }
}

// Runs one scenario twice, turning exceptions into results so that every
// runtime reports the whole set.
async function both (name, path, send) {
  const result = { name, path }
  for (const which of ['signed', 'tampered']) {
    try {
      result[which] = await send(which === 'tampered')
    } catch (e) {
      result[which] = { status: 0, reason: 'exception', error: `${e && e.name}: ${e && e.message}` }
    }
  }
  return result
}

/**
 * @param {{ api: object, apiV4a?: object, fetch: typeof fetch, axios?: object }} deps
 *   api: the entry under test; apiV4a: sigv4-wasm/v4a, for the SigV4a scenarios
 * @param {{ base: string, label: string, axiosAdapters?: string[] }} config
 */
export async function runScenarios (deps, { base, label, axiosAdapters = [] }) {
  const results = []
  const signOptions = (service) => ({ credentials: CREDENTIALS, region: REGION, service })
  const v4aOptions = (service) => ({ ...signOptions(service), algorithm: 'AWS4-ECDSA-P256-SHA256', regionSet: '*' })

  const runFetch = async (api, s, options) => {
    results.push(await both(s.name, s.path, async (tampered) => {
      const fetch = tampered ? tamperingFetch(deps.fetch, s.tamper) : deps.fetch
      const signedFetch = api.createSignedFetch({ ...options, fetch })
      const href = `${base}${s.path}${s.query || ''}`
      const args = s.input === 'Request' ? [new Request(href, s.init)] : [s.input === 'URL' ? new URL(href) : href, s.init]
      return outcome(await signedFetch(...args))
    }))
  }
  const runPresigned = async (name, api, photo, options) => {
    results.push(await both(name, photo, async (tampered) => {
      const url = api.presign({ method: 'GET', url: `${base}${photo}?versionId=3` }, { ...options, expiresIn: 300 })
      return outcome(await deps.fetch(tampered ? url.replace('X-Amz-Expires=300', 'X-Amz-Expires=301') : url))
    }))
  }

  for (const s of fetchScenarios(label)) await runFetch(deps.api, s, signOptions(s.service))
  await runPresigned('presigned GET', deps.api, `/rt/${label}/bucket/presigned/photo%20one.jpg`, signOptions('s3'))
  if (deps.apiV4a) {
    for (const s of v4aScenarios(label)) await runFetch(deps.apiV4a, s, v4aOptions(s.service))
    await runPresigned('SigV4a presigned GET', deps.apiV4a, `/rt/${label}/v4a/bucket/presigned/photo%20one.jpg`, v4aOptions('s3'))
  }

  for (const adapter of axiosAdapters) {
    for (const s of axiosScenarios(label, adapter)) {
      // GETs through addSigv4Interceptor, the rest through sigv4Interceptor.
      const instance = signedAxios(deps, signOptions(s.service), { viaHelper: s.config.method === 'get' })
      results.push(await both(s.name, s.path, async (tampered) => {
        const res = await instance.request({ ...s.config, baseURL: base, url: s.path,
          adapter: tampered ? tamperingAdapter(deps.axios, adapter) : adapter })
        return axiosOutcome(res)
      }))
    }
  }
  return results
}

/** The scenario names a run with these adapters (and SigV4a) must report, in order. */
export function expectedScenarios (axiosAdapters = [], { v4a = true } = {}) {
  return [
    ...fetchScenarios('x').map((s) => s.name),
    'presigned GET',
    ...(v4a ? [...v4aScenarios('x').map((s) => s.name), 'SigV4a presigned GET'] : []),
    ...axiosAdapters.flatMap((a) => axiosScenarios('x', a).map((s) => s.name)),
  ]
}
