/*
 * test_key.c: key derivation against BearSSL's HMAC used directly (an
 * independent path: it hashes over-long keys itself), validation, import.
 */
#include <stdio.h>

#include "unit.h"

/* HMAC-SHA256 through BearSSL's own API, for the oracle. */
static void
oracle_hmac(uint8_t out[32], const void *key, size_t klen, const void *msg,
	size_t mlen)
{
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_hmac_key_init(&kc, &br_sha256_vtable, key, klen);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, msg, mlen);
	br_hmac_out(&hc, out);
}

static void
oracle_key(uint8_t out[32], const char *secret, size_t slen,
	const char *date, const char *region, const char *service)
{
	static unsigned char k0[4096];
	uint8_t k[32];

	memcpy(k0, "AWS4", 4);
	memcpy(k0 + 4, secret, slen);
	oracle_hmac(k, k0, 4 + slen, date, 8);
	oracle_hmac(k, k, 32, region, strlen(region));
	oracle_hmac(k, k, 32, service, strlen(service));
	oracle_hmac(out, k, 32, "aws4_request", 12);
}

static void
test_secret_lengths(void)
{
	/* Around the 64-byte HMAC block: "AWS4"+secret crosses it at 61. */
	static char secret[3000];
	size_t lens[] = { 1, 40, 59, 60, 61, 62, 64, 65, 100, 127, 128, 129, 2999 };
	size_t i;

	for (i = 0; i < sizeof secret; i++) {
		secret[i] = (char)('!' + (i * 31) % 90);
	}
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		sigv4_key key;
		uint8_t want[32];
		char what[32];

		oracle_key(want, secret, lens[i], "20150830", "us-east-1", "iam");
		ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&key, secret, lens[i],
			"20150830", unit_str("us-east-1"), unit_str("iam")));
		sprintf(what, "secret of %u bytes", (unsigned)lens[i]);
		ASSERT_MEM_EQ(what, want, 32, key.signing_key, 32);
	}
}

static void
test_scope_and_import(void)
{
	sigv4_key a, b;
	const char *sec = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&a, sec, strlen(sec),
		"20120215", unit_str("us-east-1"), unit_str("iam")));
	ASSERT_MEM_EQ("date", "20120215", 8, a.date, 8);
	ASSERT_MEM_EQ("region", "us-east-1", 9, a.region, a.region_len);
	ASSERT_MEM_EQ("service", "iam", 3, a.service, a.service_len);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_import(&b, a.signing_key, "20120215",
		unit_str("us-east-1"), unit_str("iam")));
	ASSERT_TRUE(memcmp(&a, &b, sizeof a) == 0);
}

static void
test_validation(void)
{
	static const char *const bad_regions[] = {
		"", "us/east", "us east", "us-east-1\n", "eu-west-1,us-east-1",
		"r\xc3\xa9gion",
		"0123456789012345678901234567890123456789012345678901234567890123",
	};
	static const char *const bad_services[] = {
		"", "s3/x", "s 3", "s3\t", "*", "ex\x01",
	};
	sigv4_key key;
	size_t i;

	for (i = 0; i < sizeof bad_regions / sizeof bad_regions[0]; i++) {
		ASSERT_EQ_INT(SIGV4_ERR_REGION, sigv4_key_derive(&key, "s", 1,
			"20150830", unit_str(bad_regions[i]), unit_str("s3")));
	}
	for (i = 0; i < sizeof bad_services / sizeof bad_services[0]; i++) {
		ASSERT_EQ_INT(SIGV4_ERR_SERVICE, sigv4_key_derive(&key, "s", 1,
			"20150830", unit_str("us-east-1"), unit_str(bad_services[i])));
	}
	/* 63 bytes is the most; "*" is a region (SigV4a sets use it). */
	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&key, "s", 1, "20150830",
		unit_str("012345678901234567890123456789012345678901234567890123456789012"),
		unit_str("s3")));
	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&key, "s", 1, "20150830",
		unit_str("*"), unit_str("s3")));
	ASSERT_EQ_INT(SIGV4_ERR_SECRET, sigv4_key_derive(&key, "", 0, "20150830",
		unit_str("us-east-1"), unit_str("s3")));
	ASSERT_EQ_INT(SIGV4_ERR_SECRET, sigv4_key_derive(&key, NULL, 0,
		"20150830", unit_str("us-east-1"), unit_str("s3")));
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_key_derive(&key, "s", 1, "20150230",
		unit_str("us-east-1"), unit_str("s3")));
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_key_derive(&key, "s", 1, NULL,
		unit_str("us-east-1"), unit_str("s3")));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_key_derive(NULL, "s", 1, "20150830",
		unit_str("us-east-1"), unit_str("s3")));
	/* A failed derivation leaves no key behind. */
	memset(&key, 0xAA, sizeof key);
	sigv4_key_derive(&key, "s", 1, "20150830", unit_str("bad/region"),
		unit_str("s3"));
	for (i = 0; i < sizeof key; i++) {
		if (((unsigned char *)&key)[i] != 0) {
			tu_fail(__FILE__, __LINE__, "key not zeroed after a failed derivation");
			break;
		}
	}
}

static void
test_sha256_splits(void)
{
	/* Every length up to 300 bytes, each cut at every point into two or
	 * three updates (whole blocks go to the round in place, partial ones
	 * through the context): always BearSSL's own digest. */
	static unsigned char data[300];
	char ref[64], got[64];
	sigv4_sha256 h, clone;
	size_t i, len, cut, cut2;

	for (i = 0; i < sizeof data; i++) {
		data[i] = (unsigned char)(i * 13 + 7);
	}
	for (len = 0; len <= sizeof data; len++) {
		unit_bearssl_sha256_hex(ref, data, len);
		for (cut = 0; cut <= len; cut++) {
			cut2 = cut + (len - cut) / 3;
			sigv4_sha256_init(&h);
			sigv4_sha256_update(&h, data, cut);
			clone = h;
			sigv4_sha256_update(&clone, data + cut, cut2 - cut);
			sigv4_sha256_update(&clone, data + cut2, len - cut2);
			sigv4_sha256_hex(&clone, got);
			if (memcmp(ref, got, 64) != 0) {
				fprintf(stderr, "length %zu, cuts %zu and %zu\n",
					len, cut, cut2);
				ASSERT_MEM_EQ("split digest", ref, 64, got, 64);
				return;
			}
		}
	}
	/* Known answers (FIPS 180-2): the empty string, and a message of
	 * exactly one block plus its padding block. */
	sigv4_sha256_init(&h);
	sigv4_sha256_update(&h, NULL, 0);
	sigv4_sha256_hex(&h, got);
	ASSERT_MEM_EQ("sha256('')",
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		64, got, 64);
	sigv4_sha256_init(&h);
	sigv4_sha256_update(&h,
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
	sigv4_sha256_hex(&h, got);
	ASSERT_MEM_EQ("sha256(448-bit message)",
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
		64, got, 64);
}

int
main(void)
{
	test_secret_lengths();
	test_scope_and_import();
	test_validation();
	test_sha256_splits();
	return tu_finish("test_key");
}
