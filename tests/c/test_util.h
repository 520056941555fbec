/*
 * test_util.h: minimal assertions and helpers for the C tests.
 *
 * Assertions never abort: they print "file:line: message" to stderr, count
 * the failure and let the test go on, so one run shows every problem.
 * A test's main() ends with `return tu_finish("name");`.
 *
 * Tests may allocate; the library under test never does.
 */
#ifndef SIGV4_TEST_UTIL_H
#define SIGV4_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

extern unsigned long tu_checks;     /* assertions evaluated */
extern unsigned long tu_failures;   /* assertions that failed */

/* Report a failure (printf-style message) at file:line; counts it. */
void tu_fail(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Returns whether the condition held (so callers can chain on it). */
#define ASSERT_TRUE(cond) \
	tu_check(!!(cond), __FILE__, __LINE__, "%s", #cond)

#define ASSERT_EQ_INT(expected, got) \
	tu_check_int((long long)(expected), (long long)(got), \
		__FILE__, __LINE__, #expected, #got)

/* Byte-exact comparison; on mismatch prints the first differing line of
 * both sides (escaped) and the byte offset. */
#define ASSERT_MEM_EQ(what, exp, exp_len, got, got_len) \
	tu_check_mem(__FILE__, __LINE__, (what), (exp), (exp_len), \
		(got), (got_len))

/* NUL-terminated strings. */
#define ASSERT_STR_EQ(what, exp, got) \
	tu_check_str(__FILE__, __LINE__, (what), (exp), (got))

int tu_check(int ok, const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
int tu_check_int(long long expected, long long got, const char *file,
	int line, const char *expected_src, const char *got_src);
int tu_check_mem(const char *file, int line, const char *what,
	const void *exp, size_t exp_len, const void *got, size_t got_len);
int tu_check_str(const char *file, int line, const char *what,
	const char *exp, const char *got);

/*
 * Describe the first difference between two byte strings: line number,
 * byte offset, and both lines escaped. Writes at most cap bytes (NUL
 * terminated). Returns 1 if they differ, 0 if equal.
 */
int tu_diff(char *out, size_t cap, const void *exp, size_t exp_len,
	const void *got, size_t got_len);

/* Print "name: N checks, M failed" and return the process exit code. */
int tu_finish(const char *name);

/* Print bytes to stdout with C-style escapes for non-printables. */
void tu_print_escaped(const void *p, size_t len);

/* ------------------------------------------------------------------ */
/* Files.                                                              */

/*
 * Read a whole file into a malloc'd buffer, NUL-terminated (the NUL is not
 * counted in *len). Returns NULL (and prints nothing) when it cannot be
 * read; errno is left as set by the failing call.
 */
char *tu_read_file(const char *path, size_t *len);

/* 1 if path exists and is a regular file / a directory. */
int tu_is_file(const char *path);
int tu_is_dir(const char *path);

/* malloc'd "a/b" (or "a/b/c" with tu_join3). */
char *tu_join(const char *a, const char *b);
char *tu_join3(const char *a, const char *b, const char *c);

/* malloc'd copy of len bytes plus a NUL. */
char *tu_strndup(const void *p, size_t len);

/* ------------------------------------------------------------------ */
/* Hex.                                                                */

/* Lowercase hex of n bytes into out (2n chars, no NUL). */
void tu_hex_encode(char *out, const uint8_t *in, size_t n);

/* Decode 2*n hex digits (any case) into out[n]; -1 on a bad digit or a
 * length that is not 2*n. */
int tu_hex_decode(uint8_t *out, size_t n, const char *hex, size_t hex_len);

/* Whether s is exactly 64 lowercase hex digits. */
int tu_is_sha256_hex(const char *s, size_t len);

#endif
