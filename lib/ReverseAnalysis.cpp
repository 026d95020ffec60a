//===- ReverseAnalysis.cpp - what reverse mode tapes ----------------------===//
//
// The reverse sweep reads primal values: operands of products, quotients
// and library calls, indices, pointer offsets, call arguments. A variable it
// reads must hold, when the reverse sweep reaches a statement, the value it
// had when the statement ran. Variables that are never overwritten are read
// directly; those that are (assigned again, or declared in a loop) are
// pushed before each overwrite and restored at the mirrored point. Indices
// of counted loops are recomputed instead.
//
//===----------------------------------------------------------------------===//
#include "PrivateArrays.h"
#include "ReverseBuilder.h"

#include "EigenExpr.h"
#include "Generator.h"
#include "TypeClass.h"
#include "Unsupported.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <functional>

using namespace clang;

namespace frechet {

/// Every variable that \p E mentions (the reverse sweep evaluates \p E).
void ReverseBuilder::readAll(const Expr *E) {
  if (!E)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      noteRead(VD);
  if (const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenImpCasts()))
    if (CallTemps.count(CE)) {
      ReadTemps.insert(CE);
      return; // the call is a temporary in the reverse sweep
    }
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      readAll(CE);
}

bool ReverseBuilder::hasCallTemp(const Stmt *S) const {
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (CallTemps.count(CE))
      return true;
  for (const Stmt *C : S->children())
    if (C && hasCallTemp(C))
      return true;
  return false;
}

/// What the reverse sweep reads to find the adjoint of the storage that
/// pointer (or array) expression \p E designates: indices and offsets, and
/// pointer variables (d_B + (p - B)), but not the arrays themselves.
void ReverseBuilder::readPointer(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (!isa<ParmVarDecl>(VD) && VD->getType()->isPointerType())
        noteRead(VD);
    return;
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    readAll(ASE->getIdx());
    return readPointer(ASE->getBase());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    const Expr *P = BO->getLHS(), *N = BO->getRHS();
    if (!P->getType()->isPointerType() && !P->getType()->isArrayType())
      std::swap(P, N);
    readAll(N);
    return readPointer(P);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      return readPointer(UO->getSubExpr());
  readAll(E);
}

/// What the adjoint statements of an active expression \p E read.
void ReverseBuilder::collectReads(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *FE = dyn_cast<FullExpr>(E))
    return collectReads(FE->getSubExpr());
  if (std::optional<EigenOp> Op = matchEigen(E);
      Op && Op->Kind != EigenOpKind::Leaf) {
    const auto *CE = dyn_cast<CallExpr>(Op->E);
    if (!CE || !CallTemps.count(CE))
      return collectEigenReads(*Op);
    E = CE;
  }
  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return collectReads(Cast->getSubExpr());
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (CallTemps.count(CE)) {
      for (const Expr *A : CE->arguments())
        readAll(A);
      return;
    }
    for (const Expr *A : CE->arguments()) {
      readAll(A);
      if (AA.isVaried(A))
        collectReads(A);
    }
    return;
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    readAll(ASE->getIdx());
    readPointer(ASE->getBase());
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Deref)
      return readPointer(UO->getSubExpr());
    return collectReads(UO->getSubExpr());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    const Expr *L = BO->getLHS(), *R = BO->getRHS();
    switch (BO->getOpcode()) {
    case BO_Mul:
      if (AA.isVaried(R))
        readAll(L);
      if (AA.isVaried(L))
        readAll(R);
      break;
    case BO_Div:
      readAll(R);
      if (AA.isVaried(R))
        readAll(L);
      break;
    case BO_Add:
    case BO_Sub:
      break;
    default:
      readAll(E);
      return;
    }
    if (AA.isVaried(L))
      collectReads(L);
    if (AA.isVaried(R))
      collectReads(R);
    return;
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    readAll(CO->getCond());
    collectReads(CO->getTrueExpr());
    collectReads(CO->getFalseExpr());
    return;
  }
  if (isa<DeclRefExpr>(E) || isa<FloatingLiteral>(E) || isa<IntegerLiteral>(E))
    return;
  readAll(E);
}

/// The arguments of a direct call whose parameter's type satisfies \p Want;
/// none for a member function unless \p Methods.
static std::vector<const Expr *>
argumentsWhere(const CallExpr *CE, bool Methods,
               llvm::function_ref<bool(QualType)> Want) {
  std::vector<const Expr *> Out;
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || (!Methods && isa<CXXMethodDecl>(Callee)))
    return Out;
  for (unsigned I = 0; I < CE->getNumArgs() && I < Callee->getNumParams(); ++I)
    if (Want(Callee->getParamDecl(I)->getType()))
      Out.push_back(CE->getArg(I));
  return Out;
}

std::vector<const Expr *> ReverseBuilder::referenceOutputs(const CallExpr *CE) {
  return argumentsWhere(CE, false, [](QualType PT) {
    return PT->isLValueReferenceType() && pointsToMutable(PT) &&
           PT.getNonReferenceType()->isArithmeticType();
  });
}

std::vector<const Expr *> ReverseBuilder::pointerOutputs(const CallExpr *CE) {
  return argumentsWhere(CE, false, [](QualType PT) {
    return PT->isPointerType() && pointsToMutable(PT);
  });
}

void ReverseBuilder::noteWrite(const Expr *LHS) {
  llvm::SmallVector<const VarDecl *, 2> Bases;
  ActivityAnalysis::collectBases(LHS, Bases);
  for (const VarDecl *V : Bases) {
    Overwritten.insert(V);
    if (!LHS->getType()->isPointerType())
      WrittenStorage.insert(V); // a value, not a pointer, is written
  }
}

bool ReverseBuilder::isCountedLoop(const ForStmt *FS, const VarDecl *&Index,
                                   long &Step) const {
  // for (int i = E0; i <op> E1; ++i / --i / i += k / i -= k), i not written
  // in the body: the reverse sweep recomputes i from the start and the count.
  const auto *DS = dyn_cast_or_null<DeclStmt>(FS->getInit());
  if (!DS || !DS->isSingleDecl())
    return false;
  const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!VD || !VD->getInit() || !VD->getType()->isIntegerType() ||
      !FS->getInc() || !FS->getCond())
    return false;
  const Expr *Inc = FS->getInc()->IgnoreParens();
  auto IsIndex = [&](const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE && DRE->getDecl() == VD;
  };
  if (const auto *UO = dyn_cast<UnaryOperator>(Inc)) {
    if (!UO->isIncrementDecrementOp() || !IsIndex(UO->getSubExpr()))
      return false;
    Step = UO->isIncrementOp() ? 1 : -1;
  } else if (const auto *CAO = dyn_cast<CompoundAssignOperator>(Inc)) {
    if (!IsIndex(CAO->getLHS()))
      return false;
    Expr::EvalResult R;
    if (!CAO->getRHS()->EvaluateAsInt(R, ctx()))
      return false;
    Step = R.Val.getInt().getExtValue();
    if (CAO->getOpcode() == BO_SubAssign)
      Step = -Step;
    else if (CAO->getOpcode() != BO_AddAssign)
      return false;
    if (Step == 0)
      return false;
  } else {
    return false;
  }
  // The body and the condition must not write the index.
  bool Written = false;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || Written)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if ((BO->isAssignmentOp() || BO->isCompoundAssignmentOp()) &&
          IsIndex(BO->getLHS()))
        Written = true;
    if (const auto *UO = dyn_cast<UnaryOperator>(S))
      if ((UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf) &&
          IsIndex(UO->getSubExpr()))
        Written = true;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      for (const Expr *A : CE->arguments())
        if (IsIndex(A) && A->isLValue())
          Written = true;
    for (const Stmt *C : S->children())
      Visit(C);
  };
  Visit(FS->getBody());
  Visit(FS->getCond());
  if (Written)
    return false;
  Index = VD;
  return true;
}

void ReverseBuilder::prepass(const Stmt *S, const Stmt *Loop, bool InLoop,
                             const Stmt *Breakable) {
  if (!S)
    return;
  ++ReadPosition; // the reads noted for S (ReverseSaveElision.cpp)
  if (const char *What = unsupportedConstruct(S)) {
    fail(S->getBeginLoc(), Diag::UnsupportedStmt, {What});
    return;
  }
  if (const auto *SS = dyn_cast<SwitchStmt>(S)) {
    // Number the labels; they must label statements of the switch's own
    // block (the reverse sweep enters that block where the forward one did).
    unsigned Next = 0;
    if (const auto *Body = dyn_cast<CompoundStmt>(SS->getBody()))
      for (const Stmt *Child : Body->body())
        for (const Stmt *L = Child; isa_and_nonnull<SwitchCase>(L);
             L = cast<SwitchCase>(L)->getSubStmt())
          LabelIds[L] = ++Next;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->getType()->isReferenceType() && VD->isLocalVarDecl()) {
        // Not replaced by what it names (ReferenceAliases): never guess.
        fail(DRE->getLocation(), Diag::ReverseUnsupported,
             {"this use of a local reference"});
        return;
      }
  // A call in a branch of '?:' or right of '&&' / '||' runs in both sweeps
  // under the condition that guards it (primal).
  if (const auto *CO = dyn_cast<ConditionalOperator>(S))
    if (hasCallTemp(CO->getTrueExpr()) || hasCallTemp(CO->getFalseExpr()))
      readAll(CO->getCond());
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isLogicalOp() && hasCallTemp(BO->getRHS()))
      readAll(BO->getLHS());
  if (isa<SwitchCase>(S) && !LabelIds.count(S)) {
    fail(S->getBeginLoc(), Diag::ReverseUnsupported,
         {"a case label inside a nested block"});
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD) {
        if (!isa<TypedefNameDecl>(D) && !isa<StaticAssertDecl>(D))
          fail(D->getLocation(), Diag::ReverseUnsupported,
               {std::string("a local ") + D->getDeclKindName() +
                " declaration"});
        continue;
      }
      QualType T = VD->getType();
      if (T->isReferenceType()) {
        // ReferenceAliases replaced the others by what they name.
        fail(VD->getLocation(), Diag::ReverseUnsupported,
             {"a static or extern local reference"});
        continue;
      }
      if (VD->isStaticLocal() || VD->hasExternalStorage()) {
        fail(VD->getLocation(), Diag::ReverseUnsupported,
             {"a static or extern local variable"});
        continue;
      }
      if (!T->isScalarType() && !T->isConstantArrayType() &&
          diffKind(T) != DiffKind::Matrix) {
        fail(VD->getLocation(), Diag::ReverseUnsupported,
             {"a local variable of class type"});
        continue;
      }
      if (Locals.insert(VD).second)
        LocalOrder.push_back(VD);
      if (InLoop) {
        Overwritten.insert(VD);
        DeclaredInLoop.insert(VD);
      }
      const Expr *Init = VD->getInit();
      if (Init && diffKind(T) == DiffKind::Pointer)
        PointerSources[VD].push_back(Init);
      if (Init && AA.isVariedVar(VD) && diffKind(T) == DiffKind::Matrix &&
          !InLoop)
        noteHeldResult(VD);
      if (Init && AA.isVariedVar(VD) && diffKind(T) != DiffKind::Pointer) {
        if (const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreImplicit())) {
          for (const Expr *E : ILE->inits())
            collectReads(E);
        } else {
          collectReads(Init);
        }
      }
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp()) {
      noteWrite(BO->getLHS());
      noteWriteSite(BO->getLHS(), S);
      const Expr *L = BO->getLHS(), *R = BO->getRHS();
      if (diffKind(L->getType()) == DiffKind::Pointer) {
        if (const auto *DRE = dyn_cast<DeclRefExpr>(L->IgnoreParenImpCasts()))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            PointerSources[VD].push_back(BO->getOpcode() == BO_Assign ? R : L);
      } else if (AA.isVariedStorage(L)) {
        collectReads(L); // its index and pointer offset
        if (BO->getOpcode() == BO_MulAssign ||
            BO->getOpcode() == BO_DivAssign) {
          readAll(L);
          readAll(R);
        }
        if (AA.isVaried(R))
          collectReads(R);
      }
    }
  if (const auto *RS = dyn_cast<ReturnStmt>(S))
    if (RS->getRetValue() && AA.isVaried(RS->getRetValue()))
      collectReads(RS->getRetValue());
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    if (UO->isIncrementDecrementOp()) {
      noteWrite(UO->getSubExpr());
      noteWriteSite(UO->getSubExpr(), S);
    }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S))
    if (std::optional<EigenOp> Op = matchEigen(OCE);
        Op && Op->Kind == EigenOpKind::Assign) {
      const Expr *L = Op->Object, *R = Op->Args[0];
      noteWrite(L);
      if (AA.isVariedStorage(L)) {
        collectReads(L);
        if (Op->Name == "*=" || Op->Name == "/=") {
          readAll(L);
          readAll(R);
        }
        if (AA.isVaried(R))
          collectReads(R);
      }
    }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S))
    if (std::optional<CommaInit> CI = matchCommaInit(OCE)) {
      noteWrite(CI->Target);
      bool Blocks = hasMatrixItems(*CI);
      if (AA.isVariedStorage(CI->Target))
        for (const Expr *Item : CI->Items) {
          if (AA.isVaried(Item))
            collectReads(Item);
          if (Blocks)
            readAll(Item); // f_rev finds the items' sizes again
        }
    }
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S))
    if (std::optional<EigenOp> Op = matchEigen(MCE);
        Op && isEigenMutator(*Op)) {
      // A.setZero(), A.col(j).fill(x), A.swap(B): writes to A (and B).
      noteWrite(Op->Object);
      for (const Expr *A : Op->Args)
        if (isEigenDense(skipEigenWrappers(A)->getType()))
          noteWrite(A);
      if (AA.isVariedStorage(Op->Object)) {
        collectReads(Op->Object);
        for (const Expr *A : Op->Args)
          if (AA.isVaried(A))
            collectReads(A);
      }
    }
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    for (const Expr *A : argumentsWhere(CE, true, [](QualType PT) {
           return PT->isLValueReferenceType() && pointsToMutable(PT);
         })) {
      llvm::SmallVector<const VarDecl *, 2> Bases;
      ActivityAnalysis::collectBases(A, Bases);
      PassedByReference.insert(Bases.begin(), Bases.end());
    }
    if (ProductTemps.count(CE) && CE->getNumArgs() == 2) {
      // Each factor's adjoint reads the other factor.
      if (AA.isVaried(CE->getArg(1)))
        readAll(CE->getArg(0));
      if (AA.isVaried(CE->getArg(0)))
        readAll(CE->getArg(1));
    }
    Callee C = G.rules().classify(CE);
    // A variable passed to a non-const reference parameter is written by
    // the call: a by-value parameter must then reach the reverse sweep with
    // its final value, like one that f assigns.
    for (const Expr *A : referenceOutputs(CE))
      noteWrite(A);
    // So is what it writes through pointers, and if the call is not
    // differentiated, nothing undoes that in the reverse sweep.
    if (!AA.isActiveCall(CE))
      for (const Expr *A : pointerOutputs(CE))
        noteWrite(A);
    if (AA.isActiveCall(CE)) {
      for (const Expr *A : CE->arguments())
        readAll(A); // the callee's reverse sweep gets the same arguments
      // The callee's reverse sweep undoes its writes through our pointer
      // and reference parameters too.
      if (const FunctionDecl *Callee = CE->getDirectCallee())
        for (unsigned I = 0; I < CE->getNumArgs() && I < Callee->getNumParams();
             ++I)
          if (pointsToMutable(Callee->getParamDecl(I)->getType())) {
            llvm::SmallVector<const VarDecl *, 2> Bases;
            ActivityAnalysis::collectBases(CE->getArg(I), Bases);
            for (const VarDecl *V : Bases)
              if (const auto *P = dyn_cast<ParmVarDecl>(V)) {
                if (P->getType()->isPointerType() ||
                    P->getType()->isReferenceType())
                  CallWritesParams = true;
              } else if (V->getType()->isPointerType()) {
                CallWrittenPointers.insert(V); // may point into a parameter
              }
          }
    }
    if (CallTemps.count(CE) && InLoop)
      CallInLoop.insert(CE);
  }

  // Exits and the levels they leave.
  if (isa<BreakStmt>(S) || isa<ContinueStmt>(S) || isa<ReturnStmt>(S)) {
    unsigned Id = ExitStmts.size() + 1;
    ExitStmts.push_back(S);
    ExitIds[S] = Id;
    const Stmt *Target = isa<ReturnStmt>(S)  ? nullptr
                         : isa<BreakStmt>(S) ? Breakable
                                             : Loop;
    ExitTarget[S] = Target;
    for (const Stmt *Enclosing : Enclosing)
      ExitsIn[Enclosing].push_back(Id);
    // The loops and switches it leaves, innermost first, up to its target.
    for (auto It = Enclosing.rbegin(); It != Enclosing.rend(); ++It) {
      if (!Levels.count(*It))
        continue;
      Levels[*It]->HasExits = true;
      ExitCrosses[S].insert(*It);
      if (*It == Target)
        break;
    }
  }

  bool IsLoop = isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S);
  bool IsSwitch = isa<SwitchStmt>(S);
  if (IsSwitch) {
    auto L = std::make_unique<Level>();
    L->S = S;
    L->IsSwitch = true;
    L->HasExits = true; // always: where the body was left
    Levels[S] = std::move(L);
  }
  if (IsLoop) {
    auto L = std::make_unique<Level>();
    L->S = S;
    if (const auto *FS = dyn_cast<ForStmt>(S)) {
      const VarDecl *Index = nullptr;
      long Step = 0;
      if (isCountedLoop(FS, Index, Step)) {
        L->Index = Index;
        L->Step = Step;
        Counted.insert(Index);
      }
    }
    Levels[S] = std::move(L);
  }
  Enclosing.push_back(S);
  for (const Stmt *Child : S->children()) {
    // A for-loop's init runs once; its condition, increment and body run in
    // the loop.
    bool ChildInLoop =
        InLoop ||
        (IsLoop && !(isa<ForStmt>(S) && Child == cast<ForStmt>(S)->getInit()));
    prepass(Child, IsLoop ? S : Loop, ChildInLoop,
            IsLoop || IsSwitch ? S : Breakable);
  }
  Enclosing.pop_back();
  LastPosition[S] = ReadPosition;
}

/// The condition of an if, switch or loop.
static const Expr *conditionOf(const Stmt *S) {
  if (const auto *IS = dyn_cast<IfStmt>(S))
    return IS->getCond();
  if (const auto *SS = dyn_cast<SwitchStmt>(S))
    return SS->getCond();
  if (const auto *WS = dyn_cast<WhileStmt>(S))
    return WS->getCond();
  if (const auto *DS = dyn_cast<DoStmt>(S))
    return DS->getCond();
  if (const auto *FS = dyn_cast<ForStmt>(S))
    return FS->getCond();
  return nullptr;
}

bool ReverseBuilder::primalCondition(const Expr *Cond) {
  // Only the outcome of a condition matters (it is taped, never evaluated
  // again): its calls run as the plain functions, unless one writes
  // through a pointer or reference argument (whose reverse would be
  // needed).
  bool Ok = true;
  llvm::SmallVector<const CallExpr *, 4> Calls;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      if (!pointerOutputs(CE).empty() || !referenceOutputs(CE).empty() ||
          isa<CXXMemberCallExpr, CXXOperatorCallExpr>(CE) ||
          !CE->getDirectCallee())
        Ok = false;
      Calls.push_back(CE);
    }
    for (const Stmt *C : S->children())
      Visit(C);
  };
  Visit(Cond);
  if (!Ok || Calls.empty())
    return false;
  PrimalCalls.insert(Calls.begin(), Calls.end());
  return true;
}

void ReverseBuilder::assignCallTemps(const Stmt *S, bool Discarded) {
  if (!S)
    return;
  if (const Expr *Cond = conditionOf(S); Cond && primalCondition(Cond)) {
    for (const Stmt *Child : S->children())
      if (Child != Cond)
        assignCallTemps(Child, false);
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    // tr(X Y) needs only X and Y in either sweep (Eigen computes the trace
    // of a product from its diagonal alone): no temporary for the product.
    if (std::optional<EigenOp> Op = matchEigen(CE);
        Op && Op->Kind == EigenOpKind::Method && Op->Name == "trace")
      if (std::optional<EigenOp> Prod = matchEigen(Op->Object);
          Prod && isMatrixProduct(*Prod))
        TracedProducts.insert(Prod->E);
    // A product of two matrices is evaluated once, in f_fwd.
    if (isa<CXXOperatorCallExpr>(CE))
      if (std::optional<EigenOp> Op = matchEigen(CE);
          Op && Op->E == CE && isMatrixProduct(*Op) && AA.isVaried(CE) &&
          !TracedProducts.count(CE) &&
          plainType(CE->getType()) != "Eigen::Matrix<double, 1, 1>") {
        // Its adjoint is "d" + its name too: a local 't2' has 'd_t2'.
        std::string Temp = Names.temporary();
        while (Names.fresh("d" + Temp) != "d" + Temp)
          Temp = Names.temporary();
        CallTemps[CE] = Temp;
        CallTempTypes[CE] = CE->getType().getUnqualifiedType();
        ProductTemps[CE] = plainType(CE->getType());
      }
    Callee C = G.rules().classify(CE);
    // A value-returning call to a function we differentiate runs once, in
    // f_fwd; its result is a temporary that f_rev reads.
    if ((C.Kind == CalleeKind::Body || isSplitRule(CE)) &&
        (AA.isActiveCall(CE) || AA.isVaried(CE)) && !Discarded &&
        !CE->getType()->isVoidType()) {
      // Its adjoint is "d" + its name: both must be free (a local 't3'
      // has the adjoint 'd_t3').
      std::string Temp = Names.temporary();
      while (Names.fresh("d" + Temp) != "d" + Temp)
        Temp = Names.temporary();
      CallTemps[CE] = Temp;
      CallTempTypes[CE] = CE->getType().getUnqualifiedType();
    }
  }
  for (const Stmt *Child : S->children())
    assignCallTemps(Child,
                    isa<CompoundStmt>(S) && isa_and_nonnull<Expr>(Child));
}

bool ReverseBuilder::analyze() {
  assignCallTemps(Fn->getBody(), false);
  if (const auto *Body = Fn->getBody())
    prepass(Body, nullptr, false, nullptr);
  ReadPosition = 0; // reads noted from now on may be anywhere
  if (Failed)
    return false;
  // The function level needs exit ids unless its only return is its last
  // statement.
  unsigned Returns = 0;
  const Stmt *Last = nullptr;
  for (const Stmt *S : ExitStmts)
    if (isa<ReturnStmt>(S))
      ++Returns;
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Fn->getBody()))
    if (!CS->body_empty())
      Last = CS->body_back();
  FunctionLevel.HasExits =
      Returns > 1 || (Returns == 1 && !(Last && isa<ReturnStmt>(Last)));
  if (Returns == 0 && !Fn->getReturnType()->isVoidType())
    FunctionLevel.HasExits = false;
  if (FunctionLevel.HasExits) {
    FunctionLevel.Exit = Names.fresh("_e");
    FunctionLevel.Live = Names.fresh("_live");
  }

  dropChangedHeldResults();

  // Counted-loop indices are recomputed, never taped.
  for (const VarDecl *V : Counted)
    Overwritten.erase(V);

  // A by-value parameter that f overwrites (or that has no adjoint
  // parameter) collects its adjoint in a local, added to the caller's at the
  // end: the caller's accumulator must not be reset by `d_x = 0`. So does
  // one read in a loop, whose adjoint is a sum over the iterations: the
  // caller's `double &` may alias the arrays, a local stays in a register
  // (and lets the reverse loop vectorize). A matrix by value always does:
  // writes to its coefficients and blocks clear parts of its adjoint too,
  // without taping it whole.
  llvm::DenseSet<const VarDecl *> ReadInLoop;
  std::function<void(const Stmt *, bool)> FindLoopReads = [&](const Stmt *S,
                                                              bool InLoop) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (InLoop)
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          ReadInLoop.insert(V);
    InLoop = InLoop || isa<ForStmt, WhileStmt, DoStmt>(S);
    for (const Stmt *C : S->children())
      if (C)
        FindLoopReads(C, InLoop);
  };
  FindLoopReads(Fn->getBody(), false);
  for (const ParmVarDecl *P : Fn->parameters()) {
    DiffKind K = diffKind(P->getType());
    if (AA.isVariedVar(P) &&
        ((K == DiffKind::Scalar &&
          (Overwritten.count(P) || ReadInLoop.count(P) ||
           !Plan.Active[P->getFunctionScopeIndex()])) ||
         (K == DiffKind::Matrix && isOwnCopy(P->getType()))))
      LocalAdjoint.insert(P);
  }

  findPointerBases();
  readSavedIndices();
  findCoveredWrites();
  // A write through a pointer or reference parameter (or a pointer into
  // one): f_rev undoes it, so the entry points run f again.
  // If anything written through a parameter must be restored (the reverse
  // sweep reads its old value, or a callee's reverse sweep restores it),
  // everything written through parameters is: the entry points then run f
  // again, and memory must be exactly as before f for that.
  bool WritesParams = CallWritesParams, RestoreSome = CallWritesParams;
  for (const VarDecl *V : CallWrittenPointers)
    for (const VarDecl *B : pointerTargets(V))
      if (const auto *P = dyn_cast<ParmVarDecl>(B))
        if (P->getType()->isPointerType() || P->getType()->isReferenceType())
          WritesParams = RestoreSome = true;
  for (const VarDecl *V : WrittenStorage) {
    for (const VarDecl *B : pointerTargets(V))
      if (const auto *P = dyn_cast<ParmVarDecl>(B))
        if (P->getType()->isPointerType() || P->getType()->isReferenceType()) {
          WritesParams = true;
          RestoreSome |= saved(P);
        }
  }
  RestoreAllParams = RestoreSome;
  WritesParameterMemory = WritesParams && RestoreSome;
  if (Fn->getBody())
    findHeldScalars(Fn->getBody());
  findUnsavedWrites();
  return !Failed;
}

/// The lowest value a loop index can take, if it is known: the literal start
/// of a counted loop, or `j + c` for such a j and a literal c >= 0.
static std::optional<long>
lowerBound(const Expr *E, const ASTContext &Ctx,
           const llvm::DenseMap<const VarDecl *, const ForStmt *> &Loops) {
  E = E->IgnoreParenImpCasts();
  Expr::EvalResult R;
  if (E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().getExtValue();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    auto It = Loops.find(VD);
    if (It != Loops.end() && VD->getInit())
      return lowerBound(VD->getInit(), Ctx, Loops);
    return std::nullopt;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Add) {
      std::optional<long> A = lowerBound(BO->getLHS(), Ctx, Loops);
      std::optional<long> B = lowerBound(BO->getRHS(), Ctx, Loops);
      if (A && B && *B >= 0)
        return *A + *B;
    }
  return std::nullopt;
}

void ReverseBuilder::findCoveredWrites() {
  // `for (i = 0; i < U; ++i) out[i] = ...;` followed, later in the body, by
  // `out[i2] += ...` with i2 in [L2, U), L2 >= 0: the compound write changes
  // an element this call already saved, and its own reverse does not read
  // the old value. If nothing else reads `out` in the reverse sweep, it need
  // not be saved again (the common "initialise, then accumulate" helper).
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Fn->getBody());
  if (!Body)
    return;
  llvm::DenseMap<const VarDecl *, const ForStmt *> Loops;
  for (auto &[S, L] : Levels)
    if (L->Index && L->Step == 1)
      Loops[L->Index] = cast<ForStmt>(S);
  auto UpperBound = [&](const ForStmt *FS, const VarDecl *I) -> const Expr * {
    const auto *Cond = dyn_cast_or_null<BinaryOperator>(FS->getCond());
    if (!Cond || Cond->getOpcode() != BO_LT)
      return nullptr;
    const auto *DRE =
        dyn_cast<DeclRefExpr>(Cond->getLHS()->IgnoreParenImpCasts());
    if (!DRE || DRE->getDecl() != I)
      return nullptr;
    // The bound must not change while the function runs.
    bool Invariant = true;
    std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
      if (const auto *R = dyn_cast<DeclRefExpr>(S))
        if (const auto *V = dyn_cast<VarDecl>(R->getDecl()))
          if (Overwritten.count(V))
            Invariant = false;
      for (const Stmt *C : S->children())
        if (C)
          Visit(C);
    };
    Visit(Cond->getRHS());
    return Invariant ? Cond->getRHS() : nullptr;
  };
  auto ElementOf = [](const Expr *LHS, const VarDecl *&Base,
                      const VarDecl *&Index) {
    const auto *ASE = dyn_cast<ArraySubscriptExpr>(LHS->IgnoreParens());
    if (!ASE)
      return false;
    const auto *B =
        dyn_cast<DeclRefExpr>(ASE->getBase()->IgnoreParenImpCasts());
    const auto *I = dyn_cast<DeclRefExpr>(ASE->getIdx()->IgnoreParenImpCasts());
    if (!B || !I)
      return false;
    Base = dyn_cast<VarDecl>(B->getDecl());
    Index = dyn_cast<VarDecl>(I->getDecl());
    return Base && Index;
  };
  struct Coverage {
    const VarDecl *Base;
    long Lower;
    const Expr *Upper;
  };
  std::vector<Coverage> Covered;
  for (const Stmt *Top : Body->body()) {
    // Compound writes inside this statement that earlier loops cover.
    std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
      if (const auto *CAO = dyn_cast<CompoundAssignOperator>(S)) {
        const VarDecl *Base = nullptr, *Index = nullptr;
        if ((CAO->getOpcode() == BO_AddAssign ||
             CAO->getOpcode() == BO_SubAssign) &&
            ElementOf(CAO->getLHS(), Base, Index) && !Reads.count(Base) &&
            Loops.count(Index)) {
          const ForStmt *FS = Loops[Index];
          const Expr *U = UpperBound(FS, Index);
          std::optional<long> L = lowerBound(Index->getInit(), ctx(), Loops);
          for (const Coverage &C : Covered)
            if (U && L && C.Base == Base && *L >= C.Lower &&
                Expr::isSameComparisonOperand(U, C.Upper))
              CoveredWrites.insert(CAO->getLHS());
        }
      }
      for (const Stmt *C : S->children())
        if (C)
          Visit(C);
    };
    Visit(Top);
    // A loop that assigns every element of [L, U) of one array.
    const auto *FS = dyn_cast<ForStmt>(Top);
    if (!FS || !Levels.count(FS) || Levels[FS]->HasExits)
      continue;
    const Level &Lv = *Levels[FS];
    if (!Lv.Index || Lv.Step != 1)
      continue;
    const Expr *U = UpperBound(FS, Lv.Index);
    std::optional<long> L = lowerBound(Lv.Index->getInit(), ctx(), Loops);
    if (!U || !L)
      continue;
    for (const Stmt *S : statementsOf(FS->getBody())) {
      const auto *BO = dyn_cast<BinaryOperator>(S);
      const VarDecl *Base = nullptr, *Index = nullptr;
      if (BO && BO->getOpcode() == BO_Assign &&
          ElementOf(BO->getLHS(), Base, Index) && Index == Lv.Index)
        Covered.push_back({Base, *L, U});
    }
  }
}

bool ReverseBuilder::saved(const VarDecl *V) const {
  if (Counted.count(V))
    return false;
  // Callers may read memory behind pointer and reference parameters after
  // the call: as a callee, every write to it is undone by the reverse sweep.
  // The entry points' own sweeps (Mode::Gradient) leave f's outputs as f
  // wrote them unless their reverse sweep reads the old values.
  // A fresh pointer's pointee: the caller reads none of f's writes to it
  // after the reverse sweep (DiffPlan::Fresh).
  if (const auto *P = dyn_cast<ParmVarDecl>(V))
    if (P->getFunctionScopeIndex() < Plan.Fresh.size() &&
        Plan.Fresh[P->getFunctionScopeIndex()])
      return Reads.count(V) && Overwritten.count(V);
  if (const auto *P = dyn_cast<ParmVarDecl>(V))
    if ((Plan.M != Mode::Gradient || RestoreAllParams) &&
        (diffKind(P->getType()) == DiffKind::Pointer ||
         diffKind(P->getType()) == DiffKind::Reference ||
         P->getType()->isPointerType() || P->getType()->isReferenceType()))
      return true;
  return Reads.count(V) && Overwritten.count(V);
}

bool ReverseBuilder::savedStorage(const Expr *LHS) const {
  llvm::SmallVector<const VarDecl *, 2> Bases;
  ActivityAnalysis::collectBases(LHS, Bases);
  for (const VarDecl *V : Bases) {
    // A store through a pointer variable changes what it points into, not
    // the pointer.
    auto It = PointerBase.find(V);
    bool Pointee = It != PointerBase.end() && !LHS->getType()->isPointerType();
    if (saved(Pointee ? It->second : V))
      return true;
    if (auto Jt = PointerChoices.find(V);
        Jt != PointerChoices.end() && !LHS->getType()->isPointerType())
      for (const VarDecl *B : Jt->second.Bases)
        if (saved(B))
          return true;
  }
  return false;
}

} // namespace frechet
