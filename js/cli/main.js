#!/usr/bin/env node
// sigv4-wasm: the command line (package.json "bin"). Picks the command,
// parses its flags, runs it, and exits with exit.js's codes; errors are
// one line on stderr, never a stack trace (SIGV4_DEBUG=1 shows it).

import { readFileSync } from 'node:fs'
import { parseArgs } from './args.js'
import { EXIT, CliError, isSigV4Error } from './exit.js'
import { mainHelp, commandHelp } from './help.js'
import { out, err } from './output.js'
import { spec as request } from './commands/request.js'
import { spec as presign } from './commands/presign.js'
import { spec as presignPost } from './commands/presign-post.js'
import { spec as verify } from './commands/verify.js'
import { spec as explain } from './commands/explain.js'

const COMMANDS = [request, presign, presignPost, verify, explain]

function version () {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version
}

async function main (argv) {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const spec = name === 'help' && COMMANDS.find((c) => c.name === rest[0])
    out.write(spec ? commandHelp(spec) : mainHelp(COMMANDS, version()))
    return name === undefined ? EXIT.USAGE : EXIT.OK
  }
  if (name === '--version' || name === '-V') { out.line(version()); return EXIT.OK }
  const spec = COMMANDS.find((c) => c.name === name)
  if (!spec) throw new CliError(EXIT.USAGE, `unknown command ${JSON.stringify(name)}: the commands are ${COMMANDS.map((c) => c.name).join(', ')} (see sigv4-wasm --help)`)
  const args = parseArgs(rest, spec.options, spec.positionals, spec.name)
  if (args.values.help) { out.write(commandHelp(spec)); return EXIT.OK }
  return spec.run(args)
}

// A reader that stops early (`| head`) ends the output, not in a crash.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.OK)
  throw e
})

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (e) {
  if (e instanceof CliError) {
    err.line(`sigv4-wasm: ${e.message}`)
    process.exitCode = e.exitCode
  } else if (isSigV4Error(e)) {
    err.line(`sigv4-wasm: ${e.code}: ${e.message}`)
    process.exitCode = EXIT.SIGNING
  } else {
    err.line(`sigv4-wasm: internal error: ${e && e.message}${process.env.SIGV4_DEBUG ? `\n${e && e.stack}` : ' (SIGV4_DEBUG=1 shows the stack)'}`)
    process.exitCode = EXIT.FAILURE
  }
}
