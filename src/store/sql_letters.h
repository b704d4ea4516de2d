/* Letters to parents (store/letters.c): their table (migration 12) and
 * statements. A letter is kept as sent: the text the staff member reviewed,
 * never re-filled from a template, so what the parent read can be shown
 * later word for word. */
#ifndef PW_STORE_SQL_LETTERS_H
#define PW_STORE_SQL_LETTERS_H

#define PW_MIGRATION_LETTERS_SQL                                                                      \
	"CREATE TABLE letter (\n"                                                                       \
	"  id INTEGER PRIMARY KEY,\n"                                                                   \
	"  case_id INTEGER NOT NULL REFERENCES casus(id),\n"                                            \
	"  student_id INTEGER NOT NULL REFERENCES student(id),\n"                                       \
	"  parent_id INTEGER NOT NULL REFERENCES parent(id),\n"                                         \
	"  subject TEXT NOT NULL,\n"                                                                    \
	"  text TEXT NOT NULL,\n"                                                                       \
	"  channel TEXT NOT NULL CHECK (channel IN ('mail', 'brief')),\n"                               \
	"  by_id INTEGER NOT NULL REFERENCES account(id),\n"                                            \
	"  at INTEGER NOT NULL,\n"                                                                      \
	"  outbox_id INTEGER REFERENCES outbox(id)\n" /* mail: the queued mail */                       \
	");\n"                                                                                          \
	"CREATE INDEX letter_case ON letter(case_id, id);\n"

#define LETTER_COLS                                                                                   \
	"l.id, l.case_id, l.student_id, l.parent_id, l.subject, l.text, l.channel, l.by_id, l.at, "     \
	"coalesce(l.outbox_id, 0), p.name, coalesce(a.name, '') "                                        \
	"FROM letter l JOIN parent p ON p.id = l.parent_id LEFT JOIN account a ON a.id = l.by_id "

#define PW_STMTS_LETTERS(X)                                                                            \
	X(LETTER_PARENTS, "SELECT p.id, p.name, coalesce(p.email, ''), sp.relation, sp.custody, "         \
			  "sp.restriction FROM student_parent sp JOIN parent p ON p.id = sp.parent_id "  \
			  "WHERE sp.student_id = ?1 ORDER BY sp.custody DESC, p.id")                      \
	X(LETTER_OUTBOX, "INSERT INTO outbox(user_id, kind, recipient, subject, body, next_attempt_at, "    \
			 "created_at) VALUES (NULL, 'letter', ?1, ?2, ?3, ?4, ?4)")                       \
	X(LETTER_ADD, "INSERT INTO letter(case_id, student_id, parent_id, subject, text, channel, by_id, " \
		      "at, outbox_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, 0))")            \
	X(LETTER_GET, "SELECT " LETTER_COLS "WHERE l.id = ?1 AND l.case_id = ?2")                        \
	X(LETTER_LIST, "SELECT " LETTER_COLS "WHERE l.case_id = ?1 ORDER BY l.id")

#endif
