/* The surveys' pure parts (core/survey.c): the bank's keys and scales, the
 * code's normal form, checking answers (scale, single or several, follow-ups
 * of "nee", free text), the form-to-answers bridge, counting with small
 * numbers hidden, and the monitor summary's shares. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/stats.h"
#include "core/survey.h"

static struct pw_arena A;

static void bank_is_sound(void **state)
{
	(void)state;
	size_t n;
	const struct pw_survey_question *b = pw_survey_bank(&n);
	assert_true(n >= 15);
	for (size_t i = 0; i < n; i++) {
		assert_true(pw_survey_kind_valid(b[i].kind));
		assert_non_null(b[i].scale);
		assert_ptr_equal(pw_survey_standard(b[i].key), &b[i]);
		assert_false(pw_survey_own_key_valid(b[i].key)); /* own keys never collide with standard ones */
		if (b[i].only_if) {
			const struct pw_survey_question *c = pw_survey_standard(b[i].only_if);
			assert_non_null(c);
			assert_string_equal(c->kind, b[i].kind);
			assert_non_null(pw_survey_option(c->scale, "nee"));
		}
		for (size_t k = i + 1; k < n; k++)
			assert_string_not_equal(b[i].key, b[k].key);
	}
	/* What the monitor reads is in the bank, on the scales it expects. */
	assert_non_null(pw_survey_option(pw_survey_standard("veilig_school")->scale, "heel_onveilig"));
	assert_non_null(pw_survey_option(pw_survey_standard("gepest_online")->scale, "alleen_online"));
	assert_true(pw_survey_standard("verandering")->scale->text);
	assert_true(pw_survey_own_key_valid("eigen_sfeer_2"));
	assert_false(pw_survey_own_key_valid("eigen_"));
	assert_false(pw_survey_own_key_valid("eigen_Sfeer"));
	assert_false(pw_survey_own_key_valid("sfeer"));
	assert_false(pw_survey_own_key_valid("eigen_aaaaaaaaaaaaaaaaaaaaaaaaa"));
}

static void codes_normalize(void **state)
{
	(void)state;
	char n[PW_SURVEY_CODE_CHARS + 1], shown[PW_SURVEY_CODE_SHOWN + 1];
	assert_int_equal(pw_survey_code_normalize("bxtr mkpa-hwzd", n), 0);
	assert_string_equal(n, "BXTRMKPAHWZD");
	pw_survey_code_show(n, shown, sizeof shown);
	assert_string_equal(shown, "BXTR-MKPA-HWZD");
	assert_int_equal(pw_survey_code_normalize("BXTR-MKPA-HWZ", n), -1);    /* short */
	assert_int_equal(pw_survey_code_normalize("BXTR-MKPA-HWZDA", n), -1);  /* long */
	assert_int_equal(pw_survey_code_normalize("BXTR-MKPA-HWZO", n), -1);   /* O is not in the alphabet */
	assert_int_equal(pw_survey_code_normalize("BXTR-MKPA-HWZ1", n), -1);
	assert_int_equal(pw_survey_code_normalize("", n), -1);
	assert_int_equal(strlen(PW_SURVEY_CODE_ALPHABET), 22);
}

/* The veiligheid questions of the bank. */
static const struct pw_survey_question *veiligheid(size_t *nq)
{
	static struct pw_survey_question qs[32];
	size_t n, k = 0;
	const struct pw_survey_question *b = pw_survey_bank(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(b[i].kind, "veiligheid") == 0)
			qs[k++] = b[i];
	*nq = k;
	return qs;
}

static enum pw_status check(const char *json, struct pw_survey_answer **v, size_t *n, struct pw_err *err)
{
	size_t nq;
	const struct pw_survey_question *qs = veiligheid(&nq);
	json_t *j = json_loads(json, 0, NULL);
	assert_non_null(j);
	enum pw_status st = pw_survey_check(&A, qs, nq, j, v, n, err);
	json_decref(j);
	return st;
}

static void answers_checked(void **state)
{
	(void)state;
	struct pw_survey_answer *v;
	size_t n;
	struct pw_err err;
	assert_int_equal(check("{\"veilig_school\": \"veilig\", \"gepest_waar\": [\"klas\", \"online\", \"klas\"], "
			       "\"gepest\": \"wekelijks\", \"verteld\": null}",
			       &v, &n, &err),
			 PW_OK);
	assert_int_equal(n, 4); /* the duplicate klas counted once; null is no answer */
	/* Follow-ups of "nee" are dropped, and the follow-up of a follow-up too. */
	assert_int_equal(check("{\"gepest\": \"nee\", \"gepest_online\": \"ook_online\", \"verteld\": \"ja\", "
			       "\"verteld_wie\": [\"mentor\"], \"weet_hulp\": \"ja\"}",
			       &v, &n, &err),
			 PW_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].key, "gepest");
	assert_string_equal(v[1].key, "weet_hulp");
	assert_int_equal(check("{\"verteld\": \"nee\", \"verteld_wie\": [\"mentor\"]}", &v, &n, &err), PW_OK);
	assert_int_equal(n, 1);
	/* Refusals name the question. */
	assert_int_equal(check("{\"onbekend\": \"ja\"}", &v, &n, &err), PW_EINVAL);
	assert_string_equal(err.field, "answers.onbekend");
	assert_int_equal(check("{\"veilig_school\": \"super\"}", &v, &n, &err), PW_EINVAL);
	assert_string_equal(err.field, "answers.veilig_school");
	assert_int_equal(check("{\"veilig_school\": [\"veilig\"]}", &v, &n, &err), PW_EINVAL);
	assert_int_equal(check("{\"gepest_waar\": [\"klas\", 3]}", &v, &n, &err), PW_EINVAL);
	assert_string_equal(err.field, "answers.gepest_waar");
	assert_int_equal(check("{}", &v, &n, &err), PW_EINVAL);
	assert_string_equal(err.field, "answers");
	assert_int_equal(check("{\"gepest\": \"nee\", \"gestopt\": \"ja\"}", &v, &n, &err), PW_OK);
	assert_int_equal(n, 1);
	assert_int_equal(check("[1]", &v, &n, &err), PW_EINVAL);
}

static void free_text_checked(void **state)
{
	(void)state;
	const struct pw_survey_question *q = pw_survey_standard("verandering");
	struct pw_survey_answer *v;
	size_t n;
	struct pw_err err;
	json_t *j = json_pack("{s:s}", "verandering", "Meer toezicht op het plein.");
	assert_int_equal(pw_survey_check(&A, q, 1, j, &v, &n, &err), PW_OK);
	assert_string_equal(v[0].value, "Meer toezicht op het plein.");
	json_decref(j);
	char big[PW_SURVEY_TEXT_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	j = json_pack("{s:s}", "verandering", big);
	assert_int_equal(pw_survey_check(&A, q, 1, j, &v, &n, &err), PW_EINVAL);
	json_decref(j);
	j = json_pack("{s:s}", "verandering", "  \n ");
	assert_int_equal(pw_survey_check(&A, q, 1, j, &v, &n, &err), PW_EINVAL); /* blank: no answer at all */
	json_decref(j);
}

static void form_answers(void **state)
{
	(void)state;
	struct pw_field fv[] = {
		{"csrf", "x", 1, NULL, NULL},	    {"q.veilig_school", "veilig", 6, NULL, NULL},
		{"q.gepest_waar", "klas", 4, NULL, NULL}, {"q.gepest_waar", "gym", 3, NULL, NULL},
		{"q.gepest", "nee", 3, NULL, NULL},
	};
	struct pw_fields f = {fv, sizeof fv / sizeof fv[0]};
	json_t *j = pw_survey_form_answers(&f);
	assert_int_equal(json_object_size(j), 3);
	assert_true(json_is_array(json_object_get(j, "gepest_waar")));
	assert_int_equal(json_array_size(json_object_get(j, "gepest_waar")), 2);
	assert_string_equal(json_string_value(json_object_get(j, "veilig_school")), "veilig");
	json_decref(j);
	/* One tick of a question with several still reads as a list. */
	struct pw_field one[] = {{"q.gepest_waar", "klas", 4, NULL, NULL}};
	struct pw_fields f1 = {one, 1};
	j = pw_survey_form_answers(&f1);
	assert_true(json_is_array(json_object_get(j, "gepest_waar")));
	json_decref(j);
}

static void counting_suppresses(void **state)
{
	(void)state;
	const struct pw_survey_question *q = pw_survey_standard("veilig_school");
	/* 20 respondents: 13 veilig, 3 onveilig, 4 gaat_wel. */
	struct pw_survey_row rows[20];
	for (int i = 0; i < 20; i++)
		rows[i] = (struct pw_survey_row){i, "veilig_school", i < 13 ? "veilig" : i < 16 ? "onveilig" : "gaat_wel"};
	struct pw_survey_result res;
	pw_survey_count(&A, q, 1, rows, 20, 20, &res);
	assert_true(res.shown);
	assert_true(res.q[0].shown);
	assert_int_equal(res.q[0].answered, 20);
	/* heel_veilig, veilig, gaat_wel, onveilig, heel_onveilig */
	assert_false(res.q[0].cells[0].hidden); /* 0 is shown */
	assert_false(res.q[0].cells[1].hidden);
	assert_true(res.q[0].cells[2].hidden);
	assert_true(res.q[0].cells[3].hidden);
	assert_true(pw_survey_pct(&res.q[0], &res.q[0].cells[1]) > 64.9);
	assert_true(pw_survey_pct(&res.q[0], &res.q[0].cells[3]) < 0);
	/* One small cell alone: the smallest other non-zero cell goes too. */
	for (int i = 0; i < 20; i++)
		rows[i].value = i < 12 ? "veilig" : i < 17 ? "heel_veilig" : "onveilig";
	pw_survey_count(&A, q, 1, rows, 20, 20, &res);
	assert_true(res.q[0].cells[3].hidden);      /* onveilig 3 */
	assert_true(res.q[0].cells[0].hidden);      /* heel_veilig 5: the complement */
	assert_false(res.q[0].cells[1].hidden);     /* veilig 12 */
	assert_int_equal(res.q[0].cells[0].count, 5);
	/* Fewer than k respondents: nothing is shown. */
	pw_survey_count(&A, q, 1, rows, 4, 4, &res);
	assert_false(res.shown);
	assert_false(res.q[0].shown);
	for (size_t k = 0; k < res.q[0].n; k++)
		assert_true(res.q[0].cells[k].hidden);
	/* Several options: counted per respondent once for "answered". */
	const struct pw_survey_question *w = pw_survey_standard("gepest_waar");
	struct pw_survey_row mr[12];
	for (int i = 0; i < 6; i++) {
		mr[2 * i] = (struct pw_survey_row){i, "gepest_waar", "klas"};
		mr[2 * i + 1] = (struct pw_survey_row){i, "gepest_waar", i < 2 ? "gym" : "online"};
	}
	pw_survey_count(&A, w, 1, mr, 12, 6, &res);
	assert_int_equal(res.q[0].answered, 6);
	assert_int_equal(res.q[0].cells[0].count, 6); /* klas */
	assert_false(res.q[0].cells[0].hidden);
	assert_true(res.q[0].cells[3].hidden); /* gym 2 */
	assert_true(res.q[0].cells[5].hidden); /* online 4 */
	assert_false(res.q[0].cells[1].hidden); /* gang_plein 0 */
}

static void monitor_shares(void **state)
{
	(void)state;
	/* 10 respondents: 8 safe, 2 unsafe; 5 bullied, of whom 5 online, 0 told. */
	struct pw_survey_row rows[64];
	size_t n = 0;
	for (int i = 0; i < 10; i++) {
		rows[n++] = (struct pw_survey_row){i, "gepest", i < 5 ? "wekelijks" : "nee"};
		if (i < 5) {
			rows[n++] = (struct pw_survey_row){i, "gepest_online", "alleen_online"};
			rows[n++] = (struct pw_survey_row){i, "verteld", "nee"};
		}
		rows[n++] = (struct pw_survey_row){i, "veilig_school", i < 8 ? "veilig" : "onveilig"};
	}
	struct pw_survey_monitor m = {.schoolyear = "2025-2026", .signals = 12, .cases = -1, .have_registration = true};
	pw_survey_monitor_count(rows, n, 10, &m);
	assert_true(m.shown);
	assert_int_equal(m.safe.n, 8);
	assert_int_equal(m.safe.base, 10);
	assert_false(m.safe.shown); /* the other 2 follow from it */
	assert_false(m.unsafe.shown);
	assert_true(m.bullied.shown);
	assert_true(m.bullied.pct > 49.9 && m.bullied.pct < 50.1);
	assert_true(m.online.shown); /* 5 of 5: the rest is 0 */
	assert_true(m.told.shown);   /* 0 of 5 */
	assert_int_equal(m.told.n, 0);
	assert_int_equal(m.signals, 12);
	json_t *j = pw_survey_monitor_json(&m);
	assert_string_equal(json_string_value(json_object_get(j, "safe")), "<5");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "registration"), "cases")), "<5");
	json_decref(j);
	struct pw_buf b;
	pw_buf_init(&b);
	pw_survey_monitor_csv(&b, &m);
	pw_buf_putc(&b, '\0');
	assert_non_null(strstr(b.data, "2025-2026;gepest_pct;50.0\r\n"));
	assert_non_null(strstr(b.data, "2025-2026;veilig_pct;<5\r\n"));
	pw_buf_free(&b);
	/* Under k respondents, nothing. */
	pw_survey_monitor_count(rows, 9, 3, &m);
	assert_false(m.shown);
}

int main(void)
{
	pw_arena_init(&A);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bank_is_sound),     cmocka_unit_test(codes_normalize),  cmocka_unit_test(answers_checked),
		cmocka_unit_test(free_text_checked), cmocka_unit_test(form_answers),     cmocka_unit_test(counting_suppresses),
		cmocka_unit_test(monitor_shares),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pw_arena_free(&A);
	return rc;
}
