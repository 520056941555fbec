/*
 * test_hostile.c: hostile input at the C API.
 *
 * Every case either gets its exact negative code, with nothing written to
 * the output, or (where the input is valid, however odd) a signature that
 * is cross-checked here: the canonical request the library captured must
 * equal the one this test builds by hand, the string to sign is rebuilt
 * from its SHA-256, and the signature is recomputed with BearSSL's HMAC
 * over it. After every case the AWS suite's get-vanilla request must still
 * sign to the suite's signature: one bad call leaves nothing behind.
 */
#include <stdio.h>
#include <stdlib.h>

#include "suite_util.h"
#include "unit.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define AKID "AKIDEXAMPLE"
#define DATE "20150830T123600Z"
#define SCOPE "20150830/us-east-1/service/aws4_request"
#define EMPTY_HASH \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/* aws-c-auth v4/get-vanilla: the suite's signature. */
#define VANILLA_SIG \
	"5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"

static unsigned long cases;

/* ------------------------------------------------------------------ */
/* A growable string for the expected canonical requests.              */

typedef struct {
	char *p;
	size_t len;
	size_t cap;
} text;

static void
add(text *t, const void *p, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->p = realloc(t->p, t->cap);
		if (t->p == NULL) {
			abort();
		}
	}
	memcpy(t->p + t->len, p, n);
	t->len += n;
	t->p[t->len] = 0;
}

static void
adds(text *t, const char *s)
{
	add(t, s, strlen(s));
}

/* ------------------------------------------------------------------ */
/* The fixture: get-vanilla, which each case then makes hostile.       */

typedef struct {
	sigv4_key key;
	sigv4_header host;
	sigv4_request req;
	sigv4_params p;
} fixture;

static void
vanilla(fixture *f)
{
	memset(f, 0, sizeof *f);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&f->key, SECRET, strlen(SECRET),
		"20150830", unit_str("us-east-1"), unit_str("service")));
	f->host.name = unit_str("Host");
	f->host.value = unit_str("example.amazonaws.com");
	f->req.method = unit_str("GET");
	f->req.path = unit_str("/");
	f->req.headers = &f->host;
	f->req.header_count = 1;
	f->p.access_key_id = unit_str(AKID);
	f->p.amz_date = unit_str(DATE);
	f->p.payload_hash = unit_str(EMPTY_HASH);
}

/* The next call still works: get-vanilla signs to the suite's value. */
static void
still_works(const char *what)
{
	fixture f;
	su_result r;

	vanilla(&f);
	su_sign(&r, &f.key, &f.req, &f.p, what);
	if (!ASSERT_EQ_INT(SIGV4_OK, r.rc)
		|| !ASSERT_STR_EQ(what, VANILLA_SIG, r.signature))
	{
		printf("  after: %s\n", what);
	}
	su_result_free(&r);
}

static int
untouched_or_zero(const char *b, size_t n, unsigned char fill)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((unsigned char)b[i] != fill && b[i] != 0) {
			return 0;
		}
	}
	return 1;
}

/* The exact code, nothing written, and the next call works. */
static void
expect_code(const char *what, const fixture *f, int code)
{
	size_t need = sigv4_scratch_size(&f->req, &f->p), len = 99;
	unsigned char *scratch = malloc(need);
	char out[512];
	int rc;

	cases++;
	memset(out, 0x5A, sizeof out);
	rc = sigv4_sign(out, sizeof out, &len, &f->key, &f->req, &f->p, scratch,
		need, NULL);
	if (!ASSERT_EQ_INT(code, rc)) {
		printf("  case: %s (got %s)\n", what, sigv4_errname(rc));
	}
	ASSERT_TRUE(len == 0 && untouched_or_zero(out, sizeof out, 0x5A));
	free(scratch);
	still_works(what);
}

/* sigv4_key_derive and sigv4_key_import: the exact code and a zeroed
 * key, then the next call works. */
static void
expect_key_code(const char *what, const void *secret, size_t secret_len,
	const char *date, sigv4_str region, sigv4_str service, int code)
{
	static const sigv4_key zero;
	static const uint8_t raw[32];
	sigv4_key key;

	cases++;
	memset(&key, 0x5A, sizeof key);
	if (!ASSERT_EQ_INT(code, sigv4_key_derive(&key, secret, secret_len, date,
			region, service)))
	{
		printf("  case: %s\n", what);
	}
	ASSERT_TRUE(memcmp(&key, &zero, sizeof key) == 0);
	if (code != SIGV4_ERR_SECRET) {
		memset(&key, 0x5A, sizeof key);
		ASSERT_EQ_INT(code, sigv4_key_import(&key, raw, date, region, service));
		ASSERT_TRUE(memcmp(&key, &zero, sizeof key) == 0);
	}
	still_works(what);
}

/* HMAC-SHA256 with BearSSL directly, as lowercase hex. */
static void
hmac_hex(char out[65], const uint8_t *key, size_t key_len, const void *msg,
	size_t msg_len)
{
	br_hmac_key_context kc;
	br_hmac_context hc;
	uint8_t mac[32];

	br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, msg, msg_len);
	br_hmac_out(&hc, mac);
	tu_hex_encode(out, mac, 32);
	out[64] = 0;
}

/*
 * A valid request: signed with exactly sized buffers (su_sign), its
 * canonical request equal to creq, its string to sign rebuilt from that,
 * its signature recomputed with BearSSL, and (header mode) the whole
 * Authorization value as expected with signed_list. Then the next call.
 */
static void
expect_signed(const char *what, const fixture *f, const text *creq,
	const char *signed_list)
{
	text sts = { 0 }, auth = { 0 };
	char hash[65], sig[65];
	su_result r;

	cases++;
	su_sign(&r, &f->key, &f->req, &f->p, what);
	if (!ASSERT_EQ_INT(SIGV4_OK, r.rc)) {
		printf("  case: %s (got %s)\n", what, sigv4_errname(r.rc));
		su_result_free(&r);
		return;
	}
	ASSERT_MEM_EQ(what, creq->p, creq->len, r.creq, r.creq_len);
	su_sha256_hex(hash, creq->p, creq->len);
	adds(&sts, "AWS4-HMAC-SHA256\n" DATE "\n");
	add(&sts, f->key.date, 8);
	adds(&sts, "/");
	add(&sts, f->key.region, f->key.region_len);
	adds(&sts, "/");
	add(&sts, f->key.service, f->key.service_len);
	adds(&sts, "/aws4_request\n");
	adds(&sts, hash);
	ASSERT_MEM_EQ(what, sts.p, sts.len, r.sts, r.sts_len);
	hmac_hex(sig, f->key.signing_key, 32, sts.p, sts.len);
	ASSERT_STR_EQ(what, sig, r.signature);
	if (!(f->p.flags & SIGV4_PRESIGN)) {
		adds(&auth, "AWS4-HMAC-SHA256 Credential=");
		add(&auth, f->p.access_key_id.ptr, f->p.access_key_id.len);
		adds(&auth, "/");
		add(&auth, sts.p + 34, (size_t)8 + 1 + f->key.region_len + 1
			+ f->key.service_len + 13);
		adds(&auth, ", SignedHeaders=");
		adds(&auth, signed_list);
		adds(&auth, ", Signature=");
		adds(&auth, sig);
		ASSERT_MEM_EQ(what, auth.p, auth.len, r.out, r.out_len);
	}
	free(sts.p);
	free(auth.p);
	su_result_free(&r);
	still_works(what);
}

/* The canonical request of get-vanilla with other headers and query:
 * method GET, path "/", then the pieces given. */
static void
vanilla_creq(text *t, const char *query, const char *headers,
	const char *list)
{
	t->len = 0;
	adds(t, "GET\n/\n");
	adds(t, query);
	adds(t, "\n");
	adds(t, headers);
	adds(t, "\n");
	adds(t, list);
	adds(t, "\n" EMPTY_HASH);
}

/* ------------------------------------------------------------------ */

static void
with_header(fixture *f, sigv4_header *two, const char *name,
	const char *value, size_t value_len)
{
	two[0] = f->host;
	two[1].name = unit_str(name);
	two[1].value.ptr = value;
	two[1].value.len = value_len;
	f->req.headers = two;
	f->req.header_count = 2;
}

static void
test_header_names(void)
{
	static const char *const bad[] = {
		"X Amz", " x", "x ", "X:Amz", "x:", ":authority", "caf\xc3\xa9",
		"\xff", "x\x7f", "x\ty", "", "(x)", "x/y", "x@y",
	};
	sigv4_header two[2];
	fixture f;
	text creq = { 0 };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		vanilla(&f);
		with_header(&f, two, bad[i], "v", 1);
		expect_code(bad[i], &f, SIGV4_ERR_HEADER_NAME);
	}
	/* Odd but valid tokens are signed, lowercased. */
	vanilla(&f);
	with_header(&f, two, "X-!#$%&'*+.^_`|~", "v", 1);
	vanilla_creq(&creq, "", "host:example.amazonaws.com\n"
		"x-!#$%&'*+.^_`|~:v\nx-amz-date:" DATE "\n",
		"host;x-!#$%&'*+.^_`|~;x-amz-date");
	expect_signed("token characters in a name", &f, &creq,
		"host;x-!#$%&'*+.^_`|~;x-amz-date");
	free(creq.p);
}

static void
test_header_values(void)
{
	static const struct {
		const char *v;
		size_t len;
	} bad[] = {
		{ "a\rb", 3 }, { "a\nb", 3 }, { "a\0b", 3 }, { "\0", 1 },
		{ "a\r", 2 }, { "a\n", 2 }, { "a\r\n", 3 }, { "a\r\nb", 4 },
		{ "a\n\nb", 4 }, { "a\r \nb", 5 }, { "\r\n", 2 }, { "a\n\r b", 5 },
	};
	sigv4_header two[2];
	fixture f;
	text creq = { 0 };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char what[64];

		snprintf(what, sizeof what, "header value case %lu", (unsigned long)i);
		vanilla(&f);
		with_header(&f, two, "X-A", bad[i].v, bad[i].len);
		expect_code(what, &f, SIGV4_ERR_HEADER_VALUE);
	}
	/* The same bytes in the host value are as bad. */
	vanilla(&f);
	f.host.value.ptr = "example.com\r\nX-Injected: 1";
	f.host.value.len = strlen(f.host.value.ptr);
	expect_code("CRLF injection in host", &f, SIGV4_ERR_HEADER_VALUE);

	/* obs-fold (CRLF or LF then a space or tab) is valid: one space. */
	vanilla(&f);
	with_header(&f, two, "X-A", "a\r\n\tb\n  c", 9);
	vanilla_creq(&creq, "", "host:example.amazonaws.com\nx-a:a b c\n"
		"x-amz-date:" DATE "\n", "host;x-a;x-amz-date");
	expect_signed("obs-fold", &f, &creq, "host;x-a;x-amz-date");
	free(creq.p);
}

static void
test_many_headers(void)
{
	enum { N = 10000 };
	sigv4_header *h = calloc(N + 1, sizeof *h);
	char (*names)[16] = calloc(N, sizeof *names);
	char (*values)[8] = calloc(N, sizeof *values);
	text creq = { 0 }, lines = { 0 }, list = { 0 }, joined = { 0 };
	fixture f;
	size_t i;

	/* 10,000 distinct names, given in reverse order, values to fold. */
	vanilla(&f);
	h[0] = f.host;
	for (i = 0; i < N; i++) {
		snprintf(names[i], sizeof names[i], "X-H%05lu", (unsigned long)i);
		h[N - i].name = unit_str(names[i]);
		h[N - i].value = unit_str("  a \t b ");
	}
	f.req.headers = h;
	f.req.header_count = N + 1;
	adds(&lines, "host:example.amazonaws.com\nx-amz-date:" DATE "\n");
	adds(&list, "host;x-amz-date");
	for (i = 0; i < N; i++) {
		char line[32];

		snprintf(line, sizeof line, "x-h%05lu:a b\n", (unsigned long)i);
		adds(&lines, line);
		snprintf(line, sizeof line, ";x-h%05lu", (unsigned long)i);
		adds(&list, line);
	}
	vanilla_creq(&creq, "", lines.p, list.p);
	expect_signed("10,000 headers", &f, &creq, list.p);

	/* 10,000 headers of one name: joined with ',' in input order. */
	adds(&joined, "host:example.amazonaws.com\nx-amz-date:" DATE "\nx-dup:");
	for (i = 0; i < N; i++) {
		snprintf(values[i], sizeof values[i], "%lu", (unsigned long)i);
		h[i + 1].name = unit_str(i % 2 ? "X-Dup" : "x-dup");
		h[i + 1].value = unit_str(values[i]);
		adds(&joined, values[i]);
		adds(&joined, i + 1 < N ? "," : "\n");
	}
	vanilla_creq(&creq, "", joined.p, "host;x-amz-date;x-dup");
	expect_signed("10,000 headers of one name", &f, &creq,
		"host;x-amz-date;x-dup");
	free(h);
	free(names);
	free(values);
	free(creq.p);
	free(lines.p);
	free(list.p);
	free(joined.p);
}

static void
test_huge_values(void)
{
	enum { MB = 1 << 20 };
	char *v = malloc(MB);
	text creq = { 0 }, lines = { 0 };
	sigv4_header two[2];
	fixture f;
	size_t i;

	/* 1 MiB of "ab  ", folded to "ab ab ... ab". */
	for (i = 0; i < MB; i += 4) {
		memcpy(v + i, "ab  ", 4);
	}
	vanilla(&f);
	with_header(&f, two, "X-Big", v, MB);
	adds(&lines, "host:example.amazonaws.com\nx-amz-date:" DATE "\nx-big:");
	for (i = 0; i < MB / 4; i++) {
		adds(&lines, i > 0 ? " ab" : "ab");
	}
	adds(&lines, "\n");
	vanilla_creq(&creq, "", lines.p, "host;x-amz-date;x-big");
	expect_signed("1 MiB header value", &f, &creq, "host;x-amz-date;x-big");

	/* The same value with one bad byte at the very end. */
	v[MB - 1] = '\n';
	expect_code("1 MiB value ending in LF", &f, SIGV4_ERR_HEADER_VALUE);
	v[MB - 1] = 0;
	expect_code("1 MiB value ending in NUL", &f, SIGV4_ERR_HEADER_VALUE);
	free(v);
	free(creq.p);
	free(lines.p);
}

static void
test_long_query(void)
{
	enum { N = 7500, BIG = 100 * 1024 };
	text q = { 0 }, canon = { 0 }, creq = { 0 };
	char *big = malloc(BIG + 2);
	fixture f;
	size_t i;

	/* ~100 KB: 7,500 parameters, given in reverse order, with a '+'
	 * (literal: not a form) and a %41 to decode. */
	for (i = 0; i < N; i++) {
		char piece[32];

		snprintf(piece, sizeof piece, "%sp%05lu=%%41b+c", i > 0 ? "&" : "",
			(unsigned long)(N - 1 - i));
		adds(&q, piece);
		snprintf(piece, sizeof piece, "%sp%05lu=Ab%%2Bc", i > 0 ? "&" : "",
			(unsigned long)i);
		adds(&canon, piece);
	}
	ASSERT_TRUE(q.len >= 100000);
	vanilla(&f);
	f.req.query = unit_str(q.p);
	vanilla_creq(&creq, canon.p, "host:example.amazonaws.com\n"
		"x-amz-date:" DATE "\n", "host;x-amz-date");
	expect_signed("100 KB query of 7,500 parameters", &f, &creq,
		"host;x-amz-date");

	/* One 100 KB value of UTF-8 bytes: each becomes %XX. */
	memcpy(big, "k=", 2);
	for (i = 0; i < BIG; i += 2) {
		memcpy(big + 2 + i, "\xc3\xa9", 2);
	}
	f.req.query.ptr = big;
	f.req.query.len = BIG + 2;
	canon.len = 0;
	adds(&canon, "k=");
	for (i = 0; i < BIG; i += 2) {
		adds(&canon, "%C3%A9");
	}
	vanilla_creq(&creq, canon.p, "host:example.amazonaws.com\n"
		"x-amz-date:" DATE "\n", "host;x-amz-date");
	expect_signed("100 KB query value", &f, &creq, "host;x-amz-date");

	/* A bad byte at the very end of it. */
	big[BIG + 1] = '#';
	expect_code("100 KB query ending in '#'", &f, SIGV4_ERR_QUERY);
	big[BIG + 1] = 0;
	expect_code("100 KB query ending in NUL", &f, SIGV4_ERR_QUERY);
	free(big);
	free(q.p);
	free(canon.p);
	free(creq.p);
}

static void
test_scope(void)
{
	static const char *const bad_regions[] = {
		"us/east-1", "us east-1", "us-east-1\n", "\nus-east-1", "", "us-east-1 ",
		"us%2Feast", "caf\xc3\xa9",
		"a123456789012345678901234567890123456789012345678901234567890123",
	};
	static const char *const bad_services[] = {
		"s3/x", "ser vice", "service\n", "service\r\n", "", "serv*", "s\x01",
		"a123456789012345678901234567890123456789012345678901234567890123",
	};
	char long_ok[64];
	fixture f;
	text creq = { 0 };
	size_t i;

	for (i = 0; i < sizeof bad_regions / sizeof bad_regions[0]; i++) {
		expect_key_code(bad_regions[i], SECRET, strlen(SECRET), "20150830",
			unit_str(bad_regions[i]), unit_str("service"), SIGV4_ERR_REGION);
	}
	for (i = 0; i < sizeof bad_services / sizeof bad_services[0]; i++) {
		expect_key_code(bad_services[i], SECRET, strlen(SECRET), "20150830",
			unit_str("us-east-1"), unit_str(bad_services[i]),
			SIGV4_ERR_SERVICE);
	}
	/* 63 bytes is the most, and works. */
	memset(long_ok, 'r', 63);
	long_ok[63] = 0;
	vanilla(&f);
	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&f.key, SECRET, strlen(SECRET),
		"20150830", unit_str(long_ok), unit_str(long_ok)));
	vanilla_creq(&creq, "", "host:example.amazonaws.com\nx-amz-date:" DATE
		"\n", "host;x-amz-date");
	expect_signed("63-byte region and service", &f, &creq, "host;x-amz-date");
	free(creq.p);
}

static void
test_expires(void)
{
	static const uint32_t bad[] = { 0, SIGV4_EXPIRES_MAX + 1, UINT32_MAX };
	static const uint32_t good[] = { 1, SIGV4_EXPIRES_MAX };
	fixture f;
	text creq = { 0 }, query = { 0 };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char what[48];

		snprintf(what, sizeof what, "expires %lu", (unsigned long)bad[i]);
		vanilla(&f);
		f.p.flags = SIGV4_PRESIGN;
		f.p.expires = bad[i];
		expect_code(what, &f, SIGV4_ERR_EXPIRES);
	}
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		char what[48], num[16];

		snprintf(what, sizeof what, "expires %lu", (unsigned long)good[i]);
		snprintf(num, sizeof num, "%lu", (unsigned long)good[i]);
		vanilla(&f);
		f.p.flags = SIGV4_PRESIGN;
		f.p.expires = good[i];
		query.len = 0;
		adds(&query, "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
			AKID "%2F20150830%2Fus-east-1%2Fservice%2Faws4_request"
			"&X-Amz-Date=" DATE "&X-Amz-Expires=");
		adds(&query, num);
		adds(&query, "&X-Amz-SignedHeaders=host");
		vanilla_creq(&creq, query.p, "host:example.amazonaws.com\n", "host");
		expect_signed(what, &f, &creq, "host");
	}
	free(creq.p);
	free(query.p);
}

static void
test_dates(void)
{
	static const char *const bad[] = {
		"", "20150830", "20150830T123600", "20150830T123600ZZ",
		"2015-08-30T12:36:00Z", "20150830t123600Z", "20150830T123600z",
		"20150230T000000Z", "20150229T000000Z", "21000229T000000Z",
		"20151301T000000Z", "20150800T000000Z", "20150830T240000Z",
		"20150830T126000Z", "20150830T123660Z", "19691231T235959Z",
		"2015083OT123600Z", "+0150830T123600Z", "20150830T12360\0Z",
	};
	char out[16];
	fixture f;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		vanilla(&f);
		f.p.amz_date.ptr = bad[i];
		f.p.amz_date.len = i == sizeof bad / sizeof bad[0] - 1 ? 16
			: strlen(bad[i]);
		expect_code(bad[i], &f, SIGV4_ERR_DATE);
	}
	vanilla(&f);
	f.p.amz_date.ptr = NULL;
	f.p.amz_date.len = 0;
	expect_code("NULL date", &f, SIGV4_ERR_DATE);
	/* A valid date that is not the key's. */
	vanilla(&f);
	f.p.amz_date = unit_str("20150831T000000Z");
	expect_code("the key's date is another", &f, SIGV4_ERR_KEY_SCOPE);
	/* Key derivation with a bad date. */
	expect_key_code("key date 20150230", SECRET, strlen(SECRET), "20150230",
		unit_str("us-east-1"), unit_str("service"), SIGV4_ERR_DATE);
	expect_key_code("key date 2015-8-3", SECRET, strlen(SECRET), "2015-8-3",
		unit_str("us-east-1"), unit_str("service"), SIGV4_ERR_DATE);
	expect_key_code("key date NULL", SECRET, strlen(SECRET), NULL,
		unit_str("us-east-1"), unit_str("service"), SIGV4_ERR_DATE);
	/* Unix time out of range, and the last second in range. */
	cases += 3;
	memset(out, 0x5A, sizeof out);
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_amz_date(out, -1));
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_amz_date(out, 253402300800LL));
	ASSERT_EQ_INT(SIGV4_OK, sigv4_amz_date(out, 253402300799LL));
	ASSERT_MEM_EQ("last second", "99991231T235959Z", 16, out, 16);
	still_works("sigv4_amz_date out of range");
}

/* The return code alone, for calls that may succeed. */
static int
sign_rc(const fixture *f)
{
	size_t need = sigv4_scratch_size(&f->req, &f->p), len;
	unsigned char *scratch = malloc(need);
	char out[2048];
	int rc = sigv4_sign(out, sizeof out, &len, &f->key, &f->req, &f->p,
		scratch, need, NULL);

	free(scratch);
	return rc;
}

/* Tokens and access key ids are checked eight bytes at a time, then byte
 * by byte: every byte value at every position of a 20-byte string (two
 * words and a tail) is accepted exactly when it is 0x21..0x7E (and, in an
 * access key id, not '/' or ','). */
static void
test_printable_bytes(void)
{
	char s[20];
	fixture f;
	unsigned b;
	size_t at;

	for (b = 0; b < 256; b++) {
		for (at = 0; at < sizeof s; at++) {
			int ok = b >= 0x21 && b <= 0x7e;
			int rc;

			memset(s, 'A', sizeof s);
			s[at] = (char)b;
			vanilla(&f);
			f.p.session_token.ptr = s;
			f.p.session_token.len = sizeof s;
			rc = sign_rc(&f);
			cases++;
			if (!ASSERT_EQ_INT(ok ? SIGV4_OK : SIGV4_ERR_TOKEN, rc)) {
				printf("  token byte 0x%02x at %lu\n", b, (unsigned long)at);
			}
			vanilla(&f);
			f.p.access_key_id.ptr = s;
			f.p.access_key_id.len = sizeof s;
			ok = ok && b != '/' && b != ',';
			rc = sign_rc(&f);
			cases++;
			if (!ASSERT_EQ_INT(ok ? SIGV4_OK : SIGV4_ERR_ACCESS_KEY, rc)) {
				printf("  access key id byte 0x%02x at %lu\n", b, (unsigned long)at);
			}
		}
	}
}

static void
test_credentials(void)
{
	static const char *const bad_akids[] = {
		"", "AK ID", "AK/ID", "AK,ID", "AKID\n", "AKID\r", "AK\tID",
		"AK\xc3\x89ID", "\x7f",
	};
	enum { BIG = 1 << 20, LONG = 100 * 1024 };
	char *big = malloc(BIG), *akid = malloc(LONG + 1), *token = malloc(LONG + 1);
	text creq = { 0 }, lines = { 0 };
	uint8_t k[32];
	char hex[65];
	fixture f;
	size_t i;

	for (i = 0; i < sizeof bad_akids / sizeof bad_akids[0]; i++) {
		vanilla(&f);
		f.p.access_key_id = unit_str(bad_akids[i]);
		expect_code(bad_akids[i], &f, SIGV4_ERR_ACCESS_KEY);
	}
	vanilla(&f);
	f.p.access_key_id.ptr = NULL;
	f.p.access_key_id.len = 0;
	expect_code("NULL access key id", &f, SIGV4_ERR_ACCESS_KEY);
	f.p.access_key_id.len = 11;
	expect_code("NULL access key id with a length", &f, SIGV4_ERR_PARAM);
	expect_key_code("empty secret", "", 0, "20150830",
		unit_str("us-east-1"), unit_str("service"), SIGV4_ERR_SECRET);
	expect_key_code("NULL secret", NULL, 0, "20150830",
		unit_str("us-east-1"), unit_str("service"), SIGV4_ERR_SECRET);
	expect_key_code("NULL secret with a length", NULL, 40, "20150830",
		unit_str("us-east-1"), unit_str("service"), SIGV4_ERR_SECRET);
	vanilla(&f);
	f.p.session_token = unit_str("tok en");
	expect_code("space in token", &f, SIGV4_ERR_TOKEN);
	f.p.session_token = unit_str("tok\xc3\xa9");
	expect_code("non-ASCII token", &f, SIGV4_ERR_TOKEN);
	f.p.session_token.ptr = "tok\0en";
	f.p.session_token.len = 6;
	expect_code("NUL in token", &f, SIGV4_ERR_TOKEN);

	/* A 1 MiB secret: kSigning by BearSSL's HMAC chain (which hashes
	 * the long "AWS4"+secret key, as HMAC does). */
	memset(big, 's', BIG);
	memcpy(big, "AWS4", 4);
	vanilla(&f);
	cases++;
	ASSERT_EQ_INT(SIGV4_OK, sigv4_key_derive(&f.key, big + 4, BIG - 4,
		"20150830", unit_str("us-east-1"), unit_str("service")));
	{
		br_hmac_key_context kc;
		br_hmac_context hc;

		br_hmac_key_init(&kc, &br_sha256_vtable, big, BIG);
		br_hmac_init(&hc, &kc, 0);
		br_hmac_update(&hc, "20150830", 8);
		br_hmac_out(&hc, k);
		hmac_hex(hex, k, 32, "us-east-1", 9);
		tu_hex_decode(k, 32, hex, 64);
		hmac_hex(hex, k, 32, "service", 7);
		tu_hex_decode(k, 32, hex, 64);
		hmac_hex(hex, k, 32, "aws4_request", 12);
		tu_hex_decode(k, 32, hex, 64);
	}
	ASSERT_MEM_EQ("kSigning of a 1 MiB secret", k, 32, f.key.signing_key, 32);
	vanilla_creq(&creq, "", "host:example.amazonaws.com\nx-amz-date:" DATE
		"\n", "host;x-amz-date");
	expect_signed("1 MiB secret", &f, &creq, "host;x-amz-date");

	/* A 100 KB access key id and a 100 KB session token (signed). */
	memset(akid, 'A', LONG);
	akid[LONG] = 0;
	memset(token, 'T', LONG);
	token[LONG] = 0;
	vanilla(&f);
	f.p.access_key_id = unit_str(akid);
	f.p.session_token = unit_str(token);
	adds(&lines, "host:example.amazonaws.com\nx-amz-date:" DATE
		"\nx-amz-security-token:");
	adds(&lines, token);
	adds(&lines, "\n");
	vanilla_creq(&creq, "", lines.p, "host;x-amz-date;x-amz-security-token");
	expect_signed("100 KB access key id and token", &f, &creq,
		"host;x-amz-date;x-amz-security-token");
	sigv4_wipe(big, BIG);
	free(big);
	free(akid);
	free(token);
	free(creq.p);
	free(lines.p);
}

static void
test_buffers(void)
{
	fixture f;
	size_t need_out = 0, need, len;
	unsigned char *scratch;
	char *out;
	int rc;

	vanilla(&f);
	need = sigv4_scratch_size(&f.req, &f.p);
	scratch = malloc(need);
	ASSERT_EQ_INT(SIGV4_ERR_SPACE, sigv4_sign(NULL, 0, &need_out, &f.key,
		&f.req, &f.p, scratch, need, NULL));
	out = malloc(need_out);

	/* Output one byte short: SPACE, the length, nothing left. */
	cases++;
	memset(out, 0x5A, need_out);
	rc = sigv4_sign(out, need_out - 1, &len, &f.key, &f.req, &f.p, scratch,
		need, NULL);
	ASSERT_EQ_INT(SIGV4_ERR_SPACE, rc);
	ASSERT_EQ_INT(need_out, len);
	ASSERT_TRUE(untouched_or_zero(out, need_out - 1, 0)
		&& (unsigned char)out[need_out - 1] == 0x5A);
	still_works("output one byte short");

	/* Scratch one byte short: SCRATCH, nothing written. */
	cases++;
	memset(out, 0x5A, need_out);
	rc = sigv4_sign(out, need_out, &len, &f.key, &f.req, &f.p, scratch,
		need - 1, NULL);
	ASSERT_EQ_INT(SIGV4_ERR_SCRATCH, rc);
	ASSERT_TRUE(untouched_or_zero(out, need_out, 0x5A));
	still_works("scratch one byte short");

	/* No scratch at all, and a NULL scratch that claims a size. */
	cases += 2;
	ASSERT_EQ_INT(SIGV4_ERR_SCRATCH, sigv4_sign(out, need_out, &len, &f.key,
		&f.req, &f.p, NULL, 0, NULL));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_sign(out, need_out, &len, &f.key,
		&f.req, &f.p, NULL, need, NULL));
	still_works("no scratch");

	/* Exactly right: works, and the output is the suite's. */
	cases++;
	rc = sigv4_sign(out, need_out, &len, &f.key, &f.req, &f.p, scratch, need,
		NULL);
	ASSERT_EQ_INT(SIGV4_OK, rc);
	ASSERT_MEM_EQ("exact buffers", VANILLA_SIG, 64, out + need_out - 64, 64);
	free(out);
	free(scratch);
}

int
main(void)
{
	test_header_names();
	test_header_values();
	test_many_headers();
	test_huge_values();
	test_long_query();
	test_scope();
	test_expires();
	test_dates();
	test_credentials();
	test_printable_bytes();
	test_buffers();
	printf("test_hostile: %lu hostile-input cases\n", cases);
	return tu_finish("test_hostile");
}
