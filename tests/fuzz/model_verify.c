/*
 * model_verify.c: the verifier's rules, from src/sigv4.h ("Verifying")
 * only, written as a second implementation for fuzz_verify.c.
 *
 * It works on copies: every piece is cut out into its own buffer (split
 * the whole string at the separator first, then look at the pieces),
 * where src/verify.c walks the request in place. The outcome is not one
 * error but the SET of rules the request breaks (MODEL_BIT codes): the
 * header documents no order among them, so the library must report one
 * of the set; when the set has one rule, exactly that one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_verify.h"

#define BIT(name) MODEL_VBIT(SIGV4_ERR_##name)

static const char *const alg_names[2] = {
	"AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256"
};

/* The pieces of s between every sep, empty ones included ("" is one
 * empty piece); each an exact-size copy. */
typedef struct {
	fz_buf *v;
	size_t n;
} pieces;

static void
cut(pieces *out, sigv4_str s, char sep)
{
	size_t i, start = 0;

	out->n = 0;
	out->v = (fz_buf *)calloc(s.len + 1, sizeof *out->v);
	FZ_CHECK(out->v != NULL, "out of memory");
	for (i = 0; i <= s.len; i++) {
		if (i == s.len || s.ptr[i] == sep) {
			fz_buf_init(&out->v[out->n]);
			if (i > start) {
				fz_write(&out->v[out->n], s.ptr + start, i - start);
			}
			out->n++;
			start = i + 1;
		}
	}
}

static void
cut_free(pieces *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		fz_buf_free(&p->v[i]);
	}
	free(p->v);
}

static sigv4_str
piece(const pieces *p, size_t i)
{
	return fz_buf_str(&p->v[i]);
}

static void
set(fz_buf *b, sigv4_str s)
{
	b->len = 0;
	fz_put_str(b, s);
}

static int
starts_with(sigv4_str s, const char *prefix)
{
	size_t n = strlen(prefix);

	return s.len >= n && memcmp(s.ptr, prefix, n) == 0;
}

/* 0x21..0x7e, none of banned. */
static int
visible(sigv4_str s, const char *banned)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		if (c < 0x21 || c > 0x7e || strchr(banned, c) != NULL) {
			return 0;
		}
	}
	return 1;
}

static int
lower_hex(sigv4_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (s.ptr[i] == 0 || strchr("0123456789abcdef", s.ptr[i]) == NULL) {
			return 0;
		}
	}
	return 1;
}

static int
is_lower_name(sigv4_str s)
{
	size_t i;

	if (s.len == 0) {
		return 0;
	}
	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		if (!model_is_tchar(c) || (c >= 'A' && c <= 'Z')) {
			return 0;
		}
	}
	return 1;
}

static void
lower_copy(fz_buf *out, sigv4_str s)
{
	size_t i;

	out->len = 0;
	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		fz_put(out, c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c);
	}
}

/* ------------------------------------------------------------------ */
/* What the request carries, by name.                                  */

/* The names the claims come from, header and query alike (lowercase). */
enum {
	N_AUTHORIZATION, N_ALGORITHM, N_CREDENTIAL, N_DATE, N_EXPIRES,
	N_SIGNED_HEADERS, N_SIGNATURE, N_SECURITY_TOKEN, N_S3SESSION_TOKEN,
	N_REGION_SET, N_CONTENT_SHA256, N_COUNT
};

static const char *const header_name[N_COUNT] = {
	"authorization", NULL, NULL, "x-amz-date", NULL, NULL, NULL,
	"x-amz-security-token", "x-amz-s3session-token", "x-amz-region-set",
	"x-amz-content-sha256",
};

static const char *const param_name[N_COUNT] = {
	NULL, "x-amz-algorithm", "x-amz-credential", "x-amz-date",
	"x-amz-expires", "x-amz-signedheaders", "x-amz-signature",
	"x-amz-security-token", "x-amz-s3session-token", "x-amz-region-set",
	NULL,
};

typedef struct {
	unsigned count[N_COUNT];
	fz_buf value[N_COUNT];   /* the last one's */
} named;

static void
named_init(named *n)
{
	size_t i;

	memset(n, 0, sizeof *n);
	for (i = 0; i < N_COUNT; i++) {
		fz_buf_init(&n->value[i]);
	}
}

static void
named_free(named *n)
{
	size_t i;

	for (i = 0; i < N_COUNT; i++) {
		fz_buf_free(&n->value[i]);
	}
}

static void
note(named *n, const char *const *names, sigv4_str lower, sigv4_str value)
{
	size_t i;

	for (i = 0; i < N_COUNT; i++) {
		if (names[i] != NULL && fz_str_eq(lower, fz_cstr(names[i]))) {
			n->count[i]++;
			set(&n->value[i], value);
		}
	}
}

static void
read_headers(named *n, const sigv4_request *req)
{
	fz_buf lower;
	size_t i;

	fz_buf_init(&lower);
	for (i = 0; i < req->header_count; i++) {
		lower_copy(&lower, req->headers[i].name);
		note(n, header_name, fz_buf_str(&lower), req->headers[i].value);
	}
	fz_buf_free(&lower);
}

/* Every "k=v" piece of the query: its key decoded and lowercased, its
 * value decoded. */
static void
read_params(named *n, sigv4_str query, int form)
{
	pieces amp;
	fz_buf key, lower, value;
	size_t i;

	cut(&amp, query, '&');
	fz_buf_init(&key);
	fz_buf_init(&lower);
	fz_buf_init(&value);
	for (i = 0; i < amp.n; i++) {
		sigv4_str p = piece(&amp, i);
		const char *eq = p.len ? memchr(p.ptr, '=', p.len) : NULL;
		size_t klen = eq ? (size_t)(eq - p.ptr) : p.len;

		if (p.len == 0) {
			continue;
		}
		key.len = 0;
		value.len = 0;
		model_decode(&key, p.ptr, klen, form);
		if (eq != NULL) {
			model_decode(&value, eq + 1, p.len - klen - 1, form);
		}
		lower_copy(&lower, fz_buf_str(&key));
		note(n, param_name, fz_buf_str(&lower), fz_buf_str(&value));
	}
	fz_buf_free(&key);
	fz_buf_free(&lower);
	fz_buf_free(&value);
	cut_free(&amp);
}

/* ------------------------------------------------------------------ */

void
model_claims_init(model_claims *c)
{
	memset(c, 0, sizeof *c);
	fz_buf_init(&c->access_key_id);
	fz_buf_init(&c->date);
	fz_buf_init(&c->region);
	fz_buf_init(&c->service);
	fz_buf_init(&c->amz_date);
	fz_buf_init(&c->signed_headers);
	fz_buf_init(&c->signature);
	fz_buf_init(&c->session_token);
	fz_buf_init(&c->region_set);
	fz_buf_init(&c->content_sha256);
}

void
model_claims_free(model_claims *c)
{
	fz_buf_free(&c->access_key_id);
	fz_buf_free(&c->date);
	fz_buf_free(&c->region);
	fz_buf_free(&c->service);
	fz_buf_free(&c->amz_date);
	fz_buf_free(&c->signed_headers);
	fz_buf_free(&c->signature);
	fz_buf_free(&c->session_token);
	fz_buf_free(&c->region_set);
	fz_buf_free(&c->content_sha256);
}

static int
algorithm_named(sigv4_str s)
{
	return fz_str_eq(s, fz_cstr(alg_names[0])) ? 0
		: fz_str_eq(s, fz_cstr(alg_names[1])) ? 1 : -1;
}

/* "<alg> Credential=..,SignedHeaders=..,Signature=.." as the header
 * says: the algorithm, one space, then the three parts in any order,
 * each once, each non-empty, separated by ',' and optional spaces after
 * it (a comma separates: none may end the value). Returns AUTH's bit or
 * 0; *have says which parts were found (1, 2, 4), valid or not. */
static uint64_t
authorization(model_claims *c, sigv4_str v, fz_buf *credential, int *have)
{
	static const char *const keys[3] = {
		"Credential=", "SignedHeaders=", "Signature="
	};
	fz_buf *dest[3];
	const char *sp = v.len ? memchr(v.ptr, ' ', v.len) : NULL;
	uint64_t e = 0;
	pieces parts;
	size_t i, k;

	dest[0] = credential;
	dest[1] = &c->signed_headers;
	dest[2] = &c->signature;
	*have = 0;
	c->algorithm = algorithm_named(fz_view(v.ptr,
		sp ? (size_t)(sp - v.ptr) : v.len));
	if (c->algorithm < 0 || sp == NULL) {
		c->algorithm = c->algorithm < 0 ? -1 : c->algorithm;
		return BIT(AUTH);
	}
	cut(&parts, fz_view(sp + 1, v.len - (size_t)(sp + 1 - v.ptr)), ',');
	for (i = 0; i < parts.n; i++) {
		sigv4_str p = piece(&parts, i);

		while (p.len > 0 && p.ptr[0] == ' ') {
			p.ptr++;
			p.len--;
		}
		for (k = 0; k < 3; k++) {
			if (starts_with(p, keys[k]) && p.len > strlen(keys[k])
				&& !(*have & (1 << k)))
			{
				set(dest[k], fz_view(p.ptr + strlen(keys[k]),
					p.len - strlen(keys[k])));
				*have |= 1 << k;
				break;
			}
		}
		if (k == 3) {
			e = BIT(AUTH);
		}
	}
	cut_free(&parts);
	return *have == 7 ? e : BIT(AUTH);
}

/* "<akid>/<date>/<region>/<service>/aws4_request", no region for
 * SigV4a. */
static int
credential_ok(model_claims *c, sigv4_str cred)
{
	pieces p;
	int v4a = c->algorithm == 1, ok;
	size_t want = v4a ? 4 : 5;

	cut(&p, cred, '/');
	ok = p.n == want;
	if (ok) {
		set(&c->access_key_id, piece(&p, 0));
		set(&c->date, piece(&p, 1));
		set(&c->region, v4a ? fz_view(NULL, 0) : piece(&p, 2));
		set(&c->service, piece(&p, want - 2));
		ok = c->access_key_id.len > 0
			&& visible(fz_buf_str(&c->access_key_id), "/,")
			&& c->date.len == 8 && model_date_ok(c->date.p)
			&& (v4a || model_scope_part_ok(fz_buf_str(&c->region), 1))
			&& model_scope_part_ok(fz_buf_str(&c->service), 0)
			&& fz_str_eq(piece(&p, want - 1), fz_cstr("aws4_request"));
	}
	cut_free(&p);
	return ok;
}

/* "1".."604800": digits, no leading zero. */
static int
expires_ok(uint32_t *out, sigv4_str s)
{
	char num[8];
	size_t i;

	if (s.len == 0 || s.len > 7 || s.ptr[0] == '0') {
		return 0;
	}
	for (i = 0; i < s.len; i++) {
		if (s.ptr[i] < '0' || s.ptr[i] > '9') {
			return 0;
		}
		num[i] = s.ptr[i];
	}
	num[s.len] = 0;
	*out = (uint32_t)strtoul(num, NULL, 10);
	return *out >= 1 && *out <= SIGV4_EXPIRES_MAX;
}

static int
region_set_ok(sigv4_str s)
{
	pieces p;
	size_t i;
	int ok = s.len > 0;

	cut(&p, s, ',');
	for (i = 0; ok && i < p.n; i++) {
		ok = model_scope_part_ok(piece(&p, i), 1);
	}
	cut_free(&p);
	return ok;
}

static int
has_header(const sigv4_request *req, sigv4_str lower)
{
	fz_buf l;
	size_t i;
	int found = 0;

	fz_buf_init(&l);
	for (i = 0; i < req->header_count && !found; i++) {
		lower_copy(&l, req->headers[i].name);
		found = fz_str_eq(fz_buf_str(&l), lower);
	}
	fz_buf_free(&l);
	return found;
}

/* Lowercase names, strictly ascending, host among them, each a header
 * of the request. */
static int
signed_list_ok(sigv4_str list, const sigv4_request *req)
{
	pieces p;
	size_t i;
	int ok = 1, host = 0;

	cut(&p, list, ';');
	for (i = 0; ok && i < p.n; i++) {
		sigv4_str n = piece(&p, i);

		ok = is_lower_name(n) && has_header(req, n);
		if (ok && i > 0) {
			sigv4_str prev = piece(&p, i - 1);
			size_t m = prev.len < n.len ? prev.len : n.len;
			int r = memcmp(prev.ptr, n.ptr, m);

			ok = r < 0 || (r == 0 && prev.len < n.len);
		}
		host |= fz_str_eq(n, fz_cstr("host"));
	}
	cut_free(&p);
	return ok && host;
}

static int
listed(sigv4_str list, sigv4_str lower)
{
	pieces p;
	size_t i;
	int found = 0;

	cut(&p, list, ';');
	for (i = 0; i < p.n && !found; i++) {
		found = fz_str_eq(piece(&p, i), lower);
	}
	cut_free(&p);
	return found;
}

/* An x-amz-* header of the request not in the list (the token header is
 * exempt under TOKEN_AFTER). */
static int
unsigned_amz(const model_claims *c, const sigv4_request *req)
{
	fz_buf l;
	size_t i;
	int bad = 0;

	fz_buf_init(&l);
	for (i = 0; i < req->header_count && !bad; i++) {
		lower_copy(&l, req->headers[i].name);
		if (!starts_with(fz_buf_str(&l), "x-amz-")
			|| (c->token_after
				&& fz_str_eq(fz_buf_str(&l), fz_cstr(c->token_header))))
		{
			continue;
		}
		bad = !listed(fz_buf_str(&c->signed_headers), fz_buf_str(&l));
	}
	fz_buf_free(&l);
	return bad;
}

/* The resolved policy of the rules for this service, as model_resolve()
 * gives it (a token is assumed, so token_after says the rule itself). */
static int
resolve(model_claims *c, uint32_t rules, sigv4_str service)
{
	sigv4_params p;
	model_mode m, dflt;

	memset(&p, 0, sizeof p);
	p.session_token = fz_cstr("t");
	p.flags = rules | (c->presigned ? SIGV4_PRESIGN : 0);
	if (!model_resolve(&m, &p, service)) {
		return 0;
	}
	/* Services whose presigned URLs sign UNSIGNED-PAYLOAD are the ones
	 * that single-encode by default: S3 and its relatives. */
	p.flags = SIGV4_PRESIGN;
	model_resolve(&dflt, &p, service);
	c->unsigned_presign = dflt.single;
	c->single = m.single;
	c->normalize = m.normalize;
	c->token_after = m.token_after;
	c->s3_session = m.s3_session;
	c->query_form = (rules & SIGV4_QUERY_FORM) != 0;
	c->token_header = m.token_header;
	return 1;
}

uint64_t
model_auth_errors(model_claims *c, const sigv4_request *req, uint32_t rules)
{
	named h, q;
	fz_buf cred;
	uint64_t e = 0;
	int have = 0, cred_ok = 0, policy_ok = 0, date_known = 0, i;

	if (rules & SIGV4_PRESIGN) {
		return BIT(PARAM);
	}
	named_init(&h);
	named_init(&q);
	fz_buf_init(&cred);
	read_headers(&h, req);
	read_params(&q, req->query, (rules & SIGV4_QUERY_FORM) != 0);
	c->presigned = h.count[N_AUTHORIZATION] == 0;
	if (h.count[N_AUTHORIZATION] > 0
		&& (q.count[N_ALGORITHM] || q.count[N_CREDENTIAL]
			|| q.count[N_SIGNED_HEADERS] || q.count[N_SIGNATURE]))
	{
		e = BIT(AUTH);  /* both ways at once */
		goto done;
	}
	if (c->presigned && !q.count[N_ALGORITHM] && !q.count[N_CREDENTIAL]
		&& !q.count[N_SIGNED_HEADERS] && !q.count[N_SIGNATURE])
	{
		e = BIT(NOT_SIGNED);
		goto done;
	}

	if (!c->presigned) {
		for (i = 0; i < N_COUNT; i++) {
			if (header_name[i] != NULL && h.count[i] > 1) {
				e |= BIT(AUTH);
			}
		}
		if (h.count[N_DATE] != 1) {
			e |= BIT(AUTH);
		}
		date_known = h.count[N_DATE] == 1;
		set(&c->amz_date, fz_buf_str(&h.value[N_DATE]));
		set(&c->region_set, fz_buf_str(&h.value[N_REGION_SET]));
		e |= authorization(c, fz_buf_str(&h.value[N_AUTHORIZATION]), &cred,
			&have);
	} else {
		for (i = N_ALGORITHM; i <= N_SIGNATURE; i++) {
			if (q.count[i] != 1) {
				e |= BIT(AUTH);
			}
		}
		for (i = N_SECURITY_TOKEN; i <= N_REGION_SET; i++) {
			if (q.count[i] > 1) {
				e |= BIT(AUTH);
			}
		}
		c->algorithm = q.count[N_ALGORITHM] == 1
			? algorithm_named(fz_buf_str(&q.value[N_ALGORITHM])) : -1;
		if (c->algorithm < 0) {
			e |= BIT(AUTH);
		}
		if (q.count[N_EXPIRES] == 1
			&& !expires_ok(&c->expires, fz_buf_str(&q.value[N_EXPIRES])))
		{
			e |= BIT(EXPIRES);
		}
		have = (q.count[N_CREDENTIAL] == 1) | (q.count[N_SIGNED_HEADERS] == 1) << 1
			| (q.count[N_SIGNATURE] == 1) << 2;
		date_known = q.count[N_DATE] == 1;
		set(&cred, fz_buf_str(&q.value[N_CREDENTIAL]));
		set(&c->amz_date, fz_buf_str(&q.value[N_DATE]));
		set(&c->signed_headers, fz_buf_str(&q.value[N_SIGNED_HEADERS]));
		set(&c->signature, fz_buf_str(&q.value[N_SIGNATURE]));
		set(&c->region_set, fz_buf_str(&q.value[N_REGION_SET]));
	}
	set(&c->content_sha256, fz_buf_str(&h.value[N_CONTENT_SHA256]));

	/* The credential needs the algorithm (SigV4a has no region). */
	if (c->algorithm >= 0 && (have & 1)) {
		cred_ok = credential_ok(c, fz_buf_str(&cred));
		if (!cred_ok) {
			e |= BIT(CREDENTIAL);
		}
	}
	if (cred_ok) {
		policy_ok = resolve(c, rules, fz_buf_str(&c->service));
	}
	if (cred_ok && !policy_ok) {
		e |= BIT(PARAM);
	}
	if (date_known && !model_amz_date_ok(fz_buf_str(&c->amz_date))) {
		e |= BIT(DATE);
	} else if (date_known && cred_ok
		&& memcmp(c->amz_date.p, c->date.p, 8) != 0)
	{
		e |= BIT(SCOPE_DATE);
	}
	if (c->algorithm >= 0 && (have & 4)) {
		size_t n = c->signature.len;
		int ok = lower_hex(fz_buf_str(&c->signature)) && (c->algorithm == 1
			? n % 2 == 0 && n >= 16 && n <= SIGV4A_SIGNATURE_HEX_MAX
			: n == 64);

		if (!ok) {
			e |= BIT(AUTH);
		}
	}
	if (c->algorithm == 1 ? !region_set_ok(fz_buf_str(&c->region_set))
		: c->algorithm == 0 && c->region_set.len > 0)
	{
		e |= BIT(REGION_SET);
	}
	if ((have & 2)
		&& !signed_list_ok(fz_buf_str(&c->signed_headers), req))
	{
		e |= BIT(SIGNED_HEADERS);
	}
	if (policy_ok) {
		int token = c->s3_session ? N_S3SESSION_TOKEN : N_SECURITY_TOKEN;

		set(&c->session_token, fz_buf_str(c->presigned ? &q.value[token]
			: &h.value[token]));
		if (!visible(fz_buf_str(&c->session_token), "")) {
			e |= BIT(TOKEN);
		}
		c->token_signed = c->session_token.len > 0 && (c->presigned
			? !c->token_after
			: listed(fz_buf_str(&c->signed_headers),
				fz_cstr(c->token_header)));
		if ((have & 2) && unsigned_amz(c, req)) {
			e |= BIT(UNSIGNED_HEADER);
		}
	}
done:
	named_free(&h);
	named_free(&q);
	fz_buf_free(&cred);
	return e;
}

/* ------------------------------------------------------------------ */
/* The canonical request and string to sign of accepted claims.        */

static int
request_ok(const sigv4_request *req)
{
	size_t i;

	if (req->method.len == 0) {
		return 0;
	}
	for (i = 0; i < req->method.len; i++) {
		if (!model_is_tchar((unsigned char)req->method.ptr[i])) {
			return 0;
		}
	}
	if (req->path.len > 0 && req->path.ptr[0] != '/') {
		return 0;
	}
	for (i = 0; i < req->path.len; i++) {
		if (req->path.ptr[i] == 0 || req->path.ptr[i] == '\r'
			|| req->path.ptr[i] == '\n')
		{
			return 0;
		}
	}
	for (i = 0; i < req->query.len; i++) {
		if (req->query.ptr[i] == 0 || req->query.ptr[i] == '\r'
			|| req->query.ptr[i] == '\n' || req->query.ptr[i] == '#')
		{
			return 0;
		}
	}
	return 1;
}

/* The payload line, or an error's bit. */
static uint64_t
payload(fz_buf *line, const model_claims *c, sigv4_str body, uint32_t allow)
{
	sigv4_str v = fz_buf_str(&c->content_sha256);
	int body_ok = body.len == 64 && lower_hex(body);

	line->len = 0;
	if (v.len == 0) {
		if (c->presigned && c->unsigned_presign) {
			fz_puts(line, "UNSIGNED-PAYLOAD");
			return 0;
		}
		fz_put_str(line, body);
		return body_ok ? 0 : BIT(PARAM);
	}
	fz_put_str(line, v);
	if (!model_payload_hash_ok(v)) {
		return BIT(PAYLOAD_HASH);
	}
	if (v.len == 64) {
		return !body_ok ? BIT(PARAM)
			: fz_str_eq(v, body) ? 0 : BIT(BODY_CHANGED);
	}
	if (fz_str_eq(v, fz_cstr("UNSIGNED-PAYLOAD"))) {
		return c->presigned || (allow & SIGV4_ALLOW_UNSIGNED_PAYLOAD)
			? 0 : BIT(UNSIGNED_PAYLOAD);
	}
	/* STREAMING-*: by headers only, when the caller reads the chunks;
	 * the unsigned one needs unsigned payloads allowed too. */
	if (c->presigned || !(allow & SIGV4_ALLOW_STREAMING)) {
		return BIT(UNSIGNED_PAYLOAD);
	}
	if (fz_str_eq(v, fz_cstr("STREAMING-UNSIGNED-PAYLOAD-TRAILER"))) {
		return allow & SIGV4_ALLOW_UNSIGNED_PAYLOAD ? 0 : BIT(UNSIGNED_PAYLOAD);
	}
	/* A signed marker names the request's algorithm. */
	return v.len > 22 && (v.ptr[15] == 'E') == (c->algorithm == 1)
		? 0 : BIT(PAYLOAD_HASH);
}

/* The query without X-Amz-Signature (presigned) and without the token
 * when it is not signed (presigned, TOKEN_AFTER). */
static void
claimed_query(fz_buf *out, const model_claims *c, sigv4_str query)
{
	pieces amp;
	fz_buf key, lower;
	size_t i;

	cut(&amp, query, '&');
	fz_buf_init(&key);
	fz_buf_init(&lower);
	for (i = 0; i < amp.n; i++) {
		sigv4_str p = piece(&amp, i);
		const char *eq = p.len ? memchr(p.ptr, '=', p.len) : NULL;

		key.len = 0;
		model_decode(&key, p.ptr, eq ? (size_t)(eq - p.ptr) : p.len,
			c->query_form);
		lower_copy(&lower, fz_buf_str(&key));
		if (c->presigned && p.len > 0
			&& (fz_str_eq(fz_buf_str(&lower), fz_cstr("x-amz-signature"))
				|| (c->session_token.len > 0 && !c->token_signed
					&& fz_str_eq(fz_buf_str(&lower),
						fz_cstr("x-amz-security-token")))))
		{
			continue;
		}
		if (out->len > 0) {
			fz_put(out, '&');
		}
		fz_put_str(out, p);
	}
	fz_buf_free(&key);
	fz_buf_free(&lower);
	cut_free(&amp);
}

uint64_t
model_verify_sts(fz_buf *creq, fz_buf *sts, const model_claims *c,
	const sigv4_request *req, sigv4_str body, uint32_t allow)
{
	fz_buf line, query, block, list;
	sigv4_params p;
	pieces names;
	sigv4_str *views;
	uint64_t e = request_ok(req) ? 0 : BIT(PARAM);
	char hex[64];
	size_t i;

	fz_buf_init(&line);
	e |= payload(&line, c, body, allow);
	if (e != 0) {
		fz_buf_free(&line);
		return e;
	}
	fz_buf_init(&query);
	fz_buf_init(&block);
	fz_buf_init(&list);
	cut(&names, fz_buf_str(&c->signed_headers), ';');
	views = (sigv4_str *)calloc(names.n, sizeof *views);
	FZ_CHECK(views != NULL, "out of memory");
	for (i = 0; i < names.n; i++) {
		views[i] = piece(&names, i);
	}
	memset(&p, 0, sizeof p);
	p.flags = SIGV4_SIGN_LISTED_ONLY;
	p.signed_headers = views;
	p.signed_header_count = names.n;
	model_headers(&block, &list, req->headers, req->header_count, &p,
		NULL, 0);
	FZ_CHECK(fz_str_eq(fz_buf_str(&list), fz_buf_str(&c->signed_headers)),
		"model: the signed headers of accepted claims are not the "
		"request's");
	claimed_query(&query, c, req->query);

	fz_put_str(creq, req->method);
	fz_put(creq, '\n');
	model_path(creq, req->path, c->single, c->normalize);
	fz_put(creq, '\n');
	model_query(creq, fz_buf_str(&query), c->query_form, NULL, 0);
	fz_put(creq, '\n');
	fz_put_str(creq, fz_buf_str(&block));
	fz_put(creq, '\n');
	fz_put_str(creq, fz_buf_str(&list));
	fz_put(creq, '\n');
	fz_put_str(creq, fz_buf_str(&line));

	model_sha256_hex(hex, creq->p, creq->len);
	fz_puts(sts, alg_names[c->algorithm]);
	fz_put(sts, '\n');
	fz_put_str(sts, fz_buf_str(&c->amz_date));
	fz_put(sts, '\n');
	fz_put_str(sts, fz_buf_str(&c->date));
	fz_put(sts, '/');
	if (c->algorithm == 0) {
		fz_put_str(sts, fz_buf_str(&c->region));
		fz_put(sts, '/');
	}
	fz_put_str(sts, fz_buf_str(&c->service));
	fz_puts(sts, "/aws4_request\n");
	fz_write(sts, hex, 64);

	free(views);
	cut_free(&names);
	fz_buf_free(&line);
	fz_buf_free(&query);
	fz_buf_free(&block);
	fz_buf_free(&list);
	return 0;
}
