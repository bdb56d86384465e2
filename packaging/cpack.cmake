# The Debian packages, made by `cpack -G DEB` in a build folder:
#   libsenmap0      the library (SONAME libsenmap.so.0) and its symlink
#   libsenmap-dev   the headers, the .so link, pkg-config and CMake package files
#   senmap          the command line, the systemd units (nightly sync, serve), an example config in
#                   /etc/senmap, the README in /usr/share/doc/senmap; postinst creates the senmap user
# and one -dbgsym package each with the debug symbols split out of the stripped binaries.
# Dependencies come from dpkg-shlibdeps; the version is the project's one version.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME senmap)
set(CPACK_PACKAGE_VENDOR "senmap")
set(CPACK_PACKAGE_CONTACT "senmap maintainers <maintainers@senmap.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Not stripped at install: CPackDeb strips each binary itself, keeping its debug part for -dbgsym.
set(CPACK_STRIP_FILES OFF)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime development cli)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The CLI needs libsenmap.so.0, which is in libsenmap0 (a dependency through the components), not yet
# on the system: dpkg-shlibdeps finds it in the build tree and takes the rest of its dependencies.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_BINARY_DIR}/lib)
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libsenmap${SENMAP_ABI_MAJOR})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "senmap's engine as a shared library with a stable C ABI, for an MIS to embed")

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libsenmap-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS runtime)
set(CPACK_COMPONENT_DEVELOPMENT_DESCRIPTION "senmap's C ABI headers, pkg-config and CMake package files")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME senmap)
set(CPACK_COMPONENT_CLI_DEPENDS runtime)
set(CPACK_COMPONENT_CLI_DESCRIPTION
    "senmap command line, nightly sync and HTTPS server for a school's SEN register and provision map")
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "adduser | passwd")
set(CPACK_DEBIAN_CLI_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
    ${PROJECT_SOURCE_DIR}/packaging/debian/postrm ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles)
set(CPACK_DEBIAN_CLI_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
