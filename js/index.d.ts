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
  | 'ERR_NOT_INITIALIZED' | 'ERR_V4A_ENTRY' | 'ERR_REGION_SET' | 'ERR_KEY_ALGORITHM' | 'ERR_SIGNATURE' | 'ERR_CHECKSUM'

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
