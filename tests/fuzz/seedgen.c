/*
 * seedgen.c: write the seed corpora of the fuzz targets.
 *
 *   fuzz_seedgen <out dir> [vectors dir]
 *
 * Every request in the vectors (request.txt of the new-format suites and
 * *.req of the classic ones, parsed with the suites' own rules) becomes
 * seeds for the five request targets: the whole request for fuzz_sign (header
 * mode, in the suite's scope, and in S3 mode with a session token) and
 * fuzz_presign, both also with an S3 Express session token
 * (SIGV4_S3_SESSION_TOKEN) and as iotdevicegateway (token after by
 * default), its path for fuzz_path, its query for fuzz_query, its
 * headers for fuzz_headers (also with SIGV4_S3_SESSION_TOKEN). A few
 * hand-written seeds add what the suites lack: hostile bytes, reserved
 * names, boundary dates and expiries, contradictory and unknown flags,
 * and for fuzz_stream and fuzz_unchunk (no requests) streams and bodies.
 *
 * Seeds are generated at fuzz time into the build tree, never committed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "request.h"
#include "suite_util.h"
#include "test_util.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define AKID "AKIDEXAMPLE"
#define DATE "20150830T123600Z"
/* 62 bytes: with one more, the longest region or service there is. */
#define LONG_PART "abcdefghijklmnopqrstuvwxyz0123456789.-_ABCDEFGHIJKLMNOPQRSTUVW"
#define TOKEN "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZ=="

static const char *const targets[] = {
	"sign", "presign", "path", "query", "headers", "stream", "unchunk",
	"verify",
};

static const char *out_dir;
static unsigned long written;

static void
write_seed(const char *target, const char *name, const fz_buf *b)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s/%05lu-%s", out_dir, target, written,
		name);
	f = fopen(path, "wb");
	if (f == NULL || (b->len > 0 && fwrite(b->p, 1, b->len, f) != b->len)
		|| fclose(f) != 0)
	{
		fprintf(stderr, "seedgen: cannot write %s: %s\n", path,
			strerror(errno));
		exit(1);
	}
	written++;
}

static void
put_fixed(fz_buf *b, uint32_t flags, uint32_t expires, unsigned options)
{
	fz_put(b, (unsigned char)(flags & 0xff));
	fz_put(b, (unsigned char)(flags >> 8));
	fz_put(b, (unsigned char)(expires & 0xff));
	fz_put(b, (unsigned char)(expires >> 8 & 0xff));
	fz_put(b, (unsigned char)(expires >> 16 & 0xff));
	fz_put(b, (unsigned char)(expires >> 24));
	fz_put(b, (unsigned char)options);
	fz_put(b, 3);  /* output slack */
}

static void
put_field(fz_buf *b, sigv4_str s)
{
	fz_put_str(b, s);
	fz_put(b, FZ_SEP);
}

static void
put_headers(fz_buf *b, const sigv4_header *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		put_field(b, h[i].name);
		put_field(b, h[i].value);
	}
}

/* One request in the layout of request.h. */
typedef struct {
	uint32_t flags;
	uint32_t expires;
	unsigned options;
	const char *service;
	const char *region;
	const char *token;
	const char *date;
	const char *payload;      /* NULL: the request's body */
	const char *signed_list;
	const char *unsigned_list;
} variant;

static void
put_request(fz_buf *b, const su_request *r, const variant *v)
{
	put_fixed(b, v->flags, v->expires, v->options);
	put_field(b, r->method);
	put_field(b, r->path);
	put_field(b, r->query);
	put_field(b, v->payload ? fz_cstr(v->payload) : r->body);
	put_field(b, fz_cstr(SECRET));
	put_field(b, fz_cstr(AKID));
	put_field(b, fz_cstr(v->token ? v->token : ""));
	put_field(b, fz_cstr(v->date ? v->date : DATE));
	put_field(b, fz_cstr(v->region ? v->region : "us-east-1"));
	put_field(b, fz_cstr(v->service ? v->service : "service"));
	put_field(b, fz_cstr(v->signed_list ? v->signed_list : ""));
	put_field(b, fz_cstr(v->unsigned_list ? v->unsigned_list : ""));
	put_headers(b, r->headers, r->header_count);
}

/* A fuzz_verify input (layout in fuzz_verify.c): mode, rules, scope and
 * the request; allow all, the body's hash, a 900 s skew, no edits. */
static void
verify_seed(const su_request *r, unsigned mode, unsigned rules,
	unsigned scope, const char *token, const char *name)
{
	fz_buf b;
	size_t i;

	fz_buf_init(&b);
	fz_put(&b, (unsigned char)mode);
	fz_put(&b, (unsigned char)(rules & 0xff));
	fz_put(&b, (unsigned char)(rules >> 8));
	fz_put(&b, (unsigned char)scope);
	fz_put(&b, 0x10);               /* X-Amz-Expires 3601 (signed) */
	fz_put(&b, 0x0e);
	fz_put(&b, 0);
	fz_put(&b, 0);
	fz_put(&b, 0x03);               /* allow all, the body's hash */
	for (i = 0; i < 4; i++) {
		fz_put(&b, 0);              /* clock: X-Amz-Date */
	}
	fz_put(&b, 0x84);               /* skew 900 */
	fz_put(&b, 0x03);
	for (i = 0; i < 12; i++) {
		fz_put(&b, 0);              /* no edits */
	}
	put_field(&b, r->method);
	put_field(&b, r->path);
	put_field(&b, r->query);
	put_field(&b, r->body);
	put_field(&b, fz_cstr(token ? token : ""));
	put_field(&b, fz_cstr(DATE));
	put_headers(&b, r->headers, r->header_count);
	write_seed("verify", name, &b);
	fz_buf_free(&b);
}

/* The request as v says, for fuzz_sign and, if presign, fuzz_presign. */
static void
request_seeds(fz_buf *b, const su_request *r, const variant *v,
	const char *name, int presign)
{
	b->len = 0;
	put_request(b, r, v);
	write_seed("sign", name, b);
	if (presign) {
		write_seed("presign", name, b);
	}
}

static void
seeds_for(su_request *r, const char *name)
{
	static const char *const reserved[] = {
		"authorization", "x-amz-date", "x-amz-security-token",
		"x-amz-content-sha256", "x-amz-region-set",
	};
	variant plain, s3, session, iot;
	fz_buf b;
	size_t i;

	fz_buf_init(&b);
	/* The stage targets get the request as written. */
	fz_put(&b, 0);
	fz_put_str(&b, r->path);
	write_seed("path", name, &b);
	b.len = 0;
	fz_put(&b, 0);
	fz_put_str(&b, r->query);
	write_seed("query", name, &b);
	b.len = 0;
	fz_put(&b, 0);
	put_field(&b, fz_cstr(""));
	put_field(&b, fz_cstr(""));
	put_headers(&b, r->headers, r->header_count);
	write_seed("headers", name, &b);
	/* The same with all three signer headers, the token one an S3
	 * session token's. */
	b.p[0] = 0x1c;
	write_seed("headers", name, &b);

	/* The signer owns these: a request with them is rejected. */
	for (i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
		su_request_take_header(r, reserved[i], NULL);
	}
	memset(&plain, 0, sizeof plain);
	plain.expires = 3600;
	s3 = plain;
	s3.service = "s3";
	s3.token = TOKEN;
	s3.flags = SIGV4_TOKEN_AFTER;
	session = s3;
	session.service = "s3express";
	session.flags = SIGV4_S3_SESSION_TOKEN;
	iot = plain;
	iot.service = "iotdevicegateway";
	iot.token = TOKEN;
	/* fuzz_verify signs it: by headers and presigned, for S3 with a
	 * token, an S3 Express session token, IoT's token after. */
	verify_seed(r, 0x01, 0, 0, NULL, name);
	verify_seed(r, 0x03, 0, 0, NULL, name);
	verify_seed(r, 0x05, 0, 1, TOKEN, name);
	verify_seed(r, 0x07, 0x800, 3, TOKEN, name);
	verify_seed(r, 0x07, 0, 2, TOKEN, name);
	request_seeds(&b, r, &plain, name, 1);
	request_seeds(&b, r, &s3, name, 0);
	request_seeds(&b, r, &session, name, 1);
	request_seeds(&b, r, &iot, name, 1);
	fz_buf_free(&b);
}

/* A signed request of the suites, as received: raw fuzz_verify seeds
 * (they verify: the suites sign with the secret fuzz_verify uses). */
static void
signed_seeds_for(su_request *r, const char *name)
{
	verify_seed(r, 0, 0, 0, NULL, name);
	/* The aws-c-auth contexts that do not normalize. */
	verify_seed(r, 0, 2u << 2, 0, NULL, name);
}

/* The request in the file at path, to seeds (named after name). */
static void
seeds_from_file(const char *path, const char *name,
	void (*seeds)(su_request *, const char *))
{
	char err[256], safe[200];
	su_request r;
	size_t len, i;
	char *text = tu_read_file(path, &len);

	if (text == NULL) {
		return;
	}
	if (su_parse_request(&r, text, len, err, sizeof err) == 0) {
		snprintf(safe, sizeof safe, "%s", name);
		for (i = 0; safe[i] != 0; i++) {
			if (safe[i] == '/' || safe[i] == ' ') {
				safe[i] = '_';
			}
		}
		seeds(&r, safe);
	}
	su_request_free(&r);  /* also after a parse error */
	free(text);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Every request.txt and *.req under dir; rel names the seeds. */
static void
walk(const char *dir, const char *rel)
{
	size_t n, i;
	char **names = su_list_dir(dir, &n);

	if (names == NULL) {
		return;
	}
	for (i = 0; i < n; i++) {
		char *path = tu_join(dir, names[i]);
		char *sub = rel[0] ? tu_join(rel, names[i]) : tu_strndup(names[i],
			strlen(names[i]));

		if (tu_is_dir(path)) {
			walk(path, sub);
		} else if (strcmp(names[i], "request.txt") == 0
			|| ends_with(names[i], ".req"))
		{
			seeds_from_file(path, sub, seeds_for);
		} else if (ends_with(names[i], "-signed-request.txt")) {
			seeds_from_file(path, sub, signed_seeds_for);
		}
		free(path);
		free(sub);
	}
	su_free_list(names, n);
}

/* ------------------------------------------------------------------ */
/* Hand-written seeds: what the suites do not have.                    */

static const char *const hostile_requests[] = {
	"GET /a/./b/../%2e%2E/c//d/ HTTP/1.1\nHost:example.com\n"
		"X-Folded:a\n  b\n\tc\n\n",
	"GET /%zz%2F%7e~%41 HTTP/1.1\nHost: example.com \nA:\nB:   \n\n",
	"GET /?x%2Damz%2Ddate=1&a+b=c+d&&=&%=%&k HTTP/1.1\nHost:h\n\n",
	"GET /?X-Amz-Signature=abc HTTP/1.1\nHost:h\n\n",
	"POST /caf\xc3\xa9/\xe2\x82\xac HTTP/1.1\nHost:h\nHost:h2\n\nbody",
	"GET / HTTP/1.1\nhost:\nUser-Agent:x\nProxy-A:1\nSec-B:2\n"
		"Connection:close\nX-Amzn-Trace-Id:t\nZ:1\nz:2\nZ:3\n\n",
	"PUT /key%20with%20spaces HTTP/1.1\nHost:bucket.s3.amazonaws.com\n"
		"X-Amz-Meta-A:  x   y  \n\n",
	/* An S3 session token's header and parameter: the caller's own
	 * unless SIGV4_S3_SESSION_TOKEN makes them the signer's. */
	"GET /?a=1 HTTP/1.1\nHost:h\nX-Amz-S3session-Token:t\n\n",
	"GET /?X-Amz-S3session-Token=t HTTP/1.1\nHost:h\n\n",
	"GET /?x%2Damz%2Ds3session%2Dtoken HTTP/1.1\nHost:h\n\n",
};

/* Fixed-byte variants on the first hostile request. */
static const variant hostile_variants[] = {
	/* flags, expires, options, service, region, token, date, payload,
	 * signed list, unsigned list */
	{ SIGV4_PRESIGN, 604800, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ SIGV4_PRESIGN, 604801, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ SIGV4_PRESIGN, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ SIGV4_SINGLE_ENCODE | SIGV4_DOUBLE_ENCODE, 1, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ SIGV4_SIGN_ALL_HEADERS | SIGV4_QUERY_FORM, 1, 0, 0, 0, 0, 0, 0,
		"user-agent", "x-folded" },
	{ SIGV4_SIGN_LISTED_ONLY, 1, 0, 0, 0, 0, 0, 0, "X-FOLDED,,", "" },
	{ SIGV4_CONTENT_SHA256, 1, FZ_OPT_RAW_HASH, 0, 0, 0, 0,
		"UNSIGNED-PAYLOAD", 0, 0 },
	{ 0, 1, FZ_OPT_RAW_HASH, 0, 0, 0, 0,
		"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", 0, 0 },
	{ 0, 1, FZ_OPT_RAW_HASH, 0, 0, 0, 0, "E3B0", 0, 0 },
	{ 0, 1, 0, 0, 0, 0, "20160229T235959Z", 0, 0, 0 },
	{ 0, 1, 0, 0, 0, 0, "20150229T000000Z", 0, 0, 0 },
	{ 0, 1, 0, 0, 0, 0, "20150830T240000Z", 0, 0, 0 },
	{ 0, 1, FZ_OPT_OTHER_DAY | (5u << 2), 0, 0, 0, 0, 0, 0, 0 },
	{ SIGV4_PRESIGN | SIGV4_TOKEN_AFTER, 60, 0, "s3express", 0, "tok en",
		0, 0, 0, 0 },
	{ SIGV4_PRESIGN, 60, 0, "bad/service", 0, TOKEN, 0, 0, 0, 0 },
	/* The token pair, S3 session tokens and the service default. */
	{ SIGV4_TOKEN_AFTER | SIGV4_TOKEN_SIGNED, 60, 0, 0, 0, TOKEN, 0, 0, 0,
		0 },
	{ SIGV4_TOKEN_SIGNED, 60, 0, 0, 0, TOKEN, 0, 0, 0, 0 },
	{ SIGV4_S3_SESSION_TOKEN | SIGV4_TOKEN_AFTER, 60, 0, "s3express", 0,
		TOKEN, 0, 0, 0, 0 },
	{ SIGV4_S3_SESSION_TOKEN | SIGV4_TOKEN_SIGNED, 60, 0, "s3express", 0,
		TOKEN, 0, 0, 0, 0 },
	{ SIGV4_S3_SESSION_TOKEN, 60, 0, "service", 0, 0, 0, 0, 0, 0 },
	{ SIGV4_S3_SESSION_TOKEN, 60, 0, "IoTDeviceGateway", 0, TOKEN, 0, 0, 0,
		0 },
	{ 0, 60, 0, "IoTDeviceGateway", 0, TOKEN, 0, 0, 0, 0 },
	{ SIGV4_TOKEN_SIGNED, 60, 0, "iotdevicegateway", 0, TOKEN, 0, 0, 0, 0 },
	{ SIGV4_TOKEN_AFTER | SIGV4_TOKEN_SIGNED, 60, 0, "iotdevicegateway", 0,
		0, 0, 0, 0, 0 },
	{ SIGV4_UNSIGNED_PRESIGN, 60, 0, "s3", 0, TOKEN, 0, 0, 0, 0 },
	{ SIGV4_UNSIGNED_PRESIGN | SIGV4_PRESIGN, 60, 0, "service", 0, 0, 0, 0,
		0, 0 },
	/* Bits of the u16 that are no flag. */
	{ 0x4000u, 60, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ 0x8000u | SIGV4_PRESIGN, 60, 0, 0, 0, 0, 0, 0, 0, 0 },
	/* The longest scope, at every scratch alignment the fuzzer tries. */
	{ SIGV4_PRESIGN, 60, 7u << 2, LONG_PART "x", LONG_PART "*", TOKEN, 0, 0, 0,
		0 },
	{ 0, 60, 3u << 2, LONG_PART "x", LONG_PART "*", TOKEN, 0, 0, 0, 0 },
};

/* For fuzz_verify, as received: what a strict verifier must refuse or
 * read with care (get-vanilla of aws-c-auth/v4, changed). */
#define VANILLA_SIG "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
#define VANILLA_CRED "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"
#define VANILLA_QUERY "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" \
	"AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=" \
	"20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=3600"
static const char *const hostile_signed[] = {
	/* Parts reordered, extra spaces, a trailing comma, a space before a
	 * comma, a part twice. */
	"GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n"
		"Authorization:AWS4-HMAC-SHA256  Signature=" VANILLA_SIG ",Credential="
		VANILLA_CRED ",   SignedHeaders=host;x-amz-date\n\n",
	"GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n"
		"Authorization:AWS4-HMAC-SHA256 Credential=" VANILLA_CRED ", SignedHeaders="
		"host;x-amz-date, Signature=" VANILLA_SIG ",\n\n",
	"GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n"
		"Authorization:AWS4-HMAC-SHA256 Credential=" VANILLA_CRED " , SignedHeaders="
		"host;x-amz-date, Signature=" VANILLA_SIG "\n\n",
	"GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n"
		"Authorization:AWS4-HMAC-SHA256 Credential=" VANILLA_CRED ", SignedHeaders="
		"host;x-amz-date, Signature=" VANILLA_SIG ", Signature=" VANILLA_SIG "\n\n",
	/* Both ways at once; presigned with a header token and a query one
	 * of each name; SigV4a claims with a region set. */
	"GET /?X-Amz-Signature=" VANILLA_SIG " HTTP/1.1\nHost:example.amazonaws.com\n"
		"X-Amz-Date:20150830T123600Z\nAuthorization:AWS4-HMAC-SHA256 Credential="
		VANILLA_CRED ", SignedHeaders=host;x-amz-date, Signature=" VANILLA_SIG
		"\n\n",
	"GET /?" VANILLA_QUERY "&X-Amz-Signature=" VANILLA_SIG "&X-Amz-Security-Token=t"
		"&X-Amz-S3session-Token=u HTTP/1.1\nHost:example.amazonaws.com\n"
		"X-Amz-Security-Token:t\n\n",
	"GET /?" VANILLA_QUERY "&X-Amz-Region-Set=us-east-1,eu-*&X-Amz-Signature="
		VANILLA_SIG " HTTP/1.1\nHost:example.amazonaws.com\n\n",
	"GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\n"
		"X-Amz-Region-Set:*\nX-Amz-Content-Sha256:UNSIGNED-PAYLOAD\n"
		"Authorization:AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/"
		"service/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;"
		"x-amz-region-set, Signature=3045022100aa\n\n",
};

/* For fuzz_headers: empty lists, then host and four odd values. */
static const char raw_headers[] = "\xff\xffHost\xffh\xffX\xff" "a\0b\xffY\xff"
	"a\rb\xffZ\xff" "a\nb\xffW\xff" "a\r\n b";

static void
hostile_seeds(void)
{
	char err[256], name[32];
	su_request r;
	fz_buf b;
	size_t i;

	fz_buf_init(&b);
	for (i = 0; i < sizeof hostile_requests / sizeof hostile_requests[0]; i++) {
		if (su_parse_request(&r, hostile_requests[i],
				strlen(hostile_requests[i]), err, sizeof err) != 0)
		{
			fprintf(stderr, "seedgen: hand-written seed %lu: %s\n",
				(unsigned long)i, err);
			exit(1);
		}
		snprintf(name, sizeof name, "hostile-%lu", (unsigned long)i);
		seeds_for(&r, name);
		if (i == 0) {
			size_t j;

			for (j = 0; j < sizeof hostile_variants / sizeof hostile_variants[0]; j++) {
				snprintf(name, sizeof name, "variant-%lu", (unsigned long)j);
				request_seeds(&b, &r, &hostile_variants[j], name, 1);
			}
		}
		su_request_free(&r);
	}
	for (i = 0; i < sizeof hostile_signed / sizeof hostile_signed[0]; i++) {
		if (su_parse_request(&r, hostile_signed[i], strlen(hostile_signed[i]),
				err, sizeof err) != 0)
		{
			fprintf(stderr, "seedgen: hand-written signed seed %lu: %s\n",
				(unsigned long)i, err);
			exit(1);
		}
		snprintf(name, sizeof name, "signed-%lu", (unsigned long)i);
		verify_seed(&r, 0, 0, 0, NULL, name);
		/* IoT: the token after. */
		verify_seed(&r, 0, 1u << 6, 0, NULL, name);
		su_request_free(&r);
	}
	/* fuzz_stream: S3's trailer example (a date, a seed signature, the
	 * CRC32C trailer), signed and unsigned, and SigV4a. */
	for (i = 0; i < 3; i++) {
		static const char stream[] = "\0\0\x04\x01\0\0\x10" DATE "\xff"
			"106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"
			"\xffx-amz-checksum-crc32c\xffsOO8/Q==";

		b.len = 0;
		fz_write(&b, stream, sizeof stream - 1);
		b.p[0] = (char)(i == 0 ? 0x01 : i == 1 ? 0x04 : 0x22);
		snprintf(name, sizeof name, "trailer-%lu", (unsigned long)i);
		write_seed("stream", name, &b);
	}
	/* fuzz_unchunk: bodies the encoder frames (signed, unsigned; no
	 * trailers, checksums, other trailers; 20000 bytes in chunks of
	 * 8192), unedited; and a raw unsigned body of 5 bytes. */
	for (i = 0; i < 8; i++) {
		static const char opts[8][2] = { { 0, 0 }, { 0, 0x0a }, { 0, 0x1b },
			{ 1, 0x01 }, { 1, 0x13 }, { 0, 0x43 }, { 1, 0x25 }, { 0, 0x04 } };
		static const char raw[] = "\x03\x01\0\0\x05\0\x01\x01\0\0\0"
			"5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n";

		b.len = 0;
		fz_write(&b, opts[i], 2);
		fz_write(&b, "\0\0\x20\x4e\x01\x2a\0\0\0", 9);
		snprintf(name, sizeof name, "framed-%lu", (unsigned long)i);
		write_seed("unchunk", name, &b);
		if (i == 0) {
			b.len = 0;
			fz_write(&b, raw, sizeof raw - 1);
			write_seed("unchunk", "raw-unsigned", &b);
		}
	}
	/* Bytes the request parser cannot express: NUL, bare CR, lone LF. */
	b.len = 0;
	fz_put(&b, 0);
	fz_write(&b, raw_headers, sizeof raw_headers - 1);
	write_seed("headers", "raw-bytes", &b);
	fz_buf_free(&b);
}

static void
make_dir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "seedgen: cannot create %s: %s\n", path,
			strerror(errno));
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	const char *vectors;
	size_t i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s <out dir> [vectors dir]\n", argv[0]);
		return 2;
	}
	out_dir = argv[1];
	vectors = su_vectors_dir(argc == 3 ? argv[2] : NULL);
	make_dir(out_dir);
	for (i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		char *sub = tu_join(out_dir, targets[i]);

		make_dir(sub);
		free(sub);
	}
	hostile_seeds();
	if (!tu_is_dir(vectors)) {
		fprintf(stderr, "seedgen: no vectors in %s (hand-written seeds "
			"only)\n", vectors);
	} else {
		walk(vectors, "");
	}
	printf("seedgen: %lu seeds in %s (vectors: %s)\n", written, out_dir,
		vectors);
	return 0;
}
