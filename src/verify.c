/*
 * verify.c: verification, the signing stages run backwards (sigv4.h,
 * "Verifying"):
 *
 *   claims     the Authorization header or the X-Amz-* parameters,
 *              parsed strictly (sigv4_auth_parse)
 *   time       X-Amz-Date against the verifier's clock
 *   canonical  the canonical request rebuilt from what was received,
 *              with the headers the claims name (canonical.c's stage)
 *   sts        the string to sign of the claimed scope
 *   compare    HMAC and a constant-time comparison (ECDSA: sigv4a.c)
 */
#include <string.h>

#include "inner.h"

#define SCOPE_TERM "aws4_request"
#define UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"
#define STREAMING_UNSIGNED "STREAMING-UNSIGNED-PAYLOAD-TRAILER"

/* The parameters of a presigned request, and the headers of one signed
 * by headers, that the claims are read from. */
enum {
	P_ALGORITHM, P_CREDENTIAL, P_DATE, P_EXPIRES, P_SIGNED_HEADERS,
	P_SIGNATURE, P_SECURITY_TOKEN, P_S3SESSION_TOKEN, P_REGION_SET,
	P_COUNT
};

static const char *const param_names[P_COUNT] = {
	"x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
	"x-amz-signedheaders", "x-amz-signature", "x-amz-security-token",
	"x-amz-s3session-token", "x-amz-region-set",
};

enum {
	H_AUTHORIZATION, H_DATE, H_SECURITY_TOKEN, H_S3SESSION_TOKEN,
	H_REGION_SET, H_CONTENT_SHA256, H_COUNT
};

static const sigv4_str header_names[H_COUNT] = {
	SIGV4_LITERAL("authorization"), SIGV4_LITERAL("x-amz-date"),
	SIGV4_LITERAL("x-amz-security-token"),
	SIGV4_LITERAL("x-amz-s3session-token"),
	SIGV4_LITERAL("x-amz-region-set"), SIGV4_LITERAL("x-amz-content-sha256"),
};

/* Values found by name, and how many times each was. */
typedef struct {
	sigv4_str value[P_COUNT];
	unsigned count[P_COUNT];
} found;

static void
find_headers(found *f, const sigv4_request *req)
{
	size_t i, j;

	memset(f, 0, sizeof *f);
	for (i = 0; i < req->header_count; i++) {
		for (j = 0; j < H_COUNT; j++) {
			if (req->headers[i].name.len == header_names[j].len
				&& sigv4_eq_lower(req->headers[i].name,
					header_names[j].ptr))
			{
				f->value[j] = req->headers[i].value;
				f->count[j]++;
			}
		}
	}
}

/* The X-Amz-* parameters, decoded into buf. */
static int
find_params(found *f, const sigv4_request *req, int form, char *buf,
	size_t buf_cap)
{
	sigv4_qparam p;
	size_t pos = 0, used = 0, j;

	memset(f, 0, sizeof *f);
	while (sigv4_query_next(&p, req->query.ptr, req->query.len, &pos, form)) {
		for (j = 0; j < P_COUNT; j++) {
			if (!sigv4_qparam_key_is(&p, param_names[j])) {
				continue;
			}
			if (buf_cap - used < p.vlen) {
				return SIGV4_ERR_SPACE;
			}
			f->value[j].ptr = buf + used;
			f->value[j].len = sigv4_qparam_decode_value(buf + used, &p);
			used += f->value[j].len;
			f->count[j]++;
		}
	}
	return SIGV4_OK;
}

static int
algorithm_of(sigv4_str name)
{
	int i;

	for (i = 0; i < SIGV4_ALG_END_; i++) {
		size_t n = strlen(sigv4_alg_names[i]);

		if (name.len == n && sigv4_same(name.ptr, sigv4_alg_names[i], n)) {
			return i;
		}
	}
	return -1;
}

static int
eq_literal(sigv4_str s, const char *lit)
{
	return s.len == strlen(lit) && sigv4_same(s.ptr, lit, s.len);
}

/* "<akid>/<date>/<region>/<service>/aws4_request" (SigV4a: no region). */
static int
parse_credential(sigv4_auth *a, sigv4_str c)
{
	sigv4_str part[5];
	size_t n = 0, i, start = 0, want;

	want = a->algorithm == SIGV4_ALG_ECDSA_P256 ? 4 : 5;
	for (i = 0; i <= c.len; i++) {
		if (i == c.len || c.ptr[i] == '/') {
			if (n == want) {
				return SIGV4_ERR_CREDENTIAL;
			}
			part[n].ptr = c.ptr + start;
			part[n++].len = i - start;
			start = i + 1;
		}
	}
	if (n != want) {
		return SIGV4_ERR_CREDENTIAL;
	}
	a->access_key_id = part[0];
	a->date = part[1];
	a->region = want == 5 ? part[2] : (sigv4_str){ NULL, 0 };
	a->service = part[want - 2];
	if (a->access_key_id.len == 0
		|| !sigv4_printable(a->access_key_id, "/,")
		|| a->date.len != 8 || sigv4_date_check(a->date.ptr) != SIGV4_OK
		|| (want == 5 && sigv4_region_check(a->region) != SIGV4_OK)
		|| sigv4_service_check(a->service) != SIGV4_OK
		|| !eq_literal(part[want - 1], SCOPE_TERM))
	{
		return SIGV4_ERR_CREDENTIAL;
	}
	return SIGV4_OK;
}

/* The next name of a "a;b;c" list from *pos; 0 at the end. */
static int
next_name(sigv4_str *name, sigv4_str list, size_t *pos)
{
	size_t i = *pos;

	if (i > list.len) {
		return 0;
	}
	i = sigv4_find_byte(list, i, ';');
	name->ptr = list.ptr + *pos;
	name->len = i - *pos;
	*pos = i + 1;
	return 1;
}

/* A name in any case equals a lowercase one. */
static int
eq_to_lower(sigv4_str any, sigv4_str lower)
{
	size_t j;

	if (any.len != lower.len) {
		return 0;
	}
	for (j = 0; j < any.len; j++) {
		if (sigv4_lower((unsigned char)any.ptr[j])
			!= (unsigned char)lower.ptr[j])
		{
			return 0;
		}
	}
	return 1;
}

static int
in_request(const sigv4_request *req, sigv4_str lower)
{
	size_t i;

	for (i = 0; i < req->header_count; i++) {
		if (eq_to_lower(req->headers[i].name, lower)) {
			return 1;
		}
	}
	return 0;
}

static int
is_lower_token(sigv4_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (s.ptr[i] >= 'A' && s.ptr[i] <= 'Z') {
			return 0;
		}
	}
	return sigv4_is_token(s);
}

/* Byte order: < 0, 0, > 0. */
static int
compare_names(sigv4_str a, sigv4_str b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int c = memcmp(a.ptr, b.ptr, n);

	return c != 0 ? c : (a.len > b.len) - (a.len < b.len);
}

/* Lowercase tokens in strictly ascending order, host among them, each a
 * header of the request. */
static int
check_signed_list(sigv4_str list, const sigv4_request *req)
{
	sigv4_str name, prev = { NULL, 0 };
	size_t pos = 0;
	int host = 0;

	while (next_name(&name, list, &pos)) {
		if (!is_lower_token(name)
			|| (prev.ptr != NULL && compare_names(prev, name) >= 0)
			|| !in_request(req, name))
		{
			return SIGV4_ERR_SIGNED_HEADERS;
		}
		host |= eq_literal(name, "host");
		prev = name;
	}
	return host ? SIGV4_OK : SIGV4_ERR_SIGNED_HEADERS;
}

static int
in_list(sigv4_str list, sigv4_str header)
{
	sigv4_str name;
	size_t pos = 0;

	while (next_name(&name, list, &pos)) {
		if (eq_to_lower(header, name)) {
			return 1;
		}
	}
	return 0;
}

/* Every x-amz-* header signed, but a token sent after signing. */
static int
check_amz_signed(const sigv4_auth *a, const sigv4_request *req,
	sigv4_str token_header)
{
	size_t i;

	for (i = 0; i < req->header_count; i++) {
		sigv4_str n = req->headers[i].name;
		sigv4_str prefix = { n.ptr, n.len < 6 ? n.len : 6 };

		if (!sigv4_eq_lower(prefix, "x-amz-")) {
			continue;
		}
		if ((a->policy & SIGV4_TOKEN_AFTER)
			&& sigv4_eq_lower(n, token_header.ptr))
		{
			continue;
		}
		if (!in_list(a->signed_headers, n)) {
			return SIGV4_ERR_UNSIGNED_HEADER;
		}
	}
	return SIGV4_OK;
}

/* "Credential=...", "SignedHeaders=..." and "Signature=...", each once,
 * in any order, separated by ',' and optional spaces. */
static int
parse_authorization(sigv4_auth *a, sigv4_str v, sigv4_str *credential)
{
	static const char *const keys[3] = {
		"Credential=", "SignedHeaders=", "Signature="
	};
	sigv4_str *dest[3];
	size_t i = 0, k, start, end;
	int seen = 0;
	sigv4_str name;

	dest[0] = credential;
	dest[1] = &a->signed_headers;
	dest[2] = &a->signature;
	while (i < v.len && v.ptr[i] != ' ') {
		i++;
	}
	name.ptr = v.ptr;
	name.len = i;
	if (algorithm_of(name) < 0 || i == v.len) {
		return SIGV4_ERR_AUTH;
	}
	a->algorithm = (uint8_t)algorithm_of(name);
	while (i < v.len) {
		while (i < v.len && v.ptr[i] == ' ') {
			i++;
		}
		start = i;
		i = sigv4_find_byte(v, i, ',');
		end = i++;
		if (i == v.len) {
			return SIGV4_ERR_AUTH;  /* a comma ends the value */
		}
		for (k = 0; k < 3; k++) {
			size_t n = strlen(keys[k]);

			if (end - start > n && sigv4_same(v.ptr + start, keys[k], n)
				&& !(seen & (1 << k)))
			{
				dest[k]->ptr = v.ptr + start + n;
				dest[k]->len = end - start - n;
				seen |= 1 << k;
				break;
			}
		}
		if (k == 3) {
			return SIGV4_ERR_AUTH;
		}
	}
	return seen == 7 ? SIGV4_OK : SIGV4_ERR_AUTH;
}

static int
hex_lower(sigv4_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return 0;
		}
	}
	return 1;
}

static int
signature_ok(const sigv4_auth *a)
{
	if (a->algorithm == SIGV4_ALG_ECDSA_P256) {
		return hex_lower(a->signature) && a->signature.len % 2 == 0
			&& a->signature.len >= 16
			&& a->signature.len <= SIGV4A_SIGNATURE_HEX_MAX;
	}
	return a->signature.len == SIGV4_SHA256_HEX_LEN
		&& sigv4_hex_digest_ok(a->signature.ptr);
}

/* "1" to "604800", digits only. */
static int
parse_expires(uint32_t *out, sigv4_str s)
{
	uint32_t v = 0;
	size_t i;

	if (s.len == 0 || s.len > 6 || s.ptr[0] == '0') {
		return SIGV4_ERR_EXPIRES;
	}
	for (i = 0; i < s.len; i++) {
		if (s.ptr[i] < '0' || s.ptr[i] > '9') {
			return SIGV4_ERR_EXPIRES;
		}
		v = v * 10 + (uint32_t)(s.ptr[i] - '0');
	}
	*out = v;
	return v <= SIGV4_EXPIRES_MAX ? SIGV4_OK : SIGV4_ERR_EXPIRES;
}

static int
any_param(const found *q)
{
	return (q->count[P_ALGORITHM] | q->count[P_CREDENTIAL]
		| q->count[P_SIGNED_HEADERS] | q->count[P_SIGNATURE]) != 0;
}

/* The claims of a presigned request, from its parameters. */
static int
claims_presigned(sigv4_auth *a, const found *q, sigv4_str *credential)
{
	int i, alg;

	for (i = P_ALGORITHM; i <= P_SIGNATURE; i++) {
		if (q->count[i] != 1) {
			return SIGV4_ERR_AUTH;
		}
	}
	for (i = P_SECURITY_TOKEN; i < P_COUNT; i++) {
		if (q->count[i] > 1) {
			return SIGV4_ERR_AUTH;
		}
	}
	if ((alg = algorithm_of(q->value[P_ALGORITHM])) < 0) {
		return SIGV4_ERR_AUTH;
	}
	a->algorithm = (uint8_t)alg;
	a->presigned = 1;
	*credential = q->value[P_CREDENTIAL];
	a->amz_date = q->value[P_DATE];
	a->signed_headers = q->value[P_SIGNED_HEADERS];
	a->signature = q->value[P_SIGNATURE];
	a->region_set = q->value[P_REGION_SET];
	return parse_expires(&a->expires, q->value[P_EXPIRES]);
}

/* The claims of a request signed by headers. */
static int
claims_headers(sigv4_auth *a, const found *h, sigv4_str *credential)
{
	int i;

	for (i = 0; i < H_COUNT; i++) {
		if (h->count[i] > 1) {
			return SIGV4_ERR_AUTH;
		}
	}
	if (h->count[H_DATE] != 1) {
		return SIGV4_ERR_AUTH;
	}
	a->amz_date = h->value[H_DATE];
	a->region_set = h->value[H_REGION_SET];
	return parse_authorization(a, h->value[H_AUTHORIZATION], credential);
}

/* The session token and whether it is signed, once the rules are known. */
static int
claims_token(sigv4_auth *a, const found *h, const found *q,
	sigv4_str *token_header)
{
	int s3 = (a->policy & SIGV4_S3_SESSION_TOKEN) != 0;

	*token_header = header_names[s3 ? H_S3SESSION_TOKEN : H_SECURITY_TOKEN];
	if (a->presigned) {
		a->session_token = q->value[s3 ? P_S3SESSION_TOKEN : P_SECURITY_TOKEN];
		a->token_signed = a->session_token.len > 0
			&& !(a->policy & SIGV4_TOKEN_AFTER);
	} else {
		a->session_token = h->value[s3 ? H_S3SESSION_TOKEN : H_SECURITY_TOKEN];
		a->token_signed = a->session_token.len > 0
			&& in_list(a->signed_headers,
				*token_header);
	}
	return sigv4_printable(a->session_token, "")
		? SIGV4_OK : SIGV4_ERR_TOKEN;
}

static int
parse_claims(sigv4_auth *a, const sigv4_request *req, uint32_t rules,
	char *buf, size_t buf_cap)
{
	found h, q;
	sigv4_str credential = { NULL, 0 };
	sigv4_str token_header;
	int err;

	find_headers(&h, req);
	/* The '+' rule is the service's, which the credential names: a '+'
	 * in an X-Amz-* value is a space only if the caller says so. */
	if ((err = find_params(&q, req, (rules & SIGV4_QUERY_FORM) != 0, buf,
		buf_cap)) != SIGV4_OK)
	{
		return err;
	}
	if (h.count[H_AUTHORIZATION] > 0 && any_param(&q)) {
		return SIGV4_ERR_AUTH;
	}
	if (h.count[H_AUTHORIZATION] == 0 && !any_param(&q)) {
		return SIGV4_ERR_NOT_SIGNED;
	}
	err = h.count[H_AUTHORIZATION] > 0
		? claims_headers(a, &h, &credential)
		: claims_presigned(a, &q, &credential);
	if (err != SIGV4_OK
		|| (err = parse_credential(a, credential)) != SIGV4_OK
		|| (err = sigv4_policy(&a->policy, a->service,
			rules | (a->presigned ? SIGV4_PRESIGN : 0))) != SIGV4_OK
		|| (err = sigv4_amz_date_check(a->amz_date)) != SIGV4_OK)
	{
		return err;
	}
	if (!sigv4_same(a->amz_date.ptr, a->date.ptr, 8)) {
		return SIGV4_ERR_SCOPE_DATE;
	}
	a->time = sigv4_amz_date_seconds(a->amz_date.ptr);
	if (!signature_ok(a)) {
		return SIGV4_ERR_AUTH;
	}
	/* SigV4a: a valid region set; SigV4: none (it names one region). */
	if (a->algorithm == SIGV4_ALG_ECDSA_P256
		? !sigv4_region_set_ok(a->region_set) : a->region_set.len > 0)
	{
		return SIGV4_ERR_REGION_SET;
	}
	if ((err = check_signed_list(a->signed_headers, req)) != SIGV4_OK
		|| (err = claims_token(a, &h, &q, &token_header)) != SIGV4_OK)
	{
		return err;
	}
	a->content_sha256 = h.value[H_CONTENT_SHA256];
	return check_amz_signed(a, req, token_header);
}

/* see sigv4.h */
int
sigv4_auth_parse(sigv4_auth *auth, const sigv4_request *req, uint32_t rules,
	char *buf, size_t buf_cap)
{
	int err;

	if (auth == NULL) {
		return SIGV4_ERR_PARAM;
	}
	memset(auth, 0, sizeof *auth);
	if (req == NULL || (req->header_count > 0 && req->headers == NULL)
		|| (req->query.len > 0 && req->query.ptr == NULL)
		|| (buf == NULL && buf_cap > 0) || (rules & SIGV4_PRESIGN))
	{
		return SIGV4_ERR_PARAM;
	}
	err = parse_claims(auth, req, rules, buf, buf_cap);
	if (err != SIGV4_OK) {
		memset(auth, 0, sizeof *auth);
	}
	return err;
}

/* see sigv4.h */
int
sigv4_auth_check_time(const sigv4_auth *auth, int64_t now, uint32_t max_skew)
{
	int64_t t;

	if (auth == NULL || sigv4_amz_date_check(auth->amz_date) != SIGV4_OK) {
		return SIGV4_ERR_PARAM;
	}
	t = auth->time;
	if (auth->presigned) {
		if (now < t - (int64_t)max_skew) {
			return SIGV4_ERR_NOT_YET_VALID;
		}
		return now > t + (int64_t)auth->expires
			? SIGV4_ERR_EXPIRED : SIGV4_OK;
	}
	return now < t - (int64_t)max_skew || now > t + (int64_t)max_skew
		? SIGV4_ERR_SKEW : SIGV4_OK;
}

/* ------------------------------------------------------------------ */
/* The canonical request of the claims, and its string to sign.        */

typedef struct {
	size_t order, params, path, names, total;
} layout;

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static void
plan(layout *l, const sigv4_request *req)
{
	l->order = 0;
	l->params = align8(req->header_count * sizeof(uint32_t));
	l->path = align8(l->params + sigv4_query_count_max(req->query.ptr,
		req->query.len) * sizeof(sigv4_qparam));
	l->names = align8(l->path + sigv4_path_scratch(req->path.len));
	/* Each signed name is a distinct header of the request. */
	l->total = l->names + (req->header_count + 1) * sizeof(sigv4_str) + 8;
}

/* see sigv4.h */
size_t
sigv4_verify_scratch_size(const sigv4_request *req)
{
	layout l;

	if (req == NULL) {
		return 0;
	}
	plan(&l, req);
	return l.total;
}

/* A signed STREAMING-* marker names the request's own algorithm
 * (STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD under a SigV4a signature). */
static int
marker_algorithm_ok(sigv4_str marker, int algorithm)
{
	sigv4_str rest = { marker.ptr + 10, marker.len - 10 };  /* "STREAMING-" */
	size_t n = strlen(sigv4_alg_names[algorithm]);

	if (eq_literal(marker, STREAMING_UNSIGNED)) {
		return 1;
	}
	return rest.len > n && sigv4_same(rest.ptr, sigv4_alg_names[algorithm], n)
		&& rest.ptr[n] == '-';
}

/* The payload line the claims stand for, checked against the body. */
static int
payload_line(sigv4_str *line, const sigv4_auth *a, sigv4_str body,
	uint32_t allow)
{
	sigv4_str v = a->content_sha256;
	int body_ok = body.len == SIGV4_SHA256_HEX_LEN
		&& sigv4_hex_digest_ok(body.ptr);

	*line = v;
	if (v.len == 0) {
		if (a->presigned && (a->policy & SIGV4_UNSIGNED_PRESIGN)) {
			*line = SIGV4_LITERAL(UNSIGNED_PAYLOAD);
			return SIGV4_OK;
		}
		*line = body;
		return body_ok ? SIGV4_OK : SIGV4_ERR_PARAM;
	}
	switch (sigv4_payload_hash_ok(v)) {
	case 1:
		if (!body_ok) {
			return SIGV4_ERR_PARAM;
		}
		return sigv4_same(v.ptr, body.ptr, v.len)
			? SIGV4_OK : SIGV4_ERR_BODY_CHANGED;
	case 2:
		if (eq_literal(v, UNSIGNED_PAYLOAD)) {
			return a->presigned || (allow & SIGV4_ALLOW_UNSIGNED_PAYLOAD)
				? SIGV4_OK : SIGV4_ERR_UNSIGNED_PAYLOAD;
		}
		if (a->presigned || !(allow & SIGV4_ALLOW_STREAMING)
			|| (eq_literal(v, STREAMING_UNSIGNED)
				&& !(allow & SIGV4_ALLOW_UNSIGNED_PAYLOAD)))
		{
			return SIGV4_ERR_UNSIGNED_PAYLOAD;
		}
		return marker_algorithm_ok(v, a->algorithm)
			? SIGV4_OK : SIGV4_ERR_PAYLOAD_HASH;
	default:
		return SIGV4_ERR_PAYLOAD_HASH;
	}
}

/* The received query without X-Amz-Signature (and a token sent after
 * signing), sorted. */
static void
claimed_query(sigv4_state *st, const sigv4_auth *a)
{
	size_t i, n = sigv4_query_parse(st->params, st->req->query.ptr,
		st->req->query.len, (st->policy & SIGV4_QUERY_FORM) != 0);

	st->nparams = 0;
	for (i = 0; i < n; i++) {
		const sigv4_qparam *p = &st->params[i];

		/* Only the token's own parameter: TOKEN_AFTER rules out an S3
		 * session token, so X-Amz-S3session-Token is the client's. */
		if (a->presigned && (sigv4_qparam_key_is(p, "x-amz-signature")
			|| (a->session_token.len > 0 && !a->token_signed
				&& sigv4_qparam_key_is(p, "x-amz-security-token"))))
		{
			continue;
		}
		st->params[st->nparams++] = *p;
	}
	sigv4_query_sort(st->params, st->nparams);
}

static int
request_ok(const sigv4_request *req)
{
	return sigv4_is_token(req->method)
		&& (req->path.len == 0 || req->path.ptr[0] == '/')
		&& !sigv4_has_bytes(req->path, "\0\r\n", 3)
		&& !sigv4_has_bytes(req->query, "\0\r\n#", 4);
}

static int
copy_sts(sigv4_capture *capture, const char *sts, size_t len)
{
	capture->string_to_sign_len = len;
	if (capture->string_to_sign == NULL || capture->string_to_sign_cap < len) {
		return SIGV4_ERR_SPACE;
	}
	memcpy(capture->string_to_sign, sts, len);
	return SIGV4_OK;
}

/* see sigv4.h */
int
sigv4_verify_string_to_sign(char sts[SIGV4_STRING_TO_SIGN_MAX],
	size_t *sts_len, const sigv4_request *req, const sigv4_auth *a,
	sigv4_str body, uint32_t allow, void *scratch, size_t scratch_len,
	sigv4_capture *capture)
{
	sigv4_state st;
	sigv4_params p;
	sigv4_sink s;
	sigv4_str name;
	char *base;
	layout l;
	size_t pos = 0;
	int err, space;

	if (sts == NULL || sts_len == NULL || req == NULL || a == NULL
		|| a->signed_headers.len == 0 || (scratch == NULL && scratch_len > 0)
		|| (allow & ~(uint32_t)SIGV4_ALLOW_ALL) != 0)
	{
		return SIGV4_ERR_PARAM;
	}
	*sts_len = 0;
	if (!request_ok(req)) {
		return SIGV4_ERR_PARAM;
	}
	memset(&p, 0, sizeof p);
	if ((err = payload_line(&p.payload_hash, a, body, allow)) != SIGV4_OK) {
		return err;
	}
	plan(&l, req);
	if (scratch_len < l.total) {
		return SIGV4_ERR_SCRATCH;
	}
	base = (char *)scratch + ((8 - ((uintptr_t)scratch & 7)) & 7);
	memset(&st, 0, sizeof st);
	st.req = req;
	st.p = &p;
	st.policy = a->policy;
	st.order = (uint32_t *)(void *)(base + l.order);
	st.params = (sigv4_qparam *)(void *)(base + l.params);
	st.path = base + l.path;
	p.signed_headers = (sigv4_str *)(void *)(base + l.names);
	while (next_name(&name, a->signed_headers, &pos)) {
		((sigv4_str *)(uintptr_t)p.signed_headers)[p.signed_header_count++]
			= name;
	}
	p.flags = SIGV4_SIGN_LISTED_ONLY;
	st.h.req = req;
	st.h.params = &p;
	st.h.order = st.order;
	sigv4_headers_select(&st.h);
	st.list = (char *)(uintptr_t)a->signed_headers.ptr;
	st.list_len = a->signed_headers.len;
	claimed_query(&st, a);
	space = sigv4_canonical_request(&st, capture) != SIGV4_OK;

	sigv4_sink_init(&s, 0, sts, SIGV4_STRING_TO_SIGN_MAX);
	sigv4_sink_puts(&s, sigv4_alg_names[a->algorithm]);
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, a->amz_date.ptr, a->amz_date.len);
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, a->date.ptr, a->date.len);
	sigv4_sink_put(&s, '/');
	if (a->region.len > 0) {
		sigv4_sink_write(&s, a->region.ptr, a->region.len);
		sigv4_sink_put(&s, '/');
	}
	sigv4_sink_write(&s, a->service.ptr, a->service.len);
	sigv4_sink_puts(&s, "/" SCOPE_TERM "\n");
	sigv4_sink_write(&s, st.creq_hash, 64);
	sigv4_sink_flush(&s);
	*sts_len = s.len;
	if (capture != NULL) {
		space |= copy_sts(capture, sts, s.len) != SIGV4_OK;
	}
	return space ? SIGV4_ERR_SPACE : SIGV4_OK;
}

/* The key was derived for the claimed scope. */
static int
key_scope_ok(const sigv4_key *k, const sigv4_auth *a)
{
	return sigv4_same(k->date, a->date.ptr, 8)
		&& k->region_len == a->region.len
		&& sigv4_same(k->region, a->region.ptr, a->region.len)
		&& k->service_len == a->service.len
		&& sigv4_same(k->service, a->service.ptr, a->service.len);
}

/* see sigv4.h */
int
sigv4_verify(const sigv4_key *key, const sigv4_request *req,
	const sigv4_auth *auth, sigv4_str body_sha256, uint32_t allow,
	void *scratch, size_t scratch_len, sigv4_capture *capture)
{
	char sts[SIGV4_STRING_TO_SIGN_MAX], sig[64];
	uint8_t mac[32];
	size_t len;
	int err, same;

	if (key == NULL || auth == NULL || auth->date.len != 8) {
		return SIGV4_ERR_PARAM;
	}
	if (key->algorithm != SIGV4_ALG_HMAC_SHA256
		|| auth->algorithm != SIGV4_ALG_HMAC_SHA256)
	{
		return SIGV4_ERR_KEY_ALGORITHM;
	}
	if (!key_scope_ok(key, auth)) {
		return SIGV4_ERR_KEY_SCOPE;
	}
	err = sigv4_verify_string_to_sign(sts, &len, req, auth, body_sha256,
		allow, scratch, scratch_len, capture);
	if (err != SIGV4_OK) {
		return err;
	}
	sigv4_hmac_pads(mac, key->hmac_pads, sts, len);
	sigv4_hex(sig, mac, sizeof mac);
	same = auth->signature.len == sizeof sig
		&& sigv4_ct_equal(sig, auth->signature.ptr, sizeof sig);
	sigv4_wipe(mac, sizeof mac);
	sigv4_wipe(sig, sizeof sig);
	return same ? SIGV4_OK : SIGV4_ERR_SIGNATURE_MISMATCH;
}
