// verify.test.js on sigv4-wasm/js, whose verify() runs on the JS build's
// receiving half (dist/sigv4-verify-wasm2js.js): the suites, the generated
// requests, the negative corpus and aws-chunked bodies, as on the wasm.
process.env.SIGV4_VERIFY_ENTRY = 'js'
await import('./verify.test.js')
