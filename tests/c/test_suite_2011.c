/*
 * test_suite_2011.c: the original 2011 AWS SigV4 suite (botocore's copy)
 * through the public API, at the canonical-request level.
 *
 *   test_suite_2011 <suite dir> [overrides dir]
 *
 * The suite is flat: <case>.req, .creq, .sts, .authz, .sreq side by side,
 * all CRLF (vectors README sections 1 and 6). Its requests carry a Date
 * header and no X-Amz-Date, and its canonical requests sign date and host
 * only, in the scope <date>/us-east-1/host. Our signer always adds and
 * signs x-amz-date (SigV4 as AWS specifies it since 2015), so neither the
 * string to sign's hash nor the Authorization can match: what is checked
 * is
 *   - the canonical request, byte for byte, after taking our x-amz-date
 *     line and its SignedHeaders entry out (nothing else is touched);
 *   - the first three lines of the string to sign (algorithm, the date
 *     from the Date header, the scope);
 *   - and, of the vector itself, that the .sts hashes the .creq read with
 *     LF line ends (so the CRLF reading is right).
 *
 * Reading rules the expected files imply: the request target ends at the
 * first space ("POST /?f oo=b ar http/1.1" signs the query "f=");
 * X-Amz-Date comes from the Date header. The overrides directory holds
 * botocore's double-encoded .creq for get-space and get-utf8, which are
 * used instead of the suite's single-encoded ones (the suite's non-S3
 * paths are encoded twice, as in the 2015 suite).
 *
 * Cases that test a rule our signer deliberately does not follow are
 * skipped by name, with the reason (EXCEPTIONS below).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"
#include "suite_util.h"
#include "test_util.h"

/* Suite constants: the key is the 2015 suite's; scope region and service
 * are what every .sts of the 2011 suite says. */
static const char AKID[] = "AKIDEXAMPLE";
static const char SECRET[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
static const char REGION[] = "us-east-1";
static const char SERVICE[] = "host";

static const struct {
	const char *name;
	const char *why;
} EXCEPTIONS[] = {
	{ "get-header-key-duplicate", "the 2011 suite sorts the values of a "
		"repeated header (zoo:foobar,zoobar,zoobar); the 2015 and "
		"current suites, and this signer, keep input order "
		"(vectors README section 6)" },
	{ "get-header-value-order", "the 2011 suite sorts the values of a "
		"repeated header (p:a,a,p,z); the 2015 and current suites, and "
		"this signer, keep input order (vectors README section 6)" },
	{ "post-vanilla-query-nonunreserved", "its query holds '#', which "
		"starts a fragment: the signer refuses such a query "
		"(SIGV4_ERR_QUERY, checked below); smithy-typescript's "
		"re-derivation of this case runs in tests/js" },
};

static unsigned ran, passed, failed, skipped;

static const char *
exception(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof EXCEPTIONS / sizeof EXCEPTIONS[0]; i++) {
		if (strcmp(EXCEPTIONS[i].name, name) == 0) {
			return EXCEPTIONS[i].why;
		}
	}
	return NULL;
}

/* Read dir/base.ext with every '\r' removed (the files are CRLF). */
static char *
read_lf(const char *dir, const char *base, const char *ext, size_t *len)
{
	char *text = su_read_case_file(dir, base, ".", ext, len);

	if (text != NULL) {
		*len = su_drop_cr(text, *len);
	}
	return text;
}

/* "Mon, 09 Sep 2011 23:36:00 GMT" -> "20110909T233600Z". */
static int
http_date_to_amz(char out[17], sigv4_str v)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char buf[64], mon[4];
	const char *m;
	int d, y, hh, mm, ss;

	if (v.len >= sizeof buf) {
		return -1;
	}
	memcpy(buf, v.ptr, v.len);
	buf[v.len] = 0;
	if (sscanf(buf, "%*3s, %2d %3s %4d %2d:%2d:%2d GMT", &d, mon, &y, &hh,
		&mm, &ss) != 6 || (m = strstr(months, mon)) == NULL)
	{
		return -1;
	}
	if (y < 1970 || y > 9999 || d < 1 || d > 31 || hh > 23 || mm > 59
		|| ss > 60 || hh < 0 || mm < 0 || ss < 0)
	{
		return -1;
	}
	snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", y,
		(int)(m - months) / 3 + 1, d, hh, mm, ss);
	memcpy(out, buf, 17);
	return 0;
}

/* Our canonical request without its x-amz-date header line and without
 * "x-amz-date" in the SignedHeaders line. Lines: method, path, query
 * (0-2), header lines, a blank line, SignedHeaders, payload hash. */
static char *
without_amz_date(const char *creq, size_t len, size_t *out_len)
{
	char *out = malloc(len + 1);
	size_t pos = 0, n = 0, index = 0;
	int state = 0;   /* 0: before the blank line, 1: SignedHeaders, 2: after */

	if (out == NULL) {
		exit(2);
	}
	for (; pos < len; index++) {
		const char *line = creq + pos;
		size_t eol = pos, ll;

		while (eol < len && creq[eol] != '\n') {
			eol++;
		}
		ll = eol - pos;
		if (state == 0 && index >= 3 && ll >= 11
			&& memcmp(line, "x-amz-date:", 11) == 0)
		{
			pos = eol + 1;
			continue;
		}
		if (state == 1) {
			size_t s = 0;
			int first = 1;

			while (s <= ll) {
				size_t e = s;

				while (e < ll && line[e] != ';') {
					e++;
				}
				if (e - s != 10 || memcmp(line + s, "x-amz-date", 10)
					!= 0)
				{
					if (!first) {
						out[n++] = ';';
					}
					memcpy(out + n, line + s, e - s);
					n += e - s;
					first = 0;
				}
				s = e + 1;
			}
			state = 2;
		} else {
			memcpy(out + n, line, ll);
			n += ll;
			if (state == 0 && index >= 3 && ll == 0) {
				state = 1;
			}
		}
		if (eol < len) {
			out[n++] = '\n';
		}
		pos = eol + 1;
	}
	*out_len = n;
	return out;
}

static void
run_case(const char *dir, const char *overrides, const char *base)
{
	char *req_text = NULL, *creq = NULL, *sts = NULL;
	size_t req_len = 0, creq_len = 0, sts_len = 0, mine_len = 0;
	unsigned long fail_before = tu_failures;
	char err[256], what[300], amz_date[17], payload_hash[65], hash[65];
	const char *why = exception(base);
	const char *creq_from = "suite";
	char *mine = NULL;
	sigv4_str date_v = { NULL, 0 };
	su_request req;
	sigv4_params params;
	su_result res;
	size_t i;
	int rc;

	memset(&req, 0, sizeof req);
	memset(&res, 0, sizeof res);
	req_text = read_lf(dir, base, "req", &req_len);
	if (overrides != NULL) {
		creq = read_lf(overrides, base, "creq", &creq_len);
		sts = read_lf(overrides, base, "sts", &sts_len);
		if (creq != NULL) {
			creq_from = "overrides";
		}
	}
	if (creq == NULL) {
		creq = read_lf(dir, base, "creq", &creq_len);
		free(sts);
		sts = read_lf(dir, base, "sts", &sts_len);
	}
	if (!tu_check(req_text != NULL && creq != NULL && sts != NULL,
		__FILE__, __LINE__, "%s: needs .req, .creq and .sts", base))
	{
		goto report;
	}

	/* The vector: its .sts hashes its .creq read with LF line ends. */
	su_sha256_hex(hash, creq, creq_len);
	tu_check(sts_len >= 64 && memcmp(sts + sts_len - 64, hash, 64) == 0,
		__FILE__, __LINE__, "%s: the %s .sts does not hash the .creq",
		base, creq_from);

	if (su_parse_request(&req, req_text, req_len, err, sizeof err) < 0) {
		tu_fail(__FILE__, __LINE__, "%s: cannot parse .req: %s", base,
			err);
		goto report;
	}
	/* The request target ends at the first space. */
	for (i = 0; i < req.target.len && req.target.ptr[i] != ' '; i++) {
	}
	req.target.len = i;
	req.path = req.target;
	req.query.ptr = NULL;
	req.query.len = 0;
	for (i = 0; i < req.target.len; i++) {
		if (req.target.ptr[i] == '?') {
			req.path.len = i;
			req.query.ptr = req.target.ptr + i + 1;
			req.query.len = req.target.len - i - 1;
			break;
		}
	}

	/* The Date header stays (it is signed) and gives X-Amz-Date. */
	for (i = 0; i < req.header_count; i++) {
		if (su_eq_nocase(req.headers[i].name, su_cstr("date"))) {
			date_v = req.headers[i].value;
		}
	}
	if (!tu_check(http_date_to_amz(amz_date, date_v) == 0, __FILE__,
		__LINE__, "%s: no usable Date header", base))
	{
		goto report;
	}

	su_sha256_hex(payload_hash, req.body.ptr, req.body.len);
	su_suite_params(&params, AKID, amz_date, payload_hash);
	rc = su_derive_and_sign(&res, &req, &params, SECRET, su_cstr(REGION),
		su_cstr(SERVICE), base);

	if (why != NULL) {
		/* The '#' case must be refused, not signed some other way. */
		if (strchr(why, '#') != NULL) {
			tu_check(rc == SIGV4_ERR_QUERY, __FILE__, __LINE__,
				"%s: expected SIGV4_ERR_QUERY, got %s", base,
				sigv4_errname(rc));
		}
		if (tu_failures == fail_before) {
			skipped++;
			printf("SKIP  %s: %s\n", base, why);
			goto done;
		}
		goto report;
	}
	if (rc != SIGV4_OK) {
		tu_fail(__FILE__, __LINE__, "%s: sigv4_sign: %d %s (%s)", base, rc,
			sigv4_errname(rc), sigv4_strerror(rc));
		goto report;
	}

	mine = without_amz_date(res.creq, res.creq_len, &mine_len);
	snprintf(what, sizeof what, "%s canonical request (%s .creq; ours "
		"without x-amz-date)", base, creq_from);
	ASSERT_MEM_EQ(what, creq, creq_len, mine, mine_len);
	{
		/* Lines 1-3 of the string to sign: up to the third '\n'. */
		size_t n3 = 0, k;

		for (k = 0; k < sts_len && n3 < 3; k++) {
			n3 += sts[k] == '\n';
		}
		snprintf(what, sizeof what, "%s string to sign, lines 1-3", base);
		ASSERT_MEM_EQ(what, sts, k, res.sts, k <= res.sts_len ? k
			: res.sts_len);
	}

report:
	ran++;
	if (tu_failures == fail_before) {
		passed++;
		printf("PASS  %s\n", base);
	} else {
		failed++;
		printf("FAIL  %s\n", base);
	}
done:
	fflush(stdout);
	su_result_free(&res);
	su_request_free(&req);
	free(mine);
	free(req_text);
	free(creq);
	free(sts);
}

int
main(int argc, char **argv)
{
	char *suite, *overrides = NULL;
	char **names;
	size_t count, i;
	int rc;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s <suite dir> [overrides dir]\n",
			argv[0]);
		return 2;
	}
	suite = su_vector_path(argv[1]);
	if (argc == 3) {
		overrides = su_vector_path(argv[2]);
	}
	names = su_list_dir(suite, &count);
	if (names == NULL || (overrides != NULL && !tu_is_dir(overrides))) {
		fprintf(stderr, "cannot read %s (set SIGV4_VECTORS_DIR / "
			"-DSIGV4_VECTORS_DIR)\n", names == NULL ? suite : overrides);
		free(suite);
		free(overrides);
		return 1;
	}
	for (i = 0; i < count; i++) {
		size_t n = strlen(names[i]);

		if (n > 4 && strcmp(names[i] + n - 4, ".req") == 0) {
			names[i][n - 4] = 0;
			run_case(suite, overrides, names[i]);
		}
	}
	su_free_list(names, count);

	printf("\n%s: %u ran, %u passed, %u failed, %u skipped\n", suite,
		ran, passed, failed, skipped);
	rc = tu_finish("test_suite_2011");
	free(suite);
	free(overrides);
	if (ran == 0) {
		printf("no case ran: wrong directory?\n");
		return 1;
	}
	return (rc != 0 || failed != 0) ? 1 : 0;
}
