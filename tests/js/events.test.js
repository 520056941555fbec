// Signed event streams: createEventSigner() and the event-stream codec the
// entries export, and presigned WebSocket URLs (Transcribe streaming).
// - aws-c-auth's chain of event signatures, from its request's signature;
// - differential: chains of generated messages (random payloads, dates
//   across a day boundary) against @smithy/signature-v4's signMessage, the
//   AWS SDK's event signer; every signed message decoded by
//   @smithy/eventstream-codec carries that signature and date;
// - presign() of a wss: URL equals smithy's presign of the same request.
import test from 'node:test'
import assert from 'node:assert/strict'
import { SignatureV4 } from '@smithy/signature-v4'
import { HttpRequest } from '@smithy/protocol-http'
import { Hash } from '@smithy/hash-node'
import { EventStreamCodec } from '@smithy/eventstream-codec'
import { createEventSigner, createEventStreamCodec, presign, SigV4Error } from '../../js/index.js'
import { makeRng } from './support/gen.mjs'
import { read } from './support/vectors.mjs'

const RUNS = Number(process.env.SIGV4_EVENT_RUNS || 1000)
const utf8 = new TextEncoder()
const theirCodec = new EventStreamCodec((b) => new TextDecoder().decode(b), (s) => utf8.encode(s))

test('aws-c-auth: a chain of event signatures from the request signature', () => {
  const v = JSON.parse(read('aws-c-auth', 'extra', 'event-signing.json'))
  const signer = createEventSigner({
    credentials: { accessKeyId: v.credentials.access_key_id, secretAccessKey: v.credentials.secret_access_key },
    region: v.region, service: v.service, seedSignature: v.initial_request.expected_signature,
  })
  for (const e of v.events) {
    const t = e.signing_time
    const date = new Date(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`)
    const bytes = signer.sign(utf8.encode(e.payload_bytes), date)
    assert.equal(signer.signature, e.expected_signature, t)
    const m = theirCodec.decode(bytes)
    assert.equal(Buffer.from(m.headers[':chunk-signature'].value).toString('hex'), e.expected_signature)
    assert.equal(m.headers[':date'].value.getTime(), date.getTime())
    assert.equal(Buffer.from(m.body).toString(), e.payload_bytes)
  }
})

test(`differential: ${RUNS} signed messages in chains, against smithy's signMessage`, async () => {
  const rng = makeRng(0xe7e7)
  const codec = createEventStreamCodec()
  const creds = { accessKeyId: 'AKIDEVENTS', secretAccessKey: 'events/Secret+Key' }
  const theirs = new SignatureV4({ credentials: creds, region: 'us-west-2', service: 'transcribe', sha256: Hash.bind(null, 'sha256') })
  let done = 0
  while (done < RUNS) {
    const seed = Buffer.from(Array.from({ length: 32 }, () => Math.floor(rng() * 256))).toString('hex')
    // Start near midnight sometimes: a stream that outlives its day.
    let ms = Date.UTC(2026, 0, 1 + Math.floor(rng() * 300)) - (rng() < 0.3 ? 3000 : -Math.floor(rng() * 8e7))
    ms -= ms % 1000
    const signer = createEventSigner({ credentials: creds, region: 'us-west-2', service: 'transcribe', seedSignature: seed })
    let prior = seed
    const n = 1 + Math.floor(rng() * 8)
    for (let i = 0; i < n; i++, done++) {
      ms += 1000 * Math.floor(rng() * 3)
      const date = new Date(ms)
      const last = i === n - 1
      const inner = last ? new Uint8Array(0) : codec.encode({
        headers: { ':message-type': 'event', ':event-type': 'AudioEvent', ':content-type': 'application/octet-stream' },
        payload: Buffer.from(Array.from({ length: Math.floor(rng() * 3000) }, () => Math.floor(rng() * 256))),
      })
      const bytes = last ? signer.end(date) : signer.sign(inner, date)
      const { signature } = await theirs.signMessage({ message: { headers: { ':date': { type: 'timestamp', value: date } }, body: inner }, priorSignature: prior },
        { signingDate: date })
      const m = theirCodec.decode(bytes)
      assert.equal(Buffer.from(m.headers[':chunk-signature'].value).toString('hex'), signature, `message ${i} at ${date.toISOString()}`)
      assert.equal(m.headers[':date'].value.getTime(), ms)
      assert.deepEqual(Buffer.from(m.body), Buffer.from(inner))
      prior = signature
    }
    assert.throws(() => signer.sign(new Uint8Array(1)), (e) => e.code === 'ERR_EVENT_ENDED')
  }
})

test('createEventSigner refuses what cannot sign', () => {
  const ok = { credentials: { accessKeyId: 'AKID', secretAccessKey: 's' }, region: 'us-east-1', service: 'transcribe', seedSignature: 'a'.repeat(64) }
  const cases = [
    [{ seedSignature: 'A'.repeat(64) }, 'ERR_PREVIOUS'], [{ seedSignature: undefined }, 'ERR_PREVIOUS'],
    [{ region: '' }, 'ERR_REGION'], [{ service: undefined }, 'ERR_SERVICE'], [{ credentials: undefined }, 'ERR_CREDENTIALS'],
    [{ seed: 'x' }, 'ERR_OPTION'],
  ]
  for (const [change, code] of cases) {
    assert.throws(() => createEventSigner({ ...ok, ...change }), (e) => e instanceof SigV4Error && e.code === code, JSON.stringify(change))
  }
  const s = createEventSigner(ok)
  assert.throws(() => s.sign({ headers: { n: 1 } }), (e) => e.code === 'ERR_EVENT_HEADER')
  assert.equal(s.signature, ok.seedSignature)
})

test('presign of a wss: URL (Transcribe streaming) equals smithy\'s presign', async () => {
  const creds = { accessKeyId: 'AKIDWSS', secretAccessKey: 'wss/Secret', sessionToken: 'token/with+chars=' }
  const url = 'wss://transcribestreaming.us-east-1.amazonaws.com:8443/stream-transcription-websocket?language-code=en-US&media-encoding=pcm&sample-rate=16000'
  const signingDate = new Date('2026-12-02T10:00:00Z')
  const ours = presign({ url }, { credentials: creds, signingDate })
  const u = new URL(url)
  const theirs = await new SignatureV4({ credentials: creds, region: 'us-east-1', service: 'transcribe', sha256: Hash.bind(null, 'sha256') })
    .presign(new HttpRequest({ method: 'GET', protocol: 'wss:', hostname: u.hostname, port: 8443, path: u.pathname,
      query: Object.fromEntries(u.searchParams), headers: { host: u.host } }), { signingDate, expiresIn: 300 })
  const q = new URL(ours).searchParams
  assert.equal(q.get('X-Amz-Expires'), '300')
  assert.equal(q.get('X-Amz-Signature'), theirs.query['X-Amz-Signature'])
  assert.throws(() => presign({ url }, { credentials: creds, expiresIn: 301 }), (e) => e.code === 'ERR_EXPIRES')
})
