/*
 * headers.c: canonical headers and the signed-header list.
 *
 * Names are compared and emitted lowercased; values are trimmed and each
 * inner run of whitespace (including obs-fold line breaks) becomes one
 * space; repeated names are joined with ',' in input order.
 */
#include "inner.h"

/* The AWS SDK's unsignable headers (plus proxy-* and sec-*): hop-by-hop
 * or rewritten by browsers and proxies, so signing them breaks requests. */
static const char *const unsignable[] = {
	"authorization", "cache-control", "connection", "expect", "from",
	"keep-alive", "max-forwards", "pragma", "referer", "te", "trailer",
	"transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
};

/* Headers the signer sets itself (and the one it puts the token in). */
static const char *const reserved[] = {
	"authorization", "x-amz-date", "x-amz-security-token",
	"x-amz-content-sha256", "x-amz-region-set",
};

static int
has_prefix_lower(sigv4_str s, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i] != 0; i++) {
		if (i >= s.len
			|| sigv4_lower((unsigned char)s.ptr[i]) != (unsigned char)prefix[i])
		{
			return 0;
		}
	}
	return 1;
}

static int
in_list(sigv4_str name, const sigv4_str *list, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (list[i].len != name.len) {
			continue;
		}
		for (j = 0; j < name.len; j++) {
			if (sigv4_lower((unsigned char)list[i].ptr[j])
				!= sigv4_lower((unsigned char)name.ptr[j]))
			{
				break;
			}
		}
		if (j == name.len) {
			return 1;
		}
	}
	return 0;
}

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* NUL is never allowed; CR and LF only as obs-fold (CRLF or LF followed
 * by a space or tab). */
static int
value_ok(sigv4_str v)
{
	size_t i;

	for (i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.ptr[i];

		if (c == 0) {
			return 0;
		}
		if (c == '\r') {
			if (i + 1 >= v.len || v.ptr[i + 1] != '\n') {
				return 0;
			}
			i++;
			c = '\n';
		}
		if (c == '\n'
			&& (i + 1 >= v.len || (v.ptr[i + 1] != ' ' && v.ptr[i + 1] != '\t')))
		{
			return 0;
		}
	}
	return 1;
}

static int
value_blank(sigv4_str v)
{
	size_t i;

	for (i = 0; i < v.len; i++) {
		if (!is_ws((unsigned char)v.ptr[i])) {
			return 0;
		}
	}
	return 1;
}

int
sigv4_headers_check(const sigv4_request *req, const char *token_header)
{
	size_t i, j, hosts = 0;

	if (req->header_count > 0 && req->headers == NULL) {
		return SIGV4_ERR_PARAM;
	}
	for (i = 0; i < req->header_count; i++) {
		sigv4_str name = req->headers[i].name;
		sigv4_str value = req->headers[i].value;

		if (name.ptr == NULL || !sigv4_is_token(name)) {
			return SIGV4_ERR_HEADER_NAME;
		}
		if (value.len > 0 && value.ptr == NULL) {
			return SIGV4_ERR_PARAM;
		}
		if (!value_ok(value)) {
			return SIGV4_ERR_HEADER_VALUE;
		}
		for (j = 0; j < sizeof reserved / sizeof reserved[0]; j++) {
			if (sigv4_eq_lower(name, reserved[j])) {
				return SIGV4_ERR_HEADER_RESERVED;
			}
		}
		if (sigv4_eq_lower(name, token_header)) {
			return SIGV4_ERR_HEADER_RESERVED;
		}
		if (sigv4_eq_lower(name, "host")) {
			if (++hosts > 1 || value_blank(value)) {
				return SIGV4_ERR_HOST;
			}
		}
	}
	return hosts == 1 ? SIGV4_OK : SIGV4_ERR_HOST;
}

int
sigv4_header_signed(sigv4_str name, const sigv4_params *params)
{
	size_t i;

	if (sigv4_eq_lower(name, "host")
		|| in_list(name, params->signed_headers, params->signed_header_count))
	{
		return 1;
	}
	if ((params->flags & SIGV4_SIGN_LISTED_ONLY)
		|| in_list(name, params->unsigned_headers,
			params->unsigned_header_count))
	{
		return 0;
	}
	if (params->flags & SIGV4_SIGN_ALL_HEADERS) {
		return 1;
	}
	for (i = 0; i < sizeof unsignable / sizeof unsignable[0]; i++) {
		if (sigv4_eq_lower(name, unsignable[i])) {
			return 0;
		}
	}
	return !has_prefix_lower(name, "proxy-") && !has_prefix_lower(name, "sec-");
}

static sigv4_str
header_name(const sigv4_headers *h, uint32_t idx)
{
	if (idx < h->req->header_count) {
		return h->req->headers[idx].name;
	}
	return h->extra[idx - h->req->header_count].name;
}

static sigv4_str
header_value(const sigv4_headers *h, uint32_t idx)
{
	if (idx < h->req->header_count) {
		return h->req->headers[idx].value;
	}
	return h->extra[idx - h->req->header_count].value;
}

static int
compare_names(sigv4_str a, sigv4_str b)
{
	size_t i, n = a.len < b.len ? a.len : b.len;

	for (i = 0; i < n; i++) {
		unsigned char x = sigv4_lower((unsigned char)a.ptr[i]);
		unsigned char y = sigv4_lower((unsigned char)b.ptr[i]);

		if (x != y) {
			return x < y ? -1 : 1;
		}
	}
	return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

static int
compare_order(const void *pa, const void *pb, void *ctx)
{
	const sigv4_headers *h = (const sigv4_headers *)ctx;
	uint32_t a = *(const uint32_t *)pa;
	uint32_t b = *(const uint32_t *)pb;
	int r = compare_names(header_name(h, a), header_name(h, b));

	/* Equal names keep input order: their values are joined in it. */
	if (r == 0) {
		r = a < b ? -1 : a > b ? 1 : 0;
	}
	return r;
}

void
sigv4_headers_select(sigv4_headers *h)
{
	size_t i, n = 0;

	for (i = 0; i < h->req->header_count; i++) {
		if (sigv4_header_signed(h->req->headers[i].name, h->params)) {
			h->order[n++] = (uint32_t)i;
		}
	}
	for (i = 0; i < h->extra_count; i++) {
		h->order[n++] = (uint32_t)(h->req->header_count + i);
	}
	h->count = n;
	sigv4_heapsort(h->order, n, sizeof h->order[0], compare_order, h);
}

void
sigv4_header_value_emit(sigv4_sink *s, sigv4_str v)
{
	size_t i = 0, end = v.len, run;

	while (i < end && is_ws((unsigned char)v.ptr[i])) {
		i++;
	}
	while (end > i && is_ws((unsigned char)v.ptr[end - 1])) {
		end--;
	}
	/* Runs of other bytes go out in one write (a session token is one
	 * long run); each run of whitespace inside becomes one space. The
	 * trimmed value ends in a non-space, so every space run has an end. */
	while (i < end) {
		/* Whitespace is below 0x21: words without such a byte are skipped
		 * whole (see sigv4_any_below in inner.h), the rest looked at one
		 * by one. */
		for (run = i; end - run >= 8
			&& !sigv4_any_below(sigv4_load64(v.ptr + run), 0x21); run += 8)
		{
		}
		for (; run < end && !is_ws((unsigned char)v.ptr[run]); run++) {
		}
		sigv4_sink_write(s, v.ptr + i, run - i);
		if (run == end) {
			break;
		}
		while (is_ws((unsigned char)v.ptr[run])) {
			run++;
		}
		sigv4_sink_put(s, ' ');
		i = run;
	}
}

static void
emit_name(sigv4_sink *s, sigv4_str name)
{
	sigv4_sink_write_lower(s, name.ptr, name.len);
}

void
sigv4_headers_emit(sigv4_sink *s, const sigv4_headers *h)
{
	size_t i;

	for (i = 0; i < h->count; i++) {
		sigv4_str name = header_name(h, h->order[i]);

		if (i > 0 && compare_names(name, header_name(h, h->order[i - 1])) == 0) {
			sigv4_sink_put(s, ',');
		} else {
			if (i > 0) {
				sigv4_sink_put(s, '\n');
			}
			emit_name(s, name);
			sigv4_sink_put(s, ':');
		}
		sigv4_header_value_emit(s, header_value(h, h->order[i]));
	}
	if (h->count > 0) {
		sigv4_sink_put(s, '\n');
	}
}

void
sigv4_headers_emit_list(sigv4_sink *s, const sigv4_headers *h)
{
	size_t i;

	for (i = 0; i < h->count; i++) {
		sigv4_str name = header_name(h, h->order[i]);

		if (i > 0) {
			if (compare_names(name, header_name(h, h->order[i - 1])) == 0) {
				continue;
			}
			sigv4_sink_put(s, ';');
		}
		emit_name(s, name);
	}
}

size_t
sigv4_headers_list_max(const sigv4_request *req)
{
	/* Every name plus a separator, plus the four the signer adds (the
	 * token under the longer of its two names). */
	size_t i, n = sizeof "x-amz-content-sha256;x-amz-date;x-amz-s3session-token;"
		"x-amz-region-set;";

	for (i = 0; i < req->header_count; i++) {
		n += req->headers[i].name.len + 1;
	}
	return n;
}
