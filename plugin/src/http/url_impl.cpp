// Boost.URL compiled once, here (its header-only mode): the API parses request targets with it.
#include <boost/url/src.hpp>
