// The Node line-up: ours plus the libraries a Node user would pick instead.
// The reference for equivalence is smithy with node:crypto, which is what the
// AWS SDK runs in Node.
import { createHash } from 'node:crypto'
import { Hash } from '@smithy/hash-node'
import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js'
import aws4 from 'aws4'
import * as api from '../../js/index.js'
import { aws4fetchSigner } from './signers-aws4fetch.mjs'
import { smithySigner, oursSync, oursAsync } from './signers.mjs'

export const REFERENCE_KEY = 'smithy-node'

export function aws4Signer () {
  return {
    key: 'aws4',
    name: 'aws4 (node:crypto, sync)',
    async: false,
    sign: (r) => {
      const headers = { 'X-Amz-Date': r.amzDate }
      if (r.contentType) headers['Content-Type'] = r.contentType
      // aws4 adds and signs content-length, and a form content-type on any
      // body; neither is in the common header set.
      const ignore = { 'content-length': true }
      if (!r.contentType) ignore['content-type'] = true
      const out = aws4.sign({
        host: r.host, path: r.path, method: r.method, service: r.service, region: r.region,
        body: r.body, headers, extraHeadersToIgnore: ignore,
      }, r.credentials)
      return out.headers.Authorization
    },
  }
}

export function nodeSigners ({ async: withAsync = true } = {}) {
  const list = [
    oursSync(api),
    smithySigner(REFERENCE_KEY, 'smithy + node:crypto (hash-node)', Hash.bind(null, 'sha256')),
    smithySigner('smithy-js', 'smithy + @aws-crypto/sha256-js', Sha256Js),
    aws4Signer(),
    aws4fetchSigner(),
  ]
  if (withAsync) list.splice(1, 0, oursAsync(api))
  return list
}

// Not a signer: the floor for big bodies is hashing them at all.
export function nodeHashOnly () {
  return {
    key: 'hash-only',
    name: 'node:crypto hash of the body alone',
    async: false,
    fn: (r) => createHash('sha256').update(r.body).digest('hex'),
  }
}
