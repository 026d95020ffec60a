//===- Request.h - what one '#pragma frechet' asks for ---------*- C++ -*-===//
#ifndef FRECHET_REQUEST_H
#define FRECHET_REQUEST_H

#include "clang/Basic/SourceLocation.h"

#include <optional>
#include <string>
#include <vector>

namespace frechet {

enum class Mode { Forward, Reverse, Gradient, Hessian, Jacobian };

/// The pragma spelling of \p M ("forward", ...).
const char *modeName(Mode M);

/// A name written in a pragma clause, with where it was written.
struct NamedToken {
  std::string Name;
  clang::SourceLocation Loc;
};

/// One parsed `#pragma frechet <mode> [wrt(...)] [name(...)]`.
struct Request {
  Mode M = Mode::Forward;
  clang::SourceLocation PragmaLoc;
  clang::SourceLocation ModeLoc;
  bool HasWrt = false;
  clang::SourceLocation WrtLoc;
  std::vector<NamedToken> Wrt;
  std::optional<NamedToken> Name;
};

} // namespace frechet

#endif
