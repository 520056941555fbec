// The modules with their function names kept (preset wasm-profile, into
// build/wasm-profile/dist; dist/ is not touched), built or brought up to
// date: for npm run profile, and for tests that look into a C function.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The directory of the named build's modules, up to date. */
export function buildNamedModules () {
  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' }
  if (!existsSync(join(root, 'build/wasm-profile/CMakeCache.txt'))) {
    execFileSync('cmake', ['--preset', 'wasm-profile'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
  }
  execFileSync('cmake', ['--build', '--preset', 'wasm-profile'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
  return join(root, 'build/wasm-profile/dist')
}
