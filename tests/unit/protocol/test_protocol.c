/* The protocol loader and validator against good and broken definitions,
 * the two shipped definitions, lookups, JSON, and the rendered document.
 * Runs from the project root (meson's workdir). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "protocol/protocol.h"

#define LEKPOORT "protocols/lekpoort.yaml"
#define BASISSCHOOL "protocols/basisschool.yaml"
#define MINIMAL "tests/unit/protocol/minimal.yaml"
#define BROKEN "tests/unit/protocol/broken/"

static struct pw_protocol *load_ok(const char *path)
{
	struct pw_err e;
	struct pw_protocol *p = pw_protocol_load_file(path, &e);
	if (p == NULL)
		fail_msg("%s did not load: %s", path, e.msg);
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct pw_buf b;
	pw_buf_init(&b);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		pw_buf_put(&b, chunk, n);
	fclose(f);
	return pw_buf_steal(&b, len);
}

/* ---- Lekpoort says what PROTOCOL.md says ------------------------------ */

static void test_lekpoort_levels_and_steps(void **state)
{
	(void)state;
	struct pw_protocol *p = load_ok(LEKPOORT);
	assert_string_equal(p->id, "lekpoort");
	assert_string_equal(p->schooltype, "vo");
	assert_int_equal(p->n_levels, 2);
	const struct pw_level *m = pw_protocol_level(p, "mentor"), *c = pw_protocol_level(p, "clz");
	assert_non_null(m);
	assert_non_null(c);
	assert_ptr_equal(m->next, c);
	assert_string_equal(m->owner->key, "mentor");
	assert_int_equal(m->owner_scope, PW_OWNER_CLASS);
	assert_string_equal(m->owner_of->key, "gepeste");
	assert_string_equal(c->owner->key, "clz");
	assert_int_equal(c->owner_scope, PW_OWNER_DEPARTMENT);

	static const char *const keys[] = {
		"mentor.gesprek_gepeste", "mentor.gesprek_pester", "mentor.gesprek_samen", "mentor.ouders_informeren",
		"mentor.klasgesprek", "clz.overname", "clz.gesprek_pester", "clz.gesprek_gepeste", "clz.hulp_adviseren",
		"clz.ouders_informeren", "clz.hulp_ouders", "clz.sancties", "clz.terugkoppeling", "cyber.bewijs_bewaren",
		"cyber.blokkeren", "cyber.dader_opsporen", "cyber.ouders_gepeste", "cyber.privesfeer",
		"sanctie.inspectie_overleg", "sanctie.inspectie_melden", "sanctie.leerplicht_informeren",
		"sanctie.andere_school",
	};
	assert_int_equal(p->n_steps, sizeof keys / sizeof *keys);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (pw_protocol_step(p, keys[i]) == NULL)
			fail_msg("step %s is missing", keys[i]);
	assert_int_equal(m->n_steps, 5);
	assert_string_equal(m->steps[0]->key, "mentor.gesprek_gepeste");
	assert_int_equal(c->n_steps, 8);
	assert_string_equal(c->steps[7]->key, "clz.terugkoppeling");

	/* "goed om", "zo nodig", "eventueel", situation-dependent */
	assert_int_equal(pw_protocol_step(p, "mentor.ouders_informeren")->need, PW_NEED_ADVISED);
	assert_int_equal(pw_protocol_step(p, "mentor.klasgesprek")->need, PW_NEED_OPTIONAL);
	assert_int_equal(pw_protocol_step(p, "clz.hulp_adviseren")->need, PW_NEED_OPTIONAL);
	assert_int_equal(pw_protocol_step(p, "clz.sancties")->need, PW_NEED_OPTIONAL);
	assert_int_equal(pw_protocol_step(p, "mentor.gesprek_gepeste")->need, PW_NEED_REQUIRED);

	/* Order: the target first, then the bully, then both. */
	const struct pw_step *s = pw_protocol_step(p, "mentor.gesprek_pester");
	assert_int_equal(s->n_after, 1);
	assert_string_equal(s->after[0]->key, "mentor.gesprek_gepeste");
	assert_int_equal(pw_protocol_step(p, "mentor.gesprek_samen")->n_after, 2);

	/* Section 7's due times. */
	s = pw_protocol_step(p, "mentor.gesprek_gepeste");
	assert_int_equal(s->due.from, PW_DUE_SIGNAL);
	assert_int_equal(s->due.school_days, 3);
	assert_int_equal(pw_protocol_step(p, "mentor.gesprek_pester")->due.school_days, 3);
	assert_int_equal(pw_protocol_step(p, "mentor.gesprek_samen")->due.school_days, 3);
	s = pw_protocol_step(p, "mentor.ouders_informeren");
	assert_int_equal(s->due.from, PW_DUE_FIRST_OF);
	assert_int_equal(s->due.school_days, 2);
	assert_string_equal(s->due.steps[0]->key, "mentor.gesprek_gepeste");
	s = pw_protocol_step(p, "clz.overname");
	assert_int_equal(s->due.from, PW_DUE_LEVEL);
	assert_int_equal(s->due.school_days, 2);
	s = pw_protocol_step(p, "clz.terugkoppeling");
	assert_int_equal(s->due.from, PW_DUE_LAST_OF);
	assert_int_equal(s->due.school_days, 5);
	assert_int_equal(s->due.n_steps, 2);
	assert_int_equal(p->rules.agreement_days, 10);
	assert_int_equal(p->rules.agreement_again_days, 10);

	/* What completes a step. */
	s = pw_protocol_step(p, "clz.gesprek_pester");
	assert_int_equal(s->done_by, PW_DONE_CONVERSATION);
	assert_int_equal(s->n_kinds, 2); /* a joint talk completes both CLZ talks */
	assert_string_equal(s->about[0]->key, "pester");
	assert_int_equal(pw_protocol_step(p, "mentor.ouders_informeren")->done_by, PW_DONE_PARENT_CONTACT);
	assert_int_equal(pw_protocol_step(p, "clz.hulp_adviseren")->done_by, PW_DONE_REFERRAL);
	assert_int_equal(pw_protocol_step(p, "clz.sancties")->done_by, PW_DONE_SANCTION);
	assert_true(pw_protocol_step(p, "cyber.blokkeren")->owner_may);
	assert_int_equal(pw_protocol_step(p, "cyber.blokkeren")->kind, PW_STEP_CYBER);
	assert_int_equal(pw_protocol_step(p, "sanctie.inspectie_melden")->kind, PW_STEP_SANCTION);
	pw_protocol_free(p);
}

static void test_lekpoort_rules_and_sanctions(void **state)
{
	(void)state;
	struct pw_protocol *p = load_ok(LEKPOORT);
	const struct pw_rules *r = &p->rules;
	assert_string_equal(r->start->key, "mentor");
	assert_int_equal(r->pattern_count, 3);
	assert_int_equal(r->pattern_weeks, 8);
	assert_int_equal(r->n_join, 2);
	assert_true(r->recur_after_agreements);
	assert_string_equal(r->recur_to->key, "clz");
	assert_int_equal(r->reopen_years, 2);
	assert_string_equal(r->reopen_at->key, "clz");
	assert_string_equal(r->crossing_at->key, "clz");
	assert_string_equal(r->direct_at->key, "clz");
	assert_string_equal(r->advice_escalation->key, "mt");
	assert_int_equal(r->n_advice_forms, 2);
	assert_string_equal(r->advice_flags[0]->key, "geweld_of_dreiging");
	assert_true(r->skip_owner);
	assert_string_equal(r->deviation_by->key, "mt");
	assert_int_equal(pw_protocol_outcome(p, "doorgegaan")->effect, PW_EVAL_RECURRED);

	const struct pw_sanctions *sa = &p->sanctions;
	assert_int_equal(sa->window_years, 2);
	assert_int_equal(sa->suspension_max_days, 5);
	assert_int_equal(sa->report_above_days, 1);
	assert_int_equal(sa->n_rungs, 4);
	const struct pw_rung *g = pw_protocol_rung(p, "gesprek");
	assert_int_equal(g->index, 0);
	assert_null(g->decides);
	assert_true(g->owner_after_consult);
	g = pw_protocol_rung(p, "schorsing_kort");
	assert_string_equal(g->decides->key, "mt");
	assert_int_equal(g->min_days, 1);
	assert_int_equal(g->max_days, 1);
	assert_int_equal(g->n_on_approval, 0);
	g = pw_protocol_rung(p, "schorsing_lang");
	assert_int_equal(g->min_days, 2);
	assert_int_equal(g->max_days, 5);
	assert_int_equal(g->n_on_approval, 0);
	assert_string_equal(sa->report_step->key, "sanctie.inspectie_melden"); /* a suspension over 1 day */
	g = pw_protocol_rung(p, "verwijdering");
	assert_int_equal(g->index, 3);
	assert_string_equal(g->before_decision[0]->key, "sanctie.inspectie_overleg");
	assert_int_equal(g->n_on_approval, 2);
	assert_string_equal(g->in_effect_after[0]->key, "sanctie.andere_school");
	assert_int_equal(g->n_heard, 3);

	/* Escalations, kinds, guides, vocabulary. */
	assert_int_equal(pw_protocol_escalation(p, "clz")->kind, PW_ESC_LEVEL);
	assert_int_equal(pw_protocol_escalation(p, "apc")->kind, PW_ESC_CONSULT);
	assert_int_equal(pw_protocol_escalation(p, "mt")->kind, PW_ESC_BRING_IN);
	static const char *const kinds[] = { "gepeste", "pester", "samen", "klas", "ouders" };
	for (size_t i = 0; i < 5; i++)
		assert_non_null(pw_protocol_kind(p, kinds[i]));
	assert_true(pw_protocol_kind(p, "ouders")->parent_contact);
	assert_true(pw_protocol_kind(p, "klas")->whole_class);
	const struct pw_guide *gd = pw_protocol_kind(p, "gepeste")->guide;
	assert_string_equal(gd->key, "gids_gepeste");
	assert_non_null(pw_guide_question(gd, "wat_wil_je"));
	assert_null(pw_guide_question(gd, "smart"));
	assert_int_equal(p->n_forms, 7);
	assert_int_equal(p->cyber.n_kinds, 9);
	assert_int_equal(p->cyber.n_platforms, 12);
	assert_true(pw_protocol_platform(p, "anders")->free_text);
	assert_int_equal(pw_protocol_checklist(p, "signalen_gepeste")->n_items, 13);
	assert_int_equal(pw_protocol_checklist(p, "oorzaken_pester")->n_items, 5);
	assert_non_null(pw_protocol_signal_item(p, "blessures_scheppen"));
	assert_non_null(pw_flag_choice(pw_protocol_flag(p, "discriminatie"), "seksuele_orientatie"));
	static const char *const prev[] = { "brugklaskamp", "protocol_les", "mentoruren", "antipestweek",
					    "collegas_op_de_hoogte", "magister_notities", "wow_week" };
	for (size_t i = 0; i < sizeof prev / sizeof *prev; i++)
		assert_non_null(pw_protocol_prevention(p, prev[i]));
	static const char *const sit[] = { "gepeste", "pester", "meeloper", "aanmoediger", "publiek", "verdediger" };
	for (size_t i = 0; i < 6; i++)
		assert_non_null(pw_protocol_sitrole(p, sit[i]));
	static const char *const fn[] = { "vakdocent", "mentor", "clz", "apc", "mt", "leerlingbegeleider", "ib",
					  "vertrouwenspersoon", "beheerder" };
	for (size_t i = 0; i < 9; i++)
		assert_non_null(pw_protocol_functie(p, fn[i]));
	assert_int_equal(pw_protocol_functie(p, "beheerder")->access.read, PW_READ_NONE);
	assert_true(pw_protocol_functie(p, "mt")->access.audit);
	assert_true(pw_role_has_functie(pw_protocol_role(p, "clz"), "clz"));
	assert_false(pw_role_has_functie(pw_protocol_role(p, "clz"), "mentor"));
	pw_protocol_free(p);
}

static void test_lookups(void **state)
{
	(void)state;
	struct pw_protocol *p = load_ok(LEKPOORT);
	long long id = -1;
	const struct pw_step *s = pw_protocol_step_instance(p, "sanctie.inspectie_melden:12", &id);
	assert_non_null(s);
	assert_string_equal(s->key, "sanctie.inspectie_melden");
	assert_int_equal(id, 12);
	assert_non_null(pw_protocol_step_instance(p, "mentor.gesprek_gepeste", &id));
	assert_int_equal(id, 0);
	assert_null(pw_protocol_step_instance(p, "mentor.gesprek_gepeste:3", &id)); /* not a template */
	assert_null(pw_protocol_step_instance(p, "sanctie.inspectie_melden", &id)); /* a template needs its id */
	assert_null(pw_protocol_step_instance(p, "sanctie.inspectie_melden:", &id));
	assert_null(pw_protocol_step_instance(p, "sanctie.inspectie_melden:0", &id));
	assert_null(pw_protocol_step_instance(p, "sanctie.inspectie_melden:1x", &id));
	assert_null(pw_protocol_step_instance(p, "sanctie.inspectie_melden:99999999999999999999", &id));
	assert_null(pw_protocol_step(p, "mentor.bestaat_niet"));
	assert_null(pw_protocol_level(p, NULL));

	const char *plain[] = { "pestmail", "hacken" };
	const char *intimate[] = { "pestmail", "intieme_beelden" };
	const char *material[] = { "ongewenst_materiaal" };
	assert_false(pw_protocol_forbids_evidence(p, plain, 2));
	assert_true(pw_protocol_forbids_evidence(p, intimate, 2));
	assert_true(pw_protocol_forbids_evidence(p, material, 1));
	pw_protocol_free(p);
}

static void test_json(void **state)
{
	(void)state;
	struct pw_protocol *p = load_ok(LEKPOORT);
	json_t *j = pw_protocol_to_json(p);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "id")), "lekpoort");
	assert_int_equal(json_array_size(json_object_get(j, "levels")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "steps")), 22);
	assert_int_equal(json_array_size(json_object_get(j, "kinds")), 5);
	assert_int_equal(json_array_size(json_object_get(j, "rungs")), 4);
	assert_int_equal(json_array_size(json_object_get(j, "guides")), 3);
	json_t *step = json_array_get(json_object_get(j, "steps"), 3);
	assert_string_equal(json_string_value(json_object_get(step, "key")), "mentor.ouders_informeren");
	assert_string_equal(json_string_value(json_object_get(step, "need")), "advies");
	assert_true(json_is_true(json_object_get(step, "optional")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(step, "due"), "school_days")), 2);
	json_t *rung = json_array_get(json_object_get(j, "rungs"), 1);
	assert_string_equal(json_string_value(json_object_get(rung, "needs")), "gesprek");
	assert_string_equal(json_string_value(json_object_get(rung, "decided_by")), "mt");
	char *text = json_dumps(j, JSON_COMPACT);
	assert_non_null(text);
	assert_non_null(strstr(text, "\"title_en\":\"Talk with the target\""));
	free(text);
	json_decref(j);
	pw_protocol_free(p);
}

/* ---- broken definitions: each error with its line and words ------------- */

struct broken {
	const char *file;
	int line;
	const char *msg; /* the message after "FILE:LINE: " */
};

static const struct broken broken[] = {
	{ "unknown_step_in_na", 59,
	  "step 'mentor.gesprek_pester' needs 'mentor.foo', which is not a step of this protocol. Add that step or remove it from 'na'." },
	{ "cycle", 54,
	  "the steps wait for each other in a circle: 'mentor.gesprek_gepeste' needs 'mentor.gesprek_pester' needs 'mentor.gesprek_gepeste'. Remove one of these from 'na'." },
	{ "unreachable_level", 37,
	  "level 'extra' can never be reached: it is not the start level, no rule or escalation leads to it, and no level has 'volgende: extra'. Add it to 'volgende' of the level before it, or remove it." },
	{ "missing_title", 62, "step 'clz.overname' has no 'titel'. Add it." },
	{ "yaml_syntax", 53, "this is not valid YAML (missing comma in flow mapping)." },
	{ "unknown_field", 56, "step 'mentor.gesprek_pester' has an unknown field 'tittel'. Known fields here: key, titel," },
	{ "duplicate_step", 53,
	  "there are two steps with the key 'mentor.gesprek_gepeste' (the other is on line 44). Keys must be unique; rename one." },
	{ "duplicate_field", 57, "'titel' appears twice in the same mapping (also on line 56); keep one." },
	{ "bad_enum", 58,
	  "'status' of step 'mentor.gesprek_pester' is 'verplich', which is not one of: verplicht, advies, optioneel." },
	{ "wrong_type", 57, "'wie' of step 'mentor.gesprek_pester' must be a list (lines starting with '- ', or [a, b])" },
	{ "bad_number", 51,
	  "'schooldagen' of the due time ('termijn') of step 'mentor.gesprek_gepeste' must be a whole number from 0 to 200, not 'drie'." },
	{ "suspension_too_long", 89,
	  "sanction rung 'schorsing' may last 6 school days, but the law allows a suspension of at most 5 ('wet.schorsing_max_schooldagen'). Lower 'max'." },
	{ "alias", 57, "aliases (*name) are not supported in a protocol file; write the value out." },
	{ "step_key_prefix", 62, "the key of step 'mentor.overname' must start with 'clz.' because the step belongs to level 'clz'." },
	{ "na_other_level", 68, "step 'clz.overname' needs 'mentor.gesprek_gepeste', which belongs to 'mentor', not to 'clz'." },
	{ "wrong_format", 2, "this file is in format 2; this Pestwijzer reads format 1." },
	{ "unused_duty", 70, "step 'sanctie.melden' is a sanction duty, but no rung of the ladder opens it. List it in a rung's 'plichten' (or as 'wet.melden_stap'), or remove it." },
	{ "level_order", 37, "level 'clz' goes on to level 'mentor', which is not listed after it." },
	{ "kind_cannot_complete", 61,
	  "step 'mentor.gesprek_pester' is about pester, but conversation kind 'gepeste' is not with anyone in that role" },
	{ "unknown_role", 57, "step 'mentor.gesprek_pester' names 'mentorr', which is not a role of this protocol. Add that role or correct 'wie'." },
	{ "missing_rules", 2, "the protocol has no 'regels'. Add it." },
	{ "two_documents", 8, "the file holds more than one document (a second '---'); keep one." },
	{ "parent_contact_without_about", 62, "step 'clz.overname' is completed by a parent contact, so it must say whose parents in 'betreft'" },
};

static void test_minimal_loads(void **state)
{
	(void)state;
	struct pw_protocol *p = load_ok(MINIMAL);
	assert_int_equal(p->n_steps, 4);
	pw_protocol_free(p);
}

static void test_broken_files(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
		char path[256], prefix[128];
		snprintf(path, sizeof path, BROKEN "%s.yaml", broken[i].file);
		snprintf(prefix, sizeof prefix, "%s.yaml:%d: ", broken[i].file, broken[i].line);
		struct pw_err e;
		memset(&e, 0, sizeof e);
		struct pw_protocol *p = pw_protocol_load_file(path, &e);
		if (p != NULL)
			fail_msg("%s loaded, but it is broken", path);
		if (e.line != broken[i].line || strncmp(e.msg, prefix, strlen(prefix)) != 0 ||
		    strncmp(e.msg + strlen(prefix), broken[i].msg, strlen(broken[i].msg)) != 0)
			fail_msg("%s:\n  want %s%s\n  got  %s (line %d)", path, prefix, broken[i].msg, e.msg, e.line);
		assert_int_equal(e.code, PW_EINVAL);
	}
}

/* Every broken fixture is in the table, so none goes untested. */
static void test_broken_table_complete(void **state)
{
	(void)state;
	FILE *ls = popen("ls " BROKEN, "r");
	assert_non_null(ls);
	char name[256];
	size_t files = 0;
	while (fgets(name, sizeof name, ls)) {
		name[strcspn(name, "\n")] = '\0';
		size_t n = strlen(name);
		if (n < 6 || strcmp(name + n - 5, ".yaml") != 0)
			continue;
		name[n - 5] = '\0';
		files++;
		bool found = false;
		for (size_t i = 0; i < sizeof broken / sizeof *broken; i++)
			found |= strcmp(broken[i].file, name) == 0;
		if (!found)
			fail_msg("broken/%s.yaml has no entry in the test table", name);
	}
	pclose(ls);
	assert_int_equal(files, sizeof broken / sizeof *broken);
}

static void expect_error(const char *text, size_t len, const char *want)
{
	struct pw_err e;
	struct pw_protocol *p = pw_protocol_load_buffer(text, len, "mem.yaml", &e);
	assert_null(p);
	if (strstr(e.msg, want) == NULL)
		fail_msg("want \"%s\" in \"%s\"", want, e.msg);
}

static void test_buffer_edge_cases(void **state)
{
	(void)state;
	expect_error("", 0, "mem.yaml: the file is empty");
	expect_error("# only a comment\n", 17, "the file is empty");
	expect_error("- a\n- b\n", 8, "mem.yaml:1: the file must be a mapping");
	expect_error("naam: x\n", 8, "mem.yaml:1: this is not a Pestwijzer protocol definition");
	expect_error("a: \"x\\0y\"\n", 10, "NUL character");
	expect_error("a: [\xff\xfe]\n", 8, "mem.yaml:");
	expect_error("# x\na: caf\xe9\n", 12, "mem.yaml:2: this line is not valid UTF-8 text.");
	expect_error("a: \xc0\xaf\n", 6, "mem.yaml:1: this line is not valid UTF-8");
	expect_error("a: \xed\xa0\x80\n", 7, "mem.yaml:1: this line is not valid UTF-8");
	expect_error("a: \"\\ud800\"\n", 11, "invalid UTF8 escape");
	expect_error("{a: 1, a: 2}", 12, "'a' appears twice");
	expect_error("a: &x 1\n", 8, "anchors (&name) are not supported");
	expect_error("? [a]\n: b\n", 10, "a key must be a single word");
	/* Deep nesting is refused before it can exhaust anything. */
	char deep[200];
	size_t n = 0;
	n += (size_t)snprintf(deep, sizeof deep, "a: ");
	for (int i = 0; i < 40; i++)
		deep[n++] = '[';
	expect_error(deep, n, "nests lists and mappings too deeply");

	/* Sections are bounded, so checks stay fast on a hostile file. */
	struct pw_buf big;
	pw_buf_init(&big);
	pw_buf_puts(&big, "pestwijzer_protocol: 1\nid: x\nversie: '1'\nnaam: x\nschool: x\nschooltype: vo\nfuncties:\n");
	for (int i = 0; i < 301; i++)
		pw_buf_printf(&big, "  - {key: f%d, titel: F, toegang: {lezen: geen, handelen: geen}}\n", i);
	expect_error(big.data, big.len, "mem.yaml:8: 'functies' has 301 entries; a protocol definition may have at most 300.");
	pw_buf_free(&big);

	struct pw_err e;
	assert_null(pw_protocol_load_file("tests/unit/protocol/does-not-exist.yaml", &e));
	assert_int_equal(e.code, PW_EIO);
	assert_non_null(strstr(e.msg, "cannot open the file"));
}

/* A broken file never half-loads, and libfyaml prints nothing of its own. */
static void test_quiet_and_truncations(void **state)
{
	(void)state;
	size_t len;
	char *text = slurp(LEKPOORT, &len);
	fflush(stderr);
	int saved = dup(2);
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	dup2(fileno(tmp), 2);
	/* Cuts inside the chapters' prose can still make a whole file; any
	 * earlier cut loses a required part. */
	const char *chapters = strstr(text, "\nhoofdstukken:");
	assert_non_null(chapters);
	size_t whole_from = (size_t)(chapters - text);
	for (size_t cut = 0; cut < len; cut += 1009) {
		struct pw_err e;
		struct pw_protocol *p = pw_protocol_load_buffer(text, cut, "cut.yaml", &e);
		if (p) {
			assert_true(cut > whole_from);
			pw_protocol_free(p);
		} else {
			assert_true(e.msg[0] != '\0');
		}
	}
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(fseek(tmp, 0, SEEK_END), 0);
	assert_int_equal(ftell(tmp), 0);
	fclose(tmp);
	free(text);
}

/* ---- the second definition: genuinely different ------------------------ */

static void test_basisschool(void **state)
{
	(void)state;
	struct pw_protocol *p = load_ok(BASISSCHOOL);
	assert_string_equal(p->schooltype, "po");
	assert_int_equal(p->n_levels, 3);
	const struct pw_level *lk = pw_protocol_level(p, "leerkracht");
	assert_non_null(lk);
	assert_string_equal(lk->next->key, "ib");
	assert_string_equal(lk->next->next->key, "directie");
	assert_null(pw_protocol_level(p, "mentor"));
	assert_null(pw_protocol_step(p, "mentor.gesprek_gepeste"));
	/* The five tracks: target, bully, middle group, parents, school. */
	static const char *const tracks[] = { "leerkracht.gesprek_gepeste", "leerkracht.gesprek_pester",
					      "leerkracht.groepsgesprek", "leerkracht.ouders_informeren",
					      "leerkracht.ib_informeren" };
	for (size_t i = 0; i < 5; i++)
		assert_non_null(pw_protocol_step(p, tracks[i]));
	assert_true(pw_protocol_kind(p, "groep")->whole_class);
	assert_non_null(pw_protocol_sitrole(p, "middengroep"));
	assert_int_equal(pw_protocol_step(p, "leerkracht.ouders_informeren")->due.school_days, 1);
	assert_int_equal(p->rules.pattern_count, 2);
	assert_int_equal(p->rules.pattern_weeks, 4);
	assert_int_equal(p->rules.reopen_years, 1);
	assert_string_equal(p->rules.crossing_at->key, "ib");
	assert_int_equal(p->rules.advice_escalation->kind, PW_ESC_LEVEL);
	assert_int_equal(p->sanctions.window_years, 1);
	assert_string_equal(pw_protocol_rung(p, "verwijdering")->decides->key, "bestuur");
	assert_null(pw_protocol_rung(p, "time_out")->decides);
	assert_false(p->access.classes_open_year);
	assert_true(pw_protocol_cyber_kind(p, "naaktbeelden")->no_evidence);
	long long id;
	assert_non_null(pw_protocol_step_instance(p, "sanctie.andere_school_zoeken:7", &id));
	assert_int_equal(id, 7);
	pw_protocol_free(p);
}

/* ---- the published document ------------------------------------------ */

static void golden(const char *def, const char *gold)
{
	struct pw_protocol *p = load_ok(def);
	struct pw_buf b;
	pw_buf_init(&b);
	pw_protocol_render_html(p, &b);
	pw_protocol_free(p);
	/* PW_UPDATE_GOLDEN=1 rewrites the file after an intended change;
	 * review its diff before committing it. */
	const char *upd = getenv("PW_UPDATE_GOLDEN");
	if (upd && strcmp(upd, "1") == 0) {
		FILE *f = fopen(gold, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
		fclose(f);
	}
	size_t len;
	char *want = slurp(gold, &len);
	if (len != b.len || memcmp(want, b.data, len) != 0) {
		size_t i = 0;
		while (i < len && i < b.len && want[i] == b.data[i])
			i++;
		size_t from = i > 60 ? i - 60 : 0;
		fail_msg("%s differs from %s at byte %zu:\n  want ...%.120s\n  got  ...%.120s\n"
			 "(after an intended change: PW_UPDATE_GOLDEN=1 meson test protocol, then review the diff)",
			 def, gold, i, want + from, b.data + from);
	}
	free(want);
	pw_buf_free(&b);
}

static void test_render_golden(void **state)
{
	(void)state;
	golden(LEKPOORT, "tests/unit/protocol/golden/lekpoort.html");
	golden(BASISSCHOOL, "tests/unit/protocol/golden/basisschool.html");
}

static void test_render_content(void **state)
{
	(void)state;
	struct pw_protocol *p = load_ok(LEKPOORT);
	struct pw_buf b;
	pw_buf_init(&b);
	pw_protocol_render_html(p, &b);
	const char *h = b.data;
	assert_non_null(strstr(h, "<!DOCTYPE html>"));
	assert_non_null(strstr(h, "<html lang=\"nl\">"));
	assert_non_null(strstr(h, "@media print"));
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "(product)")); /* product notes stay in the file's comments */
	/* Every chapter, step, rung and guide of the definition is in it. */
	for (size_t i = 0; i < p->n_chapters; i++)
		assert_non_null(strstr(h, p->chapters[i].titel));
	for (size_t i = 0; i < p->n_steps; i++) {
		char id[160];
		snprintf(id, sizeof id, "id=\"s-%s\"", p->steps[i].key);
		if (strstr(h, id) == NULL)
			fail_msg("step %s is not in the document", p->steps[i].key);
	}
	for (size_t i = 0; i < p->sanctions.n_rungs; i++)
		assert_non_null(strstr(h, p->sanctions.rungs[i].titel));
	assert_non_null(strstr(h, "Bijlage 1: Leidraad voor een gesprek met de gepeste leerling"));
	assert_non_null(strstr(h, "binnen 5 schooldagen na de laatste van: Gesprek met de pester en Gesprek met de gepeste leerling"));
	pw_buf_free(&b);
	pw_protocol_free(p);
}

/* The school's prose is text, never markup. */
static void test_render_escapes(void **state)
{
	(void)state;
	size_t len;
	char *text = slurp(MINIMAL, &len);
	const char *from = "Een klein protocol om de lezer te testen.";
	char *at = strstr(text, from);
	assert_non_null(at);
	struct pw_buf src;
	pw_buf_init(&src);
	pw_buf_put(&src, text, (size_t)(at - text));
	pw_buf_puts(&src, "<script>alert(1)</script> & \"x\" 'y'\n      - <b>punt</b>");
	pw_buf_puts(&src, at + strlen(from));
	struct pw_err e;
	struct pw_protocol *p = pw_protocol_load_buffer(src.data, src.len, "esc.yaml", &e);
	if (p == NULL)
		fail_msg("%s", e.msg);
	struct pw_buf b;
	pw_buf_init(&b);
	pw_protocol_render_html(p, &b);
	assert_null(strstr(b.data, "<script"));
	assert_null(strstr(b.data, "<b>"));
	assert_non_null(strstr(b.data, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;"));
	assert_non_null(strstr(b.data, "<li>&lt;b&gt;punt&lt;/b&gt;</li>"));
	/* Blocks the chapters do not place still appear, in an overview. */
	assert_non_null(strstr(b.data, "id=\"h-pestwijzer-overzicht\""));
	pw_buf_free(&b);
	pw_protocol_free(p);
	pw_buf_free(&src);
	free(text);
}

/* ---- the command line ------------------------------------------------- */

static int cli(int argc, const char *const *argv)
{
	return pw_protocol_cli(argc, (char **)argv);
}

static void test_cli(void **state)
{
	(void)state;
	/* Messages go to stderr and results to stdout; keep both out of the
	 * test's own output. */
	fflush(stdout);
	fflush(stderr);
	int so = dup(1), se = dup(2);
	FILE *sink = tmpfile();
	dup2(fileno(sink), 1);
	dup2(fileno(sink), 2);
	const char *check_ok[] = { "protocol", "check", LEKPOORT };
	const char *check_bad[] = { "protocol", "check", BROKEN "cycle.yaml" };
	const char *none[] = { "protocol" };
	const char *unknown[] = { "protocol", "frobnicate", LEKPOORT };
	const char *help[] = { "protocol", "--help" };
	const char *show[] = { "protocol", "show", "--json", BASISSCHOOL };
	const char *render_noout[] = { "protocol", "render", LEKPOORT, "--out" };
	char out[] = "/tmp/pw-protocol-test-XXXXXX";
	int fd = mkstemp(out);
	close(fd);
	const char *render[] = { "protocol", "render", LEKPOORT, "--out", out };
	int r_ok = cli(3, check_ok), r_bad = cli(3, check_bad), r_none = cli(1, none), r_unknown = cli(3, unknown),
	    r_help = cli(2, help), r_show = cli(4, show), r_noout = cli(4, render_noout), r_render = cli(5, render);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	fclose(sink);
	assert_int_equal(r_ok, 0);
	assert_int_equal(r_bad, 1);
	assert_int_equal(r_none, 2);
	assert_int_equal(r_unknown, 2);
	assert_int_equal(r_help, 0);
	assert_int_equal(r_show, 0);
	assert_int_equal(r_noout, 2);
	assert_int_equal(r_render, 0);
	size_t a, g;
	char *written = slurp(out, &a);
	char *gold = slurp("tests/unit/protocol/golden/lekpoort.html", &g);
	assert_int_equal(a, g);
	assert_memory_equal(written, gold, g);
	free(written);
	free(gold);
	unlink(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lekpoort_levels_and_steps),
		cmocka_unit_test(test_lekpoort_rules_and_sanctions),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_minimal_loads),
		cmocka_unit_test(test_broken_files),
		cmocka_unit_test(test_broken_table_complete),
		cmocka_unit_test(test_buffer_edge_cases),
		cmocka_unit_test(test_quiet_and_truncations),
		cmocka_unit_test(test_basisschool),
		cmocka_unit_test(test_render_golden),
		cmocka_unit_test(test_render_content),
		cmocka_unit_test(test_render_escapes),
		cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
