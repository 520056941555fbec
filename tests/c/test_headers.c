/*
 * test_headers.c: header validation, the signing policy, value folding,
 * sorting and joining.
 */
#include "unit.h"

static char buf[UNIT_CAP];

static const char *
folded(const char *v)
{
	sigv4_sink s;

	sigv4_sink_init(&s, 0, buf, sizeof buf - 1);
	sigv4_header_value_emit(&s, unit_str(v));
	sigv4_sink_flush(&s);
	buf[s.len] = 0;
	return buf;
}

static void
test_folding(void)
{
	static const struct { const char *in, *out; } cases[] = {
		{ " value1", "value1" },
		{ "value1 ", "value1" },
		{ "a   b   c", "a b c" },
		{ "\"a   b   c\"", "\"a b c\"" },       /* even inside quotes */
		{ " \t a \t\t b \t ", "a b" },
		{ "value1\n  value2\n  value3", "value1 value2 value3" },
		{ "value1\r\n\tvalue2", "value1 value2" },
		{ "", "" },
		{ "   ", "" },
		{ "VALUE1", "VALUE1" },                /* case kept */
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ASSERT_STR_EQ(cases[i].in, cases[i].out, folded(cases[i].in));
	}
}

/* Folding as the SigV4 docs put it, byte by byte: trim, then every run
 * of whitespace becomes one space. */
static void
fold_ref(char *out, const char *in)
{
	size_t o = 0;
	int gap = 0;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '\t' || *in == '\r' || *in == '\n') {
			gap = o > 0;
			continue;
		}
		if (gap) {
			out[o++] = ' ';
			gap = 0;
		}
		out[o++] = *in;
	}
	out[o] = '\0';
}

/* The emitter skips whitespace-free words eight bytes at a time: a gap of
 * one to three blanks at every position of values up to 40 bytes, over
 * bytes at the edges of the word test (0x21, 0x7E, 0x80, 0xFF). */
static void
test_folding_words(void)
{
	static const char fill[] = "!~\x80\xff" "ab\xe9" "Z";
	static const char *const gaps[] = { " ", "\t", "  ", " \t ", "\n " };
	char in[64], want[64];
	size_t len, at, g, i;

	for (len = 1; len <= 40; len++) {
		for (at = 0; at <= len; at++) {
			for (g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
				size_t n = 0, k;

				for (i = 0; i < at; i++) {
					in[n++] = fill[i % (sizeof fill - 1)];
				}
				for (k = 0; gaps[g][k] != '\0'; k++) {
					in[n++] = gaps[g][k];
				}
				for (; i < len; i++) {
					in[n++] = fill[i % (sizeof fill - 1)];
				}
				in[n] = '\0';
				fold_ref(want, in);
				ASSERT_STR_EQ(in, want, folded(in));
			}
		}
	}
}

static int
check(const char *name, const char *value)
{
	sigv4_header h[2];
	sigv4_request req;

	memset(&req, 0, sizeof req);
	h[0].name = unit_str("Host");
	h[0].value = unit_str("example.com");
	h[1].name = unit_str(name);
	h[1].value = unit_str(value);
	req.headers = h;
	req.header_count = 2;
	return sigv4_headers_check(&req, "x-amz-security-token");
}

static int
check_value(const char *value, size_t len)
{
	sigv4_header h[2];
	sigv4_request req;

	memset(&req, 0, sizeof req);
	h[0].name = unit_str("host");
	h[0].value = unit_str("example.com");
	h[1].name = unit_str("x-a");
	h[1].value.ptr = value;
	h[1].value.len = len;
	req.headers = h;
	req.header_count = 2;
	return sigv4_headers_check(&req, "x-amz-security-token");
}

static void
test_validation(void)
{
	ASSERT_EQ_INT(SIGV4_OK, check("X-Custom_Header.1!#$%&'*+-^`|~", "v"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_NAME, check("", "v"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_NAME, check("x a", "v"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_NAME, check("x:a", "v"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_NAME, check("x\xc3\xa9", "v"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_NAME, check("x(a)", "v"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_NAME, check("x\ta", "v"));

	ASSERT_EQ_INT(SIGV4_OK, check_value("a\n b", 4));       /* obs-fold */
	ASSERT_EQ_INT(SIGV4_OK, check_value("a\r\n\tb", 5));
	ASSERT_EQ_INT(SIGV4_OK, check_value("caf\xe9", 4));     /* obs-text */
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_VALUE, check_value("a\nb", 3));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_VALUE, check_value("a\rb", 3));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_VALUE, check_value("a\r\nb", 4));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_VALUE, check_value("a\r \n", 4));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_VALUE, check_value("a\n", 2));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_VALUE, check_value("a\r", 2));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_VALUE, check_value("a\0b", 3));

	ASSERT_EQ_INT(SIGV4_ERR_HEADER_RESERVED, check("Authorization", "x"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_RESERVED, check("X-Amz-Date", "x"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_RESERVED, check("x-amz-security-token", "x"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_RESERVED, check("X-AMZ-CONTENT-SHA256", "x"));
	ASSERT_EQ_INT(SIGV4_ERR_HEADER_RESERVED, check("x-amz-region-set", "x"));
	ASSERT_EQ_INT(SIGV4_ERR_HOST, check("HOST", "example.com"));
}

static void
test_host_rules(void)
{
	sigv4_header h[1];
	sigv4_request req;

	memset(&req, 0, sizeof req);
	ASSERT_EQ_INT(SIGV4_ERR_HOST, sigv4_headers_check(&req, "x-amz-security-token"));
	h[0].name = unit_str("host");
	h[0].value = unit_str("  ");
	req.headers = h;
	req.header_count = 1;
	ASSERT_EQ_INT(SIGV4_ERR_HOST, sigv4_headers_check(&req, "x-amz-security-token"));
	h[0].value = unit_str("example.com:8443");
	ASSERT_EQ_INT(SIGV4_OK, sigv4_headers_check(&req, "x-amz-security-token"));
}

static void
test_policy(void)
{
	static const char *const unsignable[] = {
		"authorization", "cache-control", "connection", "expect", "from",
		"keep-alive", "max-forwards", "pragma", "referer", "te", "trailer",
		"transfer-encoding", "upgrade", "User-Agent", "x-amzn-trace-id",
		"proxy-authorization", "Proxy-Foo", "sec-fetch-mode",
		"Sec-WebSocket-Key",
	};
	static const char *const signable[] = {
		"host", "content-type", "content-length", "range", "date",
		"x-amz-meta-a", "tea", "fromage", "sec", "proxy", "x-amzn-trace",
		"content-md5", "if-match",
	};
	sigv4_params p;
	sigv4_str listed[2], skip[1];
	size_t i;

	memset(&p, 0, sizeof p);
	for (i = 0; i < sizeof unsignable / sizeof unsignable[0]; i++) {
		ASSERT_TRUE(!sigv4_header_signed(unit_str(unsignable[i]), &p));
	}
	for (i = 0; i < sizeof signable / sizeof signable[0]; i++) {
		ASSERT_TRUE(sigv4_header_signed(unit_str(signable[i]), &p));
	}

	/* Sign everything given. */
	p.flags = SIGV4_SIGN_ALL_HEADERS;
	ASSERT_TRUE(sigv4_header_signed(unit_str("user-agent"), &p));
	ASSERT_TRUE(sigv4_header_signed(unit_str("sec-fetch-mode"), &p));

	/* Named headers override the built-in list; unsigned_headers add. */
	p.flags = 0;
	listed[0] = unit_str("User-Agent");
	listed[1] = unit_str("x-only");
	skip[0] = unit_str("Content-Type");
	p.signed_headers = listed;
	p.signed_header_count = 2;
	p.unsigned_headers = skip;
	p.unsigned_header_count = 1;
	ASSERT_TRUE(sigv4_header_signed(unit_str("user-agent"), &p));
	ASSERT_TRUE(!sigv4_header_signed(unit_str("content-type"), &p));
	ASSERT_TRUE(sigv4_header_signed(unit_str("x-other"), &p));

	/* Only the listed ones (and host). */
	p.flags = SIGV4_SIGN_LISTED_ONLY;
	ASSERT_TRUE(sigv4_header_signed(unit_str("x-only"), &p));
	ASSERT_TRUE(sigv4_header_signed(unit_str("HOST"), &p));
	ASSERT_TRUE(!sigv4_header_signed(unit_str("x-other"), &p));
}

static void
test_sort_and_join(void)
{
	/* Wire order: duplicates (any case) join in input order. */
	sigv4_header h[6];
	sigv4_request req;
	sigv4_params p;
	sigv4_headers hs;
	uint32_t order[6 + SIGV4_MAX_EXTRA];
	sigv4_sink s;

	memset(&req, 0, sizeof req);
	memset(&p, 0, sizeof p);
	h[0].name = unit_str("My-Header1");
	h[0].value = unit_str("value4");
	h[1].name = unit_str("Host");
	h[1].value = unit_str("example.amazonaws.com");
	h[2].name = unit_str("my-header1");
	h[2].value = unit_str(" value1");
	h[3].name = unit_str("user-agent");
	h[3].value = unit_str("ignored");
	h[4].name = unit_str("MY-HEADER1");
	h[4].value = unit_str("value3 ");
	h[5].name = unit_str("a");
	h[5].value = unit_str("");
	req.headers = h;
	req.header_count = 6;
	hs.req = &req;
	hs.params = &p;
	hs.extra_count = 1;
	hs.extra[0].name = unit_str("x-amz-date");
	hs.extra[0].value = unit_str("20150830T123600Z");
	hs.order = order;
	sigv4_headers_select(&hs);
	ASSERT_EQ_INT(6, hs.count);

	sigv4_sink_init(&s, 0, buf, sizeof buf - 1);
	sigv4_headers_emit(&s, &hs);
	sigv4_sink_flush(&s);
	buf[s.len] = 0;
	ASSERT_STR_EQ("canonical headers",
		"a:\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3\n"
		"x-amz-date:20150830T123600Z\n", buf);

	sigv4_sink_init(&s, 0, buf, sizeof buf - 1);
	sigv4_headers_emit_list(&s, &hs);
	sigv4_sink_flush(&s);
	buf[s.len] = 0;
	ASSERT_STR_EQ("signed headers", "a;host;my-header1;x-amz-date", buf);
	ASSERT_TRUE(s.len <= sigv4_headers_list_max(&req));
}

int
main(void)
{
	test_folding();
	test_folding_words();
	test_validation();
	test_host_rules();
	test_policy();
	test_sort_and_join();
	return tu_finish("test_headers");
}
