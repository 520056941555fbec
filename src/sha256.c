/*
 * sha256.c: SHA-256 for the whole library: BearSSL's context and its
 * compression function (br_sha2small_round), with the buffering and the
 * final padding done here so that every block goes through one inlined
 * copy of that round (why: docs/PERFORMANCE.md, "SHA-256 in the wasm").
 */
#include <string.h>

#include "inner.h"

/* BearSSL's SHA-224/256 compression function, initial value and
 * big-endian encoder, declared in BearSSL's src/inner.h (which ours
 * shadows); the pinned 0.6 has them as here. */
void br_sha2small_round(const unsigned char *buf, uint32_t *val);
extern const uint32_t br_sha256_IV[];
void br_range_enc32be(void *dst, const uint32_t *v, size_t num);

/* The opaque public type must be able to hold BearSSL's context. */
typedef char sigv4_sha256_fits[
	sizeof(br_sha256_context) <= sizeof(sigv4_sha256) ? 1 : -1];

/*
 * br_sha256_init without its vtable pointer. Nothing here hashes through
 * the vtable, and referring to it would link BearSSL's generic update and
 * out, and with them a second, out-of-line copy of the round that nothing
 * calls. The direct calls (br_sha256_update, br_sha256_out,
 * br_sha256_state) work on the context all the same.
 */
void
sigv4_br_sha256_init(br_sha256_context *cc)
{
	cc->vtable = NULL;
	memcpy(cc->val, br_sha256_IV, sizeof cc->val);
	cc->count = 0;
}

/* see sigv4.h */
void
sigv4_sha256_init(sigv4_sha256 *h)
{
	sigv4_br_sha256_init((br_sha256_context *)(void *)h);
}

#if defined(__GNUC__) || defined(__clang__)
#define SIGV4_FLATTEN __attribute__((flatten))
#else
#define SIGV4_FLATTEN
#endif

/* BearSSL's round inlined into this loop (flatten), so the chaining words
 * stay in locals from block to block instead of a call per block. Every
 * block of the library goes through here: the module's only copy. */
static SIGV4_FLATTEN void
rounds(uint32_t val[8], const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i += 64) {
		br_sha2small_round(p + i, val);
	}
}

/*
 * BearSSL's update and out, over the same context, with every block
 * going through rounds(): br_sha256_update copies each block into the
 * context before its round, and its round is the out-of-line copy. Here
 * whole blocks are hashed in place; only a partial block waits in the
 * context's buffer, as BearSSL keeps it, so br_sha256_out and
 * br_sha256_state still work.
 */
void
sigv4_br_sha256_update(br_sha256_context *cc, const void *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t ptr = (size_t)cc->count & 63;

	cc->count += len;
	if (ptr != 0) {
		size_t fill = len < 64 - ptr ? len : 64 - ptr;

		memcpy(cc->buf + ptr, p, fill);
		p += fill;
		len -= fill;
		if (ptr + fill < 64) {
			return;
		}
		rounds(cc->val, cc->buf, 64);
	}
	if (len >= 64) {
		size_t whole = len & ~(size_t)63;

		rounds(cc->val, p, whole);
		p += whole;
		len -= whole;
	}
	memcpy(cc->buf, p, len);
}

/* The padding of FIPS 180-4 5.1.1, then the state as big-endian bytes;
 * the context is left as it was. */
void
sigv4_br_sha256_out(const br_sha256_context *cc, uint8_t out[32])
{
	unsigned char block[128];
	uint32_t val[8];
	uint64_t bits = cc->count << 3;
	size_t ptr = (size_t)cc->count & 63;
	size_t n = ptr < 56 ? 64 : 128;
	size_t i;

	memcpy(block, cc->buf, ptr);
	block[ptr] = 0x80;
	memset(block + ptr + 1, 0, n - 8 - (ptr + 1));
	for (i = 0; i < 8; i++) {
		block[n - 1 - i] = (unsigned char)(bits >> (8 * i));
	}
	memcpy(val, cc->val, sizeof val);
	rounds(val, block, n);
	br_range_enc32be(out, val, 8);
	/* The last block may be key-derived (HMAC), the state always is. */
	sigv4_wipe(block, sizeof block);
	sigv4_wipe(val, sizeof val);
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

	sigv4_br_sha256_out((const br_sha256_context *)(const void *)h, digest);
	sigv4_hex(out, digest, 32);
}

/* see sigv4.h */
void
sigv4_sha256_out(const sigv4_sha256 *h, uint8_t out[32])
{
	sigv4_br_sha256_out((const br_sha256_context *)(const void *)h, out);
}
