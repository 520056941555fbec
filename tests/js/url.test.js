// js/url.js (the URL parser sigv4-wasm/js uses where the host's URL is
// missing or partial: Hermes, React Native) against Node's WHATWG URL: on
// the generated requests' URLs, the aws-c-auth suite's, edge cases of the
// standard, and random strings made of the characters URLs break on. Every
// part signing reads must be equal, or both must refuse; the one refusal of
// ours alone is a host name that IDNA would map (not ASCII).
import test from 'node:test'
import assert from 'node:assert/strict'
import { parseUrl } from '../../js/url.js'
import { makeRng, genRequest } from './support/gen.mjs'
import { suiteCases } from './support/suite-cases.mjs'

const PARTS = ['protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin', 'href']
const SIGNED = /^(?:https?|wss?):$/

function whatwg (s) {
  try {
    const u = new URL(s)
    return Object.fromEntries(PARTS.map((p) => [p, u[p]]))
  } catch {
    return null
  }
}

function ours (s) {
  try {
    const u = parseUrl(s)
    return Object.fromEntries(PARTS.map((p) => [p, u[p]]))
  } catch (e) {
    assert.ok(e instanceof TypeError, `${JSON.stringify(s)}: ${e}`)
    return { refused: e.message }
  }
}

/** Where ours and WHATWG differ on s (signed schemes only), or null. */
function difference (s) {
  const theirs = whatwg(s)
  if (theirs && !SIGNED.test(theirs.protocol)) return null // only the protocol is read: below
  const mine = ours(s)
  if (theirs === null) return mine.refused ? null : { s, ours: mine, whatwg: 'refused' }
  // IDNA's refusal needs a character above ASCII (as such or %-encoded).
  if (mine.refused && /IDNA/.test(mine.refused) && /[^\x00-\x7f]|%[89a-f]/i.test(s)) return null
  if (mine.refused) return { s, ours: mine, whatwg: theirs }
  return JSON.stringify(mine) === JSON.stringify(theirs) ? null : { s, ours: mine, whatwg: theirs }
}

const EDGES = [
  'https://example.com', 'https://EXAMPLE.com:443/', 'http://example.com:80/a', 'http://example.com:0080/a', 'https://example.com:8443/',
  'wss://h:443/x', 'ws://h:80/x', 'ws://h:443/x', 'https://h:/p', 'https://h:65535/', 'https://h:65536/', 'https://h:8a/',
  'http:example.com/a', 'http:/example.com/a', 'https:\\\\example.com\\a\\b', 'https:////example.com///a//b',
  'https://h/a/./b/../c', 'https://h/a/%2e/b/%2E%2e/c', 'https://h/a/..', 'https://h/a/.', 'https://h/..', 'https://h/a/b/..%2f/c',
  'https://h/.%2E/x', 'https://h/%2e./x', 'https://h/a/.../b', 'https://h/a b/"c"/<d>/`e`/{f}/é/😀/\ud800/x',
  'https://h/p?', 'https://h/p#', 'https://h/p?#', 'https://h/p?a b&c="d"&e=<f>&\'g\'&é=😀&`{}`#frag ment"<>`é',
  'https://h?x', 'https://h#x', 'https://h/p?a?b#c#d', 'https://h/%zz/%4/%41?%zz=%',
  '  https://h/p \n', 'ht\ttps://h/p\t?q\n=1', '\x00https://h/\x1f', 'https://h/a\x01b?c\x7fd',
  'https://user@h/', 'https://user:pw@h/', 'https://:pw@h/', 'https://@h/', 'https://:@h/', 'https://a@b@h/', 'https://@/', 'https://u@/x',
  'https://1.2.3.4/', 'https://0x7f.1/', 'https://0x7F000001/', 'https://2130706433/', 'https://017700000001/', 'https://127.0.0.1./',
  'https://1.2.3.4.5/', 'https://256.0.0.1/', 'https://1.2.3.256/', 'https://1.16777216/', 'https://1.2.65536/', 'https://08/', 'https://0x/',
  'https://1..2/', 'https://a.1/', 'https://1.a/', 'https://example.123/', 'https://0xg/', 'https://4294967296/', 'https://4294967295/',
  'https://[::1]/', 'https://[::1]:8080/x', 'https://[0:0:0:0:0:0:0:1]/', 'https://[2001:DB8::0:1]/', 'https://[1:0:0:2:0:0:0:3]/',
  'https://[::ffff:1.2.3.4]/', 'https://[::1.2.3.4]/', 'https://[1::]/', 'https://[1:2:3:4:5:6:7:8]/', 'https://[1:2:3:4:5:6:7:8:9]/',
  'https://[::1', 'https://[::1]x/', 'https://[:1]/', 'https://[1:::2]/', 'https://[::1.2.3]/', 'https://[::01.2.3.4]/', 'https://[1::2::3]/',
  'https://[::256.1.1.1]/', 'https://[12345::]/', 'https://[0:0:1:0:0:1:0:0]/', 'https://[1:0:0:1:0:0:0:0]/',
  'https://ex%41mple.com/', 'https://ex%2fample.com/', 'https://ex%25ample.com/', 'https://exa mple.com/', 'https://exa^mple.com/',
  'https://exa|mple.com/', 'https://exa<mple.com/', 'https://a_b-c.example.com/', 'https://xn--nxasmq6b.com/', 'https://bücher.de/',
  'https://%C3%BC.de/', 'https://h\u212a.com/', 'https:', 'https://', 'https:///', 'https://?x', 'example.com/a', '/a', '',
  'mailto:a@b', 'ftp://h/x', 'file:///etc/passwd', 'javascript:alert(1)', 'HTTPS://H/', 'Https://H/P?Q#F', 'h-ttp+s.1://x/',
]

test('parseUrl agrees with WHATWG URL on edge cases of the standard', () => {
  const diffs = EDGES.map(difference).filter(Boolean)
  assert.deepEqual(diffs, [])
  // The refusals of ours alone, for non-ASCII host names.
  assert.match(ours('https://bücher.de/').refused, /punycode/)
  assert.match(ours('https://%C3%BC.de/').refused, /punycode/)
})

test('parseUrl reads the protocol of URLs of other schemes, for the error that names it', () => {
  for (const s of ['mailto:a@b', 'ftp://h/x', 'file:///x', 'javascript:alert(1)', 'data:text/plain,x']) {
    assert.equal(parseUrl(s).protocol, new URL(s).protocol, s)
  }
})

test('parseUrl agrees with WHATWG URL on generated requests and the aws-c-auth suite', () => {
  const urls = suiteCases('aws-c-auth/v4').map((c) => c.request.url)
  assert.equal(urls.length, 76)
  const rng = makeRng('sigv4-wasm url.js')
  for (let i = 0; i < 3000; i++) urls.push(genRequest(rng).url)
  const diffs = urls.map(difference).filter(Boolean)
  assert.deepEqual(diffs.slice(0, 5), [])
})

// Random strings from the characters that matter to the parser.
const PIECES = ['/', '\\', '.', '..', '%2e', '%2E', '?', '#', '@', ':', '[', ']', '%', '%41', '%zz', ' ', '\t', '\n', '"', '<', '`', '{',
  "'", '^', '|', 'a', 'B', 'z', '0', '1', '9', '0x', '255', '256', 'ff', 'é', '😀', '\ud800', '\x01', '\x7f', 'h', 'ex.com', '::', '1.2', '+', '&', '=']
const SCHEMES = ['https://', 'http://', 'wss://', 'ws://', 'https:', 'http:/', 'HTTPS://', 'https:\\\\', ' https://']

test('parseUrl agrees with WHATWG URL on random strings', () => {
  const rng = makeRng('sigv4-wasm url.js random')
  const diffs = []
  let accepted = 0
  for (let i = 0; i < 20000 && diffs.length < 5; i++) {
    let s = rng.pick(SCHEMES)
    for (let n = rng.int(1, 6); n > 0; n--) s += rng.pick(['h', 'a.b', 'ex.com', '1.2.3.4', '[::1]', '0x7f.1'])
    if (rng.chance(0.8)) s += rng.pick(['/', '?', '#', '\\', ':8080/', ':443/', '@h/'])
    for (let n = rng.int(0, 14); n > 0; n--) s += rng.pick(PIECES)
    const d = difference(s)
    if (d) diffs.push(d)
    else if (whatwg(s)) accepted++
  }
  assert.deepEqual(diffs, [])
  assert.ok(accepted > 8000, `only ${accepted} of the strings were URLs`)
})
