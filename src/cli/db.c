/* init, backup, restore: the database's life cycle. */
#include <stdio.h>

#include "cli/cli.h"
#include "store/store.h"

int pw_cmd_init(int argc, char **argv)
{
	const char *db = "pestwijzer.db";
	int rest;
	int rc = pw_cli_simple(argc, argv,
			       "Usage: pestwijzer init [--db PATH]\n\nCreates a new, empty database at PATH (default "
			       "pestwijzer.db). Refuses when one exists.\n",
			       &db, &rest);
	if (rc >= 0)
		return rc;
	FILE *f = fopen(db, "r");
	if (f) {
		fclose(f);
		fprintf(stderr, "pestwijzer init: %s already exists; init never overwrites a database. "
				"Choose another --db, or use `pestwijzer restore` to replace it from a backup.\n",
			db);
		return 1;
	}
	struct pw_err err;
	struct pw_store *s = pw_store_open(db, PW_STORE_CREATE, &err);
	if (s == NULL) {
		pw_cli_fail("init", err.msg);
		return 1;
	}
	pw_store_close(s);
	printf("created %s (schema version %d)\n", db, pw_store_schema_version());
	return 0;
}

int pw_cmd_backup(int argc, char **argv)
{
	const char *db = "pestwijzer.db";
	int rest;
	const char *usage = "Usage: pestwijzer backup [--db PATH] DEST\n\nWrites a consistent copy of the database "
			    "to DEST, also while the server runs.\n";
	int rc = pw_cli_simple(argc, argv, usage, &db, &rest);
	if (rc >= 0)
		return rc;
	if (rest != argc - 1) {
		fputs(usage, stderr);
		return 2;
	}
	struct pw_err err;
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("backup", err.msg);
		return 1;
	}
	rc = pw_store_backup(s, argv[rest], &err) == PW_OK ? 0 : 1;
	pw_store_close(s);
	if (rc)
		pw_cli_fail("backup", err.msg);
	else
		printf("backup written to %s\n", argv[rest]);
	return rc;
}

int pw_cmd_restore(int argc, char **argv)
{
	const char *db = "pestwijzer.db";
	int rest;
	const char *usage = "Usage: pestwijzer restore [--db PATH] BACKUP\n\nChecks BACKUP (integrity, schema "
			    "version) and puts it in place of the database at PATH.\nStop the server first.\n";
	int rc = pw_cli_simple(argc, argv, usage, &db, &rest);
	if (rc >= 0)
		return rc;
	if (rest != argc - 1) {
		fputs(usage, stderr);
		return 2;
	}
	struct pw_err err;
	if (pw_store_restore(argv[rest], db, &err) != PW_OK) {
		pw_cli_fail("restore", err.msg);
		return 1;
	}
	/* Open it once: older backups are migrated now, not at the next start. */
	struct pw_store *s = pw_store_open(db, PW_STORE_EXISTING, &err);
	if (s == NULL) {
		pw_cli_fail("restore", err.msg);
		return 1;
	}
	pw_store_close(s);
	printf("restored %s from %s\n", db, argv[rest]);
	return 0;
}
