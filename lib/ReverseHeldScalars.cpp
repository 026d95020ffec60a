//===- ReverseHeldScalars.cpp - scalar derivatives a local already holds --===//
//
// The reverse sweep of `s = std::sin(t)` needs cos(t), which
// frechet::rules::sin_vjp computes again; rotation code usually holds it
// already (`double c = std::cos(theta), s = std::sin(theta);`), and
// `double e = std::exp(x)` holds exp's own derivative. Trigonometric calls
// cost more than anything else in such code, so the reverse sweep reads
// the local instead (`d_theta += c * d_s`): the local is kept for the
// reverse sweep (one tape value) instead of calling cos again.
//
// A statement `v = std::exp(e)` (tanh, sqrt), e not reading v, holds its
// own derivative even when v is overwritten or declared in a loop: its
// reverse reads v before restoring v's old value (assignCore), since v
// then still holds what this statement wrote.
//
// Otherwise a local qualifies when it is a floating-point scalar initialized by
// std::sin/cos/exp/sqrt/tanh of an expression of scalars that are never
// written again, is itself never written again, and is not declared in a
// loop (a loop's next iteration would change it). A call uses it when the
// argument prints the same, and both are statements of one block with the
// local's declaration first, or later with no jump in between (so that it
// ran whenever the call did).
//
//===----------------------------------------------------------------------===//

#include "ReverseBuilder.h"

#include "Generator.h"

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace frechet {

namespace {

// The partner whose value gives the derivative of Fn ("sin" -> "cos").
llvm::StringRef heldPartner(llvm::StringRef Fn) {
  if (Fn == "sin")
    return "cos";
  if (Fn == "cos")
    return "sin";
  if (Fn == "exp" || Fn == "sqrt" || Fn == "tanh")
    return Fn;
  return "";
}

bool mentionsVar(const Stmt *S, const VarDecl *V) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE->getDecl() == V)
      return true;
  for (const Stmt *C : S->children())
    if (C && mentionsVar(C, V))
      return true;
  return false;
}

bool hasJump(const Stmt *S) {
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, IndirectGotoStmt>(S))
    return true;
  for (const Stmt *C : S->children())
    if (C && hasJump(C))
      return true;
  return false;
}

} // namespace

// The name of the C library function CE calls (std::sin, ::sin, sinf, ...),
// or "" if it calls something else (a user's own 'sin' may mean anything).
std::string ReverseBuilder::libraryFunction(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || CE->getNumArgs() != 1 || !CE->getType()->isRealFloatingType())
    return "";
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !FD->isInStdNamespace())
    return "";
  std::string Name = FD->getNameAsString();
  if (Name.size() > 1 && (Name.back() == 'f' || Name.back() == 'l') &&
      !heldPartner(llvm::StringRef(Name).drop_back()).empty())
    Name.pop_back(); // sinf, cosl
  return heldPartner(Name).empty() ? "" : Name;
}

bool ReverseBuilder::stableScalarExpr(const Expr *E) const {
  E = E->IgnoreParenImpCasts();
  if (isa<FloatingLiteral, IntegerLiteral>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    return V && V->getType()->isScalarType() &&
           !V->getType()->isReferenceType() && !V->getType()->isPointerType() &&
           !Overwritten.count(V) && !DeclaredInLoop.count(V) &&
           !PassedByReference.count(V) &&
           (Locals.count(V) || isa<ParmVarDecl>(V));
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return (UO->getOpcode() == UO_Minus || UO->getOpcode() == UO_Plus) &&
           stableScalarExpr(UO->getSubExpr());
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->isAdditiveOp() || BO->isMultiplicativeOp()
               ? stableScalarExpr(BO->getLHS()) &&
                     stableScalarExpr(BO->getRHS())
               : false;
  return false;
}

void ReverseBuilder::noteSelfHeld(const VarDecl *V, const Expr *RHS) {
  const auto *CE = dyn_cast<CallExpr>(RHS->IgnoreParenImpCasts());
  if (!CE || !V || !Locals.count(V) || !V->getType()->isRealFloatingType() ||
      PassedByReference.count(V))
    return;
  std::string Fn = libraryFunction(CE);
  if (Fn.empty() || heldPartner(Fn) != Fn || mentionsVar(CE->getArg(0), V))
    return;
  ScalarHeldBy[CE] = {V, Fn};
  noteRead(V); // so that overwrites of v are saved and restored
}

void ReverseBuilder::findHeldScalars(const Stmt *S) {
  for (const Stmt *C : S->children())
    if (C)
      findHeldScalars(C);
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        if (V->getInit() && (Overwritten.count(V) || DeclaredInLoop.count(V)))
          noteSelfHeld(V, V->getInit());
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        noteSelfHeld(dyn_cast<VarDecl>(DRE->getDecl()), BO->getRHS());
  }
  const auto *CS = dyn_cast<CompoundStmt>(S);
  if (!CS)
    return;
  struct Holder {
    const VarDecl *V;
    std::string Fn, Arg;
    size_t At;
  };
  std::vector<Holder> Holders;
  std::vector<const Stmt *> Body(CS->body_begin(), CS->body_end());
  for (size_t I = 0; I < Body.size(); ++I) {
    const auto *DS = dyn_cast<DeclStmt>(Body[I]);
    if (!DS)
      continue;
    for (const Decl *D : DS->decls()) {
      const auto *V = dyn_cast<VarDecl>(D);
      if (!V || !V->getInit() || !V->getType()->isRealFloatingType() ||
          !Locals.count(V) || Overwritten.count(V) || DeclaredInLoop.count(V) ||
          PassedByReference.count(V))
        continue;
      const auto *CE = dyn_cast<CallExpr>(V->getInit()->IgnoreParenImpCasts());
      if (!CE)
        continue;
      std::string Fn = libraryFunction(CE);
      if (!Fn.empty() && stableScalarExpr(CE->getArg(0)))
        Holders.push_back({V, Fn, text(CE->getArg(0)).Text, I});
    }
  }
  if (Holders.empty())
    return;
  for (size_t I = 0; I < Body.size(); ++I) {
    std::function<void(const Stmt *)> Visit = [&](const Stmt *X) {
      for (const Stmt *C : X->children())
        if (C)
          Visit(C);
      const auto *CE = dyn_cast<CallExpr>(X);
      if (!CE || ScalarHeldBy.count(CE))
        return;
      std::string Fn = libraryFunction(CE);
      if (Fn.empty() || !stableScalarExpr(CE->getArg(0)))
        return;
      std::string Arg = text(CE->getArg(0)).Text;
      for (const Holder &H : Holders) {
        if (H.Fn != heldPartner(Fn) || H.Arg != Arg)
          continue;
        bool Ran = H.At <= I;
        if (!Ran) {
          Ran = true;
          for (size_t K = I; K < H.At; ++K)
            Ran &= !hasJump(Body[K]);
        }
        if (!Ran)
          continue;
        ScalarHeldBy[CE] = {H.V, Fn};
        noteRead(H.V);
        return;
      }
    };
    Visit(Body[I]);
  }
}

bool ReverseBuilder::restoresAfterAdjoint(const Expr *RHS, const Code &LHS) {
  const auto *CE = dyn_cast<CallExpr>(RHS->IgnoreParenImpCasts());
  if (!CE)
    return false;
  auto It = ScalarHeldBy.find(CE);
  return It != ScalarHeldBy.end() && localName(It->second.first) == LHS.Text;
}

void ReverseBuilder::valueCalls(
    const Expr *RHS, llvm::SmallVectorImpl<const CallExpr *> &Out) const {
  // Innermost first, so that an outer call's text uses the inner temporary.
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    // Not in a branch that may not run (the call would run anyway).
    if (isa<AbstractConditionalOperator>(S))
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (BO->isLogicalOp())
        return;
    for (const Stmt *C : S->children())
      if (C)
        Visit(C);
    const auto *CE = dyn_cast<CallExpr>(S);
    if (!CE || ScalarHeldBy.count(CE) || CallTemps.count(CE))
      return;
    std::string Fn = libraryFunction(CE);
    if (Fn.empty() || heldPartner(Fn) != Fn || !AA.isVaried(CE->getArg(0)))
      return;
    Out.push_back(CE);
  };
  Visit(RHS);
}

void ReverseBuilder::bindCallValues(const Expr *RHS, CodeWriter &R) {
  llvm::SmallVector<const CallExpr *, 2> Calls;
  valueCalls(RHS, Calls);
  for (const CallExpr *CE : Calls) {
    std::string Name = Names.fresh("_v");
    R.line("const " +
           declare(CE->getType().getUnqualifiedType(), Name, G.policy()) +
           " = " + text(CE).Text + ";");
    CallValues[CE] = Name;
  }
}

bool ReverseBuilder::heldScalarReverse(const CallExpr *CE, const Code &Adj,
                                       CodeWriter &R) {
  auto It = ScalarHeldBy.find(CE);
  auto Bound = CallValues.find(CE);
  Code Y;
  std::string Fn;
  if (It != ScalarHeldBy.end()) {
    Y = Code(localName(It->second.first));
    Fn = It->second.second;
  } else if (Bound != CallValues.end()) {
    Y = Code(Bound->second); // the cotangent already prints it
    Fn = libraryFunction(CE);
  } else {
    // exp, sqrt, tanh outside an assignment's reverse (bindCallValues
    // covers those): the temporary still gives the derivative.
    Fn = libraryFunction(CE);
    if (Fn.empty() || heldPartner(Fn) != Fn)
      return false;
    Y = Code(Names.fresh("_v"));
    R.line("const " +
           declare(CE->getType().getUnqualifiedType(), Y.Text, G.policy()) +
           " = " + text(CE).Text + ";");
  }
  Code D;
  if (Fn == "sin" || Fn == "exp") // cos t held; exp x held
    D = mul(Y, Adj);
  else if (Fn == "cos") // sin t held
    D = neg(mul(Y, Adj));
  else if (Fn == "sqrt")
    D = div(Adj, mul(Code("2.0"), Y));
  else // tanh
    D = mul(Adj, Code("(1.0 - " + Y.Text + " * " + Y.Text + ")"));
  accumulate(CE->getArg(0), D, R);
  return true;
}

} // namespace frechet
