//===- Generator.h - from a pragma'd function to derivative code -*- C++ -*-=//
//
// Turns the requests of the pragmas before one function into C++ source:
// the requested derivatives and those of every function they call. The
// plugin parses that source right after the function, so Clang type-checks
// the generated code exactly like the user's own, and what -dump shows is
// exactly what is compiled.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_GENERATOR_H
#define FRECHET_GENERATOR_H

#include "ActivityAnalysis.h"
#include "Diagnostics.h"
#include "DiffPlanner.h"
#include "ExprText.h"
#include "Request.h"
#include "RuleLookup.h"

#include "clang/AST/PrettyPrinter.h"
#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace clang {
class Sema;
class DiagnosticsEngine;
} // namespace clang

namespace frechet {

class Generator {
public:
  Generator(clang::Sema &S, DiffPlanner &Planner);

  /// The C++ text of the derivatives that \p Requests ask of \p FD (empty
  /// when there is nothing to add). Errors are reported as they are found.
  std::string run(const clang::FunctionDecl *FD,
                  llvm::ArrayRef<Request> Requests);

  /// The plan for differentiating a call to \p Fn from \p Caller.
  DiffPlan *requestCallee(const clang::FunctionDecl *Fn,
                          std::vector<bool> Active, const DiffPlan &Caller,
                          clang::SourceLocation CallLoc,
                          const std::vector<bool> &Fresh = {},
                          const std::vector<bool> &Restrict = {});

  /// After an error inside \p Plan: notes that say how it came to be
  /// differentiated (call sites, then the pragma).
  void noteContext(const DiffPlan &Plan);

  /// Reports \p D at \p Loc with \p Args, then the notes of noteContext.
  void fail(const DiffPlan &Plan, clang::SourceLocation Loc, Diag D,
            llvm::ArrayRef<std::string> Args);

  /// Reports why the call \p CE to \p C cannot be differentiated (no body
  /// and no rule, a template, a member, a function pointer).
  void reportUndifferentiable(const DiffPlan &Plan, const clang::CallExpr *CE,
                              const Callee &C, llvm::StringRef Rule);

  /// For a call that is not differentiated: reports a differentiated value
  /// that would escape into it through a pointer or reference parameter of a
  /// callee Frechet cannot see. Returns whether it did.
  bool reportEscape(const DiffPlan &Plan, const clang::CallExpr *CE,
                    const ActivityAnalysis &AA);

  clang::Sema &sema() { return S; }
  clang::DiagnosticsEngine &diags();
  RuleLookup &rules() { return Rules; }
  const clang::PrintingPolicy &policy() const { return Policy; }
  clang::PrinterHelper *printer() { return &Literals; }
  /// How a call names the generated function of \p Plan from here.
  std::string callName(const DiffPlan &Plan, const std::string &Name) const;

private:
  void completeSignature(const clang::FunctionDecl *FD);
  DiffPlan *planRoot(const clang::FunctionDecl *FD, const Request &R);
  std::optional<std::vector<bool>> wrtMask(const clang::FunctionDecl *FD,
                                           const Request &R);
  bool nameIsFree(llvm::StringRef Name, const clang::FunctionDecl *FD,
                  clang::SourceLocation Loc, bool Report);
  std::string freeName(const std::string &Base, const clang::FunctionDecl *FD,
                       clang::SourceLocation Loc);
  void nameSweeps(DiffPlan &Plan, const std::string &Base,
                  clang::SourceLocation Loc);

  clang::Sema &S;
  DiffPlanner &Planner;
  RuleLookup Rules;
  clang::PrintingPolicy Policy;
  LiteralPrinter Literals;
  std::vector<DiffPlan *> Queue;
  std::vector<DiffPlan *> EntryOnly; ///< built earlier, new entry points
  std::string Qualifier;             ///< of the namespace the code goes into
};

} // namespace frechet

#endif
