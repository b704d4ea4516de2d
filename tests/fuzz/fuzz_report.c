/* The public report body, as POST /api/v1/reports (and the public form, by
 * way of the same JSON) reads it, and the receipt as a reporter types it.
 * Invariants: an accepted body has text; every refusal names its field; a
 * receipt that normalizes is 20 characters of the receipt alphabet, and
 * normalizing it again changes nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "http/http.h"
#include "store/reports.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
enum pw_status pw_report_parse(json_t *j, pw_day today, struct pw_report_row *out, const char **school,
			       struct pw_err *err);
int pw_receipt_normalize(const char *in, char out[PW_RECEIPT_CHARS + 1]);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_err e;
	pw_day today;
	pw_day_parse("2026-11-29", &today);
	json_t *j = pw_json_parse_body((const char *)data, size, &e);
	if (j != NULL) {
		struct pw_report_row row;
		const char *school;
		if (pw_report_parse(j, today, &row, &school, &e) == PW_OK) {
			if (row.text == NULL || row.text[0] == '\0' || row.occurred_on == NULL || row.name == NULL)
				__builtin_trap();
			pw_day d;
			if (row.occurred_on[0] && (pw_day_parse(row.occurred_on, &d) != 0 || d > today))
				__builtin_trap();
		} else if (e.code != PW_EINVAL || e.field[0] == '\0') {
			__builtin_trap();
		}
		const char *rc = json_string_value(json_object_get(j, "receipt"));
		if (rc) {
			char n1[PW_RECEIPT_CHARS + 1], n2[PW_RECEIPT_CHARS + 1];
			if (pw_receipt_normalize(rc, n1) == 0 &&
			    (strlen(n1) != PW_RECEIPT_CHARS || strspn(n1, "0123456789ABCDEFGHJKMNPQRSTVWXYZ") != PW_RECEIPT_CHARS ||
			     pw_receipt_normalize(n1, n2) != 0 || strcmp(n1, n2) != 0))
				__builtin_trap();
		}
		json_decref(j);
	}
	/* The raw bytes as a typed receipt too (NUL-terminated copy). */
	char *s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	char n[PW_RECEIPT_CHARS + 1];
	if (pw_receipt_normalize(s, n) == 0 && strlen(n) != PW_RECEIPT_CHARS)
		__builtin_trap();
	free(s);
	return 0;
}
