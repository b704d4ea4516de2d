/* Jaarevaluatie: the yearly evaluation as a page for those who read the
 * figures (pw_reads_figures; Lekpoort: apc, mt). A school year to choose,
 * the key figures beside the earlier years, a chart (inline SVG from
 * report/chart.c, the PDF's geometry) and a table per breakdown, the note
 * on small numbers, and downloads. The downloads go through
 * /evaluatie/export, a GET with the session cookie that renders with the
 * same builder as GET /api/v1/stats (whose cookie use wants a CSRF header
 * a plain link cannot send). No script. */
#include <string.h>

#include "app/evaluation.h"
#include "auth/auth.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The words of this page, in one place. */
static const struct {
	const char *title, *forbidden, *forbidden_msg, *bad_year, *bad_year_msg, *no_year, *bad_format,
		*bad_format_msg, *failed, *lead, *lead_one, *lead_none, *choose, *year_label, *show, *downloads, *pdf, *pdf_hint,
		*xlsx, *xlsx_hint, *csv, *csv_hint, *keys, *keys_caption, *figure, *small, *charts, *all, *all_hint,
		*table, *students, *not_students, *key_col, *none, *legend;
} T_nl = {
	.title = N_("Jaarevaluatie"),
	.forbidden = N_("Geen toegang"),
	.forbidden_msg = N_("De cijfers voor monitoring en evaluatie lezen de functies die het protocol daarvoor noemt "
			 "(bij Lekpoort de anti-pestcoördinator en het MT)."),
	.bad_year = N_("Schooljaar onbekend"),
	.bad_year_msg = N_("Schrijf het schooljaar als twee opeenvolgende jaren, zoals 2025-2026."),
	.no_year = N_("Er is geen schooljaar van vandaag. Kies een schooljaar."),
	.bad_format = N_("Onbekend formaat"),
	.bad_format_msg = N_("Download de evaluatie als pdf, xlsx of csv."),
	.failed = N_("De evaluatie kon niet gemaakt worden"),
	.lead = N_("%s, schooljaar %s, met %zu eerdere schooljaren ter vergelijking."),
	.lead_one = N_("%s, schooljaar %s, met het schooljaar ervoor ter vergelijking."),
	.lead_none = N_("%s, schooljaar %s (nog geen eerdere schooljaren)."),
	.choose = N_("Ander schooljaar"),
	.year_label = N_("Schooljaar"),
	.show = N_("Toon"),
	.downloads = N_("Downloaden"),
	.pdf = N_("PDF-verslag"),
	.pdf_hint = N_("voor schoolleiding en MR, A4 met grafieken"),
	.xlsx = N_("Excel-werkboek (XLSX)"),
	.xlsx_hint = N_("een blad per uitsplitsing"),
	.csv = N_("CSV"),
	.csv_hint = N_("alle cijfers als regels"),
	.keys = N_("Kerncijfers"),
	.keys_caption = N_("Per schooljaar, het gekozen jaar eerst"),
	.figure = N_("Kerncijfer"),
	.small = N_("Over kleine aantallen"),
	.charts = N_("In beeld"),
	.all = N_("Alle uitsplitsingen"),
	.all_hint = N_("Elke uitsplitsing als tabel, met alle schooljaren. Open er een om hem te lezen."),
	.table = N_("Tabel"),
	.students = N_("Aantallen van 1 tot en met 4 staan er als \"<5\"."),
	.not_students = N_("Telt klassen of medewerkers, geen leerlingen: alle aantallen staan er."),
	.key_col = N_("Onderdeel"),
	.none = N_("Geen."),
	.legend = N_("\"<5\": 1 tot en met 4, of verborgen om een ander klein aantal te beschermen. \"-\": geen cijfer."),
};
#define T PW_TR_TABLE(T_nl)

/* The school whose figures the user reads, or 0 after answering. */
static int64_t figures_school(struct pw_req *r, const struct pw_actor *a)
{
	struct pw_err err;
	const struct pw_protocol *p;
	int64_t school = pw_evaluation_school(r->app->store, a, &p, &err);
	if (school < 0) {
		pw_ui_error_page(r, a, 500, T.failed, err.msg, "/");
		return 0;
	}
	if (school == 0 || p == NULL || !pw_reads_figures(a, p, school)) {
		pw_ui_error_page(r, a, 403, T.forbidden, T.forbidden_msg, "/");
		return 0;
	}
	return school;
}

/* The school year asked (?schoolyear=), else today's; NULL after answering. */
static const char *asked_year(struct pw_req *r, const struct pw_actor *a, int64_t school)
{
	struct pw_err err;
	const char *year = pw_req_query(r, "schoolyear");
	int first;
	if (year && year[0]) {
		if (pw_schoolyear_name_parse(year, &first) != 0) {
			pw_ui_error_page(r, a, 400, T.bad_year, T.bad_year_msg, "/evaluatie");
			return NULL;
		}
		return year;
	}
	struct pw_schoolyear sy;
	if (pw_store_schoolyear_at(r->app->store, &r->arena, school, pw_today(r), &sy, &err) != PW_OK) {
		pw_ui_error_page(r, a, 404, T.bad_year, T.no_year, "/");
		return NULL;
	}
	return sy.name;
}

static int load(struct pw_req *r, const struct pw_actor *a, int64_t school, const char *year, struct pw_evaluation *ev)
{
	struct pw_err err;
	if (pw_evaluation_load(r->app->store, &r->arena, school, year, pw_day_from_unix(pw_now()), ev, &err) != PW_OK) {
		pw_ui_error_page(r, a, err.code == PW_ENOTFOUND ? 404 : 500, err.code == PW_ENOTFOUND ? T.bad_year : T.failed,
				 err.msg, "/evaluatie");
		return 0;
	}
	return 1;
}

/* A table of a breakdown (or of the key figures): rows, the years as columns. */
static void table_begin(struct pw_buf *b, const struct pw_evaluation *ev, const char *caption, const char *first)
{
	pw_html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"figures\"><caption>%s</caption>"
		       "<thead><tr><th scope=\"col\">%s</th>",
		       caption, caption, first);
	for (size_t k = 0; k < ev->n_years; k++)
		pw_html_printf(b, "<th scope=\"col\" class=\"num\">%s</th>", ev->years[k].schoolyear);
	pw_html_raw(b, "</tr></thead><tbody>");
}

static void value_cells(struct pw_req *r, const struct pw_chart_value *v, const double *days, size_t n)
{
	for (size_t k = 0; k < n; k++)
		pw_html_printf(&r->out, "<td class=\"num%s\">%s</td>", k == 0 ? " now" : "",
			       pw_eval_value_text(&r->arena, v[k], days ? days[k] : -1));
}

static void breakdown_table(struct pw_req *r, const struct pw_evaluation *ev, const struct pw_eval_table *t)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<p class=\"hint\">%s</p>", t->about_students ? T.students : T.not_students);
	if (t->n_rows == 0) {
		pw_html_printf(b, "<p>%s</p>", T.none);
		return;
	}
	table_begin(b, ev, t->title, T.key_col);
	for (size_t i = 0; i < t->n_rows; i++) {
		pw_html_printf(b, "<tr><th scope=\"row\">%s</th>", t->labels[i]);
		value_cells(r, &t->v[i * t->n_cols], NULL, t->n_cols);
		pw_html_raw(b, "</tr>");
	}
	pw_html_raw(b, "</tbody></table></div>");
}

void pw_h_evaluatie(struct pw_req *r)
{
	struct pw_actor a;
	if (!pw_ui_auth(r, &a))
		return;
	int64_t school = figures_school(r, &a);
	const char *year = school ? asked_year(r, &a, school) : NULL;
	struct pw_evaluation ev;
	if (year == NULL || !load(r, &a, school, year, &ev))
		return;
	struct pw_arena *ar = &r->arena;
	struct pw_buf *b = &r->out;
	struct pw_err err;
	const char *title = pw_printf(ar, "%s %s", T.title, year);
	pw_page_begin(r, title, &a);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><p class=\"lead\">", title);
	if (ev.n_years > 1)
		if (ev.n_years == 2)
			pw_html_printf(b, T.lead_one, ev.school, year);
		else
			pw_html_printf(b, T.lead, ev.school, year, ev.n_years - 1);
	else
		pw_html_printf(b, T.lead_none, ev.school, year);
	pw_html_raw(b, "</p></div>");

	/* Choose a year, and download this one. */
	struct pw_schoolyear *sv;
	size_t nsy = 0;
	if (pw_store_schoolyear_list(r->app->store, ar, school, &sv, &nsy, &err) != PW_OK)
		nsy = 0;
	pw_html_printf(b, "<div class=\"layout two eval-top\"><section class=\"card\" aria-labelledby=\"h-dl\"><h2 id=\"h-dl\">%s</h2>"
			  "<ul class=\"downloads\">",
		       T.downloads);
	static const char *const fmt[] = {"pdf", "xlsx", "csv"};
	const char *names[] = {T.pdf, T.xlsx, T.csv}, *hints[] = {T.pdf_hint, T.xlsx_hint, T.csv_hint};
	for (int i = 0; i < 3; i++)
		pw_html_printf(b, "<li><a href=\"/evaluatie/export?schoolyear=%s&amp;format=%s\" download>%s</a> <span class=\"hint\">%s</span></li>",
			       year, fmt[i], names[i], hints[i]);
	pw_html_printf(b, "</ul></section><section class=\"card\" aria-labelledby=\"h-kies\"><h2 id=\"h-kies\">%s</h2>"
			  "<form method=\"get\" action=\"/evaluatie\" class=\"year-pick\"><label for=\"schoolyear\">%s</label> "
			  "<select id=\"schoolyear\" name=\"schoolyear\">",
		       T.choose, T.year_label);
	for (size_t i = nsy; i-- > 0;)
		pw_html_printf(b, "<option%s>%s</option>", strcmp(sv[i].name, year) == 0 ? " selected" : "", sv[i].name);
	pw_html_printf(b, "</select> <button type=\"submit\">%s</button></form></section></div>", T.show);

	/* The key figures. */
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-kern\"><h2 id=\"h-kern\">%s</h2>", T.keys);
	table_begin(b, &ev, T.keys_caption, T.figure);
	for (size_t i = 0; i < PW_EVAL_NKEYS; i++) {
		struct pw_chart_value v[PW_STATS_YEARS];
		double days[PW_STATS_YEARS];
		for (size_t k = 0; k < ev.n_years && k < PW_STATS_YEARS; k++)
			v[k] = pw_eval_key_value(&ev.years[k], PW_EVAL_KEYS[i].measure, &days[k]);
		pw_html_printf(b, "<tr><th scope=\"row\">%s</th>", _(PW_EVAL_KEYS[i].title));
		value_cells(r, v, days, ev.n_years);
		pw_html_raw(b, "</tr>");
	}
	pw_html_printf(b, "</tbody></table></div><p class=\"hint\">%s</p>", T.legend);
	pw_html_printf(b, "<details class=\"aside\"><summary>%s</summary><p>%s</p></details></section>", T.small,
		       _(PW_EVAL_NOTE));

	/* Charts, each with its table a click away. */
	struct pw_eval_table *t;
	size_t nt = pw_eval_tables(ar, &ev, &t);
	pw_html_printf(b, "<h2 class=\"section\">%s</h2><div class=\"charts\">", T.charts);
	for (size_t i = 0; i < nt; i++) {
		if (!t[i].chart || t[i].n_rows == 0)
			continue;
		const char *id = pw_printf(ar, "g%zu", i);
		pw_html_printf(b, "<section class=\"card chart-card\" aria-labelledby=\"%s-h\"><h3 id=\"%s-h\">%s</h3>", id, id,
			       t[i].title);
		struct pw_chart c;
		pw_eval_chart(ar, &ev, &t[i], PW_EVAL_CHART_YEARS, &c);
		pw_chart_svg(b, ar, &c, id);
		pw_html_printf(b, "<details class=\"aside\"><summary>%s</summary>", T.table);
		breakdown_table(r, &ev, &t[i]);
		pw_html_raw(b, "</details></section>");
	}
	pw_html_raw(b, "</div>");

	/* Every breakdown as a table. */
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-alle\"><h2 id=\"h-alle\">%s</h2><p class=\"hint\">%s</p>",
		       T.all, T.all_hint);
	for (size_t i = 0; i < nt; i++) {
		pw_html_printf(b, "<details class=\"aside\"><summary>%s</summary>", t[i].title);
		breakdown_table(r, &ev, &t[i]);
		pw_html_raw(b, "</details>");
	}
	pw_html_raw(b, "</section>");
	pw_page_end(r, 200);
}

void pw_h_evaluatie_export(struct pw_req *r)
{
	struct pw_actor a;
	if (!pw_ui_auth(r, &a))
		return;
	int64_t school = figures_school(r, &a);
	if (school == 0)
		return;
	const char *format = pw_req_query(r, "format");
	int f = pw_eval_format_parse(format);
	if (f < 0 || f == PW_EF_JSON) {
		pw_ui_error_page(r, &a, 400, T.bad_format, T.bad_format_msg, "/evaluatie");
		return;
	}
	const char *year = asked_year(r, &a, school);
	struct pw_evaluation ev;
	if (year == NULL || !load(r, &a, school, year, &ev))
		return;
	struct pw_err err;
	const char *type, *name;
	r->out.len = 0;
	if (pw_evaluation_render(&r->arena, &ev, (enum pw_eval_format)f, &r->out, &type, &name, &err) != PW_OK) {
		r->out.len = 0;
		pw_ui_error_page(r, &a, 500, T.failed, err.msg, "/evaluatie");
		return;
	}
	r->status = 200;
	r->content_type = type;
	pw_resp_header(r, "Content-Disposition", pw_printf(&r->arena, "attachment; filename=\"%s\"", name));
}
