/*
 * test_util.c: see test_util.h.
 */
#include "test_util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

unsigned long tu_checks;
unsigned long tu_failures;

static void
tu_vfail(const char *file, int line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s:%d: FAILED: ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
	tu_failures++;
}

void
tu_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tu_vfail(file, line, fmt, ap);
	va_end(ap);
}

int
tu_check(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tu_checks++;
	if (ok) {
		return 1;
	}
	va_start(ap, fmt);
	tu_vfail(file, line, fmt, ap);
	va_end(ap);
	return 0;
}

int
tu_check_int(long long expected, long long got, const char *file,
	int line, const char *expected_src, const char *got_src)
{
	tu_checks++;
	if (expected == got) {
		return 1;
	}
	tu_fail(file, line, "%s == %s: expected %lld, got %lld",
		expected_src, got_src, expected, got);
	return 0;
}

/* Append an escaped copy of p[0..len) to out (bounded). */
static void
tu_escape_into(char *out, size_t cap, size_t *pos, const unsigned char *p,
	size_t len, size_t max)
{
	size_t i;

	for (i = 0; i < len && i < max; i++) {
		char tmp[8];
		unsigned char c = p[i];
		size_t n;

		if (c == '\n') {
			memcpy(tmp, "\\n", 3);
		} else if (c == '\r') {
			memcpy(tmp, "\\r", 3);
		} else if (c == '\t') {
			memcpy(tmp, "\\t", 3);
		} else if (c == '\\') {
			memcpy(tmp, "\\\\", 3);
		} else if (c < 0x20 || c >= 0x7F) {
			snprintf(tmp, sizeof tmp, "\\x%02X", (unsigned)c);
		} else {
			tmp[0] = (char)c;
			tmp[1] = 0;
		}
		n = strlen(tmp);
		if (*pos + n + 1 > cap) {
			break;
		}
		memcpy(out + *pos, tmp, n);
		*pos += n;
	}
	if (i < len && *pos + 4 <= cap) {
		memcpy(out + *pos, "...", 3);
		*pos += 3;
	}
	out[*pos] = 0;
}

static void
tu_append(char *out, size_t cap, size_t *pos, const char *s)
{
	size_t n = strlen(s);
	if (*pos + n + 1 > cap) {
		n = cap - *pos - 1;
	}
	memcpy(out + *pos, s, n);
	*pos += n;
	out[*pos] = 0;
}

/* Bounds of the line holding offset off in p[0..len). */
static void
tu_line_at(const unsigned char *p, size_t len, size_t off, size_t *start,
	size_t *end)
{
	size_t s = off, e = off;

	if (s > len) {
		s = len;
	}
	while (s > 0 && p[s - 1] != '\n') {
		s--;
	}
	if (e > len) {
		e = len;
	}
	while (e < len && p[e] != '\n') {
		e++;
	}
	*start = s;
	*end = e;
}

int
tu_diff(char *out, size_t cap, const void *exp, size_t exp_len,
	const void *got, size_t got_len)
{
	const unsigned char *e = exp, *g = got;
	size_t off = 0, lineno = 1, i, s, t, pos = 0;
	char head[160];

	if (cap == 0) {
		return exp_len != got_len
			|| (exp_len > 0 && memcmp(exp, got, exp_len) != 0);
	}
	out[0] = 0;
	while (off < exp_len && off < got_len && e[off] == g[off]) {
		off++;
	}
	if (off == exp_len && off == got_len) {
		return 0;
	}
	for (i = 0; i < off; i++) {
		if (e[i] == '\n') {
			lineno++;
		}
	}
	snprintf(head, sizeof head,
		"first difference at line %lu, byte %lu (expected %lu bytes, "
		"got %lu)\n    expected: \"", (unsigned long)lineno,
		(unsigned long)off, (unsigned long)exp_len,
		(unsigned long)got_len);
	tu_append(out, cap, &pos, head);
	tu_line_at(e, exp_len, off, &s, &t);
	tu_escape_into(out, cap, &pos, e + s, t - s, 300);
	if (off == exp_len) {
		tu_append(out, cap, &pos, "\" <end of expected>");
	} else {
		tu_append(out, cap, &pos, "\"");
	}
	tu_append(out, cap, &pos, "\n    got:      \"");
	tu_line_at(g, got_len, off, &s, &t);
	tu_escape_into(out, cap, &pos, g + s, t - s, 300);
	if (off == got_len) {
		tu_append(out, cap, &pos, "\" <end of output>");
	} else {
		tu_append(out, cap, &pos, "\"");
	}
	return 1;
}

int
tu_check_mem(const char *file, int line, const char *what,
	const void *exp, size_t exp_len, const void *got, size_t got_len)
{
	char msg[2048];

	tu_checks++;
	if (got == NULL && got_len > 0) {
		tu_fail(file, line, "%s: no output", what);
		return 0;
	}
	if (!tu_diff(msg, sizeof msg, exp, exp_len, got, got_len)) {
		return 1;
	}
	tu_fail(file, line, "%s differs: %s", what, msg);
	return 0;
}

int
tu_check_str(const char *file, int line, const char *what,
	const char *exp, const char *got)
{
	if (exp == NULL || got == NULL) {
		tu_checks++;
		if (exp == got) {
			return 1;
		}
		tu_fail(file, line, "%s: expected %s, got %s", what,
			exp ? exp : "(null)", got ? got : "(null)");
		return 0;
	}
	return tu_check_mem(file, line, what, exp, strlen(exp), got,
		strlen(got));
}

int
tu_finish(const char *name)
{
	fflush(stdout);
	printf("%s: %lu checks, %lu failed\n", name, tu_checks, tu_failures);
	fflush(stdout);
	return tu_failures == 0 ? 0 : 1;
}

void
tu_print_escaped(const void *p, size_t len)
{
	char buf[4096];
	size_t pos = 0;

	buf[0] = 0;
	tu_escape_into(buf, sizeof buf, &pos, p, len, len);
	fputs(buf, stdout);
}

char *
tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (f == NULL) {
		return NULL;
	}
	for (;;) {
		size_t r;

		if (cap - n < 4096) {
			size_t ncap = cap ? cap * 2 : 8192;
			char *nb = realloc(buf, ncap);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
			cap = ncap;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0) {
			break;
		}
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		fclose(f);
		errno = e;
		return NULL;
	}
	fclose(f);
	buf[n] = 0;
	if (len != NULL) {
		*len = n;
	}
	return buf;
}

int
tu_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
tu_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
tu_strndup(const void *p, size_t len)
{
	char *s = malloc(len + 1);
	if (s == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	if (len > 0) {
		memcpy(s, p, len);
	}
	s[len] = 0;
	return s;
}

char *
tu_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = malloc(la + 1 + lb + 1);

	if (s == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	memcpy(s, a, la);
	s[la] = '/';
	memcpy(s + la + 1, b, lb);
	s[la + 1 + lb] = 0;
	return s;
}

char *
tu_join3(const char *a, const char *b, const char *c)
{
	char *ab = tu_join(a, b);
	char *abc = tu_join(ab, c);
	free(ab);
	return abc;
}

void
tu_hex_encode(char *out, const uint8_t *in, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
}

static int
tu_hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

int
tu_hex_decode(uint8_t *out, size_t n, const char *hex, size_t hex_len)
{
	size_t i;

	if (hex_len != 2 * n) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		int hi = tu_hexval(hex[2 * i]), lo = tu_hexval(hex[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			return -1;
		}
		out[i] = (uint8_t)((hi << 4) | lo);
	}
	return 0;
}

int
tu_is_sha256_hex(const char *s, size_t len)
{
	size_t i;

	if (len != 64) {
		return 0;
	}
	for (i = 0; i < len; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) {
			return 0;
		}
	}
	return 1;
}
