/* Shared between the files of the protocol module; not for other modules. */
#ifndef PW_PROTOCOL_INTERNAL_H
#define PW_PROTOCOL_INTERNAL_H

#include <stddef.h>

/* The words the file uses for each enum, indexed by the enum's value, each
 * table NULL-terminated. The JSON output uses the same words. */
extern const char *const pw_need_names[];
extern const char *const pw_step_kind_names[];
extern const char *const pw_due_from_names[];
extern const char *const pw_done_by_names[];
extern const char *const pw_owner_scope_names[];
extern const char *const pw_esc_kind_names[];
extern const char *const pw_rung_kind_names[];
extern const char *const pw_read_names[];
extern const char *const pw_act_names[];
extern const char *const pw_eval_effect_names[];
extern const char *const pw_schooltype_names[];
/* The structured blocks a chapter can `invoegen`, in the renderer's default order. */
extern const char *const pw_block_names[];

/* Index of the item whose first member (const char *key) equals key, in an
 * array of n items of `size` bytes; -1 when none. Every keyed struct of
 * protocol.h starts with its key, which makes one search serve them all. */
long pw__find(const void *arr, size_t n, size_t size, const char *key);

#endif
