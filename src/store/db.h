/* The store's private cursor over one connection: prepared statements from
 * the table in sql.h, bound parameters, rows. Only files in src/store use it. */
#ifndef PW_STORE_DB_H
#define PW_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

#include "store/sql.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"

struct pw_db;

/* This thread's connection to the store, opened on first use. */
struct pw_db *pw_db_get(struct pw_store *s, struct pw_err *err);

/* A statement in use. Bind parameters 1..n, then step. */
struct pw_q {
	struct pw_db *db;
	void *stmt;
	enum pw_stmt id;
	int failed;
};

void pw_q_start(struct pw_q *q, struct pw_db *db, enum pw_stmt id);
void pw_q_int(struct pw_q *q, int idx, int64_t v);
void pw_q_text(struct pw_q *q, int idx, const char *v); /* NULL binds NULL */
void pw_q_textn(struct pw_q *q, int idx, const char *v, size_t n);
void pw_q_blob(struct pw_q *q, int idx, const void *v, size_t n);
void pw_q_null(struct pw_q *q, int idx);
/* 1: a row is ready; 0: done; -1: error (err filled). */
int pw_q_step(struct pw_q *q, struct pw_err *err);
int64_t pw_q_col_int(struct pw_q *q, int col);
/* Valid until the next step or end; NULL for SQL NULL. */
const char *pw_q_col_text(struct pw_q *q, int col);
const void *pw_q_col_blob(struct pw_q *q, int col, size_t *len);
int pw_q_col_null(struct pw_q *q, int col);
/* Resets the statement for reuse (always call, also after errors). */
void pw_q_end(struct pw_q *q);
/* Runs a statement that returns no rows (or ignores them). */
enum pw_status pw_q_exec(struct pw_q *q, struct pw_err *err);
int64_t pw_db_last_id(struct pw_db *db);
int pw_db_changes(struct pw_db *db);

/* Write transactions. begin takes the write lock at once (BEGIN IMMEDIATE),
 * so two writers never deadlock on an upgrade. */
enum pw_status pw_db_begin(struct pw_db *db, struct pw_err *err);
enum pw_status pw_db_commit(struct pw_db *db, struct pw_err *err);
void pw_db_rollback(struct pw_db *db);

/* Writes an audit row inside the caller's transaction (for changes: the row
 * commits with the change or not at all). */
enum pw_status pw_db_audit(struct pw_db *db, const struct pw_audit *a, struct pw_err *err);

/* Declares `db`, this thread's connection, or returns PW_EIO (err filled). */
#define DB_OR_FAIL(s, err)                                                                                  \
	struct pw_db *db = pw_db_get((s), (err));                                                          \
	if (db == NULL)                                                                                    \
	return PW_EIO

/* Collects every row of the started query q into a growing arena array of
 * T (never NULL): READ fills the zeroed element `it`. Ends q; returns
 * err->code from the enclosing function when a step fails. */
#define COLLECT(T, q, a, out, n, err, READ)                                                                  \
	do {                                                                                               \
		size_t cap_ = 0;                                                                           \
		T *v_ = NULL;                                                                              \
		int r_;                                                                                    \
		*(n) = 0;                                                                                  \
		while ((r_ = pw_q_step((q), (err))) == 1) {                                                \
			v_ = pw_arena_grow((a), v_, *(n), &cap_, sizeof(T));                               \
			T *it = &v_[(*(n))++];                                                             \
			READ;                                                                              \
		}                                                                                          \
		pw_q_end(q);                                                                               \
		*(out) = v_ ? v_ : pw_calloc((a), 1, sizeof(T));                                           \
		if (r_ < 0)                                                                                \
			return (err)->code;                                                                \
	} while (0)

#endif
