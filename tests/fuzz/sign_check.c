/*
 * sign_check.c: see sign_check.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sign_check.h"

/* What untouched output memory holds. */
#define SENTINEL 0xA5

typedef struct {
	const fz_request *r;
	const sigv4_key *key;
	const sigv4_params *p;
	size_t need;            /* sigv4_scratch_size() */
} call_ctx;

static const char *
error_names(uint32_t set, char *buf, size_t cap)
{
	int code;
	size_t used = 0;

	buf[0] = 0;
	for (code = -1; code >= SIGV4_ERR_LAST; code--) {
		if ((set & MODEL_BIT(code)) && used < cap) {
			used += (size_t)snprintf(buf + used, cap - used, "%s ",
				sigv4_errname(code));
		}
	}
	return set ? buf : "(none)";
}

static char *
sentinel_block(size_t n)
{
	char *b;

	if (n == 0) {
		return NULL;
	}
	b = (char *)malloc(n);
	FZ_CHECK(b != NULL, "out of memory");
	memset(b, SENTINEL, n);
	return b;
}

/* Nothing but zeros (wiped) or the sentinel (untouched). */
static int
no_partial(const char *b, size_t n)
{
	return b == NULL || fz_all_bytes(b, n, 0, SENTINEL);
}

static int
printable(const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((unsigned char)b[i] < 0x20 || (unsigned char)b[i] > 0x7e) {
			return 0;
		}
	}
	return 1;
}

/* One sigv4_sign call with a fresh scratch block of scratch_len bytes
 * that ends exactly where the allocation does, misalign bytes into it,
 * prefilled with fill. */
static int
call(const call_ctx *c, char *out, size_t cap, size_t *len,
	size_t scratch_len, unsigned misalign, unsigned char fill,
	sigv4_capture *capture)
{
	unsigned char *block = NULL, *scratch = NULL;
	int rc;

	if (misalign + scratch_len > 0) {
		block = (unsigned char *)malloc(misalign + scratch_len);
		FZ_CHECK(block != NULL, "out of memory");
		memset(block, fill, misalign + scratch_len);
		scratch = block + misalign;
	}
	rc = sigv4_sign(out, cap, len, c->key, &c->r->req, c->p, scratch,
		scratch_len, capture);
	free(block);
	return rc;
}

/* "Holds only request data, never key material": signing with another
 * key leaves exactly the same bytes in the same scratch block. */
static void
check_scratch_keyless(const call_ctx *c, size_t need_out)
{
	sigv4_key other = *c->key;
	unsigned char *block = (unsigned char *)malloc(c->r->misalign + c->need);
	unsigned char *scratch = block + c->r->misalign;
	unsigned char *first = (unsigned char *)malloc(c->need);
	char *out = sentinel_block(need_out);
	size_t len, i;
	int rc1, rc2;

	FZ_CHECK(block != NULL && first != NULL, "out of memory");
	for (i = 0; i < SIGV4_KEY_SIZE; i++) {
		other.signing_key[i] ^= 0xFF;
	}
	memset(scratch, 0x3C, c->need);
	rc1 = sigv4_sign(out, need_out, &len, c->key, &c->r->req, c->p, scratch,
		c->need, NULL);
	memcpy(first, scratch, c->need);
	memset(scratch, 0x3C, c->need);
	rc2 = sigv4_sign(out, need_out, &len, &other, &c->r->req, c->p, scratch,
		c->need, NULL);
	FZ_CHECK(rc1 == SIGV4_OK && rc2 == SIGV4_OK, "%s / %s",
		sigv4_errname(rc1), sigv4_errname(rc2));
	FZ_CHECK(memcmp(first, scratch, c->need) == 0,
		"the scratch area depends on the signing key");
	sigv4_wipe(&other, sizeof other);
	free(block);
	free(first);
	free(out);
}

/* ------------------------------------------------------------------ */

static void
check_key(fz_signed *res, const fz_request *r)
{
	static const sigv4_key zero;
	uint32_t expected = model_key_errors(r->secret, r->scope.date,
		r->scope.region, r->scope.service);
	uint8_t want[32];
	sigv4_key imported;
	char names[512];
	int rc;

	rc = sigv4_key_derive(&res->key, r->secret.ptr, r->secret.len,
		r->scope.date, r->scope.region, r->scope.service);
	if (expected != 0) {
		FZ_CHECK(rc != SIGV4_OK && (expected & MODEL_BIT(rc)),
			"sigv4_key_derive returned %s; the model expects one of %s",
			sigv4_errname(rc), error_names(expected, names, sizeof names));
		FZ_CHECK(memcmp(&res->key, &zero, sizeof zero) == 0,
			"sigv4_key_derive failed without zeroing the key");
		res->rc = rc;
		return;
	}
	FZ_CHECK(rc == SIGV4_OK, "sigv4_key_derive failed with %s on valid input",
		sigv4_errname(rc));
	model_signing_key(want, r->secret, r->scope.date, r->scope.region,
		r->scope.service);
	FZ_CHECK(memcmp(want, res->key.signing_key, 32) == 0,
		"kSigning differs from the model's HMAC chain");
	rc = sigv4_key_import(&imported, res->key.signing_key, r->scope.date,
		r->scope.region, r->scope.service);
	FZ_CHECK(rc == SIGV4_OK && memcmp(&imported, &res->key, sizeof imported) == 0,
		"sigv4_key_import does not rebuild the derived key (%s)",
		sigv4_errname(rc));
	res->rc = SIGV4_OK;
}

/* A request the model rejects: the same code every time, nothing written,
 * whatever the buffers. */
static void
check_rejected(fz_signed *res, const call_ctx *c, int rc0, uint32_t expected)
{
	char names[512], *out = sentinel_block(256), *creq = sentinel_block(64);
	sigv4_capture cap;
	size_t len = 1;
	int rc;

	FZ_CHECK(rc0 != SIGV4_OK && rc0 != SIGV4_ERR_SPACE
		&& (expected & MODEL_BIT(rc0)),
		"sigv4_sign returned %s; the model expects one of %s",
		sigv4_errname(rc0), error_names(expected, names, sizeof names));
	memset(&cap, 0, sizeof cap);
	cap.canonical_request = creq;
	cap.canonical_request_cap = 64;
	rc = call(c, out, 256, &len, c->need + 64, 0, 0, &cap);
	FZ_CHECK(rc == rc0, "error changed with bigger buffers: %s then %s",
		sigv4_errname(rc0), sigv4_errname(rc));
	FZ_CHECK(len == 0, "out_len %lu after %s", (unsigned long)len,
		sigv4_errname(rc));
	FZ_CHECK(no_partial(out, 256) && no_partial(creq, 64),
		"partial output left after %s", sigv4_errname(rc));
	free(out);
	free(creq);
	res->rc = rc0;
}

static size_t
count_byte(const fz_buf *b, char c)
{
	size_t i, n = 0;

	for (i = 0; i < b->len; i++) {
		n += b->p[i] == c;
	}
	return n;
}

/* The content checks: the model, then structure that needs no model. */
static void
check_content(fz_signed *res, const fz_request *r)
{
	fz_buf creq, list, sts, out;
	uint8_t mac[32];
	char hex[64];

	fz_buf_init(&creq);
	fz_buf_init(&list);
	fz_buf_init(&sts);
	fz_buf_init(&out);
	model_canonical_request(&creq, &list, &res->mode, &r->scope, &r->req,
		&r->params);
	FZ_CHECK(fz_str_eq(fz_buf_str(&creq), fz_buf_str(&res->creq)),
		"canonical request differs from the model:\n--- model\n%.*s\n"
		"--- library\n%.*s", (int)creq.len, creq.p, (int)res->creq.len,
		res->creq.p);
	model_string_to_sign(&sts, &r->scope, r->params.amz_date,
		fz_buf_str(&res->creq));
	FZ_CHECK(fz_str_eq(fz_buf_str(&sts), fz_buf_str(&res->sts)),
		"string to sign differs from the model");
	model_hmac(mac, res->key.signing_key, 32, sts.p, sts.len);
	model_hex(hex, mac, 32);

	/* The canonical query is the third line. */
	model_output(&out, &res->mode, &r->scope, &r->params,
		fz_line(fz_buf_str(&creq), 2), fz_buf_str(&list), hex);
	FZ_CHECK(fz_str_eq(fz_buf_str(&out), fz_buf_str(&res->out)),
		"output differs from the model:\n--- model\n%.*s\n--- library\n%.*s",
		(int)out.len, out.p, (int)res->out.len, res->out.p);

	/* No model needed: a raw CR or LF from a header value would add a
	 * line, so the lines must be exactly method, path, query, one per
	 * signed name, blank, list, payload. */
	FZ_CHECK(count_byte(&res->creq, '\r') == 0,
		"canonical request contains CR");
	FZ_CHECK(count_byte(&res->creq, '\n') == 5 + 1 + count_byte(&list, ';'),
		"canonical request has %lu line breaks for %lu signed headers",
		(unsigned long)count_byte(&res->creq, '\n'),
		(unsigned long)(1 + count_byte(&list, ';')));
	fz_buf_free(&creq);
	fz_buf_free(&list);
	fz_buf_free(&sts);
	fz_buf_free(&out);
}

/* One capture buffer (buf, whose capacity field is *cap_field) a byte
 * short: SIGV4_ERR_SPACE, the full length reported, nothing left in the
 * output or in buf. */
static void
capture_short(const call_ctx *c, char *out, size_t need_out,
	sigv4_capture *cap, char *buf, size_t need, size_t *cap_field,
	const size_t *len_field, const char *what)
{
	size_t len;
	int rc;

	memset(out, SENTINEL, need_out);
	memset(buf, SENTINEL, need);
	*cap_field = need - 1;
	rc = call(c, out, need_out, &len, c->need, c->r->misalign, 0, cap);
	*cap_field = need;
	FZ_CHECK(rc == SIGV4_ERR_SPACE && *len_field == need,
		"%s capture one byte short: %s", what, sigv4_errname(rc));
	FZ_CHECK(no_partial(out, need_out) && no_partial(buf, need),
		"partial output when the %s did not fit", what);
}

/* Signing that must succeed: exact sizes, boundaries, content. */
static void
check_accepted(fz_signed *res, const call_ctx *c, size_t need_out)
{
	const fz_request *r = c->r;
	sigv4_capture cap;
	size_t len, need_creq, need_sts, slack = r->out_slack;
	char *out, *creq, *sts, *again;
	int rc;

	/* Capture buffers of capacity 0: SPACE, the lengths, and the output
	 * (which fit) wiped. */
	out = sentinel_block(need_out);
	memset(&cap, 0, sizeof cap);
	rc = call(c, out, need_out, &len, c->need, r->misalign, 0x5A, &cap);
	FZ_CHECK(rc == SIGV4_ERR_SPACE && len == need_out,
		"empty capture: %s, out_len %lu (want ERR_SPACE, %lu)",
		sigv4_errname(rc), (unsigned long)len, (unsigned long)need_out);
	FZ_CHECK(no_partial(out, need_out),
		"output left in place although the capture did not fit");
	need_creq = cap.canonical_request_len;
	need_sts = cap.string_to_sign_len;
	FZ_CHECK(need_creq > 0 && need_sts > 0, "capture lengths not reported");
	free(out);

	/* Exact sizes (plus slack on the output, which must stay untouched). */
	out = sentinel_block(need_out + slack);
	creq = sentinel_block(need_creq);
	sts = sentinel_block(need_sts);
	cap.canonical_request = creq;
	cap.canonical_request_cap = need_creq;
	cap.string_to_sign = sts;
	cap.string_to_sign_cap = need_sts;
	rc = call(c, out, need_out + slack, &len, c->need, r->misalign, 0x5A,
		&cap);
	FZ_CHECK(rc == SIGV4_OK, "exactly sized buffers: %s", sigv4_errname(rc));
	FZ_CHECK(len == need_out && cap.canonical_request_len == need_creq
		&& cap.string_to_sign_len == need_sts,
		"lengths changed between the sizing call and the real one");
	FZ_CHECK(printable(out, len), "output is not printable ASCII");
	FZ_CHECK(fz_all_bytes(out + len, slack, SENTINEL, SENTINEL),
		"bytes written past out_len");
	fz_write(&res->out, out, len);
	fz_write(&res->creq, creq, need_creq);
	fz_write(&res->sts, sts, need_sts);

	/* Same call: other scratch contents and alignment, no capture. */
	again = sentinel_block(need_out);
	rc = call(c, again, need_out, &len, c->need, (r->misalign + 3) & 7, 0x00,
		NULL);
	FZ_CHECK(rc == SIGV4_OK && len == need_out
		&& memcmp(again, res->out.p, need_out) == 0,
		"a second identical call gave another result (%s)", sigv4_errname(rc));
	free(again);

	/* One byte short, each buffer in turn: the right code, nothing left. */
	again = sentinel_block(need_out);
	rc = call(c, again, need_out - 1, &len, c->need, r->misalign, 0, NULL);
	FZ_CHECK(rc == SIGV4_ERR_SPACE && len == need_out,
		"output one byte short: %s, out_len %lu", sigv4_errname(rc),
		(unsigned long)len);
	FZ_CHECK(no_partial(again, need_out), "partial output on ERR_SPACE");
	memset(again, SENTINEL, need_out);
	rc = call(c, again, need_out, &len, c->need - 1, r->misalign, 0, NULL);
	FZ_CHECK(rc == SIGV4_ERR_SCRATCH, "scratch one byte short: %s",
		sigv4_errname(rc));
	FZ_CHECK(no_partial(again, need_out), "partial output on ERR_SCRATCH");
	capture_short(c, again, need_out, &cap, creq, need_creq,
		&cap.canonical_request_cap, &cap.canonical_request_len,
		"canonical request");
	capture_short(c, again, need_out, &cap, sts, need_sts,
		&cap.string_to_sign_cap, &cap.string_to_sign_len, "string to sign");
	free(again);
	free(out);
	free(creq);
	free(sts);

	check_scratch_keyless(c, need_out);
	check_content(res, r);
}

void
fz_sign_checked(fz_signed *res, const fz_request *r)
{
	call_ctx c;
	uint32_t expected;
	size_t len0 = 1;
	int rc0;

	memset(res, 0, sizeof *res);
	fz_buf_init(&res->out);
	fz_buf_init(&res->creq);
	fz_buf_init(&res->sts);
	check_key(res, r);
	if (res->rc != SIGV4_OK) {
		return;
	}
	model_resolve(&res->mode, &r->params, r->scope.service);
	expected = model_sign_errors(&r->scope, &r->req, &r->params);
	c.r = r;
	c.key = &res->key;
	c.p = &r->params;
	c.need = sigv4_scratch_size(&r->req, &r->params);

	/* Sizing call: no output buffer at all. */
	rc0 = call(&c, NULL, 0, &len0, c.need, r->misalign, 0x5A, NULL);
	FZ_CHECK(rc0 != SIGV4_OK, "sigv4_sign succeeded into a 0-byte buffer");
	if (expected != 0 || rc0 != SIGV4_ERR_SPACE) {
		check_rejected(res, &c, rc0, expected);
		return;
	}
	FZ_CHECK(len0 > 0, "ERR_SPACE without the needed length");
	check_accepted(res, &c, len0);
	res->rc = SIGV4_OK;
}

void
fz_signed_free(fz_signed *res)
{
	sigv4_wipe(&res->key, sizeof res->key);
	fz_buf_free(&res->out);
	fz_buf_free(&res->creq);
	fz_buf_free(&res->sts);
}

int
fz_sign_plain(fz_buf *out, const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *p)
{
	size_t need = sigv4_scratch_size(req, p), len = 0;
	void *scratch = malloc(need);
	int rc;

	out->len = 0;
	rc = sigv4_sign(NULL, 0, &len, key, req, p, scratch, need, NULL);
	if (rc == SIGV4_ERR_SPACE) {
		char *buf = (char *)malloc(len);

		rc = sigv4_sign(buf, len, &len, key, req, p, scratch, need, NULL);
		if (rc == SIGV4_OK) {
			fz_write(out, buf, len);
		}
		free(buf);
	}
	free(scratch);
	return rc;
}
