/*
 * sigv4a.c: SigV4a (AWS4-ECDSA-P256-SHA256), the algorithm of
 * multi-region endpoints: the key derivation, the ECDSA signature stage
 * the pipeline of sign.c runs, the public key and verification. ECDSA is
 * ecdsa.c's, over BearSSL's P-256 (p256_comb.c); its nonce is RFC 6979's,
 * so it needs no randomness and the same inputs give the same signature.
 *
 * Only this file references the elliptic-curve code: a program that never
 * calls sigv4a_* links none of it.
 */
#include <string.h>

#include "inner.h"
#include "bearssl_ec.h"

/* 1 when a > b, as 32-byte big-endian numbers, in constant time. */
static uint32_t
greater_ct(const uint8_t a[32], const uint8_t b[32])
{
	uint32_t gt = 0, eq = 1;
	int i;

	for (i = 0; i < 32; i++) {
		uint32_t x = a[i], y = b[i];
		/* y - x borrows (bit 8 set) exactly when x > y. */
		uint32_t x_gt = ((y - x) >> 8) & 1;
		uint32_t x_eq = ((x ^ y) - 1) >> 31;

		gt |= eq & x_gt;
		eq &= x_eq;
	}
	return gt;
}

/* d = k0 + 1 (k0 <= n - 2, so no carry out), in constant time. */
static void
add_one(uint8_t d[32], const uint8_t k0[32])
{
	uint32_t carry = 1;
	int i;

	for (i = 31; i >= 0; i--) {
		uint32_t v = (uint32_t)k0[i] + carry;

		d[i] = (uint8_t)v;
		carry = v >> 8;
	}
}

/* see sigv4.h */
int
sigv4a_private_key(uint8_t d[SIGV4_KEY_SIZE], sigv4_str access_key_id,
	const void *secret, size_t secret_len)
{
	/* The fixed input: 00000001 || label || 00 || akid || c || 00000100,
	 * the label being the algorithm's name; hashed in pieces under the
	 * pads of "AWS4A" + secret. */
	static const uint8_t counter_one[4] = { 0, 0, 0, 1 };
	static const uint8_t suffix[4] = { 0, 0, 1, 0 };      /* 256 bits */
	const char *label = sigv4_alg_names[SIGV4_ALG_ECDSA_P256];
	struct {  /* derived from the secret: wiped at the end */
		uint8_t pads[64], k0[32], inner[32];
		unsigned char ksecret[64];
		br_sha256_context c;
	} w;
	uint8_t n_minus_2[32];
	size_t ksecret_len;
	unsigned counter;
	int found = 0;

	if (d == NULL) {
		return SIGV4_ERR_PARAM;
	}
	memset(d, 0, SIGV4_KEY_SIZE);
	if (access_key_id.len == 0 || access_key_id.ptr == NULL) {
		return SIGV4_ERR_ACCESS_KEY;
	}
	if (secret == NULL || secret_len == 0) {
		return SIGV4_ERR_SECRET;
	}
	ksecret_len = sigv4_secret_key(w.ksecret, "AWS4A", secret, secret_len);
	sigv4_hmac_key_pads(w.pads, w.ksecret, ksecret_len);
	/* The largest k0 accepted: n ends in 0x51, so no borrow. */
	memcpy(n_minus_2, sigv4_p256_order, sizeof n_minus_2);
	n_minus_2[31] -= 2;

	for (counter = 1; counter <= 254 && !found; counter++) {
		uint8_t cbyte = (uint8_t)counter;

		br_sha256_set_state(&w.c, w.pads, 64);
		sigv4_br_sha256_update(&w.c, counter_one, sizeof counter_one);
		sigv4_br_sha256_update(&w.c, label, strlen(label) + 1);  /* + 00 */
		sigv4_br_sha256_update(&w.c, access_key_id.ptr, access_key_id.len);
		sigv4_br_sha256_update(&w.c, &cbyte, 1);
		sigv4_br_sha256_update(&w.c, suffix, sizeof suffix);
		sigv4_br_sha256_out(&w.c, w.inner);
		br_sha256_set_state(&w.c, w.pads + 32, 64);
		sigv4_br_sha256_update(&w.c, w.inner, sizeof w.inner);
		sigv4_br_sha256_out(&w.c, w.k0);
		/* Real keys fit at the first counter (another is needed with
		 * odds of 2^-32): the loop's length tells nothing more. */
		if (!greater_ct(w.k0, n_minus_2)) {
			add_one(d, w.k0);
			found = 1;
		}
	}
	sigv4_wipe(&w, sizeof w);
	return found ? SIGV4_OK : SIGV4_ERR_SECRET;
}

/* see sigv4.h */
int
sigv4a_key_import(sigv4_key *key, const uint8_t d[SIGV4_KEY_SIZE],
	const char date[8], sigv4_str service)
{
	int err;

	if (key == NULL || d == NULL) {
		return SIGV4_ERR_PARAM;
	}
	memset(key, 0, sizeof *key);
	if (date == NULL) {
		return SIGV4_ERR_DATE;
	}
	if ((err = sigv4_date_check(date)) != SIGV4_OK
		|| (err = sigv4_service_check(service)) != SIGV4_OK)
	{
		return err;
	}
	memcpy(key->signing_key, d, SIGV4_KEY_SIZE);
	memcpy(key->date, date, 8);
	memcpy(key->service, service.ptr, service.len);
	key->service_len = (uint8_t)service.len;
	key->algorithm = SIGV4_ALG_ECDSA_P256;
	return SIGV4_OK;
}

/* see sigv4.h */
int
sigv4a_key_derive(sigv4_key *key, sigv4_str access_key_id,
	const void *secret, size_t secret_len, const char date[8],
	sigv4_str service)
{
	uint8_t d[SIGV4_KEY_SIZE];
	int err;

	if (key == NULL) {
		return SIGV4_ERR_PARAM;
	}
	memset(key, 0, sizeof *key);
	err = sigv4a_private_key(d, access_key_id, secret, secret_len);
	if (err == SIGV4_OK) {
		err = sigv4a_key_import(key, d, date, service);
	}
	sigv4_wipe(d, sizeof d);
	return err;
}

/* see sigv4.h */
int
sigv4a_public_key(uint8_t out[SIGV4A_PUBLIC_KEY_SIZE], const sigv4_key *key)
{
	size_t n;

	if (out == NULL || key == NULL) {
		return SIGV4_ERR_PARAM;
	}
	memset(out, 0, SIGV4A_PUBLIC_KEY_SIZE);
	if (key->algorithm != SIGV4_ALG_ECDSA_P256) {
		return SIGV4_ERR_KEY_ALGORITHM;
	}
	n = sigv4_ecdsa_p256_public(out, key->signing_key);
	if (n != SIGV4A_PUBLIC_KEY_SIZE) {
		memset(out, 0, SIGV4A_PUBLIC_KEY_SIZE);
		return SIGV4_ERR_PARAM;
	}
	return SIGV4_OK;
}

/* see sigv4.h */
int
sigv4a_signature(char out[SIGV4A_SIGNATURE_HEX_MAX], size_t *out_len,
	const sigv4_key *key, sigv4_str string_to_sign)
{
	uint8_t hash[32];
	unsigned char der[SIGV4A_SIGNATURE_HEX_MAX / 2];
	br_sha256_context c;
	size_t n;

	if (out_len != NULL) {
		*out_len = 0;
	}
	if (out == NULL || out_len == NULL || key == NULL
		|| (string_to_sign.ptr == NULL && string_to_sign.len > 0))
	{
		return SIGV4_ERR_PARAM;
	}
	if (key->algorithm != SIGV4_ALG_ECDSA_P256) {
		return SIGV4_ERR_KEY_ALGORITHM;
	}
	sigv4_br_sha256_init(&c);
	sigv4_br_sha256_update(&c, string_to_sign.ptr, string_to_sign.len);
	sigv4_br_sha256_out(&c, hash);
	n = sigv4_ecdsa_p256_sign(der, key->signing_key, hash);
	sigv4_wipe(&c, sizeof c);
	if (n == 0) {
		return SIGV4_ERR_PARAM;  /* d is 0 or >= n: not from the KDF */
	}
	n = br_ecdsa_raw_to_asn1(der, n);
	sigv4_hex(out, der, n);
	*out_len = 2 * n;
	return SIGV4_OK;
}

/* The signature stage of sigv4a_sign(): the key was checked by start(),
 * and a key from the KDF always signs. */
static void
ecdsa_signature(sigv4_state *st)
{
	sigv4_str sts;

	sts.ptr = st->sts;
	sts.len = st->sts_len;
	(void)sigv4a_signature(st->signature, &st->signature_len, st->key, sts);
}

const sigv4_alg sigv4_alg_ecdsa_p256 = {
	SIGV4_ALG_ECDSA_P256, ecdsa_signature
};

/* see sigv4.h */
int
sigv4a_sign(char *out, size_t out_cap, size_t *out_len,
	const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *p, void *scratch, size_t scratch_len,
	sigv4_capture *capture)
{
	int hmac = key != NULL && key->algorithm == SIGV4_ALG_HMAC_SHA256;

	return sigv4_run(hmac ? &sigv4_alg_hmac_sha256 : &sigv4_alg_ecdsa_p256,
		out, out_cap, out_len, key, req, p, scratch, scratch_len,
		capture);
}

/* see sigv4.h */
int
sigv4a_verify(const uint8_t public_key[SIGV4A_PUBLIC_KEY_SIZE],
	sigv4_str string_to_sign, sigv4_str signature_hex)
{
	/* Twice the longest DER: br_ecdsa_asn1_to_raw pads r and s in place
	 * to the longer one's length. */
	unsigned char der[SIGV4A_SIGNATURE_HEX_MAX];
	uint8_t hash[32];
	br_sha256_context c;
	size_t i, n;

	if (public_key == NULL || (string_to_sign.ptr == NULL
		&& string_to_sign.len > 0) || (signature_hex.ptr == NULL
		&& signature_hex.len > 0))
	{
		return SIGV4_ERR_PARAM;
	}
	n = signature_hex.len / 2;
	if (signature_hex.len % 2 != 0 || n == 0 || n > sizeof der / 2) {
		return SIGV4_ERR_SIGNATURE;
	}
	for (i = 0; i < n; i++) {
		int hi = sigv4_hexval((unsigned char)signature_hex.ptr[2 * i]);
		int lo = sigv4_hexval((unsigned char)signature_hex.ptr[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			return SIGV4_ERR_SIGNATURE;
		}
		der[i] = (unsigned char)(hi * 16 + lo);
	}
	sigv4_br_sha256_init(&c);
	sigv4_br_sha256_update(&c, string_to_sign.ptr, string_to_sign.len);
	sigv4_br_sha256_out(&c, hash);
	n = br_ecdsa_asn1_to_raw(der, n);
	return n != 0 && sigv4_ecdsa_p256_verify(public_key, hash, der, n)
		? SIGV4_OK : SIGV4_ERR_SIGNATURE;
}

/* see sigv4.h */
int
sigv4a_verify_request(const uint8_t public_key[SIGV4A_PUBLIC_KEY_SIZE],
	const sigv4_request *req, const sigv4_auth *auth,
	sigv4_str body_sha256, uint32_t allow, void *scratch,
	size_t scratch_len, sigv4_capture *capture)
{
	char sts[SIGV4_STRING_TO_SIGN_MAX];
	size_t len;
	int err;

	if (public_key == NULL || auth == NULL) {
		return SIGV4_ERR_PARAM;
	}
	if (auth->algorithm != SIGV4_ALG_ECDSA_P256) {
		return SIGV4_ERR_KEY_ALGORITHM;
	}
	err = sigv4_verify_string_to_sign(sts, &len, req, auth, body_sha256,
		allow, scratch, scratch_len, capture);
	if (err != SIGV4_OK) {
		return err;
	}
	err = sigv4a_verify(public_key, (sigv4_str){ sts, len }, auth->signature);
	return err == SIGV4_ERR_SIGNATURE ? SIGV4_ERR_SIGNATURE_MISMATCH : err;
}

/* see sigv4.h */
int
sigv4a_unchunk_init(sigv4_unchunk *u, const sigv4_key *key,
	sigv4_str amz_date, sigv4_str seed_signature, uint64_t decoded_length,
	const sigv4_str *trailer_names, size_t trailer_count)
{
	uint8_t q[SIGV4A_PUBLIC_KEY_SIZE];
	int err;

	if (key == NULL || key->algorithm != SIGV4_ALG_ECDSA_P256) {
		return sigv4_unchunk_init(u, key, amz_date, seed_signature,
			decoded_length, trailer_names, trailer_count);
	}
	/* No public key (not a valid private key): refused, as a SigV4a key
	 * without one. */
	err = sigv4a_public_key(q, key);
	return sigv4_unchunk_start(u, key, err == SIGV4_OK ? q : NULL,
		amz_date, seed_signature, decoded_length, trailer_names,
		trailer_count);
}

/* see sigv4.h */
int
sigv4a_unchunk_feed(sigv4_unchunk *u, const void *in, size_t len,
	size_t *used, sigv4_str *data)
{
	return sigv4_unchunk_run(u, in, len, used, data, sigv4a_verify);
}
