// Numbered schema migrations, tracked in PRAGMA user_version.
#pragma once

namespace sm::store {

class Database;

// The newest schema this build knows.
int latest_schema_version();

// Applies every migration the database has not had, together in one transaction.
// Throws SchemaTooNew when the file was written by a newer senmap.
void migrate(Database& db);

// The same for the audit file beside the database (Database::audit_file), which has its own.
void migrate_audit_file(Database& audit);

}  // namespace sm::store
