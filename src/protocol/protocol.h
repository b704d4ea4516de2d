/* Protocol definitions: a school's anti-bullying protocol as data.
 *
 * A definition is a YAML file (docs/protocol-format.md) that says everything
 * the engine needs: roles and the functies that play them, levels and who
 * owns a case at each, steps and what completes them, the rules for joining,
 * recurrence, reopening and crossing the class, the sanction ladder and its
 * legal duties, conversation kinds and guides, cyberbullying, checklists, the
 * prevention calendar, access rules and the protocol's own prose.
 *
 * Ownership: pw_protocol_load_* returns a protocol that owns all of its
 * memory (one arena); every pointer inside it lives until pw_protocol_free.
 * A loaded protocol is never modified, so any number of threads may read it
 * at once without locks. Loading either succeeds whole or returns NULL with
 * the error filled in: a broken file never half-loads.
 *
 * Keys are ASCII snake_case (step keys have one dot: "mentor.gesprek_gepeste").
 * Titles are Dutch (titel) with an optional English title (title_en, NULL
 * when the file gives none). Prose (tekst/omschrijving) is Dutch in a small
 * plain-text markup: blank lines separate paragraphs, lines starting with
 * "- " are bullets, "1. " numbered items. */
#ifndef PW_PROTOCOL_PROTOCOL_H
#define PW_PROTOCOL_PROTOCOL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* The format version this code reads (top-level `pestwijzer_protocol`). */
#define PW_PROTOCOL_FORMAT 1

/* Files larger than this are refused before parsing (a real one is ~100 KiB). */
#define PW_PROTOCOL_MAX_BYTES (4u << 20)

struct pw_role;
struct pw_level;
struct pw_step;
struct pw_kind;

/* A list of keyed items that point into the protocol. */
#define PW_LIST(type, name) \
	const type **name;  \
	size_t n_##name

/* ---- staff ---------------------------------------------------------- */

/* What a functie may read (PROTOCOL.md section 6). */
enum pw_read_scope {
	PW_READ_NONE,        /* geen: no case at all (beheerder) */
	PW_READ_OWN_SIGNALS, /* eigen_meldingen: reduced view of the cases their signals joined */
	PW_READ_CLASSES,     /* klassen: cases with a target or bully in a class they mentor */
	PW_READ_DEPARTMENT,  /* afdeling: all cases of their department (else of the school) */
	PW_READ_SCHOOL,      /* school: all cases of their school */
	PW_READ_CONSULTED,   /* geconsulteerd: cases they were consulted on */
	PW_READ_REFERRED,    /* doorverwezen: only what was referred to them */
};

/* What a functie may do on a case it may read, beyond a step's `wie`. */
enum pw_act_scope {
	PW_ACT_NONE,          /* geen */
	PW_ACT_SIGNALS_NOTES, /* meldingen_en_notities: signals and notes on cases their signals joined */
	PW_ACT_OWNER_CLASS,   /* eigenaar_en_klas: the owner and the class's other mentor */
	PW_ACT_READABLE,      /* leesbaar: every case they may read */
	PW_ACT_ALL,           /* alle: every case of the school */
	PW_ACT_ADVICE,        /* advies: advice on the timeline of a consulted case */
	PW_ACT_OWN_ENTRIES,   /* eigen_aantekeningen: their own entries on a referred case */
};

struct pw_access {
	enum pw_read_scope read;
	enum pw_act_scope act;
	bool figures;      /* cijfers: reads the monitoring figures */
	bool audit;        /* audit: reads the audit log */
	bool reports;      /* meldingen: reads and answers reports of students and parents */
	bool confidential; /* vertrouwelijk: keeps confidential entries no one else reads */
};

/* A staff function (functie); an account has one or more. */
struct pw_functie {
	const char *key, *titel, *title_en;
	const char *omschrijving; /* prose, may be NULL */
	struct pw_access access;
};

/* A role that acts in the protocol (owns a level, completes steps, decides
 * sanctions), played by accounts with any of its functies. */
struct pw_role {
	const char *key, *titel, *title_en;
	const char *omschrijving;
	PW_LIST(struct pw_functie, functies);
};

/* A person's role in a bullying situation (rol), per person in a case. */
struct pw_sitrole {
	const char *key, *titel, *title_en;
	const char *omschrijving;
};

/* ---- levels, escalations, steps -------------------------------------- */

enum pw_owner_scope {
	PW_OWNER_CLASS,      /* klas: a holder of the role for the class of `of` (the first) */
	PW_OWNER_DEPARTMENT, /* afdeling: of the department of `of`'s class, else the school's */
	PW_OWNER_SCHOOL,     /* school: the school's holder of the role */
};

struct pw_level {
	const char *key, *titel, *title_en;
	const char *omschrijving;
	size_t index;                /* position in pw_protocol.levels: higher is later */
	const struct pw_role *owner; /* the role that owns a case at this level */
	enum pw_owner_scope owner_scope;
	const struct pw_sitrole *owner_of; /* whose class decides the owner (gepeste) */
	const struct pw_level *next;       /* where an escalation or recurrence takes it; NULL at the top */
	PW_LIST(struct pw_step, steps);    /* this level's steps, in `volgorde` */
};

enum pw_esc_kind {
	PW_ESC_LEVEL,   /* niveau: moves the case to a level; a new owner */
	PW_ESC_CONSULT, /* consult: asks a role for advice; the owner stays */
	PW_ESC_BRING_IN /* inschakelen: brings a role in (management); the owner stays */
};

/* An escalation target (API: escalations `to`). */
struct pw_escalation {
	const char *key, *titel, *title_en;
	const char *omschrijving;
	enum pw_esc_kind kind;
	const struct pw_level *level; /* PW_ESC_LEVEL */
	const struct pw_role *role;   /* the role asked or brought in (the level's owner for PW_ESC_LEVEL) */
	PW_LIST(struct pw_role, by);  /* roles that may escalate; empty: the case's owner */
	bool owner_may;               /* `door` lists eigenaar */
	bool reason_required;
};

/* A referral target (API: referrals `to`). */
struct pw_referral {
	const char *key, *titel, *title_en;
	const char *omschrijving;
	const struct pw_role *role; /* receiver who gets access; NULL for advice only (politie) */
};

enum pw_step_kind {
	PW_STEP_LEVEL,    /* niveau: part of a level's plan */
	PW_STEP_CYBER,    /* cyber: added to a case that has cyber kinds, at any level */
	PW_STEP_SANCTION, /* sanctie: a template, instantiated per sanction ("key:ID") */
};

enum pw_need {
	PW_NEED_REQUIRED, /* verplicht */
	PW_NEED_ADVISED,  /* advies: "ook goed om" */
	PW_NEED_OPTIONAL, /* optioneel: "zo nodig", "eventueel", situation-dependent */
};

enum pw_due_from {
	PW_DUE_NONE,     /* no due time */
	PW_DUE_SIGNAL,   /* melding: the filing of the signal that opened the case */
	PW_DUE_LEVEL,    /* niveau: the case reaching the step's level */
	PW_DUE_FIRST_OF, /* eerste_van: the first of `steps` done or skipped */
	PW_DUE_LAST_OF,  /* laatste_van: the later of `steps`, all done or skipped */
	PW_DUE_DECISION, /* besluit: the decision on the step's sanction */
};

struct pw_due {
	enum pw_due_from from;
	int school_days; /* counted from the day after the event */
	PW_LIST(struct pw_step, steps);
};

enum pw_done_by {
	PW_DONE_MANUAL,        /* handmatig: marked done by hand */
	PW_DONE_CONVERSATION,  /* gesprek: a conversation of one of `kinds` */
	PW_DONE_PARENT_CONTACT,/* oudercontact: a parent contact for each student of `about` */
	PW_DONE_REFERRAL,      /* doorverwijzing: a referral to one of `referrals` */
	PW_DONE_ESCALATION,    /* escalatie: the escalation `escalation` */
	PW_DONE_SANCTION,      /* sanctie: a sanction recorded on the case */
};

struct pw_step {
	const char *key, *titel, *title_en;
	const char *tekst; /* the protocol's prose for this step */
	enum pw_step_kind kind;
	const struct pw_level *level; /* PW_STEP_LEVEL only */
	int order;                    /* volgorde within its level or group */
	PW_LIST(struct pw_step, after);   /* na: prerequisites, done or skipped first */
	enum pw_need need;
	PW_LIST(struct pw_role, who);     /* wie: roles that may complete it */
	bool owner_may;                   /* wie lists eigenaar: the case's owner may */
	PW_LIST(struct pw_sitrole, about);/* betreft: done when each such student had it */
	struct pw_due due;
	enum pw_done_by done_by;
	PW_LIST(struct pw_kind, kinds);            /* PW_DONE_CONVERSATION */
	PW_LIST(struct pw_referral, referrals);    /* PW_DONE_REFERRAL */
	const struct pw_escalation *escalation;    /* PW_DONE_ESCALATION */
};

/* ---- conversations and guides ---------------------------------------- */

struct pw_question {
	const char *key;
	const char *vraag;       /* the question, as asked */
	const char *toelichting; /* hint for the interviewer, may be NULL */
};

struct pw_guide_part {
	const char *titel;
	const char *tekst; /* prose before the questions, may be NULL */
	const struct pw_question *questions;
	size_t n_questions;
};

struct pw_guide {
	const char *key, *titel, *title_en;
	const char *bijlage; /* "1", "2"...: the appendix it is in the original, may be NULL */
	const char *inleiding;
	const struct pw_guide_part *parts;
	size_t n_parts;
};

struct pw_kind {
	const char *key, *titel, *title_en;
	const char *omschrijving;
	PW_LIST(struct pw_sitrole, with); /* met: whom it is with; empty when `klas` */
	bool whole_class;                 /* met: klas */
	bool parent_contact;              /* counts as a parent contact */
	bool agreements;                  /* agreements may be made in it */
	const struct pw_guide *guide;     /* may be NULL */
};

/* ---- sanctions ------------------------------------------------------- */

enum pw_rung_kind {
	PW_RUNG_TALK,       /* gesprek */
	PW_RUNG_SUSPENSION, /* schorsing: has a length in school days */
	PW_RUNG_REMOVAL,    /* verwijdering */
	PW_RUNG_OTHER,      /* anders */
};

struct pw_rung {
	const char *key, *titel, *title_en;
	const char *omschrijving;
	size_t index;                 /* position on the ladder; needs index-1 first */
	enum pw_rung_kind kind;
	PW_LIST(struct pw_role, by);  /* door: roles that apply or propose it */
	bool owner_after_consult;     /* the case's owner may apply it after consulting `by` */
	const struct pw_role *decides;/* besluit: NULL when applied at once, else decided by this role */
	int min_days, max_days;       /* PW_RUNG_SUSPENSION: length in school days */
	PW_LIST(struct pw_step, before_decision); /* plichten.voor_besluit: done before approving */
	PW_LIST(struct pw_step, on_approval);     /* plichten.na_besluit: opened when approved */
	PW_LIST(struct pw_step, in_effect_after); /* plichten.van_kracht_na: applied once these are done */
	const char **heard;           /* horen: who must be heard before the decision */
	size_t n_heard;
};

struct pw_sanctions {
	const char *tekst;
	int window_years;         /* venster_schooljaren: 2 = the current and the previous */
	int suspension_max_days;  /* wet.schorsing_max_schooldagen */
	int report_above_days;    /* wet.inspectie_melden_boven_schooldagen */
	/* wet.melden_stap: the duty opened for an approved suspension longer
	 * than report_above_days, whatever its rung; NULL when none. */
	const struct pw_step *report_step;
	bool written_notice;      /* wet.schriftelijk */
	const char *wet_tekst;    /* the law, in words */
	const struct pw_rung *rungs;
	size_t n_rungs;
};

/* ---- signal vocabulary ----------------------------------------------- */

struct pw_item {
	const char *key, *titel, *title_en;
	const char *omschrijving;
};

/* A form of bullying (vorm). */
struct pw_form {
	const char *key, *titel, *title_en;
	const char *omschrijving;
};

struct pw_flag {
	const char *key, *titel, *title_en;
	const char *omschrijving;
	bool choice;                 /* keuze: one of `choices` (or none); else yes/no */
	const struct pw_item *choices;
	size_t n_choices;
};

struct pw_cyber_kind {
	const char *key, *titel, *title_en;
	const char *omschrijving;
	bool no_evidence; /* geen_bewijs: the product accepts no upload at all on such a case */
};

struct pw_platform {
	const char *key, *titel;
	bool free_text; /* vrije_tekst: "anders", named in words */
};

struct pw_cyber {
	const char *tekst;
	const struct pw_cyber_kind *kinds;
	size_t n_kinds;
	const struct pw_platform *platforms;
	size_t n_platforms;
	const struct pw_item *advice; /* adviezen, by severity */
	size_t n_advice;
	const char *no_evidence_msg;  /* shown when an upload is refused */
};

struct pw_checklist {
	const char *key, *titel, *title_en;
	const struct pw_sitrole *role; /* about whom */
	const struct pw_item *items;
	size_t n_items;
};

/* ---- rules ----------------------------------------------------------- */

enum pw_eval_effect {
	PW_EVAL_DONE,     /* afgerond: the agreement is met */
	PW_EVAL_AGAIN,    /* opnieuw: stays open, evaluated again */
	PW_EVAL_RECURRED, /* herhaling: counts as a recurrence */
};

struct pw_eval_outcome {
	const char *key, *titel, *title_en;
	enum pw_eval_effect effect;
};

struct pw_rules {
	const struct pw_level *start;        /* start_niveau */
	/* verdenking: signals judged not (yet) systematic open no case */
	int pattern_count, pattern_weeks;    /* ask about a pattern at N in W weeks */
	PW_LIST(struct pw_sitrole, join);    /* koppelen: a signal joins when it names each */
	bool recur_after_agreements;         /* herhaling.na_afspraken */
	const struct pw_level *recur_to;     /* herhaling.naar_niveau */
	int reopen_years;                    /* heropenen.schooljaren: 2 = closing year or the next */
	const struct pw_level *reopen_at;    /* heropenen.niveau */
	PW_LIST(struct pw_sitrole, crossing);/* klasoverstijgend.rollen */
	const struct pw_level *crossing_at;  /* klasoverstijgend.niveau */
	const struct pw_level *direct_at;    /* direct_hoger.niveau: a signal sent straight up (naar_clz) */
	int agreement_days;                  /* afspraken.evalueren_na_schooldagen */
	int agreement_again_days;            /* afspraken.opnieuw_na_schooldagen */
	const struct pw_eval_outcome *outcomes;
	size_t n_outcomes;
	/* mt_advies: signals that make the case advise bringing in a role */
	const struct pw_escalation *advice_escalation;
	PW_LIST(struct pw_form, advice_forms);
	PW_LIST(struct pw_flag, advice_flags);
	const char *advice_tekst;
	/* who may skip a step, close a case, reassign the owner */
	PW_LIST(struct pw_role, skip_by);
	bool skip_owner;
	PW_LIST(struct pw_role, close_by);
	bool close_owner;
	PW_LIST(struct pw_role, reassign_by);
	/* afwijken: deviation from the protocol in very serious cases */
	const struct pw_role *deviation_by;
	const char *deviation_tekst;
	const char *meldcode_tekst; /* where a signal suggests domestic violence or abuse */
};

/* ---- prevention, access, prose --------------------------------------- */

struct pw_moment {
	const char *wanneer; /* in words */
	const int *years;    /* leerjaren (empty: all) */
	size_t n_years;
	int week;            /* schoolweek, 0 when not fixed */
	const char *before;  /* voor: the key of an activity this comes before, or NULL */
	bool advised;        /* "fijn als": a wish, not a must */
};

struct pw_prevention {
	const char *key, *titel, *title_en;
	const char *tekst;
	const struct pw_role *who; /* may be NULL */
	bool confirm;              /* bevestigen: each colleague confirms it */
	bool ongoing;              /* doorlopend: the whole year */
	const struct pw_moment *moments;
	size_t n_moments;
	const char *url;           /* a link (lesson ideas, the memo), may be NULL */
};

struct pw_access_rules {
	bool attention_for_all;  /* every staff member sees "let op" and the owner */
	bool parent_excluded;    /* a staff member who is a parent is kept out */
	bool hidden_is_missing;  /* a case one may not see answers as if it did not exist */
	bool classes_open_year;  /* klassen: also in the school year the case was opened */
};

/* The blocks of structured content the renderer can place in a chapter. */
struct pw_chapter {
	const char *key, *titel;
	const char *tekst;
	const char **blocks; /* invoegen: vormen, situatierollen, niveaus, ... */
	size_t n_blocks;
};

struct pw_protocol {
	struct pw_arena arena; /* owns everything below */
	int format;            /* pestwijzer_protocol */
	const char *id;        /* "lekpoort" */
	const char *versie;    /* the school's version of its protocol */
	const char *naam;      /* the protocol's title */
	const char *school;
	const char *schooltype; /* po, vo, so, mbo */
	const char *vastgesteld;/* adopted on, YYYY-MM-DD or NULL */
	const char *source;     /* the file name it was loaded from */

	const struct pw_functie *functies; size_t n_functies;
	const struct pw_role *roles; size_t n_roles;
	const struct pw_sitrole *sitroles; size_t n_sitroles;
	const struct pw_level *levels; size_t n_levels;
	const struct pw_escalation *escalations; size_t n_escalations;
	const struct pw_referral *referrals; size_t n_referrals;
	const struct pw_step *steps; size_t n_steps; /* in file order */
	const struct pw_kind *kinds; size_t n_kinds;
	const struct pw_guide *guides; size_t n_guides;
	const struct pw_form *forms; size_t n_forms;
	const struct pw_flag *flags; size_t n_flags;
	const struct pw_checklist *checklists; size_t n_checklists;
	const struct pw_prevention *prevention; size_t n_prevention;
	const struct pw_chapter *chapters; size_t n_chapters;
	struct pw_sanctions sanctions;
	struct pw_cyber cyber;
	struct pw_rules rules;
	struct pw_access_rules access;
};

/* ---- loading --------------------------------------------------------- */

/* Reads and validates a definition file. NULL on error, with err filled:
 * err->line is the 1-based line (0 when the error is about the whole file)
 * and err->msg reads "FILE:LINE: what is wrong. What to do." */
struct pw_protocol *pw_protocol_load_file(const char *path, struct pw_err *err);
/* The same from memory; `name` stands for the file name in messages. The
 * text need not be NUL-terminated. */
struct pw_protocol *pw_protocol_load_buffer(const char *text, size_t len, const char *name, struct pw_err *err);
void pw_protocol_free(struct pw_protocol *p);

/* ---- lookups by key (NULL when the key is not in this protocol) ------- */

const struct pw_functie *pw_protocol_functie(const struct pw_protocol *p, const char *key);
const struct pw_role *pw_protocol_role(const struct pw_protocol *p, const char *key);
const struct pw_sitrole *pw_protocol_sitrole(const struct pw_protocol *p, const char *key);
const struct pw_level *pw_protocol_level(const struct pw_protocol *p, const char *key);
const struct pw_escalation *pw_protocol_escalation(const struct pw_protocol *p, const char *key);
const struct pw_referral *pw_protocol_referral(const struct pw_protocol *p, const char *key);
const struct pw_step *pw_protocol_step(const struct pw_protocol *p, const char *key);
const struct pw_kind *pw_protocol_kind(const struct pw_protocol *p, const char *key);
const struct pw_guide *pw_protocol_guide(const struct pw_protocol *p, const char *key);
const struct pw_question *pw_guide_question(const struct pw_guide *g, const char *key);
const struct pw_rung *pw_protocol_rung(const struct pw_protocol *p, const char *key);
const struct pw_form *pw_protocol_form(const struct pw_protocol *p, const char *key);
const struct pw_flag *pw_protocol_flag(const struct pw_protocol *p, const char *key);
const struct pw_item *pw_flag_choice(const struct pw_flag *f, const char *key);
const struct pw_cyber_kind *pw_protocol_cyber_kind(const struct pw_protocol *p, const char *key);
const struct pw_platform *pw_protocol_platform(const struct pw_protocol *p, const char *key);
const struct pw_checklist *pw_protocol_checklist(const struct pw_protocol *p, const char *key);
/* A checklist item by key in any checklist (the API's `signalen`). */
const struct pw_item *pw_protocol_signal_item(const struct pw_protocol *p, const char *key);
const struct pw_eval_outcome *pw_protocol_outcome(const struct pw_protocol *p, const char *key);
const struct pw_prevention *pw_protocol_prevention(const struct pw_protocol *p, const char *key);

/* A step by the key of a step on a case: "mentor.gesprek_gepeste" or, for a
 * sanction's duty, "sanctie.inspectie_melden:12". Returns the step (the
 * template for a duty) and sets *sanction_id to 12, or to 0 when the key has
 * no id. NULL when the key is malformed, unknown, or has an id on a step that
 * is not a sanction template (or lacks one on a template). */
const struct pw_step *pw_protocol_step_instance(const struct pw_protocol *p, const char *key, long long *sanction_id);

/* Whether a role is played by the functie `functie` in this protocol. */
bool pw_role_has_functie(const struct pw_role *r, const char *functie);

/* Whether storing evidence is refused for a case with these cyber kinds. */
bool pw_protocol_forbids_evidence(const struct pw_protocol *p, const char *const *cyber_kinds, size_t n);

/* Dutch and English names of enum values, as in the file and the JSON. */
const char *pw_need_key(enum pw_need n);
const char *pw_step_kind_key(enum pw_step_kind k);
const char *pw_due_from_key(enum pw_due_from f);
const char *pw_done_by_key(enum pw_done_by d);

/* ---- output ---------------------------------------------------------- */

/* The whole definition as JSON (GET /api/v1/protocol); a new reference. */
json_t *pw_protocol_to_json(const struct pw_protocol *p);

/* The document a school publishes: a standalone HTML page in Dutch, drawn
 * from the definition, that prints well. Appended to `out`. */
void pw_protocol_render_html(const struct pw_protocol *p, struct pw_buf *out);

/* `pestwijzer protocol check FILE | render FILE [--out PATH] | show --json
 * FILE | --help`; argv[0] is "protocol". Returns the exit code: 0, 1 (bad
 * input), 2 (usage). */
int pw_protocol_cli(int argc, char **argv);

#endif
