#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "util/log.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/pw-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	pw_log_quiet(1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

static char *path(const char *name)
{
	static char p[8][320];
	static int i;
	i = (i + 1) % 8;
	snprintf(p[i], sizeof p[i], "%s/%s", dir, name);
	return p[i];
}

static void open_creates_and_refuses_missing(void **state)
{
	(void)state;
	struct pw_err e;
	assert_null(pw_store_open(path("missing.db"), PW_STORE_EXISTING, &e));
	assert_int_equal(e.code, PW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "pestwijzer init"));
	assert_int_not_equal(access(path("missing.db"), F_OK), 0); /* nothing written */

	struct pw_store *s = pw_store_open(path("a.db"), PW_STORE_CREATE, &e);
	assert_non_null(s);
	assert_int_equal(pw_store_ping(s, &e), PW_OK);
	pw_store_close(s);
	/* Opening again applies no migration twice. */
	s = pw_store_open(path("a.db"), PW_STORE_EXISTING, &e);
	assert_non_null(s);
	pw_store_close(s);
}

static void refuses_newer_schema(void **state)
{
	(void)state;
	struct pw_err e;
	struct pw_store *s = pw_store_open(path("new.db"), PW_STORE_CREATE, &e);
	assert_non_null(s);
	pw_store_close(s);
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path("new.db"), &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "INSERT INTO schema_version VALUES (999, 'future', 0)", 0, 0, 0), SQLITE_OK);
	sqlite3_close(h);
	assert_null(pw_store_open(path("new.db"), PW_STORE_EXISTING, &e));
	assert_non_null(strstr(e.msg, "newer than this program"));
}

struct reader {
	struct pw_store *s;
	int id;
	int failures;
};

static void *read_many(void *arg)
{
	struct reader *r = arg;
	struct pw_err e;
	for (int i = 0; i < 25; i++) {
		struct pw_audit a = {.user_id = r->id + 1, .action = "read", .object = "case", .object_id = 42};
		if (pw_store_audit_read(r->s, &a, &e) != PW_OK)
			r->failures++;
	}
	return NULL;
}

static void audit_reads_share_commits(void **state)
{
	(void)state;
	struct pw_err e;
	struct pw_store *s = pw_store_open(path("audit.db"), PW_STORE_CREATE, &e);
	assert_non_null(s);
	pthread_t t[16];
	struct reader r[16];
	for (int i = 0; i < 16; i++) {
		r[i] = (struct reader){.s = s, .id = i};
		assert_int_equal(pthread_create(&t[i], NULL, read_many, &r[i]), 0);
	}
	for (int i = 0; i < 16; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(r[i].failures, 0);
	}
	/* Every read is recorded once it returned, and reads shared commits. */
	assert_int_equal(pw_store_audit_count(s, "case", 42), 400);
	uint64_t commits = pw_store_audit_commits(s);
	assert_true(commits >= 1);
	assert_true(commits < 400);
	pw_store_close(s);
	/* Durable: visible after reopening. */
	s = pw_store_open(path("audit.db"), PW_STORE_EXISTING, &e);
	assert_int_equal(pw_store_audit_count(s, "case", 42), 400);
	pw_store_close(s);
}

static void backup_and_restore(void **state)
{
	(void)state;
	struct pw_err e;
	struct pw_store *s = pw_store_open(path("live.db"), PW_STORE_CREATE, &e);
	assert_non_null(s);
	struct pw_audit a = {.action = "read", .object = "case", .object_id = 7};
	assert_int_equal(pw_store_audit_read(s, &a, &e), PW_OK);
	assert_int_equal(pw_store_lock_server(s, &e), PW_OK);
	assert_int_equal(pw_store_backup(s, path("b1.db"), &e), PW_OK);
	assert_int_equal(pw_store_backup(s, path("b1.db"), &e), PW_ECONFLICT); /* never overwrites */
	/* After the backup the live database moves on. */
	assert_int_equal(pw_store_audit_read(s, &a, &e), PW_OK);
	assert_int_equal(pw_store_audit_count(s, "case", 7), 2);
	/* Restore refuses while a server holds the database. */
	assert_int_equal(pw_store_restore(path("b1.db"), path("live.db"), &e), PW_ECONFLICT);
	assert_non_null(strstr(e.msg, "Stop it first"));
	pw_store_close(s);

	assert_int_equal(pw_store_restore(path("b1.db"), path("live.db"), &e), PW_OK);
	s = pw_store_open(path("live.db"), PW_STORE_EXISTING, &e);
	assert_non_null(s);
	assert_int_equal(pw_store_audit_count(s, "case", 7), 1);
	pw_store_close(s);
}

static void restore_refuses_bad_backups(void **state)
{
	(void)state;
	struct pw_err e;
	struct pw_store *s = pw_store_open(path("keep.db"), PW_STORE_CREATE, &e);
	struct pw_audit a = {.action = "read", .object = "case", .object_id = 9};
	assert_int_equal(pw_store_audit_read(s, &a, &e), PW_OK);
	pw_store_close(s);

	assert_int_equal(pw_store_restore(path("nothing.db"), path("keep.db"), &e), PW_ENOTFOUND);

	FILE *f = fopen(path("garbage.db"), "w");
	fputs("this is not a database at all, just some text that is long enough to matter", f);
	fclose(f);
	assert_int_not_equal(pw_store_restore(path("garbage.db"), path("keep.db"), &e), PW_OK);

	sqlite3 *h;
	sqlite3_open(path("other.db"), &h);
	sqlite3_exec(h, "CREATE TABLE t(x)", 0, 0, 0);
	sqlite3_close(h);
	assert_int_equal(pw_store_restore(path("other.db"), path("keep.db"), &e), PW_EINVAL);
	assert_non_null(strstr(e.msg, "not a Pestwijzer backup"));

	/* A damaged Pestwijzer file: overwrite pages in the middle. */
	s = pw_store_open(path("dmg.db"), PW_STORE_CREATE, &e);
	for (int i = 0; i < 300; i++)
		pw_store_audit_read(s, &a, &e);
	pw_store_close(s);
	f = fopen(path("dmg.db"), "r+");
	fseek(f, 4096 * 3 + 8, SEEK_SET); /* the audit table and its indexes */
	for (int i = 0; i < 4096 * 3; i++)
		fputc(0x5a, f);
	fclose(f);
	assert_int_not_equal(pw_store_restore(path("dmg.db"), path("keep.db"), &e), PW_OK);

	/* The database is unchanged by every refusal. */
	s = pw_store_open(path("keep.db"), PW_STORE_EXISTING, &e);
	assert_non_null(s);
	assert_int_equal(pw_store_audit_count(s, "case", 9), 1);
	pw_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_creates_and_refuses_missing), cmocka_unit_test(refuses_newer_schema),
		cmocka_unit_test(audit_reads_share_commits),        cmocka_unit_test(backup_and_restore),
		cmocka_unit_test(restore_refuses_bad_backups),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
