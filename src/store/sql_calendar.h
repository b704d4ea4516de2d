/* Statements about personal calendar feeds (store/calendar.c). */
#ifndef PW_STORE_SQL_CALENDAR_H
#define PW_STORE_SQL_CALENDAR_H

/* The feed table: one row per account at most; only the secret's hash is
 * kept, so a copy of the database does not open anyone's feed. */
#define PW_MIGRATION_CALENDAR_SQL                                                                   \
	"CREATE TABLE calendar_feed (\n"                                                              \
	"  user_id INTEGER PRIMARY KEY REFERENCES account(id),\n"                                     \
	"  hash BLOB NOT NULL UNIQUE,\n"                                                              \
	"  created_at INTEGER NOT NULL\n"                                                             \
	");\n"

#define PW_STMTS_CALENDAR(X)                                                                        \
	/* Replacing the row revokes the old secret in the same statement. */                         \
	X(CALFEED_SET, "INSERT INTO calendar_feed(user_id, hash, created_at) VALUES (?1, ?2, ?3) "    \
		       "ON CONFLICT(user_id) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at") \
	X(CALFEED_DEL, "DELETE FROM calendar_feed WHERE user_id = ?")                                  \
	X(CALFEED_GET, "SELECT created_at FROM calendar_feed WHERE user_id = ?")                       \
	/* A disabled account's feed answers nothing, like its tokens. */                             \
	X(CALFEED_LOOKUP, "SELECT f.user_id FROM calendar_feed f JOIN account a ON a.id = f.user_id "  \
			  "WHERE f.hash = ? AND a.disabled_at IS NULL")

#endif
