/* The sanction ladder, decisions, deviations and legal duties, for both
 * shipped definitions. Sanctions are built from events by hand, as the store
 * would read them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/casus.h"
#include "core/sanction.h"

static struct pw_protocol *lek, *bas;
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
	bas = pw_protocol_load_file("protocols/basisschool.yaml", &err);
	if (bas == NULL)
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
	pw_protocol_free(bas);
	return 0;
}

static const struct pw_rung *R(const struct pw_protocol *p, const char *key)
{
	const struct pw_rung *g = pw_protocol_rung(p, key);
	if (g == NULL)
		fail_msg("no rung %s", key);
	return g;
}

/* An applied or proposed sanction event for student 2. */
static struct pw_event S(int64_t id, const char *rung, const char *status, const char *day)
{
	return (struct pw_event){.id = id, .kind = PW_EV_SANCTION, .key = rung, .status = status, .student = 2,
				 .text = "reden", .day = D(day), .by = 5};
}

static struct pw_event DEC(int64_t id, int64_t ref, const char *status, const char *day)
{
	return (struct pw_event){.id = id, .kind = PW_EV_DECISION, .ref = ref, .status = status, .text = "besluit",
				 .day = D(day), .by = 9};
}

static struct pw_event STEP(int64_t id, const char *key, const char *status, const char *day)
{
	return (struct pw_event){.id = id, .kind = PW_EV_STEP, .key = key, .status = status, .day = D(day), .by = 9};
}

static enum pw_status check(const struct pw_protocol *p, const struct pw_event *ev, size_t n, const char *rung,
			    const char *today, pw_day start, pw_day end, bool direct, enum pw_sanction_status *st,
			    struct pw_err *err)
{
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_sanction *h;
	size_t nh = pw_sanctions_of_events(&a, p, 1, ev, n, &h);
	struct pw_sanction_ask ask = {.rung = R(p, rung), .student = 2, .start_on = start, .end_on = end, .direct = direct};
	enum pw_status r = pw_sanction_check(p, &cal, D(today), h, nh, &ask, st, err);
	pw_arena_free(&a);
	return r;
}

static void the_ladder_goes_in_order(void **state)
{
	(void)state;
	struct pw_err err;
	enum pw_sanction_status st;
	/* The first rung, left to the CLZ, is applied at once. */
	assert_int_equal(check(lek, NULL, 0, "gesprek", "2026-11-02", 0, 0, false, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_APPLIED);
	/* A long suspension first: refused, saying what comes first. */
	assert_int_equal(check(lek, NULL, 0, "schorsing_lang", "2026-11-02", 0, 0, false, &st, &err), PW_EPROTOCOL);
	assert_non_null(strstr(err.msg, "schorsing_lang vraagt eerst een toegepaste schorsing_kort voor deze leerling"));
	assert_non_null(strstr(err.msg, "this rung needs an applied schorsing_kort for this student first"));
	/* After the talk, a one-day suspension is proposed to management. */
	struct pw_event ev[] = {S(10, "gesprek", "applied", "2026-10-05")};
	assert_int_equal(check(lek, ev, 1, "schorsing_kort", "2026-11-02", 0, 0, false, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_PROPOSED);
	/* Another student's sanctions do not count. */
	ev[0].student = 3;
	assert_int_equal(check(lek, ev, 1, "schorsing_kort", "2026-11-02", 0, 0, false, &st, &err), PW_EPROTOCOL);
}

static void the_window_spans_school_years(void **state)
{
	(void)state;
	struct pw_err err;
	enum pw_sanction_status st;
	/* Lekpoort counts this school year and the previous one. */
	struct pw_event ev[] = {S(10, "gesprek", "applied", "2025-09-10")};
	assert_int_equal(pw_sanction_window_start(lek, D("2026-11-02")), D("2025-08-01"));
	assert_int_equal(check(lek, ev, 1, "schorsing_kort", "2026-11-02", 0, 0, false, &st, &err), PW_OK);
	ev[0].day = D("2025-07-31"); /* the year before that */
	assert_int_equal(check(lek, ev, 1, "schorsing_kort", "2026-11-02", 0, 0, false, &st, &err), PW_EPROTOCOL);
	assert_non_null(strstr(err.msg, "in dit schooljaar of het vorige"));
	/* The primary school starts each child afresh after the summer. */
	struct pw_event b[] = {S(10, "waarschuwing", "applied", "2026-06-20")};
	assert_int_equal(check(bas, b, 1, "time_out", "2026-09-14", 0, 0, false, &st, &err), PW_EPROTOCOL);
	assert_non_null(strstr(err.msg, "in dit schooljaar"));
	b[0].day = D("2026-09-01");
	assert_int_equal(check(bas, b, 1, "time_out", "2026-09-14", 0, 0, false, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_APPLIED);
}

static void only_applied_rungs_count(void **state)
{
	(void)state;
	struct pw_err err;
	enum pw_sanction_status st;
	struct pw_event ev[] = {
		S(10, "gesprek", "applied", "2026-09-01"),
		S(11, "schorsing_kort", "proposed", "2026-09-10"),
	};
	/* A proposal does not count, and it is pending: no second one. */
	assert_int_equal(check(lek, ev, 2, "schorsing_lang", "2026-11-02", 0, 0, false, &st, &err), PW_EPROTOCOL);
	assert_non_null(strstr(err.msg, "schorsing_kort"));
	assert_int_equal(check(lek, ev, 2, "schorsing_kort", "2026-11-02", 0, 0, false, &st, &err), PW_EPROTOCOL);
	assert_non_null(strstr(err.msg, "al een schorsing_kort open"));
	/* Rejected: still nothing to climb on. */
	struct pw_event rej[] = {ev[0], ev[1], DEC(12, 11, "rejected", "2026-09-11")};
	assert_int_equal(check(lek, rej, 3, "schorsing_lang", "2026-11-02", 0, 0, false, &st, &err), PW_EPROTOCOL);
	/* Approved: a suspension is applied at once, and the next rung may follow. */
	struct pw_event ok[] = {ev[0], ev[1], DEC(12, 11, "approved", "2026-09-11")};
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_sanction *sv;
	assert_int_equal(pw_sanctions_of_events(&a, lek, 1, ok, 3, &sv), 2);
	assert_int_equal(sv[1].status, PW_SANCTION_APPLIED);
	assert_int_equal(sv[1].decision->id, 12);
	pw_arena_free(&a);
	assert_int_equal(check(lek, ok, 3, "schorsing_lang", "2026-11-02", 0, 0, false, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_PROPOSED);
}

static void suspensions_count_school_days_within_the_law(void **state)
{
	(void)state;
	struct pw_err err;
	enum pw_sanction_status st;
	struct pw_event ev[] = {S(10, "gesprek", "applied", "2026-09-01"), S(11, "schorsing_kort", "applied", "2026-09-10")};
	/* Seven school days: beyond the law's week. */
	assert_int_equal(check(lek, ev, 2, "schorsing_lang", "2026-11-02", D("2026-11-02"), D("2026-11-10"), false, &st, &err),
			 PW_EPROTOCOL);
	assert_string_equal(err.field, "end_on");
	assert_non_null(strstr(err.msg, "ten hoogste 5 schooldagen"));
	assert_non_null(strstr(err.msg, "7"));
	/* Three school days around a weekend (Thu, Fri, Mon): fine. */
	assert_int_equal(check(lek, ev, 2, "schorsing_lang", "2026-11-02", D("2026-11-05"), D("2026-11-09"), false, &st, &err),
			 PW_OK);
	/* Across the autumn holiday only the school days count: Fri 16, Mon 26 = 2. */
	assert_int_equal(pw_suspension_days(&cal, D("2026-10-16"), D("2026-10-26")), 2);
	/* A one-day rung of two days, and days in the wrong order: refused. */
	struct pw_event g[] = {S(10, "gesprek", "applied", "2026-09-01")};
	assert_int_equal(check(lek, g, 1, "schorsing_kort", "2026-11-02", D("2026-11-02"), D("2026-11-03"), false, &st, &err),
			 PW_EPROTOCOL);
	assert_non_null(strstr(err.msg, "precies 1 schooldag"));
	assert_int_equal(check(lek, g, 1, "schorsing_kort", "2026-11-02", D("2026-11-03"), D("2026-11-02"), false, &st, &err),
			 PW_EINVAL);
	assert_int_equal(check(lek, g, 1, "schorsing_kort", "2026-11-02", D("2026-11-03"), 0, false, &st, &err), PW_EINVAL);
	assert_string_equal(err.field, "end_on");
	/* A weekend has no school day to suspend. */
	assert_int_equal(check(lek, g, 1, "schorsing_kort", "2026-11-02", D("2026-11-07"), D("2026-11-08"), false, &st, &err),
			 PW_EINVAL);
	/* Only suspensions have days. */
	assert_int_equal(check(lek, NULL, 0, "gesprek", "2026-11-02", D("2026-11-03"), D("2026-11-03"), false, &st, &err),
			 PW_EINVAL);
}

static void a_deviation_waives_the_order_not_the_law(void **state)
{
	(void)state;
	struct pw_err err;
	enum pw_sanction_status st;
	/* Directly: a suspension is applied, with its days; no days, no suspension. */
	assert_int_equal(check(lek, NULL, 0, "schorsing_lang", "2026-11-02", D("2026-11-03"), D("2026-11-05"), true, &st, &err),
			 PW_OK);
	assert_int_equal(st, PW_SANCTION_APPLIED);
	assert_int_equal(check(lek, NULL, 0, "schorsing_lang", "2026-11-02", 0, 0, true, &st, &err), PW_EINVAL);
	/* Still within the law's week. */
	assert_int_equal(check(lek, NULL, 0, "schorsing_lang", "2026-11-02", D("2026-11-02"), D("2026-11-10"), true, &st, &err),
			 PW_EPROTOCOL);
	/* A removal needs who must be heard, and is approved, not yet in effect. */
	assert_int_equal(check(lek, NULL, 0, "verwijdering", "2026-11-02", 0, 0, true, &st, &err), PW_EPROTOCOL);
	assert_string_equal(err.field, "heard");
	struct pw_arena a;
	pw_arena_init(&a);
	const char *heard[] = {"leerling", "ouders", "docenten"};
	struct pw_sanction_ask ask = {.rung = R(lek, "verwijdering"), .student = 2, .direct = true, .heard = heard, .n_heard = 3};
	assert_int_equal(pw_sanction_check(lek, &cal, D("2026-11-02"), NULL, 0, &ask, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_APPROVED);
	/* Its duties: the Inspectie consulted (before, as the law wants) and
	 * another school found, before it is in effect. */
	struct pw_event ev[] = {{.id = 20, .kind = PW_EV_SANCTION, .key = "verwijdering", .status = "approved", .flag = true,
				 .student = 2, .day = D("2026-11-02")},
				STEP(21, "sanctie.andere_school:20", "done", "2026-11-20"),
				STEP(22, "sanctie.inspectie_overleg:20", "skipped", "2026-11-20")};
	struct pw_sanction *sv;
	pw_sanctions_of_events(&a, lek, 1, ev, 2, &sv);
	assert_int_equal(sv[0].status, PW_SANCTION_APPROVED);
	assert_true(sv[0].direct);
	pw_sanctions_of_events(&a, lek, 1, ev, 3, &sv);
	assert_int_equal(sv[0].status, PW_SANCTION_APPROVED); /* skipping is not consulting */
	ev[2].status = "done";
	pw_sanctions_of_events(&a, lek, 1, ev, 3, &sv);
	assert_int_equal(sv[0].status, PW_SANCTION_APPLIED);
	pw_arena_free(&a);
}

static const struct pw_step_view *find(const struct pw_step_view *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

static struct pw_person persons[] = {{.student_id = 1, .rol = "gepeste"}, {.student_id = 2, .rol = "pester"}};

static void a_removal_waits_for_its_duties(void **state)
{
	(void)state;
	struct pw_err err;
	enum pw_sanction_status st;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_event ev[8] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "clz", .day = D("2026-09-01")},
		S(30, "verwijdering", "proposed", "2026-11-02"),
	};
	size_t n = 2;
	struct pw_case c = {.id = 1, .p = lek, .persons = persons, .n_persons = 2, .events = ev, .opened = D("2026-09-01")};
	c.n_events = n;
	struct pw_step_view *v;
	size_t ns = pw_case_steps(&a, &c, &cal, D("2026-11-02"), &v);
	/* Proposed: only the consultation of the Inspectie is open. */
	const struct pw_step_view *io = find(v, ns, "sanctie.inspectie_overleg:30");
	assert_non_null(io);
	assert_int_equal(io->sanction_id, 30);
	assert_int_equal(io->status, PW_STEP_OPEN);
	assert_null(find(v, ns, "sanctie.andere_school:30"));
	/* Management cannot approve before it is done, and says which. */
	struct pw_sanction *sv;
	pw_sanctions_of_events(&a, lek, 1, ev, n, &sv);
	const char *heard[] = {"leerling", "ouders", "docenten"};
	struct pw_decision_ask d = {.approve = true, .heard = heard, .n_heard = 3};
	assert_int_equal(pw_sanction_decide_check(lek, &cal, &sv[0], ev, n, &d, &st, &err), PW_EPROTOCOL);
	assert_non_null(strstr(err.msg, "sanctie.inspectie_overleg:30"));
	/* Rejecting needs nothing first. */
	struct pw_decision_ask no = {.approve = false};
	assert_int_equal(pw_sanction_decide_check(lek, &cal, &sv[0], ev, n, &no, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_REJECTED);
	ev[n++] = STEP(31, "sanctie.inspectie_overleg:30", "done", "2026-11-03");
	/* Everyone must be heard: the parents were not. */
	d.n_heard = 1;
	assert_int_equal(pw_sanction_decide_check(lek, &cal, &sv[0], ev, n, &d, &st, &err), PW_EPROTOCOL);
	assert_string_equal(err.field, "heard");
	assert_non_null(strstr(err.msg, "ouders, docenten"));
	d.n_heard = 3;
	assert_int_equal(pw_sanction_decide_check(lek, &cal, &sv[0], ev, n, &d, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_APPROVED);
	ev[n++] = DEC(32, 30, "approved", "2026-11-04");
	c.n_events = n;
	pw_sanctions_of_events(&a, lek, 1, ev, n, &sv);
	assert_int_equal(sv[0].status, PW_SANCTION_APPROVED);
	/* A second decision is refused. */
	assert_int_equal(pw_sanction_decide_check(lek, &cal, &sv[0], ev, n, &d, &st, &err), PW_EPROTOCOL);
	ns = pw_case_steps(&a, &c, &cal, D("2026-11-04"), &v);
	assert_int_equal(find(v, ns, "sanctie.inspectie_overleg:30")->status, PW_STEP_DONE);
	assert_int_equal(find(v, ns, "sanctie.leerplicht_informeren:30")->status, PW_STEP_OPEN);
	assert_int_equal(find(v, ns, "sanctie.andere_school:30")->status, PW_STEP_OPEN);
	/* In effect once another school is found. */
	ev[n++] = STEP(33, "sanctie.andere_school:30", "done", "2026-12-01");
	pw_sanctions_of_events(&a, lek, 1, ev, n, &sv);
	assert_int_equal(sv[0].status, PW_SANCTION_APPLIED);
	pw_arena_free(&a);
}

static void a_long_suspension_is_reported(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_event ev[] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "clz", .day = D("2026-09-01")},
		S(40, "schorsing_kort", "proposed", "2026-11-02"),
		{.id = 41, .kind = PW_EV_DECISION, .ref = 40, .status = "approved", .due = D("2026-11-04"),
		 .on = D("2026-11-04"), .day = D("2026-11-03")},
		S(42, "schorsing_lang", "proposed", "2026-11-05"),
		{.id = 43, .kind = PW_EV_DECISION, .ref = 42, .status = "approved", .due = D("2026-11-09"),
		 .on = D("2026-11-11"), .day = D("2026-11-06")},
	};
	struct pw_case c = {.id = 1, .p = lek, .persons = persons, .n_persons = 2, .events = ev, .n_events = 5,
			    .opened = D("2026-09-01")};
	struct pw_step_view *v;
	size_t n = pw_case_steps(&a, &c, &cal, D("2026-11-06"), &v);
	/* One day is not reported; three days are, with the sanction's id. */
	assert_null(find(v, n, "sanctie.inspectie_melden:40"));
	const struct pw_step_view *m = find(v, n, "sanctie.inspectie_melden:42");
	assert_non_null(m);
	assert_int_equal(m->status, PW_STEP_OPEN);
	assert_false(m->optional);
	struct pw_sanction *sv;
	pw_sanctions_of_events(&a, lek, 1, ev, 5, &sv);
	assert_int_equal(sv[1].status, PW_SANCTION_APPLIED);
	assert_int_equal(sv[1].start_on, D("2026-11-09"));
	pw_arena_free(&a);
}

static void the_primary_school_has_its_own_ladder(void **state)
{
	(void)state;
	struct pw_err err;
	enum pw_sanction_status st;
	struct pw_arena a;
	pw_arena_init(&a);
	/* warning -> time-out -> suspension -> removal, each after the one before. */
	assert_int_equal(check(bas, NULL, 0, "waarschuwing", "2026-11-02", 0, 0, false, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_APPLIED);
	assert_int_equal(check(bas, NULL, 0, "schorsing", "2026-11-02", 0, 0, false, &st, &err), PW_EPROTOCOL);
	assert_non_null(strstr(err.msg, "schorsing vraagt eerst een toegepaste time_out"));
	struct pw_event ev[8] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "leerkracht", .day = D("2026-09-01")},
		S(10, "waarschuwing", "applied", "2026-09-10"),
		S(11, "time_out", "applied", "2026-10-01"),
	};
	assert_int_equal(check(bas, ev, 3, "schorsing", "2026-11-02", 0, 0, false, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_PROPOSED);
	/* The school's suspension is reported, due two school days after the decision. */
	ev[3] = S(12, "schorsing", "proposed", "2026-11-02");
	ev[4] = (struct pw_event){.id = 13, .kind = PW_EV_DECISION, .ref = 12, .status = "approved", .due = D("2026-11-04"),
				  .on = D("2026-11-05"), .day = D("2026-11-03")};
	struct pw_case c = {.id = 1, .p = bas, .persons = persons, .n_persons = 2, .events = ev, .n_events = 5,
			    .opened = D("2026-09-01")};
	struct pw_step_view *v;
	size_t n = pw_case_steps(&a, &c, &cal, D("2026-11-06"), &v);
	const struct pw_step_view *m = find(v, n, "sanctie.inspectie_melden:12");
	assert_non_null(m);
	assert_int_equal(m->due_on, D("2026-11-05"));
	assert_true(m->overdue);
	/* The board decides a removal after hearing parents and teachers, with no
	 * duty before; it takes effect once another school is found. */
	assert_int_equal(check(bas, ev, 5, "verwijdering", "2026-11-06", 0, 0, false, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_PROPOSED);
	ev[5] = S(14, "verwijdering", "proposed", "2026-11-06");
	struct pw_sanction *sv;
	pw_sanctions_of_events(&a, bas, 1, ev, 6, &sv);
	const char *heard[] = {"ouders", "docenten"};
	struct pw_decision_ask d = {.approve = true, .heard = heard, .n_heard = 2};
	assert_int_equal(pw_sanction_decide_check(bas, &cal, &sv[3], ev, 6, &d, &st, &err), PW_OK);
	assert_int_equal(st, PW_SANCTION_APPROVED);
	ev[6] = DEC(15, 14, "approved", "2026-11-09");
	c.n_events = 7;
	n = pw_case_steps(&a, &c, &cal, D("2026-11-09"), &v);
	assert_non_null(find(v, n, "sanctie.andere_school_zoeken:14"));
	assert_int_equal(find(v, n, "sanctie.leerplicht_informeren:14")->due_on, D("2026-11-11"));
	ev[7] = STEP(16, "sanctie.andere_school_zoeken:14", "done", "2026-11-20");
	pw_sanctions_of_events(&a, bas, 1, ev, 8, &sv);
	assert_int_equal(sv[3].status, PW_SANCTION_APPLIED);
	pw_arena_free(&a);
}

static void a_rejected_proposal_keeps_only_what_was_done(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_event ev[] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "clz", .day = D("2026-09-01")},
		S(50, "verwijdering", "proposed", "2026-11-02"),
		DEC(51, 50, "rejected", "2026-11-03"),
		S(52, "verwijdering", "proposed", "2026-11-04"),
		STEP(53, "sanctie.inspectie_overleg:52", "done", "2026-11-05"),
		DEC(54, 52, "rejected", "2026-11-06"),
	};
	struct pw_case c = {.id = 1, .p = lek, .persons = persons, .n_persons = 2, .events = ev, .n_events = 6,
			    .opened = D("2026-09-01")};
	struct pw_step_view *v;
	size_t n = pw_case_steps(&a, &c, &cal, D("2026-11-06"), &v);
	assert_null(find(v, n, "sanctie.inspectie_overleg:50"));
	assert_int_equal(find(v, n, "sanctie.inspectie_overleg:52")->status, PW_STEP_DONE);
	assert_null(find(v, n, "sanctie.andere_school:52"));
	assert_true(pw_sanction_duty_done(ev, 6, pw_protocol_step(lek, "sanctie.inspectie_overleg"), 52));
	assert_false(pw_sanction_duty_done(ev, 6, pw_protocol_step(lek, "sanctie.inspectie_overleg"), 5));
	pw_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_ladder_goes_in_order),
		cmocka_unit_test(the_window_spans_school_years),
		cmocka_unit_test(only_applied_rungs_count),
		cmocka_unit_test(suspensions_count_school_days_within_the_law),
		cmocka_unit_test(a_deviation_waives_the_order_not_the_law),
		cmocka_unit_test(a_removal_waits_for_its_duties),
		cmocka_unit_test(a_long_suspension_is_reported),
		cmocka_unit_test(the_primary_school_has_its_own_ladder),
		cmocka_unit_test(a_rejected_proposal_keeps_only_what_was_done),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
