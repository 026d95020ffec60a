//===- frechet/jvp_result.h - value and tangent of a forward derivative ---===//
//
// What a generated `f_jvp` (and every forward rule `frechet::rules::g_jvp`)
// returns for a function with a result: f's value and its directional
// derivative, in that order, so that `auto [y, dy] = f_jvp(...)` works.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_JVP_RESULT_H
#define FRECHET_JVP_RESULT_H

namespace frechet {

template <class Value, class Tangent = Value> struct jvp_result {
  Value value;
  Tangent tangent;
};

} // namespace frechet

#endif // FRECHET_JVP_RESULT_H
