//===- PrivateArrays.cpp - arrays a loop iteration writes before it reads -===//
#include "PrivateArrays.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <algorithm>

using namespace clang;

namespace frechet {

namespace {

const VarDecl *refVar(const Expr *E) {
  const auto *DRE =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

/// Whether \p S may change \p V: assigns or increments it, takes its
/// address, passes it as an lvalue to a call, or captures it.
bool changes(const Stmt *S, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isAssignmentOp() && refVar(BO->getLHS()) == V &&
        !isa<ImplicitCastExpr>(BO->getLHS()->IgnoreParens()))
      return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    if ((UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf) &&
        refVar(UO->getSubExpr()) == V)
      return true;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    for (const Expr *A : CE->arguments())
      if (const auto *DRE = dyn_cast<DeclRefExpr>(A->IgnoreParens()))
        if (DRE->getDecl() == V)
          return true; // bound to a reference
  if (isa<LambdaExpr>(S) && mentionCount(S, V))
    return true;
  for (const Stmt *C : S->children())
    if (changes(C, V))
      return true;
  return false;
}

/// Whether \p S may leave the statement sequence it is in early.
bool exitsEarly(const Stmt *S, bool InLoop = false) {
  if (!S)
    return false;
  if (isa<ReturnStmt, GotoStmt, CXXThrowExpr, IndirectGotoStmt>(S))
    return true;
  if (isa<BreakStmt, ContinueStmt>(S))
    return !InLoop;
  bool Nested = InLoop || isa<ForStmt, WhileStmt, DoStmt, SwitchStmt>(S);
  for (const Stmt *C : S->children())
    if (exitsEarly(C, Nested))
      return true;
  return false;
}

/// The call a statement makes unconditionally as its outermost expression:
/// `g(...)`, `v = g(...)`, `v += g(...)`, `T v = g(...)`.
const CallExpr *statementCall(const Stmt *S) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    const auto *VD =
        DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
    return VD && VD->getInit()
               ? dyn_cast<CallExpr>(VD->getInit()->IgnoreImplicit())
               : nullptr;
  }
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return nullptr;
  E = E->IgnoreImplicit();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->isAssignmentOp())
      E = BO->getRHS()->IgnoreImplicit();
  return dyn_cast<CallExpr>(E);
}

} // namespace

llvm::SmallVector<const Stmt *, 8> statementsOf(const Stmt *Body) {
  llvm::SmallVector<const Stmt *, 8> Out;
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Body))
    Out.append(CS->body_begin(), CS->body_end());
  else if (Body)
    Out.push_back(Body);
  return Out;
}

unsigned mentionCount(const Stmt *S, const VarDecl *V) {
  if (!S)
    return 0;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return DRE->getDecl() == V;
  unsigned N = 0;
  for (const Stmt *C : S->children())
    N += mentionCount(C, V);
  return N;
}

bool PrivateArrays::unmodified(const FunctionDecl *Fn, const VarDecl *V) {
  if (!V || !V->getType()->isIntegerType() || V->getType()->isReferenceType() ||
      V->getType().isVolatileQualified() || V->getDeclContext() != Fn ||
      !Fn->hasBody())
    return false;
  auto [It, New] = Unmodified.try_emplace({Fn, V}, false);
  if (New)
    It->second = !changes(Fn->getBody(), V);
  return It->second;
}

std::optional<ExtentBound> PrivateArrays::boundOf(const FunctionDecl *Fn,
                                                  const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *IL = dyn_cast<IntegerLiteral>(E))
    return ExtentBound{nullptr, long(IL->getValue().getSExtValue())};
  if (const VarDecl *V = refVar(E))
    if (unmodified(Fn, V))
      return ExtentBound{V, 0};
  return std::nullopt;
}

/// Walks statements, checking every access to T against the use's bound.
struct PrivateArrays::Walk {
  PrivateArrays &PA;
  const FunctionDecl *Fn;
  const VarDecl *T;
  ArrayUse &U;
  Env Ranges;
  /// Inside the loop that writes T first: the elements written so far are
  /// those up to its index, so only T[i - c] may be read there.
  const VarDecl *OnlyIndex = nullptr;
  const CallExpr *LastCall = nullptr; ///< the last call T was passed to
  bool LastCovered = false;

  void bad() { U.K = ArrayUse::Bad; }

  void bound(const ExtentBound &B) {
    if (!U.HasBound) {
      U.HasBound = true;
      U.B = B;
    } else if (!(U.B == B)) {
      bad();
    }
  }

  std::optional<long> lowerOf(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *IL = dyn_cast<IntegerLiteral>(E))
      return long(IL->getValue().getSExtValue());
    if (const VarDecl *V = refVar(E)) {
      auto It = Ranges.find(V);
      if (It != Ranges.end())
        return It->second.Lo;
      return std::nullopt;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      if (BO->getOpcode() == BO_Add) {
        std::optional<long> A = lowerOf(BO->getLHS()),
                            B = lowerOf(BO->getRHS());
        if (A && B)
          return *A + *B;
      }
    return std::nullopt;
  }

  /// `for (int i = lo; i < hi; ++i)` with i not written in the body.
  const VarDecl *counted(const ForStmt *FS, Range &R) const {
    const VarDecl *I = nullptr;
    const Expr *Init = nullptr;
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(FS->getInit())) {
      if (DS->isSingleDecl())
        if ((I = dyn_cast<VarDecl>(DS->getSingleDecl())))
          Init = I->getInit();
    } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(
                   FS->getInit() ? dyn_cast<Expr>(FS->getInit()) : nullptr)) {
      if (BO->getOpcode() == BO_Assign) {
        I = refVar(BO->getLHS());
        Init = BO->getRHS();
      }
    }
    if (!I || !Init || !I->getType()->isIntegerType())
      return nullptr;
    const auto *Cond = dyn_cast_or_null<BinaryOperator>(FS->getCond());
    if (!Cond || Cond->getOpcode() != BO_LT || refVar(Cond->getLHS()) != I)
      return nullptr;
    const auto *Inc = dyn_cast_or_null<UnaryOperator>(FS->getInc());
    if (!Inc || !Inc->isIncrementOp() || refVar(Inc->getSubExpr()) != I ||
        changes(FS->getBody(), I))
      return nullptr;
    std::optional<long> Lo = lowerOf(Init);
    std::optional<ExtentBound> Hi = PA.boundOf(Fn, Cond->getRHS());
    if (!Lo || !Hi)
      return nullptr;
    R = {*Lo, *Hi};
    return I;
  }

  void index(const Expr *Idx) {
    Idx = Idx->IgnoreParenImpCasts();
    if (const auto *IL = dyn_cast<IntegerLiteral>(Idx)) {
      long C = long(IL->getValue().getSExtValue());
      if (C < 0)
        bad();
      U.MaxConstant = std::max(U.MaxConstant, C);
      return;
    }
    // i, or i - c (c >= 0): below i's bound; at least 0 if i's start is c.
    long Offset = 0;
    if (const auto *BO = dyn_cast<BinaryOperator>(Idx))
      if (BO->getOpcode() == BO_Sub)
        if (const auto *IL =
                dyn_cast<IntegerLiteral>(BO->getRHS()->IgnoreParenImpCasts())) {
          Offset = long(IL->getValue().getSExtValue());
          Idx = BO->getLHS()->IgnoreParenImpCasts();
        }
    const VarDecl *V = refVar(Idx);
    auto It = V ? Ranges.find(V) : Ranges.end();
    if (It == Ranges.end() || Offset < 0 || It->second.Lo - Offset < 0 ||
        (OnlyIndex && V != OnlyIndex)) {
      bad();
      return;
    }
    bound(It->second.Hi);
  }

  void callArg(const CallExpr *CE, unsigned I) {
    const FunctionDecl *FD = CE->getDirectCallee();
    const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
    unsigned Uses = 0;
    for (const Expr *A : CE->arguments())
      Uses += refVar(A) == T;
    if (!Def || I >= Def->getNumParams() || Def->isVariadic() || Uses != 1 ||
        OnlyIndex) {
      bad();
      return;
    }
    ArrayUse PU = PA.paramUse(Def, I);
    if (PU.K == ArrayUse::Bad) {
      bad();
      return;
    }
    U.MaxConstant = std::max(U.MaxConstant, PU.MaxConstant);
    if (PU.HasBound) {
      std::optional<ExtentBound> Mapped;
      if (!PU.B.V)
        Mapped = PU.B;
      else if (const auto *P = dyn_cast<ParmVarDecl>(PU.B.V);
               P && P->getFunctionScopeIndex() < CE->getNumArgs())
        Mapped = PA.boundOf(Fn, CE->getArg(P->getFunctionScopeIndex()));
      if (!Mapped) {
        bad();
        return;
      }
      bound(*Mapped);
    }
    LastCall = CE;
    LastCovered = PU.K == ArrayUse::Covered;
  }

  void visit(const Stmt *S) {
    if (!S || U.K == ArrayUse::Bad)
      return;
    if (const auto *FS = dyn_cast<ForStmt>(S)) {
      Range R;
      const VarDecl *I = counted(FS, R);
      visit(FS->getInit());
      if (I)
        Ranges[I] = R;
      visit(FS->getCond());
      visit(FS->getInc());
      visit(FS->getBody());
      if (I)
        Ranges.erase(I);
      return;
    }
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(S))
      if (refVar(ASE->getBase()) == T) {
        index(ASE->getIdx());
        visit(ASE->getIdx());
        return;
      }
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      visit(CE->getCallee());
      for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
        if (refVar(CE->getArg(I)) == T)
          callArg(CE, I);
        else
          visit(CE->getArg(I));
      }
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (DRE->getDecl() == T) {
        bad(); // anything but an element access or a call argument
        return;
      }
    for (const Stmt *C : S->children())
      visit(C);
  }

  /// `for (int i = 0; i < b; ++i) { ...; T[i] = e; ... }` with no exit:
  /// writes all of [0, b) before the rest of the loop reads any of it.
  bool coveringLoop(const Stmt *S) {
    const auto *FS = dyn_cast<ForStmt>(S);
    Range R;
    const VarDecl *I = FS ? counted(FS, R) : nullptr;
    if (!I || R.Lo != 0 || exitsEarly(FS->getBody()) ||
        mentionCount(FS->getInit(), T) || mentionCount(FS->getCond(), T) ||
        mentionCount(FS->getInc(), T))
      return false;
    llvm::SmallVector<const Stmt *, 8> Body = statementsOf(FS->getBody());
    size_t First = 0;
    while (First < Body.size() && !mentionCount(Body[First], T))
      ++First;
    if (First == Body.size())
      return false;
    const auto *BO = dyn_cast<BinaryOperator>(Body[First]);
    const auto *ASE =
        BO ? dyn_cast<ArraySubscriptExpr>(BO->getLHS()->IgnoreParens())
           : nullptr;
    if (!BO || BO->getOpcode() != BO_Assign || !ASE ||
        refVar(ASE->getBase()) != T || refVar(ASE->getIdx()) != I ||
        mentionCount(BO->getRHS(), T))
      return false;
    U.K = ArrayUse::Covered;
    U.CoveringLHS = BO->getLHS();
    bound(R.Hi);
    Ranges[I] = R;
    OnlyIndex = I;
    for (size_t J = First + 1; J < Body.size(); ++J)
      visit(Body[J]);
    OnlyIndex = nullptr;
    Ranges.erase(I);
    return true;
  }
};

ArrayUse PrivateArrays::analyze(const FunctionDecl *Fn,
                                llvm::ArrayRef<const Stmt *> Stmts,
                                const VarDecl *T) {
  ArrayUse U;
  Walk W{*this, Fn, T, U, Env()};
  bool EarlyExit = false;
  for (const Stmt *S : Stmts) {
    if (mentionCount(S, T)) {
      if (U.K == ArrayUse::Unused) {
        if (EarlyExit) // may skip the write that follows
          U.K = ArrayUse::Within;
        else if (W.coveringLoop(S))
          continue;
        else
          U.K = ArrayUse::Within;
        W.LastCall = nullptr;
        W.visit(S);
        const CallExpr *CE = statementCall(S);
        if (U.K != ArrayUse::Bad && !EarlyExit && CE && W.LastCall == CE &&
            W.LastCovered && mentionCount(S, T) == 1) {
          U.K = ArrayUse::Covered;
          U.CoveringCall = CE;
        }
      } else {
        W.visit(S);
      }
      if (U.K == ArrayUse::Bad)
        return U;
    }
    EarlyExit |= exitsEarly(S);
  }
  return U;
}

ArrayUse PrivateArrays::paramUse(const FunctionDecl *Callee, unsigned I) {
  auto Key = std::make_pair(Callee->getCanonicalDecl(), I);
  if (auto It = Memo.find(Key); It != Memo.end())
    return It->second;
  ArrayUse U;
  U.K = ArrayUse::Bad;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Callee->getBody());
  const ParmVarDecl *P = Callee->getParamDecl(I);
  QualType PT = P->getType();
  if (Body && PT->isPointerType() && PT->getPointeeType()->isArithmeticType() &&
      Active.insert(Callee).second) {
    llvm::SmallVector<const Stmt *, 16> Stmts(Body->body_begin(),
                                              Body->body_end());
    U = analyze(Callee, Stmts, P);
    Active.erase(Callee);
  }
  Memo[Key] = U;
  return U;
}

} // namespace frechet
