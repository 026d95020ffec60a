//===- ReverseFusedLoops.cpp - loops reversed one iteration at a time -----===//
//
// f_vjp and f_grad run f_fwd, then f_rev: every iteration of a loop tapes
// what its reverse reads, so the tape grows with the trip count. For the
// commonest loop of an objective, a sum of independent terms
//
//   double s = 0;
//   for (int i = 0; i < n; ++i) { ...locals of the iteration...; s += t; }
//   return ... + c * s + ...;   // s used linearly
//
// the adjoint of s is the same in every iteration of the reverse sweep, and
// it is known before the loop runs: d_ret times the derivative of the
// return value with respect to s. So the entry point reverses each
// iteration right after running it, and the tape holds one iteration at a
// time (a few kilobytes where it held megabytes, still in cache when it is
// read back).
//
// This is exact only if no value an iteration writes is read after that
// iteration, except s through `s += t`. The conditions, all checked here
// and conservative:
//  - the loop is a counted `for` at the top level of f's body, without
//    break, continue or return, and f's only return is its last statement;
//  - everything the loop writes is declared inside it (a new object in
//    every iteration), is s, or is a scalar declared outside it that only
//    the loop mentions and that each iteration assigns before anything
//    else mentions it; writes through pointers and references, and Eigen
//    objects, keep the loop out;
//  - s is a floating-point local that the loop mentions only in `s += e`
//    and `s -= e` (e not reading s), and that the reverse sweep never reads;
//  - after the loop, nothing writes what the loop reads (the adjoints the
//    iterations added to would be reset), nothing but the return mentions s,
//    and the return value is s times factors that nothing at or after the
//    loop writes, plus terms without s.
//
//===----------------------------------------------------------------------===//

#include "PrivateArrays.h"
#include "ReverseBuilder.h"

#include "TypeClass.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <cctype>
#include <functional>

using namespace clang;

namespace frechet {

namespace {

/// The named object whose storage \p E (an lvalue, or a pointer argument)
/// refers to: null when it goes through a pointer or a reference, or may
/// be one of several objects.
const VarDecl *storageRoot(const Expr *E) {
  llvm::SmallVector<const VarDecl *, 2> Bases;
  ActivityAnalysis::collectBases(E, Bases);
  if (Bases.size() != 1)
    return nullptr;
  const VarDecl *V = Bases.front();
  if (V->getType()->isReferenceType() || V->getType()->isPointerType() ||
      !V->hasLocalStorage() || isa<ParmVarDecl>(V))
    return nullptr;
  return V;
}

/// \p T in parentheses unless it is a name or a number.
std::string paren(const std::string &T) {
  for (char C : T)
    if (!isalnum(static_cast<unsigned char>(C)) && C != '_' && C != '.')
      return "(" + T + ")";
  return T;
}

bool mentionsVar(const Stmt *S, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return DRE->getDecl() == V;
  for (const Stmt *C : S->children())
    if (mentionsVar(C, V))
      return true;
  return false;
}

/// What a statement writes, by named object, and whether it writes
/// anything else (through a pointer or reference, or an Eigen object).
struct Writes {
  llvm::SmallPtrSet<const VarDecl *, 8> Roots;
  llvm::SmallPtrSet<const VarDecl *, 8> Declared; ///< declared inside
  /// `s += e` / `s -= e` on a named scalar: candidates for the sum.
  llvm::DenseMap<const VarDecl *, unsigned> SumUpdates;
  bool Unknown = false;

  void root(const Expr *E) {
    if (const VarDecl *V = storageRoot(E))
      Roots.insert(V);
    else
      Unknown = true;
  }

  void visit(const Stmt *S) {
    if (!S)
      return;
    if (isa<CXXMemberCallExpr, CXXOperatorCallExpr, LambdaExpr,
            CXXConstructExpr, CXXNewExpr, CXXDeleteExpr, GCCAsmStmt>(S))
      Unknown = true; // Eigen objects and the like: not worth the risk
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D)) {
          Declared.insert(V);
          if (V->getType()->isReferenceType() || V->isStaticLocal())
            Unknown = true;
        }
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp()) {
        root(BO->getLHS());
        const auto *DRE =
            dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
        if (DRE && (BO->getOpcode() == BO_AddAssign ||
                    BO->getOpcode() == BO_SubAssign))
          if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
            if (!mentionsVar(BO->getRHS(), V))
              ++SumUpdates[V];
      }
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(S))
      if (UO->isIncrementDecrementOp())
        root(UO->getSubExpr());
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = CE->getDirectCallee();
      if (!FD || FD->isVariadic())
        Unknown = true;
      for (unsigned I = 0; FD && I < CE->getNumArgs(); ++I) {
        QualType PT = I < FD->getNumParams() ? FD->getParamDecl(I)->getType()
                                             : CE->getArg(I)->getType();
        bool Mutable = false;
        if (PT->isPointerType() || PT->isReferenceType())
          Mutable = !PT->getPointeeType().isConstQualified();
        if (Mutable)
          root(CE->getArg(I));
      }
    }
    for (const Stmt *C : S->children())
      visit(C);
  }
};

} // namespace

void ReverseBuilder::findFusedLoops() {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Fn->getBody());
  if (!Body || Body->body_empty() || FunctionLevel.HasExits ||
      !Fn->getReturnType()->isRealFloatingType())
    return;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_back());
  if (!Ret || !Ret->getRetValue())
    return;
  llvm::ArrayRef<Stmt *> Top(Body->body_begin(), Body->body_end());

  for (size_t I = 0; I + 1 < Top.size(); ++I) {
    const auto *FS = dyn_cast<ForStmt>(Top[I]);
    if (!FS || !Levels.count(FS))
      continue;
    const Level &L = *Levels[FS];
    if (!L.Index || L.HasExits || FS->getConditionVariable())
      continue;
    Writes In;
    In.visit(FS);
    if (In.Unknown)
      continue;
    // Statements after the loop, the return included.
    Writes After;
    for (size_t J = I + 1; J < Top.size(); ++J)
      After.visit(Top[J]);
    if (After.Unknown)
      continue;

    // The sum: the one outside scalar the loop only adds to.
    const VarDecl *Sum = nullptr;
    bool Ok = true;
    for (const VarDecl *V : In.Roots) {
      // Declared inside, or an array each iteration (of the loop or of one
      // inside it) writes before it reads, and only the loop mentions.
      if (In.Declared.count(V) || privateWithin(V, FS))
        continue;
      if (!Locals.count(V) || V->getType()->isArrayType() ||
          !V->getType()->isArithmeticType()) {
        Ok = false;
        break;
      }
      auto It = In.SumUpdates.find(V);
      if (It != In.SumUpdates.end() && mentionCount(FS, V) == It->second &&
          V->getType()->isRealFloatingType() && !Sum) {
        Sum = V;
        continue;
      }
      // Otherwise a scratch scalar: only the loop mentions it (besides its
      // declaration), and each iteration assigns it before anything else
      // mentions it.
      bool Outside = false;
      for (size_t J = 0; J < Top.size(); ++J)
        if (J != I && mentionsVar(Top[J], V)) {
          const auto *DS = dyn_cast<DeclStmt>(Top[J]);
          bool OnlyDecl = DS && DS->isSingleDecl() && DS->getSingleDecl() == V;
          Outside |= !OnlyDecl;
        }
      const auto *LoopBody = dyn_cast<CompoundStmt>(FS->getBody());
      bool Killed = false;
      if (mentionsVar(FS->getInit(), V) || mentionsVar(FS->getCond(), V) ||
          mentionsVar(FS->getInc(), V))
        LoopBody = nullptr;
      if (LoopBody)
        for (const Stmt *S : LoopBody->body())
          if (mentionsVar(S, V)) {
            const auto *BO = dyn_cast<BinaryOperator>(S);
            const auto *DRE =
                BO ? dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens())
                   : nullptr;
            Killed = BO && BO->getOpcode() == BO_Assign && DRE &&
                     DRE->getDecl() == V && !mentionsVar(BO->getRHS(), V);
            break;
          }
      if (Outside || !Killed) {
        Ok = false;
        break;
      }
    }
    if (!Ok || !Sum || Reads.count(Sum) || !AA.isVariedVar(Sum))
      continue;

    // After the loop: no write to what the loop mentions, no mention of
    // the sum but in the return.
    for (const VarDecl *V : After.Roots)
      if (!Locals.count(V) || mentionsVar(FS, V))
        Ok = false;
    for (size_t J = I + 1; J + 1 < Top.size(); ++J)
      if (mentionsVar(Top[J], Sum))
        Ok = false;
    if (!Ok)
      continue;

    // The return value's derivative with respect to the sum. Factors must
    // have their final values before the loop.
    auto Stable = [&](const Expr *E) {
      bool Good = !E->HasSideEffects(ctx());
      std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
        if (!S || !Good)
          return;
        if (isa<CallExpr, ArraySubscriptExpr, MemberExpr>(S))
          Good = false;
        if (const auto *UO = dyn_cast<UnaryOperator>(S);
            UO && UO->getOpcode() == UO_Deref)
          Good = false;
        if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
          if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
            if (V->getType()->isReferenceType() || In.Roots.count(V) ||
                After.Roots.count(V) || After.Declared.count(V) ||
                (!V->hasLocalStorage() && !V->getType().isConstQualified()))
              Good = false;
        for (const Stmt *C : S->children())
          Visit(C);
      };
      Visit(E);
      return Good;
    };
    // Text of d(E)/d(Sum); "" for zero, nullopt if E is not linear in it.
    std::function<std::optional<std::string>(const Expr *)> Derivative =
        [&](const Expr *E) -> std::optional<std::string> {
      E = E->IgnoreParens();
      if (!mentionsVar(E, Sum))
        return std::string();
      if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E))
        return Derivative(ICE->getSubExpr());
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        return DRE->getDecl() == Sum ? std::optional<std::string>("1.0")
                                     : std::nullopt;
      if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
        std::optional<std::string> D = Derivative(UO->getSubExpr());
        if (UO->getOpcode() == UO_Plus)
          return D;
        if (UO->getOpcode() == UO_Minus && D)
          return D->empty() ? *D : "-" + paren(*D);
        return std::nullopt;
      }
      const auto *BO = dyn_cast<BinaryOperator>(E);
      if (!BO)
        return std::nullopt;
      const Expr *A = BO->getLHS(), *B = BO->getRHS();
      switch (BO->getOpcode()) {
      case BO_Add:
      case BO_Sub: {
        std::optional<std::string> DA = Derivative(A), DB = Derivative(B);
        if (!DA || !DB)
          return std::nullopt;
        if (DB->empty())
          return DA;
        bool Minus = BO->getOpcode() == BO_Sub;
        if (DA->empty())
          return Minus ? "-" + paren(*DB) : *DB;
        return *DA + (Minus ? " - " : " + ") + paren(*DB);
      }
      case BO_Mul: {
        if (mentionsVar(A, Sum) && mentionsVar(B, Sum))
          return std::nullopt;
        const Expr *Lin = mentionsVar(A, Sum) ? A : B;
        const Expr *Factor = Lin == A ? B : A;
        std::optional<std::string> D = Derivative(Lin);
        if (!D || !Stable(Factor))
          return std::nullopt;
        std::string F = paren(text(Factor).Text);
        return *D == "1.0" ? F : paren(*D) + " * " + F;
      }
      case BO_Div: {
        std::optional<std::string> D = Derivative(A);
        if (mentionsVar(B, Sum) || !D || !Stable(B))
          return std::nullopt;
        return paren(*D) + " / " + paren(text(B).Text);
      }
      default:
        return std::nullopt;
      }
    };
    std::optional<std::string> Coefficient = Derivative(Ret->getRetValue());
    if (!Coefficient || Coefficient->empty())
      continue;
    FusedLoops[FS] = FusedLoop{Sum, *Coefficient};
  }
}

} // namespace frechet
