/*
 * model_headers.c: the header rules (see model.h and sigv4_params in
 * src/sigv4.h for the policy).
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const char *const unsignable[] = {
	"authorization", "cache-control", "connection", "expect", "from",
	"keep-alive", "max-forwards", "pragma", "referer", "te", "trailer",
	"transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
};

static const char *const reserved_headers[] = {
	"authorization", "x-amz-date", "x-amz-security-token",
	"x-amz-content-sha256", "x-amz-region-set",
};

static void
lowercase(fz_buf *out, sigv4_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		fz_put(out, (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c);
	}
}

int
model_name_eq(sigv4_str a, sigv4_str b)
{
	fz_buf la, lb;
	int r;

	fz_buf_init(&la);
	fz_buf_init(&lb);
	lowercase(&la, a);
	lowercase(&lb, b);
	r = fz_str_eq(fz_buf_str(&la), fz_buf_str(&lb));
	fz_buf_free(&la);
	fz_buf_free(&lb);
	return r;
}

static int
named_in(sigv4_str name, const sigv4_str *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (model_name_eq(name, list[i])) {
			return 1;
		}
	}
	return 0;
}

static int
starts_nocase(sigv4_str name, const char *prefix)
{
	size_t n = strlen(prefix);
	sigv4_str head;

	if (name.len < n) {
		return 0;
	}
	head.ptr = name.ptr;
	head.len = n;
	return model_name_eq(head, fz_cstr(prefix));
}

int
model_header_signed(sigv4_str name, const sigv4_params *p)
{
	size_t i;

	if (model_name_eq(name, fz_cstr("host"))
		|| named_in(name, p->signed_headers, p->signed_header_count))
	{
		return 1;
	}
	if ((p->flags & SIGV4_SIGN_LISTED_ONLY)
		|| named_in(name, p->unsigned_headers, p->unsigned_header_count))
	{
		return 0;
	}
	if (p->flags & SIGV4_SIGN_ALL_HEADERS) {
		return 1;
	}
	for (i = 0; i < sizeof unsignable / sizeof unsignable[0]; i++) {
		if (model_name_eq(name, fz_cstr(unsignable[i]))) {
			return 0;
		}
	}
	return !starts_nocase(name, "proxy-") && !starts_nocase(name, "sec-");
}

int
model_header_value_ok(sigv4_str v)
{
	size_t i;

	for (i = 0; i < v.len; i++) {
		char c = v.ptr[i];
		char next = i + 1 < v.len ? v.ptr[i + 1] : 0;

		if (c == 0) {
			return 0;
		}
		if (c == '\r' && next != '\n') {
			return 0;
		}
		if (c == '\n' && next != ' ' && next != '\t') {
			return 0;
		}
	}
	return 1;
}

static int
blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void
model_fold(fz_buf *out, sigv4_str v)
{
	size_t i;
	int pending = 0, any = 0;

	for (i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.ptr[i];

		if (blank(c)) {
			pending = any;
			continue;
		}
		if (pending) {
			fz_put(out, ' ');
			pending = 0;
		}
		fz_put(out, c);
		any = 1;
	}
}

typedef struct {
	fz_buf name;    /* lowercase */
	fz_buf value;   /* folded */
	size_t order;   /* input position: duplicates join in it */
} entry;

static int
compare_entries(const void *pa, const void *pb)
{
	const entry *a = (const entry *)pa;
	const entry *b = (const entry *)pb;
	size_t n = a->name.len < b->name.len ? a->name.len : b->name.len;
	int r = n > 0 ? memcmp(a->name.p, b->name.p, n) : 0;

	if (r == 0) {
		r = a->name.len < b->name.len ? -1 : a->name.len > b->name.len;
	}
	if (r == 0) {
		r = a->order < b->order ? -1 : 1;
	}
	return r;
}

void
model_headers(fz_buf *block, fz_buf *list, const sigv4_header *h, size_t n,
	const sigv4_params *p, const sigv4_header *extra, size_t nextra)
{
	entry *e = (entry *)calloc(n + nextra + 1, sizeof *e);
	size_t count = 0, i;

	FZ_CHECK(e != NULL, "out of memory");
	for (i = 0; i < n + nextra; i++) {
		const sigv4_header *x = i < n ? &h[i] : &extra[i - n];

		if (i < n && !model_header_signed(x->name, p)) {
			continue;
		}
		lowercase(&e[count].name, x->name);
		model_fold(&e[count].value, x->value);
		e[count].order = i;
		count++;
	}
	if (count > 1) {
		qsort(e, count, sizeof *e, compare_entries);
	}
	for (i = 0; i < count; i++) {
		int same = i > 0 && fz_str_eq(fz_buf_str(&e[i].name),
			fz_buf_str(&e[i - 1].name));

		if (same) {
			fz_put(block, ',');
		} else {
			if (i > 0) {
				fz_put(block, '\n');
				fz_put(list, ';');
			}
			fz_put_str(block, fz_buf_str(&e[i].name));
			fz_put_str(list, fz_buf_str(&e[i].name));
			fz_put(block, ':');
		}
		fz_put_str(block, fz_buf_str(&e[i].value));
	}
	if (count > 0) {
		fz_put(block, '\n');
	}
	for (i = 0; i < count; i++) {
		fz_buf_free(&e[i].name);
		fz_buf_free(&e[i].value);
	}
	free(e);
}

uint32_t
model_header_errors(const sigv4_request *req, int s3_session)
{
	uint32_t e = 0;
	size_t i, j, hosts = 0;

	for (i = 0; i < req->header_count; i++) {
		sigv4_str name = req->headers[i].name;
		sigv4_str value = req->headers[i].value;
		int tchars = name.len > 0;

		for (j = 0; j < name.len; j++) {
			tchars &= model_is_tchar((unsigned char)name.ptr[j]);
		}
		if (!tchars) {
			e |= MODEL_BIT(SIGV4_ERR_HEADER_NAME);
		}
		if (!model_header_value_ok(value)) {
			e |= MODEL_BIT(SIGV4_ERR_HEADER_VALUE);
		}
		for (j = 0; j < sizeof reserved_headers / sizeof reserved_headers[0]; j++) {
			if (model_name_eq(name, fz_cstr(reserved_headers[j]))) {
				e |= MODEL_BIT(SIGV4_ERR_HEADER_RESERVED);
			}
		}
		/* The S3 session token's own header is the signer's then. */
		if (s3_session
			&& model_name_eq(name, fz_cstr("x-amz-s3session-token")))
		{
			e |= MODEL_BIT(SIGV4_ERR_HEADER_RESERVED);
		}
		if (model_name_eq(name, fz_cstr("host"))) {
			fz_buf folded;

			fz_buf_init(&folded);
			model_fold(&folded, value);
			hosts++;
			if (folded.len == 0) {
				e |= MODEL_BIT(SIGV4_ERR_HOST);
			}
			fz_buf_free(&folded);
		}
	}
	if (hosts != 1) {
		e |= MODEL_BIT(SIGV4_ERR_HOST);
	}
	return e;
}
