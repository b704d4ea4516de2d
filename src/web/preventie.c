/* Prevention in the pages (PROTOCOL.md section 4; issue 8): the class's
 * activities on the Klas page, where its mentor records one (done with its
 * date, or not held with the reason; agreements with who signed them), the
 * overview of classes and colleagues behind for those who read the figures
 * (Lekpoort: apc and mt), and staff confirming that they know the protocol
 * version in force.
 *
 * The operations are the API's (api/prevention.c), so what applies, when it
 * is due and who may are decided in one place; this file asks and shows. */
#include <string.h>

#include "auth/auth.h"
#include "core/school_protocol.h"
#include "store/prevention.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/preventie.h"
#include "web/ui.h"
#include "util/i18n.h"

static const struct {
	const char *section, *section_hint, *none, *due, *when, *wish, *ongoing, *done_on, *skipped, *open, *overdue,
		*said, *record, *st_done, *st_skip, *on, *note, *note_hint, *agreements, *agreements_hint, *signed_by,
		*save, *saved, *signed_n, *link, *by;
	const char *ov_title, *ov_lead, *ov_classes, *ov_behind_n, *ov_none_behind, *ov_col_class, *ov_col_mentor,
		*ov_col_behind, *ov_col_done, *ov_staff, *ov_staff_n, *ov_all_confirmed, *ov_year;
	const char *confirm_title, *confirm_text, *confirm_btn, *confirmed;
} T_nl = {
	.section = N_("Preventie in deze klas"),
	.section_hint = N_("Wat het protocol elk schooljaar met de klas doet. Leg vast wat gedaan is; wat niet doorgaat, "
			"met de reden."),
	.none = N_("Het protocol plant dit schooljaar geen activiteiten voor deze klas."),
	.due = N_("uiterlijk %s"),
	.when = N_("%s"),
	.wish = N_("Wens"),
	.ongoing = N_("Het hele jaar"),
	.done_on = N_("Gedaan op %s"),
	.skipped = N_("Niet gedaan"),
	.open = N_("Open"),
	.overdue = N_("Te laat"),
	.said = N_("Wat het protocol zegt"),
	.record = N_("Vastleggen"),
	.st_done = N_("Gedaan"),
	.st_skip = N_("Gaat niet door"),
	.on = N_("Op welke dag?"),
	.note = N_("Toelichting"),
	.note_hint = N_("Verplicht als het niet doorgaat: waarom niet?"),
	.agreements = N_("Afspraken met de klas (als die zijn gemaakt)"),
	.agreements_hint = N_("De tekst die de klas samen opstelde; vink aan wie hem ondertekende."),
	.signed_by = N_("Ondertekend door"),
	.save = N_("Opslaan"),
	.saved = N_("Vastgelegd."),
	.signed_n = N_("ondertekend door %zu leerlingen"),
	.link = N_("Meer informatie"),
	.by = N_("Toelichting: %s"),
	.ov_title = N_("Preventie: wie loopt achter"),
	.ov_lead = N_("Per klas de activiteiten van het protocol die over hun datum zijn, en welke collega's de huidige "
		   "versie van het protocol nog niet bevestigden."),
	.ov_classes = N_("Klassen"),
	.ov_behind_n = N_("%zu van de %zu klassen lopen achter."),
	.ov_none_behind = N_("Geen klas loopt achter."),
	.ov_col_class = N_("Klas"),
	.ov_col_mentor = N_("Mentor"),
	.ov_col_behind = N_("Te laat"),
	.ov_col_done = N_("Vastgelegd"),
	.ov_staff = N_("Collega's en het protocol"),
	.ov_staff_n = N_("%lld collega's bevestigden versie %s; %lld nog niet:"),
	.ov_all_confirmed = N_("Alle collega's bevestigden versie %s."),
	.ov_year = N_("Schooljaar %s"),
	.confirm_title = N_("Ken je het anti-pestprotocol?"),
	.confirm_text = N_("Versie %s van het protocol geldt nu. Lees het en bevestig dat je het kent: het protocol vraagt "
			"dat iedere collega weet wat te doen bij pesten."),
	.confirm_btn = N_("Ik ken deze versie van het protocol"),
	.confirmed = N_("Bedankt: je bevestigde dat je het protocol kent."),
};
#define T PW_TR_TABLE(T_nl)

static const char *typed(const struct pw_prev_fail *f, const char *key, const char *field)
{
	return f && f->typed && strcmp(f->key, key) == 0 ? pw_fields_get(f->typed, field) : NULL;
}

static void record_form(struct pw_req *r, const struct pw_actor *a, const char *cls, const char *key,
			const struct pw_student *st, size_t ns, const struct pw_prev_fail *fail)
{
	struct pw_buf *b = &r->out;
	struct pw_arena *ar = &r->arena;
	bool mine = fail && strcmp(fail->key, key) == 0;
	struct pw_ui_errors e = {0};
	const char *id = pw_printf(ar, "prev-%s", key);
	if (mine)
		pw_ui_error_add(&e, pw_printf(ar, "%s-%s", id, fail->field), fail->msg);
	pw_html_printf(b, "<details class=\"aside\"%s><summary>%s<span class=\"sr-only\">: %s</span></summary>",
		       mine ? " open" : "", T.record, key);
	if (mine)
		pw_ui_error_summary(b, &e);
	pw_html_printf(b, "<form method=\"post\" action=\"/klas/%s/preventie/%s\" id=\"%s\" novalidate>", cls, key, id);
	pw_form_csrf(r, a);
	const char *st_v = typed(fail, key, "status");
	bool skip = st_v && strcmp(st_v, "skipped") == 0;
	pw_html_printf(b, "<fieldset class=\"field\"><legend class=\"sr-only\">%s</legend>"
			  "<div class=\"check radio\"><input type=\"radio\" name=\"status\" value=\"done\" id=\"%s-done\"",
		       T.record, id);
	if (!skip)
		pw_html_raw(b, " checked");
	pw_html_printf(b, "><label for=\"%s-done\">%s</label></div><div class=\"check radio\"><input type=\"radio\" "
			  "name=\"status\" value=\"skipped\" id=\"%s-skipped\"",
		       id, T.st_done, id);
	if (skip)
		pw_html_raw(b, " checked");
	pw_html_printf(b, "><label for=\"%s-skipped\">%s</label></div></fieldset>", id, T.st_skip);
	const char *on_id = pw_printf(ar, "%s-on", id), *note_id = pw_printf(ar, "%s-note", id),
		   *ag_id = pw_printf(ar, "%s-agreements", id);
	const char *on = typed(fail, key, "on");
	pw_ui_field_begin(b, &e, on_id, T.on, NULL);
	pw_html_printf(b, "<input type=\"date\" id=\"%s\" name=\"on\" value=\"%s\" max=\"%s\"", on_id, on ? on : pw_today(r),
		       pw_today(r));
	pw_ui_described(b, &e, on_id, NULL);
	pw_html_raw(b, ">");
	pw_ui_field_end(b);
	pw_ui_field_begin(b, &e, note_id, T.note, T.note_hint);
	pw_html_printf(b, "<textarea id=\"%s\" name=\"note\" rows=\"2\" maxlength=\"2000\"", note_id);
	pw_ui_described(b, &e, note_id, "hint");
	const char *note = typed(fail, key, "note");
	pw_html_printf(b, ">%s</textarea>", note ? note : "");
	pw_ui_field_end(b);
	const char *ag = typed(fail, key, "agreements");
	pw_html_printf(b, "<details class=\"aside\"%s><summary>%s</summary>", ag ? " open" : "", T.agreements);
	pw_ui_field_begin(b, &e, ag_id, T.agreements, T.agreements_hint);
	pw_html_printf(b, "<textarea id=\"%s\" name=\"agreements\" rows=\"4\" maxlength=\"10000\"", ag_id);
	pw_ui_described(b, &e, ag_id, "hint");
	pw_html_printf(b, ">%s</textarea>", ag ? ag : "");
	pw_ui_field_end(b);
	if (ns) {
		pw_html_printf(b, "<fieldset class=\"field\" id=\"%s-signed\"><legend>%s</legend><div class=\"check-grid\">", id,
			       T.signed_by);
		for (size_t i = 0; i < ns; i++) {
			const char *sid = pw_printf(ar, "%lld", (long long)st[i].id);
			pw_html_printf(b, "<div class=\"check\"><input type=\"checkbox\" name=\"signed\" value=\"%s\" id=\"%s-s%s\"",
				       sid, id, sid);
			if (mine && fail->typed && pw_ui_has_value(fail->typed, "signed", sid))
				pw_html_raw(b, " checked");
			pw_html_printf(b, "><label for=\"%s-s%s\">%s</label></div>", id, sid, pw_student_name(ar, &st[i]));
		}
		pw_html_raw(b, "</div></fieldset>");
	}
	pw_html_printf(b, "</details><button type=\"submit\" class=\"small\">%s</button></form></details>", T.save);
}

void pw_prevention_section(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol *p, const char *name,
			   const struct pw_student *students, size_t n_students, const struct pw_prev_fail *fail)
{
	struct pw_err err;
	json_t *o = pw_prevention_class(r, a, name, NULL, NULL, &err);
	if (o == NULL)
		return;
	struct pw_buf *b = &r->out;
	struct pw_arena *ar = &r->arena;
	/* Recording is the mentor's: the access function says, per class. */
	json_t *mentors = json_object_get(o, "mentors");
	int64_t m[2] = {0, 0};
	for (size_t i = 0; i < 2 && i < json_array_size(mentors); i++)
		m[i] = json_integer_value(json_array_get(mentors, i));
	bool may_record = pw_access_prevention(a, p, pw_actor_school(a), m, PW_PREV_RECORD, &err) == PW_OK;
	pw_html_printf(b, "<section class=\"card\" id=\"preventie\" aria-labelledby=\"h-preventie\"><h2 id=\"h-preventie\">%s</h2>"
			  "<p class=\"hint\">%s</p>",
		       T.section, T.section_hint);
	const char *klaar = pw_req_query(r, "klaar");
	if (klaar && strcmp(klaar, "preventie") == 0)
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>", T.saved);
	json_t *items = json_object_get(o, "items");
	if (json_array_size(items) == 0)
		pw_html_printf(b, "<p>%s</p>", T.none);
	else
		pw_html_raw(b, "<ol class=\"task-list\">");
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *t = json_array_get(items, i);
		const char *key = json_string_value(json_object_get(t, "key")), *status = json_string_value(json_object_get(t, "status"));
		const char *due = json_string_value(json_object_get(t, "due_on")), *wanneer = json_string_value(json_object_get(t, "wanneer"));
		bool overdue = json_is_true(json_object_get(t, "overdue")), advised = json_is_true(json_object_get(t, "advised"));
		const struct pw_prevention *pv = pw_protocol_prevention(p, key);
		pw_html_printf(b, "<li class=\"task\" id=\"preventie-%s\"><div class=\"task-name\"><span class=\"step-title\">%s</span>",
			       key, json_string_value(json_object_get(t, "titel")));
		pw_day d;
		if (due && pw_day_parse(due, &d) == 0) {
			pw_html_raw(b, "<span class=\"why\">");
			pw_html_printf(b, T.due, pw_ui_day_short(ar, d));
			if (wanneer)
				pw_html_printf(b, " · %s", wanneer);
			pw_html_raw(b, "</span>");
		} else if (json_is_true(json_object_get(t, "ongoing"))) {
			pw_html_printf(b, "<span class=\"why\">%s</span>", T.ongoing);
		} else if (wanneer) {
			pw_html_printf(b, "<span class=\"why\">%s</span>", wanneer);
		}
		pw_html_raw(b, "</div><div class=\"task-status\">");
		if (strcmp(status, "done") == 0) {
			const char *on = json_string_value(json_object_get(t, "on"));
			pw_ui_tag(b, "done", on && pw_day_parse(on, &d) == 0 ? pw_printf(ar, T.done_on, pw_ui_day_short(ar, d)) : T.st_done);
		} else if (strcmp(status, "skipped") == 0) {
			pw_ui_tag(b, "skipped", T.skipped);
		} else {
			pw_ui_tag(b, overdue ? "overdue" : advised ? "optional" : "open", overdue ? T.overdue : advised ? T.wish : T.open);
		}
		pw_html_raw(b, "</div>");
		const char *note = json_string_value(json_object_get(t, "note")),
			   *ag = json_string_value(json_object_get(t, "agreements"));
		if (note) {
			pw_html_raw(b, "<p class=\"excerpt\">");
			pw_html_printf(b, T.by, note);
			pw_html_raw(b, "</p>");
		}
		if (ag) {
			pw_html_printf(b, "<details class=\"aside\"><summary>%s<span class=\"sr-only\"> (%s)</span></summary>"
					  "<p class=\"prewrap\">%s</p><p class=\"meta\">",
				       T.agreements, key, ag);
			pw_html_printf(b, T.signed_n, json_array_size(json_object_get(t, "signed")));
			pw_html_raw(b, "</p></details>");
		}
		if (pv && pv->tekst) {
			pw_html_printf(b, "<details class=\"aside\"><summary>%s<span class=\"sr-only\">: %s</span></summary>", T.said,
				       PW_UI_TITLE(pv));
			pw_ui_prose(b, pv->tekst);
			if (pv->url)
				pw_html_printf(b, "<p><a href=\"%s\" rel=\"noopener\">%s</a></p>", pv->url, T.link);
			pw_html_raw(b, "</details>");
		}
		if (may_record && strcmp(status, "open") == 0) {
			pw_html_raw(b, "<div class=\"actions\">");
			record_form(r, a, name, key, students, n_students, fail);
			pw_html_raw(b, "</div>");
		}
		pw_html_raw(b, "</li>");
	}
	if (json_array_size(items))
		pw_html_raw(b, "</ol>");
	pw_html_raw(b, "</section>");
	json_decref(o);
}

/* POST /klas/{name}/preventie/{key}: the mentor records an activity. */
void pw_h_klas_preventie_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_fields f;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 160, &f))
		return;
	const char *name = r->params[0], *key = r->params[1];
	json_t *j = json_object();
	const char *fields[] = {"status", "on", "note", "agreements"};
	for (size_t i = 0; i < 4; i++) {
		const char *v = pw_ui_get(&r->arena, &f, fields[i]);
		json_t *jv = v ? json_string(v) : NULL; /* NULL too for text that is not UTF-8: refused as missing */
		if (jv)
			json_object_set_new(j, fields[i], jv);
	}
	size_t n;
	const char **sv = pw_ui_values(&r->arena, &f, "signed", &n);
	if (n) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_integer(pw_ui_id(sv[i])));
		json_object_set_new(j, "signed", arr);
	}
	json_t *o = pw_prevention_record(r, &a, name, key, j, NULL, &err);
	json_decref(j);
	if (o) {
		json_decref(o);
		pw_resp_redirect(r, pw_printf(&r->arena, "/klas/%s?klaar=preventie#preventie-%s", name, key));
		return;
	}
	if (err.code != PW_EINVAL) {
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.section, err.msg, pw_printf(&r->arena, "/klas/%s", name));
		return;
	}
	/* The API's field names are the form's, except the form's own ids. */
	struct pw_prev_fail fl = {key, err.field[0] ? pw_strdup(&r->arena, err.field) : "note", pw_strdup(&r->arena, err.msg), &f};
	if (strcmp(fl.field, "status") == 0 || strcmp(fl.field, "signed") == 0)
		fl.field = "note";
	pw_klas_render(r, &a, name, &fl, 400);
}

/* GET /preventie[?schoolyear=]: the overview for those who read figures. */
void pw_h_preventie(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_ui_auth(r, &a))
		return;
	json_t *o = pw_prevention_overview(r, &a, pw_req_query(r, "schoolyear"), NULL, &err);
	if (o == NULL) {
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.ov_title, err.msg, "/");
		return;
	}
	struct pw_buf *b = &r->out;
	struct pw_arena *ar = &r->arena;
	pw_page_begin(r, T.ov_title, &a);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><p class=\"meta\">", T.ov_title);
	pw_html_printf(b, T.ov_year, json_string_value(json_object_get(o, "schoolyear")));
	pw_html_printf(b, "</p><p class=\"lead\">%s</p></div>", T.ov_lead);
	json_t *cls = json_object_get(o, "classes");
	size_t behind = (size_t)json_integer_value(json_object_get(o, "classes_behind"));
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-klassen\"><h2 id=\"h-klassen\">%s</h2><p>", T.ov_classes);
	if (behind)
		pw_html_printf(b, T.ov_behind_n, behind, json_array_size(cls));
	else
		pw_html_text(b, T.ov_none_behind);
	pw_html_raw(b, "</p>");
	if (behind)
		pw_html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"h-klassen\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			       T.ov_col_class, T.ov_col_mentor, T.ov_col_behind, T.ov_col_done);
	for (size_t i = 0; i < json_array_size(cls); i++) {
		json_t *c = json_array_get(cls, i), *bh = json_object_get(c, "behind");
		if (json_array_size(bh) == 0)
			continue;
		const char *cn = json_string_value(json_object_get(c, "class"));
		json_t *ms = json_object_get(c, "mentors");
		const char *mn = "";
		for (size_t k = 0; k < json_array_size(ms); k++) {
			const char *nm = pw_ui_user_name(r, json_integer_value(json_array_get(ms, k)));
			mn = mn[0] ? pw_printf(ar, "%s, %s", mn, nm) : nm;
		}
		pw_html_printf(b, "<tr><th scope=\"row\"><a href=\"/klas/%s#preventie\">%s</a></th><td>%s</td><td><ul class=\"plain\">",
			       cn, cn, mn);
		for (size_t k = 0; k < json_array_size(bh); k++) {
			json_t *t = json_array_get(bh, k);
			pw_day d;
			const char *due = json_string_value(json_object_get(t, "due_on"));
			pw_html_printf(b, "<li>%s <span class=\"meta\">(%s)</span></li>", json_string_value(json_object_get(t, "titel")),
				       due && pw_day_parse(due, &d) == 0 ? pw_ui_day_short(ar, d) : "");
		}
		pw_html_printf(b, "</ul></td><td>%lld / %lld</td></tr>", (long long)json_integer_value(json_object_get(c, "recorded")),
			       (long long)json_integer_value(json_object_get(c, "activities")));
	}
	if (behind)
		pw_html_raw(b, "</tbody></table></div>");
	pw_html_raw(b, "</section>");

	const char *versie = json_string_value(json_object_get(o, "versie"));
	long long nc = json_integer_value(json_object_get(o, "confirmed")), nn = json_integer_value(json_object_get(o, "not_confirmed"));
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-collegas\"><h2 id=\"h-collegas\">%s</h2><p>", T.ov_staff);
	if (nn == 0) {
		pw_html_printf(b, T.ov_all_confirmed, versie);
		pw_html_raw(b, "</p>");
	} else {
		pw_html_printf(b, T.ov_staff_n, nc, versie, nn);
		pw_html_raw(b, "</p><ul class=\"inline-list\">");
		json_t *col = json_object_get(o, "colleagues");
		for (size_t i = 0; i < json_array_size(col); i++) {
			json_t *c = json_array_get(col, i);
			if (!json_is_true(json_object_get(c, "confirmed")))
				pw_html_printf(b, "<li>%s</li>", json_string_value(json_object_get(c, "name")));
		}
		pw_html_raw(b, "</ul>");
	}
	pw_html_raw(b, "</section>");
	json_decref(o);
	pw_page_end(r, 200);
}

bool pw_prevention_unconfirmed(struct pw_req *r, const struct pw_actor *a, const char **versie)
{
	struct pw_err err;
	for (size_t i = 0; i < a->nfuncties; i++) {
		if (!pw_functie_confirms_protocol(a->functies[i].functie))
			continue;
		int64_t school = a->functies[i].school_id, vid = 0, at = 0;
		const struct pw_protocol *p = pw_school_protocol(r->app->store, school, &vid, &err);
		if (p == NULL || pw_store_protocol_confirmed(r->app->store, a->user_id, school, vid, &at, &err) != PW_OK)
			return false;
		*versie = p->versie ? p->versie : "";
		return at == 0;
	}
	return false;
}

/* The reminder on Mijn taken (and the Protocol page) until confirmed. */
void pw_prevention_confirm_box(struct pw_req *r, const struct pw_actor *a)
{
	const char *versie;
	if (!pw_prevention_unconfirmed(r, a, &versie))
		return;
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"notice-box info\" aria-labelledby=\"h-bevestig\"><h2 id=\"h-bevestig\">%s</h2><p>",
		       T.confirm_title);
	pw_html_printf(b, T.confirm_text, versie);
	pw_html_printf(b, " <a href=\"/protocol\">%s</a>.</p><form method=\"post\" action=\"/protocol/bevestig\">",
		       _("Lees het protocol"));
	pw_form_csrf(r, a);
	pw_html_printf(b, "<button type=\"submit\">%s</button></form></section>", T.confirm_btn);
}

/* POST /protocol/bevestig. */
void pw_h_protocol_confirm_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_fields f;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 4, &f))
		return;
	json_t *o = pw_protocol_confirm(r, &a, NULL, &err);
	if (o == NULL) {
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.confirm_title, err.msg, "/");
		return;
	}
	json_decref(o);
	pw_resp_redirect(r, "/?klaar=bevestigd");
}
