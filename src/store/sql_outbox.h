/* The mail outbox (store/outbox.c): its schema (migration 9) and its
 * statements.
 *
 * Why a trigger fills the outbox: every "is told" is already a row in
 * `notice`, written inside the transaction of the change that caused it, by
 * several writers (store/cases.c, store/reports.c, and whoever adds the next
 * kind of notice). An AFTER INSERT trigger puts the mail in the outbox in that
 * same transaction for all of them, now and later, without each writer having
 * to remember a second call: a notice and its mail commit together or not at
 * all. The trigger stores only who and what; the text (subject, body, the
 * link with the server's public URL, the user's language) is composed in C by
 * the sender before the first attempt (mail/outbox.c), because SQL knows
 * neither the URL nor the catalogue. Once composed, retries send the same
 * text. */
#ifndef PW_STORE_SQL_OUTBOX_H
#define PW_STORE_SQL_OUTBOX_H

/* The notice kinds mailed at once under the default preference: a case that
 * now needs this person (new, escalated, taken over, a consult, being brought
 * in, a recurrence, a referral, a sanction to decide, a report by a student or
 * parent). The rest (more information on a case, a suspicion) waits on the
 * task list, or in the daily digest for those who chose it. */
#define PW_MAIL_DIRECT_KINDS                                                                                 \
	"'nieuwe_casus', 'escalatie', 'consult', 'ingeschakeld', 'herhaling', 'eigenaar', 'doorverwijzing', " \
	"'sanctie_voorstel', 'melding_leerling', 'melding_naar_clz'"

#define PW_MIGRATION_OUTBOX_SQL                                                                              \
	/* Per user: notices mailed at once (direct), gathered in the daily digest,  \
	 * or not mailed; overdue steps in the digest or not. No row: the defaults. */ \
	"CREATE TABLE mail_pref (\n"                                                                         \
	"  user_id INTEGER PRIMARY KEY REFERENCES account(id),\n"                                             \
	"  notices TEXT NOT NULL DEFAULT 'direct' CHECK (notices IN ('direct', 'digest', 'none')),\n"         \
	"  overdue TEXT NOT NULL DEFAULT 'digest' CHECK (overdue IN ('digest', 'none'))\n"                    \
	");\n"                                                                                               \
	/* One row per mail. pending: to send at next_attempt_at (also while it     \
	 * keeps failing: last_error and attempts say why); sent: the SMTP server   \
	 * accepted it; failed: refused for good (the address does not exist), for \
	 * the beheerder to look at. Never deleted by the sender. */                 \
	"CREATE TABLE outbox (\n"                                                                            \
	"  id INTEGER PRIMARY KEY,\n"                                                                        \
	"  user_id INTEGER REFERENCES account(id),\n"                                                        \
	"  notice_id INTEGER REFERENCES notice(id),\n"                                                       \
	"  kind TEXT NOT NULL,\n" /* notice, digest */                                                       \
	"  recipient TEXT NOT NULL,\n"                                                                       \
	"  subject TEXT NOT NULL DEFAULT '',\n" /* '' until composed by the sender */                       \
	"  body TEXT NOT NULL DEFAULT '',\n"                                                                 \
	"  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),\n"         \
	"  attempts INTEGER NOT NULL DEFAULT 0,\n"                                                           \
	"  next_attempt_at INTEGER NOT NULL,\n"                                                              \
	"  last_error TEXT,\n"                                                                               \
	"  created_at INTEGER NOT NULL,\n"                                                                   \
	"  sent_at INTEGER\n"                                                                                \
	");\n"                                                                                               \
	"CREATE INDEX outbox_due ON outbox(status, next_attempt_at);\n"                                      \
	/* The daily digest was made for user on day (Amsterdam date): once a day, \
	 * also across restarts. outbox_id NULL: there was nothing to tell. */       \
	"CREATE TABLE mail_digest (\n"                                                                       \
	"  user_id INTEGER NOT NULL REFERENCES account(id),\n"                                               \
	"  day TEXT NOT NULL,\n"                                                                             \
	"  at INTEGER NOT NULL,\n"                                                                           \
	"  outbox_id INTEGER REFERENCES outbox(id),\n"                                                       \
	"  PRIMARY KEY (user_id, day)\n"                                                                     \
	");\n"                                                                                               \
	"CREATE TRIGGER notice_mail AFTER INSERT ON notice\n"                                                \
	"WHEN NEW.kind IN (" PW_MAIL_DIRECT_KINDS ")\n"                                                      \
	"  AND coalesce((SELECT notices FROM mail_pref WHERE user_id = NEW.user_id), 'direct') = 'direct'\n" \
	"BEGIN\n"                                                                                            \
	"  INSERT INTO outbox(user_id, notice_id, kind, recipient, next_attempt_at, created_at)\n"            \
	"  SELECT NEW.user_id, NEW.id, 'notice', a.email, NEW.at, NEW.at FROM account a\n"                    \
	"  WHERE a.id = NEW.user_id AND a.disabled_at IS NULL AND a.email LIKE '%_@_%';\n"                    \
	"END;\n"

/* Columns of an outbox row as pw_store reads them (store/outbox.c row()). */
#define OUTBOX_COLS                                                                                          \
	"o.id, coalesce(o.user_id, 0), coalesce(o.notice_id, 0), o.kind, o.recipient, o.subject, o.body, "    \
	"o.status, o.attempts, o.next_attempt_at, o.last_error, o.created_at, coalesce(o.sent_at, 0), "      \
	"coalesce(n.kind, ''), coalesce(n.case_id, 0), coalesce(n.report_id, 0), coalesce(a.lang, 'nl') "     \
	"FROM outbox o LEFT JOIN notice n ON n.id = o.notice_id LEFT JOIN account a ON a.id = o.user_id "

#define PW_STMTS_OUTBOX(X)                                                                                   \
	X(OUTBOX_DUE, "SELECT " OUTBOX_COLS "WHERE o.status = 'pending' AND o.next_attempt_at <= ?1 "          \
		      "ORDER BY o.next_attempt_at, o.id LIMIT ?2")                                            \
	X(OUTBOX_LIST, "SELECT " OUTBOX_COLS "WHERE (?1 IS NULL OR o.status = ?1) AND (?2 = 0 OR o.user_id IN " \
		       "(SELECT user_id FROM user_functie WHERE school_id = ?2)) ORDER BY o.id DESC LIMIT ?3")  \
	X(OUTBOX_COMPOSE, "UPDATE outbox SET subject = ?2, body = ?3 WHERE id = ?1 AND body = ''")              \
	X(OUTBOX_SENT, "UPDATE outbox SET status = 'sent', sent_at = ?2, attempts = attempts + 1, "             \
		       "last_error = NULL WHERE id = ?1 AND status = 'pending'")                                \
	X(OUTBOX_FAILED, "UPDATE outbox SET status = ?2, attempts = ?3, next_attempt_at = ?4, last_error = ?5 "  \
			 "WHERE id = ?1 AND status = 'pending'")                                                \
	X(OUTBOX_RETRY, "UPDATE outbox SET status = 'pending', next_attempt_at = ?2 WHERE id = ?1 "            \
			"AND status <> 'sent'")                                                                 \
	X(OUTBOX_ADD, "INSERT INTO outbox(user_id, kind, recipient, subject, body, next_attempt_at, created_at) " \
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)")                                                   \
	X(DIGEST_USERS, "SELECT a.id, a.email, a.lang, coalesce(p.notices, 'direct'), coalesce(p.overdue, 'digest') " \
			"FROM account a LEFT JOIN mail_pref p ON p.user_id = a.id "                            \
			"WHERE a.disabled_at IS NULL AND a.email LIKE '%_@_%' "                                \
			"AND NOT EXISTS (SELECT 1 FROM mail_digest d WHERE d.user_id = a.id AND d.day = ?1) "   \
			"AND ((coalesce(p.overdue, 'digest') = 'digest' AND EXISTS (SELECT 1 FROM casus k "     \
			"WHERE k.owner_id = a.id AND k.status <> 'closed')) OR (p.notices = 'digest' AND "      \
			"EXISTS (SELECT 1 FROM notice n WHERE n.user_id = a.id AND n.at >= ?2))) "             \
			"ORDER BY a.id LIMIT 200")                                                             \
	X(DIGEST_CASES, "SELECT id FROM casus WHERE owner_id = ?1 AND status <> 'closed' ORDER BY id")          \
	X(DIGEST_NOTICES, "SELECT coalesce(case_id, 0), kind FROM notice WHERE user_id = ?1 AND at >= ?2 "       \
			  "ORDER BY id LIMIT 100")                                                               \
	X(DIGEST_MARK, "INSERT OR IGNORE INTO mail_digest(user_id, day, at, outbox_id) VALUES (?1, ?2, ?3, nullif(?4, 0))") \
	X(MAIL_PREF_GET, "SELECT coalesce(p.notices, 'direct'), coalesce(p.overdue, 'digest') FROM account a "  \
			 "LEFT JOIN mail_pref p ON p.user_id = a.id WHERE a.id = ?1")                            \
	X(MAIL_PREF_SET, "INSERT INTO mail_pref(user_id, notices, overdue) VALUES (?1, ?2, ?3) "                \
			 "ON CONFLICT(user_id) DO UPDATE SET notices = ?2, overdue = ?3")

#endif
