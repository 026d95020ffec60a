//===- ReverseExpr.cpp - reverse mode: expressions, adjoints and calls ----===//
#include "ReverseBuilder.h"

#include "EigenExpr.h"
#include "Generator.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Sema/Sema.h"

#include <utility>

using namespace clang;

namespace frechet {

bool ReverseBuilder::RenamingPrinter::handledStmt(Stmt *S,
                                                  llvm::raw_ostream &OS) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (B.Locals.count(VD)) {
        OS << B.localName(VD);
        return true;
      }
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && B.NestedWrites.count(BO)) {
    OS << B.text(BO->getLHS()).Text;
    return true;
  }
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    auto It = B.CallTemps.find(CE);
    if (It != B.CallTemps.end()) {
      OS << It->second;
      return true;
    }
    auto V = B.CallValues.find(CE);
    if (V != B.CallValues.end()) {
      OS << V->second;
      return true;
    }
  }
  return B.G.printer()->handledStmt(S, OS);
}

Code ReverseBuilder::text(const Expr *E) const {
  auto *Self = const_cast<ReverseBuilder *>(this);
  return verbatim(E, G.policy(), &Self->Printer);
}

const std::string &ReverseBuilder::paramAdjointName(const ParmVarDecl *P) {
  auto It = ParamAdjointNames.find(P);
  if (It != ParamAdjointNames.end())
    return It->second;
  std::string Base =
      "d_" + (P->getName().empty()
                  ? "p" + std::to_string(P->getFunctionScopeIndex())
                  : P->getName().str());
  return ParamAdjointNames[P] = Names.fresh(Base);
}

bool ReverseBuilder::mentions(const Expr *E, const Expr *LHS) const {
  llvm::SmallVector<const VarDecl *, 2> Targets;
  ActivityAnalysis::collectBases(LHS, Targets);
  std::function<bool(const Stmt *)> Visit = [&](const Stmt *S) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      for (const VarDecl *T : Targets) {
        if (DRE->getDecl() == T)
          return true;
        // A pointer into one of several arrays may alias any of them.
        if (PointerChoices.count(dyn_cast<VarDecl>(DRE->getDecl())) ||
            PointerChoices.count(T))
          return true;
        // Two pointers into the same array may alias.
        auto It = PointerBase.find(dyn_cast<VarDecl>(DRE->getDecl()));
        auto Jt = PointerBase.find(T);
        const VarDecl *A = It != PointerBase.end()
                               ? It->second
                               : dyn_cast<VarDecl>(DRE->getDecl());
        const VarDecl *B = Jt != PointerBase.end() ? Jt->second : T;
        if (A == B)
          return true;
        // So may two pointer or reference parameters: f(a, a).
        auto Outside = [](const VarDecl *V) {
          return V && isa<ParmVarDecl>(V) &&
                 (V->getType()->isPointerType() ||
                  V->getType()->isReferenceType());
        };
        if (Outside(A) && Outside(B))
          return true;
      }
    for (const Stmt *C : S->children())
      if (C && Visit(C))
        return true;
    return false;
  };
  return Visit(E);
}

//===-- The forward sweep's expressions ----------------------------------===//

Code ReverseBuilder::primal(const Expr *E, CodeWriter &F,
                            std::vector<CodeWriter> &PreRev) {
  // Calls to differentiated functions run once, in order, into temporaries.
  // One in a branch of '?:' or right of '&&' / '||' runs under the same
  // condition, in both sweeps; f_rev evaluates it where it evaluates the
  // '?:' itself. That is the condition f_fwd saw unless a call of the
  // statement writes through its arguments (what the condition reads may
  // then differ in f_rev): such statements stay unsupported. An assignment
  // inside the expression (`y = 2 * (b = x * x)`) runs as a statement of
  // its own where it is evaluated, before what uses its value (C++17
  // sequences an assignment's right side before its left), and the
  // expression reads its left side instead.
  bool Writes = false;
  std::function<void(const Stmt *)> FindWrites = [&](const Stmt *S) {
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (CallTemps.count(CE) &&
          (!pointerOutputs(CE).empty() || !referenceOutputs(CE).empty()))
        Writes = true;
    for (const Stmt *C : S->children())
      if (C)
        FindWrites(C);
  };
  FindWrites(E);
  std::vector<std::string> Guards;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && (BO->isAssignmentOp() || BO->isCompoundAssignmentOp())) {
      if (!Guards.empty() || diffKind(BO->getType()) == DiffKind::Matrix) {
        fail(BO->getExprLoc(), Diag::ReverseUnsupported,
             {!Guards.empty() ? "an assignment inside '?:', '&&' or '||'"
                              : "a matrix assignment inside a larger "
                                "expression"});
        NestedWrites.insert(BO); // no second error where it is read
        return;
      }
      PreRev.emplace_back();
      exprStmt(BO, F, PreRev.back());
      NestedWrites.insert(BO);
      return;
    }
    const auto *CE = dyn_cast<CallExpr>(S);
    bool Temp = CE && CallTemps.count(CE);
    if (Temp && !Guards.empty() && Writes) {
      fail(CE->getExprLoc(), Diag::ReverseUnsupported,
           {"a differentiated call inside '?:', '&&' or '||' in a statement "
            "with a call that writes through its arguments"});
      return;
    }
    for (const Stmt *C : S->children()) {
      std::optional<std::string> Guard;
      if (const auto *CO = dyn_cast<ConditionalOperator>(S)) {
        if (C == CO->getTrueExpr())
          Guard = operand(text(CO->getCond()), Prec::LogicalAnd);
        else if (C == CO->getFalseExpr())
          Guard = prefix("!", text(CO->getCond())).Text;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(S))
        if (BO->isLogicalOp() && C == BO->getRHS())
          Guard = BO->getOpcode() == BO_LAnd
                      ? operand(text(BO->getLHS()), Prec::LogicalAnd)
                      : prefix("!", text(BO->getLHS())).Text;
      if (Guard)
        Guards.push_back(*Guard);
      Visit(C);
      if (Guard)
        Guards.pop_back();
    }
    if (!Temp || Failed)
      return;
    PreRev.emplace_back();
    if (Guards.empty())
      return callForward(CE, F, PreRev.back());
    std::string Cond;
    for (const std::string &G : Guards)
      Cond += (Cond.empty() ? "" : " && ") + G;
    CodeWriter Rev;
    F.open("if (" + Cond + ") {");
    callForward(CE, F, Rev);
    F.close();
    PreRev.back().open("if (" + Cond + ") {");
    PreRev.back().append(Rev);
    PreRev.back().close();
  };
  Visit(E);
  return text(E);
}

void ReverseBuilder::callForward(const CallExpr *CE, CodeWriter &F,
                                 CodeWriter &Rev) {
  if (ProductTemps.count(CE))
    return productForward(CE, F, Rev);
  const std::string &Temp = CallTemps[CE];
  std::optional<SweepTarget> Callee = sweepTarget(CE);
  if (!Callee)
    return;
  bool Save = CallInLoop.count(CE) && ReadTemps.count(CE);
  QualType TT = CallTempTypes[CE];
  std::vector<std::string> Args;
  for (const Expr *A : CE->arguments())
    Args.push_back(text(A).Text);
  if (Save)
    F.line(pushText(TT, Temp));
  std::vector<std::string> Kept = keepArguments(CE, *Callee, Args, F);
  sweepCall(F, *Callee, false,
            Temp + " = $(" + joinArguments(Args) + Tape + ");");
  endKeptArguments(Kept, F);
  // g_rev pops what g_fwd pushed, which lies above the saved old value.
  callReverse(CE, *Callee, "d" + Temp, Rev, Kept);
  Rev.line(clearText(TT, "d" + Temp));
  if (Save)
    Rev.line(popText(TT, Temp));
}

bool ReverseBuilder::isSplitRule(const CallExpr *CE) {
  Callee C = G.rules().classify(CE);
  return C.Kind == CalleeKind::Rule && G.rules().hasRule(C.Base + "_fwd") &&
         G.rules().hasRule(C.Base + "_rev");
}

std::optional<ReverseBuilder::SweepTarget>
ReverseBuilder::sweepTarget(const CallExpr *CE) {
  if (isSplitRule(CE)) {
    // A rule with sweeps of its own: its forward part may keep what its
    // reverse part needs (a factorization) on the tape.
    Callee C = G.rules().classify(CE);
    SweepTarget T;
    T.Fn = C.Fn;
    for (const ParmVarDecl *P : C.Fn->parameters())
      T.Active.push_back(isDifferentiable(P->getType()));
    T.Fwd = "frechet::rules::" + C.Base + "_fwd";
    T.Rev = "frechet::rules::" + C.Base + "_rev";
    return T;
  }
  DiffPlan *P = calleePlan(CE);
  if (!P)
    return std::nullopt;
  SweepTarget T{P->Fn, P->Active, G.callName(*P, P->FwdName),
                G.callName(*P, P->RevName)};
  if (auto It = RestrictArgs.find(CE); It != RestrictArgs.end()) {
    auto Fresh = FreshArgs.find(CE);
    if (DiffPlan *Alt = G.requestCallee(
            P->Fn, P->Active, Plan, CE->getExprLoc(),
            Fresh == FreshArgs.end() ? std::vector<bool>() : Fresh->second,
            It->second.Mask)) {
      T.FwdAlt = G.callName(*Alt, Alt->FwdName);
      T.RevAlt = G.callName(*Alt, Alt->RevName);
      T.Cond = It->second.Cond;
    }
  }
  return T;
}

void ReverseBuilder::sweepCall(CodeWriter &W, const SweepTarget &T,
                               bool Reverse, const std::string &Call) const {
  auto With = [&](const std::string &Name) {
    std::string S = Call;
    S.replace(S.find('$'), 1, Name);
    return S;
  };
  const std::string &Plain = Reverse ? T.Rev : T.Fwd;
  if (T.Cond.empty()) {
    W.line(With(Plain));
    return;
  }
  W.line("if (" + T.Cond + ")");
  W.line("  " + With(Reverse ? T.RevAlt : T.FwdAlt));
  W.line("else");
  W.line("  " + With(Plain));
}

DiffPlan *ReverseBuilder::calleePlan(const CallExpr *CE) {
  Callee C = G.rules().classify(CE);
  switch (C.Kind) {
  case CalleeKind::Body: {
    auto It = FreshArgs.find(CE);
    return G.requestCallee(C.Fn, AA.callMask(CE), Plan, CE->getExprLoc(),
                           It == FreshArgs.end() ? std::vector<bool>()
                                                 : It->second);
  }
  case CalleeKind::Rule:
    return nullptr;
  default:
    G.reportUndifferentiable(Plan, CE, C, C.RuleName);
    Failed = true;
    return nullptr;
  }
}

/// Whether \p E names storage whose adjoint can be passed by reference as a
/// parameter of type \p PT (same type, an lvalue with an adjoint).
static bool passesAdjointDirectly(const Expr *E, QualType PT,
                                  const ASTContext &Ctx) {
  const Expr *Inner = E->IgnoreParenImpCasts();
  if (!isa<DeclRefExpr>(Inner) && !isa<ArraySubscriptExpr>(Inner) &&
      !(isa<UnaryOperator>(Inner) &&
        cast<UnaryOperator>(Inner)->getOpcode() == UO_Deref))
    return false;
  return Ctx.hasSameUnqualifiedType(Inner->getType(), PT.getNonReferenceType());
}

void ReverseBuilder::adjointArguments(const CallExpr *CE, const FunctionDecl *F,
                                      const std::vector<bool> &Mask,
                                      std::vector<std::string> &Out,
                                      CodeWriter &Before, CodeWriter &After) {
  // The callee may reset the adjoints of memory it writes (d_w[j] = 0): the
  // adjoint of a by-value argument that may be that memory, as in g(y, y[0]),
  // is collected apart.
  auto SharesWritten = [&](const Expr *A) {
    for (unsigned J = 0; J < Mask.size() && J < CE->getNumArgs(); ++J)
      if (Mask[J] && pointsToMutable(F->getParamDecl(J)->getType()) &&
          mentions(A, CE->getArg(J)))
        return true;
    return false;
  };
  for (unsigned I = 0; I < Mask.size() && I < CE->getNumArgs(); ++I) {
    if (!Mask[I])
      continue;
    const Expr *A = CE->getArg(I);
    QualType PT = F->getParamDecl(I)->getType();
    DiffKind K = diffKind(PT);
    if (K == DiffKind::Pointer || K == DiffKind::Array) {
      std::optional<Code> P = adjointPointer(A);
      if (!P) {
        fail(A->getExprLoc(), Diag::CallArgumentWithoutTangent,
             {std::to_string(I + 1), F->getNameAsString()});
        Out.push_back("nullptr");
      } else {
        Out.push_back(P->Text);
      }
      continue;
    }
    bool Varied = AA.isVaried(A) || AA.isVariedStorage(A);
    if (K == DiffKind::Matrix) {
      // A matrix variable passes its adjoint; an expression collects one.
      std::optional<EigenOp> Op = matchEigen(A);
      // A variable of another matrix type (a Matrix3d passed to a
      // const MatrixXd &) cannot pass its adjoint: it collects one too.
      if (!Varied) {
        Out.push_back("frechet::discard()");
      } else if (Op && Op->Kind == EigenOpKind::Leaf &&
                 plainType(Op->E->getType()) == plainType(PT)) {
        Out.push_back(adjointLValue(Op->E).Text);
      } else {
        std::string Tmp = Names.fresh("_r");
        std::string Plain = plainType(PT);
        Before.line(Plain + " " + Tmp + " = frechet::zero_like<" + Plain +
                    ">();");
        Out.push_back(Tmp);
        After.open("if (!frechet::is_zero(" + Tmp + ")) {");
        accumulate(A, Code(Tmp), After);
        After.close();
      }
      continue;
    }
    if (Varied && passesAdjointDirectly(A, PT, ctx()) &&
        (PT->isReferenceType() || !SharesWritten(A))) {
      Out.push_back(adjointLValue(A).Text);
      continue;
    }
    if (K == DiffKind::Reference &&
        !PT.getNonReferenceType().isConstQualified()) {
      fail(A->getExprLoc(), Diag::CallArgumentWithoutTangent,
           {std::to_string(I + 1), F->getNameAsString()});
      Out.push_back("*(double *)nullptr");
      continue;
    }
    // An expression argument: collect its adjoint, then pass it on.
    QualType T = PT.getNonReferenceType().getUnqualifiedType();
    std::string Tmp = Names.fresh("_r");
    Before.line(declare(T, Tmp, G.policy()) + " = 0;");
    Out.push_back(Tmp);
    if (Varied)
      accumulate(A, Code(Tmp), After);
  }
}

std::vector<std::string>
ReverseBuilder::keepArguments(const CallExpr *CE, const SweepTarget &Callee,
                              std::vector<std::string> &Args, CodeWriter &F) {
  // A by-value argument that reads memory the call writes (g(y, y[0])): the
  // reverse sweep cannot evaluate it again, since g_rev restores that memory
  // only inside. Its value is kept on the tape above what g_fwd pushes.
  const FunctionDecl *Fn = Callee.Fn;
  std::vector<std::string> Kept;
  for (unsigned I = 0; I < CE->getNumArgs() && I < Fn->getNumParams(); ++I) {
    QualType PT = Fn->getParamDecl(I)->getType();
    if (!PT->isArithmeticType())
      continue;
    bool ReadsWritten = false;
    for (unsigned J = 0; J < CE->getNumArgs() && J < Fn->getNumParams(); ++J)
      ReadsWritten |= J != I &&
                      pointsToMutable(Fn->getParamDecl(J)->getType()) &&
                      mentions(CE->getArg(I), CE->getArg(J));
    if (!ReadsWritten)
      continue;
    if (Kept.empty())
      F.open("{");
    std::string Name = Names.fresh("_a");
    F.line("const " + declare(PT.getUnqualifiedType(), Name, G.policy()) +
           " = " + Args[I] + ";");
    Args[I] = Name;
    Kept.push_back(std::to_string(I) + " " + Name);
  }
  return Kept;
}

void ReverseBuilder::endKeptArguments(const std::vector<std::string> &Kept,
                                      CodeWriter &F) {
  if (Kept.empty())
    return;
  for (const std::string &K : Kept)
    F.line(Tape + ".push(" + K.substr(K.find(' ') + 1) + ");");
  F.close();
}

std::string
ReverseBuilder::joinArguments(const std::vector<std::string> &Args) {
  std::string Out;
  for (const std::string &A : Args)
    Out += A + ", ";
  return Out;
}

void ReverseBuilder::callReverse(const CallExpr *CE, const SweepTarget &Callee,
                                 const std::string &Seed, CodeWriter &R,
                                 const std::vector<std::string> &Kept) {
  const FunctionDecl *F = Callee.Fn;
  std::vector<std::string> Args;
  for (const Expr *A : CE->arguments())
    Args.push_back(text(A).Text);
  // Arguments kept by the forward sweep ("<index> <name>"), popped in the
  // opposite order.
  if (!Kept.empty())
    R.open("{");
  for (auto It = Kept.rbegin(); It != Kept.rend(); ++It) {
    unsigned I = std::stoul(It->substr(0, It->find(' ')));
    std::string Name = It->substr(It->find(' ') + 1);
    QualType PT = F->getParamDecl(I)->getType().getUnqualifiedType();
    R.line("const " + declare(PT, Name, G.policy()) + " = " + Tape + ".pop<" +
           type(PT) + ">();");
    Args[I] = Name;
  }
  if (isFloating(F->getReturnType()) ||
      diffKind(F->getReturnType()) == DiffKind::Matrix)
    Args.push_back(Seed.empty() ? zeroLiteral(F->getReturnType()) : Seed);
  CodeWriter Before, After;
  adjointArguments(CE, F, Callee.Active, Args, Before, After);
  Args.push_back(Tape);
  std::string Call = "$(";
  for (size_t I = 0; I < Args.size(); ++I)
    Call += (I ? ", " : "") + Args[I];
  R.append(Before);
  sweepCall(R, Callee, true, Call + ");");
  R.append(After);
  if (!Kept.empty())
    R.close();
}

void ReverseBuilder::ruleReverse(const CallExpr *CE, const Code &Adj,
                                 CodeWriter &R) {
  if (heldScalarReverse(CE, Adj, R))
    return;
  Callee C = G.rules().classify(CE);
  const FunctionDecl *F = C.Fn;
  std::vector<std::string> Args;
  for (const Expr *A : CE->arguments())
    Args.push_back(text(A).Text);
  Args.push_back(Adj.Text);
  std::vector<bool> Mask(F->getNumParams(), false);
  for (unsigned I = 0; I < F->getNumParams(); ++I) {
    QualType PT = F->getParamDecl(I)->getType();
    Mask[I] = isFloating(PT.getNonReferenceType()) ||
              diffKind(PT) == DiffKind::Matrix;
  }
  CodeWriter Before, After;
  adjointArguments(CE, F, Mask, Args, Before, After);
  std::string Name = C.RuleName;
  Name = Name.substr(0, Name.size() - 4) + "_vjp"; // g_jvp -> g_vjp
  std::string Call = "frechet::rules::" + Name + "(";
  for (size_t I = 0; I < Args.size(); ++I)
    Call += (I ? ", " : "") + Args[I];
  R.append(Before);
  R.line(Call + ");");
  R.append(After);
}

void ReverseBuilder::callStatement(const CallExpr *CE, CodeWriter &F,
                                   CodeWriter &R) {
  std::vector<CodeWriter> PreRev;
  if (!AA.isActiveCall(CE)) {
    // Not differentiated: the original call, if nothing differentiated
    // escapes into it through a pointer or reference.
    if (G.reportEscape(Plan, CE, AA)) {
      Failed = true;
      return;
    }
    // Nothing undoes the call's writes through references in the reverse
    // sweep: what it reads of them is saved here and restored at the
    // mirrored point.
    Code Call = primal(CE, F, PreRev);
    std::vector<std::string> Restore;
    for (const Expr *A : referenceOutputs(CE))
      if (savedStorage(A)) {
        std::string L = text(A).Text;
        F.line(Tape + ".push(" + L + ");");
        Restore.push_back(L + " = " + Tape + ".pop<" +
                          type(A->getType().getUnqualifiedType()) + ">();");
      }
    // Memory it writes through pointers: a local array is saved whole;
    // other memory (behind parameters) cannot be.
    for (const Expr *A : pointerOutputs(CE)) {
      llvm::SmallVector<const VarDecl *, 2> Bases;
      ActivityAnalysis::collectBases(A, Bases);
      llvm::SmallVector<const VarDecl *, 2> Targets;
      for (const VarDecl *V : Bases) {
        if (auto It = PointerChoices.find(V); It != PointerChoices.end())
          Targets.append(It->second.Bases.begin(), It->second.Bases.end());
        else if (auto Jt = PointerBase.find(V); Jt != PointerBase.end())
          Targets.push_back(Jt->second);
        else
          Targets.push_back(V);
      }
      for (const VarDecl *B : Targets) {
        if (!saved(B) || (Privatized.count(B) && FreshArgs.count(CE)))
          continue; // (the first write of a private array: nothing to save)
        const auto *AT = ctx().getAsConstantArrayType(B->getType());
        if (!Locals.count(B) || !AT) {
          fail(A->getExprLoc(), Diag::ReverseUnsupported,
               {"a call that is not differentiated and writes memory the "
                "reverse sweep reads"});
          return;
        }
        uint64_t Count = 1;
        std::string First = localName(B);
        for (const ArrayType *Cur = AT; Cur;
             Cur = ctx().getAsArrayType(Cur->getElementType())) {
          if (const auto *CAT = dyn_cast<ConstantArrayType>(Cur))
            Count *= CAT->getSize().getZExtValue();
          First += "[0]";
        }
        std::string Args = "&" + First + ", " + std::to_string(Count) + ");";
        F.line(Tape + ".push_array(" + Args);
        Restore.push_back(Tape + ".pop_array(" + Args);
      }
    }
    F.line(Call.Text + ";");
    for (auto It = Restore.rbegin(); It != Restore.rend(); ++It)
      R.line(*It);
    for (auto It = PreRev.rbegin(); It != PreRev.rend(); ++It)
      R.append(*It);
    return;
  }
  Callee C = G.rules().classify(CE);
  if (C.Kind == CalleeKind::Rule && !isSplitRule(CE)) {
    fail(CE->getExprLoc(), Diag::ReverseUnsupported,
         {"a call to a rule whose result is discarded"});
    return;
  }
  std::optional<SweepTarget> Callee = sweepTarget(CE);
  if (!Callee)
    return;
  std::vector<std::string> Args;
  for (const Expr *A : CE->arguments())
    Args.push_back(primal(A, F, PreRev).Text);
  std::vector<std::string> Kept = keepArguments(CE, *Callee, Args, F);
  sweepCall(F, *Callee, false, "$(" + joinArguments(Args) + Tape + ");");
  endKeptArguments(Kept, F);
  callReverse(CE, *Callee, "", R, Kept);
  for (auto It = PreRev.rbegin(); It != PreRev.rend(); ++It)
    R.append(*It);
}

//===-- Adjoints
//-------------------------------------------------------------===//

std::optional<Code> ReverseBuilder::adjointPointer(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E))
    return adjointPointer(ICE->getSubExpr());
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return std::nullopt;
    if (const auto *P = dyn_cast<ParmVarDecl>(VD)) {
      if (P->getFunctionScopeIndex() < Plan.Active.size() &&
          Plan.Active[P->getFunctionScopeIndex()])
        return Code(paramAdjointName(P));
      return std::nullopt;
    }
    if (VD->getType()->isArrayType())
      return AA.isVariedVar(VD) ? std::optional<Code>(Code(adjointName(VD)))
                                : std::nullopt;
    if (auto Ct = PointerChoices.find(VD); Ct != PointerChoices.end()) {
      // The adjoint of whichever array it points into now.
      const std::string &P = localName(VD);
      return Code(choose(Ct->second,
                         [&](const VarDecl *B) {
                           std::string DB =
                               isa<ParmVarDecl>(B)
                                   ? paramAdjointName(cast<ParmVarDecl>(B))
                                   : adjointName(B);
                           return DB + " + (" + P + " - " + choiceBase(B) + ")";
                         }),
                  Prec::Primary);
    }
    auto It = PointerBase.find(VD);
    if (It == PointerBase.end())
      return std::nullopt;
    const VarDecl *B = It->second;
    std::optional<Code> DB;
    if (const auto *P = dyn_cast<ParmVarDecl>(B)) {
      if (Plan.Active[P->getFunctionScopeIndex()])
        DB = Code(paramAdjointName(P));
    } else if (AA.isVariedVar(B)) {
      DB = Code(adjointName(B));
    }
    if (!DB)
      return std::nullopt;
    std::string BaseName = Locals.count(B) ? localName(B) : B->getName().str();
    // p into double m[3][3] (or a parameter double a[][3]): offsets count
    // elements (or rows) from m[0][0] (m[0]), and so does the adjoint's.
    if (subscriptDepth(B->getType()) > 1) {
      std::string First = firstOf(B, VD);
      return add(Code("&" + operand(*DB, Prec::Postfix) + First, Prec::Unary),
                 Code("(" + localName(VD) + " - &" + BaseName + First + ")"));
    }
    return add(*DB, Code("(" + localName(VD) + " - " + BaseName + ")"));
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
    return adjointLValue(ASE); // a row of a multi-dimensional array
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() != BO_Add && BO->getOpcode() != BO_Sub)
      return std::nullopt;
    const Expr *P = BO->getLHS(), *N = BO->getRHS();
    if (!P->getType()->isPointerType() && !P->getType()->isArrayType())
      std::swap(P, N);
    std::optional<Code> DP = adjointPointer(P);
    if (!DP)
      return std::nullopt;
    return binary(*DP, BO->getOpcode() == BO_Add ? "+" : "-", text(N),
                  Prec::Additive);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_AddrOf)
      return prefix("&", adjointLValue(UO->getSubExpr()));
    if (UO->getOpcode() == UO_Deref && E->getType()->isArrayType())
      if (std::optional<Code> P = adjointPointer(UO->getSubExpr()))
        return prefix("*", *P); // the row a pointer to rows points at
  }
  return std::nullopt;
}

Code ReverseBuilder::adjointLValue(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXOperatorCallExpr>(E) || isa<CXXMemberCallExpr>(E))
    if (std::optional<Code> L = eigenAdjointLValue(E))
      return *L; // an element or a block of a matrix
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (VD->getType()->isArrayType() ||
          diffKind(VD->getType()) == DiffKind::Pointer) {
        if (std::optional<Code> P = adjointPointer(E))
          return *P;
      } else if (const auto *P = dyn_cast<ParmVarDecl>(VD)) {
        return Code(LocalAdjoint.count(P) ? adjointName(P)
                                          : paramAdjointName(P));
      } else {
        return Code(adjointName(VD));
      }
    }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = ASE->getBase(), *Index = ASE->getIdx();
    if (!Base->getType()->isPointerType() && !Base->getType()->isArrayType())
      std::swap(Base, Index);
    if (std::optional<Code> P = adjointPointer(Base))
      return subscript(*P, text(Index).Text);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_Deref)
      if (std::optional<Code> P = adjointPointer(UO->getSubExpr()))
        return prefix("*", *P);
  fail(E->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
  return Code("_no_adjoint");
}

Code ReverseBuilder::bindAdjoint(const Code &Adj, QualType T, CodeWriter &R) {
  if (Adj.P >= Prec::Postfix)
    return Adj;
  std::string Tmp = Names.fresh("_r");
  R.line(
      "const " +
      declare(T.getUnqualifiedType().getNonReferenceType(), Tmp, G.policy()) +
      " = " + Adj.Text + ";");
  return Code(Tmp);
}

void ReverseBuilder::accumulate(const Expr *E, const Code &Adj, CodeWriter &R) {
  E = E->IgnoreParens();
  if (!AA.isVaried(E))
    return;
  if (NestedWrites.count(E)) // its value is its left side's (primal)
    return accumulate(cast<BinaryOperator>(E)->getLHS(), Adj, R);
  if (std::optional<EigenOp> Op = matchEigen(E)) {
    const auto *CE = dyn_cast<CallExpr>(Op->E);
    if (!CE || !CallTemps.count(CE))
      return accumulateEigen(*Op, Adj, R);
    E = CE;
  } else if (isEigenDense(E->getType())) {
    if (const Expr *Inner = skipEigenWrappers(E); Inner != E)
      return accumulate(Inner, Adj, R); // a conversion between matrix types
  }
  if (const auto *FE = dyn_cast<FullExpr>(E))
    return accumulate(FE->getSubExpr(), Adj, R);
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return accumulate(MTE->getSubExpr(), Adj, R);
  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return accumulate(Cast->getSubExpr(), Adj, R);
  if (isa<DeclRefExpr>(E) || isa<ArraySubscriptExpr>(E) ||
      (isa<UnaryOperator>(E) &&
       cast<UnaryOperator>(E)->getOpcode() == UO_Deref)) {
    R.line(adjointLValue(E).Text + " += " + Adj.Text + ";");
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    auto It = CallTemps.find(CE);
    if (It != CallTemps.end()) {
      R.line(accumulateText(CallTempTypes[CE], "d" + It->second, Adj));
      return;
    }
    Callee C = G.rules().classify(CE);
    if (C.Kind == CalleeKind::Rule) {
      if (G.rules().hasRule(C.Base + "_vjp"))
        return ruleReverse(CE, Adj, R);
      G.reportUndifferentiable(Plan, CE, C, C.Base + "_vjp");
      Failed = true;
      return;
    }
    calleePlan(CE); // reports why it cannot be differentiated
    if (!Failed)
      fail(CE->getExprLoc(), Diag::ReverseUnsupported, {"this call"});
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Minus)
      return accumulate(UO->getSubExpr(), neg(Adj), R);
    if (UO->getOpcode() == UO_Plus)
      return accumulate(UO->getSubExpr(), Adj, R);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    const Expr *L = BO->getLHS(), *Rt = BO->getRHS();
    bool VL = AA.isVaried(L), VR = AA.isVaried(Rt);
    Code A = (VL && VR) ? bindAdjoint(Adj, E->getType(), R) : Adj;
    switch (BO->getOpcode()) {
    case BO_Add:
      accumulate(L, A, R);
      accumulate(Rt, A, R);
      return;
    case BO_Sub:
      accumulate(L, A, R);
      accumulate(Rt, neg(A), R);
      return;
    case BO_Mul:
      accumulate(L, mul(A, text(Rt)), R);
      accumulate(Rt, mul(text(L), A), R);
      return;
    case BO_Div: {
      Code Den = text(Rt);
      accumulate(L, div(A, Den), R);
      if (VR)
        accumulate(Rt, neg(div(mul(A, text(L)), mul(Den, Den))), R);
      return;
    }
    default:
      break;
    }
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    Code A = bindAdjoint(Adj, E->getType(), R);
    R.open("if (" + text(CO->getCond()).Text + ") {");
    accumulate(CO->getTrueExpr(), A, R);
    R.reopen("} else {");
    accumulate(CO->getFalseExpr(), A, R);
    R.close();
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp()) {
      fail(E->getExprLoc(), Diag::ReverseUnsupported,
           {"an assignment inside a larger expression"});
      return;
    }
  fail(E->getExprLoc(), Diag::UnsupportedExpr, {describe(E)});
}

} // namespace frechet
