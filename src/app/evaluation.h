/* The yearly evaluation of one school, loaded once and given in any format:
 * the one builder behind GET /api/v1/stats, `pestwijzer report` and the
 * evaluation page's downloads, so they cannot disagree. */
#ifndef PW_APP_EVALUATION_H
#define PW_APP_EVALUATION_H

#include <stdint.h>

#include "core/calendar.h"
#include "report/evaluation.h"
#include "store/store.h"
#include "util/buf.h"

struct pw_actor;
struct pw_protocol;

/* The school whose figures the actor reads: their first school where a
 * functie reads the figures (pw_reads_figures); else their first school,
 * for the refusal (*p is then its definition and the caller's check fails);
 * 0 when they have none; -1 on a store error (err filled). */
int64_t pw_evaluation_school(struct pw_store *s, const struct pw_actor *a, const struct pw_protocol **p,
			     struct pw_err *err);

/* The formats: json, csv, xlsx, pdf. */
enum pw_eval_format { PW_EF_JSON, PW_EF_CSV, PW_EF_XLSX, PW_EF_PDF };

/* The format named by s; -1 when it is none of them. */
int pw_eval_format_parse(const char *s);

/* Loads the figures of `schoolyear` and the years before it at the school
 * (pw_store_stats), with the staff's confirmation of the definition in
 * force added to the year asked, the school's name and today's date. Errors
 * as pw_store_stats's. Everything in a. */
enum pw_status pw_evaluation_load(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *schoolyear,
				  pw_day today, struct pw_evaluation *ev, struct pw_err *err);

/* The evaluation in format f, appended to out, with its Content-Type and a
 * file name ("pestwijzer-cijfers-2025-2026.pdf"). */
enum pw_status pw_evaluation_render(struct pw_arena *a, const struct pw_evaluation *ev, enum pw_eval_format f,
				    struct pw_buf *out, const char **content_type, const char **filename,
				    struct pw_err *err);

#endif
