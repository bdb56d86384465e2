# Installation and packaging: the library, the public headers, the CLI, the pkg-config file and the
# CMake package (find_package(senmap CONFIG) gives senmap::senmap), and, for the Debian packages, the
# systemd units and an example config. `cpack -G DEB` in the build folder makes the packages
# (packaging/cpack.cmake). Components: runtime (libsenmap.so.N), development (headers, .so link,
# pkg-config and CMake files), cli (the senmap command, the units, the example config, the README).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS senmap EXPORT senmapTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development)
install(TARGETS senmap_sdk_headers EXPORT senmapTargets)
install(TARGETS senmap_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(FILES sdk/include/senmap/senmap.h sdk/include/senmap/senmap.hpp
              ${CMAKE_BINARY_DIR}/include/senmap/senmap_version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/senmap COMPONENT development)

# pkg-config: relocatable (${pcfiledir}), so the same file serves /usr, /usr/local and a test prefix.
file(RELATIVE_PATH SENMAP_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(packaging/senmap.pc.in ${CMAKE_BINARY_DIR}/senmap.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/senmap.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)

# The CMake package: senmap::senmap, its include directory and version (a host built against 0.x
# needs 0.y with y >= x: SameMajorVersion).
set(SENMAP_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/senmap)
install(EXPORT senmapTargets NAMESPACE senmap:: DESTINATION ${SENMAP_CMAKE_DIR} COMPONENT development)
configure_package_config_file(packaging/senmapConfig.cmake.in ${CMAKE_BINARY_DIR}/senmapConfig.cmake
                              INSTALL_DESTINATION ${SENMAP_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/senmapConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/senmapConfig.cmake ${CMAKE_BINARY_DIR}/senmapConfigVersion.cmake
        DESTINATION ${SENMAP_CMAKE_DIR} COMPONENT development)

# What only the Debian packages install (absolute paths, where systemd and an IT technician look):
# EXCLUDE_FROM_ALL keeps them out of a plain `cmake --install` to a prefix; cpack installs the cli
# component on its own, which includes them.
install(FILES packaging/systemd/senmap-sync.service packaging/systemd/senmap-sync.timer
              packaging/systemd/senmap-serve.service
        DESTINATION /lib/systemd/system COMPONENT cli EXCLUDE_FROM_ALL)
install(PROGRAMS packaging/systemd/senmap-network-generator
        DESTINATION /lib/systemd/system-generators COMPONENT cli EXCLUDE_FROM_ALL)
install(FILES packaging/senmap.example.toml DESTINATION /etc/senmap COMPONENT cli EXCLUDE_FROM_ALL)
install(FILES README.md docs/versioning.md packaging/senmap.example.toml
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT cli)

include(packaging/cpack.cmake)
