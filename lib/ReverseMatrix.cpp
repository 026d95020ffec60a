//===- ReverseMatrix.cpp - reverse mode: Eigen matrices -------------------===//
//
// Adjoints of matrices are matrices of the same plain type. An empty
// dynamic-size adjoint means zero (it is never allocated unless something
// flows into it), so every accumulation goes through frechet::add_to, and
// code that scatters into part of an adjoint shapes it first with
// frechet::shaped(d_A, A). The rules are the transposes of the forward ones:
// for C = A * B, A's adjoint gets C̄ Bᵀ and B's gets Aᵀ C̄. Products of two
// matrices are evaluated once, into temporaries of the forward sweep, so the
// reverse sweep reads them instead of recomputing them.
//
//===----------------------------------------------------------------------===//
#include "ReverseBuilder.h"

#include "EigenExpr.h"
#include "Generator.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace frechet {

bool ReverseBuilder::isMatrixProduct(const EigenOp &Op) const {
  if (Op.Kind != EigenOpKind::Mul)
    return false;
  for (const Expr *A : Op.Args) {
    QualType T = skipEigenWrappers(A)->getType();
    if (!isEigenDense(T) || isEigenArray(T))
      return false;
  }
  return true;
}

std::string ReverseBuilder::plainType(QualType T) const {
  return eigenPlainTypeName(T, G.policy());
}

std::string ReverseBuilder::pushText(QualType T, const std::string &Name) {
  if (diffKind(T) == DiffKind::Matrix)
    return "frechet::push_matrix(" + Tape + ", " + Name +
           (isEigenArray(T) ? ".matrix()" : "") + ");";
  if (auto It = PointerOrigin.find(Name); It != PointerOrigin.end())
    return Tape + ".push(std::ptrdiff_t(" + Name + " - " + It->second + "));";
  if (const PointerChoice *C = choiceNamed(Name))
    return Tape + ".push(" + C->Which + "); " + Tape + ".push(std::ptrdiff_t(" +
           Name + " - " + chosenArray(*C) + "));";
  return Tape + ".push(" + Name + ");";
}

std::string ReverseBuilder::popText(QualType T, const std::string &Name) {
  if (diffKind(T) == DiffKind::Matrix)
    return "frechet::pop_matrix(" + Tape + ", " + Name + ");";
  if (auto It = PointerOrigin.find(Name); It != PointerOrigin.end())
    return Name + " = " + It->second + " + " + Tape + ".pop<std::ptrdiff_t>();";
  if (const PointerChoice *C = choiceNamed(Name))
    return "{ const std::ptrdiff_t _off = " + Tape +
           ".pop<std::ptrdiff_t>(); " + C->Which + " = " + Tape +
           ".pop<int>(); " + Name + " = " + chosenArray(*C) + " + _off; }";
  return Tape + ".pop_into(" + Name + ");";
}

// At the end of f_fwd a matrix is not needed any more: it moves to f_rev.
std::string ReverseBuilder::keepText(QualType T, const std::string &Name) {
  if (diffKind(T) == DiffKind::Matrix)
    return "frechet::keep_matrix(" + Tape + ", " + Name + ");";
  return pushText(T, Name);
}

std::string ReverseBuilder::takeText(QualType T, const std::string &Name) {
  if (diffKind(T) == DiffKind::Matrix)
    return "frechet::take_matrix(" + Tape + ", " + Name + ");";
  return popText(T, Name);
}

std::string ReverseBuilder::zeroDecl(QualType T, const std::string &Name) {
  if (diffKind(T) != DiffKind::Matrix)
    return declare(T, Name, G.policy()) + "{};";
  std::string P = plainType(T);
  return P + " " + Name + " = frechet::zero_like<" + P + ">();";
}

std::string ReverseBuilder::accumulateText(QualType T, const std::string &Adj,
                                           const Code &Value) {
  if (diffKind(T) == DiffKind::Matrix)
    return "frechet::add_to(" + Adj + ", " + Value.Text + ");";
  return Adj + " += " + Value.Text + ";";
}

std::string ReverseBuilder::clearText(QualType T, const std::string &Adj) {
  if (diffKind(T) == DiffKind::Matrix)
    return "frechet::clear(" + Adj + ");";
  return Adj + " = 0;";
}

std::string ReverseBuilder::tempDecl(const CallExpr *CE,
                                     const std::string &Name) {
  auto It = ProductTemps.find(CE);
  if (It != ProductTemps.end())
    return It->second + " " + Name + "{};";
  return declare(CallTempTypes[CE], Name, G.policy()) + "{};";
}

/// The temporary that holds \p E's whole value, if E is a call kept in one
/// that nothing reads after \p E is used (not the reverse sweep either), of
/// the plain type \p T: a variable initialized or assigned from it can take
/// its storage (std::move) instead of a copy. Empty otherwise.
std::string ReverseBuilder::movableTemp(const Expr *E, QualType T) const {
  const auto *CE = dyn_cast<CallExpr>(skipEigenWrappers(E));
  if (!CE || ReadTemps.count(CE))
    return "";
  auto It = CallTemps.find(CE);
  if (It == CallTemps.end())
    return "";
  auto Product = ProductTemps.find(CE);
  bool Same = Product != ProductTemps.end()
                  ? Product->second == plainType(T)
                  : ctx().hasSameUnqualifiedType(CallTempTypes.lookup(CE), T);
  return Same ? It->second : "";
}

/// \p Adj (a local adjoint that is read once more, here) as an rvalue when
/// \p E's value is a call kept in a temporary: add_to then takes its storage
/// if the temporary's adjoint is still empty.
Code ReverseBuilder::adjointOnce(const Expr *E, const std::string &Adj) const {
  const auto *CE = dyn_cast<CallExpr>(skipEigenWrappers(E));
  if (CE && CallTemps.count(CE))
    return Code("std::move(" + Adj + ")");
  return Code(Adj);
}

//===-- Forward sweep: products into temporaries
//---------------------------===//

void ReverseBuilder::productForward(const CallExpr *CE, CodeWriter &F,
                                    CodeWriter &Rev) {
  const std::string &Temp = CallTemps[CE];
  QualType T = CE->getType();
  std::optional<EigenOp> Op = matchEigen(CE);
  bool Save = CallInLoop.count(CE) && ReadTemps.count(CE);
  if (Save)
    F.line(pushText(T, Temp));
  Code L = text(Op->Args[0]), Rt = text(Op->Args[1]);
  // The temporary is not an operand, so the product goes straight into it
  // (a plain `=` would evaluate it into a hidden temporary and copy that).
  F.line(Temp + ".noalias() = " + mul(L, Rt).Text + ";");
  // C = A B: Ā += C̄ Bᵀ, B̄ += Aᵀ C̄.
  std::string D = "d" + Temp;
  Rev.open("if (!frechet::is_zero(" + D + ")) {");
  if (AA.isVaried(Op->Args[0]))
    accumulate(Op->Args[0], mul(Code(D), method(Rt, "transpose")), Rev);
  if (AA.isVaried(Op->Args[1]))
    accumulate(Op->Args[1], mul(method(L, "transpose"), Code(D)), Rev);
  Rev.line(clearText(T, D));
  Rev.close();
  if (Save)
    Rev.line(popText(T, Temp));
}

//===-- Adjoints
//------------------------------------------------------------===//

std::optional<Code> ReverseBuilder::eigenAdjointLValue(const Expr *E) {
  std::optional<EigenOp> Op = matchEigen(E);
  if (!Op)
    return std::nullopt;
  if (Op->Kind == EigenOpKind::Leaf)
    return adjointLValue(Op->E);
  if ((Op->Kind == EigenOpKind::Method && isLinearEigenMethod(Op->Name) &&
       Op->Name != "transpose" && Op->Name != "trace" && Op->Name != "sum" &&
       Op->Name != "mean" && Op->Name != "eval" && Op->Name != "array" &&
       Op->Name != "matrix") ||
      Op->Kind == EigenOpKind::Coeff) {
    // Part of a variable: that part of its adjoint, which must have the
    // variable's shape first.
    std::optional<EigenOp> Obj = matchEigen(Op->Object);
    if (!Obj || Obj->Kind != EigenOpKind::Leaf)
      return std::nullopt;
    Code Whole = functionCall("frechet::shaped",
                              {adjointLValue(Obj->E).Text, text(Obj->E).Text});
    std::string Args;
    for (size_t I = 0; I < Op->Args.size(); ++I)
      Args += (I ? ", " : "") + text(Op->Args[I]).Text;
    if (Op->Kind == EigenOpKind::Method)
      return method(Whole, Op->Name, Args);
    bool Square =
        cast<CXXOperatorCallExpr>(Op->E)->getOperator() == OO_Subscript;
    return Code(Whole.Text + (Square ? "[" : "(") + Args + (Square ? "]" : ")"),
                Prec::Postfix);
  }
  return std::nullopt;
}

Code ReverseBuilder::bindMatrix(const Code &Adj, CodeWriter &R, bool Scalar) {
  if (Adj.P >= Prec::Postfix && Adj.Text.find('(') == std::string::npos)
    return Adj; // a name
  std::string Tmp = Names.fresh("_r");
  R.line("const auto " + Tmp + " = " +
         (Scalar ? Adj.Text : method(Adj, "eval").Text) + ";");
  return Code(Tmp);
}

void ReverseBuilder::accumulateEigen(const EigenOp &Op, const Code &Adj,
                                     CodeWriter &R) {
  const Expr *E = Op.E;
  auto Varied = [&](const Expr *X) { return AA.isVaried(X); };
  auto Args = [&] {
    std::string S;
    for (size_t I = 0; I < Op.Args.size(); ++I)
      S += (I ? ", " : "") + text(Op.Args[I]).Text;
    return S;
  };
  switch (Op.Kind) {
  case EigenOpKind::Leaf:
  case EigenOpKind::Coeff: {
    std::optional<Code> L = eigenAdjointLValue(E);
    if (!L && Op.Kind == EigenOpKind::Coeff) {
      // An element of an expression: a matrix of its shape, zero but there.
      std::vector<std::string> A = {text(Op.Object).Text, Adj.Text};
      for (const Expr *I : Op.Args)
        A.push_back(text(I).Text);
      return accumulate(Op.Object, functionCall("frechet::unit_like", A), R);
    }
    if (!L) {
      fail(E->getExprLoc(), Diag::ReverseUnsupported,
           {"an element of a matrix expression"});
      return;
    }
    if (Op.Kind == EigenOpKind::Coeff || !isEigenDense(E->getType()))
      R.line(L->Text + " += " + Adj.Text + ";");
    else
      R.line("frechet::add_to(" + L->Text + ", " + Adj.Text + ");");
    return;
  }
  case EigenOpKind::Add:
  case EigenOpKind::Sub: {
    const Expr *L = Op.Args[0], *Rt = Op.Args[1];
    std::optional<Broadcast> B = matchBroadcast(L);
    if (B)
      L = B->Object; // X.colwise() + v: X gets the adjoint as it is
    Code A = Varied(L) && Varied(Rt) ? bindMatrix(Adj, R) : Adj;
    accumulate(L, A, R);
    Code ART = B ? broadcastSum(A, *B) : A; // v: summed over the columns
    accumulate(Rt, Op.Kind == EigenOpKind::Add ? ART : neg(ART), R);
    return;
  }
  case EigenOpKind::Neg:
    return accumulate(Op.Args[0], neg(Adj), R);
  case EigenOpKind::Mul:
  case EigenOpKind::Div: {
    const Expr *L = Op.Args[0], *Rt = Op.Args[1];
    bool LS = !isEigenDense(skipEigenWrappers(L)->getType());
    bool RS = !isEigenDense(skipEigenWrappers(Rt)->getType());
    Code A = Varied(L) && Varied(Rt) ? bindMatrix(Adj, R) : Adj;
    Code PL = text(L), PR = text(Rt);
    if (isMatrixProduct(Op)) {
      // A product not kept in a temporary (its result is 1x1).
      if (Varied(L))
        accumulate(L, mul(A, method(PR, "transpose")), R);
      if (Varied(Rt))
        accumulate(Rt, mul(method(PL, "transpose"), A), R);
      return;
    }
    // <X, Y> for a scalar factor's adjoint; elementwise for arrays.
    auto Inner = [&](const Code &X, const Code &Y) {
      bool Array = isEigenArray(E->getType());
      return method(Array ? mul(X, Y) : method(X, "cwiseProduct", Y.Text),
                    "sum");
    };
    if (Op.Kind == EigenOpKind::Mul) {
      if (Varied(L))
        accumulate(L, LS ? Inner(A, PR) : mul(A, PR), R);
      if (Varied(Rt))
        accumulate(Rt, RS ? Inner(PL, A) : mul(PL, A), R);
      return;
    }
    // L / R: L̄ += Ā / R; R̄ -= (L Ā) / R², summed when R is a scalar and
    // L is not.
    if (Varied(L))
      accumulate(L, LS && !RS ? method(div(A, PR), "sum") : div(A, PR), R);
    if (Varied(Rt)) {
      Code Num = mul(PL, A);
      if (RS && !LS)
        accumulate(Rt, neg(div(Inner(PL, A), mul(PR, PR))), R);
      else
        accumulate(Rt, neg(div(Num, mul(PR, PR))), R);
    }
    return;
  }
  case EigenOpKind::Static: {
    if (Op.Name == "Constant" && !Op.Args.empty() && Varied(Op.Args.back()))
      accumulate(Op.Args.back(), method(Adj, "sum"), R);
    return;
  }
  case EigenOpKind::Method:
    return accumulateMethod(Op, Adj, R);
  case EigenOpKind::Construct: {
    // Vector3d(x, y, z): x̄ += v̄(0), ...; Matrix2d{{a, b}, ...}: ā += Ā(0, 0)
    unsigned N = 0;
    for (const Expr *A : Op.Args)
      N += Varied(A);
    Code A = N > 1 ? bindMatrix(Adj, R) : Adj;
    for (size_t I = 0; I < Op.Args.size(); ++I)
      if (Varied(Op.Args[I]))
        accumulate(Op.Args[I],
                   Code(operand(A, Prec::Postfix) + constructCoefficient(Op, I),
                        Prec::Postfix),
                   R);
    return;
  }
  case EigenOpKind::Assign:
    break;
  }
  (void)Args;
  fail(E->getExprLoc(), Diag::ReverseUnsupported, {describe(E)});
}

/// The adjoint of v in X.colwise() + v: the adjoint summed along the
/// broadcast direction.
Code ReverseBuilder::broadcastSum(const Code &Adj, const Broadcast &B) {
  return method(method(Adj, B.Colwise ? "rowwise" : "colwise"), "sum");
}

/// X.colwise().sum() (mean, squaredNorm, norm): a row vector r with r_j a
/// function of column j, so X̄ gets r̄_j times that function's gradient in
/// each column.
void ReverseBuilder::accumulateReduction(const EigenOp &Op, const Broadcast &B,
                                         const Code &Adj, CodeWriter &R) {
  llvm::StringRef M = Op.Name;
  const char *W = B.Colwise ? "colwise" : "rowwise";
  if (!Op.Args.empty() ||
      (M != "sum" && M != "mean" && M != "squaredNorm" && M != "norm")) {
    fail(Op.E->getExprLoc(), Diag::ReverseUnsupported,
         {"Eigen's '" + M.str() + "' of a " + W + "() view"});
    return;
  }
  Code X = text(B.Object);
  Code Rows = method(X, "rows"), Cols = method(X, "cols");
  auto Spread = [&](const Code &PerVector) {
    return method(PerVector, "replicate",
                  B.Colwise ? Rows.Text + ", 1" : "1, " + Cols.Text);
  };
  bool Array = isEigenArray(B.Object->getType());
  auto Times = [&](const Code &L, const Code &Rt) {
    return Array ? mul(L, Rt) : method(L, "cwiseProduct", Rt.Text);
  };
  if (M == "sum")
    return accumulate(B.Object, Spread(Adj), R);
  if (M == "mean")
    return accumulate(B.Object, div(Spread(Adj), B.Colwise ? Rows : Cols), R);
  if (M == "squaredNorm")
    return accumulate(B.Object, mul(Code("2.0"), Times(X, Spread(Adj))), R);
  // norm: x_j r̄_j / |x_j|, with the quotient evaluated once.
  std::string Tmp = Names.fresh("_r");
  Code Norms = method(method(X, W), "norm");
  R.line(
      "const auto " + Tmp + " = " +
      method(Array ? div(Adj, Norms) : method(Adj, "cwiseQuotient", Norms.Text),
             "eval")
          .Text +
      ";");
  accumulate(B.Object, Times(X, Spread(Code(Tmp))), R);
}

void ReverseBuilder::accumulateMethod(const EigenOp &Op, const Code &Adj,
                                      CodeWriter &R) {
  llvm::StringRef M = Op.Name;
  const Expr *Obj = Op.Object;
  Code P = text(Obj);
  std::string Args;
  for (size_t I = 0; I < Op.Args.size(); ++I)
    Args += (I ? ", " : "") + text(Op.Args[I]).Text;
  if (std::optional<Broadcast> B = matchBroadcast(Obj))
    return accumulateReduction(Op, *B, Adj, R);
  if (M == "+" || M == "eval")
    return accumulate(Obj, Adj, R);
  if (M == "value") // a 1x1 expression as a scalar
    return accumulate(
        Obj, functionCall("frechet::constant_like", {P.Text, Adj.Text}), R);
  if (M == "transpose" || M == "adjoint")
    return accumulate(Obj, method(Adj, "transpose"), R);
  if (M == "array")
    return accumulate(Obj, method(Adj, "matrix"), R);
  if (M == "matrix")
    return accumulate(Obj, method(Adj, "array"), R);
  if (M == "trace") {
    std::optional<EigenOp> Prod = matchEigen(Obj);
    if (Prod && isMatrixProduct(*Prod)) {
      // tr(X Y): X̄ += ā Yᵀ, Ȳ += ā Xᵀ, without the product's own reverse
      // (two matrix products with ā I).
      const Expr *X = Prod->Args[0], *Y = Prod->Args[1];
      accumulate(X, mul(Adj, method(text(Y), "transpose")), R);
      accumulate(Y, mul(Adj, method(text(X), "transpose")), R);
      return;
    }
    return accumulate(
        Obj, functionCall("frechet::identity_like", {P.Text, Adj.Text}), R);
  }
  if (M == "sum")
    return accumulate(
        Obj, functionCall("frechet::constant_like", {P.Text, Adj.Text}), R);
  if (M == "mean")
    return accumulate(
        Obj,
        functionCall("frechet::constant_like",
                     {P.Text, div(Adj, Code(method(P, "size").Text)).Text}),
        R);
  if (M == "diagonal" && Op.Args.empty())
    return accumulate(
        Obj, functionCall("frechet::diagonal_like", {P.Text, Adj.Text}), R);
  if (isLinearEigenMethod(M)) {
    // A block of a variable: its adjoint's block.
    std::optional<Code> L = eigenAdjointLValue(Op.E);
    if (!L) {
      fail(Op.E->getExprLoc(), Diag::ReverseUnsupported,
           {"'" + Op.Name + "' of a matrix expression"});
      return;
    }
    R.line(L->Text + " += " + Adj.Text + ";");
    return;
  }
  if (M == "dot") {
    const Expr *X = Op.Args[0];
    // The adjoint of a dot product is a scalar: bound without .eval().
    Code A =
        AA.isVaried(Obj) && AA.isVaried(X) ? bindMatrix(Adj, R, true) : Adj;
    if (AA.isVaried(Obj))
      accumulate(Obj, mul(A, text(X)), R);
    if (AA.isVaried(X))
      accumulate(X, mul(A, P), R);
    return;
  }
  if (M == "cwiseProduct") {
    const Expr *X = Op.Args[0];
    Code A = AA.isVaried(Obj) && AA.isVaried(X) ? bindMatrix(Adj, R) : Adj;
    if (AA.isVaried(Obj))
      accumulate(Obj, method(A, "cwiseProduct", text(X).Text), R);
    if (AA.isVaried(X))
      accumulate(X, method(P, "cwiseProduct", A.Text), R);
    return;
  }
  if (M == "cwiseQuotient") {
    const Expr *X = Op.Args[0];
    Code A = AA.isVaried(Obj) && AA.isVaried(X) ? bindMatrix(Adj, R) : Adj;
    Code PX = text(X);
    if (AA.isVaried(Obj))
      accumulate(Obj, method(A, "cwiseQuotient", PX.Text), R);
    if (AA.isVaried(X))
      accumulate(X,
                 neg(method(method(A, "cwiseProduct", P.Text), "cwiseQuotient",
                            method(PX, "cwiseProduct", PX.Text).Text)),
                 R);
    return;
  }
  if (M == "squaredNorm")
    return accumulate(Obj, mul(mul(Code("2.0"), Adj), P), R);
  if (isEigenArray(Obj->getType()) && isArrayFunction(M))
    return accumulateArrayFunction(Op, Adj, R);
  if (isRuleMethod(M) && Op.Args.empty()) {
    std::string Rule = M.str() + "_vjp";
    if (!G.rules().hasRule(Rule)) {
      fail(Op.E->getExprLoc(), Diag::MatrixRuntimeMissing, {Rule});
      return;
    }
    std::optional<Code> L = eigenAdjointLValue(Obj);
    if (L && matchEigen(Obj)->Kind == EigenOpKind::Leaf) {
      R.line(
          functionCall("frechet::rules::" + Rule, {P.Text, Adj.Text, L->Text})
              .Text +
          ";");
      return;
    }
    std::string Tmp = Names.fresh("_r");
    R.line("Eigen::MatrixXd " + Tmp + ";");
    R.line(
        functionCall("frechet::rules::" + Rule, {P.Text, Adj.Text, Tmp}).Text +
        ";");
    // The rule leaves Tmp empty for a zero seed: the chain rule through Obj
    // (tanh(A), A * B, ...) must not see an empty matrix.
    R.open("if (!frechet::is_zero(" + Tmp + ")) {");
    accumulate(Obj, Code(Tmp), R);
    R.close();
    return;
  }
  fail(Op.E->getExprLoc(), Diag::ReverseUnsupported,
       {"Eigen's '" + Op.Name + "'"});
}

void ReverseBuilder::accumulateArrayFunction(const EigenOp &Op, const Code &Adj,
                                             CodeWriter &R) {
  llvm::StringRef M = Op.Name;
  Code X = text(Op.Object);
  std::string P = Op.Args.empty() ? "" : text(Op.Args[0]).Text;
  if (!Op.Args.empty() && AA.isVaried(Op.Args[0])) {
    fail(Op.E->getExprLoc(), Diag::ReverseUnsupported,
         {"'pow' of an array with a differentiated exponent"});
    return;
  }
  Code D;
  if (auto It = ResultHeldBy.find(Op.E); It != ResultHeldBy.end()) {
    Code Y(localName(It->second) + ".array()", Prec::Postfix);
    if (M == "exp")
      D = mul(Adj, Y);
    else if (M == "expm1")
      D = mul(Adj, Code("(" + Y.Text + " + 1.0)"));
    else if (M == "tanh")
      D = mul(Adj, Code("(1.0 - " + method(Y, "square").Text + ")"));
    else if (M == "sqrt")
      D = div(Adj, mul(Code("2.0"), Y));
    else // inverse
      D = neg(mul(Adj, method(Y, "square")));
    return accumulate(Op.Object, D, R);
  }
  if (M == "exp")
    D = mul(Adj, method(X, "exp"));
  else if (M == "log")
    D = div(Adj, X);
  else if (M == "log1p")
    D = div(Adj, Code("(1.0 + " + X.Text + ")"));
  else if (M == "expm1")
    D = mul(Adj, method(X, "exp"));
  else if (M == "sin")
    D = mul(Adj, method(X, "cos"));
  else if (M == "cos")
    D = neg(mul(Adj, method(X, "sin")));
  else if (M == "tanh")
    D = mul(Adj,
            Code("(1.0 - " + method(method(X, "tanh"), "square").Text + ")"));
  else if (M == "sqrt")
    D = div(Adj, mul(Code("2.0"), method(X, "sqrt")));
  else if (M == "square")
    D = mul(mul(Code("2.0"), X), Adj);
  else if (M == "cube")
    D = mul(mul(Code("3.0"), method(X, "square")), Adj);
  else if (M == "abs")
    D = mul(Adj, method(X, "sign"));
  else if (M == "inverse")
    D = neg(div(Adj, method(X, "square")));
  else // pow
    D = mul(mul(Code("(" + P + ")"), method(X, "pow", "(" + P + ") - 1")), Adj);
  accumulate(Op.Object, D, R);
}

} // namespace frechet
