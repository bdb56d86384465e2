// Each client address's share of the server's connections (issue 14): one address cannot hold more
// than its share, others are not affected, and a place comes back however its connection ends.
#include "http/address_shares.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <vector>

using namespace sm::http;

TEST_CASE("one client address holds at most its share of connections, and gets places back", "[http]") {
  AddressShares shares(3);
  std::vector<AddressPlace> flood;
  for (int i = 0; i < 3; ++i) {
    REQUIRE(shares.take("127.0.0.1"));
    flood.emplace_back(shares, "127.0.0.1");
  }
  CHECK_FALSE(shares.take("127.0.0.1"));  // its share is held: turned away
  CHECK_FALSE(shares.take("127.0.0.1"));
  CHECK(shares.held("127.0.0.1") == 3);
  REQUIRE(shares.take("127.0.0.2"));  // another address is not
  std::optional<AddressPlace> other(std::in_place, shares, "127.0.0.2");
  CHECK(shares.held("127.0.0.2") == 1);
  flood.pop_back();  // a connection ends: its place is given back, once (the moved-from places give none)
  CHECK(shares.held("127.0.0.1") == 2);
  CHECK(shares.take("127.0.0.1"));
  flood.emplace_back(shares, "127.0.0.1");
  flood.clear();
  other.reset();
  CHECK(shares.held("127.0.0.1") == 0);
  CHECK(shares.held("127.0.0.2") == 0);
}
