// A Diagnosis as markup: the causes in words, and the canonical request and
// string to sign as AWS computed them beside ours, line by line, with the
// lines that differ marked and the characters that differ highlighted.

const BADGE = { changed: 'differs', 'aws-only': 'only in AWS’s', 'ours-only': 'only in ours' }

function el (name, attrs = {}, ...children) {
  const node = document.createElement(name)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  node.append(...children)
  return node
}

// A line as code, the characters in [start, end) in a <mark> (an empty
// range, where the other side has characters this one lacks, shows as a gap).
function line (text, range) {
  if (text === undefined) return el('td', { class: 'absent' })
  const code = el('code')
  if (range) {
    const [start, end] = range
    code.append(text.slice(0, start), el('mark', start === end ? { class: 'gap' } : {}, text.slice(start, end)), text.slice(end))
  } else {
    code.append(text)
  }
  return el('td', {}, code)
}

function row (d, withAws, withLabel) {
  const tr = el('tr', { class: d.kind, 'data-kind': d.kind, 'data-label': d.label || '' })
  if (withLabel) {
    const head = el('th', { scope: 'row' }, d.label || '')
    if (withAws && BADGE[d.kind]) head.append(' ', el('strong', { class: 'badge' }, BADGE[d.kind]))
    tr.append(head)
  }
  if (withAws) tr.append(line(d.aws, d.span?.aws))
  tr.append(line(d.ours, d.span?.ours))
  return tr
}

// Without AWS's side (no error body, or one that does not say), ours alone.
function table (lines, ours, oursText, aws, labelledBy) {
  const rows = lines.length ? lines : oursText.split('\n').map((ours) => ({ kind: 'same', label: '', ours }))
  const withLabel = rows.some((d) => d.label)
  const cols = withLabel ? [el('th', { scope: 'col' }, 'Line')] : []
  if (aws) cols.push(el('th', { scope: 'col' }, 'AWS computed'))
  cols.push(el('th', { scope: 'col' }, ours.label))
  return el('table', { 'aria-labelledby': labelledBy },
    el('thead', {}, el('tr', {}, ...cols)),
    el('tbody', {}, ...rows.map((d) => row(d, Boolean(aws), withLabel))))
}

/** AWS's error code and message, as the error body gave them. */
export function showAwsSaid (target, awsError) {
  target.replaceChildren()
  if (!awsError) {
    target.append('No error body given: below is what sigv4-wasm signs for this request.')
    return
  }
  target.append('AWS said:')
  if (awsError.code) target.append(' ', el('code', {}, awsError.code))
  if (awsError.message) target.append(` “${awsError.message}”`)
}

/** Fills the causes list and the two comparisons from a Diagnosis. */
export function showDiagnosis (diagnosis, { causes, canonicalRequest, stringToSign }) {
  causes.replaceChildren(...diagnosis.causes.map((c) =>
    el('li', { 'data-code': c.code }, el('h3', {}, c.title), el('p', {}, c.detail))))
  const { aws, ours, diff } = diagnosis
  canonicalRequest.replaceChildren(table(diff.canonicalRequest, ours, ours.canonicalRequest, aws, 'canonical-heading'))
  stringToSign.replaceChildren(table(diff.stringToSign, ours, ours.stringToSign, aws, 'sts-heading'))
  if (!aws) {
    const note = 'AWS’s error body did not include its own canonical request, so only ours is shown.'
    canonicalRequest.prepend(el('p', { class: 'hint' }, note))
  }
}
