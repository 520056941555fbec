// The package as users get it, shared by every runtime test: `npm pack`,
// then installed (with axios) into a consumer project under
// build/runtimes/<key>, where <key> hashes everything that goes into the
// tarball. Packing and installing take seconds, so the project is made once
// per build and reused by every runtime and every later run.
//
// Safe when several test processes ask at once: each builds in its own
// staging directory and renames it into place; the first rename wins and
// the others use the winner's.

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const cacheDir = join(root, 'build', 'runtimes')

function lockedVersion (name) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
  return lock.packages[`node_modules/${name}`].version
}

function buildKey (axiosVersion) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const h = createHash('sha256').update(JSON.stringify(pkg)).update(`axios@${axiosVersion}`)
  for (const file of [...pkg.files, 'README.md', 'LICENSE']) {
    const path = join(root, file)
    if (!existsSync(path)) throw new Error(`${file} is missing: run scripts/build.sh first`)
    for (const one of filesUnder(path)) h.update(one.slice(root.length)).update(readFileSync(one))
  }
  return h.digest('hex').slice(0, 16)
}

// A "files" entry: a file, or a directory's files (js/cli/), in a fixed order.
function filesUnder (path) {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((d) => filesUnder(join(path, d.name)))
}

function npm (args, cwd) {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

function makeProject (staging, axiosVersion) {
  const out = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', staging], root)
  const tarball = JSON.parse(out.slice(out.indexOf('['))).at(0).filename
  writeFileSync(join(staging, 'package.json'), JSON.stringify({
    name: 'sigv4-wasm-runtime-consumer',
    private: true,
    type: 'module',
    dependencies: { 'sigv4-wasm': `file:./${tarball}`, axios: axiosVersion },
  }, null, 2))
  // --prefer-offline: axios comes from npm's cache, which the repo's own
  // install filled; the registry is asked only when the cache lacks it.
  npm(['install', '--prefer-offline', '--ignore-scripts'], staging)
  return tarball
}

/**
 * The consumer project for the current build: { dir, tarball, key }.
 * dir/node_modules holds sigv4-wasm (from the tarball) and axios.
 */
export function packedProject () {
  const axiosVersion = lockedVersion('axios')
  const key = buildKey(axiosVersion)
  const dir = join(cacheDir, key)
  const done = join(dir, '.complete')
  if (!existsSync(done)) {
    mkdirSync(cacheDir, { recursive: true })
    const staging = mkdtempSync(join(cacheDir, 'staging-'))
    try {
      const tarball = makeProject(staging, axiosVersion)
      writeFileSync(join(staging, '.complete'), tarball)
      renameSync(staging, dir)
    } catch (e) {
      rmSync(staging, { recursive: true, force: true })
      if (!existsSync(done)) throw e // else another process finished first
    }
    // Projects of earlier builds are dead weight.
    for (const name of readdirSync(cacheDir)) {
      if (name !== key && /^[0-9a-f]{16}$/.test(name)) rmSync(join(cacheDir, name), { recursive: true, force: true })
    }
  }
  return { dir, tarball: join(dir, readFileSync(done, 'utf8')), key }
}

/**
 * A fresh directory inside the project for one runtime's run, holding the
 * scenario and the given entry files from tests/runtimes/support/entries/,
 * so that `sigv4-wasm` and `axios` resolve to the packed copies.
 */
export function runDir (project, label, entries) {
  mkdirSync(join(project.dir, 'runs'), { recursive: true })
  const dir = mkdtempSync(join(project.dir, 'runs', `${label}-`))
  const support = dirname(fileURLToPath(import.meta.url))
  writeFileSync(join(dir, 'scenario.mjs'), readFileSync(join(support, 'scenario.mjs')))
  for (const e of entries) writeFileSync(join(dir, e), readFileSync(join(support, 'entries', e)))
  return dir
}
