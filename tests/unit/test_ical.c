/* iCalendar formatting (core/ical.c): TEXT escaping, CRLF line ends and
 * folding at 75 octets without cutting a UTF-8 character. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/ical.h"

static char *escaped(struct pw_buf *b, const char *s)
{
	b->len = 0;
	pw_ical_escape(b, s);
	pw_buf_putc(b, '\0');
	return b->data;
}

static void test_escape(void **state)
{
	(void)state;
	struct pw_buf b;
	pw_buf_init(&b);
	assert_string_equal(escaped(&b, "a,b;c\\d"), "a\\,b\\;c\\\\d");
	assert_string_equal(escaped(&b, "regel 1\nregel 2\r\nregel 3\rregel 4"), "regel 1\\nregel 2\\nregel 3\\nregel 4");
	/* Control characters other than HTAB are not allowed in TEXT. */
	assert_string_equal(escaped(&b, "a\x01" "b\tc\x7f"), "ab\tc");
	assert_string_equal(escaped(&b, "Gesprek met de pester"), "Gesprek met de pester");
	pw_buf_free(&b);
}

/* Checks every physical line of s ends in CRLF, is at most 75 octets, and
 * that unfolding gives want. */
static void check_folded(const char *s, size_t n, const char *want)
{
	char un[4096];
	size_t u = 0;
	size_t i = 0;
	int first = 1;
	while (i < n) {
		const char *crlf = strstr(s + i, "\r\n");
		assert_non_null(crlf);
		size_t len = (size_t)(crlf - (s + i));
		assert_true(len <= 75);
		assert_null(memchr(s + i, '\n', len));
		assert_null(memchr(s + i, '\r', len));
		size_t from = i;
		if (!first) {
			assert_int_equal(s[i], ' ');
			from++;
		} else
			assert_true(len > 0);
		/* The first octet of each physical line is never a UTF-8 continuation. */
		if (from < i + len)
			assert_true(((unsigned char)s[from] & 0xC0) != 0x80);
		memcpy(un + u, s + from, len - (from - i));
		u += len - (from - i);
		i += len + 2;
		first = 0;
	}
	un[u] = '\0';
	assert_string_equal(un, want);
}

static void test_fold(void **state)
{
	(void)state;
	struct pw_buf b;
	pw_buf_init(&b);
	pw_ical_line(&b, "VERSION", "2.0");
	assert_int_equal(b.len, strlen("VERSION:2.0\r\n"));
	assert_memory_equal(b.data, "VERSION:2.0\r\n", b.len);

	/* Exactly 75 octets stays one line; 76 folds. */
	char v[200];
	memset(v, 'x', sizeof v);
	v[75 - 8] = '\0'; /* "SUMMARY:" is 8 */
	b.len = 0;
	pw_ical_line(&b, "SUMMARY", v);
	assert_int_equal(b.len, 77);
	v[75 - 8] = 'x';
	v[76 - 8] = '\0';
	b.len = 0;
	pw_ical_line(&b, "SUMMARY", v);
	assert_int_equal(b.len, 75 + 2 + 1 + 1 + 2);
	char want1[300];
	snprintf(want1, sizeof want1, "SUMMARY:%s", v);
	check_folded(b.data, b.len, want1);

	/* Long text with multi-octet characters: folded between characters. */
	char want[4096], text[2048] = "";
	for (int k = 0; k < 40; k++)
		strncat(text, "één ëë, ", sizeof text - strlen(text) - 1);
	b.len = 0;
	pw_ical_text(&b, "SUMMARY", text);
	struct pw_buf e;
	pw_buf_init(&e);
	pw_ical_escape(&e, text);
	pw_buf_putc(&e, '\0');
	snprintf(want, sizeof want, "SUMMARY:%s", e.data);
	check_folded(b.data, b.len, want);
	pw_buf_free(&e);
	pw_buf_free(&b);
}

static void test_event(void **state)
{
	(void)state;
	struct pw_buf b;
	pw_buf_init(&b);
	pw_ical_begin(&b, "Pestwijzer");
	pw_ical_event(&b, "casus-12-stap-mentor.gesprek_pester@pestwijzer", 0, pw_day_from_ymd(2026, 12, 31),
		      "Casus 12: Gesprek met de pester");
	pw_ical_end(&b);
	pw_buf_putc(&b, '\0');
	const char *s = b.data;
	assert_non_null(strstr(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(s, "\r\nDTSTAMP:19700101T000000Z\r\n"));
	assert_non_null(strstr(s, "\r\nDTSTART;VALUE=DATE:20261231\r\n"));
	/* DTEND is exclusive: the next day, across the year's end. */
	assert_non_null(strstr(s, "\r\nDTEND;VALUE=DATE:20270101\r\n"));
	assert_non_null(strstr(s, "\r\nSUMMARY:Casus 12: Gesprek met de pester\r\n"));
	assert_non_null(strstr(s, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"));
	pw_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_event),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
