//===- FrechetFuzzer.cpp - libFuzzer targets for the plugin ---------------===//
//
// Two targets, chosen by FRECHET_FUZZ_PRAGMA at compile time (see
// tools/fuzz/CMakeLists.txt and scripts/fuzz.sh):
//
//  frechet-fuzz-pragma  the input is the rest of a '#pragma frechet' line,
//                       followed by a few fixed function definitions;
//  frechet-fuzz-tu      the input is a whole translation unit.
//
// Each input is compiled in memory, in this process, by Clang's
// -fsyntax-only with the plugin's pragma handler and action linked in
// (they register themselves in Clang's plugin registries, as when the
// plugin is loaded by clang). The runtime headers come from a precompiled
// header made once at start-up. Besides crashes, sanitizer reports and
// hangs, an error located in generated code ('<frechet: derivatives of f>')
// is a finding: the plugin must never emit code that does not compile.
//
//===----------------------------------------------------------------------===//
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace clang;

namespace {

/// Notes an error inside generated code, the plugin's fault unless Clang
/// had already found an error in the input (then generated code may refer
/// to declarations that Clang repaired, e.g. a rule that lost a parameter).
class GeneratedCodeErrors : public DiagnosticConsumer {
  bool Verbose = std::getenv("FRECHET_FUZZ_VERBOSE") != nullptr;

public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Verbose && Level >= DiagnosticsEngine::Warning) {
      llvm::SmallString<256> Msg;
      Info.FormatDiagnostic(Msg);
      std::string Where = "?";
      if (Info.hasSourceManager() && Info.getLocation().isValid())
        Where = Info.getLocation().printToString(Info.getSourceManager());
      llvm::errs() << Where << ": "
                   << (Level >= DiagnosticsEngine::Error ? "error: "
                                                         : "warning: ")
                   << Msg << "\n";
    }
    if (Level < DiagnosticsEngine::Error || !Info.hasSourceManager() ||
        !Info.getLocation().isValid())
      return;
    const SourceManager &SM = Info.getSourceManager();
    PresumedLoc PL = SM.getPresumedLoc(SM.getExpansionLoc(Info.getLocation()));
    bool Generated =
        PL.isValid() &&
        llvm::StringRef(PL.getFilename()).starts_with("<frechet: derivatives");
    // Frechet's own diagnostics have custom IDs; Clang's do not.
    bool Custom = Info.getID() >= diag::DIAG_UPPER_LIMIT;
    if (!Generated && !Custom)
      InputHadErrors = true;
    if (!Generated || InputHadErrors)
      return;
    llvm::SmallString<256> Msg;
    Info.FormatDiagnostic(Msg);
    llvm::errs() << "frechet-fuzz: error in generated code: "
                 << PL.getFilename() << ":" << PL.getLine() << ": " << Msg
                 << "\n";
    Found = true;
  }

  bool Found = false;
  bool InputHadErrors = false;
};

/// Keeps the input that made generated code fail to compile, as libFuzzer
/// keeps crashing inputs, in $FRECHET_FUZZ_ARTIFACTS (default: the current
/// directory), then stops.
[[noreturn]] void reportGeneratedError(const uint8_t *Data, size_t Size) {
  std::string Dir = ".";
  if (const char *D = std::getenv("FRECHET_FUZZ_ARTIFACTS"))
    Dir = D;
  char Name[64];
  std::snprintf(
      Name, sizeof Name, "/generated-error-%016llx",
      static_cast<unsigned long long>(llvm::hash_value(
          llvm::StringRef(reinterpret_cast<const char *>(Data), Size))));
  std::string Path = Dir + Name;
  if (FILE *F = std::fopen(Path.c_str(), "wb")) {
    std::fwrite(Data, 1, Size, F);
    std::fclose(F);
    llvm::errs() << "frechet-fuzz: input saved as " << Path << "\n";
  }
  std::abort();
}

std::string PCHPath;
/// The precompiled header's source; every run sees it, so that the PCH's
/// reference to it stays valid.
const char *Prelude = "#include <frechet/frechet.h>\n#include <cmath>\n";
std::string RuntimeInclude = FRECHET_RUNTIME_INCLUDE;

std::vector<std::string> commandLine(bool UsePCH) {
  std::vector<std::string> Args = {"clang++",
                                   "-std=c++17",
                                   "-w",
                                   "-ferror-limit=0",
                                   "-I" + RuntimeInclude,
                                   "-resource-dir",
                                   FRECHET_CLANG_RESOURCE_DIR};
  if (UsePCH) {
    Args.push_back("-fsyntax-only");
    Args.push_back("-include-pch");
    Args.push_back(PCHPath);
  }
  return Args;
}

/// Runs \p Action on \p Code as the file \p Name.
bool runOn(std::unique_ptr<FrontendAction> Action, llvm::StringRef Code,
           std::vector<std::string> Args, DiagnosticConsumer *Diags,
           llvm::StringRef Name = "/fuzz/input.cpp") {
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Mem(
      new llvm::vfs::InMemoryFileSystem);
  FS->pushOverlay(Mem);
  Mem->addFile("/fuzz/prelude.h", 0, llvm::MemoryBuffer::getMemBuffer(Prelude));
  if (Name != "/fuzz/prelude.h")
    Mem->addFile(Name, 0, llvm::MemoryBuffer::getMemBufferCopy(Code));
  llvm::IntrusiveRefCntPtr<FileManager> Files(
      new FileManager(FileSystemOptions(), FS));
  Args.push_back(Name.str());
  tooling::ToolInvocation Invocation(std::move(Args), std::move(Action),
                                     Files.get());
  if (Diags)
    Invocation.setDiagnosticConsumer(Diags);
  return Invocation.run();
}

void makePCH() {
  llvm::SmallString<128> Path;
  llvm::sys::fs::createTemporaryFile("frechet-fuzz", "pch", Path);
  PCHPath = std::string(Path);
  std::vector<std::string> Args = commandLine(false);
  Args.push_back("-xc++-header");
  Args.push_back("-o");
  Args.push_back(PCHPath);
  IgnoringDiagConsumer Quiet;
  if (!runOn(std::make_unique<GeneratePCHAction>(), Prelude, Args, &Quiet,
             "/fuzz/prelude.h")) {
    llvm::errs() << "frechet-fuzz: cannot build the runtime PCH\n";
    std::exit(1);
  }
}

#ifdef FRECHET_FUZZ_PRAGMA
/// The pragma's line, then functions whose parameter names a wrt(...)
/// clause can mention.
std::string sourceFor(const uint8_t *Data, size_t Size) {
  std::string Line(reinterpret_cast<const char *>(Data),
                   Size < 256 ? Size : 256);
  for (char &C : Line)
    if (C == '\n' || C == '\r' || C == '\\' || C == '\0')
      C = ' ';
  return "#pragma frechet " + Line +
         "\n"
         "double f(double x, double y, const double *a, double *out, int n) {\n"
         "  double s = x * y;\n"
         "  for (int i = 0; i < n; ++i)\n"
         "    s += a[i] * std::sin(x);\n"
         "  out[0] = s;\n"
         "  return s / (1 + y * y);\n"
         "}\n"
         "#pragma frechet forward\n"
         "double g(double x) { return f(x, x, &x, &x, 1); }\n";
}
#else
std::string sourceFor(const uint8_t *Data, size_t Size) {
  return std::string(reinterpret_cast<const char *>(Data), Size);
}
#endif

} // namespace

// LLVM's allocators poison and unpoison their slabs when compiled with ASan:
// in this program only our code is, libclang-cpp is not, so its allocations
// from slabs our inlined code poisoned would look poisoned. Leaks: Clang
// frees lazily by design.
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0:detect_leaks=0";
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  if (const char *Dir = std::getenv("FRECHET_RUNTIME_INCLUDE"))
    RuntimeInclude = Dir;
  makePCH();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  GeneratedCodeErrors Diags;
  runOn(std::make_unique<SyntaxOnlyAction>(), sourceFor(Data, Size),
        commandLine(true), &Diags);
  if (Diags.Found)
    reportGeneratedError(Data, Size);
  return 0;
}
