//===- CodeWriter.cpp - indented lines of generated C++ -------------------===//
#include "CodeWriter.h"

#include "llvm/ADT/SmallVector.h"

namespace frechet {

void CodeWriter::line(llvm::StringRef Text) {
  Out.append(2 * Depth, ' ');
  Out += Text;
  Out += '\n';
}

void CodeWriter::open(llvm::StringRef Text) {
  line(Text);
  ++Depth;
}

void CodeWriter::close(llvm::StringRef Text) {
  if (Depth > 0)
    --Depth;
  line(Text);
}

void CodeWriter::reopen(llvm::StringRef Text) {
  close(Text);
  ++Depth;
}

void CodeWriter::label(llvm::StringRef Text) {
  unsigned Saved = Depth;
  if (Depth > 0)
    --Depth;
  line(Text);
  Depth = Saved;
}

void CodeWriter::append(const CodeWriter &Other) {
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  llvm::StringRef(Other.Out).split(Lines, '\n', -1, false);
  for (llvm::StringRef L : Lines)
    line(L);
}

} // namespace frechet
