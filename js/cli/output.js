// Everything the CLI writes goes through here: secrets are replaced
// before a byte is written, colours appear only on a terminal and never
// with NO_COLOR, and --json documents are printed one way.

const secrets = new Set()

/** Never print `secret` (a secret access key) from now on. */
export function hideSecret (secret) {
  if (typeof secret === 'string' && secret.length >= 4) secrets.add(secret)
}

function redact (text) {
  for (const s of secrets) if (text.includes(s)) text = text.split(s).join('[secret]')
  return text
}

/** Colours for a stream: on a TTY, unless NO_COLOR is set (no-color.org). */
export function colorsFor (stream) {
  const on = Boolean(stream.isTTY) && !process.env.NO_COLOR
  const wrap = (open, close) => (s) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s)
  return {
    on,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    redBg: wrap(41, 49),
    greenBg: wrap(42, 49),
  }
}

export const out = {
  write (text) { process.stdout.write(redact(text)) },
  line (text = '') { process.stdout.write(redact(text) + '\n') },
  /** Bytes (a body): written as they are unless they hold a secret. */
  bytes (bytes) {
    const b = Buffer.from(bytes)
    if ([...secrets].some((s) => b.includes(s))) process.stdout.write(redact(b.toString('latin1')), 'latin1')
    else process.stdout.write(bytes)
  },
  json (value) {
    process.stdout.write(redact(JSON.stringify(value, jsonValue, 2)) + '\n')
  },
}

export const err = {
  line (text) { process.stderr.write(redact(text) + '\n') },
}

// Bytes (bodies) as their length.
function jsonValue (key, value) {
  if (value instanceof Uint8Array) return { bytes: value.length }
  return value
}

const MiB = 1024 * 1024

/** A progress bar on stderr when it is a terminal; a no-op otherwise. */
export function progressBar (total, label) {
  if (!process.stderr.isTTY) return { add () {}, done () {} }
  let sent = 0
  let last = 0
  const draw = () => {
    const width = 30
    const filled = total ? Math.round((sent / total) * width) : 0
    const pct = total ? Math.floor((sent / total) * 100) : 0
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(pct).padStart(3)}% ${(sent / MiB).toFixed(1)}/${(total / MiB).toFixed(1)} MiB`)
  }
  return {
    add (n) {
      sent += n
      const now = Date.now()
      if (now - last > 100 || sent === total) { last = now; draw() }
    },
    done () { draw(); process.stderr.write('\n') },
  }
}
