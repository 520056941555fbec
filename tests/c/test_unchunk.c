/*
 * test_unchunk.c: the aws-chunked decoder (sigv4_unchunk_*), through the
 * public API.
 *
 *   test_unchunk <s3-doc-examples.json> <aws-c-auth chunked-signing.json>
 *
 *   - S3's two streaming examples, framed from the published chunk
 *     headers and trailer bytes, decode and verify: fed a byte at a time
 *     (every offset a split), in two pieces split at every offset near
 *     the framing (and every 509th in the data), and in random pieces;
 *     the same body unsigned, with the published CRC32C;
 *   - aws-c-auth's three trailers (sent in reverse order) after S3's
 *     chunks, with its published trailer signature;
 *   - tampering each byte class (data, size digit, signature digit,
 *     CRLF, ";chunk-signature=", trailer name, value and signature,
 *     bytes after the end, truncation, the decoded length) fails with
 *     its code, and no single flipped byte is accepted;
 *   - bodies framed and signed by the encoder stages (sigv4_chunk_header,
 *     sigv4_trailer_block, the strings to sign, sigv4_signature and
 *     sigv4a_signature) for SigV4, SigV4a (whose public key, as the
 *     decoder derives it, is aws-c-auth's published one) and unsigned
 *     uploads, with every checksum, round-trip in random pieces;
 *   - the rules: S3's minimum chunk, leading zeros, line bounds, trailer
 *     names, order and signature, refused inits; a failed context stays
 *     failed; the key is wiped at the end and on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"
#include "suite_util.h"
#include "test_util.h"

#define DATE "20130524T000000Z"
#define CRC32C_OF_DATA "sOO8/Q=="   /* the S3 example's trailer */

/* xorshift: the same pieces every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t
rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n == 0 ? 0 : (uint32_t)(rng_state % n);
}

/* A growable body. */
typedef struct {
	char *p;
	size_t len, cap;
} buf;

static void
put(buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		ASSERT_TRUE(b->p != NULL);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* What a decoder is started with. */
typedef struct {
	const sigv4_key *key;       /* NULL: unsigned */
	sigv4_str seed;
	uint64_t decoded;
	const sigv4_str *names;
	size_t count;
} setup;

static int
init(sigv4_unchunk *u, const setup *st)
{
	return sigv4a_unchunk_init(u, st->key, su_cstr(DATE), st->seed,
		st->decoded, st->names, st->count);
}

/*
 * Decode body fed in pieces of the lengths given (then the rest); the
 * data goes to out (when not NULL). Returns SIGV4_OK when the body ended
 * verified with the input, else the error; *chunks counts
 * SIGV4_UNCHUNK_CHUNK.
 */
static int
decode(const setup *st, const char *body, size_t len, const size_t *pieces,
	size_t npieces, buf *out, size_t *chunks)
{
	sigv4_unchunk u;
	size_t pos = 0, i = 0;
	int rc;

	if (out != NULL) {
		out->len = 0;
	}
	if (chunks != NULL) {
		*chunks = 0;
	}
	if ((rc = init(&u, st)) != SIGV4_OK) {
		return rc;
	}
	while (pos < len) {
		size_t n = i < npieces ? pieces[i++] : len - pos;

		if (n > len - pos) {
			n = len - pos;
		}
		while (n > 0) {
			sigv4_str data;
			size_t used = 7;

			rc = sigv4a_unchunk_feed(&u, body + pos, n, &used, &data);
			if (rc < 0) {
				ASSERT_TRUE(used == 0 && data.len == 0);
				ASSERT_EQ_INT(rc, sigv4_unchunk_finish(&u));
				return rc;
			}
			ASSERT_TRUE(used <= n && (used == n || rc == SIGV4_UNCHUNK_CHUNK));
			ASSERT_TRUE(data.len == 0 || (data.ptr >= body + pos
				&& data.ptr + data.len <= body + pos + used));
			if (out != NULL && data.len > 0) {
				put(out, data.ptr, data.len);
			}
			if (chunks != NULL && rc == SIGV4_UNCHUNK_CHUNK) {
				(*chunks)++;
			}
			pos += used;
			n -= used;
		}
	}
	return sigv4_unchunk_finish(&u);
}

/* Decode whole (one piece). */
static int
decode1(const setup *st, const char *body, size_t len)
{
	return decode(st, body, len, NULL, 0, NULL, NULL);
}

/* Random pieces (1 to max bytes). */
static size_t
random_pieces(size_t *pieces, size_t cap, size_t len, size_t max)
{
	size_t n = 0, total = 0;

	while (total < len && n < cap) {
		pieces[n] = 1 + rnd((uint32_t)max);
		total += pieces[n++];
	}
	return n;
}

static int
all_a(const buf *b, size_t len)
{
	size_t i;

	if (b->len != len) {
		return 0;
	}
	for (i = 0; i < len; i++) {
		if (b->p[i] != 'a') {
			return 0;
		}
	}
	return 1;
}

/* Whether a byte is framing (not chunk data), by the layout recorded. */
typedef struct {
	size_t start[4], end[4];    /* data runs */
	size_t n;
} layout;

static int
is_framing(const layout *l, size_t off)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (off >= l->start[i] && off < l->end[i]) {
			return 0;
		}
	}
	return 1;
}

static size_t
distance_to_framing(const layout *l, size_t off)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (off >= l->start[i] && off < l->end[i]) {
			size_t a = off - l->start[i] + 1, b = l->end[i] - off;

			return a < b ? a : b;
		}
	}
	return 0;
}

/* The body of an S3 example, signed (its chunk headers) or not. */
static void
s3_body(buf *b, layout *l, const cJSON *ex, int is_signed, const char *after)
{
	const cJSON *chunks = su_json_path(ex, "expected", "chunks",
		(const char *)NULL);
	static char data[65536];
	size_t i;

	memset(data, 'a', sizeof data);
	b->len = 0;
	l->n = 0;
	for (i = 0; i < su_json_count(chunks); i++) {
		const cJSON *c = su_json_at(chunks, i);
		size_t size = (size_t)su_json_num(su_json_get(c, "size"), -1);
		char line[32];

		if (is_signed) {
			puts_(b, su_json_str(su_json_get(c, "chunk_header")));
		} else {
			snprintf(line, sizeof line, "%zx", size);
			puts_(b, line);
		}
		puts_(b, "\r\n");
		if (size > 0) {
			l->start[l->n] = b->len;
			put(b, data, size);
			l->end[l->n++] = b->len;
			puts_(b, "\r\n");
		}
	}
	puts_(b, after);
}

/* Every split: a byte at a time, two pieces at each offset near the
 * framing and every 509th, and random pieces. */
static void
every_split(const char *what, const setup *st, const buf *body,
	const layout *l, size_t want_len, size_t want_chunks)
{
	static size_t pieces[70000];
	size_t i, chunks, n, failures = 0;
	buf out = { 0 };

	for (i = 0; i < body->len; i++) {
		pieces[i] = 1;
	}
	ASSERT_EQ_INT(SIGV4_OK, decode(st, body->p, body->len, pieces,
		body->len, &out, &chunks));
	ASSERT_TRUE(all_a(&out, want_len));
	ASSERT_EQ_INT(want_chunks, chunks);
	for (i = 0; i <= body->len; i++) {
		if (distance_to_framing(l, i) > 96 && i % 509 != 0) {
			continue;
		}
		pieces[0] = i;
		if (decode(st, body->p, body->len, pieces, 1, &out, &chunks)
			!= SIGV4_OK || !all_a(&out, want_len) || chunks != want_chunks)
		{
			failures++;
		}
	}
	if (!ASSERT_EQ_INT(0, failures)) {
		fprintf(stderr, "  %s: %zu splits failed\n", what, failures);
	}
	for (i = 0; i < 50; i++) {
		n = random_pieces(pieces, 70000, body->len, i < 25 ? 100 : 20000);
		ASSERT_EQ_INT(SIGV4_OK, decode(st, body->p, body->len, pieces, n,
			&out, NULL));
		ASSERT_TRUE(all_a(&out, want_len));
	}
	free(out.p);
}

/* body with byte at off replaced by c, decoded. */
static int
tampered(const setup *st, const buf *body, size_t off, char c)
{
	char *copy = malloc(body->len);
	int rc;

	memcpy(copy, body->p, body->len);
	copy[off] = c;
	rc = decode1(st, copy, body->len);
	free(copy);
	return rc;
}

/* One byte replaced, and the result wanted. */
typedef struct {
	size_t off;
	char c;
	int want;
} tamper;

static void
tampers(const setup *st, const buf *body, const tamper *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!ASSERT_EQ_INT(t[i].want, tampered(st, body, t[i].off, t[i].c))) {
			fprintf(stderr, "  case %zu: offset %zu\n", i, t[i].off);
		}
	}
}

/* Offset of the n-th occurrence (from 0) of s in the body. */
static size_t
find(const buf *b, const char *s, int n)
{
	size_t i, len = strlen(s);

	for (i = 0; i + len <= b->len; i++) {
		if (memcmp(b->p + i, s, len) == 0 && n-- == 0) {
			return i;
		}
	}
	tu_fail(__FILE__, __LINE__, "%s not in the body", s);
	return 0;
}

/* No single flipped byte (bit 0, or bit 7) is accepted: every framing
 * byte, every 97th data byte. (Bit 5 would be: trailer names have no
 * case.) */
static void
no_flip_accepted(const setup *st, const buf *body, const layout *l)
{
	size_t i, accepted = 0;

	for (i = 0; i < body->len; i++) {
		if (!is_framing(l, i) && i % 97 != 0) {
			continue;
		}
		accepted += tampered(st, body, i, (char)(body->p[i] ^ 1)) == SIGV4_OK;
		accepted += tampered(st, body, i, (char)(body->p[i] ^ 0x80)) == SIGV4_OK;
	}
	ASSERT_EQ_INT(0, accepted);
}

static sigv4_key
s3_key(const cJSON *ex)
{
	const char *secret = su_json_str(su_json_path(ex, "credentials",
		"secret_access_key", (const char *)NULL));
	sigv4_key key;

	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&key, secret, strlen(secret),
		"20130524", su_cstr("us-east-1"), su_cstr("s3")));
	return key;
}

/* S3's example without trailers. */
static void
s3_chunked(const cJSON *ex)
{
	sigv4_key key = s3_key(ex);
	setup st = { &key, su_cstr(su_json_str(su_json_path(ex, "expected",
		"seed_signature", (const char *)NULL))), 66560, NULL, 0 };
	buf body = { 0 };
	layout l;
	size_t h1, h2, fin;

	s3_body(&body, &l, ex, 1, "\r\n");
	ASSERT_EQ_INT(su_json_num(su_json_path(ex, "expected",
		"encoded_content_length", (const char *)NULL), -1), body.len);
	every_split("chunked-put-object", &st, &body, &l, 66560, 2);
	h1 = 0;
	h2 = find(&body, "400;", 0);
	fin = find(&body, "\r\n0;", 0) + 2;
	/* A data byte, a size digit, a signature digit, each CRLF. */
	{
		const tamper cases[] = {
			{ 100, 'b', SIGV4_ERR_CHUNK_SIGNATURE },
			{ h2 + 90, 'b', SIGV4_ERR_CHUNK_SIGNATURE },
			{ h1, '2', SIGV4_ERR_DECODED_LENGTH },
			{ h2 + 2, '1', SIGV4_ERR_DECODED_LENGTH },
			{ h1, 'g', SIGV4_ERR_CHUNK },
			{ h2 + 1, 'A', SIGV4_ERR_CHUNK },
			/* One byte more: the data takes the CR, the signature
			 * fails. */
			{ h1 + 4, '1', SIGV4_ERR_CHUNK_SIGNATURE },
			{ h1 + 30, '0', SIGV4_ERR_CHUNK_SIGNATURE },
			{ fin + 20, '0', SIGV4_ERR_CHUNK_SIGNATURE },
			{ h1 + 10, 'C', SIGV4_ERR_CHUNK },
			{ h1 + 86, ' ', SIGV4_ERR_CHUNK },
			{ h2 - 2, '\n', SIGV4_ERR_CHUNK },
			{ h2 - 1, '\r', SIGV4_ERR_CHUNK },
			{ body.len - 2, 'x', SIGV4_ERR_CHUNK },
			{ body.len - 1, '\r', SIGV4_ERR_CHUNK },
		};

		tampers(&st, &body, cases, sizeof cases / sizeof cases[0]);
	}
	/* Cut short, or followed by a byte. */
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, decode1(&st, body.p, body.len - 1));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, decode1(&st, body.p, fin));
	put(&body, "\r", 1);
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, decode1(&st, body.p, body.len));
	body.len--;
	/* Another decoded length, seed or key. */
	st.decoded = 66561;
	/* 1024 bytes of 1025 left: a short chunk that is not the last. */
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, decode1(&st, body.p, body.len));
	st.decoded = 66559;
	ASSERT_EQ_INT(SIGV4_ERR_DECODED_LENGTH, decode1(&st, body.p, body.len));
	st.decoded = 66560;
	st.seed = su_cstr("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK_SIGNATURE, decode1(&st, body.p, body.len));
	st.seed = su_cstr(su_json_str(su_json_path(ex, "expected",
		"seed_signature", (const char *)NULL)));
	no_flip_accepted(&st, &body, &l);
	/* Unsigned: the same framing without signatures, and a checksum. */
	{
		sigv4_str name = su_cstr("x-amz-checksum-crc32c");
		setup un = { NULL, { NULL, 0 }, 66560, &name, 1 };

		s3_body(&body, &l, ex, 0,
			"x-amz-checksum-crc32c:" CRC32C_OF_DATA "\r\n\r\n");
		every_split("unsigned", &un, &body, &l, 66560, 2);
		ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM_MISMATCH,
			tampered(&un, &body, 100, 'b'));
		ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM_MISMATCH,
			tampered(&un, &body, body.len - 6, 'R'));
		ASSERT_EQ_INT(SIGV4_ERR_TRAILER, tampered(&un, &body,
			body.len - 14, 'x'));
		/* Signatures where there are none. */
		s3_body(&body, &l, ex, 1,
			"x-amz-checksum-crc32c:" CRC32C_OF_DATA "\r\n\r\n");
		ASSERT_EQ_INT(SIGV4_ERR_CHUNK, decode1(&un, body.p, body.len));
	}
	free(body.p);
	sigv4_wipe(&key, sizeof key);
}

/* S3's example with the CRC32C trailer. */
static void
s3_trailer(const cJSON *ex)
{
	const cJSON *t = su_json_path(ex, "expected", "trailer", (const char *)NULL);
	const char *wire = su_json_str(su_json_get(t, "wire_bytes_after_final_chunk"));
	sigv4_key key = s3_key(ex);
	sigv4_str name = su_cstr("X-Amz-Checksum-CRC32C");
	setup st = { &key, su_cstr(su_json_str(su_json_path(ex, "expected",
		"seed_signature", (const char *)NULL))), 66560, &name, 1 };
	buf body = { 0 };
	layout l;
	size_t tr, sig;

	s3_body(&body, &l, ex, 1, wire);
	ASSERT_EQ_INT(66946, body.len);
	every_split("chunked-put-object-with-trailer", &st, &body, &l, 66560, 2);
	tr = find(&body, "x-amz-checksum-crc32c:", 0);
	sig = find(&body, "x-amz-trailer-signature:", 0);
	{
		/* The trailer's name, value (signed: the signature fails
		 * first), colon, signature digit, line ends; any case of a
		 * name is the name. */
		const tamper cases[] = {
			{ tr + 3, 'x', SIGV4_ERR_TRAILER },
			{ tr + 21, '=', SIGV4_ERR_TRAILER },
			{ tr + 23, 'X', SIGV4_ERR_CHUNK_SIGNATURE },
			{ sig + 30, '0', SIGV4_ERR_CHUNK_SIGNATURE },
			{ sig + 5, 'x', SIGV4_ERR_TRAILER },
			{ sig - 2, ' ', SIGV4_ERR_CHUNK },
			{ body.len - 1, ' ', SIGV4_ERR_CHUNK },
			{ tr, 'X', SIGV4_OK },
			{ sig, 'X', SIGV4_OK },
		};

		tampers(&st, &body, cases, sizeof cases / sizeof cases[0]);
	}
	/* Announced but not sent; sent but not announced. */
	st.count = 0;
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, decode1(&st, body.p, body.len));
	st.count = 1;
	no_flip_accepted(&st, &body, &l);
	/* The data changed, the checksum recomputed... the chunk fails. */
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK_SIGNATURE, tampered(&st, &body, 200, 'b'));
	free(body.p);
	sigv4_wipe(&key, sizeof key);
}

/* aws-c-auth: three trailers, sent in reverse order, signed. */
static void
three_trailers(const cJSON *s3ex, const cJSON *json)
{
	const cJSON *t = su_json_get(json, "sigv4_trailing_headers");
	const cJSON *th = su_json_get(t, "trailing_headers");
	const char *tsig = su_json_str(su_json_get(t, "trailing_headers_signature"));
	sigv4_key key = s3_key(s3ex);
	sigv4_str names[3];
	setup st = { &key, su_cstr(su_json_str(su_json_path(json, "sigv4_chunked",
		"seed_signature", (const char *)NULL))), 66560, names, 3 };
	buf body = { 0 }, block = { 0 };
	layout l;
	size_t i;

	for (i = 0; i < 3; i++) {
		const cJSON *p = su_json_at(th, 2 - i);

		names[i] = su_json_view(su_json_at(p, 0));
		puts_(&block, su_json_str(su_json_at(p, 0)));
		puts_(&block, ":");
		puts_(&block, su_json_str(su_json_at(p, 1)));
		puts_(&block, "\r\n");
	}
	puts_(&block, "x-amz-trailer-signature:");
	puts_(&block, tsig);
	puts_(&block, "\r\n\r\n");
	put(&block, "", 1);
	s3_body(&body, &l, s3ex, 1, block.p);
	ASSERT_EQ_INT(SIGV4_OK, decode1(&st, body.p, body.len));
	/* A trailer twice, or one missing. */
	{
		size_t first = find(&body, "first:", 0);

		ASSERT_EQ_INT(SIGV4_ERR_TRAILER, tampered(&st, &body, first, 's'));
		ASSERT_EQ_INT(SIGV4_ERR_TRAILER, tampered(&st, &body, first + 5, '-'));
		st.count = 2;
		ASSERT_EQ_INT(SIGV4_ERR_TRAILER, decode1(&st, body.p, body.len));
		st.count = 3;
		/* A value trimmed to another: " st" is "st". */
		ASSERT_EQ_INT(SIGV4_ERR_CHUNK_SIGNATURE,
			tampered(&st, &body, first + 6, ' '));
	}
	free(body.p);
	free(block.p);
	sigv4_wipe(&key, sizeof key);
}

/* ------------------------------------------------------------------ */
/* Bodies from the encoder stages.                                     */

typedef struct {
	const sigv4_key *key;      /* NULL: unsigned */
	uint32_t chunk_size;
	int checksum;              /* SIGV4_CHECKSUM_* or -1 */
	size_t extra_trailers;     /* besides the checksum */
} plan;

/* The signature of sts with the key, into sig; its length. */
static size_t
sign_sts(char sig[SIGV4A_SIGNATURE_HEX_MAX], const sigv4_key *key,
	const char *sts, size_t len)
{
	size_t n = 0;

	if (key->algorithm == SIGV4_ALG_HMAC_SHA256) {
		ASSERT_EQ_INT(SIGV4_OK, sigv4_signature(sig, &n, key,
			(sigv4_str){ sts, len }));
	} else {
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_signature(sig, &n, key,
			(sigv4_str){ sts, len }));
	}
	return n;
}

/* Frame and sign data as the encoder does; the names announced. */
static void
encode(buf *body, const plan *pl, const char *seed, size_t seed_len,
	const char *data, size_t len, sigv4_str *names, size_t *count)
{
	static char values[4][48];
	static char namebuf[4][40];
	char prev[SIGV4A_SIGNATURE_HEX_MAX], sig[SIGV4A_SIGNATURE_HEX_MAX];
	char line[SIGV4_CHUNK_HEADER_MAX], sts[SIGV4_STREAM_STRING_TO_SIGN_MAX];
	size_t width = sigv4_chunk_signature_width(pl->key == NULL ? -1
		: pl->key->algorithm);
	size_t prev_len = seed_len, pos = 0, n, i, block_len;
	sigv4_header t[4];
	sigv4_checksum c;
	uint8_t hash[32];
	sigv4_sha256 h;
	char *block;

	memcpy(prev, seed, seed_len);
	body->len = 0;
	*count = 0;
	for (i = 0; i < pl->extra_trailers; i++) {
		snprintf(namebuf[i], sizeof namebuf[i], "X-Extra-%zu", 3 - i);
		snprintf(values[i], sizeof values[i], "  v%u  x ", rnd(1000));
		t[*count].name = su_cstr(namebuf[i]);
		t[(*count)++].value = su_cstr(values[i]);
	}
	if (pl->checksum >= 0) {
		size_t vlen = 0;

		ASSERT_EQ_INT(SIGV4_OK, sigv4_checksum_init(&c, pl->checksum));
		sigv4_checksum_update(&c, data, len);
		ASSERT_EQ_INT(SIGV4_OK, sigv4_checksum_base64(&c, values[3], &vlen));
		values[3][vlen] = 0;
		snprintf(namebuf[3], sizeof namebuf[3], "x-amz-checksum-%s",
			sigv4_checksum_name(pl->checksum));
		t[*count].name = su_cstr(namebuf[3]);
		t[(*count)++].value = su_cstr(values[3]);
	}
	for (i = 0; i < *count; i++) {
		names[i] = t[i].name;
	}
	for (;;) {
		sigv4_str s = { NULL, 0 };

		n = len - pos < pl->chunk_size ? len - pos : pl->chunk_size;
		if (pl->key != NULL) {
			sigv4_sha256_init(&h);
			sigv4_sha256_update(&h, data + pos, n);
			sigv4_sha256_out(&h, hash);
			ASSERT_EQ_INT(SIGV4_OK, sigv4_chunk_string_to_sign(sts, &i,
				pl->key, su_cstr(DATE), (sigv4_str){ prev, prev_len },
				hash));
			prev_len = sign_sts(prev, pl->key, sts, i);
			s = (sigv4_str){ prev, prev_len };
		}
		i = sigv4_chunk_header(line, (uint32_t)n, s, width);
		ASSERT_TRUE(i > 0);
		put(body, line, i);
		if (n == 0) {
			break;
		}
		put(body, data + pos, n);
		put(body, "\r\n", 2);
		pos += n;
	}
	i = 0;
	if (pl->key != NULL && *count > 0) {
		ASSERT_EQ_INT(SIGV4_OK, sigv4_trailer_string_to_sign(sts, &i,
			pl->key, su_cstr(DATE), (sigv4_str){ prev, prev_len },
			t, *count));
		i = sign_sts(sig, pl->key, sts, i);
	}
	/* Its length first (SIGV4_ERR_SPACE with no buffer). */
	sigv4_trailer_block(NULL, 0, &block_len, t, *count,
		(sigv4_str){ sig, i }, width);
	block = malloc(block_len + 1);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_trailer_block(block, block_len, &n,
		t, *count, (sigv4_str){ sig, i }, width));
	put(body, block, n);
	free(block);
}

static void
round_trips(void)
{
	static const char secret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
	static size_t pieces[20000];
	static char data[70000];
	sigv4_key v4, v4a;
	sigv4_str names[4];
	sigv4_unchunk u;
	buf body = { 0 }, out = { 0 };
	size_t i, j, count, np;

	for (i = 0; i < sizeof data; i++) {
		data[i] = (char)rnd(256);
	}
	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&v4, secret, strlen(secret),
		"20130524", su_cstr("us-east-1"), su_cstr("s3")));
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_key_derive(&v4a,
		su_cstr("AKIAIOSFODNN7EXAMPLE"), secret, strlen(secret), "20130524",
		su_cstr("s3")));
	for (i = 0; i < 60; i++) {
		int mode = i % 10 < 6 ? 0 : i % 10 < 8 ? 1 : 2;
		plan pl = { mode == 0 ? &v4 : mode == 1 ? &v4a : NULL,
			SIGV4_CHUNK_SIZE_MIN + rnd(12000),
			(int)rnd(SIGV4_CHECKSUM_END_ + 1) - 1, rnd(3) };
		size_t len = rnd(5) == 0 ? rnd(10) : rnd(60000);
		const char *seed = mode == 1
			? "3045022100ab0022100cd" : "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
		setup st;

		if (mode == 2 && pl.checksum < 0) {
			pl.checksum = SIGV4_CHECKSUM_CRC64NVME;
		}
		encode(&body, &pl, seed, strlen(seed), data, len, names, &count);
		st = (setup){ pl.key, su_cstr(seed), len, names, count };
		np = random_pieces(pieces, 20000, body.len, i % 2 ? 7 : 9000);
		if (!ASSERT_EQ_INT(SIGV4_OK, decode(&st, body.p, body.len, pieces,
			np, &out, NULL)))
		{
			fprintf(stderr, "  round trip %zu: mode %d, %zu bytes, chunk "
				"%u, checksum %d, %zu trailers\n", i, mode, len,
				pl.chunk_size, pl.checksum, count);
		}
		ASSERT_MEM_EQ("decoded", data, len, out.p, out.len);
		/* A data byte changed: the chunk's signature or the checksum. */
		if (len > 0) {
			/* The first data byte: after the first line. */
			for (j = 0; j < body.len && body.p[j] != '\n'; j++) {
			}
			body.p[j + 1] ^= 1;
			ASSERT_EQ_INT(mode == 2 ? SIGV4_ERR_CHECKSUM_MISMATCH
				: SIGV4_ERR_CHUNK_SIGNATURE, decode1(&st, body.p, body.len));
		}
	}
	/* The decoder's SigV4a key is aws-c-auth's published public key:
	 * checked in test_stream; here, a SigV4a context needs the SigV4a
	 * entry points. */
	{
		setup st = { &v4a, su_cstr("3045022100ab0022100cd"), 0, NULL, 0 };
		size_t used;
		sigv4_str d;

		ASSERT_EQ_INT(SIGV4_ERR_KEY_ALGORITHM, sigv4_unchunk_init(&u, &v4a,
			su_cstr(DATE), st.seed, 0, NULL, 0));
		ASSERT_EQ_INT(SIGV4_ERR_KEY_ALGORITHM,
			sigv4_unchunk_feed(&u, "0", 1, &used, &d));
		ASSERT_EQ_INT(SIGV4_OK, init(&u, &st));
		ASSERT_EQ_INT(SIGV4_ERR_KEY_ALGORITHM,
			sigv4_unchunk_feed(&u, "0", 1, &used, &d));
		ASSERT_EQ_INT(SIGV4_ERR_KEY_ALGORITHM,
			sigv4a_unchunk_feed(&u, "0", 1, &used, &d));
	}
	free(body.p);
	free(out.p);
	sigv4_wipe(&v4, sizeof v4);
	sigv4_wipe(&v4a, sizeof v4a);
}

/* ------------------------------------------------------------------ */
/* The rules.                                                          */

static int
unsigned_body(const char *body, const char *const *names, size_t count,
	uint64_t decoded)
{
	sigv4_str n[4];
	setup st = { NULL, { NULL, 0 }, decoded, n, count };
	size_t i;

	for (i = 0; i < count; i++) {
		n[i] = su_cstr(names[i]);
	}
	return decode1(&st, body, strlen(body));
}

/* Whether the 16 bytes at p occur in the context. */
static int
holds(const sigv4_unchunk *u, const uint8_t *p)
{
	const uint8_t *b = (const uint8_t *)u;
	size_t i;

	for (i = 0; i + 16 <= sizeof *u; i++) {
		if (memcmp(b + i, p, 16) == 0) {
			return 1;
		}
	}
	return 0;
}

static void
rules(const cJSON *s3ex)
{
	static const char *const crc[] = { "x-amz-checksum-crc32", "x-extra" };
	static char body[40000];
	sigv4_key key = s3_key(s3ex);
	sigv4_str seed = su_cstr("4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");
	sigv4_str names[9];
	sigv4_unchunk u;
	sigv4_str d;
	size_t used, i;
	char line[400];

	/* CRC32 of "" is 0: AAAAAA==. */
	ASSERT_EQ_INT(SIGV4_OK, unsigned_body("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_OK, unsigned_body("0\r\nx-amz-checksum-crc32: \tAAAAAA== \r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_OK, unsigned_body("0\r\nx-extra:\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", crc, 2, 0));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, unsigned_body("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", crc, 2, 0));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, unsigned_body("0\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, unsigned_body("0\r\nx-amz-checksum-crc32 :AAAAAA==\r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, unsigned_body("0\r\nx-amz-checksum-crc32\r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, unsigned_body("0\r\nx-amz-checksum-crc32:AA\rAAAA==\r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, unsigned_body("0\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:ab\r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM_MISMATCH, unsigned_body("0\r\nx-amz-checksum-crc32:AAAAAB==\r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, unsigned_body("0\r\nx-amz-checksum-crc32:AAAAAA==\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, unsigned_body("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, unsigned_body("00\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, unsigned_body("0;x\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, unsigned_body("\r\n", crc, 1, 0));
	ASSERT_EQ_INT(SIGV4_ERR_DECODED_LENGTH, unsigned_body("0\r\n\r\n", crc, 1, 1));
	ASSERT_EQ_INT(SIGV4_ERR_DECODED_LENGTH, unsigned_body("2\r\nab\r\n", crc, 1, 1));
	/* A short chunk only as the last with data. */
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM_MISMATCH, unsigned_body("2\r\nab\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", crc, 1, 2));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, unsigned_body("2\r\nab\r\n", crc, 1, 3));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, unsigned_body("2\r\nabc\r\n", crc, 1, 2));
	/* 8192 bytes, then 1: fine until the checksum. */
	i = (size_t)snprintf(body, sizeof body, "2000\r\n");
	memset(body + i, 'x', 8192);
	i += 8192;
	i += (size_t)snprintf(body + i, sizeof body - i, "\r\n1\r\ny\r\n0\r\n"
		"x-amz-checksum-crc32:AAAAAA==\r\n\r\n");
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM_MISMATCH, unsigned_body(body, crc, 1, 8193));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, unsigned_body(body + 6 + 8192 + 2, crc, 1, 8193));
	/* Line bounds: a header line, a trailer line (one byte more than
	 * the bound fails, the bound itself passes). */
	memset(line, 'f', sizeof line);
	memcpy(line + SIGV4_CHUNK_HEADER_MAX - 1, "\r\n", 3);
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, unsigned_body(line, crc, 1, 1));
	i = (size_t)snprintf(line, sizeof line,
		"0\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-extra:");
	memset(line + i, 'v', sizeof line - i);
	memcpy(line + 34 + SIGV4_TRAILER_LINE_MAX - 2, "\r\n\r\n", 5);
	ASSERT_EQ_INT(SIGV4_OK, unsigned_body(line, crc, 2, 0));
	memcpy(line + 34 + SIGV4_TRAILER_LINE_MAX - 2, "v\r\n\r\n", 6);
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, unsigned_body(line, crc, 2, 0));

	/* Refused inits: the context is failed, with no key. */
	names[0] = su_cstr("x-a");
	names[1] = su_cstr("X-A");
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_unchunk_init(&u, &key, su_cstr(DATE), seed, 0, names, 2));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_unchunk_feed(&u, "0", 1, &used, &d));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_unchunk_finish(&u));
	names[1] = su_cstr("x-amz-trailer-signature");
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_unchunk_init(&u, &key, su_cstr(DATE), seed, 0, names, 2));
	names[1] = su_cstr("x a");
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_unchunk_init(&u, &key, su_cstr(DATE), seed, 0, names, 2));
	names[0] = su_cstr("x-amz-checksum-md5");
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_unchunk_init(&u, &key, su_cstr(DATE), seed, 0, names, 1));
	names[0] = su_cstr("x-amz-checksum-crc32");
	names[1] = su_cstr("x-amz-checksum-sha1");
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_unchunk_init(&u, &key, su_cstr(DATE), seed, 0, names, 2));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_unchunk_init(&u, NULL, su_cstr(DATE), seed, 0, names + 2, 0));
	for (i = 0; i < 9; i++) {
		names[i] = su_cstr(i % 2 ? "x-b" : "x-c");
	}
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_unchunk_init(&u, NULL, su_cstr(DATE), seed, 0, names, 9));
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_unchunk_init(&u, &key, su_cstr("20130524T000000"), seed, 0, NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_KEY_SCOPE, sigv4_unchunk_init(&u, &key, su_cstr("20130525T000000Z"), seed, 0, NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_PREVIOUS, sigv4_unchunk_init(&u, &key, su_cstr(DATE), su_cstr("4F232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"), 0, NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_PREVIOUS, sigv4_unchunk_init(&u, &key, su_cstr(DATE), su_cstr("4f23"), 0, NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK_SIZE, sigv4_unchunk_init(&u, &key, su_cstr(DATE), seed, (uint64_t)1 << 53, NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_unchunk_init(NULL, &key, su_cstr(DATE), seed, 0, NULL, 0));
	ASSERT_EQ_INT(SIGV4_OK, sigv4_unchunk_init(&u, &key, su_cstr(DATE), seed, ((uint64_t)1 << 53) - 1, NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_unchunk_feed(&u, NULL, 1, &used, &d));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_unchunk_feed(&u, "0", 1, &used, &d));

	/* The key: in the context while it runs, wiped at the end and on
	 * failure. */
	ASSERT_EQ_INT(SIGV4_OK, sigv4_unchunk_init(&u, &key, su_cstr(DATE), seed, 66560, NULL, 0));
	ASSERT_TRUE(holds(&u, key.hmac_pads));
	ASSERT_EQ_INT(SIGV4_OK, sigv4_unchunk_feed(&u, "1000", 4, &used, &d));
	ASSERT_TRUE(holds(&u, key.hmac_pads));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, sigv4_unchunk_feed(&u, "\n", 1, &used, &d));
	ASSERT_TRUE(!holds(&u, key.hmac_pads));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, sigv4_unchunk_feed(&u, "\n", 1, &used, &d));
	ASSERT_EQ_INT(SIGV4_OK, sigv4_unchunk_init(&u, &key, su_cstr(DATE), seed, 66560, NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK, sigv4_unchunk_finish(&u));
	ASSERT_TRUE(!holds(&u, key.hmac_pads));
	{
		static const char v4a_secret[] = "secret";
		sigv4_key a;

		ASSERT_EQ_INT(SIGV4_OK, sigv4a_key_derive(&a, su_cstr("AKID"),
			v4a_secret, 6, "20130524", su_cstr("s3")));
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_unchunk_init(&u, &a, su_cstr(DATE),
			su_cstr("3045"), 0, NULL, 0));
		ASSERT_TRUE(!holds(&u, a.signing_key));
		sigv4_wipe(&a, sizeof a);
	}
	sigv4_wipe(&u, sizeof u);
	sigv4_wipe(&key, sizeof key);
}

/* The SigV4a key the decoder verifies with is aws-c-auth's. */
static void
published_public_key(const cJSON *json)
{
	const cJSON *pub = su_json_path(json, "sigv4a_chunked",
		"verification_public_key", (const char *)NULL);
	const cJSON *creds = su_json_path(json, "common", "credentials",
		(const char *)NULL);
	const char *secret = su_json_str(su_json_get(creds, "secret_access_key"));
	uint8_t q[SIGV4A_PUBLIC_KEY_SIZE], x[32];
	sigv4_unchunk u;
	sigv4_key key;

	ASSERT_EQ_INT(SIGV4_OK, sigv4a_key_derive(&key,
		su_json_view(su_json_get(creds, "access_key_id")), secret,
		strlen(secret), "20130524", su_cstr("s3")));
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_public_key(q, &key));
	ASSERT_EQ_INT(0, tu_hex_decode(x, 32, su_json_str(su_json_get(pub, "X")), 64));
	ASSERT_TRUE(memcmp(q + 1, x, 32) == 0);
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_unchunk_init(&u, &key, su_cstr(DATE),
		su_cstr("3045"), 0, NULL, 0));
	ASSERT_TRUE(holds(&u, x));
	sigv4_wipe(&key, sizeof key);
}

int
main(int argc, char **argv)
{
	const cJSON *exs, *plain = NULL, *trailer = NULL;
	cJSON *s3, *chunked;
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "usage: test_unchunk <s3 docs> <chunked-signing>\n");
		return 2;
	}
	s3 = su_json_load(argv[1]);
	chunked = su_json_load(argv[2]);
	exs = su_json_get(s3, "examples");
	for (i = 0; i < su_json_count(exs); i++) {
		const cJSON *ex = su_json_at(exs, i);
		const char *name = su_json_str(su_json_get(ex, "name"));

		if (strcmp(name, "chunked-put-object") == 0) {
			plain = ex;
		} else if (strcmp(name, "chunked-put-object-with-trailer") == 0) {
			trailer = ex;
		}
	}
	if (!ASSERT_TRUE(plain != NULL && trailer != NULL)) {
		return tu_finish("test_unchunk");
	}
	s3_chunked(plain);
	s3_trailer(trailer);
	three_trailers(plain, chunked);
	published_public_key(chunked);
	round_trips();
	rules(plain);
	cJSON_Delete(s3);
	cJSON_Delete(chunked);
	return tu_finish("test_unchunk");
}
