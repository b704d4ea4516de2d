/* The words of the file format for each enum (see internal.h). */
#include "protocol/internal.h"
#include "protocol/protocol.h"

#include <string.h>

const char *const pw_need_names[] = { "verplicht", "advies", "optioneel", NULL };
const char *const pw_step_kind_names[] = { "niveau", "cyber", "sanctie", NULL };
const char *const pw_due_from_names[] = { "geen", "melding", "niveau", "eerste_van", "laatste_van", "besluit", NULL };
const char *const pw_done_by_names[] = { "handmatig", "gesprek", "oudercontact", "doorverwijzing", "escalatie", "sanctie",
					 NULL };
const char *const pw_owner_scope_names[] = { "klas", "afdeling", "school", NULL };
const char *const pw_esc_kind_names[] = { "niveau", "consult", "inschakelen", NULL };
const char *const pw_rung_kind_names[] = { "gesprek", "schorsing", "verwijdering", "anders", NULL };
const char *const pw_read_names[] = { "geen", "eigen_meldingen", "klassen", "afdeling", "school", "geconsulteerd",
				      "doorverwezen", NULL };
const char *const pw_act_names[] = { "geen", "meldingen_en_notities", "eigenaar_en_klas", "leesbaar", "alle", "advies",
				     "eigen_aantekeningen", NULL };
const char *const pw_eval_effect_names[] = { "afgerond", "opnieuw", "herhaling", NULL };
const char *const pw_schooltype_names[] = { "po", "vo", "so", "mbo", NULL };
const char *const pw_block_names[] = { "vormen", "vlaggen", "situatierollen", "checklists", "cyber", "preventie",
				       "functies", "rollen", "niveaus", "escalaties", "sancties", "termijnen",
				       "regels", "gidsen", "toegang", NULL };

long pw__find(const void *arr, size_t n, size_t size, const char *key)
{
	if (arr == NULL || key == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *k;
		memcpy(&k, (const char *)arr + i * size, sizeof k);
		if (k != NULL && strcmp(k, key) == 0)
			return (long)i;
	}
	return -1;
}

const char *pw_need_key(enum pw_need n) { return pw_need_names[n]; }
const char *pw_step_kind_key(enum pw_step_kind k) { return pw_step_kind_names[k]; }
const char *pw_due_from_key(enum pw_due_from f) { return pw_due_from_names[f]; }
const char *pw_done_by_key(enum pw_done_by d) { return pw_done_by_names[d]; }
