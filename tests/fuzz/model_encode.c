/*
 * model_encode.c: the byte-level rules (see model.h), written for clarity
 * over speed: every step materialises its result.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

int
model_is_unreserved(unsigned char c)
{
	return strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789-_.~", c) != NULL && c != 0;
}

int
model_is_tchar(unsigned char c)
{
	/* RFC 7230 token characters. */
	return c != 0 && strchr("!#$%&'*+-.^_`|~"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		c) != NULL;
}

int
model_hex_digit(unsigned char c)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	int i;

	for (i = 0; i < 16; i++) {
		if (c == (unsigned char)lower[i] || c == (unsigned char)upper[i]) {
			return i;
		}
	}
	return -1;
}

void
model_pct(fz_buf *b, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";

	fz_put(b, '%');
	fz_put(b, (unsigned char)hex[c / 16]);
	fz_put(b, (unsigned char)hex[c % 16]);
}

void
model_encode(fz_buf *b, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (model_is_unreserved(c)) {
			fz_put(b, c);
		} else {
			model_pct(b, c);
		}
	}
}

void
model_decode(fz_buf *b, const char *p, size_t n, int plus_space)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '%' && i + 2 < n
			&& model_hex_digit((unsigned char)p[i + 1]) >= 0
			&& model_hex_digit((unsigned char)p[i + 2]) >= 0)
		{
			fz_put(b, (unsigned char)(model_hex_digit((unsigned char)p[i + 1]) * 16
				+ model_hex_digit((unsigned char)p[i + 2])));
			i += 2;
		} else if (c == '+' && plus_space) {
			fz_put(b, ' ');
		} else {
			fz_put(b, c);
		}
	}
}

int
model_well_encoded(sigv4_str s, const char *also)
{
	static const char upper_hex[] = "0123456789ABCDEF";
	size_t i = 0;

	while (i < s.len) {
		unsigned char c = (unsigned char)s.ptr[i];

		if (c == '%') {
			if (s.len - i < 3 || s.ptr[i + 1] == 0 || s.ptr[i + 2] == 0
				|| !strchr(upper_hex, s.ptr[i + 1])
				|| !strchr(upper_hex, s.ptr[i + 2]))
			{
				return 0;
			}
			i += 3;
			continue;
		}
		if (!model_is_unreserved(c) && (c == 0 || !strchr(also, c))) {
			return 0;
		}
		i++;
	}
	return 1;
}

/* ------------------------------------------------------------------ */

void
model_normalize(fz_buf *out, const char *p, size_t n)
{
	/* Segment starts and lengths, as a stack. */
	size_t *start = (size_t *)malloc((n + 1) * sizeof *start);
	size_t *len = (size_t *)malloc((n + 1) * sizeof *len);
	size_t depth = 0, i = 0, k;

	while (i <= n) {
		size_t j = i;

		while (j < n && p[j] != '/') {
			j++;
		}
		if (j - i == 2 && p[i] == '.' && p[i + 1] == '.') {
			if (depth > 0) {
				depth--;
			}
		} else if (!(j - i == 0 || (j - i == 1 && p[i] == '.'))) {
			start[depth] = i;
			len[depth] = j - i;
			depth++;
		}
		i = j + 1;
	}
	for (k = 0; k < depth; k++) {
		fz_put(out, '/');
		fz_write(out, p + start[k], len[k]);
	}
	if (depth == 0 || (n > 0 && p[n - 1] == '/')) {
		fz_put(out, '/');
	}
	free(start);
	free(len);
}

void
model_path(fz_buf *out, sigv4_str path, int single, int normalize)
{
	fz_buf norm;
	const char *p = path.ptr;
	size_t n = path.len, i;

	fz_buf_init(&norm);
	if (n == 0) {
		fz_put(out, '/');
		return;
	}
	if (normalize) {
		model_normalize(&norm, p, n);
		p = norm.p;
		n = norm.len;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '/' || model_is_unreserved(c)) {
			fz_put(out, c);
		} else if (single && c == '%' && i + 2 < n
			&& model_hex_digit((unsigned char)p[i + 1]) >= 0
			&& model_hex_digit((unsigned char)p[i + 2]) >= 0)
		{
			fz_buf one;

			fz_buf_init(&one);
			model_decode(&one, p + i, 3, 0);
			model_encode(out, one.p, 1);
			fz_buf_free(&one);
			i += 2;
		} else {
			model_pct(out, c);
		}
	}
	fz_buf_free(&norm);
}

/* ------------------------------------------------------------------ */

typedef struct {
	fz_buf k;
	fz_buf v;
} model_pair;

static int
compare_bytes(const fz_buf *a, const fz_buf *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int r = n > 0 ? memcmp(a->p, b->p, n) : 0;

	if (r != 0) {
		return r;
	}
	return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

static int
compare_pairs(const void *pa, const void *pb)
{
	const model_pair *a = (const model_pair *)pa;
	const model_pair *b = (const model_pair *)pb;
	int r = compare_bytes(&a->k, &b->k);

	return r != 0 ? r : compare_bytes(&a->v, &b->v);
}

/* Calls fn(key, value) with each raw piece of the query. */
typedef void (*piece_fn)(const char *k, size_t klen, const char *v,
	size_t vlen, void *ctx);

static void
each_piece(sigv4_str q, piece_fn fn, void *ctx)
{
	size_t i = 0;

	while (i < q.len) {
		size_t end = i, eq;

		while (end < q.len && q.ptr[end] != '&') {
			end++;
		}
		if (end > i) {
			eq = i;
			while (eq < end && q.ptr[eq] != '=') {
				eq++;
			}
			fn(q.ptr + i, eq - i, eq < end ? q.ptr + eq + 1 : q.ptr + end,
				eq < end ? end - eq - 1 : 0, ctx);
		}
		i = end + 1;
	}
}

typedef struct {
	model_pair *pairs;
	size_t n;
	size_t cap;
	int form;
} pair_list;

static model_pair *
new_pair(pair_list *l)
{
	model_pair *p;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->pairs = (model_pair *)realloc(l->pairs, l->cap * sizeof *l->pairs);
		FZ_CHECK(l->pairs != NULL, "out of memory");
	}
	p = &l->pairs[l->n++];
	fz_buf_init(&p->k);
	fz_buf_init(&p->v);
	return p;
}

static void
add_decoded(pair_list *l, const char *k, size_t klen, const char *v,
	size_t vlen)
{
	model_pair *p = new_pair(l);

	model_encode(&p->k, k, klen);
	model_encode(&p->v, v, vlen);
}

static void
add_raw(const char *k, size_t klen, const char *v, size_t vlen, void *ctx)
{
	pair_list *l = (pair_list *)ctx;
	fz_buf dk, dv;

	fz_buf_init(&dk);
	fz_buf_init(&dv);
	model_decode(&dk, k, klen, l->form);
	model_decode(&dv, v, vlen, l->form);
	add_decoded(l, dk.p, dk.len, dv.p, dv.len);
	fz_buf_free(&dk);
	fz_buf_free(&dv);
}

void
model_query(fz_buf *out, sigv4_str query, int form, const sigv4_str *extra,
	size_t nextra)
{
	pair_list l;
	size_t i;

	memset(&l, 0, sizeof l);
	l.form = form;
	each_piece(query, add_raw, &l);
	for (i = 0; i < nextra; i++) {
		add_decoded(&l, extra[2 * i].ptr, extra[2 * i].len,
			extra[2 * i + 1].ptr, extra[2 * i + 1].len);
	}
	if (l.n > 1) {
		qsort(l.pairs, l.n, sizeof *l.pairs, compare_pairs);
	}
	for (i = 0; i < l.n; i++) {
		if (i > 0) {
			fz_put(out, '&');
		}
		fz_write(out, l.pairs[i].k.p, l.pairs[i].k.len);
		fz_put(out, '=');
		fz_write(out, l.pairs[i].v.p, l.pairs[i].v.len);
		fz_buf_free(&l.pairs[i].k);
		fz_buf_free(&l.pairs[i].v);
	}
	free(l.pairs);
}

typedef struct {
	const char *const *names;
	size_t nnames;
	int form;
	int found;
} key_search;

static int
equal_nocase(const char *a, size_t alen, const char *lower)
{
	size_t i;

	if (alen != strlen(lower)) {
		return 0;
	}
	for (i = 0; i < alen; i++) {
		unsigned char c = (unsigned char)a[i];

		if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c - 'A' + 'a');
		}
		if (c != (unsigned char)lower[i]) {
			return 0;
		}
	}
	return 1;
}

static void
search_key(const char *k, size_t klen, const char *v, size_t vlen, void *ctx)
{
	key_search *s = (key_search *)ctx;
	fz_buf dk;
	size_t i;

	(void)v;
	(void)vlen;
	fz_buf_init(&dk);
	model_decode(&dk, k, klen, s->form);
	for (i = 0; i < s->nnames; i++) {
		s->found |= equal_nocase(dk.p, dk.len, s->names[i]);
	}
	fz_buf_free(&dk);
}

int
model_query_has_key(sigv4_str query, int form,
	const char *const *lower_names, size_t nnames)
{
	key_search s;

	s.names = lower_names;
	s.nnames = nnames;
	s.form = form;
	s.found = 0;
	each_piece(query, search_key, &s);
	return s.found;
}

typedef struct {
	const char *key;
	fz_buf *value;
	size_t count;
} key_lookup;

static void
lookup_key(const char *k, size_t klen, const char *v, size_t vlen, void *ctx)
{
	key_lookup *l = (key_lookup *)ctx;
	fz_buf dk;

	fz_buf_init(&dk);
	model_decode(&dk, k, klen, 0);
	if (fz_str_eq(fz_buf_str(&dk), fz_cstr(l->key))) {
		if (l->count++ == 0) {
			model_decode(l->value, v, vlen, 0);
		}
	}
	fz_buf_free(&dk);
}

size_t
model_query_get(fz_buf *value, sigv4_str query, const char *key)
{
	key_lookup l;

	l.key = key;
	l.value = value;
	l.count = 0;
	each_piece(query, lookup_key, &l);
	return l.count;
}
