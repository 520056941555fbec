/*
 * test_header_filtering.c: aws-c-auth's header skip and forbidden-input
 * rules (aws-c-auth/extra/header-filtering.json) through the public API.
 *
 *   test_header_filtering <header-filtering.json>
 *
 * Every case signs in header mode with the file's common options
 * (use_double_uri_encode false, should_normalize_uri_path false, no
 * x-amz-content-sha256): SIGV4_SINGLE_ENCODE | SIGV4_NO_NORMALIZE |
 * SIGV4_NO_CONTENT_SHA256.
 *
 *   - skipped_header_cases: the canonical request must equal the expected
 *     one. The case with a "should_sign_header" predicate becomes
 *     unsigned_headers = the names quoted in it ('myheader',
 *     'anOtherHeader').
 *   - aws_c_auth_always_skipped_headers: each name, added to a plain GET,
 *     must not be signed either (same canonical request as above).
 *   - forbidden_input_cases: must fail with SIGV4_ERR_HEADER_RESERVED
 *     (illegal header) or SIGV4_ERR_QUERY_RESERVED (illegal query param).
 *   - aws_c_auth_forbidden_headers / _query_params: each name, given as a
 *     header / as a query parameter, must be refused the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"
#include "suite_util.h"
#include "test_util.h"

static unsigned ran, passed, failed;

/* From the file's "common" object. */
static const char *g_akid, *g_secret, *g_region, *g_service;
static char g_amz_date[17];
static char g_empty_hash[65];

static void
result(const char *name, unsigned long fail_before)
{
	int ok = tu_failures == fail_before;

	ran++;
	if (ok) {
		passed++;
	} else {
		failed++;
	}
	printf("%s  %s\n", ok ? "PASS" : "FAIL", name);
	fflush(stdout);
}

static void
base_params(sigv4_params *p)
{
	su_suite_params(p, g_akid, g_amz_date, g_empty_hash);
	p->flags = SIGV4_SINGLE_ENCODE | SIGV4_NO_NORMALIZE
		| SIGV4_NO_CONTENT_SHA256;
}

static int
make_key(sigv4_key *key, const char *label)
{
	int rc = sigv4_key_derive(key, g_secret, strlen(g_secret), g_amz_date,
		su_cstr(g_region), su_cstr(g_service));

	return tu_check(rc == SIGV4_OK, __FILE__, __LINE__,
		"%s: sigv4_key_derive: %s", label, sigv4_errname(rc));
}

static void
to_request(sigv4_request *r, const su_request *p)
{
	r->method = p->method;
	r->path = p->path;
	r->query = p->query;
	r->headers = p->headers;
	r->header_count = p->header_count;
}

/* Sign text; the canonical request must equal expected. */
static void
expect_canonical(const char *label, const char *text, size_t text_len,
	sigv4_str expected, const sigv4_str *unsigned_names, size_t n_unsigned)
{
	unsigned long fail_before = tu_failures;
	char err[256], what[300];
	su_request req;
	sigv4_request r;
	sigv4_params params;
	sigv4_key key;
	su_result res;

	memset(&res, 0, sizeof res);
	if (!tu_check(su_parse_request(&req, text, text_len, err,
		sizeof err) == 0, __FILE__, __LINE__, "%s: request: %s", label,
		err))
	{
		su_request_free(&req);
		result(label, fail_before);
		return;
	}
	base_params(&params);
	params.unsigned_headers = unsigned_names;
	params.unsigned_header_count = n_unsigned;
	to_request(&r, &req);
	if (make_key(&key, label)) {
		if (su_sign(&res, &key, &r, &params, label) == SIGV4_OK) {
			snprintf(what, sizeof what, "%s canonical request", label);
			ASSERT_MEM_EQ(what, expected.ptr, expected.len, res.creq,
				res.creq_len);
		} else {
			tu_fail(__FILE__, __LINE__, "%s: sigv4_sign: %s", label,
				sigv4_errname(res.rc));
		}
		sigv4_wipe(&key, sizeof key);
	}
	su_result_free(&res);
	su_request_free(&req);
	result(label, fail_before);
}

/* Sign text; it must be refused with want. */
static void
expect_error(const char *label, const char *text, size_t text_len, int want)
{
	unsigned long fail_before = tu_failures;
	char err[256], out[2048];
	su_request req;
	sigv4_request r;
	sigv4_params params;
	sigv4_key key;
	size_t out_len = 0, scratch_len;
	void *scratch;
	int rc;

	if (!tu_check(su_parse_request(&req, text, text_len, err,
		sizeof err) == 0, __FILE__, __LINE__, "%s: request: %s", label,
		err))
	{
		su_request_free(&req);
		result(label, fail_before);
		return;
	}
	base_params(&params);
	to_request(&r, &req);
	if (make_key(&key, label)) {
		scratch_len = sigv4_scratch_size(&r, &params);
		scratch = malloc(scratch_len ? scratch_len : 1);
		if (scratch == NULL) {
			exit(2);
		}
		rc = sigv4_sign(out, sizeof out, &out_len, &key, &r, &params,
			scratch, scratch_len, NULL);
		tu_check(rc == want, __FILE__, __LINE__,
			"%s: expected %s, got %s", label, sigv4_errname(want),
			sigv4_errname(rc));
		free(scratch);
		sigv4_wipe(&key, sizeof key);
	}
	su_request_free(&req);
	result(label, fail_before);
}

/* A printable name for a case (the file's "name", or "?"). */
static const char *
case_name(const cJSON *cs)
{
	const char *n = su_json_str(su_json_get(cs, "name"));

	return n != NULL ? n : "?";
}

/* The names quoted with '...' in s, as views into s (at most max). */
static size_t
quoted_names(const char *s, sigv4_str *out, size_t max)
{
	size_t n = 0;
	const char *p = s;

	while (p != NULL && n < max && (p = strchr(p, '\'')) != NULL) {
		const char *e = strchr(p + 1, '\'');

		if (e == NULL) {
			break;
		}
		out[n].ptr = p + 1;
		out[n].len = (size_t)(e - p - 1);
		n++;
		p = e + 1;
	}
	return n;
}

int
main(int argc, char **argv)
{
	const cJSON *common, *list;
	sigv4_str skip_expected = { NULL, 0 };
	cJSON *doc;
	char err[256], label[300], text[512];
	char *file, *path;
	size_t len, i;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s <header-filtering.json>\n", argv[0]);
		return 2;
	}
	path = su_vector_path(argv[1]);
	file = tu_read_file(path, &len);
	if (file == NULL) {
		fprintf(stderr, "cannot read %s (set SIGV4_VECTORS_DIR / "
			"-DSIGV4_VECTORS_DIR)\n", path);
		free(path);
		return 1;
	}
	doc = su_json_parse(file, len, err, sizeof err);
	free(file);
	if (doc == NULL) {
		fprintf(stderr, "%s: %s\n", path, err);
		free(path);
		return 1;
	}

	common = su_json_get(doc, "common");
	g_akid = su_json_str(su_json_path(common, "credentials", "access_key_id",
		(const char *)NULL));
	g_secret = su_json_str(su_json_path(common, "credentials",
		"secret_access_key", (const char *)NULL));
	g_region = su_json_str(su_json_get(common, "region"));
	g_service = su_json_str(su_json_get(common, "service"));
	if (g_akid == NULL || g_secret == NULL || g_region == NULL
		|| g_service == NULL || su_json_str(su_json_get(common, "timestamp"))
			== NULL
		|| su_iso_to_amz_date(g_amz_date,
			su_json_str(su_json_get(common, "timestamp"))) < 0)
	{
		fprintf(stderr, "%s: bad \"common\" object\n", path);
		cJSON_Delete(doc);
		free(path);
		return 1;
	}
	g_amz_date[16] = 0;
	/* The file's common options are what base_params() sets. */
	if (su_json_bool(su_json_path(common, "signer_options",
		"use_double_uri_encode", (const char *)NULL), -1) != 0
		|| su_json_bool(su_json_path(common, "signer_options",
			"should_normalize_uri_path", (const char *)NULL), -1) != 0)
	{
		fprintf(stderr, "%s: unexpected signer_options\n", path);
		cJSON_Delete(doc);
		free(path);
		return 1;
	}
	su_sha256_hex(g_empty_hash, "", 0);

	list = su_json_get(doc, "skipped_header_cases");
	for (i = 0; list != NULL && i < su_json_count(list); i++) {
		const cJSON *cs = su_json_at(list, i);
		const cJSON *req = su_json_get(cs, "request");
		const cJSON *exp = su_json_get(cs, "expected_canonical_request");
		const char *pred = su_json_str(su_json_get(cs,
			"should_sign_header"));
		sigv4_str names[8];
		size_t n = 0;

		if (req == NULL || exp == NULL || !cJSON_IsString(exp)) {
			tu_fail(__FILE__, __LINE__, "skipped_header_cases[%lu]: "
				"malformed", (unsigned long)i);
			continue;
		}
		if (pred != NULL) {
			n = quoted_names(pred, names, 8);
			tu_check(n > 0, __FILE__, __LINE__, "no quoted names in "
				"\"%s\"", pred);
		}
		if (skip_expected.ptr == NULL) {
			skip_expected = su_json_view(exp);
		}
		snprintf(label, sizeof label, "skip: %s%s", case_name(cs),
			n > 0 ? " (unsigned_headers from should_sign_header)" : "");
		expect_canonical(label, su_json_view(req).ptr,
			su_json_view(req).len, su_json_view(exp), names, n);
	}

	/* Every always-skipped name, on the request of the cases above. */
	list = su_json_get(doc, "aws_c_auth_always_skipped_headers");
	for (i = 0; list != NULL && skip_expected.ptr != NULL
		&& i < su_json_count(list); i++)
	{
		const char *name = su_json_str(su_json_at(list, i));
		int n;

		if (name == NULL) {
			continue;
		}
		n = snprintf(text, sizeof text, "GET / HTTP/1.1\n"
			"Host:example.amazonaws.com\n%s:some value\n\n", name);
		snprintf(label, sizeof label, "always skipped: %s", name);
		expect_canonical(label, text, (size_t)n, skip_expected, NULL, 0);
	}

	list = su_json_get(doc, "forbidden_input_cases");
	for (i = 0; list != NULL && i < su_json_count(list); i++) {
		const cJSON *cs = su_json_at(list, i);
		const cJSON *req = su_json_get(cs, "request");
		const char *want = su_json_str(su_json_get(cs, "expected_error"));
		int code;

		if (req == NULL || !cJSON_IsString(req) || want == NULL) {
			tu_fail(__FILE__, __LINE__, "forbidden_input_cases[%lu]: "
				"malformed", (unsigned long)i);
			continue;
		}
		if (strcmp(want, "AWS_AUTH_SIGNING_ILLEGAL_REQUEST_HEADER") == 0) {
			code = SIGV4_ERR_HEADER_RESERVED;
		} else if (strcmp(want,
			"AWS_AUTH_SIGNING_ILLEGAL_REQUEST_QUERY_PARAM") == 0)
		{
			code = SIGV4_ERR_QUERY_RESERVED;
		} else {
			tu_fail(__FILE__, __LINE__, "unknown expected_error %s", want);
			continue;
		}
		snprintf(label, sizeof label, "forbidden: %s", case_name(cs));
		expect_error(label, su_json_view(req).ptr, su_json_view(req).len,
			code);
	}

	list = su_json_get(doc, "aws_c_auth_forbidden_headers");
	for (i = 0; list != NULL && i < su_json_count(list); i++) {
		const char *name = su_json_str(su_json_at(list, i));
		int n;

		if (name == NULL) {
			continue;
		}
		n = snprintf(text, sizeof text, "GET / HTTP/1.1\n"
			"Host:example.amazonaws.com\n%s:x\n\n", name);
		snprintf(label, sizeof label, "forbidden header: %s", name);
		expect_error(label, text, (size_t)n, SIGV4_ERR_HEADER_RESERVED);
	}

	list = su_json_get(doc, "aws_c_auth_forbidden_query_params");
	for (i = 0; list != NULL && i < su_json_count(list); i++) {
		const char *name = su_json_str(su_json_at(list, i));
		int n;

		if (name == NULL) {
			continue;
		}
		n = snprintf(text, sizeof text, "GET /?%s=x HTTP/1.1\n"
			"Host:example.amazonaws.com\n\n", name);
		snprintf(label, sizeof label, "forbidden query param: %s", name);
		expect_error(label, text, (size_t)n, SIGV4_ERR_QUERY_RESERVED);
	}
	cJSON_Delete(doc);

	printf("\n%s: %u ran, %u passed, %u failed, 0 skipped\n", path, ran,
		passed, failed);
	rc = tu_finish("test_header_filtering");
	if (ran == 0) {
		printf("no case ran\n");
		free(path);
		return 1;
	}
	free(path);
	return (rc != 0 || failed != 0) ? 1 : 0;
}
