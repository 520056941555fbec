// A signing key struct, and HMAC-SHA256 of a string with it: the signature
// of an S3 POST policy, of a string to sign that diagnose() recomputes, and
// the key of an event stream's day. One
// sigv4w_stream call of kind STRING, which reads no chain (date, previous
// signature) and writes no frame. A file of its own, so that presignPost()
// does not carry the streaming signer (js/stream.js).

import { STRINGS_START, SOUT_BYTES, STREAM_STRING, SOUT_SIGNATURE } from './abi.js'
import { failC } from './errors.js'
import { putText, ascii } from './arena.js'

// The call's arena: the key struct at STRINGS_START (240 bytes), the
// output record, the text; each offset a sum of imported constants, which
// a bundle folds into a number (js/stream.js).
const AT_OUT = STRINGS_START + 240
const AT_TEXT = STRINGS_START + 240 + SOUT_BYTES

/**
 * The signing key struct of `credentials` for region and service on the
 * day of `seconds`, and that second's X-Amz-Date: found or derived by an
 * ordinary signing call, which checks a cached key against the secret. The
 * key is a copy, as secret as the key itself: the caller wipes it.
 */
export function signingKey (signer, credentials, region, service, seconds) {
  const { key, amzDate } = signer.signSeed({ url: 'https://signing-key.invalid/' },
    { credentials, region, service, signingDate: seconds * 1000 })
  return { key, amzDate }
}

/**
 * HMAC-SHA256 of `text` (64 hex digits) with a signingKey() key struct,
 * which is wiped after. `signer` is a Signer (js/signer.js).
 */
export function signText (signer, key, text) {
  const w = signer.ready()
  let end = AT_TEXT
  try {
    w.u8.set(key, STRINGS_START)
    end = putText(w.u8, AT_TEXT, w.size, text)
    const rc = w.x.sigv4w_stream(STREAM_STRING, STRINGS_START, 0, 0, 0, AT_TEXT, end - AT_TEXT, 0, 0, AT_OUT)
    if (rc !== 0) failC(rc)
    return ascii(w, AT_OUT + SOUT_SIGNATURE, 64)
  } finally {
    key.fill(0)
    w.u8.fill(0, 0, end)
  }
}
