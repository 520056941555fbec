// Build check: the module imports nothing and exports exactly what we say
// (the wasm analogue of an ABI check). Usage: node check.mjs file.wasm a,b,c
import { readFileSync } from 'node:fs'

const [file, expected] = process.argv.slice(2)
const mod = new WebAssembly.Module(readFileSync(file))
const imports = WebAssembly.Module.imports(mod)
const exports = WebAssembly.Module.exports(mod).map((e) => e.name).sort()
const want = expected.split(',').sort()
const problems = []
if (imports.length !== 0) {
  problems.push(`imports must be empty, got ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}`)
}
if (exports.join() !== want.join()) {
  problems.push(`exports must be [${want}], got [${exports}]`)
}
if (problems.length) {
  console.error(`${file}: ${problems.join('; ')}`)
  process.exit(1)
}
console.log(`${file}: ${readFileSync(file).length} bytes, no imports, exports ${exports.join(', ')}`)
