/* The surveys' question bank, answer checking and counting: see core/survey.h. */
#include "core/survey.h"

#include <stdio.h>
#include <string.h>

#include "core/stats.h"
#include "util/text.h"

const char PW_SURVEY_CODE_ALPHABET[] = "ABCDEFGHJKMNPQRSTVWXYZ";

const char *const pw_survey_kinds[] = {"veiligheid", "protocol", NULL};

bool pw_survey_kind_valid(const char *kind)
{
	for (size_t i = 0; kind && pw_survey_kinds[i]; i++)
		if (strcmp(kind, pw_survey_kinds[i]) == 0)
			return true;
	return false;
}

const char *pw_survey_kind_title(const char *kind)
{
	if (kind && strcmp(kind, "veiligheid") == 0)
		return "Sociale veiligheid (leerlingen)";
	if (kind && strcmp(kind, "protocol") == 0)
		return "Het anti-pestprotocol (leerlingen en ouders)";
	return kind ? kind : "";
}

/* ---- scales ---- */

#define OPTS(name, ...) static const struct pw_survey_option name[] = {__VA_ARGS__}
#define COUNT(v) (sizeof v / sizeof v[0])

OPTS(o_veilig, {"heel_veilig", "Heel veilig", "Very safe"}, {"veilig", "Veilig", "Safe"},
     {"gaat_wel", "Gaat wel", "So-so"}, {"onveilig", "Niet veilig", "Unsafe"},
     {"heel_onveilig", "Helemaal niet veilig", "Very unsafe"});
OPTS(o_freq, {"nee", "Nee, niet", "No"}, {"een_twee_keer", "Eén of twee keer", "Once or twice"},
     {"maandelijks", "Twee of drie keer per maand", "Two or three times a month"},
     {"wekelijks", "Ongeveer één keer per week", "About once a week"},
     {"vaker", "Meer keren per week", "Several times a week"});
OPTS(o_ja_nee, {"ja", "Ja", "Yes"}, {"nee", "Nee", "No"});
OPTS(o_ja_nee_weet, {"ja", "Ja", "Yes"}, {"nee", "Nee", "No"}, {"weet_niet", "Weet ik niet", "Don't know"});
OPTS(o_online, {"nee", "Nee, niet online", "No, not online"}, {"ook_online", "Ja, ook online", "Yes, online too"},
     {"alleen_online", "Ja, alleen online", "Yes, only online"});
OPTS(o_waar, {"klas", "In de klas", "In class"}, {"gang_plein", "In de gang of op het plein", "Corridor or playground"},
     {"kantine", "In de kantine of aula", "Canteen"}, {"gym", "Bij gym of in de kleedkamer", "PE or changing room"},
     {"onderweg", "Onderweg van of naar school", "On the way to or from school"},
     {"online", "Online (app, sociale media, gamen)", "Online"}, {"ergens_anders", "Ergens anders", "Elsewhere"});
OPTS(o_wie, {"mentor", "Mijn mentor", "My mentor"}, {"docent", "Een andere docent", "Another teacher"},
     {"ander_school", "Iemand anders op school", "Someone else at school"}, {"ouders", "Mijn ouders of verzorgers", "Parents"},
     {"vriend", "Een vriend of vriendin", "A friend"}, {"ander", "Iemand anders", "Someone else"});
OPTS(o_gestopt, {"ja", "Ja, het is gestopt", "Yes, it stopped"}, {"minder", "Het is minder geworden", "It lessened"},
     {"nee", "Nee, het gaat door", "No, it goes on"}, {"weet_niet", "Weet ik niet", "Don't know"});
OPTS(o_eens, {"helemaal_eens", "Helemaal mee eens", "Strongly agree"}, {"eens", "Mee eens", "Agree"},
     {"neutraal", "Niet eens en niet oneens", "Neutral"}, {"oneens", "Mee oneens", "Disagree"},
     {"helemaal_oneens", "Helemaal mee oneens", "Strongly disagree"});
OPTS(o_bekend, {"ja", "Ja", "Yes"}, {"een_beetje", "Een beetje", "A little"}, {"nee", "Nee", "No"});
OPTS(o_gevolgd, {"ja", "Ja", "Yes"}, {"deels", "Voor een deel", "Partly"}, {"nee", "Nee", "No"},
     {"weet_niet", "Weet ik niet of niet van toepassing", "Don't know or not applicable"});
OPTS(o_rol, {"leerling", "Leerling", "Student"}, {"ouder", "Ouder of verzorger", "Parent or carer"});

static const struct pw_survey_scale scales[] = {
	{"veiligheid", o_veilig, COUNT(o_veilig), false, false},
	{"frequentie", o_freq, COUNT(o_freq), false, false},
	{"ja_nee", o_ja_nee, COUNT(o_ja_nee), false, false},
	{"ja_nee_weet", o_ja_nee_weet, COUNT(o_ja_nee_weet), false, false},
	{"online", o_online, COUNT(o_online), false, false},
	{"waar", o_waar, COUNT(o_waar), true, false},
	{"wie", o_wie, COUNT(o_wie), true, false},
	{"gestopt", o_gestopt, COUNT(o_gestopt), false, false},
	{"eens", o_eens, COUNT(o_eens), false, false},
	{"bekend", o_bekend, COUNT(o_bekend), false, false},
	{"gevolgd", o_gevolgd, COUNT(o_gevolgd), false, false},
	{"rol", o_rol, COUNT(o_rol), false, false},
	{"tekst", NULL, 0, false, true},
};

const struct pw_survey_scale *pw_survey_scale(const char *key)
{
	for (size_t i = 0; key && i < COUNT(scales); i++)
		if (strcmp(scales[i].key, key) == 0)
			return &scales[i];
	return NULL;
}

const struct pw_survey_option *pw_survey_option(const struct pw_survey_scale *s, const char *key)
{
	for (size_t i = 0; s && key && i < s->n; i++)
		if (strcmp(s->options[i].key, key) == 0)
			return &s->options[i];
	return NULL;
}

#define S(k) (&scales[k])
enum { SC_VEILIG, SC_FREQ, SC_JN, SC_JNW, SC_ONLINE, SC_WAAR, SC_WIE, SC_GESTOPT, SC_EENS, SC_BEKEND, SC_GEVOLGD, SC_ROL, SC_TEKST };

/* The bank. "De afgelopen maanden" is the monitors' window: since the
 * start of the school year, or the last few months. Never reword a
 * standard question: add a new key instead, so the years stay comparable. */
static const struct pw_survey_question bank[] = {
	{"veilig_school", "veiligheid", "Hoe veilig voel je je op school?", "How safe do you feel at school?", NULL,
	 S(SC_VEILIG), NULL},
	{"veilig_klas", "veiligheid", "Hoe veilig voel je je in je klas?", "How safe do you feel in your class?", NULL,
	 S(SC_VEILIG), NULL},
	{"gepest", "veiligheid", "Ben je de afgelopen maanden gepest?", "Have you been bullied in the last few months?",
	 "Pesten is: iemand doet steeds opnieuw gemeen tegen jou, en jij kunt er niet goed iets tegen doen. "
	 "Bijvoorbeeld uitschelden, buitensluiten, slaan, je spullen afpakken, of nare berichten sturen.",
	 S(SC_FREQ), NULL},
	{"gepest_online", "veiligheid", "Werd je ook online gepest?", "Were you bullied online too?",
	 "Bijvoorbeeld in een appgroep, op sociale media of bij het gamen. Sla over als je niet gepest bent.",
	 S(SC_ONLINE), "gepest"},
	{"gepest_waar", "veiligheid", "Waar werd je gepest?", "Where were you bullied?",
	 "Je mag meer dan één antwoord kiezen. Sla over als je niet gepest bent.", S(SC_WAAR), "gepest"},
	{"verteld", "veiligheid", "Heb je aan iemand verteld dat je gepest werd?", "Did you tell anyone you were bullied?",
	 "Sla over als je niet gepest bent.", S(SC_JN), "gepest"},
	{"verteld_wie", "veiligheid", "Aan wie heb je het verteld?", "Whom did you tell?",
	 "Je mag meer dan één antwoord kiezen. Sla over als je het aan niemand vertelde.", S(SC_WIE), "verteld"},
	{"gestopt", "veiligheid", "Is het pesten gestopt?", "Did the bullying stop?", "Sla over als je niet gepest bent.",
	 S(SC_GESTOPT), "gepest"},
	{"zelf_gepest", "veiligheid", "Heb je de afgelopen maanden zelf meegedaan met pesten?",
	 "Have you taken part in bullying someone in the last few months?", NULL, S(SC_FREQ), NULL},
	{"gezien", "veiligheid", "Heb je de afgelopen maanden gezien dat iemand anders werd gepest?",
	 "Have you seen someone else being bullied in the last few months?", NULL, S(SC_FREQ), NULL},
	{"weet_hulp", "veiligheid", "Weet je bij wie je op school terecht kunt als je gepest wordt?",
	 "Do you know whom to go to at school if you are bullied?", NULL, S(SC_JNW), NULL},

	{"rol", "protocol", "Ik vul dit in als", "I fill this in as", NULL, S(SC_ROL), NULL},
	{"protocol_bekend", "protocol", "Weet je dat de school een anti-pestprotocol heeft?",
	 "Do you know the school has an anti-bullying protocol?",
	 "Daarin staat wat de school doet tegen pesten, en wat er gebeurt als iemand gepest wordt.", S(SC_BEKEND), NULL},
	{"weet_melden", "protocol", "Weet je waar je pesten kunt melden?", "Do you know where to report bullying?", NULL,
	 S(SC_JNW), NULL},
	{"protocol_gevolgd", "protocol", "Als er gepest werd: deed de school wat ze in het protocol belooft?",
	 "When there was bullying: did the school do what the protocol promises?", NULL, S(SC_GEVOLGD), NULL},
	{"serieus", "protocol", "De school neemt pesten serieus.", "The school takes bullying seriously.", NULL, S(SC_EENS),
	 NULL},
	{"op_de_hoogte", "protocol", "Als er iets is, houdt de school mij goed op de hoogte.",
	 "When something happens, the school keeps me informed.", NULL, S(SC_EENS), NULL},
	{"verandering", "protocol", "Wat zou er moeten veranderen aan de aanpak van pesten?",
	 "What should change in how the school deals with bullying?",
	 "Schrijf geen namen op. Alleen de anti-pestcoördinator leest dit.", S(SC_TEKST), NULL},
};

const struct pw_survey_question *pw_survey_bank(size_t *n)
{
	*n = COUNT(bank);
	return bank;
}

const struct pw_survey_question *pw_survey_standard(const char *key)
{
	for (size_t i = 0; key && i < COUNT(bank); i++)
		if (strcmp(bank[i].key, key) == 0)
			return &bank[i];
	return NULL;
}

bool pw_survey_own_key_valid(const char *key)
{
	if (key == NULL || strncmp(key, "eigen_", 6) != 0)
		return false;
	size_t n = strlen(key + 6);
	if (n < 1 || n > PW_SURVEY_KEY_MAX - 6)
		return false;
	for (const char *p = key + 6; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

/* ---- checking answers ---- */

static const struct pw_survey_question *find_q(const struct pw_survey_question *qs, size_t nq, const char *key)
{
	for (size_t i = 0; i < nq; i++)
		if (strcmp(qs[i].key, key) == 0)
			return &qs[i];
	return NULL;
}

static enum pw_status bad(struct pw_err *err, const char *key, const char *why)
{
	char field[64];
	snprintf(field, sizeof field, "answers.%.50s", key);
	return pw_err_field(err, PW_EINVAL, field, "%s", why);
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* Whether a's answers hold key with value. */
static bool answered_with(const struct pw_survey_answer *v, size_t n, const char *key, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0 && (value == NULL || strcmp(v[i].value, value) == 0))
			return true;
	return false;
}

enum pw_status pw_survey_check(struct pw_arena *a, const struct pw_survey_question *qs, size_t nq, json_t *answers,
			       struct pw_survey_answer **out, size_t *n, struct pw_err *err)
{
	*out = NULL;
	*n = 0;
	if (!json_is_object(answers))
		return pw_err_field(err, PW_EINVAL, "answers",
				    "answers is een object: {vraag: antwoord}. (answers is an object of question keys.)");
	size_t cap = 16, len = 0;
	struct pw_survey_answer *v = pw_alloc(a, cap * sizeof *v);
	const char *key;
	json_t *val;
	json_object_foreach(answers, key, val) {
		const struct pw_survey_question *q = find_q(qs, nq, key);
		if (q == NULL)
			return bad(err, key, "Deze vraag staat niet in de enquête. (No such question in this survey.)");
		if (json_is_null(val))
			continue;
		const struct pw_survey_scale *s = q->scale;
		if (s->text) {
			if (!json_is_string(val))
				return bad(err, key, "Het antwoord op deze vraag is tekst. (The answer is text.)");
			const char *t = json_string_value(val);
			size_t tl = json_string_length(val);
			if (tl > PW_SURVEY_TEXT_MAX || !pw_utf8_valid_text(t, tl))
				return bad(err, key,
					   "Het antwoord is te lang (hoogstens 1000 tekens) of bevat tekens die niet kunnen. "
					   "(Too long, or characters that are not text.)");
			if (blank(t, tl))
				continue;
			v = pw_arena_grow(a, v, len, &cap, sizeof *v);
			v[len++] = (struct pw_survey_answer){q->key, t};
			continue;
		}
		size_t nv = json_is_array(val) ? json_array_size(val) : 1;
		if (json_is_array(val) && !s->multiple)
			return bad(err, key, "Bij deze vraag kies je één antwoord. (Choose one answer.)");
		if (nv > s->n)
			return bad(err, key, "Te veel antwoorden gekozen. (Too many answers.)");
		for (size_t i = 0; i < nv; i++) {
			json_t *e = json_is_array(val) ? json_array_get(val, i) : val;
			const struct pw_survey_option *o = json_is_string(e) ? pw_survey_option(s, json_string_value(e)) : NULL;
			if (o == NULL)
				return bad(err, key,
					   "Dit antwoord hoort niet bij de vraag: kies een van de antwoorden die erbij staan. "
					   "(The answer is not one of the question's options.)");
			bool dup = false;
			for (size_t k = 0; k < len; k++)
				dup |= v[k].key == q->key && v[k].value == o->key;
			if (dup)
				continue;
			v = pw_arena_grow(a, v, len, &cap, sizeof *v);
			v[len++] = (struct pw_survey_answer){q->key, o->key};
		}
	}
	/* Follow-ups of a question answered "nee" were skipped on paper: drop
	 * them, in order, so a follow-up of a dropped follow-up goes too. */
	size_t kept = 0;
	for (size_t i = 0; i < len; i++) {
		const struct pw_survey_question *q = find_q(qs, nq, v[i].key);
		const struct pw_survey_question *c = q->only_if ? find_q(qs, nq, q->only_if) : NULL;
		bool drop = false;
		while (c) {
			if (answered_with(v, len, c->key, "nee")) {
				drop = true;
				break;
			}
			c = c->only_if ? find_q(qs, nq, c->only_if) : NULL;
		}
		if (!drop)
			v[kept++] = v[i];
	}
	if (kept == 0)
		return pw_err_field(err, PW_EINVAL, "answers",
				    "Beantwoord ten minste één vraag. (Answer at least one question.)");
	*out = v;
	*n = kept;
	return PW_OK;
}

json_t *pw_survey_form_answers(const struct pw_fields *f)
{
	json_t *o = json_object();
	for (size_t i = 0; i < f->n; i++) {
		const char *name = f->v[i].name;
		if (strncmp(name, "q.", 2) != 0 || name[2] == '\0' || strlen(f->v[i].value) != f->v[i].len)
			continue;
		const char *key = name + 2;
		const struct pw_survey_question *std = pw_survey_standard(key);
		json_t *have = json_object_get(o, key);
		json_t *val = json_string(f->v[i].value);
		if (val == NULL) /* not UTF-8: the check refuses a non-string */
			val = json_integer(0);
		if (have == NULL) {
			/* A question of several options always reads as a list, so the
			 * check sees what the form meant; own questions' scales are
			 * known only to the caller: a repeated field makes a list. */
			if (std && std->scale->multiple) {
				json_t *arr = json_array();
				json_array_append_new(arr, val);
				json_object_set_new(o, key, arr);
			} else {
				json_object_set_new(o, key, val);
			}
		} else if (json_is_array(have)) {
			json_array_append_new(have, val);
		} else {
			json_t *arr = json_array();
			json_array_append(arr, have);
			json_array_append_new(arr, val);
			json_object_set_new(o, key, arr);
		}
	}
	return o;
}

/* ---- codes ---- */

int pw_survey_code_normalize(const char *in, char out[PW_SURVEY_CODE_CHARS + 1])
{
	size_t n = 0;
	for (const char *p = in; p && *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (strchr(PW_SURVEY_CODE_ALPHABET, c) == NULL || n == PW_SURVEY_CODE_CHARS)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == PW_SURVEY_CODE_CHARS ? 0 : -1;
}

void pw_survey_code_show(const char *norm, char *out, size_t n)
{
	snprintf(out, n, "%.4s-%.4s-%.4s", norm, norm + 4, norm + 8);
}

/* ---- counting ---- */

void pw_survey_count(struct pw_arena *a, const struct pw_survey_question *qs, size_t nq,
		     const struct pw_survey_row *rows, size_t nrows, int64_t respondents, struct pw_survey_result *out)
{
	out->respondents = respondents;
	out->shown = respondents >= PW_STATS_K;
	out->n = nq;
	out->q = pw_calloc(a, nq ? nq : 1, sizeof *out->q);
	for (size_t qi = 0; qi < nq; qi++) {
		const struct pw_survey_question *q = &qs[qi];
		struct pw_survey_qresult *r = &out->q[qi];
		r->q = q;
		r->n = q->scale->n;
		r->cells = pw_calloc(a, r->n ? r->n : 1, sizeof *r->cells);
		for (size_t k = 0; k < r->n; k++)
			r->cells[k].value = q->scale->options[k].key;
		size_t tcap = 8;
		if (q->scale->text)
			r->texts = pw_alloc(a, tcap * sizeof *r->texts);
		/* Answered: distinct responses with a row of this key. Rows of one
		 * response are together, so a change of resp starts another. */
		int64_t last = -1;
		bool any = false;
		for (size_t i = 0; i < nrows; i++) {
			if (strcmp(rows[i].key, q->key) != 0)
				continue;
			if (!any || rows[i].resp != last) {
				r->answered++;
				last = rows[i].resp;
				any = true;
			}
			if (q->scale->text) {
				r->texts = pw_arena_grow(a, r->texts, r->n_texts, &tcap, sizeof *r->texts);
				r->texts[r->n_texts++] = pw_strdup(a, rows[i].value);
				continue;
			}
			for (size_t k = 0; k < r->n; k++)
				if (strcmp(rows[i].value, r->cells[k].value) == 0)
					r->cells[k].count++;
		}
		r->shown = out->shown && r->answered >= PW_STATS_K;
		if (r->n == 0)
			continue;
		int64_t *counts = pw_calloc(a, r->n + 1, sizeof *counts);
		bool *hidden = pw_calloc(a, r->n + 1, sizeof *hidden);
		size_t *idx = pw_calloc(a, r->n, sizeof *idx);
		for (size_t k = 0; k < r->n; k++) {
			counts[k] = r->cells[k].count;
			idx[k] = k;
		}
		counts[r->n] = r->answered;
		/* A single choice's cells add up to the answered total, which is
		 * shown; several chosen do not add up to anything. */
		struct pw_stats_line line = {idx, r->n, r->n};
		pw_stats_suppress(counts, r->n + 1, &line, q->scale->multiple ? 0 : 1, PW_STATS_K, hidden);
		for (size_t k = 0; k < r->n; k++)
			r->cells[k].hidden = hidden[k] || !r->shown;
	}
}

double pw_survey_pct(const struct pw_survey_qresult *q, const struct pw_survey_cell *c)
{
	if (!q->shown || c->hidden || q->answered <= 0)
		return -1;
	return 100.0 * (double)c->count / (double)q->answered;
}

/* ---- the monitor ---- */

static void share(struct pw_survey_share *s)
{
	int64_t rest = s->base - s->n;
	s->shown = s->base >= PW_STATS_K && !(s->n >= 1 && s->n < PW_STATS_K) && !(rest >= 1 && rest < PW_STATS_K);
	s->pct = s->shown && s->base > 0 ? 100.0 * (double)s->n / (double)s->base : -1;
}

/* What one response said, for the questions the summary reads. */
struct resp {
	int veilig;  /* 1 safe, -1 unsafe, 0 neither, 2 unanswered */
	int gepest;  /* 1 yes, 0 no, 2 unanswered */
	int online;  /* 1 yes, 0 no, 2 unanswered */
	int verteld; /* idem */
	int gestopt; /* idem */
};

static void tally(struct pw_survey_monitor *m, const struct resp *r)
{
	if (r->veilig != 2) {
		m->safe.base++;
		m->unsafe.base++;
		m->safe.n += r->veilig == 1;
		m->unsafe.n += r->veilig == -1;
	}
	if (r->gepest != 2) {
		m->bullied.base++;
		m->bullied.n += r->gepest == 1;
	}
	if (r->gepest == 1) {
		if (r->online != 2) {
			m->online.base++;
			m->online.n += r->online == 1;
		}
		if (r->verteld != 2) {
			m->told.base++;
			m->told.n += r->verteld == 1;
		}
		if (r->gestopt != 2) {
			m->stopped.base++;
			m->stopped.n += r->gestopt == 1;
		}
	}
}

void pw_survey_monitor_count(const struct pw_survey_row *rows, size_t nrows, int64_t respondents,
			     struct pw_survey_monitor *out)
{
	const char *year = out->schoolyear;
	int64_t signals = out->signals, cases = out->cases;
	bool reg = out->have_registration;
	memset(out, 0, sizeof *out);
	out->schoolyear = year;
	out->signals = signals;
	out->cases = cases;
	out->have_registration = reg;
	out->respondents = respondents;
	out->shown = respondents >= PW_STATS_K;
	struct resp r = {2, 2, 2, 2, 2};
	for (size_t i = 0; i < nrows; i++) {
		if (i > 0 && rows[i].resp != rows[i - 1].resp) {
			tally(out, &r);
			r = (struct resp){2, 2, 2, 2, 2};
		}
		const char *k = rows[i].key, *v = rows[i].value;
		if (strcmp(k, "veilig_school") == 0)
			r.veilig = strcmp(v, "heel_veilig") == 0 || strcmp(v, "veilig") == 0		? 1
				   : strcmp(v, "onveilig") == 0 || strcmp(v, "heel_onveilig") == 0 ? -1
												     : 0;
		else if (strcmp(k, "gepest") == 0)
			r.gepest = strcmp(v, "nee") != 0;
		else if (strcmp(k, "gepest_online") == 0)
			r.online = strcmp(v, "nee") != 0;
		else if (strcmp(k, "verteld") == 0)
			r.verteld = strcmp(v, "ja") == 0;
		else if (strcmp(k, "gestopt") == 0)
			r.gestopt = strcmp(v, "ja") == 0;
	}
	if (nrows > 0)
		tally(out, &r);
	share(&out->safe);
	share(&out->unsafe);
	share(&out->bullied);
	share(&out->online);
	share(&out->told);
	share(&out->stopped);
}

static json_t *share_json(const struct pw_survey_monitor *m, const struct pw_survey_share *s)
{
	if (!m->shown || !s->shown)
		return json_string("<5");
	return json_pack("{s:f, s:I, s:I}", "pct", (double)(int64_t)(s->pct * 10 + 0.5) / 10, "n", (json_int_t)s->n, "base",
			 (json_int_t)s->base);
}

static json_t *count_json(int64_t v)
{
	return v < 0 ? json_string("<5") : json_integer(v);
}

json_t *pw_survey_monitor_json(const struct pw_survey_monitor *m)
{
	json_t *j = json_pack("{s:s, s:i, s:I, s:b}", "schoolyear", m->schoolyear ? m->schoolyear : "", "k", PW_STATS_K,
			      "respondents", (json_int_t)m->respondents, "shown", m->shown);
	json_object_set_new(j, "safe", share_json(m, &m->safe));
	json_object_set_new(j, "unsafe", share_json(m, &m->unsafe));
	json_object_set_new(j, "bullied", share_json(m, &m->bullied));
	json_object_set_new(j, "bullied_online", share_json(m, &m->online));
	json_object_set_new(j, "bullied_told", share_json(m, &m->told));
	json_object_set_new(j, "bullied_stopped", share_json(m, &m->stopped));
	if (m->have_registration)
		json_object_set_new(j, "registration",
				    json_pack("{s:o, s:o}", "signals", count_json(m->signals), "cases", count_json(m->cases)));
	else
		json_object_set_new(j, "registration", json_null());
	return j;
}

static void csv_share(struct pw_buf *b, const struct pw_survey_monitor *m, const char *name,
		      const struct pw_survey_share *s)
{
	if (!m->shown || !s->shown)
		pw_buf_printf(b, "%s;%s;<5\r\n", m->schoolyear, name);
	else
		pw_buf_printf(b, "%s;%s;%.1f\r\n", m->schoolyear, name, s->pct);
}

void pw_survey_monitor_csv(struct pw_buf *b, const struct pw_survey_monitor *m)
{
	pw_buf_printf(b, "schooljaar;maat;waarde\r\n");
	pw_buf_printf(b, "%s;respondenten;%lld\r\n", m->schoolyear, (long long)m->respondents);
	csv_share(b, m, "veilig_pct", &m->safe);
	csv_share(b, m, "onveilig_pct", &m->unsafe);
	csv_share(b, m, "gepest_pct", &m->bullied);
	csv_share(b, m, "gepest_online_pct", &m->online);
	csv_share(b, m, "gepest_verteld_pct", &m->told);
	csv_share(b, m, "gepest_gestopt_pct", &m->stopped);
	if (m->have_registration) {
		if (m->signals < 0)
			pw_buf_printf(b, "%s;signalen;<5\r\n", m->schoolyear);
		else
			pw_buf_printf(b, "%s;signalen;%lld\r\n", m->schoolyear, (long long)m->signals);
		if (m->cases < 0)
			pw_buf_printf(b, "%s;casussen;<5\r\n", m->schoolyear);
		else
			pw_buf_printf(b, "%s;casussen;%lld\r\n", m->schoolyear, (long long)m->cases);
	}
}
