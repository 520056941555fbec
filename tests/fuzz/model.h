/*
 * model.h: a slow, separately written model of what sigv4_sign() must
 * produce, built from the contracts in src/sigv4.h (and the rules stated
 * at the top of src/uri.c, query.c and headers.c), not from the library's
 * code. The fuzz targets compare the library with it byte for byte.
 *
 * It shares nothing with src/ but the public types and the public SHA-256
 * (its HMAC is written here on top of sigv4_sha256_*, not BearSSL's HMAC).
 * Being a second implementation, it can be wrong too: a mismatch means one
 * of the two is, and the AWS suites in tests/c decide which.
 */
#ifndef SIGV4_FUZZ_MODEL_H
#define SIGV4_FUZZ_MODEL_H

#include "fuzz_util.h"

/* Bit for an error code in an error set: MODEL_BIT(SIGV4_ERR_DATE). */
#define MODEL_BIT(code) (1u << (unsigned)(-(code)))

/* ------------------------------------------------------------------ */
/* model_encode.c: bytes, paths, queries.                              */

int model_is_unreserved(unsigned char c);
int model_is_tchar(unsigned char c);
int model_hex_digit(unsigned char c);   /* value or -1 */

/* "%XX", uppercase hex. */
void model_pct(fz_buf *b, unsigned char c);
/* Every byte but unreserved as %XX. */
void model_encode(fz_buf *b, const char *p, size_t n);
/* Lenient percent-decoding: a valid %XX is its byte, anything else is
 * itself; '+' is a space when plus_space. */
void model_decode(fz_buf *b, const char *p, size_t n, int plus_space);

/* Whether s is only unreserved bytes, %XX with uppercase hex digits and
 * bytes of also. */
int model_well_encoded(sigv4_str s, const char *also);

/* "." and empty segments dropped, ".." drops the one before; a trailing
 * '/' kept when the input has one and a segment remains; "/" if none. */
void model_normalize(fz_buf *out, const char *p, size_t n);
/* The canonical path: optionally normalised, then encoded once (valid
 * %XX decoded, then every byte but unreserved re-encoded, '/' only where
 * it was literal) or twice (every byte but unreserved and '/'). */
void model_path(fz_buf *out, sigv4_str path, int single, int normalize);

/* Canonical query: pieces split at '&' (empty ones skipped), key up to
 * the first '=', both decoded (model_decode), plus nextra already-decoded
 * pairs extra[2i], extra[2i+1]; all RFC 3986-encoded and sorted by
 * encoded key, then encoded value, bytewise; "k=v" joined with '&'. */
void model_query(fz_buf *out, sigv4_str query, int form,
	const sigv4_str *extra, size_t nextra);
/* Whether a parameter's decoded key equals one of the lowercase names,
 * ignoring ASCII case. */
int model_query_has_key(sigv4_str query, int form,
	const char *const *lower_names, size_t nnames);

/* How many parameters of a query (not form-encoded) have exactly this
 * decoded key; the first one's decoded value is appended to value. */
size_t model_query_get(fz_buf *value, sigv4_str query, const char *key);

/* ------------------------------------------------------------------ */
/* model_headers.c: the header rules.                                  */

/* Equality ignoring ASCII case. */
int model_name_eq(sigv4_str a, sigv4_str b);
/* No NUL; CR only as part of CRLF; LF only followed by space or tab. */
int model_header_value_ok(sigv4_str v);
/* The signing policy of sigv4_params (host always signed). */
int model_header_signed(sigv4_str name, const sigv4_params *p);
/* Errors the header checks may give (HEADER_NAME, HEADER_VALUE,
 * HEADER_RESERVED, HOST), as a MODEL_BIT set; 0 when all are fine.
 * s3_session: SIGV4_S3_SESSION_TOKEN is in effect, which reserves
 * x-amz-s3session-token too. */
uint32_t model_header_errors(const sigv4_request *req, int s3_session);
/* Value trimmed of space, tab, CR, LF; inner runs of them as one space. */
void model_fold(fz_buf *out, sigv4_str v);
/*
 * Canonical header block ("name:v1,v2\n" per distinct lowercase name,
 * sorted bytewise, values in input order) and the signed-header list
 * ("a;b"), over the signed headers of h and every one of extra.
 */
void model_headers(fz_buf *block, fz_buf *list, const sigv4_header *h,
	size_t n, const sigv4_params *p, const sigv4_header *extra,
	size_t nextra);

/* ------------------------------------------------------------------ */
/* model_sign.c: keys, validation, the canonical request, the output.  */

void model_hex(char *out, const uint8_t *in, size_t n);
void model_sha256_hex(char out[64], const void *p, size_t n);
void model_hmac(uint8_t out[32], const void *key, size_t key_len,
	const void *msg, size_t msg_len);
/* kSigning from the secret (any length) and the scope. */
void model_signing_key(uint8_t out[32], sigv4_str secret,
	const char date[8], sigv4_str region, sigv4_str service);

/* "YYYYMMDD", a real Gregorian date in 1970..9999. */
int model_date_ok(const char *d);
/* "YYYYMMDDTHHMMSSZ" with a real date and time (no leap second). */
int model_amz_date_ok(sigv4_str s);
/* 1..63 bytes of A-Z a-z 0-9 . _ - (and '*' when allow_star). */
int model_scope_part_ok(sigv4_str s, int allow_star);
int model_payload_hash_ok(sigv4_str s);

/* Errors sigv4_key_derive may return for these inputs (0: must succeed). */
uint32_t model_key_errors(sigv4_str secret, const char date[8],
	sigv4_str region, sigv4_str service);

typedef struct {
	int presign;
	int single;
	int normalize;
	int content_sha256;
	int token_signed;
	int token_after;
	int s3_session;            /* SIGV4_S3_SESSION_TOKEN given */
	const char *token_header;  /* a signed token's header (lowercase) */
	const char *token_param;   /* and its presign parameter */
} model_mode;

/* Flags resolved as sigv4.h documents; 0 when two flags contradict or a
 * bit is no flag. */
int model_resolve(model_mode *m, const sigv4_params *p, sigv4_str service);

/* What sigv4_sign needs from the key: its scope. */
typedef struct {
	char date[8];
	sigv4_str region;
	sigv4_str service;
} model_scope_parts;

/* Errors sigv4_sign may return (0: must succeed), given ample buffers. */
uint32_t model_sign_errors(const model_scope_parts *k,
	const sigv4_request *req, const sigv4_params *p);

/* "<date>/<region>/<service>/aws4_request" */
void model_scope(fz_buf *out, const model_scope_parts *k);

/* The canonical request (and the signed-header list); inputs valid. */
void model_canonical_request(fz_buf *creq, fz_buf *list,
	const model_mode *m, const model_scope_parts *k,
	const sigv4_request *req, const sigv4_params *p);

/* "AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256(creq)>" */
void model_string_to_sign(fz_buf *out, const model_scope_parts *k,
	sigv4_str amz_date, sigv4_str creq);

/* The Authorization value or the presigned query, from the canonical
 * request's query line, the list and the hex signature. */
void model_output(fz_buf *out, const model_mode *m,
	const model_scope_parts *k, const sigv4_params *p, sigv4_str query_line,
	sigv4_str list, const char sig_hex[64]);

/* ------------------------------------------------------------------ */
/* model_unchunk.c: the aws-chunked decoder, on a whole buffer.        */

typedef struct {
	int is_signed;             /* SigV4 (else unsigned) */
	uint8_t signing_key[32];   /* kSigning */
	sigv4_str scope;           /* "<date>/<region>/<service>/aws4_request" */
	sigv4_str amz_date;
	sigv4_str seed;            /* 64 hex digits */
	uint64_t decoded;
	const sigv4_str *names;    /* announced trailers */
	size_t count;
} model_unchunk_in;

/* SIGV4_OK with the data in out, or the error the decoder must give.
 * Checksums: crc32, crc32c and sha256 (any other never matches). */
int model_unchunk(const model_unchunk_in *in, const uint8_t *body,
	size_t len, fz_buf *out);

#endif
