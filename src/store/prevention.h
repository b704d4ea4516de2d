/* The prevention calendar's records per class (what the mentor did, when,
 * with the class's agreements and who signed them), and staff confirming
 * that they know the protocol version in force. What applies and when it is
 * due is core/prevention.h's; this module only keeps what happened. Strings
 * and arrays in results live in the caller's arena. */
#ifndef PW_STORE_PREVENTION_H
#define PW_STORE_PREVENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

/* One activity of one class, as recorded (an activity never recorded is open). */
struct pw_prev_record {
	int64_t id, class_id;
	const char *activity;   /* the definition's key */
	const char *status;     /* "done" or "skipped" */
	const char *done_on;    /* YYYY-MM-DD, "" when none (skipped) */
	const char *note;       /* "" when none; the reason when skipped */
	const char *agreements; /* the class's agreements text, NULL when none */
	int64_t by_id, at;      /* who recorded it, when (UTC seconds) */
	const int64_t *signed_ids; /* students who signed the agreements (only from _of_class) */
	size_t n_signed;
};

/* The records of a class, with who signed. */
enum pw_status pw_store_prevention_of_class(struct pw_store *s, struct pw_arena *a, int64_t class_id,
					    struct pw_prev_record **out, size_t *n, struct pw_err *err);
/* The records of every class of a school year, without signatures (the overview). */
enum pw_status pw_store_prevention_of_year(struct pw_store *s, struct pw_arena *a, int64_t schoolyear_id,
					   struct pw_prev_record **out, size_t *n, struct pw_err *err);
/* Whether student_id is in class class_id (for the signatures). */
enum pw_status pw_store_prevention_in_class(struct pw_store *s, int64_t class_id, int64_t student_id, bool *yes,
					    struct pw_err *err);
/* Records (or re-records) in->activity of in->class_id, replacing its
 * signatures with in->signed_ids, audited as user_id's change of object
 * "prevention": all in one transaction, so nothing is half-written. */
enum pw_status pw_store_prevention_record(struct pw_store *s, const struct pw_prev_record *in, int64_t user_id,
					  int64_t *id, struct pw_err *err);

/* Confirms that user_id knows protocol version version_id (0: the shipped
 * one) of school_id; audited. *at is when they confirmed (now, or earlier
 * when they already had: a second confirmation changes nothing). */
enum pw_status pw_store_protocol_confirm(struct pw_store *s, int64_t user_id, int64_t school_id, int64_t version_id,
					 int64_t *at, struct pw_err *err);
/* When user_id confirmed version_id at school_id; 0 when they have not. */
enum pw_status pw_store_protocol_confirmed(struct pw_store *s, int64_t user_id, int64_t school_id, int64_t version_id,
					   int64_t *at, struct pw_err *err);

/* One account's functie at a school with their confirmation of a version
 * (one row per functie: the caller decides who counts as a colleague). */
struct pw_prev_colleague {
	int64_t id;
	const char *login, *name, *functie;
	int64_t confirmed_at; /* 0: not confirmed */
};
enum pw_status pw_store_prevention_colleagues(struct pw_store *s, struct pw_arena *a, int64_t school_id,
					      int64_t version_id, struct pw_prev_colleague **out, size_t *n,
					      struct pw_err *err);

#endif
