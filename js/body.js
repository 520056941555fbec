// Request bodies: whatever fetch (or axios) accepts, turned into something
// that can be hashed and then sent as the very same bytes, any number of
// times (retries), with the content-type fetch would give it.
//
//   prepareBody(body, { unsignedStreams }) ->
//     { body, payloadHash, contentType?, stream }
//
// `body` is null, a Uint8Array (copied, so later changes by the caller do
// not reach the wire), a Blob (immutable; hashed in chunks), or - only with
// unsignedStreams - the caller's ReadableStream, signed as UNSIGNED-PAYLOAD.

import { SigV4Error, createSha256, sha256Async } from './core.js'
import { chunkBytes, concatBytes } from './request.js'
import { encoder } from './arena.js'

export const UNSIGNED = 'UNSIGNED-PAYLOAD'
/** SHA-256 of no bytes, hex. */
export const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

const tag = (x) => Object.prototype.toString.call(x).slice(8, -1)
export const isBlob = (x) => typeof Blob === 'function' && x instanceof Blob
const isFormData = (x) => typeof FormData === 'function' && x instanceof FormData
const isURLSearchParams = (x) => typeof URLSearchParams === 'function' && x instanceof URLSearchParams
const isWebStream = (x) => typeof ReadableStream === 'function' && x instanceof ReadableStream
const isAsyncIterable = (x) => x != null && typeof x[Symbol.asyncIterator] === 'function'
// Node's older stream shape (form-data, CombinedStream): events, no iterator.
const isEventStream = (x) => x != null && typeof x.on === 'function' && typeof x.pipe === 'function'

export function isStreamBody (x) {
  return isWebStream(x) || isAsyncIterable(x) || isEventStream(x)
}

function bodyError (message) {
  return new SigV4Error('ERR_BODY', message)
}

function copyBytes (x) {
  if (x instanceof ArrayBuffer) return new Uint8Array(x.slice(0))
  if (typeof SharedArrayBuffer === 'function' && x instanceof SharedArrayBuffer) return new Uint8Array(x.slice(0))
  return new Uint8Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength))
}

async function bytesBody (bytes, contentType) {
  return { body: bytes, payloadHash: await sha256Async(bytes), contentType, stream: false }
}

export async function prepareBody (body, { unsignedStreams = false } = {}) {
  if (body === undefined || body === null) {
    return { body: null, payloadHash: EMPTY_HASH, stream: false }
  }
  if (typeof body === 'string') return bytesBody(encoder.encode(body), 'text/plain;charset=UTF-8')
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body) ||
      (typeof SharedArrayBuffer === 'function' && body instanceof SharedArrayBuffer)) {
    return bytesBody(copyBytes(body))
  }
  if (isURLSearchParams(body)) {
    return bytesBody(encoder.encode(body.toString()), 'application/x-www-form-urlencoded;charset=UTF-8')
  }
  if (isBlob(body)) {
    return { body, payloadHash: await hashBlob(body), contentType: body.type || undefined, stream: false }
  }
  if (isFormData(body)) {
    const { blob, contentType } = await formDataBody(body)
    return { body: blob, payloadHash: await hashBlob(blob), contentType, stream: false }
  }
  if (isStreamBody(body)) {
    if (unsignedStreams && isWebStream(body)) {
      return { body, payloadHash: UNSIGNED, stream: true }
    }
    const hash = createSha256()
    const bytes = await readAll(body, (chunk) => hash.update(chunk))
    return { body: bytes, payloadHash: hash.digest(), stream: false }
  }
  throw bodyError(`cannot sign a ${tag(body)} body: pass a string, ArrayBuffer, TypedArray, DataView, Blob, File, URLSearchParams, FormData or ReadableStream (JSON: JSON.stringify it first)`)
}

/** SHA-256 of a Blob, read in chunks without holding it all in memory. */
export async function hashBlob (blob) {
  const hash = createSha256()
  const reader = blob.stream().getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    hash.update(value)
  }
  return hash.digest()
}

/**
 * Reads a web ReadableStream, an async iterable or a Node event stream to
 * the end, calling onChunk with each chunk's bytes, and returns them all.
 */
export async function readAll (stream, onChunk = () => {}) {
  const chunks = []
  const take = (chunk) => {
    // Copied: a producer may reuse its buffer for the next chunk.
    const bytes = chunkBytes(chunk).slice()
    onChunk(bytes)
    chunks.push(bytes)
  }
  if (isWebStream(stream)) {
    const reader = stream.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      // fetch sends only Uint8Array chunks from a ReadableStream.
      if (!(value instanceof Uint8Array)) {
        reader.cancel().catch(() => {})
        throw bodyError(`a ReadableStream body yielded a ${tag(value)} chunk: fetch sends only Uint8Array chunks`)
      }
      take(value)
    }
  } else if (isAsyncIterable(stream)) {
    for await (const chunk of stream) take(chunk)
  } else {
    await new Promise((resolve, reject) => {
      stream.on('data', (chunk) => {
        try {
          take(chunk)
        } catch (e) {
          reject(e)
        }
      })
      stream.on('end', resolve)
      stream.on('error', reject)
      if (typeof stream.resume === 'function') stream.resume()
    })
  }
  return concatBytes(chunks)
}

// ---------------------------------------------------------------------------
// FormData -> multipart/form-data by the platform's own encoder, the one
// fetch uses: `new Response(form)` picks a boundary, writes the parts and
// names the boundary in its content-type. Read once into a Blob, those are
// the bytes hashed and sent, with that content-type.

/** The multipart body of a FormData as a Blob, and its content-type. */
export async function formDataBody (form) {
  const response = new Response(form)
  const contentType = response.headers.get('content-type')
  return { blob: await response.blob(), contentType }
}
