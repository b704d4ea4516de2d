/* The yearly evaluation: load once, render as JSON, CSV, XLSX or PDF. */
#include "app/evaluation.h"

#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "store/prevention.h"
#include "store/stats.h"
#include "store/surveys.h"
#include "core/survey.h"

static const char *const FORMATS[] = {"json", "csv", "xlsx", "pdf"};

int pw_eval_format_parse(const char *s)
{
	for (size_t i = 0; s && i < sizeof FORMATS / sizeof FORMATS[0]; i++)
		if (strcmp(s, FORMATS[i]) == 0)
			return (int)i;
	return -1;
}

int64_t pw_evaluation_school(struct pw_store *s, const struct pw_actor *a, const struct pw_protocol **p,
			     struct pw_err *err)
{
	int64_t first = 0;
	*p = NULL;
	for (size_t i = 0; i < a->nfuncties; i++) {
		int64_t sc = a->functies[i].school_id;
		const struct pw_protocol *q = pw_school_protocol(s, sc, NULL, err);
		if (q == NULL)
			return -1;
		if (first == 0) {
			first = sc;
			*p = q;
		}
		if (pw_reads_figures(a, q, sc)) {
			*p = q;
			return sc;
		}
	}
	return first;
}

/* The surveys of each year (issue 8: "both surveys" in the evaluation), as
 * counted for the survey's own results page. A year without a survey of a
 * kind has no such measure, so its column shows none rather than zeros. */
static enum pw_status add_surveys(struct pw_store *s, struct pw_arena *a, int64_t school_id, struct pw_stats_year *years,
				  size_t n_years, struct pw_err *err)
{
	struct pw_survey_info *all;
	size_t n;
	if (pw_store_survey_list(s, a, school_id, &all, &n, err) != PW_OK)
		return err->code;
	for (size_t y = 0; y < n_years; y++) {
		for (size_t i = 0; i < n; i++) {
			if (strcmp(all[i].schoolyear, years[y].schoolyear) != 0 || all[i].respondents == 0)
				continue;
			struct pw_survey_qrow *qr;
			struct pw_survey_row *rows;
			size_t nq, nr, k = 0;
			if (pw_store_survey_questions(s, a, all[i].id, &qr, &nq, err) != PW_OK ||
			    pw_store_survey_rows(s, a, all[i].id, &rows, &nr, err) != PW_OK)
				return err->code;
			struct pw_survey_question *q = pw_calloc(a, nq ? nq : 1, sizeof *q);
			for (size_t j = 0; j < nq; j++) {
				const struct pw_survey_question *std = pw_survey_standard(qr[j].key);
				const struct pw_survey_scale *sc = qr[j].scale ? pw_survey_scale(qr[j].scale) : NULL;
				if (qr[j].text == NULL && std)
					q[k++] = *std;
				else if (qr[j].text && sc)
					q[k++] = (struct pw_survey_question){qr[j].key, NULL, qr[j].text, qr[j].text, NULL, sc, NULL};
			}
			struct pw_survey_result res;
			pw_survey_count(a, q, k, rows, nr, all[i].respondents, &res);
			pw_stats_add_survey(a, all[i].kind, &res, &years[y]);
		}
	}
	return PW_OK;
}

enum pw_status pw_evaluation_load(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *schoolyear,
				  pw_day today, struct pw_evaluation *ev, struct pw_err *err)
{
	memset(ev, 0, sizeof *ev);
	struct pw_stats_year y, *earlier;
	size_t ne;
	if (pw_store_stats(s, a, school_id, schoolyear, today, &y, &earlier, &ne, err) != PW_OK)
		return err->code;
	int64_t vid = 0;
	ev->p = pw_school_protocol(s, school_id, &vid, err);
	if (ev->p == NULL)
		return err->code;
	ev->versie = ev->p->versie ? ev->p->versie : "";
	struct pw_school sc;
	if (pw_store_school_by_id(s, a, school_id, &sc, err) != PW_OK)
		return err->code;
	ev->school = sc.name;
	/* Colleagues and the version in force: one row per functie, the rows
	 * of one account together (as in the prevention overview). */
	struct pw_prev_colleague *col;
	size_t ncol;
	if (pw_store_prevention_colleagues(s, a, school_id, vid, &col, &ncol, err) != PW_OK)
		return err->code;
	int64_t conf = 0, staff = 0;
	for (size_t i = 0; i < ncol;) {
		bool is_staff = false;
		size_t k = i;
		for (; k < ncol && col[k].id == col[i].id; k++)
			is_staff |= pw_functie_confirms_protocol(col[k].functie);
		staff += is_staff;
		conf += is_staff && col[i].confirmed_at != 0;
		i = k;
	}
	pw_stats_add_staff(a, conf, staff - conf, &y);
	struct pw_stats_year *years = pw_calloc(a, ne + 1, sizeof *years);
	years[0] = y;
	for (size_t i = 0; i < ne; i++)
		years[i + 1] = earlier[i];
	ev->years = years;
	ev->n_years = ne + 1;
	if (add_surveys(s, a, school_id, years, ne + 1, err) != PW_OK)
		return err->code;
	int yy, mm, dd;
	pw_day_to_ymd(today, &yy, &mm, &dd);
	ev->made_on = pw_eval_date(a, yy, mm, dd);
	return PW_OK;
}

enum pw_status pw_evaluation_render(struct pw_arena *a, const struct pw_evaluation *ev, enum pw_eval_format f,
				    struct pw_buf *out, const char **content_type, const char **filename,
				    struct pw_err *err)
{
	static const char *const TYPES[] = {
		"application/json",
		"text/csv; charset=utf-8",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/pdf",
	};
	*content_type = TYPES[f];
	*filename = pw_printf(a, "pestwijzer-cijfers-%s.%s", ev->years[0].schoolyear, FORMATS[f]);
	switch (f) {
	case PW_EF_JSON: {
		json_t *j = pw_stats_json(&ev->years[0], ev->years + 1, ev->n_years - 1);
		char *s = json_dumps(j, JSON_INDENT(2));
		json_decref(j);
		if (s == NULL)
			return pw_err_set(err, PW_EIO, "kon de cijfers niet als JSON schrijven");
		pw_buf_puts(out, s);
		pw_buf_putc(out, '\n');
		free(s);
		return PW_OK;
	}
	case PW_EF_CSV:
		pw_stats_csv(out, &ev->years[0], ev->years + 1, ev->n_years - 1);
		return PW_OK;
	case PW_EF_XLSX:
		return pw_report_xlsx(a, ev, out, err);
	case PW_EF_PDF:
		return pw_report_pdf(a, ev, out, err);
	}
	return pw_err_set(err, PW_EINVAL, "unknown format");
}
