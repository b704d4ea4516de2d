/* iCalendar (RFC 5545) text, pure formatting: no store, no clock. A feed is
 * built line by line into a buffer; every content line ends in CRLF and is
 * folded so that no physical line exceeds 75 octets (section 3.1), never
 * inside a UTF-8 sequence. */
#ifndef PW_CORE_ICAL_H
#define PW_CORE_ICAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "util/buf.h"

/* Appends value escaped as TEXT (section 3.3.11): backslash, semicolon and
 * comma get a backslash, a newline becomes \n, other control characters
 * (which TEXT may not hold) are dropped. */
void pw_ical_escape(struct pw_buf *b, const char *value);

/* Appends one content line "name:value" (value already in its final form,
 * e.g. escaped), folded at 75 octets with CRLF + space, ending in CRLF. */
void pw_ical_line(struct pw_buf *b, const char *name, const char *value);

/* The same with value escaped as TEXT first. */
void pw_ical_text(struct pw_buf *b, const char *name, const char *value);

/* One all-day event on day. uid must be globally unique and stable for the
 * item; dtstamp in seconds (UTC). summary is plain text (escaped here). */
void pw_ical_event(struct pw_buf *b, const char *uid, int64_t dtstamp, pw_day day, const char *summary);

/* BEGIN:VCALENDAR with VERSION, PRODID and the calendar's name; and its end. */
void pw_ical_begin(struct pw_buf *b, const char *name);
void pw_ical_end(struct pw_buf *b);

#endif
