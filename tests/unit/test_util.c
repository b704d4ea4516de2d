#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/embed.h"
#include "util/err.h"
#include "web/html.h"

static void arena_grows_and_aligns(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	char *p = NULL;
	for (int i = 0; i < 10000; i++) {
		p = pw_alloc(&a, 37);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, 'x', 37);
	}
	char *big = pw_alloc(&a, 3u << 20); /* bigger than any block */
	memset(big, 0, 3u << 20);
	assert_string_equal(pw_printf(&a, "%s-%d", "a", 7), "a-7");
	int *z = pw_calloc(&a, 100, sizeof *z);
	for (int i = 0; i < 100; i++)
		assert_int_equal(z[i], 0);
	pw_arena_reset(&a);
	assert_string_equal(pw_strndup(&a, "hello", 3), "hel");
	pw_arena_free(&a);
}

static void buf_builds(void **state)
{
	(void)state;
	struct pw_buf b;
	pw_buf_init(&b);
	for (int i = 0; i < 1000; i++)
		pw_buf_printf(&b, "%d,", i);
	assert_true(b.len > 3000);
	assert_memory_equal(b.data, "0,1,2,", 6);
	size_t n;
	char *s = pw_buf_steal(&b, &n);
	assert_int_equal(strlen(s), n);
	assert_null(b.data);
	free(s);
}

static void html_escapes_by_default(void **state)
{
	(void)state;
	struct pw_buf b;
	pw_buf_init(&b);
	pw_html_printf(&b, "<p title=\"%s\">%s %d %zu %lld%%</p>", "a\"b", "<script>&'", -3, (size_t)4, 5LL);
	assert_string_equal(b.data, "<p title=\"a&quot;b\">&lt;script&gt;&amp;&#39; -3 4 5%</p>");
	b.len = 0;
	pw_html_text(&b, NULL);
	pw_html_text(&b, "plain");
	assert_string_equal(b.data, "plain");
	pw_buf_free(&b);
}

static void clock_is_settable(void **state)
{
	(void)state;
	pw_clock_set(1000000);
	assert_int_equal(pw_now_ms(), 1000000);
	pw_clock_advance(500);
	assert_int_equal(pw_now_ms(), 1000500);
	assert_int_equal(pw_now(), 1000);
	char ts[32];
	pw_time_rfc3339(1764403200, ts, sizeof ts);
	assert_string_equal(ts, "2025-11-29T08:00:00Z");
	pw_clock_real();
	assert_true(pw_now() > 1700000000);
}

static void errors_map_to_http(void **state)
{
	(void)state;
	struct pw_err e;
	assert_int_equal(pw_err_field(&e, PW_EINVAL, "naam", "vul een naam in (%d)", 1), PW_EINVAL);
	assert_string_equal(e.field, "naam");
	assert_string_equal(e.msg, "vul een naam in (1)");
	assert_int_equal(pw_status_http(PW_EPROTOCOL), 409);
	assert_string_equal(pw_status_name(PW_EPROTOCOL), "protocol");
	assert_int_equal(pw_status_http(PW_ENOTFOUND), 404);
	assert_int_equal(pw_status_http(PW_ETOOBIG), 413);
}

static void assets_are_embedded(void **state)
{
	(void)state;
	const struct pw_embedded *e = pw_embedded_find("app.css");
	assert_non_null(e);
	assert_true(e->len > 100);
	assert_int_equal(strlen((const char *)e->data), e->len);
	assert_null(pw_embedded_find("nope.css"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_grows_and_aligns), cmocka_unit_test(buf_builds),
		cmocka_unit_test(html_escapes_by_default), cmocka_unit_test(clock_is_settable),
		cmocka_unit_test(errors_map_to_http),    cmocka_unit_test(assets_are_embedded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
