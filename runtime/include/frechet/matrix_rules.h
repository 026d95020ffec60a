//===- frechet/matrix_rules.h - derivative rules for matrix functions -----===//
//
// All matrix rules: forward (g_jvp) in frechet/matrix_jvp_rules.h, reverse
// (g_vjp, and the split pairs g_fwd / g_rev that keep a factorization from
// the forward sweep) in frechet/matrix_vjp_rules.h. Rules exist for the
// functions of frechet/matrix_functions.h (logdet, logabsdet, logdet_spd,
// solve, solve_spd, kron, vec, matrix_power) and for Eigen's members
// A.inverse(), A.determinant() and A.norm() (rules inverse, determinant,
// norm, with A as the first argument). docs/matrix-rules.md lists the
// formulas.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_MATRIX_RULES_H
#define FRECHET_MATRIX_RULES_H

#include "frechet/matrix_jvp_rules.h"
#include "frechet/matrix_vjp_rules.h"

#endif // FRECHET_MATRIX_RULES_H
