// Page entry, bundled by Vite: the test calls window.runScenarios(config)
// through playwright and gets the results back.
import * as api from 'sigv4-wasm'
import * as apiV4a from 'sigv4-wasm/v4a'
import axios from 'axios'
import { runScenarios, runStreamingChecks, runVerifyChecks } from './scenario.mjs'

// Chromium sends a ReadableStream request body over HTTP/2 or later only,
// and the verify server is plain HTTP/1.1: aws-chunked bodies are read into
// bytes and sent so; streamProbe shows what a stream does.
const deps = { api, apiV4a, fetch: window.fetch.bind(window), axios, streamUploads: false }
window.runScenarios = async (config) => ({
  runtime: { name: 'chromium', userAgent: navigator.userAgent },
  results: await runScenarios(deps, config),
  streaming: await runStreamingChecks(deps, config),
  verify: await runVerifyChecks(deps, config),
})
document.body.dataset.ready = 'true'
