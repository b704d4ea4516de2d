/* Klas: one class of this school year for its mentors (and for those who
 * read the whole school's cases: CLZ, MT): its students with the "let op"
 * notice, the class's open cases (each through pw_case_open, so only what
 * the access function shows), and the open suspicions about its students.
 * Anyone else gets a 404, as if the class did not exist. */
#include <string.h>

#include "app/casework.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/preventie.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The words of this page, in one place. */
static const struct {
	const char *title, *not_found, *not_found_msg, *mentors, *no_mentor, *students, *attention, *attention_clz, *cases,
		*cases_none, *suspicions, *suspicions_none, *suspicions_hint, *col_name, *col_note;
} T_nl = {
	.title = N_("Klas %s"),
	.not_found = N_("Niet gevonden"),
	.not_found_msg = N_("Deze klas bestaat niet dit schooljaar, of je bent er geen mentor van."),
	.mentors = N_("Mentor"),
	.no_mentor = N_("geen mentor bekend"),
	.students = N_("Leerlingen"),
	.attention = N_("Let op: neem contact op met %s"),
	.attention_clz = N_("Let op: neem contact op met de CLZ"),
	.cases = N_("Open casussen van de klas"),
	.cases_none = N_("Geen open casussen met leerlingen van deze klas."),
	.suspicions = N_("Verdenkingen over leerlingen van de klas"),
	.suspicions_none = N_("Geen open verdenkingen."),
	.suspicions_hint = N_("Een casus openen uit verdenkingen doe je op Mijn taken."),
	.col_name = N_("Naam"),
	.col_note = N_("Let op"),
};
#define T PW_TR_TABLE(T_nl)

/* The page of class `name`; fail: a prevention form that came back (web/preventie.c), or NULL. */
void pw_klas_render(struct pw_req *r, const struct pw_actor *ap, const char *name, const struct pw_prev_fail *fail,
		    int status)
{
	struct pw_actor a = *ap;
	struct pw_err err;
	r->out.len = 0;
	struct pw_arena *ar = &r->arena;
	int64_t school = pw_actor_school(&a);
	const struct pw_protocol *p = pw_school_protocol(r->app->store, school, NULL, &err);
	struct pw_schoolyear sy;
	struct pw_class cls;
	if (p == NULL || pw_store_schoolyear_at(r->app->store, ar, school, pw_today(r), &sy, &err) != PW_OK ||
	    pw_store_class_get(r->app->store, ar, sy.id, name, &cls, &err) != PW_OK ||
	    !(cls.mentor[0] == a.user_id || cls.mentor[1] == a.user_id || pw_reads_school(&a, p, school))) {
		pw_ui_error_page(r, &a, 404, T.not_found, T.not_found_msg, "/");
		return;
	}
	struct pw_buf *b = &r->out;
	const char *title = pw_printf(ar, T.title, cls.name);
	pw_page_begin(r, title, &a);
	const char *m0 = pw_ui_user_name(r, cls.mentor[0]), *m1 = pw_ui_user_name(r, cls.mentor[1]);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><dl class=\"facts\"><dt>%s</dt><dd>%s%s%s</dd></dl></div>", title,
		       T.mentors, m0[0] ? m0 : T.no_mentor, m1[0] ? ", " : "", m1);

	/* The students, with the notice colleagues see on the student's page. */
	struct pw_student_query q = {.user_id = a.user_id, .day = pw_today(r), .class_name = cls.name, .limit = 200};
	struct pw_student *sv;
	size_t ns = 0;
	int64_t total;
	if (pw_store_student_search(r->app->store, ar, &q, &sv, &ns, &total, &err) != PW_OK)
		ns = 0;
	int64_t *ids = pw_calloc(ar, ns + 1, sizeof *ids);
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-leerlingen\"><h2 id=\"h-leerlingen\">%s (%zu)</h2>"
			  "<ul class=\"plain students\">",
		       T.students, ns);
	for (size_t i = 0; i < ns; i++) {
		ids[i] = sv[i].id;
		pw_html_printf(b, "<li><a href=\"/leerling/%lld\">%s</a>", (long long)sv[i].id, pw_student_name(ar, &sv[i]));
		int64_t owner = 0;
		if (pw_store_student_attention(r->app->store, sv[i].id, &owner, &err)) {
			const char *who = pw_ui_user_name(r, owner);
			pw_html_raw(b, " ");
			pw_ui_tag(b, "warn", who[0] ? pw_printf(ar, T.attention, who) : T.attention_clz);
		}
		pw_html_raw(b, "</li>");
	}
	pw_html_raw(b, "</ul></section>");

	/* The class's open cases the user may see. */
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-klascasussen\"><h2 id=\"h-klascasussen\">%s</h2>", T.cases);
	int64_t *cids;
	size_t nc = 0, shown = 0;
	if (ns == 0 || pw_store_cases_of_students(r->app->store, ar, ids, ns, &cids, &nc, &err) != PW_OK)
		nc = 0;
	for (size_t i = 0; i < nc; i++) {
		bool dup = false;
		for (size_t k = 0; k < i; k++)
			dup |= cids[k] == cids[i];
		struct pw_loaded_case lc;
		if (dup || pw_case_open(r->app->store, ar, &a, cids[i], &lc, &err) != PW_OK)
			continue;
		if (!lc.c.closed) {
			if (shown++ == 0)
				pw_html_raw(b, "<ul class=\"case-list\">");
			pw_html_printf(b, "<li><a href=\"/casus/%lld\">%s</a> <span class=\"meta\">%s · %s · %s</span></li>",
				       (long long)lc.row.id, pw_printf(ar, _("Casus %lld · %s"), (long long)lc.row.id, pw_ui_case_name(ar, &lc.c)),
				       pw_ui_level_title(lc.p, lc.row.level), pw_ui_user_name(r, lc.row.owner_id),
				       pw_printf(ar, _("geopend %s"), lc.row.opened_on));
		}
		pw_case_done(&lc);
	}
	if (shown)
		pw_html_raw(b, "</ul>");
	else
		pw_html_printf(b, "<p>%s</p>", T.cases_none);
	pw_html_raw(b, "</section>");

	/* Suspicions about its students (not yet in a case). */
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-klasverd\"><h2 id=\"h-klasverd\">%s</h2><p class=\"hint\">%s</p>",
		       T.suspicions, T.suspicions_hint);
	struct pw_signal_row *v;
	size_t nv = 0;
	if (pw_store_suspicions(r->app->store, ar, school, 0, &v, &nv, &err) != PW_OK)
		nv = 0;
	shown = 0;
	for (size_t i = 0; i < nv; i++) {
		bool ours = false;
		for (size_t k = 0; k < v[i].n_persons && !ours; k++)
			for (size_t m = 0; m < ns && !ours; m++)
				ours = v[i].persons[k].student_id == ids[m];
		if (ours && v[i].case_id == 0) {
			if (shown++ == 0)
				pw_html_raw(b, "<ul class=\"case-list\">");
			pw_day d = 0;
			pw_day_parse(v[i].filed_on, &d);
			pw_html_printf(b, "<li><span class=\"when\">%s</span> ", pw_ui_day_short(ar, d));
			for (size_t k = 0; k < v[i].n_persons; k++)
				pw_html_printf(b, "%s%s (%s)", k ? ", " : "", v[i].persons[k].student_id ? v[i].persons[k].name : v[i].persons[k].extern_desc,
					       pw_ui_sitrole_title(p, v[i].persons[k].rol));
			if (v[i].description && v[i].description[0])
				pw_html_printf(b, "<span class=\"excerpt\">%s</span>", v[i].description);
			pw_html_raw(b, "</li>");
		}
		json_decref(v[i].data);
	}
	if (shown)
		pw_html_raw(b, "</ul>");
	else
		pw_html_printf(b, "<p>%s</p>", T.suspicions_none);
	pw_html_raw(b, "</section>");
	pw_prevention_section(r, &a, p, cls.name, sv, ns, fail);
	pw_page_end(r, status);
}

void pw_h_klas(struct pw_req *r)
{
	struct pw_actor a;
	if (!pw_ui_auth(r, &a))
		return;
	pw_klas_render(r, &a, r->params[0], NULL, 200);
}
