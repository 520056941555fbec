/*
 * test_suite_v4.c: run a directory of new-format ("aws-signing-test-suite")
 * SigV4 cases through the public API, in header mode and in query mode.
 *
 *   test_suite_v4 <suite dir> [case ...]
 *
 * Each case directory holds context.json, request.txt and, per mode,
 * {header,query}-{canonical-request,string-to-sign,signature,
 * signed-request}.txt. Canonical request, string to sign and signature are
 * compared byte for byte; the signed request loosely, as aws-c-auth does
 * (vectors README section 2): method and path exactly, headers as a
 * multiset (name case-insensitive, value exact), query parameters as a
 * set (key and value case-insensitive, both percent-decoded).
 *
 * Modes without the expected files are skipped with the reason printed,
 * so is the query half of signed_body_value cases (a withdrawn aws-c-auth
 * behaviour, README section 6), and so are vectors whose request.txt path
 * differs from the signed request's path, except for one known edit: a
 * request.txt path that is the signed request's path percent-encoded
 * (smithy-rs get-space-normalized, "relies on single encode") is signed
 * with SIGV4_SINGLE_ENCODE, which is what that edit means.
 *
 * SigV4a cases (aws-c-auth/v4a: a public-key.json in the case) are signed
 * with sigv4a_sign() and the context's region as the region set. Their
 * signatures are random in the suite, so instead of comparing ours: the
 * key derived from the credentials must be public-key.json's, our
 * signature must verify under it, and so must the suite's (the
 * *-signature.txt and the one in *-signed-request.txt) with our verifier;
 * the signed request is compared with its signature left out.
 *
 * Cases without a context.json but with a header-canonical-request.txt
 * (smithy-rs double-encode-path and double-url-encode, migrated from the
 * classic format) are run by run_partial(): see there.
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

/* Everything a case's context.json says, mapped to our API. */
typedef struct {
	cJSON *json;
	const char *akid;
	const char *secret;
	const char *token;            /* NULL for none */
	const char *region;
	const char *service;
	char amz_date[17];
	int normalize;
	int double_encode;
	int sign_body;
	int omit_token;
	const char *signed_body_value;   /* NULL unless given */
	unsigned expires;
	/* SigV4a (a public-key.json beside it): region is the region set. */
	int v4a;
	uint8_t public_key[SIGV4A_PUBLIC_KEY_SIZE];
} context;

static const char *const MODES[2] = { "header", "query" };

/* The suite's credentials, and the ones smithy-rs signed double-encode-path
 * with (its Credential names ANOTREAL; vectors README section 6 gives the
 * secret, which is also smithy-rs's test secret). */
static const char SUITE_AKID[] = "AKIDEXAMPLE";
static const char SUITE_SECRET[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
static const char ANOTREAL_AKID[] = "ANOTREAL";
static const char ANOTREAL_SECRET[] = "notrealrnrELgWzOk3IfjzDKtFBhDby";

/* Whether encoded, with every valid %XX decoded, equals raw. */
static int
decodes_to(sigv4_str encoded, sigv4_str raw)
{
	size_t len;
	char *decoded = su_pct_decode(encoded.ptr, encoded.len, &len);
	int same = len == raw.len && memcmp(decoded, raw.ptr, len) == 0;

	free(decoded);
	return same;
}

static void
report(counts *c, const char *name, const char *mode, int ok)
{
	c->ran++;
	if (ok) {
		c->passed++;
	} else {
		c->failed++;
	}
	printf("%s  %s [%s]\n", ok ? "PASS" : "FAIL", name, mode);
	fflush(stdout);
}

static void
skip(counts *c, const char *name, const char *mode, const char *why)
{
	c->skipped++;
	printf("SKIP  %s [%s]: %s\n", name, mode, why);
	fflush(stdout);
}

static int
load_context(context *ctx, const char *path, char *err, size_t errcap)
{
	size_t len;
	char *text = tu_read_file(path, &len);
	const char *ts;

	memset(ctx, 0, sizeof *ctx);
	if (text == NULL) {
		snprintf(err, errcap, "cannot read %s", path);
		return -1;
	}
	ctx->json = su_json_parse(text, len, err, errcap);
	free(text);
	if (ctx->json == NULL) {
		return -1;
	}
	ctx->akid = su_json_str(su_json_path(ctx->json, "credentials",
		"access_key_id", (const char *)NULL));
	ctx->secret = su_json_str(su_json_path(ctx->json, "credentials",
		"secret_access_key", (const char *)NULL));
	ctx->token = su_json_str(su_json_path(ctx->json, "credentials", "token",
		(const char *)NULL));
	ctx->region = su_json_str(su_json_get(ctx->json, "region"));
	ctx->service = su_json_str(su_json_get(ctx->json, "service"));
	ts = su_json_str(su_json_get(ctx->json, "timestamp"));
	if (ctx->akid == NULL || ctx->secret == NULL || ctx->region == NULL
		|| ctx->service == NULL || ts == NULL)
	{
		snprintf(err, errcap, "context.json lacks credentials, region, "
			"service or timestamp");
		return -1;
	}
	if (su_iso_to_amz_date(ctx->amz_date, ts) < 0) {
		snprintf(err, errcap, "bad timestamp \"%s\"", ts);
		return -1;
	}
	ctx->amz_date[16] = 0;
	ctx->normalize = su_json_bool(su_json_get(ctx->json, "normalize"), 1);
	ctx->double_encode = su_json_bool(su_json_get(ctx->json,
		"double_uri_encode"), 1);
	ctx->sign_body = su_json_bool(su_json_get(ctx->json, "sign_body"), 0);
	ctx->omit_token = su_json_bool(su_json_get(ctx->json, "omit_session_token"),
		0);
	ctx->signed_body_value = su_json_str(su_json_get(ctx->json,
		"signed_body_value"));
	ctx->expires = (unsigned)su_json_num(su_json_get(ctx->json,
		"expiration_in_seconds"), 0);
	return 0;
}

/* public-key.json's {"X": hex, "Y": hex} as an uncompressed point. */
static int
load_public_key(uint8_t q[SIGV4A_PUBLIC_KEY_SIZE], const char *path)
{
	size_t len, i;
	char *text = tu_read_file(path, &len);
	char err[128];
	cJSON *json;
	const char *xy[2];
	int ok = 1;

	if (text == NULL) {
		return -1;
	}
	json = su_json_parse(text, len, err, sizeof err);
	free(text);
	if (json == NULL) {
		return -1;
	}
	xy[0] = su_json_str(su_json_get(json, "X"));
	xy[1] = su_json_str(su_json_get(json, "Y"));
	q[0] = 4;
	for (i = 0; i < 64; i++) {
		const char *h = xy[i / 32];
		unsigned v;

		if (h == NULL || strlen(h) != 64
			|| sscanf(h + 2 * (i % 32), "%2x", &v) != 1)
		{
			ok = 0;
			break;
		}
		q[1 + i] = (uint8_t)v;
	}
	cJSON_Delete(json);
	return ok ? 0 : -1;
}

/* text without its final newline, if any (the *-signature.txt files). */
static sigv4_str
trimmed(const char *text, size_t len)
{
	sigv4_str v;

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r')) {
		len--;
	}
	v.ptr = text;
	v.len = len;
	return v;
}

/* query without the parameter key=... (a new string). */
static char *
without_param(const char *query, size_t len, const char *key, size_t *out_len)
{
	char *out = malloc(len + 1);
	size_t i = 0, n = 0, kl = strlen(key);

	if (out == NULL) {
		exit(2);
	}
	while (i < len) {
		size_t e = i;

		while (e < len && query[e] != '&') {
			e++;
		}
		if (!(e - i > kl && memcmp(query + i, key, kl) == 0
			&& query[i + kl] == '='))
		{
			if (n > 0) {
				out[n++] = '&';
			}
			memcpy(out + n, query + i, e - i);
			n += e - i;
		}
		i = e + 1;
	}
	out[n] = 0;
	*out_len = n;
	return out;
}

/* The value of key=... in a query (first match). */
static sigv4_str
param_value(const char *query, size_t len, const char *key)
{
	sigv4_str v = { NULL, 0 };
	size_t kl = strlen(key), i = 0;

	while (i < len) {
		size_t e = i;

		while (e < len && query[e] != '&') {
			e++;
		}
		if (e - i > kl && memcmp(query + i, key, kl) == 0
			&& query[i + kl] == '=')
		{
			v.ptr = query + i + kl + 1;
			v.len = e - i - kl - 1;
			return v;
		}
		i = e + 1;
	}
	return v;
}

/* SigV4a: our signature and the suite's verify under the case's key. */
static void
check_v4a_signatures(const char *label, const context *ctx,
	const su_result *res, sigv4_str sts, sigv4_str suite_sig,
	sigv4_str signed_sig)
{
	int rc;

	rc = sigv4a_verify(ctx->public_key, sts, su_cstr(res->signature));
	tu_check(rc == SIGV4_OK, __FILE__, __LINE__, "%s: our signature "
		"does not verify under public-key.json: %s", label,
		sigv4_errname(rc));
	rc = sigv4a_verify(ctx->public_key, sts, suite_sig);
	tu_check(rc == SIGV4_OK, __FILE__, __LINE__, "%s: the suite's "
		"signature does not verify with our verifier: %s", label,
		sigv4_errname(rc));
	rc = sigv4a_verify(ctx->public_key, sts, signed_sig);
	tu_check(rc == SIGV4_OK, __FILE__, __LINE__, "%s: the signature in "
		"the suite's signed request does not verify: %s", label,
		sigv4_errname(rc));
}

/* The header value named name in a parsed request (first match). */
static int
find_header(const su_request *r, const char *name, sigv4_str *value)
{
	size_t i;

	for (i = 0; i < r->header_count; i++) {
		if (su_eq_nocase(r->headers[i].name, su_cstr(name))) {
			*value = r->headers[i].value;
			return 1;
		}
	}
	return 0;
}

static void
run_mode(const char *dir, const char *name, int query_mode,
	const context *ctx, const su_request *req, counts *c)
{
	const char *mode = MODES[query_mode];
	char *exp_creq, *exp_sts, *exp_sig, *exp_signed;
	size_t exp_creq_len = 0, exp_sts_len = 0, exp_sig_len = 0;
	size_t exp_signed_len = 0;
	unsigned long fail_before = tu_failures;
	char label[256], err[256], msg[1024];
	char payload_hash[65];
	su_request signed_req;
	sigv4_params params;
	su_result res;
	int rc, single_encode = 0;

	exp_creq = su_read_case_file(dir, mode, "-", "canonical-request.txt",
		&exp_creq_len);
	exp_sts = su_read_case_file(dir, mode, "-", "string-to-sign.txt", &exp_sts_len);
	exp_sig = su_read_case_file(dir, mode, "-", "signature.txt", &exp_sig_len);
	exp_signed = su_read_case_file(dir, mode, "-", "signed-request.txt",
		&exp_signed_len);
	memset(&signed_req, 0, sizeof signed_req);

	if (exp_creq == NULL || exp_sts == NULL || exp_sig == NULL
		|| exp_signed == NULL)
	{
		snprintf(msg, sizeof msg, "no %s-%s file", mode,
			exp_creq == NULL ? "canonical-request.txt"
			: exp_sts == NULL ? "string-to-sign.txt"
			: exp_sig == NULL ? "signature.txt"
			: "signed-request.txt");
		skip(c, name, mode, msg);
		goto done;
	}
	if (query_mode && ctx->signed_body_value != NULL) {
		skip(c, name, mode, "signed_body_value in query mode signs "
			"x-amz-content-sha256 into a presigned URL, a behaviour "
			"aws-c-auth withdrew (vectors README section 6)");
		goto done;
	}
	if (su_parse_request(&signed_req, exp_signed, exp_signed_len, err,
		sizeof err) < 0)
	{
		tu_fail(__FILE__, __LINE__, "%s [%s]: cannot parse %s-signed-"
			"request.txt: %s", name, mode, mode, err);
		report(c, name, mode, 0);
		goto done;
	}
	/* smithy-rs edited get-space-normalized's request.txt to the wire
	 * form ("/example%20space/") and left the signed request raw: such
	 * an input is already encoded, so it is signed with the single
	 * encoding (smithy-rs: "relies on single encode"). */
	if (su_eq(signed_req.method, req->method)
		&& !su_eq(signed_req.path, req->path)
		&& decodes_to(req->path, signed_req.path))
	{
		single_encode = 1;
		printf("NOTE  %s [%s]: request.txt path %.*s is the signed "
			"request's path %.*s encoded: signed with "
			"SIGV4_SINGLE_ENCODE\n", name, mode, (int)req->path.len,
			req->path.ptr, (int)signed_req.path.len,
			signed_req.path.ptr);
	} else if (!su_eq(signed_req.method, req->method)
		|| !su_eq(signed_req.path, req->path))
	{
		/* Otherwise a vector whose signed request is not the request
		 * it says it signed cannot be checked. */
		snprintf(msg, sizeof msg, "vector is inconsistent: request.txt "
			"has \"%.*s %.*s\" but %s-signed-request.txt has "
			"\"%.*s %.*s\" (edited input, vectors README section 6)",
			(int)req->method.len, req->method.ptr, (int)req->path.len,
			req->path.ptr, mode, (int)signed_req.method.len,
			signed_req.method.ptr, (int)signed_req.path.len,
			signed_req.path.ptr);
		skip(c, name, mode, msg);
		goto done;
	}

	snprintf(label, sizeof label, "%s [%s]", name, mode);

	/* Payload hash. */
	if (ctx->signed_body_value != NULL) {
		snprintf(payload_hash, sizeof payload_hash, "%s",
			ctx->signed_body_value);
	} else if (ctx->sign_body) {
		su_sha256_hex(payload_hash, req->body.ptr, req->body.len);
	} else {
		su_sha256_hex(payload_hash, "", 0);
	}

	memset(&params, 0, sizeof params);
	params.access_key_id = su_cstr(ctx->akid);
	params.session_token = su_cstr(ctx->token);
	params.amz_date = su_cstr(ctx->amz_date);
	params.payload_hash = su_cstr(payload_hash);
	params.flags = (ctx->normalize ? SIGV4_NORMALIZE : SIGV4_NO_NORMALIZE)
		| (ctx->double_encode && !single_encode ? SIGV4_DOUBLE_ENCODE
			: SIGV4_SINGLE_ENCODE);
	if (!query_mode && (ctx->sign_body || ctx->signed_body_value != NULL)) {
		params.flags |= SIGV4_CONTENT_SHA256;
	} else {
		params.flags |= SIGV4_NO_CONTENT_SHA256;
	}
	if (ctx->omit_token) {
		params.flags |= SIGV4_TOKEN_AFTER;
	}
	if (query_mode) {
		params.flags |= SIGV4_PRESIGN;
		params.expires = ctx->expires;
	}
	if (ctx->v4a) {
		params.region_set = su_cstr(ctx->region);
	}

	rc = su_derive_and_sign(&res, req, &params, ctx->secret,
		su_cstr(ctx->region), su_cstr(ctx->service), label);
	if (rc != SIGV4_OK) {
		tu_fail(__FILE__, __LINE__, "%s: sigv4_sign: %d %s (%s)", label,
			rc, sigv4_errname(rc), sigv4_strerror(rc));
		su_result_free(&res);
		report(c, name, mode, 0);
		goto done;
	}

	snprintf(msg, sizeof msg, "%s canonical request", label);
	ASSERT_MEM_EQ(msg, exp_creq, exp_creq_len, res.creq, res.creq_len);
	snprintf(msg, sizeof msg, "%s string to sign", label);
	ASSERT_MEM_EQ(msg, exp_sts, exp_sts_len, res.sts, res.sts_len);
	if (!ctx->v4a) {
		snprintf(msg, sizeof msg, "%s signature", label);
		ASSERT_MEM_EQ(msg, exp_sig, exp_sig_len, res.signature,
			strlen(res.signature));
	}

	if (!query_mode) {
		/* What the caller sends: the request's headers plus the ones
		 * sigv4.h says to add, in any order. */
		sigv4_header *ours = malloc((req->header_count + 5)
			* sizeof *ours);
		size_t n = 0, i;
		sigv4_str auth = { NULL, 0 };

		if (ours == NULL) {
			exit(2);
		}
		for (i = 0; i < req->header_count; i++) {
			ours[n++] = req->headers[i];
		}
		ours[n].name = su_cstr("X-Amz-Date");
		ours[n++].value = params.amz_date;
		if (ctx->v4a) {
			ours[n].name = su_cstr("X-Amz-Region-Set");
			ours[n++].value = params.region_set;
		}
		if (params.session_token.len > 0) {
			ours[n].name = su_cstr("X-Amz-Security-Token");
			ours[n++].value = params.session_token;
		}
		if (params.flags & SIGV4_CONTENT_SHA256) {
			ours[n].name = su_cstr("x-amz-content-sha256");
			ours[n++].value = params.payload_hash;
		}
		ours[n].name = su_cstr("Authorization");
		ours[n].value.ptr = res.out;
		ours[n++].value.len = res.out_len;

		if (tu_check(find_header(&signed_req, "authorization", &auth),
			__FILE__, __LINE__, "%s: no Authorization in the signed "
			"request", label) && !ctx->v4a)
		{
			snprintf(msg, sizeof msg, "%s Authorization", label);
			ASSERT_MEM_EQ(msg, auth.ptr, auth.len, res.out,
				res.out_len);
		} else if (auth.len > 0) {
			/* SigV4a: all but the (random) signature, which must
			 * verify; then the suite's value stands in for ours. */
			size_t cut = res.out_len - strlen(res.signature);
			sigv4_str theirs;

			snprintf(msg, sizeof msg, "%s Authorization without its "
				"signature", label);
			ASSERT_MEM_EQ(msg, res.out, cut, auth.ptr,
				auth.len >= cut ? cut : auth.len);
			theirs.ptr = auth.ptr + (auth.len >= cut ? cut : auth.len);
			theirs.len = auth.len >= cut ? auth.len - cut : 0;
			check_v4a_signatures(label, ctx, &res,
				(sigv4_str){ exp_sts, exp_sts_len },
				trimmed(exp_sig, exp_sig_len), theirs);
			ours[n - 1].value = auth;
		}
		tu_check(su_headers_match(signed_req.headers,
			signed_req.header_count, ours, n, err, sizeof err),
			__FILE__, __LINE__, "%s signed request headers: %s", label,
			err);
		free(ours);
	} else {
		su_qset want, got;
		char *want_q = NULL, *got_q = NULL;
		size_t want_len = signed_req.query.len, got_len = res.out_len;

		if (ctx->v4a) {
			/* SigV4a: the query without the (random) signature,
			 * which must verify. */
			check_v4a_signatures(label, ctx, &res,
				(sigv4_str){ exp_sts, exp_sts_len },
				trimmed(exp_sig, exp_sig_len),
				param_value(signed_req.query.ptr, signed_req.query.len,
					"X-Amz-Signature"));
			want_q = without_param(signed_req.query.ptr,
				signed_req.query.len, "X-Amz-Signature", &want_len);
			got_q = without_param(res.out, res.out_len,
				"X-Amz-Signature", &got_len);
		}
		su_qset_parse(&want, want_q ? want_q : signed_req.query.ptr,
			want_len);
		su_qset_parse(&got, got_q ? got_q : res.out, got_len);
		tu_check(su_qset_match(&want, &got, err, sizeof err),
			__FILE__, __LINE__, "%s signed request query: %s", label,
			err);
		su_qset_free(&want);
		su_qset_free(&got);
		free(want_q);
		free(got_q);
		/* Presigning adds no header. */
		tu_check(su_headers_match(signed_req.headers,
			signed_req.header_count, req->headers, req->header_count,
			err, sizeof err), __FILE__, __LINE__,
			"%s signed request headers: %s", label, err);
	}
	su_result_free(&res);
	report(c, name, mode, tu_failures == fail_before);

done:
	su_request_free(&signed_req);
	free(exp_creq);
	free(exp_sts);
	free(exp_sig);
	free(exp_signed);
}

/* Whether dir holds any {header,query}-*.txt expectation. */
static int
has_any_expectation(const char *dir)
{
	static const char *const files[] = {
		"header-canonical-request.txt", "header-string-to-sign.txt",
		"header-signature.txt", "header-signed-request.txt",
		"query-canonical-request.txt", "query-string-to-sign.txt",
		"query-signature.txt", "query-signed-request.txt"
	};
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *p = tu_join(dir, files[i]);
		int ok = tu_is_file(p);

		free(p);
		if (ok) {
			return 1;
		}
	}
	return 0;
}

/* The value of the line "name:value" in a canonical request, or 0. */
static int
creq_header(const char *creq, size_t len, const char *name, sigv4_str *value)
{
	size_t nl = strlen(name), pos = 0;

	while (pos < len) {
		size_t eol = pos;

		while (eol < len && creq[eol] != '\n') {
			eol++;
		}
		if (eol - pos > nl && memcmp(creq + pos, name, nl) == 0
			&& creq[pos + nl] == ':')
		{
			value->ptr = creq + pos + nl + 1;
			value->len = eol - pos - nl - 1;
			return 1;
		}
		pos = eol + 1;
	}
	return 0;
}

/* Sign req in header mode with the suite's rules (normalise, encode
 * twice, empty payload, no x-amz-content-sha256). */
static int
sign_plain(su_result *res, const su_request *req, const char *akid,
	const char *secret, const char *amz_date, sigv4_str region,
	sigv4_str service, const char *label)
{
	static const char empty[] = "e3b0c44298fc1c149afbf4c8996fb924"
		"27ae41e4649b934ca495991b7852b855";
	sigv4_params params;
	int rc;

	su_suite_params(&params, akid, amz_date, empty);
	rc = su_derive_and_sign(res, req, &params, secret, region, service,
		label);
	if (rc != SIGV4_OK) {
		tu_fail(__FILE__, __LINE__, "%s: sigv4_sign: %d %s (%s)", label,
			rc, sigv4_errname(rc), sigv4_strerror(rc));
	}
	return rc;
}

/*
 * A case without context.json (smithy-rs double-encode-path,
 * double-url-encode): request.txt carries X-Amz-Date as an input header,
 * as the classic .req files do, and the rest comes from the files:
 *
 *   1. canonical request: request.txt signed with the suite's rules at
 *      its X-Amz-Date, compared byte for byte with
 *      header-canonical-request.txt; so is the string to sign, when there
 *      is a header-string-to-sign.txt. double-encode-path's canonical
 *      request carries another date than its request (README section 6):
 *      then the canonical request is built at that date, and nothing
 *      else is compared at it.
 *   2. signature: the Authorization of header-signed-request.txt is
 *      reproduced exactly: request.txt signed at its X-Amz-Date with the
 *      access key, region and service that Authorization's Credential
 *      names (AKIDEXAMPLE: the suite's secret; ANOTREAL: smithy-rs's).
 */
static void
run_partial(const char *dir, const char *name, counts *c)
{
	char *req_text = NULL, *exp_creq = NULL, *exp_sts = NULL;
	char *exp_signed = NULL;
	size_t req_len = 0, exp_creq_len = 0, exp_sts_len = 0;
	size_t exp_signed_len = 0;
	unsigned long fail_before = tu_failures;
	char err[256], label[256], what[320];
	char amz_date[17], creq_date[17];
	char cred[256], akid[64], region[64], service[64];
	const char *secret;
	sigv4_str v = { NULL, 0 }, auth = { NULL, 0 };
	su_request req, signed_req;
	su_result res;
	char *path;

	memset(&req, 0, sizeof req);
	memset(&signed_req, 0, sizeof signed_req);
	memset(&res, 0, sizeof res);
	snprintf(label, sizeof label, "%s [header, no context.json]", name);

	path = tu_join(dir, "request.txt");
	req_text = tu_read_file(path, &req_len);
	free(path);
	exp_creq = su_read_case_file(dir, "header", "-", "canonical-request.txt",
		&exp_creq_len);
	exp_sts = su_read_case_file(dir, "header", "-", "string-to-sign.txt",
		&exp_sts_len);
	exp_signed = su_read_case_file(dir, "header", "-", "signed-request.txt",
		&exp_signed_len);
	if (!tu_check(req_text != NULL && exp_creq != NULL, __FILE__,
		__LINE__, "%s: needs request.txt and "
		"header-canonical-request.txt", label))
	{
		goto report;
	}
	if (su_parse_request(&req, req_text, req_len, err, sizeof err) < 0) {
		tu_fail(__FILE__, __LINE__, "%s: request.txt: %s", label, err);
		goto report;
	}
	if (!tu_check(su_take_amz_date(&req, amz_date) == 0, __FILE__,
		__LINE__, "%s: request.txt needs one 16-byte X-Amz-Date header",
		label))
	{
		goto report;
	}
	memcpy(creq_date, amz_date, sizeof creq_date);
	if (creq_header(exp_creq, exp_creq_len, "x-amz-date", &v)
		&& v.len == 16 && memcmp(v.ptr, amz_date, 16) != 0)
	{
		memcpy(creq_date, v.ptr, 16);
		printf("NOTE  %s: header-canonical-request.txt has x-amz-date:%s "
			"but request.txt has %s (vectors README section 6): the "
			"canonical request is built at %s\n", name, creq_date,
			amz_date, creq_date);
	}

	/* 1. Canonical request (and string to sign) with the suite's
	 * credentials and scope; the scope only matters to the string to
	 * sign, whose scope line then says whether it is the suite's. */
	if (exp_sts != NULL) {
		/* smithy-rs's file ends with a newline (README section 6). */
		if (exp_sts_len > 0 && exp_sts[exp_sts_len - 1] == '\n') {
			exp_sts_len--;
		}
	}
	{
		/* The string to sign's scope line names region and service. */
		char scope_region[64] = "us-east-1", scope_service[64] = "service";

		if (exp_sts != NULL) {
			const char *l3 = memchr(exp_sts, '\n', exp_sts_len);

			l3 = l3 != NULL ? memchr(l3 + 1, '\n',
				exp_sts_len - (size_t)(l3 + 1 - exp_sts)) : NULL;
			if (l3 == NULL || sscanf(l3 + 1, "%*8[0-9]/%63[^/]/%63[^/]/",
				scope_region, scope_service) != 2)
			{
				tu_fail(__FILE__, __LINE__, "%s: no scope line in "
					"header-string-to-sign.txt", label);
				goto report;
			}
		}
		if (sign_plain(&res, &req, SUITE_AKID, SUITE_SECRET, creq_date,
			su_cstr(scope_region), su_cstr(scope_service), label)
			!= SIGV4_OK)
		{
			goto report;
		}
	}
	snprintf(what, sizeof what, "%s canonical request", label);
	ASSERT_MEM_EQ(what, exp_creq, exp_creq_len, res.creq, res.creq_len);
	if (exp_sts != NULL) {
		snprintf(what, sizeof what, "%s string to sign", label);
		ASSERT_MEM_EQ(what, exp_sts, exp_sts_len, res.sts, res.sts_len);
	}
	su_result_free(&res);

	/* 2. The signed request's Authorization, reproduced. */
	if (exp_signed == NULL) {
		goto report;
	}
	/* double-url-encode's request line lacks " HTTP/1.1" (classic
	 * .sreq style): only its method and target are checked. */
	{
		size_t n = req.method.len + 1 + req.target.len;

		tu_check(exp_signed_len > n && memcmp(exp_signed, req.method.ptr,
			req.method.len) == 0 && exp_signed[req.method.len] == ' '
			&& memcmp(exp_signed + req.method.len + 1, req.target.ptr,
			req.target.len) == 0 && (exp_signed[n] == ' '
			|| exp_signed[n] == '\n'), __FILE__, __LINE__,
			"%s: the signed request is not request.txt's", label);
	}
	{
		/* The header lines, parsed behind a stand-in request line. */
		const char *eol = memchr(exp_signed, '\n', exp_signed_len);
		size_t start = eol != NULL ? (size_t)(eol - exp_signed) + 1
			: exp_signed_len;
		char *headers_only = malloc(16 + exp_signed_len - start);

		if (headers_only == NULL) {
			exit(2);
		}
		memcpy(headers_only, "GET / HTTP/1.1\n", 15);
		memcpy(headers_only + 15, exp_signed + start,
			exp_signed_len - start);
		if (su_parse_request(&signed_req, headers_only,
			15 + exp_signed_len - start, err, sizeof err) < 0)
		{
			tu_fail(__FILE__, __LINE__, "%s: header-signed-request.txt:"
				" %s", label, err);
			free(headers_only);
			goto report;
		}
		free(headers_only);
	}
	if (!tu_check(find_header(&signed_req, "authorization", &auth),
		__FILE__, __LINE__, "%s: no Authorization", label))
	{
		goto report;
	}
	/* The classic .sreq style writes "Authorization: " with a space. */
	while (auth.len > 0 && auth.ptr[0] == ' ') {
		auth.ptr++;
		auth.len--;
	}
	snprintf(cred, sizeof cred, "%.*s", (int)auth.len, auth.ptr);
	if (!tu_check(sscanf(cred, "AWS4-HMAC-SHA256 Credential=%63[^/]/%*8[0-9]"
		"/%63[^/]/%63[^/]/aws4_request,", akid, region, service) == 3,
		__FILE__, __LINE__, "%s: cannot read the Credential of %s",
		label, cred))
	{
		goto report;
	}
	if (strcmp(akid, SUITE_AKID) == 0) {
		secret = SUITE_SECRET;
	} else if (strcmp(akid, ANOTREAL_AKID) == 0) {
		secret = ANOTREAL_SECRET;
	} else {
		tu_fail(__FILE__, __LINE__, "%s: unknown access key %s", label,
			akid);
		goto report;
	}
	if (sign_plain(&res, &req, akid, secret, amz_date, su_cstr(region),
		su_cstr(service), label) == SIGV4_OK)
	{
		snprintf(what, sizeof what, "%s Authorization", label);
		ASSERT_MEM_EQ(what, auth.ptr, auth.len, res.out, res.out_len);
	}
	su_result_free(&res);

report:
	report(c, name, "header, no context.json", tu_failures == fail_before);
	su_request_free(&req);
	su_request_free(&signed_req);
	free(req_text);
	free(exp_creq);
	free(exp_sts);
	free(exp_signed);
}

static void
run_case(const char *suite, const char *name, counts *c)
{
	char *dir = tu_join(suite, name);
	char *ctx_path, *req_path, *req_text;
	size_t req_len;
	char err[256];
	context ctx;
	su_request req;
	int m;

	if (!tu_is_dir(dir)) {
		free(dir);
		return;
	}
	ctx_path = tu_join(dir, "context.json");
	req_path = tu_join(dir, "request.txt");
	memset(&ctx, 0, sizeof ctx);
	memset(&req, 0, sizeof req);

	if (!has_any_expectation(dir)) {
		skip(c, name, "header+query", "request-only case: no expected "
			"outputs");
		goto done;
	}
	if (!tu_is_file(ctx_path)) {
		char *creq_path = tu_join(dir, "header-canonical-request.txt");
		int partial = tu_is_file(creq_path);

		free(creq_path);
		if (partial) {
			run_partial(dir, name, c);
		} else {
			skip(c, name, "header+query", "no context.json and no "
				"header-canonical-request.txt");
		}
		goto done;
	}
	req_text = tu_read_file(req_path, &req_len);
	if (req_text == NULL) {
		skip(c, name, "header+query", "no request.txt");
		goto done;
	}
	if (su_parse_request(&req, req_text, req_len, err, sizeof err) < 0) {
		free(req_text);
		tu_fail(__FILE__, __LINE__, "%s: cannot parse request.txt: %s",
			name, err);
		report(c, name, "header+query", 0);
		goto done;
	}
	free(req_text);
	if (load_context(&ctx, ctx_path, err, sizeof err) < 0) {
		tu_fail(__FILE__, __LINE__, "%s: context.json: %s", name, err);
		report(c, name, "header+query", 0);
		goto done;
	}
	{
		char *pk_path = tu_join(dir, "public-key.json");

		ctx.v4a = tu_is_file(pk_path);
		if (ctx.v4a) {
			uint8_t ours[SIGV4A_PUBLIC_KEY_SIZE];
			sigv4_key key;
			int rc = sigv4a_key_derive(&key, su_cstr(ctx.akid),
				ctx.secret, strlen(ctx.secret), ctx.amz_date,
				su_cstr(ctx.service));

			tu_check(load_public_key(ctx.public_key, pk_path) == 0,
				__FILE__, __LINE__, "%s: bad public-key.json", name);
			tu_check(rc == SIGV4_OK && sigv4a_public_key(ours, &key)
				== SIGV4_OK && memcmp(ours, ctx.public_key,
				sizeof ours) == 0, __FILE__, __LINE__,
				"%s: the key derived from the credentials is not "
				"public-key.json's", name);
			sigv4_wipe(&key, sizeof key);
		}
		free(pk_path);
	}
	for (m = 0; m < 2; m++) {
		run_mode(dir, name, m, &ctx, &req, c);
	}
done:
	cJSON_Delete(ctx.json);
	su_request_free(&req);
	free(ctx_path);
	free(req_path);
	free(dir);
}

int
main(int argc, char **argv)
{
	counts c = { 0, 0, 0, 0 };
	char *suite;
	char **names;
	size_t count, i;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s <suite dir> [case ...]\n", argv[0]);
		return 2;
	}
	suite = su_vector_path(argv[1]);
	if (argc > 2) {
		for (i = 2; i < (size_t)argc; i++) {
			run_case(suite, argv[i], &c);
		}
	} else {
		names = su_list_dir(suite, &count);
		if (names == NULL) {
			fprintf(stderr, "cannot read suite directory %s "
				"(set SIGV4_VECTORS_DIR / -DSIGV4_VECTORS_DIR)\n", suite);
			free(suite);
			return 1;
		}
		for (i = 0; i < count; i++) {
			run_case(suite, names[i], &c);
		}
		su_free_list(names, count);
	}

	printf("\n%s: %u ran, %u passed, %u failed, %u skipped\n", suite,
		c.ran, c.passed, c.failed, c.skipped);
	rc = tu_finish("test_suite_v4");
	if (rc != 0 || c.failed != 0) {
		free(suite);
		return 1;
	}
	if (c.skipped == 0 && c.ran == 0) {
		printf("no case found: wrong directory?\n");
		free(suite);
		return 1;
	}
	if (c.ran == 0) {
		/* Every case skipped, each with its reason: tell ctest. */
		printf("every case was skipped\n");
		free(suite);
		return SU_EXIT_SKIPPED;
	}
	free(suite);
	return 0;
}
