// js/body.js on its own: FormData sent as the bytes Node's fetch (undici)
// would send, hashes against node:crypto, every body type's bytes and
// content-type, and copies that protect the sent bytes.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import '../../js/index.js' // loads the module (body.js hashes through it)
import { prepareBody, hashBlob, readAll } from '../../js/body.js'

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex')
const bytesOf = async (body) => (body instanceof Blob ? new Uint8Array(await body.arrayBuffer()) : body)

test('FormData: the bytes fetch would send (the platform encodes them), hashed as sent, their boundary in the content-type', async () => {
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
    const p = await prepareBody(form)
    const boundary = /^multipart\/form-data; ?boundary=(\S+)$/.exec(p.contentType)[1]
    const sent = Buffer.from(await bytesOf(p.body))
    assert.equal(p.payloadHash, sha(sent))
    assert.ok(sent.toString('latin1').endsWith(`--${boundary}--\r\n`))
    // The same parts as fetch's own encoding of the form, boundary aside.
    const reference = new Response(form)
    const refBoundary = /boundary=(.*)$/.exec(reference.headers.get('content-type'))[1]
    const refBytes = Buffer.from(await reference.arrayBuffer())
    assert.equal(sent.toString('latin1').split(boundary).join('<b>'), refBytes.toString('latin1').split(refBoundary).join('<b>'))
  }
  // What a server parses back out of them.
  const p = await prepareBody(f2)
  const parsed = await new Response(p.body, { headers: { 'content-type': p.contentType } }).formData()
  assert.equal(await parsed.get('file').text(), 'file bytes\r\n--not-a-boundary')
  assert.deepEqual([...new Uint8Array(await parsed.get('blob').arrayBuffer())], [0, 1, 2, 255])
  assert.equal(parsed.get('quote"name'), 'é ✓ 😀')
})

test('FormData: a boundary of its own per body', async () => {
  const form = new FormData()
  form.append('a', 'b')
  const a = (await prepareBody(form)).contentType
  const b = (await prepareBody(form)).contentType
  assert.match(a, /^multipart\/form-data; ?boundary=\S+$/)
  assert.notEqual(a, b)
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
