/*
 * model_sign.c: keys, input validation, the canonical request, the string
 * to sign and the output (see model.h).
 */
#include <stdio.h>
#include <string.h>

#include "model.h"

static const char *const reserved_params[] = {
	"x-amz-signature", "x-amz-date", "x-amz-credential", "x-amz-algorithm",
	"x-amz-signedheaders", "x-amz-security-token", "x-amz-expires",
	"x-amz-region-set",
};
/* Reserved too when SIGV4_S3_SESSION_TOKEN puts the token there. */
static const char *const s3_session_param = "x-amz-s3session-token";

void
model_hex(char *out, const uint8_t *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char two[3];

		snprintf(two, sizeof two, "%02x", in[i]);
		out[2 * i] = two[0];
		out[2 * i + 1] = two[1];
	}
}

static void
sha256(uint8_t out[32], const void *a, size_t alen, const void *b,
	size_t blen)
{
	sigv4_sha256 h;

	sigv4_sha256_init(&h);
	sigv4_sha256_update(&h, a, alen);
	sigv4_sha256_update(&h, b, blen);
	sigv4_sha256_out(&h, out);
}

void
model_sha256_hex(char out[64], const void *p, size_t n)
{
	uint8_t d[32];

	sha256(d, p, n, NULL, 0);
	model_hex(out, d, 32);
}

/* RFC 2104 with a 64-byte block. */
void
model_hmac(uint8_t out[32], const void *key, size_t key_len,
	const void *msg, size_t msg_len)
{
	uint8_t k[64], pad[64], inner[32];
	size_t i;

	memset(k, 0, sizeof k);
	if (key_len > sizeof k) {
		sha256(k, key, key_len, NULL, 0);
	} else if (key_len > 0) {
		memcpy(k, key, key_len);
	}
	for (i = 0; i < 64; i++) {
		pad[i] = (uint8_t)(k[i] ^ 0x36);
	}
	sha256(inner, pad, 64, msg, msg_len);
	for (i = 0; i < 64; i++) {
		pad[i] = (uint8_t)(k[i] ^ 0x5c);
	}
	sha256(out, pad, 64, inner, 32);
}

void
model_signing_key(uint8_t out[32], sigv4_str secret, const char date[8],
	sigv4_str region, sigv4_str service)
{
	fz_buf k;
	uint8_t a[32], b[32];

	fz_buf_init(&k);
	fz_puts(&k, "AWS4");
	fz_put_str(&k, secret);
	model_hmac(a, k.p, k.len, date, 8);
	model_hmac(b, a, 32, region.ptr, region.len);
	model_hmac(a, b, 32, service.ptr, service.len);
	model_hmac(out, a, 32, "aws4_request", 12);
	fz_buf_free(&k);
}

/* ------------------------------------------------------------------ */

static int
number(const char *p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return 0;
		}
		*v = *v * 10 + (p[i] - '0');
	}
	return 1;
}

int
model_date_ok(const char *d)
{
	static const int month_days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y, m, day, max;

	if (!number(d, 4, &y) || !number(d + 4, 2, &m) || !number(d + 6, 2, &day)) {
		return 0;
	}
	if (y < 1970 || m < 1 || m > 12) {
		return 0;
	}
	max = month_days[m - 1];
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) {
		max = 29;
	}
	return day >= 1 && day <= max;
}

int
model_amz_date_ok(sigv4_str s)
{
	int hh, mm, ss;

	return s.len == 16 && model_date_ok(s.ptr) && s.ptr[8] == 'T'
		&& number(s.ptr + 9, 2, &hh) && hh < 24
		&& number(s.ptr + 11, 2, &mm) && mm < 60
		&& number(s.ptr + 13, 2, &ss) && ss < 60 && s.ptr[15] == 'Z';
}

int
model_scope_part_ok(sigv4_str s, int allow_star)
{
	size_t i;

	if (s.len < 1 || s.len > 63) {
		return 0;
	}
	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		if (!(c == '.' || c == '_' || c == '-' || (allow_star && c == '*')
			|| (model_is_unreserved(c) && c != '~')))
		{
			return 0;
		}
	}
	return 1;
}

int
model_payload_hash_ok(sigv4_str s)
{
	static const char *const markers[] = {
		"UNSIGNED-PAYLOAD",
		"STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
		"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
		"STREAMING-UNSIGNED-PAYLOAD-TRAILER",
		"STREAMING-AWS4-HMAC-SHA256-EVENTS",
		"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
		"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER",
	};
	size_t i;

	for (i = 0; i < sizeof markers / sizeof markers[0]; i++) {
		if (fz_str_eq(s, fz_cstr(markers[i]))) {
			return 1;
		}
	}
	if (s.len != 64) {
		return 0;
	}
	for (i = 0; i < 64; i++) {
		if (!strchr("0123456789abcdef", s.ptr[i]) || s.ptr[i] == 0) {
			return 0;
		}
	}
	return 1;
}

uint32_t
model_key_errors(sigv4_str secret, const char date[8], sigv4_str region,
	sigv4_str service)
{
	uint32_t e = 0;

	if (secret.len == 0) {
		e |= MODEL_BIT(SIGV4_ERR_SECRET);
	}
	if (!model_date_ok(date)) {
		e |= MODEL_BIT(SIGV4_ERR_DATE);
	}
	if (!model_scope_part_ok(region, 1)) {
		e |= MODEL_BIT(SIGV4_ERR_REGION);
	}
	if (!model_scope_part_ok(service, 0)) {
		e |= MODEL_BIT(SIGV4_ERR_SERVICE);
	}
	return e;
}

/* ------------------------------------------------------------------ */

/* Whether service is one of the n lowercase names, ignoring ASCII case. */
static int
service_in(sigv4_str service, const char *const *names, size_t n)
{
	fz_buf lower;
	size_t i;
	int r = 0;

	fz_buf_init(&lower);
	for (i = 0; i < service.len; i++) {
		unsigned char c = (unsigned char)service.ptr[i];

		fz_put(&lower, (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c);
	}
	for (i = 0; i < n; i++) {
		r |= fz_str_eq(fz_buf_str(&lower), fz_cstr(names[i]));
	}
	fz_buf_free(&lower);
	return r;
}

/* Signing names with S3's rules (single encoding, no normalisation,
 * x-amz-content-sha256), and those whose tokens go after signing. */
static const char *const s3_services[] = {
	"s3", "s3express", "s3-outposts", "s3-object-lambda",
};
static const char *const token_after_services[] = {
	"iotdevicegateway",
};

/* Every flag sigv4.h defines; any other bit of the u16 is no flag. */
#define MODEL_KNOWN_FLAGS (SIGV4_PRESIGN | SIGV4_SINGLE_ENCODE \
	| SIGV4_DOUBLE_ENCODE | SIGV4_NORMALIZE | SIGV4_NO_NORMALIZE \
	| SIGV4_CONTENT_SHA256 | SIGV4_NO_CONTENT_SHA256 | SIGV4_TOKEN_AFTER \
	| SIGV4_QUERY_FORM | SIGV4_SIGN_ALL_HEADERS | SIGV4_SIGN_LISTED_ONLY \
	| SIGV4_TOKEN_SIGNED | SIGV4_S3_SESSION_TOKEN | SIGV4_UNSIGNED_PRESIGN)

static int
pair(uint32_t flags, uint32_t on, uint32_t off, int dflt, int *out)
{
	int has_on = (flags & on) != 0, has_off = (flags & off) != 0;

	*out = has_on ? 1 : has_off ? 0 : dflt;
	return !(has_on && has_off);
}

int
model_resolve(model_mode *m, const sigv4_params *p, sigv4_str service)
{
	int s3 = service_in(service, s3_services,
		sizeof s3_services / sizeof s3_services[0]);
	int after_by_default = service_in(service, token_after_services,
		sizeof token_after_services / sizeof token_after_services[0]);
	int ok = 1, after;

	ok &= (p->flags & ~(uint32_t)MODEL_KNOWN_FLAGS) == 0;
	m->presign = (p->flags & SIGV4_PRESIGN) != 0;
	ok &= pair(p->flags, SIGV4_SINGLE_ENCODE, SIGV4_DOUBLE_ENCODE, s3,
		&m->single);
	ok &= pair(p->flags, SIGV4_NORMALIZE, SIGV4_NO_NORMALIZE, !s3,
		&m->normalize);
	ok &= pair(p->flags, SIGV4_CONTENT_SHA256, SIGV4_NO_CONTENT_SHA256, s3,
		&m->content_sha256);
	if (m->presign) {
		m->content_sha256 = 0;  /* "ignored when presigning" */
	}
	ok &= !((p->flags & SIGV4_SIGN_ALL_HEADERS)
		&& (p->flags & SIGV4_SIGN_LISTED_ONLY));
	/* An S3 session token is always signed, under its own name: asking
	 * for it after signing contradicts it, and it overrides a service's
	 * default of after. */
	m->s3_session = (p->flags & SIGV4_S3_SESSION_TOKEN) != 0;
	ok &= !(m->s3_session && (p->flags & SIGV4_TOKEN_AFTER));
	ok &= pair(p->flags, SIGV4_TOKEN_AFTER, SIGV4_TOKEN_SIGNED,
		after_by_default && !m->s3_session, &after);
	m->token_header = m->s3_session
		? "x-amz-s3session-token" : "x-amz-security-token";
	m->token_param = m->s3_session
		? "X-Amz-S3session-Token" : "X-Amz-Security-Token";
	/* No token: neither. UNSIGNED_PRESIGN: nothing (sigv4_sign ignores
	 * it). */
	m->token_after = p->session_token.len > 0 && after;
	m->token_signed = p->session_token.len > 0 && !after;
	return ok;
}

/* Whether every byte is visible ASCII (0x21..0x7e) and not in banned. */
static int
visible(sigv4_str s, const char *banned)
{
	size_t i, good = 0;

	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		good += c >= '!' && c <= '~' && strchr(banned, c) == NULL;
	}
	return good == s.len;
}

/* Whether s holds any of the n bytes. */
static int
has_any(sigv4_str s, const char *bytes, size_t n)
{
	while (n-- > 0 && s.len > 0) {
		if (memchr(s.ptr, bytes[n], s.len) != NULL) {
			return 1;
		}
	}
	return 0;
}

uint32_t
model_sign_errors(const model_scope_parts *k, const sigv4_request *req,
	const sigv4_params *p)
{
	uint32_t e = 0;
	model_mode m;
	size_t i;

	if (!model_resolve(&m, p, k->service)) {
		e |= MODEL_BIT(SIGV4_ERR_PARAM);
	}
	if (!model_amz_date_ok(p->amz_date)) {
		e |= MODEL_BIT(SIGV4_ERR_DATE);
	} else if (memcmp(p->amz_date.ptr, k->date, 8) != 0) {
		e |= MODEL_BIT(SIGV4_ERR_KEY_SCOPE);
	}
	if (p->access_key_id.len == 0 || !visible(p->access_key_id, "/,")) {
		e |= MODEL_BIT(SIGV4_ERR_ACCESS_KEY);
	}
	if (!visible(p->session_token, "")) {
		e |= MODEL_BIT(SIGV4_ERR_TOKEN);
	}
	if (!model_payload_hash_ok(p->payload_hash)) {
		e |= MODEL_BIT(SIGV4_ERR_PAYLOAD_HASH);
	}
	if ((p->flags & SIGV4_PRESIGN)
		&& (p->expires < 1 || p->expires > SIGV4_EXPIRES_MAX))
	{
		e |= MODEL_BIT(SIGV4_ERR_EXPIRES);
	}
	if (req->method.len == 0) {
		e |= MODEL_BIT(SIGV4_ERR_METHOD);
	}
	for (i = 0; i < req->method.len; i++) {
		if (!model_is_tchar((unsigned char)req->method.ptr[i])) {
			e |= MODEL_BIT(SIGV4_ERR_METHOD);
		}
	}
	if ((req->path.len > 0 && req->path.ptr[0] != '/')
		|| has_any(req->path, "\0\r\n", 3))
	{
		e |= MODEL_BIT(SIGV4_ERR_PATH);
	}
	if (has_any(req->query, "\0\r\n#", 4)) {
		e |= MODEL_BIT(SIGV4_ERR_QUERY);
	}
	e |= model_header_errors(req, m.s3_session);
	if (model_query_has_key(req->query, (p->flags & SIGV4_QUERY_FORM) != 0,
			reserved_params, sizeof reserved_params / sizeof reserved_params[0])
		|| (m.s3_session && model_query_has_key(req->query,
			(p->flags & SIGV4_QUERY_FORM) != 0, &s3_session_param, 1)))
	{
		e |= MODEL_BIT(SIGV4_ERR_QUERY_RESERVED);
	}
	return e;
}

/* ------------------------------------------------------------------ */

void
model_scope(fz_buf *out, const model_scope_parts *k)
{
	fz_write(out, k->date, 8);
	fz_put(out, '/');
	fz_put_str(out, k->region);
	fz_put(out, '/');
	fz_put_str(out, k->service);
	fz_puts(out, "/aws4_request");
}

static sigv4_header
header(const char *name, sigv4_str value)
{
	sigv4_header h;

	h.name = fz_cstr(name);
	h.value = value;
	return h;
}

void
model_canonical_request(fz_buf *creq, fz_buf *list, const model_mode *m,
	const model_scope_parts *k, const sigv4_request *req,
	const sigv4_params *p)
{
	sigv4_header extra[3];
	sigv4_str qextra[12];
	size_t nextra = 0, nq = 0;
	fz_buf block, cred;
	char expires[16];

	fz_buf_init(&block);
	fz_buf_init(&cred);
	if (!m->presign) {
		extra[nextra++] = header("x-amz-date", p->amz_date);
		if (m->content_sha256) {
			extra[nextra++] = header("x-amz-content-sha256", p->payload_hash);
		}
		if (m->token_signed) {
			extra[nextra++] = header(m->token_header, p->session_token);
		}
	}
	model_headers(&block, list, req->headers, req->header_count, p, extra,
		nextra);

	fz_put_str(creq, req->method);
	fz_put(creq, '\n');
	model_path(creq, req->path, m->single, m->normalize);
	fz_put(creq, '\n');
	if (m->presign) {
		fz_put_str(&cred, p->access_key_id);
		fz_put(&cred, '/');
		model_scope(&cred, k);
		snprintf(expires, sizeof expires, "%lu", (unsigned long)p->expires);
		qextra[nq++] = fz_cstr("X-Amz-Algorithm");
		qextra[nq++] = fz_cstr("AWS4-HMAC-SHA256");
		qextra[nq++] = fz_cstr("X-Amz-Credential");
		qextra[nq++] = fz_buf_str(&cred);
		qextra[nq++] = fz_cstr("X-Amz-Date");
		qextra[nq++] = p->amz_date;
		qextra[nq++] = fz_cstr("X-Amz-Expires");
		qextra[nq++] = fz_cstr(expires);
		qextra[nq++] = fz_cstr("X-Amz-SignedHeaders");
		qextra[nq++] = fz_buf_str(list);
		if (m->token_signed) {
			qextra[nq++] = fz_cstr(m->token_param);
			qextra[nq++] = p->session_token;
		}
	}
	model_query(creq, req->query, (p->flags & SIGV4_QUERY_FORM) != 0, qextra,
		nq / 2);
	fz_put(creq, '\n');
	fz_put_str(creq, fz_buf_str(&block));
	fz_put(creq, '\n');
	fz_put_str(creq, fz_buf_str(list));
	fz_put(creq, '\n');
	fz_put_str(creq, p->payload_hash);
	fz_buf_free(&block);
	fz_buf_free(&cred);
}

void
model_string_to_sign(fz_buf *out, const model_scope_parts *k,
	sigv4_str amz_date, sigv4_str creq)
{
	char hex[64];

	model_sha256_hex(hex, creq.ptr, creq.len);
	fz_puts(out, "AWS4-HMAC-SHA256\n");
	fz_put_str(out, amz_date);
	fz_put(out, '\n');
	model_scope(out, k);
	fz_put(out, '\n');
	fz_write(out, hex, 64);
}

void
model_output(fz_buf *out, const model_mode *m, const model_scope_parts *k,
	const sigv4_params *p, sigv4_str query_line, sigv4_str list,
	const char sig_hex[64])
{
	if (m->presign) {
		fz_put_str(out, query_line);
		fz_puts(out, "&X-Amz-Signature=");
		fz_write(out, sig_hex, 64);
		if (m->token_after) {
			fz_puts(out, "&X-Amz-Security-Token=");
			model_encode(out, p->session_token.ptr, p->session_token.len);
		}
		return;
	}
	fz_puts(out, "AWS4-HMAC-SHA256 Credential=");
	fz_put_str(out, p->access_key_id);
	fz_put(out, '/');
	model_scope(out, k);
	fz_puts(out, ", SignedHeaders=");
	fz_put_str(out, list);
	fz_puts(out, ", Signature=");
	fz_write(out, sig_hex, 64);
}
