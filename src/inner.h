/*
 * inner.h: declarations shared by the files of src/ (not installed).
 *
 * A signature runs through named stages (sigv4_state below carries what
 * each one produces for the next):
 *   policy.c     the flags in effect, after the service's defaults
 *   check.c      every input, before anything is written
 *   canonical.c  signed headers, query, canonical request -> its hash
 *   sign.c       scratch layout, string to sign, signature, output, and
 *                sigv4_sign(), which runs the stages in order
 * and the pieces they are made of:
 *   sink.c     a buffered writer feeding SHA-256 and/or a capture buffer
 *   uri.c      path normalisation and RFC 3986 path encoding
 *   query.c    query parsing, re-encoding and sorting
 *   headers.c  header validation, the header policy, sorting, emission
 *   key.c      the HMAC key chain
 *   time.c     X-Amz-Date formatting and validation
 *   sha256.c   SHA-256: BearSSL's round, buffering and padding here
 *   checksum.c the x-amz-checksum-* algorithms (CRCs, SHA-1, SHA-256), base64
 *   util.c     wipe, heapsort, error strings, small byte helpers
 */
#ifndef SIGV4_INNER_H
#define SIGV4_INNER_H

#include <string.h>

#include "sigv4.h"
#include "bearssl_hash.h"
#include "bearssl_hmac.h"

/* ------------------------------------------------------------------ */
/* util.c                                                              */

/* A view of a string literal. */
#define SIGV4_LITERAL(s) ((sigv4_str){ s, sizeof s - 1 })

/* RFC 3986 unreserved: A-Z a-z 0-9 - _ . ~ */
int sigv4_is_unreserved(unsigned char c);
/* RFC 7230 tchar */
int sigv4_is_tchar(unsigned char c);
/* RFC 7230 token: one or more tchar (a method, a header name). */
int sigv4_is_token(sigv4_str s);
/* Whether s holds any of the nbytes bytes. */
int sigv4_has_bytes(sigv4_str s, const char *bytes, size_t nbytes);
unsigned char sigv4_lower(unsigned char c);
/* Value of a hex digit, or -1. */
int sigv4_hexval(unsigned char c);
/* Case-insensitive equality of a view with a lowercase C string. */
int sigv4_eq_lower(sigv4_str s, const char *lower);
/* Whether n bytes are equal, in time that depends on n only. */
int sigv4_ct_equal(const void *a, const void *b, size_t n);
/* Whether n bytes are equal, eight at a time: for what is not secret
 * (memcmp is a byte loop in the wasm's libc). */
int sigv4_same(const void *a, const void *b, size_t n);
/* 1 when the 64 bytes at p are all '0'-'9' or 'a'-'f' (a SHA-256 hex
 * digest, a SigV4 signature). */
int sigv4_hex_digest_ok(const char *p);
/* Lowercase hex of n bytes into out (2n chars). */
void sigv4_hex(char *out, const uint8_t *in, size_t n);

/*
 * Eight bytes at a time, for long strings (session tokens run to 1-2 KB).
 * sigv4_any_below(x, n), n <= 0x80: nonzero exactly when some byte of x
 * is below n (such a byte borrows into its top bit, which ~x keeps; bytes
 * from 0x80 are masked by ~x). sigv4_any_above(x, n), n < 0x80: nonzero
 * exactly when some byte is above n (it carries into its top bit or has
 * it already). A borrow or carry may spill into the next byte, but only
 * from a byte that already answers yes.
 */
#define SIGV4_BYTES_1 UINT64_C(0x0101010101010101)
#define SIGV4_BYTES_80 (SIGV4_BYTES_1 * 0x80)

static inline uint64_t
sigv4_load64(const void *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

static inline uint64_t
sigv4_any_below(uint64_t x, unsigned n)
{
	return (x - SIGV4_BYTES_1 * n) & ~x & SIGV4_BYTES_80;
}

static inline uint64_t
sigv4_any_above(uint64_t x, unsigned n)
{
	return ((x + SIGV4_BYTES_1 * (0x7f - n)) | x) & SIGV4_BYTES_80;
}

/* The index of the first byte c in s at or after from, or s.len. */
size_t sigv4_find_byte(sigv4_str s, size_t from, unsigned char c);

/* Sort n elements of size bytes in place; cmp gets ctx. O(n log n),
 * no recursion, no allocation. Not stable: give cmp a total order. */
void sigv4_heapsort(void *base, size_t n, size_t size,
	int (*cmp)(const void *a, const void *b, void *ctx), void *ctx);

/* ------------------------------------------------------------------ */
/* sink.c: everything the pipeline writes goes through a sink.         */

/* A GET's whole canonical request (about 270 bytes) fits: one call into
 * SHA-256 for all its blocks instead of one per 128 bytes (the size is
 * measured in docs/PERFORMANCE.md). */
#define SIGV4_SINK_BUF 512

typedef struct {
	br_sha256_context sha;
	int hashing;            /* feed SHA-256 */
	char *cap;              /* copy here too (may be NULL) */
	size_t cap_size;
	size_t len;             /* bytes written so far, even past cap_size */
	size_t n;               /* bytes pending in buf */
	unsigned char buf[SIGV4_SINK_BUF];
} sigv4_sink;

void sigv4_sink_init(sigv4_sink *s, int hashing, char *cap, size_t cap_size);
void sigv4_sink_flush(sigv4_sink *s);
void sigv4_sink_write(sigv4_sink *s, const void *p, size_t n);
/* Write n bytes ASCII-lowercased (header names), in one run. */
void sigv4_sink_write_lower(sigv4_sink *s, const void *p, size_t n);
/* Write the C string. */
void sigv4_sink_puts(sigv4_sink *s, const char *str);
/* Flush and return whether everything fit in the capture buffer. */
int sigv4_sink_fits(sigv4_sink *s);
/* Flush and write the SHA-256 of everything written, as hex. */
void sigv4_sink_hex(sigv4_sink *s, char out[64]);

static inline void
sigv4_sink_put(sigv4_sink *s, unsigned char c)
{
	if (s->n == SIGV4_SINK_BUF) {
		sigv4_sink_flush(s);
	}
	s->buf[s->n++] = c;
}

/* Write c percent-encoded: "%XX", uppercase hex. */
void sigv4_sink_pct(sigv4_sink *s, unsigned char c);

/* ------------------------------------------------------------------ */
/* uri.c                                                               */

/* Bytes of scratch the normalised path needs. */
size_t sigv4_path_scratch(size_t path_len);

/* Remove dot segments and empty segments (the AWS SDKs' rule: a
 * trailing '/' is kept when the input has one and anything remains).
 * out must hold sigv4_path_scratch(len) bytes; returns the length. */
size_t sigv4_path_normalize(char *out, const char *path, size_t len);

/* Canonical path: double (every byte but unreserved and '/' encoded, '%'
 * too) or single (valid %XX kept and tidied, the rest encoded). */
void sigv4_path_emit(sigv4_sink *s, const char *path, size_t len,
	int single);

/* ------------------------------------------------------------------ */
/* query.c                                                             */

/* One query parameter. raw: bytes as on the wire, to percent-decode
 * ('+' too when form); otherwise the bytes are the value itself. */
typedef struct {
	const char *k;
	const char *v;
	uint32_t klen;
	uint32_t vlen;
	uint32_t raw;
	uint32_t form;
} sigv4_qparam;

/* Upper bound of the parameters in a query string. */
size_t sigv4_query_count_max(const char *q, size_t len);

/* Split q into params (at most sigv4_query_count_max); returns how many.
 * Empty pieces ("a&&b") are skipped; "k" alone means "k=". */
size_t sigv4_query_parse(sigv4_qparam *out, const char *q, size_t len,
	int form);

/* The next non-empty parameter of q from *pos (moved past it); 0 at the
 * end. */
int sigv4_query_next(sigv4_qparam *p, const char *q, size_t len,
	size_t *pos, int form);

/* Write a param's decoded value to out (room for p->vlen bytes); returns
 * its length. */
size_t sigv4_qparam_decode_value(char *out, const sigv4_qparam *p);

/* Case-insensitive comparison of a param's decoded key with a literal. */
int sigv4_qparam_key_is(const sigv4_qparam *p, const char *lower);

/* Sort by encoded key, then encoded value (byte order). */
void sigv4_query_sort(sigv4_qparam *p, size_t n);

/* Emit "k=v&k=v..." re-encoded (RFC 3986, unreserved kept). */
void sigv4_query_emit(sigv4_sink *s, const sigv4_qparam *p, size_t n);

/* Emit one value RFC 3986-encoded (literal bytes). */
void sigv4_encode_emit(sigv4_sink *s, const char *p, size_t len);

/* ------------------------------------------------------------------ */
/* headers.c                                                           */

/* A header the signer adds itself (x-amz-date...), already canonical. */
typedef struct {
	sigv4_str name;       /* lowercase */
	sigv4_str value;
} sigv4_extra_header;

/* x-amz-content-sha256, x-amz-date, the token, x-amz-region-set. */
#define SIGV4_MAX_EXTRA 4

typedef struct {
	const sigv4_request *req;
	const sigv4_params *params;
	sigv4_extra_header extra[SIGV4_MAX_EXTRA];
	size_t extra_count;
	uint32_t *order;      /* indices: < header_count user, else extra */
	size_t count;         /* entries in order */
} sigv4_headers;

/* Check every header (names, values, reserved names, one host). The
 * header the signer puts the session token in is reserved too. */
int sigv4_headers_check(const sigv4_request *req, const char *token_header);

/* Whether a user header is signed under params' policy. */
int sigv4_header_signed(sigv4_str name, const sigv4_params *params);

/* Select the signed headers into h->order (room for header_count +
 * SIGV4_MAX_EXTRA) and sort them by lowercase name, then input order. */
void sigv4_headers_select(sigv4_headers *h);

/* Emit "name:v1,v2\n" for each name (values trimmed, inner whitespace
 * runs collapsed). */
void sigv4_headers_emit(sigv4_sink *s, const sigv4_headers *h);

/* Emit the signed-header list "a;b;c". */
void sigv4_headers_emit_list(sigv4_sink *s, const sigv4_headers *h);

/* Upper bound of the signed-header list's length. */
size_t sigv4_headers_list_max(const sigv4_request *req);

/* Emit one value trimmed, inner whitespace runs as one space. */
void sigv4_header_value_emit(sigv4_sink *s, sigv4_str v);

/* ------------------------------------------------------------------ */
/* time.c                                                              */

/* Check "YYYYMMDD" is a real date in 1970..9999. */
int sigv4_date_check(const char *d);
/* Check a full "YYYYMMDDTHHMMSSZ". */
int sigv4_amz_date_check(sigv4_str s);
/* Unix seconds of a checked "YYYYMMDDTHHMMSSZ". */
int64_t sigv4_amz_date_seconds(const char *d);

/* ------------------------------------------------------------------ */
/* sha256.c                                                            */

/* br_sha256_init (without the vtable), br_sha256_update and
 * br_sha256_out over the same context, faster and smaller in the wasm
 * (see sha256.c). */
void sigv4_br_sha256_init(br_sha256_context *cc);
void sigv4_br_sha256_update(br_sha256_context *cc, const void *data,
	size_t len);
void sigv4_br_sha256_out(const br_sha256_context *cc, uint8_t out[32]);

/* ------------------------------------------------------------------ */
/* key.c                                                               */

/* HMAC-SHA256(key, msg) into out[32]; wipes its contexts. */
/* prefix + secret as an HMAC key of at most one block (hashed when
 * longer, as HMAC does): "AWS4" for SigV4, "AWS4A" for SigV4a's KDF.
 * Returns its length; out is the caller's to wipe. */
size_t sigv4_secret_key(unsigned char out[64], const char *prefix,
	const void *secret, size_t secret_len);
/* The SHA-256 states after HMAC's inner and outer pad blocks of a key of
 * at most one block (64 bytes). */
void sigv4_hmac_key_pads(uint8_t pads[64], const void *key, size_t key_len);
void sigv4_hmac(uint8_t out[32], const void *key, size_t key_len,
	const void *msg, size_t msg_len);
/* The same from precomputed pad states (sigv4_key.hmac_pads). */
void sigv4_hmac_pads(uint8_t out[32], const uint8_t pads[64],
	const void *msg, size_t msg_len);

/* Check region / service bytes and length. */
int sigv4_region_check(sigv4_str s);
int sigv4_service_check(sigv4_str s);

/* ------------------------------------------------------------------ */
/* ecdsa.c: ECDSA P-256 over a SHA-256 hash, signatures as raw r || s.  */

/* P-256's group order n, big-endian. */
extern const uint8_t sigv4_p256_order[32];
#include "p256_comb.h"
/* Signs with the private key d (big-endian, 0 < d < n), the nonce as RFC
 * 6979 makes it; 64, or 0 when d is out of range (sig zeroed). */
size_t sigv4_ecdsa_p256_sign(uint8_t sig[64], const uint8_t d[32],
	const uint8_t hash[32]);
/* The public key d * G (04 || X || Y) of a private key d (0 < d < n,
 * big-endian); 65, or 0 when d is out of range (q zeroed). */
size_t sigv4_ecdsa_p256_public(uint8_t q[65], const uint8_t d[32]);
/* 1 when sig (r || s, each half of sig_len, at most 32 bytes) is a valid
 * signature of hash by the uncompressed point q, else 0. */
int sigv4_ecdsa_p256_verify(const uint8_t q[65], const uint8_t hash[32],
	const uint8_t *sig, size_t sig_len);

/* ------------------------------------------------------------------ */
/* The stages (check.c, canonical.c, sign.c).                          */

/* What a signature authorises: a request by its headers (Authorization)
 * or by its query (a presigned URL). */
typedef enum {
	SIGV4_KIND_HEADERS,
	SIGV4_KIND_QUERY
} sigv4_kind;

struct sigv4_state_;

/* A signing algorithm: the sigv4_key.algorithm its keys have (which names
 * it in the string to sign and the output), and the signature stage: the
 * signature of st->sts as hex in st->signature. sigv4_sign() and
 * sigv4a_sign() each name theirs, so a module that never signs SigV4a
 * links no elliptic-curve code. */
typedef struct {
	uint8_t key_algorithm;
	void (*sign)(struct sigv4_state_ *st);
} sigv4_alg;

/* The algorithms' names on the wire, by sigv4_key.algorithm
 * (SIGV4_ALGORITHMS in sigv4.h). */
extern const char *const sigv4_alg_names[SIGV4_ALG_END_];
#define SIGV4_ALG_NAME(alg) (sigv4_alg_names[(alg)->key_algorithm])

extern const sigv4_alg sigv4_alg_hmac_sha256;
extern const sigv4_alg sigv4_alg_ecdsa_p256;

/* Bytes of "<akid>/<date>/<region>/<service>/aws4_request" at most. */
#define SIGV4_CRED_MAX(p) ((p)->access_key_id.len + 1 + 8 + 1 \
	+ SIGV4_SCOPE_PART_MAX + 1 + SIGV4_SCOPE_PART_MAX + 1 \
	+ sizeof "aws4_request")

/* One signature in progress: inputs, then what each stage writes. */
typedef struct sigv4_state_ {
	const sigv4_key *key;
	const sigv4_request *req;
	const sigv4_params *p;
	const sigv4_alg *alg;
	sigv4_kind kind;
	uint32_t policy;          /* sigv4_policy() of p->flags */
	int token_signed;         /* a token, signed */
	int token_after;          /* a token, added after signing */
	sigv4_str token_header;   /* lowercase */
	const char *token_param;  /* token_header, in another case */

	/* In the caller's scratch (carved by sign.c). */
	uint32_t *order;
	sigv4_qparam *params;
	size_t nparams;
	char *path;               /* room for the normalised path */
	char *list;               /* "host;x-amz-date..." */
	size_t list_len;
	char *cred;               /* "<akid>/<scope>" */
	size_t cred_len;

	sigv4_headers h;
	char expires[10];
	char creq_hash[64];
	char sts[SIGV4_STRING_TO_SIGN_MAX];
	size_t sts_len;
	char signature[SIGV4A_SIGNATURE_HEX_MAX];
	size_t signature_len;
} sigv4_state;

/* The stages in order, for the algorithm given: what sigv4_sign() and
 * sigv4a_sign() run. */
int sigv4_run(const sigv4_alg *alg, char *out, size_t out_cap,
	size_t *out_len, const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *params, void *scratch, size_t scratch_len,
	sigv4_capture *capture);

/* Check every input: SIGV4_OK or the first error. */
int sigv4_check(const sigv4_state *st);

/* Visible ASCII without the banned bytes (NUL-terminated list). */
int sigv4_printable(sigv4_str s, const char *banned);
/* 64 lowercase hex digits (1), a payload marker (2), or neither (0). */
int sigv4_payload_hash_ok(sigv4_str h);
/* "*" or regions separated by single commas, each as sigv4_key's. */
int sigv4_region_set_ok(sigv4_str set);

/* The signed headers, sorted, and their list in st->list. */
void sigv4_select_headers(sigv4_state *st);

/* "<akid>/<date>/<region>/<service>/aws4_request" in st->cred. */
void sigv4_credential(sigv4_state *st);

/* The request's query parsed, plus the X-Amz-* parameters when
 * presigning, sorted. SIGV4_ERR_QUERY_RESERVED if the query already
 * has one of those. */
int sigv4_build_query(sigv4_state *st);

/* The canonical request, hashed into st->creq_hash and copied to
 * capture (when not NULL). SIGV4_ERR_SPACE when the copy did not fit. */
int sigv4_canonical_request(sigv4_state *st, sigv4_capture *capture);

/* Write "<date>/<region>/<service>/aws4_request" (SigV4a: no region). */
void sigv4_scope_emit(sigv4_sink *s, const sigv4_key *key);

/* ------------------------------------------------------------------ */
/* unchunk.c: the aws-chunked decoder. Its SigV4a check is handed in by
 * sigv4a.c (sigv4a_verify), NULL from the SigV4-only entry points, so
 * that only sigv4a_* link the elliptic-curve code. */

typedef int (*sigv4_unchunk_ecdsa)(const uint8_t public_key[SIGV4A_PUBLIC_KEY_SIZE],
	sigv4_str string_to_sign, sigv4_str signature_hex);

/* sigv4_unchunk_init() with, for a SigV4a key, its public key. */
int sigv4_unchunk_start(sigv4_unchunk *u, const sigv4_key *key,
	const uint8_t *public_key, sigv4_str amz_date, sigv4_str seed,
	uint64_t decoded_length, const sigv4_str *names, size_t count);
/* sigv4_unchunk_feed() with the SigV4a check. */
int sigv4_unchunk_run(sigv4_unchunk *u, const void *in, size_t len,
	size_t *used, sigv4_str *data, sigv4_unchunk_ecdsa ecdsa);

#endif
