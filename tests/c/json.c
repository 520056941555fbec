/*
 * json.c: recursive-descent JSON reader for the test harness (see json.h).
 */
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 64

typedef struct {
	const char *p;
	const char *end;
	const char *start;
	char *err;
	size_t errcap;
	int failed;
} json_parser;

static void
json_error(json_parser *ps, const char *msg)
{
	if (ps->failed) {
		return;
	}
	ps->failed = 1;
	if (ps->err != NULL && ps->errcap > 0) {
		snprintf(ps->err, ps->errcap, "JSON error at byte %lu: %s",
			(unsigned long)(ps->p - ps->start), msg);
	}
}

static void *
json_xrealloc(json_parser *ps, void *old, size_t size)
{
	void *p = realloc(old, size == 0 ? 1 : size);
	if (p == NULL) {
		json_error(ps, "out of memory");
	}
	return p;
}

static void
json_skip_ws(json_parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'
		|| *ps->p == '\n' || *ps->p == '\r'))
	{
		ps->p++;
	}
}

/* A growable byte buffer for string decoding. */
typedef struct {
	char *buf;
	size_t len;
	size_t cap;
} json_buf;

static int
json_buf_put(json_parser *ps, json_buf *b, unsigned char c)
{
	if (b->len + 1 >= b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 32;
		char *n = json_xrealloc(ps, b->buf, ncap);
		if (n == NULL) {
			return -1;
		}
		b->buf = n;
		b->cap = ncap;
	}
	b->buf[b->len++] = (char)c;
	return 0;
}

static int
json_buf_utf8(json_parser *ps, json_buf *b, unsigned long cp)
{
	int r = 0;
	if (cp < 0x80) {
		r |= json_buf_put(ps, b, (unsigned char)cp);
	} else if (cp < 0x800) {
		r |= json_buf_put(ps, b, (unsigned char)(0xC0 | (cp >> 6)));
		r |= json_buf_put(ps, b, (unsigned char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		r |= json_buf_put(ps, b, (unsigned char)(0xE0 | (cp >> 12)));
		r |= json_buf_put(ps, b,
			(unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
		r |= json_buf_put(ps, b, (unsigned char)(0x80 | (cp & 0x3F)));
	} else {
		r |= json_buf_put(ps, b, (unsigned char)(0xF0 | (cp >> 18)));
		r |= json_buf_put(ps, b,
			(unsigned char)(0x80 | ((cp >> 12) & 0x3F)));
		r |= json_buf_put(ps, b,
			(unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
		r |= json_buf_put(ps, b, (unsigned char)(0x80 | (cp & 0x3F)));
	}
	return r;
}

static int
json_hex4(json_parser *ps, unsigned long *out)
{
	unsigned long v = 0;
	int i;

	if (ps->end - ps->p < 4) {
		json_error(ps, "truncated \\u escape");
		return -1;
	}
	for (i = 0; i < 4; i++) {
		char c = *ps->p++;
		v <<= 4;
		if (c >= '0' && c <= '9') {
			v |= (unsigned long)(c - '0');
		} else if (c >= 'a' && c <= 'f') {
			v |= (unsigned long)(c - 'a' + 10);
		} else if (c >= 'A' && c <= 'F') {
			v |= (unsigned long)(c - 'A' + 10);
		} else {
			json_error(ps, "bad hex digit in \\u escape");
			return -1;
		}
	}
	*out = v;
	return 0;
}

/* Parse a string (ps->p at the opening quote) into a malloc'd buffer. */
static int
json_parse_string(json_parser *ps, char **out, size_t *out_len)
{
	json_buf b = { NULL, 0, 0 };

	ps->p++; /* opening quote */
	for (;;) {
		unsigned char c;

		if (ps->p >= ps->end) {
			json_error(ps, "unterminated string");
			goto fail;
		}
		c = (unsigned char)*ps->p++;
		if (c == '"') {
			break;
		}
		if (c < 0x20) {
			json_error(ps, "control character in string");
			goto fail;
		}
		if (c != '\\') {
			if (json_buf_put(ps, &b, c) < 0) {
				goto fail;
			}
			continue;
		}
		if (ps->p >= ps->end) {
			json_error(ps, "truncated escape");
			goto fail;
		}
		c = (unsigned char)*ps->p++;
		switch (c) {
		case '"': case '\\': case '/':
			break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'u': {
			unsigned long cp, lo;

			if (json_hex4(ps, &cp) < 0) {
				goto fail;
			}
			if (cp >= 0xDC00 && cp <= 0xDFFF) {
				json_error(ps, "lone low surrogate");
				goto fail;
			}
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (ps->end - ps->p < 2 || ps->p[0] != '\\'
					|| ps->p[1] != 'u')
				{
					json_error(ps, "high surrogate without low");
					goto fail;
				}
				ps->p += 2;
				if (json_hex4(ps, &lo) < 0) {
					goto fail;
				}
				if (lo < 0xDC00 || lo > 0xDFFF) {
					json_error(ps, "bad low surrogate");
					goto fail;
				}
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			if (json_buf_utf8(ps, &b, cp) < 0) {
				goto fail;
			}
			continue;
		}
		default:
			json_error(ps, "unknown escape");
			goto fail;
		}
		if (json_buf_put(ps, &b, c) < 0) {
			goto fail;
		}
	}
	if (b.buf == NULL) {
		b.buf = json_xrealloc(ps, NULL, 1);
		if (b.buf == NULL) {
			goto fail;
		}
	}
	b.buf[b.len] = 0;
	*out = b.buf;
	*out_len = b.len;
	return 0;
fail:
	free(b.buf);
	return -1;
}

static json_value *json_parse_value(json_parser *ps, int depth);

static json_value *
json_new(json_parser *ps, json_type t)
{
	json_value *v = json_xrealloc(ps, NULL, sizeof *v);
	if (v != NULL) {
		memset(v, 0, sizeof *v);
		v->type = t;
	}
	return v;
}

static int
json_append(json_parser *ps, json_value *arr, json_value *item,
	char *key, size_t key_len)
{
	size_t n = arr->count + 1;
	json_value **items = json_xrealloc(ps, arr->items, n * sizeof *items);
	if (items == NULL) {
		return -1;
	}
	arr->items = items;
	if (arr->type == JSON_OBJECT) {
		char **keys = json_xrealloc(ps, arr->keys, n * sizeof *keys);
		size_t *lens;
		if (keys == NULL) {
			return -1;
		}
		arr->keys = keys;
		lens = json_xrealloc(ps, arr->key_lens, n * sizeof *lens);
		if (lens == NULL) {
			return -1;
		}
		arr->key_lens = lens;
		arr->keys[arr->count] = key;
		arr->key_lens[arr->count] = key_len;
	}
	arr->items[arr->count] = item;
	arr->count = n;
	return 0;
}

static json_value *
json_parse_container(json_parser *ps, int depth, int is_object)
{
	json_value *v = json_new(ps, is_object ? JSON_OBJECT : JSON_ARRAY);
	char close = is_object ? '}' : ']';

	if (v == NULL) {
		return NULL;
	}
	ps->p++; /* '{' or '[' */
	json_skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return v;
	}
	for (;;) {
		char *key = NULL;
		size_t key_len = 0;
		json_value *item;

		json_skip_ws(ps);
		if (is_object) {
			if (ps->p >= ps->end || *ps->p != '"') {
				json_error(ps, "expected a member name");
				goto fail;
			}
			if (json_parse_string(ps, &key, &key_len) < 0) {
				goto fail;
			}
			json_skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				free(key);
				json_error(ps, "expected ':'");
				goto fail;
			}
			ps->p++;
		}
		item = json_parse_value(ps, depth + 1);
		if (item == NULL) {
			free(key);
			goto fail;
		}
		if (json_append(ps, v, item, key, key_len) < 0) {
			free(key);
			json_free(item);
			goto fail;
		}
		json_skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return v;
		}
		json_error(ps, is_object ? "expected ',' or '}'"
			: "expected ',' or ']'");
		goto fail;
	}
fail:
	json_free(v);
	return NULL;
}

static json_value *
json_parse_number(json_parser *ps)
{
	const char *s = ps->p;
	char tmp[64];
	size_t n;
	char *endp;
	json_value *v;

	if (ps->p < ps->end && *ps->p == '-') {
		ps->p++;
	}
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
		json_error(ps, "bad number");
		return NULL;
	}
	if (*ps->p == '0') {
		ps->p++;
	} else {
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
			ps->p++;
		}
	}
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
			json_error(ps, "bad fraction");
			return NULL;
		}
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
			ps->p++;
		}
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) {
			ps->p++;
		}
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') {
			json_error(ps, "bad exponent");
			return NULL;
		}
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
			ps->p++;
		}
	}
	n = (size_t)(ps->p - s);
	if (n >= sizeof tmp) {
		json_error(ps, "number too long");
		return NULL;
	}
	memcpy(tmp, s, n);
	tmp[n] = 0;
	v = json_new(ps, JSON_NUMBER);
	if (v != NULL) {
		v->number = strtod(tmp, &endp);
	}
	return v;
}

static int
json_literal(json_parser *ps, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, lit, n) != 0) {
		json_error(ps, "bad literal");
		return -1;
	}
	ps->p += n;
	return 0;
}

static json_value *
json_parse_value(json_parser *ps, int depth)
{
	json_value *v;

	if (depth > JSON_MAX_DEPTH) {
		json_error(ps, "nesting too deep");
		return NULL;
	}
	json_skip_ws(ps);
	if (ps->p >= ps->end) {
		json_error(ps, "unexpected end of input");
		return NULL;
	}
	switch (*ps->p) {
	case '{':
		return json_parse_container(ps, depth, 1);
	case '[':
		return json_parse_container(ps, depth, 0);
	case '"':
		v = json_new(ps, JSON_STRING);
		if (v != NULL && json_parse_string(ps, &v->str, &v->len) < 0) {
			free(v);
			v = NULL;
		}
		return v;
	case 't':
		return json_literal(ps, "true") < 0 ? NULL
			: json_new(ps, JSON_TRUE);
	case 'f':
		return json_literal(ps, "false") < 0 ? NULL
			: json_new(ps, JSON_FALSE);
	case 'n':
		return json_literal(ps, "null") < 0 ? NULL
			: json_new(ps, JSON_NULL);
	default:
		return json_parse_number(ps);
	}
}

json_value *
json_parse(const char *text, size_t len, char *err, size_t errcap)
{
	json_parser ps;
	json_value *v;

	ps.p = text;
	ps.start = text;
	ps.end = text + len;
	ps.err = err;
	ps.errcap = errcap;
	ps.failed = 0;
	if (err != NULL && errcap > 0) {
		err[0] = 0;
	}
	/* Tolerate a UTF-8 byte order mark. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		ps.p += 3;
	}
	v = json_parse_value(&ps, 0);
	if (v == NULL) {
		return NULL;
	}
	json_skip_ws(&ps);
	if (ps.p != ps.end) {
		json_error(&ps, "trailing characters");
		json_free(v);
		return NULL;
	}
	return v;
}

void
json_free(json_value *v)
{
	size_t i;

	if (v == NULL) {
		return;
	}
	for (i = 0; i < v->count; i++) {
		json_free(v->items[i]);
		if (v->keys != NULL) {
			free(v->keys[i]);
		}
	}
	free(v->items);
	free(v->keys);
	free(v->key_lens);
	free(v->str);
	free(v);
}

const json_value *
json_get(const json_value *v, const char *key)
{
	size_t i, n;

	if (v == NULL || v->type != JSON_OBJECT) {
		return NULL;
	}
	n = strlen(key);
	for (i = 0; i < v->count; i++) {
		if (v->key_lens[i] == n && memcmp(v->keys[i], key, n) == 0) {
			return v->items[i];
		}
	}
	return NULL;
}

const json_value *
json_path(const json_value *v, ...)
{
	va_list ap;
	const char *k;

	va_start(ap, v);
	while (v != NULL && (k = va_arg(ap, const char *)) != NULL) {
		v = json_get(v, k);
	}
	va_end(ap);
	return v;
}

const json_value *
json_at(const json_value *v, size_t i)
{
	if (v == NULL || v->type != JSON_ARRAY || i >= v->count) {
		return NULL;
	}
	return v->items[i];
}

const char *
json_str(const json_value *v)
{
	return (v != NULL && v->type == JSON_STRING) ? v->str : NULL;
}

int
json_bool(const json_value *v, int dflt)
{
	if (v == NULL) {
		return dflt;
	}
	if (v->type == JSON_TRUE) {
		return 1;
	}
	if (v->type == JSON_FALSE) {
		return 0;
	}
	return dflt;
}

double
json_num(const json_value *v, double dflt)
{
	return (v != NULL && v->type == JSON_NUMBER) ? v->number : dflt;
}
