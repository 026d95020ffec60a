//===- Generator.cpp - from a pragma'd function to derivative code --------===//
#include "Generator.h"

#include "Diagnostics.h"
#include "ForwardBuilder.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace frechet {

Generator::Generator(Sema &S, DiffPlanner &Planner)
    : S(S), Planner(Planner), Rules(S, Mode::Forward),
      Policy(printingPolicy(S.getASTContext())), Literals(S.getASTContext()) {}

DiagnosticsEngine &Generator::diags() { return S.getDiagnostics(); }

void Generator::noteContext(const DiffPlan &Plan) {
  const DiffPlan *P = &Plan;
  while (P && !P->IsRoot) {
    report(diags(), P->CallLoc, Diag::NoteCalledFrom)
        << P->Fn->getNameAsString();
    P = P->Caller;
  }
  if (P)
    report(diags(), P->PragmaLoc, Diag::NoteRequestedHere)
        << modeName(P->M) << P->Fn->getNameAsString();
}

/// Why \p FD cannot be differentiated at all, or null.
static const char *unsupportedFunction(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD))
    return "it is a member function";
  if (FD->isTemplated())
    return "it is a function template";
  if (FD->isVariadic())
    return "it is variadic";
  QualType R = FD->getReturnType();
  if (R->isReferenceType())
    return "it returns a reference";
  if (R->isPointerType())
    return "it returns a pointer";
  if (!R->isVoidType() && !isFloating(R) && !R->isIntegralOrEnumerationType())
    return "its return type is not a number";
  return nullptr;
}

std::optional<std::vector<bool>> Generator::wrtMask(const FunctionDecl *FD,
                                                    const Request &R) {
  std::vector<bool> Mask(FD->getNumParams(), false);
  if (!R.HasWrt) {
    bool Any = false;
    for (unsigned I = 0; I < FD->getNumParams(); ++I)
      Any |= Mask[I] = isDifferentiable(FD->getParamDecl(I)->getType());
    if (!Any) {
      report(diags(), FD->getLocation(), Diag::NoDifferentiableParameter)
          << FD->getNameAsString();
      return std::nullopt;
    }
    return Mask;
  }
  bool Ok = true;
  for (const NamedToken &W : R.Wrt) {
    bool Found = false;
    for (unsigned I = 0; I < FD->getNumParams(); ++I) {
      const ParmVarDecl *P = FD->getParamDecl(I);
      if (P->getName() != W.Name)
        continue;
      Found = true;
      if (!isDifferentiable(P->getType())) {
        report(diags(), W.Loc, Diag::WrtNotDifferentiable)
            << W.Name << P->getType().getAsString(Policy);
        report(diags(), P->getLocation(), Diag::NoteDeclaredHere) << W.Name;
        Ok = false;
      }
      Mask[I] = true;
    }
    if (!Found) {
      report(diags(), W.Loc, Diag::WrtNotParameter)
          << W.Name << FD->getNameAsString();
      report(diags(), FD->getLocation(), Diag::NoteDeclaredHere)
          << FD->getNameAsString();
      Ok = false;
    }
  }
  if (!Ok)
    return std::nullopt;
  return Mask;
}

bool Generator::nameIsFree(StringRef Name, const FunctionDecl *FD,
                           SourceLocation Loc, bool Report) {
  if (Planner.nameTaken(Name)) {
    if (Report) {
      report(diags(), Loc, Diag::DerivativeNameTaken) << Name;
      report(diags(), Loc, Diag::NoteChooseName);
    }
    return false;
  }
  IdentifierInfo &II = S.getASTContext().Idents.get(Name);
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  for (NamedDecl *D : DC->lookup(&II)) {
    if (Report) {
      report(diags(), Loc, Diag::DerivativeNameTaken) << Name;
      report(diags(), D->getLocation(), Diag::NoteDeclaredHere) << Name;
    }
    return false;
  }
  return true;
}

DiffPlan *Generator::planRoot(const FunctionDecl *FD, const Request &R) {
  if (const char *Why = unsupportedFunction(FD)) {
    report(diags(), FD->getLocation(), Diag::UnsupportedFunction)
        << FD->getNameAsString() << Why;
    report(diags(), R.PragmaLoc, Diag::NoteRequestedHere)
        << modeName(R.M) << FD->getNameAsString();
    return nullptr;
  }
  std::optional<std::vector<bool>> Mask = wrtMask(FD, R);
  if (!Mask)
    return nullptr;
  if (DiffPlan *Existing = Planner.find(FD, R.M, *Mask)) {
    // Already generated (an earlier pragma, or as a callee): reuse it.
    if (!R.Name || R.Name->Name == Existing->Name)
      return Existing;
  }
  std::string Name =
      R.Name ? R.Name->Name : DiffPlanner::defaultName(FD, R.M, *Mask, true);
  SourceLocation NameLoc = R.Name ? R.Name->Loc : R.ModeLoc;
  if (!nameIsFree(Name, FD, NameLoc, true))
    return nullptr;
  DiffPlan *Plan = Planner.create(FD, R.M, *Mask, Name);
  Plan->IsRoot = true;
  Plan->PragmaLoc = R.PragmaLoc;
  Queue.push_back(Plan);
  return Plan;
}

DiffPlan *Generator::requestCallee(const FunctionDecl *Fn,
                                   std::vector<bool> Active,
                                   const DiffPlan &Caller,
                                   SourceLocation CallLoc) {
  if (DiffPlan *Existing = Planner.find(Fn, Mode::Forward, Active))
    return Existing->Failed ? nullptr : Existing;
  if (const char *Why = unsupportedFunction(Fn)) {
    report(diags(), Fn->getLocation(), Diag::UnsupportedFunction)
        << Fn->getNameAsString() << Why;
    report(diags(), CallLoc, Diag::NoteCalledFrom) << Fn->getNameAsString();
    noteContext(Caller);
    return nullptr;
  }
  bool AllDefault = true;
  for (unsigned I = 0; I < Fn->getNumParams(); ++I)
    AllDefault &= Active[I] == isDifferentiable(Fn->getParamDecl(I)->getType());
  std::string Base =
      DiffPlanner::defaultName(Fn, Mode::Forward, Active, AllDefault);
  std::string Name = Base;
  for (unsigned I = 1; !nameIsFree(Name, Fn, CallLoc, false); ++I)
    Name = Base + "_" + std::to_string(I);
  DiffPlan *Plan = Planner.create(Fn, Mode::Forward, std::move(Active), Name);
  Plan->Caller = &Caller;
  Plan->CallLoc = CallLoc;
  Queue.push_back(Plan);
  return Plan;
}

std::string Generator::run(const FunctionDecl *FD,
                           llvm::ArrayRef<Request> Requests) {
  if (!Rules.hasRuntime()) {
    report(diags(), Requests.front().PragmaLoc, Diag::MissingRuntime);
    return "";
  }
  Queue.clear();
  for (const Request &R : Requests)
    planRoot(FD, R);

  std::vector<std::unique_ptr<ForwardBuilder>> Built;
  bool Ok = true;
  // Building a plan may queue its callees, so the queue grows as we go.
  for (size_t I = 0; I < Queue.size(); ++I) {
    DiffPlan *Plan = Queue[I];
    auto B = std::make_unique<ForwardBuilder>(*this, *Plan);
    if (!B->build()) {
      Plan->Failed = true;
      Ok = false;
    }
    Built.push_back(std::move(B));
  }
  if (Built.empty())
    return "";

  const SourceManager &SM = S.getSourceManager();
  PresumedLoc PL = SM.getPresumedLoc(FD->getLocation());
  std::string Text =
      "// Generated by Frechet from '" + FD->getNameAsString() + "' (" +
      (PL.isValid() ? std::string(llvm::sys::path::filename(PL.getFilename())) +
                          ":" + std::to_string(PL.getLine())
                    : std::string("?")) +
      ").\n";
  // Declarations first, so that recursion and mutual recursion work; after
  // an error, only the declarations, so that callers still compile.
  if (Built.size() > 1 || !Ok)
    for (auto &B : Built)
      Text += B->signature() + ";\n";
  if (Ok)
    for (auto &B : Built)
      Text += "\n" + B->definition();
  for (DiffPlan *Plan : Queue)
    Plan->Emitted = true;
  return Text + "\n";
}

} // namespace frechet
