/*
 * test_general_ref.c: the AWS General Reference worked examples
 * (aws-general-reference-examples.json) through the public API.
 *
 *   test_general_ref <aws-general-reference-examples.json>
 *
 *   - iam-listusers-header: end to end (canonical request, its SHA-256,
 *     string to sign, signing key, signature, Authorization), once with a
 *     derived key and once with the documented kSigning imported through
 *     sigv4_key_import();
 *   - signing-key-derivation-20120215-iam: sigv4_key_derive() gives
 *     kSigning and records the scope.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"
#include "suite_util.h"
#include "test_util.h"

static unsigned ran, passed, failed, skipped;

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
check_scope(const char *label, const sigv4_key *key, const char *date,
	sigv4_str region, sigv4_str service)
{
	char what[200];

	snprintf(what, sizeof what, "%s key.date", label);
	ASSERT_MEM_EQ(what, date, 8, key->date, 8);
	snprintf(what, sizeof what, "%s key.region", label);
	ASSERT_MEM_EQ(what, region.ptr, region.len, key->region,
		key->region_len);
	snprintf(what, sizeof what, "%s key.service", label);
	ASSERT_MEM_EQ(what, service.ptr, service.len, key->service,
		key->service_len);
}

static void
run_listusers(const cJSON *ex, int import_key)
{
	const char *label = import_key ? "iam-listusers-header [imported key]"
		: "iam-listusers-header [derived key]";
	const cJSON *req = su_json_get(ex, "request");
	const cJSON *exp = su_json_get(ex, "expected");
	const cJSON *jh = su_json_get(req, "headers");
	const char *secret = su_json_str(su_json_path(ex, "credentials",
		"secret_access_key", (const char *)NULL));
	sigv4_str region = su_json_view(su_json_get(ex, "region"));
	sigv4_str service = su_json_view(su_json_get(ex, "service"));
	unsigned long fail_before = tu_failures;
	sigv4_header headers[16];
	sigv4_str date_v = { NULL, 0 }, e;
	char amz_date[17], payload_hash[65], hex[65], what[300];
	uint8_t kbytes[32];
	sigv4_params params;
	sigv4_request r;
	sigv4_key key;
	su_result res;
	size_t n = 0, i;
	int rc;

	memset(&res, 0, sizeof res);
	if (!tu_check(req != NULL && exp != NULL && jh != NULL
		&& cJSON_IsArray(jh) && su_json_count(jh) <= 16 && secret != NULL,
		__FILE__, __LINE__, "%s: malformed example", label))
	{
		goto out;
	}
	for (i = 0; i < su_json_count(jh); i++) {
		sigv4_str hn = su_json_view(su_json_at(su_json_at(jh, i), 0));
		sigv4_str hv = su_json_view(su_json_at(su_json_at(jh, i), 1));

		if (su_eq_nocase(hn, su_cstr("x-amz-date"))) {
			date_v = hv;   /* the signer adds it */
		} else {
			headers[n].name = hn;
			headers[n++].value = hv;
		}
	}
	if (!tu_check(date_v.len == 16, __FILE__, __LINE__,
		"%s: no 16-byte X-Amz-Date header", label))
	{
		goto out;
	}
	memcpy(amz_date, date_v.ptr, 16);
	amz_date[16] = 0;

	if (import_key) {
		e = su_json_view(su_json_get(exp, "signing_key_hex"));
		if (!tu_check(tu_hex_decode(kbytes, 32, e.ptr, e.len) == 0,
			__FILE__, __LINE__, "%s: bad signing_key_hex", label))
		{
			goto out;
		}
		rc = sigv4_key_import(&key, kbytes, amz_date, region, service);
	} else {
		rc = sigv4_key_derive(&key, secret, strlen(secret), amz_date,
			region, service);
	}
	if (!tu_check(rc == SIGV4_OK, __FILE__, __LINE__, "%s: key: %s",
		label, sigv4_errname(rc)))
	{
		goto out;
	}
	check_scope(label, &key, amz_date, region, service);
	tu_hex_encode(hex, key.signing_key, 32);
	e = su_json_view(su_json_get(exp, "signing_key_hex"));
	snprintf(what, sizeof what, "%s signing key", label);
	ASSERT_MEM_EQ(what, e.ptr, e.len, hex, 64);

	su_sha256_hex(payload_hash, "", 0);   /* body is empty */
	memset(&params, 0, sizeof params);
	params.access_key_id = su_json_view(su_json_path(ex, "credentials",
		"access_key_id", (const char *)NULL));
	params.amz_date = su_cstr(amz_date);
	params.payload_hash = su_cstr(payload_hash);
	params.flags = 0;   /* iam: the non-S3 defaults */

	r.method = su_json_view(su_json_get(req, "method"));
	r.path = su_json_view(su_json_get(req, "path"));
	r.query = su_json_view(su_json_get(req, "query"));
	r.headers = headers;
	r.header_count = n;

	rc = su_sign(&res, &key, &r, &params, label);
	sigv4_wipe(&key, sizeof key);
	if (rc != SIGV4_OK) {
		tu_fail(__FILE__, __LINE__, "%s: sigv4_sign: %s (%s)", label,
			sigv4_errname(rc), sigv4_strerror(rc));
		goto out;
	}
	e = su_json_view(su_json_get(exp, "canonical_request"));
	snprintf(what, sizeof what, "%s canonical request", label);
	ASSERT_MEM_EQ(what, e.ptr, e.len, res.creq, res.creq_len);

	/* The documented hash of the documented canonical request. */
	su_sha256_hex(hex, e.ptr, e.len);
	e = su_json_view(su_json_get(exp, "canonical_request_sha256"));
	snprintf(what, sizeof what, "%s sha256(expected canonical request)",
		label);
	ASSERT_MEM_EQ(what, e.ptr, e.len, hex, 64);

	e = su_json_view(su_json_get(exp, "string_to_sign"));
	snprintf(what, sizeof what, "%s string to sign", label);
	ASSERT_MEM_EQ(what, e.ptr, e.len, res.sts, res.sts_len);
	e = su_json_view(su_json_get(exp, "signature"));
	snprintf(what, sizeof what, "%s signature", label);
	ASSERT_MEM_EQ(what, e.ptr, e.len, res.signature, strlen(res.signature));
	e = su_json_view(su_json_get(exp, "authorization"));
	snprintf(what, sizeof what, "%s authorization", label);
	ASSERT_MEM_EQ(what, e.ptr, e.len, res.out, res.out_len);
out:
	su_result_free(&res);
	result(label, fail_before);
}

static void
run_key_derivation(const cJSON *ex)
{
	const char *label = "signing-key-derivation-20120215-iam";
	const cJSON *in = su_json_get(ex, "inputs");
	const cJSON *exp = su_json_get(ex, "expected");
	const char *secret = su_json_str(su_json_get(in, "secret_access_key"));
	sigv4_str date = su_json_view(su_json_get(in, "date"));
	sigv4_str region = su_json_view(su_json_get(in, "region"));
	sigv4_str service = su_json_view(su_json_get(in, "service"));
	unsigned long fail_before = tu_failures;
	sigv4_str e;
	sigv4_key key;
	char hex[64], what[200];
	int rc;

	if (!tu_check(secret != NULL && date.len == 8 && exp != NULL,
		__FILE__, __LINE__, "%s: malformed example", label))
	{
		result(label, fail_before);
		return;
	}
	rc = sigv4_key_derive(&key, secret, strlen(secret), date.ptr, region,
		service);
	if (tu_check(rc == SIGV4_OK, __FILE__, __LINE__,
		"%s: sigv4_key_derive: %s", label, sigv4_errname(rc)))
	{
		tu_hex_encode(hex, key.signing_key, 32);
		e = su_json_view(su_json_get(exp, "kSigning"));
		snprintf(what, sizeof what, "%s kSigning", label);
		ASSERT_MEM_EQ(what, e.ptr, e.len, hex, 64);
		check_scope(label, &key, date.ptr, region, service);
	}
	sigv4_wipe(&key, sizeof key);
	result(label, fail_before);
}

int
main(int argc, char **argv)
{
	const cJSON *examples;
	cJSON *doc;
	char err[256];
	char *path;
	char *text;
	size_t len, i;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s <aws-general-reference-examples.json>\n",
			argv[0]);
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
		const char *name = su_json_str(su_json_get(ex, "name"));

		if (name != NULL && strcmp(name, "iam-listusers-header") == 0) {
			run_listusers(ex, 0);
			run_listusers(ex, 1);
		} else if (name != NULL && strcmp(name,
			"signing-key-derivation-20120215-iam") == 0)
		{
			run_key_derivation(ex);
		} else {
			skipped++;
			printf("SKIP  %s: unknown example\n", name ? name : "?");
		}
	}
	cJSON_Delete(doc);

	printf("\n%s: %u ran, %u passed, %u failed, %u skipped\n", path,
		ran, passed, failed, skipped);
	rc = tu_finish("test_general_ref");
	if (ran < 3) {
		printf("expected 3 runs (2 examples), got %u\n", ran);
		free(path);
		return 1;
	}
	free(path);
	return (rc != 0 || failed != 0) ? 1 : 0;
}
