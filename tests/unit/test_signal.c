/* Signals: validation against the protocol's keys, and where a signal goes
 * (PROTOCOL.md section 2: suspicions, joining, recurrence, reopening,
 * crossing the class, straight to the CLZ) and who owns the case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/signal.h"

static struct pw_protocol *lek, *po;

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
	po = pw_protocol_load_file("protocols/basisschool.yaml", &err);
	if (po == NULL)
		fail_msg("%s", err.msg);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pw_protocol_free(lek);
	pw_protocol_free(po);
	return 0;
}

/* Target 1 (class 10, mentor 100) and bully 2 (class 10), or 3 (class 11). */
static struct pw_person same_class[] = {
	{.student_id = 1, .rol = "gepeste", .class_id = 10, .department = "onderbouw", .mentor = {100, 101}},
	{.student_id = 2, .rol = "pester", .class_id = 10, .department = "onderbouw", .mentor = {100, 101}},
	{.student_id = 5, .rol = "publiek", .class_id = 12, .department = "bovenbouw"},
};
static struct pw_person two_classes[] = {
	{.student_id = 1, .rol = "gepeste", .class_id = 10, .department = "onderbouw", .mentor = {100, 0}},
	{.student_id = 3, .rol = "pester", .class_id = 11, .department = "onderbouw", .mentor = {110, 0}},
};

static struct pw_signal sig(const char *sys, struct pw_person *p, size_t n)
{
	struct pw_signal s = {.occurred_on = "2026-11-02", .systematisch = sys, .persons = p, .n_persons = n};
	return s;
}

static void validation_names_the_field(void **state)
{
	(void)state;
	struct pw_err e;
	pw_day today = D("2026-11-04");
	struct pw_signal s = sig("ja", same_class, 3);
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_OK);
	s.occurred_on = "2026-11-05";
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_EINVAL);
	assert_string_equal(e.field, "occurred_on");
	s.occurred_on = "2026-02-30";
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_EINVAL);
	s = sig("misschien", same_class, 3);
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_EINVAL);
	assert_string_equal(e.field, "systematisch");
	assert_non_null(strstr(e.msg, "plagen"));
	s = sig("ja", same_class, 3);
	const char *bad[] = {"woorden_beelden", "duwen"};
	s.vormen = bad;
	s.n_vormen = 2;
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_EINVAL);
	assert_string_equal(e.field, "vormen");
	s.n_vormen = 1;
	struct pw_flag_value fl[] = {{.key = "discriminatie", .choice = "religie"}, {.key = "geweld_of_dreiging"}};
	s.flags = fl;
	s.n_flags = 2;
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_OK);
	fl[0].choice = "kleur";
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_EINVAL);
	s.n_flags = 0;
	const char *plat[] = {"whatsapp"};
	s.platforms = plat;
	s.n_platforms = 1;
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_EINVAL); /* platform without a kind */
	const char *kinds[] = {"pestmail"};
	s.cyber = kinds;
	s.n_cyber = 1;
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_OK);
	/* Nobody who is bullied: refused. */
	struct pw_person only_bully[] = {{.student_id = 2, .rol = "pester"}};
	s = sig("ja", only_bully, 1);
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_EINVAL);
	assert_string_equal(e.field, "betrokkenen");
	/* Someone who is not a student, described. */
	struct pw_person ext[] = {{.student_id = 1, .rol = "gepeste"}, {.extern_desc = "onbekende afzender", .rol = "pester"}};
	s = sig("ja", ext, 2);
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_OK);
	ext[1].extern_desc = "";
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_EINVAL);
	/* The same student twice. */
	struct pw_person twice[] = {{.student_id = 1, .rol = "gepeste"}, {.student_id = 1, .rol = "pester"}};
	s = sig("ja", twice, 2);
	assert_int_equal(pw_signal_validate(lek, &s, today, &e), PW_EINVAL);
}

static void new_cases_start_at_the_right_level(void **state)
{
	(void)state;
	struct pw_signal_dest r;
	struct pw_signal s = sig("ja", same_class, 3);
	pw_signal_route(lek, &s, NULL, 0, 2026, &r);
	assert_int_equal(r.kind, PW_ROUTE_NEW);
	assert_string_equal(r.level->key, "mentor");
	/* A bystander in another class does not make it cross the class. */
	s = sig("ja", two_classes, 2);
	pw_signal_route(lek, &s, NULL, 0, 2026, &r);
	assert_string_equal(r.level->key, "clz");
	assert_non_null(strstr(r.reason, "klas"));
	s = sig("ja", same_class, 3);
	s.naar_clz = true;
	pw_signal_route(lek, &s, NULL, 0, 2026, &r);
	assert_string_equal(r.level->key, "clz");
	/* nee and onbekend open no case. */
	s = sig("onbekend", same_class, 3);
	pw_signal_route(lek, &s, NULL, 0, 2026, &r);
	assert_int_equal(r.kind, PW_ROUTE_SUSPICION);
}

static void joining_recurrence_and_reopening(void **state)
{
	(void)state;
	struct pw_event opened[] = {{.id = 1, .kind = PW_EV_OPENED, .key = "mentor"}};
	struct pw_event with_agreement[] = {{.id = 1, .kind = PW_EV_OPENED, .key = "mentor"},
					    {.id = 2, .kind = PW_EV_AGREEMENT, .ref = 1, .text = "stoppen"}};
	struct pw_case c = {.id = 9, .p = lek, .persons = same_class, .n_persons = 2, .events = opened, .n_events = 1};
	struct pw_case_ref ref = {.c = &c};
	struct pw_signal_dest r;
	/* Same pair, before agreements: information, not a recurrence. */
	struct pw_signal s = sig("ja", same_class, 2);
	pw_signal_route(lek, &s, &ref, 1, 2026, &r);
	assert_int_equal(r.kind, PW_ROUTE_JOIN);
	assert_ptr_equal(r.target, &c);
	assert_false(r.recurrence);
	assert_null(r.level);
	/* After agreements: a recurrence, and the case goes to the CLZ. */
	c.events = with_agreement;
	c.n_events = 2;
	pw_signal_route(lek, &s, &ref, 1, 2026, &r);
	assert_true(r.recurrence);
	assert_string_equal(r.level->key, "clz");
	/* A recurrence at the CLZ is recorded; the level stays. */
	struct pw_event at_clz[] = {{.id = 1, .kind = PW_EV_OPENED, .key = "clz"},
				    {.id = 2, .kind = PW_EV_AGREEMENT, .text = "stoppen"}};
	struct pw_case c2 = {.id = 10, .p = lek, .persons = same_class, .n_persons = 2, .events = at_clz, .n_events = 2};
	struct pw_case_ref ref2 = {.c = &c2};
	pw_signal_route(lek, &s, &ref2, 1, 2026, &r);
	assert_int_equal(r.kind, PW_ROUTE_JOIN);
	assert_true(r.recurrence);
	assert_null(r.level);
	/* A suspicion about the pair joins as information only. */
	s = sig("nee", same_class, 2);
	pw_signal_route(lek, &s, &ref, 1, 2026, &r);
	assert_int_equal(r.kind, PW_ROUTE_SUSPICION_INFO);
	/* Only the target: does not join (it needs a target and a bully of the case). */
	s = sig("ja", same_class, 1);
	pw_signal_route(lek, &s, &ref, 1, 2026, &r);
	assert_int_equal(r.kind, PW_ROUTE_NEW);
	/* Closed in 2025-2026: reopens in 2026-2027 at the CLZ; opens a new linked case in 2027-2028. */
	c.closed = true;
	ref.closed_year = 2025;
	s = sig("ja", same_class, 2);
	pw_signal_route(lek, &s, &ref, 1, 2026, &r);
	assert_int_equal(r.kind, PW_ROUTE_REOPEN);
	assert_string_equal(r.level->key, "clz");
	pw_signal_route(lek, &s, &ref, 1, 2027, &r);
	assert_int_equal(r.kind, PW_ROUTE_NEW);
	assert_ptr_equal(r.linked, &c);
	/* A suspicion never reopens. */
	s = sig("onbekend", same_class, 2);
	pw_signal_route(lek, &s, &ref, 1, 2026, &r);
	assert_int_equal(r.kind, PW_ROUTE_SUSPICION);
}

static void violence_advises_bringing_in_management(void **state)
{
	(void)state;
	struct pw_signal s = sig("ja", same_class, 2);
	assert_false(pw_signal_advises(lek, &s));
	const char *vorm[] = {"lichamelijk"};
	s.vormen = vorm;
	s.n_vormen = 1;
	assert_true(pw_signal_advises(lek, &s));
	s.n_vormen = 0;
	struct pw_flag_value fl[] = {{.key = "geweld_of_dreiging"}};
	s.flags = fl;
	s.n_flags = 1;
	assert_true(pw_signal_advises(lek, &s));
	assert_string_equal(lek->rules.advice_escalation->key, "mt");
}

static void owners_by_level(void **state)
{
	(void)state;
	struct pw_staff staff[] = {
		{.user_id = 300, .functie = "clz", .department = "bovenbouw"},
		{.user_id = 200, .functie = "clz", .department = "onderbouw"},
		{.user_id = 400, .functie = "clz", .department = ""},
		{.user_id = 100, .functie = "mentor", .department = ""},
	};
	const struct pw_level *mentor = pw_protocol_level(lek, "mentor"), *clz = pw_protocol_level(lek, "clz");
	assert_int_equal(pw_case_owner_for(lek, mentor, same_class, 3, staff, 4), 100); /* the first mentor */
	assert_int_equal(pw_case_owner_for(lek, clz, same_class, 3, staff, 4), 200);    /* the target's department */
	same_class[0].department = "";
	assert_int_equal(pw_case_owner_for(lek, clz, same_class, 3, staff, 4), 400); /* else the school's CLZ */
	same_class[0].department = "onderbouw";
}

static void the_primary_school_protocol_routes_too(void **state)
{
	(void)state;
	/* Its own keys: the first level, the join roles come from its file. */
	struct pw_signal_dest r;
	struct pw_signal s = sig("ja", same_class, 2);
	struct pw_err e;
	if (pw_protocol_sitrole(po, "gepeste") && po->rules.n_join && strcmp(po->rules.join[0]->key, "gepeste") == 0) {
		assert_int_equal(pw_signal_validate(po, &s, D("2026-11-04"), &e), PW_OK);
		pw_signal_route(po, &s, NULL, 0, 2026, &r);
		assert_int_equal(r.kind, PW_ROUTE_NEW);
		assert_ptr_equal(r.level, po->rules.start);
		assert_string_not_equal(r.level->key, "mentor");
	} else {
		fail_msg("basisschool.yaml should use gepeste as its first join role");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(validation_names_the_field),
		cmocka_unit_test(new_cases_start_at_the_right_level),
		cmocka_unit_test(joining_recurrence_and_reopening),
		cmocka_unit_test(violence_advises_bringing_in_management),
		cmocka_unit_test(owners_by_level),
		cmocka_unit_test(the_primary_school_protocol_routes_too),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
