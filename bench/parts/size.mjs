// Bundle size: a one-request browser app per library (bench/size/*.mjs),
// built with esbuild --bundle --minify --platform=browser --format=esm
// --target=es2022, measured raw and with gzip -9. Each bundle is then run
// (in Node) on request (b) and must produce the reference signature.
import { execFileSync } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { prepare, requestById } from '../lib/fixtures.mjs'
import { nodeSigners, REFERENCE_KEY } from '../lib/signers-node.mjs'
import { textTable } from '../lib/format.mjs'

export const ESBUILD_FLAGS = '--bundle --minify --platform=browser --format=esm --target=es2022'

export const BUNDLES = [
  { key: 'ours', name: 'sigv4-wasm, default entry (wasm inside)', entry: 'ours-default.mjs' },
  { key: 'ours-package', name: '  the same through the package (dist/index.mjs)', entry: 'ours-default-package.mjs' },
  { key: 'ours-glue', name: 'sigv4-wasm/slim (+ .wasm asset)', entry: 'ours-glue.mjs', loader: { '.wasm': 'file' } },
  { key: 'ours-v4a', name: 'sigv4-wasm/v4a (SigV4 and SigV4a, wasm inside)', entry: 'ours-v4a.mjs' },
  { key: 'ours-post', name: 'sigv4-wasm, default entry + presignPost', entry: 'ours-post.mjs' },
  { key: 'ours-js', name: 'sigv4-wasm/js (the module as plain JS)', entry: 'ours-js.mjs' },
  { key: 'smithy-browser', name: 'smithy + @aws-crypto/sha256-browser', entry: 'smithy-sha256-browser.mjs' },
  { key: 'smithy-js', name: 'smithy + @aws-crypto/sha256-js', entry: 'smithy-sha256-js.mjs' },
  { key: 'aws4fetch', name: 'aws4fetch AwsV4Signer', entry: 'aws4fetch.mjs' },
  { key: 'aws4', name: 'aws4 (no polyfills)', entry: 'aws4.mjs' },
]

// gzip -9 as the issue says; zlib's level 9 where there is no gzip binary.
export function gzipSize (file) {
  try {
    return execFileSync('sh', ['-c', 'gzip -9c < "$1" | wc -c', 'sh', file], { encoding: 'utf8' }).trim() * 1
  } catch {
    return gzipSync(readFileSync(file), { level: 9 }).length
  }
}

const sizeOf = (file) => ({ raw: readFileSync(file).length, gzip: gzipSize(file) })

export async function runSize (ctx) {
  const { log, root } = ctx
  const outRoot = join(root, 'build/bench/size')
  rmSync(outRoot, { recursive: true, force: true })
  const r = prepare(requestById('b'))
  const reference = await nodeSigners().find((s) => s.key === REFERENCE_KEY).sign(r)
  const appRequest = { ...r, headers: { 'content-type': r.contentType } }
  const wasmFile = join(root, 'dist/sigv4.wasm')
  const bundles = []
  for (const b of BUNDLES) {
    const outdir = join(outRoot, b.key)
    mkdirSync(outdir, { recursive: true })
    const row = { key: b.key, name: b.name }
    try {
      await build({
        entryPoints: [join(root, 'bench/size', b.entry)], outdir, entryNames: 'app', assetNames: '[name]',
        bundle: true, minify: true, platform: 'browser', format: 'esm', target: 'es2022',
        loader: b.loader, logLevel: 'silent',
      })
    } catch (e) {
      const errors = (e.errors || []).map((x) => x.text)
      row.error = errors.length ? `does not build: ${[...new Set(errors)].join('; ')}` : String(e.message)
      log(`  ${b.name.padEnd(40)} ${row.error}`)
      bundles.push(row)
      continue
    }
    Object.assign(row, sizeOf(join(outdir, 'app.js')))
    const assets = readdirSync(outdir).filter((f) => f.endsWith('.wasm'))
    if (assets.length) row.asset = { file: assets[0], ...sizeOf(join(outdir, assets[0])) }
    try {
      const app = (await import(pathToFileURL(join(outdir, 'app.js')).href)).default
      const auth = await app(appRequest, row.asset ? readFileSync(join(outdir, assets[0])) : undefined)
      row.same = auth === reference
      if (!row.same) row.authorization = auth
    } catch (e) {
      row.same = false
      row.error = `built, but failed to sign: ${e.message}`
    }
    bundles.push(row)
  }
  const wasm = sizeOf(wasmFile)
  const rows = []
  for (const x of bundles) {
    rows.push([x.name, x.raw ?? '–', x.gzip ?? '–', x.error ? x.error : x.same ? 'yes' : `NO: ${x.authorization}`])
    if (x.asset) rows.push([`  + ${x.asset.file} (fetched)`, x.asset.raw, x.asset.gzip, ''])
  }
  rows.push(['dist/sigv4.wasm itself', wasm.raw, wasm.gzip, ''])
  log(textTable(['one-request app', 'raw B', 'gzip -9 B', 'signs (b) like the reference'], rows, ['l', 'r', 'r', 'l']))
  log('')
  return { esbuild: `esbuild ${ESBUILD_FLAGS}`, request: r.id, reference_signature: reference.slice(-64), wasm, bundles }
}
