/*
 * fuzz_unchunk.c: the aws-chunked decoder (src/unchunk.c) against the
 * whole-buffer model (model_unchunk.c).
 *
 * Input: a byte of mode (bits 0-1: a SigV4 body framed and signed by the
 * encoder stages, the same unsigned, or the rest of the input as the
 * body, signed or unsigned), a byte of trailers (bits 0-2: the checksum:
 * none, crc32, crc32c, sha256, md5 (unknown), crc32c in capitals; bits
 * 3-4: 0 to 3 other trailers; bit 5: a name announced twice; bit 6: one
 * announced, not sent), a u16 chunk size (bit 15: 1 to 16384 bytes, below
 * S3's minimum, else 8192 to 24575), a u16 data length (to 32767), a byte
 * that moves x-amz-decoded-content-length by -1, 0 or +1, a u32 seed (the
 * data, the pieces), then edits of the framed body (u16 offset, a byte of
 * operation: replace, insert, delete, cut; a byte) up to 8.
 *
 * The decoder is fed the body in random pieces; it must agree with the
 * model: the same result (SIGV4_OK or the same error) and, accepted, the
 * same data. Every call keeps its contract: used within the piece (all of
 * it but after a chunk's end), data a view into it, a failed context
 * failed for good.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#define DATE "20130524T000000Z"
#define SEED "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
#define DATA_MAX 32767

static uint32_t
next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* The trailers sent: name, value. */
typedef struct {
	sigv4_header h[5];
	size_t n;
	char sum[SIGV4_CHECKSUM_BASE64_MAX + 1];
} sent;

static void
trailers_for(sent *t, uint8_t opt, const uint8_t *d, size_t len)
{
	static const char *const sums[] = { NULL, "x-amz-checksum-crc32",
		"x-amz-checksum-crc32c", "x-amz-checksum-sha256",
		"x-amz-checksum-md5", "X-Amz-Checksum-CRC32C", NULL, NULL };
	static const char *const extra[][2] = { { "x-b", " two  words " },
		{ "X-A", "" }, { "x-c", "\tv" } };
	const char *sum = sums[opt & 7];
	size_t i;

	t->n = 0;
	for (i = 0; i < ((opt >> 3) & 3u) && i < 3; i++) {
		t->h[t->n].name = fz_cstr(extra[i][0]);
		t->h[t->n++].value = fz_cstr(extra[i][1]);
	}
	if (sum != NULL) {
		sigv4_checksum c;
		size_t n = 0;
		int id = sigv4_checksum_algorithm(fz_cstr(sum + 15));

		strcpy(t->sum, "AAAAAA==");
		if (id >= 0 && sigv4_checksum_init(&c, id) == SIGV4_OK) {
			sigv4_checksum_update(&c, d, len);
			sigv4_checksum_base64(&c, t->sum, &n);
			t->sum[n] = 0;
		}
		t->h[t->n].name = fz_cstr(sum);
		t->h[t->n++].value = fz_cstr(t->sum);
	}
}

/* The body as the encoder frames and signs it (key NULL: unsigned). */
static void
encode(fz_buf *b, const sigv4_key *key, uint32_t chunk, const uint8_t *d,
	size_t len, const sent *t)
{
	char prev[64], sts[SIGV4_STREAM_STRING_TO_SIGN_MAX];
	char line[SIGV4_CHUNK_HEADER_MAX];
	size_t width = key ? 64 : 0, pos = 0, n, sl, bl = 0;
	sigv4_str sig = { NULL, 0 };
	uint8_t hash[32];
	sigv4_sha256 h;
	char *block;

	memcpy(prev, SEED, 64);
	for (;;) {
		n = len - pos < chunk ? len - pos : chunk;
		if (key != NULL) {
			sigv4_sha256_init(&h);
			sigv4_sha256_update(&h, d + pos, n);
			sigv4_sha256_out(&h, hash);
			FZ_CHECK(sigv4_chunk_string_to_sign(sts, &sl, key,
				fz_cstr(DATE), fz_view(prev, 64), hash) == SIGV4_OK
				&& sigv4_signature(prev, &sl, key, fz_view(sts, sl))
				== SIGV4_OK, "chunk signature");
			sig = fz_view(prev, 64);
		}
		fz_write(b, line, sigv4_chunk_header(line, (uint32_t)n, sig, width));
		if (n == 0) {
			break;
		}
		fz_write(b, d + pos, n);
		fz_puts(b, "\r\n");
		pos += n;
	}
	sig = fz_view(NULL, 0);
	if (key != NULL && t->n > 0) {
		FZ_CHECK(sigv4_trailer_string_to_sign(sts, &sl, key, fz_cstr(DATE),
			fz_view(prev, 64), t->h, t->n) == SIGV4_OK
			&& sigv4_signature(prev, &sl, key, fz_view(sts, sl))
			== SIGV4_OK, "trailer signature");
		sig = fz_view(prev, 64);
	}
	sigv4_trailer_block(NULL, 0, &bl, t->h, t->n, sig, width);
	block = malloc(bl);
	FZ_CHECK(block != NULL && sigv4_trailer_block(block, bl, &n, t->h, t->n,
		sig, width) == SIGV4_OK, "trailer block");
	fz_write(b, block, n);
	free(block);
}

/* Up to 8 edits: replace, insert, delete, cut. */
static void
edit(fz_buf *b, fz_reader *r)
{
	int i;

	for (i = 0; i < 8 && fz_more(r) && b->len > 0; i++) {
		size_t at = fz_u16(r) % b->len;
		uint8_t op = fz_u8(r), c = fz_u8(r);

		switch (op & 3) {
		case 0:
			b->p[at] = (char)c;
			break;
		case 1:
			fz_put(b, 0);
			memmove(b->p + at + 1, b->p + at, b->len - at - 1);
			b->p[at] = (char)c;
			break;
		case 2:
			memmove(b->p + at, b->p + at + 1, b->len - at - 1);
			b->len--;
			break;
		default:
			b->len = at;
			break;
		}
	}
}

/* The decoder fed in random pieces; the data into out. */
static int
decode(const sigv4_key *key, uint64_t decoded, const sigv4_str *names,
	size_t count, const fz_buf *body, uint32_t seed, fz_buf *out)
{
	sigv4_unchunk u;
	size_t pos = 0, max = (size_t)1 << (seed % 16);
	int rc;

	out->len = 0;
	rc = sigv4_unchunk_init(&u, key, fz_cstr(DATE), fz_cstr(SEED), decoded,
		names, count);
	if (rc != SIGV4_OK) {
		FZ_CHECK(sigv4_unchunk_finish(&u) == rc, "failed init forgot");
		return rc;
	}
	while (pos < body->len) {
		size_t n = 1 + next(&seed) % max;

		if (n > body->len - pos) {
			n = body->len - pos;
		}
		while (n > 0) {
			const char *in = body->p + pos;
			sigv4_str d;
			size_t used = 99;

			rc = sigv4_unchunk_feed(&u, in, n, &used, &d);
			if (rc < 0) {
				FZ_CHECK(used == 0 && d.len == 0, "output on error");
				FZ_CHECK(sigv4_unchunk_feed(&u, in, n, &used, &d) == rc
					&& sigv4_unchunk_finish(&u) == rc, "not failed for good");
				return rc;
			}
			FZ_CHECK(used <= n && (used == n || rc == SIGV4_UNCHUNK_CHUNK),
				"used %zu of %zu, rc %d", used, n, rc);
			FZ_CHECK(d.len == 0 || (d.ptr >= in && d.ptr + d.len <= in + used),
				"data outside the input");
			fz_write(out, d.ptr, d.len);
			pos += used;
			n -= used;
		}
	}
	return sigv4_unchunk_finish(&u);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t bytes[DATA_MAX];
	uint8_t mode, opt, shift;
	uint16_t chunk_bits;
	uint32_t chunk, seed, s;
	size_t len, i, count;
	model_unchunk_in m;
	sigv4_str names[6];
	fz_buf body, got, want;
	uint64_t decoded;
	sigv4_key key;
	int is_signed, rc, want_rc, edited = 0, sum;
	fz_reader r;
	sent t;

	fz_reader_init(&r, data, size);
	mode = fz_u8(&r) & 3;
	opt = fz_u8(&r);
	chunk_bits = fz_u16(&r);
	chunk = chunk_bits & 0x8000 ? 1 + (chunk_bits & 0x3fffu)
		: SIGV4_CHUNK_SIZE_MIN + (chunk_bits & 0x3fffu);
	len = fz_u16(&r) & DATA_MAX;
	shift = fz_u8(&r) % 3;
	seed = fz_u32(&r) | 1;
	is_signed = mode == 0 || mode == 2;
	s = seed;
	for (i = 0; i < len; i++) {
		bytes[i] = (uint8_t)next(&s);
	}
	trailers_for(&t, opt, bytes, len);
	FZ_CHECK(sigv4_key_derive(&key, SECRET, sizeof SECRET - 1, "20130524",
		fz_cstr("us-east-1"), fz_cstr("s3")) == SIGV4_OK, "key");
	fz_buf_init(&body);
	if (mode < 2) {
		encode(&body, is_signed ? &key : NULL, chunk, bytes, len, &t);
		edited = fz_more(&r);
		edit(&body, &r);
	} else {
		fz_put_str(&body, fz_rest(&r));
	}
	/* The names announced: those sent, one twice, one not sent. */
	count = 0;
	for (i = 0; i < t.n; i++) {
		names[count++] = t.h[i].name;
	}
	if ((opt & 0x20) && count > 0) {
		names[count++] = names[0];
	}
	if (opt & 0x40) {
		names[count++] = fz_cstr("x-missing");
	}
	decoded = len + shift;
	decoded = decoded > 0 ? decoded - 1 : 0;

	memset(&m, 0, sizeof m);
	m.is_signed = is_signed;
	model_signing_key(m.signing_key, fz_cstr(SECRET), "20130524",
		fz_cstr("us-east-1"), fz_cstr("s3"));
	m.scope = fz_cstr("20130524/us-east-1/s3/aws4_request");
	m.amz_date = fz_cstr(DATE);
	m.seed = fz_cstr(SEED);
	m.decoded = decoded;
	m.names = names;
	m.count = count;
	fz_buf_init(&want);
	fz_buf_init(&got);
	want_rc = model_unchunk(&m, (const uint8_t *)body.p, body.len, &want);
	rc = decode(is_signed ? &key : NULL, decoded, names, count, &body, seed,
		&got);
	FZ_CHECK(rc == want_rc, "decoder %d (%s), model %d (%s)", rc,
		sigv4_errname(rc), want_rc, sigv4_errname(want_rc));
	if (rc == SIGV4_OK) {
		FZ_CHECK(fz_str_eq(fz_buf_str(&got), fz_buf_str(&want)),
			"data differs: %zu and %zu bytes", got.len, want.len);
	}
	/* What the encoder framed, unedited and announced as it is, decodes
	 * to what it framed. */
	sum = opt & 7;
	if (mode < 2 && !edited && shift == 1 && !(opt & 0x60) && sum != 4
		&& (len <= chunk || chunk >= SIGV4_CHUNK_SIZE_MIN)
		&& (is_signed || (sum >= 1 && sum <= 5)))
	{
		FZ_CHECK(rc == SIGV4_OK && got.len == len
			&& (len == 0 || memcmp(got.p, bytes, len) == 0), "round trip: %s",
			sigv4_errname(rc));
	}
	sigv4_wipe(&key, sizeof key);
	fz_buf_free(&body);
	fz_buf_free(&got);
	fz_buf_free(&want);
	return 0;
}
