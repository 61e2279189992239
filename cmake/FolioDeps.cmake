# Third-party libraries. No third-party source is committed:
# - native builds use Debian's -dev packages (find_package);
# - the WASM build compiles the same upstream releases from Debian's *source* packages, which
#   scripts/fetch-deps.sh downloads, checks against the SHA256 values pinned there and unpacks
#   into FOLIO_DEPS_SRC. The upstream URLs and hashes below record which release is meant;
#   nothing here contacts them unless FOLIO_ALLOW_DOWNLOAD is set.

# toml++ 3.3 (TOML front matter) is used header-only in both builds, so the WASM module needs no
# compiled library; Debian's config would link its shared library instead. Its headers are
# copied alone into the build tree, as nlohmann's are below (an -isystem /usr/include would mix
# glibc's headers into em++'s, toolchain.md pitfall 5).
set(FOLIO_TOMLPLUSPLUS_DIR /usr/include/toml++ CACHE PATH "The 'toml++' header folder")
if(NOT EXISTS "${FOLIO_TOMLPLUSPLUS_DIR}/toml.h")
  message(FATAL_ERROR "${FOLIO_TOMLPLUSPLUS_DIR}/toml.h missing: apt-get install libtomlplusplus-dev")
endif()
file(COPY "${FOLIO_TOMLPLUSPLUS_DIR}" DESTINATION "${CMAKE_BINARY_DIR}/_deps/tomlplusplus-include")
add_library(folio_tomlplusplus INTERFACE)
target_include_directories(folio_tomlplusplus SYSTEM INTERFACE
                           "${CMAKE_BINARY_DIR}/_deps/tomlplusplus-include")
target_compile_definitions(folio_tomlplusplus INTERFACE TOML_HEADER_ONLY=1 TOML_EXCEPTIONS=1
                                                        TOML_ENABLE_FORMATTERS=0)
add_library(tomlplusplus::header_only ALIAS folio_tomlplusplus)

if(NOT EMSCRIPTEN)
  find_package(md4c CONFIG REQUIRED)  # Debian ships no md4cConfigVersion.cmake: no version here
  find_package(yaml-cpp 0.7 CONFIG REQUIRED)
  find_package(nlohmann_json 3.11 CONFIG REQUIRED)
  # cctz (Debian's libcctz-dev) ships neither a CMake config nor a pkg-config file.
  find_path(FOLIO_CCTZ_INCLUDE cctz/time_zone.h)
  find_library(FOLIO_CCTZ_LIBRARY cctz)
  if(NOT FOLIO_CCTZ_INCLUDE OR NOT FOLIO_CCTZ_LIBRARY)
    message(FATAL_ERROR "cctz missing: apt-get install libcctz-dev (IANA time zones)")
  endif()
  add_library(cctz::cctz UNKNOWN IMPORTED)
  set_target_properties(cctz::cctz PROPERTIES IMPORTED_LOCATION "${FOLIO_CCTZ_LIBRARY}"
                                              INTERFACE_INCLUDE_DIRECTORIES "${FOLIO_CCTZ_INCLUDE}")
  # Debian's libutf8proc-dev ships no CMake config, only the header and the libraries.
  find_path(FOLIO_UTF8PROC_INCLUDE utf8proc.h REQUIRED)
  find_library(FOLIO_UTF8PROC_LIBRARY NAMES libutf8proc.a utf8proc REQUIRED)
  add_library(utf8proc::utf8proc STATIC IMPORTED)
  set_target_properties(utf8proc::utf8proc PROPERTIES
    IMPORTED_LOCATION "${FOLIO_UTF8PROC_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${FOLIO_UTF8PROC_INCLUDE}"
    INTERFACE_COMPILE_DEFINITIONS UTF8PROC_STATIC)
  # Snowball's libstemmer (Debian's libstemmer-dev 2.2.0: header and libraries, no config).
  find_path(FOLIO_STEMMER_INCLUDE libstemmer.h REQUIRED)
  find_library(FOLIO_STEMMER_LIBRARY NAMES libstemmer.a stemmer REQUIRED)
  add_library(snowball::stemmer STATIC IMPORTED)
  set_target_properties(snowball::stemmer PROPERTIES
    IMPORTED_LOCATION "${FOLIO_STEMMER_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${FOLIO_STEMMER_INCLUDE}")
  return()
endif()

include(FetchContent)
option(FOLIO_ALLOW_DOWNLOAD "Let CMake download missing WASM dependency sources from upstream" OFF)
set(FOLIO_DEPS_SRC "${PROJECT_SOURCE_DIR}/build/third_party" CACHE PATH
    "Where scripts/fetch-deps.sh unpacks the dependency sources for the WASM build")
foreach(dep md4c yaml-cpp utf8proc snowball)
  string(TOUPPER "${dep}" DEP)
  if(NOT FETCHCONTENT_SOURCE_DIR_${DEP} AND EXISTS "${FOLIO_DEPS_SRC}/${dep}/.sha256")
    set(FETCHCONTENT_SOURCE_DIR_${DEP} "${FOLIO_DEPS_SRC}/${dep}" CACHE PATH "" FORCE)
  endif()
  if(NOT FETCHCONTENT_SOURCE_DIR_${DEP} AND NOT FOLIO_ALLOW_DOWNLOAD)
    # Without this stop, FetchContent retries the download for ~85 s per dependency on a
    # machine that reaches only Debian and npm (toolchain.md pitfall 7).
    message(FATAL_ERROR "${dep} sources missing in ${FOLIO_DEPS_SRC}: run scripts/fetch-deps.sh "
                        "(or configure with -DFOLIO_ALLOW_DOWNLOAD=ON where upstream is reachable)")
  endif()
endforeach()

# md4c 0.4.8 (C). Debian's md4c_0.4.8.orig.tar.gz is byte-identical to this archive.
FetchContent_Declare(md4c
  URL https://github.com/mity/md4c/archive/release-0.4.8.tar.gz
  URL_HASH SHA256=4a457df853425b6bb6e3457aa1d1a13bccec587a04c38c622b1013a0da41439f
  SOURCE_SUBDIR _none_)  # populate only: its own CMakeLists forces shared libs and builds md2html
# yaml-cpp 0.7.0 (C++). Debian's +dfsg tarball differs only by dropping test/gtest-1.10.0.
FetchContent_Declare(yaml-cpp
  URL https://github.com/jbeder/yaml-cpp/archive/refs/tags/yaml-cpp-0.7.0.tar.gz
  URL_HASH SHA256=43e6a9fcb146ad871515f0d0873947e5d497a1c9c60c58cb102a97b47208b7c3)
# utf8proc 2.8.0 (C): search normalisation (NFKC + case folding). Debian's orig tarball is the
# upstream release archive.
FetchContent_Declare(utf8proc
  URL https://github.com/JuliaStrings/utf8proc/archive/refs/tags/v2.8.0.tar.gz
  URL_HASH SHA256=a0a60a79fe6f6d54e7d411facbfcc867a6e198608f2cd992490e46f04b1bcecc
  SOURCE_SUBDIR _none_)  # populate only: one C file (it #includes its data table)
# Snowball 2.2.0 (C): English stemming. Debian's orig tarball is the upstream source release:
# the compiler and the .sbl algorithms, but no generated C, so below the compiler is built with
# the host's C compiler and turns english.sbl into C, exactly as upstream's GNUmakefile makes
# libstemmer (the same release as Debian's libstemmer-dev, which the native build links).
FetchContent_Declare(snowball
  URL https://github.com/snowballstem/snowball/archive/refs/tags/v2.2.0.tar.gz
  URL_HASH SHA256=425cdb5fba13a01db59a1713780f0662e984204f402d3dae1525bda9e6d30f1a
  SOURCE_SUBDIR _none_)
set(YAML_CPP_BUILD_TESTS OFF CACHE BOOL "" FORCE)
set(YAML_CPP_BUILD_TOOLS OFF CACHE BOOL "" FORCE)
set(YAML_CPP_BUILD_CONTRIB OFF CACHE BOOL "" FORCE)
set(YAML_BUILD_SHARED_LIBS OFF CACHE BOOL "" FORCE)
set(YAML_CPP_FORMAT_SOURCE OFF CACHE BOOL "" FORCE)
FetchContent_MakeAvailable(md4c yaml-cpp utf8proc snowball)

set(md4c_src "${md4c_SOURCE_DIR}/src")
add_library(md4c STATIC "${md4c_src}/md4c.c")
target_compile_definitions(md4c PUBLIC MD4C_USE_UTF8)
target_include_directories(md4c SYSTEM PUBLIC "${md4c_src}")
add_library(md4c-html STATIC "${md4c_src}/md4c-html.c" "${md4c_src}/entity.c")
target_link_libraries(md4c-html PUBLIC md4c)
add_library(md4c::md4c ALIAS md4c)
add_library(md4c::md4c-html ALIAS md4c-html)

add_library(utf8proc STATIC "${utf8proc_SOURCE_DIR}/utf8proc.c")
target_compile_definitions(utf8proc PUBLIC UTF8PROC_STATIC)
target_include_directories(utf8proc SYSTEM PUBLIC "${utf8proc_SOURCE_DIR}")
add_library(utf8proc::utf8proc ALIAS utf8proc)

# libstemmer with the English algorithm only, generated at configure time (a few seconds): the
# Snowball compiler (host cc), english.sbl -> stem_UTF_8_english.c, upstream's mkmodules.pl for
# the module table, libstemmer_c.in for the sb_stemmer_* API that Debian's libstemmer has too.
set(snowball_src "${snowball_SOURCE_DIR}")
set(snowball_gen "${CMAKE_BINARY_DIR}/_deps/snowball-gen")
if(NOT EXISTS "${snowball_gen}/stem_UTF_8_english.c" OR NOT EXISTS "${snowball_gen}/libstemmer/modules.h")
  find_program(FOLIO_HOST_CC NAMES cc gcc clang REQUIRED)
  find_program(FOLIO_PERL perl REQUIRED)
  file(MAKE_DIRECTORY "${snowball_gen}/libstemmer")
  file(GLOB snowball_compiler_sources "${snowball_src}/compiler/*.c")
  execute_process(COMMAND "${FOLIO_HOST_CC}" -O1 -o "${snowball_gen}/snowball" ${snowball_compiler_sources}
                  RESULT_VARIABLE failed)
  if(NOT failed)
    execute_process(COMMAND "${snowball_gen}/snowball" "${snowball_src}/algorithms/english.sbl"
                            -o "${snowball_gen}/stem_UTF_8_english" -eprefix english_UTF_8_
                            -r "${snowball_src}/runtime" -u
                    RESULT_VARIABLE failed)
  endif()
  if(NOT failed)
    file(WRITE "${snowball_gen}/modules.txt" "english UTF_8 english,en,eng\n")
    execute_process(COMMAND "${FOLIO_PERL}" "${snowball_src}/libstemmer/mkmodules.pl"
                            "${snowball_gen}/libstemmer/modules.h" . "${snowball_gen}/modules.txt"
                            "${snowball_gen}/mkinc.mak"
                    RESULT_VARIABLE failed)
  endif()
  if(failed)
    file(REMOVE "${snowball_gen}/stem_UTF_8_english.c")
    message(FATAL_ERROR "generating Snowball's English stemmer failed")
  endif()
endif()
set(MODULES_H modules.h)
configure_file("${snowball_src}/libstemmer/libstemmer_c.in" "${snowball_gen}/libstemmer/libstemmer.c"
               @ONLY)
add_library(snowball_stemmer STATIC "${snowball_gen}/libstemmer/libstemmer.c"
            "${snowball_gen}/stem_UTF_8_english.c" "${snowball_src}/runtime/api.c"
            "${snowball_src}/runtime/utilities.c")
# libstemmer.c includes "../include/libstemmer.h" and "../runtime/api.h": found from libstemmer/.
target_include_directories(snowball_stemmer PRIVATE "${snowball_src}/libstemmer")
target_include_directories(snowball_stemmer SYSTEM PUBLIC "${snowball_src}/include")
add_library(snowball::stemmer ALIAS snowball_stemmer)

# nlohmann/json 3.11 is header-only. Its Debian config would add -isystem /usr/include (glibc
# headers) to em++ (toolchain.md pitfall 5), so expose a copy of just the nlohmann/ folder.
set(FOLIO_NLOHMANN_DIR /usr/include/nlohmann CACHE PATH "The 'nlohmann' header folder")
if(NOT EXISTS "${FOLIO_NLOHMANN_DIR}/json.hpp")
  message(FATAL_ERROR "${FOLIO_NLOHMANN_DIR}/json.hpp missing: apt-get install nlohmann-json3-dev")
endif()
file(COPY "${FOLIO_NLOHMANN_DIR}" DESTINATION "${CMAKE_BINARY_DIR}/_deps/nlohmann-include")
add_library(nlohmann_json INTERFACE)
target_include_directories(nlohmann_json SYSTEM INTERFACE "${CMAKE_BINARY_DIR}/_deps/nlohmann-include")
add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json)
