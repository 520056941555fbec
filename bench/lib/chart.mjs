// results.json -> one SVG: a bar panel per part (horizontal bars, median
// with an IQR whisker) and the target verdicts. Plain string building, no
// dependency.
import { verdict } from './targets.mjs'
import { sig } from './format.mjs'
import { busy } from './env.mjs'

const W = 1000
const LABEL_W = 330
const BAR_X = 20 + LABEL_W
const BAR_W = 500
const BAR_H = 13
const GAP = 3
const FONT = 'font-family="system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif"'

const COLORS = {
  ours: '#e8590c', 'ours-async': '#f59f00', 'ours-esm': '#e8590c', 'ours-cjs': '#f59f00', 'wasm-raw': '#f59f00', 'ours-glue': '#f59f00',
  'smithy-node': '#1971c2', 'smithy-js': '#74c0fc', 'smithy-browser': '#4dabf7',
  aws4: '#2f9e44', aws4fetch: '#7048e8', 'hash-wasm': '#c2255c', 'sha256-js': '#74c0fc',
  'hash-only': '#868e96', 'subtle-only': '#868e96', node: '#868e96', webcrypto: '#495057', native: '#212529', noop: '#ced4da',
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const text = (x, y, s, attrs = '') => `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(s)}</text>`

function scaleFor (values, log) {
  const v = values.filter((x) => x > 0)
  if (log) {
    const lo = 10 ** Math.floor(Math.log10(Math.min(...v)))
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...v)))
    const at = (x) => BAR_X + ((Math.log10(Math.max(x, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * BAR_W
    const ticks = []
    for (let t = lo; t <= hi * 1.0001; t *= 10) ticks.push(t)
    return { at, ticks }
  }
  const max = Math.max(...v)
  const step = 10 ** Math.floor(Math.log10(max / 4))
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => max / s <= 6)
  const hi = Math.ceil(max / nice) * nice
  const ticks = []
  for (let t = 0; t <= hi + nice / 2; t += nice) ticks.push(t)
  return { at: (x) => BAR_X + (x / hi) * BAR_W, ticks }
}

// groups: [{ label, bars: [{ key, name, value, lo?, hi?, note? }] }]
function barPanel (y0, { title, subtitle, groups, log, unit, tick }) {
  const all = groups.flatMap((g) => g.bars.flatMap((b) => [b.value, b.lo, b.hi])).filter((x) => x > 0)
  if (!all.length) return { svg: '', height: 0 }
  const { at, ticks } = scaleFor(all, log)
  const out = [text(20, y0 + 18, title, 'font-size="15" font-weight="600"')]
  if (subtitle) out.push(text(20, y0 + 34, subtitle, 'font-size="11" fill="#555"'))
  let y = y0 + (subtitle ? 46 : 30)
  const top = y
  for (const g of groups) {
    if (g.label) {
      out.push(text(20, y + 11, g.label, 'font-size="12" font-weight="600" fill="#333"'))
      y += 16
    }
    for (const b of g.bars) {
      out.push(text(BAR_X - 8, y + 10, b.name, 'font-size="11" text-anchor="end" fill="#222"'))
      if (b.value > 0) {
        const x1 = at(b.value)
        out.push(`<rect x="${BAR_X}" y="${y}" width="${Math.max(1, x1 - BAR_X).toFixed(1)}" height="${BAR_H}" fill="${COLORS[b.key] || '#adb5bd'}"/>`)
        if (b.lo > 0 && b.hi > 0) {
          out.push(`<line x1="${at(b.lo).toFixed(1)}" x2="${at(b.hi).toFixed(1)}" y1="${y + BAR_H / 2}" y2="${y + BAR_H / 2}" stroke="#000" stroke-opacity="0.55"/>`)
        }
        out.push(text(Math.max(x1, b.hi > 0 ? at(b.hi) : 0) + 5, y + 10, unit(b.value), 'font-size="11" fill="#222"'))
      } else {
        out.push(text(BAR_X + 4, y + 10, b.note || 'not measured', 'font-size="11" fill="#c92a2a"'))
      }
      y += BAR_H + GAP
    }
    y += 6
  }
  const grid = ticks.map((t) => `<line x1="${at(t).toFixed(1)}" x2="${at(t).toFixed(1)}" y1="${top - 2}" y2="${y - 4}" stroke="#dee2e6"/>` +
    text(at(t), y + 8, tick(t), 'font-size="10" text-anchor="middle" fill="#777"'))
  return { svg: grid.join('') + out.join(''), height: y - y0 + 22 }
}

const timeUnit = (ns) => (ns >= 1e6 ? `${sig(ns / 1e6)} ms` : `${sig(ns / 1e3)} µs`)
const timeTick = (ns) => (ns >= 1e6 ? `${ns / 1e6} ms` : ns >= 1e3 ? `${ns / 1e3} µs` : `${ns} ns`)

function signGroups (part) {
  return part.requests.map((r) => ({
    label: r.label,
    bars: r.cases.map((c) => ({ key: c.key, name: c.name, value: c.median_ns, lo: c.p25_ns, hi: c.p75_ns })),
  }))
}

function panels (results) {
  const p = results.parts
  const list = []
  const ok = (k) => p[k] && !p[k].error
  if (ok('sign')) {
    list.push({ title: 'Signing latency in Node (median per signature, log scale; shorter is better)', groups: signGroups(p.sign.data), log: true, unit: timeUnit, tick: timeTick })
  }
  if (ok('browser')) {
    list.push({ title: 'Signing latency in headless Chromium (log scale; shorter is better)', subtitle: p.browser.data.chromium, groups: signGroups(p.browser.data), log: true, unit: timeUnit, tick: timeTick })
  }
  if (ok('sha')) {
    list.push({
      title: 'SHA-256 throughput in Node (MB/s = 10^6 B/s, log scale; longer is better)',
      groups: p.sha.data.sizes.map((s) => ({
        label: s.label,
        bars: s.cases.map((c) => ({ key: c.key, name: c.name, value: (s.bytes / c.median_ns) * 1e3, lo: (s.bytes / c.p75_ns) * 1e3, hi: (s.bytes / c.p25_ns) * 1e3 })),
      })),
      log: true, unit: (v) => `${sig(v)} MB/s`, tick: (v) => String(v),
    })
  }
  if (ok('cold')) {
    list.push({
      title: 'Cold start in Node: import + init + first signature in a fresh process (ms; shorter is better)',
      subtitle: `median of ${p.cold.data.runs} processes per library, measured inside the process`,
      groups: [{ bars: p.cold.data.cases.filter((c) => c.key !== 'noop').map((c) => ({ key: c.key, name: c.name, value: c.total_ms?.median, lo: c.total_ms?.p25, hi: c.total_ms?.p75, note: 'signature differed: not timed' })) }],
      log: false, unit: (v) => `${sig(v)} ms`, tick: (v) => String(v),
    })
  }
  if (ok('size')) {
    list.push({
      title: 'Browser bundle of a one-request app, esbuild --minify, gzip -9 (bytes; shorter is better)',
      groups: [{
        bars: p.size.data.bundles.map((b) => ({
          key: b.key,
          name: b.asset ? `${b.name.replace(' (+ .wasm asset)', '')} + .wasm` : b.name,
          value: b.gzip ? b.gzip + (b.asset ? b.asset.gzip : 0) : null,
          note: b.error ? b.error.slice(0, 80) : undefined,
        })),
      }],
      log: false, unit: (v) => `${v.toLocaleString('en-US')} B`, tick: (v) => String(v),
    })
  }
  return list
}

function targetsPanel (y0, targets) {
  const out = [text(20, y0 + 18, 'Targets of issue 5', 'font-size="15" font-weight="600"')]
  let y = y0 + 38
  for (const t of targets) {
    const mark = t.met === null ? '–' : t.met ? '✔' : '✘'
    const color = t.met === null ? '#868e96' : t.met ? '#2b8a3e' : '#c92a2a'
    out.push(text(20, y, mark, `font-size="13" fill="${color}"`))
    out.push(text(38, y, `${t.what}: ${verdict(t)}`, 'font-size="12" font-weight="600" fill="#222"'))
    out.push(text(38, y + 15, `target ${t.target} — measured ${t.measured}`, 'font-size="11" fill="#444"'))
    y += 36
  }
  return { svg: out.join(''), height: y - y0 }
}

export function renderChart (results) {
  const e = results.env || {}
  const parts = []
  let y = 10
  parts.push(text(20, y + 20, 'sigv4-wasm benchmarks', 'font-size="20" font-weight="700"'))
  parts.push(text(20, y + 38, `${results.generated}${results.quick ? ' (quick mode)' : ''} · ${e.cpu || ''} ×${e.cpus || '?'} · Node ${e.node || ''} · commit ${e.commit || '?'}${e.library_modified ? ' (modified)' : ''} · ${e.wasm_bytes || '?'} B wasm · load average ${(e.loadavg_at_start || [])[0]}${busy(e) ? ' (busy machine: noisy)' : ''}`, 'font-size="11" fill="#555"'))
  y += 56
  const t = targetsPanel(y, results.targets)
  parts.push(t.svg)
  y += t.height + 10
  for (const spec of panels(results)) {
    const p = barPanel(y, spec)
    parts.push(p.svg)
    y += p.height + 14
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${Math.ceil(y)}" viewBox="0 0 ${W} ${Math.ceil(y)}" ${FONT}>` +
    `<rect width="100%" height="100%" fill="#fff"/>${parts.join('\n')}</svg>\n`
}
