/* A horizontal bar chart of one measure of the yearly figures: keys down the
 * page, this year and earlier years as bars side by side. Readable without
 * colour: each key's name stands above its bars, every bar carries its
 * number, years differ by shade and pattern (solid, hatched, light, dotted,
 * crossed) and by their fixed order, which a text legend states. A
 * suppressed cell is drawn as the text "<5" with no bar at all, since a bar's
 * length would give the number back.
 *
 * One layout (pw_chart_layout) gives the geometry as primitives; the SVG here
 * and the PDF (report/pdf.c, cairo) both draw those, so they cannot differ.
 * Pure: no I/O; everything in the caller's arena. */
#ifndef PW_REPORT_CHART_H
#define PW_REPORT_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"

/* The width charts are laid out at (SVG user units, PDF points): a card
 * on a 390 px phone is this wide, so the text is its size there; wider
 * screens scale it up a little (app.css). */
#define PW_CHART_WIDTH 340.0
/* How many years a chart shows at most (tables show them all). */
#define PW_CHART_SERIES 5

/* One cell of the chart. */
struct pw_chart_value {
	int64_t count;
	bool suppressed; /* drawn as "<5", no bar */
	bool missing;    /* that year has no such figure: "-" */
};

struct pw_chart {
	const char *title;             /* "Meldingen per vorm" */
	const char *const *labels;     /* n_rows key labels, as shown */
	size_t n_rows;
	const char *const *series;     /* n_series year names; series[0] is the year asked */
	size_t n_series;
	const struct pw_chart_value *v; /* v[row * n_series + series] */
	const char *suppressed_as;     /* "<5" */
};

enum pw_chart_kind { PW_CP_RECT, PW_CP_TEXT, PW_CP_LINE };

/* One thing to draw. Coordinates grow right and down from the top left. */
struct pw_chart_prim {
	enum pw_chart_kind kind;
	double x, y;     /* rect: top left; text: start of the baseline; line: from */
	double w, h;     /* rect: size; line: to (x + w, y + h) */
	int fill;        /* rect: the series whose shade and pattern fill it */
	const char *text;
	double size;     /* text: font size */
	bool bold;
	bool end;        /* text: anchored at its end (right aligned) */
};

struct pw_chart_layout {
	double width, height;
	struct pw_chart_prim *v;
	size_t n;
};

/* The shade and pattern of a series: grey is the fill's lightness (0 black,
 * 1 white); hatch 0 none, 1 diagonal lines, 2 dots, 3 crossed lines. */
struct pw_chart_fill {
	double grey;
	int hatch;
};
struct pw_chart_fill pw_chart_fill_of(int series);
/* The fill's colour as red, green, blue in 0..1: the grey with a touch of
 * blue, the same in SVG and PDF. The ink of lines, text and hatching is
 * PW_CHART_INK. */
void pw_chart_rgb(double grey, double rgb[3]);
#define PW_CHART_INK 0.1

/* Lays c out at `width` units wide. */
void pw_chart_layout(struct pw_arena *a, const struct pw_chart *c, double width, struct pw_chart_layout *out);

/* A text for screen readers: what the chart shows and every number in it. */
const char *pw_chart_desc(struct pw_arena *a, const struct pw_chart *c);

/* Appends c as an inline <svg> (role img, <title> and <desc>), with pattern
 * ids prefixed by id (unique on a page). Only presentation attributes, no
 * style: the pages' CSP allows no inline style. All text escaped. */
void pw_chart_svg(struct pw_buf *b, struct pw_arena *a, const struct pw_chart *c, const char *id);

#endif
