/* A signal (melding): validating it against the protocol, and deciding where
 * it goes: a recorded suspicion, joining an open case (as information or as a
 * recurrence), reopening a closed case, or a new case at the right level. */
#ifndef PW_CORE_SIGNAL_H
#define PW_CORE_SIGNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/casus.h"

/* A flag of the protocol set on a signal: a yes/no flag (choice NULL) or a
 * choice flag with its choice. */
struct pw_flag_value {
	const char *key;
	const char *choice;
};

struct pw_signal {
	const char *occurred_on; /* YYYY-MM-DD */
	const char *location, *description;
	const char *systematisch; /* "ja", "nee", "onbekend" */
	const char *const *vormen;
	size_t n_vormen;
	const struct pw_flag_value *flags; /* the flags set (Lekpoort: geweld_of_dreiging, discriminatie) */
	size_t n_flags;
	const char *const *cyber;  /* cyber kinds */
	size_t n_cyber;
	const char *const *platforms;
	size_t n_platforms;
	const char *platform_other; /* the free text of a free-text platform */
	const char *const *signalen; /* checklist items */
	size_t n_signalen;
	bool naar_clz;             /* straight to the higher level */
	const struct pw_person *persons;
	size_t n_persons;
};

/* Checks every field against the protocol's keys; today bounds occurred_on.
 * PW_EINVAL naming the field (err->field) and what to do, in Dutch. */
enum pw_status pw_signal_validate(const struct pw_protocol *p, const struct pw_signal *s, pw_day today,
				  struct pw_err *err);

/* 1 when the signal names a student in each of the protocol's join roles of
 * the case (a target and a bully of it, for Lekpoort). */
bool pw_signal_joins(const struct pw_protocol *p, const struct pw_signal *s, const struct pw_case *c);

/* 1 when the judgement opens a case (Lekpoort: "ja"). */
bool pw_signal_is_bullying(const struct pw_signal *s);

enum pw_route_kind {
	PW_ROUTE_SUSPICION,      /* no case: a recorded suspicion on the students */
	PW_ROUTE_SUSPICION_INFO, /* a suspicion joining an open case as information */
	PW_ROUTE_JOIN,           /* joins an open case */
	PW_ROUTE_REOPEN,         /* reopens a closed case */
	PW_ROUTE_NEW,            /* a new case */
};

struct pw_signal_dest {
	enum pw_route_kind kind;
	const struct pw_case *target; /* JOIN, REOPEN, SUSPICION_INFO */
	bool recurrence;
	const struct pw_level *level; /* the level the case goes to (NULL: stays) */
	const struct pw_case *linked; /* NEW: an earlier closed case of the same pair */
	const char *reason;           /* why this level, in Dutch, for the timeline */
};

/* A closed case's closing school year, for the reopen rule. */
struct pw_case_ref {
	const struct pw_case *c;
	int closed_year; /* first calendar year of the school year it closed in; 0 when open */
};

/* Decides where a valid signal goes, given the cases that involve its
 * students (most recent first) and the current school year's first year. */
void pw_signal_route(const struct pw_protocol *p, const struct pw_signal *s, const struct pw_case_ref *cases,
		     size_t n, int this_year, struct pw_signal_dest *out);

/* A staff member who can own a case (from the store). */
struct pw_staff {
	int64_t user_id;
	const char *functie;
	const char *department; /* "" when school-wide */
};

/* The owner of a case at level l: by the level's owner scope, from the
 * persons' classes and the school's staff. 0 when nobody fits (the CLZ then
 * assigns one). */
int64_t pw_case_owner_for(const struct pw_protocol *p, const struct pw_level *l, const struct pw_person *persons,
			  size_t n, const struct pw_staff *staff, size_t nstaff);

/* Whether the case's signals advise bringing in management (forms and flags
 * of the protocol's mt advice). */
bool pw_signal_advises(const struct pw_protocol *p, const struct pw_signal *s);

#endif
