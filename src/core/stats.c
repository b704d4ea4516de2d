/* The yearly evaluation's figures: counting, suppression, JSON and CSV.
 * The method of suppression is described in core/stats.h. */
#include "core/stats.h"
#include "core/stats_build.h"
#include "core/prevention.h"
#include "core/survey.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR2(x) #x
#define STR(x) STR2(x)

/* ---- key lists ---- */

static void keys_push(struct pw_arena *a, struct pw_stats_keys *k, const char *key)
{
	/* Doubling from 4: the arena keeps the old copies, which is fine for
	 * lists of a few keys per row. */
	if ((k->n & (k->n - 1)) == 0 && k->n >= 4) {
		const char **w = pw_calloc(a, k->n * 2, sizeof *w);
		memcpy(w, k->v, k->n * sizeof *w);
		k->v = w;
	} else if (k->v == NULL) {
		k->v = pw_calloc(a, 4, sizeof *k->v);
	}
	k->v[k->n++] = pw_strdup(a, key);
}

static bool keys_has(const struct pw_stats_keys *k, const char *key)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i], key) == 0)
			return true;
	return false;
}

void pw_stats_keys_add(struct pw_arena *a, struct pw_stats_keys *k, const char *key)
{
	if (key && !keys_has(k, key))
		keys_push(a, k, key);
}

/* ---- rows ---- */

static bool join_role(const struct pw_protocol *p, const char *rol)
{
	for (size_t i = 0; i < p->rules.n_join; i++)
		if (rol && strcmp(p->rules.join[i]->key, rol) == 0)
			return true;
	return false;
}

void pw_stats_add_people(struct pw_arena *a, const struct pw_protocol *p, const struct pw_stats_person *v, size_t n,
			 struct pw_stats_keys dim[PW_SD__MAX], const struct pw_stats_place **places, size_t *n_places)
{
	struct pw_stats_place *pl = pw_calloc(a, *n_places + n + 1, sizeof *pl);
	if (*n_places)
		memcpy(pl, *places, *n_places * sizeof *pl);
	size_t np = *n_places;
	for (size_t i = 0; i < n; i++) {
		/* Where the bullying is: the classes of targets and bullies, not of
		 * bystanders or defenders. */
		if (v[i].class_name == NULL || !join_role(p, v[i].rol))
			continue;
		bool seen = false;
		for (size_t k = 0; k < np; k++)
			seen |= strcmp(pl[k].class_name, v[i].class_name) == 0;
		if (seen)
			continue;
		pl[np].class_name = v[i].class_name;
		pl[np].department = v[i].department ? v[i].department : "";
		pl[np].year = v[i].year;
		pw_stats_keys_add(a, &dim[PW_SD_CLASS], pl[np].class_name);
		if (pl[np].department[0])
			pw_stats_keys_add(a, &dim[PW_SD_DEPARTMENT], pl[np].department);
		if (pl[np].year > 0)
			pw_stats_keys_add(a, &dim[PW_SD_LEERJAAR], pw_printf(a, "%d", pl[np].year));
		np++;
	}
	*places = pl;
	*n_places = np;
}

/* "  Aula " and "aula" are one hotspot. */
static const char *location_key(struct pw_arena *a, const char *loc)
{
	if (loc == NULL)
		return "(geen)";
	while (*loc && isspace((unsigned char)*loc))
		loc++;
	size_t n = strlen(loc);
	while (n && isspace((unsigned char)loc[n - 1]))
		n--;
	if (n == 0)
		return "(geen)";
	char *k = pw_strndup(a, loc, n > 80 ? 80 : n);
	for (char *c = k; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return k;
}

static void add_array(struct pw_arena *a, struct pw_stats_keys *k, json_t *arr)
{
	for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr); i++)
		pw_stats_keys_add(a, k, json_string_value(json_array_get(arr, i)));
}

void pw_stats_add_signal_data(struct pw_arena *a, json_t *data, const char *location,
			      struct pw_stats_keys dim[PW_SD__MAX])
{
	add_array(a, &dim[PW_SD_VORM], json_object_get(data, "vormen"));
	const char *fk;
	json_t *fv;
	json_object_foreach(json_object_get(data, "flags"), fk, fv)
	{
		if (json_is_false(fv) || json_is_null(fv))
			continue;
		pw_stats_keys_add(a, &dim[PW_SD_FLAG], fk);
		if (json_is_string(fv))
			pw_stats_keys_add(a, &dim[PW_SD_FLAG_CHOICE], pw_printf(a, "%s.%s", fk, json_string_value(fv)));
	}
	json_t *cy = json_object_get(data, "cyber");
	add_array(a, &dim[PW_SD_CYBER], json_object_get(cy, "soorten"));
	add_array(a, &dim[PW_SD_PLATFORM], json_object_get(cy, "platforms"));
	if (location)
		pw_stats_keys_add(a, &dim[PW_SD_LOCATION], location_key(a, location));
}

/* The template of a step key: "sanctie.inspectie_melden:12" counts as
 * "sanctie.inspectie_melden", so duties of different sanctions add up. */
static const char *step_template(struct pw_arena *a, const struct pw_step_view *v)
{
	if (v->step)
		return v->step->key;
	const char *colon = strchr(v->key, ':');
	return colon ? pw_strndup(a, v->key, (size_t)(colon - v->key)) : v->key;
}

static bool imposed(const struct pw_case *c, const struct pw_event *s)
{
	if (s->status && (strcmp(s->status, "applied") == 0 || strcmp(s->status, "approved") == 0))
		return true;
	/* A proposal counts once it is approved (the last decision on it wins). */
	bool yes = false;
	for (size_t i = 0; i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		if (e->kind == PW_EV_DECISION && e->ref == s->id && e->status)
			yes = strcmp(e->status, "approved") == 0 || strcmp(e->status, "applied") == 0;
	}
	return yes;
}

void pw_stats_case_digest(struct pw_arena *a, const struct pw_case *c, const struct pw_calendar *cal, pw_day asof,
			  struct pw_stats_case *out)
{
	const struct pw_protocol *p = c->p;
	out->closed = c->closed;
	out->first_step_days = -1;
	out->closing_days = -1;
	const struct pw_level *start = NULL;
	pw_day closed_on = 0;
	for (size_t i = 0; i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		const struct pw_level *l = e->key ? pw_protocol_level(p, e->key) : NULL;
		switch (e->kind) {
		case PW_EV_OPENED:
			if (start == NULL)
				start = l;
			break;
		case PW_EV_LEVEL:
		case PW_EV_REOPENED:
			if (l && start && l->index > start->index)
				pw_stats_keys_add(a, &out->raised_to, l->key);
			break;
		case PW_EV_ESCALATION: {
			const struct pw_escalation *esc = e->key ? pw_protocol_escalation(p, e->key) : NULL;
			if (esc && esc->kind == PW_ESC_CONSULT)
				out->consult = true;
			if (esc && esc->kind == PW_ESC_BRING_IN)
				out->brought_in = true;
			pw_stats_keys_add(a, &out->escalations, e->key);
			break;
		}
		case PW_EV_SIGNAL:
			out->recurrence |= e->flag;
			break;
		case PW_EV_EVALUATION: {
			const struct pw_eval_outcome *o = e->key ? pw_protocol_outcome(p, e->key) : NULL;
			out->recurrence |= o && o->effect == PW_EVAL_RECURRED;
			break;
		}
		case PW_EV_SANCTION:
			if (e->key && imposed(c, e))
				keys_push(a, &out->sanctions, e->key);
			break;
		case PW_EV_CLOSED:
			closed_on = e->day;
			break;
		default:
			break;
		}
	}
	if (start == NULL)
		start = c->level;
	const struct pw_level *now = pw_case_level(c);
	out->start_level = start ? start->key : NULL;
	out->level = now ? now->key : NULL;

	struct pw_step_view *sv;
	size_t n = pw_case_steps(a, c, cal, asof, &sv);
	int64_t first = 0;
	for (size_t i = 0; i < n; i++) {
		if (sv[i].status == PW_STEP_DONE && sv[i].done_at > 0 && (first == 0 || sv[i].done_at < first))
			first = sv[i].done_at;
		if (sv[i].overdue)
			pw_stats_keys_add(a, &out->overdue, step_template(a, &sv[i]));
		if (sv[i].status == PW_STEP_SKIPPED)
			pw_stats_keys_add(a, &out->skipped, step_template(a, &sv[i]));
	}
	if (first) {
		int d = pw_cal_school_days_between(cal, c->opened, pw_day_from_unix(first));
		out->first_step_days = d < 0 ? 0 : d;
	}
	if (c->closed && closed_on) {
		int d = pw_cal_school_days_between(cal, c->opened, closed_on);
		out->closing_days = d < 0 ? 0 : d;
	}
}

/* ---- counting ---- */

/* Measures are referred to by their index in the builder, never by a
 * pointer: the builder's array moves when it grows, and a pointer kept
 * across a later measure() would write to the old copy (which the arena
 * keeps alive, so nothing would crash; counts would silently vanish). */

size_t pw_stats_builder_measure(struct pw_stats_builder *b, const char *name, bool breakdown)
{
	b->v = pw_arena_grow(b->a, b->v, b->n, &b->cap, sizeof *b->v);
	struct pw_stats_mb *m = &b->v[b->n];
	memset(m, 0, sizeof *m);
	m->m.name = name;
	m->m.breakdown = breakdown;
	return b->n++;
}

struct pw_stats_cell *pw_stats_builder_cell(struct pw_stats_builder *b, size_t mi, const char *key)
{
	struct pw_stats_mb *m = &b->v[mi];
	for (size_t i = 0; i < m->m.n; i++)
		if (strcmp(m->m.cells[i].key, key) == 0)
			return &m->m.cells[i];
	m->m.cells = pw_arena_grow(b->a, m->m.cells, m->m.n, &m->cap, sizeof *m->m.cells);
	struct pw_stats_cell *c = &m->m.cells[m->m.n++];
	memset(c, 0, sizeof *c);
	c->key = pw_strdup(b->a, key);
	return c;
}

size_t pw_stats_builder_total(struct pw_stats_builder *b, const char *name, int64_t count)
{
	size_t m = pw_stats_builder_measure(b, name, false);
	pw_stats_builder_cell(b, m, "")->count = count;
	return m;
}

static void count_keys(struct pw_stats_builder *b, size_t m, const struct pw_stats_keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		pw_stats_builder_cell(b, m, k->v[i])->count++;
}

/* Free-text keys (locations, classes) in a stable order: by count, most
 * first (hotspots on top), then by key. Protocol keys keep the definition's order. */
static int by_count(const void *x, const void *y)
{
	const struct pw_stats_cell *a = x, *b = y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int by_key(const void *x, const void *y)
{
	const struct pw_stats_cell *a = x, *b = y;
	/* By the number a key starts with, then as text: "2" before "10",
	 * "1A" before "1B" before "10A". */
	long na = strtol(a->key, NULL, 10), nb = strtol(b->key, NULL, 10);
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a->key, b->key);
}

static const char *const DIM_NAMES[PW_SD__MAX] = {"vorm", "flag", "flag_choice", "cyber", "platform",
						   "location", "leerjaar", "department", "class"};

/* The protocol's keys of a dimension, listed at zero so years compare. */
static void protocol_keys(struct pw_stats_builder *b, size_t m, const struct pw_protocol *p, enum pw_stats_dim d)
{
	switch (d) {
	case PW_SD_VORM:
		for (size_t i = 0; i < p->n_forms; i++)
			pw_stats_builder_cell(b, m, p->forms[i].key);
		break;
	case PW_SD_FLAG:
		for (size_t i = 0; i < p->n_flags; i++)
			pw_stats_builder_cell(b, m, p->flags[i].key);
		break;
	case PW_SD_FLAG_CHOICE:
		for (size_t i = 0; i < p->n_flags; i++)
			for (size_t k = 0; p->flags[i].choice && k < p->flags[i].n_choices; k++)
				pw_stats_builder_cell(b, m, pw_printf(b->a, "%s.%s", p->flags[i].key, p->flags[i].choices[k].key));
		break;
	case PW_SD_CYBER:
		for (size_t i = 0; i < p->cyber.n_kinds; i++)
			pw_stats_builder_cell(b, m, p->cyber.kinds[i].key);
		break;
	case PW_SD_PLATFORM:
		for (size_t i = 0; i < p->cyber.n_platforms; i++)
			pw_stats_builder_cell(b, m, p->cyber.platforms[i].key);
		break;
	default:
		break;
	}
}

static size_t dims(struct pw_stats_builder *b, const char *prefix, enum pw_stats_dim d)
{
	return pw_stats_builder_measure(b, pw_printf(b->a, "%s.%s", prefix, DIM_NAMES[d]), true);
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* The median of v (sorted here); -1 when fewer than k values, so that one
 * case's own time is never what is shown. */
static double median(int *v, size_t n)
{
	if (n < PW_STATS_K)
		return -1;
	qsort(v, n, sizeof *v, cmp_int);
	return (v[(n - 1) / 2] + v[n / 2]) / 2.0;
}

/* The index of measure `name`, or SIZE_MAX. */
static size_t find(struct pw_stats_builder *b, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i].m.name, name) == 0)
			return i;
	return SIZE_MAX;
}

/* Lines for suppression over the flattened cells. */
struct lines {
	struct pw_stats_line *v;
	size_t n, cap;
};

static void line_add(struct pw_arena *a, struct lines *l, size_t *cells, size_t n, size_t tot)
{
	if (n == 0)
		return;
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 64;
		struct pw_stats_line *w = pw_calloc(a, nc, sizeof *w);
		if (l->n)
			memcpy(w, l->v, l->n * sizeof *w);
		l->v = w;
		l->cap = nc;
	}
	l->v[l->n++] = (struct pw_stats_line){cells, n, tot};
}

/* The index of key in measure mi among the flattened cells, or SIZE_MAX. */
static size_t cell_index(struct pw_stats_builder *b, const size_t *off, size_t mi, const char *key)
{
	for (size_t i = 0; mi < b->n && i < b->v[mi].m.n; i++)
		if (strcmp(b->v[mi].m.cells[i].key, key) == 0)
			return off[mi] + i;
	return SIZE_MAX;
}

/* Classes grouped under their year and under their department: the
 * classes of one year add up (nearly: a signal can touch two classes) to the
 * year's cell, so a hidden class could be recovered from its year. */
static void class_lines(struct pw_stats_builder *b, const size_t *off, struct lines *ls, const char *prefix,
			const struct pw_stats_place *const *places, const size_t *nplaces, size_t nrows)
{
	/* No measure is added here, so these pointers stay valid. */
	struct pw_stats_mb *cls = &b->v[find(b, pw_printf(b->a, "%s.class", prefix))];
	size_t gi0 = find(b, pw_printf(b->a, "%s.leerjaar", prefix)), gi1 = find(b, pw_printf(b->a, "%s.department", prefix));
	struct pw_stats_mb *grp[2] = {gi0 < b->n ? &b->v[gi0] : NULL, gi1 < b->n ? &b->v[gi1] : NULL};
	/* Each class's year and department, from the first row that has it. */
	const struct pw_stats_place **of = pw_calloc(b->a, cls->m.n + 1, sizeof *of);
	for (size_t r = 0; r < nrows; r++)
		for (size_t k = 0; k < nplaces[r]; k++)
			for (size_t ci = 0; ci < cls->m.n; ci++)
				if (of[ci] == NULL && strcmp(places[r][k].class_name, cls->m.cells[ci].key) == 0)
					of[ci] = &places[r][k];
	for (int g = 0; g < 2; g++) {
		for (size_t gi = 0; grp[g] && gi < grp[g]->m.n; gi++) {
			const char *gkey = grp[g]->m.cells[gi].key;
			size_t *members = pw_calloc(b->a, cls->m.n + 1, sizeof *members);
			size_t nm = 0;
			for (size_t ci = 0; ci < cls->m.n; ci++) {
				char y[16];
				if (of[ci] == NULL)
					continue;
				snprintf(y, sizeof y, "%d", of[ci]->year);
				if (strcmp(g == 0 ? y : of[ci]->department, gkey) == 0)
					members[nm++] = off[cls - b->v] + ci;
			}
			line_add(b->a, ls, members, nm, off[grp[g] - b->v] + gi);
		}
	}
}

void pw_stats_compute(struct pw_arena *a, const struct pw_protocol *p, const char *schoolyear,
		      const struct pw_stats_signal *sig, size_t ns, const struct pw_stats_case *cs, size_t nc,
		      struct pw_stats_year *out)
{
	struct pw_stats_builder b = {.a = a};
	memset(out, 0, sizeof *out);
	out->schoolyear = schoolyear;

	/* Signals. */
	int64_t susp = 0, susp_case = 0;
	for (size_t i = 0; i < ns; i++)
		if (sig[i].systematisch && strcmp(sig[i].systematisch, "ja") != 0) {
			susp++;
			susp_case += sig[i].in_case;
		}
	pw_stats_builder_total(&b, "signals", (int64_t)ns);
	size_t sys = pw_stats_builder_measure(&b, "signals.systematisch", true);
	/* The API's three judgements (PROTOCOL.md section 1), not protocol keys. */
	pw_stats_builder_cell(&b, sys, "ja");
	pw_stats_builder_cell(&b, sys, "nee");
	pw_stats_builder_cell(&b, sys, "onbekend");
	for (size_t i = 0; i < ns; i++)
		if (sig[i].systematisch)
			pw_stats_builder_cell(&b, sys, sig[i].systematisch)->count++;
	for (int d = 0; d < PW_SD__MAX; d++) {
		size_t m = dims(&b, "signals", (enum pw_stats_dim)d);
		protocol_keys(&b, m, p, (enum pw_stats_dim)d);
		for (size_t i = 0; i < ns; i++)
			count_keys(&b, m, &sig[i].dim[d]);
	}
	pw_stats_builder_total(&b, "suspicions", susp);
	size_t sc = pw_stats_builder_measure(&b, "suspicions.case", true);
	pw_stats_builder_cell(&b, sc, "casus")->count = susp_case;
	pw_stats_builder_cell(&b, sc, "geen_casus")->count = susp - susp_case;

	/* Cases. */
	pw_stats_builder_total(&b, "cases", (int64_t)nc);
	for (int d = 0; d < PW_SD__MAX; d++) {
		size_t m = dims(&b, "cases", (enum pw_stats_dim)d);
		protocol_keys(&b, m, p, (enum pw_stats_dim)d);
		for (size_t i = 0; i < nc; i++)
			count_keys(&b, m, &cs[i].dim[d]);
	}
	size_t st = pw_stats_builder_measure(&b, "cases.status", true), sl = pw_stats_builder_measure(&b, "cases.start_level", true),
	       lv = pw_stats_builder_measure(&b, "cases.level", true), rt = pw_stats_builder_measure(&b, "cases.raised_to", true),
	       es = pw_stats_builder_measure(&b, "cases.escalation", true), sa = pw_stats_builder_measure(&b, "sanctions.rung", true),
	       ov = pw_stats_builder_measure(&b, "steps.overdue", true), sk = pw_stats_builder_measure(&b, "steps.skipped", true);
	pw_stats_builder_cell(&b, st, "open");
	pw_stats_builder_cell(&b, st, "closed");
	for (size_t i = 0; i < p->n_levels; i++) {
		pw_stats_builder_cell(&b, sl, p->levels[i].key);
		pw_stats_builder_cell(&b, lv, p->levels[i].key);
		if (i > 0)
			pw_stats_builder_cell(&b, rt, p->levels[i].key);
	}
	for (size_t i = 0; i < p->n_escalations; i++)
		if (p->escalations[i].kind != PW_ESC_LEVEL)
			pw_stats_builder_cell(&b, es, p->escalations[i].key);
	for (size_t i = 0; i < p->sanctions.n_rungs; i++)
		pw_stats_builder_cell(&b, sa, p->sanctions.rungs[i].key);
	int64_t escalated = 0, consult = 0, brought = 0, recur = 0, sanctions = 0, with_over = 0, with_skip = 0;
	int *first = pw_calloc(a, nc + 1, sizeof *first), *closing = pw_calloc(a, nc + 1, sizeof *closing);
	size_t nfirst = 0, nclosing = 0;
	for (size_t i = 0; i < nc; i++) {
		const struct pw_stats_case *c = &cs[i];
		pw_stats_builder_cell(&b, st, c->closed ? "closed" : "open")->count++;
		if (c->start_level)
			pw_stats_builder_cell(&b, sl, c->start_level)->count++;
		if (c->level)
			pw_stats_builder_cell(&b, lv, c->level)->count++;
		count_keys(&b, rt, &c->raised_to);
		count_keys(&b, es, &c->escalations);
		escalated += c->raised_to.n > 0;
		consult += c->consult;
		brought += c->brought_in;
		recur += c->recurrence;
		for (size_t k = 0; k < c->sanctions.n; k++)
			pw_stats_builder_cell(&b, sa, c->sanctions.v[k])->count++;
		sanctions += (int64_t)c->sanctions.n;
		count_keys(&b, ov, &c->overdue);
		count_keys(&b, sk, &c->skipped);
		with_over += c->overdue.n > 0;
		with_skip += c->skipped.n > 0;
		if (c->first_step_days >= 0)
			first[nfirst++] = c->first_step_days;
		if (c->closing_days >= 0)
			closing[nclosing++] = c->closing_days;
	}
	pw_stats_builder_total(&b, "cases.escalated", escalated);
	pw_stats_builder_total(&b, "cases.consult", consult);
	pw_stats_builder_total(&b, "cases.brought_in", brought);
	pw_stats_builder_total(&b, "cases.recurrence", recur);
	pw_stats_builder_total(&b, "sanctions", sanctions);
	pw_stats_builder_total(&b, "cases.overdue", with_over);
	pw_stats_builder_total(&b, "cases.skipped", with_skip);
	out->n_first_step = (int64_t)nfirst;
	out->n_closing = (int64_t)nclosing;
	out->median_first_step = median(first, nfirst);
	out->median_closing = median(closing, nclosing);

	/* Free-text keys in a stable order. */
	for (size_t i = 0; i < b.n; i++) {
		const char *nm = b.v[i].m.name;
		size_t ln = strlen(nm);
		if (b.v[i].m.n < 2)
			continue;
		if (ln > 9 && strcmp(nm + ln - 9, ".location") == 0)
			qsort(b.v[i].m.cells, b.v[i].m.n, sizeof *b.v[i].m.cells, by_count);
		else if ((ln > 6 && strcmp(nm + ln - 6, ".class") == 0) || (ln > 9 && strcmp(nm + ln - 9, ".leerjaar") == 0) ||
			 (ln > 11 && strcmp(nm + ln - 11, ".department") == 0) || strncmp(nm, "steps.", 6) == 0)
			qsort(b.v[i].m.cells, b.v[i].m.n, sizeof *b.v[i].m.cells, by_key);
	}

	/* Flatten, lay out the lines, suppress. */
	size_t *off = pw_calloc(a, b.n + 1, sizeof *off), ncells = 0;
	for (size_t i = 0; i < b.n; i++) {
		off[i] = ncells;
		ncells += b.v[i].m.n;
	}
	int64_t *counts = pw_calloc(a, ncells + 1, sizeof *counts);
	for (size_t i = 0; i < b.n; i++)
		for (size_t k = 0; k < b.v[i].m.n; k++)
			counts[off[i] + k] = b.v[i].m.cells[k].count;
	struct lines ls = {0};
	/* Breakdowns whose cells add up exactly to a total. */
	static const char *const exact[][2] = {
		{"signals.systematisch", "signals"}, {"suspicions.case", "suspicions"}, {"cases.status", "cases"},
		{"cases.start_level", "cases"},      {"cases.level", "cases"},          {"sanctions.rung", "sanctions"},
	};
	for (size_t i = 0; i < b.n; i++) {
		if (!b.v[i].m.breakdown)
			continue;
		size_t *cells = pw_calloc(a, b.v[i].m.n + 1, sizeof *cells);
		for (size_t k = 0; k < b.v[i].m.n; k++)
			cells[k] = off[i] + k;
		size_t tot = SIZE_MAX;
		for (size_t e = 0; e < sizeof exact / sizeof exact[0]; e++)
			if (strcmp(b.v[i].m.name, exact[e][0]) == 0)
				tot = off[find(&b, exact[e][1])];
		line_add(a, &ls, cells, b.v[i].m.n, tot);
	}
	/* Suspicions are the signals judged nee or onbekend. */
	size_t *sus = pw_calloc(a, 2, sizeof *sus);
	sus[0] = cell_index(&b, off, sys, "nee");
	sus[1] = cell_index(&b, off, sys, "onbekend");
	line_add(a, &ls, sus, 2, off[find(&b, "suspicions")]);
	/* Classes under their year and department. */
	const struct pw_stats_place **pl = pw_calloc(a, (ns > nc ? ns : nc) + 1, sizeof *pl);
	size_t *npl = pw_calloc(a, (ns > nc ? ns : nc) + 1, sizeof *npl);
	for (size_t i = 0; i < ns; i++) {
		pl[i] = sig[i].places;
		npl[i] = sig[i].n_places;
	}
	class_lines(&b, off, &ls, "signals", pl, npl, ns);
	for (size_t i = 0; i < nc; i++) {
		pl[i] = cs[i].places;
		npl[i] = cs[i].n_places;
	}
	class_lines(&b, off, &ls, "cases", pl, npl, nc);

	bool *hidden = pw_calloc(a, ncells + 1, sizeof *hidden);
	pw_stats_suppress(counts, ncells, ls.v, ls.n, PW_STATS_K, hidden);
	out->m = pw_calloc(a, b.n + 1, sizeof *out->m);
	for (size_t i = 0; i < b.n; i++) {
		for (size_t k = 0; k < b.v[i].m.n; k++)
			b.v[i].m.cells[k].suppressed = hidden[off[i] + k];
		out->m[i] = b.v[i].m;
	}
	out->n_m = b.n;
}

/* ---- prevention and staff ---- */

bool pw_stats_about_students(const char *name)
{
	return strncmp(name, "prevention.", 11) != 0 && strncmp(name, "staff.", 6) != 0;
}

/* Appends the measures of b to y, after those already suppressed. */
static void append(struct pw_arena *a, const struct pw_stats_builder *b, struct pw_stats_year *y)
{
	struct pw_stats_measure *m = pw_calloc(a, y->n_m + b->n + 1, sizeof *m);
	if (y->n_m)
		memcpy(m, y->m, y->n_m * sizeof *m);
	for (size_t i = 0; i < b->n; i++)
		m[y->n_m + i] = b->v[i].m;
	y->m = m;
	y->n_m += b->n;
}

void pw_stats_add_prevention(struct pw_arena *a, const struct pw_protocol *p, const struct pw_stats_prev_task *t,
			     const int64_t *class_of, size_t n, size_t n_classes, struct pw_stats_year *y)
{
	/* Built on its own and appended: these cells take no part in the
	 * suppression that pw_stats_compute has done. */
	struct pw_stats_builder b = {.a = a};
	size_t behind_classes = 0;
	for (size_t i = 0; i < n; i++) {
		if (!t[i].behind)
			continue;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = t[k].behind && class_of[k] == class_of[i];
		behind_classes += !seen;
	}
	pw_stats_builder_total(&b, "prevention.classes", (int64_t)n_classes);
	pw_stats_builder_total(&b, "prevention.classes_behind", (int64_t)behind_classes);
	pw_stats_builder_total(&b, "prevention.tasks", (int64_t)n);
	size_t st = pw_stats_builder_measure(&b, "prevention.status", true);
	size_t due = pw_stats_builder_measure(&b, "prevention.due", true);
	size_t done = pw_stats_builder_measure(&b, "prevention.done", true);
	static const char *const STATUS[] = {"done", "skipped", "behind", "open"};
	for (size_t i = 0; i < sizeof STATUS / sizeof STATUS[0]; i++)
		pw_stats_builder_cell(&b, st, STATUS[i]);
	for (size_t i = 0; i < p->n_prevention; i++)
		if (pw_prevention_is_class_task(&p->prevention[i])) {
			pw_stats_builder_cell(&b, due, p->prevention[i].key);
			pw_stats_builder_cell(&b, done, p->prevention[i].key);
		}
	for (size_t i = 0; i < n; i++) {
		const char *s = t[i].status ? t[i].status : t[i].behind ? "behind" : "open";
		pw_stats_builder_cell(&b, st, s)->count++;
		pw_stats_builder_cell(&b, due, t[i].activity)->count++;
		if (t[i].status && strcmp(t[i].status, "done") == 0)
			pw_stats_builder_cell(&b, done, t[i].activity)->count++;
	}
	append(a, &b, y);
}

void pw_stats_add_survey(struct pw_arena *a, const char *kind, const struct pw_survey_result *res,
			 struct pw_stats_year *y)
{
	/* Counted and suppressed by core/survey.c already (a question answered
	 * by fewer than k shows nothing; a cell of 1..k-1 and its complement are
	 * hidden): copied as they are, so the evaluation and the survey's own
	 * page hide the same cells. */
	struct pw_stats_builder b = {.a = a};
	size_t t = pw_stats_builder_total(&b, pw_printf(a, "survey.%s", kind), res->respondents);
	b.v[t].m.cells[0].suppressed = res->respondents > 0 && !res->shown;
	size_t m = pw_stats_builder_measure(&b, pw_printf(a, "survey.%s.answers", kind), true);
	for (size_t i = 0; i < res->n; i++) {
		const struct pw_survey_qresult *q = &res->q[i];
		for (size_t k = 0; k < q->n; k++) {
			struct pw_stats_cell *c = pw_stats_builder_cell(&b, m, pw_printf(a, "%s.%s", q->q->key, q->cells[k].value));
			bool hide = q->answered > 0 && (!res->shown || !q->shown || q->cells[k].hidden);
			c->count = hide ? 0 : q->cells[k].count;
			c->suppressed = hide;
		}
	}
	append(a, &b, y);
}

void pw_stats_add_staff(struct pw_arena *a, int64_t confirmed, int64_t not_confirmed, struct pw_stats_year *y)
{
	struct pw_stats_builder b = {.a = a};
	size_t sp = pw_stats_builder_measure(&b, "staff.protocol", true);
	pw_stats_builder_cell(&b, sp, "confirmed")->count = confirmed;
	pw_stats_builder_cell(&b, sp, "not_confirmed")->count = not_confirmed;
	append(a, &b, y);
}

/* ---- suppression ---- */

void pw_stats_suppress(const int64_t *counts, size_t n, const struct pw_stats_line *lines, size_t nlines, int k,
		       bool *hidden)
{
	for (size_t i = 0; i < n; i++)
		hidden[i] = counts[i] >= 1 && counts[i] < k;
	/* Each pass hides at least one more cell or ends, so at most n passes. */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t li = 0; li < nlines; li++) {
			const struct pw_stats_line *l = &lines[li];
			bool has_total = l->total < n;
			size_t nh = has_total && hidden[l->total];
			for (size_t i = 0; i < l->n; i++)
				nh += l->cells[i] < n && hidden[l->cells[i]];
			if (nh != 1)
				continue;
			/* The complement: the smallest shown non-zero cell loses least;
			 * else the total; else a zero (a line of zeros and one hidden
			 * cell still gets its second). */
			size_t pick = SIZE_MAX;
			for (size_t i = 0; i < l->n; i++) {
				size_t c = l->cells[i];
				if (c < n && !hidden[c] && counts[c] > 0 && (pick == SIZE_MAX || counts[c] < counts[pick]))
					pick = c;
			}
			if (pick == SIZE_MAX && has_total && !hidden[l->total])
				pick = l->total;
			for (size_t i = 0; pick == SIZE_MAX && i < l->n; i++)
				if (l->cells[i] < n && !hidden[l->cells[i]])
					pick = l->cells[i];
			if (pick != SIZE_MAX) {
				hidden[pick] = true;
				changed = true;
			}
		}
	}
}

/* ---- output ---- */

static json_t *count_json(const struct pw_stats_cell *c)
{
	return c->suppressed ? json_string("<" STR(PW_STATS_K)) : json_integer((json_int_t)c->count);
}

static json_t *year_json(const struct pw_stats_year *y)
{
	json_t *o = json_pack("{s:s, s:i}", "schoolyear", y->schoolyear, "k", PW_STATS_K);
	for (size_t i = 0; i < y->n_m; i++) {
		const struct pw_stats_measure *m = &y->m[i];
		if (!m->breakdown) {
			json_object_set_new(o, m->name, count_json(&m->cells[0]));
			continue;
		}
		json_t *d = json_object();
		for (size_t k = 0; k < m->n; k++)
			json_object_set_new(d, m->cells[k].key, count_json(&m->cells[k]));
		json_object_set_new(o, m->name, d);
	}
	json_object_set_new(o, "median.first_step_days", y->median_first_step < 0 ? json_null() : json_real(y->median_first_step));
	json_object_set_new(o, "median.closing_days", y->median_closing < 0 ? json_null() : json_real(y->median_closing));
	return o;
}

json_t *pw_stats_json(const struct pw_stats_year *y, const struct pw_stats_year *earlier, size_t n_earlier)
{
	json_t *o = year_json(y), *e = json_array();
	for (size_t i = 0; i < n_earlier; i++)
		json_array_append_new(e, year_json(&earlier[i]));
	json_object_set_new(o, "earlier", e);
	json_object_set_new(o, "suppressed_as", json_string("<" STR(PW_STATS_K)));
	return o;
}

/* A CSV field: quoted when it holds the separator, a quote or a line break;
 * text that a spreadsheet would run as a formula gets a leading quote mark. */
static void csv_field(struct pw_buf *b, const char *s)
{
	bool quote = strpbrk(s, ";\"\r\n") != NULL;
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
	if (quote)
		pw_buf_putc(b, '"');
	if (formula)
		pw_buf_putc(b, '\'');
	for (const char *c = s; *c; c++) {
		if (*c == '"')
			pw_buf_putc(b, '"');
		pw_buf_putc(b, *c);
	}
	if (quote)
		pw_buf_putc(b, '"');
}

static void csv_row(struct pw_buf *b, const char *year, const char *measure, const char *key, const char *count)
{
	csv_field(b, year);
	pw_buf_putc(b, ';');
	csv_field(b, measure);
	pw_buf_putc(b, ';');
	csv_field(b, key);
	pw_buf_putc(b, ';');
	pw_buf_puts(b, count);
	pw_buf_puts(b, "\r\n");
}

static void median_csv(struct pw_buf *b, const char *year, const char *name, double v)
{
	char num[32];
	if (v < 0)
		snprintf(num, sizeof num, "-");
	else
		snprintf(num, sizeof num, "%g", v);
	csv_row(b, year, name, "", num);
}

static void year_csv(struct pw_buf *b, const struct pw_stats_year *y)
{
	for (size_t i = 0; i < y->n_m; i++)
		for (size_t k = 0; k < y->m[i].n; k++) {
			const struct pw_stats_cell *c = &y->m[i].cells[k];
			char num[24];
			if (c->suppressed)
				snprintf(num, sizeof num, "<%d", PW_STATS_K);
			else
				snprintf(num, sizeof num, "%lld", (long long)c->count);
			csv_row(b, y->schoolyear, y->m[i].name, c->key, num);
		}
	median_csv(b, y->schoolyear, "median.first_step_days", y->median_first_step);
	median_csv(b, y->schoolyear, "median.closing_days", y->median_closing);
}

void pw_stats_csv(struct pw_buf *b, const struct pw_stats_year *y, const struct pw_stats_year *earlier,
		  size_t n_earlier)
{
	pw_buf_puts(b, "schoolyear;measure;key;count\r\n");
	year_csv(b, y);
	for (size_t i = 0; i < n_earlier; i++)
		year_csv(b, &earlier[i]);
}
