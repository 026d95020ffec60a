# lit configuration for Frechet's tests.
#
# Substitutions:
#   %frechetxx  frechet++ (clang++ 19 + plugin + runtime), -std=c++17
#   %clangxx    plain clang++ 19
#   %plugin     path of the plugin module
#   %runtime_include, %runtime_libdir
#   %examples   the examples/ directory
#   %python     the Python running lit
#   %fuzzdir    tools/fuzz (the random-program tester and its oracles)
#   %frechet_build  the build directory (for tools/fuzz/frechet_fuzz.py)
#   %fuzz_flags     extra frechet_fuzz.py flags (sanitizers with -Dsanitize=1)
import os
import sys
import lit.formats

config.name = "Frechet"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "unit", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.frechet_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.frechet_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])

frechetxx = os.path.join(config.frechet_tools_dir, "frechet++") + " -std=c++17 -Wall -Wextra"
# lit -Dsanitize=1: every test program (generated code and runtime headers)
# runs under AddressSanitizer and UndefinedBehaviorSanitizer.
if lit_config.params.get("sanitize"):
    frechetxx += " -g -fsanitize=address,undefined -fno-sanitize-recover=all"
    config.available_features.add("sanitize")  # no vectorization remarks
    config.environment["ASAN_OPTIONS"] = "detect_leaks=1"
# A sanitizer-built plugin (cmake -DFRECHET_SANITIZE=ON) needs its runtimes
# preloaded into clang: frechet++ does it when FRECHET_PRELOAD is set, and
# %clangxx (which also loads the plugin, e.g. test/plugin/direct-clang.cpp)
# gets LD_PRELOAD itself. Leaks are not checked in clang (it frees nothing
# on purpose).
preload = os.environ.get("FRECHET_PRELOAD") or config.plugin_preload
clangxx = config.clangxx + " -std=c++17"
if preload:
    config.environment["FRECHET_PRELOAD"] = preload
    clangxx = ("env LD_PRELOAD=" + preload +
               " ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 " +
               clangxx)
config.substitutions.append(("%frechetxx", frechetxx))
if lit_config.params.get("sanitize"):
    clangxx += " -fsanitize=address,undefined -fno-sanitize-recover=all"
config.substitutions.append(("%clangxx", clangxx))
config.substitutions.append(("%plugin", config.frechet_plugin))
config.substitutions.append(("%runtime_include", config.runtime_include))
config.substitutions.append(("%runtime_libdir", config.runtime_libdir))
config.substitutions.append(("%examples", os.path.join(config.frechet_src_root, "examples")))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(
    ("%fuzzdir", os.path.join(config.frechet_src_root, "tools", "fuzz")))
config.substitutions.append(("%frechet_build", config.frechet_obj_root))
fuzz_flags = ""
if lit_config.params.get("sanitize"):
    fuzz_flags = "'--cxxflags=-g -fsanitize=address,undefined -fno-sanitize-recover=all'"
config.substitutions.append(("%fuzz_flags", fuzz_flags))
