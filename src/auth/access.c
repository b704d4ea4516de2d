/* The one access function: every decision about who may do what goes
 * through pw_access, for pages, API and exports alike (PROTOCOL.md section 6).
 * Later issues add the case actions here, not in handlers. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"

enum pw_status pw_access(const struct pw_actor *a, enum pw_action act, int64_t school_id, struct pw_err *err)
{
	switch (act) {
	case PW_ACT_ADMIN:
		if (pw_actor_has(a, "beheerder", school_id))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "Alleen een beheerder mag dit (accounts, klassen, schooljaren en imports beheren).");
	case PW_ACT_STUDENT_FIND:
	case PW_ACT_SIGNAL_FILE:
		/* Every staff member may find any student of their school(s) to file a
		 * signal; a beheerder by that role alone is not a staff member in a case. */
		for (size_t i = 0; i < a->nfuncties; i++)
			if ((school_id <= 0 || a->functies[i].school_id == school_id) &&
			    strcmp(a->functies[i].functie, "beheerder") != 0)
				return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "Alleen medewerkers van de school (docent, mentor, CLZ, ...) mogen leerlingen zoeken en melden.");
	}
	return pw_err_set(err, PW_EFORBID, "not allowed");
}

/* ---- cases ---- */

#include "protocol/protocol.h"

static bool in(const int64_t *v, size_t n, int64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/* The protocol's access of one of the actor's functies at the case's school. */
static const struct pw_functie *functie_at(const struct pw_protocol *p, const struct pw_user_functie *uf)
{
	return pw_protocol_functie(p, uf->functie);
}

static enum pw_case_view view_by(const struct pw_actor *a, const struct pw_user_functie *uf,
				 const struct pw_functie *f, const struct pw_case_facts *c)
{
	switch (f->access.read) {
	case PW_READ_NONE: return PW_VIEW_NONE;
	case PW_READ_OWN_SIGNALS: return in(c->reporters, c->n_reporters, a->user_id) ? PW_VIEW_REDUCED : PW_VIEW_NONE;
	case PW_READ_CLASSES:
		return in(c->mentors, c->n_mentors, a->user_id) || c->owner_id == a->user_id ? PW_VIEW_FULL : PW_VIEW_NONE;
	case PW_READ_DEPARTMENT:
		return uf->department[0] == '\0' || (c->department && strcmp(uf->department, c->department) == 0) ||
				       c->owner_id == a->user_id
			       ? PW_VIEW_FULL
			       : PW_VIEW_NONE;
	case PW_READ_SCHOOL: return PW_VIEW_FULL;
	case PW_READ_CONSULTED: return in(c->consulted, c->n_consulted, a->user_id) ? PW_VIEW_FULL : PW_VIEW_NONE;
	case PW_READ_REFERRED: return in(c->referred, c->n_referred, a->user_id) ? PW_VIEW_REFERRAL : PW_VIEW_NONE;
	}
	return PW_VIEW_NONE;
}

enum pw_case_view pw_case_view(const struct pw_actor *a, const struct pw_protocol *p, const struct pw_case_facts *c)
{
	/* A staff member who is a parent of a student in the case is kept out of it. */
	if (p->access.parent_excluded && in(c->parents, c->n_parents, a->user_id))
		return PW_VIEW_NONE;
	enum pw_case_view best = PW_VIEW_NONE;
	for (size_t i = 0; i < a->nfuncties; i++) {
		if (a->functies[i].school_id != c->school_id)
			continue;
		const struct pw_functie *f = functie_at(p, &a->functies[i]);
		if (f == NULL)
			continue;
		enum pw_case_view v = view_by(a, &a->functies[i], f, c);
		if (v > best)
			best = v;
	}
	return best;
}

/* Whether some functie of the actor here has act scope `scope` and reads the case. */
static bool acts(const struct pw_actor *a, const struct pw_protocol *p, const struct pw_case_facts *c,
		 enum pw_act_scope scope)
{
	for (size_t i = 0; i < a->nfuncties; i++) {
		if (a->functies[i].school_id != c->school_id)
			continue;
		const struct pw_functie *f = functie_at(p, &a->functies[i]);
		if (f && f->access.act == scope && view_by(a, &a->functies[i], f, c) != PW_VIEW_NONE)
			return true;
	}
	return false;
}

static bool plays(const struct pw_actor *a, int64_t school, const struct pw_role *r)
{
	for (size_t i = 0; i < a->nfuncties; i++)
		if (a->functies[i].school_id == school && pw_role_has_functie(r, a->functies[i].functie))
			return true;
	return false;
}

/* Works on the case as the protocol's handler: the owner and the class's
 * mentors on a case at a level their role owns, the CLZ on what it reads,
 * management on every case. */
static bool works(const struct pw_actor *a, const struct pw_protocol *p, const struct pw_case_facts *c)
{
	if (acts(a, p, c, PW_ACT_ALL) || acts(a, p, c, PW_ACT_READABLE))
		return true;
	if (c->owner_id == a->user_id)
		return true;
	const struct pw_level *l = c->level ? pw_protocol_level(p, c->level) : NULL;
	return acts(a, p, c, PW_ACT_OWNER_CLASS) && in(c->mentors, c->n_mentors, a->user_id) && l &&
	       plays(a, c->school_id, l->owner);
}

static bool in_roles(const struct pw_actor *a, int64_t school, const struct pw_role *const *roles, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (plays(a, school, roles[i]))
			return true;
	return false;
}

/* Whether the actor may propose or apply some rung on the case. */
static bool sanctions_any(const struct pw_actor *a, const struct pw_protocol *p, const struct pw_case_facts *c)
{
	if (p->rules.deviation_by && plays(a, c->school_id, p->rules.deviation_by))
		return true;
	for (size_t i = 0; i < p->sanctions.n_rungs; i++) {
		const struct pw_rung *g = &p->sanctions.rungs[i];
		if (in_roles(a, c->school_id, (const struct pw_role *const *)g->by, g->n_by) ||
		    (g->owner_after_consult && c->owner_id == a->user_id))
			return true;
	}
	return false;
}

enum pw_status pw_access_case(const struct pw_actor *a, const struct pw_protocol *p, const struct pw_case_facts *c,
			      enum pw_case_act act, const struct pw_step *step, struct pw_err *err)
{
	enum pw_case_view v = pw_case_view(a, p, c);
	if (v == PW_VIEW_NONE)
		return pw_err_set(err, PW_ENOTFOUND, "Deze casus bestaat niet (case not found).");
	switch (act) {
	case PW_CASE_READ:
		return PW_OK;
	case PW_CASE_NOTE:
		if (works(a, p, c) || acts(a, p, c, PW_ACT_SIGNALS_NOTES) || acts(a, p, c, PW_ACT_ADVICE) ||
		    acts(a, p, c, PW_ACT_OWN_ENTRIES))
			return PW_OK;
		break;
	case PW_CASE_SIGNAL:
		if (works(a, p, c) || acts(a, p, c, PW_ACT_SIGNALS_NOTES))
			return PW_OK;
		break;
	case PW_CASE_WORK:
	case PW_CASE_ESCALATE:
		if (works(a, p, c))
			return PW_OK;
		break;
	case PW_CASE_STEP:
		if (!works(a, p, c))
			break;
		/* Who completes a step is the step's `wie`; the CLZ and management act on every case they may. */
		if (step == NULL || acts(a, p, c, PW_ACT_ALL) || acts(a, p, c, PW_ACT_READABLE) ||
		    (step->owner_may && c->owner_id == a->user_id) ||
		    in_roles(a, c->school_id, (const struct pw_role *const *)step->who, step->n_who))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID, "Deze stap is voor %s (this step is for another role).",
				  step->n_who ? step->who[0]->titel : "de eigenaar");
	case PW_CASE_SKIP:
		if (works(a, p, c) && ((p->rules.skip_owner && c->owner_id == a->user_id) ||
				       in_roles(a, c->school_id, (const struct pw_role *const *)p->rules.skip_by, p->rules.n_skip_by)))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID, "Een stap overslaan mag de eigenaar van de casus, de CLZ of het MT.");
	case PW_CASE_CLOSE:
		if ((p->rules.close_owner && c->owner_id == a->user_id) ||
		    in_roles(a, c->school_id, (const struct pw_role *const *)p->rules.close_by, p->rules.n_close_by))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID, "Sluiten mag de eigenaar van de casus, de CLZ of het MT.");
	case PW_CASE_OWNER:
		if (in_roles(a, c->school_id, (const struct pw_role *const *)p->rules.reassign_by, p->rules.n_reassign_by))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID, "Een andere eigenaar kiezen mag de CLZ.");
	case PW_CASE_SANCTION:
		/* Any rung's `door`, an owner a rung allows after consulting, or the
		 * deviation role; which rung exactly is pw_access_rung's question. */
		if (v == PW_VIEW_FULL && sanctions_any(a, p, c))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "Sancties stelt de rol voor die het protocol daarvoor noemt (bij de meeste scholen de CLZ). "
				  "(Sanctions are proposed by the role the protocol names.)");
	case PW_CASE_DECIDE:
		for (size_t i = 0; v == PW_VIEW_FULL && i < p->sanctions.n_rungs; i++)
			if (p->sanctions.rungs[i].decides && plays(a, c->school_id, p->sanctions.rungs[i].decides))
				return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "Over sancties beslist de rol die het protocol daarvoor noemt. (Sanctions are decided by the "
				  "role the protocol names.)");
	case PW_CASE_DEVIATE:
		if (v == PW_VIEW_FULL && p->rules.deviation_by && plays(a, c->school_id, p->rules.deviation_by))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "Afwijken van het protocol mag alleen %s. (Only %s may deviate from the protocol.)",
				  p->rules.deviation_by ? p->rules.deviation_by->titel : "niemand",
				  p->rules.deviation_by ? p->rules.deviation_by->key : "no one");
	}
	return pw_err_set(err, PW_EFORBID,
			  v == PW_VIEW_REDUCED ? "Je ziet deze casus beperkt: je kunt er meldingen en notities aan toevoegen."
					       : "Dit mag de eigenaar van de casus (of de CLZ, of het MT).");
}

bool pw_reads_school(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id)
{
	for (size_t i = 0; i < a->nfuncties; i++) {
		if (a->functies[i].school_id != school_id)
			continue;
		const struct pw_functie *f = functie_at(p, &a->functies[i]);
		if (f && (f->access.read == PW_READ_SCHOOL || f->access.read == PW_READ_DEPARTMENT))
			return true;
	}
	return false;
}

bool pw_works_cases(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id)
{
	for (size_t i = 0; i < a->nfuncties; i++) {
		if (a->functies[i].school_id != school_id)
			continue;
		const struct pw_functie *f = functie_at(p, &a->functies[i]);
		if (f && f->access.act != PW_ACT_NONE && f->access.act != PW_ACT_SIGNALS_NOTES)
			return true;
	}
	return false;
}

int pw_actor_has_role(const struct pw_actor *a, int64_t school_id, const struct pw_role *r)
{
	return plays(a, school_id, r);
}

/* Whether a functie of the actor at the school has a yes/no access switch. */
static bool has_switch(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id, size_t offset)
{
	for (size_t i = 0; i < a->nfuncties; i++) {
		if (a->functies[i].school_id != school_id)
			continue;
		const struct pw_functie *f = functie_at(p, &a->functies[i]);
		if (f && *(const bool *)((const char *)&f->access + offset))
			return true;
	}
	return false;
}

bool pw_reads_audit(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id)
{
	return has_switch(a, p, school_id, offsetof(struct pw_access, audit));
}

bool pw_manages_account(int64_t school_id, const struct pw_user_functie *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].school_id == school_id)
			return true;
	return false;
}

bool pw_keeps_confidential(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id)
{
	return has_switch(a, p, school_id, offsetof(struct pw_access, confidential));
}

bool pw_reads_figures(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id)
{
	return has_switch(a, p, school_id, offsetof(struct pw_access, figures));
}

enum pw_status pw_access_rung(const struct pw_actor *a, const struct pw_protocol *p, const struct pw_case_facts *c,
			      const struct pw_rung *g, bool decide, bool deviation, struct pw_err *err)
{
	if (pw_access_case(a, p, c, decide ? PW_CASE_DECIDE : PW_CASE_SANCTION, NULL, err) != PW_OK)
		return err->code;
	if (decide) {
		if (g->decides && plays(a, c->school_id, g->decides))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID, "Over %s beslist %s. (Only %s decides on %s.)", g->key,
				  g->decides ? g->decides->titel : "niemand: die geldt meteen",
				  g->decides ? g->decides->key : "no one", g->key);
	}
	if (in_roles(a, c->school_id, (const struct pw_role *const *)g->by, g->n_by) ||
	    (g->owner_after_consult && c->owner_id == a->user_id) ||
	    (deviation && p->rules.deviation_by && plays(a, c->school_id, p->rules.deviation_by)))
		return PW_OK;
	/* The roles that may, in words: "CLZ" or "Leerkracht, IB, Directie". */
	char who[256] = "", who_en[256] = "";
	size_t nl = 0, ne = 0;
	for (size_t i = 0; i < g->n_by; i++) {
		int w = snprintf(who + nl, sizeof who - nl, "%s%s", i ? ", " : "", g->by[i]->titel);
		nl += w > 0 && (size_t)w < sizeof who - nl ? (size_t)w : 0;
		w = snprintf(who_en + ne, sizeof who_en - ne, "%s%s", i ? ", " : "", g->by[i]->key);
		ne += w > 0 && (size_t)w < sizeof who_en - ne ? (size_t)w : 0;
	}
	return pw_err_set(err, PW_EFORBID, "%s wordt voorgesteld of toegepast door: %s%s. (%s is proposed or applied by: %s%s.)",
			  g->key, who, g->owner_after_consult ? "; of door de eigenaar van de casus, na overleg" : "", g->key,
			  who_en, g->owner_after_consult ? "; or by the case's owner, after consulting them" : "");
}

/* ---- reports by students and parents ---- */

bool pw_functie_reads_reports(const struct pw_protocol *p, const char *functie)
{
	const struct pw_functie *f = pw_protocol_functie(p, functie);
	return f && f->access.reports;
}

bool pw_functie_takes_reports(const struct pw_protocol *p, const char *functie)
{
	const struct pw_functie *f = pw_protocol_functie(p, functie);
	return f && f->access.reports && (f->access.read == PW_READ_SCHOOL || f->access.read == PW_READ_DEPARTMENT);
}

/* The titles of the functies that satisfy pred, for a refusal that says who may. */
static const char *report_roles(const struct pw_protocol *p, bool (*pred)(const struct pw_protocol *, const char *),
				char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < p->n_functies; i++) {
		if (!pred(p, p->functies[i].key))
			continue;
		int w = snprintf(out + len, n - len, "%s%s", len ? ", " : "", p->functies[i].titel);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return len ? out : "niemand";
}

static bool report_passes(const struct pw_protocol *p, const char *functie)
{
	return pw_functie_reads_reports(p, functie) && !pw_functie_takes_reports(p, functie);
}

enum pw_status pw_access_report(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id,
				enum pw_report_act act, struct pw_err *err)
{
	if (act == PW_REPORT_ENTER)
		return pw_access(a, PW_ACT_SIGNAL_FILE, school_id, err);
	bool (*pred)(const struct pw_protocol *, const char *) =
		act == PW_REPORT_CASE ? pw_functie_takes_reports : act == PW_REPORT_PASS ? report_passes : pw_functie_reads_reports;
	for (size_t i = 0; i < a->nfuncties; i++)
		if (a->functies[i].school_id == school_id && pred(p, a->functies[i].functie))
			return PW_OK;
	char buf[256];
	const char *who = report_roles(p, pred, buf, sizeof buf);
	switch (act) {
	case PW_REPORT_CASE:
		return pw_err_set(err, PW_EFORBID, "Een casus maken van een melding, of haar aan een casus koppelen, mag: %s.", who);
	case PW_REPORT_PASS:
		return pw_err_set(err, PW_EFORBID, "Een melding doorgeven mag: %s (wie zelf een casus kan openen, doet dat).", who);
	default:
		return pw_err_set(err, PW_EFORBID,
				  "Meldingen van leerlingen en ouders lezen en beantwoorden: %s. (Reports are read by the "
				  "functies with access to reports.)",
				  who);
	}
}

/* ---- the prevention calendar ---- */

bool pw_functie_confirms_protocol(const char *functie)
{
	/* The same line as for filing signals: the beheerder by that role alone
	 * runs the application and takes no part in the protocol. */
	return strcmp(functie, "beheerder") != 0;
}

enum pw_status pw_access_prevention(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id,
				    const int64_t mentors[2], enum pw_prev_act act, struct pw_err *err)
{
	bool mentor = mentors && ((mentors[0] && mentors[0] == a->user_id) || (mentors[1] && mentors[1] == a->user_id));
	bool figures = p && pw_reads_figures(a, p, school_id);
	switch (act) {
	case PW_PREV_READ:
		if (mentor || figures)
			return PW_OK;
		break;
	case PW_PREV_RECORD:
		if (mentor)
			return PW_OK;
		if (figures)
			return pw_err_set(err, PW_EFORBID,
					  "Alleen een mentor van de klas legt de preventieactiviteiten van de klas vast. "
					  "(Only the class's mentor records its prevention activities.)");
		break;
	case PW_PREV_OVERVIEW:
		if (figures)
			return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "Het overzicht van de preventie lezen de functies die het protocol daarvoor noemt "
				  "(bij Lekpoort de anti-pestcoördinator en het MT). (The overview is for the functies with "
				  "`cijfers`.)");
	case PW_PREV_CONFIRM:
		for (size_t i = 0; i < a->nfuncties; i++)
			if (a->functies[i].school_id == school_id && pw_functie_confirms_protocol(a->functies[i].functie))
				return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "Alleen medewerkers van de school bevestigen dat zij het protocol kennen. "
				  "(Only the school's staff confirm the protocol.)");
	}
	/* A class one may not see answers as if it did not exist, like a case. */
	return pw_err_set(err, PW_ENOTFOUND, "Deze klas is er niet, of niet voor jou. (No such class of yours.)");
}

/* ---- the yearly surveys ---- */

/* The apc: the functie that owns the policy and its evaluation. In a
 * definition that is the one with `cijfers` that also reads the reports of
 * students and parents without taking them on to cases (Lekpoort's apc,
 * the basisschool's coördinator sociale veiligheid): the school's legal point
 * of contact, not management and not the CLZ. Found by access, not by name,
 * so another definition's titles need no code. */
static bool survey_owner(const struct pw_protocol *p, const char *functie)
{
	const struct pw_functie *f = pw_protocol_functie(p, functie);
	return f && f->access.figures && report_passes(p, functie);
}

enum pw_status pw_access_survey(const struct pw_actor *a, const struct pw_protocol *p, int64_t school_id,
				enum pw_survey_act act, struct pw_err *err)
{
	if (act == PW_SURVEY_READ) {
		if (p && pw_reads_figures(a, p, school_id))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "De enquêtes en hun uitkomsten lezen de functies die het protocol de cijfers geeft "
				  "(bij Lekpoort de anti-pestcoördinator en het MT). (Surveys are for the functies with `cijfers`.)");
	}
	for (size_t i = 0; p && i < a->nfuncties; i++)
		if (a->functies[i].school_id == school_id && survey_owner(p, a->functies[i].functie))
			return PW_OK;
	if (act == PW_SURVEY_FREETEXT)
		return pw_err_set(err, PW_EFORBID,
				  "Open antwoorden leest alleen de anti-pestcoördinator: ze kunnen iemand herkenbaar maken. "
				  "(Free-text answers are read by the anti-bullying coordinator only.)");
	return pw_err_set(err, PW_EFORBID,
			  "Enquêtes maken, openen en codes maken doet de anti-pestcoördinator. "
			  "(Surveys are run by the anti-bullying coordinator.)");
}
