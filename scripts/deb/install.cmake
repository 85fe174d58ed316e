# `cmake --install` and the .deb (CPack): Debian's standard places, fixed because the units, the env file and the
# nginx site name them: binaries in /usr/sbin, templates, SQL and the example env file in /usr/share/portico,
# units in /lib/systemd/system, the nginx site in /etc/nginx/sites-available, docs in /usr/share/doc/portico.
# Included from the top CMakeLists.txt after the handlers (it needs the list of FastCGI handlers).
include(GNUInstallDirs)
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(WARNING "CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}: the installed units and env file expect /usr")
endif()
set(PORTICO_SHARE /usr/share/portico)
set(PORTICO_UNIT_DIR /lib/systemd/system CACHE PATH "Where systemd units are installed")
set(pkg ${CMAKE_BINARY_DIR}/pkg)

# The FastCGI handlers: every handlers/<name>/main.cpp that calls fcgi::serve (the jobs and the CLI do not).
file(GLOB mains CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/handlers/*/main.cpp)
set(PORTICO_FCGI_HANDLERS)
foreach(main ${mains})
  file(STRINGS ${main} serves REGEX "fcgi::serve\\(")
  if(serves)
    get_filename_component(dir ${main} DIRECTORY)
    get_filename_component(name ${dir} NAME)
    list(APPEND PORTICO_FCGI_HANDLERS ${name})
  endif()
endforeach()
list(SORT PORTICO_FCGI_HANDLERS)

# One socket and one service per handler, from the two templates.
foreach(name ${PORTICO_FCGI_HANDLERS})
  foreach(kind socket service)
    file(READ ${PROJECT_SOURCE_DIR}/scripts/systemd/portico-handler.${kind}.in text)
    string(REPLACE "@NAME@" "${name}" text "${text}")
    file(GENERATE OUTPUT ${pkg}/systemd/portico-${name}.${kind} CONTENT "${text}")
    install(FILES ${pkg}/systemd/portico-${name}.${kind} DESTINATION ${PORTICO_UNIT_DIR})
  endforeach()
endforeach()
install(FILES
  ${PROJECT_SOURCE_DIR}/scripts/systemd/portico-mailer.service
  ${PROJECT_SOURCE_DIR}/scripts/systemd/portico-autocreate.service
  ${PROJECT_SOURCE_DIR}/scripts/systemd/portico-autocreate.timer
  DESTINATION ${PORTICO_UNIT_DIR})

# The nginx site: nginx/portico.conf with production values, as scripts/lib/stack.sh renders it for the dev
# stack. Listens on 443 for every address; the snippets get a portico- prefix in /etc/nginx/snippets.
file(READ ${PROJECT_SOURCE_DIR}/nginx/portico.conf site)
set(values
  "HTTPS_LISTEN=443" "SOCKET_DIR=/run/portico" "STATIC_ROOT=${PORTICO_SHARE}/templates/static"
  "TLS_CERT=/etc/ssl/certs/portico.crt" "TLS_KEY=/etc/ssl/private/portico.key"
  "LOGIN_RATE=10r/s" "LOGIN_BURST=20")
string(REPLACE "@LOG_DIR@/nginx-" "/var/log/nginx/portico-" site "${site}")
string(REPLACE "include snippets/" "include snippets/portico-" site "${site}")
foreach(kv ${values})
  string(REGEX MATCH "^[A-Z_]+" key "${kv}")
  string(REGEX REPLACE "^[A-Z_]+=" "" value "${kv}")
  string(REPLACE "@${key}@" "${value}" site "${site}")
endforeach()
string(REGEX MATCH "@[A-Z_]+@" left "${site}")
if(left)
  message(FATAL_ERROR "nginx/portico.conf: no production value for ${left} (scripts/deb/install.cmake)")
endif()
string(REGEX REPLACE "^# Portico's routes[^\n]*\n[^\n]*\n" "# Portico's nginx site (installed by the portico package from nginx/portico.conf; enable it with\n# ln -s ../sites-available/portico /etc/nginx/sites-enabled/). Routes: /usr/share/doc/portico/interfaces.md.\n" site "${site}")
file(GENERATE OUTPUT ${pkg}/nginx/portico CONTENT "${site}")
install(FILES ${pkg}/nginx/portico DESTINATION /etc/nginx/sites-available)
foreach(snippet fastcgi security-headers)
  install(FILES ${PROJECT_SOURCE_DIR}/nginx/snippets/${snippet}.conf DESTINATION /etc/nginx/snippets RENAME portico-${snippet}.conf)
endforeach()

install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates/ DESTINATION ${PORTICO_SHARE}/templates)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sql/ DESTINATION ${PORTICO_SHARE}/sql FILES_MATCHING PATTERN "*.sql")
install(FILES ${PROJECT_SOURCE_DIR}/scripts/deb/portico.env DESTINATION ${PORTICO_SHARE} RENAME portico.env.example)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/interfaces.md
  ${PROJECT_SOURCE_DIR}/docs/operations.md DESTINATION /usr/share/doc/portico)

# The .deb: portico_<version>_amd64.deb, library dependencies found by dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME portico)
set(CPACK_PACKAGE_VENDOR "Portico")
set(CPACK_PACKAGE_CONTACT "Portico maintainers <maintainers@portico.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "client portal: stateless C++ FastCGI handlers behind nginx, state in PostgreSQL")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nginx, postgresql")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pgbouncer")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# Edits an admin makes to the nginx files survive upgrades (dpkg asks).
file(GENERATE OUTPUT ${pkg}/control/conffiles CONTENT
  "/etc/nginx/sites-available/portico\n/etc/nginx/snippets/portico-fastcgi.conf\n/etc/nginx/snippets/portico-security-headers.conf\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/scripts/deb/postinst ${PROJECT_SOURCE_DIR}/scripts/deb/prerm
  ${PROJECT_SOURCE_DIR}/scripts/deb/postrm ${pkg}/control/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)  # debug info stays in the build tree
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/deb)
include(CPack)
