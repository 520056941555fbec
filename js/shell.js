// POSIX shell words: reading a command line as sh splits it (for curl
// lines people paste) and quoting words so that sh gives them back
// byte for byte. No expansion: a line that needs one ($VAR, `cmd`, globs
// aside) is refused, since its words are not known without a shell.

import { fail } from './errors.js'
import { encoder } from './arena.js'
import { concatBytes } from './request.js'
import { textOrBytes } from './text.js'

export { shellQuote } from './shell-quote.js'

// Words that end at an unquoted operator: the command stops there.
const OPERATORS = /* @__PURE__ */ new Set([';', '&', '|', '<', '>', '(', ')'])
const BLANK = /* @__PURE__ */ new Set([' ', '\t', '\n', '\r'])
// $'...' escapes (bash, zsh, ksh, POSIX.1-2024) with one-character meaning.
// What after a $ makes sh expand: a name, ${...}, $(...), $1, $@ and the like.
const EXPANDS = /[A-Za-z_{(0-9@*#?!$-]/
const ANSI_C = { n: 10, t: 9, r: 13, a: 7, b: 8, e: 27, E: 27, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63 }

// One word under construction: bytes, since $'\xff' can make any.
class Word {
  constructor () { this.parts = []; this.started = false }
  text (s) { this.parts.push(encoder.encode(s)); this.started = true }
  byte (b) { this.parts.push(Uint8Array.of(b)); this.started = true }
  done () { return textOrBytes(concatBytes(this.parts)) }
}

export function refuse (message) {
  fail('ERR_CURL', message)
}

/**
 * The words of `line` as sh splits them: single and double quotes,
 * backslash escapes, backslash-newline continuations, $'...' and comments.
 * Each word is a string, or a Uint8Array when $'...' made bytes that are
 * not UTF-8. Commands joined by `|` come back as separate arrays.
 */
export function shellWords (line) {
  if (typeof line !== 'string') refuse('a command line must be a string')
  const commands = [[]]
  let w = new Word()
  const end = () => {
    if (w.started) commands[commands.length - 1].push(w.done())
    w = new Word()
  }
  let i = 0
  const n = line.length
  while (i < n) {
    const c = line[i]
    if (BLANK.has(c)) { end(); i++; continue }
    if (c === '\\') {
      if (line[i + 1] === '\n') { i += 2; continue }
      if (line[i + 1] === '\r' && line[i + 2] === '\n') { i += 3; continue }
      if (i + 1 >= n) refuse('the command line ends with a lone backslash')
      w.text(line[i + 1]); i += 2; continue
    }
    if (c === "'") {
      const close = line.indexOf("'", i + 1)
      if (close < 0) refuse('a single quote (\') is not closed')
      w.text(line.slice(i + 1, close)); i = close + 1; continue
    }
    if (c === '"') { i = doubleQuoted(line, i + 1, w); continue }
    if (c === '$' && line[i + 1] === "'") { i = ansiQuoted(line, i + 2, w); continue }
    if (c === '$' || c === '`') {
      if (c === '$' && !EXPANDS.test(line[i + 1] || ' ')) { w.text('$'); i++; continue }
      refuse(`the command line needs a shell to expand ${c === '`' ? '`...`' : line.slice(i, i + 12).split(/\s/)[0]}: paste it with the values written out`)
    }
    if (c === '#' && !w.started) {
      const nl = line.indexOf('\n', i)
      i = nl < 0 ? n : nl
      continue
    }
    if (OPERATORS.has(c)) {
      end()
      if (c === '|' && line[i + 1] !== '|') { commands.push([]); i++; continue }
      refuse(`the command line has a shell operator (${c}) outside quotes: give one command (a printf | curl pipe at most)`)
    }
    w.text(c); i++
  }
  end()
  return commands
}

// "..." from i: \ escapes only $ ` " \ and newline; $ and ` expand.
function doubleQuoted (line, i, w) {
  w.started = true
  for (;;) {
    if (i >= line.length) refuse('a double quote (") is not closed')
    const c = line[i]
    if (c === '"') return i + 1
    if (c === '\\' && i + 1 < line.length) {
      const d = line[i + 1]
      if (d === '\n') { i += 2; continue }
      if ('$`"\\'.includes(d)) { w.text(d); i += 2; continue }
      w.text('\\'); i++; continue
    }
    if (c === '`' || (c === '$' && EXPANDS.test(line[i + 1] || ' '))) {
      refuse(`the command line needs a shell to expand ${c === '`' ? '`...`' : line.slice(i, i + 12).split(/[\s"]/)[0]} inside double quotes: paste it with the values written out`)
    }
    w.text(c); i++
  }
}

// $'...' from i: ANSI-C escapes, \xHH and octal bytes, \uHHHH characters.
function ansiQuoted (line, i, w) {
  w.started = true
  for (;;) {
    if (i >= line.length) refuse("a $'...' quote is not closed")
    const c = line[i]
    if (c === "'") return i + 1
    if (c !== '\\') { w.text(c); i++; continue }
    const d = line[i + 1]
    if (d === undefined) refuse("a $'...' quote ends with a lone backslash")
    if (Object.hasOwn(ANSI_C, d)) { w.byte(ANSI_C[d]); i += 2; continue }
    let m
    if ((m = /^x([0-9a-fA-F]{1,2})/.exec(line.slice(i + 1, i + 4)))) { w.byte(parseInt(m[1], 16)); i += 1 + m[0].length; continue }
    if ((m = /^[0-7]{1,3}/.exec(line.slice(i + 1, i + 4)))) { w.byte(parseInt(m[0], 8) & 0xff); i += 1 + m[0].length; continue }
    if ((m = /^(u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8})/.exec(line.slice(i + 1, i + 10)))) {
      const cp = parseInt(m[0].slice(1), 16)
      if (cp > 0x10ffff) refuse(`$'\\${m[0]}' is not a Unicode character`)
      w.text(String.fromCodePoint(cp)); i += 1 + m[0].length; continue
    }
    w.text('\\' + d); i += 2
  }
}
