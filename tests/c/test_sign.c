/*
 * test_sign.c: sigv4_sign()'s contract: every bad input has its own code,
 * nothing partial is ever written, buffers can be sized exactly, flags
 * resolve per service, S3 session tokens are signed under their own
 * names. Expected signatures here come from the AWS suite (get-vanilla:
 * 5fa00fa3..., its presign: e93c787e...), or were computed apart (the S3
 * session ones).
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

#define VANILLA_SIG "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
#define VANILLA_QSIG "e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d"
#define EMPTY_HASH "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
/* An S3 Express session token with bytes a query must encode, and the
 * signatures of the canonical requests below (computed apart, with
 * Python's hmac and hashlib over the text written out here). */
#define S3_SESSION "sess/tok+en="
#define S3_SESSION_SIG "282961b9a749c3c28262b5f478dc36d5ea0489620c4e50e3d1886280431c51e3"
#define S3_SESSION_QSIG "269251544c0dd3ac13a643476d5340f68da4818759b3ca76186be9e7f5211a2e"

typedef struct {
	sigv4_key key;
	sigv4_header headers[4];
	sigv4_request req;
	sigv4_params p;
	char out[2048];
	size_t out_len;
	unsigned char scratch[4096];
} fixture;

static void
setup(fixture *f, const char *service)
{
	memset(f, 0, sizeof *f);
	sigv4_key_derive(&f->key, SECRET, strlen(SECRET), "20150830",
		unit_str("us-east-1"), unit_str(service));
	f->headers[0].name = unit_str("Host");
	f->headers[0].value = unit_str("example.amazonaws.com");
	f->req.method = unit_str("GET");
	f->req.path = unit_str("/");
	f->req.headers = f->headers;
	f->req.header_count = 1;
	f->p.access_key_id = unit_str("AKIDEXAMPLE");
	f->p.amz_date = unit_str("20150830T123600Z");
	f->p.payload_hash = unit_str(EMPTY_HASH);
}

static int
run(fixture *f)
{
	return sigv4_sign(f->out, sizeof f->out, &f->out_len, &f->key, &f->req,
		&f->p, f->scratch, sizeof f->scratch, NULL);
}

static int
all_zero(const void *p, size_t n)
{
	const unsigned char *b = (const unsigned char *)p;

	while (n-- > 0) {
		if (*b++ != 0) {
			return 0;
		}
	}
	return 1;
}

static void
expect_error(fixture *f, int code, const char *what)
{
	int rc;

	memset(f->out, 0, sizeof f->out);
	rc = run(f);
	if (!ASSERT_EQ_INT(code, rc)) {
		printf("  case: %s\n", what);
	}
	ASSERT_TRUE(all_zero(f->out, sizeof f->out));
}

static void
test_vanilla(void)
{
	fixture f;

	setup(&f, "service");
	ASSERT_EQ_INT(SIGV4_OK, run(&f));
	ASSERT_MEM_EQ("authorization",
		"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
		"aws4_request, SignedHeaders=host;x-amz-date, Signature=" VANILLA_SIG,
		strlen("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
		"aws4_request, SignedHeaders=host;x-amz-date, Signature=" VANILLA_SIG),
		f.out, f.out_len);
	/* Deterministic, and the key is not consumed. */
	ASSERT_EQ_INT(SIGV4_OK, run(&f));
	ASSERT_MEM_EQ("again", VANILLA_SIG, 64, f.out + f.out_len - 64, 64);
}

static void
test_errors(void)
{
	fixture f;
	sigv4_header bad[2];

	setup(&f, "service");
	f.p.amz_date = unit_str("20150830T123660Z");
	expect_error(&f, SIGV4_ERR_DATE, "seconds 60");
	setup(&f, "service");
	f.p.amz_date = unit_str("20150831T000000Z");
	expect_error(&f, SIGV4_ERR_KEY_SCOPE, "date not the key's");
	setup(&f, "service");
	f.req.method = unit_str("GE T");
	expect_error(&f, SIGV4_ERR_METHOD, "space in method");
	setup(&f, "service");
	f.req.method = unit_str("");
	expect_error(&f, SIGV4_ERR_METHOD, "empty method");
	setup(&f, "service");
	f.req.path = unit_str("relative");
	expect_error(&f, SIGV4_ERR_PATH, "relative path");
	setup(&f, "service");
	f.req.path = unit_str("/a\r\nb");
	expect_error(&f, SIGV4_ERR_PATH, "CRLF in path");
	setup(&f, "service");
	f.req.query = unit_str("a=1#frag");
	expect_error(&f, SIGV4_ERR_QUERY, "fragment in query");
	setup(&f, "service");
	f.req.query.ptr = "a=\0";
	f.req.query.len = 3;
	expect_error(&f, SIGV4_ERR_QUERY, "NUL in query");
	setup(&f, "service");
	f.req.query = unit_str("X-Amz-Signature=abc");
	expect_error(&f, SIGV4_ERR_QUERY_RESERVED, "signature param, header mode");
	setup(&f, "service");
	f.req.query = unit_str("a=1&x-amz-credential=abc");
	f.p.flags = SIGV4_PRESIGN;
	f.p.expires = 60;
	expect_error(&f, SIGV4_ERR_QUERY_RESERVED, "credential param, presign");
	setup(&f, "service");
	f.req.header_count = 0;
	expect_error(&f, SIGV4_ERR_HOST, "no host");
	setup(&f, "service");
	bad[0] = f.headers[0];
	bad[1].name = unit_str("Authorization");
	bad[1].value = unit_str("x");
	f.req.headers = bad;
	f.req.header_count = 2;
	expect_error(&f, SIGV4_ERR_HEADER_RESERVED, "authorization given");
	bad[1].name = unit_str("x-a");
	bad[1].value = unit_str("a\nb");
	expect_error(&f, SIGV4_ERR_HEADER_VALUE, "LF in value");
	bad[1].name = unit_str("x a");
	bad[1].value = unit_str("v");
	expect_error(&f, SIGV4_ERR_HEADER_NAME, "space in name");
	setup(&f, "service");
	f.p.flags = SIGV4_PRESIGN;
	f.p.expires = 0;
	expect_error(&f, SIGV4_ERR_EXPIRES, "expires 0");
	f.p.expires = SIGV4_EXPIRES_MAX + 1;
	expect_error(&f, SIGV4_ERR_EXPIRES, "expires 604801");
	f.p.expires = SIGV4_EXPIRES_MAX;
	ASSERT_EQ_INT(SIGV4_OK, run(&f));
	setup(&f, "service");
	f.p.payload_hash = unit_str("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
	expect_error(&f, SIGV4_ERR_PAYLOAD_HASH, "uppercase hex");
	f.p.payload_hash = unit_str("utf-8");
	expect_error(&f, SIGV4_ERR_PAYLOAD_HASH, "not a hash");
	f.p.payload_hash = unit_str("");
	expect_error(&f, SIGV4_ERR_PAYLOAD_HASH, "empty");
	f.p.payload_hash = unit_str("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
	ASSERT_EQ_INT(SIGV4_OK, run(&f));
	{
		/* Every byte value at every position of a digest (check.c tests
		 * eight at a time): accepted exactly when it is 0-9 or a-f. */
		char hash[SIGV4_SHA256_HEX_LEN + 1];
		int at, b;

		for (at = 0; at < SIGV4_SHA256_HEX_LEN; at++) {
			for (b = 0; b < 256; b++) {
				int hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');

				memset(hash, "0123456789abcdef"[at % 16], sizeof hash);
				hash[at] = (char)b;
				f.p.payload_hash.ptr = hash;
				f.p.payload_hash.len = SIGV4_SHA256_HEX_LEN;
				ASSERT_EQ_INT(hex ? SIGV4_OK : SIGV4_ERR_PAYLOAD_HASH,
					run(&f));
			}
		}
	}
	setup(&f, "service");
	f.p.access_key_id = unit_str("");
	expect_error(&f, SIGV4_ERR_ACCESS_KEY, "empty akid");
	f.p.access_key_id = unit_str("AKID/X");
	expect_error(&f, SIGV4_ERR_ACCESS_KEY, "slash in akid");
	setup(&f, "service");
	f.p.session_token = unit_str("tok\nen");
	expect_error(&f, SIGV4_ERR_TOKEN, "newline in token");
	setup(&f, "service");
	f.p.flags = SIGV4_SINGLE_ENCODE | SIGV4_DOUBLE_ENCODE;
	expect_error(&f, SIGV4_ERR_PARAM, "both encodings");
	f.p.flags = SIGV4_SIGN_ALL_HEADERS | SIGV4_SIGN_LISTED_ONLY;
	expect_error(&f, SIGV4_ERR_PARAM, "all and only");
	setup(&f, "service");
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_sign(f.out, sizeof f.out, &f.out_len,
		NULL, &f.req, &f.p, f.scratch, sizeof f.scratch, NULL));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_sign(f.out, sizeof f.out, NULL,
		&f.key, &f.req, &f.p, f.scratch, sizeof f.scratch, NULL));
	/* Every error above left the fixture usable. */
	setup(&f, "service");
	ASSERT_EQ_INT(SIGV4_OK, run(&f));
}

static void
test_sizes(void)
{
	fixture f;
	char small[10];
	size_t need, len;
	unsigned char *scratch;
	char creq[16], sts[16];
	sigv4_capture cap;

	/* Output: SPACE reports the exact size, which then works. */
	setup(&f, "service");
	memset(small, 0, sizeof small);
	ASSERT_EQ_INT(SIGV4_ERR_SPACE, sigv4_sign(small, sizeof small, &len,
		&f.key, &f.req, &f.p, f.scratch, sizeof f.scratch, NULL));
	ASSERT_TRUE(all_zero(small, sizeof small));
	ASSERT_EQ_INT(SIGV4_OK, sigv4_sign(f.out, len, &f.out_len, &f.key,
		&f.req, &f.p, f.scratch, sizeof f.scratch, NULL));
	ASSERT_EQ_INT(len, f.out_len);

	/* Scratch: exactly sigv4_scratch_size() works (ASan checks reads and
	 * writes stay inside it), one byte less does not. */
	need = sigv4_scratch_size(&f.req, &f.p);
	scratch = malloc(need);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_sign(f.out, sizeof f.out, &f.out_len,
		&f.key, &f.req, &f.p, scratch, need, NULL));
	ASSERT_EQ_INT(SIGV4_ERR_SCRATCH, sigv4_sign(f.out, sizeof f.out,
		&f.out_len, &f.key, &f.req, &f.p, scratch, need - 1, NULL));
	free(scratch);
	/* ... at any alignment. */
	scratch = malloc(need + 7);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_sign(f.out, sizeof f.out, &f.out_len,
		&f.key, &f.req, &f.p, scratch + 3, need, NULL));
	free(scratch);

	/* Capture too small: SPACE, with the lengths needed. */
	memset(&cap, 0, sizeof cap);
	cap.canonical_request = creq;
	cap.canonical_request_cap = sizeof creq;
	cap.string_to_sign = sts;
	cap.string_to_sign_cap = sizeof sts;
	ASSERT_EQ_INT(SIGV4_ERR_SPACE, sigv4_sign(f.out, sizeof f.out,
		&f.out_len, &f.key, &f.req, &f.p, f.scratch, sizeof f.scratch, &cap));
	ASSERT_EQ_INT(strlen("GET\n/\n\nhost:example.amazonaws.com\n"
		"x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" EMPTY_HASH),
		cap.canonical_request_len);
	ASSERT_EQ_INT(16 + 1 + 16 + 1 + 39 + 1 + 64, cap.string_to_sign_len);
	ASSERT_TRUE(all_zero(creq, sizeof creq) && all_zero(sts, sizeof sts));
	ASSERT_TRUE(all_zero(f.out, sizeof f.out));
}

static void
test_service_defaults(void)
{
	fixture f;
	/* Written out here, not taken from SIGV4_SERVICES: S3 Express signs as
	 * "s3express" (its IAM actions are s3express:*). */
	const char *s3[] = { "s3", "s3express", "s3-outposts", "s3-object-lambda" };
	size_t i;
	char creq[1024];
	sigv4_capture cap;

	for (i = 0; i < 4; i++) {
		setup(&f, s3[i]);
		f.req.path = unit_str("/a/../b%3c");
		memset(&cap, 0, sizeof cap);
		cap.canonical_request = creq;
		cap.canonical_request_cap = sizeof creq;
		cap.string_to_sign = creq + 512;
		cap.string_to_sign_cap = 512;
		ASSERT_EQ_INT(SIGV4_OK, sigv4_sign(f.out, sizeof f.out, &f.out_len,
			&f.key, &f.req, &f.p, f.scratch, sizeof f.scratch, &cap));
		/* S3: no normalisation, single encoding, content sha signed. */
		ASSERT_MEM_EQ(s3[i], "GET\n/a/../b%3C\n", 15, creq, 15);
		ASSERT_TRUE(strstr(f.out, "host;x-amz-content-sha256;x-amz-date") != NULL);
	}
	setup(&f, "s3x");
	f.req.path = unit_str("/a/../b%3c");
	memset(&cap, 0, sizeof cap);
	cap.canonical_request = creq;
	cap.canonical_request_cap = sizeof creq;
	cap.string_to_sign = creq + 512;
	cap.string_to_sign_cap = 512;
	ASSERT_EQ_INT(SIGV4_OK, sigv4_sign(f.out, sizeof f.out, &f.out_len,
		&f.key, &f.req, &f.p, f.scratch, sizeof f.scratch, &cap));
	ASSERT_MEM_EQ("not s3", "GET\n/b%253c\n", 12, creq, 12);
	ASSERT_TRUE(strstr(f.out, "SignedHeaders=host;x-amz-date,") != NULL);
}

static void
test_token_modes(void)
{
	fixture f;

	/* Presign with the token appended after signing: the signature is
	 * the vanilla presign's and the token follows it, encoded. */
	setup(&f, "service");
	f.p.flags = SIGV4_PRESIGN | SIGV4_TOKEN_AFTER;
	f.p.expires = 3600;
	f.p.session_token = unit_str("a/b+c=");
	ASSERT_EQ_INT(SIGV4_OK, run(&f));
	f.out[f.out_len] = 0;
	ASSERT_TRUE(strstr(f.out, "&X-Amz-Signature=" VANILLA_QSIG
		"&X-Amz-Security-Token=a%2Fb%2Bc%3D") != NULL);
	/* Header mode: the token is not signed either. */
	f.p.flags = SIGV4_TOKEN_AFTER;
	ASSERT_EQ_INT(SIGV4_OK, run(&f));
	ASSERT_MEM_EQ("signature", VANILLA_SIG, 64, f.out + f.out_len - 64, 64);
}

/* Run with the canonical request captured into creq (NUL-terminated).
 * A capture without a string-to-sign buffer is SIGV4_ERR_SPACE, so it
 * gets one too. */
static int
run_capture(fixture *f, char *creq, size_t cap)
{
	char sts[512];
	sigv4_capture c;
	int rc;

	memset(&c, 0, sizeof c);
	c.canonical_request = creq;
	c.canonical_request_cap = cap - 1;
	c.string_to_sign = sts;
	c.string_to_sign_cap = sizeof sts;
	rc = sigv4_sign(f->out, sizeof f->out, &f->out_len, &f->key, &f->req,
		&f->p, f->scratch, sizeof f->scratch, &c);
	creq[rc == SIGV4_OK ? c.canonical_request_len : 0] = 0;
	f->out[rc == SIGV4_OK ? f->out_len : 0] = 0;
	return rc;
}

/* S3_SESSION_TOKEN, header mode: the token signed as
 * x-amz-s3session-token, never as x-amz-security-token. */
static void
test_s3_session_headers(void)
{
	static const char want_creq[] =
		"GET\n/\n\nhost:example.amazonaws.com\n"
		"x-amz-content-sha256:" EMPTY_HASH "\n"
		"x-amz-date:20150830T123600Z\n"
		"x-amz-s3session-token:" S3_SESSION "\n\n"
		"host;x-amz-content-sha256;x-amz-date;x-amz-s3session-token\n"
		EMPTY_HASH;
	static const char want_out[] =
		"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
		"s3express/aws4_request, SignedHeaders=host;x-amz-content-sha256;"
		"x-amz-date;x-amz-s3session-token, Signature=" S3_SESSION_SIG;
	fixture f;
	char creq[1024];

	setup(&f, "s3express");
	f.p.flags = SIGV4_S3_SESSION_TOKEN;
	f.p.session_token = unit_str(S3_SESSION);
	ASSERT_EQ_INT(SIGV4_OK, run_capture(&f, creq, sizeof creq));
	ASSERT_STR_EQ("canonical request", want_creq, creq);
	ASSERT_TRUE(strstr(creq, "x-amz-security-token") == NULL);
	ASSERT_STR_EQ("authorization", want_out, f.out);
	/* TOKEN_SIGNED says the same; UNSIGNED_PRESIGN changes nothing. */
	f.p.flags = SIGV4_S3_SESSION_TOKEN | SIGV4_TOKEN_SIGNED
		| SIGV4_UNSIGNED_PRESIGN;
	ASSERT_EQ_INT(SIGV4_OK, run_capture(&f, creq, sizeof creq));
	ASSERT_STR_EQ("authorization, TOKEN_SIGNED", want_out, f.out);
}

/* S3_SESSION_TOKEN, presigned: X-Amz-S3session-Token in the canonical
 * query and the output, never X-Amz-Security-Token. */
static void
test_s3_session_presign(void)
{
#define S3_SESSION_QUERY "X-Amz-Algorithm=AWS4-HMAC-SHA256" \
	"&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3express" \
	"%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=300" \
	"&X-Amz-S3session-Token=sess%2Ftok%2Ben%3D&X-Amz-SignedHeaders=host"
	static const char want_creq[] = "GET\n/\n" S3_SESSION_QUERY "\n"
		"host:example.amazonaws.com\n\nhost\n" EMPTY_HASH;
	static const char want_out[] = S3_SESSION_QUERY
		"&X-Amz-Signature=" S3_SESSION_QSIG;
#undef S3_SESSION_QUERY
	fixture f;
	char creq[1024];

	setup(&f, "s3express");
	f.p.flags = SIGV4_PRESIGN | SIGV4_S3_SESSION_TOKEN;
	f.p.expires = 300;
	f.p.session_token = unit_str(S3_SESSION);
	ASSERT_EQ_INT(SIGV4_OK, run_capture(&f, creq, sizeof creq));
	ASSERT_STR_EQ("canonical request", want_creq, creq);
	ASSERT_STR_EQ("presigned query", want_out, f.out);
	ASSERT_TRUE(strstr(f.out, "Security-Token") == NULL);
	/* UNSIGNED_PRESIGN is for the wasm shim: sigv4_sign ignores it. */
	f.p.flags |= SIGV4_UNSIGNED_PRESIGN;
	ASSERT_EQ_INT(SIGV4_OK, run_capture(&f, creq, sizeof creq));
	ASSERT_STR_EQ("presigned query, UNSIGNED_PRESIGN", want_out, f.out);
}

/* With S3_SESSION_TOKEN its header and parameter are the signer's;
 * without it, the caller's. */
static void
test_s3_session_reserved(void)
{
	static const char *const queries[] = {
		"x-amz-s3session-token=1", "a=1&X-AMZ-S3SESSION-TOKEN=",
		"x%2Damz%2Ds3session%2Dtoken=1",
	};
	fixture f;
	char creq[1024];
	size_t i;

	setup(&f, "s3express");
	f.p.flags = SIGV4_S3_SESSION_TOKEN;
	f.p.session_token = unit_str(S3_SESSION);
	f.headers[1].name = unit_str("X-Amz-S3session-Token");
	f.headers[1].value = unit_str("t");
	f.req.header_count = 2;
	expect_error(&f, SIGV4_ERR_HEADER_RESERVED, "s3session header");
	f.p.session_token = unit_str("");
	expect_error(&f, SIGV4_ERR_HEADER_RESERVED, "s3session header, no token");
	f.p.flags = SIGV4_S3_SESSION_TOKEN | SIGV4_PRESIGN;
	f.p.expires = 60;
	expect_error(&f, SIGV4_ERR_HEADER_RESERVED, "s3session header, presign");
	/* Without the flag it is an ordinary header, signed. */
	f.p.flags = 0;
	ASSERT_EQ_INT(SIGV4_OK, run_capture(&f, creq, sizeof creq));
	ASSERT_TRUE(strstr(creq, "\nx-amz-s3session-token:t\n") != NULL);

	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		setup(&f, "s3express");
		f.req.query = unit_str(queries[i]);
		f.p.flags = SIGV4_S3_SESSION_TOKEN;
		expect_error(&f, SIGV4_ERR_QUERY_RESERVED, queries[i]);
		f.p.flags = SIGV4_S3_SESSION_TOKEN | SIGV4_PRESIGN;
		f.p.expires = 60;
		expect_error(&f, SIGV4_ERR_QUERY_RESERVED, queries[i]);
		f.p.flags = SIGV4_PRESIGN;
		ASSERT_EQ_INT(SIGV4_OK, run(&f));
	}

	/* Flags sigv4_sign refuses, as sigv4_policy does. */
	setup(&f, "s3express");
	f.p.session_token = unit_str(S3_SESSION);
	f.p.flags = SIGV4_S3_SESSION_TOKEN | SIGV4_TOKEN_AFTER;
	expect_error(&f, SIGV4_ERR_PARAM, "S3_SESSION_TOKEN | TOKEN_AFTER");
	f.p.flags = SIGV4_TOKEN_AFTER | SIGV4_TOKEN_SIGNED;
	expect_error(&f, SIGV4_ERR_PARAM, "TOKEN_AFTER | TOKEN_SIGNED");
	f.p.flags = 0x4000u;
	expect_error(&f, SIGV4_ERR_PARAM, "bit 0x4000");
	f.p.flags = 0x8000u | SIGV4_PRESIGN;
	expect_error(&f, SIGV4_ERR_PARAM, "bit 0x8000");
}

/* iotdevicegateway (any case) leaves the token out of the signature
 * unless told otherwise. */
static void
test_iot_token_after(void)
{
	fixture f;
	char creq[1024], plain[1024];

	setup(&f, "IoTDeviceGateway");
	ASSERT_EQ_INT(SIGV4_OK, run(&f));
	memcpy(plain, f.out, f.out_len);
	plain[f.out_len] = 0;
	f.p.session_token = unit_str("tok");
	ASSERT_EQ_INT(SIGV4_OK, run_capture(&f, creq, sizeof creq));
	ASSERT_STR_EQ("token after by default", plain, f.out);
	ASSERT_TRUE(strstr(creq, "token") == NULL);
	f.p.flags = SIGV4_TOKEN_SIGNED;
	ASSERT_EQ_INT(SIGV4_OK, run_capture(&f, creq, sizeof creq));
	ASSERT_TRUE(strstr(creq, "\nx-amz-security-token:tok\n") != NULL);
	/* An S3 session token is signed, under its own name. */
	f.p.flags = SIGV4_S3_SESSION_TOKEN;
	ASSERT_EQ_INT(SIGV4_OK, run_capture(&f, creq, sizeof creq));
	ASSERT_TRUE(strstr(creq, "\nx-amz-s3session-token:tok\n") != NULL);
	/* Presigned: the token follows the signature. */
	f.p.flags = SIGV4_PRESIGN;
	f.p.expires = 60;
	ASSERT_EQ_INT(SIGV4_OK, run_capture(&f, creq, sizeof creq));
	ASSERT_TRUE(strstr(creq, "Token") == NULL);
	ASSERT_TRUE(f.out_len > 25 && strcmp(f.out + f.out_len - 25,
		"&X-Amz-Security-Token=tok") == 0);
}

int
main(void)
{
	test_vanilla();
	test_errors();
	test_sizes();
	test_service_defaults();
	test_token_modes();
	test_s3_session_headers();
	test_s3_session_presign();
	test_s3_session_reserved();
	test_iot_token_after();
	return tu_finish("test_sign");
}
