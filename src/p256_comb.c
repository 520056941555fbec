/*
 * p256_comb.c: k*G on P-256 for SigV4a's signatures, with BearSSL's
 * 31-bit-limb field and point arithmetic (ec_p256_m31.c) and more
 * precomputed multiples of G than BearSSL keeps.
 *
 * BearSSL's p256_mulgen reads the scalar 4 bits at a time from the top
 * with one table (1G..15G): 252 doublings and 64 additions. Here the
 * 256-bit scalar is four 64-bit quarters, read 4 bits at a time in step,
 * each with its own table (w * 2^(64j) * G, w = 1..15; the table of j = 0
 * is BearSSL's own): 60 doublings and 64 additions, the same sequence of
 * operations for every scalar, and constant-time table lookups, as in
 * BearSSL. The three other tables (3 * 15 points) are computed on first
 * use, so the module carries no more constant data: sigv4_p256_setup()
 * computes them ahead for threaded C programs (as sigv4_checksum_setup()
 * does for the CRC tables).
 *
 * The point functions are static in BearSSL, so this file compiles
 * BearSSL's ec_p256_m31.c itself (it is the library's only copy: the
 * build takes it out of BearSSL's sources). It is built with BearSSL's
 * include path and flags, and so cannot see inner.h: p256_comb.h declares
 * its two functions.
 */
#include "ec/ec_p256_m31.c"
#include "p256_comb.h"

/* memset through a volatile pointer: the compiler cannot drop the wipes
 * as dead stores. */
static void *(*const volatile wipe_memset)(void *, int, size_t) = memset;

/* 2^(64 (j + 1)) * w * G for j = 0..2, w = 1..15: affine x then y. */
static uint32_t comb[3][15][18];
static int comb_ready;

/* The affine coordinates of P into a table row. */
static void
comb_store(uint32_t row[18], const p256_jacobian *P)
{
	p256_jacobian A = *P;

	p256_to_affine(&A);
	memcpy(row, A.x, sizeof A.x);
	memcpy(row + 9, A.y, sizeof A.y);
}

void
sigv4_p256_setup(void)
{
	p256_jacobian B, M;
	int i, j, w;

	if (comb_ready) {
		return;
	}
	memcpy(B.x, Gwin[0], sizeof B.x);
	memcpy(B.y, Gwin[0] + 9, sizeof B.y);
	memset(B.z, 0, sizeof B.z);
	B.z[0] = 1;
	for (j = 0; j < 3; j++) {
		for (i = 0; i < 64; i++) {
			p256_double(&B);
		}
		/* 1B, then 2B by doubling (addition cannot add a point to
		 * itself), then each next multiple by adding B. */
		M = B;
		comb_store(comb[j][0], &M);
		p256_double(&M);
		comb_store(comb[j][1], &M);
		for (w = 3; w <= 15; w++) {
			p256_add(&M, &B);
			comb_store(comb[j][w - 1], &M);
		}
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
	for (k = 0; k < 15; k++) {
		uint32_t m = -EQ(idx, k + 1);

		for (u = 0; u < 18; u++) {
			xy[u] |= m & table[k][u];
		}
	}
	memcpy(T->x, xy, sizeof T->x);
	memcpy(T->y, xy + 9, sizeof T->y);
	memset(T->z, 0, sizeof T->z);
	T->z[0] = 1;
}

/* k * G in Jacobian coordinates. */
static void
comb_mulgen(p256_jacobian *Q, const unsigned char k[32])
{
	p256_jacobian T, U;
	uint32_t qz = 1;
	int i, j;

	sigv4_p256_setup();
	memset(Q, 0, sizeof *Q);
	for (i = 15; i >= 0; i--) {
		if (i < 15) {
			p256_double(Q);
			p256_double(Q);
			p256_double(Q);
			p256_double(Q);
		}
		for (j = 3; j >= 0; j--) {
			/* Bits 64j + 4i .. 64j + 4i + 3 of the big-endian k. */
			unsigned byte = k[31 - 8 * j - i / 2];
			uint32_t bits = (i & 1) ? byte >> 4 : byte & 0x0F;
			uint32_t bnz = NEQ(bits, 0);

			comb_lookup(&T, j == 0 ? Gwin : (const uint32_t (*)[18])comb[j - 1], bits);
			U = *Q;
			p256_add_mixed(&U, &T);
			CCOPY(bnz & qz, Q, &T, sizeof *Q);
			CCOPY(bnz & ~qz, Q, &U, sizeof *Q);
			qz &= ~bnz;
		}
	}
	/* The partial sums tell bits of k. */
	wipe_memset(&T, 0, sizeof T);
	wipe_memset(&U, 0, sizeof U);
}

size_t
sigv4_p256_mulgen(unsigned char out[65], const unsigned char k[32])
{
	p256_jacobian Q;

	comb_mulgen(&Q, k);
	p256_to_affine(&Q);
	p256_encode(out, &Q);
	wipe_memset(&Q, 0, sizeof Q);
	return 65;
}

uint32_t
sigv4_p256_muladd(unsigned char A[65], const unsigned char x[32],
	const unsigned char y[32])
{
	p256_jacobian P, Q;
	uint32_t ok, t, z = 0;
	int i;

	ok = p256_decode(&P, A, 65);
	p256_mul(&P, x, 32);
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
	p256_to_affine(&P);
	p256_encode(A, &P);
	return ok & ~(z & t);
}
