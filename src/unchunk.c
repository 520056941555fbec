/*
 * unchunk.c: the aws-chunked decoder (sigv4.h, "Verifying aws-chunked
 * bodies"): the framing of stream.c read back, byte by byte where it is
 * framing and a span at a time where it is data, each signature checked
 * with stream.c's strings to sign when its piece ends. The SigV4a check
 * (ECDSA) is handed in by sigv4a.c's entry points, so that a program that
 * decodes only SigV4 bodies links no elliptic-curve code.
 */
#include <string.h>

#include "inner.h"

#define CHUNK_SIGNATURE ";chunk-signature="
#define TRAILER_SIGNATURE "x-amz-trailer-signature"
#define CHECKSUM_PREFIX "x-amz-checksum-"
/* The largest decoded length (2^53 - 1), as sigv4_chunked_length(). */
#define DECODED_MAX ((UINT64_C(1) << 53) - 1)
/* Hex digits of a chunk size at most: any more overflow 64 bits. */
#define SIZE_DIGITS_MAX 16
#define LINE_MAX_ SIGV4_TRAILER_LINE_MAX

enum {
	ST_HEADER = 1,   /* reading a chunk header line */
	ST_DATA,         /* reading a chunk's data */
	ST_DATA_CR,      /* the CRLF after it */
	ST_DATA_LF,
	ST_TRAILER,      /* reading trailer lines */
	ST_END,          /* the body ended, verified */
	ST_FAILED
};

/* The context (sigv4_unchunk is its opaque storage). */
typedef struct {
	sigv4_key key;             /* SigV4: the key; SigV4a: its scope only */
	uint8_t public_key[SIGV4A_PUBLIC_KEY_SIZE];   /* SigV4a */
	sigv4_sha256 chunk_hash;   /* of the current chunk's data */
	sigv4_checksum checksum;   /* of all data, when a trailer has one */
	uint64_t remaining;        /* data not yet announced by a header */
	uint64_t left;             /* data left in the current chunk */
	int32_t err;               /* ST_FAILED: the error */
	uint8_t state;
	uint8_t is_signed;
	uint8_t width;             /* of a signature on the wire */
	uint8_t sums;              /* 1 when a trailer is a checksum */
	uint8_t sum_index;         /* which one */
	uint8_t ntrailers;         /* announced */
	uint8_t seen;              /* bit i: trailer i received */
	uint8_t signature_seen;    /* the trailer signature received */
	uint8_t prev_len;
	uint16_t line_len;         /* bytes of the line being read */
	uint16_t values_len;
	uint16_t name_off[SIGV4_TRAILERS_MAX];
	uint16_t name_len[SIGV4_TRAILERS_MAX];
	uint16_t value_off[SIGV4_TRAILERS_MAX];
	uint16_t value_len[SIGV4_TRAILERS_MAX];
	char date[SIGV4_AMZ_DATE_LEN];
	char prev[SIGV4A_SIGNATURE_HEX_MAX];  /* the last verified signature */
	char sig[SIGV4A_SIGNATURE_HEX_MAX];   /* the one to verify, as sent */
	char names[SIGV4_TRAILER_NAMES_MAX];  /* announced, lowercase */
	char values[SIGV4_TRAILERS_MAX * LINE_MAX_];
	char line[LINE_MAX_];
} unchunk;

typedef char unchunk_fits[sizeof(unchunk) <= sizeof(sigv4_unchunk) ? 1 : -1];
typedef char chunk_line_fits[SIGV4_CHUNK_HEADER_MAX <= LINE_MAX_ ? 1 : -1];

#define CTX(u) ((unchunk *)(void *)(u))

/* Fail for good: everything wiped but the error. */
static int
fail(unchunk *s, int err)
{
	sigv4_wipe(s, sizeof *s);
	s->state = ST_FAILED;
	s->err = err;
	return err;
}

static int
is_lower_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static int
all_lower_hex(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_lower_hex((unsigned char)p[i])) {
			return 0;
		}
	}
	return 1;
}

/* The announced names, checked and kept lowercase; the checksum's. */
static int
keep_names(unchunk *s, const sigv4_str *names, size_t count)
{
	size_t i, j, off = 0, prefix = sizeof CHECKSUM_PREFIX - 1;

	if (count > SIGV4_TRAILERS_MAX || (names == NULL && count > 0)) {
		return SIGV4_ERR_TRAILER;
	}
	for (i = 0; i < count; i++) {
		sigv4_str n = names[i];

		if (!sigv4_is_token(n) || n.len > SIGV4_TRAILER_NAMES_MAX - off
			|| sigv4_eq_lower(n, TRAILER_SIGNATURE))
		{
			return SIGV4_ERR_TRAILER;
		}
		for (j = 0; j < n.len; j++) {
			s->names[off + j] = (char)sigv4_lower((unsigned char)n.ptr[j]);
		}
		for (j = 0; j < i; j++) {
			if (s->name_len[j] == n.len
				&& memcmp(s->names + s->name_off[j], s->names + off,
					n.len) == 0)
			{
				return SIGV4_ERR_TRAILER;
			}
		}
		s->name_off[i] = (uint16_t)off;
		s->name_len[i] = (uint16_t)n.len;
		if (n.len > prefix && memcmp(s->names + off, CHECKSUM_PREFIX,
			prefix) == 0)
		{
			int id = sigv4_checksum_algorithm((sigv4_str){
				s->names + off + prefix, n.len - prefix });

			if (id < 0) {
				return SIGV4_ERR_CHECKSUM;
			}
			if (s->sums) {
				return SIGV4_ERR_TRAILER;  /* S3 takes one checksum */
			}
			sigv4_checksum_init(&s->checksum, id);
			s->sums = 1;
			s->sum_index = (uint8_t)i;
		}
		off += n.len;
	}
	s->ntrailers = (uint8_t)count;
	return SIGV4_OK;
}

/* The key, date and seed of a signed body. */
static int
keep_key(unchunk *s, const sigv4_key *key, const uint8_t *public_key,
	sigv4_str amz_date, sigv4_str seed)
{
	int err;

	if ((err = sigv4_amz_date_check(amz_date)) != SIGV4_OK) {
		return err;
	}
	if (memcmp(amz_date.ptr, key->date, 8) != 0) {
		return SIGV4_ERR_KEY_SCOPE;
	}
	/* A request's signature: 64 digits, or DER of at most 72 bytes. */
	if ((seed.ptr == NULL && seed.len > 0)
		|| (key->algorithm == SIGV4_ALG_HMAC_SHA256 ? seed.len != 64
			: seed.len == 0 || seed.len > SIGV4A_SIGNATURE_HEX_MAX)
		|| !all_lower_hex(seed.ptr, seed.len))
	{
		return SIGV4_ERR_PREVIOUS;
	}
	s->key = *key;
	if (public_key != NULL) {
		/* SigV4a verifies with the public key: the private one stays out. */
		sigv4_wipe(s->key.signing_key, sizeof s->key.signing_key);
		memcpy(s->public_key, public_key, SIGV4A_PUBLIC_KEY_SIZE);
	}
	memcpy(s->date, amz_date.ptr, SIGV4_AMZ_DATE_LEN);
	memcpy(s->prev, seed.ptr, seed.len);
	s->prev_len = (uint8_t)seed.len;
	s->is_signed = 1;
	s->width = (uint8_t)sigv4_chunk_signature_width(key->algorithm);
	return SIGV4_OK;
}

/* Both inits: public_key is the SigV4a key's (sigv4a.c), else NULL. */
int
sigv4_unchunk_start(sigv4_unchunk *u, const sigv4_key *key,
	const uint8_t *public_key, sigv4_str amz_date, sigv4_str seed,
	uint64_t decoded_length, const sigv4_str *names, size_t count)
{
	unchunk *s = CTX(u);
	int err = SIGV4_OK;

	if (u == NULL) {
		return SIGV4_ERR_PARAM;
	}
	/* All of the caller's context, not only the part in use: nothing of a
	 * previous body stays in it. */
	sigv4_wipe(u, sizeof *u);
	if (key != NULL && (key->algorithm == SIGV4_ALG_ECDSA_P256)
		!= (public_key != NULL))
	{
		err = key->algorithm == SIGV4_ALG_ECDSA_P256
			? SIGV4_ERR_KEY_ALGORITHM : SIGV4_ERR_PARAM;
	} else if (key != NULL && key->algorithm >= SIGV4_ALG_END_) {
		err = SIGV4_ERR_KEY_ALGORITHM;
	} else if (decoded_length > DECODED_MAX) {
		err = SIGV4_ERR_CHUNK_SIZE;
	} else if ((err = keep_names(s, names, count)) == SIGV4_OK) {
		if (key != NULL) {
			err = keep_key(s, key, public_key, amz_date, seed);
		} else if (!s->sums) {
			/* Unsigned: the checksum is all there is to check. */
			err = SIGV4_ERR_TRAILER;
		}
	}
	if (err != SIGV4_OK) {
		return fail(s, err);
	}
	s->remaining = decoded_length;
	s->state = ST_HEADER;
	return SIGV4_OK;
}

/* see sigv4.h */
int
sigv4_unchunk_init(sigv4_unchunk *u, const sigv4_key *key,
	sigv4_str amz_date, sigv4_str seed_signature, uint64_t decoded_length,
	const sigv4_str *trailer_names, size_t trailer_count)
{
	return sigv4_unchunk_start(u, key, NULL, amz_date, seed_signature,
		decoded_length, trailer_names, trailer_count);
}

/* ------------------------------------------------------------------ */
/* Signatures                                                          */

/* Whether the signature sent (s->sig, width bytes) is the key's over
 * sts: SIGV4_OK or SIGV4_ERR_CHUNK_SIGNATURE. */
static int
check_signature(const unchunk *s, const char *sts, size_t sts_len,
	sigv4_unchunk_ecdsa ecdsa)
{
	size_t n = s->width, i, len = 0;
	unsigned diff = 0;
	char want[64];

	if (s->key.algorithm == SIGV4_ALG_HMAC_SHA256) {
		if (sigv4_signature(want, &len, &s->key,
			(sigv4_str){ sts, sts_len }) != SIGV4_OK || len != n)
		{
			return SIGV4_ERR_CHUNK_SIGNATURE;
		}
		for (i = 0; i < n; i++) {
			diff |= (unsigned)(unsigned char)(want[i] ^ s->sig[i]);
		}
		sigv4_wipe(want, sizeof want);
		return diff == 0 ? SIGV4_OK : SIGV4_ERR_CHUNK_SIGNATURE;
	}
	/* SigV4a: lowercase DER hex, then '*' to the width. */
	while (n > 0 && s->sig[n - 1] == '*') {
		n--;
	}
	if (ecdsa == NULL || !all_lower_hex(s->sig, n)
		|| ecdsa(s->public_key, (sigv4_str){ sts, sts_len },
			(sigv4_str){ s->sig, n }) != SIGV4_OK)
	{
		return SIGV4_ERR_CHUNK_SIGNATURE;
	}
	return SIGV4_OK;
}

/* The signature of a chunk whose data hashes to chunk_hash, checked and
 * then chained. */
static int
verify_chunk(unchunk *s, sigv4_unchunk_ecdsa ecdsa)
{
	char sts[SIGV4_STREAM_STRING_TO_SIGN_MAX];
	uint8_t hash[32];
	size_t len = 0;

	sigv4_sha256_out(&s->chunk_hash, hash);
	if (sigv4_chunk_string_to_sign(sts, &len, &s->key,
		(sigv4_str){ s->date, sizeof s->date },
		(sigv4_str){ s->prev, s->prev_len }, hash) != SIGV4_OK
		|| check_signature(s, sts, len, ecdsa) != SIGV4_OK)
	{
		return SIGV4_ERR_CHUNK_SIGNATURE;
	}
	memcpy(s->prev, s->sig, s->width);
	s->prev_len = s->width;
	return SIGV4_OK;
}

static int
verify_trailers(unchunk *s, sigv4_unchunk_ecdsa ecdsa)
{
	char sts[SIGV4_STREAM_STRING_TO_SIGN_MAX];
	sigv4_header t[SIGV4_TRAILERS_MAX];
	size_t i, len = 0;

	for (i = 0; i < s->ntrailers; i++) {
		t[i].name.ptr = s->names + s->name_off[i];
		t[i].name.len = s->name_len[i];
		t[i].value.ptr = s->values + s->value_off[i];
		t[i].value.len = s->value_len[i];
	}
	if (sigv4_trailer_string_to_sign(sts, &len, &s->key,
		(sigv4_str){ s->date, sizeof s->date },
		(sigv4_str){ s->prev, s->prev_len }, t, s->ntrailers) != SIGV4_OK)
	{
		return SIGV4_ERR_TRAILER;
	}
	return check_signature(s, sts, len, ecdsa);
}

/* ------------------------------------------------------------------ */
/* Lines                                                               */

/* A chunk header line (s->line, CRLF included). */
static int
header_line(unchunk *s, sigv4_unchunk_ecdsa ecdsa)
{
	const char *p = s->line;
	size_t n = s->line_len - 2, digits = 0, sig_at;
	uint64_t size = 0;

	if (s->line_len < 2 || p[n] != '\r') {
		return SIGV4_ERR_CHUNK;
	}
	while (digits < n && is_lower_hex((unsigned char)p[digits])) {
		size = size << 4 | (uint64_t)sigv4_hexval((unsigned char)p[digits]);
		digits++;
		if (digits > SIZE_DIGITS_MAX) {
			return SIGV4_ERR_CHUNK;
		}
	}
	if (digits == 0 || (digits > 1 && p[0] == '0')) {
		return SIGV4_ERR_CHUNK;
	}
	sig_at = digits + sizeof CHUNK_SIGNATURE - 1;
	if (s->is_signed ? n != sig_at + s->width
		|| memcmp(p + digits, CHUNK_SIGNATURE, sig_at - digits) != 0
		: n != digits)
	{
		return SIGV4_ERR_CHUNK;
	}
	if (size > s->remaining || (size == 0 && s->remaining > 0)) {
		return SIGV4_ERR_DECODED_LENGTH;
	}
	/* S3: every chunk but the last two (data, then empty) 8 KiB or more. */
	if (size > 0 && size < SIGV4_CHUNK_SIZE_MIN && size != s->remaining) {
		return SIGV4_ERR_CHUNK;
	}
	memcpy(s->sig, p + sig_at, s->is_signed ? s->width : 0);
	sigv4_sha256_init(&s->chunk_hash);
	if (size == 0) {
		s->state = ST_TRAILER;
		return s->is_signed ? verify_chunk(s, ecdsa) : SIGV4_OK;
	}
	s->remaining -= size;
	s->left = size;
	s->state = ST_DATA;
	return SIGV4_OK;
}

/* Whether the value sent is the checksum of the data. */
static int
checksum_matches(const unchunk *s)
{
	char want[SIGV4_CHECKSUM_BASE64_MAX];
	size_t len = 0, i;
	unsigned diff;

	if (sigv4_checksum_base64(&s->checksum, want, &len) != SIGV4_OK) {
		return 0;
	}
	diff = len != s->value_len[s->sum_index];
	for (i = 0; i < len && !diff; i++) {
		diff |= (unsigned)(unsigned char)(want[i]
			^ s->values[s->value_off[s->sum_index] + i]);
	}
	return diff == 0;
}

/* The end of the trailer block: everything there and right. */
static int
block_end(unchunk *s)
{
	if (s->seen != (1u << s->ntrailers) - 1
		|| (s->is_signed && s->ntrailers > 0 && !s->signature_seen))
	{
		return SIGV4_ERR_TRAILER;
	}
	if (s->sums && !checksum_matches(s)) {
		return SIGV4_ERR_CHECKSUM_MISMATCH;
	}
	sigv4_wipe(s, sizeof *s);
	s->state = ST_END;
	return SIGV4_OK;
}

/* Whether name is announced name i, ignoring case. */
static int
name_is(const unchunk *s, size_t i, sigv4_str name)
{
	size_t j;

	if (s->name_len[i] != name.len) {
		return 0;
	}
	for (j = 0; j < name.len; j++) {
		if (sigv4_lower((unsigned char)name.ptr[j])
			!= (unsigned char)s->names[s->name_off[i] + j])
		{
			return 0;
		}
	}
	return 1;
}

/* One trailer line (s->line, CRLF included), or the CRLF that ends the
 * block. */
static int
trailer_line(unchunk *s, sigv4_unchunk_ecdsa ecdsa)
{
	const char *p = s->line, *colon;
	size_t n = s->line_len - 2, i;
	sigv4_str name, value;

	if (s->line_len < 2 || p[n] != '\r') {
		return SIGV4_ERR_CHUNK;
	}
	if (n == 0) {
		return block_end(s);
	}
	colon = memchr(p, ':', n);
	if (s->signature_seen || colon == NULL) {
		return SIGV4_ERR_TRAILER;  /* the signature comes last */
	}
	name = (sigv4_str){ p, (size_t)(colon - p) };
	value = (sigv4_str){ colon + 1, n - name.len - 1 };
	while (value.len > 0 && (value.ptr[0] == ' ' || value.ptr[0] == '\t')) {
		value.ptr++;
		value.len--;
	}
	while (value.len > 0 && (value.ptr[value.len - 1] == ' '
		|| value.ptr[value.len - 1] == '\t'))
	{
		value.len--;
	}
	if (!sigv4_is_token(name) || sigv4_has_bytes(value, "\0\r", 2)) {
		return SIGV4_ERR_TRAILER;
	}
	if (sigv4_eq_lower(name, TRAILER_SIGNATURE)) {
		if (!s->is_signed || s->ntrailers == 0
			|| s->seen != (1u << s->ntrailers) - 1 || value.len != s->width)
		{
			return SIGV4_ERR_TRAILER;
		}
		memcpy(s->sig, value.ptr, value.len);
		s->signature_seen = 1;
		return verify_trailers(s, ecdsa);
	}
	for (i = 0; i < s->ntrailers; i++) {
		if (name_is(s, i, name)) {
			break;
		}
	}
	if (i == s->ntrailers || (s->seen & (1u << i))) {
		return SIGV4_ERR_TRAILER;
	}
	memcpy(s->values + s->values_len, value.ptr, value.len);
	s->value_off[i] = s->values_len;
	s->value_len[i] = (uint16_t)value.len;
	s->values_len = (uint16_t)(s->values_len + value.len);
	s->seen |= (uint8_t)(1u << i);
	return SIGV4_OK;
}

/* ------------------------------------------------------------------ */
/* Feeding                                                             */

/* A byte of a line; at its LF, the line read. A line that reaches its
 * bound without one is an error. */
static int
line_byte(unchunk *s, unsigned char c, sigv4_unchunk_ecdsa ecdsa)
{
	int header = s->state == ST_HEADER, err;

	s->line[s->line_len++] = (char)c;
	if (c != '\n') {
		if (s->line_len == (header ? SIGV4_CHUNK_HEADER_MAX : LINE_MAX_)) {
			return header ? SIGV4_ERR_CHUNK : SIGV4_ERR_TRAILER;
		}
		return SIGV4_OK;
	}
	err = header ? header_line(s, ecdsa) : trailer_line(s, ecdsa);
	s->line_len = 0;
	return err;
}

/* Both feeds: ecdsa is sigv4a_verify (sigv4a.c), or NULL. */
int
sigv4_unchunk_run(sigv4_unchunk *u, const void *in, size_t len,
	size_t *used, sigv4_str *data, sigv4_unchunk_ecdsa ecdsa)
{
	const unsigned char *p = (const unsigned char *)in;
	unchunk *s = CTX(u);
	size_t pos = 0;
	int err = SIGV4_OK;

	if (used != NULL) {
		*used = 0;
	}
	if (data != NULL) {
		*data = (sigv4_str){ NULL, 0 };
	}
	if (u == NULL) {
		return SIGV4_ERR_PARAM;
	}
	if (s->state == ST_FAILED) {
		return s->err;
	}
	if (used == NULL || data == NULL || (in == NULL && len > 0)
		|| s->state < ST_HEADER || s->state > ST_FAILED)
	{
		return fail(s, SIGV4_ERR_PARAM);
	}
	if (s->is_signed && s->key.algorithm != SIGV4_ALG_HMAC_SHA256
		&& ecdsa == NULL)
	{
		return fail(s, SIGV4_ERR_KEY_ALGORITHM);
	}
	while (pos < len && err == SIGV4_OK) {
		switch (s->state) {
		case ST_DATA: {
			size_t n = len - pos;

			if (n > s->left) {
				n = (size_t)s->left;
			}
			data->ptr = (const char *)p + pos;
			data->len = n;
			if (s->is_signed) {
				sigv4_sha256_update(&s->chunk_hash, p + pos, n);
			}
			if (s->sums) {
				sigv4_checksum_update(&s->checksum, p + pos, n);
			}
			pos += n;
			s->left -= n;
			if (s->left == 0) {
				s->state = ST_DATA_CR;
				if (s->is_signed) {
					err = verify_chunk(s, ecdsa);
				}
			}
			break;
		}
		case ST_DATA_CR:
			err = p[pos++] == '\r' ? SIGV4_OK : SIGV4_ERR_CHUNK;
			s->state = ST_DATA_LF;
			break;
		case ST_DATA_LF:
			if (p[pos++] != '\n') {
				err = SIGV4_ERR_CHUNK;
				break;
			}
			s->state = ST_HEADER;
			*used = pos;
			return SIGV4_UNCHUNK_CHUNK;
		case ST_HEADER:
		case ST_TRAILER:
			err = line_byte(s, p[pos++], ecdsa);
			break;
		default:  /* ST_END: bytes after the end */
			err = SIGV4_ERR_CHUNK;
			break;
		}
	}
	if (err != SIGV4_OK) {
		*data = (sigv4_str){ NULL, 0 };
		return fail(s, err);
	}
	*used = pos;
	return s->state == ST_END ? SIGV4_UNCHUNK_END : SIGV4_OK;
}

/* see sigv4.h */
int
sigv4_unchunk_feed(sigv4_unchunk *u, const void *in, size_t len,
	size_t *used, sigv4_str *data)
{
	return sigv4_unchunk_run(u, in, len, used, data, NULL);
}

/* see sigv4.h */
int
sigv4_unchunk_finish(sigv4_unchunk *u)
{
	unchunk *s = CTX(u);

	if (u == NULL) {
		return SIGV4_ERR_PARAM;
	}
	if (s->state == ST_END) {
		return SIGV4_OK;
	}
	if (s->state == ST_FAILED) {
		return s->err;
	}
	return fail(s, SIGV4_ERR_CHUNK);
}
