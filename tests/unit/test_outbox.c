/* The outbox's pure parts: back-off, when the digest is due (Amsterdam
 * time, both sides of DST), the texts (a link, never case content) and the
 * message format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mail/outbox.h"

/* Seconds since the epoch of a UTC time. */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
	return (int64_t)pw_day_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static void backoff_doubles_from_a_minute_to_six_hours(void **state)
{
	assert_int_equal(pw_mail_backoff(0), 0);
	assert_int_equal(pw_mail_backoff(1), 60);
	assert_int_equal(pw_mail_backoff(2), 120);
	assert_int_equal(pw_mail_backoff(3), 240);
	assert_int_equal(pw_mail_backoff(9), 60 * 256);
	assert_int_equal(pw_mail_backoff(10), PW_MAIL_BACKOFF_MAX); /* 60 * 512 is past six hours */
	assert_int_equal(pw_mail_backoff(64), PW_MAIL_BACKOFF_MAX);
	assert_int_equal(pw_mail_backoff(INT64_MAX), PW_MAIL_BACKOFF_MAX);
	for (int64_t a = 1; a < 40; a++)
		assert_true(pw_mail_backoff(a + 1) >= pw_mail_backoff(a));
}

static void digest_is_due_at_the_hour_in_amsterdam(void **state)
{
	pw_day mar2 = pw_day_from_ymd(2026, 3, 2), jul1 = pw_day_from_ymd(2026, 7, 1);
	/* Winter (CET, UTC+1): 07:00 in Amsterdam is 06:00 UTC. */
	assert_int_equal(pw_mail_digest_day(utc(2026, 3, 2, 5, 59), 7), -1);
	assert_int_equal(pw_mail_digest_day(utc(2026, 3, 2, 6, 0), 7), mar2);
	assert_int_equal(pw_mail_digest_day(utc(2026, 3, 2, 22, 59), 7), mar2);
	/* 23:30 UTC is already the next day in Amsterdam, before its hour. */
	assert_int_equal(pw_mail_digest_day(utc(2026, 3, 2, 23, 30), 7), -1);
	assert_int_equal(pw_mail_digest_day(utc(2026, 3, 2, 23, 30), 0), mar2 + 1);
	/* Summer (CEST, UTC+2): 07:00 is 05:00 UTC. */
	assert_int_equal(pw_mail_digest_day(utc(2026, 7, 1, 4, 59), 7), -1);
	assert_int_equal(pw_mail_digest_day(utc(2026, 7, 1, 5, 0), 7), jul1);
}

static void notice_mail_links_and_tells_nothing_more(void **state)
{
	struct pw_arena a;
	pw_arena_init(&a);
	const char *subject, *body;
	pw_mail_notice_text(&a, "nieuwe_casus", "nl", "https://pw.school.nl", 12, &subject, &body);
	assert_string_equal(subject, "Nieuwe casus in Pestwijzer");
	assert_non_null(strstr(body, "Er is een nieuwe casus voor je in Pestwijzer: https://pw.school.nl/casus/12\n"));
	pw_mail_notice_text(&a, "consult", "en", "https://pw.school.nl", 3, &subject, &body);
	assert_non_null(strstr(body, "Your advice is asked on a case in Pestwijzer: https://pw.school.nl/casus/3"));
	/* A notice without a case (a report): the task list. An unknown kind still says something. */
	pw_mail_notice_text(&a, "melding_leerling", "nl", "http://h:1", 0, &subject, &body);
	assert_non_null(strstr(body, ": http://h:1/\n"));
	pw_mail_notice_text(&a, "iets_nieuws", "nl", "http://h:1", 5, &subject, &body);
	assert_non_null(strstr(body, "Er is iets nieuws voor je in Pestwijzer: http://h:1/casus/5"));
	pw_arena_free(&a);
}

static void digest_lists_case_numbers_and_step_names(void **state)
{
	struct pw_arena a;
	pw_arena_init(&a);
	const char *subject = NULL;
	pw_day day = pw_day_from_ymd(2026, 3, 2);
	assert_null(pw_mail_digest_text(&a, "nl", "http://h", day, NULL, 0, &subject));
	struct pw_digest_item items[] = {
		{12, "Gesprek met de gepeste", NULL, pw_day_from_ymd(2026, 2, 25)},
		{14, "Ouders informeren", NULL, 0},
		{20, NULL, "nieuwe_casus", 0},
	};
	const char *body = pw_mail_digest_text(&a, "nl", "http://h", day, items, 3, &subject);
	assert_non_null(body);
	assert_string_equal(subject, "Pestwijzer: 2 stappen over de termijn");
	assert_non_null(strstr(body, "van 02-03-2026"));
	assert_non_null(strstr(body, "Stappen over de termijn:\n- Casus 12: Gesprek met de gepeste (termijn 25-02-2026)\n"
				     "  http://h/casus/12\n- Casus 14: Ouders informeren\n  http://h/casus/14\n"));
	assert_non_null(strstr(body, "Nieuw voor jou:\n- Nieuwe casus in Pestwijzer\n  http://h/casus/20\n"));
	body = pw_mail_digest_text(&a, "nl", "http://h", day, items, 1, &subject);
	assert_string_equal(subject, "Pestwijzer: 1 stap over de termijn");
	body = pw_mail_digest_text(&a, "en", "http://h", day, items + 2, 1, &subject);
	assert_string_equal(subject, "Pestwijzer: your daily overview");
	assert_non_null(strstr(body, "New for you:"));
	assert_null(strstr(body, "Stappen"));
	pw_arena_free(&a);
}

static void message_has_headers_crlf_and_an_encoded_subject(void **state)
{
	struct pw_arena a;
	pw_arena_init(&a);
	size_t len;
	/* 2026-03-02 was a Monday. */
	char *m = pw_mail_message(&a, "pw@school.nl", "mentor@school.nl", "Coördinator gevraagd", "regel 1\nregel 2",
				  utc(2026, 3, 2, 6, 5) + 9, 42, &len);
	assert_int_equal(strlen(m), len);
	assert_non_null(strstr(m, "Date: Mon, 02 Mar 2026 06:05:09 +0000\r\n"));
	assert_non_null(strstr(m, "From: Pestwijzer <pw@school.nl>\r\nTo: <mentor@school.nl>\r\n"));
	assert_non_null(strstr(m, "Subject: =?UTF-8?B?Q2/DtnJkaW5hdG9yIGdldnJhYWdk?=\r\n"));
	assert_non_null(strstr(m, "Message-ID: <pw.42."));
	assert_non_null(strstr(m, "@school.nl>\r\n"));
	assert_non_null(strstr(m, "charset=UTF-8\r\n"));
	assert_non_null(strstr(m, "\r\n\r\nregel 1\r\nregel 2\r\n"));
	/* No bare LF anywhere. */
	for (size_t i = 0; i < len; i++)
		if (m[i] == '\n')
			assert_true(i > 0 && m[i - 1] == '\r');
	m = pw_mail_message(&a, "pw@school.nl", "x@y.nl", "Plain subject", "x", 0, 1, &len);
	assert_non_null(strstr(m, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
	assert_non_null(strstr(m, "Subject: Plain subject\r\n"));
	/* A long non-ASCII subject is split into encoded words, never inside a character. */
	m = pw_mail_message(&a, "pw@school.nl", "x@y.nl",
			    "ééééééééééééééééééééééééééééééééééééééééééééééé", "x", 0, 1, &len);
	assert_non_null(strstr(m, "?=\r\n =?UTF-8?B?"));
	pw_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(backoff_doubles_from_a_minute_to_six_hours),
		cmocka_unit_test(digest_is_due_at_the_hour_in_amsterdam),
		cmocka_unit_test(notice_mail_links_and_tells_nothing_more),
		cmocka_unit_test(digest_lists_case_numbers_and_step_names),
		cmocka_unit_test(message_has_headers_crlf_and_an_encoded_subject),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
