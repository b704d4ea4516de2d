/* Sanctions (sancties): the ladder a school climbs with one student, the
 * proposals a deciding role approves or rejects, a deviation from the ladder's
 * order, and the legal duties each sanction opens as steps on its case.
 *
 * Everything comes from the loaded definition (struct pw_sanctions and its
 * rungs): no rung, role or step is named here. Pure: the caller gathers the
 * events (of this case, and of the student's other cases), this module
 * answers what they add up to and whether an action is allowed, with the
 * reason in Dutch and English when it is not.
 *
 * A sanction is the PW_EV_SANCTION event that recorded it (its id is the
 * sanction's id); its fields: student, key = rung, status = the status it got
 * when recorded ("applied", "proposed", "approved"), text = reason, due/on =
 * a suspension's first and last day, flag = applied directly under a
 * deviation. A PW_EV_DECISION event (ref = the sanction) approves or rejects a
 * proposal: status, text = reasons, due/on = the days decided. A duty is a
 * PW_EV_STEP with key "template:ID". */
#ifndef PW_CORE_SANCTION_H
#define PW_CORE_SANCTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/casus.h"
#include "protocol/protocol.h"
#include "util/arena.h"
#include "util/err.h"

enum pw_sanction_status {
	PW_SANCTION_PROPOSED, /* waits for the rung's deciding role */
	PW_SANCTION_APPROVED, /* decided, not yet in effect (duties of `van_kracht_na` open) */
	PW_SANCTION_APPLIED,  /* in effect: the only status the ladder counts */
	PW_SANCTION_REJECTED,
};

/* "applied", "proposed", "approved", "rejected": the API's words. */
const char *pw_sanction_status_key(enum pw_sanction_status s);

/* A sanction as its case's events stand now. Pointers point into the events
 * and the protocol given; they live as long as those. */
struct pw_sanction {
	int64_t id;      /* the id of the sanction's event */
	int64_t case_id;
	int64_t student;
	const char *kind;           /* the rung's key as recorded */
	const struct pw_rung *rung; /* NULL when this definition has no such rung (then it counts for nothing) */
	enum pw_sanction_status status;
	bool direct;                /* applied out of the ladder's order, under a deviation */
	const char *reason;
	int64_t by;                 /* who proposed or applied it */
	pw_day on;                  /* the day it was proposed or applied */
	pw_day start_on, end_on;    /* a suspension's days: the decision's when it set them, else the proposal's */
	pw_day approved_on;         /* the day it was approved (at once, or by decision): duties count from here; 0 when not */
	const struct pw_event *event;    /* the sanction's event */
	const struct pw_event *decision; /* the decision on it, or NULL */
};

/* The sanctions recorded in one case's events (in order), with their status
 * now: a decision approves or rejects a proposal; an approved sanction is
 * applied once its `van_kracht_na` duties are done (and, when it was applied
 * directly under a deviation, its `voor_besluit` duties too: a deviation
 * waives the order, not the law). Allocates *out in a. */
size_t pw_sanctions_of_events(struct pw_arena *a, const struct pw_protocol *p, int64_t case_id,
			      const struct pw_event *ev, size_t n, struct pw_sanction **out);

/* The first day that counts for the ladder on `today`: 1 August (the legal
 * start of the Dutch school year) of the earliest school year in the
 * definition's window (venster_schooljaren: 2 = this year and the previous). */
pw_day pw_sanction_window_start(const struct pw_protocol *p, pw_day today);

/* A suspension's length: the school days from start to end, both included. */
int pw_suspension_days(const struct pw_calendar *cal, pw_day start, pw_day end);

/* Whether a duty step (template `step` of sanction sid) is done, by the
 * latest mark on it among ev. Skipping does not do a legal duty. */
bool pw_sanction_duty_done(const struct pw_event *ev, size_t n, const struct pw_step *step, int64_t sid);

/* A request to propose or apply a rung for a student. */
struct pw_sanction_ask {
	const struct pw_rung *rung;
	int64_t student;
	pw_day start_on, end_on; /* a suspension's days; 0 when not given */
	bool direct;             /* the deviation role, on a case with a deviation: out of the ladder's order */
	const char *const *heard;/* for a direct approval: who was heard */
	size_t n_heard;
};

/* Whether the rung may be proposed or applied now, given `history`: the
 * student's sanctions over all their cases (any; only applied ones of the
 * student in the window from pw_sanction_window_start count). PW_OK with the
 * status it gets (applied at once when no one decides it; proposed when
 * someone does; directly applied or approved under a deviation); else
 * PW_EPROTOCOL or PW_EINVAL (with the field) saying what comes first. The
 * deciding role's holders are not checked here (auth does that). */
enum pw_status pw_sanction_check(const struct pw_protocol *p, const struct pw_calendar *cal, pw_day today,
				 const struct pw_sanction *history, size_t n, const struct pw_sanction_ask *ask,
				 enum pw_sanction_status *status, struct pw_err *err);

/* A decision on a proposal. */
struct pw_decision_ask {
	bool approve;
	pw_day start_on, end_on; /* 0: keep the proposal's */
	const char *const *heard;
	size_t n_heard;
};

/* Whether proposal s (of the case whose events are ev) may be decided so:
 * only a proposal is decided; approving needs its `voor_besluit` duties done,
 * everyone of the rung's `horen` heard, and for a suspension its days within
 * the rung's length and the law's maximum. PW_OK with the status it gets. */
enum pw_status pw_sanction_decide_check(const struct pw_protocol *p, const struct pw_calendar *cal,
					const struct pw_sanction *s, const struct pw_event *ev, size_t n,
					const struct pw_decision_ask *d, enum pw_sanction_status *status,
					struct pw_err *err);

/* One duty of a sanction as a step on its case. */
struct pw_sanction_duty {
	const struct pw_step *step; /* the template */
	bool only_if_settled;       /* a rejected proposal's duty: kept on record only once done or skipped */
	pw_day base;                /* PW_DUE_DECISION counts from here (0: no due date yet) */
};

/* The duties sanction s has on its case now: its `voor_besluit` steps from
 * the proposal on, its `na_besluit` steps once approved, and the law's report
 * step for an approved suspension longer than the definition says. Writes at
 * most max entries to out (the rung's duties plus one always fit). */
size_t pw_sanction_duties(const struct pw_protocol *p, const struct pw_calendar *cal, const struct pw_sanction *s,
			  struct pw_sanction_duty *out, size_t max);

#endif
