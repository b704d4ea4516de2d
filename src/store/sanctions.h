/* Sanctions in the store: a student's sanction events across the cases of a
 * school, for the ladder (core/sanction.h), and the parts of a sanction or
 * decision that the engine's event has no field for (who was heard, the
 * written notice), for the case view. */
#ifndef PW_STORE_SANCTIONS_H
#define PW_STORE_SANCTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "core/casus.h"
#include "store/store.h"
#include "util/arena.h"

/* One event as stored, with its case and the sanction extras. */
struct pw_sanction_row {
	int64_t case_id;
	struct pw_event ev;
	const char **heard; /* decision: who was heard (keys) */
	size_t n_heard;
	pw_day notice_sent_on; /* decision: the day the written notice went out; 0 when none */
};

/* The sanction, decision and step events of every case of school_id that
 * student_id is in, from day `since` ("YYYY-MM-DD") on, ordered by case and
 * then by event. Allocates in a. */
enum pw_status pw_store_student_sanction_events(struct pw_store *s, struct pw_arena *a, int64_t school_id,
						int64_t student_id, const char *since, struct pw_sanction_row **out,
						size_t *n, struct pw_err *err);

/* The sanction and decision events of one case, in order, with their extras. */
enum pw_status pw_store_case_sanction_events(struct pw_store *s, struct pw_arena *a, int64_t case_id,
					     struct pw_sanction_row **out, size_t *n, struct pw_err *err);

#endif
