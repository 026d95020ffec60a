//===- Diagnostics.cpp - the one way Frechet reports problems -------------===//
#include "Diagnostics.h"

using namespace clang;

namespace frechet {

namespace {
struct DiagInfo {
  DiagnosticsEngine::Level Level;
  const char *Text;
};

const DiagInfo Table[] = {
#define FRECHET_DIAG(Name, Lvl, Text) {DiagnosticsEngine::Lvl, Text},
#include "Diagnostics.def"
};
} // namespace

DiagnosticBuilder report(DiagnosticsEngine &DE, SourceLocation Loc, Diag D) {
  const DiagInfo &Info = Table[static_cast<unsigned>(D)];
  // Custom IDs are interned by (level, text), so asking again is cheap.
  unsigned ID = DE.getDiagnosticIDs()->getCustomDiagID(
      static_cast<DiagnosticIDs::Level>(Info.Level), Info.Text);
  return DE.Report(Loc, ID);
}

} // namespace frechet
