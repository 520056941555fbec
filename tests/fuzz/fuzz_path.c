/*
 * fuzz_path.c: the path normaliser and the path encoder (src/uri.c).
 *
 * Input: one byte of options (bit 0: encode once, S3 style), then the
 * path, any bytes. Checks:
 *   - sigv4_path_normalize writes within sigv4_path_scratch() bytes (an
 *     exact heap block), equals the model, is idempotent, and leaves no
 *     empty, "." or ".." segment;
 *   - sigv4_path_emit equals the model in both encodings, writes only
 *     unreserved bytes, '/' and uppercase %XX, and loses nothing: decoding
 *     the double encoding gives the path back; decoding the single one
 *     gives the decoded path back, and encoding once more changes nothing;
 *   - normalising then encoding equals the model's canonical path.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "stage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
	const char *p;
	size_t len;
	int single;
} path_args;

static void
emit(sigv4_sink *s, const void *ctx)
{
	const path_args *a = (const path_args *)ctx;

	sigv4_path_emit(s, a->p, a->len, a->single);
}

static void
encoded(fz_buf *out, const char *p, size_t len, int single)
{
	path_args a;

	a.p = p;
	a.len = len;
	a.single = single;
	fz_run_stage(out, emit, &a);
}

static int
has_bad_segment(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1;

		while (j < n && p[j] != '/') {
			j++;
		}
		/* p[i] is '/': the segment is p[i+1..j). A final empty segment
		 * is the kept trailing slash. */
		if ((j - i == 1 && j < n) || (j - i == 2 && p[i + 1] == '.')
			|| (j - i == 3 && p[i + 1] == '.' && p[i + 2] == '.'))
		{
			return 1;
		}
		i = j;
	}
	return 0;
}

static void
check_normalize(const char *path, size_t len, fz_buf *norm)
{
	size_t room = sigv4_path_scratch(len), n, n2;
	char *out = (char *)malloc(room), *again;
	fz_buf want;

	FZ_CHECK(out != NULL, "out of memory");
	n = sigv4_path_normalize(out, path, len);
	FZ_CHECK(n >= 1 && n <= room, "normalised length %lu, scratch %lu",
		(unsigned long)n, (unsigned long)room);
	fz_buf_init(&want);
	model_normalize(&want, path, len);
	FZ_CHECK(want.len == n && memcmp(want.p, out, n) == 0,
		"normalised path differs from the model:\n  model   %.*s\n"
		"  library %.*s", (int)want.len, want.p, (int)n, out);
	FZ_CHECK(out[0] == '/', "normalised path does not start with '/'");
	FZ_CHECK(!has_bad_segment(out, n),
		"normalised path keeps an empty, '.' or '..' segment: %.*s",
		(int)n, out);
	again = (char *)malloc(sigv4_path_scratch(n));
	n2 = sigv4_path_normalize(again, out, n);
	FZ_CHECK(n2 == n && memcmp(again, out, n) == 0,
		"normalising is not idempotent");
	fz_write(norm, out, n);
	free(again);
	free(out);
	fz_buf_free(&want);
}

static void
check_encoding(const char *path, size_t len, int single)
{
	fz_buf got, want, dec, dec_in, twice;
	sigv4_str s;

	fz_buf_init(&got);
	fz_buf_init(&want);
	fz_buf_init(&dec);
	fz_buf_init(&dec_in);
	fz_buf_init(&twice);
	encoded(&got, path, len, single);
	s.ptr = path;
	s.len = len;
	model_path(&want, s, single, 0);
	FZ_CHECK(fz_str_eq(fz_buf_str(&got), fz_buf_str(&want)),
		"%s encoding differs from the model", single ? "single" : "double");
	FZ_CHECK(model_well_encoded(fz_buf_str(&got), "/"),
		"encoded path has a stray byte");
	model_decode(&dec, got.p, got.len, 0);
	if (len == 0) {
		FZ_CHECK(got.len == 1 && got.p[0] == '/', "empty path is not '/'");
	} else if (!single) {
		FZ_CHECK(fz_str_eq(fz_buf_str(&dec), s),
			"decoding the double encoding does not give the path back");
	} else {
		model_decode(&dec_in, path, len, 0);
		FZ_CHECK(fz_str_eq(fz_buf_str(&dec), fz_buf_str(&dec_in)),
			"decoding the single encoding does not give the decoded path");
		encoded(&twice, got.p, got.len, 1);
		FZ_CHECK(fz_str_eq(fz_buf_str(&twice), fz_buf_str(&got)),
			"single encoding is not idempotent");
	}
	fz_buf_free(&got);
	fz_buf_free(&want);
	fz_buf_free(&dec);
	fz_buf_free(&dec_in);
	fz_buf_free(&twice);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_pool pool;
	fz_reader rd;
	sigv4_str path;
	fz_buf norm, got, want;
	int single;

	fz_reader_init(&rd, data, size);
	single = fz_u8(&rd) & 1;
	fz_pool_init(&pool);
	path = fz_dup(&pool, fz_rest(&rd));

	fz_buf_init(&norm);
	check_normalize(path.ptr, path.len, &norm);
	check_encoding(path.ptr, path.len, single);

	fz_buf_init(&got);
	fz_buf_init(&want);
	encoded(&got, norm.p, norm.len, single);
	model_path(&want, path, single, path.len > 0);
	FZ_CHECK(fz_str_eq(fz_buf_str(&got), fz_buf_str(&want)),
		"normalised canonical path differs from the model");

	fz_buf_free(&norm);
	fz_buf_free(&got);
	fz_buf_free(&want);
	fz_pool_free(&pool);
	return 0;
}
