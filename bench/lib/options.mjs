// Command line of `npm run bench -- [options]`.
export const PARTS = ['size', 'cold', 'sign', 'sha', 'browser', 'gib', 'v4a', 'chunked', 'verify', 'nowasm']

export const USAGE = `npm run bench -- [options]

  --only=LIST      parts to run, comma-separated: ${PARTS.join(',')} (default: all)
  --quick          smoke-test settings: few rounds, 64 MiB instead of 1 GiB
                   (chunked: 16 MiB timed, 64 MiB uploads, one run each);
                   results go to build/bench/quick/ unless --out is given
  --rounds=N       override the number of timed rounds of sign, sha, browser and chunked
  --cold-runs=N    fresh processes per library for cold start (default 15)
  --out=DIR        where results.json and summary.md go
                   (default bench/results)
  --seed=N         shuffle seed (default: from the clock; recorded in results.json)
  --update-readme  make this run the run of record: its tables into bench/README.md,
                   its targets table into README.md
  --no-build       do not run scripts/setup.sh and scripts/build.sh first
  --help           this text`

export function parseOptions (argv) {
  const o = { parts: [...PARTS], quick: false, rounds: null, coldRuns: null, out: null, seed: null, updateReadme: false, build: true, help: false }
  for (const arg of argv) {
    const [flag, value] = arg.split(/=(.*)/s)
    switch (flag) {
      case '--only': {
        const want = value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []
        const bad = want.filter((p) => !PARTS.includes(p))
        if (want.length === 0 || bad.length) throw new Error(`--only: unknown part(s) "${bad.join(',') || value}"; parts are ${PARTS.join(',')}`)
        o.parts = PARTS.filter((p) => want.includes(p))
        break
      }
      case '--quick': o.quick = true; break
      case '--rounds': o.rounds = positiveInt(flag, value); break
      case '--cold-runs': o.coldRuns = positiveInt(flag, value); break
      case '--out': if (!value) throw new Error('--out needs a directory'); o.out = value; break
      case '--seed': o.seed = positiveInt(flag, value); break
      case '--update-readme': o.updateReadme = true; break
      case '--no-build': o.build = false; break
      case '--help': case '-h': o.help = true; break
      default: throw new Error(`unknown option "${arg}"\n\n${USAGE}`)
    }
  }
  return o
}

function positiveInt (flag, value) {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer`)
  return n
}
