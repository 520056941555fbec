/*
 * json.h: a small JSON reader for the test harness only (it allocates).
 *
 * Enough for the vector files: objects, arrays, strings (all escapes,
 * \uXXXX with surrogate pairs decoded to UTF-8), numbers, true, false,
 * null. Strings are kept as byte strings with a length (they may contain
 * NUL after decoding \u0000) and are also NUL-terminated for convenience.
 */
#ifndef SIGV4_TEST_JSON_H
#define SIGV4_TEST_JSON_H

#include <stddef.h>

typedef enum {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
} json_type;

typedef struct json_value json_value;

struct json_value {
	json_type type;
	double number;          /* JSON_NUMBER */
	char *str;              /* JSON_STRING: bytes, NUL-terminated */
	size_t len;             /* JSON_STRING: bytes without the NUL */
	size_t count;           /* JSON_ARRAY / JSON_OBJECT: members */
	json_value **items;     /* members (array elements / object values) */
	char **keys;            /* JSON_OBJECT: member names, NUL-terminated */
	size_t *key_lens;       /* JSON_OBJECT: member name lengths */
};

/*
 * Parse a whole document (trailing whitespace allowed, nothing else).
 * Returns NULL on error and writes a message with the byte offset to err
 * (if errcap > 0).
 */
json_value *json_parse(const char *text, size_t len, char *err, size_t errcap);

/* Free a value returned by json_parse (NULL is fine). */
void json_free(json_value *v);

/* Member of an object by name (first match), or NULL (also when v is not
 * an object or is NULL). */
const json_value *json_get(const json_value *v, const char *key);

/* Follow a path of member names: json_path(v, "a", "b", NULL). */
const json_value *json_path(const json_value *v, ...);

/* Element i of an array, or NULL. */
const json_value *json_at(const json_value *v, size_t i);

/* The string of a JSON_STRING value, or NULL. */
const char *json_str(const json_value *v);

/* 1 for true, 0 for false, dflt when v is NULL or not a boolean. */
int json_bool(const json_value *v, int dflt);

/* A number as double, or dflt when v is NULL or not a number. */
double json_num(const json_value *v, double dflt);

#endif
