/*
 * suite_util.h: shared pieces of the vector-suite runners.
 *
 *   - the request.txt / .req parser with the aws-c-auth rules
 *     (README section 2 of the vectors);
 *   - a sign wrapper that sizes scratch and output buffers exactly (so the
 *     sanitizers see any overrun) and checks the SIGV4_ERR_SPACE contract;
 *   - query-string and header-list comparison helpers for signed requests;
 *   - directory listing and small string utilities;
 *   - accessors over cJSON (Debian's libcjson-dev) for the JSON vectors.
 *
 * Everything here allocates freely; it is test code.
 */
#ifndef SIGV4_SUITE_UTIL_H
#define SIGV4_SUITE_UTIL_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sigv4.h"

/* Exit status of a runner whose every case was skipped (ctest's
 * SKIP_RETURN_CODE is set to it). */
#define SU_EXIT_SKIPPED 77

/* Where the vectors are: arg if not NULL/empty, else $SIGV4_VECTORS_DIR,
 * else the compiled default (SIGV4_VECTORS_DIR_DEFAULT, from CMake), else
 * "tests/vectors" (relative to the working directory). */
const char *su_vectors_dir(const char *arg);

/* A runner's path argument, malloc'd: used as is when it exists (or is
 * absolute), else taken relative to su_vectors_dir(NULL), so
 * "aws-c-auth/v4" finds the suite wherever SIGV4_VECTORS_DIR points. */
char *su_vector_path(const char *arg);

/* A view over a NUL-terminated C string. */
sigv4_str su_cstr(const char *s);

/* Case-insensitive ASCII equality of two views. */
int su_eq_nocase(sigv4_str a, sigv4_str b);
/* Byte equality of two views. */
int su_eq(sigv4_str a, sigv4_str b);

/* ------------------------------------------------------------------ */
/* Requests.                                                           */

typedef struct {
	char *text;               /* owned copy of the input, '\r' removed */
	size_t text_len;
	sigv4_str method;
	sigv4_str target;         /* path and query, as written */
	sigv4_str path;           /* target up to the first '?' */
	sigv4_str query;          /* after the first '?' (may be empty) */
	int has_query;            /* the target had a '?' */
	sigv4_header *headers;    /* views into text, in input order */
	size_t header_count;
	sigv4_str body;           /* everything after the blank line */
} su_request;

/*
 * Parse a request in the aws-c-auth test format:
 *   - '\r' bytes are dropped, then the text is split on '\n';
 *   - line 1: method = up to the first space, target = between the first
 *     space and the last 9 bytes (" HTTP/1.1");
 *   - "Name:value" split at the first ':', the value NOT trimmed;
 *   - a line starting with a space or tab continues the previous value,
 *     which then includes the "\n" and the leading whitespace;
 *   - a blank line ends the headers; the body is the rest of the file.
 * Returns 0, or -1 with a message in err.
 */
/* Remove every '\r' from text in place; returns the new length. */
size_t su_drop_cr(char *text, size_t len);

/* The file dir/<a><sep><b> ("get-vanilla" "." "creq", "header" "-"
 * "signature.txt"), malloc'd; NULL when it cannot be read. */
char *su_read_case_file(const char *dir, const char *a, const char *sep,
	const char *b, size_t *len);

int su_parse_request(su_request *r, const char *text, size_t len,
	char *err, size_t errcap);
void su_request_free(su_request *r);

/* Remove every header named name (case-insensitive); the last removed
 * value goes to *value (if not NULL). Returns how many were removed. */
size_t su_request_take_header(su_request *r, const char *name,
	sigv4_str *value);

/* Take the request's one X-Amz-Date header out (the classic .req files and
 * smithy-rs's partial cases carry it as input) into out, NUL-terminated.
 * Returns 0, or -1 when there is not exactly one of 16 bytes. */
int su_take_amz_date(su_request *r, char out[17]);

/* Convert "YYYY-MM-DDTHH:MM:SSZ" (fractional seconds tolerated) to
 * "YYYYMMDDTHHMMSSZ". Returns 0 or -1. */
int su_iso_to_amz_date(char out[16], const char *iso);

/* ------------------------------------------------------------------ */
/* Signing.                                                            */

typedef struct {
	int rc;                   /* sigv4_sign's return */
	char *out;                /* Authorization value or query string */
	size_t out_len;
	char *creq;               /* captured canonical request */
	size_t creq_len;
	char *sts;                /* captured string to sign */
	size_t sts_len;
	char signature[SIGV4A_SIGNATURE_HEX_MAX + 1]; /* hex signature parsed out of out, or "" */
	unsigned api_failures;    /* API contract checks that failed */
} su_result;

/*
 * Sign with exactly sized buffers (sigv4_sign, or sigv4a_sign for a
 * SigV4a key): first asks with empty buffers (expects
 * SIGV4_ERR_SPACE and the needed lengths), then signs into buffers of
 * exactly that size with exactly sigv4_scratch_size() bytes of scratch.
 * Contract violations are reported through test_util (and counted in
 * api_failures) with label as context. Returns res->rc.
 */
int su_sign(su_result *res, const sigv4_key *key, const sigv4_request *req,
	const sigv4_params *params, const char *label);

/* Parameters with the AWS suites' rules (header mode, path normalised
 * and encoded twice, no x-amz-content-sha256); the views must outlive
 * params. */
void su_suite_params(sigv4_params *params, const char *akid,
	const char *amz_date, const char *payload_hash);

/* The public API's view of a parsed request. */
sigv4_request su_as_request(const su_request *r);

/*
 * Derive the key for secret, the date of params->amz_date, region and
 * service (a SigV4a key when params->region_set is set; region is then
 * not used), sign req through su_sign() and wipe the key. A key that cannot
 * be derived is reported through test_util (label gives context); a
 * signing error is only returned, since some cases expect one. res can be
 * freed with su_result_free() in every case.
 */
int su_derive_and_sign(su_result *res, const su_request *req,
	const sigv4_params *params, const char *secret, sigv4_str region,
	sigv4_str service, const char *label);
void su_result_free(su_result *res);

/* Hex SHA-256 of data through the library's public sigv4_sha256_*. */
void su_sha256_hex(char out[65], const void *data, size_t len);

/* ------------------------------------------------------------------ */
/* Signed-request comparison.                                          */

typedef struct {
	char *key;                /* percent-decoded, NUL-terminated */
	size_t key_len;
	char *value;
	size_t value_len;
	int used;
} su_qparam;

typedef struct {
	su_qparam *items;
	size_t count;
} su_qset;

/* Split "a=b&c" at '&' and '=' and percent-decode both sides ('+' stays
 * '+'). Empty pieces are skipped; "c" alone is ("c", ""). */
void su_qset_parse(su_qset *set, const char *q, size_t len);

/* Percent-decode n bytes (each valid %XX; '+' stays '+'): malloc'd,
 * NUL-terminated, its length in *out_len. */
char *su_pct_decode(const char *p, size_t n, size_t *out_len);
void su_qset_free(su_qset *set);

/* Value of the first param whose decoded key equals key exactly, or NULL. */
const su_qparam *su_qset_get(const su_qset *set, const char *key);

/*
 * Compare two query sets: same size and a one-to-one match with key and
 * value compared case-insensitively (the aws-c-auth rule). On mismatch
 * writes a description to msg and returns 0.
 */
int su_qset_match(const su_qset *expected, const su_qset *got, char *msg,
	size_t cap);

/*
 * Compare header multisets: names case-insensitive, values exact, order
 * ignored. On mismatch writes a description to msg and returns 0.
 */
int su_headers_match(const sigv4_header *expected, size_t ne,
	const sigv4_header *got, size_t ng, char *msg, size_t cap);

/* ------------------------------------------------------------------ */
/* JSON. Every accessor takes NULL or a value of the wrong type and then  */
/* returns NULL (or the default), so lookups chain without checks.     */

/* Parse a whole document (trailing whitespace allowed, nothing else);
 * free it with cJSON_Delete(). NULL on error, with a message in err. */
cJSON *su_json_parse(const char *text, size_t len, char *err,
	size_t errcap);

/* The JSON file at su_vector_path(arg), parsed; exits the test (status
 * 1, with a message) when it cannot be read or parsed. */
cJSON *su_json_load(const char *arg);

/* Member of an object by exact name. */
const cJSON *su_json_get(const cJSON *v, const char *key);

/* Follow member names: su_json_path(v, "a", "b", (const char *)NULL). */
const cJSON *su_json_path(const cJSON *v, ...);

/* Element i of an array; the number of elements (0 if not an array). */
const cJSON *su_json_at(const cJSON *v, size_t i);
size_t su_json_count(const cJSON *v);

/* A string's bytes, NUL-terminated (cJSON cuts a string at \u0000, which
 * no vector has); su_json_view() gives them as a view. */
const char *su_json_str(const cJSON *v);
sigv4_str su_json_view(const cJSON *v);

/* A boolean or a number, else dflt. */
int su_json_bool(const cJSON *v, int dflt);
double su_json_num(const cJSON *v, double dflt);

/* ------------------------------------------------------------------ */
/* Directories.                                                        */

/* Sorted names of the entries of dir (no "." or ".."), malloc'd; NULL
 * when it cannot be read. */
char **su_list_dir(const char *dir, size_t *count);
void su_free_list(char **names, size_t count);

#endif
