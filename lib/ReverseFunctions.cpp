//===- ReverseFunctions.cpp - f_fwd, f_rev and the entry points ---------===//
//
// The signatures of the generated functions, and their assembly from the
// forward and reverse code of f's statements (ReverseStmt.cpp): hoisted
// locals, what f_fwd leaves on the tape for f_rev, adjoint declarations,
// and the entry points f_vjp / f_grad (one body with both sweeps when a
// loop is reversed one iteration at a time, ReverseFusedLoops.cpp).
//
//===----------------------------------------------------------------------===//
#include "ReverseBuilder.h"

#include "Generator.h"
#include "ReferenceAliases.h"
#include "TypeClass.h"

#include "clang/AST/ASTContext.h"
#include "clang/Sema/Sema.h"

#include <set>

using namespace clang;

namespace frechet {

//===-- Signatures
//----------------------------------------------------------===//

/// The adjoint parameter's type for parameter type \p T: a reference for
/// scalars and references, a pointer to mutable elements for pointers and
/// arrays (for `double x[2][3]`, `double (*d_x)[3]`, so that d_x[i][j] is
/// the adjoint of x[i][j]).
static QualType adjointParamType(ASTContext &Ctx, QualType T) {
  QualType C = T.getNonReferenceType();
  if (const auto *AT = Ctx.getAsArrayType(C))
    C = Ctx.getPointerType(AT->getElementType());
  if (const auto *PT = C->getAs<PointerType>()) {
    Qualifiers Quals;
    return Ctx.getPointerType(
        Ctx.getUnqualifiedArrayType(PT->getPointeeType(), Quals));
  }
  return Ctx.getLValueReferenceType(C.getUnqualifiedType());
}

std::string ReverseBuilder::params(bool Adjoints, bool Seed) const {
  auto *Self = const_cast<ReverseBuilder *>(this);
  ASTContext &Ctx = G.sema().getASTContext();
  std::vector<std::string> P;
  for (const ParmVarDecl *PVD : Fn->parameters()) {
    QualType T = PVD->getOriginalType();
    unsigned I = PVD->getFunctionScopeIndex();
    if (I < Plan.Restrict.size() && Plan.Restrict[I] && T->isPointerType())
      T = T.withRestrict();
    P.push_back(declare(T, PVD->getName(), G.policy()));
  }
  if (Seed && ReturnsFloat)
    P.push_back(type(Fn->getReturnType().getUnqualifiedType()) + " " +
                SeedName);
  if (Seed && ReturnsMatrix)
    P.push_back("const " + plainType(Fn->getReturnType()) + " &" + SeedName);
  if (Adjoints)
    for (unsigned I = 0; I < Fn->getNumParams(); ++I)
      if (Plan.Active[I]) {
        const ParmVarDecl *PVD = Fn->getParamDecl(I);
        if (diffKind(PVD->getType()) == DiffKind::Matrix)
          P.push_back(plainType(PVD->getType()) + " &" +
                      Self->paramAdjointName(PVD));
        else
          P.push_back(declare(adjointParamType(Ctx, PVD->getOriginalType()),
                              Self->paramAdjointName(PVD), G.policy()));
      }
  std::string S;
  for (size_t I = 0; I < P.size(); ++I)
    S += (I ? ", " : "") + P[I];
  return S;
}

std::string ReverseBuilder::fwdSignature() const {
  std::string P = params(false, false);
  return "inline " + type(Fn->getReturnType()) + " " + Plan.FwdName + "(" + P +
         (P.empty() ? "" : ", ") + "frechet::tape &" + Tape + ")";
}

std::string ReverseBuilder::revSignature() const {
  std::string P = params(true, true);
  return "inline void " + Plan.RevName + "(" + P + (P.empty() ? "" : ", ") +
         "frechet::tape &" + Tape + ")";
}

std::string ReverseBuilder::declarations() const {
  return fwdSignature() + ";\n" + revSignature() + ";\n";
}

std::string ReverseBuilder::argumentsFor(bool Adjoints, bool Seed,
                                         llvm::StringRef SeedText) const {
  auto *Self = const_cast<ReverseBuilder *>(this);
  std::vector<std::string> A;
  for (const ParmVarDecl *PVD : Fn->parameters())
    A.push_back(PVD->getName().str());
  if (Seed && (ReturnsFloat || ReturnsMatrix))
    A.push_back(SeedText.str());
  if (Adjoints)
    for (unsigned I = 0; I < Fn->getNumParams(); ++I)
      if (Plan.Active[I])
        A.push_back(Self->paramAdjointName(Fn->getParamDecl(I)));
  std::string S;
  for (const std::string &X : A)
    S += X + ", ";
  return S;
}

std::string ReverseBuilder::entry(Mode M, llvm::StringRef Name,
                                  bool Prototype) const {
  QualType R = Fn->getReturnType();
  bool Grad = M == Mode::Gradient;
  std::string Sig =
      std::string(Fn->getStorageClass() == SC_Static
                      ? "static "
                      : (Fn->isInlineSpecified() ? "inline " : "")) +
      type(R) + " " + Name.str() + "(" + params(true, !Grad) + ")";
  if (Prototype)
    return Sig + ";\n";
  CodeWriter W;
  W.line(std::string("// Reverse mode (") +
         (Grad ? "gradient" : "vector-Jacobian product") + ") of '" +
         Fn->getNameAsString() + "'.");
  W.open(Sig + " {");
  W.line("frechet::tape &" + Tape + " = frechet::default_tape();");
  if (!MergedBody.empty()) {
    // A loop reversed iteration by iteration: both sweeps are here.
    if (Grad)
      W.line("const " + type(R.getUnqualifiedType()) + " " + SeedName + " = " +
             oneLiteral(R) + ";");
    W.append(MergedBody);
    W.label("_exit:");
    W.append(MergedTail);
  } else {
    std::string Fwd =
        Plan.FwdName + "(" + argumentsFor(false, false, "") + Tape + ")";
    std::string Seed = Grad ? oneLiteral(R) : SeedName;
    std::string Rev =
        Plan.RevName + "(" + argumentsFor(true, true, Seed) + Tape + ");";
    if (R->isVoidType()) {
      W.line(Fwd + ";");
      W.line(Rev);
    } else {
      W.line(type(R.getUnqualifiedType()) + " " + Ret + " = " + Fwd + ";");
      W.line(Rev);
    }
  }
  if (Plan.WritesParameterMemory) {
    // The reverse sweep restored what f wrote through its parameters; run
    // f once more so that its side effects are those of a plain call.
    std::string Args = argumentsFor(false, false, "");
    if (!Args.empty())
      Args.resize(Args.size() - 2);
    W.line(Fn->getNameAsString() + "(" + Args + ");");
  }
  if (!R->isVoidType())
    W.line("return " + Ret + ";");
  W.close("}");
  return W.str();
}

//===-- The two functions
//----------------------------------------------------===//

bool ReverseBuilder::build() {
  for (unsigned I = 0; I < Fn->getNumParams(); ++I)
    if (Plan.Active[I])
      paramAdjointName(Fn->getParamDecl(I));
  // Local references are read as what they name while f_fwd and f_rev are
  // built (the AST is restored when Aliases goes).
  ReferenceAliases Aliases(Fn, G.sema().getASTContext());
  for (const ReferenceAliases::Problem &P : Aliases.problems()) {
    fail(P.Loc, Diag::ReverseUnsupported, {P.What});
    if (P.NoteLoc.isValid())
      report(G.diags(), P.NoteLoc, Diag::NoteWrittenHere) << P.NoteName;
  }
  if (Failed)
    return false;
  AA.run();
  for (const ActivityAnalysis::Problem &P : AA.problems())
    fail(P.Loc, P.D, {P.Arg0, P.Arg1});
  if (Failed || !analyze())
    return false;

  findPrivateCandidates();
  findFusedLoops();
  findPrivateArrays();
  CodeWriter F, R, MergedF, MergedR;
  if (FusedLoops.empty()) {
    contents(Fn->getBody(), F, R);
  } else {
    // As block() writes the body, and also the entry point's sweeps, where
    // a fused loop runs in the forward sweep only.
    const auto *Body = cast<CompoundStmt>(Fn->getBody());
    std::vector<CodeWriter> Revs;
    std::vector<bool> Fused;
    for (const Stmt *S : Body->body()) {
      CodeWriter FS;
      Revs.emplace_back();
      stmt(S, FS, Revs.back());
      F.append(FS);
      auto It = FusedCode.find(S);
      Fused.push_back(It != FusedCode.end());
      MergedF.append(Fused.back() ? It->second : FS);
    }
    for (size_t I = Revs.size(); I-- > 0;) {
      R.append(Revs[I]);
      if (!Fused[I])
        MergedR.append(Revs[I]);
    }
  }
  if (Failed)
    return false;
  Plan.WritesParameterMemory = WritesParameterMemory;

  const PrintingPolicy &P = G.policy();
  ASTContext &Ctx = G.sema().getASTContext();
  auto Hoisted = [&](const VarDecl *V) {
    // Hoisted to function scope and assigned where they were declared, so
    // const goes (also from array elements).
    if (diffKind(V->getType()) == DiffKind::Matrix)
      return plainType(V->getType()) + " " + localName(V) + "{};";
    Qualifiers Quals;
    QualType T = Ctx.getUnqualifiedArrayType(V->getType(), Quals);
    // An array private to a loop's iterations points into a tape block.
    if (Privatized.count(V))
      return type(Ctx.getAsArrayType(T)->getElementType()) + " *" +
             localName(V) + " = nullptr;";
    // A pointer into a local array starts there: its offset is taped.
    if (auto It = PointerOrigin.find(localName(V)); It != PointerOrigin.end())
      return declare(T, localName(V), P) + " = " + It->second + ";";
    if (auto It = PointerChoices.find(V); It != PointerChoices.end())
      return declare(T, localName(V), P) + " = " +
             choiceBase(It->second.Bases.front()) + ";";
    return declare(T, localName(V), P) + "{};";
  };

  // What f_rev reads of f_fwd's final state.
  std::vector<std::string> Push, Pop;
  for (const VarDecl *V : LocalOrder)
    if (Reads.count(V) && !Counted.count(V) && !Privatized.count(V)) {
      const std::string &N = localName(V);
      if (const auto *AT = Ctx.getAsConstantArrayType(V->getType())) {
        uint64_t Count = 1;
        const ArrayType *Cur = AT;
        while (const auto *CAT = dyn_cast_or_null<ConstantArrayType>(Cur)) {
          Count *= CAT->getSize().getZExtValue();
          Cur = Ctx.getAsArrayType(CAT->getElementType());
        }
        std::string First = N;
        for (const ArrayType *A = AT; A;
             A = Ctx.getAsArrayType(A->getElementType()))
          First += "[0]";
        Push.push_back(Tape + ".push_array(&" + First + ", " +
                       std::to_string(Count) + ");");
        Pop.push_back(Tape + ".pop_array(&" + First + ", " +
                      std::to_string(Count) + ");");
      } else {
        Push.push_back(keepText(V->getType(), N));
        Pop.push_back(takeText(V->getType(), N));
      }
    }
  for (const ParmVarDecl *PVD : Fn->parameters())
    if (Reads.count(PVD) && Overwritten.count(PVD) &&
        !PVD->getType()->isReferenceType() &&
        !PVD->getType()->isPointerType()) {
      Push.push_back(pushText(PVD->getType(), PVD->getName().str()));
      Pop.push_back(popText(PVD->getType(), PVD->getName().str()));
    }
  for (auto &[CE, Name] : CallTemps)
    if (ReadTemps.count(CE)) {
      Push.push_back(keepText(CallTempTypes[CE], Name));
      Pop.push_back(takeText(CallTempTypes[CE], Name));
    }

  // f's locals hoisted, the calls' temporaries, the sweep's own locals.
  auto PrimalDecls =
      [&](CodeWriter &W,
          std::initializer_list<const std::vector<std::string> *> Sweeps) {
        for (const VarDecl *V : LocalOrder)
          W.line(Hoisted(V));
        for (auto &[CE, Name] : CallTemps)
          W.line(tempDecl(CE, Name));
        std::set<std::string> Seen; // both sweeps declare their loop counters
        for (const std::vector<std::string> *Decls : Sweeps)
          for (const std::string &D : *Decls)
            if (Seen.insert(D).second)
              W.line(D);
      };

  CodeWriter W;
  W.line("// Forward sweep of '" + Fn->getNameAsString() +
         "': runs it and records what " + Plan.RevName + " needs.");
  W.open(fwdSignature() + " {");
  PrimalDecls(W, {&FwdDecls});
  if (!Fn->getReturnType()->isVoidType())
    W.line(declare(Fn->getReturnType().getUnqualifiedType(), Ret, P) + "{};");
  W.append(F);
  if (FunctionLevel.HasExits)
    W.line(Tape + ".push(0);");
  W.label("_exit:");
  for (const std::string &S : Push)
    W.line(S);
  W.line(Fn->getReturnType()->isVoidType() ? "return;" : "return " + Ret + ";");
  W.close("}");

  auto AdjointDecls = [&](CodeWriter &W) {
    for (const VarDecl *V : LocalOrder)
      if (AA.isVariedVar(V) && diffKind(V->getType()) != DiffKind::Pointer) {
        Qualifiers Quals;
        QualType T = Ctx.getUnqualifiedArrayType(V->getType(), Quals);
        W.line(zeroDecl(T, adjointName(V)));
      }
    for (auto &[CE, Name] : CallTemps)
      W.line(ProductTemps.count(CE)
                 ? zeroDecl(CallTempTypes[CE], "d" + Name)
                 : declare(CallTempTypes[CE], "d" + Name, P) + "{};");
    for (const ParmVarDecl *PVD : Fn->parameters())
      if (LocalAdjoint.count(PVD))
        W.line(zeroDecl(PVD->getType().getUnqualifiedType(), adjointName(PVD)));
  };
  auto AddLocalAdjoints = [&](CodeWriter &W) {
    for (const ParmVarDecl *PVD : Fn->parameters())
      if (LocalAdjoint.count(PVD) && Plan.Active[PVD->getFunctionScopeIndex()])
        W.line(accumulateText(PVD->getType(), paramAdjointName(PVD),
                              Code(adjointName(PVD))));
  };

  W.line("");
  W.line("// Reverse sweep of '" + Fn->getNameAsString() +
         "': accumulates adjoints, undoing " + Plan.FwdName + ".");
  W.open(revSignature() + " {");
  PrimalDecls(W, {&RevDecls});
  AdjointDecls(W);
  for (auto It = Pop.rbegin(); It != Pop.rend(); ++It)
    W.line(*It);
  if (FunctionLevel.HasExits) {
    W.line("const int " + FunctionLevel.Exit + " = " + Tape + ".pop<int>();");
    W.line("bool " + FunctionLevel.Live + " = " + FunctionLevel.Exit +
           " == 0;");
  }
  W.append(R);
  AddLocalAdjoints(W);
  W.close("}");
  Definition = W.str();

  // The entry point with a fused loop: both sweeps in one body, on the same
  // locals, so f_fwd's final state needs no saving for f_rev. Not when the
  // entry calls f again at the end (to redo its side effects) and f assigns
  // a by-value or pointer parameter or writes through one (conservatively):
  // that call needs the parameters' first values, which the body changed.
  bool ChangesValueParam = false;
  for (const ParmVarDecl *PVD : Fn->parameters())
    if (Overwritten.count(PVD) && !PVD->getType()->isReferenceType())
      ChangesValueParam = true;
  if (!FusedCode.empty() && !(WritesParameterMemory && ChangesValueParam)) {
    CodeWriter &M = MergedBody;
    PrimalDecls(M, {&FwdDecls, &RevDecls});
    M.line(declare(Fn->getReturnType().getUnqualifiedType(), Ret, P) + "{};");
    AdjointDecls(M);
    M.append(MergedF);
    MergedTail.append(MergedR);
    AddLocalAdjoints(MergedTail);
  }
  return true;
}

} // namespace frechet
