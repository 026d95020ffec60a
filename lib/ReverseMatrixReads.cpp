//===- ReverseMatrixReads.cpp - reverse mode: what matrix code reads
//-------===//
//
// The prepass's view of Eigen expressions: which variables the reverse
// sweep of a matrix operation reads (so they are kept or taped), and which
// elementwise functions are differentiated from a variable holding their
// value instead of from their argument.
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

//===-- Elementwise functions differentiated from their values
//----------------------------------------===//

/// Whether the derivative of the array function \p M is a function of its
/// value y: exp' = y, tanh' = 1 - y^2, sqrt' = 1 / (2 y), ...
static bool derivativeFromValue(llvm::StringRef M) {
  return M == "exp" || M == "expm1" || M == "tanh" || M == "sqrt" ||
         M == "inverse";
}

/// `Eigen::MatrixXd H = Z.array().tanh().matrix();`: the reverse sweep reads
/// H (which it keeps anyway if H is used further) instead of recomputing
/// tanh from Z, as long as nothing changes H later (checked after the
/// prepass, by dropChangedHeldResults).
void ReverseBuilder::noteHeldResult(const VarDecl *VD) {
  if (!isEigenPlain(VD->getType()))
    return;
  std::optional<EigenOp> Op = matchEigen(VD->getInit());
  while (Op && Op->Kind == EigenOpKind::Method && Op->Args.empty() &&
         (Op->Name == "matrix" || Op->Name == "array" || Op->Name == "eval"))
    Op = matchEigen(Op->Object);
  if (Op && Op->Kind == EigenOpKind::Method && Op->Args.empty() &&
      derivativeFromValue(Op->Name) &&
      isEigenArray(skipEigenWrappers(Op->Object)->getType()))
    ResultHeldBy[Op->E] = VD;
}

void ReverseBuilder::dropChangedHeldResults() {
  for (auto It = ResultHeldBy.begin(); It != ResultHeldBy.end();) {
    auto Cur = It++;
    const VarDecl *VD = Cur->second;
    if (!Overwritten.count(VD) && !PassedByReference.count(VD))
      continue;
    // Read the argument after all.
    if (std::optional<EigenOp> Op = matchEigen(Cur->first))
      readAll(Op->Object);
    ResultHeldBy.erase(Cur);
  }
}

//===-- What the reverse sweep reads
//----------------------------------------===//

void ReverseBuilder::collectEigenReads(const EigenOp &Op) {
  auto Recurse = [&](const Expr *X) {
    if (AA.isVaried(X))
      collectReads(X);
  };
  switch (Op.Kind) {
  case EigenOpKind::Leaf:
    return;
  case EigenOpKind::Construct:
    for (const Expr *A : Op.Args)
      Recurse(A);
    return;
  case EigenOpKind::Add:
  case EigenOpKind::Sub:
  case EigenOpKind::Neg:
    for (const Expr *A : Op.Args) {
      std::optional<Broadcast> B = matchBroadcast(A);
      Recurse(B ? B->Object : A);
    }
    return;
  case EigenOpKind::Mul:
  case EigenOpKind::Div: {
    // Each factor's adjoint reads the other factor; a quotient's reads the
    // divisor too.
    bool VL = AA.isVaried(Op.Args[0]), VR = AA.isVaried(Op.Args[1]);
    if (VR)
      readAll(Op.Args[0]);
    if (VL || (VR && Op.Kind == EigenOpKind::Div))
      readAll(Op.Args[1]);
    for (const Expr *A : Op.Args)
      Recurse(A);
    return;
  }
  case EigenOpKind::Coeff:
  case EigenOpKind::Static:
    readAll(Op.E); // indices, and the object's shape
    return;
  case EigenOpKind::Method:
  case EigenOpKind::Assign:
    break;
  }
  llvm::StringRef M = Op.Name;
  for (const Expr *A : Op.Args)
    readAll(A);
  if (M == "colwise" || M == "rowwise")
    return Recurse(Op.Object); // the target of X.colwise() += v
  if (std::optional<Broadcast> B = matchBroadcast(Op.Object)) {
    readAll(B->Object); // its shape, or its values (norms)
    return Recurse(B->Object);
  }
  if (auto It = ResultHeldBy.find(Op.E); It != ResultHeldBy.end()) {
    noteRead(It->second); // the result, not the argument
    return Recurse(Op.Object);
  }
  bool Linear = M == "+" || M == "eval" || M == "transpose" || M == "adjoint" ||
                M == "array" || M == "matrix";
  if (M == "trace")
    if (std::optional<EigenOp> Prod = matchEigen(Op.Object);
        Prod && isMatrixProduct(*Prod))
      Linear = true; // tr(X Y) reads X and Y, not their product
  if (!Linear)
    readAll(Op.Object); // its value, or at least its shape
  Recurse(Op.Object);
  for (const Expr *A : Op.Args)
    Recurse(A);
}

} // namespace frechet
