/* The yearly surveys in the store: a survey (school, school year, kind,
 * status) with its chosen questions, its single-use codes (keyed hashes,
 * flagged used without a time), and its responses (a random id) with their
 * answers. Nothing ties a response to a code, a person, an address or a
 * moment: see sql_surveys.h. Strings in results live in the caller's arena. */
#ifndef PW_STORE_SURVEYS_H
#define PW_STORE_SURVEYS_H

#include <stddef.h>
#include <stdint.h>

#include "core/survey.h"
#include "store/store.h"
#include "util/arena.h"

#define PW_SURVEY_HASH_BYTES 32

struct pw_survey_info {
	int64_t id, school_id;
	const char *schoolyear, *kind;
	const char *status; /* concept, open, gesloten */
	int64_t created_at;
	int64_t respondents, codes, codes_used;
};

/* A question as chosen for a survey: a standard key (text and scale NULL),
 * or a school's own with its words and a scale's key. */
struct pw_survey_qrow {
	const char *key, *text, *scale;
};

/* Adds a survey with its questions, audited as user_id's; PW_ECONFLICT when
 * the school has one of this kind for this year. */
enum pw_status pw_store_survey_add(struct pw_store *s, int64_t school_id, const char *schoolyear, const char *kind,
				   const struct pw_survey_qrow *q, size_t nq, int64_t user_id, int64_t *id,
				   struct pw_err *err);
enum pw_status pw_store_survey_get(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_survey_info *out,
				   struct pw_err *err);
/* The school's surveys, newest year first. */
enum pw_status pw_store_survey_list(struct pw_store *s, struct pw_arena *a, int64_t school_id,
				    struct pw_survey_info **out, size_t *n, struct pw_err *err);
enum pw_status pw_store_survey_questions(struct pw_store *s, struct pw_arena *a, int64_t id,
					 struct pw_survey_qrow **out, size_t *n, struct pw_err *err);
/* Replaces the questions (the caller checked the survey is a concept); audited. */
enum pw_status pw_store_survey_set_questions(struct pw_store *s, int64_t id, const struct pw_survey_qrow *q, size_t nq,
					     int64_t user_id, struct pw_err *err);
/* Sets the status; audited. */
enum pw_status pw_store_survey_set_status(struct pw_store *s, int64_t id, const char *status, int64_t user_id,
					  struct pw_err *err);
/* Stores n code hashes (n * PW_SURVEY_HASH_BYTES) for the survey in one
 * transaction, audited with their number; PW_ECONFLICT when one exists
 * already (the caller draws again). */
enum pw_status pw_store_survey_codes_add(struct pw_store *s, int64_t id, const unsigned char *hashes, size_t n,
					 int64_t user_id, struct pw_err *err);
/* The survey of a code hash and whether it was used; PW_ENOTFOUND when none. */
enum pw_status pw_store_survey_code_find(struct pw_store *s, const unsigned char hash[PW_SURVEY_HASH_BYTES],
					 int64_t *survey_id, int *used, struct pw_err *err);
/* Spends the code and stores the answers as one new response, in one
 * transaction: PW_ECONFLICT (nothing written) when the code was used
 * meanwhile or the survey is not open. */
enum pw_status pw_store_survey_answer(struct pw_store *s, const unsigned char hash[PW_SURVEY_HASH_BYTES],
				      int64_t survey_id, const struct pw_survey_answer *v, size_t n, struct pw_err *err);
/* Every answer of the survey, the rows of one response together, each
 * response numbered 0.. in the (random) order of its id. */
enum pw_status pw_store_survey_rows(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_survey_row **out,
				    size_t *n, struct pw_err *err);

#endif
