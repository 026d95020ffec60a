//===- EigenExpr.cpp - Eigen operations seen through Clang's AST ----------===//
#include "EigenExpr.h"

#include "ActivityAnalysis.h"
#include "ExprText.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <functional>

using namespace clang;

namespace frechet {

/// The arguments written at a construction (Array's converting constructor
/// has a defaulted second parameter).
static unsigned writtenArgs(const CXXConstructExpr *CCE) {
  unsigned N = 0;
  for (const Expr *A : CCE->arguments())
    N += !isa<CXXDefaultArgExpr>(A);
  return N;
}

const Expr *skipEigenWrappers(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BTE->getSubExpr();
    else if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E);
             ICE && (ICE->getCastKind() == CK_NoOp ||
                     ICE->getCastKind() == CK_DerivedToBase ||
                     ICE->getCastKind() == CK_UncheckedDerivedToBase ||
                     ICE->getCastKind() == CK_ConstructorConversion))
      E = ICE->getSubExpr();
    else if (const auto *FCE = dyn_cast<CXXFunctionalCastExpr>(E);
             FCE && isEigenDense(FCE->getType()))
      E = FCE->getSubExpr();
    else if (const auto *CCE = dyn_cast<CXXConstructExpr>(E);
             CCE && !isa<CXXTemporaryObjectExpr>(CCE) &&
             writtenArgs(CCE) == 1 && isEigenDense(CCE->getType()) &&
             isEigenDense(skipEigenWrappers(CCE->getArg(0))->getType()))
      E = CCE->getArg(0); // a copy, or a conversion of an expression
    else
      return E;
  }
  return E;
}

std::optional<CommaInit> matchCommaInit(const Expr *E) {
  CommaInit CI;
  E = skipEigenWrappers(E);
  // ((M << a), b), c: the items from the last.
  while (const auto *OCE = dyn_cast_or_null<CXXOperatorCallExpr>(E)) {
    if (OCE->getNumArgs() != 2)
      return std::nullopt;
    const Expr *Left = skipEigenWrappers(OCE->getArg(0));
    if (OCE->getOperator() == OO_Comma) {
      const CXXRecordDecl *RD = Left->getType()->getAsCXXRecordDecl();
      if (!RD || RD->getName() != "CommaInitializer")
        return std::nullopt;
      CI.Items.insert(CI.Items.begin(), OCE->getArg(1));
      E = Left;
      continue;
    }
    if (OCE->getOperator() != OO_LessLess || !isEigenDense(Left->getType()))
      return std::nullopt;
    CI.Items.insert(CI.Items.begin(), OCE->getArg(1));
    CI.Target = Left;
    return CI;
  }
  return std::nullopt;
}

/// Vector3d(x, y, z): a constructor of a fixed-size vector that takes its
/// coefficients (with sizes, Eigen reads the arguments as coefficients).
static bool isCoefficientConstructor(const CXXConstructExpr *CCE) {
  const auto *CTS = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      CCE->getType()->getAsCXXRecordDecl());
  if (!CTS || (CTS->getName() != "Matrix" && CTS->getName() != "Array") ||
      CTS->getTemplateArgs().size() < 3 || !isEigenDense(CCE->getType()))
    return false;
  const TemplateArgumentList &TA = CTS->getTemplateArgs();
  if (TA[1].getKind() != TemplateArgument::Integral ||
      TA[2].getKind() != TemplateArgument::Integral)
    return false;
  int64_t Rows = TA[1].getAsIntegral().getExtValue(),
          Cols = TA[2].getAsIntegral().getExtValue();
  if (Rows < 1 || Cols < 1 || (Rows != 1 && Cols != 1) ||
      CCE->getNumArgs() != unsigned(Rows * Cols))
    return false;
  for (const Expr *A : CCE->arguments())
    if (!A->getType()->isArithmeticType())
      return false;
  return true;
}

/// Matrix2d{{a, b}, {c, d}} (Eigen 3.4): the rows of the nested lists, all
/// of one length.
static std::optional<std::vector<std::vector<const Expr *>>>
initializerRows(const CXXConstructExpr *CCE) {
  if (CCE->getNumArgs() != 1 || !isEigenDense(CCE->getType()))
    return std::nullopt;
  auto List = [](const Expr *E) -> const InitListExpr * {
    E = E->IgnoreImplicit();
    if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
      return dyn_cast<InitListExpr>(SIL->getSubExpr()->IgnoreImplicit());
    return nullptr;
  };
  const InitListExpr *Outer = List(CCE->getArg(0));
  if (!Outer || Outer->getNumInits() == 0)
    return std::nullopt;
  std::vector<std::vector<const Expr *>> Rows;
  for (const Expr *Row : Outer->inits()) {
    const InitListExpr *Inner = List(Row);
    if (!Inner || Inner->getNumInits() == 0 ||
        (!Rows.empty() && Inner->getNumInits() != Rows[0].size()))
      return std::nullopt;
    Rows.emplace_back();
    for (const Expr *A : Inner->inits()) {
      if (!A->getType()->isArithmeticType())
        return std::nullopt;
      Rows.back().push_back(A);
    }
  }
  return Rows;
}

std::string constructText(const EigenOp &Op, const std::string &Type,
                          llvm::ArrayRef<std::string> Args) {
  std::string T = Type + (Op.ListRows ? "{" : "(");
  for (size_t I = 0; I < Args.size(); ++I) {
    if (Op.ListRows && I % Op.ListCols == 0)
      T += std::string(I ? "}, " : "") + "{";
    else if (I)
      T += ", ";
    T += Args[I];
  }
  return T + (Op.ListRows ? "}}" : ")");
}

std::string constructCoefficient(const EigenOp &Op, size_t I) {
  // A vector is indexed linearly, however its list is laid out.
  const auto *CTS = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Op.E->getType()->getAsCXXRecordDecl());
  bool Vector = !Op.ListRows;
  if (CTS && CTS->getTemplateArgs().size() >= 3) {
    const TemplateArgumentList &TA = CTS->getTemplateArgs();
    for (unsigned K : {1u, 2u})
      if (TA[K].getKind() == TemplateArgument::Integral &&
          TA[K].getAsIntegral() == 1)
        Vector = true;
  }
  if (Vector)
    return "(" + std::to_string(I) + ")";
  return "(" + std::to_string(I / Op.ListCols) + ", " +
         std::to_string(I % Op.ListCols) + ")";
}

bool hasMatrixItems(const CommaInit &CI) {
  for (const Expr *Item : CI.Items)
    if (isEigenDense(skipEigenWrappers(Item)->getType()))
      return true;
  return false;
}

const Expr *itemReadingTarget(const CommaInit &CI) {
  llvm::SmallVector<const VarDecl *, 2> Bases;
  ActivityAnalysis::collectBases(CI.Target, Bases);
  std::function<bool(const Stmt *)> Reads = [&](const Stmt *S) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (llvm::is_contained(Bases, DRE->getDecl()))
        return true;
    for (const Stmt *C : S->children())
      if (C && Reads(C))
        return true;
    return false;
  };
  for (size_t I = 1; I < CI.Items.size(); ++I)
    if (Reads(CI.Items[I]))
      return CI.Items[I];
  return nullptr;
}

std::optional<Broadcast> matchBroadcast(const Expr *E) {
  const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(skipEigenWrappers(E));
  if (!MCE || MCE->getNumArgs() != 0 || !MCE->getMethodDecl() ||
      !MCE->getMethodDecl()->getIdentifier())
    return std::nullopt;
  StringRef Name = MCE->getMethodDecl()->getName();
  const Expr *Obj = MCE->getImplicitObjectArgument();
  if ((Name != "colwise" && Name != "rowwise") || !Obj ||
      !isEigenDense(skipEigenWrappers(Obj)->getType()))
    return std::nullopt;
  return Broadcast{Obj, Name == "colwise"};
}

bool isMatrixValueInit(const Expr *Init) {
  if (!Init)
    return false;
  const auto *CCE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
  return !CCE || (writtenArgs(CCE) == 1 &&
                  isEigenDense(skipEigenWrappers(CCE->getArg(0))->getType()));
}

bool isLinearEigenMethod(StringRef M) {
  return llvm::StringSwitch<bool>(M)
      .Cases("transpose", "adjoint", "trace", "sum", "mean", "diagonal", true)
      .Cases("array", "matrix", "eval", "row", "col", "block", true)
      .Cases("head", "tail", "segment", "topRows", "bottomRows", true)
      .Cases("leftCols", "rightCols", "middleRows", "middleCols", true)
      .Cases("topLeftCorner", "topRightCorner", "bottomLeftCorner",
             "bottomRightCorner", true)
      .Cases("real", "reshaped", "replicate", "reverse", true)
      .Default(false);
}

bool isArrayFunction(StringRef M) {
  return llvm::StringSwitch<bool>(M)
      .Cases("exp", "log", "sin", "cos", "tanh", "sqrt", "square", true)
      .Cases("cube", "pow", "abs", "inverse", "log1p", "expm1", true)
      .Default(false);
}

bool isEigenMutator(const EigenOp &Op) {
  const auto *MCE = dyn_cast_or_null<CXXMemberCallExpr>(Op.E);
  if (Op.Kind != EigenOpKind::Method || !MCE)
    return false;
  const CXXMethodDecl *MD = MCE->getMethodDecl();
  if (!MD || MD->isConst() || MD->isStatic() || isa<CXXConversionDecl>(MD))
    return false;
  QualType R = MD->getReturnType();
  return R->isVoidType() ||
         (R->isLValueReferenceType() && isEigenDense(R.getNonReferenceType()));
}

bool isEigenFill(StringRef M) {
  return llvm::StringSwitch<bool>(M)
      .Cases("setZero", "setOnes", "setIdentity", "setConstant", "fill", true)
      .Default(false);
}

bool isRuleMethod(StringRef M) {
  return M == "inverse" || M == "determinant" || M == "norm";
}

/// Eigen's own names for the common dynamic-size types.
static std::string readable(const std::string &Type) {
  static const std::pair<const char *, const char *> Names[] = {
      {"Eigen::Matrix<double, -1, -1>", "Eigen::MatrixXd"},
      {"Eigen::Matrix<double, -1, 1>", "Eigen::VectorXd"},
      {"Eigen::Matrix<double, 1, -1>", "Eigen::RowVectorXd"},
      {"Eigen::Array<double, -1, -1>", "Eigen::ArrayXXd"},
      {"Eigen::Array<double, -1, 1>", "Eigen::ArrayXd"},
  };
  for (const auto &[Long, Short] : Names)
    if (Type == Long)
      return Short;
  return Type;
}

std::string eigenPlainTypeName(QualType T, const PrintingPolicy &Policy) {
  T = T.getNonReferenceType().getUnqualifiedType();
  if (isEigenPlain(T))
    return typeName(T, Policy);
  // A Map or an expression: the matrix type Eigen evaluates it into.
  IdentifierInfo &II =
      T->getAsCXXRecordDecl()->getASTContext().Idents.get("PlainObject");
  for (const CXXRecordDecl *R = T->getAsCXXRecordDecl();
       R && R->hasDefinition();) {
    for (const NamedDecl *D : R->lookup(&II))
      if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
        return readable(
            typeName(TD->getUnderlyingType().getCanonicalType(), Policy));
    if (R->bases().empty())
      break;
    R = R->bases_begin()->getType()->getAsCXXRecordDecl();
  }
  return "Eigen::MatrixXd";
}

bool hasSideEffects(const Expr *E, const ASTContext &Ctx) {
  std::optional<EigenOp> Op = matchEigen(E);
  if (!Op || Op->Kind == EigenOpKind::Assign)
    return E->HasSideEffects(Ctx);
  if (Op->Kind == EigenOpKind::Leaf)
    return false;
  if (Op->Object && hasSideEffects(Op->Object, Ctx))
    return true;
  for (const Expr *A : Op->Args)
    if (hasSideEffects(A, Ctx))
      return true;
  return false;
}

static bool anyEigen(const CallExpr *CE) {
  for (const Expr *A : CE->arguments())
    if (isEigenDense(skipEigenWrappers(A)->getType()))
      return true;
  return false;
}

std::optional<EigenOp> matchEigen(const Expr *E) {
  E = skipEigenWrappers(E);
  if (!E)
    return std::nullopt;
  EigenOp Op;
  Op.E = E;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !isEigenDense(VD->getType()))
      return std::nullopt;
    Op.Var = VD;
    return Op;
  }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (!anyEigen(OCE))
      return std::nullopt;
    unsigned N = OCE->getNumArgs();
    for (unsigned I = 0; I < N; ++I)
      Op.Args.push_back(OCE->getArg(I));
    switch (OCE->getOperator()) {
    case OO_Plus:
      Op.Kind = N == 2 ? EigenOpKind::Add : EigenOpKind::Method;
      if (N == 1) { // unary +: nothing happens
        Op.Name = "+";
        Op.Object = Op.Args[0];
        Op.Args.clear();
      }
      return Op;
    case OO_Minus:
      Op.Kind = N == 2 ? EigenOpKind::Sub : EigenOpKind::Neg;
      return Op;
    case OO_Star:
      Op.Kind = EigenOpKind::Mul;
      return Op;
    case OO_Slash:
      Op.Kind = EigenOpKind::Div;
      return Op;
    case OO_Call:
    case OO_Subscript:
      Op.Kind = EigenOpKind::Coeff;
      Op.Object = Op.Args[0];
      Op.Args.erase(Op.Args.begin());
      return Op;
    case OO_Equal:
    case OO_PlusEqual:
    case OO_MinusEqual:
    case OO_StarEqual:
    case OO_SlashEqual:
      Op.Kind = EigenOpKind::Assign;
      Op.Object = Op.Args[0];
      Op.Args.erase(Op.Args.begin());
      Op.Name = getOperatorSpelling(OCE->getOperator());
      return Op;
    default:
      return std::nullopt;
    }
  }
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
    const Expr *Obj = MCE->getImplicitObjectArgument();
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (!Obj || !MD ||
        (!isEigenDense(skipEigenWrappers(Obj)->getType()) &&
         !matchBroadcast(Obj)))
      return std::nullopt;
    if (!MD->getIdentifier() && !isa<CXXConversionDecl>(MD))
      return std::nullopt;
    Op.Kind = EigenOpKind::Method;
    Op.Object = Obj;
    // A 1x1 expression converted to its scalar is its value().
    Op.Name = MD->getIdentifier() ? MD->getName().str() : "value";
    for (const Expr *A : MCE->arguments())
      Op.Args.push_back(A);
    return Op;
  }
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(E);
      CCE && isCoefficientConstructor(CCE)) {
    Op.Kind = EigenOpKind::Construct;
    for (const Expr *A : CCE->arguments())
      Op.Args.push_back(A);
    return Op;
  }
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(E))
    if (auto Rows = initializerRows(CCE)) {
      Op.Kind = EigenOpKind::Construct;
      Op.ListRows = Rows->size();
      Op.ListCols = (*Rows)[0].size();
      for (const std::vector<const Expr *> &Row : *Rows)
        Op.Args.append(Row.begin(), Row.end());
      return Op;
    }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(CE->getDirectCallee());
    if (!MD || !MD->isStatic() || !isEigenDense(CE->getType()))
      return std::nullopt;
    Op.Kind = EigenOpKind::Static;
    Op.Name = MD->getName().str();
    for (const Expr *A : CE->arguments())
      Op.Args.push_back(A);
    return Op;
  }
  return std::nullopt;
}

} // namespace frechet
