#include <string.h>

#include "core/casus.h"

static const char *const names[] = {
	[PW_EV_OPENED] = "opened",
	[PW_EV_SIGNAL] = "signal",
	[PW_EV_PERSON] = "person",
	[PW_EV_LEVEL] = "level",
	[PW_EV_OWNER] = "owner",
	[PW_EV_STEP] = "step",
	[PW_EV_CONVERSATION] = "conversation",
	[PW_EV_AGREEMENT] = "agreement",
	[PW_EV_EVALUATION] = "evaluation",
	[PW_EV_PARENT_CONTACT] = "parent_contact",
	[PW_EV_REFERRAL] = "referral",
	[PW_EV_ESCALATION] = "escalation",
	[PW_EV_DEVIATION] = "deviation",
	[PW_EV_NOTE] = "note",
	[PW_EV_CLOSED] = "closed",
	[PW_EV_REOPENED] = "reopened",
	[PW_EV_SANCTION] = "sanction",
	[PW_EV_DECISION] = "decision",
	[PW_EV_CONFIDENTIAL] = "confidential",
	[PW_EV_EVIDENCE] = "evidence",
};

const char *pw_event_kind_name(enum pw_event_kind k)
{
	return (size_t)k < sizeof names / sizeof names[0] && names[k] ? names[k] : "unknown";
}

int pw_event_kind_parse(const char *s)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}
