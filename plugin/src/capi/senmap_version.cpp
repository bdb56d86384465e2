// The version, the error codes' descriptions, the thread's last error and memory.
#include <cstdlib>

#include "capi/shim.hpp"

extern "C" {

SENMAP_API const char* senmap_version(void) {
  return SENMAP_VERSION_STRING;
}

SENMAP_API int senmap_version_number(void) {
  return SENMAP_VERSION_NUMBER;
}

SENMAP_API const char* senmap_error_last(void) {
  return sm::capi::last_error();
}

SENMAP_API const char* senmap_errstr(int code) {
  switch (code) {
    case SENMAP_OK:
      return "success";
    case SENMAP_EINVAL:
      return "invalid argument";
    case SENMAP_ENOMEM:
      return "out of memory";
    case SENMAP_EIO:
      return "a file or the database could not be read or written";
    case SENMAP_EBADINPUT:
      return "input refused";
    case SENMAP_ENOTFOUND:
      return "not found";
    case SENMAP_ESCHEMA:
      return "the database was written by a newer senmap";
    case SENMAP_EINTERNAL:
      return "internal error in senmap";
    case SENMAP_EBUSY:
      return "another senmap sync is running on this database";
    case SENMAP_ECONFIG:
      return "the configuration file is invalid";
    case SENMAP_EPARTIAL:
      return "some sources failed";
    case SENMAP_EDENIED:
      return "not allowed for this person";
  }
  return "unknown senmap error code";
}

SENMAP_API void senmap_free(void* memory) {
  std::free(memory);
}

}  // extern "C"
