/* Notices: read and mark seen. */
#include "store/notices.h"

#include <string.h>

#include "store/db.h"
#include "util/clock.h"

enum pw_status pw_store_notices_unseen(struct pw_store *s, struct pw_arena *a, int64_t user_id, int limit,
				       struct pw_notice **out, size_t *n, struct pw_err *err)
{
	struct pw_db *db = pw_db_get(s, err);
	*out = NULL;
	*n = 0;
	if (db == NULL)
		return PW_EIO;
	if (limit <= 0)
		limit = 1;
	/* limit bounds the array, so it is allocated once. */
	struct pw_notice *v = pw_calloc(a, (size_t)limit, sizeof *v);
	struct pw_q q;
	int r;
	pw_q_start(&q, db, STMT_NOTICES_UNSEEN);
	pw_q_int(&q, 1, user_id);
	pw_q_int(&q, 2, limit);
	while ((r = pw_q_step(&q, err)) == 1 && *n < (size_t)limit) {
		struct pw_notice *x = &v[(*n)++];
		x->id = pw_q_col_int(&q, 0);
		x->case_id = pw_q_col_int(&q, 1);
		x->signal_id = pw_q_col_int(&q, 2);
		const char *k = pw_q_col_text(&q, 3);
		x->kind = pw_strdup(a, k ? k : "");
		x->at = pw_q_col_int(&q, 4);
		x->report_id = pw_q_col_int(&q, 5);
	}
	pw_q_end(&q);
	*out = v;
	return r < 0 ? err->code : PW_OK;
}

static enum pw_status seen(struct pw_store *s, enum pw_stmt stmt, int64_t user_id, int64_t id, struct pw_err *err)
{
	DB_OR_FAIL(s, err);
	struct pw_q q;
	pw_q_start(&q, db, stmt);
	pw_q_int(&q, 1, user_id);
	pw_q_int(&q, 2, id);
	pw_q_int(&q, 3, pw_now());
	return pw_q_exec(&q, err);
}

enum pw_status pw_store_notice_seen(struct pw_store *s, int64_t user_id, int64_t notice_id, struct pw_err *err)
{
	return seen(s, STMT_NOTICE_SEEN, user_id, notice_id, err);
}

enum pw_status pw_store_notices_seen_case(struct pw_store *s, int64_t user_id, int64_t case_id, struct pw_err *err)
{
	return seen(s, STMT_NOTICES_SEEN_CASE, user_id, case_id, err);
}
