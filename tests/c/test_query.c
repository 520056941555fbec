/*
 * test_query.c: query parsing, re-encoding and sorting.
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

static char buf[UNIT_CAP];

static const char *
canon(const char *q, int form)
{
	size_t len = strlen(q), n;
	sigv4_qparam *p = calloc(sigv4_query_count_max(q, len), sizeof *p);
	sigv4_sink s;

	n = sigv4_query_parse(p, q, len, form);
	ASSERT_TRUE(n <= sigv4_query_count_max(q, len));
	sigv4_query_sort(p, n);
	sigv4_sink_init(&s, 0, buf, sizeof buf - 1);
	sigv4_query_emit(&s, p, n);
	sigv4_sink_flush(&s);
	buf[s.len] = 0;
	free(p);
	return buf;
}

static void
test_canonical_query(void)
{
	static const struct { const char *in; int form; const char *out; } cases[] = {
		{ "", 0, "" },
		{ "b=2&a=1", 0, "a=1&b=2" },
		/* repeated keys are kept and sorted by value, byte order */
		{ "Param1=value2&Param1=Value1", 0, "Param1=Value1&Param1=value2" },
		{ "foo=Zoo&foo=aha", 0, "foo=Zoo&foo=aha" },
		{ "a=2&a=1&a=2", 0, "a=1&a=2&a=2" },
		/* a key alone is key= */
		{ "acl", 0, "acl=" },
		{ "lifecycle&x=1", 0, "lifecycle=&x=1" },
		{ "k=", 0, "k=" },
		/* empty pieces vanish */
		{ "a=1&&b=2&", 0, "a=1&b=2" },
		{ "&", 0, "" },
		/* only the first '=' splits */
		{ "a=b=c", 0, "a=b%3Dc" },
		/* decode then encode: unreserved decoded, the rest uppercased */
		{ "%41%7e=%2f", 0, "A~=%2F" },
		{ "k=%e1%88%b4", 0, "k=%E1%88%B4" },
		{ "\xe1\x88\xb4=bar", 0, "%E1%88%B4=bar" },
		{ "k=@#$%^&+", 0, "%2B=&k=%40%23%24%25%5E" },
		/* '+' is a literal plus unless the query is form-encoded */
		{ "q=a+b", 0, "q=a%2Bb" },
		{ "q=a+b", 1, "q=a%20b" },
		{ "q=a%2Bb", 1, "q=a%2Bb" },
		{ "f oo=b ar", 0, "f%20oo=b%20ar" },
		/* invalid escapes are literal '%' */
		{ "k=%zz&k=%", 0, "k=%25&k=%25zz" },
		/* sorted after encoding: '%' (0x25) < 'P' < '~' */
		{ "~=1&\xc3\xa9=2&Param=3", 0, "%C3%A9=2&Param=3&~=1" },
		{ "Param-3=Value3&Param=Value2&%E1%88%B4=Value1", 0,
			"%E1%88%B4=Value1&Param=Value2&Param-3=Value3" },
		/* ... and a key that is a prefix of another sorts first */
		{ "ab=1&a=2", 0, "a=2&ab=1" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ASSERT_STR_EQ(cases[i].in, cases[i].out,
			canon(cases[i].in, cases[i].form));
	}
}

static void
test_key_is(void)
{
	const char *q = "X-Amz-Signature=1&x%2Damz%2ddate=2&X-Amz-Dates=3&x";
	sigv4_qparam p[4];
	size_t n = sigv4_query_parse(p, q, strlen(q), 0);

	ASSERT_EQ_INT(4, n);
	ASSERT_TRUE(sigv4_qparam_key_is(&p[0], "x-amz-signature"));
	ASSERT_TRUE(sigv4_qparam_key_is(&p[1], "x-amz-date"));
	ASSERT_TRUE(!sigv4_qparam_key_is(&p[2], "x-amz-date"));
	ASSERT_TRUE(!sigv4_qparam_key_is(&p[3], "x-amz-date"));
}

static const char *
wire(const char *q, uint32_t flags)
{
	size_t len = 0;

	ASSERT_EQ_INT(SIGV4_OK, sigv4_query_wire(buf, sizeof buf - 1, &len, q,
		strlen(q), flags));
	buf[len] = 0;
	return buf;
}

/* The query as sent: in order, each part re-encoded as it was signed. */
static void
test_wire(void)
{
	static const struct { const char *in; uint32_t flags; const char *out; } cases[] = {
		{ "", 0, "" },
		{ "b=2&a=1", 0, "b=2&a=1" },
		/* '+' as the signature read it, never '+' on the wire */
		{ "q=a+b%2Bc", SIGV4_QUERY_FORM, "q=a%20b%2Bc" },
		{ "q=a+b%2Bc", 0, "q=a%2Bb%2Bc" },
		{ "a+b=c", SIGV4_QUERY_FORM, "a%20b=c" },
		/* keys without '=' keep none; empty pieces go; one '=' splits */
		{ "acl&&x=&y=a=b&", 0, "acl&x=&y=a%3Db" },
		/* stray '%' is a literal percent sign, as signed */
		{ "k=%zz&k=%&k=%4", 0, "k=%25zz&k=%25&k=%254" },
		/* unreserved decoded, lowercase hex uppercased, UTF-8 encoded */
		{ "%41%7e=%2f&\xc3\xa9=*'()!", 0, "A~=%2F&%C3%A9=%2A%27%28%29%21" },
	};
	size_t i, len = 7;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ASSERT_STR_EQ(cases[i].in, cases[i].out, wire(cases[i].in, cases[i].flags));
	}
	/* What is sent signs as what was signed, under either reading. */
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char sent[256];

		snprintf(sent, sizeof sent, "%s", wire(cases[i].in, cases[i].flags));
		snprintf(sent + 128, 128, "%s", canon(cases[i].in,
			(cases[i].flags & SIGV4_QUERY_FORM) != 0));
		ASSERT_STR_EQ(cases[i].in, sent + 128, canon(sent, 0));
		ASSERT_STR_EQ(cases[i].in, sent + 128, canon(sent, 1));
	}
	/* Too small: the length needed, nothing written; bad bytes refused. */
	memset(buf, 'x', 4);
	ASSERT_EQ_INT(SIGV4_ERR_SPACE, sigv4_query_wire(buf, 4, &len, "q=a+b", 5,
		SIGV4_QUERY_FORM));
	ASSERT_EQ_INT(7, len);
	ASSERT_TRUE(memcmp(buf, "\0\0\0\0", 4) == 0);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_query_wire(NULL, 0, &len, "", 0, 0));
	ASSERT_EQ_INT(0, len);
	ASSERT_EQ_INT(SIGV4_ERR_QUERY, sigv4_query_wire(buf, sizeof buf, &len,
		"a=1#f", 5, 0));
	ASSERT_EQ_INT(SIGV4_ERR_QUERY, sigv4_query_wire(buf, sizeof buf, &len,
		"a=\r", 3, 0));
}

/* Many parameters: heapsort's order must be total and stable enough. */
static void
test_many(void)
{
	enum { N = 5000 };
	char *q = malloc(N * 16), *p = q;
	size_t i, n;
	sigv4_qparam *params = calloc(N, sizeof *params);

	for (i = 0; i < N; i++) {
		p += sprintf(p, "%s%04u=%u", i ? "&" : "", (unsigned)((i * 7919) % N),
			(unsigned)(i % 3));
	}
	n = sigv4_query_parse(params, q, strlen(q), 0);
	ASSERT_EQ_INT(N, n);
	sigv4_query_sort(params, n);
	for (i = 1; i < n; i++) {
		int c = memcmp(params[i - 1].k, params[i].k, 4);

		ASSERT_TRUE(c < 0 || (c == 0 && params[i - 1].v[0] <= params[i].v[0]));
	}
	free(params);
	free(q);
}

int
main(void)
{
	test_canonical_query();
	test_key_is();
	test_wire();
	test_many();
	return tu_finish("test_query");
}
