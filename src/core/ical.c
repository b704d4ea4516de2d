/* iCalendar formatting (core/ical.h). */
#include "core/ical.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void pw_ical_escape(struct pw_buf *b, const char *value)
{
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		switch (*p) {
		case '\\': pw_buf_puts(b, "\\\\"); break;
		case ';': pw_buf_puts(b, "\\;"); break;
		case ',': pw_buf_puts(b, "\\,"); break;
		case '\n': pw_buf_puts(b, "\\n"); break;
		case '\r':
			/* CRLF becomes one \n; a lone CR also means a line break. */
			if (p[1] != '\n')
				pw_buf_puts(b, "\\n");
			break;
		default:
			/* TEXT allows no control characters besides HTAB (section 3.3.11). */
			if (*p >= 0x20 && *p != 0x7f)
				pw_buf_putc(b, (char)*p);
			else if (*p == '\t')
				pw_buf_putc(b, '\t');
			break;
		}
	}
}

void pw_ical_line(struct pw_buf *b, const char *name, const char *value)
{
	size_t nl = strlen(name), vl = strlen(value);
	/* The whole logical line, then cut it: the name counts toward the 75. */
	struct pw_buf l;
	pw_buf_init(&l);
	pw_buf_put(&l, name, nl);
	pw_buf_putc(&l, ':');
	pw_buf_put(&l, value, vl);
	const unsigned char *s = (const unsigned char *)l.data;
	size_t n = l.len, i = 0;
	int first = 1;
	while (i < n) {
		/* A continuation line starts with a space, which is one of its 75 octets. */
		size_t room = first ? 75 : 74, take = n - i;
		if (take > room) {
			take = room;
			/* Never cut a UTF-8 sequence: back off to its lead byte. */
			while (take > 0 && (s[i + take] & 0xC0) == 0x80)
				take--;
			if (take == 0) /* not UTF-8 at all: cut anyway rather than loop */
				take = room;
		}
		if (!first)
			pw_buf_putc(b, ' ');
		pw_buf_put(b, s + i, take);
		pw_buf_puts(b, "\r\n");
		i += take;
		first = 0;
	}
	if (n == 0)
		pw_buf_puts(b, "\r\n");
	pw_buf_free(&l);
}

void pw_ical_text(struct pw_buf *b, const char *name, const char *value)
{
	struct pw_buf v;
	pw_buf_init(&v);
	pw_ical_escape(&v, value);
	pw_buf_putc(&v, '\0');
	pw_ical_line(b, name, v.data);
	pw_buf_free(&v);
}

void pw_ical_event(struct pw_buf *b, const char *uid, int64_t dtstamp, pw_day day, const char *summary)
{
	char stamp[32], date[16], next[16];
	time_t t = (time_t)dtstamp;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	int y, m, d;
	pw_day_to_ymd(day, &y, &m, &d);
	snprintf(date, sizeof date, "%04d%02d%02d", y, m, d);
	/* An all-day event: DTEND is exclusive, the next day (section 3.6.1). */
	pw_day_to_ymd(day + 1, &y, &m, &d);
	snprintf(next, sizeof next, "%04d%02d%02d", y, m, d);
	pw_ical_line(b, "BEGIN", "VEVENT");
	pw_ical_text(b, "UID", uid);
	pw_ical_line(b, "DTSTAMP", stamp);
	pw_ical_line(b, "DTSTART;VALUE=DATE", date);
	pw_ical_line(b, "DTEND;VALUE=DATE", next);
	pw_ical_text(b, "SUMMARY", summary);
	/* Free time: a reminder of a deadline, not a meeting that blocks the day. */
	pw_ical_line(b, "TRANSP", "TRANSPARENT");
	pw_ical_line(b, "END", "VEVENT");
}

void pw_ical_begin(struct pw_buf *b, const char *name)
{
	pw_ical_line(b, "BEGIN", "VCALENDAR");
	pw_ical_line(b, "VERSION", "2.0");
	pw_ical_line(b, "PRODID", "-//Pestwijzer//Pestwijzer//NL");
	pw_ical_line(b, "CALSCALE", "GREGORIAN");
	pw_ical_line(b, "METHOD", "PUBLISH");
	pw_ical_text(b, "X-WR-CALNAME", name);
}

void pw_ical_end(struct pw_buf *b)
{
	pw_ical_line(b, "END", "VCALENDAR");
}
