// CommonJS entry for Node: the package through require() (its CJS build);
// the scenario itself is ESM and takes the API as an argument.
const api = require('sigv4-wasm')
const apiV4a = require('sigv4-wasm/v4a')
const axios = require('axios')

const config = JSON.parse(process.argv[2])
import('./scenario.mjs').then(async ({ runScenarios, runStreamingChecks, runVerifyChecks, RESULT_MARKER }) => {
  const deps = { api, apiV4a, fetch: globalThis.fetch, axios }
  const results = await runScenarios(deps, config)
  const streaming = await runStreamingChecks(deps, config)
  const verify = await runVerifyChecks(deps, config)
  const runtime = { name: 'node', version: process.versions.node }
  console.log(RESULT_MARKER + JSON.stringify({ runtime, entry: require.resolve('sigv4-wasm'), results, streaming, verify }))
})
