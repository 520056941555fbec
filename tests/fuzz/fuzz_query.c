/*
 * fuzz_query.c: the query canonicaliser (src/query.c).
 *
 * Input: one byte of options (bit 0: form-encoded, '+' is a space), then
 * the query, any bytes. Checks:
 *   - sigv4_query_parse stays within sigv4_query_count_max() parameters
 *     (an exact heap block), and every parameter points into the query;
 *   - sigv4_qparam_key_is agrees with the model for the reserved names;
 *   - sorted and emitted, the query equals the model's canonical query,
 *     and holds only unreserved bytes, uppercase %XX, '=' and '&';
 *   - the order of the parameters does not matter (the pieces reversed
 *     give the same result), and canonicalising the result again (not as
 *     a form) changes nothing;
 *   - the query as sent (sigv4_query_wire) is well encoded, at most three
 *     times as long, and canonicalises, under either reading of '+', to
 *     the same canonical query.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "stage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"x-amz-signature", "x-amz-date", "x-amz-credential", "x-amz-algorithm",
	"x-amz-signedheaders", "x-amz-security-token", "x-amz-expires",
	"x-amz-region-set", "x-amz-s3session-token", "a", "",
};

typedef struct {
	const sigv4_qparam *p;
	size_t n;
} emit_args;

static void
emit(sigv4_sink *s, const void *ctx)
{
	const emit_args *a = (const emit_args *)ctx;

	sigv4_query_emit(s, a->p, a->n);
}

static int
points_into(const char *p, size_t n, const char *q, size_t qlen)
{
	return n == 0 || (p >= q && n <= qlen && (size_t)(p - q) <= qlen - n);
}

/* Parse, check, sort and emit q; returns the canonical query in out. */
static void
canonical(fz_buf *out, sigv4_str q, int form)
{
	size_t max = sigv4_query_count_max(q.ptr, q.len), n, i, j;
	sigv4_qparam *p = (sigv4_qparam *)malloc(max * sizeof *p);
	emit_args a;

	FZ_CHECK(p != NULL && max >= 1, "out of memory or no room");
	n = sigv4_query_parse(p, q.ptr, q.len, form);
	FZ_CHECK(n <= max, "%lu parameters parsed, bound %lu", (unsigned long)n,
		(unsigned long)max);
	for (i = 0; i < n; i++) {
		FZ_CHECK(points_into(p[i].k, p[i].klen, q.ptr, q.len)
			&& points_into(p[i].v, p[i].vlen, q.ptr, q.len),
			"parameter %lu points outside the query", (unsigned long)i);
		for (j = 0; j < sizeof names / sizeof names[0]; j++) {
			int want = model_query_has_key(fz_view(p[i].k, p[i].klen), form,
				&names[j], 1);
			/* An empty key has no piece to find in the model. */
			if (p[i].klen == 0) {
				want = names[j][0] == 0;
			}
			FZ_CHECK(sigv4_qparam_key_is(&p[i], names[j]) == want,
				"key_is(\"%s\") wrong for key '%.*s'", names[j],
				(int)p[i].klen, p[i].k);
		}
	}
	sigv4_query_sort(p, n);
	a.p = p;
	a.n = n;
	fz_run_stage(out, emit, &a);
	free(p);
}

/* The '&'-separated pieces of q (empty ones too) in reverse order. */
static void
reversed(fz_buf *out, sigv4_str q)
{
	size_t end = q.len;

	if (q.len == 0) {
		return;
	}
	for (;;) {
		size_t start = end;

		while (start > 0 && q.ptr[start - 1] != '&') {
			start--;
		}
		if (end < q.len) {
			fz_put(out, '&');
		}
		fz_write(out, q.ptr + start, end - start);
		if (start == 0) {
			return;
		}
		end = start - 1;
	}
}

/* The query as sent canonicalises to what was signed, whichever way a
 * server reads '+'. */
static void
check_wire(sigv4_str q, int form, sigv4_str signed_query)
{
	int bad = q.len > 0 && (memchr(q.ptr, 0, q.len) || memchr(q.ptr, '\r', q.len)
		|| memchr(q.ptr, '\n', q.len) || memchr(q.ptr, '#', q.len));
	size_t cap = 3 * q.len, len = 0;
	char *out = (char *)malloc(cap + 1);
	fz_buf again;
	int rc, reading;

	FZ_CHECK(out != NULL, "out of memory");
	rc = sigv4_query_wire(out, cap, &len, q.ptr, q.len,
		form ? SIGV4_QUERY_FORM : 0);
	if (bad) {
		FZ_CHECK(rc == SIGV4_ERR_QUERY && len == 0,
			"a query with NUL, CR, LF or '#' gave %d", rc);
		free(out);
		return;
	}
	FZ_CHECK(rc == SIGV4_OK && len <= cap, "wire query: rc %d, %lu bytes",
		rc, (unsigned long)len);
	FZ_CHECK(model_well_encoded(fz_view(out, len), "=&"),
		"the wire query has a stray byte: %.*s", (int)len, out);
	for (reading = 0; reading < 2; reading++) {
		fz_buf_init(&again);
		canonical(&again, fz_view(out, len), reading);
		FZ_CHECK(fz_str_eq(fz_buf_str(&again), signed_query),
			"the wire query signs differently (reading %d):\n  sent   %.*s\n"
			"  signed %.*s\n  now    %.*s", reading, (int)len, out,
			(int)signed_query.len, signed_query.ptr, (int)again.len, again.p);
		fz_buf_free(&again);
	}
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_pool pool;
	fz_reader rd;
	sigv4_str q;
	fz_buf got, want, rev, again;
	int form;

	fz_reader_init(&rd, data, size);
	form = fz_u8(&rd) & 1;
	fz_pool_init(&pool);
	q = fz_dup(&pool, fz_rest(&rd));
	fz_buf_init(&got);
	fz_buf_init(&want);
	fz_buf_init(&rev);
	fz_buf_init(&again);

	canonical(&got, q, form);
	model_query(&want, q, form, NULL, 0);
	FZ_CHECK(fz_str_eq(fz_buf_str(&got), fz_buf_str(&want)),
		"canonical query differs from the model:\n  model   %.*s\n"
		"  library %.*s", (int)want.len, want.p, (int)got.len, got.p);
	FZ_CHECK(model_well_encoded(fz_buf_str(&got), "=&"),
		"canonical query has a stray byte");

	reversed(&rev, q);
	canonical(&again, fz_buf_str(&rev), form);
	FZ_CHECK(fz_str_eq(fz_buf_str(&again), fz_buf_str(&got)),
		"parameter order changed the canonical query");
	again.len = 0;
	canonical(&again, fz_buf_str(&got), 0);
	FZ_CHECK(fz_str_eq(fz_buf_str(&again), fz_buf_str(&got)),
		"canonicalising a canonical query changed it");
	check_wire(q, form, fz_buf_str(&got));

	fz_buf_free(&got);
	fz_buf_free(&want);
	fz_buf_free(&rev);
	fz_buf_free(&again);
	fz_pool_free(&pool);
	return 0;
}
