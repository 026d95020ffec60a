//===- DiffPlanner.h - which derivative functions to generate --*- C++ -*-===//
//
// A plan is one derivative function to generate: a function, a mode, and
// which of its parameters get tangents. The pragma creates root plans; every
// differentiated call to a function with a body creates (or reuses) a plan
// for that call's activity pattern, so recursion and shared helpers work.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_DIFFPLANNER_H
#define FRECHET_DIFFPLANNER_H

#include "Request.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringSet.h"

#include <map>
#include <memory>
#include <vector>

namespace frechet {

struct DiffPlan {
  const clang::FunctionDecl *Fn = nullptr; ///< the definition
  Mode M = Mode::Forward;
  std::vector<bool> Active; ///< per parameter of Fn
  /// Reverse mode, per parameter: a pointer whose pointee the caller reads
  /// neither before the call nor after the reverse sweep of it (a new
  /// stretch of storage every iteration, PrivateArrays.h), so f's writes to
  /// it need no undoing. Empty: none.
  std::vector<bool> Fresh;
  /// Reverse mode, per parameter: a pointer declared restrict in f_fwd and
  /// f_rev (it gets a loop iteration's own stretch of a private array,
  /// which nothing else reaches). Empty: none.
  std::vector<bool> Restrict;
  std::string Name;             ///< of the generated function (forward mode)
  std::string FwdName, RevName; ///< reverse mode's two sweeps
  std::string Qualifier;        ///< namespace where the code was generated
  /// Reverse mode's public entry points (f_vjp, f_grad) and whether each
  /// has been emitted.
  struct Entry {
    Mode M;
    std::string Name;
    bool Emitted = false;
    clang::SourceLocation PragmaLoc;
  };
  std::vector<Entry> Entries;
  /// Reverse mode: f_rev undoes writes through f's pointer and reference
  /// parameters, so the entry points run f once more for its side effects.
  bool WritesParameterMemory = false;
  bool IsRoot = false; ///< requested by a pragma (else a callee)
  bool Emitted = false;
  bool Failed = false;
  const DiffPlan *Caller = nullptr; ///< for callees: who needed it first
  clang::SourceLocation CallLoc;    ///< ... and where
  clang::SourceLocation PragmaLoc;  ///< the pragma behind the root
};

class DiffPlanner {
public:
  DiffPlan *find(const clang::FunctionDecl *Fn, Mode M,
                 const std::vector<bool> &Active,
                 const std::vector<bool> &Fresh = {},
                 const std::vector<bool> &Restrict = {});

  /// A plan whose code goes into the namespace \p Qualifier ("ns::").
  DiffPlan *create(const clang::FunctionDecl *Fn, Mode M,
                   std::vector<bool> Active, std::string Name,
                   std::string Qualifier, std::vector<bool> Fresh = {},
                   std::vector<bool> Restrict = {});

  /// A plan no call site can find: a second root derivative with the same
  /// parameters as another but its own name.
  DiffPlan *createUnlisted(const clang::FunctionDecl *Fn, Mode M,
                           std::vector<bool> Active, std::string Name,
                           std::string Qualifier);

  /// The default name of a derivative of \p Fn: "f_jvp", or for a subset of
  /// the parameters of a callee "f_jvp_wrt_x_y".
  static std::string defaultName(const clang::FunctionDecl *Fn, Mode M,
                                 const std::vector<bool> &Active,
                                 bool AllDefault);

  /// Whether a plan already uses \p Name in the namespace \p Qualifier
  /// (the same name in another namespace is free).
  bool nameTaken(llvm::StringRef Qualifier, llvm::StringRef Name) const {
    return Names.contains((Qualifier + Name).str());
  }
  void reserve(llvm::StringRef Qualifier, llvm::StringRef Name) {
    Names.insert((Qualifier + Name).str());
  }

private:
  /// The active parameters, then the fresh and the restrict ones if there
  /// are any.
  using Key =
      std::pair<std::pair<const clang::FunctionDecl *, int>, std::vector<bool>>;
  static Key keyOf(const clang::FunctionDecl *Fn, Mode M,
                   const std::vector<bool> &Active,
                   const std::vector<bool> &Fresh,
                   const std::vector<bool> &Restrict);
  std::map<Key, std::unique_ptr<DiffPlan>> Plans;
  std::vector<std::unique_ptr<DiffPlan>> Unlisted;
  llvm::StringSet<> Names; ///< qualified: "ns::f_jvp"
};

} // namespace frechet

#endif
