/* The yearly evaluation's figures: a few set-wise queries per school year
 * (signals, their people, cases, their people, events and signals), never a
 * query per row, so a school's year is counted in milliseconds
 * (ARCHITECTURE.md: under 50 ms). */
#include <stdlib.h>
#include <string.h>

#include "core/prevention.h"
#include "core/school_protocol.h"
#include "store/db.h"
#include "store/people.h"
#include "store/prevention.h"
#include "store/rows.h"
#include "store/stats.h"

/* The position of id in the ascending ids, or -1. */
static long find_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id ? (long)lo : -1;
}

static void bind_span(struct pw_q *q, int64_t school, const char *from, const char *to, int64_t year_id)
{
	pw_q_int(q, 1, school);
	pw_q_text(q, 2, from);
	pw_q_text(q, 3, to);
	if (year_id)
		pw_q_int(q, 4, year_id);
}

/* A case being gathered. */
struct gather {
	struct pw_case c;
	struct pw_person *persons;
	size_t cap_p;
	struct pw_stats_person *people;
	struct pw_event *events;
	size_t n_events, cap_e;
	const char *level, *status;
	int64_t version;
	const char **cyber;
	size_t n_cyber;
};

static enum pw_status load_signals(struct pw_db *db, struct pw_arena *a, const struct pw_protocol *p, int64_t school,
				   const char *from, const char *to, int64_t year_id, struct pw_stats_signal **out,
				   size_t *n, struct pw_err *err)
{
	struct pw_q q;
	struct pw_stats_signal *v = NULL;
	int64_t *ids = NULL;
	size_t cap = 0, cap_ids = 0;
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_STATS_SIGNALS);
	bind_span(&q, school, from, to, 0);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		ids = pw_arena_grow(a, ids, *n, &cap_ids, sizeof *ids);
		struct pw_stats_signal *sg = &v[*n];
		ids[*n] = pw_q_col_int(&q, 0);
		sg->systematisch = pw_row_dup(a, pw_q_col_text(&q, 1));
		json_t *data = json_loads(pw_q_col_text(&q, 3), 0, NULL);
		pw_stats_add_signal_data(a, data, pw_q_col_text(&q, 2), sg->dim);
		json_decref(data);
		sg->in_case = pw_q_col_int(&q, 4) != 0;
		(*n)++;
	}
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	/* Their students with their class that year: one query, grouped here. */
	struct pw_stats_person *people = NULL;
	int64_t *owner = NULL;
	size_t np = 0, capp = 0, capo = 0;
	pw_q_start(&q, db, STMT_STATS_SIGNAL_PEOPLE);
	bind_span(&q, school, from, to, year_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		people = pw_arena_grow(a, people, np, &capp, sizeof *people);
		owner = pw_arena_grow(a, owner, np, &capo, sizeof *owner);
		owner[np] = pw_q_col_int(&q, 0);
		people[np].rol = pw_row_dup(a, pw_q_col_text(&q, 1));
		people[np].class_name = pw_row_dup(a, pw_q_col_text(&q, 2));
		people[np].year = (int)pw_q_col_int(&q, 3);
		people[np].department = pw_row_dup(a, pw_q_col_text(&q, 4));
		np++;
	}
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	for (size_t i = 0; i < np; i++) {
		long at = find_id(ids, *n, owner[i]);
		if (at >= 0)
			pw_stats_add_people(a, p, &people[i], 1, v[at].dim, &v[at].places, &v[at].n_places);
	}
	*out = v;
	return PW_OK;
}

static enum pw_status load_cases(struct pw_store *s, struct pw_db *db, struct pw_arena *a, const struct pw_protocol *p,
				 int64_t school, const char *from, const char *to, int64_t year_id,
				 const struct pw_calendar *cal, pw_day asof, struct pw_stats_case **out, size_t *n,
				 struct pw_err *err)
{
	struct pw_q q;
	struct gather *g = NULL;
	int64_t *ids = NULL;
	size_t cap = 0, cap_ids = 0, nc = 0;
	int r;
	pw_q_start(&q, db, STMT_STATS_CASES);
	bind_span(&q, school, from, to, 0);
	while ((r = pw_q_step(&q, err)) == 1) {
		g = pw_arena_grow(a, g, nc, &cap, sizeof *g);
		ids = pw_arena_grow(a, ids, nc, &cap_ids, sizeof *ids);
		ids[nc] = pw_q_col_int(&q, 0);
		g[nc].c.id = ids[nc];
		g[nc].c.school_id = school;
		g[nc].status = pw_row_dup(a, pw_q_col_text(&q, 1));
		g[nc].level = pw_row_dup(a, pw_q_col_text(&q, 2));
		g[nc].c.opened = pw_row_day(pw_q_col_text(&q, 3));
		g[nc].version = pw_q_col_int(&q, 4);
		nc++;
	}
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	*n = nc;
	*out = pw_calloc(a, nc + 1, sizeof **out);
	if (nc == 0)
		return PW_OK;

	pw_q_start(&q, db, STMT_STATS_CASE_PEOPLE);
	bind_span(&q, school, from, to, year_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		long at = find_id(ids, nc, pw_q_col_int(&q, 0));
		if (at < 0)
			continue;
		struct gather *x = &g[at];
		size_t cap_people = x->cap_p;
		x->people = pw_arena_grow(a, x->people, x->c.n_persons, &cap_people, sizeof *x->people);
		x->persons = pw_arena_grow(a, x->persons, x->c.n_persons, &x->cap_p, sizeof *x->persons);
		struct pw_person *pp = &x->persons[x->c.n_persons];
		struct pw_stats_person *sp = &x->people[x->c.n_persons];
		pp->student_id = pw_q_col_int(&q, 1);
		pp->rol = sp->rol = pw_row_dup(a, pw_q_col_text(&q, 2));
		pp->extern_desc = pw_row_dup(a, pw_q_col_text(&q, 3));
		pp->class_name = sp->class_name = pw_row_dup(a, pw_q_col_text(&q, 4));
		sp->year = (int)pw_q_col_int(&q, 5);
		pp->department = sp->department = pw_row_dup(a, pw_q_col_text(&q, 6));
		pp->name = pp->extern_desc;
		x->c.n_persons++;
	}
	pw_q_end(&q);
	if (r < 0)
		return err->code;

	pw_q_start(&q, db, STMT_STATS_CASE_EVENTS);
	bind_span(&q, school, from, to, 0);
	while ((r = pw_q_step(&q, err)) == 1) {
		long at = find_id(ids, nc, pw_q_col_int(&q, 0));
		if (at < 0)
			continue;
		struct gather *x = &g[at];
		x->events = pw_arena_grow(a, x->events, x->n_events, &x->cap_e, sizeof *x->events);
		json_decref(pw_row_event(a, &q, 1, &x->events[x->n_events++]));
	}
	pw_q_end(&q);
	if (r < 0)
		return err->code;

	pw_q_start(&q, db, STMT_STATS_CASE_SIGNALS);
	bind_span(&q, school, from, to, 0);
	while ((r = pw_q_step(&q, err)) == 1) {
		long at = find_id(ids, nc, pw_q_col_int(&q, 0));
		if (at < 0)
			continue;
		json_t *data = json_loads(pw_q_col_text(&q, 2), 0, NULL);
		pw_stats_add_signal_data(a, data, pw_q_col_text(&q, 1), (*out)[at].dim);
		json_decref(data);
	}
	pw_q_end(&q);
	if (r < 0)
		return err->code;

	for (size_t i = 0; i < nc; i++) {
		struct gather *x = &g[i];
		struct pw_stats_case *sc = &(*out)[i];
		/* A case keeps the definition it started under. */
		x->c.p = pw_protocol_version(s, x->version, err);
		if (x->c.p == NULL)
			return PW_EIO;
		x->c.level = pw_protocol_level(x->c.p, x->level);
		x->c.closed = x->status && strcmp(x->status, "closed") == 0;
		x->c.persons = x->persons;
		x->c.events = x->events;
		x->c.n_events = x->n_events;
		/* Its cyber kinds (for the cyber steps) are its signals'. */
		x->c.cyber_kinds = (const char *const *)sc->dim[PW_SD_CYBER].v;
		x->c.n_cyber = sc->dim[PW_SD_CYBER].n;
		pw_stats_case_digest(a, &x->c, cal, asof, sc);
		pw_stats_add_people(a, p, x->people, x->c.n_persons, sc->dim, &sc->places, &sc->n_places);
	}
	return PW_OK;
}

/* The prevention calendar of the year: each class's tasks (the definition's
 * activities for its leerjaar) with what was recorded, and whether an open
 * one is behind on asof; the same reading as the prevention overview. */
static enum pw_status year_prevention(struct pw_store *s, struct pw_arena *a, const struct pw_protocol *p,
				      const struct pw_schoolyear *sy, const struct pw_calendar *cal, pw_day asof,
				      struct pw_stats_year *out, struct pw_err *err)
{
	struct pw_class *cls;
	struct pw_prev_record *rec;
	size_t ncls, nrec;
	if (pw_store_class_list(s, a, sy->id, &cls, &ncls, err) != PW_OK ||
	    pw_store_prevention_of_year(s, a, sy->id, &rec, &nrec, err) != PW_OK)
		return err->code;
	struct pw_stats_prev_task *t = pw_calloc(a, ncls * PW_PREV_MAX + 1, sizeof *t);
	int64_t *class_of = pw_calloc(a, ncls * PW_PREV_MAX + 1, sizeof *class_of);
	size_t nt = 0;
	for (size_t i = 0; i < ncls; i++) {
		struct pw_prev_task pt[PW_PREV_MAX];
		const struct pw_prev_record *r[PW_PREV_MAX];
		pw_day done_on[PW_PREV_MAX];
		bool has_done[PW_PREV_MAX];
		size_t n = pw_prevention_tasks(p, cls[i].year, pt, PW_PREV_MAX);
		for (size_t k = 0; k < n; k++) {
			r[k] = NULL;
			for (size_t j = 0; j < nrec; j++)
				if (rec[j].class_id == cls[i].id && strcmp(rec[j].activity, pt[k].activity->key) == 0)
					r[k] = &rec[j];
			has_done[k] = r[k] && strcmp(r[k]->status, "done") == 0 && pw_day_parse(r[k]->done_on, &done_on[k]) == 0;
		}
		pw_prevention_due(cal, pt, n, done_on, has_done);
		for (size_t k = 0; k < n; k++, nt++) {
			t[nt].activity = pt[k].activity->key;
			t[nt].status = r[k] ? r[k]->status : NULL;
			t[nt].behind = r[k] == NULL && pw_prevention_overdue(&pt[k], asof);
			class_of[nt] = cls[i].id;
		}
	}
	pw_stats_add_prevention(a, p, t, class_of, nt, ncls, out);
	return PW_OK;
}

/* One school year's figures. */
static enum pw_status year_figures(struct pw_store *s, struct pw_arena *a, const struct pw_protocol *p, int64_t school,
				   const struct pw_schoolyear *sy, const struct pw_schoolyear *next, pw_day today,
				   struct pw_stats_year *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	pw_day start = pw_row_day(sy->start_on), end = pw_row_day(sy->end_on), last;
	if (next) {
		last = pw_row_day(next->start_on) - 1;
	} else {
		int y, m, d;
		pw_day_to_ymd(start, &y, &m, &d);
		last = pw_day_from_ymd(y + 1, 7, 31);
		if (last < end)
			last = end;
	}
	char to[11];
	pw_day_format(last, to);
	struct pw_calendar cal = {.start = start, .end = end};
	struct pw_holiday *h;
	size_t nh;
	if (pw_store_holiday_list(s, a, sy->id, &h, &nh, err) != PW_OK)
		return err->code;
	struct pw_day_range *hr = pw_calloc(a, nh + 1, sizeof *hr);
	for (size_t i = 0; i < nh; i++) {
		hr[i].from = pw_row_day(h[i].start_on);
		hr[i].to = pw_row_day(h[i].end_on);
	}
	cal.holidays = hr;
	cal.nholidays = nh;
	pw_day asof = today < last ? today : last;

	struct pw_stats_signal *sig = NULL;
	struct pw_stats_case *cs = NULL;
	size_t ns = 0, nc = 0;
	if (load_signals(db, a, p, school, sy->start_on, to, sy->id, &sig, &ns, err) != PW_OK ||
	    load_cases(s, db, a, p, school, sy->start_on, to, sy->id, &cal, asof, &cs, &nc, err) != PW_OK)
		return err->code;
	pw_stats_compute(a, p, sy->name, sig, ns, cs, nc, out);
	return year_prevention(s, a, p, sy, &cal, asof, out, err);
}

enum pw_status pw_store_stats(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *schoolyear,
			      pw_day today, struct pw_stats_year *year, struct pw_stats_year **earlier,
			      size_t *n_earlier, struct pw_err *err)
{
	struct pw_schoolyear *v;
	size_t n;
	*earlier = NULL;
	*n_earlier = 0;
	if (pw_store_schoolyear_list(s, a, school_id, &v, &n, err) != PW_OK)
		return err->code;
	size_t at = n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, schoolyear) == 0)
			at = i;
	if (at == n) {
		const char *names = "";
		for (size_t i = 0; i < n; i++)
			names = pw_printf(a, "%s%s%s", names, i ? ", " : "", v[i].name);
		return pw_err_field(err, PW_ENOTFOUND, "schoolyear",
				    "Schooljaar %s bestaat niet bij deze school (wel: %s). (No such school year.)", schoolyear,
				    n ? names : "geen");
	}
	const struct pw_protocol *p = pw_school_protocol(s, school_id, NULL, err);
	if (p == NULL)
		return err->code;
	/* Years are listed by their start: v[at - 1] is the one before. */
	if (year_figures(s, a, p, school_id, &v[at], at + 1 < n ? &v[at + 1] : NULL, today, year, err) != PW_OK)
		return err->code;
	size_t ne = at < PW_STATS_YEARS - 1 ? at : PW_STATS_YEARS - 1;
	*earlier = pw_calloc(a, ne + 1, sizeof **earlier);
	for (size_t k = 0; k < ne; k++)
		if (year_figures(s, a, p, school_id, &v[at - 1 - k], &v[at - k], today, &(*earlier)[k], err) != PW_OK)
			return err->code;
	*n_earlier = ne;
	return PW_OK;
}
