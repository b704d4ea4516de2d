/* The store: the one place that holds SQL. Callers see operations on the
 * school's data; how they are kept (SQLite now, PostgreSQL later) is hidden
 * behind this header. Every operation that returns PW_OK after a write has
 * made it durable. Thread-safe: each thread gets its own connection. */
#ifndef PW_STORE_STORE_H
#define PW_STORE_STORE_H

#include <stdint.h>

#include "util/err.h"

struct pw_store;

/* The schema version this program writes. */
int pw_store_schema_version(void);

enum pw_store_open_mode {
	PW_STORE_EXISTING, /* refuse when the database does not exist */
	PW_STORE_CREATE,   /* create an empty database if there is none */
};

/* Opens (and migrates) the database at path. NULL on error, with err filled
 * in plain words (a missing file, a newer schema, a locked database). */
struct pw_store *pw_store_open(const char *path, enum pw_store_open_mode mode, struct pw_err *err);
/* Flushes pending audit rows and closes every connection. NULL is a no-op. */
void pw_store_close(struct pw_store *s);
/* Path the store was opened with (owned by the store). */
const char *pw_store_path(const struct pw_store *s);

/* A cheap query that proves the store answers (for /healthz). */
enum pw_status pw_store_ping(struct pw_store *s, struct pw_err *err);

/* A consistent copy of the live database at dest (SQLite online backup);
 * dest must not exist. */
enum pw_status pw_store_backup(struct pw_store *s, const char *dest, struct pw_err *err);
/* Checks the backup at src (integrity, schema version no newer than ours) and
 * puts it in place of the database at path. The server must be stopped:
 * refused while another process holds the database's lock. */
enum pw_status pw_store_restore(const char *src, const char *path, struct pw_err *err);

/* Takes the server lock on the database (one serving process at a time;
 * restore refuses while it is held). Released by pw_store_close. */
enum pw_status pw_store_lock_server(struct pw_store *s, struct pw_err *err);

/* One audit row: who read or changed what. */
struct pw_audit {
	int64_t user_id;   /* 0 when no user (anonymous routes, CLI) */
	const char *action; /* "read", "create", "update", ... */
	const char *object; /* "case", "signal", "student", ... */
	int64_t object_id;
	const char *detail; /* optional, short; never secrets */
};

/* Records a read: waits for the next shared (group) commit, a few ms, so
 * none goes unrecorded and many reads share one disk sync. PW_EIO when the
 * row could not be written: the caller must then not serve the read. */
enum pw_status pw_store_audit_read(struct pw_store *s, const struct pw_audit *a, struct pw_err *err);
/* Records a change inside the caller's transaction (pw_store_begin): the row
 * commits with the change or not at all. */
enum pw_status pw_store_audit_change(struct pw_store *s, int64_t user_id, const char *action, const char *object,
				     int64_t object_id, const char *detail, struct pw_err *err);
/* Records a change that was its own transaction (made by a store function
 * that commits itself), right after it. */
enum pw_status pw_store_audit_change_now(struct pw_store *s, int64_t user_id, const char *action, const char *object,
					 int64_t object_id, struct pw_err *err);
/* Records n reads at once (a list of cases): they share one group commit. */
enum pw_status pw_store_audit_read_many(struct pw_store *s, const struct pw_audit *a, size_t n, struct pw_err *err);
/* Number of audit rows about object/object_id (tests, the audit page). */
int64_t pw_store_audit_count(struct pw_store *s, const char *object, int64_t object_id);
/* How many group commits the audit writer has made (tests and bench). */
uint64_t pw_store_audit_commits(struct pw_store *s);

#endif
