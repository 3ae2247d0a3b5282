# cs_forbid_links(TARGET <target> PATTERN <regex> [REASON <text>])
# Layering the build can check: configuring fails when <target> links anything whose name matches
# PATTERN — directly, or through any library it links, however deep. The walk follows what reaches
# the final link line: LINK_LIBRARIES of the target itself and INTERFACE_LINK_LIBRARIES of every
# library below it, including the private dependencies of static libraries (which CMake records as
# $<LINK_ONLY:...>); ALIAS targets are resolved. PATTERN is matched against each item as written
# (target names, -l flags, library paths, other generator expressions unexpanded), so
#   cs_forbid_links(TARGET archive_core PATTERN "mysqlcppconn")
# catches mysqlcppconn::mysqlcppconn, -lmysqlcppconn and /usr/lib/.../libmysqlcppconn.so alike. The
# error names the chain of libraries that brings the forbidden one in.
#
# The check runs at the end of configuring (cmake_language(DEFER)), when every target exists, so it
# may be declared next to the target before its dependencies are.
function(cs_forbid_links)
  cmake_parse_arguments(ARG "" "TARGET;PATTERN;REASON" "" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_PATTERN)
    message(FATAL_ERROR "cs_forbid_links: TARGET and PATTERN are required")
  endif()
  cmake_language(EVAL CODE "
    cmake_language(DEFER DIRECTORY \"${CMAKE_SOURCE_DIR}\"
                   CALL _cs_check_forbidden_links [[${ARG_TARGET}]] [[${ARG_PATTERN}]]
                                                  [[${ARG_REASON}]])")
endfunction()

function(_cs_check_forbidden_links target pattern reason)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "cs_forbid_links: no target ${target}")
  endif()
  set(queue ${target})
  set(seen ${target})
  set(chain_${target} ${target})
  while(queue)
    list(POP_FRONT queue current)
    set(items)
    get_target_property(type ${current} TYPE)
    if(current STREQUAL target AND NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(direct ${current} LINK_LIBRARIES)
      if(direct)
        list(APPEND items ${direct})
      endif()
    endif()
    get_target_property(interface ${current} INTERFACE_LINK_LIBRARIES)
    if(interface)
      list(APPEND items ${interface})
    endif()
    foreach(item IN LISTS items)
      if(item MATCHES "^\\$<LINK_ONLY:(.+)>$")
        set(item "${CMAKE_MATCH_1}")
      endif()
      if(item MATCHES "${pattern}")
        string(JOIN " -> " chain ${chain_${current}} "${item}")
        message(FATAL_ERROR "${target} must not link ${item} (${reason}), but does: ${chain}")
      endif()
      if(item MATCHES "^\\$<" OR NOT TARGET "${item}")
        continue()  # another generator expression, a flag or a file: checked by name above
      endif()
      get_target_property(aliased "${item}" ALIASED_TARGET)
      if(aliased)
        set(item "${aliased}")
      endif()
      if(NOT item IN_LIST seen)
        list(APPEND seen "${item}")
        list(APPEND queue "${item}")
        set(chain_${item} ${chain_${current}} "${item}")
      endif()
    endforeach()
  endwhile()
endfunction()
