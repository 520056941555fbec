// Headless Chromium (Debian's package, or $CHROMIUM_PATH) driven by
// playwright-core, as every browser test here launches it.
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** node:test's skip option: a reason when there is no Chromium outside CI. */
export const skipWithoutChromium = !process.env.CI && !existsSync(CHROMIUM) && `no ${CHROMIUM}`

export function launchChromium () {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}
