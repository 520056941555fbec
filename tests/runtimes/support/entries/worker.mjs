// Cloudflare Workers entry, bundled the way wrangler does it (the `workerd`
// export condition, the .wasm kept as a module). `workerd test` calls test();
// the verify server's address and the adapters come in the CONFIG binding.
import * as api from 'sigv4-wasm'
import * as apiV4a from 'sigv4-wasm/v4a'
import axios from 'axios'
import { runScenarios, runStreamingChecks, runVerifyChecks, RESULT_MARKER } from './scenario.mjs'

export default {
  async test (controller, env) {
    const deps = { api, apiV4a, fetch: globalThis.fetch.bind(globalThis), axios }
    const results = await runScenarios(deps, env.CONFIG)
    const streaming = await runStreamingChecks(deps, env.CONFIG)
    const verify = await runVerifyChecks(deps, env.CONFIG)
    console.log(RESULT_MARKER + JSON.stringify({ runtime: { name: 'workerd', userAgent: navigator.userAgent }, results, streaming, verify }))
  },
}
