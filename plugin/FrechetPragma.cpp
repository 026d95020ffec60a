//===- FrechetPragma.cpp - '#pragma frechet' ------------------------------===//
//
// The pragma comes before the function it differentiates, but derivatives
// can only be built once the parser has finished that function. So the
// handler reads the function's tokens ahead, puts them back, and puts two
// more after them:
//
//   <the function's tokens> ;  _Pragma("frechet __frechet_emit N")
//
// The parser finishes the function when it reads the ';' (an empty
// declaration), and consuming the ';' lexes the _Pragma, which comes back
// here: the function is complete in the AST, so the engine builds the
// derivatives and this handler enters their source text as if it were
// #included at that point. The parser then reads the derivatives as
// ordinary declarations, right where f was defined, so later code (main)
// can call them and everything is type-checked by Clang itself.
//
//===----------------------------------------------------------------------===//
#include "Diagnostics.h"
#include "Generator.h"
#include "PragmaParser.h"
#include "Session.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace clang;

namespace frechet {
namespace {

constexpr const char *EmitKeyword = "__frechet_emit";

/// What follows a pragma, as far as the lookahead can tell.
struct Lookahead {
  std::vector<Token> Tokens;
  bool IsDefinition = false;
  SourceLocation RBraceLoc;
  const char *NotDefinition = nullptr; ///< why not, for the note
  SourceLocation DecidingLoc;          ///< where we decided
  const char *Unsupported = nullptr;   ///< a definition we refuse
};

bool isKeyword(const Token &T, const char *Word) {
  const IdentifierInfo *II = T.getIdentifierInfo();
  return II && II->getName() == Word;
}

/// Reads the tokens of the declaration that follows the pragma, up to the
/// end of a function body, a ';' at depth 0, or the end of the enclosing
/// scope. \p InBody tells pragmas met meanwhile whether they are inside
/// the function's body.
Lookahead readAhead(Preprocessor &PP, bool &InBody) {
  Lookahead L;
  int Depth = 0;
  bool SawParams = false, SawEquals = false, SawClassKey = false;
  bool Template = false;
  InBody = false;
  while (true) {
    Token T;
    PP.Lex(T);
    L.Tokens.push_back(T);
    if (T.is(tok::eof)) {
      L.NotDefinition = "the end of the file";
      L.DecidingLoc = T.getLocation();
      return L;
    }
    if (Depth == 0 && !InBody) {
      if (L.Tokens.size() == 1 && T.is(tok::kw_template))
        Template = true;
      if (T.isOneOf(tok::kw_if, tok::kw_for, tok::kw_while, tok::kw_do,
                    tok::kw_switch, tok::kw_return, tok::kw_else, tok::kw_case,
                    tok::kw_default, tok::kw_goto, tok::kw_break,
                    tok::kw_continue)) {
        L.NotDefinition = "a statement";
        L.DecidingLoc = L.Tokens.front().getLocation();
        return L;
      }
      if (!Template && T.isOneOf(tok::kw_struct, tok::kw_class, tok::kw_union,
                                 tok::kw_enum, tok::kw_namespace))
        SawClassKey = true;
      if (T.is(tok::equal))
        SawEquals = true;
      if (T.is(tok::kw_try) && SawParams) {
        L.Unsupported = "a function-try-block";
        L.DecidingLoc = T.getLocation();
        return L;
      }
      if (T.is(tok::colon) && SawParams) {
        L.Unsupported = "a constructor";
        L.DecidingLoc = T.getLocation();
        return L;
      }
      if (T.is(tok::semi)) {
        L.NotDefinition = SawParams ? "a declaration without a body"
                                    : "a declaration or a statement";
        L.DecidingLoc = L.Tokens.front().getLocation();
        return L;
      }
      if (T.is(tok::l_brace)) {
        if (!SawParams || SawEquals || SawClassKey) {
          L.NotDefinition = SawClassKey ? "a class, enum or namespace"
                                        : "something that is not a function";
          L.DecidingLoc = T.getLocation();
          return L;
        }
        InBody = true;
      }
    }
    if (T.isOneOf(tok::l_paren, tok::l_square, tok::l_brace)) {
      ++Depth;
    } else if (T.isOneOf(tok::r_paren, tok::r_square, tok::r_brace)) {
      --Depth;
      if (Depth < 0) {
        L.NotDefinition = "the end of the enclosing scope";
        L.DecidingLoc = T.getLocation();
        return L;
      }
      if (Depth == 0 && T.is(tok::r_paren))
        SawParams = true;
      if (Depth == 0 && InBody && T.is(tok::r_brace)) {
        L.IsDefinition = true;
        L.RBraceLoc = T.getLocation();
        return L;
      }
    }
  }
}

/// Whether the rest of the pragma's file contains a complete declaration
/// after \p Loc, judged by raw lexing. The handler must not lex up to the
/// end of the file: that would destroy the lexer that is running it.
bool definitionEndsInFile(Preprocessor &PP, SourceLocation Loc) {
  SourceManager &SM = PP.getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  FileID FID = SM.getFileID(Loc);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return false;
  unsigned Offset = SM.getFileOffset(Loc);
  Lexer Raw(SM.getLocForStartOfFile(FID), PP.getLangOpts(), Buffer.begin(),
            Buffer.begin() + Offset, Buffer.end());
  int Depth = 0;
  bool Opened = false;
  Token T;
  while (!Raw.LexFromRawLexer(T)) {
    if (T.is(tok::hash) && T.isAtStartOfLine()) {
      // Skip a directive line.
      while (!Raw.LexFromRawLexer(T) && !T.isAtStartOfLine())
        ;
      if (T.is(tok::eof))
        return false;
    }
    if (T.isOneOf(tok::l_brace, tok::l_paren, tok::l_square)) {
      Opened |= T.is(tok::l_brace);
      ++Depth;
    } else if (T.isOneOf(tok::r_brace, tok::r_paren, tok::r_square)) {
      if (--Depth < 0 || (Depth == 0 && Opened))
        return true;
    } else if (T.is(tok::semi) && Depth == 0) {
      return true;
    }
  }
  return false;
}

Token makeToken(tok::TokenKind K, SourceLocation Loc) {
  Token T;
  T.startToken();
  T.setKind(K);
  T.setLocation(Loc);
  T.setLength(0);
  return T;
}

void enterTokens(Preprocessor &PP, const std::vector<Token> &Toks,
                 bool DisableExpansion) {
  auto Copy = std::make_unique<Token[]>(Toks.size());
  std::copy(Toks.begin(), Toks.end(), Copy.get());
  PP.EnterTokenStream(std::move(Copy), Toks.size(), DisableExpansion,
                      /*IsReinject=*/true);
}

/// A location in a one-character system buffer: the ';' we add must not
/// trip -Wextra-semi in the user's file.
SourceLocation separatorLoc(Preprocessor &PP, SourceLocation IncludeLoc) {
  SourceManager &SM = PP.getSourceManager();
  FileID FID =
      SM.createFileID(llvm::MemoryBuffer::getMemBufferCopy(";", "<frechet>"),
                      SrcMgr::C_System, 0, 0, IncludeLoc);
  return SM.getLocForStartOfFile(FID);
}

class FrechetPragmaHandler : public PragmaHandler {
public:
  FrechetPragmaHandler() : PragmaHandler("frechet") {}

  void HandlePragma(Preprocessor &PP, PragmaIntroducer Introducer,
                    Token &FirstToken) override;

private:
  void emit(Preprocessor &PP, unsigned Id, SourceLocation Loc);

  /// Set while reading ahead: pragmas met then belong to the same function,
  /// unless they are inside its body.
  bool InLookahead = false;
  bool InBody = false;
  std::vector<Request> Stacked;
};

void FrechetPragmaHandler::HandlePragma(Preprocessor &PP,
                                        PragmaIntroducer Introducer,
                                        Token &FirstToken) {
  std::vector<Token> Line;
  Token Tok;
  PP.LexUnexpandedToken(Tok);
  while (Tok.isNot(tok::eod) && Tok.isNot(tok::eof)) {
    Line.push_back(Tok);
    PP.LexUnexpandedToken(Tok);
  }
  SourceLocation EndLoc = Tok.getLocation();

  if (!Line.empty() && isKeyword(Line[0], EmitKeyword) && Line.size() == 2 &&
      Line[1].is(tok::numeric_constant)) {
    unsigned Id = 0;
    if (!PP.getSpelling(Line[1]).empty() &&
        !StringRef(PP.getSpelling(Line[1])).getAsInteger(10, Id)) {
      emit(PP, Id, Line[0].getLocation());
      return;
    }
  }
  if (PP.isPreprocessedOutput())
    return;

  std::optional<Request> R = parsePragma(PP, Line, Introducer.Loc, EndLoc);
  if (!R)
    return;
  if (InLookahead && InBody) {
    report(PP.getDiagnostics(), R->PragmaLoc, Diag::PragmaNotBeforeFunction);
    report(PP.getDiagnostics(), EndLoc, Diag::NotePragmaIgnoredHere)
        << "a statement";
    return;
  }
  if (InLookahead) {
    Stacked.push_back(*R);
    return;
  }

  if (!definitionEndsInFile(PP, EndLoc)) {
    report(PP.getDiagnostics(), R->PragmaLoc, Diag::PragmaNotBeforeFunction);
    report(PP.getDiagnostics(), EndLoc, Diag::NotePragmaIgnoredHere)
        << "the end of the file";
    return;
  }

  InLookahead = true;
  Stacked.clear();
  Lookahead L = readAhead(PP, InBody);
  InLookahead = false;
  std::vector<Request> Requests{*R};
  Requests.insert(Requests.end(), Stacked.begin(), Stacked.end());

  if (!L.IsDefinition) {
    if (L.Unsupported) {
      report(PP.getDiagnostics(), L.DecidingLoc,
             Diag::PragmaUnsupportedDefinition)
          << L.Unsupported;
    } else {
      for (const Request &Q : Requests) {
        report(PP.getDiagnostics(), Q.PragmaLoc, Diag::PragmaNotBeforeFunction);
        report(PP.getDiagnostics(), L.DecidingLoc, Diag::NotePragmaIgnoredHere)
            << L.NotDefinition;
      }
    }
    enterTokens(PP, L.Tokens, /*DisableExpansion=*/true);
    return;
  }

  PendingFunction F;
  F.Requests = std::move(Requests);
  F.RBraceLoc = L.RBraceLoc;
  unsigned Id = Session::get().addPending(std::move(F));

  SourceLocation Sep = separatorLoc(PP, L.RBraceLoc);
  std::vector<Token> Trigger;
  Token Pragma = makeToken(tok::identifier, Sep);
  Pragma.setIdentifierInfo(PP.getIdentifierInfo("_Pragma"));
  Trigger.push_back(Pragma);
  Trigger.push_back(makeToken(tok::l_paren, Sep));
  Token Str = makeToken(tok::string_literal, Sep);
  std::string Text =
      "\"frechet " + std::string(EmitKeyword) + " " + std::to_string(Id) + "\"";
  PP.CreateString(Text, Str, Sep, Sep);
  Trigger.push_back(Str);
  Trigger.push_back(makeToken(tok::r_paren, Sep));

  L.Tokens.push_back(makeToken(tok::semi, Sep));
  // Token streams are a stack: the trigger goes in first so it comes last.
  enterTokens(PP, Trigger, /*DisableExpansion=*/false);
  enterTokens(PP, L.Tokens, /*DisableExpansion=*/true);
}

void FrechetPragmaHandler::emit(Preprocessor &PP, unsigned Id,
                                SourceLocation Loc) {
  std::optional<PendingFunction> F = Session::get().takePending(Id);
  Sema *S = Session::get().S;
  if (!F) {
    // Only our own trigger may use the internal keyword.
    report(PP.getDiagnostics(), Loc, Diag::PragmaUnknownMode) << EmitKeyword;
    return;
  }
  if (!S)
    return;
  FunctionDecl *FD = nullptr;
  auto Consider = [&](Decl *D) {
    auto *Cand = dyn_cast<FunctionDecl>(D);
    if (auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      Cand = FTD->getTemplatedDecl();
    if (Cand && Cand->doesThisDeclarationHaveABody() && Cand->getBody() &&
        Cand->getBody()->getEndLoc() == F->RBraceLoc)
      FD = Cand;
  };
  for (Decl *D : S->CurContext->decls()) {
    Consider(D);
    // extern "C" double f(double x) { ... }
    if (auto *LS = dyn_cast<LinkageSpecDecl>(D))
      if (!LS->hasBraces())
        for (Decl *Inner : LS->decls())
          Consider(Inner);
  }
  if (!FD && isa<RecordDecl>(S->CurContext)) {
    // Member functions defined in their class are parsed after the class.
    for (const Request &Q : F->Requests)
      report(PP.getDiagnostics(), Q.PragmaLoc,
             Diag::PragmaUnsupportedDefinition)
          << "a member function";
    return;
  }
  // Not found: the definition did not parse, and Clang said why.
  if (!FD || FD->isInvalidDecl())
    return;
  Generator Gen(*S, Session::get().planner());
  std::string Code = Gen.run(FD, F->Requests);
  if (Code.empty())
    return;
  Session::get().publish(Code);
  // Generated code lives in a system buffer: the user's warning flags are
  // for their code, not ours (errors still show).
  SourceManager &SM = PP.getSourceManager();
  FileID FID = SM.createFileID(
      llvm::MemoryBuffer::getMemBufferCopy(
          Code, "<frechet: derivatives of " + FD->getNameAsString() + ">"),
      SrcMgr::C_System, 0, 0, F->RBraceLoc);
  PP.EnterSourceFile(FID, nullptr, F->RBraceLoc);
}

} // namespace
} // namespace frechet

static clang::PragmaHandlerRegistry::Add<frechet::FrechetPragmaHandler>
    Y("frechet", "#pragma frechet <mode> [wrt(...)] [name(...)]");
