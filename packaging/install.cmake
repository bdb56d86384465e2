# Installation: the library, the public headers, the CLI and a pkg-config file.
include(GNUInstallDirs)
install(TARGETS senmap LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS senmap_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES sdk/include/senmap/senmap.h sdk/include/senmap/senmap.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/senmap)
configure_file(packaging/senmap.pc.in ${CMAKE_BINARY_DIR}/senmap.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/senmap.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
