// Page entry for sigv4-wasm/slim (no module inside), bundled by Vite. The
// page's query says how the module is loaded: ?load=url is init(url) with
// the URL from Vite's `?url` import; ?load=auto is init() alone, which
// fetches the package's own sigv4.wasm (Vite emits it from the entry's
// new URL(path, import.meta.url)). A call before init() must throw
// ERR_NOT_INITIALIZED.
import * as api from 'sigv4-wasm/slim'
import wasmUrl from 'sigv4-wasm/sigv4.wasm?url'
import axios from 'axios'
import { runScenarios, runStreamingChecks, runVerifyChecks } from './scenario.mjs'

window.runScenarios = async (config) => {
  let beforeInit = 'signed'
  try {
    api.sign({ url: 'https://example.amazonaws.com/' }, { credentials: { accessKeyId: 'A', secretAccessKey: 'S' } })
  } catch (e) {
    beforeInit = e.code
  }
  const load = new URLSearchParams(location.search).get('load')
  await (load === 'url' ? api.init(wasmUrl) : api.init())
  // aws-chunked bodies as bytes, as in browser.js.
  const deps = { api, fetch: window.fetch.bind(window), axios, streamUploads: false }
  return {
    runtime: { name: 'chromium', userAgent: navigator.userAgent, beforeInit, load },
    results: await runScenarios(deps, config),
    streaming: await runStreamingChecks(deps, config),
    verify: await runVerifyChecks(deps, config),
  }
}
document.body.dataset.ready = 'true'
