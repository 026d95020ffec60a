//===- Unsupported.cpp - constructs no mode differentiates yet ------------===//
#include "Unsupported.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace frechet {

const char *unsupportedConstruct(const Stmt *S) {
  if (isa<GotoStmt>(S) || isa<IndirectGotoStmt>(S))
    return "'goto'";
  if (isa<CXXTryStmt>(S) || isa<SEHTryStmt>(S))
    return "a try block";
  if (isa<AsmStmt>(S))
    return "inline assembly";
  if (isa<CoroutineBodyStmt>(S) || isa<CoreturnStmt>(S) ||
      isa<CoroutineSuspendExpr>(S))
    return "a coroutine";
  if (isa<LambdaExpr>(S))
    return "a lambda expression";
  if (isa<StmtExpr>(S))
    return "a statement expression";
  if (isa<CXXForRangeStmt>(S))
    return "a range-based for loop (use an index loop)";
  if (isa<BinaryConditionalOperator>(S))
    return "the GNU '?:' operator";
  if (const auto *IS = dyn_cast<IfStmt>(S))
    if (IS->isConsteval()) // it has no condition
      return "'if consteval'";
  // Complex numbers and vector extensions carry derivatives that no mode
  // tracks: a value stored into them would lose its derivative silently.
  auto Untracked = [](QualType T) -> const char * {
    if (T->isAnyComplexType())
      return "a complex number";
    if (T->isVectorType())
      return "a vector type";
    return nullptr;
  };
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls()) {
      if (isa<DecompositionDecl>(D))
        return "a structured binding";
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        if (VD->getType()->isVariablyModifiedType())
          return "a variable-length array";
        if (const char *What = Untracked(VD->getType()))
          return What;
      }
    }
  if (const auto *E = dyn_cast<Expr>(S))
    if (const char *What = Untracked(E->getType()))
      return What;
  return nullptr;
}

} // namespace frechet
