# folio_target_warnings(<target>): warnings for folio's own code only; third-party targets keep
# their own flags (yaml-cpp's -Wshadow noise would otherwise break FOLIO_WERROR builds).
function(folio_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(FOLIO_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
