/* Who is asking, and whether they may: sessions (cookie + CSRF token),
 * API tokens (Bearer), login throttling, and the one access function. */
#ifndef PW_AUTH_AUTH_H
#define PW_AUTH_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/http.h"
#include "store/people.h"

/* Session lifetimes (seconds). A teacher steps away between lessons; a
 * session outlives a school day never. */
#define PW_SESSION_IDLE (2 * 3600)
#define PW_SESSION_ABSOLUTE (12 * 3600)

/* The user behind a request. Strings live in the request's arena. */
struct pw_actor {
	int64_t user_id;
	const char *login, *name, *lang;
	int64_t parent_id;         /* the parent record this staff member is, or 0 */
	struct pw_user_functie *functies;
	size_t nfuncties;
	int via_token;             /* authenticated by an API token, not a session */
	char csrf[64];             /* the session's CSRF token ("" for tokens) */
	unsigned char session[32]; /* hash of the session id (to log out) */
};

struct pw_role;
/* 1 when the actor plays role r (by a functie) at school_id. */
int pw_actor_has_role(const struct pw_actor *a, int64_t school_id, const struct pw_role *r);
/* 1 when the actor holds any functie at school_id. */
int pw_actor_has_school(const struct pw_actor *a, int64_t school_id);
/* 1 when the actor holds functie at any school (or at school_id when > 0). */
int pw_actor_has(const struct pw_actor *a, const char *functie, int64_t school_id);
/* Fills *out's account and functies from the account user_id (the fields a
 * session or token adds stay as they are); PW_EAUTH when it is gone or
 * disabled. */
struct pw_req;
enum pw_status pw_actor_load(struct pw_req *r, int64_t user_id, struct pw_actor *out, struct pw_err *err);
/* The school a staff member works at: the first that is not beheer alone. */
int64_t pw_actor_school(const struct pw_actor *a);
/* The (first) school the actor manages as beheerder (0: none); *schools counts the
 * schools they manage, so callers can ask which one when there are several. */
int64_t pw_actor_managed_school(const struct pw_actor *a, int *schools);

/* Identifies the request's user from `Authorization: Bearer` or the session
 * cookie. PW_EAUTH when there is none (or it expired). For the API, a cookie
 * counts only with a matching X-CSRF-Token header (csrf_header = 1). */
enum pw_status pw_auth_request(struct pw_req *r, struct pw_actor *out, int csrf_header, struct pw_err *err);
/* Checks a form's csrf field against the session's token. */
int pw_auth_csrf_ok(const struct pw_actor *a, const char *form_value);

/* Starts a new session for user_id (a new id every login: no fixation); ends
 * any session the request already carried; sets the cookie. */
enum pw_status pw_auth_login(struct pw_req *r, int64_t user_id, struct pw_err *err);
/* Ends the request's session and clears the cookie. */
void pw_auth_logout(struct pw_req *r, const struct pw_actor *a);
/* The name of the session cookie (with __Host- behind TLS). */
const char *pw_auth_cookie_name(const struct pw_req *r);
/* A cookie's value from the request, or NULL. */
const char *pw_req_cookie(struct pw_req *r, const char *name);

/* Makes a random secret: 32 bytes, base64url (43 chars) into out (>= 48). */
void pw_auth_secret(char *out, size_t n);
/* SHA-256 of a secret. */
void pw_auth_hash(const char *secret, unsigned char out[32]);
/* Creates an API token for user_id; writes the secret (shown once) into out. */
enum pw_status pw_auth_token_create(struct pw_store *s, int64_t user_id, const char *name, char *out, size_t n,
				    int64_t *id, struct pw_err *err);

/* ---- login throttling (in memory, per account and per address) ---- */

#define PW_THROTTLE_ACCOUNT 3  /* free failed tries per account */
#define PW_THROTTLE_ADDRESS 20 /* per address: a school's staff may share one */

/* 0 when an attempt may be made now; else the seconds to wait (answer 429). */
int pw_throttle_wait(const char *key, int free);
void pw_throttle_fail(const char *key);
void pw_throttle_clear(const char *key);
/* The throttle key of the request's address for the anonymous channels:
 * prefix and a keyed hash under a key made at start and never stored, so not
 * even memory holds the address. */
void pw_throttle_addr_key(struct pw_req *r, const char *prefix, char *out, size_t n);

/* ---- the one access function ---- */

enum pw_action {
	PW_ACT_ADMIN,        /* manage accounts, imports, school years (beheerder) */
	PW_ACT_STUDENT_FIND, /* find students of one's school(s) to file a signal (all staff) */
	PW_ACT_SIGNAL_FILE,  /* file a signal (all staff) */
};

/* ---- cases (PROTOCOL.md section 6) ---- */

struct pw_protocol;
struct pw_step;

/* What access to a case depends on, gathered by the caller from the store. */
struct pw_case_facts {
	int64_t case_id, school_id, owner_id;
	const char *level;        /* the case's level key */
	const char *department;   /* of the target's class ("" when none) */
	const int64_t *mentors;   /* mentors of the targets' and bullies' classes, opening year and now */
	size_t n_mentors;
	const int64_t *reporters; /* accounts whose signals joined the case */
	size_t n_reporters;
	const int64_t *consulted; /* accounts consulted on the case */
	size_t n_consulted;
	const int64_t *referred;  /* accounts the case (a student of it) was referred to */
	size_t n_referred;
	const int64_t *parents;   /* accounts that are a parent of a student in the case */
	size_t n_parents;
};

enum pw_case_view {
	PW_VIEW_NONE,     /* as if the case did not exist */
	PW_VIEW_REFERRAL, /* what was referred, and one's own entries */
	PW_VIEW_REDUCED,  /* status, level, owner and one's own signals and notes */
	PW_VIEW_FULL,
};

enum pw_case_act {
	PW_CASE_READ,
	PW_CASE_NOTE,        /* add a note (or advice, or one's own entries) */
	PW_CASE_SIGNAL,      /* add a signal to it */
	PW_CASE_WORK,        /* conversations, parent contacts, agreements, referrals, evaluations */
	PW_CASE_STEP,        /* complete `step` (set in the call) */
	PW_CASE_SKIP,        /* skip a step */
	PW_CASE_ESCALATE,    /* escalate, consult, bring in */
	PW_CASE_OWNER,       /* reassign the owner */
	PW_CASE_CLOSE,
	PW_CASE_SANCTION,    /* propose or apply a sanction (which rung: pw_access_rung) */
	PW_CASE_DECIDE,      /* decide on a proposed sanction (which rung: pw_access_rung) */
	PW_CASE_DEVIATE,     /* record a deviation from the protocol (the definition's `afwijken`) */
};

/* Whether the actor reads all of a school's cases and suspicions by a
 * functie (Lekpoort: clz, mt), not just those of their classes. */
bool pw_reads_school(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id);
/* Whether one of the actor's functies at the school leads or works on cases
 * (more than filing signals and notes): they get a task list. */
bool pw_works_cases(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id);
/* Whether the actor may read the audit log at school_id (a functie with `audit`). */
bool pw_reads_audit(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id);
/* Whether the beheerder of school_id manages an account whose functies are
 * f[0..n): only one with a functie at that school. An account without any
 * (a parent's, staff not placed yet) is the operator's, on the command line. */
bool pw_manages_account(int64_t school_id, const struct pw_user_functie *f, size_t n);
/* Whether the actor keeps confidential entries (a functie with `vertrouwelijk`). */
bool pw_keeps_confidential(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id);
/* Whether the actor reads the school's monitoring figures (a functie with `cijfers`). */
bool pw_reads_figures(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id);
/* How much of the case the actor sees. */
enum pw_case_view pw_case_view(const struct pw_actor *a, const struct pw_protocol *p, const struct pw_case_facts *f);
/* Whether the actor may do act on the case: PW_OK; PW_ENOTFOUND when they
 * may not know it exists; PW_EFORBID (with who may) otherwise. step is the
 * step for PW_CASE_STEP, else NULL. */
enum pw_status pw_access_case(const struct pw_actor *a, const struct pw_protocol *p, const struct pw_case_facts *f,
			      enum pw_case_act act, const struct pw_step *step, struct pw_err *err);

struct pw_rung;
/* Whether the actor may propose or apply (decide false) or decide (decide
 * true) this rung on the case: the rung's `door` roles, the case's owner
 * where the rung allows it after consulting them, and on a case with a
 * deviation (deviation true) the definition's deviation role; a decision is
 * the rung's `besluit` role's. PW_OK, PW_ENOTFOUND or PW_EFORBID saying who may. */
enum pw_status pw_access_rung(const struct pw_actor *a, const struct pw_protocol *p, const struct pw_case_facts *f,
			      const struct pw_rung *rung, bool decide, bool deviation, struct pw_err *err);

/* Decides whether actor may do act (on school_id, 0 for any of theirs).
 * PW_OK, or PW_EFORBID with a message saying which functie may. Every access
 * decision in the program goes through here. */
enum pw_status pw_access(const struct pw_actor *actor, enum pw_action act, int64_t school_id, struct pw_err *err);

/* ---- reports by students and parents (PROTOCOL.md section 6) ---- */

enum pw_report_act {
	PW_REPORT_READ,     /* read the school's reports and their threads (a functie with `meldingen`) */
	PW_REPORT_REPLY,    /* answer the reporter (`meldingen`) */
	PW_REPORT_CLASSIFY, /* judge it plagen or geen_pesten (`meldingen`) */
	PW_REPORT_PASS,     /* pass it to those who take reports on (`meldingen` without taking them on: the apc) */
	PW_REPORT_CASE,     /* open a case from it, attach it, see its case (`meldingen` and reads the school's cases: the CLZ) */
	PW_REPORT_ENTER,    /* enter one received by phone or in person (every staff member, as for a signal) */
};

/* Whether the actor may do act on the reports of school_id: PW_OK, or
 * PW_EFORBID naming the functies that may (from the definition). */
enum pw_status pw_access_report(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id,
				enum pw_report_act act, struct pw_err *err);
/* Whether a functie reads reports (`toegang.meldingen`). */
bool pw_functie_reads_reports(const struct pw_protocol *p, const char *functie);
/* Whether a functie takes reports on to cases (reads reports and the
 * school's cases: Lekpoort's clz); they are told when one is passed on. */
bool pw_functie_takes_reports(const struct pw_protocol *p, const char *functie);

/* ---- the prevention calendar (PROTOCOL.md section 4) ---- */

enum pw_prev_act {
	PW_PREV_READ,     /* a class's activities: its mentors, and the functies with `cijfers` */
	PW_PREV_RECORD,   /* mark a class's activity done or skipped: its mentors */
	PW_PREV_OVERVIEW, /* the school's classes behind and who confirmed: the functies with `cijfers` */
	PW_PREV_CONFIRM,  /* confirm knowing the protocol in force: every staff member */
};

/* Whether the actor may do act at school_id; mentors are the class's (two,
 * 0 when none; ignored for the overview and confirming). PW_OK; for a class
 * PW_ENOTFOUND when they may not know it (as a case they may not see);
 * PW_EFORBID saying who may otherwise. */
enum pw_status pw_access_prevention(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id,
				    const int64_t mentors[2], enum pw_prev_act act, struct pw_err *err);
/* Whether holding functie makes one a colleague who confirms the protocol:
 * every staff functie, not the beheerder's, whose role is the application. */
bool pw_functie_confirms_protocol(const char *functie);

/* ---- the yearly surveys (issue 8) ---- */

enum pw_survey_act {
	PW_SURVEY_READ,     /* list surveys, read counted results, the monitor summary: the functies with `cijfers` */
	PW_SURVEY_MANAGE,   /* create, choose questions, open and close, make codes: the apc (see access.c) */
	PW_SURVEY_FREETEXT, /* read free-text answers: the apc only */
};

/* Whether the actor may do act on the surveys of school_id: PW_OK, or
 * PW_EFORBID saying who may. */
enum pw_status pw_access_survey(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id,
				enum pw_survey_act act, struct pw_err *err);

#endif
