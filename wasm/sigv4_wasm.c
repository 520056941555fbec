/*
 * sigv4_wasm.c: the WebAssembly boundary. No signing logic lives here.
 *
 * JS writes a descriptor of u32 words (layout in ABI.md) and the strings
 * it points to into one static arena, makes one call, and reads the
 * result back. The shim only checks that every (offset, length) lies in
 * the arena, turns offsets into pointers and calls the public C API.
 *
 * Secrets: the secret and any cached key are wiped from the arena as soon
 * as they have been used; the key struct on the stack too. The fresh
 * signing key written for JS to cache is wiped by JS after reading it.
 */
#include <string.h>

#include "sigv4.h"

#define ARENA_SIZE (1024u * 1024u)
#define ABI_MAGIC 0x53563403u         /* "SV4", version 3 */

/* Output header: see ABI.md. */
#define OUT_RESULT_LEN 0
#define OUT_CREQ_LEN 4
#define OUT_STS_LEN 8
#define OUT_KEY_NEW 12
#define OUT_RESULT_OFF 16
#define OUT_CREQ_OFF 20
#define OUT_STS 32
#define OUT_STS_CAP 320
#define OUT_KEY (OUT_STS + OUT_STS_CAP)
#define OUT_KEY_ID (OUT_KEY + KEY_BYTES)
#define OUT_HEADER (OUT_KEY_ID + 32 + 8)

/* Right before the result: X-Amz-Date (16) and the payload hash C
 * computed (64), so that JS reads all three with one decode. */
#define HEAD_DATE 0
#define HEAD_PAYLOAD_HASH 16
#define HEAD_BYTES 80

/* JS caches the whole key struct (key, HMAC pads, scope) plus the id of
 * the secret it came from: a cache hit then costs no key derivation, only
 * the key id's one SHA-256 block. */
#define KEY_BYTES 232
typedef char sigv4w_key_bytes_match[sizeof(sigv4_key) == KEY_BYTES ? 1 : -1];
#define CACHED_BYTES (KEY_BYTES + 32)

#define OPT_CAPTURE 1u

#define EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* Words of the descriptor. */
enum {
	D_MAGIC, D_FLAGS, D_EXPIRES, D_OPTIONS, D_TIME_LO, D_TIME_HI,
	D_METHOD, D_PATH = D_METHOD + 2, D_QUERY = D_PATH + 2,
	D_AKID = D_QUERY + 2, D_SECRET = D_AKID + 2, D_TOKEN = D_SECRET + 2,
	D_REGION = D_TOKEN + 2, D_SERVICE = D_REGION + 2,
	D_PAYLOAD = D_SERVICE + 2, D_BODY = D_PAYLOAD + 2,
	D_CACHED_KEY = D_BODY + 2,
	D_HEADERS = D_CACHED_KEY + 2, D_SIGNED = D_HEADERS + 2,
	D_UNSIGNED = D_SIGNED + 2, D_OUTPUT = D_UNSIGNED + 2,
	D_WORDS
};

#define MAX_LIST 256                  /* header names in a policy list */
#define MAX_HEADERS 4096

/* The exports (listed in CMakeLists.txt; JS calls them, no C caller). */
unsigned char *sigv4w_arena(void);
uint32_t sigv4w_arena_size(void);
int sigv4w_sign(void);
int sigv4w_sha256_init(uint32_t state);
int sigv4w_sha256_update(uint32_t state, uint32_t data, uint32_t len);
int sigv4w_sha256_hex(uint32_t state, uint32_t out);

static unsigned char arena[ARENA_SIZE] __attribute__((aligned(16)));

unsigned char *
sigv4w_arena(void)
{
	return arena;
}

uint32_t
sigv4w_arena_size(void)
{
	return ARENA_SIZE;
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
	return off <= ARENA_SIZE && len <= ARENA_SIZE - off;
}

/* Where the output starts: inputs must end before it. */
static uint32_t input_end;

static int
str_at(sigv4_str *s, uint32_t off, uint32_t len)
{
	if (!span_ok(off, len) || off + len > input_end) {
		return 0;
	}
	s->ptr = (const char *)arena + off;
	s->len = len;
	return 1;
}

static int
field(sigv4_str *s, int w)
{
	return str_at(s, word((uint32_t)w * 4), word((uint32_t)w * 4 + 4));
}

/* A table of count entries of `words` u32 each; strings (off, len). */
static int
table_ok(uint32_t off, uint32_t count, uint32_t words)
{
	return (off & 3) == 0 && count <= ARENA_SIZE / 4 / words
		&& span_ok(off, count * words * 4) && off + count * words * 4 <= input_end;
}

static int
load_list(sigv4_str *list, int w)
{
	uint32_t off = word((uint32_t)w * 4), n = word((uint32_t)w * 4 + 4), i;

	if (n > MAX_LIST || !table_ok(off, n, 2)) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!str_at(&list[i], word(off + 8 * i), word(off + 8 * i + 4))) {
			return -1;
		}
	}
	return (int)n;
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
same_scope(const sigv4_key *k, const char *amz_date, sigv4_str region,
	sigv4_str service)
{
	return region.len <= SIGV4_SCOPE_PART_MAX
		&& service.len <= SIGV4_SCOPE_PART_MAX
		&& memcmp(k->date, amz_date, 8) == 0
		&& k->region_len == region.len && k->service_len == service.len
		&& memcmp(k->region, region.ptr, region.len) == 0
		&& memcmp(k->service, service.ptr, service.len) == 0;
}

/*
 * BearSSL's SHA-256 round keeps its message schedule in a stack array it
 * does not wipe. While the HMAC pads of kSigning are made, that schedule
 * is kSigning xor the pad: a call that stops right after (a bad header
 * found by C) left it in wasm memory. 1-1.3 KiB below this frame at the
 * time of writing (tests/js/memory.test.js finds it otherwise); 4 KiB
 * leaves room for deeper call chains.
 */
#define STACK_BURN 4096

__attribute__((noinline)) static void
burn_stack(void)
{
	unsigned char below[STACK_BURN];

	sigv4_wipe(below, sizeof below);
}

static int sign_call(void);

int
sigv4w_sign(void)
{
	int err = sign_call();

	burn_stack();
	return err;
}

/* One signature: see ABI.md. Returns SIGV4_OK or a SIGV4_ERR_* code. */
static int
sign_call(void)
{
	static sigv4_header headers[MAX_HEADERS];
	static sigv4_str signed_list[MAX_LIST], unsigned_list[MAX_LIST];
	sigv4_request req;
	sigv4_params p;
	sigv4_capture cap, *capture = NULL;
	sigv4_str secret, cached, region, service, body;
	char body_hash[64];
	sigv4_key key;
	uint8_t id[32];
	char amz_date[16];
	uint32_t hoff, hcount, out, cap_total, result_cap, result_off, i;
	unsigned char *o, *head;
	int hashed_body = 0;
	size_t scratch_need, result_len = 0, scratch_off;
	int64_t seconds;
	int n, err;

	if (word(D_MAGIC * 4) != ABI_MAGIC) {
		return SIGV4_ERR_ABI;
	}
	out = word(D_OUTPUT * 4);
	if ((out & 7) != 0 || out < D_WORDS * 4 || out > ARENA_SIZE
		|| ARENA_SIZE - out < OUT_HEADER)
	{
		return SIGV4_ERR_ABI;
	}
	input_end = out;
	memset(&req, 0, sizeof req);
	memset(&p, 0, sizeof p);
	if (!field(&req.method, D_METHOD) || !field(&req.path, D_PATH)
		|| !field(&req.query, D_QUERY) || !field(&p.access_key_id, D_AKID)
		|| !field(&secret, D_SECRET) || !field(&p.session_token, D_TOKEN)
		|| !field(&region, D_REGION) || !field(&service, D_SERVICE)
		|| !field(&p.payload_hash, D_PAYLOAD) || !field(&body, D_BODY)
		|| !field(&cached, D_CACHED_KEY)
		|| (cached.len != 0 && cached.len != CACHED_BYTES))
	{
		return SIGV4_ERR_ABI;
	}
	hoff = word(D_HEADERS * 4);
	hcount = word(D_HEADERS * 4 + 4);
	if (hcount > MAX_HEADERS || !table_ok(hoff, hcount, 4)) {
		return SIGV4_ERR_ABI;
	}
	for (i = 0; i < hcount; i++) {
		uint32_t e = hoff + 16 * i;

		if (!str_at(&headers[i].name, word(e), word(e + 4))
			|| !str_at(&headers[i].value, word(e + 8), word(e + 12)))
		{
			return SIGV4_ERR_ABI;
		}
	}
	req.headers = headers;
	req.header_count = hcount;
	if ((n = load_list(signed_list, D_SIGNED)) < 0) {
		return SIGV4_ERR_ABI;
	}
	p.signed_headers = signed_list;
	p.signed_header_count = (size_t)n;
	if ((n = load_list(unsigned_list, D_UNSIGNED)) < 0) {
		return SIGV4_ERR_ABI;
	}
	p.unsigned_headers = unsigned_list;
	p.unsigned_header_count = (size_t)n;
	o = arena + out;
	memset(o, 0, OUT_HEADER);
	p.flags = word(D_FLAGS * 4);
	/* Small bodies come along so that hashing them costs no extra call;
	 * large ones are hashed by JS in chunks and come as payload_hash. */
	if (p.payload_hash.len == 0) {
		sigv4_sha256 h;

		if (body.len == 0) {
			memcpy(body_hash, EMPTY_SHA256, 64);
		} else {
			sigv4_sha256_init(&h);
			sigv4_sha256_update(&h, body.ptr, body.len);
			sigv4_sha256_hex(&h, body_hash);
		}
		p.payload_hash.ptr = body_hash;
		p.payload_hash.len = 64;
		hashed_body = 1;
	}
	p.expires = word(D_EXPIRES * 4);

	seconds = (int64_t)(((uint64_t)word(D_TIME_HI * 4) << 32) | word(D_TIME_LO * 4));
	if ((err = sigv4_amz_date(amz_date, seconds)) != SIGV4_OK) {
		return err;
	}
	p.amz_date.ptr = amz_date;
	p.amz_date.len = 16;

	/* The key: the cached one if it was made from this secret and scope
	 * (JS keys its cache by scope), else derived anew for JS to cache. */
	err = SIGV4_ERR_SECRET;
	if (secret.len > 0) {
		int hit;

		key_id(id, secret);
		hit = cached.len == CACHED_BYTES
			&& ct_equal(id, (const uint8_t *)cached.ptr + KEY_BYTES, 32);

		if (hit) {
			memcpy(&key, cached.ptr, KEY_BYTES);
			hit = same_scope(&key, amz_date, region, service);
		}
		if (!hit) {
			err = sigv4_key_derive(&key, secret.ptr, secret.len, amz_date,
				region, service);
			if (err == SIGV4_OK) {
				memcpy(o + OUT_KEY, &key, KEY_BYTES);
				memcpy(o + OUT_KEY_ID, id, 32);
				put_word(out + OUT_KEY_NEW, 1);
			}
		} else {
			err = SIGV4_OK;
		}
		sigv4_wipe(id, sizeof id);
	}
	sigv4_wipe((void *)(uintptr_t)secret.ptr, secret.len);
	sigv4_wipe((void *)(uintptr_t)cached.ptr, cached.len);
	if (err != SIGV4_OK) {
		sigv4_wipe(&key, sizeof key);
		sigv4_wipe(o + OUT_KEY, CACHED_BYTES);
		return err;
	}

	/* After the header: scratch, then the head (X-Amz-Date and the body's
	 * hash), the result, and the canonical request when capturing. */
	scratch_need = sigv4_scratch_size(&req, &p);
	scratch_off = out + OUT_HEADER;
	cap_total = ARENA_SIZE - out - OUT_HEADER;
	if (cap_total < HEAD_BYTES || scratch_need > cap_total - HEAD_BYTES) {
		sigv4_wipe(&key, sizeof key);
		sigv4_wipe(o + OUT_KEY, CACHED_BYTES);
		return SIGV4_ERR_SCRATCH;
	}
	cap_total -= (uint32_t)scratch_need + HEAD_BYTES;
	head = arena + scratch_off + scratch_need;
	memcpy(head + HEAD_DATE, amz_date, 16);
	if (hashed_body) {
		memcpy(head + HEAD_PAYLOAD_HASH, body_hash, 64);
	} else {
		memset(head + HEAD_PAYLOAD_HASH, 0, 64);
	}
	result_off = (uint32_t)(scratch_off + scratch_need + HEAD_BYTES);
	result_cap = cap_total;
	if (word(D_OPTIONS * 4) & OPT_CAPTURE) {
		result_cap = cap_total / 2;
		cap.canonical_request = (char *)arena + result_off + result_cap;
		cap.canonical_request_cap = cap_total - result_cap;
		cap.string_to_sign = (char *)o + OUT_STS;
		cap.string_to_sign_cap = OUT_STS_CAP;
		cap.canonical_request_len = cap.string_to_sign_len = 0;
		capture = &cap;
	}
	put_word(out + OUT_RESULT_OFF, result_off);
	put_word(out + OUT_CREQ_OFF, result_off + result_cap);
	err = sigv4_sign((char *)arena + result_off, result_cap,
		&result_len, &key, &req, &p, arena + scratch_off, scratch_need,
		capture);
	sigv4_wipe(&key, sizeof key);
	put_word(out + OUT_RESULT_LEN, (uint32_t)result_len);
	if (capture != NULL) {
		put_word(out + OUT_CREQ_LEN, (uint32_t)cap.canonical_request_len);
		put_word(out + OUT_STS_LEN, (uint32_t)cap.string_to_sign_len);
	}
	if (err != SIGV4_OK) {
		sigv4_wipe(o + OUT_KEY, CACHED_BYTES);
		put_word(out + OUT_KEY_NEW, 0);
	}
	return err;
}

/* Incremental SHA-256 whose state lives where JS says, so several
 * hashes can be in progress at once (JS saves and restores states). */
int
sigv4w_sha256_init(uint32_t state)
{
	if ((state & 7) != 0 || !span_ok(state, sizeof(sigv4_sha256))) {
		return SIGV4_ERR_ABI;
	}
	sigv4_sha256_init((sigv4_sha256 *)(void *)(arena + state));
	return SIGV4_OK;
}

int
sigv4w_sha256_update(uint32_t state, uint32_t data, uint32_t len)
{
	if ((state & 7) != 0 || !span_ok(state, sizeof(sigv4_sha256))
		|| !span_ok(data, len))
	{
		return SIGV4_ERR_ABI;
	}
	sigv4_sha256_update((sigv4_sha256 *)(void *)(arena + state),
		arena + data, len);
	return SIGV4_OK;
}

int
sigv4w_sha256_hex(uint32_t state, uint32_t out)
{
	if ((state & 7) != 0 || !span_ok(state, sizeof(sigv4_sha256))
		|| !span_ok(out, 64))
	{
		return SIGV4_ERR_ABI;
	}
	sigv4_sha256_hex((const sigv4_sha256 *)(const void *)(arena + state),
		(char *)arena + out);
	return SIGV4_OK;
}
