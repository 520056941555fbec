/*
 * sign.c: sigv4_sign() runs the stages in order (inner.h):
 *
 *   policy     the flags in effect (policy.c)
 *   check      every input, before anything is written (check.c)
 *   layout     carve the caller's scratch (sizes depend only on lengths)
 *   headers    the signed headers, sorted, and their list (canonical.c)
 *   query      parse, add the X-Amz-* parameters when presigning, sort
 *   canonical  the canonical request -> its SHA-256 (canonical.c)
 *   sts        "<algorithm>\n<date>\n<scope>\n<hash>"
 *   signature  the algorithm's: HMAC(kSigning, sts) as hex here, ECDSA
 *              P-256 in sigv4a.c
 *   output     the Authorization value, or the presigned query
 */
#include <string.h>

#include "inner.h"

static void
hmac_signature(sigv4_state *st)
{
	uint8_t sig[32];

	sigv4_hmac_pads(sig, st->key->hmac_pads, st->sts, st->sts_len);
	sigv4_hex(st->signature, sig, 32);
	st->signature_len = 64;
	sigv4_wipe(sig, sizeof sig);
}

const sigv4_alg sigv4_alg_hmac_sha256 = {
	SIGV4_ALG_HMAC_SHA256, hmac_signature
};

typedef struct {
	size_t order, params, path, list, cred, total;
} layout;

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static void
plan(layout *l, const sigv4_request *req, const sigv4_params *p)
{
	size_t order_n = req->header_count + SIGV4_MAX_EXTRA;
	/* Seven X-Amz-* parameters may be added when presigning. */
	size_t params_n = sigv4_query_count_max(req->query.ptr, req->query.len)
		+ 7;

	l->order = 0;
	l->params = align8(l->order + order_n * sizeof(uint32_t));
	l->path = align8(l->params + params_n * sizeof(sigv4_qparam));
	l->list = l->path + sigv4_path_scratch(req->path.len);
	l->cred = l->list + sigv4_headers_list_max(req);
	/* Slack to align the caller's pointer. */
	l->total = align8(l->cred + SIGV4_CRED_MAX(p)) + 8;
}

/* see sigv4.h */
size_t
sigv4_scratch_size(const sigv4_request *req, const sigv4_params *params)
{
	layout l;

	if (req == NULL || params == NULL) {
		return 0;
	}
	plan(&l, req, params);
	return l.total;
}

static int
carve(sigv4_state *st, void *scratch, size_t scratch_len)
{
	char *base;
	layout l;

	plan(&l, st->req, st->p);
	if (scratch_len < l.total) {
		return SIGV4_ERR_SCRATCH;
	}
	base = (char *)scratch + ((8 - ((uintptr_t)scratch & 7)) & 7);
	st->order = (uint32_t *)(void *)(base + l.order);
	st->params = (sigv4_qparam *)(void *)(base + l.params);
	st->path = base + l.path;
	st->list = base + l.list;
	st->cred = base + l.cred;
	return SIGV4_OK;
}

/* The inputs and the policy: everything the stages read. */
static int
start(sigv4_state *st, const sigv4_alg *alg, const sigv4_key *key,
	const sigv4_request *req, const sigv4_params *p)
{
	int s3_session, err;

	memset(st, 0, sizeof *st);
	st->key = key;
	st->req = req;
	st->p = p;
	st->alg = alg;
	if (key->algorithm != alg->key_algorithm) {
		return SIGV4_ERR_KEY_ALGORITHM;
	}
	err = sigv4_policy(&st->policy,
		(sigv4_str){ key->service, key->service_len }, p->flags);
	if (err != SIGV4_OK) {
		return err;
	}
	st->kind = (st->policy & SIGV4_PRESIGN)
		? SIGV4_KIND_QUERY : SIGV4_KIND_HEADERS;
	st->token_after = p->session_token.len > 0
		&& (st->policy & SIGV4_TOKEN_AFTER) != 0;
	st->token_signed = p->session_token.len > 0 && !st->token_after;
	s3_session = (st->policy & SIGV4_S3_SESSION_TOKEN) != 0;
	st->token_header = s3_session
		? SIGV4_LITERAL("x-amz-s3session-token")
		: SIGV4_LITERAL("x-amz-security-token");
	st->token_param = s3_session
		? "X-Amz-S3session-Token" : "X-Amz-Security-Token";
	return SIGV4_OK;
}

/* The string to sign, in st->sts. */
static void
string_to_sign(sigv4_state *st)
{
	sigv4_sink s;

	sigv4_sink_init(&s, 0, st->sts, sizeof st->sts);
	sigv4_sink_puts(&s, SIGV4_ALG_NAME(st->alg));
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, st->p->amz_date.ptr, st->p->amz_date.len);
	sigv4_sink_put(&s, '\n');
	sigv4_scope_emit(&s, st->key);
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, st->creq_hash, 64);
	sigv4_sink_flush(&s);
	st->sts_len = s.len;
}

/* The Authorization value or the presigned query; its length. */
static size_t
output(const sigv4_state *st, char *out, size_t out_cap, int *fits)
{
	sigv4_sink s;

	sigv4_sink_init(&s, 0, out, out_cap);
	if (st->kind == SIGV4_KIND_QUERY) {
		sigv4_query_emit(&s, st->params, st->nparams);
		sigv4_sink_puts(&s, "&X-Amz-Signature=");
		sigv4_sink_write(&s, st->signature, st->signature_len);
		if (st->token_after) {
			sigv4_sink_puts(&s, "&X-Amz-Security-Token=");
			sigv4_encode_emit(&s, st->p->session_token.ptr,
				st->p->session_token.len);
		}
	} else {
		sigv4_sink_puts(&s, SIGV4_ALG_NAME(st->alg));
		sigv4_sink_puts(&s, " Credential=");
		sigv4_sink_write(&s, st->cred, st->cred_len);
		sigv4_sink_puts(&s, ", SignedHeaders=");
		sigv4_sink_write(&s, st->list, st->list_len);
		sigv4_sink_puts(&s, ", Signature=");
		sigv4_sink_write(&s, st->signature, st->signature_len);
	}
	*fits = sigv4_sink_fits(&s);
	return s.len;
}

static int
capture_sts(const sigv4_state *st, sigv4_capture *capture)
{
	capture->string_to_sign_len = st->sts_len;
	if (capture->string_to_sign_cap < st->sts_len
		|| capture->string_to_sign == NULL)
	{
		return SIGV4_ERR_SPACE;
	}
	memcpy(capture->string_to_sign, st->sts, st->sts_len);
	return SIGV4_OK;
}

static void
zero_written(char *buf, size_t cap, size_t len)
{
	if (buf != NULL) {
		memset(buf, 0, len < cap ? len : cap);
	}
}

/* No partial output anywhere after an error; lengths stay to size a
 * retry. */
static void
discard(char *out, size_t out_cap, size_t out_len, sigv4_capture *capture)
{
	zero_written(out, out_cap, out_len);
	if (capture != NULL) {
		zero_written(capture->canonical_request,
			capture->canonical_request_cap,
			capture->canonical_request_len);
		zero_written(capture->string_to_sign,
			capture->string_to_sign_cap, capture->string_to_sign_len);
	}
}

/* Everything up to the string to sign; SIGV4_ERR_SPACE from the capture
 * is reported after the output has been sized. */
static int
stages(sigv4_state *st, void *scratch, size_t scratch_len,
	sigv4_capture *capture, int *space)
{
	int err;

	if ((err = sigv4_check(st)) != SIGV4_OK
		|| (err = carve(st, scratch, scratch_len)) != SIGV4_OK)
	{
		return err;
	}
	sigv4_select_headers(st);
	sigv4_credential(st);
	if ((err = sigv4_build_query(st)) != SIGV4_OK) {
		return err;
	}
	*space = sigv4_canonical_request(st, capture) != SIGV4_OK;
	string_to_sign(st);
	if (capture != NULL) {
		*space |= capture_sts(st, capture) != SIGV4_OK;
	}
	return SIGV4_OK;
}

/* see inner.h */
int
sigv4_run(const sigv4_alg *alg, char *out, size_t out_cap, size_t *out_len,
	const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *p, void *scratch, size_t scratch_len,
	sigv4_capture *capture)
{
	sigv4_state st;
	int err, space = 0, fits;

	if (out_len != NULL) {
		*out_len = 0;
	}
	if (out_len == NULL || key == NULL || req == NULL || p == NULL
		|| (out == NULL && out_cap > 0)
		|| (scratch == NULL && scratch_len > 0))
	{
		return SIGV4_ERR_PARAM;
	}
	if ((err = start(&st, alg, key, req, p)) != SIGV4_OK
		|| (err = stages(&st, scratch, scratch_len, capture, &space))
			!= SIGV4_OK)
	{
		return err;
	}
	alg->sign(&st);
	*out_len = output(&st, out, out_cap, &fits);
	err = (space || !fits) ? SIGV4_ERR_SPACE : SIGV4_OK;
	if (err != SIGV4_OK) {
		discard(out, out_cap, *out_len, capture);
	}
	return err;
}

/* see sigv4.h */
int
sigv4_sign(char *out, size_t out_cap, size_t *out_len,
	const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *p, void *scratch, size_t scratch_len,
	sigv4_capture *capture)
{
	return sigv4_run(&sigv4_alg_hmac_sha256, out, out_cap, out_len, key,
		req, p, scratch, scratch_len, capture);
}
