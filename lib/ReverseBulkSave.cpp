//===- ReverseBulkSave.cpp - loops whose writes are saved as one block ----===//
//
// Two ways to save what a counted loop overwrites without a tape push and
// pop per value.
//
// `for (i = s; i < n; ++i) out[i] = x[i] - y[i];` in a function whose
// writes through `out` must be undone saves out[i] before each write and
// restores it at the mirrored point: a tape push and a pop per element, and
// neither loop vectorizes. When every memory write of a counted loop is
// `B[i] = e` (or +=, -=) with i the loop's index (step 1) and B a pointer
// or array the loop does not change, the loop writes exactly B[s, s + n)
// for each such B; saving those blocks before the loop (push_bytes) and
// restoring them after the reverse loop (pop_bytes) leaves memory as the
// element-wise saves would. In between, B holds the loop's results instead
// of the values of the iteration being reversed, so the reverse of the body
// must read no memory at all: its right-hand sides are sums of array reads
// and of products with factors that read no memory or have no adjoint.
// That holds whatever the arrays alias, since all blocks are saved before
// the loop writes anything.
//
// Otherwise, when the loop's body is assignments and if/else around them
// that tape nothing else (no calls that run in both sweeps), each value a
// statement saves, and each branch decision, goes to a slot of a tape block
// reserved before the loop, one slot per iteration (`_b[i - _s] = out[i];
// out[i] = ...`), and the reverse loop reads it from the block that
// pop_block returns before the loop (a statement in a branch not taken
// leaves its slot unused, and the reverse does not read it):
// the same order of saves and restores as pushes and pops, so it holds
// whatever the arrays alias, with plain loads and stores instead of calls
// that check for room on the tape.
//
//===----------------------------------------------------------------------===//

#include "PrivateArrays.h"
#include "ReverseBuilder.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

#include <functional>

using namespace clang;

namespace frechet {

namespace {

bool readsMemory(const Stmt *S) {
  if (isa<ArraySubscriptExpr, MemberExpr, CallExpr>(S))
    return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    if (UO->getOpcode() == UO_Deref)
      return true;
  for (const Stmt *C : S->children())
    if (C && readsMemory(C))
      return true;
  return false;
}

// Member and operator calls (Eigen expressions): their sweeps may tape.
bool hasClassCall(const Stmt *S) {
  if (isa<CXXMemberCallExpr, CXXOperatorCallExpr>(S))
    return true;
  for (const Stmt *C : S->children())
    if (C && hasClassCall(C))
      return true;
  return false;
}

// An assignment or increment inside an expression: it runs as a statement
// of its own, whose save would not have a slot.
bool hasNestedWrite(const Stmt *S) {
  if (ReverseBuilder::writtenBy(S))
    return true;
  for (const Stmt *C : S->children())
    if (C && hasNestedWrite(C))
      return true;
  return false;
}

bool isVar(const Expr *E, const VarDecl *V) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE && DRE->getDecl() == V;
}

} // namespace

bool ReverseBuilder::reverseReadsNoMemory(const Expr *E) const {
  E = E->IgnoreParens();
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
    return reverseReadsNoMemory(Cast->getSubExpr());
  if (isa<FloatingLiteral, IntegerLiteral>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    return V && V->getType()->isScalarType() &&
           !V->getType()->isReferenceType();
  }
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) // read forward only
    return isa<DeclRefExpr>(ASE->getBase()->IgnoreParenImpCasts()) &&
           !readsMemory(ASE->getIdx());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return (UO->getOpcode() == UO_Minus || UO->getOpcode() == UO_Plus) &&
           reverseReadsNoMemory(UO->getSubExpr());
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO)
    return false;
  const Expr *L = BO->getLHS(), *R = BO->getRHS();
  if (!reverseReadsNoMemory(L) || !reverseReadsNoMemory(R))
    return false;
  switch (BO->getOpcode()) {
  case BO_Add:
  case BO_Sub:
    return true;
  case BO_Mul: // d_L needs R, d_R needs L
    return !(AA.isVaried(L) && readsMemory(R)) &&
           !(AA.isVaried(R) && readsMemory(L));
  case BO_Div: // d_L needs R, d_R needs L and R
    return !(AA.isVaried(L) && readsMemory(R)) &&
           !(AA.isVaried(R) && (readsMemory(L) || readsMemory(R)));
  default:
    return false;
  }
}

std::vector<const Expr *> ReverseBuilder::bulkSaves(const ForStmt *FS,
                                                    const Level &L) const {
  if (!L.Index || L.Step != 1 || L.HasExits)
    return {};
  llvm::SmallVector<const Stmt *, 8> Body = statementsOf(FS->getBody());
  std::vector<const Expr *> Blocks;
  llvm::DenseSet<const VarDecl *> Bases;
  for (const Stmt *S : Body) {
    const auto *BO = dyn_cast<BinaryOperator>(S);
    if (!BO ||
        !(BO->getOpcode() == BO_Assign || BO->getOpcode() == BO_AddAssign ||
          BO->getOpcode() == BO_SubAssign))
      return {};
    if (!reverseReadsNoMemory(BO->getRHS()))
      return {};
    const Expr *LHS = BO->getLHS()->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || !V->getType()->isScalarType() || V == L.Index ||
          V->getType()->isReferenceType())
        return {};
      continue; // a scalar: saved on its own, as before
    }
    const auto *ASE = dyn_cast<ArraySubscriptExpr>(LHS);
    if (!ASE || !LHS->getType()->isScalarType() ||
        !isVar(ASE->getIdx(), L.Index))
      return {};
    const auto *B =
        dyn_cast<DeclRefExpr>(ASE->getBase()->IgnoreParenImpCasts());
    const auto *BV = B ? dyn_cast<VarDecl>(B->getDecl()) : nullptr;
    if (!BV || BV->getType()->isReferenceType())
      return {};
    Bases.insert(BV);
    if (savesWrite(LHS))
      Blocks.push_back(LHS);
  }
  // The pointers themselves must not change inside the loop.
  for (const Stmt *S : Body)
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
        if (Bases.count(dyn_cast<VarDecl>(DRE->getDecl())))
          return {};
  return Blocks;
}

std::vector<const Stmt *> ReverseBuilder::slotSaves(const ForStmt *FS,
                                                    const Level &L) const {
  if (!L.Index || L.Step != 1 || L.HasExits)
    return {};
  // Statements that tape nothing but the values they overwrite and their
  // branch decisions: assignments of scalars and if/else around them, with
  // no call that runs in both sweeps. Each runs at most once an iteration.
  std::vector<const Stmt *> Slots;
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    if (isa<NullStmt>(S))
      return true;
    if (const auto *CS = dyn_cast<CompoundStmt>(S))
      return llvm::all_of(CS->body(), Walk);
    if (const auto *IS = dyn_cast<IfStmt>(S)) {
      if (IS->getInit() || IS->getConditionVariable() || IS->isConstexpr() ||
          IS->isConsteval() || hasCallTemp(IS->getCond()) ||
          hasClassCall(IS->getCond()))
        return false;
      Slots.push_back(IS); // its decision
      return Walk(IS->getThen()) && (!IS->getElse() || Walk(IS->getElse()));
    }
    const auto *BO = dyn_cast<BinaryOperator>(S);
    if (!BO || !(BO->isAssignmentOp() || BO->isCompoundAssignmentOp()) ||
        !BO->getLHS()->getType()->isArithmeticType() || hasCallTemp(BO) ||
        hasClassCall(BO) || hasNestedWrite(BO->getRHS()) ||
        isa<ConditionalOperator>(BO->getLHS()->IgnoreParens()))
      return false;
    const Expr *LHS = BO->getLHS();
    // exp, sqrt, tanh whose value the reverse reads: kept, not recomputed.
    if (BO->getLHS()->getType()->isFloatingType() && AA.isVariedStorage(LHS) &&
        AA.isVaried(BO->getRHS())) {
      llvm::SmallVector<const CallExpr *, 2> Calls;
      valueCalls(BO->getRHS(), Calls);
      Slots.insert(Slots.end(), Calls.begin(), Calls.end());
    }
    if (savesWrite(LHS) && !undoneByInverse(LHS, BO->getOpcode(), BO->getRHS()))
      Slots.push_back(LHS);
    return true;
  };
  if (!Walk(FS->getBody()))
    return {};
  return Slots;
}

void ReverseBuilder::storeCallSlots(const Expr *RHS, CodeWriter &F) {
  llvm::SmallVector<const CallExpr *, 2> Calls;
  valueCalls(RHS, Calls);
  for (const CallExpr *CE : Calls)
    if (auto It = SlotFor.find(CE); It != SlotFor.end()) {
      F.line(It->second + " = " + text(CE).Text + ";");
      CallValues[CE] = It->second; // the statement and its reverse read it
      SlotsUsed.insert(CE);
    }
}

} // namespace frechet
