//===- ReverseMatrixStmt.cpp - reverse mode: matrix statements ------------===//
//
// Statements that write Eigen matrices, in both sweeps: assignments
// (whole, to blocks and elements, to colwise()/rowwise() views), in-place
// methods (setZero, fill, ...) and declarations. Each saves what it
// overwrites when the reverse sweep reads it, and resets or passes on the
// adjoint of what it overwrites.
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

/// If the reverse sweep reads the old value of \p X (a matrix variable or a
/// block of one), saves it on the tape in the forward sweep; returns the
/// statement that restores it at the mirrored point ("" if not saved).
std::string ReverseBuilder::saveMatrix(const Expr *X, CodeWriter &F) {
  if (!savedStorage(X))
    return "";
  std::optional<EigenOp> Op = matchEigen(X);
  Code Dst = text(X);
  if (Op && Op->Kind == EigenOpKind::Leaf) {
    QualType T = skipEigenWrappers(X)->getType();
    F.line(pushText(T, Dst.Text));
    return popText(T, Dst.Text);
  }
  F.line("frechet::push_matrix(" + Tape + ", " + Dst.Text + ");");
  return "frechet::pop_into_block(" + Tape + ", " + Dst.Text + ");";
}

/// X.colwise() = v, += v, -= v.
void ReverseBuilder::broadcastAssign(const EigenOp &Op, const Broadcast &B,
                                     CodeWriter &F, CodeWriter &R) {
  const Expr *X = B.Object, *V = Op.Args[0];
  if (Op.Name != "=" && Op.Name != "+=" && Op.Name != "-=") {
    fail(Op.E->getExprLoc(), Diag::ReverseUnsupported,
         {"'" + Op.Name + "' on a " + (B.Colwise ? "colwise" : "rowwise") +
          "() view"});
    return;
  }
  std::optional<EigenOp> XOp = matchEigen(X);
  if (!XOp || XOp->Kind != EigenOpKind::Leaf) {
    fail(X->getExprLoc(), Diag::ReverseUnsupported,
         {"a colwise() or rowwise() view of a matrix expression"});
    return;
  }
  std::vector<CodeWriter> PreRev;
  Code Val = primal(V, F, PreRev);
  std::string Restore = Op.Name == "=" ? saveMatrix(X, F) : "";
  F.line(text(Op.Object).Text + " " + Op.Name + " " + Val.Text + ";");
  if (!Restore.empty())
    R.line(Restore);
  if (AA.isVariedStorage(X)) {
    Code DX = adjointLValue(XOp->E);
    if (AA.isVaried(V)) {
      R.open("if (!frechet::is_zero(" + DX.Text + ")) {");
      Code Sum = broadcastSum(DX, B);
      accumulate(V, Op.Name == "-=" ? neg(Sum) : Sum, R);
      R.close();
    }
    if (Op.Name == "=")
      R.line("frechet::clear(" + DX.Text + ");");
  } else if (AA.isVaried(V)) {
    fail(X->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
  }
  for (auto It = PreRev.rbegin(); It != PreRev.rend(); ++It)
    R.append(*It);
}

/// M << a, b, c: item k goes to M(k / cols, k % cols) (rows in turn), so
/// its adjoint is that element of M̄; M̄ is then cleared. With matrix items
/// (M << A, x, B), f_rev finds where each went as Eigen placed them
/// (frechet::comma_layout) and reads that block of M̄.
void ReverseBuilder::eigenCommaInit(const CommaInit &CI, CodeWriter &F,
                                    CodeWriter &R) {
  const Expr *X = CI.Target;
  std::optional<EigenOp> XOp = matchEigen(X);
  bool Active = AA.isVariedStorage(X);
  bool Blocks = hasMatrixItems(CI);
  if (const Expr *Item = itemReadingTarget(CI); Item && Active) {
    fail(Item->getExprLoc(), Diag::UnsupportedExpr,
         {"an item of a comma initializer that reads the matrix being "
          "filled"});
    return;
  }
  // Into a block of a matrix (M.row(0) << x, y): that block of M̄.
  bool Whole = XOp && XOp->Kind == EigenOpKind::Leaf;
  std::optional<Code> DX;
  if (Active) {
    DX = Whole ? std::optional<Code>(adjointLValue(XOp->E))
               : eigenAdjointLValue(X);
    if (!DX) {
      fail(X->getExprLoc(), Diag::ReverseUnsupported,
           {"a comma initializer into this part of a matrix"});
      return;
    }
  }
  std::vector<CodeWriter> PreRev;
  std::string Items;
  for (const Expr *Item : CI.Items)
    Items += (Items.empty() ? "" : ", ") +
             operand(primal(Item, F, PreRev), Prec::Assign);
  std::string Restore = saveMatrix(X, F);
  F.line(operand(text(X), Prec::Additive) + " << " + Items + ";");
  if (!Restore.empty())
    R.line(Restore);
  if (Active) {
    // M̄ (or its block) is taken, then cleared, before the items' adjoints
    // are added (an item may be another part of M: M.row(1) << M.row(0)).
    std::string Taken = Names.fresh("_r");
    if (Whole) {
      R.line(plainType(XOp->E->getType()) + " " + Taken + " = std::move(" +
             DX->Text + ");");
      R.line("frechet::clear(" + DX->Text + ");");
    } else {
      // The block of M̄, shaped once (Eigen's blocks are views).
      std::string Block = Names.fresh("_b");
      R.line("auto " + Block + " = " + DX->Text + ";");
      R.line("const auto " + Taken + " = " + Block + ".eval();");
      R.line(Block + ".setZero();");
    }
    DX = Code(Taken);
    R.open("if (!frechet::is_zero(" + DX->Text + ")) {");
    std::string Layout;
    if (Blocks) {
      Layout = Names.fresh("_l");
      std::string Sizes;
      for (const Expr *Item : CI.Items)
        Sizes += (Sizes.empty() ? "" : ", ") +
                 functionCall("frechet::comma_size", {text(Item).Text}).Text;
      R.line("const frechet::comma_layout<" + std::to_string(CI.Items.size()) +
             "> " + Layout + "(" + DX->Text + ", {" + Sizes + "});");
    }
    for (size_t K = 0; K < CI.Items.size(); ++K) {
      if (!AA.isVaried(CI.Items[K]))
        continue;
      std::string At = std::to_string(K);
      if (!Blocks)
        accumulate(CI.Items[K],
                   functionCall("frechet::comma_item", {DX->Text, At}), R);
      else
        accumulate(
            CI.Items[K],
            Code(Layout +
                     (isEigenDense(skipEigenWrappers(CI.Items[K])->getType())
                          ? ".block("
                          : ".coeff(") +
                     DX->Text + ", " + At + ")",
                 Prec::Postfix),
            R);
    }
    R.close();
  }
  for (auto It = PreRev.rbegin(); It != PreRev.rend(); ++It)
    R.append(*It);
}

void ReverseBuilder::eigenAssign(const EigenOp &Op, CodeWriter &F,
                                 CodeWriter &R) {
  const Expr *LHS = Op.Object, *RHS = Op.Args[0];
  if (std::optional<Broadcast> B = matchBroadcast(LHS))
    return broadcastAssign(Op, *B, F, R);
  std::optional<EigenOp> L = matchEigen(LHS);
  bool Active = AA.isVariedStorage(LHS);
  if (!Active && AA.isVaried(RHS)) {
    fail(LHS->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
    return;
  }
  bool Whole = L && L->Kind == EigenOpKind::Leaf;
  std::vector<CodeWriter> PreRev;
  Code Val = primal(RHS, F, PreRev);
  Code Dst = text(LHS);
  std::string Restore = saveMatrix(LHS, F);
  std::string Temp =
      Whole && Op.Name == "=" ? movableTemp(RHS, LHS->getType()) : "";
  F.line(Dst.Text + " " + Op.Name + " " +
         (Temp.empty() ? Val.Text : "std::move(" + Temp + ")") + ";");
  if (!Restore.empty())
    R.line(Restore);
  if (Active) {
    std::optional<Code> DL = eigenAdjointLValue(LHS);
    if (!DL) {
      fail(LHS->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
      return;
    }
    bool RV = AA.isVaried(RHS);
    std::string Plain = plainType(LHS->getType());
    if (Op.Name == "=") {
      // The old value is gone: its adjoint starts again from zero.
      if (RV) {
        std::string Tmp = Names.fresh("_r");
        // A whole adjoint is moved out (a dynamic one is then empty: zero).
        R.line((Whole ? Plain + " " + Tmp + " = std::move(" + DL->Text + ")"
                      : "const " + Plain + " " + Tmp + " = " + DL->Text) +
               ";");
        R.line(Whole ? "frechet::clear(" + DL->Text + ");"
                     : method(*DL, "setZero").Text + ";");
        R.open("if (!frechet::is_zero(" + Tmp + ")) {");
        accumulate(RHS, Whole ? adjointOnce(RHS, Tmp) : Code(Tmp), R);
        R.close();
      } else {
        R.line(Whole ? "frechet::clear(" + DL->Text + ");"
                     : method(*DL, "setZero").Text + ";");
      }
    } else if (Op.Name == "+=" || Op.Name == "-=") {
      if (RV) {
        Code A = *DL;
        if (mentions(RHS, LHS)) {
          std::string Tmp = Names.fresh("_r");
          R.line("const " + Plain + " " + Tmp + " = " + DL->Text + ";");
          A = Code(Tmp);
        }
        R.open("if (!frechet::is_zero(" + A.Text + ")) {");
        accumulate(RHS, Op.Name == "+=" ? A : neg(A), R);
        R.close();
      }
    } else {
      // *= and /= by a scalar, *= by a matrix: the old value is restored.
      bool Scalar = !isEigenDense(skipEigenWrappers(RHS)->getType());
      Code Old = Dst, Fac = text(RHS);
      std::string Tmp = Names.fresh("_r");
      R.open("if (!frechet::is_zero(" + DL->Text + ")) {");
      R.line("const " + Plain + " " + Tmp + " = " + DL->Text + ";");
      Code A(Tmp);
      if (Op.Name == "*=" && Scalar) {
        R.line(DL->Text + " = " + mul(A, Fac).Text + ";");
        if (RV)
          accumulate(RHS, method(method(A, "cwiseProduct", Old.Text), "sum"),
                     R);
      } else if (Op.Name == "*=") {
        R.line(DL->Text + " = " + mul(A, method(Fac, "transpose")).Text + ";");
        if (RV)
          accumulate(RHS, mul(method(Old, "transpose"), A), R);
      } else {
        R.line(DL->Text + " = " + div(A, Fac).Text + ";");
        if (RV)
          accumulate(RHS,
                     neg(div(method(method(A, "cwiseProduct", Old.Text), "sum"),
                             mul(Fac, Fac))),
                     R);
      }
      R.close();
    }
  }
  for (auto It = PreRev.rbegin(); It != PreRev.rend(); ++It)
    R.append(*It);
}

void ReverseBuilder::eigenMutate(const EigenOp &Op, CodeWriter &F,
                                 CodeWriter &R) {
  const Expr *Obj = Op.Object;
  bool Active = AA.isVariedStorage(Obj);
  llvm::StringRef M = Op.Name;
  bool Fill = isEigenFill(M) || M == "resize";
  for (const Expr *A : Op.Args)
    if (isEigenDense(skipEigenWrappers(A)->getType()) &&
        (Active || AA.isVariedStorage(A)))
      Fill = false; // swap
  if (Active && !Fill) {
    fail(Op.E->getExprLoc(), Diag::ReverseUnsupported,
         {"Eigen's '" + M.str() + "' on a differentiated matrix"});
    return;
  }
  std::optional<EigenOp> L = matchEigen(Obj);
  bool Whole = L && L->Kind == EigenOpKind::Leaf;
  // What the call overwrites, if the reverse sweep reads it; a swap
  // overwrites its argument too.
  std::vector<const Expr *> Targets = {Obj};
  for (const Expr *A : Op.Args)
    if (isEigenDense(skipEigenWrappers(A)->getType()))
      Targets.push_back(A);
  // Saved after the arguments' temporaries, restored before their reverse
  // sweeps (which pop what their forward sweeps pushed).
  std::vector<CodeWriter> PreRev;
  Code Call = primal(Op.E, F, PreRev);
  std::vector<std::string> Restore;
  for (const Expr *X : Targets)
    if (std::string Line = saveMatrix(X, F); !Line.empty())
      Restore.push_back(Line);
  F.line(Call.Text + ";");
  for (auto It = Restore.rbegin(); It != Restore.rend(); ++It)
    R.line(*It);
  if (Active) {
    std::optional<Code> DL = eigenAdjointLValue(Obj);
    if (!DL) {
      fail(Obj->getExprLoc(), Diag::StoreUntracked, {"this lvalue"});
      return;
    }
    // setConstant(..., x), fill(x): every coefficient is x.
    if ((M == "setConstant" || M == "fill") && AA.isVaried(Op.Args.back())) {
      if (Whole)
        R.open("if (!frechet::is_zero(" + DL->Text + ")) {");
      accumulate(Op.Args.back(), method(*DL, "sum"), R);
      if (Whole)
        R.close();
    }
    R.line(Whole ? "frechet::clear(" + DL->Text + ");"
                 : method(*DL, "setZero").Text + ";");
  }
  for (auto It = PreRev.rbegin(); It != PreRev.rend(); ++It)
    R.append(*It);
}

void ReverseBuilder::eigenVar(const VarDecl *VD, CodeWriter &F, CodeWriter &R) {
  const Expr *Init = VD->getInit();
  std::optional<EigenOp> Op = Init ? matchEigen(Init) : std::nullopt;
  const auto *CCE =
      Init ? dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit()) : nullptr;
  // A value (another matrix, an expression, a call), or a constructor
  // given sizes or nothing.
  bool Construct =
      Op && Op->Kind == EigenOpKind::Construct && AA.isVaried(Init);
  bool Value = isMatrixValueInit(Init) || Construct;
  bool Active = AA.isVariedVar(VD);
  const std::string &Name = localName(VD);
  bool Save = saved(VD) && DeclaredInLoop.count(VD);
  QualType T = VD->getType();
  // The old value is saved after the temporaries of the initializer (a
  // call's forward sweep pushes too): f_rev restores it before their
  // reverse sweeps pop.
  std::vector<CodeWriter> PreRev;
  std::string Rhs;
  if (!Value) {
    if (Init && AA.isVaried(Init)) {
      fail(Init->getExprLoc(), Diag::UnsupportedExpr,
           {"a matrix constructed from differentiated values; assign them "
            "to its coefficients"});
      return;
    }
    // Default-constructed or sized.
    std::string Args;
    if (CCE)
      for (unsigned I = 0; I < CCE->getNumArgs(); ++I)
        Args += (I ? ", " : "") + primal(CCE->getArg(I), F, PreRev).Text;
    Rhs = plainType(T) + "(" + Args + ")";
  } else if (Construct) {
    // Its own type: `VectorXd v = Vector2d(x, y)` converts.
    std::vector<std::string> Args;
    for (const Expr *A : Op->Args)
      Args.push_back(primal(A, F, PreRev).Text);
    Rhs = constructText(*Op, plainType(Op->E->getType()), Args);
  } else {
    Code Val = primal(Init, F, PreRev);
    std::string Temp = movableTemp(Init, T);
    Rhs = Temp.empty() ? Val.Text : "std::move(" + Temp + ")";
  }
  if (Save)
    F.line(pushText(T, Name));
  F.line(Name + " = " + Rhs + ";");
  if (Save)
    R.line(popText(T, Name));
  if (Active) {
    const std::string &D = adjointName(VD);
    if (Value && AA.isVaried(Init)) {
      std::string Tmp = Names.fresh("_r");
      R.line(plainType(T) + " " + Tmp + " = std::move(" + D + ");");
      R.line("frechet::clear(" + D + ");");
      R.open("if (!frechet::is_zero(" + Tmp + ")) {");
      accumulate(Init, adjointOnce(Init, Tmp), R);
      R.close();
    } else {
      R.line("frechet::clear(" + D + ");");
    }
  }
  for (auto It = PreRev.rbegin(); It != PreRev.rend(); ++It)
    R.append(*It);
}

} // namespace frechet
