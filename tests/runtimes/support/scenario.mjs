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
// presigned GET; signChunked and createSignedFetch({ streaming }) for the
// aws-chunked uploads. Each scenario is sent twice: as signed (expect 200),
// then with one thing changed after signing (expect 403); an upload once
// for each change to its body. The change is made in the transport, below
// the signer: the `fetch` handed to createSignedFetch or called with
// signChunked's result, the adapter axios calls after its interceptors.
//
// runStreamingChecks adds what has no scenario of its own: event-stream
// signatures, and what a host that cannot stream uploads does with one.

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

// What aws-chunked uploads send (~200 KB): not periodic, so that no two
// chunks are alike and moving one changes the data.
export function uploadData () {
  const out = new Uint8Array(200_003)
  let x = 0x9e3779b9
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
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

// aws-chunked uploads of uploadData(): signChunked + fetch with the
// ReadableStream it returns (duplex: 'half'), and createSignedFetch({
// streaming }). The source is a ReadableStream too. Each is sent as signed,
// then once for each change made to the encoded body in the transport; the
// reason the server must give for each is part of the scenario. Dropping a
// chunk changes the length, which is signed (content-length), so the seed
// signature refuses it; a chunk dropped and the one before sent again in
// its place keeps the length and breaks the chain.
const CHUNK = 'ChunkSignatureMismatch'
const SEED = 'SignatureDoesNotMatch'
const CHECKSUM = 'BadChecksum'
const TRAILER = 'TrailerSignatureMismatch'

function uploadScenarios (label) {
  const dir = `/rt/${label}/bucket/upload`
  return [
    {
      name: 'upload signChunked signed',
      path: `${dir}/signed.bin`,
      options: { chunkSize: 65536 },
      payloadMode: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      tampers: { flip: CHUNK, drop: SEED, swap: CHUNK, replay: CHUNK },
    },
    {
      name: 'upload signChunked signed, crc32c trailer',
      path: `${dir}/signed-trailer.bin`,
      options: { chunkSize: 8192, checksum: 'crc32c' },
      payloadMode: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
      tampers: { flip: CHUNK, drop: SEED, swap: CHUNK, replay: CHUNK, trailer: TRAILER },
    },
    {
      name: 'upload signChunked unsigned, crc64nvme trailer',
      path: `${dir}/unsigned-trailer.bin`,
      options: { payload: 'unsigned', checksum: 'crc64nvme' },
      payloadMode: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      tampers: { flip: CHECKSUM, drop: SEED, swap: CHECKSUM, replay: CHECKSUM, trailer: CHECKSUM },
    },
    {
      name: 'upload createSignedFetch streaming signed',
      path: `${dir}/signed-fetch.bin`,
      signedFetch: { streaming: 'signed' },
      payloadMode: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      tampers: { flip: CHUNK, swap: CHUNK },
    },
  ]
}

// SigV4a (sigv4-wasm/v4a): ECDSA chunk and trailer signatures.
function v4aUploadScenarios (label) {
  return [{
    name: 'SigV4a upload signChunked signed, crc32 trailer',
    path: `/rt/${label}/v4a/bucket/upload/signed-trailer.bin`,
    options: { chunkSize: 65536, checksum: 'crc32' },
    payloadMode: 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
    tampers: { flip: CHUNK, replay: CHUNK, trailer: TRAILER },
  }]
}

/** What the upload scenarios expect: [{ name, payloadMode, tampers: { how: reason } }]. */
export function expectedUploads ({ v4a = true } = {}) {
  return [...uploadScenarios('x'), ...(v4a ? v4aUploadScenarios('x') : [])]
    .map(({ name, payloadMode, tampers }) => ({ name, payloadMode, tampers }))
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

// An aws-chunked body cut into its data chunks (each frame from its size
// line to the CRLF after its data) and the rest (the final chunk, trailers).
function splitChunked (bytes) {
  const chunks = []
  let pos = 0
  for (;;) {
    let eol = pos
    while (!(bytes[eol] === 13 && bytes[eol + 1] === 10)) {
      if (++eol >= bytes.length) throw new Error(`no chunk header at byte ${pos}`)
    }
    const size = parseInt(new TextDecoder().decode(bytes.subarray(pos, eol)).split(';')[0], 16)
    if (size === 0) return { chunks, tail: bytes.subarray(pos) }
    const end = eol + 2 + size + 2
    chunks.push({ frame: bytes.subarray(pos, end), data: eol + 2 - pos })
    pos = end
  }
}

const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0)
  return out
}

// The changes made to an encoded body; the first two data chunks are full.
const TAMPERS = {
  // One bit of the second chunk's data.
  flip ({ chunks, tail }) {
    const frame = chunks[1].frame.slice()
    frame[chunks[1].data + 100] ^= 0x01
    return [chunks[0].frame, frame, ...chunks.slice(2).map((c) => c.frame), tail]
  },
  // The second chunk left out.
  drop: ({ chunks, tail }) => [chunks[0].frame, ...chunks.slice(2).map((c) => c.frame), tail],
  // The first two chunks in the other order.
  swap: ({ chunks, tail }) => [chunks[1].frame, chunks[0].frame, ...chunks.slice(2).map((c) => c.frame), tail],
  // The second chunk left out and the first sent again in its place.
  replay: ({ chunks, tail }) => [chunks[0].frame, chunks[0].frame, ...chunks.slice(2).map((c) => c.frame), tail],
  // The checksum trailer's value changed in its first base64 digit.
  trailer ({ chunks, tail }) {
    const text = new TextDecoder().decode(tail)
    const m = /\r\nx-amz-checksum-[a-z0-9]+:(.)/.exec(text)
    if (!m) throw new Error(`no checksum trailer in ${JSON.stringify(text)}`)
    const at = m.index + m[0].length - 1
    const changed = text.slice(0, at) + (m[1] === 'A' ? 'B' : 'A') + text.slice(at + 1)
    return [...chunks.map((c) => c.frame), new TextEncoder().encode(changed)]
  },
}

async function collect (stream) {
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

// Bytes as a ReadableStream, in pieces of an odd size.
function streamOf (bytes, piece = 10007) {
  let at = 0
  return new ReadableStream({
    pull (c) {
      if (at >= bytes.length) return c.close()
      c.enqueue(bytes.slice(at, at + piece))
      at += piece
    },
  }, { highWaterMark: 0 })
}

/**
 * The fetch an aws-chunked upload goes through: the encoded body (a
 * ReadableStream) is sent as it is, with duplex: 'half', or, where the host
 * cannot send one (deps.streamUploads false), read into bytes first. With
 * `how`, the encoded body is read, changed (TAMPERS) and sent as bytes,
 * its length set again.
 */
function uploadFetch (deps, how) {
  return async (url, init) => {
    if (!how && deps.streamUploads !== false) return deps.fetch(url, { ...init, duplex: 'half' })
    const headers = new Headers(init.headers)
    let body = await collect(init.body)
    if (how) {
      body = concat(TAMPERS[how](splitChunked(body)))
      headers.set('content-length', String(body.length))
    }
    const send = { ...init, headers, body }
    delete send.duplex
    return deps.fetch(url, send)
  }
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

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

// What the verify server says of an aws-chunked upload.
async function uploadOutcome (res) {
  const { status, reason } = await outcome(res.clone())
  const json = status === 200 ? await res.json() : {}
  const { decodedSha256, decodedLength, payloadMode, chunkCount } = json
  return { status, reason, decodedSha256, decodedLength, payloadMode, chunkCount }
}

// An exception turned into a result, so that every runtime reports the
// whole set.
async function attempt (send) {
  try {
    return await send()
  } catch (e) {
    return { status: 0, reason: 'exception', error: `${e && e.name}: ${e && e.message}` }
  }
}

// Runs one scenario twice: as signed, then tampered.
async function both (name, path, send) {
  return { name, path, signed: await attempt(() => send(false)), tampered: await attempt(() => send(true)) }
}

/**
 * @param {{ api: object, apiV4a?: object, fetch: typeof fetch, axios?: object, streamUploads?: boolean }} deps
 *   api: the entry under test; apiV4a: sigv4-wasm/v4a, for the SigV4a
 *   scenarios; streamUploads false: the host cannot send a ReadableStream
 *   body as signed, so aws-chunked bodies are read into bytes and sent so
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

  // The upload once as signed, then once for each change to its body.
  const data = uploadData()
  const dataSha256 = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', data)))
  const runUpload = async (api, s, options) => {
    const url = `${base}${s.path}`
    const headers = { 'content-type': 'application/octet-stream' }
    const send = async (how) => {
      const fetch = uploadFetch(deps, how)
      if (s.signedFetch) {
        const signedFetch = api.createSignedFetch({ ...options, ...s.signedFetch, fetch })
        return uploadOutcome(await signedFetch(url, {
          method: 'PUT', headers: { ...headers, 'content-length': String(data.length) }, body: streamOf(data),
        }))
      }
      const out = await api.signChunked({ method: 'PUT', url, headers, body: streamOf(data), contentLength: data.length },
        { ...options, ...s.options })
      return uploadOutcome(await fetch(out.url, { method: out.method, headers: out.headers, body: out.body, duplex: 'half' }))
    }
    const result = { name: s.name, path: s.path, sha256: dataSha256, signed: await attempt(() => send(null)), tampered: [] }
    for (const how of Object.keys(s.tampers)) result.tampered.push({ how, ...await attempt(() => send(how)) })
    results.push(result)
  }
  for (const s of uploadScenarios(label)) await runUpload(deps.api, s, signOptions('s3'))
  if (deps.apiV4a) {
    for (const s of v4aUploadScenarios(label)) await runUpload(deps.apiV4a, s, v4aOptions('s3'))
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
    ...expectedUploads({ v4a }).map((s) => s.name),
    ...axiosAdapters.flatMap((a) => axiosScenarios('x', a).map((s) => s.name)),
  ]
}

// ---------------------------------------------------------------------------
// Event signing: a fixed chain (seed, messages, dates across midnight UTC,
// so the signing key changes on the way) whose signatures the node:test side
// recomputes with @smithy/signature-v4's signMessage.

export const EVENT_SEED = '8a0f5c2e77e1b3d94c6a25f0d1e98b7c3f4a6e5d2c1b0a99887766554433aa01'
export const EVENT_DATES = ['2026-03-01T23:59:58Z', '2026-03-01T23:59:59Z', '2026-03-02T00:00:01Z', '2026-03-02T00:00:03Z']

/** The three messages signed (as @smithy/eventstream-codec has them, the payload as `body`). */
export function eventMessages () {
  const text = (type, value) => ({ type, value })
  const audio = new Uint8Array(3001)
  for (let i = 0; i < audio.length; i++) audio[i] = (i * 37 + (i >>> 5)) & 0xff
  return [
    { headers: { ':message-type': text('string', 'event'), ':event-type': text('string', 'AudioEvent'), ':content-type': text('string', 'application/octet-stream') }, body: audio },
    { headers: { ':message-type': text('string', 'event'), ':event-type': text('string', 'AudioEvent') }, body: audio.subarray(0, 17) },
    { headers: { ':message-type': text('string', 'event'), ':event-type': text('string', 'ConfigurationEvent'), ':content-type': text('string', 'application/json') },
      body: new TextEncoder().encode('{"ChannelDefinitions":[{"ChannelId":0,"ParticipantRole":"AGENT"}],"note":"naïve ☕"}') },
  ]
}

/**
 * Checks that need no scenario server of their own: the event signatures
 * ({ signatures, messages } in hex, the last the end() message) and, where
 * uploads are not streamed (deps.streamUploads false), what happens to one
 * sent as a ReadableStream all the same (streamProbe, expected to fail).
 */
export async function runStreamingChecks (deps, { base, label }) {
  const out = {}
  out.events = await attempt(() => {
    const signer = deps.api.createEventSigner({ credentials: CREDENTIALS, region: REGION, service: 'transcribe', seedSignature: EVENT_SEED })
    const signatures = []
    const messages = []
    eventMessages().forEach(({ headers, body }, i) => {
      messages.push(hex(signer.sign({ headers, payload: body }, new Date(EVENT_DATES[i]))))
      signatures.push(signer.signature)
    })
    messages.push(hex(signer.end(new Date(EVENT_DATES[3]))))
    signatures.push(signer.signature)
    return { signatures, messages }
  })
  if (deps.streamUploads === false) {
    const path = `/rt/${label}/bucket/upload/stream-probe.bin`
    const data = uploadData()
    out.streamProbe = { path, ...await attempt(async () => {
      const signed = await deps.api.signChunked({ method: 'PUT', url: `${base}${path}`, body: streamOf(data), contentLength: data.length },
        { credentials: CREDENTIALS, region: REGION, service: 's3' })
      return outcome(await deps.fetch(signed.url, { method: signed.method, headers: signed.headers, body: signed.body, duplex: 'half' }))
    }) }
  }
  return out
}

// ---------------------------------------------------------------------------
// The receiving side, in process: requests signed by the package's sign(),
// presign() and presignPost() at a fixed date, then checked by its verify(),
// withVerification() and verifyPost() as received (fetch Requests built in
// the runtime, and plain objects), as signed and changed. Every case says
// what the documented answer is: 'valid', a refusal code, or for a handler
// its status and the first word of its answer. The node:test side compares
// the runtime's answers with these (expectedVerify), and checks the
// published vectors it hands in (config.vectors) the same way.

const VERIFY_DATE = '2026-03-01T12:00:00Z'
const VERIFY_NOW = Date.parse(VERIFY_DATE) + 30_000
const PLAIN_KEY = Object.freeze({ accessKeyId: 'AKIARUNTIMESEXAMPLE', secretAccessKey: 'runtime/Plain+Secret0123456789abcdefghij' })
const BUCKET = 'https://rt-bucket.s3.us-east-1.amazonaws.com'
const PRESIGN_SECONDS = 60

// The keys this endpoint knows: the plain one and the session one.
const knownKeys = (akid) => [PLAIN_KEY, CREDENTIALS].find((c) => c.accessKeyId === akid) || null
const verifyOptions = (more) => ({ credentials: knownKeys, region: REGION, service: 's3', now: VERIFY_NOW, ...more })

function verifyBody () {
  const out = new Uint8Array(5000) // more than verify() hands the C core whole
  for (let i = 0; i < out.length; i++) out[i] = (i * 7 + 0x80) & 0xff
  return out
}

// A request as received: the object sign() returns, or a fetch Request.
const asRequest = (r) => new Request(r.url, { method: r.method, headers: r.headers, body: r.body })
const withHeader = (r, name, value) => ({ ...r, headers: { ...r.headers, [name]: value } })
const withQuery = (r, param) => ({ ...r, url: `${r.url}${r.url.includes('?') ? '&' : '?'}${param}` })

function signedBy (api, { v4a = false, token = false } = {}) {
  const options = { credentials: token ? CREDENTIALS : PLAIN_KEY, region: REGION, service: 's3', signingDate: VERIFY_DATE,
    ...(v4a && { algorithm: 'AWS4-ECDSA-P256-SHA256', regionSet: '*' }) }
  return {
    get: () => api.sign({ method: 'GET', url: `${BUCKET}/rt/caf%C3%A9.txt?list-type=2&prefix=a%20b` }, options),
    put: () => api.sign({ method: 'PUT', url: `${BUCKET}/rt/object.bin`, headers: { 'content-type': 'application/octet-stream' }, body: verifyBody() }, options),
    presigned: () => ({ method: 'GET', url: api.presign({ method: 'GET', url: `${BUCKET}/rt/photo%20one.jpg?versionId=3` }, { ...options, expiresIn: PRESIGN_SECONDS }) }),
  }
}

// What a valid result claims, as the cases expect it (JSON: null for none).
function claimsOf (r, names) {
  const out = {}
  for (const n of names) out[n] = n === 'bodyLength' ? r.body.length : r[n] instanceof Date ? r[n].toISOString() : r[n] ?? null
  return out
}

const CLAIMS = (accessKeyId, more) => ({ accessKeyId, algorithm: 'AWS4-HMAC-SHA256', region: REGION, service: 's3', sessionToken: null, ...more })
const V4A_CLAIMS = (more) => ({ ...CLAIMS(PLAIN_KEY.accessKeyId, more), algorithm: 'AWS4-ECDSA-P256-SHA256', region: null, regionSet: '*' })

/**
 * The cases: { name, expect, claims?, v4a?, run(ctx) → answer }. ctx: { api,
 * apiV4a }. An answer is a verify() or verifyPost() result, or for a
 * handler { got } (its status and first word), its text and content type.
 */
function verifyCases () {
  const verifyWith = (api, request, more) => api.verify(request, verifyOptions(more))
  return [
    { name: 'GET signed by headers (object)', expect: 'valid', claims: CLAIMS(PLAIN_KEY.accessKeyId, { presigned: false, payload: 'signed', bodyLength: 0 }),
      run: ({ api }) => verifyWith(api, signedBy(api).get()) },
    { name: 'GET signed by headers (Request)', expect: 'valid', run: ({ api }) => verifyWith(api, asRequest(signedBy(api).get())) },
    { name: 'PUT with a body (object)', expect: 'valid', claims: { payload: 'signed', bodyLength: 5000 }, run: ({ api }) => verifyWith(api, signedBy(api).put()) },
    { name: 'PUT with a body (Request)', expect: 'valid', claims: { payload: 'signed', bodyLength: 5000 }, run: ({ api }) => verifyWith(api, asRequest(signedBy(api).put())) },
    { name: 'PUT, body changed (Request)', expect: 'ERR_BODY_CHANGED', run: ({ api }) => {
      const r = signedBy(api).put()
      return verifyWith(api, asRequest({ ...r, body: flipFirstByte(r.body) }))
    } },
    { name: 'GET, a query parameter added', expect: 'ERR_SIGNATURE_MISMATCH', run: ({ api }) => verifyWith(api, withQuery(signedBy(api).get(), 'extra=1')) },
    { name: 'GET, an unsigned x-amz-* header added (Request)', expect: 'ERR_UNSIGNED_HEADER',
      run: ({ api }) => verifyWith(api, asRequest(withHeader(signedBy(api).get(), 'x-amz-copy-source', 'other-bucket/key'))) },
    { name: 'presigned GET (object)', expect: 'valid',
      claims: CLAIMS(PLAIN_KEY.accessKeyId, { presigned: true, payload: 'unsigned', expiresAt: new Date(Date.parse(VERIFY_DATE) + PRESIGN_SECONDS * 1000).toISOString() }),
      run: ({ api }) => verifyWith(api, signedBy(api).presigned()) },
    { name: 'presigned GET (Request)', expect: 'valid', run: ({ api }) => verifyWith(api, asRequest(signedBy(api).presigned())) },
    { name: 'presigned GET, a query parameter added', expect: 'ERR_SIGNATURE_MISMATCH', run: ({ api }) => verifyWith(api, withQuery(signedBy(api).presigned(), 'x-id=GetObject')) },
    { name: 'presigned GET, expired', expect: 'ERR_EXPIRED',
      run: ({ api }) => verifyWith(api, signedBy(api).presigned(), { now: Date.parse(VERIFY_DATE) + (PRESIGN_SECONDS + 1) * 1000 }) },
    { name: 'GET with a session token (Request)', expect: 'valid', claims: CLAIMS(CREDENTIALS.accessKeyId, { sessionToken: CREDENTIALS.sessionToken }),
      run: ({ api }) => verifyWith(api, asRequest(signedBy(api, { token: true }).get())) },
    { name: 'presigned GET with a session token (object)', expect: 'valid', claims: { sessionToken: CREDENTIALS.sessionToken, presigned: true },
      run: ({ api }) => verifyWith(api, signedBy(api, { token: true }).presigned()) },
    { name: 'GET with a session token its key does not have', expect: 'ERR_SESSION_TOKEN',
      run: ({ api }) => verifyWith(api, signedBy(api, { token: true }).get(), { credentials: (akid) => akid === CREDENTIALS.accessKeyId ? { secretAccessKey: CREDENTIALS.secretAccessKey } : null }) },

    // SigV4a, from the v4a entry.
    { name: 'SigV4a GET signed by headers (Request)', v4a: true, expect: 'valid', claims: V4A_CLAIMS({ presigned: false }),
      run: ({ apiV4a }) => verifyWith(apiV4a, asRequest(signedBy(apiV4a, { v4a: true }).get())) },
    { name: 'SigV4a PUT with a body (object)', v4a: true, expect: 'valid', claims: { bodyLength: 5000 },
      run: ({ apiV4a }) => verifyWith(apiV4a, signedBy(apiV4a, { v4a: true }).put()) },
    { name: 'SigV4a PUT, body changed (Request)', v4a: true, expect: 'ERR_BODY_CHANGED', run: ({ apiV4a }) => {
      const r = signedBy(apiV4a, { v4a: true }).put()
      return verifyWith(apiV4a, asRequest({ ...r, body: flipFirstByte(r.body) }))
    } },
    { name: 'SigV4a presigned GET (Request)', v4a: true, expect: 'valid', claims: V4A_CLAIMS({ presigned: true }),
      run: ({ apiV4a }) => verifyWith(apiV4a, asRequest(signedBy(apiV4a, { v4a: true }).presigned())) },
    { name: 'SigV4a presigned GET, a query parameter added', v4a: true, expect: 'ERR_SIGNATURE_MISMATCH',
      run: ({ apiV4a }) => verifyWith(apiV4a, withQuery(signedBy(apiV4a, { v4a: true }).presigned(), 'extra=1')) },

    // In front of a fetch-style handler.
    { name: 'withVerification: signed PUT', expect: '200 verified',
      claims: { text: `verified ${PLAIN_KEY.accessKeyId} signed 5000 128 env` }, run: ({ api }) => handled(api, asRequest(signedBy(api).put())) },
    { name: 'withVerification: PUT, body changed', expect: '403 ERR_BODY_CHANGED', claims: { contentType: 'text/plain; charset=utf-8' }, run: ({ api }) => {
      const r = signedBy(api).put()
      return handled(api, asRequest({ ...r, body: flipFirstByte(r.body) }))
    } },
    { name: 'withVerification, onFailure awsErrorResponse: presigned GET, a query parameter added', expect: '403 SignatureDoesNotMatch',
      claims: { contentType: 'application/xml' },
      run: ({ api }) => handled(api, asRequest(withQuery(signedBy(api).presigned(), 'extra=1')), {
        onFailure: (refused) => {
          const { status, headers, body } = api.awsErrorResponse(refused)
          return new Response(body, { status, headers })
        },
      }) },
    { name: 'awsErrorResponse (json) of a changed body', expect: '400 InvalidSignatureException', claims: { contentType: 'application/x-amz-json-1.1' }, run: async ({ api }) => {
      const r = signedBy(api).put()
      const { status, headers, body } = api.awsErrorResponse(await verifyWith(api, { ...r, body: flipFirstByte(r.body) }), { format: 'json' })
      return { got: `${status} ${JSON.parse(body).__type}`, contentType: headers['content-type'] }
    } },

    // S3 POST policies: a form as the runtime encodes and parses it.
    { name: 'verifyPost: a form as posted', expect: 'valid', claims: { accessKeyId: PLAIN_KEY.accessKeyId, bucket: 'rt-bucket', key: 'uploads/notes ✓.txt' },
      run: ({ api }) => posted(api, {}) },
    { name: 'verifyPost: the key outside its prefix', expect: 'ERR_POLICY_CONDITION', run: ({ api }) => posted(api, { key: 'elsewhere/notes.txt' }) },
    { name: 'verifyPost: a file larger than the policy allows', expect: 'ERR_POLICY_CONDITION', run: ({ api }) => posted(api, {}, 'x'.repeat(2049)) },
    { name: 'verifyPost: the policy changed', expect: 'ERR_SIGNATURE_MISMATCH', run: ({ api }) => posted(api, { Policy: 'e30=' }) },
  ]
}

// A withVerification() handler answering a request: { got: status and the
// answer's first word, ... }. The handler names what it was given.
async function handled (api, request, more = {}) {
  const handler = api.withVerification(async (req, env) => {
    const v = api.getVerification(req)
    const body = new Uint8Array(await req.arrayBuffer())
    return new Response(`verified ${v && v.accessKeyId} ${v && v.payload} ${body.length} ${body[0]} ${env}`)
  }, verifyOptions(more))
  const res = await handler(request, 'env')
  const text = await res.text()
  const xml = /<Code>([^<]*)<\/Code>/.exec(text)
  return { got: `${res.status} ${xml ? xml[1] : text.split(/[ :]/)[0]}`, text, contentType: res.headers.get('content-type') }
}

// presignPost() at VERIFY_DATE, then a form with its fields (some replaced)
// and a file, sent through new Request() and read back with formData() as a
// server would, and checked by verifyPost().
async function posted (api, replace, fileText = 'file body ✓') {
  const { fields } = api.presignPost({
    url: `${BUCKET}/`,
    key: 'uploads/${filename}',
    conditions: [['content-length-range', 1, 2048], ['starts-with', '$Content-Type', 'text/']],
    expiresIn: 600,
  }, { credentials: PLAIN_KEY, signingDate: VERIFY_DATE })
  const form = new FormData()
  for (const [name, value] of Object.entries({ ...fields, ...replace })) form.append(name, value)
  form.append('Content-Type', 'text/plain')
  form.append('file', new Blob([fileText], { type: 'text/plain' }), 'notes ✓.txt')
  const received = await new Request(`${BUCKET}/`, { method: 'POST', body: form }).formData()
  return api.verifyPost(received, { credentials: knownKeys, region: REGION, bucket: 'rt-bucket', now: VERIFY_NOW })
}

/** What the verify cases expect: [{ name, expect, claims? }]. */
export function expectedVerify ({ v4a = true } = {}) {
  return verifyCases().filter((c) => v4a || !c.v4a).map(({ name, expect, claims }) => ({ name, expect, ...(claims && { claims }) }))
}

/**
 * Runs the verify cases (the SigV4a ones with deps.apiV4a) and the
 * published vectors the host handed in (config.vectors: [{ name, v4a,
 * request, options, claims }], with the credentials and date in options).
 * Returns { cases: [{ name, got, claims?, ... }], counts }.
 */
export async function runVerifyChecks (deps, { vectors = [] } = {}) {
  const ctx = { api: deps.api, apiV4a: deps.apiV4a }
  const cases = []
  const answer = async (name, claims, run) => {
    const r = await attempt(run)
    const got = r.got || (r.valid === true ? 'valid' : r.valid === false ? r.code : `exception ${r.error}`)
    const out = { name, got }
    if (r.valid === false) out.message = r.message
    if ((r.valid === true || r.got) && claims) out.claims = claimsOf(r, Object.keys(claims))
    cases.push(out)
  }
  for (const c of verifyCases()) {
    if (c.v4a && !deps.apiV4a) continue
    await answer(c.name, c.claims, () => c.run(ctx))
  }
  for (const v of vectors) {
    if (v.v4a && !deps.apiV4a) continue
    const api = v.v4a ? deps.apiV4a : deps.api
    await answer(v.name, v.claims, () => api.verify(v.request, v.options))
  }
  const count = (f) => cases.filter(f).length
  return {
    cases,
    counts: { cases: cases.length, valid: count((c) => c.got === 'valid'), refused: count((c) => c.got.startsWith('ERR_')) },
  }
}
