#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// `sqlite3_db_config` is variadic: this wrapper serves the `int int*` options
/// (SQLITE_DBCONFIG_ENABLE_FKEY, _DEFENSIVE, _DQS_DML, _DQS_DDL, _TRUSTED_SCHEMA, ...).
/// Returns SQLITE_OK or an error code; `*current` receives the setting after the call.
static inline int csqlite_db_config_int(sqlite3 *db, int op, int value, int *current) {
    return sqlite3_db_config(db, op, value, current);
}

#endif
