/*
 * p256_comb.h: the two functions of p256_comb.c, which is compiled with
 * BearSSL's headers and so cannot include inner.h (inner.h includes this).
 */
#ifndef SIGV4_P256_COMB_H
#define SIGV4_P256_COMB_H

#include <stddef.h>

/* k * G as an uncompressed point (04 || X || Y), k big-endian with
 * 0 < k < n; returns 65. Constant-time in k. */
size_t sigv4_p256_mulgen(unsigned char out[65], const unsigned char k[32]);

/* Fill the tables sigv4_p256_mulgen() reads (sigv4a_setup()). */
void sigv4_p256_setup(void);

#endif
