//===- PragmaParser.cpp - the grammar of '#pragma frechet' ----------------===//
#include "PragmaParser.h"

#include "Diagnostics.h"

#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace frechet {

const char *modeName(Mode M) {
  switch (M) {
  case Mode::Forward:
    return "forward";
  case Mode::Reverse:
    return "reverse";
  case Mode::Gradient:
    return "gradient";
  case Mode::Hessian:
    return "hessian";
  case Mode::Jacobian:
    return "jacobian";
  }
  return "forward";
}

namespace {

/// A cursor over the pragma's tokens; reading past the end yields EndLoc.
class PragmaParser {
public:
  PragmaParser(Preprocessor &PP, ArrayRef<Token> Toks, SourceLocation EndLoc)
      : PP(PP), Toks(Toks), EndLoc(EndLoc) {}

  std::optional<Request> parse(SourceLocation PragmaLoc);

private:
  bool atEnd() const { return Pos >= Toks.size(); }
  const Token &peek() const { return Toks[Pos]; }
  SourceLocation loc() const { return atEnd() ? EndLoc : peek().getLocation(); }
  std::string spelling() const {
    return atEnd() ? std::string("end of line") : PP.getSpelling(peek());
  }
  bool isIdentifier() const {
    return !atEnd() && peek().getIdentifierInfo() &&
           !peek().isOneOf(tok::numeric_constant, tok::string_literal);
  }
  DiagnosticBuilder error(SourceLocation L, Diag D) {
    return report(PP.getDiagnostics(), L, D);
  }

  bool parseClause(Request &R);
  bool parseNameList(StringRef Clause, std::vector<NamedToken> &Out,
                     const char *What, bool Single);

  Preprocessor &PP;
  ArrayRef<Token> Toks;
  SourceLocation EndLoc;
  size_t Pos = 0;
  SourceLocation NameClauseLoc;
};

std::optional<Request> PragmaParser::parse(SourceLocation PragmaLoc) {
  Request R;
  R.PragmaLoc = PragmaLoc;
  if (!isIdentifier()) {
    error(loc(), Diag::PragmaMissingMode);
    return std::nullopt;
  }
  std::string ModeWord = spelling();
  R.ModeLoc = loc();
  std::optional<Mode> M = llvm::StringSwitch<std::optional<Mode>>(ModeWord)
                              .Case("forward", Mode::Forward)
                              .Case("reverse", Mode::Reverse)
                              .Case("gradient", Mode::Gradient)
                              .Case("hessian", Mode::Hessian)
                              .Case("jacobian", Mode::Jacobian)
                              .Default(std::nullopt);
  if (!M) {
    error(R.ModeLoc, Diag::PragmaUnknownMode) << ModeWord;
    return std::nullopt;
  }
  R.M = *M;
  ++Pos;
  while (!atEnd())
    if (!parseClause(R))
      return std::nullopt;
  if (R.M == Mode::Hessian || R.M == Mode::Jacobian) {
    error(R.ModeLoc, Diag::PragmaModeNotSupported) << ModeWord;
    return std::nullopt;
  }
  return R;
}

bool PragmaParser::parseClause(Request &R) {
  if (!isIdentifier()) {
    error(loc(), Diag::PragmaStrayToken) << spelling();
    return false;
  }
  std::string Clause = spelling();
  SourceLocation ClauseLoc = loc();
  if (Clause == "wrt") {
    if (R.HasWrt) {
      error(ClauseLoc, Diag::PragmaDuplicateClause) << Clause;
      error(R.WrtLoc, Diag::NotePreviousClause) << Clause;
      return false;
    }
    R.HasWrt = true;
    R.WrtLoc = ClauseLoc;
    ++Pos;
    if (!parseNameList(Clause, R.Wrt, "a parameter name", false))
      return false;
    for (size_t I = 0; I < R.Wrt.size(); ++I)
      for (size_t J = 0; J < I; ++J)
        if (R.Wrt[I].Name == R.Wrt[J].Name) {
          error(R.Wrt[I].Loc, Diag::PragmaDuplicateWrt) << R.Wrt[I].Name;
          return false;
        }
    return true;
  }
  if (Clause == "name") {
    if (R.Name) {
      error(ClauseLoc, Diag::PragmaDuplicateClause) << Clause;
      error(NameClauseLoc, Diag::NotePreviousClause) << Clause;
      return false;
    }
    NameClauseLoc = ClauseLoc;
    ++Pos;
    std::vector<NamedToken> Names;
    if (!parseNameList(Clause, Names, "an identifier", true))
      return false;
    R.Name = Names.front();
    return true;
  }
  error(ClauseLoc, Diag::PragmaUnknownClause) << Clause;
  return false;
}

bool PragmaParser::parseNameList(StringRef Clause, std::vector<NamedToken> &Out,
                                 const char *What, bool Single) {
  if (atEnd() || peek().isNot(tok::l_paren)) {
    error(loc(), Diag::PragmaExpectedLParen) << Clause;
    return false;
  }
  SourceLocation LParen = loc();
  ++Pos;
  while (true) {
    // A keyword (name(int)) cannot name a function.
    if (!isIdentifier() || (Single && !peek().is(tok::identifier))) {
      if (atEnd()) {
        error(loc(), Diag::PragmaExpectedRParen) << Clause;
        error(LParen, Diag::NoteMatchingLParen);
      } else {
        error(loc(), Diag::PragmaExpectedIdentifier) << What << Clause;
      }
      return false;
    }
    Out.push_back({spelling(), loc()});
    ++Pos;
    if (!atEnd() && peek().is(tok::comma) && !Single) {
      ++Pos;
      continue;
    }
    if (!atEnd() && peek().is(tok::r_paren)) {
      ++Pos;
      return true;
    }
    if (atEnd()) {
      error(loc(), Diag::PragmaExpectedRParen) << Clause;
      error(LParen, Diag::NoteMatchingLParen);
    } else {
      error(loc(), Diag::PragmaStrayToken) << spelling();
    }
    return false;
  }
}

} // namespace

std::optional<Request> parsePragma(Preprocessor &PP, ArrayRef<Token> Toks,
                                   SourceLocation PragmaLoc,
                                   SourceLocation EndLoc) {
  return PragmaParser(PP, Toks, EndLoc).parse(PragmaLoc);
}

} // namespace frechet
