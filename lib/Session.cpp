//===- Session.cpp - Frechet's state for one compilation ------------------===//
#include "Session.h"

#include "Diagnostics.h"

#include "clang/Basic/Diagnostic.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace frechet {

Session &Session::get() {
  static Session TheSession;
  return TheSession;
}

void Session::beginTranslationUnit() {
  Pending.clear();
  NextId = 1;
  Planner = DiffPlanner();
  AllCode.clear();
}

unsigned Session::addPending(PendingFunction F) {
  unsigned Id = NextId++;
  Pending[Id] = std::move(F);
  return Id;
}

std::optional<PendingFunction> Session::takePending(unsigned Id) {
  auto It = Pending.find(Id);
  if (It == Pending.end())
    return std::nullopt;
  PendingFunction F = std::move(It->second);
  Pending.erase(It);
  return F;
}

void Session::publish(llvm::StringRef Code) {
  if (Dump)
    llvm::errs() << Code;
  AllCode += Code;
}

void Session::finish(clang::DiagnosticsEngine &DE) {
  if (OutPath.empty())
    return;
  std::error_code EC;
  llvm::raw_fd_ostream OS(OutPath, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    report(DE, clang::SourceLocation(), Diag::CannotWriteOutput)
        << OutPath << EC.message();
    return;
  }
  OS << AllCode;
}

} // namespace frechet
