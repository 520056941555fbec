// Number formatting and plain-text / Markdown tables.

export function sig (x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–'
  const a = Math.abs(x)
  if (a >= 100) return Math.round(x).toLocaleString('en-US')
  if (a >= 10) return x.toFixed(1)
  if (a >= 1) return x.toFixed(2)
  return x.toPrecision(2)
}

export const us = (ns) => sig(ns / 1e3)
export const ms = (ns) => sig(ns / 1e6)
export const ratio = (x) => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${x.toFixed(2)}×`)
export const mbps = (bytes, ns) => sig((bytes / ns) * 1e3) // 1 MB = 10^6 B

// Time with a unit that suits it.
export function time (ns) {
  if (ns >= 1e6) return `${ms(ns)} ms`
  return `${us(ns)} µs`
}

export function iqr (p25, p75, unit = (ns) => time(ns)) {
  return `${unit(p25)}–${unit(p75)}`
}

// rows: arrays of cells; align: 'l' | 'r' per column.
export function textTable (header, rows, align = []) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c)))
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] || '')].length)))
  const pad = (s, i) => {
    const fill = ' '.repeat(widths[i] - [...s].length)
    return align[i] === 'r' ? fill + s : s + fill
  }
  const line = (r) => '  ' + r.map(pad).join('  ').trimEnd()
  return [line(all[0]), '  ' + widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n')
}

export function markdownTable (header, rows, align = []) {
  const esc = (c) => String(c).replace(/\|/g, '\\|')
  const sep = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'))
  return [header, sep, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(esc)).join(' | ')} |`).join('\n')
}
