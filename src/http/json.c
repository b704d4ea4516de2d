#include "http/http.h"

json_t *pw_json_parse_body(const char *s, size_t n, struct pw_err *err)
{
	json_error_t je;
	/* Duplicate keys are refused: which of two values counts would be a guess. */
	json_t *j = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL)
		return pw_err_set(err, PW_EINVAL, "the body is not valid JSON: %s (at line %d, column %d)", je.text,
				  je.line, je.column),
		       NULL;
	if (!json_is_object(j)) {
		json_decref(j);
		pw_err_set(err, PW_EINVAL, "the body must be a JSON object ({...})");
		return NULL;
	}
	return j;
}
