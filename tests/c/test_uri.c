/*
 * test_uri.c: the canonical path: the encoding table for every byte, in
 * both modes, and path normalisation.
 */
#include <stdio.h>

#include "unit.h"

static char buf[UNIT_CAP];

static const char *
emit_path(const char *path, size_t len, int single)
{
	sigv4_sink s;

	sigv4_sink_init(&s, 0, buf, sizeof buf - 1);
	sigv4_path_emit(&s, path, len, single);
	sigv4_sink_flush(&s);
	buf[s.len] = 0;
	return buf;
}

/* The rule, written independently of uri.c: RFC 3986 unreserved and '/'
 * stay, every other byte is %XX with uppercase hex. */
static void
expected_byte(char *out, unsigned char c)
{
	const char *keep = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789-_.~/";

	if (c != 0 && strchr(keep, c) != NULL) {
		out[0] = (char)c;
		out[1] = 0;
	} else {
		sprintf(out, "%%%02X", c);
	}
}

static void
test_encoding_table(void)
{
	char path[2], want[8];
	int c;

	for (c = 0; c < 256; c++) {
		path[0] = (char)c;
		expected_byte(want, (unsigned char)c);
		/* Double: every byte alone, '%' included. */
		ASSERT_STR_EQ("double-encoded byte", want, emit_path(path, 1, 0));
		/* Single: a lone byte is never a valid %XX, so the same. */
		ASSERT_STR_EQ("single-encoded byte", want, emit_path(path, 1, 1));
	}
}

static void
test_single_encoding(void)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "/foo/bar/baz%3Cqux%3Aquux", "/foo/bar/baz%3Cqux%3Aquux" },
		{ "/a%3cb", "/a%3Cb" },          /* hex is uppercased */
		{ "/%7E%41", "/~A" },            /* unreserved is decoded */
		{ "/a%2Fb", "/a%2Fb" },          /* an encoded slash stays encoded */
		{ "/test$file.text", "/test%24file.text" },
		{ "/a b", "/a%20b" },
		{ "/a%20b", "/a%20b" },          /* raw and encoded agree */
		{ "/%zz", "/%25zz" },            /* invalid escapes: literal % */
		{ "/%4", "/%254" },
		{ "/%", "/%25" },
		{ "/\xe1\x88\xb4", "/%E1%88%B4" },
		{ "", "/" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ASSERT_STR_EQ(cases[i].in, cases[i].out,
			emit_path(cases[i].in, strlen(cases[i].in), 1));
	}
}

static void
test_double_encoding(void)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "/foo/bar/baz%3Cqux%3Aquux", "/foo/bar/baz%253Cqux%253Aquux" },
		{ "/example space/", "/example%20space/" },
		{ "/a%20b", "/a%2520b" },
		{ "/-._~0-9A-Za-z", "/-._~0-9A-Za-z" },
		{ "", "/" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ASSERT_STR_EQ(cases[i].in, cases[i].out,
			emit_path(cases[i].in, strlen(cases[i].in), 0));
	}
}

static void
test_normalize(void)
{
	/* The AWS SDKs' rule (smithy getCanonicalPath): drop "", "." and ".."
	 * (with its parent), keep a trailing '/' if anything is left. */
	static const struct { const char *in, *out; } cases[] = {
		{ "/", "/" },
		{ "//", "/" },
		{ "/./", "/" },
		{ "/example/..", "/" },
		{ "/example1/example2/../..", "/" },
		{ "/./example", "/example" },
		{ "//example//", "/example/" },
		{ "/a/b/../c", "/a/c" },
		{ "/a/./b/", "/a/b/" },
		{ "/../a", "/a" },
		{ "/a/.", "/a" },
		{ "/a/b/..", "/a" },
		{ "/a/b/../", "/a/" },
		{ "/a//b", "/a/b" },
		{ "/.../a", "/.../a" },          /* three dots is a name */
		{ "/a./.b", "/a./.b" },
		{ "/%2E%2E/a", "/%2E%2E/a" },    /* encoded dots are not dots */
	};
	char out[64];
	size_t i, n;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = strlen(cases[i].in);

		ASSERT_TRUE(sigv4_path_scratch(len) <= sizeof out);
		n = sigv4_path_normalize(out, cases[i].in, len);
		ASSERT_TRUE(n <= sigv4_path_scratch(len));
		out[n] = 0;
		ASSERT_STR_EQ(cases[i].in, cases[i].out, out);
	}
}

int
main(void)
{
	test_encoding_table();
	test_single_encoding();
	test_double_encoding();
	test_normalize();
	return tu_finish("test_uri");
}
