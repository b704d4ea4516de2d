#include <string.h>

#include "store/db.h"
#include "store/extra.h"
#include "util/clock.h"

enum pw_status pw_store_confidential_add(struct pw_store *s, const struct pw_confidential *in, int64_t *id,
					 struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CONF_ADD);
	pw_q_int(&q, 1, in->case_id);
	pw_q_int(&q, 2, in->author_id);
	pw_q_int(&q, 3, in->student_id);
	pw_q_text(&q, 4, in->text);
	pw_q_int(&q, 5, pw_now());
	enum pw_status st = pw_q_exec(&q, err);
	if (st == PW_OK)
		*id = pw_db_last_id(db);
	return st;
}

static void read_conf(struct pw_arena *a, struct pw_q *q, struct pw_confidential *o)
{
	o->id = pw_q_col_int(q, 0);
	o->case_id = pw_q_col_int(q, 1);
	o->author_id = pw_q_col_int(q, 2);
	o->student_id = pw_q_col_int(q, 3);
	o->text = pw_strdup(a, pw_q_col_text(q, 4));
	o->created_at = pw_q_col_int(q, 5);
}

enum pw_status pw_store_confidential_get(struct pw_store *s, struct pw_arena *a, int64_t id,
					 struct pw_confidential *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CONF_GET);
	pw_q_int(&q, 1, id);
	int r = pw_q_step(&q, err);
	if (r == 1)
		read_conf(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "Deze aantekening bestaat niet (not found).");
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_confidential_for(struct pw_store *s, struct pw_arena *a, int64_t case_id, int64_t user_id,
					 struct pw_confidential **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	size_t cap = 8;
	struct pw_confidential *v = pw_alloc(a, cap * sizeof *v);
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_CONF_FOR);
	pw_q_int(&q, 1, case_id);
	pw_q_int(&q, 2, user_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		read_conf(a, &q, &v[(*n)++]);
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_confidential_share(struct pw_store *s, int64_t entry_id, int64_t user_id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_CONF_SHARE);
	pw_q_int(&q, 1, entry_id);
	pw_q_int(&q, 2, user_id);
	pw_q_int(&q, 3, pw_now());
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_audit_of(struct pw_store *s, struct pw_arena *a, const char *object, int64_t id, int limit,
				 int offset, struct pw_audit_row **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	struct pw_audit_row *v = pw_calloc(a, (size_t)limit + 1, sizeof *v);
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_AUDIT_OF);
	pw_q_text(&q, 1, object);
	pw_q_int(&q, 2, id);
	pw_q_int(&q, 3, limit);
	pw_q_int(&q, 4, offset);
	while ((r = pw_q_step(&q, err)) == 1 && *n < (size_t)limit) {
		struct pw_audit_row *x = &v[(*n)++];
		x->at_ms = pw_q_col_int(&q, 0);
		x->user_id = pw_q_col_int(&q, 1);
		x->login = pw_strdup(a, pw_q_col_text(&q, 2));
		x->action = pw_strdup(a, pw_q_col_text(&q, 3));
		x->detail = pw_strdup(a, pw_q_col_text(&q, 4));
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}
