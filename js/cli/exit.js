// The exit codes of sigv4-wasm, in one place: main.js exits with them and
// help.js documents them from this table.

export const EXIT = Object.freeze({
  OK: 0,
  FAILURE: 1, // the network or a file failed (connection refused, no such file)
  USAGE: 2, // the command line is wrong (unknown flag, missing URL)
  HTTP: 3, // the server answered with status 400 or more
  SIGNING: 4, // signing could not be done (bad URL, no credentials, unknown region)
  NOT_VALID: 5, // verify: the request does not verify
})

// What each code means, for --help.
export const EXIT_MEANINGS = [
  [EXIT.OK, 'success (verify: the request verifies)'],
  [EXIT.FAILURE, 'network or file error'],
  [EXIT.USAGE, 'usage error (unknown flag, missing argument)'],
  [EXIT.HTTP, 'the response status was 400 or more'],
  [EXIT.SIGNING, 'signing error (credentials, URL, region or service)'],
  [EXIT.NOT_VALID, 'verify: the request does not verify'],
]

/** An error the CLI reports in one line and exits with. */
export class CliError extends Error {
  constructor (exitCode, message) {
    super(message)
    this.exitCode = exitCode
  }
}

/** The error for a file that cannot be read or written (exit 1): its path, and the system's code for why. */
export function fileError (verb, path, e) {
  return new CliError(EXIT.FAILURE, `cannot ${verb} ${path}: ${e.code || e.message}`)
}

/** Throws a usage error (exit 2). */
export function usage (message) {
  throw new CliError(EXIT.USAGE, message)
}

/**
 * A SigV4Error from any of the package's entries: sigv4-wasm/node throws
 * the main entry's class, the CLI's library is sigv4-wasm/v4a's.
 */
export function isSigV4Error (e) {
  return e instanceof Error && e.name === 'SigV4Error' && typeof e.code === 'string'
}
