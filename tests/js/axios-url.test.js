// js/axios-url.js (the URL sigv4Interceptor signs when it has no axios
// instance) against axios's own getUri(), on generated baseURL / url /
// params / serializer options.
import test from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import axios from 'axios'
import { axiosUri } from '../../js/axios-url.js'

const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ':', '$', ',', '+', '&', '=', '?', '#', '[', ']', '/', '%', '!', "'", '(', ')', '~', '*', 'é', '😀', '{', '}'), maxLength: 6 })
const key = fc.oneof(text, fc.constantFrom('a[]', 'obj{}', ' padded ', 'x.y'))
const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }))
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(key, tie('v'), { maxKeys: 3 })),
})).v
const params = fc.dictionary(key, value, { maxKeys: 4 })
const options = fc.record({
  dots: fc.option(fc.boolean(), { nil: undefined }),
  indexes: fc.constantFrom(undefined, true, false, null),
  metaTokens: fc.option(fc.boolean(), { nil: undefined }),
}, { requiredKeys: [] })

const base = fc.constantFrom(undefined, 'https://api.example.com', 'https://api.example.com/v1/', 'http://h:8080/a//')
const url = fc.constantFrom(undefined, '', '/items', 'items/1', '//other.example.com/x', 'https://abs.example.com/p?x=1', '/p#frag', '/q?a=b')

test('axiosUri equals axios.getUri on generated configs (default serializer)', () => {
  fc.assert(fc.property(base, url, fc.option(params, { nil: undefined }), options, fc.option(fc.boolean(), { nil: undefined }),
    (baseURL, u, p, opts, allowAbsoluteUrls) => {
      const config = { baseURL, url: u, params: p, paramsSerializer: opts, allowAbsoluteUrls }
      let expected
      try {
        expected = axios.getUri(config)
      } catch {
        return true // axios refuses it too (e.g. too deep); nothing to sign
      }
      assert.equal(axiosUri(config), expected)
    }), { numRuns: 2000, seed: 4 })
})

test('axiosUri: serialize functions, encode functions, URLSearchParams params', () => {
  const serialize = (p) => Object.entries(p).map(([k, v]) => `${k}:${v}`).join(';')
  const encode = (v, defaultEncode) => defaultEncode(v).toLowerCase()
  const cases = [
    { baseURL: 'https://h', url: '/x', params: { a: 1, b: 'two' }, paramsSerializer: { serialize } },
    { baseURL: 'https://h', url: '/x', params: { a: 'Ü x', b: ['!', '('] }, paramsSerializer: { encode } },
    { url: 'https://h/x?y=1#f', params: new URLSearchParams('b=2&a=1 2') },
    { url: 'https://h/x', params: {} },
  ]
  for (const config of cases) assert.equal(axiosUri(config), axios.getUri(config), JSON.stringify(config))
})

test('axiosUri: "http:host" without // is refused, as axios refuses it', () => {
  assert.throws(() => axios.getUri({ url: 'http:example.com/x' }))
  assert.throws(() => axiosUri({ url: 'http:example.com/x' }), { code: 'ERR_URL' })
  assert.throws(() => axiosUri({ url: '/x', params: { a: {} }, paramsSerializer: { visitor: () => false } }), { code: 'ERR_OPTION' })
})
