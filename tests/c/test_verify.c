/*
 * test_verify.c: every signed request of the aws-signing-test-suite
 * directories given verifies, and tampered copies of it do not.
 *
 *   test_verify <suite dir> ...      (aws-c-auth/v4, aws-c-auth/v4a)
 *
 * For each case, {header,query}-signed-request.txt is parsed as received
 * and verified with the context's credentials (SigV4: the key derived for
 * the claimed scope; SigV4a: public-key.json) at the context's timestamp.
 * Then, each expected to fail with its code: the signature's last digit
 * changed, a query parameter added, a different body, a signed header's
 * value changed, the clock past the skew (headers) or the expiry (query).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"
#include "suite_util.h"
#include "test_util.h"

/* A check with a message; returns whether it held. */
#define CHECK(cond, ...) tu_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_EQ_INT(expected, got) ASSERT_EQ_INT(expected, got)

typedef struct {
	cJSON *json;
	const char *akid, *secret;
	int64_t now;
	uint32_t expires, rules;
	int v4a;
	uint8_t pub[SIGV4A_PUBLIC_KEY_SIZE];
} context;

static int64_t
unix_of(const char *iso)
{
	char d[16];
	int64_t lo = 0, hi = 400LL * 366 * 86400;

	/* sigv4_amz_date() is monotonic: search the seconds it formats so. */
	if (su_iso_to_amz_date(d, iso) != 0) {
		return -1;
	}
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;
		char m[16];

		sigv4_amz_date(m, mid);
		if (memcmp(m, d, 16) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

static int
load_context(context *c, const char *dir)
{
	char err[128];
	size_t len;
	char *text = su_read_case_file(dir, "context", ".", "json", &len);
	const cJSON *cred;
	char *pub;

	memset(c, 0, sizeof *c);
	c->json = text ? su_json_parse(text, len, err, sizeof err) : NULL;
	free(text);
	if (c->json == NULL) {
		return -1;
	}
	cred = su_json_get(c->json, "credentials");
	c->akid = su_json_str(su_json_get(cred, "access_key_id"));
	c->secret = su_json_str(su_json_get(cred, "secret_access_key"));
	c->now = unix_of(su_json_str(su_json_get(c->json, "timestamp")));
	c->expires = (uint32_t)su_json_num(su_json_get(c->json,
		"expiration_in_seconds"), 0);
	if (!su_json_bool(su_json_get(c->json, "normalize"), 1)) {
		c->rules |= SIGV4_NO_NORMALIZE;
	}
	if (su_json_bool(su_json_get(c->json, "omit_session_token"), 0)) {
		c->rules |= SIGV4_TOKEN_AFTER;
	}
	pub = su_read_case_file(dir, "public-key", ".", "json", &len);
	if (pub != NULL) {
		cJSON *j = su_json_parse(pub, len, err, sizeof err);
		char hex[131];

		snprintf(hex, sizeof hex, "04%s%s",
			su_json_str(su_json_get(j, "X")), su_json_str(su_json_get(j, "Y")));
		c->v4a = tu_hex_decode(c->pub, sizeof c->pub, hex, strlen(hex)) == 0;
		cJSON_Delete(j);
		free(pub);
	}
	return c->akid && c->secret && c->now > 0 ? 0 : -1;
}

/* Verify req as received: SIGV4_OK or the first error. */
static int
verify(const context *c, const sigv4_request *req, sigv4_str body, int64_t now)
{
	char buf[4096], hex[65];
	size_t need = sigv4_verify_scratch_size(req);
	void *scratch = malloc(need);
	sigv4_auth a;
	sigv4_key key;
	int err;

	su_sha256_hex(hex, body.ptr, body.len);
	if ((err = sigv4_auth_parse(&a, req, c->rules, buf, req->query.len)) != SIGV4_OK) {
		free(scratch);
		return err;
	}
	/* The claimed time is the suite's timestamp (no edit changes it). */
	ASSERT_EQ_INT(c->now, a.time);
	if ((err = sigv4_auth_check_time(&a, now, 900)) != SIGV4_OK) {
		free(scratch);
		return err;
	}
	if (c->v4a) {
		err = sigv4a_verify_request(c->pub, req, &a, su_cstr(hex), 0,
			scratch, need, NULL);
	} else {
		err = sigv4_key_derive(&key, c->secret, strlen(c->secret), a.date.ptr,
			a.region, a.service);
		if (err == SIGV4_OK) {
			err = sigv4_verify(&key, req, &a, su_cstr(hex), 0, scratch,
				need, NULL);
		}
		sigv4_wipe(&key, sizeof key);
	}
	free(scratch);
	return err;
}

/* The text with its first `from` (after `after`) replaced by `to`. */
static char *
edited(const char *text, size_t len, const char *after, const char *from,
	const char *to, size_t *out_len)
{
	const char *at = strstr(text, after);
	const char *p = at ? strstr(at, from) : NULL;
	size_t pre, fl = strlen(from), tl = strlen(to);
	char *out;

	if (p == NULL) {
		return NULL;
	}
	pre = (size_t)(p - text);
	out = malloc(len - fl + tl + 1);
	memcpy(out, text, pre);
	memcpy(out + pre, to, tl);
	memcpy(out + pre + tl, p + fl, len - pre - fl);
	out[len - fl + tl] = 0;
	*out_len = len - fl + tl;
	return out;
}

static int
verify_text(const context *c, const char *text, size_t len, int64_t now,
	const char *body)
{
	su_request r;
	sigv4_request req;
	char err[128];
	int rc;

	if (su_parse_request(&r, text, len, err, sizeof err) != 0) {
		return 1;  /* not an error code: fails every expectation */
	}
	req = su_as_request(&r);
	rc = verify(c, &req, body ? su_cstr(body) : r.body, now);
	su_request_free(&r);
	return rc;
}

/* The signature's last hex digit changed: "...=<64 digits>" -> other. */
static char *
signature_changed(const char *text, size_t len, int query, size_t *out_len)
{
	const char *key = query ? "X-Amz-Signature=" : "Signature=";
	const char *p = strstr(text, key);
	char *out;
	size_t i;

	if (p == NULL) {
		return NULL;
	}
	out = tu_strndup(text, len);
	i = (size_t)(p - text) + strlen(key);
	while (i < len && strchr("0123456789abcdef", out[i]) && out[i] != 0) {
		i++;
	}
	out[i - 1] = out[i - 1] == '0' ? '1' : '0';
	*out_len = len;
	return out;
}

static void
run_mode(const char *dir, const char *name, const context *c, int query,
	unsigned *ran)
{
	const char *mode = query ? "query" : "header";
	char label[256];
	size_t len, elen;
	char *text = su_read_case_file(dir, mode, "-", "signed-request.txt", &len);
	char *e;

	if (text == NULL) {
		return;
	}
	len = su_drop_cr(text, len);
	snprintf(label, sizeof label, "%s %s", name, mode);
	(*ran)++;
	if (!CHECK(verify_text(c, text, len, c->now, NULL) == SIGV4_OK,
		"%s: verifies", label))
	{
		free(text);
		return;
	}
	if ((e = signature_changed(text, len, query, &elen)) != NULL) {
		CHECK_EQ_INT(SIGV4_ERR_SIGNATURE_MISMATCH,
			verify_text(c, e, elen, c->now, NULL));
		free(e);
	}
	/* A parameter added to the target. */
	e = edited(text, len, "", query ? "?" : " HTTP/1.1",
		query ? "?zz-added=1&" : (strchr(text, '?') && strchr(text, '?')
			< strchr(text, '\n') ? "&zz-added=1 HTTP/1.1" : "?zz-added=1 HTTP/1.1"),
		&elen);
	if (e != NULL) {
		CHECK(verify_text(c, e, elen, c->now, NULL)
			== SIGV4_ERR_SIGNATURE_MISMATCH, "%s: query added", label);
		free(e);
	}
	/* Another body: the hash the request carries no longer matches, or
	 * (without one) the signature does not. */
	CHECK(verify_text(c, text, len, c->now, "tampered")
		== (strstr(text, "\nx-amz-content-sha256:") ? SIGV4_ERR_BODY_CHANGED
			: SIGV4_ERR_SIGNATURE_MISMATCH), "%s: body changed", label);
	/* The host header's value changed (host is always signed). */
	e = edited(text, len, "\n", "example.amazonaws.com", "example.amazonaws.co", &elen);
	if (e != NULL) {
		CHECK(verify_text(c, e, elen, c->now, NULL)
			== SIGV4_ERR_SIGNATURE_MISMATCH, "%s: host changed", label);
		free(e);
	}
	if (query) {
		CHECK_EQ_INT(SIGV4_OK, verify_text(c, text, len,
			c->now + c->expires, NULL));
		CHECK_EQ_INT(SIGV4_ERR_EXPIRED, verify_text(c, text, len,
			c->now + c->expires + 1, NULL));
		CHECK_EQ_INT(SIGV4_ERR_NOT_YET_VALID, verify_text(c, text, len,
			c->now - 901, NULL));
	} else {
		CHECK_EQ_INT(SIGV4_OK, verify_text(c, text, len, c->now + 900, NULL));
		CHECK_EQ_INT(SIGV4_ERR_SKEW, verify_text(c, text, len,
			c->now + 901, NULL));
		CHECK_EQ_INT(SIGV4_ERR_SKEW, verify_text(c, text, len,
			c->now - 901, NULL));
	}
	free(text);
}

/* An IoT presigned URL (the token after the signature) whose query has
 * the client's own X-Amz-S3session-Token: that parameter is signed like
 * any other, so it verifies, and changed it does not. (fuzz_verify found
 * the verifier dropping it from the canonical query with the token.) */
static void
token_after_keeps_other_params(void)
{
	static const char secret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
	sigv4_header host = { { "host", 4 }, { "h", 1 } };
	sigv4_request req = { { "GET", 3 }, { "/", 1 },
		{ "X-Amz-S3session-Token=t", 23 }, &host, 1 };
	sigv4_params p;
	sigv4_key key;
	sigv4_auth a;
	char out[1024], buf[1024], scratch[4096];
	size_t len = 0, i;
	int round;

	memset(&p, 0, sizeof p);
	p.access_key_id = su_cstr("AKIDEXAMPLE");
	p.session_token = su_cstr("token");
	p.amz_date = su_cstr("20150830T123600Z");
	p.payload_hash = su_cstr(
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	p.flags = SIGV4_PRESIGN;
	p.expires = 60;
	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&key, secret, strlen(secret),
		"20150830", su_cstr("us-east-1"), su_cstr("iotdevicegateway")));
	ASSERT_EQ_INT(SIGV4_OK, sigv4_sign(out, sizeof out, &len, &key, &req, &p,
		scratch, sizeof scratch, NULL));
	req.query.ptr = out;
	req.query.len = len;
	for (round = 0; round < 2; round++) {
		ASSERT_EQ_INT(SIGV4_OK, sigv4_auth_parse(&a, &req, 0, buf, len));
		ASSERT_EQ_INT(round == 0 ? SIGV4_OK : SIGV4_ERR_SIGNATURE_MISMATCH,
			sigv4_verify(&key, &req, &a, p.payload_hash, 0, scratch,
				sizeof scratch, NULL));
		for (i = 0; i + 23 <= len; i++) {
			if (memcmp(out + i, "X-Amz-S3session-Token=t", 23) == 0) {
				out[i + 22] = 'u';
			}
		}
	}
	sigv4_wipe(&key, sizeof key);
}

/* The parts of an Authorization value are separated by commas: one at
 * the end is refused, as a comma and a space there is (fuzz_verify). */
static void
authorization_trailing_comma(void)
{
	static const char value[] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"
		"20150830/us-east-1/service/aws4_request, SignedHeaders=host;"
		"x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260"
		"956d9b8aae1d763fbf31, ";
	sigv4_header h[3] = {
		{ { "Host", 4 }, { "example.amazonaws.com", 21 } },
		{ { "X-Amz-Date", 10 }, { "20150830T123600Z", 16 } },
		{ { "Authorization", 13 }, { value, sizeof value - 3 } },
	};
	sigv4_request req = { { "GET", 3 }, { "/", 1 }, { NULL, 0 }, h, 3 };
	sigv4_auth a;
	size_t cut;

	ASSERT_EQ_INT(SIGV4_OK, sigv4_auth_parse(&a, &req, 0, NULL, 0));
	for (cut = 2; cut > 0; cut--) {
		h[2].value.len = sizeof value - cut;
		ASSERT_EQ_INT(SIGV4_ERR_AUTH, sigv4_auth_parse(&a, &req, 0, NULL, 0));
	}
}

int
main(int argc, char **argv)
{
	unsigned ran = 0;
	int i;

	token_after_keeps_other_params();
	authorization_trailing_comma();

	for (i = 1; i < argc; i++) {
		char *suite = su_vector_path(argv[i]);
		char **names;
		size_t n, k;

		names = su_list_dir(suite, &n);
		ASSERT_TRUE(names != NULL && n > 0);
		for (k = 0; k < n; k++) {
			char *dir = tu_join3(suite, "/", names[k]);
			context c;

			if (load_context(&c, dir) == 0) {
				run_mode(dir, names[k], &c, 0, &ran);
				run_mode(dir, names[k], &c, 1, &ran);
			}
			cJSON_Delete(c.json);
			free(dir);
			free(names[k]);
		}
		free(names);
		free(suite);
	}
	printf("verified %u signed requests\n", ran);
	CHECK(ran >= 100, "the suites gave %u signed requests", ran);
	return tu_finish("test_verify");
}
