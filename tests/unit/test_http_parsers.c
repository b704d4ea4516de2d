#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "http/http.h"

static void form_decodes(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_fields f;
	struct pw_err e;
	const char *s = "naam=Jan+de+Vries&klas=1A&leeg=&los&tekst=caf%C3%A9%21";
	assert_int_equal(pw_form_parse(&a, s, strlen(s), 16, &f, &e), PW_OK);
	assert_int_equal(f.n, 5);
	assert_string_equal(pw_fields_get(&f, "naam"), "Jan de Vries");
	assert_string_equal(pw_fields_get(&f, "leeg"), "");
	assert_string_equal(pw_fields_get(&f, "los"), "");
	assert_string_equal(pw_fields_get(&f, "tekst"), "café!");
	assert_null(pw_fields_get(&f, "ontbreekt"));
	pw_arena_free(&a);
}

static void form_refuses_bad_input(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_fields f;
	struct pw_err e;
	assert_int_equal(pw_form_parse(&a, "a=%4", 4, 16, &f, &e), PW_EINVAL);
	assert_int_equal(pw_form_parse(&a, "a=%zz", 5, 16, &f, &e), PW_EINVAL);
	assert_int_equal(pw_form_parse(&a, "a=%00", 5, 16, &f, &e), PW_EINVAL);   /* NUL */
	assert_int_equal(pw_form_parse(&a, "a=%C3%28", 8, 16, &f, &e), PW_EINVAL); /* bad UTF-8 */
	assert_int_equal(pw_form_parse(&a, "=x", 2, 16, &f, &e), PW_EINVAL);
	assert_int_equal(pw_form_parse(&a, "a&b&c", 5, 2, &f, &e), PW_ETOOBIG);
	assert_int_equal(pw_form_parse(&a, "", 0, 2, &f, &e), PW_OK);
	assert_int_equal(f.n, 0);
	pw_arena_free(&a);
}

static void utf8_rules(void **state)
{
	(void)state;
	assert_true(pw_utf8_valid_text("héllo\n\tok", strlen("héllo\n\tok")));
	assert_false(pw_utf8_valid_text("\xc0\xaf", 2));         /* overlong */
	assert_false(pw_utf8_valid_text("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(pw_utf8_valid_text("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(pw_utf8_valid_text("a\x01", 2));
	assert_true(pw_utf8_valid_text("\xf0\x9f\x98\x80", 4)); /* emoji */
}

static void multipart_parts(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_fields f;
	struct pw_err e;
	const char body[] = "--XyZ\r\n"
			    "Content-Disposition: form-data; name=\"description\"\r\n\r\n"
			    "Schermafbeelding van het bericht\r\n"
			    "--XyZ\r\n"
			    "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
			    "Content-Type: image/png\r\n\r\n"
			    "\x89PNG\r\n\x1a\n\0\0bin\r\n"
			    "--XyZ--\r\n";
	size_t n = sizeof body - 1;
	assert_int_equal(pw_multipart_parse(&a, "multipart/form-data; boundary=XyZ", body, n, 8, &f, &e), PW_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(pw_fields_get(&f, "description"), "Schermafbeelding van het bericht");
	const struct pw_field *file = pw_fields_find(&f, "file");
	assert_non_null(file);
	assert_string_equal(file->filename, "a.png");
	assert_string_equal(file->content_type, "image/png");
	assert_int_equal(file->len, 13);
	assert_memory_equal(file->value, "\x89PNG\r\n\x1a\n\0\0bin", 13);
	/* quoted boundary */
	assert_int_equal(pw_multipart_parse(&a, "multipart/form-data; boundary=\"XyZ\"", body, n, 8, &f, &e), PW_OK);
	pw_arena_free(&a);
}

static void multipart_refuses_bad_input(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_fields f;
	struct pw_err e;
	const char trunc[] = "--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nabc";
	assert_int_equal(pw_multipart_parse(&a, "multipart/form-data; boundary=B", trunc, sizeof trunc - 1, 8, &f, &e),
			 PW_EINVAL);
	assert_int_equal(pw_multipart_parse(&a, "multipart/form-data", trunc, sizeof trunc - 1, 8, &f, &e), PW_EINVAL);
	assert_int_equal(pw_multipart_parse(&a, "text/plain", trunc, sizeof trunc - 1, 8, &f, &e), PW_EINVAL);
	const char noname[] = "--B\r\nContent-Type: text/plain\r\n\r\nabc\r\n--B--";
	assert_int_equal(pw_multipart_parse(&a, "multipart/form-data; boundary=B", noname, sizeof noname - 1, 8, &f, &e),
			 PW_EINVAL);
	const char two[] = "--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n"
			   "--B\r\nContent-Disposition: form-data; name=\"y\"\r\n\r\n2\r\n--B--";
	assert_int_equal(pw_multipart_parse(&a, "multipart/form-data; boundary=B", two, sizeof two - 1, 1, &f, &e),
			 PW_ETOOBIG);
	pw_arena_free(&a);
}

static void json_bodies(void **state)
{
	(void)state;
	struct pw_err e;
	json_t *j = pw_json_parse_body("{\"a\": 1}", 8, &e);
	assert_non_null(j);
	json_decref(j);
	assert_null(pw_json_parse_body("[1]", 3, &e));
	assert_int_equal(e.code, PW_EINVAL);
	assert_null(pw_json_parse_body("{\"a\":1,\"a\":2}", 13, &e));
	assert_null(pw_json_parse_body("{", 1, &e));
	assert_non_null(strstr(e.msg, "not valid JSON"));
	assert_null(pw_json_parse_body("", 0, &e));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_decodes),     cmocka_unit_test(form_refuses_bad_input),
		cmocka_unit_test(utf8_rules),       cmocka_unit_test(multipart_parts),
		cmocka_unit_test(multipart_refuses_bad_input), cmocka_unit_test(json_bodies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
