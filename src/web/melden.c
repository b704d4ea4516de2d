/* Melden: filing a signal in the browser, fast on a phone with one hand.
 *
 * One POST form holds the whole signal. Without JavaScript it works by
 * round trips that keep everything typed: "Zoek" (the form's first, default
 * button, so Enter in the search field searches) lists matching students,
 * each with buttons that add them with a role; "Verwijder" takes one out;
 * "Melding versturen" files it. app.js only makes the search live (fetch to
 * /api/v1/students with the page's CSRF token); adding still posts.
 *
 * Filing builds the API's JSON body and goes through pw_api_parse_signal and
 * pw_signal_file: the very functions behind POST /api/v1/signals, so a
 * signal filed here follows every rule that one filed through the API does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/casework.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "store/reports.h"
#include "util/text.h"
#include "web/app.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/ui.h"
#include "util/i18n.h"

/* The API's parser of a signal body (api/signals.c), shared so that pages
 * and the API file signals the same way. */
enum pw_status pw_api_parse_signal(struct pw_arena *a, const struct pw_protocol *p, json_t *j, struct pw_signal *s,
				   json_t **data, struct pw_err *err);

#define MAX_PEOPLE 12
#define MAX_EXTERN 2

/* The words of this page, in one place. */
static const struct {
	const char *title, *lead;
	const char *who, *search, *search_hint, *search_btn, *results, *no_results, *add_as, *other_role;
	const char *chosen, *chosen_none, *role_of, *choose_role, *remove, *extern_summary, *extern_label, *extern_hint,
		*extern_role;
	const char *what, *occurred, *occurred_hint, *location, *location_hint, *description, *description_hint;
	const char *forms, *forms_hint, *cyber_summary, *cyber_kinds, *platforms, *platform_other, *flag_none;
	const char *judgement, *judgement_hint, *sys_ja, *sys_ja_hint, *sys_nee, *sys_nee_hint, *sys_onbekend,
		*sys_onbekend_hint, *plagen_summary;
	const char *signs_summary, *signs_hint;
	const char *clz, *clz_label, *clz_hint, *submit;
	const char *e_people, *e_role, *e_sys, *e_extern_role, *e_long;
	const char *from_report;
	const char *done_title, *done_case_new, *done_case_join, *done_case_recur, *done_suspicion, *done_owner,
		*done_first_step, *done_mentors, *done_nomentor, *done_view, *done_again, *done_home;
} T_nl = {
	.title = N_("Pesten melden"),
	.lead = N_("Vertel wat je zag of hoorde. Wie het oppakt, krijgt meteen bericht."),
	.who = N_("Om wie gaat het?"),
	.search = N_("Zoek een leerling"),
	.search_hint = N_("Typ een deel van de naam of de klas (bijvoorbeeld 2B)."),
	.search_btn = N_("Zoek"),
	.results = N_("Gevonden leerlingen"),
	.no_results = N_("Geen leerling gevonden. Probeer een ander deel van de naam of de klas."),
	.add_as = N_(" toevoegen als "),
	.other_role = N_("andere rol"),
	.chosen = N_("Gekozen"),
	.chosen_none = N_("Nog niemand gekozen."),
	.role_of = N_("Rol van %s"),
	.choose_role = N_("Kies een rol"),
	.remove = N_("Verwijder"),
	.extern_summary = N_("Iemand die geen leerling van school is"),
	.extern_label = N_("Beschrijving (persoon %d)"),
	.extern_hint = N_("Bijvoorbeeld: onbekende afzender op Snapchat, leerling van een andere school."),
	.extern_role = N_("Rol (persoon %d)"),
	.what = N_("Wat gebeurde er?"),
	.occurred = N_("Wanneer"),
	.occurred_hint = N_("De dag waarop het gebeurde (of het laatst gebeurde)."),
	.location = N_("Waar"),
	.location_hint = N_("Bijvoorbeeld: aula, gang bij lokaal 12, online."),
	.description = N_("Wat zag of hoorde je?"),
	.description_hint = N_("Beschrijf wat er gebeurde, in feiten. Schrijf geen oordeel over de leerling."),
	.forms = N_("Vorm van pesten"),
	.forms_hint = N_("Kies alles wat past."),
	.cyber_summary = N_("Online: cyberpesten"),
	.cyber_kinds = N_("Soort cyberpesten"),
	.platforms = N_("Waar online"),
	.platform_other = N_("Ander platform"),
	.flag_none = N_("Geen of weet ik niet"),
	.judgement = N_("Is het pesten?"),
	.judgement_hint = N_("Jouw inschatting. Bij twijfel: kies 'Weet ik niet'."),
	.sys_ja = N_("Ja, het is systematisch"),
	.sys_ja_hint = N_("Het gebeurt vaker en met opzet: er komt een casus."),
	.sys_nee = N_("Nee, nu nog niet"),
	.sys_nee_hint = N_("Het wordt vastgelegd als verdenking; de mentor krijgt bericht."),
	.sys_onbekend = N_("Weet ik niet"),
	.sys_onbekend_hint = N_("Ook dit wordt een verdenking; de mentor kijkt ernaar."),
	.plagen_summary = N_("Plagen of pesten? Wat het protocol zegt"),
	.signs_summary = N_("Signalen die je opvielen (niet verplicht)"),
	.signs_hint = N_("Lijsten uit het protocol. Het zijn signalen, geen diagnose."),
	.clz = N_("Wie pakt het op?"),
	.clz_label = N_("Rechtstreeks naar de CLZ"),
	.clz_hint = N_("Bij ernstige situaties. Anders gaat de melding naar de mentor."),
	.submit = N_("Melding versturen"),
	.e_people = N_("Voeg minstens één leerling toe, of beschrijf iemand die geen leerling is."),
	.e_role = N_("Kies de rol van %s."),
	.e_sys = N_("Kies of het pesten systematisch is (of 'Weet ik niet')."),
	.e_extern_role = N_("Kies de rol van de persoon die je beschreef."),
	.e_long = N_("Dit veld is te lang."),
	.from_report = N_("Je legt melding nr. %lld van een leerling of ouder vast als signaal. Wat de melder schreef staat "
		       "hieronder al ingevuld; vul aan wie erbij betrokken zijn en wat je weet."),
	.done_title = N_("Melding opgeslagen"),
	.done_case_new = N_("Er is een nieuwe casus geopend."),
	.done_case_join = N_("Je melding is toegevoegd aan een casus die al liep over deze leerlingen."),
	.done_case_recur = N_("Je melding is toegevoegd aan de casus als herhaling."),
	.done_suspicion = N_("Je melding is vastgelegd als verdenking: er is (nog) geen casus."),
	.done_owner = N_("%s pakt het op (%s)."),
	.done_first_step = N_("Eerste stap: %s"),
	.done_mentors = N_("De mentor krijgt bericht: %s."),
	.done_nomentor = N_("De CLZ kijkt ernaar."),
	.done_view = N_("Bekijk de casus"),
	.done_again = N_("Nog een melding doen"),
	.done_home = N_("Naar Mijn taken"),
};
#define T PW_TR_TABLE(T_nl)

/* A person on the form: a student (id) with a role, or a description. */
struct person {
	int64_t id;
	const char *name, *class_name, *rol, *desc;
};

struct state {
	const struct pw_protocol *p;
	const struct pw_fields *f; /* what was posted (NULL on a fresh form) */
	struct person people[MAX_PEOPLE];
	size_t n;
	struct person ext[MAX_EXTERN];
	const char *zoek;
	struct pw_ui_errors err;
	int64_t report_id; /* filing a report of a student or parent as a signal (web/meldingen.c), or 0 */
};

static bool checked(const struct state *s, const char *name, const char *value)
{
	return s->f && pw_ui_has_value(s->f, name, value);
}

static const char *val(struct pw_req *r, const struct state *s, const char *name)
{
	return s->f ? pw_ui_get(&r->arena, s->f, name) : NULL;
}

/* Adds student id with role rol (may be NULL) unless present; fills the name. */
static void add_student(struct pw_req *r, struct state *s, int64_t id, const char *rol)
{
	struct pw_err err;
	for (size_t i = 0; i < s->n; i++)
		if (s->people[i].id == id) {
			if (rol)
				s->people[i].rol = rol;
			return;
		}
	struct pw_student st;
	if (s->n >= MAX_PEOPLE || id <= 0 ||
	    pw_store_student_get(r->app->store, &r->arena, id, pw_today(r), &st, &err) != PW_OK || st.class_id == 0)
		return;
	s->people[s->n++] = (struct person){id, pw_student_name(&r->arena, &st), st.class_name, rol, NULL};
}

/* Reads the people from the posted form, then applies "voeg" and "weg". */
static void read_people(struct pw_req *r, struct state *s)
{
	size_t n;
	const char **ids = pw_ui_values(&r->arena, s->f, "leerling", &n);
	const char *weg = pw_fields_get(s->f, "weg");
	for (size_t i = 0; i < n; i++) {
		int64_t id = pw_ui_id(ids[i]);
		if (weg && pw_ui_id(weg) == id)
			continue;
		const char *rol = val(r, s, pw_printf(&r->arena, "rol_%lld", (long long)id));
		add_student(r, s, id, rol && pw_protocol_sitrole(s->p, rol) ? rol : NULL);
	}
	const char *voeg = pw_fields_get(s->f, "voeg");
	if (voeg) {
		char *colon = strchr(voeg, ':');
		const char *rol = colon && pw_protocol_sitrole(s->p, colon + 1) ? colon + 1 : NULL;
		if (colon)
			*colon = '\0';
		add_student(r, s, pw_ui_id(voeg), rol);
	}
	for (int i = 0; i < MAX_EXTERN; i++) {
		s->ext[i].desc = val(r, s, pw_printf(&r->arena, "extern_%d", i + 1));
		const char *rol = val(r, s, pw_printf(&r->arena, "extern_rol_%d", i + 1));
		s->ext[i].rol = rol && pw_protocol_sitrole(s->p, rol) ? rol : NULL;
	}
}

static void role_select(struct pw_buf *b, const struct state *s, const char *id, const char *rol,
			const char *describedby)
{
	pw_html_printf(b, "<select id=\"%s\" name=\"%s\"", id, id);
	if (describedby)
		pw_html_printf(b, " aria-describedby=\"%s\" aria-invalid=\"true\"", describedby);
	pw_html_printf(b, "><option value=\"\">%s</option>", T.choose_role);
	for (size_t i = 0; i < s->p->n_sitroles; i++) {
		const struct pw_sitrole *sr = &s->p->sitroles[i];
		pw_html_printf(b, "<option value=\"%s\"%s>%s</option>", sr->key, rol && strcmp(rol, sr->key) == 0 ? " selected" : "",
			       PW_UI_TITLE(sr));
	}
	pw_html_raw(b, "</select>");
}

/* The search results: each student with buttons that add them with a role. */
static void render_results(struct pw_req *r, struct state *s, const struct pw_actor *a)
{
	struct pw_buf *b = &r->out;
	/* The live search (app.js) draws the same buttons from these. */
	const char *roles = "";
	for (size_t k = 0; k < s->p->n_sitroles && k < 2; k++)
		roles = pw_printf(&r->arena, "%s[\"%s\",\"%s\"],", roles, s->p->sitroles[k].key, s->p->sitroles[k].key);
	pw_html_printf(b, "<div id=\"zoek-resultaten\" class=\"results\" aria-live=\"polite\" data-title=\"%s\" "
			  "data-none=\"%s\" data-roles=\"%s\">",
		       T.results, T.no_results, pw_printf(&r->arena, "[%s[\"\",\"%s\"]]", roles, T.other_role));
	if (s->zoek == NULL) {
		pw_html_raw(b, "</div>");
		return;
	}
	struct pw_err err;
	struct pw_student *st;
	size_t n = 0;
	int64_t total;
	struct pw_student_query q = {.user_id = a->user_id, .day = pw_today(r), .q = s->zoek, .limit = 15};
	if (strlen(s->zoek) > 100 || pw_store_student_search(r->app->store, &r->arena, &q, &st, &n, &total, &err) != PW_OK)
		n = 0;
	if (n == 0) {
		pw_html_printf(b, "<p>%s</p></div>", T.no_results);
		return;
	}
	pw_html_printf(b, "<h3 class=\"small-head\">%s</h3><ul class=\"result-list\">", T.results);
	/* The first two situation roles (Lekpoort: gepeste, pester) get a button
	 * each; any other role is chosen in the list of people afterwards. */
	for (size_t i = 0; i < n; i++) {
		const char *name = pw_student_name(&r->arena, &st[i]);
		pw_html_printf(b, "<li><span class=\"result-name\">%s <span class=\"meta\">%s</span></span><span class=\"btns\">", name,
			       st[i].class_name);
		for (size_t k = 0; k < s->p->n_sitroles && k < 2; k++)
			pw_html_printf(b, "<button type=\"submit\" name=\"voeg\" value=\"%lld:%s\" class=\"small\"><span class=\"sr-only\">%s%s</span>%s</button>",
				       (long long)st[i].id, s->p->sitroles[k].key, name, T.add_as, s->p->sitroles[k].key);
		pw_html_printf(b, "<button type=\"submit\" name=\"voeg\" value=\"%lld:\" class=\"small\"><span class=\"sr-only\">%s%s</span>%s</button>",
			       (long long)st[i].id, name, T.add_as, T.other_role);
		pw_html_raw(b, "</span></li>");
	}
	pw_html_raw(b, "</ul></div>");
}

static void checkbox(struct pw_buf *b, const char *name, const char *id, const char *value, const char *label,
		     const char *hint, bool on)
{
	pw_html_printf(b, "<div class=\"check\"><input type=\"checkbox\" name=\"%s\" id=\"%s\" value=\"%s\"%s", name, id, value,
		       on ? " checked" : "");
	if (hint)
		pw_html_printf(b, " aria-describedby=\"%s-hint\"", id);
	pw_html_printf(b, "><label for=\"%s\">%s</label>", id, label);
	if (hint)
		pw_html_printf(b, "<span class=\"hint\" id=\"%s-hint\">%s</span>", id, hint);
	pw_html_raw(b, "</div>");
}

static void text_input(struct pw_req *r, struct state *s, const char *id, const char *type, const char *label,
		       const char *hint, const char *value, const char *extra)
{
	struct pw_buf *b = &r->out;
	pw_ui_field_begin(b, &s->err, id, label, hint);
	pw_html_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"", type, id, id, value ? value : "");
	if (extra)
		pw_html_raw(b, extra);
	pw_ui_described(b, &s->err, id, hint ? pw_printf(&r->arena, "%s-hint", id) : NULL);
	pw_html_raw(b, ">");
	pw_ui_field_end(b);
}

/* The first paragraphs of the protocol's own words on plagen and pesten. */
static void plagen_pesten(struct pw_buf *b, const struct pw_protocol *p, struct pw_arena *a)
{
	for (size_t i = 0; i < p->n_chapters; i++) {
		if (strcmp(p->chapters[i].key, "pesten") != 0 || p->chapters[i].tekst == NULL)
			continue;
		const char *t = p->chapters[i].tekst, *cut = strstr(t, "\n\n");
		if (cut)
			cut = strstr(cut + 2, "\n\n");
		pw_html_printf(b, "<details class=\"aside\"><summary>%s</summary>", T.plagen_summary);
		pw_ui_prose(b, cut ? pw_printf(a, "%.*s", (int)(cut - t), t) : t);
		pw_html_raw(b, "</details>");
		return;
	}
}

static void render_form(struct pw_req *r, const struct pw_actor *a, struct state *s, int status)
{
	struct pw_buf *b = &r->out;
	const struct pw_protocol *p = s->p;
	pw_page_begin(r, T.title, a);
	pw_html_printf(b, "<div class=\"page-head\"><h1>%s</h1><p class=\"lead\">%s</p></div>", T.title, T.lead);
	pw_ui_error_summary(b, &s->err);
	if (s->report_id) {
		pw_html_raw(b, "<div class=\"notice-box info\" role=\"note\"><p>");
		pw_html_printf(b, T.from_report, (long long)s->report_id);
		pw_html_raw(b, "</p></div>");
	}
	pw_html_raw(b, "<form method=\"post\" action=\"/melden\" novalidate id=\"melden\" class=\"signal-form\">");
	pw_form_csrf(r, a);
	if (s->report_id)
		pw_html_printf(b, "<input type=\"hidden\" name=\"melding\" value=\"%lld\">", (long long)s->report_id);

	/* Who: search first (its button is the form's default), then the chosen. */
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-wie\"><h2 id=\"h-wie\">%s</h2>", T.who);
	pw_ui_field_begin(b, &s->err, "zoek", T.search, T.search_hint);
	pw_html_printf(b, "<div class=\"search-row\"><input type=\"search\" id=\"zoek\" name=\"zoek\" value=\"%s\" "
			  "autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\" enterkeyhint=\"search\"",
		       s->zoek ? s->zoek : "");
	pw_ui_described(b, &s->err, "zoek", "zoek-hint");
	pw_html_printf(b, "><button type=\"submit\" name=\"actie\" value=\"zoek\">%s</button></div>", T.search_btn);
	pw_ui_field_end(b);
	render_results(r, s, a);
	pw_html_printf(b, "<h3 class=\"small-head\" id=\"h-gekozen\">%s</h3>", T.chosen);
	if (s->n == 0)
		pw_html_printf(b, "<p class=\"hint\" id=\"gekozen-leeg\">%s</p>", T.chosen_none);
	pw_html_raw(b, "<ul class=\"people\" aria-labelledby=\"h-gekozen\">");
	for (size_t i = 0; i < s->n; i++) {
		const struct person *pp = &s->people[i];
		const char *id = pw_printf(&r->arena, "rol_%lld", (long long)pp->id);
		const char *msg = pw_ui_error_of(&s->err, id);
		pw_html_printf(b, "<li class=\"person%s\"><input type=\"hidden\" name=\"leerling\" value=\"%lld\">"
				  "<span class=\"person-name\">%s <span class=\"meta\">%s</span></span>",
			       msg ? " has-error" : "", (long long)pp->id, pp->name, pp->class_name);
		pw_html_printf(b, "<label for=\"%s\" class=\"sr-only\">", id);
		pw_html_printf(b, T.role_of, pp->name);
		pw_html_raw(b, "</label>");
		if (msg)
			pw_html_printf(b, "<span class=\"field-error\" id=\"%s-error\">%s</span>", id, msg);
		role_select(b, s, id, pp->rol, msg ? pw_printf(&r->arena, "%s-error", id) : NULL);
		pw_html_printf(b, "<button type=\"submit\" name=\"weg\" value=\"%lld\" class=\"link\">%s<span class=\"sr-only\"> %s</span></button></li>",
			       (long long)pp->id, T.remove, pp->name);
	}
	pw_html_raw(b, "</ul>");
	bool ext_open = s->ext[0].desc || s->ext[1].desc || pw_ui_error_of(&s->err, "extern_rol_1");
	pw_html_printf(b, "<details class=\"aside\"%s><summary>%s</summary>", ext_open ? " open" : "", T.extern_summary);
	for (int i = 0; i < MAX_EXTERN; i++) {
		const char *id = pw_printf(&r->arena, "extern_%d", i + 1), *rid = pw_printf(&r->arena, "extern_rol_%d", i + 1);
		text_input(r, s, id, "text", pw_printf(&r->arena, T.extern_label, i + 1), i == 0 ? T.extern_hint : NULL,
			   s->ext[i].desc, " maxlength=\"200\"");
		pw_ui_field_begin(b, &s->err, rid, pw_printf(&r->arena, T.extern_role, i + 1), NULL);
		const char *msg = pw_ui_error_of(&s->err, rid);
		role_select(b, s, rid, s->ext[i].rol, msg ? pw_printf(&r->arena, "%s-error", rid) : NULL);
		pw_ui_field_end(b);
	}
	pw_html_raw(b, "</details></section>");

	/* What happened. */
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-wat\"><h2 id=\"h-wat\">%s</h2>", T.what);
	const char *occ = val(r, s, "occurred_on");
	text_input(r, s, "occurred_on", "date", T.occurred, T.occurred_hint, occ ? occ : pw_today(r),
		   pw_printf(&r->arena, " max=\"%s\"", pw_today(r)));
	text_input(r, s, "location", "text", T.location, T.location_hint, val(r, s, "location"), " maxlength=\"200\"");
	pw_ui_field_begin(b, &s->err, "description", T.description, T.description_hint);
	pw_html_raw(b, "<textarea id=\"description\" name=\"description\" rows=\"5\" maxlength=\"5000\"");
	pw_ui_described(b, &s->err, "description", "description-hint");
	const char *desc = s->f ? pw_fields_get(s->f, "description") : NULL;
	pw_html_printf(b, ">%s</textarea>", desc ? desc : "");
	pw_ui_field_end(b);

	const char *vmsg = pw_ui_error_of(&s->err, "vorm");
	pw_html_printf(b, "<fieldset class=\"field%s\" id=\"vorm\" aria-describedby=\"vorm-hint%s\"><legend>%s</legend>"
			  "<span class=\"hint\" id=\"vorm-hint\">%s</span>",
		       vmsg ? " has-error" : "", vmsg ? " vorm-error" : "", T.forms, T.forms_hint);
	if (vmsg)
		pw_html_printf(b, "<span class=\"field-error\" id=\"vorm-error\">%s</span>", vmsg);
	for (size_t i = 0; i < p->n_forms; i++)
		checkbox(b, "vorm", pw_printf(&r->arena, "vorm-%s", p->forms[i].key), p->forms[i].key, PW_UI_TITLE(&p->forms[i]),
			 p->forms[i].omschrijving, checked(s, "vorm", p->forms[i].key));
	pw_html_raw(b, "</fieldset>");
	for (size_t i = 0; i < p->n_flags; i++) {
		const struct pw_flag *fl = &p->flags[i];
		if (!fl->choice) {
			pw_html_raw(b, "<div class=\"field\">");
			checkbox(b, fl->key, fl->key, "1", PW_UI_TITLE(fl), fl->omschrijving, checked(s, fl->key, "1"));
			pw_html_raw(b, "</div>");
			continue;
		}
		const char *cur = val(r, s, fl->key);
		pw_ui_field_begin(b, &s->err, fl->key, PW_UI_TITLE(fl), fl->omschrijving);
		pw_html_printf(b, "<select id=\"%s\" name=\"%s\"", fl->key, fl->key);
		pw_ui_described(b, &s->err, fl->key, fl->omschrijving ? pw_printf(&r->arena, "%s-hint", fl->key) : NULL);
		pw_html_printf(b, "><option value=\"\">%s</option>", T.flag_none);
		for (size_t k = 0; k < fl->n_choices; k++)
			pw_html_printf(b, "<option value=\"%s\"%s>%s</option>", fl->choices[k].key,
				       cur && strcmp(cur, fl->choices[k].key) == 0 ? " selected" : "", PW_UI_TITLE(&fl->choices[k]));
		pw_html_raw(b, "</select>");
		pw_ui_field_end(b);
	}
	/* Cyberbullying: closed unless something in it was chosen (or wrong). */
	bool cy_open = pw_ui_error_of(&s->err, "cyber") != NULL;
	for (size_t i = 0; i < p->cyber.n_kinds && !cy_open; i++)
		cy_open = checked(s, "cyber", p->cyber.kinds[i].key);
	if (p->cyber.n_kinds) {
		const char *cmsg = pw_ui_error_of(&s->err, "cyber");
		pw_html_printf(b, "<details class=\"aside\" id=\"cyber\"%s><summary>%s</summary>", cy_open ? " open" : "",
			       T.cyber_summary);
		if (cmsg)
			pw_html_printf(b, "<span class=\"field-error\" id=\"cyber-error\">%s</span>", cmsg);
		pw_html_printf(b, "<fieldset class=\"field\"><legend>%s</legend>", T.cyber_kinds);
		for (size_t i = 0; i < p->cyber.n_kinds; i++)
			checkbox(b, "cyber", pw_printf(&r->arena, "cyber-%s", p->cyber.kinds[i].key), p->cyber.kinds[i].key,
				 PW_UI_TITLE(&p->cyber.kinds[i]), p->cyber.kinds[i].omschrijving, checked(s, "cyber", p->cyber.kinds[i].key));
		pw_html_printf(b, "</fieldset><fieldset class=\"field\"><legend>%s</legend><div class=\"check-grid\">", T.platforms);
		for (size_t i = 0; i < p->cyber.n_platforms; i++)
			checkbox(b, "platform", pw_printf(&r->arena, "platform-%s", p->cyber.platforms[i].key),
				 p->cyber.platforms[i].key, p->cyber.platforms[i].titel, NULL,
				 checked(s, "platform", p->cyber.platforms[i].key));
		pw_html_raw(b, "</div></fieldset>");
		text_input(r, s, "platform_anders", "text", T.platform_other, NULL, val(r, s, "platform_anders"), " maxlength=\"100\"");
		pw_html_raw(b, "</details>");
	}
	pw_html_raw(b, "</section>");

	/* The judgement, with the protocol's own words on plagen and pesten. */
	const char *sys = val(r, s, "systematisch"), *smsg = pw_ui_error_of(&s->err, "systematisch-ja");
	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-oordeel\"><fieldset class=\"field%s\"%s>"
			  "<legend><h2 id=\"h-oordeel\">%s</h2></legend><span class=\"hint\" id=\"sys-hint\">%s</span>",
		       smsg ? " has-error" : "", smsg ? " aria-describedby=\"sys-hint systematisch-ja-error\"" : " aria-describedby=\"sys-hint\"",
		       T.judgement, T.judgement_hint);
	plagen_pesten(b, p, &r->arena);
	if (smsg)
		pw_html_printf(b, "<span class=\"field-error\" id=\"systematisch-ja-error\">%s</span>", smsg);
	static const char *const keys[] = {"ja", "nee", "onbekend"};
	const char *labels[] = {T.sys_ja, T.sys_nee, T.sys_onbekend}, *hints[] = {T.sys_ja_hint, T.sys_nee_hint, T.sys_onbekend_hint};
	for (int i = 0; i < 3; i++)
		pw_html_printf(b, "<div class=\"check radio\"><input type=\"radio\" name=\"systematisch\" id=\"systematisch-%s\" "
				  "value=\"%s\" aria-describedby=\"systematisch-%s-hint\"%s><label for=\"systematisch-%s\">%s</label>"
				  "<span class=\"hint\" id=\"systematisch-%s-hint\">%s</span></div>",
			       keys[i], keys[i], keys[i], sys && strcmp(sys, keys[i]) == 0 ? " checked" : "", keys[i], labels[i],
			       keys[i], hints[i]);
	pw_html_raw(b, "</fieldset></section>");

	/* The protocol's checklists of signals. */
	if (p->n_checklists) {
		bool open = false;
		for (size_t c = 0; c < p->n_checklists && !open; c++)
			for (size_t i = 0; i < p->checklists[c].n_items && !open; i++)
				open = checked(s, "signaal", p->checklists[c].items[i].key);
		pw_html_printf(b, "<details class=\"card\"%s><summary class=\"h2\">%s</summary><p class=\"hint\">%s</p>",
			       open ? " open" : "", T.signs_summary, T.signs_hint);
		for (size_t c = 0; c < p->n_checklists; c++) {
			const struct pw_checklist *cl = &p->checklists[c];
			pw_html_printf(b, "<fieldset class=\"field\"><legend>%s</legend>", PW_UI_TITLE(cl));
			for (size_t i = 0; i < cl->n_items; i++)
				checkbox(b, "signaal", pw_printf(&r->arena, "signaal-%s", cl->items[i].key), cl->items[i].key,
					 PW_UI_TITLE(&cl->items[i]), NULL, checked(s, "signaal", cl->items[i].key));
			pw_html_raw(b, "</fieldset>");
		}
		pw_html_raw(b, "</details>");
	}

	pw_html_printf(b, "<section class=\"card\" aria-labelledby=\"h-clz\"><h2 id=\"h-clz\">%s</h2>", T.clz);
	checkbox(b, "naar_clz", "naar_clz", "1", T.clz_label, T.clz_hint, checked(s, "naar_clz", "1"));
	pw_html_printf(b, "</section><div class=\"submit-row\"><button type=\"submit\" name=\"actie\" value=\"verstuur\" "
			  "class=\"primary big\">%s</button></div></form>",
		       T.submit);
	pw_page_end(r, status);
}

static const struct pw_protocol *load_protocol(struct pw_req *r, const struct pw_actor *a, int64_t *school)
{
	struct pw_err err;
	*school = pw_actor_school(a);
	if (pw_access(a, PW_ACT_SIGNAL_FILE, *school, &err) != PW_OK) {
		pw_ui_error_page(r, a, 403, T.title, err.msg, "/");
		return NULL;
	}
	const struct pw_protocol *p = pw_school_protocol(r->app->store, *school, NULL, &err);
	if (p == NULL)
		pw_ui_error_page(r, a, 500, T.title, err.msg, "/");
	return p;
}

void pw_h_melden(struct pw_req *r)
{
	struct pw_actor a;
	int64_t school;
	if (!pw_ui_auth(r, &a))
		return;
	struct state s;
	memset(&s, 0, sizeof s);
	if ((s.p = load_protocol(r, &a, &school)) == NULL)
		return;
	/* GET /melden?zoek=...: the search without JavaScript; ?leerling=ID
	 * starts a signal about a student (from the student's page). */
	const char *z = pw_req_query(r, "zoek");
	s.zoek = z && z[0] ? z : NULL;
	const char *l = pw_req_query(r, "leerling");
	if (l)
		add_student(r, &s, pw_ui_id(l), NULL);
	/* ?melding=ID: a report of a student or parent filed as the CLZ's
	 * signal; its own words fill the form. */
	const char *m = pw_req_query(r, "melding");
	if (m) {
		struct pw_err err;
		struct pw_report_row row;
		const struct pw_protocol *rp;
		if (pw_report_load(r, &a, pw_ui_id(m), PW_REPORT_CASE, &row, &rp, &err) != PW_OK) {
			pw_ui_error_page(r, &a, pw_status_http(err.code), T.title, err.msg, "/meldingen");
			return;
		}
		if (row.case_id || row.signal_id) {
			pw_ui_error_page(r, &a, 409, T.title,
					 pw_printf(&r->arena, _("Deze melding hoort al bij casus %lld."), (long long)row.case_id),
					 pw_printf(&r->arena, "/meldingen/%lld", (long long)row.id));
			return;
		}
		struct pw_fields *f = pw_calloc(&r->arena, 1, sizeof *f);
		f->v = pw_calloc(&r->arena, 3, sizeof *f->v);
		const char *kv[][2] = {{"description", row.text}, {"location", row.location}, {"occurred_on", row.occurred_on}};
		for (size_t i = 0; i < 3; i++)
			if (kv[i][1][0])
				f->v[f->n++] = (struct pw_field){.name = kv[i][0], .value = kv[i][1], .len = strlen(kv[i][1])};
		s.f = f;
		s.report_id = row.id;
	}
	render_form(r, &a, &s, 200);
}

/* Appends a list of the posted values of a checkbox group to o as key. */
static void list_to(json_t *o, const char *key, const char **v, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	json_object_set_new(o, key, arr);
}

/* Where an error of the filing functions shows on this form. */
static const char *form_field(const struct state *s, struct pw_arena *a, const char *api_field)
{
	if (strcmp(api_field, "betrokkenen") == 0)
		return "zoek";
	if (strcmp(api_field, "systematisch") == 0)
		return "systematisch-ja";
	if (strcmp(api_field, "vormen") == 0)
		return "vorm";
	if (strcmp(api_field, "signalen") == 0 || strcmp(api_field, "cyber") == 0 || strcmp(api_field, "occurred_on") == 0 ||
	    strcmp(api_field, "location") == 0 || strcmp(api_field, "description") == 0)
		return strcmp(api_field, "signalen") == 0 ? "" : pw_strdup(a, api_field);
	if (pw_protocol_flag(s->p, api_field))
		return pw_strdup(a, api_field);
	return "";
}

/* Files the form (j, the API's body; taken) as the signal of report
 * s->report_id: the report's triage does it, with its own rights and the
 * check that the report was not filed before. */
static void file_report(struct pw_req *r, const struct pw_actor *a, struct state *s, json_t *j)
{
	struct pw_err err;
	struct pw_report_row row;
	const struct pw_protocol *rp;
	json_t *body = json_pack("{s:s, s:o}", "action", "case", "signal", j), *extra = NULL;
	enum pw_status st = pw_report_load(r, a, s->report_id, PW_REPORT_CASE, &row, &rp, &err);
	if (st == PW_OK)
		st = pw_report_triage(r, a, rp, &row, body, &extra, &err);
	json_decref(body);
	if (st == PW_EINVAL && strncmp(err.field, "signal.", 7) == 0) {
		pw_ui_error_add(&s->err, form_field(s, &r->arena, err.field + 7), pw_strdup(&r->arena, err.msg));
		render_form(r, a, s, 400);
		return;
	}
	if (st != PW_OK) {
		pw_ui_error_page(r, a, pw_status_http(err.code), T.title, err.msg,
				 pw_printf(&r->arena, "/meldingen/%lld", (long long)s->report_id));
		return;
	}
	json_decref(extra);
	pw_resp_redirect(r, pw_printf(&r->arena, "/melden/%lld", (long long)row.signal_id));
}

void pw_h_melden_post(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_fields f;
	int64_t school;
	if (!pw_ui_auth(r, &a) || !pw_ui_form(r, &a, 400, &f))
		return;
	struct state s;
	memset(&s, 0, sizeof s);
	if ((s.p = load_protocol(r, &a, &school)) == NULL)
		return;
	s.f = &f;
	s.zoek = pw_ui_get(&r->arena, &f, "zoek");
	s.report_id = pw_ui_id(pw_fields_get(&f, "melding"));
	read_people(r, &s);
	const char *actie = pw_fields_get(&f, "actie");
	/* Anything but the send button is a round trip that keeps the form. */
	if (actie == NULL || strcmp(actie, "verstuur") != 0 || pw_fields_get(&f, "voeg") || pw_fields_get(&f, "weg")) {
		render_form(r, &a, &s, 200);
		return;
	}
	s.zoek = NULL;
	/* What the page itself can say at once, field by field. */
	size_t next = 0;
	for (size_t i = 0; i < s.n; i++)
		if (s.people[i].rol == NULL)
			pw_ui_error_add(&s.err, pw_printf(&r->arena, "rol_%lld", (long long)s.people[i].id),
					pw_printf(&r->arena, T.e_role, s.people[i].name));
	for (int i = 0; i < MAX_EXTERN; i++)
		if (s.ext[i].desc && s.ext[i].rol == NULL)
			pw_ui_error_add(&s.err, pw_printf(&r->arena, "extern_rol_%d", i + 1), T.e_extern_role);
	for (int i = 0; i < MAX_EXTERN; i++)
		next += s.ext[i].desc != NULL;
	if (s.n + next == 0)
		pw_ui_error_add(&s.err, "zoek", T.e_people);
	const char *sys = pw_ui_get(&r->arena, &f, "systematisch");
	if (sys == NULL)
		pw_ui_error_add(&s.err, "systematisch-ja", T.e_sys);
	if (s.err.n) {
		render_form(r, &a, &s, 400);
		return;
	}
	/* The API's body, built from the form. */
	json_t *j = json_object();
	const char *occ = pw_ui_get(&r->arena, &f, "occurred_on"), *loc = pw_ui_get(&r->arena, &f, "location"),
		   *desc = pw_ui_get(&r->arena, &f, "description");
	const char *strs[][2] = {{"occurred_on", occ}, {"location", loc}, {"description", desc}, {"systematisch", sys}};
	for (size_t i = 0; i < 4; i++) {
		if (strs[i][1] == NULL)
			continue;
		if (strlen(strs[i][1]) > 5000 || !pw_utf8_valid_text(strs[i][1], strlen(strs[i][1]))) {
			pw_ui_error_add(&s.err, strs[i][0], T.e_long);
			continue;
		}
		json_object_set_new(j, strs[i][0], json_string(strs[i][1]));
	}
	size_t n;
	const char **v = pw_ui_values(&r->arena, &f, "vorm", &n);
	list_to(j, "vormen", v, n);
	v = pw_ui_values(&r->arena, &f, "signaal", &n);
	list_to(j, "signalen", v, n);
	for (size_t i = 0; i < s.p->n_flags; i++) {
		const char *fv = pw_ui_get(&r->arena, &f, s.p->flags[i].key);
		if (fv)
			json_object_set_new(j, s.p->flags[i].key, s.p->flags[i].choice ? json_string(fv) : json_true());
	}
	v = pw_ui_values(&r->arena, &f, "cyber", &n);
	if (n) {
		json_t *cy = json_object();
		list_to(cy, "soorten", v, n);
		v = pw_ui_values(&r->arena, &f, "platform", &n);
		list_to(cy, "platforms", v, n);
		const char *other = pw_ui_get(&r->arena, &f, "platform_anders");
		if (other)
			json_object_set_new(cy, "anders", json_string(other));
		json_object_set_new(j, "cyber", cy);
	}
	json_object_set_new(j, "naar_clz", json_boolean(pw_fields_get(&f, "naar_clz") != NULL));
	json_t *people = json_array();
	for (size_t i = 0; i < s.n; i++)
		json_array_append_new(people, json_pack("{s:I, s:s}", "student", (json_int_t)s.people[i].id, "rol", s.people[i].rol));
	for (int i = 0; i < MAX_EXTERN; i++)
		if (s.ext[i].desc && pw_utf8_valid_text(s.ext[i].desc, strlen(s.ext[i].desc)))
			json_array_append_new(people, json_pack("{s:s, s:s}", "extern", s.ext[i].desc, "rol", s.ext[i].rol));
	json_object_set_new(j, "betrokkenen", people);
	if (s.err.n) {
		json_decref(j);
		render_form(r, &a, &s, 400);
		return;
	}
	struct pw_err err;
	struct pw_signal sig;
	json_t *data = NULL;
	struct pw_filed filed;
	if (s.report_id) {
		file_report(r, &a, &s, j);
		return;
	}
	if (pw_api_parse_signal(&r->arena, s.p, j, &sig, &data, &err) != PW_OK ||
	    pw_signal_file(r->app->store, &r->arena, &a, school, &sig, data, &filed, &err) != PW_OK) {
		json_decref(data);
		json_decref(j);
		if (err.code != PW_EINVAL) {
			pw_ui_error_page(r, &a, pw_status_http(err.code), T.title, err.msg, "/melden");
			return;
		}
		pw_ui_error_add(&s.err, form_field(&s, &r->arena, err.field), pw_strdup(&r->arena, err.msg));
		render_form(r, &a, &s, 400);
		return;
	}
	json_decref(data);
	json_decref(j);
	/* Post, redirect, get: a reload does not file it twice. */
	pw_resp_redirect(r, pw_printf(&r->arena, "/melden/%lld", (long long)filed.signal_id));
}

/* After filing: what happens now, and who takes it up. Only the reporter
 * sees this page for their signal. */
void pw_h_melden_done(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_ui_auth(r, &a))
		return;
	struct pw_signal_row sr;
	int64_t id = pw_ui_id(r->params[0]);
	bool found = id && pw_store_signal_get(r->app->store, &r->arena, id, &sr, &err) == PW_OK;
	if (found)
		json_decref(sr.data);
	if (!found || sr.reporter_id != a.user_id) {
		pw_ui_error_page(r, &a, 404, _("Niet gevonden"), _("Deze melding bestaat niet."), "/");
		return;
	}
	struct pw_buf *b = &r->out;
	pw_page_begin(r, T.done_title, &a);
	pw_html_printf(b, "<div class=\"panel confirm\" role=\"status\"><h1>%s</h1>", T.done_title);
	struct pw_loaded_case lc;
	if (sr.case_id && pw_case_open(r->app->store, &r->arena, &a, sr.case_id, &lc, &err) == PW_OK) {
		bool is_new = lc.c.n_events && lc.c.events[0].kind == PW_EV_OPENED && lc.n_signals && lc.signals[0].id == id;
		pw_html_printf(b, "<p class=\"lead\">%s</p>", is_new ? T.done_case_new : sr.recurrence ? T.done_case_recur : T.done_case_join);
		const char *owner = pw_ui_user_name(r, lc.row.owner_id);
		pw_html_raw(b, "<p>");
		pw_html_printf(b, T.done_owner, owner[0] ? owner : _("De CLZ"), pw_ui_level_title(lc.p, lc.row.level));
		pw_html_raw(b, "</p>");
		struct pw_step_view *sv;
		size_t ns = pw_case_steps(&r->arena, &lc.c, &lc.cal, lc.today, &sv);
		for (size_t i = 0; i < ns; i++)
			if (sv[i].status == PW_STEP_OPEN && !sv[i].optional) {
				pw_html_raw(b, "<p>");
				pw_html_printf(b, T.done_first_step, PW_UI_TITLE(sv[i].step));
				if (sv[i].due_on)
					pw_html_printf(b, _(", uiterlijk %s"), pw_ui_day(&r->arena, sv[i].due_on));
				pw_html_raw(b, ".</p>");
				break;
			}
		pw_html_printf(b, "<p><a href=\"/casus/%lld\">%s</a></p>", (long long)lc.row.id, T.done_view);
		pw_case_done(&lc);
	} else {
		pw_html_printf(b, "<p class=\"lead\">%s</p>", T.done_suspicion);
		/* The mentors of the students named, who were told. */
		const char *names = NULL;
		for (size_t i = 0; i < sr.n_persons; i++) {
			struct pw_student st;
			if (sr.persons[i].student_id == 0 ||
			    pw_store_student_get(r->app->store, &r->arena, sr.persons[i].student_id, pw_today(r), &st, &err) != PW_OK)
				continue;
			for (int m = 0; m < 2; m++) {
				const char *nm = st.mentor[m] ? pw_ui_user_name(r, st.mentor[m]) : "";
				if (nm[0] && (names == NULL || strstr(names, nm) == NULL))
					names = names ? pw_printf(&r->arena, "%s, %s", names, nm) : nm;
			}
		}
		pw_html_raw(b, "<p>");
		if (names)
			pw_html_printf(b, T.done_mentors, names);
		else
			pw_html_text(b, T.done_nomentor);
		pw_html_raw(b, "</p>");
	}
	pw_html_printf(b, "<p class=\"actions\"><a class=\"button\" href=\"/melden\">%s</a> <a href=\"/\">%s</a></p></div>",
		       T.done_again, T.done_home);
	pw_page_end(r, 200);
}
