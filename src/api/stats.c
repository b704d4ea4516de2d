/* GET /api/v1/stats?schoolyear=2025-2026[&format=json|csv|xlsx|pdf]: the
 * yearly evaluation for the functies with `cijfers` (Lekpoort: apc, mt), made
 * by app/evaluation.c like `pestwijzer report` and the evaluation page. */
#include <string.h>

#include "app/evaluation.h"
#include "auth/auth.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"

void pw_h_api_stats(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	const struct pw_protocol *p = NULL;
	int64_t school = pw_evaluation_school(r->app->store, &a, &p, &err);
	if (school < 0) {
		pw_resp_error_json(r, &err);
		return;
	}
	if (school == 0 || p == NULL || !pw_reads_figures(&a, p, school)) {
		pw_err_set(&err, PW_EFORBID,
			   "De cijfers voor monitoring en evaluatie lezen de functies die het protocol daarvoor noemt "
			   "(bij Lekpoort de anti-pestcoördinator en het MT). (Figures are for the functies with `cijfers`.)");
		pw_resp_error_json(r, &err);
		return;
	}
	const char *format = pw_req_query(r, "format");
	int f = format ? pw_eval_format_parse(format) : PW_EF_JSON;
	if (f < 0) {
		pw_err_field(&err, PW_EINVAL, "format",
			     "format is json, csv, xlsx of pdf; laat het weg voor json. (format is json, csv, xlsx or pdf.)");
		pw_resp_error_json(r, &err);
		return;
	}
	pw_day today = pw_day_from_unix(pw_now());
	const char *year = pw_req_query(r, "schoolyear");
	int first;
	if (year == NULL) {
		/* The school year of today, as the school entered it. */
		struct pw_schoolyear sy;
		char d[11];
		pw_day_format(today, d);
		if (pw_store_schoolyear_at(r->app->store, &r->arena, school, d, &sy, &err) != PW_OK) {
			pw_err_field(&err, PW_EINVAL, "schoolyear", "Geef het schooljaar: ?schoolyear=2025-2026.");
			pw_resp_error_json(r, &err);
			return;
		}
		year = sy.name;
	} else if (pw_schoolyear_name_parse(year, &first) != 0) {
		pw_err_field(&err, PW_EINVAL, "schoolyear",
			     "schoolyear is twee opeenvolgende jaren, zoals 2025-2026. (schoolyear is like 2025-2026.)");
		pw_resp_error_json(r, &err);
		return;
	}
	struct pw_evaluation ev;
	if (pw_evaluation_load(r->app->store, &r->arena, school, year, today, &ev, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	if (f == PW_EF_JSON) {
		pw_resp_json(r, 200, pw_stats_json(&ev.years[0], ev.years + 1, ev.n_years - 1));
		return;
	}
	const char *type, *name;
	r->out.len = 0;
	if (pw_evaluation_render(&r->arena, &ev, (enum pw_eval_format)f, &r->out, &type, &name, &err) != PW_OK) {
		r->out.len = 0;
		pw_resp_error_json(r, &err);
		return;
	}
	r->status = 200;
	r->content_type = type;
	pw_resp_header(r, "Content-Disposition", pw_printf(&r->arena, "attachment; filename=\"%s\"", name));
}
