// Deno (the npm package's binary): the packed package imported by its bare
// name from node_modules, running the shared scenarios with Deno's fetch and
// with axios (http adapter over Deno's node:http, and fetch adapter).
//
// Deno's fetch drops a content-length header given with a ReadableStream
// body and sends the stream with transfer-encoding: chunked
// (denoland/deno#24197; so in Deno 2.9.6, the version tested). An
// aws-chunked upload signs its content-length (S3 wants the length), so a
// streamed one arrives without a signed header and is refused: the entry
// sends the encoded bodies as bytes, and the stream probe must still show
// Deno's behaviour. When it fails because the length arrived, Deno can
// stream uploads: drop streamUploads: false from entries/node.mjs.
import test from 'node:test'
import assert from 'node:assert/strict'
import { binPath, findRuntime, run, scenariosInChild } from './support/host.mjs'

const ADAPTERS = ['http', 'fetch']
const deno = findRuntime(binPath('deno'), 'deno')

test('Deno: fetch and axios scenarios verify; tampered copies are refused; verify() checks requests', { skip: deno.skip, timeout: 120_000 }, async (t) => {
  if (deno.missing) assert.fail(deno.missing)
  const version = (await run(deno.path, ['--version'])).stdout.split('\n')[0]
  t.diagnostic(version)
  const out = await scenariosInChild({
    label: 'deno',
    entry: 'node.mjs',
    axiosAdapters: ADAPTERS,
    env: { DENO_NO_UPDATE_CHECK: '1' },
    command: (file, config) => [deno.path, ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', file, config]],
    probe: (p, seen) => {
      assert.equal(seen.length, 1, `the stream probe reached the server: ${JSON.stringify(p)}`)
      const framing = seen[0].headers.filter(([n]) => /^(content-length|transfer-encoding)$/i.test(n)).map(([n, v]) => [n.toLowerCase(), v])
      assert.deepEqual(framing, [['transfer-encoding', 'chunked']], 'Deno now sends the content-length of a stream body: stream the uploads')
      // verify() names it: a signed header the request does not have.
      assert.deepEqual([p.status, p.reason, seen[0].code, seen[0].missingSignedHeaders], [403, 'AuthorizationHeaderMalformed', 'ERR_SIGNED_HEADERS', ['content-length']])
    },
  })
  assert.equal(out.runtime.name, 'deno')
  assert.equal(version.split(' ')[1], out.runtime.version)
  assert.match(out.entry, /\/node_modules\/sigv4-wasm\/dist\/index\.mjs$/)
  t.diagnostic(`ran: ${out.results.map((r) => r.name).join(', ')}`)
  t.diagnostic(`verify: ${JSON.stringify(out.verifyCounts)}`)
})
