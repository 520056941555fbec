/*
 * sign_check.h: sign a decoded fuzz request the way a careful caller
 * would, and check every promise src/sigv4.h makes along the way:
 *
 *   - the key: sigv4_key_derive fails exactly when the model says, with
 *     one of the codes it expects, and zeroes the key; otherwise kSigning
 *     equals the model's and sigv4_key_import rebuilds the same key;
 *   - validation: sigv4_sign fails exactly when the model says, with one
 *     of the codes the model expects, writing nothing;
 *   - sizing: a zero-capacity call gives SIGV4_ERR_SPACE and the length; a
 *     buffer of exactly that length succeeds; one byte less fails with
 *     SIGV4_ERR_SPACE and leaves no partial output (nor do too-small
 *     capture buffers); scratch of exactly sigv4_scratch_size() bytes is
 *     enough at any alignment and one byte less is SIGV4_ERR_SCRATCH;
 *   - content: output, canonical request and string to sign equal the
 *     model's byte for byte; the output is printable ASCII of the length
 *     returned; the canonical request has no CR and one line per signed
 *     header name (so no raw line break from a header value is signed);
 *   - determinism: the same call again, with other scratch contents and
 *     alignment and no capture, gives the same output;
 *   - hygiene: the scratch never holds key material (signing with
 *     another key leaves the same bytes in it).
 *
 * All buffers are heap blocks of the exact size under test, so ASan
 * reports any byte written or read past them.
 */
#ifndef SIGV4_FUZZ_SIGN_CHECK_H
#define SIGV4_FUZZ_SIGN_CHECK_H

#include "request.h"

typedef struct {
	int rc;             /* the validated outcome: SIGV4_OK or an error */
	model_mode mode;
	sigv4_key key;      /* when rc is SIGV4_OK */
	fz_buf out;         /* when rc is SIGV4_OK */
	fz_buf creq;
	fz_buf sts;
} fz_signed;

/* Runs every check above (aborting on a violation); fills res. */
void fz_sign_checked(fz_signed *res, const fz_request *r);
void fz_signed_free(fz_signed *res);

/* One plain sigv4_sign call with generous buffers into out (cleared
 * first); returns its code. */
int fz_sign_plain(fz_buf *out, const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *p);

#endif
