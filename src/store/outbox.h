/* The mail outbox in the store: mails waiting to be sent, sent, or refused
 * for good. Rows for notices are made by a trigger inside the notice's own
 * transaction (store/sql_outbox.h says why); the sender (mail/outbox.c)
 * composes their text, sends them and records the outcome here. Strings in
 * results live in the caller's arena. */
#ifndef PW_STORE_OUTBOX_H
#define PW_STORE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

struct pw_outbox_row {
	int64_t id, user_id, notice_id; /* user_id, notice_id: 0 when none */
	const char *kind;               /* "notice" or "digest" */
	const char *recipient, *subject, *body; /* subject, body: "" until composed */
	const char *status;             /* pending, sent, failed */
	int64_t attempts, next_attempt_at, created_at, sent_at; /* seconds, UTC; sent_at 0 when not sent */
	const char *last_error;         /* NULL when none */
	/* From the notice, for composing: its kind ("" for a digest), case, report. */
	const char *notice_kind;
	int64_t case_id, report_id;
	const char *lang; /* the recipient's language: nl, en */
};

/* Pending rows due at now (seconds), oldest first, at most limit. */
enum pw_status pw_store_outbox_due(struct pw_store *s, struct pw_arena *a, int64_t now, int limit,
				   struct pw_outbox_row **out, size_t *n, struct pw_err *err);
/* Rows with status (NULL: all) of the users with a functie at school_id
 * (0: everyone), newest first, at most limit. */
enum pw_status pw_store_outbox_list(struct pw_store *s, struct pw_arena *a, const char *status, int64_t school_id,
				    int limit, struct pw_outbox_row **out, size_t *n, struct pw_err *err);
/* Fixes the text of a row that has none yet (the first attempt). */
enum pw_status pw_store_outbox_compose(struct pw_store *s, int64_t id, const char *subject, const char *body,
				       struct pw_err *err);
/* The SMTP server accepted the row at now. */
enum pw_status pw_store_outbox_sent(struct pw_store *s, int64_t id, int64_t now, struct pw_err *err);
/* An attempt failed: attempts is the new count; permanent moves the row to
 * failed, else it stays pending until next_at. */
enum pw_status pw_store_outbox_failed(struct pw_store *s, int64_t id, int64_t attempts, int64_t next_at,
				      const char *error, int permanent, struct pw_err *err);
/* Puts a failed (or pending) row back to be tried at now (the beheerder fixed
 * the address). PW_ENOTFOUND when there is no such unsent row. */
enum pw_status pw_store_outbox_retry(struct pw_store *s, int64_t id, int64_t now, struct pw_err *err);

/* ---- the daily digest ---- */

/* A user who may get a digest on day and has not had one. */
struct pw_digest_user {
	int64_t id;
	const char *email, *lang;
	const char *notices, *overdue; /* their preferences */
};
/* Users without a digest for day ('YYYY-MM-DD') who own open cases (and want
 * overdue steps) or chose to get notices since `since` as a digest; at most
 * 200 per call (call again until none). */
enum pw_status pw_store_digest_users(struct pw_store *s, struct pw_arena *a, const char *day, int64_t since,
				     struct pw_digest_user **out, size_t *n, struct pw_err *err);
/* Ids of the open cases user owns. */
enum pw_status pw_store_digest_cases(struct pw_store *s, struct pw_arena *a, int64_t user_id, int64_t **ids, size_t *n,
				     struct pw_err *err);
/* A notice for the digest: its case (0: none) and kind. */
struct pw_digest_notice {
	int64_t case_id;
	const char *kind;
};
enum pw_status pw_store_digest_notices(struct pw_store *s, struct pw_arena *a, int64_t user_id, int64_t since,
				       struct pw_digest_notice **out, size_t *n, struct pw_err *err);
/* Records that user had their digest for day, in one transaction with its
 * outbox row (subject NULL: nothing to tell, no mail). Idempotent per day. */
enum pw_status pw_store_digest_add(struct pw_store *s, int64_t user_id, const char *day, const char *recipient,
				   const char *subject, const char *body, int64_t now, struct pw_err *err);

/* ---- preferences ---- */

/* notices: direct, digest, none; overdue: digest, none. */
enum pw_status pw_store_mail_pref_get(struct pw_store *s, struct pw_arena *a, int64_t user_id, const char **notices,
				      const char **overdue, struct pw_err *err);
enum pw_status pw_store_mail_pref_set(struct pw_store *s, int64_t user_id, const char *notices, const char *overdue,
				      struct pw_err *err);

#endif
