/*
 * suite_util.c: see suite_util.h.
 */
#include "suite_util.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#ifndef SIGV4_VECTORS_DIR_DEFAULT
#define SIGV4_VECTORS_DIR_DEFAULT "tests/vectors"
#endif

const char *
su_vectors_dir(const char *arg)
{
	const char *env;

	if (arg != NULL && arg[0] != 0) {
		return arg;
	}
	env = getenv("SIGV4_VECTORS_DIR");
	if (env != NULL && env[0] != 0) {
		return env;
	}
	return SIGV4_VECTORS_DIR_DEFAULT;
}

char *
su_vector_path(const char *arg)
{
	if (arg[0] == '/' || tu_is_file(arg) || tu_is_dir(arg)) {
		return tu_strndup(arg, strlen(arg));
	}
	return tu_join(su_vectors_dir(NULL), arg);
}

sigv4_str
su_cstr(const char *s)
{
	sigv4_str v;

	v.ptr = s;
	v.len = s != NULL ? strlen(s) : 0;
	return v;
}

static unsigned char
su_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int
su_eq_nocase(sigv4_str a, sigv4_str b)
{
	size_t i;

	if (a.len != b.len) {
		return 0;
	}
	for (i = 0; i < a.len; i++) {
		if (su_lower((unsigned char)a.ptr[i])
			!= su_lower((unsigned char)b.ptr[i]))
		{
			return 0;
		}
	}
	return 1;
}

int
su_eq(sigv4_str a, sigv4_str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static void *
su_xmalloc(size_t n)
{
	void *p = malloc(n == 0 ? 1 : n);
	if (p == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	return p;
}

static void *
su_xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n == 0 ? 1 : n);
	if (p == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	return p;
}

/* ------------------------------------------------------------------ */
/* Request parser.                                                     */

static sigv4_str
su_view(const char *p, size_t n)
{
	sigv4_str v;

	v.ptr = p;
	v.len = n;
	return v;
}

size_t
su_drop_cr(char *text, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (text[i] != '\r') {
			text[n++] = text[i];
		}
	}
	return n;
}

char *
su_read_case_file(const char *dir, const char *a, const char *sep,
	const char *b, size_t *len)
{
	char name[256];
	char *path, *text;

	snprintf(name, sizeof name, "%s%s%s", a, sep, b);
	path = tu_join(dir, name);
	text = tu_read_file(path, len);
	free(path);
	return text;
}

int
su_parse_request(su_request *r, const char *text, size_t len, char *err,
	size_t errcap)
{
	char *t;
	size_t n = 0, i, pos, eol, sp;
	size_t cap_headers = 0;

	memset(r, 0, sizeof *r);
	if (errcap > 0) {
		err[0] = 0;
	}

	/* Drop every '\r' (the aws-c-auth harness does the same). */
	t = su_xmalloc(len + 1);
	memcpy(t, text, len);
	n = su_drop_cr(t, len);
	t[n] = 0;
	r->text = t;
	r->text_len = n;

	/* Request line. */
	eol = 0;
	while (eol < n && t[eol] != '\n') {
		eol++;
	}
	sp = 0;
	while (sp < eol && t[sp] != ' ') {
		sp++;
	}
	if (sp == eol || eol < sp + 1 + 9) {
		snprintf(err, errcap, "bad request line");
		return -1;
	}
	if (memcmp(t + eol - 9, " ", 1) != 0) {
		snprintf(err, errcap, "request line does not end with "
			"\" HTTP/x.y\"");
		return -1;
	}
	r->method = su_view(t, sp);
	r->target = su_view(t + sp + 1, eol - 9 - (sp + 1));
	r->path = r->target;
	r->query = su_view(NULL, 0);
	for (i = 0; i < r->target.len; i++) {
		if (r->target.ptr[i] == '?') {
			r->path.len = i;
			r->query = su_view(r->target.ptr + i + 1,
				r->target.len - i - 1);
			r->has_query = 1;
			break;
		}
	}

	/* Header lines. */
	pos = eol < n ? eol + 1 : n;
	for (;;) {
		size_t colon;

		if (pos >= n) {
			/* No blank line: no body (classic .req files). */
			r->body = su_view(t + n, 0);
			break;
		}
		eol = pos;
		while (eol < n && t[eol] != '\n') {
			eol++;
		}
		if (eol == pos) {
			/* Blank line: the body is everything after it. */
			r->body = su_view(t + pos + 1, n - (pos + 1));
			break;
		}
		if (t[pos] == ' ' || t[pos] == '\t') {
			/* obs-fold: extend the previous value over "\n" too. */
			sigv4_header *h;

			if (r->header_count == 0) {
				snprintf(err, errcap, "continuation line before "
					"any header");
				return -1;
			}
			h = &r->headers[r->header_count - 1];
			h->value.len = (size_t)(t + eol - h->value.ptr);
			pos = eol + 1;
			continue;
		}
		colon = pos;
		while (colon < eol && t[colon] != ':') {
			colon++;
		}
		if (colon == eol) {
			snprintf(err, errcap, "header line without ':'");
			return -1;
		}
		if (r->header_count == cap_headers) {
			cap_headers = cap_headers ? cap_headers * 2 : 8;
			r->headers = su_xrealloc(r->headers,
				cap_headers * sizeof *r->headers);
		}
		r->headers[r->header_count].name = su_view(t + pos, colon - pos);
		r->headers[r->header_count].value = su_view(t + colon + 1,
			eol - colon - 1);
		r->header_count++;
		pos = eol + 1;
	}
	return 0;
}

void
su_request_free(su_request *r)
{
	free(r->text);
	free(r->headers);
	memset(r, 0, sizeof *r);
}

size_t
su_request_take_header(su_request *r, const char *name, sigv4_str *value)
{
	size_t i, j = 0, removed = 0;
	sigv4_str want = su_cstr(name);

	for (i = 0; i < r->header_count; i++) {
		if (su_eq_nocase(r->headers[i].name, want)) {
			if (value != NULL) {
				*value = r->headers[i].value;
			}
			removed++;
		} else {
			r->headers[j++] = r->headers[i];
		}
	}
	r->header_count = j;
	return removed;
}

static int
su_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	return 1;
}

int
su_iso_to_amz_date(char out[16], const char *iso)
{
	size_t n = strlen(iso);

	/* 2015-08-30T12:36:00Z, optionally with .fff before the Z */
	if (n < 20 || !su_digits(iso, 4) || iso[4] != '-'
		|| !su_digits(iso + 5, 2) || iso[7] != '-'
		|| !su_digits(iso + 8, 2) || (iso[10] != 'T' && iso[10] != 't')
		|| !su_digits(iso + 11, 2) || iso[13] != ':'
		|| !su_digits(iso + 14, 2) || iso[16] != ':'
		|| !su_digits(iso + 17, 2)
		|| (iso[n - 1] != 'Z' && iso[n - 1] != 'z'))
	{
		return -1;
	}
	if (n > 20 && (iso[19] != '.' || !su_digits(iso + 20, n - 21))) {
		return -1;
	}
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 2);
	out[8] = 'T';
	memcpy(out + 9, iso + 11, 2);
	memcpy(out + 11, iso + 14, 2);
	memcpy(out + 13, iso + 17, 2);
	out[15] = 'Z';
	return 0;
}

/* ------------------------------------------------------------------ */
/* Signing.                                                            */

void
su_sha256_hex(char out[65], const void *data, size_t len)
{
	sigv4_sha256 h;

	sigv4_sha256_init(&h);
	sigv4_sha256_update(&h, data, len);
	sigv4_sha256_hex(&h, out);
	out[64] = 0;
}

static void
su_extract_signature(su_result *res, int presign)
{
	const char *tag = presign ? "X-Amz-Signature=" : "Signature=";
	size_t tl = strlen(tag), i;

	res->signature[0] = 0;
	if (res->out == NULL) {
		return;
	}
	for (i = 0; i + tl <= res->out_len; i++) {
		if (memcmp(res->out + i, tag, tl) == 0
			&& (i == 0 || res->out[i - 1] == '&'
				|| res->out[i - 1] == ' '))
		{
			size_t s = i + tl, e = s;

			while (e < res->out_len && res->out[e] != '&'
				&& res->out[e] != ',' && e - s < SIGV4A_SIGNATURE_HEX_MAX)
			{
				e++;
			}
			memcpy(res->signature, res->out + s, e - s);
			res->signature[e - s] = 0;
			return;
		}
	}
}

#define SU_API_CHECK(res, label, cond, ...) do { \
		if (!tu_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)) { \
			(res)->api_failures++; \
		} \
		(void)(label); \
	} while (0)

int
su_sign(su_result *res, const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *params, const char *label)
{
	/* The signer of the key's algorithm. */
	int (*const sign)(char *, size_t, size_t *, const sigv4_key *,
		const sigv4_request *, const sigv4_params *, void *, size_t,
		sigv4_capture *) = key->algorithm == SIGV4_ALG_ECDSA_P256
		? sigv4a_sign : sigv4_sign;
	char dummy[1];
	sigv4_capture cap;
	size_t need_out = 0, need_creq = 0, need_sts = 0, scratch_len, got_len;
	void *scratch;
	int rc;

	memset(res, 0, sizeof *res);
	scratch_len = sigv4_scratch_size(req, params);
	/* Exactly the advertised size, so ASan catches any overrun. */
	scratch = su_xmalloc(scratch_len);

	/* 1. Size the output: a zero-capacity buffer must give ERR_SPACE
	 *    and the needed length (validation errors take precedence). */
	rc = sign(dummy, 0, &need_out, key, req, params, scratch,
		scratch_len, NULL);
	if (rc != SIGV4_ERR_SPACE) {
		SU_API_CHECK(res, label, rc != SIGV4_OK,
			"%s: sigv4_sign with out_cap 0 returned SIGV4_OK", label);
		res->rc = rc;
		free(scratch);
		return rc;
	}

	/* 2. Size the capture buffers: non-NULL with capacity 0. */
	memset(&cap, 0, sizeof cap);
	cap.canonical_request = dummy;
	cap.string_to_sign = dummy;
	res->out = su_xmalloc(need_out);
	rc = sign(res->out, need_out, &got_len, key, req, params,
		scratch, scratch_len, &cap);
	SU_API_CHECK(res, label, rc == SIGV4_ERR_SPACE,
		"%s: capture buffers of capacity 0: expected SIGV4_ERR_SPACE, "
		"got %d (%s)", label, rc, sigv4_errname(rc));
	need_creq = cap.canonical_request_len;
	need_sts = cap.string_to_sign_len;
	SU_API_CHECK(res, label, need_creq > 0 && need_sts > 0,
		"%s: capture lengths not reported on SIGV4_ERR_SPACE "
		"(canonical_request_len=%lu string_to_sign_len=%lu)", label,
		(unsigned long)need_creq, (unsigned long)need_sts);
	if (need_creq == 0 || need_sts == 0) {
		/* Fall back to generous buffers to still compare content. */
		need_creq = need_creq ? need_creq : 1 << 16;
		need_sts = need_sts ? need_sts : 1 << 12;
	}

	/* 3. Sign into exactly sized buffers. */
	res->creq = su_xmalloc(need_creq);
	res->sts = su_xmalloc(need_sts);
	memset(&cap, 0, sizeof cap);
	cap.canonical_request = res->creq;
	cap.canonical_request_cap = need_creq;
	cap.string_to_sign = res->sts;
	cap.string_to_sign_cap = need_sts;
	rc = sign(res->out, need_out, &res->out_len, key, req, params,
		scratch, scratch_len, &cap);
	res->rc = rc;
	if (rc == SIGV4_OK) {
		SU_API_CHECK(res, label, res->out_len == need_out,
			"%s: out_len %lu but ERR_SPACE reported %lu needed", label,
			(unsigned long)res->out_len, (unsigned long)need_out);
		SU_API_CHECK(res, label, cap.canonical_request_len <= need_creq
			&& cap.string_to_sign_len <= need_sts,
			"%s: capture lengths grew between calls", label);
		res->creq_len = cap.canonical_request_len;
		res->sts_len = cap.string_to_sign_len;
		su_extract_signature(res, (params->flags & SIGV4_PRESIGN) != 0);
	} else {
		tu_fail(__FILE__, __LINE__, "%s: sigv4_sign with exact buffers "
			"failed: %d %s (%s)", label, rc, sigv4_errname(rc),
			sigv4_strerror(rc));
		res->api_failures++;
		res->out_len = 0;
	}
	sigv4_wipe(scratch, scratch_len);
	free(scratch);
	return rc;
}

void
su_result_free(su_result *res)
{
	free(res->out);
	free(res->creq);
	free(res->sts);
	memset(res, 0, sizeof *res);
}

int
su_take_amz_date(su_request *r, char out[17])
{
	sigv4_str v = { NULL, 0 };

	if (su_request_take_header(r, "x-amz-date", &v) != 1 || v.len != 16) {
		return -1;
	}
	memcpy(out, v.ptr, 16);
	out[16] = 0;
	return 0;
}

void
su_suite_params(sigv4_params *params, const char *akid,
	const char *amz_date, const char *payload_hash)
{
	memset(params, 0, sizeof *params);
	params->access_key_id = su_cstr(akid);
	params->amz_date = su_cstr(amz_date);
	params->payload_hash = su_cstr(payload_hash);
	params->flags = SIGV4_NORMALIZE | SIGV4_DOUBLE_ENCODE
		| SIGV4_NO_CONTENT_SHA256;
}

sigv4_request
su_as_request(const su_request *r)
{
	sigv4_request out;

	out.method = r->method;
	out.path = r->path;
	out.query = r->query;
	out.headers = r->headers;
	out.header_count = r->header_count;
	return out;
}

int
su_derive_and_sign(su_result *res, const su_request *req,
	const sigv4_params *params, const char *secret, sigv4_str region,
	sigv4_str service, const char *label)
{
	sigv4_request r = su_as_request(req);
	sigv4_key key;
	int rc;

	memset(res, 0, sizeof *res);
	if (params->amz_date.len < 8) {
		tu_fail(__FILE__, __LINE__, "%s: no amz_date", label);
		return res->rc = SIGV4_ERR_DATE;
	}
	/* A region set means SigV4a, whose key does not depend on region. */
	rc = params->region_set.len > 0
		? sigv4a_key_derive(&key, params->access_key_id, secret,
			strlen(secret), params->amz_date.ptr, service)
		: sigv4_key_derive(&key, secret, strlen(secret),
			params->amz_date.ptr, region, service);
	if (rc != SIGV4_OK) {
		tu_fail(__FILE__, __LINE__, "%s: sigv4_key_derive: %s", label,
			sigv4_errname(rc));
		return res->rc = rc;
	}
	rc = su_sign(res, &key, &r, params, label);
	sigv4_wipe(&key, sizeof key);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Query sets.                                                         */

static int
su_hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

char *
su_pct_decode(const char *p, size_t n, size_t *out_len)
{
	char *o = su_xmalloc(n + 1);
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		int hi, lo;

		if (p[i] == '%' && i + 2 < n
			&& (hi = su_hexval(p[i + 1])) >= 0
			&& (lo = su_hexval(p[i + 2])) >= 0)
		{
			o[k++] = (char)((hi << 4) | lo);
			i += 2;
		} else {
			o[k++] = p[i];
		}
	}
	o[k] = 0;
	*out_len = k;
	return o;
}

void
su_qset_parse(su_qset *set, const char *q, size_t len)
{
	size_t pos = 0;

	set->items = NULL;
	set->count = 0;
	while (pos < len) {
		size_t end = pos, eq;

		while (end < len && q[end] != '&') {
			end++;
		}
		if (end > pos) {
			su_qparam *p;

			eq = pos;
			while (eq < end && q[eq] != '=') {
				eq++;
			}
			set->items = su_xrealloc(set->items,
				(set->count + 1) * sizeof *set->items);
			p = &set->items[set->count++];
			p->key = su_pct_decode(q + pos, eq - pos, &p->key_len);
			if (eq < end) {
				p->value = su_pct_decode(q + eq + 1, end - eq - 1,
					&p->value_len);
			} else {
				p->value = su_pct_decode("", 0, &p->value_len);
			}
			p->used = 0;
		}
		pos = end + 1;
	}
}

void
su_qset_free(su_qset *set)
{
	size_t i;

	for (i = 0; i < set->count; i++) {
		free(set->items[i].key);
		free(set->items[i].value);
	}
	free(set->items);
	set->items = NULL;
	set->count = 0;
}

const su_qparam *
su_qset_get(const su_qset *set, const char *key)
{
	size_t i, n = strlen(key);

	for (i = 0; i < set->count; i++) {
		if (set->items[i].key_len == n
			&& memcmp(set->items[i].key, key, n) == 0)
		{
			return &set->items[i];
		}
	}
	return NULL;
}

static void
su_describe_param(char *msg, size_t cap, const char *what,
	const su_qparam *p)
{
	char k[200], v[200];
	size_t kn = p->key_len < sizeof k - 1 ? p->key_len : sizeof k - 1;
	size_t vn = p->value_len < sizeof v - 1 ? p->value_len : sizeof v - 1;

	memcpy(k, p->key, kn);
	k[kn] = 0;
	memcpy(v, p->value, vn);
	v[vn] = 0;
	snprintf(msg, cap, "%s: \"%s\" = \"%s\"", what, k, v);
}

int
su_qset_match(const su_qset *expected, const su_qset *got, char *msg,
	size_t cap)
{
	size_t i, j;

	for (j = 0; j < got->count; j++) {
		got->items[j].used = 0;
	}
	for (i = 0; i < expected->count; i++) {
		const su_qparam *e = &expected->items[i];
		int found = 0;

		for (j = 0; j < got->count; j++) {
			su_qparam *g = &got->items[j];

			if (!g->used
				&& su_eq_nocase(su_view(e->key, e->key_len),
					su_view(g->key, g->key_len))
				&& su_eq_nocase(su_view(e->value, e->value_len),
					su_view(g->value, g->value_len)))
			{
				g->used = 1;
				found = 1;
				break;
			}
		}
		if (!found) {
			su_describe_param(msg, cap,
				"expected parameter missing from our output", e);
			return 0;
		}
	}
	for (j = 0; j < got->count; j++) {
		if (!got->items[j].used) {
			su_describe_param(msg, cap,
				"our output has an unexpected parameter",
				&got->items[j]);
			return 0;
		}
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* Header multisets.                                                   */

static void
su_describe_header(char *msg, size_t cap, const char *what,
	const sigv4_header *h)
{
	char buf[600];
	size_t pos = 0, i;

	for (i = 0; i < h->name.len && pos < 200; i++) {
		buf[pos++] = h->name.ptr[i];
	}
	buf[pos++] = ':';
	for (i = 0; i < h->value.len && pos < sizeof buf - 8; i++) {
		char c = h->value.ptr[i];
		if (c == '\n') {
			buf[pos++] = '\\';
			buf[pos++] = 'n';
		} else {
			buf[pos++] = c;
		}
	}
	buf[pos] = 0;
	snprintf(msg, cap, "%s: \"%s\"", what, buf);
}

int
su_headers_match(const sigv4_header *expected, size_t ne,
	const sigv4_header *got, size_t ng, char *msg, size_t cap)
{
	unsigned char *used = su_xmalloc(ng);
	size_t i, j;
	int ok = 1;

	memset(used, 0, ng);
	for (i = 0; i < ne && ok; i++) {
		int found = 0;

		for (j = 0; j < ng; j++) {
			if (!used[j]
				&& su_eq_nocase(expected[i].name, got[j].name)
				&& su_eq(expected[i].value, got[j].value))
			{
				used[j] = 1;
				found = 1;
				break;
			}
		}
		if (!found) {
			su_describe_header(msg, cap,
				"expected header missing from what we send",
				&expected[i]);
			ok = 0;
		}
	}
	for (j = 0; j < ng && ok; j++) {
		if (!used[j]) {
			su_describe_header(msg, cap,
				"we send an unexpected header", &got[j]);
			ok = 0;
		}
	}
	free(used);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Directories.                                                        */

static int
su_cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char **
su_list_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	*count = 0;
	if (d == NULL) {
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
			continue;
		}
		names = su_xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = tu_strndup(e->d_name, strlen(e->d_name));
	}
	closedir(d);
	if (n > 1) {
		qsort(names, n, sizeof *names, su_cmp_names);
	}
	*count = n;
	return names != NULL ? names : su_xmalloc(sizeof *names);
}

void
su_free_list(char **names, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(names[i]);
	}
	free(names);
}

/* ------------------------------------------------------------------ */
/* JSON.                                                               */

cJSON *
su_json_parse(const char *text, size_t len, char *err, size_t errcap)
{
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithLengthOpts(text, len, &end, 0);

	if (doc == NULL) {
		snprintf(err, errcap, "JSON syntax error at byte %lu",
			(unsigned long)(end != NULL && end >= text ? end - text
			: 0));
		return NULL;
	}
	while (end < text + len && (*end == ' ' || *end == '\t'
		|| *end == '\n' || *end == '\r'))
	{
		end++;
	}
	if (end != text + len) {
		snprintf(err, errcap, "trailing bytes after the JSON value at "
			"byte %lu", (unsigned long)(end - text));
		cJSON_Delete(doc);
		return NULL;
	}
	return doc;
}

cJSON *
su_json_load(const char *arg)
{
	char err[128], *path = su_vector_path(arg), *text;
	size_t len;
	cJSON *json;

	text = tu_read_file(path, &len);
	json = text ? su_json_parse(text, len, err, sizeof err) : NULL;
	if (json == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(1);
	}
	free(text);
	free(path);
	return json;
}

const cJSON *
su_json_get(const cJSON *v, const char *key)
{
	return cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, key)
		: NULL;
}

const cJSON *
su_json_path(const cJSON *v, ...)
{
	va_list ap;
	const char *key;

	va_start(ap, v);
	while (v != NULL && (key = va_arg(ap, const char *)) != NULL) {
		v = su_json_get(v, key);
	}
	va_end(ap);
	return v;
}

const cJSON *
su_json_at(const cJSON *v, size_t i)
{
	return i < su_json_count(v) ? cJSON_GetArrayItem(v, (int)i) : NULL;
}

size_t
su_json_count(const cJSON *v)
{
	return cJSON_IsArray(v) ? (size_t)cJSON_GetArraySize(v) : 0;
}

const char *
su_json_str(const cJSON *v)
{
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

sigv4_str
su_json_view(const cJSON *v)
{
	sigv4_str s = { NULL, 0 };

	s.ptr = su_json_str(v);
	s.len = s.ptr != NULL ? strlen(s.ptr) : 0;
	return s;
}

int
su_json_bool(const cJSON *v, int dflt)
{
	return cJSON_IsBool(v) ? cJSON_IsTrue(v) != 0 : dflt;
}

double
su_json_num(const cJSON *v, double dflt)
{
	return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}
