/*
 * fuzz_headers.c: the header canonicaliser (src/headers.c).
 *
 * Input: one byte of options (bit 0: SIGV4_SIGN_ALL_HEADERS, bit 1:
 * SIGV4_SIGN_LISTED_ONLY, bits 2-3: how many of the signer's own headers
 * to add, 0..3, bit 4: SIGV4_S3_SESSION_TOKEN in the policy the check
 * gets, and the token header added is x-amz-s3session-token, not
 * x-amz-security-token), then 0xFF-separated fields: signed header names
 * (','-separated), unsigned header names, then name, value, name, value...
 * Checks:
 *   - sigv4_headers_check fails exactly when the model finds a bad name,
 *     a bad value (NUL, bare CR or LF), a reserved name (with
 *     SIGV4_S3_SESSION_TOKEN, x-amz-s3session-token too) or not exactly
 *     one non-blank host, with one of the codes the model expects;
 *   - sigv4_header_signed agrees with the model's policy for every header;
 *   - the signed-header list fits sigv4_headers_list_max() (an exact heap
 *     block), the order array fits header_count + SIGV4_MAX_EXTRA;
 *   - block and list equal the model's; each block line is
 *     "name:value" with a lowercase token name, names strictly ascending,
 *     no CR, LF or tab and no leading, trailing or doubled space in values.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "stage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
emit_block(sigv4_sink *s, const void *ctx)
{
	sigv4_headers_emit(s, (const sigv4_headers *)ctx);
}

static void
emit_list(sigv4_sink *s, const void *ctx)
{
	sigv4_headers_emit_list(s, (const sigv4_headers *)ctx);
}

/* Independent of the model: the shape of every line. */
static void
check_lines(const fz_buf *block)
{
	sigv4_str all = fz_buf_str(block), prev, line;
	size_t i, n;

	prev.ptr = NULL;
	prev.len = 0;
	for (n = 0; (line = fz_line(all, n)).len > 0; n++) {
		const char *colon = (const char *)memchr(line.ptr, ':', line.len);
		sigv4_str name, value;

		FZ_CHECK(colon != NULL && colon > line.ptr, "line without a name");
		name.ptr = line.ptr;
		name.len = (size_t)(colon - line.ptr);
		value.ptr = colon + 1;
		value.len = line.len - name.len - 1;
		for (i = 0; i < name.len; i++) {
			FZ_CHECK(model_is_tchar((unsigned char)name.ptr[i])
				&& !(name.ptr[i] >= 'A' && name.ptr[i] <= 'Z'),
				"name '%.*s' not a lowercase token", (int)name.len, name.ptr);
		}
		if (prev.len > 0) {
			size_t m = prev.len < name.len ? prev.len : name.len;
			int r = memcmp(prev.ptr, name.ptr, m);

			FZ_CHECK(r < 0 || (r == 0 && prev.len < name.len),
				"names not strictly ascending");
		}
		for (i = 0; i < value.len; i++) {
			char c = value.ptr[i];

			FZ_CHECK(c != '\r' && c != '\t'
				&& !(c == ' ' && (i == 0 || i + 1 == value.len
					|| value.ptr[i + 1] == ' ')),
				"value of %.*s not folded", (int)name.len, name.ptr);
		}
		prev = name;
	}
	FZ_CHECK(block->len == 0 || block->p[block->len - 1] == '\n',
		"block does not end with a line break");
	FZ_CHECK(fz_line(all, n).ptr == all.ptr + all.len || all.len == 0,
		"empty line inside the block");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *extra_names[SIGV4_MAX_EXTRA] = {
		"x-amz-content-sha256", "x-amz-date", "x-amz-security-token",
	};
	fz_pool pool;
	fz_reader rd;
	sigv4_request req;
	sigv4_params params;
	sigv4_headers h;
	sigv4_header *hs, extra[SIGV4_MAX_EXTRA];
	fz_buf block, list, want_block, want_list;
	uint32_t expected;
	size_t i, nextra;
	unsigned opt;
	int s3_session, rc;

	fz_pool_init(&pool);
	fz_reader_init(&rd, data, size);
	opt = fz_u8(&rd);
	memset(&params, 0, sizeof params);
	params.flags = ((opt & 1) ? SIGV4_SIGN_ALL_HEADERS : 0)
		| ((opt & 2) ? SIGV4_SIGN_LISTED_ONLY : 0);
	nextra = (opt >> 2) & 3;
	s3_session = (opt & 0x10) != 0;
	extra_names[2] = s3_session ? "x-amz-s3session-token"
		: "x-amz-security-token";
	params.signed_headers = fz_split(&pool, fz_field(&rd), ',',
		&params.signed_header_count);
	params.unsigned_headers = fz_split(&pool, fz_field(&rd), ',',
		&params.unsigned_header_count);
	memset(&req, 0, sizeof req);
	hs = fz_headers(&pool, &rd, &req.header_count);
	req.headers = hs;

	expected = model_header_errors(&req, s3_session);
	rc = sigv4_headers_check(&req, extra_names[2]);
	FZ_CHECK(expected == 0 ? rc == SIGV4_OK
		: rc != SIGV4_OK && (expected & MODEL_BIT(rc)),
		"sigv4_headers_check returned %s; model error set 0x%lx",
		sigv4_errname(rc), (unsigned long)expected);
	for (i = 0; i < req.header_count; i++) {
		FZ_CHECK(sigv4_header_signed(hs[i].name, &params)
			== model_header_signed(hs[i].name, &params),
			"policy differs from the model for '%.*s'",
			(int)hs[i].name.len, hs[i].name.ptr);
	}
	if (rc != SIGV4_OK) {
		fz_pool_free(&pool);
		return 0;
	}

	h.req = &req;
	h.params = &params;
	h.extra_count = nextra;
	for (i = 0; i < nextra; i++) {
		h.extra[i].name = fz_cstr(extra_names[i]);
		h.extra[i].value = fz_cstr(" 20150830T123600Z ");
		extra[i].name = h.extra[i].name;
		extra[i].value = h.extra[i].value;
	}
	h.order = (uint32_t *)fz_alloc(&pool,
		(req.header_count + SIGV4_MAX_EXTRA) * sizeof *h.order);
	sigv4_headers_select(&h);

	fz_buf_init(&block);
	fz_buf_init(&list);
	fz_buf_init(&want_block);
	fz_buf_init(&want_list);
	fz_run_stage(&block, emit_block, &h);
	fz_run_stage(&list, emit_list, &h);
	FZ_CHECK(list.len <= sigv4_headers_list_max(&req),
		"signed-header list of %lu bytes, bound %lu",
		(unsigned long)list.len, (unsigned long)sigv4_headers_list_max(&req));
	model_headers(&want_block, &want_list, hs, req.header_count, &params,
		extra, nextra);
	FZ_CHECK(fz_str_eq(fz_buf_str(&block), fz_buf_str(&want_block)),
		"header block differs from the model:\n--- model\n%.*s--- library\n"
		"%.*s", (int)want_block.len, want_block.p, (int)block.len, block.p);
	FZ_CHECK(fz_str_eq(fz_buf_str(&list), fz_buf_str(&want_list)),
		"signed-header list differs from the model");
	check_lines(&block);

	fz_buf_free(&block);
	fz_buf_free(&list);
	fz_buf_free(&want_block);
	fz_buf_free(&want_list);
	fz_pool_free(&pool);
	return 0;
}
