// Preloaded (node --import) before each README sample that tests/js/readme.test.js
// runs. It gives the samples what the README leaves to the reader and
// nothing else: the free variables they use (credentials, accessKeyId,
// secretAccessKey, sessionToken, idToken, file) as globals, and a network
// in which every AWS host name reaches the loopback verify server. The
// samples' own text, imports included, is run unchanged.
//
//   fetch: replaced by one that sends the request to VERIFY_URL with its
//          host in x-forwarded-host (the verify server treats it as the host);
//   axios: its fetch adapter, so that its requests take the same route;
//   `import x from '...?url'` (Vite): the file's URL, as Vite gives it.
import { register } from 'node:module'

const creds = JSON.parse(process.env.README_CREDENTIALS)
Object.assign(globalThis, {
  credentials: creds,
  accessKeyId: creds.accessKeyId,
  secretAccessKey: creds.secretAccessKey,
  sessionToken: creds.sessionToken,
  idToken: 'eyJraWQiOiJyZWFkbWUifQ.eyJzdWIiOiJyZWFkbWUifQ.c2ln',
  file: new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37])], 'report.pdf', { type: 'application/pdf' }),
})

const sendDirect = globalThis.fetch
const verifyUrl = new URL(process.env.VERIFY_URL)
globalThis.fetch = async function routedFetch (input, init) {
  const req = new Request(input, init)
  const url = new URL(req.url)
  if (url.host === verifyUrl.host) return sendDirect(input, init)
  const headers = new Headers(req.headers)
  headers.set('x-forwarded-host', url.host)
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer()
  return sendDirect(new URL(url.pathname + url.search, verifyUrl), { method: req.method, headers, body, redirect: 'manual' })
}

// After fetch is replaced: axios's fetch adapter looks it up when loaded.
const { default: axios } = await import('axios')
axios.defaults.adapter = 'fetch'

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve (specifier, context, next) {
  if (!specifier.endsWith('?url')) return next(specifier, context)
  const file = await next(specifier.slice(0, -4), context)
  return { url: 'readme-url:' + file.url, shortCircuit: true }
}
export async function load (url, context, next) {
  if (!url.startsWith('readme-url:')) return next(url, context)
  return { format: 'module', shortCircuit: true, source: 'export default ' + JSON.stringify(url.slice(11)) }
}`))
