// Runs one README sample (after readme-harness.mjs): imports it, and when
// it is a Workers module (export default { fetch }), calls it as Workers
// do, with a request and env bindings holding the worker's keys.
import { pathToFileURL } from 'node:url'

const mod = await import(pathToFileURL(process.argv[2]).href)
if (typeof mod.default?.fetch === 'function') {
  const env = JSON.parse(process.env.README_WORKER_ENV)
  const res = await mod.default.fetch(new Request('https://worker.example/'), env)
  if (!(res instanceof Response)) throw new Error('the Workers sample did not return a Response')
}
