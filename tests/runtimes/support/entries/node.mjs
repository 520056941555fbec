// ESM entry for Node, Deno and Bun: the packed package by its bare name,
// the host's own fetch, axios with the adapters named in the config.
import * as api from 'sigv4-wasm'
import * as apiV4a from 'sigv4-wasm/v4a'
import axios from 'axios'
import { runScenarios, runStreamingChecks, runVerifyChecks, RESULT_MARKER } from './scenario.mjs'

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2)
const config = JSON.parse(args[0])
const runtime = globalThis.Deno ? { name: 'deno', version: globalThis.Deno.version.deno }
  : globalThis.Bun ? { name: 'bun', version: globalThis.Bun.version }
    : { name: 'node', version: process.versions.node }

// Deno's fetch drops the content-length given with a ReadableStream body and
// sends it chunked (denoland/deno#24197), so a signed content-length never
// arrives: its aws-chunked bodies are sent as bytes, and streamProbe shows
// what a stream does.
const deps = { api, apiV4a, fetch: globalThis.fetch, axios, streamUploads: !globalThis.Deno }
const results = await runScenarios(deps, config)
const streaming = await runStreamingChecks(deps, config)
const verify = await runVerifyChecks(deps, config)
console.log(RESULT_MARKER + JSON.stringify({ runtime, entry: import.meta.resolve('sigv4-wasm'), results, streaming, verify }))
