# Compiles one benchmark kernel with clang++-19 (run by bench/CMakeLists.txt
# as `cmake -D... -P compile_kernel.cmake`):
#
#   CLANGXX   the compiler          SRC, OBJ  source and object file
#   FLAGS     compiler flags        INCLUDES  include directories
#             (both lists separated by '|')
#   PLUGIN    FrechetPlugin.so, for kernels that use #pragma frechet
#   STRICT    ON: a kernel the plugin cannot compile fails the build
#
# If the plugin cannot compile a kernel (a Frechet bug or limitation), the
# build does not stop unless STRICT: the compiler's output is printed as a
# warning and kept in OBJ.log, and the kernel is compiled again without the
# plugin with -DFRECHET_BENCH_STUB="OBJ.log", which turns it into a stub
# whose variant frechet-bench reports as unavailable (and exits with 3).
foreach(v CLANGXX SRC OBJ)
  if(NOT ${v})
    message(FATAL_ERROR "compile_kernel.cmake: ${v} is not set")
  endif()
endforeach()

string(REPLACE "|" ";" FLAGS "${FLAGS}")
string(REPLACE "|" ";" INCLUDES "${INCLUDES}")
set(inc_args)
foreach(dir IN LISTS INCLUDES)
  list(APPEND inc_args "-I${dir}")
endforeach()
set(plugin_args)
if(PLUGIN)
  set(plugin_args "-fplugin=${PLUGIN}")
endif()
get_filename_component(obj_dir "${OBJ}" DIRECTORY)
file(MAKE_DIRECTORY "${obj_dir}")
set(log "${OBJ}.log")

execute_process(
  COMMAND ${CLANGXX} ${FLAGS} ${plugin_args} ${inc_args} -c ${SRC} -o ${OBJ}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  if(NOT "${out}${err}" STREQUAL "")
    message("${out}${err}")
  endif()
  file(REMOVE "${log}")
  return()
endif()

string(JOIN " " cmd ${CLANGXX} ${FLAGS} ${plugin_args} ${inc_args} -c ${SRC}
       -o ${OBJ})
file(WRITE "${log}" "${cmd}\n\n${out}${err}")
if(NOT PLUGIN OR STRICT)
  message(FATAL_ERROR "compiling ${SRC} failed:\n${cmd}\n${out}${err}")
endif()
message(WARNING
  "frechet-bench: the Frechet plugin failed to compile ${SRC}; this variant "
  "is built as a stub that frechet-bench reports as unavailable. Compiler "
  "output (kept in ${log}):\n${out}${err}")
execute_process(
  COMMAND ${CLANGXX} ${FLAGS} ${inc_args} "-DFRECHET_BENCH_STUB=\"${log}\""
          -c ${SRC} -o ${OBJ}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compiling the stub of ${SRC} failed:\n${out}${err}")
endif()
