/*
 * fuzz_sign.c: the whole sign path from raw request parts.
 *
 * Method, path, query, headers, payload, key material, timestamp and
 * flags all come from the input (layout in request.h), so both header
 * mode and presign mode are reached, with and without every flag. Each
 * input goes through every check in sign_check.h: key derivation against
 * the model, validation against the model's error set, exact sizing and
 * one-byte-short buffers, no partial output, determinism, and output,
 * canonical request and string to sign equal to the model's.
 */
#include "sign_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_request r;
	fz_signed s;

	fz_request_decode(&r, data, size);
	fz_sign_checked(&s, &r);
	fz_signed_free(&s);
	fz_request_free(&r);
	return 0;
}
