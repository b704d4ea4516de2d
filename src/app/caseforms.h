/* The actions on a case, from typed input to the changes to write: one
 * place for what the API (JSON) and the pages (forms) both do. Each caller
 * parses its own input into the typed values below; these functions check
 * them against the case and the protocol and build the change items, which
 * the caller writes with pw_case_change_write (pw_case_record: the access
 * function, one transaction, the audit row).
 *
 * Errors: PW_EINVAL names the field (err->field, the API's field name:
 * "students", "channel", "reason", ...), PW_EPROTOCOL says what must happen
 * first, PW_ENOTFOUND when the step or agreement is not on the case. On an
 * error nothing was built that needs releasing. */
#ifndef PW_APP_CASEFORMS_H
#define PW_APP_CASEFORMS_H

#include "app/casework.h"

/* The changes one action makes, with what the access function must allow. */
struct pw_case_change {
	struct pw_change_item *items; /* in the arena; their JSON is owned until written */
	size_t n;
	enum pw_case_act act;
	const struct pw_step *step; /* for PW_CASE_STEP */
	int created;                /* 1 when the API answers 201, else 200 */
};

/* Writes the change (releasing its items, also on error). */
enum pw_status pw_case_change_write(struct pw_store *s, const struct pw_actor *actor, struct pw_loaded_case *lc,
				    struct pw_case_change *ch, struct pw_err *err);

/* PW_EPROTOCOL when the case is closed (every action but a note). */
enum pw_status pw_cf_open_only(const struct pw_loaded_case *lc, struct pw_err *err);

/* Marks step `key` done, or skipped (note: the reason, required then). */
enum pw_status pw_cf_step(struct pw_arena *a, struct pw_loaded_case *lc, const char *key, bool skip, const char *note,
			  struct pw_case_change *ch, struct pw_err *err);

enum pw_status pw_cf_note(struct pw_arena *a, const char *text, struct pw_case_change *ch, struct pw_err *err);

struct pw_cf_agreement {
	const char *text;
	pw_day due; /* 0: the protocol's default, counted in school days from today */
};

/* A conversation of kind with the case's students (ids; 0 stands for an id
 * that was not a number), the guide's answers (a JSON object of strings,
 * borrowed; NULL for none) and the agreements made in it. */
enum pw_status pw_cf_conversation(struct pw_arena *a, struct pw_loaded_case *lc, const char *kind,
				  const int64_t *students, size_t n_students, json_t *answers,
				  const struct pw_cf_agreement *ag, size_t n_ag, struct pw_case_change *ch,
				  struct pw_err *err);

/* The parents' channels (API: channel). */
extern const char *const pw_cf_channels[4];
/* A channel in the request's language ("telefoon" is "phone" in English). */
const char *pw_cf_channel_word(const char *key);

enum pw_status pw_cf_parent_contact(struct pw_arena *a, struct pw_loaded_case *lc, int64_t student, const char *channel,
				    const char *summary, pw_day on, struct pw_case_change *ch, struct pw_err *err);

enum pw_status pw_cf_evaluation(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, int64_t agreement,
				const char *result, const char *note, struct pw_case_change *ch, struct pw_err *err);

/* Escalation `to` (a level, a consult, bringing in); user: the colleague
 * asked (0: the school's holder of the role). */
enum pw_status pw_cf_escalation(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				struct pw_loaded_case *lc, const char *to, const char *reason, int64_t user,
				struct pw_case_change *ch, struct pw_err *err);

enum pw_status pw_cf_owner(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, int64_t user,
			   const char *reason, struct pw_case_change *ch, struct pw_err *err);

enum pw_status pw_cf_close(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, const char *outcome,
			   const char *reason, pw_day follow_up, struct pw_case_change *ch, struct pw_err *err);

/* ---- reading a case ---- */

/* The timeline entry of an event, in words (Dutch). */
const char *pw_case_event_text(struct pw_arena *a, const struct pw_case *c, const struct pw_event *e);
/* Whether the reduced or referral view shows the event to user. */
bool pw_case_own_entry(const struct pw_event *e, int64_t user);
/* Whether the case's signals advise bringing in management (and it was not yet). */
bool pw_case_advises(const struct pw_loaded_case *lc);
/* The case's person who is student id, or NULL. */
const struct pw_person *pw_case_person(const struct pw_case *c, int64_t student);
/* Whether a person of the case has one of the kind's roles. */
bool pw_kind_fits(const struct pw_kind *k, const struct pw_person *pp);

#endif
