// Bun (the npm package's binary): the packed package imported by its bare
// name, running the shared scenarios with Bun's fetch and with axios (http
// adapter over Bun's node:http, and fetch adapter).
import test from 'node:test'
import assert from 'node:assert/strict'
import { binPath, findRuntime, run, scenariosInChild } from './support/host.mjs'

const ADAPTERS = ['http', 'fetch']
const bun = findRuntime(binPath('bun'), 'bun')

test('Bun: fetch and axios scenarios verify; tampered copies are refused; verify() checks requests', { skip: bun.skip, timeout: 120_000 }, async (t) => {
  if (bun.missing) assert.fail(bun.missing)
  const version = (await run(bun.path, ['--version'])).stdout.trim()
  t.diagnostic(`bun ${version}`)
  const out = await scenariosInChild({
    label: 'bun',
    entry: 'node.mjs',
    axiosAdapters: ADAPTERS,
    command: (file, config) => [bun.path, ['run', file, config]],
  })
  assert.equal(out.runtime.name, 'bun')
  assert.equal(out.runtime.version, version)
  assert.match(out.entry, /\/node_modules\/sigv4-wasm\/dist\/index\.mjs$/)
  t.diagnostic(`ran: ${out.results.map((r) => r.name).join(', ')}`)
  t.diagnostic(`verify: ${JSON.stringify(out.verifyCounts)}`)
})
