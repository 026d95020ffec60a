//===- ExprText.h - C++ expression text with its precedence ----*- C++ -*-===//
//
// Generated code is composed as text. Each piece remembers the precedence of
// its outermost operator, so composing `a * b` from `x + y` and `z` adds
// exactly the parentheses C++ needs and no others.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_EXPRTEXT_H
#define FRECHET_EXPRTEXT_H

#include "clang/AST/Expr.h"
#include "clang/AST/PrettyPrinter.h"

#include <optional>
#include <string>

namespace frechet {

/// C++ operator precedence, higher binds tighter.
enum class Prec : int {
  Comma = 1,
  Assign = 2,
  Conditional = 3,
  LogicalOr = 4,
  LogicalAnd = 5,
  Relational = 10,
  Additive = 12,
  Multiplicative = 13,
  Unary = 14,
  Postfix = 15,
  Primary = 16,
};

struct Code {
  std::string Text;
  Prec P = Prec::Primary;

  Code() = default;
  Code(std::string Text, Prec P = Prec::Primary)
      : Text(std::move(Text)), P(P) {}
};

/// A tangent that may be known to be zero (then it is absent).
using Tangent = std::optional<Code>;

/// \p C as an operand of an operator of precedence \p Outer; \p RightOperand
/// for the right side of a left-associative operator.
std::string operand(const Code &C, Prec Outer, bool RightOperand = false);

Code binary(const Code &L, llvm::StringRef Op, const Code &R, Prec P);
Code add(const Code &L, const Code &R);
Code sub(const Code &L, const Code &R);
Code mul(const Code &L, const Code &R);
Code div(const Code &L, const Code &R);
Code neg(const Code &C);
Code prefix(llvm::StringRef Op, const Code &C);
Code subscript(const Code &Base, llvm::StringRef Index);
/// Fn(Args...): a call.
Code functionCall(llvm::StringRef Fn, llvm::ArrayRef<std::string> Args);
/// Obj.Name(Args): a method call, as on Eigen values.
Code method(const Code &Obj, llvm::StringRef Name, llvm::StringRef Args = "");
Code conditional(const Code &Cond, const Code &T, const Code &F);
Code staticCast(llvm::StringRef Type, const Code &C);

/// Tangent arithmetic that drops zero terms: d(a+b), d(a-b), ...
Tangent addT(const Tangent &L, const Tangent &R);
Tangent subT(const Tangent &L, const Tangent &R);

/// The precedence of the outermost operator of \p E as printPretty prints it.
Prec precedenceOf(const clang::Expr *E);

/// Prints floating-point literals as the user spelled them ("1.0", not
/// printPretty's "1.").
///
/// Also qualifies names of namespace-scope entities that are not visible
/// unqualified where the generated code goes (the derivative of a function
/// in namespace geo may be emitted outside geo).
class LiteralPrinter : public clang::PrinterHelper {
public:
  explicit LiteralPrinter(const clang::ASTContext &Ctx) : Ctx(Ctx) {}
  bool handledStmt(clang::Stmt *E, llvm::raw_ostream &OS) override;
  /// Where the generated code will be parsed.
  void setContext(const clang::DeclContext *DC) { Context = DC; }

private:
  const clang::ASTContext &Ctx;
  const clang::DeclContext *Context = nullptr;
};

/// "ns::inner::" for the namespace \p DC, "" for the global namespace.
std::string qualifierOf(const clang::DeclContext *DC);

/// \p E as the user wrote it (printPretty), with its precedence.
Code verbatim(const clang::Expr *E, const clang::PrintingPolicy &Policy,
              clang::PrinterHelper *Helper = nullptr);

/// \p T with every name in it qualified, so that it means the same anywhere.
clang::QualType qualified(clang::QualType T, const clang::ASTContext &Ctx);

/// \p S's kind in words, for messages ("a choose expression").
std::string describe(const clang::Stmt *S);

/// A literal zero of floating type \p T ("0.0", "0.0f", "0.0L").
std::string zeroLiteral(clang::QualType T);

/// Makes declare() and typeName() qualify names with \p Ctx.
void setTypeContext(const clang::ASTContext &Ctx);

/// A literal one of floating type \p T ("1.0", "1.0f", "1.0L").
std::string oneLiteral(clang::QualType T);

/// \p T printed for a declaration of \p Name ("double a[3]", "double *p").
std::string declare(clang::QualType T, llvm::StringRef Name,
                    const clang::PrintingPolicy &Policy);

/// \p T printed alone.
std::string typeName(clang::QualType T, const clang::PrintingPolicy &Policy);

/// The policy for everything Frechet prints: as close to the source as
/// possible, and compilable.
clang::PrintingPolicy printingPolicy(const clang::ASTContext &Ctx);

} // namespace frechet

#endif
