/* The public survey page (/enquete): a student or parent types the code from
 * their slip, answers, and sends. No login, words a child of twelve
 * understands, works on a phone and without JavaScript.
 *
 * The code travels only in form bodies, never in a URL; the forms carry a
 * double-submit token in a short-lived SameSite=Strict cookie, as the
 * report pages do (web/public_report.c). The routes are PW_ROUTE_ANON: no
 * address is logged. The operations are the API's (api/surveys.c), so the
 * rules, the rate limits and the anonymity are the same. */
#include <string.h>

#include "api/surveys.h"
#include "auth/auth.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

#define FORM_COOKIE "pw_enquete"

/* The words of this page, in one place. */
static const struct {
	const char *title, *lead, *anon, *code_label, *code_hint, *start, *expired, *bad_form, *trouble, *send,
		*skip_note, *done_title, *done_lead, *done_more, *problem, *answers_problem, *help;
} T_nl = {
	.title = N_("Vragenlijst"),
	.lead = N_("Fijn dat je meedoet. Vul de code in die op je briefje staat."),
	.anon = N_("De school weet niet wie deze vragen beantwoordt. Je code hoort bij niemand: de briefjes zijn willekeurig "
		"uitgedeeld, en je antwoorden worden niet aan de code gekoppeld. Je kunt een vraag overslaan als je hem "
		"niet wilt beantwoorden."),
	.code_label = N_("Je code"),
	.code_hint = N_("12 letters, bijvoorbeeld BXTR-MKPA-HWZD. Hoofdletters of kleine letters mag allebei."),
	.start = N_("Begin"),
	.expired = N_("De pagina was verlopen. Vul je code opnieuw in."),
	.bad_form = N_("Het formulier kwam niet goed aan. Probeer het opnieuw."),
	.trouble = N_("Er ging iets mis bij de school. Probeer het later nog eens."),
	.send = N_("Versturen"),
	.skip_note = N_("Je mag een vraag overslaan. Als je klaar bent, druk je onderaan op Versturen."),
	.done_title = N_("Bedankt!"),
	.done_lead = N_("Je antwoorden zijn verstuurd. De school gebruikt ze om school veiliger te maken."),
	.done_more = N_("Je code werkt nu niet meer. Gooi het briefje weg."),
	.problem = N_("Dat lukte niet"),
	.answers_problem = N_("Er klopt iets niet bij een antwoord. Kijk de vragen nog eens na."),
	.help = N_("Word je gepest, en wil je er met iemand over praten? Praat met je mentor of iemand anders die je "
		"vertrouwt, of <a href=\"/melden-leerling\">meld het hier</a>. Bel of chat gratis met de Kindertelefoon: "
		"0800-0432."),
};
#define T PW_TR_TABLE(T_nl)

static void problem(struct pw_buf *b, const char *msg)
{
	if (msg)
		pw_html_printf(b,
			       "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2><p>%s</p></div>",
			       T.problem, msg);
}

static void help(struct pw_buf *b)
{
	pw_html_raw(b, "<div class=\"notice-box info\" role=\"note\"><p>");
	pw_html_raw(b, T.help);
	pw_html_raw(b, "</p></div>");
}

static void code_form(struct pw_req *r, const char *error, int status)
{
	const char *token = pw_ui_anon_token(r, FORM_COOKIE, "/enquete", 7200);
	pw_page_begin(r, T.title, NULL);
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s</p><p>%s</p>", T.title, T.lead, T.anon);
	problem(b, error);
	pw_html_printf(b,
		       "<form method=\"post\" action=\"/enquete\" novalidate>"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		       "<div class=\"field\"><label for=\"code\">%s</label>"
		       "<p class=\"hint\" id=\"code-hint\">%s</p>"
		       "<input id=\"code\" name=\"code\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" "
		       "maxlength=\"40\" required aria-describedby=\"code-hint\"></div>"
		       "<button type=\"submit\" class=\"primary big\">%s</button></form></div>",
		       token, T.code_label, T.code_hint, T.start);
	pw_page_end(r, status);
}

void pw_h_enquete_form(struct pw_req *r)
{
	pw_ui_lang_anon(r);
	code_form(r, NULL, 200);
}

/* Whether the typed answers hold value for key (to keep them after a refusal). */
static bool typed(const struct pw_fields *f, const char *key, const char *value)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (strncmp(f->v[i].name, "q.", 2) == 0 && strcmp(f->v[i].name + 2, key) == 0 &&
		    (value == NULL || strcmp(f->v[i].value, value) == 0))
			return true;
	return false;
}

static const char *typed_text(const struct pw_fields *f, const char *key)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (strncmp(f->v[i].name, "q.", 2) == 0 && strcmp(f->v[i].name + 2, key) == 0)
			return f->v[i].value;
	return "";
}

static void questions_page(struct pw_req *r, const char *code, const struct pw_survey_full *s,
			   const struct pw_fields *f, const struct pw_err *err, int status)
{
	const char *token = pw_ui_anon_token(r, FORM_COOKIE, "/enquete", 7200);
	pw_page_begin(r, T.title, NULL);
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s</p>", T.title, T.skip_note);
	/* Which question was wrong: the field is "answers.KEY". */
	const char *bad_key = err && strncmp(err->field, "answers.", 8) == 0 ? err->field + 8 : NULL;
	if (err)
		problem(b, bad_key ? T.answers_problem : err->msg);
	pw_html_printf(b,
		       "<form method=\"post\" action=\"/enquete\" novalidate>"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		       "<input type=\"hidden\" name=\"code\" value=\"%s\">"
		       "<input type=\"hidden\" name=\"versturen\" value=\"1\">",
		       token, code);
	for (size_t i = 0; i < s->nq; i++) {
		const struct pw_survey_question *q = &s->q[i];
		bool wrong = bad_key && strcmp(bad_key, q->key) == 0;
		const char *id = pw_printf(&r->arena, "v-%s", q->key);
		if (q->scale->text) {
			pw_html_printf(b, "<div class=\"field%s\"><label for=\"%s\">%zu. %s</label>", wrong ? " has-error" : "", id,
				       i + 1, pw_ui_title(q->text, q->text_en));
			if (q->hint)
				pw_html_printf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", id, q->hint);
			if (wrong)
				pw_html_printf(b, "<span class=\"field-error\">%s</span>", err->msg);
			pw_html_printf(b, "<textarea id=\"%s\" name=\"q.%s\" rows=\"4\" maxlength=\"1000\"%s>%s</textarea></div>",
				       id, q->key, q->hint ? pw_printf(&r->arena, " aria-describedby=\"%s-hint\"", id) : "",
				       typed_text(f, q->key));
			continue;
		}
		pw_html_printf(b, "<fieldset class=\"field%s\" id=\"%s\"", wrong ? " has-error" : "", id);
		if (q->hint)
			pw_html_printf(b, " aria-describedby=\"%s-hint\"", id);
		pw_html_printf(b, "><legend>%zu. %s</legend>", i + 1, pw_ui_title(q->text, q->text_en));
		if (q->hint)
			pw_html_printf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", id, q->hint);
		if (wrong)
			pw_html_printf(b, "<span class=\"field-error\">%s</span>", err->msg);
		for (size_t k = 0; k < q->scale->n; k++) {
			const struct pw_survey_option *o = &q->scale->options[k];
			pw_html_printf(b,
				       "<div class=\"check%s\"><input type=\"%s\" name=\"q.%s\" value=\"%s\" id=\"%s-%s\"%s>"
				       "<label for=\"%s-%s\">%s</label></div>",
				       q->scale->multiple ? "" : " radio", q->scale->multiple ? "checkbox" : "radio", q->key, o->key,
				       id, o->key, typed(f, q->key, o->key) ? " checked" : "", id, o->key, pw_ui_title(o->text, o->text_en));
		}
		pw_html_raw(b, "</fieldset>");
	}
	pw_html_printf(b, "<button type=\"submit\" class=\"primary big\">%s</button></form>", T.send);
	help(b);
	pw_html_raw(b, "</div>");
	pw_page_end(r, status);
}

/* POST /enquete: the code alone shows the questions; with versturen=1 the
 * answers are sent. */
void pw_h_enquete_post(struct pw_req *r)
{
	struct pw_err err;
	struct pw_fields f;
	pw_ui_lang_anon(r);
	if (pw_form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len, 200, &f, &err) != PW_OK) {
		code_form(r, T.bad_form, 400);
		return;
	}
	if (!pw_ui_anon_token_ok(r, &f, FORM_COOKIE)) {
		code_form(r, T.expired, 403);
		return;
	}
	const char *code = pw_fields_get(&f, "code");
	struct pw_survey_full s;
	if (pw_survey_for_code(r, code, &s, &err) != PW_OK) {
		code_form(r, err.code == PW_EIO ? T.trouble : err.msg, pw_status_http(err.code));
		return;
	}
	if (pw_fields_get(&f, "versturen") == NULL) {
		questions_page(r, code, &s, NULL, NULL, 200);
		return;
	}
	json_t *answers = pw_survey_form_answers(&f);
	enum pw_status st = pw_survey_submit(r, code, answers, &err);
	json_decref(answers);
	if (st != PW_OK) {
		if (strcmp(err.field, "code") == 0 || err.code != PW_EINVAL)
			code_form(r, err.code == PW_EIO ? T.trouble : err.msg, pw_status_http(err.code));
		else
			questions_page(r, code, &s, &f, &err, 400);
		return;
	}
	pw_page_begin(r, T.done_title, NULL);
	pw_html_printf(&r->out, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s</p><p>%s</p>", T.done_title,
		       T.done_lead, T.done_more);
	help(&r->out);
	pw_html_raw(&r->out, "</div>");
	pw_page_end(r, 201);
}
