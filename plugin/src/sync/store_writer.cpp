#include "sync/store_writer.hpp"

#include <utility>

#include "sync/pupil_apply.hpp"

namespace sm::sync {

StoreWriter::StoreWriter(store::PupilStore& pupils, store::RecordSource source, ImportReport& report)
    : pupils_(pupils), source_(std::move(source)), report_(report), thread_([this] { run(); }) {}

StoreWriter::~StoreWriter() {
  if (thread_.joinable()) {
    queue_.abort();
    thread_.join();
  }
}

void StoreWriter::submit(model::PupilRecord&& record, std::string fingerprint) {
  filling_.push_back(Item{std::move(record), std::move(fingerprint)});
  if (filling_.size() >= kBatchSize && !queue_.push(std::exchange(filling_, {})))
    finish();  // the writer stopped: surface its error
}

void StoreWriter::finish() {
  if (thread_.joinable()) {
    // A push after the writer failed returns false at once; its error is rethrown below.
    if (!filling_.empty()) queue_.push(std::exchange(filling_, {}));
    queue_.close();
    thread_.join();
  }
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

void StoreWriter::run() {
  try {
    while (auto batch = queue_.pop())
      for (auto& item : *batch) apply(item);
  } catch (...) {
    error_ = std::current_exception();
    queue_.abort();
  }
}

void StoreWriter::apply(Item& item) {
  apply_pupil(pupils_, item.record, source_, item.fingerprint, report_);
}

}  // namespace sm::sync
