/* The mail outbox: reads and the sender's writes (store/outbox.h). */
#include "store/outbox.h"

#include <string.h>

#include "store/db.h"

static const char *col_dup(struct pw_arena *a, struct pw_q *q, int col)
{
	const char *t = pw_q_col_text(q, col);
	return pw_strdup(a, t ? t : "");
}

/* Reads rows of OUTBOX_COLS into a growing array in the arena. */
static enum pw_status rows(struct pw_arena *a, struct pw_q *q, struct pw_outbox_row **out, size_t *n,
			   struct pw_err *err)
{
	size_t cap = 0;
	struct pw_outbox_row *v = NULL;
	int r;
	*n = 0;
	while ((r = pw_q_step(q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		struct pw_outbox_row *x = &v[(*n)++];
		x->id = pw_q_col_int(q, 0);
		x->user_id = pw_q_col_int(q, 1);
		x->notice_id = pw_q_col_int(q, 2);
		x->kind = col_dup(a, q, 3);
		x->recipient = col_dup(a, q, 4);
		x->subject = col_dup(a, q, 5);
		x->body = col_dup(a, q, 6);
		x->status = col_dup(a, q, 7);
		x->attempts = pw_q_col_int(q, 8);
		x->next_attempt_at = pw_q_col_int(q, 9);
		x->last_error = pw_q_col_null(q, 10) ? NULL : col_dup(a, q, 10);
		x->created_at = pw_q_col_int(q, 11);
		x->sent_at = pw_q_col_int(q, 12);
		x->notice_kind = col_dup(a, q, 13);
		x->case_id = pw_q_col_int(q, 14);
		x->report_id = pw_q_col_int(q, 15);
		x->lang = col_dup(a, q, 16);
	}
	pw_q_end(q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_outbox_due(struct pw_store *s, struct pw_arena *a, int64_t now, int limit,
				   struct pw_outbox_row **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_OUTBOX_DUE);
	pw_q_int(&q, 1, now);
	pw_q_int(&q, 2, limit);
	return rows(a, &q, out, n, err);
}

enum pw_status pw_store_outbox_list(struct pw_store *s, struct pw_arena *a, const char *status, int64_t school_id,
				    int limit, struct pw_outbox_row **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_OUTBOX_LIST);
	pw_q_text(&q, 1, status);
	pw_q_int(&q, 2, school_id);
	pw_q_int(&q, 3, limit);
	return rows(a, &q, out, n, err);
}

enum pw_status pw_store_outbox_compose(struct pw_store *s, int64_t id, const char *subject, const char *body,
				       struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_OUTBOX_COMPOSE);
	pw_q_int(&q, 1, id);
	pw_q_text(&q, 2, subject);
	pw_q_text(&q, 3, body);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_outbox_sent(struct pw_store *s, int64_t id, int64_t now, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_OUTBOX_SENT);
	pw_q_int(&q, 1, id);
	pw_q_int(&q, 2, now);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_outbox_failed(struct pw_store *s, int64_t id, int64_t attempts, int64_t next_at,
				      const char *error, int permanent, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_OUTBOX_FAILED);
	pw_q_int(&q, 1, id);
	pw_q_text(&q, 2, permanent ? "failed" : "pending");
	pw_q_int(&q, 3, attempts);
	pw_q_int(&q, 4, next_at);
	pw_q_text(&q, 5, error);
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_outbox_retry(struct pw_store *s, int64_t id, int64_t now, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_OUTBOX_RETRY);
	pw_q_int(&q, 1, id);
	pw_q_int(&q, 2, now);
	if (pw_q_exec(&q, err) != PW_OK)
		return err->code;
	if (pw_db_changes(db) == 0)
		return pw_err_set(err, PW_ENOTFOUND, "Er is geen onverzonden mail met nummer %lld (no such unsent mail).",
				  (long long)id);
	return PW_OK;
}

enum pw_status pw_store_digest_users(struct pw_store *s, struct pw_arena *a, const char *day, int64_t since,
				     struct pw_digest_user **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	size_t cap = 0;
	struct pw_digest_user *v = NULL;
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_DIGEST_USERS);
	pw_q_text(&q, 1, day);
	pw_q_int(&q, 2, since);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		struct pw_digest_user *x = &v[(*n)++];
		x->id = pw_q_col_int(&q, 0);
		x->email = col_dup(a, &q, 1);
		x->lang = col_dup(a, &q, 2);
		x->notices = col_dup(a, &q, 3);
		x->overdue = col_dup(a, &q, 4);
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_digest_cases(struct pw_store *s, struct pw_arena *a, int64_t user_id, int64_t **ids, size_t *n,
				     struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	size_t cap = 0;
	int64_t *v = NULL;
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_DIGEST_CASES);
	pw_q_int(&q, 1, user_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		v[(*n)++] = pw_q_col_int(&q, 0);
	}
	pw_q_end(&q);
	*ids = v;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_digest_notices(struct pw_store *s, struct pw_arena *a, int64_t user_id, int64_t since,
				       struct pw_digest_notice **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	/* The statement's LIMIT bounds the array, so it is allocated once. */
	struct pw_digest_notice *v = pw_calloc(a, 100, sizeof *v);
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_DIGEST_NOTICES);
	pw_q_int(&q, 1, user_id);
	pw_q_int(&q, 2, since);
	while ((r = pw_q_step(&q, err)) == 1 && *n < 100) {
		v[*n].case_id = pw_q_col_int(&q, 0);
		v[*n].kind = col_dup(a, &q, 1);
		(*n)++;
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_digest_add(struct pw_store *s, int64_t user_id, const char *day, const char *recipient,
				   const char *subject, const char *body, int64_t now, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	int64_t outbox_id = 0;
	if (pw_db_begin(db, err) != PW_OK)
		return err->code;
	if (subject != NULL) {
		pw_q_start(&q, db, STMT_OUTBOX_ADD);
		pw_q_int(&q, 1, user_id);
		pw_q_text(&q, 2, "digest");
		pw_q_text(&q, 3, recipient);
		pw_q_text(&q, 4, subject);
		pw_q_text(&q, 5, body);
		pw_q_int(&q, 6, now);
		if (pw_q_exec(&q, err) != PW_OK)
			goto fail;
		outbox_id = pw_db_last_id(db);
	}
	pw_q_start(&q, db, STMT_DIGEST_MARK);
	pw_q_int(&q, 1, user_id);
	pw_q_text(&q, 2, day);
	pw_q_int(&q, 3, now);
	pw_q_int(&q, 4, outbox_id);
	if (pw_q_exec(&q, err) != PW_OK)
		goto fail;
	/* Another process made this day's digest first: keep theirs, not a second mail. */
	if (pw_db_changes(db) == 0) {
		pw_db_rollback(db);
		return PW_OK;
	}
	return pw_db_commit(db, err);
fail:
	pw_db_rollback(db);
	return err->code;
}

enum pw_status pw_store_mail_pref_get(struct pw_store *s, struct pw_arena *a, int64_t user_id, const char **notices,
				      const char **overdue, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_MAIL_PREF_GET);
	pw_q_int(&q, 1, user_id);
	int r = pw_q_step(&q, err);
	if (r == 1) {
		*notices = col_dup(a, &q, 0);
		*overdue = col_dup(a, &q, 1);
	}
	pw_q_end(&q);
	if (r < 0)
		return err->code;
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "Dit account bestaat niet (no such account).");
	return PW_OK;
}

enum pw_status pw_store_mail_pref_set(struct pw_store *s, int64_t user_id, const char *notices, const char *overdue,
				      struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_MAIL_PREF_SET);
	pw_q_int(&q, 1, user_id);
	pw_q_text(&q, 2, notices);
	pw_q_text(&q, 3, overdue);
	return pw_q_exec(&q, err);
}
