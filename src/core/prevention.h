/* The prevention calendar per class (PROTOCOL.md section 4): which of the
 * definition's prevention activities are a task for a class's mentor in a
 * school year, and when each is due.
 *
 * Everything comes from the definition (struct pw_prevention, pw_moment):
 * the leerjaren a moment is for, its week of the school year, the activity
 * it comes before, whether it is a wish (`wens`) and whether the activity
 * runs all year (`doorlopend`). No activity is named in code, so another
 * school's definition brings its own calendar.
 *
 * Pure: no I/O, no allocation; the caller owns every array. */
#ifndef PW_CORE_PREVENTION_H
#define PW_CORE_PREVENTION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/calendar.h"
#include "protocol/protocol.h"

/* More activities than any definition has; the loader caps lists far lower
 * in practice, and a class's page must not grow without bound. */
#define PW_PREV_MAX 64

/* One activity as it applies to one class in one school year. */
struct pw_prev_task {
	const struct pw_prevention *activity;
	const struct pw_moment *moment; /* the moment for the class's leerjaar; NULL when the activity has none */
	bool has_due;                   /* false: no single date (doorlopend, or no week and nothing to come before) */
	pw_day due;                     /* the last day it is due on, when has_due */
};

/* Whether the activity is a task for a class's mentor at all: the
 * definition plans it per class (it has moments) or gives it to a role all
 * year (doorlopend with `wie`). Activities each colleague confirms
 * (`bevestigen`) are about staff, not classes, and a bare reminder without
 * a role or a moment (lesson ideas) is nobody's task. */
bool pw_prevention_is_class_task(const struct pw_prevention *pv);

/* Whether the activity applies to a class in leerjaar `year`, and the moment
 * that makes it so (the first that lists the year, or lists none); *moment
 * is NULL for an activity without moments. */
bool pw_prevention_applies(const struct pw_prevention *pv, int year, const struct pw_moment **moment);

/* The tasks of a class in leerjaar `year`, in the definition's order, at
 * most max of them; returns how many. Due dates are not yet set (see
 * pw_prevention_due). */
size_t pw_prevention_tasks(const struct pw_protocol *p, int year, struct pw_prev_task *out, size_t max);

/* The day week `week` of the school year ends for lessons: the Friday of the
 * calendar week that is week `week` (week 1 holds the year's start, as in
 * pw_cal_week_of_year). week >= 1. */
pw_day pw_prevention_week_end(const struct pw_calendar *c, int week);

/* Sets the due dates of tasks[0..n):
 * - a moment with a week: the Friday of that week of the school year;
 * - a moment `voor` another activity: the school day before that activity's
 *   date, which is the day it was done (done_on[k], when has_done[k]) or
 *   else its own due date; no date when the other has neither (or is not
 *   among the tasks);
 * - doorlopend, or a moment with neither: no date.
 * done_on and has_done are per task, parallel to tasks (NULL: none done). */
void pw_prevention_due(const struct pw_calendar *c, struct pw_prev_task *tasks, size_t n, const pw_day *done_on,
		       const bool *has_done);

/* Whether an open task is behind on `today`: it has a date, that date has
 * passed, and it is a must (a wish, `wens`, is never behind). */
bool pw_prevention_overdue(const struct pw_prev_task *t, pw_day today);

#endif
