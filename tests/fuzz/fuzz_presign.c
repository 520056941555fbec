/*
 * fuzz_presign.c: the presign path.
 *
 * Same input layout and checks as fuzz_sign.c, with SIGV4_PRESIGN always
 * set. On top, for each presigned query that is produced:
 *
 *   - it verifies the way a server would: split off X-Amz-Signature (and
 *     a trailing X-Amz-Security-Token when the token goes after), read the
 *     X-Amz-* parameters back (each exactly once, with the right values),
 *     rebuild the canonical request from the query as received and the
 *     headers named in X-Amz-SignedHeaders, and recompute the signature
 *     with the model's key;
 *   - the query as received is already canonical (re-canonicalising it
 *     changes nothing);
 *   - the session token is signed as X-Amz-S3session-Token with
 *     SIGV4_S3_SESSION_TOKEN, else as X-Amz-Security-Token (or after the
 *     signature), never under the other name;
 *   - SIGV4_CONTENT_SHA256 is ignored when presigning, and
 *     SIGV4_UNSIGNED_PRESIGN always: flipping either changes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "sign_check.h"

#define SIG_PARAM "&X-Amz-Signature="
#define TOKEN_PARAM "&X-Amz-Security-Token="

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Exactly one parameter named key, whose decoded value is want. */
static void
expect_param(sigv4_str query, const char *key, sigv4_str want)
{
	fz_buf v;
	size_t n;

	fz_buf_init(&v);
	n = model_query_get(&v, query, key);
	FZ_CHECK(n == 1, "%s appears %lu times in the presigned query", key,
		(unsigned long)n);
	FZ_CHECK(fz_str_eq(fz_buf_str(&v), want), "%s is '%.*s', not '%.*s'",
		key, (int)v.len, v.p, (int)want.len, want.ptr);
	fz_buf_free(&v);
}

static void
verify_like_a_server(const fz_request *r, const fz_signed *s)
{
	sigv4_str out = fz_buf_str(&s->out), query, list_param, sig, rest;
	const char *mark = NULL;
	fz_buf cred, list_value, canon, block, list, creq, sts, expires;
	model_scope_parts scope = r->scope;
	sigv4_params policy;
	sigv4_str *names;
	fz_pool pool;
	size_t nnames, i;
	uint8_t key[32], mac[32];
	char hex[64];

	for (i = 0; i + strlen(SIG_PARAM) <= out.len; i++) {
		if (memcmp(out.ptr + i, SIG_PARAM, strlen(SIG_PARAM)) == 0) {
			mark = out.ptr + i;
			break;
		}
	}
	FZ_CHECK(mark != NULL, "no X-Amz-Signature in the presigned query");
	query = fz_view(out.ptr, (size_t)(mark - out.ptr));
	FZ_CHECK(out.len >= query.len + strlen(SIG_PARAM) + 64,
		"X-Amz-Signature is cut short");
	sig = fz_view(mark + strlen(SIG_PARAM), 64);
	rest = fz_view(sig.ptr + 64, out.len - query.len - strlen(SIG_PARAM) - 64);

	/* What follows the signature: nothing, or the unsigned token. */
	fz_buf_init(&canon);
	if (s->mode.token_after) {
		fz_puts(&canon, TOKEN_PARAM);
		model_encode(&canon, r->params.session_token.ptr,
			r->params.session_token.len);
	}
	FZ_CHECK(fz_str_eq(rest, fz_buf_str(&canon)),
		"unexpected bytes after the signature");
	canon.len = 0;

	/* The X-Amz-* parameters, read back. */
	fz_buf_init(&cred);
	fz_buf_init(&expires);
	fz_put_str(&cred, r->params.access_key_id);
	fz_put(&cred, '/');
	model_scope(&cred, &scope);
	expect_param(query, "X-Amz-Algorithm", fz_cstr("AWS4-HMAC-SHA256"));
	expect_param(query, "X-Amz-Credential", fz_buf_str(&cred));
	expect_param(query, "X-Amz-Date", r->params.amz_date);
	{
		char num[16];
		int n = 0;
		uint32_t v = r->params.expires;

		do {
			num[n++] = (char)('0' + v % 10);
			v /= 10;
		} while (v > 0);
		while (n > 0) {
			fz_put(&expires, (unsigned char)num[--n]);
		}
	}
	expect_param(query, "X-Amz-Expires", fz_buf_str(&expires));
	/* The token signed under its name (X-Amz-S3session-Token for an S3
	 * session token), or not at all; an S3 session token never as
	 * X-Amz-Security-Token. */
	if (s->mode.token_signed) {
		expect_param(query, s->mode.token_param, r->params.session_token);
	} else {
		FZ_CHECK(model_query_get(&canon, query, s->mode.token_param) == 0,
			"%s signed although it should not be", s->mode.token_param);
	}
	if (s->mode.s3_session) {
		FZ_CHECK(model_query_get(&canon, query, "X-Amz-Security-Token") == 0,
			"X-Amz-Security-Token signed with SIGV4_S3_SESSION_TOKEN");
	}
	fz_buf_init(&list_value);
	FZ_CHECK(model_query_get(&list_value, query, "X-Amz-SignedHeaders") == 1,
		"X-Amz-SignedHeaders missing or repeated");
	list_param = fz_buf_str(&list_value);

	/* The query as received is canonical already. */
	canon.len = 0;
	model_query(&canon, query, 0, NULL, 0);
	FZ_CHECK(fz_str_eq(fz_buf_str(&canon), query),
		"the presigned query is not in canonical form");

	/* Rebuild the canonical request from what the server sees. */
	fz_pool_init(&pool);
	names = fz_split(&pool, list_param, ';', &nnames);
	memset(&policy, 0, sizeof policy);
	policy.flags = SIGV4_SIGN_LISTED_ONLY;
	policy.signed_headers = names;
	policy.signed_header_count = nnames;
	fz_buf_init(&block);
	fz_buf_init(&list);
	model_headers(&block, &list, r->req.headers, r->req.header_count,
		&policy, NULL, 0);
	FZ_CHECK(fz_str_eq(fz_buf_str(&list), list_param),
		"X-Amz-SignedHeaders names headers the request does not have");
	fz_buf_init(&creq);
	fz_put_str(&creq, r->req.method);
	fz_put(&creq, '\n');
	model_path(&creq, r->req.path, s->mode.single, s->mode.normalize);
	fz_put(&creq, '\n');
	fz_put_str(&creq, query);
	fz_put(&creq, '\n');
	fz_put_str(&creq, fz_buf_str(&block));
	fz_put(&creq, '\n');
	fz_put_str(&creq, list_param);
	fz_put(&creq, '\n');
	fz_put_str(&creq, r->params.payload_hash);
	FZ_CHECK(fz_str_eq(fz_buf_str(&creq), fz_buf_str(&s->creq)),
		"the server's canonical request differs from the signed one");

	fz_buf_init(&sts);
	model_string_to_sign(&sts, &scope, r->params.amz_date,
		fz_buf_str(&creq));
	model_signing_key(key, r->secret, scope.date, scope.region,
		scope.service);
	model_hmac(mac, key, 32, sts.p, sts.len);
	model_hex(hex, mac, 32);
	FZ_CHECK(memcmp(hex, sig.ptr, 64) == 0,
		"the server computes another signature");

	fz_pool_free(&pool);
	fz_buf_free(&cred);
	fz_buf_free(&expires);
	fz_buf_free(&list_value);
	fz_buf_free(&canon);
	fz_buf_free(&block);
	fz_buf_free(&list);
	fz_buf_free(&creq);
	fz_buf_free(&sts);
}

/* Signing with flags changed as given must give the same query. */
static void
same_output(const fz_request *r, const fz_signed *s, uint32_t flags,
	const char *what)
{
	sigv4_params changed = r->params;
	fz_buf out;
	int rc;

	changed.flags = flags;
	fz_buf_init(&out);
	rc = fz_sign_plain(&out, &s->key, &r->req, &changed);
	FZ_CHECK(rc == SIGV4_OK && fz_str_eq(fz_buf_str(&out), fz_buf_str(&s->out)),
		"flipping %s changed a presigned query (%s)", what,
		sigv4_errname(rc));
	fz_buf_free(&out);
}

static void
ignored_flags(const fz_request *r, const fz_signed *s)
{
	uint32_t f = r->params.flags;
	uint32_t flipped = f & ~(uint32_t)(SIGV4_CONTENT_SHA256
		| SIGV4_NO_CONTENT_SHA256);

	flipped |= (f & SIGV4_CONTENT_SHA256)
		? SIGV4_NO_CONTENT_SHA256 : SIGV4_CONTENT_SHA256;
	same_output(r, s, flipped, "SIGV4_CONTENT_SHA256");
	/* A policy bit for the wasm shim, not for sigv4_sign. */
	same_output(r, s, f ^ SIGV4_UNSIGNED_PRESIGN, "SIGV4_UNSIGNED_PRESIGN");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_request r;
	fz_signed s;

	fz_request_decode(&r, data, size);
	r.params.flags |= SIGV4_PRESIGN;
	fz_sign_checked(&s, &r);
	if (s.rc == SIGV4_OK) {
		verify_like_a_server(&r, &s);
		ignored_flags(&r, &s);
	}
	fz_signed_free(&s);
	fz_request_free(&r);
	return 0;
}
