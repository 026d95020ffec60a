//===- frechet/tape.h - the value stack of reverse mode -------------------===//
//
// The forward sweep of generated reverse-mode code pushes what its reverse
// sweep will need (values about to be overwritten, branch decisions, loop
// trip counts); the reverse sweep pops them in the opposite order.
//
// Values live in 8-byte slots in large chunks: a push is a compare and a
// store, and memory is allocated only when a chunk fills up. Chunks are kept
// when the tape shrinks, so a second call of the same derivative allocates
// nothing. One tape per thread (default_tape()); generated functions pass it
// on to the functions they call.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_TAPE_H
#define FRECHET_TAPE_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace frechet {

class tape {
public:
  using slot = std::uint64_t;
  static constexpr std::size_t chunk_slots = std::size_t(1) << 16; // 512 KiB

  tape() = default;
  tape(const tape &) = delete;
  tape &operator=(const tape &) = delete;
  ~tape();

  /// Records \p V (any trivially copyable value of at most 16 bytes).
  template <class T> void push(const T &V) {
    static_assert(std::is_trivially_copyable_v<T>, "tape values are bits");
    constexpr std::size_t N = (sizeof(T) + sizeof(slot) - 1) / sizeof(slot);
    static_assert(N <= 2, "tape values are at most 16 bytes");
    if (End - Top < std::ptrdiff_t(N))
      grow();
    std::memcpy(Top, &V, sizeof(T));
    Top += N;
  }

  /// Removes the newest value, which must have been pushed as a T.
  template <class T> T pop() {
    constexpr std::size_t N = (sizeof(T) + sizeof(slot) - 1) / sizeof(slot);
    if (Top > Mark) // the high-water mark, for peak_bytes()
      Mark = Top;
    if (Top - Begin < std::ptrdiff_t(N))
      shrink();
    Top -= N;
    T V;
    std::memcpy(&V, Top, sizeof(T));
    return V;
  }

  /// Pops into \p V (restores an overwritten variable).
  template <class T> void pop_into(T &V) { V = pop<T>(); }

  /// Records / restores the \p N elements of a local array.
  template <class T> void push_array(const T *A, std::size_t N) {
    for (std::size_t I = 0; I < N; ++I)
      push(A[I]);
  }
  template <class T> void pop_array(T *A, std::size_t N) {
    for (std::size_t I = N; I-- > 0;)
      A[I] = pop<T>();
  }

  /// Records / restores a block of \p N bytes of any size (a matrix's
  /// coefficients). The block fills whole slots and, unlike a value, runs on
  /// across chunk boundaries, so a block larger than a chunk needs no chunk
  /// of its own size; pop_bytes must get the N its push_bytes got.
  void push_bytes(const void *P, std::size_t N) {
    const std::size_t Slots = (N + sizeof(slot) - 1) / sizeof(slot);
    if (N > 0 && std::size_t(End - Top) >= Slots) { // fits in this chunk
      std::memcpy(Top, P, N);
      Top += Slots;
      return;
    }
    push_bytes_across(P, N);
  }
  void pop_bytes(void *P, std::size_t N) {
    const std::size_t Slots = (N + sizeof(slot) - 1) / sizeof(slot);
    if (N > 0 && std::size_t(Top - Begin) >= Slots) { // all in this chunk
      if (Top > Mark)
        Mark = Top;
      Top -= Slots;
      std::memcpy(P, Top, N);
      return;
    }
    pop_bytes_across(P, N);
  }

  /// A block of \p N values of type T in consecutive slots, for a loop that
  /// saves one value per iteration: the forward sweep reserves it before the
  /// loop and stores into it, the reverse sweep gets the same block back from
  /// pop_block<T>(N) before its loop and reads it, with no call per value. A
  /// block never straddles two chunks (a block larger than a chunk gets a
  /// chunk of its own size); what is pushed after it must be popped before.
  template <class T> T *push_block(std::size_t N) {
    static_assert(std::is_arithmetic_v<T> && sizeof(T) <= sizeof(slot),
                  "a block holds scalars of at most one slot");
    const std::size_t Slots = (N * sizeof(T) + sizeof(slot) - 1) / sizeof(slot);
    if (std::size_t(End - Top) < Slots)
      grow(Slots);
    T *P = reinterpret_cast<T *>(Top);
    Top += Slots;
    return P;
  }
  template <class T> T *pop_block(std::size_t N) {
    const std::size_t Slots = (N * sizeof(T) + sizeof(slot) - 1) / sizeof(slot);
    if (Top > Mark)
      Mark = Top;
    if (std::size_t(Top - Begin) < Slots) // this chunk is empty: the block
      shrink();                           // ends the one below
    Top -= Slots;
    return reinterpret_cast<T *>(Top);
  }

  /// Slots in use now, and the most ever in use (for memory reports).
  std::size_t size() const;
  std::size_t peak_bytes() const;
  void reset_peak();

  /// Whether nothing is recorded (a reverse sweep popped all it pushed).
  bool empty() const { return size() == 0; }

private:
  void push_bytes_across(const void *P, std::size_t N); // chunk by chunk
  void pop_bytes_across(void *P, std::size_t N);
  // Move to the next chunk, allocating it (or a larger one than it, to have
  // MinSlots free) if needed.
  void grow(std::size_t MinSlots = 1);
  void shrink(); // move back to the previous chunk

  std::size_t slotsBefore() const; // in the chunks below the current one

  std::vector<slot *> Chunks;     // all allocated chunks, kept for reuse
  std::vector<std::size_t> Sizes; // their sizes in slots
  std::vector<std::size_t> Fill;  // slots used in each chunk below Current
  std::size_t Current = 0;        // index of the chunk in use, if any
  slot *Begin = nullptr, *Top = nullptr, *End = nullptr, *Mark = nullptr;
  std::size_t Below = 0; // sum of Fill
  std::size_t Peak = 0;  // in slots, up to the last chunk change
};

/// This thread's tape, used by the generated f_vjp / f_grad functions.
tape &default_tape();

} // namespace frechet

#endif // FRECHET_TAPE_H
