/*
 * sha256_timer: native BearSSL SHA-256 speed, the ceiling for the wasm build
 * of the same code. Built with gcc -O2 by bench/parts/native.mjs; the bench
 * runs it as a child between its own batches (a paired measurement).
 *
 *   sha256_timer FILE ITERS  ->  "<ns per hash of FILE> <hex digest>"
 *
 * It warms up first (at least 10 ms or two hashes), then times ITERS hashes
 * of the whole file, each from init to output.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "bearssl_hash.h"

static double
now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void
hash(const unsigned char *data, size_t len, unsigned char out[32])
{
	br_sha256_context c;

	br_sha256_init(&c);
	br_sha256_update(&c, data, len);
	br_sha256_out(&c, out);
}

static unsigned char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0
		|| fseek(f, 0, SEEK_SET) != 0)
	{
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int
main(int argc, char **argv)
{
	unsigned char out[32];
	unsigned char *data;
	size_t len;
	long iters, i;
	double t0, warm;
	int k;

	if (argc != 3 || (iters = strtol(argv[2], NULL, 10)) < 1) {
		fprintf(stderr, "usage: sha256_timer FILE ITERS\n");
		return 2;
	}
	data = read_file(argv[1], &len);
	if (data == NULL) {
		fprintf(stderr, "sha256_timer: cannot read %s\n", argv[1]);
		return 1;
	}
	warm = now_ns();
	for (i = 0; i < 2 || now_ns() - warm < 1e7; i++) {
		hash(data, len, out);
	}
	t0 = now_ns();
	for (i = 0; i < iters; i++) {
		hash(data, len, out);
	}
	printf("%.1f ", (now_ns() - t0) / (double)iters);
	for (k = 0; k < 32; k++) {
		printf("%02x", out[k]);
	}
	printf("\n");
	free(data);
	return 0;
}
