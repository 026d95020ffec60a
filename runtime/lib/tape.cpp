//===- tape.cpp - the value stack of reverse mode -------------------------===//
#include "frechet/tape.h"

#include <algorithm>

namespace frechet {

tape::~tape() {
  for (slot *C : Chunks)
    delete[] C;
}

std::size_t tape::slotsBefore() const { return Below; }

std::size_t tape::size() const {
  return Begin ? Below + std::size_t(Top - Begin) : 0;
}

std::size_t tape::peak_bytes() const {
  std::size_t InChunk =
      Begin ? Below + std::size_t(std::max(Top, Mark) - Begin) : 0;
  return std::max(Peak, InChunk) * sizeof(slot);
}

void tape::reset_peak() {
  Peak = size();
  Mark = Top;
}

void tape::grow() {
  // A value never straddles two chunks: a two-slot value that does not fit
  // leaves the last slot unused; Fill remembers where each chunk ended.
  std::size_t Next = Begin ? Current + 1 : 0;
  if (Next == Chunks.size())
    Chunks.push_back(new slot[chunk_slots]);
  if (Begin) {
    std::size_t Used = std::size_t(Top - Begin);
    Peak = std::max(Peak, Below + std::size_t(std::max(Top, Mark) - Begin));
    Fill.push_back(Used);
    Below += Used;
  }
  Current = Next;
  Begin = Top = Mark = Chunks[Current];
  End = Begin + chunk_slots;
}

void tape::shrink() {
  Peak = std::max(Peak, Below + std::size_t(std::max(Top, Mark) - Begin));
  Current -= 1;
  Begin = Chunks[Current];
  End = Begin + chunk_slots;
  Top = Mark = Begin + Fill.back();
  Below -= Fill.back();
  Fill.pop_back();
}

tape &default_tape() {
  static thread_local tape Tape;
  return Tape;
}

} // namespace frechet
