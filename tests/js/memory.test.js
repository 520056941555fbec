// Secret hygiene: after signing, neither the secret nor the derived signing
// key is anywhere in the module's memory. Its own process: the memory
// helper must see the instance being created.
import { memoryForTests } from './support/memory.mjs'
import test from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { sign, presign, explain } from '../../js/index.js'

const URL0 = 'https://example.amazonaws.com/'
const base = { region: 'us-east-1', service: 'service', signingDate: '2015-08-30T12:36:00Z' }

test('secrets are not left in wasm memory', async () => {
  const secret = 'SECRETwJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
  const creds = { accessKeyId: 'AKIDMEMORY', secretAccessKey: secret, sessionToken: 'tok' }
  sign({ method: 'POST', url: URL0, body: 'x' }, { ...base, credentials: creds })
  sign({ method: 'POST', url: URL0, body: 'x' }, { ...base, credentials: creds }) // cached key path
  presign({ url: URL0 }, { ...base, credentials: creds })
  explain({ url: URL0 }, { ...base, credentials: creds })
  const mem = Buffer.from(memoryForTests())
  let k = createHmac('sha256', 'AWS4' + secret).update('20150830').digest()
  for (const part of ['us-east-1', 'service', 'aws4_request']) k = createHmac('sha256', k).update(part).digest()
  assert.equal(mem.indexOf(Buffer.from(secret)), -1, 'secret found in wasm memory')
  assert.equal(mem.indexOf(Buffer.from(secret.slice(0, 12))), -1, 'part of the secret found')
  assert.equal(mem.indexOf(k), -1, 'signing key found in wasm memory')
})
