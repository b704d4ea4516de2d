/* The prevention calendar per class: see core/prevention.h. */
#include <string.h>

#include "core/prevention.h"

bool pw_prevention_is_class_task(const struct pw_prevention *pv)
{
	if (pv->confirm)
		return false;
	return pv->n_moments > 0 || (pv->ongoing && pv->who != NULL);
}

static bool moment_for(const struct pw_moment *m, int year)
{
	if (m->n_years == 0)
		return true;
	for (size_t i = 0; i < m->n_years; i++)
		if (m->years[i] == year)
			return true;
	return false;
}

bool pw_prevention_applies(const struct pw_prevention *pv, int year, const struct pw_moment **moment)
{
	*moment = NULL;
	if (!pw_prevention_is_class_task(pv))
		return false;
	if (pv->n_moments == 0)
		return true;
	for (size_t i = 0; i < pv->n_moments; i++)
		if (moment_for(&pv->moments[i], year)) {
			*moment = &pv->moments[i];
			return true;
		}
	return false;
}

size_t pw_prevention_tasks(const struct pw_protocol *p, int year, struct pw_prev_task *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_prevention && n < max; i++) {
		const struct pw_moment *m;
		if (!pw_prevention_applies(&p->prevention[i], year, &m))
			continue;
		out[n++] = (struct pw_prev_task){.activity = &p->prevention[i], .moment = m};
	}
	return n;
}

pw_day pw_prevention_week_end(const struct pw_calendar *c, int week)
{
	/* Week 1 is the calendar week holding the start: its Monday, then whole
	 * weeks, holidays included, as pw_cal_week_of_year counts them. */
	pw_day monday = c->start - (pw_day)(pw_day_weekday(c->start) - 1);
	return monday + (pw_day)(7 * (week - 1) + 4);
}

/* The date of task k for others to come before: done, else due. */
static bool date_of(const struct pw_prev_task *t, size_t k, const pw_day *done_on, const bool *has_done, pw_day *out)
{
	if (has_done && done_on && has_done[k]) {
		*out = done_on[k];
		return true;
	}
	if (t[k].has_due) {
		*out = t[k].due;
		return true;
	}
	return false;
}

void pw_prevention_due(const struct pw_calendar *c, struct pw_prev_task *t, size_t n, const pw_day *done_on,
		       const bool *has_done)
{
	for (size_t i = 0; i < n; i++) {
		t[i].has_due = false;
		const struct pw_moment *m = t[i].moment;
		if (m && m->week > 0 && !t[i].activity->ongoing) {
			t[i].due = pw_prevention_week_end(c, m->week);
			t[i].has_due = true;
		}
	}
	/* "Before X" may point at an activity that is itself before another:
	 * settle the chain one link per pass. n passes suffice for any chain,
	 * and a cycle (which the loader does not forbid) simply stays undated. */
	for (size_t pass = 0; pass < n; pass++) {
		bool changed = false;
		for (size_t i = 0; i < n; i++) {
			const struct pw_moment *m = t[i].moment;
			if (m == NULL || m->before == NULL || m->week > 0 || t[i].has_due)
				continue;
			for (size_t k = 0; k < n; k++) {
				pw_day x;
				if (k == i || strcmp(t[k].activity->key, m->before) != 0 || !date_of(t, k, done_on, has_done, &x))
					continue;
				t[i].due = pw_cal_add_school_days(c, x, -1);
				t[i].has_due = true;
				changed = true;
				break;
			}
		}
		if (!changed)
			break;
	}
}

bool pw_prevention_overdue(const struct pw_prev_task *t, pw_day today)
{
	if (!t->has_due || (t->moment && t->moment->advised))
		return false;
	return t->due < today;
}
