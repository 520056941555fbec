/*
 * test_checksum.c: the x-amz-checksum-* algorithms and base64.
 *
 * Expected values are published ones: the CRC catalogue's check values
 * (CRC of "123456789"), RFC 3720's CRC32C examples, FIPS 180's SHA-1
 * examples, RFC 4648's base64 vectors and S3's trailer example. Beyond
 * them, every CRC is compared with a one-bit-at-a-time CRC written here
 * from the definition, on pseudo-random inputs split at random points.
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

/* The digest of len bytes in one update, as lowercase hex. */
static void
digest_hex(char *hex, int algorithm, const void *data, size_t len)
{
	sigv4_checksum c;
	uint8_t d[SIGV4_CHECKSUM_MAX];
	size_t n = 0;

	ASSERT_EQ_INT(SIGV4_OK, sigv4_checksum_init(&c, algorithm));
	sigv4_checksum_update(&c, data, len);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_checksum_out(&c, d, &n));
	ASSERT_EQ_INT(sigv4_checksum_size(algorithm), n);
	sigv4_hex(hex, d, n);
	hex[2 * n] = 0;
}

static void
expect_hex(int algorithm, const char *data, size_t len, const char *want)
{
	char hex[2 * SIGV4_CHECKSUM_MAX + 1];

	digest_hex(hex, algorithm, data, len);
	ASSERT_STR_EQ(sigv4_checksum_name(algorithm), want, hex);
}

static void
test_known_answers(void)
{
	static const char check[] = "123456789";
	static const char fips[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	unsigned char block[32];
	size_t i;

	/* The CRC catalogue's check values. */
	expect_hex(SIGV4_CHECKSUM_CRC32, check, 9, "cbf43926");
	expect_hex(SIGV4_CHECKSUM_CRC32C, check, 9, "e3069283");
	expect_hex(SIGV4_CHECKSUM_CRC64NVME, check, 9, "ae8b14860a799888");
	expect_hex(SIGV4_CHECKSUM_CRC32,
		"The quick brown fox jumps over the lazy dog", 43, "414fa339");
	/* RFC 3720, B.4: CRC32C of 32-byte blocks. */
	memset(block, 0, sizeof block);
	expect_hex(SIGV4_CHECKSUM_CRC32C, (const char *)block, 32, "8a9136aa");
	memset(block, 0xff, sizeof block);
	expect_hex(SIGV4_CHECKSUM_CRC32C, (const char *)block, 32, "62a8ab43");
	for (i = 0; i < 32; i++) {
		block[i] = (unsigned char)i;
	}
	expect_hex(SIGV4_CHECKSUM_CRC32C, (const char *)block, 32, "46dd794e");
	for (i = 0; i < 32; i++) {
		block[i] = (unsigned char)(31 - i);
	}
	expect_hex(SIGV4_CHECKSUM_CRC32C, (const char *)block, 32, "113fdb5c");
	/* FIPS 180-2, appendix A, and the empty string. */
	expect_hex(SIGV4_CHECKSUM_SHA1, "abc", 3,
		"a9993e364706816aba3e25717850c26c9cd0d89d");
	expect_hex(SIGV4_CHECKSUM_SHA1, fips, sizeof fips - 1,
		"84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	expect_hex(SIGV4_CHECKSUM_SHA1, "", 0,
		"da39a3ee5e6b4b0d3255bfef95601890afd80709");
	expect_hex(SIGV4_CHECKSUM_SHA256, "abc", 3,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* Empty input: a CRC's initial value and final xor cancel out. */
	expect_hex(SIGV4_CHECKSUM_CRC32, NULL, 0, "00000000");
	expect_hex(SIGV4_CHECKSUM_CRC32C, NULL, 0, "00000000");
	expect_hex(SIGV4_CHECKSUM_CRC64NVME, NULL, 0, "0000000000000000");
	expect_hex(SIGV4_CHECKSUM_SHA256, NULL, 0,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* The base64 of a checksum's digest must be want. */
static void
expect_base64(const sigv4_checksum *c, const char *what, const char *want)
{
	char b64[SIGV4_CHECKSUM_BASE64_MAX + 1];
	size_t n = 0;

	ASSERT_EQ_INT(SIGV4_OK, sigv4_checksum_base64(c, b64, &n));
	ASSERT_EQ_INT(strlen(want), n);
	b64[n] = 0;
	ASSERT_STR_EQ(what, want, b64);
}

static void
test_million_a(void)
{
	static char a[1000];
	sigv4_checksum c;
	int i;

	/* FIPS 180-2 A.3: one million 'a', SHA-1, added 1000 at a time; the
	 * digest 34aa973cd4c4daa4f61eeb2bdbad27316534016f in base64. */
	memset(a, 'a', sizeof a);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_checksum_init(&c, SIGV4_CHECKSUM_SHA1));
	for (i = 0; i < 1000; i++) {
		sigv4_checksum_update(&c, a, sizeof a);
	}
	expect_base64(&c, "sha1 of a million a", "NKqXPNTE2qT2Husr260nMWU0AW8=");
}

/* S3's trailer example (tests/vectors/s3-doc-examples.json,
 * chunked-put-object-with-trailer): 66560 bytes of 'a' send
 * x-amz-checksum-crc32c:sOO8/Q==. In chunks of 65536 and 1024 as there. */
static void
test_s3_trailer(void)
{
	static char a[66560];
	sigv4_checksum c;

	memset(a, 'a', sizeof a);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_checksum_init(&c, SIGV4_CHECKSUM_CRC32C));
	sigv4_checksum_update(&c, a, 65536);
	sigv4_checksum_update(&c, a + 65536, 1024);
	expect_base64(&c, "crc32c trailer", "sOO8/Q==");
}

static void
test_base64(void)
{
	/* RFC 4648, section 10, and bytes that use '+' and '/'. */
	static const struct { const char *in; size_t len; const char *out; } v[] = {
		{ "", 0, "" },
		{ "f", 1, "Zg==" },
		{ "fo", 2, "Zm8=" },
		{ "foo", 3, "Zm9v" },
		{ "foob", 4, "Zm9vYg==" },
		{ "fooba", 5, "Zm9vYmE=" },
		{ "foobar", 6, "Zm9vYmFy" },
		{ "\xfb\xff", 2, "+/8=" },
		{ "\x00\x10\x83\x10\x51\x87\x20\x92\x8b\x30\xd3\x8f\x41\x14\x93\x51"
		  "\x55\x97\x61\x96\x9b\x71\xd7\x9f\x82\x18\xa3\x92\x59\xa7\xa2\x9a"
		  "\xab\xb2\xdb\xaf\xc3\x1c\xb3\xd3\x5d\xb7\xe3\x9e\xbb\xf3\xdf\xbf",
		  48, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/" },
	};
	char out[80];
	size_t i, n;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		memset(out, '#', sizeof out);
		n = sigv4_base64(out, v[i].in, v[i].len);
		ASSERT_EQ_INT(SIGV4_BASE64_LEN(v[i].len), n);
		ASSERT_EQ_INT('#', out[n]);
		out[n] = 0;
		ASSERT_STR_EQ(v[i].out, v[i].out, out);
	}
	ASSERT_EQ_INT(0, sigv4_base64(NULL, NULL, 0));
	ASSERT_EQ_INT(44, SIGV4_CHECKSUM_BASE64_MAX);
}

/* The definition, one bit at a time: reflected, all ones in and out. */
static uint64_t
crc_bitwise(uint64_t poly, int width, const unsigned char *p, size_t len)
{
	uint64_t mask = width == 64 ? ~(uint64_t)0 : ((uint64_t)1 << width) - 1;
	uint64_t crc = mask;
	size_t i;
	int b;

	for (i = 0; i < len; i++) {
		crc ^= p[i];
		for (b = 0; b < 8; b++) {
			crc = (crc & 1) ? (crc >> 1) ^ poly : crc >> 1;
		}
	}
	return crc ^ mask;
}

/* xorshift64*, for reproducible inputs. */
static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(0x2545F4914F6CDD1D);
}

static void
test_against_bitwise(void)
{
	static const struct { int id; uint64_t poly; int width; } crcs[] = {
		{ SIGV4_CHECKSUM_CRC32, 0xEDB88320u, 32 },
		{ SIGV4_CHECKSUM_CRC32C, 0x82F63B78u, 32 },
		{ SIGV4_CHECKSUM_CRC64NVME, UINT64_C(0x9a6c9329ac4bc9b5), 64 },
	};
	static unsigned char buf[5000];
	unsigned long bad = 0;
	int round;
	size_t k, i;

	for (round = 0; round < 300; round++) {
		/* Lengths around the 8-byte steps, then larger; offsets vary the
		 * alignment. */
		size_t len = round < 40 ? (size_t)round : (size_t)(rng() % 4000);
		size_t off = (size_t)(rng() % 8), cut = len ? (size_t)(rng() % (len + 1)) : 0;

		for (i = 0; i < len; i++) {
			buf[off + i] = (unsigned char)rng();
		}
		for (k = 0; k < sizeof crcs / sizeof crcs[0]; k++) {
			uint64_t want = crc_bitwise(crcs[k].poly, crcs[k].width,
				buf + off, len), got = 0;
			uint8_t d[8];
			size_t n = 0, j;
			sigv4_checksum c;

			sigv4_checksum_init(&c, crcs[k].id);
			sigv4_checksum_update(&c, buf + off, cut);
			sigv4_checksum_update(&c, buf + off + cut, len - cut);
			sigv4_checksum_out(&c, d, &n);
			for (j = 0; j < n; j++) {
				got = got << 8 | d[j];
			}
			if (got != want && bad++ < 5) {
				tu_fail(__FILE__, __LINE__, "%s of %zu bytes cut at %zu: "
					"%016llx, expected %016llx",
					sigv4_checksum_name(crcs[k].id), len, cut,
					(unsigned long long)got, (unsigned long long)want);
			}
		}
	}
	ASSERT_EQ_INT(0, bad);
}

/* Every split of a short input, in two and in three updates, and a copy
 * of a context taken midway, give the one-update digest. */
static void
test_incremental(void)
{
	static const char text[] =
		"The quick brown fox jumps over the lazy dog, 0123456789 and more"
		"; long enough to cross a 64-byte SHA block";
	const size_t len = sizeof text - 1;
	int alg;

	for (alg = 0; alg < SIGV4_CHECKSUM_END_; alg++) {
		char whole[2 * SIGV4_CHECKSUM_MAX + 1], part[2 * SIGV4_CHECKSUM_MAX + 1];
		uint8_t d[SIGV4_CHECKSUM_MAX];
		unsigned long bad = 0;
		size_t i, j, n = 0;

		digest_hex(whole, alg, text, len);
		for (i = 0; i <= len; i++) {
			for (j = i; j <= len; j += 7) {
				sigv4_checksum c, copy;

				sigv4_checksum_init(&c, alg);
				sigv4_checksum_update(&c, text, i);
				/* out() in between changes nothing */
				sigv4_checksum_out(&c, d, NULL);
				copy = c;
				sigv4_checksum_update(&c, text + i, j - i);
				sigv4_checksum_update(&c, text + j, len - j);
				sigv4_checksum_out(&c, d, &n);
				sigv4_hex(part, d, n);
				part[2 * n] = 0;
				bad += strcmp(whole, part) != 0;
				sigv4_checksum_update(&copy, text + i, len - i);
				sigv4_checksum_out(&copy, d, &n);
				sigv4_hex(part, d, n);
				bad += strcmp(whole, part) != 0;
			}
		}
		if (!ASSERT_EQ_INT(0, bad)) {
			printf("  %s: %lu splits differ\n", sigv4_checksum_name(alg), bad);
		}
	}
}

static void
test_table(void)
{
	static const struct { const char *name; int id; size_t bytes; } rows[] = {
		{ "crc32", SIGV4_CHECKSUM_CRC32, 4 },
		{ "CRC32C", SIGV4_CHECKSUM_CRC32C, 4 },
		{ "Crc64Nvme", SIGV4_CHECKSUM_CRC64NVME, 8 },
		{ "sha1", SIGV4_CHECKSUM_SHA1, 20 },
		{ "SHA256", SIGV4_CHECKSUM_SHA256, 32 },
	};
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		ASSERT_EQ_INT(rows[i].id, sigv4_checksum_algorithm(unit_str(rows[i].name)));
		ASSERT_EQ_INT(rows[i].bytes, sigv4_checksum_size(rows[i].id));
		ASSERT_TRUE(sigv4_eq_lower(unit_str(rows[i].name),
			sigv4_checksum_name(rows[i].id)));
	}
	ASSERT_EQ_INT(5, SIGV4_CHECKSUM_END_);
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_checksum_algorithm(unit_str("crc")));
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_checksum_algorithm(unit_str("crc32cc")));
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_checksum_algorithm(unit_str("")));
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_checksum_algorithm(unit_str("md5")));
	ASSERT_TRUE(sigv4_checksum_name(-1) == NULL);
	ASSERT_TRUE(sigv4_checksum_name(5) == NULL);
	ASSERT_EQ_INT(0, sigv4_checksum_size(5));
	ASSERT_EQ_INT(0, sigv4_checksum_size(-1));
}

static void
test_errors(void)
{
	static const int unknown[] = { -1, 5, 1000, SIGV4_ERR_CHECKSUM };
	sigv4_checksum c, zero;
	char b64[SIGV4_CHECKSUM_BASE64_MAX];
	uint8_t d[SIGV4_CHECKSUM_MAX];
	size_t i, n;

	memset(&zero, 0, sizeof zero);
	for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
		memset(&c, 0x5a, sizeof c);
		ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_checksum_init(&c, unknown[i]));
		ASSERT_TRUE(memcmp(&c, &zero, sizeof c) == 0);
		/* A context that failed to start is refused, not read. */
		sigv4_checksum_update(&c, "abc", 3);
		ASSERT_TRUE(memcmp(&c, &zero, sizeof c) == 0);
		n = 99;
		ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_checksum_out(&c, d, &n));
		ASSERT_EQ_INT(0, n);
		n = 99;
		ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_checksum_base64(&c, b64, &n));
		ASSERT_EQ_INT(0, n);
	}
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_checksum_init(NULL, SIGV4_CHECKSUM_CRC32));
	sigv4_checksum_update(NULL, "abc", 3);
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_checksum_out(NULL, d, NULL));
	ASSERT_EQ_INT(SIGV4_OK, sigv4_checksum_init(&c, SIGV4_CHECKSUM_CRC32));
	ASSERT_EQ_INT(SIGV4_ERR_CHECKSUM, sigv4_checksum_out(&c, NULL, NULL));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_checksum_base64(&c, NULL, NULL));
	ASSERT_STR_EQ("strerror", "unknown checksum algorithm",
		sigv4_strerror(SIGV4_ERR_CHECKSUM));
	ASSERT_STR_EQ("errname", "SIGV4_ERR_CHECKSUM",
		sigv4_errname(SIGV4_ERR_CHECKSUM));
	/* setup() again, after the tables are filled, changes nothing. */
	sigv4_checksum_setup();
	expect_hex(SIGV4_CHECKSUM_CRC32, "123456789", 9, "cbf43926");
}

int
main(void)
{
	sigv4_checksum_setup();
	test_known_answers();
	test_million_a();
	test_s3_trailer();
	test_base64();
	test_against_bitwise();
	test_incremental();
	test_table();
	test_errors();
	return tu_finish("test_checksum");
}
