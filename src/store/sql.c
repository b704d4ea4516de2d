#include "store/sql.h"

const char *const pw_sql[STMT__MAX] = {
#define X(id, sql) [STMT_##id] = sql,
	PW_STMTS(X)
#undef X
};
