/* Statements about sanctions across cases (store/sanctions.c). */
#ifndef PW_STORE_SQL_SANCTIONS_H
#define PW_STORE_SQL_SANCTIONS_H

/* The ladder counts a student's sanctions over all their cases of the school:
 * the sanction, decision and step events of the cases the student is in,
 * from the window's first day on. Which of those sanctions are the student's
 * is read from the event data in C, so the statement needs no JSON functions
 * and stays the same on PostgreSQL. */
#define PW_STMTS_SANCTIONS(X)                                                                              \
	X(SANCTION_EVENTS_OF_STUDENT,                                                                       \
	  "SELECT e.id, e.at, e.day, coalesce(e.by_id, 0), e.kind, e.data, e.case_id FROM case_event e "    \
	  "JOIN casus k ON k.id = e.case_id WHERE k.school_id = ?1 AND e.day >= ?3 "                      \
	  "AND e.kind IN ('sanction', 'decision', 'step') "                                                 \
	  "AND e.case_id IN (SELECT case_id FROM case_person WHERE student_id = ?2) ORDER BY e.case_id, e.id") \
	X(SANCTION_EVENTS_OF_CASE,                                                                          \
	  "SELECT id, at, day, coalesce(by_id, 0), kind, data, case_id FROM case_event "                   \
	  "WHERE case_id = ?1 AND kind IN ('sanction', 'decision') ORDER BY id")

#endif
