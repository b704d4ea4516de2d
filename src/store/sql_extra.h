/* Statements for confidential entries and the audit log view (store/extra.c). */
#ifndef PW_STORE_SQL_EXTRA_H
#define PW_STORE_SQL_EXTRA_H

#define PW_STMTS_EXTRA(X)                                                                                \
	X(CONF_ADD, "INSERT INTO confidential_entry(case_id, author_id, student_id, text, created_at) "     \
		    "VALUES (?, ?, nullif(?, 0), ?, ?)")                                                     \
	X(CONF_GET, "SELECT id, case_id, author_id, coalesce(student_id, 0), text, created_at "             \
		    "FROM confidential_entry WHERE id = ?")                                                  \
	X(CONF_FOR, "SELECT DISTINCT e.id, e.case_id, e.author_id, coalesce(e.student_id, 0), e.text, e.created_at " \
		    "FROM confidential_entry e LEFT JOIN confidential_share s ON s.entry_id = e.id "        \
		    "WHERE e.case_id = ?1 AND (e.author_id = ?2 OR s.user_id = ?2) ORDER BY e.id")         \
	X(CONF_SHARE, "INSERT INTO confidential_share(entry_id, user_id, consent_at) VALUES (?, ?, ?) "    \
		      "ON CONFLICT DO NOTHING")                                                              \
	X(AUDIT_OF, "SELECT a.at, coalesce(a.user_id, 0), coalesce(u.login, ''), a.action, coalesce(a.detail, '') " \
		    "FROM audit a LEFT JOIN account u ON u.id = a.user_id WHERE a.object = ? AND a.object_id = ? " \
		    "ORDER BY a.id DESC LIMIT ? OFFSET ?")

#endif
