/*
 * sign.c: the pipeline, stage by stage.
 *
 *   check      every input, before anything is written
 *   layout     carve the caller's scratch (sizes depend only on lengths)
 *   select     the signed headers, sorted; the signed-header list
 *   query      parse, add the X-Amz-* parameters when presigning, sort
 *   canonical  method, path, query, headers, list, payload -> SHA-256
 *   sts        "AWS4-HMAC-SHA256\n<date>\n<scope>\n<hash>"
 *   signature  HMAC(kSigning, sts), hex
 *   output     the Authorization value, or the presigned query
 */
#include <string.h>

#include "inner.h"

#define ALGORITHM "AWS4-HMAC-SHA256"
#define SCOPE_TERM "aws4_request"
#define EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* Parameters a presigned query gets, and that no query may bring. */
static const char *const reserved_params[] = {
	"x-amz-signature", "x-amz-date", "x-amz-credential", "x-amz-algorithm",
	"x-amz-signedheaders", "x-amz-security-token", "x-amz-expires",
	"x-amz-region-set",
};

static const char *const payload_markers[] = {
	"UNSIGNED-PAYLOAD",
	"STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
	"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
	"STREAMING-UNSIGNED-PAYLOAD-TRAILER",
	"STREAMING-AWS4-HMAC-SHA256-EVENTS",
	"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
	"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER",
};

static const char *const s3_services[] = {
	"s3", "s3-express", "s3-outposts", "s3-object-lambda",
};

/* How this signature treats path and payload, after service defaults. */
typedef struct {
	int presign;
	int single;
	int normalize;
	int content_sha256;
	int token_signed;
	int token_after;
} mode;

typedef struct {
	size_t order, params, path, list, cred, total;
	size_t params_max;
} layout;

static sigv4_str
view(const char *p, size_t n)
{
	sigv4_str s;

	s.ptr = p;
	s.len = n;
	return s;
}

static int
pick(uint32_t flags, uint32_t on, uint32_t off, int dflt, int *out)
{
	if ((flags & on) && (flags & off)) {
		return SIGV4_ERR_PARAM;
	}
	*out = (flags & on) ? 1 : (flags & off) ? 0 : dflt;
	return SIGV4_OK;
}

static int
resolve_mode(mode *m, const sigv4_key *key, const sigv4_params *p)
{
	sigv4_str service = view(key->service, key->service_len);
	int s3 = 0, err;
	size_t i;

	for (i = 0; i < sizeof s3_services / sizeof s3_services[0]; i++) {
		s3 |= sigv4_eq_lower(service, s3_services[i]);
	}
	m->presign = (p->flags & SIGV4_PRESIGN) != 0;
	if ((err = pick(p->flags, SIGV4_SINGLE_ENCODE, SIGV4_DOUBLE_ENCODE,
			s3, &m->single)) != SIGV4_OK
		|| (err = pick(p->flags, SIGV4_NORMALIZE, SIGV4_NO_NORMALIZE,
			!s3, &m->normalize)) != SIGV4_OK
		|| (err = pick(p->flags, SIGV4_CONTENT_SHA256,
			SIGV4_NO_CONTENT_SHA256, s3, &m->content_sha256)) != SIGV4_OK)
	{
		return err;
	}
	if (m->presign) {
		m->content_sha256 = 0;
	}
	if ((p->flags & SIGV4_SIGN_ALL_HEADERS)
		&& (p->flags & SIGV4_SIGN_LISTED_ONLY))
	{
		return SIGV4_ERR_PARAM;
	}
	m->token_after = p->session_token.len > 0
		&& (p->flags & SIGV4_TOKEN_AFTER) != 0;
	m->token_signed = p->session_token.len > 0 && !m->token_after;
	return SIGV4_OK;
}

static int
printable(sigv4_str s, const char *banned)
{
	const unsigned char *p = (const unsigned char *)s.ptr;
	size_t i = 0;

	/* Whole words first (see sigv4_any_below in inner.h). */
	for (; s.len - i >= 8; i += 8) {
		uint64_t x = sigv4_load64(p + i);

		if (sigv4_any_below(x, 0x21) | sigv4_any_above(x, 0x7e)) {
			return 0;
		}
	}
	for (; i < s.len; i++) {
		if (p[i] <= 0x20 || p[i] >= 0x7f) {
			return 0;
		}
	}
	/* A loop, not strchr: keeps libc's strchr out of the wasm (200 B). */
	for (; *banned != '\0'; banned++) {
		for (i = 0; i < s.len; i++) {
			if (p[i] == (unsigned char)*banned) {
				return 0;
			}
		}
	}
	return 1;
}

static int
payload_hash_ok(sigv4_str h)
{
	size_t i;

	if (h.len == SIGV4_SHA256_HEX_LEN) {
		for (i = 0; i < h.len; i++) {
			unsigned char c = (unsigned char)h.ptr[i];

			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return 0;
			}
		}
		return 1;
	}
	for (i = 0; i < sizeof payload_markers / sizeof payload_markers[0]; i++) {
		size_t n = strlen(payload_markers[i]);

		if (h.len == n && memcmp(h.ptr, payload_markers[i], n) == 0) {
			return 1;
		}
	}
	return 0;
}

static int
has_bytes(sigv4_str s, const char *bytes, size_t nbytes)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (memchr(bytes, s.ptr[i], nbytes) != NULL) {
			return 1;
		}
	}
	return 0;
}

static int
valid_view(sigv4_str s)
{
	return s.len == 0 || s.ptr != NULL;
}

static int
check_inputs(const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *p, const mode *m)
{
	size_t i;
	int err;

	if (!valid_view(req->method) || !valid_view(req->path)
		|| !valid_view(req->query) || !valid_view(p->access_key_id)
		|| !valid_view(p->session_token) || !valid_view(p->payload_hash)
		|| (p->signed_header_count > 0 && p->signed_headers == NULL)
		|| (p->unsigned_header_count > 0 && p->unsigned_headers == NULL))
	{
		return SIGV4_ERR_PARAM;
	}
	if ((err = sigv4_amz_date_check(p->amz_date)) != SIGV4_OK) {
		return err;
	}
	if (memcmp(p->amz_date.ptr, key->date, 8) != 0) {
		return SIGV4_ERR_KEY_SCOPE;
	}
	if (p->access_key_id.len == 0 || !printable(p->access_key_id, "/,")) {
		return SIGV4_ERR_ACCESS_KEY;
	}
	if (!printable(p->session_token, "")) {
		return SIGV4_ERR_TOKEN;
	}
	if (!payload_hash_ok(p->payload_hash)) {
		return SIGV4_ERR_PAYLOAD_HASH;
	}
	if (m->presign && (p->expires < 1 || p->expires > SIGV4_EXPIRES_MAX)) {
		return SIGV4_ERR_EXPIRES;
	}
	if (req->method.len == 0) {
		return SIGV4_ERR_METHOD;
	}
	for (i = 0; i < req->method.len; i++) {
		if (!sigv4_is_tchar((unsigned char)req->method.ptr[i])) {
			return SIGV4_ERR_METHOD;
		}
	}
	if ((req->path.len > 0 && req->path.ptr[0] != '/')
		|| has_bytes(req->path, "\0\r\n", 3))
	{
		return SIGV4_ERR_PATH;
	}
	if (has_bytes(req->query, "\0\r\n#", 4)) {
		return SIGV4_ERR_QUERY;
	}
	return sigv4_headers_check(req);
}

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static void
plan(layout *l, const sigv4_request *req, const sigv4_params *p)
{
	size_t order_n = req->header_count + SIGV4_MAX_EXTRA;
	size_t cred_n = p->access_key_id.len + 1 + 8 + 1
		+ SIGV4_SCOPE_PART_MAX + 1 + SIGV4_SCOPE_PART_MAX + 1
		+ sizeof SCOPE_TERM;

	/* Six X-Amz-* parameters may be added when presigning. */
	l->params_max = sigv4_query_count_max(req->query.ptr, req->query.len) + 6;
	l->order = 0;
	l->params = align8(l->order + order_n * sizeof(uint32_t));
	l->path = align8(l->params + l->params_max * sizeof(sigv4_qparam));
	l->list = l->path + sigv4_path_scratch(req->path.len);
	l->cred = l->list + sigv4_headers_list_max(req);
	/* Slack to align the caller's pointer. */
	l->total = align8(l->cred + cred_n) + 8;
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

static void
add_param(sigv4_qparam *p, const char *k, const char *v, size_t vlen)
{
	p->k = k;
	p->klen = (uint32_t)strlen(k);
	p->v = v;
	p->vlen = (uint32_t)vlen;
	p->raw = 0;
	p->form = 0;
}

/* "<date>/<region>/<service>/aws4_request" */
static void
emit_scope(sigv4_sink *s, const sigv4_key *key)
{
	sigv4_sink_write(s, key->date, 8);
	sigv4_sink_put(s, '/');
	sigv4_sink_write(s, key->region, key->region_len);
	sigv4_sink_put(s, '/');
	sigv4_sink_write(s, key->service, key->service_len);
	sigv4_sink_puts(s, "/" SCOPE_TERM);
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
zero_written(char *buf, size_t cap, size_t len)
{
	if (buf != NULL) {
		memset(buf, 0, len < cap ? len : cap);
	}
}

/* see sigv4.h */
int
sigv4_sign(char *out, size_t out_cap, size_t *out_len,
	const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *p, void *scratch, size_t scratch_len,
	sigv4_capture *capture)
{
	sigv4_headers h;
	sigv4_qparam *params;
	size_t nparams = 0, list_len, cred_len, i;
	char *base, *list, *cred;
	char expires[10], canon_hash[64], sts[320], sig_hex[64];
	uint8_t sig[32];
	sigv4_sink s;
	layout l;
	mode m;
	int err;

	if (out_len != NULL) {
		*out_len = 0;
	}
	if (out == NULL && out_cap > 0) {
		return SIGV4_ERR_PARAM;
	}
	if (out_len == NULL || key == NULL || req == NULL || p == NULL
		|| (scratch == NULL && scratch_len > 0))
	{
		return SIGV4_ERR_PARAM;
	}

	/* check */
	if ((err = resolve_mode(&m, key, p)) != SIGV4_OK
		|| (err = check_inputs(key, req, p, &m)) != SIGV4_OK)
	{
		return err;
	}

	/* layout */
	plan(&l, req, p);
	if (scratch_len < l.total) {
		return SIGV4_ERR_SCRATCH;
	}
	base = (char *)scratch + ((8 - ((uintptr_t)scratch & 7)) & 7);
	h.order = (uint32_t *)(void *)(base + l.order);
	params = (sigv4_qparam *)(void *)(base + l.params);
	list = base + l.list;
	cred = base + l.cred;

	/* select */
	h.req = req;
	h.params = p;
	h.extra_count = 0;
	if (!m.presign) {
		if (m.content_sha256) {
			h.extra[h.extra_count].name = view("x-amz-content-sha256", 20);
			h.extra[h.extra_count++].value = p->payload_hash;
		}
		h.extra[h.extra_count].name = view("x-amz-date", 10);
		h.extra[h.extra_count++].value = p->amz_date;
		if (m.token_signed) {
			h.extra[h.extra_count].name = view("x-amz-security-token", 20);
			h.extra[h.extra_count++].value = p->session_token;
		}
	}
	sigv4_headers_select(&h);
	sigv4_sink_init(&s, 0, list, sigv4_headers_list_max(req));
	sigv4_headers_emit_list(&s, &h);
	sigv4_sink_flush(&s);
	list_len = s.len;

	/* query */
	nparams = sigv4_query_parse(params, req->query.ptr, req->query.len,
		(p->flags & SIGV4_QUERY_FORM) != 0);
	for (i = 0; i < nparams; i++) {
		size_t j;

		for (j = 0; j < sizeof reserved_params / sizeof reserved_params[0]; j++) {
			if (sigv4_qparam_key_is(&params[i], reserved_params[j])) {
				return SIGV4_ERR_QUERY_RESERVED;
			}
		}
	}
	sigv4_sink_init(&s, 0, cred, l.total - l.cred);
	sigv4_sink_write(&s, p->access_key_id.ptr, p->access_key_id.len);
	sigv4_sink_put(&s, '/');
	emit_scope(&s, key);
	sigv4_sink_flush(&s);
	cred_len = s.len;
	if (m.presign) {
		add_param(&params[nparams++], "X-Amz-Algorithm", ALGORITHM,
			sizeof ALGORITHM - 1);
		add_param(&params[nparams++], "X-Amz-Credential", cred, cred_len);
		add_param(&params[nparams++], "X-Amz-Date", p->amz_date.ptr,
			p->amz_date.len);
		add_param(&params[nparams++], "X-Amz-Expires", expires,
			format_u32(expires, p->expires));
		if (m.token_signed) {
			add_param(&params[nparams++], "X-Amz-Security-Token",
				p->session_token.ptr, p->session_token.len);
		}
		add_param(&params[nparams++], "X-Amz-SignedHeaders", list, list_len);
	}
	sigv4_query_sort(params, nparams);

	/* canonical */
	sigv4_sink_init(&s, 1, capture ? capture->canonical_request : NULL,
		capture ? capture->canonical_request_cap : 0);
	sigv4_sink_write(&s, req->method.ptr, req->method.len);
	sigv4_sink_put(&s, '\n');
	if (m.normalize && req->path.len > 0) {
		char *path = base + l.path;
		size_t n = sigv4_path_normalize(path, req->path.ptr, req->path.len);

		sigv4_path_emit(&s, path, n, m.single);
	} else {
		sigv4_path_emit(&s, req->path.ptr, req->path.len, m.single);
	}
	sigv4_sink_put(&s, '\n');
	sigv4_query_emit(&s, params, nparams);
	sigv4_sink_put(&s, '\n');
	sigv4_headers_emit(&s, &h);
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, list, list_len);
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, p->payload_hash.ptr, p->payload_hash.len);
	sigv4_sink_hex(&s, canon_hash);
	if (capture != NULL) {
		capture->canonical_request_len = s.len;
		if (!sigv4_sink_fits(&s)) {
			err = SIGV4_ERR_SPACE;
		}
	}

	/* sts */
	sigv4_sink_init(&s, 0, sts, sizeof sts);
	sigv4_sink_puts(&s, ALGORITHM "\n");
	sigv4_sink_write(&s, p->amz_date.ptr, p->amz_date.len);
	sigv4_sink_put(&s, '\n');
	emit_scope(&s, key);
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, canon_hash, 64);
	sigv4_sink_flush(&s);
	if (capture != NULL) {
		capture->string_to_sign_len = s.len;
		if (capture->string_to_sign_cap >= s.len
			&& capture->string_to_sign != NULL)
		{
			memcpy(capture->string_to_sign, sts, s.len);
		} else {
			err = SIGV4_ERR_SPACE;
		}
	}

	/* signature */
	sigv4_hmac_pads(sig, key->hmac_pads, sts, s.len);
	sigv4_hex(sig_hex, sig, 32);
	sigv4_wipe(sig, sizeof sig);

	/* output */
	sigv4_sink_init(&s, 0, out, out_cap);
	if (m.presign) {
		sigv4_query_emit(&s, params, nparams);
		sigv4_sink_puts(&s, "&X-Amz-Signature=");
		sigv4_sink_write(&s, sig_hex, 64);
		if (m.token_after) {
			sigv4_sink_puts(&s, "&X-Amz-Security-Token=");
			sigv4_encode_emit(&s, p->session_token.ptr,
				p->session_token.len);
		}
	} else {
		sigv4_sink_puts(&s, ALGORITHM " Credential=");
		sigv4_sink_write(&s, cred, cred_len);
		sigv4_sink_puts(&s, ", SignedHeaders=");
		sigv4_sink_write(&s, list, list_len);
		sigv4_sink_puts(&s, ", Signature=");
		sigv4_sink_write(&s, sig_hex, 64);
	}
	if (!sigv4_sink_fits(&s)) {
		err = SIGV4_ERR_SPACE;
	}
	*out_len = s.len;
	if (err != SIGV4_OK) {
		/* No partial output anywhere; lengths stay to size a retry. */
		zero_written(out, out_cap, s.len);
		if (capture != NULL) {
			zero_written(capture->canonical_request,
				capture->canonical_request_cap,
				capture->canonical_request_len);
			zero_written(capture->string_to_sign,
				capture->string_to_sign_cap,
				capture->string_to_sign_len);
		}
	}
	return err;
}
