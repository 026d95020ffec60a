//===- ForwardStmt.cpp - forward mode: statements -------------------------===//
#include "ForwardBuilder.h"

#include "Generator.h"
#include "TypeClass.h"
#include "Unsupported.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

using namespace clang;

namespace frechet {

ForwardBuilder::ForwardBuilder(Generator &G, DiffPlan &Plan)
    : G(G), Plan(Plan), Fn(Plan.Fn), AA(Plan.Fn, Plan.Active, G.rules()),
      Names(Plan.Fn) {
  Names.reserve(Plan.Name);
  ReturnsFloat = isFloating(Fn->getReturnType());
  ReturnsMatrix = diffKind(Fn->getReturnType()) == DiffKind::Matrix;
}

const ASTContext &ForwardBuilder::ctx() const { return Fn->getASTContext(); }

void ForwardBuilder::fail(SourceLocation Loc, Diag D,
                          llvm::ArrayRef<std::string> Args) {
  G.fail(Plan, Loc, D, Args);
  Failed = true;
}

std::string ForwardBuilder::type(QualType T) const {
  return typeName(T, G.policy());
}

const std::string &ForwardBuilder::tangentName(const VarDecl *VD) {
  auto It = TangentNames.find(VD);
  if (It != TangentNames.end())
    return It->second;
  std::string Base = VD->getName().empty() ? "d" : "d_" + VD->getName().str();
  return TangentNames[VD] = Names.fresh(Base);
}

std::string ForwardBuilder::signature() const {
  const PrintingPolicy &P = G.policy();
  std::string S;
  if (Fn->getStorageClass() == SC_Static)
    S += "static ";
  else if (Fn->isInlineSpecified() || !Plan.IsRoot)
    S += "inline ";
  QualType R = Fn->getReturnType();
  if (ReturnsFloat || ReturnsMatrix)
    S += "frechet::jvp_result<" +
         type(R.getNonReferenceType().getUnqualifiedType()) + ">";
  else
    S += type(R);
  S += " " + Plan.Name + "(";
  std::vector<std::string> Params;
  for (const ParmVarDecl *PVD : Fn->parameters())
    Params.push_back(declare(PVD->getOriginalType(), PVD->getName(), P));
  auto *Self = const_cast<ForwardBuilder *>(this);
  for (unsigned I = 0; I < Fn->getNumParams(); ++I)
    if (Plan.Active[I]) {
      const ParmVarDecl *PVD = Fn->getParamDecl(I);
      QualType T = PVD->getOriginalType();
      if (diffKind(T) == DiffKind::Matrix && !isEigenPlain(T))
        // A Map or Ref parameter: its tangent is a plain matrix.
        Params.push_back((pointsToMutable(T) ? "" : "const ") +
                         eigenPlainTypeName(T, P) + " &" +
                         Self->tangentName(PVD));
      else
        Params.push_back(declare(T, Self->tangentName(PVD), P));
    }
  for (size_t I = 0; I < Params.size(); ++I)
    S += (I ? ", " : "") + Params[I];
  return S + ")";
}

bool ForwardBuilder::build() {
  // Name the parameters' tangents first so they get the plain d_ names.
  for (unsigned I = 0; I < Fn->getNumParams(); ++I)
    if (Plan.Active[I])
      tangentName(Fn->getParamDecl(I));
  if (!prescan(Fn->getBody()))
    return false;
  AA.run();
  for (const ActivityAnalysis::Problem &P : AA.problems())
    fail(P.Loc, P.D, {P.Arg0, P.Arg1});
  if (Failed)
    return false;

  // A by-value parameter outside the differentiation parameters that f
  // overwrites with a differentiated value: a local tangent, starting at 0.
  for (unsigned I = 0; I < Fn->getNumParams(); ++I) {
    const ParmVarDecl *PVD = Fn->getParamDecl(I);
    if (!Plan.Active[I] && diffKind(PVD->getType()) == DiffKind::Matrix &&
        isOwnCopy(PVD->getType()) && AA.isVariedVar(PVD))
      Body.line(declare(PVD->getType().getUnqualifiedType(), tangentName(PVD),
                        G.policy()) +
                " = " + zeroMatrix(PVD->getType(), Code(PVD->getName().str())) +
                ";");
    else if (!Plan.Active[I] && diffKind(PVD->getType()) == DiffKind::Scalar &&
             AA.isVariedVar(PVD))
      Body.line(declare(PVD->getType().getUnqualifiedType(), tangentName(PVD),
                        G.policy()) +
                " = " + zero(PVD->getType()) + ";");
  }
  contents(Fn->getBody());
  if (Failed)
    return false;
  std::string Tangents;
  for (unsigned I = 0; I < Fn->getNumParams(); ++I)
    if (Plan.Active[I])
      Tangents +=
          (Tangents.empty() ? "" : ", ") + tangentName(Fn->getParamDecl(I));
  CodeWriter W;
  W.line("// Forward mode (Jacobian-vector product) of '" +
         Fn->getNameAsString() + "': tangents " + Tangents + ".");
  W.open(signature() + " {");
  W.append(Body);
  W.close("}");
  Definition = W.str();
  return true;
}

//===-- Constructs that cannot be differentiated yet ----------------------===//

bool ForwardBuilder::prescan(const Stmt *S) {
  if (!S)
    return true;
  if (const char *What = unsupportedConstruct(S)) {
    SourceLocation Loc = S->getBeginLoc();
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      Loc = DS->getSingleDecl() ? DS->getSingleDecl()->getLocation() : Loc;
    fail(Loc, Diag::UnsupportedStmt, {What});
    return false;
  }
  bool Ok = true;
  for (const Stmt *Child : S->children())
    Ok &= prescan(Child);
  return Ok;
}

//===-- Statements
//---------------------------------------------------------===//

void ForwardBuilder::contents(const Stmt *S) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S)) {
    for (const Stmt *Child : CS->body())
      stmt(Child);
    return;
  }
  stmt(S);
}

void ForwardBuilder::stmt(const Stmt *S) {
  if (!S || isa<NullStmt>(S))
    return;
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    Out->open("{");
    contents(CS);
    Out->close("}");
  } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    declStmt(DS);
  } else if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    returnStmt(RS);
  } else if (const auto *IS = dyn_cast<IfStmt>(S)) {
    ifStmt(IS, false);
  } else if (const auto *FS = dyn_cast<ForStmt>(S)) {
    forStmt(FS);
  } else if (const auto *WS = dyn_cast<WhileStmt>(S)) {
    whileStmt(WS);
  } else if (const auto *DS = dyn_cast<DoStmt>(S)) {
    doStmt(DS);
  } else if (const auto *SS = dyn_cast<SwitchStmt>(S)) {
    switchStmt(SS);
  } else if (const auto *CS = dyn_cast<CaseStmt>(S)) {
    std::string Label = "case " + condition(CS->getLHS()).Text;
    if (CS->getRHS())
      Label += " ... " + condition(CS->getRHS()).Text;
    Out->label(Label + ":");
    scopedStmt(CS->getSubStmt());
  } else if (const auto *DS = dyn_cast<DefaultStmt>(S)) {
    Out->label("default:");
    scopedStmt(DS->getSubStmt());
  } else if (isa<BreakStmt>(S)) {
    Out->line("break;");
  } else if (isa<ContinueStmt>(S)) {
    Out->line("continue;");
  } else if (const auto *LS = dyn_cast<LabelStmt>(S)) {
    Out->label(std::string(LS->getName()) + ":");
    stmt(LS->getSubStmt());
  } else if (const auto *AS = dyn_cast<AttributedStmt>(S)) {
    stmt(AS->getSubStmt());
  } else if (const auto *E = dyn_cast<Expr>(S)) {
    exprStmt(E);
  } else {
    fail(S->getBeginLoc(), Diag::UnsupportedStmt,
         {std::string("this statement (") + S->getStmtClassName() + ")"});
  }
}

std::string ForwardBuilder::stmtText(const Stmt *S) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    bool First = true;
    for (const Decl *D : DS->decls()) {
      if (!First)
        OS << "; ";
      D->print(OS, G.policy());
      First = false;
    }
    return OS.str();
  }
  return verbatim(cast<Expr>(S), G.policy(), G.printer()).Text;
}

bool ForwardBuilder::isInactiveStmt(const Stmt *S) const {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || AA.isVariedVar(VD) ||
          (VD->getInit() && hasActiveEffects(VD->getInit())))
        return false;
    }
    return DS->isSingleDecl();
  }
  if (const auto *E = dyn_cast<Expr>(S))
    return !hasActiveEffects(E) && !(isa<BinaryOperator>(E->IgnoreParens()) &&
                                     AA.isVaried(E->IgnoreParens()));
  return false;
}

void ForwardBuilder::declStmt(const DeclStmt *DS) {
  for (const Decl *D : DS->decls()) {
    if (const auto *VD = dyn_cast<VarDecl>(D)) {
      varDecl(VD);
      continue;
    }
    if (isa<TypedefNameDecl>(D) || isa<StaticAssertDecl>(D) ||
        isa<UsingDecl>(D) || isa<UsingDirectiveDecl>(D)) {
      std::string Text;
      llvm::raw_string_ostream OS(Text);
      D->print(OS, G.policy());
      Out->line(OS.str() + ";");
      continue;
    }
    fail(
        D->getLocation(), Diag::UnsupportedStmt,
        {isa<TagDecl>(D) ? "a local class or enum" : "this local declaration"});
  }
}

void ForwardBuilder::varDecl(const VarDecl *VD) {
  const PrintingPolicy &P = G.policy();
  QualType T = VD->getType();
  const Expr *Init = VD->getInit();
  if (!AA.isVariedVar(VD)) {
    const Expr *Where = nullptr;
    if (Init && hasActiveEffects(Init, &Where)) {
      const auto *CE = dyn_cast<CallExpr>(Init->IgnoreParenImpCasts());
      if (!CE || Where != CE) {
        fail(Where->getExprLoc(), Diag::WriteInCondition);
        return;
      }
      std::optional<Dual> D = call(CE, false);
      if (D)
        Out->line(declare(T, VD->getName(), P) + " = " + D->Primal.Text + ";");
      return;
    }
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    VD->print(OS, P);
    Out->line(OS.str() + ";");
    return;
  }
  if (VD->isStaticLocal() || VD->getTSCSpec() != TSCS_unspecified)
    return; // reported by the activity analysis
  if (diffKind(T) == DiffKind::Matrix)
    return eigenVarDecl(VD);
  const std::string &DName = tangentName(VD);
  DiffKind K = diffKind(T);
  std::string Decl = declare(T, VD->getName(), P);
  if (K == DiffKind::Array) {
    const auto *ILE =
        Init ? dyn_cast<InitListExpr>(Init->IgnoreImplicit()) : nullptr;
    if (Init && !ILE) {
      fail(Init->getExprLoc(), Diag::UnsupportedExpr, {"array initializer"});
      return;
    }
    std::string PT = "{}", TT = "{}";
    if (ILE)
      initList(ILE, PT, TT);
    Out->line(Decl + (ILE ? " = " + PT : std::string()) + ";");
    Out->line(declare(T, DName, P) + " = " + TT + ";");
    return;
  }
  if (!Init) {
    Out->line(Decl + ";");
    Out->line(declare(T, DName, P) + " = " +
              (K == DiffKind::Pointer ? "nullptr" : zero(T)) + ";");
    return;
  }
  if (const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreImplicit()))
    if (ILE->getNumInits() == 1)
      Init = ILE->getInit(0);
  if (K == DiffKind::Reference) {
    const Expr *Bound = Init->IgnoreParens();
    bool Temporary = isa<MaterializeTemporaryExpr>(Bound);
    Dual D = rvalue(Init);
    Out->line(Decl + " = " + D.Primal.Text + ";");
    QualType TT = Temporary ? T.getNonReferenceType() : T;
    Out->line(declare(TT, DName, P) + " = " +
              (D.T ? D.T->Text : zero(T.getNonReferenceType())) + ";");
    return;
  }
  Dual D = rvalue(Init);
  Out->line(Decl + " = " + D.Primal.Text + ";");
  std::string Zero = K == DiffKind::Pointer ? "nullptr" : zero(T);
  Out->line(declare(T, DName, P) + " = " + (D.T ? D.T->Text : Zero) + ";");
}

void ForwardBuilder::exprStmt(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    E = EWC->getSubExpr()->IgnoreParens();
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp())
      return assign(BO);
    if (BO->getOpcode() == BO_Comma) {
      exprStmt(BO->getLHS());
      exprStmt(BO->getRHS());
      return;
    }
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->isIncrementDecrementOp())
      return incDec(UO);
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if ((isa<CXXOperatorCallExpr>(CE) || isa<CXXMemberCallExpr>(CE)) &&
        eigenStatement(CE))
      return;
    call(CE, true);
    return;
  }
  const Expr *Where = nullptr;
  if (hasActiveEffects(E, &Where)) {
    fail(Where->getExprLoc(), Diag::WriteInCondition);
    return;
  }
  Out->line(verbatim(E, G.policy(), G.printer()).Text + ";");
}

void ForwardBuilder::returnStmt(const ReturnStmt *RS) {
  const Expr *V = RS->getRetValue();
  if (!V) {
    Out->line("return;");
    return;
  }
  QualType R = Fn->getReturnType();
  if (ReturnsMatrix) {
    Dual D = rvalue(V);
    if (D.T) {
      Out->line("return {" + D.Primal.Text + ", " + D.T->Text + "};");
      return;
    }
    Code Val = hoistEigen(D.Primal);
    Out->line("return {" + Val.Text + ", " + zeroMatrix(R, Val) + "};");
    return;
  }
  if (!ReturnsFloat) {
    if (R->isVoidType()) {
      exprStmt(V);
      Out->line("return;");
      return;
    }
    const Expr *Where = nullptr;
    if (hasActiveEffects(V, &Where)) {
      const auto *CE = dyn_cast<CallExpr>(V->IgnoreParenImpCasts());
      if (!CE || CE != Where) {
        fail(Where->getExprLoc(), Diag::WriteInCondition);
        return;
      }
      std::optional<Dual> D = call(CE, false);
      if (D)
        Out->line("return " + D->Primal.Text + ";");
      return;
    }
    Out->line("return " + verbatim(V, G.policy(), G.printer()).Text + ";");
    return;
  }
  // A call to a derivative with the same result type is returned directly.
  const Expr *Inner = V->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<CallExpr>(Inner))
    if (ctx().hasSameUnqualifiedType(CE->getType(), R) && AA.isActiveCall(CE)) {
      if (std::optional<std::string> Text = callText(CE))
        Out->line("return " + *Text + ";");
      return; // on failure, callText has said why
    }
  Dual D = rvalue(V);
  std::string PT = D.Primal.Text, TT = D.T ? D.T->Text : zero(R);
  if (!ctx().hasSameUnqualifiedType(Inner->getType(), R)) {
    PT = staticCast(type(R.getUnqualifiedType()), D.Primal).Text;
    if (D.T)
      TT = staticCast(type(R.getUnqualifiedType()), *D.T).Text;
  }
  Out->line("return {" + PT + ", " + TT + "};");
}

std::string ForwardBuilder::conditionText(const Expr *Cond,
                                          const VarDecl *CondVar) {
  if (!CondVar)
    return Cond ? condition(Cond).Text : std::string();
  if (AA.isVariedVar(CondVar) ||
      (CondVar->getInit() && hasActiveEffects(CondVar->getInit()))) {
    fail(CondVar->getLocation(), Diag::UnsupportedStmt,
         {"a differentiated condition variable"});
    return "false";
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  CondVar->print(OS, G.policy());
  return OS.str();
}

void ForwardBuilder::ifStmt(const IfStmt *IS, bool Chained) {
  bool Block = IS->getInit() != nullptr;
  if (Block) {
    Out->open("{");
    stmt(IS->getInit());
    Chained = false;
  }
  std::string Head =
      std::string(IS->isConstexpr() ? "if constexpr (" : "if (") +
      conditionText(IS->getCond(), IS->getConditionVariable()) + ") {";
  if (Chained)
    Out->reopen("} else " + Head);
  else
    Out->open(Head);
  contents(IS->getThen());
  if (const Stmt *Else = IS->getElse()) {
    const auto *ElseIf = dyn_cast<IfStmt>(Else);
    if (ElseIf && !ElseIf->getInit()) {
      ifStmt(ElseIf, true);
      if (Block)
        Out->close("}");
      return;
    }
    Out->reopen("} else {");
    contents(Else);
  }
  Out->close("}");
  if (Block)
    Out->close("}");
}

std::string ForwardBuilder::incrementText(const Expr *Inc) {
  if (!hasActiveEffects(Inc) && !AA.isVaried(Inc->IgnoreParens()))
    return verbatim(Inc, G.policy(), G.printer()).Text;
  CodeWriter Tmp;
  CodeWriter *Saved = Out;
  Out = &Tmp;
  bool SavedTemp = DeclaredTemporary;
  DeclaredTemporary = false;
  exprStmt(Inc);
  Out = Saved;
  if (DeclaredTemporary) {
    SourceLocation Loc = Inc->getExprLoc();
    std::function<bool(const Stmt *)> FindCall = [&](const Stmt *S) {
      if (const auto *CE = dyn_cast<CallExpr>(S)) {
        Loc = CE->getExprLoc();
        return true;
      }
      for (const Stmt *C : S->children())
        if (C && FindCall(C))
          return true;
      return false;
    };
    FindCall(Inc);
    fail(Loc, Diag::CallInLoopIncrement);
    return "";
  }
  DeclaredTemporary = SavedTemp;
  // Each line is one expression statement; join them with commas.
  std::string Text;
  llvm::StringRef Rest(Tmp.str());
  while (!Rest.empty()) {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    Line = Line.trim();
    if (Line.empty())
      continue;
    Line.consume_back(";");
    Text += (Text.empty() ? "" : ", ") + Line.str();
  }
  return Text;
}

void ForwardBuilder::forStmt(const ForStmt *FS) {
  const Stmt *Init = FS->getInit();
  bool Block = Init && !isInactiveStmt(Init);
  std::string InitText;
  if (Block) {
    Out->open("{");
    stmt(Init);
  } else if (Init) {
    InitText = stmtText(Init);
  }
  std::string Cond = conditionText(FS->getCond(), FS->getConditionVariable());
  std::string Inc = FS->getInc() ? incrementText(FS->getInc()) : "";
  Out->open("for (" + InitText + ";" + (Cond.empty() ? "" : " " + Cond) + ";" +
            (Inc.empty() ? "" : " " + Inc) + ") {");
  contents(FS->getBody());
  Out->close("}");
  if (Block)
    Out->close("}");
}

void ForwardBuilder::whileStmt(const WhileStmt *WS) {
  Out->open("while (" +
            conditionText(WS->getCond(), WS->getConditionVariable()) + ") {");
  contents(WS->getBody());
  Out->close("}");
}

void ForwardBuilder::doStmt(const DoStmt *DS) {
  Out->open("do {");
  contents(DS->getBody());
  Out->close("} while (" + condition(DS->getCond()).Text + ");");
}

void ForwardBuilder::scopedStmt(const Stmt *S) {
  // In a switch's block, a jump to a later label must not skip the
  // initialisation of a hoisted temporary: such a statement gets braces.
  CodeWriter Tmp;
  CodeWriter *Saved = Out;
  bool SavedTemporary = DeclaredTemporary;
  DeclaredTemporary = false;
  Out = &Tmp;
  stmt(S);
  Out = Saved;
  if (DeclaredTemporary && !isa<DeclStmt>(S) && !isa<SwitchCase>(S)) {
    Out->open("{");
    Out->append(Tmp);
    Out->close("}");
  } else {
    Out->append(Tmp);
  }
  DeclaredTemporary |= SavedTemporary;
}

void ForwardBuilder::switchStmt(const SwitchStmt *SS) {
  bool Block = SS->getInit() != nullptr;
  if (Block) {
    Out->open("{");
    stmt(SS->getInit());
  }
  Out->open("switch (" +
            conditionText(SS->getCond(), SS->getConditionVariable()) + ") {");
  if (const auto *Body = dyn_cast<CompoundStmt>(SS->getBody()))
    for (const Stmt *Child : Body->body())
      scopedStmt(Child);
  else
    scopedStmt(SS->getBody());
  Out->close("}");
  if (Block)
    Out->close("}");
}

} // namespace frechet
