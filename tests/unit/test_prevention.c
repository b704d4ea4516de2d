/* The prevention calendar per class (core/prevention.c), on both shipped
 * definitions: which activities are a class's tasks in which leerjaar, and
 * their due dates from week numbers and "before". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/prevention.h"

static struct pw_protocol *lek, *bas;

static int setup(void **state)
{
	(void)state;
	struct pw_err err;
	lek = pw_protocol_load_file("protocols/lekpoort.yaml", &err);
	if (lek == NULL)
		fail_msg("%s", err.msg);
	bas = pw_protocol_load_file("protocols/basisschool.yaml", &err);
	if (bas == NULL)
		fail_msg("%s", err.msg);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pw_protocol_free(lek);
	pw_protocol_free(bas);
	return 0;
}

static pw_day D(const char *s)
{
	pw_day d = 0;
	assert_int_equal(pw_day_parse(s, &d), 0);
	return d;
}

static void assert_day(pw_day d, const char *want)
{
	char b[11];
	pw_day_format(d, b);
	assert_string_equal(b, want);
}

/* The keys of the tasks of leerjaar year, space-separated. */
static const char *keys(const struct pw_protocol *p, int year, char *out, size_t n)
{
	struct pw_prev_task t[PW_PREV_MAX];
	size_t k = pw_prevention_tasks(p, year, t, PW_PREV_MAX), len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		size_t l = strlen(t[i].activity->key);
		assert_true(len + l + 2 < n);
		if (i)
			out[len++] = ' ';
		memcpy(out + len, t[i].activity->key, l + 1);
		len += l;
	}
	return out;
}

static void applies_lekpoort(void **state)
{
	(void)state;
	char b[256];
	/* The camp is year 1's; the WOW week year 2's; the lesson, the mentor
	 * hours and the anti-bullying week every year's. Confirming the protocol
	 * is about staff and the lesson ideas are nobody's task. */
	assert_string_equal(keys(lek, 1, b, sizeof b), "brugklaskamp protocol_les mentoruren antipestweek");
	assert_string_equal(keys(lek, 2, b, sizeof b), "protocol_les mentoruren antipestweek wow_week");
	assert_string_equal(keys(lek, 3, b, sizeof b), "protocol_les mentoruren antipestweek");
	assert_string_equal(keys(lek, 6, b, sizeof b), "protocol_les mentoruren antipestweek");
	assert_false(pw_prevention_is_class_task(pw_protocol_prevention(lek, "collegas_op_de_hoogte")));
	assert_false(pw_prevention_is_class_task(pw_protocol_prevention(lek, "lesideeen")));
	assert_false(pw_prevention_is_class_task(pw_protocol_prevention(lek, "magister_notities")));

	/* Year 1 has the lesson before the camp, a wish; other years week 2. */
	const struct pw_moment *m;
	assert_true(pw_prevention_applies(pw_protocol_prevention(lek, "protocol_les"), 1, &m));
	assert_non_null(m);
	assert_string_equal(m->before, "brugklaskamp");
	assert_true(m->advised);
	assert_true(pw_prevention_applies(pw_protocol_prevention(lek, "protocol_les"), 4, &m));
	assert_int_equal(m->week, 2);
	assert_null(m->before);
	assert_true(pw_prevention_applies(pw_protocol_prevention(lek, "mentoruren"), 5, &m));
	assert_null(m);
	assert_false(pw_prevention_applies(pw_protocol_prevention(lek, "wow_week"), 1, &m));
	assert_false(pw_prevention_applies(pw_protocol_prevention(lek, "brugklaskamp"), 2, &m));
}

static void applies_basisschool(void **state)
{
	(void)state;
	char b[256];
	/* A different school, a different calendar: the survey is for groups 5 to 8. */
	assert_string_equal(keys(bas, 3, b, sizeof b), "gouden_weken groepsregels week_tegen_pesten kindgesprekken");
	assert_string_equal(keys(bas, 6, b, sizeof b),
			    "gouden_weken groepsregels week_tegen_pesten kindgesprekken monitor");
	assert_false(pw_prevention_is_class_task(pw_protocol_prevention(bas, "team_kent_protocol")));
}

static struct pw_day_range hol[2];

/* 2025-2026, starting on a Wednesday to show that week 1 is the calendar
 * week holding the start; with the autumn and Christmas holidays. */
static struct pw_calendar cal(void)
{
	hol[0] = (struct pw_day_range){D("2025-10-18"), D("2025-10-26")};
	hol[1] = (struct pw_day_range){D("2025-12-20"), D("2026-01-04")};
	return (struct pw_calendar){.start = D("2025-08-27"), .end = D("2026-07-17"), .holidays = hol, .nholidays = 2};
}

static size_t find(const struct pw_prev_task *t, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].activity->key, key) == 0)
			return i;
	fail_msg("no task %s", key);
	return 0;
}

static void due_from_week(void **state)
{
	(void)state;
	struct pw_calendar c = cal();
	assert_day(pw_prevention_week_end(&c, 1), "2025-08-29");
	assert_day(pw_prevention_week_end(&c, 2), "2025-09-05");
	for (int w = 1; w <= 40; w++)
		assert_int_equal(pw_cal_week_of_year(&c, pw_prevention_week_end(&c, w)), w);

	struct pw_prev_task t[PW_PREV_MAX];
	size_t n = pw_prevention_tasks(lek, 2, t, PW_PREV_MAX);
	pw_prevention_due(&c, t, n, NULL, NULL);
	size_t les = find(t, n, "protocol_les");
	assert_true(t[les].has_due);
	assert_day(t[les].due, "2025-09-05");
	/* Ongoing, or a moment with neither a week nor a "before": no single date. */
	assert_false(t[find(t, n, "mentoruren")].has_due);
	assert_false(t[find(t, n, "antipestweek")].has_due);
	assert_false(t[find(t, n, "wow_week")].has_due);
	/* Behind once the week is over, not on its Friday. */
	assert_false(pw_prevention_overdue(&t[les], D("2025-09-05")));
	assert_true(pw_prevention_overdue(&t[les], D("2025-09-08")));
	assert_false(pw_prevention_overdue(&t[find(t, n, "mentoruren")], D("2026-07-01")));

	/* The other definition: the golden weeks in week 1, the class rules in week 2. */
	n = pw_prevention_tasks(bas, 7, t, PW_PREV_MAX);
	pw_prevention_due(&c, t, n, NULL, NULL);
	assert_day(t[find(t, n, "gouden_weken")].due, "2025-08-29");
	assert_day(t[find(t, n, "groepsregels")].due, "2025-09-05");
	assert_false(t[find(t, n, "monitor")].has_due);
}

static void due_before_another(void **state)
{
	(void)state;
	struct pw_calendar c = cal();
	struct pw_prev_task t[PW_PREV_MAX];
	size_t n = pw_prevention_tasks(lek, 1, t, PW_PREV_MAX);
	size_t les = find(t, n, "protocol_les"), kamp = find(t, n, "brugklaskamp");
	pw_day on[PW_PREV_MAX] = {0};
	bool has[PW_PREV_MAX] = {0};

	/* The camp has no date until it happened: neither has the lesson. */
	pw_prevention_due(&c, t, n, on, has);
	assert_false(t[kamp].has_due);
	assert_false(t[les].has_due);

	/* A camp on a Wednesday: the lesson is due the school day before. */
	on[kamp] = D("2025-09-10");
	has[kamp] = true;
	pw_prevention_due(&c, t, n, on, has);
	assert_true(t[les].has_due);
	assert_day(t[les].due, "2025-09-09");
	/* On a Monday: the Friday before. */
	on[kamp] = D("2025-09-08");
	pw_prevention_due(&c, t, n, on, has);
	assert_day(t[les].due, "2025-09-05");
	/* Right after the autumn holiday: the last school day before it. */
	on[kamp] = D("2025-10-27");
	pw_prevention_due(&c, t, n, on, has);
	assert_day(t[les].due, "2025-10-17");
	/* "Fijn als": a wish is never behind. */
	assert_false(pw_prevention_overdue(&t[les], D("2026-06-01")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(applies_lekpoort),
		cmocka_unit_test(applies_basisschool),
		cmocka_unit_test(due_from_week),
		cmocka_unit_test(due_before_another),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
