# raida_target_defaults(<target>): the warnings and sanitizers every Raida target builds with.
# Set per target, never through CMAKE_CXX_FLAGS, so third-party code keeps its own flags.
function(raida_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Werror)
  target_compile_definitions(${target} PRIVATE RAIDA_ASSETS_DIR="${RAIDA_ASSETS_DIR}")
  if(RAIDA_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined
      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
