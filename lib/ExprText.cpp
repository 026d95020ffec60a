//===- ExprText.cpp - C++ expression text with its precedence -------------===//
#include "ExprText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace frechet {

std::string operand(const Code &C, Prec Outer, bool RightOperand) {
  bool Paren = RightOperand ? C.P <= Outer : C.P < Outer;
  return Paren ? "(" + C.Text + ")" : C.Text;
}

Code binary(const Code &L, llvm::StringRef Op, const Code &R, Prec P) {
  return Code(operand(L, P) + " " + Op.str() + " " + operand(R, P, true), P);
}

Code add(const Code &L, const Code &R) {
  return binary(L, "+", R, Prec::Additive);
}
Code sub(const Code &L, const Code &R) {
  return binary(L, "-", R, Prec::Additive);
}
Code mul(const Code &L, const Code &R) {
  return binary(L, "*", R, Prec::Multiplicative);
}
Code div(const Code &L, const Code &R) {
  return binary(L, "/", R, Prec::Multiplicative);
}

Code prefix(llvm::StringRef Op, const Code &C) {
  std::string Inner = operand(C, Prec::Unary);
  // "- -x" must not become "--x".
  if (!Inner.empty() && !Op.empty() && Inner[0] == Op.back())
    Inner = "(" + Inner + ")";
  return Code(Op.str() + Inner, Prec::Unary);
}

Code neg(const Code &C) { return prefix("-", C); }

Code subscript(const Code &Base, llvm::StringRef Index) {
  return Code(operand(Base, Prec::Postfix) + "[" + Index.str() + "]",
              Prec::Postfix);
}

Code functionCall(llvm::StringRef Fn, llvm::ArrayRef<std::string> Args) {
  std::string S = Fn.str() + "(";
  for (size_t I = 0; I < Args.size(); ++I)
    S += (I ? ", " : "") + Args[I];
  return Code(S + ")", Prec::Postfix);
}

Code method(const Code &Obj, llvm::StringRef Name, llvm::StringRef Args) {
  return Code(operand(Obj, Prec::Postfix) + "." + Name.str() + "(" +
                  Args.str() + ")",
              Prec::Postfix);
}

Code conditional(const Code &Cond, const Code &T, const Code &F) {
  return Code(operand(Cond, Prec::LogicalOr) + " ? " +
                  operand(T, Prec::Assign) + " : " + operand(F, Prec::Assign),
              Prec::Conditional);
}

Code staticCast(llvm::StringRef Type, const Code &C) {
  return Code("static_cast<" + Type.str() + ">(" + C.Text + ")", Prec::Postfix);
}

Tangent addT(const Tangent &L, const Tangent &R) {
  if (!L)
    return R;
  if (!R)
    return L;
  return add(*L, *R);
}

Tangent subT(const Tangent &L, const Tangent &R) {
  if (!R)
    return L;
  if (!L)
    return neg(*R);
  return sub(*L, *R);
}

static Prec binaryPrecedence(BinaryOperatorKind K) {
  switch (K) {
  case BO_Mul:
  case BO_Div:
  case BO_Rem:
    return Prec::Multiplicative;
  case BO_Add:
  case BO_Sub:
    return Prec::Additive;
  case BO_Shl:
  case BO_Shr:
    return Prec(11);
  case BO_LT:
  case BO_GT:
  case BO_LE:
  case BO_GE:
  case BO_Cmp:
    return Prec::Relational;
  case BO_EQ:
  case BO_NE:
    return Prec(9);
  case BO_And:
    return Prec(8);
  case BO_Xor:
    return Prec(7);
  case BO_Or:
    return Prec(6);
  case BO_LAnd:
    return Prec::LogicalAnd;
  case BO_LOr:
    return Prec::LogicalOr;
  case BO_Comma:
    return Prec::Comma;
  case BO_PtrMemD:
  case BO_PtrMemI:
    return Prec::Unary;
  default:
    return Prec::Assign;
  }
}

Prec precedenceOf(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return binaryPrecedence(BO->getOpcode());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->isPostfix() ? Prec::Postfix : Prec::Unary;
  if (isa<AbstractConditionalOperator>(E))
    return Prec::Conditional;
  if (isa<CStyleCastExpr>(E) || isa<CXXNewExpr>(E) || isa<CXXDeleteExpr>(E) ||
      isa<UnaryExprOrTypeTraitExpr>(E))
    return Prec::Unary;
  if (isa<CXXThrowExpr>(E))
    return Prec::Assign;
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
    // Overloaded operators print as operators (Eigen's A * B).
    bool Unary = OCE->getNumArgs() == 1;
    switch (OCE->getOperator()) {
    case OO_Call:
    case OO_Subscript:
    case OO_Arrow:
      return Prec::Postfix;
    case OO_Plus:
    case OO_Minus:
      return Unary ? Prec::Unary : Prec::Additive;
    case OO_Star:
      return Unary ? Prec::Unary : Prec::Multiplicative;
    case OO_Slash:
    case OO_Percent:
      return Prec::Multiplicative;
    case OO_Tilde:
    case OO_Exclaim:
    case OO_PlusPlus:
    case OO_MinusMinus:
      return Prec::Unary;
    case OO_Comma:
      return Prec::Comma;
    default:
      // Assignments, comparisons, shifts, bitwise operators: looser than
      // anything Frechet composes around them, so always parenthesized.
      return Prec::Assign;
    }
  }
  if (isa<CallExpr>(E) || isa<ArraySubscriptExpr>(E) || isa<MemberExpr>(E) ||
      isa<CXXNamedCastExpr>(E) || isa<CXXFunctionalCastExpr>(E))
    return Prec::Postfix;
  return Prec::Primary;
}

std::string qualifierOf(const DeclContext *DC) {
  std::string Q;
  for (; DC && !DC->isTranslationUnit(); DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isAnonymousNamespace() || NS->isInline())
        continue;
      Q = NS->getName().str() + "::" + Q;
    }
  }
  return Q;
}

QualType qualified(QualType T, const ASTContext &Ctx) {
  return TypeName::getFullyQualifiedType(T, Ctx, /*WithGlobalNsPrefix=*/false);
}

/// Whether \p D is visible without qualification from \p Context.
static bool visibleFrom(const NamedDecl *D, const DeclContext *Context) {
  const DeclContext *DC = D->getDeclContext();
  if (DC->isFunctionOrMethod() || isa<ParmVarDecl>(D))
    return true;
  while (isa<LinkageSpecDecl>(DC) || isa<ExportDecl>(DC) ||
         (isa<EnumDecl>(DC) && !cast<EnumDecl>(DC)->isScoped()))
    DC = DC->getParent();
  if (!Context || !isa<NamespaceDecl>(DC))
    return true;
  for (const DeclContext *C = Context; C; C = C->getParent())
    if (C->getPrimaryContext() == DC->getPrimaryContext())
      return true;
  return false;
}

bool LiteralPrinter::handledStmt(Stmt *E, llvm::raw_ostream &OS) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const NamedDecl *D = DRE->getDecl();
    if (DRE->hasQualifier() || DRE->hasExplicitTemplateArgs() ||
        visibleFrom(D, Context))
      return false;
    D->printQualifiedName(OS);
    return true;
  }
  const auto *FL = dyn_cast<FloatingLiteral>(E);
  if (!FL)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = FL->getLocation();
  if (Loc.isValid() && Loc.isFileID()) {
    StringRef Spelling = Lexer::getSourceText(
        CharSourceRange::getTokenRange(Loc), SM, Ctx.getLangOpts());
    if (!Spelling.empty()) {
      OS << Spelling;
      return true;
    }
  }
  return false;
}

Code verbatim(const Expr *E, const PrintingPolicy &Policy,
              PrinterHelper *Helper) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  E->printPretty(OS, Helper, Policy);
  return Code(OS.str(), precedenceOf(E));
}

std::string zeroLiteral(QualType T) {
  if (const auto *BT = T.getCanonicalType()->getAs<BuiltinType>()) {
    if (BT->getKind() == BuiltinType::Float)
      return "0.0f";
    if (BT->getKind() == BuiltinType::LongDouble)
      return "0.0L";
  }
  return "0.0";
}

// Types are printed fully qualified (generated code may live in another
// namespace than the function it differentiates); the context is set once
// per compilation by setTypeContext.
static const ASTContext *TypeContext = nullptr;

void setTypeContext(const ASTContext &Ctx) { TypeContext = &Ctx; }

static QualType forPrinting(QualType T) {
  return TypeContext ? qualified(T, *TypeContext) : T;
}

std::string oneLiteral(QualType T) {
  std::string Zero = zeroLiteral(T);
  return "1" + Zero.substr(1);
}

std::string declare(QualType T, llvm::StringRef Name,
                    const PrintingPolicy &Policy) {
  T = forPrinting(T);
  std::string S;
  llvm::raw_string_ostream OS(S);
  T.print(OS, Policy, Name);
  return OS.str();
}

std::string typeName(QualType T, const PrintingPolicy &Policy) {
  return forPrinting(T).getAsString(Policy);
}

PrintingPolicy printingPolicy(const ASTContext &Ctx) {
  PrintingPolicy P = Ctx.getPrintingPolicy();
  P.Bool = true;
  P.SuppressImplicitBase = true;
  P.SuppressTagKeyword = true;
  P.UseVoidForZeroParams = false;
  P.PolishForDeclaration = true;
  return P;
}

} // namespace frechet

namespace frechet {
std::string describe(const clang::Stmt *S) {
  // "ChooseExpr" -> "a choose expression": words, not Clang's class names.
  llvm::StringRef Name = S->getStmtClassName();
  Name.consume_back("Expr");
  Name.consume_back("Operator");
  std::string Words;
  for (char C : Name) {
    if (isupper(static_cast<unsigned char>(C)) && !Words.empty())
      Words += ' ';
    Words += static_cast<char>(tolower(static_cast<unsigned char>(C)));
  }
  return "a " + Words + " expression";
}
} // namespace frechet
