/*
 * test_sink.c: the writer every stage uses. Whatever the pieces (single
 * bytes, runs, lowercased runs, percent escapes, C strings) and wherever
 * they cross the sink's buffer, the capture holds exactly the bytes
 * written and the hash is BearSSL's SHA-256 of those bytes; a capture
 * too small keeps counting and says so.
 */
#include <stdio.h>

#include "unit.h"

#define TOTAL 3000

static unsigned char expect[TOTAL * 3];
static char cap[TOTAL * 3];
static unsigned char src[TOTAL];

/* Writes pieces of `step` bytes (the last one shorter) with writer
 * (piece index % 5), and keeps what they should produce in expect[]. */
static size_t
write_pieces(sigv4_sink *s, size_t step)
{
	static const char hexd[] = "0123456789ABCDEF";
	size_t at = 0, n = 0, piece = 0, i;

	while (at < TOTAL) {
		size_t k = TOTAL - at < step ? TOTAL - at : step;
		const unsigned char *p = src + at;

		switch (piece++ % 5) {
		case 0:
			sigv4_sink_write(s, p, k);
			memcpy(expect + n, p, k);
			n += k;
			break;
		case 1:
			sigv4_sink_write_lower(s, p, k);
			for (i = 0; i < k; i++) {
				expect[n++] = (p[i] >= 'A' && p[i] <= 'Z')
					? (unsigned char)(p[i] + 32) : p[i];
			}
			break;
		case 2:
			for (i = 0; i < k; i++) {
				sigv4_sink_put(s, p[i]);
				expect[n++] = p[i];
			}
			break;
		case 3:
			for (i = 0; i < k; i++) {
				sigv4_sink_pct(s, p[i]);
				expect[n++] = '%';
				expect[n++] = (unsigned char)hexd[p[i] >> 4];
				expect[n++] = (unsigned char)hexd[p[i] & 15];
			}
			break;
		default: {
			char str[64];
			size_t m = k < sizeof str - 1 ? k : sizeof str - 1;

			/* No NUL inside: a C string stops there. */
			for (i = 0; i < m; i++) {
				str[i] = (char)(p[i] | 1);
			}
			str[m] = '\0';
			sigv4_sink_puts(s, str);
			memcpy(expect + n, str, m);
			n += m;
			break;
		}
		}
		at += k;
	}
	return n;
}

static void
test_every_piece_size(void)
{
	size_t step;

	for (step = 1; step <= 600; step++) {
		sigv4_sink s;
		char got[64], want[64];
		size_t n;

		memset(cap, 0x5A, sizeof cap);
		sigv4_sink_init(&s, 1, cap, sizeof cap);
		n = write_pieces(&s, step);
		sigv4_sink_hex(&s, got);
		unit_bearssl_sha256_hex(want, expect, n);
		if (!ASSERT_MEM_EQ("hash", want, 64, got, 64)
			|| !ASSERT_TRUE(s.len == n)
			|| !ASSERT_MEM_EQ("capture", expect, n, cap, n))
		{
			printf("  pieces of %lu bytes\n", (unsigned long)step);
			return;
		}
		ASSERT_TRUE(sigv4_sink_fits(&s));
	}
}

/* A capture buffer shorter than the output: filled exactly to its end,
 * never past it, the length still counted, fits() false. */
static void
test_short_capture(void)
{
	size_t cap_size;

	for (cap_size = 0; cap_size <= 1100; cap_size += 97) {
		sigv4_sink s;
		size_t n;

		memset(cap, 0x5A, sizeof cap);
		sigv4_sink_init(&s, 0, cap_size ? cap : NULL, cap_size);
		n = write_pieces(&s, 37);
		ASSERT_TRUE(!sigv4_sink_fits(&s));
		ASSERT_TRUE(s.len == n);
		ASSERT_MEM_EQ("capture", expect, cap_size, cap, cap_size);
		ASSERT_TRUE((unsigned char)cap[cap_size] == 0x5A);
	}
}

int
main(void)
{
	size_t i;

	for (i = 0; i < TOTAL; i++) {
		src[i] = (unsigned char)(i * 131 + (i >> 7));
	}
	test_every_piece_size();
	test_short_capture();
	return tu_finish("test_sink");
}
