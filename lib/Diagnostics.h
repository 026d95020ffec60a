//===- Diagnostics.h - the one way Frechet reports problems ----*- C++ -*-===//
//
// Every message lives in Diagnostics.def; code reports one by name at a
// source location. Clang's own engine prints them, so -verify, -Werror and
// -ferror-limit behave as users expect.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_DIAGNOSTICS_H
#define FRECHET_DIAGNOSTICS_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"

namespace frechet {

enum class Diag {
#define FRECHET_DIAG(Name, Level, Text) Name,
#include "Diagnostics.def"
};

/// Starts the diagnostic \p D at \p Loc; stream its arguments into the
/// result (`report(DE, Loc, Diag::UnsupportedStmt) << "'goto'"`).
clang::DiagnosticBuilder report(clang::DiagnosticsEngine &DE,
                                clang::SourceLocation Loc, Diag D);

} // namespace frechet

#endif
