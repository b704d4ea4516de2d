/* Lookups by key. Lists are short (tens of items), so a linear search is as
 * fast as a hash here and needs no extra structure in the shared protocol. */
#include "protocol/protocol.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/internal.h"

static const void *at(const void *arr, size_t n, size_t size, const char *key)
{
	long i = pw__find(arr, n, size, key);
	return i < 0 ? NULL : (const char *)arr + (size_t)i * size;
}

#define LOOKUP(fn, type, arr, n)                                              \
	const type *fn(const struct pw_protocol *p, const char *key)          \
	{                                                                     \
		return p ? at(p->arr, p->n, sizeof *p->arr, key) : NULL;      \
	}

LOOKUP(pw_protocol_functie, struct pw_functie, functies, n_functies)
LOOKUP(pw_protocol_role, struct pw_role, roles, n_roles)
LOOKUP(pw_protocol_sitrole, struct pw_sitrole, sitroles, n_sitroles)
LOOKUP(pw_protocol_level, struct pw_level, levels, n_levels)
LOOKUP(pw_protocol_escalation, struct pw_escalation, escalations, n_escalations)
LOOKUP(pw_protocol_referral, struct pw_referral, referrals, n_referrals)
LOOKUP(pw_protocol_step, struct pw_step, steps, n_steps)
LOOKUP(pw_protocol_kind, struct pw_kind, kinds, n_kinds)
LOOKUP(pw_protocol_guide, struct pw_guide, guides, n_guides)
LOOKUP(pw_protocol_rung, struct pw_rung, sanctions.rungs, sanctions.n_rungs)
LOOKUP(pw_protocol_form, struct pw_form, forms, n_forms)
LOOKUP(pw_protocol_flag, struct pw_flag, flags, n_flags)
LOOKUP(pw_protocol_cyber_kind, struct pw_cyber_kind, cyber.kinds, cyber.n_kinds)
LOOKUP(pw_protocol_platform, struct pw_platform, cyber.platforms, cyber.n_platforms)
LOOKUP(pw_protocol_checklist, struct pw_checklist, checklists, n_checklists)
LOOKUP(pw_protocol_outcome, struct pw_eval_outcome, rules.outcomes, rules.n_outcomes)
LOOKUP(pw_protocol_prevention, struct pw_prevention, prevention, n_prevention)

const struct pw_question *pw_guide_question(const struct pw_guide *g, const char *key)
{
	if (g == NULL)
		return NULL;
	for (size_t i = 0; i < g->n_parts; i++) {
		const struct pw_question *q = at(g->parts[i].questions, g->parts[i].n_questions, sizeof(struct pw_question), key);
		if (q)
			return q;
	}
	return NULL;
}

const struct pw_item *pw_flag_choice(const struct pw_flag *f, const char *key)
{
	return f ? at(f->choices, f->n_choices, sizeof *f->choices, key) : NULL;
}

const struct pw_item *pw_protocol_signal_item(const struct pw_protocol *p, const char *key)
{
	if (p == NULL)
		return NULL;
	for (size_t i = 0; i < p->n_checklists; i++) {
		const struct pw_item *it = at(p->checklists[i].items, p->checklists[i].n_items, sizeof(struct pw_item), key);
		if (it)
			return it;
	}
	return NULL;
}

const struct pw_step *pw_protocol_step_instance(const struct pw_protocol *p, const char *key, long long *sanction_id)
{
	if (sanction_id)
		*sanction_id = 0;
	if (p == NULL || key == NULL)
		return NULL;
	const char *colon = strchr(key, ':');
	if (colon == NULL) {
		const struct pw_step *s = pw_protocol_step(p, key);
		return s && s->kind != PW_STEP_SANCTION ? s : NULL;
	}
	size_t klen = (size_t)(colon - key);
	char base[128];
	if (klen == 0 || klen >= sizeof base)
		return NULL;
	memcpy(base, key, klen);
	base[klen] = '\0';
	const char *digits = colon + 1;
	if (*digits < '1' || *digits > '9')
		return NULL;
	char *end = NULL;
	errno = 0;
	long long id = strtoll(digits, &end, 10);
	if (errno != 0 || *end != '\0' || id <= 0)
		return NULL;
	const struct pw_step *s = pw_protocol_step(p, base);
	if (s == NULL || s->kind != PW_STEP_SANCTION)
		return NULL;
	if (sanction_id)
		*sanction_id = id;
	return s;
}

bool pw_role_has_functie(const struct pw_role *r, const char *functie)
{
	if (r == NULL || functie == NULL)
		return false;
	for (size_t i = 0; i < r->n_functies; i++)
		if (strcmp(r->functies[i]->key, functie) == 0)
			return true;
	return false;
}

bool pw_protocol_forbids_evidence(const struct pw_protocol *p, const char *const *cyber_kinds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct pw_cyber_kind *k = pw_protocol_cyber_kind(p, cyber_kinds[i]);
		if (k && k->no_evidence)
			return true;
	}
	return false;
}
