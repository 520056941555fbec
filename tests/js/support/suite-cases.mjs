// The AWS suite cases as plain data (request, options, expectations), for
// the Node suite test and the browser run alike.
import { read, exists, listCases, parseRequest } from './vectors.mjs'
import { EMPTY_SHA256 } from './gen.mjs'


export function suiteInput (dir, name, mode) {
  const ctx = JSON.parse(read(dir, name, 'context.json'))
  const req = parseRequest(read(dir, name, 'request.txt'))
  const hostHeader = req.headers.find(([n]) => n.toLowerCase() === 'host')
  const headers = req.headers.filter(([n]) => n.toLowerCase() !== 'host')
  const request = {
    method: req.method,
    url: `https://${hostHeader[1].trim()}/`,
    path: req.target, // sent verbatim, as the suite means it
    headers,
    body: req.body,
  }
  const options = {
    credentials: {
      accessKeyId: ctx.credentials.access_key_id,
      secretAccessKey: ctx.credentials.secret_access_key,
      sessionToken: ctx.credentials.token,
    },
    region: ctx.region,
    service: ctx.service,
    signingDate: ctx.timestamp,
    normalizePath: ctx.normalize,
    doubleEncodePath: ctx.double_uri_encode !== false,
    signContentSha256: ctx.sign_body && mode === 'header',
    appendSessionToken: !!ctx.omit_session_token,
    expiresIn: ctx.expiration_in_seconds,
    presign: mode === 'query',
  }
  if (!ctx.sign_body) options.payloadHash = EMPTY_SHA256
  return { request, options, ctx }
}

// "Name:value" lines of a signed request, as a sorted multiset.
export function headerSet (lines) {
  return lines.map(([n, v]) => `${n.toLowerCase()}:${v}`).sort()
}

export function querySet (q) {
  return q.split('&').filter(Boolean).map((p) => {
    const [k, v = ''] = p.split('=')
    return `${decodeURIComponent(k).toLowerCase()}=${decodeURIComponent(v).toLowerCase()}`
  }).sort()
}


// Every case of a new-format suite dir, both modes, with its expectations.
export function suiteCases (dir) {
  const out = []
  const names = listCases(dir).filter((c) => exists(dir, c, 'header-canonical-request.txt'))
  for (const name of names) {
    for (const mode of ['header', 'query']) {
      const { request, options } = suiteInput(dir, name, mode)
      const expected = parseRequest(read(dir, name, `${mode}-signed-request.txt`))
      out.push({
        name: `${dir} ${name} (${mode})`,
        mode,
        request,
        options,
        canonicalRequest: read(dir, name, `${mode}-canonical-request.txt`),
        stringToSign: read(dir, name, `${mode}-string-to-sign.txt`),
        signature: read(dir, name, `${mode}-signature.txt`).trim(),
        signedHeaders: expected.headers,
        signedQuery: expected.target.includes('?') ? expected.target.slice(expected.target.indexOf('?') + 1) : '',
      })
    }
  }
  return out
}

// The S3 documentation examples that are header or query signing, and the
// seed requests of the aws-chunked ones: a header signature whose payload
// hash is the STREAMING-* marker of their x-amz-content-sha256 header
// (their chunk and trailer signatures, and the POST policy, are not request
// signatures: tests/c/test_s3_docs.c names them).
export function s3DocCases () {
  const doc = JSON.parse(read('s3-doc-examples.json'))
  const kinds = (e) => e.kind === 'header' || e.kind === 'query' || e.kind.startsWith('aws-chunked')
  return doc.examples.filter(kinds).map((e) => {
    const streaming = e.kind.startsWith('aws-chunked')
    const marker = streaming ? e.request.headers.find(([n]) => n.toLowerCase() === 'x-amz-content-sha256')[1] : undefined
    // Headers the documented Authorization does not list stay unsigned
    // (the trailer example sends Content-Length unsigned).
    const listed = e.expected.authorization?.match(/SignedHeaders=([^,]*)/)[1].split(';')
    const omit = ['host', 'x-amz-date', ...(streaming ? ['x-amz-content-sha256'] : [])]
    const headers = e.request.headers.filter(([n]) => !omit.includes(n.toLowerCase()))
    return {
      name: `s3 docs ${e.name}${streaming ? ' (seed request)' : ''}`,
      mode: e.kind === 'query' ? 'query' : 'header',
      request: {
        method: e.request.method,
        url: `https://${e.request.host}${e.request.path}${e.request.query ? '?' + e.request.query : ''}`,
        headers,
        body: e.request.body,
      },
      // region and service are inferred from the host; S3 rules from the service
      options: {
        credentials: { accessKeyId: e.credentials.access_key_id, secretAccessKey: e.credentials.secret_access_key },
        signingDate: e.timestamp,
        expiresIn: e.options?.expires_in_seconds,
        presign: e.kind === 'query',
        ...(streaming && {
          payloadHash: marker,
          unsignableHeaders: headers.map(([n]) => n.toLowerCase()).filter((n) => !listed.includes(n)),
        }),
      },
      canonicalRequest: e.expected.canonical_request,
      stringToSign: e.expected.string_to_sign,
      signature: streaming ? e.expected.seed_signature : e.expected.signature,
      authorization: e.expected.authorization,
      url: e.expected.url,
    }
  })
}

// RFC 3986 encoding of a decoded query key or value.
function encodeStrict (s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase())
}

// smithy-typescript's suite fixture: pre-parsed requests (a header map with
// repeated and folded headers already joined, a query map of decoded keys
// and values, a decoded path) and the expected Authorization. The map is
// sent as a query string the signer decodes again; x-amz-date gives the
// signing date and x-amz-security-token the session token (the signer owns
// both headers).
export function smithyTsCases () {
  const doc = JSON.parse(read('smithy-typescript/suite-fixture.json'))
  return doc.cases.map((c) => {
    const r = c.request
    const headers = Object.entries(r.headers)
    const get = (name) => headers.find(([n]) => n === name)?.[1]
    const query = Object.entries(r.query).map(([k, v]) => `${encodeStrict(k)}=${encodeStrict(v)}`).join('&')
    return {
      name: `smithy-typescript ${c.name}`,
      mode: 'header',
      request: {
        method: r.method,
        url: `${r.protocol}//${r.hostname}/`,
        path: query ? `${r.path}?${query}` : r.path,
        headers: headers.filter(([n]) => !['host', 'x-amz-date', 'x-amz-security-token'].includes(n)),
        body: r.body,
      },
      options: {
        credentials: {
          accessKeyId: doc.credentials.access_key_id,
          secretAccessKey: doc.credentials.secret_access_key,
          sessionToken: get('x-amz-security-token'),
        },
        region: doc.region,
        service: doc.service,
        signingDate: get('x-amz-date').replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
      },
      authorization: c.authorization,
    }
  })
}

// Run one case with the API given (Node's import or the browser's) and
// return what it produced, as plain data.
export function runCase (api, c) {
  const why = api.explain(c.request, c.options)
  const out = { canonicalRequest: why.canonicalRequest, stringToSign: why.stringToSign, signature: why.signature }
  if (c.mode === 'header') {
    out.headers = api.sign(c.request, c.options).headers
  } else {
    out.url = api.presign(c.request, c.options)
  }
  return out
}

// Compare a case's result with its expectations (throws on mismatch).
export function checkCase (assert, c, got) {
  // smithy-typescript's cases give only the Authorization.
  if (c.canonicalRequest !== undefined) assert.equal(got.canonicalRequest, c.canonicalRequest, `${c.name}: canonical request`)
  if (c.stringToSign !== undefined) assert.equal(got.stringToSign, c.stringToSign, `${c.name}: string to sign`)
  if (c.signature !== undefined) assert.equal(got.signature, c.signature, `${c.name}: signature`)
  if (c.authorization) assert.equal(got.headers.authorization, c.authorization, c.name)
  if (c.url) assert.equal(got.url, c.url, c.name)
  if (c.signedHeaders) {
    if (c.mode === 'header') {
      const host = new URL(c.request.url).host
      const want = {}
      for (const [n, v] of c.signedHeaders) {
        const k = n.toLowerCase()
        want[k] = k in want ? `${want[k]},${v}` : v
      }
      assert.deepEqual(headerSet(Object.entries(got.headers).concat([['host', host]])), headerSet(Object.entries(want)), `${c.name}: signed request headers`)
    } else {
      assert.deepEqual(querySet(new URL(got.url).search.slice(1)), querySet(c.signedQuery), `${c.name}: signed request query`)
    }
  }
}
