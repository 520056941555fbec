/*
 * test_suite_classic.c: run a classic (2015) SigV4 test suite through the
 * public API, header mode only.
 *
 *   test_suite_classic <suite dir> [case ...]
 *
 * A case is a directory <name>/ holding <name>.req (input), .creq, .sts
 * and .authz (expected canonical request, string to sign, Authorization
 * value), possibly nested one level (normalize-path/, post-sts-token/).
 * There is no context file: the suite constants apply (vectors README
 * section 1). The .req carries X-Amz-Date as an input header: it is taken
 * out and becomes amz_date. The session token, when there is one, is found
 * where the suite puts it:
 *   - an X-Amz-Security-Token header in the .req (post-sts-header-before):
 *     taken out and signed;
 *   - else a x-amz-security-token line in the .creq
 *     (get-vanilla-with-session-token): signed, the way botocore's harness
 *     extracts it;
 *   - else an X-Amz-Security-Token header in the .sreq only
 *     (post-sts-header-after): added after signing (SIGV4_TOKEN_AFTER).
 * The .sreq is otherwise not used: get-vanilla-with-session-token.sreq
 * carries a wrong signature (vectors README section 6).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"
#include "suite_util.h"
#include "test_util.h"

/* Suite constants (vectors README section 1). */
static const char AKID[] = "AKIDEXAMPLE";
static const char SECRET[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
static const char REGION[] = "us-east-1";
static const char SERVICE[] = "service";

typedef struct {
	unsigned ran;
	unsigned passed;
	unsigned failed;
	unsigned skipped;
} counts;

/* The value of the line "prefix..." in text (to the end of the line). */
static int
find_line_value(const char *text, size_t len, const char *prefix,
	sigv4_str *value)
{
	size_t pl = strlen(prefix), pos = 0;

	while (pos < len) {
		size_t eol = pos;

		while (eol < len && text[eol] != '\n') {
			eol++;
		}
		if (eol - pos >= pl && memcmp(text + pos, prefix, pl) == 0) {
			value->ptr = text + pos + pl;
			value->len = eol - pos - pl;
			return 1;
		}
		pos = eol + 1;
	}
	return 0;
}

static void
run_case(const char *dir, const char *name, const char *base, counts *c)
{
	char *req_text = NULL, *creq = NULL, *sts = NULL, *authz = NULL;
	char *sreq_text = NULL;
	size_t req_len = 0, creq_len = 0, sts_len = 0, authz_len = 0;
	size_t sreq_len = 0;
	unsigned long fail_before = tu_failures;
	char err[256], label[300], what[400];
	char amz_date[17], payload_hash[65];
	const char *token_from = "none";
	su_request req, sreq;
	sigv4_str token = { NULL, 0 };
	sigv4_params params;
	su_result res;
	int token_after = 0, rc;

	memset(&req, 0, sizeof req);
	memset(&sreq, 0, sizeof sreq);
	snprintf(label, sizeof label, "%s", name);

	req_text = su_read_case_file(dir, base, ".", "req", &req_len);
	creq = su_read_case_file(dir, base, ".", "creq", &creq_len);
	sts = su_read_case_file(dir, base, ".", "sts", &sts_len);
	authz = su_read_case_file(dir, base, ".", "authz", &authz_len);
	sreq_text = su_read_case_file(dir, base, ".", "sreq", &sreq_len);
	if (creq == NULL || sts == NULL || authz == NULL) {
		c->skipped++;
		printf("SKIP  %s: missing .%s\n", name, creq == NULL ? "creq"
			: sts == NULL ? "sts" : "authz");
		goto done;
	}

	if (su_parse_request(&req, req_text, req_len, err, sizeof err) < 0) {
		tu_fail(__FILE__, __LINE__, "%s: cannot parse .req: %s", label,
			err);
		goto report;
	}

	/* X-Amz-Date is an input header here; the signer owns it. */
	if (!tu_check(su_take_amz_date(&req, amz_date) == 0, __FILE__,
		__LINE__, "%s: .req needs exactly one 16-byte X-Amz-Date header",
		label))
	{
		goto report;
	}

	if (su_request_take_header(&req, "x-amz-security-token", &token) > 0) {
		token_from = ".req header (signed)";
	} else if (find_line_value(creq, creq_len, "x-amz-security-token:",
		&token))
	{
		token_from = ".creq line (signed)";
	} else if (sreq_text != NULL) {
		if (su_parse_request(&sreq, sreq_text, sreq_len, err,
			sizeof err) == 0
			&& su_request_take_header(&sreq, "x-amz-security-token",
				&token) > 0)
		{
			token_from = ".sreq only (added after signing)";
			token_after = 1;
		}
	}
	if (token.len > 0) {
		printf("      %s: session token from %s\n", name, token_from);
	}

	su_sha256_hex(payload_hash, req.body.ptr, req.body.len);

	su_suite_params(&params, AKID, amz_date, payload_hash);
	params.session_token = token;
	params.flags |= token_after ? SIGV4_TOKEN_AFTER : 0u;

	rc = su_derive_and_sign(&res, &req, &params, SECRET, su_cstr(REGION),
		su_cstr(SERVICE), label);
	if (rc != SIGV4_OK) {
		tu_fail(__FILE__, __LINE__, "%s: sigv4_sign: %d %s (%s)", label,
			rc, sigv4_errname(rc), sigv4_strerror(rc));
	} else {
		snprintf(what, sizeof what, "%s .creq", label);
		ASSERT_MEM_EQ(what, creq, creq_len, res.creq, res.creq_len);
		snprintf(what, sizeof what, "%s .sts", label);
		ASSERT_MEM_EQ(what, sts, sts_len, res.sts, res.sts_len);
		snprintf(what, sizeof what, "%s .authz", label);
		ASSERT_MEM_EQ(what, authz, authz_len, res.out, res.out_len);
	}
	su_result_free(&res);

report:
	c->ran++;
	if (tu_failures == fail_before) {
		c->passed++;
		printf("PASS  %s\n", name);
	} else {
		c->failed++;
		printf("FAIL  %s\n", name);
	}
done:
	fflush(stdout);
	su_request_free(&req);
	su_request_free(&sreq);
	free(req_text);
	free(creq);
	free(sts);
	free(authz);
	free(sreq_text);
}

/* Run dir as a case if it holds <basename>.req, else look inside. */
static void
walk(const char *dir, const char *rel, const char *base, counts *c,
	int depth)
{
	char reqname[256];
	char *reqpath;
	char **names;
	size_t n, i;

	snprintf(reqname, sizeof reqname, "%s.req", base);
	reqpath = tu_join(dir, reqname);
	if (tu_is_file(reqpath)) {
		free(reqpath);
		run_case(dir, rel, base, c);
		return;
	}
	free(reqpath);
	if (depth > 3) {
		return;
	}
	names = su_list_dir(dir, &n);
	if (names == NULL) {
		return;
	}
	for (i = 0; i < n; i++) {
		char *sub = tu_join(dir, names[i]);

		if (tu_is_dir(sub)) {
			char *subrel = rel[0] != 0 ? tu_join(rel, names[i])
				: tu_strndup(names[i], strlen(names[i]));
			walk(sub, subrel, names[i], c, depth + 1);
			free(subrel);
		}
		free(sub);
	}
	su_free_list(names, n);
}

int
main(int argc, char **argv)
{
	counts c = { 0, 0, 0, 0 };
	char *suite;
	int rc, i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s <suite dir> [case ...]\n", argv[0]);
		return 2;
	}
	suite = su_vector_path(argv[1]);
	if (!tu_is_dir(suite)) {
		fprintf(stderr, "cannot read suite directory %s "
			"(set SIGV4_VECTORS_DIR / -DSIGV4_VECTORS_DIR)\n", suite);
		free(suite);
		return 1;
	}
	if (argc > 2) {
		for (i = 2; i < argc; i++) {
			char *dir = tu_join(suite, argv[i]);
			const char *base = strrchr(argv[i], '/');

			walk(dir, argv[i], base != NULL ? base + 1 : argv[i], &c, 0);
			free(dir);
		}
	} else {
		walk(suite, "", "", &c, 0);
	}

	printf("\n%s: %u ran, %u passed, %u failed, %u skipped\n", suite,
		c.ran, c.passed, c.failed, c.skipped);
	rc = tu_finish("test_suite_classic");
	if (rc != 0 || c.failed != 0) {
		free(suite);
		return 1;
	}
	if (c.ran == 0) {
		printf("no case ran: wrong directory?\n");
		free(suite);
		return 1;
	}
	free(suite);
	return 0;
}
