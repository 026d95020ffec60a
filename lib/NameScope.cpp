//===- NameScope.cpp - readable names that never collide ------------------===//
#include "NameScope.h"

#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace frechet {

namespace {
struct IdentifierCollector : RecursiveASTVisitor<IdentifierCollector> {
  llvm::StringSet<> &Used;
  explicit IdentifierCollector(llvm::StringSet<> &Used) : Used(Used) {}

  bool VisitNamedDecl(NamedDecl *D) {
    if (const IdentifierInfo *II = D->getIdentifier())
      Used.insert(II->getName());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const IdentifierInfo *II = E->getDecl()->getIdentifier())
      Used.insert(II->getName());
    return true;
  }
};
} // namespace

NameScope::NameScope(const FunctionDecl *FD) {
  IdentifierCollector C(Used);
  C.TraverseDecl(const_cast<FunctionDecl *>(FD));
}

std::string NameScope::fresh(llvm::StringRef Base) {
  std::string Name = Base.str();
  for (unsigned I = 1; Used.contains(Name); ++I)
    Name = Base.str() + "_" + std::to_string(I);
  Used.insert(Name);
  return Name;
}

} // namespace frechet
