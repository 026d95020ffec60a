//===- RuleLookup.cpp - how a call is differentiated ----------------------===//
#include "RuleLookup.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace frechet {

std::string RuleLookup::ruleName(llvm::StringRef Fn) const {
  (void)M; // every mode so far uses the forward suffix
  return Fn.str() + "_jvp";
}

DeclContext *RuleLookup::lookupNamespace(DeclContext *DC, StringRef Name) {
  if (!DC)
    return nullptr;
  IdentifierInfo &II = S.getASTContext().Idents.get(Name);
  for (NamedDecl *D : DC->lookup(&II))
    if (auto *NS = dyn_cast<NamespaceDecl>(D))
      return NS;
  return nullptr;
}

DeclContext *RuleLookup::rulesNamespace() {
  return lookupNamespace(
      lookupNamespace(S.getASTContext().getTranslationUnitDecl(), "frechet"),
      "rules");
}

bool RuleLookup::hasRule(StringRef Name) {
  DeclContext *Rules = rulesNamespace();
  if (!Rules)
    return false;
  IdentifierInfo &II = S.getASTContext().Idents.get(Name);
  // A rule whose declaration has errors (Clang reported them) is no rule: a
  // call to it would not compile.
  for (const NamedDecl *D : Rules->lookup(&II))
    if (!D->isInvalidDecl())
      return true;
  return false;
}

bool RuleLookup::hasRuntime() {
  DeclContext *NS =
      lookupNamespace(S.getASTContext().getTranslationUnitDecl(), "frechet");
  if (!NS)
    return false;
  IdentifierInfo &II = S.getASTContext().Idents.get("jvp_result");
  return !NS->lookup(&II).empty();
}

Callee RuleLookup::classify(const CallExpr *CE) {
  Callee C;
  if (isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE)) {
    C.Kind = CalleeKind::Member;
    C.Fn = CE->getDirectCallee();
    return C;
  }
  const FunctionDecl *Fn = CE->getDirectCallee();
  if (!Fn) {
    C.Kind = CalleeKind::Indirect;
    return C;
  }
  auto It = Cache.find(Fn);
  if (It != Cache.end())
    return It->second;

  C.Fn = Fn;
  if (Fn->getIdentifier()) {
    C.Base = Fn->getName().str();
    C.RuleName = ruleName(Fn->getName());
    // Any rule for g makes calls to g rule calls; each mode then checks
    // that the rule it needs (g_jvp; g_vjp or g_fwd + g_rev) is there.
    if (hasRule(C.RuleName) || hasRule(C.Base + "_vjp") ||
        hasRule(C.Base + "_fwd")) {
      C.Kind = CalleeKind::Rule;
      return Cache[Fn] = C;
    }
  } else {
    C.RuleName = "<operator>_jvp";
  }
  if (Fn->isTemplateInstantiation() || Fn->getPrimaryTemplate()) {
    C.Kind = CalleeKind::Template;
    return Cache[Fn] = C;
  }
  const FunctionDecl *Def = nullptr;
  if (Fn->hasBody(Def) && Def && !Def->isInvalidDecl() &&
      Def->doesThisDeclarationHaveABody()) {
    C.Kind = CalleeKind::Body;
    C.Fn = Def;
  } else {
    C.Kind = CalleeKind::NoBody;
  }
  // Not cached: a function declared now may be defined before the next use.
  return C;
}

} // namespace frechet
