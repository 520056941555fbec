/*
 * abi.h: the wasm call layout. This table is the only definition of it:
 * wasm/gen.mjs generates js/abi.js and the tables of wasm/ABI.md from it
 * (through abi_dump.c), and the build fails when they differ.
 *
 * JS writes a descriptor of u32 words at arena offset 0 and the strings
 * it points to, calls one operation, and reads the output header at the
 * output offset. A string is two words: arena offset, length in bytes. A
 * table is two words: arena offset (4-aligned), entry count.
 */
#ifndef SIGV4W_ABI_H
#define SIGV4W_ABI_H

#include "sigv4.h"

#define SIGV4W_ABI_VERSION 7

/* X(NAME, value, meaning) */
#define SIGV4W_LIMITS(X) \
	X(MAGIC, 0x53563400u + SIGV4W_ABI_VERSION, "descriptor word 0: \"SV4\" and the ABI version") \
	X(ARENA_SIZE, 1024u * 1024u, "bytes of the one static arena (the memory never grows)") \
	X(STRINGS_START, 256u, "where JS starts writing strings and tables: the descriptor fits below") \
	X(MAX_HEADERS, 4096u, "entries of the header table") \
	X(MAX_LIST, 256u, "entries of each header-name table") \
	X(KEY_BYTES, 233u, "a sigv4_key struct: kSigning, its HMAC pad states, its scope, its algorithm") \
	X(CACHED_KEY_BYTES, 265u, "a cached key: the sigv4_key struct, then the id of its secret (32)") \
	X(HASH_STATE_BYTES, 128u, "an incremental SHA-256 state (sigv4_sha256)") \
	X(CHECKSUM_STATE_BYTES, 136u, "an incremental checksum state (sigv4_checksum)") \
	X(CHECKSUM_BASE64_MAX, SIGV4_CHECKSUM_BASE64_MAX, "bytes of a checksum in base64 at most (sigv4w_checksum_base64)") \
	X(OPT_CAPTURE, 1u, "OPTIONS bit: capture the canonical request and string to sign") \
	X(EXPIRES_MAX, SIGV4_EXPIRES_MAX, "the longest presign expiry, in seconds") \
	X(UNSIGNED, 255u, "sigv4w_stream and sigv4w_chunked_length: the algorithm of an unsigned upload (framing, no signatures)") \
	X(CHUNK_SIZE_MIN, SIGV4_CHUNK_SIZE_MIN, "the smallest aws-chunked chunk size (S3's)") \
	X(CHUNK_SIZE_MAX, SIGV4_CHUNK_SIZE_MAX, "the largest aws-chunked chunk size") \
	X(TRAILERS_MAX, SIGV4_TRAILERS_MAX, "trailers of one upload at most") \
	X(OPT_UNSIGNED_PAYLOAD, 2u, "OPTIONS bit, sigv4w_verify: accept an unsigned payload (SIGV4_ALLOW_UNSIGNED_PAYLOAD)") \
	X(OPT_STREAMING, 4u, "OPTIONS bit, sigv4w_verify: accept STREAMING-* payloads, checked chunk by chunk by the caller (SIGV4_ALLOW_STREAMING)") \
	X(OPT_KEY_VOUCHED, 8u, "OPTIONS bit: no SECRET; JS vouches that CACHED_KEY was derived from this call's secret (it holds that secret's KEY_ID from an earlier call)") \
	X(UNCHUNK_STATE_BYTES, 3584u, "an aws-chunked decoder (sigv4_unchunk)") \
	X(UNCHUNK_CHUNK, SIGV4_UNCHUNK_CHUNK, "sigv4w_unchunk_feed: a chunk ended, its signature verified") \
	X(UNCHUNK_END, SIGV4_UNCHUNK_END, "sigv4w_unchunk_feed: the body ended, everything verified")

/* Descriptor: X(NAME, words, meaning); word indices follow in order. */
#define SIGV4W_DESCRIPTOR(X) \
	X(MAGIC, 1, "MAGIC; anything else is SIGV4_ERR_ABI") \
	X(FLAGS, 1, "SIGV4_* flags (src/sigv4.h); the operation sets PRESIGN") \
	X(EXPIRES, 1, "presign: X-Amz-Expires in seconds. verify: the clock skew allowed, in seconds") \
	X(OPTIONS, 1, "OPT_* bits or 0") \
	X(TIME_LO, 1, "Unix seconds, low word") \
	X(TIME_HI, 1, "Unix seconds, high word (two's complement). verify: the verifier's clock") \
	X(METHOD, 2, "string") \
	X(PATH, 2, "string: as sent, without '?'") \
	X(QUERY, 2, "string: as sent, without '?'") \
	X(AKID, 2, "string: access key id. verify: the one the secret is of") \
	X(SECRET, 2, "string: secret access key; wiped as soon as it is used. verify: length 0 to check the claims and the time only") \
	X(TOKEN, 2, "string: session token; length 0: none") \
	X(REGION, 2, "string") \
	X(SERVICE, 2, "string: signing name") \
	X(PAYLOAD, 2, "string: the caller's payload hash; length 0: the default below") \
	X(BODY_HASH, 2, "string: the body's SHA-256 hex, when JS hashed it; length 0: hash BODY") \
	X(BODY, 2, "string: the body, hashed here when neither hash is given") \
	X(CACHED_KEY, 2, "string: 0 or CACHED_KEY_BYTES bytes; wiped after use") \
	X(HEADERS, 2, "table, 4 words an entry: name offset, length, value offset, length") \
	X(SIGNED, 2, "table, 2 words an entry: header names always signed") \
	X(UNSIGNED, 2, "table, 2 words an entry: header names never signed") \
	X(ALGORITHM, 1, "SIGV4_ALG_HMAC_SHA256 (SigV4) or SIGV4_ALG_ECDSA_P256 (SigV4a: sigv4a.wasm and sigv4a-verify.wasm only)") \
	X(REGION_SET, 2, "string: SigV4a's region set; length 0 for SigV4") \
	X(OUTPUT, 1, "output offset, 8-aligned; every input ends before it")

/* Output header: X(NAME, bytes, meaning); byte offsets follow in order. */
#define SIGV4W_OUTPUT(X) \
	X(RESULT_LEN, 4, "result length (on SIGV4_ERR_SPACE: the length needed)") \
	X(CREQ_LEN, 4, "canonical request length (capturing)") \
	X(STS_LEN, 4, "string to sign length (capturing)") \
	X(KEY_NEW, 4, "1 when KEY holds a newly derived key for JS to cache") \
	X(RESULT_OFF, 4, "arena offset of the result") \
	X(CREQ_OFF, 4, "arena offset of the canonical request (capturing)") \
	X(POLICY, 4, "the flags the signature followed (sigv4_policy())") \
	X(PAYLOAD_LEN, 4, "length of the payload hash in the head") \
	X(STS, SIGV4_STRING_TO_SIGN_MAX, "the string to sign (capturing)") \
	X(KEY, SIGV4W_KEY_BYTES, "a new key: the sigv4_key struct") \
	X(KEY_ID, SIGV4W_CACHED_KEY_BYTES - SIGV4W_KEY_BYTES, "the id of the call's secret, when it brought one: SHA-256(\"sigv4w-kid\" NUL secret)") \
	X(RESERVED, 7, "zero (keeps the header a multiple of 8 bytes)")

/* The head, right before the result, so that JS reads it and the result
 * with one decode: X(NAME, bytes, meaning). */
#define SIGV4W_HEAD(X) \
	X(DATE, 16, "X-Amz-Date") \
	X(PAYLOAD_HASH, 64, "the payload hash signed (PAYLOAD_LEN bytes)")

/* sigv4w_verify's claims (sigv4_auth) at RESULT_OFF: u32 words, a string
 * one word (its length), the strings' bytes right after the record in
 * this order: X(NAME, words, meaning). */
#define SIGV4W_CLAIMS(X) \
	X(ALGORITHM, 1, "SIGV4_ALG_*") \
	X(PRESIGNED, 1, "1: X-Amz-* query parameters, 0: an Authorization header") \
	X(EXPIRES, 1, "presigned: X-Amz-Expires in seconds") \
	X(TOKEN_SIGNED, 1, "1: the session token is signed") \
	X(POLICY, 1, "the rules of the claimed service (sigv4_policy())") \
	X(TIME_LO, 1, "X-Amz-Date as Unix seconds, low word") \
	X(TIME_HI, 1, "X-Amz-Date as Unix seconds, high word") \
	X(ACCESS_KEY_ID, 1, "string") \
	X(DATE, 1, "string: the credential's YYYYMMDD") \
	X(REGION, 1, "string: empty for SigV4a") \
	X(SERVICE, 1, "string") \
	X(AMZ_DATE, 1, "string: X-Amz-Date") \
	X(SIGNED_HEADERS, 1, "string: the signed header names as sent") \
	X(SIGNATURE, 1, "string: hex") \
	X(SESSION_TOKEN, 1, "string: empty for none") \
	X(REGION_SET, 1, "string: SigV4a's region set") \
	X(CONTENT_SHA256, 1, "string: the x-amz-content-sha256 header, empty for none")

/* What sigv4w_stream signs: X(NAME, value, meaning). */
#define SIGV4W_STREAM_KINDS(X) \
	X(CHUNK, 0, "a chunk: DATA is its SHA-256 (32 bytes), ARG_LO its size; the frame is its header line") \
	X(TRAILER, 1, "the trailers: DATA a table of COUNT entries as HEADERS; the frame is the trailer block") \
	X(EVENT, 2, "an event-stream message: DATA the SHA-256 of the message it carries, ARG_LO and ARG_HI the :date in ms; no frame") \
	X(STRING, 3, "a string signed as it is (an S3 POST policy in base64): DATA its COUNT bytes; no frame")

/* sigv4w_stream's output record at `out`, the frame right after it:
 * X(NAME, bytes, meaning). */
#define SIGV4W_STREAM_OUT(X) \
	X(SIG_LEN, 4, "signature length (0 for unsigned uploads)") \
	X(FRAME_LEN, 4, "frame length") \
	X(SIGNATURE, SIGV4A_SIGNATURE_HEX_MAX, "the signature, hex, unpadded")

/* Exports: X(name, arguments, what it does, module), the texts without
 * quotes or semicolons (CMake reads these rows). Four modules are built
 * from one shim. The signing side: sigv4.wasm has the rows marked ALL and
 * SIGN, sigv4a.wasm (SigV4a too, with P-256) those and V4A. The receiving
 * side, loaded by verify() only: sigv4-verify.wasm and sigv4a-verify.wasm
 * (SigV4a too) have the rows marked ALL and VERIFY. */
#define SIGV4W_EXPORTS(X) \
	X(sigv4w_arena, "()", "arena address", ALL) \
	X(sigv4w_arena_size, "()", "ARENA_SIZE", ALL) \
	X(sigv4w_sign, "()", "sign by headers: the result is the Authorization value", SIGN) \
	X(sigv4w_presign, "()", "sign by query: the result is the presigned query string", SIGN) \
	X(sigv4w_verify, "()", "verify a received request: its claims parsed into the record CLAIMS at RESULT_OFF (RESULT_LEN bytes with the strings, 0 when they did not parse), the time checked and, given a secret, the signature (sigv4_verify)", VERIFY) \
	X(sigv4w_query_wire, "(query, len, flags, out)", "the query as sent (sigv4_query_wire), written at arena offset out, which has room for 3 * len bytes: its length, or a negative error", SIGN) \
	X(sigv4w_sha256_init, "(state)", "start a hash whose state is at arena offset state (8-aligned)", ALL) \
	X(sigv4w_sha256_update, "(state, data, len)", "add len bytes at arena offset data", ALL) \
	X(sigv4w_sha256_hex, "(state, out)", "write the 64 hex digits at arena offset out", ALL) \
	X(sigv4w_stream, "(kind, key, date, prev, prev_len, data, count, arg_lo, arg_hi, out)", "a chunk, trailer or event signature (STREAM_KINDS) chained to prev (hex) with the key struct at key (KEY_BYTES, wiped after) and the X-Amz-Date at date (16 bytes), and its aws-chunked frame: the record STREAM_OUT at out. key 0 (or TRAILER with no trailers): the frame only, no signature", SIGN) \
	X(sigv4w_chunked_length, "(decoded_lo, decoded_hi, chunk_size, algorithm, table, count, out)", "the encoded length of an aws-chunked body (sigv4_chunked_length) as two words at out: low then high. algorithm: SIGV4_ALG_* or UNSIGNED. table: the trailers as HEADERS", SIGN) \
	X(sigv4w_checksum_init, "(state, algorithm)", "start a checksum (a SIGV4_CHECKSUM_* id) whose state is at arena offset state (8-aligned): 0, or SIGV4_ERR_CHECKSUM for an unknown id", SIGN) \
	X(sigv4w_checksum_update, "(state, data, len)", "add len bytes at arena offset data", SIGN) \
	X(sigv4w_checksum_digest, "(state, out)", "write the digest (a CRC big-endian) at arena offset out, which has room for 32 bytes: its length, or a negative error", SIGN) \
	X(sigv4w_checksum_base64, "(state, out)", "write the digest's base64 at arena offset out, which has room for 44 bytes: its length, or a negative error", SIGN) \
	X(sigv4w_unchunk_init, "(state, key, date, seed, seed_len, decoded_lo, decoded_hi, table, count)", "start an aws-chunked decoder (sigv4_unchunk_init, and SigV4a keys in sigv4a.wasm) whose state is at arena offset state (8-aligned, UNCHUNK_STATE_BYTES): the key struct at key (KEY_BYTES, wiped after, or 0 for an unsigned upload), X-Amz-Date at date (16 bytes), the seed signature at seed, the decoded length in two words, the x-amz-trailer names as a table of count entries of 2 words (offset, length). 0 or a negative error", VERIFY) \
	X(sigv4w_unchunk_feed, "(state, data, len, end, out)", "decode len bytes at arena offset data (sigv4_unchunk_feed): writes three words at out (bytes used, data offset, data length) and returns 0, UNCHUNK_CHUNK, UNCHUNK_END or a negative error. end 1: the input has ended (sigv4_unchunk_finish, data and len ignored): 0 or the error", VERIFY) \
	X(sigv4w_public_key, "(akid, akid_len, secret, secret_len, out)", "SigV4a public key of a credential (sigv4a_public_key): 65 bytes at arena offset out, and the secret wiped", V4A) \
	X(sigv4w_verify_v4a, "(key, sts, sts_len, sig, sig_len)", "sigv4a_verify: 0 when the hex DER signature at sig is the key's (65 bytes at key) over the string to sign at sts", V4A)

enum {
#define SIGV4W_LIMIT_ENUM_(name, value, doc) SIGV4W_##name = value,
	SIGV4W_LIMITS(SIGV4W_LIMIT_ENUM_)
#undef SIGV4W_LIMIT_ENUM_
	SIGV4W_LIMITS_END_
};

enum {
#define SIGV4W_D_ENUM_(name, words, doc) D_##name, D_##name##_END_ = D_##name + (words) - 1,
	SIGV4W_DESCRIPTOR(SIGV4W_D_ENUM_)
#undef SIGV4W_D_ENUM_
	D_WORDS
};

enum {
#define SIGV4W_OUT_ENUM_(name, bytes, doc) OUT_##name, OUT_##name##_END_ = OUT_##name + (bytes) - 1,
	SIGV4W_OUTPUT(SIGV4W_OUT_ENUM_)
#undef SIGV4W_OUT_ENUM_
	OUT_HEADER
};

enum {
#define SIGV4W_CLAIM_ENUM_(name, words, doc) CLAIM_##name, CLAIM_##name##_END_ = CLAIM_##name + (words) - 1,
	SIGV4W_CLAIMS(SIGV4W_CLAIM_ENUM_)
#undef SIGV4W_CLAIM_ENUM_
	CLAIM_WORDS
};

enum {
#define SIGV4W_KIND_ENUM_(name, value, doc) STREAM_##name = value,
	SIGV4W_STREAM_KINDS(SIGV4W_KIND_ENUM_)
#undef SIGV4W_KIND_ENUM_
	STREAM_KINDS_END_
};

enum {
#define SIGV4W_SOUT_ENUM_(name, bytes, doc) SOUT_##name, SOUT_##name##_END_ = SOUT_##name + (bytes) - 1,
	SIGV4W_STREAM_OUT(SIGV4W_SOUT_ENUM_)
#undef SIGV4W_SOUT_ENUM_
	SOUT_BYTES
};

enum {
#define SIGV4W_HEAD_ENUM_(name, bytes, doc) HEAD_##name, HEAD_##name##_END_ = HEAD_##name + (bytes) - 1,
	SIGV4W_HEAD(SIGV4W_HEAD_ENUM_)
#undef SIGV4W_HEAD_ENUM_
	HEAD_BYTES
};

#endif
