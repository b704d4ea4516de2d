/* The yearly surveys' operations, shared by the JSON API (api/surveys.c)
 * and the pages (web/enquete.c for respondents, web/enquetes.c for the
 * apc): one set of rules for both. Who may is pw_access_survey's. Results
 * live in the request's arena. */
#ifndef PW_API_SURVEYS_H
#define PW_API_SURVEYS_H

#include <jansson.h>
#include <stdint.h>

#include "auth/auth.h"
#include "core/survey.h"
#include "http/http.h"
#include "store/surveys.h"

struct pw_protocol;

/* A survey with its questions resolved (standard ones from the bank). */
struct pw_survey_full {
	struct pw_survey_info info;
	struct pw_survey_question *q;
	size_t nq;
};

/* The school whose surveys the actor works with: their first school where
 * they read figures; else their first school (for the refusal). *p is its
 * definition. -1 with err on a store failure. */
int64_t pw_survey_school(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol **p, struct pw_err *err);
/* Loads survey id of school (PW_ENOTFOUND when it is another school's). */
enum pw_status pw_survey_load(struct pw_req *r, int64_t school, int64_t id, struct pw_survey_full *out,
			      struct pw_err *err);
/* Creates a survey: questions is an array of standard keys of the kind
 * (NULL: all of them), own an array of {key, text, scale} (NULL: none). */
enum pw_status pw_survey_create(struct pw_req *r, const struct pw_actor *a, int64_t school, const char *schoolyear,
				const char *kind, json_t *questions, json_t *own, int64_t *id, struct pw_err *err);
/* Changes the questions (only of a concept; NULL leaves them) and the
 * status (NULL leaves it): concept -> open -> gesloten -> open. */
enum pw_status pw_survey_update(struct pw_req *r, const struct pw_actor *a, const struct pw_survey_full *s,
				json_t *questions, json_t *own, const char *status, struct pw_err *err);
/* Makes count codes for the survey (shown once: "BXTR-MKPA-HWZD"). */
enum pw_status pw_survey_make_codes(struct pw_req *r, const struct pw_actor *a, const struct pw_survey_full *s, int count,
				    char ***codes, struct pw_err *err);
/* The open survey a respondent's code is for (rate-limited per address,
 * in memory; unknown and used codes count as guesses). */
enum pw_status pw_survey_for_code(struct pw_req *r, const char *code, struct pw_survey_full *out, struct pw_err *err);
/* Checks answers and stores them, spending the code, in one transaction. */
enum pw_status pw_survey_submit(struct pw_req *r, const char *code, json_t *answers, struct pw_err *err);
/* The survey's counted results, and those of the same kind in up to four
 * earlier school years (newest first). */
enum pw_status pw_survey_results(struct pw_req *r, const struct pw_survey_full *s, struct pw_survey_result *res,
				 struct pw_survey_full **earlier, struct pw_survey_result **eres, size_t *ne,
				 struct pw_err *err);
/* The results as the API's JSON (never free text). A new reference. */
json_t *pw_survey_results_json(const struct pw_survey_full *s, const struct pw_survey_result *res,
			       const struct pw_survey_full *earlier, const struct pw_survey_result *eres, size_t ne);
/* The monitor summary of a school year (its veiligheid survey and the
 * incident registration's totals). */
enum pw_status pw_survey_monitor(struct pw_req *r, int64_t school, const char *schoolyear, struct pw_survey_monitor *m,
				 struct pw_err *err);
/* The questions of a survey as JSON, for respondents. A new reference. */
json_t *pw_survey_questions_json(const struct pw_survey_full *s);

#endif
