/* Bar charts: the layout's bars and numbers, suppressed cells without a bar,
 * the scale ignoring them, and the SVG's escaping and accessible text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "report/chart.h"

static const char *const YEARS[] = {"2025-2026", "2024-2025"};

/* Rects of series s in the rows area (below the legend's swatches). */
static size_t bars(const struct pw_chart_layout *l, int s, double *w)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == PW_CP_RECT && l->v[i].fill == s && l->v[i].w > 14.5) {
			if (w)
				w[n] = l->v[i].w;
			n++;
		}
	return n;
}

static bool has_text(const struct pw_chart_layout *l, const char *t)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == PW_CP_TEXT && strcmp(l->v[i].text, t) == 0)
			return true;
	return false;
}

static void layout(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	const char *labels[] = {"woorden", "lichamelijk", "uitsluiting"};
	/* 40 and 20 this year; a hidden cell of 3 (it must not set the scale:
	 * were it 1000 the bars would be as long). */
	struct pw_chart_value v[] = {
		{40, false, false}, {30, false, false}, {20, false, false},
		{1000, true, false}, {0, false, false}, {0, false, true},
	};
	struct pw_chart c = {"Meldingen per vorm", labels, 3, YEARS, 2, v, "<5"};
	struct pw_chart_layout l;
	pw_chart_layout(&a, &c, PW_CHART_WIDTH, &l);
	double w0[8], w1[8];
	assert_int_equal(bars(&l, 0, w0), 2);
	assert_int_equal(bars(&l, 1, w1), 1); /* the hidden 1000 and the zero have none */
	assert_true(w0[0] > w0[1] * 1.99 && w0[0] < w0[1] * 2.01);
	assert_true(w0[0] <= PW_CHART_WIDTH - 50 && w0[0] > PW_CHART_WIDTH / 2);
	assert_true(w1[0] > w0[0] * 0.74 && w1[0] < w0[0] * 0.76);
	/* Every number beside its bar; the hidden cell as "<5"; no figure "-". */
	assert_true(has_text(&l, "40") && has_text(&l, "30") && has_text(&l, "20") && has_text(&l, "0"));
	assert_true(has_text(&l, "<5"));
	assert_true(has_text(&l, "-"));
	assert_false(has_text(&l, "1000"));
	assert_true(has_text(&l, "2025-2026 (gekozen jaar)") && has_text(&l, "2024-2025"));
	assert_true(has_text(&l, "woorden") && has_text(&l, "uitsluiting"));
	/* Everything inside the width and height. */
	for (size_t i = 0; i < l.n; i++) {
		assert_true(l.v[i].x >= 0 && l.v[i].x + (l.v[i].kind == PW_CP_RECT ? l.v[i].w : 0) <= l.width);
		assert_true(l.v[i].y >= 0 && l.v[i].y <= l.height);
	}
	/* Years differ by shade or pattern. */
	for (int s = 0; s < PW_CHART_SERIES; s++)
		for (int t = 0; t < s; t++) {
			struct pw_chart_fill f = pw_chart_fill_of(s), g = pw_chart_fill_of(t);
			assert_true(f.hatch != g.hatch || f.grey - g.grey > 0.3 || g.grey - f.grey > 0.3);
		}
	pw_arena_free(&a);
}

static void svg(void **state)
{
	(void)state;
	struct pw_arena a;
	pw_arena_init(&a);
	const char *labels[] = {"<script>&\"x\"", "a\x01" "b", "een heel lange plek met een naam die nergens op de regel "
								"past, hoe breed de grafiek ook is, en nog meer tekst"};
	struct pw_chart_value v[] = {{7, false, false}, {2, true, false}, {3, true, false}, {9, false, false},
				     {0, false, false}, {5, false, false}};
	struct pw_chart c = {"Plek <x>", labels, 3, YEARS, 2, v, "<5"};
	struct pw_buf b;
	pw_buf_init(&b);
	pw_chart_svg(&b, &a, &c, "c1");
	pw_buf_putc(&b, '\0');
	const char *s = b.data;
	assert_non_null(strstr(s, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"c1-t c1-d\""));
	assert_non_null(strstr(s, "<title id=\"c1-t\">Plek &lt;x&gt;</title>"));
	assert_non_null(strstr(s, "<desc id=\"c1-d\">Staafdiagram, Plek &lt;x&gt;."));
	assert_non_null(strstr(s, "&lt;script&gt;&amp;&quot;x&quot;: 2025-2026 7, 2024-2025 &lt;5;"));
	assert_non_null(strstr(s, ">&lt;5</text>"));
	assert_non_null(strstr(s, "a b"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "\x01"));
	assert_null(strstr(s, "style="));
	assert_non_null(strstr(s, "<pattern id=\"c1-p1\""));
	assert_non_null(strstr(s, "fill=\"url(#c1-p0)\""));
	/* The long label is cut with an ellipsis on the chart, whole in the desc. */
	assert_non_null(strstr(s, "\xE2\x80\xA6</text>"));
	assert_non_null(strstr(s, "en nog meer tekst:"));
	pw_buf_free(&b);
	pw_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(layout), cmocka_unit_test(svg)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
