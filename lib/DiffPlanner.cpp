//===- DiffPlanner.cpp - which derivative functions to generate -----------===//
#include "DiffPlanner.h"

#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace frechet {

DiffPlanner::Key DiffPlanner::keyOf(const FunctionDecl *Fn, Mode M,
                                    const std::vector<bool> &Active,
                                    const std::vector<bool> &Fresh,
                                    const std::vector<bool> &Restrict) {
  std::vector<bool> Bits = Active;
  if (llvm::is_contained(Fresh, true) || llvm::is_contained(Restrict, true))
    for (const std::vector<bool> *V : {&Fresh, &Restrict})
      for (size_t I = 0; I < Active.size(); ++I)
        Bits.push_back(I < V->size() && (*V)[I]);
  return {{Fn->getCanonicalDecl(), int(M)}, std::move(Bits)};
}

DiffPlan *DiffPlanner::find(const FunctionDecl *Fn, Mode M,
                            const std::vector<bool> &Active,
                            const std::vector<bool> &Fresh,
                            const std::vector<bool> &Restrict) {
  auto It = Plans.find(keyOf(Fn, M, Active, Fresh, Restrict));
  return It == Plans.end() ? nullptr : It->second.get();
}

DiffPlan *DiffPlanner::create(const FunctionDecl *Fn, Mode M,
                              std::vector<bool> Active, std::string Name,
                              std::string Qualifier, std::vector<bool> Fresh,
                              std::vector<bool> Restrict) {
  auto Plan = std::make_unique<DiffPlan>();
  Plan->Fn = Fn;
  Plan->M = M;
  Plan->Active = Active;
  Plan->Fresh = Fresh;
  Plan->Restrict = Restrict;
  Plan->Name = std::move(Name);
  Plan->Qualifier = std::move(Qualifier);
  reserve(Plan->Qualifier, Plan->Name);
  DiffPlan *Result = Plan.get();
  Plans[keyOf(Fn, M, Active, Fresh, Restrict)] = std::move(Plan);
  return Result;
}

DiffPlan *DiffPlanner::createUnlisted(const FunctionDecl *Fn, Mode M,
                                      std::vector<bool> Active,
                                      std::string Name, std::string Qualifier) {
  auto Plan = std::make_unique<DiffPlan>();
  Plan->Fn = Fn;
  Plan->M = M;
  Plan->Active = std::move(Active);
  Plan->Name = std::move(Name);
  Plan->Qualifier = std::move(Qualifier);
  reserve(Plan->Qualifier, Plan->Name);
  Unlisted.push_back(std::move(Plan));
  return Unlisted.back().get();
}

std::string DiffPlanner::defaultName(const FunctionDecl *Fn, Mode M,
                                     const std::vector<bool> &Active,
                                     bool AllDefault) {
  std::string Name = Fn->getName().str() + (M == Mode::Forward ? "_jvp" : "");
  if (AllDefault)
    return Name;
  Name += "_wrt";
  for (unsigned I = 0; I < Active.size(); ++I)
    if (Active[I]) {
      const ParmVarDecl *P = Fn->getParamDecl(I);
      Name += "_" + (P->getName().empty() ? "p" + std::to_string(I)
                                          : P->getName().str());
    }
  return Name;
}

} // namespace frechet
