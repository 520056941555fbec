/*
 * test_bytes.c: util.c's eight-bytes-at-a-time helpers against plain byte
 * loops, for every length up to 40 at every misalignment, with the
 * difference (or the byte sought, or the bad hex digit) at every position
 * and of every value: sigv4_same, sigv4_ct_equal, sigv4_find_byte and
 * sigv4_hex_digest_ok. The tails (lengths not a multiple of 8) and a byte
 * that would borrow into its neighbour are where SWAR code goes wrong.
 */
#include "unit.h"

#define MAXLEN 40

static unsigned char a[MAXLEN + 8], b[MAXLEN + 8];

static int
ref_equal(const unsigned char *x, const unsigned char *y, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (x[i] != y[i]) {
			return 0;
		}
	}
	return 1;
}

static void
test_equal(void)
{
	size_t off, n, at;
	unsigned v;

	for (off = 0; off < 8; off++) {
		for (n = 0; n <= MAXLEN; n++) {
			memset(a, 'x', sizeof a);
			memset(b, 'x', sizeof b);
			ASSERT_TRUE(sigv4_same(a + off, b + off, n));
			ASSERT_TRUE(sigv4_ct_equal(a + off, b + off, n));
			for (at = 0; at < n; at++) {
				for (v = 0; v < 256; v += 17) {
					int want;

					b[off + at] = (unsigned char)v;
					want = ref_equal(a + off, b + off, n);
					ASSERT_TRUE(sigv4_same(a + off, b + off, n) == want);
					ASSERT_TRUE(sigv4_ct_equal(a + off, b + off, n) == want);
				}
				b[off + at] = 'x';
			}
			/* Bytes past n never count. */
			b[off + n] = 'y';
			ASSERT_TRUE(sigv4_same(a + off, b + off, n));
			ASSERT_TRUE(sigv4_ct_equal(a + off, b + off, n));
		}
	}
}

static void
test_find_byte(void)
{
	size_t off, n, at, from;
	unsigned v;

	for (off = 0; off < 8; off++) {
		for (n = 0; n <= MAXLEN; n++) {
			for (at = 0; at <= n; at++) {
				for (v = 0; v < 256; v += 23) {
					unsigned c = (v + 1) & 0xff;  /* never v */
					sigv4_str s;

					/* Neighbours one above and below c: a borrow or
					 * carry must not make them match. */
					memset(a, (int)v, sizeof a);
					if (n > 0) {
						a[off] = (unsigned char)(c + 1);
						a[off + n - 1] = (unsigned char)(c - 1);
					}
					if (at < n) {
						a[off + at] = (unsigned char)c;
					}
					s.ptr = (const char *)a + off;
					s.len = n;
					for (from = 0; from <= n; from++) {
						size_t want = from;

						while (want < n && a[off + want] != c) {
							want++;
						}
						ASSERT_TRUE(sigv4_find_byte(s, from,
							(unsigned char)c) == want);
					}
				}
			}
		}
	}
}

static void
test_hex_digest(void)
{
	static const char ok[] = "0123456789abcdef";
	char d[64 + 8];
	size_t off, at, i;
	unsigned v;

	for (off = 0; off < 8; off++) {
		for (i = 0; i < 64; i++) {
			d[off + i] = ok[(i * 7) % 16];
		}
		ASSERT_TRUE(sigv4_hex_digest_ok(d + off));
		for (at = 0; at < 64; at++) {
			char keep = d[off + at];

			for (v = 0; v < 256; v++) {
				int want = (v >= '0' && v <= '9') || (v >= 'a' && v <= 'f');

				d[off + at] = (char)v;
				ASSERT_TRUE(sigv4_hex_digest_ok(d + off) == want);
			}
			d[off + at] = keep;
		}
	}
}

int
main(void)
{
	test_equal();
	test_find_byte();
	test_hex_digest();
	return tu_finish("test_bytes");
}
