//===- tape.cpp - the value stack of reverse mode -------------------------===//
#include "frechet/tape.h"

#include <algorithm>
#include <cstring>

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

void tape::grow(std::size_t MinSlots) {
  // A value never straddles two chunks: a two-slot value that does not fit
  // leaves the last slot unused; Fill remembers where each chunk ended.
  std::size_t Next = Begin ? Current + 1 : 0;
  std::size_t Size = std::max(chunk_slots, MinSlots);
  if (Next == Chunks.size()) {
    Chunks.push_back(new slot[Size]);
    Sizes.push_back(Size);
  } else if (Sizes[Next] < MinSlots) { // an unused chunk, too small for a block
    delete[] Chunks[Next];
    Chunks[Next] = new slot[Size];
    Sizes[Next] = Size;
  }
  if (Begin) {
    std::size_t Used = std::size_t(Top - Begin);
    Peak = std::max(Peak, Below + std::size_t(std::max(Top, Mark) - Begin));
    Fill.push_back(Used);
    Below += Used;
  }
  Current = Next;
  Begin = Top = Mark = Chunks[Current];
  End = Begin + Sizes[Current];
}

void tape::shrink() {
  Peak = std::max(Peak, Below + std::size_t(std::max(Top, Mark) - Begin));
  Current -= 1;
  Begin = Chunks[Current];
  End = Begin + Sizes[Current];
  Top = Mark = Begin + Fill.back();
  Below -= Fill.back();
  Fill.pop_back();
}

// A block is a run of whole slots that may continue in the next chunk: its
// first slots end one chunk (which is then full: Fill == its size) and the
// rest start the next, so popping takes its tail from the newest chunk first.
void tape::push_bytes_across(const void *P, std::size_t N) {
  const char *Src = static_cast<const char *>(P);
  while (N > 0) {
    if (Top == End)
      grow();
    std::size_t Room = std::size_t(End - Top) * sizeof(slot);
    std::size_t Bytes = std::min(N, Room);
    std::memcpy(Top, Src, Bytes);
    Top += (Bytes + sizeof(slot) - 1) / sizeof(slot);
    Src += Bytes;
    N -= Bytes;
  }
}

void tape::pop_bytes_across(void *P, std::size_t N) {
  if (N == 0)
    return;
  char *Dst = static_cast<char *>(P);
  std::size_t Slots = (N + sizeof(slot) - 1) / sizeof(slot);
  if (Top > Mark)
    Mark = Top;
  while (Slots > 0) {
    if (Top == Begin)
      shrink();
    std::size_t Take = std::min(Slots, std::size_t(Top - Begin));
    Top -= Take;
    Slots -= Take;
    // This piece holds the block's slots [Slots, Slots + Take); the last
    // slot of the block may be only partly used.
    std::size_t From = Slots * sizeof(slot);
    std::size_t Bytes = std::min(N, (Slots + Take) * sizeof(slot)) - From;
    std::memcpy(Dst + From, Top, Bytes);
  }
}

tape &default_tape() {
  static thread_local tape Tape;
  return Tape;
}

} // namespace frechet
