// The one thread that writes a source run's pupils to the store, while the reading thread
// goes on parsing and validating: the two overlap on the machine's two cores.
#pragma once
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "model/pupil_record.hpp"
#include "store/pupil_store.hpp"
#include "sync/ctf_import.hpp"
#include "sync/hand_over.hpp"

namespace sm::sync {

class StoreWriter {
 public:
  // Starts the writer. `report`'s counters and warnings belong to it until finish().
  StoreWriter(store::PupilStore& pupils, store::RecordSource source, ImportReport& report);
  ~StoreWriter();  // stops and joins the thread if finish() was not reached (an error elsewhere)
  StoreWriter(const StoreWriter&) = delete;
  StoreWriter& operator=(const StoreWriter&) = delete;

  // Queues a validated pupil and its fingerprint. Throws the writer's error if it has failed.
  void submit(model::PupilRecord&& record, std::string fingerprint);

  // Waits for every queued pupil to be written; rethrows the writer's error, if any.
  void finish();

 private:
  struct Item {
    model::PupilRecord record;
    std::string fingerprint;
  };
  // Pupils cross between the threads in batches: one wake-up per pupil would cost more in
  // context switches than writing the pupil does.
  using Batch = std::vector<Item>;
  static constexpr std::size_t kBatchSize = 32;
  void run();
  void apply(Item& item);

  store::PupilStore& pupils_;
  store::RecordSource source_;
  ImportReport& report_;
  Batch filling_;
  HandOver<Batch> queue_{4};
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace sm::sync
