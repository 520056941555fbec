/*
 * fuzz_util.c: see fuzz_util.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"

void
fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: invariant failed: %s\n  ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void *
xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size);

	if (q == NULL) {
		fputs("fuzz: out of memory\n", stderr);
		abort();
	}
	return q;
}

void
fz_buf_init(fz_buf *b)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

void
fz_buf_free(fz_buf *b)
{
	free(b->p);
	fz_buf_init(b);
}

void
fz_write(fz_buf *b, const void *p, size_t n)
{
	if (n == 0) {
		return;
	}
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n) {
			cap *= 2;
		}
		b->p = (char *)xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
fz_put(fz_buf *b, unsigned char c)
{
	fz_write(b, &c, 1);
}

void
fz_puts(fz_buf *b, const char *s)
{
	fz_write(b, s, strlen(s));
}

void
fz_put_str(fz_buf *b, sigv4_str s)
{
	fz_write(b, s.ptr, s.len);
}

sigv4_str
fz_buf_str(const fz_buf *b)
{
	sigv4_str s;

	s.ptr = b->p;
	s.len = b->len;
	return s;
}

sigv4_str
fz_view(const char *p, size_t n)
{
	sigv4_str r;

	r.ptr = p;
	r.len = n;
	return r;
}

sigv4_str
fz_cstr(const char *s)
{
	sigv4_str r;

	r.ptr = s;
	r.len = strlen(s);
	return r;
}

int
fz_str_eq(sigv4_str a, sigv4_str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

sigv4_str
fz_line(sigv4_str s, size_t n)
{
	sigv4_str r;
	size_t i = 0, start = 0;

	if (s.len == 0) {
		return s;
	}
	while (n > 0 && i < s.len) {
		if (s.ptr[i++] == '\n') {
			n--;
			start = i;
		}
	}
	if (n > 0) {
		start = s.len;
	}
	i = start;
	while (i < s.len && s.ptr[i] != '\n') {
		i++;
	}
	r.ptr = s.ptr + start;
	r.len = i - start;
	return r;
}

void
fz_reader_init(fz_reader *r, const uint8_t *data, size_t size)
{
	r->data = data;
	r->size = size;
	r->pos = 0;
}

uint8_t
fz_u8(fz_reader *r)
{
	return r->pos < r->size ? r->data[r->pos++] : 0;
}

uint16_t
fz_u16(fz_reader *r)
{
	uint16_t lo = fz_u8(r);

	return (uint16_t)(lo | (uint16_t)(fz_u8(r) << 8));
}

uint32_t
fz_u32(fz_reader *r)
{
	uint32_t lo = fz_u16(r);

	return lo | ((uint32_t)fz_u16(r) << 16);
}

int
fz_more(const fz_reader *r)
{
	return r->pos < r->size;
}

sigv4_str
fz_rest(fz_reader *r)
{
	sigv4_str s = fz_view((const char *)r->data + r->pos, r->size - r->pos);

	r->pos = r->size;
	return s;
}

sigv4_str
fz_field(fz_reader *r)
{
	size_t start = r->pos;
	sigv4_str s;

	while (r->pos < r->size && r->data[r->pos] != FZ_SEP) {
		r->pos++;
	}
	s = fz_view((const char *)r->data + start, r->pos - start);
	if (r->pos < r->size) {
		r->pos++;  /* the separator */
	}
	return s;
}

void
fz_pool_init(fz_pool *p)
{
	p->ptrs = NULL;
	p->n = 0;
	p->cap = 0;
}

void
fz_pool_free(fz_pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->ptrs[i]);
	}
	free(p->ptrs);
	fz_pool_init(p);
}

void *
fz_alloc(fz_pool *p, size_t size)
{
	void *m;

	if (size == 0) {
		return NULL;
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->ptrs = (void **)xrealloc(p->ptrs, p->cap * sizeof *p->ptrs);
	}
	m = xrealloc(NULL, size);
	p->ptrs[p->n++] = m;
	return m;
}

sigv4_str
fz_dup(fz_pool *p, sigv4_str s)
{
	sigv4_str r;
	char *m = (char *)fz_alloc(p, s.len);

	if (m != NULL) {
		memcpy(m, s.ptr, s.len);
	}
	r.ptr = m;
	r.len = s.len;
	return r;
}

sigv4_str *
fz_split(fz_pool *p, sigv4_str s, char sep, size_t *count)
{
	sigv4_str *parts;
	size_t n = 1, i, start = 0, k = 0;

	*count = 0;
	if (s.len == 0) {
		return NULL;
	}
	for (i = 0; i < s.len; i++) {
		n += s.ptr[i] == sep;
	}
	parts = (sigv4_str *)fz_alloc(p, n * sizeof *parts);
	for (i = 0; i <= s.len; i++) {
		if (i == s.len || s.ptr[i] == sep) {
			parts[k++] = fz_dup(p, fz_view(s.ptr + start, i - start));
			start = i + 1;
		}
	}
	*count = n;
	return parts;
}

sigv4_header *
fz_headers(fz_pool *p, fz_reader *r, size_t *count)
{
	fz_reader ahead = *r;
	sigv4_header *h;
	size_t n, i;

	for (n = 0; fz_more(&ahead); n++) {
		fz_field(&ahead);
	}
	*count = (n + 1) / 2;
	h = (sigv4_header *)fz_alloc(p, *count * sizeof *h);
	for (i = 0; i < *count; i++) {
		h[i].name = fz_dup(p, fz_field(r));
		h[i].value = fz_dup(p, fz_field(r));
	}
	return h;
}

int
fz_all_bytes(const void *p, size_t n, unsigned char a, unsigned char b)
{
	const unsigned char *c = (const unsigned char *)p;
	size_t i;

	for (i = 0; i < n; i++) {
		if (c[i] != a && c[i] != b) {
			return 0;
		}
	}
	return 1;
}
