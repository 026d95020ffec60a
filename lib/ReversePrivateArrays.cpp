//===- ReversePrivateArrays.cpp - a tape stretch per loop iteration -------===//
//
// A local array that every iteration of a counted loop writes before it
// reads, and that nothing outside the loop mentions (PrivateArrays.h),
// becomes a pointer: f_fwd reserves a tape block of trip count x extent
// elements before the loop and points the array at the iteration's own
// stretch of it; f_rev points it at the same stretch in the same iteration.
// Nothing is saved or restored around the writes, and callees that write
// the whole array first get variants that do not undo their writes to it
// (DiffPlan::Fresh). The block's address goes on the tape after the loop,
// above what the iterations pushed, so f_rev finds it before its reverse
// loop and releases the block after it.
//
//===----------------------------------------------------------------------===//
#include "PrivateArrays.h"
#include "ReverseBuilder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace frechet {

namespace {

bool contains(const Stmt *Outer, const Stmt *S) {
  if (Outer == S)
    return true;
  for (const Stmt *C : Outer->children())
    if (C && contains(C, S))
      return true;
  return false;
}

/// Whether the argument \p Arg is \p A itself (decayed or not).
bool isArray(const Expr *Arg, const VarDecl *A) {
  const auto *DRE = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
  return DRE && DRE->getDecl() == A;
}

/// Calls in \p S that get \p A as an argument.
void callsWith(const Stmt *S, const VarDecl *A,
               llvm::SmallVectorImpl<const CallExpr *> &Out) {
  if (!S)
    return;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (llvm::any_of(CE->arguments(),
                     [&](const Expr *Arg) { return isArray(Arg, A); }))
      Out.push_back(CE);
  for (const Stmt *C : S->children())
    callsWith(C, A, Out);
}

/// Sets (or clears) the bits of \p Mask of the arguments of \p CE that
/// are \p A; whether any bit is left set.
bool markArguments(std::vector<bool> &Mask, const CallExpr *CE,
                   const VarDecl *A, bool Set) {
  Mask.resize(std::max<size_t>(Mask.size(), CE->getNumArgs()));
  for (unsigned I = 0; I < CE->getNumArgs(); ++I)
    if (isArray(CE->getArg(I), A))
      Mask[I] = Set;
  return llvm::is_contained(Mask, true);
}

/// The extent from which calls take private arrays by restrict pointer
/// (measured on GMM: scalar code wins at d = 10, vector code at d = 64).
constexpr int RestrictFromExtent = 32;

} // namespace

void ReverseBuilder::findPrivateCandidates() {
  PrivateArrays PA;
  for (const VarDecl *A : LocalOrder) {
    const auto *AT = ctx().getAsConstantArrayType(A->getType());
    if (!AT || A->getInit() || A->isStaticLocal())
      continue;
    QualType E = AT->getElementType();
    if (!E->isArithmeticType() || ctx().getTypeSize(E) > 64)
      continue;
    unsigned Total = mentionCount(Fn->getBody(), A);
    const ForStmt *Best = nullptr;
    ArrayUse BestUse;
    for (const auto &[S, L] : Levels) {
      const auto *FS = dyn_cast<ForStmt>(S);
      if (!FS || !L->Index || L->Step != 1 || L->HasExits ||
          FS->getConditionVariable() || mentionCount(FS->getBody(), A) != Total)
        continue;
      ArrayUse U = PA.analyze(Fn, statementsOf(FS->getBody()), A);
      if (U.K != ArrayUse::Covered || !U.HasBound)
        continue;
      if (!Best || contains(Best->getBody(), FS)) { // the innermost
        Best = FS;
        BestUse = U;
      }
    }
    if (!Best)
      continue;
    // The extent sizes the block before the loop and again in the reverse
    // sweep: a local bound must be assigned once, outside loops, and f_rev
    // must have it (f_fwd leaves it on the tape).
    if (const VarDecl *V = BestUse.B.V; V && !isa<ParmVarDecl>(V)) {
      if (DeclaredInLoop.count(V) || !Locals.count(V))
        continue;
      Reads.insert(V);
    }
    // Calls the reverse sweep does not run again must not write A, but for
    // the first write (nothing to save there).
    llvm::SmallVector<const CallExpr *, 4> Calls;
    callsWith(Best->getBody(), A, Calls);
    bool Ok = true;
    for (const CallExpr *CE : Calls)
      if (CE != BestUse.CoveringCall && !AA.isActiveCall(CE))
        for (const Expr *Out : pointerOutputs(CE))
          Ok &= !isArray(Out, A);
    if (Ok)
      PrivateCandidates.insert({A, {Best, BestUse}});
  }
}

bool ReverseBuilder::privateWithin(const VarDecl *V, const Stmt *Loop) const {
  auto It = PrivateCandidates.find(V);
  return It != PrivateCandidates.end() && contains(Loop, It->second.Loop);
}

void ReverseBuilder::findPrivateArrays() {
  for (const auto &[A, C] : PrivateCandidates) {
    const ForStmt *Best = C.Loop;
    const ArrayUse &BestUse = C.Use;
    QualType E = ctx().getAsConstantArrayType(A->getType())->getElementType();
    llvm::SmallVector<const CallExpr *, 4> Calls;
    callsWith(Best->getBody(), A, Calls);
    const ExtentBound &B = BestUse.B;
    std::string Bound =
        B.V ? (isa<ParmVarDecl>(B.V) ? B.V->getName().str() : localName(B.V))
            : std::to_string(B.C);
    std::string Min = std::to_string(BestUse.MaxConstant + 1);
    std::string Extent =
        !B.V ? std::to_string(std::max(B.C, long(BestUse.MaxConstant + 1)))
             : "(" + Bound + " > " + Min + " ? " + Bound + " : " + Min + ")";
    std::string T = type(E.getUnqualifiedType());
    std::string Block = Names.fresh("_p");
    FwdDecls.push_back(T + " *" + Block + " = nullptr;");
    RevDecls.push_back(T + " *" + Block + " = nullptr;");
    PrivateIn[Best].push_back({A, Extent, Block, T});
    Privatized.insert(A);
    if (BestUse.CoveringLHS)
      CoveringWrites.insert(BestUse.CoveringLHS);
    if (const CallExpr *CE = BestUse.CoveringCall)
      markArguments(FreshArgs[CE], CE, A, true);
    // Callees may take the stretch by restrict pointer: nothing else
    // reaches it. That lets the optimizer vectorize their loops, which
    // pays for long arrays (and costs for short ones: a vector load of
    // elements just stored one by one waits for the stores), so the call
    // chooses by the extent.
    for (const CallExpr *CE : Calls) {
      if (!AA.isActiveCall(CE))
        continue;
      RestrictCall &RC = RestrictArgs[CE];
      markArguments(RC.Mask, CE, A, true);
      if (RC.Cond.empty())
        RC.Cond = Extent + " >= " + std::to_string(RestrictFromExtent);
    }
  }
}

void ReverseBuilder::dropPrivate(const Stmt *Loop) {
  auto It = PrivateIn.find(Loop);
  if (It == PrivateIn.end())
    return;
  // Only this loop's arrays: arrays private to loops inside it stay so.
  for (const PrivateArray &P : It->second) {
    Privatized.erase(P.A);
    CoveringWrites.erase(PrivateCandidates.lookup(P.A).Use.CoveringLHS);
    llvm::SmallVector<const CallExpr *, 4> Calls;
    callsWith(Loop, P.A, Calls);
    for (const CallExpr *CE : Calls) {
      if (auto F = FreshArgs.find(CE);
          F != FreshArgs.end() && !markArguments(F->second, CE, P.A, false))
        FreshArgs.erase(F);
      if (auto R = RestrictArgs.find(CE);
          R != RestrictArgs.end() &&
          !markArguments(R->second.Mask, CE, P.A, false))
        RestrictArgs.erase(R);
    }
  }
  PrivateIn.erase(It);
}

void ReverseBuilder::privateBlocks(const Stmt *Loop, const std::string &Count,
                                   CodeWriter &F, CodeWriter &R,
                                   CodeWriter &FPost, CodeWriter &RPost) const {
  auto It = PrivateIn.find(Loop);
  if (It == PrivateIn.end())
    return;
  const std::vector<PrivateArray> &Ps = It->second;
  for (const PrivateArray &P : Ps) {
    std::string N = Count + " * " + P.Extent;
    F.line(P.Block + " = " + Tape + ".push_block<" + P.Type + ">(" + N + ");");
    FPost.line(Tape + ".push(" + P.Block + ");");
  }
  for (auto I = Ps.rbegin(); I != Ps.rend(); ++I) {
    R.line(I->Block + " = " + Tape + ".pop<" + I->Type + " *>();");
    RPost.line(Tape + ".pop_block<" + I->Type + ">(" + Count + " * " +
               I->Extent + ");");
  }
}

void ReverseBuilder::fusedPrivate(const Stmt *Loop, CodeWriter &Before,
                                  CodeWriter &Start, CodeWriter &After) {
  auto It = PrivateIn.find(Loop);
  if (It == PrivateIn.end())
    return;
  // The entry point reverses each iteration of a fused loop before the next
  // one runs: one stretch serves them all.
  const std::vector<PrivateArray> &Ps = It->second;
  for (const PrivateArray &P : Ps) {
    Before.line(P.Block + " = " + Tape + ".push_block<" + P.Type + ">(" +
                P.Extent + ");");
    Start.line(localName(P.A) + " = " + P.Block + ";");
  }
  for (auto I = Ps.rbegin(); I != Ps.rend(); ++I)
    After.line(Tape + ".pop_block<" + I->Type + ">(" + I->Extent + ");");
}

void ReverseBuilder::privateSlots(const Stmt *Loop,
                                  const std::string &Iteration,
                                  CodeWriter &W) const {
  auto It = PrivateIn.find(Loop);
  if (It == PrivateIn.end())
    return;
  for (const PrivateArray &P : It->second)
    W.line(const_cast<ReverseBuilder *>(this)->localName(P.A) + " = " +
           P.Block + " + (" + Iteration + ") * " + P.Extent + ";");
}

} // namespace frechet
