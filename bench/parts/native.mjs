// The native BearSSL timer (bench/native/sha256_timer.c), compiled by gcc -O2
// against the same BearSSL tree the wasm is built from, into build/bench/.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SOURCES = ['src/hash/sha2small.c', 'src/codec/dec32be.c', 'src/codec/enc32be.c']
export const NATIVE_FLAGS = ['-std=c99', '-O2', '-Wall', '-Wextra']

export function buildNativeTimer (root) {
  const bearssl = join(root, '.deps/bearssl')
  const source = join(root, 'bench/native/sha256_timer.c')
  const outDir = join(root, 'build/bench')
  const exe = join(outDir, 'sha256_timer')
  if (!existsSync(join(bearssl, 'inc/bearssl_hash.h'))) {
    throw new Error(`${bearssl} is missing: run scripts/setup.sh`)
  }
  if (existsSync(exe) && statSync(exe).mtimeMs > statSync(source).mtimeMs) return exe
  mkdirSync(outDir, { recursive: true })
  execFileSync('gcc', [...NATIVE_FLAGS, `-I${bearssl}/inc`, `-I${bearssl}/src`, source,
    ...SOURCES.map((s) => join(bearssl, s)), '-o', exe], { stdio: ['ignore', 'inherit', 'inherit'] })
  return exe
}

export function gccVersion () {
  try {
    return execFileSync('gcc', ['-dumpfullversion'], { encoding: 'utf8' }).trim()
  } catch {
    return null
  }
}

// One child run: ns per hash and the digest it computed.
export function runNativeTimer (exe, file, iters) {
  const out = execFileSync(exe, [file, String(iters)], { encoding: 'utf8' }).trim().split(' ')
  return { ns: Number(out[0]), hex: out[1] }
}
