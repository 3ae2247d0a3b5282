# Every dependency comes from a Debian bookworm package (see tests/run.sh for the list).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Debian's gRPC CMake export is incomplete; pkg-config is the supported way in.
pkg_check_modules(GRPCPP REQUIRED IMPORTED_TARGET grpc++>=1.51)
pkg_check_modules(PROTOBUF REQUIRED IMPORTED_TARGET protobuf>=3.21)
find_library(GRPCPP_REFLECTION_LIBRARY grpc++_reflection REQUIRED)
find_program(PROTOC_EXECUTABLE protoc REQUIRED)
find_program(GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)

find_package(absl REQUIRED)
find_package(prometheus-cpp REQUIRED)
find_package(OpenSSL REQUIRED)

find_path(MYSQLCPPCONN_INCLUDE_DIR cppconn/driver.h REQUIRED)
find_library(MYSQLCPPCONN_LIBRARY mysqlcppconn REQUIRED)
add_library(mysqlcppconn::mysqlcppconn UNKNOWN IMPORTED)
set_target_properties(mysqlcppconn::mysqlcppconn PROPERTIES
  IMPORTED_LOCATION "${MYSQLCPPCONN_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${MYSQLCPPCONN_INCLUDE_DIR}")

if(CS_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(CS_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
