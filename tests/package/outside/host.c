/* A host outside senmap's tree: built with find_package(senmap) or pkg-config, it checks the library
 * it loads is the one its headers describe and lists the operations. Exits 0 when all is well. */
#include <senmap/senmap.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  char* ops = NULL;
  if (strcmp(senmap_version(), SENMAP_VERSION_STRING) != 0 || senmap_version_number() != SENMAP_VERSION_NUMBER) {
    fprintf(stderr, "headers %s, library %s\n", SENMAP_VERSION_STRING, senmap_version());
    return 1;
  }
  if (senmap_ops_json(&ops) != SENMAP_OK || !strstr(ops, "\"register.list\"")) {
    fprintf(stderr, "senmap_ops_json: %s\n", senmap_errstr(SENMAP_EINVAL));
    senmap_free(ops);
    return 1;
  }
  printf("senmap %s: %lu bytes of operations\n", senmap_version(), (unsigned long)strlen(ops));
  senmap_free(ops);
  return 0;
}
