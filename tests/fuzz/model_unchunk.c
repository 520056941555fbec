/*
 * model_unchunk.c: a whole-buffer model of the aws-chunked decoder, from
 * the rules in src/sigv4.h ("Streaming" and "Verifying aws-chunked
 * bodies"): the body is read from one buffer, line by line, its
 * signatures recomputed with the model's own HMAC and strings to sign,
 * its CRCs bit by bit. The first fault in body order gives the error.
 */
#include <string.h>

#include "model.h"

#define EMPTY_SHA256_HEX \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* Reflected CRC, bit by bit: crc32 (0xEDB88320) and crc32c (0x82F63B78). */
static uint32_t
crc_bits(uint32_t poly, const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++) {
			c = (c >> 1) ^ ((c & 1) ? poly : 0);
		}
	}
	return c ^ 0xFFFFFFFFu;
}

static void
base64(fz_buf *out, const uint8_t *p, size_t n)
{
	static const char abc[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;

		if (i + 1 < n) {
			v |= (uint32_t)p[i + 1] << 8;
		}
		if (i + 2 < n) {
			v |= p[i + 2];
		}
		fz_put(out, (unsigned char)abc[v >> 18]);
		fz_put(out, (unsigned char)abc[(v >> 12) & 63]);
		fz_put(out, i + 1 < n ? (unsigned char)abc[(v >> 6) & 63] : '=');
		fz_put(out, i + 2 < n ? (unsigned char)abc[v & 63] : '=');
	}
}

/* The x-amz-checksum-* value of data, for the algorithms the model
 * knows; 0 for another. */
static int
checksum_value(fz_buf *out, const char *alg, const fz_buf *data)
{
	uint8_t d[32];
	uint32_t c;

	if (strcmp(alg, "crc32") == 0 || strcmp(alg, "crc32c") == 0) {
		c = crc_bits(alg[5] ? 0x82F63B78u : 0xEDB88320u,
			(const uint8_t *)data->p, data->len);
		d[0] = (uint8_t)(c >> 24);
		d[1] = (uint8_t)(c >> 16);
		d[2] = (uint8_t)(c >> 8);
		d[3] = (uint8_t)c;
		base64(out, d, 4);
		return 1;
	}
	if (strcmp(alg, "sha256") == 0) {
		sigv4_sha256 h;

		sigv4_sha256_init(&h);
		sigv4_sha256_update(&h, data->p, data->len);
		sigv4_sha256_out(&h, d);
		base64(out, d, 32);
		return 1;
	}
	return 0;
}

static int
name_is(sigv4_str a, const char *lower)
{
	size_t i, n = strlen(lower);

	if (a.len != n) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)a.ptr[i];

		if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c + 32);
		}
		if (c != (unsigned char)lower[i]) {
			return 0;
		}
	}
	return 1;
}

static void
lower_copy(char *out, sigv4_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		char c = s.ptr[i];

		out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[s.len] = 0;
}

static int
is_token(sigv4_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (!model_is_tchar((unsigned char)s.ptr[i])) {
			return 0;
		}
	}
	return s.len > 0;
}

/* "<alg-line>\n<date>\n<scope>\n<prev>\n<rest>" signed with kSigning,
 * compared with the 64 bytes sent. */
static int
signature_ok(const model_unchunk_in *in, const char *alg_line,
	sigv4_str prev, const char *rest, const char *sent)
{
	fz_buf sts;
	uint8_t mac[32];
	char hex[64];

	fz_buf_init(&sts);
	fz_puts(&sts, alg_line);
	fz_put(&sts, '\n');
	fz_put_str(&sts, in->amz_date);
	fz_put(&sts, '\n');
	fz_put_str(&sts, in->scope);
	fz_put(&sts, '\n');
	fz_put_str(&sts, prev);
	fz_put(&sts, '\n');
	fz_puts(&sts, rest);
	model_hmac(mac, in->signing_key, 32, sts.p, sts.len);
	model_hex(hex, mac, 32);
	fz_buf_free(&sts);
	return memcmp(hex, sent, 64) == 0;
}

/* The next line at pos: its length with the LF (0: none within max bytes
 * of what is there). *cut: the body ended before max bytes. */
static size_t
next_line(const uint8_t *b, size_t len, size_t pos, size_t max, int *cut)
{
	size_t i;

	for (i = pos; i < len && i - pos < max; i++) {
		if (b[i] == '\n') {
			return i - pos + 1;
		}
	}
	*cut = i - pos < max;
	return 0;
}

/* The announced names: SIGV4_OK or the init's error; which is the
 * checksum (-1: none). */
static int
check_names(const model_unchunk_in *in, int *sum)
{
	size_t i, j, total = 0;

	*sum = -1;
	if (in->count > SIGV4_TRAILERS_MAX) {
		return SIGV4_ERR_TRAILER;
	}
	for (i = 0; i < in->count; i++) {
		char lower[300];
		sigv4_str n = in->names[i];

		total += n.len;
		if (!is_token(n) || total > SIGV4_TRAILER_NAMES_MAX
			|| name_is(n, "x-amz-trailer-signature"))
		{
			return SIGV4_ERR_TRAILER;
		}
		lower_copy(lower, n);
		for (j = 0; j < i; j++) {
			if (name_is(in->names[j], lower)) {
				return SIGV4_ERR_TRAILER;
			}
		}
		if (n.len > 15 && strncmp(lower, "x-amz-checksum-", 15) == 0) {
			static const char *const known[] = {
				"crc32", "crc32c", "crc64nvme", "sha1", "sha256",
			};
			int ok = 0;

			for (j = 0; j < 5; j++) {
				ok |= strcmp(lower + 15, known[j]) == 0;
			}
			if (!ok) {
				return SIGV4_ERR_CHECKSUM;
			}
			if (*sum >= 0) {
				return SIGV4_ERR_TRAILER;
			}
			*sum = (int)i;
		}
	}
	if (!in->is_signed && *sum < 0) {
		return SIGV4_ERR_TRAILER;
	}
	return SIGV4_OK;
}

typedef struct {
	fz_buf value[SIGV4_TRAILERS_MAX];
	int seen[SIGV4_TRAILERS_MAX];
	int signature_seen;
} trailers;

/* The canonical trailers hashed: names sorted, values folded. */
static void
trailer_hash_hex(char hex[64], const model_unchunk_in *in, trailers *t)
{
	char lower[SIGV4_TRAILERS_MAX][300];
	size_t order[SIGV4_TRAILERS_MAX], i, j;
	fz_buf canon;

	for (i = 0; i < in->count; i++) {
		lower_copy(lower[i], in->names[i]);
		order[i] = i;
	}
	for (i = 1; i < in->count; i++) {
		for (j = i; j > 0 && strcmp(lower[order[j - 1]], lower[order[j]]) > 0; j--) {
			size_t x = order[j];

			order[j] = order[j - 1];
			order[j - 1] = x;
		}
	}
	fz_buf_init(&canon);
	for (i = 0; i < in->count; i++) {
		fz_puts(&canon, lower[order[i]]);
		fz_put(&canon, ':');
		model_fold(&canon, fz_buf_str(&t->value[order[i]]));
		fz_put(&canon, '\n');
	}
	model_sha256_hex(hex, canon.p, canon.len);
	fz_buf_free(&canon);
}

/* One trailer line (without its CRLF); SIGV4_OK or the error. */
static int
trailer_line(const model_unchunk_in *in, trailers *t, sigv4_str prev,
	const char *line, size_t n)
{
	const char *colon = memchr(line, ':', n);
	sigv4_str name, value;
	size_t i;
	int all = 1;

	if (t->signature_seen || colon == NULL) {
		return SIGV4_ERR_TRAILER;
	}
	name = fz_view(line, (size_t)(colon - line));
	value = fz_view(colon + 1, n - name.len - 1);
	while (value.len > 0 && (*value.ptr == ' ' || *value.ptr == '\t')) {
		value.ptr++;
		value.len--;
	}
	while (value.len > 0 && (value.ptr[value.len - 1] == ' '
		|| value.ptr[value.len - 1] == '\t'))
	{
		value.len--;
	}
	if (!is_token(name) || memchr(value.ptr, 0, value.len) != NULL
		|| memchr(value.ptr, '\r', value.len) != NULL)
	{
		return SIGV4_ERR_TRAILER;
	}
	for (i = 0; i < in->count; i++) {
		all &= t->seen[i];
	}
	if (name_is(name, "x-amz-trailer-signature")) {
		char hex[64], rest[65];

		if (!in->is_signed || in->count == 0 || !all || value.len != 64) {
			return SIGV4_ERR_TRAILER;
		}
		t->signature_seen = 1;
		trailer_hash_hex(hex, in, t);
		memcpy(rest, hex, 64);
		rest[64] = 0;
		return signature_ok(in, "AWS4-HMAC-SHA256-TRAILER", prev, rest,
			value.ptr) ? SIGV4_OK : SIGV4_ERR_CHUNK_SIGNATURE;
	}
	for (i = 0; i < in->count; i++) {
		char lower[300];

		lower_copy(lower, in->names[i]);
		if (name_is(name, lower)) {
			if (t->seen[i]) {
				return SIGV4_ERR_TRAILER;
			}
			t->seen[i] = 1;
			fz_put_str(&t->value[i], value);
			return SIGV4_OK;
		}
	}
	return SIGV4_ERR_TRAILER;
}

/* A chunk header line (without its CRLF): the size, or an error. */
static int
header_line(const model_unchunk_in *in, const char *line, size_t n,
	uint64_t remaining, uint64_t *size, const char **sig)
{
	static const char tag[] = ";chunk-signature=";
	size_t d = 0;

	*size = 0;
	while (d < n && ((line[d] >= '0' && line[d] <= '9')
		|| (line[d] >= 'a' && line[d] <= 'f')))
	{
		d++;
	}
	if (d == 0 || d > 16 || (d > 1 && line[0] == '0')) {
		return SIGV4_ERR_CHUNK;
	}
	if (in->is_signed) {
		if (n != d + 17 + 64 || memcmp(line + d, tag, 17) != 0) {
			return SIGV4_ERR_CHUNK;
		}
		*sig = line + d + 17;
	} else if (n != d) {
		return SIGV4_ERR_CHUNK;
	}
	for (size_t i = 0; i < d; i++) {
		*size = *size * 16 + (uint64_t)model_hex_digit((unsigned char)line[i]);
	}
	if (*size > remaining || (*size == 0 && remaining > 0)) {
		return SIGV4_ERR_DECODED_LENGTH;
	}
	if (*size > 0 && *size < 8192 && *size != remaining) {
		return SIGV4_ERR_CHUNK;
	}
	return SIGV4_OK;
}

int
model_unchunk(const model_unchunk_in *in, const uint8_t *b, size_t len,
	fz_buf *out)
{
	char prev[64];
	sigv4_str pv = fz_view(in->seed.ptr, in->seed.len);
	uint64_t remaining = in->decoded;
	size_t pos = 0, n, i;
	trailers t;
	int err, sum, cut = 0;

	out->len = 0;
	if ((err = check_names(in, &sum)) != SIGV4_OK) {
		return err;
	}
	/* The chunks. */
	for (;;) {
		const char *sig = NULL;
		uint64_t size;

		n = next_line(b, len, pos, SIGV4_CHUNK_HEADER_MAX, &cut);
		if (n == 0) {
			return SIGV4_ERR_CHUNK;  /* too long, or cut */
		}
		if (n < 2 || b[pos + n - 2] != '\r') {
			return SIGV4_ERR_CHUNK;
		}
		err = header_line(in, (const char *)b + pos, n - 2, remaining,
			&size, &sig);
		if (err != SIGV4_OK) {
			return err;
		}
		pos += n;
		if (size > len - pos) {
			return SIGV4_ERR_CHUNK;  /* cut inside the data */
		}
		if (in->is_signed) {
			char rest[64 + 1 + 64 + 1];

			memcpy(rest, EMPTY_SHA256_HEX "\n", 65);
			model_sha256_hex(rest + 65, b + pos, (size_t)size);
			rest[129] = 0;
			if (!signature_ok(in, "AWS4-HMAC-SHA256-PAYLOAD", pv, rest, sig)) {
				return SIGV4_ERR_CHUNK_SIGNATURE;
			}
			memcpy(prev, sig, 64);
			pv = fz_view(prev, 64);
		}
		if (size == 0) {
			break;
		}
		fz_write(out, b + pos, (size_t)size);
		remaining -= size;
		pos += (size_t)size;
		if (len - pos < 2 || b[pos] != '\r' || b[pos + 1] != '\n') {
			return SIGV4_ERR_CHUNK;
		}
		pos += 2;
	}
	/* The trailers, to the empty line. */
	memset(&t, 0, sizeof t);
	for (i = 0; i < SIGV4_TRAILERS_MAX; i++) {
		fz_buf_init(&t.value[i]);
	}
	for (;;) {
		n = next_line(b, len, pos, SIGV4_TRAILER_LINE_MAX, &cut);
		if (n == 0) {
			err = cut ? SIGV4_ERR_CHUNK : SIGV4_ERR_TRAILER;
			break;
		}
		if (n < 2 || b[pos + n - 2] != '\r') {
			err = SIGV4_ERR_CHUNK;
			break;
		}
		if (n == 2) {
			int all = 1;

			for (i = 0; i < in->count; i++) {
				all &= t.seen[i];
			}
			err = SIGV4_OK;
			if (!all || (in->is_signed && in->count > 0 && !t.signature_seen)) {
				err = SIGV4_ERR_TRAILER;
			} else if (sum >= 0) {
				char alg[300];
				fz_buf want;

				fz_buf_init(&want);
				lower_copy(alg, in->names[sum]);
				/* Algorithms the model cannot compute never match. */
				if (!checksum_value(&want, alg + 15, out)
					|| !fz_str_eq(fz_buf_str(&want), fz_buf_str(&t.value[sum])))
				{
					err = SIGV4_ERR_CHECKSUM_MISMATCH;
				}
				fz_buf_free(&want);
			}
			if (err == SIGV4_OK && pos + n != len) {
				err = SIGV4_ERR_CHUNK;  /* bytes after the end */
			}
			break;
		}
		err = trailer_line(in, &t, pv, (const char *)b + pos, n - 2);
		if (err != SIGV4_OK) {
			break;
		}
		pos += n;
	}
	for (i = 0; i < SIGV4_TRAILERS_MAX; i++) {
		fz_buf_free(&t.value[i]);
	}
	return err;
}
