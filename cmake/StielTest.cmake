# stiel_add_test(NAME SOURCES src... LIBS lib... [WRAP sym...])
# One cmocka test executable, registered with ctest under its NAME. WRAP names functions to
# replace at link time (-Wl,--wrap=sym), the way the libserialport adapter is tested.
function(stiel_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;WRAP;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE PkgConfig::cmocka ${T_LIBS})
  target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}")
  target_compile_definitions(${name} PRIVATE
    STIEL_TEST_ASSETS="${STIEL_ASSET_DIR}" STIEL_TEST_FONTS="${STIEL_FONT_DIR}"
    STIEL_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  foreach(sym IN LISTS T_WRAP)
    target_link_options(${name} PRIVATE "-Wl,--wrap=${sym}")
  endforeach()
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 120 LABELS "unit;${T_LABELS}"
    ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=STDOUT;SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
endfunction()

# stiel_add_script_test(NAME SCRIPT path ARGS...)
# A shell integration test (real binaries, ptys, external decoders) registered with ctest.
function(stiel_add_script_test name)
  cmake_parse_arguments(T "" "SCRIPT" "ARGS;LABELS" ${ARGN})
  add_test(NAME ${name} COMMAND bash "${T_SCRIPT}" ${T_ARGS})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300 LABELS "integration;${T_LABELS}"
    ENVIRONMENT "STIEL_BUILD_DIR=${PROJECT_BINARY_DIR};STIEL_SOURCE_DIR=${PROJECT_SOURCE_DIR};SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy")
endfunction()
