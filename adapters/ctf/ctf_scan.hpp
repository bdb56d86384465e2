// A CTF file read through a small buffer used again and again: first its checksum (an unchanged
// file, the usual night, needs nothing more), then whether it is all UTF-8 and where each
// <Pupil> element lies, so pupils can be fetched one batch at a time. Nothing holds the whole
// file. Why: on a virtual machine where touching fresh memory is dear, reading a 13 MB export
// into a new buffer cost more than parsing half of it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sm::ctf {

// An open file read with pread, so the pupils can be fetched by offset after the scan. Closed
// with the object.
class CtfFile {
 public:
  explicit CtfFile(const std::filesystem::path& path);  // !is_open() when it cannot be opened
  ~CtfFile();
  CtfFile(const CtfFile&) = delete;
  CtfFile& operator=(const CtfFile&) = delete;

  bool is_open() const { return fd_ >= 0; }
  // Bytes read at `offset` into `out` (resized to what was read): fewer than `size` at the end.
  std::size_t read_at(std::uint64_t offset, std::size_t size, std::string& out) const;
  // The whole file, for the rare paths that need it all at once (a refused file's message).
  std::string read_all() const;
  // Size and modification time now: compared before and after a read to notice a file the MIS
  // rewrote in place while senmap read it.
  std::pair<std::uint64_t, std::int64_t> stamp() const;

 private:
  int fd_ = -1;
};

// Where each <Pupil>...</Pupil> starts and ends in a plain UTF-8 CTF, so pupils can be parsed
// one by one and the store starts writing while the rest is still being read.
struct PupilSpans {
  std::string skeleton;  // the file without its pupils: up to <CTFpupilData>, then from </CTFpupilData>
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pupils;  // [start, end) in the file
};

struct CtfScan {
  std::uint64_t file_bytes = 0;
  std::optional<std::uint64_t> first_invalid_utf8;  // offset of the first byte that is not UTF-8
  // Empty when anything makes textual boundaries unsafe (comments, CDATA, processing
  // instructions or attributes among the pupils, another encoding): the whole document is
  // parsed instead.
  std::optional<PupilSpans> spans;
};

// `piece_bytes` is how much is read at a time: 256 KiB keeps reads few and stays in the cache
// (tests pass a few bytes to cut every tag and every UTF-8 sequence somewhere).
inline constexpr std::size_t kScanPieceBytes = std::size_t{256} * 1024;

struct CtfChecksum {
  std::string hex;  // XXH3-128 of the file's bytes
  std::uint64_t file_bytes = 0;
};
CtfChecksum checksum_ctf(const CtfFile& file, std::size_t piece_bytes = kScanPieceBytes);
CtfScan scan_ctf(const CtfFile& file, std::size_t piece_bytes = kScanPieceBytes);

}  // namespace sm::ctf
