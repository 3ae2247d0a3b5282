# cs_migrations_library(NAME <target> COMPONENT <name> DIR <dir> NAMESPACE <c++ namespace>)
# Embeds every <DIR>/NNNN_name.sql into the binary as a list of cs::common::db::Migration, so a deployed
# binary never looks for SQL files at run time. The library exposes
#   const std::vector<cs::common::db::Migration>& <NAMESPACE>::Migrations();
# and its COMPONENT name is what schema_migrations records.
function(cs_migrations_library)
  cmake_parse_arguments(ARG "" "NAME;COMPONENT;DIR;NAMESPACE" "" ${ARGN})
  file(GLOB sql_files CONFIGURE_DEPENDS "${ARG_DIR}/*.sql")
  list(SORT sql_files)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_embedded.cc")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND}
            -DOUT=${out} -DCOMPONENT=${ARG_COMPONENT} -DNAMESPACE=${ARG_NAMESPACE}
            "-DFILES=${sql_files}"
            -P "${CMAKE_SOURCE_DIR}/cmake/EmbedMigrations.cmake"
    DEPENDS ${sql_files} "${CMAKE_SOURCE_DIR}/cmake/EmbedMigrations.cmake"
    COMMENT "embedding migrations of ${ARG_COMPONENT}"
    VERBATIM)
  add_library(${ARG_NAME} STATIC "${out}")
  target_link_libraries(${ARG_NAME} PUBLIC cs_common_db)
endfunction()
