/*
 * sign_demo.c: sign one API Gateway request with sigv4 and show what is
 * sent.
 *
 *   POST https://abc123.execute-api.us-east-2.amazonaws.com/prod/events
 *   content-type: application/json
 *
 *   {"date":"today"}
 *
 * The credentials are AWS's documentation examples, not real ones. The
 * secret is never printed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sigv4.h"

/* AWS documentation example credentials (not real). */
static const char ACCESS_KEY_ID[] = "AKIAIOSFODNN7EXAMPLE";
static const char SECRET_ACCESS_KEY[] =
	"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
static const char SESSION_TOKEN[] =
	"IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENvalueForTheDemoOnly==";

static sigv4_str
str(const char *s)
{
	sigv4_str v;

	v.ptr = s;
	v.len = strlen(s);
	return v;
}

static void
section(const char *title, const char *text, size_t len)
{
	printf("---- %s ----\n%.*s\n\n", title, (int)len, text);
}

static int
fail(const char *what, int err)
{
	fprintf(stderr, "sign_demo: %s: %s (%s)\n", what, sigv4_errname(err),
		sigv4_strerror(err));
	return 1;
}

int
main(void)
{
	static const char body[] = "{\"date\":\"today\"}";
	sigv4_header headers[2];
	sigv4_request req;
	sigv4_params params;
	sigv4_key key;
	sigv4_capture cap;
	char amz_date[SIGV4_AMZ_DATE_LEN];
	char payload_hash[SIGV4_SHA256_HEX_LEN];
	char auth[1024], creq[2048], sts[512];
	unsigned char scratch[4096];
	size_t auth_len = 0, need;
	sigv4_sha256 h;
	int err;

	/* The clock is the caller's business: sigv4 only formats it. */
	err = sigv4_amz_date(amz_date, (int64_t)time(NULL));
	if (err != SIGV4_OK) {
		return fail("sigv4_amz_date", err);
	}

	sigv4_sha256_init(&h);
	sigv4_sha256_update(&h, body, sizeof body - 1);
	sigv4_sha256_hex(&h, payload_hash);

	headers[0].name = str("host");
	headers[0].value = str("abc123.execute-api.us-east-2.amazonaws.com");
	headers[1].name = str("content-type");
	headers[1].value = str("application/json");

	memset(&req, 0, sizeof req);
	req.method = str("POST");
	req.path = str("/prod/events");
	req.headers = headers;
	req.header_count = 2;

	memset(&params, 0, sizeof params);
	params.access_key_id = str(ACCESS_KEY_ID);
	params.session_token = str(SESSION_TOKEN);
	params.amz_date.ptr = amz_date;
	params.amz_date.len = sizeof amz_date;
	params.payload_hash.ptr = payload_hash;
	params.payload_hash.len = sizeof payload_hash;
	params.flags = 0;   /* execute-api defaults: normalise, encode twice */

	/* The key depends on the date: derive once a day and cache it. */
	err = sigv4_key_derive(&key, SECRET_ACCESS_KEY,
		sizeof SECRET_ACCESS_KEY - 1, amz_date, str("us-east-2"),
		str("execute-api"));
	if (err != SIGV4_OK) {
		return fail("sigv4_key_derive", err);
	}

	need = sigv4_scratch_size(&req, &params);
	if (need > sizeof scratch) {
		sigv4_wipe(&key, sizeof key);
		fprintf(stderr, "sign_demo: needs %lu bytes of scratch\n",
			(unsigned long)need);
		return 1;
	}

	memset(&cap, 0, sizeof cap);
	cap.canonical_request = creq;
	cap.canonical_request_cap = sizeof creq;
	cap.string_to_sign = sts;
	cap.string_to_sign_cap = sizeof sts;

	err = sigv4_sign(auth, sizeof auth, &auth_len, &key, &req, &params,
		scratch, need, &cap);
	sigv4_wipe(&key, sizeof key);
	sigv4_wipe(scratch, sizeof scratch);
	if (err != SIGV4_OK) {
		return fail("sigv4_sign", err);
	}

	printf("Request:  POST https://%.*s/prod/events\n",
		(int)headers[0].value.len, headers[0].value.ptr);
	printf("Body:     %s\n", body);
	printf("Key id:   %s (secret not shown)\n\n", ACCESS_KEY_ID);

	section("canonical request", creq, cap.canonical_request_len);
	section("string to sign", sts, cap.string_to_sign_len);

	printf("---- headers to send ----\n");
	printf("Host: %.*s\n", (int)headers[0].value.len, headers[0].value.ptr);
	printf("Content-Type: %.*s\n", (int)headers[1].value.len,
		headers[1].value.ptr);
	printf("X-Amz-Date: %.*s\n", (int)sizeof amz_date, amz_date);
	printf("X-Amz-Security-Token: %s\n", SESSION_TOKEN);
	printf("Authorization: %.*s\n", (int)auth_len, auth);
	return 0;
}
