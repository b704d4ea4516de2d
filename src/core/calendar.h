/* The school calendar: dates, school days and school years.
 *
 * The protocol's due times are counted in school days (Monday to Friday,
 * minus the school's holidays), so every deadline in the product goes
 * through here. The module is pure: no I/O, no allocation, no dependence on
 * the process's TZ or locale, so the same input gives the same deadline on a
 * developer's laptop, in CI and on the server, and tests need no set-up.
 *
 * Dates are whole civil days (pw_day), not timestamps: a deadline is "on
 * Tuesday", whatever the hour. Timestamps (UTC seconds) become days only
 * through pw_day_from_unix, which takes the Amsterdam date, because the
 * school's day is the Dutch day, not the UTC one. */
#ifndef PW_CORE_CALENDAR_H
#define PW_CORE_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 in the proleptic Gregorian calendar. A plain integer
 * so that "n days later" is addition and dates compare with < and ==. */
typedef int32_t pw_day;

/* Parses strict "YYYY-MM-DD" (exactly ten characters, nothing after) and
 * refuses dates that do not exist (2026-02-30, 2026-13-01, 2026-00-10).
 * Strict because dates arrive from forms and the database, and a lenient
 * parser would silently turn a typo into a different, valid-looking
 * deadline. Years 0000..9999. Returns 0 and sets *out, or -1 (leaving *out
 * alone) on anything else, including NULL. */
int pw_day_parse(const char *s, pw_day *out);

/* Writes d as "YYYY-MM-DD" plus NUL, the storage format. Days outside years
 * 0000..9999 cannot be written in that format; they come out as
 * "0000-00-00", which pw_day_parse refuses, so such a value cannot be stored
 * and read back as some other date by accident. */
void pw_day_format(pw_day d, char out[11]);

/* The civil date of d, and back. Provided so callers never redo the
 * Gregorian arithmetic themselves (birthdays, "1 August" rules). from_ymd
 * does not check the date; use pw_day_parse for untrusted input. */
void pw_day_to_ymd(pw_day d, int *year, int *month, int *mday);
pw_day pw_day_from_ymd(int year, int month, int mday);

/* ISO weekday: 1 = Monday .. 7 = Sunday, so "is a weekday" is <= 5. */
int pw_day_weekday(pw_day d);

/* The offset of Europe/Amsterdam from UTC at the instant secs (seconds since
 * the epoch, UTC): 3600 (CET) or 7200 (CEST). The EU rule is built in rather
 * than asked of the C library because the server's TZ and tzdata are outside
 * our control and a deadline must not move with them. The current rule (last
 * Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC) is applied
 * to every year; instants before 1996, when the rule differed, may be off by
 * an hour, which no school record needs. */
int32_t pw_amsterdam_offset(int64_t secs);

/* The civil date in Europe/Amsterdam at the instant secs (UTC). Time is
 * stored in UTC, but a signal filed at 00:30 on a Tuesday in Amsterdam is a
 * Tuesday signal, although it is still Monday in UTC. Instants beyond the
 * pw_day range saturate at its ends. */
pw_day pw_day_from_unix(int64_t secs);

/* The ISO 8601 week number (1..53), the one Dutch school planners and
 * diaries print; weeks start on Monday and week 1 holds the year's first
 * Thursday, so early-January days can be in week 52/53 of the year before. */
int pw_day_iso_week(pw_day d);

/* An inclusive range of days, e.g. a holiday from its first to its last day
 * as the government publishes them (herfstvakantie 2025-10-18..2025-10-26). */
struct pw_day_range {
	pw_day from, to;
};

/* One school year of one school, as the caller's data; nothing is copied.
 * holidays may be unsorted and overlapping, because they are typed in by
 * people and merging them is the module's job, not theirs. Ranges with
 * from > to are empty. */
struct pw_calendar {
	pw_day start, end; /* first and last day of the school year, inclusive */
	const struct pw_day_range *holidays; /* nholidays entries; may be NULL if 0 */
	size_t nholidays;
};

/* Whether d counts towards a due time: Monday to Friday and in none of the
 * holiday ranges. Days outside [start, end] follow the same rule: beyond the
 * year the next year's holidays are unknown, so weekdays count, but a listed
 * holiday counts as a holiday wherever it falls (the summer holiday usually
 * runs past the last school day and a deadline must not land inside it). */
int pw_cal_is_school_day(const struct pw_calendar *c, pw_day d);

/* The n-th school day after from, counting from the day after (the protocol
 * counts "within 3 school days" from the day after the event, so a Thursday
 * signal is due the next Tuesday); from itself need not be a school day.
 * n = 0 returns from. Negative n gives the |n|-th school day before from
 * (for reminders ahead of a due time). Counting simply goes on past the
 * calendar's end, so a due time is always defined. Cost grows with the
 * number of holidays and only logarithmically with n. Results beyond the
 * pw_day range saturate. */
pw_day pw_cal_add_school_days(const struct pw_calendar *c, pw_day from, int n);

/* The number of school days d with a < d <= b: how many school days of a
 * due time have passed between the event (a) and today (b), in the same
 * convention as pw_cal_add_school_days, so that
 * between(c, x, add(c, x, n)) == n for n >= 0. Negative when b < a, and
 * between(c, a, b) == -between(c, b, a). Computed per holiday, not per day,
 * because reports evaluate it for every signal of a year. */
int pw_cal_school_days_between(const struct pw_calendar *c, pw_day a, pw_day b);

/* "Week N of the school year" (the protocol lesson is in week 2): week 1 is
 * the calendar week (Monday..Sunday) holding the start date, and holiday
 * weeks count like any other week, because schools plan by the calendar, not
 * by teaching weeks. 0 before the start; after the end the count goes on,
 * since which year a day belongs to is the caller's choice. */
int pw_cal_week_of_year(const struct pw_calendar *c, pw_day d);

/* School year names are "2025-2026": the school year is a first-class type,
 * named the way schools write it, and identified by its first year. Parse is
 * strict (exactly "YYYY-YYYY", the second year the first plus one) so that a
 * mistyped "2025-2025" is refused rather than becoming a year nobody meant.
 * Returns 0 and sets *first_year, or -1. */
int pw_schoolyear_name_parse(const char *name, int *first_year);

/* Writes the name of the school year starting in first_year, plus NUL. Years
 * outside 0000..9998 give "0000-0000", which the parser refuses. */
void pw_schoolyear_name(int first_year, char out[10]);

/* The school year d belongs to when the school has not entered its years:
 * the year starting 1 August (the legal start of the Dutch school year), so
 * the first_year is d's year from 1 August on, the year before until then. */
int pw_schoolyear_of(pw_day d);

#endif
