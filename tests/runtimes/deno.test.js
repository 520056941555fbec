// Deno (the npm package's binary): the packed package imported by its bare
// name from node_modules, running the shared scenarios with Deno's fetch and
// with axios (http adapter over Deno's node:http, and fetch adapter).
import test from 'node:test'
import assert from 'node:assert/strict'
import { binPath, findRuntime, run, scenariosInChild } from './support/host.mjs'

const ADAPTERS = ['http', 'fetch']
const deno = findRuntime(binPath('deno'), 'deno')

test('Deno: fetch and axios scenarios verify; tampered copies are refused', { skip: deno.skip, timeout: 120_000 }, async (t) => {
  if (deno.missing) assert.fail(deno.missing)
  const version = (await run(deno.path, ['--version'])).stdout.split('\n')[0]
  t.diagnostic(version)
  const out = await scenariosInChild({
    label: 'deno',
    entry: 'node.mjs',
    axiosAdapters: ADAPTERS,
    env: { DENO_NO_UPDATE_CHECK: '1' },
    command: (file, config) => [deno.path, ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', file, config]],
  })
  assert.equal(out.runtime.name, 'deno')
  assert.equal(version.split(' ')[1], out.runtime.version)
  assert.match(out.entry, /\/node_modules\/sigv4-wasm\/dist\/index\.mjs$/)
  t.diagnostic(`ran: ${out.results.map((r) => r.name).join(', ')}`)
})
