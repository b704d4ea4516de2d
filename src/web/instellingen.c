/* Mijn instellingen: how a colleague gets mail from Pestwijzer (each notice
 * at once, a daily digest, or none; the daily list of overdue steps), and
 * their personal calendar feed of due steps and agreement evaluations (a
 * secret address, shown once, revocable). The operations are the API's
 * (store/outbox.h, api/calendar.c). */
#include <string.h>

#include "store/calendar.h"
#include "store/outbox.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "web/app.h"
#include "web/html.h"
#include "web/instellingen.h"
#include "web/layout.h"
#include "web/ui.h"

static const struct {
	const char *title, *lead, *mail, *mail_hint, *notices, *n_direct, *n_digest, *n_none, *overdue, *o_digest, *o_none,
		*save, *saved, *cal, *cal_hint, *cal_none, *cal_since, *cal_new, *cal_renew, *cal_revoke, *cal_revoked,
		*cal_once, *cal_once_hint, *e_choice;
} T_nl = {
	.title = N_("Mijn instellingen"),
	.lead = N_("Hoe Pestwijzer je op de hoogte houdt. Berichten zeggen alleen dát er iets is, nooit wat: geen namen "
		"van leerlingen en niets uit een casus."),
	.mail = N_("E-mail"),
	.mail_hint = N_("Naar het e-mailadres dat de beheerder van je account heeft."),
	.notices = N_("Nieuw voor jou (een casus, een melding, een vraag om advies)"),
	.n_direct = N_("Meteen een e-mail per bericht"),
	.n_digest = N_("Eén e-mail per dag met alles van die dag"),
	.n_none = N_("Geen e-mail; ik kijk op Mijn taken"),
	.overdue = N_("Stappen die te laat zijn"),
	.o_digest = N_("Eén e-mail per dag als er iets te laat is"),
	.o_none = N_("Geen e-mail"),
	.save = N_("Opslaan"),
	.saved = N_("Opgeslagen."),
	.cal = N_("Agenda"),
	.cal_hint = N_("Zet je stappen met hun uiterste datum en de evaluaties van afspraken in je eigen agenda (Outlook, "
		    "Google, Apple). De agenda noemt alleen casusnummers en stappen, geen namen."),
	.cal_none = N_("Je hebt nog geen agenda-adres."),
	.cal_since = N_("Je hebt een agenda-adres sinds %s."),
	.cal_new = N_("Agenda-adres maken"),
	.cal_renew = N_("Nieuw adres maken (het oude werkt dan niet meer)"),
	.cal_revoke = N_("Agenda-adres intrekken"),
	.cal_revoked = N_("Het agenda-adres werkt niet meer."),
	.cal_once = N_("Je agenda-adres (wordt maar één keer getoond)"),
	.cal_once_hint = N_("Kopieer het en voeg het in je agendaprogramma toe als ‘agenda via internet’ of ‘abonneren’. "
			 "Wie het adres heeft, ziet je stappen: deel het niet."),
	.e_choice = N_("Kies een van de mogelijkheden."),
};
#define T PW_TR_TABLE(T_nl)

static void radio(struct pw_buf *b, const char *name, const char *value, const char *label, const char *cur)
{
	pw_html_printf(b, "<div class=\"check radio\"><input type=\"radio\" name=\"%s\" id=\"%s-%s\" value=\"%s\"", name, name,
		       value, value);
	if (cur && strcmp(cur, value) == 0)
		pw_html_raw(b, " checked");
	pw_html_printf(b, "><label for=\"%s-%s\">%s</label></div>", name, value, label);
}

/* The page; url: a new feed address to show once (the answer to its POST). */
static void page(struct pw_req *r, const struct pw_actor *a, const char *url, const char *notice, const char *error,
		 int status)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	r->out.len = 0;
	const char *notices = "direct", *overdue = "digest";
	pw_store_mail_pref_get(r->app->store, &r->arena, a->user_id, &notices, &overdue, &err);
	pw_page_begin(r, T.title, a);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><p class=\"lead\">%s</p></div>", T.title, T.lead);
	if (error)
		pw_html_printf(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2><p>%s</p></div>",
			       _("Dat lukte niet"), error);
	else if (notice)
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>", notice);

	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-mail\"><h2 id=\"h-mail\">%s</h2><p class=\"hint\">%s</p>"
			  "<form method=\"post\" action=\"/instellingen/mail\">",
		       T.mail, T.mail_hint);
	pw_form_csrf(r, a);
	pw_html_printf(b, "<fieldset class=\"field\"><legend>%s</legend>", T.notices);
	radio(b, "notices", "direct", T.n_direct, notices);
	radio(b, "notices", "digest", T.n_digest, notices);
	radio(b, "notices", "none", T.n_none, notices);
	pw_html_printf(b, "</fieldset><fieldset class=\"field\"><legend>%s</legend>", T.overdue);
	radio(b, "overdue", "digest", T.o_digest, overdue);
	radio(b, "overdue", "none", T.o_none, overdue);
	pw_html_printf(b, "</fieldset><button type=\"submit\">%s</button></form></section>", T.save);

	pw_html_printf(b, "<section class=\"card\" id=\"agenda\" aria-labelledby=\"h-agenda\"><h2 id=\"h-agenda\">%s</h2>"
			  "<p class=\"hint\">%s</p>",
		       T.cal, T.cal_hint);
	if (url)
		pw_html_printf(b, "<div class=\"notice-box info\" id=\"agenda-adres\"><p><strong>%s</strong></p>"
				  "<p><code class=\"token\">%s</code></p><p>%s</p></div>",
			       T.cal_once, url, T.cal_once_hint);
	int64_t since = 0;
	bool has = pw_store_calfeed_get(r->app->store, a->user_id, &since, &err) == PW_OK;
	pw_html_raw(b, "<p>");
	if (has)
		pw_html_printf(b, T.cal_since, pw_ui_time(&r->arena, since));
	else
		pw_html_text(b, T.cal_none);
	pw_html_raw(b, "</p><div class=\"actions\"><form method=\"post\" action=\"/instellingen/agenda\">");
	pw_form_csrf(r, a);
	pw_html_printf(b, "<button type=\"submit\">%s</button></form>", has ? T.cal_renew : T.cal_new);
	if (has) {
		pw_html_raw(b, "<form method=\"post\" action=\"/instellingen/agenda-intrekken\">");
		pw_form_csrf(r, a);
		pw_html_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form>", T.cal_revoke);
	}
	pw_html_raw(b, "</div></section>");
	pw_page_end(r, status);
}

void pw_h_instellingen(struct pw_req *r)
{
	struct pw_actor a;
	if (!pw_ui_auth(r, &a))
		return;
	const char *k = pw_req_query(r, "klaar");
	page(r, &a, NULL, k == NULL ? NULL : strcmp(k, "ingetrokken") == 0 ? T.cal_revoked : T.saved, NULL, 200);
}

/* POST /instellingen/{mail|agenda|agenda-intrekken} */
void pw_h_instellingen_post(struct pw_req *r)
{
	static const char *const NOTICES[] = {"direct", "digest", "none"}, *const OVERDUE[] = {"digest", "none"};
	struct pw_actor a;
	struct pw_fields f;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 8, &f))
		return;
	const char *what = r->params[0];
	if (strcmp(what, "mail") == 0) {
		const char *n = pw_fields_get(&f, "notices"), *o = pw_fields_get(&f, "overdue");
		bool ok_n = false, ok_o = false;
		for (size_t i = 0; n && i < 3; i++)
			ok_n |= strcmp(n, NOTICES[i]) == 0;
		for (size_t i = 0; o && i < 2; i++)
			ok_o |= strcmp(o, OVERDUE[i]) == 0;
		if (!ok_n || !ok_o) {
			page(r, &a, NULL, NULL, T.e_choice, 400);
			return;
		}
		if (pw_store_mail_pref_set(r->app->store, a.user_id, n, o, &err) != PW_OK) {
			page(r, &a, NULL, NULL, err.msg, pw_status_http(err.code));
			return;
		}
		pw_resp_redirect(r, "/instellingen?klaar=1");
	} else if (strcmp(what, "agenda") == 0) {
		const char *url = pw_calendar_new(r, &a, &err);
		/* Answered on the POST itself: the address is a secret, never put in a redirect. */
		if (url == NULL)
			page(r, &a, NULL, NULL, err.msg, pw_status_http(err.code));
		else
			page(r, &a, url, NULL, NULL, 200);
	} else if (strcmp(what, "agenda-intrekken") == 0) {
		enum pw_status st = pw_store_calfeed_delete(r->app->store, a.user_id, &err);
		if (st != PW_OK && st != PW_ENOTFOUND) {
			page(r, &a, NULL, NULL, err.msg, pw_status_http(err.code));
			return;
		}
		pw_resp_redirect(r, "/instellingen?klaar=ingetrokken#agenda");
	} else {
		pw_ui_error_page(r, &a, 404, T.title, _("Deze pagina bestaat niet."), "/instellingen");
	}
}
