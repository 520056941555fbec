// A received request's headers as they came on the wire, for verify():
// req.rawHeaders as [name, value] pairs, duplicates kept in order.

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true })

// Node decodes header bytes as latin1; recover UTF-8 text when that is what
// was sent (verify() reads header values as UTF-8).
export function wireText (s) {
  if (!/[^\x00-\x7f]/.test(s)) return s
  try { return fatalUtf8.decode(Buffer.from(s, 'latin1')) } catch { return s }
}

/** req.rawHeaders ([name, value, name, value, ...]) as [[name, value], ...]. */
export function rawHeaderPairs (raw) {
  const out = []
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], wireText(raw[i + 1])])
  return out
}
