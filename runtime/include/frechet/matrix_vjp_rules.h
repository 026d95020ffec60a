//===- frechet/matrix_vjp_rules.h - reverse rules for matrix functions ----===//
//
// Reverse-mode rules for the functions of frechet/matrix_jvp_rules.h, each
// the exact adjoint of its forward rule under the Frobenius inner product
// <X, Y> = tr(X^T Y), so a gradient has its argument's shape.
//
//   void g_vjp(args..., d_ret, d_args...);
//
// takes the primal arguments, then the cotangent of the result (a double,
// or a const MatrixXd& where an empty matrix means zero and the rule does
// nothing), then one adjoint per floating-point or matrix parameter: any
// plain Eigen matrix or vector (MatrixXd, VectorXd, Matrix3d, ...) or a
// floating-point lvalue. Contributions are added with add_to, never
// assigned, so an empty dynamic adjoint takes the argument's shape; an
// adjoint that is discard() is skipped, work included. A rule reads no
// adjoint, so adjoints may alias each other (solve(A, A)).
//
// Rules that keep the factorization come as a pair with the calling
// convention of generated sweeps (docs/reverse-mode.md):
//
//   R    g_fwd(args..., frechet::tape &t);
//   void g_rev(args..., d_ret, d_args..., frechet::tape &t);
//
// g_fwd factors A once and keeps the factorization (and the result, where
// the reverse needs it) in an entry of a per-thread stack owned by the
// rules, and pushes the entry's index on the tape; g_rev pops the index and
// reuses the entry, always, even when it has nothing to add. Entries are
// kept when popped, so the next call of the same gradient refactors into
// the same storage instead of allocating. solve_rev costs one transposed
// solve with the saved LU and one outer product, O(n^2 k), against the
// O(n^3) of the primal.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_MATRIX_VJP_RULES_H
#define FRECHET_MATRIX_VJP_RULES_H

#include "frechet/matrix_jvp_rules.h"
#include "frechet/matrix_support.h"
#include "frechet/tape.h"

#include <memory>
#include <type_traits>
#include <vector>

namespace frechet {
namespace rules {
namespace detail {

// Adjoints are modifiable plain Eigen objects or floating-point lvalues;
// anything else stays out of overload resolution.
template <class T>
constexpr bool is_matrix_adjoint_v =
    !std::is_const_v<T> &&
    (std::is_floating_point_v<T> ||
     std::conjunction_v<std::is_class<T>,
                        std::is_base_of<Eigen::PlainObjectBase<T>, T>>);
template <class... Ts>
using if_matrix_adjoint_t =
    std::enable_if_t<(is_matrix_adjoint_v<Ts> && ...), int>;

inline void require_cotangent(const MatrixXd &dY, Eigen::Index Rows,
                              Eigen::Index Cols, const char *fn) {
  if (dY.size() != 0 && (dY.rows() != Rows || dY.cols() != Cols))
    throw std::invalid_argument(std::string("frechet::rules::") + fn + ": a " +
                                std::to_string(dY.rows()) + "x" +
                                std::to_string(dY.cols()) +
                                " cotangent for a " + std::to_string(Rows) +
                                "x" + std::to_string(Cols) + " result");
}

/// acc += S * L * R with one product kernel and no temporary once acc has
/// its shape. L and R are never adjoints, so they cannot alias acc.
template <class Acc>
void add_product(Acc &acc, double S, const MatrixXd &L, const MatrixXd &R) {
  if (!wanted(acc))
    return;
  if constexpr (std::is_floating_point_v<Acc>) {
    add_to(acc, (S * L * R).eval());
  } else {
    if (acc.size() == 0)
      acc = S * L * R;
    else
      acc.noalias() += S * L * R;
  }
}

/// What a split rule keeps from its forward sweep.
struct saved_lu {
  Eigen::PartialPivLU<MatrixXd> lu;
  MatrixXd value, work;
};
struct saved_llt {
  Eigen::LLT<MatrixXd> llt;
  MatrixXd value, work;
};

/// A per-thread stack of saved entries that keeps popped entries for reuse.
/// The tape holds the index of each pushed entry: the tape is the single
/// record of what is live.
template <class Entry> class saved_stack {
public:
  static saved_stack &local() {
    static thread_local saved_stack S;
    return S;
  }
  Entry &push(tape &t) {
    if (Top == Entries.size())
      Entries.push_back(std::make_unique<Entry>());
    t.push(Top);
    return *Entries[Top++];
  }
  Entry &pop(tape &t) {
    std::size_t I = t.pop<std::size_t>();
    if (I >= Entries.size())
      throw std::logic_error("frechet::rules: a matrix rule's _rev popped "
                             "what its _fwd did not push");
    Top = I;
    return *Entries[I];
  }
  /// Entries in use, and entries allocated (for tests).
  std::size_t depth() const { return Top; }
  std::size_t capacity() const { return Entries.size(); }
  const Entry &at(std::size_t I) const { return *Entries[I]; }

private:
  std::vector<std::unique_ptr<Entry>> Entries;
  std::size_t Top = 0;
};

using lu_stack = saved_stack<saved_lu>;
using llt_stack = saved_stack<saved_llt>;

// The pullbacks, shared by g_vjp (which factors on the spot) and g_rev
// (which pops the factorization of g_fwd), so both add the same bits.

template <class DA>
void logdet_pullback(saved_lu &E, double V, double dY, DA &d_A) {
  if (dY == 0 || !wanted(d_A))
    return;
  const Eigen::Index N = E.lu.matrixLU().rows();
  if (std::isnan(V)) {
    add_to(d_A, MatrixXd::Constant(N, N, nan));
    return;
  }
  frechet::detail::lu_inverse(E.lu, E.work);
  add_to(d_A, dY * E.work.transpose());
}

template <class DA> void logdet_spd_pullback(saved_llt &E, double dY, DA &d_A) {
  if (dY == 0 || !wanted(d_A))
    return;
  const Eigen::Index N = E.llt.matrixLLT().rows();
  if (E.llt.info() != Eigen::Success) {
    add_to(d_A, MatrixXd::Constant(N, N, nan));
    return;
  }
  E.work = E.llt.solve(MatrixXd::Identity(N, N));
  add_to(d_A, dY * E.work);
}

template <class DA>
void determinant_pullback(const Eigen::PartialPivLU<MatrixXd> &LU,
                          const MatrixXd &A, double dY, DA &d_A) {
  if (dY == 0 || !wanted(d_A))
    return;
  add_to(d_A, dY * frechet::detail::adjugate(LU, A).transpose());
}

// E.value holds X = A^{-1} B.
template <class DA, class DB>
void solve_pullback(saved_lu &E, const MatrixXd &dX, DA &d_A, DB &d_B) {
  if (dX.size() == 0 || (!wanted(d_A) && !wanted(d_B)))
    return;
  E.work = E.lu.transpose().solve(dX); // dB = A^{-T} dX
  add_to(d_B, E.work);
  add_product(d_A, -1.0, E.work, E.value.transpose());
}

template <class DA, class DB>
void solve_spd_pullback(saved_llt &E, const MatrixXd &dX, DA &d_A, DB &d_B) {
  if (dX.size() == 0 || (!wanted(d_A) && !wanted(d_B)))
    return;
  frechet::detail::solve_spd_into(E.llt, dX, E.work); // A symmetric
  add_to(d_B, E.work);
  if (wanted(d_A)) {
    const MatrixXd G = E.work * E.value.transpose();
    add_to(d_A, -0.5 * (G + G.transpose()));
  }
}

// E.value holds Y = A^{-1}: d_A += -Y^T dY Y^T.
template <class DA>
void inverse_pullback(saved_lu &E, const MatrixXd &dY, DA &d_A) {
  if (dY.size() == 0 || !wanted(d_A))
    return;
  E.work.noalias() = E.value.transpose() * dY;
  add_product(d_A, -1.0, E.work, E.value.transpose());
}

} // namespace detail

//===--- Log-determinants and determinant ---------------------------------===//

/// d_A += d_ret A^{-T}; NaN where log det A is NaN (det A < 0).
template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void logdet_vjp(const Eigen::MatrixXd &A, double d_ret, DA &d_A) {
  frechet::detail::require_square(A, "logdet");
  if (d_ret == 0 || !wanted(d_A))
    return;
  detail::saved_lu E;
  E.lu.compute(A);
  detail::logdet_pullback(E, frechet::detail::logdet(E.lu), d_ret, d_A);
}

/// d_A += d_ret A^{-T}.
template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void logabsdet_vjp(const Eigen::MatrixXd &A, double d_ret, DA &d_A) {
  frechet::detail::require_square(A, "logabsdet");
  if (d_ret == 0 || !wanted(d_A))
    return;
  detail::saved_lu E;
  E.lu.compute(A);
  detail::logdet_pullback(E, 0.0, d_ret, d_A);
}

/// d_A += d_ret A^{-1} (symmetric); NaN where A is not SPD.
template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void logdet_spd_vjp(const Eigen::MatrixXd &A, double d_ret, DA &d_A) {
  frechet::detail::require_square(A, "logdet_spd");
  if (d_ret == 0 || !wanted(d_A))
    return;
  detail::saved_llt E;
  E.llt.compute(A);
  detail::logdet_spd_pullback(E, d_ret, d_A);
}

/// d_A += d_ret adj(A)^T (the cofactor matrix), exact at singular A.
template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void determinant_vjp(const Eigen::MatrixXd &A, double d_ret, DA &d_A) {
  frechet::detail::require_square(A, "determinant");
  if (d_ret == 0 || !wanted(d_A))
    return;
  detail::determinant_pullback(Eigen::PartialPivLU<Eigen::MatrixXd>(A), A,
                               d_ret, d_A);
}

/// d_A += d_ret A / |A|_F, nothing at A == 0.
template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void norm_vjp(const Eigen::MatrixXd &A, double d_ret, DA &d_A) {
  if (d_ret == 0 || !wanted(d_A))
    return;
  const double N = A.norm();
  if (N != 0)
    add_to(d_A, (d_ret / N) * A);
}

//===--- Matrix-valued ----------------------------------------------------===//

/// X = A^{-1} B: d_B += A^{-T} d_ret, d_A += -(A^{-T} d_ret) X^T.
template <class DA, class DB, detail::if_matrix_adjoint_t<DA, DB> = 0>
void solve_vjp(const Eigen::MatrixXd &A, const Eigen::MatrixXd &B,
               const Eigen::MatrixXd &d_ret, DA &d_A, DB &d_B) {
  frechet::detail::require_solvable(A, B, "solve");
  detail::require_cotangent(d_ret, A.cols(), B.cols(), "solve_vjp");
  if (d_ret.size() == 0 || (!wanted(d_A) && !wanted(d_B)))
    return;
  detail::saved_lu E;
  E.lu.compute(A);
  if (wanted(d_A))
    E.value = E.lu.solve(B);
  detail::solve_pullback(E, d_ret, d_A, d_B);
}

/// X = A^{-1} B, A SPD: d_B += A^{-1} d_ret, d_A += -sym((A^{-1} d_ret) X^T).
template <class DA, class DB, detail::if_matrix_adjoint_t<DA, DB> = 0>
void solve_spd_vjp(const Eigen::MatrixXd &A, const Eigen::MatrixXd &B,
                   const Eigen::MatrixXd &d_ret, DA &d_A, DB &d_B) {
  frechet::detail::require_solvable(A, B, "solve_spd");
  detail::require_cotangent(d_ret, A.cols(), B.cols(), "solve_spd_vjp");
  if (d_ret.size() == 0 || (!wanted(d_A) && !wanted(d_B)))
    return;
  detail::saved_llt E;
  E.llt.compute(A);
  if (wanted(d_A))
    frechet::detail::solve_spd_into(E.llt, B, E.value);
  detail::solve_spd_pullback(E, d_ret, d_A, d_B);
}

/// Y = A^{-1}: d_A += -Y^T d_ret Y^T.
template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void inverse_vjp(const Eigen::MatrixXd &A, const Eigen::MatrixXd &d_ret,
                 DA &d_A) {
  frechet::detail::require_square(A, "inverse");
  detail::require_cotangent(d_ret, A.rows(), A.cols(), "inverse_vjp");
  if (d_ret.size() == 0 || !wanted(d_A))
    return;
  detail::saved_lu E;
  E.lu.compute(A);
  E.value = E.lu.inverse(); // exactly what A.inverse() returns
  detail::inverse_pullback(E, d_ret, d_A);
}

/// K = A kron B, with K_(ij) the (i, j) block of d_ret:
/// d_A(i, j) += <K_(ij), B>, d_B += sum_ij A(i, j) K_(ij). Reads each block
/// of d_ret once; nothing of K's size is formed.
template <class DA, class DB, detail::if_matrix_adjoint_t<DA, DB> = 0>
void kron_vjp(const Eigen::MatrixXd &A, const Eigen::MatrixXd &B,
              const Eigen::MatrixXd &d_ret, DA &d_A, DB &d_B) {
  const Eigen::Index P = B.rows(), Q = B.cols();
  detail::require_cotangent(d_ret, A.rows() * P, A.cols() * Q, "kron_vjp");
  if (d_ret.size() == 0)
    return;
  const bool WantA = wanted(d_A), WantB = wanted(d_B);
  Eigen::MatrixXd GA, GB;
  if (WantA)
    GA.resize(A.rows(), A.cols());
  if (WantB)
    GB.setZero(P, Q);
  if (!WantA && !WantB)
    return;
  for (Eigen::Index J = 0; J < A.cols(); ++J)
    for (Eigen::Index I = 0; I < A.rows(); ++I) {
      const auto Block = d_ret.block(I * P, J * Q, P, Q);
      if (WantA)
        GA(I, J) = Block.cwiseProduct(B).sum();
      if (WantB)
        GB += A(I, J) * Block;
    }
  if (WantA)
    add_to(d_A, GA);
  if (WantB)
    add_to(d_B, GB);
}

/// y = vec(A): d_A += d_ret reshaped to A's shape (column major).
template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void vec_vjp(const Eigen::MatrixXd &A, const Eigen::MatrixXd &d_ret, DA &d_A) {
  detail::require_cotangent(d_ret, A.size(), 1, "vec_vjp");
  if (d_ret.size() == 0 || !wanted(d_A))
    return;
  add_to(d_A,
         Eigen::Map<const Eigen::MatrixXd>(d_ret.data(), A.rows(), A.cols()));
}

/// Y = A^k: d_A += sum_j (A^T)^j d_ret (A^T)^{k-1-j}, which is the forward
/// rule at A^T in the direction d_ret (<X, f'(A)[Y]> = <f'(A^T)[X], Y> for
/// a power series f with real coefficients).
template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void matrix_power_vjp(const Eigen::MatrixXd &A, int k,
                      const Eigen::MatrixXd &d_ret, DA &d_A) {
  frechet::detail::require_square(A, "matrix_power");
  detail::require_cotangent(d_ret, A.rows(), A.cols(), "matrix_power_vjp");
  if (k < 0)
    frechet::matrix_power(A, k); // throws
  if (d_ret.size() == 0 || k == 0 || !wanted(d_A))
    return;
  add_to(d_A, matrix_power_jvp(A.transpose(), k, d_ret).tangent);
}

//===--- Split rules: the forward sweep's factorization, reused -----------===//

inline double logdet_fwd(const Eigen::MatrixXd &A, tape &t) {
  frechet::detail::require_square(A, "logdet");
  detail::saved_lu &E = detail::lu_stack::local().push(t);
  E.lu.compute(A);
  return frechet::detail::logdet(E.lu);
}

template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void logdet_rev(const Eigen::MatrixXd & /*A*/, double d_ret, DA &d_A, tape &t) {
  detail::saved_lu &E = detail::lu_stack::local().pop(t);
  if (d_ret == 0 || !wanted(d_A))
    return;
  detail::logdet_pullback(E, frechet::detail::logdet(E.lu), d_ret, d_A);
}

inline double logabsdet_fwd(const Eigen::MatrixXd &A, tape &t) {
  frechet::detail::require_square(A, "logabsdet");
  detail::saved_lu &E = detail::lu_stack::local().push(t);
  E.lu.compute(A);
  return frechet::detail::logabsdet(E.lu);
}

template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void logabsdet_rev(const Eigen::MatrixXd & /*A*/, double d_ret, DA &d_A,
                   tape &t) {
  detail::saved_lu &E = detail::lu_stack::local().pop(t);
  detail::logdet_pullback(E, 0.0, d_ret, d_A);
}

inline double logdet_spd_fwd(const Eigen::MatrixXd &A, tape &t) {
  frechet::detail::require_square(A, "logdet_spd");
  detail::saved_llt &E = detail::llt_stack::local().push(t);
  E.llt.compute(A);
  return frechet::detail::logdet_spd(E.llt);
}

template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void logdet_spd_rev(const Eigen::MatrixXd & /*A*/, double d_ret, DA &d_A,
                    tape &t) {
  detail::saved_llt &E = detail::llt_stack::local().pop(t);
  detail::logdet_spd_pullback(E, d_ret, d_A);
}

inline double determinant_fwd(const Eigen::MatrixXd &A, tape &t) {
  frechet::detail::require_square(A, "determinant");
  detail::saved_lu &E = detail::lu_stack::local().push(t);
  E.lu.compute(A);
  return E.lu.determinant();
}

/// Reads A only when partial pivoting found two or more zero pivots (then
/// the adjugate needs a rank-revealing factorization).
template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void determinant_rev(const Eigen::MatrixXd &A, double d_ret, DA &d_A, tape &t) {
  detail::saved_lu &E = detail::lu_stack::local().pop(t);
  detail::determinant_pullback(E.lu, A, d_ret, d_A);
}

inline Eigen::MatrixXd solve_fwd(const Eigen::MatrixXd &A,
                                 const Eigen::MatrixXd &B, tape &t) {
  frechet::detail::require_solvable(A, B, "solve");
  detail::saved_lu &E = detail::lu_stack::local().push(t);
  E.lu.compute(A);
  E.value = E.lu.solve(B);
  return E.value;
}

template <class DA, class DB, detail::if_matrix_adjoint_t<DA, DB> = 0>
void solve_rev(const Eigen::MatrixXd & /*A*/, const Eigen::MatrixXd & /*B*/,
               const Eigen::MatrixXd &d_ret, DA &d_A, DB &d_B, tape &t) {
  detail::saved_lu &E = detail::lu_stack::local().pop(t);
  detail::require_cotangent(d_ret, E.value.rows(), E.value.cols(), "solve_rev");
  detail::solve_pullback(E, d_ret, d_A, d_B);
}

inline Eigen::MatrixXd solve_spd_fwd(const Eigen::MatrixXd &A,
                                     const Eigen::MatrixXd &B, tape &t) {
  frechet::detail::require_solvable(A, B, "solve_spd");
  detail::saved_llt &E = detail::llt_stack::local().push(t);
  E.llt.compute(A);
  frechet::detail::solve_spd_into(E.llt, B, E.value);
  return E.value;
}

template <class DA, class DB, detail::if_matrix_adjoint_t<DA, DB> = 0>
void solve_spd_rev(const Eigen::MatrixXd & /*A*/, const Eigen::MatrixXd & /*B*/,
                   const Eigen::MatrixXd &d_ret, DA &d_A, DB &d_B, tape &t) {
  detail::saved_llt &E = detail::llt_stack::local().pop(t);
  detail::require_cotangent(d_ret, E.value.rows(), E.value.cols(),
                            "solve_spd_rev");
  detail::solve_spd_pullback(E, d_ret, d_A, d_B);
}

inline Eigen::MatrixXd inverse_fwd(const Eigen::MatrixXd &A, tape &t) {
  frechet::detail::require_square(A, "inverse");
  detail::saved_lu &E = detail::lu_stack::local().push(t);
  E.lu.compute(A);
  E.value = E.lu.inverse(); // exactly what A.inverse() returns
  return E.value;
}

template <class DA, detail::if_matrix_adjoint_t<DA> = 0>
void inverse_rev(const Eigen::MatrixXd & /*A*/, const Eigen::MatrixXd &d_ret,
                 DA &d_A, tape &t) {
  detail::saved_lu &E = detail::lu_stack::local().pop(t);
  detail::require_cotangent(d_ret, E.value.rows(), E.value.cols(),
                            "inverse_rev");
  detail::inverse_pullback(E, d_ret, d_A);
}

} // namespace rules
} // namespace frechet

#endif // FRECHET_MATRIX_VJP_RULES_H
