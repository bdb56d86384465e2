// A stable digest of everything senmap stores from a pupil record, so an unchanged pupil
// in a newer file costs one comparison instead of a rewrite.
#pragma once
#include <string>

#include "model/pupil_record.hpp"

namespace sm::sync {

std::string record_fingerprint(const model::PupilRecord& record);

}  // namespace sm::sync
