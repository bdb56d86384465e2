#include "ctf/ctf_scan.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "model/content_hash.hpp"
#include "model/utf8.hpp"

namespace sm::ctf {

CtfFile::CtfFile(const std::filesystem::path& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}

CtfFile::~CtfFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t CtfFile::read_at(std::uint64_t offset, std::size_t size, std::string& out) const {
  out.resize(size);
  std::size_t got = 0;
  while (got < size) {
    auto n = ::pread(fd_, out.data() + got, size - got, static_cast<off_t>(offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the end, or an error: the caller sees a short read
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return got;
}

std::string CtfFile::read_all() const {
  std::string all, chunk;
  for (std::uint64_t at = 0; read_at(at, 1 << 20, chunk) > 0; at += chunk.size()) all += chunk;
  return all;
}

std::pair<std::uint64_t, std::int64_t> CtfFile::stamp() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return {0, -1};
  return {static_cast<std::uint64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

namespace {

constexpr std::string_view kOpenData = "<CTFpupilData>", kCloseData = "</CTFpupilData>";
constexpr std::string_view kOpenPupil = "<Pupil>", kClosePupil = "</Pupil>";

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Finds the pupils' spans in text that arrives in pieces. Each piece is the bytes the last one
// could not decide on (a tag cut in two) followed by new bytes; `take` says how many of them it
// used, and the rest come round again in front of the next piece.
class SpanFinder {
 public:
  // `window` starts at file offset `base`. Returns the bytes used.
  std::size_t take(std::string_view window, std::uint64_t base, bool last) {
    std::size_t at = 0;
    while (state_ != State::unsafe && at < window.size()) {
      auto before = at;
      auto was = state_;
      at = step(window, at, base, last);
      if (at == before && state_ == was) break;  // needs more bytes
    }
    return state_ == State::unsafe ? window.size() : at;
  }

  std::optional<PupilSpans> finish() {
    // A second <CTFpupilData> after the first's close: the textual boundaries are not safe.
    if (state_ != State::after_data ||
        spans_.skeleton.find("CTFpupilData", tail_start_ + kCloseData.size()) != std::string::npos)
      return std::nullopt;
    return std::move(spans_);
  }

 private:
  enum class State { start, before_data, between, in_pupil, after_data, unsafe };

  std::size_t step(std::string_view w, std::size_t at, std::uint64_t base, bool last) {
    switch (state_) {
      case State::start: {
        // Plain UTF-8 only (a UTF-8 BOM is fine): other encodings go through the whole document.
        if (w.size() < 4 && !last) return at;
        bool bom = w.substr(0, 3) == "\xEF\xBB\xBF";
        if (w.size() <= (bom ? 3u : 0u) || w[bom ? 3 : 0] != '<') return unsafe();
        state_ = State::before_data;
        return at;
      }
      case State::before_data: {
        auto found = w.find(kOpenData, at);
        if (found == std::string_view::npos) {
          auto keep = std::max(at, w.size() >= kOpenData.size() ? w.size() - kOpenData.size() + 1 : 0);
          if (last) return unsafe();
          spans_.skeleton.append(w.substr(at, keep - at));
          return keep;
        }
        auto end = found + kOpenData.size();
        spans_.skeleton.append(w.substr(at, end - at));
        state_ = State::between;
        return end;
      }
      case State::between: {
        while (at < w.size() && is_space(w[at])) ++at;
        if (at == w.size()) return last ? unsafe() : at;
        if (w.size() - at < kCloseData.size() && !last) return at;  // a tag cut in two
        if (w.compare(at, kOpenPupil.size(), kOpenPupil) == 0) {
          pupil_start_ = base + at;
          state_ = State::in_pupil;
          return at + kOpenPupil.size();
        }
        if (w.compare(at, kCloseData.size(), kCloseData) == 0) {
          tail_start_ = spans_.skeleton.size();
          spans_.skeleton.append(w.substr(at));
          state_ = State::after_data;
          return w.size();
        }
        return unsafe();  // text, or another element, among the pupils
      }
      case State::in_pupil: {
        // One pass over the tags: the pupil's close, or a comment, CDATA or processing
        // instruction that makes the textual boundaries unsafe (pugixml then reads it whole).
        for (auto lt = w.find('<', at); lt != std::string_view::npos; lt = w.find('<', lt + 1)) {
          if (lt + 1 == w.size()) return last ? unsafe() : lt;  // cut after '<': decide next time
          auto next = w[lt + 1];
          if (next == '!' || next == '?') return unsafe();
          if (next != '/') continue;
          if (w.size() - lt < kClosePupil.size()) return last ? unsafe() : lt;
          if (w.compare(lt, kClosePupil.size(), kClosePupil) != 0) continue;
          auto end = lt + kClosePupil.size();
          spans_.pupils.emplace_back(pupil_start_, base + end);
          state_ = State::between;
          return end;
        }
        return last ? unsafe() : w.size();
      }
      case State::after_data:
        spans_.skeleton.append(w.substr(at));
        return w.size();
      case State::unsafe:
        return w.size();
    }
    return w.size();
  }

  std::size_t unsafe() {
    state_ = State::unsafe;
    spans_ = {};
    return 0;
  }

  State state_ = State::start;
  PupilSpans spans_;
  std::uint64_t pupil_start_ = 0;
  std::size_t tail_start_ = 0;  // where </CTFpupilData> starts in the skeleton
};

// UTF-8 checked in pieces: a sequence cut at the end of one piece is finished by the next.
class Utf8Check {
 public:
  void take(std::string_view piece, std::uint64_t base, bool last) {
    if (bad_) return;
    if (!carry_.empty()) {
      // The cut sequence, completed with as many bytes as its first byte says it has.
      auto lead = static_cast<unsigned char>(carry_[0]);
      std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      auto need = std::min(piece.size(), length > carry_.size() ? length - carry_.size() : 0);
      carry_.append(piece.substr(0, need));
      if (carry_.size() < length && !last) return;  // still cut: the next piece goes on with it
      if (auto bad = model::first_invalid_utf8(carry_)) {
        bad_ = carry_base_ + *bad;
        return;
      }
      carry_.clear();
      piece.remove_prefix(need);
      base += need;
    }
    auto bad = model::first_invalid_utf8(piece);
    if (!bad) return;
    if (!last && *bad + 4 > piece.size()) {  // may be a sequence the next piece finishes
      carry_.assign(piece.substr(*bad));
      carry_base_ = base + *bad;
      return;
    }
    bad_ = base + *bad;
  }
  // A sequence still cut at the end of the file is not UTF-8 either.
  std::optional<std::uint64_t> first_invalid() const { return carry_.empty() ? bad_ : carry_base_; }

 private:
  std::string carry_;
  std::uint64_t carry_base_ = 0;
  std::optional<std::uint64_t> bad_;
};

}  // namespace

CtfChecksum checksum_ctf(const CtfFile& file, std::size_t piece_bytes) {
  model::ContentHash hash;
  std::string piece;
  std::uint64_t offset = 0;
  while (auto got = file.read_at(offset, piece_bytes, piece)) {
    hash.update(piece.data(), got);
    offset += got;
    if (got < piece_bytes) break;
  }
  return {hash.hex(), offset};
}

CtfScan scan_ctf(const CtfFile& file, std::size_t piece_bytes) {
  CtfScan scan;
  SpanFinder spans;
  Utf8Check utf8;
  std::string piece, window;
  std::uint64_t offset = 0, window_base = 0;
  while (true) {
    auto got = file.read_at(offset, piece_bytes, piece);
    bool last = got < piece_bytes;
    utf8.take(piece, offset, last);
    window.append(piece);
    auto used = spans.take(window, window_base, last);
    window.erase(0, used);
    window_base += used;
    offset += got;
    if (last) break;
  }
  scan.file_bytes = offset;
  scan.first_invalid_utf8 = utf8.first_invalid();
  if (!scan.first_invalid_utf8) scan.spans = spans.finish();
  return scan;
}

}  // namespace sm::ctf
