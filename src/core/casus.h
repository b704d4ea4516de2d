/* The protocol engine's view of a case (casus): plain structs, filled by the
 * store, read by pure functions that apply the loaded protocol definition.
 * Nothing here names a step of a particular protocol: every rule comes from
 * struct pw_protocol.
 *
 * A case's history is its timeline: an append-only list of events. What is
 * done, who owns the case, which agreements are open: all of it follows from
 * the events, so the engine derives it instead of storing it twice. */
#ifndef PW_CORE_CASUS_H
#define PW_CORE_CASUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "protocol/protocol.h"
#include "util/arena.h"

/* A person in a case: a student of the school, or someone described. */
struct pw_person {
	int64_t student_id;      /* 0 for someone who is not a student */
	const char *extern_desc; /* "onbekende afzender op Snapchat"; NULL for students */
	const char *rol;         /* a situation role key of the protocol */
	/* For students, in the case's school year (filled by the store): */
	int64_t class_id;
	const char *class_name, *department;
	int64_t mentor[2];
	const char *name;
};

enum pw_event_kind {
	PW_EV_OPENED,        /* the case began: level = key */
	PW_EV_SIGNAL,        /* a signal joined: ref = signal id; flag = recurrence */
	PW_EV_PERSON,        /* a person was added: student/text (extern)/key (rol) */
	PW_EV_LEVEL,         /* the case moved to level key; text = reason */
	PW_EV_OWNER,         /* ownership passed to user; text = reason */
	PW_EV_STEP,          /* step key (sanction id in ref) marked status "done"/"skipped"; text = note */
	PW_EV_CONVERSATION,  /* a conversation of kind key with students[]; ref = its id */
	PW_EV_AGREEMENT,     /* an agreement (known by this event's id) made in conversation ref: text, due */
	PW_EV_EVALUATION,    /* agreement ref evaluated: key = outcome, due = next date or 0 */
	PW_EV_PARENT_CONTACT,/* about student, key = channel, text = summary, on */
	PW_EV_REFERRAL,      /* student referred to key (user when a person), text = note */
	PW_EV_ESCALATION,    /* escalation key (consult, bring in); user; text = reason */
	PW_EV_DEVIATION,     /* text = reason */
	PW_EV_NOTE,          /* text */
	PW_EV_CLOSED,        /* text = outcome; key = reason; on = follow-up date */
	PW_EV_REOPENED,      /* text = why */
	PW_EV_SANCTION,      /* a sanction (known by this event's id): student, key = rung, status, text = reason, due/on = start/end */
	PW_EV_DECISION,      /* decision on sanction ref: status = approved/rejected, text = reason, ... */
	PW_EV_CONFIDENTIAL,  /* a confidential entry's existence (its text is stored apart) */
	PW_EV_EVIDENCE,      /* evidence ref added: key = its mime type, ref2 = its size in bytes, text = description */
};

/* The name of an event kind on the timeline and in the store ("conversation"). */
const char *pw_event_kind_name(enum pw_event_kind k);
/* The kind named s; -1 when unknown. */
int pw_event_kind_parse(const char *s);

struct pw_event {
	int64_t id;
	int64_t at; /* seconds, UTC */
	pw_day day; /* the school day it happened (Europe/Amsterdam) */
	int64_t by; /* account id; 0 for the system */
	enum pw_event_kind kind;
	const char *key;
	const char *status;
	const char *text;
	int64_t ref, ref2, student, user;
	const int64_t *students;
	size_t n_students;
	pw_day due, on;
	bool flag;
};

struct pw_case {
	int64_t id;
	int64_t school_id;
	const struct pw_protocol *p;
	bool closed;
	const struct pw_level *level;
	int64_t owner;
	const struct pw_person *persons;
	size_t n_persons;
	const struct pw_event *events; /* in order */
	size_t n_events;
	const char *const *cyber_kinds; /* union over its signals */
	size_t n_cyber;
	pw_day opened; /* the day the first signal was filed */
};

/* ---- steps ---- */

enum pw_step_status { PW_STEP_OPEN, PW_STEP_DONE, PW_STEP_SKIPPED, PW_STEP_BLOCKED };

struct pw_step_view {
	const struct pw_step *step;
	const char *key;         /* "mentor.gesprek_gepeste" or "sanctie.inspectie_melden:12" */
	int64_t sanction_id;
	enum pw_step_status status;
	bool optional;           /* not required (advised or optional) */
	pw_day due_on;           /* 0 when none */
	bool overdue;
	int64_t done_at, done_by;
	pw_day done_on;          /* the school day it was settled (due dates count from it) */
	const char *note;
	const char *why_blocked; /* Dutch, for a blocked step */
	const char *why_blocked_en;
};

/* The case's steps as the protocol stands: every level reached so far, the
 * cyber steps when the case has cyber kinds, and sanction duties. Due dates
 * count school days on cal; overdue relative to today. Allocates in a. */
size_t pw_case_steps(struct pw_arena *a, const struct pw_case *c, const struct pw_calendar *cal, pw_day today,
		     struct pw_step_view **out);

/* The level the case is at after its events (the last OPENED/LEVEL event). */
const struct pw_level *pw_case_level(const struct pw_case *c);
/* Whether the case was escalated in this way (a consult, bringing in). */
bool pw_case_escalated(const struct pw_case *c, enum pw_esc_kind kind);
/* Whether a deviation from the protocol is on the case (only the deviation
 * role can record one; it opens rungs out of order). */
bool pw_case_deviated(const struct pw_case *c);
/* The number of agreements made so far. */
size_t pw_case_agreements_made(const struct pw_case *c);

/* ---- agreements ---- */

struct pw_agreement_view {
	int64_t id;
	const char *text;
	pw_day made_on, due_on;
	const char *result; /* last evaluation outcome key, or NULL */
	bool open;          /* not yet evaluated with a done outcome */
};

size_t pw_case_agreements(struct pw_arena *a, const struct pw_case *c, struct pw_agreement_view **out);

#endif
