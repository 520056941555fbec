/*
 * check.c: the first stage. Every input is checked before anything is
 * written, so that a bad one is an error code, never a wrong signature.
 */
#include <string.h>

#include "inner.h"

static const char *const payload_markers[] = {
	"UNSIGNED-PAYLOAD",
	"STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
	"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
	"STREAMING-UNSIGNED-PAYLOAD-TRAILER",
	"STREAMING-AWS4-HMAC-SHA256-EVENTS",
	"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
	"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER",
};

/* see inner.h */
int
sigv4_printable(sigv4_str s, const char *banned)
{
	const unsigned char *p = (const unsigned char *)s.ptr;
	size_t i = 0;

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
	/* A loop, not strchr: keeps libc's strchr out of the wasm. */
	for (; *banned != '\0'; banned++) {
		for (i = 0; i < s.len; i++) {
			if (p[i] == (unsigned char)*banned) {
				return 0;
			}
		}
	}
	return 1;
}

/* see inner.h */
int
sigv4_payload_hash_ok(sigv4_str h)
{
	size_t i;

	if (h.len == SIGV4_SHA256_HEX_LEN) {
		return sigv4_hex_digest_ok(h.ptr);
	}
	for (i = 0; i < sizeof payload_markers / sizeof payload_markers[0]; i++) {
		size_t n = strlen(payload_markers[i]);

		if (h.len == n && sigv4_same(h.ptr, payload_markers[i], n)) {
			return 2;
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
views_ok(const sigv4_request *req, const sigv4_params *p)
{
	return valid_view(req->method) && valid_view(req->path)
		&& valid_view(req->query) && valid_view(p->access_key_id)
		&& valid_view(p->session_token) && valid_view(p->payload_hash)
		&& (p->signed_header_count == 0 || p->signed_headers != NULL)
		&& (p->unsigned_header_count == 0 || p->unsigned_headers != NULL)
		&& valid_view(p->region_set);
}

/* see inner.h */
int
sigv4_region_set_ok(sigv4_str set)
{
	size_t i, start = 0;

	if (set.len == 0 || set.ptr == NULL) {
		return 0;
	}
	for (i = 0; i <= set.len; i++) {
		if (i == set.len || set.ptr[i] == ',') {
			sigv4_str part;

			part.ptr = set.ptr + start;
			part.len = i - start;
			if (sigv4_region_check(part) != SIGV4_OK) {
				return 0;
			}
			start = i + 1;
		}
	}
	return 1;
}

/* see inner.h */
int
sigv4_check(const sigv4_state *st)
{
	const sigv4_request *req = st->req;
	const sigv4_params *p = st->p;
	int err;

	if (!views_ok(req, p)) {
		return SIGV4_ERR_PARAM;
	}
	if ((err = sigv4_amz_date_check(p->amz_date)) != SIGV4_OK) {
		return err;
	}
	if (!sigv4_same(p->amz_date.ptr, st->key->date, 8)) {
		return SIGV4_ERR_KEY_SCOPE;
	}
	if (st->key->algorithm == SIGV4_ALG_ECDSA_P256) {
		if (!sigv4_region_set_ok(p->region_set)) {
			return SIGV4_ERR_REGION_SET;
		}
	} else if (p->region_set.len > 0) {
		return SIGV4_ERR_PARAM;  /* SigV4 signs for one region */
	}
	if (p->access_key_id.len == 0 || !sigv4_printable(p->access_key_id, "/,")) {
		return SIGV4_ERR_ACCESS_KEY;
	}
	if (!sigv4_printable(p->session_token, "")) {
		return SIGV4_ERR_TOKEN;
	}
	if (!sigv4_payload_hash_ok(p->payload_hash)) {
		return SIGV4_ERR_PAYLOAD_HASH;
	}
	if (st->kind == SIGV4_KIND_QUERY
		&& (p->expires < 1 || p->expires > SIGV4_EXPIRES_MAX))
	{
		return SIGV4_ERR_EXPIRES;
	}
	if (!sigv4_is_token(req->method)) {
		return SIGV4_ERR_METHOD;
	}
	if ((req->path.len > 0 && req->path.ptr[0] != '/')
		|| sigv4_has_bytes(req->path, "\0\r\n", 3))
	{
		return SIGV4_ERR_PATH;
	}
	if (sigv4_has_bytes(req->query, "\0\r\n#", 4)) {
		return SIGV4_ERR_QUERY;
	}
	return sigv4_headers_check(req, st->token_header.ptr);
}
