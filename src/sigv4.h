/*
 * sigv4.h: AWS Signature Version 4 signing core.
 *
 * This is the only public header. It is also the manual: every function
 * says who owns what, the units of every length, and what it returns.
 *
 * Design rules that hold for the whole library:
 *
 *   - Nothing is allocated. Every context, scratch area and output buffer
 *     belongs to the caller. There is no release function; a context can
 *     be copied with memcpy and dropped at any time (wipe it if it holds
 *     key material: sigv4_wipe()).
 *
 *   - Strings are views (pointer + length), never NUL-terminated. A view
 *     with len == 0 may have ptr == NULL.
 *
 *   - Every function that can fail returns SIGV4_OK (0) or a negative
 *     SIGV4_ERR_* code, and writes its outputs only on success: on failure
 *     output buffers hold no partial result (they are zeroed up to the
 *     length that was written).
 *
 *   - No clock, no URL parser, no I/O: the caller says what goes on the
 *     wire (method, path, query, headers, payload hash, timestamp) and gets
 *     back the Authorization value or the presigned query string.
 *
 * Signing a request:
 *
 *   sigv4_key key;
 *   sigv4_key_derive(&key, secret, secret_len, "20150830", region, service);
 *   size_t need = sigv4_scratch_size(&req, &params);    // then provide it
 *   sigv4_sign(out, sizeof out, &out_len, &key, &req, &params,
 *              scratch, need, NULL);
 *   sigv4_wipe(&key, sizeof key);                       // or cache it
 *
 * SigV4a (AWS4-ECDSA-P256-SHA256, for multi-region endpoints) is the same
 * with sigv4a_key_derive() and sigv4a_sign(), and params.region_set.
 */
#ifndef SIGV4_H
#define SIGV4_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Error codes. Stable: the JS glue is generated from this table      */
/* (wasm/gen.mjs), so name, number and message are defined here only. */

#define SIGV4_OK 0

/*
 * X(NAME, number, C message, JS message). The C message is what
 * sigv4_strerror() returns; the JS message is what a SigV4Error says, in
 * the JS API's terms (option names). Neither ever contains input data.
 */
#define SIGV4_ERRORS(X) \
	X(PARAM, -1, "invalid argument: a required pointer is NULL or two flags contradict each other", \
		"invalid argument: contradictory options") \
	X(SPACE, -2, "output buffer too small", \
		"the signed output does not fit the signer's fixed 1 MiB memory") \
	X(SCRATCH, -3, "scratch area too small (size it with sigv4_scratch_size)", \
		"request too large for the signer's fixed 1 MiB memory (headers, URL and small body together)") \
	X(DATE, -4, "timestamp is not a valid YYYYMMDDTHHMMSSZ date between 1970 and 9999", \
		"signingDate must be a valid date between 1970 and 9999") \
	X(KEY_SCOPE, -5, "the timestamp's date is not the date the signing key was derived for", \
		"internal error: signing key scope does not match the date") \
	X(METHOD, -6, "HTTP method is empty or not a valid token", \
		"method must be a non-empty HTTP token such as GET or POST") \
	X(PATH, -7, "path must be empty or start with '/', and must not contain NUL, CR or LF", \
		"the request path must start with \"/\" and must not contain NUL, CR or LF") \
	X(HEADER_NAME, -8, "header name is empty or has characters not allowed in an HTTP token", \
		"a header name is empty or contains characters not allowed in HTTP header names (spaces, colons, non-ASCII...)") \
	X(HEADER_VALUE, -9, "header value contains NUL, or CR/LF that is not a folded line", \
		"a header value contains NUL or a line break (CR/LF) that is not a folded continuation line") \
	X(HEADER_RESERVED, -10, "request already has a header the signer sets (authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-region-set, x-amz-s3session-token)", \
		"the request already has a header the signer sets itself (authorization, x-amz-date, x-amz-security-token, x-amz-region-set, x-amz-s3session-token): remove it") \
	X(HOST, -11, "request must have exactly one non-empty host header", \
		"the host header must match the URL's host (it is taken from the URL)") \
	X(QUERY, -12, "query contains NUL, CR, LF or '#'", \
		"the query contains NUL, CR or LF") \
	X(QUERY_RESERVED, -13, "query already has a parameter the signer sets (X-Amz-Signature, X-Amz-Credential, X-Amz-Date...)", \
		"the URL already has a parameter the signer sets (X-Amz-Signature, X-Amz-Credential, X-Amz-Date, ...): is it already signed?") \
	X(EXPIRES, -14, "presign expiry must be between 1 and 604800 seconds", \
		"expiresIn must be an integer number of seconds from 1 to 604800 (7 days)") \
	X(PAYLOAD_HASH, -15, "payload hash must be 64 lowercase hex digits, UNSIGNED-PAYLOAD or a STREAMING-* marker (verifying: of the request's algorithm)", \
		"payloadHash (x-amz-content-sha256) must be 64 lowercase hex digits, UNSIGNED-PAYLOAD or a STREAMING-* marker (of the request's own algorithm)") \
	X(ACCESS_KEY, -16, "access key id is empty or contains spaces, '/', ',' or non-printable bytes", \
		"credentials.accessKeyId must be printable ASCII without spaces, \"/\" or \",\"") \
	X(SECRET, -17, "secret access key is empty", \
		"credentials.secretAccessKey must be a non-empty string") \
	X(TOKEN, -18, "session token contains non-printable or non-ASCII bytes", \
		"credentials.sessionToken must be printable ASCII") \
	X(REGION, -19, "region must be 1-63 characters of A-Z a-z 0-9 . _ * -", \
		"region must be 1-63 characters of A-Z a-z 0-9 . _ * -") \
	X(SERVICE, -20, "service must be 1-63 characters of A-Z a-z 0-9 . _ -", \
		"service must be 1-63 characters of A-Z a-z 0-9 . _ -") \
	X(ABI, -21, "malformed call descriptor: the JS glue and the wasm module do not match", \
		"internal error: the JS glue and the wasm module do not match") \
	X(REGION_SET, -22, "region set must be 1+ comma-separated regions of A-Z a-z 0-9 . _ * -", \
		"regionSet must be one or more regions (letters, digits, . _ - or *), comma-separated") \
	X(KEY_ALGORITHM, -23, "the key is for the other algorithm (SigV4 keys come from sigv4_key_derive, SigV4a keys from sigv4a_key_derive)", \
		"internal error: a key of the other algorithm was used") \
	X(SIGNATURE, -24, "the signature does not verify: not DER hex, or not made with this key over this string to sign", \
		"the signature does not verify") \
	X(CHECKSUM, -25, "unknown checksum algorithm", \
		"checksum must be one of crc32, crc32c, crc64nvme, sha1, sha256") \
	X(PREVIOUS, -26, "previous signature must be at most 144 lowercase hex digits ('*' padding after them is ignored)", \
		"the previous signature (seedSignature) must be lowercase hex digits") \
	X(TRAILER, -27, "trailers: 1 to SIGV4_TRAILERS_MAX headers with distinct token names and values without NUL, CR or LF; received, exactly those x-amz-trailer announced, and their signature", \
		"trailers must be 1 to 8 headers with distinct names and values without line breaks; an aws-chunked body must end with exactly the trailers x-amz-trailer announces, and their signature") \
	X(CHUNK_SIZE, -28, "chunk size must be SIGV4_CHUNK_SIZE_MIN to SIGV4_CHUNK_SIZE_MAX bytes, and the decoded length at most 2^53 - 1", \
		"chunkSize must be an integer from 8192 (S3's minimum) to 16777216, and contentLength a safe integer") \
	X(NOT_SIGNED, -29, "the request has no Authorization header and no X-Amz-Signature parameter", \
		"the request is not signed: no Authorization header and no X-Amz-Signature parameter") \
	X(AUTH, -30, "malformed signature: unknown algorithm, a part missing, repeated or unknown, a second Authorization header, or both a header and query parameters", \
		"malformed signature: an unknown algorithm, a part missing, repeated or unknown, a second Authorization header, or both a header and X-Amz-* parameters") \
	X(CREDENTIAL, -31, "credential is not <access key>/<date>/<region>/<service>/aws4_request (SigV4a: no region) with valid parts", \
		"the credential is not <access key>/<date>/<region>/<service>/aws4_request (SigV4a: no region) with valid parts") \
	X(SIGNED_HEADERS, -32, "signed headers are not distinct lowercase names in order including host, or one of them is not in the request", \
		"SignedHeaders must be distinct lowercase names in sorted order, include host, and name only headers the request has") \
	X(UNSIGNED_HEADER, -33, "the request has an x-amz-* header (or the session token, or x-amz-date) that is not signed", \
		"the request has an x-amz-* header (or the session token, or x-amz-date) that is not signed") \
	X(SCOPE_DATE, -34, "the credential's date is not the date of X-Amz-Date", \
		"the credential's date is not the date of X-Amz-Date") \
	X(BODY_CHANGED, -35, "x-amz-content-sha256 is not the SHA-256 of the body, nor a payload marker this verification accepts", \
		"x-amz-content-sha256 is not the SHA-256 of the body received") \
	X(UNSIGNED_PAYLOAD, -36, "the payload is not signed (UNSIGNED-PAYLOAD or a STREAMING-* marker by headers) and the caller does not allow it", \
		"the payload is not signed (UNSIGNED-PAYLOAD or STREAMING-*) and allowUnsignedPayload is not set") \
	X(EXPIRED, -37, "the presigned request has expired: X-Amz-Date + X-Amz-Expires is in the past", \
		"the presigned URL has expired (X-Amz-Date + X-Amz-Expires is in the past)") \
	X(NOT_YET_VALID, -38, "the presigned request is not valid yet: X-Amz-Date is further in the future than the allowed skew", \
		"the presigned URL is not valid yet (X-Amz-Date is in the future by more than maxSkewSeconds)") \
	X(SKEW, -39, "X-Amz-Date differs from the verifier's clock by more than the allowed skew", \
		"X-Amz-Date differs from the server's clock by more than maxSkewSeconds") \
	X(SIGNATURE_MISMATCH, -40, "the signature is not the one this request and key give", \
		"the signature does not match: the request was changed after signing, or signed with another key, region, service or rules") \
	X(CHUNK, -41, "aws-chunked body malformed: a chunk header, size, CRLF, trailer or final chunk is wrong or missing", \
		"the aws-chunked body is malformed (a chunk header, size, line end, trailer or the final chunk)") \
	X(CHUNK_SIGNATURE, -42, "a chunk or trailer signature of an aws-chunked body does not verify", \
		"a chunk or trailer signature of the aws-chunked body does not match") \
	X(DECODED_LENGTH, -43, "the aws-chunked body's data is not x-amz-decoded-content-length bytes", \
		"the aws-chunked body's data length is not x-amz-decoded-content-length") \
	X(CHECKSUM_MISMATCH, -44, "a checksum header or trailer is not the checksum of the data", \
		"an x-amz-checksum-* value is not the checksum of the body")

enum {
#define SIGV4_ERR_ENUM_(name, value, c_text, js_text) SIGV4_ERR_##name = value,
#define SIGV4_ERR_COUNT_(name, value, c_text, js_text) + 1
	SIGV4_ERRORS(SIGV4_ERR_ENUM_)
	/* The codes run from -1 down to this one without a gap. */
	SIGV4_ERR_LAST = -(0 SIGV4_ERRORS(SIGV4_ERR_COUNT_))
#undef SIGV4_ERR_ENUM_
#undef SIGV4_ERR_COUNT_
};

/**
 * \brief Describe an error code.
 *
 * \param err   a SIGV4_ERR_* code (or SIGV4_OK).
 * \return a static NUL-terminated English sentence; never NULL (unknown
 *         codes get a generic message). Messages never contain input data.
 */
const char *sigv4_strerror(int err);

/**
 * \brief Name of an error code, e.g. "SIGV4_ERR_SPACE".
 *
 * \return a static NUL-terminated string; "SIGV4_ERR_UNKNOWN" for codes
 *         this version does not define.
 */
const char *sigv4_errname(int err);

/* ------------------------------------------------------------------ */
/* Basic types.                                                        */

/** A byte string view: not NUL-terminated; ptr may be NULL if len == 0. */
typedef struct {
	const char *ptr;
	size_t len;
} sigv4_str;

/** One header as it goes on the wire: name and raw value, any case. */
typedef struct {
	sigv4_str name;
	sigv4_str value;
} sigv4_header;

/**
 * \brief Overwrite memory with zeros in a way the compiler cannot elide.
 *
 * Use it on keys, secrets and scratch areas after use.
 */
void sigv4_wipe(void *p, size_t len);

/* ------------------------------------------------------------------ */
/* SHA-256 (incremental), for payload hashes of any size.              */

/**
 * Incremental SHA-256 context (BearSSL's br_sha256 inside, its vtable
 * pointer left NULL). Caller-owned, no pointers: it may be copied to hash
 * a common prefix once. Do not rely on its size or contents.
 */
typedef struct {
	uint64_t opaque[16];
} sigv4_sha256;

#define SIGV4_SHA256_HEX_LEN 64

/** \brief Start a new hash. */
void sigv4_sha256_init(sigv4_sha256 *h);

/** \brief Add len bytes (data may be NULL when len == 0). */
void sigv4_sha256_update(sigv4_sha256 *h, const void *data, size_t len);

/**
 * \brief Write the lowercase hex digest of everything added so far.
 *
 * The context is not modified: more data can be added afterwards.
 * \param out   exactly 64 bytes, no NUL terminator.
 */
void sigv4_sha256_hex(const sigv4_sha256 *h, char out[64]);

/**
 * \brief Write the raw 32-byte digest of everything added so far.
 *
 * The context is not modified.
 */
void sigv4_sha256_out(const sigv4_sha256 *h, uint8_t out[32]);

/* ------------------------------------------------------------------ */
/* Checksums (incremental): what S3 sends in x-amz-checksum-*.         */

/*
 * The algorithms: X(NAME, id, wire name, digest bytes). The header or
 * trailer is "x-amz-checksum-" followed by the wire name; its value is
 * the base64 of the digest, a CRC as a big-endian integer. The CRCs are
 * reflected, start from all ones and end xored with all ones: CRC32
 * (polynomial 0xEDB88320, zlib's), CRC32C (0x82F63B78, Castagnoli) and
 * CRC64NVME (0x9A6C9329AC4BC9B5, the NVM Express CRC-64).
 */
#define SIGV4_CHECKSUMS(X) \
	X(CRC32, 0, "crc32", 4) \
	X(CRC32C, 1, "crc32c", 4) \
	X(CRC64NVME, 2, "crc64nvme", 8) \
	X(SHA1, 3, "sha1", 20) \
	X(SHA256, 4, "sha256", 32)

enum {
#define SIGV4_CHECKSUM_ENUM_(name, id, wire, bytes) SIGV4_CHECKSUM_##name = id,
	SIGV4_CHECKSUMS(SIGV4_CHECKSUM_ENUM_)
#undef SIGV4_CHECKSUM_ENUM_
	SIGV4_CHECKSUM_END_
};

/** Bytes of base64 for n bytes: standard alphabet, padded with '='. */
#define SIGV4_BASE64_LEN(n) (((n) + 2) / 3 * 4)
/** The longest digest (SHA-256), and its base64. */
#define SIGV4_CHECKSUM_MAX 32
#define SIGV4_CHECKSUM_BASE64_MAX SIGV4_BASE64_LEN(SIGV4_CHECKSUM_MAX)

/**
 * \brief Base64 (RFC 4648 section 4: A-Z a-z 0-9 + /, '=' padding).
 *
 * \param out  receives SIGV4_BASE64_LEN(len) bytes, no NUL terminator.
 * \param in   len bytes (may be NULL when len == 0).
 * \return the number of bytes written.
 */
size_t sigv4_base64(char *out, const void *in, size_t len);

/**
 * Incremental checksum context: the algorithm and its state (a CRC, or
 * BearSSL's SHA-1 context with its vtable pointer left NULL, or a
 * sigv4_sha256). Caller-owned, no pointers: it may be copied (to checksum
 * a common prefix once) and dropped at any time. Do not rely on its size
 * or contents.
 */
typedef struct {
	uint64_t opaque[17];
} sigv4_checksum;

/**
 * \brief Fill the CRC tables (64 KiB of static storage) now.
 *
 * The CRCs are table-driven, and the tables are computed rather than
 * stored in the program (the wasm module stays small): the first
 * sigv4_checksum_init() of each CRC fills its own (16 KiB; 32 KiB for
 * CRC64NVME; a few microseconds) unless this was called. That first fill
 * writes static memory without a lock (C99 has none, and the core
 * depends on no thread library), so it must not race with another: a
 * program whose threads may start CRC checksums concurrently calls this
 * once before starting them. Afterwards the tables are only read, and
 * every function here is thread-safe on distinct contexts. Calling it
 * again does nothing.
 */
void sigv4_checksum_setup(void);

/**
 * \brief The id of an algorithm from its wire name, in any case
 *        ("crc32c", "CRC32C").
 *
 * \return a SIGV4_CHECKSUM_* id, or SIGV4_ERR_CHECKSUM.
 */
int sigv4_checksum_algorithm(sigv4_str name);

/**
 * \brief The wire name of an algorithm ("crc32c"), NUL-terminated and
 *        static; NULL for an unknown id.
 */
const char *sigv4_checksum_name(int algorithm);

/** \brief Digest bytes of an algorithm (4, 8, 20 or 32); 0 if unknown. */
size_t sigv4_checksum_size(int algorithm);

/**
 * \brief Start a checksum.
 *
 * \param c          the context to (re)initialise.
 * \param algorithm  a SIGV4_CHECKSUM_* id.
 * \return SIGV4_OK, SIGV4_ERR_PARAM (c is NULL) or SIGV4_ERR_CHECKSUM (an
 *         unknown id: then *c is zeroed, and the functions below refuse it).
 */
int sigv4_checksum_init(sigv4_checksum *c, int algorithm);

/**
 * \brief Add len bytes (data may be NULL when len == 0). A context that
 *        sigv4_checksum_init() did not start is left as it is.
 */
void sigv4_checksum_update(sigv4_checksum *c, const void *data, size_t len);

/**
 * \brief Write the digest of everything added so far: a CRC big-endian,
 *        a SHA as usual.
 *
 * The context is not modified: more data can be added afterwards.
 * \param out  receives sigv4_checksum_size() bytes (at most
 *             SIGV4_CHECKSUM_MAX).
 * \param len  NULL, or receives that number of bytes.
 * \return SIGV4_OK, or SIGV4_ERR_CHECKSUM for a context not started by
 *         sigv4_checksum_init() (then nothing is written and *len is 0).
 */
int sigv4_checksum_out(const sigv4_checksum *c, uint8_t *out, size_t *len);

/**
 * \brief The digest as base64: the value of x-amz-checksum-<wire name>.
 *
 * As sigv4_checksum_out(); out receives *len bytes (8, 12, 28 or 44), no
 * NUL terminator. Also SIGV4_ERR_PARAM when out is NULL.
 */
int sigv4_checksum_base64(const sigv4_checksum *c,
	char out[SIGV4_CHECKSUM_BASE64_MAX], size_t *len);

/* ------------------------------------------------------------------ */
/* Timestamps.                                                         */

#define SIGV4_AMZ_DATE_LEN 16     /* "YYYYMMDDTHHMMSSZ" */

/**
 * \brief Format a Unix time (seconds, UTC) as an X-Amz-Date value.
 *
 * \param out      exactly 16 bytes, no NUL terminator.
 * \param seconds  seconds since 1970-01-01T00:00:00Z; years 1970..9999.
 * \return SIGV4_OK, or SIGV4_ERR_DATE when out of range.
 */
int sigv4_amz_date(char out[16], int64_t seconds);

/* ------------------------------------------------------------------ */
/* Signing key: derived once per (date, region, service), then cached. */

#define SIGV4_KEY_SIZE 32         /* bytes of kSigning, and of a SigV4a private key */
#define SIGV4_SCOPE_PART_MAX 63   /* max bytes of region and of service */

/**
 * The signing algorithms: X(NAME, sigv4_key.algorithm, name on the wire).
 * SigV4 (sigv4_sign) and SigV4a (sigv4a_sign).
 */
#define SIGV4_ALGORITHMS(X) \
	X(HMAC_SHA256, 0, "AWS4-HMAC-SHA256") \
	X(ECDSA_P256, 1, "AWS4-ECDSA-P256-SHA256")

enum {
#define SIGV4_ALG_ENUM_(name, id, text) SIGV4_ALG_##name = id,
	SIGV4_ALGORITHMS(SIGV4_ALG_ENUM_)
#undef SIGV4_ALG_ENUM_
	SIGV4_ALG_END_
};

/**
 * A derived signing key with the scope it belongs to. Plain data with no
 * pointers: copy it, cache it, and sigv4_wipe() it when done.
 */
typedef struct {
	/* SigV4: kSigning. SigV4a: the P-256 private key d, big-endian. */
	uint8_t signing_key[SIGV4_KEY_SIZE];
	/* SigV4: the SHA-256 states after HMAC's inner and outer pad blocks
	 * of signing_key, so that a signature costs no key setup: as secret
	 * as the key itself. SigV4a: zero. */
	uint8_t hmac_pads[2 * SIGV4_KEY_SIZE];
	char date[8];                          /* "YYYYMMDD" */
	uint8_t region_len;                    /* SigV4a: 0, no region */
	uint8_t service_len;
	char region[SIGV4_SCOPE_PART_MAX];
	char service[SIGV4_SCOPE_PART_MAX];
	uint8_t algorithm;                     /* SIGV4_ALG_* */
} sigv4_key;

/**
 * \brief Derive kSigning = HMAC chain over "AWS4"+secret, date, region,
 *        service, "aws4_request".
 *
 * Every intermediate (the "AWS4"+secret block, kDate, kRegion, kService,
 * HMAC states) is wiped before returning. The secret itself stays the
 * caller's to wipe.
 *
 * \param key         receives the key and its scope.
 * \param secret      the secret access key bytes (any length >= 1).
 * \param date        "YYYYMMDD", a valid calendar date.
 * \param region      1..63 bytes of [A-Za-z0-9._*-].
 * \param service     1..63 bytes of [A-Za-z0-9._-].
 * \return SIGV4_OK or SIGV4_ERR_{PARAM,SECRET,DATE,REGION,SERVICE}; on
 *         error *key is zeroed.
 */
int sigv4_key_derive(sigv4_key *key, const void *secret, size_t secret_len,
	const char date[8], sigv4_str region, sigv4_str service);

/**
 * \brief Rebuild a key from a cached 32-byte kSigning and its scope.
 *
 * Same validation as sigv4_key_derive(); costs two SHA-256 blocks (the
 * HMAC pads). Caching the whole sigv4_key instead costs nothing.
 */
int sigv4_key_import(sigv4_key *key, const uint8_t signing_key[32],
	const char date[8], sigv4_str region, sigv4_str service);

/* ------------------------------------------------------------------ */
/* SigV4a keys: one P-256 key pair per access key.                     */

/**
 * \brief Compute SigV4a's precomputed points now (call once before
 *        threads may sign SigV4a concurrently).
 *
 * A SigV4a signature multiplies P-256's generator with tables of its
 * multiples; seven of the eight (105 points, 7.5 KiB) are computed rather
 * than stored in the program, by the first signature, verification or
 * public key unless this was called (about as long as a few signatures).
 * As with sigv4_checksum_setup(), that first fill writes static memory
 * without a lock, so it must not race with another. Calling it again does
 * nothing.
 */
void sigv4a_setup(void);

/**
 * \brief The SigV4a private key of a credential: AWS's NIST SP 800-108
 *        counter-mode KDF with HMAC-SHA256.
 *
 * For c = 1, 2, ...: k0 = HMAC-SHA256("AWS4A" + secret, 00000001 ||
 * "AWS4-ECDSA-P256-SHA256" || 00 || access_key_id || c || 00000100); the
 * first k0 <= n - 2 (compared in constant time; n is P-256's order) gives
 * d = k0 + 1. It depends on the credential only, never on date, region or
 * service: derive it once per access key and cache it (as secret as the
 * secret). Every intermediate is wiped.
 *
 * \param d              receives the 32-byte private key, big-endian.
 * \param access_key_id  the access key id (as in sigv4_params).
 * \param secret         the secret access key bytes (any length >= 1).
 * \return SIGV4_OK, SIGV4_ERR_PARAM, SIGV4_ERR_ACCESS_KEY or
 *         SIGV4_ERR_SECRET (also when no counter gives a key, which
 *         happens with probability below 2^-8000); on error d is zeroed.
 */
int sigv4a_private_key(uint8_t d[SIGV4_KEY_SIZE], sigv4_str access_key_id,
	const void *secret, size_t secret_len);

/**
 * \brief A SigV4a signing key for one date and service, from the private
 *        key of sigv4a_private_key() (cheap: a copy and checks).
 *
 * \return SIGV4_OK or SIGV4_ERR_{PARAM,DATE,SERVICE}; on error *key is
 *         zeroed.
 */
int sigv4a_key_import(sigv4_key *key, const uint8_t d[SIGV4_KEY_SIZE],
	const char date[8], sigv4_str service);

/**
 * \brief sigv4a_private_key() then sigv4a_key_import(): a SigV4a key for
 *        one date and service.
 */
int sigv4a_key_derive(sigv4_key *key, sigv4_str access_key_id,
	const void *secret, size_t secret_len, const char date[8],
	sigv4_str service);

/** Bytes of an uncompressed P-256 point: 0x04 || X || Y. */
#define SIGV4A_PUBLIC_KEY_SIZE 65

/**
 * \brief The public key of a SigV4a key (what a verifier is configured
 *        with), as an uncompressed point.
 *
 * \return SIGV4_OK, SIGV4_ERR_PARAM or SIGV4_ERR_KEY_ALGORITHM; on error
 *         out is zeroed.
 */
int sigv4a_public_key(uint8_t out[SIGV4A_PUBLIC_KEY_SIZE], const sigv4_key *key);

/**
 * \brief Verify a SigV4a signature: ECDSA P-256 over SHA-256 of the string
 *        to sign, DER-encoded, as lowercase or uppercase hex.
 *
 * \param public_key      uncompressed point (sigv4a_public_key()).
 * \param string_to_sign  the string to sign the signature is over.
 * \param signature_hex   the hex digits of the DER signature.
 * \return SIGV4_OK when it verifies, SIGV4_ERR_SIGNATURE when it does not
 *         (or is not hex DER), SIGV4_ERR_PARAM on NULL inputs.
 */
int sigv4a_verify(const uint8_t public_key[SIGV4A_PUBLIC_KEY_SIZE],
	sigv4_str string_to_sign, sigv4_str signature_hex);

/* ------------------------------------------------------------------ */
/* The request and the signing parameters.                             */

/** What goes on the wire, not canonicalised. */
typedef struct {
	/** HTTP method as sent, e.g. "GET" (case is kept). */
	sigv4_str method;
	/**
	 * Path as sent, without the query: "/" or "" (both mean "/"), or any
	 * byte string starting with '/'. See SIGV4_SINGLE_ENCODE for how it
	 * is encoded.
	 */
	sigv4_str path;
	/** Query as sent, after '?' (without it), without any '#fragment'. */
	sigv4_str query;
	/**
	 * Headers in wire order; duplicates allowed (joined with ',' in this
	 * order). Must contain exactly one "host" (any case), which is always
	 * signed. Must not contain authorization, x-amz-date,
	 * x-amz-security-token, x-amz-content-sha256 or x-amz-region-set: the
	 * signer owns those (see sigv4_params).
	 */
	const sigv4_header *headers;
	size_t header_count;
} sigv4_request;

/*
 * Flags for sigv4_params.flags: X(NAME, bit). Most come in pairs (on,
 * off); setting neither of a pair means "the default for the service"
 * (SIGV4_SERVICES below), setting both is SIGV4_ERR_PARAM, and so is any
 * bit not in this table.
 *
 *   PRESIGN            produce presigned query parameters instead of an
 *                      Authorization value.
 *   SINGLE_ENCODE      encode the path once (S3): each valid %XX is kept
 *                      (hex uppercased), every other byte but unreserved
 *                      and '/' becomes %XX.
 *   DOUBLE_ENCODE      encode the path twice (everything else): every byte
 *                      but unreserved and '/' becomes %XX, '%' included,
 *                      so "%3C" is signed as "%253C".
 *   NORMALIZE          remove "." and ".." segments and empty segments
 *   NO_NORMALIZE       ("//") first, or not.
 *   CONTENT_SHA256     header mode: add and sign "x-amz-content-sha256:
 *   NO_CONTENT_SHA256  <payload_hash>"; the caller sends that header too.
 *                      Ignored when presigning.
 *   TOKEN_AFTER        leave the session token out of what is signed (IoT
 *   TOKEN_SIGNED       style): the caller adds the x-amz-security-token
 *                      header after signing; when presigning the output
 *                      ends with "&X-Amz-Security-Token=<token>".
 *                      TOKEN_SIGNED: the token is signed (the usual way).
 *   QUERY_FORM         the query is form-encoded: '+' means a space (else
 *                      a literal '+').
 *   SIGN_ALL_HEADERS   sign every header given: no built-in list of
 *                      unsignable headers.
 *   SIGN_LISTED_ONLY   sign only host and the headers named in
 *                      signed_headers.
 *   S3_SESSION_TOKEN   the token is an S3 Express session token (from
 *                      CreateSession): it is signed as the header
 *                      x-amz-s3session-token, or the query parameter
 *                      X-Amz-S3session-Token when presigning, never as
 *                      x-amz-security-token. Not with TOKEN_AFTER.
 *   UNSIGNED_PRESIGN   a policy bit, reported by sigv4_policy(): presigned
 *                      URLs of this service sign UNSIGNED-PAYLOAD when
 *                      the caller gives no payload hash (the wasm shim
 *                      applies it). Ignored by sigv4_sign().
 */
#define SIGV4_FLAGS(X) \
	X(PRESIGN, 0x0001u) \
	X(SINGLE_ENCODE, 0x0002u) \
	X(DOUBLE_ENCODE, 0x0004u) \
	X(NORMALIZE, 0x0008u) \
	X(NO_NORMALIZE, 0x0010u) \
	X(CONTENT_SHA256, 0x0020u) \
	X(NO_CONTENT_SHA256, 0x0040u) \
	X(TOKEN_AFTER, 0x0080u) \
	X(QUERY_FORM, 0x0100u) \
	X(SIGN_ALL_HEADERS, 0x0200u) \
	X(SIGN_LISTED_ONLY, 0x0400u) \
	X(TOKEN_SIGNED, 0x0800u) \
	X(S3_SESSION_TOKEN, 0x1000u) \
	X(UNSIGNED_PRESIGN, 0x2000u)

enum {
#define SIGV4_FLAG_ENUM_(name, bit) SIGV4_##name = bit,
#define SIGV4_FLAG_ALL_(name, bit) | bit
	SIGV4_FLAGS(SIGV4_FLAG_ENUM_)
	SIGV4_FLAGS_ALL = 0 SIGV4_FLAGS(SIGV4_FLAG_ALL_)
#undef SIGV4_FLAG_ENUM_
#undef SIGV4_FLAG_ALL_
};

/* The rules of every service not in SIGV4_SERVICES. */
#define SIGV4_DEFAULT_RULES (SIGV4_DOUBLE_ENCODE | SIGV4_NORMALIZE \
	| SIGV4_NO_CONTENT_SHA256 | SIGV4_TOKEN_SIGNED)

/* The rules S3 and its relatives sign by. */
#define SIGV4_S3_RULES (SIGV4_SINGLE_ENCODE | SIGV4_NO_NORMALIZE \
	| SIGV4_CONTENT_SHA256 | SIGV4_UNSIGNED_PRESIGN)

/*
 * Services whose defaults differ from SIGV4_DEFAULT_RULES: X("signing
 * name", flags); a pair the row leaves open takes the default rule. The
 * names are signing names (the credential scope's third part), compared
 * without case.
 */
#define SIGV4_SERVICES(X) \
	X("s3", SIGV4_S3_RULES) \
	X("s3express", SIGV4_S3_RULES) \
	X("s3-outposts", SIGV4_S3_RULES) \
	X("s3-object-lambda", SIGV4_S3_RULES) \
	X("iotdevicegateway", SIGV4_TOKEN_AFTER)

/**
 * \brief The policy a signature follows: flags with every pair resolved.
 *
 * \param resolved  receives flags with exactly one bit of each pair set
 *                  (the service's default where flags set neither), the
 *                  service's UNSIGNED_PRESIGN bit, and the other bits of
 *                  flags as given; with PRESIGN, NO_CONTENT_SHA256.
 * \param service   the signing name (any case).
 * \param flags     SIGV4_* flags as given to sigv4_sign().
 * \return SIGV4_OK, or SIGV4_ERR_PARAM when flags set both of a pair,
 *         both SIGN_ALL_HEADERS and SIGN_LISTED_ONLY, S3_SESSION_TOKEN with
 *         TOKEN_AFTER, or a bit that is not a flag; then *resolved is 0.
 */
int sigv4_policy(uint32_t *resolved, sigv4_str service, uint32_t flags);

#define SIGV4_EXPIRES_MAX 604800u /* 7 days */

/** Everything about a signature that is not the request itself. */
typedef struct {
	/** Access key id: 1+ printable ASCII bytes, no '/', no space. */
	sigv4_str access_key_id;
	/** Session token, or empty for none: printable ASCII. */
	sigv4_str session_token;
	/** "YYYYMMDDTHHMMSSZ"; its first 8 bytes must equal key->date. */
	sigv4_str amz_date;
	/**
	 * The payload hash line: 64 lowercase hex digits (sigv4_sha256_hex of
	 * the body), "UNSIGNED-PAYLOAD", or one of the STREAMING-* markers
	 * (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER],
	 * STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-EVENTS,
	 * STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD[-TRAILER]).
	 */
	sigv4_str payload_hash;
	/** SIGV4_* flags above. */
	uint32_t flags;
	/** Presign only: X-Amz-Expires, 1..604800 seconds. */
	uint32_t expires;
	/**
	 * Header policy (names in any case). A header is signed when it is
	 * host, or named in signed_headers; otherwise it is not signed when
	 * SIGV4_SIGN_LISTED_ONLY is set, when named in unsigned_headers, or
	 * (unless SIGV4_SIGN_ALL_HEADERS) when it is one of the AWS SDK's
	 * unsignable headers: authorization, cache-control, connection,
	 * expect, from, keep-alive, max-forwards, pragma, referer, te, trailer,
	 * transfer-encoding, upgrade, user-agent, x-amzn-trace-id, proxy-*,
	 * sec-*. Every other header is signed.
	 */
	const sigv4_str *signed_headers;
	size_t signed_header_count;
	const sigv4_str *unsigned_headers;
	size_t unsigned_header_count;
	/**
	 * SigV4a only (empty for SigV4): the regions the signature is valid
	 * in, X-Amz-Region-Set: "*", or regions separated by commas
	 * ("us-east-1,eu-west-1"), each of [A-Za-z0-9._*-].
	 */
	sigv4_str region_set;
} sigv4_params;

/**
 * Optional debug output: the canonical request and string to sign, so
 * they can be compared with what AWS says it expected. The *_len fields
 * receive the full length even when a buffer is too small (NULL with cap
 * 0 included): then sigv4_sign() fails with SIGV4_ERR_SPACE, so a second
 * call can be sized exactly. A string to sign is never longer than
 * SIGV4_STRING_TO_SIGN_MAX.
 */
#define SIGV4_STRING_TO_SIGN_MAX 320
typedef struct {
	char *canonical_request;
	size_t canonical_request_cap;
	size_t canonical_request_len;
	char *string_to_sign;
	size_t string_to_sign_cap;
	size_t string_to_sign_len;
} sigv4_capture;

/**
 * \brief Bytes of scratch that sigv4_sign() needs for this request.
 *
 * An upper bound that depends only on lengths and counts, never on
 * content. The scratch holds sort indices, the parsed query, the
 * normalised path and the signed-header list.
 */
size_t sigv4_scratch_size(const sigv4_request *req, const sigv4_params *params);

/**
 * \brief Sign a request.
 *
 * Without SIGV4_PRESIGN, out receives the Authorization header value:
 *   "AWS4-HMAC-SHA256 Credential=<akid>/<scope>, SignedHeaders=<list>,
 *    Signature=<hex>"
 * and the caller also sends X-Amz-Date (params->amz_date),
 * X-Amz-Security-Token (the token, when given) and, with
 * SIGV4_CONTENT_SHA256 in effect, x-amz-content-sha256 (the payload hash).
 *
 * With SIGV4_PRESIGN, out receives the whole query string to send (no
 * leading '?'): the request's query canonicalised and merged with the
 * X-Amz-* parameters, then "&X-Amz-Signature=<hex>".
 *
 * \param out          output buffer (not NUL-terminated).
 * \param out_cap      its size in bytes.
 * \param out_len      receives the output length; on SIGV4_ERR_SPACE the
 *                     length that is needed.
 * \param key          signing key; its scope gives date, region, service.
 * \param req          the request.
 * \param params       the parameters.
 * \param scratch      sigv4_scratch_size() bytes, any alignment. Holds
 *                     only request data, never key material.
 * \param capture      NULL, or debug buffers.
 * \return SIGV4_OK or a negative SIGV4_ERR_* code.
 */
int sigv4_sign(char *out, size_t out_cap, size_t *out_len,
	const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *params, void *scratch, size_t scratch_len,
	sigv4_capture *capture);

/** Hex digits of a SigV4a signature at most (a 72-byte DER ECDSA value). */
#define SIGV4A_SIGNATURE_HEX_MAX 144

/**
 * \brief The SigV4a signature of a string to sign: ECDSA P-256 over its
 *        SHA-256, DER-encoded, as lowercase hex; the nonce is RFC 6979's,
 *        so the same key and string give the same signature.
 *
 * What sigv4a_sign() computes last, for strings to sign built elsewhere
 * (chunk, trailer and event signatures).
 *
 * \param out      receives at most SIGV4A_SIGNATURE_HEX_MAX hex digits.
 * \param out_len  receives their number.
 * \return SIGV4_OK, SIGV4_ERR_PARAM or SIGV4_ERR_KEY_ALGORITHM.
 */
int sigv4a_signature(char out[SIGV4A_SIGNATURE_HEX_MAX], size_t *out_len,
	const sigv4_key *key, sigv4_str string_to_sign);

/**
 * \brief Sign a request with SigV4a (AWS4-ECDSA-P256-SHA256), or with
 * the algorithm of the key.
 *
 * As sigv4_sign(), with a key from sigv4a_key_derive() and
 * params->region_set. With a key from sigv4_key_derive() it signs SigV4,
 * exactly as sigv4_sign() (a program that links SigV4a anyway then needs
 * no choice of function). The canonical request signs x-amz-region-set (the
 * X-Amz-Region-Set parameter when presigning), the credential scope has
 * no region ("<date>/<service>/aws4_request") and the signature is the
 * hex of a DER ECDSA P-256 signature over SHA-256 of the string to sign,
 * with a deterministic nonce (RFC 6979: the same inputs give the same
 * signature). The caller also sends x-amz-region-set with the region set.
 *
 * \return as sigv4_sign(), and SIGV4_ERR_REGION_SET.
 */
int sigv4a_sign(char *out, size_t out_cap, size_t *out_len,
	const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *params, void *scratch, size_t scratch_len,
	sigv4_capture *capture);

/**
 * \brief The query as it must be sent for a signature made with flags.
 *
 * Each parameter, in the order given, decoded as the signature reads it
 * (with SIGV4_QUERY_FORM '+' is a space, else a plus) and encoded as the
 * canonical query encodes it: unreserved bytes as they are, every other
 * byte %XX. A space goes out as %20 and a plus as %2B, so no server's
 * reading of '+' (or of a '%' not followed by two hex digits) can differ
 * from the signature's. Unlike the canonical query it is not sorted, a
 * parameter without '=' keeps none, and empty parameters ("&&") are
 * dropped. At most 3 * len bytes.
 *
 * \param out      output buffer (not NUL-terminated; may be NULL with
 *                 out_cap 0 to learn the length).
 * \param out_cap  its size in bytes.
 * \param out_len  receives the length; on SIGV4_ERR_SPACE the length that
 *                 is needed (and out is zeroed).
 * \param query    the query as in sigv4_request: no leading '?'.
 * \param len      its length.
 * \param flags    SIGV4_* flags; only SIGV4_QUERY_FORM matters here.
 * \return SIGV4_OK, SIGV4_ERR_SPACE, or SIGV4_ERR_QUERY when the query
 *         holds NUL, CR, LF or '#'.
 */
int sigv4_query_wire(char *out, size_t out_cap, size_t *out_len,
	const char *query, size_t len, uint32_t flags);

/* ------------------------------------------------------------------ */
/* Verifying: the signing stages run backwards, on what was received.  */

/*
 * Verification in three steps, none of which needs a clock or allocates:
 *
 *   sigv4_auth a;
 *   sigv4_auth_parse(&a, &req, rules, buf, req.query.len);  // what it claims
 *   sigv4_auth_check_time(&a, now, 900);                     // when
 *   // look up the secret of a.access_key_id; derive the key of a's scope
 *   sigv4_verify(&key, &req, &a, body_sha256_hex, allow, scratch, n, NULL);
 *
 * The request is the received one: every header as it arrived,
 * authorization, x-amz-date and the rest included, and the raw request
 * target (a URL parser may rewrite dot segments or escapes the client
 * signed).
 */

/** What a request's signature claims: views into the request, or into
 *  the caller's buffer for the decoded X-Amz-* parameters. */
typedef struct {
	uint8_t algorithm;          /* SIGV4_ALG_* */
	uint8_t presigned;          /* 1: X-Amz-* query parameters */
	uint8_t token_signed;       /* the session token is signed */
	uint32_t expires;           /* presigned: X-Amz-Expires, else 0 */
	int64_t time;               /* X-Amz-Date as Unix seconds */
	uint32_t policy;            /* the service's rules (sigv4_policy()) */
	sigv4_str access_key_id;
	sigv4_str date;             /* the credential's YYYYMMDD */
	sigv4_str region;           /* empty for SigV4a */
	sigv4_str service;
	sigv4_str amz_date;         /* YYYYMMDDTHHMMSSZ */
	sigv4_str signed_headers;   /* "host;x-amz-date" */
	sigv4_str signature;        /* lowercase hex */
	sigv4_str session_token;    /* empty: none */
	sigv4_str region_set;       /* SigV4a: x-amz-region-set, else empty */
	sigv4_str content_sha256;   /* the x-amz-content-sha256 header, or empty */
} sigv4_auth;

/**
 * rief Parse and check what a request's signature claims, strictly.
 *
 * Either one Authorization header ("<algorithm> Credential=...,
 * SignedHeaders=..., Signature=..."; the parts in any order, each once,
 * separated by a comma and optional spaces) with one x-amz-date header,
 * or the X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders
 * and -Signature query parameters (each once; X-Amz-Security-Token and,
 * for SigV4a, X-Amz-Region-Set too), never both. Then:
 *   - the credential is "<akid>/<date>/<region>/<service>/aws4_request"
 *     (SigV4a: no region), each part valid as for signing;
 *   - X-Amz-Date is a valid date whose day is the credential's;
 *   - X-Amz-Expires is 1..604800;
 *   - the signed headers are lowercase tokens, in strictly ascending byte
 *     order (so no repeats), include host, and each is in the request;
 *   - every x-amz-* header the request has is signed (x-amz-date, the
 *     session token header and x-amz-content-sha256 included), except a
 *     session token under SIGV4_TOKEN_AFTER (IoT's rule);
 *   - the signature is lowercase hex: 64 digits for SigV4, an even
 *     number up to SIGV4A_SIGNATURE_HEX_MAX for SigV4a.
 *
 * \param auth     receives the claims (zeroed on error).
 * \param req      the request as received.
 * \param rules    SIGV4_* flags resolved with the credential's service as
 *                 sigv4_policy() does (0: the service's defaults); not
 *                 PRESIGN, which the request decides.
 * \param buf      receives the decoded X-Amz-* parameter values; at
 *                 least req->query.len bytes.
 * 
eturn SIGV4_OK, SIGV4_ERR_NOT_SIGNED, SIGV4_ERR_AUTH,
 *         SIGV4_ERR_CREDENTIAL, SIGV4_ERR_DATE, SIGV4_ERR_SCOPE_DATE,
 *         SIGV4_ERR_EXPIRES, SIGV4_ERR_SIGNED_HEADERS,
 *         SIGV4_ERR_UNSIGNED_HEADER, SIGV4_ERR_REGION_SET, SIGV4_ERR_TOKEN,
 *         SIGV4_ERR_SPACE (buf) or SIGV4_ERR_PARAM.
 */
int sigv4_auth_parse(sigv4_auth *auth, const sigv4_request *req,
	uint32_t rules, char *buf, size_t buf_cap);

/**
 * rief Check the claimed time against the verifier's clock.
 *
 * By headers: X-Amz-Date within max_skew seconds of now. Presigned: not
 * before X-Amz-Date - max_skew, and not after X-Amz-Date + X-Amz-Expires
 * (refused from the second after).
 *
 * \param now       the verifier's Unix time in seconds.
 * \param max_skew  seconds (S3 allows 900).
 * 
eturn SIGV4_OK, SIGV4_ERR_SKEW, SIGV4_ERR_NOT_YET_VALID,
 *         SIGV4_ERR_EXPIRED or SIGV4_ERR_PARAM.
 */
int sigv4_auth_check_time(const sigv4_auth *auth, int64_t now,
	uint32_t max_skew);

/*
 * What a verification accepts beyond a payload hash that matches the
 * body: X(NAME, bit) for the allow argument below.
 *
 *   ALLOW_UNSIGNED_PAYLOAD  UNSIGNED-PAYLOAD signed by headers (presigned
 *                           requests may always have it), and
 *                           STREAMING-UNSIGNED-PAYLOAD-TRAILER.
 *   ALLOW_STREAMING         STREAMING-* markers: the caller checks the
 *                           aws-chunked body itself, chunk by chunk.
 */
#define SIGV4_ALLOW_FLAGS(X) \
	X(ALLOW_UNSIGNED_PAYLOAD, 0x1u) \
	X(ALLOW_STREAMING, 0x2u)

enum {
#define SIGV4_ALLOW_ENUM_(name, bit) SIGV4_##name = bit,
#define SIGV4_ALLOW_ALL_(name, bit) | bit
	SIGV4_ALLOW_FLAGS(SIGV4_ALLOW_ENUM_)
	SIGV4_ALLOW_ALL = 0 SIGV4_ALLOW_FLAGS(SIGV4_ALLOW_ALL_)
#undef SIGV4_ALLOW_ENUM_
#undef SIGV4_ALLOW_ALL_
};

/** rief Bytes of scratch sigv4_verify() needs for this request. */
size_t sigv4_verify_scratch_size(const sigv4_request *req);

/**
 * rief The string to sign a request's claims stand for: the canonical
 *        request rebuilt from what was received, hashed.
 *
 * The payload line: x-amz-content-sha256 when the request has it (a hash
 * must equal body_sha256; UNSIGNED-PAYLOAD and STREAMING-* as allow
 * says); else for a presigned request of a service whose presigned URLs
 * sign UNSIGNED-PAYLOAD (S3), that; else body_sha256. The query is the
 * received one without X-Amz-Signature (and without the token under
 * SIGV4_TOKEN_AFTER), the path encoded by the service's rules.
 *
 * \param sts          receives the string to sign.
 * \param body_sha256  the lowercase hex SHA-256 of the body received, or
 *                     empty when only markers are acceptable.
 * \param allow        SIGV4_ALLOW_* bits.
 * \param scratch      sigv4_verify_scratch_size() bytes.
 * \param capture      NULL, or receives the canonical request and string
 *                     to sign (as for sigv4_sign()).
 * 
eturn SIGV4_OK, SIGV4_ERR_BODY_CHANGED, SIGV4_ERR_UNSIGNED_PAYLOAD,
 *         SIGV4_ERR_PAYLOAD_HASH (neither a hash nor a marker),
 *         SIGV4_ERR_SCRATCH, SIGV4_ERR_SPACE (capture) or SIGV4_ERR_PARAM.
 */
int sigv4_verify_string_to_sign(char sts[SIGV4_STRING_TO_SIGN_MAX],
	size_t *sts_len, const sigv4_request *req, const sigv4_auth *auth,
	sigv4_str body_sha256, uint32_t allow, void *scratch,
	size_t scratch_len, sigv4_capture *capture);

/**
 * rief Verify a SigV4 request: sigv4_verify_string_to_sign(), HMAC with
 *        the key, and a constant-time comparison.
 *
 * \param key  derived for the claimed scope (auth's date, region and
 *             service), from the secret of auth->access_key_id.
 * 
eturn SIGV4_OK when the signature is the request's, else
 *         SIGV4_ERR_SIGNATURE_MISMATCH, SIGV4_ERR_KEY_SCOPE (a key of
 *         another scope), SIGV4_ERR_KEY_ALGORITHM, or an error of
 *         sigv4_verify_string_to_sign().
 */
int sigv4_verify(const sigv4_key *key, const sigv4_request *req,
	const sigv4_auth *auth, sigv4_str body_sha256, uint32_t allow,
	void *scratch, size_t scratch_len, sigv4_capture *capture);

/**
 * rief Verify a SigV4a request with the signer's public key
 *        (sigv4a_public_key()).
 *
 * As sigv4_verify(); the ECDSA check is not constant time, and needs not
 * be: nothing secret is involved.
 */
int sigv4a_verify_request(const uint8_t public_key[SIGV4A_PUBLIC_KEY_SIZE],
	const sigv4_request *req, const sigv4_auth *auth,
	sigv4_str body_sha256, uint32_t allow, void *scratch,
	size_t scratch_len, sigv4_capture *capture);

/* ------------------------------------------------------------------ */
/* Streaming: aws-chunked uploads and event streams.                   */
/*
 * A streamed body is signed piece by piece, each signature chained to the
 * one before (the first to the request's own, the "seed"). Each piece has
 * its string to sign, made here from the key's scope:
 *
 *   chunk    <alg>-PAYLOAD \n <date> \n <scope> \n <previous> \n
 *            <SHA-256 of ""> \n <SHA-256 of the chunk>
 *   trailer  <alg>-TRAILER \n <date> \n <scope> \n <previous> \n
 *            <SHA-256 of the canonical trailers>
 *   event    <alg>-PAYLOAD \n <date> \n <scope> \n <previous> \n
 *            <SHA-256 of the encoded :date header> \n <SHA-256 of the message>
 *
 * and signed like a request's string to sign: sigv4_signature() (SigV4)
 * or sigv4a_signature() (SigV4a). <date> is X-Amz-Date: a chunk's and a
 * trailer's are the seed request's, an event's is its own.
 *
 * aws-chunked framing, as S3 reads it (every chunk but the last exactly
 * the chunk size; the last has size 0):
 *
 *   <size in lowercase hex>[;chunk-signature=<signature>] CRLF <data> CRLF
 *   ...
 *   0[;chunk-signature=<signature>] CRLF <trailer block>
 *
 * where the trailer block is "<name>:<value>" CRLF for each trailer, then,
 * when signed, "x-amz-trailer-signature:<signature>" CRLF, then CRLF; with
 * no trailers it is just CRLF. SigV4a signatures vary in length (DER), so
 * on the wire they are right-padded with '*' to SIGV4A_SIGNATURE_HEX_MAX
 * characters, as aws-c-auth does: lengths are then known in advance.
 */

/** Bytes of a streaming string to sign at most (a 144-digit previous
 * signature and a 63-byte service included). */
#define SIGV4_STREAM_STRING_TO_SIGN_MAX 480
/** Trailers of one upload at most. */
#define SIGV4_TRAILERS_MAX 8
/** Chunk sizes: S3's minimum, and a maximum that keeps a chunk in memory. */
#define SIGV4_CHUNK_SIZE_MIN 8192u
#define SIGV4_CHUNK_SIZE_MAX (16u * 1024u * 1024u)
/** Bytes of a chunk header line (CRLF included) at most. */
#define SIGV4_CHUNK_HEADER_MAX (8 + sizeof ";chunk-signature=" - 1 \
	+ SIGV4A_SIGNATURE_HEX_MAX + 2)

/**
 * \brief The width of a signature of this algorithm on the aws-chunked
 *        wire: 64 for SigV4, SIGV4A_SIGNATURE_HEX_MAX for SigV4a (padded
 *        with '*'), 0 for an unsigned upload (algorithm < 0).
 */
size_t sigv4_chunk_signature_width(int algorithm);

/**
 * \brief The string to sign of one chunk of an aws-chunked upload.
 *
 * \param out           SIGV4_STREAM_STRING_TO_SIGN_MAX bytes.
 * \param out_len       receives its length.
 * \param key           the seed request's key (either algorithm).
 * \param amz_date      the seed request's X-Amz-Date; its day must be the
 *                      key's.
 * \param previous      the previous signature as hex (the seed's for the
 *                      first chunk); '*' padding after it is ignored.
 * \param chunk_sha256  SHA-256 of the chunk's data (the final, empty
 *                      chunk's too).
 * \return SIGV4_OK or SIGV4_ERR_{PARAM,DATE,KEY_SCOPE,PREVIOUS}; on error
 *         *out_len is 0.
 */
int sigv4_chunk_string_to_sign(char *out, size_t *out_len,
	const sigv4_key *key, sigv4_str amz_date, sigv4_str previous,
	const uint8_t chunk_sha256[32]);

/**
 * \brief The string to sign of an upload's trailers.
 *
 * The canonical trailers are "<name>:<value>\n" for each trailer, names
 * lowercased and sorted, values trimmed with inner whitespace runs as one
 * space: what sigv4_trailer_block() sends, and the canonical headers'
 * rules, which AWS's own C signer (aws-c-auth) applies to trailers too.
 *
 * \param previous   the final (empty) chunk's signature.
 * \param trailers   1 to SIGV4_TRAILERS_MAX headers with distinct names.
 * \return SIGV4_OK or SIGV4_ERR_{PARAM,DATE,KEY_SCOPE,PREVIOUS,TRAILER}.
 */
int sigv4_trailer_string_to_sign(char *out, size_t *out_len,
	const sigv4_key *key, sigv4_str amz_date, sigv4_str previous,
	const sigv4_header *trailers, size_t count);

/**
 * \brief The string to sign of one event-stream message.
 *
 * \param amz_date        this message's X-Amz-Date (its day the key's).
 * \param previous        the previous message's signature (the request's
 *                        for the first); may be empty.
 * \param date_ms         the value of the message's :date header,
 *                        milliseconds since 1970 (usually amz_date's
 *                        time; it is signed as it is).
 * \param message_sha256  SHA-256 of the encoded message the signed one
 *                        carries as its payload (empty for the last).
 * \return SIGV4_OK or SIGV4_ERR_{PARAM,DATE,KEY_SCOPE,PREVIOUS}.
 */
int sigv4_event_string_to_sign(char *out, size_t *out_len,
	const sigv4_key *key, sigv4_str amz_date, sigv4_str previous,
	int64_t date_ms, const uint8_t message_sha256[32]);

/**
 * \brief The SigV4 signature of a string to sign: HMAC-SHA256 with the
 *        key, as 64 lowercase hex digits (sigv4a_signature() for SigV4a).
 *
 * \return SIGV4_OK, SIGV4_ERR_PARAM or SIGV4_ERR_KEY_ALGORITHM.
 */
int sigv4_signature(char out[64], size_t *out_len, const sigv4_key *key,
	sigv4_str string_to_sign);

/**
 * \brief A chunk's header line: "<size hex>;chunk-signature=<signature>"
 *        and CRLF, the signature padded to width with '*'; with width 0,
 *        "<size hex>" and CRLF (unsigned uploads).
 *
 * \param out        SIGV4_CHUNK_HEADER_MAX bytes.
 * \param width      sigv4_chunk_signature_width() of the algorithm.
 * \return the line's length, or 0 when the signature is longer than width
 *         (or given with width 0, or missing with width > 0).
 */
size_t sigv4_chunk_header(char *out, uint32_t size, sigv4_str signature,
	size_t width);

/**
 * \brief What follows the final chunk's header: the trailers, the trailer
 *        signature when there is one (padded to width), and CRLF.
 *
 * \param out        output buffer, or NULL with out_cap 0 to learn the
 *                   length.
 * \param out_len    receives the length, also on SIGV4_ERR_SPACE.
 * \param trailers   0 (then the block is CRLF alone) to
 *                   SIGV4_TRAILERS_MAX headers, as for
 *                   sigv4_trailer_string_to_sign().
 * \param signature  the trailer signature, or empty (unsigned uploads).
 * \return SIGV4_OK, SIGV4_ERR_SPACE, SIGV4_ERR_TRAILER or SIGV4_ERR_PARAM
 *         (a signature longer than width).
 */
int sigv4_trailer_block(char *out, size_t out_cap, size_t *out_len,
	const sigv4_header *trailers, size_t count, sigv4_str signature,
	size_t width);

/**
 * \brief The length of an aws-chunked body on the wire (Content-Length),
 *        known before any of it is read.
 *
 * \param out          receives the length.
 * \param decoded_len  bytes of data (x-amz-decoded-content-length), at
 *                     most 2^53 - 1.
 * \param chunk_size   SIGV4_CHUNK_SIZE_MIN..SIGV4_CHUNK_SIZE_MAX.
 * \param width        sigv4_chunk_signature_width() of the algorithm.
 * \param trailers     the trailers, with values of their final length (a
 *                     checksum's value has a fixed length), as for
 *                     sigv4_trailer_block(); NULL and 0 for none.
 * \return SIGV4_OK, SIGV4_ERR_CHUNK_SIZE, SIGV4_ERR_TRAILER or
 *         SIGV4_ERR_PARAM.
 */
int sigv4_chunked_length(uint64_t *out, uint64_t decoded_len,
	uint32_t chunk_size, size_t width, const sigv4_header *trailers,
	size_t count);

/* ------------------------------------------------------------------ */
/* Verifying aws-chunked bodies: the receiving side of "Streaming".    */
/*
 * A decoder reads an aws-chunked body as it arrives, in pieces of any
 * size, and hands back the decoded data as views into the pieces (no
 * copy). It checks, in the order the bytes come, and stops at the first
 * fault:
 *
 *   - the framing (above): each chunk header line "<size>" then, when
 *     signed, ";chunk-signature=" and exactly the algorithm's width of
 *     signature (sigv4_chunk_signature_width(); SigV4a: lowercase DER hex
 *     right-padded with '*'), then CRLF; the size 1 to 16 lowercase hex
 *     digits without leading zeros; CRLF after each chunk's data; a
 *     chunk of 1 to 8191 bytes only as the last one before the final
 *     chunk (S3's minimum); nothing after the trailer block's CRLF:
 *     SIGV4_ERR_CHUNK;
 *   - each chunk's signature, when its data ends, chained from the seed
 *     (the request's signature), and the final chunk's: compared in
 *     constant time (SigV4) or verified with the public key (SigV4a):
 *     SIGV4_ERR_CHUNK_SIGNATURE;
 *   - the sizes against x-amz-decoded-content-length, as soon as a chunk
 *     header announces more than is left, or the final chunk comes early:
 *     SIGV4_ERR_DECODED_LENGTH;
 *   - the trailers: exactly the names announced in x-amz-trailer (any
 *     case, any order), each once, as "<name>:<value>" CRLF (value
 *     trimmed of spaces and tabs, without NUL or CR), then, when signed,
 *     "x-amz-trailer-signature:<signature>" CRLF, then CRLF:
 *     SIGV4_ERR_TRAILER; the trailer signature (over the trailers as
 *     sigv4_trailer_string_to_sign() canonicalises them):
 *     SIGV4_ERR_CHUNK_SIGNATURE;
 *   - an x-amz-checksum-* trailer against the data, at the end (after the
 *     trailer signature): SIGV4_ERR_CHECKSUM_MISMATCH.
 *
 * Data comes out before its chunk's signature is checked (that needs the
 * whole chunk): nothing is verified until sigv4_unchunk_feed() returns
 * SIGV4_UNCHUNK_END, and a caller that acts on data earlier acts only on
 * the data before a SIGV4_UNCHUNK_CHUNK, or discards everything when a
 * later call fails. Once a call fails the context stays failed: every
 * later call returns the same error.
 *
 * Lines are never buffered beyond their bound: a chunk header line at
 * most SIGV4_CHUNK_HEADER_MAX bytes (CRLF included; longer:
 * SIGV4_ERR_CHUNK), a trailer line at most SIGV4_TRAILER_LINE_MAX
 * (longer: SIGV4_ERR_TRAILER).
 *
 * The context holds a copy of the key (SigV4: kSigning's HMAC states;
 * SigV4a: only the scope and the public key), wiped when the body ends or
 * a call fails. A caller that drops a context before either wipes it
 * (sigv4_wipe(u, sizeof *u)). Like the other contexts it is caller-owned
 * plain data with no pointers: it may be copied, and dropped at any time.
 *
 *   sigv4_unchunk u;
 *   sigv4_unchunk_init(&u, &key, amz_date, seed, decoded_len, names, n);
 *   for each piece received (in, len):
 *       while (len > 0) {
 *           rc = sigv4_unchunk_feed(&u, in, len, &used, &data);
 *           if (rc < 0) fail;          // and discard what was decoded
 *           consume data (data.len bytes at data.ptr, inside in);
 *           in += used; len -= used;
 *       }
 *   at the end of input: sigv4_unchunk_finish(&u) must be SIGV4_OK.
 */

/** Bytes of a trailer line (CRLF included) at most. */
#define SIGV4_TRAILER_LINE_MAX 256u
/** Bytes of the trailer names announced, all together, at most. */
#define SIGV4_TRAILER_NAMES_MAX 256u

/** sigv4_unchunk_feed(): a chunk (not the final one) ended, verified. */
#define SIGV4_UNCHUNK_CHUNK 1
/** sigv4_unchunk_feed(): the body ended and everything verified. */
#define SIGV4_UNCHUNK_END 2

/** A decoder. Do not rely on its size or contents. */
typedef struct {
	uint64_t opaque[448];
} sigv4_unchunk;

/**
 * \brief Start decoding an aws-chunked body.
 *
 * \param u               the context to (re)initialise.
 * \param key             the seed request's key (sigv4_key_derive()), or
 *                        NULL for STREAMING-UNSIGNED-PAYLOAD-TRAILER (no
 *                        signatures: then at least one trailer, and one
 *                        of them an x-amz-checksum-*). SigV4a keys:
 *                        sigv4a_unchunk_init().
 * \param amz_date        the seed request's X-Amz-Date, its day the key's
 *                        (ignored when key is NULL).
 * \param seed_signature  the seed request's signature, hex (ignored when
 *                        key is NULL).
 * \param decoded_length  x-amz-decoded-content-length: bytes of data, at
 *                        most 2^53 - 1.
 * \param trailer_names   the names in x-amz-trailer (any case), 0 to
 *                        SIGV4_TRAILERS_MAX distinct tokens of at most
 *                        SIGV4_TRAILER_NAMES_MAX bytes together; at most
 *                        one x-amz-checksum-<algorithm>. Copied: the
 *                        caller may free them after this call.
 * \return SIGV4_OK, or SIGV4_ERR_PARAM, SIGV4_ERR_KEY_ALGORITHM (a SigV4a
 *         key), SIGV4_ERR_DATE, SIGV4_ERR_KEY_SCOPE, SIGV4_ERR_PREVIOUS
 *         (the seed is not lowercase hex of the algorithm's length),
 *         SIGV4_ERR_CHUNK_SIZE (decoded_length), SIGV4_ERR_TRAILER,
 *         SIGV4_ERR_CHECKSUM (an x-amz-checksum-* of no known algorithm);
 *         on error the context is failed (feeding it returns the error)
 *         and holds no key.
 */
int sigv4_unchunk_init(sigv4_unchunk *u, const sigv4_key *key,
	sigv4_str amz_date, sigv4_str seed_signature, uint64_t decoded_length,
	const sigv4_str *trailer_names, size_t trailer_count);

/**
 * \brief As sigv4_unchunk_init(), also for SigV4a keys
 *        (sigv4a_key_derive()): the context keeps the key's public key
 *        and scope, not the private key. Links the P-256 code.
 */
int sigv4a_unchunk_init(sigv4_unchunk *u, const sigv4_key *key,
	sigv4_str amz_date, sigv4_str seed_signature, uint64_t decoded_length,
	const sigv4_str *trailer_names, size_t trailer_count);

/**
 * \brief Decode the next bytes of the body.
 *
 * Reads from in until it has used all len bytes, a chunk has ended, or
 * the body has ended; call again with the rest.
 *
 * \param in     len bytes (may be NULL when len == 0), any split of the
 *               body.
 * \param used   receives the bytes of in read (all of them unless the
 *               call returns SIGV4_UNCHUNK_CHUNK).
 * \param data   receives the decoded data read in this call: a view into
 *               in (empty when the call read only framing).
 * \return SIGV4_OK (more input needed), SIGV4_UNCHUNK_CHUNK (a chunk
 *         ended and its signature verified: the data handed out so far is
 *         signed), SIGV4_UNCHUNK_END (the body ended with every check
 *         passed; feeding more bytes is SIGV4_ERR_CHUNK), or a negative
 *         error: SIGV4_ERR_{CHUNK,CHUNK_SIGNATURE,DECODED_LENGTH,TRAILER,
 *         CHECKSUM_MISMATCH} (above), SIGV4_ERR_PARAM, or
 *         SIGV4_ERR_KEY_ALGORITHM (a SigV4a context: sigv4a_unchunk_feed()).
 *         On error *used and *data are 0 and empty, and the context is
 *         failed and wiped but for its error.
 */
int sigv4_unchunk_feed(sigv4_unchunk *u, const void *in, size_t len,
	size_t *used, sigv4_str *data);

/**
 * \brief As sigv4_unchunk_feed(), also for contexts of
 *        sigv4a_unchunk_init(). Links the P-256 code.
 */
int sigv4a_unchunk_feed(sigv4_unchunk *u, const void *in, size_t len,
	size_t *used, sigv4_str *data);

/**
 * \brief The input has ended: whether the body ended with it.
 *
 * \return SIGV4_OK after SIGV4_UNCHUNK_END; the context's error if it
 *         failed; else SIGV4_ERR_CHUNK (the body is cut short), and the
 *         context is failed and wiped.
 */
int sigv4_unchunk_finish(sigv4_unchunk *u);

#ifdef __cplusplus
}
#endif

#endif
