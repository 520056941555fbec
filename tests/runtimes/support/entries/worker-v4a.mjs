// Cloudflare Workers entry for sigv4-wasm/v4a (the `workerd` condition:
// sigv4a.wasm kept as a module). SigV4a signatures are deterministic (RFC
// 6979), so what it prints must equal what Node computes: a signed request,
// a presigned URL, the public key, and an aws-chunked upload (its headers
// and encoded body, hex).
import { sign, presign, publicKey, signChunked } from 'sigv4-wasm/v4a'
import { RESULT_MARKER, uploadData } from './scenario.mjs'

export default {
  async test (controller, env) {
    const { credentials, signingDate, chunked } = env.CONFIG
    const url = 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/photos/cat.jpg'
    const upload = await signChunked({ method: 'PUT', url, body: uploadData().subarray(0, chunked.length) },
      { credentials, signingDate, ...chunked.options })
    const out = {
      authorization: sign({ method: 'PUT', url, body: 'meow' }, { credentials, signingDate }).headers.authorization,
      presigned: presign({ url }, { credentials, signingDate, expiresIn: 900 }),
      publicKey: publicKey(credentials),
      chunked: {
        headers: upload.headers,
        body: Array.from(new Uint8Array(await new Response(upload.body).arrayBuffer()), (b) => b.toString(16).padStart(2, '0')).join(''),
      },
    }
    console.log(RESULT_MARKER + JSON.stringify(out))
  },
}
