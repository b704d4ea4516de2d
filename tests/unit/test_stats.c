/* The yearly evaluation's figures: suppression of small numbers and their
 * complements, counting rows built by hand with known answers, and a case's
 * digest from its timeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/stats.h"
#include "core/stats_build.h"

static struct pw_protocol *lek;

static int setup(void **state)
{
	(void)state;
	struct pw_err err;
	lek = pw_protocol_load_file("protocols/lekpoort.yaml", &err);
	if (lek == NULL)
		fail_msg("%s", err.msg);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pw_protocol_free(lek);
	return 0;
}

static void check_hidden(const bool *got, const bool *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("cell %zu: hidden %d, want %d", i, got[i], want[i]);
}

/* A line with its total: the hidden cell's complement is the smallest shown
 * non-zero cell, not the zero and not the total. */
static void complement_smallest(void **state)
{
	(void)state;
	int64_t c[] = {12, 3, 9, 0};
	size_t cells[] = {1, 2, 3};
	struct pw_stats_line l = {cells, 3, 0};
	bool h[4];
	pw_stats_suppress(c, 4, &l, 1, PW_STATS_K, h);
	check_hidden(h, (bool[]){false, true, true, false}, 4);

	int64_t c2[] = {7, 2, 0, 5, 6};
	size_t cells2[] = {1, 2, 3, 4};
	struct pw_stats_line l2 = {cells2, 4, 0};
	bool h2[5];
	pw_stats_suppress(c2, 5, &l2, 1, PW_STATS_K, h2);
	check_hidden(h2, (bool[]){false, true, false, true, false}, 5);
}

/* 5 is shown, 4 is not, 0 is; a line with two hidden cells needs nothing more. */
static void threshold(void **state)
{
	(void)state;
	int64_t c[] = {9, 4, 5, 0, 1};
	size_t cells[] = {1, 2, 3, 4};
	struct pw_stats_line l = {cells, 4, SIZE_MAX};
	bool h[5];
	pw_stats_suppress(c, 5, &l, 1, PW_STATS_K, h);
	check_hidden(h, (bool[]){false, true, false, false, true}, 5);
}

/* Only zeros beside the hidden cell: the total goes; without a total, a zero. */
static void zeros_and_totals(void **state)
{
	(void)state;
	int64_t c[] = {3, 3, 0};
	size_t cells[] = {1, 2};
	struct pw_stats_line l = {cells, 2, 0};
	bool h[3];
	pw_stats_suppress(c, 3, &l, 1, PW_STATS_K, h);
	check_hidden(h, (bool[]){true, true, false}, 3);

	int64_t c2[] = {8, 0, 0};
	struct pw_stats_line l2 = {cells, 2, 0};
	c2[1] = 2;
	c2[0] = 2;
	pw_stats_suppress(c2, 3, &l2, 1, PW_STATS_K, h);
	check_hidden(h, (bool[]){true, true, false}, 3);

	int64_t c3[] = {2, 0, 0};
	size_t cells3[] = {0, 1, 2};
	struct pw_stats_line l3 = {cells3, 3, SIZE_MAX};
	pw_stats_suppress(c3, 3, &l3, 1, PW_STATS_K, h);
	check_hidden(h, (bool[]){true, true, false}, 3);
}

/* A hidden subtotal opens the line above it: class 1A (3) of year 1 (3)
 * hides the year; the year's line to the grand total (13) then hides year 2. */
static void cascade(void **state)
{
	(void)state;
	/* 0: grand total 13, 1: year 1 = 3, 2: year 2 = 10, 3: class 1A = 3, 4: class 1B = 0 */
	int64_t c[] = {13, 3, 10, 3, 0};
	size_t years[] = {1, 2}, classes[] = {3, 4};
	struct pw_stats_line l[] = {{years, 2, 0}, {classes, 2, 1}};
	bool h[5];
	pw_stats_suppress(c, 5, l, 2, PW_STATS_K, h);
	check_hidden(h, (bool[]){false, true, true, true, false}, 5);
}

static const struct pw_stats_measure *measure(const struct pw_stats_year *y, const char *name)
{
	for (size_t i = 0; i < y->n_m; i++)
		if (strcmp(y->m[i].name, name) == 0)
			return &y->m[i];
	fail_msg("no measure %s", name);
	return NULL;
}

/* "<5" for a hidden cell, else the number, as the API shows it. */
static const char *shown(struct pw_arena *a, const struct pw_stats_year *y, const char *name, const char *key)
{
	const struct pw_stats_measure *m = measure(y, name);
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->cells[i].key, key) == 0)
			return m->cells[i].suppressed ? "<5" : pw_printf(a, "%lld", (long long)m->cells[i].count);
	fail_msg("no key %s in %s", key, name);
	return NULL;
}

static void keys(struct pw_arena *a, struct pw_stats_keys *k, const char *const *v)
{
	for (; *v; v++)
		pw_stats_keys_add(a, k, *v);
}

/* Seven signals and five cases with known answers. */
static void compute(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_stats_signal sig[7];
	memset(sig, 0, sizeof sig);
	struct pw_stats_person in1a = {"gepeste", "1A", 1, "onderbouw"}, in2b = {"pester", "2B", 2, "onderbouw"},
			       bystander = {"publiek", "3C", 3, "bovenbouw"};
	for (int i = 0; i < 7; i++) {
		sig[i].systematisch = i < 5 ? "ja" : i == 5 ? "nee" : "onbekend";
		sig[i].in_case = i < 6;
		keys(&a, &sig[i].dim[PW_SD_VORM], (const char *const[]){"woorden_beelden", NULL});
		pw_stats_add_people(&a, lek, i < 6 ? &in1a : &in2b, 1, sig[i].dim, &sig[i].places, &sig[i].n_places);
		/* A bystander's class is not where the bullying is. */
		pw_stats_add_people(&a, lek, &bystander, 1, sig[i].dim, &sig[i].places, &sig[i].n_places);
		pw_stats_add_signal_data(&a, NULL, i < 6 ? " Aula" : "gym", sig[i].dim);
	}
	keys(&a, &sig[0].dim[PW_SD_VORM], (const char *const[]){"lichamelijk", NULL});
	struct pw_stats_case cs[5];
	memset(cs, 0, sizeof cs);
	int first[5] = {1, 2, 3, 4, 10};
	for (int i = 0; i < 5; i++) {
		cs[i].start_level = "mentor";
		cs[i].level = i < 3 ? "mentor" : "clz";
		cs[i].closed = i >= 3;
		cs[i].first_step_days = first[i];
		cs[i].closing_days = i >= 3 ? 10 + i : -1;
		if (i >= 3)
			keys(&a, &cs[i].raised_to, (const char *const[]){"clz", NULL});
		pw_stats_add_people(&a, lek, &in1a, 1, cs[i].dim, &cs[i].places, &cs[i].n_places);
	}
	keys(&a, &cs[4].sanctions, (const char *const[]){"gesprek", NULL});
	cs[4].consult = true;
	keys(&a, &cs[4].escalations, (const char *const[]){"apc", NULL});
	keys(&a, &cs[0].overdue, (const char *const[]){"mentor.gesprek_gepeste", NULL});

	struct pw_stats_year y;
	pw_stats_compute(&a, lek, "2025-2026", sig, 7, cs, 5, &y);
	assert_string_equal(shown(&a, &y, "signals", ""), "7");
	assert_string_equal(shown(&a, &y, "signals.systematisch", "ja"), "5");
	assert_string_equal(shown(&a, &y, "signals.systematisch", "nee"), "<5");
	assert_string_equal(shown(&a, &y, "signals.systematisch", "onbekend"), "<5");
	assert_string_equal(shown(&a, &y, "suspicions", ""), "<5");
	assert_string_equal(shown(&a, &y, "suspicions.case", "casus"), "<5");
	assert_string_equal(shown(&a, &y, "suspicions.case", "geen_casus"), "<5");
	/* lichamelijk (1) is hidden, and so its complement woorden_beelden (7). */
	assert_string_equal(shown(&a, &y, "signals.vorm", "lichamelijk"), "<5");
	assert_string_equal(shown(&a, &y, "signals.vorm", "woorden_beelden"), "<5");
	assert_string_equal(shown(&a, &y, "signals.vorm", "afpersing"), "0");
	/* gym (1) is hidden; its complement is the line's other cell, aula (6). */
	assert_string_equal(shown(&a, &y, "signals.location", "gym"), "<5");
	assert_string_equal(shown(&a, &y, "signals.location", "aula"), "<5");
	assert_string_equal(measure(&y, "signals.location")->cells[0].key, "aula"); /* hotspots first */
	assert_string_equal(shown(&a, &y, "signals.class", "1A"), "<5");
	assert_string_equal(shown(&a, &y, "signals.class", "2B"), "<5");
	assert_int_equal(measure(&y, "signals.class")->n, 2); /* no 3C: a bystander's class */
	assert_string_equal(shown(&a, &y, "signals.leerjaar", "1"), "<5");
	assert_string_equal(shown(&a, &y, "signals.department", "onderbouw"), "7");
	assert_int_equal(measure(&y, "signals.class")->cells[0].count, 6);

	assert_string_equal(shown(&a, &y, "cases", ""), "5");
	assert_string_equal(shown(&a, &y, "cases.start_level", "mentor"), "5");
	assert_string_equal(shown(&a, &y, "cases.start_level", "clz"), "0");
	assert_string_equal(shown(&a, &y, "cases.status", "open"), "<5");
	assert_string_equal(shown(&a, &y, "cases.status", "closed"), "<5");
	assert_string_equal(shown(&a, &y, "cases.raised_to", "clz"), "<5");
	assert_string_equal(shown(&a, &y, "cases.escalated", ""), "<5");
	assert_string_equal(shown(&a, &y, "cases.consult", ""), "<5");
	assert_string_equal(shown(&a, &y, "cases.escalation", "apc"), "<5");
	assert_string_equal(shown(&a, &y, "cases.escalation", "mt"), "<5"); /* the complement of apc */
	assert_string_equal(shown(&a, &y, "sanctions.rung", "gesprek"), "<5");
	assert_string_equal(shown(&a, &y, "sanctions.rung", "verwijdering"), "0");
	assert_string_equal(shown(&a, &y, "cases.class", "1A"), "5");
	assert_string_equal(shown(&a, &y, "steps.overdue", "mentor.gesprek_gepeste"), "<5");
	/* Medians over five first steps; not over two closings. */
	assert_true(y.median_first_step == 3.0);
	assert_true(y.median_closing < 0);
	assert_int_equal(y.n_closing, 2);

	/* The same as CSV and JSON. */
	struct pw_buf b;
	pw_buf_init(&b);
	pw_stats_csv(&b, &y, NULL, 0);
	assert_non_null(strstr(b.data, "schoolyear;measure;key;count\r\n2025-2026;signals;;7\r\n"));
	assert_non_null(strstr(b.data, "2025-2026;signals.vorm;lichamelijk;<5\r\n"));
	assert_non_null(strstr(b.data, "2025-2026;median.first_step_days;;3\r\n"));
	assert_non_null(strstr(b.data, "2025-2026;median.closing_days;;-\r\n"));
	pw_buf_free(&b);
	json_t *j = pw_stats_json(&y, &y, 1);
	assert_int_equal(json_integer_value(json_object_get(j, "signals")), 7);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "signals.vorm"), "lichamelijk")), "<5");
	assert_true(json_is_null(json_object_get(j, "median.closing_days")));
	assert_int_equal(json_array_size(json_object_get(j, "earlier")), 1);
	json_decref(j);
	pw_arena_free(&a);
}

/* A case's digest from its timeline. */
static void digest(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	pw_day mon, fri;
	assert_int_equal(pw_day_parse("2025-10-06", &mon), 0);
	assert_int_equal(pw_day_parse("2025-10-10", &fri), 0);
	struct pw_calendar cal = {.start = mon - 40, .end = mon + 300};
	struct pw_event ev[] = {
		{.id = 1, .day = mon, .kind = PW_EV_OPENED, .key = "mentor"},
		{.id = 2, .day = mon, .kind = PW_EV_SIGNAL, .ref = 1},
		{.id = 3, .day = mon + 1, .kind = PW_EV_LEVEL, .key = "clz"},
		{.id = 4, .day = mon + 1, .kind = PW_EV_ESCALATION, .key = "apc", .user = 9},
		{.id = 5, .day = mon + 2, .kind = PW_EV_ESCALATION, .key = "mt", .user = 8},
		{.id = 6, .day = mon + 2, .kind = PW_EV_SIGNAL, .ref = 2, .flag = true},
		{.id = 7, .day = mon + 3, .kind = PW_EV_SANCTION, .key = "gesprek", .status = "applied", .student = 1},
		{.id = 8, .day = mon + 3, .kind = PW_EV_SANCTION, .key = "schorsing_kort", .status = "proposed", .student = 1},
		{.id = 9, .day = mon + 3, .kind = PW_EV_SANCTION, .key = "schorsing_kort", .status = "proposed", .student = 2},
		{.id = 10, .day = mon + 3, .kind = PW_EV_DECISION, .ref = 8, .status = "approved"},
		{.id = 11, .day = mon + 3, .kind = PW_EV_DECISION, .ref = 9, .status = "rejected"},
		{.id = 12, .day = fri, .kind = PW_EV_CLOSED, .text = "gestopt"},
	};
	struct pw_person persons[] = {{.student_id = 1, .rol = "pester"}, {.student_id = 2, .rol = "gepeste"}};
	struct pw_case c = {.id = 1, .p = lek, .closed = true, .level = pw_protocol_level(lek, "clz"),
			    .persons = persons, .n_persons = 2, .events = ev, .n_events = sizeof ev / sizeof ev[0],
			    .opened = mon};
	struct pw_stats_case out;
	memset(&out, 0, sizeof out);
	pw_stats_case_digest(&a, &c, &cal, fri, &out);
	assert_string_equal(out.start_level, "mentor");
	assert_string_equal(out.level, "clz");
	assert_int_equal(out.raised_to.n, 1);
	assert_string_equal(out.raised_to.v[0], "clz");
	assert_true(out.consult);
	assert_true(out.brought_in);
	assert_true(out.recurrence);
	assert_int_equal(out.escalations.n, 2);
	/* The applied talk and the approved suspension; not the rejected one. */
	assert_int_equal(out.sanctions.n, 2);
	assert_string_equal(out.sanctions.v[0], "gesprek");
	assert_string_equal(out.sanctions.v[1], "schorsing_kort");
	assert_int_equal(out.closing_days, 4);
	assert_int_equal(out.first_step_days, -1); /* no step done */
	pw_arena_free(&a);
}

/* The builder grows far past its old fixed 64 measures (and each measure
 * past its first block of cells) while earlier measures are still being
 * counted by index: nothing counted before a growth may be lost. */
static void builder_grows(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_stats_builder b = {.a = &a};
	size_t first = pw_stats_builder_measure(&b, "first", true);
	size_t idx[300];
	for (size_t i = 0; i < 300; i++) {
		idx[i] = pw_stats_builder_measure(&b, pw_printf(&a, "m%zu", i), true);
		/* Count in the first measure after every growth of the array. */
		pw_stats_builder_cell(&b, first, pw_printf(&a, "k%zu", i % 40))->count++;
		pw_stats_builder_cell(&b, idx[i / 2], "x")->count += 2;
	}
	size_t tot = pw_stats_builder_total(&b, "tot", 7);
	assert_int_equal(b.n, 302);
	assert_true(b.cap >= 302);
	assert_string_equal(b.v[first].m.name, "first");
	assert_int_equal(b.v[first].m.n, 40);
	int64_t sum = 0;
	for (size_t k = 0; k < b.v[first].m.n; k++)
		sum += b.v[first].m.cells[k].count;
	assert_int_equal(sum, 300);
	assert_int_equal(pw_stats_builder_cell(&b, first, "k7")->count, 8); /* i = 7, 47, ..., 287 */
	for (size_t i = 0; i < 150; i++) {
		assert_string_equal(b.v[idx[i]].m.name, pw_printf(&a, "m%zu", i));
		assert_int_equal(b.v[idx[i]].m.n, 1);
		assert_int_equal(b.v[idx[i]].m.cells[0].count, 4);
	}
	assert_int_equal(b.v[idx[299]].m.n, 0);
	assert_false(b.v[tot].m.breakdown);
	assert_int_equal(b.v[tot].m.cells[0].count, 7);
	pw_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(complement_smallest), cmocka_unit_test(threshold), cmocka_unit_test(zeros_and_totals),
		cmocka_unit_test(cascade),             cmocka_unit_test(compute),   cmocka_unit_test(digest),
		cmocka_unit_test(builder_grows),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
