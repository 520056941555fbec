// Types for sigv4-wasm (hand-written; shared by every entry point).

/**
 * Where the wasm module comes from, for hosts that need to supply it: the
 * module, its bytes, a Response, or its URL (fetched; a file: URL is read
 * from disk in Node).
 */
export type WasmSource =
  | WebAssembly.Module
  | BufferSource
  | Response
  | string
  | URL
  | PromiseLike<WebAssembly.Module | BufferSource | Response | string | URL>

/**
 * Load the module. Memoised: later calls return the same promise. Optional
 * in the default entry: the first synchronous call loads it itself where the
 * host allows a synchronous compile (Node, workers, Deno, Bun). Required in
 * `sigv4-wasm/slim`, which has no module inside: `init(url)`, or `init()` to
 * fetch the package's own `sigv4.wasm` next to it.
 */
export function init(source?: WasmSource): Promise<void>
/** Load the module synchronously (Node, Workers; not a browser main thread for large modules). */
export function initSync(source?: WebAssembly.Module | BufferSource): void

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string | null
  /** When they stop working: signing at or after it is ERR_CREDENTIALS_EXPIRED. */
  expiration?: Date | string | number
}

export type HeadersInput =
  | Record<string, string | number | readonly (string | number)[] | undefined>
  | Headers
  | Iterable<readonly [string, string]>

export type Body = string | ArrayBuffer | ArrayBufferView | null | undefined

export interface SignableRequest {
  /** Default GET. DELETE/GET/HEAD/OPTIONS/POST/PUT are upper-cased, as fetch does. */
  method?: string
  /** Absolute http(s) URL. Its host (with a non-default port) is the signed host. */
  url: string | URL
  /** Headers as they will be sent; duplicates allowed in the array form. */
  headers?: HeadersInput
  /** The exact body that will be sent. */
  body?: Body
  /**
   * The request target (path and query) exactly as your HTTP client sends
   * it, when that is not what `new URL(url)` gives (Node's http.request
   * sends paths verbatim; fetch normalises them). Rarely needed.
   */
  path?: string
}

export interface SignOptions {
  credentials: Credentials
  /** Inferred from the URL's host when omitted (an unknown host is an error). */
  region?: string
  /** Inferred from the URL's host when omitted (an unknown host is an error). */
  service?: string
  /**
   * "AWS4-HMAC-SHA256" (SigV4, the default) or "AWS4-ECDSA-P256-SHA256"
   * (SigV4a: only from the entry sigv4-wasm/v4a; the default entry throws
   * ERR_V4A_ENTRY). Hosts that accept only SigV4a (S3 Multi-Region Access
   * Points, CloudFront KeyValueStore, EventBridge global endpoints) select it.
   */
  algorithm?: 'AWS4-HMAC-SHA256' | 'AWS4-ECDSA-P256-SHA256'
  /** SigV4a: the regions the signature is valid in. Default "*". */
  regionSet?: string | readonly string[]
  /**
   * Default: now. Milliseconds, a Date, or a string with its time zone
   * ("2026-12-02T10:00:00Z", an offset, GMT, or "20261202T100000Z").
   */
  signingDate?: Date | string | number

  /**
   * S3 rules: path encoded once and not normalised, x-amz-content-sha256
   * signed. Default: on for s3, s3express, s3-outposts, s3-object-lambda.
   */
  s3?: boolean
  /** Remove "." / ".." / empty segments before signing. Default: !s3. */
  normalizePath?: boolean
  /** Percent-encode the (already encoded) path again. Default: !s3. */
  doubleEncodePath?: boolean
  /** Add and sign x-amz-content-sha256 (any service). Default: s3. */
  signContentSha256?: boolean
  /** Sign the literal UNSIGNED-PAYLOAD instead of hashing the body. */
  unsignedPayload?: boolean
  /** A precomputed payload hash (64 lowercase hex) or a STREAMING-* marker. */
  payloadHash?: string
  /**
   * '+' in the query means a space, as URLSearchParams and axios write it.
   * Default: true; false reads '+' as a literal plus. Either way the URL
   * returned carries the query as signed (%20 for a space, %2B for a plus).
   */
  queryFormEncoded?: boolean
  /** Leave the session token out of the signature and add it after (IoT). Default: true for iotdevicegateway. */
  appendSessionToken?: boolean
  /**
   * The session token is an S3 Express session token (from CreateSession on
   * a directory bucket): it is signed and sent as x-amz-s3session-token
   * (X-Amz-S3session-Token in a presigned URL), not x-amz-security-token.
   * Default: false (CreateSession itself is signed the ordinary way).
   */
  s3ExpressSession?: boolean

  /** Sign these even if they are on the unsignable list. */
  signableHeaders?: Iterable<string>
  /** Never sign these. */
  unsignableHeaders?: Iterable<string>
  /** Sign every header given (no built-in unsignable list). */
  signAllHeaders?: boolean
  /** Sign only host and these headers. */
  signOnlyHeaders?: Iterable<string>
}

export interface PresignOptions extends SignOptions {
  /** Seconds, 1..604800. Default 3600. */
  expiresIn?: number
}

export interface ExplainOptions extends PresignOptions {
  /** Explain a presigned URL instead of header signing. */
  presign?: boolean
}

export interface SignedRequest {
  method: string
  url: string
  /**
   * Everything to send, lowercase names: the given headers plus
   * authorization, x-amz-date and, where they apply, x-amz-security-token
   * and x-amz-content-sha256. Never host (the HTTP client sets it).
   */
  headers: Record<string, string>
  body?: Body
}

export interface Explanation {
  canonicalRequest: string
  stringToSign: string
  signedHeaders: string
  signature: string
  /** Header signing. */
  authorization?: string
  /** Presigning. */
  url?: string
}

export function sign(request: SignableRequest, options: SignOptions): SignedRequest
export function presign(request: SignableRequest, options: PresignOptions): string
export function explain(request: SignableRequest, options: ExplainOptions): Explanation

/**
 * sign, presign and explain with caches of their own: derived signing keys
 * (never the secret), parsed URLs, scopes inferred from hosts and the
 * session token's bytes. The functions above share one default signer;
 * a separate one keeps another tenant's keys apart, and takes its caches
 * with it when it is dropped. All signers share the one wasm instance.
 */
export interface Signer {
  sign(request: SignableRequest, options: SignOptions): SignedRequest
  presign(request: SignableRequest, options: PresignOptions): string
  explain(request: SignableRequest, options: ExplainOptions): Explanation
}
export function createSigner(): Signer

/** Lowercase hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256(data: string | ArrayBuffer | ArrayBufferView): string
/** sha256() without blocking: large inputs may use the host's native hash. */
export function sha256Async(data: string | ArrayBuffer | ArrayBufferView): Promise<string>
export interface Sha256 {
  update(data: string | ArrayBuffer | ArrayBufferView): Sha256
  digest(): string
}
/** Incremental SHA-256 for bodies of any size (several may run at once). */
export function createSha256(): Sha256

/**
 * The algorithms of S3's x-amz-checksum-<name> headers and trailers; the
 * SDKs' upper-case spelling (ChecksumAlgorithm) is accepted too.
 */
export type ChecksumAlgorithm = 'crc32' | 'crc32c' | 'crc64nvme' | 'sha1' | 'sha256'
  | 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256'
/**
 * The checksum of a string (UTF-8) or bytes as S3 sends it in
 * x-amz-checksum-<algorithm>: the base64 of the digest (a CRC big-endian).
 */
export function checksum(algorithm: ChecksumAlgorithm, data: string | ArrayBuffer | ArrayBufferView): string
export interface Checksum {
  update(data: string | ArrayBuffer | ArrayBufferView): Checksum
  /** The base64 of everything so far; more updates may follow. */
  digest(): string
}
/** Incremental checksum for bodies of any size (several may run at once). */
export function createChecksum(algorithm: ChecksumAlgorithm): Checksum

export type SigV4ErrorCode =
  | 'ERR_PARAM' | 'ERR_SPACE' | 'ERR_SCRATCH' | 'ERR_DATE' | 'ERR_KEY_SCOPE'
  | 'ERR_METHOD' | 'ERR_PATH' | 'ERR_HEADER_NAME' | 'ERR_HEADER_VALUE'
  | 'ERR_HEADER_RESERVED' | 'ERR_HOST' | 'ERR_QUERY' | 'ERR_QUERY_RESERVED'
  | 'ERR_EXPIRES' | 'ERR_PAYLOAD_HASH' | 'ERR_ACCESS_KEY' | 'ERR_SECRET'
  | 'ERR_TOKEN' | 'ERR_REGION' | 'ERR_SERVICE' | 'ERR_ABI'
  | 'ERR_URL' | 'ERR_BODY' | 'ERR_CREDENTIALS' | 'ERR_CREDENTIALS_EXPIRED' | 'ERR_INFER' | 'ERR_OPTION'
  | 'ERR_NOT_INITIALIZED' | 'ERR_NO_WASM' | 'ERR_V4A_ENTRY' | 'ERR_REGION_SET' | 'ERR_KEY_ALGORITHM' | 'ERR_SIGNATURE' | 'ERR_CHECKSUM'
  | VerificationCode | 'ERR_POLICY' | 'ERR_POLICY_CONDITION' | 'ERR_HTTP' | 'ERR_CURL'

export class SigV4Error extends Error {
  name: 'SigV4Error'
  /** Stable; mirrors the C core's SIGV4_ERR_* names where it comes from C. */
  code: SigV4ErrorCode
  /** The C core's negative code, when the error came from it. */
  errno?: number
}

// ---------------------------------------------------------------------------
// Integrations: fetch, axios, credential providers

/** Credentials as providers return them; `expiration` drives the cache. */
/** Credentials as providers return them (Credentials has expiration too). */
export type ExpiringCredentials = Credentials

/** An async (or sync) source of credentials, e.g. one of the AWS SDK's providers. */
export type CredentialProvider = () => ExpiringCredentials | PromiseLike<ExpiringCredentials>

/** A static credentials object, or a provider (cached with cachedCredentials()). */
export type CredentialsInput = Credentials | CredentialProvider

export interface CachedCredentialsOptions {
  /** Refresh this long before `expiration` (ms). Default 300000 (5 minutes). */
  marginMs?: number
}

export interface CachedCredentialProvider {
  /** The cached credentials, refreshed when needed; concurrent calls share one refresh. */
  (): Promise<Readonly<ExpiringCredentials>>
  /** Forget the cached credentials: the next call asks the provider again. */
  invalidate(): void
}

/**
 * Caches a provider until `expiration - marginMs` (forever without an
 * expiration). Each call's result is a frozen snapshot, so one signature
 * always uses one consistent key id, secret and token.
 */
export function cachedCredentials(provider: CredentialProvider, options?: CachedCredentialsOptions): CachedCredentialProvider

/** Everything sign() takes (but a fixed payloadHash), with credentials that may be a provider. */
export interface IntegrationOptions extends Omit<SignOptions, 'credentials' | 'payloadHash'> {
  credentials: CredentialsInput
  /**
   * Send ReadableStream bodies as they are read, signed as UNSIGNED-PAYLOAD
   * (S3 accepts this; most services do not). Default false: streams are
   * read into memory and their hash is signed.
   */
  unsignedStreams?: boolean
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 0. */
  limit?: number
  /** Backoff base (ms): attempt n waits a random time below min(maxDelayMs, baseDelayMs * 2^n). Default 100. */
  baseDelayMs?: number
  /** Longest wait (ms), also the cap on a server's Retry-After. Default 20000. */
  maxDelayMs?: number
}

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

export interface SignedFetchOptions extends IntegrationOptions {
  /** The fetch to send with. Default: globalThis.fetch, looked up at each call. */
  fetch?: FetchFunction
  /** Retry 5xx, 429 and network errors, signing each attempt anew. A number is the limit. */
  retries?: number | RetryOptions
  /**
   * Send stream and Blob bodies aws-chunked as they are read (S3), instead
   * of reading them into memory: 'signed' signs every chunk,
   * 'unsigned-trailer' sends a checksum trailer only. Needs a content-length
   * header (a Blob's size is its own). Not retried.
   */
  streaming?: 'signed' | 'unsigned-trailer'
  /** With streaming: bytes of each chunk (default 65536, at least 8192). */
  chunkSize?: number
  /** With streaming: the checksum sent in the trailer (default: none when signed, crc32 when not). */
  checksum?: ChecksumAlgorithm | null
}

export interface SignedFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>
  /** Server time minus local time (ms), learnt from a clock-skew 403. 0 until then. */
  readonly clockOffsetMs: number
}

/** fetch with fetch's signature that signs exactly the URL, headers and body it sends. */
export function createSignedFetch(options: SignedFetchOptions): SignedFetch

/** An axios request interceptor: it resolves to the same config, signed. */
export type Sigv4AxiosInterceptor = <Config extends object>(config: Config) => Promise<Config>

/** For axios.interceptors.request.use(...). Register it first: axios runs request interceptors last-registered first. */
export function sigv4Interceptor(options: IntegrationOptions): Sigv4AxiosInterceptor

/** The parts of an axios instance addSigv4Interceptor uses (axios 1.x). */
export interface AxiosInstanceLike {
  interceptors: {
    request: { use(onFulfilled: Sigv4AxiosInterceptor, ...rest: any[]): number }
    response: { use(onFulfilled: undefined, onRejected: (error: any) => any, ...rest: any[]): number }
  }
  request(config: any): Promise<any>
  getUri?(config?: any): string
}

/**
 * Installs sigv4Interceptor on an instance (params serialised by the
 * instance's own getUri) and a response interceptor that corrects clock
 * skew once per request. Returns the request interceptor's id.
 */
export function addSigv4Interceptor(instance: AxiosInstanceLike, options: IntegrationOptions): number

/**
 * A body to send aws-chunked: read piece by piece as it is sent. The pieces
 * are sent as they are, not copied: each must be new memory (a stream that
 * yields a buffer again fails with ERR_BODY).
 */
export type ChunkedBody =
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Blob
  | string
  | ArrayBuffer
  | ArrayBufferView

export interface ChunkedRequest extends Omit<SignableRequest, 'body'> {
  body: ChunkedBody
  /** Bytes the body will yield (x-amz-decoded-content-length). Required for streams. */
  contentLength?: number
}

export interface ChunkedOptions extends Omit<SignOptions, 'payloadHash' | 'unsignedPayload'> {
  /** Bytes of each chunk but the last. Default 65536; 8192 (S3's minimum) to 16 MiB. */
  chunkSize?: number
  /** 'signed' (default): every chunk signed. 'unsigned': a checksum trailer only. */
  payload?: 'signed' | 'unsigned'
  /** The checksum sent in a trailer. Default: none when signed, crc32 when unsigned. */
  checksum?: ChecksumAlgorithm | null
}

export interface ChunkedUpload {
  method: string
  url: string
  /** With authorization, content-encoding (aws-chunked), content-length, x-amz-decoded-content-length, x-amz-trailer. */
  headers: Record<string, string>
  /**
   * The encoded body. With fetch, pass duplex: 'half'. In Workers it comes
   * through a FixedLengthStream, so it is sent with its Content-Length.
   * Deno's fetch drops the content-length of a stream body, and Chromium
   * sends a stream body only over HTTP/2 or later: there, send
   * `new Uint8Array(await new Response(body).arrayBuffer())` instead.
   */
  body: ReadableStream<Uint8Array>
}

/**
 * Sign an upload whose body is sent aws-chunked as it is read (S3
 * PutObject, UploadPart): memory stays at about one chunk whatever the size.
 * A body that yields more or fewer bytes than contentLength makes the
 * stream fail (ERR_BODY_LENGTH) before the final chunk is signed.
 */
export function signChunked(request: ChunkedRequest, options: ChunkedOptions): Promise<ChunkedUpload>

/** The Content-Length of an aws-chunked body of decodedLength bytes. */
export function encodedLength(decodedLength: number, chunkSize?: number,
  options?: { payload?: 'signed' | 'unsigned', checksum?: ChecksumAlgorithm | null, algorithm?: 'AWS4-HMAC-SHA256' | 'AWS4-ECDSA-P256-SHA256' }): number

/** An event-stream header value, as @smithy/eventstream-codec has them (a long as a bigint). */
export type EventHeaderValue =
  | { type: 'boolean', value: boolean }
  | { type: 'byte' | 'short' | 'integer', value: number }
  | { type: 'long', value: bigint }
  | { type: 'binary', value: Uint8Array }
  | { type: 'string', value: string }
  | { type: 'timestamp', value: Date }
  | { type: 'uuid', value: string }

/** What encode() takes: typed values, or a string, boolean, bigint, Date or bytes. */
export type EventHeaderInput = EventHeaderValue | string | boolean | bigint | Date | ArrayBuffer | ArrayBufferView

export interface EventMessage {
  headers: Record<string, EventHeaderValue>
  payload: Uint8Array
}

export interface EventMessageInput {
  headers?: Record<string, EventHeaderInput> | Iterable<[string, EventHeaderInput]>
  payload?: ArrayBuffer | ArrayBufferView | string
}

/** application/vnd.amazon.eventstream messages. Errors: ERR_EVENT_CRC, ERR_EVENT_FRAME, ERR_EVENT_HEADER, ERR_EVENT_PAYLOAD. */
export interface EventStreamCodec {
  encode(message: EventMessageInput): Uint8Array
  decode(bytes: ArrayBuffer | ArrayBufferView): EventMessage
  /** Splits a byte stream into messages: push() returns those the bytes complete; end() throws if one is cut short. */
  decoder(): { push(bytes: ArrayBuffer | ArrayBufferView): EventMessage[], end(): void }
  decodeStream(source: ReadableStream<Uint8Array> | AsyncIterable<ArrayBuffer | ArrayBufferView> | Iterable<ArrayBuffer | ArrayBufferView>): AsyncGenerator<EventMessage, void, undefined>
}

export function createEventStreamCodec(): EventStreamCodec

export interface EventSignerOptions {
  credentials: Credentials
  region: string
  service: string
  /** The signature of the request that opened the stream (64 hex digits). */
  seedSignature: string
  /** Default date of each message (default: now). */
  signingDate?: Date | string | number
}

export interface EventSigner {
  /** The signed message to send, carrying `message` (encoded bytes, or a message to encode). */
  sign(message: Uint8Array | EventMessageInput, date?: Date | string | number): Uint8Array
  /** The empty signed message that ends the stream; sign() is refused after it. */
  end(date?: Date | string | number): Uint8Array
  /** The last signature (the seed before the first message). */
  readonly signature: string
}

/** Signs the messages of an event stream (Transcribe streaming, Bedrock, Lex), each chained to the one before. */
export function createEventSigner(options: EventSignerOptions): EventSigner

// ---------------------------------------------------------------------------
// The receiving side: verifying incoming requests

/** Why verify() refused a request. */
export type VerificationCode =
  | 'ERR_NOT_SIGNED' | 'ERR_AUTH' | 'ERR_CREDENTIAL' | 'ERR_SIGNED_HEADERS' | 'ERR_UNSIGNED_HEADER'
  | 'ERR_SCOPE_DATE' | 'ERR_BODY_CHANGED' | 'ERR_UNSIGNED_PAYLOAD' | 'ERR_EXPIRED' | 'ERR_NOT_YET_VALID'
  | 'ERR_SKEW' | 'ERR_SIGNATURE_MISMATCH' | 'ERR_EXPIRES' | 'ERR_DATE' | 'ERR_TOKEN' | 'ERR_REGION_SET'
  | 'ERR_PAYLOAD_HASH' | 'ERR_PARAM' | 'ERR_UNKNOWN_KEY' | 'ERR_WRONG_REGION' | 'ERR_WRONG_SERVICE'
  | 'ERR_SESSION_TOKEN' | 'ERR_V4A_ENTRY' | 'ERR_CHUNK' | 'ERR_CHUNK_SIGNATURE' | 'ERR_DECODED_LENGTH'
  | 'ERR_CHECKSUM_MISMATCH' | 'ERR_TRAILER'

/** A request as it was received. */
export interface ReceivedRequest {
  method?: string
  /** The absolute URL it was sent to (its host, when there is no host header). */
  url: string | URL
  /** Every header as received (duplicates in the array form). */
  headers?: HeadersInput
  body?: Body | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>
  /** The raw request target (path and query) as received: new URL() rewrites dot segments. */
  path?: string
}

/** The secret of an access key this endpoint knows, or null. */
export type CredentialLookup = (accessKeyId: string) =>
  | { secretAccessKey: string, sessionToken?: string | null } | null | undefined
  | PromiseLike<{ secretAccessKey: string, sessionToken?: string | null } | null | undefined>

export interface VerifyOptions {
  /** A lookup by access key, or one credential. A sessionToken returned must be the request's. */
  credentials: CredentialLookup | Credentials
  /** The regions this endpoint serves ('*': any). SigV4a: the region set must include one. */
  region: string | readonly string[]
  /** The signing names it serves ('*': any). */
  service: string | readonly string[]
  /** The server's clock (default now). */
  now?: Date | number
  /** By headers: X-Amz-Date within this of now; presigned: not before X-Amz-Date minus this. Default 900 (S3's). */
  maxSkewSeconds?: number
  /** Accept UNSIGNED-PAYLOAD signed by headers (presigned URLs always may). */
  allowUnsignedPayload?: boolean
  /** Add our canonicalRequest and stringToSign to the result (to compare with the client's). */
  debug?: boolean
  /** The signing rules, as sign() takes them (default: the claimed service's). */
  s3?: boolean
  normalizePath?: boolean
  doubleEncodePath?: boolean
  queryFormEncoded?: boolean
  appendSessionToken?: boolean
  s3ExpressSession?: boolean
}

interface VerificationClaims {
  accessKeyId: string
  algorithm: 'AWS4-HMAC-SHA256' | 'AWS4-ECDSA-P256-SHA256'
  /** SigV4: the credential's region; SigV4a: undefined (see regionSet). */
  region?: string
  regionSet?: string
  service: string
  signedHeaders: string[]
  /** The request's signature (hex): an aws-chunked body's first chunk chains from it. */
  signature: string
  presigned: boolean
  /** X-Amz-Date. */
  signedAt: Date
  /** Presigned: when it stops being accepted. */
  expiresAt?: Date
  /** The session token the request carries (checked against the lookup's, when it gives one). */
  sessionToken?: string
  /** What the signature covers of the body. */
  payload: 'signed' | 'unsigned' | 'streaming'
  /** debug: true */
  canonicalRequest?: string
  stringToSign?: string
}

export interface Verification extends VerificationClaims {
  valid: true
  /** The body that was verified (read once from the request). */
  body: Uint8Array
}

export interface VerificationFailure extends Partial<VerificationClaims> {
  valid: false
  code: VerificationCode
  /** Says why; never holds a secret. */
  message: string
}

/** Verify a received SigV4 request (SigV4a from sigv4-wasm/v4a). Throws only for bad options. */
export function verify(request: ReceivedRequest | Request, options: VerifyOptions): Promise<Verification | VerificationFailure>

export interface MiddlewareOptions<Failure> extends VerifyOptions {
  /** The answer to a refusal (default: 403 with the code and message as text). */
  onFailure?: Failure
}

/** A fetch-style handler that runs only for requests that verify (getVerification(request) has the result). */
export function withVerification<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Response | Promise<Response>,
  options: MiddlewareOptions<(result: VerificationFailure, request: Request) => Response | Promise<Response>>
): (request: Request, ...rest: Rest) => Promise<Response>

/** The verify() result of a request a withVerification() handler was given. */
export function getVerification(request: Request): Verification | undefined

/** (req, res, next) for Node's http and Express-style servers: req.sigv4 and req.rawBody on success. */
export function verifyMiddleware(
  options: MiddlewareOptions<(result: VerificationFailure, req: any, res: any) => void>
): (req: any, res: any, next: (err?: unknown) => void) => void

/** An AWS-style error answer for a refusal: S3's XML or the JSON protocols' body. */
export function awsErrorResponse(result: VerificationFailure, options?: { format?: 'xml' | 'json' }): {
  status: number, headers: Record<string, string>, body: string
}

// ---------------------------------------------------------------------------
// S3 POST policies (browser uploads by HTML form). SigV4 only: S3 has no
// SigV4a POST policy, and presignPost() refuses hosts that take only SigV4a.

/**
 * A policy condition, as S3 writes them: an exact match `{ field: value }`,
 * `['eq' | 'starts-with', '$field', value]` (an empty prefix: any value),
 * or `['content-length-range', min, max]` (bytes, inclusive).
 */
export type PostCondition =
  | Record<string, string>
  | readonly ['eq' | 'starts-with', string, string]
  | readonly ['content-length-range', number, number]

export interface PresignPostParams {
  /**
   * The bucket's URL, where the form is posted: virtual-hosted
   * (https://bucket.s3.region.amazonaws.com/) or path-style
   * (https://host/bucket). The region is inferred from it as sign() does.
   */
  url: string | URL
  /** The object key. Ending with `${filename}`: a prefix, completed by the uploaded file's name. */
  key: string
  /** The bucket, when the URL does not say it. */
  bucket?: string
  conditions?: readonly PostCondition[]
  /** Form fields to send and sign as exact matches (acl, Content-Type, x-amz-meta-*...). */
  fields?: Record<string, string>
  /** Seconds until the policy expires: 1 to 604800 (7 days). Default 3600. */
  expiresIn?: number
}

export interface PresignPostOptions {
  credentials: Credentials
  /** Default: inferred from the URL. */
  region?: string
  /** Default 's3'. */
  service?: string
  signingDate?: Date | string | number
}

export interface PresignedPost {
  /** Where the form goes (POST, multipart/form-data). */
  url: string
  /**
   * The form fields, in the order @aws-sdk/s3-presigned-post gives them:
   * yours, bucket, X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
   * X-Amz-Security-Token (with a session token), key, Policy,
   * X-Amz-Signature. The file goes last, as the field `file`.
   */
  fields: Record<string, string>
}

/** The URL and form fields of an S3 POST upload (as @aws-sdk/s3-presigned-post's createPresignedPost). */
export function presignPost(params: PresignPostParams, options: PresignPostOptions): PresignedPost

export interface VerifyPostOptions {
  /** The secret (and session token) of an access key, or null for a key this endpoint does not know. */
  credentials: (accessKeyId: string) =>
    | { secretAccessKey: string, sessionToken?: string | null } | null | undefined
    | PromiseLike<{ secretAccessKey: string, sessionToken?: string | null } | null | undefined>
  /** The region(s) this endpoint accepts. */
  region: string | readonly string[]
  /** The service(s) this endpoint accepts. Default 's3'. */
  service?: string | readonly string[]
  /** Default Date.now(). */
  now?: Date | number
  /** How far x-amz-date may be ahead of now. Default 900. */
  maxSkewSeconds?: number
  /** This endpoint's bucket: the `bucket` conditions are checked against it. */
  bucket?: string
  /** The file's size in bytes, for content-length-range (default: the FormData file's size). */
  contentLength?: number
  /** The uploaded file's name, for `${filename}` (default: the FormData file's name). */
  filename?: string
}

export type VerifyPostResult =
  | {
    valid: true
    accessKeyId: string
    region: string
    service: string
    bucket: string | undefined
    /** With `${filename}` replaced by the file's name. */
    key: string
    /** The covered form fields by lowercase name, `${filename}` replaced (not policy, x-amz-signature, file, x-ignore-*). */
    fields: Record<string, string>
    /** The form's x-amz-security-token, when it has one. */
    sessionToken: string | undefined
    expiresAt: Date
  }
  | {
    valid: false
    code: 'ERR_NOT_SIGNED' | 'ERR_AUTH' | 'ERR_CREDENTIAL' | 'ERR_WRONG_REGION' | 'ERR_WRONG_SERVICE' |
      'ERR_UNKNOWN_KEY' | 'ERR_SESSION_TOKEN' | 'ERR_SCOPE_DATE' | 'ERR_NOT_YET_VALID' |
      'ERR_SIGNATURE_MISMATCH' | 'ERR_POLICY' | 'ERR_EXPIRED' | 'ERR_POLICY_CONDITION'
    /** Names the field or part at fault; never a secret. */
    message: string
  }

/**
 * Whether a POST upload's form carries a valid policy signature and meets
 * every condition of the policy, as S3 checks it. `fields`: the form's
 * fields before the file (S3 ignores those after it), as FormData,
 * URLSearchParams, an object or [name, value] pairs; names are compared
 * without case. Throws only for wrong options.
 */
export function verifyPost(
  fields: FormData | URLSearchParams | Record<string, string> | Iterable<readonly [string, string | Blob]>,
  options: VerifyPostOptions,
): Promise<VerifyPostResult>

// ---------------------------------------------------------------------------
// Diagnosis: why AWS refused a signature.

/** What an AWS error body says; null where it does not say. */
export interface AwsError {
  /** S3's XML, the query services' XML, JSON (JSON services, API Gateway), or bare text. */
  format: 's3-xml' | 'xml' | 'json' | 'text'
  /** SignatureDoesNotMatch, InvalidSignatureException, RequestTimeTooSkewed, ... */
  code: string | null
  /** The message, without the canonical request and string to sign it carried. */
  message: string | null
  /** What AWS computed from the request it received. */
  canonicalRequest: string | null
  stringToSign: string | null
  signatureProvided: string | null
  accessKeyId: string | null
  /** As X-Amz-Date writes them (YYYYMMDD'T'HHMMSS'Z'). */
  requestTime: string | null
  serverTime: string | null
  maxSkewMs: string | null
  expires: string | null
  expectedRegion: string | null
  expectedService: string | null
  signedRegion: string | null
  clientContentSha256: string | null
  serverContentSha256: string | null
}

/** Read an AWS error body (or a whole HTTP response): S3 XML, query XML, JSON, or text. */
export function parseAwsError(body: string | Uint8Array): AwsError

export interface DiagnoseInput {
  /** The request as it was sent, its authorization / x-amz-date / x-amz-security-token headers included (read, not signed). */
  request: SignableRequest
  /** As explain() takes them. Credentials are optional: without them no signature is reproduced. */
  options?: Partial<ExplainOptions>
  /** The error body AWS returned, or parseAwsError()'s reading of it. */
  awsError?: string | Uint8Array | AwsError
}

export interface Cause {
  /** Stable: BODY_CHANGED, PATH_ENCODED_ONCE, QUERY_NOT_SORTED, QUERY_NOT_ENCODED, HEADER_CHANGED, DATE_FORMAT, CLOCK_SKEW, EXPIRED, WRONG_REGION, WRONG_SERVICE, WRONG_SECRET, UNKNOWN, ... */
  code: string
  /** One line, in plain words. */
  title: string
  /** What happened and what to do, in a few sentences. */
  detail: string
}

export interface LineDiff {
  kind: 'same' | 'changed' | 'aws-only' | 'ours-only'
  /** 'method', 'path', 'query', 'header <name>', 'signed headers', 'payload hash'; 'algorithm', 'date', 'scope', 'canonical request hash'. */
  label: string
  aws?: string
  ours?: string
  /** Changed lines: the differing characters, [start, end) in each. */
  span?: { aws: [number, number], ours: [number, number] }
}

export interface SigningTexts {
  canonicalRequest: string
  stringToSign: string
}

export interface Diagnosis {
  /** Most likely first; empty when there is nothing to explain. */
  causes: Cause[]
  /** What AWS computed, when the error body says. */
  aws: SigningTexts | null
  /** What is compared with AWS's: the sender's own texts when a known mistake reproduces its signature, else sigv4-wasm's. */
  ours: SigningTexts & { label: 'sigv4-wasm' | 'your signer (reconstructed)' }
  /** What sigv4-wasm signs for the request as sent. */
  expected: SigningTexts & { label: 'sigv4-wasm' }
  /** The signature sent, and the one AWS's string to sign gets with the credentials given (null without them). */
  signatures: { provided: string | null, expected: string | null }
  /** AWS's against ours, line by line (empty without AWS's texts). */
  diff: { canonicalRequest: LineDiff[], stringToSign: LineDiff[] }
  error: AwsError | null
}

/**
 * Why AWS refused a request's signature: reads AWS's error body, compares
 * what AWS computed with what sigv4-wasm computes for the request as sent,
 * and, with the credentials, finds the signing mistake that reproduces the
 * signature that was sent. Makes no request.
 */
export function diagnose(input: DiagnoseInput): Promise<Diagnosis>

// ---------------------------------------------------------------------------
// Requests as text: raw HTTP/1.1 and curl command lines

/** A request read from text, as sign(), verify() and explain() take it. */
export interface TextRequest {
  method: string
  /** scheme://host + target (an absolute-form target is its own URL). */
  url: string
  /** The request target exactly as sent (path and query), never re-encoded. */
  path: string
  /** In order, duplicates kept, names as sent. */
  headers: [string, string][]
  /** The body's bytes (Content-Length's, or decoded from chunked transfer coding). */
  body: Uint8Array
}

/**
 * A raw HTTP/1.1 request (CRLF or LF line ends; Content-Length or chunked
 * bodies; origin-form "/p?q" with Host, or absolute-form targets).
 * Throws SigV4Error: ERR_HTTP (framing: request line, blank line, body
 * length, transfer coding), ERR_METHOD, ERR_PATH, ERR_HEADER_NAME,
 * ERR_HEADER_VALUE, ERR_HOST, ERR_URL.
 */
export function parseHttpRequest(text: string | Uint8Array | ArrayBuffer, options?: { scheme?: 'https' | 'http' }): TextRequest

/** What a curl command line sends, and the SigV4 settings it gives. */
export interface CurlRequest {
  method: string
  url: string
  /** Including the Content-Type curl adds to -d data (unless removed with -H 'Content-Type:'). */
  headers: [string, string][]
  /** -d / --data-* / --json data joined with '&'; bytes when not UTF-8. */
  body?: string | Uint8Array
  /** -u KEY:SECRET with --aws-sigv4; an x-amz-security-token header moves here. */
  credentials?: Credentials
  /** From --aws-sigv4 aws:amz:REGION:SERVICE. */
  region?: string
  service?: string
}

/**
 * A curl command line (POSIX shell words: quotes, backslashes, $'...',
 * continuations; a leading `curl`; `printf '...' | curl ... --data-binary @-`)
 * as the request it sends. Throws SigV4Error ERR_CURL for options that
 * read files, expand variables or are unknown.
 */
export function parseCurl(commandLine: string): CurlRequest

/**
 * A curl command line (POSIX sh quoting) sending exactly this request: the
 * URL unchanged (--path-as-is, -g where needed), every header, the body by
 * --data-binary (binary bytes through printf), or --data-binary @bodyFile.
 */
export function toCurl(
  request: { method?: string, url: string | URL, path?: string, headers?: HeadersInput, body?: Body },
  options?: { bodyFile?: string },
): string
