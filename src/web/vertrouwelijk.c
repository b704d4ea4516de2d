/* On the case page: the vertrouwenspersoon's confidential entries (they write
 * them; with the student's consent, named colleagues read them), and for
 * those who read the audit log (Lekpoort: mt) the page of who read and
 * changed the case. The operations are app/confidential.c's, the same as the
 * API's; who may is auth's (pw_keeps_confidential, pw_reads_audit). */
#include <string.h>

#include "app/confidential.h"
#include "store/people.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "web/vertrouwelijk.h"

static const struct {
	const char *section, *hint_keeper, *hint_shared, *none, *about, *nobody, *add, *student, *student_none, *text,
		*text_hint, *save, *share, *share_hint, *share_btn, *shared_with, *by, *audit_link, *audit_title,
		*audit_lead, *col_at, *col_who, *col_what, *col_detail, *audit_none, *back, *e_text, *e_who, *saved;
} T_nl = {
	.section = N_("Vertrouwelijk"),
	.hint_keeper = N_("Wat een leerling jou als vertrouwenspersoon vertelt, blijft bij jou. Alleen als de leerling "
		       "het goedvindt, lezen collega's die je noemt een aantekening mee."),
	.hint_shared = N_("Aantekeningen van de vertrouwenspersoon die de leerling met jou wilde delen."),
	.none = N_("Nog geen aantekeningen."),
	.about = N_("over %s"),
	.nobody = N_("geen leerling genoemd"),
	.add = N_("Aantekening toevoegen"),
	.student = N_("Over welke leerling?"),
	.student_none = N_("(geen)"),
	.text = N_("Aantekening"),
	.text_hint = N_("Alleen jij leest dit, tot de leerling toestemming geeft om het te delen."),
	.save = N_("Opslaan"),
	.share = N_("Delen met toestemming van de leerling"),
	.share_hint = N_("Vink aan met wie de leerling het delen goedvindt."),
	.share_btn = N_("Toestemming vastleggen"),
	.shared_with = N_("Gedeeld met: %s"),
	.by = N_("%s, %s"),
	.audit_link = N_("Wie zag en wijzigde deze casus (auditlog)"),
	.audit_title = N_("Auditlog van casus %lld"),
	.audit_lead = N_("Elke keer dat iemand deze casus las of wijzigde, nieuwste eerst. Deze pagina openen staat er zelf "
		      "ook in."),
	.col_at = N_("Wanneer"),
	.col_who = N_("Wie"),
	.col_what = N_("Wat"),
	.col_detail = N_("Toelichting"),
	.audit_none = N_("Nog niets vastgelegd."),
	.back = N_("Terug naar de casus"),
	.e_text = N_("Schrijf de aantekening."),
	.e_who = N_("Vink ten minste één collega aan."),
	.saved = N_("Opgeslagen."),
};
#define T PW_TR_TABLE(T_nl)

/* The colleagues an entry can be shared with: the case's owner and the
 * mentors of its students (each once, the author left out). */
static size_t colleagues(const struct pw_actor *a, const struct pw_loaded_case *lc, int64_t *out, size_t max)
{
	size_t n = 0;
	int64_t cand[2 + 2 * 32];
	size_t nc = 0;
	cand[nc++] = lc->row.owner_id;
	for (size_t i = 0; i < lc->c.n_persons && nc + 2 <= sizeof cand / sizeof cand[0]; i++)
		for (int k = 0; k < 2; k++)
			cand[nc++] = lc->c.persons[i].mentor[k];
	for (size_t i = 0; i < nc && n < max; i++) {
		bool dup = cand[i] == 0 || cand[i] == a->user_id;
		for (size_t k = 0; k < n && !dup; k++)
			dup = out[k] == cand[i];
		if (!dup)
			out[n++] = cand[i];
	}
	return n;
}

static const char *student_name(const struct pw_loaded_case *lc, int64_t id)
{
	for (size_t i = 0; i < lc->c.n_persons; i++)
		if (id && lc->c.persons[i].student_id == id)
			return lc->c.persons[i].name;
	return NULL;
}

void pw_confidential_section(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc,
			     const struct pw_confidential_fail *fail)
{
	struct pw_err err;
	struct pw_buf *b = &r->out;
	struct pw_arena *ar = &r->arena;
	bool keeper = pw_keeps_confidential(a, lc->p, lc->row.school_id);
	struct pw_confidential *v;
	size_t n = 0;
	if (pw_store_confidential_for(r->app->store, ar, lc->row.id, a->user_id, &v, &n, &err) != PW_OK)
		n = 0;
	if (keeper || n) {
		pw_html_printf(b, "<section class=\"card no-print\" id=\"vertrouwelijk\" aria-labelledby=\"h-vertrouwelijk\">"
				  "<h2 id=\"h-vertrouwelijk\">%s</h2><p class=\"hint\">%s</p>",
			       T.section, keeper ? T.hint_keeper : T.hint_shared);
		if (fail && fail->msg)
			pw_html_printf(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2>"
					  "<p>%s</p></div>",
				       _("Dat lukte niet"), fail->msg);
		else if (pw_req_query(r, "klaar") && strcmp(pw_req_query(r, "klaar"), "vertrouwelijk") == 0)
			pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>", T.saved);
		if (n == 0)
			pw_html_printf(b, "<p>%s</p>", T.none);
		int64_t col[66];
		size_t ncol = keeper ? colleagues(a, lc, col, sizeof col / sizeof col[0]) : 0;
		for (size_t i = 0; i < n; i++) {
			const char *who = student_name(lc, v[i].student_id);
			pw_html_printf(b, "<article class=\"entry\" id=\"aantekening-%lld\"><p class=\"meta\">", (long long)v[i].id);
			pw_html_printf(b, T.by, pw_ui_user_name(r, v[i].author_id), pw_ui_time(ar, v[i].created_at));
			pw_html_raw(b, " · ");
			if (who)
				pw_html_printf(b, T.about, who);
			else
				pw_html_text(b, T.nobody);
			pw_html_printf(b, "</p><p class=\"prewrap\">%s</p>", v[i].text);
			if (keeper && v[i].author_id == a->user_id && ncol) {
				pw_html_printf(b, "<details class=\"aside\"><summary>%s</summary><form method=\"post\" "
						  "action=\"/casus/%lld/vertrouwelijk/%lld\"><fieldset class=\"field\"><legend>%s</legend>",
					       T.share, (long long)lc->row.id, (long long)v[i].id, T.share_hint);
				pw_form_csrf(r, a);
				for (size_t k = 0; k < ncol; k++)
					pw_html_printf(b, "<div class=\"check\"><input type=\"checkbox\" name=\"collega\" value=\"%lld\" "
							  "id=\"deel-%lld-%lld\"><label for=\"deel-%lld-%lld\">%s</label></div>",
						       (long long)col[k], (long long)v[i].id, (long long)col[k], (long long)v[i].id,
						       (long long)col[k], pw_ui_user_name(r, col[k]));
				pw_html_printf(b, "</fieldset><button type=\"submit\" class=\"small\">%s</button></form></details>",
					       T.share_btn);
			}
			pw_html_raw(b, "</article>");
		}
		if (keeper && !lc->c.closed) {
			bool bad = fail && fail->msg && fail->add;
			pw_html_printf(b, "<details class=\"aside\"%s><summary>%s</summary><form method=\"post\" "
					  "action=\"/casus/%lld/vertrouwelijk\" novalidate>",
				       bad ? " open" : "", T.add, (long long)lc->row.id);
			pw_form_csrf(r, a);
			pw_html_printf(b, "<div class=\"field\"><label for=\"vt-student\">%s</label><select id=\"vt-student\" "
					  "name=\"leerling\"><option value=\"\">%s</option>",
				       T.student, T.student_none);
			for (size_t i = 0; i < lc->c.n_persons; i++) {
				const struct pw_person *pp = &lc->c.persons[i];
				if (pp->student_id)
					pw_html_printf(b, "<option value=\"%lld\">%s</option>", (long long)pp->student_id,
						       pp->name ? pp->name : "");
			}
			pw_html_printf(b, "</select></div><div class=\"field%s\"><label for=\"vt-text\">%s</label>"
					  "<span class=\"hint\" id=\"vt-text-hint\">%s</span>",
				       bad ? " has-error" : "", T.text, T.text_hint);
			if (bad)
				pw_html_printf(b, "<span class=\"field-error\" id=\"vt-text-error\">%s</span>", fail->msg);
			pw_html_printf(b, "<textarea id=\"vt-text\" name=\"text\" rows=\"5\" maxlength=\"20000\" "
					  "aria-describedby=\"vt-text-hint%s\">%s</textarea></div><button type=\"submit\">%s</button>"
					  "</form></details>",
				       bad ? " vt-text-error" : "", bad && fail->typed ? fail->typed : "", T.save);
		}
		pw_html_raw(b, "</section>");
	}
	if (pw_reads_audit(a, lc->p, lc->row.school_id))
		pw_html_printf(b, "<p class=\"after no-print\"><a href=\"/casus/%lld/inzage\">%s</a></p>", (long long)lc->row.id,
			       T.audit_link);
}

/* POST /casus/{id}/vertrouwelijk (a new entry) and /casus/{id}/vertrouwelijk/{eid} (consent). */
void pw_h_vertrouwelijk_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_fields f;
	struct pw_err err;
	struct pw_loaded_case *lc;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 32, &f) || !pw_casus_load(r, &a, &lc))
		return;
	const char *back = pw_printf(&r->arena, "/casus/%lld", (long long)lc->row.id);
	enum pw_status st;
	struct pw_confidential_fail fl = {0};
	if (r->params[1] == NULL) {
		const char *text = pw_ui_get(&r->arena, &f, "text");
		int64_t id;
		fl.add = true;
		fl.typed = text;
		st = text ? pw_conf_add(r->app->store, &a, lc, pw_ui_id(pw_fields_get(&f, "leerling")), text, &id, &err)
			  : pw_err_field(&err, PW_EINVAL, "text", "%s", T.e_text);
	} else {
		size_t n;
		const char **v = pw_ui_values(&r->arena, &f, "collega", &n);
		int64_t *users = pw_calloc(&r->arena, n ? n : 1, sizeof *users);
		for (size_t i = 0; i < n; i++)
			users[i] = pw_ui_id(v[i]);
		st = n ? pw_conf_consent(r->app->store, &r->arena, &a, lc, pw_ui_id(r->params[1]), users, n, &err)
		       : pw_err_field(&err, PW_EINVAL, "shared_with", "%s", T.e_who);
	}
	if (st == PW_OK) {
		pw_resp_redirect(r, pw_printf(&r->arena, "%s?klaar=vertrouwelijk#vertrouwelijk", back));
		return;
	}
	if (st != PW_EINVAL) {
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.section, err.msg, back);
		return;
	}
	/* The case page again, with the message at this section. */
	fl.msg = pw_strdup(&r->arena, err.msg);
	pw_casus_render_failed(r, &a, lc, &fl);
}

/* GET /casus/{id}/inzage: the audit log of the case, for pw_reads_audit. */
void pw_h_inzage(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	struct pw_loaded_case *lc;
	if (!pw_ui_auth(r, &a) || !pw_casus_load(r, &a, &lc))
		return;
	const char *back = pw_printf(&r->arena, "/casus/%lld", (long long)lc->row.id);
	if (!pw_reads_audit(&a, lc->p, lc->row.school_id)) {
		pw_ui_error_page(r, &a, 403, T.section, _("Het auditlog lezen mag het MT (management)."), back);
		return;
	}
	struct pw_audit_row *v;
	size_t n = 0;
	if (pw_store_audit_of(r->app->store, &r->arena, "case", lc->row.id, 500, 0, &v, &n, &err) != PW_OK) {
		pw_ui_error_page(r, &a, 500, T.section, err.msg, back);
		return;
	}
	struct pw_buf *b = &r->out;
	const char *title = pw_printf(&r->arena, T.audit_title, (long long)lc->row.id);
	pw_page_begin(r, title, &a);
	pw_html_printf(b, "<p class=\"back\"><a href=\"%s\">%s</a></p><div class=\"page-head\"><h1>%s</h1><p class=\"lead\">%s</p>"
			  "</div><section class=\"card\" aria-labelledby=\"h-audit\"><h2 id=\"h-audit\" class=\"sr-only\">%s</h2>",
		       back, T.back, title, T.audit_lead, title);
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", T.audit_none);
	else
		pw_html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"h-audit\"><table><thead>"
				  "<tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				  "<th scope=\"col\">%s</th></tr></thead><tbody>",
			       T.col_at, T.col_who, T.col_what, T.col_detail);
	for (size_t i = 0; i < n; i++)
		pw_html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", pw_ui_time(&r->arena, v[i].at_ms / 1000),
			       v[i].login ? v[i].login : "", v[i].action ? v[i].action : "", v[i].detail ? v[i].detail : "");
	if (n)
		pw_html_raw(b, "</tbody></table></div>");
	pw_html_raw(b, "</section>");
	pw_page_end(r, 200);
}
