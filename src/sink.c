/*
 * sink.c: the one writer every stage uses.
 *
 * Stages write bytes without checking anything; the sink buffers them,
 * feeds SHA-256 when asked, copies them to a capture buffer while they
 * fit and keeps counting when they do not. Overflow is checked once, at
 * the end (sigv4_sink_fits), instead of after every append.
 */
#include <string.h>

#include "inner.h"

void
sigv4_sink_init(sigv4_sink *s, int hashing, char *cap, size_t cap_size)
{
	s->hashing = hashing;
	if (hashing) {
		sigv4_br_sha256_init(&s->sha);
	}
	s->cap = cap;
	s->cap_size = cap == NULL ? 0 : cap_size;
	s->len = 0;
	s->n = 0;
}

void
sigv4_sink_flush(sigv4_sink *s)
{
	if (s->n == 0) {
		return;
	}
	if (s->hashing) {
		sigv4_br_sha256_update(&s->sha, s->buf, s->n);
	}
	if (s->len < s->cap_size) {
		size_t room = s->cap_size - s->len;

		memcpy(s->cap + s->len, s->buf, s->n < room ? s->n : room);
	}
	s->len += s->n;
	s->n = 0;
}

/* Runs shorter than this are copied by a loop: the wasm's memory.copy is
 * a call out of the module, dearer than the loop for a few bytes. */
#define SINK_SHORT 16

/* n bytes into the buffer as they are or ASCII-lowercased, flushing each
 * time it fills. */
static void
put_run(sigv4_sink *s, const unsigned char *b, size_t n, int lower)
{
	while (n > 0) {
		size_t room = SIGV4_SINK_BUF - s->n;
		size_t k = n < room ? n : room;

		if (lower) {
			size_t i;

			for (i = 0; i < k; i++) {
				s->buf[s->n + i] = sigv4_lower(b[i]);
			}
		} else if (k < SINK_SHORT) {
			size_t i;

			for (i = 0; i < k; i++) {
				s->buf[s->n + i] = b[i];
			}
		} else {
			memcpy(s->buf + s->n, b, k);
		}
		s->n += k;
		b += k;
		n -= k;
		if (s->n == SIGV4_SINK_BUF) {
			sigv4_sink_flush(s);
		}
	}
}

void
sigv4_sink_write(sigv4_sink *s, const void *p, size_t n)
{
	put_run(s, (const unsigned char *)p, n, 0);
}

void
sigv4_sink_write_lower(sigv4_sink *s, const void *p, size_t n)
{
	put_run(s, (const unsigned char *)p, n, 1);
}

void
sigv4_sink_puts(sigv4_sink *s, const char *str)
{
	sigv4_sink_write(s, str, strlen(str));
}

void
sigv4_sink_pct(sigv4_sink *s, unsigned char c)
{
	static const char digits[] = "0123456789ABCDEF";

	sigv4_sink_put(s, '%');
	sigv4_sink_put(s, (unsigned char)digits[c >> 4]);
	sigv4_sink_put(s, (unsigned char)digits[c & 15]);
}

int
sigv4_sink_fits(sigv4_sink *s)
{
	sigv4_sink_flush(s);
	return s->len <= s->cap_size;
}

void
sigv4_sink_hex(sigv4_sink *s, char out[64])
{
	uint8_t digest[32];

	sigv4_sink_flush(s);
	sigv4_br_sha256_out(&s->sha, digest);
	sigv4_hex(out, digest, 32);
}
