/* Every SQL statement of the program, in one table (private to the store).
 * Parameters are bound, never concatenated. The text is SQLite's dialect;
 * the PostgreSQL backend rewrites ? to $n when it prepares. */
#ifndef PW_STORE_SQL_H
#define PW_STORE_SQL_H

#include "store/sql_auth.h"
#include "store/sql_calendar.h"
#include "store/sql_cases.h"
#include "store/sql_evidence.h"
#include "store/sql_extra.h"
#include "store/sql_letters.h"
#include "store/sql_notices.h"
#include "store/sql_outbox.h"
#include "store/sql_people.h"
#include "store/sql_prevention.h"
#include "store/sql_reports.h"
#include "store/sql_sanctions.h"
#include "store/sql_stats.h"
#include "store/sql_surveys.h"

/* Each module of the store keeps its statements in its own list (one writer
 * per file); they are all numbered in one enum here. */
#define PW_STMTS(X) PW_STMTS_CORE(X) PW_STMTS_PEOPLE(X) PW_STMTS_AUTH(X) PW_STMTS_CASES(X) PW_STMTS_SANCTIONS(X) PW_STMTS_EXTRA(X) PW_STMTS_NOTICES(X) PW_STMTS_OUTBOX(X) PW_STMTS_STATS(X) PW_STMTS_REPORTS(X) PW_STMTS_EVIDENCE(X) PW_STMTS_PREVENTION(X) PW_STMTS_CALENDAR(X) PW_STMTS_LETTERS(X) PW_STMTS_SURVEYS(X)

#define PW_STMTS_CORE(X)                                                                            \
	X(PING, "SELECT 1")                                                                          \
	X(SCHEMA_VERSION, "SELECT coalesce(max(version), 0) FROM schema_version")                   \
	X(AUDIT_INSERT, "INSERT INTO audit(at, user_id, action, object, object_id, detail) "          \
	                "VALUES (?, ?, ?, ?, ?, ?)")                                                 \
	X(AUDIT_COUNT, "SELECT count(*) FROM audit WHERE object = ? AND object_id = ?")                  \
	X(PROTOCOL_INSTALL, "INSERT INTO protocol_version(school_id, protocol_key, versie, source, installed_at, " \
			    "installed_by) VALUES (?, ?, ?, ?, ?, ?)")                                         \
	X(PROTOCOL_ACTIVE, "SELECT id, protocol_key, versie, source, installed_at, installed_by FROM protocol_version " \
			   "WHERE school_id = ? ORDER BY id DESC LIMIT 1")                                    \
	X(PROTOCOL_BY_ID, "SELECT id, protocol_key, versie, source, installed_at, installed_by FROM protocol_version " \
			  "WHERE id = ?")                                                                      \
	X(PROTOCOL_LIST, "SELECT id, protocol_key, versie, NULL, installed_at, installed_by FROM protocol_version " \
			 "WHERE school_id = ? ORDER BY id")

enum pw_stmt {
#define X(id, sql) STMT_##id,
	PW_STMTS(X)
#undef X
	STMT__MAX
};

extern const char *const pw_sql[STMT__MAX];

#endif
