/*
 * abi_dump.c: prints the tables of src/sigv4.h and wasm/abi.h as JSON,
 * for wasm/gen.mjs to turn into js/abi.js and wasm/ABI.md. A build tool:
 * compiled for the build machine, never part of the module.
 */
#include <stdio.h>

#include "abi.h"

static void
json_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\') {
			putchar('\\');
		}
		putchar(*s);
	}
	putchar('"');
}

static const char *sep;

static void
item(void)
{
	fputs(sep, stdout);
	sep = ",\n    ";
}

int
main(void)
{
	unsigned pos;

	printf("{\n  \"version\": %d,\n  \"limits\": [\n    ", SIGV4W_ABI_VERSION);
	sep = "";
#define LIMIT_(name, value, doc) item(); \
	printf("{\"name\": \"%s\", \"value\": %lu, \"doc\": ", #name, \
		(unsigned long)(value)); json_string(doc); putchar('}');
	SIGV4W_LIMITS(LIMIT_)
	printf("\n  ],\n  \"descriptor\": [\n    ");
	sep = "";
	pos = 0;
#define FIELD_(name, size, doc) item(); \
	printf("{\"name\": \"%s\", \"at\": %u, \"size\": %u, \"doc\": ", #name, \
		pos, (unsigned)(size)); json_string(doc); putchar('}'); \
	pos += (unsigned)(size);
	SIGV4W_DESCRIPTOR(FIELD_)
	printf("\n  ],\n  \"output\": [\n    ");
	sep = "";
	pos = 0;
	SIGV4W_OUTPUT(FIELD_)
	printf("\n  ],\n  \"outputHeader\": %u,\n  \"head\": [\n    ", pos);
	sep = "";
	pos = 0;
	SIGV4W_HEAD(FIELD_)
	printf("\n  ],\n  \"headBytes\": %u,\n  \"claims\": [\n    ", pos);
	sep = "";
	pos = 0;
	SIGV4W_CLAIMS(FIELD_)
	printf("\n  ],\n  \"exports\": [\n    ");
	sep = "";
#define EXPORT_(name, args, doc, module) item(); \
	printf("{\"name\": \"%s\", \"args\": \"%s\", \"module\": \"%s\", \"doc\": ", \
		#name, args, #module); \
	json_string(doc); putchar('}');
	SIGV4W_EXPORTS(EXPORT_)
	printf("\n  ],\n  \"errors\": [\n    ");
	sep = "";
#define ERROR_(name, value, c_text, js_text) item(); \
	printf("{\"name\": \"ERR_%s\", \"code\": %d, \"c\": ", #name, value); \
	json_string(c_text); printf(", \"js\": "); json_string(js_text); \
	putchar('}');
	SIGV4_ERRORS(ERROR_)
	printf("\n  ],\n  \"flags\": [\n    ");
	sep = "";
#define FLAG_(name, bit) item(); \
	printf("{\"name\": \"%s\", \"bit\": %lu}", #name, (unsigned long)(bit));
	SIGV4_FLAGS(FLAG_)
	printf("\n  ],\n  \"rules\": {\"DEFAULT\": %lu, \"S3\": %lu},\n",
		(unsigned long)SIGV4_DEFAULT_RULES, (unsigned long)SIGV4_S3_RULES);
	printf("  \"services\": [\n    ");
	sep = "";
#define SERVICE_(name, flags) item(); \
	printf("{\"name\": \"%s\", \"flags\": %lu}", name, (unsigned long)(flags));
	SIGV4_SERVICES(SERVICE_)
	printf("\n  ],\n  \"algorithms\": [\n    ");
	sep = "";
#define ALGORITHM_(name, id, text) item(); \
	printf("{\"name\": \"%s\", \"id\": %d, \"text\": \"%s\"}", #name, id, text);
	SIGV4_ALGORITHMS(ALGORITHM_)
	printf("\n  ],\n  \"streamKinds\": [\n    ");
	sep = "";
#define KIND_(name, value, doc) item(); \
	printf("{\"name\": \"%s\", \"value\": %d, \"doc\": ", #name, value); \
	json_string(doc); putchar('}');
	SIGV4W_STREAM_KINDS(KIND_)
	printf("\n  ],\n  \"streamOut\": [\n    ");
	sep = "";
	pos = 0;
	SIGV4W_STREAM_OUT(FIELD_)
	printf("\n  ],\n  \"streamOutBytes\": %u,\n  \"checksums\": [\n    ", pos);
	sep = "";

#define CHECKSUM_(name, id, wire, bytes) item(); \
	printf("{\"name\": \"%s\", \"id\": %d, \"wire\": \"%s\", \"bytes\": %d}", \
		#name, id, wire, bytes);
	SIGV4_CHECKSUMS(CHECKSUM_)
	printf("\n  ]\n}\n");
	return 0;
}
