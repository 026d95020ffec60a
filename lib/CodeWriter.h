//===- CodeWriter.h - indented lines of generated C++ ----------*- C++ -*-===//
#ifndef FRECHET_CODEWRITER_H
#define FRECHET_CODEWRITER_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace frechet {

class CodeWriter {
public:
  /// One line at the current indentation.
  void line(llvm::StringRef Text);
  /// A line that opens a block ("if (c) {"), indenting what follows.
  void open(llvm::StringRef Text);
  /// Closes a block with \p Text (usually "}").
  void close(llvm::StringRef Text = "}");
  /// Closes a block and opens the next on one line ("} else {").
  void reopen(llvm::StringRef Text);
  /// Appends lines written by another writer, indented to this level.
  void append(const CodeWriter &Other);
  /// A label ("case 1:"), half a level out like clang-format does.
  void label(llvm::StringRef Text);

  /// One more level for what follows, without an opening line.
  void indent() { ++Depth; }

  bool empty() const { return Out.empty(); }
  const std::string &str() const { return Out; }

private:
  std::string Out;
  unsigned Depth = 0;
};

} // namespace frechet

#endif
