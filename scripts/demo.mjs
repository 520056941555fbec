// The main job's demo: sign real requests with sigv4-wasm, send them with
// fetch to a loopback endpoint that verifies every request as it arrived on
// the wire (verify(), which accepts what the AWS CLI, boto3, curl, s3cmd and
// the AWS SDK send: tests/js/clients.test.js), and show what
// happens when the body sent is not the body signed. Then where the 403
// diagnosis page is.
import { fileURLToPath } from 'node:url'
import { init, sign, presign, explain } from '../js/index.js'
import { startVerifyServer } from '../tests/js/support/verify-server.mjs'

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/session+token==',
}
// The endpoint stands in for an API Gateway stage in us-east-2 and an S3
// bucket; its host is 127.0.0.1, so region and service are given.
const apiGateway = { credentials, region: 'us-east-2', service: 'execute-api' }
const s3 = { credentials, region: 'eu-west-1', service: 's3' }

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)
const show = (title) => console.log(`\n${bold(`== ${title}`)}`)
function printHeaders (headers) {
  for (const [k, v] of Object.entries(headers)) console.log(`  ${k}: ${v}`)
}
async function report (res) {
  const body = await res.json()
  console.log(`  -> ${res.status} ${body.ok ? 'OK: signature verified by the endpoint' : `${body.reason}: ${body.message}`}`)
  return { status: res.status, body }
}

const server = await startVerifyServer({ credentials, pathMode: 'strict' })
const failures = []
const expect = (what, got, want) => { if (got !== want) failures.push(`${what}: got ${got}, expected ${want}`) }
try {
  await init()
  const base = server.url.replace(/\/$/, '')

  show('1. GET an API Gateway stage with temporary credentials (session token)')
  const get = sign({ method: 'GET', url: `${base}/prod/items?limit=10&status=open` }, apiGateway)
  console.log(`  GET ${get.url}`)
  printHeaders(get.headers)
  expect('GET', (await report(await fetch(get.url, { headers: get.headers }))).status, 200)

  show('2. POST a JSON body')
  const body = JSON.stringify({ date: 'today', items: [1, 2, 3] })
  const post = sign({ method: 'POST', url: `${base}/prod/events`, headers: { 'content-type': 'application/json' }, body }, apiGateway)
  console.log(`  POST ${post.url}  body ${body}`)
  printHeaders(post.headers)
  expect('POST', (await report(await fetch(post.url, { method: 'POST', headers: post.headers, body }))).status, 200)

  show('3. The classic mistake: the body sent is not the body that was signed')
  const tampered = JSON.stringify({ date: 'tomorrow', items: [1, 2, 3] })
  console.log(`  signed ${body}\n  sent   ${tampered}`)
  const bad = await report(await fetch(post.url, { method: 'POST', headers: post.headers, body: tampered }))
  expect('tampered POST', bad.status, 403)
  const why = explain({ method: 'POST', url: `${base}/prod/events`, headers: { 'content-type': 'application/json' }, body }, apiGateway)
  console.log('  explain() shows what was signed; compare it with what AWS says it expected:')
  console.log(`  --- our canonical request ---\n${why.canonicalRequest.replace(/^/gm, '    ')}`)
  console.log(`  --- the endpoint's canonical request for what it received ---\n${bad.body.expected.canonicalRequest.replace(/^/gm, '    ')}`)
  console.log('  (the last line, the payload hash, differs: the body changed after signing)')

  show('4. A presigned S3 URL (what a browser can fetch with no credentials)')
  const url = presign({ method: 'GET', url: `${base}/examplebucket/photos/2026/cat pic.jpg` }, { ...s3, expiresIn: 900 })
  console.log(`  ${url}`)
  expect('presigned GET', (await report(await fetch(url))).status, 200)
} finally {
  server.close()
}
if (failures.length) {
  console.error(`\ndemo FAILED:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log(`\n${bold('All four behaved as expected: signed requests accepted, the tampered one refused.')}`)
// The same diagnosis as a page (built by scripts/build.sh): a file to open,
// no server needed.
const page = new URL('../build/diagnose/index.html', import.meta.url)
console.log(`\n${bold('The 403 diagnosis page')}: paste a request and AWS's error body, see why it was refused.`)
console.log(`It runs in the browser and sends nothing anywhere. Open ${fileURLToPath(page)}\nor, in a browser's address bar, ${page.href}`)
