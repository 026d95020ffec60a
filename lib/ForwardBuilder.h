//===- ForwardBuilder.h - forward-mode (JVP) code for one plan -*- C++ -*-===//
//
// Writes `f_jvp`: f's own statements, each preceded or followed by the
// statements that carry its tangents. Tangent statements come before an
// assignment (they read the old values) and after a declaration. Calls whose
// results are needed are hoisted into temporaries so that nothing is
// evaluated twice. ForwardStmt.cpp has the statements, ForwardExpr.cpp the
// expressions and calls.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_FORWARDBUILDER_H
#define FRECHET_FORWARDBUILDER_H

#include "ActivityAnalysis.h"
#include "CodeWriter.h"
#include "DiffPlanner.h"
#include "EigenExpr.h"
#include "ExprText.h"
#include "NameScope.h"

#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace frechet {

class Generator;

class ForwardBuilder {
public:
  ForwardBuilder(Generator &G, DiffPlan &Plan);

  /// Builds the derivative; false if an error was reported.
  bool build();

  /// "R f_jvp(params)" without a body.
  std::string signature() const;
  /// The whole function definition.
  const std::string &definition() const { return Definition; }

private:
  /// A primal value and its tangent (absent: known to be zero).
  struct Dual {
    Code Primal;
    Tangent T;
  };

  // Statements (ForwardStmt.cpp).
  void stmt(const clang::Stmt *S);
  void contents(const clang::Stmt *S);
  void declStmt(const clang::DeclStmt *DS);
  void varDecl(const clang::VarDecl *VD);
  void exprStmt(const clang::Expr *E);
  void returnStmt(const clang::ReturnStmt *RS);
  void ifStmt(const clang::IfStmt *IS, bool Chained);
  void forStmt(const clang::ForStmt *FS);
  void whileStmt(const clang::WhileStmt *WS);
  void doStmt(const clang::DoStmt *DS);
  void switchStmt(const clang::SwitchStmt *SS);
  void scopedStmt(const clang::Stmt *S);
  bool isInactiveStmt(const clang::Stmt *S) const;
  std::string stmtText(const clang::Stmt *S);
  std::string conditionText(const clang::Expr *Cond,
                            const clang::VarDecl *CondVar);
  std::string incrementText(const clang::Expr *Inc);
  bool prescan(const clang::Stmt *S);

  // Expressions (ForwardExpr.cpp).
  Dual rvalue(const clang::Expr *E);
  Dual operandValue(const clang::Expr *E);
  Dual binary(const clang::BinaryOperator *BO);
  Dual unary(const clang::UnaryOperator *UO);
  Dual conditional(const clang::ConditionalOperator *CO);
  std::optional<Dual> call(const clang::CallExpr *CE, bool Discarded);
  std::optional<std::string> callText(const clang::CallExpr *CE);
  void assign(const clang::BinaryOperator *BO);
  void incDec(const clang::UnaryOperator *UO);
  Code condition(const clang::Expr *E);
  bool hasActiveEffects(const clang::Expr *E,
                        const clang::Expr **Where = nullptr) const;
  Code hoist(const Code &C, clang::QualType T);
  std::string indexText(const clang::Expr *Index);
  void initList(const clang::InitListExpr *ILE, std::string &P, std::string &T);

  // Eigen matrices (ForwardMatrix.cpp).
  bool isEigenExpr(const clang::Expr *E) const;
  bool cheapEigen(const clang::Expr *E) const;
  Dual eigen(const clang::Expr *E);
  Dual eigenOperand(const clang::Expr *E);
  Dual eigenMethod(const EigenOp &Op);
  Dual arrayFunction(const EigenOp &Op);
  void commaInit(const CommaInit &CI, const clang::Expr *E);
  Dual broadcastArith(const EigenOp &Op, const Broadcast &B);
  Dual broadcastReduce(const EigenOp &Op, const Broadcast &B);
  Dual eigenRule(llvm::StringRef Rule, const clang::Expr *Loc,
                 llvm::ArrayRef<Dual> Operands);
  Dual arithmetic(clang::BinaryOperatorKind Op, const Dual &L, const Dual &R);
  std::string eigenArgs(const EigenOp &Op);
  Code hoistEigen(const Code &C);
  std::string zeroMatrix(clang::QualType T, const Code &Like);
  void eigenAssign(const EigenOp &Op);
  bool eigenStatement(const clang::Expr *E);
  void eigenVarDecl(const clang::VarDecl *VD);

  // Helpers.
  const std::string &tangentName(const clang::VarDecl *VD);
  std::string zero(clang::QualType T) const { return zeroLiteral(T); }
  std::string type(clang::QualType T) const;
  void fail(clang::SourceLocation Loc, Diag D,
            llvm::ArrayRef<std::string> Args = {});
  const clang::ASTContext &ctx() const;

  Generator &G;
  DiffPlan &Plan;
  const clang::FunctionDecl *Fn;
  ActivityAnalysis AA;
  NameScope Names;
  llvm::DenseMap<const clang::VarDecl *, std::string> TangentNames;
  CodeWriter Body;
  CodeWriter *Out = &Body;
  std::string Definition;
  bool Failed = false;
  bool DeclaredTemporary = false; ///< set whenever a hoisted temp is declared
  bool ReturnsFloat = false;
  bool ReturnsMatrix = false;
};

} // namespace frechet

#endif
