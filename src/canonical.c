/*
 * canonical.c: the canonical request stage and what it is made of: the
 * signed headers and their list, the credential, the query.
 *
 *   <method>\n<path>\n<query>\n<headers>\n\n<signed list>\n<payload hash>
 */
#include <string.h>

#include "inner.h"

#define SCOPE_TERM "aws4_request"

/* Parameters a presigned query gets, and that no query may bring (nor
 * the one the token goes in). */
static const char *const reserved_params[] = {
	"x-amz-signature", "x-amz-date", "x-amz-credential", "x-amz-algorithm",
	"x-amz-signedheaders", "x-amz-security-token", "x-amz-expires",
	"x-amz-region-set",
};

static void
add_extra(sigv4_headers *h, sigv4_str name, sigv4_str value)
{
	h->extra[h->extra_count].name = name;
	h->extra[h->extra_count++].value = value;
}

/* see inner.h */
void
sigv4_select_headers(sigv4_state *st)
{
	sigv4_headers *h = &st->h;
	sigv4_sink s;

	h->req = st->req;
	h->params = st->p;
	h->order = st->order;
	h->extra_count = 0;
	if (st->kind == SIGV4_KIND_HEADERS) {
		if (st->policy & SIGV4_CONTENT_SHA256) {
			add_extra(h, SIGV4_LITERAL("x-amz-content-sha256"),
				st->p->payload_hash);
		}
		add_extra(h, SIGV4_LITERAL("x-amz-date"), st->p->amz_date);
		if (st->token_signed) {
			add_extra(h, st->token_header, st->p->session_token);
		}
		if (st->p->region_set.len > 0) {
			add_extra(h, SIGV4_LITERAL("x-amz-region-set"),
				st->p->region_set);
		}
	}
	sigv4_headers_select(h);
	sigv4_sink_init(&s, 0, st->list, sigv4_headers_list_max(st->req));
	sigv4_headers_emit_list(&s, h);
	sigv4_sink_flush(&s);
	st->list_len = s.len;
}

/* see inner.h */
void
sigv4_scope_emit(sigv4_sink *s, const sigv4_key *key)
{
	sigv4_sink_write(s, key->date, 8);
	sigv4_sink_put(s, '/');
	if (key->region_len > 0) {  /* SigV4a scopes have no region */
		sigv4_sink_write(s, key->region, key->region_len);
		sigv4_sink_put(s, '/');
	}
	sigv4_sink_write(s, key->service, key->service_len);
	sigv4_sink_puts(s, "/" SCOPE_TERM);
}

/* see inner.h */
void
sigv4_credential(sigv4_state *st)
{
	sigv4_sink s;

	sigv4_sink_init(&s, 0, st->cred, SIGV4_CRED_MAX(st->p));
	sigv4_sink_write(&s, st->p->access_key_id.ptr, st->p->access_key_id.len);
	sigv4_sink_put(&s, '/');
	sigv4_scope_emit(&s, st->key);
	sigv4_sink_flush(&s);
	st->cred_len = s.len;
}

static size_t
format_u32(char *out, uint32_t v)
{
	char tmp[10];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (i = 0; i < n; i++) {
		out[i] = tmp[n - 1 - i];
	}
	return n;
}

static void
add_param(sigv4_state *st, const char *k, const char *v, size_t vlen)
{
	sigv4_qparam *p = &st->params[st->nparams++];

	p->k = k;
	p->klen = (uint32_t)strlen(k);
	p->v = v;
	p->vlen = (uint32_t)vlen;
	p->raw = 0;
	p->form = 0;
}

static int
has_reserved_param(const sigv4_state *st)
{
	size_t i, j;

	for (i = 0; i < st->nparams; i++) {
		for (j = 0; j < sizeof reserved_params / sizeof reserved_params[0]; j++) {
			if (sigv4_qparam_key_is(&st->params[i], reserved_params[j])) {
				return 1;
			}
		}
		if (sigv4_qparam_key_is(&st->params[i], st->token_header.ptr)) {
			return 1;
		}
	}
	return 0;
}

/* see inner.h */
int
sigv4_build_query(sigv4_state *st)
{
	const sigv4_params *p = st->p;

	st->nparams = sigv4_query_parse(st->params, st->req->query.ptr,
		st->req->query.len, (st->policy & SIGV4_QUERY_FORM) != 0);
	if (has_reserved_param(st)) {
		return SIGV4_ERR_QUERY_RESERVED;
	}
	if (st->kind == SIGV4_KIND_QUERY) {
		add_param(st, "X-Amz-Algorithm", SIGV4_ALG_NAME(st->alg),
			strlen(SIGV4_ALG_NAME(st->alg)));
		add_param(st, "X-Amz-Credential", st->cred, st->cred_len);
		add_param(st, "X-Amz-Date", p->amz_date.ptr, p->amz_date.len);
		add_param(st, "X-Amz-Expires", st->expires,
			format_u32(st->expires, p->expires));
		if (st->token_signed) {
			add_param(st, st->token_param, p->session_token.ptr,
				p->session_token.len);
		}
		add_param(st, "X-Amz-SignedHeaders", st->list, st->list_len);
		if (p->region_set.len > 0) {
			add_param(st, "X-Amz-Region-Set", p->region_set.ptr,
				p->region_set.len);
		}
	}
	sigv4_query_sort(st->params, st->nparams);
	return SIGV4_OK;
}

static void
emit_path(sigv4_sink *s, const sigv4_state *st)
{
	const sigv4_str *path = &st->req->path;
	int single = (st->policy & SIGV4_SINGLE_ENCODE) != 0;

	if ((st->policy & SIGV4_NORMALIZE) && path->len > 0) {
		size_t n = sigv4_path_normalize(st->path, path->ptr, path->len);

		sigv4_path_emit(s, st->path, n, single);
	} else {
		sigv4_path_emit(s, path->ptr, path->len, single);
	}
}

/* see inner.h */
int
sigv4_canonical_request(sigv4_state *st, sigv4_capture *capture)
{
	const sigv4_str *method = &st->req->method;
	const sigv4_str *payload = &st->p->payload_hash;
	sigv4_sink s;

	sigv4_sink_init(&s, 1, capture ? capture->canonical_request : NULL,
		capture ? capture->canonical_request_cap : 0);
	sigv4_sink_write(&s, method->ptr, method->len);
	sigv4_sink_put(&s, '\n');
	emit_path(&s, st);
	sigv4_sink_put(&s, '\n');
	sigv4_query_emit(&s, st->params, st->nparams);
	sigv4_sink_put(&s, '\n');
	sigv4_headers_emit(&s, &st->h);
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, st->list, st->list_len);
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, payload->ptr, payload->len);
	sigv4_sink_hex(&s, st->creq_hash);
	if (capture != NULL) {
		capture->canonical_request_len = s.len;
		if (!sigv4_sink_fits(&s)) {
			return SIGV4_ERR_SPACE;
		}
	}
	return SIGV4_OK;
}
