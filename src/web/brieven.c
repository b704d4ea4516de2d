/* Letters to parents on the case page (issue 7): the "Brief aan ouders"
 * section, and a page that writes one in three short steps, each a plain
 * GET form so it works without JavaScript: choose the student and the
 * template; choose the parent (the school's records decide who may get one,
 * and say why not); read and edit the filled letter, choose mail or paper,
 * send. A printed letter opens as a page to print.
 *
 * Only those who act on the case (PW_CASE_WORK) reach any of it; the checks
 * and writes are app/letters.c's, the same as the API's. */
#include <string.h>

#include "app/letters.h"
#include "store/people.h"
#include "util/clock.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

static const struct {
	const char *section, *section_hint, *none, *write, *print, *view, *by_mail, *on_paper;
	const char *title, *lead, *back, *student, *template_, *choose, *next, *parent, *parent_hint, *no_email,
		*not_allowed, *no_parents, *write_btn, *subject, *text, *text_hint, *channel, *ch_mail, *ch_paper,
		*consent, *consent_hint, *send, *e_parent, *e_subject, *e_text, *e_channel, *sent_mail, *other;
} T_nl = {
	.section = N_("Brief aan ouders"),
	.section_hint = N_("Een brief begint met een sjabloon (informeren, afspraken, sanctie), wordt nagelezen en gaat per "
			"mail of op papier; hij telt als contact met ouders."),
	.none = N_("Nog geen brieven verstuurd."),
	.write = N_("Brief schrijven"),
	.print = N_("Afdrukken"),
	.view = N_("Bekijken"),
	.by_mail = N_("per e-mail"),
	.on_paper = N_("op papier"),
	.title = N_("Brief aan ouders · casus %lld"),
	.lead = N_("Kies de leerling en het soort brief, dan de ouder. Je leest en past de brief aan voordat hij weggaat."),
	.back = N_("Terug naar de casus"),
	.student = N_("Over welke leerling?"),
	.template_ = N_("Soort brief"),
	.choose = N_("Kies…"),
	.next = N_("Verder"),
	.parent = N_("Aan wie?"),
	.parent_hint = N_("Zoals de leerlingadministratie het zegt: ouders zonder gezag of met een contactbeperking krijgen "
		       "alleen een brief als dat mag."),
	.no_email = N_("geen e-mailadres: alleen op papier"),
	.not_allowed = N_("Geen brief: %s"),
	.no_parents = N_("Van deze leerling staan geen ouders in de administratie."),
	.write_btn = N_("Brief opstellen"),
	.subject = N_("Onderwerp"),
	.text = N_("De brief"),
	.text_hint = N_("Ingevuld uit de casus. Lees hem na en pas aan wat nodig is: de ouder krijgt precies deze tekst."),
	.channel = N_("Hoe gaat de brief weg?"),
	.ch_mail = N_("Per e-mail naar %s"),
	.ch_paper = N_("Op papier (afdrukken, meegeven of per post)"),
	.consent = N_("De leerling (18 of ouder) geeft toestemming om de ouders te informeren"),
	.consent_hint = N_("Vanaf 18 jaar beslist de leerling zelf of ouders informatie krijgen."),
	.send = N_("Versturen en vastleggen"),
	.e_parent = N_("Kies de ouder die de brief krijgt."),
	.e_subject = N_("Schrijf een onderwerp."),
	.e_text = N_("De brief is leeg."),
	.e_channel = N_("Kies per e-mail of op papier."),
	.sent_mail = N_("De brief staat klaar om te mailen en is vastgelegd als contact met ouders."),
	.other = N_("Een andere ouder kiezen"),
};
#define T PW_TR_TABLE(T_nl)

/* The case page's section: the letters kept and the way to write one. */
void pw_letters_section(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc)
{
	struct pw_err err;
	struct pw_letter *v;
	size_t n;
	if (pw_access_case(a, lc->p, &lc->facts, PW_CASE_WORK, NULL, &err) != PW_OK ||
	    pw_store_letter_list(r->app->store, &r->arena, lc->row.id, &v, &n, &err) != PW_OK)
		return;
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" id=\"brieven\" aria-labelledby=\"h-brieven\"><h2 id=\"h-brieven\">%s</h2>"
			  "<p class=\"hint\">%s</p>",
		       T.section, T.section_hint);
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", T.none);
	else
		pw_html_raw(b, "<ul class=\"plain\">");
	for (size_t i = 0; i < n; i++) {
		bool paper = strcmp(v[i].channel, "brief") == 0;
		pw_html_printf(b, "<li><span class=\"when\">%s</span> %s · %s · %s · <a href=\"/casus/%lld/brief/%lld\">%s</a></li>",
			       pw_letter_day(&r->arena, pw_day_from_unix(v[i].at)), v[i].parent_name,
			       paper ? T.on_paper : T.by_mail, v[i].subject, (long long)lc->row.id, (long long)v[i].id,
			       paper ? T.print : T.view);
	}
	if (n)
		pw_html_raw(b, "</ul>");
	if (!lc->c.closed)
		pw_html_printf(b, "<p class=\"no-print\"><a class=\"button\" href=\"/casus/%lld/brief\">%s</a></p>",
			       (long long)lc->row.id, T.write);
	pw_html_raw(b, "</section>");
}

static int load(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case **out)
{
	struct pw_err err;
	struct pw_loaded_case *lc;
	if (!pw_casus_load(r, a, &lc))
		return 0;
	if (pw_access_case(a, lc->p, &lc->facts, PW_CASE_WORK, NULL, &err) != PW_OK) {
		pw_ui_error_page(r, a, pw_status_http(err.code), T.section, err.msg,
				 pw_printf(&r->arena, "/casus/%lld", (long long)lc->row.id));
		return 0;
	}
	*out = lc;
	return 1;
}

/* What the writer chose and typed so far. */
struct draft {
	int64_t student, parent;
	const char *key, *subject, *text, *channel;
	bool consent;
};

static void select_student(struct pw_req *r, const struct pw_loaded_case *lc, int64_t cur, const char *key)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<div class=\"field\"><label for=\"leerling\">%s</label><select id=\"leerling\" name=\"leerling\">",
		       T.student);
	for (size_t i = 0; i < lc->c.n_persons; i++) {
		const struct pw_person *pp = &lc->c.persons[i];
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = lc->c.persons[k].student_id == pp->student_id;
		if (pp->student_id == 0 || seen)
			continue;
		pw_html_printf(b, "<option value=\"%lld\"", (long long)pp->student_id);
		if (pp->student_id == cur)
			pw_html_raw(b, " selected");
		pw_html_printf(b, ">%s (%s)</option>", pp->name ? pp->name : "", pp->class_name ? pp->class_name : "");
	}
	pw_html_printf(b, "</select></div><div class=\"field\"><label for=\"sjabloon\">%s</label><select id=\"sjabloon\" "
			  "name=\"sjabloon\">",
		       T.template_);
	for (size_t i = 0; i < sizeof pw_letter_templates / sizeof pw_letter_templates[0]; i++) {
		pw_html_printf(b, "<option value=\"%s\"", pw_letter_templates[i].key);
		if (key && strcmp(key, pw_letter_templates[i].key) == 0)
			pw_html_raw(b, " selected");
		pw_html_printf(b, ">%s</option>", pw_letter_templates[i].title);
	}
	pw_html_raw(b, "</select></div>");
}

static void page(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc, const struct draft *d,
		 const struct pw_ui_errors *e, int status)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	r->out.len = 0;
	const char *title = pw_printf(&r->arena, T.title, (long long)lc->row.id);
	pw_page_begin(r, title, a);
	pw_html_printf(b, "<p class=\"back\"><a href=\"/casus/%lld#brieven\">%s</a></p><div class=\"page-head\"><h1>%s</h1>"
			  "<p class=\"lead\">%s</p></div>",
		       (long long)lc->row.id, T.back, title, T.lead);
	pw_ui_error_summary(b, e);

	/* Step 1: student and template (kept when going on). */
	pw_html_printf(b, "<form method=\"get\" action=\"/casus/%lld/brief\" class=\"card\">", (long long)lc->row.id);
	select_student(r, lc, d->student, d->key);
	pw_html_printf(b, "<button type=\"submit\">%s</button></form>", T.next);
	if (d->student == 0 || d->key == NULL) {
		pw_page_end(r, status);
		return;
	}

	/* Step 2: the parent, as the records allow. */
	struct pw_letter_recipient *rv = NULL;
	size_t n = 0;
	int age = -1;
	if (pw_letter_recipients(r->app->store, &r->arena, lc, d->student, &rv, &n, &age, &err) != PW_OK) {
		pw_html_printf(b, "<div class=\"notice-box\"><p>%s</p></div>", err.msg);
		pw_page_end(r, status);
		return;
	}
	const struct pw_letter_recipient *chosen = NULL;
	pw_html_printf(b, "<form method=\"get\" action=\"/casus/%lld/brief\" class=\"card\" novalidate>"
			  "<input type=\"hidden\" name=\"leerling\" value=\"%lld\"><input type=\"hidden\" name=\"sjabloon\" value=\"%s\">"
			  "<input type=\"hidden\" name=\"stap\" value=\"ouder\">",
		       (long long)lc->row.id, (long long)d->student, d->key);
	const char *omsg = pw_ui_error_of(e, "ouder");
	pw_html_printf(b, "<fieldset class=\"field%s\" id=\"ouder\"><legend>%s</legend><span class=\"hint\">%s</span>",
		       omsg ? " has-error" : "", T.parent, T.parent_hint);
	if (omsg)
		pw_html_printf(b, "<span class=\"field-error\" id=\"ouder-error\">%s</span>", omsg);
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", T.no_parents);
	for (size_t i = 0; i < n; i++) {
		const struct pw_parent_link *pl = &rv[i].link;
		if (pl->id == d->parent && rv[i].v.allowed)
			chosen = &rv[i];
		pw_html_printf(b, "<div class=\"check radio\"><input type=\"radio\" name=\"ouder\" id=\"ouder-%lld\" value=\"%lld\"",
			       (long long)pl->id, (long long)pl->id);
		if (!rv[i].v.allowed)
			pw_html_raw(b, " disabled");
		else if (pl->id == d->parent)
			pw_html_raw(b, " checked");
		pw_html_printf(b, " aria-describedby=\"ouder-%lld-hint\"><label for=\"ouder-%lld\">%s <span class=\"meta\">%s</span>"
				  "</label><span class=\"hint\" id=\"ouder-%lld-hint\">",
			       (long long)pl->id, (long long)pl->id, pl->name, pl->relation ? pl->relation : "", (long long)pl->id);
		if (!rv[i].v.allowed)
			pw_html_printf(b, T.not_allowed, rv[i].v.reason);
		else
			pw_html_printf(b, "%s%s%s", pl->email[0] ? pl->email : T.no_email, rv[i].v.note ? " · " : "",
				       rv[i].v.note ? rv[i].v.note : "");
		pw_html_raw(b, "</span></div>");
	}
	pw_html_printf(b, "</fieldset><button type=\"submit\">%s</button></form>", T.write_btn);
	if (chosen == NULL) {
		pw_page_end(r, status);
		return;
	}

	/* Step 3: the letter itself, to read, edit and send. */
	const char *subject = d->subject, *text = d->text;
	if (subject == NULL || text == NULL) {
		const char *s0, *t0;
		if (pw_letter_preview(r->app->store, &r->arena, a, lc, d->key, d->student, d->parent, &s0, &t0, &err) != PW_OK) {
			pw_html_printf(b, "<div class=\"notice-box\"><p>%s</p></div>", err.msg);
			pw_page_end(r, status);
			return;
		}
		subject = subject ? subject : s0;
		text = text ? text : t0;
	}
	pw_html_printf(b, "<form method=\"post\" action=\"/casus/%lld/brief\" class=\"card\" id=\"brief\" novalidate>",
		       (long long)lc->row.id);
	pw_form_csrf(r, a);
	pw_html_printf(b, "<input type=\"hidden\" name=\"leerling\" value=\"%lld\"><input type=\"hidden\" name=\"ouder\" "
			  "value=\"%lld\"><input type=\"hidden\" name=\"sjabloon\" value=\"%s\">",
		       (long long)d->student, (long long)d->parent, d->key);
	pw_ui_field_begin(b, e, "subject", T.subject, NULL);
	pw_html_printf(b, "<input type=\"text\" id=\"subject\" name=\"subject\" maxlength=\"200\" value=\"%s\"", subject);
	pw_ui_described(b, e, "subject", NULL);
	pw_html_raw(b, ">");
	pw_ui_field_end(b);
	pw_ui_field_begin(b, e, "text", T.text, T.text_hint);
	pw_html_raw(b, "<textarea id=\"text\" name=\"text\" rows=\"16\" maxlength=\"20000\"");
	pw_ui_described(b, e, "text", "hint");
	pw_html_printf(b, ">%s</textarea>", text);
	pw_ui_field_end(b);
	const char *cmsg = pw_ui_error_of(e, "kanaal-mail");
	pw_html_printf(b, "<fieldset class=\"field%s\"><legend>%s</legend>", cmsg ? " has-error" : "", T.channel);
	if (cmsg)
		pw_html_printf(b, "<span class=\"field-error\" id=\"kanaal-mail-error\">%s</span>", cmsg);
	bool mail_ok = chosen->link.email[0] != '\0';
	if (mail_ok) {
		pw_html_raw(b, "<div class=\"check radio\"><input type=\"radio\" name=\"kanaal\" id=\"kanaal-mail\" value=\"mail\"");
		if (d->channel && strcmp(d->channel, "mail") == 0)
			pw_html_raw(b, " checked");
		pw_html_raw(b, "><label for=\"kanaal-mail\">");
		pw_html_printf(b, T.ch_mail, chosen->link.email);
		pw_html_raw(b, "</label></div>");
	}
	pw_html_printf(b, "<div class=\"check radio\"><input type=\"radio\" name=\"kanaal\" id=\"kanaal-%s\" value=\"brief\"",
		       mail_ok ? "brief" : "mail");
	if ((d->channel && strcmp(d->channel, "brief") == 0) || !mail_ok)
		pw_html_raw(b, " checked");
	pw_html_printf(b, "><label for=\"kanaal-%s\">%s</label></div></fieldset>", mail_ok ? "brief" : "mail", T.ch_paper);
	if (age >= PW_LETTER_CONSENT_AGE) {
		pw_html_raw(b, "<div class=\"field\"><div class=\"check\"><input type=\"checkbox\" name=\"toestemming\" "
			       "id=\"toestemming\" value=\"1\" aria-describedby=\"toestemming-hint\"");
		if (d->consent)
			pw_html_raw(b, " checked");
		pw_html_printf(b, "><label for=\"toestemming\">%s</label><span class=\"hint\" id=\"toestemming-hint\">%s</span>"
				  "</div></div>",
			       T.consent, T.consent_hint);
	}
	pw_html_printf(b, "<button type=\"submit\" class=\"primary\">%s</button></form>", T.send);
	pw_page_end(r, status);
}

static const char *known_template(const char *key)
{
	const struct pw_letter_template *t = key ? pw_letter_template(key) : NULL;
	return t ? t->key : NULL;
}

/* GET /casus/{id}/brief?leerling=&sjabloon=&ouder= */
void pw_h_brief(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case *lc;
	if (!pw_ui_auth(r, &a) || !load(r, &a, &lc))
		return;
	struct draft d = {0};
	d.student = pw_ui_id(pw_req_query(r, "leerling"));
	d.key = known_template(pw_req_query(r, "sjabloon"));
	d.parent = pw_ui_id(pw_req_query(r, "ouder"));
	struct pw_ui_errors e = {0};
	/* The parent form was sent without a choice. */
	const char *stap = pw_req_query(r, "stap");
	if (stap && strcmp(stap, "ouder") == 0 && d.parent == 0)
		pw_ui_error_add(&e, "ouder", T.e_parent);
	page(r, &a, lc, &d, &e, 200);
}

/* POST /casus/{id}/brief: sends it (mail through the outbox) or keeps it
 * to print, and records the parent contact; then to the print page, or
 * back to the case for mail. */
void pw_h_brief_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case *lc;
	struct pw_fields f;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 12, &f) || !load(r, &a, &lc))
		return;
	struct draft d = {
		.student = pw_ui_id(pw_fields_get(&f, "leerling")),
		.parent = pw_ui_id(pw_fields_get(&f, "ouder")),
		.key = known_template(pw_fields_get(&f, "sjabloon")),
		.subject = pw_ui_get(&r->arena, &f, "subject"),
		.text = pw_ui_get(&r->arena, &f, "text"),
		.channel = pw_fields_get(&f, "kanaal"),
		.consent = pw_fields_get(&f, "toestemming") != NULL,
	};
	struct pw_ui_errors e = {0};
	if (d.subject == NULL)
		pw_ui_error_add(&e, "subject", T.e_subject);
	if (d.text == NULL)
		pw_ui_error_add(&e, "text", T.e_text);
	if (d.channel == NULL || (strcmp(d.channel, "mail") != 0 && strcmp(d.channel, "brief") != 0))
		pw_ui_error_add(&e, "kanaal-mail", T.e_channel);
	if (d.key == NULL)
		d.key = pw_letter_templates[0].key;
	if (e.n) {
		/* Keep what was typed, even when empty. */
		d.subject = d.subject ? d.subject : "";
		d.text = d.text ? d.text : "";
		page(r, &a, lc, &d, &e, 400);
		return;
	}
	struct pw_letter_send in = {d.student, d.parent, d.subject, d.text, d.channel, d.consent};
	struct pw_letter l;
	if (pw_letter_send(r->app->store, &r->arena, &a, lc, &in, &l, &err) != PW_OK) {
		if (err.code != PW_EINVAL && err.code != PW_EPROTOCOL && err.code != PW_EFORBID) {
			pw_ui_error_page(r, &a, pw_status_http(err.code), T.section, err.msg,
					 pw_printf(&r->arena, "/casus/%lld", (long long)lc->row.id));
			return;
		}
		const char *field = strcmp(err.field, "subject") == 0 ? "subject"
				    : strcmp(err.field, "text") == 0  ? "text"
				    : strcmp(err.field, "channel") == 0 ? "kanaal-mail"
				    : strcmp(err.field, "consent") == 0 ? "toestemming"
									: "ouder";
		pw_ui_error_add(&e, field, pw_strdup(&r->arena, err.msg));
		page(r, &a, lc, &d, &e, err.code == PW_EFORBID ? 403 : 400);
		return;
	}
	if (l.outbox_id)
		pw_resp_redirect(r, pw_printf(&r->arena, "/casus/%lld?klaar=brief#brieven", (long long)lc->row.id));
	else
		pw_resp_redirect(r, pw_printf(&r->arena, "/casus/%lld/brief/%lld", (long long)lc->row.id, (long long)l.id));
}

/* GET /casus/{id}/brief/{lid}: the letter as kept, to print or read again. */
void pw_h_brief_print(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_loaded_case *lc;
	struct pw_err err;
	if (!pw_ui_auth(r, &a) || !load(r, &a, &lc))
		return;
	struct pw_letter l;
	struct pw_school sc;
	if (pw_store_letter_get(r->app->store, &r->arena, lc->row.id, pw_ui_id(r->params[1]), &l, &err) != PW_OK ||
	    pw_store_school_by_id(r->app->store, &r->arena, lc->row.school_id, &sc, &err) != PW_OK) {
		pw_ui_error_page(r, &a, err.code == PW_ENOTFOUND ? 404 : pw_status_http(err.code), T.section,
				 err.code == PW_ENOTFOUND ? _("Deze brief bestaat niet.") : err.msg,
				 pw_printf(&r->arena, "/casus/%lld", (long long)lc->row.id));
		return;
	}
	pw_letter_page(r, lc, &l, sc.name);
}
