//===- ReferenceAliases.h - local references read as what they name -*- C++
//-*-===//
//
// Reverse mode hoists locals to function scope and tapes values by name, so
// it cannot keep a local reference `T &r = E` as a reference. It reads r as
// E instead: the function with every use of r replaced by E computes the
// same values as long as E designates the same object all through r's scope
// (no index, pointer or index memory in E is written there), which is
// checked. A local pointer to a scalar variable that is only read (and
// written through), `T *p = &v`, is read as `(&v)` the same way. The
// replacement is made in the function's AST for the time the reverse
// derivative is built, and undone afterwards.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_REFERENCEALIASES_H
#define FRECHET_REFERENCEALIASES_H

#include "Diagnostics.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <string>
#include <utility>
#include <vector>

namespace frechet {

class ReferenceAliases {
public:
  /// Why a reference cannot be read as what it names; an optional note
  /// ("'i' is written here").
  struct Problem {
    clang::SourceLocation Loc;
    std::string What; // for Diag::ReverseUnsupported
    clang::SourceLocation NoteLoc;
    std::string NoteName;
  };

  /// Replaces the local references of \p Fn's body; problems() lists those
  /// that cannot be (the body is then left as it was).
  ReferenceAliases(const clang::FunctionDecl *Fn, clang::ASTContext &Ctx);
  /// Puts the original AST back.
  ~ReferenceAliases();
  ReferenceAliases(const ReferenceAliases &) = delete;
  ReferenceAliases &operator=(const ReferenceAliases &) = delete;

  const std::vector<Problem> &problems() const { return Problems; }

private:
  struct Alias {
    clang::Expr *Target = nullptr; // what r names, in r's place
    clang::CompoundStmt *Scope = nullptr;
    unsigned Position = 0; // of the declaration in Scope
    bool Pointer = false;  // T *p = &v: reads of p are &v
  };

  void collect(clang::Stmt *S, clang::CompoundStmt *Parent, unsigned Index);
  void collectAlias(clang::VarDecl *VD, clang::DeclStmt *DS,
                    clang::CompoundStmt *Parent, unsigned Index);
  void reportLeftovers(clang::Stmt *S);
  bool designates(const clang::Expr *E) const;
  bool pointerForm(const clang::Expr *E) const;
  void substitute(clang::Stmt *S);
  void replace(clang::Stmt *&Slot, clang::Stmt *With);
  void checkStable(const clang::VarDecl *R, const Alias &A);

  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::VarDecl *, Alias> Aliases;
  std::vector<const clang::VarDecl *> Order;
  llvm::SmallPtrSet<const clang::Stmt *, 4> AliasDecls;
  std::vector<std::pair<clang::Stmt **, clang::Stmt *>> Undo;
  std::vector<Problem> Problems;
};

} // namespace frechet

#endif
