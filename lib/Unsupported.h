//===- Unsupported.h - constructs no mode differentiates yet ---*- C++ -*-===//
#ifndef FRECHET_UNSUPPORTED_H
#define FRECHET_UNSUPPORTED_H

#include "clang/AST/Stmt.h"

namespace frechet {

/// A short description of \p S ("'goto'", "a try block", ...) when it is a
/// construct that cannot be differentiated yet, else null. Only \p S itself
/// is looked at, not its children.
const char *unsupportedConstruct(const clang::Stmt *S);

} // namespace frechet

#endif
