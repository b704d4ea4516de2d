/* Statements about reports by students and parents (store/reports.c). */
#ifndef PW_STORE_SQL_REPORTS_H
#define PW_STORE_SQL_REPORTS_H

#define REPORT_COLS                                                                                      \
	"id, school_id, text, coalesce(occurred_on, ''), coalesce(location, ''), coalesce(name, ''), "        \
	"coalesce(contact, ''), status, coalesce(triage, ''), created_at, updated_at, coalesce(entered_by, 0), " \
	"coalesce(case_id, 0), coalesce(signal_id, 0), "                                                   \
	"coalesce((SELECT from_school FROM report_message m WHERE m.report_id = report.id ORDER BY m.id DESC LIMIT 1), -1)"

#define PW_STMTS_REPORTS(X)                                                                               \
	X(REPORT_META_GET, "SELECT value FROM meta WHERE key = ?")                                          \
	X(REPORT_META_PUT, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT DO NOTHING")            \
	X(REPORT_ADD, "INSERT INTO report(school_id, receipt_hash, text, occurred_on, location, name, contact, " \
		      "status, created_at, updated_at, entered_by) VALUES (?, ?, ?, nullif(?, ''), nullif(?, ''), " \
		      "nullif(?, ''), nullif(?, ''), 'nieuw', ?, ?, nullif(?, 0))")                          \
	X(REPORT_BY_HASH, "SELECT " REPORT_COLS " FROM report WHERE receipt_hash = ?")                     \
	X(REPORT_BY_ID, "SELECT " REPORT_COLS " FROM report WHERE id = ?")                                 \
	X(REPORT_LIST, "SELECT " REPORT_COLS " FROM report WHERE school_id = ?1 AND (?2 IS NULL OR status = ?2) " \
		       "ORDER BY id DESC LIMIT ?3 OFFSET ?4")                                               \
	X(REPORT_COUNT, "SELECT count(*) FROM report WHERE school_id = ?1 AND (?2 IS NULL OR status = ?2)")   \
	X(REPORT_SET, "UPDATE report SET status = ?2, triage = nullif(?3, ''), case_id = nullif(?4, 0), "   \
		      "signal_id = nullif(?5, 0), updated_at = ?6 WHERE id = ?1")                            \
	X(REPORT_TOUCH, "UPDATE report SET updated_at = ?2 WHERE id = ?1")                                  \
	X(REPORT_MSG_ADD, "INSERT INTO report_message(report_id, at, from_school, author_id, text) "         \
			  "VALUES (?, ?, ?, nullif(?, 0), ?)")                                               \
	X(REPORT_MSGS, "SELECT id, at, from_school, coalesce(author_id, 0), text FROM report_message "      \
		       "WHERE report_id = ? ORDER BY id")                                                   \
	X(REPORT_NOTICE_ADD, "INSERT INTO notice(user_id, report_id, kind, at) VALUES (?, ?, ?, ?)")

#endif
