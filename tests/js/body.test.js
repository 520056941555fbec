// js/body.js on its own: FormData serialised byte for byte as Node's fetch
// (undici) serialises it, hashes against node:crypto, every body type's
// bytes and content-type, and copies that protect the sent bytes.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import '../../js/index.js' // loads the module (body.js hashes through it)
import { prepareBody, serializeFormData, hashBlob, readAll } from '../../js/body.js'

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex')
const bytesOf = async (body) => (body instanceof Blob ? new Uint8Array(await body.arrayBuffer()) : body)

test('FormData: our multipart bytes equal undici\'s, with the boundary swapped', async () => {
  const forms = []
  const f1 = new FormData()
  f1.append('simple', 'value')
  forms.push(f1)
  const f2 = new FormData()
  f2.append('line\nbreaks\r\nand\rcr', 'a\nb\r\nc\rd\n')
  f2.append('quote"name', 'é ✓ 😀')
  f2.append('file', new File(['file bytes\r\n--not-a-boundary'], 'we"ird\nname.txt', { type: 'text/plain' }))
  f2.append('blob', new Blob([new Uint8Array([0, 1, 2, 255])]))
  f2.append('typed', new Blob(['{}'], { type: 'application/json' }), 'data.json')
  f2.append('empty', '')
  f2.append('emptyfile', new File([], 'empty.bin'))
  forms.push(f2)
  forms.push(new FormData())
  for (const form of forms) {
    const reference = new Response(form)
    const refType = reference.headers.get('content-type')
    const refBoundary = /boundary=(.*)$/.exec(refType)[1]
    const refBytes = Buffer.from(await reference.arrayBuffer())
    const { blob, contentType } = serializeFormData(form, refBoundary)
    assert.equal(contentType, `multipart/form-data; boundary=${refBoundary}`)
    const ours = Buffer.from(await blob.arrayBuffer())
    assert.equal(ours.toString('latin1'), refBytes.toString('latin1'))
  }
})

test('FormData: a file with an empty name keeps filename="" (as browsers send it; undici omits it)', async () => {
  const form = new FormData()
  form.append('f', new File([], ''))
  const text = await serializeFormData(form, 'B0undary-123').blob.text()
  assert.equal(text, '--B0undary-123\r\nContent-Disposition: form-data; name="f"; filename=""\r\n' +
    'Content-Type: application/octet-stream\r\n\r\n\r\n--B0undary-123--\r\n')
})

test('FormData: a random boundary per body, and a bad one refused', () => {
  const form = new FormData()
  form.append('a', 'b')
  const a = serializeFormData(form).contentType
  const b = serializeFormData(form).contentType
  assert.match(a, /^multipart\/form-data; boundary=----sigv4wasm[0-9a-f]{24}$/)
  assert.notEqual(a, b)
  assert.throws(() => serializeFormData(form, 'has space'), { code: 'ERR_BODY' })
  assert.throws(() => serializeFormData(form, 'x'.repeat(71)), { code: 'ERR_BODY' })
})

test('hashBlob: chunked hash equals node:crypto on sizes around chunk edges', async () => {
  for (const n of [0, 1, 63, 64, 65535, 65536, 65537, 200001]) {
    const data = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff)
    assert.equal(await hashBlob(new Blob([data])), sha(data), `n=${n}`)
  }
})

test('prepareBody: bytes, hash and content-type per body type', async () => {
  const cases = [
    [null, Buffer.alloc(0), undefined],
    ['hé', Buffer.from('hé'), 'text/plain;charset=UTF-8'],
    [new URLSearchParams('a=1&b=x y'), Buffer.from('a=1&b=x+y'), 'application/x-www-form-urlencoded;charset=UTF-8'],
    [new Uint16Array([1, 258]), Buffer.from([1, 0, 2, 1]), undefined],
    [new Blob(['xy'], { type: 'text/x' }), Buffer.from('xy'), 'text/x'],
    [new ReadableStream({ start (c) { c.enqueue(new Uint8Array([5])); c.enqueue(new Uint8Array([6])); c.close() } }), Buffer.from([5, 6]), undefined],
    [Readable.from([Buffer.from('no'), 'de']), Buffer.from('node'), undefined],
  ]
  for (const [input, expected, contentType] of cases) {
    const p = await prepareBody(input)
    const sent = p.body === null ? Buffer.alloc(0) : Buffer.from(await bytesOf(p.body))
    assert.deepEqual(sent, expected, String(input))
    assert.equal(p.payloadHash, sha(expected))
    assert.equal(p.contentType, contentType)
    assert.equal(p.stream, false)
  }
})

test('prepareBody copies in-memory bytes: changing the caller\'s buffer later changes nothing', async () => {
  const mine = new Uint8Array([1, 2, 3])
  const p = await prepareBody(mine)
  mine[0] = 99
  assert.deepEqual([...p.body], [1, 2, 3])
  assert.equal(p.payloadHash, sha(Buffer.from([1, 2, 3])))
})

test('prepareBody: streams are buffered unless unsignedStreams, and never dropped', async () => {
  const s = new ReadableStream({ start (c) { c.enqueue(new Uint8Array([1])); c.close() } })
  const unsigned = await prepareBody(s, { unsignedStreams: true })
  assert.equal(unsigned.payloadHash, 'UNSIGNED-PAYLOAD')
  assert.equal(unsigned.body, s)
  assert.equal(unsigned.stream, true)
  await assert.rejects(prepareBody({ a: 1 }), { code: 'ERR_BODY' })
  await assert.rejects(prepareBody(Symbol('x')), { code: 'ERR_BODY' })
})

test('readAll: copies each chunk (producers may reuse buffers)', async () => {
  const reused = new Uint8Array(2)
  async function * producer () {
    reused.set([1, 2])
    yield reused
    reused.set([3, 4])
    yield reused
  }
  const seen = []
  const all = await readAll(producer(), (c) => seen.push([...c]))
  assert.deepEqual([...all], [1, 2, 3, 4])
  assert.deepEqual(seen, [[1, 2], [3, 4]])
})
