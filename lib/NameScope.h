//===- NameScope.h - readable names that never collide ---------*- C++ -*-===//
//
// Generated code names the tangent of `x` `d_x` and its temporaries `_t0`,
// `_t1`, ... A name the user already uses anywhere in the function (or a
// name already handed out) gets a numeric suffix instead.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_NAMESCOPE_H
#define FRECHET_NAMESCOPE_H

#include "llvm/ADT/StringSet.h"

#include <string>

namespace clang {
class FunctionDecl;
}

namespace frechet {

class NameScope {
public:
  /// Reserves every identifier that appears in \p FD (parameters, locals,
  /// and everything its body refers to).
  explicit NameScope(const clang::FunctionDecl *FD);

  /// \p Base if free, else Base_1, Base_2, ...; the result is reserved.
  std::string fresh(llvm::StringRef Base);

  /// A new temporary: _t0, _t1, ...
  std::string temporary() { return fresh("_t" + std::to_string(NextTemp++)); }

  /// For a hoisted local: its own name the first time, then fresh names.
  std::string freshLocal(llvm::StringRef Name) {
    if (Locals.insert(Name).second)
      return Name.str();
    return fresh(Name);
  }

  void reserve(llvm::StringRef Name) { Used.insert(Name); }

private:
  llvm::StringSet<> Used;
  llvm::StringSet<> Locals;
  unsigned NextTemp = 0;
};

} // namespace frechet

#endif
