#include "web/app.h"

/* Every route of the application. Order matters only between patterns that
 * could both match; the first match wins. */
const struct pw_route pw_routes[] = {
	/* Health checks come from load balancers and monitors: no address logged. */
	{"GET", "/healthz", pw_h_healthz, PW_ROUTE_ANON},
	{"GET", "/static/{}", pw_h_static, 0},
	{"GET", "/", pw_h_home, 0},
	{"GET", "/verberg", pw_h_hide, 0},
	{"GET", "/login", pw_h_login_form, 0},
	{"POST", "/login", pw_h_login, 0},
	{"POST", "/logout", pw_h_logout, 0},
	{"GET", "/api/v1/me", pw_h_api_me, 0},
	{"GET", "/api/v1/students", pw_h_api_students, 0},
	{"GET", "/api/v1/protocol", pw_h_api_protocol, 0},
	{"POST", "/api/v1/signals", pw_h_api_signal_add, 0},
	{"GET", "/api/v1/signals", pw_h_api_signals, 0},
	{"GET", "/api/v1/cases", pw_h_api_cases, 0},
	{"GET", "/api/v1/cases/{}", pw_h_api_case, 0},
	{"POST", "/api/v1/cases/{}/steps/{}", pw_h_api_case_step, 0},
	{"POST", "/api/v1/cases/{}/notes", pw_h_api_case_note, 0},
	{"POST", "/api/v1/cases/{}/conversations", pw_h_api_case_conversation, 0},
	{"POST", "/api/v1/cases/{}/parent-contacts", pw_h_api_case_parent_contact, 0},
	{"POST", "/api/v1/cases/{}/agreements/{}/evaluation", pw_h_api_case_evaluation, 0},
	{"POST", "/api/v1/cases/{}/escalations", pw_h_api_case_escalation, 0},
	{"POST", "/api/v1/cases/{}/owner", pw_h_api_case_owner, 0},
	{"POST", "/api/v1/cases/{}/close", pw_h_api_case_close, 0},
	{"GET", "/api/v1/admin/schoolyears", pw_h_admin_schoolyears, 0},
	{"POST", "/api/v1/admin/schoolyears", pw_h_admin_schoolyear_add, 0},
	{"GET", "/api/v1/admin/classes", pw_h_admin_classes, 0},
	{"POST", "/api/v1/admin/classes", pw_h_admin_class_put, 0},
	{"GET", "/api/v1/admin/users", pw_h_admin_users, 0},
	{"POST", "/api/v1/admin/users", pw_h_admin_user_add, 0},
	{"POST", "/api/v1/admin/users/{}/disable", pw_h_admin_user_disable, 0},
	{"POST", "/api/v1/__test/clock", pw_h_test_clock, 0},
	{NULL, NULL, NULL, 0},
};
