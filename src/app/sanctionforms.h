/* Sanctions on a case as operations, shared by the API, the pages and the
 * demo: typed input in, the protocol's decision (core/sanction.c), the
 * access function, and one transaction with notices and audit out. */
#ifndef PW_APP_SANCTIONFORMS_H
#define PW_APP_SANCTIONFORMS_H

#include "app/casework.h"
#include "core/sanction.h"

struct pw_sf_sanction {
	int64_t student;
	const char *kind, *reason;
	pw_day start_on, end_on, notice_sent_on; /* 0 when not given */
	const char *const *heard;
	size_t n_heard;
};

/* Applies or proposes a rung for a student of the case (PW_EINVAL names the
 * field; PW_EPROTOCOL says what the ladder wants first). */
enum pw_status pw_sf_propose(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			     struct pw_loaded_case *lc, const struct pw_sf_sanction *in, int64_t *id,
			     enum pw_sanction_status *status, struct pw_err *err);

struct pw_sf_decision {
	int64_t sanction;
	bool approve;
	const char *reason;
	pw_day start_on, end_on, notice_sent_on;
	const char *const *heard;
	size_t n_heard;
};

/* The deciding role approves or rejects a proposal. */
enum pw_status pw_sf_decide(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			    struct pw_loaded_case *lc, const struct pw_sf_decision *in, enum pw_sanction_status *status,
			    struct pw_err *err);

/* The deviation role records a deviation from the protocol. */
enum pw_status pw_sf_deviation(struct pw_store *s, const struct pw_actor *actor, struct pw_loaded_case *lc,
			       const char *reason, int64_t *id, struct pw_err *err);

/* The student's sanctions over all their cases of this school in the window. */
enum pw_status pw_sf_history(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, int64_t student,
			     struct pw_sanction **out, size_t *n, struct pw_err *err);

/* The case's student, or NULL. */
const struct pw_person *pw_sf_student(const struct pw_case *c, int64_t student);

#endif
