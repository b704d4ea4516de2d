/* Statements of the yearly evaluation's figures (store/stats.c). Each reads
 * one school's rows of one date range: ?1 school, ?2 first day, ?3 last day
 * ('YYYY-MM-DD', inclusive), ?4 the school year whose classes count. Signals
 * belong to the year they were filed in, cases to the year they opened in. */
#ifndef PW_STORE_SQL_STATS_H
#define PW_STORE_SQL_STATS_H

#define STATS_CASES_OF_YEAR "FROM casus k WHERE k.school_id = ?1 AND k.opened_on BETWEEN ?2 AND ?3"

#define PW_STMTS_STATS(X)                                                                                  \
	X(STATS_SIGNALS, "SELECT s.id, s.systematisch, s.location, s.data, coalesce(s.case_id, 0) FROM signal s " \
			 "WHERE s.school_id = ?1 AND s.filed_on BETWEEN ?2 AND ?3 ORDER BY s.id")             \
	X(STATS_SIGNAL_PEOPLE, "SELECT sp.signal_id, sp.rol, c.name, coalesce(c.year, 0), c.department "      \
			       "FROM signal s JOIN signal_person sp ON sp.signal_id = s.id "                   \
			       "LEFT JOIN enrollment e ON e.student_id = sp.student_id AND e.schoolyear_id = ?4 " \
			       "LEFT JOIN class c ON c.id = e.class_id "                                       \
			       "WHERE s.school_id = ?1 AND s.filed_on BETWEEN ?2 AND ?3 AND sp.student_id IS NOT NULL") \
	X(STATS_CASES, "SELECT k.id, k.status, k.level, k.opened_on, k.protocol_version " STATS_CASES_OF_YEAR   \
		       " ORDER BY k.id")                                                                      \
	X(STATS_CASE_PEOPLE, "SELECT cp.case_id, coalesce(cp.student_id, 0), cp.rol, cp.extern, c.name, "      \
			     "coalesce(c.year, 0), c.department FROM casus k JOIN case_person cp ON cp.case_id = k.id " \
			     "LEFT JOIN enrollment e ON e.student_id = cp.student_id AND e.schoolyear_id = ?4 " \
			     "LEFT JOIN class c ON c.id = e.class_id "                                         \
			     "WHERE k.school_id = ?1 AND k.opened_on BETWEEN ?2 AND ?3 ORDER BY cp.rowid")     \
	X(STATS_CASE_EVENTS, "SELECT ev.case_id, ev.id, ev.at, ev.day, coalesce(ev.by_id, 0), ev.kind, ev.data " \
			     "FROM casus k JOIN case_event ev ON ev.case_id = k.id "                           \
			     "WHERE k.school_id = ?1 AND k.opened_on BETWEEN ?2 AND ?3 ORDER BY ev.case_id, ev.id") \
	X(STATS_CASE_SIGNALS, "SELECT s.case_id, s.location, s.data FROM casus k JOIN signal s ON s.case_id = k.id " \
			      "WHERE k.school_id = ?1 AND k.opened_on BETWEEN ?2 AND ?3")

#endif
