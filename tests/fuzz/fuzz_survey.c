/* A respondent's answers, as POST /api/v1/survey-answers reads them (JSON)
 * and as the public form /enquete posts them (form fields, through the same
 * check), against every standard question of both kinds plus an own one;
 * and the code as a respondent types it. Invariants: an accepted set has at
 * least one answer, each of a known question and, but for free text, an
 * option of its scale, never a list for a single choice; every refusal
 * names its field; a code that normalizes is 12 letters of the alphabet and
 * normalizing it again changes nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/survey.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pw_survey_question qs[40];
static size_t nq;

static void setup(void)
{
	if (nq)
		return;
	size_t n;
	const struct pw_survey_question *b = pw_survey_bank(&n);
	for (size_t i = 0; i < n && nq < 38; i++)
		qs[nq++] = b[i];
	qs[nq++] = (struct pw_survey_question){"eigen_sfeer", NULL, "Sfeer?", "Mood?", NULL, pw_survey_scale("eens"), NULL};
}

static void invariants(struct pw_arena *a, json_t *answers)
{
	struct pw_survey_answer *v;
	size_t n;
	struct pw_err e;
	if (pw_survey_check(a, qs, nq, answers, &v, &n, &e) == PW_OK) {
		if (n == 0)
			__builtin_trap();
		for (size_t i = 0; i < n; i++) {
			const struct pw_survey_question *q = NULL;
			for (size_t k = 0; k < nq; k++)
				if (strcmp(qs[k].key, v[i].key) == 0)
					q = &qs[k];
			if (q == NULL || v[i].value == NULL)
				__builtin_trap();
			if (!q->scale->text && pw_survey_option(q->scale, v[i].value) == NULL)
				__builtin_trap();
			if (q->scale->text && strlen(v[i].value) > PW_SURVEY_TEXT_MAX)
				__builtin_trap();
		}
	} else if (e.code != PW_EINVAL || e.field[0] == '\0') {
		__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_err e;
	struct pw_arena a;
	setup();
	pw_arena_init(&a);
	json_t *j = pw_json_parse_body((const char *)data, size, &e);
	if (j != NULL) {
		json_t *ans = json_object_get(j, "answers");
		invariants(&a, ans ? ans : j);
		const char *code = json_string_value(json_object_get(j, "code"));
		char n1[PW_SURVEY_CODE_CHARS + 1], n2[PW_SURVEY_CODE_CHARS + 1];
		if (code && pw_survey_code_normalize(code, n1) == 0 &&
		    (strlen(n1) != PW_SURVEY_CODE_CHARS || strspn(n1, PW_SURVEY_CODE_ALPHABET) != PW_SURVEY_CODE_CHARS ||
		     pw_survey_code_normalize(n1, n2) != 0 || strcmp(n1, n2) != 0))
			__builtin_trap();
		json_decref(j);
	}
	/* The same bytes as a posted form. */
	struct pw_fields f;
	if (pw_form_parse(&a, (const char *)data, size, 200, &f, &e) == PW_OK) {
		json_t *ans = pw_survey_form_answers(&f);
		if (ans == NULL || !json_is_object(ans))
			__builtin_trap();
		invariants(&a, ans);
		json_decref(ans);
	}
	pw_arena_free(&a);
	return 0;
}
