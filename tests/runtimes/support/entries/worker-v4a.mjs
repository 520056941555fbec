// Cloudflare Workers entry for sigv4-wasm/v4a (the `workerd` condition:
// sigv4a.wasm kept as a module). SigV4a signatures are deterministic (RFC
// 6979), so what it prints must equal what Node computes.
import { sign, presign, publicKey } from 'sigv4-wasm/v4a'
import { RESULT_MARKER } from './scenario.mjs'

export default {
  async test (controller, env) {
    const { credentials, signingDate } = env.CONFIG
    const url = 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/photos/cat.jpg'
    const out = {
      authorization: sign({ method: 'PUT', url, body: 'meow' }, { credentials, signingDate }).headers.authorization,
      presigned: presign({ url }, { credentials, signingDate, expiresIn: 900 }),
      publicKey: publicKey(credentials),
    }
    console.log(RESULT_MARKER + JSON.stringify(out))
  },
}
