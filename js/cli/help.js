// --help texts, built from the commands' option lists (args.js) and the
// exit-code table (exit.js), so that the help says what the parser does.

import { COMMON } from './args.js'
import { EXIT_MEANINGS } from './exit.js'
import { CREDENTIALS_HELP } from './credentials.js'

const SECRETS = 'The secret access key is never printed, in any output or error.'

function exitCodes () {
  return ['Exit codes:', ...EXIT_MEANINGS.map(([code, meaning]) => `  ${code}  ${meaning}`)].join('\n')
}

function optionLines (options) {
  const rows = options.map((o) => [`${o.flags.join(', ')}${o.value ? ` ${o.value}` : ''}`, o.help])
  const width = Math.min(34, Math.max(...rows.map(([f]) => f.length)))
  return rows.map(([f, h]) => (f.length > width ? `  ${f}\n  ${' '.repeat(width)}  ${h}` : `  ${f.padEnd(width)}  ${h}`)).join('\n')
}

/** sigv4-wasm --help. */
export function mainHelp (specs, version) {
  const width = Math.max(...specs.map((s) => s.name.length))
  return `sigv4-wasm ${version}: AWS Signature Version 4 (and 4a) from the command line

Usage: sigv4-wasm COMMAND [options]     (sigv4-wasm COMMAND --help for its options)

Commands:
${specs.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`).join('\n')}

Region, service and SigV4a are inferred from the host name as the library does;
--region, --service, --region-set and --algorithm override them.
${CREDENTIALS_HELP}
${SECRETS}
--json prints JSON for scripts. Colours only on a terminal, never with NO_COLOR set.

${exitCodes()}
`
}

/** sigv4-wasm COMMAND --help. */
export function commandHelp (spec) {
  return `Usage: sigv4-wasm ${spec.usage}

${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.

Options:
${optionLines([...spec.options, ...COMMON])}
${spec.notes ? `\n${spec.notes}\n` : ''}
${spec.options.some((o) => o.key === 'accessKeyId') ? `${CREDENTIALS_HELP}\n${SECRETS}\n\n` : ''}Examples:
${spec.examples.map((e) => `  ${e}`).join('\n')}

${exitCodes()}
`
}
