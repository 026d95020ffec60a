//===- Session.h - Frechet's state for one compilation ---------*- C++ -*-===//
//
// The pragma handler and the AST consumer are created separately by Clang's
// plugin registries; they meet here. One clang -cc1 process compiles one
// translation unit, so one session per process is enough.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_SESSION_H
#define FRECHET_SESSION_H

#include "DiffPlanner.h"
#include "Request.h"

#include "clang/Basic/SourceLocation.h"

#include <map>
#include <string>
#include <vector>

namespace clang {
class DiagnosticsEngine;
class Sema;
} // namespace clang

namespace frechet {

/// A function definition that one or more pragmas precede, waiting for the
/// parser to finish it.
struct PendingFunction {
  std::vector<Request> Requests;
  clang::SourceLocation RBraceLoc; ///< the closing brace of its body
};

class Session {
public:
  static Session &get();

  /// Forgets what an earlier translation unit compiled by the same process
  /// left behind (pending pragmas, plans, generated code); the plugin
  /// arguments stay. Called when a translation unit's Sema is created.
  void beginTranslationUnit();

  // Plugin arguments.
  bool Dump = false;
  std::string OutPath;

  /// Set by the AST consumer; null when no AST is built (e.g. -E).
  clang::Sema *S = nullptr;

  unsigned addPending(PendingFunction F);
  /// Removes and returns the pending function \p Id, if there is one.
  std::optional<PendingFunction> takePending(unsigned Id);

  DiffPlanner &planner() { return Planner; }

  /// Records generated code for -dump and -out.
  void publish(llvm::StringRef Code);
  /// Writes the -out file at the end of the translation unit.
  void finish(clang::DiagnosticsEngine &DE);

private:
  std::map<unsigned, PendingFunction> Pending;
  unsigned NextId = 1;
  DiffPlanner Planner;
  std::string AllCode;
};

} // namespace frechet

#endif
