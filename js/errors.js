// The one error class, and throwing it. Codes from the C side keep its
// names and messages (abi.js) and carry its number as `errno`; the others
// name what the JS side checks itself (ERR_URL, ERR_BODY, ...), with the
// message given where they are thrown.

import { C_CODES, C_MESSAGES as MESSAGES } from './abi.js'

export class SigV4Error extends Error {
  constructor (code, message, errno) {
    super(message)
    this.name = 'SigV4Error'
    this.code = code
    if (errno !== undefined) this.errno = errno
  }
}

/** Throws a SigV4Error with `code` and its message (or `message`). */
export function fail (code, message) {
  throw new SigV4Error(code, message || MESSAGES[code] || code)
}

/** Throws the SigV4Error for a negative result code of the C side. */
export function failC (rc) {
  const code = C_CODES[-rc] || 'ERR_UNKNOWN'
  throw new SigV4Error(code, MESSAGES[code] || `signing failed (${rc})`, rc)
}
