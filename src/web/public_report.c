/* The public pages for students and parents: report bullying without an
 * account (/melden-leerling) and come back with the receipt to read the
 * school's answers (/mijn-melding). No login; words a child understands.
 *
 * The receipt travels only in form bodies, never in a URL (it would end up
 * in the history, the access log and a shared screen's address bar). The
 * forms carry a CSRF token the way the login form does: a random value in a
 * short-lived SameSite=Strict cookie, echoed by the form (double submit).
 * The routes are PW_ROUTE_ANON: no address is logged; the operations are
 * those of the API (api/reports.c), so the rules are the same. */
#include <sodium.h>
#include <string.h>

#include "auth/auth.h"
#include "store/people.h"
#include "store/reports.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

#define FORM_COOKIE "pw_melding"

/* The words of these pages, in one place: for children, so short and plain. */
static const struct {
	const char *problem, *danger, *talk, *hide, *hide_title, *title, *lead, *anon, *school, *school_pick, *what,
		*what_hint, *where, *where_hint, *when, *who, *no_screens, *name_h, *name_lead, *name, *contact, *contact_hint,
		*send, *already, *already_link, *e_school, *e_text, *e_when, *e_pick, *e_long, *e_form, *e_expired, *sent_title,
		*sent_lead, *code_h, *code_text, *code_once, *code_lost, *code_keep, *code_link, *mine_title, *mine_lead,
		*code, *code_hint, *view, *none_yet, *none_link, *st_new, *st_busy, *st_done, *told, *messages, *no_answer,
		*from_school, *from_you, *more_h, *message, *message_hint, *send_msg, *e_expired_code, *msg_sent,
		*e_no_report, *e_school_later;
} T_nl = {
	.problem = N_("Dat lukte niet"),
	.danger = N_("<p><strong>Is er nu gevaar?</strong> Bel 112.</p>"),
	.talk = N_("<p>Wil je met iemand praten? Bel of chat gratis met de Kindertelefoon: 0800-0432 (kindertelefoon.nl).</p>"),
	.hide = N_("Snel weg"),
	.hide_title = N_("Scherm direct leegmaken"),
	.title = N_("Pesten melden"),
	.lead = N_("Word je gepest, of zie je dat iemand anders wordt gepest? Vertel het hier. "
		   "De anti-pestcoördinator van school leest het en helpt."),
	.anon = N_("Je hoeft je naam niet te geven. Dan weet de school niet wie je bent. "
		   "Je krijgt een code waarmee je later kunt lezen wat de school terugschrijft."),
	.school = N_("Op welke school zit je?"),
	.school_pick = N_("Kies je school"),
	.what = N_("Wat is er gebeurd?"),
	.what_hint = N_("Vertel het in je eigen woorden. Wat zeiden of deden ze?"),
	.where = N_("Waar gebeurde het? (mag je leeg laten)"),
	.where_hint = N_("Bijvoorbeeld: in de klas, op het plein, in de bus, in een appgroep."),
	.when = N_("Wanneer gebeurde het? (mag je leeg laten)"),
	.who = N_("Wie deden er mee? (mag je leeg laten)"),
	.no_screens = N_("<p><strong>Stuur geen screenshots of foto's.</strong> Bewaar de berichten wel. Laat ze zien aan "
			 "iemand die je vertrouwt: je mentor, je ouders, of de vertrouwenspersoon van school.</p>"),
	.name_h = N_("Wil je je naam geven?"),
	.name_lead = N_("Dat hoeft niet. Als je je naam geeft, kan de school je beter helpen en met je praten."),
	.name = N_("Je naam (mag je leeg laten)"),
	.contact = N_("Hoe kan de school je bereiken? (mag je leeg laten)"),
	.contact_hint = N_("Bijvoorbeeld je klas, of het e-mailadres of telefoonnummer van je ouders."),
	.send = N_("Melding versturen"),
	.already = N_("Heb je al iets gemeld?"),
	.already_link = N_("Lees wat de school terugschreef"),
	.e_school = N_("Er ging iets mis bij de school. Probeer het later nog eens. Is het dringend? Praat met iemand die "
		       "je vertrouwt."),
	.e_text = N_("Schrijf op wat er is gebeurd. Dat is het enige dat je moet invullen."),
	.e_when = N_("Vul bij ‘Wanneer’ een dag in die al geweest is, of laat het leeg."),
	.e_pick = N_("Kies op welke school je zit."),
	.e_long = N_("Iets wat je invulde is te lang of bevat tekens die niet kunnen (%s)."),
	.e_form = N_("Het formulier kwam niet goed aan. Probeer het opnieuw."),
	.e_expired = N_("De pagina was verlopen. Kijk of alles er nog staat en verstuur het opnieuw."),
	.sent_title = N_("Je melding is verstuurd"),
	.sent_lead = N_("Goed dat je het verteld hebt. De school gaat ermee aan de slag."),
	.code_h = N_("Schrijf deze code op"),
	.code_text = N_("Met deze code lees je later wat de school terugschrijft, en kun je nog iets vertellen."),
	.code_once = N_("Je ziet de code maar één keer."),
	.code_lost = N_("Schrijf hem op een briefje en bewaar dat goed. Kwijt? Dan kun je gewoon een nieuwe melding maken."),
	.code_keep = N_("Geef de code niet aan iemand die je niet vertrouwt: wie de code heeft, kan je melding lezen."),
	.code_link = N_("Lees later het antwoord van de school"),
	.mine_title = N_("Mijn melding"),
	.mine_lead = N_("Vul de code in die je kreeg toen je je melding verstuurde."),
	.code = N_("Je code"),
	.code_hint = N_("20 letters en cijfers, bijvoorbeeld ABCD-EFGH-JKMN-PQRS-TVWX."),
	.view = N_("Bekijken"),
	.none_yet = N_("Nog niets gemeld?"),
	.none_link = N_("Pesten melden"),
	.st_new = N_("Ontvangen. De school gaat je melding lezen."),
	.st_busy = N_("De school is ermee bezig."),
	.st_done = N_("Afgerond: de school heeft je melding afgehandeld. Je kunt nog steeds een bericht sturen."),
	.told = N_("Wat je vertelde"),
	.messages = N_("Berichten"),
	.no_answer = N_("De school heeft nog niet geantwoord. Kijk later nog eens."),
	.from_school = N_("De school"),
	.from_you = N_("Jij"),
	.more_h = N_("Nog iets vertellen?"),
	.message = N_("Je bericht"),
	.message_hint = N_("Stuur geen screenshots of foto's. Bewaar de berichten en laat ze zien aan iemand die je vertrouwt."),
	.send_msg = N_("Versturen"),
	.e_expired_code = N_("De pagina was verlopen. Vul je code opnieuw in."),
	.msg_sent = N_("Je bericht is verstuurd."),
	.e_no_report = N_("Bij deze code vonden we geen melding. Kijk of je hem goed hebt overgenomen."),
	.e_school_later = N_("Er ging iets mis bij de school. Probeer het later nog eens."),
};
#define T PW_TR_TABLE(T_nl)

/* What the reporter typed, to show again after a refusal. */
struct typed {
	const char *text, *occurred_on, *location, *who, *name, *contact, *school;
};

static void problem(struct pw_buf *b, const char *msg)
{
	if (msg)
		pw_html_printf(b,
			       "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2><p>%s</p></div>",
			       T.problem, msg);
}

/* Help that does not depend on the school answering. */
static void help_now(struct pw_buf *b)
{
	/* The two paragraphs are our own trusted markup (their translations too). */
	pw_html_raw(b, "<div class=\"notice-box info\" role=\"note\">");
	pw_html_raw(b, T.danger);
	pw_html_raw(b, T.talk);
	pw_html_raw(b, "</div>");
}

static void report_form(struct pw_req *r, const struct typed *t, const char *error, int status)
{
	struct pw_err err;
	struct pw_school *schools = NULL;
	size_t nschools = 0;
	pw_store_school_list(r->app->store, &r->arena, &schools, &nschools, &err);
	const char *token = pw_ui_anon_token(r, FORM_COOKIE, "/", 7200);
	pw_page_begin(r, T.title, NULL);
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<div class=\"narrow\"><p><a class=\"hide-btn\" href=\"/verberg\" title=\"%s\">%s</a></p>"
			  "<h1>%s</h1><p class=\"lead\">%s</p><p>%s</p>",
		       T.hide_title, T.hide, T.title, T.lead, T.anon);
	problem(b, error);
	pw_html_printf(b,
		       "<form method=\"post\" action=\"/melden-leerling\" novalidate>"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		       token);
	if (nschools > 1) {
		pw_html_printf(b, "<div class=\"field\"><label for=\"school\">%s</label>"
				  "<select id=\"school\" name=\"school\"><option value=\"\">%s</option>",
			       T.school, T.school_pick);
		for (size_t i = 0; i < nschools; i++)
			pw_html_printf(b, "<option value=\"%s\"%s>%s</option>", schools[i].code,
				       t->school && strcmp(t->school, schools[i].code) == 0 ? " selected" : "", schools[i].name);
		pw_html_raw(b, "</select></div>");
	}
	pw_html_printf(b,
		       "<div class=\"field\"><label for=\"text\">%s</label>"
		       "<p class=\"hint\" id=\"text-hint\">%s</p>"
		       "<textarea id=\"text\" name=\"text\" rows=\"7\" required aria-describedby=\"text-hint\">%s</textarea></div>"
		       "<div class=\"field\"><label for=\"location\">%s</label>"
		       "<p class=\"hint\" id=\"location-hint\">%s</p>"
		       "<input id=\"location\" name=\"location\" maxlength=\"200\" aria-describedby=\"location-hint\" value=\"%s\"></div>"
		       "<div class=\"field\"><label for=\"occurred_on\">%s</label>"
		       "<input id=\"occurred_on\" name=\"occurred_on\" type=\"date\" value=\"%s\"></div>"
		       "<div class=\"field\"><label for=\"who\">%s</label>"
		       "<input id=\"who\" name=\"who\" maxlength=\"200\" value=\"%s\"></div>",
		       T.what, T.what_hint, t->text, T.where, T.where_hint, t->location, T.when, t->occurred_on, T.who, t->who);
	pw_html_raw(b, "<div class=\"notice-box\" role=\"note\">");
	pw_html_raw(b, T.no_screens);
	pw_html_printf(b,
		       "</div><h2>%s</h2><p>%s</p>"
		       "<div class=\"field\"><label for=\"name\">%s</label>"
		       "<input id=\"name\" name=\"name\" maxlength=\"200\" autocomplete=\"off\" value=\"%s\"></div>"
		       "<div class=\"field\"><label for=\"contact\">%s</label>"
		       "<p class=\"hint\" id=\"contact-hint\">%s</p>"
		       "<input id=\"contact\" name=\"contact\" maxlength=\"200\" autocomplete=\"off\" aria-describedby=\"contact-hint\" "
		       "value=\"%s\"></div>"
		       "<button type=\"submit\" class=\"primary\">%s</button></form>"
		       "<p>%s <a href=\"/mijn-melding\">%s</a>.</p>",
		       T.name_h, T.name_lead, T.name, t->name, T.contact, T.contact_hint, t->contact, T.send, T.already,
		       T.already_link);
	help_now(b);
	pw_html_raw(b, "</div>");
	pw_page_end(r, status);
}

void pw_h_report_form(struct pw_req *r)
{
	struct typed t = {0};
	pw_ui_lang_anon(r);
	report_form(r, &t, NULL, 200);
}

/* Words a child understands for what was wrong with the form. */
static const char *form_problem(struct pw_req *r, const struct pw_err *err)
{
	if (err->code == PW_ELIMIT)
		return err->msg;
	if (err->code != PW_EINVAL)
		return T.e_school;
	if (strcmp(err->field, "text") == 0)
		return T.e_text;
	if (strcmp(err->field, "occurred_on") == 0)
		return T.e_when;
	if (strcmp(err->field, "school") == 0)
		return T.e_pick;
	return pw_printf(&r->arena, T.e_long, err->field);
}

void pw_h_report_post(struct pw_req *r)
{
	struct pw_err err;
	struct pw_fields f;
	struct typed t = {0};
	pw_ui_lang_anon(r);
	if (pw_form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, 16, &f, &err) != PW_OK) {
		report_form(r, &t, T.e_form, 400);
		return;
	}
	t.text = pw_fields_get(&f, "text");
	t.occurred_on = pw_fields_get(&f, "occurred_on");
	t.location = pw_fields_get(&f, "location");
	t.who = pw_fields_get(&f, "who");
	t.name = pw_fields_get(&f, "name");
	t.contact = pw_fields_get(&f, "contact");
	t.school = pw_fields_get(&f, "school");
	if (!pw_ui_anon_token_ok(r, &f, FORM_COOKIE)) {
		report_form(r, &t, T.e_expired, 403);
		return;
	}
	/* The form's fields as the API's body, so both go through one parser.
	 * Who took part has no field of its own: it is part of the story. */
	const char *text = t.text;
	if (text && t.who && t.who[0])
		text = pw_printf(&r->arena, "%s\n\nWie deden er mee: %s", text, t.who);
	json_t *j = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "text", text, "occurred_on",
			      t.occurred_on && t.occurred_on[0] ? t.occurred_on : NULL, "location", t.location, "name", t.name,
			      "contact", t.contact, "school", t.school && t.school[0] ? t.school : NULL);
	char receipt[PW_RECEIPT_SHOWN + 1];
	enum pw_status st = j ? pw_report_submit(r, j, NULL, receipt, sizeof receipt, &err)
			      : pw_err_field(&err, PW_EINVAL, "text", "not text");
	json_decref(j);
	if (st != PW_OK) {
		report_form(r, &t, form_problem(r, &err), pw_status_http(err.code));
		return;
	}
	pw_page_begin(r, T.sent_title, NULL);
	struct pw_buf *b = &r->out;
	pw_html_printf(b,
		       "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s</p><h2>%s</h2>"
		       "<p class=\"receipt-code\"><strong>%s</strong></p>"
		       "<p>%s <strong>%s</strong> %s</p><p>%s</p>"
		       "<p><a href=\"/mijn-melding\">%s</a></p></div>",
		       T.sent_title, T.sent_lead, T.code_h, receipt, T.code_text, T.code_once, T.code_lost, T.code_keep,
		       T.code_link);
	sodium_memzero(receipt, sizeof receipt);
	pw_page_end(r, 201);
}

static void receipt_form(struct pw_req *r, const char *error, int status)
{
	const char *token = pw_ui_anon_token(r, FORM_COOKIE, "/", 7200);
	pw_page_begin(r, T.mine_title, NULL);
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<div class=\"narrow\"><p><a class=\"hide-btn\" href=\"/verberg\" title=\"%s\">%s</a></p>"
			  "<h1>%s</h1><p class=\"lead\">%s</p>",
		       T.hide_title, T.hide, T.mine_title, T.mine_lead);
	problem(b, error);
	pw_html_printf(b,
		       "<form method=\"post\" action=\"/mijn-melding\" novalidate>"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		       "<div class=\"field\"><label for=\"receipt\">%s</label>"
		       "<p class=\"hint\" id=\"receipt-hint\">%s</p>"
		       "<input id=\"receipt\" name=\"receipt\" autocomplete=\"off\" autocapitalize=\"characters\" "
		       "spellcheck=\"false\" required aria-describedby=\"receipt-hint\"></div>"
		       "<button type=\"submit\" class=\"primary\">%s</button></form>"
		       "<p>%s <a href=\"/melden-leerling\">%s</a>.</p></div>",
		       token, T.code, T.code_hint, T.view, T.none_yet, T.none_link);
	pw_page_end(r, status);
}

void pw_h_report_mine_form(struct pw_req *r)
{
	pw_ui_lang_anon(r);
	receipt_form(r, NULL, 200);
}

static const char *status_words(const char *status)
{
	if (strcmp(status, "nieuw") == 0)
		return T.st_new;
	if (strcmp(status, "in_behandeling") == 0)
		return T.st_busy;
	return T.st_done;
}

static void thread_page(struct pw_req *r, const char *receipt, json_t *t, const char *done, const char *error,
			int status)
{
	const char *token = pw_ui_anon_token(r, FORM_COOKIE, "/", 7200);
	pw_page_begin(r, T.mine_title, NULL);
	struct pw_buf *b = &r->out;
	pw_html_printf(b,
		       "<div class=\"narrow\"><p><a class=\"hide-btn\" href=\"/verberg\" title=\"%s\">%s</a></p>"
		       "<h1>%s</h1><p class=\"lead\">%s</p>",
		       T.hide_title, T.hide, T.mine_title, status_words(json_string_value(json_object_get(t, "status"))));
	if (done)
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>", done);
	problem(b, error);
	pw_html_printf(b, "<h2>%s</h2><blockquote class=\"prewrap\">%s</blockquote>", T.told,
		       json_string_value(json_object_get(t, "text")));
	json_t *msgs = json_object_get(t, "messages");
	pw_html_printf(b, "<h2>%s</h2>", T.messages);
	if (json_array_size(msgs) == 0)
		pw_html_printf(b, "<p>%s</p>", T.no_answer);
	else
		pw_html_raw(b, "<ol class=\"plain\">");
	for (size_t i = 0; i < json_array_size(msgs); i++) {
		json_t *m = json_array_get(msgs, i);
		int school = strcmp(json_string_value(json_object_get(m, "from")), "school") == 0;
		pw_html_printf(b, "<li><p><strong>%s</strong>, %s</p><p class=\"prewrap\">%s</p></li>",
			       school ? T.from_school : T.from_you, json_string_value(json_object_get(m, "day")),
			       json_string_value(json_object_get(m, "text")));
	}
	if (json_array_size(msgs))
		pw_html_raw(b, "</ol>");
	pw_html_printf(b,
		       "<h2>%s</h2>"
		       "<form method=\"post\" action=\"/mijn-melding\" novalidate>"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		       "<input type=\"hidden\" name=\"receipt\" value=\"%s\">"
		       "<div class=\"field\"><label for=\"text\">%s</label>"
		       "<textarea id=\"text\" name=\"text\" rows=\"5\"></textarea></div>"
		       "<p class=\"hint\">%s</p>"
		       "<button type=\"submit\" class=\"primary\">%s</button></form>",
		       T.more_h, token, receipt, T.message, T.message_hint, T.send_msg);
	help_now(b);
	pw_html_raw(b, "</div>");
	pw_page_end(r, status);
}

/* POST /mijn-melding: the receipt (and, to add a message, text) in the body. */
void pw_h_report_mine(struct pw_req *r)
{
	struct pw_err err;
	struct pw_fields f;
	pw_ui_lang_anon(r);
	if (pw_form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, 8, &f, &err) != PW_OK) {
		receipt_form(r, T.e_form, 400);
		return;
	}
	if (!pw_ui_anon_token_ok(r, &f, FORM_COOKIE)) {
		receipt_form(r, T.e_expired_code, 403);
		return;
	}
	const char *receipt = pw_fields_get(&f, "receipt"), *text = pw_fields_get(&f, "text");
	const char *done = NULL, *problem_text = NULL;
	int status = 200;
	if (text) {
		if (pw_report_message(r, receipt, text, &err) == PW_OK) {
			done = T.msg_sent;
		} else if (err.code == PW_EINVAL && strcmp(err.field, "text") == 0) {
			problem_text = err.msg;
			status = 400;
		}
	}
	/* When the receipt itself was the problem, asking again would count a
	 * second guess: answer at once. */
	json_t *t = NULL;
	if (done || problem_text || text == NULL)
		t = pw_report_thread_json(r, receipt, &err);
	if (t == NULL) {
		receipt_form(r,
			     err.code == PW_ELIMIT ? err.msg
			     : err.code == PW_EINVAL || err.code == PW_ENOTFOUND
				     ? T.e_no_report
				     : T.e_school_later,
			     pw_status_http(err.code));
		return;
	}
	thread_page(r, receipt, t, done, problem_text, status);
	json_decref(t);
}
