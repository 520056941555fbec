// Quoting a word for POSIX sh (no dependencies: the CLI imports it too).

// Characters sh takes literally outside quotes.
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/

/** `s` quoted for sh: as it is when safe, else in single quotes. */
export function shellQuote (s) {
  if (s !== '' && SAFE.test(s)) return s
  return `'${s.replace(/'/g, "'\\''")}'`
}
