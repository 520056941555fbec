// A credential provider whose every answer is a new key pair that expires
// at once, and the verify-server lookup that knows all of them: each
// signature made with it names a distinct access key, which proves that
// it was made anew.
export function oneShotKeys (prefix) {
  const issued = new Map()
  let n = 0
  return {
    async provider () {
      n++
      const c = { accessKeyId: `${prefix}${n}`, secretAccessKey: `secret-${prefix}-${n}`, expiration: new Date(Date.now() + 2) }
      issued.set(c.accessKeyId, c)
      return c
    },
    lookup: (akid) => issued.get(akid) ?? null,
  }
}
