// Page entry, bundled by Vite: the test calls window.runScenarios(config)
// through playwright and gets the results back.
import * as api from 'sigv4-wasm'
import * as apiV4a from 'sigv4-wasm/v4a'
import axios from 'axios'
import { runScenarios } from './scenario.mjs'

window.runScenarios = async (config) => ({
  runtime: { name: 'chromium', userAgent: navigator.userAgent },
  results: await runScenarios({ api, apiV4a, fetch: window.fetch.bind(window), axios }, config),
})
document.body.dataset.ready = 'true'
