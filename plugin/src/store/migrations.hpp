// Numbered schema migrations, tracked in PRAGMA user_version.
#pragma once
#include <string_view>

namespace sm::store {

class Database;

// The newest schema this build knows.
int latest_schema_version();

// Migration n's SQL (1-based): for tests that build a database as an older senmap left it.
std::string_view migration_sql(int n);

// Applies every migration the database has not had, together in one transaction.
// Throws SchemaTooNew when the file was written by a newer senmap.
void migrate(Database& db);

// The same for the audit file beside the database (Database::audit_file), which has its own.
void migrate_audit_file(Database& audit);

}  // namespace sm::store
