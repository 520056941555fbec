/*
 * fuzz_verify.c: the verifier (src/verify.c) against model_verify.c.
 *
 * Layout of an input (little endian; missing bytes read as 0):
 *
 *   offset 0  u8   mode: VF_* bits below; bits 4..6 scratch misalignment
 *          1  u16  rules (rules_of())
 *          3  u8   scope: bits 0-1 service, 2-3 region (signed mode)
 *          4  u32  X-Amz-Expires (signed mode: 1 + this % 604800)
 *          8  u8   bits 0-1 allow (SIGV4_ALLOW_*), bits 2-3 the body the
 *                  verifier is given (body_of())
 *          9  u32  the verifier's clock: X-Amz-Date + this (signed)
 *         13  u16  max skew, seconds
 *         15  3 x (u8 edit, u16 position, u8 byte): edits, see edit()
 *   then fields separated by 0xFF: method, path, query, payload, session
 *   token, amz date, then header name, header value, ...
 *
 * Raw mode: that request as received (the Authorization header and the
 * X-Amz-* parameters are whatever the bytes say). Signed mode: it is
 * signed by sigv4_sign() first with a fixed secret (by headers, or
 * presigned), and the Authorization, x-amz-date, x-amz-content-sha256
 * and token headers or the presigned query are added, as a client does.
 * Then the edits change bytes of the received request.
 *
 * Checks, on every request:
 *   - sigv4_auth_parse() accepts exactly when the model does; a refusal
 *     is one of the rules the model says are broken (exactly it when
 *     only one is); an acceptance reads every claim as the model does;
 *     a refusal leaves the claims zeroed;
 *   - sigv4_auth_check_time() decides as timegm() arithmetic says;
 *   - for accepted claims, sigv4_verify_string_to_sign() with each allow
 *     value and two bodies (the given one and none) fails as the model
 *     says, or gives the model's canonical request and string to sign,
 *     in exact-size buffers and scratch at any alignment;
 *   - sigv4_verify() (sigv4a_verify_request() for SigV4a) is SIGV4_OK
 *     exactly when the HMAC of that string to sign is the signature,
 *     else SIGNATURE_MISMATCH (or the string to sign's error);
 * and for a signed request:
 *   - unedited (and with no x-amz-* header of its own the signer could
 *     leave unsigned), it is accepted and verifies;
 *   - it verifies only if its string to sign is the one signed and its
 *     signature unchanged: an edit that changes the canonical request
 *     never verifies.
 */
#define _GNU_SOURCE  /* memmem, timegm */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model_verify.h"

#define VF_SIGNED  0x01u  /* sign the request first */
#define VF_PRESIGN 0x02u  /* presigned, else by headers */
#define VF_TOKEN   0x04u  /* with the session token field */
#define VF_MARKER  0x08u  /* the payload field is the payload hash line */

#define FIXED_LEN 27
#define EDITS 3

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define AKID "AKIDEXAMPLE"
#define DEFAULT_DATE "20150830T123600Z"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { F_METHOD, F_PATH, F_QUERY, F_PAYLOAD, F_TOKEN, F_DATE, F_HEADERS };

/* The request being built and edited: each part its own buffer. */
typedef struct {
	fz_buf part[4];           /* method, path, query, body */
	fz_buf *names, *values;
	size_t n, cap;
} wire;

typedef struct {
	uint8_t mode, scope, allow_body, edits[EDITS][4];
	uint16_t rules_raw, skew;
	uint32_t expires, delta;
	sigv4_str field[F_HEADERS];
	fz_reader rest;           /* the header fields */
} input;

/* What was signed, for the signed mode. */
typedef struct {
	int ok;
	sigv4_key key;
	fz_buf sts, creq, signature;
	int plain;                /* must be accepted and verify as it is */
} signed_info;

/* ------------------------------------------------------------------ */

static void
wire_init(wire *w)
{
	size_t i;

	memset(w, 0, sizeof *w);
	for (i = 0; i < 4; i++) {
		fz_buf_init(&w->part[i]);
	}
}

static void
wire_free(wire *w)
{
	size_t i;

	for (i = 0; i < 4; i++) {
		fz_buf_free(&w->part[i]);
	}
	for (i = 0; i < w->n; i++) {
		fz_buf_free(&w->names[i]);
		fz_buf_free(&w->values[i]);
	}
	free(w->names);
	free(w->values);
}

static void
wire_add(wire *w, sigv4_str name, sigv4_str value)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->names = (fz_buf *)realloc(w->names, w->cap * sizeof *w->names);
		w->values = (fz_buf *)realloc(w->values, w->cap * sizeof *w->values);
		FZ_CHECK(w->names != NULL && w->values != NULL, "out of memory");
	}
	fz_buf_init(&w->names[w->n]);
	fz_buf_init(&w->values[w->n]);
	fz_put_str(&w->names[w->n], name);
	fz_put_str(&w->values[w->n], value);
	w->n++;
}

/* The request as exact-size heap copies, so ASan sees any read past a
 * view. */
static sigv4_request
wire_request(fz_pool *pool, const wire *w)
{
	sigv4_request r;
	sigv4_header *h = (sigv4_header *)fz_alloc(pool, w->n * sizeof *h);
	size_t i;

	memset(&r, 0, sizeof r);
	r.method = fz_dup(pool, fz_buf_str(&w->part[0]));
	r.path = fz_dup(pool, fz_buf_str(&w->part[1]));
	r.query = fz_dup(pool, fz_buf_str(&w->part[2]));
	for (i = 0; i < w->n; i++) {
		h[i].name = fz_dup(pool, fz_buf_str(&w->names[i]));
		h[i].value = fz_dup(pool, fz_buf_str(&w->values[i]));
	}
	r.headers = h;
	r.header_count = w->n;
	return r;
}

/*
 * One edit: byte e = component << 3 | op, at position pos (modulo the
 * length + 1), with byte b. Components: method, path, query, body, then
 * each header's name and value. Ops: 0 none, 1 replace, 2 insert,
 * 3 delete, 4 flip ASCII case, 5 append a copy of the header, 6 remove
 * the header, 7 cut at pos. Returns whether the request changed.
 */
static int
edit(wire *w, const uint8_t e[4])
{
	unsigned op = e[0] & 7, comp = e[0] >> 3;
	size_t ncomp = 4 + 2 * w->n, pos, h;
	fz_buf *b, before;
	int changed;

	if (op == 0) {
		return 0;
	}
	comp %= ncomp;
	h = comp >= 4 ? (comp - 4) / 2 : 0;
	if ((op == 5 || op == 6) && comp >= 4) {
		if (op == 5) {
			fz_buf n = w->names[h], v = w->values[h];

			wire_add(w, fz_buf_str(&n), fz_buf_str(&v));
		} else {
			fz_buf_free(&w->names[h]);
			fz_buf_free(&w->values[h]);
			memmove(&w->names[h], &w->names[h + 1],
				(w->n - h - 1) * sizeof *w->names);
			memmove(&w->values[h], &w->values[h + 1],
				(w->n - h - 1) * sizeof *w->values);
			w->n--;
		}
		return 1;
	}
	b = comp < 4 ? &w->part[comp]
		: (comp - 4) % 2 == 0 ? &w->names[h] : &w->values[h];
	fz_buf_init(&before);
	fz_put_str(&before, fz_buf_str(b));
	pos = ((size_t)e[1] | (size_t)e[2] << 8) % (b->len + 1);
	switch (op) {
	case 1:
		if (pos < b->len) {
			b->p[pos] = (char)e[3];
		}
		break;
	case 2:
		fz_put(b, 0);
		memmove(b->p + pos + 1, b->p + pos, b->len - pos - 1);
		b->p[pos] = (char)e[3];
		break;
	case 3:
		if (pos < b->len) {
			memmove(b->p + pos, b->p + pos + 1, b->len - pos - 1);
			b->len--;
		}
		break;
	case 4:
		if (pos < b->len && ((b->p[pos] | 0x20) >= 'a'
			&& (b->p[pos] | 0x20) <= 'z'))
		{
			b->p[pos] ^= 0x20;
		}
		break;
	default:
		b->len = pos;
		break;
	}
	changed = !fz_str_eq(fz_buf_str(&before), fz_buf_str(b));
	fz_buf_free(&before);
	return changed;
}

/* ------------------------------------------------------------------ */

/* Rules from 16 bits: with bit 15, bits 0..14 as flags (PRESIGN and
 * contradictions included); else two bits per pair (none, on, off,
 * none) and single bits for the rest. */
static uint32_t
rules_of(uint16_t r)
{
	static const uint32_t pairs[5][2] = {
		{ SIGV4_SINGLE_ENCODE, SIGV4_DOUBLE_ENCODE },
		{ SIGV4_NORMALIZE, SIGV4_NO_NORMALIZE },
		{ SIGV4_CONTENT_SHA256, SIGV4_NO_CONTENT_SHA256 },
		{ SIGV4_TOKEN_AFTER, SIGV4_TOKEN_SIGNED },
		{ SIGV4_SIGN_ALL_HEADERS, SIGV4_SIGN_LISTED_ONLY },
	};
	uint32_t out = 0;
	unsigned i;

	if (r & 0x8000u) {
		return r & 0x7fffu;
	}
	for (i = 0; i < 5; i++) {
		unsigned v = (r >> (2 * i)) & 3;

		if (v == 1 || v == 2) {
			out |= pairs[i][v - 1];
		}
	}
	out |= (r & 0x400u) ? SIGV4_QUERY_FORM : 0;
	out |= (r & 0x800u) ? SIGV4_S3_SESSION_TOKEN : 0;
	out |= (r & 0x1000u) ? SIGV4_UNSIGNED_PRESIGN : 0;
	return out;
}

static void
read_input(input *in, const uint8_t *data, size_t size)
{
	fz_reader r;
	size_t i;

	fz_reader_init(&r, data, size);
	in->mode = fz_u8(&r);
	in->rules_raw = fz_u16(&r);
	in->scope = fz_u8(&r);
	in->expires = fz_u32(&r);
	in->allow_body = fz_u8(&r);
	in->delta = fz_u32(&r);
	in->skew = fz_u16(&r);
	for (i = 0; i < EDITS; i++) {
		in->edits[i][0] = fz_u8(&r);
		in->edits[i][1] = fz_u8(&r);
		in->edits[i][2] = fz_u8(&r);
		in->edits[i][3] = fz_u8(&r);
	}
	for (i = 0; i < F_HEADERS; i++) {
		in->field[i] = fz_field(&r);
	}
	in->rest = r;
}

static int
mentions_amz(sigv4_str s)
{
	size_t i;

	for (i = 0; i + 3 <= s.len; i++) {
		if ((s.ptr[i] | 0x20) == 'a' && (s.ptr[i + 1] | 0x20) == 'm'
			&& (s.ptr[i + 2] | 0x20) == 'z')
		{
			return 1;
		}
	}
	return 0;
}

/* Sign the wire as a client would, and add what the client sends. */
static void
sign_wire(signed_info *si, wire *w, const input *in, uint32_t rules)
{
	static const char *const services[4] = {
		"service", "s3", "iotdevicegateway", "s3express"
	};
	static const char *const regions[4] = {
		"us-east-1", "eu-west-1", "cn-north-1", "x*"
	};
	sigv4_str service = fz_cstr(services[in->scope & 3]);
	sigv4_str region = fz_cstr(regions[(in->scope >> 2) & 3]);
	sigv4_str amz_date = in->field[F_DATE];
	sigv4_str token = (in->mode & VF_TOKEN) ? in->field[F_TOKEN]
		: fz_view(NULL, 0);
	char body_hex[64], out[16384];
	sigv4_capture cap;
	sigv4_params p;
	sigv4_request req;
	uint32_t policy;
	fz_pool pool;
	size_t out_len = 0, i, need;
	void *scratch;
	char creq[16384], sts[SIGV4_STRING_TO_SIGN_MAX];
	int rc;

	if (!model_amz_date_ok(amz_date)) {
		amz_date = fz_cstr(DEFAULT_DATE);
	}
	memset(&p, 0, sizeof p);
	p.access_key_id = fz_cstr(AKID);
	p.session_token = token;
	p.amz_date = amz_date;
	p.flags = rules | ((in->mode & VF_PRESIGN) ? SIGV4_PRESIGN : 0);
	p.expires = 1 + in->expires % SIGV4_EXPIRES_MAX;
	model_sha256_hex(body_hex, w->part[3].p, w->part[3].len);
	p.payload_hash = fz_view(body_hex, 64);
	if (sigv4_policy(&policy, service, p.flags) != SIGV4_OK) {
		return;
	}
	if ((policy & SIGV4_PRESIGN) && (policy & SIGV4_UNSIGNED_PRESIGN)) {
		p.payload_hash = fz_cstr("UNSIGNED-PAYLOAD");
	} else if ((in->mode & VF_MARKER) && model_payload_hash_ok(in->field[F_PAYLOAD])) {
		p.payload_hash = in->field[F_PAYLOAD];
	}
	if (sigv4_key_derive(&si->key, SECRET, strlen(SECRET), amz_date.ptr,
		region, service) != SIGV4_OK)
	{
		return;
	}
	fz_pool_init(&pool);
	req = wire_request(&pool, w);
	need = sigv4_scratch_size(&req, &p);
	scratch = malloc(need ? need : 1);
	memset(&cap, 0, sizeof cap);
	cap.canonical_request = creq;
	cap.canonical_request_cap = sizeof creq;
	cap.string_to_sign = sts;
	cap.string_to_sign_cap = sizeof sts;
	rc = sigv4_sign(out, sizeof out, &out_len, &si->key, &req, &p, scratch,
		need, &cap);
	free(scratch);
	fz_pool_free(&pool);
	if (rc != SIGV4_OK) {
		return;
	}
	si->ok = 1;
	fz_write(&si->creq, creq, cap.canonical_request_len);
	fz_write(&si->sts, sts, cap.string_to_sign_len);
	/* Nothing of the client's own that the signer may leave unsigned. */
	si->plain = !mentions_amz(fz_buf_str(&w->part[2]))
		&& !(policy & SIGV4_SIGN_LISTED_ONLY)
		&& (p.payload_hash.ptr == body_hex
			|| (policy & SIGV4_UNSIGNED_PRESIGN && policy & SIGV4_PRESIGN)
			|| (policy & SIGV4_CONTENT_SHA256 && !(policy & SIGV4_PRESIGN)));
	for (i = 0; i < w->n; i++) {
		si->plain &= !mentions_amz(fz_buf_str(&w->names[i]));
	}
	if (policy & SIGV4_PRESIGN) {
		/* Keys are encoded: '&' starts a parameter, as in no value. */
		const char *s = memmem(out, out_len, "&X-Amz-Signature=", 17);

		FZ_CHECK(s != NULL, "no X-Amz-Signature in a presigned query");
		fz_write(&si->signature, s + 17, 64);
		w->part[2].len = 0;
		fz_write(&w->part[2], out, out_len);
		return;
	}
	fz_write(&si->signature, out + out_len - 64, 64);
	wire_add(w, fz_cstr("Authorization"), fz_view(out, out_len));
	wire_add(w, fz_cstr("X-Amz-Date"), amz_date);
	if (policy & SIGV4_CONTENT_SHA256) {
		wire_add(w, fz_cstr("X-Amz-Content-Sha256"), p.payload_hash);
	}
	if (token.len > 0) {
		wire_add(w, fz_cstr((policy & SIGV4_S3_SESSION_TOKEN)
			? "X-Amz-S3session-Token" : "X-Amz-Security-Token"), token);
	}
}

/* ------------------------------------------------------------------ */

static void
same_str(sigv4_str lib, const fz_buf *model, const char *what)
{
	FZ_CHECK(fz_str_eq(lib, fz_buf_str(model)),
		"%s: library '%.*s', model '%.*s'", what, (int)lib.len,
		lib.ptr ? lib.ptr : "", (int)model->len, model->p ? model->p : "");
}

static void
same_claims(const sigv4_auth *a, const model_claims *c)
{
	FZ_CHECK(a->algorithm == c->algorithm, "algorithm %d, model %d",
		a->algorithm, c->algorithm);
	FZ_CHECK(a->presigned == c->presigned, "presigned %d, model %d",
		a->presigned, c->presigned);
	FZ_CHECK(a->token_signed == c->token_signed, "token_signed %d, model %d",
		a->token_signed, c->token_signed);
	FZ_CHECK(a->expires == (c->presigned ? c->expires : 0),
		"expires %u, model %u", a->expires, c->expires);
	FZ_CHECK(!!(a->policy & SIGV4_SINGLE_ENCODE) == c->single
		&& !!(a->policy & SIGV4_NORMALIZE) == c->normalize
		&& !!(a->policy & SIGV4_QUERY_FORM) == c->query_form
		&& !!(a->policy & SIGV4_S3_SESSION_TOKEN) == c->s3_session
		&& !!(a->policy & SIGV4_TOKEN_AFTER) == c->token_after
		&& !!(a->policy & SIGV4_UNSIGNED_PRESIGN) == c->unsigned_presign,
		"policy 0x%x: single %d normalize %d form %d s3 session %d "
		"token after %d unsigned presign %d", (unsigned)a->policy,
		c->single, c->normalize, c->query_form, c->s3_session,
		c->token_after, c->unsigned_presign);
	same_str(a->access_key_id, &c->access_key_id, "access key id");
	same_str(a->date, &c->date, "credential date");
	same_str(a->region, &c->region, "region");
	same_str(a->service, &c->service, "service");
	same_str(a->amz_date, &c->amz_date, "amz date");
	same_str(a->signed_headers, &c->signed_headers, "signed headers");
	same_str(a->signature, &c->signature, "signature");
	same_str(a->session_token, &c->session_token, "session token");
	same_str(a->region_set, &c->region_set, "region set");
	same_str(a->content_sha256, &c->content_sha256, "content sha256");
}

static void
check_time(const sigv4_auth *a, const input *in)
{
	struct tm tm;
	const char *d = a->amz_date.ptr;
	int64_t t, now;
	int want, rc;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = (d[0] - '0') * 1000 + (d[1] - '0') * 100
		+ (d[2] - '0') * 10 + (d[3] - '0') - 1900;
	tm.tm_mon = (d[4] - '0') * 10 + (d[5] - '0') - 1;
	tm.tm_mday = (d[6] - '0') * 10 + (d[7] - '0');
	tm.tm_hour = (d[9] - '0') * 10 + (d[10] - '0');
	tm.tm_min = (d[11] - '0') * 10 + (d[12] - '0');
	tm.tm_sec = (d[13] - '0') * 10 + (d[14] - '0');
	t = (int64_t)timegm(&tm);
	now = t + (int32_t)in->delta;
	if (a->presigned) {
		want = now < t - in->skew ? SIGV4_ERR_NOT_YET_VALID
			: now > t + a->expires ? SIGV4_ERR_EXPIRED : SIGV4_OK;
	} else {
		want = now < t - in->skew || now > t + in->skew
			? SIGV4_ERR_SKEW : SIGV4_OK;
	}
	rc = sigv4_auth_check_time(a, now, in->skew);
	FZ_CHECK(rc == want, "check_time %s, expected %s (delta %d, skew %u)",
		sigv4_errname(rc), sigv4_errname(want), (int32_t)in->delta,
		(unsigned)in->skew);
}

/* The body the verifier is given: its hash, another hash, none, or not
 * a hash. */
static sigv4_str
body_of(char hex[64], const wire *w, unsigned variant)
{
	model_sha256_hex(hex, w->part[3].p, w->part[3].len);
	switch (variant & 3) {
	case 0:
		return fz_view(hex, 64);
	case 1:
		hex[0] = hex[0] == '0' ? '1' : '0';
		return fz_view(hex, 64);
	case 2:
		return fz_view(NULL, 0);
	default:
		hex[5] = 'A';
		return fz_view(hex, 64);
	}
}

/* sigv4_verify_string_to_sign against the model; returns its code, and
 * the string to sign in sts. */
static int
check_sts(fz_buf *sts_out, const sigv4_request *req, const sigv4_auth *a,
	const model_claims *c, sigv4_str body, uint32_t allow, unsigned misalign)
{
	fz_buf creq, sts;
	uint64_t want;
	size_t need = sigv4_verify_scratch_size(req), len = 0;
	char *block = (char *)malloc(need + misalign);
	char *creq_buf, *sts_buf, out[SIGV4_STRING_TO_SIGN_MAX];
	sigv4_capture cap;
	int rc;

	fz_buf_init(&creq);
	fz_buf_init(&sts);
	want = model_verify_sts(&creq, &sts, c, req, body, allow);
	/* Capture buffers of exactly the model's lengths. */
	creq_buf = (char *)malloc(creq.len ? creq.len : 1);
	sts_buf = (char *)malloc(sts.len ? sts.len : 1);
	memset(&cap, 0, sizeof cap);
	cap.canonical_request = creq_buf;
	cap.canonical_request_cap = creq.len;
	cap.string_to_sign = sts_buf;
	cap.string_to_sign_cap = sts.len;
	/* The scratch ends exactly where the size says. */
	rc = sigv4_verify_string_to_sign(out, &len, req, a, body, allow,
		block + misalign, need, &cap);
	if (want != 0) {
		FZ_CHECK(rc != SIGV4_OK && (MODEL_VBIT(rc) & want) != 0,
			"string to sign: %s, model expects one of 0x%llx (allow %u)",
			sigv4_errname(rc), (unsigned long long)want, (unsigned)allow);
	} else {
		FZ_CHECK(rc == SIGV4_OK, "string to sign: %s, model expects "
			"success (allow %u; canonical request %lu bytes, library %lu)",
			sigv4_errname(rc), (unsigned)allow, (unsigned long)creq.len,
			(unsigned long)cap.canonical_request_len);
		FZ_CHECK(fz_str_eq(fz_view(creq_buf, cap.canonical_request_len),
			fz_buf_str(&creq)), "canonical request:\n%.*s\nmodel:\n%.*s",
			(int)cap.canonical_request_len, creq_buf, (int)creq.len, creq.p);
		FZ_CHECK(fz_str_eq(fz_view(out, len), fz_buf_str(&sts))
			&& fz_str_eq(fz_view(sts_buf, cap.string_to_sign_len),
				fz_buf_str(&sts)),
			"string to sign:\n%.*s\nmodel:\n%.*s", (int)len, out,
			(int)sts.len, sts.p);
		fz_put_str(sts_out, fz_buf_str(&sts));
	}
	free(block);
	free(creq_buf);
	free(sts_buf);
	fz_buf_free(&creq);
	fz_buf_free(&sts);
	return rc;
}

/* A fixed SigV4a key pair, made once. */
static const uint8_t *
v4a_public(void)
{
	static uint8_t pub[SIGV4A_PUBLIC_KEY_SIZE];
	static int done;
	sigv4_key k;

	if (!done) {
		FZ_CHECK(sigv4a_key_derive(&k, fz_cstr(AKID), SECRET, strlen(SECRET),
			"20150830", fz_cstr("service")) == SIGV4_OK
			&& sigv4a_public_key(pub, &k) == SIGV4_OK, "SigV4a key");
		sigv4_wipe(&k, sizeof k);
		done = 1;
	}
	return pub;
}

/* Verify accepted claims; returns sigv4_verify's code. */
static int
check_verify(const sigv4_request *req, const sigv4_auth *a,
	const model_claims *c, const signed_info *si, sigv4_str body,
	uint32_t allow, int sts_rc, const fz_buf *sts)
{
	size_t need = sigv4_verify_scratch_size(req);
	void *scratch = malloc(need ? need : 1);
	sigv4_key key;
	uint8_t mac[32];
	char hex[64];
	int rc, want;

	if (a->algorithm == SIGV4_ALG_ECDSA_P256) {
		rc = sigv4a_verify_request(v4a_public(), req, a, body, allow, scratch,
			need, NULL);
		/* The key is the aws-c-auth suite's: its signatures verify
		 * (ECDSA has no second implementation here to say which). */
		FZ_CHECK(sts_rc != SIGV4_OK ? rc == sts_rc
			: rc == SIGV4_OK || rc == SIGV4_ERR_SIGNATURE_MISMATCH,
			"sigv4a_verify_request: %s (string to sign: %s)",
			sigv4_errname(rc), sigv4_errname(sts_rc));
		free(scratch);
		return rc;
	}
	if (si != NULL && si->ok) {
		key = si->key;
	} else {
		FZ_CHECK(sigv4_key_derive(&key, SECRET, strlen(SECRET), a->date.ptr,
			a->region, a->service) == SIGV4_OK, "key for accepted claims");
	}
	rc = sigv4_verify(&key, req, a, body, allow, scratch, need, NULL);
	if (memcmp(key.date, c->date.p, 8) != 0
		|| !fz_str_eq(fz_view(key.region, key.region_len),
			fz_buf_str(&c->region))
		|| !fz_str_eq(fz_view(key.service, key.service_len),
			fz_buf_str(&c->service)))
	{
		want = SIGV4_ERR_KEY_SCOPE;
	} else if (sts_rc != SIGV4_OK) {
		want = sts_rc;
	} else {
		model_hmac(mac, key.signing_key, 32, sts->p, sts->len);
		model_hex(hex, mac, 32);
		want = fz_str_eq(fz_view(hex, 64), fz_buf_str(&c->signature))
			? SIGV4_OK : SIGV4_ERR_SIGNATURE_MISMATCH;
	}
	FZ_CHECK(rc == want, "sigv4_verify: %s, expected %s",
		sigv4_errname(rc), sigv4_errname(want));
	sigv4_wipe(&key, sizeof key);
	free(scratch);
	return rc;
}

/* Every check on one received request. */
static void
check_request(const wire *w, const input *in, uint32_t rules,
	const signed_info *si, int edited)
{
	static const uint8_t zero[sizeof(sigv4_auth)];
	fz_pool pool;
	sigv4_request req;
	sigv4_auth a;
	model_claims c;
	uint64_t want;
	uint32_t allow;
	char *buf, hex[64];
	sigv4_str body;
	fz_buf sts;
	int rc, sts_rc = SIGV4_OK, verified;

	fz_pool_init(&pool);
	req = wire_request(&pool, w);
	buf = (char *)fz_alloc(&pool, req.query.len);
	model_claims_init(&c);
	want = model_auth_errors(&c, &req, rules);
	rc = sigv4_auth_parse(&a, &req, rules, buf, req.query.len);
	if (want != 0) {
		FZ_CHECK(rc != SIGV4_OK && (MODEL_VBIT(rc) & want) != 0,
			"sigv4_auth_parse: %s, model expects one of 0x%llx",
			sigv4_errname(rc), (unsigned long long)want);
		FZ_CHECK(memcmp(&a, zero, sizeof a) == 0,
			"claims not zeroed on error");
	} else {
		FZ_CHECK(rc == SIGV4_OK, "sigv4_auth_parse: %s, model accepts",
			sigv4_errname(rc));
	}
	if (si != NULL && si->ok && !edited && si->plain) {
		FZ_CHECK(rc == SIGV4_OK, "a signed request is refused: %s",
			sigv4_errname(rc));
	}
	if (rc == SIGV4_OK) {
		same_claims(&a, &c);
		check_time(&a, in);
		body = body_of(hex, w, in->allow_body >> 2);
		fz_buf_init(&sts);
		for (allow = 0; allow <= SIGV4_ALLOW_ALL; allow++) {
			fz_buf tmp;

			fz_buf_init(&tmp);
			check_sts(&tmp, &req, &a, &c, fz_view(NULL, 0), allow,
				(in->mode >> 4) & 7);
			tmp.len = 0;
			rc = check_sts(&tmp, &req, &a, &c, body, allow,
				(in->mode >> 4) & 7);
			if (allow == (in->allow_body & 3u)) {
				sts_rc = rc;
				fz_put_str(&sts, fz_buf_str(&tmp));
			}
			fz_buf_free(&tmp);
		}
		allow = in->allow_body & 3u;
		verified = check_verify(&req, &a, &c, si, body, allow, sts_rc, &sts);
		if (si != NULL && si->ok) {
			/* Only the signed string to sign, with its signature. */
			int same = sts_rc == SIGV4_OK
				&& fz_str_eq(fz_buf_str(&sts), fz_buf_str(&si->sts))
				&& fz_str_eq(a.signature, fz_buf_str(&si->signature));

			FZ_CHECK((verified == SIGV4_OK) == same,
				"verify %s, but the string to sign %s the signed one:\n"
				"%.*s\nsigned:\n%.*s\nsignature %.*s, signed %.*s",
				sigv4_errname(verified), same ? "is" : "is not",
				(int)sts.len, sts.p, (int)si->sts.len, si->sts.p,
				(int)a.signature.len, a.signature.ptr,
				(int)si->signature.len, si->signature.p);
			if (!edited && si->plain && (in->allow_body & 0xcu) == 0
				&& allow == SIGV4_ALLOW_ALL)
			{
				FZ_CHECK(verified == SIGV4_OK,
					"a signed request does not verify: %s",
					sigv4_errname(verified));
			}
		}
		fz_buf_free(&sts);
	}
	model_claims_free(&c);
	fz_pool_free(&pool);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	input in;
	wire w;
	signed_info si;
	uint32_t rules;
	size_t i;
	int edited = 0;

	if (size < FIXED_LEN) {
		return 0;
	}
	read_input(&in, data, size);
	rules = rules_of(in.rules_raw);
	wire_init(&w);
	for (i = 0; i < 4; i++) {
		fz_put_str(&w.part[i], in.field[i == 3 ? F_PAYLOAD : i]);
	}
	while (fz_more(&in.rest)) {
		sigv4_str name = fz_field(&in.rest);

		wire_add(&w, name, fz_field(&in.rest));
	}
	memset(&si, 0, sizeof si);
	fz_buf_init(&si.sts);
	fz_buf_init(&si.creq);
	fz_buf_init(&si.signature);
	if (in.mode & VF_SIGNED) {
		sign_wire(&si, &w, &in, rules & ~(uint32_t)SIGV4_PRESIGN);
		si.plain &= !(rules & SIGV4_PRESIGN);  /* the verifier's error */
	}
	for (i = 0; i < EDITS; i++) {
		edited |= edit(&w, in.edits[i]);
	}
	check_request(&w, &in, rules, (in.mode & VF_SIGNED) ? &si : NULL, edited);
	sigv4_wipe(&si.key, sizeof si.key);
	fz_buf_free(&si.sts);
	fz_buf_free(&si.creq);
	fz_buf_free(&si.signature);
	wire_free(&w);
	return 0;
}
