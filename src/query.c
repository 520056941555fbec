/*
 * query.c: the canonical query string.
 *
 * Each parameter is decoded and re-encoded (RFC 3986: everything but
 * unreserved bytes becomes %XX), then the list is sorted by encoded key,
 * then encoded value, in byte order. Nothing is materialised: the encoded
 * form is produced on the fly, both for comparing and for emitting, so the
 * only memory used is one sigv4_qparam per parameter.
 */
#include "inner.h"

/* Yields the encoded bytes of one raw or literal string. */
typedef struct {
	const unsigned char *p;
	const unsigned char *end;
	int raw;
	int form;
	unsigned char pend[2];  /* the two hex digits after a '%' */
	int npend;
} enc_cursor;

static void
cursor_init(enc_cursor *c, const char *p, size_t len, int raw, int form)
{
	c->p = (const unsigned char *)p;
	c->end = c->p + len;
	c->raw = raw;
	c->form = form;
	c->npend = 0;
}

/* Next decoded byte, or -1 at the end. An invalid %-sequence is a
 * literal '%' (encoded again as %25), as lenient decoders do. */
static int
decoded_next(enc_cursor *c)
{
	unsigned char b;

	if (c->p == c->end) {
		return -1;
	}
	b = *c->p++;
	if (!c->raw) {
		return b;
	}
	if (b == '+' && c->form) {
		return ' ';
	}
	if (b == '%' && c->end - c->p >= 2) {
		int hi = sigv4_hexval(c->p[0]);
		int lo = sigv4_hexval(c->p[1]);

		if (hi >= 0 && lo >= 0) {
			c->p += 2;
			return hi * 16 + lo;
		}
	}
	return b;
}

static int
encoded_next(enc_cursor *c)
{
	static const char digits[] = "0123456789ABCDEF";
	int b;

	if (c->npend > 0) {
		return c->pend[2 - c->npend--];
	}
	b = decoded_next(c);
	if (b < 0 || sigv4_is_unreserved((unsigned char)b)) {
		return b;
	}
	c->pend[0] = (unsigned char)digits[b >> 4];
	c->pend[1] = (unsigned char)digits[b & 15];
	c->npend = 2;
	return '%';
}

size_t
sigv4_query_count_max(const char *q, size_t len)
{
	size_t i, n = 1;

	for (i = 0; i < len; i++) {
		n += q[i] == '&';
	}
	return n;
}

/* The end of the parameter that starts at q[i] (the next '&' or len);
 * *eq: its first '=', or the end when it has none. */
static size_t
piece_end(const char *q, size_t len, size_t i, size_t *eq)
{
	*eq = len;
	while (i < len && q[i] != '&') {
		if (q[i] == '=' && *eq == len) {
			*eq = i;
		}
		i++;
	}
	if (*eq > i) {
		*eq = i;
	}
	return i;
}

/* see inner.h */
int
sigv4_query_next(sigv4_qparam *p, const char *q, size_t len, size_t *pos,
	int form)
{
	while (*pos < len) {
		size_t start = *pos, eq, end = piece_end(q, len, start, &eq);

		*pos = end + 1;  /* past '&' */
		if (end > start) {
			p->k = q + start;
			p->klen = (uint32_t)(eq - start);
			p->v = eq < end ? q + eq + 1 : q + end;
			p->vlen = eq < end ? (uint32_t)(end - eq - 1) : 0;
			p->raw = 1;
			p->form = form != 0;
			return 1;
		}
	}
	return 0;
}

/* see inner.h */
size_t
sigv4_qparam_decode_value(char *out, const sigv4_qparam *p)
{
	enc_cursor c;
	size_t n = 0;
	int b;

	cursor_init(&c, p->v, p->vlen, (int)p->raw, (int)p->form);
	while ((b = decoded_next(&c)) >= 0) {
		out[n++] = (char)b;
	}
	return n;
}

size_t
sigv4_query_parse(sigv4_qparam *out, const char *q, size_t len, int form)
{
	size_t pos = 0, n = 0;

	while (sigv4_query_next(&out[n], q, len, &pos, form)) {
		n++;
	}
	return n;
}

int
sigv4_qparam_key_is(const sigv4_qparam *p, const char *lower)
{
	enc_cursor c;
	int b;

	cursor_init(&c, p->k, p->klen, (int)p->raw, (int)p->form);
	while ((b = decoded_next(&c)) >= 0) {
		if (*lower == 0 || sigv4_lower((unsigned char)b) != (unsigned char)*lower) {
			return 0;
		}
		lower++;
	}
	return *lower == 0;
}

static int
compare_encoded(const char *a, size_t alen, int araw, int aform,
	const char *b, size_t blen, int braw, int bform)
{
	enc_cursor ca, cb;

	cursor_init(&ca, a, alen, araw, aform);
	cursor_init(&cb, b, blen, braw, bform);
	for (;;) {
		int x = encoded_next(&ca);
		int y = encoded_next(&cb);

		if (x != y) {
			return x < y ? -1 : 1;  /* -1 (end) sorts first */
		}
		if (x < 0) {
			return 0;
		}
	}
}

static int
compare_params(const void *pa, const void *pb, void *ctx)
{
	const sigv4_qparam *a = (const sigv4_qparam *)pa;
	const sigv4_qparam *b = (const sigv4_qparam *)pb;
	int r;

	(void)ctx;
	r = compare_encoded(a->k, a->klen, (int)a->raw, (int)a->form,
		b->k, b->klen, (int)b->raw, (int)b->form);
	if (r == 0) {
		r = compare_encoded(a->v, a->vlen, (int)a->raw, (int)a->form,
			b->v, b->vlen, (int)b->raw, (int)b->form);
	}
	return r;
}

void
sigv4_query_sort(sigv4_qparam *p, size_t n)
{
	sigv4_heapsort(p, n, sizeof *p, compare_params, NULL);
}

static void
emit_encoded(sigv4_sink *s, const char *p, size_t len, int raw, int form)
{
	enc_cursor c;
	int b;

	cursor_init(&c, p, len, raw, form);
	while ((b = encoded_next(&c)) >= 0) {
		sigv4_sink_put(s, (unsigned char)b);
	}
}

void
sigv4_encode_emit(sigv4_sink *s, const char *p, size_t len)
{
	emit_encoded(s, p, len, 0, 0);
}

void
sigv4_query_emit(sigv4_sink *s, const sigv4_qparam *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0) {
			sigv4_sink_put(s, '&');
		}
		emit_encoded(s, p[i].k, p[i].klen, (int)p[i].raw, (int)p[i].form);
		sigv4_sink_put(s, '=');
		emit_encoded(s, p[i].v, p[i].vlen, (int)p[i].raw, (int)p[i].form);
	}
}

/* see sigv4.h */
int
sigv4_query_wire(char *out, size_t out_cap, size_t *out_len,
	const char *query, size_t len, uint32_t flags)
{
	sigv4_sink s;
	sigv4_str q;
	size_t i = 0;
	int form = (flags & SIGV4_QUERY_FORM) != 0, first = 1;

	q.ptr = query;
	q.len = len;
	*out_len = 0;
	if ((len > 0 && query == NULL) || sigv4_has_bytes(q, "\0\r\n#", 4)) {
		return SIGV4_ERR_QUERY;
	}
	sigv4_sink_init(&s, 0, out, out_cap);
	while (i < len) {
		size_t start = i, eq;

		i = piece_end(query, len, i, &eq);
		if (i > start) {
			if (!first) {
				sigv4_sink_put(&s, '&');
			}
			first = 0;
			emit_encoded(&s, query + start, eq - start, 1, form);
			if (eq < i) {
				sigv4_sink_put(&s, '=');
				emit_encoded(&s, query + eq + 1, i - eq - 1, 1, form);
			}
		}
		i++;  /* skip '&' */
	}
	if (!sigv4_sink_fits(&s)) {
		*out_len = s.len;
		if (out != NULL) {
			memset(out, 0, out_cap);
		}
		return SIGV4_ERR_SPACE;
	}
	*out_len = s.len;
	return SIGV4_OK;
}
