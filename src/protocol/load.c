/* Reads a protocol definition into struct pw_protocol and validates it:
 * every field known and of its type, every key well-formed and unique, every
 * reference resolved, the step order free of cycles, every level reachable.
 * See docs/protocol-format.md for the format. */
#include "protocol/protocol.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/internal.h"
#include "protocol/reader.h"
#include "protocol/ytree.h"

struct ld {
	struct reader r;
	struct pw_protocol *p;
	/* Writable views of the protocol's arrays while it is being built. */
	struct pw_functie *functies;
	struct pw_role *roles;
	struct pw_sitrole *sitroles;
	struct pw_level *levels;
	struct pw_escalation *escalations;
	struct pw_referral *referrals;
	struct pw_step *steps;
	struct pw_kind *kinds;
	struct pw_guide *guides;
	struct pw_form *forms;
	struct pw_flag *flags;
	struct pw_checklist *checklists;
	struct pw_prevention *prevention;
	struct pw_rung *rungs;
	/* Source lines, for errors found after reading (cycles, reachability). */
	int *step_line, *level_line;
	const struct ynode **step_node;
};

/* A namespace of keyed items that a field may refer to. */
struct ns {
	const void *arr;
	size_t n;
	size_t size;
	const char *noun; /* "step" */
};

#define NS(l, field, noun) ((struct ns){ (l)->field, (l)->p->n_##field, sizeof *(l)->field, (noun) })

#define R (&l->r)

static const char *const reserved_who[] = { "eigenaar", NULL };

/* Resolves one reference; -1 when absent (or after failing). */
static long ref_node(struct ld *l, const struct ynode *n, const char *field, struct ns ns, const char *what)
{
	if (l->r.failed)
		return -1;
	long i = pw__find(ns.arr, ns.n, ns.size, n->str);
	if (i < 0) {
		bool list = strcmp(field, "na") == 0;
		rd_fail(R, n->line, "%s %s '%.64s', which is not a %s of this protocol. Add that %s or %s '%s'.", what,
			list ? "needs" : "names", n->str, ns.noun, ns.noun, list ? "remove it from" : "correct", field);
	}
	return i;
}

static long ref1(struct ld *l, const struct ynode *m, const char *field, struct ns ns, bool required, const char *what)
{
	struct ynode *n = rd_node(R, m, field, Y_SCALAR, required, what);
	return n ? ref_node(l, n, field, ns, what) : -1;
}

/* Resolves a list of references into indices. `owner`, when not NULL,
 * accepts the word `eigenaar` (the case's owner) and reports it there. */
static size_t *refs(struct ld *l, const struct ynode *m, const char *field, struct ns ns, bool required, size_t *n,
		    bool *owner, const char *what)
{
	size_t cnt = 0;
	struct ynode **items = rd_list(R, m, field, required, &cnt, what);
	size_t *ix = cnt ? pw_alloc(l->r.a, cnt * sizeof *ix) : NULL;
	size_t k = 0;
	if (owner)
		*owner = false;
	for (size_t i = 0; i < cnt && !l->r.failed; i++) {
		for (size_t j = 0; j < i; j++)
			if (strcmp(items[i]->str, items[j]->str) == 0) {
				rd_fail(R, items[i]->line, "%s lists '%.64s' twice in '%s'. Keep one.", what, items[i]->str,
					field);
				break;
			}
		if (owner && strcmp(items[i]->str, reserved_who[0]) == 0) {
			*owner = true;
			continue;
		}
		long v = ref_node(l, items[i], field, ns, what);
		if (v >= 0)
			ix[k++] = (size_t)v;
	}
	*n = l->r.failed ? 0 : k;
	return ix;
}

/* Typed wrappers: turn indices into pointers to the items. */
#define REFS(l, m, field, arr, noun, req, owner, what, out, nout)                                    \
	do {                                                                                         \
		size_t n_ = 0;                                                                       \
		size_t *ix_ = refs((l), (m), (field), NS(l, arr, noun), (req), &n_, (owner), (what)); \
		(out) = NULL;                                                                        \
		if (n_) {                                                                            \
			(out) = pw_alloc((l)->r.a, n_ * sizeof *(out));                              \
			for (size_t k_ = 0; k_ < n_; k_++)                                           \
				(out)[k_] = &(l)->arr[ix_[k_]];                                      \
		}                                                                                    \
		(nout) = n_;                                                                         \
	} while (0)

static const void *item_at(const void *arr, size_t size, long i)
{
	return i < 0 ? NULL : (const char *)arr + (size_t)i * size;
}

#define REF1(l, m, field, arr, noun, req, what) \
	item_at((l)->arr, sizeof *(l)->arr, ref1((l), (m), (field), NS(l, arr, noun), (req), (what)))

/* A list section: a YAML list of mappings. Returns it (NULL when absent). */
static struct ynode *section(struct ld *l, const struct ynode *m, const char *name, bool required, const char *what)
{
	struct ynode *s = rd_node(R, m, name, Y_SEQ, required, what);
	if (s == NULL)
		return NULL;
	if (required && s->n == 0) {
		rd_fail(R, s->line, "'%s' is empty. It needs at least one entry.", name);
		return NULL;
	}
	if (s->n > RD_MAX_ENTRIES) {
		rd_fail(R, s->line, "'%s' has %zu entries; a protocol definition may have at most %d.", name, s->n,
			RD_MAX_ENTRIES);
		return NULL;
	}
	for (size_t i = 0; i < s->n; i++)
		if (s->items[i]->type != Y_MAP) {
			rd_fail(R, s->items[i]->line,
				"entry %zu of '%s' must be a group of fields (key: ..., titel: ...), not a single value.",
				i + 1, name);
			return NULL;
		}
	return s;
}

/* Reads the keys of a list section into the items (whose first member is
 * the key) and checks they are unique. `dotted` for step keys. */
static void read_keys(struct ld *l, const struct ynode *s, void *arr, size_t size, const char *noun, bool dotted)
{
	for (size_t i = 0; s && i < s->n && !l->r.failed; i++) {
		const char *k = rd_key(R, s->items[i], noun, i, dotted);
		if (k == NULL)
			return;
		long dup = pw__find(arr, i, size, k);
		if (dup >= 0) {
			rd_fail(R, ytree_get(s->items[i], "key")->line,
				"there are two %ss with the key '%s' (the other is on line %d). Keys must be unique; rename one.",
				noun, k, ytree_get(s->items[(size_t)dup], "key")->line);
			return;
		}
		memcpy((char *)arr + i * size, &k, sizeof k);
	}
}

static void what_of(char *buf, size_t n, const char *noun, const char *key)
{
	snprintf(buf, n, "%s '%s'", noun, key ? key : "?");
}

/* ---- header --------------------------------------------------------- */

static const char *const top_fields[] = {
	"pestwijzer_protocol", "id", "versie", "naam", "school", "schooltype", "vastgesteld", "functies", "toegang",
	"rollen", "situatierollen", "niveaus", "escalaties", "doorverwijzingen", "stappen", "sancties",
	"gesprekssoorten", "gidsen", "vormen", "vlaggen", "checklists", "cyber", "regels", "preventie", "hoofdstukken",
	NULL
};

static void read_header(struct ld *l, const struct ynode *root)
{
	struct pw_protocol *p = l->p;
	const char *what = "the protocol";
	struct ynode *fmt = ytree_get(root, "pestwijzer_protocol");
	if (fmt == NULL) {
		rd_fail(R, 1, "this is not a Pestwijzer protocol definition: the first field must be 'pestwijzer_protocol: 1'.");
		return;
	}
	p->format = rd_int(R, root, "pestwijzer_protocol", true, 0, 1, 1000, what);
	if (!l->r.failed && p->format != PW_PROTOCOL_FORMAT) {
		rd_fail(R, fmt->line, "this file is in format %d; this Pestwijzer reads format %d. Use a matching version of Pestwijzer.",
			p->format, PW_PROTOCOL_FORMAT);
		return;
	}
	if (!rd_fields(R, root, "the top level of the file", top_fields))
		return;
	p->id = rd_str(R, root, "id", true, what);
	if (p->id && !rd_is_key(p->id, false))
		rd_fail(R, ytree_get(root, "id")->line,
			"the 'id' '%.64s' must be lowercase letters, digits and '_', starting with a letter (at most 64).", p->id);
	p->versie = rd_str(R, root, "versie", true, what);
	p->naam = rd_str(R, root, "naam", true, what);
	p->school = rd_str(R, root, "school", true, what);
	int st = rd_enum(R, root, "schooltype", pw_schooltype_names, true, 0, what);
	p->schooltype = pw_schooltype_names[st];
	p->vastgesteld = rd_str(R, root, "vastgesteld", false, what);
}

/* ---- staff ------------------------------------------------------------ */

static const char *const functie_fields[] = { "key", "titel", "title_en", "omschrijving", "toegang", NULL };
static const char *const access_fields[] = { "lezen", "handelen", "cijfers", "audit", "meldingen", "vertrouwelijk",
					     NULL };

static void read_functies(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "functies", true, "the protocol");
	if (!s)
		return;
	l->functies = pw_calloc(l->r.a, s->n, sizeof *l->functies);
	l->p->functies = l->functies;
	l->p->n_functies = s->n;
	read_keys(l, s, l->functies, sizeof *l->functies, "functie", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_functie *f = &l->functies[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "functie", f->key);
		rd_fields(R, m, what, functie_fields);
		f->titel = rd_str(R, m, "titel", true, what);
		f->title_en = rd_str(R, m, "title_en", false, what);
		f->omschrijving = rd_str(R, m, "omschrijving", false, what);
		struct ynode *t = rd_node(R, m, "toegang", Y_MAP, true, what);
		if (t) {
			char w2[160];
			snprintf(w2, sizeof w2, "the access ('toegang') of %s", what);
			rd_fields(R, t, w2, access_fields);
			f->access.read = (enum pw_read_scope)rd_enum(R, t, "lezen", pw_read_names, true, 0, w2);
			f->access.act = (enum pw_act_scope)rd_enum(R, t, "handelen", pw_act_names, true, 0, w2);
			f->access.figures = rd_bool(R, t, "cijfers", false, w2);
			f->access.audit = rd_bool(R, t, "audit", false, w2);
			f->access.reports = rd_bool(R, t, "meldingen", false, w2);
			f->access.confidential = rd_bool(R, t, "vertrouwelijk", false, w2);
		}
	}
}

static const char *const role_fields[] = { "key", "titel", "title_en", "omschrijving", "functies", NULL };

static void read_roles(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "rollen", true, "the protocol");
	if (!s)
		return;
	l->roles = pw_calloc(l->r.a, s->n, sizeof *l->roles);
	l->p->roles = l->roles;
	l->p->n_roles = s->n;
	read_keys(l, s, l->roles, sizeof *l->roles, "role", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_role *ro = &l->roles[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "role", ro->key);
		if (strcmp(ro->key, reserved_who[0]) == 0) {
			rd_fail(R, ytree_get(m, "key")->line,
				"'eigenaar' cannot be a role: in 'wie' and 'door' it means the case's owner. Choose another key.");
			return;
		}
		rd_fields(R, m, what, role_fields);
		ro->titel = rd_str(R, m, "titel", true, what);
		ro->title_en = rd_str(R, m, "title_en", false, what);
		ro->omschrijving = rd_str(R, m, "omschrijving", false, what);
		REFS(l, m, "functies", functies, "functie", true, NULL, what, ro->functies, ro->n_functies);
	}
}

static const char *const item_fields[] = { "key", "titel", "title_en", "omschrijving", NULL };

/* Reads a simple list of keyed items with titles into an array of structs
 * that start with key, titel, title_en, omschrijving (pw_sitrole, pw_form,
 * pw_item share that layout by design). */
#define READ_ITEMS(l, node, name, required, noun, T, out, nout, where)                   \
	do {                                                                              \
		struct ynode *s_ = section((l), (node), (name), (required), (where));    \
		T *a_ = NULL;                                                             \
		size_t n_ = s_ ? s_->n : 0;                                               \
		if (n_) {                                                                 \
			a_ = pw_calloc((l)->r.a, n_, sizeof *a_);                         \
			read_keys((l), s_, a_, sizeof *a_, (noun), false);                \
		}                                                                         \
		for (size_t i_ = 0; i_ < n_ && !(l)->r.failed; i_++) {                    \
			char w_[128];                                                     \
			const struct ynode *m_ = s_->items[i_];                           \
			what_of(w_, sizeof w_, (noun), a_[i_].key);                       \
			rd_fields(&(l)->r, m_, w_, item_fields);                          \
			a_[i_].titel = rd_str(&(l)->r, m_, "titel", true, w_);            \
			a_[i_].title_en = rd_str(&(l)->r, m_, "title_en", false, w_);     \
			a_[i_].omschrijving = rd_str(&(l)->r, m_, "omschrijving", false, w_); \
		}                                                                         \
		(out) = a_;                                                               \
		(nout) = n_;                                                              \
	} while (0)

/* ---- guides and conversation kinds ----------------------------------- */

static const char *const guide_fields[] = { "key", "titel", "title_en", "bijlage", "inleiding", "onderdelen", NULL };
static const char *const part_fields[] = { "titel", "tekst", "vragen", NULL };
static const char *const question_fields[] = { "key", "vraag", "toelichting", NULL };

static void read_guides(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "gidsen", false, "the protocol");
	if (!s)
		return;
	l->guides = pw_calloc(l->r.a, s->n, sizeof *l->guides);
	l->p->guides = l->guides;
	l->p->n_guides = s->n;
	read_keys(l, s, l->guides, sizeof *l->guides, "guide", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_guide *g = &l->guides[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "guide", g->key);
		rd_fields(R, m, what, guide_fields);
		g->titel = rd_str(R, m, "titel", true, what);
		g->title_en = rd_str(R, m, "title_en", false, what);
		g->bijlage = rd_str(R, m, "bijlage", false, what);
		g->inleiding = rd_str(R, m, "inleiding", false, what);
		struct ynode *ps = rd_node(R, m, "onderdelen", Y_SEQ, false, what);
		if (ps == NULL)
			continue;
		if (ps->n > RD_MAX_ENTRIES) {
			rd_fail(R, ps->line, "%s has more than %d parts.", what, RD_MAX_ENTRIES);
			break;
		}
		struct pw_guide_part *parts = pw_calloc(l->r.a, ps->n, sizeof *parts);
		g->parts = parts;
		g->n_parts = ps->n;
		/* Question keys are unique over the whole guide: answers are stored
		 * by question key per conversation. */
		const struct ynode *seen[512];
		size_t n_seen = 0;
		for (size_t j = 0; j < ps->n && !l->r.failed; j++) {
			const struct ynode *pm = ps->items[j];
			char w2[160];
			snprintf(w2, sizeof w2, "part %zu of %s", j + 1, what);
			if (pm->type != Y_MAP) {
				rd_fail(R, pm->line, "%s must be a group of fields (titel, tekst, vragen).", w2);
				break;
			}
			rd_fields(R, pm, w2, part_fields);
			parts[j].titel = rd_str(R, pm, "titel", true, w2);
			parts[j].tekst = rd_str(R, pm, "tekst", false, w2);
			struct ynode *qs = rd_node(R, pm, "vragen", Y_SEQ, false, w2);
			if (qs == NULL)
				continue;
			if (qs->n > RD_MAX_ENTRIES) {
				rd_fail(R, qs->line, "%s has more than %d questions in one part.", what, RD_MAX_ENTRIES);
				break;
			}
			struct pw_question *q = pw_calloc(l->r.a, qs->n, sizeof *q);
			parts[j].questions = q;
			parts[j].n_questions = qs->n;
			for (size_t k = 0; k < qs->n && !l->r.failed; k++) {
				const struct ynode *qm = qs->items[k];
				char w3[200];
				snprintf(w3, sizeof w3, "question %zu of part %zu of %s", k + 1, j + 1, what);
				if (qm->type != Y_MAP) {
					rd_fail(R, qm->line, "%s must be a group of fields (key, vraag).", w3);
					break;
				}
				rd_fields(R, qm, w3, question_fields);
				q[k].key = rd_key(R, qm, "question", k, false);
				q[k].vraag = rd_str(R, qm, "vraag", true, w3);
				q[k].toelichting = rd_str(R, qm, "toelichting", false, w3);
				if (l->r.failed)
					break;
				const struct ynode *kn = ytree_get(qm, "key");
				for (size_t x = 0; x < n_seen; x++)
					if (strcmp(seen[x]->str, kn->str) == 0) {
						rd_fail(R, kn->line,
							"%s has two questions with the key '%s' (the other is on line %d). Rename one.",
							what, kn->str, seen[x]->line);
						break;
					}
				if (n_seen < sizeof seen / sizeof *seen)
					seen[n_seen++] = kn;
			}
		}
	}
}

static const char *const kind_fields[] = { "key", "titel", "title_en", "omschrijving", "met", "oudercontact",
					   "afspraken", "gids", NULL };

static void read_kinds(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "gesprekssoorten", true, "the protocol");
	if (!s)
		return;
	l->kinds = pw_calloc(l->r.a, s->n, sizeof *l->kinds);
	l->p->kinds = l->kinds;
	l->p->n_kinds = s->n;
	read_keys(l, s, l->kinds, sizeof *l->kinds, "conversation kind", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_kind *k = &l->kinds[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "conversation kind", k->key);
		rd_fields(R, m, what, kind_fields);
		k->titel = rd_str(R, m, "titel", true, what);
		k->title_en = rd_str(R, m, "title_en", false, what);
		k->omschrijving = rd_str(R, m, "omschrijving", false, what);
		struct ynode *met = ytree_get(m, "met");
		if (met && met->type == Y_SCALAR && strcmp(met->str, "klas") == 0)
			k->whole_class = true;
		else
			REFS(l, m, "met", sitroles, "role in a bullying situation (situatierol)", true, NULL, what, k->with,
			     k->n_with);
		k->parent_contact = rd_bool(R, m, "oudercontact", false, what);
		k->agreements = rd_bool(R, m, "afspraken", false, what);
		k->guide = REF1(l, m, "gids", guides, "guide", false, what);
		if (!l->r.failed && k->parent_contact && k->whole_class)
			rd_fail(R, ytree_get(m, "met")->line,
				"%s is with the whole class and also a parent contact; a parent contact names the students whose parents were spoken to. Use 'met: [gepeste, pester]' or drop 'oudercontact'.",
				what);
	}
}

/* ---- levels, escalations, referrals ----------------------------------- */

static const char *const level_fields[] = { "key", "titel", "title_en", "omschrijving", "eigenaar", "volgende", NULL };
static const char *const owner_fields[] = { "rol", "bereik", "van", NULL };

static void read_levels(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "niveaus", true, "the protocol");
	if (!s)
		return;
	l->levels = pw_calloc(l->r.a, s->n, sizeof *l->levels);
	l->level_line = pw_calloc(l->r.a, s->n, sizeof *l->level_line);
	l->p->levels = l->levels;
	l->p->n_levels = s->n;
	read_keys(l, s, l->levels, sizeof *l->levels, "level", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_level *v = &l->levels[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "level", v->key);
		l->level_line[i] = ytree_get(m, "key")->line;
		v->index = i;
		rd_fields(R, m, what, level_fields);
		v->titel = rd_str(R, m, "titel", true, what);
		v->title_en = rd_str(R, m, "title_en", false, what);
		v->omschrijving = rd_str(R, m, "omschrijving", false, what);
		struct ynode *o = rd_node(R, m, "eigenaar", Y_MAP, true, what);
		if (o) {
			char w2[160];
			snprintf(w2, sizeof w2, "the owner ('eigenaar') of %s", what);
			rd_fields(R, o, w2, owner_fields);
			v->owner = REF1(l, o, "rol", roles, "role", true, w2);
			v->owner_scope = (enum pw_owner_scope)rd_enum(R, o, "bereik", pw_owner_scope_names, true, 0, w2);
			v->owner_of = REF1(l, o, "van", sitroles, "role in a bullying situation (situatierol)",
					   v->owner_scope != PW_OWNER_SCHOOL, w2);
		}
		v->next = REF1(l, m, "volgende", levels, "level", false, what);
		if (!l->r.failed && v->next && (size_t)(v->next - l->levels) <= i)
			rd_fail(R, ytree_get(m, "volgende")->line,
				"%s goes on to level '%s', which is not listed after it. List levels from first to last; 'volgende' points down the list.",
				what, v->next->key);
	}
}

static const char *const esc_fields[] = { "key", "titel", "title_en", "omschrijving", "soort", "niveau", "rol", "door",
					  "reden_verplicht", NULL };

static void read_escalations(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "escalaties", true, "the protocol");
	if (!s)
		return;
	l->escalations = pw_calloc(l->r.a, s->n, sizeof *l->escalations);
	l->p->escalations = l->escalations;
	l->p->n_escalations = s->n;
	read_keys(l, s, l->escalations, sizeof *l->escalations, "escalation", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_escalation *e = &l->escalations[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "escalation", e->key);
		rd_fields(R, m, what, esc_fields);
		e->titel = rd_str(R, m, "titel", true, what);
		e->title_en = rd_str(R, m, "title_en", false, what);
		e->omschrijving = rd_str(R, m, "omschrijving", false, what);
		e->kind = (enum pw_esc_kind)rd_enum(R, m, "soort", pw_esc_kind_names, true, 0, what);
		if (e->kind == PW_ESC_LEVEL) {
			e->level = REF1(l, m, "niveau", levels, "level", true, what);
			if (!l->r.failed && ytree_get(m, "rol"))
				rd_fail(R, ytree_get(m, "rol")->line,
					"%s moves the case to a level, whose owner is set by the level; remove 'rol'.", what);
			if (e->level)
				e->role = e->level->owner;
		} else {
			e->role = REF1(l, m, "rol", roles, "role", true, what);
			if (!l->r.failed && ytree_get(m, "niveau"))
				rd_fail(R, ytree_get(m, "niveau")->line,
					"%s does not move the case ('soort: %s'); remove 'niveau' or use 'soort: niveau'.", what,
					pw_esc_kind_names[e->kind]);
		}
		REFS(l, m, "door", roles, "role", true, &e->owner_may, what, e->by, e->n_by);
		e->reason_required = rd_bool(R, m, "reden_verplicht", false, what);
	}
}

static const char *const referral_fields[] = { "key", "titel", "title_en", "omschrijving", "rol", NULL };

static void read_referrals(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "doorverwijzingen", false, "the protocol");
	if (!s)
		return;
	l->referrals = pw_calloc(l->r.a, s->n, sizeof *l->referrals);
	l->p->referrals = l->referrals;
	l->p->n_referrals = s->n;
	read_keys(l, s, l->referrals, sizeof *l->referrals, "referral", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_referral *f = &l->referrals[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "referral", f->key);
		rd_fields(R, m, what, referral_fields);
		f->titel = rd_str(R, m, "titel", true, what);
		f->title_en = rd_str(R, m, "title_en", false, what);
		f->omschrijving = rd_str(R, m, "omschrijving", false, what);
		f->role = REF1(l, m, "rol", roles, "role", false, what);
	}
}

/* ---- steps ------------------------------------------------------------ */

static const char *const step_fields[] = { "key", "titel", "title_en", "tekst", "soort", "niveau", "volgorde", "na",
					   "status", "wie", "betreft", "termijn", "klaar_bij", NULL };
static const char *const due_fields[] = { "schooldagen", "vanaf", "stappen", NULL };

/* The group a step belongs to, for messages: its level, or cyber/sanctie. */
static const char *group_of(const struct pw_step *s)
{
	if (s->kind == PW_STEP_LEVEL)
		return s->level ? s->level->key : "?";
	return pw_step_kind_names[s->kind];
}

static void read_done_by(struct ld *l, struct pw_step *st, const struct ynode *m, const char *what)
{
	struct ynode *n = ytree_get(m, "klaar_bij");
	if (ytree_is_null(n)) {
		rd_fail(R, ytree_get(m, "key")->line, "%s has no 'klaar_bij' (what completes it). Add it; 'klaar_bij: handmatig' if it is marked done by hand.",
			what);
		return;
	}
	if (n->type == Y_SCALAR) {
		int v = rd_enum_node(R, n, "klaar_bij", pw_done_by_names, what);
		if (v < 0)
			return;
		st->done_by = (enum pw_done_by)v;
		if (st->done_by == PW_DONE_CONVERSATION || st->done_by == PW_DONE_REFERRAL ||
		    st->done_by == PW_DONE_ESCALATION)
			rd_fail(R, n->line, "%s: 'klaar_bij: %s' needs to say which, like 'klaar_bij: {%s: [...]}'.", what,
				n->str, n->str);
		return;
	}
	if (n->type != Y_MAP || n->n != 1) {
		rd_fail(R, n->line,
			"'klaar_bij' of %s must be one word (handmatig, oudercontact, sanctie) or one of {gesprek: [...]}, {doorverwijzing: [...]}, {escalatie: ...}.",
			what);
		return;
	}
	int v = rd_enum_node(R, n->keys[0], "klaar_bij", pw_done_by_names, what);
	if (v < 0)
		return;
	st->done_by = (enum pw_done_by)v;
	switch (st->done_by) {
	case PW_DONE_CONVERSATION:
		REFS(l, n, "gesprek", kinds, "conversation kind", true, NULL, what, st->kinds, st->n_kinds);
		break;
	case PW_DONE_REFERRAL:
		REFS(l, n, "doorverwijzing", referrals, "referral", true, NULL, what, st->referrals, st->n_referrals);
		break;
	case PW_DONE_ESCALATION:
		st->escalation = REF1(l, n, "escalatie", escalations, "escalation", true, what);
		break;
	default:
		rd_fail(R, n->line, "%s: write 'klaar_bij: %s' as a single word.", what, n->keys[0]->str);
	}
}

static void read_steps(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "stappen", true, "the protocol");
	if (!s)
		return;
	size_t n = s->n;
	l->steps = pw_calloc(l->r.a, n, sizeof *l->steps);
	l->step_line = pw_calloc(l->r.a, n, sizeof *l->step_line);
	l->step_node = pw_calloc(l->r.a, n, sizeof *l->step_node);
	l->p->steps = l->steps;
	l->p->n_steps = n;
	/* Keys first, so that `na` and `termijn.stappen` can name later steps. */
	read_keys(l, s, l->steps, sizeof *l->steps, "step", true);
	/* Pass 1: everything but references to other steps, so that pass 2 knows
	 * each step's group. */
	for (size_t i = 0; i < n && !l->r.failed; i++) {
		struct pw_step *st = &l->steps[i];
		const struct ynode *m = s->items[i];
		l->step_node[i] = m;
		l->step_line[i] = ytree_get(m, "key")->line;
		char what[128];
		what_of(what, sizeof what, "step", st->key);
		rd_fields(R, m, what, step_fields);
		st->titel = rd_str(R, m, "titel", true, what);
		st->title_en = rd_str(R, m, "title_en", false, what);
		st->tekst = rd_str(R, m, "tekst", false, what);
		st->kind = (enum pw_step_kind)rd_enum(R, m, "soort", pw_step_kind_names, false, PW_STEP_LEVEL, what);
		if (st->kind == PW_STEP_LEVEL) {
			st->level = REF1(l, m, "niveau", levels, "level", true, what);
		} else if (!l->r.failed && ytree_get(m, "niveau")) {
			rd_fail(R, ytree_get(m, "niveau")->line,
				"%s is a %s step, which belongs to no level; remove 'niveau'.", what,
				pw_step_kind_names[st->kind]);
		}
		if (l->r.failed)
			return;
		/* The key says where the step belongs, so a reader of a case's
		 * steps (and the engine's "key:ID" duties) can tell at a glance. */
		const char *want = group_of(st);
		size_t wl = strlen(want);
		if (strncmp(st->key, want, wl) != 0 || st->key[wl] != '.') {
			rd_fail(R, l->step_line[i], "the key of %s must start with '%s.' because the step belongs to %s '%s'.",
				what, want, st->kind == PW_STEP_LEVEL ? "level" : "the group", want);
			return;
		}
		st->order = rd_int(R, m, "volgorde", true, 0, 1, 999, what);
		st->need = (enum pw_need)rd_enum(R, m, "status", pw_need_names, true, 0, what);
		REFS(l, m, "wie", roles, "role", true, &st->owner_may, what, st->who, st->n_who);
		REFS(l, m, "betreft", sitroles, "role in a bullying situation (situatierol)", false, NULL, what, st->about,
		     st->n_about);
		read_done_by(l, st, m, what);
		if (l->r.failed)
			return;
		if (st->done_by == PW_DONE_PARENT_CONTACT && st->n_about == 0)
			rd_fail(R, l->step_line[i],
				"%s is completed by a parent contact, so it must say whose parents in 'betreft' (like [gepeste, pester]).",
				what);
		/* A conversation completes the step for the students it is with;
		 * one with none of the step's roles could never complete it. */
		for (size_t k = 0; k < st->n_kinds && !l->r.failed && st->n_about; k++) {
			const struct pw_kind *kd = st->kinds[k];
			bool covers = kd->whole_class;
			for (size_t a = 0; a < kd->n_with && !covers; a++)
				for (size_t b = 0; b < st->n_about; b++)
					if (kd->with[a] == st->about[b])
						covers = true;
			if (!covers)
				rd_fail(R, ytree_get(m, "klaar_bij")->line,
					"%s is about %s, but conversation kind '%s' is not with anyone in that role, so it can never complete the step. Add the role to the kind's 'met' or choose another kind.",
					what, st->about[0]->key, kd->key);
		}
	}
	/* Pass 2: prerequisites and due times. */
	for (size_t i = 0; i < n && !l->r.failed; i++) {
		struct pw_step *st = &l->steps[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "step", st->key);
		REFS(l, m, "na", steps, "step", false, NULL, what, st->after, st->n_after);
		for (size_t k = 0; k < st->n_after && !l->r.failed; k++) {
			const struct pw_step *o = st->after[k];
			if (o == st)
				rd_fail(R, l->step_line[i], "%s needs itself in 'na'. Remove it from 'na'.", what);
			else if (o->kind != st->kind || o->level != st->level)
				rd_fail(R, ytree_get(m, "na")->line,
					"%s needs '%s', which belongs to '%s', not to '%s'. A step can only wait for steps of its own level or group: another level's steps may never be opened. Remove it from 'na'.",
					what, o->key, group_of(o), group_of(st));
		}
		struct ynode *t = rd_node(R, m, "termijn", Y_MAP, false, what);
		if (t == NULL)
			continue;
		char w2[160];
		snprintf(w2, sizeof w2, "the due time ('termijn') of %s", what);
		rd_fields(R, t, w2, due_fields);
		st->due.school_days = rd_int(R, t, "schooldagen", true, 0, 0, 200, w2);
		st->due.from = (enum pw_due_from)rd_enum(R, t, "vanaf", pw_due_from_names, true, PW_DUE_NONE, w2);
		REFS(l, t, "stappen", steps, "step", false, NULL, w2, st->due.steps, st->due.n_steps);
		if (l->r.failed)
			return;
		int line = ytree_get(t, "vanaf")->line;
		bool wants_steps = st->due.from == PW_DUE_FIRST_OF || st->due.from == PW_DUE_LAST_OF;
		if (st->due.from == PW_DUE_NONE)
			rd_fail(R, line, "%s says 'vanaf: geen'; remove 'termijn' instead.", w2);
		else if (wants_steps && st->due.n_steps == 0)
			rd_fail(R, line, "%s counts from '%s' but lists no 'stappen'. Add the steps it counts from.", w2,
				pw_due_from_names[st->due.from]);
		else if (!wants_steps && st->due.n_steps > 0)
			rd_fail(R, ytree_get(t, "stappen")->line,
				"%s counts from '%s', so 'stappen' has no meaning. Remove it, or use 'eerste_van' or 'laatste_van'.",
				w2, pw_due_from_names[st->due.from]);
		else if (st->due.from == PW_DUE_LEVEL && st->kind != PW_STEP_LEVEL)
			rd_fail(R, line, "%s counts from the case reaching its level, but a %s step has no level.", w2,
				pw_step_kind_names[st->kind]);
		else if (st->due.from == PW_DUE_DECISION && st->kind != PW_STEP_SANCTION)
			rd_fail(R, line, "%s counts from a sanction's decision, but this is not a 'sanctie' step.", w2);
		for (size_t k = 0; k < st->due.n_steps && !l->r.failed; k++) {
			const struct pw_step *o = st->due.steps[k];
			if (o == st)
				rd_fail(R, ytree_get(t, "stappen")->line, "%s counts from the step itself. Remove it from 'stappen'.", w2);
			else if (o->kind != st->kind || o->level != st->level)
				rd_fail(R, ytree_get(t, "stappen")->line,
					"%s counts from '%s', which belongs to '%s', not to '%s'. Count from steps of the same level or group.",
					w2, o->key, group_of(o), group_of(st));
		}
	}
}

/* The `na` graph must be acyclic, or the steps on the cycle wait for each
 * other forever. Depth-first search with colours; the cycle is named. */
static bool cycle_from(struct ld *l, size_t i, unsigned char *colour, size_t *path, size_t depth)
{
	colour[i] = 1;
	path[depth] = i;
	const struct pw_step *st = &l->steps[i];
	for (size_t k = 0; k < st->n_after; k++) {
		size_t j = (size_t)(st->after[k] - l->steps);
		if (colour[j] == 1) {
			char chain[400] = "";
			size_t used = 0;
			size_t start = depth;
			while (start > 0 && path[start] != j)
				start--;
			for (size_t x = start; x <= depth && used < sizeof chain - 1; x++) {
				int w = snprintf(chain + used, sizeof chain - used, "'%s' needs ", l->steps[path[x]].key);
				if (w < 0)
					break;
				used += (size_t)w;
			}
			if (used < sizeof chain - 1)
				snprintf(chain + used, sizeof chain - used, "'%s'", l->steps[j].key);
			rd_fail(R, l->step_line[i],
				"the steps wait for each other in a circle: %s. Remove one of these from 'na'.", chain);
			return true;
		}
		if (colour[j] == 0 && cycle_from(l, j, colour, path, depth + 1))
			return true;
	}
	colour[i] = 2;
	return false;
}

static void check_cycles(struct ld *l)
{
	size_t n = l->p->n_steps;
	if (n == 0 || l->r.failed)
		return;
	unsigned char *colour = pw_calloc(l->r.a, n, 1);
	size_t *path = pw_calloc(l->r.a, n, sizeof *path);
	for (size_t i = 0; i < n; i++)
		if (colour[i] == 0 && cycle_from(l, i, colour, path, 0))
			return;
}

/* Each level's steps, in `volgorde` (file order among equals). */
static void index_level_steps(struct ld *l)
{
	for (size_t v = 0; v < l->p->n_levels; v++) {
		struct pw_level *lv = &l->levels[v];
		size_t cnt = 0;
		for (size_t i = 0; i < l->p->n_steps; i++)
			if (l->steps[i].level == lv)
				cnt++;
		if (cnt == 0)
			continue;
		const struct pw_step **arr = pw_alloc(l->r.a, cnt * sizeof *arr);
		size_t k = 0;
		for (size_t i = 0; i < l->p->n_steps; i++)
			if (l->steps[i].level == lv) {
				/* insertion sort: stable, and lists are short */
				size_t j = k++;
				while (j > 0 && arr[j - 1]->order > l->steps[i].order) {
					arr[j] = arr[j - 1];
					j--;
				}
				arr[j] = &l->steps[i];
			}
		lv->steps = arr;
		lv->n_steps = cnt;
	}
}

/* ---- sanctions -------------------------------------------------------- */

static const char *const sanctions_fields[] = { "tekst", "venster_schooljaren", "wet", "treden", NULL };
static const char *const law_fields[] = { "schorsing_max_schooldagen", "inspectie_melden_boven_schooldagen",
					  "melden_stap", "schriftelijk", "tekst", NULL };
static const char *const rung_fields[] = { "key", "titel", "title_en", "omschrijving", "soort", "door",
					   "eigenaar_na_overleg", "besluit", "schooldagen", "horen", "plichten", NULL };
static const char *const days_fields[] = { "min", "max", NULL };
static const char *const duty_fields[] = { "voor_besluit", "na_besluit", "van_kracht_na", NULL };
static const char *const heard_names[] = { "leerling", "ouders", "docenten", NULL };

static void check_duties(struct ld *l, const struct ynode *n, const struct pw_step **s, size_t cnt, const char *what)
{
	for (size_t k = 0; k < cnt && !l->r.failed; k++)
		if (s[k]->kind != PW_STEP_SANCTION)
			rd_fail(R, n->line,
				"%s lists '%s' as a duty, but that step is not a sanction step. Give the step 'soort: sanctie' or list another.",
				what, s[k]->key);
}

static void read_sanctions(struct ld *l, const struct ynode *root)
{
	struct pw_sanctions *sa = &l->p->sanctions;
	const char *what = "'sancties'";
	struct ynode *m = rd_node(R, root, "sancties", Y_MAP, true, "the protocol");
	if (m == NULL)
		return;
	rd_fields(R, m, what, sanctions_fields);
	sa->tekst = rd_str(R, m, "tekst", false, what);
	sa->window_years = rd_int(R, m, "venster_schooljaren", true, 0, 1, 10, what);
	struct ynode *w = rd_node(R, m, "wet", Y_MAP, true, what);
	if (w) {
		const char *ww = "the law ('sancties.wet')";
		rd_fields(R, w, ww, law_fields);
		sa->suspension_max_days = rd_int(R, w, "schorsing_max_schooldagen", true, 0, 1, 100, ww);
		sa->report_step = REF1(l, w, "melden_stap", steps, "step", false, ww);
		sa->report_above_days = rd_int(R, w, "inspectie_melden_boven_schooldagen", sa->report_step != NULL, 0, 0,
					       100, ww);
		if (!l->r.failed && sa->report_step && sa->report_step->kind != PW_STEP_SANCTION)
			rd_fail(R, ytree_get(w, "melden_stap")->line,
				"%s names '%s' as the duty to report a suspension, but that step is not a sanction step. Give it 'soort: sanctie'.",
				ww, sa->report_step->key);
		sa->written_notice = rd_bool(R, w, "schriftelijk", false, ww);
		sa->wet_tekst = rd_str(R, w, "tekst", false, ww);
	}
	struct ynode *s = section(l, m, "treden", true, what);
	if (!s)
		return;
	l->rungs = pw_calloc(l->r.a, s->n, sizeof *l->rungs);
	sa->rungs = l->rungs;
	sa->n_rungs = s->n;
	read_keys(l, s, l->rungs, sizeof *l->rungs, "sanction rung", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_rung *g = &l->rungs[i];
		const struct ynode *rm = s->items[i];
		char rw[128];
		what_of(rw, sizeof rw, "sanction rung", g->key);
		g->index = i;
		rd_fields(R, rm, rw, rung_fields);
		g->titel = rd_str(R, rm, "titel", true, rw);
		g->title_en = rd_str(R, rm, "title_en", false, rw);
		g->omschrijving = rd_str(R, rm, "omschrijving", false, rw);
		g->kind = (enum pw_rung_kind)rd_enum(R, rm, "soort", pw_rung_kind_names, true, 0, rw);
		REFS(l, rm, "door", roles, "role", true, NULL, rw, g->by, g->n_by);
		g->owner_after_consult = rd_bool(R, rm, "eigenaar_na_overleg", false, rw);
		g->decides = REF1(l, rm, "besluit", roles, "role", false, rw);
		struct ynode *d = rd_node(R, rm, "schooldagen", Y_MAP, g->kind == PW_RUNG_SUSPENSION, rw);
		if (d && g->kind != PW_RUNG_SUSPENSION) {
			rd_fail(R, d->line, "%s is not a suspension, so it has no length; remove 'schooldagen'.", rw);
		} else if (d) {
			char dw[160];
			snprintf(dw, sizeof dw, "the length ('schooldagen') of %s", rw);
			rd_fields(R, d, dw, days_fields);
			g->min_days = rd_int(R, d, "min", true, 0, 1, 100, dw);
			g->max_days = rd_int(R, d, "max", true, 0, 1, 100, dw);
			if (!l->r.failed && g->min_days > g->max_days)
				rd_fail(R, d->line, "%s has a minimum of %d above its maximum of %d.", dw, g->min_days,
					g->max_days);
			if (!l->r.failed && g->max_days > sa->suspension_max_days)
				rd_fail(R, ytree_get(d, "max")->line,
					"%s may last %d school days, but the law allows a suspension of at most %d ('wet.schorsing_max_schooldagen'). Lower 'max'.",
					rw, g->max_days, sa->suspension_max_days);
		}
		size_t nh = 0;
		struct ynode **heard = rd_list(R, rm, "horen", false, &nh, rw);
		if (nh) {
			g->heard = pw_alloc(l->r.a, nh * sizeof *g->heard);
			for (size_t k = 0; k < nh && !l->r.failed; k++) {
				int v = rd_enum_node(R, heard[k], "horen", heard_names, rw);
				if (v >= 0)
					g->heard[k] = heard_names[v];
			}
			g->n_heard = nh;
		}
		struct ynode *pl = rd_node(R, rm, "plichten", Y_MAP, false, rw);
		if (pl) {
			char pw2[160];
			snprintf(pw2, sizeof pw2, "the duties ('plichten') of %s", rw);
			rd_fields(R, pl, pw2, duty_fields);
			REFS(l, pl, "voor_besluit", steps, "step", false, NULL, pw2, g->before_decision, g->n_before_decision);
			REFS(l, pl, "na_besluit", steps, "step", false, NULL, pw2, g->on_approval, g->n_on_approval);
			REFS(l, pl, "van_kracht_na", steps, "step", false, NULL, pw2, g->in_effect_after, g->n_in_effect_after);
			check_duties(l, pl, g->before_decision, g->n_before_decision, rw);
			check_duties(l, pl, g->on_approval, g->n_on_approval, rw);
			for (size_t k = 0; k < g->n_in_effect_after && !l->r.failed; k++) {
				bool opened = false;
				for (size_t x = 0; x < g->n_on_approval; x++)
					opened |= g->on_approval[x] == g->in_effect_after[k];
				if (!opened)
					rd_fail(R, ytree_get(pl, "van_kracht_na")->line,
						"%s takes effect after '%s', but that step is not opened on approval. Add it to 'na_besluit'.",
						rw, g->in_effect_after[k]->key);
			}
			if (!l->r.failed && g->decides == NULL && (g->n_before_decision || g->n_in_effect_after))
				rd_fail(R, pl->line,
					"%s has duties before a decision, but no one decides it ('besluit'). Add 'besluit' or remove those duties.",
					rw);
		}
	}
	/* A sanction step that no rung opens would never appear on a case. */
	for (size_t i = 0; i < l->p->n_steps && !l->r.failed; i++) {
		const struct pw_step *st = &l->steps[i];
		if (st->kind != PW_STEP_SANCTION)
			continue;
		bool used = sa->report_step == st;
		for (size_t k = 0; k < sa->n_rungs && !used; k++) {
			const struct pw_rung *g = &sa->rungs[k];
			for (size_t x = 0; x < g->n_before_decision; x++)
				used |= g->before_decision[x] == st;
			for (size_t x = 0; x < g->n_on_approval; x++)
				used |= g->on_approval[x] == st;
		}
		if (!used)
			rd_fail(R, l->step_line[i],
				"step '%s' is a sanction duty, but no rung of the ladder opens it. List it in a rung's 'plichten' (or as 'wet.melden_stap'), or remove it.",
				st->key);
	}
}

/* ---- signal vocabulary -------------------------------------------------- */

static const char *const flag_fields[] = { "key", "titel", "title_en", "omschrijving", "keuzes", NULL };

static void read_flags(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "vlaggen", false, "the protocol");
	if (!s)
		return;
	l->flags = pw_calloc(l->r.a, s->n, sizeof *l->flags);
	l->p->flags = l->flags;
	l->p->n_flags = s->n;
	read_keys(l, s, l->flags, sizeof *l->flags, "flag", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_flag *f = &l->flags[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "flag", f->key);
		rd_fields(R, m, what, flag_fields);
		f->titel = rd_str(R, m, "titel", true, what);
		f->title_en = rd_str(R, m, "title_en", false, what);
		f->omschrijving = rd_str(R, m, "omschrijving", false, what);
		if (ytree_get(m, "keuzes")) {
			struct pw_item *items;
			size_t cnt;
			READ_ITEMS(l, m, "keuzes", true, "choice", struct pw_item, items, cnt, what);
			f->choice = true;
			f->choices = items;
			f->n_choices = cnt;
		}
	}
}

static const char *const checklist_fields[] = { "key", "titel", "title_en", "rol", "items", NULL };

static void read_checklists(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "checklists", false, "the protocol");
	if (!s)
		return;
	l->checklists = pw_calloc(l->r.a, s->n, sizeof *l->checklists);
	l->p->checklists = l->checklists;
	l->p->n_checklists = s->n;
	read_keys(l, s, l->checklists, sizeof *l->checklists, "checklist", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_checklist *c = &l->checklists[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "checklist", c->key);
		rd_fields(R, m, what, checklist_fields);
		c->titel = rd_str(R, m, "titel", true, what);
		c->title_en = rd_str(R, m, "title_en", false, what);
		c->role = REF1(l, m, "rol", sitroles, "role in a bullying situation (situatierol)", true, what);
		struct pw_item *items;
		size_t cnt;
		READ_ITEMS(l, m, "items", true, "checklist item", struct pw_item, items, cnt, what);
		c->items = items;
		c->n_items = cnt;
		/* Signals record checklist keys without their list (the API's
		 * `signalen`), so a key must be unique over all checklists. */
		for (size_t k = 0; k < cnt && !l->r.failed; k++)
			for (size_t j = 0; j < i; j++)
				if (pw__find(l->checklists[j].items, l->checklists[j].n_items, sizeof(struct pw_item),
					     items[k].key) >= 0)
					rd_fail(R, ytree_get(ytree_get(m, "items")->items[k], "key")->line,
						"checklist item '%s' is also in checklist '%s'. Item keys must be unique over all checklists.",
						items[k].key, l->checklists[j].key);
	}
}

static const char *const cyber_fields[] = { "tekst", "soorten", "platforms", "adviezen", "geen_bewijs_melding", NULL };
static const char *const ckind_fields[] = { "key", "titel", "title_en", "omschrijving", "geen_bewijs", NULL };
static const char *const platform_fields[] = { "key", "titel", "vrije_tekst", NULL };

static void read_cyber(struct ld *l, const struct ynode *root)
{
	struct pw_cyber *c = &l->p->cyber;
	const char *what = "'cyber'";
	struct ynode *m = rd_node(R, root, "cyber", Y_MAP, false, "the protocol");
	if (m == NULL)
		return;
	rd_fields(R, m, what, cyber_fields);
	c->tekst = rd_str(R, m, "tekst", false, what);
	c->no_evidence_msg = rd_str(R, m, "geen_bewijs_melding", false, what);
	struct ynode *s = section(l, m, "soorten", true, what);
	if (s) {
		struct pw_cyber_kind *k = pw_calloc(l->r.a, s->n, sizeof *k);
		read_keys(l, s, k, sizeof *k, "cyber kind", false);
		for (size_t i = 0; i < s->n && !l->r.failed; i++) {
			char w[128];
			what_of(w, sizeof w, "cyber kind", k[i].key);
			rd_fields(R, s->items[i], w, ckind_fields);
			k[i].titel = rd_str(R, s->items[i], "titel", true, w);
			k[i].title_en = rd_str(R, s->items[i], "title_en", false, w);
			k[i].omschrijving = rd_str(R, s->items[i], "omschrijving", false, w);
			k[i].no_evidence = rd_bool(R, s->items[i], "geen_bewijs", false, w);
			if (!l->r.failed && k[i].no_evidence && c->no_evidence_msg == NULL)
				rd_fail(R, ytree_get(s->items[i], "geen_bewijs")->line,
					"%s refuses evidence, so 'cyber' needs a 'geen_bewijs_melding': what the user is told instead.",
					w);
		}
		c->kinds = k;
		c->n_kinds = s->n;
	}
	s = section(l, m, "platforms", false, what);
	if (s) {
		struct pw_platform *pf = pw_calloc(l->r.a, s->n, sizeof *pf);
		read_keys(l, s, pf, sizeof *pf, "platform", false);
		for (size_t i = 0; i < s->n && !l->r.failed; i++) {
			char w[128];
			what_of(w, sizeof w, "platform", pf[i].key);
			rd_fields(R, s->items[i], w, platform_fields);
			pf[i].titel = rd_str(R, s->items[i], "titel", true, w);
			pf[i].free_text = rd_bool(R, s->items[i], "vrije_tekst", false, w);
		}
		c->platforms = pf;
		c->n_platforms = s->n;
	}
	struct pw_item *adv;
	size_t n_adv;
	READ_ITEMS(l, m, "adviezen", false, "advice", struct pw_item, adv, n_adv, what);
	c->advice = adv;
	c->n_advice = n_adv;
}

/* ---- rules ------------------------------------------------------------ */

static const char *const rules_fields[] = { "start_niveau", "verdenking", "koppelen", "herhaling", "heropenen",
					    "klasoverstijgend", "direct_hoger", "afspraken", "mt_advies", "overslaan",
					    "sluiten", "eigenaar_wijzigen", "afwijken", "meldcode", NULL };

static struct ynode *rule(struct ld *l, const struct ynode *m, const char *name, bool required,
			  const char *const *fields, char *what, size_t wn)
{
	snprintf(what, wn, "the rule 'regels.%s'", name);
	struct ynode *n = rd_node(R, m, name, Y_MAP, required, "'regels'");
	if (n)
		rd_fields(R, n, what, fields);
	return n;
}

static void read_rules(struct ld *l, const struct ynode *root)
{
	struct pw_rules *ru = &l->p->rules;
	struct ynode *m = rd_node(R, root, "regels", Y_MAP, true, "the protocol");
	if (m == NULL)
		return;
	rd_fields(R, m, "'regels'", rules_fields);
	char w[96];
	ru->start = REF1(l, m, "start_niveau", levels, "level", true, "'regels'");

	static const char *const suspicion_f[] = { "patroon", NULL };
	static const char *const pattern_f[] = { "aantal", "weken", NULL };
	struct ynode *n = rule(l, m, "verdenking", true, suspicion_f, w, sizeof w);
	struct ynode *pat = rd_node(R, n, "patroon", Y_MAP, true, w);
	if (pat) {
		rd_fields(R, pat, w, pattern_f);
		ru->pattern_count = rd_int(R, pat, "aantal", true, 0, 2, 100, w);
		ru->pattern_weeks = rd_int(R, pat, "weken", true, 0, 1, 104, w);
	}

	static const char *const roles_f[] = { "rollen", NULL };
	n = rule(l, m, "koppelen", true, roles_f, w, sizeof w);
	REFS(l, n, "rollen", sitroles, "role in a bullying situation (situatierol)", true, NULL, w, ru->join, ru->n_join);

	static const char *const recur_f[] = { "na_afspraken", "naar_niveau", NULL };
	n = rule(l, m, "herhaling", true, recur_f, w, sizeof w);
	ru->recur_after_agreements = rd_bool(R, n, "na_afspraken", true, w);
	ru->recur_to = REF1(l, n, "naar_niveau", levels, "level", true, w);

	static const char *const reopen_f[] = { "schooljaren", "niveau", NULL };
	n = rule(l, m, "heropenen", true, reopen_f, w, sizeof w);
	ru->reopen_years = rd_int(R, n, "schooljaren", true, 0, 0, 10, w);
	ru->reopen_at = REF1(l, n, "niveau", levels, "level", true, w);

	static const char *const cross_f[] = { "rollen", "niveau", NULL };
	n = rule(l, m, "klasoverstijgend", true, cross_f, w, sizeof w);
	REFS(l, n, "rollen", sitroles, "role in a bullying situation (situatierol)", true, NULL, w, ru->crossing,
	     ru->n_crossing);
	ru->crossing_at = REF1(l, n, "niveau", levels, "level", true, w);

	static const char *const direct_f[] = { "niveau", NULL };
	n = rule(l, m, "direct_hoger", true, direct_f, w, sizeof w);
	ru->direct_at = REF1(l, n, "niveau", levels, "level", true, w);

	static const char *const agree_f[] = { "evalueren_na_schooldagen", "opnieuw_na_schooldagen", "uitkomsten", NULL };
	static const char *const outcome_f[] = { "key", "titel", "title_en", "gevolg", NULL };
	n = rule(l, m, "afspraken", true, agree_f, w, sizeof w);
	ru->agreement_days = rd_int(R, n, "evalueren_na_schooldagen", true, 0, 1, 200, w);
	ru->agreement_again_days = rd_int(R, n, "opnieuw_na_schooldagen", true, 0, 1, 200, w);
	struct ynode *s = n ? section(l, n, "uitkomsten", true, w) : NULL;
	if (s) {
		struct pw_eval_outcome *o = pw_calloc(l->r.a, s->n, sizeof *o);
		read_keys(l, s, o, sizeof *o, "evaluation outcome", false);
		bool effect_seen[3] = { false, false, false };
		for (size_t i = 0; i < s->n && !l->r.failed; i++) {
			char ow[128];
			what_of(ow, sizeof ow, "evaluation outcome", o[i].key);
			rd_fields(R, s->items[i], ow, outcome_f);
			o[i].titel = rd_str(R, s->items[i], "titel", true, ow);
			o[i].title_en = rd_str(R, s->items[i], "title_en", false, ow);
			o[i].effect = (enum pw_eval_effect)rd_enum(R, s->items[i], "gevolg", pw_eval_effect_names, true, 0, ow);
			if (!l->r.failed)
				effect_seen[o[i].effect] = true;
		}
		for (int e = 0; e < 3 && !l->r.failed; e++)
			if (!effect_seen[e])
				rd_fail(R, s->line,
					"the outcomes of an agreement's evaluation need one with 'gevolg: %s'. Add it.",
					pw_eval_effect_names[e]);
		ru->outcomes = o;
		ru->n_outcomes = s->n;
	}

	static const char *const advice_f[] = { "escalatie", "vormen", "vlaggen", "tekst", NULL };
	n = rule(l, m, "mt_advies", false, advice_f, w, sizeof w);
	if (n) {
		ru->advice_escalation = REF1(l, n, "escalatie", escalations, "escalation", true, w);
		REFS(l, n, "vormen", forms, "form of bullying (vorm)", false, NULL, w, ru->advice_forms,
		     ru->n_advice_forms);
		REFS(l, n, "vlaggen", flags, "flag", false, NULL, w, ru->advice_flags, ru->n_advice_flags);
		ru->advice_tekst = rd_str(R, n, "tekst", false, w);
	}

	static const char *const by_f[] = { "door", NULL };
	n = rule(l, m, "overslaan", true, by_f, w, sizeof w);
	REFS(l, n, "door", roles, "role", true, &ru->skip_owner, w, ru->skip_by, ru->n_skip_by);
	n = rule(l, m, "sluiten", true, by_f, w, sizeof w);
	REFS(l, n, "door", roles, "role", true, &ru->close_owner, w, ru->close_by, ru->n_close_by);
	n = rule(l, m, "eigenaar_wijzigen", true, by_f, w, sizeof w);
	REFS(l, n, "door", roles, "role", true, NULL, w, ru->reassign_by, ru->n_reassign_by);

	static const char *const dev_f[] = { "door", "tekst", NULL };
	n = rule(l, m, "afwijken", false, dev_f, w, sizeof w);
	if (n) {
		ru->deviation_by = REF1(l, n, "door", roles, "role", true, w);
		ru->deviation_tekst = rd_str(R, n, "tekst", false, w);
	}
	static const char *const text_f[] = { "tekst", NULL };
	n = rule(l, m, "meldcode", false, text_f, w, sizeof w);
	ru->meldcode_tekst = rd_str(R, n, "tekst", n != NULL, w);
}

/* Every level must be reachable: from the start level, by a rule, or by an
 * escalation, then onwards by `volgende`. A level nothing leads to would be
 * a part of the protocol that can never happen. */
static void check_reachable(struct ld *l)
{
	size_t n = l->p->n_levels;
	if (l->r.failed || n == 0)
		return;
	bool *seen = pw_calloc(l->r.a, n, sizeof *seen);
	const struct pw_rules *ru = &l->p->rules;
	const struct pw_level *roots[] = { ru->start, ru->recur_to, ru->reopen_at, ru->crossing_at, ru->direct_at };
	for (size_t i = 0; i < sizeof roots / sizeof *roots; i++)
		if (roots[i])
			seen[roots[i]->index] = true;
	for (size_t i = 0; i < l->p->n_escalations; i++)
		if (l->escalations[i].level)
			seen[l->escalations[i].level->index] = true;
	/* `volgende` only points down the list, so one pass in order closes it. */
	for (size_t i = 0; i < n; i++)
		if (seen[i] && l->levels[i].next)
			seen[l->levels[i].next->index] = true;
	for (size_t i = 0; i < n; i++)
		if (!seen[i]) {
			rd_fail(R, l->level_line[i],
				"level '%s' can never be reached: it is not the start level, no rule or escalation leads to it, and no level has 'volgende: %s'. Add it to 'volgende' of the level before it, or remove it.",
				l->levels[i].key, l->levels[i].key);
			return;
		}
}

/* ---- prevention, access, chapters --------------------------------------- */

static const char *const prev_fields[] = { "key", "titel", "title_en", "tekst", "wie", "bevestigen", "doorlopend",
					   "momenten", "url", NULL };
static const char *const moment_fields[] = { "wanneer", "leerjaren", "schoolweek", "voor", "wens", NULL };

static void read_prevention(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "preventie", false, "the protocol");
	if (!s)
		return;
	l->prevention = pw_calloc(l->r.a, s->n, sizeof *l->prevention);
	l->p->prevention = l->prevention;
	l->p->n_prevention = s->n;
	read_keys(l, s, l->prevention, sizeof *l->prevention, "prevention activity", false);
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		struct pw_prevention *pv = &l->prevention[i];
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "prevention activity", pv->key);
		rd_fields(R, m, what, prev_fields);
		pv->titel = rd_str(R, m, "titel", true, what);
		pv->title_en = rd_str(R, m, "title_en", false, what);
		pv->tekst = rd_str(R, m, "tekst", false, what);
		pv->who = REF1(l, m, "wie", roles, "role", false, what);
		pv->confirm = rd_bool(R, m, "bevestigen", false, what);
		pv->ongoing = rd_bool(R, m, "doorlopend", false, what);
		pv->url = rd_str(R, m, "url", false, what);
		if (pv->url && strncmp(pv->url, "https://", 8) != 0 && strncmp(pv->url, "http://", 7) != 0)
			rd_fail(R, ytree_get(m, "url")->line, "the 'url' of %s must start with https:// or http://.", what);
		struct ynode *ms = rd_node(R, m, "momenten", Y_SEQ, false, what);
		if (ms == NULL)
			continue;
		if (ms->n > RD_MAX_ENTRIES) {
			rd_fail(R, ms->line, "%s has more than %d moments.", what, RD_MAX_ENTRIES);
			break;
		}
		struct pw_moment *mo = pw_calloc(l->r.a, ms->n, sizeof *mo);
		pv->moments = mo;
		pv->n_moments = ms->n;
		for (size_t j = 0; j < ms->n && !l->r.failed; j++) {
			const struct ynode *mm = ms->items[j];
			char mw[160];
			snprintf(mw, sizeof mw, "moment %zu of %s", j + 1, what);
			if (mm->type != Y_MAP) {
				rd_fail(R, mm->line, "%s must be a group of fields (wanneer, leerjaren, ...).", mw);
				break;
			}
			rd_fields(R, mm, mw, moment_fields);
			mo[j].wanneer = rd_str(R, mm, "wanneer", true, mw);
			mo[j].week = rd_int(R, mm, "schoolweek", false, 0, 1, 53, mw);
			mo[j].advised = rd_bool(R, mm, "wens", false, mw);
			size_t ny = 0;
			struct ynode **ys = rd_list(R, mm, "leerjaren", false, &ny, mw);
			if (ny) {
				int *years = pw_alloc(l->r.a, ny * sizeof *years);
				for (size_t k = 0; k < ny && !l->r.failed; k++) {
					char *end = NULL;
					errno = 0;
					long v = strtol(ys[k]->str, &end, 10);
					if (ys[k]->len == 0 || errno || *end || v < 1 || v > 8)
						rd_fail(R, ys[k]->line, "'leerjaren' of %s must list school years 1 to 8, not '%.20s'.",
							mw, ys[k]->str);
					years[k] = (int)v;
				}
				mo[j].years = years;
				mo[j].n_years = ny;
			}
			struct ynode *vn = rd_node(R, mm, "voor", Y_SCALAR, false, mw);
			if (vn) {
				long x = ref_node(l, vn, "voor", NS(l, prevention, "prevention activity"), mw);
				if (x >= 0)
					mo[j].before = l->prevention[x].key;
			}
		}
	}
}

static const char *const access_rule_fields[] = { "aandacht_voor_iedereen", "ouder_uitgesloten",
						  "verborgen_is_onbekend", "klassen_ook_openingsjaar", NULL };

static void read_access(struct ld *l, const struct ynode *root)
{
	struct pw_access_rules *a = &l->p->access;
	const char *what = "'toegang'";
	struct ynode *m = rd_node(R, root, "toegang", Y_MAP, true, "the protocol");
	if (m == NULL)
		return;
	rd_fields(R, m, what, access_rule_fields);
	a->attention_for_all = rd_bool(R, m, "aandacht_voor_iedereen", true, what);
	a->parent_excluded = rd_bool(R, m, "ouder_uitgesloten", true, what);
	a->hidden_is_missing = rd_bool(R, m, "verborgen_is_onbekend", true, what);
	a->classes_open_year = rd_bool(R, m, "klassen_ook_openingsjaar", true, what);
}

static const char *const chapter_fields[] = { "key", "titel", "tekst", "invoegen", NULL };

static void read_chapters(struct ld *l, const struct ynode *root)
{
	struct ynode *s = section(l, root, "hoofdstukken", true, "the protocol");
	if (!s)
		return;
	struct pw_chapter *c = pw_calloc(l->r.a, s->n, sizeof *c);
	l->p->chapters = c;
	l->p->n_chapters = s->n;
	read_keys(l, s, c, sizeof *c, "chapter", false);
	int used_line[32] = { 0 };
	for (size_t i = 0; i < s->n && !l->r.failed; i++) {
		const struct ynode *m = s->items[i];
		char what[128];
		what_of(what, sizeof what, "chapter", c[i].key);
		rd_fields(R, m, what, chapter_fields);
		c[i].titel = rd_str(R, m, "titel", true, what);
		c[i].tekst = rd_str(R, m, "tekst", false, what);
		size_t nb = 0;
		struct ynode **bs = rd_list(R, m, "invoegen", false, &nb, what);
		if (!l->r.failed && c[i].tekst == NULL && nb == 0)
			rd_fail(R, ytree_get(m, "key")->line, "%s has neither 'tekst' nor 'invoegen'. Give it one, or remove it.",
				what);
		if (nb == 0)
			continue;
		c[i].blocks = pw_alloc(l->r.a, nb * sizeof *c[i].blocks);
		c[i].n_blocks = nb;
		for (size_t k = 0; k < nb && !l->r.failed; k++) {
			int v = rd_enum_node(R, bs[k], "invoegen", pw_block_names, what);
			if (v < 0)
				break;
			if (used_line[v]) {
				rd_fail(R, bs[k]->line, "'%s' is already inserted on line %d; each part can appear once.",
					pw_block_names[v], used_line[v]);
				break;
			}
			used_line[v] = bs[k]->line;
			c[i].blocks[k] = pw_block_names[v];
		}
	}
}

/* ---- entry points ----------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

struct pw_protocol *pw_protocol_load_buffer(const char *text, size_t len, const char *name, struct pw_err *err)
{
	struct pw_err scratch;
	if (err == NULL)
		err = &scratch;
	pw_err_clear(err);
	if (name == NULL)
		name = "protocol";
	if (len > PW_PROTOCOL_MAX_BYTES) {
		pw_err_set(err, PW_ETOOBIG, "%s: the file is larger than %u bytes; a protocol definition is far smaller.",
			   name, PW_PROTOCOL_MAX_BYTES);
		return NULL;
	}
	struct pw_protocol *p = pw_xcalloc(1, sizeof *p);
	pw_arena_init(&p->arena);
	/* The YAML tree lives only while loading. */
	struct pw_arena tmp;
	pw_arena_init(&tmp);
	struct ld l = { .r = { .a = &p->arena, .name = name, .err = err }, .p = p };
	struct ynode *root = ytree_parse(&tmp, text, len, name, err);
	if (root == NULL)
		goto fail;
	p->source = pw_strdup(&p->arena, name);
	read_header(&l, root);
	read_functies(&l, root);
	read_roles(&l, root);
	READ_ITEMS(&l, root, "situatierollen", true, "role in a bullying situation (situatierol)", struct pw_sitrole,
		   l.sitroles, p->n_sitroles, "the protocol");
	p->sitroles = l.sitroles;
	READ_ITEMS(&l, root, "vormen", true, "form of bullying (vorm)", struct pw_form, l.forms, p->n_forms, "the protocol");
	p->forms = l.forms;
	read_flags(&l, root);
	read_guides(&l, root);
	read_kinds(&l, root);
	read_levels(&l, root);
	read_escalations(&l, root);
	read_referrals(&l, root);
	read_steps(&l, root);
	check_cycles(&l);
	read_sanctions(&l, root);
	read_checklists(&l, root);
	read_cyber(&l, root);
	read_rules(&l, root);
	check_reachable(&l);
	read_prevention(&l, root);
	read_access(&l, root);
	read_chapters(&l, root);
	if (l.r.failed)
		goto fail;
	index_level_steps(&l);
	pw_arena_free(&tmp);
	return p;
fail:
	pw_arena_free(&tmp);
	pw_protocol_free(p);
	return NULL;
}

struct pw_protocol *pw_protocol_load_file(const char *path, struct pw_err *err)
{
	struct pw_err scratch;
	if (err == NULL)
		err = &scratch;
	const char *name = base_name(path);
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		pw_err_set(err, PW_EIO, "%s: cannot open the file (%s). Check the path.", path, strerror(errno));
		return NULL;
	}
	struct pw_buf b;
	pw_buf_init(&b);
	char chunk[16384];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		pw_buf_put(&b, chunk, got);
		if (b.len > PW_PROTOCOL_MAX_BYTES)
			break;
	}
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad) {
		pw_buf_free(&b);
		pw_err_set(err, PW_EIO, "%s: the file could not be read. Check that it is a readable file.", path);
		return NULL;
	}
	struct pw_protocol *p = pw_protocol_load_buffer(b.data ? b.data : "", b.len, name, err);
	pw_buf_free(&b);
	return p;
}

void pw_protocol_free(struct pw_protocol *p)
{
	if (p == NULL)
		return;
	pw_arena_free(&p->arena);
	free(p);
}
