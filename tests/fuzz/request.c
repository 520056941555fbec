/*
 * request.c: decode a fuzz input into a signing call (layout in request.h).
 */
#include <string.h>

#include "request.h"

static void
key_date(fz_request *r, sigv4_str amz_date)
{
	if (r->options & FZ_OPT_OTHER_DAY) {
		memcpy(r->scope.date, "20150831", 8);
	} else if (amz_date.len >= 8 && model_date_ok(amz_date.ptr)) {
		memcpy(r->scope.date, amz_date.ptr, 8);
	} else {
		memcpy(r->scope.date, "20150830", 8);
	}
}

void
fz_request_decode(fz_request *r, const uint8_t *data, size_t size)
{
	fz_reader rd;
	sigv4_str f[FZ_F_HEADERS], payload;
	size_t i;

	memset(r, 0, sizeof *r);
	fz_pool_init(&r->pool);
	fz_reader_init(&rd, data, size);
	r->params.flags = fz_u16(&rd);
	r->params.expires = fz_u32(&rd);
	r->options = fz_u8(&rd);
	r->misalign = (r->options >> 2) & 7;
	r->out_slack = fz_u8(&rd);
	for (i = 0; i < FZ_F_HEADERS; i++) {
		f[i] = fz_dup(&r->pool, fz_field(&rd));
	}

	r->req.headers = fz_headers(&r->pool, &rd, &r->req.header_count);

	r->req.method = f[FZ_F_METHOD];
	r->req.path = f[FZ_F_PATH];
	r->req.query = f[FZ_F_QUERY];
	payload = f[FZ_F_PAYLOAD];
	if (r->options & FZ_OPT_RAW_HASH) {
		r->params.payload_hash = payload;
	} else {
		model_sha256_hex(r->payload_hex, payload.ptr, payload.len);
		r->params.payload_hash.ptr = r->payload_hex;
		r->params.payload_hash.len = 64;
	}
	r->secret = f[FZ_F_SECRET];
	r->params.access_key_id = f[FZ_F_AKID];
	r->params.session_token = f[FZ_F_TOKEN];
	r->params.amz_date = f[FZ_F_DATE];
	r->scope.region = f[FZ_F_REGION];
	r->scope.service = f[FZ_F_SERVICE];
	r->params.signed_headers = fz_split(&r->pool, f[FZ_F_SIGNED], ',',
		&r->params.signed_header_count);
	r->params.unsigned_headers = fz_split(&r->pool, f[FZ_F_UNSIGNED], ',',
		&r->params.unsigned_header_count);
	key_date(r, r->params.amz_date);
}

void
fz_request_free(fz_request *r)
{
	fz_pool_free(&r->pool);
}
