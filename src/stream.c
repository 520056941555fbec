/*
 * stream.c: the signatures of a streamed body (sigv4.h, "Streaming"):
 * the strings to sign of chunks, trailers and event-stream messages, the
 * SigV4 signature of any string to sign, and the aws-chunked framing
 * (header lines, trailer block, encoded length). The stages are the
 * request's: a string to sign built from the key's scope, then the
 * algorithm's signature (here, or sigv4a_signature() in sigv4a.c).
 */
#include <string.h>

#include "inner.h"

#define EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define TRAILER_SIGNATURE "x-amz-trailer-signature:"
#define CHUNK_SIGNATURE ";chunk-signature="
/* The encoded :date header of an event: name length, ":date", type 8
 * (timestamp), then the time as a big-endian int64 of milliseconds. */
#define EVENT_DATE_PREFIX "\x05:date\x08"
#define EVENT_DATE_HEADER_LEN (sizeof EVENT_DATE_PREFIX - 1 + 8)
/* The largest decoded length (2^53 - 1: what JS numbers hold exactly). */
#define DECODED_MAX ((UINT64_C(1) << 53) - 1)

/* see sigv4.h */
size_t
sigv4_chunk_signature_width(int algorithm)
{
	if (algorithm < 0) {
		return 0;
	}
	return algorithm == SIGV4_ALG_HMAC_SHA256 ? 64 : SIGV4A_SIGNATURE_HEX_MAX;
}

/* The previous signature without its '*' padding: lowercase hex. */
static int
previous_check(sigv4_str *prev)
{
	size_t i;

	if (prev->ptr == NULL && prev->len > 0) {
		return SIGV4_ERR_PARAM;
	}
	while (prev->len > 0 && prev->ptr[prev->len - 1] == '*') {
		prev->len--;
	}
	if (prev->len > SIGV4A_SIGNATURE_HEX_MAX) {
		return SIGV4_ERR_PREVIOUS;
	}
	for (i = 0; i < prev->len; i++) {
		unsigned char c = (unsigned char)prev->ptr[i];

		if (sigv4_hexval(c) < 0 || (c >= 'A' && c <= 'F')) {
			return SIGV4_ERR_PREVIOUS;
		}
	}
	return SIGV4_OK;
}

/*
 * The part every streaming string to sign shares: "<alg><suffix>\n<date>
 * \n<scope>\n<previous>", the sink left open for the hashes.
 */
static int
sts_start(sigv4_sink *s, char *out, size_t *out_len, const sigv4_key *key,
	const char *suffix, sigv4_str amz_date, sigv4_str *previous,
	const void *hash)
{
	int err;

	if (out_len != NULL) {
		*out_len = 0;
	}
	if (out == NULL || out_len == NULL || key == NULL || hash == NULL
		|| key->algorithm >= SIGV4_ALG_END_)
	{
		return SIGV4_ERR_PARAM;
	}
	if ((err = sigv4_amz_date_check(amz_date)) != SIGV4_OK) {
		return err;
	}
	if (memcmp(amz_date.ptr, key->date, 8) != 0) {
		return SIGV4_ERR_KEY_SCOPE;
	}
	if ((err = previous_check(previous)) != SIGV4_OK) {
		return err;
	}
	sigv4_sink_init(s, 0, out, SIGV4_STREAM_STRING_TO_SIGN_MAX);
	sigv4_sink_puts(s, sigv4_alg_names[key->algorithm]);
	sigv4_sink_puts(s, suffix);
	sigv4_sink_put(s, '\n');
	sigv4_sink_write(s, amz_date.ptr, amz_date.len);
	sigv4_sink_put(s, '\n');
	sigv4_scope_emit(s, key);
	sigv4_sink_put(s, '\n');
	sigv4_sink_write(s, previous->ptr, previous->len);
	return SIGV4_OK;
}

/* "\n<hex of the 32 bytes>" */
static void
put_hash(sigv4_sink *s, const uint8_t hash[32])
{
	char hex[64];

	sigv4_hex(hex, hash, 32);
	sigv4_sink_put(s, '\n');
	sigv4_sink_write(s, hex, sizeof hex);
}

static int
sts_end(sigv4_sink *s, size_t *out_len)
{
	sigv4_sink_flush(s);
	*out_len = s->len;
	return SIGV4_OK;
}

/* see sigv4.h */
int
sigv4_chunk_string_to_sign(char *out, size_t *out_len, const sigv4_key *key,
	sigv4_str amz_date, sigv4_str previous, const uint8_t chunk_sha256[32])
{
	sigv4_sink s;
	int err;

	err = sts_start(&s, out, out_len, key, "-PAYLOAD", amz_date, &previous,
		chunk_sha256);
	if (err != SIGV4_OK) {
		return err;
	}
	sigv4_sink_puts(&s, "\n" EMPTY_SHA256);
	put_hash(&s, chunk_sha256);
	return sts_end(&s, out_len);
}

/* ------------------------------------------------------------------ */
/* Trailers                                                            */

/* Names ASCII-lowercased byte by byte. */
static int
name_cmp(sigv4_str a, sigv4_str b)
{
	size_t i, n = a.len < b.len ? a.len : b.len;

	for (i = 0; i < n; i++) {
		int d = (int)sigv4_lower((unsigned char)a.ptr[i])
			- (int)sigv4_lower((unsigned char)b.ptr[i]);

		if (d != 0) {
			return d;
		}
	}
	return (a.len > b.len) - (a.len < b.len);
}

/*
 * The trailers checked and their order by name into order[]: 0 to
 * SIGV4_TRAILERS_MAX with distinct token names and values without NUL,
 * CR or LF.
 */
static int
trailers_sort(uint8_t order[SIGV4_TRAILERS_MAX], const sigv4_header *t,
	size_t count)
{
	size_t i, j;

	if (count > SIGV4_TRAILERS_MAX || (t == NULL && count > 0)) {
		return SIGV4_ERR_TRAILER;
	}
	for (i = 0; i < count; i++) {
		if (!sigv4_is_token(t[i].name)
			|| (t[i].value.ptr == NULL && t[i].value.len > 0)
			|| sigv4_has_bytes(t[i].value, "\0\r\n", 3))
		{
			return SIGV4_ERR_TRAILER;
		}
		/* Insertion: few entries. */
		for (j = i; j > 0; j--) {
			int d = name_cmp(t[order[j - 1]].name, t[i].name);

			if (d == 0) {
				return SIGV4_ERR_TRAILER;
			}
			if (d < 0) {
				break;
			}
			order[j] = order[j - 1];
		}
		order[j] = (uint8_t)i;
	}
	return SIGV4_OK;
}

/* "<name>:<value><eol>" for each trailer in order, as canonical headers
 * are written. */
static void
trailers_emit(sigv4_sink *s, const uint8_t *order, const sigv4_header *t,
	size_t count, const char *eol)
{
	size_t i;

	for (i = 0; i < count; i++) {
		const sigv4_header *h = &t[order[i]];

		sigv4_sink_write_lower(s, h->name.ptr, h->name.len);
		sigv4_sink_put(s, ':');
		sigv4_header_value_emit(s, h->value);
		sigv4_sink_puts(s, eol);
	}
}

/* see sigv4.h */
int
sigv4_trailer_string_to_sign(char *out, size_t *out_len,
	const sigv4_key *key, sigv4_str amz_date, sigv4_str previous,
	const sigv4_header *trailers, size_t count)
{
	uint8_t order[SIGV4_TRAILERS_MAX];
	char hex[64];
	sigv4_sink s, canon;
	int err;

	if (out_len != NULL) {
		*out_len = 0;
	}
	if (count == 0 || trailers_sort(order, trailers, count) != SIGV4_OK) {
		return SIGV4_ERR_TRAILER;
	}
	err = sts_start(&s, out, out_len, key, "-TRAILER", amz_date, &previous,
		trailers);
	if (err != SIGV4_OK) {
		return err;
	}
	sigv4_sink_init(&canon, 1, NULL, 0);
	trailers_emit(&canon, order, trailers, count, "\n");
	sigv4_sink_hex(&canon, hex);
	sigv4_sink_put(&s, '\n');
	sigv4_sink_write(&s, hex, sizeof hex);
	return sts_end(&s, out_len);
}

/* see sigv4.h */
int
sigv4_trailer_block(char *out, size_t out_cap, size_t *out_len,
	const sigv4_header *trailers, size_t count, sigv4_str signature,
	size_t width)
{
	uint8_t order[SIGV4_TRAILERS_MAX];
	sigv4_sink s;
	int err, fits;

	if (out_len != NULL) {
		*out_len = 0;
	}
	if (out_len == NULL || (out == NULL && out_cap > 0)
		|| signature.len > width
		|| (signature.ptr == NULL && signature.len > 0))
	{
		return SIGV4_ERR_PARAM;
	}
	if ((err = trailers_sort(order, trailers, count)) != SIGV4_OK) {
		return err;
	}
	sigv4_sink_init(&s, 0, out, out_cap);
	trailers_emit(&s, order, trailers, count, "\r\n");
	if (width > 0 && count > 0) {
		sigv4_sink_puts(&s, TRAILER_SIGNATURE);
		sigv4_sink_write(&s, signature.ptr, signature.len);
		for (size_t i = signature.len; i < width; i++) {
			sigv4_sink_put(&s, '*');
		}
		sigv4_sink_puts(&s, "\r\n");
	}
	sigv4_sink_puts(&s, "\r\n");
	fits = sigv4_sink_fits(&s);
	*out_len = s.len;
	if (!fits) {
		if (out != NULL) {
			memset(out, 0, out_cap);
		}
		return SIGV4_ERR_SPACE;
	}
	return SIGV4_OK;
}

/* ------------------------------------------------------------------ */
/* Events                                                              */

/* see sigv4.h */
int
sigv4_event_string_to_sign(char *out, size_t *out_len, const sigv4_key *key,
	sigv4_str amz_date, sigv4_str previous, int64_t date_ms,
	const uint8_t message_sha256[32])
{
	unsigned char header[EVENT_DATE_HEADER_LEN];
	uint64_t ms = (uint64_t)date_ms;
	uint8_t hash[32];
	sigv4_sha256 h;
	sigv4_sink s;
	size_t i;
	int err;

	err = sts_start(&s, out, out_len, key, "-PAYLOAD", amz_date, &previous,
		message_sha256);
	if (err != SIGV4_OK) {
		return err;
	}
	memcpy(header, EVENT_DATE_PREFIX, sizeof EVENT_DATE_PREFIX - 1);
	for (i = 0; i < 8; i++) {
		header[EVENT_DATE_HEADER_LEN - 1 - i] = (unsigned char)(ms >> (8 * i));
	}
	sigv4_sha256_init(&h);
	sigv4_sha256_update(&h, header, sizeof header);
	sigv4_sha256_out(&h, hash);
	put_hash(&s, hash);
	put_hash(&s, message_sha256);
	return sts_end(&s, out_len);
}

/* see sigv4.h */
int
sigv4_signature(char out[64], size_t *out_len, const sigv4_key *key,
	sigv4_str string_to_sign)
{
	uint8_t mac[32];

	if (out_len != NULL) {
		*out_len = 0;
	}
	if (out == NULL || out_len == NULL || key == NULL
		|| (string_to_sign.ptr == NULL && string_to_sign.len > 0))
	{
		return SIGV4_ERR_PARAM;
	}
	if (key->algorithm != SIGV4_ALG_HMAC_SHA256) {
		return SIGV4_ERR_KEY_ALGORITHM;
	}
	sigv4_hmac_pads(mac, key->hmac_pads, string_to_sign.ptr,
		string_to_sign.len);
	sigv4_hex(out, mac, sizeof mac);
	sigv4_wipe(mac, sizeof mac);
	*out_len = 64;
	return SIGV4_OK;
}

/* ------------------------------------------------------------------ */
/* Framing                                                             */

/* Lowercase hex digits of n without leading zeros ("0" for 0). */
static size_t
hex_size(char out[16], uint64_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t len = 0, i;
	char rev[16];

	do {
		rev[len++] = digits[n & 15];
		n >>= 4;
	} while (n != 0);
	for (i = 0; i < len; i++) {
		out[i] = rev[len - 1 - i];
	}
	return len;
}

/* see sigv4.h */
size_t
sigv4_chunk_header(char *out, uint32_t size, sigv4_str signature,
	size_t width)
{
	size_t len, i;

	if (out == NULL || signature.len > width
		|| (signature.ptr == NULL && signature.len > 0)
		|| (width > 0) != (signature.len > 0)
		|| width > SIGV4A_SIGNATURE_HEX_MAX)
	{
		return 0;
	}
	len = hex_size(out, size);
	if (width > 0) {
		memcpy(out + len, CHUNK_SIGNATURE, sizeof CHUNK_SIGNATURE - 1);
		len += sizeof CHUNK_SIGNATURE - 1;
		memcpy(out + len, signature.ptr, signature.len);
		for (i = signature.len; i < width; i++) {
			out[len + i] = '*';
		}
		len += width;
	}
	out[len++] = '\r';
	out[len++] = '\n';
	return len;
}

/* The framing of one chunk of n bytes: its header line, and the CRLF
 * after its data. */
static uint64_t
chunk_overhead(uint64_t n, size_t width)
{
	char digits[16];
	uint64_t line = hex_size(digits, n) + 4;

	if (width > 0) {
		line += sizeof CHUNK_SIGNATURE - 1 + width;
	}
	return line;
}

/* see sigv4.h */
int
sigv4_chunked_length(uint64_t *out, uint64_t decoded_len,
	uint32_t chunk_size, size_t width, const sigv4_header *trailers,
	size_t count)
{
	uint64_t full, rest, len;
	size_t block;
	int err;

	if (out == NULL || width > SIGV4A_SIGNATURE_HEX_MAX) {
		return SIGV4_ERR_PARAM;
	}
	*out = 0;
	if (chunk_size < SIGV4_CHUNK_SIZE_MIN || chunk_size > SIGV4_CHUNK_SIZE_MAX
		|| decoded_len > DECODED_MAX)
	{
		return SIGV4_ERR_CHUNK_SIZE;
	}
	/* The block's length does not depend on the signature's digits. */
	err = sigv4_trailer_block(NULL, 0, &block, trailers, count,
		(sigv4_str){ NULL, 0 }, width);
	if (err != SIGV4_OK && err != SIGV4_ERR_SPACE) {
		return err;
	}
	full = decoded_len / chunk_size;
	rest = decoded_len % chunk_size;
	/* The full chunks, the partial one, and the final one: its header,
	 * then the block (the CRLF of its empty data is the block's last). */
	len = decoded_len + full * chunk_overhead(chunk_size, width);
	if (rest > 0) {
		len += chunk_overhead(rest, width);
	}
	*out = len + chunk_overhead(0, width) - 2 + block;
	return SIGV4_OK;
}
