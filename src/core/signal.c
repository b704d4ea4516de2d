#include "core/signal.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

/* The reasons are shown in the reader's language: marked for the catalogue
 * (scripts/po-update.sh), stored in Dutch, translated where a page shows them. */
#define N_(s) s

static bool in_list(const char *const *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], key) == 0)
			return true;
	return false;
}

static enum pw_status text_ok(const char *s, size_t max, const char *field, const char *what, struct pw_err *err)
{
	if (s == NULL)
		return PW_OK;
	size_t n = strlen(s);
	if (n > max)
		return pw_err_field(err, PW_EINVAL, field, "%s is te lang (hoogstens %zu tekens).", what, max);
	if (!pw_utf8_valid_text(s, n))
		return pw_err_field(err, PW_EINVAL, field, "%s bevat tekens die niet kunnen.", what);
	return PW_OK;
}

bool pw_signal_is_bullying(const struct pw_signal *s)
{
	return s->systematisch && strcmp(s->systematisch, "ja") == 0;
}

enum pw_status pw_signal_validate(const struct pw_protocol *p, const struct pw_signal *s, pw_day today,
				  struct pw_err *err)
{
	pw_day d;
	if (s->occurred_on == NULL || pw_day_parse(s->occurred_on, &d) != 0)
		return pw_err_field(err, PW_EINVAL, "occurred_on",
				    "Vul in wanneer het gebeurde, als datum (JJJJ-MM-DD).");
	if (d > today)
		return pw_err_field(err, PW_EINVAL, "occurred_on", "De datum ligt in de toekomst. Vul de dag in waarop het gebeurde.");
	if (today - d > 3 * 366)
		return pw_err_field(err, PW_EINVAL, "occurred_on", "De datum ligt meer dan drie jaar terug. Klopt het jaar?");
	if (s->systematisch == NULL || (strcmp(s->systematisch, "ja") != 0 && strcmp(s->systematisch, "nee") != 0 &&
					strcmp(s->systematisch, "onbekend") != 0))
		return pw_err_field(err, PW_EINVAL, "systematisch",
				    "Geef aan of het systematisch gebeurt: ja, nee of onbekend. Pesten is systematisch en "
				    "herhaald; plagen is een spel dat niemand als bedreigend ervaart.");
	if (text_ok(s->location, 200, "location", "De plaats", err) || text_ok(s->description, 10000, "description", "De beschrijving", err) ||
	    text_ok(s->platform_other, 100, "platforms", "Het platform", err))
		return PW_EINVAL;
	for (size_t i = 0; i < s->n_vormen; i++) {
		if (pw_protocol_form(p, s->vormen[i]) == NULL)
			return pw_err_field(err, PW_EINVAL, "vormen", "\"%s\" is geen vorm van pesten in het protocol.", s->vormen[i]);
		if (in_list(s->vormen, i, s->vormen[i]))
			return pw_err_field(err, PW_EINVAL, "vormen", "De vorm \"%s\" staat er twee keer in.", s->vormen[i]);
	}
	for (size_t i = 0; i < s->n_flags; i++) {
		const struct pw_flag_value *fv = &s->flags[i];
		const struct pw_flag *f = pw_protocol_flag(p, fv->key);
		if (f == NULL)
			return pw_err_field(err, PW_EINVAL, "flags", "\"%s\" is geen kenmerk van een melding in het protocol.", fv->key);
		if (f->choice && (fv->choice == NULL || pw_flag_choice(f, fv->choice) == NULL))
			return pw_err_field(err, PW_EINVAL, fv->key, "\"%s\" is geen keuze bij %s in het protocol.",
					    fv->choice ? fv->choice : "", f->titel);
		if (!f->choice && fv->choice)
			return pw_err_field(err, PW_EINVAL, fv->key, "%s is ja of nee.", f->titel);
	}
	for (size_t i = 0; i < s->n_cyber; i++)
		if (pw_protocol_cyber_kind(p, s->cyber[i]) == NULL)
			return pw_err_field(err, PW_EINVAL, "cyber", "\"%s\" is geen soort cyberpesten in het protocol.", s->cyber[i]);
	for (size_t i = 0; i < s->n_platforms; i++)
		if (pw_protocol_platform(p, s->platforms[i]) == NULL)
			return pw_err_field(err, PW_EINVAL, "cyber", "\"%s\" is geen platform in het protocol.", s->platforms[i]);
	if (s->n_platforms && s->n_cyber == 0)
		return pw_err_field(err, PW_EINVAL, "cyber", "Kies ook de soort cyberpesten bij de platforms.");
	for (size_t i = 0; i < s->n_signalen; i++)
		if (pw_protocol_signal_item(p, s->signalen[i]) == NULL)
			return pw_err_field(err, PW_EINVAL, "signalen", "\"%s\" staat op geen van de signalenlijsten.", s->signalen[i]);
	if (s->n_persons == 0)
		return pw_err_field(err, PW_EINVAL, "betrokkenen",
				    "Noem wie erbij betrokken zijn: minstens de leerling die gepest wordt.");
	if (s->n_persons > 50)
		return pw_err_field(err, PW_EINVAL, "betrokkenen", "Hoogstens 50 betrokkenen per melding.");
	bool target = false;
	for (size_t i = 0; i < s->n_persons; i++) {
		const struct pw_person *pp = &s->persons[i];
		if (pp->rol == NULL || pw_protocol_sitrole(p, pp->rol) == NULL)
			return pw_err_field(err, PW_EINVAL, "betrokkenen", "\"%s\" is geen rol in een pestsituatie in het protocol.",
					    pp->rol ? pp->rol : "");
		if (pp->student_id <= 0 && (pp->extern_desc == NULL || pp->extern_desc[0] == '\0'))
			return pw_err_field(err, PW_EINVAL, "betrokkenen",
					    "Kies bij elke betrokkene een leerling, of beschrijf wie het is (bijvoorbeeld: onbekende afzender).");
		if (text_ok(pp->extern_desc, 200, "betrokkenen", "De beschrijving van een betrokkene", err))
			return PW_EINVAL;
		for (size_t k = 0; k < i; k++)
			if (pp->student_id > 0 && s->persons[k].student_id == pp->student_id)
				return pw_err_field(err, PW_EINVAL, "betrokkenen", "Een leerling staat er twee keer in; kies één rol.");
		if (p->rules.n_join > 0 && strcmp(pp->rol, p->rules.join[0]->key) == 0)
			target = true;
	}
	if (!target)
		return pw_err_field(err, PW_EINVAL, "betrokkenen", "Noem wie er gepest wordt (rol %s).",
				    p->rules.n_join > 0 ? p->rules.join[0]->key : "gepeste");
	return PW_OK;
}

/* Whether a case has a student in role rol who the signal names. */
static bool names_in_role(const struct pw_signal *s, const struct pw_case *c, const char *rol)
{
	for (size_t i = 0; i < c->n_persons; i++) {
		if (c->persons[i].student_id == 0 || strcmp(c->persons[i].rol, rol) != 0)
			continue;
		for (size_t k = 0; k < s->n_persons; k++)
			if (s->persons[k].student_id == c->persons[i].student_id)
				return true;
	}
	return false;
}

bool pw_signal_joins(const struct pw_protocol *p, const struct pw_signal *s, const struct pw_case *c)
{
	if (p->rules.n_join == 0)
		return false;
	for (size_t r = 0; r < p->rules.n_join; r++)
		if (!names_in_role(s, c, p->rules.join[r]->key))
			return false;
	return true;
}

/* The case has acted: agreements were made, or one was evaluated as a recurrence. */
static bool acted(const struct pw_case *c)
{
	return pw_case_agreements_made(c) > 0;
}

static const struct pw_level *higher(const struct pw_level *a, const struct pw_level *b)
{
	if (a == NULL)
		return b;
	if (b == NULL)
		return a;
	return b->index > a->index ? b : a;
}

/* Whether the students in the crossing roles are not all in one class. */
static bool crosses(const struct pw_protocol *p, const struct pw_signal *s)
{
	int64_t cls = 0;
	for (size_t i = 0; i < s->n_persons; i++) {
		const struct pw_person *pp = &s->persons[i];
		bool counts = false;
		for (size_t r = 0; r < p->rules.n_crossing; r++)
			counts |= strcmp(pp->rol, p->rules.crossing[r]->key) == 0;
		if (!counts || pp->student_id == 0)
			continue;
		if (cls == 0)
			cls = pp->class_id;
		else if (pp->class_id != cls)
			return true;
	}
	return false;
}

void pw_signal_route(const struct pw_protocol *p, const struct pw_signal *s, const struct pw_case_ref *cases,
		     size_t n, int this_year, struct pw_signal_dest *out)
{
	memset(out, 0, sizeof *out);
	bool bullying = pw_signal_is_bullying(s);
	for (size_t i = 0; i < n; i++) {
		const struct pw_case *c = cases[i].c;
		if (!pw_signal_joins(p, s, c))
			continue;
		if (!c->closed) {
			out->target = c;
			if (!bullying) {
				out->kind = PW_ROUTE_SUSPICION_INFO;
				return;
			}
			out->kind = PW_ROUTE_JOIN;
			const struct pw_level *now = pw_case_level(c);
			if (p->rules.recur_after_agreements && acted(c)) {
				out->recurrence = true;
				if (p->rules.recur_to && (now == NULL || p->rules.recur_to->index > now->index)) {
					out->level = p->rules.recur_to;
					out->reason = N_("Herhaling na de gemaakte afspraken.");
				}
			}
			if (s->naar_clz && p->rules.direct_at && (now == NULL || p->rules.direct_at->index > now->index) &&
			    higher(out->level, p->rules.direct_at) == p->rules.direct_at) {
				out->level = p->rules.direct_at;
				out->reason = N_("De melder stuurde de melding direct door.");
			}
			return;
		}
		if (!bullying)
			continue; /* shown on a closed case, never reopening it */
		if (cases[i].closed_year && this_year - cases[i].closed_year < p->rules.reopen_years) {
			out->kind = PW_ROUTE_REOPEN;
			out->target = c;
			out->recurrence = true;
			out->level = p->rules.reopen_at ? p->rules.reopen_at : pw_case_level(c);
			out->reason = N_("Opnieuw gepest na het sluiten van de casus.");
			return;
		}
		if (out->linked == NULL)
			out->linked = c;
	}
	if (!bullying) {
		out->kind = PW_ROUTE_SUSPICION;
		return;
	}
	out->kind = PW_ROUTE_NEW;
	out->level = p->rules.start;
	out->reason = NULL;
	if (p->rules.crossing_at && crosses(p, s)) {
		out->level = higher(out->level, p->rules.crossing_at);
		out->reason = N_("De gepesten en pesters zitten niet in één klas.");
	}
	if (s->naar_clz && p->rules.direct_at && higher(out->level, p->rules.direct_at) == p->rules.direct_at &&
	    out->level != p->rules.direct_at) {
		out->level = p->rules.direct_at;
		out->reason = N_("De melder stuurde de melding direct door.");
	}
}

static bool role_plays(const struct pw_role *r, const char *functie)
{
	return pw_role_has_functie(r, functie);
}

int64_t pw_case_owner_for(const struct pw_protocol *p, const struct pw_level *l, const struct pw_person *persons,
			  size_t n, const struct pw_staff *staff, size_t nstaff)
{
	(void)p;
	const struct pw_person *of = NULL;
	for (size_t i = 0; i < n && of == NULL; i++)
		if (persons[i].student_id && l->owner_of && strcmp(persons[i].rol, l->owner_of->key) == 0)
			of = &persons[i];
	if (l->owner_scope == PW_OWNER_CLASS) {
		/* The first mentor of the class (both see the case). */
		if (of && of->mentor[0])
			return of->mentor[0];
		return of && of->mentor[1] ? of->mentor[1] : 0;
	}
	int64_t dept = 0, school = 0, any = 0;
	for (size_t i = 0; i < nstaff; i++) {
		const struct pw_staff *st = &staff[i];
		if (!role_plays(l->owner, st->functie))
			continue;
		if (any == 0 || st->user_id < any)
			any = st->user_id;
		if (st->department[0] == '\0' && (school == 0 || st->user_id < school))
			school = st->user_id;
		if (l->owner_scope == PW_OWNER_DEPARTMENT && of && of->department && of->department[0] &&
		    strcmp(st->department, of->department) == 0 && (dept == 0 || st->user_id < dept))
			dept = st->user_id;
	}
	if (dept)
		return dept;
	return school ? school : any;
}

bool pw_signal_advises(const struct pw_protocol *p, const struct pw_signal *s)
{
	for (size_t i = 0; i < p->rules.n_advice_forms; i++)
		if (in_list(s->vormen, s->n_vormen, p->rules.advice_forms[i]->key))
			return true;
	for (size_t i = 0; i < p->rules.n_advice_flags; i++)
		for (size_t k = 0; k < s->n_flags; k++)
			if (strcmp(p->rules.advice_flags[i]->key, s->flags[k].key) == 0)
				return true;
	return false;
}
