/* GET /api/v1/stats?schoolyear=2025-2026[&format=csv]: the yearly evaluation's
 * figures for the functies with `cijfers` (Lekpoort: apc, mt). XLSX and PDF
 * come with the report issue. */
#include <string.h>

#include "auth/auth.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "store/stats.h"
#include "util/clock.h"
#include "web/app.h"

/* The school whose figures the actor reads: their first school where a
 * functie has `cijfers`; else their first school (for the refusal). */
static int64_t figures_school(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol **p,
			      struct pw_err *err)
{
	int64_t first = 0;
	for (size_t i = 0; i < a->nfuncties; i++) {
		int64_t sc = a->functies[i].school_id;
		const struct pw_protocol *q = pw_school_protocol(r->app->store, sc, NULL, err);
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

void pw_h_api_stats(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	const struct pw_protocol *p = NULL;
	int64_t school = figures_school(r, &a, &p, &err);
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
	if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0) {
		pw_err_field(&err, PW_EINVAL, "format",
			     "format is json of csv (xlsx en pdf volgen later). (format is json or csv.)");
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
	struct pw_stats_year y, *earlier = NULL;
	size_t ne = 0;
	if (pw_store_stats(r->app->store, &r->arena, school, year, today, &y, &earlier, &ne, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	if (format && strcmp(format, "csv") == 0) {
		r->status = 200;
		r->content_type = "text/csv; charset=utf-8";
		r->out.len = 0;
		pw_stats_csv(&r->out, &y, earlier, ne);
		pw_resp_header(r, "Content-Disposition",
			       pw_printf(&r->arena, "attachment; filename=\"pestwijzer-cijfers-%s.csv\"", year));
		return;
	}
	pw_resp_json(r, 200, pw_stats_json(&y, earlier, ne));
}
