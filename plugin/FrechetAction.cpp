//===- FrechetAction.cpp - the plugin's entry point -----------------------===//
//
// Registers the "frechet" plugin action. It runs before the main action so
// that code generation sees the derivative functions the pragma handler adds
// while the file is parsed. The AST consumer only hands Sema to the session
// (the pragma handler needs it to read the function it differentiates) and
// writes -out at the end.
//
// Arguments: -fplugin-arg-frechet-dump, -fplugin-arg-frechet-out=<file>,
// -fplugin-arg-frechet-help.
//
//===----------------------------------------------------------------------===//
#include "Diagnostics.h"
#include "Session.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Sema/SemaConsumer.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace frechet {
namespace {

class FrechetConsumer : public SemaConsumer {
public:
  void InitializeSema(Sema &S) override {
    Session::get().beginTranslationUnit();
    Session::get().S = &S;
  }
  void ForgetSema() override { Session::get().S = nullptr; }
  void HandleTranslationUnit(ASTContext &Ctx) override {
    Session::get().finish(Ctx.getDiagnostics());
  }
};

class FrechetAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<FrechetConsumer>();
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    Session &S = Session::get();
    for (const std::string &Arg : Args) {
      StringRef A(Arg);
      if (A == "dump") {
        S.Dump = true;
      } else if (A.consume_front("out=")) {
        S.OutPath = A.str();
      } else if (A == "help") {
        llvm::errs()
            << "frechet plugin arguments:\n"
               "  -fplugin-arg-frechet-dump        print generated code to "
               "stderr\n"
               "  -fplugin-arg-frechet-out=<file>  write generated code to "
               "<file>\n";
      } else {
        report(CI.getDiagnostics(), SourceLocation(),
               Diag::UnknownPluginArgument)
            << Arg;
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace
} // namespace frechet

static clang::FrontendPluginRegistry::Add<frechet::FrechetAction>
    X("frechet", "generate derivatives of functions marked #pragma frechet");
