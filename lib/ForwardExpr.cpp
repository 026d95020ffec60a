//===- ForwardExpr.cpp - forward mode: expressions and calls --------------===//
#include "ForwardBuilder.h"

#include "Generator.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace frechet {

//===-- Side effects on differentiated data
//--------------------------------===//

bool ForwardBuilder::hasActiveEffects(const Expr *E, const Expr **Where) const {
  if (!E)
    return false;
  const Expr *Found = nullptr;
  E = E->IgnoreParens();
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if ((BO->isAssignmentOp() || BO->isCompoundAssignmentOp()) &&
        AA.isVariedStorage(BO->getLHS()))
      Found = BO;
  } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->isIncrementDecrementOp() &&
        diffKind(UO->getType()) == DiffKind::Pointer &&
        AA.isVariedStorage(UO->getSubExpr()))
      Found = UO;
  } else if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (AA.isActiveCall(CE) && !isFloating(CE->getType()))
      Found = CE; // a call that writes outputs
    else if (AA.isActiveCall(CE)) {
      // A float-returning call with outputs also writes.
      std::vector<bool> Mask = AA.callMask(CE);
      const FunctionDecl *F = CE->getDirectCallee();
      for (unsigned I = 0; I < Mask.size(); ++I) {
        QualType PT = F->getParamDecl(I)->getType();
        if (Mask[I] && diffKind(PT) != DiffKind::Scalar && pointsToMutable(PT))
          Found = CE;
      }
    }
  }
  if (Found) {
    if (Where)
      *Where = Found;
    return true;
  }
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      if (hasActiveEffects(CE, Where))
        return true;
  return false;
}

Code ForwardBuilder::condition(const Expr *E) {
  const Expr *Where = nullptr;
  if (hasActiveEffects(E, &Where))
    fail(Where->getExprLoc(), Diag::WriteInCondition);
  return verbatim(E, G.policy(), G.printer());
}

std::string ForwardBuilder::indexText(const Expr *Index) {
  // The index is printed twice (value and tangent): run side effects once.
  Code I = condition(Index);
  if (Index->HasSideEffects(ctx()))
    return hoist(I, Index->getType()).Text;
  return I.Text;
}

Code ForwardBuilder::hoist(const Code &C, QualType T) {
  std::string Name = Names.temporary();
  Out->line(
      "const " +
      declare(T.getUnqualifiedType().getNonReferenceType(), Name, G.policy()) +
      " = " + C.Text + ";");
  DeclaredTemporary = true;
  return Code(Name);
}

//===-- Values and tangents -----------------------------------------------===//

ForwardBuilder::Dual ForwardBuilder::operandValue(const Expr *E) {
  // Operands may be printed twice (in the value and in the tangent): hoist
  // anything with side effects so that it runs once.
  if (!AA.isVaried(E) && !hasActiveEffects(E) && E->HasSideEffects(ctx())) {
    Code V = verbatim(E, G.policy(), G.printer());
    return {hoist(V, E->getType()), std::nullopt};
  }
  return rvalue(E);
}

ForwardBuilder::Dual ForwardBuilder::rvalue(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *FE = dyn_cast<FullExpr>(E))
    return rvalue(FE->getSubExpr());
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return rvalue(MTE->getSubExpr());
  if (const auto *DAE = dyn_cast<CXXDefaultArgExpr>(E))
    return rvalue(DAE->getExpr());
  if (const auto *ILE = dyn_cast<InitListExpr>(E)) // double{x}
    if (ILE->getNumInits() == 1)
      return rvalue(ILE->getInit(0));
  if (!isa<DeclRefExpr>(E) && isEigenExpr(E) && AA.isVaried(E))
    return eigen(E);
  if (isEigenDense(E->getType()))
    if (const Expr *Inner = skipEigenWrappers(E); Inner != E)
      return rvalue(Inner); // a conversion between matrix types
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (AA.isActiveCall(CE) || AA.isVaried(CE)) {
      std::optional<Dual> D = call(CE, false);
      return D ? *D : Dual{Code("0"), std::nullopt};
    }
  if (!AA.isVaried(E)) {
    const Expr *Where = nullptr;
    if (hasActiveEffects(E, &Where)) {
      if (const auto *BO = dyn_cast<BinaryOperator>(E))
        if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp())
          return binary(BO);
      fail(Where->getExprLoc(), Diag::WriteInCondition);
    }
    return {verbatim(E, G.policy(), G.printer()), std::nullopt};
  }

  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    Dual D = rvalue(Cast->getSubExpr());
    // Implicit conversions happen again when the generated code is parsed,
    // in the tangent as in the value; conversions the user wrote do not.
    const auto *ICE = dyn_cast<ImplicitCastExpr>(Cast);
    bool Written = !ICE || ICE->isPartOfExplicitCast();
    if (!Written || ctx().hasSameUnqualifiedType(Cast->getType(),
                                                 Cast->getSubExpr()->getType()))
      return D;
    std::string T = type(Cast->getType().getUnqualifiedType());
    return {staticCast(T, D.Primal),
            D.T ? Tangent(staticCast(T, *D.T)) : std::nullopt};
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD) {
      fail(E->getExprLoc(), Diag::UnsupportedExpr,
           {"a reference to a non-variable"});
      return {verbatim(E, G.policy(), G.printer()), std::nullopt};
    }
    return {Code(VD->getName().str()), Code(tangentName(VD))};
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = ASE->getBase(), *Index = ASE->getIdx();
    if (!Base->getType()->isPointerType() && !Base->getType()->isArrayType())
      std::swap(Base, Index); // 2[a]
    Dual B = rvalue(Base);
    std::string I = indexText(Index);
    if (!B.T)
      return {subscript(B.Primal, I), std::nullopt};
    return {subscript(B.Primal, I), subscript(*B.T, I)};
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return unary(UO);
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return binary(BO);
  if (const auto *CO = dyn_cast<ConditionalOperator>(E))
    return conditional(CO);
  fail(E->getExprLoc(), Diag::UnsupportedExpr, {describe(E)});
  return {verbatim(E, G.policy(), G.printer()), std::nullopt};
}

ForwardBuilder::Dual ForwardBuilder::unary(const UnaryOperator *UO) {
  const Expr *Sub = UO->getSubExpr();
  switch (UO->getOpcode()) {
  case UO_Plus:
    return rvalue(Sub);
  case UO_Minus: {
    Dual D = rvalue(Sub);
    return {neg(D.Primal), D.T ? Tangent(neg(*D.T)) : std::nullopt};
  }
  case UO_Deref: {
    Dual D = rvalue(Sub);
    return {prefix("*", D.Primal),
            D.T ? Tangent(prefix("*", *D.T)) : std::nullopt};
  }
  case UO_AddrOf: {
    Dual D = rvalue(Sub);
    return {prefix("&", D.Primal),
            D.T ? Tangent(prefix("&", *D.T)) : std::nullopt};
  }
  case UO_PreInc:
  case UO_PreDec:
  case UO_PostInc:
  case UO_PostDec: {
    if (diffKind(UO->getType()) != DiffKind::Scalar ||
        Sub->HasSideEffects(ctx())) {
      fail(UO->getExprLoc(), Diag::WriteInCondition);
      return {verbatim(UO, G.policy(), G.printer()), std::nullopt};
    }
    Dual D = rvalue(Sub);
    if (UO->isPrefix()) {
      Out->line(verbatim(UO, G.policy(), G.printer()).Text + ";");
      return D;
    }
    // The old value, with the (unchanged) tangent.
    return {hoist(verbatim(UO, G.policy(), G.printer()), UO->getType()), D.T};
  }
  default:
    fail(UO->getExprLoc(), Diag::UnsupportedExpr,
         {std::string("unary operator '") +
          UnaryOperator::getOpcodeStr(UO->getOpcode()).str() + "'"});
    return {verbatim(UO, G.policy(), G.printer()), std::nullopt};
  }
}

ForwardBuilder::Dual ForwardBuilder::binary(const BinaryOperator *BO) {
  BinaryOperatorKind Op = BO->getOpcode();
  if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp()) {
    // The assignment's value is its left side, read again afterwards.
    if (BO->getLHS()->HasSideEffects(ctx())) {
      fail(BO->getExprLoc(), Diag::SideEffectInOperand);
      return {verbatim(BO, G.policy(), G.printer()), std::nullopt};
    }
    assign(BO);
    return rvalue(BO->getLHS());
  }
  if (Op == BO_Comma) {
    exprStmt(BO->getLHS());
    return rvalue(BO->getRHS());
  }
  if (BO->getType()->isPointerType()) {
    // Pointer arithmetic: the tangent pointer moves the same way.
    const Expr *Ptr = BO->getLHS(), *Offset = BO->getRHS();
    if (!Ptr->getType()->isPointerType() && !Ptr->getType()->isArrayType())
      std::swap(Ptr, Offset);
    Dual P = rvalue(Ptr);
    Code O(indexText(Offset), precedenceOf(Offset));
    std::string OpText = BinaryOperator::getOpcodeStr(Op).str();
    Code Val = frechet::binary(P.Primal, OpText, O, Prec::Additive);
    if (!P.T)
      return {Val, std::nullopt};
    return {Val, frechet::binary(*P.T, OpText, O, Prec::Additive)};
  }
  Dual L = operandValue(BO->getLHS());
  Dual R = operandValue(BO->getRHS());
  switch (Op) {
  case BO_Add:
  case BO_Sub:
  case BO_Mul:
  case BO_Div:
    return arithmetic(Op, L, R);
  default:
    fail(BO->getOperatorLoc(), Diag::UnsupportedExpr,
         {"binary operator '" + BinaryOperator::getOpcodeStr(Op).str() + "'"});
    return {verbatim(BO, G.policy(), G.printer()), std::nullopt};
  }
}

ForwardBuilder::Dual
ForwardBuilder::conditional(const ConditionalOperator *CO) {
  Code Cond = condition(CO->getCond());
  if (CO->getCond()->HasSideEffects(ctx()))
    Cond = hoist(Cond, ctx().BoolTy);
  // Each branch may need statements of its own: then lower to if/else so
  // that only the taken branch runs.
  CodeWriter TrueOut, FalseOut;
  CodeWriter *Saved = Out;
  Out = &TrueOut;
  Dual A = rvalue(CO->getTrueExpr());
  Out = &FalseOut;
  Dual B = rvalue(CO->getFalseExpr());
  Out = Saved;
  QualType T = CO->getType().getUnqualifiedType();
  bool Pointer = diffKind(T) == DiffKind::Pointer;
  std::string Zero = Pointer ? "nullptr" : zero(T);
  Code TA = A.T ? *A.T : Code(Zero), TB = B.T ? *B.T : Code(Zero);
  if (TrueOut.empty() && FalseOut.empty())
    return {frechet::conditional(Cond, A.Primal, B.Primal),
            (A.T || B.T) ? Tangent(frechet::conditional(Cond, TA, TB))
                         : std::nullopt};
  std::string V = Names.temporary(), DV = Names.fresh("d" + V);
  Out->line(declare(T, V, G.policy()) + ";");
  Out->line(declare(T, DV, G.policy()) + ";");
  DeclaredTemporary = true;
  Out->open("if (" + Cond.Text + ") {");
  Out->append(TrueOut);
  Out->line(V + " = " + A.Primal.Text + ";");
  Out->line(DV + " = " + TA.Text + ";");
  Out->reopen("} else {");
  Out->append(FalseOut);
  Out->line(V + " = " + B.Primal.Text + ";");
  Out->line(DV + " = " + TB.Text + ";");
  Out->close("}");
  return {Code(V), Code(DV)};
}

//===-- Assignments
//---------------------------------------------------------===//

void ForwardBuilder::assign(const BinaryOperator *BO) {
  const Expr *LHS = BO->getLHS(), *RHS = BO->getRHS();
  DiffKind K = diffKind(LHS->getType());
  BinaryOperatorKind Op = BO->getOpcode();
  if (K == DiffKind::None || !AA.isVariedStorage(LHS)) {
    // Not differentiated; the right side may still call a derivative that
    // writes outputs (`n = solve(x, out);`).
    const Expr *Where = nullptr;
    if (hasActiveEffects(RHS, &Where)) {
      const auto *CE = dyn_cast<CallExpr>(RHS->IgnoreParenImpCasts());
      if (!CE || CE != Where || hasSideEffects(LHS, ctx())) {
        fail(Where->getExprLoc(), Diag::WriteInCondition);
        return;
      }
      std::optional<Dual> D = call(CE, false);
      if (D)
        Out->line(verbatim(LHS, G.policy(), G.printer()).Text + " " +
                  BinaryOperator::getOpcodeStr(Op).str() + " " +
                  D->Primal.Text + ";");
      return;
    }
    Out->line(verbatim(BO, G.policy(), G.printer()).Text + ";");
    return;
  }
  // C++17 evaluates the right side of an assignment first: when the left
  // side has side effects (a[i++] = a[i] * x), the right side's value and
  // tangent are computed before them.
  Dual R = operandValue(RHS);
  if (hasSideEffects(LHS, ctx())) {
    R.Primal = hoist(R.Primal, RHS->getType());
    if (R.T)
      R.T = hoist(*R.T, RHS->getType());
  }
  Dual L = rvalue(LHS); // hoists side effects in indices
  if (!L.T) {
    fail(LHS->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
    return;
  }
  // `(c ? a : b) = v` needs its parentheses back.
  L.Primal = Code(operand(L.Primal, Prec::LogicalOr), Prec::Primary);
  L.T = Code(operand(*L.T, Prec::LogicalOr), Prec::Primary);
  std::string OpText = BinaryOperator::getOpcodeStr(Op).str();
  if (K == DiffKind::Pointer) {
    if (Op == BO_Assign) {
      Out->line(L.T->Text + " = " + (R.T ? R.T->Text : "nullptr") + ";");
      Out->line(L.Primal.Text + " = " + R.Primal.Text + ";");
    } else {
      Code N = R.Primal;
      Out->line(L.Primal.Text + " " + OpText + " " + N.Text + ";");
      Out->line(L.T->Text + " " + OpText + " " + N.Text + ";");
    }
    return;
  }
  if (K != DiffKind::Scalar) {
    fail(BO->getOperatorLoc(), Diag::UnsupportedExpr, {"this assignment"});
    return;
  }
  const std::string &DL = L.T->Text;
  std::string Z = zero(LHS->getType());
  switch (Op) {
  case BO_Assign:
    Out->line(DL + " = " + (R.T ? R.T->Text : Z) + ";");
    break;
  case BO_AddAssign:
  case BO_SubAssign:
    if (R.T)
      Out->line(DL + " " + OpText + " " + R.T->Text + ";");
    break;
  case BO_MulAssign:
    if (R.T)
      Out->line(DL + " = " +
                add(mul(*L.T, R.Primal), mul(L.Primal, *R.T)).Text + ";");
    else
      Out->line(DL + " *= " + R.Primal.Text + ";");
    break;
  case BO_DivAssign:
    if (R.T)
      Out->line(DL + " = " +
                div(sub(mul(*L.T, R.Primal), mul(L.Primal, *R.T)),
                    mul(R.Primal, R.Primal))
                    .Text +
                ";");
    else
      Out->line(DL + " /= " + operand(R.Primal, Prec::Assign) + ";");
    break;
  default:
    fail(BO->getOperatorLoc(), Diag::UnsupportedExpr,
         {"operator '" + OpText + "' on a floating-point value"});
    return;
  }
  Out->line(L.Primal.Text + " " + OpText + " " + R.Primal.Text + ";");
}

void ForwardBuilder::incDec(const UnaryOperator *UO) {
  Out->line(verbatim(UO, G.policy(), G.printer()).Text + ";");
  const Expr *Sub = UO->getSubExpr();
  if (diffKind(UO->getType()) != DiffKind::Pointer || !AA.isVariedStorage(Sub))
    return;
  if (Sub->HasSideEffects(ctx())) {
    fail(Sub->getExprLoc(), Diag::SideEffectInOperand);
    return;
  }
  Dual D = rvalue(Sub);
  if (D.T)
    Out->line(std::string(UO->isIncrementOp() ? "++" : "--") + D.T->Text + ";");
}

void ForwardBuilder::initList(const InitListExpr *ILE, std::string &P,
                              std::string &T) {
  P = "{";
  T = "{";
  for (unsigned I = 0; I < ILE->getNumInits(); ++I) {
    const Expr *E = ILE->getInit(I);
    if (isa<ImplicitValueInitExpr>(E))
      break;
    std::string EP, ET;
    if (const auto *Sub = dyn_cast<InitListExpr>(E->IgnoreImplicit())) {
      initList(Sub, EP, ET);
    } else {
      Dual D = rvalue(E);
      EP = D.Primal.Text;
      ET = D.T ? D.T->Text : zero(E->getType());
    }
    P += (I ? ", " : "") + EP;
    T += (I ? ", " : "") + ET;
  }
  P += "}";
  T += "}";
}

//===-- Calls
//---------------------------------------------------------------===//

std::optional<std::string> ForwardBuilder::callText(const CallExpr *CE) {
  Callee C = G.rules().classify(CE);
  std::string Name = C.Fn ? C.Fn->getNameAsString() : std::string("call");
  if (C.Kind != CalleeKind::Body &&
      !(C.Kind == CalleeKind::Rule && G.rules().hasRule(C.RuleName))) {
    G.reportUndifferentiable(Plan, CE, C, C.RuleName);
    Failed = true;
    return std::nullopt;
  }
  const FunctionDecl *F = C.Fn;
  std::vector<bool> Mask = AA.callMask(CE);
  std::string Callee;
  if (C.Kind == CalleeKind::Rule) {
    Callee = "frechet::rules::" + C.RuleName;
    for (unsigned I = 0; I < Mask.size(); ++I)
      Mask[I] = isDifferentiable(F->getParamDecl(I)->getType());
  } else {
    DiffPlan *Callee2 = G.requestCallee(F, Mask, Plan, CE->getExprLoc());
    if (!Callee2)
      return std::nullopt;
    Callee = G.callName(*Callee2, Callee2->Name);
  }
  std::vector<std::string> Args, Tangents;
  for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
    const Expr *A = CE->getArg(I);
    Dual D = operandValue(A);
    Args.push_back(D.Primal.Text);
    if (I >= Mask.size() || !Mask[I])
      continue;
    QualType PT = F->getParamDecl(I)->getType();
    if (D.T) {
      Tangents.push_back(D.T->Text);
    } else if (diffKind(PT) == DiffKind::Matrix &&
               (!PT->isReferenceType() ||
                PT.getNonReferenceType().isConstQualified())) {
      Tangents.push_back("frechet::zero_like<" +
                         type(PT.getNonReferenceType().getUnqualifiedType()) +
                         ">()");
    } else if (diffKind(PT) == DiffKind::Scalar ||
               (diffKind(PT) == DiffKind::Reference &&
                PT.getNonReferenceType().isConstQualified() &&
                isFloating(PT.getNonReferenceType()))) {
      Tangents.push_back(zero(PT.getNonReferenceType()));
    } else {
      fail(A->getExprLoc(), Diag::CallArgumentWithoutTangent,
           {std::to_string(I + 1), Name});
      return std::nullopt;
    }
  }
  std::string Text = Callee + "(";
  bool First = true;
  for (const std::vector<std::string> *List : {&Args, &Tangents})
    for (const std::string &S : *List) {
      Text += (First ? "" : ", ") + S;
      First = false;
    }
  return Text + ")";
}

std::optional<ForwardBuilder::Dual> ForwardBuilder::call(const CallExpr *CE,
                                                         bool Discarded) {
  bool Active = AA.isActiveCall(CE) || AA.isVaried(CE);
  if (!Active) {
    // The derivative does not need this call: call the original, but make
    // sure that no differentiated value escapes into something we cannot
    // follow (a reference or pointer parameter of a callee we don't see).
    Failed |= G.reportEscape(Plan, CE, AA);
    Code V = verbatim(CE, G.policy(), G.printer());
    if (Discarded) {
      Out->line(V.Text + ";");
      return std::nullopt;
    }
    return Dual{V, std::nullopt};
  }
  std::optional<std::string> Text = callText(CE);
  if (!Text)
    return Dual{verbatim(CE, G.policy(), G.printer()), std::nullopt};
  QualType RT = CE->getType();
  if (Discarded || RT->isVoidType()) {
    Out->line(*Text + ";");
    return std::nullopt;
  }
  std::string Tmp = Names.temporary();
  Out->line("auto " + Tmp + " = " + *Text + ";");
  DeclaredTemporary = true;
  if (!isFloating(RT) && diffKind(RT) != DiffKind::Matrix)
    return Dual{Code(Tmp), std::nullopt};
  return Dual{Code(Tmp + ".value", Prec::Postfix),
              Code(Tmp + ".tangent", Prec::Postfix)};
}

} // namespace frechet
