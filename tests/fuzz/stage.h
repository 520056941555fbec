/*
 * stage.h: run one pipeline stage (src/inner.h) into sinks of the exact
 * size it needs, for the stage fuzz targets.
 */
#ifndef SIGV4_FUZZ_STAGE_H
#define SIGV4_FUZZ_STAGE_H

#include "inner.h"
#include "fuzz_util.h"

/* Writes into a sink; ctx is the stage's arguments. */
typedef void (*fz_stage_fn)(sigv4_sink *s, const void *ctx);

/*
 * Runs fn three times: counting only (no capture), into a heap buffer of
 * exactly the counted size, and hashing. Checks the runs agree (length,
 * and the hash is the SHA-256 of the bytes) and appends the bytes to out.
 */
void fz_run_stage(fz_buf *out, fz_stage_fn fn, const void *ctx);

#endif
