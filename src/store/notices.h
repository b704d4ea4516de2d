/* Notices: what a user was told (a new case, a recurrence, a suspicion about
 * a student of their class), shown on their task list until seen. Written by
 * pw_store_notice_add (store/cases.h) inside the change that caused them. */
#ifndef PW_STORE_NOTICES_H
#define PW_STORE_NOTICES_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

struct pw_notice {
	int64_t id, case_id, signal_id; /* case_id, signal_id: 0 when none */
	int64_t report_id;              /* a report by a student or parent, or 0 */
	const char *kind;               /* nieuwe_casus, melding, herhaling, escalatie, verdenking, patroon, ... */
	int64_t at;                     /* seconds, UTC */
};

/* The user's unseen notices, newest first, at most limit. */
enum pw_status pw_store_notices_unseen(struct pw_store *s, struct pw_arena *a, int64_t user_id, int limit,
				       struct pw_notice **out, size_t *n, struct pw_err *err);
/* Marks one of the user's notices seen (no-op when it is not theirs). */
enum pw_status pw_store_notice_seen(struct pw_store *s, int64_t user_id, int64_t notice_id, struct pw_err *err);
/* Marks the user's notices about a case seen (they opened it). */
enum pw_status pw_store_notices_seen_case(struct pw_store *s, int64_t user_id, int64_t case_id, struct pw_err *err);

#endif
