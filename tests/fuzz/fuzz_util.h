/*
 * fuzz_util.h: what every fuzz target shares.
 *
 *   - FZ_CHECK: an invariant that aborts with a message when it fails, so
 *     libFuzzer keeps the input as a crash artifact;
 *   - fz_buf: a growable byte buffer (the models build strings in it);
 *   - fz_reader: reads fixed-size numbers, then 0xFF-separated fields, from
 *     a fuzz input;
 *   - fz_pool: exact-size heap copies of fields, so ASan sees any byte read
 *     past a view's end (libFuzzer's own buffer is only exact at its end).
 *
 * Test code: it allocates freely; the library under test never does.
 */
#ifndef SIGV4_FUZZ_UTIL_H
#define SIGV4_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "sigv4.h"

/* The byte that separates fields in a fuzz input. */
#define FZ_SEP 0xFF

void fz_fail(const char *file, int line, const char *cond, const char *fmt,
	...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5), noreturn))
#endif
	;

#define FZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) { \
			fz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
		} \
	} while (0)

/* ------------------------------------------------------------------ */

typedef struct {
	char *p;
	size_t len;
	size_t cap;
} fz_buf;

void fz_buf_init(fz_buf *b);
void fz_buf_free(fz_buf *b);
void fz_put(fz_buf *b, unsigned char c);
void fz_write(fz_buf *b, const void *p, size_t n);
void fz_puts(fz_buf *b, const char *s);
void fz_put_str(fz_buf *b, sigv4_str s);
sigv4_str fz_buf_str(const fz_buf *b);

/* A view over n bytes at p. */
sigv4_str fz_view(const char *p, size_t n);
/* A view over a NUL-terminated string. */
sigv4_str fz_cstr(const char *s);
int fz_str_eq(sigv4_str a, sigv4_str b);
/* Line n (from 0) of s split at '\n'; empty past the last. */
sigv4_str fz_line(sigv4_str s, size_t n);

/* ------------------------------------------------------------------ */

typedef struct {
	const uint8_t *data;
	size_t size;
	size_t pos;
} fz_reader;

void fz_reader_init(fz_reader *r, const uint8_t *data, size_t size);
/* Little-endian numbers; missing bytes read as 0. */
uint8_t fz_u8(fz_reader *r);
uint16_t fz_u16(fz_reader *r);
uint32_t fz_u32(fz_reader *r);
/* Whether bytes remain. */
int fz_more(const fz_reader *r);
/* Everything not read yet; a view into the input. */
sigv4_str fz_rest(fz_reader *r);
/* The bytes up to the next FZ_SEP (consumed) or the end; a view into the
 * input. */
sigv4_str fz_field(fz_reader *r);

/* ------------------------------------------------------------------ */

typedef struct {
	void **ptrs;
	size_t n;
	size_t cap;
} fz_pool;

void fz_pool_init(fz_pool *p);
void fz_pool_free(fz_pool *p);
/* malloc tracked by the pool (size 0 gives NULL). */
void *fz_alloc(fz_pool *p, size_t size);
/* Exact-size copy of s; an empty view becomes {NULL, 0}. */
sigv4_str fz_dup(fz_pool *p, sigv4_str s);
/* s split at every sep into exact-size copies (empty s: none). */
sigv4_str *fz_split(fz_pool *p, sigv4_str s, char sep, size_t *count);
/* The reader's remaining fields as name, value, name, value... (a
 * missing last value is empty), as exact-size copies. */
sigv4_header *fz_headers(fz_pool *p, fz_reader *r, size_t *count);

/* ------------------------------------------------------------------ */

/* Whether every byte of p[0..n) is a or b. */
int fz_all_bytes(const void *p, size_t n, unsigned char a, unsigned char b);

#endif
