// senmap serve's TLS: Mozilla's "intermediate" configuration (TLS 1.2 and 1.3 only; TLS 1.2 with
// forward-secret AEAD ciphers; TLS 1.3 suites are all strong), no compression, renegotiation or
// session tickets. Header-only, so that the benchmark's bare Beast server (tests/bench) pays the
// very same handshakes and ciphers as senmap without linking it.
#pragma once
#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>

namespace sm::http {

// Applies the settings to a server context; false when this OpenSSL cannot provide them.
inline bool apply_tls_settings(boost::asio::ssl::context& ctx) {
  namespace ssl = boost::asio::ssl;
  constexpr const char* kTls12Ciphers =
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
      "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
      "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";
  constexpr const char* kTls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  auto* native = ctx.native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1 || SSL_CTX_set_ciphersuites(native, kTls13Suites) != 1 ||
      SSL_CTX_set1_groups_list(native, "X25519:prime256v1:secp384r1") != 1)
    return false;
  SSL_CTX_set_dh_auto(native, 1);
  return true;
}

}  // namespace sm::http
