//===- PragmaParser.h - the grammar of '#pragma frechet' -------*- C++ -*-===//
//
//   #pragma frechet <mode> [wrt(p1, p2, ...)] [name(identifier)]
//
// Reports every problem at the offending token and returns nothing then.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_PRAGMAPARSER_H
#define FRECHET_PRAGMAPARSER_H

#include "Request.h"

#include "clang/Lex/Token.h"
#include "llvm/ADT/ArrayRef.h"

namespace clang {
class Preprocessor;
}

namespace frechet {

/// Parses the tokens after `#pragma frechet` (without the end of directive).
/// \p PragmaLoc is the location of `#pragma`, \p EndLoc the end of the line.
std::optional<Request> parsePragma(clang::Preprocessor &PP,
                                   llvm::ArrayRef<clang::Token> Toks,
                                   clang::SourceLocation PragmaLoc,
                                   clang::SourceLocation EndLoc);

} // namespace frechet

#endif
