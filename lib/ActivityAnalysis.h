//===- ActivityAnalysis.h - which values carry derivatives -----*- C++ -*-===//
//
// Forward activity ("varied") analysis of one function body for one set of
// differentiation parameters. Only values that depend on those parameters
// get tangents; everything else is copied as it is.
//
// Variables are grouped into alias classes: a pointer or reference and the
// memory it may refer to share a class (`double *p = a;` joins p and a), so
// that storing a varied value through p makes a varied too. The analysis is
// flow-insensitive and iterated to a fixed point: cheap and conservative.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_ACTIVITYANALYSIS_H
#define FRECHET_ACTIVITYANALYSIS_H

#include "Diagnostics.h"
#include "RuleLookup.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallVector.h"

#include <vector>

namespace frechet {

class ActivityAnalysis {
public:
  /// \p Active marks the parameters of \p FD that have tangents.
  ActivityAnalysis(const clang::FunctionDecl *FD, std::vector<bool> Active,
                   RuleLookup &Rules);

  /// Runs to the fixed point.
  void run();

  /// Whether \p V (or anything that shares its storage) carries tangents.
  bool isVariedVar(const clang::VarDecl *V) const;

  /// Whether the value of \p E depends on the differentiation parameters.
  /// For pointers: whether the memory they point to carries tangents.
  bool isVaried(const clang::Expr *E) const;

  /// Whether the storage that lvalue (or pointer) \p E refers to carries
  /// tangents.
  bool isVariedStorage(const clang::Expr *E) const;

  /// The parameters of the callee that get tangents at \p CE.
  std::vector<bool> callMask(const clang::CallExpr *CE) const;

  /// Whether \p CE must call a derivative (it has tangents to pass, and a
  /// result or an output that carries them).
  bool isActiveCall(const clang::CallExpr *CE) const;

  /// Problems found (stores whose derivative would be lost).
  struct Problem {
    Diag D;
    clang::SourceLocation Loc;
    std::string Arg0, Arg1;
  };
  const std::vector<Problem> &problems() const { return Problems; }

  /// The variables whose storage \p E (an lvalue or pointer) may refer to.
  static void collectBases(const clang::Expr *E,
                           llvm::SmallVectorImpl<const clang::VarDecl *> &Out);

private:
  const clang::VarDecl *find(const clang::VarDecl *V) const;
  void unite(const clang::VarDecl *A, const clang::VarDecl *B,
             clang::SourceLocation Loc);
  void markVaried(const clang::VarDecl *V, clang::SourceLocation Loc);
  void markStorage(const clang::Expr *LHS, clang::SourceLocation Loc);
  void visit(const clang::Stmt *S);
  void visitVarDecl(const clang::VarDecl *VD);
  void visitCall(const clang::CallExpr *CE);
  bool anyArgVaried(const clang::CallExpr *CE) const;
  bool mentionsVaried(const clang::Expr *E) const;
  void collectProblems();

  const clang::FunctionDecl *FD;
  std::vector<bool> Active;
  RuleLookup &Rules;
  /// Union-find over variables, in the order they were met (diagnostics
  /// walk it, and must come out the same in every compilation).
  mutable llvm::MapVector<const clang::VarDecl *, const clang::VarDecl *>
      Parent;
  llvm::DenseMap<const clang::VarDecl *, clang::SourceLocation> VariedAt;
  bool Changed = false;
  std::vector<Problem> Problems;
};

} // namespace frechet

#endif
