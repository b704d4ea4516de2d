#include <string.h>

#include "store/db.h"
#include "store/protocols.h"
#include "util/clock.h"

enum pw_status pw_store_protocol_install(struct pw_store *s, int64_t school_id, const char *key, const char *versie,
					 const char *source, const char *installed_by, int64_t *id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, STMT_PROTOCOL_INSTALL);
	pw_q_int(&q, 1, school_id);
	pw_q_text(&q, 2, key);
	pw_q_text(&q, 3, versie);
	pw_q_text(&q, 4, source);
	pw_q_int(&q, 5, pw_now());
	pw_q_text(&q, 6, installed_by);
	enum pw_status st = pw_q_exec(&q, err);
	if (st == PW_OK)
		*id = pw_db_last_id(db);
	return st;
}

static void read_version(struct pw_arena *a, struct pw_q *q, struct pw_protocol_version *o)
{
	o->id = pw_q_col_int(q, 0);
	o->key = pw_strdup(a, pw_q_col_text(q, 1));
	o->versie = pw_strdup(a, pw_q_col_text(q, 2));
	o->source = pw_q_col_null(q, 3) ? NULL : pw_strdup(a, pw_q_col_text(q, 3));
	o->installed_at = pw_q_col_int(q, 4);
	o->installed_by = pw_strdup(a, pw_q_col_text(q, 5));
}

static enum pw_status one(struct pw_store *s, struct pw_arena *a, enum pw_stmt stmt, int64_t id,
			  struct pw_protocol_version *out, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, stmt);
	pw_q_int(&q, 1, id);
	int r = pw_q_step(&q, err);
	if (r == 1)
		read_version(a, &q, out);
	pw_q_end(&q);
	if (r == 0)
		return pw_err_set(err, PW_ENOTFOUND, "no protocol version installed");
	return r < 0 ? err->code : PW_OK;
}

enum pw_status pw_store_protocol_active(struct pw_store *s, struct pw_arena *a, int64_t school_id,
					struct pw_protocol_version *out, struct pw_err *err)
{
	return one(s, a, STMT_PROTOCOL_ACTIVE, school_id, out, err);
}

enum pw_status pw_store_protocol_get(struct pw_store *s, struct pw_arena *a, int64_t id,
				     struct pw_protocol_version *out, struct pw_err *err)
{
	return one(s, a, STMT_PROTOCOL_BY_ID, id, out, err);
}

enum pw_status pw_store_protocol_list(struct pw_store *s, struct pw_arena *a, int64_t school_id,
				      struct pw_protocol_version **out, size_t *n, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	size_t cap = 8;
	struct pw_protocol_version *v = pw_alloc(a, cap * sizeof *v);
	int r;
	*n = 0;
	pw_q_start(&q, db, STMT_PROTOCOL_LIST);
	pw_q_int(&q, 1, school_id);
	while ((r = pw_q_step(&q, err)) == 1) {
		v = pw_arena_grow(a, v, *n, &cap, sizeof *v);
		read_version(a, &q, &v[(*n)++]);
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}
