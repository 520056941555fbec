/*
 * test_time.c: X-Amz-Date formatting and validation.
 *
 * Fixed points come from Python's datetime; then every day from 1970 to
 * 9999 is checked against a naive calendar walk written here.
 */
#include <stdio.h>

#include "unit.h"

static void
test_fixed_points(void)
{
	static const struct { int64_t s; const char *want; } cases[] = {
		{ 0, "19700101T000000Z" },
		{ 86399, "19700101T235959Z" },              /* last second of a day */
		{ 86400, "19700102T000000Z" },              /* midnight */
		{ 951782400, "20000229T000000Z" },          /* leap day, 400-year rule */
		{ 951868799, "20000229T235959Z" },
		{ 951868800, "20000301T000000Z" },
		{ 1440938160, "20150830T123600Z" },         /* the AWS suite's time */
		{ 2147483647, "20380119T031407Z" },         /* int32 time_t's last */
		{ 2147483648, "20380119T031408Z" },         /* ... and past it */
		{ 4107542399, "21000228T235959Z" },         /* 2100 is not leap */
		{ 4107542400, "21000301T000000Z" },
		{ 253402300799, "99991231T235959Z" },
	};
	char out[17];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(out, 0, sizeof out);
		ASSERT_EQ_INT(SIGV4_OK, sigv4_amz_date(out, cases[i].s));
		ASSERT_STR_EQ(cases[i].want, cases[i].want, out);
	}
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_amz_date(out, -1));
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_amz_date(out, 253402300800LL));
	ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_amz_date(out, INT64_MIN));
	ASSERT_EQ_INT(SIGV4_ERR_PARAM, sigv4_amz_date(NULL, 0));
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void
test_every_day(void)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 1970, m = 1, d = 1;
	int64_t day = 0;
	char out[17], want[64];
	unsigned long bad = 0;

	out[16] = 0;
	for (;;) {
		/* a different second each day, to cover the clock part too */
		int64_t sec = (day * 7919) % 86400;

		sprintf(want, "%04d%02d%02dT%02d%02d%02dZ", y, m, d,
			(int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
		if (sigv4_amz_date(out, day * 86400 + sec) != SIGV4_OK
			|| memcmp(out, want, 16) != 0)
		{
			if (bad++ < 5) {
				ASSERT_STR_EQ("day", want, out);
			}
		}
		want[8] = 0;
		if (sigv4_date_check(want) != SIGV4_OK && bad++ < 5) {
			ASSERT_STR_EQ("valid date rejected", "", want);
		}
		if (y == 9999 && m == 12 && d == 31) {
			break;
		}
		day++;
		if (++d > mdays[m - 1] + (m == 2 && leap(y))) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	ASSERT_EQ_INT(0, bad);
	ASSERT_EQ_INT(2932896, day);   /* days from 1970-01-01 to 9999-12-31 */
}

static void
test_validation(void)
{
	static const char *const good[] = {
		"20150830T123600Z", "20160229T000000Z", "20000229T235959Z",
		"19700101T000000Z", "99991231T235959Z",
	};
	static const char *const bad[] = {
		"20150230T000000Z",  /* Feb 30 */
		"21000229T000000Z",  /* 2100 is not leap */
		"20150229T000000Z",
		"20151301T000000Z", "20150001T000000Z", "20150800T000000Z",
		"20150431T000000Z",
		"20150830T240000Z", "20150830T236000Z", "20150830T235960Z",
		"19691231T235959Z",
		"20150830t123600Z", "20150830T123600z", "20150830 123600Z",
		"2015083T123600Z", "20150830T123600Z ", "2015-08-30T12:36",
		"+0150830T123600Z", "",
	};
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		ASSERT_EQ_INT(SIGV4_OK, sigv4_amz_date_check(unit_str(good[i])));
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (!ASSERT_EQ_INT(SIGV4_ERR_DATE, sigv4_amz_date_check(unit_str(bad[i])))) {
			printf("  accepted: \"%s\"\n", bad[i]);
		}
	}
}

int
main(void)
{
	test_fixed_points();
	test_every_day();
	test_validation();
	return tu_finish("test_time");
}
