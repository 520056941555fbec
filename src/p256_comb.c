/*
 * p256_comb.c: k*G on P-256 for SigV4a's signatures, with BearSSL's
 * 31-bit-limb field and point arithmetic (ec_p256_m31.c) and more
 * precomputed multiples of G than BearSSL keeps.
 *
 * BearSSL's p256_mulgen reads the scalar 4 bits at a time from the top
 * with one table (1G..15G): 252 doublings and 64 additions. Here the
 * 256-bit scalar is eight 32-bit teeth, read 4 bits at a time in step,
 * each with its own table (w * 2^(32j) * G, w = 1..15): 28 doublings and
 * 64 additions, the same sequence of operations for every scalar, and
 * constant-time table lookups, as in BearSSL. The tables (120 points,
 * 8.4 KiB) are computed on first use from G, with one field inversion for
 * all of them, so the module carries no constant data for them, not even
 * BearSSL's table of 1G..15G (1 KiB that does not compress):
 * sigv4a_setup() (sigv4.h) computes them ahead for threaded C programs (as
 * sigv4_checksum_setup() does for the CRC tables).
 *
 * Verification's u1 * G + u2 * Q uses the same tables for u1 * G, and a
 * plain double-and-add for u2 * Q (everything there is public).
 *
 * The point functions are static in BearSSL, so this file compiles
 * BearSSL's ec_p256_m31.c itself (it is the library's only copy of it:
 * the build leaves it out of BearSSL's sources), from a copy that the
 * build makes with the squaring done by the multiplication
 * (ec_p256_m31_sigv4.c: CMakeLists.txt says why). It is built with
 * BearSSL's include path and flags, and so cannot see inner.h:
 * p256_comb.h declares its functions.
 */
#include <stddef.h>
#include <stdint.h>

/* In the wasm, BearSSL's functions are not inlined into one another (the
 * module is 3.6 KB (gzip) smaller for a SigV4a signature about 5% slower),
 * and those that run a few times a signature are compiled for size
 * (docs/PERFORMANCE.md, "SigV4a"). */
#if defined(__EMSCRIPTEN__)
static uint32_t reduce_final_f256(uint32_t *d) __attribute__((minsize));
static void le30_to_be8(unsigned char *dst, size_t len, const uint32_t *src)
	__attribute__((minsize));
static uint32_t be8_to_le30(uint32_t *dst, const unsigned char *src,
	size_t len) __attribute__((minsize));
#pragma clang attribute push (__attribute__((noinline)), apply_to = function)
#endif
#include "ec_p256_m31_sigv4.c"
#if defined(__EMSCRIPTEN__)
#pragma clang attribute pop
#endif
#include "p256_comb.h"
#include "sigv4.h"

/* The scalar is read as TEETH stretches of SPAN bits ("teeth"), 4 bits of
 * each per step; tooth j's table holds w * 2^(SPAN j) * G, w = 1..15. */
#define TEETH 8
#define SPAN (256 / TEETH)
#define POINTS (TEETH * 15)

/* The tables, affine x then y; filled once by sigv4a_setup(). */
static uint32_t comb[TEETH][15][18];
static int comb_ready;

/* The setup's scratch: the points in Jacobian coordinates, then the
 * running products of their z. Static (13 KiB and 4 KiB), not on the
 * stack; nothing here is secret. */
static p256_jacobian comb_points[POINTS];
static uint32_t comb_z[POINTS][9];

/* The field prime p as an i31 integer, and -1/p mod 2^31, for inverse();
 * set by sigv4a_setup(). */
static uint32_t field_p[10], field_p0i;

/*
 * 1/z mod p by br_i31_moddiv, BearSSL's constant-time binary division,
 * in a fraction of the time of p256_to_affine's exponentiation (z^(p-2),
 * about 300 field operations); 0 when z is 0 (the point at infinity),
 * with out zero, as p256_to_affine leaves it.
 */
static uint32_t
inverse(uint32_t out[9], const uint32_t z[9])
{
	struct {  /* wiped at the end: z can tell bits of a scalar */
		uint32_t x[10], y[10], t[30], zz[9];
		unsigned char b[32];
	} w;
	uint32_t ok;

	memcpy(w.zz, z, sizeof w.zz);
	reduce_final_f256(w.zz);
	le30_to_be8(w.b, 32, w.zz);
	br_i31_decode_mod(w.y, w.b, 32, field_p);
	memset(w.x, 0, sizeof w.x);
	w.x[0] = field_p[0];
	w.x[1] = 1;
	ok = br_i31_moddiv(w.x, w.y, field_p, field_p0i, w.t)
		& (br_i31_iszero(w.y) ^ 1);
	br_i31_encode(w.b, 32, w.x);
	out[8] = be8_to_le30(out, w.b, 32);  /* it returns the top limb */
	if (!ok) {
		memset(out, 0, 9 * sizeof *out);
	}
	sigv4_wipe(&w, sizeof w);
	return ok;
}

/* P in affine coordinates (z = 1; all zero for the point at infinity),
 * each coordinate below p, as p256_to_affine leaves it. */
static void
to_affine(p256_jacobian *P)
{
	uint32_t zi[3][9];  /* 1/z, 1/z^2, 1/z^3 */

	inverse(zi[0], P->z);
	square_f256(zi[1], zi[0]);
	mul_f256(P->x, P->x, zi[1]);
	mul_f256(zi[2], zi[1], zi[0]);
	mul_f256(P->y, P->y, zi[2]);
	mul_f256(P->z, P->z, zi[0]);
	reduce_final_f256(P->x);
	reduce_final_f256(P->y);
	reduce_final_f256(P->z);
	sigv4_wipe(zi, sizeof zi);
}

/* Code that runs once, or only to verify, is compiled for size: the rest
 * of this file is compiled for speed (wasm/CMakeLists.txt). */
#if defined(__clang__)
#define FOR_SIZE __attribute__((noinline, minsize))
#else
#define FOR_SIZE __attribute__((noinline, cold))
#endif

/* see sigv4.h */
FOR_SIZE void
sigv4a_setup(void)
{
	p256_jacobian B;
	uint32_t inv[9], zi[9], zi2[9], t[9];
	unsigned char pb[32];
	int i, j, w, n;

	if (comb_ready) {
		return;
	}
	le30_to_be8(pb, 32, F256);
	br_i31_decode(field_p, pb, 32);
	field_p0i = br_i31_ninv31(field_p[1]);
	p256_decode(&B, P256_G, sizeof P256_G);
	for (j = 0; j < TEETH; j++) {
		p256_jacobian *M = comb_points + 15 * j;

		for (i = 0; j > 0 && i < SPAN; i++) {
			p256_double(&B);
		}
		/* 1B, then 2B by doubling (addition cannot add a point to
		 * itself), then each next multiple by adding B. */
		M[0] = B;
		M[1] = B;
		p256_double(&M[1]);
		for (w = 2; w < 15; w++) {
			M[w] = M[w - 1];
			p256_add(&M[w], &B);
		}
	}
	/* All to affine with one inversion (Montgomery's trick): the running
	 * products of z, the inverse of the last, then back down, each
	 * 1/z_i = inv * (z_0 ... z_(i-1)) and inv becomes inv * z_i. */
	memcpy(comb_z[0], comb_points[0].z, sizeof comb_z[0]);
	for (n = 1; n < POINTS; n++) {
		mul_f256(comb_z[n], comb_z[n - 1], comb_points[n].z);
	}
	inverse(inv, comb_z[POINTS - 1]);
	for (n = POINTS - 1; n >= 0; n--) {
		uint32_t *row = comb[n / 15][n % 15];

		if (n > 0) {
			mul_f256(zi, inv, comb_z[n - 1]);
			mul_f256(inv, inv, comb_points[n].z);
		} else {
			memcpy(zi, inv, sizeof zi);
		}
		square_f256(zi2, zi);
		mul_f256(row, comb_points[n].x, zi2);
		mul_f256(t, zi2, zi);
		mul_f256(row + 9, comb_points[n].y, t);
		reduce_final_f256(row);
		reduce_final_f256(row + 9);
	}
	comb_ready = 1;
}

/* Row idx - 1 of a table as an affine point (z = 1), reading every row
 * so that the index does not show in the memory accesses; idx 0 gives
 * zeros (the caller then keeps its point). */
static void
comb_lookup(p256_jacobian *T, const uint32_t (*table)[18], uint32_t idx)
{
	uint32_t xy[18];
	uint32_t k, u;

	memset(xy, 0, sizeof xy);
#pragma clang loop unroll(disable)
	for (k = 0; k < 15; k++) {
		uint32_t m = -EQ(idx, k + 1);

#pragma clang loop unroll(disable)
		for (u = 0; u < 18; u++) {
			xy[u] |= m & table[k][u];
		}
	}
	memcpy(T->x, xy, sizeof T->x);
	memcpy(T->y, xy + 9, sizeof T->y);
	memset(T->z, 0, sizeof T->z);
	T->z[0] = 1;
}

/*
 * k * G in Jacobian coordinates, 0 < k < n. The mixed addition fails when
 * its two points are equal or opposite; here they never are: the point so
 * far is S * G and the table's T * G, where S + T is the part of k read so
 * far (the windows above this one, and this window's nibbles of the teeth
 * above this one), so 0 < T, S + T < n, and S != T since either S < T (S
 * holds only lower teeth's bits) or S > T.
 */
static void
comb_mulgen(p256_jacobian *Q, const unsigned char k[32])
{
	p256_jacobian T, U;
	uint32_t qz = 1;
	int i, j;

	sigv4a_setup();
	memset(Q, 0, sizeof *Q);
	for (i = SPAN / 4 - 1; i >= 0; i--) {
		if (i < SPAN / 4 - 1) {
			p256_double(Q);
			p256_double(Q);
			p256_double(Q);
			p256_double(Q);
		}
		for (j = TEETH - 1; j >= 0; j--) {
			/* Bits SPAN j + 4i .. SPAN j + 4i + 3 of the big-endian k. */
			unsigned at = (unsigned)(SPAN * j + 4 * i);
			unsigned byte = k[31 - at / 8];
			uint32_t bits = (at & 4) ? byte >> 4 : byte & 0x0F;
			uint32_t bnz = NEQ(bits, 0);

			comb_lookup(&T, (const uint32_t (*)[18])comb[j], bits);
			U = *Q;
			p256_add_mixed(&U, &T);
			CCOPY(bnz & qz, Q, &T, sizeof *Q);
			CCOPY(bnz & ~qz, Q, &U, sizeof *Q);
			qz &= ~bnz;
		}
	}
	/* The partial sums tell bits of k. */
	sigv4_wipe(&T, sizeof T);
	sigv4_wipe(&U, sizeof U);
}

size_t
sigv4_p256_mulgen(unsigned char out[65], const unsigned char k[32])
{
	p256_jacobian Q;

	comb_mulgen(&Q, k);
	to_affine(&Q);
	p256_encode(out, &Q);
	sigv4_wipe(&Q, sizeof Q);
	return 65;
}

/*
 * x * P, x big-endian with 0 < x < n, by double-and-add from the top bit:
 * in variable time, as verification's scalars and points are public
 * (BearSSL's constant-time p256_mul, unrolled, took 200 B more of the
 * module's gzip, for as many doublings and additions). The addition never
 * meets equal or opposite points: before it the sum is 2a * P, with
 * 1 <= a and 2a + 1 <= x < n.
 */
static void
mul_public(p256_jacobian *P, const unsigned char x[32])
{
	p256_jacobian R;
	int i, started = 0;

	memset(&R, 0, sizeof R);
	for (i = 0; i < 256; i++) {
		unsigned bit = (x[i >> 3] >> (7 - (i & 7))) & 1;

		if (started) {
			p256_double(&R);
			if (bit) {
				p256_add(&R, P);
			}
		} else if (bit) {
			R = *P;
			started = 1;
		}
	}
	*P = R;
}

FOR_SIZE uint32_t
sigv4_p256_muladd(unsigned char A[65], const unsigned char x[32],
	const unsigned char y[32])
{
	p256_jacobian P, Q;
	uint32_t ok, t, z = 0;
	int i;

	ok = p256_decode(&P, A, 65);
	mul_public(&P, x);
	comb_mulgen(&Q, y);
	/* P + Q, unless they are equal (then 2Q) or opposite (an error):
	 * p256_add gives z = 0 for both, and t = 1 for the opposite. */
	t = p256_add(&P, &Q);
	reduce_final_f256(P.z);
	for (i = 0; i < 9; i++) {
		z |= P.z[i];
	}
	z = EQ(z, 0);
	p256_double(&Q);
	CCOPY(z & ~t, &P, &Q, sizeof Q);
	to_affine(&P);
	p256_encode(A, &P);
	return ok & ~(z & t);
}
