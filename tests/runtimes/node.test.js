// Node 20: the packed package imported as ESM and required as CJS, each
// running the shared scenarios with fetch and with axios (http and fetch
// adapters) against the loopback verify server.
import test from 'node:test'
import assert from 'node:assert/strict'
import { scenariosInChild } from './support/host.mjs'

const ADAPTERS = ['http', 'fetch']

for (const [kind, entry, resolved] of [
  ['ESM', 'node.mjs', /\/node_modules\/sigv4-wasm\/dist\/index\.mjs$/],
  ['CJS', 'node.cjs', /\/node_modules\/sigv4-wasm\/dist\/index\.cjs$/],
]) {
  test(`Node ${process.version} (${kind}): fetch and axios scenarios verify; tampered copies are refused; verify() checks requests`, { timeout: 120_000 }, async (t) => {
    t.diagnostic(`node ${process.version}`)
    const out = await scenariosInChild({
      label: `node-${kind.toLowerCase()}`,
      entry,
      axiosAdapters: ADAPTERS,
      command: (file, config) => [process.execPath, [file, config]],
    })
    assert.equal(out.runtime.version, process.versions.node)
    assert.match(out.entry.replace(/\\/g, '/'), resolved)
    t.diagnostic(`ran: ${out.results.map((r) => r.name).join(', ')}`)
    t.diagnostic(`verify: ${JSON.stringify(out.verifyCounts)}`)
  })
}
