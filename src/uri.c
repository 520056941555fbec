/*
 * uri.c: the canonical path.
 *
 * Two encodings, chosen by the caller (or by the service's default):
 *
 *   double (every service but S3): the path bytes as given are encoded,
 *     '%' included. A wire path "/a%20b" is signed as "/a%2520b", which
 *     is what AWS computes from the same wire path.
 *   single (S3): the path is encoded once. A valid %XX is decoded and
 *     re-encoded (so "%3c" becomes "%3C" and "%7E" becomes "~"), any other
 *     byte is encoded unless it is unreserved or '/'. Raw and
 *     already-encoded paths thus give the same result, the one S3 computes
 *     from the decoded key.
 */
#include "inner.h"

size_t
sigv4_path_scratch(size_t path_len)
{
	/* The output never grows beyond the input, plus a leading '/'. */
	return path_len + 1;
}

size_t
sigv4_path_normalize(char *out, const char *path, size_t len)
{
	size_t o = 0, i = 0;

	while (i < len) {
		size_t start, seg;

		while (i < len && path[i] == '/') {
			i++;
		}
		start = i;
		while (i < len && path[i] != '/') {
			i++;
		}
		seg = i - start;
		if (seg == 0 || (seg == 1 && path[start] == '.')) {
			continue;
		}
		if (seg == 2 && path[start] == '.' && path[start + 1] == '.') {
			/* Drop the last segment, if any: "/a/.." is "/". */
			while (o > 0 && out[--o] != '/') {
				;
			}
			continue;
		}
		out[o++] = '/';
		while (start < i) {
			out[o++] = path[start++];
		}
	}
	if (o == 0) {
		out[o++] = '/';
	} else if (len > 0 && path[len - 1] == '/') {
		out[o++] = '/';
	}
	return o;
}

void
sigv4_path_emit(sigv4_sink *s, const char *path, size_t len, int single)
{
	size_t i;

	if (len == 0) {
		sigv4_sink_put(s, '/');
		return;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)path[i];

		if (sigv4_is_unreserved(c) || c == '/') {
			sigv4_sink_put(s, c);
			continue;
		}
		if (single && c == '%' && i + 2 < len
			&& sigv4_hexval((unsigned char)path[i + 1]) >= 0
			&& sigv4_hexval((unsigned char)path[i + 2]) >= 0)
		{
			c = (unsigned char)(sigv4_hexval((unsigned char)path[i + 1]) * 16
				+ sigv4_hexval((unsigned char)path[i + 2]));
			i += 2;
			/* A decoded '/' stays encoded: it is part of a segment. */
			if (sigv4_is_unreserved(c)) {
				sigv4_sink_put(s, c);
				continue;
			}
		}
		sigv4_sink_pct(s, c);
	}
}
