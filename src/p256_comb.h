/*
 * p256_comb.h: the two functions of p256_comb.c, which is compiled with
 * BearSSL's headers and so cannot include inner.h (inner.h includes this).
 */
#ifndef SIGV4_P256_COMB_H
#define SIGV4_P256_COMB_H

#include <stddef.h>
#include <stdint.h>

/* k * G as an uncompressed point (04 || X || Y), k big-endian with
 * 0 < k < n; returns 65. Constant-time in k. */
size_t sigv4_p256_mulgen(unsigned char out[65], const unsigned char k[32]);

/* A <- x * A + y * G, A an uncompressed point (65 bytes), x and y
 * big-endian below n (y not 0), as BearSSL's muladd with B NULL: 1, or 0
 * when A is not a point of the curve or the sum is the point at
 * infinity. The verification step of ECDSA. */
uint32_t sigv4_p256_muladd(unsigned char A[65], const unsigned char x[32],
	const unsigned char y[32]);


#endif
