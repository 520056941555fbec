// Running a program in Hermes 0.12, React Native's engine (npm
// hermes-engine-cli, its Linux binary), bundled as Metro bundles it: the
// react-native export condition (so 'sigv4-wasm' is sigv4-wasm/js), modern
// syntax lowered by esbuild to ES2016 (async functions become generators,
// which Hermes runs) and then Babel's class transform (Hermes 0.12 has no
// classes). Used by tests/js/hermes.test.js and the bench's nowasm part.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { transformSync } from '@babel/core'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const hermesBinary = join(root, 'node_modules/hermes-engine-cli/linux64-bin/hermes')

/** Why Hermes cannot run here, or false. */
export const hermesMissing = process.platform !== 'linux' || process.arch !== 'x64' ? 'hermes-engine-cli has no binary for this platform'
  : !existsSync(hermesBinary) ? 'hermes-engine-cli is not installed' : false

/** 'Hermes 0.12.0', as the package installed says. */
export const hermesVersion = () => `Hermes ${JSON.parse(readFileSync(join(root, 'node_modules/hermes-engine-cli/package.json'), 'utf8')).version}`

/**
 * Bundles `source` (an ES module's text, imports resolved from the project
 * root) into build/hermes/<name>.js after `prelude` (plain script text, run
 * first) and runs it in Hermes; its stdout (the program prints with print()).
 */
export async function runInHermes (name, source, { prelude = '' } = {}) {
  const { outputFiles } = await build({
    stdin: { contents: source, resolveDir: root },
    bundle: true, write: false, format: 'iife', target: 'es2016', conditions: ['react-native'], logLevel: 'silent',
  })
  const lowered = transformSync(outputFiles[0].text, {
    babelrc: false, configFile: false, compact: true, plugins: ['@babel/plugin-transform-classes'],
  }).code
  const dir = join(root, 'build/hermes')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${name}.js`)
  writeFileSync(file, prelude + '\n' + lowered)
  try {
    const { stdout } = await promisify(execFile)(hermesBinary, [file], { encoding: 'utf8', maxBuffer: 64 << 20 })
    return stdout
  } catch (e) {
    throw new Error(`hermes ${file}: ${e.stdout}${e.stderr}`)
  }
}
