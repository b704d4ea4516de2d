/* The step plan of a case: completion, blocking, due dates, for both shipped
 * definitions. Cases are built by hand from events, as the store would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/casus.h"

static struct pw_protocol *lek;
static struct pw_calendar cal;
static struct pw_day_range hol[1];

static pw_day D(const char *s)
{
	pw_day d;
	assert_int_equal(pw_day_parse(s, &d), 0);
	return d;
}

static int setup(void **state)
{
	(void)state;
	struct pw_err err;
	lek = pw_protocol_load_file("protocols/lekpoort.yaml", &err);
	if (lek == NULL)
		fail_msg("%s", err.msg);
	hol[0].from = D("2026-10-17"); /* herfstvakantie */
	hol[0].to = D("2026-10-25");
	cal.start = D("2026-08-17");
	cal.end = D("2027-07-16");
	cal.holidays = hol;
	cal.nholidays = 1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pw_protocol_free(lek);
	return 0;
}

static const struct pw_step_view *find(const struct pw_step_view *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	fail_msg("no step %s", key);
	return NULL;
}

/* Target 1 and bully 2, both in one class; opened Thursday 2026-10-08. */
static struct pw_person persons[] = {
	{.student_id = 1, .rol = "gepeste"},
	{.student_id = 2, .rol = "pester"},
	{.student_id = 3, .rol = "meeloper"},
};
static const int64_t s1[] = {1}, s2[] = {2}, s12[] = {1, 2};

static struct pw_case mkcase(struct pw_event *ev, size_t n)
{
	struct pw_case c = {.id = 1, .p = lek, .persons = persons, .n_persons = 3, .events = ev, .n_events = n};
	c.opened = D("2026-10-08");
	return c;
}

static void new_case_at_mentor(void **state)
{
	(void)state;
	struct pw_event ev[] = {{.id = 1, .kind = PW_EV_OPENED, .key = "mentor", .day = D("2026-10-08")}};
	struct pw_case c = mkcase(ev, 1);
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_step_view *v;
	size_t n = pw_case_steps(&a, &c, &cal, D("2026-10-09"), &v);
	assert_int_equal(n, 5); /* only the mentor's steps; no cyber */
	const struct pw_step_view *t = find(v, n, "mentor.gesprek_gepeste");
	assert_int_equal(t->status, PW_STEP_OPEN);
	/* 3 school days after Thursday: Fri, Mon, Tue. */
	assert_int_equal(t->due_on, D("2026-10-13"));
	assert_false(t->overdue);
	const struct pw_step_view *b = find(v, n, "mentor.gesprek_pester");
	assert_int_equal(b->status, PW_STEP_BLOCKED);
	assert_non_null(strstr(b->why_blocked, "Eerst"));
	assert_true(find(v, n, "mentor.klasgesprek")->optional);
	assert_true(find(v, n, "mentor.ouders_informeren")->optional);
	assert_false(t->optional);
	/* The parents' due date counts from the first talk: none yet. */
	assert_int_equal(find(v, n, "mentor.ouders_informeren")->due_on, 0);
	/* Overdue on Wednesday. */
	n = pw_case_steps(&a, &c, &cal, D("2026-10-14"), &v);
	assert_true(find(v, n, "mentor.gesprek_gepeste")->overdue);
	pw_arena_free(&a);
}

static void talks_complete_steps_in_order(void **state)
{
	(void)state;
	struct pw_event ev[] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "mentor", .day = D("2026-10-08")},
		{.id = 2, .kind = PW_EV_CONVERSATION, .key = "gepeste", .students = s1, .n_students = 1, .at = 1791590400,
		 .day = D("2026-10-09"), .by = 7},
	};
	struct pw_case c = mkcase(ev, 2);
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_step_view *v;
	size_t n = pw_case_steps(&a, &c, &cal, D("2026-10-09"), &v);
	const struct pw_step_view *t = find(v, n, "mentor.gesprek_gepeste");
	assert_int_equal(t->status, PW_STEP_DONE);
	assert_int_equal(t->done_by, 7);
	assert_int_equal(find(v, n, "mentor.gesprek_pester")->status, PW_STEP_OPEN);
	assert_int_equal(find(v, n, "mentor.gesprek_samen")->status, PW_STEP_BLOCKED);
	/* Parents within 2 school days of the first talk (Fri 9 Oct -> Tue 13 Oct). */
	assert_int_equal(find(v, n, "mentor.ouders_informeren")->due_on, D("2026-10-13"));
	pw_arena_free(&a);
}

static void a_step_about_bullies_needs_every_bully(void **state)
{
	(void)state;
	struct pw_person three[] = {
		{.student_id = 1, .rol = "gepeste"},
		{.student_id = 2, .rol = "pester"},
		{.student_id = 4, .rol = "pester"},
	};
	struct pw_event ev[] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "mentor", .day = D("2026-10-08")},
		{.id = 2, .kind = PW_EV_CONVERSATION, .key = "gepeste", .students = s1, .n_students = 1, .day = D("2026-10-09")},
		{.id = 3, .kind = PW_EV_CONVERSATION, .key = "pester", .students = s2, .n_students = 1, .day = D("2026-10-09")},
	};
	struct pw_case c = mkcase(ev, 3);
	c.persons = three;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_step_view *v;
	size_t n = pw_case_steps(&a, &c, &cal, D("2026-10-09"), &v);
	assert_int_equal(find(v, n, "mentor.gesprek_pester")->status, PW_STEP_OPEN); /* student 4 not yet */
	c.persons = persons;
	n = pw_case_steps(&a, &c, &cal, D("2026-10-09"), &v);
	assert_int_equal(find(v, n, "mentor.gesprek_pester")->status, PW_STEP_DONE);
	pw_arena_free(&a);
}

static void skipping_unblocks_and_holidays_stretch_due_dates(void **state)
{
	(void)state;
	struct pw_event ev[] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "mentor", .day = D("2026-10-15")},
		{.id = 2, .kind = PW_EV_STEP, .key = "mentor.gesprek_gepeste", .status = "skipped", .text = "ziek",
		 .day = D("2026-10-15")},
	};
	struct pw_case c = mkcase(ev, 2);
	c.opened = D("2026-10-15"); /* Thursday before the autumn holiday */
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_step_view *v;
	size_t n = pw_case_steps(&a, &c, &cal, D("2026-10-15"), &v);
	const struct pw_step_view *t = find(v, n, "mentor.gesprek_gepeste");
	assert_int_equal(t->status, PW_STEP_SKIPPED);
	assert_string_equal(t->note, "ziek");
	assert_int_equal(find(v, n, "mentor.gesprek_pester")->status, PW_STEP_OPEN);
	/* Fri 16, then the holiday week, then Mon 26, Tue 27. */
	assert_int_equal(find(v, n, "mentor.gesprek_pester")->due_on, D("2026-10-27"));
	pw_arena_free(&a);
}

static void the_clz_counts_from_reaching_its_level(void **state)
{
	(void)state;
	struct pw_event ev[] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "mentor", .day = D("2026-10-08")},
		{.id = 2, .kind = PW_EV_CONVERSATION, .key = "pester", .students = s2, .n_students = 1, .day = D("2026-10-09")},
		{.id = 3, .kind = PW_EV_LEVEL, .key = "clz", .text = "herhaling", .day = D("2026-11-02")},
		{.id = 4, .kind = PW_EV_STEP, .key = "clz.overname", .status = "done", .day = D("2026-11-03")},
		{.id = 5, .kind = PW_EV_CONVERSATION, .key = "samen", .students = s12, .n_students = 2, .day = D("2026-11-04")},
	};
	struct pw_case c = mkcase(ev, 3);
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_step_view *v;
	size_t n = pw_case_steps(&a, &c, &cal, D("2026-11-02"), &v);
	assert_int_equal(n, 5 + 8); /* the mentor's steps stay on record beside the CLZ's */
	assert_int_equal(find(v, n, "clz.overname")->due_on, D("2026-11-04"));
	/* The mentor's talk with the bully does not count for the CLZ. */
	assert_int_equal(find(v, n, "clz.gesprek_pester")->status, PW_STEP_BLOCKED);
	c.n_events = 5;
	n = pw_case_steps(&a, &c, &cal, D("2026-11-04"), &v);
	assert_int_equal(find(v, n, "clz.overname")->status, PW_STEP_DONE);
	/* A joint talk completes both CLZ talks. */
	assert_int_equal(find(v, n, "clz.gesprek_pester")->status, PW_STEP_DONE);
	assert_int_equal(find(v, n, "clz.gesprek_gepeste")->status, PW_STEP_DONE);
	/* The CLZ's feedback to the mentor: 5 school days after the later of its
	 * two talks (here both in one joint talk on Wed 4 Nov: Wed 11 Nov). */
	assert_int_equal(find(v, n, "clz.terugkoppeling")->due_on, D("2026-11-11"));
	/* Cyber steps join when the case has cyber kinds. */
	const char *kinds[] = {"pestmail"};
	c.cyber_kinds = kinds;
	c.n_cyber = 1;
	n = pw_case_steps(&a, &c, &cal, D("2026-11-04"), &v);
	assert_int_equal(find(v, n, "cyber.blokkeren")->status, PW_STEP_OPEN);
	pw_arena_free(&a);
}

static void agreements_follow_their_evaluations(void **state)
{
	(void)state;
	struct pw_event ev[] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "mentor", .day = D("2026-10-08")},
		{.id = 10, .kind = PW_EV_AGREEMENT, .text = "Niet meer schelden", .due = D("2026-10-22"),
		 .day = D("2026-10-09")},
		{.id = 3, .kind = PW_EV_EVALUATION, .ref = 10, .key = "verminderd", .due = D("2026-11-10"),
		 .day = D("2026-10-27")},
	};
	struct pw_case c = mkcase(ev, 3);
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_agreement_view *v;
	assert_int_equal(pw_case_agreements(&a, &c, &v), 1);
	assert_true(v[0].open);
	assert_string_equal(v[0].result, "verminderd");
	assert_int_equal(v[0].due_on, D("2026-11-10"));
	ev[2].key = "gestopt";
	pw_case_agreements(&a, &c, &v);
	assert_false(v[0].open);
	pw_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_case_at_mentor),
		cmocka_unit_test(talks_complete_steps_in_order),
		cmocka_unit_test(a_step_about_bullies_needs_every_bully),
		cmocka_unit_test(skipping_unblocks_and_holidays_stretch_due_dates),
		cmocka_unit_test(the_clz_counts_from_reaching_its_level),
		cmocka_unit_test(agreements_follow_their_evaluations),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
