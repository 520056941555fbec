// Two canonical requests (or strings to sign) side by side, line by line:
// each line named for what it holds (method, path, query, one header,
// signed headers, payload hash), aligned by that name, so that a header
// one side lacks does not shift every line after it; and in a changed
// line, the characters that differ.

const STRING_TO_SIGN_LABELS = ['algorithm', 'date', 'scope', 'canonical request hash']

/** Each line of a canonical request with its name: [label, text][]. */
function labelCanonicalRequest (text) {
  const lines = text.split('\n')
  const blank = lines.indexOf('', 3)
  if (lines.length < 6 || blank < 0 || blank !== lines.length - 3) {
    return lines.map((line, i) => [`line ${i + 1}`, line])
  }
  const out = [['method', lines[0]], ['path', lines[1]], ['query', lines[2]]]
  for (const line of lines.slice(3, blank)) {
    const colon = line.indexOf(':')
    out.push([`header ${colon < 0 ? line : line.slice(0, colon)}`, line])
  }
  out.push(['end of headers', ''], ['signed headers', lines[blank + 1]], ['payload hash', lines[blank + 2]])
  return out
}

/** Each line of a string to sign with its name. */
function labelStringToSign (text) {
  return text.split('\n').map((line, i) => [STRING_TO_SIGN_LABELS[i] ?? `line ${i + 1}`, line])
}

// The characters that differ: after the common prefix, before the common suffix.
function spanOf (a, b) {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  return { aws: [start, a.length - end], ours: [start, b.length - end] }
}

/**
 * The lines of `aws` and `ours` ([label, text][] each) aligned by label:
 * [{ kind: 'same' | 'changed' | 'aws-only' | 'ours-only', label, aws?,
 * ours?, span? }]. Labels in the order the two sides agree on; a label
 * one side lacks comes where it stands in the other.
 */
function diffLabelled (aws, ours) {
  const out = []
  const oursAt = new Map(ours.map(([label], i) => [label, i]))
  const awsLabels = new Set(aws.map(([label]) => label))
  let j = 0
  const flushOurs = (until) => {
    for (; j < until; j++) {
      const [label, text] = ours[j]
      if (!awsLabels.has(label)) out.push({ kind: 'ours-only', label, ours: text })
    }
  }
  for (const [label, text] of aws) {
    const at = oursAt.get(label)
    if (at === undefined) {
      out.push({ kind: 'aws-only', label, aws: text })
      continue
    }
    // (Out of order, at < j: still paired, where AWS has it.)
    if (at >= j) {
      flushOurs(at)
      j = at + 1
    }
    const mine = ours[at][1]
    out.push(mine === text
      ? { kind: 'same', label, aws: text, ours: mine }
      : { kind: 'changed', label, aws: text, ours: mine, span: spanOf(text, mine) })
  }
  flushOurs(ours.length)
  return out
}

/** The diff of two canonical requests and of two strings to sign, by line. */
export function diffSigning (aws, ours) {
  return {
    canonicalRequest: diffLabelled(labelCanonicalRequest(aws.canonicalRequest), labelCanonicalRequest(ours.canonicalRequest)),
    stringToSign: diffLabelled(labelStringToSign(aws.stringToSign), labelStringToSign(ours.stringToSign)),
  }
}
