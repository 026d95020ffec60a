//===- EigenExpr.h - Eigen operations seen through Clang's AST -*- C++ -*-===//
//
// Eigen builds matrix code out of expression templates: `A * B` is a call
// to an overloaded operator returning a Product<...>, wrapped in implicit
// casts to base classes, temporaries and conversions. Both modes see the
// same few operations underneath, which this file names.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_EIGENEXPR_H
#define FRECHET_EIGENEXPR_H

#include "clang/AST/Expr.h"
#include "clang/AST/PrettyPrinter.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace frechet {

enum class EigenOpKind {
  Leaf,      ///< a variable of matrix type
  Add,       ///< a + b
  Sub,       ///< a - b
  Neg,       ///< -a
  Mul,       ///< a * b (matrix product, scaling, or elementwise on arrays)
  Div,       ///< a / b
  Method,    ///< object.method(args...)
  Coeff,     ///< object(i, j), object(i), object[i]
  Static,    ///< Type::Identity(...), Type::Zero(...), Type::Constant(...)
  Construct, ///< Vector3d(x, y, z), Matrix2d{{a, b}, {c, d}}: from coefficients
  Assign,    ///< object = / += / -= / *= / /= args[0]
};

struct EigenOp {
  EigenOpKind Kind = EigenOpKind::Leaf;
  const clang::Expr *E = nullptr;      ///< the operation itself
  const clang::Expr *Object = nullptr; ///< Method, Coeff, Assign: the object
  llvm::SmallVector<const clang::Expr *, 4> Args; ///< operands, arguments
  std::string Name; ///< Method: the method; Static: the callee as written;
                    ///< Assign: the operator ("=", "+=", ...)
  const clang::VarDecl *Var = nullptr; ///< Leaf
  /// Construct from nested initializer lists (Matrix2d{{a, b}, {c, d}}):
  /// the lists' rows and columns, Args in row-major order; 0 for
  /// Vector3d(x, y, z).
  unsigned ListRows = 0, ListCols = 0;
};

/// A Construct's text from its type and its arguments' texts:
/// `Vector3d(x, y, z)` or `Matrix2d{{a, b}, {c, d}}`.
std::string constructText(const EigenOp &Op, const std::string &Type,
                          llvm::ArrayRef<std::string> Args);
/// The coefficient of a Construct's value that argument \p I sets: "(I)"
/// for a vector, "(r, c)" for a matrix.
std::string constructCoefficient(const EigenOp &Op, size_t I);

/// \p E without what Eigen and Clang wrap around values: parentheses,
/// implicit casts, temporaries, cleanups and conversions between Eigen types.
const clang::Expr *skipEigenWrappers(const clang::Expr *E);

/// `M << a, b, c;` (rows filled in turn): the matrix and the items.
struct CommaInit {
  const clang::Expr *Target = nullptr;
  llvm::SmallVector<const clang::Expr *, 8> Items;
};
std::optional<CommaInit> matchCommaInit(const clang::Expr *E);
/// Whether some item is a matrix (`M << A, x;`), not only scalars.
bool hasMatrixItems(const CommaInit &CI);
/// An item after the first that reads the matrix being filled (`M << x,
/// M(0, 0)`): Eigen writes the items one by one, so it may read a value the
/// statement already wrote, which neither mode follows. Null if none.
const clang::Expr *itemReadingTarget(const CommaInit &CI);

/// `X.colwise()` or `X.rowwise()`: broadcasting (`X.colwise() + v` adds v
/// to every column) and reductions (`X.colwise().sum()` is a row vector).
struct Broadcast {
  const clang::Expr *Object = nullptr; ///< X
  bool Colwise = true;
};
std::optional<Broadcast> matchBroadcast(const clang::Expr *E);

/// Whether the initializer \p Init of a matrix variable gives it a value
/// (another matrix, an expression, a call), rather than constructing it
/// from sizes, scalars, or nothing.
bool isMatrixValueInit(const clang::Expr *Init);

/// The Eigen operation \p E performs, if it is one on an Eigen dense value
/// (including coefficient reads and scalar results such as `A.trace()`).
std::optional<EigenOp> matchEigen(const clang::Expr *E);

/// The plain matrix type that Eigen evaluates \p T (a matrix, a Map, an
/// expression) into, printed with Eigen's own short names where they exist
/// ("Eigen::MatrixXd").
std::string eigenPlainTypeName(clang::QualType T,
                               const clang::PrintingPolicy &Policy);

/// Whether evaluating \p E has side effects, counting Eigen's operators and
/// accessors (which Clang sees as calls) as pure.
bool hasSideEffects(const clang::Expr *E, const clang::ASTContext &Ctx);

/// Whether \p Method, called on an Eigen value, is linear in the object and
/// has arguments that are only indices or sizes (transpose, block, sum...).
bool isLinearEigenMethod(llvm::StringRef Method);

/// Whether \p Op is a method that changes its object in place (setZero,
/// fill, resize, swap...): a non-const method returning nothing or a
/// reference to the object.
bool isEigenMutator(const EigenOp &Op);

/// Mutators that give every coefficient the same value or the identity's
/// (setZero, setOnes, setIdentity, setConstant, fill): both modes
/// differentiate them like assignments of a constant.
bool isEigenFill(llvm::StringRef Method);

/// Whether \p Method is an elementwise function of an Eigen array (exp, ...).
bool isArrayFunction(llvm::StringRef Method);

/// Whether \p Method is differentiated by a runtime rule taking the object
/// as first argument (inverse, determinant, norm).
bool isRuleMethod(llvm::StringRef Method);

} // namespace frechet

#endif
