// AWS's SigV4a key derivation, written again from its description (the
// vectors' README, section 4) with node:crypto, as the tests' independent
// reference: the KDF's intermediates (to look for in memory) and the
// public key (to verify signatures with).
import { createECDH, createHmac, createPublicKey } from 'node:crypto'

const LABEL = 'AWS4-ECDSA-P256-SHA256'
const N_MINUS_2 = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f')

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

/** The public key of credentials, as a node:crypto KeyObject. */
export function sigv4aPublicKey (accessKeyId, secretAccessKey) {
  const ecdh = createECDH('prime256v1')
  ecdh.setPrivateKey(sigv4aKeys(accessKeyId, secretAccessKey).d)
  const q = ecdh.getPublicKey()
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: q.subarray(1, 33).toString('base64url'), y: q.subarray(33).toString('base64url') }, format: 'jwk' })
}
