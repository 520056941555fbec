'use strict'
// Shared by the cold-start children: the request comes from the parent as
// JSON (argv[2]) so no fixture module is loaded; `done` prints the phases.
const { performance } = require('node:perf_hooks')

const request = JSON.parse(process.argv[2])
request.signingDate = new Date(request.signingDate)

function done (phases, authorization) {
  const sum = Object.values(phases).reduce((a, b) => a + b, 0)
  process.stdout.write(JSON.stringify({ ...phases, total_ms: sum, since_process_start_ms: performance.now(), authorization }) + '\n')
}

module.exports = { performance, request, done }
