/*
 * time.c: X-Amz-Date, formatted from Unix time and validated.
 *
 * Days-to-civil conversion after Howard Hinnant's public-domain
 * algorithm: exact for every day, no tables, no time zone, no libc.
 */
#include "inner.h"

#define SECONDS_MIN 0                  /* 1970-01-01T00:00:00Z */
#define SECONDS_MAX 253402300799LL     /* 9999-12-31T23:59:59Z */

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(long y, int m)
{
	static const unsigned char days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static void
put_digits(char *out, long v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* see sigv4.h */
int
sigv4_amz_date(char out[16], int64_t seconds)
{
	int64_t days, secs, era, doe, yoe, doy, mp;
	long y, m, d;

	if (out == NULL) {
		return SIGV4_ERR_PARAM;
	}
	if (seconds < SECONDS_MIN || seconds > SECONDS_MAX) {
		return SIGV4_ERR_DATE;
	}
	days = seconds / 86400;
	secs = seconds % 86400;

	/* Shift the epoch to 0000-03-01 so leap days end each era-year. */
	days += 719468;
	era = days / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (long)(doy - (153 * mp + 2) / 5 + 1);
	m = (long)(mp < 10 ? mp + 3 : mp - 9);
	y = (long)(yoe + era * 400 + (m <= 2));

	put_digits(out, y, 4);
	put_digits(out + 4, m, 2);
	put_digits(out + 6, d, 2);
	out[8] = 'T';
	put_digits(out + 9, (long)(secs / 3600), 2);
	put_digits(out + 11, (long)(secs / 60 % 60), 2);
	put_digits(out + 13, (long)(secs % 60), 2);
	out[15] = 'Z';
	return SIGV4_OK;
}

static int
read_digits(const char *p, int n, long *v)
{
	long r = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return 0;
		}
		r = r * 10 + (p[i] - '0');
	}
	*v = r;
	return 1;
}

int
sigv4_date_check(const char *d)
{
	long y, m, day;

	if (!read_digits(d, 4, &y) || !read_digits(d + 4, 2, &m)
		|| !read_digits(d + 6, 2, &day))
	{
		return SIGV4_ERR_DATE;
	}
	if (y < 1970 || m < 1 || m > 12 || day < 1
		|| day > days_in_month(y, (int)m))
	{
		return SIGV4_ERR_DATE;
	}
	return SIGV4_OK;
}

int
sigv4_amz_date_check(sigv4_str s)
{
	long hh, mm, ss;

	if (s.ptr == NULL || s.len != SIGV4_AMZ_DATE_LEN
		|| sigv4_date_check(s.ptr) != SIGV4_OK
		|| s.ptr[8] != 'T' || s.ptr[15] != 'Z'
		|| !read_digits(s.ptr + 9, 2, &hh)
		|| !read_digits(s.ptr + 11, 2, &mm)
		|| !read_digits(s.ptr + 13, 2, &ss)
		|| hh > 23 || mm > 59 || ss > 59)
	{
		return SIGV4_ERR_DATE;
	}
	return SIGV4_OK;
}

/* see inner.h */
int64_t
sigv4_amz_date_seconds(const char *d)
{
	long y = 0, m = 0, day = 0, hh = 0, mm = 0, ss = 0;
	int64_t era, yoe, doy, doe;

	(void)(read_digits(d, 4, &y) && read_digits(d + 4, 2, &m)
		&& read_digits(d + 6, 2, &day) && read_digits(d + 9, 2, &hh)
		&& read_digits(d + 11, 2, &mm) && read_digits(d + 13, 2, &ss));
	/* Days from 1970-01-01, the inverse of sigv4_amz_date()'s shift. */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return ((era * 146097 + doe - 719468) * 86400) + hh * 3600 + mm * 60
		+ ss;
}
