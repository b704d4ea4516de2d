/* The yearly surveys (issue 8): the question bank, checking a respondent's
 * answers, and counting them with small numbers suppressed; and the summary
 * of the social-safety monitor that the Wet veiligheid op school asks a
 * school to send the Inspectie by 1 July.
 *
 * Two kinds: `veiligheid`, students' social safety, in the spirit of the
 * common Dutch monitors (feeling safe, bullied in the last months and how
 * often, online or not, where, told anyone, did it stop), and `protocol`,
 * students and parents on the protocol itself (known, followed, what should
 * change). A standard question has a stable key, fixed words and a fixed
 * scale, so a key means the same thing every year and years compare by key:
 * a school may leave standard questions out, never reword them. Its own
 * questions have keys of their own ("eigen_...") on one of the same scales.
 *
 * Pure: no I/O. Strings of results live in the caller's arena; the bank is
 * static. */
#ifndef PW_CORE_SURVEY_H
#define PW_CORE_SURVEY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/http.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* How many codes one request makes: a large school's year at once. */
#define PW_SURVEY_CODES_MAX 2000
/* Own questions a survey may add: a few, so it stays short for a child. */
#define PW_SURVEY_OWN_MAX 5
/* A free-text answer: a few sentences. */
#define PW_SURVEY_TEXT_MAX 1000
/* An own question's wording. */
#define PW_SURVEY_QTEXT_MAX 300
/* Own keys: "eigen_" and up to 24 of a-z, 0-9, _. */
#define PW_SURVEY_KEY_MAX 30

/* A code: 12 letters in three groups of four, from 22 letters without I, L,
 * O and U (nothing that reads as a digit or another letter). 22^12 is about
 * 2^53: guessing one of a school's codes over a rate-limited form is hopeless,
 * and a child types it from a paper slip. */
#define PW_SURVEY_CODE_CHARS 12
#define PW_SURVEY_CODE_SHOWN 14
extern const char PW_SURVEY_CODE_ALPHABET[]; /* 22 letters */

struct pw_survey_option {
	const char *key, *text, *text_en;
};

struct pw_survey_scale {
	const char *key;                        /* veiligheid, frequentie, ja_nee, ... */
	const struct pw_survey_option *options; /* none for free text */
	size_t n;
	bool multiple; /* several options may be chosen */
	bool text;     /* a free-text answer */
};

struct pw_survey_question {
	const char *key;
	const char *kind; /* "veiligheid" or "protocol"; NULL for a school's own */
	const char *text, *text_en;
	const char *hint; /* words for a child under the question, or NULL */
	const struct pw_survey_scale *scale;
	/* Asked only when this question was answered with something else than
	 * "nee" (the follow-ups of being bullied); NULL: always. */
	const char *only_if;
};

/* The survey kinds, NULL-terminated. */
extern const char *const pw_survey_kinds[];
bool pw_survey_kind_valid(const char *kind);
/* Dutch name of a kind ("Sociale veiligheid (leerlingen)"). */
const char *pw_survey_kind_title(const char *kind);

/* The standard questions of every kind, in the order asked. */
const struct pw_survey_question *pw_survey_bank(size_t *n);
/* A standard question by key, or NULL. */
const struct pw_survey_question *pw_survey_standard(const char *key);
/* A scale by key, or NULL. */
const struct pw_survey_scale *pw_survey_scale(const char *key);
/* An option of a scale by key, or NULL. */
const struct pw_survey_option *pw_survey_option(const struct pw_survey_scale *s, const char *key);
/* Whether key is a valid key for a school's own question: "eigen_" and
 * 1..24 of [a-z0-9_]. */
bool pw_survey_own_key_valid(const char *key);

/* One answer: a question's key and a value (an option's key, or the text).
 * A question with several options chosen has one answer per option. */
struct pw_survey_answer {
	const char *key, *value;
};

/* Checks a respondent's answers ({key: "option"}, {key: ["a", "b"]} for a
 * question with several, {key: "text"} for free text) against the survey's
 * questions. Unknown keys, options outside the scale, a list for a single
 * choice, text too long or not text: PW_EINVAL naming the field
 * ("answers.key"). Empty answers are left out; follow-ups of a question
 * answered "nee" are dropped (the paper form says "sla over als ..."); no
 * answer at all is refused. Values point into j or the bank. */
enum pw_status pw_survey_check(struct pw_arena *a, const struct pw_survey_question *qs, size_t nq, json_t *answers,
			       struct pw_survey_answer **out, size_t *n, struct pw_err *err);

/* The answers of a posted form (fields "q.KEY", repeated for several) as
 * the JSON object pw_survey_check reads; fields of other names are left to
 * the caller; a q. field of no question is kept, so the check refuses it.
 * A new reference. */
json_t *pw_survey_form_answers(const struct pw_fields *f);

/* A code as typed ("bxtr mkpa-hwzd") into its 12 capitals; -1 when it is not
 * one. Case, spaces and dashes do not matter. */
int pw_survey_code_normalize(const char *in, char out[PW_SURVEY_CODE_CHARS + 1]);
/* "BXTR-MKPA-HWZD" from 12 capitals (out >= PW_SURVEY_CODE_SHOWN + 1). */
void pw_survey_code_show(const char *norm, char *out, size_t n);

/* ---- counting ---- */

/* One stored answer, of the response numbered resp (rows of one response
 * are together; the numbers say nothing beyond that). */
struct pw_survey_row {
	int64_t resp;
	const char *key, *value;
};

struct pw_survey_cell {
	const char *value; /* an option's key */
	int64_t count;
	bool hidden;       /* shown as "<5" */
};

/* What one question got. */
struct pw_survey_qresult {
	const struct pw_survey_question *q;
	int64_t answered;         /* respondents who answered it */
	bool shown;               /* answered >= k: else nothing of it is shown */
	struct pw_survey_cell *cells; /* per option, in the scale's order; none for free text */
	size_t n;
	const char **texts;       /* free-text answers (only for the apc's page) */
	size_t n_texts;
};

struct pw_survey_result {
	int64_t respondents;
	bool shown; /* respondents >= k */
	struct pw_survey_qresult *q;
	size_t n;
};

/* Counts rows (any order) for the survey's questions over respondents
 * responses, and suppresses: a question answered by fewer than k is not
 * shown; a count of 1..k-1 is hidden, and for a single choice (whose cells
 * add up to the answered total) a second cell too when one alone would be
 * given back by the total. */
void pw_survey_count(struct pw_arena *a, const struct pw_survey_question *qs, size_t nq,
		     const struct pw_survey_row *rows, size_t nrows, int64_t respondents, struct pw_survey_result *out);

/* A percentage of a question's answered total, for a shown cell; -1 when
 * not shown. */
double pw_survey_pct(const struct pw_survey_qresult *q, const struct pw_survey_cell *c);

/* ---- the monitor summary for the Inspectie ---- */

/* A share: n of base. Shown when base >= k and neither n nor base - n is
 * 1..k-1: a percentage with its base gives both back. */
struct pw_survey_share {
	int64_t n, base;
	bool shown;
	double pct;
};

struct pw_survey_monitor {
	const char *schoolyear;
	int64_t respondents;
	bool shown;                     /* respondents >= k */
	struct pw_survey_share safe;    /* veilig_school: heel veilig or veilig */
	struct pw_survey_share unsafe;  /* veilig_school: onveilig or heel onveilig */
	struct pw_survey_share bullied; /* gepest: anything but nee */
	struct pw_survey_share online;  /* of the bullied: gepest_online ook or alleen online */
	struct pw_survey_share told;    /* of the bullied: verteld ja */
	struct pw_survey_share stopped; /* of the bullied: gestopt ja */
	/* The incident registration of the same year (already suppressed by
	 * core/stats: -1 when hidden). */
	int64_t signals, cases;
	bool have_registration;
};

/* The summary from the rows of a year's veiligheid survey. */
void pw_survey_monitor_count(const struct pw_survey_row *rows, size_t nrows, int64_t respondents,
			     struct pw_survey_monitor *out);
/* The summary as JSON ({schoolyear, k, respondents, safe: {pct, n, base} or
 * "<5", ...}); a new reference. */
json_t *pw_survey_monitor_json(const struct pw_survey_monitor *m);
/* The same as CSV (schoolyear;measure;value), a header line first. */
void pw_survey_monitor_csv(struct pw_buf *b, const struct pw_survey_monitor *m);

#endif
