// -H values as [name, value] pairs: "Name: value", or "Name;" for an
// empty value (as curl writes it).

import { usage } from './exit.js'

export function headerPairs (list = []) {
  return list.map((h) => {
    const colon = h.indexOf(':')
    if (colon < 0 && /^[^;\s]+;\s*$/.test(h)) return [h.slice(0, h.indexOf(';')), '']
    if (colon <= 0) usage(`-H ${JSON.stringify(h)} is not 'Name: value'`)
    return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()]
  })
}
