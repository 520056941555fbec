/*
 * ecdsa.c: ECDSA over P-256 with SHA-256, as SigV4a signs and verifies:
 * BearSSL's point arithmetic (through p256_comb.c) and i31 integers,
 * composed here rather than through br_ecdsa_i31_sign_raw / _vrfy_raw,
 * for two reasons:
 *
 * - speed: those invert mod n by a 256-bit modular exponentiation (one
 *   Montgomery multiplication per bit, twice), which was a third of a
 *   signature's time; br_i31_moddiv (BearSSL's constant-time binary
 *   division) divides by k or s directly, in a fraction of that;
 * - secrets: they leave the private key, the nonce k and the HMAC_DRBG
 *   state that made it on the stack, and k gives the private key away;
 *   here every value derived from the key is wiped before returning,
 *   for the C library's callers too (the wasm shim also burns its stack).
 *
 * The nonce is RFC 6979's (its HMAC_DRBG with SHA-256, seeded with the key
 * and the reduced hash), as BearSSL makes it, so the signatures are the
 * same bit for bit (tests/c/test_sigv4a.c checks them against BearSSL's);
 * its HMACs are this library's, so the module carries no second SHA-256.
 */
#include <string.h>

#include "inner.h"

/* BearSSL's i31 integers, declared in BearSSL's src/inner.h (which ours
 * shadows); the pinned 0.6 has them as here. An i31 integer is a header
 * word (its announced bit length, encoded) then 31-bit words, low first. */
uint32_t br_i31_iszero(const uint32_t *x);
uint32_t br_i31_add(uint32_t *a, const uint32_t *b, uint32_t ctl);
uint32_t br_i31_sub(uint32_t *a, const uint32_t *b, uint32_t ctl);
void br_i31_decode(uint32_t *x, const void *src, size_t len);
uint32_t br_i31_decode_mod(uint32_t *x, const void *src, size_t len,
	const uint32_t *m);
void br_i31_encode(void *dst, size_t len, const uint32_t *x);
uint32_t br_i31_ninv31(uint32_t x);
void br_i31_montymul(uint32_t *d, const uint32_t *x, const uint32_t *y,
	const uint32_t *m, uint32_t m0i);
void br_i31_from_monty(uint32_t *x, const uint32_t *m, uint32_t m0i);
uint32_t br_i31_moddiv(uint32_t *x, const uint32_t *y, const uint32_t *m,
	uint32_t m0i, uint32_t *t);
void br_ecdsa_i31_bits2int(uint32_t *x, const void *src, size_t len,
	uint32_t ebitlen);

/* 256 bits as i31: the header word and nine words of 31 bits. */
#define WORDS 10

const uint8_t sigv4_p256_order[32] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84,
	0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
};

/* n, and -1/n mod 2^31 for the Montgomery steps. */
static uint32_t
load_order(uint32_t n[WORDS])
{
	br_i31_decode(n, sigv4_p256_order, sizeof sigv4_p256_order);
	return br_i31_ninv31(n[1]);
}

/* x mod n for x < 2n: one conditional subtraction, in constant time. */
static void
reduce_once(uint32_t x[WORDS], const uint32_t n[WORDS])
{
	br_i31_sub(x, n, br_i31_sub(x, n, 0) ^ 1);
}

/* The hash as an integer mod n (FIPS 186-4 6.4: its leftmost 256 bits). */
static void
hash_to_int(uint32_t m[WORDS], const uint8_t hash[32],
	const uint32_t n[WORDS])
{
	br_ecdsa_i31_bits2int(m, hash, 32, n[0]);
	reduce_once(m, n);
}

/* The X coordinate of an uncompressed point, mod n: it is below the field
 * prime, which is below 2n, so one subtraction reduces it. */
static void
x_mod_n(uint32_t x[WORDS], const uint8_t point[65], const uint32_t n[WORDS])
{
	memset(x, 0, WORDS * sizeof *x);
	br_i31_decode(x, point + 1, 32);
	x[0] = n[0];
	reduce_once(x, n);
}

/* RFC 6979's update of the HMAC_DRBG state (3.2 d-g, and h.3 with no
 * seed): K = HMAC_K(V || byte || seed), V = HMAC_K(V). block holds V's
 * copy, the byte and the seed (its last 64 bytes, filled once). */
static void
drbg_update(uint8_t K[32], uint8_t V[32], uint8_t block[32 + 1 + 64],
	uint8_t byte, size_t seed_len)
{
	memcpy(block, V, 32);
	block[32] = byte;
	sigv4_hmac(K, K, 32, block, 33 + seed_len);
	sigv4_hmac(V, K, 32, V, 32);
}

/*
 * The nonce k of RFC 6979 (3.2, steps b-h) for SHA-256 and a 256-bit
 * order: HMAC_DRBG seeded with int2octets(d) || bits2octets(hash), its
 * outputs drawn until 0 < k < n.
 */
static void
nonce(uint32_t k[WORDS], const uint8_t seed[64], const uint32_t n[WORDS])
{
	struct {  /* the DRBG's state, from the key: wiped at the end */
		uint8_t K[32], V[32], block[32 + 1 + 64];
	} w;

	memset(w.K, 0x00, sizeof w.K);
	memset(w.V, 0x01, sizeof w.V);
	memcpy(w.block + 33, seed, 64);
	drbg_update(w.K, w.V, w.block, 0, 64);
	drbg_update(w.K, w.V, w.block, 1, 64);
	for (;;) {
		sigv4_hmac(w.V, w.K, sizeof w.K, w.V, sizeof w.V);
		br_ecdsa_i31_bits2int(k, w.V, sizeof w.V, n[0]);
		if (!br_i31_iszero(k) && br_i31_sub(k, n, 0)) {  /* k < n */
			break;
		}
		drbg_update(w.K, w.V, w.block, 0, 0);
	}
	sigv4_wipe(&w, sizeof w);
}

size_t
sigv4_ecdsa_p256_sign(uint8_t sig[64], const uint8_t d[32],
	const uint8_t hash[32])
{
	/* Everything derived from d or k, wiped together at the end. */
	struct {
		uint32_t x[WORDS], m[WORDS], k[WORDS], s[WORDS], t[3 * WORDS];
		uint8_t seed[64], kb[32];
	} w;
	uint32_t n[WORDS], r[WORDS], n0i, ok, carry;
	uint8_t point[65];

	n0i = load_order(n);
	ok = br_i31_decode_mod(w.x, d, 32, n) & (br_i31_iszero(w.x) ^ 1);
	hash_to_int(w.m, hash, n);

	br_i31_encode(w.seed, 32, w.x);
	br_i31_encode(w.seed + 32, 32, w.m);
	nonce(w.k, w.seed, n);

	/* r = x(kG) mod n. */
	br_i31_encode(w.kb, sizeof w.kb, w.k);
	ok &= sigv4_p256_mulgen(point, w.kb) == sizeof point;
	x_mod_n(r, point, n);

	/* s = (m + x r) / k mod n. montymul gives x r / R, so m goes to m / R
	 * and k to k / R: the R cancels in the division. */
	br_i31_from_monty(w.m, n, n0i);
	br_i31_montymul(w.s, w.x, r, n, n0i);
	carry = br_i31_add(w.s, w.m, 1);
	carry |= br_i31_sub(w.s, n, 0) ^ 1;
	br_i31_sub(w.s, n, carry);
	br_i31_from_monty(w.k, n, n0i);
	ok &= br_i31_moddiv(w.s, w.k, n, n0i, w.t);
	ok &= (br_i31_iszero(r) | br_i31_iszero(w.s)) ^ 1;

	br_i31_encode(sig, 32, r);
	br_i31_encode(sig + 32, 32, w.s);
	sigv4_wipe(&w, sizeof w);
	if (!ok) {
		sigv4_wipe(sig, 64);
		return 0;
	}
	return 64;
}

int
sigv4_ecdsa_p256_verify(const uint8_t q[65], const uint8_t hash[32],
	const uint8_t *sig, size_t sig_len)
{
	uint32_t n[WORDS], r[WORDS], s[WORDS], u1[WORDS], u2[WORDS];
	uint32_t t[3 * WORDS], n0i, ok;
	uint8_t point[65], b1[32], b2[32];
	size_t half = sig_len / 2;

	if (sig_len % 2 != 0 || half == 0 || half > 32) {
		return 0;
	}
	n0i = load_order(n);
	if (!br_i31_decode_mod(r, sig, half, n)
		|| !br_i31_decode_mod(s, sig + half, half, n)
		|| br_i31_iszero(r) || br_i31_iszero(s))
	{
		return 0;
	}
	/* u1 = m / s, u2 = r / s; then x(u1 G + u2 Q) mod n must be r. */
	hash_to_int(u1, hash, n);
	memcpy(u2, r, sizeof u2);
	ok = br_i31_moddiv(u1, s, n, n0i, t);
	ok &= br_i31_moddiv(u2, s, n, n0i, t);
	br_i31_encode(b1, sizeof b1, u1);
	br_i31_encode(b2, sizeof b2, u2);
	memcpy(point, q, sizeof point);
	ok &= sigv4_p256_muladd(point, b2, b1);
	x_mod_n(u1, point, n);
	return (int)(ok & (br_i31_sub(u1, r, 0) ^ 1) & (br_i31_sub(r, u1, 0) ^ 1));
}

size_t
sigv4_ecdsa_p256_public(uint8_t q[65], const uint8_t d[32])
{
	uint32_t n[WORDS], x[WORDS];
	uint32_t ok;

	load_order(n);
	ok = br_i31_decode_mod(x, d, 32, n) & (br_i31_iszero(x) ^ 1);
	sigv4_wipe(x, sizeof x);
	if (!ok) {
		memset(q, 0, 65);
		return 0;
	}
	return sigv4_p256_mulgen(q, d);
}
