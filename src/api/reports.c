/* Reports (meldingen) by students and parents: the anonymous channel and the
 * school's side of it.
 *
 * A reporter gets a receipt, a random code shown once, and comes back with it
 * to read the school's answers and add messages. The receipt is stored only
 * as a keyed hash (BLAKE2b with the database's own random key, in meta): a
 * lookup needs the same hash every time, which rules out a salted password
 * hash per row, and the key means a stolen database's hashes cannot be
 * checked against guessed codes without the key as well. Nothing about the
 * reporter beyond what they typed is stored: the routes are PW_ROUTE_ANON (no
 * address in the access log), the audit rows for them have no user, and the
 * rate limits hold a keyed hash of the address in memory only.
 *
 * The school's side (functies with `toegang.meldingen`) lists, answers and
 * triages them; what each functie may do is pw_access_report's to decide. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/apiutil.h"
#include "app/casework.h"
#include "core/calendar.h"
#include "core/school_protocol.h"
#include "store/people.h"
#include "store/reports.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/text.h"
#include "web/app.h"
#include "web/layout.h"

enum pw_status pw_api_parse_signal(struct pw_arena *a, const struct pw_protocol *p, json_t *j, struct pw_signal *s,
				   json_t **data, struct pw_err *err);
enum pw_status pw_report_parse(json_t *j, pw_day today, struct pw_report_row *out, const char **school,
			       struct pw_err *err);
int pw_receipt_normalize(const char *in, char out[PW_RECEIPT_CHARS + 1]);

/* Limits on what a reporter types: enough for a whole story, not for a book. */
#define TEXT_MAX 10000
#define SHORT_MAX 200

/* Rate limits per address (pw_throttle, in memory, forgotten after an hour
 * of quiet). Wrong receipts are guesses: few are free. Postings (reports and
 * messages) get many more, because a whole school's pupils may share one
 * address on the school's network. */
#define GUESSES_FREE 10
#define POSTINGS_FREE 60

/* ---- parsing: pure functions over the body (fuzzed: tests/fuzz/fuzz_report.c) ---- */

/* A text field: absent or null is NULL; else a string of valid text of at
 * most max bytes. Empty (after spaces) counts as absent. */
static int text_field(json_t *j, const char *key, size_t max, const char **out, struct pw_err *err)
{
	json_t *v = json_object_get(j, key);
	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 1;
	if (!json_is_string(v)) {
		pw_err_field(err, PW_EINVAL, key, "%s moet tekst zijn.", key);
		return 0;
	}
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (n > max) {
		pw_err_field(err, PW_EINVAL, key, "%s is te lang: hoogstens %zu tekens.", key, max);
		return 0;
	}
	if (!pw_utf8_valid_text(s, n)) {
		pw_err_field(err, PW_EINVAL, key, "%s bevat tekens die niet kunnen.", key);
		return 0;
	}
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	*out = i < n ? s : NULL;
	return 1;
}

/* The body of POST /reports into out (text, occurred_on, location, name,
 * contact; "" when not given) and *school (a school's code, or NULL).
 * Strings point into j. Every refusal names its field. */
enum pw_status pw_report_parse(json_t *j, pw_day today, struct pw_report_row *out, const char **school,
			       struct pw_err *err)
{
	memset(out, 0, sizeof *out);
	*school = NULL;
	const char *text, *on, *loc, *name, *contact;
	if (!json_is_object(j))
		return pw_err_field(err, PW_EINVAL, "text", "Stuur een object met ten minste text.");
	if (!text_field(j, "text", TEXT_MAX, &text, err) || !text_field(j, "occurred_on", 10, &on, err) ||
	    !text_field(j, "location", SHORT_MAX, &loc, err) || !text_field(j, "name", SHORT_MAX, &name, err) ||
	    !text_field(j, "contact", SHORT_MAX, &contact, err) || !text_field(j, "school", 64, school, err))
		return PW_EINVAL;
	if (text == NULL)
		return pw_err_field(err, PW_EINVAL, "text", "Schrijf op wat er is gebeurd (text is verplicht).");
	if (on) {
		pw_day d;
		if (pw_day_parse(on, &d) != 0)
			return pw_err_field(err, PW_EINVAL, "occurred_on", "occurred_on is een datum: JJJJ-MM-DD.");
		if (d > today)
			return pw_err_field(err, PW_EINVAL, "occurred_on", "occurred_on ligt in de toekomst.");
	}
	out->text = text;
	out->occurred_on = on ? on : "";
	out->location = loc ? loc : "";
	out->name = name ? name : "";
	out->contact = contact ? contact : "";
	return PW_OK;
}

/* Crockford's base32: no I, L, O or U, so nothing reads as something else. */
static const char B32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* A receipt as typed ("k7qm 2xwp-...") into its 20 characters; -1 when it
 * is not one. Case, spaces and dashes do not matter; O, I and L are read as
 * 0, 1 and 1, the mistakes people make copying a code. */
int pw_receipt_normalize(const char *in, char out[PW_RECEIPT_CHARS + 1])
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (c == '\0' || strchr(B32, c) == NULL || n == PW_RECEIPT_CHARS)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == PW_RECEIPT_CHARS ? 0 : -1;
}

/* ---- the anonymous channel ---- */

static enum pw_status limited(struct pw_req *r, const char *key, int free, struct pw_err *err)
{
	int wait = pw_throttle_wait(key, free);
	if (wait <= 0)
		return PW_OK;
	pw_resp_header(r, "Retry-After", pw_printf(&r->arena, "%d", wait));
	return pw_err_set(err, PW_ELIMIT, "Te veel pogingen. Wacht %d seconden en probeer het dan opnieuw.", wait);
}

static void receipt_hash(const char *norm, const unsigned char key[PW_REPORT_KEY_BYTES],
			 unsigned char out[PW_REPORT_HASH_BYTES])
{
	crypto_generichash(out, PW_REPORT_HASH_BYTES, (const unsigned char *)norm, PW_RECEIPT_CHARS, key,
			   PW_REPORT_KEY_BYTES);
}

/* The report a receipt belongs to. A malformed or unknown receipt counts as
 * a guess against the address; too many answer PW_ELIMIT. */
static enum pw_status by_receipt(struct pw_req *r, const char *receipt, struct pw_report_row *row, struct pw_err *err)
{
	char key[64], norm[PW_RECEIPT_CHARS + 1];
	unsigned char k[PW_REPORT_KEY_BYTES], h[PW_REPORT_HASH_BYTES];
	pw_throttle_addr_key(r, "rg:", key, sizeof key);
	if (limited(r, key, GUESSES_FREE, err) != PW_OK)
		return err->code;
	if (receipt == NULL || pw_receipt_normalize(receipt, norm) != 0) {
		pw_throttle_fail(key);
		return pw_err_field(err, PW_EINVAL, "receipt",
				    "Dit is geen geldig bonnummer: het heeft 20 tekens, zoals ABCD-EFGH-JKMN-PQRS-TVWX.");
	}
	if (pw_store_report_key(r->app->store, k, err) != PW_OK)
		return err->code;
	receipt_hash(norm, k, h);
	sodium_memzero(k, sizeof k);
	if (pw_store_report_by_hash(r->app->store, &r->arena, h, row, err) != PW_OK) {
		if (err->code == PW_ENOTFOUND) {
			pw_throttle_fail(key);
			return pw_err_set(err, PW_ENOTFOUND, "Bij dit bonnummer hoort geen melding. Kijk of je het goed hebt overgenomen.");
		}
		return err->code;
	}
	return PW_OK;
}

/* Tells every staff member at the school whose functie satisfies pred. */
static enum pw_status tell_staff(struct pw_store *s, struct pw_arena *a, const struct pw_protocol *p, int64_t school,
				 bool (*pred)(const struct pw_protocol *, const char *), int64_t report_id,
				 const char *kind, int64_t except, struct pw_err *err)
{
	struct pw_staff *staff;
	size_t n;
	if (pw_store_school_staff(s, a, school, &staff, &n, err) != PW_OK)
		return err->code;
	int64_t last = 0;
	for (size_t i = 0; i < n; i++) {
		/* Rows come ordered by user: one notice per person, however many functies. */
		if (staff[i].user_id == last || staff[i].user_id == except || !pred(p, staff[i].functie))
			continue;
		last = staff[i].user_id;
		if (pw_store_report_notice(s, staff[i].user_id, report_id, kind, err) != PW_OK)
			return err->code;
	}
	return PW_OK;
}

/* Which school a report is for: the code given, or the deployment's only one. */
static enum pw_status report_school(struct pw_req *r, const char *code, const struct pw_actor *staff, int64_t *school,
				    struct pw_err *err)
{
	struct pw_school sc;
	if (code) {
		if (pw_store_school_get(r->app->store, &r->arena, code, &sc, err) != PW_OK)
			return err->code == PW_ENOTFOUND ? pw_err_field(err, PW_EINVAL, "school", "Deze school kennen we niet.")
							 : err->code;
		*school = sc.id;
		return PW_OK;
	}
	if (staff) {
		*school = pw_actor_school(staff);
		return PW_OK;
	}
	struct pw_school *all;
	size_t n;
	if (pw_store_school_list(r->app->store, &r->arena, &all, &n, err) != PW_OK)
		return err->code;
	if (n != 1)
		return pw_err_field(err, PW_EINVAL, "school", "Kies je school (school: de code van de school).");
	*school = all[0].id;
	return PW_OK;
}

/* Files a report from body (a JSON object, borrowed) and writes its receipt,
 * grouped for reading aloud, into receipt (>= PW_RECEIPT_SHOWN + 1). staff is
 * the staff member who enters it for someone (by phone, in person), or NULL
 * for the reporter themselves. */
enum pw_status pw_report_submit(struct pw_req *r, json_t *body, const struct pw_actor *staff, char *receipt, size_t n,
				struct pw_err *err)
{
	char key[64];
	if (staff == NULL) {
		pw_throttle_addr_key(r, "rp:", key, sizeof key);
		if (limited(r, key, POSTINGS_FREE, err) != PW_OK)
			return err->code;
	}
	struct pw_report_row in;
	const char *code;
	int64_t school = 0;
	if (pw_report_parse(body, pw_day_from_unix(pw_now()), &in, &code, err) != PW_OK ||
	    report_school(r, code, staff, &school, err) != PW_OK)
		return err->code;
	const struct pw_protocol *p = pw_school_protocol(r->app->store, school, NULL, err);
	if (p == NULL || (staff && pw_access_report(staff, p, school, PW_REPORT_ENTER, err) != PW_OK))
		return err->code;
	in.school_id = school;
	in.entered_by = staff ? staff->user_id : 0;

	unsigned char k[PW_REPORT_KEY_BYTES], h[PW_REPORT_HASH_BYTES];
	char norm[PW_RECEIPT_CHARS + 1];
	if (pw_store_report_key(r->app->store, k, err) != PW_OK || pw_store_begin(r->app->store, err) != PW_OK) {
		sodium_memzero(k, sizeof k);
		return err->code;
	}
	int64_t id = 0;
	enum pw_status st = PW_ECONFLICT;
	/* 100 random bits: a second draw is for the impossible case of a clash. */
	for (int tries = 0; tries < 3 && st == PW_ECONFLICT; tries++) {
		for (int i = 0; i < PW_RECEIPT_CHARS; i++)
			norm[i] = B32[randombytes_uniform(32)];
		norm[PW_RECEIPT_CHARS] = '\0';
		receipt_hash(norm, k, h);
		st = pw_store_report_add(r->app->store, &in, h, &id, err);
	}
	sodium_memzero(k, sizeof k);
	if (st != PW_OK || tell_staff(r->app->store, &r->arena, p, school, pw_functie_reads_reports, id, "melding_leerling",
				      0, err) != PW_OK ||
	    pw_store_audit_change(r->app->store, staff ? staff->user_id : 0, "create", "report", id,
				  staff ? "ingevoerd door medewerker" : NULL, err) != PW_OK ||
	    pw_store_commit(r->app->store, err) != PW_OK) {
		pw_store_rollback(r->app->store);
		sodium_memzero(norm, sizeof norm);
		return err->code;
	}
	if (staff == NULL)
		pw_throttle_fail(key);
	snprintf(receipt, n, "%.4s-%.4s-%.4s-%.4s-%.4s", norm, norm + 4, norm + 8, norm + 12, norm + 16);
	sodium_memzero(norm, sizeof norm);
	return PW_OK;
}

/* The thread of the report a receipt belongs to, as the reporter sees it:
 * their text, the status, the messages; never the case. NULL with err. */
json_t *pw_report_thread_json(struct pw_req *r, const char *receipt, struct pw_err *err)
{
	struct pw_report_row row;
	struct pw_report_msg *m;
	size_t n;
	if (by_receipt(r, receipt, &row, err) != PW_OK ||
	    pw_store_report_messages(r->app->store, &r->arena, row.id, &m, &n, err) != PW_OK)
		return NULL;
	struct pw_audit au = {.user_id = 0, .action = "read", .object = "report", .object_id = row.id, .detail = "melder"};
	if (pw_store_audit_read(r->app->store, &au, err) != PW_OK)
		return NULL;
	json_t *msgs = json_array();
	for (size_t i = 0; i < n; i++) {
		char at[32], day[11];
		pw_time_rfc3339(m[i].at, at, sizeof at);
		pw_day_format(pw_day_from_unix(m[i].at), day);
		json_array_append_new(msgs, json_pack("{s:s, s:s, s:s, s:s}", "at", at, "day", day, "from",
						      m[i].from_school ? "school" : "melder", "text", m[i].text));
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "text", row.text, "status", row.status, "occurred_on", row.occurred_on,
			 "location", row.location, "messages", msgs);
}

/* Adds the reporter's message to the thread of the report a receipt belongs to. */
enum pw_status pw_report_message(struct pw_req *r, const char *receipt, const char *text, struct pw_err *err)
{
	char key[64];
	pw_throttle_addr_key(r, "rp:", key, sizeof key);
	if (limited(r, key, POSTINGS_FREE, err) != PW_OK)
		return err->code;
	struct pw_report_row row;
	if (by_receipt(r, receipt, &row, err) != PW_OK)
		return err->code;
	size_t len = text ? strlen(text) : 0, i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
		i++;
	if (i == len)
		return pw_err_field(err, PW_EINVAL, "text", "Schrijf eerst je bericht.");
	if (len > TEXT_MAX || !pw_utf8_valid_text(text, len))
		return pw_err_field(err, PW_EINVAL, "text", "Je bericht is te lang of bevat tekens die niet kunnen.");
	const struct pw_protocol *p = pw_school_protocol(r->app->store, row.school_id, NULL, err);
	if (p == NULL || pw_store_begin(r->app->store, err) != PW_OK)
		return err->code;
	if (pw_store_report_message_add(r->app->store, row.id, 0, 0, text, err) != PW_OK ||
	    tell_staff(r->app->store, &r->arena, p, row.school_id, pw_functie_reads_reports, row.id, "bericht_melder", 0,
		       err) != PW_OK ||
	    pw_store_audit_change(r->app->store, 0, "update", "report", row.id, "bericht van melder", err) != PW_OK ||
	    pw_store_commit(r->app->store, err) != PW_OK) {
		pw_store_rollback(r->app->store);
		return err->code;
	}
	pw_throttle_fail(key);
	return PW_OK;
}

static json_t *body_json(struct pw_req *r, struct pw_err *err)
{
	return pw_json_parse_body(r->body.data ? r->body.data : "", r->body.len, err);
}

/* POST /api/v1/reports: anonymous, or by a staff member entering one for
 * someone. Only a Bearer token or a session with its CSRF header makes it a
 * staff entry; a bare session cookie is ignored, so a pupil at a computer
 * where a teacher is logged in still reports as themselves. */
void pw_h_api_report_add(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	const struct pw_actor *staff = NULL;
	if (pw_req_header(r, "Authorization") || pw_req_header(r, "X-CSRF-Token")) {
		if (!pw_api_auth(r, &a))
			return;
		staff = &a;
	}
	json_t *j = body_json(r, &err);
	char receipt[PW_RECEIPT_SHOWN + 1];
	if (j == NULL || pw_report_submit(r, j, staff, receipt, sizeof receipt, &err) != PW_OK) {
		json_decref(j);
		pw_resp_error_json(r, &err);
		return;
	}
	json_decref(j);
	pw_resp_json(r, 201, json_pack("{s:s}", "receipt", receipt));
	sodium_memzero(receipt, sizeof receipt);
}

/* POST /api/v1/reports/thread {receipt}: the receipt in the body, never the URL. */
void pw_h_api_report_thread(struct pw_req *r)
{
	struct pw_err err;
	json_t *j = body_json(r, &err), *t = NULL;
	if (j)
		t = pw_report_thread_json(r, json_string_value(json_object_get(j, "receipt")), &err);
	json_decref(j);
	if (t == NULL) {
		pw_resp_error_json(r, &err);
		return;
	}
	pw_resp_json(r, 200, t);
}

/* POST /api/v1/reports/messages {receipt, text}. */
void pw_h_api_report_message(struct pw_req *r)
{
	struct pw_err err;
	json_t *j = body_json(r, &err);
	json_t *text = j ? json_object_get(j, "text") : NULL;
	if (j && text && !json_is_string(text)) {
		pw_err_field(&err, PW_EINVAL, "text", "text moet tekst zijn.");
	} else if (j && pw_report_message(r, json_string_value(json_object_get(j, "receipt")), json_string_value(text),
					  &err) == PW_OK) {
		json_decref(j);
		pw_resp_json(r, 201, json_pack("{s:b}", "ok", 1));
		return;
	}
	json_decref(j);
	pw_resp_error_json(r, &err);
}

/* ---- the school's side ---- */


static json_t *staff_item(struct pw_req *r, const struct pw_report_row *row, bool show_case, struct pw_err *err)
{
	struct pw_report_msg *m;
	size_t n;
	if (pw_store_report_messages(r->app->store, &r->arena, row->id, &m, &n, err) != PW_OK)
		return NULL;
	json_t *msgs = json_array();
	for (size_t i = 0; i < n; i++) {
		char at[32];
		pw_time_rfc3339(m[i].at, at, sizeof at);
		json_t *o = json_pack("{s:s, s:s, s:s}", "at", at, "from", m[i].from_school ? "school" : "melder", "text", m[i].text);
		if (m[i].author_id)
			json_object_set_new(o, "author", json_integer(m[i].author_id));
		json_array_append_new(msgs, o);
	}
	char at[32];
	pw_time_rfc3339(row->created_at, at, sizeof at);
	json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s, s:b, s:b, s:o}", "id", (json_int_t)row->id,
			      "text", row->text, "status", row->status, "triage", row->triage[0] ? row->triage : NULL,
			      "occurred_on", row->occurred_on[0] ? row->occurred_on : NULL, "location",
			      row->location[0] ? row->location : NULL, "name", row->name[0] ? row->name : NULL, "contact",
			      row->contact[0] ? row->contact : NULL, "created_at", at, "anonymous", row->name[0] == '\0',
			      "waiting", row->last_from_school != 1, "messages", msgs);
	if (row->entered_by)
		json_object_set_new(o, "entered_by", json_integer(row->entered_by));
	if (show_case) {
		json_object_set_new(o, "case", row->case_id ? json_integer(row->case_id) : json_null());
		json_object_set_new(o, "signal", row->signal_id ? json_integer(row->signal_id) : json_null());
	}
	return o;
}

/* The school's reports for a functie with `meldingen` (status NULL for all),
 * each listed one recorded as read, all in one commit: the list is shown
 * only once those rows are durable. *show_case: may see the case a report led to. */
enum pw_status pw_report_list(struct pw_req *r, const struct pw_actor *a, const char *status, int limit, int offset,
			      struct pw_report_row **v, size_t *n, int64_t *total, bool *show_case, struct pw_err *err)
{
	int64_t school = pw_actor_school(a);
	const struct pw_protocol *p = pw_school_protocol(r->app->store, school, NULL, err);
	if (p == NULL || pw_access_report(a, p, school, PW_REPORT_READ, err) != PW_OK)
		return err->code;
	struct pw_err ignore;
	*show_case = pw_access_report(a, p, school, PW_REPORT_CASE, &ignore) == PW_OK;
	if (pw_store_reports_list(r->app->store, &r->arena, school, status, limit, offset, v, n, total, err) != PW_OK)
		return err->code;
	if (*n == 0)
		return PW_OK;
	enum pw_status st = pw_store_begin(r->app->store, err);
	for (size_t i = 0; i < *n && st == PW_OK; i++)
		st = pw_store_audit_change(r->app->store, a->user_id, "read", "report", (*v)[i].id, NULL, err);
	if (st == PW_OK)
		return pw_store_commit(r->app->store, err);
	pw_store_rollback(r->app->store);
	return st;
}

/* GET /api/v1/reports?status=nieuw: the school's reports. */
void pw_h_api_reports(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	int limit, offset;
	if (!pw_api_auth(r, &a) || !pw_api_paging(r, &limit, &offset))
		return;
	const char *status = pw_req_query(r, "status");
	if (status && strcmp(status, "nieuw") != 0 && strcmp(status, "in_behandeling") != 0 &&
	    strcmp(status, "afgehandeld") != 0) {
		pw_err_field(&err, PW_EINVAL, "status", "status is nieuw, in_behandeling of afgehandeld.");
		pw_resp_error_json(r, &err);
		return;
	}
	struct pw_report_row *v;
	size_t n;
	int64_t total;
	bool show_case;
	if (pw_report_list(r, &a, status, limit, offset, &v, &n, &total, &show_case, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = staff_item(r, &v[i], show_case, &err);
		if (o == NULL) {
			json_decref(items);
			pw_resp_error_json(r, &err);
			return;
		}
		json_array_append_new(items, o);
	}
	pw_resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

/* Loads report id for a staff member who may do act on it; a report of
 * another school answers as if it did not exist. Shared with the pages. */
enum pw_status pw_report_load(struct pw_req *r, const struct pw_actor *a, int64_t id, enum pw_report_act act,
			      struct pw_report_row *row, const struct pw_protocol **p, struct pw_err *err)
{
	if (id == 0 || pw_store_report_get(r->app->store, &r->arena, id, row, err) != PW_OK ||
	    pw_actor_has_school(a, row->school_id) == 0) {
		if (id == 0 || err->code == PW_ENOTFOUND || pw_actor_has_school(a, row->school_id) == 0)
			return pw_err_set(err, PW_ENOTFOUND, "Deze melding bestaat niet (report not found).");
		return err->code;
	}
	*p = pw_school_protocol(r->app->store, row->school_id, NULL, err);
	if (*p == NULL)
		return err->code;
	return pw_access_report(a, *p, row->school_id, act, err);
}

/* The report in the URL for the API's caller; 0 after answering. */
static int staff_report(struct pw_req *r, struct pw_actor *a, enum pw_report_act act, struct pw_report_row *row,
			const struct pw_protocol **p)
{
	struct pw_err err;
	if (!pw_api_auth(r, a))
		return 0;
	if (pw_report_load(r, a, pw_api_id(r->params[0]), act, row, p, &err) != PW_OK) {
		pw_resp_error_json(r, &err);
		return 0;
	}
	return 1;
}

/* Adds the school's answer to a report's thread, audited. */
enum pw_status pw_report_reply(struct pw_req *r, const struct pw_actor *a, const struct pw_report_row *row,
			       const char *text, struct pw_err *err)
{
	if (pw_store_begin(r->app->store, err) != PW_OK)
		return err->code;
	if (pw_store_report_message_add(r->app->store, row->id, 1, a->user_id, text, err) != PW_OK ||
	    pw_store_audit_change(r->app->store, a->user_id, "update", "report", row->id, "antwoord", err) != PW_OK ||
	    pw_store_commit(r->app->store, err) != PW_OK) {
		pw_store_rollback(r->app->store);
		return err->code;
	}
	return PW_OK;
}

/* POST /api/v1/reports/{id}/reply {text}: the reporter reads it in their thread. */
void pw_h_api_report_reply(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	struct pw_report_row row;
	const struct pw_protocol *p;
	if (!staff_report(r, &a, PW_REPORT_REPLY, &row, &p))
		return;
	json_t *j = body_json(r, &err);
	const char *text = NULL;
	if (j == NULL || !text_field(j, "text", TEXT_MAX, &text, &err) ||
	    (text == NULL && pw_err_field(&err, PW_EINVAL, "text", "Schrijf eerst je antwoord (text).") != PW_OK)) {
		json_decref(j);
		pw_resp_error_json(r, &err);
		return;
	}
	if (pw_report_reply(r, &a, &row, text, &err) != PW_OK) {
		json_decref(j);
		pw_resp_error_json(r, &err);
		return;
	}
	json_decref(j);
	pw_resp_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)row.id, "status", row.status));
}

/* Writes a triage outcome with its audit row (and notices) in one transaction. */
static enum pw_status triage_write(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol *p,
				   struct pw_report_row *row, const char *action, struct pw_err *err)
{
	if (pw_store_begin(r->app->store, err) != PW_OK)
		return err->code;
	if (pw_store_report_set(r->app->store, row, err) != PW_OK ||
	    (strcmp(action, "naar_clz") == 0 &&
	     tell_staff(r->app->store, &r->arena, p, row->school_id, pw_functie_takes_reports, row->id, "melding_naar_clz",
			a->user_id, err) != PW_OK) ||
	    pw_store_audit_change(r->app->store, a->user_id, "update", "report", row->id, action, err) != PW_OK ||
	    pw_store_commit(r->app->store, err) != PW_OK) {
		pw_store_rollback(r->app->store);
		return err->code;
	}
	return PW_OK;
}

/* Attaches the report to a case the actor may read and add to: a note on the
 * case's timeline says so, with the report's text, so the case holds it. */
static enum pw_status triage_attach(struct pw_req *r, const struct pw_actor *a, struct pw_report_row *row, json_t *j,
				    struct pw_err *err)
{
	json_t *cid = json_object_get(j, "case");
	if (!json_is_integer(cid) || json_integer_value(cid) <= 0)
		return pw_err_field(err, PW_EINVAL, "case", "case is het nummer van een casus.");
	struct pw_loaded_case lc;
	if (pw_case_open(r->app->store, &r->arena, a, json_integer_value(cid), &lc, err) != PW_OK)
		return err->code;
	enum pw_status st = PW_OK;
	if (lc.row.school_id != row->school_id)
		st = pw_err_set(err, PW_ENOTFOUND, "Deze casus bestaat niet (case not found).");
	else if (pw_access_case(a, lc.p, &lc.facts, PW_CASE_NOTE, NULL, err) != PW_OK)
		st = err->code;
	if (st != PW_OK) {
		pw_case_done(&lc);
		return st;
	}
	row->status = "in_behandeling";
	row->triage = "attach";
	row->case_id = lc.row.id;
	lc.row.updated_at = pw_now();
	const char *note = pw_printf(&r->arena, "Melding van een leerling of ouder (nr. %lld) gekoppeld: %s",
				     (long long)row->id, row->text);
	if (pw_store_begin(r->app->store, err) != PW_OK) {
		pw_case_done(&lc);
		return err->code;
	}
	if (pw_store_case_event_add(r->app->store, lc.row.id, a->user_id, pw_event_kind_name(PW_EV_NOTE),
				    json_pack("{s:s}", "text", note), NULL, err) != PW_OK ||
	    pw_store_case_update(r->app->store, &lc.row, err) != PW_OK ||
	    pw_store_report_set(r->app->store, row, err) != PW_OK ||
	    pw_store_audit_change(r->app->store, a->user_id, "update", "case", lc.row.id, "melding gekoppeld", err) != PW_OK ||
	    pw_store_audit_change(r->app->store, a->user_id, "update", "report", row->id, "attach", err) != PW_OK ||
	    pw_store_commit(r->app->store, err) != PW_OK) {
		pw_store_rollback(r->app->store);
		st = err->code;
	}
	pw_case_done(&lc);
	return st;
}

/* Opening a case from a report is two transactions (filing the signal is
 * casework's own); one at a time, so the same report is never filed twice.
 * One process serves a database (the server lock), so a mutex suffices. */
static pthread_mutex_t case_mu = PTHREAD_MUTEX_INITIALIZER;

/* Files the report as the CLZ's signal (the fields of POST /signals, with
 * all its rules); the report's own words fill what the body leaves out. */
static enum pw_status triage_case(struct pw_req *r, const struct pw_actor *a, struct pw_report_row *row, json_t *j,
				  json_t **out, struct pw_err *err)
{
	json_t *sj = json_object_get(j, "signal");
	if (!json_is_object(sj))
		return pw_err_field(err, PW_EINVAL, "signal", "signal is een melding zoals bij POST /signals.");
	if (!json_is_string(json_object_get(sj, "description")))
		json_object_set_new(sj, "description", json_string(row->text));
	if (!json_is_string(json_object_get(sj, "occurred_on")))
		json_object_set_new(sj, "occurred_on",
				    json_string(row->occurred_on[0] ? row->occurred_on : pw_today(r)));
	if (!json_is_string(json_object_get(sj, "location")) && row->location[0])
		json_object_set_new(sj, "location", json_string(row->location));
	const struct pw_protocol *sp = pw_school_protocol(r->app->store, row->school_id, NULL, err);
	struct pw_signal s;
	json_t *data = NULL;
	if (sp == NULL || pw_api_parse_signal(&r->arena, sp, sj, &s, &data, err) != PW_OK) {
		json_decref(data);
		if (err->code == PW_EINVAL && err->field[0]) {
			char f[64];
			snprintf(f, sizeof f, "signal.%.50s", err->field);
			snprintf(err->field, sizeof err->field, "%s", f);
		}
		return err->code;
	}
	pthread_mutex_lock(&case_mu);
	struct pw_report_row now;
	struct pw_filed f;
	enum pw_status st = pw_store_report_get(r->app->store, &r->arena, row->id, &now, err);
	if (st == PW_OK && (now.case_id || now.signal_id))
		st = pw_err_set(err, PW_ECONFLICT, "Deze melding hoort al bij casus %lld.", (long long)now.case_id);
	if (st == PW_OK)
		st = pw_signal_file(r->app->store, &r->arena, a, row->school_id, &s, data, &f, err);
	json_decref(data);
	if (st == PW_OK) {
		now.status = "in_behandeling";
		now.triage = "case";
		now.case_id = f.case_id;
		now.signal_id = f.signal_id;
		st = pw_store_begin(r->app->store, err);
		if (st == PW_OK &&
		    (pw_store_report_set(r->app->store, &now, err) != PW_OK ||
		     pw_store_audit_change(r->app->store, a->user_id, "update", "report", row->id, "case", err) != PW_OK ||
		     pw_store_commit(r->app->store, err) != PW_OK)) {
			pw_store_rollback(r->app->store);
			st = err->code;
		}
		if (st != PW_OK)
			/* The signal stands (it is the CLZ's, on record); only the link is missing. */
			pw_log("reports: report %lld was filed as signal %lld but could not be linked: %s", (long long)row->id,
			       (long long)f.signal_id, err->msg);
	}
	pthread_mutex_unlock(&case_mu);
	if (st != PW_OK)
		return st;
	*row = now;
	json_t *c = f.case_id ? json_pack("{s:I, s:s, s:I}", "id", (json_int_t)f.case_id, "level", f.level ? f.level : "",
					  "owner", (json_int_t)f.owner_id)
			      : json_null();
	*out = json_pack("{s:{s:I}, s:o, s:b}", "signal", "id", (json_int_t)f.signal_id, "case", c, "case_created",
			 f.case_created);
	return PW_OK;
}

/* Triages a report (body: {action, case | signal}, borrowed): plagen and
 * geen_pesten settle it, naar_clz passes it on, attach joins it to a case, case
 * files it as a signal; *extra gets what filing made (or stays NULL). Each
 * action asks pw_access_report for its own right. Shared with the pages. */
enum pw_status pw_report_triage(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol *p,
				struct pw_report_row *row, json_t *j, json_t **extra, struct pw_err *err)
{
	const char *action = json_string_value(json_object_get(j, "action"));
	bool linked = row->case_id || row->signal_id;
	enum pw_status st;
	*extra = NULL;
	if (action == NULL)
		return pw_err_field(err, PW_EINVAL, "action", "action is case, attach, plagen, geen_pesten of naar_clz.");
	if (strcmp(action, "plagen") == 0 || strcmp(action, "geen_pesten") == 0) {
		if ((st = pw_access_report(a, p, row->school_id, PW_REPORT_CLASSIFY, err)) != PW_OK)
			return st;
		if (linked)
			return pw_err_set(err, PW_EPROTOCOL, "Deze melding hoort al bij een casus; daar wordt ze afgehandeld. (This report already belongs to a case.)");
		row->status = "afgehandeld";
		row->triage = action[0] == 'p' ? "plagen" : "geen_pesten";
		return triage_write(r, a, p, row, row->triage, err);
	}
	if (strcmp(action, "naar_clz") == 0) {
		if ((st = pw_access_report(a, p, row->school_id, PW_REPORT_PASS, err)) != PW_OK)
			return st;
		if (linked || strcmp(row->status, "afgehandeld") == 0 || strcmp(row->triage, "naar_clz") == 0)
			return pw_err_set(err, PW_EPROTOCOL, "Deze melding is al doorgegeven of afgehandeld. (This report was already passed on or settled.)");
		row->status = "in_behandeling";
		row->triage = "naar_clz";
		return triage_write(r, a, p, row, "naar_clz", err);
	}
	if (strcmp(action, "attach") == 0 || strcmp(action, "case") == 0) {
		if ((st = pw_access_report(a, p, row->school_id, PW_REPORT_CASE, err)) != PW_OK)
			return st;
		if (linked)
			return pw_err_set(err, PW_ECONFLICT, "Deze melding hoort al bij casus %lld.", (long long)row->case_id);
		return action[0] == 'a' ? triage_attach(r, a, row, j, err) : triage_case(r, a, row, j, extra, err);
	}
	return pw_err_field(err, PW_EINVAL, "action", "action is case, attach, plagen, geen_pesten of naar_clz.");
}

/* POST /api/v1/reports/{id}/triage {action, ...}. */
void pw_h_api_report_triage(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	struct pw_report_row row;
	const struct pw_protocol *p;
	if (!staff_report(r, &a, PW_REPORT_READ, &row, &p))
		return;
	json_t *j = body_json(r, &err), *extra = NULL;
	enum pw_status st = j ? pw_report_triage(r, &a, p, &row, j, &extra, &err) : err.code;
	if (st != PW_OK) {
		json_decref(j);
		json_decref(extra);
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *o = extra ? extra : json_object();
	json_object_set_new(o, "report", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)row.id, "status", row.status,
						   "triage", row.triage));
	if (row.case_id && !json_object_get(o, "case"))
		json_object_set_new(o, "case", json_pack("{s:I}", "id", (json_int_t)row.case_id));
	json_decref(j);
	pw_resp_json(r, 200, o);
}
