/* What every handler can reach: the store and the server's settings. One per
 * serving process, created in main, read-only once serving starts. */
#ifndef PW_WEB_APP_H
#define PW_WEB_APP_H

#include "auth/auth.h"
#include "http/http.h"

struct pw_store;

struct pw_app {
	struct pw_store *store; /* owned by main */
	int test_mode;          /* `serve --test-clock`: the clock can be set over HTTP */
	int behind_tls;         /* served over TLS or behind a TLS proxy: Secure cookies */
	const char *public_url; /* `serve --public-url`, or NULL: calendar feed addresses then use the Host header */
};

/* The route table of the whole application (pages and API), NULL-terminated. */
extern const struct pw_route pw_routes[];

/* Prepares what handlers share (static asset responses, ETags). Call once before serving. */
void pw_app_prepare(struct pw_app *app);

/* Handlers, one concept per file. */
void pw_h_healthz(struct pw_req *r);
void pw_h_static(struct pw_req *r);
void pw_h_home(struct pw_req *r);
void pw_h_test_clock(struct pw_req *r);
void pw_h_hide(struct pw_req *r);
/* web/taal.c: the language switch. */
void pw_h_taal(struct pw_req *r);
void pw_h_casus(struct pw_req *r);
void pw_h_casus_post(struct pw_req *r);
void pw_h_leerling(struct pw_req *r);
void pw_h_klas(struct pw_req *r);
void pw_h_evaluatie(struct pw_req *r);
void pw_h_evaluatie_export(struct pw_req *r);
void pw_h_beheer(struct pw_req *r);
void pw_h_beheer_post(struct pw_req *r);
void pw_h_beheer_import(struct pw_req *r);
void pw_h_beheer_protocol(struct pw_req *r);
void pw_h_protocol_page(struct pw_req *r);
void pw_h_protocol_css(struct pw_req *r);
void pw_h_notice_seen(struct pw_req *r);
void pw_h_home_open_case(struct pw_req *r);
void pw_h_melden(struct pw_req *r);
void pw_h_melden_post(struct pw_req *r);
void pw_h_melden_done(struct pw_req *r);
void pw_h_login_form(struct pw_req *r);
void pw_h_login(struct pw_req *r);
void pw_h_logout(struct pw_req *r);
void pw_h_api_me(struct pw_req *r);
void pw_h_api_students(struct pw_req *r);
void pw_h_api_protocol(struct pw_req *r);
void pw_h_api_signal_add(struct pw_req *r);
void pw_h_api_signals(struct pw_req *r);
void pw_h_api_signal_to_case(struct pw_req *r);
void pw_h_api_cases(struct pw_req *r);
void pw_h_api_case(struct pw_req *r);
void pw_h_api_case_step(struct pw_req *r);
void pw_h_api_case_note(struct pw_req *r);
void pw_h_api_case_conversation(struct pw_req *r);
void pw_h_api_case_parent_contact(struct pw_req *r);
void pw_h_api_case_evaluation(struct pw_req *r);
void pw_h_api_case_escalation(struct pw_req *r);
void pw_h_api_case_owner(struct pw_req *r);
void pw_h_api_case_close(struct pw_req *r);
void pw_h_api_case_sanction_add(struct pw_req *r);
void pw_h_api_case_sanction_decision(struct pw_req *r);
void pw_h_api_case_deviation(struct pw_req *r);
void pw_h_api_case_referral(struct pw_req *r);
void pw_h_api_case_confidential(struct pw_req *r);
void pw_h_api_case_confidential_list(struct pw_req *r);
void pw_h_api_case_confidential_consent(struct pw_req *r);
void pw_h_api_case_evidence_add(struct pw_req *r);
void pw_h_api_case_evidence_list(struct pw_req *r);
void pw_h_api_case_evidence_get(struct pw_req *r);
void pw_h_api_case_evidence_preview(struct pw_req *r);
void pw_h_api_audit(struct pw_req *r);
void pw_h_api_report_add(struct pw_req *r);
void pw_h_api_report_thread(struct pw_req *r);
void pw_h_api_report_message(struct pw_req *r);
void pw_h_api_reports(struct pw_req *r);
void pw_h_api_report_reply(struct pw_req *r);
void pw_h_api_report_triage(struct pw_req *r);
void pw_h_report_form(struct pw_req *r);
void pw_h_report_post(struct pw_req *r);
void pw_h_report_mine_form(struct pw_req *r);
void pw_h_report_mine(struct pw_req *r);
void pw_h_api_stats(struct pw_req *r);
void pw_h_admin_schoolyears(struct pw_req *r);
void pw_h_admin_schoolyear_add(struct pw_req *r);
void pw_h_admin_classes(struct pw_req *r);
void pw_h_admin_class_put(struct pw_req *r);
void pw_h_admin_users(struct pw_req *r);
void pw_h_admin_user_add(struct pw_req *r);
void pw_h_admin_user_disable(struct pw_req *r);
void pw_h_api_outbox(struct pw_req *r);
void pw_h_api_outbox_retry(struct pw_req *r);
void pw_h_api_mail_pref(struct pw_req *r);
void pw_h_api_mail_pref_set(struct pw_req *r);
void pw_h_api_prevention(struct pw_req *r);
void pw_h_api_prevention_overview(struct pw_req *r);
void pw_h_api_prevention_record(struct pw_req *r);
void pw_h_api_protocol_confirm(struct pw_req *r);
/* The prevention operations (api/prevention.c), shared with the pages (web/preventie.c): each
 * returns the API's JSON answer (a new reference), or NULL with err. */
json_t *pw_prevention_class(struct pw_req *r, const struct pw_actor *a, const char *name, const char *year,
			    const char *school_code, struct pw_err *err);
json_t *pw_prevention_record(struct pw_req *r, const struct pw_actor *a, const char *name, const char *key, json_t *j,
			     const char *school_code, struct pw_err *err);
json_t *pw_prevention_overview(struct pw_req *r, const struct pw_actor *a, const char *year, const char *school_code,
			       struct pw_err *err);
json_t *pw_protocol_confirm(struct pw_req *r, const struct pw_actor *a, const char *school_code, struct pw_err *err);
/* Letters to parents: the API (api/letters.c) and the case page's part (web/brieven.c). */
void pw_h_api_letter_recipients(struct pw_req *r), pw_h_api_letter_preview(struct pw_req *r);
void pw_h_api_letter_send(struct pw_req *r), pw_h_api_letters(struct pw_req *r), pw_h_api_letter_get(struct pw_req *r);
struct pw_loaded_case;
struct pw_letter;
void pw_letters_section(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc);
void pw_letter_page(struct pw_req *r, const struct pw_loaded_case *lc, const struct pw_letter *l, const char *school);
void pw_h_brief(struct pw_req *r), pw_h_brief_post(struct pw_req *r), pw_h_brief_print(struct pw_req *r);
void pw_h_api_calendar(struct pw_req *r), pw_h_api_calendar_create(struct pw_req *r), pw_h_api_calendar_delete(struct pw_req *r), pw_h_calendar_feed(struct pw_req *r);

/* The school's side of reports in pages (web/meldingen.c). */
void pw_h_meldingen(struct pw_req *r), pw_h_melding(struct pw_req *r), pw_h_melding_post(struct pw_req *r);
void pw_h_melding_new(struct pw_req *r), pw_h_melding_new_post(struct pw_req *r);
void pw_h_api_surveys(struct pw_req *r), pw_h_api_survey_add(struct pw_req *r), pw_h_api_survey(struct pw_req *r), pw_h_api_survey_update(struct pw_req *r), pw_h_api_survey_codes(struct pw_req *r), pw_h_api_survey_results(struct pw_req *r), pw_h_api_survey_monitor(struct pw_req *r), pw_h_api_survey_questions(struct pw_req *r), pw_h_api_survey_answer(struct pw_req *r), pw_h_enquete_form(struct pw_req *r), pw_h_enquete_post(struct pw_req *r), pw_h_enquetes(struct pw_req *r), pw_h_enquetes_post(struct pw_req *r), pw_h_enquetes_monitor(struct pw_req *r), pw_h_enquetes_one(struct pw_req *r), pw_h_enquetes_one_post(struct pw_req *r); /* the yearly surveys (api/surveys.c, web/enquete.c, web/enquetes.c) */

/* Shared by API handlers (api/people.c). */
struct pw_actor;
int pw_api_auth(struct pw_req *r, struct pw_actor *a);
int pw_api_paging(struct pw_req *r, int *limit, int *offset);

/* Reports by students and parents (api/reports.c), shared with the public pages (web/public_report.c). */
enum pw_status pw_report_submit(struct pw_req *r, json_t *body, const struct pw_actor *staff, char *receipt, size_t n, struct pw_err *err);
json_t *pw_report_thread_json(struct pw_req *r, const char *receipt, struct pw_err *err);
enum pw_status pw_report_message(struct pw_req *r, const char *receipt, const char *text, struct pw_err *err);
/* The school's side, shared by the API and the staff pages (web/meldingen.c). */
struct pw_report_row;
enum pw_status pw_report_list(struct pw_req *r, const struct pw_actor *a, const char *status, int limit, int offset,
			      struct pw_report_row **v, size_t *n, int64_t *total, bool *show_case, struct pw_err *err);
enum pw_status pw_report_load(struct pw_req *r, const struct pw_actor *a, int64_t id, enum pw_report_act act,
			      struct pw_report_row *row, const struct pw_protocol **p, struct pw_err *err);
enum pw_status pw_report_reply(struct pw_req *r, const struct pw_actor *a, const struct pw_report_row *row,
			       const char *text, struct pw_err *err);
enum pw_status pw_report_triage(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol *p,
				struct pw_report_row *row, json_t *j, json_t **extra, struct pw_err *err);

#endif
