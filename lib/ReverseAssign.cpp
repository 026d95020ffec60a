//===- ReverseAssign.cpp - reverse mode: assignments ----------------------===//
//
// An assignment `l op= e` in f_fwd saves l's old value where the reverse
// sweep reads it (ReverseSaveElision.cpp), then assigns; in f_rev it
// restores the old value and accumulates l's adjoint into e's operands.
//
//===----------------------------------------------------------------------===//
#include "ReverseBuilder.h"

#include "Generator.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Sema/Sema.h"

#include <functional>

using namespace clang;

namespace frechet {

static bool containsCall(const Stmt *S) {
  if (isa<CallExpr>(S))
    return true;
  for (const Stmt *C : S->children())
    if (C && containsCall(C))
      return true;
  return false;
}

const Expr *ReverseBuilder::writtenBy(const Stmt *S) {
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(S))
    if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp())
      return BO->getLHS();
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(S))
    if (UO->isIncrementDecrementOp())
      return UO->getSubExpr();
  return nullptr;
}

void ReverseBuilder::assignCore(const Code &L, QualType T,
                                std::optional<Code> DL, bool Save,
                                BinaryOperatorKind Op, const Expr *RHS,
                                bool Mentions, CodeWriter &F, CodeWriter &R,
                                const std::string &Slot) {
  std::vector<CodeWriter> PreRev;
  if (DL && AA.isVaried(RHS))
    storeCallSlots(RHS, F); // in a loop with tape blocks
  Code Val = primal(RHS, F, PreRev);
  std::string OpText = BinaryOperator::getOpcodeStr(Op).str();
  if (Save)
    F.line(Slot.empty() ? pushText(T, L.Text) : Slot + " = " + L.Text + ";");
  // A pointer into one of several arrays: which one it points into now. A
  // choice by '?:' is made before the assignment, whose condition may read
  // the pointer (`p = p == a ? b : a`).
  std::optional<std::string> Which;
  const PointerChoice *C = choiceNamed(L.Text);
  if (C && Op == BO_Assign) {
    Which = whichArray(*C, RHS);
    if (!Which)
      fail(RHS->getExprLoc(), Diag::ReverseUnsupported,
           {"a pointer assigned from this expression (assign an array, a "
            "pointer, either plus an offset, or a choice between them)"});
    else if (isa<ConditionalOperator>(RHS->IgnoreParenImpCasts()))
      F.line(C->Next + " = " + *std::exchange(Which, C->Next) + ";");
  }
  F.line(L.Text + " " + OpText + " " + Val.Text + ";");
  if (Which)
    F.line(C->Which + " = " + *Which + ";");

  // Reverse: restore the old value first, since the adjoint reads it;
  // after it when the adjoint reads the new one (`v = std::exp(e)`).
  T = T.getCanonicalType().getUnqualifiedType();
  std::string Restore = L.Text + " = " + Tape + ".pop<" + type(T) + ">();";
  if (!Slot.empty())
    Restore = L.Text + " = " + Slot + ";";
  else if (PointerOrigin.count(L.Text) || choiceNamed(L.Text))
    Restore = popText(T, L.Text);
  bool RestoreAfter = Save && Op == BO_Assign && restoresAfterAdjoint(RHS, L);
  if (Save && !RestoreAfter)
    R.line(Restore);
  if (DL && AA.isVaried(RHS))
    bindCallValues(RHS, R);
  if (DL) {
    bool RV = AA.isVaried(RHS);
    Code A = *DL;
    auto Bound = [&] {
      std::string Tmp = Names.fresh("_r");
      R.line("const " + declare(T, Tmp, G.policy()) + " = " + DL->Text + ";");
      return Code(Tmp);
    };
    Code Rt = text(RHS);
    switch (Op) {
    case BO_Assign:
      if (!RV) {
        R.line(DL->Text + " = 0;");
      } else if (Mentions) {
        A = Bound();
        R.line(DL->Text + " = 0;");
        accumulate(RHS, A, R);
      } else {
        accumulate(RHS, *DL, R);
        R.line(DL->Text + " = 0;");
      }
      break;
    case BO_AddAssign:
    case BO_SubAssign:
      if (RV) {
        if (Mentions)
          A = Bound();
        accumulate(RHS, Op == BO_AddAssign ? A : neg(A), R);
      }
      break;
    case BO_MulAssign:
      A = Bound();
      R.line(DL->Text + " = " + mul(A, Rt).Text + ";");
      if (RV)
        accumulate(RHS, mul(A, L), R);
      break;
    case BO_DivAssign:
      A = Bound();
      R.line(DL->Text + " = " + div(A, Rt).Text + ";");
      if (RV)
        accumulate(RHS, neg(div(mul(A, L), mul(Rt, Rt))), R);
      break;
    default:
      fail(RHS->getExprLoc(), Diag::UnsupportedExpr,
           {"operator '" + OpText + "' on a floating-point value"});
    }
  }
  CallValues.clear();
  if (RestoreAfter)
    R.line(Restore);
  for (auto It = PreRev.rbegin(); It != PreRev.rend(); ++It)
    R.append(*It);
}

void ReverseBuilder::conditionalAssign(const ConditionalOperator *LHS,
                                       BinaryOperatorKind Op, const Expr *RHS,
                                       CodeWriter &F, CodeWriter &R) {
  // C++17 evaluates the right side first, then the condition: the same as
  // the condition first when neither writes what the other reads.
  std::function<bool(const Stmt *)> Writes = [&](const Stmt *S) {
    if (writtenBy(S))
      return true;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (!pointerOutputs(CE).empty() || !referenceOutputs(CE).empty())
        return true;
    return llvm::any_of(S->children(),
                        [&](const Stmt *C) { return C && Writes(C); });
  };
  if (LHS->getCond()->HasSideEffects(ctx()) || Writes(RHS)) {
    fail(LHS->getExprLoc(), Diag::ReverseUnsupported,
         {"an assignment to '?:' whose condition or right side has side "
          "effects"});
    return;
  }
  CodeWriter FT, RT, FE, RE;
  auto Branch = [&](const Expr *Target, CodeWriter &FB, CodeWriter &RB) {
    if (const auto *CO = dyn_cast<ConditionalOperator>(Target->IgnoreParens()))
      return conditionalAssign(CO, Op, RHS, FB, RB);
    assign(Target, Op, RHS, FB, RB);
  };
  Branch(LHS->getTrueExpr(), FT, RT);
  Branch(LHS->getFalseExpr(), FE, RE);
  branches(text(LHS->getCond()).Text, "", FT, RT, FE, RE, F, R);
}

void ReverseBuilder::assign(const Expr *LHS, BinaryOperatorKind Op,
                            const Expr *RHS, CodeWriter &F, CodeWriter &R) {
  if (hasSideEffects(LHS, ctx())) {
    fail(LHS->getExprLoc(), Diag::SideEffectInOperand);
    return;
  }
  DiffKind K = diffKind(LHS->getType());
  bool Active = K == DiffKind::Scalar && AA.isVariedStorage(LHS);
  if (K == DiffKind::Scalar && !Active && AA.isVaried(RHS)) {
    fail(LHS->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
    return;
  }
  std::optional<Code> DL;
  if (Active)
    DL = adjointLValue(LHS);
  bool Save = savesWrite(LHS);
  if (Save && undoneByInverse(LHS, Op, RHS)) {
    std::string L = text(LHS).Text, V = text(RHS).Text;
    F.line(L + (Op == BO_AddAssign ? " += " : " -= ") + V + ";");
    R.line(L + (Op == BO_AddAssign ? " -= " : " += ") + V + ";");
    return;
  }
  std::string Slot;
  if (auto It = SlotFor.find(LHS); It != SlotFor.end() && Save) {
    Slot = It->second;
    SlotsUsed.insert(LHS);
  }
  assignCore(text(LHS), LHS->getType(), DL, Save, Op, RHS,
             Active && mentions(RHS, LHS), F, R, Slot);
}

// `k += e` on an integer, e without side effects or calls and not reading
// k: undone exactly by `k -= e` at the mirrored point (where e's operands
// have their old values again), so nothing is taped.
bool ReverseBuilder::undoneByInverse(const Expr *LHS, BinaryOperatorKind Op,
                                     const Expr *RHS) const {
  return LHS->getType()->isIntegerType() &&
         (Op == BO_AddAssign || Op == BO_SubAssign) &&
         RHS->getType()->isIntegerType() && !RHS->HasSideEffects(ctx()) &&
         !mentions(RHS, LHS) && !containsCall(RHS);
}

void ReverseBuilder::assignVar(const VarDecl *VD, const Expr *Init,
                               CodeWriter &F, CodeWriter &R) {
  if (diffKind(VD->getType()) == DiffKind::Matrix)
    return eigenVar(VD, F, R);
  bool Active =
      AA.isVariedVar(VD) && diffKind(VD->getType()) == DiffKind::Scalar;
  std::optional<Code> DL;
  if (Active)
    DL = Code(adjointName(VD));
  // Outside loops a declaration overwrites nothing anyone reads.
  bool Save = saved(VD) && DeclaredInLoop.count(VD);
  assignCore(Code(localName(VD)), VD->getType(), DL, Save, BO_Assign, Init,
             false, F, R);
}

void ReverseBuilder::arrayInit(const VarDecl *VD, const InitListExpr *ILE,
                               CodeWriter &F, CodeWriter &R) {
  ASTContext &Ctx = G.sema().getASTContext();
  const auto *AT = Ctx.getAsConstantArrayType(VD->getType());
  if (!AT || Ctx.getAsArrayType(AT->getElementType())) {
    fail(VD->getLocation(), Diag::ReverseUnsupported,
         {"an initializer of a multi-dimensional array"});
    return;
  }
  QualType ET = AT->getElementType();
  uint64_t N = AT->getSize().getZExtValue();
  bool Active = AA.isVariedVar(VD) && isFloating(ET);
  bool Save = saved(VD) && DeclaredInLoop.count(VD);
  const std::string &Name = localName(VD);
  std::vector<CodeWriter> Revs;
  unsigned Given = 0;
  for (; Given < ILE->getNumInits(); ++Given) {
    const Expr *E = ILE->getInit(Given);
    if (isa<ImplicitValueInitExpr>(E))
      break;
    Revs.emplace_back();
    std::string Index = "[" + std::to_string(Given) + "]";
    std::optional<Code> DL;
    if (Active)
      DL = Code(adjointName(VD) + Index);
    assignCore(Code(Name + Index, Prec::Postfix), ET, DL, Save, BO_Assign, E,
               false, F, Revs.back());
  }
  if (Given < N) {
    std::string I = Names.fresh("_i");
    std::string Head = "for (int " + I + " = " + std::to_string(Given) + "; " +
                       I + " < " + std::to_string(N) + "; ++" + I + ") {";
    F.open(Head);
    if (Save)
      F.line(Tape + ".push(" + Name + "[" + I + "]);");
    F.line(Name + "[" + I + "] = 0;");
    F.close();
    if (Save || Active) {
      R.open("for (int " + I + " = " + std::to_string(N) + "; " + I + "-- > " +
             std::to_string(Given) + ";) {");
      if (Save)
        R.line(Name + "[" + I + "] = " + Tape + ".pop<" +
               type(ET.getUnqualifiedType()) + ">();");
      if (Active)
        R.line(adjointName(VD) + "[" + I + "] = 0;");
      R.close();
    }
  }
  for (auto It = Revs.rbegin(); It != Revs.rend(); ++It)
    R.append(*It);
}

} // namespace frechet
