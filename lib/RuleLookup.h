//===- RuleLookup.h - how a call is differentiated -------------*- C++ -*-===//
//
// A call to `g` is differentiated by a rule `frechet::rules::g_jvp` when one
// is declared (the runtime's <cmath> rules, or the user's own), otherwise by
// differentiating g's body when it is defined before the point of use.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_RULELOOKUP_H
#define FRECHET_RULELOOKUP_H

#include "Request.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"

#include <string>

namespace clang {
class Sema;
}

namespace frechet {

enum class CalleeKind {
  Rule,     ///< frechet::rules::<name>_<suffix> exists
  Body,     ///< a definition is available; generate its derivative
  NoBody,   ///< declared only (or defined later), no rule
  Template, ///< a template specialization without a rule
  Indirect, ///< through a function pointer
  Member,   ///< a member function or overloaded operator
};

struct Callee {
  CalleeKind Kind = CalleeKind::Indirect;
  const clang::FunctionDecl *Fn = nullptr; ///< the definition for Body
  std::string RuleName;                    ///< e.g. "sin_jvp"
  std::string Base;                        ///< the function's name, "sin"
};

class RuleLookup {
public:
  RuleLookup(clang::Sema &S, Mode M) : S(S), M(M) {}

  Callee classify(const clang::CallExpr *CE);

  /// Whether `frechet::jvp_result` is visible (the runtime header).
  bool hasRuntime();

  /// The rule's unqualified name for function name \p Fn ("sin_jvp").
  std::string ruleName(llvm::StringRef Fn) const;

  /// Whether `frechet::rules::<Name>` is declared.
  bool hasRule(llvm::StringRef Name);

private:
  clang::DeclContext *rulesNamespace();
  clang::DeclContext *lookupNamespace(clang::DeclContext *DC,
                                      llvm::StringRef Name);

  clang::Sema &S;
  Mode M;
  llvm::DenseMap<const clang::FunctionDecl *, Callee> Cache;
};

} // namespace frechet

#endif
