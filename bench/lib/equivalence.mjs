// Before anything is timed: does every signer produce the same Authorization
// header for the request? A benchmark of different work is worthless, so a
// signer that differs (or throws) is reported and left out of the timing.

function signedHeadersOf (authorization) {
  const m = /SignedHeaders=([^,]*)/.exec(authorization || '')
  return m ? m[1] : null
}

// signers: [{ key, name, sign(r) }]; expected: the reference Authorization,
// or referenceKey: the signer whose output is the reference.
export async function checkEquivalence (signers, r, { expected, referenceKey } = {}) {
  const rows = []
  for (const s of signers) {
    try {
      rows.push({ key: s.key, name: s.name, authorization: await s.sign(r) })
    } catch (e) {
      rows.push({ key: s.key, name: s.name, authorization: null, error: String(e && e.message || e) })
    }
  }
  let reference = expected
  if (reference === undefined) {
    const ref = rows.find((x) => x.key === referenceKey)
    if (!ref) throw new Error(`equivalence: no reference signer "${referenceKey}"`)
    if (!ref.authorization) throw new Error(`equivalence: reference ${ref.name} failed: ${ref.error}`)
    reference = ref.authorization
  }
  // The common header set is part of the fixture: if the reference signed
  // another set, the libraries were not configured alike.
  const signedHeaders = signedHeadersOf(reference)
  if (signedHeaders !== r.signedHeaders) {
    throw new Error(`equivalence: ${r.label}: reference signed "${signedHeaders}", fixture expects "${r.signedHeaders}"`)
  }
  for (const row of rows) row.same = row.authorization === reference
  return { request: r.id, reference, signedHeaders, rows }
}

export function formatEquivalence (eq, label) {
  const lines = [`${label}: SignedHeaders=${eq.signedHeaders}`, `  reference Signature=${eq.reference.slice(-64)}`]
  for (const row of eq.rows) {
    const what = row.same ? 'SAME' : row.error ? `ERROR ${row.error}` : `DIFFERENT ${row.authorization}`
    lines.push(`  ${row.same ? 'ok ' : 'NO '} ${row.name.padEnd(48)} ${what}${row.same ? '' : '  -> not timed'}`)
  }
  return lines.join('\n')
}
