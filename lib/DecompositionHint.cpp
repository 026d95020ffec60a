//===- DecompositionHint.cpp - a fix-it for Eigen factorization objects --===//
//
// `A.llt().solve(b)` and its relatives call Eigen's factorization classes,
// which have no derivative rules (differentiating through LLT's internals
// would be slower and less accurate than the matrix-calculus rule). The
// runtime has the same computations as functions with rules, which reuse
// their factorization in the reverse sweep: the error at such a call gets
// a note with the replacement as a fix-it (editors and clangd offer it).
//
//===----------------------------------------------------------------------===//

#include "DecompositionHint.h"

#include "Diagnostics.h"
#include "TypeClass.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace frechet {

namespace {

struct Replacement {
  std::string Text; // the replacement call
  const char *Why;  // what it assumes
};

std::string sourceText(const Expr *E, const SourceManager &SM,
                       const LangOptions &LO) {
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(E->getSourceRange()), SM, LO)
      .str();
}

std::optional<Replacement> replacementFor(const CXXMemberCallExpr *Call,
                                          const SourceManager &SM,
                                          const LangOptions &LO) {
  const auto *Factor = dyn_cast_or_null<CXXMemberCallExpr>(
      Call->getImplicitObjectArgument()->IgnoreImplicit());
  if (!Factor || !Factor->getMethodDecl() || !Call->getMethodDecl() ||
      Factor->getNumArgs() != 0)
    return std::nullopt;
  const Expr *A = Factor->getImplicitObjectArgument();
  if (!A || !isEigenDense(A->getType()))
    return std::nullopt;
  llvm::StringRef F = Factor->getMethodDecl()->getName();
  llvm::StringRef M = Call->getMethodDecl()->getName();
  bool Cholesky = F == "llt" || F == "ldlt";
  bool General = F == "lu" || F == "partialPivLu" || F == "fullPivLu" ||
                 F == "householderQr" || F == "colPivHouseholderQr" ||
                 F == "fullPivHouseholderQr" ||
                 F == "completeOrthogonalDecomposition";
  if (!Cholesky && !General)
    return std::nullopt;
  std::string AText = sourceText(A, SM, LO);
  const Expr *Bare = A->IgnoreImplicit();
  std::string AObject =
      isa<DeclRefExpr, ParenExpr, MemberExpr>(Bare) ? AText : "(" + AText + ")";
  if (M == "solve" && Call->getNumArgs() == 1)
    return Replacement{
        std::string(Cholesky ? "frechet::solve_spd(" : "frechet::solve(") +
            AText + ", " + sourceText(Call->getArg(0), SM, LO) + ")",
        Cholesky ? " for a symmetric positive definite matrix"
                 : " for a square invertible matrix"};
  if (M == "determinant" && Call->getNumArgs() == 0 && General)
    return Replacement{AObject + ".determinant()", ""};
  if (M == "inverse" && Call->getNumArgs() == 0 && General)
    return Replacement{AObject + ".inverse()", ""};
  return std::nullopt;
}

} // namespace

void noteDecompositionRule(DiagnosticsEngine &DE, const CallExpr *CE,
                           const SourceManager &SM, const LangOptions &LO) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(CE);
  if (!Call)
    return;
  std::optional<Replacement> R = replacementFor(Call, SM, LO);
  if (!R)
    return;
  report(DE, CE->getBeginLoc(), Diag::NoteDecompositionRule)
      << R->Text << R->Why
      << FixItHint::CreateReplacement(CE->getSourceRange(), R->Text);
}

} // namespace frechet
