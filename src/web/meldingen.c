/* The school's side of reports by students and parents, in pages: the list
 * (for functies with `meldingen`: Lekpoort's apc and CLZ), one report with
 * its thread, the answer to the reporter, the triage (plagen, geen pesten,
 * to the CLZ, attach to a case, file as a signal through Melden), and the
 * form on which any staff member enters a report received by phone or in
 * person and hands the reporter a receipt.
 *
 * Every operation is the API's (api/reports.c: pw_report_list, _load,
 * _reply, _triage, _submit), so the rights (pw_access_report) and the audit
 * rows are the same; this file only asks and shows. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "store/reports.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The words of these pages, in one place. */
static const struct {
	const char *title, *lead, *enter, *none, *f_all, *f_new, *f_busy, *f_done, *filter, *item, *anonymous, *waiting;
	const char *st_nieuw, *st_busy, *st_done, *tr_plagen, *tr_geen, *tr_clz, *tr_case, *tr_attach;
	const char *one, *received, *occurred, *where, *who, *contact, *entered_by, *status, *told, *case_link, *thread,
		*no_msgs, *from_reporter, *from_school, *reply, *reply_label, *reply_hint, *reply_btn, *replied, *triaged,
		*judge, *judge_hint, *plagen_btn, *geen_btn, *pass_btn, *pass_hint, *h_pass, *h_file, *h_settle, *file_link, *file_hint, *attach_label,
		*attach_hint, *attach_btn, *e_case, *e_text, *back, *settled;
	const char *new_title, *new_lead, *text, *text_hint, *occ, *loc, *name, *name_hint, *contact_l, *contact_hint,
		*save, *e_required, *receipt_title, *receipt_lead, *receipt_hint, *receipt_after, *again;
} T_nl = {
	.title = N_("Meldingen van leerlingen en ouders"),
	.lead = N_("Wat leerlingen en ouders via het meldformulier (of via een collega) vertelden. Antwoord de melder, "
		"beoordeel de melding en leg haar vast als signaal of koppel haar aan een casus. De melder ziet alleen "
		"de status en jullie antwoorden, nooit de casus."),
	.enter = N_("Melding invoeren (telefoon of gesprek)"),
	.none = N_("Er zijn geen meldingen met deze status."),
	.f_all = N_("Alle"),
	.f_new = N_("Nieuw"),
	.f_busy = N_("In behandeling"),
	.f_done = N_("Afgehandeld"),
	.filter = N_("Toon meldingen"),
	.item = N_("Melding nr. %lld"),
	.anonymous = N_("anoniem"),
	.waiting = N_("wacht op antwoord"),
	.st_nieuw = N_("Nieuw"),
	.st_busy = N_("In behandeling"),
	.st_done = N_("Afgehandeld"),
	.tr_plagen = N_("Beoordeeld als plagen"),
	.tr_geen = N_("Beoordeeld als geen pesten"),
	.tr_clz = N_("Doorgegeven aan de CLZ"),
	.tr_case = N_("Vastgelegd als signaal"),
	.tr_attach = N_("Gekoppeld aan een casus"),
	.one = N_("Melding nr. %lld"),
	.received = N_("Ontvangen"),
	.occurred = N_("Gebeurd op"),
	.where = N_("Waar"),
	.who = N_("Melder"),
	.contact = N_("Contact"),
	.entered_by = N_("Ingevoerd door"),
	.status = N_("Status"),
	.told = N_("Wat de melder vertelde"),
	.case_link = N_("Casus %lld"),
	.thread = N_("Berichten"),
	.no_msgs = N_("Nog geen berichten. De melder kijkt met het bonnummer of er antwoord is."),
	.from_reporter = N_("Melder"),
	.from_school = N_("School"),
	.reply = N_("Antwoorden"),
	.reply_label = N_("Je antwoord aan de melder"),
	.reply_hint = N_("De melder leest dit met het bonnummer. Schrijf in gewone woorden; noem geen namen van andere "
		      "leerlingen en niets uit een casus."),
	.reply_btn = N_("Antwoord versturen"),
	.replied = N_("Je antwoord is verstuurd. De melder ziet het met het bonnummer."),
	.triaged = N_("De melding is bijgewerkt."),
	.judge = N_("Beoordelen"),
	.judge_hint = N_("Gaat het om pesten? Plagen is tijdelijk en gelijkwaardig; pesten is systematisch en ongelijk. "
		      "Twijfel je, leg de melding dan vast als signaal: dan volgt het protocol."),
	.plagen_btn = N_("Plagen: afhandelen"),
	.geen_btn = N_("Geen pesten: afhandelen"),
	.pass_btn = N_("Doorgeven aan de CLZ"),
	.pass_hint = N_("De CLZ krijgt bericht en legt de melding vast of koppelt haar aan een casus."),
	.h_pass = N_("Doorgeven"),
	.h_file = N_("Vastleggen of koppelen"),
	.h_settle = N_("Afhandelen zonder casus"),
	.file_link = N_("Vastleggen als signaal"),
	.file_hint = N_("Opent het meldformulier met de tekst van de melder; het protocol bepaalt wat er volgt."),
	.attach_label = N_("Koppelen aan casus (nummer)"),
	.attach_hint = N_("Hoort de melding bij een casus die al loopt? De tekst komt als notitie in de casus."),
	.attach_btn = N_("Koppelen"),
	.e_case = N_("Geef het nummer van een casus, bijvoorbeeld 12."),
	.e_text = N_("Schrijf eerst je antwoord."),
	.back = N_("Alle meldingen"),
	.settled = N_("Deze melding is afgehandeld of hoort bij een casus; beoordelen kan niet meer."),
	.new_title = N_("Melding invoeren"),
	.new_lead = N_("Belde of vertelde een leerling of ouder je over pesten? Schrijf op wat je hoorde. De melding gaat "
		    "naar de anti-pestcoördinator en de CLZ; de melder krijgt een bonnummer om antwoorden te lezen."),
	.text = N_("Wat is er gebeurd?"),
	.text_hint = N_("In de woorden van de melder: wat, wie, hoe vaak."),
	.occ = N_("Wanneer (ongeveer)?"),
	.loc = N_("Waar?"),
	.name = N_("Naam van de melder"),
	.name_hint = N_("Leeg laten als de melder anoniem wil blijven."),
	.contact_l = N_("Hoe bereikbaar?"),
	.contact_hint = N_("Telefoon of e-mail, alleen als de melder dat wil."),
	.save = N_("Melding opslaan"),
	.e_required = N_("Schrijf op wat er is gebeurd."),
	.receipt_title = N_("Melding opgeslagen"),
	.receipt_lead = N_("Geef de melder dit bonnummer. Het wordt maar één keer getoond."),
	.receipt_hint = N_("Met dit nummer leest de melder op de pagina ‘Mijn melding’ (/mijn-melding) de antwoorden van "
			"de school en kan hij of zij iets toevoegen. Schrijf het niet in een e-mail of dossier."),
	.receipt_after = N_("De anti-pestcoördinator en de CLZ hebben bericht gekregen."),
	.again = N_("Nog een melding invoeren"),
};
#define T PW_TR_TABLE(T_nl)

static const char *status_words(const char *st)
{
	return strcmp(st, "nieuw") == 0 ? T.st_nieuw : strcmp(st, "afgehandeld") == 0 ? T.st_done : T.st_busy;
}

static const char *triage_words(const char *t)
{
	static const struct {
		const char *key, *const *text;
	} v[] = {{"plagen", &T_nl.tr_plagen}, {"geen_pesten", &T_nl.tr_geen}, {"naar_clz", &T_nl.tr_clz},
		 {"case", &T_nl.tr_case},     {"attach", &T_nl.tr_attach}};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (strcmp(v[i].key, t) == 0)
			return pw_tr(*v[i].text);
	return NULL;
}

static void status_tag(struct pw_buf *b, const struct pw_report_row *row)
{
	pw_ui_tag(b, strcmp(row->status, "nieuw") == 0 ? "warn" : strcmp(row->status, "afgehandeld") == 0 ? "done" : "open",
		  status_words(row->status));
}

/* The first words of a text, on a UTF-8 boundary. */
static const char *excerpt(struct pw_arena *a, const char *t, size_t max)
{
	size_t n = strlen(t);
	if (n <= max)
		return t;
	while (max > 0 && ((unsigned char)t[max] & 0xC0) == 0x80)
		max--;
	return pw_printf(a, "%.*s…", (int)max, t);
}

/* GET /meldingen[?status=nieuw|in_behandeling|afgehandeld]. */
void pw_h_meldingen(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_ui_auth(r, &a))
		return;
	const char *status = pw_req_query(r, "status");
	if (status && strcmp(status, "nieuw") != 0 && strcmp(status, "in_behandeling") != 0 &&
	    strcmp(status, "afgehandeld") != 0)
		status = NULL;
	struct pw_report_row *v;
	size_t n;
	int64_t total;
	bool show_case;
	if (pw_report_list(r, &a, status, 200, 0, &v, &n, &total, &show_case, &err) != PW_OK) {
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.title, err.msg, "/");
		return;
	}
	struct pw_buf *b = &r->out;
	pw_page_begin(r, T.title, &a);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><p class=\"lead\">%s</p></div>", T.title, T.lead);
	pw_html_printf(b, "<div class=\"actions-bar\"><a class=\"button\" href=\"/meldingen/nieuw\">%s</a></div>", T.enter);
	static const char *const keys[] = {NULL, "nieuw", "in_behandeling", "afgehandeld"};
	const char *labels[] = {T.f_all, T.f_new, T.f_busy, T.f_done};
	pw_html_printf(b, "<nav class=\"tabs\" aria-label=\"%s\"><ul>", T.filter);
	for (int i = 0; i < 4; i++) {
		bool cur = (keys[i] == NULL && status == NULL) || (keys[i] && status && strcmp(keys[i], status) == 0);
		pw_html_printf(b, "<li><a href=\"/meldingen%s%s\"", keys[i] ? "?status=" : "", keys[i] ? keys[i] : "");
		if (cur)
			pw_html_raw(b, " aria-current=\"page\"");
		pw_html_printf(b, ">%s</a></li>", labels[i]);
	}
	pw_html_raw(b, "</ul></nav>");
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", T.none);
	else
		pw_html_raw(b, "<ul class=\"case-list report-list\">");
	for (size_t i = 0; i < n; i++) {
		const struct pw_report_row *row = &v[i];
		pw_html_printf(b, "<li><a href=\"/meldingen/%lld\">", (long long)row->id);
		pw_html_printf(b, T.item, (long long)row->id);
		pw_html_printf(b, "</a> <span class=\"meta\">%s · %s</span> ", pw_ui_time(&r->arena, row->created_at),
			       row->name[0] ? row->name : T.anonymous);
		status_tag(b, row);
		if (row->last_from_school != 1 && strcmp(row->status, "afgehandeld") != 0) {
			pw_html_raw(b, " ");
			pw_ui_tag(b, "overdue", T.waiting);
		}
		pw_html_printf(b, "<span class=\"excerpt\">%s</span></li>", excerpt(&r->arena, row->text, 160));
	}
	if (n)
		pw_html_raw(b, "</ul>");
	pw_page_end(r, 200);
}

/* What a failed form on the report page says, and where. */
struct failed {
	const char *field, *msg;
	const char *typed; /* the reply as typed */
};

static bool may(const struct pw_actor *a, const struct pw_protocol *p, int64_t school, enum pw_report_act act)
{
	struct pw_err ignore;
	return pw_access_report(a, p, school, act, &ignore) == PW_OK;
}

static void render_report(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol *p,
			  const struct pw_report_row *row, const struct failed *fl, int status)
{
	struct pw_err err;
	struct pw_report_msg *m;
	size_t n = 0;
	if (pw_store_report_messages(r->app->store, &r->arena, row->id, &m, &n, &err) != PW_OK) {
		pw_ui_error_page(r, a, 500, T.title, err.msg, "/meldingen");
		return;
	}
	struct pw_buf *b = &r->out;
	r->out.len = 0;
	const char *title = pw_printf(&r->arena, T.one, (long long)row->id);
	pw_page_begin(r, title, a);
	pw_html_printf(b, "<p class=\"back\"><a href=\"/meldingen\">%s</a></p>", T.back);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"case-head\">", title);
	status_tag(b, row);
	const char *tw = triage_words(row->triage);
	if (tw) {
		pw_html_raw(b, " ");
		pw_ui_tag(b, "info", tw);
	}
	pw_html_raw(b, "</div></div>");
	if (fl && fl->msg) {
		pw_html_printf(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2>"
				  "<ul><li><a href=\"#%s\">%s</a></li></ul></div>",
			       _("Dat lukte niet"), fl->field, fl->msg);
	} else if (pw_req_query(r, "klaar")) {
		const char *k = pw_req_query(r, "klaar");
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>",
			       strcmp(k, "antwoord") == 0 ? T.replied : T.triaged);
	}

	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-wat\"><h2 id=\"h-wat\">%s</h2>", T.told);
	pw_html_printf(b, "<p class=\"prewrap\">%s</p><dl class=\"facts\">", row->text);
	pw_html_printf(b, "<dt>%s</dt><dd>%s</dd>", T.received, pw_ui_time(&r->arena, row->created_at));
	pw_day d;
	if (row->occurred_on[0] && pw_day_parse(row->occurred_on, &d) == 0)
		pw_html_printf(b, "<dt>%s</dt><dd>%s</dd>", T.occurred, pw_ui_day(&r->arena, d));
	if (row->location[0])
		pw_html_printf(b, "<dt>%s</dt><dd>%s</dd>", T.where, row->location);
	pw_html_printf(b, "<dt>%s</dt><dd>%s</dd>", T.who, row->name[0] ? row->name : T.anonymous);
	if (row->contact[0])
		pw_html_printf(b, "<dt>%s</dt><dd>%s</dd>", T.contact, row->contact);
	if (row->entered_by)
		pw_html_printf(b, "<dt>%s</dt><dd>%s</dd>", T.entered_by, pw_ui_user_name(r, row->entered_by));
	if (row->case_id && may(a, p, row->school_id, PW_REPORT_CASE)) {
		pw_html_printf(b, "<dt>%s</dt><dd><a href=\"/casus/%lld\">", _("Casus"), (long long)row->case_id);
		pw_html_printf(b, T.case_link, (long long)row->case_id);
		pw_html_raw(b, "</a></dd>");
	}
	pw_html_raw(b, "</dl></section>");

	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-berichten\"><h2 id=\"h-berichten\">%s</h2>", T.thread);
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", T.no_msgs);
	else
		pw_html_raw(b, "<ol class=\"plain thread\">");
	for (size_t i = 0; i < n; i++) {
		const char *who = m[i].from_school ? T.from_school : T.from_reporter;
		if (m[i].from_school && m[i].author_id)
			who = pw_printf(&r->arena, "%s (%s)", T.from_school, pw_ui_user_name(r, m[i].author_id));
		pw_html_printf(b, "<li class=\"%s\"><p class=\"meta\"><strong>%s</strong> · %s</p><p class=\"prewrap\">%s</p></li>",
			       m[i].from_school ? "from-school" : "from-reporter", who, pw_ui_time(&r->arena, m[i].at), m[i].text);
	}
	if (n)
		pw_html_raw(b, "</ol>");
	if (may(a, p, row->school_id, PW_REPORT_REPLY)) {
		bool bad = fl && fl->msg && strcmp(fl->field, "antwoord") == 0;
		pw_html_printf(b, "<form method=\"post\" action=\"/meldingen/%lld/antwoord\" novalidate>", (long long)row->id);
		pw_form_csrf(r, a);
		pw_html_printf(b, "<div class=\"field%s\"><label for=\"antwoord\">%s</label><span class=\"hint\" "
				  "id=\"antwoord-hint\">%s</span>",
			       bad ? " has-error" : "", T.reply_label, T.reply_hint);
		if (bad)
			pw_html_printf(b, "<span class=\"field-error\" id=\"antwoord-error\">%s</span>", fl->msg);
		pw_html_printf(b, "<textarea id=\"antwoord\" name=\"text\" rows=\"4\" maxlength=\"10000\" "
				  "aria-describedby=\"antwoord-hint%s\"",
			       bad ? " antwoord-error" : "");
		if (bad)
			pw_html_raw(b, " aria-invalid=\"true\"");
		pw_html_printf(b, ">%s</textarea></div><button type=\"submit\">%s</button></form>",
			       fl && fl->typed ? fl->typed : "", T.reply_btn);
	}
	pw_html_raw(b, "</section>");

	/* Triage: what this user may do with it, while it is still open to it. */
	bool linked = row->case_id || row->signal_id, settled = strcmp(row->status, "afgehandeld") == 0;
	bool classify = may(a, p, row->school_id, PW_REPORT_CLASSIFY), pass = may(a, p, row->school_id, PW_REPORT_PASS),
	     file = may(a, p, row->school_id, PW_REPORT_CASE);
	if (classify || pass || file) {
		pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-oordeel\"><h2 id=\"h-oordeel\">%s</h2>", T.judge);
		if (linked || settled) {
			pw_html_printf(b, "<p>%s</p></section>", T.settled);
			pw_page_end(r, status);
			return;
		}
		pw_html_printf(b, "<p class=\"hint\">%s</p>", T.judge_hint);
		if (pass && strcmp(row->triage, "naar_clz") != 0) {
			pw_html_printf(b, "<h3>%s</h3><form method=\"post\" action=\"/meldingen/%lld/beoordeel\">", T.h_pass,
				       (long long)row->id);
			pw_form_csrf(r, a);
			pw_html_printf(b, "<input type=\"hidden\" name=\"action\" value=\"naar_clz\"><p class=\"hint\">%s</p>"
					  "<button type=\"submit\" class=\"primary\">%s</button></form>",
				       T.pass_hint, T.pass_btn);
		}
		if (file) {
			pw_html_printf(b, "<h3>%s</h3><p class=\"hint\">%s</p><p><a class=\"button primary\" "
					  "href=\"/melden?melding=%lld\">%s</a></p>",
				       T.h_file, T.file_hint, (long long)row->id, T.file_link);
			bool bad = fl && fl->msg && strcmp(fl->field, "casus") == 0;
			pw_html_printf(b, "<form method=\"post\" action=\"/meldingen/%lld/beoordeel\" novalidate>", (long long)row->id);
			pw_form_csrf(r, a);
			pw_html_printf(b, "<input type=\"hidden\" name=\"action\" value=\"attach\"><div class=\"field%s\">"
					  "<label for=\"casus\">%s</label><span class=\"hint\" id=\"casus-hint\">%s</span>",
				       bad ? " has-error" : "", T.attach_label, T.attach_hint);
			if (bad)
				pw_html_printf(b, "<span class=\"field-error\" id=\"casus-error\">%s</span>", fl->msg);
			pw_html_printf(b, "<input type=\"text\" inputmode=\"numeric\" id=\"casus\" name=\"casus\" class=\"short\" "
					  "aria-describedby=\"casus-hint%s\"",
				       bad ? " casus-error" : "");
			if (bad)
				pw_html_raw(b, " aria-invalid=\"true\"");
			pw_html_printf(b, "></div><button type=\"submit\">%s</button></form>", T.attach_btn);
		}
		if (classify) {
			pw_html_printf(b, "<h3>%s</h3><form method=\"post\" action=\"/meldingen/%lld/beoordeel\" class=\"actions\">",
				       T.h_settle, (long long)row->id);
			pw_form_csrf(r, a);
			pw_html_printf(b, "<button type=\"submit\" name=\"action\" value=\"plagen\">%s</button>"
					  "<button type=\"submit\" name=\"action\" value=\"geen_pesten\">%s</button></form>",
				       T.plagen_btn, T.geen_btn);
		}
		pw_html_raw(b, "</section>");
	}
	pw_page_end(r, status);
}

/* GET /meldingen/{id}: read, and recorded as read. */
void pw_h_melding(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	struct pw_report_row row;
	const struct pw_protocol *p;
	if (!pw_ui_auth(r, &a))
		return;
	if (pw_report_load(r, &a, pw_ui_id(r->params[0]), PW_REPORT_READ, &row, &p, &err) != PW_OK) {
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.title, err.msg, "/meldingen");
		return;
	}
	struct pw_audit au = {.user_id = a.user_id, .action = "read", .object = "report", .object_id = row.id};
	if (pw_store_audit_read(r->app->store, &au, &err) != PW_OK) {
		pw_ui_error_page(r, &a, 500, T.title, err.msg, "/meldingen");
		return;
	}
	render_report(r, &a, p, &row, NULL, 200);
}

/* POST /meldingen/{id}/antwoord and /meldingen/{id}/beoordeel. */
void pw_h_melding_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	struct pw_fields f;
	struct pw_report_row row;
	const struct pw_protocol *p;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 8, &f))
		return;
	const char *action = r->params[1];
	bool reply = strcmp(action, "antwoord") == 0;
	if (!reply && strcmp(action, "beoordeel") != 0) {
		pw_ui_error_page(r, &a, 404, T.title, _("Deze pagina bestaat niet."), "/meldingen");
		return;
	}
	if (pw_report_load(r, &a, pw_ui_id(r->params[0]), reply ? PW_REPORT_REPLY : PW_REPORT_READ, &row, &p, &err) !=
	    PW_OK) {
		pw_ui_error_page(r, &a, pw_status_http(err.code), T.title, err.msg, "/meldingen");
		return;
	}
	struct failed fl = {0};
	if (reply) {
		const char *text = pw_ui_get(&r->arena, &f, "text");
		if (text == NULL) {
			fl = (struct failed){"antwoord", T.e_text, NULL};
		} else if (pw_report_reply(r, &a, &row, text, &err) != PW_OK) {
			if (err.code != PW_EINVAL) {
				pw_ui_error_page(r, &a, pw_status_http(err.code), T.title, err.msg, "/meldingen");
				return;
			}
			fl = (struct failed){"antwoord", pw_strdup(&r->arena, err.msg), text};
		}
	} else {
		const char *act = pw_fields_get(&f, "action");
		json_t *j = json_pack("{s:s?}", "action", act), *extra = NULL;
		if (act && strcmp(act, "attach") == 0) {
			int64_t cid = pw_ui_id(pw_ui_get(&r->arena, &f, "casus"));
			if (cid == 0)
				fl = (struct failed){"casus", T.e_case, NULL};
			json_object_set_new(j, "case", json_integer(cid));
		}
		if (fl.msg == NULL && pw_report_triage(r, &a, p, &row, j, &extra, &err) != PW_OK) {
			if (err.code == PW_EFORBID || err.code == PW_EIO) {
				json_decref(j);
				pw_ui_error_page(r, &a, pw_status_http(err.code), T.title, err.msg,
						 pw_printf(&r->arena, "/meldingen/%lld", (long long)row.id));
				return;
			}
			fl = (struct failed){act && strcmp(act, "attach") == 0 ? "casus" : "h-oordeel",
					     pw_strdup(&r->arena, err.msg), NULL};
		}
		json_decref(extra);
		json_decref(j);
	}
	if (fl.msg) {
		/* The report as it is now, with the message at its form. */
		if (pw_report_load(r, &a, row.id, PW_REPORT_READ, &row, &p, &err) != PW_OK) {
			pw_ui_error_page(r, &a, pw_status_http(err.code), T.title, err.msg, "/meldingen");
			return;
		}
		render_report(r, &a, p, &row, &fl, 400);
		return;
	}
	pw_resp_redirect(r, pw_printf(&r->arena, "/meldingen/%lld?klaar=%s", (long long)row.id, reply ? "antwoord" : "ja"));
}

/* What a staff member typed on the entry form. */
struct entry {
	const char *text, *occurred_on, *location, *name, *contact;
};

static void entry_field(struct pw_buf *b, const struct pw_ui_errors *e, const char *id, const char *type,
			const char *label, const char *hint, const char *value, const char *extra)
{
	pw_ui_field_begin(b, e, id, label, hint);
	pw_html_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"", type, id, id, value ? value : "");
	pw_html_raw(b, extra);
	pw_ui_described(b, e, id, hint);
	pw_html_raw(b, ">");
	pw_ui_field_end(b);
}

static void entry_form(struct pw_req *r, const struct pw_actor *a, const struct entry *in, const struct pw_ui_errors *e,
		       int status)
{
	struct pw_buf *b = &r->out;
	r->out.len = 0;
	pw_page_begin(r, T.new_title, a);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><p class=\"lead\">%s</p></div>", T.new_title, T.new_lead);
	pw_ui_error_summary(b, e);
	pw_html_raw(b, "<form method=\"post\" action=\"/meldingen/nieuw\" novalidate class=\"card\">");
	pw_form_csrf(r, a);
	pw_ui_field_begin(b, e, "text", T.text, T.text_hint);
	pw_html_raw(b, "<textarea id=\"text\" name=\"text\" rows=\"6\" maxlength=\"10000\"");
	pw_ui_described(b, e, "text", "text-hint");
	pw_html_printf(b, ">%s</textarea>", in->text ? in->text : "");
	pw_ui_field_end(b);
	entry_field(b, e, "occurred_on", "date", T.occ, NULL, in->occurred_on, pw_printf(&r->arena, " max=\"%s\"", pw_today(r)));
	entry_field(b, e, "location", "text", T.loc, NULL, in->location, " maxlength=\"200\"");
	entry_field(b, e, "name", "text", T.name, T.name_hint, in->name, " maxlength=\"200\" autocomplete=\"off\"");
	entry_field(b, e, "contact", "text", T.contact_l, T.contact_hint, in->contact, " maxlength=\"200\" autocomplete=\"off\"");
	pw_html_printf(b, "<button type=\"submit\" class=\"primary\">%s</button></form>", T.save);
	pw_page_end(r, status);
}

/* GET /meldingen/nieuw: any staff member may enter a report (PW_REPORT_ENTER). */
void pw_h_melding_new(struct pw_req *r)
{
	struct pw_actor a;
	if (!pw_ui_auth(r, &a))
		return;
	struct entry in = {0};
	struct pw_ui_errors e = {0};
	entry_form(r, &a, &in, &e, 200);
}

/* Where an error of pw_report_submit shows on the form. */
static const char *entry_id(const char *field)
{
	static const char *const ids[] = {"text", "occurred_on", "location", "name", "contact"};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		if (strcmp(ids[i], field) == 0)
			return ids[i];
	return "text";
}

/* POST /meldingen/nieuw: stores it and shows the receipt once. The page is
 * the answer to the POST itself, never a redirect: the receipt must not
 * travel in a URL. */
void pw_h_melding_new_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	struct pw_fields f;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 8, &f))
		return;
	struct entry in = {pw_ui_get(&r->arena, &f, "text"), pw_ui_get(&r->arena, &f, "occurred_on"),
			   pw_ui_get(&r->arena, &f, "location"), pw_ui_get(&r->arena, &f, "name"),
			   pw_ui_get(&r->arena, &f, "contact")};
	struct pw_ui_errors e = {0};
	if (in.text == NULL) {
		pw_ui_error_add(&e, "text", T.e_required);
		entry_form(r, &a, &in, &e, 400);
		return;
	}
	json_t *j = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?}", "text", in.text, "occurred_on", in.occurred_on, "location",
			      in.location, "name", in.name, "contact", in.contact);
	char receipt[PW_RECEIPT_SHOWN + 1];
	enum pw_status st = j ? pw_report_submit(r, j, &a, receipt, sizeof receipt, &err)
			      : pw_err_field(&err, PW_EINVAL, "text", "%s", _("Een veld bevat tekens die niet kunnen."));
	json_decref(j);
	if (st != PW_OK) {
		if (err.code != PW_EINVAL) {
			pw_ui_error_page(r, &a, pw_status_http(err.code), T.new_title, err.msg, "/meldingen/nieuw");
			return;
		}
		pw_ui_error_add(&e, entry_id(err.field), pw_strdup(&r->arena, err.msg));
		entry_form(r, &a, &in, &e, 400);
		return;
	}
	struct pw_buf *b = &r->out;
	pw_page_begin(r, T.receipt_title, &a);
	pw_html_printf(b, "<div class=\"panel confirm\" role=\"status\"><h1>%s</h1><p class=\"lead\">%s</p>"
			  "<p class=\"receipt-code\">%s</p><p>%s</p><p>%s</p>"
			  "<p class=\"actions\"><a class=\"button\" href=\"/meldingen/nieuw\">%s</a> <a href=\"/\">%s</a></p></div>",
		       T.receipt_title, T.receipt_lead, receipt, T.receipt_hint, T.receipt_after, T.again, _("Mijn taken"));
	sodium_memzero(receipt, sizeof receipt);
	pw_page_end(r, 200);
}
