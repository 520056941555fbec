/*
 * model_verify.h: a separately written model of the verifier's rules
 * (src/sigv4.h, "Verifying"): what sigv4_auth_parse() must accept and
 * read, and the string to sign sigv4_verify_string_to_sign() must give.
 * fuzz_verify.c compares the library with it.
 */
#ifndef SIGV4_FUZZ_MODEL_VERIFY_H
#define SIGV4_FUZZ_MODEL_VERIFY_H

#include "model.h"

/* Bit for an error code in a set of verification errors (down to -63). */
#define MODEL_VBIT(code) ((uint64_t)1 << (unsigned)(-(code)))

/* The claims, as copies. */
typedef struct {
	int algorithm;             /* 0 SigV4, 1 SigV4a, -1 unknown */
	int presigned;
	int token_signed;
	uint32_t expires;
	fz_buf access_key_id, date, region, service, amz_date, signed_headers,
		signature, session_token, region_set, content_sha256;
	/* The rules resolved for the service. */
	int single, normalize, token_after, s3_session, query_form;
	int unsigned_presign;      /* presigned URLs sign UNSIGNED-PAYLOAD */
	const char *token_header;  /* the session token's header (lowercase) */
} model_claims;

void model_claims_init(model_claims *c);
void model_claims_free(model_claims *c);

/*
 * The rules req breaks, as a MODEL_BIT set (0: it must be accepted, and
 * then c holds what it claims). The header states no order among the
 * rules, so a request that breaks several may be refused for any of
 * them; rules that cannot be judged (a credential without its
 * algorithm) are left out.
 */
uint64_t model_auth_errors(model_claims *c, const sigv4_request *req,
	uint32_t rules);

/* For accepted claims: the canonical request and string to sign (0), or
 * the set of errors the payload line and request give. */
uint64_t model_verify_sts(fz_buf *creq, fz_buf *sts, const model_claims *c,
	const sigv4_request *req, sigv4_str body, uint32_t allow);

#endif
