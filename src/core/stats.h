/* The yearly evaluation's figures (PROTOCOL.md section 5: monitoring and
 * evaluation): signals and cases of one school year counted by the protocol's
 * forms, flags, cyber kinds, platforms, location, year, department and class;
 * suspicions against cases; escalations, consults, management brought in,
 * recurrences, sanctions by rung; median times in school days; overdue and
 * skipped steps. Earlier years are computed the same way, for comparison.
 *
 * Pure: the store gathers rows (struct pw_stats_signal, and each case through
 * pw_stats_case_digest), this module counts them and suppresses small numbers.
 * Every key comes from the loaded protocol definition or from the rows: no
 * key of a particular protocol is named here.
 *
 * Small numbers (k = PW_STATS_K). A count of 1..k-1 in a school's figures can
 * point at a student ("the one signal of class 2B on cyberbullying"), so it is
 * shown as "<5", never as the number. Hiding one cell is not enough when its
 * line has a total: the total minus the others gives it back. So the figures
 * are laid out as lines (each breakdown; where its cells add up to a shown
 * total, the total too; each class group under its year and its department,
 * with that cell), and every line that has a hidden cell gets a second one
 * hidden: the smallest shown non-zero cell of the line, else its total, else
 * its smallest zero. This repeats until no line has exactly one hidden cell
 * (a hidden total can open another line, so it runs to a fixed point). Zero is
 * shown: "nobody" identifies no one. A median over fewer than k cases is not
 * shown at all (null). */
#ifndef PW_CORE_STATS_H
#define PW_CORE_STATS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/casus.h"
#include "protocol/protocol.h"
#include "util/arena.h"
#include "util/buf.h"

/* The smallest count shown as a number. Five is the threshold Dutch
 * education statistics use for published counts about pupils (and what the
 * AVG's need-to-know asks of a school's own figures): below it, a class's
 * colleagues can often tell who is meant. */
#define PW_STATS_K 5

/* How many school years one report holds: the year asked and up to four
 * before it, enough to see a trend, bounded so a report's cost is too. */
#define PW_STATS_YEARS 5

/* The dimensions a signal or a case is counted by. A row carries, per
 * dimension, the distinct keys it has (a signal with two forms counts once
 * under each; with two targets in one class, once for that class). */
enum pw_stats_dim {
	PW_SD_VORM,         /* forms (the protocol's vormen) */
	PW_SD_FLAG,         /* flags: the flag's key (a yes/no flag, or any choice of a choice flag) */
	PW_SD_FLAG_CHOICE,  /* a choice flag's choice: "flag.choice" */
	PW_SD_CYBER,        /* cyber kinds */
	PW_SD_PLATFORM,     /* platforms */
	PW_SD_LOCATION,     /* where it happened, as written (trimmed, lower case): hotspots */
	PW_SD_LEERJAAR,     /* the year ("1".."8") of the classes of its targets and bullies */
	PW_SD_DEPARTMENT,   /* their departments ("" is left out) */
	PW_SD_CLASS,        /* their classes */
	PW_SD__MAX
};

/* A list of keys (strings live in the caller's arena). */
struct pw_stats_keys {
	const char **v;
	size_t n;
};

/* A class a row touches, to relate classes to their year and department. */
struct pw_stats_place {
	const char *class_name;
	int year;
	const char *department;
};

/* One signal filed in the school year. */
struct pw_stats_signal {
	const char *systematisch; /* ja, nee, onbekend (the API's words) */
	bool in_case;             /* it opened or joined a case (now) */
	struct pw_stats_keys dim[PW_SD__MAX];
	const struct pw_stats_place *places;
	size_t n_places;
};

/* One case opened in the school year, digested from its timeline. */
struct pw_stats_case {
	const char *start_level; /* the level it opened at */
	const char *level;       /* the level it is at now */
	bool closed;
	struct pw_stats_keys dim[PW_SD__MAX]; /* the union over its signals and people */
	const struct pw_stats_place *places;
	size_t n_places;
	struct pw_stats_keys raised_to;   /* levels above the start it was moved to (escalation, recurrence) */
	struct pw_stats_keys escalations; /* consult and bring-in escalation keys it had */
	bool consult, brought_in;         /* some consult (apc); some role brought in (mt) */
	bool recurrence;                  /* a recurrence after agreements (a signal, or an agreement that went on) */
	struct pw_stats_keys sanctions;   /* the rung of each sanction imposed (applied or approved), one per sanction */
	int first_step_days;              /* school days from opening to the first done step; -1 when none */
	int closing_days;                 /* school days from opening to closing; -1 when open */
	struct pw_stats_keys overdue;     /* steps overdue (a sanction's duty by its template key) */
	struct pw_stats_keys skipped;     /* steps skipped */
};

/* Turns a case as the engine sees it (c->p, persons with their class, the
 * timeline) into a row: levels, escalations, recurrence, sanctions, times
 * counted on cal, and the steps overdue as of asof (today, or a past year's
 * last day). The dimensions of its signals are the caller's to fill (from
 * the case's signals) and so are its people's classes (pw_stats_add_people).
 * Allocates in a. */
void pw_stats_case_digest(struct pw_arena *a, const struct pw_case *c, const struct pw_calendar *cal, pw_day asof,
			  struct pw_stats_case *out);

/* A student named in a signal or case, with their class in its school year. */
struct pw_stats_person {
	const char *rol;
	const char *class_name; /* NULL when not enrolled that year */
	int year;
	const char *department;
};

/* Adds the classes of the people of a row (targets and bullies: the
 * protocol's koppelen roles) to its year, department and class dimensions
 * and to its places, each class once. */
void pw_stats_add_people(struct pw_arena *a, const struct pw_protocol *p, const struct pw_stats_person *v, size_t n,
			 struct pw_stats_keys dim[PW_SD__MAX], const struct pw_stats_place **places, size_t *n_places);

/* Adds key to a key list once (a copy in a). */
void pw_stats_keys_add(struct pw_arena *a, struct pw_stats_keys *k, const char *key);

/* Adds the protocol-keyed parts of a signal as stored (its data JSON:
 * {vormen, flags: {key: true or choice}, cyber: {soorten, platforms}}) and
 * its location to a row's dimensions. */
void pw_stats_add_signal_data(struct pw_arena *a, json_t *data, const char *location,
			      struct pw_stats_keys dim[PW_SD__MAX]);

/* One cell of the figures. */
struct pw_stats_cell {
	const char *key;  /* "" for a total */
	int64_t count;
	bool suppressed;  /* shown as "<5" */
};

/* A measure: a total (one cell, key "") or a breakdown by key. */
struct pw_stats_measure {
	const char *name;           /* "signals", "signals.vorm", "cases.raised_to", ... */
	struct pw_stats_cell *cells;
	size_t n;
	bool breakdown;             /* an object of keys; else one total */
};

/* The figures of one school year. */
struct pw_stats_year {
	const char *schoolyear;     /* "2025-2026" */
	struct pw_stats_measure *m; /* in a fixed order */
	size_t n_m;
	double median_first_step;   /* school days; -1 when not shown (fewer than k cases) */
	double median_closing;
	int64_t n_first_step, n_closing; /* how many cases each median is over */
};

/* Counts the rows of one school year and suppresses small numbers. The keys
 * of p (forms, flags, cyber kinds, platforms, levels, escalations, rungs) are
 * listed even at zero, so years compare key by key. Allocates in a. */
void pw_stats_compute(struct pw_arena *a, const struct pw_protocol *p, const char *schoolyear,
		      const struct pw_stats_signal *sig, size_t ns, const struct pw_stats_case *cs, size_t nc,
		      struct pw_stats_year *out);

struct pw_survey_result;
/* Adds a survey of the school year as counted and suppressed by
 * core/survey.c (kind: veiligheid, protocol): the total "survey.KIND" (its
 * respondents, hidden when the survey is not shown) and the breakdown
 * "survey.KIND.answers" keyed "question.option"; a hidden cell counts 0.
 * Free-text questions have no cells. */
void pw_stats_add_survey(struct pw_arena *a, const char *kind, const struct pw_survey_result *res,
			 struct pw_stats_year *y);

/* One prevention task of one class in the school year (core/prevention.h),
 * as recorded: the mentor's work, not something about a student. */
struct pw_stats_prev_task {
	const char *activity; /* the definition's key */
	const char *status;   /* "done" or "skipped"; NULL while open */
	bool behind;          /* open and past its date on the year's as-of day (pw_prevention_overdue) */
};

/* Adds the prevention measures to a counted year: "prevention.classes",
 * "prevention.classes_behind", "prevention.tasks" (a total) and
 * "prevention.status" {done, skipped, behind, open}, "prevention.due" and
 * "prevention.done" (classes per activity of p that has class tasks).
 * class_of[i] is task i's class (any id), to count classes behind.
 *
 * None of these is suppressed: they count classes and colleagues, the
 * school's own work, never students, and those who read the figures see the
 * same per class and per colleague in the prevention overview. They are in
 * no suppression line either (no student count adds up to them). */
void pw_stats_add_prevention(struct pw_arena *a, const struct pw_protocol *p, const struct pw_stats_prev_task *t,
			     const int64_t *class_of, size_t n, size_t n_classes, struct pw_stats_year *y);

/* Adds "staff.protocol" {confirmed, not_confirmed}: colleagues who confirmed
 * the definition in force, as of today (so only the year asked has it). Not
 * suppressed, for the reason above. */
void pw_stats_add_staff(struct pw_arena *a, int64_t confirmed, int64_t not_confirmed, struct pw_stats_year *y);

/* Whether measure `name` counts students (and is suppressed), or classes and
 * staff (prevention.*, staff.*: never suppressed). For the reports' notes. */
bool pw_stats_about_students(const char *name);

/* A line for suppression: cells (indices into the counts) whose hidden
 * values could be recovered from each other, the line's total among them
 * where it has one. */
struct pw_stats_line {
	const size_t *cells;
	size_t n;
	size_t total; /* index of the line's total cell, or SIZE_MAX when none */
};

/* The suppression itself (see the top of this file): marks hidden[i] for
 * counts of 1..k-1, then complements until every line has none or at least
 * two hidden cells. Pure; hidden has n entries. */
void pw_stats_suppress(const int64_t *counts, size_t n, const struct pw_stats_line *lines, size_t nlines, int k,
		       bool *hidden);

/* The year and the earlier years (most recent first) as the API's JSON:
 * {schoolyear, k, signals, cases, "signals.vorm": {...}, ..., medians,
 * earlier: [{schoolyear, ...}]}; a hidden cell is "<5". A new reference. */
json_t *pw_stats_json(const struct pw_stats_year *y, const struct pw_stats_year *earlier, size_t n_earlier);

/* The same as CSV (schoolyear;measure;key;count), the year first, then the
 * earlier ones; with a header line. A median is a measure with key "" and
 * its days (or "-" when not shown). */
void pw_stats_csv(struct pw_buf *b, const struct pw_stats_year *y, const struct pw_stats_year *earlier,
		  size_t n_earlier);

#endif
