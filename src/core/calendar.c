/* The school calendar; see calendar.h for the contracts.
 *
 * Internally all day arithmetic is done in int64_t, so that sums near the
 * ends of the pw_day range cannot overflow; results are saturated when they
 * are narrowed back to pw_day or int. */
#include "core/calendar.h"

#include <limits.h>
#include <stdbool.h>

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

static pw_day clamp_day(int64_t d)
{
	if (d > INT32_MAX)
		return INT32_MAX;
	if (d < INT32_MIN)
		return INT32_MIN;
	return (pw_day)d;
}

/* Howard Hinnant's days_from_civil / civil_from_days: exact for the whole
 * proleptic Gregorian calendar, no tables, no loops. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* 1 = Monday .. 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
static int weekday64(int64_t d)
{
	return (int)floor_mod(d + 3, 7) + 1;
}

void pw_day_to_ymd(pw_day d, int *year, int *month, int *mday)
{
	int64_t y;
	civil_from_days(d, &y, month, mday);
	*year = (int)y; /* |y| < 6e6 for any int32 day */
}

pw_day pw_day_from_ymd(int year, int month, int mday)
{
	return clamp_day(days_from_civil(year, month, mday));
}

/* Reads n decimal digits; -1 if any is not a digit (a NUL included). */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int pw_day_parse(const char *s, pw_day *out)
{
	if (!s || !out)
		return -1;
	/* Checked left to right, so a short string stops at its NUL. */
	int y = digits(s, 4);
	if (y < 0 || s[4] != '-')
		return -1;
	int m = digits(s + 5, 2);
	if (m < 0 || s[7] != '-')
		return -1;
	int d = digits(s + 8, 2);
	if (d < 0 || s[10] != '\0')
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = (pw_day)days_from_civil(y, m, d);
	return 0;
}

static void put_digits(char *out, int64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void pw_day_format(pw_day d, char out[11])
{
	int64_t y;
	int m, md;
	civil_from_days(d, &y, &m, &md);
	if (y < 0 || y > 9999) {
		y = 0;
		m = 0;
		md = 0;
	}
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, md, 2);
	out[10] = '\0';
}

int pw_day_weekday(pw_day d)
{
	return weekday64(d);
}

/* The last Sunday of a 31-day month (March and October both are). */
static int64_t last_sunday(int64_t y, int m)
{
	int64_t last = days_from_civil(y, m, 31);
	return last - weekday64(last) % 7;
}

/* Far beyond any pw_day: the offset no longer matters, and staying inside
 * this keeps every sum below free of overflow. */
#define SECS_LIMIT ((int64_t)INT32_MAX * 86400)

int32_t pw_amsterdam_offset(int64_t secs)
{
	if (secs > SECS_LIMIT || secs < -SECS_LIMIT)
		return 3600;
	int64_t y;
	int m, d;
	/* The UTC year is the Amsterdam year at both switches (March, October). */
	civil_from_days(floor_div(secs, 86400), &y, &m, &d);
	int64_t begin = last_sunday(y, 3) * 86400 + 3600;
	int64_t end = last_sunday(y, 10) * 86400 + 3600;
	return secs >= begin && secs < end ? 7200 : 3600;
}

pw_day pw_day_from_unix(int64_t secs)
{
	if (secs > SECS_LIMIT)
		return INT32_MAX;
	if (secs < -SECS_LIMIT)
		return INT32_MIN;
	return clamp_day(floor_div(secs + pw_amsterdam_offset(secs), 86400));
}

int pw_day_iso_week(pw_day d)
{
	/* The ISO week belongs to the year of its Thursday. */
	int64_t thursday = (int64_t)d - weekday64(d) + 4;
	int64_t y;
	int m, md;
	civil_from_days(thursday, &y, &m, &md);
	return (int)((thursday - days_from_civil(y, 1, 1)) / 7 + 1);
}

/* Weekdays in [some fixed Monday, x], extended to all x so that the number
 * of weekdays in [s, e] is weekdays_upto(e) - weekdays_upto(s - 1). */
static int64_t weekdays_upto(int64_t x)
{
	int64_t t = x - 4 + 1; /* day 4 = 1970-01-05, a Monday */
	int64_t weeks = floor_div(t, 7);
	int64_t rest = t - weeks * 7;
	return weeks * 5 + (rest < 5 ? rest : 5);
}

/* School days in [lo, hi] (empty if lo > hi): the weekdays, minus the
 * weekdays in the union of the holidays. The union is swept in order
 * without sorting (which would need memory): each round takes the earliest
 * holiday start at or after the cursor and stretches it over every range
 * that overlaps or touches it. Quadratic in the number of holidays, which
 * is a handful per year; independent of the length of [lo, hi]. */
static int64_t school_days_in(const struct pw_calendar *c, int64_t lo, int64_t hi)
{
	if (lo > hi)
		return 0;
	int64_t total = weekdays_upto(hi) - weekdays_upto(lo - 1);
	const struct pw_day_range *h = c->holidays;
	size_t nh = h ? c->nholidays : 0;
	int64_t cursor = lo;
	for (;;) {
		int64_t s = INT64_MAX;
		for (size_t i = 0; i < nh; i++) {
			if (h[i].from > h[i].to || h[i].to < cursor)
				continue;
			int64_t si = h[i].from > cursor ? h[i].from : cursor;
			if (si <= hi && si < s)
				s = si;
		}
		if (s == INT64_MAX)
			break;
		int64_t e = s;
		bool grew = true;
		while (grew) {
			grew = false;
			for (size_t i = 0; i < nh; i++) {
				if (h[i].from <= h[i].to && h[i].from <= e + 1 && h[i].to > e) {
					e = h[i].to;
					grew = true;
				}
			}
		}
		int64_t ce = e < hi ? e : hi;
		total -= weekdays_upto(ce) - weekdays_upto(s - 1);
		if (e >= hi)
			break;
		cursor = e + 1;
	}
	return total;
}

int pw_cal_is_school_day(const struct pw_calendar *c, pw_day d)
{
	return school_days_in(c, d, d) == 1;
}

int pw_cal_school_days_between(const struct pw_calendar *c, pw_day a, pw_day b)
{
	int64_t n = a <= b ? school_days_in(c, (int64_t)a + 1, b)
	                   : -school_days_in(c, (int64_t)b + 1, a);
	/* Only spans of millions of years exceed an int; saturate, symmetrically. */
	if (n > INT_MAX)
		return INT_MAX;
	if (n < -INT_MAX)
		return -INT_MAX;
	return (int)n;
}

pw_day pw_cal_add_school_days(const struct pw_calendar *c, pw_day from, int n)
{
	if (n == 0)
		return from;
	int64_t k = n > 0 ? (int64_t)n : -(int64_t)n;
	int64_t f = from;
	/* Search for the answer instead of walking day by day, so the cost
	 * does not depend on n and a long holiday. Forwards: the smallest x with
	 * k school days in (f, x]. Backwards: the largest x with k school days
	 * in [x, f), which is then itself a school day. Doubling the span first
	 * always ends: beyond the holidays (all within pw_day) 5 of 7 days count. */
	int64_t span = k;
	if (n > 0) {
		while (school_days_in(c, f + 1, f + span) < k)
			span *= 2;
		int64_t lo = f, hi = f + span; /* count(lo) < k <= count(hi) */
		while (hi - lo > 1) {
			int64_t mid = lo + (hi - lo) / 2;
			if (school_days_in(c, f + 1, mid) >= k)
				hi = mid;
			else
				lo = mid;
		}
		return clamp_day(hi);
	}
	while (school_days_in(c, f - span, f - 1) < k)
		span *= 2;
	int64_t lo = f - span, hi = f; /* count(lo) >= k > count(hi) */
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (school_days_in(c, mid, f - 1) >= k)
			lo = mid;
		else
			hi = mid;
	}
	return clamp_day(lo);
}

int pw_cal_week_of_year(const struct pw_calendar *c, pw_day d)
{
	if (d < c->start)
		return 0;
	int64_t monday_d = (int64_t)d - (weekday64(d) - 1);
	int64_t monday_s = (int64_t)c->start - (weekday64(c->start) - 1);
	return (int)((monday_d - monday_s) / 7 + 1);
}

int pw_schoolyear_name_parse(const char *name, int *first_year)
{
	if (!name || !first_year)
		return -1;
	int a = digits(name, 4);
	if (a < 0 || name[4] != '-')
		return -1;
	int b = digits(name + 5, 4);
	if (b < 0 || name[9] != '\0' || b != a + 1)
		return -1;
	*first_year = a;
	return 0;
}

void pw_schoolyear_name(int first_year, char out[10])
{
	int a = first_year, b = first_year + 1;
	if (first_year < 0 || first_year > 9998)
		a = b = 0;
	put_digits(out, a, 4);
	out[4] = '-';
	put_digits(out + 5, b, 4);
	out[9] = '\0';
}

int pw_schoolyear_of(pw_day d)
{
	int y, m, md;
	pw_day_to_ymd(d, &y, &m, &md);
	return m >= 8 ? y : y - 1;
}
