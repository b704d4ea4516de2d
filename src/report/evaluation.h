/* The yearly evaluation as a document: the figures of a school year and the
 * years before it (core/stats.h) with the words a reader needs, laid out the
 * same way for the page (web/evaluatie.c), the spreadsheet (report/xlsx.c)
 * and the PDF (report/pdf.c): key figures, then each breakdown with the
 * years side by side, a chart for the breakdowns worth one, and the note on
 * small numbers. Pure: no I/O; strings in the caller's arena. */
#ifndef PW_REPORT_EVALUATION_H
#define PW_REPORT_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/stats.h"
#include "protocol/protocol.h"
#include "report/chart.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

/* Everything a report is made from; the years most recent first. */
struct pw_evaluation {
	const char *school;       /* the school's name */
	const char *made_on;      /* the day it was made, in the request's language: "29 november 2026" */
	const struct pw_protocol *p; /* the definition in force: names of keys */
	const char *versie;       /* its version ("" when none) */
	const struct pw_stats_year *years; /* years[0] is the year asked */
	size_t n_years;
};

/* The suppression note for every report, in Dutch: _(PW_EVAL_NOTE) in the
 * request's language (the report follows it: util/i18n.h). */
extern const char PW_EVAL_NOTE[];

/* A figure among the key figures. */
struct pw_eval_key {
	const char *measure; /* a total, "name" of a breakdown's cell "name:key", or a median "median.*" */
	const char *title; /* Dutch: _() it */
};
extern const struct pw_eval_key PW_EVAL_KEYS[];
extern const size_t PW_EVAL_NKEYS;

/* One breakdown as rows (keys, with labels) and the years as columns. */
struct pw_eval_table {
	const char *measure, *title;
	bool about_students; /* suppressed; else counts of classes or staff */
	bool chart;          /* worth a chart */
	const char **keys, **labels;
	size_t n_rows, n_cols;
	struct pw_chart_value *v; /* v[row * n_cols + col]; col 0 is the year asked */
};

/* The breakdowns of the year asked, in order, each with the years as
 * columns (a key of any year is a row: a class of last year too). */
size_t pw_eval_tables(struct pw_arena *a, const struct pw_evaluation *ev, struct pw_eval_table **out);

/* How many years a chart of the evaluation shows (the tables show all). */
#define PW_EVAL_CHART_YEARS 3

/* The chart of a table, with at most max_years years and its first rows. */
void pw_eval_chart(struct pw_arena *a, const struct pw_evaluation *ev, const struct pw_eval_table *t,
		   size_t max_years, struct pw_chart *out);

/* A key figure of a year as a cell (missing when the year has none); a
 * median is in *days (and count -1) instead, -1 when not shown. */
struct pw_chart_value pw_eval_key_value(const struct pw_stats_year *y, const char *measure, double *days);

/* The text of a value: "12", "<5", "-" (none), a median "4,5" ("4.5" in English). */
const char *pw_eval_value_text(struct pw_arena *a, struct pw_chart_value v, double days);

/* The title of a measure and the label of a key, in the request's language,
 * from the definition where it names the key. */
const char *pw_eval_title(const char *measure);
const char *pw_eval_label(struct pw_arena *a, const struct pw_protocol *p, const char *measure, const char *key);

/* A day in words of the request's language: "29 november 2026", "29 November 2026". */
const char *pw_eval_date(struct pw_arena *a, int y, int m, int d);

/* The spreadsheet and the PDF, appended to out. PW_EIO with a message when
 * the library fails (a temporary file, a font). */
enum pw_status pw_report_xlsx(struct pw_arena *a, const struct pw_evaluation *ev, struct pw_buf *out,
			      struct pw_err *err);
enum pw_status pw_report_pdf(struct pw_arena *a, const struct pw_evaluation *ev, struct pw_buf *out,
			     struct pw_err *err);

#endif
