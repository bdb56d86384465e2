// Writes pupils and their SEN, attendance and assessment data. Only sync calls this.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/pupil_record.hpp"
#include "store/database.hpp"

namespace sm::store {

// What the store already holds about a pupil, enough to decide whether a record changes it.
struct HeldPupil {
  std::int64_t id = 0;
  std::int64_t school_id = 0;
  std::string fingerprint;
  std::string source_datetime;
};

// Where an incoming record comes from: the run, the file's DateTime and its kind.
struct RecordSource {
  std::int64_t import_id = 0;
  std::int64_t school_id = 0;
  std::string datetime;  // YYYY-MM-DDTHH:MM:SS
  model::Date date{};
  bool full = true;  // a full CTF: absent SEN history means no SEN now
};

class PupilStore {
 public:
  explicit PupilStore(Database& db);

  std::int64_t upsert_school(const model::SchoolRef& school);
  std::optional<HeldPupil> find(std::string_view upn);

  // Inserts or updates the pupil row and everything under it, in the caller's transaction.
  // Returns the pupil's id.
  std::int64_t save(const model::PupilRecord& record, const std::optional<HeldPupil>& held, const RecordSource& source,
                    std::string_view fingerprint);

 private:
  void merge_sen_status(std::int64_t pupil, const model::PupilRecord& record, const RecordSource& source, bool is_new);
  void merge_needs(std::int64_t pupil, const model::PupilRecord& record, const RecordSource& source, bool is_new);
  void replace_attendance(std::int64_t pupil, const model::PupilRecord& record, bool is_new);
  void replace_assessments(std::int64_t pupil, const model::PupilRecord& record, bool is_new);
  void replace_fsm(std::int64_t pupil, const model::PupilRecord& record, bool is_new);

  Database& db_;
  Statement find_pupil_, insert_pupil_, update_pupil_;
  Statement upsert_status_, current_status_;
  Statement held_needs_, insert_need_, update_need_, end_need_;
  Statement insert_attendance_, delete_assessments_, insert_result_;
  Statement delete_fsm_, insert_fsm_;
};

}  // namespace sm::store
