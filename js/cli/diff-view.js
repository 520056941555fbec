// A Diagnosis's line diff (LineDiff[]) as text: "  " lines both sides
// share, "- " AWS's line, "+ " ours; in a changed pair, the differing
// characters in colour, or marked with ^ under them without colour.

function marked (text, span, paint, c) {
  if (!span) return text
  const [a, b] = span
  return c.on ? text.slice(0, a) + paint(text.slice(a, b) || ' ') + text.slice(b) : text
}

function carets (prefix, text, span, c) {
  if (c.on || !span) return []
  const [a, b] = span
  return [`${' '.repeat(prefix.length + a)}${'^'.repeat(Math.max(1, b - a))}`]
}

/** Lines of text for one LineDiff[] (`c`: output.js colours). */
export function diffLines (diff, c) {
  const width = Math.min(48, Math.max(0, ...diff.map((d) => Math.max((d.aws ?? '').length, (d.ours ?? '').length))))
  // Padded by the text's own length: colour codes take no columns.
  const label = (text, l, shown = text) => `${shown}${' '.repeat(Math.max(0, width - text.length))}  ${c.dim(`(${l})`)}`
  const lines = []
  for (const d of diff) {
    if (d.kind === 'same') { lines.push(`  ${label(d.aws, d.label)}`); continue }
    if (d.aws !== undefined) {
      lines.push(c.red('- ') + label(d.aws, `${d.label}: AWS`, marked(d.aws, d.span?.aws, c.redBg, c)))
      lines.push(...carets('- ', d.aws, d.span?.aws, c))
    }
    if (d.ours !== undefined) {
      lines.push(c.green('+ ') + label(d.ours, `${d.label}: ours`, marked(d.ours, d.span?.ours, c.greenBg, c)))
      lines.push(...carets('+ ', d.ours, d.span?.ours, c))
    }
  }
  return lines
}
