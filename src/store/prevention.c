/* The prevention calendar's records and protocol confirmations: see store/prevention.h. */
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/people.h"
#include "store/prevention.h"
#include "util/clock.h"

static void read_record(struct pw_arena *a, struct pw_q *q, struct pw_prev_record *o)
{
	o->id = pw_q_col_int(q, 0);
	o->class_id = pw_q_col_int(q, 1);
	o->activity = pw_strdup(a, pw_q_col_text(q, 2));
	o->status = pw_strdup(a, pw_q_col_text(q, 3));
	o->done_on = pw_strdup(a, pw_q_col_text(q, 4));
	o->note = pw_strdup(a, pw_q_col_text(q, 5));
	o->agreements = pw_q_col_null(q, 6) ? NULL : pw_strdup(a, pw_q_col_text(q, 6));
	o->by_id = pw_q_col_int(q, 7);
	o->at = pw_q_col_int(q, 8);
	o->signed_ids = NULL;
	o->n_signed = 0;
}

static enum pw_status list(struct pw_store *s, struct pw_arena *a, enum pw_stmt stmt, int64_t id,
			   struct pw_prev_record **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, stmt);
	pw_q_int(&q, 1, id);
	COLLECT(struct pw_prev_record, &q, a, out, n, err, read_record(a, &q, it));
	return PW_OK;
}

static enum pw_status signatures(struct pw_db *db, struct pw_arena *a, struct pw_prev_record *o, struct pw_err *err)
{
	size_t cap = 32, n = 0;
	int64_t *v = pw_alloc(a, cap * sizeof *v);
	struct pw_q q;
	int r;
	pw_q_start(&q, db, STMT_PREVENTION_SIGNED);
	pw_q_int(&q, 1, o->id);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, n, &cap, sizeof *v);
		v[n++] = pw_q_col_int(&q, 0);
	}
	pw_q_end(&q);
	o->signed_ids = v;
	o->n_signed = n;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_prevention_of_class(struct pw_store *s, struct pw_arena *a, int64_t class_id,
					    struct pw_prev_record **out, size_t *n, struct pw_err *err)
{
	enum pw_status st = list(s, a, STMT_PREVENTION_OF_CLASS, class_id, out, n, err);
	if (st != PW_OK)
		return st;
	DB_OR_FAIL(s, err);
	for (size_t i = 0; i < *n; i++)
		if ((*out)[i].agreements && (st = signatures(db, a, &(*out)[i], err)) != PW_OK)
			return st;
	return PW_OK;
}

enum pw_status pw_store_prevention_of_year(struct pw_store *s, struct pw_arena *a, int64_t schoolyear_id,
					   struct pw_prev_record **out, size_t *n, struct pw_err *err)
{
	return list(s, a, STMT_PREVENTION_OF_YEAR, schoolyear_id, out, n, err);
}

enum pw_status pw_store_prevention_in_class(struct pw_store *s, int64_t class_id, int64_t student_id, bool *yes,
					    struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_PREVENTION_IN_CLASS);
	pw_q_int(&q, 1, class_id);
	pw_q_int(&q, 2, student_id);
	int r = pw_q_step(&q, err);
	*yes = r == 1 && pw_q_col_int(&q, 0) > 0;
	pw_q_end(&q);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_prevention_record(struct pw_store *s, const struct pw_prev_record *in, int64_t user_id,
					  int64_t *id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	if (pw_db_begin(db, err) != PW_OK)
		return err->code;
	struct pw_q q;
	pw_q_start(&q, db, STMT_PREVENTION_UPSERT);
	pw_q_int(&q, 1, in->class_id);
	pw_q_text(&q, 2, in->activity);
	pw_q_text(&q, 3, in->status);
	pw_q_text(&q, 4, in->done_on && in->done_on[0] ? in->done_on : NULL);
	pw_q_text(&q, 5, in->note ? in->note : "");
	pw_q_text(&q, 6, in->agreements);
	pw_q_int(&q, 7, in->by_id);
	pw_q_int(&q, 8, pw_now());
	if (pw_q_exec(&q, err) != PW_OK)
		goto fail;
	/* An upsert's rowid is not reliable when it updated: ask for it. */
	pw_q_start(&q, db, STMT_PREVENTION_ID);
	pw_q_int(&q, 1, in->class_id);
	pw_q_text(&q, 2, in->activity);
	int r = pw_q_step(&q, err);
	*id = r == 1 ? pw_q_col_int(&q, 0) : 0;
	pw_q_end(&q);
	if (r != 1) {
		if (r == 0)
			pw_err_set(err, PW_EIO, "prevention record vanished inside its transaction");
		goto fail;
	}
	/* The signatures belong to this text of the agreements: re-recording
	 * replaces them, so no signature outlives the text it was under. */
	pw_q_start(&q, db, STMT_PREVENTION_SIGN_CLEAR);
	pw_q_int(&q, 1, *id);
	if (pw_q_exec(&q, err) != PW_OK)
		goto fail;
	for (size_t i = 0; i < in->n_signed; i++) {
		pw_q_start(&q, db, STMT_PREVENTION_SIGN_ADD);
		pw_q_int(&q, 1, *id);
		pw_q_int(&q, 2, in->signed_ids[i]);
		if (pw_q_exec(&q, err) != PW_OK)
			goto fail;
	}
	struct pw_audit au = {.user_id = user_id, .action = in->status, .object = "prevention", .object_id = *id,
			      .detail = in->activity};
	if (pw_db_audit(db, &au, err) != PW_OK || pw_db_commit(db, err) != PW_OK)
		goto fail;
	return PW_OK;
fail:
	pw_db_rollback(db);
	return err->code;
}

enum pw_status pw_store_protocol_confirmed(struct pw_store *s, int64_t user_id, int64_t school_id, int64_t version_id,
					   int64_t *at, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_PROTOCOL_CONFIRMED);
	pw_q_int(&q, 1, user_id);
	pw_q_int(&q, 2, school_id);
	pw_q_int(&q, 3, version_id);
	int r = pw_q_step(&q, err);
	*at = r == 1 ? pw_q_col_int(&q, 0) : 0;
	pw_q_end(&q);
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_protocol_confirm(struct pw_store *s, int64_t user_id, int64_t school_id, int64_t version_id,
					 int64_t *at, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	if (pw_db_begin(db, err) != PW_OK)
		return err->code;
	struct pw_q q;
	pw_q_start(&q, db, STMT_PROTOCOL_CONFIRM);
	pw_q_int(&q, 1, user_id);
	pw_q_int(&q, 2, school_id);
	pw_q_int(&q, 3, version_id);
	pw_q_int(&q, 4, pw_now());
	if (pw_q_exec(&q, err) != PW_OK)
		goto fail;
	bool fresh = pw_db_changes(db) > 0;
	if (fresh) {
		/* The object is the account that confirmed; the version is the detail. */
		char detail[32];
		snprintf(detail, sizeof detail, "versie %lld", (long long)version_id);
		struct pw_audit au = {.user_id = user_id, .action = "confirm", .object = "prevention", .object_id = user_id,
				      .detail = detail};
		if (pw_db_audit(db, &au, err) != PW_OK)
			goto fail;
	}
	if (pw_db_commit(db, err) != PW_OK)
		goto fail;
	return pw_store_protocol_confirmed(s, user_id, school_id, version_id, at, err);
fail:
	pw_db_rollback(db);
	return err->code;
}

static void read_colleague(struct pw_arena *a, struct pw_q *q, struct pw_prev_colleague *c)
{
	c->id = pw_q_col_int(q, 0);
	c->login = pw_strdup(a, pw_q_col_text(q, 1));
	c->name = pw_strdup(a, pw_q_col_text(q, 2));
	c->functie = pw_strdup(a, pw_q_col_text(q, 3));
	c->confirmed_at = pw_q_col_int(q, 4);
}

enum pw_status pw_store_prevention_colleagues(struct pw_store *s, struct pw_arena *a, int64_t school_id,
					      int64_t version_id, struct pw_prev_colleague **out, size_t *n,
					      struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_PREVENTION_COLLEAGUES);
	pw_q_int(&q, 1, school_id);
	pw_q_int(&q, 2, version_id);
	COLLECT(struct pw_prev_colleague, &q, a, out, n, err, read_colleague(a, &q, it));
	return PW_OK;
}
