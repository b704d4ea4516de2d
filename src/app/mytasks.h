/* Mijn taken: what the protocol asks of one user now, chosen in one place so
 * that the home page and the calendar feed show the same things. Every case
 * goes through pw_case_open, so the access function decides and each read is
 * audited as a read by that user. */
#ifndef PW_APP_MYTASKS_H
#define PW_APP_MYTASKS_H

#include <stdbool.h>

#include "app/casework.h"

/* One task: an open step of a case the user owns that they may do, or an
 * open agreement of such a case to evaluate. */
struct pw_task {
	int64_t case_id;
	int64_t agreement_id;       /* 0 for a step */
	const struct pw_step *step; /* NULL for an agreement */
	const char *key;            /* the step's key; NULL for an agreement */
	const char *text;           /* the step's title, or the agreement's text */
	pw_day due;                 /* 0 when none */
	bool overdue, optional;
};

/* Calls fn for every open case of the actor's schools that the actor may see
 * (each school once), loaded and audited; released after fn returns. */
void pw_each_open_case(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
		       void (*fn)(void *ctx, struct pw_loaded_case *lc), void *ctx);

/* The actor's tasks on one loaded case (none unless they own it, see it in
 * full and it is open). Agreements count only when due on or before
 * agree_until (0: any agreement with a due date). Allocates in a. */
size_t pw_tasks_of_case(struct pw_arena *a, const struct pw_actor *actor, struct pw_loaded_case *lc, pw_day agree_until,
			struct pw_task **out);

#endif
