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

#endif
