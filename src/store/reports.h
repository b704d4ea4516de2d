/* Reports (meldingen) by students and parents in the store, and the thread
 * of messages between the reporter and the school. A reporter is known only
 * by what they typed and by their receipt, which is stored as a keyed hash
 * (the key is the database's own, in meta): nothing else about them, no
 * address, is ever written. Strings in results live in the caller's arena.
 * Writes join the caller's transaction when there is one (pw_store_begin). */
#ifndef PW_STORE_REPORTS_H
#define PW_STORE_REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

#define PW_REPORT_KEY_BYTES 32
#define PW_REPORT_HASH_BYTES 32
/* A receipt: 20 characters of Crockford base32 (100 random bits), shown in
 * five groups of four for reading aloud and copying: "K7QM-2XWP-...". */
#define PW_RECEIPT_CHARS 20
#define PW_RECEIPT_SHOWN 24

struct pw_report_row {
	int64_t id, school_id;
	const char *text;
	const char *occurred_on, *location, *name, *contact; /* "" when not given */
	const char *status;     /* nieuw, in_behandeling, afgehandeld */
	const char *triage;     /* "" or the last triage action: naar_clz, plagen, geen_pesten, case, attach */
	int64_t created_at, updated_at; /* seconds, UTC */
	int64_t entered_by;     /* the staff member who entered it (by phone, in person), or 0 */
	int64_t case_id;        /* the case it led to or was attached to, or 0 */
	int64_t signal_id;      /* the signal it was filed as, or 0 */
	int last_from_school;   /* who wrote the last message: 1 school, 0 reporter, -1 no messages yet */
};

struct pw_report_msg {
	int64_t id, at;         /* at: seconds, UTC */
	int from_school;        /* 1: the school wrote it; 0: the reporter */
	int64_t author_id;      /* the staff member, or 0 for the reporter */
	const char *text;
};

/* The database's key for receipt hashes: read from meta, made (random) on
 * first use. Cached in memory for the store's lifetime. */
enum pw_status pw_store_report_key(struct pw_store *s, unsigned char key[PW_REPORT_KEY_BYTES], struct pw_err *err);

/* Adds a report with status nieuw; in: school_id, text, the optional
 * strings, entered_by. PW_ECONFLICT when the receipt hash exists (the
 * caller draws a new receipt). */
enum pw_status pw_store_report_add(struct pw_store *s, const struct pw_report_row *in,
				   const unsigned char hash[PW_REPORT_HASH_BYTES], int64_t *id, struct pw_err *err);
/* The report with this receipt hash; PW_ENOTFOUND when none. */
enum pw_status pw_store_report_by_hash(struct pw_store *s, struct pw_arena *a, const unsigned char hash[PW_REPORT_HASH_BYTES],
				       struct pw_report_row *out, struct pw_err *err);
enum pw_status pw_store_report_get(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_report_row *out,
				   struct pw_err *err);
/* A school's reports, newest first; status NULL for all. *total counts all that match. */
enum pw_status pw_store_reports_list(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *status,
				     int limit, int offset, struct pw_report_row **out, size_t *n, int64_t *total,
				     struct pw_err *err);
/* Writes status, triage, case and signal of a report (and its updated_at). */
enum pw_status pw_store_report_set(struct pw_store *s, const struct pw_report_row *row, struct pw_err *err);

/* The report's messages, oldest first. */
enum pw_status pw_store_report_messages(struct pw_store *s, struct pw_arena *a, int64_t report_id,
					struct pw_report_msg **out, size_t *n, struct pw_err *err);
/* Adds a message (author_id 0: the reporter) and touches the report. */
enum pw_status pw_store_report_message_add(struct pw_store *s, int64_t report_id, int from_school, int64_t author_id,
					   const char *text, struct pw_err *err);

/* Tells a staff member about a report (a notice on their task list). */
enum pw_status pw_store_report_notice(struct pw_store *s, int64_t user_id, int64_t report_id, const char *kind,
				      struct pw_err *err);

#endif
