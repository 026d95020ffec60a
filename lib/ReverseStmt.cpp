//===- ReverseStmt.cpp - reverse mode: statements and control flow --------===//
#include "ReverseBuilder.h"

#include "EigenExpr.h"
#include "Generator.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <functional>

using namespace clang;

namespace frechet {

ReverseBuilder::ReverseBuilder(Generator &G, DiffPlan &Plan)
    : G(G), Plan(Plan), Fn(Plan.Fn), AA(Plan.Fn, Plan.Active, G.rules()),
      Names(Plan.Fn), Printer(*this) {
  Names.reserve(Plan.Name);
  Names.reserve(Plan.FwdName);
  Names.reserve(Plan.RevName);
  ReturnsFloat = isFloating(Fn->getReturnType());
  ReturnsMatrix = diffKind(Fn->getReturnType()) == DiffKind::Matrix;
  Tape = Names.fresh("_tape");
  Ret = Names.fresh("_ret");
  SeedName = Names.fresh("d_ret");
}

const ASTContext &ReverseBuilder::ctx() const { return Fn->getASTContext(); }

void ReverseBuilder::fail(SourceLocation Loc, Diag D,
                          llvm::ArrayRef<std::string> Args) {
  G.fail(Plan, Loc, D, Args);
  Failed = true;
}

std::string ReverseBuilder::type(QualType T) const {
  return typeName(T, G.policy());
}

const std::string &ReverseBuilder::localName(const VarDecl *VD) {
  auto It = LocalNames.find(VD);
  if (It != LocalNames.end())
    return It->second;
  // Locals are hoisted to function scope: names from different scopes must
  // not collide, so the second `t` becomes t_1.
  std::string Base = VD->getName().empty() ? "v" : VD->getName().str();
  std::string Name = isa<ParmVarDecl>(VD) ? Base : Names.freshLocal(Base);
  return LocalNames[VD] = Name;
}

const std::string &ReverseBuilder::adjointName(const VarDecl *VD) {
  if (const auto *P = dyn_cast<ParmVarDecl>(VD))
    if (!LocalAdjoint.count(P))
      return paramAdjointName(P);
  auto It = AdjointNames.find(VD);
  if (It != AdjointNames.end())
    return It->second;
  std::string Base =
      "d_" + (VD->getName().empty() ? std::string("v") : localName(VD));
  return AdjointNames[VD] = Names.fresh(Base);
}

//===-- Statements
//---------------------------------------------------------===//

void ReverseBuilder::contents(const Stmt *S, CodeWriter &F, CodeWriter &R) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S)) {
    block(llvm::ArrayRef<const Stmt *>(CS->body_begin(), CS->body_end()), F, R);
    return;
  }
  if (S)
    block({S}, F, R);
}

std::vector<unsigned> ReverseBuilder::relevantExits(const Stmt *S) const {
  std::vector<unsigned> Ids;
  auto Consider = [&](unsigned Id) {
    const Stmt *E = ExitStmts[Id - 1];
    auto It = ExitCrosses.find(E);
    if (isa<ReturnStmt>(E) ||
        (It != ExitCrosses.end() && It->second.count(Current->S)))
      Ids.push_back(Id);
  };
  if (ExitIds.count(S))
    Consider(ExitIds.lookup(S));
  auto It = ExitsIn.find(S);
  if (It != ExitsIn.end())
    for (unsigned Id : It->second)
      Consider(Id);
  return Ids;
}

void ReverseBuilder::block(llvm::ArrayRef<const Stmt *> Stmts, CodeWriter &F,
                           CodeWriter &R) {
  std::vector<CodeWriter> Revs(Stmts.size());
  for (size_t I = 0; I < Stmts.size(); ++I)
    stmt(Stmts[I], F, Revs[I]);
  if (!Current->HasExits) {
    for (size_t I = Stmts.size(); I-- > 0;)
      R.append(Revs[I]);
    return;
  }
  // Only what ran is reversed: statements after the exit that was taken are
  // skipped until the reverse sweep reaches that exit.
  CodeWriter Pending;
  auto Flush = [&] {
    if (Pending.empty())
      return;
    R.open("if (" + Current->Live + ") {");
    R.append(Pending);
    R.close();
    Pending = CodeWriter();
  };
  for (size_t I = Stmts.size(); I-- > 0;) {
    // A case label: what precedes it did not run if the switch entered here.
    std::string Entered;
    if (Current->IsSwitch)
      for (const Stmt *L = Stmts[I]; isa_and_nonnull<SwitchCase>(L);
           L = cast<SwitchCase>(L)->getSubStmt())
        Entered += std::string(Entered.empty() ? "" : " || ") + Current->Entry +
                   " == " + std::to_string(LabelIds.lookup(L));
    std::vector<unsigned> Ids = relevantExits(Stmts[I]);
    if (!Entered.empty()) {
      if (Ids.empty()) {
        Pending.append(Revs[I]);
      } else {
        Flush();
        std::string Cond = Current->Live;
        for (unsigned Id : Ids)
          Cond += " || " + Current->Exit + " == " + std::to_string(Id);
        R.open("if (" + Cond + ") {");
        R.append(Revs[I]);
        R.line(Current->Live + " = true;");
        R.close();
      }
      Flush();
      R.open("if (" + Entered + ") {");
      R.line(Current->Live + " = false;");
      R.close();
      continue;
    }
    if (Ids.empty()) {
      Pending.append(Revs[I]);
      continue;
    }
    Flush();
    if (ExitIds.count(Stmts[I])) {
      R.append(Revs[I]);
      continue;
    }
    std::string Cond = Current->Live;
    for (unsigned Id : Ids)
      Cond += " || " + Current->Exit + " == " + std::to_string(Id);
    R.open("if (" + Cond + ") {");
    R.append(Revs[I]);
    R.line(Current->Live + " = true;");
    R.close();
  }
  Flush();
}

void ReverseBuilder::stmt(const Stmt *S, CodeWriter &F, CodeWriter &R) {
  if (!S || isa<NullStmt>(S))
    return;
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    CodeWriter FB, RB;
    contents(CS, FB, RB);
    F.open("{");
    F.append(FB);
    F.close();
    if (!RB.empty()) {
      R.open("{");
      R.append(RB);
      R.close();
    }
  } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    declStmt(DS, F, R);
  } else if (const auto *IS = dyn_cast<IfStmt>(S)) {
    withInitializer(IS->getInit(), IS->getConditionVariableDeclStmt(), F, R,
                    [&](CodeWriter &RS) { ifStmt(IS, F, RS); });
  } else if (isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S)) {
    loop(S, F, R);
  } else if (const auto *SS = dyn_cast<SwitchStmt>(S)) {
    withInitializer(SS->getInit(), SS->getConditionVariableDeclStmt(), F, R,
                    [&](CodeWriter &RS) { switchStmt(SS, F, RS); });
  } else if (const auto *SC = dyn_cast<SwitchCase>(S)) {
    // The forward sweep notes the first label it passes: the entry.
    if (const auto *CS = dyn_cast<CaseStmt>(SC))
      F.label("case " + text(CS->getLHS()).Text +
              (CS->getRHS() ? " ... " + text(CS->getRHS()).Text : "") + ":");
    else
      F.label("default:");
    F.line("if (" + Current->Entry + " == 0)");
    F.line("  " + Current->Entry + " = " + std::to_string(LabelIds.lookup(SC)) +
           ";");
    stmt(SC->getSubStmt(), F, R);
  } else if (isa<BreakStmt>(S) || isa<ContinueStmt>(S) || isa<ReturnStmt>(S)) {
    exitStmt(S, F, R);
  } else if (const auto *AS = dyn_cast<AttributedStmt>(S)) {
    stmt(AS->getSubStmt(), F, R);
  } else if (const auto *LS = dyn_cast<LabelStmt>(S)) {
    stmt(LS->getSubStmt(), F, R);
  } else if (const auto *E = dyn_cast<Expr>(S)) {
    exprStmt(E, F, R);
  } else {
    fail(S->getBeginLoc(), Diag::ReverseUnsupported,
         {std::string("this statement (") + S->getStmtClassName() + ")"});
  }
}

void ReverseBuilder::withInitializer(
    const Stmt *Init, const DeclStmt *CondVar, CodeWriter &F, CodeWriter &R,
    llvm::function_ref<void(CodeWriter &)> Body) {
  // `if (init; T v = e) S` runs as `init; T v = e; if (v) S` (locals are
  // hoisted to the function with names of their own, so the scope is kept):
  // the reverse sweep undoes the statement, then v, then init.
  CodeWriter RInit, RVar, RBody;
  stmt(Init, F, RInit);
  stmt(CondVar, F, RVar);
  Body(RBody);
  R.append(RBody);
  R.append(RVar);
  R.append(RInit);
}

void ReverseBuilder::declStmt(const DeclStmt *DS, CodeWriter &F,
                              CodeWriter &R) {
  std::vector<CodeWriter> Revs;
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->getInit())
      continue;
    Revs.emplace_back();
    const Expr *Init = VD->getInit();
    if (const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreImplicit())) {
      if (!VD->getType()->isArrayType()) {
        if (ILE->getNumInits() == 1) {
          assignVar(VD, ILE->getInit(0), F, Revs.back());
          continue;
        }
        fail(Init->getExprLoc(), Diag::ReverseUnsupported,
             {"this initializer"});
        continue;
      }
      arrayInit(VD, ILE, F, Revs.back());
      continue;
    }
    if (VD->getType()->isArrayType()) {
      fail(Init->getExprLoc(), Diag::ReverseUnsupported,
           {"this array initializer"});
      continue;
    }
    assignVar(VD, Init, F, Revs.back());
  }
  for (auto It = Revs.rbegin(); It != Revs.rend(); ++It)
    R.append(*It);
}

/// Whether evaluating \p S writes something: an assignment, an increment,
/// or a call to a differentiated function.
bool ReverseBuilder::writes(const Stmt *S) const {
  if (!S)
    return false;
  if (writtenBy(S))
    return true;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (AA.isActiveCall(CE) && !PrimalCalls.count(CE))
      return true;
  for (const Stmt *C : S->children())
    if (writes(C))
      return true;
  return false;
}

/// The first write in \p S whose old value the reverse sweep would need
/// (or that has an adjoint): an assignment, increment or differentiated
/// call. Writes nothing in f_rev reads again (`while (n-- > 0)` where f_rev
/// never reads n) need no mirror.
const Stmt *ReverseBuilder::mirroredWrite(const Stmt *S) const {
  if (!S)
    return nullptr;
  const Expr *Target = writtenBy(S);
  if (Target && (AA.isVariedStorage(Target) || savesWrite(Target)))
    return S;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (AA.isActiveCall(CE) && !PrimalCalls.count(CE))
      return S;
  for (const Stmt *C : S->children())
    if (const Stmt *W = mirroredWrite(C))
      return W;
  return nullptr;
}

std::string ReverseBuilder::condition(const Expr *E) {
  // The reverse sweep never re-evaluates conditions (their outcomes are
  // taped), but f_fwd must not overwrite what f_rev reads behind its back.
  if (const Stmt *W = mirroredWrite(E))
    fail(cast<Expr>(W)->getExprLoc(), Diag::ReverseUnsupported,
         {isa<CallExpr>(W) ? "a call writing through its arguments in a "
                             "condition"
                           : "a write in a condition to a variable whose old "
                             "value the reverse sweep reads"});
  return text(E).Text;
}

void ReverseBuilder::ifStmt(const IfStmt *IS, CodeWriter &F, CodeWriter &R) {
  std::string Cond = condition(IS->getCond());
  CodeWriter FT, RT, FE, RE;
  Frames.push_back({true, true, nullptr});
  contents(IS->getThen(), FT, RT);
  Frames.back().Decision = false;
  if (IS->getElse())
    contents(IS->getElse(), FE, RE);
  Frames.pop_back();
  // The decision: on the tape, or in a slot of its loop's block.
  std::string Slot;
  if (auto It = SlotFor.find(IS);
      It != SlotFor.end() && (!RT.empty() || !RE.empty())) {
    SlotsUsed.insert(IS);
    Slot = It->second;
  }
  branches(Cond, Slot, FT, RT, FE, RE, F, R);
}

void ReverseBuilder::branches(const std::string &Cond, const std::string &Slot,
                              const CodeWriter &FT, const CodeWriter &RT,
                              const CodeWriter &FE, const CodeWriter &RE,
                              CodeWriter &F, CodeWriter &R) {
  // The branch taken is recorded only if either has reverse code; f_rev
  // reads it back instead of evaluating the condition again.
  bool Taped = !RT.empty() || !RE.empty();
  auto Record = [&](const char *Decision) {
    F.line(!Slot.empty() ? Slot + " = " + Decision + ";"
                         : Tape + ".push(" + Decision + ");");
  };
  F.open("if (" + Cond + ") {");
  F.append(FT);
  if (Taped)
    Record("true");
  if (Taped || !FE.empty()) {
    F.reopen("} else {");
    F.append(FE);
    if (Taped)
      Record("false");
  }
  F.close();
  if (!Taped)
    return;
  R.open("if (" + (!Slot.empty() ? Slot : Tape + ".pop<bool>()") + ") {");
  R.append(RT);
  if (!RE.empty()) {
    R.reopen("} else {");
    R.append(RE);
  }
  R.close();
}

void ReverseBuilder::loop(const Stmt *S, CodeWriter &F, CodeWriter &R) {
  Level *L = Levels[S].get();
  L->Count = Names.fresh("_n");
  FwdDecls.push_back("int " + L->Count + " = 0;");
  RevDecls.push_back("int " + L->Count + " = 0;");
  if (L->Index) {
    L->Start = Names.fresh("_s");
    FwdDecls.push_back("int " + L->Start + " = 0;");
    RevDecls.push_back("int " + L->Start + " = 0;");
  }
  if (L->HasExits) {
    L->Exit = Names.fresh("_e");
    L->Live = Names.fresh("_live");
  }
  const Stmt *Body = nullptr;
  const Expr *Cond = nullptr, *Inc = nullptr;
  const Stmt *Init = nullptr;
  // `while (T v = e)`: v is declared and tested before each iteration.
  const DeclStmt *CondVar = nullptr;
  if (const auto *FS = dyn_cast<ForStmt>(S)) {
    Body = FS->getBody();
    Cond = FS->getCond();
    Inc = FS->getInc();
    Init = FS->getInit();
    CondVar = FS->getConditionVariableDeclStmt();
  } else if (const auto *WS = dyn_cast<WhileStmt>(S)) {
    Body = WS->getBody();
    Cond = WS->getCond();
    CondVar = WS->getConditionVariableDeclStmt();
  } else {
    Body = cast<DoStmt>(S)->getBody();
    Cond = cast<DoStmt>(S)->getCond();
  }

  // A counted loop whose start and bound the reverse sweep can evaluate
  // again (nothing in them is overwritten) tapes nothing at all.
  std::optional<std::string> Trip;
  if (L->Index && !L->HasExits && !CondVar)
    Trip = staticTripCount(cast<ForStmt>(S), *L);
  // Writes saved as whole blocks around the loop, not element by element.
  std::vector<const Expr *> Blocks;
  if (Trip)
    Blocks = bulkSaves(cast<ForStmt>(S), *L);
  else
    dropPrivate(S); // the reverse sweep could not size the block
  BulkSaved.insert(Blocks.begin(), Blocks.end());
  // Other writes saved in tape blocks, a slot per iteration; not in a fused
  // loop, whose iterations each pop what they pushed.
  struct SlotBlock {
    const Stmt *Site;
    std::string Name, Type;
  };
  std::vector<SlotBlock> SlotBlocks;
  if (Trip && !FusedLoops.count(S))
    for (const Stmt *Site : slotSaves(cast<ForStmt>(S), *L)) {
      std::string Name = Names.fresh("_b");
      const auto *LHS = dyn_cast<Expr>(Site);
      std::string T =
          LHS ? type(LHS->getType().getCanonicalType().getUnqualifiedType())
              : "bool";
      SlotFor[Site] = Name + "[" + localName(L->Index) + " - " + L->Start + "]";
      SlotBlocks.push_back({Site, Name, T});
    }
  auto Block = [&](CodeWriter &W, const Expr *LHS, const char *Op) {
    const auto *ASE = cast<ArraySubscriptExpr>(LHS->IgnoreParens());
    W.line("if (" + L->Count + " > 0)");
    W.line("  " + Tape + "." + Op + "(&" + text(ASE->getBase()).Text + "[" +
           L->Start + "], sizeof(" + type(LHS->getType().getUnqualifiedType()) +
           ") * " + L->Count + ");");
  };

  // The loop's own statements, then the loop around them.
  CodeWriter FInit, RInit, FB, RB, FVar, RVar, FInc, RInc;
  if (Init && !L->Index)
    stmt(Init, FInit, RInit);
  // An increment whose write must be undone (or that has a derivative) runs
  // as a statement at the end of the body and before each `continue` of
  // the loop (break and return skip it, as they skip the increment).
  bool IncInBody =
      Inc && !L->Index && (AA.isVaried(Inc) || mirroredWrite(Inc) != nullptr);
  Frames.push_back({false, false, L});
  Level *Saved = Current;
  Current = L;
  stmt(CondVar, FVar, RVar);
  // Whether the last declaration of the condition variable ran, when the
  // body can leave the loop otherwise (the exits record it too).
  if (CondVar && L->HasExits && !RVar.empty()) {
    L->VarDone = Names.fresh("_c");
    FwdDecls.push_back("bool " + L->VarDone + " = false;");
  }
  if (IncInBody) {
    stmt(Inc, FInc, RInc);
    L->IncCode = &FInc;
  }
  // Private arrays point at the iteration's stretch of their block.
  CodeWriter FSlots;
  if (L->Index)
    privateSlots(S, localName(L->Index) + " - " + L->Start, FSlots);
  contents(Body, FB, RB);
  FB.append(FInc);
  L->IncCode = nullptr;
  Current = Saved;
  Frames.pop_back();
  // The blocks the body's code used.
  llvm::erase_if(SlotBlocks,
                 [&](const SlotBlock &B) { return !SlotsUsed.count(B.Site); });
  for (const SlotBlock &B : SlotBlocks) {
    FwdDecls.push_back(B.Type + " *" + B.Name + " = nullptr;");
    RevDecls.push_back(B.Type + " *" + B.Name + " = nullptr;");
  }

  std::string CondText = Cond ? condition(Cond) : "";
  std::string IncText = Inc && !IncInBody ? text(Inc).Text : "";

  F.append(FInit);
  F.line(L->Count + " = 0;");
  // With a condition variable, the test moves into the body, after v's
  // declaration: `for (;; inc) { v = e; if (!v) break; ... }`. Its last
  // declaration (the one that ends the loop) is undone before the
  // iterations; after an exit from the body there is none (a taped flag).
  std::string HeadCond = CondVar ? "" : CondText;
  const std::string &VarDone = L->VarDone;
  if (!VarDone.empty())
    F.line(VarDone + " = false;");
  std::string Head;
  if (L->Index) {
    const Expr *E0 = L->Index->getInit();
    F.line(L->Start + " = " + text(E0).Text + ";");
    Head = "for (" + localName(L->Index) + " = " + L->Start + "; " + HeadCond +
           "; " + IncText + ") {";
  } else if (isa<ForStmt>(S)) {
    Head = "for (; " + HeadCond + "; " + IncText + ") {";
  } else if (isa<WhileStmt>(S)) {
    Head = CondVar ? "for (;;) {" : "while (" + CondText + ") {";
  } else {
    Head = "do {";
  }
  bool Private = PrivateIn.count(S);
  if (!Blocks.empty() || !SlotBlocks.empty() || Private)
    F.line(L->Count + " = " + *Trip + ";");
  for (const Expr *LHS : Blocks)
    Block(F, LHS, "push_bytes");
  CodeWriter RPriv, FPrivPost, RPrivPost;
  privateBlocks(S, L->Count, F, RPriv, FPrivPost, RPrivPost);
  for (const SlotBlock &B : SlotBlocks)
    F.line(B.Name + " = " + Tape + ".push_block<" + B.Type + ">(" + L->Count +
           ");");
  F.open(Head);
  if (CondVar) {
    F.append(FVar);
    F.open("if (!(" + CondText + ")) {");
    if (!VarDone.empty())
      F.line(VarDone + " = true;");
    F.line("break;");
    F.close();
  }
  if (!Trip)
    F.line("++" + L->Count + ";");
  F.append(FSlots);
  F.append(FB);
  if (L->HasExits)
    F.line(Tape + ".push(0);");
  F.close(isa<DoStmt>(S) ? "} while (" + CondText + ");" : "}");
  if (!VarDone.empty())
    F.line(Tape + ".push(" + VarDone + ");");
  if (!Trip) {
    if (L->Index)
      F.line(Tape + ".push(" + L->Start + ");");
    F.line(Tape + ".push(" + L->Count + ");");
  }
  F.append(FPrivPost);

  // In the entry point, a fused loop runs each iteration's reverse right
  // after it, with the sum's adjoint it will have (ReverseFusedLoops.cpp).
  // Only if an iteration's reverse reads the tape: otherwise nothing grows
  // with the trip count, and a separate reverse loop may vectorize.
  if (auto It = FusedLoops.find(S); It != FusedLoops.end() && Blocks.empty() &&
                                    RB.str().find(Tape) != std::string::npos) {
    CodeWriter &W = FusedCode[S];
    const std::string &DSum = adjointName(It->second.Sum);
    const std::string &C = It->second.Coefficient;
    W.line("// Iterations only add to '" + localName(It->second.Sum) +
           "': each is reversed right after it runs.");
    W.line(L->Start + " = " + text(L->Index->getInit()).Text + ";");
    W.line(DSum + " = " + SeedName + (C == "1.0" ? "" : " * (" + C + ")") +
           ";");
    CodeWriter Before, Start, After;
    fusedPrivate(S, Before, Start, After);
    W.append(Before);
    W.open(Head);
    W.append(Start);
    W.append(FB);
    W.append(RB);
    W.close();
    W.append(After);
    W.line(DSum + " = 0;");
  }

  // Reverse: the iterations backwards.
  if (Trip) {
    R.line(L->Start + " = " + text(L->Index->getInit()).Text + ";");
    R.line(L->Count + " = " + *Trip + ";");
    R.append(RPriv);
    for (auto It = SlotBlocks.rbegin(); It != SlotBlocks.rend(); ++It)
      R.line(It->Name + " = " + Tape + ".pop_block<" + It->Type + ">(" +
             L->Count + ");");
  } else {
    R.line(L->Count + " = " + Tape + ".pop<int>();");
  }
  std::string K = Names.fresh("_k");
  if (L->Index && !Trip)
    R.line(L->Start + " = " + Tape + ".pop<int>();");
  if (!RVar.empty()) {
    // The declaration that ended the loop: one step past the last iteration.
    if (!VarDone.empty())
      R.open("if (" + Tape + ".pop<bool>()) {");
    if (L->Index)
      R.line(localName(L->Index) + " = " + L->Start + " + " + L->Count +
             (L->Step == 1 ? "" : " * " + std::to_string(L->Step)) + ";");
    R.append(RVar);
    if (!VarDone.empty())
      R.close();
  }
  if (L->Index) {
    R.open("for (int " + K + " = " + L->Count + " - 1; " + K + " >= 0; --" + K +
           ") {");
    if (reassociates(S, *L, Trip.has_value(), RB))
      R.line("#pragma clang fp reassociate(on)");
    std::string Offset = L->Step == 1 ? K : K + " * " + std::to_string(L->Step);
    R.line(localName(L->Index) + " = " + L->Start + " + " + Offset + ";");
    privateSlots(S, K, R);
  } else {
    R.open("for (int " + K + " = 0; " + K + " < " + L->Count + "; ++" + K +
           ") {");
  }
  if (L->HasExits) {
    R.line("const int " + L->Exit + " = " + Tape + ".pop<int>();");
    R.line("bool " + L->Live + " = " + L->Exit + " == 0;");
  }
  // The increment's reverse first, if the iteration ran it: it ended
  // normally or by a continue.
  if (!RInc.empty() && L->HasExits) {
    std::string Ran = L->Exit + " == 0";
    for (unsigned Id : L->IncExits)
      Ran += " || " + L->Exit + " == " + std::to_string(Id);
    R.open("if (" + Ran + ") {");
    R.append(RInc);
    R.close();
  } else {
    R.append(RInc);
  }
  R.append(RB);
  R.append(RVar);
  R.close();
  R.append(RPrivPost);
  for (auto It = Blocks.rbegin(); It != Blocks.rend(); ++It)
    Block(R, *It, "pop_bytes");
  R.append(RInit);
}

std::optional<std::string> ReverseBuilder::staticTripCount(const ForStmt *FS,
                                                           const Level &L) {
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(FS->getCond());
  if (!Cond)
    return std::nullopt;
  const auto *DRE =
      dyn_cast<DeclRefExpr>(Cond->getLHS()->IgnoreParenImpCasts());
  if (!DRE || DRE->getDecl() != L.Index)
    return std::nullopt;
  // Start and bound must mean the same in the reverse sweep: no side
  // effects, no calls, nothing that is overwritten (counted indices of
  // enclosing loops are recomputed there, so they qualify).
  auto Stable = [&](const Expr *E) {
    bool Ok = !E->HasSideEffects(ctx());
    std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
      if (isa<CallExpr>(S))
        Ok = false;
      if (const auto *R = dyn_cast<DeclRefExpr>(S))
        if (const auto *V = dyn_cast<VarDecl>(R->getDecl()))
          if (Overwritten.count(V) ||
              (!Locals.count(V) && !isa<ParmVarDecl>(V) &&
               !V->getType().isConstQualified()))
            Ok = false;
      for (const Stmt *C : S->children())
        if (C)
          Visit(C);
    };
    Visit(E);
    return Ok;
  };
  const Expr *U = Cond->getRHS();
  if (!Stable(U) || !Stable(L.Index->getInit()))
    return std::nullopt;
  // The reverse sweep evaluates both again: the locals they read must have
  // their values there (k in 'for (int i = k; ...)').
  readAll(U);
  readAll(L.Index->getInit());
  // n = ceil((U - S) / step) when positive, in the bound's type.
  Code B = text(U);
  std::string Bp = operand(B, Prec::Additive, true),
              Bl = operand(B, Prec::Additive);
  std::string S = L.Start;
  long Step = L.Step, A = Step < 0 ? -Step : Step;
  std::string Diff, Test;
  switch (Cond->getOpcode()) {
  case BO_LT:
  case BO_LE:
    if (Step <= 0)
      return std::nullopt;
    Diff = Bl + " - " + S;
    Test = Bl + (Cond->getOpcode() == BO_LT ? " > " : " >= ") + S;
    break;
  case BO_GT:
  case BO_GE:
    if (Step >= 0)
      return std::nullopt;
    Diff = S + " - " + Bp;
    Test = S + (Cond->getOpcode() == BO_GT ? " > " : " >= ") + Bp;
    break;
  default:
    return std::nullopt;
  }
  bool Inclusive = Cond->getOpcode() == BO_LE || Cond->getOpcode() == BO_GE;
  std::string Count;
  if (A == 1)
    Count = Diff + (Inclusive ? " + 1" : "");
  else if (Inclusive)
    Count = "(" + Diff + ") / " + std::to_string(A) + " + 1";
  else
    Count =
        "(" + Diff + " + " + std::to_string(A - 1) + ") / " + std::to_string(A);
  std::string Trip = Test + " ? " + Count + " : 0";
  if (!U->getType()->isSpecificBuiltinType(BuiltinType::Int))
    Trip = "static_cast<int>(" + Trip + ")";
  return Trip;
}

void ReverseBuilder::switchStmt(const SwitchStmt *SS, CodeWriter &F,
                                CodeWriter &R) {
  Level *L = Levels[SS].get();
  L->Entry = Names.fresh("_en");
  L->Exit = Names.fresh("_e");
  L->Live = Names.fresh("_live");
  FwdDecls.push_back("int " + L->Entry + " = 0;");
  RevDecls.push_back("int " + L->Entry + " = 0;");
  std::string Cond = condition(SS->getCond());
  CodeWriter FB, RB;
  FB.indent(); // case labels half a level out, as clang-format puts them
  Frames.push_back({false, false, L});
  Level *Saved = Current;
  Current = L;
  contents(SS->getBody(), FB, RB);
  Current = Saved;
  Frames.pop_back();

  // Forward: where the body was entered and where it was left.
  F.line(L->Entry + " = 0;");
  F.line("switch (" + Cond + ") {");
  F.append(FB);
  F.indent();
  F.line(Tape + ".push(0);");
  F.close();
  F.line(Tape + ".push(" + L->Entry + ");");

  // Reverse: nothing ran if no label matched.
  R.line(L->Entry + " = " + Tape + ".pop<int>();");
  R.open("if (" + L->Entry + " != 0) {");
  R.line("const int " + L->Exit + " = " + Tape + ".pop<int>();");
  R.line("bool " + L->Live + " = " + L->Exit + " == 0;");
  R.append(RB);
  R.close();
}

void ReverseBuilder::exitPushes(const Stmt *Target, unsigned Id,
                                CodeWriter &F) {
  for (auto It = Frames.rbegin(); It != Frames.rend(); ++It) {
    if (It->IsBranch) {
      F.line(Tape + ".push(" + (It->Decision ? "true" : "false") + ");");
      continue;
    }
    Level *L = It->L;
    if (Target && L->S == Target && !L->IsSwitch) {
      if (L->IncCode && isa<ContinueStmt>(ExitStmts[Id - 1])) {
        F.append(*L->IncCode);
        L->IncExits.push_back(Id);
      }
      F.line(Tape + ".push(" + std::to_string(Id) + ");");
      return;
    }
    F.line(Tape + ".push(" + std::to_string(Id) + ");");
    // Leaving the loop or switch: record what its end would have recorded.
    if (L->IsSwitch) {
      if (Target && L->S == Target)
        return; // a break: the code after the switch records the entry
      F.line(Tape + ".push(" + L->Entry + ");");
      continue;
    }
    if (!L->VarDone.empty())
      F.line(Tape + ".push(false);");
    if (L->Index)
      F.line(Tape + ".push(" + L->Start + ");");
    F.line(Tape + ".push(" + L->Count + ");");
  }
  if (!Target && FunctionLevel.HasExits)
    F.line(Tape + ".push(" + std::to_string(Id) + ");");
}

void ReverseBuilder::exitStmt(const Stmt *S, CodeWriter &F, CodeWriter &R) {
  unsigned Id = ExitIds.lookup(S);
  bool Guard = Current->HasExits;
  CodeWriter Body;
  if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    std::vector<CodeWriter> PreRev;
    if (const Expr *V = RS->getRetValue()) {
      Code Val = primal(V, F, PreRev);
      if (Fn->getReturnType()->isVoidType())
        F.line(Val.Text + ";");
      else
        F.line(Ret + " = " + Val.Text + ";");
      if (ReturnsFloat && AA.isVaried(V)) {
        bindCallValues(V, Body);
        accumulate(V, Code(SeedName), Body);
        CallValues.clear();
      }
      if (ReturnsMatrix && AA.isVaried(V)) {
        Body.open("if (!frechet::is_zero(" + SeedName + ")) {");
        accumulate(V, Code(SeedName), Body);
        Body.close();
      }
    }
    for (auto It = PreRev.rbegin(); It != PreRev.rend(); ++It)
      Body.append(*It);
    exitPushes(nullptr, Id, F);
    F.line("goto _exit;");
  } else {
    const Stmt *Target = ExitTarget.lookup(S);
    exitPushes(Target, Id, F);
    F.line(isa<BreakStmt>(S) ? "break;" : "continue;");
  }
  if (!Guard) {
    R.append(Body);
    return;
  }
  R.open("if (" + Current->Exit + " == " + std::to_string(Id) + ") {");
  R.line(Current->Live + " = true;");
  R.append(Body);
  R.close();
}

void ReverseBuilder::exprStmt(const Expr *E, CodeWriter &F, CodeWriter &R) {
  E = E->IgnoreParens();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    E = EWC->getSubExpr()->IgnoreParens();
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAssignmentOp() || BO->isCompoundAssignmentOp()) {
      if (const auto *CO =
              dyn_cast<ConditionalOperator>(BO->getLHS()->IgnoreParens()))
        return conditionalAssign(CO, BO->getOpcode(), BO->getRHS(), F, R);
      return assign(BO->getLHS(), BO->getOpcode(), BO->getRHS(), F, R);
    }
    if (BO->getOpcode() == BO_Comma) {
      CodeWriter R1, R2;
      exprStmt(BO->getLHS(), F, R1);
      exprStmt(BO->getRHS(), F, R2);
      R.append(R2);
      R.append(R1);
      return;
    }
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->isIncrementDecrementOp()) {
      const Expr *Sub = UO->getSubExpr();
      bool Save = savesWrite(Sub);
      Code L = text(Sub);
      if (Save && Sub->getType()->isIntegerType()) {
        // An integer counter: undone exactly by the opposite step.
        F.line(text(UO).Text + ";");
        R.line((UO->isIncrementOp() ? "--" : "++") + L.Text + ";");
        return;
      }
      // A pointer into one of f's arrays is taped as an offset (pushText).
      QualType T = Sub->getType().getUnqualifiedType();
      if (Save)
        F.line(pushText(T, L.Text));
      F.line(text(UO).Text + ";");
      if (Save)
        R.line(popText(T, L.Text));
      return;
    }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (std::optional<CommaInit> CI = matchCommaInit(CE))
      return eigenCommaInit(*CI, F, R);
    if (std::optional<EigenOp> Op = matchEigen(CE);
        Op && Op->Kind == EigenOpKind::Assign)
      return eigenAssign(*Op, F, R);
    else if (Op && isEigenMutator(*Op))
      return eigenMutate(*Op, F, R);
    callStatement(CE, F, R);
    return;
  }
  if (writes(E)) {
    fail(E->getExprLoc(), Diag::ReverseUnsupported,
         {"an assignment inside a larger expression"});
    return;
  }
  F.line(text(E).Text + ";");
}

} // namespace frechet
