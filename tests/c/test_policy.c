/*
 * test_policy.c: sigv4_policy(), the flags a signature follows. Every
 * expected value is written out here from src/sigv4.h's prose, never
 * taken from SIGV4_SERVICES or SIGV4_FLAGS_ALL, which are what is tested.
 */
#include <stdio.h>

#include "unit.h"

/* Defaults written out: S3 and its relatives, iotdevicegateway, and
 * every other service. */
#define S3_DEFAULTS (SIGV4_SINGLE_ENCODE | SIGV4_NO_NORMALIZE \
	| SIGV4_CONTENT_SHA256 | SIGV4_TOKEN_SIGNED | SIGV4_UNSIGNED_PRESIGN)
#define IOT_DEFAULTS (SIGV4_DOUBLE_ENCODE | SIGV4_NORMALIZE \
	| SIGV4_NO_CONTENT_SHA256 | SIGV4_TOKEN_AFTER)
#define OTHER_DEFAULTS (SIGV4_DOUBLE_ENCODE | SIGV4_NORMALIZE \
	| SIGV4_NO_CONTENT_SHA256 | SIGV4_TOKEN_SIGNED)

/* A service and the flags it resolves 0 to. */
typedef struct {
	const char *service;
	uint32_t defaults;
} service_row;

/* Resolve; on a wrong code or result, say which case it was. */
static void
expect(const char *service, uint32_t flags, int want_rc, uint32_t want)
{
	uint32_t got = 0xdeadbeefu;
	int rc = sigv4_policy(&got, unit_str(service), flags);

	if (!ASSERT_EQ_INT(want_rc, rc) || !ASSERT_EQ_INT(want, got)) {
		printf("  case: service '%s', flags 0x%lx\n", service,
			(unsigned long)flags);
	}
}

static void
expect_param(const char *service, uint32_t flags)
{
	expect(service, flags, SIGV4_ERR_PARAM, 0);
}

/* The numbers are ABI (the JS glue passes them): written out. */
static void
test_flag_values(void)
{
	ASSERT_EQ_INT(0x0001, SIGV4_PRESIGN);
	ASSERT_EQ_INT(0x0002, SIGV4_SINGLE_ENCODE);
	ASSERT_EQ_INT(0x0004, SIGV4_DOUBLE_ENCODE);
	ASSERT_EQ_INT(0x0008, SIGV4_NORMALIZE);
	ASSERT_EQ_INT(0x0010, SIGV4_NO_NORMALIZE);
	ASSERT_EQ_INT(0x0020, SIGV4_CONTENT_SHA256);
	ASSERT_EQ_INT(0x0040, SIGV4_NO_CONTENT_SHA256);
	ASSERT_EQ_INT(0x0080, SIGV4_TOKEN_AFTER);
	ASSERT_EQ_INT(0x0100, SIGV4_QUERY_FORM);
	ASSERT_EQ_INT(0x0200, SIGV4_SIGN_ALL_HEADERS);
	ASSERT_EQ_INT(0x0400, SIGV4_SIGN_LISTED_ONLY);
	ASSERT_EQ_INT(0x0800, SIGV4_TOKEN_SIGNED);
	ASSERT_EQ_INT(0x1000, SIGV4_S3_SESSION_TOKEN);
	ASSERT_EQ_INT(0x2000, SIGV4_UNSIGNED_PRESIGN);
	ASSERT_EQ_INT(0x3fff, SIGV4_FLAGS_ALL);
}

/* Each row of the service table in several cases, and services that are
 * not in it: near misses match no row (no prefix or substring match). */
static void
test_service_rows(void)
{
	static const service_row rows[] = {
		{ "s3", S3_DEFAULTS }, { "S3", S3_DEFAULTS },
		{ "s3express", S3_DEFAULTS }, { "S3Express", S3_DEFAULTS },
		{ "s3-outposts", S3_DEFAULTS }, { "S3-OUTPOSTS", S3_DEFAULTS },
		{ "s3-object-lambda", S3_DEFAULTS },
		{ "s3-Object-Lambda", S3_DEFAULTS },
		{ "iotdevicegateway", IOT_DEFAULTS },
		{ "IoTDeviceGateway", IOT_DEFAULTS },
		{ "IOTDEVICEGATEWAY", IOT_DEFAULTS },
		{ "service", OTHER_DEFAULTS }, { "s3-express", OTHER_DEFAULTS },
		{ "s3x", OTHER_DEFAULTS }, { "s", OTHER_DEFAULTS },
		{ "iot", OTHER_DEFAULTS }, { "iotdevicegateway2", OTHER_DEFAULTS },
		{ "", OTHER_DEFAULTS },
	};
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		expect(rows[i].service, 0, SIGV4_OK, rows[i].defaults);
	}
}

/* One pair (on, off) for a service with these defaults: neither gives
 * the default, one gives itself, both are PARAM. */
static void
pair_case(const char *service, uint32_t defaults, uint32_t on, uint32_t off)
{
	uint32_t rest = defaults & ~(on | off);

	expect(service, 0, SIGV4_OK, defaults);
	expect(service, on, SIGV4_OK, rest | on);
	expect(service, off, SIGV4_OK, rest | off);
	expect_param(service, on | off);
}

static void
test_pairs(void)
{
	static const service_row services[] = {
		{ "service", OTHER_DEFAULTS },
		{ "s3", S3_DEFAULTS },
		{ "iotdevicegateway", IOT_DEFAULTS },
	};
	size_t i;

	for (i = 0; i < sizeof services / sizeof services[0]; i++) {
		const char *s = services[i].service;
		uint32_t d = services[i].defaults;

		pair_case(s, d, SIGV4_SINGLE_ENCODE, SIGV4_DOUBLE_ENCODE);
		pair_case(s, d, SIGV4_NORMALIZE, SIGV4_NO_NORMALIZE);
		pair_case(s, d, SIGV4_CONTENT_SHA256, SIGV4_NO_CONTENT_SHA256);
		pair_case(s, d, SIGV4_TOKEN_AFTER, SIGV4_TOKEN_SIGNED);
	}
	/* A pair set both ways fails whatever else is set. */
	expect_param("s3", SIGV4_PRESIGN | SIGV4_TOKEN_AFTER
		| SIGV4_TOKEN_SIGNED | SIGV4_SINGLE_ENCODE);
}

/* Bits that are no pair pass through as given. */
static void
test_other_bits(void)
{
	expect("service", SIGV4_PRESIGN | SIGV4_QUERY_FORM, SIGV4_OK,
		OTHER_DEFAULTS | SIGV4_PRESIGN | SIGV4_QUERY_FORM);
	expect("service", SIGV4_SIGN_ALL_HEADERS, SIGV4_OK,
		OTHER_DEFAULTS | SIGV4_SIGN_ALL_HEADERS);
	expect("service", SIGV4_SIGN_LISTED_ONLY, SIGV4_OK,
		OTHER_DEFAULTS | SIGV4_SIGN_LISTED_ONLY);
	expect_param("service", SIGV4_SIGN_ALL_HEADERS | SIGV4_SIGN_LISTED_ONLY);
	expect_param("s3", SIGV4_SIGN_ALL_HEADERS | SIGV4_SIGN_LISTED_ONLY
		| SIGV4_PRESIGN);
	/* UNSIGNED_PRESIGN is the service's, not the caller's. */
	expect("service", SIGV4_UNSIGNED_PRESIGN, SIGV4_OK, OTHER_DEFAULTS);
	expect("s3", SIGV4_UNSIGNED_PRESIGN, SIGV4_OK, S3_DEFAULTS);
	/* A presigned URL carries no x-amz-content-sha256 header. */
	expect("s3", SIGV4_PRESIGN, SIGV4_OK, (S3_DEFAULTS
		& ~(uint32_t)SIGV4_CONTENT_SHA256) | SIGV4_NO_CONTENT_SHA256
		| SIGV4_PRESIGN);
	expect("s3", SIGV4_PRESIGN | SIGV4_CONTENT_SHA256, SIGV4_OK,
		(S3_DEFAULTS & ~(uint32_t)SIGV4_CONTENT_SHA256)
		| SIGV4_NO_CONTENT_SHA256 | SIGV4_PRESIGN);
}

static void
test_unknown_bits(void)
{
	uint32_t bit;

	for (bit = 0x4000u; bit != 0; bit <<= 1) {
		expect_param("service", bit);
		expect_param("s3", bit | SIGV4_PRESIGN);
	}
	expect_param("service", 0xffffffffu);
	expect("service", 0, SIGV4_OK, OTHER_DEFAULTS);
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_policy(NULL, unit_str("s3"), 0));
}

static void
test_s3_session_token(void)
{
	expect("s3express", SIGV4_S3_SESSION_TOKEN, SIGV4_OK,
		S3_DEFAULTS | SIGV4_S3_SESSION_TOKEN);
	expect("s3express", SIGV4_S3_SESSION_TOKEN | SIGV4_TOKEN_SIGNED,
		SIGV4_OK, S3_DEFAULTS | SIGV4_S3_SESSION_TOKEN);
	expect_param("s3express", SIGV4_S3_SESSION_TOKEN | SIGV4_TOKEN_AFTER);
	expect_param("service", SIGV4_S3_SESSION_TOKEN | SIGV4_TOKEN_AFTER);
	/* It overrides a service's default of after: the token is signed. */
	expect("iotdevicegateway", SIGV4_S3_SESSION_TOKEN, SIGV4_OK,
		(IOT_DEFAULTS & ~(uint32_t)SIGV4_TOKEN_AFTER) | SIGV4_TOKEN_SIGNED
		| SIGV4_S3_SESSION_TOKEN);
	expect("IoTDeviceGateway", SIGV4_S3_SESSION_TOKEN, SIGV4_OK,
		SIGV4_DOUBLE_ENCODE | SIGV4_NORMALIZE | SIGV4_NO_CONTENT_SHA256
		| SIGV4_TOKEN_SIGNED | SIGV4_S3_SESSION_TOKEN);
}

int
main(void)
{
	test_flag_values();
	test_service_rows();
	test_pairs();
	test_other_bits();
	test_unknown_bits();
	test_s3_session_token();
	return tu_finish("test_policy");
}
