/*
 * checksum.c: the checksums of S3's x-amz-checksum-* headers and trailers
 * (SIGV4_CHECKSUMS in sigv4.h), and base64.
 *
 * The CRCs are slice-by-16 (sixteen bytes per step through sixteen
 * tables): wasm has no CRC instruction, and this was the fastest there
 * (docs/PERFORMANCE.md, "Checksums"). Their tables are computed at first
 * use into static storage rather than stored: 64 KiB of constants would
 * triple the module. SHA-1 is BearSSL's, SHA-256 sha256.c's.
 */
#include <string.h>

#include "inner.h"

/* BearSSL's SHA-1 initial value, declared in its src/inner.h (which ours
 * shadows); the pinned 0.6 has it as here. */
extern const uint32_t br_sha1_IV[];

#define CRC32_POLY UINT32_C(0xEDB88320)
#define CRC32C_POLY UINT32_C(0x82F63B78)
#define CRC64NVME_POLY UINT64_C(0x9A6C9329AC4BC9B5)

/* Marks a context that sigv4_checksum_init() started ("CKS1"). */
#define STARTED UINT32_C(0x434b5331)

typedef struct {
	uint32_t algorithm;
	uint32_t started;
	union {
		uint64_t crc;                /* CRC32s in the low 32 bits */
		br_sha1_context sha1;        /* vtable left NULL, as in sha256.c */
		sigv4_sha256 sha256;
	} u;
} context;

typedef char sigv4_checksum_fits[
	sizeof(context) <= sizeof(sigv4_checksum) ? 1 : -1];
#define SIGV4_CHECKSUM_SIZE_OK_(name, id, wire, bytes) \
	typedef char sigv4_checksum_max_##name[bytes <= SIGV4_CHECKSUM_MAX ? 1 : -1];
SIGV4_CHECKSUMS(SIGV4_CHECKSUM_SIZE_OK_)
#undef SIGV4_CHECKSUM_SIZE_OK_

static const struct {
	const char *name;
	uint8_t bytes;
} algorithms[] = {
#define SIGV4_CHECKSUM_ROW_(name, id, wire, bytes) { wire, bytes },
	SIGV4_CHECKSUMS(SIGV4_CHECKSUM_ROW_)
#undef SIGV4_CHECKSUM_ROW_
};

/* ------------------------------------------------------------------ */
/* Tables: t[0] is the byte-at-a-time table; t[k][i] is the CRC of byte i
 * followed by k zero bytes, so that SLICES bytes fold in one step, each
 * through the table of its distance from the step's end. */

#define SLICES 16

static uint32_t crc32_tables[2][SLICES][256];   /* CRC32, CRC32C */
static uint64_t crc64_table[SLICES][256];
static unsigned char filled[3];                  /* by algorithm id */
typedef char sigv4_crc_ids[SIGV4_CHECKSUM_CRC32 == 0
	&& SIGV4_CHECKSUM_CRC32C == 1 && SIGV4_CHECKSUM_CRC64NVME == 2 ? 1 : -1];

/* The reflected CRC of one byte: eight shifts, xoring poly on a 1. */
static uint64_t
crc_byte(uint64_t poly, unsigned i)
{
	uint64_t c = i;
	int k;

	for (k = 0; k < 8; k++) {
		c = (c >> 1) ^ (poly & (0 - (c & 1)));
	}
	return c;
}

static void
fill32(uint32_t t[SLICES][256], uint32_t poly)
{
	unsigned i, k;

	for (i = 0; i < 256; i++) {
		t[0][i] = (uint32_t)crc_byte(poly, i);
	}
	for (k = 1; k < SLICES; k++) {
		for (i = 0; i < 256; i++) {
			t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
		}
	}
}

static void
fill64(uint64_t t[SLICES][256], uint64_t poly)
{
	unsigned i, k;

	for (i = 0; i < 256; i++) {
		t[0][i] = crc_byte(poly, i);
	}
	for (k = 1; k < SLICES; k++) {
		for (i = 0; i < 256; i++) {
			t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
		}
	}
}

/* The tables of one CRC, the first time it is used. */
static void
fill(int algorithm)
{
	if (filled[algorithm]) {
		return;
	}
	if (algorithm == SIGV4_CHECKSUM_CRC64NVME) {
		fill64(crc64_table, CRC64NVME_POLY);
	} else {
		fill32(crc32_tables[algorithm], algorithm == SIGV4_CHECKSUM_CRC32
			? CRC32_POLY : CRC32C_POLY);
	}
	filled[algorithm] = 1;
}

/* see sigv4.h */
void
sigv4_checksum_setup(void)
{
	fill(SIGV4_CHECKSUM_CRC32);
	fill(SIGV4_CHECKSUM_CRC32C);
	fill(SIGV4_CHECKSUM_CRC64NVME);
}

/* Little-endian loads from bytes (one load on little-endian targets). */
static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
		| (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p + 4) << 32 | le32(p);
}

/* Byte n (0 = lowest) of x, through the table for distance d. */
#define AT(t, d, x, n) t[d][((x) >> (8 * (n))) & 0xff]

static uint32_t
crc32_update(const uint32_t t[SLICES][256], uint32_t crc,
	const unsigned char *p, size_t len)
{
	for (; len >= 16; p += 16, len -= 16) {
		uint32_t a = crc ^ le32(p), b = le32(p + 4), c = le32(p + 8),
			d = le32(p + 12);

		crc = AT(t, 15, a, 0) ^ AT(t, 14, a, 1) ^ AT(t, 13, a, 2)
			^ AT(t, 12, a, 3) ^ AT(t, 11, b, 0) ^ AT(t, 10, b, 1)
			^ AT(t, 9, b, 2) ^ AT(t, 8, b, 3) ^ AT(t, 7, c, 0)
			^ AT(t, 6, c, 1) ^ AT(t, 5, c, 2) ^ AT(t, 4, c, 3)
			^ AT(t, 3, d, 0) ^ AT(t, 2, d, 1) ^ AT(t, 1, d, 2)
			^ AT(t, 0, d, 3);
	}
	for (; len > 0; p++, len--) {
		crc = (crc >> 8) ^ t[0][(crc ^ *p) & 0xff];
	}
	return crc;
}

static uint64_t
crc64_update(const uint64_t t[SLICES][256], uint64_t crc,
	const unsigned char *p, size_t len)
{
	for (; len >= 16; p += 16, len -= 16) {
		uint64_t a = crc ^ le64(p), b = le64(p + 8);

		crc = AT(t, 15, a, 0) ^ AT(t, 14, a, 1) ^ AT(t, 13, a, 2)
			^ AT(t, 12, a, 3) ^ AT(t, 11, a, 4) ^ AT(t, 10, a, 5)
			^ AT(t, 9, a, 6) ^ AT(t, 8, a, 7) ^ AT(t, 7, b, 0)
			^ AT(t, 6, b, 1) ^ AT(t, 5, b, 2) ^ AT(t, 4, b, 3)
			^ AT(t, 3, b, 4) ^ AT(t, 2, b, 5) ^ AT(t, 1, b, 6)
			^ AT(t, 0, b, 7);
	}
	for (; len > 0; p++, len--) {
		crc = (crc >> 8) ^ t[0][(crc ^ *p) & 0xff];
	}
	return crc;
}

/* ------------------------------------------------------------------ */

/* see sigv4.h */
int
sigv4_checksum_algorithm(sigv4_str name)
{
	int id;

	for (id = 0; id < SIGV4_CHECKSUM_END_; id++) {
		if (sigv4_eq_lower(name, algorithms[id].name)) {
			return id;
		}
	}
	return SIGV4_ERR_CHECKSUM;
}

/* see sigv4.h */
const char *
sigv4_checksum_name(int algorithm)
{
	return algorithm >= 0 && algorithm < SIGV4_CHECKSUM_END_
		? algorithms[algorithm].name : NULL;
}

/* see sigv4.h */
size_t
sigv4_checksum_size(int algorithm)
{
	return algorithm >= 0 && algorithm < SIGV4_CHECKSUM_END_
		? algorithms[algorithm].bytes : 0;
}

/* see sigv4.h */
int
sigv4_checksum_init(sigv4_checksum *c, int algorithm)
{
	context *x = (context *)(void *)c;

	if (c == NULL) {
		return SIGV4_ERR_PARAM;
	}
	memset(c, 0, sizeof *c);
	switch (algorithm) {
	case SIGV4_CHECKSUM_CRC32:
	case SIGV4_CHECKSUM_CRC32C:
	case SIGV4_CHECKSUM_CRC64NVME:
		fill(algorithm);
		x->u.crc = ~(uint64_t)0;
		break;
	case SIGV4_CHECKSUM_SHA1:
		/* br_sha1_init without its vtable pointer (see sha256.c) */
		memcpy(x->u.sha1.val, br_sha1_IV, sizeof x->u.sha1.val);
		break;
	case SIGV4_CHECKSUM_SHA256:
		sigv4_sha256_init(&x->u.sha256);
		break;
	default:
		return SIGV4_ERR_CHECKSUM;
	}
	x->algorithm = (uint32_t)algorithm;
	x->started = STARTED;
	return SIGV4_OK;
}

/* see sigv4.h */
void
sigv4_checksum_update(sigv4_checksum *c, const void *data, size_t len)
{
	context *x = (context *)(void *)c;
	const unsigned char *p = (const unsigned char *)data;

	if (c == NULL || x->started != STARTED || len == 0) {
		return;
	}
	switch (x->algorithm) {
	case SIGV4_CHECKSUM_CRC32:
	case SIGV4_CHECKSUM_CRC32C:
		x->u.crc = crc32_update(crc32_tables[x->algorithm],
			(uint32_t)x->u.crc, p, len);
		break;
	case SIGV4_CHECKSUM_CRC64NVME:
		x->u.crc = crc64_update(crc64_table, x->u.crc, p, len);
		break;
	case SIGV4_CHECKSUM_SHA1:
		br_sha1_update(&x->u.sha1, p, len);
		break;
	case SIGV4_CHECKSUM_SHA256:
		sigv4_sha256_update(&x->u.sha256, p, len);
		break;
	default:
		break;
	}
}

/* see sigv4.h */
int
sigv4_checksum_out(const sigv4_checksum *c, uint8_t *out, size_t *len)
{
	const context *x = (const context *)(const void *)c;
	size_t n, i;
	uint64_t crc;

	if (len != NULL) {
		*len = 0;
	}
	if (c == NULL || out == NULL || x->started != STARTED
		|| (n = sigv4_checksum_size((int)x->algorithm)) == 0)
	{
		return SIGV4_ERR_CHECKSUM;
	}
	switch (x->algorithm) {
	case SIGV4_CHECKSUM_SHA1:
		br_sha1_out(&x->u.sha1, out);
		break;
	case SIGV4_CHECKSUM_SHA256:
		sigv4_sha256_out(&x->u.sha256, out);
		break;
	default:
		/* A CRC: its final xor, big-endian in n bytes. */
		crc = ~x->u.crc;
		for (i = 0; i < n; i++) {
			out[i] = (uint8_t)(crc >> (8 * (n - 1 - i)));
		}
		break;
	}
	if (len != NULL) {
		*len = n;
	}
	return SIGV4_OK;
}

/* see sigv4.h */
int
sigv4_checksum_base64(const sigv4_checksum *c,
	char out[SIGV4_CHECKSUM_BASE64_MAX], size_t *len)
{
	uint8_t digest[SIGV4_CHECKSUM_MAX];
	size_t n = 0;
	int err;

	if (len != NULL) {
		*len = 0;
	}
	if (out == NULL) {
		return SIGV4_ERR_PARAM;
	}
	err = sigv4_checksum_out(c, digest, &n);
	if (err == SIGV4_OK) {
		n = sigv4_base64(out, digest, n);
		if (len != NULL) {
			*len = n;
		}
	}
	return err;
}

/* see sigv4.h */
size_t
sigv4_base64(char *out, const void *in, size_t len)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)in;
	size_t i, o = 0;

	for (i = 0; i + 3 <= len; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];

		out[o++] = alphabet[v >> 18];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = alphabet[(v >> 6) & 63];
		out[o++] = alphabet[v & 63];
	}
	if (i < len) {
		uint32_t v = (uint32_t)p[i] << 16
			| (i + 1 < len ? (uint32_t)p[i + 1] << 8 : 0);

		out[o++] = alphabet[v >> 18];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = i + 1 < len ? alphabet[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	return o;
}
