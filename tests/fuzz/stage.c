/*
 * stage.c: see stage.h.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "stage.h"

void
fz_run_stage(fz_buf *out, fz_stage_fn fn, const void *ctx)
{
	sigv4_sink s;
	size_t need;
	char *buf, hex[64], want[64];

	sigv4_sink_init(&s, 0, NULL, 0);
	fn(&s, ctx);
	FZ_CHECK(sigv4_sink_fits(&s) == (s.len == 0),
		"a sink with no capture reports a fit for %lu bytes",
		(unsigned long)s.len);
	need = s.len;

	buf = (char *)malloc(need ? need : 1);
	FZ_CHECK(buf != NULL, "out of memory");
	sigv4_sink_init(&s, 0, buf, need);
	fn(&s, ctx);
	FZ_CHECK(sigv4_sink_fits(&s) && s.len == need,
		"stage wrote %lu bytes, then %lu", (unsigned long)need,
		(unsigned long)s.len);

	sigv4_sink_init(&s, 1, NULL, 0);
	fn(&s, ctx);
	sigv4_sink_hex(&s, hex);
	model_sha256_hex(want, buf, need);
	FZ_CHECK(memcmp(hex, want, 64) == 0 && s.len == need,
		"hashing sink disagrees with the captured bytes");
	fz_write(out, buf, need);
	free(buf);
}
