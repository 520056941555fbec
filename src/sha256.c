/*
 * sha256.c: the public incremental SHA-256, a thin skin over BearSSL's.
 */
#include "inner.h"

/* BearSSL's SHA-224/256 compression function, declared in BearSSL's
 * src/inner.h (which ours shadows); the pinned 0.6 has it as here. */
void br_sha2small_round(const unsigned char *buf, uint32_t *val);

/* The opaque public type must be able to hold BearSSL's context. */
typedef char sigv4_sha256_fits[
	sizeof(br_sha256_context) <= sizeof(sigv4_sha256) ? 1 : -1];

/* see sigv4.h */
void
sigv4_sha256_init(sigv4_sha256 *h)
{
	br_sha256_init((br_sha256_context *)(void *)h);
}

#if defined(__GNUC__) || defined(__clang__)
#define SIGV4_FLATTEN __attribute__((flatten))
#else
#define SIGV4_FLATTEN
#endif

/* BearSSL's round inlined into this loop (flatten): in the wasm, 310
 * against 270 MB/s with a call per block, for 1.1 KB more code (a second
 * copy of the round; BearSSL's own stays for partial blocks and the last). */
static SIGV4_FLATTEN void
rounds(uint32_t val[8], const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i += 64) {
		br_sha2small_round(p + i, val);
	}
}

/*
 * br_sha256_update copies every block into the context before its round
 * runs; in the wasm that 64-byte copy costs about a fifth of the hash's
 * speed. So whole blocks go straight from the input to BearSSL's round,
 * and only a partial block at either end goes through the context's
 * buffer. The context stays a BearSSL context: br_sha256_out and
 * br_sha256_state work on it as ever.
 */
void
sigv4_br_sha256_update(br_sha256_context *cc, const void *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t ptr = (size_t)cc->count & 63;

	if (ptr != 0) {
		size_t fill = len < 64 - ptr ? len : 64 - ptr;

		br_sha256_update(cc, p, fill);
		p += fill;
		len -= fill;
	}
	if (len >= 64) {
		size_t whole = len & ~(size_t)63;

		rounds(cc->val, p, whole);
		cc->count += whole;
		p += whole;
		len -= whole;
	}
	if (len > 0) {
		br_sha256_update(cc, p, len);
	}
}

/* see sigv4.h */
void
sigv4_sha256_update(sigv4_sha256 *h, const void *data, size_t len)
{
	if (len > 0) {
		sigv4_br_sha256_update((br_sha256_context *)(void *)h, data, len);
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
