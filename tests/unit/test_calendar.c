#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <string.h>

#include "core/calendar.h"

/* Parses a date the test knows to be valid. */
static pw_day D(const char *s)
{
	pw_day d = 0;
	assert_int_equal(pw_day_parse(s, &d), 0);
	return d;
}

/* Seconds since the epoch of a UTC wall-clock time. */
static int64_t utc(const char *date, int h, int m, int s)
{
	return (int64_t)D(date) * 86400 + h * 3600 + m * 60 + s;
}

static void assert_day(pw_day d, const char *want)
{
	char buf[11];
	pw_day_format(d, buf);
	assert_string_equal(buf, want);
}

/* The real 2025-2026 holidays of region midden. */
static struct pw_day_range midden[5];

static struct pw_calendar year_2025(void)
{
	midden[0] = (struct pw_day_range){ D("2025-10-18"), D("2025-10-26") }; /* herfst */
	midden[1] = (struct pw_day_range){ D("2025-12-20"), D("2026-01-04") }; /* kerst */
	midden[2] = (struct pw_day_range){ D("2026-02-14"), D("2026-02-22") }; /* voorjaar */
	midden[3] = (struct pw_day_range){ D("2026-04-25"), D("2026-05-03") }; /* mei */
	midden[4] = (struct pw_day_range){ D("2026-07-04"), D("2026-08-16") }; /* zomer */
	return (struct pw_calendar){ D("2025-08-18"), D("2026-08-16"), midden, 5 };
}

/* Reference implementations, day by day, to check the fast ones against. */
static int ref_is_school_day(const struct pw_calendar *c, pw_day d)
{
	if (pw_day_weekday(d) > 5)
		return 0;
	for (size_t i = 0; i < c->nholidays; i++)
		if (d >= c->holidays[i].from && d <= c->holidays[i].to)
			return 0;
	return 1;
}

static int ref_between(const struct pw_calendar *c, pw_day a, pw_day b)
{
	int sign = 1;
	if (b < a) {
		pw_day t = a;
		a = b;
		b = t;
		sign = -1;
	}
	int n = 0;
	for (pw_day d = a + 1; d <= b; d++)
		n += ref_is_school_day(c, d);
	return sign * n;
}

static pw_day ref_add(const struct pw_calendar *c, pw_day from, int n)
{
	pw_day d = from;
	int step = n < 0 ? -1 : 1;
	for (int left = n < 0 ? -n : n; left > 0;) {
		d += step;
		left -= ref_is_school_day(c, d);
	}
	return d;
}

static void parse_format_round_trip(void **state)
{
	(void)state;
	pw_day first = D("1970-01-01"), last = D("2100-12-31");
	assert_int_equal(first, 0);
	int y = 1970, m = 1, md = 1;
	for (pw_day d = first; d <= last; d++) {
		char buf[11], want[11];
		pw_day_format(d, buf);
		/* An independent count: step the civil date by hand. */
		want[0] = (char)('0' + y / 1000);
		want[1] = (char)('0' + y / 100 % 10);
		want[2] = (char)('0' + y / 10 % 10);
		want[3] = (char)('0' + y % 10);
		want[4] = '-';
		want[5] = (char)('0' + m / 10);
		want[6] = (char)('0' + m % 10);
		want[7] = '-';
		want[8] = (char)('0' + md / 10);
		want[9] = (char)('0' + md % 10);
		want[10] = '\0';
		assert_string_equal(buf, want);
		pw_day back = -1;
		assert_int_equal(pw_day_parse(buf, &back), 0);
		assert_int_equal(back, d);
		int yy, mm, dd;
		pw_day_to_ymd(d, &yy, &mm, &dd);
		assert_int_equal(yy, y);
		assert_int_equal(mm, m);
		assert_int_equal(dd, md);
		assert_int_equal(pw_day_from_ymd(y, m, md), d);

		static const int dim[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (++md > dim[m] + (m == 2 && leap)) {
			md = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(y, 2101);
}

static void bad_dates_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31",
		"2025-02-29", "2100-02-29", "2026-01-011", "2026-01-01 ", "2026-01-01T00:00",
		" 2026-01-01", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01",
		"2026-01-0a", "+026-01-01", "-026-01-01", "", "2026", "2026-01-",
		"2026-01-01\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		pw_day d = 12345;
		assert_int_equal(pw_day_parse(bad[i], &d), -1);
		assert_int_equal(d, 12345); /* untouched on failure */
	}
	pw_day d;
	assert_int_equal(pw_day_parse(NULL, &d), -1);
	assert_int_equal(pw_day_parse("2026-01-01", NULL), -1);
	/* Leap days that exist. */
	assert_int_equal(pw_day_parse("2024-02-29", &d), 0);
	assert_int_equal(pw_day_parse("2000-02-29", &d), 0);
	/* The whole four-digit range, before the epoch too. */
	assert_int_equal(pw_day_parse("0000-01-01", &d), 0);
	assert_day(d, "0000-01-01");
	assert_int_equal(pw_day_parse("1969-12-31", &d), 0);
	assert_int_equal(d, -1);
	assert_int_equal(pw_day_parse("9999-12-31", &d), 0);
	assert_day(d, "9999-12-31");
}

static void format_out_of_range(void **state)
{
	(void)state;
	pw_day d;
	assert_int_equal(pw_day_parse("9999-12-31", &d), 0);
	assert_day(d + 1, "0000-00-00");
	assert_int_equal(pw_day_parse("0000-01-01", &d), 0);
	assert_day(d - 1, "0000-00-00");
	assert_day(INT32_MAX, "0000-00-00");
	assert_day(INT32_MIN, "0000-00-00");
	pw_day back;
	assert_int_equal(pw_day_parse("0000-00-00", &back), -1);
}

static void weekdays_known(void **state)
{
	(void)state;
	assert_int_equal(pw_day_weekday(D("2026-11-29")), 7); /* Sunday */
	assert_int_equal(pw_day_weekday(D("1970-01-01")), 4); /* Thursday */
	assert_int_equal(pw_day_weekday(D("1969-12-29")), 1); /* Monday, before the epoch */
	assert_int_equal(pw_day_weekday(D("2025-08-18")), 1);
	assert_int_equal(pw_day_weekday(D("2000-01-01")), 6);
	assert_int_equal(pw_day_weekday(D("2026-03-29")), 7);
	assert_int_equal(pw_day_weekday(D("2026-10-25")), 7);
	assert_int_equal(pw_day_weekday(D("2025-12-25")), 4);
	/* Consecutive days cycle 1..7 everywhere, the range ends included. */
	for (pw_day d = -1000; d < 1000; d++)
		assert_int_equal(pw_day_weekday(d + 1), pw_day_weekday(d) % 7 + 1);
	assert_int_equal(pw_day_weekday(INT32_MAX), pw_day_weekday(INT32_MAX - 1) % 7 + 1);
	assert_int_equal(pw_day_weekday(INT32_MIN + 1), pw_day_weekday(INT32_MIN) % 7 + 1);
}

static void iso_weeks(void **state)
{
	(void)state;
	assert_int_equal(pw_day_iso_week(D("2025-08-18")), 34);
	assert_int_equal(pw_day_iso_week(D("2026-01-01")), 1);  /* a Thursday */
	assert_int_equal(pw_day_iso_week(D("2025-12-29")), 1);  /* Monday of 2026-W01 */
	assert_int_equal(pw_day_iso_week(D("2025-12-28")), 52);
	assert_int_equal(pw_day_iso_week(D("2021-01-03")), 53); /* 2020 had 53 weeks */
	assert_int_equal(pw_day_iso_week(D("2021-01-04")), 1);
	assert_int_equal(pw_day_iso_week(D("2026-12-31")), 53); /* 2026 has 53 */
	assert_int_equal(pw_day_iso_week(D("2027-01-03")), 53);
	assert_int_equal(pw_day_iso_week(D("2027-01-04")), 1);
	assert_int_equal(pw_day_iso_week(D("2024-12-30")), 1);
	/* Never 0 or 54, and constant Monday..Sunday. */
	for (pw_day d = D("2000-01-03"); d < D("2040-01-01"); d++) {
		int w = pw_day_iso_week(d);
		assert_true(w >= 1 && w <= 53);
		if (pw_day_weekday(d) != 1)
			assert_int_equal(w, pw_day_iso_week(d - 1));
	}
}

static void amsterdam_dst_switches_2026(void **state)
{
	(void)state;
	/* Spring: 01:00 UTC on Sunday 29 March, 02:00 CET becomes 03:00 CEST. */
	assert_int_equal(pw_amsterdam_offset(utc("2026-03-29", 0, 59, 59)), 3600);
	assert_int_equal(pw_amsterdam_offset(utc("2026-03-29", 1, 0, 0)), 7200);
	assert_int_equal(pw_amsterdam_offset(utc("2026-03-22", 1, 0, 0)), 3600);
	/* Midnight in Amsterdam on the evenings around the switch. */
	assert_day(pw_day_from_unix(utc("2026-03-28", 22, 59, 59)), "2026-03-28");
	assert_day(pw_day_from_unix(utc("2026-03-28", 23, 0, 0)), "2026-03-29");
	assert_day(pw_day_from_unix(utc("2026-03-29", 21, 59, 59)), "2026-03-29");
	assert_day(pw_day_from_unix(utc("2026-03-29", 22, 0, 0)), "2026-03-30");
	/* Autumn: 01:00 UTC on Sunday 25 October, 03:00 CEST becomes 02:00 CET. */
	assert_int_equal(pw_amsterdam_offset(utc("2026-10-25", 0, 59, 59)), 7200);
	assert_int_equal(pw_amsterdam_offset(utc("2026-10-25", 1, 0, 0)), 3600);
	assert_int_equal(pw_amsterdam_offset(utc("2026-10-18", 1, 0, 0)), 7200);
	assert_day(pw_day_from_unix(utc("2026-10-24", 21, 59, 59)), "2026-10-24");
	assert_day(pw_day_from_unix(utc("2026-10-24", 22, 0, 0)), "2026-10-25");
	assert_day(pw_day_from_unix(utc("2026-10-25", 22, 59, 59)), "2026-10-25");
	assert_day(pw_day_from_unix(utc("2026-10-25", 23, 0, 0)), "2026-10-26");
}

static void amsterdam_midnight(void **state)
{
	(void)state;
	/* Winter: UTC+1. A 00:30 Tuesday signal in Amsterdam is Monday in UTC. */
	assert_day(pw_day_from_unix(utc("2026-01-12", 23, 30, 0)), "2026-01-13");
	assert_day(pw_day_from_unix(utc("2026-01-12", 22, 59, 59)), "2026-01-12");
	assert_day(pw_day_from_unix(utc("2026-01-12", 23, 0, 0)), "2026-01-13");
	assert_day(pw_day_from_unix(utc("2026-01-13", 0, 0, 0)), "2026-01-13");
	/* Summer: UTC+2. */
	assert_day(pw_day_from_unix(utc("2026-06-15", 21, 59, 59)), "2026-06-15");
	assert_day(pw_day_from_unix(utc("2026-06-15", 22, 0, 0)), "2026-06-16");
	/* New Year and the epoch, including negative seconds. */
	assert_day(pw_day_from_unix(utc("2025-12-31", 22, 59, 59)), "2025-12-31");
	assert_day(pw_day_from_unix(utc("2025-12-31", 23, 0, 0)), "2026-01-01");
	assert_day(pw_day_from_unix(0), "1970-01-01");
	assert_day(pw_day_from_unix(-3601), "1969-12-31");
	assert_day(pw_day_from_unix(-3600), "1970-01-01");
}

static void amsterdam_dst_other_years(void **state)
{
	(void)state;
	/* The last Sundays of March and October, from the published tables. */
	static const char *const switches[][2] = {
		{ "2024-03-31", "2024-10-27" }, { "2025-03-30", "2025-10-26" },
		{ "2027-03-28", "2027-10-31" }, { "2028-03-26", "2028-10-29" },
		{ "2030-03-31", "2030-10-27" },
	};
	for (size_t i = 0; i < sizeof switches / sizeof switches[0]; i++) {
		int64_t on = utc(switches[i][0], 1, 0, 0), off = utc(switches[i][1], 1, 0, 0);
		assert_int_equal(pw_amsterdam_offset(on - 1), 3600);
		assert_int_equal(pw_amsterdam_offset(on), 7200);
		assert_int_equal(pw_amsterdam_offset(off - 1), 7200);
		assert_int_equal(pw_amsterdam_offset(off), 3600);
		assert_int_equal(pw_amsterdam_offset(on - 7 * 86400), 3600);
		assert_int_equal(pw_amsterdam_offset(off - 7 * 86400), 7200);
	}
	/* Every hour of a year: the offset changes exactly twice. */
	int changes = 0;
	for (int64_t t = utc("2026-01-01", 0, 0, 0); t < utc("2027-01-01", 0, 0, 0); t += 3600)
		changes += pw_amsterdam_offset(t) != pw_amsterdam_offset(t + 3600);
	assert_int_equal(changes, 2);
}

static void unix_extremes_saturate(void **state)
{
	(void)state;
	assert_int_equal(pw_day_from_unix(INT64_MAX), INT32_MAX);
	assert_int_equal(pw_day_from_unix(INT64_MIN), INT32_MIN);
	assert_int_equal(pw_amsterdam_offset(INT64_MAX), 3600);
	assert_int_equal(pw_amsterdam_offset(INT64_MIN), 3600);
	assert_int_equal(pw_day_from_unix((int64_t)INT32_MAX * 86400), INT32_MAX);
	assert_int_equal(pw_day_from_unix((int64_t)INT32_MIN * 86400), INT32_MIN);
}

static void school_days_skip_weekends_and_holidays(void **state)
{
	(void)state;
	struct pw_calendar c = year_2025();
	assert_true(pw_cal_is_school_day(&c, D("2025-08-18")));  /* Monday, first day */
	assert_false(pw_cal_is_school_day(&c, D("2025-08-23"))); /* Saturday */
	assert_false(pw_cal_is_school_day(&c, D("2025-08-24"))); /* Sunday */
	assert_true(pw_cal_is_school_day(&c, D("2025-10-17")));  /* Friday before herfst */
	for (pw_day d = D("2025-10-18"); d <= D("2025-10-26"); d++)
		assert_false(pw_cal_is_school_day(&c, d));
	assert_true(pw_cal_is_school_day(&c, D("2025-10-27")));
	assert_false(pw_cal_is_school_day(&c, D("2026-01-02"))); /* kerst */
	assert_true(pw_cal_is_school_day(&c, D("2026-01-05")));
	assert_false(pw_cal_is_school_day(&c, D("2026-07-06"))); /* zomer, after the year's last lessons */
	/* A full week: 5 school days; the herfst week: none. */
	assert_int_equal(pw_cal_school_days_between(&c, D("2025-10-12"), D("2025-10-19")), 5);
	assert_int_equal(pw_cal_school_days_between(&c, D("2025-10-19"), D("2025-10-26")), 0);
	/* The whole year against the day-by-day count. */
	assert_int_equal(pw_cal_school_days_between(&c, D("2025-08-17"), D("2026-07-03")),
	                 ref_between(&c, D("2025-08-17"), D("2026-07-03")));
	/* With no holidays, just weekdays; NULL holidays allowed when empty. */
	struct pw_calendar none = { D("2025-08-18"), D("2026-08-16"), NULL, 0 };
	assert_true(pw_cal_is_school_day(&none, D("2025-10-20")));
	assert_int_equal(pw_cal_school_days_between(&none, D("2025-08-17"), D("2025-08-31")), 10);
}

static void due_thursday_plus_3_is_tuesday(void **state)
{
	(void)state;
	struct pw_calendar c = year_2025();
	pw_day thu = D("2025-09-04");
	assert_int_equal(pw_day_weekday(thu), 4);
	pw_day due = pw_cal_add_school_days(&c, thu, 3);
	assert_day(due, "2025-09-09");
	assert_int_equal(pw_day_weekday(due), 2);
	assert_int_equal(pw_cal_school_days_between(&c, thu, due), 3);
	/* n = 0 is the day itself, also on a weekend. */
	assert_int_equal(pw_cal_add_school_days(&c, thu, 0), thu);
	assert_int_equal(pw_cal_add_school_days(&c, D("2025-09-06"), 0), D("2025-09-06"));
	/* From a Saturday, the first school day is Monday. */
	assert_day(pw_cal_add_school_days(&c, D("2025-09-06"), 1), "2025-09-08");
	/* And back: 3 school days before that Tuesday is the Thursday. */
	assert_day(pw_cal_add_school_days(&c, due, -3), "2025-09-04");
}

static void due_across_holiday(void **state)
{
	(void)state;
	struct pw_calendar c = year_2025();
	/* Thursday before the herfstvakantie: Friday, then Monday and Tuesday after. */
	assert_day(pw_cal_add_school_days(&c, D("2025-10-16"), 3), "2025-10-28");
	/* 10 school days to evaluate agreements made before kerst. */
	assert_day(pw_cal_add_school_days(&c, D("2025-12-15"), 10), "2026-01-12");
	/* Filed in the holiday itself: counting starts after it. */
	assert_day(pw_cal_add_school_days(&c, D("2026-02-17"), 2), "2026-02-24");
	/* Backwards over the meivakantie. */
	assert_day(pw_cal_add_school_days(&c, D("2026-05-05"), -2), "2026-04-24");
}

static void past_end_counts_weekdays(void **state)
{
	(void)state;
	/* A year ending on its last lesson day, the summer holiday listed. */
	struct pw_calendar c = year_2025();
	c.end = D("2026-07-03");
	/* The listed summer holiday still counts as a holiday after the end... */
	assert_day(pw_cal_add_school_days(&c, D("2026-07-02"), 2), "2026-08-17");
	/* ...and beyond it every weekday counts: the next year's holidays are unknown. */
	assert_day(pw_cal_add_school_days(&c, D("2026-10-15"), 3), "2026-10-20");
	assert_true(pw_cal_is_school_day(&c, D("2026-10-20")));
	assert_int_equal(pw_cal_school_days_between(&c, D("2026-08-16"), D("2026-12-31")),
	                 ref_between(&c, D("2026-08-16"), D("2026-12-31")));
	/* Before the start: weekdays too. */
	assert_true(pw_cal_is_school_day(&c, D("2025-08-15")));
}

static void add_matches_reference(void **state)
{
	(void)state;
	struct pw_calendar c = year_2025();
	/* Unsorted, overlapping, touching, nested and empty ranges. */
	const struct pw_day_range messy[] = {
		{ D("2026-02-18"), D("2026-02-22") }, { D("2025-10-20"), D("2025-10-24") },
		{ D("2026-02-14"), D("2026-02-19") }, { D("2025-10-18"), D("2025-10-26") },
		{ D("2025-10-27"), D("2025-10-28") }, { D("2025-12-01"), D("2025-11-01") },
		{ D("2025-12-20"), D("2026-01-04") }, { D("2025-12-22"), D("2025-12-23") },
		{ D("2026-01-05"), D("2026-01-05") }, { D("2026-03-06"), D("2026-03-06") },
		{ D("2026-04-25"), D("2026-05-03") }, { D("2026-04-20"), D("2026-04-27") },
	};
	struct pw_calendar m = { c.start, c.end, messy, sizeof messy / sizeof messy[0] };
	const struct pw_calendar *cals[] = { &c, &m };
	for (size_t k = 0; k < 2; k++) {
		const struct pw_calendar *cal = cals[k];
		for (pw_day d = D("2025-08-01"); d <= D("2026-09-30"); d++) {
			assert_int_equal(pw_cal_is_school_day(cal, d), ref_is_school_day(cal, d));
			for (int n = -25; n <= 25; n++) {
				pw_day got = pw_cal_add_school_days(cal, d, n);
				assert_int_equal(got, ref_add(cal, d, n));
				if (n >= 0)
					assert_int_equal(pw_cal_school_days_between(cal, d, got), n);
			}
		}
	}
	/* A large n: about 5 of every 7 days. */
	pw_day far = pw_cal_add_school_days(&c, D("2025-08-17"), 100000);
	assert_int_equal(pw_cal_school_days_between(&c, D("2025-08-17"), far), 100000);
	assert_true(pw_cal_is_school_day(&c, far));
}

static void between_symmetric(void **state)
{
	(void)state;
	struct pw_calendar c = year_2025();
	for (pw_day a = D("2025-08-10"); a <= D("2026-08-31"); a += 3) {
		for (pw_day b = a - 40; b <= a + 40; b++) {
			int ab = pw_cal_school_days_between(&c, a, b);
			assert_int_equal(ab, -pw_cal_school_days_between(&c, b, a));
			assert_int_equal(ab, ref_between(&c, a, b));
		}
		assert_int_equal(pw_cal_school_days_between(&c, a, a), 0);
	}
	/* b before a is negative. */
	assert_int_equal(pw_cal_school_days_between(&c, D("2025-09-09"), D("2025-09-04")), -3);
	/* The extremes neither overflow nor lose the symmetry. */
	int all = pw_cal_school_days_between(&c, INT32_MIN, INT32_MAX);
	assert_int_equal(all, INT_MAX);
	assert_int_equal(pw_cal_school_days_between(&c, INT32_MAX, INT32_MIN), -INT_MAX);
	assert_int_equal(pw_cal_add_school_days(&c, INT32_MAX - 1, INT_MAX), INT32_MAX);
	assert_int_equal(pw_cal_add_school_days(&c, INT32_MIN + 1, INT_MIN), INT32_MIN);
}

static void week_of_year(void **state)
{
	(void)state;
	struct pw_calendar c = year_2025();
	assert_int_equal(pw_cal_week_of_year(&c, D("2025-08-17")), 0);
	assert_int_equal(pw_cal_week_of_year(&c, D("2025-08-11")), 0);
	assert_int_equal(pw_cal_week_of_year(&c, D("2025-08-18")), 1);
	assert_int_equal(pw_cal_week_of_year(&c, D("2025-08-24")), 1);
	assert_int_equal(pw_cal_week_of_year(&c, D("2025-08-25")), 2);
	assert_int_equal(pw_cal_week_of_year(&c, D("2025-08-31")), 2);
	assert_int_equal(pw_cal_week_of_year(&c, D("2025-09-01")), 3);
	/* Holiday weeks count: herfstvakantie is week 10, the week after it 11. */
	assert_int_equal(pw_cal_week_of_year(&c, D("2025-10-20")), 10);
	assert_int_equal(pw_cal_week_of_year(&c, D("2025-10-27")), 11);
	/* Across New Year. */
	assert_int_equal(pw_cal_week_of_year(&c, D("2026-01-05")), 21);
	/* A start mid-week: week 1 is still that whole calendar week. */
	struct pw_calendar w = { D("2025-08-20"), D("2026-07-31"), NULL, 0 };
	assert_int_equal(pw_cal_week_of_year(&w, D("2025-08-19")), 0);
	assert_int_equal(pw_cal_week_of_year(&w, D("2025-08-20")), 1);
	assert_int_equal(pw_cal_week_of_year(&w, D("2025-08-24")), 1);
	assert_int_equal(pw_cal_week_of_year(&w, D("2025-08-25")), 2);
}

static void schoolyear_names(void **state)
{
	(void)state;
	int y = 0;
	assert_int_equal(pw_schoolyear_name_parse("2025-2026", &y), 0);
	assert_int_equal(y, 2025);
	char buf[10];
	pw_schoolyear_name(2025, buf);
	assert_string_equal(buf, "2025-2026");
	pw_schoolyear_name(1999, buf);
	assert_string_equal(buf, "1999-2000");
	pw_schoolyear_name(9998, buf);
	assert_string_equal(buf, "9998-9999");
	pw_schoolyear_name(9999, buf);
	assert_string_equal(buf, "0000-0000");
	pw_schoolyear_name(-1, buf);
	assert_string_equal(buf, "0000-0000");
	static const char *const bad[] = {
		"2025-2025", "2025-2027", "2026-2025", "2025/2026", "2025-26",
		"25-26", "2025-2026 ", " 2025-2026", "2025-20266", "2025", "",
		"0000-0000", "20a5-2026", "2025–2026",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		y = 42;
		assert_int_equal(pw_schoolyear_name_parse(bad[i], &y), -1);
		assert_int_equal(y, 42);
	}
	assert_int_equal(pw_schoolyear_name_parse(NULL, &y), -1);
	assert_int_equal(pw_schoolyear_name_parse("2025-2026", NULL), -1);
	for (int first = 0; first <= 9998; first++) {
		pw_schoolyear_name(first, buf);
		assert_int_equal(pw_schoolyear_name_parse(buf, &y), 0);
		assert_int_equal(y, first);
	}
}

static void schoolyear_of_default_rule(void **state)
{
	(void)state;
	assert_int_equal(pw_schoolyear_of(D("2025-07-31")), 2024);
	assert_int_equal(pw_schoolyear_of(D("2025-08-01")), 2025);
	assert_int_equal(pw_schoolyear_of(D("2025-12-31")), 2025);
	assert_int_equal(pw_schoolyear_of(D("2026-01-01")), 2025);
	assert_int_equal(pw_schoolyear_of(D("2026-07-31")), 2025);
	assert_int_equal(pw_schoolyear_of(D("2026-08-01")), 2026);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_format_round_trip),
		cmocka_unit_test(bad_dates_refused),
		cmocka_unit_test(format_out_of_range),
		cmocka_unit_test(weekdays_known),
		cmocka_unit_test(iso_weeks),
		cmocka_unit_test(amsterdam_dst_switches_2026),
		cmocka_unit_test(amsterdam_midnight),
		cmocka_unit_test(amsterdam_dst_other_years),
		cmocka_unit_test(unix_extremes_saturate),
		cmocka_unit_test(school_days_skip_weekends_and_holidays),
		cmocka_unit_test(due_thursday_plus_3_is_tuesday),
		cmocka_unit_test(due_across_holiday),
		cmocka_unit_test(past_end_counts_weekdays),
		cmocka_unit_test(add_matches_reference),
		cmocka_unit_test(between_symmetric),
		cmocka_unit_test(week_of_year),
		cmocka_unit_test(schoolyear_names),
		cmocka_unit_test(schoolyear_of_default_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
