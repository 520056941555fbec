/*
 * util.c: wipe, error strings, byte classes, heapsort.
 */
#include <string.h>

#include "inner.h"

/* see sigv4.h */
void
sigv4_wipe(void *p, size_t len)
{
#if defined(__GNUC__) || defined(__clang__)
	/* memset is a bulk store (memory.fill in the wasm), far cheaper than
	 * a byte loop over the stack burn after every call (see
	 * docs/PERFORMANCE.md). The empty asm "reads" the memory, so the
	 * compiler cannot drop the stores as dead. */
	memset(p, 0, len);
	__asm__ __volatile__("" : : "r"(p) : "memory");
#else
	/* Elsewhere, a volatile pointer: slow, but never elided. */
	volatile unsigned char *v = (volatile unsigned char *)p;

	while (len-- > 0) {
		*v++ = 0;
	}
#endif
}

/* see inner.h */
const char *const sigv4_alg_names[SIGV4_ALG_END_] = {
#define SIGV4_ALG_NAME_(name, id, text) [id] = text,
	SIGV4_ALGORITHMS(SIGV4_ALG_NAME_)
#undef SIGV4_ALG_NAME_
};

static const struct {
	const char *name;
	const char *text;
} errors[] = {
	{ "SIGV4_OK", "success" },
#define SIGV4_ERR_ROW_(name, value, c_text, js_text) \
	[-(value)] = { "SIGV4_ERR_" #name, c_text },
	SIGV4_ERRORS(SIGV4_ERR_ROW_)
#undef SIGV4_ERR_ROW_
};

/* see sigv4.h */
const char *
sigv4_strerror(int err)
{
	if (err > 0 || err < SIGV4_ERR_LAST) {
		return "unknown error";
	}
	return errors[-err].text;
}

/* see sigv4.h */
const char *
sigv4_errname(int err)
{
	if (err > 0 || err < SIGV4_ERR_LAST) {
		return "SIGV4_ERR_UNKNOWN";
	}
	return errors[-err].name;
}

int
sigv4_is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
		|| (c >= '0' && c <= '9')
		|| c == '-' || c == '_' || c == '.' || c == '~';
}

int
sigv4_is_tchar(unsigned char c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
		|| (c >= '0' && c <= '9'))
	{
		return 1;
	}
	return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* see inner.h */
int
sigv4_has_bytes(sigv4_str s, const char *bytes, size_t nbytes)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (memchr(bytes, s.ptr[i], nbytes) != NULL) {
			return 1;
		}
	}
	return 0;
}

int
sigv4_is_token(sigv4_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (!sigv4_is_tchar((unsigned char)s.ptr[i])) {
			return 0;
		}
	}
	return s.len > 0;
}

unsigned char
sigv4_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int
sigv4_hexval(unsigned char c)
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
sigv4_eq_lower(sigv4_str s, const char *lower)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (lower[i] == 0
			|| sigv4_lower((unsigned char)s.ptr[i]) != (unsigned char)lower[i])
		{
			return 0;
		}
	}
	return lower[i] == 0;
}

/* see inner.h */
int
sigv4_ct_equal(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	uint64_t d = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		d |= sigv4_load64(x + i) ^ sigv4_load64(y + i);
	}
	for (; i < n; i++) {
		d |= (uint64_t)(x[i] ^ y[i]);
	}
	return d == 0;
}

/* see inner.h */
size_t
sigv4_find_byte(sigv4_str s, size_t from, unsigned char c)
{
	uint64_t pattern = SIGV4_BYTES_1 * c;
	size_t i = from;

	/* A byte equal to c is a zero byte of x ^ pattern. */
	while (i + 8 <= s.len
		&& !sigv4_any_below(sigv4_load64(s.ptr + i) ^ pattern, 1))
	{
		i += 8;
	}
	while (i < s.len && (unsigned char)s.ptr[i] != c) {
		i++;
	}
	return i;
}

/*
 * see inner.h. Eight bytes a step, each byte tested in its own lane. For
 * a byte b below 0x80, b + (0x80 - lo) has its high bit set exactly when
 * b >= lo, and b + (0x7f - hi) when b > hi, with no carry into the next
 * byte; a byte of 0x80 or more fails by its own high bit (whatever it
 * carried into its neighbour).
 */
int
sigv4_hex_digest_ok(const char *p)
{
	const uint64_t ones = 0x0101010101010101u;
	uint64_t bad = 0, x, digit, af;
	size_t i;

	for (i = 0; i < SIGV4_SHA256_HEX_LEN; i += 8) {
		memcpy(&x, p + i, 8);
		digit = (x + (0x80 - '0') * ones) & ~(x + (0x7f - '9') * ones);
		af = (x + (0x80 - 'a') * ones) & ~(x + (0x7f - 'f') * ones);
		bad |= ~(digit | af) | x;
	}
	return (bad & 0x80 * ones) == 0;
}

/* see inner.h */
int
sigv4_same(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n >= 8; n -= 8, x += 8, y += 8) {
		if (sigv4_load64(x) != sigv4_load64(y)) {
			return 0;
		}
	}
	for (; n > 0; n--) {
		if (*x++ != *y++) {
			return 0;
		}
	}
	return 1;
}

void
sigv4_hex(char *out, const uint8_t *in, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
}

static void
swap_bytes(unsigned char *a, unsigned char *b, size_t size)
{
	while (size-- > 0) {
		unsigned char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

static void
sift_down(unsigned char *base, size_t root, size_t n, size_t size,
	int (*cmp)(const void *, const void *, void *), void *ctx)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n) {
			return;
		}
		if (child + 1 < n
			&& cmp(base + child * size, base + (child + 1) * size, ctx) < 0)
		{
			child++;
		}
		if (cmp(base + root * size, base + child * size, ctx) >= 0) {
			return;
		}
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

void
sigv4_heapsort(void *base, size_t n, size_t size,
	int (*cmp)(const void *a, const void *b, void *ctx), void *ctx)
{
	unsigned char *b = (unsigned char *)base;
	size_t i;

	if (n < 2) {
		return;
	}
	for (i = n / 2; i-- > 0;) {
		sift_down(b, i, n, size, cmp, ctx);
	}
	for (i = n - 1; i > 0; i--) {
		swap_bytes(b, b + i * size, size);
		sift_down(b, 0, i, size, cmp, ctx);
	}
}
