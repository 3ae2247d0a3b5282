# cs_proto_library(NAME <target> ROOT <dir> PROTOS <files...> [MESSAGES_ONLY])
# Generates message and gRPC code for the given .proto files (paths relative to ROOT) into the build tree
# and builds them into one static library. protoc only reruns when a .proto changes. MESSAGES_ONLY: the
# files declare no service, so no gRPC code is generated (and the library needs no gRPC).
function(cs_proto_library)
  cmake_parse_arguments(ARG "MESSAGES_ONLY" "NAME;ROOT" "PROTOS" ${ARGN})
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/gen")
  file(MAKE_DIRECTORY "${out_dir}")
  set(generated)
  foreach(proto IN LISTS ARG_PROTOS)
    string(REGEX REPLACE "\\.proto$" "" stem "${proto}")
    set(outs "${out_dir}/${stem}.pb.cc" "${out_dir}/${stem}.pb.h")
    set(grpc_args)
    if(NOT ARG_MESSAGES_ONLY)
      list(APPEND outs "${out_dir}/${stem}.grpc.pb.cc" "${out_dir}/${stem}.grpc.pb.h")
      set(grpc_args --grpc_out=${out_dir} --plugin=protoc-gen-grpc=${GRPC_CPP_PLUGIN})
    endif()
    add_custom_command(
      OUTPUT ${outs}
      COMMAND ${PROTOC_EXECUTABLE}
              --proto_path=${ARG_ROOT}
              --cpp_out=${out_dir}
              ${grpc_args}
              ${ARG_ROOT}/${proto}
      DEPENDS "${ARG_ROOT}/${proto}"
      COMMENT "protoc ${proto}"
      VERBATIM)
    list(APPEND generated ${outs})
  endforeach()
  add_library(${ARG_NAME} STATIC ${generated})
  target_include_directories(${ARG_NAME} PUBLIC "${out_dir}")
  if(ARG_MESSAGES_ONLY)
    target_link_libraries(${ARG_NAME} PUBLIC PkgConfig::PROTOBUF)
  else()
    target_link_libraries(${ARG_NAME} PUBLIC PkgConfig::GRPCPP PkgConfig::PROTOBUF)
  endif()
endfunction()
