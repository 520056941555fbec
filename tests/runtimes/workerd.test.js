// Cloudflare's workerd (the npm package's binary): the worker is bundled
// the way wrangler bundles one — esbuild with the `workerd` export condition,
// the .wasm import left as a module of its own — and run with `workerd test`
// from a config written here. Its fetch reaches the loopback verify server
// through a network service that allows local addresses (workerd's default
// "internet" service allows only public ones).
import test from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { build } from 'esbuild'
import { packedProject, runDir, root } from './support/packed.mjs'
import { binPath, checkResults, checkStreaming, checkVerify, findRuntime, resultFrom, run, startServer, verifyVectors } from './support/host.mjs'
import { uploadData } from './support/scenario.mjs'
import * as R from '../js/support/streaming-reference.mjs'
import { sigv4aPublicKey } from '../js/support/sigv4a-kdf.mjs'

const ADAPTERS = ['fetch']
const workerd = findRuntime(binPath('workerd'), 'workerd')
const COMPATIBILITY_DATE = '2026-01-01'

// Like wrangler's module rules: an imported .wasm becomes a module named by
// its file, shipped next to the bundle; the host binds it to a
// WebAssembly.Module.
function wasmModules (outdir, seen) {
  return {
    name: 'wasm-modules',
    setup (b) {
      b.onResolve({ filter: /\.wasm$/ }, (args) => {
        const from = resolve(args.resolveDir, args.path)
        copyFileSync(from, join(outdir, basename(from)))
        seen.push(from)
        return { path: `./${basename(from)}`, external: true }
      })
    },
  }
}

// The entry bundled into bundle/worker.mjs as wrangler would; what went in.
async function bundleWorker (dir, entry) {
  const outdir = join(dir, 'bundle')
  mkdirSync(outdir)
  const wasmImports = []
  const bundled = await build({
    entryPoints: [join(dir, entry)],
    outfile: join(outdir, 'worker.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    metafile: true,
    logLevel: 'silent',
    plugins: [wasmModules(outdir, wasmImports)],
  })
  return { inputs: Object.keys(bundled.metafile.inputs), wasmImports }
}

function config ({ scenarioConfig, wasm }) {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["local"])),
  ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "bundle/worker.mjs"),
${wasm.map((w) => `    (name = "${w}", wasm = embed "bundle/${w}"),`).join('\n')}
  ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  bindings = [ (name = "CONFIG", json = ${JSON.stringify(JSON.stringify(scenarioConfig))}) ],
);
`
}

test('workerd: fetch and axios (fetch adapter) scenarios verify; tampered copies are refused; verify() checks requests in the worker', { skip: workerd.skip, timeout: 120_000 }, async (t) => {
  if (workerd.missing) assert.fail(workerd.missing)
  const version = (await run(workerd.path, ['--version'])).stdout.trim()
  const pkgVersion = JSON.parse(readFileSync(join(root, 'node_modules/workerd/package.json'), 'utf8')).version
  t.diagnostic(`${version} (npm workerd ${pkgVersion}), compatibilityDate ${COMPATIBILITY_DATE}`)

  const dir = runDir(packedProject(), 'workerd', ['worker.mjs'])
  const { inputs, wasmImports } = await bundleWorker(dir, 'worker.mjs')
  assert.ok(inputs.some((f) => f.endsWith('node_modules/sigv4-wasm/js/index.workerd.js')), 'bundled through the workerd entry')
  assert.ok(!inputs.some((f) => /sigv4-wasm\/(js\/index\.js|dist\/index\.mjs|dist\/sigv4-inline\.js)$/.test(f)), 'the default entry is not in the bundle')
  assert.deepEqual(wasmImports.map((f) => f.slice(f.indexOf('node_modules'))).sort(),
    ['sigv4-verify.wasm', 'sigv4.wasm', 'sigv4a-verify.wasm', 'sigv4a.wasm'].map((f) => `node_modules/sigv4-wasm/dist/${f}`))

  const server = await startServer()
  try {
    const vectors = verifyVectors()
    writeFileSync(join(dir, 'config.capnp'), config({ scenarioConfig: { base: server.url, label: 'workerd', axiosAdapters: ADAPTERS, vectors }, wasm: wasmImports.map((f) => basename(f)) }))
    const out = resultFrom((await run(workerd.path, ['test', 'config.capnp'], { cwd: dir })).stdout)
    assert.equal(out.runtime.name, 'workerd')
    assert.match(out.runtime.userAgent, /Cloudflare-Workers/)
    const otherPaths = await checkStreaming(out.streaming, server)
    checkResults(out.results, server, ADAPTERS, { otherPaths })
    const verifyCounts = checkVerify(out.verify, vectors)
    t.diagnostic(`ran: ${out.results.map((r) => r.name).join(', ')}`)
    t.diagnostic(`verify: ${JSON.stringify(verifyCounts)}`)
    rmSync(dir, { recursive: true, force: true })
  } finally {
    await server.close()
  }
})

test('workerd: sigv4-wasm/v4a signs SigV4a (sigv4a.wasm as a module) exactly as Node does, aws-chunked uploads too', { skip: workerd.skip, timeout: 120_000 }, async () => {
  if (workerd.missing) assert.fail(workerd.missing)
  const dir = runDir(packedProject(), 'workerd-v4a', ['worker-v4a.mjs'])
  const { inputs, wasmImports } = await bundleWorker(dir, 'worker-v4a.mjs')
  assert.ok(inputs.some((f) => f.endsWith('node_modules/sigv4-wasm/js/index.v4a.workerd.js')), 'bundled through the v4a workerd entry')
  // A bundler keeps an import it cannot see into: the receiving module ships
  // too, though this worker never verifies (nothing instantiates it).
  assert.deepEqual(wasmImports.map((f) => f.slice(f.indexOf('node_modules'))).sort(),
    ['sigv4a-verify.wasm', 'sigv4a.wasm'].map((f) => `node_modules/sigv4-wasm/dist/${f}`))
  const cfg = {
    credentials: { accessKeyId: 'AKIDWORKERDV4A', secretAccessKey: 'workerd/v4a+secret' },
    signingDate: '2026-12-02T10:00:00Z',
    chunked: { length: 20000, options: { algorithm: R.V4A, chunkSize: 8192, checksum: 'crc32' } },
  }
  writeFileSync(join(dir, 'config.capnp'), config({ scenarioConfig: cfg, wasm: wasmImports.map((f) => basename(f)) }))
  const out = resultFrom((await run(workerd.path, ['test', 'config.capnp'], { cwd: dir })).stdout)
  const v4a = await import('../../js/index.v4a.js')
  const url = 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/photos/cat.jpg'
  const { credentials, signingDate } = cfg
  const data = uploadData().subarray(0, cfg.chunked.length)
  const upload = await v4a.signChunked({ method: 'PUT', url, body: data }, { credentials, signingDate, ...cfg.chunked.options })
  assert.deepEqual(out, {
    authorization: v4a.sign({ method: 'PUT', url, body: 'meow' }, { credentials, signingDate }).headers.authorization,
    presigned: v4a.presign({ url }, { credentials, signingDate, expiresIn: 900 }),
    publicKey: v4a.publicKey(credentials),
    chunked: { headers: upload.headers, body: Buffer.from(await new Response(upload.body).arrayBuffer()).toString('hex') },
  })
  // The upload decodes under the reference decoder: every chunk and the
  // trailer signature verify under the key node:crypto derives.
  const amzDate = out.chunked.headers['x-amz-date']
  const decoded = R.decodeChunked(Buffer.from(out.chunked.body, 'hex'), {
    mode: 'signed-trailer', algorithm: R.V4A, amzDate, scope: R.credentialScope(R.V4A, amzDate, undefined, 's3'),
    seedSignature: /Signature=([0-9a-f]+)/.exec(out.chunked.headers.authorization)[1],
    publicKey: sigv4aPublicKey(credentials.accessKeyId, credentials.secretAccessKey),
    trailerNames: ['x-amz-checksum-crc32'], decodedLength: data.length,
  })
  assert.ok(decoded.decoded.equals(Buffer.from(data)))
  assert.deepEqual(decoded.chunkSizes, [8192, 8192, 3616])
  assert.equal(out.chunked.headers['x-amz-content-sha256'], 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER')
  assert.match(out.authorization, /^AWS4-ECDSA-P256-SHA256 Credential=AKIDWORKERDV4A\/20261202\/s3\/aws4_request, /)
  rmSync(dir, { recursive: true, force: true })
})
