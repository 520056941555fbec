/*
 * test_stream.c: chunk, trailer and event signatures, and the aws-chunked
 * framing, through the public API.
 *
 *   test_stream <s3-doc-examples.json> <aws-c-auth chunked-signing.json>
 *               <aws-c-auth event-signing.json>
 *               <smithy-typescript event-signing.json>
 *               <smithy-rs event-stream.json>
 *
 *   - S3's two streaming examples: every chunk's string to sign, signature
 *     and header line, the trailer's string to sign, signature and wire
 *     bytes, and the encoded lengths (66824; 66946 with the trailer);
 *   - aws-c-auth's trailer of three headers, and its SigV4a chunks: each
 *     signature verifies under the published public key, chained;
 *   - the event vectors of aws-c-auth (a chain of five), smithy-typescript
 *     and smithy-rs (strings to sign, signatures);
 *   - refusals: bad previous signatures, a date of another day, trailers
 *     with bad or duplicate names, chunk sizes out of range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"
#include "suite_util.h"
#include "test_util.h"

static void
sha256_of(uint8_t out[32], const void *p, size_t n)
{
	sigv4_sha256 h;

	sigv4_sha256_init(&h);
	sigv4_sha256_update(&h, p, n);
	sigv4_sha256_out(&h, out);
}

static sigv4_key
key_for(const cJSON *creds, const char *date, const char *region,
	const char *service)
{
	const char *secret = su_json_str(su_json_get(creds, "secret_access_key"));
	sigv4_key key;

	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&key, secret, strlen(secret),
		date, su_cstr(region), su_cstr(service)));
	return key;
}

/*
 * A string to sign just built (sts, len): it must be want_sts, and its
 * SigV4 signature, left in sig, want_sig (NULL: not published).
 */
static void
check_signed(const char *what, const sigv4_key *key, const char *sts,
	size_t len, const char *want_sts, const char *want_sig, char sig[64])
{
	size_t sig_len = 0;

	ASSERT_MEM_EQ(what, want_sts, strlen(want_sts), sts, len);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_signature(sig, &sig_len, key,
		(sigv4_str){ sts, len }));
	if (want_sig != NULL) {
		ASSERT_MEM_EQ(what, want_sig, 64, sig, sig_len);
	}
}

/* One S3 example: chunks of 'a' chained from the seed, then the trailer. */
static void
s3_example(const cJSON *ex, int with_trailer)
{
	const cJSON *exp = su_json_get(ex, "expected");
	const cJSON *chunks = su_json_get(exp, "chunks");
	sigv4_key key = key_for(su_json_get(ex, "credentials"), "20130524",
		"us-east-1", "s3");
	sigv4_str date = su_cstr("20130524T000000Z");
	char prev[64], sts[SIGV4_STREAM_STRING_TO_SIGN_MAX], sig[64];
	char line[SIGV4_CHUNK_HEADER_MAX], want[SIGV4_CHUNK_HEADER_MAX];
	static char data[65536];
	size_t i, len, block_len;
	uint64_t total;
	uint8_t hash[32];

	memset(data, 'a', sizeof data);
	memcpy(prev, su_json_str(su_json_get(exp, "seed_signature")), 64);
	ASSERT_EQ_INT(3, su_json_count(chunks));
	for (i = 0; i < su_json_count(chunks); i++) {
		const cJSON *c = su_json_at(chunks, i);
		uint32_t size = (uint32_t)su_json_num(su_json_get(c, "size"), -1);

		sha256_of(hash, data, size);
		ASSERT_EQ_INT(SIGV4_OK, sigv4_chunk_string_to_sign(sts, &len, &key,
			date, (sigv4_str){ prev, 64 }, hash));
		check_signed("chunk", &key, sts, len,
			su_json_str(su_json_get(c, "string_to_sign")),
			su_json_str(su_json_get(c, "signature")), sig);
		len = sigv4_chunk_header(line, size, (sigv4_str){ sig, 64 }, 64);
		snprintf(want, sizeof want, "%s\r\n",
			su_json_str(su_json_get(c, "chunk_header")));
		ASSERT_MEM_EQ("chunk header", want, strlen(want), line, len);
		memcpy(prev, sig, 64);
	}
	if (!with_trailer) {
		ASSERT_EQ_INT(SIGV4_OK, sigv4_trailer_block(line, sizeof line,
			&block_len, NULL, 0, (sigv4_str){ NULL, 0 }, 64));
		ASSERT_MEM_EQ("no trailers", "\r\n", 2, line, block_len);
		ASSERT_EQ_INT(SIGV4_OK, sigv4_chunked_length(&total, 66560, 65536,
			64, NULL, 0));
		ASSERT_EQ_INT((long long)su_json_num(su_json_get(exp,
			"encoded_content_length"), -1), (long long)total);
	} else {
		const cJSON *t = su_json_get(exp, "trailer");
		sigv4_header trailer = { su_cstr("x-amz-checksum-crc32c"),
			su_cstr("sOO8/Q==") };
		const char *wire = su_json_str(su_json_get(t,
			"wire_bytes_after_final_chunk"));
		char block[256];

		ASSERT_EQ_INT(SIGV4_OK, sigv4_trailer_string_to_sign(sts, &len, &key,
			date, (sigv4_str){ prev, 64 }, &trailer, 1));
		check_signed("trailer", &key, sts, len,
			su_json_str(su_json_get(t, "string_to_sign")),
			su_json_str(su_json_get(t, "signature")), sig);
		ASSERT_EQ_INT(SIGV4_OK, sigv4_trailer_block(block, sizeof block,
			&block_len, &trailer, 1, (sigv4_str){ sig, 64 }, 64));
		ASSERT_MEM_EQ("trailer block", wire, strlen(wire), block, block_len);
		/* Too small: the length needed, nothing written. */
		ASSERT_EQ_INT(SIGV4_ERR_SPACE, sigv4_trailer_block(block, 10,
			&len, &trailer, 1, (sigv4_str){ sig, 64 }, 64));
		ASSERT_EQ_INT((long long)block_len, (long long)len);
		/* Any value of the final length gives the length. */
		trailer.value = su_cstr("AAAAAA==");
		ASSERT_EQ_INT(SIGV4_OK, sigv4_chunked_length(&total, 66560, 65536,
			64, &trailer, 1));
		/* The documented Content-Length is the other example's (the
		 * vectors' README); the framed body is this. */
		ASSERT_EQ_INT(66946, (long long)total);
	}
	sigv4_wipe(&key, sizeof key);
}

/* aws-c-auth: three trailers after the non-trailer example's chunks. */
static void
trailers_of_three(const cJSON *json)
{
	const cJSON *t = su_json_get(json, "sigv4_trailing_headers");
	const cJSON *th = su_json_get(t, "trailing_headers");
	const char *prev = su_json_str(su_json_path(json, "sigv4_chunked",
		"chunk_signatures", (const char *)NULL)->child->next->next);
	sigv4_key key = key_for(su_json_path(json, "common", "credentials",
		(const char *)NULL), "20130524", "us-east-1", "s3");
	sigv4_header h[3];
	char sts[SIGV4_STREAM_STRING_TO_SIGN_MAX], sig[64];
	size_t i, len;

	ASSERT_EQ_INT(3, su_json_count(th));
	/* Given in reverse order: they are sorted by name. */
	for (i = 0; i < 3; i++) {
		const cJSON *p = su_json_at(th, 2 - i);

		h[i].name = su_json_view(su_json_at(p, 0));
		h[i].value = su_json_view(su_json_at(p, 1));
	}
	ASSERT_EQ_INT(SIGV4_OK, sigv4_trailer_string_to_sign(sts, &len, &key,
		su_cstr("20130524T000000Z"), su_cstr(prev), h, 3));
	check_signed("three trailers", &key, sts, len,
		su_json_str(su_json_get(t, "string_to_sign")),
		su_json_str(su_json_get(t, "trailing_headers_signature")), sig);
	sigv4_wipe(&key, sizeof key);
}

/* aws-c-auth's SigV4a chunks: each signature, made here, verifies under
 * the published public key against the chained string to sign. */
static void
sigv4a_chunks(const cJSON *json)
{
	const cJSON *v = su_json_get(json, "sigv4a_chunked");
	const cJSON *pub = su_json_get(v, "verification_public_key");
	const cJSON *creds = su_json_path(json, "common", "credentials",
		(const char *)NULL);
	const char *secret = su_json_str(su_json_get(creds, "secret_access_key"));
	uint8_t q[SIGV4A_PUBLIC_KEY_SIZE], hash[32];
	char prev[SIGV4A_SIGNATURE_HEX_MAX + 1], sig[SIGV4A_SIGNATURE_HEX_MAX];
	char sts[SIGV4_STREAM_STRING_TO_SIGN_MAX], line[SIGV4_CHUNK_HEADER_MAX];
	const char *seed_sts = su_json_str(su_json_get(v, "expected_string_to_sign"));
	static char data[65536];
	size_t i, len, sig_len, prev_len;
	sigv4_key key;

	memset(data, 'a', sizeof data);
	q[0] = 4;
	ASSERT_EQ_INT(0, tu_hex_decode(q + 1, 32,
		su_json_str(su_json_get(pub, "X")), 64));
	ASSERT_EQ_INT(0, tu_hex_decode(q + 33, 32,
		su_json_str(su_json_get(pub, "Y")), 64));
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_key_derive(&key,
		su_json_view(su_json_get(creds, "access_key_id")), secret,
		strlen(secret), "20130524", su_cstr("s3")));
	/* The seed: a signature of the published string to sign. */
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_signature(prev, &prev_len, &key,
		su_cstr(seed_sts)));
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_verify(q, su_cstr(seed_sts),
		(sigv4_str){ prev, prev_len }));
	for (i = 0; i < 3; i++) {
		size_t size = i == 0 ? 65536 : i == 1 ? 1024 : 0;
		char padded[SIGV4A_SIGNATURE_HEX_MAX];

		/* The previous signature may come padded as on the wire. */
		memset(padded, '*', sizeof padded);
		memcpy(padded, prev, prev_len);
		sha256_of(hash, data, size);
		ASSERT_EQ_INT(SIGV4_OK, sigv4_chunk_string_to_sign(sts, &len, &key,
			su_cstr("20130524T000000Z"),
			(sigv4_str){ padded, sizeof padded }, hash));
		ASSERT_TRUE(strncmp(sts, "AWS4-ECDSA-P256-SHA256-PAYLOAD\n"
			"20130524T000000Z\n20130524/s3/aws4_request\n", 73) == 0);
		ASSERT_TRUE(memcmp(sts + 73, prev, prev_len) == 0);
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_signature(sig, &sig_len, &key,
			(sigv4_str){ sts, len }));
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_verify(q, (sigv4_str){ sts, len },
			(sigv4_str){ sig, sig_len }));
		/* On the wire: padded to the fixed width. */
		len = sigv4_chunk_header(line, (uint32_t)size,
			(sigv4_str){ sig, sig_len },
			sigv4_chunk_signature_width(SIGV4_ALG_ECDSA_P256));
		ASSERT_EQ_INT((long long)(size == 65536 ? 5 : size == 1024 ? 3 : 1)
			+ 17 + SIGV4A_SIGNATURE_HEX_MAX + 2, (long long)len);
		ASSERT_TRUE(line[len - 3] == '*' || sig_len == SIGV4A_SIGNATURE_HEX_MAX);
		memcpy(prev, sig, sig_len);
		prev_len = sig_len;
	}
	sigv4_wipe(&key, sizeof key);
}

static int64_t
millis_of(const char *encoded_date_hex)
{
	uint8_t b[15];
	int64_t ms = 0;
	size_t i;

	ASSERT_EQ_INT(0, tu_hex_decode(b, 15, encoded_date_hex, 30));
	for (i = 7; i < 15; i++) {
		ms = ms * 256 + b[i];
	}
	return ms;
}

/* One event: its string to sign and signature; the signature in sig. */
static void
event(const sigv4_key *key, const char *amz_date, sigv4_str prev,
	int64_t ms, const void *msg, size_t msg_len, const char *want_sts,
	const char *want_sig, char sig[64])
{
	char sts[SIGV4_STREAM_STRING_TO_SIGN_MAX];
	size_t len;
	uint8_t hash[32];

	sha256_of(hash, msg, msg_len);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_event_string_to_sign(sts, &len, key,
		su_cstr(amz_date), prev, ms, hash));
	check_signed("event", key, sts, len, want_sts, want_sig, sig);
}

static void
events(const cJSON *aws, const cJSON *ts, const cJSON *rs)
{
	const cJSON *evs = su_json_get(aws, "events");
	char prev[64], sig[64];
	sigv4_key key;
	size_t i;
	uint8_t msg[128];

	/* aws-c-auth: a chain of events from the request's signature. */
	key = key_for(su_json_get(aws, "credentials"), "19810116", "us-east-1",
		"demo");
	memcpy(prev, su_json_str(su_json_path(aws, "initial_request",
		"expected_signature", (const char *)NULL)), 64);
	ASSERT_TRUE(su_json_count(evs) >= 4);
	for (i = 0; i < su_json_count(evs); i++) {
		const cJSON *e = su_json_at(evs, i);
		sigv4_str payload = su_json_view(su_json_get(e, "payload_bytes"));

		event(&key, su_json_str(su_json_get(e, "signing_time")),
			(sigv4_str){ prev, 64 },
			millis_of(su_json_str(su_json_get(e, "encoded_date_header_hex"))),
			payload.ptr, payload.len,
			su_json_str(su_json_get(e, "expected_string_to_sign")),
			su_json_str(su_json_get(e, "expected_signature")), sig);
		memcpy(prev, sig, 64);
	}
	sigv4_wipe(&key, sizeof key);

	/* smithy-typescript: an empty previous signature; the :date header's
	 * time is not the signing time. */
	key = key_for(su_json_get(ts, "credentials"), "20130524", "REGION",
		"SERVICE");
	event(&key, "20130524T000000Z", su_cstr(""),
		millis_of(su_json_str(su_json_path(ts, "event", "encoded_headers_hex",
			(const char *)NULL))), "foo", 3,
		su_json_str(su_json_get(ts, "expected_string_to_sign")),
		su_json_str(su_json_get(ts, "expected_signature")), sig);
	sigv4_wipe(&key, sizeof key);

	/* smithy-rs: the message hashed is the whole encoded inner message. */
	{
		const char *hex = su_json_str(su_json_path(rs, "message",
			"encoded_message_hex", (const char *)NULL));
		const char *prior = su_json_str(su_json_get(rs, "prior_signature"));

		ASSERT_TRUE(strlen(hex) / 2 <= sizeof msg);
		ASSERT_EQ_INT(0, tu_hex_decode(msg, strlen(hex) / 2, hex,
			strlen(hex)));
		key = key_for(su_json_get(rs, "credentials"), "19731129",
			"us-east-1", "testservice");
		event(&key, "19731129T213309Z",
			su_cstr(prior + strlen(prior) - 64),
			millis_of(su_json_str(su_json_get(rs, "encoded_date_header_hex"))),
			msg, strlen(hex) / 2,
			su_json_str(su_json_get(rs, "expected_string_to_sign")), NULL,
			sig);
		sigv4_wipe(&key, sizeof key);
	}
}

static void
refusals(void)
{
	sigv4_key key;
	char sts[SIGV4_STREAM_STRING_TO_SIGN_MAX], line[SIGV4_CHUNK_HEADER_MAX];
	char big[SIGV4A_SIGNATURE_HEX_MAX + 2];
	uint8_t hash[32] = { 0 };
	sigv4_header dup[2] = {
		{ { "x-a", 3 }, { "1", 1 } }, { { "X-A", 3 }, { "2", 1 } } };
	sigv4_header bad_name = { { "x a", 3 }, { "1", 1 } };
	sigv4_header bad_value = { { "x-a", 3 }, { "1\r\n2", 4 } };
	sigv4_str date = su_cstr("20130524T000000Z");
	size_t len = 99;
	uint64_t total;

	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&key, "s", 1, "20130524",
		su_cstr("us-east-1"), su_cstr("s3")));
	ASSERT_EQ_INT(SIGV4_ERR_PREVIOUS, sigv4_chunk_string_to_sign(sts, &len,
		&key, date, su_cstr("ABCDEF"), hash));
	ASSERT_EQ_INT(0, (long long)len);
	ASSERT_EQ_INT(SIGV4_ERR_PREVIOUS, sigv4_chunk_string_to_sign(sts, &len,
		&key, date, su_cstr("12 4"), hash));
	memset(big, 'a', sizeof big);
	ASSERT_EQ_INT(SIGV4_ERR_PREVIOUS, sigv4_chunk_string_to_sign(sts, &len,
		&key, date, (sigv4_str){ big, sizeof big }, hash));
	ASSERT_EQ_INT(SIGV4_ERR_KEY_SCOPE, sigv4_chunk_string_to_sign(sts, &len,
		&key, su_cstr("20130525T000000Z"), su_cstr(""), hash));
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_event_string_to_sign(sts, &len,
		&key, su_cstr("20130524"), su_cstr(""), 0, hash));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_chunk_string_to_sign(sts, &len,
		&key, date, su_cstr(""), NULL));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_trailer_string_to_sign(sts, &len,
		&key, date, su_cstr(""), dup, 2));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_trailer_string_to_sign(sts, &len,
		&key, date, su_cstr(""), &bad_name, 1));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_trailer_string_to_sign(sts, &len,
		&key, date, su_cstr(""), &bad_value, 1));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_trailer_string_to_sign(sts, &len,
		&key, date, su_cstr(""), NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_trailer_block(line, sizeof line,
		&len, dup, 2, su_cstr(""), 0));
	/* Unsigned: no signature line; a signature wider than the field. */
	ASSERT_EQ_INT(SIGV4_OK, sigv4_trailer_block(line, sizeof line, &len,
		dup, 1, su_cstr(""), 0));
	ASSERT_MEM_EQ("unsigned trailer block", "x-a:1\r\n\r\n", 9, line, len);
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_trailer_block(line, sizeof line,
		&len, dup, 1, su_cstr("abc"), 2));
	ASSERT_EQ_INT(0, (long long)sigv4_chunk_header(line, 1, su_cstr("ab"), 0));
	ASSERT_EQ_INT(0, (long long)sigv4_chunk_header(line, 1, su_cstr(""), 64));
	len = sigv4_chunk_header(line, 0xabc, su_cstr(""), 0);
	ASSERT_MEM_EQ("unsigned chunk header", "abc\r\n", 5, line, len);
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK_SIZE, sigv4_chunked_length(&total, 1,
		SIGV4_CHUNK_SIZE_MIN - 1, 64, NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK_SIZE, sigv4_chunked_length(&total, 1,
		SIGV4_CHUNK_SIZE_MAX + 1, 64, NULL, 0));
	ASSERT_EQ_INT(SIGV4_ERR_CHUNK_SIZE, sigv4_chunked_length(&total,
		UINT64_C(1) << 53, 65536, 64, NULL, 0));
	/* Empty body: the final chunk alone. */
	ASSERT_EQ_INT(SIGV4_OK, sigv4_chunked_length(&total, 0, 65536, 64, NULL, 0));
	ASSERT_EQ_INT(1 + 17 + 64 + 2 + 2, (long long)total);
	/* Unsigned, one exact chunk: "2000\r\n" data "\r\n" "0\r\n" "\r\n";
	 * with a trailer, "x-a:1\r\n" before the last CRLF. */
	ASSERT_EQ_INT(SIGV4_OK, sigv4_chunked_length(&total, 8192, 8192, 0, NULL, 0));
	ASSERT_EQ_INT(6 + 8192 + 2 + 3 + 2, (long long)total);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_chunked_length(&total, 8192, 8192, 0, dup, 1));
	ASSERT_EQ_INT(6 + 8192 + 2 + 3 + 7 + 2, (long long)total);
	ASSERT_EQ_INT(SIGV4_ERR_TRAILER, sigv4_chunked_length(&total, 8192, 8192,
		0, dup, 2));
	sigv4_wipe(&key, sizeof key);
}

int
main(int argc, char **argv)
{
	cJSON *s3, *chunked, *aws_ev, *ts_ev, *rs_ev;
	const cJSON *exs;
	size_t i;
	int seen = 0;

	if (argc != 6) {
		fprintf(stderr, "usage: test_stream <s3 docs> <chunked-signing> "
			"<event-signing> <smithy-ts events> <smithy-rs events>\n");
		return 2;
	}
	s3 = su_json_load(argv[1]);
	chunked = su_json_load(argv[2]);
	aws_ev = su_json_load(argv[3]);
	ts_ev = su_json_load(argv[4]);
	rs_ev = su_json_load(argv[5]);
	exs = su_json_get(s3, "examples");
	for (i = 0; i < su_json_count(exs); i++) {
		const cJSON *ex = su_json_at(exs, i);
		const char *name = su_json_str(su_json_get(ex, "name"));

		if (strcmp(name, "chunked-put-object") == 0) {
			s3_example(ex, 0);
			seen++;
		} else if (strcmp(name, "chunked-put-object-with-trailer") == 0) {
			s3_example(ex, 1);
			seen++;
		}
	}
	ASSERT_EQ_INT(2, seen);
	trailers_of_three(chunked);
	sigv4a_chunks(chunked);
	events(aws_ev, ts_ev, rs_ev);
	refusals();
	cJSON_Delete(s3);
	cJSON_Delete(chunked);
	cJSON_Delete(aws_ev);
	cJSON_Delete(ts_ev);
	cJSON_Delete(rs_ev);
	return tu_finish("test_stream");
}
