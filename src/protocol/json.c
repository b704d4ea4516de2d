/* The loaded definition as JSON (GET /api/v1/protocol). Field names are
 * English, like the rest of the API; keys and the words of enums are the
 * definition's own (Dutch), as in the API's request bodies. Prose is
 * included so a client can show the protocol's own text beside a step. */
#include "protocol/protocol.h"

#include "protocol/internal.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* {key, title, title_en} plus the optional text under `textname`. */
static json_t *head(const char *key, const char *titel, const char *title_en)
{
	json_t *o = json_object();
	json_object_set_new(o, "key", json_string(key));
	json_object_set_new(o, "title", json_string(titel ? titel : key));
	json_object_set_new(o, "title_en", str_or_null(title_en));
	return o;
}

static void set_text(json_t *o, const char *name, const char *s)
{
	if (s)
		json_object_set_new(o, name, json_string(s));
}


static json_t *items(const struct pw_item *it, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = head(it[i].key, it[i].titel, it[i].title_en);
		set_text(o, "text", it[i].omschrijving);
		json_array_append_new(a, o);
	}
	return a;
}

/* pw_sitrole and pw_form have the layout of pw_item but are distinct types;
 * one loop per type keeps the compiler's aliasing rules intact. */
#define SIMPLE_ITEMS(arr, n)                                                          \
	do {                                                                          \
		for (size_t i_ = 0; i_ < (n); i_++) {                                 \
			json_t *o_ = head((arr)[i_].key, (arr)[i_].titel, (arr)[i_].title_en); \
			set_text(o_, "text", (arr)[i_].omschrijving);                 \
			json_array_append_new(a, o_);                                 \
		}                                                                     \
	} while (0)

static json_t *sitroles(const struct pw_protocol *p)
{
	json_t *a = json_array();
	SIMPLE_ITEMS(p->sitroles, p->n_sitroles);
	return a;
}

static json_t *forms(const struct pw_protocol *p)
{
	json_t *a = json_array();
	SIMPLE_ITEMS(p->forms, p->n_forms);
	return a;
}

static json_t *functies(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_functies; i++) {
		const struct pw_functie *f = &p->functies[i];
		json_t *o = head(f->key, f->titel, f->title_en);
		set_text(o, "text", f->omschrijving);
		json_object_set_new(o, "access",
				    json_pack("{s:s, s:s, s:b, s:b, s:b, s:b}", "read", pw_read_names[f->access.read], "act",
					      pw_act_names[f->access.act], "figures", f->access.figures, "audit",
					      f->access.audit, "reports", f->access.reports, "confidential",
					      f->access.confidential));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *roles(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_roles; i++) {
		const struct pw_role *r = &p->roles[i];
		json_t *o = head(r->key, r->titel, r->title_en);
		json_t *fs = json_array();
		for (size_t k = 0; k < r->n_functies; k++)
			json_array_append_new(fs, json_string(r->functies[k]->key));
		json_object_set_new(o, "functies", fs);
		set_text(o, "text", r->omschrijving);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *key_list(const char *const *keys, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(keys[i]));
	return a;
}

/* Arrays of pointers to keyed structs: every struct starts with its key. */
static json_t *ref_list(const void *const *ptrs, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *const *key = ptrs[i];
		json_array_append_new(a, json_string(*key));
	}
	return a;
}

#define REFS(list, n) ref_list((const void *const *)(list), (n))

static json_t *who(const void *const *roles_, size_t n, bool owner)
{
	json_t *a = json_array();
	if (owner)
		json_array_append_new(a, json_string("eigenaar"));
	json_t *r = ref_list(roles_, n);
	json_array_extend(a, r);
	json_decref(r);
	return a;
}

static json_t *levels(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_levels; i++) {
		const struct pw_level *v = &p->levels[i];
		json_t *o = head(v->key, v->titel, v->title_en);
		json_object_set_new(o, "owner", json_pack("{s:s, s:s, s:o}", "role", v->owner->key, "scope",
							  pw_owner_scope_names[v->owner_scope], "of",
							  str_or_null(v->owner_of ? v->owner_of->key : NULL)));
		json_object_set_new(o, "next", str_or_null(v->next ? v->next->key : NULL));
		json_object_set_new(o, "steps", REFS(v->steps, v->n_steps));
		set_text(o, "text", v->omschrijving);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *escalations(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_escalations; i++) {
		const struct pw_escalation *e = &p->escalations[i];
		json_t *o = head(e->key, e->titel, e->title_en);
		json_object_set_new(o, "kind", json_string(pw_esc_kind_names[e->kind]));
		json_object_set_new(o, "level", str_or_null(e->level ? e->level->key : NULL));
		json_object_set_new(o, "role", str_or_null(e->role ? e->role->key : NULL));
		json_object_set_new(o, "by", who((const void *const *)e->by, e->n_by, e->owner_may));
		json_object_set_new(o, "reason_required", json_boolean(e->reason_required));
		set_text(o, "text", e->omschrijving);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *referrals(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_referrals; i++) {
		const struct pw_referral *f = &p->referrals[i];
		json_t *o = head(f->key, f->titel, f->title_en);
		json_object_set_new(o, "role", str_or_null(f->role ? f->role->key : NULL));
		json_object_set_new(o, "grants_access", json_boolean(f->role != NULL));
		set_text(o, "text", f->omschrijving);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *steps(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_steps; i++) {
		const struct pw_step *s = &p->steps[i];
		json_t *o = head(s->key, s->titel, s->title_en);
		json_object_set_new(o, "kind", json_string(pw_step_kind_names[s->kind]));
		json_object_set_new(o, "level", str_or_null(s->level ? s->level->key : NULL));
		json_object_set_new(o, "order", json_integer(s->order));
		json_object_set_new(o, "need", json_string(pw_need_names[s->need]));
		json_object_set_new(o, "optional", json_boolean(s->need != PW_NEED_REQUIRED));
		json_object_set_new(o, "after", REFS(s->after, s->n_after));
		json_object_set_new(o, "who", who((const void *const *)s->who, s->n_who, s->owner_may));
		json_object_set_new(o, "about", REFS(s->about, s->n_about));
		if (s->due.from != PW_DUE_NONE)
			json_object_set_new(o, "due", json_pack("{s:i, s:s, s:o}", "school_days", s->due.school_days, "from",
								pw_due_from_names[s->due.from], "steps",
								REFS(s->due.steps, s->due.n_steps)));
		else
			json_object_set_new(o, "due", json_null());
		json_t *d = json_pack("{s:s}", "by", pw_done_by_names[s->done_by]);
		if (s->done_by == PW_DONE_CONVERSATION)
			json_object_set_new(d, "kinds", REFS(s->kinds, s->n_kinds));
		if (s->done_by == PW_DONE_REFERRAL)
			json_object_set_new(d, "referrals", REFS(s->referrals, s->n_referrals));
		if (s->done_by == PW_DONE_ESCALATION)
			json_object_set_new(d, "escalation", json_string(s->escalation->key));
		json_object_set_new(o, "done_by", d);
		set_text(o, "text", s->tekst);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *kinds(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_kinds; i++) {
		const struct pw_kind *k = &p->kinds[i];
		json_t *o = head(k->key, k->titel, k->title_en);
		json_object_set_new(o, "with", k->whole_class ? json_string("klas") : REFS(k->with, k->n_with));
		json_object_set_new(o, "parent_contact", json_boolean(k->parent_contact));
		json_object_set_new(o, "agreements", json_boolean(k->agreements));
		json_object_set_new(o, "guide", str_or_null(k->guide ? k->guide->key : NULL));
		set_text(o, "text", k->omschrijving);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *guides(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_guides; i++) {
		const struct pw_guide *g = &p->guides[i];
		json_t *o = head(g->key, g->titel, g->title_en);
		json_object_set_new(o, "appendix", str_or_null(g->bijlage));
		set_text(o, "intro", g->inleiding);
		json_t *parts = json_array();
		for (size_t j = 0; j < g->n_parts; j++) {
			const struct pw_guide_part *gp = &g->parts[j];
			json_t *po = json_pack("{s:s}", "title", gp->titel);
			set_text(po, "text", gp->tekst);
			json_t *qs = json_array();
			for (size_t k = 0; k < gp->n_questions; k++) {
				json_t *q = json_pack("{s:s, s:s}", "key", gp->questions[k].key, "question",
						      gp->questions[k].vraag);
				set_text(q, "hint", gp->questions[k].toelichting);
				json_array_append_new(qs, q);
			}
			json_object_set_new(po, "questions", qs);
			json_array_append_new(parts, po);
		}
		json_object_set_new(o, "parts", parts);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *sanctions(const struct pw_protocol *p)
{
	const struct pw_sanctions *sa = &p->sanctions;
	json_t *rungs = json_array();
	for (size_t i = 0; i < sa->n_rungs; i++) {
		const struct pw_rung *g = &sa->rungs[i];
		json_t *o = head(g->key, g->titel, g->title_en);
		json_object_set_new(o, "kind", json_string(pw_rung_kind_names[g->kind]));
		json_object_set_new(o, "needs", i ? json_string(sa->rungs[i - 1].key) : json_null());
		json_object_set_new(o, "by", REFS(g->by, g->n_by));
		json_object_set_new(o, "owner_after_consult", json_boolean(g->owner_after_consult));
		json_object_set_new(o, "decided_by", str_or_null(g->decides ? g->decides->key : NULL));
		if (g->kind == PW_RUNG_SUSPENSION)
			json_object_set_new(o, "school_days", json_pack("{s:i, s:i}", "min", g->min_days, "max", g->max_days));
		json_object_set_new(o, "heard", key_list(g->heard, g->n_heard));
		json_object_set_new(o, "duties", json_pack("{s:o, s:o, s:o}", "before_decision",
							   REFS(g->before_decision, g->n_before_decision), "on_approval",
							   REFS(g->on_approval, g->n_on_approval), "in_effect_after",
							   REFS(g->in_effect_after, g->n_in_effect_after)));
		set_text(o, "text", g->omschrijving);
		json_array_append_new(rungs, o);
	}
	json_t *o = json_pack("{s:i, s:{s:i, s:i, s:b}, s:o}", "window_school_years", sa->window_years, "law",
			      "suspension_max_school_days", sa->suspension_max_days, "report_above_school_days",
			      sa->report_above_days, "written_notice", sa->written_notice, "rungs", rungs);
	set_text(o, "text", sa->tekst);
	json_object_set_new(json_object_get(o, "law"), "report_step",
			    str_or_null(sa->report_step ? sa->report_step->key : NULL));
	set_text(json_object_get(o, "law"), "text", sa->wet_tekst);
	return o;
}

static json_t *flags(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_flags; i++) {
		const struct pw_flag *f = &p->flags[i];
		json_t *o = head(f->key, f->titel, f->title_en);
		json_object_set_new(o, "type", json_string(f->choice ? "choice" : "boolean"));
		if (f->choice)
			json_object_set_new(o, "choices", items(f->choices, f->n_choices));
		set_text(o, "text", f->omschrijving);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *cyber(const struct pw_protocol *p)
{
	const struct pw_cyber *c = &p->cyber;
	json_t *kinds_ = json_array();
	for (size_t i = 0; i < c->n_kinds; i++) {
		json_t *o = head(c->kinds[i].key, c->kinds[i].titel, c->kinds[i].title_en);
		json_object_set_new(o, "no_evidence", json_boolean(c->kinds[i].no_evidence));
		set_text(o, "text", c->kinds[i].omschrijving);
		json_array_append_new(kinds_, o);
	}
	json_t *pf = json_array();
	for (size_t i = 0; i < c->n_platforms; i++)
		json_array_append_new(pf, json_pack("{s:s, s:s, s:b}", "key", c->platforms[i].key, "title",
						    c->platforms[i].titel, "free_text", c->platforms[i].free_text));
	json_t *st = json_array();
	for (size_t i = 0; i < p->n_steps; i++)
		if (p->steps[i].kind == PW_STEP_CYBER)
			json_array_append_new(st, json_string(p->steps[i].key));
	json_t *o = json_pack("{s:o, s:o, s:o, s:o}", "kinds", kinds_, "platforms", pf, "steps", st, "advice",
			      items(c->advice, c->n_advice));
	set_text(o, "no_evidence_message", c->no_evidence_msg);
	set_text(o, "text", c->tekst);
	return o;
}

static json_t *checklists(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_checklists; i++) {
		const struct pw_checklist *c = &p->checklists[i];
		json_t *o = head(c->key, c->titel, c->title_en);
		json_object_set_new(o, "role", json_string(c->role->key));
		json_object_set_new(o, "items", items(c->items, c->n_items));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *rules(const struct pw_protocol *p)
{
	const struct pw_rules *r = &p->rules;
	json_t *outcomes = json_array();
	for (size_t i = 0; i < r->n_outcomes; i++) {
		json_t *o = head(r->outcomes[i].key, r->outcomes[i].titel, r->outcomes[i].title_en);
		json_object_set_new(o, "effect", json_string(pw_eval_effect_names[r->outcomes[i].effect]));
		json_array_append_new(outcomes, o);
	}
	json_t *o = json_object();
	json_object_set_new(o, "start_level", json_string(r->start->key));
	json_object_set_new(o, "suspicion_pattern", json_pack("{s:i, s:i}", "count", r->pattern_count, "weeks",
							      r->pattern_weeks));
	json_object_set_new(o, "join_roles", REFS(r->join, r->n_join));
	json_object_set_new(o, "recurrence", json_pack("{s:b, s:s}", "after_agreements", r->recur_after_agreements,
						       "to_level", r->recur_to->key));
	json_object_set_new(o, "reopen", json_pack("{s:i, s:s}", "school_years", r->reopen_years, "level",
						   r->reopen_at->key));
	json_object_set_new(o, "crossing_class", json_pack("{s:o, s:s}", "roles", REFS(r->crossing, r->n_crossing),
							   "level", r->crossing_at->key));
	json_object_set_new(o, "direct_level", json_string(r->direct_at->key));
	json_object_set_new(o, "agreements", json_pack("{s:i, s:i, s:o}", "evaluate_after_school_days",
						       r->agreement_days, "again_after_school_days",
						       r->agreement_again_days, "outcomes", outcomes));
	if (r->advice_escalation) {
		json_t *adv = json_pack("{s:s, s:o, s:o}", "escalation", r->advice_escalation->key, "forms",
					REFS(r->advice_forms, r->n_advice_forms), "flags",
					REFS(r->advice_flags, r->n_advice_flags));
		set_text(adv, "text", r->advice_tekst);
		json_object_set_new(o, "escalation_advice", adv);
	}
	json_object_set_new(o, "skip_by", who((const void *const *)r->skip_by, r->n_skip_by, r->skip_owner));
	json_object_set_new(o, "close_by", who((const void *const *)r->close_by, r->n_close_by, r->close_owner));
	json_object_set_new(o, "reassign_by", REFS(r->reassign_by, r->n_reassign_by));
	if (r->deviation_by) {
		json_t *dev = json_pack("{s:s}", "by", r->deviation_by->key);
		set_text(dev, "text", r->deviation_tekst);
		json_object_set_new(o, "deviation", dev);
	}
	set_text(o, "meldcode_text", r->meldcode_tekst);
	return o;
}

static json_t *prevention(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_prevention; i++) {
		const struct pw_prevention *pv = &p->prevention[i];
		json_t *o = head(pv->key, pv->titel, pv->title_en);
		json_object_set_new(o, "who", str_or_null(pv->who ? pv->who->key : NULL));
		json_object_set_new(o, "confirm", json_boolean(pv->confirm));
		json_object_set_new(o, "ongoing", json_boolean(pv->ongoing));
		json_object_set_new(o, "url", str_or_null(pv->url));
		json_t *ms = json_array();
		for (size_t k = 0; k < pv->n_moments; k++) {
			const struct pw_moment *m = &pv->moments[k];
			json_t *years = json_array();
			for (size_t y = 0; y < m->n_years; y++)
				json_array_append_new(years, json_integer(m->years[y]));
			json_t *mo = json_pack("{s:s, s:o, s:o, s:o, s:b}", "when", m->wanneer, "years", years,
					       "school_week", m->week ? json_integer(m->week) : json_null(), "before",
					       str_or_null(m->before), "wish", m->advised);
			json_array_append_new(ms, mo);
		}
		json_object_set_new(o, "moments", ms);
		set_text(o, "text", pv->tekst);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *chapters(const struct pw_protocol *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_chapters; i++) {
		const struct pw_chapter *c = &p->chapters[i];
		json_t *o = json_pack("{s:s, s:s, s:o}", "key", c->key, "title", c->titel, "insert",
				      key_list(c->blocks, c->n_blocks));
		set_text(o, "text", c->tekst);
		json_array_append_new(a, o);
	}
	return a;
}

json_t *pw_protocol_to_json(const struct pw_protocol *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "format", json_integer(p->format));
	json_object_set_new(o, "id", json_string(p->id));
	json_object_set_new(o, "version", json_string(p->versie));
	json_object_set_new(o, "name", json_string(p->naam));
	json_object_set_new(o, "school", json_string(p->school));
	json_object_set_new(o, "school_type", json_string(p->schooltype));
	json_object_set_new(o, "adopted_on", str_or_null(p->vastgesteld));
	json_object_set_new(o, "functies", functies(p));
	json_object_set_new(o, "roles", roles(p));
	json_object_set_new(o, "situation_roles", sitroles(p));
	json_object_set_new(o, "levels", levels(p));
	json_object_set_new(o, "escalations", escalations(p));
	json_object_set_new(o, "referrals", referrals(p));
	json_object_set_new(o, "steps", steps(p));
	json_object_set_new(o, "kinds", kinds(p));
	json_object_set_new(o, "guides", guides(p));
	json_object_set_new(o, "sanctions", sanctions(p));
	json_object_set_new(o, "rungs", json_incref(json_object_get(json_object_get(o, "sanctions"), "rungs")));
	json_object_set_new(o, "forms", forms(p));
	json_object_set_new(o, "flags", flags(p));
	json_object_set_new(o, "checklists", checklists(p));
	json_object_set_new(o, "cyber", cyber(p));
	json_object_set_new(o, "rules", rules(p));
	json_object_set_new(o, "prevention", prevention(p));
	json_object_set_new(o, "access", json_pack("{s:b, s:b, s:b, s:b}", "attention_for_all", p->access.attention_for_all,
						   "parent_excluded", p->access.parent_excluded, "hidden_is_missing",
						   p->access.hidden_is_missing, "classes_open_year",
						   p->access.classes_open_year));
	json_object_set_new(o, "chapters", chapters(p));
	return o;
}
