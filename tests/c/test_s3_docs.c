/*
 * test_s3_docs.c: the worked examples of the Amazon S3 API Reference
 * (s3-doc-examples.json) through the public API.
 *
 *   test_s3_docs <s3-doc-examples.json>
 *
 * Kinds "header" and "query" are run, and so are the seed requests of the
 * two aws-chunked examples: an ordinary header signature whose payload
 * hash is the STREAMING-* marker of their x-amz-content-sha256 header,
 * checked against the seed signature and Authorization. Their chunk and
 * trailer signatures, and the POST policy example, are outside the
 * signer's API (it signs requests only); they are skipped by name.
 *
 * The point of these examples is S3 mode: service "s3" with no encode or
 * normalise flag, so the library's S3 defaults (encode the path once, do
 * not normalise, sign x-amz-content-sha256) must apply. Header examples
 * run twice: with SIGV4_CONTENT_SHA256 given, and with no flag at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"
#include "suite_util.h"
#include "test_util.h"

typedef struct {
	unsigned ran;
	unsigned passed;
	unsigned failed;
	unsigned skipped;
} counts;

static void
finish_case(counts *c, const char *name, const char *variant,
	unsigned long fail_before)
{
	int ok = tu_failures == fail_before;

	c->ran++;
	if (ok) {
		c->passed++;
	} else {
		c->failed++;
	}
	printf("%s  %s [%s]\n", ok ? "PASS" : "FAIL", name, variant);
	fflush(stdout);
}

/* The names in "SignedHeaders=a;b;c," of an Authorization value. */
static int
listed_in_authorization(sigv4_str auth, sigv4_str name)
{
	const char *p = NULL, *end = auth.ptr + auth.len;
	size_t i;

	for (i = 0; i + 14 <= auth.len; i++) {
		if (memcmp(auth.ptr + i, "SignedHeaders=", 14) == 0) {
			p = auth.ptr + i + 14;
			break;
		}
	}
	while (p != NULL && p < end && *p != ',') {
		const char *e = p;
		sigv4_str item;

		while (e < end && *e != ';' && *e != ',') {
			e++;
		}
		item.ptr = p;
		item.len = (size_t)(e - p);
		if (su_eq_nocase(item, name)) {
			return 1;
		}
		p = e < end && *e == ';' ? e + 1 : e;
	}
	return 0;
}

/* Run one header or query example with the given extra flags. A
 * streaming example signs its seed request: the payload hash is its
 * STREAMING-* marker, and headers its Authorization does not list (the
 * trailer example leaves Content-Length unsigned) are passed as
 * unsigned_headers, so the signed list itself is still compared. */
static void
run_example(const cJSON *ex, int presign, int streaming,
	uint32_t flags, const char *variant, counts *c)
{
	const char *name = su_json_str(su_json_get(ex, "name"));
	const cJSON *req = su_json_get(ex, "request");
	const cJSON *exp = su_json_get(ex, "expected");
	const cJSON *opts = su_json_get(ex, "options");
	const cJSON *jheaders = su_json_get(req, "headers");
	unsigned long fail_before = tu_failures;
	char label[256], what[300], amz_date[17], body_hash[65];
	sigv4_str date_v = { NULL, 0 }, hash_v = { NULL, 0 };
	sigv4_str exp_auth = su_json_view(su_json_get(exp, "authorization"));
	sigv4_header *headers = NULL;
	sigv4_str *unsigned_names = NULL;
	size_t n = 0, n_unsigned = 0, i;
	sigv4_params params;
	sigv4_request r;
	sigv4_key key;
	su_result res;
	sigv4_str body;
	int rc;

	snprintf(label, sizeof label, "%s [%s]", name ? name : "?", variant);
	memset(&res, 0, sizeof res);
	if (!tu_check(name != NULL && req != NULL && exp != NULL
		&& jheaders != NULL && cJSON_IsArray(jheaders),
		__FILE__, __LINE__, "%s: malformed example", label))
	{
		goto out;
	}

	/* Headers; x-amz-date and x-amz-content-sha256 are the signer's. */
	headers = calloc(su_json_count(jheaders) + 1, sizeof *headers);
	unsigned_names = calloc(su_json_count(jheaders) + 1,
		sizeof *unsigned_names);
	if (headers == NULL || unsigned_names == NULL) {
		exit(2);
	}
	for (i = 0; i < su_json_count(jheaders); i++) {
		const cJSON *h = su_json_at(jheaders, i);
		sigv4_str hn = su_json_view(su_json_at(h, 0));
		sigv4_str hv = su_json_view(su_json_at(h, 1));

		if (su_eq_nocase(hn, su_cstr("x-amz-date"))) {
			date_v = hv;
		} else if (su_eq_nocase(hn, su_cstr("x-amz-content-sha256"))) {
			hash_v = hv;
		} else {
			headers[n].name = hn;
			headers[n].value = hv;
			n++;
			if (streaming && !listed_in_authorization(exp_auth, hn)) {
				unsigned_names[n_unsigned++] = hn;
			}
		}
	}

	if (date_v.len == 0) {
		/* Presigned examples carry the time only in "timestamp". */
		const char *ts = su_json_str(su_json_get(ex, "timestamp"));

		if (!tu_check(ts != NULL && su_iso_to_amz_date(amz_date, ts) == 0,
			__FILE__, __LINE__, "%s: no usable timestamp", label))
		{
			goto out;
		}
	} else {
		if (!tu_check(date_v.len == 16, __FILE__, __LINE__,
			"%s: x-amz-date is not 16 bytes", label))
		{
			goto out;
		}
		memcpy(amz_date, date_v.ptr, 16);
	}
	amz_date[16] = 0;

	body = su_json_view(su_json_get(req, "body"));
	su_sha256_hex(body_hash, body.ptr, body.len);

	memset(&params, 0, sizeof params);
	params.access_key_id = su_json_view(su_json_path(ex, "credentials",
		"access_key_id", (const char *)NULL));
	params.amz_date = su_cstr(amz_date);
	params.flags = flags;
	if (presign) {
		params.flags |= SIGV4_PRESIGN;
		params.expires = (uint32_t)su_json_num(su_json_get(opts,
			"expires_in_seconds"), 0);
		params.payload_hash = su_json_view(su_json_get(opts,
			"payload_hash"));
	} else if (streaming) {
		params.payload_hash = hash_v;
		params.unsigned_headers = unsigned_names;
		params.unsigned_header_count = n_unsigned;
		tu_check(hash_v.len > 10 && memcmp(hash_v.ptr, "STREAMING-", 10)
			== 0, __FILE__, __LINE__, "%s: x-amz-content-sha256 is not a "
			"STREAMING-* marker", label);
	} else {
		/* The documented header value is the payload hash; it must be
		 * the body's (checks the vector and sigv4_sha256_*). */
		params.payload_hash = hash_v;
		tu_check(su_eq(hash_v, su_cstr(body_hash)), __FILE__, __LINE__,
			"%s: x-amz-content-sha256 %.*s is not sha256(body) %s",
			label, (int)hash_v.len, hash_v.ptr, body_hash);
	}

	{
		const char *secret = su_json_str(su_json_path(ex, "credentials",
			"secret_access_key", (const char *)NULL));

		rc = sigv4_key_derive(&key, secret, secret ? strlen(secret) : 0,
			amz_date, su_json_view(su_json_get(ex, "region")),
			su_json_view(su_json_get(ex, "service")));
	}
	if (!tu_check(rc == SIGV4_OK, __FILE__, __LINE__,
		"%s: sigv4_key_derive: %s", label, sigv4_errname(rc)))
	{
		goto out;
	}

	r.method = su_json_view(su_json_get(req, "method"));
	r.path = su_json_view(su_json_get(req, "path"));
	r.query = su_json_view(su_json_get(req, "query"));
	r.headers = headers;
	r.header_count = n;

	rc = su_sign(&res, &key, &r, &params, label);
	sigv4_wipe(&key, sizeof key);
	if (rc != SIGV4_OK) {
		tu_fail(__FILE__, __LINE__, "%s: sigv4_sign: %d %s (%s)", label,
			rc, sigv4_errname(rc), sigv4_strerror(rc));
		goto out;
	}

	{
		sigv4_str e;

		e = su_json_view(su_json_get(exp, "canonical_request"));
		snprintf(what, sizeof what, "%s canonical request", label);
		ASSERT_MEM_EQ(what, e.ptr, e.len, res.creq, res.creq_len);
		e = su_json_view(su_json_get(exp, "string_to_sign"));
		snprintf(what, sizeof what, "%s string to sign", label);
		ASSERT_MEM_EQ(what, e.ptr, e.len, res.sts, res.sts_len);
		e = su_json_view(su_json_get(exp, streaming ? "seed_signature"
			: "signature"));
		snprintf(what, sizeof what, "%s signature", label);
		ASSERT_MEM_EQ(what, e.ptr, e.len, res.signature,
			strlen(res.signature));
	}
	if (!presign) {
		snprintf(what, sizeof what, "%s authorization", label);
		ASSERT_MEM_EQ(what, exp_auth.ptr, exp_auth.len, res.out,
			res.out_len);
	} else {
		const char *url = su_json_str(su_json_get(exp, "url"));
		const char *q = url != NULL ? strchr(url, '?') : NULL;

		if (tu_check(q != NULL, __FILE__, __LINE__,
			"%s: expected url has no query", label))
		{
			snprintf(what, sizeof what, "%s presigned query", label);
			ASSERT_MEM_EQ(what, q + 1, strlen(q + 1), res.out,
				res.out_len);
		}
	}

out:
	su_result_free(&res);
	free(headers);
	free(unsigned_names);
	finish_case(c, name ? name : "?", variant, fail_before);
}

int
main(int argc, char **argv)
{
	counts c = { 0, 0, 0, 0 };
	const cJSON *examples;
	cJSON *doc;
	char err[256];
	char *path;
	char *text;
	size_t len, i;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s <s3-doc-examples.json>\n", argv[0]);
		return 2;
	}
	path = su_vector_path(argv[1]);
	text = tu_read_file(path, &len);
	if (text == NULL) {
		fprintf(stderr, "cannot read %s (set SIGV4_VECTORS_DIR / "
			"-DSIGV4_VECTORS_DIR)\n", path);
		free(path);
		return 1;
	}
	doc = su_json_parse(text, len, err, sizeof err);
	free(text);
	if (doc == NULL) {
		fprintf(stderr, "%s: %s\n", path, err);
		free(path);
		return 1;
	}
	examples = su_json_get(doc, "examples");
	for (i = 0; examples != NULL && i < su_json_count(examples); i++) {
		const cJSON *ex = su_json_at(examples, i);
		const char *kind = su_json_str(su_json_get(ex, "kind"));
		const char *name = su_json_str(su_json_get(ex, "name"));

		if (kind != NULL && strcmp(kind, "header") == 0) {
			run_example(ex, 0, 0, SIGV4_CONTENT_SHA256,
				"header, SIGV4_CONTENT_SHA256", &c);
			run_example(ex, 0, 0, 0, "header, s3 defaults (flags 0)", &c);
		} else if (kind != NULL && strcmp(kind, "query") == 0) {
			run_example(ex, 1, 0, 0, "presign", &c);
		} else if (kind != NULL && strncmp(kind, "aws-chunked", 11) == 0) {
			run_example(ex, 0, 1, 0, "seed request, s3 defaults", &c);
			c.skipped++;
			printf("SKIP  %s [chunks%s]: chunk and trailer signatures "
				"are not request signatures; the signer has no API for "
				"them\n", name ? name : "?",
				su_json_get(su_json_get(ex, "expected"), "trailer")
				!= NULL ? ", trailer" : "");
		} else {
			c.skipped++;
			printf("SKIP  %s: kind \"%s\": a POST policy signature "
				"signs a base64 policy, not a request; the signer has no "
				"API for it\n", name ? name : "?", kind ? kind : "?");
		}
	}
	cJSON_Delete(doc);

	printf("\n%s: %u ran, %u passed, %u failed, %u skipped\n", path,
		c.ran, c.passed, c.failed, c.skipped);
	rc = tu_finish("test_s3_docs");
	if (c.ran == 0) {
		printf("no example ran\n");
		free(path);
		return 1;
	}
	free(path);
	return (rc != 0 || c.failed != 0) ? 1 : 0;
}
