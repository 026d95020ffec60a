//===- Generator.cpp - from a pragma'd function to derivative code --------===//
#include "Generator.h"

#include "EigenExpr.h"
#include <functional>

#include "DecompositionHint.h"
#include "Diagnostics.h"
#include "EigenExpr.h"
#include "ForwardBuilder.h"
#include "ReverseBuilder.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/Path.h"

#include <functional>

using namespace clang;

namespace frechet {

Generator::Generator(Sema &S, DiffPlanner &Planner)
    : S(S), Planner(Planner), Rules(S, Mode::Forward),
      Policy(printingPolicy(S.getASTContext())), Literals(S.getASTContext()) {
  setTypeContext(S.getASTContext());
}

DiagnosticsEngine &Generator::diags() { return S.getDiagnostics(); }

std::string Generator::callName(const DiffPlan &Plan,
                                const std::string &Name) const {
  return Plan.Qualifier == Qualifier ? Name : Plan.Qualifier + Name;
}

void Generator::noteContext(const DiffPlan &Plan) {
  const DiffPlan *P = &Plan;
  while (P && !P->IsRoot) {
    report(diags(), P->CallLoc, Diag::NoteCalledFrom)
        << P->Fn->getNameAsString();
    P = P->Caller;
  }
  if (P)
    report(diags(), P->PragmaLoc, Diag::NoteRequestedHere)
        << (P->M == Mode::Forward ? "forward" : "reverse")
        << P->Fn->getNameAsString();
}

void Generator::fail(const DiffPlan &Plan, SourceLocation Loc, Diag D,
                     llvm::ArrayRef<std::string> Args) {
  {
    DiagnosticBuilder B = report(diags(), Loc, D);
    for (const std::string &A : Args)
      B << A;
  }
  noteContext(Plan);
}

void Generator::reportUndifferentiable(const DiffPlan &Plan, const CallExpr *CE,
                                       const Callee &C, StringRef Rule) {
  std::string Name = C.Fn ? C.Fn->getNameAsString() : std::string("call");
  SourceLocation Loc = CE->getExprLoc();
  switch (C.Kind) {
  case CalleeKind::Indirect:
    fail(Plan, Loc, Diag::CallIndirect, {});
    return;
  case CalleeKind::Member:
    fail(Plan, Loc, Diag::CallMember, {Name});
    noteDecompositionRule(diags(), CE, S.getSourceManager(), S.getLangOpts());
    return;
  case CalleeKind::Template:
    fail(Plan, Loc, Diag::CallTemplate, {Name, Rule.str()});
    return;
  case CalleeKind::NoBody:
  case CalleeKind::Rule: // a rule exists, but not the one this mode needs
  case CalleeKind::Body:
    fail(Plan, Loc, Diag::CallWithoutRule, {Name, Rule.str()});
    report(diags(), Loc, Diag::NoteRuleHowTo) << Name << Rule;
    if (C.Kind == CalleeKind::NoBody)
      report(diags(), C.Fn->getLocation(), Diag::NoteDeclaredHere) << Name;
    return;
  }
}

/// Whether a differentiated value reaches \p CE's callee through a pointer,
/// a reference or a matrix parameter (where its derivative would be lost).
/// The argument of \p CE that points into differentiated memory and is bound
/// to a non-const reference to a pointer (`std::swap(p, q)`): the call may
/// move it, and the derivative code would not know where it points.
static const Expr *movedPointer(const CallExpr *CE,
                                const ActivityAnalysis &AA) {
  const FunctionDecl *F = CE->getDirectCallee();
  if (!F)
    return nullptr;
  unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(F);
  for (unsigned I = Shift;
       I < CE->getNumArgs() && I - Shift < F->getNumParams(); ++I) {
    QualType PT = F->getParamDecl(I - Shift)->getType();
    if (!PT->isReferenceType() || !PT.getNonReferenceType()->isPointerType() ||
        PT.getNonReferenceType().isConstQualified())
      continue;
    const Expr *A = CE->getArg(I);
    if (AA.isVaried(A) || AA.isVariedStorage(A))
      return A;
  }
  return nullptr;
}

static bool escapesInto(const CallExpr *CE, const ActivityAnalysis &AA) {
  const FunctionDecl *F = CE->getDirectCallee();
  if (!F)
    return false;
  if (movedPointer(CE, AA))
    return true;
  // Member operators take the object as argument 0.
  unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(F);
  if (Shift && AA.isVariedStorage(CE->getArg(0)) &&
      !cast<CXXMethodDecl>(F)->isConst())
    return true; // an operator that may write into a differentiated object
  for (unsigned I = Shift;
       I < CE->getNumArgs() && I - Shift < F->getNumParams(); ++I) {
    DiffKind K = diffKind(F->getParamDecl(I - Shift)->getType());
    const Expr *A = CE->getArg(I);
    if ((K == DiffKind::Pointer && AA.isVariedStorage(A)) ||
        ((K == DiffKind::Reference || K == DiffKind::Matrix) &&
         (AA.isVariedStorage(A) || AA.isVaried(A))))
      return true;
  }
  return false;
}

bool Generator::reportEscape(const DiffPlan &Plan, const CallExpr *CE,
                             const ActivityAnalysis &AA) {
  // The call and the calls nested in its arguments (`M << x, y` is a chain
  // of operator calls), except the matrix operations the engine knows.
  std::function<const CallExpr *(const Stmt *)> Find =
      [&](const Stmt *S) -> const CallExpr * {
    if (!S || isa<LambdaExpr>(S))
      return nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (movedPointer(Call, AA))
        return Call; // whatever the callee: it moves a pointer
      Callee C = Rules.classify(Call);
      std::optional<EigenOp> Op = matchEigen(Call);
      bool Known = Op && Op->Kind != EigenOpKind::Assign;
      if (!Known && C.Kind != CalleeKind::Body && C.Kind != CalleeKind::Rule &&
          escapesInto(Call, AA))
        return Call;
    }
    for (const Stmt *Child : S->children())
      if (const CallExpr *Found = Find(Child))
        return Found;
    return nullptr;
  };
  const CallExpr *Bad = Find(CE);
  if (!Bad)
    return false;
  if (const Expr *A = movedPointer(Bad, AA)) {
    std::string Name = Lexer::getSourceText(
                           CharSourceRange::getTokenRange(A->getSourceRange()),
                           S.getSourceManager(), S.getLangOpts())
                           .str();
    fail(Plan, A->getExprLoc(), Diag::PointerMovedByCall, {Name});
    return true;
  }
  Callee C = Rules.classify(Bad);
  reportUndifferentiable(Plan, Bad, C, C.RuleName);
  return true;
}

/// Whether Clang reported errors in \p S and kept placeholders for them
/// (RecoveryExpr): code generated from it would not compile.
static bool containsErrors(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *E = dyn_cast<Expr>(S))
    if (E->containsErrors())
      return true;
  for (const Stmt *C : S->children())
    if (containsErrors(C))
      return true;
  return false;
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
  if (!R->isVoidType() && !isFloating(R) && !R->isIntegralOrEnumerationType() &&
      !isEigenMatrix(R))
    return "its return type is neither a number nor an Eigen matrix";
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
      report(diags(), R.PragmaLoc, Diag::NoteRequestedHere)
          << modeName(R.M) << FD->getNameAsString();
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
  if (Planner.nameTaken(Qualifier, Name)) {
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

/// The unique name \p Base, or Base_1, Base_2, ... for generated helpers.
std::string Generator::freeName(const std::string &Base, const FunctionDecl *FD,
                                SourceLocation Loc) {
  std::string Name = Base;
  for (unsigned I = 1; !nameIsFree(Name, FD, Loc, false); ++I)
    Name = Base + "_" + std::to_string(I);
  return Name;
}

void Generator::nameSweeps(DiffPlan &Plan, const std::string &Base,
                           SourceLocation Loc) {
  Plan.FwdName = freeName(Base + "_fwd", Plan.Fn, Loc);
  Planner.reserve(Qualifier, Plan.FwdName);
  Plan.RevName = freeName(Base + "_rev", Plan.Fn, Loc);
  Planner.reserve(Qualifier, Plan.RevName);
}

/// Instantiates the class types of \p FD's parameters and result, so that
/// they are classified by what they are: `const Eigen::Vector3d &v` names
/// a specialization that nothing may have instantiated yet (a reference
/// does not need a complete type), and without its bases it would not be
/// recognized as a matrix.
void Generator::completeSignature(const FunctionDecl *FD) {
  auto Complete = [&](QualType T, SourceLocation Loc) {
    if (T.isNull())
      return;
    T = T.getNonReferenceType();
    if (const auto *PT = T->getAs<PointerType>())
      T = PT->getPointeeType();
    if (T->isRecordType() && !T->isDependentType())
      (void)S.isCompleteType(Loc, T);
  };
  for (const ParmVarDecl *P : FD->parameters())
    Complete(P->getType(), P->getLocation());
  Complete(FD->getReturnType(), FD->getLocation());
}

DiffPlan *Generator::planRoot(const FunctionDecl *FD, const Request &R) {
  completeSignature(FD);
  auto NoteRequest = [&] {
    report(diags(), R.PragmaLoc, Diag::NoteRequestedHere)
        << modeName(R.M) << FD->getNameAsString();
  };
  if (const char *Why = unsupportedFunction(FD)) {
    report(diags(), FD->getLocation(), Diag::UnsupportedFunction)
        << FD->getNameAsString() << Why;
    NoteRequest();
    return nullptr;
  }
  if (containsErrors(FD->getBody()))
    return nullptr; // Clang has said what is wrong
  if (R.M == Mode::Gradient && !isFloating(FD->getReturnType())) {
    report(diags(), R.ModeLoc, Diag::GradientNeedsFloat)
        << FD->getNameAsString();
    return nullptr;
  }
  std::optional<std::vector<bool>> Mask = wrtMask(FD, R);
  if (!Mask)
    return nullptr;
  bool Forward = R.M == Mode::Forward;
  // Reverse entry points (f_vjp, f_grad) share sweeps of their own, kept
  // apart from those of f as a callee (Mode::Reverse): as a callee, f must
  // undo every write through its pointer parameters for its caller; called
  // from the entry points it only undoes what its own reverse sweep reads.
  Mode PlanMode = Forward ? Mode::Forward : Mode::Gradient;
  std::string Name =
      R.Name
          ? R.Name->Name
          : FD->getName().str() +
                (Forward ? "_jvp" : (R.M == Mode::Gradient ? "_grad" : "_vjp"));
  SourceLocation NameLoc = R.Name ? R.Name->Loc : R.ModeLoc;
  DiffPlan *Existing = Planner.find(FD, PlanMode, *Mask);

  if (Forward) {
    // Already generated (an earlier pragma, or as a callee): reuse it.
    if (Existing && (!R.Name || R.Name->Name == Existing->Name))
      return Existing;
    if (!nameIsFree(Name, FD, NameLoc, true))
      return nullptr;
    DiffPlan *Plan =
        Existing ? Planner.createUnlisted(FD, PlanMode, *Mask, Name, Qualifier)
                 : Planner.create(FD, PlanMode, *Mask, Name, Qualifier);
    Plan->IsRoot = true;
    Plan->PragmaLoc = R.PragmaLoc;
    Queue.push_back(Plan);
    return Plan;
  }

  // Reverse mode: one pair of sweeps per activity pattern, any number of
  // entry points (f_vjp, f_grad, named ones) calling them.
  DiffPlan *Plan = Existing;
  for (const DiffPlan::Entry &E :
       Plan ? Plan->Entries : std::vector<DiffPlan::Entry>())
    if (E.Name == Name && E.M == R.M)
      return Plan;
  if (!nameIsFree(Name, FD, NameLoc, true))
    return nullptr;
  Planner.reserve(Qualifier, Name);
  if (!Plan) {
    std::string Base = DiffPlanner::defaultName(FD, PlanMode, *Mask,
                                                /*AllDefault=*/!R.HasWrt);
    Plan = Planner.create(FD, PlanMode, *Mask, Base, Qualifier);
    nameSweeps(*Plan, Base, R.PragmaLoc);
    Plan->IsRoot = true;
    Plan->PragmaLoc = R.PragmaLoc;
    Queue.push_back(Plan);
  } else if (!Plan->IsRoot) {
    Plan->IsRoot = true;
    Plan->PragmaLoc = R.PragmaLoc;
  }
  Plan->Entries.push_back({R.M, Name, false, R.PragmaLoc});
  if (Plan->Emitted)
    EntryOnly.push_back(Plan);
  return Plan;
}

DiffPlan *Generator::requestCallee(const FunctionDecl *Fn,
                                   std::vector<bool> Active,
                                   const DiffPlan &Caller,
                                   SourceLocation CallLoc,
                                   const std::vector<bool> &Fresh,
                                   const std::vector<bool> &Restrict) {
  completeSignature(Fn);
  Mode M = Caller.M == Mode::Forward ? Mode::Forward : Mode::Reverse;
  if (DiffPlan *Existing = Planner.find(Fn, M, Active, Fresh, Restrict)) {
    if (Existing->Failed) {
      report(diags(), CallLoc, Diag::CalleeFailed) << Fn->getNameAsString();
      noteContext(Caller);
      return nullptr;
    }
    return Existing;
  }
  if (const char *Why = unsupportedFunction(Fn)) {
    report(diags(), Fn->getLocation(), Diag::UnsupportedFunction)
        << Fn->getNameAsString() << Why;
    report(diags(), CallLoc, Diag::NoteCalledFrom) << Fn->getNameAsString();
    noteContext(Caller);
    return nullptr;
  }
  if (containsErrors(Fn->getBody()))
    return nullptr; // Clang has said what is wrong
  bool AllDefault = true;
  for (unsigned I = 0; I < Fn->getNumParams(); ++I)
    AllDefault &= Active[I] == isDifferentiable(Fn->getParamDecl(I)->getType());
  std::string Base = DiffPlanner::defaultName(Fn, M, Active, AllDefault);
  // Variants whose writes through these pointers are not undone, and
  // whose pointers are restrict.
  for (const auto &[Bits, Word] : {std::make_pair(&Fresh, "_fresh"),
                                   std::make_pair(&Restrict, "_restrict")})
    if (llvm::is_contained(*Bits, true)) {
      Base += Word;
      for (unsigned I = 0; I < Bits->size(); ++I)
        if ((*Bits)[I])
          Base += "_" + Fn->getParamDecl(I)->getName().str();
    }
  DiffPlan *Plan;
  if (M == Mode::Forward) {
    Plan = Planner.create(Fn, M, std::move(Active), freeName(Base, Fn, CallLoc),
                          Qualifier);
  } else {
    Plan = Planner.create(Fn, M, std::move(Active), Base, Qualifier, Fresh,
                          Restrict);
    nameSweeps(*Plan, Base, CallLoc);
  }
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
  EntryOnly.clear();
  // The code is parsed where the parser is: right after FD, in its scope.
  Literals.setContext(S.CurContext);
  Qualifier = qualifierOf(S.CurContext);
  for (const Request &R : Requests)
    planRoot(FD, R);

  struct Built {
    DiffPlan *Plan;
    std::unique_ptr<ForwardBuilder> F;
    std::unique_ptr<ReverseBuilder> R;
  };
  std::vector<Built> All;
  bool Ok = true;
  // Building a plan may queue its callees, so the queue grows as we go.
  for (size_t I = 0; I < Queue.size(); ++I) {
    DiffPlan *Plan = Queue[I];
    Built B{Plan, nullptr, nullptr};
    bool Good;
    if (Plan->M == Mode::Forward) {
      B.F = std::make_unique<ForwardBuilder>(*this, *Plan);
      Good = B.F->build();
    } else {
      B.R = std::make_unique<ReverseBuilder>(*this, *Plan);
      Good = B.R->build();
    }
    if (!Good) {
      Plan->Failed = true;
      Ok = false;
    }
    All.push_back(std::move(B));
  }
  for (DiffPlan *Plan : EntryOnly)
    All.push_back(
        {Plan, nullptr, std::make_unique<ReverseBuilder>(*this, *Plan)});
  if (All.empty())
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
  // an error, only the declarations of what the user calls, so that callers
  // still compile.
  auto Entries = [&](Built &B, bool Prototype) {
    std::string T;
    for (DiffPlan::Entry &E : B.Plan->Entries)
      if (!E.Emitted)
        T += (Prototype ? "" : "\n") + B.R->entry(E.M, E.Name, Prototype);
    return T;
  };
  bool Several = All.size() > 1;
  for (Built &B : All) {
    if (B.F && (Several || !Ok))
      Text += B.F->signature() + ";\n";
    if (B.R && !B.Plan->Emitted && Several && Ok)
      Text += B.R->declarations();
    if (B.R && !Ok)
      Text += Entries(B, true);
  }
  if (Ok)
    for (Built &B : All) {
      if (B.F)
        Text += "\n" + B.F->definition();
      if (B.R && !B.Plan->Emitted)
        Text += "\n" + B.R->definition();
      if (B.R)
        Text += Entries(B, false);
    }
  for (Built &B : All) {
    B.Plan->Emitted = true;
    for (DiffPlan::Entry &E : B.Plan->Entries)
      E.Emitted = true;
  }
  return Text + "\n";
}

} // namespace frechet
