// Request bodies from the command line: -d DATA, -d @FILE, -d @- (stdin),
// -T FILE (read whole, or streamed when large: see STREAM_THRESHOLD).

import { readFile, stat } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { CliError, EXIT, fileError } from './exit.js'

/** -T files this size or larger are streamed (--stream / --no-stream decide otherwise). */
export const STREAM_THRESHOLD = 16 * 1024 * 1024

/** All of stdin, as bytes. */
async function readStdin () {
  const chunks = []
  for await (const c of process.stdin) chunks.push(c)
  return new Uint8Array(Buffer.concat(chunks))
}

/** A file's bytes; a failure is exit 1 with the path and why. */
async function readPath (path) {
  try {
    return new Uint8Array(await readFile(path))
  } catch (e) {
    throw fileError('read', path, e)
  }
}

/** A FILE argument's bytes: stdin's for '-'. */
export function readInput (file) {
  return file === '-' ? readStdin() : readPath(file)
}

/** The -d values as one body (joined with &, as curl does), and the file it came from if one. */
export async function dataBody (data) {
  const parts = []
  for (const d of data) {
    if (d.startsWith('@')) parts.push(await readInput(d.slice(1)))
    else parts.push(new TextEncoder().encode(d))
  }
  const file = data.length === 1 && data[0].startsWith('@') && data[0] !== '@-' ? data[0].slice(1) : undefined
  const joined = Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from('&'), p] : [p])))
  return { bytes: new Uint8Array(joined), file }
}

/** An upload file: its size, and either its bytes or a way to stream it. */
export async function uploadFile (path, streamFlag) {
  if (path === '-') return { bytes: await readStdin() }
  let info
  try {
    info = await stat(path)
  } catch (e) {
    throw fileError('read', path, e)
  }
  if (!info.isFile()) throw new CliError(EXIT.FAILURE, `${path} is not a file`)
  const stream = streamFlag ?? info.size >= STREAM_THRESHOLD
  if (!stream) return { bytes: await readPath(path), file: path }
  return { size: info.size, file: path, open: () => createReadStream(path, { highWaterMark: 1 << 20 }) }
}
