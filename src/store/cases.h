/* Signals and cases in the store. The engine (src/core) decides; these
 * functions load what it needs and write what it decided, inside the
 * caller's transaction (pw_store_begin/commit). */
#ifndef PW_STORE_CASES_H
#define PW_STORE_CASES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/casus.h"
#include "core/signal.h"
#include "store/store.h"
#include "util/arena.h"

struct pw_case_row {
	int64_t id, school_id, schoolyear_id, protocol_version;
	const char *status, *level, *opened_on;
	int64_t owner_id, opened_at, updated_at, closed_at, linked_case;
	int closed_year;
};

/* A case with its persons (students with their class in the school year that
 * contains day) and its whole timeline. The protocol pointer and the cyber
 * kinds are left for the caller (from row.protocol_version and the case's
 * signals). Events' JSON data is parsed into struct pw_event fields. */
enum pw_status pw_store_case_load(struct pw_store *s, struct pw_arena *a, int64_t id, const char *day,
				  struct pw_case_row *row, struct pw_case *c, struct pw_err *err);

/* The people in a case, with their class in the school year containing day. */
enum pw_status pw_store_case_persons(struct pw_store *s, struct pw_arena *a, int64_t id, const char *day,
				     struct pw_person **out, size_t *n, struct pw_err *err);

/* Ids of the cases (open and closed) with any of these students in them,
 * most recently updated first. */
enum pw_status pw_store_cases_of_students(struct pw_store *s, struct pw_arena *a, const int64_t *students, size_t n,
					  int64_t **ids, size_t *nids, struct pw_err *err);

/* Ids of the cases of a school, most recently updated first; status NULL for all. */
enum pw_status pw_store_cases_of_school(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *status,
					int64_t **ids, size_t *nids, struct pw_err *err);

/* Ids of the cases of a school that concern user (owner, reporter, a mentor
 * of a student in it in any year, consulted, referred to): the candidates
 * the access function then decides on, for users who do not read the whole
 * school. */
enum pw_status pw_store_cases_of_user(struct pw_store *s, struct pw_arena *a, int64_t school_id, int64_t user_id,
				      const char *status, int64_t **ids, size_t *nids, struct pw_err *err);

enum pw_status pw_store_case_add(struct pw_store *s, const struct pw_case_row *row, int64_t *id, struct pw_err *err);
enum pw_status pw_store_case_person_add(struct pw_store *s, int64_t case_id, const struct pw_person *p,
					struct pw_err *err);
/* Writes the list columns after a change (status, level, owner, timestamps). */
enum pw_status pw_store_case_update(struct pw_store *s, const struct pw_case_row *row, struct pw_err *err);
/* Appends an event; data is stolen (its reference released). */
enum pw_status pw_store_case_event_add(struct pw_store *s, int64_t case_id, int64_t by, const char *kind, json_t *data,
				       int64_t *id, struct pw_err *err);

/* A signal as filed. data holds the protocol-keyed parts (forms, flags, cyber, checklist). */
struct pw_signal_row {
	int64_t id, school_id, reporter_id, filed_at, case_id;
	const char *filed_on, *occurred_on, *location, *description, *systematisch;
	int naar_clz, recurrence;
	json_t *data; /* borrowed when writing; owned by the arena's caller when reading (decref) */
	const struct pw_person *persons;
	size_t n_persons;
};

enum pw_status pw_store_signal_add(struct pw_store *s, const struct pw_signal_row *row, int64_t *id,
				   struct pw_err *err);
enum pw_status pw_store_signal_set_case(struct pw_store *s, int64_t signal_id, int64_t case_id, int recurrence,
					struct pw_err *err);
/* Signals of a case, or suspicions (no case) naming a student; filled with persons. */
enum pw_status pw_store_signals_of_case(struct pw_store *s, struct pw_arena *a, int64_t case_id,
					struct pw_signal_row **out, size_t *n, struct pw_err *err);
enum pw_status pw_store_suspicions(struct pw_store *s, struct pw_arena *a, int64_t school_id, int64_t student_id,
				   struct pw_signal_row **out, size_t *n, struct pw_err *err);
enum pw_status pw_store_signal_get(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_signal_row *out,
				   struct pw_err *err);

/* Tells a user something (a notice on their task list). */
enum pw_status pw_store_notice_add(struct pw_store *s, int64_t user_id, int64_t case_id, int64_t signal_id,
				   const char *kind, struct pw_err *err);

/* Staff of a school who could own a case (all functies there). */
enum pw_status pw_store_school_staff(struct pw_store *s, struct pw_arena *a, int64_t school_id,
				     struct pw_staff **out, size_t *n, struct pw_err *err);

/* Whether the student is in an open case: 1 with its owner (0 when none
 * yet), 0 when not. */
int pw_store_student_attention(struct pw_store *s, int64_t student_id, int64_t *owner, struct pw_err *err);
/* The same for ids[0..n) in one query (a list page): attention[i] says
 * whether student i is in an open case, owner[i] its owner (of the case
 * updated last, as above). */
enum pw_status pw_store_students_attention(struct pw_store *s, struct pw_arena *a, const int64_t *ids, size_t n,
					   bool *attention, int64_t *owner, struct pw_err *err);

/* Accounts linked as parents of any of these students (kept out of the case). */
enum pw_status pw_store_parent_accounts(struct pw_store *s, struct pw_arena *a, const int64_t *students, size_t n,
					int64_t **out, size_t *nout, struct pw_err *err);

#endif
