// The wasm call's layout (wasm/ABI.md, version 3), as plain data: limits,
// the descriptor's words, the output's offsets, the flag bits, the error
// codes and their messages. Nothing but `export const` numbers, strings and
// frozen objects and arrays, under the names wasm/gen.mjs generates this
// file with from the C tables.

// descriptor word 0: "SV4" and the ABI version
export const MAGIC = 0x53563403
// where JS starts writing strings and tables: the descriptor fits below
export const STRINGS_START = 256
// entries of the header table
export const MAX_HEADERS = 4096
// entries of each header-name table
export const MAX_LIST = 256
// a sigv4_key struct: kSigning, its HMAC pad states, its scope
export const KEY_BYTES = 232
// a cached key: the sigv4_key struct, then the id of its secret (32)
export const CACHED_KEY_BYTES = 264
// an incremental SHA-256 state (sigv4_sha256)
export const HASH_STATE_BYTES = 128
// OPTIONS bit: capture the canonical request and string to sign
export const OPT_CAPTURE = 1

// Descriptor: word index of each field (strings and tables take two words).
export const D = Object.freeze({
  MAGIC: 0,
  FLAGS: 1,
  EXPIRES: 2,
  OPTIONS: 3,
  TIME_LO: 4,
  TIME_HI: 5,
  METHOD: 6,
  PATH: 8,
  QUERY: 10,
  AKID: 12,
  SECRET: 14,
  TOKEN: 16,
  REGION: 18,
  SERVICE: 20,
  PAYLOAD: 22,
  BODY: 24,
  CACHED_KEY: 26,
  HEADERS: 28,
  SIGNED: 30,
  UNSIGNED: 32,
  OUTPUT: 34,
  WORDS: 35,
})

// Output header: byte offset of each field from the output offset.
export const OUT = Object.freeze({
  RESULT_LEN: 0,
  CREQ_LEN: 4,
  STS_LEN: 8,
  KEY_NEW: 12,
  RESULT_OFF: 16,
  CREQ_OFF: 20,
  STS: 32,
  KEY: 352,
  KEY_ID: 584,
  HEADER: 624,
})

// The head, right before the result: byte offsets.
export const HEAD = Object.freeze({
  DATE: 0,
  PAYLOAD_HASH: 16,
  BYTES: 80,
})

// SIGV4_* flags.
export const F = Object.freeze({
  PRESIGN: 0x1,
  SINGLE_ENCODE: 0x2,
  DOUBLE_ENCODE: 0x4,
  NORMALIZE: 0x8,
  NO_NORMALIZE: 0x10,
  CONTENT_SHA256: 0x20,
  NO_CONTENT_SHA256: 0x40,
  TOKEN_AFTER: 0x80,
  QUERY_FORM: 0x100,
  SIGN_ALL_HEADERS: 0x200,
  SIGN_LISTED_ONLY: 0x400,
})

// C error codes: index = -code.
export const C_CODES = Object.freeze(['OK', 'ERR_PARAM', 'ERR_SPACE', 'ERR_SCRATCH', 'ERR_DATE', 'ERR_KEY_SCOPE', 'ERR_METHOD', 'ERR_PATH', 'ERR_HEADER_NAME', 'ERR_HEADER_VALUE', 'ERR_HEADER_RESERVED', 'ERR_HOST', 'ERR_QUERY', 'ERR_QUERY_RESERVED', 'ERR_EXPIRES', 'ERR_PAYLOAD_HASH', 'ERR_ACCESS_KEY', 'ERR_SECRET', 'ERR_TOKEN', 'ERR_REGION', 'ERR_SERVICE', 'ERR_ABI'])

// What a SigV4Error says for each C code.
export const C_MESSAGES = Object.freeze({
  ERR_PARAM: 'invalid argument: contradictory options',
  ERR_SPACE: 'the signed output does not fit the signer\'s fixed 1 MiB memory',
  ERR_SCRATCH: 'request too large for the signer\'s fixed 1 MiB memory (headers, URL and small body together)',
  ERR_DATE: 'signingDate must be a valid date between 1970 and 9999',
  ERR_KEY_SCOPE: 'internal error: signing key scope does not match the date',
  ERR_METHOD: 'method must be a non-empty HTTP token such as GET or POST',
  ERR_PATH: 'the request path must start with "/" and must not contain NUL, CR or LF',
  ERR_HEADER_NAME: 'a header name is empty or contains characters not allowed in HTTP header names (spaces, colons, non-ASCII...)',
  ERR_HEADER_VALUE: 'a header value contains NUL or a line break (CR/LF) that is not a folded continuation line',
  ERR_HEADER_RESERVED: 'the request already has a header the signer sets itself (authorization, x-amz-date, x-amz-security-token, x-amz-region-set): remove it',
  ERR_HOST: 'the host header must match the URL\'s host (it is taken from the URL)',
  ERR_QUERY: 'the query contains NUL, CR or LF',
  ERR_QUERY_RESERVED: 'the URL already has a parameter the signer sets (X-Amz-Signature, X-Amz-Credential, X-Amz-Date, ...): is it already signed?',
  ERR_EXPIRES: 'expiresIn must be an integer number of seconds from 1 to 604800 (7 days)',
  ERR_PAYLOAD_HASH: 'payloadHash must be 64 lowercase hex digits, UNSIGNED-PAYLOAD or a STREAMING-* marker',
  ERR_ACCESS_KEY: 'credentials.accessKeyId must be printable ASCII without spaces, "/" or ","',
  ERR_SECRET: 'credentials.secretAccessKey must be a non-empty string',
  ERR_TOKEN: 'credentials.sessionToken must be printable ASCII',
  ERR_REGION: 'region must be 1-63 characters of A-Z a-z 0-9 . _ * -',
  ERR_SERVICE: 'service must be 1-63 characters of A-Z a-z 0-9 . _ -',
  ERR_ABI: 'internal error: the JS glue and the wasm module do not match',
})
