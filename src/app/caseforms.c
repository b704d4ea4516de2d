/* The actions on a case (caseforms.h): moved here from the API's handlers
 * so that the pages do exactly what the API does. */
#include "app/caseforms.h"
#include "app/evidence.h"

#include <string.h>

#include "store/people.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"

const char *const pw_cf_channels[4] = {N_("mail"), N_("telefoon"), N_("gesprek"), N_("brief")};

static json_t *day_json(pw_day d)
{
	char s[11];
	if (d == 0)
		return json_null();
	pw_day_format(d, s);
	return json_string(s);
}

static void one(struct pw_arena *a, struct pw_case_change *ch, enum pw_case_act act, size_t cap)
{
	memset(ch, 0, sizeof *ch);
	ch->items = pw_calloc(a, cap, sizeof *ch->items);
	ch->act = act;
	ch->created = 1;
}

static void push(struct pw_case_change *ch, enum pw_event_kind k, json_t *data, int64_t notice_user, const char *notice)
{
	ch->items[ch->n++] = (struct pw_change_item){k, data, notice_user, notice};
}

enum pw_status pw_case_change_write(struct pw_store *s, const struct pw_actor *actor, struct pw_loaded_case *lc,
				    struct pw_case_change *ch, struct pw_err *err)
{
	return pw_case_record(s, actor, lc, ch->act, ch->step, ch->items, ch->n, NULL, err);
}

enum pw_status pw_cf_open_only(const struct pw_loaded_case *lc, struct pw_err *err)
{
	if (!lc->c.closed)
		return PW_OK;
	return pw_err_set(err, PW_EPROTOCOL,
			  "Deze casus is gesloten. Een nieuwe melding over dezelfde leerlingen heropent hem als het protocol "
			  "dat zegt. (The case is closed.)");
}

const struct pw_person *pw_case_person(const struct pw_case *c, int64_t student)
{
	for (size_t i = 0; student > 0 && i < c->n_persons; i++)
		if (c->persons[i].student_id == student)
			return &c->persons[i];
	return NULL;
}

bool pw_kind_fits(const struct pw_kind *k, const struct pw_person *pp)
{
	for (size_t i = 0; i < k->n_with; i++)
		if (strcmp(k->with[i]->key, pp->rol) == 0)
			return true;
	return false;
}

enum pw_status pw_cf_step(struct pw_arena *a, struct pw_loaded_case *lc, const char *key, bool skip, const char *note,
			  struct pw_case_change *ch, struct pw_err *err)
{
	if (skip && note == NULL)
		return pw_err_field(err, PW_EINVAL, "note", "Een stap overslaan kan alleen met een reden (note).");
	struct pw_step_view *sv;
	size_t ns = pw_case_steps(a, &lc->c, &lc->cal, lc->today, &sv);
	const struct pw_step_view *v = NULL;
	for (size_t i = 0; key && i < ns; i++)
		if (strcmp(sv[i].key, key) == 0)
			v = &sv[i];
	if (v == NULL)
		return pw_err_set(err, PW_ENOTFOUND, "Deze casus heeft deze stap niet (no such step on this case).");
	if (v->status == PW_STEP_DONE || v->status == PW_STEP_SKIPPED)
		return pw_err_set(err, PW_EPROTOCOL, "Deze stap is al afgerond of overgeslagen. (This step is already settled.)");
	if (!skip && v->status == PW_STEP_BLOCKED)
		return pw_err_set(err, PW_EPROTOCOL, "Het protocol vraagt eerst iets anders. %s (%s)", v->why_blocked,
				  v->why_blocked_en);
	one(a, ch, skip ? PW_CASE_SKIP : PW_CASE_STEP, 1);
	ch->step = v->step;
	ch->created = 0;
	push(ch, PW_EV_STEP, json_pack("{s:s, s:s, s:s?}", "key", v->key, "status", skip ? "skipped" : "done", "text", note), 0,
	     NULL);
	return PW_OK;
}

enum pw_status pw_cf_note(struct pw_arena *a, const char *text, struct pw_case_change *ch, struct pw_err *err)
{
	if (text == NULL)
		return pw_err_field(err, PW_EINVAL, "text", "Vul text in.");
	one(a, ch, PW_CASE_NOTE, 1);
	push(ch, PW_EV_NOTE, json_pack("{s:s}", "text", text), 0, NULL);
	return PW_OK;
}

enum pw_status pw_cf_conversation(struct pw_arena *a, struct pw_loaded_case *lc, const char *kind,
				  const int64_t *students, size_t n, json_t *answers, const struct pw_cf_agreement *ag,
				  size_t nag, struct pw_case_change *ch, struct pw_err *err)
{
	const struct pw_kind *k = kind ? pw_protocol_kind(lc->p, kind) : NULL;
	if (k == NULL)
		return pw_err_field(err, PW_EINVAL, "kind", "Dit soort gesprek kent het protocol niet.");
	for (size_t i = 0; i < n; i++) {
		const struct pw_person *pp = pw_case_person(&lc->c, students[i]);
		if (pp == NULL || (!k->whole_class && !pw_kind_fits(k, pp)))
			return pw_err_field(err, PW_EINVAL, "students", "%s",
					    pp ? pw_printf(a, "Een %s heeft geen rol die bij dit gesprek hoort.", pp->rol)
					       : "Elke leerling van het gesprek moet in de casus staan.");
	}
	if (n == 0 && !k->whole_class)
		return pw_err_field(err, PW_EINVAL, "students", "Kies met welke leerling(en) het gesprek was.");
	/* Answers belong to the guide's questions. */
	const char *qk;
	json_t *qv;
	json_object_foreach(answers, qk, qv)
	{
		bool known = false;
		for (size_t p = 0; k->guide && p < k->guide->n_parts && !known; p++)
			for (size_t q = 0; q < k->guide->parts[p].n_questions; q++)
				known |= strcmp(k->guide->parts[p].questions[q].key, qk) == 0;
		if (!known || !json_is_string(qv) || json_string_length(qv) > 5000 ||
		    !pw_utf8_valid_text(json_string_value(qv), json_string_length(qv)))
			return pw_err_field(err, PW_EINVAL, "answers",
					    "\"%s\" is geen vraag uit de gespreksleidraad (of het antwoord is te lang).", qk);
	}
	if (nag && !k->agreements)
		return pw_err_field(err, PW_EINVAL, "agreements", "In dit soort gesprek worden geen afspraken vastgelegd.");
	for (size_t i = 0; i < nag; i++)
		if (ag[i].due && ag[i].due < lc->today)
			return pw_err_field(err, PW_EINVAL, "agreements", "De evaluatiedatum van een afspraak ligt in het verleden.");
	one(a, ch, PW_CASE_WORK, nag + 1);
	json_t *st = json_array(), *an = json_object();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(st, json_integer(students[i]));
	json_object_foreach(answers, qk, qv) json_object_set(an, qk, qv);
	push(ch, PW_EV_CONVERSATION, json_pack("{s:s, s:o, s:o}", "key", k->key, "students", st, "answers", an), 0, NULL);
	for (size_t i = 0; i < nag; i++) {
		pw_day due = ag[i].due ? ag[i].due : pw_cal_add_school_days(&lc->cal, lc->today, lc->p->rules.agreement_days);
		push(ch, PW_EV_AGREEMENT, json_pack("{s:s, s:o, s:I}", "text", ag[i].text, "due", day_json(due), "ref", (json_int_t)-1),
		     0, NULL);
	}
	return PW_OK;
}

enum pw_status pw_cf_parent_contact(struct pw_arena *a, struct pw_loaded_case *lc, int64_t student, const char *channel,
				    const char *summary, pw_day on, struct pw_case_change *ch, struct pw_err *err)
{
	bool ok = false;
	for (size_t i = 0; channel && i < 4; i++)
		ok |= strcmp(channel, pw_cf_channels[i]) == 0;
	if (!ok)
		return pw_err_field(err, PW_EINVAL, "channel", "channel is mail, telefoon, gesprek of brief.");
	if (pw_case_person(&lc->c, student) == NULL)
		return pw_err_field(err, PW_EINVAL, "student", "Kies de leerling van de casus over wie de ouders zijn ingelicht.");
	if (on == 0)
		on = lc->today;
	if (on > lc->today)
		return pw_err_field(err, PW_EINVAL, "on", "Het contact kan niet in de toekomst liggen.");
	one(a, ch, PW_CASE_WORK, 1);
	push(ch, PW_EV_PARENT_CONTACT,
	     json_pack("{s:s, s:I, s:s?, s:o}", "key", channel, "student", (json_int_t)student, "text", summary, "on", day_json(on)),
	     0, NULL);
	return PW_OK;
}

/* Moves the case to level l: a level event, the new owner, and telling them. */
static void escalate_items(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, const struct pw_level *l,
			   const char *why, struct pw_case_change *ch)
{
	struct pw_err err;
	struct pw_staff *staff;
	size_t nstaff = 0;
	pw_store_school_staff(s, a, lc->row.school_id, &staff, &nstaff, &err);
	int64_t owner = pw_case_owner_for(lc->p, l, lc->c.persons, lc->c.n_persons, staff, nstaff);
	push(ch, PW_EV_LEVEL, json_pack("{s:s, s:s?}", "key", l->key, "text", why), 0, NULL);
	if (owner != lc->row.owner_id)
		push(ch, PW_EV_OWNER, json_pack("{s:I}", "user", (json_int_t)owner), 0, NULL);
	push(ch, PW_EV_NOTE, NULL, owner, "escalatie");
	lc->row.level = l->key;
	lc->row.owner_id = owner;
}

enum pw_status pw_cf_evaluation(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, int64_t aid,
				const char *result, const char *note, struct pw_case_change *ch, struct pw_err *err)
{
	const struct pw_eval_outcome *o = result ? pw_protocol_outcome(lc->p, result) : NULL;
	if (o == NULL)
		return pw_err_field(err, PW_EINVAL, "result",
				    "Deze uitkomst kent het protocol niet (gestopt, verminderd of doorgegaan).");
	struct pw_agreement_view *av;
	size_t na = pw_case_agreements(a, &lc->c, &av);
	const struct pw_agreement_view *ag = NULL;
	for (size_t i = 0; i < na; i++)
		if (av[i].id == aid)
			ag = &av[i];
	if (ag == NULL)
		return pw_err_set(err, PW_ENOTFOUND, "Deze casus heeft deze afspraak niet.");
	if (!ag->open)
		return pw_err_set(err, PW_EPROTOCOL, "Deze afspraak is al geëvalueerd als gestopt. (This agreement was already evaluated as stopped.)");
	one(a, ch, PW_CASE_WORK, 5);
	pw_day next = o->effect == PW_EVAL_AGAIN ? pw_cal_add_school_days(&lc->cal, lc->today, lc->p->rules.agreement_again_days) : 0;
	push(ch, PW_EV_EVALUATION,
	     json_pack("{s:I, s:s, s:s?, s:o}", "ref", (json_int_t)aid, "key", o->key, "text", note, "due", day_json(next)), 0,
	     NULL);
	/* Went on: a recurrence, which moves the case up as the protocol says. */
	const struct pw_level *now = pw_case_level(&lc->c), *to = lc->p->rules.recur_to;
	if (o->effect == PW_EVAL_RECURRED && to && now && to->index > now->index)
		escalate_items(s, a, lc, to, "Herhaling: de afspraak is niet nagekomen.", ch);
	else if (o->effect == PW_EVAL_RECURRED)
		push(ch, PW_EV_NOTE, NULL, lc->row.owner_id, "herhaling");
	return PW_OK;
}

/* The first account at the school whose functie plays role r (consults go to the school's apc). */
static int64_t holder_of(struct pw_store *s, struct pw_arena *a, int64_t school, const struct pw_role *role)
{
	struct pw_err err;
	struct pw_staff *staff;
	size_t n;
	if (pw_store_school_staff(s, a, school, &staff, &n, &err) != PW_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (pw_role_has_functie(role, staff[i].functie))
			return staff[i].user_id;
	return 0;
}

static bool user_plays(struct pw_store *s, struct pw_arena *a, int64_t user, int64_t school, const struct pw_role *role)
{
	struct pw_err err;
	struct pw_user_functie *f;
	size_t n;
	if (pw_store_user_functies(s, a, user, &f, &n, &err) != PW_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		if (f[i].school_id == school && pw_role_has_functie(role, f[i].functie))
			return true;
	return false;
}

enum pw_status pw_cf_escalation(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				struct pw_loaded_case *lc, const char *to, const char *reason, int64_t user,
				struct pw_case_change *ch, struct pw_err *err)
{
	const struct pw_escalation *e = to ? pw_protocol_escalation(lc->p, to) : NULL;
	if (e == NULL)
		return pw_err_field(err, PW_EINVAL, "to", "Naar deze rol kan het protocol niet opschalen.");
	if (e->reason_required && reason == NULL)
		return pw_err_field(err, PW_EINVAL, "reason", "Geef de reden (reason): die komt in de tijdlijn.");
	bool may = (e->owner_may && lc->row.owner_id == actor->user_id);
	for (size_t i = 0; i < e->n_by && !may; i++)
		may |= pw_actor_has_role(actor, lc->row.school_id, e->by[i]);
	if (!may && !(e->n_by == 0 && lc->row.owner_id == actor->user_id))
		return pw_err_set(err, PW_EFORBID, "Opschalen mag de eigenaar van de casus (of de CLZ).");
	one(a, ch, PW_CASE_ESCALATE, 5);
	if (e->kind == PW_ESC_LEVEL) {
		const struct pw_level *now = pw_case_level(&lc->c);
		if (now && e->level->index <= now->index)
			return pw_err_set(err, PW_EPROTOCOL, "De casus is al bij %s; opschalen kan alleen naar een hoger niveau. (The case is already at %s: escalate only to a higher level.)", now->titel,
					      now->title_en ? now->title_en : now->titel);
		escalate_items(s, a, lc, e->level, reason, ch);
		return PW_OK;
	}
	if (user && !user_plays(s, a, user, lc->row.school_id, e->role))
		return pw_err_field(err, PW_EINVAL, "user", "Deze collega is geen %s.", e->role->titel);
	if (user == 0)
		user = holder_of(s, a, lc->row.school_id, e->role);
	if (user == 0)
		return pw_err_set(err, PW_EPROTOCOL, "Deze school heeft geen %s in Pestwijzer; de beheerder kan die functie aan een account geven. (This school has no %s in Pestwijzer yet.)", e->role->titel,
				  e->role->title_en ? e->role->title_en : e->role->titel);
	push(ch, PW_EV_ESCALATION, json_pack("{s:s, s:s?, s:I}", "key", e->key, "text", reason, "user", (json_int_t)user), 0,
	     NULL);
	push(ch, PW_EV_NOTE, NULL, user, e->kind == PW_ESC_CONSULT ? "consult" : "ingeschakeld");
	return PW_OK;
}

enum pw_status pw_cf_owner(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, int64_t user,
			   const char *reason, struct pw_case_change *ch, struct pw_err *err)
{
	if (reason == NULL)
		return pw_err_field(err, PW_EINVAL, "reason", "Vul reason in.");
	const struct pw_level *l = pw_case_level(&lc->c);
	if (user <= 0 || l == NULL || !user_plays(s, a, user, lc->row.school_id, l->owner))
		return pw_err_field(err, PW_EINVAL, "user", "%s",
				    l ? pw_printf(a, "Kies een collega die %s is.", l->owner->titel) : "Kies een collega.");
	lc->row.owner_id = user;
	one(a, ch, PW_CASE_OWNER, 2);
	ch->created = 0;
	push(ch, PW_EV_OWNER, json_pack("{s:I, s:s}", "user", (json_int_t)user, "text", reason), 0, NULL);
	push(ch, PW_EV_NOTE, NULL, user, "eigenaar");
	return PW_OK;
}

enum pw_status pw_cf_close(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, const char *outcome,
			   const char *reason, pw_day follow, struct pw_case_change *ch, struct pw_err *err)
{
	if (outcome == NULL)
		return pw_err_field(err, PW_EINVAL, "outcome", "Vul outcome in.");
	struct pw_agreement_view *av;
	size_t na = pw_case_agreements(a, &lc->c, &av), open = 0;
	for (size_t i = 0; i < na; i++)
		open += av[i].open;
	if (open && reason == NULL)
		return pw_err_set(err, PW_EPROTOCOL,
				  "Er %s nog %zu afspraak%s niet geëvalueerd als gestopt. Sluit pas daarna, of geef de reden "
				  "(reason), bijvoorbeeld: de leerling is van school. (Agreements are still open: evaluate them "
				  "first, or give a reason.)",
				  open == 1 ? "is" : "zijn", open, open == 1 ? "" : "en");
	if (follow && follow <= lc->today)
		return pw_err_field(err, PW_EINVAL, "follow_up_on", "De datum om nog eens te kijken ligt na vandaag.");
	lc->row.status = "closed";
	lc->row.closed_at = pw_now();
	struct pw_schoolyear sy;
	struct pw_err e2;
	char d[11];
	int first = pw_schoolyear_of(lc->today);
	pw_day_format(lc->today, d);
	if (pw_store_schoolyear_at(s, a, lc->row.school_id, d, &sy, &e2) == PW_OK)
		pw_schoolyear_name_parse(sy.name, &first);
	lc->row.closed_year = first;
	one(a, ch, PW_CASE_CLOSE, 1);
	ch->created = 0;
	push(ch, PW_EV_CLOSED, json_pack("{s:s, s:s?, s:o}", "text", outcome, "status", reason, "on", day_json(follow)), 0, NULL);
	return PW_OK;
}

/* ---- reading a case ---- */

/* A stored key that is also a Dutch word ("ja", "telefoon") in the reader's
 * language; any other key as it is. */
static const char *key_word(const char *key, const char *const *words, size_t n)
{
	for (size_t i = 0; key && i < n; i++)
		if (strcmp(key, words[i]) == 0)
			return _(words[i]);
	return key;
}

const char *pw_cf_channel_word(const char *key)
{
	return key_word(key, pw_cf_channels, 4);
}

const char *pw_case_event_text(struct pw_arena *a, const struct pw_case *c, const struct pw_event *e)
{
	static const char *const SYSTEMATISCH[] = {N_("ja"), N_("nee"), N_("onbekend")};
	/* The stored entry is keys and the staff's own words; the sentence
	 * around them is made here, in the reader's language (the API is Dutch). */
	const struct pw_protocol *p = c->p;
	switch (e->kind) {
	case PW_EV_OPENED: {
		const struct pw_level *l = pw_protocol_level(p, e->key);
		return pw_printf(a, _("Casus geopend: %s.%s%s"), l ? PW_TR_TITLE(l) : e->key, e->text ? " " : "",
				 e->text ? pw_tr(e->text) : "");
	}
	case PW_EV_SIGNAL:
		return e->status ? pw_printf(a, _("Melding (systematisch: %s) toegevoegd als informatie."),
					     key_word(e->status, SYSTEMATISCH, 3))
				 : e->flag ? _("Nieuwe melding: herhaling.") : _("Melding toegevoegd.");
	case PW_EV_PERSON: {
		const struct pw_sitrole *r = pw_protocol_sitrole(p, e->key);
		return pw_printf(a, _("Betrokkene toegevoegd als %s."), r ? PW_TR_TITLE(r) : e->key);
	}
	case PW_EV_LEVEL: {
		const struct pw_level *l = pw_protocol_level(p, e->key);
		return pw_printf(a, _("Naar %s. %s"), l ? PW_TR_TITLE(l) : e->key, e->text ? pw_tr(e->text) : "");
	}
	case PW_EV_OWNER: return e->user ? (e->text ? pw_printf(a, _("Nieuwe eigenaar. %s"), e->text) : _("Eigenaar toegewezen."))
					 : _("Geen eigenaar gevonden: de CLZ wijst er een toe.");
	case PW_EV_STEP: {
		long long sid;
		const struct pw_step *s = pw_protocol_step_instance(p, e->key, &sid);
		bool skipped = e->status && strcmp(e->status, "skipped") == 0;
		return pw_printf(a, skipped ? _("%s: overgeslagen%s%s") : _("%s: afgerond%s%s"), s ? PW_TR_TITLE(s) : e->key,
				 e->text ? ". " : ".", e->text ? e->text : "");
	}
	case PW_EV_CONVERSATION: {
		const struct pw_kind *k = pw_protocol_kind(p, e->key);
		return pw_printf(a, _("%s gevoerd."), k ? PW_TR_TITLE(k) : e->key);
	}
	case PW_EV_AGREEMENT: return pw_printf(a, _("Afspraak: %s"), e->text);
	case PW_EV_EVALUATION: {
		const struct pw_eval_outcome *o = pw_protocol_outcome(p, e->key);
		return pw_printf(a, _("Afspraak geëvalueerd: %s.%s%s"), o ? PW_TR_TITLE(o) : e->key, e->text ? " " : "",
				 e->text ? e->text : "");
	}
	case PW_EV_PARENT_CONTACT:
		return pw_printf(a, _("Contact met ouders (%s): %s"), pw_cf_channel_word(e->key), e->text ? e->text : "");
	case PW_EV_REFERRAL: {
		const struct pw_referral *f = pw_protocol_referral(p, e->key);
		return pw_printf(a, _("Doorverwezen naar %s.%s%s"), f ? PW_TR_TITLE(f) : e->key, e->text ? " " : "",
				 e->text ? e->text : "");
	}
	case PW_EV_ESCALATION: {
		const struct pw_escalation *x = pw_protocol_escalation(p, e->key);
		return pw_printf(a, "%s. %s", x ? PW_TR_TITLE(x) : e->key, e->text ? e->text : "");
	}
	case PW_EV_DEVIATION: return pw_printf(a, _("Afwijken van het protocol: %s"), e->text);
	case PW_EV_NOTE: return e->text;
	case PW_EV_CLOSED:
		return e->status ? pw_printf(a, _("Casus gesloten: %s Reden: %s"), e->text ? e->text : "", e->status)
				 : pw_printf(a, _("Casus gesloten: %s"), e->text ? e->text : "");
	case PW_EV_REOPENED: return pw_printf(a, _("Casus heropend. %s"), e->text ? pw_tr(e->text) : "");
	case PW_EV_SANCTION:
	case PW_EV_DECISION: return pw_api_sanction_text(a, c, e);
	case PW_EV_CONFIDENTIAL: return _("Vertrouwelijke aantekening van de vertrouwenspersoon (alleen voor haar of hem).");
	case PW_EV_EVIDENCE: return pw_evidence_event_text(a, e);
	}
	return "";
}

bool pw_case_own_entry(const struct pw_event *e, int64_t user)
{
	return (e->by == user && (e->kind == PW_EV_SIGNAL || e->kind == PW_EV_NOTE || e->kind == PW_EV_OPENED)) ||
	       (e->kind == PW_EV_REFERRAL && e->user == user);
}

bool pw_case_advises(const struct pw_loaded_case *lc)
{
	bool advise = false;
	for (size_t i = 0; i < lc->n_signals; i++) {
		json_t *d = lc->signals[i].data;
		struct pw_signal s = {0};
		const char *vormen[64];
		struct pw_flag_value fl[16];
		json_t *v = json_object_get(d, "vormen"), *f = json_object_get(d, "flags");
		for (size_t k = 0; json_is_array(v) && k < json_array_size(v) && k < 64; k++)
			vormen[s.n_vormen++] = json_string_value(json_array_get(v, k));
		const char *fk;
		json_t *fv;
		json_object_foreach(f, fk, fv) if (s.n_flags < 16) fl[s.n_flags++] = (struct pw_flag_value){fk, NULL};
		s.vormen = vormen;
		s.flags = fl;
		advise |= pw_signal_advises(lc->p, &s);
	}
	return advise && !pw_case_escalated(&lc->c, PW_ESC_BRING_IN) && lc->p->rules.advice_escalation;
}
