/* Which steps a case has and where each stands: done, skipped, open, or not
 * yet possible (blocked, and why), with due dates in school days. Everything
 * follows from the protocol and the case's events. */
#include <string.h>

#include "core/casus.h"
#include "core/sanction.h"

const struct pw_level *pw_case_level(const struct pw_case *c)
{
	const struct pw_level *l = c->level;
	for (size_t i = 0; i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		if ((e->kind == PW_EV_OPENED || e->kind == PW_EV_LEVEL || e->kind == PW_EV_REOPENED) && e->key)
			l = pw_protocol_level(c->p, e->key) ? pw_protocol_level(c->p, e->key) : l;
	}
	return l;
}

bool pw_case_escalated(const struct pw_case *c, enum pw_esc_kind kind)
{
	for (size_t i = 0; i < c->n_events; i++)
		if (c->events[i].kind == PW_EV_ESCALATION) {
			const struct pw_escalation *e = pw_protocol_escalation(c->p, c->events[i].key);
			if (e && e->kind == kind)
				return true;
		}
	return false;
}

bool pw_case_deviated(const struct pw_case *c)
{
	for (size_t i = 0; i < c->n_events; i++)
		if (c->events[i].kind == PW_EV_DEVIATION)
			return true;
	return false;
}

/* The index of the event that last brought the case to level l (its steps
 * count from there), or -1 when the case never reached it. */
static long reached(const struct pw_case *c, const struct pw_level *l)
{
	long at = -1;
	for (size_t i = 0; i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		if ((e->kind == PW_EV_OPENED || e->kind == PW_EV_LEVEL || e->kind == PW_EV_REOPENED) && e->key &&
		    strcmp(e->key, l->key) == 0)
			at = (long)i;
	}
	return at;
}

static bool kind_in(const struct pw_step *s, const char *kind)
{
	for (size_t i = 0; i < s->n_kinds; i++)
		if (strcmp(s->kinds[i]->key, kind) == 0)
			return true;
	return false;
}

static bool has_student(const struct pw_event *e, int64_t student)
{
	for (size_t i = 0; i < e->n_students; i++)
		if (e->students[i] == student)
			return true;
	return false;
}

static bool role_about(const struct pw_step *s, const char *rol)
{
	for (size_t i = 0; i < s->n_about; i++)
		if (strcmp(s->about[i]->key, rol) == 0)
			return true;
	return false;
}

/* Whether event e completes step s for this student (0: for the step as a whole). */
static bool completes(const struct pw_case *c, const struct pw_step *s, const struct pw_event *e, int64_t student)
{
	switch (s->done_by) {
	case PW_DONE_CONVERSATION:
		return e->kind == PW_EV_CONVERSATION && kind_in(s, e->key) && (student == 0 || has_student(e, student));
	case PW_DONE_PARENT_CONTACT:
		if (e->kind == PW_EV_PARENT_CONTACT)
			return student == 0 || e->student == student;
		if (e->kind == PW_EV_CONVERSATION) {
			const struct pw_kind *k = pw_protocol_kind(c->p, e->key);
			return k && k->parent_contact && (student == 0 || has_student(e, student));
		}
		return false;
	case PW_DONE_REFERRAL:
		if (e->kind != PW_EV_REFERRAL)
			return false;
		for (size_t i = 0; i < s->n_referrals; i++)
			if (strcmp(s->referrals[i]->key, e->key) == 0)
				return true;
		return false;
	case PW_DONE_ESCALATION:
		return e->kind == PW_EV_ESCALATION && s->escalation && strcmp(s->escalation->key, e->key) == 0;
	case PW_DONE_MANUAL:
	case PW_DONE_SANCTION:
		return false;
	}
	return false;
}

/* Fills v's status from the events since `from`; returns the completing event or NULL. */
static const struct pw_event *find_done(const struct pw_case *c, const struct pw_step *s, const char *key, long from,
					struct pw_step_view *v)
{
	const struct pw_event *last = NULL;
	/* A step marked by hand (done or skipped) is settled; the latest mark counts. */
	for (size_t i = (size_t)(from < 0 ? 0 : from); i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		if (e->kind == PW_EV_STEP && e->key && strcmp(e->key, key) == 0)
			last = e;
	}
	if (last) {
		v->status = strcmp(last->status, "skipped") == 0 ? PW_STEP_SKIPPED : PW_STEP_DONE;
		v->note = last->text;
		return last;
	}
	if (s->done_by == PW_DONE_MANUAL || s->done_by == PW_DONE_SANCTION)
		return NULL;
	/* A step about roles is done when each student in such a role has had it:
	 * a bully added later opens it again. */
	bool any_student = false;
	const struct pw_event *latest = NULL;
	if (s->n_about > 0 && s->done_by != PW_DONE_REFERRAL && s->done_by != PW_DONE_ESCALATION) {
		for (size_t p = 0; p < c->n_persons; p++) {
			const struct pw_person *pp = &c->persons[p];
			if (pp->student_id == 0 || !role_about(s, pp->rol))
				continue;
			any_student = true;
			const struct pw_event *hit = NULL;
			for (size_t i = (size_t)(from < 0 ? 0 : from); i < c->n_events && !hit; i++)
				if (completes(c, s, &c->events[i], pp->student_id))
					hit = &c->events[i];
			if (hit == NULL)
				return NULL;
			if (latest == NULL || hit->id > latest->id)
				latest = hit;
		}
	}
	if (!any_student) {
		for (size_t i = (size_t)(from < 0 ? 0 : from); i < c->n_events && !latest; i++)
			if (completes(c, s, &c->events[i], 0))
				latest = &c->events[i];
	}
	if (latest)
		v->status = PW_STEP_DONE;
	return latest;
}

/* The day a step was settled (done or skipped), 0 when it is not. */
static pw_day settled_day(const struct pw_step_view *views, size_t n, const struct pw_step *s)
{
	for (size_t i = 0; i < n; i++)
		if (views[i].step == s && (views[i].status == PW_STEP_DONE || views[i].status == PW_STEP_SKIPPED))
			return views[i].done_on;
	return 0;
}

static pw_day due_of(const struct pw_case *c, const struct pw_step_view *views, size_t n, const struct pw_step *s,
		     long from, const struct pw_calendar *cal)
{
	pw_day base = 0;
	switch (s->due.from) {
	case PW_DUE_NONE:
	case PW_DUE_DECISION:
		return 0;
	case PW_DUE_SIGNAL:
		base = c->opened;
		break;
	case PW_DUE_LEVEL:
		base = from >= 0 ? c->events[from].day : c->opened;
		break;
	case PW_DUE_FIRST_OF:
	case PW_DUE_LAST_OF:
		for (size_t i = 0; i < s->due.n_steps; i++) {
			pw_day d = settled_day(views, n, s->due.steps[i]);
			if (s->due.from == PW_DUE_FIRST_OF) {
				if (d && (base == 0 || d < base))
					base = d;
			} else {
				if (d == 0)
					return 0; /* not all settled yet: no date to count from */
				if (d > base)
					base = d;
			}
		}
		break;
	}
	return base ? pw_cal_add_school_days(cal, base, s->due.school_days) : 0;
}

static void add_view(struct pw_arena *a, struct pw_step_view **v, size_t *n, size_t *cap, const struct pw_step *s)
{
	*v = pw_arena_grow(a, *v, *n, cap, sizeof **v);
	struct pw_step_view *x = &(*v)[(*n)++];
	memset(x, 0, sizeof *x);
	x->step = s;
	x->key = s->key;
	x->optional = s->need != PW_NEED_REQUIRED;
}

size_t pw_case_steps(struct pw_arena *a, const struct pw_case *c, const struct pw_calendar *cal, pw_day today,
		     struct pw_step_view **out)
{
	struct pw_step_view *v = NULL;
	size_t n = 0, cap = 0;
	long *from = NULL;
	/* Levels reached, in the protocol's order, then cyber steps. */
	for (size_t l = 0; l < c->p->n_levels; l++) {
		const struct pw_level *lv = &c->p->levels[l];
		if (reached(c, lv) < 0)
			continue;
		for (size_t i = 0; i < lv->n_steps; i++)
			add_view(a, &v, &n, &cap, lv->steps[i]);
	}
	if (c->n_cyber > 0)
		for (size_t i = 0; i < c->p->n_steps; i++)
			if (c->p->steps[i].kind == PW_STEP_CYBER)
				add_view(a, &v, &n, &cap, &c->p->steps[i]);
	/* Then each sanction's duties, instantiated with its id ("key:ID"), so
	 * two suspensions have two reports to the Inspectie. */
	size_t n_plain = n, max_duties = 0;
	struct pw_sanction *sc;
	size_t nsc = pw_sanctions_of_events(a, c->p, c->id, c->events, c->n_events, &sc);
	for (size_t k = 0; k < nsc; k++)
		if (sc[k].rung)
			max_duties += sc[k].rung->n_before_decision + sc[k].rung->n_on_approval + 1;
	struct pw_sanction_duty *duty = pw_calloc(a, max_duties ? max_duties : 1, sizeof *duty);
	for (size_t k = 0; k < nsc; k++) {
		size_t room = sc[k].rung ? sc[k].rung->n_before_decision + sc[k].rung->n_on_approval + 1 : 1;
		struct pw_sanction_duty *d = pw_calloc(a, room, sizeof *d);
		size_t nd = pw_sanction_duties(c->p, cal, &sc[k], d, room);
		for (size_t j = 0; j < nd; j++) {
			add_view(a, &v, &n, &cap, d[j].step);
			v[n - 1].key = pw_printf(a, "%s:%lld", d[j].step->key, (long long)sc[k].id);
			v[n - 1].sanction_id = sc[k].id;
			duty[n - 1 - n_plain] = d[j];
		}
	}
	from = pw_calloc(a, n ? n : 1, sizeof *from);
	/* First what is settled, then what follows from it (due dates count from
	 * other steps being settled; blocking looks at prerequisites). */
	for (size_t i = 0; i < n; i++) {
		const struct pw_step *s = v[i].step;
		from[i] = s->kind == PW_STEP_LEVEL ? reached(c, s->level) : 0;
		v[i].status = PW_STEP_OPEN;
		const struct pw_event *e = find_done(c, s, v[i].key, from[i], &v[i]);
		if (e) {
			v[i].done_at = e->at;
			v[i].done_on = e->day;
			v[i].done_by = e->by;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct pw_step *s = v[i].step;
		if (i >= n_plain && s->due.from == PW_DUE_DECISION) {
			/* A duty counts from the decision on its own sanction. */
			pw_day base = duty[i - n_plain].base;
			v[i].due_on = base ? pw_cal_add_school_days(cal, base, s->due.school_days) : 0;
		} else {
			v[i].due_on = due_of(c, v, n, s, from[i], cal);
		}
		if (v[i].status != PW_STEP_OPEN)
			continue;
		for (size_t k = 0; k < s->n_after; k++) {
			const struct pw_step *pre = s->after[k];
			bool ok = false;
			/* A duty waits for a duty of the same sanction, not another's. */
			for (size_t j = 0; j < n; j++)
				if (v[j].step == pre && (v[i].sanction_id == 0 || v[j].sanction_id == v[i].sanction_id) &&
				    (v[j].status == PW_STEP_DONE || v[j].status == PW_STEP_SKIPPED))
					ok = true;
			if (!ok) {
				v[i].status = PW_STEP_BLOCKED;
				v[i].why_blocked = pw_printf(a, "Eerst: %s.", pre->titel);
				v[i].why_blocked_en = pw_printf(a, "First: %s.", pre->title_en ? pre->title_en : pre->titel);
				break;
			}
		}
		v[i].overdue = v[i].due_on && today > v[i].due_on;
	}
	/* A rejected proposal's duties stay on record only when settled. */
	size_t kept = n_plain;
	for (size_t i = n_plain; i < n; i++)
		if (!duty[i - n_plain].only_if_settled || v[i].status == PW_STEP_DONE || v[i].status == PW_STEP_SKIPPED)
			v[kept++] = v[i];
	*out = v;
	return kept;
}

size_t pw_case_agreements_made(const struct pw_case *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_events; i++)
		n += c->events[i].kind == PW_EV_AGREEMENT;
	return n;
}

size_t pw_case_agreements(struct pw_arena *a, const struct pw_case *c, struct pw_agreement_view **out)
{
	size_t n = pw_case_agreements_made(c), k = 0;
	struct pw_agreement_view *v = pw_calloc(a, n ? n : 1, sizeof *v);
	for (size_t i = 0; i < c->n_events; i++) {
		const struct pw_event *e = &c->events[i];
		if (e->kind == PW_EV_AGREEMENT) {
			/* An agreement is known by the id of the event that made it. */
			v[k].id = e->id;
			v[k].text = e->text;
			v[k].made_on = e->day;
			v[k].due_on = e->due;
			v[k].open = true;
			k++;
		} else if (e->kind == PW_EV_EVALUATION) {
			for (size_t j = 0; j < k; j++) {
				if (v[j].id != e->ref)
					continue;
				v[j].result = e->key;
				const struct pw_eval_outcome *o = pw_protocol_outcome(c->p, e->key);
				v[j].open = !(o && o->effect == PW_EVAL_DONE);
				if (e->due)
					v[j].due_on = e->due;
			}
		}
	}
	*out = v;
	return k;
}
