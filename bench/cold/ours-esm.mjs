// sigv4-wasm, default ESM entry (what the exports map gives import): import + init + first signature.
import common from './common.cjs'

const { performance, request: r, done } = common
const t0 = performance.now()
const { init, sign } = await import('../../dist/index.mjs')
const t1 = performance.now()
await init()
const t2 = performance.now()
const out = sign({ method: r.method, url: r.url }, { credentials: r.credentials, region: r.region, service: r.service, signingDate: r.signingDate })
const t3 = performance.now()
done({ load_ms: t1 - t0, init_ms: t2 - t1, sign_ms: t3 - t2 }, out.headers.authorization)
