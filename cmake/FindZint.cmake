# FindZint: Debian's zint 2.11 ships no pkg-config file, so find the header and library by hand
# and offer them as the imported target Zint::Zint.
find_path(Zint_INCLUDE_DIR NAMES zint.h)
find_library(Zint_LIBRARY NAMES zint)
if(Zint_INCLUDE_DIR AND EXISTS "${Zint_INCLUDE_DIR}/zint.h")
  file(STRINGS "${Zint_INCLUDE_DIR}/zint.h" _zint_ver REGEX "#define ZINT_VERSION_(MAJOR|MINOR|RELEASE)")
  string(REGEX REPLACE ".*MAJOR[ \t]+([0-9]+).*" "\\1" _maj "${_zint_ver}")
  string(REGEX REPLACE ".*MINOR[ \t]+([0-9]+).*" "\\1" _min "${_zint_ver}")
  string(REGEX REPLACE ".*RELEASE[ \t]+([0-9]+).*" "\\1" _rel "${_zint_ver}")
  set(Zint_VERSION "${_maj}.${_min}.${_rel}")
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Zint REQUIRED_VARS Zint_LIBRARY Zint_INCLUDE_DIR VERSION_VAR Zint_VERSION)
if(Zint_FOUND AND NOT TARGET Zint::Zint)
  add_library(Zint::Zint UNKNOWN IMPORTED)
  set_target_properties(Zint::Zint PROPERTIES
    IMPORTED_LOCATION "${Zint_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Zint_INCLUDE_DIR}")
endif()
mark_as_advanced(Zint_INCLUDE_DIR Zint_LIBRARY)
