// Reading tests/vectors (or $SIGV4_VECTORS_DIR) for the JS tests: the
// request.txt parser follows aws-c-auth's harness rules (vectors README §2).
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const VECTORS = process.env.SIGV4_VECTORS_DIR || resolve(root, 'tests/vectors')

export function read (...parts) {
  return readFileSync(join(VECTORS, ...parts), 'utf8')
}

export function exists (...parts) {
  return existsSync(join(VECTORS, ...parts))
}

export function listCases (...parts) {
  return readdirSync(join(VECTORS, ...parts)).filter((d) => exists(...parts, d, 'context.json')).sort()
}

// "METHOD target HTTP/1.1", "Name:value" lines (value untrimmed), obs-fold
// continuations kept with their "\n" and indentation, blank line, body.
export function parseRequest (text) {
  const lines = text.split('\n')
  const first = lines[0]
  const sp = first.indexOf(' ')
  const method = first.slice(0, sp)
  const target = first.slice(sp + 1, first.length - ' HTTP/1.1'.length)
  const headers = []
  let i = 1
  for (; i < lines.length && lines[i] !== ''; i++) {
    const line = lines[i]
    if (line[0] === ' ' || line[0] === '\t') {
      headers[headers.length - 1][1] += '\n' + line
    } else {
      const c = line.indexOf(':')
      headers.push([line.slice(0, c), line.slice(c + 1)])
    }
  }
  const body = lines.slice(i + 1).join('\n')
  return { method, target, headers, body }
}

export function amzDate (iso) {
  return iso.replace(/[-:]/g, '').replace(/\.\d+/, '')
}
