//===- ForwardMatrix.cpp - forward mode: Eigen matrices -------------------===//
//
// Tangents of matrix operations are written as Eigen expressions next to the
// primal ones: d(A * B) = dA * B + A * dB keeps the order of the factors,
// d(A.transpose()) = dA.transpose(). Operations with a closed-form rule in
// the runtime (inverse, determinant, norm, and functions such as
// frechet::logdet) call frechet::rules::<name>_jvp. Operands that a tangent
// reads again are evaluated once into temporaries, so no product is computed
// twice.
//
//===----------------------------------------------------------------------===//
#include "EigenExpr.h"
#include "ForwardBuilder.h"
#include "Generator.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace frechet {

bool ForwardBuilder::isEigenExpr(const Expr *E) const {
  std::optional<EigenOp> Op = matchEigen(E);
  return Op && Op->Kind != EigenOpKind::Assign;
}

bool ForwardBuilder::cheapEigen(const Expr *E) const {
  std::optional<EigenOp> Op = matchEigen(E);
  if (!Op)
    return !isEigenDense(E->getType()); // a scalar operand
  if (Op->Kind == EigenOpKind::Leaf)
    return true;
  if (Op->Kind == EigenOpKind::Method &&
      (Op->Name == "transpose" || Op->Name == "array" || Op->Name == "matrix" ||
       Op->Name == "+"))
    return cheapEigen(Op->Object);
  return false;
}

Code ForwardBuilder::hoistEigen(const Code &C) {
  std::string Name = Names.temporary();
  Out->line("const auto " + Name + " = " + method(C, "eval").Text + ";");
  DeclaredTemporary = true;
  return Code(Name);
}

ForwardBuilder::Dual ForwardBuilder::eigenOperand(const Expr *E) {
  Dual D = rvalue(E);
  if (cheapEigen(E) || !isEigenDense(E->getType()))
    return D;
  // Read again by the tangent: evaluate once.
  D.Primal = hoistEigen(D.Primal);
  if (D.T)
    D.T = hoistEigen(*D.T);
  return D;
}

std::string ForwardBuilder::eigenArgs(const EigenOp &Op) {
  std::string S;
  for (size_t I = 0; I < Op.Args.size(); ++I) {
    if (AA.isVaried(Op.Args[I]))
      fail(Op.Args[I]->getExprLoc(), Diag::UnsupportedExpr,
           {"a differentiated argument of '" + Op.Name + "'"});
    S += (I ? ", " : "") + indexText(Op.Args[I]);
  }
  return S;
}

ForwardBuilder::Dual ForwardBuilder::eigenRule(llvm::StringRef Rule,
                                               const Expr *Loc,
                                               llvm::ArrayRef<Dual> Operands) {
  std::string Name = Rule.str() + "_jvp";
  if (!G.rules().hasRule(Name)) {
    fail(Loc->getExprLoc(), Diag::MatrixRuntimeMissing, {Name});
    return {Code("0"), std::nullopt};
  }
  std::string Args;
  for (const Dual &D : Operands)
    Args += (Args.empty() ? "" : ", ") + D.Primal.Text + ", " +
            (D.T ? D.T->Text : std::string("Eigen::MatrixXd()"));
  std::string Tmp = Names.temporary();
  Out->line("const auto " + Tmp + " = frechet::rules::" + Name + "(" + Args +
            ");");
  DeclaredTemporary = true;
  return {Code(Tmp + ".value", Prec::Postfix),
          Code(Tmp + ".tangent", Prec::Postfix)};
}

ForwardBuilder::Dual ForwardBuilder::eigen(const Expr *E) {
  std::optional<EigenOp> Op = matchEigen(E);
  if (!Op || !AA.isVaried(E))
    return {verbatim(E, G.policy(), G.printer()), std::nullopt};
  switch (Op->Kind) {
  case EigenOpKind::Leaf:
    return {Code(Op->Var->getName().str()), Code(tangentName(Op->Var))};
  case EigenOpKind::Add:
  case EigenOpKind::Sub:
    if (std::optional<Broadcast> B = matchBroadcast(Op->Args[0]))
      return broadcastArith(*Op, *B);
    [[fallthrough]];
  case EigenOpKind::Mul:
  case EigenOpKind::Div: {
    bool Product = Op->Kind == EigenOpKind::Mul || Op->Kind == EigenOpKind::Div;
    Dual L = Product ? eigenOperand(Op->Args[0]) : rvalue(Op->Args[0]);
    Dual R = Product ? eigenOperand(Op->Args[1]) : rvalue(Op->Args[1]);
    return arithmetic(Op->Kind == EigenOpKind::Add   ? BO_Add
                      : Op->Kind == EigenOpKind::Sub ? BO_Sub
                      : Op->Kind == EigenOpKind::Mul ? BO_Mul
                                                     : BO_Div,
                      L, R);
  }
  case EigenOpKind::Neg: {
    Dual D = rvalue(Op->Args[0]);
    return {neg(D.Primal), D.T ? Tangent(neg(*D.T)) : std::nullopt};
  }
  case EigenOpKind::Coeff: {
    Dual D = rvalue(Op->Object);
    std::string I = eigenArgs(*Op);
    auto At = [&](const Code &C) {
      bool Square =
          cast<CXXOperatorCallExpr>(Op->E)->getOperator() == OO_Subscript;
      return Code(operand(C, Prec::Postfix) + (Square ? "[" : "(") + I +
                      (Square ? "]" : ")"),
                  Prec::Postfix);
    };
    return {At(D.Primal), D.T ? Tangent(At(*D.T)) : std::nullopt};
  }
  case EigenOpKind::Static: {
    // Only Constant(rows, cols, value) can depend on the parameters.
    const auto *CE = cast<CallExpr>(Op->E);
    Code Callee = verbatim(CE->getCallee(), G.policy(), G.printer());
    if (Op->Name != "Constant" || Op->Args.empty()) {
      fail(E->getExprLoc(), Diag::UnsupportedExpr,
           {"a differentiated argument of '" + Op->Name + "'"});
      return {verbatim(E, G.policy(), G.printer()), std::nullopt};
    }
    std::string Sizes;
    for (size_t I = 0; I + 1 < Op->Args.size(); ++I)
      Sizes += indexText(Op->Args[I]) + ", ";
    Dual V = operandValue(Op->Args.back());
    return {
        Code(Callee.Text + "(" + Sizes + V.Primal.Text + ")", Prec::Postfix),
        Code(Callee.Text + "(" + Sizes +
                 (V.T ? V.T->Text : std::string("0.0")) + ")",
             Prec::Postfix)};
  }
  case EigenOpKind::Construct: {
    // Vector3d(x, y, z): the tangent is Vector3d(dx, dy, dz).
    // Matrix2d{{a, b}, {c, d}}: Matrix2d{{da, db}, {dc, dd}}.
    std::string Type = eigenPlainTypeName(Op->E->getType(), G.policy());
    std::vector<std::string> P, T;
    for (const Expr *A : Op->Args) {
      Dual D = operandValue(A);
      P.push_back(D.Primal.Text);
      T.push_back(D.T ? D.T->Text : std::string("0.0"));
    }
    return {Code(constructText(*Op, Type, P), Prec::Postfix),
            Code(constructText(*Op, Type, T), Prec::Postfix)};
  }
  case EigenOpKind::Method:
    return eigenMethod(*Op);
  case EigenOpKind::Assign:
    break;
  }
  fail(E->getExprLoc(), Diag::UnsupportedExpr, {describe(E)});
  return {verbatim(E, G.policy(), G.printer()), std::nullopt};
}

static const char *broadcastName(const Broadcast &B) {
  return B.Colwise ? "colwise" : "rowwise";
}

// X.colwise() + v adds v to each column: the tangent is dX.colwise() + dv,
// or dv repeated across the columns when X is not differentiated.
ForwardBuilder::Dual ForwardBuilder::broadcastArith(const EigenOp &Op,
                                                    const Broadcast &B) {
  bool Add = Op.Kind == EigenOpKind::Add;
  Dual X = rvalue(B.Object), V = rvalue(Op.Args[1]);
  const char *W = broadcastName(B);
  auto Apply = [&](const Code &L, const Code &R) {
    return Add ? add(L, R) : sub(L, R);
  };
  Code P = Apply(method(X.Primal, W), V.Primal);
  if (X.T && V.T)
    return {P, Apply(method(*X.T, W), *V.T)};
  if (X.T)
    return {P, X.T};
  if (!V.T)
    return {P, std::nullopt};
  Code Rep = method(*V.T, "replicate",
                    B.Colwise ? "1, " + method(X.Primal, "cols").Text
                              : method(X.Primal, "rows").Text + ", 1");
  return {P, Add ? Rep : neg(Rep)};
}

// X.colwise().sum() and the like: one value per column (row).
ForwardBuilder::Dual ForwardBuilder::broadcastReduce(const EigenOp &Op,
                                                     const Broadcast &B) {
  llvm::StringRef M = Op.Name;
  const char *W = broadcastName(B);
  if (!Op.Args.empty() ||
      (M != "sum" && M != "mean" && M != "squaredNorm" && M != "norm")) {
    fail(Op.E->getExprLoc(), Diag::UnsupportedExpr,
         {"Eigen's '" + M.str() + "' of a " + W + "() view"});
    return {verbatim(Op.E, G.policy(), G.printer()), std::nullopt};
  }
  bool Linear = M == "sum" || M == "mean";
  Dual X = Linear ? rvalue(B.Object) : eigenOperand(B.Object);
  Code P = method(method(X.Primal, W), M);
  if (!X.T)
    return {P, std::nullopt};
  if (Linear)
    return {P, method(method(*X.T, W), M)};
  // d|x_j|^2 = 2 <x_j, dx_j>; d|x_j| = <x_j, dx_j> / |x_j|.
  bool Array = isEigenArray(B.Object->getType());
  Code Inner =
      method(method(Array ? mul(X.Primal, *X.T)
                          : method(X.Primal, "cwiseProduct", X.T->Text),
                    W),
             "sum");
  if (M == "squaredNorm")
    return {P, mul(Code("2.0"), Inner)};
  P = hoistEigen(P);
  return {P, Array ? div(Inner, P) : method(Inner, "cwiseQuotient", P.Text)};
}

ForwardBuilder::Dual ForwardBuilder::eigenMethod(const EigenOp &Op) {
  llvm::StringRef M = Op.Name;
  if (std::optional<Broadcast> B = matchBroadcast(Op.Object))
    return broadcastReduce(Op, *B);
  if (M == "+")
    return rvalue(Op.Object);
  if (M == "value") { // a 1x1 expression as a scalar
    Dual D = rvalue(Op.Object);
    return {method(D.Primal, "value"),
            D.T ? Tangent(method(*D.T, "value")) : std::nullopt};
  }
  if (isLinearEigenMethod(M)) {
    Dual D = rvalue(Op.Object);
    std::string Args = eigenArgs(Op);
    return {method(D.Primal, M, Args),
            D.T ? Tangent(method(*D.T, M, Args)) : std::nullopt};
  }
  if (M == "dot" || M == "cwiseProduct") {
    Dual A = eigenOperand(Op.Object), B = eigenOperand(Op.Args[0]);
    Tangent TA = A.T ? Tangent(method(*A.T, M, B.Primal.Text)) : std::nullopt;
    Tangent TB = B.T ? Tangent(method(A.Primal, M, B.T->Text)) : std::nullopt;
    return {method(A.Primal, M, B.Primal.Text), addT(TA, TB)};
  }
  if (M == "cwiseQuotient") {
    // d(a / b) = (da - (a / b) db) / b, elementwise.
    Dual A = eigenOperand(Op.Object), B = eigenOperand(Op.Args[0]);
    Code Q = method(A.Primal, M, B.Primal.Text);
    Tangent Num = A.T;
    if (B.T)
      Num = subT(Num, method(Q, "cwiseProduct", B.T->Text));
    return {Q, Num ? Tangent(method(*Num, M, B.Primal.Text)) : std::nullopt};
  }
  if (M == "squaredNorm") {
    Dual A = eigenOperand(Op.Object);
    Code V = method(A.Primal, M);
    if (!A.T)
      return {V, std::nullopt};
    return {V, mul(Code("2.0"),
                   method(method(A.Primal, "cwiseProduct", A.T->Text), "sum"))};
  }
  bool OnArray = isEigenArray(Op.Object->getType());
  if (OnArray && isArrayFunction(M))
    return arrayFunction(Op);
  if (isRuleMethod(M) && Op.Args.empty()) {
    Dual A = rvalue(Op.Object);
    return eigenRule(M, Op.E, {A});
  }
  fail(Op.E->getExprLoc(), Diag::UnsupportedExpr,
       {"Eigen's '" + Op.Name + "'"});
  return {verbatim(Op.E, G.policy(), G.printer()), std::nullopt};
}

ForwardBuilder::Dual ForwardBuilder::arrayFunction(const EigenOp &Op) {
  llvm::StringRef M = Op.Name;
  Dual X = eigenOperand(Op.Object);
  std::string Args;
  if (M == "pow") {
    if (Op.Args.size() != 1 || AA.isVaried(Op.Args[0])) {
      fail(Op.E->getExprLoc(), Diag::UnsupportedExpr,
           {"'pow' of an array with a differentiated exponent"});
      return {Code("0"), std::nullopt};
    }
    Args = indexText(Op.Args[0]);
  }
  Code V = method(X.Primal, M, Args);
  if (!X.T)
    return {V, std::nullopt};
  const Code &P = X.Primal, &D = *X.T;
  auto Times = [&](const Code &Factor) { return mul(D, Factor); };
  if (M == "exp" || M == "tanh" || M == "sqrt") {
    V = hoistEigen(V); // the tangent reads the value
    if (M == "exp")
      return {V, Times(V)};
    if (M == "sqrt")
      return {V, div(D, mul(Code("2.0"), V))};
    return {V, Times(Code("(1.0 - " + method(V, "square").Text + ")"))};
  }
  if (M == "log")
    return {V, div(D, P)};
  if (M == "log1p")
    return {V, div(D, Code("(1.0 + " + P.Text + ")"))};
  if (M == "expm1")
    return {V, Times(Code("(" + V.Text + " + 1.0)"))};
  if (M == "sin")
    return {V, Times(method(P, "cos"))};
  if (M == "cos")
    return {V, neg(Times(method(P, "sin")))};
  if (M == "square")
    return {V, mul(mul(Code("2.0"), P), D)};
  if (M == "cube")
    return {V, mul(mul(Code("3.0"), method(P, "square")), D)};
  if (M == "abs")
    return {V, Times(method(P, "sign"))};
  if (M == "inverse") // 1 / x
    return {V, neg(div(D, method(P, "square")))};
  // pow(x, p): p x^(p-1) dx
  return {V, mul(mul(Code("(" + Args + ")"),
                     method(P, "pow", "(" + Args + ") - 1")),
                 D)};
}

/// The value and tangent of L op R for + - * / (scalars or matrices).
ForwardBuilder::Dual ForwardBuilder::arithmetic(BinaryOperatorKind Op,
                                                const Dual &L, const Dual &R) {
  switch (Op) {
  case BO_Add:
    return {add(L.Primal, R.Primal), addT(L.T, R.T)};
  case BO_Sub:
    return {sub(L.Primal, R.Primal), subT(L.T, R.T)};
  case BO_Mul: {
    // The factors keep their order: matrix products do not commute.
    Tangent A = L.T ? Tangent(mul(*L.T, R.Primal)) : std::nullopt;
    Tangent B = R.T ? Tangent(mul(L.Primal, *R.T)) : std::nullopt;
    return {mul(L.Primal, R.Primal), addT(A, B)};
  }
  default: {
    Code Val = div(L.Primal, R.Primal);
    if (!R.T)
      return {Val, L.T ? Tangent(div(*L.T, R.Primal)) : std::nullopt};
    // d(a/b) = (da*b - a*db) / (b*b)
    Tangent Num = subT(L.T ? Tangent(mul(*L.T, R.Primal)) : std::nullopt,
                       mul(L.Primal, *R.T));
    return {Val, div(*Num, mul(R.Primal, R.Primal))};
  }
  }
}

std::string ForwardBuilder::zeroMatrix(QualType T, const Code &Like) {
  QualType V = T.getNonReferenceType().getUnqualifiedType();
  std::string Type =
      isEigenPlain(V) ? type(V) : "std::decay_t<decltype(" + Like.Text + ")>";
  return Type + "::Zero(" + method(Like, "rows").Text + ", " +
         method(Like, "cols").Text + ")";
}

void ForwardBuilder::eigenAssign(const EigenOp &Op) {
  const Expr *LHS = Op.Object, *RHS = Op.Args[0];
  if (!AA.isVariedStorage(LHS)) {
    if (AA.isVaried(RHS))
      fail(LHS->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
    Out->line(verbatim(Op.E, G.policy(), G.printer()).Text + ";");
    return;
  }
  if (std::optional<Broadcast> B = matchBroadcast(LHS)) {
    // X.colwise() = v, += v, -= v: the same on the tangents.
    const char *W = broadcastName(*B);
    if (Op.Name != "=" && Op.Name != "+=" && Op.Name != "-=") {
      fail(Op.E->getExprLoc(), Diag::UnsupportedExpr,
           {"'" + Op.Name + "' on a " + W + "() view"});
      return;
    }
    Dual X = rvalue(B->Object), V = rvalue(RHS);
    if (!X.T) {
      fail(LHS->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
      return;
    }
    if (V.T)
      Out->line(method(*X.T, W).Text + " " + Op.Name + " " + V.T->Text + ";");
    else if (Op.Name == "=")
      Out->line(method(*X.T, "setZero").Text + ";");
    Out->line(method(X.Primal, W).Text + " " + Op.Name + " " + V.Primal.Text +
              ";");
    return;
  }
  Dual R = (Op.Name == "=" || Op.Name == "+=" || Op.Name == "-=")
               ? rvalue(RHS)
               : eigenOperand(RHS);
  Dual L = rvalue(LHS);
  if (!L.T) {
    fail(LHS->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
    return;
  }
  const std::string &DL = L.T->Text;
  if (Op.Name == "=") {
    if (R.T) {
      Out->line(DL + " = " + R.T->Text + ";");
      Out->line(L.Primal.Text + " = " + R.Primal.Text + ";");
    } else {
      Out->line(L.Primal.Text + " = " + R.Primal.Text + ";");
      bool Whole = matchEigen(LHS)->Kind == EigenOpKind::Leaf;
      Out->line(method(*L.T, "setZero",
                       Whole ? method(L.Primal, "rows").Text + ", " +
                                   method(L.Primal, "cols").Text
                             : "")
                    .Text +
                ";");
    }
    return;
  }
  if (Op.Name == "+=" || Op.Name == "-=") {
    if (R.T)
      Out->line(DL + " " + Op.Name + " " + R.T->Text + ";");
  } else if (!R.T) {
    Out->line(DL + " " + Op.Name + " " + R.Primal.Text + ";");
  } else {
    Dual New = arithmetic(Op.Name == "*=" ? BO_Mul : BO_Div, L, R);
    Out->line(DL + " = " + New.T->Text + ";");
  }
  Out->line(L.Primal.Text + " " + Op.Name + " " + R.Primal.Text + ";");
}

// M << a, b, c: the tangent is filled with the items' tangents (zeros for
// constant items), before M changes.
void ForwardBuilder::commaInit(const CommaInit &CI, const Expr *E) {
  if (!AA.isVariedStorage(CI.Target)) {
    Out->line(verbatim(E, G.policy(), G.printer()).Text + ";");
    return;
  }
  if (const Expr *Item = itemReadingTarget(CI)) {
    fail(Item->getExprLoc(), Diag::UnsupportedExpr,
         {"an item of a comma initializer that reads the matrix being "
          "filled"});
    return;
  }
  Dual M = rvalue(CI.Target);
  if (!M.T) {
    fail(CI.Target->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
    return;
  }
  std::string P, T;
  for (const Expr *Item : CI.Items) {
    bool Matrix = isEigenDense(skipEigenWrappers(Item)->getType());
    Dual D = Matrix ? eigenOperand(Item) : operandValue(Item);
    const char *Sep = P.empty() ? "" : ", ";
    P += Sep + operand(D.Primal, Prec::Assign);
    T += Sep + (D.T      ? operand(*D.T, Prec::Assign)
                : Matrix ? zeroMatrix(Item->getType(), D.Primal)
                         : std::string("0.0"));
  }
  // (Shift binds tighter than Relational, looser than Additive.)
  Out->line(operand(*M.T, Prec::Additive) + " << " + T + ";");
  Out->line(operand(M.Primal, Prec::Additive) + " << " + P + ";");
}

bool ForwardBuilder::eigenStatement(const Expr *E) {
  if (std::optional<CommaInit> CI = matchCommaInit(E)) {
    commaInit(*CI, E);
    return true;
  }
  std::optional<EigenOp> Op = matchEigen(E);
  if (!Op)
    return false;
  if (Op->Kind == EigenOpKind::Assign) {
    eigenAssign(*Op);
    return true;
  }
  if (Op->Kind != EigenOpKind::Method || !AA.isVariedStorage(Op->Object))
    return false;
  // Methods that change a differentiated matrix in place.
  llvm::StringRef M = Op->Name;
  Dual D = rvalue(Op->Object);
  if (M == "setConstant" || M == "fill") {
    // The value is the last argument (after the sizes, if any); the tangent
    // gets the value's tangent, resized alike.
    EigenOp Sizes = *Op;
    const Expr *Value = Sizes.Args.pop_back_val();
    std::string Args = eigenArgs(Sizes);
    Dual V = rvalue(Value);
    std::string Sep = Args.empty() ? "" : ", ";
    Out->line(method(D.Primal, M, Args + Sep + V.Primal.Text).Text + ";");
    Out->line(method(*D.T, M, Args + Sep + (V.T ? V.T->Text : "0.0")).Text +
              ";");
    return true;
  }
  std::string Args = eigenArgs(*Op);
  if (M == "resize" || M == "setZero" || M == "setIdentity" || M == "setOnes") {
    Out->line(method(D.Primal, M, Args).Text + ";");
    Out->line(method(*D.T, M == "resize" ? M : "setZero", Args).Text + ";");
    return true;
  }
  fail(E->getExprLoc(), Diag::UnsupportedExpr,
       {"Eigen's '" + Op->Name + "' on a differentiated matrix"});
  return true;
}

void ForwardBuilder::eigenVarDecl(const VarDecl *VD) {
  QualType T = VD->getType();
  const PrintingPolicy &P = G.policy();
  const std::string &DName = tangentName(VD);
  const Expr *Init = VD->getInit();
  if (T->isReferenceType()) {
    Dual D = rvalue(Init);
    Out->line(declare(T, VD->getName(), P) + " = " + D.Primal.Text + ";");
    Out->line(declare(T, DName, P) + " = " +
              (D.T ? D.T->Text : zeroMatrix(T, D.Primal)) + ";");
    return;
  }
  // An `auto` variable holding an expression keeps its value, not the
  // expression (which could dangle or change meaning).
  bool Plain = isEigenPlain(T);
  std::string TypeText = Plain ? type(T.getUnqualifiedType()) : "auto";
  std::optional<EigenOp> Op = Init ? matchEigen(Init) : std::nullopt;
  // A value (another matrix, an expression, a call), or a constructor
  // given sizes or nothing.
  bool Value = isMatrixValueInit(Init) ||
               (Op && Op->Kind == EigenOpKind::Construct && AA.isVaried(Init));
  if (!Value && Init && AA.isVaried(Init)) {
    fail(Init->getExprLoc(), Diag::UnsupportedExpr,
         {"a matrix constructed from differentiated values; assign them "
          "to its coefficients"});
    return;
  }
  if (!Value) {
    // Default-constructed or sized: the tangent has the same shape, zero.
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    VD->print(OS, P);
    Out->line(OS.str() + ";");
    Out->line(TypeText + " " + DName + " = " +
              zeroMatrix(T, Code(VD->getName().str())) + ";");
    return;
  }
  Dual D = rvalue(Init);
  Code PV = Plain ? D.Primal : method(D.Primal, "eval");
  Out->line(TypeText + " " + VD->getName().str() + " = " + PV.Text + ";");
  if (D.T)
    Out->line(TypeText + " " + DName + " = " +
              (Plain ? *D.T : method(*D.T, "eval")).Text + ";");
  else
    Out->line(TypeText + " " + DName + " = " +
              zeroMatrix(T, Code(VD->getName().str())) + ";");
}

} // namespace frechet
