/* Case work: what the pages and the API do with signals and cases, in one
 * place. Each operation loads what the engine needs from the store, asks the
 * access function, lets the engine (src/core) decide, and writes the outcome
 * in one transaction with its audit row. Handlers only translate. */
#ifndef PW_APP_CASEWORK_H
#define PW_APP_CASEWORK_H

#include <jansson.h>

#include "auth/auth.h"
#include "core/casus.h"
#include "core/signal.h"
#include "store/cases.h"

/* A case loaded for one request. */
struct pw_loaded_case {
	struct pw_case_row row;
	struct pw_case c;
	const struct pw_protocol *p;
	struct pw_case_facts facts;
	enum pw_case_view view;
	struct pw_calendar cal;
	pw_day today;
	struct pw_signal_row *signals; /* the case's signals; their data is released with the arena (pw_case_done) */
	size_t n_signals;
};

/* Releases what a loaded case holds outside the arena (the signals' JSON). */
void pw_case_done(struct pw_loaded_case *lc);

/* Loads case id for the actor (PW_ENOTFOUND when they may not see it) and
 * records the read in the audit log. */
enum pw_status pw_case_open(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, int64_t id,
			    struct pw_loaded_case *out, struct pw_err *err);

/* Loads case id for the actor like pw_case_open, without recording the read:
 * for lists, which record their reads together with pw_case_audit_reads. */
enum pw_status pw_case_open_unaudited(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, int64_t id,
				      struct pw_loaded_case *out, struct pw_err *err);
/* Records the reads of n listed cases in one group commit. */
enum pw_status pw_case_audit_reads(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				   const int64_t *ids, const enum pw_case_view *views, size_t n, struct pw_err *err);

/* The cases of a school the actor might see (status NULL for all), most
 * recently updated first: every case for those who read the whole school,
 * else only those that concern them. The access function still decides on
 * each; this only spares it the cases that cannot be theirs. */
enum pw_status pw_cases_for(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, int64_t school_id,
			    const char *status, int64_t **ids, size_t *n, struct pw_err *err);

/* The school calendar around day (its school year and holidays). */
void pw_school_calendar(struct pw_store *s, struct pw_arena *a, int64_t school_id, pw_day day, struct pw_calendar *cal);

/* The outcome of filing a signal. */
struct pw_filed {
	int64_t signal_id, case_id;
	bool case_created, recurrence, reopened;
	enum pw_route_kind route;
	const char *level; /* the case's level after filing */
	int64_t owner_id;
};

/* Files a signal by the actor at their school: validates it, routes it
 * (PROTOCOL.md section 2) and writes everything in one transaction. data is
 * the signal's protocol-keyed parts as JSON (borrowed). */
enum pw_status pw_signal_file(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, int64_t school_id,
			      const struct pw_signal *sig, json_t *data, struct pw_filed *out, struct pw_err *err);
/* The same, and in the same transaction the earlier signals `attach` (the
 * suspicions a case is opened from) join the resulting case. */
enum pw_status pw_signal_file_with(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				   int64_t school_id, const struct pw_signal *sig, json_t *data, const int64_t *attach,
				   size_t n_attach, struct pw_filed *out, struct pw_err *err);

/* One change to write: an event, or (data NULL) a notice to user. */
struct pw_change_item {
	enum pw_event_kind kind;
	json_t *data;        /* stolen; "ref": -1 means the id of the first event written */
	int64_t notice_user; /* when data is NULL: tell this user */
	const char *notice;
};

/* Writes changes to a loaded case after checking act (step: for
 * PW_CASE_STEP) in one transaction: the events, the notices, the case's list
 * columns from lc->row, and the audit row. *first_id gets the first event's
 * id. Every item's data is released, also on error. */
enum pw_status pw_case_record(struct pw_store *s, const struct pw_actor *actor, struct pw_loaded_case *lc,
			      enum pw_case_act act, const struct pw_step *step, struct pw_change_item *items, size_t n,
			      int64_t *first_id, struct pw_err *err);

/* ---- hooks between the case API files ---- */
struct pw_req;
/* The case's sanctions as JSON (api/sanctions.c). */
json_t *pw_api_case_sanctions(struct pw_req *r, struct pw_loaded_case *lc);
/* The case's evidence records as JSON, [] unless read in full (api/evidence.c). */
json_t *pw_api_case_evidence(struct pw_req *r, struct pw_loaded_case *lc);
/* The timeline words of a sanction or decision event (api/sanctions.c). */
const char *pw_api_sanction_text(struct pw_arena *a, const struct pw_case *c, const struct pw_event *e);

#endif
