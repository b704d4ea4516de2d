/* Beheer: the beheerder's page (pw_access PW_ACT_ADMIN at their school).
 * Accounts with the functies of the school's protocol, classes and mentors
 * per school year, school years with holidays, imports from the student
 * administration (a dry run first, then apply), API tokens, and protocol
 * versions. Each change goes through the same store functions as the admin
 * API and the CLI, in one transaction with its audit row where the store
 * allows it, else audited right after (pw_store_audit_change_now).
 *
 * One page, one form per task, posting to /beheer/{task}; a failed form
 * comes back with the summary at the top, its message at the field and what
 * was typed kept (ids "<form>-<field>"). Imports and protocol files are
 * uploads (multipart); the dry run's page carries the file's text in a
 * hidden field so "toepassen" needs no second upload and no script. */
#include <stdlib.h>
#include <string.h>

#include "auth/password.h"
#include "core/calendar.h"
#include "core/school_protocol.h"
#include "core/staff.h"
#include "import/csvimport.h"
#include "store/people.h"
#include "store/protocols.h"
#include "store/session.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The words of this page, in one place. */
static const struct {
	const char *title, *saved, *forbidden, *forbidden_msg;
	const char *accounts, *accounts_hint, *col_login, *col_name, *col_functies, *col_status, *active, *disabled, *disable,
		*enable, *add_account, *login, *login_hint, *name, *email, *functies, *department, *department_hint, *password,
		*password_hint, *add_btn;
	const char *years, *years_none, *add_year, *year_name, *year_name_hint, *year_start, *year_end, *holiday, *holiday_hint,
		*holiday_name, *holiday_from, *holiday_to, *year_btn, *holidays_none;
	const char *classes, *classes_hint, *classes_none, *col_class, *col_year, *col_mentors, *col_students, *set_class,
		*class_name, *class_year, *class_dep, *mentor1, *mentor2, *mentor_hint, *class_btn, *sy;
	const char *import, *import_hint, *imp_kind, *imp_file, *imp_year, *imp_dry_btn, *dry_title, *dry_counts, *dry_none,
		*dry_more, *apply_btn, *applied, *again;
	const char *tokens, *tokens_hint, *tokens_none, *col_token, *col_created, *col_used, *revoke, *revoked, *new_token,
		*tok_account, *tok_name, *tok_btn, *tok_once, *never;
	const char *protocols, *protocols_hint, *col_version, *col_installed, *current, *prot_file, *prot_text, *prot_text_hint,
		*prot_btn, *prot_installed;
	const char *need, *bad_date, *too_long, *bad_login, *pick_functie, *pick_functie_edit, *pick_file;
	const char *edit, *edit_title, *edit_hint, *edit_btn, *hol_edit, *hol_title, *hol_hint, *hol_btn, *hol_row;
} T_nl = {
	.edit = N_("Wijzigen"),
	.edit_title = N_("Account van %s wijzigen"),
	.edit_hint = N_("De functies gelden op deze school; functies op andere scholen van het bestuur blijven staan. "
		     "Wie geen functie meer heeft, ziet geen casussen meer."),
	.edit_btn = N_("Wijzigingen opslaan"),
	.hol_edit = N_("Vakanties wijzigen"),
	.hol_title = N_("Vakanties van schooljaar %s"),
	.hol_hint = N_("De termijnen van het protocol tellen schooldagen: vakanties tellen niet mee. Laat een regel leeg om "
		    "hem te verwijderen."),
	.hol_btn = N_("Vakanties opslaan"),
	.hol_row = N_("Vakantie %d"),
	.title = N_("Beheer"),
	.saved = N_("Opgeslagen."),
	.forbidden = N_("Geen toegang"),
	.forbidden_msg = N_("Deze pagina is voor de beheerder van de school."),
	.accounts = N_("Accounts"),
	.accounts_hint = N_("Collega's met hun functies uit het protocol van de school. Een uitgeschakeld account kan niet "
			 "meer inloggen; zijn sessies en API-tokens vervallen."),
	.col_login = N_("Login"),
	.col_name = N_("Naam"),
	.col_functies = N_("Functies"),
	.col_status = N_("Status"),
	.active = N_("Actief"),
	.disabled = N_("Uitgeschakeld"),
	.disable = N_("Uitschakelen"),
	.enable = N_("Inschakelen"),
	.add_account = N_("Account toevoegen"),
	.login = N_("Login"),
	.login_hint = N_("Kleine letters, cijfers, punt, streepje of liggend streepje."),
	.name = N_("Naam"),
	.email = N_("E-mailadres (niet verplicht)"),
	.functies = N_("Functies"),
	.department = N_("Afdeling (niet verplicht)"),
	.department_hint = N_("Alleen voor functies per afdeling, zoals de CLZ van de onderbouw."),
	.password = N_("Wachtwoord (niet verplicht)"),
	.password_hint = N_("Leeg: de collega stelt later een wachtwoord in."),
	.add_btn = N_("Account toevoegen"),
	.years = N_("Schooljaren en vakanties"),
	.years_none = N_("Nog geen schooljaren."),
	.add_year = N_("Schooljaar toevoegen"),
	.year_name = N_("Naam"),
	.year_name_hint = N_("Bijvoorbeeld 2026-2027."),
	.year_start = N_("Eerste dag"),
	.year_end = N_("Laatste dag"),
	.holiday = N_("Vakantie %d (niet verplicht)"),
	.holiday_hint = N_("Vakanties tellen niet mee als schooldagen voor de termijnen."),
	.holiday_name = N_("Naam"),
	.holiday_from = N_("Van"),
	.holiday_to = N_("Tot en met"),
	.year_btn = N_("Schooljaar toevoegen"),
	.holidays_none = N_("geen vakanties"),
	.classes = N_("Klassen en mentoren"),
	.classes_hint = N_("De klassen van het gekozen schooljaar. Een mentor ziet de verdenkingen en de casussen van zijn klas."),
	.classes_none = N_("Dit schooljaar heeft nog geen klassen."),
	.col_class = N_("Klas"),
	.col_year = N_("Leerjaar"),
	.col_mentors = N_("Mentoren"),
	.col_students = N_("Leerlingen"),
	.set_class = N_("Klas toevoegen of wijzigen"),
	.class_name = N_("Klas"),
	.class_year = N_("Leerjaar"),
	.class_dep = N_("Afdeling (niet verplicht)"),
	.mentor1 = N_("Mentor"),
	.mentor2 = N_("Tweede mentor (niet verplicht)"),
	.mentor_hint = N_("De login van de collega."),
	.class_btn = N_("Klas opslaan"),
	.sy = N_("Schooljaar"),
	.import = N_("Importeren uit de leerlingadministratie"),
	.import_hint = N_("Een CSV-bestand uit Magister, SOMtoday of een ander systeem (kolommen: zie de handleiding). Je ziet "
		       "eerst wat er zou veranderen; pas na 'Toepassen' wordt het opgeslagen."),
	.imp_kind = N_("Wat importeer je?"),
	.imp_file = N_("CSV-bestand"),
	.imp_year = N_("Schooljaar (voor klassen en leerlingen)"),
	.imp_dry_btn = N_("Controleren (proefrun)"),
	.dry_title = N_("Proefrun: %s"),
	.dry_counts = N_("%zu nieuw, %zu gewijzigd, %zu ongewijzigd. Er is nog niets opgeslagen."),
	.dry_none = N_("Er verandert niets."),
	.dry_more = N_("en nog %zu regels"),
	.apply_btn = N_("Toepassen"),
	.applied = N_("Geïmporteerd: %zu nieuw, %zu gewijzigd, %zu ongewijzigd."),
	.again = N_("Een ander bestand kiezen"),
	.tokens = N_("API-tokens"),
	.tokens_hint = N_("Voor koppelingen met andere systemen. Een token geeft de rechten van het account waarvoor het is."),
	.tokens_none = N_("Geen API-tokens."),
	.col_token = N_("Token"),
	.col_created = N_("Aangemaakt"),
	.col_used = N_("Laatst gebruikt"),
	.revoke = N_("Intrekken"),
	.revoked = N_("Ingetrokken"),
	.new_token = N_("Nieuw token"),
	.tok_account = N_("Voor account"),
	.tok_name = N_("Naam van de koppeling"),
	.tok_btn = N_("Token aanmaken"),
	.tok_once = N_("Kopieer dit token nu: het wordt maar één keer getoond."),
	.never = N_("nooit"),
	.protocols = N_("Protocolversies"),
	.protocols_hint = N_("Een nieuwe versie geldt voor nieuwe casussen; lopende casussen houden hun versie. Het bestand "
			  "wordt eerst helemaal gecontroleerd."),
	.col_version = N_("Versie"),
	.col_installed = N_("Geïnstalleerd"),
	.current = N_("in gebruik"),
	.prot_file = N_("Protocolbestand (YAML)"),
	.prot_text = N_("Of plak de tekst"),
	.prot_text_hint = N_("Gebruik één van beide."),
	.prot_btn = N_("Controleren en installeren"),
	.prot_installed = N_("Protocol %s (versie %s) is geïnstalleerd."),
	.need = N_("Vul dit in."),
	.bad_date = N_("Vul een datum in als JJJJ-MM-DD."),
	.too_long = N_("Dit is te lang."),
	.bad_login = N_("Een login bestaat uit kleine letters, cijfers, punt, streepje of liggend streepje."),
	.pick_functie_edit = N_("Kies ten minste één functie. Moet deze collega er niet meer bij kunnen, schakel het account "
			     "dan uit."),
	.pick_functie = N_("Kies ten minste één functie."),
	.pick_file = N_("Kies een bestand."),
};
#define T PW_TR_TABLE(T_nl)

/* What one request brings to the page: a failed form, or a result. */
struct state {
	const char *form; /* the failed form's id, or NULL */
	const struct pw_fields *f;
	struct pw_ui_errors err;
	/* import: the dry run's outcome, to show and to apply */
	const char *imp_data, *imp_kind, *imp_year, *imp_file;
	const char **imp_lines;
	size_t imp_n, imp_more;
	struct pw_import_counts imp_counts;
	const char *notice; /* a confirmation with details */
	const char *token;  /* a new token, shown once */
};

struct admin {
	struct pw_actor a;
	struct pw_school sc;
	const struct pw_protocol *p;
};

/* The school the beheerder manages: their first functie beheerder. */
static int begin(struct pw_req *r, struct admin *ad)
{
	struct pw_err err;
	if (!pw_ui_auth(r, &ad->a))
		return 0;
	int64_t school = pw_actor_managed_school(&ad->a, NULL);
	if (pw_access(&ad->a, PW_ACT_ADMIN, school, &err) != PW_OK || school == 0 ||
	    pw_store_school_by_id(r->app->store, &r->arena, school, &ad->sc, &err) != PW_OK) {
		pw_ui_error_page(r, &ad->a, 403, T.forbidden, T.forbidden_msg, "/");
		return 0;
	}
	ad->p = pw_school_protocol(r->app->store, school, NULL, &err);
	return 1;
}

static const struct pw_ui_errors *errs(const struct state *st, const char *form)
{
	return st->form && strcmp(st->form, form) == 0 ? &st->err : NULL;
}

static const char *kept(const struct state *st, const char *form, const char *name)
{
	if (st->form == NULL || strcmp(st->form, form) != 0)
		return NULL;
	return pw_fields_get(st->f, name);
}

static void form_error(struct pw_buf *b, const struct state *st, const char *form)
{
	const char *msg = pw_ui_error_of(errs(st, form), form);
	if (msg)
		pw_html_printf(b, "<p class=\"field-error\" id=\"%s-error\">%s</p>", form, msg);
}

static void form_begin(struct pw_req *r, const struct admin *ad, const char *action, const char *form, bool upload)
{
	pw_html_printf(&r->out, "<form method=\"post\" action=\"/beheer/%s\" id=\"%s-form\" novalidate", action, form);
	pw_html_raw(&r->out, upload ? " enctype=\"multipart/form-data\">" : ">");
	pw_form_csrf(r, &ad->a);
}

static void input(struct pw_req *r, const struct state *st, const char *form, const char *name, const char *type,
		  const char *label, const char *hint, const char *extra)
{
	struct pw_buf *b = &r->out;
	const char *id = pw_printf(&r->arena, "%s-%s", form, name);
	pw_ui_field_begin(b, errs(st, form), id, label, hint);
	const char *v = kept(st, form, name);
	pw_html_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"", type, id, name,
		       v && strcmp(type, "password") != 0 ? v : "");
	pw_html_raw(b, extra ? extra : "");
	pw_ui_described(b, errs(st, form), id, hint ? pw_printf(&r->arena, "%s-hint", id) : NULL);
	pw_html_raw(b, ">");
	pw_ui_field_end(b);
}

static void button_form(struct pw_req *r, const struct admin *ad, const char *action, const char *name, const char *value,
			const char *label, const char *what)
{
	pw_html_printf(&r->out, "<form method=\"post\" action=\"/beheer/%s\" class=\"inline\">", action);
	pw_form_csrf(r, &ad->a);
	pw_html_printf(&r->out, "<input type=\"hidden\" name=\"%s\" value=\"%s\"><button type=\"submit\" class=\"small\">%s"
				"<span class=\"sr-only\">: %s</span></button></form>",
		       name, value, label, what);
}

/* Whether the account has a functie at the school (or none anywhere yet):
 * a beheerder manages their own school's accounts only. */
static bool account_at(struct pw_req *r, const struct pw_protocol *p, int64_t user, int64_t school, const char **list)
{
	struct pw_err err;
	struct pw_user_functie *f;
	size_t nf;
	if (pw_store_user_functies(r->app->store, &r->arena, user, &f, &nf, &err) != PW_OK)
		return false;
	const char *s = "";
	for (size_t k = 0; k < nf; k++)
		if (f[k].school_id == school)
			s = pw_printf(&r->arena, "%s%s%s%s%s%s", s, s[0] ? ", " : "", pw_ui_functie_title(p, f[k].functie), f[k].department[0] ? " (" : "",
				      f[k].department, f[k].department[0] ? ")" : "");
	if (list)
		*list = s;
	return pw_manages_account(school, f, nf);
}

/* ---- sections ---- */

/* The form that changes an account's name, e-mail and functies at this
 * school: for ?account=ID, or the same form sent back with an error. */
static void render_account_edit(struct pw_req *r, const struct admin *ad, const struct state *st)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	const char *form = "account-edit";
	const char *idv = kept(st, form, "account");
	if (idv == NULL)
		idv = pw_req_query(r, "account");
	int64_t id = pw_ui_id(idv);
	struct pw_user u;
	if (id == 0 || pw_store_user_get(r->app->store, &r->arena, id, &u, &err) != PW_OK || !account_at(r, ad->p, id, ad->sc.id, NULL))
		return;
	struct pw_user_functie *fv;
	size_t nf = 0;
	if (pw_store_user_functies(r->app->store, &r->arena, id, &fv, &nf, &err) != PW_OK)
		nf = 0;
	bool sent = errs(st, form) != NULL;
	pw_html_raw(b, "<div class=\"panel\" id=\"account-edit\">");
	pw_html_printf(b, "<h3>");
	pw_html_printf(b, T.edit_title, u.name);
	pw_html_printf(b, "</h3><p class=\"hint\">%s</p>", T.edit_hint);
	form_begin(r, ad, "account-wijzig", form, false);
	form_error(b, st, form);
	pw_html_printf(b, "<input type=\"hidden\" name=\"account\" value=\"%lld\">", (long long)id);
	/* The fields start as the account is; after an error, as they were sent. */
	const char *dep = "";
	for (size_t k = 0; k < nf; k++)
		if (fv[k].school_id == ad->sc.id && fv[k].department[0])
			dep = fv[k].department;
	struct pw_field pre[3] = {{.name = "name", .value = u.name}, {.name = "email", .value = u.email ? u.email : ""},
				  {.name = "department", .value = dep}};
	struct pw_fields pf = {pre, 3};
	struct state shown = {.form = form, .f = sent ? st->f : &pf, .err = sent ? st->err : (struct pw_ui_errors){0}};
	input(r, &shown, form, "name", "text", T.name, NULL, " autocomplete=\"off\"");
	input(r, &shown, form, "email", "email", T.email, NULL, " autocomplete=\"off\"");
	const char *fid = "account-edit-functies", *msg = pw_ui_error_of(errs(st, form), fid);
	pw_html_printf(b, "<fieldset class=\"field%s\" id=\"%s\"><legend>%s</legend>", msg ? " has-error" : "", fid, T.functies);
	if (msg)
		pw_html_printf(b, "<span class=\"field-error\">%s</span>", msg);
	for (size_t i = 0; ad->p && i < ad->p->n_functies; i++) {
		const struct pw_functie *fu = &ad->p->functies[i];
		bool on = false;
		if (sent)
			on = pw_ui_has_value(st->f, "functies", fu->key);
		else
			for (size_t k = 0; k < nf; k++)
				on |= fv[k].school_id == ad->sc.id && strcmp(fv[k].functie, fu->key) == 0;
		pw_html_printf(b, "<div class=\"check\"><input type=\"checkbox\" name=\"functies\" value=\"%s\" id=\"%s-%s\"",
			       fu->key, fid, fu->key);
		if (on)
			pw_html_raw(b, " checked");
		pw_html_printf(b, "><label for=\"%s-%s\">%s</label></div>", fid, fu->key, PW_UI_TITLE(fu) ? PW_UI_TITLE(fu) : fu->key);
	}
	pw_html_raw(b, "</fieldset>");
	input(r, &shown, form, "department", "text", T.department, T.department_hint, NULL);
	pw_html_printf(b, "<button type=\"submit\">%s</button></form></div>", T.edit_btn);
}

static void render_accounts(struct pw_req *r, const struct admin *ad, const struct state *st)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	struct pw_user *u;
	size_t n = 0;
	if (pw_store_user_list(r->app->store, &r->arena, &u, &n, &err) != PW_OK)
		n = 0;
	pw_html_printf(b, "<section class=\"card\" id=\"accounts\" aria-labelledby=\"h-accounts\"><h2 id=\"h-accounts\">%s</h2>"
			  "<p class=\"hint\">%s</p><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"h-accounts\">"
			  "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			  "<th scope=\"col\">%s</th><th scope=\"col\"><span class=\"sr-only\">%s</span></th></tr></thead><tbody>",
		       T.accounts, T.accounts_hint, T.col_login, T.col_name, T.col_functies, T.col_status, _("Actie"));
	for (size_t i = 0; i < n; i++) {
		const char *fs;
		if (!account_at(r, ad->p, u[i].id, ad->sc.id, &fs))
			continue;
		pw_html_printf(b, "<tr id=\"account-%s\"><td>%s</td><td>%s</td><td>%s</td><td>", u[i].login, u[i].login, u[i].name, fs);
		pw_ui_tag(b, u[i].disabled ? "skipped" : "done", u[i].disabled ? T.disabled : T.active);
		pw_html_printf(b, "</td><td><a href=\"/beheer?account=%lld#account-edit\">%s<span class=\"sr-only\"> %s</span></a> ",
			       (long long)u[i].id, T.edit, u[i].name);
		if (u[i].id != ad->a.user_id)
			button_form(r, ad, u[i].disabled ? "inschakelen" : "uitschakelen", "account",
				    pw_printf(&r->arena, "%lld", (long long)u[i].id), u[i].disabled ? T.enable : T.disable, u[i].name);
		pw_html_raw(b, "</td></tr>");
	}
	pw_html_raw(b, "</tbody></table></div>");
	render_account_edit(r, ad, st);
	/* Add an account: the functies come from the school's protocol. */
	const char *form = "account";
	pw_html_printf(b, "<details class=\"aside\" id=\"%s\"%s><summary>%s</summary>", form, errs(st, form) ? " open" : "",
		       T.add_account);
	form_begin(r, ad, "account", form, false);
	form_error(b, st, form);
	input(r, st, form, "login", "text", T.login, T.login_hint, " autocomplete=\"off\" spellcheck=\"false\"");
	input(r, st, form, "name", "text", T.name, NULL, " autocomplete=\"off\"");
	input(r, st, form, "email", "email", T.email, NULL, " autocomplete=\"off\"");
	const char *fid = "account-functies", *msg = pw_ui_error_of(errs(st, form), fid);
	pw_html_printf(b, "<fieldset class=\"field%s\" id=\"%s\"><legend>%s</legend>", msg ? " has-error" : "", fid, T.functies);
	if (msg)
		pw_html_printf(b, "<span class=\"field-error\">%s</span>", msg);
	for (size_t i = 0; ad->p && i < ad->p->n_functies; i++) {
		const struct pw_functie *fu = &ad->p->functies[i];
		bool on = errs(st, form) && pw_ui_has_value(st->f, "functies", fu->key);
		pw_html_printf(b, "<div class=\"check\"><input type=\"checkbox\" name=\"functies\" value=\"%s\" id=\"%s-%s\"%s>"
				  "<label for=\"%s-%s\">%s</label></div>",
			       fu->key, fid, fu->key, on ? " checked" : "", fid, fu->key, PW_UI_TITLE(fu) ? PW_UI_TITLE(fu) : fu->key);
	}
	pw_html_raw(b, "</fieldset>");
	input(r, st, form, "department", "text", T.department, T.department_hint, NULL);
	input(r, st, form, "password", "password", T.password, T.password_hint, " autocomplete=\"new-password\"");
	pw_html_printf(b, "<button type=\"submit\">%s</button></form></details></section>", T.add_btn);
}

static void year_select(struct pw_req *r, const struct state *st, const char *form, const char *label,
			const struct pw_schoolyear *v, size_t n, const char *cur)
{
	struct pw_buf *b = &r->out;
	const char *id = pw_printf(&r->arena, "%s-schoolyear", form);
	const char *k = kept(st, form, "schoolyear");
	if (k)
		cur = k;
	pw_ui_field_begin(b, errs(st, form), id, label, NULL);
	pw_html_printf(b, "<select id=\"%s\" name=\"schoolyear\">", id);
	for (size_t i = n; i-- > 0;)
		pw_html_printf(b, "<option%s>%s</option>", cur && strcmp(cur, v[i].name) == 0 ? " selected" : "", v[i].name);
	pw_html_raw(b, "</select>");
	pw_ui_field_end(b);
}

/* How many holidays a school year can have on the form: the Dutch year has
 * five (autumn, Christmas, spring, May, summer) plus loose days. */
#define HOLIDAY_ROWS 12

/* The holidays of one school year to change: for ?vakanties=NAME, or sent back. */
static void render_holidays_edit(struct pw_req *r, const struct admin *ad, const struct state *st,
				 const struct pw_schoolyear *v, size_t n)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	const char *form = "vakanties";
	const char *want = kept(st, form, "schoolyear");
	if (want == NULL)
		want = pw_req_query(r, "vakanties");
	const struct pw_schoolyear *y = NULL;
	for (size_t i = 0; want && i < n; i++)
		if (strcmp(v[i].name, want) == 0)
			y = &v[i];
	if (y == NULL)
		return;
	struct pw_holiday *h;
	size_t nh = 0;
	if (pw_store_holiday_list(r->app->store, &r->arena, y->id, &h, &nh, &err) != PW_OK)
		nh = 0;
	bool sent = errs(st, form) != NULL;
	struct pw_field *pre = pw_calloc(&r->arena, 3 * HOLIDAY_ROWS + 1, sizeof *pre);
	size_t np = 0;
	for (size_t k = 0; k < nh && k < HOLIDAY_ROWS; k++) {
		pre[np++] = (struct pw_field){.name = pw_printf(&r->arena, "h%zu_name", k + 1), .value = h[k].name};
		pre[np++] = (struct pw_field){.name = pw_printf(&r->arena, "h%zu_start", k + 1), .value = h[k].start_on};
		pre[np++] = (struct pw_field){.name = pw_printf(&r->arena, "h%zu_end", k + 1), .value = h[k].end_on};
	}
	struct pw_fields pf = {pre, np};
	struct state shown = {.form = form, .f = sent ? st->f : &pf, .err = sent ? st->err : (struct pw_ui_errors){0}};
	pw_html_raw(b, "<div class=\"panel\" id=\"vakanties\"><h3>");
	pw_html_printf(b, T.hol_title, y->name);
	pw_html_printf(b, "</h3><p class=\"hint\">%s</p>", T.hol_hint);
	form_begin(r, ad, "vakanties", form, false);
	form_error(b, st, form);
	pw_html_printf(b, "<input type=\"hidden\" name=\"schoolyear\" value=\"%s\">", y->name);
	size_t rows = nh + 2 < HOLIDAY_ROWS ? nh + 2 : HOLIDAY_ROWS;
	for (size_t i = 1; i <= rows; i++) {
		pw_html_printf(b, "<fieldset class=\"field\"><legend>%s</legend><div class=\"row\">",
			       pw_printf(&r->arena, T.hol_row, (int)i));
		input(r, &shown, form, pw_printf(&r->arena, "h%zu_name", i), "text", T.holiday_name, NULL, NULL);
		input(r, &shown, form, pw_printf(&r->arena, "h%zu_start", i), "date", T.holiday_from, NULL, NULL);
		input(r, &shown, form, pw_printf(&r->arena, "h%zu_end", i), "date", T.holiday_to, NULL, NULL);
		pw_html_raw(b, "</div></fieldset>");
	}
	pw_html_printf(b, "<button type=\"submit\">%s</button></form></div>", T.hol_btn);
}

static void render_years(struct pw_req *r, const struct admin *ad, const struct state *st, const struct pw_schoolyear *v,
			 size_t n)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	pw_html_printf(b, "<section class=\"card\" id=\"schooljaren\" aria-labelledby=\"h-jaren\"><h2 id=\"h-jaren\">%s</h2>", T.years);
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", T.years_none);
	else
		pw_html_raw(b, "<ul class=\"plain\">");
	for (size_t i = n; i-- > 0;) {
		pw_day s = 0, e = 0;
		pw_day_parse(v[i].start_on, &s);
		pw_day_parse(v[i].end_on, &e);
		pw_html_printf(b, "<li><strong>%s</strong> · %s – %s<br><span class=\"meta\">", v[i].name, pw_ui_day(&r->arena, s),
			       pw_ui_day(&r->arena, e));
		struct pw_holiday *h;
		size_t nh = 0;
		if (pw_store_holiday_list(r->app->store, &r->arena, v[i].id, &h, &nh, &err) != PW_OK)
			nh = 0;
		for (size_t k = 0; k < nh; k++)
			pw_html_printf(b, "%s%s (%s – %s)", k ? "; " : "", h[k].name, h[k].start_on, h[k].end_on);
		pw_html_printf(b, "%s</span> <a href=\"/beheer?vakanties=%s#vakanties\">%s<span class=\"sr-only\"> %s</span></a></li>",
			       nh ? "" : T.holidays_none, v[i].name, T.hol_edit, v[i].name);
	}
	if (n)
		pw_html_raw(b, "</ul>");
	render_holidays_edit(r, ad, st, v, n);
	const char *form = "schooljaar";
	pw_html_printf(b, "<details class=\"aside\" id=\"%s\"%s><summary>%s</summary>", form, errs(st, form) ? " open" : "",
		       T.add_year);
	form_begin(r, ad, "schooljaar", form, false);
	form_error(b, st, form);
	input(r, st, form, "name", "text", T.year_name, T.year_name_hint, NULL);
	pw_html_raw(b, "<div class=\"row\">");
	input(r, st, form, "start_on", "date", T.year_start, NULL, NULL);
	input(r, st, form, "end_on", "date", T.year_end, NULL, NULL);
	pw_html_raw(b, "</div>");
	for (int i = 1; i <= 3; i++) {
		pw_html_printf(b, "<fieldset class=\"field\"><legend>%s</legend>", pw_printf(&r->arena, T.holiday, i));
		if (i == 1)
			pw_html_printf(b, "<span class=\"hint\">%s</span>", T.holiday_hint);
		pw_html_raw(b, "<div class=\"row\">");
		input(r, st, form, pw_printf(&r->arena, "h%d_name", i), "text", T.holiday_name, NULL, NULL);
		input(r, st, form, pw_printf(&r->arena, "h%d_start", i), "date", T.holiday_from, NULL, NULL);
		input(r, st, form, pw_printf(&r->arena, "h%d_end", i), "date", T.holiday_to, NULL, NULL);
		pw_html_raw(b, "</div></fieldset>");
	}
	pw_html_printf(b, "<button type=\"submit\">%s</button></form></details></section>", T.year_btn);
}

static void render_classes(struct pw_req *r, const struct admin *ad, const struct state *st, const struct pw_schoolyear *v,
			   size_t n, const struct pw_schoolyear *cur)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	pw_html_printf(b, "<section class=\"card\" id=\"klassen\" aria-labelledby=\"h-klassen\"><h2 id=\"h-klassen\">%s</h2><p class=\"hint\">%s</p>",
		       T.classes, T.classes_hint);
	if (cur == NULL) {
		pw_html_printf(b, "<p>%s</p></section>", T.years_none);
		return;
	}
	/* Choosing the year is a plain GET form: works without script. */
	pw_html_raw(b, "<form method=\"get\" action=\"/beheer#klassen\" class=\"inline-form\">");
	year_select(r, st, "jaar", T.sy, v, n, cur->name);
	pw_html_printf(b, "<button type=\"submit\" class=\"small\">%s</button></form>", _("Toon"));
	struct pw_class *c;
	size_t nc = 0;
	if (pw_store_class_list(r->app->store, &r->arena, cur->id, &c, &nc, &err) != PW_OK)
		nc = 0;
	if (nc == 0)
		pw_html_printf(b, "<p>%s</p>", T.classes_none);
	else
		pw_html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"h-klassen\"><table>"
				  "<caption>%s %s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
				  "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
			       T.sy, cur->name, T.col_class, T.col_year, T.col_mentors, T.col_students);
	for (size_t i = 0; i < nc; i++) {
		const char *m0 = pw_ui_user_name(r, c[i].mentor[0]), *m1 = pw_ui_user_name(r, c[i].mentor[1]);
		pw_html_printf(b, "<tr><td>%s</td><td class=\"num\">%d</td><td>%s%s%s</td><td class=\"num\">%d</td></tr>", c[i].name,
			       c[i].year, m0, m1[0] ? ", " : "", m1, c[i].students);
	}
	if (nc)
		pw_html_raw(b, "</tbody></table></div>");
	const char *form = "klas";
	pw_html_printf(b, "<details class=\"aside\" id=\"%s\"%s><summary>%s</summary>", form, errs(st, form) ? " open" : "",
		       T.set_class);
	form_begin(r, ad, "klas", form, false);
	form_error(b, st, form);
	year_select(r, st, form, T.sy, v, n, cur->name);
	pw_html_raw(b, "<div class=\"row\">");
	input(r, st, form, "name", "text", T.class_name, NULL, NULL);
	input(r, st, form, "year", "number", T.class_year, NULL, " min=\"1\" max=\"8\" inputmode=\"numeric\"");
	pw_html_raw(b, "</div>");
	input(r, st, form, "department", "text", T.class_dep, NULL, NULL);
	input(r, st, form, "mentor1", "text", T.mentor1, T.mentor_hint, NULL);
	input(r, st, form, "mentor2", "text", T.mentor2, NULL, NULL);
	pw_html_printf(b, "<button type=\"submit\">%s</button></form></details></section>", T.class_btn);
}

static const char *const import_kinds[] = {"klassen", "leerlingen", "personeel", "ouders"};
/* What each kind is called on the form (the value stays the command line's word). */
static const char *const import_titles[] = {N_("Klassen"), N_("Leerlingen"), N_("Personeel"), N_("Ouders")};

static void render_import(struct pw_req *r, const struct admin *ad, const struct state *st, const struct pw_schoolyear *v,
			  size_t n, const struct pw_schoolyear *cur)
{
	struct pw_buf *b = &r->out;
	pw_html_printf(b, "<section class=\"card\" id=\"import\" aria-labelledby=\"h-import\"><h2 id=\"h-import\">%s</h2><p class=\"hint\">%s</p>",
		       T.import, T.import_hint);
	if (st->imp_data) {
		/* The dry run: what would change, then one button to apply it. */
		pw_html_printf(b, "<div class=\"notice-box info\" id=\"proefrun\" role=\"status\"><h3>%s</h3><p>%s</p>",
			       pw_printf(&r->arena, T.dry_title, st->imp_file), 
			       pw_printf(&r->arena, T.dry_counts, st->imp_counts.added, st->imp_counts.updated, st->imp_counts.same));
		if (st->imp_n) {
			pw_html_raw(b, "<ul>");
			for (size_t i = 0; i < st->imp_n; i++)
				pw_html_printf(b, "<li>%s</li>", st->imp_lines[i]);
			if (st->imp_more)
				pw_html_printf(b, "<li>%s</li>", pw_printf(&r->arena, T.dry_more, st->imp_more));
			pw_html_raw(b, "</ul>");
		} else {
			pw_html_printf(b, "<p>%s</p>", T.dry_none);
		}
		pw_html_raw(b, "</div>");
		form_begin(r, ad, "import", "toepassen", true);
		pw_html_printf(b, "<input type=\"hidden\" name=\"stap\" value=\"toepassen\"><input type=\"hidden\" name=\"kind\" value=\"%s\">"
				  "<input type=\"hidden\" name=\"schoolyear\" value=\"%s\"><input type=\"hidden\" name=\"filename\" value=\"%s\">"
				  "<input type=\"hidden\" name=\"data\" value=\"%s\">"
				  "<button type=\"submit\" class=\"primary\">%s</button> <a href=\"/beheer#import\">%s</a></form>",
			       st->imp_kind, st->imp_year ? st->imp_year : "", st->imp_file, st->imp_data, T.apply_btn, T.again);
		pw_html_raw(b, "</section>");
		return;
	}
	const char *form = "import";
	form_begin(r, ad, "import", form, true);
	pw_html_raw(b, "<input type=\"hidden\" name=\"stap\" value=\"proef\">");
	form_error(b, st, form);
	const char *ck = kept(st, form, "kind");
	pw_ui_field_begin(b, errs(st, form), "import-kind", T.imp_kind, NULL);
	pw_html_raw(b, "<select id=\"import-kind\" name=\"kind\">");
	for (size_t i = 0; i < sizeof import_kinds / sizeof import_kinds[0]; i++)
		pw_html_printf(b, "<option value=\"%s\"%s>%s</option>", import_kinds[i],
			       ck && strcmp(ck, import_kinds[i]) == 0 ? " selected" : "", _(import_titles[i]));
	pw_html_raw(b, "</select>");
	pw_ui_field_end(b);
	if (cur)
		year_select(r, st, form, T.imp_year, v, n, cur->name);
	const char *id = "import-file";
	pw_ui_field_begin(b, errs(st, form), id, T.imp_file, NULL);
	pw_html_raw(b, "<input type=\"file\" id=\"import-file\" name=\"file\" accept=\".csv,text/csv\"");
	pw_ui_described(b, errs(st, form), id, NULL);
	pw_html_printf(b, "></div><button type=\"submit\">%s</button></form></section>", T.imp_dry_btn);
}

static void render_tokens(struct pw_req *r, const struct admin *ad, const struct state *st)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	pw_html_printf(b, "<section class=\"card\" id=\"tokens\" aria-labelledby=\"h-tokens\"><h2 id=\"h-tokens\">%s</h2><p class=\"hint\">%s</p>",
		       T.tokens, T.tokens_hint);
	struct pw_token_row *t;
	size_t n = 0, shown = 0;
	if (pw_store_token_list(r->app->store, &r->arena, 0, &t, &n, &err) != PW_OK)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		struct pw_user u;
		if (pw_store_user_by_login(r->app->store, &r->arena, t[i].login, &u, &err) != PW_OK ||
		    !account_at(r, ad->p, u.id, ad->sc.id, NULL))
			continue;
		if (shown++ == 0)
			pw_html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"h-tokens\"><table><thead><tr>"
					  "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
					  "<th scope=\"col\"><span class=\"sr-only\">%s</span></th></tr></thead><tbody>",
				       T.col_token, T.col_login, T.col_created, T.col_used, _("Actie"));
		pw_html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", t[i].name ? t[i].name : "", t[i].login,
			       pw_ui_time(&r->arena, t[i].created_at), t[i].used_at ? pw_ui_time(&r->arena, t[i].used_at) : T.never);
		if (t[i].revoked_at)
			pw_ui_tag(b, "skipped", T.revoked);
		else
			button_form(r, ad, "token-intrekken", "token", pw_printf(&r->arena, "%lld", (long long)t[i].id), T.revoke,
				    t[i].name ? t[i].name : t[i].login);
		pw_html_raw(b, "</td></tr>");
	}
	if (shown)
		pw_html_raw(b, "</tbody></table></div>");
	else
		pw_html_printf(b, "<p>%s</p>", T.tokens_none);
	const char *form = "token";
	pw_html_printf(b, "<details class=\"aside\" id=\"%s\"%s><summary>%s</summary>", form, errs(st, form) ? " open" : "",
		       T.new_token);
	form_begin(r, ad, "token", form, false);
	form_error(b, st, form);
	input(r, st, form, "login", "text", T.tok_account, T.mentor_hint, NULL);
	input(r, st, form, "name", "text", T.tok_name, NULL, NULL);
	pw_html_printf(b, "<button type=\"submit\">%s</button></form></details></section>", T.tok_btn);
}

static void render_protocols(struct pw_req *r, const struct admin *ad, const struct state *st)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	pw_html_printf(b, "<section class=\"card\" id=\"protocol\" aria-labelledby=\"h-protocol\"><h2 id=\"h-protocol\">%s</h2><p class=\"hint\">%s</p>",
		       T.protocols, T.protocols_hint);
	struct pw_protocol_version *v;
	size_t n = 0;
	struct pw_protocol_version active = {0};
	if (pw_store_protocol_list(r->app->store, &r->arena, ad->sc.id, &v, &n, &err) != PW_OK)
		n = 0;
	if (pw_store_protocol_active(r->app->store, &r->arena, ad->sc.id, &active, &err) != PW_OK)
		active.id = 0;
	if (n == 0)
		pw_html_printf(b, "<p>%s</p>", ad->p ? ad->p->naam : "");
	else
		pw_html_raw(b, "<ul class=\"plain\">");
	for (size_t i = 0; i < n; i++) {
		pw_html_printf(b, _("<li><strong>%s</strong> · versie %s · %s · %s "), v[i].key, v[i].versie,
			       pw_ui_time(&r->arena, v[i].installed_at), v[i].installed_by ? v[i].installed_by : "");
		if (v[i].id == active.id)
			pw_ui_tag(b, "done", T.current);
		pw_html_raw(b, "</li>");
	}
	if (n)
		pw_html_raw(b, "</ul>");
	const char *form = "protocolform";
	pw_html_printf(b, "<details class=\"aside\"%s><summary>%s</summary>", errs(st, form) ? " open" : "", T.prot_btn);
	form_begin(r, ad, "protocol", form, true);
	form_error(b, st, form);
	pw_ui_field_begin(b, errs(st, form), "protocolform-file", T.prot_file, NULL);
	pw_html_raw(b, "<input type=\"file\" id=\"protocolform-file\" name=\"file\" accept=\".yaml,.yml\"");
	pw_ui_described(b, errs(st, form), "protocolform-file", NULL);
	pw_html_raw(b, "></div>");
	pw_ui_field_begin(b, errs(st, form), "protocolform-yaml", T.prot_text, T.prot_text_hint);
	pw_html_raw(b, "<textarea id=\"protocolform-yaml\" name=\"yaml\" rows=\"6\" class=\"mono\"");
	pw_ui_described(b, errs(st, form), "protocolform-yaml", "protocolform-yaml-hint");
	const char *y = kept(st, form, "yaml");
	pw_html_printf(b, ">%s</textarea>", y ? y : "");
	pw_ui_field_end(b);
	pw_html_printf(b, "<button type=\"submit\">%s</button></form></details></section>", T.prot_btn);
}

static void render(struct pw_req *r, const struct admin *ad, const struct state *st, int status)
{
	struct pw_buf *b = &r->out;
	struct pw_err err;
	r->out.len = 0;
	pw_page_begin(r, T.title, &ad->a);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s <span class=\"meta\">· %s</span></h1></div>", T.title, ad->sc.name);
	if (st->err.n)
		pw_ui_error_summary(b, &st->err);
	else if (st->notice)
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>", st->notice);
	/* A new token answers the action just taken: at the top, once. */
	if (st->token)
		pw_html_printf(b, "<div class=\"notice-box info\" id=\"nieuw-token\"><p><strong>%s</strong></p>"
				  "<p><code class=\"token\">%s</code></p></div>",
			       T.tok_once, st->token);
	else if (pw_req_query(r, "klaar"))
		pw_html_printf(b, "<div class=\"notice-box info\" role=\"status\"><p>%s</p></div>", T.saved);
	pw_html_printf(b, "<nav aria-label=\"%s\" class=\"card\"><ul class=\"inline-list\"><li><a href=\"#accounts\">%s</a></li>"
			  "<li><a href=\"#klassen\">%s</a></li><li><a href=\"#schooljaren\">%s</a></li>"
			  "<li><a href=\"#import\">%s</a></li><li><a href=\"#tokens\">%s</a></li>"
			  "<li><a href=\"#protocol\">%s</a></li><li><a href=\"/beheer/mail\">%s</a></li></ul></nav>",
		       _("Onderdelen"), _("Accounts"), _("Klassen"), _("Schooljaren"), _("Importeren"), _("API-tokens"), _("Protocol"),
		       _("E-mail"));
	struct pw_schoolyear *v;
	size_t n = 0;
	if (pw_store_schoolyear_list(r->app->store, &r->arena, ad->sc.id, &v, &n, &err) != PW_OK)
		n = 0;
	/* The year shown: ?schoolyear=, else the one containing today. */
	const struct pw_schoolyear *cur = NULL;
	const char *want = pw_req_query(r, "schoolyear");
	struct pw_schoolyear now;
	for (size_t i = 0; want && i < n; i++)
		if (strcmp(v[i].name, want) == 0)
			cur = &v[i];
	if (!cur && pw_store_schoolyear_at(r->app->store, &r->arena, ad->sc.id, pw_today(r), &now, &err) == PW_OK)
		cur = &now;
	/* The dry run's outcome answers the upload: first on the page. */
	if (st->imp_data)
		render_import(r, ad, st, v, n, cur);
	render_accounts(r, ad, st);
	render_classes(r, ad, st, v, n, cur);
	render_years(r, ad, st, v, n);
	if (!st->imp_data)
		render_import(r, ad, st, v, n, cur);
	render_tokens(r, ad, st);
	render_protocols(r, ad, st);
	pw_page_end(r, status);
}

void pw_h_beheer(struct pw_req *r)
{
	struct admin ad;
	if (!begin(r, &ad))
		return;
	struct state st;
	memset(&st, 0, sizeof st);
	render(r, &ad, &st, 200);
}

/* ---- actions ---- */

static void fail_at(struct pw_req *r, struct state *st, const char *form, const char *field, const char *msg)
{
	st->form = form;
	pw_ui_error_add(&st->err, field ? pw_printf(&r->arena, "%s-%s", form, field) : form, pw_strdup(&r->arena, msg));
}

/* A text field: trimmed, required or not, at most max bytes. */
static const char *text(struct pw_req *r, struct state *st, const char *form, const char *name, size_t max, bool required)
{
	const char *v = pw_ui_get(&r->arena, st->f, name);
	if (v == NULL && required)
		fail_at(r, st, form, name, T.need);
	else if (v && (strlen(v) > max || !pw_utf8_valid_text(v, strlen(v)))) {
		fail_at(r, st, form, name, T.too_long);
		v = NULL;
	}
	return v;
}

static const char *date(struct pw_req *r, struct state *st, const char *form, const char *name, bool required)
{
	const char *v = text(r, st, form, name, 10, required);
	pw_day d;
	if (v && pw_day_parse(v, &d) != 0) {
		fail_at(r, st, form, name, T.bad_date);
		return NULL;
	}
	return v;
}

static void done(struct pw_req *r, const char *anchor)
{
	pw_resp_redirect(r, pw_printf(&r->arena, "/beheer?klaar=1#%s", anchor));
}

static void act_account(struct pw_req *r, struct admin *ad, struct state *st)
{
	struct pw_err err;
	const char *form = "account";
	const char *login = text(r, st, form, "login", 64, true), *name = text(r, st, form, "name", 200, true),
		   *email = text(r, st, form, "email", 200, false), *dep = text(r, st, form, "department", 60, false),
		   *pw = pw_fields_get(st->f, "password");
	for (const char *p = login; p && *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')) {
			fail_at(r, st, form, "login", T.bad_login);
			break;
		}
	size_t nk;
	const char **keys = pw_ui_values(&r->arena, st->f, "functies", &nk);
	if (nk == 0 || nk > 16)
		fail_at(r, st, form, "functies", T.pick_functie);
	if (st->err.n)
		return;
	char hash[256] = "";
	if (pw && pw[0] && (pw_password_check(pw, login, name, &err) != PW_OK || pw_password_hash(pw, hash, sizeof hash, &err) != PW_OK)) {
		fail_at(r, st, form, "password", err.msg);
		return;
	}
	struct pw_user in = {.login = login, .name = name, .email = email ? email : "", .password_hash = hash[0] ? hash : NULL};
	int64_t id;
	size_t bad = 0;
	if (pw_store_begin(r->app->store, &err) != PW_OK)
		goto fail;
	if (pw_store_user_add(r->app->store, &in, &id, &err) != PW_OK ||
	    pw_staff_set_functies(r->app->store, &r->arena, id, ad->sc.id, keys, nk, dep ? dep : "", NULL, &bad, &err) != PW_OK ||
	    pw_store_audit_change(r->app->store, ad->a.user_id, "create", "account", id, NULL, &err) != PW_OK ||
	    pw_store_commit(r->app->store, &err) != PW_OK) {
		pw_store_rollback(r->app->store);
		goto fail;
	}
	done(r, pw_printf(&r->arena, "account-%s", login));
	return;
fail:
	fail_at(r, st, form, err.field[0] ? (strcmp(err.field, "functies") == 0 ? "functies" : err.field) : NULL, err.msg);
	if (err.code == PW_ECONFLICT || strstr(err.msg, "UNIQUE"))
		st->err.v[st->err.n - 1].field = "account-login";
}

static void act_account_status(struct pw_req *r, struct admin *ad, struct state *st, bool disable)
{
	struct pw_err err;
	int64_t id = pw_ui_id(pw_fields_get(st->f, "account"));
	struct pw_user u;
	if (id == 0 || id == ad->a.user_id || pw_store_user_get(r->app->store, &r->arena, id, &u, &err) != PW_OK ||
	    !account_at(r, ad->p, id, ad->sc.id, NULL)) {
		fail_at(r, st, "accounts", NULL, _("Dit account bestaat niet op deze school."));
		return;
	}
	if (pw_store_user_disable(r->app->store, id, disable, &err) != PW_OK ||
	    pw_store_audit_change_now(r->app->store, ad->a.user_id, disable ? "disable" : "enable", "account", id, &err) != PW_OK) {
		fail_at(r, st, "accounts", NULL, err.msg);
		return;
	}
	done(r, pw_printf(&r->arena, "account-%s", u.login));
}

static void act_account_edit(struct pw_req *r, struct admin *ad, struct state *st)
{
	struct pw_err err;
	const char *form = "account-edit";
	int64_t id = pw_ui_id(pw_fields_get(st->f, "account"));
	struct pw_user u;
	if (id == 0 || pw_store_user_get(r->app->store, &r->arena, id, &u, &err) != PW_OK || !account_at(r, ad->p, id, ad->sc.id, NULL)) {
		fail_at(r, st, "accounts", NULL, _("Dit account bestaat niet op deze school."));
		return;
	}
	const char *name = text(r, st, form, "name", 200, true), *email = text(r, st, form, "email", 200, false),
		   *dep = text(r, st, form, "department", 60, false);
	size_t nk;
	const char **keys = pw_ui_values(&r->arena, st->f, "functies", &nk);
	/* A beheerder cannot take away their own way back into this page. */
	bool self_admin = id != ad->a.user_id;
	for (size_t i = 0; i < nk && !self_admin; i++)
		self_admin = strcmp(keys[i], "beheerder") == 0;
	if (!self_admin)
		fail_at(r, st, form, "functies", _("Je kunt je eigen functie beheerder niet weghalen; laat een andere beheerder dat doen."));
	else if (nk == 0 || nk > 16)
		fail_at(r, st, form, "functies", T.pick_functie_edit);
	if (st->err.n)
		return;
	u.name = name;
	u.email = email ? email : "";
	enum pw_change ch, fch;
	size_t bad = 0;
	if (pw_store_begin(r->app->store, &err) != PW_OK)
		goto fail;
	if (pw_store_user_update(r->app->store, &u, &ch, &err) != PW_OK ||
	    pw_staff_set_functies(r->app->store, &r->arena, id, ad->sc.id, keys, nk, dep ? dep : "", &fch, &bad, &err) != PW_OK ||
	    pw_store_audit_change(r->app->store, ad->a.user_id, "update", "account", id,
				  pw_printf(&r->arena, "functies: %zu", nk), &err) != PW_OK ||
	    pw_store_commit(r->app->store, &err) != PW_OK) {
		pw_store_rollback(r->app->store);
		goto fail;
	}
	done(r, pw_printf(&r->arena, "account-%s", u.login));
	return;
fail:
	fail_at(r, st, form, err.field[0] ? "functies" : NULL, err.msg);
}

/* The holidays on a form, rows h1..h`rows`: a row with a name needs both
 * dates. row[k] is the form's row of hs[k]. Returns how many. */
static size_t holiday_rows(struct pw_req *r, struct state *st, const char *form, int rows, struct pw_holiday *hs,
			   int *row)
{
	size_t nh = 0;
	for (int i = 1; i <= rows; i++) {
		const char *hn = text(r, st, form, pw_printf(&r->arena, "h%d_name", i), 100, false);
		const char *hf = date(r, st, form, pw_printf(&r->arena, "h%d_start", i), hn != NULL);
		const char *ht = date(r, st, form, pw_printf(&r->arena, "h%d_end", i), hn != NULL);
		if (hn && hf && ht) {
			row[nh] = i;
			hs[nh++] = (struct pw_holiday){.name = hn, .start_on = hf, .end_on = ht};
		}
	}
	return nh;
}

/* Whether every holiday ends on or after its start and lies within the
 * school year [ds, de] (the summer may run on); each that does not is
 * marked at its row's last day. */
static bool holidays_within(struct pw_req *r, struct state *st, const char *form, const struct pw_holiday *hs,
			    const int *row, size_t nh, pw_day ds, pw_day de)
{
	bool ok = true;
	for (size_t i = 0; i < nh; i++) {
		pw_day f, t;
		pw_day_parse(hs[i].start_on, &f);
		pw_day_parse(hs[i].end_on, &t);
		if (t < f || f < ds || t > de + 60) {
			fail_at(r, st, form, pw_printf(&r->arena, "h%d_end", row[i]),
				_("Een vakantie eindigt op of na haar begin en valt binnen het schooljaar."));
			ok = false;
		}
	}
	return ok;
}

static void act_holidays(struct pw_req *r, struct admin *ad, struct state *st)
{
	struct pw_err err;
	const char *form = "vakanties";
	struct pw_schoolyear y;
	const char *name = pw_fields_get(st->f, "schoolyear");
	if (name == NULL || pw_store_schoolyear_get(r->app->store, &r->arena, ad->sc.id, name, &y, &err) != PW_OK) {
		fail_at(r, st, "schooljaren", NULL, "Dit schooljaar bestaat niet op deze school.");
		return;
	}
	pw_day ds, de;
	pw_day_parse(y.start_on, &ds);
	pw_day_parse(y.end_on, &de);
	struct pw_holiday hs[HOLIDAY_ROWS];
	int row[HOLIDAY_ROWS];
	size_t nh = holiday_rows(r, st, form, HOLIDAY_ROWS, hs, row);
	/* Here a row can be emptied: dates without a name are a mistake, not a removal. */
	for (int i = 1; i <= HOLIDAY_ROWS; i++)
		if (pw_ui_get(&r->arena, st->f, pw_printf(&r->arena, "h%d_name", i)) == NULL &&
		    (pw_ui_get(&r->arena, st->f, pw_printf(&r->arena, "h%d_start", i)) ||
		     pw_ui_get(&r->arena, st->f, pw_printf(&r->arena, "h%d_end", i))))
			fail_at(r, st, form, pw_printf(&r->arena, "h%d_name", i), _("Geef de vakantie een naam, of maak de regel leeg."));
	if (st->err.n || !holidays_within(r, st, form, hs, row, nh, ds, de))
		return;
	if (pw_store_begin(r->app->store, &err) != PW_OK)
		goto fail;
	if (pw_store_holidays_set(r->app->store, y.id, hs, nh, &err) != PW_OK ||
	    pw_store_audit_change(r->app->store, ad->a.user_id, "update", "schoolyear", y.id,
				  pw_printf(&r->arena, "vakanties: %zu", nh), &err) != PW_OK ||
	    pw_store_commit(r->app->store, &err) != PW_OK) {
		pw_store_rollback(r->app->store);
		goto fail;
	}
	done(r, "schooljaren");
	return;
fail:
	fail_at(r, st, form, NULL, err.msg);
}

static void act_schoolyear(struct pw_req *r, struct admin *ad, struct state *st)
{
	struct pw_err err;
	const char *form = "schooljaar";
	const char *name = text(r, st, form, "name", 9, true), *start = date(r, st, form, "start_on", true),
		   *end = date(r, st, form, "end_on", true);
	struct pw_holiday hs[3];
	int row[3];
	size_t nh = holiday_rows(r, st, form, 3, hs, row);
	if (st->err.n)
		return;
	pw_day ds, de;
	pw_day_parse(start, &ds);
	pw_day_parse(end, &de);
	int y, m, d, first;
	pw_day_to_ymd(ds, &y, &m, &d);
	if (pw_schoolyear_name_parse(name, &first) != 0 || first != y) {
		fail_at(r, st, form, "name", pw_printf(&r->arena, _("Noem het schooljaar naar de jaren die het beslaat: %d-%d."), y, y + 1));
		return;
	}
	if (de <= ds || de - ds > 400) {
		fail_at(r, st, form, "end_on", _("De laatste dag komt na de eerste, binnen ongeveer een jaar."));
		return;
	}
	if (!holidays_within(r, st, form, hs, row, nh, ds, de))
		return;
	int64_t id;
	if (pw_store_begin(r->app->store, &err) != PW_OK)
		goto fail;
	if (pw_store_schoolyear_add(r->app->store, ad->sc.id, name, start, end, &id, &err) != PW_OK ||
	    pw_store_holidays_set(r->app->store, id, hs, nh, &err) != PW_OK ||
	    pw_store_audit_change(r->app->store, ad->a.user_id, "create", "schoolyear", id, NULL, &err) != PW_OK ||
	    pw_store_commit(r->app->store, &err) != PW_OK) {
		pw_store_rollback(r->app->store);
		goto fail;
	}
	done(r, "schooljaren");
	return;
fail:
	fail_at(r, st, form, "name", err.msg);
}

static void act_class(struct pw_req *r, struct admin *ad, struct state *st)
{
	struct pw_err err;
	const char *form = "klas";
	const char *yname = text(r, st, form, "schoolyear", 9, true), *name = text(r, st, form, "name", 20, true),
		   *ys = text(r, st, form, "year", 2, true), *dep = text(r, st, form, "department", 60, false);
	const char *ml[2] = {text(r, st, form, "mentor1", 64, false), text(r, st, form, "mentor2", 64, false)};
	int year = 0;
	if (ys) {
		char *endp;
		long v = strtol(ys, &endp, 10);
		if (*endp || v < 1 || v > 8)
			fail_at(r, st, form, "year", _("Het leerjaar is een getal van 1 tot en met 8."));
		year = (int)v;
	}
	struct pw_schoolyear sy;
	if (yname && pw_store_schoolyear_get(r->app->store, &r->arena, ad->sc.id, yname, &sy, &err) != PW_OK)
		fail_at(r, st, form, "schoolyear", _("Kies een schooljaar van de school."));
	int64_t m[2] = {0, 0};
	for (int i = 0; i < 2; i++) {
		struct pw_user u;
		if (ml[i] && (pw_store_user_by_login(r->app->store, &r->arena, ml[i], &u, &err) != PW_OK || !account_at(r, ad->p, u.id, ad->sc.id, NULL)))
			fail_at(r, st, form, i ? "mentor2" : "mentor1", _("Er is geen collega met deze login op deze school."));
		else if (ml[i])
			m[i] = u.id;
	}
	if (st->err.n)
		return;
	int64_t id;
	enum pw_change ch1, ch2;
	if (pw_store_begin(r->app->store, &err) != PW_OK)
		goto fail;
	if (pw_store_class_upsert(r->app->store, sy.id, name, year, dep ? dep : "", &id, &ch1, &err) != PW_OK ||
	    pw_store_class_set_mentors(r->app->store, id, m[0], m[1], &ch2, &err) != PW_OK ||
	    pw_store_audit_change(r->app->store, ad->a.user_id, ch1 == PW_NEW ? "create" : "update", "class", id, NULL, &err) != PW_OK ||
	    pw_store_commit(r->app->store, &err) != PW_OK) {
		pw_store_rollback(r->app->store);
		goto fail;
	}
	done(r, "klassen");
	return;
fail:
	fail_at(r, st, form, NULL, err.msg);
}

static void act_token(struct pw_req *r, struct admin *ad, struct state *st)
{
	struct pw_err err;
	const char *form = "token";
	const char *login = text(r, st, form, "login", 64, true), *name = text(r, st, form, "name", 100, true);
	struct pw_user u;
	if (login && (pw_store_user_by_login(r->app->store, &r->arena, login, &u, &err) != PW_OK || !account_at(r, ad->p, u.id, ad->sc.id, NULL)))
		fail_at(r, st, form, "login", _("Er is geen collega met deze login op deze school."));
	if (st->err.n)
		return;
	char tok[128];
	int64_t id;
	if (pw_auth_token_create(r->app->store, u.id, name, tok, sizeof tok, &id, &err) != PW_OK ||
	    pw_store_audit_change_now(r->app->store, ad->a.user_id, "create", "token", id, &err) != PW_OK) {
		fail_at(r, st, form, NULL, err.msg);
		return;
	}
	/* Shown once, on this answer only (never stored in the clear). */
	st->token = pw_strdup(&r->arena, tok);
	st->notice = pw_printf(&r->arena, _("Token \"%s\" aangemaakt voor %s."), name, login);
}

static void act_token_revoke(struct pw_req *r, struct admin *ad, struct state *st)
{
	struct pw_err err;
	int64_t id = pw_ui_id(pw_fields_get(st->f, "token"));
	struct pw_token_row *t;
	size_t n = 0;
	bool ours = false;
	if (id && pw_store_token_list(r->app->store, &r->arena, 0, &t, &n, &err) == PW_OK)
		for (size_t i = 0; i < n && !ours; i++) {
			struct pw_user u;
			ours = t[i].id == id && pw_store_user_by_login(r->app->store, &r->arena, t[i].login, &u, &err) == PW_OK &&
			       account_at(r, ad->p, u.id, ad->sc.id, NULL);
		}
	if (!ours || pw_store_token_revoke(r->app->store, id, &err) != PW_OK ||
	    pw_store_audit_change_now(r->app->store, ad->a.user_id, "revoke", "token", id, &err) != PW_OK) {
		fail_at(r, st, "tokens", NULL, ours ? err.msg : _("Dit token bestaat niet (meer)."));
		return;
	}
	done(r, "tokens");
}

/* Imports: the dry run keeps what would change to show it. */
struct collect {
	struct pw_arena *a;
	const char **lines;
	size_t n, more;
};

static void on_row(const struct pw_import_event *ev, void *data)
{
	struct collect *c = data;
	if (ev->change == PW_SAME)
		return;
	if (c->n < 50)
		c->lines[c->n++] = pw_printf(c->a, "%s: %s", ev->change == PW_NEW ? "nieuw" : "gewijzigd", ev->what ? ev->what : "");
	else
		c->more++;
}

static void act_import(struct pw_req *r, struct admin *ad, struct state *st)
{
	struct pw_err err;
	const char *form = "import";
	const char *step = pw_fields_get(st->f, "stap"), *kind = pw_fields_get(st->f, "kind"),
		   *yname = pw_fields_get(st->f, "schoolyear");
	bool apply = step && strcmp(step, "toepassen") == 0;
	const struct pw_field *file = pw_fields_find(st->f, "file");
	const char *data = NULL, *fname = NULL;
	size_t len = 0;
	if (apply) {
		const struct pw_field *d = pw_fields_find(st->f, "data");
		data = d ? d->value : NULL;
		len = d ? d->len : 0;
		fname = pw_fields_get(st->f, "filename");
	} else if (file && file->filename && file->len) {
		data = file->value;
		len = file->len;
		fname = file->filename;
	}
	int k = kind ? pw_import_kind_parse(kind) : -1;
	if (k < 0 || k == PW_IMPORT_HOLIDAYS)
		fail_at(r, st, form, "kind", _("Kies wat je importeert."));
	if (data == NULL || len == 0)
		fail_at(r, st, form, "file", T.pick_file);
	if (st->err.n)
		return;
	if (fname == NULL || !pw_utf8_valid_text(fname, strlen(fname)) || strlen(fname) > 200)
		fname = "import.csv";
	struct pw_schoolyear sy;
	bool has_year = yname && pw_store_schoolyear_get(r->app->store, &r->arena, ad->sc.id, yname, &sy, &err) == PW_OK;
	if (!has_year && (k == PW_IMPORT_CLASSES || k == PW_IMPORT_STUDENTS)) {
		fail_at(r, st, form, "schoolyear", _("Kies het schooljaar voor de klassen en leerlingen."));
		return;
	}
	char today[11];
	pw_import_today(today);
	struct pw_import im;
	if (pw_import_parse(&r->arena, (enum pw_import_kind)k, fname, data, len, today, &im, &err) != PW_OK) {
		fail_at(r, st, form, "file", err.msg);
		return;
	}
	struct collect c = {&r->arena, pw_calloc(&r->arena, 50, sizeof(char *)), 0, 0};
	struct pw_import_counts counts = {0};
	if (pw_import_apply(r->app->store, &im, ad->sc.id, has_year ? &sy : NULL, !apply, on_row, &c, &counts, &err) != PW_OK) {
		fail_at(r, st, form, "file", err.msg);
		return;
	}
	if (apply) {
		/* One audit row for the whole file: what and how much changed. */
		pw_store_audit_change_now(r->app->store, ad->a.user_id, "import", pw_import_kind_name((enum pw_import_kind)k), 0, &err);
		st->notice = pw_printf(&r->arena, T.applied, counts.added, counts.updated, counts.same);
		return;
	}
	st->imp_data = pw_strndup(&r->arena, data, len);
	st->imp_kind = kind;
	st->imp_year = has_year ? yname : NULL;
	st->imp_file = fname;
	st->imp_lines = c.lines;
	st->imp_n = c.n;
	st->imp_more = c.more;
	st->imp_counts = counts;
}

static void act_protocol(struct pw_req *r, struct admin *ad, struct state *st)
{
	struct pw_err err;
	const char *form = "protocolform";
	const struct pw_field *file = pw_fields_find(st->f, "file");
	const struct pw_field *y = pw_fields_find(st->f, "yaml");
	const char *text = NULL, *name = "protocol.yaml", *field = "yaml";
	size_t len = 0;
	if (file && file->filename && file->len) {
		text = file->value;
		len = file->len;
		name = file->filename;
		field = "file";
	} else if (y && y->len) {
		text = y->value;
		len = y->len;
	}
	if (text == NULL) {
		fail_at(r, st, form, "file", T.pick_file);
		return;
	}
	/* The whole definition is checked before anything is stored. */
	struct pw_protocol *p = pw_protocol_load_buffer(text, len, name, &err);
	if (p == NULL) {
		fail_at(r, st, form, field, err.msg);
		return;
	}
	const char *source = pw_strndup(&r->arena, text, len);
	int64_t id;
	enum pw_status s = pw_store_protocol_install(r->app->store, ad->sc.id, p->id, p->versie ? p->versie : "", source,
						     pw_printf(&r->arena, "web:%s", ad->a.login), &id, &err);
	if (s == PW_OK)
		s = pw_store_audit_change_now(r->app->store, ad->a.user_id, "install", "protocol", id, &err);
	if (s == PW_OK)
		st->notice = pw_printf(&r->arena, T.prot_installed, p->naam, p->versie ? p->versie : "-");
	else
		fail_at(r, st, form, field, err.msg);
	pw_protocol_free(p);
}

static void post(struct pw_req *r, const char *action)
{
	struct admin ad;
	struct pw_fields f;
	struct pw_err err;
	if (!begin(r, &ad))
		return;
	bool upload = strcmp(action, "import") == 0 || strcmp(action, "protocol") == 0;
	if (upload) {
		/* Uploads are multipart; the CSRF token travels as a part. */
		if (pw_multipart_parse(&r->arena, pw_req_header(r, "Content-Type"), r->body.data ? r->body.data : "", r->body.len, 32,
				       &f, &err) != PW_OK) {
			pw_ui_error_page(r, &ad.a, 400, _("Er ging iets mis"), err.msg, "/beheer");
			return;
		}
		if (!pw_auth_csrf_ok(&ad.a, pw_fields_get(&f, "csrf"))) {
			pw_ui_error_page(r, &ad.a, 403, _("Er ging iets mis"),
					 "De pagina was verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens.", "/beheer");
			return;
		}
	} else if (!pw_ui_form(r, &ad.a, 64, &f)) {
		return;
	}
	struct state st;
	memset(&st, 0, sizeof st);
	st.f = &f;
	if (strcmp(action, "account") == 0)
		act_account(r, &ad, &st);
	else if (strcmp(action, "uitschakelen") == 0 || strcmp(action, "inschakelen") == 0)
		act_account_status(r, &ad, &st, action[0] == 'u');
	else if (strcmp(action, "schooljaar") == 0)
		act_schoolyear(r, &ad, &st);
	else if (strcmp(action, "account-wijzig") == 0)
		act_account_edit(r, &ad, &st);
	else if (strcmp(action, "vakanties") == 0)
		act_holidays(r, &ad, &st);
	else if (strcmp(action, "klas") == 0)
		act_class(r, &ad, &st);
	else if (strcmp(action, "token") == 0)
		act_token(r, &ad, &st);
	else if (strcmp(action, "token-intrekken") == 0)
		act_token_revoke(r, &ad, &st);
	else if (strcmp(action, "import") == 0)
		act_import(r, &ad, &st);
	else if (strcmp(action, "protocol") == 0)
		act_protocol(r, &ad, &st);
	else {
		pw_ui_error_page(r, &ad.a, 404, _("Niet gevonden"), _("Deze pagina bestaat niet."), "/beheer");
		return;
	}
	if (r->status)
		return; /* redirected */
	render(r, &ad, &st, st.err.n ? 400 : 200);
}

void pw_h_beheer_post(struct pw_req *r)
{
	post(r, r->params[0]);
}

/* Uploads have their own routes: only these may carry a large body. */
void pw_h_beheer_import(struct pw_req *r)
{
	post(r, "import");
}

void pw_h_beheer_protocol(struct pw_req *r)
{
	post(r, "protocol");
}
