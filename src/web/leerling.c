/* Leerling: a student as every colleague may see them (PROTOCOL.md section
 * 6): class and mentors, the "let op, neem contact op met" notice when the
 * student is in an open case, the student's cases the user may see (each
 * through pw_case_open), and the suspicions about the student that the user
 * may read (their own, of a class they mentor, or all for the CLZ and MT). */
#include <string.h>

#include "app/casework.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The words of this page, in one place. */
static const struct {
	const char *not_found, *not_found_msg, *class_, *mentors, *no_mentor, *attention, *attention_clz, *cases,
		*cases_none, *suspicions, *melden;
} T_nl = {
	.not_found = N_("Niet gevonden"),
	.not_found_msg = N_("Deze leerling bestaat niet op jouw school."),
	.class_ = N_("Klas"),
	.mentors = N_("Mentor"),
	.no_mentor = N_("geen mentor bekend"),
	.attention = N_("Let op: neem contact op met %s."),
	.attention_clz = N_("Let op: neem contact op met de CLZ."),
	.cases = N_("Casussen die je mag inzien"),
	.cases_none = N_("Geen casussen die je mag inzien."),
	.suspicions = N_("Verdenkingen"),
	.melden = N_("Pesten melden over deze leerling"),
};
#define T PW_TR_TABLE(T_nl)

void pw_h_leerling(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_ui_auth(r, &a))
		return;
	struct pw_student st;
	int64_t id = pw_ui_id(r->params[0]);
	if (id == 0 || pw_access(&a, PW_ACT_STUDENT_FIND, 0, &err) != PW_OK ||
	    pw_store_student_get(r->app->store, &r->arena, id, pw_today(r), &st, &err) != PW_OK || st.class_id == 0 ||
	    !pw_actor_has_school(&a, st.school_id)) {
		pw_ui_error_page(r, &a, 404, T.not_found, T.not_found_msg, "/");
		return;
	}
	struct pw_buf *b = &r->out;
	const char *name = pw_student_name(&r->arena, &st);
	pw_page_begin(r, name, &a);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", name,
		       T.class_, st.class_name, T.mentors);
	const char *m0 = pw_ui_user_name(r, st.mentor[0]), *m1 = pw_ui_user_name(r, st.mentor[1]);
	pw_html_printf(b, "%s%s%s</dd></dl></div>", m0[0] ? m0 : T.no_mentor, m1[0] ? ", " : "", m1);
	int64_t owner = 0;
	if (pw_store_student_attention(r->app->store, id, &owner, &err)) {
		const char *who = pw_ui_user_name(r, owner);
		pw_html_raw(b, "<div class=\"notice-box\" role=\"note\"><p><strong>");
		if (who[0])
			pw_html_printf(b, T.attention, who);
		else
			pw_html_text(b, T.attention_clz);
		pw_html_raw(b, "</strong></p></div>");
	}
	pw_html_printf(b, "<div class=\"actions-bar\"><a class=\"button primary\" href=\"/melden?leerling=%lld\">%s</a></div>",
		       (long long)id, T.melden);

	/* The cases the user may see. */
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-casussen\"><h2 id=\"h-casussen\">%s</h2>", T.cases);
	int64_t *ids;
	size_t n = 0, shown = 0;
	if (pw_store_cases_of_students(r->app->store, &r->arena, &id, 1, &ids, &n, &err) != PW_OK)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		struct pw_loaded_case lc;
		if (pw_case_open(r->app->store, &r->arena, &a, ids[i], &lc, &err) != PW_OK)
			continue;
		if (shown++ == 0)
			pw_html_raw(b, "<ul class=\"case-list\">");
		const char *rol = "";
		for (size_t k = 0; k < lc.c.n_persons; k++)
			if (lc.c.persons[k].student_id == id)
				rol = pw_ui_sitrole_title(lc.p, lc.c.persons[k].rol);
		pw_html_printf(b, "<li><a href=\"/casus/%lld\">%s</a> <span class=\"meta\">%s · %s · %s</span> ",
			       (long long)lc.row.id, pw_printf(&r->arena, _("Casus %lld · %s"), (long long)lc.row.id, pw_ui_case_name(&r->arena, &lc.c)),
			       rol, pw_ui_level_title(lc.p, lc.row.level), pw_printf(&r->arena, _("geopend %s"), lc.row.opened_on));
		pw_ui_tag(b, lc.c.closed ? "done" : "open", lc.c.closed ? _("gesloten") : _("open"));
		pw_html_raw(b, "</li>");
		pw_case_done(&lc);
	}
	if (shown)
		pw_html_raw(b, "</ul>");
	else
		pw_html_printf(b, "<p>%s</p>", T.cases_none);
	pw_html_raw(b, "</section>");

	/* Suspicions about the student the user may read. */
	const struct pw_protocol *p = pw_school_protocol(r->app->store, st.school_id, NULL, &err);
	bool all = p && pw_reads_school(&a, p, st.school_id);
	bool mentor = st.mentor[0] == a.user_id || st.mentor[1] == a.user_id;
	struct pw_signal_row *v;
	size_t ns = 0;
	if (pw_store_suspicions(r->app->store, &r->arena, st.school_id, id, &v, &ns, &err) != PW_OK)
		ns = 0;
	size_t sh = 0;
	for (size_t i = 0; i < ns; i++) {
		if ((all || mentor || v[i].reporter_id == a.user_id) && v[i].case_id == 0) {
			if (sh++ == 0)
				pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-verd\"><h2 id=\"h-verd\">%s</h2><ul class=\"case-list\">",
					       T.suspicions);
			pw_html_printf(b, "<li><span class=\"when\">%s</span> ", v[i].filed_on);
			pw_ui_tag(b, "info", strcmp(v[i].systematisch, "nee") == 0 ? _("niet systematisch") : _("onbekend of systematisch"));
			pw_html_printf(b, "<span class=\"excerpt\">%s</span></li>", v[i].description ? v[i].description : "");
		}
		json_decref(v[i].data);
	}
	if (sh)
		pw_html_raw(b, "</ul></section>");
	pw_page_end(r, 200);
}
