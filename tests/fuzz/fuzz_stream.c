/*
 * fuzz_stream.c: the streaming stages (src/stream.c) and the checksums
 * (src/checksum.c).
 *
 * Input: one byte of options (bits 0-1: the signature width: unsigned,
 * SigV4, SigV4a; bits 2-4: the checksum), a u32 decoded length (the low
 * 20 bits), a u16 chunk size step, then fields: X-Amz-Date, the previous
 * signature, and trailers as name, value pairs. Checks:
 *   - every string to sign either fails with out_len 0 or has the form
 *     "<algorithm>-PAYLOAD|TRAILER\n<date>\n<scope>\n<previous>\n<hashes>"
 *     with one line per part, the previous signature without '*' padding;
 *   - sigv4_trailer_block's length with no buffer equals what it writes,
 *     and a buffer one byte short is SIGV4_ERR_SPACE, zeroed;
 *   - sigv4_chunked_length equals the length of the body framed chunk by
 *     chunk with sigv4_chunk_header and sigv4_trailer_block;
 *   - a checksum fed in two pieces equals the one fed whole, and its
 *     base64 has the table's length.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t
lines_of(const char *s, size_t n)
{
	size_t i, lines = 1;

	for (i = 0; i < n; i++) {
		lines += s[i] == '\n';
	}
	return lines;
}

static void
strings_to_sign(const sigv4_key *key, sigv4_str date, sigv4_str prev,
	const sigv4_header *t, size_t nt)
{
	char sts[SIGV4_STREAM_STRING_TO_SIGN_MAX];
	uint8_t hash[32] = { 1, 2, 3 };
	size_t len = 1;
	int err;

	err = sigv4_chunk_string_to_sign(sts, &len, key, date, prev, hash);
	FZ_CHECK(err == SIGV4_OK ? len > 0 && lines_of(sts, len) == 6
		&& sts[len - 65] == '\n' : len == 0, "chunk sts: %d, %zu", err, len);
	if (err == SIGV4_OK) {
		FZ_CHECK(memchr(sts, '*', len) == NULL, "padding kept");
	}
	err = sigv4_event_string_to_sign(sts, &len, key, date, prev,
		(int64_t)prev.len * 1000, hash);
	FZ_CHECK(err == SIGV4_OK ? lines_of(sts, len) == 6 : len == 0,
		"event sts: %d", err);
	err = sigv4_trailer_string_to_sign(sts, &len, key, date, prev, t, nt);
	FZ_CHECK(err == SIGV4_OK ? lines_of(sts, len) == 5 && nt > 0
		: len == 0, "trailer sts: %d", err);
}

/* The encoded length, framed for real (no data: only lengths count). */
static void
framing(uint64_t decoded, uint32_t chunk, size_t width,
	const sigv4_header *t, size_t nt)
{
	char line[SIGV4_CHUNK_HEADER_MAX], sig[SIGV4A_SIGNATURE_HEX_MAX];
	uint64_t want = 0, got = 0, left = decoded;
	size_t block = 0, n;
	sigv4_str s = { sig, width > 0 ? width - (width > 64) * 3 : 0 };
	int err, err2;
	char *buf;

	memset(sig, 'a', sizeof sig);
	err = sigv4_chunked_length(&got, decoded, chunk, width, t, nt);
	err2 = sigv4_trailer_block(NULL, 0, &block, t, nt, s, width);
	if (err != SIGV4_OK) {
		FZ_CHECK(got == 0, "length on error");
		FZ_CHECK(err == SIGV4_ERR_CHUNK_SIZE || err == err2,
			"length error %d, block %d", err, err2);
		return;
	}
	FZ_CHECK(err2 == SIGV4_ERR_SPACE || (err2 == SIGV4_OK && block == 0),
		"block length: %d", err2);
	buf = (char *)malloc(block);
	FZ_CHECK(buf != NULL, "out of memory");
	n = 0;
	FZ_CHECK(sigv4_trailer_block(buf, block, &n, t, nt, s, width) == SIGV4_OK
		&& n == block, "block written %zu of %zu", n, block);
	FZ_CHECK(block == 0 || (sigv4_trailer_block(buf, block - 1, &n, t, nt,
		s, width) == SIGV4_ERR_SPACE && fz_all_bytes(buf, block - 1, 0, 0)),
		"a block one byte short");
	free(buf);
	while (left > 0) {
		uint32_t size = left < chunk ? (uint32_t)left : chunk;

		n = sigv4_chunk_header(line, size, s, width);
		FZ_CHECK(n > 0, "header of %u", size);
		want += n + size + 2;
		left -= size;
	}
	n = sigv4_chunk_header(line, 0, s, width);
	want += n + block;
	FZ_CHECK(want == got, "framed %llu, computed %llu",
		(unsigned long long)want, (unsigned long long)got);
}

static void
checksums(unsigned id, sigv4_str bytes)
{
	char a[SIGV4_CHECKSUM_BASE64_MAX], b[SIGV4_CHECKSUM_BASE64_MAX];
	size_t la = 0, lb = 0, half = bytes.len / 2;
	const char *p = bytes.len > 0 ? bytes.ptr : "";
	sigv4_checksum whole, split;

	if (sigv4_checksum_init(&whole, (int)id) != SIGV4_OK) {
		FZ_CHECK(id >= 5, "known checksum %u refused", id);
		return;
	}
	FZ_CHECK(sigv4_checksum_init(&split, (int)id) == SIGV4_OK, "init");
	sigv4_checksum_update(&whole, p, bytes.len);
	sigv4_checksum_update(&split, p, half);
	sigv4_checksum_update(&split, p + half, bytes.len - half);
	FZ_CHECK(sigv4_checksum_base64(&whole, a, &la) == SIGV4_OK
		&& sigv4_checksum_base64(&split, b, &lb) == SIGV4_OK, "base64");
	FZ_CHECK(la == lb && memcmp(a, b, la) == 0, "split differs");
	FZ_CHECK(la == SIGV4_BASE64_LEN(sigv4_checksum_size((int)id)),
		"base64 length %zu", la);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t widths[4] = { 0, 64, SIGV4A_SIGNATURE_HEX_MAX, 7 };
	uint8_t opt;
	uint32_t decoded, chunk;
	sigv4_str date, prev;
	sigv4_header *t;
	sigv4_key key;
	fz_reader r;
	fz_pool pool;
	size_t nt;

	fz_reader_init(&r, data, size);
	fz_pool_init(&pool);
	opt = fz_u8(&r);
	decoded = fz_u32(&r) & 0xfffff;
	chunk = SIGV4_CHUNK_SIZE_MIN - 16 + fz_u16(&r);
	date = fz_dup(&pool, fz_field(&r));
	prev = fz_dup(&pool, fz_field(&r));
	t = fz_headers(&pool, &r, &nt);
	FZ_CHECK(sigv4_key_derive(&key, "secret", 6, "20150830",
		fz_cstr("us-east-1"), fz_cstr("s3")) == SIGV4_OK, "key");
	if (opt & 0x20) {
		FZ_CHECK(sigv4a_key_import(&key, key.signing_key, "20150830",
			fz_cstr("s3")) == SIGV4_OK, "SigV4a key");
	}
	strings_to_sign(&key, date, prev, t, nt);
	framing(decoded, chunk, widths[opt & 3], t, nt);
	checksums((opt >> 2) & 7, prev);
	sigv4_wipe(&key, sizeof key);
	fz_pool_free(&pool);
	return 0;
}
