/*
 * unit.h: helpers shared by the white-box unit tests: run one pipeline
 * stage into a capture-only sink and compare what it wrote.
 */
#ifndef SIGV4_UNIT_H
#define SIGV4_UNIT_H

#include <string.h>

#include "inner.h"
#include "test_util.h"

/* A capture-only sink over a static buffer; returns what was written as
 * a NUL-terminated string. */
#define UNIT_CAP 8192

static inline sigv4_str
unit_str(const char *s)
{
	sigv4_str r;

	r.ptr = s;
	r.len = strlen(s);
	return r;
}

/* BearSSL's own SHA-256 (update copies every block through its buffer;
 * out pads a copy), as lowercase hex: the reference for our sha256.c. */
static inline void
unit_bearssl_sha256_hex(char out[64], const void *data, size_t len)
{
	br_sha256_context c;
	uint8_t digest[32];

	br_sha256_init(&c);
	br_sha256_update(&c, data, len);
	br_sha256_out(&c, digest);
	sigv4_hex(out, digest, 32);
}

#endif
