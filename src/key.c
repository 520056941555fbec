/*
 * key.c: the SigV4 key chain.
 *
 *   kSecret  = "AWS4" + secret
 *   kDate    = HMAC(kSecret, "YYYYMMDD")
 *   kRegion  = HMAC(kDate, region)
 *   kService = HMAC(kRegion, service)
 *   kSigning = HMAC(kService, "aws4_request")
 *
 * Derived once per (date, region, service) and cached by the caller,
 * so a signature costs one HMAC over the string to sign afterwards.
 */
#include <string.h>

#include "inner.h"

/*
 * HMAC-SHA256 (RFC 2104) over BearSSL's SHA-256 state API: the states
 * after the two pad blocks are computed once per key, so a cached key
 * signs with one inner and one outer hash and no key setup.
 */
void
sigv4_hmac_key_pads(uint8_t pads[64], const void *key, size_t key_len)
{
	br_sha256_context c;
	unsigned char block[64];
	size_t i;

	/* Callers pass keys of at most one block (key.c hashes longer ones). */
	memset(block, 0, sizeof block);
	memcpy(block, key, key_len);
	for (i = 0; i < sizeof block; i++) {
		block[i] ^= 0x36;
	}
	sigv4_br_sha256_init(&c);
	sigv4_br_sha256_update(&c, block, sizeof block);
	br_sha256_state(&c, pads);
	for (i = 0; i < sizeof block; i++) {
		block[i] ^= 0x36 ^ 0x5c;
	}
	sigv4_br_sha256_init(&c);
	sigv4_br_sha256_update(&c, block, sizeof block);
	br_sha256_state(&c, pads + 32);
	sigv4_wipe(block, sizeof block);
	sigv4_wipe(&c, sizeof c);
}

void
sigv4_hmac_pads(uint8_t out[32], const uint8_t pads[64], const void *msg,
	size_t msg_len)
{
	br_sha256_context c;
	uint8_t inner[32];

	br_sha256_set_state(&c, pads, 64);
	sigv4_br_sha256_update(&c, msg, msg_len);
	sigv4_br_sha256_out(&c, inner);
	br_sha256_set_state(&c, pads + 32, 64);
	sigv4_br_sha256_update(&c, inner, sizeof inner);
	sigv4_br_sha256_out(&c, out);
	sigv4_wipe(inner, sizeof inner);
	sigv4_wipe(&c, sizeof c);
}

void
sigv4_hmac(uint8_t out[32], const void *key, size_t key_len,
	const void *msg, size_t msg_len)
{
	uint8_t pads[64];

	sigv4_hmac_key_pads(pads, key, key_len);
	sigv4_hmac_pads(out, pads, msg, msg_len);
	sigv4_wipe(pads, sizeof pads);
}

/* see inner.h */
size_t
sigv4_secret_key(unsigned char out[64], const char *prefix,
	const void *secret, size_t secret_len)
{
	size_t plen = strlen(prefix);

	/* Any real secret (40 bytes) fits one HMAC block with the prefix; a
	 * longer one is hashed first, as HMAC itself would do. */
	if (secret_len <= 64 - plen) {
		memcpy(out, prefix, plen);
		memcpy(out + plen, secret, secret_len);
		return plen + secret_len;
	} else {
		br_sha256_context sc;

		sigv4_br_sha256_init(&sc);
		sigv4_br_sha256_update(&sc, prefix, plen);
		sigv4_br_sha256_update(&sc, secret, secret_len);
		sigv4_br_sha256_out(&sc, out);
		sigv4_wipe(&sc, sizeof sc);
		return 32;
	}
}

static int
check_scope_part(sigv4_str s, int allow_star)
{
	size_t i;

	if (s.len == 0 || s.len > SIGV4_SCOPE_PART_MAX || s.ptr == NULL) {
		return 0;
	}
	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
			|| (c >= '0' && c <= '9') || c == '.' || c == '_'
			|| c == '-' || (allow_star && c == '*')))
		{
			return 0;
		}
	}
	return 1;
}

int
sigv4_region_check(sigv4_str s)
{
	return check_scope_part(s, 1) ? SIGV4_OK : SIGV4_ERR_REGION;
}

int
sigv4_service_check(sigv4_str s)
{
	return check_scope_part(s, 0) ? SIGV4_OK : SIGV4_ERR_SERVICE;
}

static int
set_scope(sigv4_key *key, const char date[8], sigv4_str region,
	sigv4_str service)
{
	int err;

	if (date == NULL) {
		return SIGV4_ERR_DATE;
	}
	if ((err = sigv4_date_check(date)) != SIGV4_OK
		|| (err = sigv4_region_check(region)) != SIGV4_OK
		|| (err = sigv4_service_check(service)) != SIGV4_OK)
	{
		return err;
	}
	memcpy(key->date, date, 8);
	memcpy(key->region, region.ptr, region.len);
	memcpy(key->service, service.ptr, service.len);
	key->region_len = (uint8_t)region.len;
	key->service_len = (uint8_t)service.len;
	return SIGV4_OK;
}

/* see sigv4.h */
int
sigv4_key_derive(sigv4_key *key, const void *secret, size_t secret_len,
	const char date[8], sigv4_str region, sigv4_str service)
{
	/* "AWS4"+secret fits one HMAC block for any real secret (40 bytes);
	 * a longer one is hashed first, as HMAC itself would do. */
	unsigned char ksecret[64];
	size_t ksecret_len;
	uint8_t k[32];
	int err;

	if (key == NULL) {
		return SIGV4_ERR_PARAM;
	}
	memset(key, 0, sizeof *key);
	if (secret == NULL || secret_len == 0) {
		return SIGV4_ERR_SECRET;
	}
	if ((err = set_scope(key, date, region, service)) != SIGV4_OK) {
		memset(key, 0, sizeof *key);
		return err;
	}

	ksecret_len = sigv4_secret_key(ksecret, "AWS4", secret, secret_len);

	sigv4_hmac(k, ksecret, ksecret_len, date, 8);
	sigv4_hmac(k, k, 32, region.ptr, region.len);
	sigv4_hmac(k, k, 32, service.ptr, service.len);
	sigv4_hmac(key->signing_key, k, 32, "aws4_request", 12);
	sigv4_hmac_key_pads(key->hmac_pads, key->signing_key, SIGV4_KEY_SIZE);

	sigv4_wipe(ksecret, sizeof ksecret);
	sigv4_wipe(k, sizeof k);
	return SIGV4_OK;
}

/* see sigv4.h */
int
sigv4_key_import(sigv4_key *key, const uint8_t signing_key[32],
	const char date[8], sigv4_str region, sigv4_str service)
{
	int err;

	if (key == NULL || signing_key == NULL) {
		return SIGV4_ERR_PARAM;
	}
	memset(key, 0, sizeof *key);
	if ((err = set_scope(key, date, region, service)) != SIGV4_OK) {
		memset(key, 0, sizeof *key);
		return err;
	}
	memcpy(key->signing_key, signing_key, SIGV4_KEY_SIZE);
	sigv4_hmac_key_pads(key->hmac_pads, key->signing_key, SIGV4_KEY_SIZE);
	return SIGV4_OK;
}
