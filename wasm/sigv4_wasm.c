/*
 * sigv4_wasm.c: the WebAssembly boundary. No signing logic lives here.
 *
 * JS writes a descriptor (abi.h) and the strings it points to into one
 * static arena and calls one operation. The shim checks that every
 * (offset, length) lies in the arena before the output, turns offsets into
 * pointers, calls the public C API and writes the output header.
 *
 * Secrets: the secret and any cached key are wiped from the arena as soon
 * as they have been used; the key struct on the stack too. The fresh
 * signing key written for JS to cache is wiped by JS after reading it.
 */
#include <string.h>

#include "abi.h"

typedef char sigv4w_key_bytes_match[sizeof(sigv4_key) == SIGV4W_KEY_BYTES ? 1 : -1];
typedef char sigv4w_descriptor_fits[D_WORDS * 4 <= SIGV4W_STRINGS_START ? 1 : -1];
typedef char sigv4w_state_fits[sizeof(sigv4_sha256) <= SIGV4W_HASH_STATE_BYTES ? 1 : -1];
typedef char sigv4w_checksum_state_fits[
	sizeof(sigv4_checksum) <= SIGV4W_CHECKSUM_STATE_BYTES ? 1 : -1];
typedef char sigv4w_unchunk_state_fits[
	sizeof(sigv4_unchunk) == SIGV4W_UNCHUNK_STATE_BYTES ? 1 : -1];

#define EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"

/* The exports (abi.h; JS calls them, no C caller). */
unsigned char *sigv4w_arena(void);
uint32_t sigv4w_arena_size(void);
int sigv4w_sign(void);
int sigv4w_presign(void);
int sigv4w_verify(void);
int sigv4w_query_wire(uint32_t query, uint32_t len, uint32_t flags, uint32_t out);
int sigv4w_public_key(uint32_t akid, uint32_t akid_len, uint32_t secret,
	uint32_t secret_len, uint32_t out);
int sigv4w_verify_v4a(uint32_t key, uint32_t sts, uint32_t sts_len,
	uint32_t sig, uint32_t sig_len);
int sigv4w_stream(uint32_t kind, uint32_t key, uint32_t date, uint32_t prev,
	uint32_t prev_len, uint32_t data, uint32_t count, uint32_t arg_lo,
	uint32_t arg_hi, uint32_t out);
int sigv4w_chunked_length(uint32_t decoded_lo, uint32_t decoded_hi,
	uint32_t chunk_size, uint32_t algorithm, uint32_t table, uint32_t count,
	uint32_t out);
int sigv4w_sha256_init(uint32_t state);
int sigv4w_sha256_update(uint32_t state, uint32_t data, uint32_t len);
int sigv4w_sha256_hex(uint32_t state, uint32_t out);
int sigv4w_checksum_init(uint32_t state, uint32_t algorithm);
int sigv4w_checksum_update(uint32_t state, uint32_t data, uint32_t len);
int sigv4w_checksum_digest(uint32_t state, uint32_t out);
int sigv4w_checksum_base64(uint32_t state, uint32_t out);
int sigv4w_unchunk_init(uint32_t state, uint32_t key, uint32_t date,
	uint32_t seed, uint32_t seed_len, uint32_t decoded_lo,
	uint32_t decoded_hi, uint32_t table, uint32_t count);
int sigv4w_unchunk_feed(uint32_t state, uint32_t data, uint32_t len,
	uint32_t end, uint32_t out);

static unsigned char arena[SIGV4W_ARENA_SIZE] __attribute__((aligned(16)));

unsigned char *
sigv4w_arena(void)
{
	return arena;
}

uint32_t
sigv4w_arena_size(void)
{
	return SIGV4W_ARENA_SIZE;
}

static uint32_t
word(uint32_t off)
{
	uint32_t v;

	memcpy(&v, arena + off, 4);
	return v;
}

static void
put_word(uint32_t off, uint32_t v)
{
	memcpy(arena + off, &v, 4);
}

/* A span [off, off+len) must lie inside the arena. */
static int
span_ok(uint32_t off, uint32_t len)
{
	return off <= SIGV4W_ARENA_SIZE && len <= SIGV4W_ARENA_SIZE - off;
}

/* One call: the request and parameters read from the descriptor, and
 * what the shim keeps alongside. */
typedef struct {
	uint32_t input_end;       /* the output offset: inputs end before */
	sigv4_request req;
	sigv4_params p;
	sigv4_str secret, cached, region, service, body, body_hash;
	uint32_t options;
	uint32_t algorithm;       /* SIGV4_ALG_* */
	int64_t seconds;
} call;

static int
str_at(const call *c, sigv4_str *s, uint32_t off, uint32_t len)
{
	if (!span_ok(off, len) || off + len > c->input_end) {
		return 0;
	}
	s->ptr = (const char *)arena + off;
	s->len = len;
	return 1;
}

static int
field(const call *c, sigv4_str *s, int w)
{
	return str_at(c, s, word((uint32_t)w * 4), word((uint32_t)w * 4 + 4));
}

/* A table of count entries of `words` u32 each, below the output. */
static int
table_ok(const call *c, uint32_t off, uint32_t count, uint32_t words)
{
	return (off & 3) == 0 && count <= SIGV4W_ARENA_SIZE / 4 / words
		&& span_ok(off, count * words * 4)
		&& off + count * words * 4 <= c->input_end;
}

static int
load_list(const call *c, sigv4_str *list, int w)
{
	uint32_t off = word((uint32_t)w * 4), n = word((uint32_t)w * 4 + 4), i;

	if (n > SIGV4W_MAX_LIST || !table_ok(c, off, n, 2)) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!str_at(c, &list[i], word(off + 8 * i), word(off + 8 * i + 4))) {
			return -1;
		}
	}
	return (int)n;
}

static int
load_headers(call *c, sigv4_header *headers)
{
	uint32_t off = word(D_HEADERS * 4), n = word(D_HEADERS * 4 + 4), i;

	if (n > SIGV4W_MAX_HEADERS || !table_ok(c, off, n, 4)) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		uint32_t e = off + 16 * i;

		if (!str_at(c, &headers[i].name, word(e), word(e + 4))
			|| !str_at(c, &headers[i].value, word(e + 8), word(e + 12)))
		{
			return 0;
		}
	}
	c->req.headers = headers;
	c->req.header_count = n;
	return 1;
}

/* The descriptor, checked: SIGV4_OK or SIGV4_ERR_ABI. */
static int
read_call(call *c, uint32_t presign)
{
	static sigv4_header headers[SIGV4W_MAX_HEADERS];
	static sigv4_str signed_list[SIGV4W_MAX_LIST];
	static sigv4_str unsigned_list[SIGV4W_MAX_LIST];
	uint32_t out = word(D_OUTPUT * 4);
	int ns, nu;

	memset(c, 0, sizeof *c);
	if (word(D_MAGIC * 4) != SIGV4W_MAGIC || (out & 7) != 0
		|| out < D_WORDS * 4 || out > SIGV4W_ARENA_SIZE
		|| SIGV4W_ARENA_SIZE - out < OUT_HEADER)
	{
		return SIGV4_ERR_ABI;
	}
	c->input_end = out;
	if (!field(c, &c->req.method, D_METHOD) || !field(c, &c->req.path, D_PATH)
		|| !field(c, &c->req.query, D_QUERY)
		|| !field(c, &c->p.access_key_id, D_AKID)
		|| !field(c, &c->secret, D_SECRET)
		|| !field(c, &c->p.session_token, D_TOKEN)
		|| !field(c, &c->region, D_REGION)
		|| !field(c, &c->service, D_SERVICE)
		|| !field(c, &c->p.payload_hash, D_PAYLOAD)
		|| !field(c, &c->body_hash, D_BODY_HASH)
		|| !field(c, &c->body, D_BODY) || !field(c, &c->cached, D_CACHED_KEY)
		|| !field(c, &c->p.region_set, D_REGION_SET)
		|| (c->cached.len != 0 && c->cached.len != SIGV4W_CACHED_KEY_BYTES)
		|| !load_headers(c, headers)
		|| (ns = load_list(c, signed_list, D_SIGNED)) < 0
		|| (nu = load_list(c, unsigned_list, D_UNSIGNED)) < 0)
	{
		return SIGV4_ERR_ABI;
	}
	c->p.signed_headers = signed_list;
	c->p.signed_header_count = (size_t)ns;
	c->p.unsigned_headers = unsigned_list;
	c->p.unsigned_header_count = (size_t)nu;
	/* The operation, not the flags, says whether to presign. */
	c->p.flags = (word(D_FLAGS * 4) & ~(uint32_t)SIGV4_PRESIGN) | presign;
	c->p.expires = word(D_EXPIRES * 4);
	c->options = word(D_OPTIONS * 4);
	c->algorithm = word(D_ALGORITHM * 4);
	c->seconds = (int64_t)(((uint64_t)word(D_TIME_HI * 4) << 32)
		| word(D_TIME_LO * 4));
	return SIGV4_OK;
}

/*
 * The payload hash signed: the caller's; else UNSIGNED-PAYLOAD where the
 * service presigns that way; else the body's hash, from JS (large bodies,
 * hashed in chunks) or computed here (small ones travel with the call).
 */
static void
payload_hash(call *c, uint32_t policy, char body_hex[64])
{
	sigv4_sha256 h;

	if (c->p.payload_hash.len > 0) {
		return;
	}
	if ((policy & SIGV4_PRESIGN) && (policy & SIGV4_UNSIGNED_PRESIGN)) {
		c->p.payload_hash.ptr = UNSIGNED_PAYLOAD;
		c->p.payload_hash.len = sizeof UNSIGNED_PAYLOAD - 1;
		return;
	}
	if (c->body_hash.len > 0) {
		c->p.payload_hash = c->body_hash;
		return;
	}
	if (c->body.len == 0) {
		memcpy(body_hex, EMPTY_SHA256, 64);
	} else {
		sigv4_sha256_init(&h);
		sigv4_sha256_update(&h, c->body.ptr, c->body.len);
		sigv4_sha256_hex(&h, body_hex);
	}
	c->p.payload_hash.ptr = body_hex;
	c->p.payload_hash.len = 64;
}

/* Names a secret without revealing it, so JS can key its cache of
 * signing keys by this instead of the plaintext. The label is short so
 * that with an AWS secret (40 bytes) it is one SHA-256 block, not two. */
#define KEY_ID_LABEL "sigv4w-kid"

static void
key_id(uint8_t out[32], sigv4_str secret)
{
	sigv4_sha256 h;

	sigv4_sha256_init(&h);
	sigv4_sha256_update(&h, KEY_ID_LABEL, sizeof KEY_ID_LABEL);
	sigv4_sha256_update(&h, secret.ptr, secret.len);
	sigv4_sha256_out(&h, out);
	sigv4_wipe(&h, sizeof h);
}

static int
ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	unsigned d = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		d |= (unsigned)(a[i] ^ b[i]);
	}
	return d == 0;
}

/* A cached key serves only the scope it was derived for (JS keys its
 * cache by scope too; this makes a mix-up impossible, not just unlikely). */
static int
same_scope(const sigv4_key *k, uint32_t algorithm, const char *amz_date,
	sigv4_str region, sigv4_str service)
{
	if (algorithm == SIGV4_ALG_ECDSA_P256) {
		region.len = 0;  /* SigV4a keys have no region */
	}
	return k->algorithm == algorithm && region.len <= SIGV4_SCOPE_PART_MAX
		&& service.len <= SIGV4_SCOPE_PART_MAX
		&& memcmp(k->date, amz_date, 8) == 0
		&& k->region_len == region.len && k->service_len == service.len
		&& memcmp(k->region, region.ptr, region.len) == 0
		&& memcmp(k->service, service.ptr, service.len) == 0;
}

/* A new key for the call's algorithm. */
static int
derive(sigv4_key *key, const call *c, const char amz_date[16])
{
	if (c->algorithm == SIGV4_ALG_HMAC_SHA256) {
		return sigv4_key_derive(key, c->secret.ptr, c->secret.len,
			amz_date, c->region, c->service);
	}
#if SIGV4W_V4A
	if (c->algorithm == SIGV4_ALG_ECDSA_P256) {
		return sigv4a_key_derive(key, c->p.access_key_id, c->secret.ptr,
			c->secret.len, amz_date, c->service);
	}
#endif
	memset(key, 0, sizeof *key);
	return SIGV4_ERR_KEY_ALGORITHM;  /* not in this module */
}

/* Whether the call brings what a key comes from: a secret, or a cached
 * key that JS vouches for (OPT_KEY_VOUCHED). */
static int
has_key(const call *c)
{
	return c->secret.len > 0 || (c->options & SIGV4W_OPT_KEY_VOUCHED);
}

/*
 * The key: the cached one if it was made from this secret and scope, else
 * derived anew and written to the output for JS to cache; the secret's id
 * goes to the output either way. Without a secret, the cached key that JS
 * vouches for, if it is of this scope. The secret and the cached key are
 * wiped from the arena in every case.
 */
static int
signing_key(sigv4_key *key, const call *c, const char amz_date[16])
{
	unsigned char *o = arena + c->input_end;
	uint8_t id[32];
	int err = SIGV4_ERR_SECRET, hit;

	if (c->secret.len == 0 && (c->options & SIGV4W_OPT_KEY_VOUCHED)
		&& c->cached.len == SIGV4W_CACHED_KEY_BYTES)
	{
		memcpy(key, c->cached.ptr, SIGV4W_KEY_BYTES);
		err = SIGV4_OK;
		if (!same_scope(key, c->algorithm, amz_date, c->region,
			c->service))
		{
			sigv4_wipe(key, sizeof *key);
			err = SIGV4_ERR_ABI;  /* JS keys its cache by scope */
		}
	} else if (c->secret.len > 0) {
		key_id(id, c->secret);
		memcpy(o + OUT_KEY_ID, id, 32);
		hit = c->cached.len == SIGV4W_CACHED_KEY_BYTES
			&& ct_equal(id, (const uint8_t *)c->cached.ptr
				+ SIGV4W_KEY_BYTES, 32);
		if (hit) {
			memcpy(key, c->cached.ptr, SIGV4W_KEY_BYTES);
			hit = same_scope(key, c->algorithm, amz_date, c->region,
				c->service);
		}
		err = SIGV4_OK;
		if (!hit) {
			err = derive(key, c, amz_date);
		}
		if (!hit && err == SIGV4_OK) {
			memcpy(o + OUT_KEY, key, SIGV4W_KEY_BYTES);
			put_word(c->input_end + OUT_KEY_NEW, 1);
		}
		sigv4_wipe(id, sizeof id);
	}
	sigv4_wipe((void *)(uintptr_t)c->secret.ptr, c->secret.len);
	sigv4_wipe((void *)(uintptr_t)c->cached.ptr, c->cached.len);
	return err;
}

/* sigv4a.wasm signs with either algorithm, by the key's (sigv4a_sign). */
#if SIGV4W_V4A
#define SIGN sigv4a_sign
#else
#define SIGN sigv4_sign
#endif

/*
 * After the output header: scratch, the head (X-Amz-Date and the payload
 * hash), the result, and, when capturing, the canonical request in the
 * second half of what is left. SIGV4_ERR_SCRATCH when it does not fit.
 */
static int
sign_into_output(call *c, const sigv4_key *key, const char amz_date[16],
	uint32_t policy)
{
	uint32_t out = c->input_end, room, result_off, result_cap;
	size_t scratch_need = sigv4_scratch_size(&c->req, &c->p), result_len = 0;
	unsigned char *o = arena + out, *head;
	sigv4_capture cap, *capture = NULL;
	int err;

	room = SIGV4W_ARENA_SIZE - out - OUT_HEADER;
	if (room < HEAD_BYTES || scratch_need > room - HEAD_BYTES) {
		return SIGV4_ERR_SCRATCH;
	}
	room -= (uint32_t)scratch_need + HEAD_BYTES;
	head = o + OUT_HEADER + scratch_need;
	memcpy(head + HEAD_DATE, amz_date, 16);
	memcpy(head + HEAD_PAYLOAD_HASH, c->p.payload_hash.ptr,
		c->p.payload_hash.len <= HEAD_BYTES - HEAD_PAYLOAD_HASH
			? c->p.payload_hash.len : HEAD_BYTES - HEAD_PAYLOAD_HASH);
	result_off = (uint32_t)(head - arena) + HEAD_BYTES;
	result_cap = room;
	if (c->options & SIGV4W_OPT_CAPTURE) {
		result_cap = room / 2;
		memset(&cap, 0, sizeof cap);
		cap.canonical_request = (char *)arena + result_off + result_cap;
		cap.canonical_request_cap = room - result_cap;
		cap.string_to_sign = (char *)o + OUT_STS;
		cap.string_to_sign_cap = OUT_STS_END_ + 1 - OUT_STS;
		capture = &cap;
	}
	put_word(out + OUT_RESULT_OFF, result_off);
	put_word(out + OUT_CREQ_OFF, result_off + result_cap);
	put_word(out + OUT_POLICY, policy);
	put_word(out + OUT_PAYLOAD_LEN, (uint32_t)c->p.payload_hash.len);
	err = SIGN((char *)arena + result_off, result_cap, &result_len,
		key, &c->req, &c->p, o + OUT_HEADER, scratch_need, capture);
	put_word(out + OUT_RESULT_LEN, (uint32_t)result_len);
	if (capture != NULL) {
		put_word(out + OUT_CREQ_LEN, (uint32_t)cap.canonical_request_len);
		put_word(out + OUT_STS_LEN, (uint32_t)cap.string_to_sign_len);
	}
	return err;
}

/* One signature (abi.h). Returns SIGV4_OK or a SIGV4_ERR_* code. */
static int
sign_call(uint32_t presign)
{
	char amz_date[16], body_hex[64];
	uint32_t policy;
	sigv4_key key;
	unsigned char *o;
	call c;
	int err;

	if ((err = read_call(&c, presign)) != SIGV4_OK) {
		return err;
	}
	o = arena + c.input_end;
	/* The words JS reads; the string to sign and the key after them are
	 * read only when the words say they were written. */
	memset(o, 0, OUT_STS);
	if ((err = sigv4_policy(&policy, c.service, c.p.flags)) != SIGV4_OK
		|| (err = sigv4_amz_date(amz_date, c.seconds)) != SIGV4_OK)
	{
		/* The secret is not used: wipe it all the same. */
		sigv4_wipe((void *)(uintptr_t)c.secret.ptr, c.secret.len);
		sigv4_wipe((void *)(uintptr_t)c.cached.ptr, c.cached.len);
		return err;
	}
	payload_hash(&c, policy, body_hex);
	c.p.amz_date.ptr = amz_date;
	c.p.amz_date.len = 16;
	if ((err = signing_key(&key, &c, amz_date)) == SIGV4_OK) {
		err = sign_into_output(&c, &key, amz_date, policy);
	}
	sigv4_wipe(&key, sizeof key);
	if (err != SIGV4_OK) {
		sigv4_wipe(o + OUT_KEY, SIGV4W_CACHED_KEY_BYTES);
		put_word(c.input_end + OUT_KEY_NEW, 0);
	}
	return err;
}

/*
 * BearSSL's SHA-256 round keeps its message schedule in a stack array it
 * does not wipe. While the HMAC pads of kSigning are made, that schedule
 * is kSigning xor the pad: a call that stops right after (a bad header
 * found by C) would leave it in wasm memory (tests/js/memory.test.js).
 * Every signing export ends by wiping this much stack below its frame:
 * more in sigv4a.wasm, where ECDSA's big-integer and HMAC_DRBG states
 * (derived from the private key) live on the stack too.
 */
#if SIGV4W_V4A
#define STACK_BURN 32768
#else
#define STACK_BURN 4096
#endif

__attribute__((noinline)) static void
burn_stack(void)
{
	unsigned char below[STACK_BURN];

	sigv4_wipe(below, sizeof below);
}

int
sigv4w_sign(void)
{
	int err = sign_call(0);

	burn_stack();
	return err;
}

int
sigv4w_presign(void)
{
	int err = sign_call(SIGV4_PRESIGN);

	burn_stack();
	return err;
}

/* ------------------------------------------------------------------ */
/* Verifying a received request (sigv4.h "Verifying", ABI.md).         */

static void
drop_secret(const call *c)
{
	sigv4_wipe((void *)(uintptr_t)c->secret.ptr, c->secret.len);
	sigv4_wipe((void *)(uintptr_t)c->cached.ptr, c->cached.len);
}

/* A string of the claims: its length in the record, its bytes at *text. */
static void
put_claim(uint32_t rec, int at, sigv4_str s, uint32_t *text)
{
	put_word(rec + 4 * (uint32_t)at, (uint32_t)s.len);
	memmove(arena + *text, s.ptr, s.len);
	*text += (uint32_t)s.len;
}

/* The claims record (abi.h CLAIMS) at rec, its strings after it (room:
 * the request's size, which holds each of them); its length. */
static uint32_t
write_claims(uint32_t rec, const sigv4_auth *a)
{
	uint32_t text = rec + 4 * CLAIM_WORDS;

	put_word(rec + 4 * CLAIM_ALGORITHM, a->algorithm);
	put_word(rec + 4 * CLAIM_PRESIGNED, a->presigned);
	put_word(rec + 4 * CLAIM_EXPIRES, a->expires);
	put_word(rec + 4 * CLAIM_TOKEN_SIGNED, a->token_signed);
	put_word(rec + 4 * CLAIM_POLICY, a->policy);
	put_word(rec + 4 * CLAIM_TIME_LO, (uint32_t)(uint64_t)a->time);
	put_word(rec + 4 * CLAIM_TIME_HI, (uint32_t)((uint64_t)a->time >> 32));
	put_claim(rec, CLAIM_ACCESS_KEY_ID, a->access_key_id, &text);
	put_claim(rec, CLAIM_DATE, a->date, &text);
	put_claim(rec, CLAIM_REGION, a->region, &text);
	put_claim(rec, CLAIM_SERVICE, a->service, &text);
	put_claim(rec, CLAIM_AMZ_DATE, a->amz_date, &text);
	put_claim(rec, CLAIM_SIGNED_HEADERS, a->signed_headers, &text);
	put_claim(rec, CLAIM_SIGNATURE, a->signature, &text);
	put_claim(rec, CLAIM_SESSION_TOKEN, a->session_token, &text);
	put_claim(rec, CLAIM_REGION_SET, a->region_set, &text);
	put_claim(rec, CLAIM_CONTENT_SHA256, a->content_sha256, &text);
	return text - rec;
}

/* The signature checked with the key of the claimed scope. */
static int
verify_signature(const sigv4_key *key, const call *c, const sigv4_auth *a,
	sigv4_str body, void *scratch, size_t scratch_len,
	sigv4_capture *capture)
{
	uint32_t allow = ((c->options & SIGV4W_OPT_UNSIGNED_PAYLOAD)
			? SIGV4_ALLOW_UNSIGNED_PAYLOAD : 0)
		| ((c->options & SIGV4W_OPT_STREAMING) ? SIGV4_ALLOW_STREAMING : 0);
#if SIGV4W_V4A
	uint8_t pub[SIGV4A_PUBLIC_KEY_SIZE];
	int err;

	if (key->algorithm == SIGV4_ALG_ECDSA_P256) {
		if ((err = sigv4a_public_key(pub, key)) == SIGV4_OK) {
			err = sigv4a_verify_request(pub, &c->req, a, body, allow,
				scratch, scratch_len, capture);
		}
		return err;
	}
#endif
	return sigv4_verify(key, &c->req, a, body, allow, scratch, scratch_len,
		capture);
}

/* After the output header: the decoded X-Amz-* values, the claims, the
 * scratch, and the captured canonical request. */
static int
verify_call(void)
{
	char body_hex[64];
	sigv4_str body;
	sigv4_auth a;
	sigv4_key key;
	sigv4_capture cap, *capture = NULL;
	uint32_t out, buf, rec, scratch, creq;
	size_t scratch_len;
	call c;
	int err;

	if ((err = read_call(&c, 0)) != SIGV4_OK) {
		return err;
	}
	out = c.input_end;
	memset(arena + out, 0, OUT_HEADER);
	buf = out + OUT_HEADER;
	rec = (buf + (uint32_t)c.req.query.len + 7) & ~7u;
	/* The claims' strings are parts of the request: their total is at
	 * most its size (each comes from a distinct header or parameter). */
	scratch = (rec + 4 * CLAIM_WORDS + c.input_end + 7) & ~7u;
	scratch_len = sigv4_verify_scratch_size(&c.req);
	creq = scratch + (uint32_t)scratch_len;
	if (!span_ok(buf, creq - buf)) {
		drop_secret(&c);
		return SIGV4_ERR_SCRATCH;
	}
	put_word(out + OUT_CREQ_OFF, creq);  /* where a capture goes */
	err = sigv4_auth_parse(&a, &c.req, c.p.flags, (char *)arena + buf,
		c.req.query.len);
	if (err == SIGV4_OK) {
		put_word(out + OUT_RESULT_OFF, rec);
		put_word(out + OUT_RESULT_LEN, write_claims(rec, &a));
		put_word(out + OUT_POLICY, a.policy);
		err = sigv4_auth_check_time(&a, c.seconds, c.p.expires);
	}
	if (err != SIGV4_OK || !has_key(&c)) {
		drop_secret(&c);
		return err;
	}
	if (c.p.access_key_id.len != a.access_key_id.len
		|| memcmp(c.p.access_key_id.ptr, a.access_key_id.ptr,
			a.access_key_id.len) != 0)
	{
		drop_secret(&c);
		return SIGV4_ERR_AUTH;
	}
	body = c.body_hash;
	if (body.len == 0 && c.body.len == 0) {
		body.ptr = EMPTY_SHA256;
		body.len = 64;
	} else if (body.len == 0) {
		sigv4_sha256 h;

		sigv4_sha256_init(&h);
		sigv4_sha256_update(&h, c.body.ptr, c.body.len);
		sigv4_sha256_hex(&h, body_hex);
		body.ptr = body_hex;
		body.len = 64;
	}
	if (c.options & SIGV4W_OPT_CAPTURE) {
		memset(&cap, 0, sizeof cap);
		cap.canonical_request = (char *)arena + creq;
		cap.canonical_request_cap = SIGV4W_ARENA_SIZE - creq;
		cap.string_to_sign = (char *)arena + out + OUT_STS;
		cap.string_to_sign_cap = OUT_STS_END_ + 1 - OUT_STS;
		capture = &cap;
	}
	c.region = a.region;
	c.service = a.service;
	c.algorithm = a.algorithm;
	c.p.access_key_id = a.access_key_id;
	if ((err = signing_key(&key, &c, a.amz_date.ptr)) == SIGV4_OK) {
		err = verify_signature(&key, &c, &a, body, arena + scratch,
			scratch_len, capture);
	}
	sigv4_wipe(&key, sizeof key);
	if (capture != NULL) {
		put_word(out + OUT_CREQ_LEN, (uint32_t)cap.canonical_request_len);
		put_word(out + OUT_STS_LEN, (uint32_t)cap.string_to_sign_len);
	}
	if (err != SIGV4_OK && err != SIGV4_ERR_SIGNATURE_MISMATCH) {
		sigv4_wipe(arena + out + OUT_KEY, SIGV4W_CACHED_KEY_BYTES);
		put_word(out + OUT_KEY_NEW, 0);
	}
	return err;
}

int
sigv4w_verify(void)
{
	int err = verify_call();

	burn_stack();
	return err;
}

/* Incremental SHA-256 and checksums whose state lives where JS says, so
 * several can be in progress at once (JS saves and restores states). */
static int
state_ok(uint32_t state, uint32_t size)
{
	return (state & 7) == 0 && span_ok(state, size);
}

int
sigv4w_sha256_init(uint32_t state)
{
	if (!state_ok(state, SIGV4W_HASH_STATE_BYTES)) {
		return SIGV4_ERR_ABI;
	}
	sigv4_sha256_init((sigv4_sha256 *)(void *)(arena + state));
	return SIGV4_OK;
}

int
sigv4w_sha256_update(uint32_t state, uint32_t data, uint32_t len)
{
	if (!state_ok(state, SIGV4W_HASH_STATE_BYTES) || !span_ok(data, len)) {
		return SIGV4_ERR_ABI;
	}
	sigv4_sha256_update((sigv4_sha256 *)(void *)(arena + state),
		arena + data, len);
	return SIGV4_OK;
}

int
sigv4w_sha256_hex(uint32_t state, uint32_t out)
{
	if (!state_ok(state, SIGV4W_HASH_STATE_BYTES) || !span_ok(out, 64)) {
		return SIGV4_ERR_ABI;
	}
	sigv4_sha256_hex((const sigv4_sha256 *)(const void *)(arena + state),
		(char *)arena + out);
	return SIGV4_OK;
}

#define CHECKSUM(state) ((sigv4_checksum *)(void *)(arena + (state)))

int
sigv4w_checksum_init(uint32_t state, uint32_t algorithm)
{
	if (!state_ok(state, SIGV4W_CHECKSUM_STATE_BYTES)) {
		return SIGV4_ERR_ABI;
	}
	return sigv4_checksum_init(CHECKSUM(state),
		algorithm < SIGV4_CHECKSUM_END_ ? (int)algorithm : -1);
}

int
sigv4w_checksum_update(uint32_t state, uint32_t data, uint32_t len)
{
	if (!state_ok(state, SIGV4W_CHECKSUM_STATE_BYTES) || !span_ok(data, len)) {
		return SIGV4_ERR_ABI;
	}
	sigv4_checksum_update(CHECKSUM(state), arena + data, len);
	return SIGV4_OK;
}

/* The digest (base64 == 0) or its base64 at out: its length, or an error.
 * One call of sigv4_checksum_out() for both, so the module has one copy. */
static int
checksum_out(uint32_t state, uint32_t out, int base64)
{
	uint8_t digest[SIGV4_CHECKSUM_MAX];
	size_t n = 0;
	int err;

	if (!state_ok(state, SIGV4W_CHECKSUM_STATE_BYTES) || !span_ok(out,
		base64 ? SIGV4_CHECKSUM_BASE64_MAX : SIGV4_CHECKSUM_MAX))
	{
		return SIGV4_ERR_ABI;
	}
	err = sigv4_checksum_out(CHECKSUM(state), digest, &n);
	if (err < 0) {
		return err;
	}
	if (base64) {
		return (int)sigv4_base64((char *)arena + out, digest, n);
	}
	memcpy(arena + out, digest, n);
	return (int)n;
}

int
sigv4w_checksum_digest(uint32_t state, uint32_t out)
{
	return checksum_out(state, out, 0);
}

int
sigv4w_checksum_base64(uint32_t state, uint32_t out)
{
	return checksum_out(state, out, 1);
}

int
sigv4w_query_wire(uint32_t query, uint32_t len, uint32_t flags, uint32_t out)
{
	size_t written = 0;
	int rc;

	if (len > SIGV4W_ARENA_SIZE / 3 || !span_ok(query, len)
		|| !span_ok(out, 3 * len))
	{
		return SIGV4_ERR_ABI;
	}
	rc = sigv4_query_wire((char *)arena + out, 3 * len, &written,
		(const char *)arena + query, len, flags);
	return rc < 0 ? rc : (int)written;
}

#if SIGV4W_V4A
int
sigv4w_public_key(uint32_t akid, uint32_t akid_len, uint32_t secret,
	uint32_t secret_len, uint32_t out)
{
	static const sigv4_str service = { "s3", 2 };
	sigv4_key key;
	sigv4_str id;
	int err = SIGV4_ERR_ABI;

	if (span_ok(akid, akid_len) && span_ok(secret, secret_len)
		&& span_ok(out, SIGV4A_PUBLIC_KEY_SIZE))
	{
		id.ptr = (const char *)arena + akid;
		id.len = akid_len;
		/* The date and service are a formality: the key pair is the
		 * credential's alone. */
		err = sigv4a_key_derive(&key, id, arena + secret, secret_len,
			"20000101", service);
		if (err == SIGV4_OK) {
			err = sigv4a_public_key(arena + out, &key);
		}
		sigv4_wipe(&key, sizeof key);
	}
	if (span_ok(secret, secret_len)) {
		sigv4_wipe(arena + secret, secret_len);
	}
	burn_stack();
	return err;
}

int
sigv4w_verify_v4a(uint32_t key, uint32_t sts, uint32_t sts_len, uint32_t sig,
	uint32_t sig_len)
{
	sigv4_str s, g;

	if (!span_ok(key, SIGV4A_PUBLIC_KEY_SIZE) || !span_ok(sts, sts_len)
		|| !span_ok(sig, sig_len))
	{
		return SIGV4_ERR_ABI;
	}
	s.ptr = (const char *)arena + sts;
	s.len = sts_len;
	g.ptr = (const char *)arena + sig;
	g.len = sig_len;
	return sigv4a_verify(arena + key, s, g);
}
#endif

/* ------------------------------------------------------------------ */
/* Streaming: chunk, trailer and event signatures, aws-chunked framing. */

/* count entries of 4 words (name offset, length, value offset, length),
 * as HEADERS, into t. */
static int
load_trailers(sigv4_header *t, uint32_t off, uint32_t count)
{
	uint32_t i;

	if (count > SIGV4W_TRAILERS_MAX || (off & 3) != 0
		|| !span_ok(off, count * 16))
	{
		return 0;
	}
	for (i = 0; i < count; i++) {
		uint32_t e = off + 16 * i, n = word(e + 4), v = word(e + 12);

		if (!span_ok(word(e), n) || !span_ok(word(e + 8), v)) {
			return 0;
		}
		t[i].name.ptr = (const char *)arena + word(e);
		t[i].name.len = n;
		t[i].value.ptr = (const char *)arena + word(e + 8);
		t[i].value.len = v;
	}
	return 1;
}

/* The key JS passed (then wiped from the arena), if it is one this
 * module signs with. */
static int
stream_key(sigv4_key *key, uint32_t at)
{
	if (!span_ok(at, SIGV4W_KEY_BYTES)) {
		return SIGV4_ERR_ABI;
	}
	memcpy(key, arena + at, SIGV4W_KEY_BYTES);
	sigv4_wipe(arena + at, SIGV4W_KEY_BYTES);
#if SIGV4W_V4A
	return key->algorithm < SIGV4_ALG_END_ ? SIGV4_OK : SIGV4_ERR_ABI;
#else
	return key->algorithm == SIGV4_ALG_HMAC_SHA256
		? SIGV4_OK : SIGV4_ERR_KEY_ALGORITHM;
#endif
}

/* The string to sign of one piece, signed into sig. */
static int
stream_signature(char sig[SIGV4A_SIGNATURE_HEX_MAX], size_t *sig_len,
	const sigv4_key *key, uint32_t kind, sigv4_str date, sigv4_str prev,
	uint32_t data, const sigv4_header *trailers, uint32_t count,
	int64_t ms)
{
	char sts[SIGV4_STREAM_STRING_TO_SIGN_MAX];
	const uint8_t *hash = arena + data;
	sigv4_str s = { sts, 0 };
	int err;

	if (kind == STREAM_STRING) {
		s.ptr = (const char *)arena + data;
		s.len = count;
		err = SIGV4_OK;
	} else if (kind == STREAM_CHUNK) {
		err = sigv4_chunk_string_to_sign(sts, &s.len, key, date, prev, hash);
	} else if (kind == STREAM_TRAILER) {
		err = sigv4_trailer_string_to_sign(sts, &s.len, key, date, prev,
			trailers, count);
	} else {
		err = sigv4_event_string_to_sign(sts, &s.len, key, date, prev, ms,
			hash);
	}
	if (err != SIGV4_OK) {
		return err;
	}
#if SIGV4W_V4A
	if (key->algorithm == SIGV4_ALG_ECDSA_P256) {
		return sigv4a_signature(sig, sig_len, key, s);
	}
#endif
	return sigv4_signature(sig, sig_len, key, s);
}

static int
stream_call(uint32_t kind, uint32_t key_at, uint32_t date, uint32_t prev,
	uint32_t prev_len, uint32_t data, uint32_t count, uint32_t arg_lo,
	uint32_t arg_hi, uint32_t out)
{
	static sigv4_header trailers[SIGV4W_TRAILERS_MAX];
	sigv4_str sig = { NULL, 0 }, p, d;
	size_t width = 0, frame_len = 0, sig_len = 0;
	char *frame = (char *)arena + out + SOUT_BYTES;
	sigv4_key key;
	int err = SIGV4_OK;

	if (kind >= STREAM_KINDS_END_ || (out & 3) != 0
		|| !span_ok(out, SOUT_BYTES + SIGV4_CHUNK_HEADER_MAX)
		|| !span_ok(date, SIGV4_AMZ_DATE_LEN) || !span_ok(prev, prev_len)
		|| (kind == STREAM_TRAILER ? !load_trailers(trailers, data, count)
			: !span_ok(data, kind == STREAM_STRING ? count : 32)))
	{
		return SIGV4_ERR_ABI;
	}
	memset(arena + out, 0, SOUT_BYTES);
	/* Without trailers the block is CRLF alone: nothing to sign. */
	if (key_at != 0 && kind == STREAM_TRAILER && count == 0) {
		sigv4_wipe(arena + key_at, SIGV4W_KEY_BYTES);
		key_at = 0;
	}
	if (key_at != 0) {
		if ((err = stream_key(&key, key_at)) == SIGV4_OK) {
			p.ptr = (const char *)arena + prev;
			p.len = prev_len;
			d.ptr = (const char *)arena + date;
			d.len = SIGV4_AMZ_DATE_LEN;
			err = stream_signature((char *)arena + out + SOUT_SIGNATURE,
				&sig_len, &key, kind, d, p, data, trailers, count,
				(int64_t)(((uint64_t)arg_hi << 32) | arg_lo));
			width = sigv4_chunk_signature_width(key.algorithm);
		}
		sigv4_wipe(&key, sizeof key);
		if (err != SIGV4_OK) {
			return err;
		}
		sig.ptr = (const char *)arena + out + SOUT_SIGNATURE;
		sig.len = sig_len;
	} else if (kind == STREAM_EVENT || kind == STREAM_STRING) {
		return SIGV4_ERR_ABI;  /* nothing to frame: always signed */
	}
	if (kind == STREAM_CHUNK) {
		frame_len = sigv4_chunk_header(frame, arg_lo, sig, width);
	} else if (kind == STREAM_TRAILER) {
		err = sigv4_trailer_block(frame, SIGV4W_ARENA_SIZE - out - SOUT_BYTES,
			&frame_len, trailers, count, sig, width);
	}
	put_word(out + SOUT_SIG_LEN, (uint32_t)sig_len);
	put_word(out + SOUT_FRAME_LEN, (uint32_t)frame_len);
	return err;
}

int
sigv4w_stream(uint32_t kind, uint32_t key, uint32_t date, uint32_t prev,
	uint32_t prev_len, uint32_t data, uint32_t count, uint32_t arg_lo,
	uint32_t arg_hi, uint32_t out)
{
	int err = stream_call(kind, key, date, prev, prev_len, data, count,
		arg_lo, arg_hi, out);

	burn_stack();
	return err;
}

int
sigv4w_chunked_length(uint32_t decoded_lo, uint32_t decoded_hi,
	uint32_t chunk_size, uint32_t algorithm, uint32_t table, uint32_t count,
	uint32_t out)
{
	static sigv4_header trailers[SIGV4W_TRAILERS_MAX];
	uint64_t len = 0;
	int err;

	if ((out & 3) != 0 || !span_ok(out, 8)
		|| !load_trailers(trailers, table, count)
		|| (algorithm != SIGV4W_UNSIGNED && algorithm >= SIGV4_ALG_END_))
	{
		return SIGV4_ERR_ABI;
	}
	err = sigv4_chunked_length(&len,
		((uint64_t)decoded_hi << 32) | decoded_lo, chunk_size,
		sigv4_chunk_signature_width(algorithm == SIGV4W_UNSIGNED
			? -1 : (int)algorithm), trailers, count);
	put_word(out, (uint32_t)len);
	put_word(out + 4, (uint32_t)(len >> 32));
	return err;
}

/* ------------------------------------------------------------------ */
/* Verifying aws-chunked bodies: the decoder's state lives where JS says
 * (JS keeps it between calls, as the hash states). sigv4a.wasm decodes
 * SigV4a bodies too. */

#if SIGV4W_V4A
#define UNCHUNK_INIT sigv4a_unchunk_init
#define UNCHUNK_FEED sigv4a_unchunk_feed
#else
#define UNCHUNK_INIT sigv4_unchunk_init
#define UNCHUNK_FEED sigv4_unchunk_feed
#endif
#define UNCHUNK(state) ((sigv4_unchunk *)(void *)(arena + (state)))

static int
unchunk_init(uint32_t state, uint32_t key_at, uint32_t date, uint32_t seed,
	uint32_t seed_len, uint64_t decoded, uint32_t table, uint32_t count)
{
	static sigv4_str names[SIGV4W_TRAILERS_MAX];
	sigv4_str d = { (const char *)arena + date, SIGV4_AMZ_DATE_LEN };
	sigv4_str s = { (const char *)arena + seed, seed_len };
	sigv4_key key;
	uint32_t i;
	int err;

	if (!state_ok(state, SIGV4W_UNCHUNK_STATE_BYTES)
		|| !span_ok(date, SIGV4_AMZ_DATE_LEN) || !span_ok(seed, seed_len)
		|| count > SIGV4W_TRAILERS_MAX || (table & 3) != 0
		|| !span_ok(table, count * 8))
	{
		return SIGV4_ERR_ABI;
	}
	for (i = 0; i < count; i++) {
		uint32_t off = word(table + 8 * i), n = word(table + 8 * i + 4);

		if (!span_ok(off, n)) {
			return SIGV4_ERR_ABI;
		}
		names[i].ptr = (const char *)arena + off;
		names[i].len = n;
	}
	if (key_at == 0) {
		return UNCHUNK_INIT(UNCHUNK(state), NULL, d, s, decoded, names, count);
	}
	if ((err = stream_key(&key, key_at)) == SIGV4_OK) {
		err = UNCHUNK_INIT(UNCHUNK(state), &key, d, s, decoded, names, count);
	}
	sigv4_wipe(&key, sizeof key);
	return err;
}

int
sigv4w_unchunk_init(uint32_t state, uint32_t key, uint32_t date,
	uint32_t seed, uint32_t seed_len, uint32_t decoded_lo,
	uint32_t decoded_hi, uint32_t table, uint32_t count)
{
	int err = unchunk_init(state, key, date, seed, seed_len,
		((uint64_t)decoded_hi << 32) | decoded_lo, table, count);

	burn_stack();
	return err;
}

int
sigv4w_unchunk_feed(uint32_t state, uint32_t data, uint32_t len,
	uint32_t end, uint32_t out)
{
	sigv4_str d = { NULL, 0 };
	size_t used = 0;
	int rc;

	if (!state_ok(state, SIGV4W_UNCHUNK_STATE_BYTES) || (out & 3) != 0
		|| !span_ok(out, 12) || !span_ok(data, len))
	{
		return SIGV4_ERR_ABI;
	}
	rc = end ? sigv4_unchunk_finish(UNCHUNK(state))
		: UNCHUNK_FEED(UNCHUNK(state), arena + data, len, &used, &d);
	put_word(out, (uint32_t)used);
	put_word(out + 4, d.len > 0 ? (uint32_t)((const unsigned char *)d.ptr - arena) : 0);
	put_word(out + 8, (uint32_t)d.len);
	burn_stack();
	return rc;
}
