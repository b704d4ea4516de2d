/* The yearly surveys (issue 8): the operations shared by API and pages
 * (api/surveys.h) and the JSON API:
 *   GET  /api/v1/surveys                       the school's surveys (functies with `cijfers`)
 *   POST /api/v1/surveys                       {schoolyear, kind, questions?, own?} (the apc)
 *   GET  /api/v1/surveys/{id}                  one, with its questions
 *   POST /api/v1/surveys/{id}                  {status?, questions?, own?} (the apc)
 *   POST /api/v1/surveys/{id}/codes            {count} -> the codes, once (the apc)
 *   GET  /api/v1/surveys/{id}/results          counted, small numbers hidden, earlier years by key
 *   GET  /api/v1/surveys/monitor?schoolyear=   the summary for the Inspectie (&format=csv)
 *   POST /api/v1/survey-answers/questions      {code} -> the questions (no login)
 *   POST /api/v1/survey-answers                {code, answers} -> 201 (no login)
 *
 * Anonymity, as the report channel does it (api/reports.c): a code is
 * stored only as a keyed hash (BLAKE2b under a key derived from the
 * database's own secret, so a stolen database cannot be checked against
 * printed slips without the key); the public routes are PW_ROUTE_ANON, so
 * no address is logged; the rate limits hold a keyed hash of the address in
 * memory only; the code travels in the body, never in a URL. A response is
 * stored with a random id and no time, and spending the code is a flag: no
 * row, column or order links an answer to its code (store/sql_surveys.h).
 * No audit row is written for an answer: it would carry a time. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/apiutil.h"
#include "api/surveys.h"
#include "app/evaluation.h"
#include "core/calendar.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "store/reports.h"
#include "store/stats.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/app.h"
#include "web/layout.h"

/* Wrong codes are guesses, counted per address before the waits start
 * (pw_throttle doubles them from 2 s). A whole school answers from behind
 * one address and children mistype, so many are free: with 22^12 possible
 * codes against a few thousand handed out, guessing one takes billions of
 * tries, which the waits rule out. */
#define GUESSES_FREE 300
/* Earlier years compared with: as the yearly figures. */
#define EARLIER_MAX 4

/* ---- the school, the survey ---- */

int64_t pw_survey_school(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol **p, struct pw_err *err)
{
	/* The school of the figures: surveys are read by those who read them. */
	return pw_evaluation_school(r->app->store, a, p, err);
}

/* The survey's questions, standard ones from the bank. */
static enum pw_status resolve(struct pw_req *r, struct pw_survey_full *out, struct pw_err *err)
{
	struct pw_survey_qrow *rows;
	size_t n;
	if (pw_store_survey_questions(r->app->store, &r->arena, out->info.id, &rows, &n, err) != PW_OK)
		return err->code;
	out->q = pw_calloc(&r->arena, n ? n : 1, sizeof *out->q);
	out->nq = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pw_survey_question *std = pw_survey_standard(rows[i].key);
		const struct pw_survey_scale *sc = rows[i].scale ? pw_survey_scale(rows[i].scale) : NULL;
		if (rows[i].text == NULL && std)
			out->q[out->nq++] = *std;
		else if (rows[i].text && sc)
			out->q[out->nq++] = (struct pw_survey_question){rows[i].key, NULL, rows[i].text, rows[i].text, NULL, sc, NULL};
	}
	return PW_OK;
}

enum pw_status pw_survey_load(struct pw_req *r, int64_t school, int64_t id, struct pw_survey_full *out,
			      struct pw_err *err)
{
	if (pw_store_survey_get(r->app->store, &r->arena, id, &out->info, err) != PW_OK)
		return err->code;
	if (out->info.school_id != school)
		return pw_err_set(err, PW_ENOTFOUND, "Deze enquête bestaat niet. (No such survey.)");
	return resolve(r, out, err);
}

/* ---- choosing questions ---- */

/* The chosen questions as rows: the standard keys of kind (all when
 * questions is NULL), in the bank's order, then the school's own. */
static enum pw_status choose(struct pw_req *r, const char *kind, json_t *questions, json_t *own,
			     struct pw_survey_qrow **out, size_t *n, struct pw_err *err)
{
	size_t nb;
	const struct pw_survey_question *bank = pw_survey_bank(&nb);
	if (questions && !json_is_array(questions))
		return pw_err_field(err, PW_EINVAL, "questions", "questions is een lijst met vraagsleutels. (A list of keys.)");
	if (own && !json_is_array(own))
		return pw_err_field(err, PW_EINVAL, "own", "own is een lijst van {key, text, scale}. (A list of objects.)");
	size_t i;
	json_t *v;
	json_array_foreach(questions, i, v) {
		const struct pw_survey_question *q = json_is_string(v) ? pw_survey_standard(json_string_value(v)) : NULL;
		if (q == NULL || strcmp(q->kind, kind) != 0)
			return pw_err_field(err, PW_EINVAL, "questions",
					    "%s is geen standaardvraag van deze soort enquête. Eigen vragen gaan in own. "
					    "(Not a standard question of this kind; own questions go in own.)",
					    json_is_string(v) ? json_string_value(v) : "?");
	}
	size_t nown = own ? json_array_size(own) : 0;
	if (nown > PW_SURVEY_OWN_MAX)
		return pw_err_field(err, PW_EINVAL, "own", "Hoogstens %d eigen vragen: houd de enquête kort. (At most %d.)",
				    PW_SURVEY_OWN_MAX, PW_SURVEY_OWN_MAX);
	struct pw_survey_qrow *rows = pw_calloc(&r->arena, nb + nown + 1, sizeof *rows);
	size_t len = 0;
	for (size_t b = 0; b < nb; b++) {
		if (strcmp(bank[b].kind, kind) != 0)
			continue;
		bool in = questions == NULL;
		json_array_foreach(questions, i, v) in |= strcmp(json_string_value(v), bank[b].key) == 0;
		if (in)
			rows[len++] = (struct pw_survey_qrow){bank[b].key, NULL, NULL};
	}
	json_array_foreach(own, i, v) {
		const char *key = json_string_value(json_object_get(v, "key"));
		const char *text = json_string_value(json_object_get(v, "text"));
		const char *scale = json_string_value(json_object_get(v, "scale"));
		if (!pw_survey_own_key_valid(key))
			return pw_err_field(err, PW_EINVAL, "own",
					    "Een eigen vraag heeft een sleutel als eigen_sfeer: eigen_ en dan kleine letters, "
					    "cijfers of _. (An own key is eigen_ and a-z, 0-9, _.)");
		for (size_t k = 0; k < len; k++)
			if (strcmp(rows[k].key, key) == 0)
				return pw_err_field(err, PW_EINVAL, "own", "De sleutel %s komt twee keer voor. (Duplicate key.)", key);
		size_t tl = text ? strlen(text) : 0;
		if (tl == 0 || tl > PW_SURVEY_QTEXT_MAX || !pw_utf8_valid_text(text, tl))
			return pw_err_field(err, PW_EINVAL, "own",
					    "Schrijf de vraag %s (hoogstens %d tekens). (Write the question, at most %d characters.)",
					    key, PW_SURVEY_QTEXT_MAX, PW_SURVEY_QTEXT_MAX);
		if (pw_survey_scale(scale) == NULL)
			return pw_err_field(err, PW_EINVAL, "own",
					    "Kies voor %s een van de vaste antwoordschalen (veiligheid, frequentie, ja_nee, "
					    "ja_nee_weet, eens, tekst, ...). (Choose one of the fixed scales.)",
					    key);
		rows[len++] = (struct pw_survey_qrow){pw_strdup(&r->arena, key), pw_strdup(&r->arena, text),
						      pw_strdup(&r->arena, scale)};
	}
	if (len == 0)
		return pw_err_field(err, PW_EINVAL, "questions", "Kies ten minste één vraag. (Choose at least one question.)");
	*out = rows;
	*n = len;
	return PW_OK;
}

enum pw_status pw_survey_create(struct pw_req *r, const struct pw_actor *a, int64_t school, const char *schoolyear,
				const char *kind, json_t *questions, json_t *own, int64_t *id, struct pw_err *err)
{
	int first;
	struct pw_schoolyear sy;
	if (schoolyear == NULL || pw_schoolyear_name_parse(schoolyear, &first) != 0)
		return pw_err_field(err, PW_EINVAL, "schoolyear",
				    "schoolyear is twee opeenvolgende jaren, zoals 2025-2026. (schoolyear is like 2025-2026.)");
	if (pw_store_schoolyear_get(r->app->store, &r->arena, school, schoolyear, &sy, err) != PW_OK)
		return err->code == PW_ENOTFOUND
			       ? pw_err_field(err, PW_EINVAL, "schoolyear",
					      "Schooljaar %s is er niet; de beheerder voert schooljaren in. (No school year %s.)",
					      schoolyear, schoolyear)
			       : err->code;
	if (!pw_survey_kind_valid(kind))
		return pw_err_field(err, PW_EINVAL, "kind",
				    "kind is veiligheid (leerlingen) of protocol (leerlingen en ouders over het protocol).");
	struct pw_survey_qrow *rows;
	size_t n;
	if (choose(r, kind, questions, own, &rows, &n, err) != PW_OK)
		return err->code;
	if (pw_store_survey_add(r->app->store, school, schoolyear, kind, rows, n, a->user_id, id, err) != PW_OK)
		return err->code == PW_ECONFLICT
			       ? pw_err_set(err, PW_ECONFLICT,
					    "Er is al een enquête %s voor %s: open die. (There is one of this kind for this year.)",
					    kind, schoolyear)
			       : err->code;
	return PW_OK;
}

enum pw_status pw_survey_update(struct pw_req *r, const struct pw_actor *a, const struct pw_survey_full *s,
				json_t *questions, json_t *own, const char *status, struct pw_err *err)
{
	if (status && strcmp(status, "open") != 0 && strcmp(status, "gesloten") != 0)
		return pw_err_field(err, PW_EINVAL, "status", "status is open of gesloten. (status is open or gesloten.)");
	if (status && strcmp(status, "gesloten") == 0 && strcmp(s->info.status, "open") != 0)
		return pw_err_set(err, PW_ECONFLICT, "Alleen een open enquête kan dicht. (Only an open survey closes.)");
	if (questions || own) {
		if (strcmp(s->info.status, "concept") != 0)
			return pw_err_set(err, PW_ECONFLICT,
					  "De vragen liggen vast zodra de enquête open is geweest: anders zijn de antwoorden "
					  "niet meer te vergelijken. (Questions are fixed once a survey has opened.)");
		struct pw_survey_qrow *rows;
		size_t n;
		if (choose(r, s->info.kind, questions, own, &rows, &n, err) != PW_OK ||
		    pw_store_survey_set_questions(r->app->store, s->info.id, rows, n, a->user_id, err) != PW_OK)
			return err->code;
	}
	if (status && strcmp(status, s->info.status) != 0 &&
	    pw_store_survey_set_status(r->app->store, s->info.id, status, a->user_id, err) != PW_OK)
		return err->code;
	return PW_OK;
}

/* ---- codes ---- */

/* The key for code hashes: derived from the database's own secret (the one
 * receipts use), under a context of its own, so the two never mix. */
static enum pw_status code_key(struct pw_req *r, unsigned char key[crypto_kdf_KEYBYTES], struct pw_err *err)
{
	unsigned char master[PW_REPORT_KEY_BYTES];
	_Static_assert(PW_REPORT_KEY_BYTES == crypto_kdf_KEYBYTES, "the receipt key is a kdf key");
	if (pw_store_report_key(r->app->store, master, err) != PW_OK)
		return err->code;
	crypto_kdf_derive_from_key(key, crypto_kdf_KEYBYTES, 1, "enquete_", master);
	sodium_memzero(master, sizeof master);
	return PW_OK;
}

static void code_hash(const char *norm, const unsigned char key[crypto_kdf_KEYBYTES], unsigned char *out)
{
	crypto_generichash(out, PW_SURVEY_HASH_BYTES, (const unsigned char *)norm, PW_SURVEY_CODE_CHARS, key,
			   crypto_kdf_KEYBYTES);
}

enum pw_status pw_survey_make_codes(struct pw_req *r, const struct pw_actor *a, const struct pw_survey_full *s, int count,
				    char ***codes, struct pw_err *err)
{
	if (count < 1 || count > PW_SURVEY_CODES_MAX)
		return pw_err_field(err, PW_EINVAL, "count", "count is een aantal van 1 tot %d. (count is 1 to %d.)",
				    PW_SURVEY_CODES_MAX, PW_SURVEY_CODES_MAX);
	if (strcmp(s->info.status, "gesloten") == 0)
		return pw_err_set(err, PW_ECONFLICT,
				  "Deze enquête is gesloten: open hem weer om codes te maken. (The survey is closed.)");
	unsigned char key[crypto_kdf_KEYBYTES];
	if (code_key(r, key, err) != PW_OK)
		return err->code;
	size_t n = (size_t)count;
	char **shown = pw_calloc(&r->arena, n, sizeof *shown);
	unsigned char *hashes = pw_alloc(&r->arena, n * PW_SURVEY_HASH_BYTES);
	enum pw_status st = PW_ECONFLICT;
	/* 53 random bits a code: a second draw is for a clash that will not come. */
	for (int tries = 0; tries < 3 && st == PW_ECONFLICT; tries++) {
		for (size_t i = 0; i < n; i++) {
			char norm[PW_SURVEY_CODE_CHARS + 1];
			for (int c = 0; c < PW_SURVEY_CODE_CHARS; c++)
				norm[c] = PW_SURVEY_CODE_ALPHABET[randombytes_uniform((uint32_t)strlen(PW_SURVEY_CODE_ALPHABET))];
			norm[PW_SURVEY_CODE_CHARS] = '\0';
			code_hash(norm, key, hashes + i * PW_SURVEY_HASH_BYTES);
			shown[i] = pw_alloc(&r->arena, PW_SURVEY_CODE_SHOWN + 1);
			pw_survey_code_show(norm, shown[i], PW_SURVEY_CODE_SHOWN + 1);
			sodium_memzero(norm, sizeof norm);
		}
		st = pw_store_survey_codes_add(r->app->store, s->info.id, hashes, n, a->user_id, err);
	}
	sodium_memzero(key, sizeof key);
	if (st != PW_OK)
		return err->code;
	*codes = shown;
	return PW_OK;
}

/* ---- respondents ---- */

/* The survey of a code and its hash; a bad or unknown code counts as a guess
 * against the address. A used one does not: it was handed out, and a double
 * press of the button must not bring a class closer to the waits. */
static enum pw_status for_code(struct pw_req *r, const char *code, struct pw_survey_full *out,
			       unsigned char hash[PW_SURVEY_HASH_BYTES], struct pw_err *err)
{
	char lk[64], norm[PW_SURVEY_CODE_CHARS + 1];
	pw_throttle_addr_key(r, "sv:", lk, sizeof lk);
	int wait = pw_throttle_wait(lk, GUESSES_FREE);
	if (wait > 0) {
		pw_resp_header(r, "Retry-After", pw_printf(&r->arena, "%d", wait));
		return pw_err_set(err, PW_ELIMIT, "Te veel pogingen. Wacht %d seconden en probeer het dan opnieuw.", wait);
	}
	if (code == NULL || pw_survey_code_normalize(code, norm) != 0) {
		pw_throttle_fail(lk);
		return pw_err_field(err, PW_EINVAL, "code",
				    "Dit is geen goede code. Een code heeft 12 letters, zoals BXTR-MKPA-HWZD. "
				    "(A code is 12 letters.)");
	}
	unsigned char key[crypto_kdf_KEYBYTES];
	if (code_key(r, key, err) != PW_OK)
		return err->code;
	code_hash(norm, key, hash);
	sodium_memzero(key, sizeof key);
	sodium_memzero(norm, sizeof norm);
	int64_t sid = 0;
	int used = 0;
	if (pw_store_survey_code_find(r->app->store, hash, &sid, &used, err) != PW_OK) {
		if (err->code != PW_ENOTFOUND)
			return err->code;
		pw_throttle_fail(lk);
		return pw_err_field(err, PW_ENOTFOUND, "code",
				    "Deze code kennen we niet. Kijk of je hem goed hebt overgetypt. (Unknown code.)");
	}
	if (used)
		return pw_err_field(err, PW_ECONFLICT, "code",
				    "Deze code is al gebruikt. Elke code werkt maar één keer. (This code was used already.)");
	if (pw_store_survey_get(r->app->store, &r->arena, sid, &out->info, err) != PW_OK)
		return err->code;
	if (strcmp(out->info.status, "open") != 0)
		return pw_err_field(err, PW_ECONFLICT, "code",
				    strcmp(out->info.status, "concept") == 0
					    ? "De enquête is nog niet begonnen. Probeer het later nog eens. (Not open yet.)"
					    : "De enquête is gesloten: je kunt niet meer meedoen. (The survey is closed.)");
	return resolve(r, out, err);
}

enum pw_status pw_survey_for_code(struct pw_req *r, const char *code, struct pw_survey_full *out, struct pw_err *err)
{
	unsigned char hash[PW_SURVEY_HASH_BYTES];
	return for_code(r, code, out, hash, err);
}

enum pw_status pw_survey_submit(struct pw_req *r, const char *code, json_t *answers, struct pw_err *err)
{
	struct pw_survey_full s;
	unsigned char hash[PW_SURVEY_HASH_BYTES];
	struct pw_survey_answer *v;
	size_t n;
	if (for_code(r, code, &s, hash, err) != PW_OK || pw_survey_check(&r->arena, s.q, s.nq, answers, &v, &n, err) != PW_OK)
		return err->code;
	if (pw_store_survey_answer(r->app->store, hash, s.info.id, v, n, err) != PW_OK)
		return err->code == PW_ECONFLICT
			       ? pw_err_field(err, PW_ECONFLICT, "code",
					      "Deze code is al gebruikt. Elke code werkt maar één keer. (This code was used already.)")
			       : err->code;
	return PW_OK;
}

json_t *pw_survey_questions_json(const struct pw_survey_full *s)
{
	json_t *qs = json_array();
	for (size_t i = 0; i < s->nq; i++) {
		const struct pw_survey_question *q = &s->q[i];
		json_t *opts = json_array();
		for (size_t k = 0; k < q->scale->n; k++)
			json_array_append_new(opts, json_pack("{s:s, s:s}", "key", q->scale->options[k].key, "text",
							      q->scale->options[k].text));
		json_t *j = json_pack("{s:s, s:s, s:s, s:b, s:o}", "key", q->key, "text", q->text, "scale", q->scale->key,
				      "multiple", q->scale->multiple, "options", opts);
		if (q->hint)
			json_object_set_new(j, "hint", json_string(q->hint));
		if (q->only_if)
			json_object_set_new(j, "only_if", json_string(q->only_if));
		json_array_append_new(qs, j);
	}
	return json_pack("{s:s, s:s, s:o}", "schoolyear", s->info.schoolyear, "kind", s->info.kind, "questions", qs);
}

/* ---- results ---- */

static enum pw_status count_one(struct pw_req *r, const struct pw_survey_full *s, struct pw_survey_result *res,
				struct pw_err *err)
{
	struct pw_survey_row *rows;
	size_t n;
	if (pw_store_survey_rows(r->app->store, &r->arena, s->info.id, &rows, &n, err) != PW_OK)
		return err->code;
	pw_survey_count(&r->arena, s->q, s->nq, rows, n, s->info.respondents, res);
	return PW_OK;
}

enum pw_status pw_survey_results(struct pw_req *r, const struct pw_survey_full *s, struct pw_survey_result *res,
				 struct pw_survey_full **earlier, struct pw_survey_result **eres, size_t *ne,
				 struct pw_err *err)
{
	struct pw_survey_info *all;
	size_t n;
	*ne = 0;
	if (count_one(r, s, res, err) != PW_OK ||
	    pw_store_survey_list(r->app->store, &r->arena, s->info.school_id, &all, &n, err) != PW_OK)
		return err->code;
	*earlier = pw_calloc(&r->arena, EARLIER_MAX, sizeof **earlier);
	*eres = pw_calloc(&r->arena, EARLIER_MAX, sizeof **eres);
	/* The list is newest year first. */
	for (size_t i = 0; i < n && *ne < EARLIER_MAX; i++) {
		if (strcmp(all[i].kind, s->info.kind) != 0 || strcmp(all[i].schoolyear, s->info.schoolyear) >= 0)
			continue;
		struct pw_survey_full *e = &(*earlier)[*ne];
		e->info = all[i];
		if (resolve(r, e, err) != PW_OK || count_one(r, e, &(*eres)[*ne], err) != PW_OK)
			return err->code;
		(*ne)++;
	}
	return PW_OK;
}

/* A question's counts and percentages: {answered, counts: {opt: n or "<5"},
 * percent: {opt: x or null}}; answered "<5" and nothing more when hidden. */
static json_t *qresult_json(const struct pw_survey_qresult *q)
{
	json_t *j = json_object();
	if (!q->shown) {
		json_object_set_new(j, "answered", q->answered == 0 ? json_integer(0) : json_string("<5"));
		return j;
	}
	json_object_set_new(j, "answered", json_integer(q->answered));
	if (q->q->scale->text)
		return j;
	json_t *counts = json_object(), *pct = json_object();
	for (size_t k = 0; k < q->n; k++) {
		const struct pw_survey_cell *c = &q->cells[k];
		json_object_set_new(counts, c->value, c->hidden ? json_string("<5") : json_integer(c->count));
		double p = pw_survey_pct(q, c);
		json_object_set_new(pct, c->value, p < 0 ? json_null() : json_real((double)(int64_t)(p * 10 + 0.5) / 10));
	}
	json_object_set_new(j, "counts", counts);
	json_object_set_new(j, "percent", pct);
	return j;
}

json_t *pw_survey_results_json(const struct pw_survey_full *s, const struct pw_survey_result *res,
			       const struct pw_survey_full *earlier, const struct pw_survey_result *eres, size_t ne)
{
	json_t *qs = json_array();
	for (size_t i = 0; i < res->n; i++) {
		const struct pw_survey_qresult *q = &res->q[i];
		json_t *j = qresult_json(q);
		json_object_set_new(j, "key", json_string(q->q->key));
		json_object_set_new(j, "text", json_string(q->q->text));
		json_object_set_new(j, "scale", json_string(q->q->scale->key));
		json_object_set_new(j, "own", json_boolean(q->q->kind == NULL));
		json_t *ej = json_array();
		for (size_t e = 0; e < ne; e++)
			for (size_t k = 0; k < eres[e].n; k++)
				if (strcmp(eres[e].q[k].q->key, q->q->key) == 0) {
					json_t *x = qresult_json(&eres[e].q[k]);
					json_object_set_new(x, "schoolyear", json_string(earlier[e].info.schoolyear));
					json_array_append_new(ej, x);
				}
		json_object_set_new(j, "earlier", ej);
		json_array_append_new(qs, j);
	}
	json_t *ey = json_array();
	for (size_t e = 0; e < ne; e++)
		json_array_append_new(ey, json_pack("{s:i, s:s, s:I}", "id", (int)earlier[e].info.id, "schoolyear",
						    earlier[e].info.schoolyear, "respondents", (json_int_t)eres[e].respondents));
	return json_pack("{s:I, s:s, s:s, s:s, s:i, s:I, s:b, s:o, s:o}", "id", (json_int_t)s->info.id, "schoolyear",
			 s->info.schoolyear, "kind", s->info.kind, "status", s->info.status, "k", PW_STATS_K, "respondents",
			 (json_int_t)res->respondents, "shown", res->shown, "questions", qs, "earlier", ey);
}

/* ---- the monitor ---- */

static int64_t total_of(const struct pw_stats_year *y, const char *name)
{
	for (size_t i = 0; i < y->n_m; i++)
		if (!y->m[i].breakdown && strcmp(y->m[i].name, name) == 0 && y->m[i].n == 1)
			return y->m[i].cells[0].suppressed ? -1 : y->m[i].cells[0].count;
	return -1;
}

enum pw_status pw_survey_monitor(struct pw_req *r, int64_t school, const char *schoolyear, struct pw_survey_monitor *m,
				 struct pw_err *err)
{
	memset(m, 0, sizeof *m);
	m->schoolyear = schoolyear;
	struct pw_stats_year y, *earlier;
	size_t ne;
	if (pw_store_stats(r->app->store, &r->arena, school, schoolyear, pw_day_from_unix(pw_now()), &y, &earlier, &ne,
			   err) != PW_OK)
		return err->code;
	m->have_registration = true;
	m->signals = total_of(&y, "signals");
	m->cases = total_of(&y, "cases");
	struct pw_survey_info *all;
	size_t n;
	if (pw_store_survey_list(r->app->store, &r->arena, school, &all, &n, err) != PW_OK)
		return err->code;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(all[i].kind, "veiligheid") != 0 || strcmp(all[i].schoolyear, schoolyear) != 0)
			continue;
		struct pw_survey_row *rows;
		size_t nr;
		if (pw_store_survey_rows(r->app->store, &r->arena, all[i].id, &rows, &nr, err) != PW_OK)
			return err->code;
		pw_survey_monitor_count(rows, nr, all[i].respondents, m);
		return PW_OK;
	}
	pw_survey_monitor_count(NULL, 0, 0, m);
	return PW_OK;
}

/* ---- the JSON API ---- */

static int fail(struct pw_req *r, struct pw_err *err)
{
	pw_resp_error_json(r, err);
	return 0;
}

/* Authenticates, finds the school and checks act. 0 after answering. */
static int staff(struct pw_req *r, struct pw_actor *a, enum pw_survey_act act, int64_t *school)
{
	struct pw_err err;
	const struct pw_protocol *p;
	if (!pw_api_auth(r, a))
		return 0;
	*school = pw_survey_school(r, a, &p, &err);
	if (*school < 0)
		return fail(r, &err);
	if (pw_access_survey(a, p, *school, act, &err) != PW_OK)
		return fail(r, &err);
	return 1;
}

/* Also the survey of the URL. */
static int staff_survey(struct pw_req *r, struct pw_actor *a, enum pw_survey_act act, struct pw_survey_full *s)
{
	struct pw_err err;
	int64_t school;
	if (!staff(r, a, act, &school))
		return 0;
	int64_t id = pw_api_id(r->params[0]);
	if (id == 0)
		return fail(r, (pw_err_set(&err, PW_ENOTFOUND, "Deze enquête bestaat niet. (No such survey.)"), &err));
	if (pw_survey_load(r, school, id, s, &err) != PW_OK)
		return fail(r, &err);
	return 1;
}

static json_t *info_json(const struct pw_survey_full *s)
{
	json_t *keys = json_array();
	for (size_t i = 0; i < s->nq; i++)
		json_array_append_new(keys, json_string(s->q[i].key));
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:{s:I, s:I}, s:o}", "id", (json_int_t)s->info.id, "schoolyear",
			 s->info.schoolyear, "kind", s->info.kind, "status", s->info.status, "respondents",
			 (json_int_t)s->info.respondents, "codes", "issued", (json_int_t)s->info.codes, "used",
			 (json_int_t)s->info.codes_used, "questions", keys);
}

void pw_h_api_surveys(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	int64_t school;
	if (!staff(r, &a, PW_SURVEY_READ, &school))
		return;
	struct pw_survey_info *all;
	size_t n;
	if (pw_store_survey_list(r->app->store, &r->arena, school, &all, &n, &err) != PW_OK) {
		fail(r, &err);
		return;
	}
	const char *year = pw_req_query(r, "schoolyear");
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		if (year && strcmp(year, all[i].schoolyear) != 0)
			continue;
		struct pw_survey_full s = {.info = all[i]};
		if (resolve(r, &s, &err) != PW_OK) {
			json_decref(items);
			fail(r, &err);
			return;
		}
		json_array_append_new(items, info_json(&s));
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items)));
}

void pw_h_api_survey_add(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	int64_t school, id;
	if (!staff(r, &a, PW_SURVEY_MANAGE, &school))
		return;
	json_t *j = pw_api_body(r);
	if (j == NULL)
		return;
	if (pw_survey_create(r, &a, school, json_string_value(json_object_get(j, "schoolyear")),
			     json_string_value(json_object_get(j, "kind")), json_object_get(j, "questions"),
			     json_object_get(j, "own"), &id, &err) != PW_OK) {
		json_decref(j);
		fail(r, &err);
		return;
	}
	json_decref(j);
	struct pw_survey_full s;
	if (pw_survey_load(r, school, id, &s, &err) != PW_OK) {
		fail(r, &err);
		return;
	}
	pw_resp_json(r, 201, info_json(&s));
}

void pw_h_api_survey(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_survey_full s;
	if (!staff_survey(r, &a, PW_SURVEY_READ, &s))
		return;
	json_t *j = info_json(&s);
	json_object_set_new(j, "detail", pw_survey_questions_json(&s));
	pw_resp_json(r, 200, j);
}

void pw_h_api_survey_update(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_survey_full s;
	struct pw_err err;
	if (!staff_survey(r, &a, PW_SURVEY_MANAGE, &s))
		return;
	json_t *j = pw_api_body(r);
	if (j == NULL)
		return;
	json_t *st = json_object_get(j, "status");
	if (st && !json_is_string(st)) {
		json_decref(j);
		pw_api_fail(r, PW_EINVAL, "status", "status is open of gesloten. (status is open or gesloten.)");
		return;
	}
	enum pw_status rc = pw_survey_update(r, &a, &s, json_object_get(j, "questions"), json_object_get(j, "own"),
					     json_string_value(st), &err);
	json_decref(j);
	if (rc != PW_OK || pw_survey_load(r, s.info.school_id, s.info.id, &s, &err) != PW_OK) {
		fail(r, &err);
		return;
	}
	pw_resp_json(r, 200, info_json(&s));
}

void pw_h_api_survey_codes(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_survey_full s;
	struct pw_err err;
	if (!staff_survey(r, &a, PW_SURVEY_MANAGE, &s))
		return;
	json_t *j = pw_api_body(r);
	if (j == NULL)
		return;
	json_t *c = json_object_get(j, "count");
	int count = json_is_integer(c) && json_integer_value(c) > 0 && json_integer_value(c) <= PW_SURVEY_CODES_MAX
			    ? (int)json_integer_value(c)
			    : 0;
	json_decref(j);
	char **codes;
	if (pw_survey_make_codes(r, &a, &s, count, &codes, &err) != PW_OK) {
		fail(r, &err);
		return;
	}
	json_t *arr = json_array();
	for (int i = 0; i < count; i++)
		json_array_append_new(arr, json_string(codes[i]));
	pw_resp_json(r, 201, json_pack("{s:I, s:o}", "survey", (json_int_t)s.info.id, "codes", arr));
}

void pw_h_api_survey_results(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_survey_full s, *earlier;
	struct pw_survey_result res, *eres;
	size_t ne;
	struct pw_err err;
	if (!staff_survey(r, &a, PW_SURVEY_READ, &s))
		return;
	if (pw_survey_results(r, &s, &res, &earlier, &eres, &ne, &err) != PW_OK) {
		fail(r, &err);
		return;
	}
	struct pw_audit au = {.user_id = a.user_id, .action = "read", .object = "survey", .object_id = s.info.id,
			      .detail = "uitkomsten"};
	if (pw_store_audit_read(r->app->store, &au, &err) != PW_OK) {
		fail(r, &err);
		return;
	}
	pw_resp_json(r, 200, pw_survey_results_json(&s, &res, earlier, eres, ne));
}

void pw_h_api_survey_monitor(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	int64_t school;
	if (!staff(r, &a, PW_SURVEY_READ, &school))
		return;
	const char *year = pw_req_query(r, "schoolyear"), *format = pw_req_query(r, "format");
	int first;
	if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0) {
		pw_api_fail(r, PW_EINVAL, "format", "format is json of csv. (format is json or csv.)");
		return;
	}
	if (year == NULL) {
		struct pw_schoolyear sy;
		if (pw_store_schoolyear_at(r->app->store, &r->arena, school, pw_today(r), &sy, &err) != PW_OK) {
			pw_api_fail(r, PW_EINVAL, "schoolyear", "Geef het schooljaar: ?schoolyear=2025-2026.");
			return;
		}
		year = sy.name;
	} else if (pw_schoolyear_name_parse(year, &first) != 0) {
		pw_api_fail(r, PW_EINVAL, "schoolyear",
			    "schoolyear is twee opeenvolgende jaren, zoals 2025-2026. (schoolyear is like 2025-2026.)");
		return;
	}
	struct pw_survey_monitor m;
	if (pw_survey_monitor(r, school, year, &m, &err) != PW_OK) {
		fail(r, &err);
		return;
	}
	if (format && strcmp(format, "csv") == 0) {
		r->status = 200;
		r->content_type = "text/csv; charset=utf-8";
		r->out.len = 0;
		pw_survey_monitor_csv(&r->out, &m);
		pw_resp_header(r, "Content-Disposition",
			       pw_printf(&r->arena, "attachment; filename=\"pestwijzer-monitor-%s.csv\"", year));
		return;
	}
	pw_resp_json(r, 200, pw_survey_monitor_json(&m));
}

/* ---- the public side ---- */

/* POST /api/v1/survey-answers/questions {code}: the code in the body. */
void pw_h_api_survey_questions(struct pw_req *r)
{
	struct pw_err err;
	json_t *j = pw_api_body(r);
	if (j == NULL)
		return;
	struct pw_survey_full s;
	enum pw_status st = pw_survey_for_code(r, json_string_value(json_object_get(j, "code")), &s, &err);
	json_decref(j);
	if (st != PW_OK) {
		fail(r, &err);
		return;
	}
	pw_resp_json(r, 200, pw_survey_questions_json(&s));
}

/* POST /api/v1/survey-answers {code, answers}. */
void pw_h_api_survey_answer(struct pw_req *r)
{
	struct pw_err err;
	json_t *j = pw_api_body(r);
	if (j == NULL)
		return;
	enum pw_status st = pw_survey_submit(r, json_string_value(json_object_get(j, "code")), json_object_get(j, "answers"),
					     &err);
	json_decref(j);
	if (st != PW_OK) {
		fail(r, &err);
		return;
	}
	pw_resp_json(r, 201, json_pack("{s:s}", "status", "ontvangen"));
}
