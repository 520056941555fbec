/*
 * sha256.c: the public incremental SHA-256, a thin skin over BearSSL's.
 */
#include "inner.h"

/* The opaque public type must be able to hold BearSSL's context. */
typedef char sigv4_sha256_fits[
	sizeof(br_sha256_context) <= sizeof(sigv4_sha256) ? 1 : -1];

/* see sigv4.h */
void
sigv4_sha256_init(sigv4_sha256 *h)
{
	br_sha256_init((br_sha256_context *)(void *)h);
}

/* see sigv4.h */
void
sigv4_sha256_update(sigv4_sha256 *h, const void *data, size_t len)
{
	if (len > 0) {
		br_sha256_update((br_sha256_context *)(void *)h, data, len);
	}
}

/* see sigv4.h */
void
sigv4_sha256_hex(const sigv4_sha256 *h, char out[64])
{
	uint8_t digest[32];

	/* br_sha256_out leaves the context as it was. */
	br_sha256_out((const br_sha256_context *)(const void *)h, digest);
	sigv4_hex(out, digest, 32);
}

/* see sigv4.h */
void
sigv4_sha256_out(const sigv4_sha256 *h, uint8_t out[32])
{
	br_sha256_out((const br_sha256_context *)(const void *)h, out);
}
