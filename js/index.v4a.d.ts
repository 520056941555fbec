// Types for sigv4-wasm/v4a: everything the default entry has, for SigV4
// and SigV4a (options.algorithm, options.regionSet), and publicKey().
// presignPost() and verifyPost() stay SigV4: S3 has no SigV4a POST policy.
import type { Credentials } from './index.js'
export * from './index.js'

/**
 * The SigV4a public key of a credential, as verifiers are configured with
 * it: the uncompressed P-256 point (04 || X || Y) as 130 hex digits. It
 * depends on the access key id and secret only.
 */
export function publicKey(credentials: Credentials): string
