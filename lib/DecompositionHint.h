//===- DecompositionHint.h - a fix-it for Eigen factorization objects -*- C++
//-*-===//
#ifndef FRECHET_DECOMPOSITIONHINT_H
#define FRECHET_DECOMPOSITIONHINT_H

#include "clang/AST/Expr.h"
#include "clang/Basic/Diagnostic.h"

namespace frechet {

/// After an error at \p CE: if it calls a method of an Eigen factorization
/// object (`A.llt().solve(b)`, `A.lu().determinant()`), a note with the
/// runtime function or Eigen method that has a rule, as a fix-it.
void noteDecompositionRule(clang::DiagnosticsEngine &DE,
                           const clang::CallExpr *CE,
                           const clang::SourceManager &SM,
                           const clang::LangOptions &LO);

} // namespace frechet

#endif
