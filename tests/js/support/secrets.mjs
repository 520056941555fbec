// Independent oracles for secret hygiene: the SigV4 key chain computed with
// node:crypto, every form in which that material could sit in memory, and
// searches for those forms in bytes (wasm memory) and in text (errors).
//
//   const keys = keyChain(secret, '20150830', 'us-east-1', 'service')
//   const needles = secretNeedles(secret, keys)   // [{ label, bytes }]
//   findNeedles(wasmMemoryBytes, needles)         // -> labels found
//   findInText(String(err), secret, keys)         // -> labels found
import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'

// A pure-JS SHA-256 whose state can be read after one block: the HMAC pad
// states the C core caches are exactly that (RFC 2104 precomputation).
const { RawSha256 } = createRequire(import.meta.url)('@aws-crypto/sha256-js/build/main/RawSha256.js')

const hmac = (key, data) => createHmac('sha256', key).update(data).digest()

/** kSecret ("AWS4" + secret) and kDate, kRegion, kService, kSigning. */
export function keyChain (secret, day, region, service) {
  const kSecret = Buffer.from(`AWS4${secret}`, 'utf8')
  const kDate = hmac(kSecret, day)
  const kRegion = hmac(kDate, region)
  const kService = hmac(kRegion, service)
  const kSigning = hmac(kService, 'aws4_request')
  return { kSecret, kDate, kRegion, kService, kSigning }
}

// The 64-byte HMAC block: key (at most one block here) zero-padded, xor pad.
function padBlock (key, pad) {
  const block = Buffer.alloc(64)
  key.copy(block)
  for (let i = 0; i < 64; i++) block[i] ^= pad
  return block
}

// SHA-256 state after one block, as 32 big-endian bytes.
function midstate (block) {
  const h = new RawSha256()
  h.update(block)
  const out = Buffer.alloc(32)
  h.state.forEach((w, i) => out.writeInt32BE(w, 4 * i))
  return out
}

// The same bytes as little-endian u32 words (how a C array of uint32_t,
// e.g. a SHA-256 state or message schedule, lies in wasm memory).
function wordSwapped (b) {
  const out = Buffer.from(b.subarray(0, b.length & ~3))
  out.swap32()
  return out
}

/**
 * Every byte form of the secret and the keys worth looking for: as is, as
 * lowercase hex, xored with HMAC's ipad/opad (a key block), the pad states,
 * and each of those word-swapped. Short keys (< 16 bytes) are skipped as
 * needles would match by chance; kSecret always has "AWS4" + the secret.
 * @returns {{ label: string, bytes: Buffer }[]}
 */
export function secretNeedles (secret, keys) {
  const needles = []
  const add = (label, bytes) => {
    if (bytes.length >= 16) {
      needles.push({ label, bytes })
      needles.push({ label: `${label} (u32 words)`, bytes: wordSwapped(bytes) })
    }
  }
  add('secret', Buffer.from(secret, 'utf8'))
  for (const [name, key] of Object.entries(keys)) {
    add(name, key)
    add(`${name} hex`, Buffer.from(key.toString('hex')))
    if (key.length <= 64) {
      for (const [padName, pad] of [['ipad', 0x36], ['opad', 0x5c]]) {
        const block = padBlock(key, pad)
        // Only the key's own bytes: the rest of the block is the bare pad.
        add(`${name} xor ${padName}`, block.subarray(0, key.length))
        add(`${name} ${padName} state`, midstate(block))
      }
    }
  }
  return needles
}

/** Labels of the needles found in `haystack`, including any 16-byte piece of them. */
export function findNeedles (haystack, needles) {
  const found = []
  for (const { label, bytes } of needles) {
    for (let i = 0; i + 16 <= bytes.length; i += 8) {
      const at = haystack.indexOf(bytes.subarray(i, i + 16))
      if (at >= 0) {
        found.push(`${label} at ${at}`)
        break
      }
    }
  }
  return found
}

/**
 * Labels of the secret forms in a piece of text (an error's message, stack,
 * JSON...): the secret, and each key as hex, base64 or raw bytes (latin1).
 */
export function findInText (text, secret, keys) {
  const found = []
  if (text.includes(secret)) found.push('secret')
  for (const [name, key] of Object.entries(keys)) {
    for (const enc of ['hex', 'base64', 'latin1']) {
      const form = key.toString(enc)
      // kSecret contains the secret itself: its forms are checked above.
      if (name !== 'kSecret' && text.includes(form)) found.push(`${name} ${enc}`)
    }
    if (Buffer.from(text, 'latin1').includes(key.subarray(0, 16)) && name !== 'kSecret') found.push(`${name} bytes`)
  }
  return found
}
