//===- ReverseBuilder.h - reverse-mode (VJP) code for one plan -*- C++ -*-===//
//
// Reverse mode splits f into two generated functions that share a tape:
//
//   R f_fwd(params..., tape)    runs f and records what the reverse sweep
//                               needs: values about to be overwritten that
//                               it reads, branch decisions, trip counts,
//                               and at the end the locals it reads;
//   void f_rev(params..., d_ret, adjoints..., tape)
//                               walks f's statements backwards, restoring
//                               overwritten values and accumulating adjoints.
//
// The entry points f_vjp / f_grad run one after the other. A call to a
// differentiated function g inside f becomes g_fwd in f_fwd and g_rev in
// f_rev at the mirrored point, so nothing is recomputed.
//
// Control flow: an `if` records its decision at the end of the branch taken,
// a loop its trip count after it ends (and its start for counted `for`
// loops, whose reverse runs the index backwards). break, continue and return
// record an exit id (and the decisions and counts of everything they leave);
// the reverse sweep of a loop body or of the function then skips what did
// not run, with a `_live` flag that turns on at the exit that was taken.
//
// ReverseAnalysis.cpp decides what is taped, ReverseStmt.cpp writes the
// statements, ReverseExpr.cpp the expressions, adjoints and calls.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_REVERSEBUILDER_H
#define FRECHET_REVERSEBUILDER_H

#include "ActivityAnalysis.h"
#include "CodeWriter.h"
#include "DiffPlanner.h"
#include "EigenExpr.h"
#include "ExprText.h"
#include "NameScope.h"
#include "PrivateArrays.h"

#include "clang/AST/PrettyPrinter.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace frechet {

class Generator;

class ReverseBuilder {
public:
  ReverseBuilder(Generator &G, DiffPlan &Plan);

  /// Builds f_fwd and f_rev; false if an error was reported.
  bool build();
  /// Prototypes of f_fwd and f_rev.
  std::string declarations() const;
  /// Their definitions.
  const std::string &definition() const { return Definition; }
  /// The public entry point (f_vjp or f_grad) named \p Name.
  std::string entry(Mode M, llvm::StringRef Name, bool Prototype) const;

  /// What \p S writes if it is an assignment or an increment, else null.
  static const clang::Expr *writtenBy(const clang::Stmt *S);

private:
  // A loop body or the function body: where break/continue/return land.
  struct Level {
    const clang::Stmt *S = nullptr; // the loop, or null for the function
    bool HasExits = false;          // needs exit ids and a live flag
    std::string Exit, Live;         // their names in f_rev
    std::string Count, Start;       // trip count; start of a counted loop
    std::string VarDone; // a loop's condition variable ended it (taped)
    // An increment run as a statement: its code, which a `continue` runs
    // too, and the ids of those continues.
    const CodeWriter *IncCode = nullptr;
    std::vector<unsigned> IncExits;
    const clang::VarDecl *Index = nullptr; // counted loop's index
    long Step = 0;
    bool IsSwitch = false; // a switch: break lands here too
    std::string Entry;     // the label the switch entered by
  };
  // What an exit leaves, innermost first: a branch (its decision) or a level.
  struct Frame {
    bool IsBranch;
    bool Decision; // for branches
    Level *L;      // for levels
  };

  // Analysis (ReverseAnalysis.cpp).
  bool analyze();
  void assignCallTemps(const clang::Stmt *S, bool Discarded);
  /// Whether \p Cond's calls run as the plain functions (PrimalCalls).
  bool primalCondition(const clang::Expr *Cond);
  void prepass(const clang::Stmt *S, const clang::Stmt *Loop, bool InLoop,
               const clang::Stmt *Breakable);
  void collectReads(const clang::Expr *E);
  /// Whether \p S contains a call that runs into a temporary (CallTemps).
  bool hasCallTemp(const clang::Stmt *S) const;
  void noteHeldResult(const clang::VarDecl *VD);
  // Scalar derivatives a local holds (ReverseHeldScalars.cpp).
  static std::string libraryFunction(const clang::CallExpr *CE);
  bool stableScalarExpr(const clang::Expr *E) const;
  void findHeldScalars(const clang::Stmt *S);
  void noteSelfHeld(const clang::VarDecl *V, const clang::Expr *RHS);
  bool restoresAfterAdjoint(const clang::Expr *RHS, const Code &LHS);
  void valueCalls(const clang::Expr *RHS,
                  llvm::SmallVectorImpl<const clang::CallExpr *> &Out) const;
  void bindCallValues(const clang::Expr *RHS, CodeWriter &R);
  void storeCallSlots(const clang::Expr *RHS, CodeWriter &F);
  bool heldScalarReverse(const clang::CallExpr *CE, const Code &Adj,
                         CodeWriter &R);
  void dropChangedHeldResults();
  // Writes whose old value no reverse statement reads (ReverseSaveElision.cpp).
  void noteRead(const clang::VarDecl *V);
  void noteWriteSite(const clang::Expr *LHS, const clang::Stmt *S);
  void findUnsavedWrites();
  /// Whether the write to \p LHS saves the old value where it is (not
  /// covered by an earlier save, a whole block, or needed by nobody).
  bool savesWrite(const clang::Expr *LHS) const;
  void readSavedIndices();
  void readAll(const clang::Expr *E);
  llvm::SmallVector<const clang::VarDecl *, 2>
  pointerTargets(const clang::VarDecl *V) const;
  void findPointerBases();
  static std::string firstOf(const clang::VarDecl *B, const clang::VarDecl *P);
  void readPointer(const clang::Expr *E);
  void noteWrite(const clang::Expr *LHS);
  bool isCountedLoop(const clang::ForStmt *FS, const clang::VarDecl *&Index,
                     long &Step) const;
  bool saved(const clang::VarDecl *V) const;
  void findCoveredWrites();
  bool savedStorage(const clang::Expr *LHS) const;

  // Statements (ReverseStmt.cpp): each writes its forward code to F and its
  // reverse code to R.
  void stmt(const clang::Stmt *S, CodeWriter &F, CodeWriter &R);
  void block(llvm::ArrayRef<const clang::Stmt *> Stmts, CodeWriter &F,
             CodeWriter &R);
  void contents(const clang::Stmt *S, CodeWriter &F, CodeWriter &R);
  void declStmt(const clang::DeclStmt *DS, CodeWriter &F, CodeWriter &R);
  void exprStmt(const clang::Expr *E, CodeWriter &F, CodeWriter &R);
  void ifStmt(const clang::IfStmt *IS, CodeWriter &F, CodeWriter &R);
  void withInitializer(const clang::Stmt *Init, const clang::DeclStmt *CondVar,
                       CodeWriter &F, CodeWriter &R,
                       llvm::function_ref<void(CodeWriter &)> Body);
  void loop(const clang::Stmt *S, CodeWriter &F, CodeWriter &R);
  void switchStmt(const clang::SwitchStmt *S, CodeWriter &F, CodeWriter &R);
  void exitStmt(const clang::Stmt *S, CodeWriter &F, CodeWriter &R);
  void exitPushes(const clang::Stmt *Target, unsigned Id, CodeWriter &F);
  std::optional<std::string> staticTripCount(const clang::ForStmt *FS,
                                             const Level &L);
  std::vector<unsigned> relevantExits(const clang::Stmt *S) const;
  // Loops whose writes are saved as one block (ReverseBulkSave.cpp).
  bool reverseReadsNoMemory(const clang::Expr *E) const;
  std::vector<const clang::Expr *> bulkSaves(const clang::ForStmt *FS,
                                             const Level &L) const;
  std::vector<const clang::Stmt *> slotSaves(const clang::ForStmt *FS,
                                             const Level &L) const;
  bool undoneByInverse(const clang::Expr *LHS, clang::BinaryOperatorKind Op,
                       const clang::Expr *RHS) const;
  // Reverse loops whose sums may be reordered (ReverseReassociate.cpp).
  bool reassociates(const clang::Stmt *S, const Level &L, bool TripKnown,
                    const CodeWriter &RB) const;
  bool sumsIntoInvariantAdjoint(const clang::Stmt *Body,
                                const clang::VarDecl *Index) const;
  std::string condition(const clang::Expr *E);
  bool writes(const clang::Stmt *S) const;
  const clang::Stmt *mirroredWrite(const clang::Stmt *S) const;
  // Loops the entry point reverses one iteration at a time
  // (ReverseFusedLoops.cpp).
  void findFusedLoops();
  // Arrays every iteration of a loop writes before it reads them: a stretch
  // of a tape block per iteration (ReversePrivateArrays.cpp).
  void findPrivateCandidates();
  void findPrivateArrays();
  /// Whether \p V is private to \p Loop or to a loop inside it.
  bool privateWithin(const clang::VarDecl *V, const clang::Stmt *Loop) const;
  void privateBlocks(const clang::Stmt *Loop, const std::string &Count,
                     CodeWriter &F, CodeWriter &R, CodeWriter &FPost,
                     CodeWriter &RPost) const;
  void privateSlots(const clang::Stmt *Loop, const std::string &Iteration,
                    CodeWriter &W) const;
  void fusedPrivate(const clang::Stmt *Loop, CodeWriter &Before,
                    CodeWriter &Start, CodeWriter &After);
  void dropPrivate(const clang::Stmt *Loop);
  // Pointers into one of several arrays (ReversePointerChoice.cpp).
  struct PointerChoice {
    llvm::SmallVector<const clang::VarDecl *, 2> Bases; ///< in a fixed order
    std::string Which; ///< the int local: the index of the one p is in
    std::string Next;  ///< an int local for the next index, chosen by ?:
  };
  /// Records \p V as pointing into one of \p Bases; false if they are not
  /// all one-dimensional arrays or pointer parameters with adjoints.
  bool choosePointer(const clang::VarDecl *V,
                     llvm::ArrayRef<const clang::VarDecl *> Bases);
  /// A pointer to \p B's first element.
  std::string choiceBase(const clang::VarDecl *B);
  /// `(w == 0 ? Item(B0) : w == 1 ? ...)`.
  std::string
  choose(const PointerChoice &C,
         llvm::function_ref<std::string(const clang::VarDecl *)> Item);
  /// `(w == 0 ? &a[0] : ...)`: the first element of the array chosen now.
  std::string chosenArray(const PointerChoice &C);
  /// The index of the array \p Src points into, as text (a number, or
  /// another pointer's index variable); nullopt if it cannot be told.
  std::optional<std::string> whichArray(const PointerChoice &C,
                                        const clang::Expr *Src);
  const PointerChoice *choiceNamed(const std::string &Name) const;

  // Expressions, adjoints and calls (ReverseExpr.cpp).
  Code primal(const clang::Expr *E, CodeWriter &F,
              std::vector<CodeWriter> &PreRev);
  /// if (Cond) {FT} else {FE} in f_fwd, recording the branch taken (in
  /// \p Slot, or on the tape if empty) when RT or RE has code; f_rev runs
  /// RT or RE by it.
  void branches(const std::string &Cond, const std::string &Slot,
                const CodeWriter &FT, const CodeWriter &RT,
                const CodeWriter &FE, const CodeWriter &RE, CodeWriter &F,
                CodeWriter &R);
  /// `(c ? a : b) op= e`: an if/else around the assignments.
  void conditionalAssign(const clang::ConditionalOperator *LHS,
                         clang::BinaryOperatorKind Op, const clang::Expr *RHS,
                         CodeWriter &F, CodeWriter &R);
  void assign(const clang::Expr *LHS, clang::BinaryOperatorKind Op,
              const clang::Expr *RHS, CodeWriter &F, CodeWriter &R);
  void assignVar(const clang::VarDecl *VD, const clang::Expr *Init,
                 CodeWriter &F, CodeWriter &R);
  void arrayInit(const clang::VarDecl *VD, const clang::InitListExpr *ILE,
                 CodeWriter &F, CodeWriter &R);
  void assignCore(const Code &L, clang::QualType T, std::optional<Code> DL,
                  bool Save, clang::BinaryOperatorKind Op,
                  const clang::Expr *RHS, bool Mentions, CodeWriter &F,
                  CodeWriter &R, const std::string &Slot = std::string());
  void accumulate(const clang::Expr *E, const Code &Adj, CodeWriter &R);
  Code adjointLValue(const clang::Expr *E);
  std::optional<Code> adjointPointer(const clang::Expr *E);
  Code bindAdjoint(const Code &Adj, clang::QualType T, CodeWriter &R);
  bool mentions(const clang::Expr *E, const clang::Expr *LHS) const;
  /// The arguments of \p CE bound to non-const references to numbers: the
  /// call writes them.
  static std::vector<const clang::Expr *>
  referenceOutputs(const clang::CallExpr *CE);
  /// The arguments of \p CE bound to pointers to mutable memory.
  static std::vector<const clang::Expr *>
  pointerOutputs(const clang::CallExpr *CE);
  /// What a call's two sweeps call: a generated g_fwd/g_rev pair, or a
  /// rule's frechet::rules::g_fwd/g_rev pair.
  struct SweepTarget {
    const clang::FunctionDecl *Fn = nullptr;
    std::vector<bool> Active;
    std::string Fwd, Rev;
    /// Sweeps with restrict pointers, called instead when Cond holds.
    std::string FwdAlt, RevAlt, Cond;
  };
  /// W gets `Call` with T's forward (or reverse) sweep, or the choice
  /// between it and the restrict one; `Call` has `$` for the name.
  void sweepCall(CodeWriter &W, const SweepTarget &T, bool Reverse,
                 const std::string &Call) const;
  std::optional<SweepTarget> sweepTarget(const clang::CallExpr *CE);
  bool isSplitRule(const clang::CallExpr *CE);
  DiffPlan *calleePlan(const clang::CallExpr *CE);
  void callStatement(const clang::CallExpr *CE, CodeWriter &F, CodeWriter &R);
  void callForward(const clang::CallExpr *CE, CodeWriter &F, CodeWriter &Rev);
  void callReverse(const clang::CallExpr *CE, const SweepTarget &Callee,
                   const std::string &Seed, CodeWriter &R,
                   const std::vector<std::string> &Kept = {});
  /// Opens a block in \p F and declares there the by-value arguments that
  /// read memory the call writes (their text in \p Args is replaced);
  /// returns them as "<index> <name>" for callReverse().
  std::vector<std::string> keepArguments(const clang::CallExpr *CE,
                                         const SweepTarget &Callee,
                                         std::vector<std::string> &Args,
                                         CodeWriter &F);
  /// After the call: pushes the kept arguments and closes the block.
  void endKeptArguments(const std::vector<std::string> &Kept, CodeWriter &F);
  static std::string joinArguments(const std::vector<std::string> &Args);
  void ruleReverse(const clang::CallExpr *CE, const Code &Adj, CodeWriter &R);
  void adjointArguments(const clang::CallExpr *CE, const clang::FunctionDecl *F,
                        const std::vector<bool> &Mask,
                        std::vector<std::string> &Out, CodeWriter &Before,
                        CodeWriter &After);

  // Eigen matrices (ReverseMatrix.cpp).
  bool isMatrixProduct(const EigenOp &Op) const;
  std::string plainType(clang::QualType T) const;
  std::string pushText(clang::QualType T, const std::string &Name);
  std::string popText(clang::QualType T, const std::string &Name);
  std::string zeroDecl(clang::QualType T, const std::string &Name);
  std::string keepText(clang::QualType T, const std::string &Name);
  std::string takeText(clang::QualType T, const std::string &Name);
  std::string accumulateText(clang::QualType T, const std::string &Adj,
                             const Code &Value);
  std::string clearText(clang::QualType T, const std::string &Adj);
  void productForward(const clang::CallExpr *CE, CodeWriter &F,
                      CodeWriter &Rev);
  std::optional<Code> eigenAdjointLValue(const clang::Expr *E);
  /// \p Adj in a variable if it is not a name (\p Scalar: a scalar
  /// adjoint, not evaluated with .eval()).
  Code bindMatrix(const Code &Adj, CodeWriter &R, bool Scalar = false);
  void accumulateEigen(const EigenOp &Op, const Code &Adj, CodeWriter &R);
  void accumulateMethod(const EigenOp &Op, const Code &Adj, CodeWriter &R);
  void accumulateArrayFunction(const EigenOp &Op, const Code &Adj,
                               CodeWriter &R);
  void eigenAssign(const EigenOp &Op, CodeWriter &F, CodeWriter &R);
  void eigenMutate(const EigenOp &Op, CodeWriter &F, CodeWriter &R);
  std::string saveMatrix(const clang::Expr *X, CodeWriter &F);
  void eigenCommaInit(const CommaInit &CI, CodeWriter &F, CodeWriter &R);
  void broadcastAssign(const EigenOp &Op, const Broadcast &B, CodeWriter &F,
                       CodeWriter &R);
  Code broadcastSum(const Code &Adj, const Broadcast &B);
  void accumulateReduction(const EigenOp &Op, const Broadcast &B,
                           const Code &Adj, CodeWriter &R);
  void eigenVar(const clang::VarDecl *VD, CodeWriter &F, CodeWriter &R);
  void collectEigenReads(const EigenOp &Op);
  std::string tempDecl(const clang::CallExpr *CE, const std::string &Name);
  std::string movableTemp(const clang::Expr *E, clang::QualType T) const;
  Code adjointOnce(const clang::Expr *E, const std::string &Adj) const;

  // Helpers.
  const std::string &adjointName(const clang::VarDecl *VD);
  const std::string &paramAdjointName(const clang::ParmVarDecl *P);
  const std::string &localName(const clang::VarDecl *VD);
  std::string type(clang::QualType T) const;
  std::string fwdSignature() const;
  std::string revSignature() const;
  std::string params(bool Adjoints, bool Seed) const;
  std::string argumentsFor(bool Adjoints, bool Seed,
                           llvm::StringRef SeedText) const;
  void fail(clang::SourceLocation Loc, Diag D,
            llvm::ArrayRef<std::string> Args = {});
  const clang::ASTContext &ctx() const;
  Code text(const clang::Expr *E) const;

  /// Prints expressions with hoisted locals renamed and calls replaced by
  /// their temporaries.
  struct RenamingPrinter : clang::PrinterHelper {
    explicit RenamingPrinter(ReverseBuilder &B) : B(B) {}
    bool handledStmt(clang::Stmt *S, llvm::raw_ostream &OS) override;
    ReverseBuilder &B;
  };

  Generator &G;
  DiffPlan &Plan;
  const clang::FunctionDecl *Fn;
  ActivityAnalysis AA;
  NameScope Names;
  RenamingPrinter Printer;
  std::string Tape;     ///< the tape parameter's name
  std::string SeedName; ///< f_rev's cotangent of the result
  std::string Ret;      ///< f_fwd's result variable
  bool ReturnsFloat = false;
  bool ReturnsMatrix = false;
  bool Failed = false;

  // Analysis results.
  llvm::DenseSet<const clang::VarDecl *> Reads;       ///< read by f_rev
  llvm::DenseSet<const clang::VarDecl *> Overwritten; ///< written again
  llvm::DenseSet<const clang::VarDecl *> Locals;      ///< declared in f
  llvm::SmallVector<const clang::VarDecl *, 16> LocalOrder;
  llvm::DenseSet<const clang::VarDecl *> Counted; ///< counted-loop indices
  llvm::DenseSet<const clang::VarDecl *> DeclaredInLoop;
  llvm::DenseSet<const clang::VarDecl *> WrittenStorage; ///< values stored into
  /// Compound writes to elements this call has already saved.
  llvm::DenseSet<const clang::Expr *> CoveredWrites;
  llvm::DenseSet<const clang::Expr *> BulkSaved; ///< saved with their loop
  /// Where the prepass is (statements in program order), where each
  /// statement's subtree ends, and where the reverse sweep first reads each
  /// variable (0: anywhere).
  unsigned ReadPosition = 0;
  llvm::DenseMap<const clang::Stmt *, unsigned> LastPosition;
  llvm::DenseMap<const clang::VarDecl *, unsigned> FirstRead;
  struct WriteSite {
    const clang::Expr *LHS;
    const clang::Stmt *S;         ///< the assignment
    const clang::Stmt *OuterLoop; ///< the outermost loop around it, if any
    unsigned Position;            ///< the prepass's, at S
  };
  std::vector<WriteSite> WriteSites;
  /// Writes that need no save: nothing reads the old value.
  llvm::DenseSet<const clang::Expr *> UnsavedWrites;
  /// Writes saved in a tape block, one slot per iteration: the slot.
  /// Branch decisions too (by if statement). Those the loop's code used.
  llvm::DenseMap<const clang::Stmt *, std::string> SlotFor;
  llvm::DenseSet<const clang::Stmt *> SlotsUsed;
  llvm::DenseSet<const clang::CallExpr *> ReadTemps; ///< temps f_rev reads
  llvm::DenseMap<const clang::VarDecl *,
                 llvm::SmallVector<const clang::Expr *, 2>>
      PointerSources; ///< what each pointer variable is assigned
  llvm::DenseMap<const clang::VarDecl *, const clang::VarDecl *> PointerBase;
  /// Pointers into f's own local arrays, by name, and the arrays' first
  /// elements (`&m[0][0]`): f_fwd and f_rev each have their own arrays, so
  /// the tape keeps such a pointer as an offset from there.
  std::map<std::string, std::string> PointerOrigin;
  /// Pointers into one of several arrays, and the same by name.
  llvm::DenseMap<const clang::VarDecl *, PointerChoice> PointerChoices;
  std::map<std::string, const clang::VarDecl *> ChoiceByName;
  std::vector<const clang::Stmt *> ExitStmts; ///< by id - 1
  std::vector<const clang::Stmt *> Enclosing; ///< during the prepass
  llvm::DenseMap<const clang::Stmt *, unsigned> ExitIds;
  llvm::DenseMap<const clang::Stmt *, llvm::SmallPtrSet<const clang::Stmt *, 4>>
      ExitCrosses; ///< the loops and switches each exit leaves
  llvm::DenseMap<const clang::Stmt *, unsigned> LabelIds; ///< case labels
  llvm::DenseMap<const clang::Stmt *, const clang::Stmt *> ExitTarget;
  llvm::DenseMap<const clang::Stmt *, llvm::SmallVector<unsigned, 2>> ExitsIn;
  /// In the order the calls were found, so the generated code is the same
  /// from one compilation to the next (a DenseMap's order is its pointers').
  llvm::MapVector<const clang::CallExpr *, std::string> CallTemps;
  llvm::DenseMap<const clang::CallExpr *, clang::QualType> CallTempTypes;
  /// Calls in conditions: only their value is needed, in f_fwd.
  llvm::DenseSet<const clang::CallExpr *> PrimalCalls;
  // Assignments inside larger expressions, run as statements of their own
  // before the expression, which reads their left sides instead (primal).
  llvm::DenseSet<const clang::Expr *> NestedWrites;
  llvm::DenseSet<const clang::CallExpr *> CallInLoop;
  /// Matrix products evaluated into temporaries: their plain matrix type.
  llvm::DenseMap<const clang::CallExpr *, std::string> ProductTemps;
  /// Products whose only use is their trace.
  llvm::DenseSet<const clang::Expr *> TracedProducts;
  /// Elementwise functions (exp, tanh, ...) that initialize a matrix local
  /// which keeps their value: the reverse sweep differentiates them from
  /// that value instead of recomputing them.
  llvm::DenseMap<const clang::Expr *, const clang::VarDecl *> ResultHeldBy;
  /// Scalar library calls whose derivative a local holds: (local, callee).
  llvm::DenseMap<const clang::CallExpr *,
                 std::pair<const clang::VarDecl *, std::string>>
      ScalarHeldBy;
  /// exp/sqrt/tanh calls of the statement being reversed, evaluated once
  /// into a temporary that the printer then prints instead.
  llvm::DenseMap<const clang::CallExpr *, std::string> CallValues;
  /// Matrix variables passed to non-const references (a callee may change
  /// them).
  llvm::DenseSet<const clang::VarDecl *> PassedByReference;
  llvm::DenseMap<const clang::Stmt *, std::unique_ptr<Level>> Levels;
  Level FunctionLevel;
  std::vector<Frame> Frames;
  Level *Current = &FunctionLevel;

  llvm::DenseMap<const clang::VarDecl *, std::string> AdjointNames;
  llvm::DenseMap<const clang::ParmVarDecl *, std::string> ParamAdjointNames;
  /// By-value parameters that f overwrites: their adjoint is collected
  /// locally and added to the caller's at the end.
  llvm::DenseSet<const clang::ParmVarDecl *> LocalAdjoint;
  bool WritesParameterMemory = false;
  bool CallWritesParams = false; ///< a callee restores our parameters' memory
  /// Local pointers that callees write through (into a parameter, maybe).
  llvm::DenseSet<const clang::VarDecl *> CallWrittenPointers;
  bool RestoreAllParams = false; ///< so every write through them is undone
  llvm::DenseMap<const clang::VarDecl *, std::string> LocalNames;
  std::vector<std::string> FwdDecls, RevDecls;
  std::string Definition;

  /// A loop whose iterations only add to one sum: the entry point runs
  /// each iteration's reverse right after it.
  struct FusedLoop {
    const clang::VarDecl *Sum = nullptr;
    std::string Coefficient; ///< d(result)/d(Sum), known before the loop
  };
  llvm::DenseMap<const clang::Stmt *, FusedLoop> FusedLoops;
  /// Arrays private to a loop's iterations, by loop (PrivateArrays.h): each
  /// is a pointer into the block \p Block, \p Extent elements an iteration.
  struct PrivateArray {
    const clang::VarDecl *A = nullptr;
    std::string Extent, Block, Type;
  };
  /// Arrays private to a loop as the AST tells (PrivateArrays.h), before
  /// loops are fused; those in loops that are not fused get blocks.
  struct PrivateCandidate {
    const clang::ForStmt *Loop = nullptr;
    ArrayUse Use;
  };
  llvm::MapVector<const clang::VarDecl *, PrivateCandidate> PrivateCandidates;
  llvm::DenseMap<const clang::Stmt *, std::vector<PrivateArray>> PrivateIn;
  llvm::DenseSet<const clang::VarDecl *> Privatized;
  /// The writes of [0, extent) that come first in an iteration: nothing to
  /// save. Calls that make them write through a fresh pointer (DiffPlan).
  llvm::DenseSet<const clang::Expr *> CoveringWrites;
  llvm::DenseMap<const clang::CallExpr *, std::vector<bool>> FreshArgs;
  /// Calls that get private arrays: those parameters may be restrict,
  /// which pays when the arrays are long (Cond: the extent is).
  struct RestrictCall {
    std::vector<bool> Mask;
    std::string Cond;
  };
  llvm::DenseMap<const clang::CallExpr *, RestrictCall> RestrictArgs;
  /// The entry point's code for each fused loop (both sweeps inside it).
  llvm::DenseMap<const clang::Stmt *, CodeWriter> FusedCode;
  /// The entry point's body when a loop is fused: both sweeps in one
  /// function, which share their locals (empty otherwise). The forward
  /// sweep ends at the label `_exit:`, where the reverse sweep starts.
  CodeWriter MergedBody, MergedTail;
};

} // namespace frechet

#endif
