//===- PrivateArrays.h - arrays a loop iteration writes before it reads -*-===//
//
// A work array that every iteration of a loop writes before it reads it,
// and that nothing outside the loop mentions, carries no value from one
// iteration to the next:
//
//   double xc[64], qx[64];
//   for (int k = 0; k < K; ++k) {
//     subtract(d, x, &mu[k * d], xc);   // writes xc[0..d)
//     qtimesx(d, &l[k * m], xc, qx);    // reads xc[0..d), writes qx[0..d)
//     s += sqnorm(d, qx);               // reads qx[0..d)
//   }
//
// The reverse sweep can then give each iteration its own copy, in a tape
// block with one stretch of d elements per iteration, instead of saving
// and restoring the array around every write. This file decides which
// arrays qualify, from the AST only: the elements an access touches are
// told by loop indices whose range is known (`for (int i = lo; i < n;
// ++i)`, i not written in the body, n a variable nothing writes or a
// constant), through calls to functions whose bodies are analyzed the
// same way (with the bound mapped through the call's arguments).
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_PRIVATEARRAYS_H
#define FRECHET_PRIVATEARRAYS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <map>
#include <utility>

namespace frechet {

/// The end of the index range [0, B) that an iteration touches: a variable
/// that nothing in its function writes, or a constant.
struct ExtentBound {
  const clang::VarDecl *V = nullptr; ///< null: the constant C
  long C = 0;
  bool operator==(const ExtentBound &O) const { return V == O.V && C == O.C; }
};

/// How a sequence of statements uses one array (or pointer parameter).
struct ArrayUse {
  enum Kind {
    Unused,  ///< not mentioned
    Within,  ///< every access is in [0, B)
    Covered, ///< its first access writes all of [0, B); every access is there
    Bad      ///< anything else (escapes, unknown indices, other bounds)
  } K = Unused;
  ExtentBound B;
  bool HasBound = false;
  long MaxConstant = -1; ///< the largest constant index accessed (B > it)
  /// What wrote [0, B) first: an element assignment in a loop, or a call
  /// that gets the array.
  const clang::Expr *CoveringLHS = nullptr;
  const clang::CallExpr *CoveringCall = nullptr;
};

/// How many times \p S names \p V.
unsigned mentionCount(const clang::Stmt *S, const clang::VarDecl *V);

/// The statements of a loop's body in order (the body itself if it is not
/// a compound statement).
llvm::SmallVector<const clang::Stmt *, 8> statementsOf(const clang::Stmt *Body);

class PrivateArrays {
public:
  /// How the statements \p Stmts of \p Fn use \p T.
  ArrayUse analyze(const clang::FunctionDecl *Fn,
                   llvm::ArrayRef<const clang::Stmt *> Stmts,
                   const clang::VarDecl *T);

  /// How the body of \p Callee uses its pointer parameter \p I (memoized).
  ArrayUse paramUse(const clang::FunctionDecl *Callee, unsigned I);

  /// Whether nothing in \p Fn's body changes \p V after its declaration.
  bool unmodified(const clang::FunctionDecl *Fn, const clang::VarDecl *V);

  /// \p E as a bound of \p Fn: an integer constant, or a variable that
  /// nothing in \p Fn writes.
  std::optional<ExtentBound> boundOf(const clang::FunctionDecl *Fn,
                                     const clang::Expr *E);

private:
  struct Range {
    long Lo;
    ExtentBound Hi;
  };
  using Env = llvm::DenseMap<const clang::VarDecl *, Range>;
  struct Walk;

  std::map<std::pair<const clang::FunctionDecl *, unsigned>, ArrayUse> Memo;
  llvm::DenseSet<const clang::FunctionDecl *> Active; ///< being analyzed
  std::map<std::pair<const clang::FunctionDecl *, const clang::VarDecl *>, bool>
      Unmodified;
};

} // namespace frechet

#endif
