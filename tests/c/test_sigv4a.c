/*
 * test_sigv4a.c: SigV4a keys and signatures through the public API.
 *
 *   test_sigv4a <sigv4a-key-derivation.json> <smithy signature-v4a.json>
 *
 *   - the KDF: every vector's private and public key (aws-c-auth's three,
 *     smithy-typescript's one);
 *   - smithy-typescript's deterministic signature (RFC 6979 nonces)
 *     reproduced byte for byte from its string to sign, and verified;
 *   - sigv4a_sign() with region sets ("*", several regions), headers and
 *     presigned, against canonical requests written out here, each
 *     signature verifying; signatures are deterministic;
 *   - a SigV4 key: sigv4a_sign signs SigV4 as sigv4_sign does;
 *   - refusals: a key of the other algorithm, bad region sets, a region
 *     set with SigV4, signatures that do not verify or are not hex DER;
 *   - k * G by p256_comb.c's tables against BearSSL's generic curve code
 *     (br_ec_prime_i31: its own field arithmetic, none of ec_p256_m31.c's,
 *     which p256_comb.c builds on), for scalars at table edges (1, 15,
 *     16, 2^32 - 1, 2^32, 2^64 +- 1, zero teeth, all nibbles 14, n - 1)
 *     and random ones; x * A + y * G against its muladd, with sums of
 *     equal and opposite points;
 *   - RFC 6979 A.2.5's P-256/SHA-256 known answers (the public key, and
 *     k, r and s for "sample" and "test"): ECDSA and k * G checked by
 *     values that do not come from BearSSL;
 *   - src/ecdsa.c against BearSSL's own ECDSA (br_ecdsa_i31_sign_asn1 and
 *     _vrfy_asn1, over br_ec_prime_i31) on keys from the KDF and random
 *     hashes: the same
 *     signatures byte for byte, each verifying under both, and tampered
 *     ones refused by both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bearssl_ec.h"
#include "bearssl_hmac.h"
#include "inner.h"
#include "sigv4.h"
#include "suite_util.h"
#include "test_util.h"

static const char EMPTY_HASH[] =
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

static void
hex_of(char *out, const uint8_t *p, size_t n)
{
	tu_hex_encode(out, p, n);
	out[2 * n] = 0;
}

static void
check_kdf(const char *label, const char *akid, const char *secret,
	const char *want_d, const char *want_pub)
{
	uint8_t d[SIGV4_KEY_SIZE], q[SIGV4A_PUBLIC_KEY_SIZE];
	char hex[2 * SIGV4A_PUBLIC_KEY_SIZE + 1], what[160];
	sigv4_key key;

	ASSERT_EQ_INT(SIGV4_OK, sigv4a_private_key(d, su_cstr(akid), secret,
		strlen(secret)));
	hex_of(hex, d, sizeof d);
	snprintf(what, sizeof what, "%s private key", label);
	ASSERT_STR_EQ(what, want_d, hex);
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_key_derive(&key, su_cstr(akid), secret,
		strlen(secret), "20240101", su_cstr("s3")));
	ASSERT_TRUE(memcmp(key.signing_key, d, sizeof d) == 0);
	ASSERT_EQ_INT(SIGV4_ALG_ECDSA_P256, key.algorithm);
	ASSERT_EQ_INT(0, key.region_len);
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_public_key(q, &key));
	hex_of(hex, q, sizeof q);
	snprintf(what, sizeof what, "%s public key", label);
	ASSERT_STR_EQ(what, want_pub, hex);
	sigv4_wipe(&key, sizeof key);
	sigv4_wipe(d, sizeof d);
}

static void
test_kdf_vectors(const char *aws_path, const char *smithy_path)
{
	size_t len, i;
	char err[128], pub[2 * SIGV4A_PUBLIC_KEY_SIZE + 1];
	char *text = tu_read_file(aws_path, &len);
	cJSON *json = text ? su_json_parse(text, len, err, sizeof err) : NULL;
	const cJSON *vs = su_json_get(json, "vectors");
	cJSON *smithy;

	free(text);
	ASSERT_TRUE(json != NULL && su_json_count(vs) == 3);
	for (i = 0; i < su_json_count(vs); i++) {
		const cJSON *v = su_json_at(vs, i);

		snprintf(pub, sizeof pub, "04%s%s",
			su_json_str(su_json_get(v, "public_x")),
			su_json_str(su_json_get(v, "public_y")));
		check_kdf(su_json_str(su_json_get(v, "access_key_id")),
			su_json_str(su_json_get(v, "access_key_id")),
			su_json_str(su_json_get(v, "secret_access_key")),
			su_json_str(su_json_get(v, "private_key")), pub);
	}
	cJSON_Delete(json);

	text = tu_read_file(smithy_path, &len);
	smithy = text ? su_json_parse(text, len, err, sizeof err) : NULL;
	free(text);
	vs = su_json_get(smithy, "key_derivation");
	ASSERT_TRUE(smithy != NULL && su_json_count(vs) == 1);
	for (i = 0; i < su_json_count(vs); i++) {
		const cJSON *v = su_json_at(vs, i);

		check_kdf("smithy-typescript",
			su_json_str(su_json_get(v, "access_key_id")),
			su_json_str(su_json_get(v, "secret_access_key")),
			su_json_str(su_json_get(v, "private_key")),
			su_json_str(su_json_get(v, "public_key_uncompressed")));
	}
	cJSON_Delete(smithy);
}

/* smithy-typescript's signature made with an RFC 6979 nonce: BearSSL's
 * nonce is RFC 6979's too, so ours is the same bytes. */
static void
test_deterministic_signature(const char *path)
{
	size_t len;
	char err[128], sts[400], hash[65], sig[SIGV4A_SIGNATURE_HEX_MAX + 1];
	char *text = tu_read_file(path, &len);
	cJSON *json = text ? su_json_parse(text, len, err, sizeof err) : NULL;
	const cJSON *ds = su_json_get(json, "deterministic_signature");
	const char *creq = su_json_str(su_json_get(ds, "canonical_request"));
	const char *want = su_json_str(su_json_get(ds, "signature_der_hex"));
	uint8_t d[SIGV4_KEY_SIZE], q[SIGV4A_PUBLIC_KEY_SIZE];
	sigv4_key key;
	size_t sig_len = 0;
	int n;

	free(text);
	ASSERT_TRUE(creq != NULL && want != NULL);
	if (creq == NULL || want == NULL) {
		cJSON_Delete(json);
		return;
	}
	/* The key derived from its credentials is the file's private key. */
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_key_derive(&key,
		su_json_view(su_json_path(ds, "credentials", "access_key_id",
			(const char *)NULL)),
		su_json_str(su_json_path(ds, "credentials", "secret_access_key",
			(const char *)NULL)),
		strlen(su_json_str(su_json_path(ds, "credentials",
			"secret_access_key", (const char *)NULL))),
		"20240326", su_cstr("test-service")));
	ASSERT_EQ_INT(SIGV4_OK, tu_hex_decode(d, sizeof d,
		su_json_str(su_json_get(ds, "private_key")), 64));
	ASSERT_TRUE(memcmp(key.signing_key, d, sizeof d) == 0);

	su_sha256_hex(hash, creq, strlen(creq));
	n = snprintf(sts, sizeof sts, "AWS4-ECDSA-P256-SHA256\n20240326T224555Z\n"
		"20240326/test-service/aws4_request\n%s", hash);
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_signature(sig, &sig_len, &key,
		(sigv4_str){ sts, (size_t)n }));
	sig[sig_len] = 0;
	ASSERT_STR_EQ("smithy-typescript deterministic signature", want, sig);
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_public_key(q, &key));
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_verify(q, (sigv4_str){ sts, (size_t)n },
		su_cstr(want)));
	sigv4_wipe(&key, sizeof key);
	cJSON_Delete(json);
}

/* GET https://example.amazonaws.com/?a=1 at the suite's date. */
static void
example(sigv4_request *req, sigv4_params *p, const char *region_set,
	uint32_t flags)
{
	static sigv4_header host = { { "Host", 4 }, { "example.amazonaws.com", 21 } };

	memset(req, 0, sizeof *req);
	req->method = su_cstr("GET");
	req->path = su_cstr("/");
	req->query = su_cstr("a=1");
	req->headers = &host;
	req->header_count = 1;
	memset(p, 0, sizeof *p);
	p->access_key_id = su_cstr("AKIDEXAMPLE");
	p->amz_date = su_cstr("20150830T123600Z");
	p->payload_hash = su_cstr(EMPTY_HASH);
	p->flags = flags;
	p->expires = 60;
	p->region_set = su_cstr(region_set);
}

/* The example signed with sigv4a_sign(), capturing its canonical request. */
static int
sign_example(char *out, size_t out_cap, size_t *out_len, char *creq,
	size_t creq_cap, size_t *creq_len, const sigv4_key *key,
	const char *region_set, uint32_t flags)
{
	sigv4_request req;
	sigv4_params p;
	sigv4_capture cap;
	char scratch[4096];
	int rc;

	example(&req, &p, region_set, flags);
	/* The canonical request in the first half of creq, the string to
	 * sign in the second. */
	memset(&cap, 0, sizeof cap);
	cap.canonical_request = creq;
	cap.canonical_request_cap = creq_cap / 2;
	cap.string_to_sign = creq + creq_cap / 2;
	cap.string_to_sign_cap = creq_cap / 2;
	ASSERT_TRUE(sigv4_scratch_size(&req, &p) <= sizeof scratch);
	rc = sigv4a_sign(out, out_cap, out_len, key, &req, &p, scratch,
		sizeof scratch, &cap);
	*creq_len = cap.canonical_request_len;
	return rc;
}

static void
test_sign(void)
{
	static const char secret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
	char out[1024], again[1024], buf[2048], sts[400];
	size_t out_len, again_len, creq_len;
	uint8_t q[SIGV4A_PUBLIC_KEY_SIZE];
	sigv4_key key, v4key;
	const char *sig;

	ASSERT_EQ_INT(SIGV4_OK, sigv4a_key_derive(&key, su_cstr("AKIDEXAMPLE"),
		secret, strlen(secret), "20150830", su_cstr("service")));
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_public_key(q, &key));

	/* Header signing with several regions. */
	ASSERT_EQ_INT(SIGV4_OK, sign_example(out, sizeof out, &out_len, buf,
		sizeof buf, &creq_len, &key, "us-east-1,eu-west-1",
		SIGV4_NORMALIZE | SIGV4_DOUBLE_ENCODE));
	buf[creq_len] = 0;
	ASSERT_STR_EQ("canonical request, region set in a header",
		"GET\n/\na=1\nhost:example.amazonaws.com\n"
		"x-amz-date:20150830T123600Z\nx-amz-region-set:us-east-1,eu-west-1\n\n"
		"host;x-amz-date;x-amz-region-set\n"
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		buf);
	out[out_len] = 0;
	ASSERT_TRUE(strncmp(out, "AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/"
		"20150830/service/aws4_request, SignedHeaders=host;x-amz-date;"
		"x-amz-region-set, Signature=30", 120) == 0);
	sig = strstr(out, "Signature=") + 10;
	{
		char *s = buf + sizeof buf / 2;
		size_t n = strlen("AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n"
			"20150830/service/aws4_request\n") + 64;

		ASSERT_TRUE(strncmp(s, "AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n"
			"20150830/service/aws4_request\n", n - 64) == 0);
		memcpy(sts, s, n);
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_verify(q, (sigv4_str){ sts, n },
			su_cstr(sig)));
		/* Deterministic: the same inputs, the same signature. */
		ASSERT_EQ_INT(SIGV4_OK, sign_example(again, sizeof again,
			&again_len, buf, sizeof buf, &creq_len, &key,
			"us-east-1,eu-west-1", SIGV4_NORMALIZE | SIGV4_DOUBLE_ENCODE));
		ASSERT_TRUE(again_len == out_len
			&& memcmp(again, out, out_len) == 0);
		/* A changed string to sign or signature does not verify. */
		sts[0] = 'B';
		ASSERT_EQ_INT(SIGV4_ERR_SIGNATURE, sigv4a_verify(q,
			(sigv4_str){ sts, n }, su_cstr(sig)));
		sts[0] = 'A';
		again[out_len - 1] = again[out_len - 1] == '0' ? '1' : '0';
		ASSERT_EQ_INT(SIGV4_ERR_SIGNATURE, sigv4a_verify(q,
			(sigv4_str){ sts, n }, (sigv4_str){ again + (sig - out),
				out_len - (size_t)(sig - out) }));
		ASSERT_EQ_INT(SIGV4_ERR_SIGNATURE, sigv4a_verify(q,
			(sigv4_str){ sts, n }, (sigv4_str){ sig, strlen(sig) - 1 }));
		ASSERT_EQ_INT(SIGV4_ERR_SIGNATURE, sigv4a_verify(q,
			(sigv4_str){ sts, n }, su_cstr("zz")));
		ASSERT_EQ_INT(SIGV4_ERR_SIGNATURE, sigv4a_verify(q,
			(sigv4_str){ sts, n }, su_cstr("")));
	}

	/* Presigned, region set "*": X-Amz-Region-Set in the query, a
	 * credential without region, no x-amz-region-set header. */
	ASSERT_EQ_INT(SIGV4_OK, sign_example(out, sizeof out, &out_len, buf,
		sizeof buf, &creq_len, &key, "*", SIGV4_PRESIGN | SIGV4_NORMALIZE
		| SIGV4_DOUBLE_ENCODE | SIGV4_NO_CONTENT_SHA256));
	buf[creq_len] = 0;
	ASSERT_STR_EQ("canonical request, region set in the query",
		"GET\n/\nX-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential="
		"AKIDEXAMPLE%2F20150830%2Fservice%2Faws4_request&X-Amz-Date="
		"20150830T123600Z&X-Amz-Expires=60&X-Amz-Region-Set=%2A&"
		"X-Amz-SignedHeaders=host&a=1\nhost:example.amazonaws.com\n\nhost\n"
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		buf);
	out[out_len] = 0;
	ASSERT_TRUE(strstr(out, "&X-Amz-Signature=30") != NULL);

	/* The other algorithm's key, and region sets. */
	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&v4key, secret, strlen(secret),
		"20150830", su_cstr("us-east-1"), su_cstr("service")));
	{
		/* sigv4a_sign with a SigV4 key signs SigV4, byte for byte as
		 * sigv4_sign; refusing a region set as it does. */
		sigv4_request req;
		sigv4_params p;
		char scratch[2048];

		example(&req, &p, "", 0);
		p.region_set = su_cstr("");
		ASSERT_EQ_INT(SIGV4_OK, sigv4_sign(again, sizeof again,
			&again_len, &v4key, &req, &p, scratch, sizeof scratch,
			NULL));
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_sign(out, sizeof out, &out_len,
			&v4key, &req, &p, scratch, sizeof scratch, NULL));
		ASSERT_MEM_EQ("sigv4a_sign, SigV4 key", again, again_len, out,
			out_len);
		ASSERT_TRUE(strstr(out, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE"
			"/20150830/us-east-1/service/aws4_request") != NULL);
	}
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sign_example(out, sizeof out,
		&out_len, buf, sizeof buf, &creq_len, &v4key, "*", 0));
	ASSERT_EQ_INT(SIGV4_ERR_KEY_ALGORITHM, sigv4a_public_key(q, &v4key));
	ASSERT_EQ_INT(SIGV4_ERR_KEY_ALGORITHM, sigv4a_signature(out, &out_len,
		&v4key, su_cstr("x")));
	{
		static const char *const bad[] = { "", ",", "us-east-1,", ",a",
			"a,,b", "us east", "us-east-1;x", "\xc3\xa9" };
		size_t i;

		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			int rc = sign_example(out, sizeof out, &out_len, buf,
				sizeof buf, &creq_len, &key, bad[i], 0);

			tu_check(rc == SIGV4_ERR_REGION_SET, __FILE__, __LINE__,
				"region set \"%s\": %s", bad[i], sigv4_errname(rc));
		}
	}
	{
		/* SigV4 with a region set, and SigV4a's key with sigv4_sign. */
		sigv4_request req;
		sigv4_params p;
		char scratch[2048];

		example(&req, &p, "*", 0);
		ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_sign(out, sizeof out,
			&out_len, &v4key, &req, &p, scratch, sizeof scratch, NULL));
		ASSERT_EQ_INT(SIGV4_ERR_KEY_ALGORITHM, sigv4_sign(out,
			sizeof out, &out_len, &key, &req, &p, scratch,
			sizeof scratch, NULL));
		ASSERT_EQ_INT(0, out_len);
	}
	sigv4_wipe(&key, sizeof key);
	sigv4_wipe(&v4key, sizeof v4key);
}

static void
test_kdf_refusals(void)
{
	uint8_t d[SIGV4_KEY_SIZE];
	static const char long_secret[] = "0123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789";
	sigv4_key key;

	memset(d, 0xAA, sizeof d);
	ASSERT_EQ_INT(SIGV4_ERR_ACCESS_KEY, sigv4a_private_key(d, su_cstr(""),
		"s", 1));
	ASSERT_TRUE(d[0] == 0 && d[31] == 0);
	ASSERT_EQ_INT(SIGV4_ERR_SECRET, sigv4a_private_key(d, su_cstr("A"),
		"", 0));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4a_private_key(NULL, su_cstr("A"),
		"s", 1));
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4a_key_derive(&key, su_cstr("A"),
		"s", 1, "20151330", su_cstr("s3")));
	ASSERT_EQ_INT(SIGV4_ERR_SERVICE, sigv4a_key_derive(&key, su_cstr("A"),
		"s", 1, "20151230", su_cstr("")));
	/* "AWS4A" + a secret longer than a block: the key is what BearSSL's
	 * own HMAC (which hashes long keys) gives at counter 1, plus one. */
	ASSERT_EQ_INT(SIGV4_OK, sigv4a_private_key(d, su_cstr("AKID"),
		long_secret, strlen(long_secret)));
	{
		static const uint8_t input[] = "\0\0\0\1AWS4-ECDSA-P256-SHA256\0"
			"AKID\1\0\0\1";
		char k[5 + sizeof long_secret];
		br_hmac_key_context kc;
		br_hmac_context hc;
		uint8_t k0[32];
		int i, carry = 1;

		memcpy(k, "AWS4A", 5);
		memcpy(k + 5, long_secret, sizeof long_secret - 1);
		br_hmac_key_init(&kc, &br_sha256_vtable, k, 4 + sizeof long_secret);
		br_hmac_init(&hc, &kc, 0);
		/* sizeof input counts the final NUL: the last 00 of 00000100. */
		br_hmac_update(&hc, input, sizeof input);
		br_hmac_out(&hc, k0);
		ASSERT_TRUE(k0[0] != 0xFF);  /* so counter 1 fits (k0 < n - 2) */
		for (i = 31; i >= 0; i--) {
			int v = k0[i] + carry;

			k0[i] = (uint8_t)v;
			carry = v >> 8;
		}
		ASSERT_TRUE(memcmp(d, k0, 32) == 0);
	}
}

static uint32_t
xorshift(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* P-256's n - 1, big-endian. */
static const unsigned char n_minus_1[32] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84,
	0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x50,
};

/* k = v at byte 31 - at (big-endian), the rest zero; or all bytes v. */
static void
scalar(unsigned char k[32], int at, unsigned char v)
{
	memset(k, at < 0 ? v : 0, 32);
	if (at >= 0) {
		k[31 - at] = v;
	}
}

/* RFC 6979, A.2.5: P-256 with SHA-256. */
static void
test_rfc6979(void)
{
	static const char *const x_hex =
		"C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
	static const char *const q_hex = "04"
		"60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
		"7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";
	static const char *const cases[][3] = {
		{ "sample",
		  "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
		  "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8" },
		{ "test",
		  "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
		  "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083" },
	};
	uint8_t x[32], q[65], want_q[65], hash[32], sig[64], want[64];
	br_sha256_context h;
	size_t i;

	tu_hex_decode(x, 32, x_hex, 64);
	tu_hex_decode(want_q, 65, q_hex, 130);
	ASSERT_EQ_INT(65, (int)sigv4_ecdsa_p256_public(q, x));
	ASSERT_MEM_EQ("RFC 6979 public key", want_q, 65, q, 65);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		br_sha256_init(&h);
		br_sha256_update(&h, cases[i][0], strlen(cases[i][0]));
		br_sha256_out(&h, hash);
		tu_hex_decode(want, 32, cases[i][1], 64);
		tu_hex_decode(want + 32, 32, cases[i][2], 64);
		ASSERT_EQ_INT(64, (int)sigv4_ecdsa_p256_sign(sig, x, hash));
		ASSERT_MEM_EQ(cases[i][0], want, 64, sig, 64);
		ASSERT_TRUE(sigv4_ecdsa_p256_verify(q, hash, sig, 64));
		sig[63] ^= 1;
		ASSERT_TRUE(!sigv4_ecdsa_p256_verify(q, hash, sig, 64));
	}
}

static void
test_mulgen(void)
{
	unsigned char k[32], ours[65], theirs[65];
	uint32_t seed = 0x9e3779b9u;
	int round, i;

	sigv4a_setup();
	for (round = 0; round < 300; round++) {
		switch (round) {
		case 0: scalar(k, 0, 1); break;                 /* 1 */
		case 1: scalar(k, 0, 15); break;
		case 2: scalar(k, 0, 16); break;
		case 3: scalar(k, 8, 1); break;                 /* 2^64 */
		case 4: scalar(k, 8, 1); k[31] = 1; break;      /* 2^64 + 1 */
		case 5: memset(k, 0, 32); memset(k + 24, 0xFF, 8); break; /* 2^64 - 1 */
		case 6: scalar(k, 31, 0x0F); break;             /* top quarter only */
		case 7: scalar(k, -1, 0xEE); break;             /* every nibble 14 */
		case 8: memcpy(k, n_minus_1, 32); break;
		case 9: scalar(k, 16, 0xF0); k[0] = 0x7F; break; /* zero teeth */
		case 10: scalar(k, 4, 1); break;                /* 2^32 */
		case 11: memset(k, 0, 32); memset(k + 28, 0xFF, 4); break; /* 2^32 - 1 */
		default:
			for (i = 0; i < 32; i++) {
				k[i] = (unsigned char)xorshift(&seed);
			}
			k[0] &= 0x7F;  /* below n */
			if (round % 5 == 0) {
				memset(k + 8 * (round % 4), 0, 8);  /* two zero teeth */
			}
		}
		ASSERT_EQ_INT(65, (int)sigv4_p256_mulgen(ours, k));
		ASSERT_EQ_INT(65, (int)br_ec_prime_i31.mulgen(theirs, k, 32,
			BR_EC_secp256r1));
		ASSERT_MEM_EQ("k * G", theirs, 65, ours, 65);
	}
}

/*
 * x * A + y * G by sigv4_p256_muladd (its own double-and-add for x * A)
 * against br_ec_prime_i31's muladd, for x at the ends of its range (1, 2,
 * 3, n - 1, one bit set high or low) and random, with A a multiple of G;
 * and the sums of equal points (2 y G) and of opposite ones (infinity:
 * refused by both).
 */
static void
test_muladd(void)
{
	unsigned char a[32], x[32], y[32], ours[65], theirs[65], g[65];
	uint32_t seed = 0x0dd5eedu, ok_ours, ok_theirs;
	int round, i;

	for (round = 0; round < 120; round++) {
		for (i = 0; i < 32; i++) {
			a[i] = (unsigned char)xorshift(&seed);
			x[i] = (unsigned char)xorshift(&seed);
			y[i] = (unsigned char)xorshift(&seed);
		}
		a[0] &= 0x7F;
		x[0] &= 0x7F;
		y[0] &= 0x7F;
		switch (round) {
		case 0: scalar(x, 0, 1); break;
		case 1: scalar(x, 0, 2); break;
		case 2: scalar(x, 0, 3); break;
		case 3: memcpy(x, n_minus_1, 32); break;
		case 4: scalar(x, 31, 0x80); break;             /* 2^255 */
		case 5: scalar(x, 31, 0x40); x[31] = 1; break;  /* 2^254 + 1 */
		case 6: scalar(a, 0, 1); memcpy(x, y, 32); break;  /* y G + y G */
		case 7:  /* (n - 1) G + G */
			scalar(a, 0, 1);
			memcpy(x, n_minus_1, 32);
			scalar(y, 0, 1);
			break;
		default: break;
		}
		ASSERT_EQ_INT(65, (int)br_ec_prime_i31.mulgen(g, a, 32,
			BR_EC_secp256r1));
		memcpy(ours, g, 65);
		memcpy(theirs, g, 65);
		ok_ours = sigv4_p256_muladd(ours, x, y);
		ok_theirs = br_ec_prime_i31.muladd(theirs, NULL, 65, x, 32, y, 32,
			BR_EC_secp256r1);
		ASSERT_EQ_INT((int)ok_theirs, (int)ok_ours);
		ASSERT_EQ_INT(round != 7, (int)ok_ours);
		if (ok_ours) {
			ASSERT_MEM_EQ("x * A + y * G", theirs, 65, ours, 65);
		}
	}
}

/* Whether BearSSL verifies the DER signature der[0..n) of hash by q. */
static int
bearssl_verifies(const uint8_t q[SIGV4A_PUBLIC_KEY_SIZE],
	const uint8_t hash[32], const unsigned char *der, size_t n)
{
	br_ec_public_key pk;
	uint8_t qc[SIGV4A_PUBLIC_KEY_SIZE];

	memcpy(qc, q, sizeof qc);
	pk.curve = BR_EC_secp256r1;
	pk.q = qc;
	pk.qlen = sizeof qc;
	return br_ecdsa_i31_vrfy_asn1(&br_ec_prime_i31, hash, 32, &pk, der, n) == 1;
}

static void
test_against_bearssl(void)
{
	uint32_t seed = 0x5eed1234u;
	int round;

	for (round = 0; round < 200; round++) {
		char secret[24], sts[48], ours[SIGV4A_SIGNATURE_HEX_MAX + 1];
		char theirs_hex[SIGV4A_SIGNATURE_HEX_MAX + 1];
		unsigned char theirs[SIGV4A_SIGNATURE_HEX_MAX / 2];
		uint8_t q[SIGV4A_PUBLIC_KEY_SIZE], hash[32], d[SIGV4_KEY_SIZE];
		br_sha256_context h;
		br_ec_private_key sk;
		sigv4_key key;
		size_t i, n, len = 0;

		for (i = 0; i < sizeof secret - 1; i++) {
			secret[i] = (char)('A' + xorshift(&seed) % 26);
		}
		secret[sizeof secret - 1] = 0;
		for (i = 0; i < sizeof sts - 1; i++) {
			sts[i] = (char)(' ' + xorshift(&seed) % 95);
		}
		sts[sizeof sts - 1] = 0;
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_key_derive(&key, su_cstr("AKID"),
			secret, strlen(secret), "20150830", su_cstr("s3")));
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_public_key(q, &key));
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_signature(ours, &len, &key,
			su_cstr(sts)));
		ours[len] = 0;

		br_sha256_init(&h);
		br_sha256_update(&h, sts, strlen(sts));
		br_sha256_out(&h, hash);
		memcpy(d, key.signing_key, sizeof d);
		sk.curve = BR_EC_secp256r1;
		sk.x = d;
		sk.xlen = sizeof d;
		n = br_ecdsa_i31_sign_asn1(&br_ec_prime_i31, &br_sha256_vtable,
			hash, &sk, theirs);
		ASSERT_TRUE(n > 0);
		hex_of(theirs_hex, theirs, n);
		ASSERT_STR_EQ("signature as BearSSL makes it", theirs_hex, ours);
		ASSERT_EQ_INT(SIGV4_OK, sigv4a_verify(q, su_cstr(sts),
			su_cstr(theirs_hex)));
		ASSERT_TRUE(bearssl_verifies(q, hash, theirs, n));

		/* One bit of the signature flipped, or another message: both
		 * refuse. (A flip in the DER framing may make it unparsable.) */
		i = xorshift(&seed) % n;
		theirs[i] ^= (unsigned char)(1u << (xorshift(&seed) % 8));
		hex_of(theirs_hex, theirs, n);
		ASSERT_EQ_INT(SIGV4_ERR_SIGNATURE, sigv4a_verify(q, su_cstr(sts),
			su_cstr(theirs_hex)));
		ASSERT_TRUE(!bearssl_verifies(q, hash, theirs, n));
		sts[0] ^= 1;
		ASSERT_EQ_INT(SIGV4_ERR_SIGNATURE, sigv4a_verify(q, su_cstr(sts),
			su_cstr(ours)));
		sigv4_wipe(&key, sizeof key);
		sigv4_wipe(d, sizeof d);
	}
}

int
main(int argc, char **argv)
{
	char *aws, *smithy;

	if (argc < 3) {
		fprintf(stderr, "usage: %s <sigv4a-key-derivation.json> "
			"<signature-v4a.json>\n", argv[0]);
		return 2;
	}
	aws = su_vector_path(argv[1]);
	smithy = su_vector_path(argv[2]);
	test_kdf_vectors(aws, smithy);
	test_deterministic_signature(smithy);
	test_sign();
	test_kdf_refusals();
	test_rfc6979();
	test_mulgen();
	test_muladd();
	test_against_bearssl();
	free(aws);
	free(smithy);
	return tu_finish("test_sigv4a");
}
