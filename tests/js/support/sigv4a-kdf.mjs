// AWS's SigV4a key derivation, written again from its description (the
// vectors' README, section 4) with node:crypto, as the tests' independent
// reference: the KDF's intermediates (to look for in memory) and the
// key pair (to sign and verify with).
import { createECDH, createHash, createHmac, createPrivateKey, createPublicKey } from 'node:crypto'

const LABEL = 'AWS4-ECDSA-P256-SHA256'
const N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551')
const N_MINUS_2 = N - 2n

/** { kSecretA, k0, d }: the HMAC key, the accepted KDF output and d = k0 + 1. */
export function sigv4aKeys (accessKeyId, secretAccessKey) {
  for (let c = 1; c < 255; c++) {
    const input = Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from(`${LABEL}\0${accessKeyId}`), Buffer.from([c, 0, 0, 1, 0])])
    const k0 = createHmac('sha256', `AWS4A${secretAccessKey}`).update(input).digest()
    const v = BigInt(`0x${k0.toString('hex')}`)
    if (v <= N_MINUS_2) {
      return { kSecretA: Buffer.from(`AWS4A${secretAccessKey}`), k0, d: Buffer.from((v + 1n).toString(16).padStart(64, '0'), 'hex') }
    }
  }
  throw new Error('no SigV4a key')
}

// The P-256 key of credentials as a JWK: { kty, crv, x, y, d } (base64url).
function jwkOf (accessKeyId, secretAccessKey) {
  const { d } = sigv4aKeys(accessKeyId, secretAccessKey)
  const ecdh = createECDH('prime256v1')
  ecdh.setPrivateKey(d)
  const q = ecdh.getPublicKey()
  return { kty: 'EC', crv: 'P-256', x: q.subarray(1, 33).toString('base64url'), y: q.subarray(33).toString('base64url'), d: d.toString('base64url') }
}

/** The public key of credentials, as a node:crypto KeyObject. */
export function sigv4aPublicKey (accessKeyId, secretAccessKey) {
  const { d, ...pub } = jwkOf(accessKeyId, secretAccessKey)
  return createPublicKey({ key: pub, format: 'jwk' })
}

/** The private key of credentials, as a node:crypto KeyObject (ECDSA signing). */
export function sigv4aPrivateKey (accessKeyId, secretAccessKey) {
  return createPrivateKey({ key: jwkOf(accessKeyId, secretAccessKey), format: 'jwk' })
}

/** A public key from its affine coordinates (hex, as in public-key.json's X and Y). */
export function publicKeyFromXY (X, Y) {
  const b64 = (hex) => Buffer.from(hex, 'hex').toString('base64url')
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64(X), y: b64(Y) }, format: 'jwk' })
}

const bigOf = (bytes) => BigInt(`0x${Buffer.from(bytes).toString('hex')}`)
const bytesOf = (v) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex')

/**
 * The ECDSA nonce k of a SigV4a signature by the private key d over
 * stringToSign: RFC 6979's HMAC_DRBG with SHA-256 (section 3.2), seeded
 * with d and the hash reduced mod n, its first output in [1, n-1].
 */
export function sigv4aNonce (d, stringToSign) {
  const h = bytesOf(bigOf(createHash('sha256').update(stringToSign).digest()) % N)
  const mac = (key, ...parts) => createHmac('sha256', key).update(Buffer.concat(parts)).digest()
  let K = Buffer.alloc(32)
  let V = Buffer.alloc(32, 1)
  K = mac(K, V, Buffer.from([0]), d, h)
  V = mac(K, V)
  K = mac(K, V, Buffer.from([1]), d, h)
  V = mac(K, V)
  for (;;) {
    V = mac(K, V)
    const k = bigOf(V)
    if (k >= 1n && k < N) return V
    K = mac(K, V, Buffer.from([0]))
    V = mac(K, V)
  }
}

/** A 256-bit big-endian number as BearSSL's i31 words lie in memory: 31 bits a word, low first, little-endian. */
export function i31Words (bytes) {
  const v = bigOf(bytes)
  const out = Buffer.alloc(36)
  for (let i = 0; i < 9; i++) out.writeUInt32LE(Number((v >> BigInt(31 * i)) & 0x7fffffffn), 4 * i)
  return out
}
