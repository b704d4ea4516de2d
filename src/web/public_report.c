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

#define FORM_COOKIE "pw_melding"

/* What the reporter typed, to show again after a refusal. */
struct typed {
	const char *text, *occurred_on, *location, *who, *name, *contact, *school;
};

/* Sets a fresh double-submit token; returns it for the form. */
static const char *form_token(struct pw_req *r)
{
	char *t = pw_alloc(&r->arena, 64);
	pw_auth_secret(t, 64);
	pw_resp_header(r, "Set-Cookie",
		       pw_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=7200%s", FORM_COOKIE, t,
				 r->app->behind_tls ? "; Secure" : ""));
	return t;
}

static int token_ok(struct pw_req *r, const struct pw_fields *f)
{
	const char *csrf = pw_fields_get(f, "csrf"), *cookie = pw_req_cookie(r, FORM_COOKIE);
	return csrf && cookie && strlen(csrf) == strlen(cookie) && strlen(cookie) > 0 &&
	       sodium_memcmp(csrf, cookie, strlen(cookie)) == 0;
}

static void problem(struct pw_buf *b, const char *msg)
{
	if (msg)
		pw_html_printf(b,
			       "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>Dat lukte niet</h2><p>%s</p></div>",
			       msg);
}

/* Help that does not depend on the school answering. */
static void help_now(struct pw_buf *b)
{
	pw_html_raw(b, "<div class=\"notice-box info\" role=\"note\"><p><strong>Is er nu gevaar?</strong> Bel 112.</p>"
		       "<p>Wil je met iemand praten? Bel of chat gratis met de Kindertelefoon: 0800-0432 "
		       "(kindertelefoon.nl).</p></div>");
}

static void report_form(struct pw_req *r, const struct typed *t, const char *error, int status)
{
	struct pw_err err;
	struct pw_school *schools = NULL;
	size_t nschools = 0;
	pw_store_school_list(r->app->store, &r->arena, &schools, &nschools, &err);
	const char *token = form_token(r);
	pw_page_begin(r, "Pesten melden", NULL);
	struct pw_buf *b = &r->out;
	pw_html_raw(b, "<div class=\"narrow\"><p><a class=\"hide-btn\" href=\"/verberg\" title=\"Scherm direct leegmaken\">"
		       "Snel weg</a></p><h1>Pesten melden</h1>"
		       "<p class=\"lead\">Word je gepest, of zie je dat iemand anders wordt gepest? Vertel het hier. "
		       "De anti-pestcoördinator van school leest het en helpt.</p>"
		       "<p>Je hoeft je naam niet te geven. Dan weet de school niet wie je bent. "
		       "Je krijgt een code waarmee je later kunt lezen wat de school terugschrijft.</p>");
	problem(b, error);
	pw_html_printf(b,
		       "<form method=\"post\" action=\"/melden-leerling\" novalidate>"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		       token);
	if (nschools > 1) {
		pw_html_raw(b, "<div class=\"field\"><label for=\"school\">Op welke school zit je?</label>"
			       "<select id=\"school\" name=\"school\"><option value=\"\">Kies je school</option>");
		for (size_t i = 0; i < nschools; i++)
			pw_html_printf(b, "<option value=\"%s\"%s>%s</option>", schools[i].code,
				       t->school && strcmp(t->school, schools[i].code) == 0 ? " selected" : "", schools[i].name);
		pw_html_raw(b, "</select></div>");
	}
	pw_html_printf(b,
		       "<div class=\"field\"><label for=\"text\">Wat is er gebeurd?</label>"
		       "<p class=\"hint\" id=\"text-hint\">Vertel het in je eigen woorden. Wat zeiden of deden ze?</p>"
		       "<textarea id=\"text\" name=\"text\" rows=\"7\" required aria-describedby=\"text-hint\">%s</textarea></div>"
		       "<div class=\"field\"><label for=\"location\">Waar gebeurde het? (mag je leeg laten)</label>"
		       "<p class=\"hint\" id=\"location-hint\">Bijvoorbeeld: in de klas, op het plein, in de bus, in een appgroep.</p>"
		       "<input id=\"location\" name=\"location\" maxlength=\"200\" aria-describedby=\"location-hint\" value=\"%s\"></div>"
		       "<div class=\"field\"><label for=\"occurred_on\">Wanneer gebeurde het? (mag je leeg laten)</label>"
		       "<input id=\"occurred_on\" name=\"occurred_on\" type=\"date\" value=\"%s\"></div>"
		       "<div class=\"field\"><label for=\"who\">Wie deden er mee? (mag je leeg laten)</label>"
		       "<input id=\"who\" name=\"who\" maxlength=\"200\" value=\"%s\"></div>"
		       "<div class=\"notice-box\" role=\"note\"><p><strong>Stuur geen screenshots of foto's.</strong> "
		       "Bewaar de berichten wel. Laat ze zien aan iemand die je vertrouwt: je mentor, je ouders, "
		       "of de vertrouwenspersoon van school.</p></div>"
		       "<h2>Wil je je naam geven?</h2>"
		       "<p>Dat hoeft niet. Als je je naam geeft, kan de school je beter helpen en met je praten.</p>"
		       "<div class=\"field\"><label for=\"name\">Je naam (mag je leeg laten)</label>"
		       "<input id=\"name\" name=\"name\" maxlength=\"200\" autocomplete=\"off\" value=\"%s\"></div>"
		       "<div class=\"field\"><label for=\"contact\">Hoe kan de school je bereiken? (mag je leeg laten)</label>"
		       "<p class=\"hint\" id=\"contact-hint\">Bijvoorbeeld je klas, of het e-mailadres of telefoonnummer van je ouders.</p>"
		       "<input id=\"contact\" name=\"contact\" maxlength=\"200\" autocomplete=\"off\" aria-describedby=\"contact-hint\" "
		       "value=\"%s\"></div>"
		       "<button type=\"submit\" class=\"primary\">Melding versturen</button></form>"
		       "<p>Heb je al iets gemeld? <a href=\"/mijn-melding\">Lees wat de school terugschreef</a>.</p>",
		       t->text, t->location, t->occurred_on, t->who, t->name, t->contact);
	help_now(b);
	pw_html_raw(b, "</div>");
	pw_page_end(r, status);
}

void pw_h_report_form(struct pw_req *r)
{
	struct typed t = {0};
	report_form(r, &t, NULL, 200);
}

/* Words a child understands for what was wrong with the form. */
static const char *form_problem(struct pw_req *r, const struct pw_err *err)
{
	if (err->code == PW_ELIMIT)
		return err->msg;
	if (err->code != PW_EINVAL)
		return "Er ging iets mis bij de school. Probeer het later nog eens. Is het dringend? Praat met iemand die je vertrouwt.";
	if (strcmp(err->field, "text") == 0)
		return "Schrijf op wat er is gebeurd. Dat is het enige dat je moet invullen.";
	if (strcmp(err->field, "occurred_on") == 0)
		return "Vul bij ‘Wanneer’ een dag in die al geweest is, of laat het leeg.";
	if (strcmp(err->field, "school") == 0)
		return "Kies op welke school je zit.";
	return pw_printf(&r->arena, "Iets wat je invulde is te lang of bevat tekens die niet kunnen (%s).", err->field);
}

void pw_h_report_post(struct pw_req *r)
{
	struct pw_err err;
	struct pw_fields f;
	struct typed t = {0};
	if (pw_form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, 16, &f, &err) != PW_OK) {
		report_form(r, &t, "Het formulier kwam niet goed aan. Probeer het opnieuw.", 400);
		return;
	}
	t.text = pw_fields_get(&f, "text");
	t.occurred_on = pw_fields_get(&f, "occurred_on");
	t.location = pw_fields_get(&f, "location");
	t.who = pw_fields_get(&f, "who");
	t.name = pw_fields_get(&f, "name");
	t.contact = pw_fields_get(&f, "contact");
	t.school = pw_fields_get(&f, "school");
	if (!token_ok(r, &f)) {
		report_form(r, &t, "De pagina was verlopen. Kijk of alles er nog staat en verstuur het opnieuw.", 403);
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
	pw_page_begin(r, "Je melding is verstuurd", NULL);
	struct pw_buf *b = &r->out;
	pw_html_printf(b,
		       "<div class=\"narrow\"><h1>Je melding is verstuurd</h1>"
		       "<p class=\"lead\">Goed dat je het verteld hebt. De school gaat ermee aan de slag.</p>"
		       "<h2>Schrijf deze code op</h2>"
		       "<p class=\"receipt-code\">"
		       "<strong>%s</strong></p>"
		       "<p>Met deze code lees je later wat de school terugschrijft, en kun je nog iets vertellen. "
		       "<strong>Je ziet de code maar één keer.</strong> Schrijf hem op een briefje en bewaar dat goed. "
		       "Kwijt? Dan kun je gewoon een nieuwe melding maken.</p>"
		       "<p>Geef de code niet aan iemand die je niet vertrouwt: wie de code heeft, kan je melding lezen.</p>"
		       "<p><a href=\"/mijn-melding\">Lees later het antwoord van de school</a></p></div>",
		       receipt);
	sodium_memzero(receipt, sizeof receipt);
	pw_page_end(r, 201);
}

static void receipt_form(struct pw_req *r, const char *error, int status)
{
	const char *token = form_token(r);
	pw_page_begin(r, "Mijn melding", NULL);
	struct pw_buf *b = &r->out;
	pw_html_raw(b, "<div class=\"narrow\"><p><a class=\"hide-btn\" href=\"/verberg\" title=\"Scherm direct leegmaken\">"
		       "Snel weg</a></p><h1>Mijn melding</h1>"
		       "<p class=\"lead\">Vul de code in die je kreeg toen je je melding verstuurde.</p>");
	problem(b, error);
	pw_html_printf(b,
		       "<form method=\"post\" action=\"/mijn-melding\" novalidate>"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		       "<div class=\"field\"><label for=\"receipt\">Je code</label>"
		       "<p class=\"hint\" id=\"receipt-hint\">20 letters en cijfers, bijvoorbeeld ABCD-EFGH-JKMN-PQRS-TVWX.</p>"
		       "<input id=\"receipt\" name=\"receipt\" autocomplete=\"off\" autocapitalize=\"characters\" "
		       "spellcheck=\"false\" required aria-describedby=\"receipt-hint\"></div>"
		       "<button type=\"submit\" class=\"primary\">Bekijken</button></form>"
		       "<p>Nog niets gemeld? <a href=\"/melden-leerling\">Pesten melden</a>.</p></div>",
		       token);
	pw_page_end(r, status);
}

void pw_h_report_mine_form(struct pw_req *r)
{
	receipt_form(r, NULL, 200);
}

static const char *status_words(const char *status)
{
	if (strcmp(status, "nieuw") == 0)
		return "Ontvangen. De school gaat je melding lezen.";
	if (strcmp(status, "in_behandeling") == 0)
		return "De school is ermee bezig.";
	return "Afgerond: de school heeft je melding afgehandeld. Je kunt nog steeds een bericht sturen.";
}

static void thread_page(struct pw_req *r, const char *receipt, json_t *t, const char *done, const char *error,
			int status)
{
	const char *token = form_token(r);
	pw_page_begin(r, "Mijn melding", NULL);
	struct pw_buf *b = &r->out;
	pw_html_printf(b,
		       "<div class=\"narrow\"><p><a class=\"hide-btn\" href=\"/verberg\" title=\"Scherm direct leegmaken\">"
		       "Snel weg</a></p><h1>Mijn melding</h1><p class=\"lead\">%s</p>",
		       status_words(json_string_value(json_object_get(t, "status"))));
	if (done)
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>", done);
	problem(b, error);
	pw_html_printf(b, "<h2>Wat je vertelde</h2><blockquote class=\"prewrap\">%s</blockquote>",
		       json_string_value(json_object_get(t, "text")));
	json_t *msgs = json_object_get(t, "messages");
	pw_html_raw(b, "<h2>Berichten</h2>");
	if (json_array_size(msgs) == 0)
		pw_html_raw(b, "<p>De school heeft nog niet geantwoord. Kijk later nog eens.</p>");
	else
		pw_html_raw(b, "<ol class=\"plain\">");
	for (size_t i = 0; i < json_array_size(msgs); i++) {
		json_t *m = json_array_get(msgs, i);
		int school = strcmp(json_string_value(json_object_get(m, "from")), "school") == 0;
		pw_html_printf(b, "<li><p><strong>%s</strong>, %s</p><p class=\"prewrap\">%s</p></li>",
			       school ? "De school" : "Jij", json_string_value(json_object_get(m, "day")),
			       json_string_value(json_object_get(m, "text")));
	}
	if (json_array_size(msgs))
		pw_html_raw(b, "</ol>");
	pw_html_printf(b,
		       "<h2>Nog iets vertellen?</h2>"
		       "<form method=\"post\" action=\"/mijn-melding\" novalidate>"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		       "<input type=\"hidden\" name=\"receipt\" value=\"%s\">"
		       "<div class=\"field\"><label for=\"text\">Je bericht</label>"
		       "<textarea id=\"text\" name=\"text\" rows=\"5\"></textarea></div>"
		       "<p class=\"hint\">Stuur geen screenshots of foto's. Bewaar de berichten en laat ze zien aan iemand "
		       "die je vertrouwt.</p>"
		       "<button type=\"submit\" class=\"primary\">Versturen</button></form>",
		       token, receipt);
	help_now(b);
	pw_html_raw(b, "</div>");
	pw_page_end(r, status);
}

/* POST /mijn-melding: the receipt (and, to add a message, text) in the body. */
void pw_h_report_mine(struct pw_req *r)
{
	struct pw_err err;
	struct pw_fields f;
	if (pw_form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, 8, &f, &err) != PW_OK) {
		receipt_form(r, "Het formulier kwam niet goed aan. Probeer het opnieuw.", 400);
		return;
	}
	if (!token_ok(r, &f)) {
		receipt_form(r, "De pagina was verlopen. Vul je code opnieuw in.", 403);
		return;
	}
	const char *receipt = pw_fields_get(&f, "receipt"), *text = pw_fields_get(&f, "text");
	const char *done = NULL, *problem_text = NULL;
	int status = 200;
	if (text) {
		if (pw_report_message(r, receipt, text, &err) == PW_OK) {
			done = "Je bericht is verstuurd.";
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
				     ? "Bij deze code vonden we geen melding. Kijk of je hem goed hebt overgenomen."
				     : "Er ging iets mis bij de school. Probeer het later nog eens.",
			     pw_status_http(err.code));
		return;
	}
	thread_page(r, receipt, t, done, problem_text, status);
	json_decref(t);
}
