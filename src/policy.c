/*
 * policy.c: the flags a signature follows, after the service's defaults.
 */
#include "inner.h"

static const struct {
	const char *name;
	uint32_t flags;
} services[] = {
#define SIGV4_SERVICE_ROW_(name, flags) { name, flags },
	SIGV4_SERVICES(SIGV4_SERVICE_ROW_)
#undef SIGV4_SERVICE_ROW_
};

static const uint32_t pairs[][2] = {
	{ SIGV4_SINGLE_ENCODE, SIGV4_DOUBLE_ENCODE },
	{ SIGV4_NORMALIZE, SIGV4_NO_NORMALIZE },
	{ SIGV4_CONTENT_SHA256, SIGV4_NO_CONTENT_SHA256 },
	{ SIGV4_TOKEN_AFTER, SIGV4_TOKEN_SIGNED },
};

/* see sigv4.h */
int
sigv4_policy(uint32_t *resolved, sigv4_str service, uint32_t flags)
{
	uint32_t rules = 0, out;
	size_t i;

	if (resolved == NULL) {
		return SIGV4_ERR_PARAM;
	}
	*resolved = 0;
	if ((flags & ~(uint32_t)SIGV4_FLAGS_ALL) != 0
		|| ((flags & SIGV4_SIGN_ALL_HEADERS)
			&& (flags & SIGV4_SIGN_LISTED_ONLY))
		|| ((flags & SIGV4_S3_SESSION_TOKEN)
			&& (flags & SIGV4_TOKEN_AFTER)))
	{
		return SIGV4_ERR_PARAM;
	}
	for (i = 0; i < sizeof services / sizeof services[0]; i++) {
		if (sigv4_eq_lower(service, services[i].name)) {
			rules = services[i].flags;
			break;
		}
	}
	out = (flags & ~(uint32_t)SIGV4_UNSIGNED_PRESIGN)
		| (rules & SIGV4_UNSIGNED_PRESIGN);
	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		uint32_t both = pairs[i][0] | pairs[i][1];

		if ((flags & both) == both) {
			return SIGV4_ERR_PARAM;
		}
		if ((flags & both) == 0) {
			out |= (rules & both) != 0 ? rules & both : SIGV4_DEFAULT_RULES & both;
		}
	}
	if (out & SIGV4_PRESIGN) {
		/* A presigned URL carries no x-amz-content-sha256 header. */
		out = (out & ~(uint32_t)SIGV4_CONTENT_SHA256)
			| SIGV4_NO_CONTENT_SHA256;
	}
	if ((out & SIGV4_S3_SESSION_TOKEN) && (out & SIGV4_TOKEN_AFTER)) {
		/* The service's default gives way to the session token. */
		out = (out & ~(uint32_t)SIGV4_TOKEN_AFTER) | SIGV4_TOKEN_SIGNED;
	}
	*resolved = out;
	return SIGV4_OK;
}
