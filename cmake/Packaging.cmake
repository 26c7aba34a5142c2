# `cpack -G DEB` in the build directory makes bulkmail_<version>_<arch>.deb from the install rules
# (both programs, desktop entry, icons, AppStream metainfo, manual page, the example campaign).
# Build bulkmail and bulkmail-cli first: packaging does not build everything else (tests,
# benchmarks), so that the README's package command stays short.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_PACKAGE_NAME bulkmail)
set(CPACK_PACKAGE_VENDOR "Bulkmail")
set(CPACK_PACKAGE_CONTACT "Bulkmail maintainers <maintainers@users.noreply.r-seed-5d1991e6.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "\
Bulkmail sends one personalised message to a list of recipients through an SMTP server, \
reusing each connection for many messages and keeping to the provider's limits. The desktop \
app (bulkmail) and the command line (bulkmail-cli) share one engine; a send journal lets an \
interrupted campaign resume without sending anyone the message twice.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY Bulkmail)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # bulkmail_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # dpkg-shlibdeps (dpkg-dev) computes Depends from the binaries
# Loaded as plugins, so dpkg-shlibdeps cannot see them: the SVG icon (libqt6svg6) and the SQLite
# driver of the suppression list (libqt6sql6-sqlite) are needed; the input methods and platform
# themes (qt6-qpa-plugins) and Qt's own translations are welcome.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6, libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, qt6-qpa-plugins")
# The password goes to the Secret Service (QtKeychain); without one it is asked each time.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring")

include(CPack)
