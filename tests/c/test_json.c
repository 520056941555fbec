/*
 * test_json.c: self-test of the harness JSON reader (tests/c/json.c), so a
 * bug there cannot hide behind "the suite runners passed".
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "test_util.h"

static json_value *
parse(const char *s)
{
	char err[128];
	json_value *v = json_parse(s, strlen(s), err, sizeof err);
	if (v == NULL) {
		printf("  (parse error: %s)\n", err);
	}
	return v;
}

static void
expect_error(const char *s)
{
	char err[128];
	json_value *v = json_parse(s, strlen(s), err, sizeof err);
	if (!ASSERT_TRUE(v == NULL)) {
		printf("  accepted invalid JSON: %s\n", s);
	}
	json_free(v);
}

int
main(void)
{
	json_value *v;
	const json_value *m;

	v = parse("{\"a\": [1, -2.5e1, true, false, null, \"x\"],"
		" \"b\": {\"c\": \"d\"}, \"e\": {} , \"f\": []}");
	if (ASSERT_TRUE(v != NULL)) {
		m = json_get(v, "a");
		ASSERT_TRUE(m != NULL && m->type == JSON_ARRAY && m->count == 6);
		ASSERT_TRUE(json_num(json_at(m, 0), 0) == 1.0);
		ASSERT_TRUE(json_num(json_at(m, 1), 0) == -25.0);
		ASSERT_EQ_INT(1, json_bool(json_at(m, 2), -1));
		ASSERT_EQ_INT(0, json_bool(json_at(m, 3), -1));
		ASSERT_TRUE(json_at(m, 4) != NULL
			&& json_at(m, 4)->type == JSON_NULL);
		ASSERT_STR_EQ("a[5]", "x", json_str(json_at(m, 5)));
		ASSERT_TRUE(json_at(m, 6) == NULL);
		ASSERT_STR_EQ("b.c", "d", json_str(json_path(v, "b", "c",
			(const char *)NULL)));
		ASSERT_TRUE(json_get(v, "e") != NULL
			&& json_get(v, "e")->count == 0);
		ASSERT_TRUE(json_get(v, "f") != NULL
			&& json_get(v, "f")->type == JSON_ARRAY);
		ASSERT_TRUE(json_get(v, "zz") == NULL);
	}
	json_free(v);

	/* Escapes, \u with a surrogate pair, embedded NUL. */
	v = parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u1234 "
		"\\ud83d\\ude00 \\u0000end\"");
	if (ASSERT_TRUE(v != NULL && v->type == JSON_STRING)) {
		static const char want[] = "q\" b\\ s/ \b\f\n\r\t \xC3\xA9 "
			"\xE1\x88\xB4 \xF0\x9F\x98\x80 \0end";
		ASSERT_MEM_EQ("escapes", want, sizeof want - 1, v->str, v->len);
	}
	json_free(v);

	/* Raw UTF-8 passes through unchanged. */
	v = parse("\"/\xE1\x88\xB4\"");
	if (ASSERT_TRUE(v != NULL)) {
		ASSERT_STR_EQ("raw utf-8", "/\xE1\x88\xB4", json_str(v));
	}
	json_free(v);

	expect_error("");
	expect_error("{");
	expect_error("{\"a\" 1}");
	expect_error("[1,]");
	expect_error("[1 2]");
	expect_error("\"abc");
	expect_error("\"\\ud83d\"");
	expect_error("\"\\ude00\"");
	expect_error("\"\\x\"");
	expect_error("\"a\nb\"");
	expect_error("01");
	expect_error("1.");
	expect_error("tru");
	expect_error("{} x");

	return tu_finish("test_json");
}
