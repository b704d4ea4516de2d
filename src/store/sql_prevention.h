/* Statements for the prevention calendar and confirming the protocol (store/prevention.c). */
#ifndef PW_STORE_SQL_PREVENTION_H
#define PW_STORE_SQL_PREVENTION_H

#define PW_STMTS_PREVENTION(X)                                                                           \
	X(PREVENTION_OF_CLASS, "SELECT id, class_id, activity, status, coalesce(done_on, ''), note, agreements, " \
			       "by_id, at FROM prevention_task WHERE class_id = ? ORDER BY id")                  \
	X(PREVENTION_OF_YEAR, "SELECT t.id, t.class_id, t.activity, t.status, coalesce(t.done_on, ''), t.note, " \
			      "t.agreements, t.by_id, t.at FROM prevention_task t JOIN class c ON c.id = t.class_id " \
			      "WHERE c.schoolyear_id = ? ORDER BY t.class_id, t.id")                            \
	X(PREVENTION_SIGNED, "SELECT student_id FROM prevention_signature WHERE task_id = ? ORDER BY student_id") \
	X(PREVENTION_UPSERT, "INSERT INTO prevention_task(class_id, activity, status, done_on, note, agreements, " \
			     "by_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (class_id, activity) DO UPDATE SET " \
			     "status = excluded.status, done_on = excluded.done_on, note = excluded.note, "     \
			     "agreements = excluded.agreements, by_id = excluded.by_id, at = excluded.at")      \
	X(PREVENTION_ID, "SELECT id FROM prevention_task WHERE class_id = ? AND activity = ?")                 \
	X(PREVENTION_SIGN_CLEAR, "DELETE FROM prevention_signature WHERE task_id = ?")                         \
	X(PREVENTION_SIGN_ADD, "INSERT INTO prevention_signature(task_id, student_id) VALUES (?, ?) "         \
			       "ON CONFLICT DO NOTHING")                                                         \
	X(PREVENTION_IN_CLASS, "SELECT count(*) FROM enrollment WHERE class_id = ? AND student_id = ?")        \
	X(PROTOCOL_CONFIRM, "INSERT INTO protocol_confirmation(user_id, school_id, version_id, at) "          \
			    "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")                                        \
	X(PROTOCOL_CONFIRMED, "SELECT at FROM protocol_confirmation WHERE user_id = ? AND school_id = ? "     \
			      "AND version_id = ?")                                                              \
	X(PREVENTION_COLLEAGUES, "SELECT a.id, a.login, a.name, f.functie, coalesce(c.at, 0) FROM account a " \
				 "JOIN user_functie f ON f.user_id = a.id AND f.school_id = ?1 "                 \
				 "LEFT JOIN protocol_confirmation c ON c.user_id = a.id AND c.school_id = ?1 "   \
				 "AND c.version_id = ?2 WHERE a.disabled_at IS NULL ORDER BY a.name, a.id")

/* The schema (a migration in store/migrations.c). One row per activity per
 * class: the class is of one school year, so the history is per year. An
 * activity never recorded is open. The signatures are of the agreements as
 * last recorded. A confirmation is per account, school and installed
 * protocol version (0: the shipped definition), so a new version asks again. */
#define PW_MIGRATION_PREVENTION_SQL                                                                          \
	"CREATE TABLE prevention_task (\n"                                                                   \
	"  id INTEGER PRIMARY KEY,\n"                                                                        \
	"  class_id INTEGER NOT NULL REFERENCES class(id),\n"                                                \
	"  activity TEXT NOT NULL,\n" /* the definition's key */                                            \
	"  status TEXT NOT NULL CHECK (status IN ('done', 'skipped')),\n"                                    \
	"  done_on TEXT,\n"           /* YYYY-MM-DD; NULL when skipped */                                   \
	"  note TEXT NOT NULL DEFAULT '',\n" /* the reason, when skipped */                                 \
	"  agreements TEXT,\n"        /* the class's agreements, when made in it */                         \
	"  by_id INTEGER NOT NULL REFERENCES account(id),\n"                                                 \
	"  at INTEGER NOT NULL,\n"                                                                           \
	"  UNIQUE (class_id, activity)\n"                                                                    \
	");\n"                                                                                               \
	"CREATE TABLE prevention_signature (\n"                                                              \
	"  task_id INTEGER NOT NULL REFERENCES prevention_task(id),\n"                                       \
	"  student_id INTEGER NOT NULL REFERENCES student(id),\n"                                            \
	"  PRIMARY KEY (task_id, student_id)\n"                                                              \
	");\n"                                                                                               \
	"CREATE TABLE protocol_confirmation (\n"                                                             \
	"  user_id INTEGER NOT NULL REFERENCES account(id),\n"                                               \
	"  school_id INTEGER NOT NULL REFERENCES school(id),\n"                                              \
	"  version_id INTEGER NOT NULL,\n" /* protocol_version.id; 0: the shipped definition */             \
	"  at INTEGER NOT NULL,\n"                                                                           \
	"  PRIMARY KEY (school_id, version_id, user_id)\n"                                                   \
	");\n"

#endif
