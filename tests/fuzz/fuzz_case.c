/* The inputs of a case's actions, as the API reads them (a conversation with
 * its students, answers and agreements; a step; a parent contact; a note),
 * against a case built in memory under the shipped Lekpoort definition. The
 * input is a JSON object with "action" and that action's fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/caseforms.h"
#include "core/school_protocol.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pw_person persons[] = {
	{.student_id = 1, .rol = "gepeste", .class_id = 10, .department = "onderbouw", .mentor = {100, 0}},
	{.student_id = 2, .rol = "pester", .class_id = 10, .department = "onderbouw", .mentor = {100, 0}},
	{.student_id = 3, .rol = "meeloper", .class_id = 10, .department = "onderbouw", .mentor = {100, 0}},
};
static const int64_t s1[] = {1};

static const char *str(json_t *j, const char *k)
{
	return json_string_value(json_object_get(j, k));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_err e;
	const struct pw_protocol *p = pw_protocol_default(&e);
	if (p == NULL)
		abort();
	json_t *j = pw_json_parse_body((const char *)data, size, &e);
	if (j == NULL)
		return 0;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_event ev[] = {
		{.id = 1, .kind = PW_EV_OPENED, .key = "mentor", .day = 20750},
		{.id = 2, .kind = PW_EV_CONVERSATION, .key = "gepeste", .students = s1, .n_students = 1, .day = 20751},
		{.id = 3, .kind = PW_EV_AGREEMENT, .text = "stoppen", .due = 20760, .day = 20751},
	};
	struct pw_loaded_case lc = {0};
	lc.p = p;
	lc.today = 20755;
	lc.cal.start = 20680;
	lc.cal.end = 21020;
	lc.c = (struct pw_case){.id = 1, .school_id = 1, .p = p, .level = pw_protocol_level(p, "mentor"), .owner = 100,
				.persons = persons, .n_persons = 3, .events = ev, .n_events = 3, .opened = 20750};
	lc.row.id = 1;
	lc.row.level = "mentor";
	lc.row.status = "open";
	struct pw_case_change ch = {0};
	enum pw_status st = PW_ENOTFOUND; /* no action ran */
	pw_err_clear(&e);
	const char *action = str(j, "action");
	if (action && strcmp(action, "conversation") == 0) {
		json_t *sv = json_object_get(j, "students"), *ag = json_object_get(j, "agreements");
		size_t n = json_is_array(sv) ? json_array_size(sv) : 0, nag = json_is_array(ag) ? json_array_size(ag) : 0;
		int64_t *ids = pw_calloc(&a, n + 1, sizeof *ids);
		for (size_t i = 0; i < n; i++)
			ids[i] = json_is_integer(json_array_get(sv, i)) ? json_integer_value(json_array_get(sv, i)) : 0;
		struct pw_cf_agreement *av = pw_calloc(&a, nag + 1, sizeof *av);
		for (size_t i = 0; i < nag; i++)
			av[i].text = str(json_array_get(ag, i), "text");
		json_t *ans = json_object_get(j, "answers");
		st = pw_cf_conversation(&a, &lc, str(j, "kind") ? str(j, "kind") : "", ids, n, json_is_object(ans) ? ans : NULL,
					av, nag, &ch, &e);
	} else if (action && strcmp(action, "step") == 0 && str(j, "key")) {
		st = pw_cf_step(&a, &lc, str(j, "key"), json_is_true(json_object_get(j, "skip")), str(j, "note"), &ch, &e);
	} else if (action && strcmp(action, "parent_contact") == 0 && str(j, "channel")) {
		json_t *s = json_object_get(j, "student");
		st = pw_cf_parent_contact(&a, &lc, json_is_integer(s) ? json_integer_value(s) : 0, str(j, "channel"),
					  str(j, "summary"), 0, &ch, &e);
	} else if (action && strcmp(action, "note") == 0 && str(j, "text")) {
		st = pw_cf_note(&a, str(j, "text"), &ch, &e);
	}
	if (st == PW_OK) {
		for (size_t i = 0; i < ch.n; i++)
			json_decref(ch.items[i].data);
	} else if ((st == PW_EINVAL || st == PW_EPROTOCOL) && e.msg[0] == '\0') {
		__builtin_trap(); /* every refusal says what is wrong */
	}
	json_decref(j);
	pw_arena_free(&a);
	return 0;
}
