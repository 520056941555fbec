/*
 * request.h: a whole signing call decoded from a fuzz input (the sign and
 * presign targets share it; seedgen writes it).
 *
 * Layout of an input:
 *
 *   offset 0  u16  params.flags (little endian, every bit passed through)
 *          2  u32  params.expires
 *          6  u8   options: FZ_OPT_* below; bits 2..4: scratch misalignment
 *          7  u8   extra bytes of output buffer past the needed length
 *   then fields separated by 0xFF (missing fields are empty):
 *     method, path, query, payload, secret, access key id, session token,
 *     amz date, region, service, signed header names (','-separated),
 *     unsigned header names (','-separated),
 *     then header name, header value, header name, header value, ...
 *
 * Every field is copied to its own exact-size heap block (an empty one
 * becomes {NULL, 0}, which the API allows).
 */
#ifndef SIGV4_FUZZ_REQUEST_H
#define SIGV4_FUZZ_REQUEST_H

#include "fuzz_util.h"
#include "model.h"

#define FZ_FIXED_LEN 8

/* The payload field is the payload hash line itself (else it is the body
 * and its SHA-256 is the hash). */
#define FZ_OPT_RAW_HASH  0x01u
/* The key is derived for 20150831 instead of the amz date's day. */
#define FZ_OPT_OTHER_DAY 0x02u

/* Field order after the fixed bytes. */
enum {
	FZ_F_METHOD, FZ_F_PATH, FZ_F_QUERY, FZ_F_PAYLOAD, FZ_F_SECRET,
	FZ_F_AKID, FZ_F_TOKEN, FZ_F_DATE, FZ_F_REGION, FZ_F_SERVICE,
	FZ_F_SIGNED, FZ_F_UNSIGNED, FZ_F_HEADERS
};

typedef struct {
	fz_pool pool;
	unsigned options;
	unsigned misalign;        /* 0..7 */
	size_t out_slack;
	sigv4_str secret;
	model_scope_parts scope;  /* key date, region, service */
	sigv4_request req;
	sigv4_params params;
	char payload_hex[64];
} fz_request;

void fz_request_decode(fz_request *r, const uint8_t *data, size_t size);
void fz_request_free(fz_request *r);

#endif
