/* A C99 host: compiled with -std=c99 -pedantic -Werror to prove the public header is clean C.
 * Usage: senmap_c99_host CTF_FILE DB_FILE. Exits 0 when import and register read work. */
#include <stdio.h>
#include <string.h>

#include "senmap/senmap.h"

int main(int argc, char** argv) {
  senmap_options options = SENMAP_OPTIONS_INIT;
  senmap_import_options import_options = SENMAP_IMPORT_OPTIONS_INIT;
  senmap* db = NULL;
  char* report = NULL;
  char* reg = NULL;
  int rc;
  if (argc != 3) {
    fprintf(stderr, "usage: %s CTF_FILE DB_FILE\n", argv[0]);
    return 2;
  }
  remove(argv[2]);
  /* The init function a host without the macro uses gives the same defaults. */
  if (senmap_import_options_init(&import_options, (uint32_t)sizeof import_options) != SENMAP_OK ||
      import_options.lenient != 0) {
    fprintf(stderr, "senmap_import_options_init: %s\n", senmap_error_last());
    return 1;
  }
  if (strcmp(senmap_errstr(SENMAP_EBADINPUT), "input refused") != 0) {
    fprintf(stderr, "senmap_errstr(SENMAP_EBADINPUT) is \"%s\"\n", senmap_errstr(SENMAP_EBADINPUT));
    return 1;
  }
  options.db_path = argv[2];
  options.actor = "c99-host";
  if (senmap_open(&db, &options) != SENMAP_OK) {
    fprintf(stderr, "open: %s\n", senmap_error_last());
    return 1;
  }
  rc = senmap_import_ctf(&report, db, argv[1], &import_options);
  if (rc != SENMAP_OK) {
    fprintf(stderr, "import (%d): %s\n", rc, senmap_error_last());
    senmap_free(report);
    senmap_close(db);
    return 1;
  }
  senmap_free(report);
  rc = senmap_register_json(&reg, db);
  if (rc != SENMAP_OK || strstr(reg, "\"status\":\"K\"") == NULL) {
    fprintf(stderr, "register (%d): %s\n", rc, senmap_error_last());
    senmap_free(reg);
    senmap_close(db);
    return 1;
  }
  printf("register: %lu bytes of JSON from libsenmap %s\n", (unsigned long)strlen(reg), senmap_version());
  senmap_free(reg);

  /* The host pushes a pupil it holds (senmap_ingest): a new arrival on SEN support. */
  rc = senmap_ingest(&report, db,
                     "{\"schema\":\"senmap.ingest/1\",\"school\":{\"la\":\"938\",\"estab\":\"4123\"},"
                     "\"as_of\":\"2026-11-27T16:00:00\",\"pupils\":[{\"upn\":\"X938412325001\",\"surname\":\"Okafor\","
                     "\"forename\":\"Amara\",\"dob\":\"2015-03-14\",\"sex\":\"F\",\"sen\":{\"status\":\"K\","
                     "\"needs\":[{\"type\":\"SLCN\",\"rank\":1}]}}]}");
  if (rc != SENMAP_OK || strstr(report, "\"added\":1") == NULL) {
    fprintf(stderr, "ingest (%d): %s\n%s\n", rc, senmap_error_last(), report ? report : "");
    senmap_free(report);
    senmap_close(db);
    return 1;
  }
  senmap_free(report);
  senmap_close(db);
  return 0;
}
